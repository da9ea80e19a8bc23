"""The commands: parse options, call the core, hand results to a renderer. No logic here.

Every layer raises its own RectifyError subclass; only the command line turns them into a
message on stderr and an exit code (0 ok, 1 the check found something, 2 bad input): here, a
command's own verdict; how the command line is read, its help said and its refusals and errors
ended, in command_line.py.
"""

import enum
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from .command_line import (DONE_BEFORE_OUTPUT, EXIT_FOUND, Command, Group, in_language, judging_given, lines_on_stderr,
                           run, said_in, say_on_stderr, typed_registry)
from .errors import UsageError
from .i18n import Lang, label
from .states import CHECK_FORMATS, CHECK_RULES, STALE, Status
from .streams import annotate_problems, printed_for_the_log, under_github_actions, write_bytes, write_text, write_utf8


app = typer.Typer(
    cls=Group,
    help="help_rectify",  # (every help= is an i18n.LABELS key: Group says it in the command line's language)
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _say_version(asked: bool) -> None:
    if asked:
        from . import __version__

        typer.echo(f"rectify {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(lang: Annotated[Optional[Lang], typer.Option("--lang", hidden=True)] = None,
          version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_say_version,
                                                help="help_opt_version")] = False) -> None:
    # (the root's --lang is only read, for a value that is not a language or missing: a command's,
    # written before it, is moved after its name, and without a command it is the help's)
    pass


# -- options shared by several commands, defined once -------------------------------
# Every path is given readable=False: a file or folder that can't be read is refused where it is
# read, as what it is ("cannot be read (permission denied)") and in the user's language, not by
# the parser as a wrong command line, in English.
RegistryOpt = Annotated[
    Optional[Path],
    typer.Option("--registry", "-r", envvar="RECTIFY_REGISTRY", show_envvar=True, readable=False,
                 help="help_opt_registry"),
]
WriteRegistryOpt = Annotated[  # (the same option; its help says a write falls back to no example)
    Optional[Path],
    typer.Option("--registry", "-r", envvar="RECTIFY_REGISTRY", show_envvar=True, readable=False,
                 help="help_opt_registry_write"),
]
AsOfOpt = Annotated[
    Optional[str],
    typer.Option("--as-of", help="help_opt_as_of", metavar="help_value_date"),
]
WarnDaysOpt = Annotated[Optional[int], typer.Option("--warn-days", min=0, help="help_opt_warn_days")]
PeriodOpt = Annotated[Optional[int], typer.Option("--report-period", min=1, help="help_opt_report_period")]
LangOpt = Annotated[Lang, typer.Option("--lang", envvar="RECTIFY_LANG", show_envvar=True,
                                        help="help_opt_lang")]
OwnerOpt = Annotated[Optional[list[str]], typer.Option("--owner", help="help_opt_owner")]
TaskOpt = Annotated[Optional[list[str]], typer.Option("--task", help="help_opt_task")]
RegionOpt = Annotated[Optional[list[str]], typer.Option("--region", help="help_opt_region")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="help_opt_no_cache")]


def _dash_is_standard_output(output: str | None) -> str | None:
    """`-o -`: standard output, as other tools read it (not a file named "-")."""
    return None if output == "-" else output


# (-o as typed, a path's type for the parser: pathlib would drop the / of `-o x/`, see fsutil.names_a_folder)
OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", click_type=typer.models.TyperPath(readable=False),
                                                  help="help_opt_output", callback=_dash_is_standard_output)]


class ReportFormat(str, enum.Enum):
    """What `status`, `show` and `history` write: text for people, or JSON for programs."""

    table = "table"
    json = "json"


FormatOpt = Annotated[ReportFormat, typer.Option("--format", help="help_opt_format")]


# What `check --format` takes: the check renderer's formats (one list, kept by it), but the job
# summary's markdown, which `github` writes to $GITHUB_STEP_SUMMARY.
CheckFormat = enum.Enum("CheckFormat", {f: f for f in CHECK_FORMATS if f != "markdown"}, type=str)


# What `check --fail-on` takes: the gate's rules (one list, kept by the gate).
FailOn = enum.Enum("FailOn", {rule: rule for rule in CHECK_RULES}, type=str)


