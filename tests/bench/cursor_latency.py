#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cursor-to-scrolled latency: Vim with the mdpreview plugin follows its cursor in the preview.

Starts `mdpreview --trace` on a document and a real, interactive Vim in a pseudo-terminal with
the plugin from packaging/vim, runs :MdPreview, then moves the cursor with `{N}G` again and again.
Each move is timed from the moment the final `G` key is written to Vim's terminal to the
`scrolled` trace line the preview prints once the new position is on screen (both clocks are
CLOCK_MONOTONIC). The moves are 200 ms apart, so the plugin's throttle never holds one back. For
comparison, the same with `mdpreview --goto-line N FILE` (a process per move) instead of Vim.

Usage: tests/bench/cursor_latency.py [--binary build/release/src/app/mdpreview] [--moves 40]
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time

from save_latency import ROOT, Previewer, corpus, write
from terminal_editor import Editor, summary

SCROLLED = re.compile(rb"^scrolled t=([\d.]+) y=(\d+) max=(\d+) top_line=(\d+)$")


def wait_scrolled(app, timeout=10):
    return SCROLLED.match(app.wait_for(lambda line: SCROLLED.match(line) is not None, timeout))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, "build/release/src/app/mdpreview"))
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--size", type=int, default=200 * 1024, help="document size in bytes")
    args = parser.parse_args()
    random.seed(1)

    with tempfile.TemporaryDirectory() as folder:
        runtime = os.path.join(folder, "run")
        os.mkdir(runtime, 0o700)
        path = os.path.join(folder, "doc.md")
        write(path, corpus(args.size))
        line_count = sum(1 for _ in open(path, encoding="utf-8"))
        app = Previewer(args.binary, path, runtime)
        vim = Editor("vim", args.binary, path, runtime)
        try:
            time.sleep(1.0)
            vim.keys("1G:MdPreview\r")
            wait_scrolled(app)
            time.sleep(0.3)

            previous = 1
            vim_results = []
            for _ in range(args.moves):
                target = previous
                while abs(target - previous) < 20:
                    target = random.randint(1, line_count)
                previous = target
                vim.keys(str(target))
                time.sleep(0.02)
                t0 = time.monotonic()
                vim.keys("G")
                vim_results.append((float(wait_scrolled(app).group(1)) - t0) * 1000)
                time.sleep(0.2)

            cli_results = []
            env = dict(os.environ, XDG_RUNTIME_DIR=runtime)
            for _ in range(args.moves):
                target = random.randint(1, line_count)
                t0 = time.monotonic()
                subprocess.run([args.binary, "--goto-line", str(target), path], env=env, check=True)
                cli_results.append((float(wait_scrolled(app).group(1)) - t0) * 1000)
                time.sleep(0.05)
        finally:
            vim.quit()
            app.close()

    print(f"document: {args.size / 1024:.0f} KB, {line_count} lines")
    summary("Vim plugin", vim_results, "moves")
    summary("--goto-line", cli_results, "moves")


if __name__ == "__main__":
    sys.exit(main())
