"""How rectify reads its command line, before Typer (click) parses it and while it does, and how
a run ends: what cli.py's commands are declared with but is not a command.

- the help said in the command line's language (Group, Command: every help= is an i18n.LABELS key);
- the argv rewritten before the parser reads it: a --lang or -r written before the command's
  name moved after it, a comma list (`--fail-on overdue,due_soon`) given as the option repeated;
- the parser's refusals said as rectify says one (one line, in the user's language, exit 2), and
  the command's errors (RectifyError) turned into `rectify: file:line:col: message`, in the
  language of the command's --lang (said_in);
- the options typed, as the words of the command a hint tells the user to run (judging_given,
  typed_registry);
- a `rectify:` line, or lines for a CI's log, on stderr (say_on_stderr, lines_on_stderr);
- `run`: the entry point's handling of what ends a run early (Ctrl-C, an output that fails, a
  bug), said without a traceback, and the quick exit.

Kept apart from cli.py so that it holds the commands alone. Loaded with it on every run: it
imports nothing cli.py did not (start-up is timed), and what it needs only when refusing or
saying an error is imported there.
"""

import contextlib
import gc
import os
import sys
from datetime import date
from pathlib import Path

import typer
from typer.core import TyperCommand, TyperGroup

from . import interruption
from .errors import RectifyError
from .i18n import LABELS, Lang, command_line_lang, default_lang, label, os_reason_in, word
from .streams import (ClosedOutputError, OutputError, annotate_problems, for_the_log, guard_standard_streams,
                      is_output_error, standard_output_file)
from .textsafe import printable

EXIT_FOUND = 1
EXIT_INVALID = 2


# The parser's (click's, as Typer has it) error for a command line it refuses.
_ParserError = next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "UsageError")


class _Refused(_ParserError):
    """A command line the parser refused, said as rectify says a refusal: one line, in `lang`."""

    def __init__(self, refused, lang: Lang, *, command: str):
        from .render.usage_text import refusal_line

        super().__init__(refusal_line(lang, refused, command=command), ctx=refused.ctx)

    def show(self, file=None) -> None:
        say_on_stderr(self.message)


def say_on_stderr(message: str) -> None:
    """`rectify: message` on stderr, on one line: registry text in it (or a value typed) shown, never
    obeyed, by a terminal (printable) or a CI's log (lines_on_stderr, as warnings are)."""
    lines_on_stderr([printable(f"rectify: {message}", single_line=True)], stop_commands=False)


def lines_on_stderr(lines, *, stop_commands: bool = True) -> None:
    """`lines` (each made printable already) on stderr, a line each, as a CI's log obeys them no
    more (streams.for_the_log): a unit's or a file's name can hold a ##[command]."""
    typer.echo(for_the_log("".join(f"{line}\n" for line in lines), sys.stderr, stop_commands=stop_commands),
               err=True, nl=False)


# Where a context keeps the language of the command line's help (ctx.meta: shared by the group's
# context and its command's).
_HELP_LANG = "rectify.help_lang"


class _HelpContext(typer.Context):
    """A context whose help is laid out by render/help_text, in the command line's language."""

    def make_formatter(self):
        from .render.help_text import HelpFormatter

        return HelpFormatter(self.meta.get(_HELP_LANG) or default_lang(), width=self.terminal_width,
                             max_width=self.max_content_width)


class _SaidInLanguage:
    """The help of a command (or of the group) in the command line's language."""

    context_class = _HelpContext

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:  # (the parser's own, made when first asked for)
            option.help = label("help_help", ctx.meta.get(_HELP_LANG) or default_lang())
        return option

    def _refuse_a_lang_not_offered(self, ctx, args: list[str]) -> None:
        """A --lang in `args` that is not a language, refused as reading it refuses it: --help is
        read before every other option, and ended the command line, the bad --lang unnoticed."""
        lang = next(param for param in self.params if param.name == "lang")
        value = self.make_parser(ctx).parse_args(args=list(args))[0].get("lang")
        if value is not None:
            lang.type.convert(value, lang, ctx)
        elif lang.envvar and (set_to := os.environ.get(lang.envvar)):  # (a command's: the root's has none)
            try:
                lang.type.convert(set_to, lang, ctx)
            except typer.BadParameter as refused:  # (named as set, not as the --lang not typed)
                raise _FromEnvironment(refused.message, ctx=ctx, param=lang) from None


