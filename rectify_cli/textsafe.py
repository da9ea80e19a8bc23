"""Registry text is data: make it harmless for terminals and plain-text outputs."""
from __future__ import annotations

import functools
import re
import sys
from bisect import bisect_right
from itertools import accumulate

# Beyond C0 and DEL, what a terminal may obey: C1 controls (U+009B is a CSI) and the bidirectional
# marks, embeddings, overrides and isolates, which reorder what it shows (a "Trojan source": 1.1
# shown where 1.1 is not; a right-to-left mark, U+200F, moves the digits after it too). JSON
# escapes C0 by itself; json_out escapes these too.
OBEYED_BEYOND_C0 = ((0x80, 0x9F), (0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069))
# C0 controls except tab and newline, DEL, and those.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f%s]" % "".join(f"{chr(a)}-{chr(b)}" for a, b in OBEYED_BEYOND_C0))


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, single_line: bool = False) -> str:
    """`text` with every control character shown as a visible \\xNN (\\uNNNN) escape.

    With single_line, line breaks and tabs become spaces too (table cells, one-line reports).
    """
    # (isprintable, in C: no control, format character or separator but " ", so nothing to
    # change; most registry text, 300,000 phrases of a big check's JUnit)
    if text.isprintable():
        return text
    text = _CONTROL.sub(_escape, text)
    # A line or paragraph separator ends a line for editors, Word and splitlines(), not for a
    # terminal: it is shown as the line break it is. (Looked for first: translate is slow.)
    if "\u2028" in text or "\u2029" in text:
        text = text.translate(_LINES)
    if single_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


_LINES = str.maketrans({"\u2028": "\n", "\u2029": "\n"})


def line_ends(text: str) -> str:
    """A journal entry's `text` with each Windows line end (CR LF) the line end (LF) it is, for
    printable to show as it shows one: a note pasted from Windows, or typed $'…\\r\\n…', was
    shown 第一行\\x0d 第二行. A CR alone stays a control, which printable shows \\x0d."""
    return text.replace("\r\n", "\n") if "\r" in text else text


