"""`rectify check` output: one layout per format, chosen by name in :func:`render`.

A layout renders in two steps: `pieces` renders each listed item (failing, then warnings) on
its own, and `assemble` puts the pieces of all items together with the verdict, as UTF-8. So a
big check can render its items in several processes at once and merge them in order
(check_job.py); `render` does both steps in one. Pieces are JSON values, or UTF-8 bytes, to
travel between processes.

Shared here: the short phrases every format uses (light word, "逾期89天", the total line), so
that text, annotations, JUnit and SARIF say the same thing. The machine formats live in
check_machine.py (json, junit, sarif); the human and CI-log formats (text, github, markdown)
here.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import NamedTuple

from ..engine import Status
from ..gate import FAILURE, CheckItem, CheckResult, Verdict, stale_days
from ..i18n import LIGHT, STATUS, Lang, any_of, label, word
from ..states import CHECK_FORMATS
from ..textsafe import clip, display_width, line_ends, printable, shell_word
from .journal_text import (LATE_MARK, Filters, entry_kind, extended_late_ends, extended_late_words, feedback_notes,
                           filter_pairs)

SHORT_CELLS = 30  # display cells of measure text shown on one line
# Lines of the text report fit a terminal's width (a longer line wraps there and breaks the
# columns), and 80 cells elsewhere: a CI job's log or a file has no width of its own and is
# read in viewers, pagers and diffs set to 80. A wider terminal gets no longer lines: the text
# is cut to SHORT_CELLS where items are rendered, before the width is known (check_job).
LOG_WIDTH = 80
# A measure's text cut narrower than this (two thirds of SHORT_CELLS) says little: the words
# marking a late extension give way to it first, to LATE_MARK on the id, as status marks it.
MIN_TEXT_CELLS = 20
# A unit or a text cut narrower than this (four Chinese characters and …) says nothing: on a
# terminal that leaves one of them less, both go on lines of their own under their measure, as
# history puts a note under its entry (at 40 columns: `自治区…  自治区住…`).
MIN_BESIDE_CELLS = 10
# display cells of the units column: padded to its widest cell, one long list of units would
# push every line's text some 300 cells to the right
UNITS_CELLS = 30
ANNOTATION_CAP = 10  # GitHub shows at most 10 annotations of each level per step
# GitHub drops a step summary over 1 MiB (1,048,576 bytes) whole: the table stops short of
# it, less what the step wrote to the summary before (summary_bytes_left), leaving room for
# what it writes after.
SUMMARY_BYTES = 1_000_000


# --------------------------------------------------------------------------- shared phrases


def shorten(text: str, limit: int = SHORT_CELLS) -> str:
    """`text` cut to at most `limit` cells, ending with … when cut."""
    return clip(text, limit)


def one_line(text: str) -> str:
    """Registry text made safe for a single line of plain output."""
    return printable(text, single_line=True)


def short_text(item: CheckItem) -> str:
    return shorten(one_line(item.result.measure.text))


def owners_text(item: CheckItem, lang: Lang) -> str:
    """The measure's units, the lead first, as status, show and summary name them."""
    return label("check_list_sep", lang).join(one_line(o) for o in item.result.measure.lead_first)


def detail(item: CheckItem, as_of, lang: Lang) -> str:
    """What is wrong, briefly: "逾期89天", "2019-04-15到期", "274天未报告"; marked
    "2019-04-15到期（逾期后延期）" when a pending deadline holds only because it was moved after
    it had passed (as status marks it; "（另一期限逾期后延期）" when that is another step's)."""
    return _state_detail(item, as_of, lang) + extended_late_words(item.result, lang)


def _state_detail(item: CheckItem, as_of, lang: Lang) -> str:
    result = item.result
    if result.status == Status.OVERDUE:
        return label("check_overdue_days", lang, n=result.days_overdue)
    if result.status == Status.DUE_SOON and result.next_due is not None:
        return label("check_due_on", lang, date=result.next_due.isoformat())
    if result.stale:
        days = stale_days(item, as_of)
        return label("check_stale_days" if result.last_entry else "check_never_reported", lang, n=days)
    return word(STATUS, result.status, lang)


def shown_id(item: CheckItem) -> str:
    """The measure's id as printed: a folder's ids carry a plan file's name (NAME:1.1)."""
    return one_line(item.id)


def title(item: CheckItem, as_of, lang: Lang) -> str:
    """A one-line heading for an annotation or a JUnit failure: "1.1 逾期89天"."""
    return f"{shown_id(item)} {detail(item, as_of, lang)}"


