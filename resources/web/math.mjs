// SPDX-License-Identifier: GPL-3.0-or-later
// Math as GitHub typesets it: MathJax 3, TeX in, SVG out. Each formula's SVG carries its own
// glyphs (fontCache 'local'), so an exported or copied formula draws without the page. A TeX
// mistake is drawn by MathJax itself, in place, as GitHub shows it.
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { browserAdaptor } from 'mathjax-full/js/adaptors/browserAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
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
    RegisterHTMLHandler(browserAdaptor());
    document_ = mathjax.document(document, {
      InputJax: new TeX({ packages }),
      OutputJax: new SVG({ fontCache: 'local' }),
    });
  }
  return document_;
}

// Typesets the TeX in `element` into it: MathJax's <mjx-container> with the SVG replaces the text.
export function typeset(element, display) {
  const doc = mathDocument();
  const tex = element.textContent;
  const node = doc.convert(tex, { display });
  if (!document.getElementById('MJX-SVG-styles')) {
    document.head.appendChild(doc.outputJax.styleSheet(doc));
  }
  element.replaceChildren(node);
}
