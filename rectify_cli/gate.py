"""`rectify check`: decide which measures fail the CI gate. Pure: no output, no exit codes.

Each measure matches at most one rule, its display category (engine.category): ``overdue``,
``due_soon`` or ``stale`` (an ongoing measure not reported on in time). It fails when that
rule is in `fail_on`, which always holds ``overdue``: `--fail-on due_soon` adds to it (a gate
asked to fail on measures due soon that let overdue ones pass would be a trap). A due-soon
measure that does not fail is a *warning*: CI shows it without failing the build.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from operator import itemgetter, lt
from pathlib import Path

from . import engine
from .engine import MeasureResult, StatusReport
from .model import Registry, maker
from .states import CHECK_RULES


_RULE_SET = frozenset(CHECK_RULES)
_DUE_SOON = engine.Status.DUE_SOON.value

FAILURE = "failure"
WARNING = "warning"
PASS = "pass"


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One measure as the gate sees it."""

    result: MeasureResult
    rule: str | None  # the rule it matches (overdue / due_soon / stale), failing or not
    kind: str  # FAILURE, WARNING or PASS
    file: str | None  # where the measure is defined: display_path
    line: int | None
    severity: tuple | None = None  # engine.severity_key, by which failing and warnings are sorted
    # A stale measure's: its plan's feedback date (a folder's files differ), from which a measure
    # never reported on went stale (stale_days). None for the others.
    feedback: date | None = None

    @property
    def id(self) -> str:
        return self.result.id

    @property
    def task_id(self) -> str:
        return self.result.measure.task_id


_new_check_item = maker(CheckItem)


