#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Export time of a 400 KB document to PNG, PDF and HTML, as `mdpreview --export` takes it.

The document is the repo's README and sample document (code in several languages, math, a
Mermaid diagram, tables, alerts, footnotes) repeated to 400 KB. Each export runs --runs times
without a display; the median and the spread of the wall time are printed, with the size and
number of the files written (a tall page becomes OUT-1.png, OUT-2.png…).

Usage: tests/bench/export_time.py [--binary build/release/src/app/mdpreview] [--size-kb 400]
                                  [--runs 3] [--formats png,pdf,html]
"""
import argparse
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from save_latency import corpus  # noqa: E402  (the same real-looking document)


def export(binary, document, out):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    start = time.monotonic()
    run = subprocess.run([binary, "--export", out, document], env=env, capture_output=True,
                         timeout=600)
    elapsed = time.monotonic() - start
    stem, suffix = os.path.splitext(out)
    files = [out] if os.path.exists(out) else sorted(glob.glob(f"{stem}-*{suffix}"))
    return run.returncode, elapsed, files, run.stderr.decode(errors="replace").strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build/release/src/app/mdpreview"))
    parser.add_argument("--size-kb", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="png,pdf,html")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mdpreview-export-bench-") as folder:
        document = os.path.join(folder, "document.md")
        with open(document, "w", encoding="utf-8") as f:
            f.write(corpus(args.size_kb * 1024))
        print(f"document: {os.path.getsize(document) / 1024:.0f} KB, {args.runs} runs each")
        for suffix in args.formats.split(","):
            times = []
            for run in range(args.runs):
                out = os.path.join(folder, f"out-{run}.{suffix}")
                status, elapsed, files, err = export(args.binary, document, out)
                if status != 0:
                    print(f"{suffix}: exit {status}: {err}")
                    break
                times.append(elapsed)
            if not times:
                continue
            size = sum(os.path.getsize(f) for f in files) / 1024 / 1024
            print(f"{suffix:>4}: median {statistics.median(times):6.2f} s  "
                  f"(min {min(times):.2f}, max {max(times):.2f})  "
                  f"{len(files)} file(s), {size:.1f} MB")


if __name__ == "__main__":
    main()
