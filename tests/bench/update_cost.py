#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What an update costs end to end, beside what cmark-gfm needs to parse the whole document.

Starts `mdpreview --trace` on generated README-like documents and measures save-to-painted (from
the moment the write returns to the `painted` trace line for that content; both clocks are
CLOCK_MONOTONIC) for:

  - a paragraph inserted in the middle of a 200 KB document,
  - a paragraph inserted in the middle of a 2 MB document,
  - a paragraph appended to a 2 MB document (the view at its end, following it),

each beside the `cmark-gfm` command line's parse and render of the same whole document with the
renderer's extensions, timed in the same run between the saves (its process start, timed on an
empty input, is taken off), so that the ratio holds on a busy machine. Then the memory the
process tree holds (PSS from smaps_rollup, per process type) with each document open, and the
append storm: 1000 appends in 10 s to a 200 KB document whose view is at its end.

With --engine, the web engine's own timings for the saves (style, layout, paint, script, parse,
from its trace over the DevTools protocol) and its allocators' memory are printed as well; that
needs python3-websocket.

Usage: tests/bench/update_cost.py [--binary build/release/src/app/mdpreview] [--saves 21]
                                  [--engine] [--only 200KB-mid,2MB-mid,2MB-append,memory,storm]
                                  [--settle 3,10,30]
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

from save_latency import PAINTED, ROOT, Previewer, corpus, percentile, write

CMARK_ARGS = ["--sourcepos", "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink",
              "-e", "tagfilter", "-e", "tasklist"]


# ---- the yardstick ------------------------------------------------------------------------------

class CmarkYardstick:
    """The cmark-gfm command line on the whole document, less its own start-up."""

    def __init__(self):
        self.binary = shutil.which("cmark-gfm")
        if not self.binary:
            sys.exit("cmark-gfm (the command line, Debian package cmark-gfm) is needed")
        self.startup = statistics.median(self._run(b"") for _ in range(15))

    def _run(self, data):
        t0 = time.monotonic()
        subprocess.run([self.binary, *CMARK_ARGS], input=data, stdout=subprocess.DEVNULL, check=True)
        return (time.monotonic() - t0) * 1000

    def parse_ms(self, text):
        return max(0.0, self._run(text.encode()) - self.startup)


# ---- memory -------------------------------------------------------------------------------------

def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            ppid = parent_of(entry)
        except OSError:
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def parent_of(pid):
    with open(f"/proc/{pid}/stat", "rb") as f:
        stat = f.read()
    return int(stat[stat.rindex(b")") + 2:].split()[1])


def process_kind(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().split(b"\0")
    except OSError:
        return None
    for arg in argv:
        if arg == b"--type=zygote" and process_kind(parent_of(pid)) == "zygote":
            return "renderer"  # forked from the zygote without a sandbox: its command line stays
        if arg.startswith(b"--type="):
            kind = arg[len(b"--type="):].decode()
            if kind == "utility":
                for sub in argv:
                    if sub.startswith(b"--utility-sub-type="):
                        return "utility " + sub.split(b".")[-1].decode()
            return kind
    return "app (browser)"


def pss_kb(pid):
    """PSS and its anonymous part, in KB."""
    values = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[0].endswith(":") and parts[1].isdigit():
                    values[parts[0][:-1]] = int(parts[1])
    except OSError:
        return None
    return values.get("Pss", 0), values.get("Pss_Anon", 0)


def tree_pss(pid):
    """{kind: (pss KB, anonymous pss KB)} for the app and every process it started."""
    kinds = {}
    for child in descendants(pid):
        kind, value = process_kind(child), pss_kb(child)
        if kind is None or value is None:
            continue
        total, anon = kinds.get(kind, (0, 0))
        kinds[kind] = (total + value[0], anon + value[1])
    return kinds


def print_pss(label, kinds):
    total = sum(v[0] for v in kinds.values())
    parts = ", ".join(f"{kind} {pss / 1024:.0f} (anon {anon / 1024:.0f})"
                      for kind, (pss, anon) in sorted(kinds.items(), key=lambda kv: -kv[1][0]))
    print(f"  memory {label:>12}: PSS {total / 1024:6.0f} MB  = {parts}")
    return total


# ---- the web engine's own view (DevTools protocol) -------------------------------------------

def websocket_module():
    try:
        import websocket  # only --engine needs it
    except ImportError:
        sys.exit("--engine needs python3-websocket (Debian's package, for /usr/bin/python3)")
    return websocket


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Engine:
    """The browser target of the web engine's DevTools endpoint: traces and memory dumps."""

    TIMELINE = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "v8"]

    def __init__(self, port):
        websocket = websocket_module()
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=2) as r:
                    url = json.load(r)["webSocketDebuggerUrl"]
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        self.socket = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.on_event(message)

    def on_event(self, message):
        if message.get("method") == "Tracing.dataCollected":
            self.events.extend(message["params"]["value"])
        elif message.get("method") == "Tracing.tracingComplete":
            self.complete = True

    def start(self, categories):
        self.events, self.complete = [], False
        config = {"includedCategories": categories, "recordMode": "recordAsMuchAsPossible"}
        self.call("Tracing.start", traceConfig=config, transferMode="ReportEvents")

    def stop(self):
        self.call("Tracing.end")
        while not self.complete:
            self.on_event(json.loads(self.socket.recv()))
        return self.events

    @staticmethod
    def page_counters(port):
        """What the page's own counters say: the script heap and the DOM's size."""
        websocket = websocket_module()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as r:
            page = next(t for t in json.load(r) if t.get("type") == "page")
        connection = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60,
                                                 suppress_origin=True)
        results = []
        for number, method in enumerate(("Runtime.getHeapUsage", "Memory.getDOMCounters"), 1):
            connection.send(json.dumps({"id": number, "method": method}))
            while (message := json.loads(connection.recv())).get("id") != number:
                pass
            results.append(message.get("result", {}))
        connection.close()
        heap, dom = results
        return (f"script heap {heap.get('usedSize', 0) / 2**20:.0f} MB used of "
                f"{heap.get('totalSize', 0) / 2**20:.0f}, {dom.get('nodes', 0)} DOM nodes")


