// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the page's own bundles from npm packages (run by cmake/WebAssets.cmake; nothing it
// writes is committed):
//   mathjax/math.js           MathJax 3, TeX to SVG (resources/web/math.mjs)
//   starry-night/highlight.js starry-night and its WebAssembly regex engine (highlight.mjs),
//                             with the index that maps a fence's language to a grammar
//   starry-night/lang/<file>.js   one script per grammar, loaded when a block needs it
// Usage: node build.mjs <node_modules> <output folder>
import { build } from 'esbuild';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [nodeModules, out] = process.argv.slice(2);
if (!nodeModules || !out) {
  throw new Error('usage: node build.mjs <node_modules> <output folder>');
}
const langDir = join(nodeModules, '@wooorm/starry-night/lang');

// The grammars a grammar includes, by scope ("source.js", "source.js#expression"): the
// dependencies a grammar declares leave out some (HTML's scripts and styles, for one).
function includedScopes(grammar, declared) {
  const scopes = new Set(declared);
  const visit = (value) => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'include' && typeof item === 'string' && !/^[#$]/.test(item)) {
          scopes.add(item.split('#')[0]);
        } else {
          visit(item);
        }
      }
    }
  };
  visit(grammar.patterns);
  visit(grammar.repository);
  visit(grammar.injections);
  scopes.delete(grammar.scopeName);
  return [...scopes].sort();
}

// Every grammar starry-night ships: its script, and what the index needs to know of it.
async function writeGrammars() {
  const index = { files: {}, names: {}, extensions: {}, extensionsWithDot: {}, dependencies: {} };
  mkdirSync(join(out, 'starry-night/lang'), { recursive: true });
  const files = readdirSync(langDir).filter((name) => name.endsWith('.js')).sort();
  for (const file of files) {
    const grammar = (await import(pathToFileURL(join(langDir, file)).href)).default;
    const scope = grammar.scopeName;
    // Named as in the package (known when the build is configured), found by scope.
    index.files[scope] = file;
    // Later grammars win a shared name or extension, as in starry-night's own registry.
    for (const name of grammar.names) index.names[name] = scope;
    for (const extension of grammar.extensions) index.extensions[extension] = scope;
    for (const extension of grammar.extensionsWithDot || []) {
      index.extensionsWithDot[extension] = scope;
    }
    const dependencies = includedScopes(grammar, grammar.dependencies || []);
    if (dependencies.length > 0) {
      index.dependencies[scope] = dependencies;
    }
    // Data, written as a JSON literal: nothing of the package's code runs in the page.
    writeFileSync(join(out, 'starry-night/lang', file),
      `(self.mdpreviewGrammars||(self.mdpreviewGrammars={}))[${JSON.stringify(scope)}]=` +
      `${JSON.stringify(grammar)};\n`);
  }
  return index;
}

// Serves the generated index as a module, and puts the embedded WebAssembly loader in the place
// of starry-night's fetching one.
function pagePlugin(index) {
  return {
    name: 'mdpreview-page',
    setup(builder) {
      builder.onResolve({ filter: /^mdp:grammar-index$/ }, () =>
        ({ path: 'grammar-index', namespace: 'mdp' }));
      builder.onLoad({ filter: /.*/, namespace: 'mdp' }, () =>
        ({ contents: JSON.stringify(index), loader: 'json' }));
      builder.onResolve({ filter: /^#get-oniguruma$/ }, () =>
        ({ path: join(here, 'oniguruma.mjs') }));
    },
  };
}

const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'chrome108',
  legalComments: 'none',
  nodePaths: [nodeModules],
  logLevel: 'warning',
};

const index = await writeGrammars();
await build({
  ...common,
  entryPoints: [join(here, 'highlight.mjs')],
  outfile: join(out, 'starry-night/highlight.js'),
  globalName: 'mdpreviewHighlight',
  loader: { '.wasm': 'binary' },
  plugins: [pagePlugin(index)],
});
await build({
  ...common,
  entryPoints: [join(here, 'math.mjs')],
  outfile: join(out, 'mathjax/math.js'),
  globalName: 'mdpreviewMath',
});