PATH_TYPES = ("Path", "TyperPath")  # (the parser's type of a pathlib.Path option)


class _FromEnvironment(typer.BadParameter):
    """An option's value set by its variable (RECTIFY_LANG), refused by the variable's name
    (render/usage_text reads it by its name)."""


class _EmptyPath(typer.BadParameter):
    """A path option given as '' (render/usage_text reads it by its name)."""


class Command(_SaidInLanguage, TyperCommand):
    def parse_args(self, ctx, args):
        self._refuse_a_lang_not_offered(ctx, args)
        self._refuse_an_empty_path(ctx, args)
        return super().parse_args(ctx, _comma_lists_apart(args, self.params))

    def invoke(self, ctx):
        _say_load_notices(None)  # (none left from a load outside a command: a test's, in this process)
        try:
            return super().invoke(ctx)
        except RectifyError as exc:
            raise _named_by_variable(exc, ctx, self.params) from None
        finally:
            _say_load_notices(ctx.params.get("lang") or default_lang())

    def _refuse_an_empty_path(self, ctx, args: list[str]) -> None:
        """-r '' (`-r "$REG"`, REG unset) was the current folder, read or written to, and -o '' too
        (and `validate ''`), while an empty RECTIFY_REGISTRY is as none: refused, as the value typed
        (converted, it is ".")."""
        given = self.make_parser(ctx).parse_args(args=list(args))[0]
        for param in self.params:
            # (by its type's name, as the parser's types are read in render/usage_text: Typer's own since 0.17)
            if param.param_type_name in ("option", "argument") and type(param.type).__name__ in PATH_TYPES and given.get(param.name) == "":
                raise _EmptyPath("empty", ctx=ctx, param=param)

    def collect_usage_pieces(self, ctx) -> list[str]:
        """[选项] and each argument as its value is named (<措施>), in brackets when it may be left
        out: the parser put a required one in braces, by its name in the code ({measure})."""
        arguments = [param for param in self.get_params(ctx) if param.param_type_name == "argument"]
        return [self.options_metavar, *(param.metavar if param.required else f"[{param.metavar}]" for param in arguments)]


def _say_load_notices(lang: Lang | None) -> None:
    """On stderr, what loading the registry found to say (layout.LOAD_NOTICES: a subfolder's plan
    files unread), once, after the command's own output, as its other warnings are; `lang` None:
    forgotten unsaid."""
    layout = sys.modules.get(f"{__package__}.layout")  # (not loaded: nothing was read)
    if layout is None:
        return
    notices = list(layout.LOAD_NOTICES)
    layout.forget_load_notices()
    if lang is None or not notices:
        return
    from .i18n import notice_text

    lines_on_stderr([printable(f"rectify: {notice_text(notice, lang, prefix='notice_')}", single_line=True)
                     for notice in notices])


def _named_by_variable(exc: RectifyError, ctx, params) -> RectifyError:
    """`exc`, its problems of the ledger's own path (not of a line in it: nothing there, unreadable)
    said as RECTIFY_REGISTRY=PATH when the variable named it, not -r: `/tmp/x: 文件或文件夹不存在`
    left a user who forgot it was set looking for /tmp/x on their command line. (Not of validate
    PATH, which reads PATH.)"""
    from dataclasses import replace

    from .errors import Problem

    registry = ctx.params.get("registry")
    source = getattr(ctx.get_parameter_source("registry"), "name", "") if registry is not None else ""
    if source != "ENVIRONMENT" or ctx.params.get("path") is not None:
        return exc
    variable = next(param.envvar for param in params if param.name == "registry")
    # (compared as paths: the problem names it as read, `台账` of a `台账/` or `./台账` set)
    problems = [replace(p, file=f"{variable}={p.file}") if isinstance(p, Problem) and p.line is None
                and Path(p.file) == Path(registry) else p for p in exc.problems]
    return exc if problems == exc.problems else type(exc)(problems, notice=exc.notice)


