"""What a long run prints: `publish: [3/8] compress … 0.4 s`, and the error type every step raises."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class PublishError(Exception):
    """A step failed; the message says which and why. `site/` has not been touched."""


def log(message: str) -> None:
    print(f"publish: {message}", flush=True)


class Steps:
    """Numbers the planned steps and times each one.

        steps = Steps(["build", "compress"])
        with steps("build") as step:
            ...
            step.note("78 pages")        # printed after the time
    """

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.times: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[_Step]:
        number = self.names.index(name) + 1
        prefix = f"[{number}/{len(self.names)}] {name}"
        log(f"{prefix} …")
        step = _Step()
        started = time.monotonic()
        yield step
        elapsed = time.monotonic() - started
        self.times[name] = elapsed
        log(f"{prefix} … {elapsed:.1f} s" + (f" — {step.text}" if step.text else ""))


class _Step:
    def __init__(self) -> None:
        self.text = ""

    def note(self, text: str) -> None:
        self.text = text