def body(item: CheckItem, as_of, lang: Lang) -> str:
    """Several lines about one measure: its text, units, due date and latest journal entry."""
    result = item.result
    colon = label("check_colon", lang)
    lines = [f"{label('measure', lang)} {shown_id(item)}{colon}{one_line(result.measure.text)}",
             f"{label('owners', lang)}{colon}{owners_text(item, lang)}"]
    if result.next_due is not None:
        lines.append(f"{label('check_due', lang)}{colon}{result.next_due.isoformat()}")
    if result.entries:
        last = result.entries[-1]
        # (a close of one step says which, as history does: "closed" beside "overdue" read as a contradiction)
        latest = f"{last.date.isoformat()} {entry_kind(last.state, last.milestone, lang)}"
        if last.note:
            # (a Windows line end, CR LF, one space, as history shows it)
            latest = label("check_entry_note", lang, entry=latest, note=one_line(line_ends(last.note)))
    else:
        latest = label("never", lang)
    lines.append(f"{label('show_latest_in_force', lang)}{colon}{latest}")
    return "\n".join(lines)


def _rule_word(rule: str, lang: Lang) -> str:
    return word(STATUS, rule, lang)


def total_line(verdict: Verdict, lang: Lang) -> str:
    """The verdict: "1 项措施逾期（共 8 项）" / "1 of 8 measures fail (overdue)", or all clear."""
    date = verdict.as_of.isoformat()
    if not verdict.failing:
        if verdict.total == 0:
            return label("check_nothing_selected", lang, date=date)
        # ("overdue, due soon or stale": the "or" once, before the last; 、 throughout in Chinese)
        words = [_rule_word(r, lang) for r in verdict.fail_on]
        what = any_of(words, lang)
        # (均, "all of them", is for several: of one measure, "1 项措施无逾期")
        return label("check_one_clear" if verdict.total == 1 else "check_all_clear", lang, date=date,
                     total=verdict.total, what=what)
    counts = [(rule, n) for rule, n in zip(verdict.fail_on, verdict.failing_by_rule) if n]
    if len(counts) == 1:
        return label("check_total_single", lang, n=verdict.failing, total=verdict.total,
                     what=_rule_word(counts[0][0], lang))
    what = label("check_list_sep", lang).join(
        label("check_rule_count", lang, what=_rule_word(rule, lang), n=n) for rule, n in counts)
    return label("check_total_multi", lang, n=verdict.failing, total=verdict.total, what=what)


def notices(verdict: Verdict, lang: Lang) -> list[str]:
    """What the check notes that is no finding: judged before the feedback, of the ledger or of a
    folder's files, that rectification had not begun (as status's header says it)."""
    return feedback_notes(verdict.as_of, verdict.feedback, verdict.unbegun, lang)


def filters_line(filters: Filters, units, lang: Lang, shown: Callable[[str], str] = one_line) -> str:
    """The filters in force, as status's header says them ("筛选条件：责任单位 拉萨市  任务 1"), each
    name as `shown` makes it (a format's escape); "" when none was given (nothing is said)."""
    pairs = filter_pairs(filters, units, lang, shown)
    return label("status_filters", lang) + "  ".join(pairs) if pairs else ""


# --------------------------------------------------------------------------- layouts


class Layout(NamedTuple):
    """One output format in two steps (see the module's docstring)."""

    # (items of one group, failing or warnings, worst first; as_of; lang) -> a piece per item
    pieces: Callable[..., list]
    # (verdict, failing pieces, warning pieces, worst first; lang) -> the whole output, UTF-8
    assemble: Callable[..., bytes]


# --------------------------------------------------------------------------- text


def text_pieces(items: Sequence[CheckItem], *, as_of, lang: Lang) -> list[list]:
    """Per item, its cells (id, light, detail, units, short text) then their display widths,
    which the columns are padded and cut to."""
    pieces = []
    for item in items:
        cells = [shown_id(item), word(LIGHT, item.result.light, lang), detail(item, as_of, lang),
                 shorten(owners_text(item, lang), UNITS_CELLS), short_text(item)]
        pieces.append([*cells, *map(display_width, cells)])
    return pieces


def line_width(*, to_terminal: bool = True) -> int:
    """The cells a line of the text report may take: the terminal's, else LOG_WIDTH; COLUMNS when
    set. `to_terminal` False: for a file (check -o), whatever terminal the command runs on, as
    `> FILE` would have it."""
    from ..console import columns_width, terminal_width

    return (terminal_width() if to_terminal else columns_width()) or LOG_WIDTH


