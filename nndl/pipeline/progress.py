"""A progress bar with a count and an estimate of the time left (tqdm's)."""
import os
import sys

from tqdm import tqdm

FORMAT = "[{bar:30}] {n_fmt}/{total_fmt} {desc} · {elapsed} elapsed · ETA {remaining}{postfix}"


class Progress:
    """Call :meth:`step` once per finished job.  On a terminal: one live bar; otherwise (a log, CI) one
    line per step."""

    def __init__(self, total, label="graded", stream=None):
        self.stream = stream or sys.stderr
        self.live = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._sink = None if self.live else open(os.devnull, "w")
        self.bar = tqdm(total=total, desc=label, file=self.stream if self.live else self._sink, bar_format=FORMAT,
                        ascii=".#", mininterval=0.2)

    def step(self, note=""):
        self.bar.set_postfix_str(note, refresh=False)
        self.bar.update(1)
        if not self.live:
            self.stream.write(tqdm.format_meter(**self.bar.format_dict).rstrip() + "\n")
            self.stream.flush()

    def close(self):
        self.bar.close()
        if self._sink:
            self._sink.close()
