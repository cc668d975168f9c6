// SPDX-License-Identifier: GPL-3.0-or-later
// The shell page: applies the edits mdpreview sends, keeps the reader's place, and reports back
// once the result is on screen.
'use strict';

(function () {
  const content = document.getElementById('mdp-content');
  const themeStyle = document.getElementById('mdp-theme');
  const base = document.createElement('base');
  document.head.prepend(base);

  let blocks = []; // one element per rendered block, in order
  let bridge = null;

  // ---- source lines of the blocks -----------------------------------------------------------

  // Each block's source lines are held relative to the block before it: its advance (how far its
  // first line is below the previous block's first line) and its span (last line minus first).
  // An edit changes the entries of the blocks it touched and of the one after each change; the
  // blocks below keep theirs, so nothing is rewritten block by block when lines shift. A line
  // number is resolved when something asks for it (the reader's place, an editor's line, the top
  // line reported back), from the top as far as asked, and kept until an edit above it.
  let advances = [];
  let spans = [];
  let firstLines = []; // resolved: the first line of blocks 0 .. firstLines.length - 1

  function firstLineOf(i) {
    for (let k = firstLines.length; k <= i; ++k) {
      firstLines.push((k > 0 ? firstLines[k - 1] : 0) + advances[k]);
    }
    return firstLines[i];
  }

  function lastLineOf(i) {
    return firstLineOf(i) + spans[i];
  }

  // The blocks from `index` on may have moved: forget their resolved lines.
  function linesChangedFrom(index) {
    if (firstLines.length > index) {
      firstLines.length = index;
    }
  }

  // Replaces `removeCount` items at `at` with `items`; a long list of items (a whole document)
  // does not go through the argument list.
  function spliceInto(array, at, removeCount, items) {
    if (items.length < 8192) {
      array.splice(at, removeCount, ...items);
      return array;
    }
    return array.slice(0, at).concat(items, array.slice(at + removeCount));
  }

  // Blocks `at .. at + removeCount` replaced by blocks whose lines are `relative`:
  // [advance, span, ...].
  function replaceLines(at, removeCount, relative) {
    const newAdvances = [];
    const newSpans = [];
    for (let i = 0; i < relative.length; i += 2) {
      newAdvances.push(relative[i]);
      newSpans.push(relative[i + 1]);
    }
    advances = spliceInto(advances, at, removeCount, newAdvances);
    spans = spliceInto(spans, at, removeCount, newSpans);
  }

  // Kept blocks next to a change: [index, advance, span, ...], by index after the edits.
  function moveLines(moved) {
    for (let i = 0; i < moved.length; i += 3) {
      advances[moved[i]] = moved[i + 1];
      spans[moved[i]] = moved[i + 2];
    }
  }

  // Every block's [first, last], flattened (tests).
  function allLines() {
    const all = [];
    for (let i = 0; i < blocks.length; ++i) {
      all.push(firstLineOf(i), lastLineOf(i));
    }
    return all;
  }

  // ---- building blocks ---------------------------------------------------------------------

  function parseFragment(html) {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content;
  }

  // Every block's HTML as the update delivered it (before highlighting, math and diagrams), by
  // its element or its stand-in in a far chunk (below): what a far chunk is made of again.
  const sourceOf = new WeakMap();
  // The blocks parsed on their own into a wrapper (raw HTML).
  const wrapped = new WeakSet();

  function rawBlock(html) {
    const wrapper = document.createElement('div');
    wrapper.className = 'mdp-block';
    wrapper.appendChild(parseFragment(html));
    wrapped.add(wrapper);
    return wrapper;
  }

  // Blocks without raw HTML are exactly one element each, so they are parsed in one go; raw HTML
  // is parsed on its own into a wrapper, whatever it contains.
  function buildElements(htmls, rawIndices) {
    const elements = parseBlocks(htmls, rawIndices);
    elements.forEach((element, i) => sourceOf.set(element, htmls[i]));
    return elements;
  }

  function parseBlocks(htmls, rawIndices) {
    const raw = new Set(rawIndices);
    const joined = htmls.map((html, i) => (raw.has(i) ? '<div class="mdp-block"></div>' : html));
    const elements = Array.from(parseFragment(joined.join('')).children);
    if (elements.length !== htmls.length) {
      return htmls.map((html) => rawBlock(html));
    }
    for (const i of raw) {
      elements[i].appendChild(parseFragment(htmls[i]));
      wrapped.add(elements[i]);
    }
    return elements;
  }

  // ---- chunks ------------------------------------------------------------------------------

  // A long document's blocks are grouped, a few dozen at a time, under chunk elements that the
  // engine lays out, paints and watches as units (content-visibility in shell.css): an edit then
  // costs the engine its own chunk and the offsets of the chunks below, not a walk over every
  // block. A chunk is a formatting context of its own, so margins do not collapse across its
  // edges; chunks are placed so that this changes nothing. A chunk starts, and the block after it
  // comes, only at a block whose top margin is zero and that no child's margin reaches out of
  // (a paragraph, a table, code, an alert): the margin of the block before the edge then counts
  // in full inside or outside the chunk alike, as it would have collapsed with zero. The first
  // and last blocks of the document are never in a chunk, so the theme's `> :first-child` and
  // `> :last-child` rules still find them; a block that may float something (raw HTML, an aligned
  // image) keeps the next few blocks beside it, which its float may reach. Blocks between chunks,
  // and every block of a short document, are the page's direct children, as without chunks.
  const kChunkSize = 48; // blocks a chunk gets when made
  const kChunkMax = 2 * kChunkSize; // a longer chunk, or run of blocks outside chunks, is split
  const kFloatReach = 8; // blocks after a possible float with no chunk edge
  const kChunkStart = 'p:not([data-mdp-flow]), table, pre, div.highlight, div.markdown-alert';

  function isChunk(element) {
    return element !== null && element.parentElement === content &&
      element.classList.contains('mdp-chunk');
  }

  // The page's child that holds a block: its chunk, or the block itself.
  function topItem(block) {
    return isChunk(block.parentElement) ? block.parentElement : block;
  }

  // Whether a kind of block has no top margin in this theme, measured once per kind where a
  // chunk's first block would be.
  let zeroTopMargins = new Map();

  function hasZeroTopMargin(block) {
    const key = block.tagName + ' ' + block.className;
    let zero = zeroTopMargins.get(key);
    if (zero === undefined) {
      const probe = document.createElement('div');
      probe.className = 'mdp-chunk';
      probe.dataset.mdpProbe = '';
      probe.appendChild(block.cloneNode(false));
      content.appendChild(probe);
      zero = parseFloat(getComputedStyle(probe.firstChild).marginTop) === 0;
      probe.remove();
      zeroTopMargins.set(key, zero);
    }
    return zero;
  }

  const mayFloatCache = new WeakMap();
  // An element aligned to a side in a block's HTML (where its text could not have a quote).
  const kAlignedToASide = /<[a-z][^>]*\salign="(left|right)"/i;

  // Read from the block's HTML, as it is the same for a block held as text (kMayFloat).
  function mayFloat(block) {
    let found = mayFloatCache.get(block);
    if (found === undefined) {
      found = wrapped.has(block) || kAlignedToASide.test(sourceOf.get(block));
      mayFloatCache.set(block, found);
    }
    return found;
  }

  // Whether a chunk may begin, or end, just before block `i`.
  function chunkEdgeBefore(i) {
    if (i < 1 || i >= blocks.length - 1 || !blocks[i].matches(kChunkStart)) {
      return false;
    }
    for (let k = Math.max(0, i - kFloatReach); k < i; ++k) {
      if (mayFloat(blocks[k])) {
        return false;
      }
    }
    return hasZeroTopMargin(blocks[i]);
  }

  // The page's children for blocks s .. e - 1: chunks of about kChunkSize blocks between
  // allowed edges, and blocks outside them where no chunk can be. A chunk that already holds
  // exactly the blocks of a new one is kept (with the size the engine remembers for it).
  function groupBlocks(s, e) {
    const items = [];
    let i = s;
    while (i < e) {
      let end = -1;
      if (blocks.length > kChunkMax && e - i > kChunkSize / 2 && chunkEdgeBefore(i)) {
        for (let k = i + kChunkSize / 2; k <= e && k - i <= kChunkMax; ++k) {
          if (chunkEdgeBefore(k)) {
            end = k;
            if (k - i >= kChunkSize) {
              break;
            }
          }
        }
      }
      if (end < 0) {
        items.push(blocks[i++]);
        continue;
      }
      items.push(chunkOf(i, end));
      i = end;
    }
    return items;
  }

  function chunkOf(s, e) {
    const old = blocks[s].parentElement;
    if (isChunk(old) && old.firstElementChild === blocks[s] &&
        old.lastElementChild === blocks[e - 1] && old.childElementCount === e - s) {
      return old;
    }
    const chunk = document.createElement('div');
    chunk.className = 'mdp-chunk';
    // An estimate until the engine lays it out; from then on it remembers the real size.
    chunk.style.containIntrinsicSize = `auto ${60 * (e - s)}px`;
    chunk.append(...blocks.slice(s, e));
    watchDistance(chunk);
    return chunk;
  }

  // A chunk that leaves the page.
  function removeChunk(chunk) {
    nearChunks.unobserve(chunk);
    farChunks.unobserve(chunk);
    chunk.remove();
  }

  // The page's children for blocks s .. e - 1 made anew (where that changes them); an item
  // already in its place is not moved.
  function regroup(s, e) {
    const old = new Set();
    for (let i = s; i < e; ++i) {
      old.add(topItem(blocks[i]));
    }
    const items = groupBlocks(s, e);
    for (const item of items) {
      old.delete(item);
    }
    for (const item of old) {
      if (isChunk(item)) {
        removeChunk(item); // its blocks are in the new chunks
      }
    }
    let previous = s > 0 ? topItem(blocks[s - 1]) : null;
    for (const item of items) {
      const wanted = previous ? previous.nextElementSibling : content.firstElementChild;
      if (item !== wanted) {
        content.insertBefore(item, wanted);
      }
      previous = item;
    }
  }

  // Whether the page's children for blocks s .. e - 1 keep the rules above.
  function groupingHolds(s, e) {
    let loose = 0;
    for (let i = s; i < e;) {
      const item = topItem(blocks[i]);
      if (item === blocks[i]) {
        if (++loose > kChunkMax) {
          return false;
        }
        ++i;
        continue;
      }
      loose = 0;
      const count = item.childElementCount;
      if (item.firstElementChild !== blocks[i] || count > kChunkMax || !chunkEdgeBefore(i) ||
          !chunkEdgeBefore(i + count)) {
        return false;
      }
      i += count;
    }
    return true;
  }

  // The first block of the run that holds block i: its chunk's first, or the first of the
  // blocks outside chunks around it; and the end of such a run.
  function runStart(i) {
    const item = topItem(blocks[i]);
    if (item !== blocks[i]) {
      for (let sibling = blocks[i].previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        --i;
      }
      return i;
    }
    while (i > 0 && topItem(blocks[i - 1]) === blocks[i - 1]) {
      --i;
    }
    return i;
  }

  function runEnd(i) {
    const item = topItem(blocks[i]);
    if (item !== blocks[i]) {
      for (let sibling = blocks[i].nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
        ++i;
      }
      return i + 1;
    }
    while (i + 1 < blocks.length && topItem(blocks[i + 1]) === blocks[i + 1]) {
      ++i;
    }
    return i + 1;
  }

  // After blocks at .. end - 1 were put in the page: the chunks around them are made right
  // again, locally (the edges within kFloatReach after a change depend on it). Says which
  // chunks now hold changed blocks.
  function regroupAround(at, end) {
    if (blocks.length === 0) {
      return [];
    }
    const s = runStart(Math.max(0, Math.min(at - 1, blocks.length - 1)));
    const e = runEnd(Math.min(blocks.length - 1, end + kFloatReach));
    const regrouped = !groupingHolds(s, e);
    if (regrouped) {
      // Only trees are regrouped: a far chunk's stand-ins may not leave it.
      materialiseRange(s, e);
      regroup(s, e);
    }
    // A chunk made just now has only an estimated size until the engine lays it out, which it
    // would do a frame late for one in view (following the end, the chunk the last blocks were
    // just gathered into): every chunk of a regrouped run is laid out at once, as the edited ones.
    const touched = new Set();
    for (let i = regrouped ? s : at; i < Math.min(regrouped ? e : end, blocks.length); ++i) {
      const item = topItem(blocks[i]);
      if (item !== blocks[i]) {
        touched.add(item);
      }
    }
    return Array.from(touched);
  }

  // Every block's chunk made anew (a new document, a theme with other margins).
  function regroupAll() {
    if (groupingHolds(0, blocks.length)) {
      return; // the far chunks stay text (laid out anew when they come near the view)
    }
    materialiseRange(0, blocks.length);
    regroup(0, blocks.length);
    reconsiderDistances();
  }

  // ---- chunks far from the view --------------------------------------------------------------

  // A chunk far from the view holds its blocks as HTML text, not as a document tree: the tree,
  // its style and its layout are most of the memory a long document holds. What stays of each
  // block is an empty stand-in (a shallow copy: the same tag and attributes, no children, no
  // text), so that the block list, the relative lines and the chunk rules above work on far
  // blocks as on near ones; the chunk is as tall as it last was (content-visibility: hidden and
  // its height, shell.css), so the page and the reader's place do not move. A chunk is made of
  // its text again (parsed, then enriched near the view as any block) when it comes within two
  // views of the view, or when something needs its blocks now (a jump to a line, a heading, a
  // fragment, an edit next to it), and goes back to text when it is more than four views away.
  const kNearMargin = '200% 0px';
  const kFarViews = 4;
  const kFarMargin = `${kFarViews * 100}% 0px`;
  // Everything as a tree while set: find in page and export see only the tree. Each user holds
  // it by name (the find bar, an export, a test's script), so that one letting go does not pull
  // the blocks from under another.
  const holders = new Set();
  let holdingAll = false;

  function isFar(chunk) {
    return chunk !== null && chunk.hasAttribute('data-mdp-far');
  }

  // A chunk that comes near or goes far replaces its blocks' elements (trees for stand-ins and
  // back) without the reader scrolling: a place held by one of them (the reader's anchor) moves to
  // the element that now shows the same block. Its line cannot stand in for it: an update may have
  // moved the lines since.
  const successorOf = new WeakMap();

  function replacedBy(old, now) {
    old.forEach((element, k) => successorOf.set(element, now[k]));
  }

  // The element that shows `element`'s block now, as a tree; null when an update took the block.
  function currentBlock(element) {
    while (element && !element.isConnected && successorOf.has(element)) {
      element = successorOf.get(element);
    }
    if (!element || !element.isConnected) {
      return null;
    }
    if (isChunk(element.parentElement) && isFar(element.parentElement)) {
      materialise(element.parentElement);
      return currentBlock(element);
    }
    return element;
  }

  const nearChunks = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting && entry.target.isConnected) {
        materialise(entry.target);
      }
    }
  }, { rootMargin: kNearMargin });

  const farChunks = new IntersectionObserver((entries) => {
    if (holdingAll) {
      return;
    }
    // Every height is read before any chunk changes: one layout, not one per chunk. A report is
    // from the last frame: a jump since then (a script's, in the same task as the frame's
    // observers) may have brought the chunk into view, and the reader's place with it.
    const going = entries.filter((entry) => !entry.isIntersecting && entry.target.isConnected &&
      !isFar(entry.target) && isFarNow(entry.target));
    const heights = going.map((entry) => extentOf(entry.target));
    going.forEach((entry, k) => dematerialise(entry.target, heights[k]));
  }, { rootMargin: kFarMargin });

  // The room a chunk takes: to the top of what follows it (a chunk never holds the last block).
  // A chunk laid out at once (an edited one) is no formatting context of its own, and its last
  // block's bottom margin then lies below its box; as text it is one, and holds the margin.
  function extentOf(chunk) {
    const top = chunk.getBoundingClientRect().top;
    const next = chunk.nextElementSibling;
    return next ? rectOf(next).top - top : chunk.getBoundingClientRect().height;
  }

  // Whether the chunk lies outside the far observer's margin now.
  function isFarNow(chunk) {
    const rect = chunk.getBoundingClientRect();
    const view = window.innerHeight;
    return rect.bottom < -kFarViews * view || rect.top > (1 + kFarViews) * view;
  }

  function watchDistance(chunk) {
    nearChunks.observe(chunk);
    farChunks.observe(chunk);
  }

  // Each chunk's distance from the view is told again (an observer reports a target it starts
  // watching), and the far ones go back to text.
  function reconsiderDistances() {
    for (const chunk of content.querySelectorAll(':scope > .mdp-chunk')) {
      farChunks.unobserve(chunk);
      farChunks.observe(chunk);
    }
  }

  function dematerialise(chunk, height) {
    const elements = Array.from(chunk.children);
    const first = elements.length > 0 ? blocks.indexOf(elements[0]) : -1;
    if (first < 0 || isFar(chunk) || holdingAll) {
      return;
    }
    const standIns = elements.map((element) => {
      forgetEnrichment(element);
      return standInFor(element);
    });
    chunk.dataset.mdpFar = '';
    chunk.style.height = `${height}px`;
    chunk.replaceChildren(...standIns);
    replacedBy(elements, standIns);
    standIns.forEach((standIn, k) => { blocks[first + k] = standIn; });
  }

  // A block's stand-in: its tag and attributes, what its element would say for the chunk rules,
  // and its text.
  function standInFor(element) {
    const standIn = element.cloneNode(false);
    sourceOf.set(standIn, sourceOf.get(element));
    if (wrapped.has(element)) {
      wrapped.add(standIn);
    }
    mayFloatCache.set(standIn, mayFloat(element));
    return standIn;
  }

  // A block's stand-in read from its HTML's opening tag, where that is plain (double-quoted
  // values, no character references); else from the block parsed.
  const kOpeningTag =
    /^\s*<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"&<]*")?)*)\s*\/?>/;
  const kAttribute = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g;
  const kDisplayMath = /class="[^"]*\bmdp-math-display\b/;

  function standInFromSource(html, raw) {
    const tag = raw ? null : kOpeningTag.exec(html);
    if (!raw && !tag) {
      return standInFor(buildElements([html], [])[0]);
    }
    const standIn = document.createElement(raw ? 'div' : tag[1]);
    if (raw) {
      standIn.className = 'mdp-block';
      wrapped.add(standIn);
    } else {
      for (const [, name, value] of tag[2].matchAll(kAttribute)) {
        standIn.setAttribute(name, value === undefined ? '' : value);
      }
      if (standIn.tagName === 'P' && kDisplayMath.test(html)) {
        standIn.dataset.mdpFlow = ''; // as markFlowingMargins
      }
    }
    sourceOf.set(standIn, html);
    return standIn;
  }

  // A long document that came whole, as stand-ins: its chunks start as text at an estimated
  // height (the engine's own estimate for a chunk not laid out yet), and are made trees as the
  // view comes near them (applyUpdate makes the ones in view trees at once); the blocks outside
  // chunks are trees now. The page never holds the whole document as a tree, not even once.
  function settleStandIns() {
    const loose = [];
    for (let i = 0; i < blocks.length; ++i) {
      const chunk = blocks[i].parentElement;
      if (!isChunk(chunk)) {
        loose.push(i);
      } else if (chunk.firstElementChild === blocks[i]) {
        chunk.dataset.mdpFar = '';
        chunk.style.height = `${60 * chunk.childElementCount}px`;
      }
    }
    const elements = buildElements(loose.map((i) => sourceOf.get(blocks[i])),
      loose.flatMap((i, k) => (wrapped.has(blocks[i]) ? [k] : [])));
    elements.forEach((element, k) => {
      matchSchemeIn(element);
      markFlowingMargins(element);
      blocks[loose[k]].replaceWith(element);
      blocks[loose[k]] = element;
    });
    enrichBlocks(elements);
    if (holdingAll) {
      materialiseRange(0, blocks.length);
    }
  }

  function materialise(chunk) {
    if (!isFar(chunk)) {
      return;
    }
    const standIns = Array.from(chunk.children);
    const first = blocks.indexOf(standIns[0]);
    const raw = [];
    standIns.forEach((standIn, k) => {
      if (wrapped.has(standIn)) {
        raw.push(k);
      }
    });
    const elements = buildElements(standIns.map((standIn) => sourceOf.get(standIn)), raw);
    for (const element of elements) {
      matchSchemeIn(element);
      markFlowingMargins(element);
    }
    // Until the engine lays it out, the chunk keeps the height it had as text.
    chunk.style.containIntrinsicSize = `auto ${chunk.style.height}`;
    chunk.style.height = '';
    delete chunk.dataset.mdpFar;
    chunk.replaceChildren(...elements);
    replacedBy(standIns, elements);
    elements.forEach((element, k) => { blocks[first + k] = element; });
    enrichBlocks(elements);
    // Made now for a jump or an edit, it may still be far: it goes back to text then.
    farChunks.unobserve(chunk);
    farChunks.observe(chunk);
  }

  // Blocks s .. e - 1, and the whole chunks they are in, as trees.
  function materialiseRange(s, e) {
    for (let i = s; i < e;) {
      const chunk = blocks[i].parentElement;
      if (!isChunk(chunk)) {
        ++i;
        continue;
      }
      i += chunk.childElementCount - Array.prototype.indexOf.call(chunk.children, blocks[i]);
      materialise(chunk);
    }
  }

  // Block i, made a tree first if it is in a far chunk.
  function blockAt(i) {
    const chunk = blocks[i].parentElement;
    if (isChunk(chunk) && isFar(chunk)) {
      materialise(chunk);
    }
    return blocks[i];
  }

  // Far chunks where the view is, or where `y` (relative to the view) is, made trees now: a jump
  // lands there before the observers see it.
  function materialiseAt(...ys) {
    for (const chunk of content.querySelectorAll(':scope > .mdp-chunk[data-mdp-far]')) {
      const rect = chunk.getBoundingClientRect();
      if ((rect.bottom > 0 && rect.top < window.innerHeight) ||
          ys.some((y) => rect.top <= y && y <= rect.bottom)) {
        materialise(chunk);
      }
    }
  }

  function holdEverything(hold, holder = 'script') {
    if (hold) {
      holders.add(holder);
    } else {
      holders.delete(holder);
    }
    if (holders.size > 0 === holdingAll) {
      return;
    }
    holdingAll = holders.size > 0;
    if (hold) {
      materialiseRange(0, blocks.length);
    } else {
      reconsiderDistances();
    }
  }

  // The element with id `id`, made a tree first if it is in a far chunk (an in-page link, a
  // heading in the table of contents).
  function elementWithId(id) {
    const found = document.getElementById(id);
    if (found || id === '') {
      return found;
    }
    const attribute = 'id="' + id.replace(/&/g, '&amp;').replace(/"/g, '&quot;')
      .replace(/\u00a0/g, '&nbsp;') + '"';
    for (const chunk of content.querySelectorAll(':scope > .mdp-chunk[data-mdp-far]')) {
      for (const standIn of chunk.children) {
        if (sourceOf.get(standIn).includes(attribute)) {
          materialise(chunk);
          return document.getElementById(id);
        }
      }
    }
    return null;
  }

  // ---- geometry ----------------------------------------------------------------------------

  function rectOf(element) {
    if (element.classList.contains('mdp-block')) {
      // A wrapper has no box of its own (display: contents): measure what it holds.
      const range = document.createRange();
      range.selectNodeContents(element);
      return range.getBoundingClientRect();
    }
    return element.getBoundingClientRect();
  }

  function maxScroll() {
    return Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
  }

  // Whether block i reaches below the top of the view. A chunk wholly above or below the top
  // answers for its blocks, which are then not laid out to be measured.
  function reachesIntoView(i) {
    const item = topItem(blocks[i]);
    if (item !== blocks[i]) {
      const rect = item.getBoundingClientRect();
      if (rect.bottom <= 0 || rect.top > 0) {
        return rect.bottom > 0;
      }
    }
    return rectOf(blockAt(i)).bottom > 0;
  }

  // The first block whose bottom is below the top of the viewport.
  function firstVisibleIndex() {
    let low = 0;
    let high = blocks.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (reachesIntoView(middle)) {
        found = middle;
        high = middle - 1;
      } else {
        low = middle + 1;
      }
    }
    return found;
  }

  function topLine() {
    const i = firstVisibleIndex();
    return i < 0 ? 0 : firstLineOf(i);
  }

  // The block that holds a source line now, or the first one after it. Lines are resolved only
  // as far as the block that holds it.
  function indexForLine(line) {
    let resolved = firstLines.length;
    while (resolved < blocks.length && (resolved === 0 || lastLineOf(resolved - 1) < line)) {
      firstLineOf(resolved++);
    }
    let low = 0;
    let high = resolved - 1;
    let found = blocks.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (lastLineOf(middle) >= line) {
        found = middle;
        high = middle - 1;
      } else {
        low = middle + 1;
      }
    }
    return found;
  }

  // Where a source line is, relative to the top of the view: within its block, in proportion to
  // its place among the block's lines (a code block can hold hundreds).
  function lineTop(line) {
    const i = indexForLine(line);
    const rect = rectOf(blockAt(i));
    const first = firstLineOf(i);
    const last = lastLineOf(i);
    if (line <= first || last <= first) {
      return rect.top;
    }
    return rect.top + (rect.height * (Math.min(line, last) - first)) / (last - first + 1);
  }

  // ---- keeping the reader's place -----------------------------------------------------------

  // The reader's place: the source line at the top of the view and its offset, and whether the
  // view is at the end. It changes only when the reader scrolls, never because an update could
  // not honour it, so a transient state during a save (an empty or half-written file) cannot
  // move the view for good: the next update puts the reader back.
  let readerAnchor = null;
  // Where our own last scroll put the view: the scroll event it causes is not the reader's.
  let ownScrollY = null;
  // Where the view was when we last looked (our scroll, the reader's scroll event, an update).
  let knownScrollY = 0;

  function measureAnchor() {
    const anchor = { atBottom: window.scrollY >= maxScroll() - 1 };
    const i = firstVisibleIndex();
    if (i >= 0) {
      anchor.element = blockAt(i);
      anchor.line = firstLineOf(i);
      anchor.offset = rectOf(blocks[i]).top;
    }
    return anchor;
  }

  function scrollToY(y) {
    window.scrollTo(0, y);
    ownScrollY = window.scrollY;
    knownScrollY = ownScrollY;
  }

  // Puts the reader back at their anchor; says whether that place exists in this document (it
  // does not in an emptied or truncated one).
  function restoreAnchor(anchor, keepAtEnd) {
    if (anchor.atBottom && keepAtEnd) {
      scrollToY(maxScroll());
      return true;
    }
    if (anchor.line === undefined || blocks.length === 0) {
      return blocks.length === 0 && anchor.line === undefined;
    }
    // The block itself when the update kept it (lines inserted or deleted above it shift its
    // line number, not its content); else the block that holds its line now.
    const current = currentBlock(anchor.element);
    const kept = current !== null;
    const i = kept ? -1 : indexForLine(anchor.line);
    const element = kept ? current : blockAt(i);
    const delta = rectOf(element).top - anchor.offset;
    if (Math.abs(delta) >= 0.5) {
      scrollToY(window.scrollY + delta);
    }
    const exact = Math.abs(rectOf(element).top - anchor.offset) < 1;
    return exact && (kept || (firstLineOf(i) <= anchor.line && anchor.line <= lastLineOf(i)));
  }

  // Images that finish loading, a window that changes width: the layout moves under the reader,
  // who stays where they were.
  // For printing and export: every block laid out in its real size, none left to an estimate.
  // Once the file is written, the window's page lets the far blocks go again.
  function layOutEverything(whole = true) {
    if (whole) {
      holdEverything(true, 'export');
      document.documentElement.dataset.mdpWhole = '';
    } else {
      delete document.documentElement.dataset.mdpWhole;
      holdEverything(false, 'export');
    }
  }

  // The observer below can lay out blocks that come into view as it moves the view back; their
  // new sizes are then reported in the next frame, as the standard says, and the engine tells so
  // with an error that is none. It is not one for the console (or --export's quiet output).
  window.addEventListener('error', (event) => {
    if (event.message === 'ResizeObserver loop limit exceeded') {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  });

  // Blocks far from the view are laid out only once they come near it (content-visibility in
  // shell.css), so this is also what keeps the view still as the reader scrolls into them.
  new ResizeObserver(() => {
    if (!readerAnchor) {
      return;
    }
    if (Math.abs(window.scrollY - knownScrollY) >= 1) {
      // The view moved in the same frame, before its scroll event (find in page lays its match
      // out and scrolls to it): that is the reader's new place, not a shift to undo.
      readerAnchor = measureAnchor();
      knownScrollY = window.scrollY;
      return;
    }
    restoreAnchor(readerAnchor, readerAnchor.atBottom);
  }).observe(content);
  // ---- themes and the colour scheme -----------------------------------------------------------

  // Chromium answers prefers-color-scheme from the desktop, for the whole process, and nothing a
  // page does (not even color-scheme on the root) changes that. So where the theme's darkness
  // differs from the engine's answer, the conditions are rewritten with dark and light swapped:
  // in the theme's style sheet and in the document's <picture> sources.
  const engineDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  let themeDark = false;
  const schemeCondition = /(prefers-color-scheme\s*:\s*)(dark|light)/gi;

  function forTheme(text) {
    if (themeDark === engineDark) {
      return text;
    }
    return text.replace(schemeCondition, (match, feature, scheme) =>
      feature + (scheme.toLowerCase() === 'dark' ? 'light' : 'dark'));
  }

  function matchSchemeIn(root) {
    for (const source of root.querySelectorAll('picture > source[media]')) {
      let original = source.getAttribute('data-mdp-media');
      if (original === null) {
        original = source.getAttribute('media');
        if (!/prefers-color-scheme/i.test(original)) {
          continue;
        }
        source.setAttribute('data-mdp-media', original);
      }
      const wanted = forTheme(original);
      if (source.getAttribute('media') !== wanted) {
        source.setAttribute('media', wanted);
      }
    }
  }

  // What the theme's colours say: a dark background makes a dark theme.
  function measuredDark() {
    for (const element of [content, document.body, document.documentElement]) {
      const match = getComputedStyle(element).backgroundColor.match(/[\d.]+/g);
      if (match && (match.length < 4 || Number(match[3]) > 0)) {
        const [r, g, b] = match.map(Number);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
      }
    }
    return false;
  }

  // `scheme` is 'dark', 'light', or '' when the theme does not say (a user's theme).
  function applyTheme(css, scheme) {
    const anchor = readerAnchor || measureAnchor();
    const wasDark = themeDark;
    const root = document.documentElement;
    if (scheme === 'dark' || scheme === 'light') {
      themeDark = scheme === 'dark';
      themeStyle.textContent = forTheme(css);
    } else {
      themeDark = engineDark;
      root.style.colorScheme = '';
      themeStyle.textContent = css;
      themeDark = measuredDark();
      themeStyle.textContent = forTheme(css);
    }
    root.style.colorScheme = themeDark ? 'dark' : 'light';
    root.dataset.colorMode = themeDark ? 'dark' : 'light';
    matchSchemeIn(content);
    // Margins are the theme's: where chunks may begin is measured again.
    zeroTopMargins = new Map();
    regroupAll();
    // Reading the geometry lays the page out with the new theme now, so the reader's line is
    // back in place before anything is drawn.
    restoreAnchor(anchor, false);
    ownScrollY = window.scrollY;
    knownScrollY = ownScrollY;
    if (themeDark !== wasDark) {
      redrawDiagrams();
    }
  }

  // ---- highlighting, math and diagrams -------------------------------------------------------

  // The libraries are part of the app (mdpreview://app/web/, embedded from npm) and are loaded
  // the first time a document needs them. Only blocks an update inserts are enriched: a block
  // that did not change stays in the page as it was drawn, so it is never highlighted, typeset or
  // drawn again. The URLs are absolute because <base> points at the document's folder.
  const webRoot = 'mdpreview://app/web/';
  const loads = new Map();

  function load(path) {
    if (!loads.has(path)) {
      loads.set(path, new Promise((resolve, reject) => {
        const css = path.endsWith('.css');
        const element = document.createElement(css ? 'link' : 'script');
        if (css) {
          element.rel = 'stylesheet';
          element.href = webRoot + path;
        } else {
          element.src = webRoot + path;
        }
        element.onload = resolve;
        element.onerror = () => reject(new Error('cannot load ' + path));
        document.head.appendChild(element);
      }));
    }
    return loads.get(path);
  }

  const enriched = new WeakSet();

  function showError(element, message) {
    const error = document.createElement('div');
    error.className = 'mdp-render-error';
    error.textContent = message;
    element.appendChild(error);
  }

  // GitHub's own grammars (starry-night), GitHub's pl-* classes, which every theme colours. A
  // language GitHub does not highlight stays plain; the grammar's script comes with the block.
  function highlight(code) {
    const language = (code.className.match(/(?:^|\s)language-(\S+)/) || [])[1];
    if (!language) {
      return undefined;
    }
    return window.mdpreviewHighlight.highlight(code, language, load).catch((error) =>
      showError(code.closest('.highlight') || code, String(error.message || error)));
  }

  // MathJax draws a TeX mistake itself, in place, as GitHub shows it; only a failure of
  // MathJax's own is said here.
  function typeset(element) {
    try {
      window.mdpreviewMath.typeset(element, element.classList.contains('mdp-math-display'));
    } catch (error) {
      showError(element, String(error.message || error));
    }
  }

  let diagramCount = 0;
  let diagramQueue = Promise.resolve();

  async function drawDiagram(container) {
    const pre = container.querySelector('pre');
    if (!pre || !container.isConnected) {
      return;
    }
    const id = 'mdp-mermaid-' + ++diagramCount;
    try {
      window.mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        theme: themeDark ? 'dark' : 'default',
      });
      const { svg } = await window.mermaid.render(id, pre.textContent);
      const diagram = document.createElement('div');
      diagram.className = 'mdp-mermaid-diagram';
      diagram.innerHTML = svg;
      pre.hidden = true;
      // What was drawn before (in another theme) stays until its replacement is ready.
      removeDrawn(container);
      container.appendChild(diagram);
    } catch (error) {
      removeDrawn(container);
      pre.hidden = false;
      showError(container, String(error.message || error));
    } finally {
      // Mermaid leaves its scratch element behind when the source has an error.
      for (const stray of document.querySelectorAll(`#d${id}, body > #${id}`)) {
        stray.remove();
      }
    }
  }

  function removeDrawn(container) {
    for (const drawn of container.querySelectorAll('.mdp-mermaid-diagram, .mdp-render-error')) {
      drawn.remove();
    }
  }

  // Mermaid draws in the colours of a light or a dark theme: a switch between them draws the
  // diagrams again. Nothing else in the page depends on the theme.
  function redrawDiagrams() {
    if (!window.mermaid) {
      return;
    }
    for (const container of content.querySelectorAll('.mdp-mermaid')) {
      diagramQueue = diagramQueue.then(() => drawDiagram(container));
    }
  }

  function collect(elements, selector) {
    const found = [];
    for (const element of elements) {
      if (element.matches(selector)) {
        found.push(element);
      }
      found.push(...element.querySelectorAll(selector));
    }
    return found.filter((element) => !enriched.has(element));
  }

  // Work waits until its element comes near the view: a long document with hundreds of diagrams
  // and code blocks would otherwise keep the page busy for seconds after every new document,
  // and the reader's own part of it would wait behind the rest. (Elements, not blocks, are
  // watched: a raw HTML block's wrapper has no box of its own.)
  const waiting = new Map();
  const nearView = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) {
        continue;
      }
      nearView.unobserve(entry.target);
      const run = waiting.get(entry.target);
      waiting.delete(entry.target);
      if (run && entry.target.isConnected) {
        run();
      }
    }
  }, { rootMargin: '1500px 0px' });

  const enrichable = '.highlight > pre > code, .mdp-math, .mdp-mermaid';

  // A block that leaves the page takes its waiting work with it.
  function forgetEnrichment(block) {
    if (waiting.size === 0) {
      return;
    }
    const elements = Array.from(block.querySelectorAll(enrichable));
    if (block.matches(enrichable)) {
      elements.push(block);
    }
    for (const element of elements) {
      if (waiting.delete(element)) {
        nearView.unobserve(element);
      }
    }
  }

  // Work started and not finished yet (a library loading, a diagram drawing).
  let enrichmentsRunning = 0;

  function enrich(elements, paths, each) {
    for (const element of elements) {
      enriched.add(element);
      waiting.set(element, () => {
        ++enrichmentsRunning;
        Promise.all(paths.map(load))
          .then(() => (element.isConnected ? each(element) : undefined),
            (error) => showError(element, String(error.message || error)))
          .finally(() => --enrichmentsRunning);
      });
      nearView.observe(element);
    }
  }

  // For printing and export, where there is no reader to scroll: everything, now.
  function enrichEverything() {
    layOutEverything();
    for (const [element, run] of waiting) {
      nearView.unobserve(element);
      if (element.isConnected) {
        run();
      }
    }
    waiting.clear();
  }

  function enrichBlocks(elements) {
    enrich(collect(elements, '.highlight > pre > code'), ['starry-night/highlight.js'], highlight);
    enrich(collect(elements, '.mdp-math'), ['mathjax/math.js'], typeset);
    enrich(collect(elements, '.mdp-mermaid'), ['mermaid/dist/mermaid.min.js'],
      (container) => {
        // One diagram at a time: Mermaid keeps state while it draws.
        diagramQueue = diagramQueue.then(() => drawDiagram(container));
        return diagramQueue;
      });
  }

  // ---- applying an update -------------------------------------------------------------------

  function applyEdits(edits) {
    const allInserted = [];
    const chunksTouched = [];
    // Edits name positions in the previous block list: apply them back to front so that every
    // position is still valid when its turn comes.
    for (let e = edits.length - 1; e >= 0; --e) {
      const [at, removeCount, htmls, rawIndices, relativeLines] = edits[e];
      const inserted = insertedBlocks(at, removeCount, htmls, rawIndices);
      const next = at + removeCount < blocks.length ? blocks[at + removeCount] : null;
      const previous = at > 0 ? blocks[at - 1] : null;
      for (let i = at; i < at + removeCount; ++i) {
        forgetEnrichment(blocks[i]);
        removeBlock(blocks[i]);
      }
      blocks = spliceInto(blocks, at, removeCount, inserted);
      replaceLines(at, removeCount, relativeLines);
      const fragment = document.createDocumentFragment();
      if (next === null && previous === null) {
        // A whole document: grouped before it goes into the page.
        for (const item of groupBlocks(0, blocks.length)) {
          fragment.appendChild(item);
        }
        content.appendChild(fragment);
        if (inserted.length > kChunkMax) {
          settleStandIns();
        }
      } else {
        // Next to its neighbours, in the chunk of one of them; then the chunks around it are
        // put right.
        fragment.append(...inserted);
        if (next) {
          next.parentElement.insertBefore(fragment, next);
        } else {
          previous.parentElement.insertBefore(fragment, previous.nextSibling);
        }
        chunksTouched.push(...regroupAround(at, at + inserted.length));
      }
      allInserted.push(inserted);
    }
    // Edits are ordered: the first one is where the blocks' lines start to differ.
    if (edits.length > 0) {
      linesChangedFrom(edits[0][0]);
    }
    // What went into a far chunk is text there (or was made a tree again with it, enriched then).
    const inserted = allInserted.flat().filter((element) =>
      element.isConnected && !isFar(element.parentElement));
    enrichBlocks(inserted);
    return [inserted, chunksTouched.filter((chunk) => chunk.isConnected && !isFar(chunk))];
  }

  // The elements for an edit's new blocks. An edit inside a far chunk, with all the blocks the
  // regrouping after it may look at, stays text: its blocks go in as stand-ins and the chunk's
  // height as an estimate (the engine lays it out when it comes near the view). Elsewhere the
  // blocks around it are trees first (a far chunk's stand-ins may not leave it).
  function insertedBlocks(at, removeCount, htmls, rawIndices) {
    if (removeCount === blocks.length && htmls.length > kChunkMax) {
      const raw = new Set(rawIndices);
      return htmls.map((html, i) => standInFromSource(html, raw.has(i)));
    }
    const far = farChunkAround(at, removeCount);
    if (!far && removeCount < blocks.length) {
      materialiseRange(runStart(Math.max(0, Math.min(at - 1, blocks.length - 1))),
        runEnd(Math.min(blocks.length - 1, at + removeCount + kFloatReach)));
    }
    const elements = buildElements(htmls, rawIndices);
    for (const element of elements) {
      matchSchemeIn(element);
      markFlowingMargins(element);
    }
    if (!far) {
      return elements;
    }
    const height = parseFloat(far.style.height);
    const perBlock = height / far.childElementCount;
    far.style.height = `${Math.max(0, height + perBlock * (elements.length - removeCount))}px`;
    return elements.map(standInFor);
  }

  // The far chunk that holds blocks at - 1 .. at + removeCount + kFloatReach, or null.
  function farChunkAround(at, removeCount) {
    const last = at + removeCount + kFloatReach;
    if (at < 1 || last >= blocks.length) {
      return null;
    }
    const chunk = blocks[at - 1].parentElement;
    return isChunk(chunk) && isFar(chunk) && blocks[last].parentElement === chunk ? chunk : null;
  }

  // A chunk left empty goes with its last block.
  function removeBlock(block) {
    const parent = block.parentElement;
    block.remove();
    if (isChunk(parent) && parent.childElementCount === 0) {
      removeChunk(parent);
    }
  }

  // Display math in a paragraph is a block whose margins reach through the paragraph's: such a
  // paragraph is never laid out apart from its neighbours (shell.css, content-visibility).
  function markFlowingMargins(element) {
    if (element.tagName === 'P' && element.querySelector('.mdp-math-display')) {
      element.dataset.mdpFlow = '';
    }
  }

  // Follow-edits mode: the first block an update touched, brought into view and marked.
  function followEdit(edits) {
    const edit = edits.find((e) => e[2].length > 0);
    if (!edit) {
      return;
    }
    const element = blockAt(edit[0]);
    const rect = rectOf(element);
    if (rect.bottom < 0 || rect.top > window.innerHeight) {
      scrollToY(window.scrollY + rect.top - window.innerHeight / 3);
      readerAnchor = measureAnchor();
    }
    if (element.classList.contains('mdp-changed')) {
      // Restarting the animation of a block marked before needs a style pass in between; a block
      // the update inserted is new and needs none.
      element.classList.remove('mdp-changed');
      void element.offsetWidth;
    }
    element.classList.add('mdp-changed');
  }

  function afterPaint(callback) {
    // The animation frame runs before the frame is drawn; the task after it runs once it is.
    requestAnimationFrame(() => setTimeout(callback, 0));
  }

  // The few blocks an update inserts are always laid out, wherever they are (shell.css): one in
  // view (an append, followed) then shows in its real size in the first frame, not in an estimated
  // one for a frame. Turning them back to late layout would cost a frame of its own; they stay as
  // they are, a handful per edit.
  // The same holds for the chunks that hold them, until the next update: by then they have
  // been laid out, and the engine remembers their sizes when it leaves them out again.
  const kEditedLimit = 100;
  let editedChunks = [];

  function markEdited(elements, chunks) {
    const marked = elements.length <= kEditedLimit ? chunks : [];
    for (const chunk of editedChunks) {
      if (!marked.includes(chunk)) {
        delete chunk.dataset.mdpEdited;
      }
    }
    editedChunks = marked;
    for (const chunk of marked) {
      chunk.dataset.mdpEdited = '';
    }
    if (elements.length <= kEditedLimit) {
      for (const element of elements) {
        element.dataset.mdpEdited = '';
      }
    }
  }

  // The painted report for update `seq`. Following the end, blocks that came into view for the
  // first time may take their real sizes a frame later (and bring more blocks into view): the
  // report waits until the view is at the end again, where it stays.
  // Reports go in the order of their updates: the tasks between two frames (an observer's) can
  // let a later update's report through while an earlier one waits, and then the earlier one is
  // on screen too, and goes with it.
  let unreported = [];

  function reportPainted(seq, frames = 0) {
    if (frames === 0) {
      unreported.push(seq);
    }
    afterPaint(() => {
      const waiting = unreported.indexOf(seq);
      if (waiting < 0) {
        return; // reported with a later update
      }
      const [y, max, line] = position();
      if (readerAnchor && readerAnchor.atBottom && y < max - 1 && frames < 10) {
        reportPainted(seq, frames + 1);
        return;
      }
      for (const due of unreported.splice(0, waiting + 1)) {
        bridge.painted(due, y, max, line);
      }
    });
  }

  // A document shown just now is at its top. Blocks out of view have estimated sizes until
  // they are laid out (content-visibility), so whether the view is also at the end can only be
  // told once the blocks in view have their real sizes: until then the reader is at the top, not
  // at an end that late layout would then follow down the page.
  function holdTopUntilLaidOut() {
    const atTop = measureAnchor();
    atTop.atBottom = false;
    readerAnchor = atTop;
    afterPaint(() => {
      if (readerAnchor === atTop) {
        readerAnchor = measureAnchor();
      }
    });
  }

  function position() {
    return [window.scrollY, maxScroll(), topLine()];
  }

  function applyUpdate(message) {
    if (message.base !== undefined) {
      base.href = message.base;
    }
    const anchor = message.reset ? null : readerAnchor || measureAnchor();
    if (message.reset) {
      // A different document: its edits start from an empty page.
      nearChunks.disconnect();
      farChunks.disconnect();
      content.replaceChildren();
      editedChunks = [];
      blocks = [];
      advances = [];
      spans = [];
      firstLines = [];
      for (const element of waiting.keys()) {
        nearView.unobserve(element);
      }
      waiting.clear();
    }
    const [inserted, chunksTouched] = applyEdits(message.edits);
    if (!message.reset) {
      markEdited(inserted, chunksTouched);
    }
    if (message.moved) {
      moveLines(message.moved);
      linesChangedFrom(message.moved[0]);
    }
    if (anchor) {
      // A reader at the end stays there, as when late layout moves the page (the observer
      // above). Whether the page grew cannot be told from its height before the update: that
      // height may hold estimates for chunks out of view, which the update lays out.
      const honoured = restoreAnchor(anchor, anchor.atBottom);
      // Where the place still exists, the view is the reader's again (at the end, say, of a
      // document that became shorter than the window); where not, the place waits for the next
      // update.
      readerAnchor = honoured ? measureAnchor() : anchor;
    } else {
      scrollToY(0);
      holdTopUntilLaidOut();
    }
    // Far chunks in view (a document that came whole, a jump) are trees before the frame is drawn.
    materialiseAt();
    if (message.follow && !message.reset) {
      followEdit(message.edits);
    }
    // A document that became shorter than the scroll position clamps it: not the reader's doing.
    ownScrollY = window.scrollY;
    knownScrollY = ownScrollY;
    reportPainted(message.seq);
  }

  // ---- an editor's cursor ------------------------------------------------------------------

  // The line goes a quarter of the way down the view (in its top third, with what leads up to it
  // above), and from then on it is the reader's place, as if they had scrolled there.
  function revealLine(line, frames = 0) {
    if (blocks.length > 0) {
      scrollToY(window.scrollY + lineTop(line) - window.innerHeight / 4);
      // Held by the line's own block: the blocks around it may be laid out only now, for the
      // first time (content-visibility), and take their real sizes without moving it.
      const i = indexForLine(line);
      readerAnchor = measureAnchor();
      readerAnchor.element = blockAt(i);
      readerAnchor.line = firstLineOf(i);
      readerAnchor.offset = rectOf(blocks[i]).top;
    }
    afterPaint(() => {
      // Blocks laid out for the first time in that frame may still have moved the line (a
      // document shown just now is all estimates): put it back until it stays.
      const wanted = blocks.length > 0 ? window.scrollY + lineTop(line) - window.innerHeight / 4 : 0;
      const reachable = Math.max(0, Math.min(wanted, maxScroll()));
      if (Math.abs(reachable - window.scrollY) >= 1 && frames < 5) {
        revealLine(line, frames + 1);
      } else {
        reportScroll();
      }
    });
  }

  // ---- back to the source: a double-click sends the editor to the line ----------------------

  function sourceStart(element) {
    return Number((element.getAttribute('data-sourcepos') || '').split(':')[0]) || 0;
  }

  function sourceEnd(element) {
    return Number((element.getAttribute('data-sourcepos') || '').split(/[-:]/)[2]) || 0;
  }

  // Newlines in `element`'s text before the point (x, y): the line within a paragraph (its soft
  // breaks) or within code.
  function linesBefore(element, x, y) {
    const caret = document.caretRangeFromPoint(x, y);
    if (!caret || !element.contains(caret.startContainer)) {
      return 0;
    }
    const range = document.createRange();
    range.setStart(element, 0);
    range.setEnd(caret.startContainer, caret.startOffset);
    return (range.toString().match(/\n/g) || []).length;
  }

  // The source line under a double-click: the line of the nearest element that knows its source
  // position (a list item, a table row, a paragraph), or the line within a code block. Positions
  // are counted from the block's line now: a block an update kept carries the positions it was
  // first rendered with, while the block list has the current ones.
  function sourceLineAt(target, x, y) {
    let block = target;
    while (block && block.parentElement !== content && !isChunk(block.parentElement)) {
      block = block.parentElement;
    }
    const i = block ? blocks.indexOf(block) : -1;
    if (i < 0) {
      return 0;
    }
    const [first, last] = [firstLineOf(i), lastLineOf(i)];
    const origin = block.matches('[data-sourcepos]') ? block : block.querySelector('[data-sourcepos]');
    const near = target.closest('[data-sourcepos]');
    if (!origin || !near || !block.contains(near)) {
      return first;
    }
    let line = first + sourceStart(near) - sourceStart(origin);
    const code = target.closest('pre');
    if (code && near.contains(code)) {
      // A fence line comes before the code; an indented block has none.
      const codeLines = (code.textContent.match(/\n/g) || []).length;
      const fenced = sourceEnd(near) - sourceStart(near) + 1 > codeLines;
      line += (fenced ? 1 : 0) + linesBefore(code, x, y);
    } else if (near.matches('p')) {
      line += linesBefore(near, x, y);
    }
    return Math.max(first, Math.min(line, last));
  }

  document.addEventListener('dblclick', (event) => {
    const target = event.target instanceof Element ? event.target : event.target.parentElement;
    const line = target ? sourceLineAt(target, event.clientX, event.clientY) : 0;
    if (line > 0 && bridge) {
      bridge.lineDoubleClicked(line);
    }
  });

  // ---- links --------------------------------------------------------------------------------

  function scrollToFragment(fragment) {
    const id = decodeURIComponent(fragment);
    const target = elementWithId(id) || elementWithId('user-content-' + id);
    if (target) {
      target.scrollIntoView();
    }
  }

  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (link && link.getAttribute('href').startsWith('#')) {
      // In-page links must not navigate: the base URL points at the document's folder.
      event.preventDefault();
      scrollToFragment(link.getAttribute('href').slice(1));
    }
  });

  // ---- the reader scrolling ----------------------------------------------------------------

  let lastScrollReport = 0;
  let heldBlock = null; // the block scrolled to the top of the view for a source line, and its line
  let scrollEndTimer = 0;
  function reportScroll() {
    lastScrollReport = performance.now();
    const [y, max, line] = position();
    bridge.scrolled(y, max, line);
  }
  window.addEventListener('scroll', () => {
    if (ownScrollY !== null && Math.abs(window.scrollY - ownScrollY) < 1) {
      ownScrollY = null;
      return;
    }
    ownScrollY = null;
    knownScrollY = window.scrollY;
    readerAnchor = measureAnchor();
    const held = heldBlock && currentBlock(heldBlock.element);
    if (held) {
      // The reader's place is the line's own block: the chunks around it, laid out for the first
      // time (content-visibility), take their real sizes without moving it.
      readerAnchor.element = held;
      readerAnchor.line = heldBlock.line;
      readerAnchor.offset = rectOf(held).top;
    }
    heldBlock = null;
    if (!bridge) {
      return;
    }
    // At most one report per 100 ms while scrolling, and always one when it ends.
    if (performance.now() - lastScrollReport >= 100) {
      reportScroll();
    }
    clearTimeout(scrollEndTimer);
    scrollEndTimer = setTimeout(reportScroll, 120);
  }, { passive: true });

  // ---- moving around (vi keys, the table of contents) ----------------------------------------

  const kLineStep = 40; // px: about two lines of text, as a wheel notch

  // The headings, and in far chunks the stand-ins of the blocks that hold any.
  function headingElements() {
    const found = [];
    for (const element of content.querySelectorAll(
      'h1, h2, h3, h4, h5, h6, #mdp-content > .mdp-chunk[data-mdp-far] > *')) {
      const chunk = element.parentElement;
      if (isChunk(chunk) && isFar(chunk)) {
        if (/<h[1-6][\s>]/i.test(sourceOf.get(element))) {
          found.push(element);
        }
      } else {
        found.push(element.closest('.markdown-heading') || element);
      }
    }
    return found;
  }

  // Whether a heading's top passes `test`, which says whether a top is beyond `limit`: a chunk
  // wholly on one side of the limit answers for its headings, which are then not laid out to be
  // measured.
  function headingIs(heading, test, limit) {
    const chunk = heading.closest('#mdp-content > .mdp-chunk');
    if (chunk) {
      const rect = chunk.getBoundingClientRect();
      if (rect.top > limit || rect.bottom < limit) {
        return test(rect.top);
      }
    }
    return test(heading.getBoundingClientRect().top);
  }

  // `count` headings down (positive) or up (negative) from the top of the view.
  function jumpHeadings(count) {
    // The heading of the block at the top of the view is where the reader is, not the next one.
    const current = firstVisibleIndex();
    const currentBottom = current >= 0 ? rectOf(blockAt(current)).bottom : 0;
    const limit = Math.max(1, currentBottom - 1);
    // A far chunk across either limit would answer for headings on both sides of it.
    materialiseAt(-1, limit);
    const headings = headingElements();
    const below = headings.filter((h) => headingIs(h, (top) => top > limit, limit));
    const above = headings.filter((h) => headingIs(h, (top) => top < -1, -1));
    const target = count > 0 ? below[Math.min(count, below.length) - 1]
                             : above[above.length - Math.min(-count, above.length)];
    const chunk = target && target.parentElement;
    if (isChunk(chunk) && isFar(chunk)) {
      // A stand-in: its headings are counted once its chunk is a tree again.
      materialise(chunk);
      jumpHeadings(count);
      return;
    }
    if (target) {
      window.scrollBy(0, target.getBoundingClientRect().top);
    }
  }

  function navigate(kind, amount) {
    switch (kind) {
      case 'line': window.scrollBy(0, amount * kLineStep); break;
      case 'column': window.scrollBy(amount * kLineStep, 0); break;
      case 'page': window.scrollBy(0, amount * window.innerHeight * 0.9); break;
      case 'top': window.scrollTo(window.scrollX, 0); break;
      case 'bottom': window.scrollTo(window.scrollX, maxScroll()); break;
      case 'heading': jumpHeadings(amount); break;
    }
  }

  function scrollToHeading(id) {
    const anchor = elementWithId('user-content-' + id) || elementWithId(id);
    const target = anchor && (anchor.closest('.markdown-heading') || anchor);
    if (target) {
      window.scrollBy(0, target.getBoundingClientRect().top);
    }
  }

  // ---- the channel ---------------------------------------------------------------------------

  window.mdpreview = {
    blockCount: () => blocks.length,
    lines: allLines,
    topLine,
    themeIsDark: () => themeDark,
    scrollToLine(line) {
      if (blocks.length > 0) {
        const i = indexForLine(line);
        window.scrollBy(0, rectOf(blockAt(i)).top);
        heldBlock = { element: blocks[i], line: firstLineOf(i) };
      }
    },
    anchor: () => readerAnchor,
    navigate,
    scrollToHeading,
    // Highlighting, math and diagrams not yet near the view (tests).
    enrichmentsWaiting: () => waiting.size,
    enrichEverything,
    // An export from the window is written: the page goes back to holding far blocks as text.
    exportWritten: () => layOutEverything(false),
    enrichmentsUnfinished: () => waiting.size + enrichmentsRunning,
    // Where the block holding a source line is, relative to the top of the view (tests).
    offsetOfLine: (line) => (blocks.length ? rectOf(blockAt(indexForLine(line))).top : null),
    // Find in page sees only what is a tree: everything is while it is open.
    holdEverything,
    // The chunk holding a line goes to text and is seen near again, as a far observer's report a
    // frame old would send it (tests).
    sendFar(line) {
      const chunk = blocks[indexForLine(line)].parentElement;
      if (!isChunk(chunk) || isFar(chunk)) {
        return false;
      }
      dematerialise(chunk, extentOf(chunk));
      nearChunks.unobserve(chunk);
      nearChunks.observe(chunk);
      return isFar(chunk);
    },
    // The chunks held as text (tests).
    farChunkCount: () => content.querySelectorAll(':scope > .mdp-chunk[data-mdp-far]').length,
    // The source line a double-click at (x, y) in the view sends an editor to (tests).
    sourceLineAt: (x, y) => {
      const target = document.elementFromPoint(x, y);
      return target ? sourceLineAt(target, x, y) : 0;
    },
  };

  new QWebChannel(qt.webChannelTransport, (channel) => {
    bridge = channel.objects.bridge;
    bridge.updateRequested.connect(applyUpdate);
    bridge.themeRequested.connect(applyTheme);
    bridge.lineRequested.connect(revealLine);
    bridge.shellReady();
  });
})();
