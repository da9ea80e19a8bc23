"""`rectify status` and `rectify show` for people: Rich tables on a terminal.

Registry text is data: every piece of it becomes a ``rich.text.Text`` built from
``textsafe.printable`` output, never a markup string. Widths are terminal cells (Rich
measures wide characters), and only characters of unambiguous width are drawn around the
data (ASCII rules and bars), so columns stay aligned in Chinese terminals too.
"""
from __future__ import annotations

import copy
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, partial
from itertools import accumulate
from operator import attrgetter

from rich import box
from rich.cells import cell_len, set_cell_size
from rich.console import COLOR_SYSTEMS, Console, Group
from rich.measure import Measurement
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .. import engine
from ..engine import Light, MeasureResult, MilestoneResult, Retractions, Status, StatusReport, TaskResult
from ..gate import file_paths, shown_file
from ..i18n import ENTRY, LIGHT, MILESTONE, REPORTED, STATUS, Lang, label, names_listed, plural, said, word
from ..ids import unknown_item
from ..model import Deadline, Entry, EntryState, Measure, MilestoneKind, Registry
from ..registry import shown_title
from ..textsafe import PerCharacter, cut_end, line_ends, printable, shell_word
from .journal_text import (LATE_MARK, Filters, entry_words_whole, extended_late_words, extension_parts, filled_columns,
                           filter_pairs, ledger_warnings, many_files, retraction_text, worded)
from .linebreak import Paragraph, fewest_breaks_width, joined_out, shape, unbroken, widest_kept, widest_unbroken

LIGHT_STYLE = {Light.RED: "bold red", Light.YELLOW: "bold yellow", Light.GREEN: "bold green"}

# Like box.SIMPLE_HEAD, but the rule under the header is ASCII '-': box-drawing characters
# are East Asian "ambiguous" and drawn two cells wide by many Chinese terminals.
_RULE_UNDER_HEAD = box.Box(
    "    \n"
    "    \n"
    " -- \n"
    "    \n"
    "    \n"
    "    \n"
    "    \n"
    "    \n",
    ascii=True,
)

BAR_WIDTH = 30  # on a narrower terminal shorter, so that its figures stay on its line, down to:
MIN_BAR_WIDTH = 10
# Narrower still, the label goes on a line of its own and the bar, beside the figures, down to:
LEAST_BAR_WIDTH = 3  # (below it the figures go under the bar)
BAR_DONE, BAR_TODO = "#", "-"  # ASCII for the same reason as the table rule


# --------------------------------------------------------------------------- small pieces


def _cell(text: str) -> str:
    """Registry text for a cell of a status table: one line, controls escaped (_print_table
    cuts it with an ellipsis)."""
    return printable(text, single_line=True)


def _cell_text(cell: str | Text) -> _Clipped | Text:
    """A table cell as Rich takes it: text (a str cell) is cut with an ellipsis (_Clipped), not wrapped.

    Its column stays wrapable, so that Rich's collapse shrinks these (widest first) rather
    than every column evenly; the Text itself is no_wrap, so it is cut rather than wrapped."""
    return _Clipped(cell) if type(cell) is str else cell


class _Clipped:
    """One line of text that a column narrower than it cuts as _clipped does: Rich's own cut
    puts a space before the … where a wide character straddles the edge (`拉萨市生 …`)."""

    def __init__(self, text: str):
        self.text = Text(text, no_wrap=True, overflow="ellipsis")

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console, options):
        plain = self.text.plain
        yield self.text if _cells(plain) <= options.max_width else Text(
            _clipped(plain, options.max_width), no_wrap=True, overflow="ellipsis")


def _para(text: str) -> Text:
    """Registry text shown in full (in a cell wrapped by a Paragraph): _whole."""
    return Text(_whole(text))


def _whole(text: str) -> str:
    """Registry text shown in full, controls escaped, a tab one space as in a one-line cell: Rich
    expands it to the next tab stop, which the widths and line breaks of show count no cells (one
    character for one: _brackets_from's offsets hold)."""
    return printable(text).replace("\t", " ")


def _light_text(light: Light, lang: Lang) -> Text:
    return Text(word(LIGHT, light, lang), style=LIGHT_STYLE[light])


def _state_word(result: MeasureResult | TaskResult, lang: Lang, *, late_detail: bool = True) -> str:
    """Status word, with 'stale' for an ongoing measure not reported on in time; overdue says
    by how many days (逾期182天), as `check` does, the date missed going beside it (_due_cell).
    `late_detail`: of one closed late, how late (without: said under a narrow table, _late_item)."""
    if result.status == Status.OVERDUE:
        return label("status_overdue_days", lang, n=result.days_overdue)
    state = word(STATUS, engine.category(result), lang)
    if late_detail and isinstance(result, MeasureResult) and result.closed_late is not None:
        return _late_item(result, state, lang)  # (closed after its deadline: 已销号（逾期200天销号）)
    return state


def _late_item(result: MeasureResult, before: str, lang: Lang) -> str:
    """`before` (a state word, or an id under the table), then how late the measure was closed."""
    key = "status_closed_late" if result.status == Status.DONE else "status_closed_late_ongoing"
    return label(key, lang, state=before, n=result.closed_late.days)


_status_of, _stale_of = attrgetter("status"), attrgetter("stale")


def _closed_late_count(results: Iterable[MeasureResult]) -> int:
    """How many of the measures were closed after their deadline."""
    return sum(1 for mr in results if mr.closed_late is not None)


def _sep(lang: Lang) -> str:
    return "、" if lang == Lang.zh else ", "


def _owners_text(measure: Measure, lang: Lang, *, mark_lead: bool) -> str:
    """Lead unit first (marked when asked), then the others in plan order."""
    lead, *others = measure.lead_first
    first = lead + (label("show_lead_mark", lang) if mark_lead else "")
    return _sep(lang).join([first, *others])


def _due_cell(result: MeasureResult | TaskResult) -> str:
    """The earliest pending deadline (as extended): of an overdue measure, the one it missed."""
    return result.next_due.isoformat() if result.next_due else ""


def _extended_late_mark(result: MeasureResult | TaskResult, lang: Lang) -> str:
    """Beside a measure's deadline: it holds only because it was moved after it had passed."""
    return extended_late_words(result, lang) if isinstance(result, MeasureResult) else ""


def _table() -> Table:
    return Table(
        box=_RULE_UNDER_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="bold",
        highlight=False,
    )


def _count_line(title: str, parts: list[tuple[Text | str, int | str, str]], width: int) -> Paragraph:
    """The line `title name n  name n  ...` (names may be coloured Text; each pair with a bracket
    after it, "" for none), broken to `width` only between pairs (_pairs), as the header's filters
    are: a name never parted from its number (`长期坚持` / `67（…）` was); a pair wider than a line
    breaks before its bracket, kept whole where it fits one (groups_from)."""
    pairs = []
    for name, count, bracket in parts:
        plain, style = (name.plain, name.style) if isinstance(name, Text) else (name, "")
        pair = Text(unbroken(f"{plain} {count}"), style=style)
        pair.append(bracket)
        pairs.append(pair)
    return Paragraph(_pairs(title, pairs, width), groups_from=0)


def _pairs(title: str, pairs: list[Text], width: int) -> Text:
    """`title`, then `pairs` two spaces apart, a line broken only between two pairs: a name is
    never parted from its number. Lines after the first start under the first pair when the
    widest pair fits there."""
    indent = cell_len(title) if cell_len(title) + max(pair.cell_len for pair in pairs) <= width else 0
    line, used = Text(title), cell_len(title)
    for index, pair in enumerate(pairs):
        if index and used + 2 + pair.cell_len > width:
            line.append("\n" + " " * indent)
            used = indent
        elif index:
            line.append("  ")
            used += 2
        line.append_text(pair)
        used += pair.cell_len
    return line


