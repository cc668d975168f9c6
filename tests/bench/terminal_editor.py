# SPDX-License-Identifier: GPL-3.0-or-later
"""Vim or Neovim with the mdpreview plugin, interactive in a pseudo-terminal, for the benchmarks
that time what a user's keystrokes do to the preview (cursor_latency.py, live_latency.py)."""
import os
import pty
import statistics
import threading

from save_latency import ROOT, percentile


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


def summary(label, results, unit):
    """One line of figures in milliseconds: `unit` names what each result timed (moves, keys)."""
    print(f"{label:>16}: median {statistics.median(results):6.1f} ms  p95 {percentile(results, 95):6.1f} ms"
          f"  min {min(results):5.1f}  max {max(results):6.1f}  ({len(results)} {unit})")
