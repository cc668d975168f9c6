// SPDX-License-Identifier: GPL-3.0-or-later
// What an export asks of the shell page: everything drawn, the page shown a tile at a time for an
// image, and the page as the reader sees it serialised for a standalone HTML file. Evaluated by
// the exporter (never loaded by shell.html), so it defines itself once.
'use strict';

(function () {
  if (window.mdpreviewExport) {
    return;
  }
  const content = document.getElementById('mdp-content');

  // ---- everything drawn ----------------------------------------------------------------------

  // Starts all the work that waits for the reader and says how much is still running. Images
  // that would wait until scrolled near are asked for now.
  function progress() {
    window.mdpreview.enrichEverything();
    let images = 0;
    for (const image of content.querySelectorAll('img')) {
      if (image.loading === 'lazy') {
        image.loading = 'eager';
      }
      images += image.complete ? 0 : 1;
    }
    return {
      enrichments: window.mdpreview.enrichmentsUnfinished(),
      images,
      fonts: document.fonts.status === 'loaded',
    };
  }

  // ---- an image of the page, a tile at a time ------------------------------------------------

  let marker = null;
  let markerHeight = 0;

  // An image has no scroll bar, so the page is laid out without one from the start.
  function hideScrollbars() {
    const style = document.createElement('style');
    style.id = 'mdp-export-style';
    style.textContent = 'html::-webkit-scrollbar { display: none; }';
    document.head.appendChild(style);
  }

  // A strip fixed to the bottom of the view, painted in a colour of the exporter's choosing for
  // each tile: an image that shows the colour shows the frame drawn after the scroll. The page
  // grows by the strip's height so that its last rows can be scrolled above it.
  function beginTiles(height) {
    markerHeight = height;
    document.getElementById('mdp-export-style').textContent +=
      `html { padding-bottom: ${height}px !important; }` +
      `#mdp-export-marker { position: fixed; left: 0; right: 0; bottom: 0; height: ${height}px;` +
      ' z-index: 2147483647; }';
    marker = document.createElement('div');
    marker.id = 'mdp-export-marker';
    document.body.appendChild(marker);
    return pageHeight();
  }

  // The height the view can scroll through, so that the last tile ends where the strip begins;
  // a page shorter than the view is as tall as its content.
  function pageHeight() {
    const root = document.documentElement;
    const height = root.scrollHeight > window.innerHeight ? root.scrollHeight
      : Math.floor(root.getBoundingClientRect().height);
    return height - markerHeight;
  }

  function showTile(y, colour) {
    window.scrollTo(0, y);
    marker.style.background = colour;
    return window.scrollY;
  }

  // ---- the page as a standalone file ---------------------------------------------------------

  const references = [
    ['img', 'src', true], ['source', 'srcset', true], ['video', 'poster', true],
    ['video', 'src', false], ['audio', 'src', false], ['a', 'href', false],
  ];

  function eachReference(root, visit) {
    for (const [tag, attribute, image] of references) {
      for (const element of root.querySelectorAll(`${tag}[${attribute}]`)) {
        const value = element.getAttribute(attribute).trim();
        // A srcset keeps its first candidate only: the file stands alone with one image.
        const url = attribute === 'srcset' ? value.split(/\s+/)[0] : value;
        if (url && !url.startsWith('#')) {
          visit(element, attribute, new URL(url, document.baseURI), image);
        }
      }
    }
  }

  // The local files the document refers to, as absolute URLs: the exporter says what each
  // becomes (a path relative to the exported file, or the image itself as a data URL).
  function localFiles() {
    const found = new Map();
    eachReference(content, (element, attribute, url, image) => {
      if (url.protocol === 'file:') {
        found.set(url.href, (found.get(url.href) || false) || image);
      }
    });
    return Array.from(found, ([url, image]) => ({ url, image }));
  }

  // What the page shows for the theme's colour scheme is decided now: the file looks the same
  // whatever the scheme of the browser that opens it.
  function settleSchemes(root) {
    for (const source of root.querySelectorAll('picture > source[data-mdp-media]')) {
      if (window.matchMedia(source.getAttribute('media')).matches) {
        source.removeAttribute('media');
        source.removeAttribute('data-mdp-media');
      } else {
        source.remove();
      }
    }
  }

  // Nothing in the file can run, whatever the sanitizer let through.
  function makeInert(root) {
    for (const element of root.querySelectorAll('script, noscript, iframe, object, embed')) {
      element.remove();
    }
    for (const element of root.querySelectorAll('*')) {
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        const javascriptUrl = /^\s*javascript:/i.test(attribute.value) &&
          ['href', 'src', 'xlink:href', 'action', 'formaction'].includes(name);
        if (name.startsWith('on') || javascriptUrl) {
          element.removeAttribute(attribute.name);
        }
      }
    }
  }

  // A drawing may use shapes kept elsewhere in the page (a math library's cache of glyphs): the
  // file gets copies of the ones it uses.
  function carryUsedShapes(clone) {
    const missing = new Set();
    for (const use of clone.querySelectorAll('use')) {
      const href = use.getAttribute('href') || use.getAttribute('xlink:href') || '';
      if (href.startsWith('#') && !clone.querySelector('#' + CSS.escape(href.slice(1)))) {
        missing.add(href.slice(1));
      }
    }
    const svgNs = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(svgNs, 'svg');
    const defs = document.createElementNS(svgNs, 'defs');
    for (const id of missing) {
      const shape = document.getElementById(id);
      if (shape) {
        defs.appendChild(shape.cloneNode(true));
      }
    }
    if (defs.childNodes.length > 0) {
      svg.setAttribute('aria-hidden', 'true');
      svg.style.display = 'none';
      svg.appendChild(defs);
      clone.appendChild(svg);
    }
  }

  function exportedContent(replacements) {
    const clone = content.cloneNode(true);
    // The page's chunks are for its own layout: the file has the blocks as they are.
    for (const chunk of clone.querySelectorAll(':scope > .mdp-chunk')) {
      chunk.replaceWith(...chunk.childNodes);
    }
    // A drawn diagram's source is hidden beside it; the file keeps the drawing.
    for (const source of clone.querySelectorAll('.mdp-mermaid > pre[hidden]')) {
      source.remove();
    }
    for (const changed of clone.querySelectorAll('.mdp-changed')) {
      changed.classList.remove('mdp-changed');
    }
    eachReference(clone, (element, attribute, url) => {
      if (url.protocol === 'file:' && replacements[url.href] !== undefined) {
        element.setAttribute(attribute, replacements[url.href]);
      }
    });
    settleSchemes(clone);
    carryUsedShapes(clone);
    makeInert(clone);
    return clone.innerHTML;
  }

  // ---- the page's style sheets ---------------------------------------------------------------

  function unquote(text) {
    return text.trim().replace(/^(["'])(.*)\1$/, '$2');
  }

  function fontKey(family, weight, style) {
    const weights = { normal: '400', bold: '700' };
    return [unquote(family), weights[weight] || weight || '400', style || 'normal'].join('|');
  }

  // The fonts the page has drawn with (math fonts, say), by family, weight and style.
  function loadedFonts() {
    const keys = new Set();
    for (const face of document.fonts) {
      if (face.status === 'loaded') {
        keys.add(fontKey(face.family, face.weight, face.style));
      }
    }
    return keys;
  }

  // A font face the page used, with the address of its WOFF2 file for the exporter to inline;
  // faces the page did not use are left out.
  function usedFace(rule, sheetUrl, loaded) {
    const style = rule.style;
    const family = unquote(style.getPropertyValue('font-family'));
    const weight = style.getPropertyValue('font-weight') || 'normal';
    const fontStyle = style.getPropertyValue('font-style') || 'normal';
    if (!loaded.has(fontKey(family, weight, fontStyle))) {
      return null;
    }
    const woff2 = style.getPropertyValue('src').match(/url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/);
    if (!woff2) {
      return null;
    }
    return { family, weight, style: fontStyle, url: new URL(woff2[1], sheetUrl).href };
  }

  function collectRules(rules, sheetUrl, loaded, out) {
    for (const rule of rules) {
      if (rule instanceof CSSFontFaceRule) {
        const face = usedFace(rule, sheetUrl, loaded);
        if (face) {
          out.fonts.push(face);
        }
      } else if (rule instanceof CSSMediaRule && /prefers-color-scheme/i.test(rule.conditionText)) {
        if (window.matchMedia(rule.conditionText).matches) {
          collectRules(rule.cssRules, sheetUrl, loaded, out);
        }
      } else {
        out.css.push(rule.cssText);
      }
    }
  }

  function styles() {
    const loaded = loadedFonts();
    const out = { css: [], fonts: [] };
    for (const sheet of document.styleSheets) {
      // A diagram's own style sheet travels inside its drawing; ours is for the tiles only.
      const owner = sheet.ownerNode;
      if (owner && (owner.id === 'mdp-export-style' || content.contains(owner))) {
        continue;
      }
      collectRules(sheet.cssRules, sheet.href || document.baseURI, loaded, out);
    }
    return out;
  }

  // `replacements`: absolute URL of a local file -> what the file refers to it by.
  function serialise(replacements) {
    const root = document.documentElement;
    const { css, fonts } = styles();
    return {
      html: exportedContent(replacements),
      css: css.join('\n'),
      fonts,
      colorMode: root.dataset.colorMode || 'light',
    };
  }

  window.mdpreviewExport = { progress, hideScrollbars, beginTiles, showTile, localFiles, serialise };
})();
