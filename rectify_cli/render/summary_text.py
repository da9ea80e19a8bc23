"""The monthly summary as plain text: no colours, no box drawing, so that it survives being
pasted into an e-mail or a Word document. Tables are tabulate's "simple" format (spaces and a
dashed rule); wide (CJK) characters are measured with wcwidth so columns line up.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import partial
from itertools import chain

from tabulate import tabulate

from ..dates import previous_month
from ..errors import ReportFormatError, UsageError
from ..gate import shown_file
from ..i18n import ENTRY, Lang, any_of, plural, problem, refusal, said, word
from ..i18n import label as _l
from ..model import file_prefix, pinned_file_name
from ..summary import Headline, MonthChange, MonthlySummary
from .. import textsafe
from ..textsafe import PerCharacter, char_width, line_ends, printable
from .check import fitted
from .journal_text import LATE_MARK, ledger_warnings, retracted_entry

# The width (display cells; a Chinese character takes 2) every table line fits by default: an A4
# line of a Chinese official document in a monospace font, about 40 characters. Not the terminal's:
# the summary is for a page, and the same command gives the same text everywhere.
PAGE_WIDTH = 80


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


# --------------------------------------------------------------------------- cells


def cell(text: str | None) -> str:
    """Registry text made safe for one table cell: control characters escaped, one line, and
    any character wcwidth cannot measure shown as an escape (so widths stay exact)."""
    if text is None:
        return ""
    text = printable(line_ends(text), single_line=True)  # (a Windows line end, CR LF, one space, as history has it)
    if text.isascii() and text.isprintable() or _MEASURABLE.all(text):
        return text  # (every character measurable: the common case, checked without a Python loop)
    return "".join(ch if char_width(ch) >= 0 else f"\\u{ord(ch):04x}" for ch in text)


_MEASURABLE = PerCharacter(lambda ch: char_width(ch) >= 0)


class Marked(str):
    """A cell (as cell() makes them) whose start, `head`, stays whole when the page cuts it: the
    step a row is about, 【2018-12-31到期的一步】, without which a close of one step reads as the
    measure's. A mark of a label too long for the page gives way, whole, to `short` (the same
    cell marked with the step's date, as a step with no label is), and that to `least`, the date
    alone, 【2018-12-31…】, where the page has no room for it: what a form leaves out is its `note`,
    said under the table."""

    head: str
    short: Marked | None = None
    least: Marked | None = None
    note: str = ""

    def __new__(cls, head: str, text: str) -> Marked:
        marked = super().__new__(cls, head + text)
        marked.head = head
        return marked


def _clip(text: str, width: int) -> str:
    """`text` cut to `width` cells, a Marked cell's head kept whole (Page.table leaves it room)."""
    if type(text) is not Marked:
        return textsafe.clip(text, width)
    return text.head + textsafe.clip(text[len(text.head):], width - textsafe.display_width(text.head))


def table(headers: list[str], rows: list[list[str]], *, right: tuple[int, ...] = ()) -> str:
    """A plain-text table, padded only between columns: no line ends in spaces (Word keeps
    them, and wraps on them, in a pasted report). Cells are text (no number parsing: "2.10"
    must not become 2.1); columns listed in `right` are right-aligned."""
    align = ["right" if i in right else "left" for i in range(len(headers))]
    text = _big_table(headers, rows, align) if len(rows) >= FAST_ROWS else None
    if text is None:
        text = tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True, colalign=align)
        text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return text


# From this many rows on, a table is laid out by _big_table rather than tabulate.
FAST_ROWS = 200
# What tabulate treats specially in a cell (lines, ANSI codes, its separating-line mark).
_SPECIAL = re.compile("[\n\r\t\x1b\x01]")


def _plain_char(ch: str) -> bool:
    """A character whose width never depends on its neighbours: no combining or joining
    mark, variation selector, emoji modifier or flag letter, conjoining jamo or control."""
    if ch.isascii():
        return ch.isprintable()
    code = ord(ch)
    if 0x1100 <= code <= 0x11FF or 0xA960 <= code <= 0xA97F or 0xD7B0 <= code <= 0xD7FF:
        return False
    category = unicodedata.category(ch)
    return (category[0] in "LNP" or category in ("Zs", "Sm", "Sc")) and char_width(ch) >= 0


_PLAIN_CHARS = PerCharacter(_plain_char)


def _big_table(headers: list[str], rows: list[list[str]], align: list[str]) -> str | None:
    """`table` laid out directly, the way tabulate's "simple" format lays out text; None when
    it can't vouch for the result.

    tabulate measures every cell two or three times with wcswidth, and `table` every line
    again: 4 s for the 50,000 rows of a 100,000-measure summary. Here each distinct cell is
    measured once, and only text whose width is the sum of its characters' is accepted, so
    a line's width is the sum of its cells'. The layout: cells stripped, each column as wide
    as its widest cell or its header plus 2, columns two spaces apart, trailing spaces cut.
    tabulate lays out a sample (the first rows and
    those with each column's widest cell) the same way, or the caller uses tabulate.
    """
    if any(len(row) != len(headers) for row in rows) or any(type(c) is not str for row in rows for c in row):
        return None
    columns = [[c.strip() for c in column] for column in zip(*rows)]
    widths: dict[str, int] = {}
    for text in dict.fromkeys(chain(headers, *columns)):  # (each distinct cell once)
        if _SPECIAL.search(text) or not _PLAIN_CHARS.all(text):
            return None
        widths[text] = textsafe.display_width(text)  # (for such text, what wcswidth says)

    def layout(some: list[list[str]], widest_cells: list[int]) -> str:
        """The header, the rule and each row of the columns `some` (stripped cells; each column's
        widest is `widest_cells` wide), padded a column at a time."""
        sizes = [max(widths[h] + 2, size) for h, size in zip(headers, widest_cells)]

        def padded(column, size: int, how: str) -> list[str]:
            if how == "left":
                return [c + " " * (size - widths[c]) for c in column]
            return [" " * (size - widths[c]) + c for c in column]

        head = "  ".join(padded([h], size, how)[0] for h, size, how in zip(headers, sizes, align)).rstrip()
        body = ["  ".join(cells).rstrip() for cells in zip(*map(padded, some, sizes, align))]
        return "\n".join([head, "  ".join("-" * size for size in sizes), *body])

    widest, widest_cells = set(), []  # (the first row of each column's widest cell, and its width)
    for column in columns:
        sizes = list(map(widths.__getitem__, column))
        widest_cells.append(max(sizes))
        widest.add(sizes.index(widest_cells[-1]))
    picked = [*range(min(20, len(rows))), *sorted(r for r in widest if r >= 20)]
    some = [[column[r] for r in picked] for column in columns]
    sample = layout(some, [max(map(widths.__getitem__, column)) for column in some])
    expected = tabulate([rows[r] for r in picked], headers=headers, tablefmt="simple", disable_numparse=True, colalign=align)
    if sample != "\n".join(line.rstrip(" ") for line in expected.split("\n")):
        return None
    return layout(columns, widest_cells)