def _bar(done: int, total: int, lang: Lang, width: int, *, late: int = 0) -> Text:
    """`完成 [####------]  2/8  25%`, as wide as fits in `width` (BAR_WIDTH at most); of `late`
    closes, `25%（其中逾期销号 1）` as show says them, the bar shorter for it down to MIN_BAR_WIDTH,
    else the clause whole on the next line (a count never parted from its words). Where even
    MIN_BAR_WIDTH leaves no room for the figures, the label on a line of its own."""
    # Floors: neither the bar nor the figure looks complete before everything is.
    percent = done * 100 // total if total else 0
    figures = f"{done}/{total}  {percent}%"
    head, tail = label("progress", lang) + " [", "]  " + figures
    clause = label("show_progress_closed_late", lang, progress="", n=late) if late else ""
    least = MIN_BAR_WIDTH
    if cell_len(head) + MIN_BAR_WIDTH + cell_len(tail) > width:
        # (a very narrow terminal: Rich wrapped the line where it found room, 50% alone on the
        # last; the label gives way first, then the figures, whole, go under the bar)
        head, least = label("progress", lang) + "\n[", LEAST_BAR_WIDTH
        if 1 + LEAST_BAR_WIDTH + cell_len(tail) > width:
            tail = "]\n" + figures
    last = cell_len(head.rsplit("\n", 1)[-1])  # (of the line the bar is on)
    # (the clause's line: the bar's, or the figures' under it)
    beside = cell_len(tail.rsplit("\n", 1)[-1] + clause) + (0 if "\n" in tail else last + MIN_BAR_WIDTH)
    under = bool(clause) and beside > width
    if not under:
        tail += clause
    cells = max(least, min(BAR_WIDTH, width - last - cell_len(tail.split("\n", 1)[0])))
    filled = cells * done // total if total else 0
    line = Text(head)
    line.append(BAR_DONE * filled, style="green")
    line.append(BAR_TODO * (cells - filled))
    line.append(tail)
    if under:
        line.append("\n" + clause.lstrip())  # (en: " (1 closed late)")
    return line


# --------------------------------------------------------------------------- big tables

# From this many rows on, a table is written row by row (_print_table). Rich lays out a row
# in 1-5 ms; the probe costs a dozen rows at most, so even the bundled ledger's 45 tasks
# (and its 179 measures: 0.3 s -> 0.08 s) gain.
FAST_ROWS = 8

# Rich's width of each character met, measured once; text holding characters that join or
# resize their neighbours (ZWJ, VS16) is measured and cut by Rich itself, each version its way.
_RICH_CELLS = PerCharacter(cell_len)


def _char_cells(text: str) -> list[int] | None:
    """Rich's width of each character of `text`; None for text Rich measures as a whole."""
    if "\u200d" in text or "\ufe0f" in text:
        return None
    return _RICH_CELLS.each(text)


def _cells(text: str) -> int:
    """cell_len(text): Rich's width of `text`. Summed per character (each measured once) where
    Rich sums it too: 100,000 distinct measure texts would each be measured afresh."""
    if text.isascii() and text.isprintable():  # (ids, dates, counts: a cell each)
        return len(text)
    widths = _char_cells(text)
    return cell_len(text) if widths is None else sum(widths)


def _clipped(text: str, cells: int) -> str:
    """`text`, wider than `cells`, cut to fit them with …: its longest start that fits in one
    cell fewer, then the … (the cell a wide character would straddle stays blank after it), with
    no space nor start of an escape of printable's before it, as textsafe.clip cuts (`甲,…`, never
    `甲, …`; `污水\\x07…`, never `污水\\x0…`)."""
    widths = _char_cells(text)
    if widths is None or 0 in widths:  # (0: a mark that goes with the character before it: Rich's versions differ)
        cut = set_cell_size(text, cells - 1)  # (Rich's cut, which may leave that blank before the …,
        while cell_len(cut) > cells - 1:  # and is wider than asked around zero-width joiners)
            cut = cut[:-1]
        return cut_end(_whole_flags(cut))
    kept = bisect_right(list(accumulate(widths)), cells - 1)
    return cut_end(_whole_flags(text[:kept]))


_FLAG_HALVES = "".join(map(chr, range(0x1F1E6, 0x1F200)))  # (regional indicators: two make a flag)


def _whole_flags(cut: str) -> str:
    """`cut` without the half of a flag it may end with: Rich counts a lone regional indicator
    one cell, terminals draw it in two, and the line would overflow by one."""
    return cut[:-1] if (len(cut) - len(cut.rstrip(_FLAG_HALVES))) % 2 else cut


def _print_table(console: Console, table: Table, rows: list[tuple[str | Text, ...]]) -> None:
    """Add `rows` to `table` and print it: the same text as Rich, faster for a big table.
    A cell is one line of text (str, see _cell_text) or a Text (in a style, say).

    Rich lays out every cell through its renderable protocol, about half a millisecond a
    row: 15 s for the 22,000 tasks of a 100,000-measure registry. But a column's width
    depends only on its widest cells, and each cell here is one line of text in one style
    (or none). So for a big table, Rich lays out the header with just the rows holding each
    column's widest cells, and one row of each combination of cell styles; every row is then
    cut and padded the way Rich does it for one line (Text.wrap: ellipsis, justify), styled
    as Rich styles a segment, and written out directly. Rich's own rendering of those rows
    checks it: if they differ, the whole table goes to Rich.
    """
    columns = table.columns
    colour = console.color_system is not None
    # (Rich colours a legacy Windows console through the Win32 API, not escape codes)
    if len(rows) < FAST_ROWS or not _plain_cells(rows, table, console) or (
            colour and (console.no_color or console.legacy_windows)):
        for row in rows:
            table.add_row(*map(_cell_text, row))
        console.print(table)
        return
    # Each cell's text, and each distinct text's width (a big table repeats many: states,
    # lights, progress, deadlines, units).
    plains = [[cell if type(cell) is str else cell.plain for cell in row] for row in rows]
    widths: dict[str, int] = {}
    for row in plains:
        for text in row:
            if text not in widths:
                widths[text] = _cells(text)
    probed = _widest_rows(plains, widths)
    styles: list = [None] * len(rows)  # per row, its cells' Styles (without colour: none)
    if colour:
        styles, firsts = _row_styles(console, rows)
        probed = sorted({*probed, *firsts})
    probe = copy.deepcopy(table)  # (still without rows: cheap)
    for index in probed:
        probe.add_row(*(_cell_text(cell.copy() if isinstance(cell, Text) else cell) for cell in rows[index]))
    with console.capture() as capture:
        console.print(probe)
    lines = capture.get().split("\n")[:-1]
    options = console.options  # (as Table.__rich_console__ lays the columns out)
    column_widths = probe._calculate_column_widths(console, options.update_width(options.max_width - probe._extra_width))
    head = lines[: len(lines) - len(probed)]
    last = len(columns) - 1
    layout = [(width - (index != last), column.justify) for index, (width, column) in enumerate(zip(column_widths, columns))]
    # (how Rich writes a styled segment on this console: escape codes, text, reset)
    render = partial(Style.render, color_system=COLOR_SYSTEMS.get(console.color_system))
    if lines[len(head):] != [_row_line(plains[index], styles[index], layout, widths, render) for index in probed]:
        for row in rows:  # Rich lays rows out otherwise than _row_line: let Rich do it all
            table.add_row(*map(_cell_text, row))
        console.print(table)
        return
    console.file.write("\n".join([*head, *map(partial(_row_line, layout=layout, widths=widths, render=render), plains, styles)]) + "\n")


def _row_styles(console: Console, rows) -> tuple[list[tuple], list[int]]:
    """Per row, the Style of each of its cells (None: plain text); and the first row of each
    combination of styles, which Rich's rendering then checks."""
    looks: dict[tuple, tuple] = {}  # the cells' style names -> their Styles
    firsts: list[int] = []
    styles = []
    for index, row in enumerate(rows):
        names = tuple("" if type(cell) is str else cell.style for cell in row)
        look = looks.get(names)
        if look is None:
            look = looks[names] = tuple(console.get_style(name) if name else None for name in names)
            firsts.append(index)
        styles.append(look)
    return styles, firsts


def _plain_cells(rows, table: Table, console: Console) -> bool:
    """Every cell is one line of text in one style that is not wrapped, justified left or
    right and cut with an ellipsis; the table and its columns add no style."""
    columns = table.columns
    if any(map(console.get_style, (table.style, *table.row_styles, *(column.style for column in columns)))):
        return False  # (a Style is false when null: Table's "none", a column's "")
    if any(column.overflow != "ellipsis" or column.justify not in ("left", "right") or column.vertical != "top" for column in columns):
        return False
    no_wrap = [column.no_wrap for column in columns]
    for row in rows:
        for cell, column_no_wrap in zip(row, no_wrap):
            if type(cell) is str:
                plain = cell
            else:
                if cell.justify is not None or cell.overflow not in (None, "ellipsis") or cell.spans:
                    return False
                if not (cell.no_wrap if cell.no_wrap is not None else column_no_wrap):
                    return False  # a cell that may wrap onto more lines
                plain = cell.plain
            if "\n" in plain or "\t" in plain or "\r" in plain:
                return False
    return True


