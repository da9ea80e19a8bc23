"""`python -m rectify_cli`, and what the `rectify` command should run (`rectify_cli.__main__:run`).

Ctrl-C ends rectify with "rectify: 已中断" ("interrupted", said in the command line's language)
and exit code 130 at any moment: cli.main says so once it runs, but loading the modules before
it takes a good part of a second (more on a cold disk), and an interrupt then would print a
Python traceback. The words it is said in (i18n: the standard library's light modules only)
are loaded with cli, inside the guard: loaded before it, an interrupt while they loaded (some
15 ms) was a traceback too. Saying them loads nothing, but after that one.
"""
import gc
import signal  # (no cost: typer loads it, with subprocess)
import sys

from . import Terminated, interruption


def _terminated(signum, frame):
    raise Terminated


def _unraisable(unraisable) -> None:
    """An interrupt landing in code whose exceptions Python drops (a weakref callback of
    importlib's module locks, 3.12+) was printed as "Exception ignored" and lost: the command ran
    on, exit 0. It is raised again a moment later, from the code the callback interrupted (raised
    here, it would be dropped too)."""
    exc = unraisable.exc_value
    if isinstance(exc, KeyboardInterrupt) and hasattr(signal, "setitimer"):  # (not on Windows)
        def again(signum, frame):
            raise exc

        try:
            signal.signal(signal.SIGALRM, again)
        except ValueError:  # (not the main thread)
            pass
        else:
            signal.setitimer(signal.ITIMER_REAL, 0.001)
            return
    sys.__unraisablehook__(unraisable)


def run() -> None:
    # The modules loaded next are objects that live as long as the process: the cyclic collector
    # would walk them some 20 times while they load (4-6 ms). cli.main keeps it off (see there).
    gc.disable()
    # SIGTERM ended rectify silently, Python's default: ended as Ctrl-C ends it, said so.
    signal.signal(signal.SIGTERM, _terminated)
    # Ctrl-Break (SIGBREAK, Windows only) ended it at once, saying nothing: the keyboard's other
    # interrupt, so ended as Ctrl-C is (KeyboardInterrupt: 已中断, 130).
    if hasattr(signal, "SIGBREAK"):
        signal.signal(signal.SIGBREAK, signal.default_int_handler)
    sys.unraisablehook = _unraisable
    try:
        from .cli import main

        main()
    except KeyboardInterrupt as exc:
        from .i18n import command_line_lang, label

        key, code = interruption(exc)
        sys.stderr.write(f"rectify: {label(key, command_line_lang(sys.argv[1:]))}\n")
        sys.exit(code)


if __name__ == "__main__":
    run()
