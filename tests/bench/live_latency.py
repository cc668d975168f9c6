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
import pty
import statistics
import sys
import tempfile
import threading
import time

from save_latency import ROOT, Previewer, corpus, percentile, write


class Editor:
    """Vim or Neovim, interactive in a pseudo-terminal, as a user runs it."""

    def __init__(self, program, binary, path, runtime_dir):
        plugin = os.path.join(ROOT, "packaging/vim")
        argv = [program, "-u", "NONE", "-i", "NONE", "-n",
                "--cmd", f"set nocompatible runtimepath^={plugin}",
                "--cmd", f"let g:mdpreview_command = '{binary}'",
                "--cmd", "runtime plugin/mdpreview.vim", path]
        env = dict(os.environ, TERM="xterm", XDG_RUNTIME_DIR=runtime_dir)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(program, argv, env)
        # An editor stops when nobody reads what it draws.
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        try:
            while os.read(self.fd, 1 << 16):
                pass
        except OSError:
            pass

    def keys(self, text):
        os.write(self.fd, text.encode())

    def quit(self):
        self.keys("\x1b:qa!\r")
        os.waitpid(self.pid, 0)


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


def summary(label, results):
    print(f"{label:>16}: median {statistics.median(results):6.1f} ms  p95 {percentile(results, 95):6.1f} ms"
          f"  min {min(results):5.1f}  max {max(results):6.1f}  ({len(results)} keys)")


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
    summary("in the middle", in_middle)
    summary("at the end", at_end)
    summary("all", in_middle + at_end)


if __name__ == "__main__":
    sys.exit(main())
