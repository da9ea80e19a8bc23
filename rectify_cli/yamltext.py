"""Writing YAML scalars by hand, for the files rectify generates (the imported registry, journal
entries): a double-quoted scalar that reads back as exactly the text it was given."""
from __future__ import annotations

import re
import unicodedata

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _needs_escape(ch: str) -> bool:
    """Characters YAML may not hold raw (non-printable), line breaks a double-quoted scalar would
    fold, and invisible format characters: bidirectional controls (U+202A-U+202E, U+2066-U+2069)
    reorder what a terminal or `git diff` shows of the file (a "Trojan source"), zero-width ones
    hide text; escaped, the file shows them as they are."""
    code = ord(ch)
    return (code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF)
            or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)
            or code > 0xA0 and unicodedata.category(ch) == "Cf")


def quoted(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `value` (newlines included)."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _needs_escape(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# What YAML 1.2 (or the 1.1 spec) reads as a number or boolean where PyYAML's YAML 1.1 reads
# text: 1e3, 0o17, y, n. Everything else that isn't text to some reader (2019-01-01, 12:30, .inf,
# yes) PyYAML reads otherwise too, and plain_ok asks it.
_NOT_TEXT_TO_SOME = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+|0o[0-7]+|[yYnN]")


def plain_shape(value: str, *, flow: bool = False) -> bool:
    """Whether `value` written plain is one scalar, whole (no indicator, comment or separator
    cuts it), whatever a reader then takes it for (2019-01-01, 1.10: a date, a number)."""
    if not value or value != value.strip() or any(_needs_escape(ch) for ch in value):
        return False
    if value[0] in _INDICATORS or ": " in value or " #" in value or value.endswith(":"):
        return False
    return not (flow and any(c in value for c in ",[]{}"))


def plain_ok(value: str, *, flow: bool = False) -> bool:
    """Whether `value` may be written as a plain (unquoted) scalar: every YAML reader, 1.1 or
    1.2, with libyaml or without (which refuses a tab in plain text), reads it back as exactly
    this text. `flow`: inside [...] or {...}."""
    import yaml

    if not plain_shape(value, flow=flow) or _NOT_TEXT_TO_SOME.fullmatch(value):
        return False
    try:
        if yaml.safe_load(value) != value:
            return False
    except (yaml.YAMLError, ValueError):  # (PyYAML reads 0b_ as a number it then can't make)
        return False
    # The fast reader, where installed, is asked too: it reads as numbers text the pattern above
    # misses, YAML 1.2's 09 and +.5 and, beyond the spec, _0 and 0_9.
    try:
        import yaml_rs
    except ImportError:
        return True
    try:
        return yaml_rs.loads(value) == value
    except (yaml_rs.YAMLDecodeError, ValueError, OverflowError):
        return False