def _rows(pieces: Sequence[list], width: int, lang: Lang) -> list[str]:
    """Aligned lines of at most `width` cells: the id, light and detail columns padded by cells
    to the widest of `pieces`; the units and the text share the rest (_shares), or go under
    their measure where that leaves either under MIN_BESIDE_CELLS (_folded)."""
    if not pieces:
        return []
    widths, units, text_cells = _shares(pieces, width)
    widest = [max(piece[i] for piece in pieces) for i in (8, 9)]  # (units, text)
    if any(cells < min(MIN_BESIDE_CELLS, most) for cells, most in zip((widths[3], text_cells), widest)):
        return _folded(pieces, widths, width, lang)
    return ["  ".join([*(piece[i] + " " * (widths[i] - piece[5 + i]) for i in range(3)),
                       unit + " " * (widths[3] - cells),
                       piece[4] if piece[9] <= text_cells else clip(piece[4], text_cells)]).rstrip()
            for piece, (unit, cells) in zip(pieces, units)]


def _folded(pieces: Sequence[list], widths: list[int], width: int, lang: Lang) -> list[str]:
    """Each measure's id, light and detail as columns (where the three do not fit in `width`,
    the detail under the id, wrapped), then its units and text, a line each, named, as history
    puts a note under its entry: the units wrapped (`责任单位：自治区住房…` at 24 columns named no
    unit), the text, a reminder already cut to SHORT_CELLS, cut to `width`."""
    from .linebreak import wrapped  # (UAX #14: only where a line is too narrow)

    beside = sum(widths[:3]) + 2 * 2 <= width
    names = [label("owners", lang), label("measure", lang)]
    lines = []
    for piece in pieces:
        head = "  ".join(piece[i] + " " * (widths[i] - piece[5 + i]) for i in range(3 if beside else 2))
        lines.append(clip(head.rstrip(), width))  # (cut only where an id alone is wider)
        if not beside:
            lines += ["  " + line for line in wrapped(piece[2], width - 2)]
        units, text = (label("history_under_row", lang, name=name, text=said) for name, said in zip(names, piece[3:5]))
        lines += ["  " + line for line in wrapped(units, width - 2)]
        lines.append(clip("  " + text, width))
    return lines