# The engine's states plus the "stale" flag, as `--state` choices (one list, kept by the engine).
StateFilter = enum.Enum("StateFilter", {s.value: s.value for s in Status} | {STALE: STALE}, type=str)


class ExportFormat(str, enum.Enum):
    json = "json"


# -- helpers for the commands ---------------------------------------------------------
def _load(registry: Path | None, no_cache: bool = False):
    from .registry import load_registry

    return load_registry(registry, use_cache=not no_cache)


def _user_date(text: str | None) -> date | None:
    """The --as-of date, None when not given."""
    from . import dates

    if text is None:
        return None
    try:
        return dates.parse_user_date(text)
    except dates.DateFormatError:
        from .journal import typed_date  # (the refusal every date option gives; journal: only when refused)

        return typed_date(text, "--as-of", dates.parse_user_date)


def _as_of(text: str | None, timezone: str) -> date:
    """The --as-of date, else today in `timezone`."""
    from . import dates

    return _user_date(text) or dates.today(timezone)


def _evaluate(reg, as_of: date, warn_days: int | None, period: int | None):
    from . import engine

    return engine.evaluate(plan=reg.plan, journal=reg.journal, as_of=as_of,
                           warn_days=warn_days, report_period_days=period)


def _print_json(document, output: str | None = None) -> None:
    """A JSON document, as UTF-8, to the file `output`, else to standard output."""
    from .render.json_out import dumps_bytes

    write_bytes(dumps_bytes(document), output)


# -- commands -----------------------------------------------------------------------
@app.command("status", cls=Command, help="help_status", short_help="help_status_short")
def status_cmd(
    ctx: typer.Context,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    measures: Annotated[bool, typer.Option("--measures", help="help_status_measures")] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="help_status_limit")] = None,
    state: Annotated[Optional[list[StateFilter]], typer.Option("--state", help="help_status_state")] = None,
    owner: OwnerOpt = None,
    region: RegionOpt = None,
    task: TaskOpt = None,
    warn_days: WarnDaysOpt = None,
    report_period: PeriodOpt = None,
    lang: LangOpt = Lang.zh,
    format: FormatOpt = ReportFormat.table,
    no_cache: NoCacheOpt = False,
) -> None:
    with said_in(lang):  # (a refused request, said in the user's language)
        from . import outcomes

        reg = _load(registry, no_cache)
        # (kept in this frame to the end, see below)
        judged = outcomes.judge(registry=reg, path=registry, as_of=_user_date(as_of), use_cache=not no_cache,
                                warn_days=warn_days, report_period_days=report_period, states=state, owners=owner,
                                regions=region, tasks=task)
        report, filters = judged.report, judged.filters
        if format is ReportFormat.json:
            from .render import json_out

            _print_json(json_out.status_document(report, limit=limit, plan_files=reg.plan_files, filters=filters,
                                                 units=reg.plan.units, feedback=reg.plan.meta.feedback_date))
        else:
            from . import dates
            from .console import make_console
            from .layout import bundled_by_default
            from .render import rich_status

            with printed_for_the_log():
                rich_status.print_status(make_console(), report, registry=reg, lang=lang, measures=measures,
                                         today=dates.today(reg.plan.settings.timezone), limit=limit,
                                         bundled=bundled_by_default(registry),
                                         given=judging_given(ctx, show_cmd, as_of=judged.day), filters=filters)
        _warn_dates(reg, lang)  # (after the report: a measure it shows overdue, or on track, may be one of these)
        # Ended by an exception, as check ends: its traceback holds this frame, so the registry and
        # its evaluation live until the process exits without freeing them (command_line._exit_now).
        # Returning freed their millions of objects one by one: 0.2 s of a warm 100,000-measure status.
        raise typer.Exit(0)