class Page:
    """The width the summary's tables fit, and the least width that all of them laid out so far
    need (their ids, dates, numbers and state words whole, each free-text column as wide as its
    heading)."""

    def __init__(self, width: int):
        self.width = width
        self.needed = 0

    def table(self, headers: list[str], rows: list[list[str]], *, give_way: tuple[int, ...],
              right: tuple[int, ...] = (), under: tuple[str, ...] | list[str] = (),
              whole: dict[int | tuple[int, ...], list] | None = None, broken: tuple[int, ...] = ()) -> str:
        """`table` with the free-text columns `give_way` (cells as cell() makes them) clipped, with
        …, to fit the page: the widest of them gives way first (the measure text, typically, then
        the units), none below its heading; of two as wide, the first listed keeps a cell more.
        Under it, after a blank line, the notes of marks too wide for the page (Marked.short, .least), the
        lines `whole` gives a column's rows (one a row, "" for none) of the cells cut, then the
        lines `under` the section says there. A key of several columns gives one line a row where
        any of them is cut, made by a function of the columns cut (a dict: what the row shows of each).
        A column `broken` (of give_way) is never cut: a cell too wide is broken over lines instead."""
        # (tabulate's "simple" columns: at least a heading and 2 cells wide, 2 cells apart)
        heads = [textsafe.display_width(h) + 2 for h in headers]
        columns = [[c if type(c) is Marked else c.strip() for c in column] for column in zip(*rows)]
        widths: dict[str, int] = {}  # (each distinct cell measured once: a big summary repeats units)
        for text in (c for column in columns for c in column):
            if text not in widths:
                widths[text] = textsafe.display_width(text)
        fixed = sum(max([heads[i], *map(widths.__getitem__, column)]) for i, column in enumerate(columns)
                    if i not in give_way) + 2 * (len(headers) - 1)
        notes = []
        for i in give_way:  # (a mark wider than its column can be beside the others' headings: its short form)
            room = self.width - fixed - sum(heads[j] for j in give_way if j != i)
            # (room for the mark, READABLE cells of its text and the …: a mark and … alone did not
            # say whose step it was)
            long = [type(c) is Marked and c.short is not None and textsafe.display_width(c.head)
                    + min(READABLE + 1, max(1, widths[c] - textsafe.display_width(c.head))) > room
                    for c in columns[i]]
            columns[i] = [c.short if cut else c for c, cut in zip(columns[i], long)]
            # (a mark with not even a … beside it, which the page would refuse: its date alone)
            least = [type(c) is Marked and c.least is not None and textsafe.display_width(c.head) + 1 > room
                     for c in columns[i]]
            columns[i] = [c.least if cut else c for c, cut in zip(columns[i], least)]
            notes += [c.note for c, cut, cut_more in zip(columns[i], long, least) if cut or cut_more]
            widths.update((c, textsafe.display_width(c)) for c in columns[i] if c not in widths)
        for i in give_way:  # (none narrower than a head it keeps whole, and the … after it: a head alone, whole)
            heads[i] = max([heads[i], *(textsafe.display_width(c.head) + (len(c) > len(c.head))
                                        for c in columns[i] if type(c) is Marked)])
        sizes = [max([head, *map(widths.__getitem__, column)]) for head, column in zip(heads, columns)]
        self.needed = max(self.needed, fixed + sum(heads[i] for i in give_way))
        # A column of marks keeps READABLE cells of text after its widest mark, and the …, as far
        # as the other columns can give way above their headings (as _shares narrows them); on a
        # page too narrow, less: the mark and … stay the least (self.needed). 【2018-12-31到期的一步】…
        # alone did not say whose step it was.
        least = {i: heads[i] for i in give_way}
        spare = self.width - fixed - sum(least.values())
        for i in give_way:
            wish = max([textsafe.display_width(c.head) + min(READABLE + 1, widths[c] - textsafe.display_width(c.head))
                        for c in columns[i] if type(c) is Marked], default=0)
            more = max(0, min(wish - least[i], spare))
            least[i] += more
            spare -= more
        shares = _shares([sizes[i] for i in give_way], [least[i] for i in give_way], self.width - fixed)
        clipped: dict[int, dict[int, str]] = {}  # (each column's rows cut, and what each row shows)
        for i, share in zip(give_way, shares):
            if share < sizes[i] and i in broken:
                from .linebreak import wrapped  # (UAX #14, as the lines under tables: only where too narrow)

                columns[i] = [c if widths[c] <= share else "\n".join(wrapped(c, share)) for c in columns[i]]
            elif share < sizes[i]:
                rows_cut = [row for row, c in enumerate(columns[i]) if widths[c] > share]
                columns[i] = [c if widths[c] <= share else _clip(c, share) for c in columns[i]]
                clipped[i] = {row: columns[i][row] for row in rows_cut}
        cut = []  # (what a cell cut said, whole, where the column has it to say)
        for key, lines in (whole or {}).items():
            keys = key if type(key) is tuple else (key,)
            for row, line in enumerate(lines):
                where = {i: clipped[i][row] for i in keys if row in clipped.get(i, {})}
                line = line(where) if where and callable(line) else line
                if where and line:
                    cut.append(line)
        text = table(headers, [list(row) for row in zip(*columns)], right=right)
        under = [*dict.fromkeys(notes), *cut, *under]  # (a step listed twice, its label said once)
        return f"{text}\n\n" + "\n".join(under) if under else text


# The cells of text a step's row keeps after its mark where the page allows (4 Chinese characters).
READABLE = 8


