"""A progress bar with a count and an estimate of the time left."""
import sys
import time


def _clock(seconds):
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    """Call :meth:`step` once per finished job; prints to stderr (one line per step when not a terminal)."""

    def __init__(self, total, label="graded", stream=None, width=30):
        self.total, self.label, self.width = total, label, width
        self.stream = stream or sys.stderr
        self.done = 0
        self.start = time.monotonic()
        self.live = hasattr(self.stream, "isatty") and self.stream.isatty()

    def line(self, note=""):
        elapsed = time.monotonic() - self.start
        left = elapsed / self.done * (self.total - self.done) if self.done else float("nan")
        filled = int(self.width * self.done / max(self.total, 1))
        eta = _clock(left) if self.done else "?:??"
        bar = "#" * filled + "." * (self.width - filled)
        return f"[{bar}] {self.done}/{self.total} {self.label} · {_clock(elapsed)} elapsed · ETA {eta} {note}".rstrip()

    def step(self, note=""):
        self.done += 1
        text = self.line(note)
        if self.live:
            self.stream.write("\r" + text.ljust(100) + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
