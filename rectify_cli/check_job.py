"""`rectify check` from a registry's path to its output: what to read, and in how many processes;
and the command's own rules (`command`): its default format, where its output may go, the job
summary and its budget, the width of a report written to a file.

A registry whose files are all cached is judged from its outcomes (outcomes.py): only the
measures it lists (failing or warning) are built, evaluated and rendered. On a big registry
those are split into contiguous runs of plan order, one per CPU (fanout.py); each run is
judged and rendered item by item (render/check.py layouts), and the runs' items are merged
worst first. Equal keys keep plan order, as a check in one process sorts them. junit, which
lists every measure, judges them all so, each run writing its testcases in id order, joined
when the runs' ids follow on one another. Anything else (no cache, filters, junit of a plan not
in id order) loads and judges the whole registry.
"""
from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from . import engine, gate
from .cache import compact_json, loads_json
from .errors import UsageError
from .i18n import Lang, refusal
from .render import check as check_render
from .streams import for_the_log, to_ci_log

# A split pays for its fork and merge (some 20 ms) from about this many listed measures a run.
MIN_PER_RUN = 4000
FIRST_RUN_WEIGHT = 1.05  # see _split


@dataclass(frozen=True)
class CheckOutput:
    failing: bool  # the check fails: exit 1
    outputs: tuple[bytes, ...]  # the output in each format asked for, in that order, UTF-8
    # The objects judged in this process, kept as long as the output: freeing a big registry's
    # objects one by one takes a good part of a second, which a CLI exits without (cli.main).
    judged: object = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Written:
    """What `rectify check` writes (see command)."""

    failing: bool  # the check fails: exit 1
    report: bytes  # UTF-8, to `output`
    output: str | None  # the file the report is written to, as typed; None: standard output
    summary: bytes | None  # the job summary's markdown, appended to `summary_path`
    summary_path: str | None  # $GITHUB_STEP_SUMMARY; None: no job summary is written
    judged: object = field(default=None, repr=False, compare=False)  # see CheckOutput.judged


@dataclass(frozen=True)
class _Run:
    """A run of listed measures judged (see _judge_run)."""

    payload: dict | None  # what is sent back from a child
    judged: object = None  # see CheckOutput.judged

    def encode(self) -> bytes:
        """The payload as bytes: JSON, but for pieces that are bytes (JSON renderings), which
        follow it as they are, their lengths in the JSON. (As JSON strings they would be
        escaped and unescaped on the way, and decoded: a tenth of a second at 100,000.)"""
        if self.payload is None:
            return b"null\n"
        blobs: list[bytes] = []
        pieces = [[_sized(group, blobs) for group in groups] for groups in self.payload["pieces"]]
        return compact_json({**self.payload, "pieces": pieces}) + b"\n" + b"".join(blobs)

    @classmethod
    def decode(cls, data: bytes) -> _Run:
        end = data.index(b"\n")
        payload = loads_json(data[:end])
        if payload is not None:
            body, at = memoryview(data), end + 1
            for groups in payload["pieces"]:
                for n, group in enumerate(groups):
                    if isinstance(group, dict):  # {"sizes": [...]}: bytes pieces, in order
                        pieces = groups[n] = []
                        for size in group["sizes"]:
                            pieces.append(body[at:at + size])
                            at += size
        return cls(payload)


def _sized(group: list, blobs: list[bytes]):
    """A group of pieces as sent: bytes pieces as their sizes, their bytes added to `blobs`."""
    if not group or not isinstance(group[0], bytes):
        return group
    blobs.extend(group)
    return {"sizes": list(map(len, group))}