def _shares(sizes: list[int], least: list[int], room: int) -> list[int]:
    """How wide each of some columns, `sizes` wide, may be to take `room` cells together: the
    widest narrowed first, none below `least` (nor above its size); of two as wide, the first
    keeps the odd cell."""
    def total(level: int) -> int:
        return sum(max(low, min(size, level)) for size, low in zip(sizes, least))

    level = max(sizes, default=0)
    while level > 0 and total(level) > room:
        level -= 1
    widths = [max(low, min(size, level)) for size, low in zip(sizes, least)]
    spare = room - total(level)
    for i, (size, width) in enumerate(zip(sizes, widths)):
        if spare > 0 and width == level < size:
            widths[i] += 1
            spare -= 1
    return widths


def _units(owners, lang: Lang) -> str:
    return ("、" if lang == Lang.zh else ", ").join(owners)


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else "—"


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --------------------------------------------------------------------------- headline


def headline_sentence(h: Headline, *, owners: tuple[str, ...], lang: Lang, scope: str = "",
                      regions: tuple[str, ...] = (), tasks: tuple[str, ...] = ()) -> str:
    """`scope`: the word for the whole territory (scope_word), when not filtered by owner, region
    or task. A group of the three (due, due later, no end date) with no task and no measure is
    left out, and so is the count that is zero of a group's two; English says "1 task, done", not
    "0 of them"."""
    if (owners or regions or tasks) and not h.measures_total:  # (a report of zeros would read as if all were well)
        return _nothing_zh(owners, regions, tasks) if lang == Lang.zh else _nothing_en(owners, regions, tasks)
    if not h.measures_total:  # (a plan of no task: every group is left out)
        return (f"截至{_cn_date(h.as_of)}，台账中没有具体措施。" if lang == Lang.zh
                else f"As of {h.as_of.isoformat()}: the ledger holds no measure.")
    return _headline_zh(h, owners, scope, regions, tasks) if lang == Lang.zh else _headline_en(h, owners, regions, tasks)


def change_sentence(c: MonthChange, *, lang: Lang, backfilled: int = 0, again_overdue: tuple[str, ...] = ()) -> str:
    """The standing against the previous month's end: the closed measures of every group (an early
    close, a 立即启动 one too: said so, as the headline's done count is of those due only) and the
    overdue ones, each from its count then to its count now (a reader checks them against last
    month's report; 仍为 / unchanged, not 增加0项), and how many of the overdue are new this month.
    `backfilled`: entries written this month that changed last month's end (said beside its date:
    last month's report, sent before them, gave other figures); `again_overdue`: the newly overdue
    back on the list as an entry of theirs was retracted, whose deadline passed long before."""
    unchanged = (c.closed, c.overdue, c.newly_overdue) == (c.closed_before, c.overdue_before, 0)
    day = _cn_date(c.as_of) if lang == Lang.zh else c.as_of.isoformat()
    when = _l("summary_change_backfilled", lang, day=day, n=backfilled) if backfilled else day
    newly = ""
    if c.newly_overdue:
        ids = _l("check_list_sep", lang).join(map(cell, again_overdue))
        why = (_l("summary_newly_overdue_retracted_all" if len(again_overdue) == c.newly_overdue
                  else "summary_newly_overdue_retracted_some", lang, ids=ids) if again_overdue else "")
        newly = _l("summary_newly_overdue", lang, n=c.newly_overdue, why=why)
    if lang == Lang.zh:
        head = f"与上月末（{when}）相比，"
        if unchanged:
            return head + "已完成和逾期未完成的具体措施均持平。"
        return (f"{head}{_from_to_zh('全部具体措施中已完成的', '已完成的具体措施', c.closed_before, c.closed)}，"
                f"{_from_to_zh('逾期未完成的具体措施', '逾期未完成的具体措施', c.overdue_before, c.overdue)}{newly}。")
    head = f"Since the end of the previous month ({when}): "
    if unchanged:
        return head + "no change in completed or overdue measures."
    return (f"{head}{_from_to_en('completed measures, due or not,', 'completed measures', c.closed_before, c.closed)}; "
            f"{_from_to_en('overdue measures', 'overdue measures', c.overdue_before, c.overdue)}{newly}.")


def _from_to_zh(noun: str, none: str, before: int, now: int) -> str:
    """`noun` from `before` to `now`; 仍无`none` where there were and are none."""
    if before == now:
        return f"{noun}仍为{now}项" if now else f"仍无{none}"
    return f"{noun}由{before}项{'增' if now > before else '减'}至{now}项"


def _from_to_en(noun: str, none: str, before: int, now: int) -> str:
    if before == now:
        return f"{noun} unchanged at {now}" if now else f"still no {none}"
    return f"{noun} {'up' if now > before else 'down'} from {before} to {now}"


def _nothing_zh(owners: tuple[str, ...], regions: tuple[str, ...], tasks: tuple[str, ...] = ()) -> str:
    of = f"{_tasks_zh(tasks)}中" if tasks else ""
    if not (owners or regions):
        return f"{_tasks_zh(tasks)}没有具体措施。"
    if not regions:
        return f"{of}{'，' if of else ''}{cell('、'.join(owners))}没有负责的具体措施。"
    by = f"、由{cell('、'.join(owners))}负责" if owners else ""
    return f"{of}没有涉及{cell('、'.join(regions))}{by}的具体措施。"


def _nothing_en(owners: tuple[str, ...], regions: tuple[str, ...], tasks: tuple[str, ...] = ()) -> str:
    if not (owners or regions):  # (each of them has none: and, not or)
        return (f"Task {cell(tasks[0])} has no measure." if len(tasks) == 1
                else f"Tasks {_each_en(tasks)} have no measure.")
    of = _tasks_en(tasks)
    if not regions:
        return f"No measure{of} is owned by {_either_en(owners)}."
    by = f" is owned by {_either_en(owners)}" if owners else ""
    return f"No measure{of} concerning {_either_en(regions)}{by}."


def _tasks_zh(tasks: tuple[str, ...]) -> str:
    return f"任务{cell('、'.join(tasks))}"


def _tasks_en(tasks: tuple[str, ...]) -> str:
    """" of task 18", " of tasks 18 and 19" (the measures of each of them), "" of none."""
    return f" of {'task' if len(tasks) == 1 else 'tasks'} {_each_en(tasks)}" if tasks else ""


