"""rectify's standard output and error: what writing them can run into, and the one rule for
each failure (_StandardStream); machine formats written as UTF-8 whatever the console's
encoding; a report written to standard output or to the file -o names; and what a CI job's log
(GitHub Actions, Azure Pipelines, TeamCity) must not obey in what rectify prints there.

Standard library only at the top: cli imports this module on every run, `--help` included.
"""

import contextlib
import errno
import io
import os
import sys

# What writing the output (standard output, mostly) can run into that is no bug of ours. Files
# rectify reads or writes by name report their own errors (layout.read_bytes, fsutil).
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


# What a write to a pipe whose reader went away raises: EPIPE; on Windows EINVAL too, as its C
# runtime says ERROR_NO_DATA (python/cpython#79935).
_READER_GONE = frozenset({errno.EPIPE, errno.EINVAL} if sys.platform == "win32" else {errno.EPIPE})


class OutputError(OSError):
    """Standard output refused what was written to it: closed (`>&-`), opened read-only, a full
    disk. Always "the output could not be written", exit 2, whatever the errno."""


class ClosedOutputError(OutputError):
    """Standard output was closed when rectify started (`>&-`): said so, not as the OS's EBADF."""


def is_output_error(exc: OSError) -> bool:
    return isinstance(exc, OutputError) or exc.errno in _OUTPUT_ERRORS


def standard_output_file() -> str | None:
    """The file standard output is, by the name the system gives it (Linux: /proc/self/fd/1),
    when that name still leads to it: the shell opened `> /mnt/full/file`, and rectify knows it
    by no other name. None for a pipe or socket, a file deleted or moved since, or no /proc."""
    try:
        name = os.readlink("/proc/self/fd/1")
        if name.startswith("/") and os.path.samestat(os.stat(name), os.fstat(1)):
            return name
    except (OSError, ValueError):
        pass
    return None


class _StandardStream(io.FileIO):
    """File descriptor 1 or 2 as sys.stdout and sys.stderr write to it (guard_standard_streams).

    The rule for each failure, the same for every command because every command writes here:

    - stdout, the reader went away (EPIPE, _READER_GONE: `rectify status | head -1`): the reader's
      choice, not an error. The rest of the output goes to /dev/null and the command runs to its
      end, so it exits with its own code: 0, or the verdict of `check` (1: something is overdue) and of
      `verify` (1: the chain is broken). A verdict is known before its report is written, and a
      CI step `rectify check | head` must not pass because `head` stopped reading. (Left to
      click, EPIPE became exit 1, "the check found something", for every command.)
    - stdout, anything else (closed `>&-`, read-only, ENOSPC, EIO): OutputError, reported by
      cli.main as "the output could not be written", exit 2, as for `> /dev/full`.
    - stderr, any failure (closed, reader gone, full): the message is lost, the exit code is
      not (2 stays "the input is wrong", never click's 1 or a crash on the way to exit).
    """

    closed_at_start = False

    def write(self, data):
        try:
            return super().write(data)
        except OSError as exc:
            if self.fileno() == 1 and exc.errno not in _READER_GONE:
                raise (ClosedOutputError if self.closed_at_start else OutputError)(exc.errno, exc.strerror) from None
            _to_devnull(self.fileno())
            return super().write(data)


def _to_devnull(fd: int, flags: int = os.O_WRONLY) -> None:
    null = os.open(os.devnull, flags)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


def _carrying_chinese(encoding: str) -> str:
    """`encoding`, or UTF-8 where it cannot carry Chinese (ASCII or Latin-1: a C locale,
    PYTHONIOENCODING=ascii). The reports are Chinese, and `check` writes UTF-8 bytes anyway; an
    encoding error halfway through a report (after `record` wrote its entry) helps nobody."""
    try:
        "台账".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "utf-8"
    return encoding


def _never_strict(errors: str) -> str:
    """A character the output encoding lacks (a 🚧 or the ³ of m³ under GBK, a Chinese Windows
    machine writing to a file or a pipe) is written as an escape, \\U0001f6a7, as registry text
    is printed literally: under "strict" one character cost the whole report, or the
    confirmation of an entry already written."""
    return "backslashreplace" if errors == "strict" else errors