def timeline_summary(events, saves, top=14):
    """Milliseconds per save the renderer's main thread spent in each kind of event (nested
    events count in their parents too), and how much each layout had to lay out."""
    main_threads = {(e["pid"], e["tid"]) for e in events
                    if e.get("ph") == "M" and e.get("name") == "thread_name"
                    and e["args"].get("name") == "CrRendererMain"}
    totals, layouts, dirty, forced = {}, 0, 0, 0
    for e in events:
        if (e.get("pid"), e.get("tid")) not in main_threads or e.get("ph") != "X":
            continue
        totals[e["name"]] = totals.get(e["name"], 0) + e.get("dur", 0) / 1000
        if e["name"] == "Layout":
            begin = e.get("args", {}).get("beginData", {})
            layouts += 1
            dirty += begin.get("dirtyObjects", 0)
            forced += bool(begin.get("stackTrace"))
    parts = ", ".join(f"{name} {ms / saves:.1f}"
                      for name, ms in sorted(totals.items(), key=lambda kv: -kv[1])[:top])
    return (f"engine ms per save: {parts}\n             layouts per save {layouts / saves:.1f} "
            f"(forced by script {forced / saves:.1f}), objects laid out per layout "
            f"{dirty / max(1, layouts):.0f}")


# ---- the cases ------------------------------------------------------------------------------

class App(Previewer):
    def __init__(self, binary, path, engine_port=None):
        if engine_port:
            os.environ["QTWEBENGINE_REMOTE_DEBUGGING"] = f"127.0.0.1:{engine_port}"
        try:
            super().__init__(binary, path)
        finally:
            os.environ.pop("QTWEBENGINE_REMOTE_DEBUGGING", None)
        self.engine = Engine(engine_port) if engine_port else None
        self.engine_port = engine_port

    def save(self, path, text):
        t0, n = write(path, text)
        match = self.wait_painted(n)
        return (float(match.group(3)) - t0) * 1000, match


