"""Recompute the report's headline claims from its own appendix (the ledger) and compare.

Pure: ``reconcile(plan=, journal=, source=)`` -> :class:`ReconcileResult` (``source``: the report
the plan names, read by the caller). No I/O, no rendering.

Each claim key has one explicit counting rule (:data:`RULES`, or :func:`rule_for` a key naming
other years than the Tibet report's: the same rules, with its years), written down in Chinese and
English next to the function that applies it. Where the computed figure differs from the
claim, a few *alternative readings* of the same words are computed as well, and the one
closest to the claim is reported alongside — to show how the report might have counted, never
to replace the rule (the rule is chosen for being the most natural reading, not for matching).

A figure of the report's opening that no claim records (one the import could not read, or the
curation left out) is not checked, and said so (``ReconcileResult.unrecorded``): never "all match".

Vocabulary used by the rules
----------------------------
* A *date* is a calendar date written in a deadline (milestone kind ``date``). 立即启动 /
  立行立改 (``immediate``) and 长期坚持 (``ongoing``) are not dates.
* A task's dates are those of its 整改时限; a measure's those in its parentheses. The rules use
  the plan's dates as written (the report's appendix), not extensions recorded later.
* *Last date*: the latest of them — when everything the text asks for should be finished.
* *Done* is judged from the journal as of the report date (``meta.report_date``): a measure is
  done when every dated (date and immediate) milestone is closed out
  (:attr:`engine.MeasureResult.closed`); a task is done by the rule the monthly summary counts
  its 已完成 by (:attr:`engine.TaskResult.closed`): none of its measures has a milestone still
  open, and each measure that is only 长期坚持 has been reported on.
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from . import engine
from .engine import StatusReport
from .errors import close_matches
from .importer_text import AS_OF_WORD, GROUPED_DIGITS, normalise
from .model import Entry, Milestone, MilestoneKind, Plan, Reported


# --------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class Reading:
    """One way of counting, and what it gave."""

    zh: str
    en: str
    value: int


@dataclass(frozen=True)
class ClaimCheck:
    key: str
    text: str  # the report's own words
    claimed: int
    computed: int | None  # None: no rule for this key
    rule_zh: str | None
    rule_en: str | None
    # Only for a mismatch: the alternative reading whose value is closest to the claim, when it
    # is closer than the rule's value. None otherwise.
    alternative: Reading | None = None
    # Only for a claim reconcile knows but the ledger gives no figure for (UNCOUNTED, a rate of
    # none listed): why, in both languages. None otherwise (a key no rule knows: no rule, said so).
    why_zh: str | None = None
    why_en: str | None = None
    # The one figure the report's own words give (全区46项整改任务: 46), where it is not the claimed
    # one: the claim contradicts itself, whatever the appendix says. None otherwise.
    text_value: int | None = None
    # Only for a key no rule knows: the known key it is close to (task_total: tasks_total), a slip
    # of the keyboard rather than a claim rectify has no rule for. None otherwise.
    suggestion: str | None = None
    # Whether the report the plan names (registry.source) says the claim's words: False, words put
    # in its mouth, a disagreement whatever the figures say. None: no report to look in.
    quoted: bool | None = None

    @property
    def has_rule(self) -> bool:
        return self.computed is not None

    @property
    def rate(self) -> bool:
        """A rate of completion (tasks_done_percent: 完成率84%), in whole per cent; a count else."""
        return self.key.endswith("_percent")

    @property
    def matches(self) -> bool | None:
        """True/False, or None when there is no rule to compute the figure."""
        if self.computed is None:
            return None
        return self.computed == self.claimed

    @property
    def disagrees(self) -> bool:
        """With the appendix, with its own words, with the report it quotes, or by a key mistyped:
        what reconcile exits 1 for."""
        return (self.matches is False or self.text_value is not None or self.suggestion is not None
                or self.quoted is False)


@dataclass(frozen=True)
class QuotedReport:
    """The report a plan names (registry.source), as looked for (layout.quoted_report)."""
    named: str  # as the plan writes it, relative to the plan file
    path: str  # as the registry's files are named (gate.shown_file): one the user can open from here
    text: str | None  # as the import reads it; None: it could not be read (the words go unchecked, said)
    why: str | None = None  # then why: a value of UNREAD_WHY (missing, folder, empty, pdf...), or ledger: a plan or journal


# Why a report named could not be read, by what the reading said (its problem's key): a few
# words each (i18n source_unread_<why>), and the code `reconcile --format json` gives.
UNREAD_WHY = {"no_such_file": "missing", "dangling_link": "missing", "dangling_link_chain": "missing",
              "is_folder": "folder", "not_regular": "not_file", "permission": "permission", "import_empty": "empty",
              "import_pdf": "pdf", "import_office": "office",
              "import_html": "web_page", "import_binary": "binary", "import_undecodable": "undecodable",
              "import_utf16_without_bom": "undecodable", "import_not_utf16": "undecodable",
              "import_utf8_behind_utf16_mark": "undecodable",
              "import_cut_short": "cut_short"}  # (as the import says it: a download cut short, not another encoding)


@dataclass(frozen=True)
class ReconcileResult:
    report_date: date
    checks: tuple[ClaimCheck, ...]  # in the order the plan lists its claims
    # the report the claims quote (registry.source), where the plan names one: read (else the
    # words went unchecked, which is said, with why)
    source: QuotedReport | None = None
    # the clauses of the report's opening (its headline, the first paragraph saying 截至) with a count, N项, that no
    # claim's words hold: figures the report makes that nothing recorded, so not checked (the import warned of
    # them unread, or the curation left them out), in the report's order
    unrecorded: tuple[str, ...] = ()

    @property
    def mismatches(self) -> tuple[ClaimCheck, ...]:
        return tuple(c for c in self.checks if c.matches is False)

    @property
    def disagreements(self) -> tuple[ClaimCheck, ...]:
        return tuple(c for c in self.checks if c.disagrees)

    @property
    def without_rule(self) -> tuple[ClaimCheck, ...]:
        return tuple(c for c in self.checks if not c.has_rule)


# --------------------------------------------------------------------------- the ledger's facts


@dataclass(frozen=True)
class Ledger:
    """What the rules look at: the plan, and its state as of the report date."""

    plan: Plan
    report: StatusReport  # engine.evaluate(..., as_of=plan.meta.report_date)

    def tasks(self) -> Iterable[engine.TaskResult]:
        return self.report.tasks

    def measures(self) -> Iterable[engine.MeasureResult]:
        return self.report.measures()


def _dates(milestones: Iterable[Milestone]) -> list[date]:
    return [m.due for m in milestones if m.kind is MilestoneKind.DATE and m.due is not None]


def _last_date(milestones: Iterable[Milestone]) -> date | None:
    found = _dates(milestones)
    return max(found) if found else None


def _first_date(milestones: Iterable[Milestone]) -> date | None:
    found = _dates(milestones)
    return min(found) if found else None


def _has_kind(milestones: Iterable[Milestone], kind: MilestoneKind) -> bool:
    return any(m.kind is kind for m in milestones)


def _task_last(tr: engine.TaskResult) -> date | None:
    return _last_date(tr.task.deadline.milestones)


def _measure_last(mr: engine.MeasureResult) -> date | None:
    return _last_date(mr.measure.milestones)


# --------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Rule:
    """A counting rule: its one-line description in both languages, and the count itself."""

    zh: str
    en: str
    count: Callable[[Ledger], int | None]  # (None: no figure to give, a rate of none listed)


@dataclass(frozen=True)
class ClaimRule:
    rule: Rule
    alternatives: tuple[Rule, ...] = ()
    # why the rule's count gives no figure, where it can give none (zh, en)
    empty: tuple[str, str] | None = None


def _n(items) -> int:
    return sum(1 for _ in items)


_TASKS_REPORTED_DONE_OR_FINISHING = Rule(
    "整改进度为“全面完成”或“基本完成”的任务（不论时限）",
    "tasks whose reported progress is 全面完成 or 基本完成 (any deadline)",
    lambda l: _n(tr for tr in l.tasks()
                 if tr.task.reported.state in (Reported.FULLY_DONE, Reported.BASICALLY_DONE)),
)


_TASKS_REPORTED_FULLY_DONE = Rule(
    "整改进度为“全面完成”的任务（不论时限）",
    "tasks whose reported progress is 全面完成 (any deadline)",
    lambda l: _n(tr for tr in l.tasks() if tr.task.reported.state is Reported.FULLY_DONE),
)


def _rules_due(first: int | None, last: int, *, by: date | None = None) -> dict[str, ClaimRule]:
    """The rules of the claims about what was due by the end of `last` (`first` None: "2018年12月底前应完成的
    28项整改任务…", keyed tasks_due_LAST and so on), by the day `by` of it (a mid-year cut-off, "应于2022年6月底前
    完成的3项整改任务", keyed tasks_due_YYYY_MM_DD and so on) or within the years `first` to `last` ("应于2019年、2020年
    完成的14项整改任务、24项具体措施", keyed tasks_due_FIRST_LAST and so on), and of those what is done and
    what not as of the report date: one set of rules over a span of days, so that each suffix a year's
    key takes (_done, _finishing, _in_progress) a range's and a day's take too, counted alike."""
    start, end = None if first is None else date(first, 1, 1), by or date(last, 12, 31)
    years = f"{last}" if first is None else f"{first}_{last}"
    if by is not None:
        years = f"{by.year}_{by.month:02}_{by.day:02}"
    if first is None:
        day = end.isoformat()
        # (how the rules word the span: 整改时限中最晚日期不晚于…, tasks due by…, 属于…应完成任务)
        due_zh = f"{last}年底前" if by is None else f"{by.year}年{by.month}月{by.day}日前"
        within_zh, within_en, due_zh, due_en = f"不晚于{day}", f"is on or before {day}", due_zh, f"by {day}"
    else:
        # (a range of one year, 2019_2019, worded as that year: 2019年, not 2019—2019年)
        years_zh = f"{first}年" if first == last else f"{first}—{last}年"
        years_en = f"{first}" if first == last else f"{first} or {last}" if last == first + 1 else f"{first} to {last}"
        within_zh, within_en, due_zh, due_en = f"在{years_zh}", f"falls in {years_en}", years_zh, f"in {years_en}"

    def within(day: date | None) -> bool:
        return day is not None and (start is None or start <= day) and day <= end

    def tasks_due(ledger: Ledger) -> list[engine.TaskResult]:
        return [tr for tr in ledger.tasks() if within(_task_last(tr))]

    def measures_due(ledger: Ledger) -> list[engine.MeasureResult]:
        return [mr for mr in ledger.measures() if within(_measure_last(mr))]

    # what was due: by a year's end and within years are read otherwise where they miss (the first date,
    # or the tasks reported done or finishing; any date within them, or the tasks reported on schedule)
    tasks_last = Rule(
        f"整改时限中最晚日期{within_zh}的任务",
        f"tasks whose deadline's last date {within_en}",
        lambda l: len(tasks_due(l)),
    )
    measures_without_ongoing = Rule(
        f"最晚日期{within_zh}且不含长期坚持的措施",
        f"measures whose last date {within_en}, without an ongoing part",
        lambda l: _n(mr for mr in measures_due(l) if not _has_kind(mr.measure.milestones, MilestoneKind.ONGOING)),
    )
    if first is None:
        tasks = ClaimRule(
            tasks_last,
            (
                Rule(
                    f"整改时限中最早日期不晚于{day}的任务",
                    f"tasks whose deadline's first date is on or before {day}",
                    lambda l: _n(tr for tr in l.tasks()
                                 if (f := _first_date(tr.task.deadline.milestones)) and f <= end),
                ),
                _TASKS_REPORTED_DONE_OR_FINISHING,
            ),
        )
        measures = ClaimRule(
            Rule(
                f"最晚日期{within_zh}的措施（含“日期，长期坚持”）",
                f"measures whose last dated milestone {within_en} (incl. date + ongoing)",
                lambda l: len(measures_due(l)),
            ),
            (
                measures_without_ongoing,
                Rule(
                    f"最早日期不晚于{day}的措施",
                    f"measures whose first date is on or before {day}",
                    lambda l: _n(mr for mr in l.measures()
                                 if (f := _first_date(mr.measure.milestones)) and f <= end),
                ),
                Rule(
                    f"最晚日期{within_zh}或含立即启动的措施",
                    f"measures whose last date {within_en}, or that start immediately",
                    lambda l: _n(mr for mr in l.measures()
                                 if within(_measure_last(mr))
                                 or (_measure_last(mr) is None
                                     and _has_kind(mr.measure.milestones, MilestoneKind.IMMEDIATE))),
                ),
            ),
        )
    else:
        tasks = ClaimRule(
            tasks_last,
            (
                Rule(
                    f"整改时限含{years_zh}日期的任务",
                    f"tasks whose deadline has any date in {years_en}",
                    lambda l: _n(tr for tr in l.tasks() if any(map(within, _dates(tr.task.deadline.milestones)))),
                ),
                Rule(
                    "整改进度为“序时推进”的任务",
                    "tasks whose reported progress is 序时推进",
                    lambda l: _n(tr for tr in l.tasks() if tr.task.reported.state is Reported.ON_SCHEDULE),
                ),
            ),
        )
        measures = ClaimRule(
            Rule(
                f"最晚日期{within_zh}的措施",
                f"measures whose last dated milestone {within_en}",
                lambda l: len(measures_due(l)),
            ),
            (
                Rule(
                    f"含{years_zh}日期的措施",
                    f"measures with any date in {years_en}",
                    lambda l: _n(mr for mr in l.measures() if any(map(within, _dates(mr.measure.milestones)))),
                ),
                measures_without_ongoing,
            ),
        )

    return {
        f"tasks_due_{years}": tasks,
        f"tasks_due_{years}_done": ClaimRule(
            Rule(
                "其中截至报告日期限均已销号、仅长期坚持的措施均有报告的任务",
                "of those, tasks none of whose measures has an open milestone as of the report date, "
                "each ongoing-only one reported on",
                lambda l: _n(tr for tr in tasks_due(l) if tr.closed),
            ),
            (
                Rule(
                    f"整改时限最晚日期{within_zh}、整改进度为“全面完成”的任务",
                    f"tasks due {due_en} whose reported progress (整改进度) is 全面完成",
                    lambda l: _n(tr for tr in tasks_due(l) if tr.task.reported.state is Reported.FULLY_DONE),
                ),
                _TASKS_REPORTED_FULLY_DONE,
            ),
        ),
        f"tasks_due_{years}_finishing": ClaimRule(
            Rule(
                "其中截至报告日仍有期限未销号或仅长期坚持的措施从未报告的任务",
                "of those, tasks with a measure milestone still open as of the report date "
                "(or an ongoing-only measure never reported on)",
                lambda l: _n(tr for tr in tasks_due(l) if not tr.closed),
            ),
            (
                Rule(
                    f"整改时限最晚日期{within_zh}、整改进度为“基本完成”的任务",
                    f"tasks due {due_en} whose reported progress is 基本完成",
                    lambda l: _n(tr for tr in tasks_due(l)
                                 if tr.task.reported.state is Reported.BASICALLY_DONE),
                ),
                Rule(
                    "整改进度为“基本完成”的任务（不论时限）",
                    "tasks whose reported progress is 基本完成 (any deadline)",
                    lambda l: _n(tr for tr in l.tasks() if tr.task.reported.state is Reported.BASICALLY_DONE),
                ),
            ),
        ),
        f"measures_due_{years}": measures,
        f"measures_due_{years}_done": ClaimRule(
            Rule(
                "其中截至报告日各期限均已销号的措施",
                "of those, measures with every dated milestone closed out as of the report date",
                lambda l: _n(mr for mr in measures_due(l) if mr.closed),
            ),
            (
                Rule(
                    f"其中属于{due_zh}应完成任务、各期限均已销号的措施",
                    f"of those, measures of tasks due {due_en} with every dated milestone closed out",
                    lambda l: _n(mr for tr in tasks_due(l) for mr in tr.measures
                                 if within(_measure_last(mr)) and mr.closed),
                ),
                Rule(
                    "其中所属任务整改进度为“全面完成”的措施",
                    "of those, measures of tasks reported 全面完成",
                    lambda l: _n(mr for tr in l.tasks() if tr.task.reported.state is Reported.FULLY_DONE
                                 for mr in tr.measures if within(_measure_last(mr))),
                ),
            ),
        ),
        f"measures_due_{years}_in_progress": ClaimRule(
            Rule(
                "其中截至报告日仍有期限未销号的措施",
                "of those, measures with a dated milestone still open as of the report date",
                lambda l: _n(mr for mr in measures_due(l) if not mr.closed),
            ),
            (
                Rule(
                    f"其中属于{due_zh}应完成任务、仍有期限未销号的措施",
                    f"of those, measures of tasks due {due_en} with a dated milestone still open",
                    lambda l: _n(mr for tr in tasks_due(l) for mr in tr.measures
                                 if within(_measure_last(mr)) and not mr.closed),
                ),
                Rule(
                    "其中所属任务整改进度不是“全面完成”的措施",
                    "of those, measures of tasks not reported 全面完成",
                    lambda l: _n(mr for tr in l.tasks() if tr.task.reported.state is not Reported.FULLY_DONE
                                 for mr in tr.measures if within(_measure_last(mr))),
                ),
            ),
        ),
    }


# A key naming years: what was due by the end of one, or within a span of them.
_YEARS_KEY = re.compile(r"(?:tasks|measures)_due_(\d{4})(?:_(\d{4}))?(?:_done|_finishing|_in_progress)?")


# A key naming a day: what was due by it (tasks_due_2022_06_30, a mid-year cut-off), as what was due by a year's end.
_DAY_KEY = re.compile(r"(?:tasks|measures)_due_(\d{4})_(\d{2})_(\d{2})(?:_done|_finishing|_in_progress)?")


def rule_for(key: str) -> ClaimRule | None:
    """The counting rule of a claim key: one of RULES, or of the same kind for other years
    (another report counts what was due by the end of 2019, say) or by a day of one (by 2022-06-30);
    None when there is none."""
    found = RULES.get(key)
    if found is None and (m := _DAY_KEY.fullmatch(key)):
        try:  # (no 2022-06-31: a key typed by hand)
            by = date(*map(int, m.groups()))
        except ValueError:
            return None
        return _rules_due(None, by.year, by=by).get(key)
    if found is None and (m := _YEARS_KEY.fullmatch(key)):
        first, last = int(m.group(1)), m.group(2)
        # (no year 0 in the calendar, nor years running backwards, 2020_2019: a key typed by hand)
        if first < 1 or (last is not None and int(last) < first):
            return None
        found = (_rules_due(None, first) if last is None else _rules_due(first, int(last))).get(key)
    return found


RULES: dict[str, ClaimRule] = {
    "tasks_total": ClaimRule(Rule(
        "附件所列整改任务数",
        "tasks listed in the appendix",
        lambda l: _n(l.tasks()),
    )),
    "measures_total": ClaimRule(Rule(
        "附件所列具体措施数",
        "measures listed in the appendix",
        lambda l: _n(l.measures()),
    )),
    # other reports': what is done of the whole appendix (45项整改任务已完成38项), by the rules the
    # counts of what was due by a year's end are done by (the summary's 已完成 for tasks)
    "tasks_done": ClaimRule(
        Rule(
            "截至报告日期限均已销号、仅长期坚持的措施均有报告的任务（不论时限）",
            "tasks none of whose measures has an open milestone as of the report date, each ongoing-only one "
            "reported on (any deadline)",
            lambda l: _n(tr for tr in l.tasks() if tr.closed),
        ),
        (_TASKS_REPORTED_FULLY_DONE,),
    ),
    "measures_done": ClaimRule(
        Rule(
            "截至报告日各期限均已销号的措施（不论时限）",
            "measures with every dated milestone closed out as of the report date (any deadline)",
            lambda l: _n(mr for mr in l.measures() if mr.closed),
        ),
        (
            Rule(
                "截至报告日各期限均已销号、或仅长期坚持且有报告的措施",
                "measures with every dated milestone closed out as of the report date, or ongoing only and "
                "reported on",
                lambda l: _n(mr for mr in l.measures() if mr.accounted_for),
            ),
            Rule(
                "所属任务整改进度为“全面完成”的措施",
                "measures of tasks reported 全面完成",
                lambda l: _n(mr for tr in l.tasks() if tr.task.reported.state is Reported.FULLY_DONE for mr in tr.measures),
            ),
        ),
    ),
    # the Tibet report's: due by the end of 2018, and in 2019-2020
    **_rules_due(None, 2018),
    **_rules_due(2019, 2020),
    "tasks_ongoing": ClaimRule(
        Rule(
            "整改时限不含具体日期的任务（仅立行立改/长期坚持）",
            "tasks whose deadline has no date (立行立改 / 长期坚持 only)",
            lambda l: _n(tr for tr in l.tasks() if _task_last(tr) is None),
        ),
        (
            Rule(
                "整改进度为“取得阶段性成效”的任务",
                "tasks whose reported progress is 取得阶段性成效",
                lambda l: _n(tr for tr in l.tasks() if tr.task.reported.state is Reported.INTERIM_RESULTS),
            ),
            Rule(
                "整改时限含立行立改或长期坚持的任务",
                "tasks whose deadline includes 立行立改 or 长期坚持",
                lambda l: _n(tr for tr in l.tasks() if any(
                    m.kind is not MilestoneKind.DATE for m in tr.task.deadline.milestones)),
            ),
        ),
    ),
    "measures_ongoing": ClaimRule(
        Rule(
            "不含具体日期的措施（仅立即启动/长期坚持）",
            "measures with no date (立即启动 / 长期坚持 only)",
            lambda l: _n(mr for mr in l.measures() if _measure_last(mr) is None),
        ),
        (
            Rule(
                "含长期坚持或立即启动的措施（含“日期，长期坚持”）",
                "measures with an ongoing or immediate part (incl. date + ongoing)",
                lambda l: _n(mr for mr in l.measures() if any(
                    m.kind is not MilestoneKind.DATE for m in mr.measure.milestones)),
            ),
            Rule(
                "仅长期坚持的措施（不含立即启动）",
                "measures that are ongoing only (no immediate start, no date)",
                lambda l: _n(mr for mr in l.measures() if mr.measure.milestones and all(
                    m.kind is MilestoneKind.ONGOING for m in mr.measure.milestones)),
            ),
        ),
    ),
}


# Other reports' counts of what is remaining, and their rates of completion (剩余3项, 完成率71%),
# by the rules of what is done of the whole appendix (tasks_done, measures_done): what remains is
# the rest, so that 已完成42项，剩余3项 of 45 are judged by one rule; a rate is done over total, in
# whole per cent (a claim's value is a whole number: 94.5% is left to the curation) rounded half up,
# as 四舍五入 (12.5% is 13, not Python's 12), but never to 100% with one still open nor to 0% with
# one done (199 of 200 is 99%): 完成率100% says all are done, and would agree beside 剩余1项 else.


def _less(noun_zh: str, noun_en: str, done: Rule) -> Rule:
    return Rule(f"附件所列{noun_zh}数减去：{done.zh}", f"{noun_en} listed in the appendix, less {done.en}",
                lambda l: RULES[f"{noun_en}_total"].rule.count(l) - done.count(l))


def _rate(noun_zh: str, noun_en: str, done: Rule, *, cut: bool = False) -> Rule:
    def percent(ledger: Ledger) -> int | None:
        total = RULES[f"{noun_en}_total"].rule.count(ledger)
        if not total:
            return None
        part = done.count(ledger)
        if cut:
            return 100 * part // total
        return min(max((200 * part + total) // (2 * total), 1 if part else 0), 100 if part == total else 99)

    how_zh, how_en = ("舍去小数", "decimals dropped") if cut else (
        "四舍五入到整数，全部完成才为100%、无一完成才为0%",
        "rounded half up to a whole number; 100% only when all are done, 0% only when none is")
    return Rule(f"{done.zh}占附件所列{noun_zh}的百分比（{how_zh}）",
                f"{done.en}, as a per cent of the {noun_en} listed in the appendix ({how_en})", percent)


for _noun, _zh, _extra in (("tasks", "整改任务", (_TASKS_REPORTED_DONE_OR_FINISHING,)), ("measures", "具体措施", ())):
    _done = RULES[f"{_noun}_done"]
    RULES[f"{_noun}_remaining"] = ClaimRule(
        _less(_zh, _noun, _done.rule), tuple(_less(_zh, _noun, alt) for alt in (*_done.alternatives, *_extra)))
    RULES[f"{_noun}_done_percent"] = ClaimRule(
        _rate(_zh, _noun, _done.rule),
        (_rate(_zh, _noun, _done.rule, cut=True), *(_rate(_zh, _noun, alt) for alt in _done.alternatives)),
        empty=(f"附件未列{_zh}，无从计算比率", f"the appendix lists no {_noun}, so there is no rate to compute"))

# 基本完成 and 序时推进 of the tasks: the appendix's own word for each task, its 整改进度 (GLOSSARY)
RULES["tasks_basically_done"] = ClaimRule(Rule(
    "整改进度为“基本完成”的任务",
    "tasks whose reported progress (整改进度) is 基本完成",
    lambda l: _n(tr for tr in l.tasks() if tr.task.reported.state is Reported.BASICALLY_DONE),
))
# (the eight provinces' 已完成或基本完成274项: one count of both, by the appendix's 整改进度 as 基本完成 is;
# what is done by the journal, with those reported 基本完成, another reading)
RULES["tasks_done_or_basically_done"] = ClaimRule(_TASKS_REPORTED_DONE_OR_FINISHING, (Rule(
    "截至报告日期限均已销号、仅长期坚持的措施均有报告，或整改进度为“基本完成”的任务",
    "tasks none of whose measures has an open milestone as of the report date, each ongoing-only one reported on, "
    "or whose reported progress is 基本完成",
    lambda l: _n(tr for tr in l.tasks() if tr.closed or tr.task.reported.state is Reported.BASICALLY_DONE),
),))
RULES["tasks_on_schedule"] = ClaimRule(Rule(
    "整改进度为“序时推进”的任务",
    "tasks whose reported progress (整改进度) is 序时推进",
    lambda l: _n(tr for tr in l.tasks() if tr.task.reported.state is Reported.ON_SCHEDULE),
))

# Counts the importer reads that the ledger holds nothing to count by (zh, en): a measure has no
# 整改进度 (only a task has), and no 整改进度 says 正在推进, which a report may mean of the 序时推进
# ones, of all unfinished or of some of them: listed as not checked, saying why, never guessed.
_NO_MEASURE_PROGRESS = ("措施没有整改进度，分不出哪些措施“{}”", "measures have no 整改进度 (only tasks do), so which are {} is not recorded")
_NO_IN_PROGRESS = ("整改进度没有“正在推进”，分不出正在推进的与其余未完成的",
                   "no 整改进度 says 正在推进, so those in progress cannot be told from the other unfinished ones")
UNCOUNTED: dict[str, tuple[str, str]] = {
    "measures_basically_done": tuple(s.format("基本完成") for s in _NO_MEASURE_PROGRESS),
    "measures_done_or_basically_done": tuple(s.format("基本完成") for s in _NO_MEASURE_PROGRESS),
    "measures_on_schedule": tuple(s.format("序时推进") for s in _NO_MEASURE_PROGRESS),
    "tasks_in_progress": _NO_IN_PROGRESS,
    "measures_in_progress": _NO_IN_PROGRESS,
}


# --------------------------------------------------------------------------- reconcile

# A figure in a claim's words: Arabic digits counting 项, 个 or per cent (46项, 33%), not a year (2018年),
# nor part of a decimal (94.5%: the value is whole, left to the curation). Grouped in thousands by one
# separator (1,234项, 1，234项, 1 234项, 12,345,678项) it is read whole; else a ， is a clause's comma
# (已完成3，4项: 4), and a figure after a , is left alone (1,23项).
_FIGURE = re.compile(rf"(?:{GROUPED_DIGITS}|(?<![0-9０-９.,])[0-9０-９]+)(?=\s*[项个%％])")  # (46 项: a space a PDF left)
_NOT_DIGIT = re.compile(r"[^0-9０-９]")
_LONGEST = 18  # digits


def _text_value(text: str, claimed: int) -> int | None:
    """The figure the claim's words give, when they give exactly one and it is not `claimed`
    (several, 45项整改任务已完成38项, or none, 四十五项, leave the value to speak)."""
    found = [_NOT_DIGIT.sub("", m.group()) for m in _FIGURE.finditer(text)]
    # (a run of thousands of digits is no count a report gives, and more than int() reads: left alone)
    if len(found) != 1 or len(found[0]) > _LONGEST or (said := int(found[0])) == claimed:
        return None
    return said


# How close a key no rule knows must be to a known one to be taken for it mistyped: a letter or two
# (task_total, measure_done: 0.95), not a claim of another kind (tasks_late against tasks_done: 0.7),
# which fails the check as a typo would.
KEY_CUTOFF = 0.85
# and at most this many letters off it: of a long key the ratio passes 0.85 a word away
# (tasks_due_2019_2020_done against tasks_due_2019_2020: 0.88), a claim of another kind
KEY_LETTERS_OFF = 2


def _letters_off(key: str, known: str) -> int:
    """How many letters `key` is off `known`, by difflib's alignment of the two (a letter swapped: 2)."""
    import difflib

    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in
               difflib.SequenceMatcher(None, key, known).get_opcodes() if tag != "equal")