class Group(_SaidInLanguage, TyperGroup):
    """Turns our errors into `rectify: file:line:col: message` on stderr and exit code 2, and
    the parser's into one line in the command line's language; says the help in it too."""

    def parse_args(self, ctx, args):
        lang = command_line_lang(args)
        ctx.meta[_HELP_LANG] = lang
        self._help_said_in(lang)
        try:
            args = _registry_after_command(args)
            self._refuse_a_lang_not_offered(ctx, args)  # (as written: a --lang before the command is the root's)
            return super().parse_args(ctx, _lang_after_command(args))
        except _ParserError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                raise
            raise _Refused(exc, lang, command=ctx.command_path) from None

    def _help_said_in(self, lang: Lang) -> None:
        """Every help text of the group and its commands, a LABELS key until then, in `lang`."""
        self.subcommand_metavar = label("help_commands_metavar", lang)
        for command in (self, *self.commands.values()):
            command.help = command.help and word(LABELS, command.help, lang)
            command.short_help = command.short_help and word(LABELS, command.short_help, lang)
            command.options_metavar = label("help_options_metavar", lang)
            for param in command.params:
                param.help = param.help and word(LABELS, param.help, lang)
                param.metavar = _value_name(param, lang)

    def format_commands(self, ctx, formatter) -> None:
        formatter.write_commands([(name, command.short_help, command.help or "")
                                  for name, command in self.commands.items() if not command.hidden])

    def invoke(self, ctx):
        # (the command's own arguments, which the group hands on and clears: its --lang)
        args = [*(getattr(ctx, "_protected_args", None) or getattr(ctx, "protected_args", [])), *ctx.args]
        try:
            return super().invoke(ctx)
        except _ParserError as exc:
            raise _Refused(exc, command_line_lang(args), command=" ".join([ctx.command_path, *args[:1]])) from None
        except RectifyError as exc:
            exc = in_language(exc, default_lang())  # (said here: a command without --lang, or before it is read)
            # file names and declared names in messages are data too
            lines_on_stderr([printable(f"rectify: {problem}", single_line=True) for problem in exc.problems])
            annotate_problems(exc.problems)
            raise typer.Exit(getattr(exc, "exit_code", EXIT_INVALID)) from None
        except KeyboardInterrupt as exc:  # (here: typer would end it with 130, saying nothing)
            raise typer.Exit(_interrupted(exc, command_line_lang(args))) from None


# The parser's names of an option's value, by its type's name (<str>), as LABELS say them.
_VALUE_NAMES = {"str": "help_value_text", "int range": "help_value_int_range", "path": "help_value_path"}


def _value_name(param, lang: Lang) -> str | None:
    """What an option's value or an argument is, as its help names it: as declared (metavar=, a
    LABELS key: a date's <日期>, a measure's <措施>), else an option's by its type (<文本>); None
    (the parser's own): a choice's values (<zh|en>)."""
    key = param.metavar or (_VALUE_NAMES.get(param.type.name) if param.param_type_name == "option" else None)
    return key and word(LABELS, key, lang)


