#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Keystroke-to-painted latency of live mode: typing in Vim (or Neovim), seen in the preview.

Starts `mdpreview --trace` on a document and a real, interactive editor in a pseudo-terminal with
the plugin from packaging/vim, runs :MdPreview, goes into insert mode and types one character at a
time. Each keystroke is timed from the moment it is written to the editor's terminal to the
`painted` trace line of the buffer that holds it (its size in bytes says which; both clocks are
CLOCK_MONOTONIC). Keystrokes are 150 ms apart, a steady typist's pace, so none waits behind
another. Half the keystrokes go into a paragraph in the middle of the document, half at its end.

Target: a median of 20 ms or less on a 200 KB document.

Usage: tests/bench/live_latency.py [--binary build/release/src/app/mdpreview] [--keys 40]
                                   [--editor vim|nvim] [--size BYTES]
"""
import argparse
import os
import sys
import tempfile
import time

from save_latency import ROOT, Previewer, corpus, write
from terminal_editor import Editor, summary


def type_and_time(app, editor, size, count):
    results = []
    for i in range(count):
        size += 1
        t0 = time.monotonic()
        editor.keys("abcdefghij"[i % 10])
        match = app.wait_painted(size, timeout=10)
        results.append((float(match.group(3)) - t0) * 1000)
        time.sleep(0.15)
    return results, size


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, "build/release/src/app/mdpreview"))
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--editor", default="vim", choices=["vim", "nvim"])
    parser.add_argument("--size", type=int, default=200 * 1024, help="document size in bytes")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        runtime = os.path.join(folder, "run")
        os.mkdir(runtime, 0o700)
        path = os.path.join(folder, "doc.md")
        _, size = write(path, corpus(args.size))
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        # A paragraph near the middle: a line with text after an empty one.
        middle = next(i for i in range(len(lines) // 2, len(lines))
                      if lines[i].strip() and not lines[i - 1].strip()
                      and lines[i][0].isalpha()) + 1
        app = Previewer(args.binary, path, runtime)
        editor = Editor(args.editor, args.binary, path, runtime)
        try:
            time.sleep(1.0)
            editor.keys(f"{middle}G:MdPreview\r")
            time.sleep(1.0)
            editor.keys("A ")  # insert mode at the end of the paragraph's first line
            app.wait_painted(size + 1)
            time.sleep(0.3)
            in_middle, size = type_and_time(app, editor, size + 1, args.keys // 2)
            editor.keys("\x1bGo")  # a new line at the end of the document
            app.wait_painted(size + 1)
            time.sleep(0.3)
            at_end, size = type_and_time(app, editor, size + 1, args.keys - args.keys // 2)
        finally:
            editor.quit()
            app.close()

    print(f"document: {args.size / 1024:.0f} KB, {len(lines)} lines, {args.editor}")
    summary("in the middle", in_middle, "keys")
    summary("at the end", at_end, "keys")
    summary("all", in_middle + at_end, "keys")


if __name__ == "__main__":
    sys.exit(main())
