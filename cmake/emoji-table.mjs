// SPDX-License-Identifier: GPL-3.0-or-later
// Build step: writes the gemoji shortcodes (GitHub's list, from the gemoji npm package) as a C++
// source holding one array sorted by name, for EmojiTable's binary search.
// Usage: node emoji-table.mjs GEMOJI_INDEX_JS OUTPUT_CPP
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [input, output] = process.argv.slice(2);
const { gemoji } = await import(pathToFileURL(input).href);

const entries = [];
for (const { emoji, names } of gemoji) {
  for (const name of names) {
    entries.push([name, emoji]);
  }
}
entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const bytes = (text) =>
  Array.from(Buffer.from(text, 'utf8'), (byte) => '\\x' + byte.toString(16).padStart(2, '0')).join('');

const lines = entries.map(([name, emoji]) => `    {"${name}", "${bytes(emoji)}"},`);
writeFileSync(
  output,
  `// Generated from the gemoji package by cmake/emoji-table.mjs; do not edit.
#include "core/markdown/emojitable.h"

namespace mdp::EmojiTable {

const Entry kEntries[] = {
${lines.join('\n')}
};
const std::size_t kEntryCount = ${entries.length};

} // namespace mdp::EmojiTable
`,
);
