"""A progress bar for long runs: tqdm on a terminal, nothing otherwise or when asked."""
import sys
import time


class Progress:
    """Call with (done, total); shows a bar once the work has taken more than a second."""

    def __init__(self, enabled=None, unit="simulation"):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.unit = unit
        self.started = time.monotonic()
        self.bar = None

    def __call__(self, done, total):
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < 1.0 and done < total:
                return
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit=self.unit, file=sys.stderr, leave=False)
        self.bar.update(done - self.bar.n)

    def close(self):
        if self.bar is not None:
            self.bar.close()