def run(path: Path | None, *, as_of: date | None, fail_on: tuple[str, ...], formats: tuple[str, ...],
        lang: Lang = Lang.zh, warn_days: int | None = None, report_period_days: int | None = None,
        owners: tuple[str, ...] = (), tasks: tuple[str, ...] = (), regions: tuple[str, ...] = (),
        no_cache: bool = False, width: int | None = None,
        summary_bytes: int = check_render.SUMMARY_BYTES, rerun: tuple[str, ...] = ()) -> CheckOutput:
    """Check the registry at `path` as of `as_of` (None: today in its time zone) and render
    the result in each of `formats` (states.CHECK_FORMATS); `width`: the cells a line of the
    text report may take (None: the terminal's, else 80: check_render.line_width);
    `summary_bytes`: the most the markdown may take (check_render.summary_bytes_left); `rerun`:
    the command line's words that decided what was judged (check_render.rerun_command)."""
    rules = gate.canonical_rules(fail_on)
    layouts = [check_render.layout(f, width, summary_bytes, rerun) for f in formats]  # (raises on an unknown name first)
    settings = {"warn_days": warn_days, "report_period_days": report_period_days}
    if not (no_cache or owners or tasks or regions):
        if None not in layouts:
            output = _from_outcomes(path, as_of=as_of, rules=rules, layouts=layouts, lang=lang, settings=settings)
        else:
            output = _junit_from_outcomes(path, as_of=as_of, rules=rules, lang=lang, settings=settings) \
                if formats == ("junit",) else None
        if output is not None:
            return output
    from . import outcomes
    from .registry import load_registry

    registry = load_registry(path, use_cache=not no_cache)
    judged = outcomes.judge(registry=registry, path=path, as_of=as_of, use_cache=not no_cache, owners=owners,
                            regions=regions, tasks=tasks, **settings)
    result = gate.run_check(judged.report, fail_on=rules, registry=registry, itemise_passes=None in layouts)
    # (the filters said by every format, in status's order: the total is the selection's)
    return CheckOutput(failing=bool(result.failing),
                       outputs=tuple(check_render.render(result, format=f, lang=lang, width=width,
                                                         summary_bytes=summary_bytes, rerun=rerun, filters=judged.filters,
                                                         units=registry.plan.units) for f in formats),
                       judged=(registry, result))


def command(*, registry: Path | None, format: str | None, output: str | None, github_actions: bool,
            step_summary: str | None, day_and_rerun: Callable[[], tuple[date | None, tuple[str, ...]]],
            fail_on: tuple[str, ...], lang: Lang, warn_days: int | None, report_period_days: int | None,
            owners: tuple[str, ...], tasks: tuple[str, ...], regions: tuple[str, ...], no_cache: bool) -> Written:
    """`rectify check` as its command line asked it (run), and what it writes where: `format`
    None is github under GitHub Actions (`github_actions`), else text; github writes its
    annotations to standard output, where the runner obeys them, and the job summary to
    `step_summary` ($GITHUB_STEP_SUMMARY). `day_and_rerun`: the --as-of day (None: today) and
    the words of the command line that decided what was judged (check_render.rerun_command),
    read once the output is settled (a refused output is said before a wrong date). Refusals
    raise UsageError; the other arguments are run's."""
    if format is None:
        format = "github" if github_actions else "text"
    from .fsutil import is_standard_output, size

    if format == "github" and output is not None:
        if not is_standard_output(output):  # (-o /dev/stdout is where the annotations are obeyed)
            raise refusal(UsageError, "output_github")
        output = None
    from .layout import refuse_output_in_registry

    refuse_output_in_registry(output, registry=registry)
    summary_path = (step_summary if format == "github" else None) or None
    # (GitHub drops the whole summary over 1 MiB: what this step wrote to it before counts too)
    summary_bytes = check_render.summary_bytes_left(size(summary_path) if summary_path else 0)
    # (a file's lines are as wide as with `> FILE`, whatever terminal the command runs on)
    width = None if output is None else check_render.line_width(to_terminal=False)
    day, rerun = day_and_rerun()
    checked = run(registry, as_of=day, fail_on=fail_on, formats=(format, "markdown") if summary_path else (format,),
                  lang=lang, warn_days=warn_days, report_period_days=report_period_days, owners=owners, tasks=tasks,
                  regions=regions, no_cache=no_cache, width=width, summary_bytes=summary_bytes, rerun=rerun)
    report = checked.outputs[0]
    # (github's own lines are stopped by its renderer; a file holds the report alone, and
    # -o /dev/stdout is the log itself)
    if format == "text" and (output is None or is_standard_output(output)) and to_ci_log():
        report = for_the_log(report.decode("utf-8")).encode("utf-8")
    return Written(failing=checked.failing, report=report, output=output,
                   summary=checked.outputs[1] if summary_path else None, summary_path=summary_path,
                   judged=checked.judged)