def says_nothing(text: str) -> bool:
    """Whether `text` shows nothing: only spaces, line breaks, control characters and invisible
    format characters (a zero-width space, a bell). A note, reason or evidence so written would
    pass for one: a report that clears 久未报告 reporting nothing."""
    first = text[:1]
    if first and first.isprintable() and not first.isspace():  # (the common case: it begins with what shows)
        return False
    if text.isprintable():  # (in C: no control, format or separator but " ")
        return not text.strip()
    import unicodedata

    return all(c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp") for c in text)


ELLIPSIS = "…"


class PerCharacter:
    """A function of one character, remembered for each character met: a big report measures
    millions of characters of a few thousand kinds, each then looked up at C speed."""

    def __init__(self, function):
        self._function = function
        self._known: dict[str, object] = {}
        self._true: set[str] = set()  # the characters met that it is true of

    def each(self, text: str) -> list:
        """The function's value for each character of `text`, in order."""
        known = self._known
        try:
            return list(map(known.__getitem__, text))
        except KeyError:
            for char in set(text).difference(known):
                value = known[char] = self._function(char)
                if value:
                    self._true.add(char)
            return list(map(known.__getitem__, text))

    def all(self, text: str) -> bool:
        """Whether the function is true of every character of `text`: a set's test, without the
        list `each` makes (about half the time, of a summary's 70-character measures)."""
        return self._true.issuperset(text) or all(self.each(text))


@functools.lru_cache(maxsize=None)
def char_width(ch: str) -> int:
    """wcwidth of one character: cells it takes, -1 when it has no width of its own."""
    from wcwidth import wcwidth

    return wcwidth(ch)


_CELLS = PerCharacter(lambda ch: max(char_width(ch), 0))  # cells a character takes, 0 for none


# Characters that join their neighbours into one grapheme of another width than its parts'
# (a flag, a family joined by U+200D, a skin tone, an emoji presentation selector): text with
# one is measured a grapheme at a time, as terminals and Rich draw it.
_JOINING = re.compile("[\u200d\ufe0f\U0001F1E6-\U0001F1FF\U0001F3FB-\U0001F3FF]")


def _grapheme_cells(text: str) -> tuple[list[str], list[int]]:
    """(graphemes of `text`, cells each takes)."""
    from wcwidth import width

    graphemes = _graphemes(text)
    return graphemes, [width(g, control_codes="ignore") for g in graphemes]


def _graphemes(text: str) -> list[str]:
    """wcwidth's graphemes of `text`, segmented afresh after each control or format character
    (U+200B, U+FEFF), which always ends one: after one, wcwidth 0.7 loses count of a flag's
    halves, splitting 中国\u200b🇨🇳 into 🇨 and 🇳, two cells each."""
    import unicodedata
    from wcwidth import iter_graphemes

    graphemes: list[str] = []
    start = 0
    while start < len(text):
        for grapheme in iter_graphemes(text, start):
            graphemes.append(grapheme)
            start += len(grapheme)
            if len(grapheme) == 1 and unicodedata.category(grapheme) in _ENDS_GRAPHEME:
                break
    return graphemes


_ENDS_GRAPHEME = ("Cc", "Cf", "Zl", "Zp")  # (U+200D, a Cf that joins, is never a grapheme alone)


def display_width(text: str) -> int:
    """Width in terminal cells: CJK characters take two, combining marks none."""
    if text.isascii() and text.isprintable():
        return len(text)  # (one cell each: the common case, without measuring)
    if _JOINING.search(text):
        return sum(_grapheme_cells(text)[1])
    return sum(_CELLS.each(text))


def clip(text: str, width: int, *, as_typed: bool = False) -> str:
    """`text` cut to at most `width` cells on a character boundary, ending in … when cut
    (a wide character that would straddle the limit is left out, and so is an escape of
    printable's that would: CR…, not CR\\x0…). `as_typed`: a value echoed as the user typed it
    keeps the spaces the cut ends in (they are what was typed), which a cell of a table drops."""
    if text.isascii() and text.isprintable():
        if len(text) <= width:
            return text
        return cut_end(text[:max(width - _ellipsis_width(), 0)], as_typed)
    if _JOINING.search(text):
        pieces, cells = _grapheme_cells(text)
    else:
        # Measured only as far as the cut: `width` + 1 characters take more than `width` cells
        # unless some take none (a summary cuts 70-character measures to 10).
        pieces = text[:max(width, 0) + 1]
        cells = _CELLS.each(pieces)
        if len(pieces) < len(text) and sum(cells) <= width:
            pieces, cells = text, _CELLS.each(text)
    ends = list(accumulate(cells))  # cells taken up to and with each character (grapheme)
    if not ends or ends[-1] <= width:
        return text
    # The longest start that fits beside the ellipsis (with the zero-width marks that follow it).
    return cut_end("".join(pieces[:bisect_right(ends, width - _ellipsis_width())]), as_typed)


@functools.cache
def _ellipsis_width() -> int:
    return display_width(ELLIPSIS)  # (measured once: clip is called for every cell of a big table)


def excerpt(text: str, width: int) -> str:
    """`text` when it takes at most `width` cells; else its start, …, and its end, in at most
    `width` cells (two thirds of them the start), cut between graphemes as clip cuts: a long
    value quoted so that both of its ends are known (a mistyped digit is as often at the end)."""
    if display_width(text) <= width:
        return text
    start = clip(text, width * 2 // 3)
    room = width - display_width(start)
    pieces, cells = _grapheme_cells(text) if _JOINING.search(text) else (text, _CELLS.each(text))
    taken, kept = 0, len(pieces)
    while kept and taken + cells[kept - 1] <= room:
        kept -= 1
        taken += cells[kept]
    if isinstance(pieces, str):  # (characters: not from a combining mark on, which belongs to the one left out)
        while kept < len(pieces) and cells[kept] == 0:
            kept += 1
    return start + "".join(pieces[kept:])


def cut_end(kept: str, as_typed: bool = False) -> str:
    """What a cut keeps of a text, with the ellipsis: without the start of an escape of
    printable's (\\xNN, \\uNNNN) that it would end in, nor, but `as_typed`, the spaces it would
    end in (a list cut after its comma reads `甲,…` whether or not the space after it fitted,
    never `甲, …`)."""
    if "\\" in kept[-6:]:
        kept = _PARTIAL_ESCAPE.sub("", kept)
    return (kept if as_typed else kept.rstrip()) + ELLIPSIS


_PARTIAL_ESCAPE = re.compile(r"\\(?:x[0-9a-f]?|u[0-9a-f]{0,3})?\Z")


def shell_word(text: str) -> str:
    """`text` as one word of a shell command rectify tells the user to run: quoted only where the
    shell would read it otherwise (shlex.quote), so 拉萨市, which no shell treats specially, is
    not written '拉萨市' (shlex counts every non-ASCII letter unsafe). On Windows as cmd.exe and
    PowerShell pass it on and the C runtime reads it (_windows_word)."""
    if sys.platform == "win32":
        return _windows_word(text)
    if _SHELL_PLAIN.fullmatch(text):
        return text
    import shlex

    return shlex.quote(text)


_SHELL_PLAIN = re.compile(r"[\w@%+=:,./-]+")  # (shlex's safe characters, \w of any script)
_WINDOWS_PLAIN = re.compile(r"[\w@+=:,./\\-]+")  # (a path's backslash too; % is cmd.exe's, quoted or not)


def _windows_word(text: str) -> str:
    """`text` in double quotes where it is not plain: single quotes are no quotes to cmd.exe, and
    a program's arguments are read by CommandLineToArgvW's rules, by which a quote in the word is
    \\" and the backslashes before it, or before the closing quote, are doubled."""
    if _WINDOWS_PLAIN.fullmatch(text):
        return text
    quoted = re.sub(r'(\\*)"', lambda m: m.group(1) * 2 + '\\"', text)
    return '"' + re.sub(r"(\\+)\Z", r"\1\1", quoted) + '"'


def registry_words(typed: str | None) -> str:
    """What a command a message tells the user to run adds for the ledger: " -r PATH" when the
    command at hand named it so (`typed`, quoted for a POSIX shell: pasted, it runs on the same
    ledger); "" when it was found (data/ from here, RECTIFY_REGISTRY still set): found again.
    Not --lang: the command runs the same in either language."""
    return "" if typed is None else f" -r {shell_word(typed)}"