def guard_standard_streams() -> None:
    """Put sys.stdout and sys.stderr on a _StandardStream each.

    A descriptor closed by the caller (`>&-`, `2>&-`; Python then sets the stream to None) is
    first taken by /dev/null, read-only for stdout so that writing still fails: otherwise the
    next file or pipe rectify opens would get number 1 or 2, and Rich would drop the output
    without a word. Streams replaced by whoever runs us (a test harness) and consoles that are
    not plain files (Windows) are left alone.
    """
    for fd, name in ((1, "stdout"), (2, "stderr")):
        old = getattr(sys, name)
        if old is not getattr(sys, f"__{name}__"):
            continue
        buffer = getattr(old, "buffer", None)
        unbuffered = type(buffer) is io.FileIO  # (python -u, PYTHONUNBUFFERED)
        if old is not None and not unbuffered and type(getattr(buffer, "raw", None)) is not io.FileIO:
            continue
        try:
            os.fstat(fd)
            closed = False
        except OSError:
            _to_devnull(fd, os.O_RDONLY if fd == 1 else os.O_WRONLY)
            closed = True
        raw = _StandardStream(fd, "w", closefd=False)
        raw.closed_at_start = closed
        stream = io.TextIOWrapper(
            raw if unbuffered else io.BufferedWriter(raw),
            encoding=_carrying_chinese(old.encoding) if old else "utf-8",
            errors=_never_strict(old.errors) if old else "backslashreplace",
            line_buffering=old.line_buffering if old else fd == 2,
            write_through=old.write_through if old else False,
        )
        try:
            if old is not None:
                old.flush()  # (nothing is written yet, as a rule)
        except OSError:
            pass
        setattr(sys, name, stream)


def write_utf8(text: str) -> None:
    """A machine format (JSON, YAML) as UTF-8 bytes, whatever the console's encoding (GBK on a
    Chinese Windows machine), as `check` writes all of its: JSON must be UTF-8, and YAML that
    `import` prints is read back by rectify, which reads UTF-8."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))


def write_text(text: str, output: os.PathLike | None) -> None:
    """Text for people to the file `output`, written whole, else to standard output (a CI
    job's log: for_the_log, -o /dev/stdout too)."""
    if output is not None:
        from .fsutil import atomic_write_text, is_standard_output

        if not (to_ci_log() and is_standard_output(output)):
            atomic_write_text(output, text)
            return
    sys.stdout.write(for_the_log(text))


def write_bytes(data: bytes, output: os.PathLike | None) -> None:
    """A report already in UTF-8 (check's, in any format) to the file `output`, written
    whole, else to standard output."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return
    from .fsutil import atomic_write_bytes

    atomic_write_bytes(output, data)


# -- CI job logs ------------------------------------------------------------------------
def _a_log(stream) -> bool:
    """Whether `stream` is a CI job's log rather than a terminal or a regular file (a report
    written with > must hold the report alone)."""
    if stream.isatty():
        return False
    try:
        import stat

        return not stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):  # (no file descriptor: not the runner's pipe)
        return True


def under_github_actions() -> bool:
    """Whether rectify runs in a GitHub Actions job (the runner sets GITHUB_ACTIONS=true)."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def to_actions_log() -> bool:
    """Whether standard output is a GitHub Actions job's log: under the runner, and not
    redirected to a file."""
    return under_github_actions() and _a_log(sys.stdout)


# The openings of the commands a CI obeys anywhere in a line of a job's output. Azure Pipelines:
# its agent finds "##vso[" with a culture-sensitive IndexOf (azure-pipelines-agent,
# Command.TryParse), and its log viewer formats "##[group]", "##[error]"… TeamCity: "##teamcity["
# (ServiceMessage). Neither offers a pause that registry text could not end: Azure none, and
# TeamCity's ##teamcity[disableServiceMessages] ends at the text's own enableServiceMessages.
# The search skips what Unicode calls default-ignorable (a zero-width space or joiner, a soft
# hyphen, a variation selector…) and controls wherever they are: `#\u200d#vso[` is found as `##vso[`.
_SKIPPED = ("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
            "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
            "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]*")