@dataclass(frozen=True)
class Verdict:
    """What a check says in sum (its total line and exit code), without the items."""

    as_of: date
    fail_on: tuple[str, ...]  # canonical order, without duplicates
    failing: int
    warnings: int
    total: int
    failing_by_rule: tuple[int, ...]  # how many measures fail on each rule of fail_on
    # The settings judged by (the registry's, else --warn-days / --report-period): what "due soon"
    # and "stale" meant, which a machine report names as status --format json does.
    warn_days: int
    report_period_days: int
    # The plan's feedback date (of a folder, its files' earliest), and a folder's files in the
    # selection whose own feedback is after as_of, each named as check names files: before those,
    # rectification had not begun, which every format notes as status's header does (not a finding).
    feedback: date | None = None
    unbegun: tuple[engine.FileStanding, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    as_of: date
    fail_on: tuple[str, ...]  # canonical order, without duplicates
    failing: tuple[CheckItem, ...]  # worst first
    warnings: tuple[CheckItem, ...]  # due soon but not failing, worst first
    passing: tuple[CheckItem, ...]  # the rest, in plan order (most of a big registry: not sorted unless asked)
    warn_days: int  # the report's (see Verdict)
    report_period_days: int
    # Passing measures not itemised (run_check's itemise_passes): counted in the total.
    unlisted: int = 0
    feedback: date | None = None  # see Verdict
    unbegun: tuple[engine.FileStanding, ...] = ()

    @property
    def total(self) -> int:
        return len(self.failing) + len(self.warnings) + len(self.passing) + self.unlisted

    @property
    def items(self) -> tuple[CheckItem, ...]:
        """Every measure of the selection, worst first. Needs a check of the whole registry."""
        if self.unlisted:
            raise ValueError("this check itemised only the measures it lists; run it on the whole registry")
        return (*self.failing, *self.warnings, *sorted(self.passing, key=_item_severity))

    def count(self, rule: str) -> int:
        """How many failing measures fail on `rule`."""
        return sum(1 for item in self.failing if item.rule == rule)

    @property
    def verdict(self) -> Verdict:
        return Verdict(as_of=self.as_of, fail_on=self.fail_on, failing=len(self.failing), warnings=len(self.warnings),
                       total=self.total, failing_by_rule=tuple(self.count(rule) for rule in self.fail_on),
                       warn_days=self.warn_days, report_period_days=self.report_period_days,
                       feedback=self.feedback, unbegun=self.unbegun)


def _item_severity(item: CheckItem) -> tuple:
    return engine.severity_key(item.result)


def listed_categories(fail_on: tuple[str, ...]) -> tuple[str, ...]:
    """The categories of the measures a check lists: those that fail, and due_soon (a warning
    when it doesn't). Every other measure passes."""
    return tuple(rule for rule in CHECK_RULES if rule in fail_on or rule == _DUE_SOON)


def canonical_rules(fail_on) -> tuple[str, ...]:
    """`fail_on` (names or FailOn members) and overdue, in CHECK_RULES order without duplicates;
    ValueError on an unknown name (the command line offers only CHECK_RULES)."""
    wanted = {engine.Status.OVERDUE.value}
    for name in fail_on:
        key = getattr(name, "value", name)
        if key not in CHECK_RULES:
            raise ValueError(f"unknown rule {key!r}; expected one of {', '.join(CHECK_RULES)}")
        wanted.add(key)
    return tuple(rule for rule in CHECK_RULES if rule in wanted)


def stale_days(item: CheckItem, as_of: date) -> int:
    """Days a stale measure has gone unreported, as the engine counts them: since its last journal
    entry, or since the feedback date when it has none."""
    return engine.days_unreported(item.result.last_entry, item.feedback, as_of)


def display_path(file: str, *, cwd: Path | None = None) -> str:
    """`file` as CI tools locate it: relative to the repository GitHub Actions checked out
    ($GITHUB_WORKSPACE) when it lies there, else to `cwd` (default: the working folder) when
    it lies there, else as given; always with forward slashes, as CI annotations expect.
    (Annotations, SARIF and JUnit name files from the repository's root: relative to a step's
    `working-directory:`, they named files that do not exist.) With $GITHUB_WORKSPACE set, a
    file outside the repository is named in full: a relative name is read from the repository's
    root, a copy in the runner's temp folder as the repository's own file of that name."""
    try:
        resolved = Path(file).resolve()
    except OSError:
        return file
    workspace = os.environ.get("GITHUB_WORKSPACE")
    for base in (Path(workspace),) if workspace else (cwd or Path.cwd(),):
        try:
            return resolved.relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return Path(os.path.abspath(file)).as_posix() if workspace else file


def shown_file(file: str, *, folder: bool) -> str:
    """A registry's file, plan or journal, in text for people: a folder's as check names it
    (display_path: one name however the folder was typed), one file's as typed (display_path
    resolves links: an office's ledger.yaml linked to small/tasks.yaml is not called that)."""
    return display_path(file) if folder else file


def file_paths(plan_files) -> dict[str, str]:
    """A folder's plan files (a registry's plan_files) by their names in it ("naqu.yaml"), each
    as check names files (display_path): the one name every report gives a file, to people and
    to programs (a CI step matches status's or reconcile's file with check's annotations; a
    person, the file a warning names with the one the header lists)."""
    return {Path(file).name: display_path(file) for file in plan_files}


def run_check(
    report: StatusReport,
    *,
    fail_on: tuple[str, ...],
    registry: Registry,
    cwd: Path | None = None,
    itemise_passes: bool = True,
) -> CheckResult:
    """Say which measures of `report` fail and which only warn, each group worst first.

    Unknown `fail_on` names raise ValueError. A measure without a recorded location (built by
    hand, not loaded) is placed in the plan file when the registry has exactly one.
    `itemise_passes`: False counts the passing measures as unlisted (see CheckResult.unlisted;
    only a report listing every measure, junit, shows them; most of a big registry passes).
    """
    fail_on = canonical_rules(fail_on)
    wanted = set(fail_on)

    plan = registry.plan
    fallback_file = registry.plan_files[0] if len(registry.plan_files) == 1 else None
    paths: dict[str, str] = {}  # one resolve() per file, not per measure

    def item(result: MeasureResult, rule: str | None, kind: str, severity: tuple | None = None) -> CheckItem:
        location = result.measure.location
        if location is None:
            file, line = fallback_file, None
        else:
            file, line = location.file, location.line
        if file is not None:
            shown = paths.get(file)
            if shown is None:
                shown = paths[file] = display_path(file, cwd=cwd)
            file = shown
        feedback = plan.meta_of(result.id).feedback_date if rule == engine.STALE else None
        return _new_check_item(result=result, rule=rule, kind=kind, file=file, line=line, severity=severity,
                               feedback=feedback)

    # Only the listed measures (failing, warnings) are sorted: in a big registry most pass.
    failing, warnings, passing = [], [], []
    unlisted = 0
    category, severity_key, rules = engine.category, engine.severity_key, _RULE_SET
    for result in report.measures():
        rule = category(result)
        if rule not in rules:
            rule = None
        if rule is not None and rule in wanted:
            failing.append((severity_key(result), result, rule))
        elif rule == _DUE_SOON:
            warnings.append((severity_key(result), result, rule))
        elif itemise_passes:
            passing.append(item(result, rule, PASS))
        else:
            unlisted += 1
    # By the key alone: measures with equal keys stay in plan order.
    _worst_first(failing)
    _worst_first(warnings)
    return CheckResult(
        as_of=report.as_of,
        fail_on=fail_on,
        failing=tuple([item(result, rule, FAILURE, key) for key, result, rule in failing]),
        warnings=tuple([item(result, rule, WARNING, key) for key, result, rule in warnings]),
        passing=tuple(passing),
        warn_days=report.warn_days,
        report_period_days=report.report_period_days,
        unlisted=unlisted,
        feedback=plan.meta.feedback_date,
        unbegun=_unbegun(report, registry),
    )


def _unbegun(report: StatusReport, registry: Registry) -> tuple[engine.FileStanding, ...]:
    """engine.unbegun_files, each file named as check names files (file_paths)."""
    unbegun = engine.unbegun_files(report)
    if not unbegun:
        return ()
    shown = file_paths(registry.plan_files)
    return tuple(replace(f, file=shown.get(f.file, f.file)) for f in unbegun)


_first = itemgetter(0)


def _worst_first(listed: list[tuple[tuple, MeasureResult, str]]) -> None:
    """Sort `listed` ((severity_key, result, rule), in plan order) by the key alone. When their ids
    ascend in plan order (a plan written in order), rank and sub-key sort them alike, the stable
    sort keeping the ids' order between ties, and as one int compare far faster than the keys'
    nested id parts (43,711 overdue at 100,000 measures: 0.17 s to 0.08 s)."""
    ids = [key[2] for key, _, _ in listed]
    listed.sort(key=_rank_and_sub if all(map(lt, ids, ids[1:])) else _first)


# Above any severity_key sub-key's size (days overdue, date ordinals, _NEVER + an ordinal: all within
# 10**7), so that rank * _SUB_SPAN + sub-key orders as (rank, sub-key).
_SUB_SPAN = 10 ** 8


def _rank_and_sub(listed: tuple) -> int:
    rank, sub, _ = listed[0]
    return rank * _SUB_SPAN + sub