def _moved_after_command(args: list[str], *, long: str, short: str | None = None, passed: tuple[str, ...] = (),
                         kept_without_command: bool) -> list[str]:
    """`args` with the option `long` (or `short`) written before the command's name moved after
    it, with its value (`--lang en`, `-r data`) or attached (`--lang=en`, `-rdata`); `passed`:
    other options read with their value, left where they are. Without a command, `args` as
    written (`kept_without_command`), else without the option."""
    with_value = (long, short) if short else (long,)
    before: list[str] = []
    moved: list[str] = []
    at = 0
    while at < len(args) and args[at].startswith("-"):
        word = args[at]
        if word in (*with_value, *passed) and at + 1 < len(args):  # (an option and its value)
            (moved if word in with_value else before).extend(args[at:at + 2])
            at += 2
        else:  # (attached; any other option stays where it was)
            attached = word.startswith(f"{long}=") or (short is not None and word.startswith(short)
                                                         and not word.startswith("--"))
            (moved if attached else before).append(word)
            at += 1
    if at == len(args):
        return args if kept_without_command else before
    return [*before, args[at], *moved, *args[at + 1:]]


def _lang_after_command(args: list[str]) -> list[str]:
    """`args` with a --lang written before the command's name moved after it, where the command
    reads it (`rectify --lang en status`); without a command, left out (`rectify --lang en --help`:
    the help's language, read by command_line_lang)."""
    return _moved_after_command(args, long="--lang", kept_without_command=False)


def _registry_after_command(args: list[str]) -> list[str]:
    """`args` with a -r/--registry written before the command's name moved after it (`rectify -r
    data status`, as `git -C DIR status` is typed): every command but import takes one, and the
    root, which has none, said "no such option -r". Without a command, left as written."""
    return _moved_after_command(args, long="--registry", short="-r", passed=("--lang",), kept_without_command=True)


# Options whose value may name several, comma-separated, as CI tools take lists (`--fail-on
# overdue,due_soon`, `status --state overdue,due_soon`; not record's --state, which takes one).
COMMA_LISTS = ("--fail-on", "--state")


def _comma_lists_apart(args: list[str], params) -> list[str]:
    """`args` with a COMMA_LISTS option's list given as the option repeated, one name each
    (spaces and empty names dropped): the parser then refuses a name not offered by itself. Only for
    a command that has the option (`params`), and never in another option's value (a note
    "--fail-on=a,b" is text). Only an option that is repeatable (a list of one value is no list)."""
    lists = {opt for param in params if getattr(param, "multiple", False) for opt in param.opts if opt in COMMA_LISTS}
    if not lists:
        return args
    valued = {opt for param in params if getattr(param, "is_flag", True) is False for opt in param.opts}
    apart: list[str] = []
    at = 0
    while at < len(args) and args[at] != "--":
        option, equals, value = args[at].partition("=")
        if option in lists and (equals or at + 1 < len(args)):
            if not equals:
                at += 1
                value = args[at]
            # (an empty name between commas is left out, as after a list's last comma; none at all is refused)
            # (a Chinese keyboard's comma or 、 too, as --owner's lists are read)
            names = [name.strip() for name in value.replace("，", ",").replace("、", ",").split(",") if name.strip()] or [""]
            apart += [f"{option}={name}" for name in names]
        elif args[at] in valued and at + 1 < len(args):  # (an option and its value, as typed)
            apart += args[at:at + 2]
            at += 1
        else:
            apart.append(args[at])
        at += 1
    return [*apart, *args[at:]]


# The options of any command (by their names in cli.py) that change only how its result is given
# (its format, where it goes, its language, its width, whether the cache is read), not what it
# judges: never repeated in a command a hint tells the user to run (judging_given); every other
# option typed is.
_NOT_JUDGING = ("format", "output", "lang", "width", "no_cache")


def typed_registry(ctx: typer.Context, registry: Path | None) -> str | None:
    """The ledger as this command line named it (-r PATH), for the commands a message tells the
    user to run next (textsafe.registry_words); None when it was found or came from
    RECTIFY_REGISTRY, which the pasted command finds again."""
    source = ctx.get_parameter_source("registry")
    return str(registry) if registry is not None and getattr(source, "name", "") == "COMMANDLINE" else None


