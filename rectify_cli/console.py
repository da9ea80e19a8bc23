"""The one place that makes Rich consoles: registry text is data, never markup."""
from __future__ import annotations

import os
import re
import sys

from rich.console import Console


# The fewest cells anything is laid out in: in fewer, a wide (Chinese) character fits no line and
# Rich prints blank lines for it. A narrower terminal wraps the lines instead: nothing is lost.
MIN_WIDTH = 20


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # The reader stopped reading (`rectify status | head`): not an error of ours, so exit 0
        # where Rich would exit 1 (it still sends the rest to /dev/null). Only where the standard
        # streams are not guarded: streams._StandardStream takes EPIPE before Rich sees it.
        try:
            super().on_broken_pipe()
        except SystemExit:
            raise SystemExit(0) from None


class _WithoutTrailingSpaces:
    """A file that drops the spaces ending each line written to it. Rich pads every cell of a
    table to its column's width; piped or saved, `status` and `show` are pasted as text, where
    those spaces only get in the way."""

    _ENDS = re.compile(" +\n")

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(self._ENDS.sub("\n", text))

    def __getattr__(self, name):  # (isatty, flush, encoding, fileno…: the stream's own)
        return getattr(self._stream, name)


def make_console(*, stderr: bool = False, width: int | None = None, file=None) -> Console:
    """Colour on a terminal, or anywhere with FORCE_COLOR (a CI log), and never with NO_COLOR;
    markup, emoji and highlighting off; off a terminal, no line ends in spaces.

    Renderers build Text objects instead of markup strings, so a title holding "[red]" or an
    escape sequence prints as the characters it holds.
    """
    stream = file or (sys.stderr if stderr else sys.stdout)
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    # (no-color.org, force-color.org: each set and not empty; NO_COLOR wins)
    no_color = bool(os.environ.get("NO_COLOR")) or not (is_tty or os.environ.get("FORCE_COLOR"))
    if width is None and os.environ.get("COLUMNS", "").strip() == "0":
        # Emacs shells and some containers say COLUMNS=0; Rich would lay everything out in no
        # columns, printing nothing. The terminal's own width then, else 80.
        import shutil

        width = shutil.get_terminal_size().columns
    console = _Console(
        file=stream if is_tty else _WithoutTrailingSpaces(stream),
        width=width,
        no_color=no_color,
        color_system=None if no_color else _color_system(),
        markup=False,
        emoji=False,
        highlight=False,
        force_terminal=not no_color,
        soft_wrap=False,
    )
    console.width = max(console.width, MIN_WIDTH)  # (COLUMNS as Rich reads it, or the terminal's)
    return console


def _color_system() -> str:
    """Rich's own choice ("auto"), but for a terminal that says it is dumb (TERM=dumb: Emacs's
    shell, some CI runners), where Rich sends no colour at all: with FORCE_COLOR, the 16
    standard colours, which such terminals show (force-color.org: FORCE_COLOR asks for colour
    whatever the terminal)."""
    dumb = os.environ.get("TERM", "").lower() in ("dumb", "unknown")  # (as Rich reads it)
    return "standard" if dumb and os.environ.get("FORCE_COLOR") else "auto"


def terminal_width(stream=None) -> int | None:
    """The width plain-text tables fit: COLUMNS when it names one (piped too, as Rich takes it for
    `status`), else the terminal's that standard output is, None when it is a file or a pipe:
    there they keep whole lines. Never under MIN_WIDTH."""
    columns = columns_width()
    if columns is not None:
        return columns
    stream = stream or sys.stdout
    if not (hasattr(stream, "isatty") and stream.isatty()):
        return None
    import shutil

    return max(shutil.get_terminal_size().columns, MIN_WIDTH)


def columns_width() -> int | None:
    """COLUMNS when it names a width (never under MIN_WIDTH), else None: the width of output that
    goes to no terminal, a file or a pipe, when one is asked for."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:  # (COLUMNS=0: no width said, as make_console reads it)
        return max(int(columns), MIN_WIDTH)
    return None