@app.command("show", cls=Command, help="help_show", short_help="help_show_short")
def show_cmd(
    ctx: typer.Context,
    item: Annotated[str, typer.Argument(help="help_show_item", metavar="help_value_id")],
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    warn_days: WarnDaysOpt = None,
    report_period: PeriodOpt = None,
    lang: LangOpt = Lang.zh,
    format: FormatOpt = ReportFormat.table,
    no_cache: NoCacheOpt = False,
) -> None:
    with said_in(lang):  # (a refused request, said in the user's language)
        from .outcomes import load_item
        from .model import item_key

        reg = load_item(registry, item_key(item), use_cache=not no_cache)
        day = _as_of(as_of, reg.plan.settings.timezone)
        report = _evaluate(reg, day, warn_days, report_period)
        if format is ReportFormat.json:
            from .render import json_out

            _print_json(json_out.show_document(report, item))
            return
        from .console import make_console
        from .render import rich_status

        with printed_for_the_log():
            rich_status.print_show(make_console(), report, item, registry=reg, lang=lang,
                                   given=judging_given(ctx, show_cmd, as_of=day))


@app.command("check", cls=Command, help="help_check", short_help="help_check_short")
def check_cmd(
    ctx: typer.Context,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    fail_on: Annotated[Optional[list[FailOn]], typer.Option("--fail-on", help="help_check_fail_on")] = None,
    owner: OwnerOpt = None,
    region: RegionOpt = None,
    task: TaskOpt = None,
    warn_days: WarnDaysOpt = None,
    report_period: PeriodOpt = None,
    lang: LangOpt = Lang.zh,
    format: Annotated[Optional[CheckFormat], typer.Option("--format", help="help_check_format")] = None,
    output: OutputOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    def day_and_rerun():  # (read once check_job has settled the output: see check_job.command)
        day = _user_date(as_of)
        return day, tuple(word for piece in judging_given(ctx, check_cmd, as_of=day) for word in piece)

    with said_in(lang):  # (a refused request, said in the user's language)
        from . import check_job

        written = check_job.command(
            registry=registry, format=None if format is None else format.value, output=output,
            github_actions=under_github_actions(), step_summary=os.environ.get("GITHUB_STEP_SUMMARY"),
            day_and_rerun=day_and_rerun, fail_on=tuple(fail_on or [FailOn.overdue]), lang=lang, warn_days=warn_days,
            report_period_days=report_period, owners=tuple(owner or ()), tasks=tuple(task or ()),
            regions=tuple(region or ()), no_cache=no_cache)
        write_bytes(written.report, written.output)
        if written.summary_path is not None:
            from .errors import FileWriteError
            from .fsutil import append_bytes

            try:
                append_bytes(Path(written.summary_path), written.summary)
            except FileWriteError as exc:  # (the job summary is extra: the check's verdict stands)
                missing = label("check_step_summary_missing", lang, problem=in_language(exc, lang))
                say_on_stderr(missing)
        _say_bundled(registry, "check_bundled_ledger", lang)  # (a CI step in the wrong folder judged the example)
        raise typer.Exit(EXIT_FOUND if written.failing else 0)


@app.command("summary", cls=Command, help="help_summary", short_help="help_summary_short")
def summary_cmd(
    registry: RegistryOpt = None,
    month: Annotated[Optional[str], typer.Option("--month", help="help_summary_month", metavar="help_value_month")] = None,
    owner: OwnerOpt = None,
    region: RegionOpt = None,
    task: TaskOpt = None,
    warn_days: WarnDaysOpt = None,
    report_period: PeriodOpt = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    # (80: summary_text.PAGE_WIDTH, a page's, not the terminal's; not imported here, for start-up)
    width: Annotated[int, typer.Option("--width", min=1, help="help_summary_width")] = 80,
    no_cache: NoCacheOpt = False,
) -> None:
    with said_in(lang):  # (a refused request, said in the user's language)
        from . import dates, summary
        from .layout import refuse_output_in_registry
        from .render import summary_text

        refuse_output_in_registry(output, registry=registry)
        reg = _load(registry, no_cache)
        today = dates.today(reg.plan.settings.timezone)
        first, last = summary.period(month, today=today, feedback=reg.plan.meta.feedback_date)
        # A month not over yet is judged as of today: a deadline later this month is not overdue.
        report = _evaluate(reg, min(last, today), warn_days, report_period)
        monthly = summary.build(report, registry=reg, first=first, last=last, owners=tuple(owner or ()),
                                regions=tuple(region or ()), tasks=tuple(task or ()), today=today)
        from .gate import file_paths  # (a quiet file named as status names it)

        paths = file_paths(reg.plan_files) if monthly.quiet_files or monthly.unbegun_files else None
        write_text(summary_text.render(monthly, lang=lang, width=width, paths=paths), output)
        _say_bundled(registry, "summary_bundled_ledger", lang)  # (pasted, its figures would pass for one's own)
        raise typer.Exit(0)  # (as status ends: the registry, both evaluations and the summary are not freed one by one)


@app.command("reconcile", cls=Command, help="help_reconcile", short_help="help_reconcile_short")
def reconcile_cmd(
    registry: RegistryOpt = None,
    lang: LangOpt = Lang.zh,
    format: FormatOpt = ReportFormat.table,
    no_cache: NoCacheOpt = False,
) -> None:
    from . import reconcile

    with said_in(lang):  # (a broken file, said in the user's language)
        reg = _load(registry, no_cache)
    from .layout import quoted_reports

    results = reconcile.reconcile_files(plan=reg.plan, journal=reg.journal,
                                        reports=quoted_reports(reg.plan, reg.plan_files, folder=reg.folder is not None))
    if format is ReportFormat.json:
        from .render import json_out

        _print_json(json_out.reconcile_document(results, plan_files=reg.plan_files))
    else:
        from .render import reconcile_text
        from .render.check import line_width  # (a terminal's, else 80, as check's text)

        write_text(reconcile_text.render_files(results, lang=lang, plan_files=reg.plan_files, width=line_width()), None)
    raise typer.Exit(EXIT_FOUND if any(result.disagreements for _, result in results) else 0)


@app.command("validate", cls=Command, help="help_validate", short_help="help_validate_short")
def validate_cmd(
    ctx: typer.Context,
    path: Annotated[Optional[Path], typer.Argument(readable=False, help="help_validate_path", metavar="help_value_path")] = None,
    registry: RegistryOpt = None,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = Lang.zh,
) -> None:
    source = ctx.get_parameter_source("registry")  # (RECTIFY_REGISTRY in the environment yields to PATH)
    with said_in(lang):  # (a refusal, a broken file: said in the user's language)
        if path is not None and registry is not None and path != registry and getattr(source, "name", "") == "COMMANDLINE":
            from .i18n import refusal

            raise refusal(UsageError, "two_registries", path=str(path), registry=str(registry))
        # (The cache holds only what passed these checks, made by this version's rules, and the
        # checks against the plan and today run on every load: a cached file is as valid as read.)
        reg = _load(path or registry, no_cache)
    from .console import terminal_width
    from .layout import bundled_by_default
    from .render.journal_text import validated_line

    typer.echo(validated_line(reg, bundled=bundled_by_default(path or registry), lang=lang, width=terminal_width()))
    _warn_repeated(reg, lang, str(path) if path is not None else typed_registry(ctx, registry))
    _warn_dates(reg, lang)
    _warn_source(reg, lang)


def _warn_repeated(reg, lang: Lang, typed: str | None) -> None:
    """On stderr, each journal entry repeating an earlier one in every field a user gives, a retracted
    one aside (journal_checks.repeated_entries);
    `typed`: the ledger as the command line named it, for the retract it says to run."""
    from .journal_checks import repeated_entries
    from .render.journal_text import repeated_warnings

    _warn(repeated_warnings(repeated_entries(reg.journal), folder=reg.folder is not None, lang=lang, registry=typed))


def _say_bundled(registry: Path | None, key: str, lang: Lang) -> None:
    """On stderr, the note `key` when the report was of the bundled example, no ledger given or
    found (status and validate say so after its file)."""
    from .layout import bundled_by_default

    if bundled_by_default(registry):
        say_on_stderr(label(key, lang))


def _warn_dates(reg, lang: Lang) -> None:
    """On stderr, the dates likely mistyped: each deadline before the inspection's feedback
    (validation.deadlines_before_feedback; as import warns, its measure overdue from the start),
    then each extension more than FAR_YEARS after the deadline it moves
    (journal_checks.far_extensions; its measure shows no overdue until then)."""
    from .journal_checks import far_extensions
    from .render.journal_text import early_deadline_warnings, far_warnings
    from .validation import deadlines_before_feedback

    folder = reg.folder is not None
    _warn([*early_deadline_warnings(deadlines_before_feedback(reg.plan), folder=folder, lang=lang),
           *far_warnings(far_extensions(reg.journal, plan=reg.plan), folder=folder, lang=lang)])


def _warn_source(reg, lang: Lang) -> None:
    """On stderr, each report a plan file names (registry.source) that cannot be read, at its
    source: line: reconcile would not check the claims' words against it (a warning: the plan is valid)."""
    from .layout import unread_sources
    from .registry import source_line
    from .render.reconcile_text import unread_warning

    _warn([unread_warning(file, source_line(file), report, folder=reg.folder is not None, lang=lang)
           for file, report in unread_sources(reg.plan, reg.plan_files, folder=reg.folder is not None)])


def _warn(lines) -> None:
    """Warnings on stderr, a line each: registry text in them (a file's name) obeyed in no CI's log."""
    lines_on_stderr(lines, stop_commands=False)


@app.command("export", cls=Command, help="help_export")
def export_cmd(
    registry: RegistryOpt = None,
    format: Annotated[ExportFormat, typer.Option("--format", help="help_export_format")] = ExportFormat.json,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
) -> None:
    from .render import json_out

    with said_in(lang):  # (a refusal, a broken file: said in the user's language)
        from .layout import refuse_output_in_registry

        refuse_output_in_registry(output, registry=registry)
        reg = _load(registry, no_cache)
        _print_json(json_out.plan_document(reg), output)


@app.command("import", cls=Command, help="help_import", short_help="help_import_short")
def import_cmd(
    report: Annotated[Path, typer.Argument(readable=False, help="help_import_report", metavar="help_value_report")],
    output: Annotated[Optional[str], typer.Option("--output", "-o", click_type=typer.models.TyperPath(readable=False),
                                                  help="help_import_output", callback=_dash_is_standard_output)] = None,
    curation: Annotated[Optional[Path], typer.Option("--curation", readable=False, help="help_import_curation")] = None,
    lang: LangOpt = Lang.zh,
) -> None:
    from . import importer
    from .i18n import notice_text

    with said_in(lang):  # (a report or a curation it refuses, said in the user's language)
        raw, name = importer.read_report(str(report))
        text = importer.decode_report(raw, filename=name)
        importer.refuse_own_file(raw, text, filename=name)  # (a plan, a journal, rectify's output: said what it is)
        cur = importer.load_curation(curation) if curation else None
        plan = None if output is None else importer.plan_path(output)
        source = importer.source_name(str(report), plan)  # (None printed: named as it was read)
        result = importer.import_report(text, filename=name, curation=cur, source=source,
                                        schema=None if plan is None else importer.schema_for(plan))
        if plan is None:
            write_utf8(f"{result.tasks_yaml}---\n{result.progress_yaml}")
        else:
            tasks_file, progress_file, kept = importer.write_result(result, plan)
            typer.echo(label("import_wrote_kept" if kept else "import_wrote", lang, tasks=tasks_file, journal=progress_file), err=True)

    joined = None if plan is None else importer.joined_folder(result, plan)
    if joined is not None:
        say_on_stderr(notice_text(joined, lang, prefix="import_"))

    from .render.journal_text import import_warnings

    _warn(import_warnings(result.warnings, lang=lang))


# -- writing to the journal -------------------------------------------------------------
MeasureArg = Annotated[str, typer.Argument(help="help_opt_measure", metavar="help_value_measure")]
DateOpt = Annotated[Optional[str], typer.Option("--date", help="help_opt_date", metavar="help_value_date")]
ByOpt = Annotated[Optional[str], typer.Option("--by", help="help_opt_by")]
NoteOpt = Annotated[str, typer.Option("--note", help="help_opt_note")]
EvidenceOpt = Annotated[Optional[str], typer.Option("--evidence", help="help_opt_evidence")]
MilestoneOpt = Annotated[Optional[str], typer.Option("--milestone", help="help_opt_milestone", metavar="help_value_date")]


def _write(ctx: typer.Context, registry: Path | None, lang: Lang, **fields) -> None:
    from . import journal
    from .render import journal_text

    def written(journal_file: str, folder: bool) -> None:
        # (said if the command fails or is interrupted from here on, the confirmation's output
        # included: a script that sees exit 2, 130 or 143 must not record it again)
        DONE_BEFORE_OUTPUT.append(("exit_done_entry_written", {"journal": journal_text.written_journal(journal_file, folder)}))

    typed = typed_registry(ctx, registry)
    with said_in(lang):  # (a refused request, said in the clerk's language)
        result = journal.append(registry, written=written, named_registry=typed, **fields)
    sys.stdout.write(journal_text.render_written(result, lang=lang, registry=typed))
    if warning := (journal_text.by_not_responsible_warning(result, lang=lang, registry=typed)
                   + journal_text.chain_broken_warning(result, lang=lang, registry=typed)):
        typer.echo(warning, err=True, nl=False)


@app.command("record", cls=Command, help="help_record")
def record_cmd(
    ctx: typer.Context,
    measure: MeasureArg,
    state: Annotated[str, typer.Option("--state", help="help_record_state")],
    note: Annotated[str, typer.Option("--note", help="help_record_note")] = "",
    date_: DateOpt = None,
    evidence: EvidenceOpt = None,
    milestone: MilestoneOpt = None,
    by: ByOpt = None,
    registry: WriteRegistryOpt = None,
    lang: LangOpt = Lang.zh,
) -> None:
    _write(ctx, registry, lang, command="record", measure=measure, state=state, note=note, date=date_, evidence=evidence, by=by,
           milestone=milestone)


@app.command("close", cls=Command, help="help_close")
def close_cmd(
    ctx: typer.Context,
    measure: MeasureArg,
    evidence: Annotated[Optional[str], typer.Option("--evidence", help="help_close_evidence")] = None,
    milestone: MilestoneOpt = None,
    note: NoteOpt = "",
    date_: DateOpt = None,
    by: ByOpt = None,
    registry: WriteRegistryOpt = None,
    lang: LangOpt = Lang.zh,
) -> None:
    _write(ctx, registry, lang, command="close", measure=measure, state="done", note=note, date=date_, evidence=evidence, by=by,
           milestone=milestone)


@app.command("reopen", cls=Command, help="help_reopen", short_help="help_reopen_short")
def reopen_cmd(
    ctx: typer.Context,
    measure: MeasureArg,
    note: Annotated[str, typer.Option("--note", help="help_reopen_note")],
    date_: DateOpt = None,
    evidence: EvidenceOpt = None,
    by: ByOpt = None,
    registry: WriteRegistryOpt = None,
    lang: LangOpt = Lang.zh,
) -> None:
    _write(ctx, registry, lang, command="reopen", measure=measure, state="reopened", note=note, date=date_, evidence=evidence, by=by)


@app.command("report", cls=Command, help="help_report", short_help="help_report_short")
def report_cmd(
    ctx: typer.Context,
    measure: MeasureArg,
    note: Annotated[str, typer.Option("--note", help="help_report_note")],
    date_: DateOpt = None,
    evidence: EvidenceOpt = None,
    by: ByOpt = None,
    registry: WriteRegistryOpt = None,
    lang: LangOpt = Lang.zh,
) -> None:
    _write(ctx, registry, lang, command="report", measure=measure, state="report", note=note, date=date_, evidence=evidence, by=by)


@app.command("extend", cls=Command, help="help_extend", short_help="help_extend_short")
def extend_cmd(
    ctx: typer.Context,
    measure: MeasureArg,
    to: Annotated[str, typer.Option("--to", help="help_extend_to", metavar="help_value_date")],
    reason: Annotated[str, typer.Option("--reason", help="help_extend_reason")],
    approved_by: Annotated[str, typer.Option("--approved-by", help="help_extend_approved_by")],
    late: Annotated[bool, typer.Option("--late", help="help_extend_late")] = False,
    far_future: Annotated[bool, typer.Option("--far-future", help="help_extend_far_future")] = False,
    milestone: MilestoneOpt = None,
    note: NoteOpt = "",
    date_: DateOpt = None,
    by: ByOpt = None,
    registry: WriteRegistryOpt = None,
    lang: LangOpt = Lang.zh,
) -> None:
    _write(ctx, registry, lang, command="extend", measure=measure, state="extended", note=note, date=date_, by=by,
           to=to, reason=reason, approved_by=approved_by, late=late, milestone=milestone, far_future=far_future)


@app.command("retract", cls=Command, help="help_retract", short_help="help_retract_short")
def retract_cmd(
    ctx: typer.Context,
    measure: MeasureArg,
    reason: Annotated[str, typer.Option("--reason", help="help_retract_reason")],
    entry: Annotated[Optional[str], typer.Option("--entry", help="help_retract_entry")] = None,
    date_: DateOpt = None,
    by: ByOpt = None,
    registry: WriteRegistryOpt = None,
    lang: LangOpt = Lang.zh,
) -> None:
    _write(ctx, registry, lang, command="retract", measure=measure, state="retracted", note=reason, date=date_, by=by,
           entry=entry)


@app.command("history", cls=Command, help="help_history")
def history_cmd(
    measure: Annotated[Optional[str], typer.Argument(help="help_history_measure", metavar="help_value_id")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="help_history_since", metavar="help_value_date")] = None,
    registry: RegistryOpt = None,
    lang: LangOpt = Lang.zh,
    format: FormatOpt = ReportFormat.table,
    no_cache: NoCacheOpt = False,
) -> None:
    with said_in(lang):  # (a refused request, said in the user's language)
        from . import journal
        from .outcomes import load_item
        from .model import item_key

        if measure is None:
            reg = _load(registry, no_cache)
        else:
            reg = load_item(registry, item_key(measure), use_cache=not no_cache)
        listed = journal.history(reg, item=measure, since=since)
        if format is ReportFormat.json:
            from .render import json_out

            _print_json(json_out.history_document(listed.entries, journal=reg.journal))
            return
        from .console import terminal_width
        from .render import journal_text

        write_text(journal_text.render_history(listed.entries, lang=lang, width=terminal_width(), journal=reg.journal,
                                               asked=listed), None)


