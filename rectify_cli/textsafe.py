"""Registry text is data: make it harmless for terminals and plain-text outputs."""
from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (ESC sequences, OSC title changes...).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(match: re.Match) -> str:
    return f"\\x{ord(match.group()):02x}"


def printable(text: str, *, single_line: bool = False) -> str:
    """`text` with every control character shown as a visible \\xNN escape.

    With single_line, newlines and tabs become spaces too (table cells, one-line reports).
    """
    text = _CONTROL.sub(_escape, text)
    if single_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


ELLIPSIS = "…"


def display_width(text: str) -> int:
    """Width in terminal cells: CJK characters take two, combining marks none."""
    from wcwidth import wcwidth

    return sum(max(wcwidth(ch), 0) for ch in text)


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` cells on a character boundary, ending in … when cut
    (a wide character that would straddle the limit is left out)."""
    if display_width(text) <= width:
        return text
    from wcwidth import wcwidth

    room = width - display_width(ELLIPSIS)
    out, used = [], 0
    for ch in text:
        cells = max(wcwidth(ch), 0)
        if used + cells > room:
            break
        out.append(ch)
        used += cells
    return "".join(out) + ELLIPSIS