def _widest_rows(plains: list[list[str]], widths: dict[str, int]) -> list[int]:
    """The indexes, ascending, of the rows holding each column's longest line and longest
    word (what Rich measures); `plains`: the rows' texts, `widths`: each text's cells."""
    picked: dict[int, None] = {}
    for column in zip(*plains):
        # (each the first row of the greatest, as max() over the rows gives it; measured per
        # distinct text, at C speed: a key function per cell took 0.18 s of 22,000 tasks)
        lines = list(map(widths.__getitem__, column))
        words = {text: _widest_word(text, widths) for text in dict.fromkeys(column)}
        longest = list(map(words.__getitem__, column))
        picked[lines.index(max(lines))] = picked[longest.index(max(longest))] = None
    return sorted(picked)


def _widest_word(text: str, widths: dict[str, int]) -> int:
    words = text.split()  # (on any whitespace, 　 too, as Rich splits)
    if len(words) == 1 and words[0] == text:
        return widths[text]  # one word: the common case in Chinese, already measured
    return max(map(_cells, words), default=0)


def _row_line(row: list[str], styles, layout, widths: dict[str, int], render) -> str:
    """One table row (its cells' texts) as Rich renders it: each cell cut to its column's
    width with an ellipsis and justified, in its style (`styles`: a Style or None per cell, or
    None for none at all; `render`: Style.render for the console), then its one-space padding
    (not after the last column), and the one-space rule between columns. `widths`: each
    text's cells."""
    parts = []
    for text, (width, justify) in zip(row, layout):
        length = widths[text]
        if justify == "right" and text != text.rstrip():
            text = text.rstrip()
            length = _cells(text)
        if length > width:
            text = _clipped(text, width)
            length = _cells(text)
        if length < width:
            text = " " * (width - length) + text if justify == "right" else text + " " * (width - length)
        parts.append(text)
    if styles is not None:
        parts = [text if style is None else render(style, text) for text, style in zip(parts, styles)]
    return "  ".join(parts)


# --------------------------------------------------------------------------- status

def _header(console: Console, report: StatusReport, registry: Registry, lang: Lang, today: date,
            bundled: bool = False, filters: Filters = None) -> None:
    """The title and files (`bundled`: said to be the bundled example, fallen back to), the filters
    in force, the day judged and the latest entry, a warning when the ledger has gone unreported, and
    one for each of a folder's files that has (a few; not the file of that latest entry, once the
    ledger's is given); each wrapped (Paragraph, _pairs) with no spaces left at a line's end."""
    title = [Text(printable(said(shown_title(registry.plan), lang), single_line=True), style="bold")]
    if registry.plan_files:
        files = Text(_files_shown(registry, lang, console.width), style="dim")
        if bundled:  # (not dim: the one thing a newcomer must not miss)
            files.append(label("bundled_ledger", lang))
        title.append(files)
    console.print(Paragraph(_pairs("", title, console.width)))  # (the files on a line of their own if need be)
    # (each name whole on a line, as the header's paths: 自治区住房 / 城乡建设厅 read as two units)
    pairs = [Text(pair) for pair in filter_pairs(filters, registry.plan.units, lang,
                                                 shown=lambda name: unbroken(printable(name, single_line=True)))]
    if pairs:
        console.print(Paragraph(_pairs(label("status_filters", lang), pairs, console.width)))

    as_of = Text(unbroken(f"{label('as_of', lang)} {report.as_of.isoformat()}"))
    if report.as_of != today:
        as_of.append(label("status_today_is", lang, day=today.isoformat()))
    if report.latest_entry is None:
        latest = Text(label("status_no_entries", lang))
    else:
        ago = (report.as_of - report.latest_entry).days
        counted, counted_written = (("status_days_ago", "status_days_ago_written") if report.as_of == today
                                    else ("status_days_before", "status_days_before_written"))  # (to the day judged)
        if ago == 0:
            when = label("status_same_day", lang)
        elif report.last_update is not None and report.last_update > report.latest_entry:
            # (each word of it whole: the date, and 2019-09-15有补录 never 2019-09-15有补 / 录)
            written = label("status_written_on", lang, day=report.last_update.isoformat())
            when = label(counted_written, lang, n=ago, written=" ".join(map(unbroken, written.split(" "))))
        else:
            when = label(counted, lang, n=ago)
        latest = Text(unbroken(f"{label('latest_entry', lang)} {report.latest_entry.isoformat()}") + when)
    # (a bracket kept whole where it fits a line: 最近一次记录 2019-03-10 / （早于截至日204天）, not
    # …（早于截 / 至日204天）, nor 截至 2019-09-30（今 / 天是 2019-10-08）)
    console.print(Paragraph(_pairs("", [as_of, latest], console.width), groups_from=0))

    stale, unbegun = engine.stale_files(report), engine.unbegun_files(report)
    # (a quiet file named as the header names it, and as there never broken at a slash)
    paths = {name: unbroken(printable(path, single_line=True))
             for name, path in file_paths(registry.plan_files).items()} if stale or unbegun else None
    warnings = ledger_warnings(report.last_update, report.as_of, stale, report.report_period_days, lang,
                               feedback=registry.plan.meta.feedback_date,  # (of a folder: its files' earliest)
                               paths=paths, unbegun=unbegun)
    for text in warnings:  # (a bracket kept whole where it fits a line: not （报告周期 / 90 天）)
        console.print(Paragraph(Text(text, style="bold red"), groups_from=0))


def _files_shown(registry: Registry, lang: Lang, width: int) -> str:
    """The registry's plan files for the header: their names on one line, else one a line (a
    path is never broken); of a folder of many, the folder and how many. A folder's named as check
    names them (gate.display_path), not as typed, as the warnings under it, validate and reconcile
    do; one file as typed (a link's own name, not the file it leads to: display_path's)."""
    many = many_files(registry, lang)
    if many is not None:
        return many
    files = [printable(shown_file(file, folder=registry.folder is not None), single_line=True) for file in registry.plan_files]
    one_line = names_listed(files, lang)  # (in Chinese 、, as every message listing files)
    if cell_len(one_line) <= width:
        return one_line
    return names_listed(files, lang, sep=label("check_list_sep", lang).rstrip() + "\n")


def _counts(console: Console, report: StatusReport, lang: Lang) -> None:
    measures = list(report.measures())
    tasks = report.tasks
    # How many of the measures have each status and staleness, counted at C speed (100,000s of
    # them): each light and state is a sum of these, lights by the rule of MeasureResult.light.
    kinds = Counter(zip(map(_status_of, measures), map(_stale_of, measures)))

    def lights(counted_kinds: Counter) -> list[tuple[Text, int, str]]:
        counted: Counter = Counter()
        for (status, stale), n in counted_kinds.items():
            counted[engine.light_of(status, stale)] += n
        return [(_light_text(light, lang), counted[light], "") for light in Light]

    width = console.width
    console.print(_count_line(label("status_tasks_count", lang, n=len(tasks), tasks=plural(len(tasks), "task")),
                              lights(Counter(zip(map(_status_of, tasks), map(_stale_of, tasks)))), width))
    console.print(_count_line(label("status_measures_count", lang, n=len(measures),
                                    measures=plural(len(measures), "measure")), lights(kinds), width))
    statuses: Counter = Counter()
    for (status, _), n in kinds.items():
        statuses[status] += n
    # (only an ongoing measure is stale: said inside their count, so that the states add up to the measures)
    # (none stale: nothing said of it, not 其中久未报告 0)
    stale_count = sum(n for (_, stale), n in kinds.items() if stale)
    stale = label("status_stale_of_ongoing", lang, n=stale_count) if stale_count else ""
    states: list[tuple[Text | str, int | str, str]] = [
        (word(STATUS, s, lang), statuses[s], stale if s is Status.ONGOING else "") for s in Status]
    console.print(_count_line(label("status_states", lang), states, width))
    # (a late close is no state of its own: 已销号, or 长期坚持 with its dated part closed; each is
    # one of the completed, said there as show says it, so that the states add up to the measures)
    console.print(_bar(sum(1 for m in measures if m.closed), len(measures), lang, width,
                       late=_closed_late_count(measures)))


