"""Registry text wrapped where Chinese (and any) text may break: Unicode's line breaking (UAX #14).

Rich wraps at spaces and folds anything longer at any character, so a Chinese paragraph, which
has no spaces, was cut wherever the column ended: lines began with 。，、）》 or ended with 《（,
and numbers such as 2013 were split in two. UAX #14 (by uniseg) gives the places a line may
break; lines are filled greedily up to the column's width, as Rich fills them, and a run longer
than a whole line (a long number or URL) is still folded. Text made `unbroken` (a label
and its date, a command) is never broken inside.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import accumulate, pairwise

from rich.cells import cell_len
from rich.measure import Measurement
from rich.text import Span, Text

# WORD JOINER: UAX #14 never breaks beside it; no cells wide, and Paragraph does not print it.
_JOINER = "\u2060"


def unbroken(text: str) -> str:
    """`text` (a label and its value, a command) that a Paragraph never breaks a line inside."""
    return _JOINER.join(text)


def joined_out(text: str) -> str:
    """`text` without the joiners `unbroken` put in it: as printed (plain text, not a Paragraph)."""
    return text.replace(_JOINER, "")


class Paragraph:
    """Text that Rich wraps at UAX #14 break opportunities (see module); measured as the Text.
    `groups_from`: each bracket group opening at or after this character offset is not broken
    inside where it fits a line (break_offsets' `groups`): the brackets show adds after a note.
    `wholes`: (start, end) character offsets of pieces not broken inside where they fit a line
    (break_offsets' `wholes`): the parts of an extension's brackets, their words and values."""

    def __init__(self, text: Text | str, *, groups_from: int | None = None,
                 wholes: tuple[tuple[int, int], ...] = ()):
        self.text = Text(text) if isinstance(text, str) else text
        self.groups_from = groups_from
        self.wholes = wholes

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console, options):
        shown = self.broken(options.max_width) if not options.no_wrap else self.text
        yield _without_joiners(shown) if _JOINER in shown.plain else shown

    def broken(self, width: int) -> Text:
        """The text with a line break wherever a line wider than `width` is cut (its spaces
        there dropped); every line then fits, and Rich wraps nothing further."""
        lines = self.text.split("\n", allow_blank=True)
        if all(cell_len(line.plain) <= width for line in lines):
            return self.text
        pieces: list[Text] = []
        start = 0  # (the line's offset in the text)
        for line in lines:
            cuts = []
            if cell_len(line.plain) > width:
                kept = None if self.groups_from is None else self.groups_from - start  # (in the line)
                # (the pieces that start on this line, to its end at most: a value may hold a line break)
                wholes = [(at - start, min(end - start, len(line))) for at, end in self.wholes
                          if start <= at < start + len(line)]
                cuts = break_offsets(line.plain, width, groups=kept is not None and kept <= len(line),
                                     groups_from=max(kept or 0, 0), wholes=wholes)
            for piece in line.divide(cuts) if cuts else [line]:
                piece.rstrip()
                pieces.append(piece)
            start += len(line) + 1
        return Text("\n", end=self.text.end).join(pieces)


def _without_joiners(text: Text) -> Text:
    """`text` without the joiners `unbroken` put in it, each span moved to cover what it covered. (Split
    at the joiners and joined again, each character of `红 17` was a span of its own, and coloured
    output, a CI log's, held an escape code for every character.)"""
    plain = text.plain
    before = list(accumulate((char != _JOINER for char in plain), initial=0))  # (kept characters before each offset)
    shown = Text(plain.replace(_JOINER, ""), end=text.end)
    # (its style a span, as join made it: a base style would colour the spaces a table pads the line with)
    whole = [Span(0, len(shown.plain), text.style)] if text.style else []
    shown.spans = whole + [Span(before[span.start], before[span.end], span.style) for span in text.spans
                           if before[span.start] < before[span.end]]
    return shown


def break_offsets(text: str, width: int, *, groups: bool = False, groups_from: int = 0,
                  wholes: Iterable[tuple[int, int]] = ()) -> list[int]:
    """Where to cut `text` (one line) into lines of at most `width` cells, as character
    offsets: at line-break opportunities, greedily; spaces at a cut are left at the end of a
    line (for the caller to strip), as Rich leaves them. `groups`: a bracket group that fits a
    line is not broken inside (history's entries: `销号` / `（2019-06-30补录）`, not `销号（2019-06-30` /
    `补录）`; of those that open at `groups_from` or after); prose is filled as Rich fills it.
    `wholes`: (start, end) offsets of pieces that, where they fit a line, are not broken inside
    either (show's `…理由：资金` / `未到位；` was), each starting where a line may break; nor, in
    `unbroken` text folded between its words, where they fit a line with the rest of their last
    word (a command's `-r PATH`: its path, `'台账 副本/tasks.yaml'`, is two words to split)."""
    offsets: list[int] = []
    position = used = 0
    units = _units(text)
    wholes = tuple(wholes)
    starts: dict[int, list[int]] = {}  # (each piece's start: the cells of those starting there)
    for start, end in wholes:
        starts.setdefault(start, []).append(cell_len(text[start:end].rstrip()))
    for at, unit in enumerate(units):
        shown = cell_len(unit.rstrip())
        # (a unit folded between the words of `unbroken` text, other text before it, 说明：-r 台账/…,
        # glued by UAX #14, which breaks before no hyphen: its first word goes on the line as a word
        # does, not the line broken before it, 说 / 明：-r; unbroken text the unit starts with starts a line)
        worded = shown > width and f" {_JOINER}" in unit and unit[1:2] != _JOINER
        if used and (used + shown > width and not worded or groups and position >= groups_from
                     and width >= (group := _group_cells(units, at)) > width - used
                     or any(width >= cells > width - used for cells in starts.get(position, ()))):
            offsets.append(position)
            used = 0
        if shown <= width:
            used += cell_len(unit)
            position += len(unit)
            continue
        # (longer than a line on its own: folded)
        for piece in _marks_kept(_kept_whole(_fold_pieces(unit, width), position, wholes, width), width):
            cells = cell_len(piece.rstrip())
            if used and used + cells > width and cells:  # (a space stays at the end of its line)
                offsets.append(position)
                used = 0
            used += cell_len(piece)
            position += len(piece)
    return offsets


def _kept_whole(pieces: list[str], at: int, wholes: tuple[tuple[int, int], ...], width: int) -> list[str]:
    """`pieces` (a unit folded, from offset `at` of its text) joined again across the cuts inside each
    of the `wholes` that, to the end of the word it ends in, fits a line."""
    end_of_unit = at + sum(map(len, pieces))
    inside = [(start, end) for start, end in wholes if at <= start and end <= end_of_unit]
    if not inside:
        return pieces
    text = "".join(pieces)
    cuts = list(accumulate(map(len, pieces), initial=at))
    kept: set[int] = set()
    for start, end in inside:
        first = max(cut for cut in cuts if cut <= start)
        # (with what follows it to a space: the bracket closing the line after a path; where that is
        # wider than a line, the piece alone, the bracket then starting the next line: not the path cut)
        for last in (min(cut for cut in cuts if cut >= end and (cut == end_of_unit or text[cut - at - 1] == " ")),
                     min(cut for cut in cuts if cut >= end)):
            if cell_len(text[first - at:last - at].rstrip()) <= width:
                kept.update(cut for cut in cuts if start < cut < last)
                break
    joined: list[str] = []
    for cut, piece in zip(cuts, pieces):
        if cut in kept:
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


# Chinese line breaking (禁则): a line starts with none of these, and ends with none of the openings.
_NO_START = frozenset("）」』】》〉，。；：、？！％”’")
_NO_END = frozenset("（「『【《〈“‘")
# (and in English, inside a word folded: UAX #14 keeps these with their words, but a word wider than
# the line, a path, was folded before ".txt: no such file)." or after "(")
_ASCII_NO_START = frozenset(")],.;:")
_ASCII_NO_END = frozenset('(["')
# (where the marks ending a word's clause begin, the joiners and spaces after them to its end: _fold_pieces;
# a closing bracket stays with what it closes, `'台账 副本/tasks.yaml'）`)
_MARKS_AFTER = re.compile("(?=(?:{j}?[，。；：、,.;:])+[{j} ]*$)".format(j=_JOINER))
# (where a path wider than a line may be folded: after a slash, before the marks closing it; _fold_pieces)
_PATH_FOLDS = re.compile("(?<=/)|(?=(?:{j}?[{marks}])+{j}?$)".format(
    j=_JOINER, marks=re.escape("".join(sorted(_NO_START | _ASCII_NO_START)))))
# (a run of ideographs in `unbroken` text, the joiners between them: the word after a date, _fold_pieces)
_IDEOGRAPHS = re.compile(f"(?:{_JOINER}?[\u3400-\u4dbf\u4e00-\u9fff])+")


def _marks_kept(pieces: list[str], width: int) -> list[str]:
    """`pieces` (a unit folded) with a closing mark joined to the piece before it, an opening mark
    to the piece after it, where the two fit a line: the last character goes down with a closing
    mark (`乙丙丁` / `戊）`, not `乙丙丁戊` / `）`). Where they do not, the piece before (or after) is
    a number or a piece kept whole as wide as the line, and it wins: left whole, the mark alone
    on a line (a date cut reads as another day; a path cut pastes wrong)."""
    joined: list[str] = []
    ahead = ""  # (a joiner alone, no cells: it goes with the piece after it, a space before it ends a line)
    for piece in pieces:
        if not piece.strip(_JOINER):
            ahead += piece
            continue
        piece, ahead = ahead + piece, ""
        first, last = piece.lstrip(_JOINER)[0], joined[-1].rstrip(_JOINER)[-1:] if joined else ""
        # (ASCII marks only inside a word: unbroken text's words, `-r` / `./tasks.yaml`, stay apart)
        if joined and (first in _NO_START or last in _NO_END
                       or last.strip() and (first in _ASCII_NO_START or last in _ASCII_NO_END)) \
                and cell_len((joined[-1] + piece).rstrip()) <= width:
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined + [ahead] if ahead else joined


def _group_cells(units: tuple[str, ...], start: int) -> int:
    """The cells of the bracket group units[start] opens, through the unit that closes it; 0 where
    it opens none (or none closes it)."""
    if not units[start] or unicodedata.category(units[start][0]) != "Ps":
        return 0
    depth = 0
    for end in range(start, len(units)):
        depth += sum((kind == "Ps") - (kind == "Pe") for kind in map(unicodedata.category, units[end]))
        if depth <= 0:
            return cell_len("".join(units[start:end + 1]).rstrip())
    return 0


def fewest_breaks_width(texts: list[str], floor: int, room: int, *, narrowest: bool = True,
                        groups: bool = False) -> int:
    """The width, from `floor` to `room` cells, to wrap `texts` (each one line) in a column of:
    of those that wrap them in as few lines as `room` does, the one with the fewest breaks inside
    a word (not at a space, before a bracket, nor beside a number), then the fewest beside a number
    (`（2019-06-30` / `补录）`), then the narrowest (or the widest: `narrowest` false). Filled line by
    line to `room` they read `撤回误录（撤回 2018-11-01 推进` / `中）`, `（2019-06-30补` / `录）`."""
    # (texts alike but for their digits, as entries of other days, break alike: each measured once;
    # uniseg takes a millisecond or two a text and width)
    texts = list(dict.fromkeys(map(shape, texts)))

    @cache
    def breaks(width: int) -> tuple[int, int, int]:
        cuts = [(text, at) for text in texts if cell_len(text) > width for at in break_offsets(text, width, groups=groups)]
        words = [(text, at) for text, at in cuts if not (text[at - 1].isspace() or text[at] in "（(")]
        numbers = sum(1 for text, at in words if text[at - 1].isdecimal() != text[at].isdecimal())
        return len(cuts), len(words) - numbers, numbers

    return min((width for width in range(floor, room + 1) if breaks(width)[0] == breaks(room)[0]),
               key=lambda width: (*breaks(width)[1:], width if narrowest else -width))


# A path (data/tasks.yaml, .github/workflows, /srv/data): UAX #14 may break after a slash or a
# hyphen, which cut one across lines (help at 40 columns: data/ | tasks.yaml; reconcile's report
# at 80: (/ | srv/…, …rectification- | report.txt).
_PATH = re.compile(r"/?[\w.~-]+(?:/[\w.~-]+)+", re.ASCII)
_PATH_BREAKS = str.maketrans("/-", "__")


def wrapped(text: str, width: int, *, groups: bool = False, wholes: Iterable[tuple[int, int]] = ()) -> list[str]:
    """`text` (one line) in lines of at most `width` cells, broken where Chinese and English may
    break, but inside a path that fits a line (`groups`: nor inside a bracket group that fits a
    line; `wholes`, as break_offsets keeps them: nor inside those pieces where they fit a line)."""
    # (broken as if each slash and hyphen of a path were a letter: as many cells, no break beside it; one
    # wider than a line is broken after a slash, not folded anywhere, `/work/…/tasks.y` / `aml`)
    kept = _PATH.sub(lambda path: path.group().translate(_PATH_BREAKS) if cell_len(path.group()) <= width
                     else path.group(), text)
    cuts = [0, *break_offsets(kept, width, groups=groups, wholes=wholes), len(text)]
    return [text[start:end].rstrip() for start, end in pairwise(cuts)]


def hanging(first: str, text: str, width: int, min_room: int = 20) -> list[str]:
    """`first` (a place, never broken) then `text` on lines of at most `width` cells, the lines after
    the first indented under the text's start, broken as `wrapped` breaks. Where `first` leaves the
    text less than `min_room`, the text goes on the lines under it, indented: beside it they ran past
    the edge (where that leaves it more room: not under a bullet, `- `). Where a line still leaves the
    text less, it is wrapped to the line's edge, past it only for a piece a line may not break inside
    (up to `min_room`: a date or a key is never folded, however narrow the terminal; at 20 columns
    reconcile's `  claimed 45, computed` ran 2 cells past the edge, and each line under a label 4)."""
    from ..textsafe import display_width  # (as the lines' other cells are measured)

    indent = display_width(first)
    under = indent - display_width(first.lstrip()) + 2
    if width - indent < min_room and first.strip() and under < indent:
        return [first.rstrip(), *hanging(" " * under, text, width, min_room)]
    room = width - indent
    if room < min_room:
        room = max(room, widest_unbroken(text, min_room))
    pieces = [joined_out(piece).rstrip() for piece in wrapped(text, room)]
    return [first + pieces[0], *(" " * indent + piece for piece in pieces[1:])]


def cut_at_break(text: str, width: int, *, start: int = 0, whole: bool = True) -> str:
    """`text` (one line) from character `start` cut to at most `width` cells where a line may break,
    ending in …: never inside a word, a date or a number (a cut `2027…` reads as a year, `approve…` as
    nothing); whole where it fits, "" where not even its first piece fits beside the …. `whole`: false
    for a text itself cut short, whose last piece may be part of a word (never kept). (A text just
    wrapped is broken into its pieces once: they are remembered, by the text.)"""
    from ..textsafe import ELLIPSIS, cut_end, display_width

    if whole and display_width(text[start:]) <= width:
        return text[start:]
    # (as far as the cut, and a little, where it starts at the start: uniseg is slow)
    units = _units(text[:width + 8] if whole and not start else text)[:None if whole else -1]
    room, kept, position = width - display_width(ELLIPSIS), "", 0
    for unit in units:
        position += len(unit)
        if position <= start:
            continue
        if cell_len((kept + unit).rstrip()) > room:
            break
        kept += unit[max(start - position + len(unit), 0):]  # (a piece the start is inside: from it)
    return cut_end(kept) if kept.strip() else ""


# A date, an id or a number (2019-04-30, 40.3, 1,500): folded whole, as one character is; in
# `unbroken` text too, joiners between its characters ("Next due 2019-12-31" was cut 201 / 9-12-31).
_NUMBER = re.compile(r"\d(?:{j}\d)*(?:{j}[-.,:/]{j}\d(?:{j}\d)*)*".format(j=f"{_JOINER}?"))


def widest_unbroken(text: str, most: int) -> int:
    """The cells of the widest piece of `text` a line may not break inside (a date with the
    bracket before it, a word with its comma; 0 for empty text), of those up to `most` cells: a
    column that narrow would cut them, or start a line with a closing mark or end one with an
    opening one."""
    if not text:
        return 0
    widths = (cell_len(unit.rstrip()) for unit in _units(text))
    return max((width for width in widths if width <= most), default=0)


def widest_kept(text: str, most: int, *, groups_from: int | None = None,
                wholes: Iterable[tuple[int, int]] = ()) -> int:
    """widest_unbroken, and the widest of what a Paragraph of `text` keeps whole where it fits a
    line: the bracket groups opening at `groups_from` or after (show's `（2019-03-31补录）`) and the
    `wholes`; of those up to `most` cells."""
    widths = [widest_unbroken(text, most), *(cell_len(text[at:end].rstrip()) for at, end in wholes)]
    if groups_from is not None:
        start = 0
        for line in text.split("\n"):
            units = _units(line)
            offsets = accumulate(map(len, units), initial=start)
            widths += [_group_cells(units, i) for i, at in enumerate(offsets) if i < len(units) and at >= groups_from]
            start += len(line) + 1
    return max((width for width in widths if width <= most), default=0)


# What a number keeps on its line: UAX #14 breaks before an ideograph, and after a space, so
# status cut （报告周期 90 / 天） and 12 / 项.
_UNITS = frozenset("天项个条年月日号%％")
# (the unit or counter right after a number, as _units keeps it with it; _fold_pieces. Not one a closing
# mark follows: that goes down with the marks, `（2008-2015` / `年）》，`, the marks alone on a line else)
_COUNTED = re.compile("{j}?[{units}](?!{j}?[{marks}])".format(
    j=_JOINER, units="".join(sorted(_UNITS)), marks=re.escape("".join(sorted(_NO_START | _ASCII_NO_START)))))
# (in English, the nouns its messages count, "{n:day}" in i18n: for 154 / days was cut as 90 / 天 was)
_WORD_UNITS = re.compile(r"(?:days?|months?|years?|measures?|tasks?|problems?|files?|entry|entries)\b")


# ASCII digits all break alike (UAX #14's class NU), and are a cell each: a text is broken as its
# shape, each one a 0.
_DIGIT_SHAPE = str.maketrans("123456789", "000000000")


def shape(text: str) -> str:
    """`text` with each ASCII digit a 0: it breaks, and is as wide, as `text` does (entries of
    other days, retractions of other entries: measured once, as uniseg is slow)."""
    return text.translate(_DIGIT_SHAPE)


@lru_cache(maxsize=1024)
def _units(text: str) -> tuple[str, ...]:
    """The pieces of `text` between its line-break opportunities (UAX #14), a number and the unit
    or counter after it (a space between or not: 90 天, 12项; in English 90 days) one piece.
    Remembered, by the text's shape (texts alike but for their digits, a journal's entries of
    other days, break alike): uniseg takes some 40 µs a character, and a table measures and lays
    out a cell several times (a 10,000-character note took `show` 2 s; 20,000 entries took
    `history` at 40 columns 10 s, most of it in uniseg)."""
    units, at = [], 0
    for length in _unit_lengths(shape(text)):
        units.append(text[at : at + length])
        at += length
    return tuple(units)


@lru_cache(maxsize=4096)
def _unit_lengths(shape: str) -> tuple[int, ...]:
    """The lengths of _units(text) for a text of this shape (its digits 0)."""
    # (some 25 ms to import: only when a line is cut)
    from uniseg.linebreak import line_break_units

    units: list[str] = []
    for unit in line_break_units(shape):
        if units and (unit[0] in _UNITS or _WORD_UNITS.match(unit)) and units[-1].rstrip()[-1:].isdecimal():
            units[-1] += unit
        else:
            units.append(unit)
    return tuple(map(len, units))


def _fold_pieces(unit: str, width: int) -> list[str]:
    """What a unit longer than a line may be folded between: the words of `unbroken` text (a
    command wider than the line was cut `见 rectify show <编` / `号>）`), the names of a path, and
    inside one longer than a line its characters (a flag or an emoji whole), but a number that fits
    on a line is never cut, nor parted from the unit it counts."""
    if f" {_JOINER}" in unit:
        # (the marks ending a word's clause a piece of their own, put back with it where they fit a line
        # (_marks_kept): a path wider with its `：` than the line is kept whole, `台账 副本/tasks.yaml` / `：`,
        # not cut at its space)
        return [piece for word in re.split(f"(?<= )(?={_JOINER})", unit) for part in _MARKS_AFTER.split(word, maxsplit=1)
                for piece in ([part] if cell_len(part.rstrip()) <= width else _fold_pieces(part, width)) if piece]
    if "/" in unit and len(parts := [part for part in _PATH_FOLDS.split(unit) if part]) > 1:
        # (a path: folded after a slash, each name whole where it fits a line, `-r 西藏自治区整改台` / `账/tasks.yaml`
        # was cut at 20 columns; the marks after it apart, for _kept_whole and _marks_kept to place)
        return [piece for part in parts for piece in ([part] if cell_len(part.rstrip()) <= width
                                                      else _fold_pieces(part, width))]
    from uniseg.graphemecluster import grapheme_clusters

    pieces: list[str] = []
    start = 0
    for number in _NUMBER.finditer(unit):
        # (with the unit it counts, as _units keeps them: `…done“86` / `项全面完成` was cut at 28 columns)
        counted = number.group() + (said.group() if (said := _COUNTED.match(unit, number.end())) else "")
        if cell_len(counted) <= width:
            pieces += grapheme_clusters(unit[start:number.start()])
            pieces.append(counted)
            start = number.start() + len(counted)
            # (the word a date is said with, `2019-06-30到期的一步`, one piece where it fits a line: folded after
            # the date, not inside the word, `2019-06-30到期的一` / `步`)
            if (said := _IDEOGRAPHS.match(unit, start)) and cell_len(said.group()) <= width:
                pieces.append(said.group())
                start = said.end()
    return pieces + list(grapheme_clusters(unit[start:]))
