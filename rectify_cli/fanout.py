"""Work split over processes: the same function on several chunks of data at once.

Forked children inherit what this process has already read (the cache's outcomes, say), so
nothing is sent to them; each sends back its result as bytes through a pipe. A child that
fails in any way (an exception, a signal, a short write) costs only time: its chunk is done
again here, where an exception then surfaces as usual. Without fork (Windows) or with
threads running (forking them is unsafe), every chunk is done here, one after the other.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4  # beyond this the merging, done by one process, gains little


def can_fork() -> bool:
    """Whether this process may fork a worker now: not without fork, nor with other threads
    running (a child would inherit locks they hold, and never see them released)."""
    if not hasattr(os, "fork"):
        return False
    import threading

    return threading.active_count() == 1


def workers() -> int:
    """How many processes may work at once: the CPUs this process may run on, at most
    MAX_WORKERS; 1 when it can't fork."""
    if not can_fork():
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS has no affinity
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def run(work: Callable[[T], R], chunks: Sequence[T], *, encode: Callable[[R], bytes],
        decode: Callable[[bytes], R]) -> list[R]:
    """[work(chunk) for chunk in chunks], the first chunk here and each other one in a forked
    child at the same time. A child's result comes back as encode(result), decoded here."""
    if len(chunks) < 2 or not can_fork():
        return [work(chunk) for chunk in chunks]
    children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    try:
        for chunk in chunks[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child, whose coverage isn't collected
                _child(work, chunk, encode, read_end, write_end)
            os.close(write_end)
            children.append((pid, read_end))
        results = [work(chunks[0])]
        for chunk in chunks[1:]:
            pid, read_end = children.pop(0)
            try:
                data = receive(read_end)
            finally:
                _, status = os.waitpid(pid, 0)
            results.append(decode(data) if os.waitstatus_to_exitcode(status) == 0 else work(chunk))
        return results
    finally:  # only when an exception left children behind: stop and reap them
        for pid, read_end in children:
            with suppress(OSError):
                os.close(read_end)
            with suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with suppress(OSError):
                os.waitpid(pid, 0)


def _child(work, chunk, encode, read_end: int, write_end: int):  # pragma: no cover - see above
    """Do `chunk`, send its result and leave without running any exit handler or flushing
    anything inherited."""
    code = 1
    try:
        os.close(read_end)
        # (The result is kept to the end: freeing its objects one by one, before sending it,
        # took 50-70 ms of a child's 0.8 s at 100,000 measures; os._exit frees them all at once.)
        result = work(chunk)
        send(write_end, encode(result))
        code = 0
    finally:
        os._exit(code)


def send(pipe: int, data: bytes) -> None:
    """Write `data` to `pipe` as `receive` reads it: its length in 8 bytes, then itself."""
    _widen(pipe)
    for block in (len(data).to_bytes(8, "little"), data):
        view = memoryview(block)
        while view:
            view = view[os.write(pipe, view):]


def _widen(pipe: int) -> None:
    """Let the pipe hold 1 MiB at a time (Linux), not 64 KiB: tens of megabytes go through in a
    fraction of the system calls and switches between the processes."""
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass


def receive(pipe: int) -> bytearray:
    """What a child sent: its length in 8 bytes, then itself (empty when the child sent less).
    Closes `pipe`."""
    with os.fdopen(pipe, "rb", buffering=0) as stream:
        head = bytearray(8)
        if not _fill(stream, head):
            return bytearray()
        data = bytearray(int.from_bytes(head, "little"))
        return data if _fill(stream, data) else bytearray()


def _fill(stream, buffer: bytearray) -> bool:
    """Read into all of `buffer`; False when the stream ends first."""
    view, at = memoryview(buffer), 0
    while at < len(buffer):
        got = stream.readinto(view[at:])
        if not got:
            return False
        at += got
    return True