def insert_middle(text, i):
    middle = text.find("\n\n", len(text) // 2) + 2
    return text[:middle] + f"An inserted paragraph {i}, a few words long like a real one.\n\n" + text[middle:]


def append(text, i):
    return text + f"\nAn appended paragraph {i}, a few words long like a real one.\n"


def to_the_end(app, path, text):
    """The app opened a short document: it grows, and the view sticks to its bottom."""
    app.wait_painted(len(b"# Start\n"))
    _, match = app.save(path, text)
    if match.group(4) != match.group(5):
        raise RuntimeError("the view did not follow the document to its end")


def update_case(args, yardstick, label, size, edit, folder):
    path = os.path.join(folder, f"{label}.md")
    text = corpus(size)
    write(path, "# Start\n" if edit is append else text)
    app = App(args.binary, path, free_port() if args.engine else None)
    latencies, cmark = [], []
    try:
        if edit is append:
            to_the_end(app, path, text)
        else:
            app.wait_painted(len(text.encode()), 60)
        for i in range(3):  # the first saves warm caches up
            text = edit(text, -1 - i)
            app.save(path, text)
            time.sleep(0.1)
        if app.engine:
            app.engine.start(Engine.TIMELINE)
        for i in range(args.saves):
            text = edit(text, i)
            latency, match = app.save(path, text)
            if edit is append and match.group(4) != match.group(5):
                raise RuntimeError("an append did not keep the view at the end")
            latencies.append(latency)
            cmark.append(yardstick.parse_ms(text))
            time.sleep(0.1)
        engine_line = timeline_summary(app.engine.stop(), args.saves) if app.engine else None
    finally:
        app.close()
    median, reference = statistics.median(latencies), statistics.median(cmark)
    print(f"{label:>11}: {len(text.encode()) / 1024:6.0f} KB  save-to-painted median {median:6.1f} ms"
          f"  p95 {percentile(latencies, 95):6.1f} ms  | cmark-gfm whole parse {reference:6.1f} ms"
          f"  ratio {median / reference if reference else float('nan'):4.2f}  ({args.saves} saves)")
    if engine_line:
        print("             " + engine_line)


def memory_case(args, folder):
    print("memory (PSS of the process tree, MB; anon = anonymous memory):")
    for label, size in (("empty", 0), ("200 KB", 200 * 1024), ("2 MB", 2 * 1024 * 1024)):
        path = os.path.join(folder, f"memory-{size}.md")
        text = corpus(size) if size else "# Empty\n"
        write(path, text)
        app = App(args.binary, path, free_port() if args.engine else None)
        try:
            app.wait_painted(len(text.encode()), 60)
            if size:  # a few edits, as a document being written sees
                for i in range(5):
                    text = insert_middle(text, i)
                    app.save(path, text)
            # What is freed after the last update is given back; read at each settle time.
            waited = 0.0
            for settle in args.settle:
                time.sleep(settle - waited)
                waited = settle
                suffix = f" {settle:g} s" if len(args.settle) > 1 else ""
                print_pss(label + suffix, tree_pss(app.process.pid))
                if app.engine:
                    print("           page: " + Engine.page_counters(app.engine_port))
        finally:
            app.close()


def storm_case(args, folder, count=1000, seconds=10):
    path = os.path.join(folder, "storm.md")
    text = corpus(200 * 1024)
    write(path, "# Start\n")
    app = App(args.binary, path)
    painted = []
    try:
        to_the_end(app, path, text)
        start = time.monotonic()
        for i in range(count):
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"\nStorm line {i}.\n")
            next_at = start + (i + 1) * seconds / count
            while True:
                app.read_lines(max(0, next_at - time.monotonic()))
                for line in app.lines:
                    if match := PAINTED.match(line):
                        painted.append((time.monotonic(), match))
                app.lines.clear()
                if time.monotonic() >= next_at:
                    break
        final = os.path.getsize(path)
        # The last append may have been painted already, inside the loop.
        if not painted or int(painted[-1][1].group(2)) != final:
            painted.append((time.monotonic(), app.wait_painted(final, 10)))
        last = painted[-1][1]
    finally:
        app.close()
    sizes = [int(m.group(2)) for _, m in painted]
    bottom = all(m.group(4) == m.group(5) for _, m in painted) and last.group(4) == last.group(5)
    gaps = [b - a for (a, _), (b, _) in zip(painted, painted[1:])] or [0]
    print(f"      storm: {count} appends in {seconds} s to 200 KB: {len(painted)} states painted, "
          f"in order: {sizes == sorted(sizes)}, final content painted, every paint at the end: "
          f"{bottom}, longest gap between paints {max(gaps) * 1000:.0f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, "build/release/src/app/mdpreview"))
    parser.add_argument("--saves", type=int, default=21)
    parser.add_argument("--engine", action="store_true",
                        help="the web engine's own timings and allocators (python3-websocket)")
    parser.add_argument("--only", default="200KB-mid,2MB-mid,2MB-append,memory,storm")
    parser.add_argument("--settle", default="3",
                        help="seconds after the last save at which memory is read, e.g. 3,10,30")
    args = parser.parse_args()
    args.settle = sorted(float(s) for s in args.settle.split(","))
    only = set(args.only.split(","))
    yardstick = CmarkYardstick()
    with tempfile.TemporaryDirectory() as folder:
        for label, size, edit in (("200KB-mid", 200 * 1024, insert_middle),
                                  ("2MB-mid", 2 * 1024 * 1024, insert_middle),
                                  ("2MB-append", 2 * 1024 * 1024, append)):
            if label in only:
                update_case(args, yardstick, label, size, edit, folder)
        if "memory" in only:
            memory_case(args, folder)
        if "storm" in only:
            storm_case(args, folder)


if __name__ == "__main__":
    sys.exit(main())