def _each_en(names: tuple[str, ...]) -> str:
    """"18", "18 and 19", "18, 19 and 20": of each (a unit's measures are of any one, _either_en)."""
    return cell(names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}")


def _either_en(names: tuple[str, ...]) -> str:
    return cell(any_of(names, Lang.en))


def _headline_zh(h: Headline, owners: tuple[str, ...], scope: str, regions: tuple[str, ...] = (),
                 tasks: tuple[str, ...] = ()) -> str:
    # (whose report it is: the tasks it is of, the regions it concerns, the units owning its
    # measures, or the territory)
    whose = [*([f"{cell('、'.join(regions))}涉及"] if regions else []),
             *([f"{cell('、'.join(owners))}负责"] if owners else [])]
    who = f"{'、'.join(whose)}的" if whose else scope
    if tasks:
        who = f"{_tasks_zh(tasks)}{'中' + who if whose else '的'}"
    day = _cn_date(h.as_of)
    due = "，".join(_nonzero((h.tasks_due, _done_zh(h.tasks_due, h.tasks_due_done, "整改任务")), (
        h.measures_due, _done_zh(h.measures_due, h.measures_due_done, "具体措施")
        # (so that done + overdue + these make the due group: a deadline day is not late)
        + _due_today_zh(h))))
    groups = _nonzero((due, f"应于{day}前完成的{due}"),
                      (h.tasks_later + h.measures_later,
                       f"期限在此之后的{_counts_zh(h.tasks_later, h.measures_later)}尚未到期"),
                      (h.tasks_ongoing + h.measures_ongoing,
                       f"需要立行立改、长期坚持的{_counts_zh(h.tasks_ongoing, h.measures_ongoing)}不设完成日期"))
    # (立即启动 ones are counted above among those with no end date, those with a later step
    # among those due later: both, and only those, are "outside the due group")
    outside = h.measures_overdue_outside_due
    return (
        f"截至{day}，{who}{h.tasks_total}项整改任务、{h.measures_total}项具体措施中，{'；'.join(groups)}。"
        # (none is said 无, as a report says it, not 0项; of both, in one clause)
        + (f"目前逾期未完成的具体措施{h.measures_overdue}项" if h.measures_overdue else "目前无逾期未完成的具体措施")
        + (f"（{_which_zh(outside, h.measures_overdue)}为立即启动或分阶段完成的措施，计入上文尚未到期或不设完成日期的措施）"
           if outside else "")
        + (f"，久未报告的长期坚持措施{h.measures_stale}项" if h.measures_stale
           else "，无久未报告的长期坚持措施" if h.measures_overdue else "，也无久未报告的长期坚持措施")
        # (not only those with no end date: one closed on its date goes on as 长期坚持 too)
        + (f"（{_which_zh(h.measures_stale_dated, h.measures_stale)}为限期部分已销号、继续长期坚持的措施，"
           "计入上文应完成或尚未到期的措施）" if h.measures_stale_dated else "")
        + "。"
    )


def _headline_en(h: Headline, owners: tuple[str, ...], regions: tuple[str, ...] = (),
                 tasks: tuple[str, ...] = ()) -> str:
    whose = [*([f" concerning {_either_en(regions)}"] if regions else []),
             *([f" owned by {_either_en(owners)}"] if owners else [])]
    who = _tasks_en(tasks) + " and".join(whose) if whose or tasks else " in all"
    due = "; ".join(_nonzero((h.tasks_due, _done_en(h.tasks_due, h.tasks_due_done, "task")), (
        h.measures_due, _done_en(h.measures_due, h.measures_due_done, "measure") + _due_today_en(h))))
    groups = _nonzero((due, f"Due by that day: {due}. "),
                      (h.tasks_later + h.measures_later, f"Due later: {_counts_en(h.tasks_later, h.measures_later)}. "),
                      (h.tasks_ongoing + h.measures_ongoing, "Immediate or long-term (立行立改 / 长期坚持, no end date): "
                       f"{_counts_en(h.tasks_ongoing, h.measures_ongoing)}. "))
    outside = h.measures_overdue_outside_due
    return (
        f"As of {h.as_of.isoformat()}: {plural(h.tasks_total, 'task')} and "
        f"{plural(h.measures_total, 'measure')}{who}. {''.join(groups)}"
        f"Overdue and still open: {_none_en(h.measures_overdue, 'measure')}"
        + (f" ({_which_en(outside, h.measures_overdue)}immediate or done in steps, counted above "
           "as due later or with no end date)" if outside else "") + ". "
        f"Ongoing and not reported on in time: {_none_en(h.measures_stale, 'measure')}"
        + (f" ({_which_en(h.measures_stale_dated, h.measures_stale)}long-term once the dated part was closed, "
           "counted above as due by that day or due later)" if h.measures_stale_dated else "") + "."
    )


def _done_zh(n: int, done: int, noun: str) -> str:
    """"28项整改任务已完成25项"; of none done, 均未完成 (of one, 未完成): "已完成0项" is no report's words,
    nor "已完成13项" of 13: all done is 均已完成 (of one, 已完成)."""
    if done == n:
        return f"{n}项{noun}{'已完成' if n == 1 else '均已完成'}"
    if done:
        return f"{n}项{noun}已完成{done}项"
    return f"{n}项{noun}{'未完成' if n == 1 else '均未完成'}"


def _due_today_zh(h: Headline) -> str:
    """Of the measures due, those falling due on the day judged: 另有 beside a count done, else of
    the not done (其中, or all of them, or the one)."""
    today = h.measures_due_today
    if not today:
        return ""
    if h.measures_due_done:
        return f"（另有{today}项当日到期，尚不算逾期）"
    if h.measures_due == 1:
        return "（当日到期，尚不算逾期）"
    return "（均于当日到期，尚不算逾期）" if today == h.measures_due else f"（其中{today}项当日到期，尚不算逾期）"


def _none_en(n: int, noun: str) -> str:
    """A count in the headline's closing sentences: "none", not "0 measures"."""
    return plural(n, noun) if n else "none"


def _which_zh(some: int, of: int) -> str:
    """Which of `of` overdue measures a clause is about, `some` of them: one is no 其中."""
    return "" if of == 1 else "均" if some == of else f"其中{some}项"


