#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Save-to-painted latency of a running mdpreview, as a user would feel it.

Starts `mdpreview --trace` on a document, saves the file again and again (a one-paragraph edit,
then an append, alternately) and measures from the moment the write returns to the `painted`
trace line for that content. Both clocks are CLOCK_MONOTONIC. Then an append storm: 100 appends
a second for 10 seconds must end at the bottom with the final content, the window never frozen.

Usage: tests/bench/save_latency.py [--binary build/release/src/app/mdpreview] [--saves 40]
"""
import argparse
import os
import re
import select
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PAINTED = re.compile(rb"^painted seq=(\d+) bytes=(\d+) t=([\d.]+) y=(\d+) max=(\d+) top_line=(\d+)$")


def corpus(size):
    """A real-looking document of about `size` bytes, built from the repo's own Markdown."""
    parts = []
    for name in ("README.md", "resources/sample.md"):
        with open(os.path.join(ROOT, name), encoding="utf-8") as f:
            parts.append(f.read())
    text = "\n\n".join(parts)
    out = []
    total = 0
    section = 0
    while total < size:
        chunk = f"\n\n## Section {section}\n\n" + text
        out.append(chunk)
        total += len(chunk.encode())
        section += 1
    return "".join(out)[:size].rsplit("\n\n", 1)[0] + "\n"


class Previewer:
    def __init__(self, binary, path, runtime_dir=None):
        # A runtime folder of its own: with the user's, a running mdpreview would take the file
        # over and this one would exit.
        self.runtime_dir = runtime_dir or tempfile.mkdtemp(prefix="mdpreview-bench-")
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   QTWEBENGINE_DISABLE_SANDBOX="1", XDG_RUNTIME_DIR=self.runtime_dir)
        self.process = subprocess.Popen([binary, "--trace", path], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=env)
        self.buffer = b""
        self.lines = []
        self.wait_for(lambda line: line.startswith(b"ready "), 60)

    def read_lines(self, timeout):
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            return
        data = os.read(self.process.stdout.fileno(), 1 << 16)
        if not data:
            raise RuntimeError("mdpreview exited")
        self.buffer += data
        *complete, self.buffer = self.buffer.split(b"\n")
        self.lines.extend(complete)

    def wait_for(self, predicate, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            while self.lines:
                line = self.lines.pop(0)
                if predicate(line):
                    return line
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no matching trace line")
            self.read_lines(remaining)

    def wait_painted(self, size, timeout=30):
        line = self.wait_for(lambda l: (m := PAINTED.match(l)) and int(m.group(2)) == size, timeout)
        return PAINTED.match(line)

    def close(self):
        self.process.terminate()
        self.process.wait(10)


def write(path, text):
    data = text.encode()
    with open(path, "wb") as f:
        f.write(data)
    return time.monotonic(), len(data)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def latency_run(binary, label, size, saves, folder):
    path = os.path.join(folder, f"{label}.md")
    text = corpus(size)
    write(path, text)
    app = Previewer(binary, path)
    results = []
    try:
        for i in range(saves):
            if i % 2 == 0:  # a one-paragraph edit in the middle
                middle = text.find("\n\n", len(text) // 2) + 2
                text = text[:middle] + f"Edited paragraph {i}.\n\n" + text[middle:]
            else:  # an append
                text += f"\nAppended paragraph {i}.\n"
            t0, n = write(path, text)
            match = app.wait_painted(n)
            results.append((float(match.group(3)) - t0) * 1000)
            time.sleep(0.05)
    finally:
        app.close()
    print(f"{label:>8}: {len(text.encode()) / 1024:8.0f} KB  median {statistics.median(results):7.1f} ms"
          f"  p95 {percentile(results, 95):7.1f} ms  ({saves} saves)")


def append_storm(binary, folder, rate=100, seconds=10):
    # The storm starts as a document shorter than the window: the view is at its end, and must
    # stay at the end as it grows.
    path = os.path.join(folder, "storm.md")
    write(path, "# Storm\n")
    app = Previewer(binary, path)
    painted_times = []
    last = None
    try:
        start = time.monotonic()
        count = 0
        while time.monotonic() - start < seconds:
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"\nStorm line {count}.\n")
            count += 1
            next_at = start + count / rate
            while time.monotonic() < next_at:
                app.read_lines(max(0, next_at - time.monotonic()))
                for line in app.lines:
                    if match := PAINTED.match(line):
                        painted_times.append(time.monotonic())
                        last = match
                app.lines.clear()
        final = os.path.getsize(path)
        # The last append may have been painted already, inside the loop.
        match = last if last and int(last.group(2)) == final else app.wait_painted(final, 10)
        at_bottom = match.group(4) == match.group(5)
    finally:
        app.close()
    gaps = [b - a for a, b in zip(painted_times, painted_times[1:])] or [0]
    print(f"   storm: {count} appends in {seconds} s, {len(painted_times)} paints, final content "
          f"painted, at bottom: {at_bottom}, longest gap between paints {max(gaps) * 1000:.0f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, "build/release/src/app/mdpreview"))
    parser.add_argument("--saves", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for label, size in (("4 KB", 4 * 1024), ("200 KB", 200 * 1024), ("2 MB", 2 * 1024 * 1024)):
            latency_run(args.binary, label.replace(" ", ""), size, args.saves, folder)
        append_storm(args.binary, folder)


if __name__ == "__main__":
    sys.exit(main())
