"""rectify: a command-line progress auditor for rectification ledgers (整改台账)."""

__version__ = "0.1.0"


class Terminated(KeyboardInterrupt):
    """SIGTERM (`timeout`, a CI job cancelled, `docker stop`), raised by __main__'s handler: a
    KeyboardInterrupt, so that it ends a command as Ctrl-C does (a lock file made to wait on
    removed, an entry already written said so); said 已终止, exit 143. (Here: loaded before
    __main__, whatever else has loaded when the signal comes.)"""


def interruption(exc: KeyboardInterrupt) -> tuple[str, int]:
    """What ends a command interrupted is said as (a LABELS key) and its exit code, 128 + the signal."""
    return ("exit_terminated", 143) if isinstance(exc, Terminated) else ("exit_interrupted", 130)