def _which_en(some: int, of: int) -> str:
    """_which_zh in English: one is no "them"."""
    return "" if of == 1 else "all of them " if some == of else f"{some} of them "


def _due_today_en(h: Headline) -> str:
    """Of the measures due, those falling due on the day judged (a deadline day is not late)."""
    today = h.measures_due_today
    if not today:
        return ""
    if h.measures_due == 1:
        return " (it falls due that very day, not yet late)"
    # (of them, as 另有 is: "3 measures, 0 of them completed (3 more fall due" read as six; after
    # some completed, of the measures due: "79 of them completed (2 of them fall due" read as 2 of the 79)
    of = f"the {h.measures_due}" if h.measures_due_done else "them"
    return f" ({today} of {of} {'falls' if today == 1 else 'fall'} due that very day, not yet late)"


def _nonzero(*pairs) -> list[str]:
    """The texts of (count, text) pairs whose count is not zero (or empty)."""
    return [text for count, text in pairs if count]


def _counts_zh(tasks: int, measures: int) -> str:
    return "、".join(_nonzero((tasks, f"{tasks}项整改任务"), (measures, f"{measures}项具体措施")))


def _counts_en(tasks: int, measures: int) -> str:
    return ", ".join(_nonzero((tasks, plural(tasks, "task")), (measures, plural(measures, "measure"))))


def _done_en(n: int, done: int, noun: str) -> str:
    """"29 tasks, 25 of them completed" (已完成: closed as far as dates go, as status's bar counts
    them, not closed out, 已销号); of one, "1 task, completed" or "1 task, not completed"; of all, "all of
    them completed", as _done_zh's 均已完成."""
    if n == 1:
        return f"1 {noun}, {'completed' if done else 'not completed'}"
    return f"{plural(n, noun)}, {'all' if done == n else done or 'none'} of them completed"


# --------------------------------------------------------------------------- sections


def _closed(m: MonthlySummary, lang: Lang, page: Page) -> str | None:
    if not m.closed:
        return None
    rows = [[_iso(i.date), cell(i.measure_id), _step_text(i, lang), cell(i.lead), _evidence_cell(i.evidence)]
            for i in m.closed]
    keys = ["summary_col_date_closed", "summary_col_measure", "summary_col_text", "summary_col_lead", "summary_col_evidence"]
    give_way = (2, 4, 3)
    # (the evidence says what the close rests on: one cut to fit the page is said whole under the table,
    # and so is a file's, its row giving its name alone)
    said = [_l("summary_closed_evidence", lang, measure=cell(i.measure_id), day=_iso(i.date),
               evidence=_ended(cell(i.evidence).strip(), lang)) for i in m.closed]
    pinned = [pinned_file_name(i.evidence) is not None for i in m.closed]
    whole = {4: ["" if file else line for line, file in zip(said, pinned)]}
    # (lines under the table, whole at any width: the closes made after their deadline, as `close`
    # warned of each when it was written; why a close of an earlier month is listed)
    late = [_l("summary_closed_late", lang, measure=cell(i.measure_id), days=(i.date - i.missed).days)
            for i in m.closed if i.missed]
    under = [line for line, file in zip(said, pinned) if file]
    under += [_l("summary_closed_late_line", lang, closes=_l("check_list_sep", lang).join(late))] if late else []
    # (a close of the dated part of a 长期坚持 measure reads in its row as one done with: it is not)
    goes_on = [cell(i.measure_id) for i in m.closed if i.goes_on and not i.reopened]
    if goes_on:  # (our words and ids, no registry text: broken to the page, as 九's note is)
        under += fitted(_l("summary_closed_goes_on", lang, measures=_l("check_list_sep", lang).join(goes_on)), page.width)
    under += [_l("summary_restored", lang, measure=cell(i.measure_id), closed=i.date.isoformat(),
                 day=i.restored.isoformat()) for i in m.closed if i.restored]
    if any(i.reopened for i in m.closed):  # (a close 三 lists as undone says so here too)
        remarks = [_l("summary_reopened_on", lang, day=i.reopened.isoformat()) if i.reopened else "" for i in m.closed]
        # (in a column while it fits the page; beside a step's mark, 【2018-12-31到期的一步】, it may
        # not: then under the table, as a restored close is, rather than the month refused)
        trial = Page(page.width)
        text = trial.table([_l(k, lang) for k in [*keys, "summary_col_remark"]],
                           [[*row, remark] for row, remark in zip(rows, remarks)], give_way=give_way, under=under,
                           whole=whole)
        if trial.needed <= page.width:
            page.needed = max(page.needed, trial.needed)
            return text
        under += [_l("summary_close_line", lang, measure=cell(i.measure_id), closed=i.date.isoformat(),
                     what=_l("summary_reopened_on", lang, day=i.reopened.isoformat()))
                  for i in m.closed if i.reopened]
    return page.table([_l(k, lang) for k in keys], rows, give_way=give_way, under=under, whole=whole)




def _evidence_cell(evidence: str | None) -> str:
    """A close's evidence as a cell: a file pinned by its hash by the file's name (its path's
    start, cut, named no document)."""
    return cell(pinned_file_name(evidence) or evidence)


def _step_text(item, lang: Lang) -> str:
    """A close's measure text, as a cell; of one step (its measure stays open), marked with the
    step, as the warning section marks a step by its label."""
    if item.step_due is None:
        return cell(item.text)
    if item.step_label:
        return _marked(item.step_label, item.text, lang, measure=item.measure_id, day=item.step_due)
    step = _l("closed_step", lang, day=item.step_due.isoformat())
    return _marked(step, item.text, lang, day=item.step_due,
                   note=_l("summary_close_line", lang, measure=cell(item.measure_id), closed=item.date.isoformat(), what=step))


def _reopened(m: MonthlySummary, lang: Lang, page: Page) -> str | None:
    if not m.reopened:
        return None
    rows = [[_iso(i.date), cell(i.measure_id), cell(i.text), cell(_units(i.owners, lang)), _iso(i.closed_on),
             cell(i.note)] for i in m.reopened]
    keys = ("summary_col_date_reopened", "summary_col_measure", "summary_col_text", "summary_col_units",
            "summary_col_closed_before", "summary_col_note")
    # (the note says why, 回头看发现…: one cut to fit the page is said whole under the table)
    why = [_l("summary_reopened_why", lang, measure=cell(i.measure_id), day=_iso(i.date),
              note=_ended(cell(i.note).strip(), lang)) for i in m.reopened]
    return page.table([_l(k, lang) for k in keys], rows, give_way=(2, 5, 3), whole={5: why})