def judging_given(ctx: typer.Context, hinted, **values) -> tuple[tuple[str, ...], ...]:
    """What decided what the command at hand judged, as the words of its command line (unquoted),
    one piece an option with its value, in the order of its --help: each option typed on the
    command line that the `hinted` command (its function) takes too, but _NOT_JUDGING. For the
    command a hint tells the user to run: pasted, it judges the same ledger, day and measures by
    the same rules. A ledger found, or named by RECTIFY_REGISTRY, is found again: left out.
    `values`: an option's value as its words say it, by name (the day --as-of named, not the words
    typed: 2019年6月底 is 2019-06-30, and a date is the same day wherever it is pasted)."""
    from inspect import signature

    takes = signature(hinted).parameters
    pieces: list[tuple[str, ...]] = []
    for param in ctx.command.params:
        name = param.name
        if (param.param_type_name != "option" or name in _NOT_JUDGING or name not in takes
                or getattr(ctx.get_parameter_source(name), "name", "") != "COMMANDLINE"):
            continue
        option = min(param.opts, key=len)  # (-r, as every hint names the ledger)
        value = values.get(name, ctx.params[name])
        if getattr(param, "is_flag", False):
            pieces += [(option,)] if value else []
        elif getattr(param, "multiple", False):
            said = [str(getattr(one, "value", one)) for one in value or ()]
            if option in COMMA_LISTS:  # (as typed, once each: --fail-on overdue,due_soon)
                pieces.append((option, ",".join(dict.fromkeys(said))))
            else:
                pieces += [(option, one) for one in said]
        elif type(param.type).__name__ in PATH_TYPES:  # (as typed_registry gives it)
            pieces.append((option, str(Path(value))))
        else:
            pieces.append((option, value.isoformat() if isinstance(value, date) else str(getattr(value, "value", value))))
    return tuple(pieces)


def in_language(exc: RectifyError, lang: Lang) -> RectifyError:
    """`exc` said in `lang`: a refused request (with an i18n.Notice) and the problems of a file
    (each with its own); the API's messages stay English. What has no Notice (a file the
    importer reads), as it is. Said once: the error returned carries no Notice."""
    if exc.notice is not None:
        from .render import journal_text

        return type(exc)(journal_text.render_refusal(exc.notice, lang=lang))
    if not any(getattr(problem, "notice", None) is not None for problem in exc.problems):
        return exc
    from .errors import Problem
    from .i18n import problem_message

    return type(exc)([Problem(p.file, p.line, p.column, problem_message(p, lang)) if isinstance(p, Problem) else p
                      for p in exc.problems])


@contextlib.contextmanager
def said_in(lang: Lang):
    """What a command refuses said in `lang`, Chinese by default (see in_language)."""
    try:
        yield
    except RectifyError as exc:
        said = in_language(exc, lang)
        if said is exc:
            raise
        raise said from None


def run(app: typer.Typer) -> None:
    """`app` run on this process's command line (cli.main): no Python traceback reaches a user
    unless RECTIFY_DEBUG is set."""
    # One run builds up to millions of long-lived objects (a big registry and its evaluation)
    # and makes no cyclic garbage worth collecting: the cyclic collector would only walk them
    # again and again (a third of the time of a 100,000-measure run). Memory is freed at exit.
    gc.disable()
    guard_standard_streams()
    _env_without_carriage_returns()
    lang = command_line_lang(sys.argv[1:])  # (what ends the command early is said in its language)
    try:
        _app_for(app, sys.argv[1:])()
    except SystemExit as exc:
        _exit_now(exc.code, lang)
    except KeyboardInterrupt as exc:
        sys.exit(_interrupted(exc, lang))
    # (No BrokenPipeError here: a reader closing standard output early is absorbed where
    # standard output is written, see streams._StandardStream, and the command ends with its own code.)
    except OSError as exc:
        if not is_output_error(exc) or os.environ.get("RECTIFY_DEBUG"):
            _internal_error(exc, lang)
        _output_failed(exc, lang)
    except Exception as exc:
        _internal_error(exc, lang)


