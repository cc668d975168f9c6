// SPDX-License-Identifier: GPL-3.0-or-later
// Code highlighting as GitHub does it: GitHub's own TextMate grammars (starry-night), chosen by
// the fence's language the way GitHub chooses them (a language's name or alias, then a file
// extension), drawn as GitHub's pl-* classes. Each grammar is a script of its own
// (starry-night/lang/, named as in the package), loaded the first time a block needs it, with the grammars it
// embeds; the script stores the grammar in self.mdpreviewGrammars.
import { createStarryNight } from '@wooorm/starry-night';
import index from 'mdp:grammar-index';

let starryNight = null;
const registered = new Set();
let queue = Promise.resolve();

// The fence's first word names the language; GitHub trims blanks and a trailing slash and
// ignores case.
export function scopeForFlag(flag) {
  const normal = flag.replace(/^[\t ]+|[\t /]+$/g, '').toLowerCase();
  if (Object.hasOwn(index.names, normal)) {
    return index.names[normal];
  }
  const dot = normal.lastIndexOf('.');
  const extension = dot === -1 ? '.' + normal : normal.slice(dot);
  if (Object.hasOwn(index.extensions, extension)) {
    return index.extensions[extension];
  }
  return dot !== -1 && Object.hasOwn(index.extensionsWithDot, extension)
    ? index.extensionsWithDot[extension]
    : undefined;
}

// The grammar and every grammar it embeds, however deep.
function grammarsFor(scope) {
  const needed = new Set();
  const pending = [scope];
  while (pending.length > 0) {
    const next = pending.pop();
    if (needed.has(next) || !Object.hasOwn(index.files, next)) {
      continue;
    }
    needed.add(next);
    pending.push(...(index.dependencies[next] || []));
  }
  return [...needed];
}

async function register(scopes, load) {
  const missing = scopes.filter((scope) => !registered.has(scope));
  if (missing.length === 0) {
    return;
  }
  await Promise.all(missing.map((scope) => load('starry-night/lang/' + index.files[scope])));
  const grammars = missing.map((scope) => self.mdpreviewGrammars[scope]);
  if (starryNight) {
    await starryNight.register(grammars);
  } else {
    starryNight = await createStarryNight(grammars);
  }
  for (const scope of missing) {
    registered.add(scope);
  }
}

function appendHast(parent, node) {
  for (const child of node.children) {
    if (child.type === 'text') {
      parent.append(child.value);
    } else if (child.type === 'element') {
      const element = document.createElement(child.tagName);
      const classes = child.properties && child.properties.className;
      if (classes) {
        element.className = classes.join(' ');
      }
      appendHast(element, child);
      parent.append(element);
    }
  }
}

// Highlights a <code> element in place; says whether its language was one GitHub highlights.
// `load` brings in one of the app's scripts by its path under web/. One block at a time:
// registering grammars replaces starry-night's registry.
export function highlight(code, flag, load) {
  const scope = scopeForFlag(flag);
  if (!scope) {
    return Promise.resolve(false);
  }
  const run = async () => {
    await register(grammarsFor(scope), load);
    const tree = starryNight.highlight(code.textContent, scope);
    const fragment = document.createDocumentFragment();
    appendHast(fragment, tree);
    code.replaceChildren(fragment);
    return true;
  };
  const result = queue.then(run);
  queue = result.catch(() => undefined);
  return result;
}