def _ended(text: str, lang: Lang) -> str:
    """Registry text as the end of a sentence: with a full stop, unless it ends with one (or ! ? …)."""
    return text if text.endswith(tuple("。！？…!?.")) else text + ("。" if lang == Lang.zh else ".")


def _overdue(m: MonthlySummary, lang: Lang, page: Page) -> str | None:
    if not m.overdue:
        return None
    days: dict[int, str] = {}  # (said once a number: 28,000 rows of a national ledger, a few hundred numbers)
    rows = [[cell(i.measure_id) + (LATE_MARK if i.extended_late else ""),
             _marked(i.label, i.text, lang, measure=i.measure_id, day=i.due),
             cell(_units(i.owners, lang)), _iso(i.due),
             days.get(i.days_overdue) or days.setdefault(i.days_overdue, _l("status_days", lang, n=i.days_overdue))]
            for i in m.overdue]
    keys = ("summary_col_measure", "summary_col_text", "summary_col_units", "summary_col_due", "summary_col_days_overdue")
    text = page.table([_l(k, lang) for k in keys], rows, give_way=(1, 2), right=(4,))
    # (its deadline was missed once before: status --measures and check mark it so, as 七 marks the extension)
    if any(i.extended_late for i in m.overdue):
        text += "\n\n" + _l("status_measure_extended_late_legend", lang, mark=LATE_MARK)
    return text


def _marked(step: str | None, text: str, lang: Lang, *, measure: str | None = None, day: date | None = None,
            note: str = "") -> str:
    """A measure's text as a cell, marked with the step a row is about when it has a label (a
    Marked cell: the mark is never clipped). `step` a label of `measure`'s step due `day`: where it is
    wider than the mark of the date, that mark stands in for it on a page too narrow, and on one
    narrower still the date alone (Page.table), the label said under the table. `note`: what a
    mark given `day` but no `measure` says under the table when cut to its date."""
    if not step:
        return cell(text)
    marked = Marked(cell(_l("step_marked", lang, step=step, text="")), cell(text).strip())
    if day is None:
        return marked
    if measure is not None:
        note = _l("summary_step_label_line", lang, measure=cell(measure), day=day.isoformat(), label=cell(step))
        short = _remarked(marked, _l("closed_step", lang, day=day.isoformat()), lang, note)
        if textsafe.display_width(short.head) < textsafe.display_width(marked.head):
            marked.short = short
    least = _remarked(marked, f"{day.isoformat()}…", lang, note)
    if textsafe.display_width(least.head) < textsafe.display_width(marked.head):
        marked.least = least
        if marked.short is not None:
            marked.short.least = least
    return marked


def _remarked(marked: Marked, step: str, lang: Lang, note: str) -> Marked:
    """`marked`'s text marked with `step` instead, `note` saying under the table what it leaves out."""
    other = Marked(cell(_l("step_marked", lang, step=step, text="")), marked[len(marked.head):])
    other.note = note
    return other


def _due_next(m: MonthlySummary, lang: Lang, page: Page) -> str | None:
    if not m.due_next_month:
        return None
    rows = [[_iso(i.due), cell(i.measure_id), _marked(i.label, i.text, lang, measure=i.measure_id, day=i.due),
             cell(_units(i.owners, lang))]
            for i in m.due_next_month]
    keys = ("summary_col_due", "summary_col_measure", "summary_col_text", "summary_col_units")
    return page.table([_l(k, lang) for k in keys], rows, give_way=(2, 3))


def _stale(m: MonthlySummary, lang: Lang, page: Page) -> str | None:
    if not m.stale:
        return None
    rows = [[cell(i.measure_id), cell(i.text), cell(_units(i.owners, lang)),
             _iso(i.last_entry) if i.last_entry else _l("summary_never_reported", lang),
             str(i.days_since)] for i in m.stale]
    keys = ("summary_col_measure", "summary_col_text", "summary_col_units", "summary_col_last_entry")
    days_to = _l("summary_col_days_to", lang, month=m.as_of.month, day=m.as_of.day,
                 month_name=_MONTHS_EN[m.as_of.month - 1][:3])
    text = page.table([*(_l(k, lang) for k in keys), days_to], rows, give_way=(1, 2), right=(4,))
    note = _never_reported_note(m.stale, lang)
    # (after a blank line, so that the table block holds table lines only)
    return f"{text}\n\n{note}" if note else text


def _never_reported_note(stale, lang: Lang) -> str | None:
    """Where the days of the rows never reported on count from: the feedback date, of each file
    (by the prefix its ids show) when a folder's files were fed back on different days."""
    feedback: dict[str, date] = {}
    for item in stale:
        if item.feedback is not None:
            feedback.setdefault(file_prefix(item.measure_id).rstrip(":"), item.feedback)
    days = set(feedback.values())
    if len(days) == 1:
        return _l("summary_never_reported_since", lang, date=days.pop().isoformat())
    if not days:
        return None
    sep = "，" if lang == Lang.zh else ", "
    return _l("summary_never_reported_since_each", lang,
              dates=sep.join(f"{cell(file)} {day.isoformat()}" for file, day in feedback.items()))