# A free-text column narrower than this (four Chinese characters and the ellipsis) says too
# little: it is left out of the table, and a line under it says so.
MIN_FREE_CELLS = 10
# A unit or evidence column of show's history narrower than this (four Chinese characters)
# folds them a character or two a line: then both go under the note, named as `history` names them.
MIN_SIDE_CELLS = 8
# A note narrower than this (eight Chinese characters) says little: a wider entry column wraps
# its cells (_entry_width), and where it still has less, the notes go under the table (_notes_go_under).
MIN_NOTE_CELLS = 16
# ... and so does one wider than half the room beside the date, down to this: a date and the word
# after it, `2018-09-30 推进中）`, `(2018-09-30 progress`, on one line.
MIN_ENTRY_CELLS = 20


@dataclass(eq=False)  # (told apart by identity: _fitting)
class _Column:
    """A column of a status table, and how it takes a narrow terminal (_fitting): only `free`
    text (a problem, units, a measure's text) is cut, with an ellipsis, by Rich; a column that
    `gives_way` (not 0) is left out when there is no room for it, one of 2 before one of 1."""

    header: str
    cells: list[str | Text]
    justify: str = "left"
    free: bool = False
    gives_way: int = 0
    max_width: int | None = None

    @cached_property
    def room(self) -> int:
        """Cells it takes at the least: all of its widest cell (free text: up to MIN_FREE_CELLS), or
        its max_width when that cuts it."""
        texts = self._texts
        if self.free and any(_cells(text) >= MIN_FREE_CELLS for text in texts):
            return min(MIN_FREE_CELLS, self.max_width or MIN_FREE_CELLS)
        return min(max(map(_cells, texts)), self.max_width or max(map(_cells, texts)))

    @cached_property
    def least(self) -> int:
        """Cells it may be cut to: each of its texts keeps a character before the … (`逾…`, `ye…`);
        narrower, a cell would read `…` alone."""
        return max(min(_cells(text), _cells(text[:1]) + 1) for text in self._texts)

    @cached_property
    def _texts(self) -> set[str]:
        return {self.header, *(cell if type(cell) is str else cell.plain for cell in self.cells)}

    def cut(self, cells: int) -> _Column:
        """This column cut to `cells` where it is wider and that leaves each text a character."""
        return replace(self, max_width=cells) if self.least <= cells < self.room else self


def _room(columns: list[_Column]) -> int:
    """Cells a table of `columns` takes at the least (two between columns)."""
    return sum(column.room for column in columns) + 2 * (len(columns) - 1)


def _fitting(columns: list[_Column], width: int) -> list[_Column]:
    """The `columns` a table `width` cells wide shows: all that never give way, then each that
    does, the last to give way first, while it fits. (Narrower than those that never give way:
    all of them, and Rich cuts what it must.)
    Once one is left out, only free text, cut to the room left, is still shown: a narrow task table
    showed the late closes' count, the first to give way, where the deadline was left out."""
    shown = [column for column in columns if not column.gives_way]
    left_out = False
    for column in sorted((column for column in columns if column.gives_way), key=lambda column: column.gives_way):
        if (column.free or not left_out) and _room([*shown, column]) <= width:
            shown.append(column)
        else:
            left_out = True
    return [column for column in columns if column in shown]


@dataclass(frozen=True)
class _See:
    """The command the line under a narrow table names, to see what it left out: its words, and
    the pieces of it kept on a line where they fit (an option with its value, a path)."""

    command: str
    kept: tuple[str, ...] = ()


def _see(key: str, lang: Lang, given: Sequence[tuple[str, ...]], kept: tuple[str, ...] = (), **values) -> _See:
    """The command of label `key` (status_see_show, show_see_json), with the options that judged
    what the command at hand shows as its command line gave them (`given`, command_line.judging_given: -r
    PATH, --as-of DAY, --warn-days N), quoted for the shell: pasted, it shows the same ledger as of
    the same day by the same rules. `kept`: its pieces kept on a line besides those (each option
    with its value, and the value alone: a path)."""
    pieces = [" ".join(map(shell_word, piece)) for piece in given]
    kept += (*pieces, *(shell_word(piece[-1]) for piece in given if len(piece) > 1))
    return _See(label(key, lang, given="".join(f" {piece}" for piece in pieces), **values), kept)


def _print_left_out(console: Console, left_out: list[str], see: _See, lang: Lang) -> None:
    """The line under a table naming the columns it left out, and the command that shows them:
    unbroken, on a line of its own where it does not fit after them; wider than a line, broken
    between its words, but inside the pieces it keeps (-r and its path) where they fit one."""
    command = printable(see.command, single_line=True)
    text = label("status_left_out", lang, columns=_sep(lang).join(left_out), see=unbroken(command))
    at = text.index(unbroken(command))
    wholes = []
    for piece in (printable(piece, single_line=True) for piece in see.kept):  # (in `unbroken` text, character i is at 2i)
        start = command.rindex(piece)
        wholes.append((at + 2 * start, at + 2 * (start + len(piece)) - 1))
    console.print(Paragraph(text, wholes=tuple(wholes)))


def _print_columns(console: Console, columns: list[_Column], lang: Lang, see: _See) -> None:
    """The table of the `columns` that fit the console, and a line under it naming those left out
    and the command that shows them (`see`)."""
    shown = _fitting(columns, console.width)
    table = _table()
    for column in shown:
        table.add_column(column.header, justify=column.justify, no_wrap=not column.free, max_width=column.max_width)
    _print_table(console, table, list(zip(*(column.cells for column in shown))))
    left_out = [unbroken(column.header) for column in columns if column not in shown]  # (责任 / 单位 read as two)
    if left_out:
        _print_left_out(console, left_out, see, lang)


def _deadline_dates(deadline: Deadline, lang: Lang) -> str:
    """A task's deadline in few cells: its dates, else 立行立改 or 长期坚持."""
    dates = [m.due.isoformat() for m in deadline.milestones if m.kind == MilestoneKind.DATE]
    if dates:
        return " ".join(dates)
    if any(m.kind == MilestoneKind.IMMEDIATE for m in deadline.milestones):
        return label("status_deadline_at_once", lang)
    return word(MILESTONE, MilestoneKind.ONGOING, lang)


def _print_tasks(console: Console, tasks: Iterable[TaskResult], lang: Lang, see: _See, limit: int | None = None) -> None:
    """One row per task, worst first (the `limit` worst, and a line saying how many more); a
    line under the table explains LATE_MARK when a row carries it. On a narrow terminal the
    deadline is given by its dates, and the problem, then the reported state, then (beside a
    folder's long ids, 新疆维吾尔自治区:35) the count and the deadline give way, the deadline last (it
    says when a yellow row falls due; the count 1/2, less); before all of them, the count of late
    closes (逾期销号), a column only when a task has one. Narrower still (some 28 cells beside those
    ids), the days overdue and then the light: never an id."""
    every = engine.worst_first(tasks)
    results = every[:limit]
    late = [any(mr.extended_late for mr in tr.measures) for tr in results]
    closed_late = [_closed_late_count(tr.measures) for tr in results]
    deadline = label("deadline", lang)
    days: dict[int, str] = {}  # (said once for each number of days: 22,000 tasks share a few hundred)
    columns = [
        _Column(label("task", lang), [_cell(tr.id) + (LATE_MARK if mark else "") for tr, mark in zip(results, late)]),
        _Column(label("title", lang), [_cell(tr.task.title) for tr in results], free=True, gives_way=6),
        # (its widest cell, to choose between the ledger's words and the dates: a ledger repeats a few deadlines)
        _Column(deadline, [_cell(text) for text in {tr.task.deadline.text for tr in results}]),
        _Column(label("reported", lang), [word(REPORTED, tr.task.reported.state, lang) for tr in results], gives_way=5),
        _Column(label("progress", lang), [f"{tr.done_count}/{len(tr.measures)}" if tr.measures else "-" for tr in results],
                justify="right", gives_way=4),
        # (only when a task has one; blank beside the others, as days overdue are; the first to give
        # way, since the counts above the table give the whole ledger's). Whenever the bar names late
        # closes, those of tasks --limit leaves out too: else the column vanished under its count.
        *([_Column(label("status_closed_late_header", lang), [str(n) if n else "" for n in closed_late],
                   justify="right", gives_way=7)]
          if any(closed_late) or any(map(_closed_late_count, (tr.measures for tr in every[len(results):]))) else []),
        # (the last to give way, beside ids that leave them no room: named under the table rather
        # than Rich cut every column, the ids too, 新疆维吾尔自治…)
        _Column(label("light", lang), [_light_text(tr.light, lang) for tr in results], gives_way=1),
        _Column(label("status_overdue_header", lang),
                [(days.get(tr.days_overdue) or days.setdefault(tr.days_overdue, label("status_days", lang, n=tr.days_overdue)))
                 if tr.days_overdue else "" for tr in results],
                justify="right", gives_way=2),
    ]
    if _room(columns) > console.width:  # (the ledger's words, 2018年12月31日前完成，长期坚持: 30 cells)
        columns[2] = _Column(deadline, [_deadline_dates(tr.task.deadline, lang) for tr in results], gives_way=3)
    else:
        columns[2] = _Column(deadline, [_cell(tr.task.deadline.text) for tr in results], gives_way=3)
    # (no room for the light whole beside the ids: cut, `ye…`, as the measures' table cuts it)
    columns[-2] = columns[-2].cut(console.width - _room(columns[:1]) - 2)
    _print_columns(console, columns, lang, see)
    _print_omitted(console, len(every) - len(results), len(results), lang)
    if any(late):
        console.print(Paragraph(label("status_extended_late_legend", lang, mark=LATE_MARK)))