def _from_outcomes(path, *, as_of, rules, layouts, lang, settings) -> CheckOutput | None:
    """The check from cached outcomes; None when they can't answer (see outcomes.open_view)."""
    from . import fanout

    opened = _open_view(path, as_of)
    if opened is None:
        return None
    view, day = opened
    picks = view.flagged_positions(as_of=day, categories=gate.listed_categories(rules), **settings)
    if picks is None:
        return None
    listed = sum(map(len, picks))
    runs = _split(picks, max(1, min(fanout.workers(), listed // MIN_PER_RUN)))
    judge = partial(_judge_run, view, as_of=day, rules=rules, layouts=layouts, lang=lang, settings=settings)
    runs = fanout.run(judge, runs, encode=_Run.encode, decode=_Run.decode)
    parts = [run.payload for run in runs]
    if None in parts:  # a cache entry went away meanwhile
        return None
    order = _merge_order(parts)
    failing, warnings = _merged(parts, "failing", order), _merged(parts, "warnings", order)
    verdict = _verdict(view, parts, as_of=day, rules=rules, settings=settings, failing=len(failing),
                       warnings=len(warnings))
    outputs = tuple(layout.assemble(verdict, [parts[p]["pieces"][n][0][i] for p, i in failing],
                                  [parts[p]["pieces"][n][1][i] for p, i in warnings], lang=lang)
                  for n, layout in enumerate(layouts))
    # (the view and the runs' payloads too: freeing them takes 10 ms at 100,000 measures)
    return CheckOutput(failing=bool(failing), outputs=outputs, judged=(view, parts, [run.judged for run in runs]))


def _junit_from_outcomes(path, *, as_of, rules, lang, settings) -> CheckOutput | None:
    """junit, which lists every measure, from cached outcomes: split as _from_outcomes is, each
    run judging its measures and writing their testcases in id order. Runs whose ids follow on
    one another (a plan written in order) are joined as they are; None otherwise, or when the
    outcomes can't answer: the full load sorts them."""
    from . import fanout
    from .render.check_machine import assemble_junit

    opened = _open_view(path, as_of)
    if opened is None:
        return None
    view, day = opened
    picks = view.positions(as_of=day)
    if picks is None or not view.total:
        return None
    runs = _split(picks, max(1, min(fanout.workers(), view.total // MIN_PER_RUN)))
    judge = partial(_junit_run, view, as_of=day, rules=rules, lang=lang, settings=settings)
    runs = fanout.run(judge, runs, encode=_Run.encode, decode=_Run.decode)
    parts = [run.payload for run in runs]
    if None in parts:  # a cache entry went away meanwhile
        return None
    # (each run's ids ascend, ties sorted within it: runs in order when one's last id comes before the next's first)
    spans = [(engine.id_sort_key(part["ids"][0]), engine.id_sort_key(part["ids"][1])) for part in parts if part["ids"]]
    if not all(last < first for (_, last), (first, _) in zip(spans, spans[1:])):
        return None
    verdict = _verdict(view, parts, as_of=day, rules=rules, settings=settings,
                       failing=sum(part["failing"] for part in parts), warnings=sum(part["warnings"] for part in parts))
    output = assemble_junit(verdict, [part["pieces"][0][0][0] for part in parts], lang=lang)
    return CheckOutput(failing=bool(verdict.failing), outputs=(output,),
                       judged=(view, parts, [run.judged for run in runs]))


def _junit_run(view, picks, *, as_of, rules, lang, settings) -> _Run:
    """One run of measures judged and their testcases written in id order (check_machine.junit_cases),
    with the counts of the verdict and its first and last id; None when the view can't read them
    any more."""
    from .render.check_machine import in_id_order, junit_cases

    registry = view.narrowed(picks, judged_only=True)
    if registry is None:
        return _Run(None)
    report = engine.evaluate(plan=registry.plan, journal=registry.journal, as_of=as_of, **settings)
    result = gate.run_check(report, fail_on=rules, registry=registry, itemise_passes=True)
    items = in_id_order(result)
    return _Run({
        "failing": len(result.failing),
        "warnings": len(result.warnings),
        "by_rule": list(result.verdict.failing_by_rule),
        "pieces": [[[junit_cases(items, as_of=as_of, lang=lang).encode()]]],  # (as _Run sends bytes)
        "ids": [items[0].id, items[-1].id] if items else None,
    }, judged=(registry, report, result))


def _open_view(path, as_of: date | None):
    """The cached outcomes of the registry at `path` (outcomes.open_view) and the day judged
    (`as_of`, else today in its time zone); None when they can't answer, or a file's plan had
    not begun that day (_some_file_unbegun)."""
    from . import dates, outcomes
    from .cache import FileCache

    view = outcomes.open_view(path, store=FileCache())
    if view is None:
        return None
    day = as_of or dates.today(view.settings.timezone)
    return None if _some_file_unbegun(view, day) else (view, day)


def _some_file_unbegun(view, day: date) -> bool:
    """Whether `day` is on or after the registry's feedback but before a file's own: the full
    load names that file (gate.CheckResult.unbegun); rare, so the outcomes don't."""
    first, last = view.feedback_dates
    return first <= day < last


def _verdict(view, parts: list[dict], *, as_of: date, rules, settings: dict, failing: int, warnings: int) -> gate.Verdict:
    """The verdict of the runs' `parts` of a check from the outcomes' `view`, of `failing` and
    `warnings` measures in all."""
    return gate.Verdict(as_of=as_of, fail_on=rules, failing=failing, warnings=warnings, total=view.total,
                        failing_by_rule=tuple(map(sum, zip(*(part["by_rule"] for part in parts)))),
                        feedback=view.feedback_dates[0], **_in_effect(view.settings, settings))


def _in_effect(registry_settings, overrides: dict) -> dict:
    """warn_days and report_period_days as judged: each override given, else the registry's."""
    return {name: getattr(registry_settings, name) if value is None else value for name, value in overrides.items()}


def _split(picks: list[list[int]], parts: int) -> list[list[list[int]]]:
    """`picks` (positions per file) cut into `parts` runs of plan order. The first, done by this
    process, is the longest: a child also encodes its result, which this process then reads
    (measured at 100,000: some 5% of a run's time)."""
    flat = [(n, position) for n, positions in enumerate(picks) for position in positions]
    weights = [FIRST_RUN_WEIGHT] + [1.0] * (parts - 1)
    ends = [round(len(flat) * sum(weights[:k + 1]) / sum(weights)) for k in range(parts)]
    runs = []
    for start, end in zip([0, *ends], ends):
        run_picks: list[list[int]] = [[] for _ in picks]
        for n, position in flat[start:end]:
            run_picks[n].append(position)
        runs.append(run_picks)
    return runs


def _judge_run(view, picks, *, as_of, rules, layouts, lang, settings) -> _Run:
    """One run of listed measures judged and rendered: per group (failing, warnings) each
    item's sort key as [severity, sub-key, id], and per layout the pieces of both groups;
    with the failing measures per rule, and its ids in plan order (see _merge_order). The
    payload is None when the view can't read them any more."""
    registry = view.narrowed(picks, judged_only=True)
    if registry is None:
        return _Run(None)
    report = engine.evaluate(plan=registry.plan, journal=registry.journal, as_of=as_of, **settings)
    result = gate.run_check(report, fail_on=rules, registry=registry, itemise_passes=False)
    keys = {group: [[*item.severity[:2], item.id] for item in getattr(result, group)] for group in ("failing", "warnings")}
    ids = [measure.id for measure in registry.plan.measures()]
    # (the listed measures' id keys are the last part of their severity: not made again)
    made = {item.id: item.severity[2] for group in (result.failing, result.warnings) for item in group}
    id_keys = [made.get(mid) or engine.id_sort_key(mid) for mid in ids]
    return _Run({
        **keys,
        "by_rule": list(result.verdict.failing_by_rule),
        "pieces": [[layout.pieces(result.failing, as_of=as_of, lang=lang),
                    layout.pieces(result.warnings, as_of=as_of, lang=lang)] for layout in layouts],
        "ids": [ids[0], ids[-1], all(map(operator.lt, id_keys, id_keys[1:]))] if ids else None,
    }, judged=(registry, report, result))


def _merge_order(parts: list[dict]):
    """The sort key of an item of a part, from its [severity, sub-key, id] and (part, index).

    Equal severities and sub-keys order by natural id (engine.severity_key). When the ids of
    all runs, in plan order, ascend (as they do in a plan written in order), the part and
    index give that order too, and are much cheaper to compare (31,000 items: 0.02 s against
    0.08 s)."""
    spans = [part["ids"] for part in parts if part["ids"] is not None]
    id_key = engine.id_sort_key
    in_order = all(ascending for _, _, ascending in spans) and all(
        id_key(last) < id_key(first) for (_, last, _), (first, _, _) in zip(spans, spans[1:]))
    if in_order:
        return lambda key, p, i: (key[0], key[1], p, i)
    return lambda key, p, i: (key[0], key[1], id_key(key[2]), p, i)


def _merged(parts: list[dict], group: str, order) -> list[tuple[int, int]]:
    """The items of `group` of all parts as (part, index), worst first; equal keys in part
    order, which is plan order. `order`: from _merge_order."""
    if len(parts) == 1:
        return [(0, i) for i in range(len(parts[0][group]))]
    # (sorted() finds the parts' sorted runs and merges them, comparing in C)
    ordered = sorted([order(key, p, i) for p, part in enumerate(parts) for i, key in enumerate(part[group])])
    return [(p, i) for *_, p, i in ordered]