def _extensions(m: MonthlySummary, lang: Lang, page: Page) -> str | None:
    """The month's extensions, one requested after its deadline marked on its id (said under the
    table, as status says it), one confirmed far said under it, as history marks it: three dates
    leave a 60-cell page room for one free-text column."""
    if not m.extensions:
        return None
    rows = [[_iso(i.date), cell(i.measure_id) + (LATE_MARK if i.late else ""), _iso(i.from_due), _iso(i.to),
             cell(_approved_reason(i.approved_by, i.reason, lang))] for i in m.extensions]
    keys = ("summary_col_date", "summary_col_measure", "summary_col_from", "summary_col_to", "summary_col_approved_reason")
    # (the reason, after the approving unit, cut to fit the page is said whole under the table; and
    # the unit, where the row does not show it whole up to the colon after it, in the same line, as 九
    # says its unit: 自治区人民政府… was said nowhere, and 自治区生态环境厅… did not say where it ends)
    def why(item, where: dict[int, str]) -> str:
        by = cell(item.approved_by).strip() if item.approved_by else ""
        if by and where[4].startswith(_l("summary_approved_reason", lang, by=by, reason="").rstrip()):
            by = ""  # (whole in its row)
        if not item.reason:
            return _l("summary_extended_by", lang, measure=cell(item.measure_id), day=_iso(item.date), by=by) if by else ""
        return _l("summary_extended_why_by" if by else "summary_extended_why", lang, measure=cell(item.measure_id),
                  day=_iso(item.date), reason=_ended(cell(item.reason).strip(), lang), **({"by": by} if by else {}))
    # (one confirmed far, as history marks it, said under the table: the mark beside the date raised
    # the narrowest page from 60 cells to 74; an unconfirmed far date, mistyped perhaps, has no line)
    far = [_l("summary_extended_far", lang, measure=cell(i.measure_id), to=_iso(i.to),
              mark=_l("written_far_flag", lang)) for i in m.extensions if i.far_future]
    text = page.table([_l(k, lang) for k in keys], rows, give_way=(4,),
                      whole={4: [partial(why, i) for i in m.extensions]}, under=far)
    if any(i.late for i in m.extensions):  # (after a blank line, so that the table block holds table lines only)
        text += "\n\n" + _l("status_measure_extended_late_legend", lang, mark=LATE_MARK)
    return text


def _backfilled_item(item, lang: Lang) -> str:
    """An entry of the 补录 line, a late close or a late extension flagged as such."""
    flag = (_l("summary_backfilled_days_late", lang, days=item.late_days) if item.late_days
            else _l("show_late", lang) if item.late_request else None)
    fields = {"measure": cell(item.measure_id), "what": word(ENTRY, item.state, lang),
              "date": item.date.isoformat(), "recorded": item.recorded.isoformat()}
    return (_l("summary_backfilled_item_flagged", lang, flag=flag, **fields) if flag
            else _l("summary_backfilled_item", lang, **fields))


def _approved_reason(by: str | None, reason: str | None, lang: Lang) -> str:
    """Who approved an extension, then why (either may be missing)."""
    if by and reason:
        return _l("summary_approved_reason", lang, by=by, reason=reason)
    return by or reason or ""


def _retractions(m: MonthlySummary, lang: Lang, page: Page) -> str:
    """The month's retractions: each with the entry it voids (its state and date) and why, and
    under them what a retraction means."""
    entries = [_retracted_cell(i, lang) for i in m.retractions]
    rows = [[_iso(i.date), cell(i.measure_id), entry, cell(i.note), cell(i.by)] for i, entry in zip(m.retractions, entries)]
    keys = ("summary_col_date", "summary_col_measure", "summary_col_retracted", "summary_col_note", "summary_col_by")
    give_way = (3, 4, 2)
    if not any(row[4] for row in rows):  # (a unit column none filled is left out, as history leaves it)
        rows, keys, give_way = [row[:4] for row in rows], keys[:4], (3, 2)
    # The note says what the mistake was; the unit, who wrote the retraction: either cut to fit the
    # page is said whole in the one line under the table. Not the entry giving way to the unit
    # first: at 60 cells an entry cut to its date and state left By 12 cells (14 in Chinese), too few
    # for 自治区生态环境厅 (16), cut all the same, and its step is said under the table anyway.
    def why(item, where: dict[int, str]) -> str:
        by = {"by": cell(item.by)} if 4 in where else {}
        return _l("summary_retracted_by" if by else "summary_retracted_why", lang, measure=cell(item.measure_id),
                  day=_iso(item.date), note=_ended(cell(item.note).strip(), lang), **by)
    steps = [_l("summary_close_line", lang, measure=cell(i.measure_id), closed=_iso(i.target_date),
                what=_l("closed_step", lang, day=i.milestone.isoformat())) if len(entry) > len(entry.head) else ""
             for i, entry in zip(m.retractions, entries)]
    # (what a retraction means, under the table as other sections' notes are, after a blank line;
    # our own sentence, no registry text, so broken to the page: in English it was 80 cells)
    whole = {(3, 4): [partial(why, i) for i in m.retractions], 2: steps}
    return (page.table([_l(k, lang) for k in keys], rows, give_way=give_way, whole=whole) + "\n\n"
            + "\n".join(fitted(_l("summary_retractions_note", lang), page.width)))


def _retracted_cell(item, lang: Lang) -> Marked:
    """The entry a retraction voids, its date and state kept whole (2019-03-31 销号), the step a
    close was of, （2018-12-31到期的一步）, giving way to the page (said whole under the table)."""
    head = retracted_entry(item.state, None, item.target_date, lang)
    return Marked(head, retracted_entry(item.state, item.milestone, item.target_date, lang)[len(head):])


def _unit_table(m: MonthlySummary, lang: Lang, page: Page) -> str | None:
    if not m.units:
        return None
    rows = [[cell(r.unit), str(r.open), str(r.overdue), str(r.due_soon), str(r.stale)] for r in m.units]
    headers = [_l(k, lang) for k in ("summary_col_unit", "summary_col_open", "summary_col_overdue")]
    due_soon = _l("summary_col_due_soon", lang, days=m.warn_days) if m.warn_days else _l("summary_col_due_that_day", lang)
    headers += [due_soon, _l("summary_col_stale", lang)]
    # (the unit is the row's name: cut, nine rows of an English page 60 wide read 自治区…)
    return page.table(headers, rows, give_way=(0,), right=(1, 2, 3, 4), broken=(0,))


# --------------------------------------------------------------------------- render


def _names_line(key: str, names: tuple[str, ...], lang: Lang, width: int) -> list[str]:
    """The line `key` naming `names` (units, regions, tasks), in lines of `width` cells broken between them."""
    from .linebreak import joined_out, unbroken  # (as check imports them: off the start-up)

    lines = fitted(_l(key, lang, names=_units([unbroken(cell(name)) for name in names], lang)), width)
    return [joined_out(line) for line in lines]


def _head(head: str | None, lang: Lang) -> str:
    return cell(head) if head else _l("never", lang)


