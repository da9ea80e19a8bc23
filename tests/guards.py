"""Guards for tests of an algorithm's growth, which never read the clock: the machines running the
tests are shared and busy (speed is the benchmark's to measure, `make bench`).

- `calls_counted()`: the work a block does, counted as calls of rectify's own Python functions
  (and resumptions of its generators); a test runs the block at n and 4n and asserts the count
  grows no faster than the input.
- `hang_guard()`: where only time can tell (a regular expression backtracking inside the C regex
  engine), a bound on the CPU this process uses in the block, far above what it takes.
"""
from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import rectify_cli

_PACKAGE = str(Path(rectify_cli.__file__).parent)


class Calls:
    count = 0


@contextmanager
def calls_counted() -> Iterator[Calls]:
    """Count the calls of functions in rectify_cli made in the block (a generator's every
    resumption counts: a loop over a list in a generator expression is counted step by step)."""
    calls = Calls()

    def profile(frame, event, _arg):
        if event == "call" and frame.f_code.co_filename.startswith(_PACKAGE):
            calls.count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield calls
    finally:
        sys.setprofile(previous)


@contextmanager
def hang_guard(cpu_seconds: float = 15):
    """Fail when the block uses `cpu_seconds` of this process's CPU (user time, ITIMER_VIRTUAL;
    the regex engine checks for signals as it backtracks). A hang guard, not a speed target: CPU
    time, not the clock, so that a busy machine does not fail it; each bound is over ten times
    what the block takes."""
    def stop(*_):
        pytest.fail(f"used {cpu_seconds} s of CPU: a pattern backtracks or a loop is quadratic")

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, cpu_seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
