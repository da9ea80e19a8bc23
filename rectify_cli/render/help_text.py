"""`--help`, laid out in terminal cells and said in the command line's language.

The parser's (click's, as Typer has it) formatter measures text with len() and breaks it only at
spaces: a Chinese description ran past the terminal's edge and its lines came out of line with
the column. This one wraps at Unicode's line-break opportunities (render/linebreak) by display
width, and says the parser's fixed words (Usage:, Options:, [required]…) from i18n.LABELS.
"""
from __future__ import annotations

import re
import shutil
import sys

import typer

from ..i18n import Lang, label
from ..textsafe import clip, display_width
from .linebreak import wrapped

# (the parser's own headings, as it names its sections)
_HEADINGS = {"Arguments": "help_heading_arguments", "Options": "help_heading_options",
             "Commands": "help_heading_commands"}
# A command's description up to its first full stop: what the list of commands shows of it.
_FIRST_SENTENCE = re.compile(r".*?(?:。|\.(?=\s|$))", re.DOTALL)
# The fewest cells a description is given beside the names: fewer (status's, whose names take 34
# cells, on a terminal under 66 columns) wrapped it a word a line, and it goes under each name instead.
_TEXT_BESIDE_MIN = 30
# The parser's note of an option's lowest value: "x>=0".
_AT_LEAST = re.compile(r"x>=(\S+)")


class HelpFormatter(typer.Context.formatter_class):
    """The parser's formatter, in `lang` and in display cells."""

    def __init__(self, lang: Lang, width: int | None = None, max_width: int | None = None):
        super().__init__(width=width, max_width=max_width)
        columns = shutil.get_terminal_size().columns
        # (the width a test runner forces, in the parser's own module: Typer 0.28 has its own copy
        # of click, and click itself may not be installed at all)
        forced = getattr(sys.modules[typer.Context.formatter_class.__module__], "FORCED_WIDTH", None)
        if width is None and forced is None and columns < self.width:
            # (the parser's is never under 50 cells: on a narrower terminal each line ran past its edge)
            from ..console import MIN_WIDTH  # (Rich's console, off the help of a wider one)

            self.width = max(columns, MIN_WIDTH)
        self.lang = lang

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        start = f"{' ' * self.current_indent}{label('help_usage', self.lang) if prefix is None else prefix}{prog} "
        room = self.width - display_width(start)
        if room >= 20:  # (else the arguments go under it, as the parser puts them)
            self._write_lines(args, room, start, " " * display_width(start))
        else:
            self.write(f"{start.rstrip()}\n")
            indent = " " * (self.current_indent + 4)
            self._write_lines(args, self.width - len(indent), indent, indent)

    def write_heading(self, heading: str) -> None:
        key = _HEADINGS.get(heading)
        self.write(f"{' ' * self.current_indent}{label(key, self.lang) if key else heading + ':'}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in text.splitlines():
            self._write_lines(line, self.width - self.current_indent, indent, indent)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """Names in a column, each with its description wrapped beside it (under it when the
        name is wider than `col_max`); on a terminal too narrow for that, every description under
        its name."""
        rows = [(name, self._extras_said(text)) for name, text in rows]
        first_col = min(max(display_width(name) for name, _ in rows), col_max) + col_spacing
        if self.width - first_col - 2 < _TEXT_BESIDE_MIN:
            self._write_dl_under(rows)
            return
        indent, beside = " " * self.current_indent, " " * (self.current_indent + first_col)
        for name, text in rows:
            lines = wrapped(text, max(self.width - first_col - 2, 10)) if text else []
            if not lines:
                self.write(f"{indent}{name}\n")
                continue
            if display_width(name) <= first_col - col_spacing:
                self.write(f"{indent}{name}{' ' * (first_col - display_width(name))}{lines[0]}\n")
            else:
                self.write(f"{indent}{name}\n{beside}{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{beside}{line}\n")

    def _write_dl_under(self, rows) -> None:
        """Each name on its own lines, its description under it, indented: the whole line's
        width for the text, where a column of names would leave it a word a line."""
        indent, under = " " * self.current_indent, " " * (self.current_indent + 4)
        for name, text in rows:
            for line in self._name_lines(name):
                self.write(f"{indent}{line}\n")
            if text:
                self._write_lines(text, self.width - len(under), under, under)

    def _name_lines(self, name: str) -> list[str]:
        """`name` in lines that fit the terminal: a value too long for one line (--state
        <overdue|…|stale>) goes on under its own start; where its name or one of its choices
        does not fit there whole (at 20-26 columns `--report-period <integ` / `er>`, `<pa` / `th>`,
        `<路` / `径>`), on the lines under the option, indented."""
        room = self.width - self.current_indent
        if display_width(name) <= room or " " not in name:
            return [name]
        option, _, value = name.rpartition(" ")
        hang = display_width(option) + 1
        if max(display_width(choice) for choice in re.split(r"(?<=\|)", value)) > room - hang:
            return [option, *("  " + line for line in wrapped(value, room - 2))]
        first, *rest = wrapped(value, room - hang)
        return [f"{option} {first}", *(" " * hang + line for line in rest)]

    def write_commands(self, rows) -> None:
        """The commands (name, short description or None, description), each on one line with its
        short description, else the first sentence of its description; cut on a terminal too narrow."""
        if not rows:
            return
        names = max(display_width(name) for name, _, _ in rows)
        room = self.width - 6 - names  # (the parser's own room)
        if self.width - names - 4 < _TEXT_BESIDE_MIN:  # (write_dl puts each under its name: the line but its indent)
            room = self.width - 6
        with self.section("Commands"):
            self.write_dl([(name, clip(short or _first_sentence(text), room)) for name, short, text in rows])

    def _write_lines(self, text: str, width: int, first: str, rest: str) -> None:
        lines = wrapped(text, width) or [""]
        self.write("\n".join([first + lines[0], *(rest + line for line in lines[1:])]).rstrip() + "\n")

    def _extras_said(self, text: str) -> str:
        """What the parser adds after an option's help, "[env var: X; default: zh]", in our
        language; what it is not known to add, as it is."""
        if not text.endswith("]"):
            return text
        head, sep, extras = text.rpartition("  [")
        if not sep:
            if not text.startswith("["):
                return text
            extras = text[1:]
        said = label("help_extras_sep", self.lang).join(map(self._extra_said, extras[:-1].split("; ")))
        return f"{head}  [{said}]" if head else f"[{said}]"

    def _extra_said(self, extra: str) -> str:
        if extra.startswith("env var: "):
            return label("help_env_var", self.lang, name=extra.removeprefix("env var: "))
        if extra.startswith("default: "):
            return label("help_default", self.lang, value=extra.removeprefix("default: "))
        if least := _AT_LEAST.fullmatch(extra):  # (an int range's, min= only)
            return label("help_at_least", self.lang, value=least.group(1))
        return label("help_required", self.lang) if extra == "required" else extra


def _first_sentence(text: str) -> str:
    match = _FIRST_SENTENCE.match(text.strip())
    return match.group() if match else text.strip()