def _close_key(key: str) -> str | None:
    """The known key a key no rule knows is closest to, if any is close (errors.close_matches)
    and only a letter or two off it."""
    # (and the keys of the years it names: measure_due_2021 is measures_due_2021 mistyped, as of 2018)
    years = [int(y) for y in re.findall(r"(?<!\d)\d{4}(?!\d)", key)]
    of_years = {} if not years or years[0] < 1 or len(years) > 2 or years[-1] < years[0] else \
        _rules_due(None, years[0]) if len(years) == 1 else _rules_due(years[0], years[1])
    # (and of the day it names: measure_due_2022_06_30 is measures_due_2022_06_30 mistyped)
    if day := re.search(r"(?<!\d)(\d{4})_(\d{2})_(\d{2})(?!\d)", key):
        try:
            by = date(*map(int, day.groups()))
            of_years = {**of_years, **_rules_due(None, by.year, by=by)}
        except ValueError:  # (no such day: no key of it to be close to)
            pass
    close = close_matches(key, [*RULES, *UNCOUNTED, *(k for k in of_years if k not in RULES)], most=3, cutoff=KEY_CUTOFF)
    return next((known for known in close if _letters_off(key, known) <= KEY_LETTERS_OFF), None)


def _closest(claimed: int, computed: int, alternatives: Iterable[Rule], ledger: Ledger) -> Reading | None:
    """The alternative reading nearest to the claim, if strictly nearer than the rule's value
    (first listed wins a tie)."""
    best: Reading | None = None
    best_gap = abs(computed - claimed)
    for alt in alternatives:
        value = alt.count(ledger)
        if value is None:
            continue
        gap = abs(value - claimed)
        if gap < best_gap:
            best, best_gap = Reading(alt.zh, alt.en, value), gap
    return best