def _shares(pieces: Sequence[list], width: int) -> tuple[list[int], list[tuple[str, int]], int]:
    """The widths of the id, light, detail and units columns, each item's units (and their
    cells) and the cells left for the text: the units take at most half of what the first three
    columns leave unless the text needs less, cut to it."""
    widths = [max(piece[5 + i] for piece in pieces) for i in range(5)]
    room = width - sum(widths[:3]) - 2 * 4
    share = min(widths[3], max(room // 2, room - widths[4]))
    units = [(piece[3], piece[8]) if piece[8] <= share else _measured(clip(piece[3], share)) for piece in pieces]
    widths[3] = max(cells for _, cells in units)
    return widths[:4], units, room - widths[3]


def _late_given_way(pieces: Sequence[list], width: int, late: tuple[str, ...]) -> tuple[Sequence[list], bool]:
    """`pieces`, or when the words of a late extension ending a detail (one of `late`) leave the
    text fewer than MIN_TEXT_CELLS, the pieces with those words given way to LATE_MARK on the id;
    and whether any is marked."""
    if not any(piece[2].endswith(late) for piece in pieces):
        return pieces, False
    text_cells = _shares(pieces, width)[2]
    if text_cells >= min(MIN_TEXT_CELLS, max(piece[9] for piece in pieces)):
        return pieces, False
    marked = [_marked(piece, late) if piece[2].endswith(late) else piece for piece in pieces]
    if _shares(marked, width)[2] <= text_cells:
        return pieces, False
    return marked, True


def _marked(piece: list, late: tuple[str, ...]) -> list:
    words = next(words for words in late if piece[2].endswith(words))
    cells = [piece[0] + LATE_MARK, piece[1], piece[2][:-len(words)], piece[3], piece[4]]
    return [*cells, *map(display_width, cells)]


def _measured(text: str) -> tuple[str, int]:
    return text, display_width(text)


def _text_lines(verdict: Verdict, failing: Sequence[list], warnings: Sequence[list], lang: Lang,
                width: int | None, filtered: Sequence[str] = ()) -> list[str]:
    """`width`: the cells a line may take (None: line_width()); `filtered`: the filters in force
    (_text_filters), first, so that the total is not read as the whole ledger's."""
    width = width or line_width()
    late = extended_late_ends(lang)
    failing, failing_marked = _late_given_way(failing, width, late)
    warnings, warnings_marked = _late_given_way(warnings, width, late)
    lines = _filter_lines(filtered, width, lang) if filtered else []
    for note in notices(verdict, lang):
        lines += fitted(note, width)
    lines += _rows(failing, width, lang)
    if warnings:
        lines += fitted(label("check_warnings_header", lang), width)
        lines.extend(_rows(warnings, width, lang))
    if failing_marked or warnings_marked:
        lines += fitted(label("status_measure_extended_late_legend", lang, mark=LATE_MARK), width)
    lines += fitted(total_line(verdict, lang), width)
    return lines


def fitted(line: str, width: int, *, groups: bool = False) -> list[str]:
    """`line`, wrapped where a line may break if it is wider than `width` cells (`groups`: a
    bracket group that fits a line not broken inside). summary's own lines too."""
    if display_width(line) <= width:
        return [line]
    from .linebreak import wrapped  # (UAX #14: only where a line is too narrow)

    return wrapped(line, width, groups=groups)


def assemble_text(verdict: Verdict, failing: Sequence[list], warnings: Sequence[list], *, lang: Lang,
                  width: int | None = None, filters: Filters = None, units=()) -> bytes:
    """The filters in force (of the plan's `units`: see filters_line), failing measures worst first,
    then due-soon warnings, then the verdict line."""
    return _encoded(_text_lines(verdict, failing, warnings, lang, width, _text_filters(filters, units, lang)))


def _text_filters(filters: Filters, units, lang: Lang) -> list[str]:
    """The pairs of filters_line for the text report (_filter_lines), each name whole on a line
    where it fits, as status's header keeps it (自治区住房 / 城乡建设厅 read as two units)."""
    if not any((filters or {}).values()):  # (linebreak, UAX #14, only where needed: start-up)
        return []
    from .linebreak import unbroken

    return filter_pairs(filters, units, lang, shown=lambda name: unbroken(one_line(name)))


def _filter_lines(pairs: Sequence[str], width: int, lang: Lang) -> list[str]:
    """The filters in force laid out as status's header lays them (rich_status._pairs): a line
    broken only between two pairs (`地区` / `那曲市` was wrapped apart), the next under the first
    pair where the widest fits there; a pair wider than a line wrapped, its names whole."""
    from .linebreak import joined_out

    title = label("status_filters", lang)
    indent = display_width(title) if display_width(title) + max(map(display_width, pairs)) <= width else 0
    lines = [title + pairs[0]]
    for pair in pairs[1:]:
        if display_width(lines[-1]) + 2 + display_width(pair) > width:
            lines.append(" " * indent + pair)
        else:
            lines[-1] += "  " + pair
    return [joined_out(piece) for line in lines for piece in fitted(line, width)]


def _encoded(lines: list[str]) -> bytes:
    # (backslashreplace: a file name that is not UTF-8, a GBK folder's, is named \udcce as in JSON)
    return ("\n".join(lines) + "\n").encode(errors="backslashreplace")


# --------------------------------------------------------------------------- github


def escape_data(text: str) -> str:
    """A workflow-command message: % CR LF percent-encoded (% first)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow-command property value: as a message, plus : and , which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(item: CheckItem, as_of, lang: Lang) -> str:
    props = []
    if item.file is not None:
        props.append(f"file={escape_property(one_line(item.file))}")
        if item.line is not None:
            props.append(f"line={item.line}")
    props.append(f"title={escape_property(title(item, as_of, lang))}")
    level = "error" if item.kind == FAILURE else "warning"
    return f"::{level} {','.join(props)}::{escape_data(body(item, as_of, lang))}"


def github_pieces(items: Sequence[CheckItem], *, as_of, lang: Lang) -> list[list]:
    """Per item, its annotation (the first ANNOTATION_CAP items only, else None: the worst
    of all are among the worst of each part), then its text piece."""
    return [[_annotation(item, as_of, lang) if rank < ANNOTATION_CAP else None, *cells]
            for rank, (item, cells) in enumerate(zip(items, text_pieces(items, as_of=as_of, lang=lang)))]


def assemble_github(verdict: Verdict, failing: Sequence[list], warnings: Sequence[list], *, lang: Lang,
                    width: int | None = None, filters: Filters = None, units=()) -> bytes:
    """Workflow commands: the 10 worst ::error and ::warning annotations, a ::notice:: for the
    rest, then the text report (with the filters in force: see assemble_text) so that the log
    lists everything, with commands stopped."""
    lines = [piece[0] for piece in (*failing[:ANNOTATION_CAP], *warnings[:ANNOTATION_CAP])]
    noted = notices(verdict, lang)
    lines += [f"::notice::{escape_data(note)}" for note in noted]
    more_errors = max(verdict.failing - ANNOTATION_CAP, 0)
    more_warnings = max(verdict.warnings - ANNOTATION_CAP, 0)
    if more_errors or more_warnings:
        what = label("check_and", lang).join(label(key, lang, n=n) for key, n in (
            ("check_more_failures", more_errors), ("check_more_warnings", more_warnings)) if n)
        notice = label("check_not_annotated", lang, what=what)
        lines.append(f"::notice::{escape_data(notice)}")
    filtered = _text_filters(filters, units, lang)
    log = _text_lines(verdict, [piece[1:] for piece in failing], [piece[1:] for piece in warnings], lang, width,
                      filtered)
    # (a filtered unit's name is registry text too)
    lines += commands_stopped(log) if failing or warnings or filtered or noted else log  # (a file's name in a note)
    return _encoded(lines)


def commands_stopped(lines: list[str]) -> list[str]:
    """`lines` between ::stop-commands::TOKEN and ::TOKEN::, so that the runner obeys no
    workflow command in them: it reads a legacy ##[command] anywhere in a line, and registry
    text (a measure, a unit, a file's name) can hold one. GitHub asks for a token the text's
    author cannot guess: a hash of the lines themselves is one (text that ends the pause would
    have to hold the hash of itself), and keeps the output deterministic, warm or cold."""
    import hashlib  # (off the start-up path: only a GitHub Actions log needs it)

    token = "rectify-" + hashlib.sha256("\n".join(lines).encode(errors="backslashreplace")).hexdigest()[:32]
    return [f"::stop-commands::{token}", *lines, f"::{token}::"]


# --------------------------------------------------------------------------- markdown

# Markup backslash-escaped; & as &amp; (no entity); $ in a span, as GitHub's docs write a $ that
# opens no math.
_MD_SPECIAL = str.maketrans({**{ch: "\\" + ch for ch in "\\`*_[]<>|~#"}, "&": "&amp;", "$": "<span>$</span>"})
# GitHub makes :smile: an emoji, @name a mention, #12 or GH-12 an issue link, www.x or x://
# and a@b.c links after parsing, in text whose escapes and entities are decoded: neither \: nor
# &#58; keeps them literal. An invisible zero-width space (U+200B, written &#8203;) after the
# character that starts one does: a name, number or domain must follow it at once.
_GITHUB_LINKED = re.compile(r"[:@#](?=\S)|(?i:www)(?=\.)|(?i:gh-)(?=[0-9])")


def md_cell(text: str) -> str:
    """Registry text as a literal GitHub-flavoured Markdown table cell: one line, no markup,
    no HTML, no entity, no emoji, link or mention, no column break."""
    return _GITHUB_LINKED.sub("\\g<0>&#8203;", one_line(text).translate(_MD_SPECIAL))


def markdown_pieces(items: Sequence[CheckItem], *, as_of, lang: Lang) -> list[str | None]:
    """Per failing item, its table row; None for a warning, which the table leaves out."""
    rows: list[str | None] = []
    for item in items:
        if item.kind != FAILURE:
            rows.append(None)
            continue
        row = [md_cell(item.id), word(LIGHT, item.result.light, lang), detail(item, as_of, lang),
               md_cell(owners_text(item, lang)), md_cell(item.result.measure.text)]
        rows.append("| " + " | ".join(row) + " |")
    return rows


def rerun_command(rerun: Sequence[str]) -> str:
    """The command listing all a cut output leaves out: `rerun`, the words of the command line
    that decided what was judged (command_line.judging_given), quoted for a POSIX shell, as json. Pasted
    in the same shell, it judges the same ledger, day and measures by the same rules."""
    return " ".join(["rectify check", *map(shell_word, rerun), "--format json"])


def md_code(text: str) -> str:
    """`text` as a GitHub-flavoured Markdown code span, shown as it is: its fence longer than any
    run of backticks in it (a ` in a path would end a span of one), spaced off one at an end."""
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{one_line(text)}{pad}{fence}"


def _summary_cut(n: int, lang: Lang, rerun: Sequence[str]) -> str:
    """The line under a table cut short: how many rows it leaves out, and where they are."""
    return label("check_summary_cut", lang, n=n, command=md_code(rerun_command(rerun)))


def assemble_markdown(verdict: Verdict, failing: Sequence[str], warnings: Sequence, *, lang: Lang,
                      most: int = SUMMARY_BYTES, rerun: Sequence[str] = (), filters: Filters = None,
                      units=()) -> bytes:
    """The job summary (GITHUB_STEP_SUMMARY): a heading with the verdict, the filters in force (of
    the plan's `units`: see filters_line), and a table of the failing measures, worst first, cut
    short of `most` bytes with a line saying how many more and the command listing them
    (`rerun`: see rerun_command), counted in `most`."""
    lines = [f"### {label('check_heading', lang)}{label('check_colon', lang)}{md_cell(total_line(verdict, lang))}", ""]
    filtered = filters_line(filters, units, lang, shown=md_cell)
    if filtered:
        lines += [filtered, ""]
    for note in notices(verdict, lang):
        lines += [md_cell(note), ""]
    if failing:
        header = [label("check_id", lang), label("light", lang), label("check_state", lang),
                  label("owners", lang), label("measure", lang)]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        ends = list(accumulate(len(row.encode()) + 1 for row in failing))  # bytes up to each row's end
        used = len(_encoded(lines)) + 1  # (the blank line after the table)
        if used + ends[-1] <= most:
            lines.extend(failing)
        else:
            room = most - used - len(_encoded(["", _summary_cut(len(failing), lang, rerun)]))
            shown = bisect_right(ends, room)
            lines.extend(failing[:shown])
            lines += ["", _summary_cut(len(failing) - shown, lang, rerun)]
        lines.append("")
    return _encoded(lines)


# --------------------------------------------------------------------------- dispatch


def summary_bytes_left(written: int) -> int:
    """The bytes a job summary may take after the `written` bytes the step wrote to it before."""
    return max(SUMMARY_BYTES - written, 0)


def layouts(width: int | None = None, summary_bytes: int = SUMMARY_BYTES,
            rerun: Sequence[str] = (), filters: Filters = None, units=()) -> dict[str, Layout]:
    """The formats that render item by item: all but junit, which lists every measure. `width`:
    the cells a line of text may take (None: line_width()); `summary_bytes`: the most the
    markdown may take (see summary_bytes_left); `rerun`: the words of the command line that
    decided what was judged, for the command a cut output names (see rerun_command); `filters`:
    the filters given, of the plan's `units`, which every format says."""
    from functools import partial

    from . import check_machine

    said = {"filters": filters, "units": units}
    return {
        "text": Layout(text_pieces, partial(assemble_text, width=width, **said)),
        "json": Layout(check_machine.json_pieces, partial(check_machine.assemble_json, **said)),
        "github": Layout(github_pieces, partial(assemble_github, width=width, **said)),
        "markdown": Layout(markdown_pieces, partial(assemble_markdown, most=summary_bytes, rerun=rerun, **said)),
        "sarif": Layout(check_machine.sarif_pieces, partial(check_machine.assemble_sarif, rerun=rerun, **said)),
    }


def layout(format: str, width: int | None = None, summary_bytes: int = SUMMARY_BYTES,
           rerun: Sequence[str] = (), filters: Filters = None, units=()) -> Layout | None:
    """The layout of `format` (`width`, `summary_bytes`, `rerun`, `filters`, `units`: see layouts);
    None for junit; ValueError for a name not in CHECK_FORMATS (the command line offers only those)."""
    if format not in CHECK_FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(CHECK_FORMATS)}")
    return layouts(width, summary_bytes, rerun, filters, units).get(format)


def render(result: CheckResult, *, format: str, lang: Lang = Lang.zh, width: int | None = None,
           summary_bytes: int = SUMMARY_BYTES, rerun: Sequence[str] = (), filters: Filters = None,
           units=()) -> bytes:
    """The whole output of `rectify check` in `format`, ending with a newline, as UTF-8
    (`width`, `summary_bytes`, `rerun`, `filters`, `units`: see layouts)."""
    chosen = layout(format, width, summary_bytes, rerun, filters, units)
    if chosen is None:
        from .check_machine import junit_document

        return junit_document(result, lang=lang, filters=filters, units=units)
    as_of = result.as_of
    return chosen.assemble(result.verdict, chosen.pieces(result.failing, as_of=as_of, lang=lang),
                           chosen.pieces(result.warnings, as_of=as_of, lang=lang), lang=lang)
