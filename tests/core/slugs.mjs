// SPDX-License-Identifier: GPL-3.0-or-later
// Prints the slug the reference implementation (the github-slugger package) gives each line of
// a file, one per line, all lines counting as one document. Run by tst_slugger.
import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';

const slugger = new GithubSlugger();
const lines = readFileSync(process.argv[2], 'utf8').split('\n');
if (lines[lines.length - 1] === '') {
  lines.pop();
}
for (const line of lines) {
  process.stdout.write(slugger.slug(line) + '\n');
}
