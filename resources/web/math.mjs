// SPDX-License-Identifier: GPL-3.0-or-later
// Math as GitHub typesets it: MathJax 3, TeX in, SVG out. Each formula's SVG carries its own
// glyphs (fontCache 'local'), so an exported or copied formula draws without the page. A TeX
// mistake is drawn by MathJax itself, in place, as GitHub shows it.
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { browserAdaptor } from 'mathjax-full/js/adaptors/browserAdaptor.js';
import { HTMLHandler } from 'mathjax-full/js/handlers/html/HTMLHandler.js';
import { SafeHandler } from 'mathjax-full/js/ui/safe/SafeHandler.js';
import { AllPackages } from 'mathjax-full/js/input/tex/AllPackages.js';

// Every package but the two that load more code at run time (there is nothing to load) and
// noerrors: GitHub shows TeX's error message in the formula's place ("Missing or unrecognized
// delimiter for \left"), not the source. An undefined macro shows as its name, in red
// (noundefined), as on GitHub.
const skipped = new Set(['autoload', 'require', 'noerrors']);
const packages = AllPackages.filter((name) => !skipped.has(name));

let document_ = null;

function mathDocument() {
  if (!document_) {
    // MathJax's safe mode: what a formula says (\href, \class, \style, \cssId) passes its
    // filters, so a link is http, https or file only and no style can lay a formula over the page.
    mathjax.handlers.register(SafeHandler(new HTMLHandler(browserAdaptor())));
    document_ = mathjax.document(document, {
      InputJax: new TeX({ packages }),
      OutputJax: new SVG({ fontCache: 'local' }),
    });
  }
  return document_;
}

// What MathJax's style sheet says that a formula needs to look right, written on the formula
// itself, so that a formula taken out of the page (export, copy) looks the same: the layout of
// display math, and the red on yellow of an error.
function carryStyles(container, display) {
  container.style.direction = 'ltr';
  if (display) {
    Object.assign(container.style, { display: 'block', textAlign: 'center', margin: '1em 0' });
  }
  const svg = container.querySelector('svg');
  if (svg) {
    Object.assign(svg.style, { overflow: 'visible', minHeight: '1px', minWidth: '1px' });
  }
  for (const text of container.querySelectorAll('g[data-mml-node="merror"] > g')) {
    text.setAttribute('fill', 'red');
    text.setAttribute('stroke', 'red');
  }
  for (const background of container.querySelectorAll(
    'g[data-mml-node="merror"] > rect[data-background]')) {
    background.setAttribute('fill', 'yellow');
    background.setAttribute('stroke', 'none');
  }
}

// Typesets the TeX in `element` into it: MathJax's <mjx-container> with the SVG replaces the text.
export function typeset(element, display) {
  const doc = mathDocument();
  const container = doc.convert(element.textContent, { display });
  if (!document.getElementById('MJX-SVG-styles')) {
    document.head.appendChild(doc.outputJax.styleSheet(doc));
  }
  carryStyles(container, display);
  element.replaceChildren(container);
}
