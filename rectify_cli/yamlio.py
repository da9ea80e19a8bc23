"""Safe YAML reading that remembers where every value came from.

The reference loader: libyaml (PyYAML's C parser, when present) composes the node graph
and we walk it ourselves instead of using a constructor: no tag is ever constructed into
an object, only the plain JSON-like types, and each mapping and sequence keeps the line and
column of its items so that validation errors can name file:line:column.

The fast path (`parse_fast`): the Rust parser yaml-rs, about 10x faster than the reference
on big registries, but it gives no positions, reads YAML 1.2 rather than PyYAML's 1.1 and
silently expands anchors and drops tags. So it is used only on text it can vouch for
(`fast_path_refusal`), its scalars are re-checked against the reference's resolver
(`reads_differently`), the caller recovers the few positions it needs from the text, and
any problem found in fast-parsed data is re-diagnosed with the reference loader.
"""
from __future__ import annotations

import yaml

try:
    import yaml_rs
except ImportError:  # optional: without it every file takes the reference path
    yaml_rs = None

from .errors import Problem, RegistryError

try:  # libyaml is ~10x faster; the pure-Python loader gives the same nodes
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_DEPTH = 64  # no registry needs more; a deeper document is hostile or broken

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_SEQ, _MAP = _TAG + "seq", _TAG + "map"


class _Loader(_BaseLoader):
    """SafeLoader without the timestamp resolver: dates stay text and are checked by us."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TAG + "timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class YMap(dict):
    """A mapping that knows the position (line, column; 1-based) of itself and of each value."""

    __slots__ = ("pos", "key_pos", "value_pos")

    def where(self, key) -> tuple[int, int]:
        return self.value_pos.get(key, self.pos)


class YSeq(list):
    """A sequence that knows the position of itself and of each item."""

    __slots__ = ("pos", "item_pos")

    def where(self, index: int) -> tuple[int, int]:
        return self.item_pos[index] if index < len(self.item_pos) else self.pos


def _pos(node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def decode(raw: bytes, *, filename: str) -> str:
    """UTF-8 text, with or without a BOM; anything else is refused with its position."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = " (it looks like GB18030/GBK: save it as UTF-8)"
        except UnicodeDecodeError:
            pass
        raise RegistryError(
            Problem(filename, line, column, f"not valid UTF-8: byte 0x{raw[exc.start]:02x}{hint}")
        ) from None