def _says(report: str, words: str) -> bool:
    """Whether the report's text (as the import reads it: importer_text.report_text) says `words`,
    as written or as the import would have written them (half-width punctuation, spaced dates)."""
    return words in report or normalise(words) in report


# A count in the report's opening (3项, 45项: as claims count), not part of a decimal or of a longer number
_COUNT = re.compile(r"(?<![0-9.])[0-9]+项")
_CLAUSE_MARKS = "，。；："


def _unrecorded(report: str, texts: Iterable[str]) -> tuple[str, ...]:
    """The clauses of the report's headline (the first paragraph, a line of its text, saying 截至) holding a count
    (_COUNT) that none of the claims' words `texts` hold where the headline says them, in the headline's order.
    (Where words are said and where clauses end found once, then looked up by bisect: a long headline in linear time.)"""
    headline = next((line for line in report.split("\n") if AS_OF_WORD.search(line)), "")
    held: list[tuple[int, int]] = []  # (where each claim's words are said, every time they are)
    for text in {t for said in texts for t in (said, normalise(said)) if t}:
        held += [(m.start(), m.end()) for m in re.finditer(re.escape(text), headline)]
    held.sort()
    reach = list(itertools.accumulate((end for _, end in held), max))  # (the furthest any words from there back reach)
    starts = [start for start, _ in held]
    marks = [i for i, c in enumerate(headline) if c in _CLAUSE_MARKS]
    clauses: dict[str, None] = {}  # (each once, in the headline's order)
    for m in _COUNT.finditer(headline):
        before = bisect.bisect_right(starts, m.start()) - 1
        if before >= 0 and reach[before] >= m.end():
            continue
        after = bisect.bisect_left(marks, m.end())
        clauses[headline[marks[after - 1] + 1 if after else 0:marks[after] if after < len(marks) else len(headline)]] = None
    return tuple(clauses)