@app.command("verify", cls=Command, help="help_verify", short_help="help_verify_short")
def verify_cmd(
    registry: RegistryOpt = None,
    since_head: Annotated[Optional[list[str]], typer.Option("--since-head", help="help_verify_since_head")] = None,
    since_summary: Annotated[Optional[str], typer.Option("--since-summary", help="help_verify_since_summary",
                                                         metavar="help_value_summary")] = None,
    lang: LangOpt = Lang.zh,
) -> None:
    from . import journal
    from .render import journal_text

    with said_in(lang):  # (a broken file, said in the user's language)
        result = journal.verify(registry, since_heads=tuple(since_head or ()), since_summary=since_summary)
    from .console import terminal_width

    sys.stdout.write(journal_text.render_verify(result, lang=lang, width=terminal_width()))
    annotate_problems(journal_text.verify_annotations(result, lang=lang))  # (under GitHub Actions: each on its line)
    raise typer.Exit(0 if result.ok else EXIT_FOUND)


@app.command("merge-journal", cls=Command, help="help_merge_journal", hidden=True)
def merge_journal_cmd(
    base: Annotated[str, typer.Argument(help="help_merge_base", metavar="help_value_base")],
    ours: Annotated[str, typer.Argument(help="help_merge_ours", metavar="help_value_ours")],
    theirs: Annotated[str, typer.Argument(help="help_merge_theirs", metavar="help_value_theirs")],
    path: Annotated[Optional[str], typer.Argument(help="help_merge_path", metavar="help_value_path")] = None,
    lang: LangOpt = Lang.zh,
) -> None:
    from . import journal_merge
    from .render import journal_text

    with said_in(lang):  # (what can't be merged, said in the user's language: exit 1, a conflict to git)
        result = journal_merge.merge(base, ours, theirs, path)
    sys.stdout.write(journal_text.render_merged(result, lang=lang))
    _warn(journal_text.merged_warnings(result, path or ours, lang=lang))


def main() -> None:
    """Entry point (__main__.run): the app run on the process's command line (command_line.run)."""
    run(app)