def parse(text: str, *, filename: str):
    """Parse one YAML document into YMap/YSeq/str/int/float/bool/None, or raise RegistryError."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = f"{message} ({exc.context})"
        raise RegistryError(
            Problem(filename, mark.line + 1 if mark else None, mark.column + 1 if mark else None, f"YAML syntax: {message}")
        ) from None
    except yaml.YAMLError as exc:
        raise RegistryError(Problem(filename, None, None, f"YAML syntax: {exc}")) from None
    except RecursionError:
        raise RegistryError(Problem(filename, None, None, f"document nested deeper than {MAX_DEPTH} levels")) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    return _Walker(filename).value(node, 0)


class _Walker:
    def __init__(self, filename: str):
        self.filename = filename
        self.seen: set[int] = set()

    def fail(self, node, message: str):
        line, column = _pos(node)
        raise RegistryError(Problem(self.filename, line, column, message))

    def value(self, node, depth: int):
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, tag)
        if depth > MAX_DEPTH:
            self.fail(node, f"document nested deeper than {MAX_DEPTH} levels")
        if id(node) in self.seen:
            # The composer shares one node for an anchor and its aliases: expanding them is
            # how "billion laughs" documents blow up, and a registry never needs them.
            self.fail(node, "YAML aliases (*name) are not allowed in a registry; write the value out")
        self.seen.add(id(node))
        if tag == _MAP:
            result = YMap()
            result.pos = _pos(node)
            result.key_pos = {}
            result.value_pos = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.fail(key_node, "a mapping key must be plain text")
                if key_node.tag == _TAG + "merge":
                    self.fail(key_node, "merge keys (<<) are not allowed in a registry")
                key = self.scalar(key_node, key_node.tag)
                if key in result:
                    line, _ = result.key_pos[key]
                    self.fail(key_node, f"duplicate key {key!r} (first defined on line {line})")
                result.key_pos[key] = _pos(key_node)
                result.value_pos[key] = _pos(value_node)
                result[key] = self.value(value_node, depth + 1)
            return result
        if tag == _SEQ:
            result = YSeq(self.value(item, depth + 1) for item in node.value)
            result.pos = _pos(node)
            result.item_pos = [_pos(item) for item in node.value]
            return result
        self.fail(node, f"unsupported YAML tag {tag!r}: a registry holds only plain text, numbers, lists and mappings")

    def scalar(self, node, tag: str):
        value = node.value
        if tag == _STR:
            return value
        if tag == _INT:
            text = value.replace("_", "")
            try:
                return int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else int(text)
            except ValueError:
                self.fail(node, f"not a valid integer: {value!r}")
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() in ("yes", "true", "on", "y")
        if tag == _FLOAT:
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value  # .inf / .nan spellings: leave as text, validation will complain
        self.fail(node, f"unsupported YAML tag {tag!r}: a registry holds only plain text, numbers, lists and mappings")


# -- the fast path --------------------------------------------------------------------------
# Characters that may start YAML syntax the fast parser handles differently from the
# reference (or not at all): tags, anchors/aliases, merge keys, complex keys, directives.
# Each is rare in a registry, and a single-character search is cheap, so on a hit we look
# at its context and refuse only when it can really be syntax.
_INDICATORS = "!&*<?%"
_TOKEN_START = " \n[{,"


def fast_path_refusal(text: str) -> str | None:
    """Why `parse_fast` can't vouch for this text, or None if it can."""
    if yaml_rs is None:
        return "yaml-rs is not installed"
    if "\t" in text:
        return "tabs"  # indentation rules for tabs differ between the parsers
    for char in _INDICATORS:
        at = text.find(char)
        while at != -1:
            before = text[at - 1] if at else "\n"
            after = text[at + 1: at + 2]
            if char == "<":
                if after == "<":
                    return "a merge key (<<)"
            elif char == "%":
                if before == "\n":
                    return "a directive (%)"
            elif char == "?":
                if before in _TOKEN_START and after in (" ", "\n", ""):
                    return "a complex key (?)"
            elif before in _TOKEN_START and after not in (" ", "\n", ""):
                return {"!": "a tag (!)", "&": "an anchor (&)", "*": "an alias (*)"}[char]
            at = text.find(char, at + 1)
    return None


NOT_VOUCHED = object()  # parse_fast's answer when the reference loader must read the text


def parse_fast(text: str):
    """Parse with yaml-rs into plain dicts/lists/scalars (no positions), or NOT_VOUCHED.

    NOT_VOUCHED means "use `parse`": the text holds syntax we can't vouch for, or it
    doesn't parse (the reference loader then says where). A multi-document stream comes
    back as a list of documents; the caller's shape checks refuse it.
    """
    if fast_path_refusal(text) is not None:
        return NOT_VOUCHED
    try:
        return yaml_rs.loads(text, parse_datetime=False)
    except (ValueError, TypeError, OverflowError, RecursionError):
        return NOT_VOUCHED


_RESOLVER = _Loader("")
# First characters of every plain scalar that YAML 1.1 might read as something other than
# text (bool, int, float, null, merge, value); Chinese text never starts with one of them.
_RESOLVABLE_START = frozenset(k for k in _Loader.yaml_implicit_resolvers if k)


def reads_differently(value: str) -> bool:
    """Whether text the fast parser returned as a string is not text for the reference.

    yaml-rs reads YAML 1.2, where `yes`, `on`, `1:30` or `=` are plain text; PyYAML reads
    them as a bool, a number, a `value` tag. We can't tell whether the string was quoted,
    so such a string is not vouched for and the file is re-read with the reference loader.
    """
    if value[:1] not in _RESOLVABLE_START or not value:
        return False  # (yaml-rs reads a plain empty scalar as None: an empty string was quoted)
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STR
