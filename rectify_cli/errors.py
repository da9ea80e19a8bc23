"""Exceptions of each layer. Only the command line (cli.py, command_line.py) turns them into a message
and an exit code."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can. `message` is English (the
    API's); `notice`, when set, is the same said as an i18n.Notice (label problem_<key>), which
    the command line words in the user's language."""

    file: str
    line: int | None
    column: int | None
    message: str
    notice: object = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class RectifyError(Exception):
    """Base of every error rectify reports to the user (exit code 2)."""

    def __init__(self, problems: list[Problem] | Problem | str, *, notice=None):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems: list[Problem | str] = list(problems)
        # A refusal of a request (i18n.Notice: its label key and values) beside its English text:
        # the command line says it in the user's language (see i18n.refusal).
        self.notice = notice
        super().__init__("\n".join(str(p) for p in self.problems))


class RegistryError(RectifyError):
    """The registry (plan or journal) cannot be read or is invalid."""


class ReportFormatError(RectifyError):
    """A report text handed to `rectify import` is not of the expected shape."""


class UsageError(RectifyError):
    """The command line is wrong (bad date, unknown id, ...)."""


class JournalWriteError(RectifyError):
    """A journal write was refused; the journal is untouched."""


class MergeConflict(RectifyError):
    """Journals `merge-journal` can't merge (git then reports a conflict); OURS is unchanged."""

    exit_code = 1


class FileWriteError(RectifyError):
    """A file could not be written (no such folder, disk full...); what it held is unchanged."""


def same_but_case(name: str, choices) -> list[str]:
    """The choices that are `name` but for letter case."""
    if not isinstance(name, str):  # (a value of the wrong type, as a damaged cache row may hold)
        return []
    folded = name.casefold()
    return [choice for choice in choices if choice.casefold() == folded and choice != name]


def close_matches(name: str, choices, *, most: int = 3, cutoff: float = 0.6) -> list[str]:
    """The choices closest to `name`, at most `most`, closest first; [] when nothing is close
    (difflib's ratio below `cutoff`)."""
    import difflib

    choices = list(choices)
    # (a slip of case first: `LASA:18` for the file lasa.yaml's task 18, typed in capitals)
    return same_but_case(name, choices) or difflib.get_close_matches(name, choices, n=most, cutoff=cutoff)