def _print_omitted(console: Console, more: int, shown: int, lang: Lang) -> None:
    """The line under a table cut by --limit, saying how many rows it left out."""
    if more:
        # (the option whole: UAX #14 may break a line after its hyphens, `--` then `limit`)
        # (--limit 1: "The worst one shown", not "The 1 worst shown")
        key = "status_limited_one" if shown == 1 else "status_limited"
        console.print(Paragraph(label(key, lang, shown=shown, more=more, option=unbroken("--limit"))))


def _print_measures(console: Console, results: Iterable[MeasureResult | TaskResult], lang: Lang, see: _See,
                    limit: int | None = None) -> None:
    """One row per measure (a task without measures stands for itself), worst first (the
    `limit` worst, and a line saying how many more); a line under the table explains LATE_MARK
    when a row carries it. On a narrow terminal, first how late a late close was (said under the
    table), then the units, then the text, then (beside a folder's long ids) the due date give way,
    then the state is cut, then the light too, and where that leaves either no character, they give way:
    never an id."""
    ids, lights, states, dues, owners, texts = [], [], [], [], [], []
    marked = False
    every = engine.worst_first(results)
    closed_late = [result for result in every[:limit] if isinstance(result, MeasureResult) and result.closed_late]
    for result in every[:limit]:
        late = isinstance(result, MeasureResult) and result.extended_late
        marked |= late
        if isinstance(result, TaskResult):  # a task without measures
            units, text = "", result.task.title
        else:
            units = _owners_text(result.measure, lang, mark_lead=False)
            text = result.measure.text
        ids.append(_cell(result.id) + (LATE_MARK if late else ""))
        lights.append(_light_text(result.light, lang))
        states.append(_state_word(result, lang))
        dues.append(_due_cell(result))
        owners.append(_cell(units))
        texts.append(_cell(text))
    columns = [
        _Column(label("measure", lang), ids),
        # (the last to give way, at 20-28 cells beside a folder's ids: named under the table rather
        # than Rich dropped the light unnamed and cut the ids, 新疆维吾尔自治区…)
        _Column(label("light", lang), lights, gives_way=1),
        _Column(label("status", lang), states, gives_way=2),
        _Column(label("status_due_column", lang), dues, gives_way=3),
        # Owners are capped so that the measure's own text keeps most of the room.
        _Column(label("owners", lang), owners, free=True, gives_way=5, max_width=max(16, console.width // 5)),
        _Column(label("status_text_column", lang), texts, free=True, gives_way=4),
    ]
    # How late a late close was gives way first (已销号（逾期127天销号）: 24 cells, beside a folder's ids
    # of 20 the light was cut): the state says 已销号, a line under the table the days.
    late_under = bool(closed_late) and _room(columns) > console.width  # (its ids unbroken, as the extended ones below)
    if late_under:
        columns[2] = replace(columns[2], cells=[_state_word(result, lang, late_detail=False) for result in every[:limit]])
    # Under some 45 cells (新疆维吾尔自治区:1.1 beside `90 days overdue`) the state is cut, with …, rather
    # than Rich cutting every column, ids and lights too; where that leaves it no character beside the …
    # (in English under 32: `yellow` is 6), the light is cut as it is, each to half the cells beside the
    # ids; narrower, the state gives way and the light is cut to the room left, and then gives way too.
    state_room = console.width - _room(columns[:2]) - 2
    beside = console.width - _room(columns[:1]) - 4
    if _room(columns[:3]) > console.width:
        if state_room >= columns[2].least:
            columns[2] = columns[2].cut(state_room)
        elif beside // 2 >= columns[1].least and beside - beside // 2 >= columns[2].least:
            columns[1], columns[2] = columns[1].cut(beside // 2), columns[2].cut(beside - beside // 2)
        else:
            columns[1] = columns[1].cut(beside + 2)
    _print_columns(console, columns, lang, see)
    _print_omitted(console, len(every) - len(ids), len(ids), lang)
    if late_under:
        items = [_late_item(result, unbroken(printable(result.id, single_line=True)), lang)
                 for result in closed_late[:EXTENDED_LISTED]]
        console.print(Paragraph(label("status_closed_late_legend", lang, items=_listed(items, len(closed_late), lang))))
    moved = [(result.id, original) for result in every[:limit] if (original := _moved_from(result)) is not None]
    if moved:
        console.print(Paragraph(label("status_measure_extended_legend", lang, items=_extended_items(moved, lang))))
    if marked:
        console.print(Paragraph(label("status_measure_extended_late_legend", lang, mark=LATE_MARK)))


# The extended rows whose plan's deadlines are listed under the measures table; those after them are counted.
EXTENDED_LISTED = 10


def _moved_from(result: MeasureResult | TaskResult) -> date | None:
    """The plan's deadline of the one a row shows (its next), when an approved extension moved it."""
    if not isinstance(result, MeasureResult) or result.next_due is None:
        return None
    return next((ms.original_due for ms in result.milestones
                 if not ms.done and ms.due == result.next_due and ms.extended), None)


def _extended_items(moved: list[tuple[str, date]], lang: Lang) -> str:
    # (each id whole with its date on a line: 新疆 | 维吾尔自治区:4.2 read as two ids, and
    # 新疆维吾尔自治区:4.2 | 2019-06-30 left a date alone at the start of a line)
    return _listed([unbroken(label("status_measure_extended_item", lang, measure=printable(measure, single_line=True),
                                   due=due.isoformat())) for measure, due in moved[:EXTENDED_LISTED]], len(moved), lang)


def _listed(items: list[str], total: int, lang: Lang) -> str:
    """`items` (the first EXTENDED_LISTED of `total`) for a line under a table, and how many more."""
    listed = _sep(lang).join(items)
    if total > len(items):
        listed = label("status_measure_extended_more", lang, items=listed, n=total - len(items))
    return listed


def _measure_rows(tasks: Iterable[TaskResult]) -> list[MeasureResult | TaskResult]:
    rows: list[MeasureResult | TaskResult] = []
    for tr in tasks:
        rows.extend(tr.measures if tr.measures else (tr,))
    return rows


def print_status(console: Console, report: StatusReport, *, registry: Registry, lang: Lang,
                 measures: bool, today: date, limit: int | None = None, bundled: bool = False,
                 given: Sequence[tuple[str, ...]] = (), filters: Filters = None) -> None:
    """Where do we stand? Header (with a warning when the ledger has gone unreported for a
    whole reporting period), counts per light and state, a completion bar, then the tasks
    (or with `measures` every measure) worst first: the `limit` worst, when given. `bundled`:
    the registry is the bundled example, no other given or found (layout.bundled_by_default).
    `given`: the options that judged it, as the command line gave them, for the show a narrow
    table names (_see). `filters`: those that selected the report (engine.select), said in the header."""
    _header(console, report, registry, lang, today, bundled, filters)
    if not report.tasks:
        console.print(Text(label("status_empty_selection", lang)))
        return
    _counts(console, report, lang)
    console.print()
    see = _see("status_see_show", lang, given)
    if measures:
        _print_measures(console, _measure_rows(report.tasks), lang, see, limit)
    else:
        _print_tasks(console, report.tasks, lang, see, limit)


# --------------------------------------------------------------------------- show


def _fields(rows: list[tuple[str, Text]], width: int) -> Table | Group:
    """Label / value pairs; long values wrap under their own column. Where the labels (`截至
    2019-03-31`, 15 cells) leave it fewer than MIN_NOTE_CELLS (a character a line at 20 columns),
    each value goes under its label, indented, and wraps at the terminal's width."""
    if width - max(cell_len(name) for name, _ in rows) - 2 < MIN_NOTE_CELLS:
        return Group(*(part for name, value in rows
                       for part in (Text(name, style="bold"), Padding(Paragraph(value), (0, 0, 0, 2), expand=False))))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for name, value in rows:
        grid.add_row(Text(name), Paragraph(value))  # (wrapped where Chinese text may break)
    return grid


def _state_text(result: MeasureResult | TaskResult, lang: Lang) -> Text:
    line = _light_text(result.light, lang)
    state = _state_word(result, lang)
    # (已销号（逾期200天销号） whole on its line: broken, 号） alone read as nothing)
    line.append("  " + (unbroken(state) if isinstance(result, MeasureResult) and result.closed_late else state))
    if result.next_due is not None:  # (of an overdue one: the deadline it missed)
        due = label("show_due" if result.status == Status.OVERDUE else "next_due", lang)
        line.append("  " + unbroken(f"{due} {result.next_due.isoformat()}"))
    elif isinstance(result, MeasureResult) and result.closed_late is not None:  # (the deadline its close missed)
        line.append("  " + unbroken(f"{label('show_due', lang)} {result.closed_late.deadline.isoformat()}"))
    line.append(_extended_late_mark(result, lang))
    return line


def _print_milestones(console: Console, milestones: Iterable[MilestoneResult], lang: Lang, see: _See) -> None:
    """The milestones table, without the columns empty in every row (原定期限, 事项); where they do
    not fit beside the status, each of their cells goes under the table, with the deadline it is of.
    `see`: the command a line under it names for the columns it leaves out."""
    milestones = list(milestones)
    dues = [ms.due.isoformat() if ms.due else word(MILESTONE, ms.kind, lang) for ms in milestones]
    originals = [ms.original_due.isoformat() if ms.extended and ms.original_due else "" for ms in milestones]
    steps = [printable(ms.label or "") for ms in milestones]
    columns = [
        _Column(label("show_kind", lang), [word(MILESTONE, ms.kind, lang) for ms in milestones]),
        _Column(label("show_due", lang), [ms.due.isoformat() if ms.due else "" for ms in milestones]),
        _Column(label("show_original_due", lang), originals, gives_way=2),
        _Column(label("show_step", lang), steps, free=True, gives_way=1),
        _Column(label("show_done", lang), [label("show_yes" if ms.done else "show_no", lang)
                                          if ms.kind != MilestoneKind.ONGOING else "" for ms in milestones]),
        _Column(label("status", lang), [word(STATUS, ms.status, lang) for ms in milestones]),
    ]
    kind, original, step, done = columns[0], columns[2], columns[3], columns[4]
    shown = _fitting([column for column in columns if column.gives_way == 0 or any(column.cells)], console.width)
    # (narrower than the table, its kind, done and state wrap, by / date, rather than Rich cut every
    # column, dates too: 2018-10…; a date is kept whole, the others their heading and widest word:
    # at 20-24 cells they read 类 / 型, Sta / tus. Narrower still, the done and then the kind column
    # are left out, and said to be: the state says 长期坚持 of an ongoing one)
    dates = [column for column in shown if column in (columns[1], original)]
    wholes = {column: max(cell_len(column.header), *(widest_unbroken(cell, console.width) for cell in column.cells))
              for column in shown if column not in dates}
    for column in (done, kind):
        if console.width < _room(dates) + sum(wholes[other] for other in shown if other in wholes) + 2 * (len(shown) - 1):
            shown.remove(column)
    narrow = _room(shown) > console.width
    widths = _wrapped_widths([column for column in shown if column not in dates], wholes,
                             console.width - _room(dates) - 2 * (len(shown) - 1)) if narrow else {}
    table = _table()
    for column in shown:
        wrap = column.free or column in widths
        table.add_column(column.header, overflow="fold" if wrap else "ellipsis", no_wrap=not wrap, width=widths.get(column))
    for row in zip(*(column.cells for column in shown)):
        table.add_row(*(Paragraph(Text(cell)) if column.free or column in widths else Text(cell)
                        for column, cell in zip(shown, row)))
    console.print(table)
    if left_out := [unbroken(column.header) for column in (kind, done) if column not in shown]:
        _print_left_out(console, left_out, see, lang)
    under = {original: "show_original_due_under", step: "show_step_under"}
    for column, key in under.items():
        if column not in shown:
            for due, cell in zip(dues, column.cells):
                if cell:
                    console.print(Paragraph(Text(label(key, lang, due=due, text=cell))))


def _wrapped_widths(columns: list[_Column], wholes: dict[_Column, int], room: int) -> dict[_Column, int]:
    """The widths of `columns`, wrapped in `room` cells (two between columns not counted): each its
    widest cell where they fit, else the widest cut to a level, none below its `wholes` (Rich cuts the
    widest first too, but to below a heading: 类 / 型)."""
    natural = {column: max(map(cell_len, column._texts)) for column in columns}

    def at(level: int) -> dict[_Column, int]:
        return {column: max(wholes[column], min(natural[column], level)) for column in columns}

    level = max((level for level in range(max(natural.values(), default=0) + 1) if sum(at(level).values()) <= room),
                default=0)
    return at(level)


def _entry_note(entry: Entry, lang: Lang) -> tuple[Text, tuple[tuple[int, int], ...], int]:
    """The note, and for an extension what it moved, why, who approved and if late; and the pieces
    of those brackets a line breaks inside only where they do not fit it (Paragraph's `wholes`):
    each part with the `；` after it, its words, its value (`…理由：资金` / `未到位；` and `批` / `准：` were cut);
    and the cells of its widest piece naming a day, which its column must hold (_history_table):
    `（2019-06-30到期的一步）`, `（2019-03-31补录）`, in an extension's brackets `2019-03-31补录）`."""
    note = _para(line_ends(entry.note))
    wholes: list[tuple[int, int]] = []
    dated = 0
    written = entry.recorded is not None  # (back-dated: the day it was written, in an extension's brackets if any)
    if entry.state == EntryState.DONE and entry.milestone is not None:  # (one step of several)
        step = _whole(label("show_brackets", lang, text=label("closed_step", lang, day=entry.milestone.isoformat())))
        note.append(step if note.plain else step.lstrip())
        dated = cell_len(step.strip())
    if entry.state == EntryState.EXTENDED:
        details = []
        if entry.to is not None:
            details.append(worded("show_extended_to", lang, entry.to.isoformat(), "day"))
        details += extension_parts(entry, lang)  # (worded as history words them)
        if entry.late:
            details.append((label("show_late", lang), "", ""))
        if entry.far_future:
            details.append((label("show_far_future", lang), "", ""))
        if written and details:  # (in these brackets, not a second pair after them)
            details.append(worded("recorded_on", lang, entry.recorded.isoformat(), "day"))
            written = False
        if details:  # the brackets label carries its own leading space where a language wants one
            opening, _, closing = worded("show_brackets", lang, "")
            sep = label("show_detail_sep", lang)
            note.append(_whole(opening if note.plain else opening.lstrip()))  # (no note: the cell starts with them)
            at = len(note.plain) - len(opening.lstrip())  # (after a space before it: where a line may break)
            for i, (before, value, after) in enumerate(details):
                start = at if i == 0 else len(note.plain)  # (the opening bracket goes with the first part)
                note.append(_whole(before))
                middle = len(note.plain)
                note.append(_whole(value + after + (sep if i < len(details) - 1 else closing)))
                wholes += [(start, len(note.plain)), (start, middle)]
                if value:  # (with what may not begin a line after it: its `；`, the closing bracket)
                    wholes.append((middle, len(note.plain)))
            if entry.recorded is not None:  # (the day written: the last part)
                dated = max(dated, cell_len(note.plain[start:].strip()))
    if written:
        mark = _whole(label("show_brackets", lang, text=label("recorded_on", lang, day=entry.recorded.isoformat())))
        note.append(mark if note.plain else mark.lstrip())
        dated = max(dated, cell_len(mark.strip()))
    return note, tuple(wholes), dated


def _brackets_from(entry: Entry) -> int:
    """Where the brackets _entry_note adds after the note begin in its cell: each is kept on a line
    where it fits one (Paragraph's groups_from), as history keeps its entries' (`…完成验收（2019-03-31`
    / `补录）` was cut); the note's own text is filled as Rich fills it."""
    return len(printable(line_ends(entry.note)))


def _history_table(console: Console, entries: Iterable[Entry], lang: Lang, *, measures: bool = False) -> Table | Group:
    """The entries' table; `measures`: with the measure of each (a task's, after its date); on a
    terminal too narrow for a note beside its entry, the notes under it."""
    entries = list(entries)
    retractions = Retractions.of(entries)
    # (wrapped at their words, never inside one: `推进` / `中）`, `推进中（已` / `撤回）`; a Paragraph drops the joiners)
    states = [entry_words_whole(word(ENTRY, entry.state, lang) + retraction_text(entry, retractions, lang), lang)
              for entry in entries]
    notes, wholes, dated = map(list, zip(*(_entry_note(entry, lang) for entry in entries)))
    sides = _sides(entries, lang)
    ids = [Text(printable(entry.measure, single_line=True)) for entry in entries] if measures else []
    # (the cells before the entry's own: its date, and its measure's id and the two cells after it)
    lead = len("2019-03-31") + (max(map(cell_len, [label("measure", lang), *(i.plain for i in ids)])) + 2 if ids else 0)
    # (a note's day in brackets is never broken where a layout holds it: beside a note of 16 cells,
    # `（2019-03-31补` / `录）`; the entry's column gives way for it, or the notes go under the table)
    need = max([MIN_NOTE_CELLS, *(cells for cells in dated if cells <= console.width)])
    entry_width = _entry_width(console, states, lang, lead, need)
    entry_cells = entry_width or max(map(cell_len, [label("journal_state", lang), *states]))
    # (a note narrower than a date ran down the page a character a line, its dates cut `20` / `18` /
    # `-1`, or was not shown at all; in 11 cells `（2018-12-31` was folded, `（` alone on a line, and in
    # 18 `（2018-2025年）》。` left `。`: each goes under the table, after its date and entry, as the
    # milestones' steps do, where it has fewer than `need` or than a piece of it needs)
    if _notes_go_under(console, notes, sides, console.width - lead - entry_cells - 4, need):
        return _history_notes_under(console, entries, ids, states, _with_sides(notes, sides, lang), wholes, lang, lead)
    # (what each note keeps whole where it fits: its words, its brackets `（2019-03-31补录）`)
    kept = [max(need, widest_kept(note.plain, console.width // 3, groups_from=_brackets_from(entry), wholes=whole))
            for entry, note, whole in zip(entries, notes, wholes)] if entry_width is None else []
    widths = None if entry_width is not None else _side_widths(console, states, kept, sides, lang, lead)
    table = _table()
    # (the journal's fields by the names and in the order `history` gives them)
    table.add_column(label("journal_date", lang), no_wrap=True)
    if ids:
        table.add_column(label("measure", lang), no_wrap=True)
    if entry_width is None:
        table.add_column(label("journal_state", lang), no_wrap=True)
    else:
        table.add_column(label("journal_state", lang), width=entry_width)
    state_cells = [Text(joined_out(state)) if entry_width is None else Paragraph(state) for state in states]
    if widths is None:  # (unit and evidence under the note)
        table.add_column(label("journal_note", lang), overflow="fold")
        for i, (entry, state, note) in enumerate(zip(entries, state_cells, _with_sides(notes, sides, lang))):
            table.add_row(Text(entry.date.isoformat()), *ids[i:i + 1], state,
                          Paragraph(note, groups_from=_brackets_from(entry), wholes=wholes[i]))
        return table
    columns = [(header, list(map(Paragraph, cells)), *widths[header]) for header, cells in sides.items()]
    # (after the unit, before the evidence, as in history)
    columns.insert(1 if label("journal_by", lang) in sides else 0, (label("journal_note", lang), [
        Paragraph(note, groups_from=_brackets_from(entry), wholes=whole)
        for entry, note, whole in zip(entries, notes, wholes)], None, None))
    for header, _, most, width in columns:
        table.add_column(header, overflow="fold", max_width=most, width=width)
    for i, (entry, state, *cells) in enumerate(zip(entries, state_cells, *(cells for _, cells, _, _ in columns))):
        table.add_row(Text(entry.date.isoformat()), *ids[i:i + 1], state, *cells)
    return table


def _notes_go_under(console: Console, notes: list[Text], sides: dict[str, list[str]], room: int, need: int) -> bool:
    """Whether the notes (with the unit and evidence that may go under them) read badly in a column
    of `room` cells: fewer than `need` (MIN_NOTE_CELLS, or their days in brackets), or fewer than a
    piece of one a line may not break inside (and that fits the terminal's width: under the table
    it would be folded too)."""
    if room < need:
        return True
    texts = [*(note.plain for note in notes), *(cell for cells in sides.values() for cell in cells)]
    # (a text that fits is not broken: uniseg only for those that are, which their Paragraph breaks anyway)
    return any(cell_len(text) > room and widest_unbroken(text, console.width) > room for text in texts)


def _with_sides(notes: list[Text], sides: dict[str, list[str]], lang: Lang) -> list[Text]:
    """The notes, each with its unit and evidence on lines under it, named as history names them."""
    for i, note in enumerate(notes):
        for header, cells in sides.items():
            if cells[i]:
                note.append(("\n" if note.plain else "") + label("history_under_row", lang, name=header, text=cells[i]))
    return notes


def _history_notes_under(console: Console, entries: list[Entry], ids: list[Text], states: list[str],
                         notes: list[Text], wholes: list[tuple[tuple[int, int], ...]], lang: Lang, lead: int) -> Group:
    """The entries' table of date, measure and entry, and under it each entry's note (with its unit
    and evidence) at full width, after the row's date, measure and entry. An entry too wide for the
    room beside the date and measure but inside a word (`close` / `d`) is left to the lines under."""
    room = console.width - lead - 2
    texts = [label("journal_state", lang), *states]
    # (its header whole; each cell whole, or wrapped in MIN_SIDE_CELLS at least, never in a word)
    with_entry = cell_len(texts[0]) <= room and all(
        min(cell_len(text), MIN_SIDE_CELLS) <= room and widest_unbroken(text, console.width) <= room for text in texts)
    table = _table()
    table.add_column(label("journal_date", lang), no_wrap=True)
    if ids:
        table.add_column(label("measure", lang), no_wrap=True)
    # (the note's room is the entry's: it wraps only where the rest of the line is too narrow for it)
    wrap = max(map(cell_len, texts)) > room
    if with_entry:
        table.add_column(label("journal_state", lang), no_wrap=not wrap, overflow="fold")
    under = []
    for i, (entry, state, note, whole) in enumerate(zip(entries, states, notes, wholes)):
        cells = [Text(entry.date.isoformat()), *ids[i:i + 1]]
        table.add_row(*cells, *([Paragraph(state) if wrap else Text(joined_out(state))] if with_entry else []))
        if note.plain or not with_entry:
            # (an entry's word whole, 销号 not 销 / 号; a retraction's long one breaks where it may)
            row = " ".join([*(cell.plain for cell in cells), unbroken(state) if cell_len(state) <= MIN_SIDE_CELLS else state])
            lead = Text(label("show_note_under", lang, row=row))
            under.append(Paragraph(lead + note, groups_from=len(lead) + _brackets_from(entry),
                                   wholes=tuple((len(lead) + at, len(lead) + end) for at, end in whole))
                         if note.plain else Text(joined_out(row)))
    return Group(table, *under)


def _sides(entries: list[Entry], lang: Lang) -> dict[str, list[str]]:
    """The unit's and the evidence's columns (header: cells), but for one empty in every entry,
    which history leaves out too."""
    headers = [label("journal_by", lang), label("journal_evidence", lang)]
    rows = [[_whole(entry.by or ""), _whole(line_ends(entry.evidence or ""))] for entry in entries]
    return {headers[i]: [row[i] for row in rows] for i in filled_columns(rows)}


def _entry_width(console: Console, states: list[str], lang: Lang, lead: int, need: int) -> int | None:
    """The width of the entry column with its cells wrapped (where a line may break) to leave the
    note `need` (MIN_NOTE_CELLS, or its days in brackets), and half the cells beside `lead`
    (MIN_ENTRY_CELLS at least); None when they leave it that on one line. A retraction's names the entry it voids, `retracted (2018-09-30
    progress note)`: at 50 columns the note had no room left; a step's close, 50 cells, left every
    note 16 of 80 columns.
    Of the widths that wrap them in as few lines, the narrowest with the fewest breaks inside a word:
    filled line by line they read `撤回误录（撤回 2018-11-01 推进` / `中）`."""
    header = cell_len(label("journal_state", lang))
    beside = console.width - lead - 4  # (the entry and the note; two cells between columns)
    room = min(beside - need, max(MIN_ENTRY_CELLS, beside // 2))
    if max(header, *map(cell_len, states)) <= room:
        return None
    # (cells alike but for their digits, as retractions of entries of other days, break alike: each
    # shape is measured once; uniseg takes a millisecond or two a cell and width)
    shapes = set(map(shape, states))
    floor = max(header, *(widest_unbroken(one, console.width) for one in shapes))
    width = fewest_breaks_width([one for one in shapes if cell_len(one) > floor], floor, max(room, floor))
    lines = (line for one in shapes for line in Paragraph(one).broken(width).plain.split("\n"))
    return max(header, *map(cell_len, lines))


def _side_widths(console: Console, states: list[str], kept: list[int], sides: dict[str, list[str]],
                 lang: Lang, lead: int) -> dict[str, tuple[int, int | None]] | None:
    """The widths of the unit and the evidence columns (`sides`: header, cells; either may be left
    out), each as (max_width, width): None when one of them would cut its header, fold its text
    narrower than MIN_SIDE_CELLS or inside a word: they go under the note.
    The note is what matters: evidence and unit are capped so that it keeps most of the room,
    and on a narrow terminal give way so that no date or number of a note is cut, nor a line of
    it starts with a closing mark or ends with an opening one, nor its brackets broken (`kept`: each
    note's widest piece kept whole, up to a third of the width: beside a whole unit, a note of 16
    cells read `（2019-03-31补` / `录）`).
    But a unit that fits beside the note's least is whole, as in history (_unit_widened)."""
    spare = console.width - lead - max(map(cell_len, [*states, label("journal_state", lang)]))
    # (a note of short pieces still keeps MIN_NOTE_CELLS: folded narrower it runs down the page)
    note_cells = max(MIN_NOTE_CELLS, *kept)
    spare -= note_cells + 8  # (two cells between columns)
    by, evidence = label("journal_by", lang), label("journal_evidence", lang)
    # (the evidence as wide as beside a unit: the room of a unit column left out is the note's)
    by_width = min(max(8, console.width // 6), max(cell_len(by), spare // 3))
    evidence_cap = max(12, console.width // 5)
    widths = {by: by_width, evidence: max(2, min(evidence_cap, spare - by_width))}
    if any(widths[header] < cell_len(header) or widths[header] < min(MIN_SIDE_CELLS, max(map(cell_len, cells)))
           for header, cells in sides.items()):
        return None
    # (a fixed width, as wide as its text up to its cap: Rich narrows the widest column, the note's, and then the others)
    shown = {header: (widths[header], min(widths[header], max(map(cell_len, [header, *cells]))))
             for header, cells in sides.items()}
    if by in sides:
        room = spare + 2 * (2 - len(sides))  # (the two cells before a column left out are the unit's)
        if evidence in sides:
            room -= min(evidence_cap, max(map(cell_len, [evidence, *sides[evidence]])))
        whole = max(cell_len(text) for text in [by, *sides[by]] if cell_len(text) <= max(room, cell_len(by)))
        if whole > by_width:  # (the evidence's room kept where no entry had any folded 自治区生态环境 / 厅 beside
            # a note of 50 cells; a fixed width, or Rich narrows the unit with the note: 西藏自治区住房和城乡 / 建设厅)
            shown[by] = (whole, whole)
    if evidence in sides:  # (and the evidence whole in the room the unit leaves, up to its cap: `patrol` / `log` was
        # folded in the 8 cells kept for a unit there was none of, beside a note of 26 that needed 18)
        room = min(evidence_cap, spare + 2 * (2 - len(sides)) - (shown[by][1] if by in sides else 0))
        whole = max(cell_len(text) for text in [evidence, *sides[evidence]] if cell_len(text) <= max(room, cell_len(evidence)))
        if whole > shown[evidence][1]:
            shown[evidence] = (whole, whole)
    # (a word wider than its column was folded inside it, Edge / Environm / ent / Bureau: under the note)
    if any(widest_unbroken(cell, console.width) > shown[header][0] for header, cells in sides.items() for cell in cells):
        return None
    return shown


def _show_measure(console: Console, report: StatusReport, mr: MeasureResult, lang: Lang, sees: dict[str, _See]) -> None:
    measure = mr.measure
    task = next(tr.task for tr in report.tasks if mr in tr.measures)
    heading = Text(f"{label('measure', lang)} {printable(measure.id, single_line=True)}", style="bold")
    console.print(heading)
    console.print(_fields([
        (label("show_text", lang), _para(measure.text)),
        (label("task", lang), Text(printable(f"{task.id} {task.title}", single_line=True))),
        (label("owners", lang), _para(_owners_text(measure, lang, mark_lead=True))),
        (f"{label('as_of', lang)} {report.as_of.isoformat()}", _state_text(mr, lang)),
        (label("show_latest_in_force", lang), Text(mr.last_entry.isoformat() if mr.last_entry else label("never", lang))),
    ], console.width))
    console.print()
    console.print(Text(label("show_milestones", lang), style="bold"))
    _print_milestones(console, mr.milestones, lang, sees["show_see_json"])
    console.print()
    console.print(Text(label("show_history", lang), style="bold"))
    if mr.written:
        console.print(_history_table(console, mr.written, lang))
    else:
        console.print(Text(label("show_no_history", lang, day=report.as_of.isoformat())))


def _show_task(console: Console, report: StatusReport, tr: TaskResult, lang: Lang, sees: dict[str, _See]) -> None:
    task = tr.task
    console.print(Text(f"{label('task', lang)} {printable(task.id, single_line=True)}", style="bold"))
    reported = word(REPORTED, task.reported.state, lang)
    if task.reported.ongoing:
        reported += label("show_brackets", lang, text=word(MILESTONE, MilestoneKind.ONGOING, lang))
    rows = [
        (label("title", lang), _para(task.title)),
        (label("show_problem", lang), _para(task.problem)),
        (label("deadline", lang), _para(task.deadline.text + _extended_late_ids(tr, lang))),
        (label("reported", lang), Text(reported)),
    ]
    if task.regions:
        rows.append((label("show_regions", lang), _para(_sep(lang).join(task.regions))))
    if tr.measures:
        progress, late = f"{tr.done_count}/{len(tr.measures)}", _closed_late_count(tr.measures)
        if late:
            progress = label("show_progress_closed_late", lang, progress=progress, n=late)
        rows.append((label("progress", lang), Text(progress)))
    rows.append((f"{label('as_of', lang)} {report.as_of.isoformat()}", _state_text(tr, lang)))
    console.print(_fields(rows, console.width))
    console.print()
    if tr.measures:
        console.print(Text(label("show_measures", lang), style="bold"))
        _print_measures(console, tr.measures, lang, sees["status_see_show"])
    else:
        console.print(Text(label("show_milestones", lang), style="bold"))
        _print_milestones(console, tr.milestones, lang, sees["show_see_json"])
    # (its measures' entries in date order, those of a day in the order of its measures)
    written = sorted((entry for mr in tr.measures for entry in mr.written), key=attrgetter("date"))
    console.print()
    console.print(Text(label("show_history", lang), style="bold"))
    if written:
        console.print(_history_table(console, written, lang, measures=True))
    else:
        console.print(Text(label("show_no_history", lang, day=report.as_of.isoformat())))


def _extended_late_ids(tr: TaskResult, lang: Lang) -> str:
    """After a task's deadline: which of its measures' deadlines hold only because they were
    moved after they had passed."""
    late = [mr.id for mr in tr.measures if mr.extended_late]
    return label("show_task_extended_late", lang, ids=_sep(lang).join(late)) if late else ""


def print_show(console: Console, report: StatusReport, item_id: str, *, registry: Registry, lang: Lang,
               given: Sequence[tuple[str, ...]] = ()) -> None:
    """Everything about one task ("18") or measure ("18.4", or "file:18.4" in a folder
    registry; an unprefixed id is accepted when only one file has it): for a measure its text,
    units, milestones, journal history (entries up to the as-of date, in date order) and state;
    for a task its texts, deadline, reported state, state, and its measures worst first.
    An unknown id raises UsageError naming the closest ids. `given`: the options that judged it,
    as the command line gave them, for the commands the lines under narrow tables name (_see; of
    its milestones: `show` of the id asked for, which finds it again, `--format json`)."""
    result = engine.find(report, item_id=item_id)
    if result is None:
        raise unknown_item(item_id, report.tasks)
    sees = {"status_see_show": _see("status_see_show", lang, given),
            "show_see_json": _see("show_see_json", lang, given, ("--format json",), id=shell_word(item_id))}
    if isinstance(result, TaskResult):
        _show_task(console, report, result, lang, sees)
    else:
        _show_measure(console, report, result, lang, sees)