def _opening(word: str) -> str:
    """A pattern of the first # of `##word[` (`##[` for no word), however the skipped characters
    are strewn in it: the # that for_the_log follows with _APART's space."""
    return "#(?=" + _SKIPPED.join(["", "#", *word, r"\["]) + ")"


_AZURE_OPENINGS = f"{_opening('vso')}|{_opening('')}"
_TEAMCITY_OPENINGS = _opening("teamcity")
# Put after the first #: no command then, and the text reads as written. A character that takes
# no room would not do: the agent's search skips a zero-width one as ignorable (ICU finds "##vso["
# in "#\u200d#vso["); a hair space is the narrowest it does not skip.
_APART = "#\u200a"


def _openings_obeyed(stream) -> str | None:
    """The openings (a pattern) the CI running rectify obeys in what is written to `stream`;
    None outside Azure Pipelines and TeamCity, or where `stream` is no job's log."""
    openings = []
    if os.environ.get("TF_BUILD", "").lower() == "true":
        openings.append(_AZURE_OPENINGS)
    if os.environ.get("TEAMCITY_VERSION"):
        openings.append(_TEAMCITY_OPENINGS)
    return "|".join(openings) if openings and _a_log(stream) else None


def to_ci_log() -> bool:
    """Whether standard output is a CI job's log whose runner obeys commands in it (for_the_log)."""
    return to_actions_log() or _openings_obeyed(sys.stdout) is not None


def for_the_log(text: str, stream=None, *, stop_commands: bool = True) -> str:
    """Text for people printed to a CI job's log (standard output, else `stream`), obeyed there
    as written no more. GitHub Actions: between ::stop-commands:: and its end
    (render/check.commands_stopped), as the runner obeys a legacy ##[command] anywhere in a line
    (standard error: whenever under the runner, as the refusals always were); not with
    stop_commands=False (warnings, never so wrapped). Azure Pipelines and TeamCity: each
    command's two # apart. Elsewhere: as it is."""
    if not text:
        return text
    stream = sys.stdout if stream is None else stream
    openings = _openings_obeyed(stream)
    if openings is not None:
        import re

        text = re.sub(openings, _APART, text, flags=re.IGNORECASE)
    if stop_commands and (to_actions_log() if stream is sys.stdout else under_github_actions()):
        from .render.check import commands_stopped

        text = "\n".join(commands_stopped(text.rstrip("\n").split("\n"))) + "\n"
    return text


@contextlib.contextmanager
def printed_for_the_log():
    """What is printed meanwhile (by Rich's console), for_the_log."""
    if not to_ci_log():
        yield
        return
    real, sys.stdout = sys.stdout, io.StringIO()
    try:
        yield
    finally:
        text, sys.stdout = sys.stdout.getvalue(), real
        real.write(for_the_log(text, real))


def annotate_problems(problems) -> None:
    """Under GitHub Actions, a broken registry also shows as annotations on its lines. On
    stderr, which the runner reads for workflow commands too: standard output may be a report
    redirected to a file (`check --format junit > junit.xml`), which they would break.
    Elsewhere, nothing."""
    if not under_github_actions():
        return
    import typer  # (loaded already: the command line runs on it)

    from .errors import Problem
    from .gate import display_path
    from .render.check import escape_data, escape_property, one_line
    from .textsafe import printable

    for problem in problems:
        if isinstance(problem, Problem) and problem.line is not None:
            where = f"file={escape_property(one_line(display_path(problem.file)))},line={problem.line}"
            if problem.column is not None:
                where += f",col={problem.column}"
            # (registry text quoted in it shown as the `rectify:` line shows it: a control, \x1b…)
            typer.echo(f"::error {where}::{escape_data(printable(problem.message))}", err=True)