def render(monthly: MonthlySummary, *, lang: Lang, width: int = PAGE_WIDTH, paths=None) -> str:
    """The whole summary, ending with a newline, each table line at most `width` cells (prose is
    left whole, for the word processor to wrap). UsageError when a table cannot be that narrow.
    `paths`: a folder's plan files by their names in it, as status names them (gate.file_paths)."""
    m = monthly
    page = Page(width)
    scope = m.scope
    if lang == Lang.zh:
        next_month = f"{m.next_first.year}年{m.next_first.month}月"
    else:
        next_month = f"{_MONTHS_EN[m.next_first.month - 1]} {m.next_first.year}"

    lines = [
        cell(said(m.title, lang)),
        _l("summary_title", lang, year=m.first.year, month=m.first.month, month_name=_MONTHS_EN[m.first.month - 1]),
    ]
    # (whose report it is: on a page too narrow, broken between the names, none cut in two)
    if m.owners:
        lines += _names_line("summary_owners" if len(m.owners) > 1 else "summary_owner", m.owners, lang, width)
    if m.regions:
        lines += _names_line("summary_regions" if len(m.regions) > 1 else "summary_region", m.regions, lang, width)
    if m.tasks:
        lines += _names_line("summary_tasks" if len(m.tasks) > 1 else "summary_task", m.tasks, lang, width)
    # (a month not over says so in brackets, 65 cells with the period, 74 in English: on a line of
    # their own where the page is narrower)
    lines += fitted(_l("summary_period", lang, first=m.first.isoformat(), last=m.last.isoformat())
                    + (_l("summary_month_not_over", lang, day=m.as_of.isoformat()) if m.month_not_over else ""),
                    width, groups=True)

    sections = [
        (_l("summary_s1", lang), "\n".join([headline_sentence(m.headline, owners=m.owners, lang=lang, scope=scope,
                                                              regions=m.regions, tasks=m.tasks),
                                            # (of a summary with measures: none has no change to tell)
                                            *([change_sentence(m.change, lang=lang, backfilled=m.change_backfilled,
                                                               again_overdue=m.newly_overdue_retracted)]
                                              if m.change is not None and m.headline.measures_total else []),
                                            *ledger_warnings(m.last_update, m.as_of, m.quiet_files,
                                                             m.report_period_days, lang, feedback=m.feedback,
                                                             paths=paths, unbegun=m.unbegun_files)])),
        (_l("summary_s2", lang), _closed(m, lang, page)),
        (_l("summary_s3", lang), _reopened(m, lang, page)),
        (_l("summary_s4", lang), _overdue(m, lang, page)),
        (_l("summary_s5", lang, next=next_month) if m.next_first.day == 1 else
         _l("summary_s5_from", lang, first=m.next_first.isoformat(), last=m.next_last.isoformat()), _due_next(m, lang, page)),
        (_l("summary_s6", lang, days=m.report_period_days), _stale(m, lang, page)),
        (_l("summary_s7", lang), _extensions(m, lang, page)),
    ]
    units = _unit_table(m, lang, page)
    if units is not None and m.units_quiet:
        # After a blank line, so that the table block holds table lines only.
        units += "\n\n" + _l("summary_quiet", lang, n=len(m.units_quiet))
    elif units is None and m.units_quiet:  # (one is named: "1个责任单位均无…" said 均 of one)
        units = (_l("summary_one_quiet", lang, unit=cell(m.units_quiet[0])) if len(m.units_quiet) == 1
                 else _l("summary_all_quiet", lang, n=len(m.units_quiet)))
    sections.append((_l("summary_s8", lang), units))

    for number, (heading, body) in enumerate(sections, start=1):
        lines += ["", heading, body if body is not None else _l(f"summary_none_s{number}", lang)]
    if m.retractions:  # (entries of this month or before voided as recorded by mistake: not 回头看)
        lines += ["", _l("summary_retractions", lang, n=len(m.retractions)), _retractions(m, lang, page)]
    if m.backfilled:  # (what changed the summaries of months before this one)
        sep = "；" if lang == Lang.zh else "; "
        last_month = previous_month(m.first)[0]  # (m.first is no 0001-01-01: an entry is dated before it)
        key = "summary_backfilled_last_month" if min(i.date for i in m.backfilled) >= last_month else "summary_backfilled"
        lines += ["", _l(key, lang, n=len(m.backfilled), items=sep.join(
            _backfilled_item(i, lang) for i in m.backfilled))]
    if page.needed > width:
        raise refusal(UsageError, "summary_width", width=width, needed=page.needed)
    # One line per journal, each named by its file as `record` and `verify` name it (gate.shown_file:
    # journal_heads are a folder's), and under a head that covers entries dated after the month, how many.
    heads = ([f"{_head(head, lang)}  {cell(shown_file(journal, folder=True))}" for journal, head in m.journal_heads]
             or [_head(m.head_hash, lang)])
    lines.append("")
    for text, later in zip(heads, (*m.heads_cover_later, *[0] * len(heads))):
        lines.append(_l("summary_head", lang, hash=text))
        if later:
            lines.append(_l("summary_head_covers_later", lang, n=later))
    return "\n".join(lines) + "\n"


def summary_heads(text: str, *, filename: str) -> tuple[tuple[str, str | None], ...]:
    """The heads a summary as saved prints (render's last lines), each with the journal its line
    names (a folder's; None of one file's), from its head lines only, by their label in either
    language: a note under a table may quote an entry's hash whole. A line of 无/none (no entry by
    then) gives none. ReportFormatError, naming the file, when it has no head line, or the line of a
    hash cut short."""
    from ..chain import HASH

    leads = {_l("summary_head", lang, hash="\0").partition("\0")[0].rstrip() for lang in Lang}
    nones = {_l("never", lang) for lang in Lang}
    heads, seen = [], False
    for number, line in enumerate(text.split("\n"), 1):  # (lines as an editor numbers them: decode_text made \r\n \n)
        line = line.strip()
        lead = next((each for each in leads if line.startswith(each)), None)
        if lead is None:
            continue
        seen = True
        given, *journal = line[len(lead):].split(None, 1) or [""]  # (a folder's: the journal after two spaces)
        if given in nones:
            continue
        if not HASH.fullmatch(given.lower()):
            raise ReportFormatError(problem(filename, number, None, "summary_head_cut_short", given=given))
        heads.append((given.lower(), journal[0].strip() if journal else None))
    if not seen:
        raise ReportFormatError(problem(filename, None, None, "summary_no_head"))
    return tuple(heads)
