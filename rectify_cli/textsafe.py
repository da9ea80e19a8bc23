"""Registry text is data: make it harmless for terminals and plain-text outputs."""
from __future__ import annotations

import functools
import re
from bisect import bisect_right
from itertools import accumulate

# Beyond C0 and DEL, what a terminal may obey: C1 controls (U+009B is a CSI) and the bidirectional
# embeddings, overrides and isolates, which reorder what it shows (a "Trojan source": 1.1 shown
# where 1.1 is not). JSON escapes C0 by itself; json_out escapes these too.
OBEYED_BEYOND_C0 = ((0x80, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069))
# C0 controls except tab and newline, DEL, and those.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f%s]" % "".join(f"{chr(a)}-{chr(b)}" for a, b in OBEYED_BEYOND_C0))


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, single_line: bool = False) -> str:
    """`text` with every control character shown as a visible \\xNN (\\uNNNN) escape.

    With single_line, newlines and tabs become spaces too (table cells, one-line reports).
    """
    text = _CONTROL.sub(_escape, text)
    if single_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


ELLIPSIS = "…"


class PerCharacter:
    """A function of one character, remembered for each character met: a big report measures
    millions of characters of a few thousand kinds, each then looked up at C speed."""

    def __init__(self, function):
        self._function = function
        self._known: dict[str, object] = {}

    def each(self, text: str) -> list:
        """The function's value for each character of `text`, in order."""
        known = self._known
        try:
            return list(map(known.__getitem__, text))
        except KeyError:
            for char in set(text).difference(known):
                known[char] = self._function(char)
            return list(map(known.__getitem__, text))


@functools.lru_cache(maxsize=None)
def char_width(ch: str) -> int:
    """wcwidth of one character: cells it takes, -1 when it has no width of its own."""
    from wcwidth import wcwidth

    return wcwidth(ch)


_CELLS = PerCharacter(lambda ch: max(char_width(ch), 0))  # cells a character takes, 0 for none


def display_width(text: str) -> int:
    """Width in terminal cells: CJK characters take two, combining marks none."""
    if text.isascii() and text.isprintable():
        return len(text)  # (one cell each: the common case, without measuring)
    return sum(_CELLS.each(text))


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` cells on a character boundary, ending in … when cut
    (a wide character that would straddle the limit is left out)."""
    if text.isascii() and text.isprintable():
        return text if len(text) <= width else text[:max(width - display_width(ELLIPSIS), 0)] + ELLIPSIS
    ends = list(accumulate(_CELLS.each(text)))  # cells taken up to and with each character
    if not ends or ends[-1] <= width:
        return text
    # The longest start that fits beside the ellipsis (with the zero-width marks that follow it).
    return text[:bisect_right(ends, width - display_width(ELLIPSIS))] + ELLIPSIS