def reconcile(*, plan: Plan, journal: tuple[Entry, ...] | list[Entry], source: QuotedReport | None = None) -> ReconcileResult:
    """Check every claim of ``plan.meta.claims`` against the ledger as of the report date, and
    its words against ``source``, the report the plan names (None: none named, not checked; its
    text None: it could not be read).

    Claims without a rule come back with ``computed=None`` (shown as "no rule"), never an error;
    those the ledger gives no figure for (UNCOUNTED, a rate of none listed) with why as well; a
    key no rule knows close to one known, with that one (suggestion). A claim whose words give
    another figure than its value says so (text_value), with a rule or without.
    """
    as_of = plan.meta.report_date
    report = None if source is None else source.text
    ledger = Ledger(plan=plan, report=engine.evaluate(plan=plan, journal=journal, as_of=as_of))
    checks = []
    for claim in plan.meta.claims:
        spec = rule_for(claim.key)
        computed = None if spec is None else spec.rule.count(ledger)
        said = _text_value(claim.text, claim.value)
        quoted = None if report is None else _says(report, claim.text)
        if computed is None:
            why = UNCOUNTED.get(claim.key) if spec is None else spec.empty
            close = _close_key(claim.key) if spec is None and why is None else None
            checks.append(ClaimCheck(claim.key, claim.text, claim.value, None, None, None,
                                     why_zh=why and why[0], why_en=why and why[1], text_value=said, suggestion=close, quoted=quoted))
            continue
        alternative = None
        if computed != claim.value:
            alternative = _closest(claim.value, computed, spec.alternatives, ledger)
        checks.append(ClaimCheck(claim.key, claim.text, claim.value, computed,
                                 spec.rule.zh, spec.rule.en, alternative, text_value=said, quoted=quoted))
    # (only of claims recorded: a registry recording none says so, and that is all it can say)
    unrecorded = () if report is None or not checks else _unrecorded(report, (c.text for c in plan.meta.claims))
    return ReconcileResult(report_date=as_of, checks=tuple(checks), source=source, unrecorded=unrecorded)


def reconcile_files(*, plan: Plan, journal: tuple[Entry, ...] | list[Entry],
                    reports: Mapping[str | None, QuotedReport | None] | None = None) -> list[tuple[str | None, ReconcileResult]]:
    """`reconcile` of each report: a folder's files one by one, each file's claims against its
    own tasks and journal entries, as of its own report date (their sum would hide a file that
    overstates beside one that understates, and fault a file that makes no such claim); one
    file as it is, named None. `reports`: the report each one names, by that name (None, or a
    name left out: none named, not looked for)."""
    reports = reports or {}
    if not plan.parts:
        return [(None, reconcile(plan=plan, journal=journal, source=reports.get(None)))]
    results = []
    for name, prefix, meta in plan.parts:
        tasks = tuple(t for t in plan.tasks if t.id.startswith(prefix))
        # (the folder's settings, and the file's own immediate due date: judged as there)
        settings = replace(plan.settings, immediate_due=plan.immediate_due_of(prefix))
        own = replace(plan, meta=meta, settings=settings, tasks=tasks, parts=(), immediate_dues=())
        own_journal = [e for e in journal if e.measure.startswith(prefix)]
        results.append((name, reconcile(plan=own, journal=own_journal, source=reports.get(name))))
    return results
