"""Writing YAML scalars by hand, for the files rectify generates (the imported registry, journal
entries): a double-quoted scalar that reads back as exactly the text it was given."""
from __future__ import annotations

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _needs_escape(ch: str) -> bool:
    """Characters YAML may not hold raw (non-printable), or line breaks a double-quoted scalar would fold."""
    code = ord(ch)
    return (code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF)
            or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF))


def quoted(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `value` (newlines included)."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _needs_escape(ch):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) <= 0xFF else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def has_special_characters(value: str) -> bool:
    """Whether `value` holds a character that only a double-quoted scalar can carry."""
    return any(_needs_escape(ch) for ch in value)