def _app_for(app: typer.Typer, args: list[str]) -> typer.Typer:
    """`app`, with only the command `args` name when they start with one (a --lang before it
    aside): Typer makes the parser of every command on each run, reading their type hints (some
    14 ms of CPU of the bundled ledger's `status`), and only the one named is used. Else (no
    command, an option first, a name mistyped) the whole app, whose parser lists the commands
    and suggests one for a mistyped name."""
    words = _lang_after_command(_registry_after_command(args))
    named = [info for info in app.registered_commands if words and info.name == words[0]]
    if not named:
        return app
    import copy

    only = copy.copy(app)  # (the app's other settings, its root callback too: a group of one command)
    only.registered_commands = named
    return only


# The variables rectify reads, as an .env file written on Windows gives them (`docker run
# --env-file`, a CI secret pasted from Notepad): with the carriage return of a CRLF line end.
_ENV_VARIABLES = ("RECTIFY_TODAY", "RECTIFY_LANG", "RECTIFY_REGISTRY", "RECTIFY_CACHE_DIR", "RECTIFY_LOCK_TIMEOUT")


def _env_without_carriage_returns() -> None:
    for name in _ENV_VARIABLES:
        value = os.environ.get(name)
        if value and value.endswith("\r"):
            os.environ[name] = value.rstrip("\r")


# What a command has already done for good when its output fails (see cli._write): label keys and values.
DONE_BEFORE_OUTPUT: list[tuple[str, dict]] = []


def _say(what: str, lang: Lang) -> None:
    """`rectify: what` on stderr, ending the command, and "; the entry was written to …" whenever
    it fails after doing it."""
    done = "".join(label("exit_done_sep", lang) + label(key, lang, **values) for key, values in DONE_BEFORE_OUTPUT)
    sys.stderr.write(printable(f"rectify: {what}{done}", single_line=True) + "\n")


def _interrupted(exc: KeyboardInterrupt, lang: Lang) -> int:
    """What ends a command interrupted (Ctrl-C, SIGTERM) said; its exit code returned."""
    key, code = interruption(exc)
    _say(label(key, lang), lang)
    return code


def _output_failed(exc: OSError, lang: Lang) -> None:
    if isinstance(exc, ClosedOutputError):
        said = label("exit_output_failed", lang, why=label("exit_stdout_closed", lang))
    elif isinstance(exc, OutputError):  # (standard output's own write: ENOSPC elsewhere is no standard output's)
        file = standard_output_file()
        why = os_reason_in(exc, lang)
        if file is None:
            said = label("exit_stdout_failed", lang, why=why)
        else:
            from .gate import display_path

            said = label("exit_stdout_file_failed", lang, file=display_path(file), why=why)
    else:
        said = label("exit_output_failed", lang, why=os_reason_in(exc, lang))
    _say(said, lang)
    sys.stderr.flush()
    os._exit(EXIT_INVALID)  # (not sys.exit: its flush of what is left would fail again)


def _internal_error(exc: Exception, lang: Lang) -> None:
    """A bug: said briefly instead of with a traceback."""
    if os.environ.get("RECTIFY_DEBUG"):
        raise exc
    _say(label("exit_internal_error", lang, error=f"{type(exc).__name__}: {exc}"), lang)
    sys.exit(EXIT_INVALID)


def _exit_now(code, lang: Lang) -> None:
    """Exit with `code` without tearing the interpreter down: freeing the millions of objects
    of a big registry one by one takes most of a second, and the system frees the memory at
    once. Exit handlers run and output is flushed first; if that fails, the usual way out."""
    if code is not None and not isinstance(code, int):
        raise SystemExit(code)
    import atexit

    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError as exc:
        if is_output_error(exc):
            _output_failed(exc, lang)
        raise SystemExit(code) from None
    except BaseException:
        raise SystemExit(code) from None
    os._exit(code or 0)
