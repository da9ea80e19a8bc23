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

import codecs

import re

import yaml

try:
    import yaml_rs
except ImportError:  # optional: without it every file takes the reference path
    yaml_rs = None

from .errors import RegistryError
from .i18n import YAML_SYNTAX, Notice, Word, problem

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
    """A mapping that knows the position (line, column; 1-based) of itself and of each value,
    and the text of each value written plain that YAML 1.1 reads as a number or a bool
    (`written`, only when there is one: see as_written)."""

    __slots__ = ("pos", "key_pos", "value_pos", "written", "written_keys")

    def where(self, key) -> tuple[int, int]:
        return self.value_pos.get(key, self.pos)


class YSeq(list):
    """A sequence that knows the position of itself and of each item (and `written`, as YMap)."""

    __slots__ = ("pos", "item_pos", "written")

    def where(self, index: int) -> tuple[int, int]:
        return self.item_pos[index] if index < len(self.item_pos) else self.pos


class SomeItems(YSeq):
    """Some items of a long list (see registry._problems_read_alone) and `indexes`, each one's index
    in the whole list, by which `where` and the messages of validation.Checker name it."""

    __slots__ = ("indexes", "_at")

    def __init__(self, items: YSeq, indexes: list[int]):
        super().__init__(items)
        self.pos, self.item_pos, self.indexes = items.pos, items.item_pos, indexes
        self._at = dict(zip(indexes, items.item_pos))  # (an item's `written` text is not looked for: a mapping each)

    def where(self, index: int) -> tuple[int, int]:
        return self._at[index]


def as_written(container, key, value):
    """`value`, the item `key` of `container`: as the text it was written as when it is a plain
    scalar the reference loader read as a number or a bool (note: 017 is the note "017", not 15).
    For a free-text field; fast-parsed data (plain dicts and lists) has no such text."""
    written = getattr(container, "written", None)
    return value if written is None else written.get(key, value)


_NOT_TEXT = (int, float, bool)  # what a plain scalar may be read as besides text and null


def flow_text(value) -> str:
    """`value` (read from YAML) for a message, in YAML's flow form as written (a number or bool as
    its text, see as_written): [1.10] and {a: 1}, not Python's ['1.10'] and {'a': 1}. Text is
    quoted only where plain it would not read as one item (its quotes are not kept: "1.1" is 1.1)."""
    from .yamltext import plain_shape, quoted

    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow_text(key_as_written(value, k))}: {flow_text(as_written(value, k, v))}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_text(as_written(value, i, v)) for i, v in enumerate(value)) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return str(value)  # (a number fast-parsed, a date: as YAML writes them)
    return value if plain_shape(value, flow=True) else quoted(value)


def _remember_written(container, key, node, slot: str = "written") -> None:
    """The text of `node`, a value (slot written) or a key (slot written_keys) YAML read as
    something else, kept under `key`."""
    if not node.style:  # (plain: None, or "" from libyaml; a quoted one is text but for a tag: !!int "017")
        try:
            getattr(container, slot)[key] = node.value
        except AttributeError:  # (the first one)
            setattr(container, slot, {key: node.value})


def key_as_written(mapping, key):
    """`key`, a key of `mapping`, as the text it was written as when YAML read it as something
    else (`~` for None, `yes` for True); else itself. Fast-parsed data has no such text."""
    written = getattr(mapping, "written_keys", None)
    return key if written is None else written.get(key, key)


def _pos(node, lines: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """`node`'s (line, column), 1-based, as editors count them (`lines`: see _editor_lines)."""
    return _mark_pos(node.start_mark, lines)


def _mark_pos(mark, lines: list[tuple[int, int]] | None) -> tuple[int, int]:
    if lines is None:
        return mark.line + 1, mark.column + 1
    line, offset = lines[mark.line]
    return line, mark.column + offset + 1


_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _editor_lines(text: str) -> list[tuple[int, int]] | None:
    """Per line as YAML 1.1 counts them (0-based), its line as editors count them and the
    column it starts at there; None when they agree. YAML also ends a line at a raw U+0085,
    U+2028 or U+2029 (pasted in a quoted text, which it reads): an editor, GitHub and code
    scanning do not, and every position past one was a line too far."""
    if "\u2028" not in text and "\u2029" not in text and "\x85" not in text:  # (the common case)
        return None
    lines = [(1, 0)]
    line, line_start = 1, 0
    for found in _YAML_BREAK.finditer(text):
        if found.group() in ("\x85", "\u2028", "\u2029"):
            lines.append((line, found.end() - line_start))
        else:
            line, line_start = line + 1, found.end()
            lines.append((line, 0))
    return lines


def decode(raw: bytes, *, filename: str) -> str:
    """UTF-8 text, with or without a BOM; anything else is refused with its position."""
    if utf16_without_bom(raw):  # (before decoding: UTF-16 of ASCII alone is valid UTF-8)
        raise RegistryError(problem(filename, 1, 1, "utf16_without_bom"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if utf16_without_bom(raw, probe=len(raw)):  # (its start all Chinese, a long comment: by the whole file)
            raise RegistryError(problem(filename, 1, 1, "utf16_without_bom")) from None
        bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
        start = exc.start + bom  # (utf-8-sig counts from after the byte-order mark)
        line_start = max(raw.rfind(b"\n", 0, start) + 1, bom)
        line = raw.count(b"\n", 0, start) + 1
        column = len(raw[line_start:start].decode("utf-8")) + 1  # (in characters, as editors and every other message count)
        if exc.reason == "unexpected end of data":  # (a character begun in the last bytes: a copy cut short, not GBK)
            raise RegistryError(problem(filename, line, column, "cut_mid_character", byte=f"{raw[start]:02x}")) from None
        line_end = raw.find(b"\n", start)
        hint = _encoding_hint(raw, raw[line_start:line_end if line_end >= 0 else len(raw)])
        raise RegistryError(problem(filename, line, column, "not_utf8", byte=f"{raw[start]:02x}", hint=hint)) from None


# Bytes of a file's start that utf16_without_bom reads: some lines.
UTF16_PROBE = 1024


def utf16_without_bom(raw: bytes, *, probe: int = UTF16_PROBE) -> bool:
    """Whether `raw` is UTF-16 without a byte-order mark (`iconv -t UTF-16LE`) by its first `probe`
    bytes: its ASCII characters, the line ends at least, each beside a NUL, all on one side (UTF-8
    and GB18030 text hold no NUL; a file cut short and filled with zeros holds them on both sides)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    head = raw[:probe]
    major, minor = sorted((head[0::2].count(0), head[1::2].count(0)), reverse=True)
    return major >= 2 and minor * 4 < major


def _encoding_hint(raw: bytes, line: bytes) -> Notice | str:
    """What a file that is no UTF-8 most likely is: UTF-16 by its byte-order mark (Notepad's
    "Unicode"), GB18030/GBK as a whole, else only the `line` (an entry another program added)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Notice("looks_utf16", {})
    for text, looks in ((raw, "looks_gbk"), (line, "looks_gbk_line")):
        try:
            text.decode("gb18030")
        except UnicodeDecodeError:
            continue
        return Notice(looks, {})
    return ""


def parse(text: str, *, filename: str):
    """Parse one YAML document into YMap/YSeq/str/int/float/bool/None, or raise RegistryError."""
    _refuse_comment_in_text(text, filename)
    _check_events(text, filename)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(text, exc, filename) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        context = exc.context
        if exc.context_mark and exc.problem and "end of stream" in exc.problem:
            # an unclosed quote or bracket: where it starts is what the user needs
            mark, context = exc.context_mark, f"{context} that starts here"
        # (the parser's own words, with a hint in both languages where i18n.YAML_SYNTAX knows them)
        detail = Word(YAML_SYNTAX, exc.problem or "invalid YAML", said_in_english=True)
        if context:
            detail = Notice("yaml_detail", {"problem": detail, "context": Word(YAML_SYNTAX, context, said_in_english=True)})
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        slip = _bom_before(text, line) or _unicode_break_before(text, line) or _slip_before(text, line)
        if slip is not None:  # (the parser trips a line or more after it, and says nothing of it)
            line, column, key, values = slip
        else:
            key = "yaml_tab" if "tab character" in (exc.problem or "") else "yaml_syntax"
            values = {"detail": detail}
        raise RegistryError(problem(filename, line, column, key, **values)) from None
    except yaml.YAMLError as exc:
        raise RegistryError(problem(filename, None, None, "yaml_syntax", detail=str(exc))) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    # (a journal is a list, a plan a mapping)
    return _Walker(filename, _editor_lines(text), journal=isinstance(node, yaml.SequenceNode)).value(node, 0)


# Slips the YAML parser reports late and obscurely: a merge conflict left in the file, a key
# typed with a Chinese input method's colon, an indent of full-width spaces.
# A conflict is its three markers in order, each at a line's start (one alone may be a note's),
# in LF or CRLF lines (git writes its markers in the file's line ends).
_CONFLICT = re.compile(r"^<{7}(?: .*)?\n(?:.*\n)*?={7}\r?\n(?:.*\n)*?>{7}(?: |\r?$)", re.MULTILINE)
# One marker line left alone (the others deleted): looked for only where the parser trips. (|||||||
# opens the base of merge.conflictStyle diff3 and zdiff3.)
_CONFLICT_MARKER = re.compile(r"^(<{7}(?: [^\r\n]*)?|\|{7}(?: [^\r\n]*)?|={7}|>{7}(?: [^\r\n]*)?)\r?$", re.MULTILINE)
# A journal is a list at the left margin, a plan a mapping: its first line of content says which.
_FIRST_CONTENT = re.compile(r"^(?!\s*(?:#|$)|---|<{7}|={7}|>{7}).", re.MULTILINE)
_FULL_WIDTH_COLON = re.compile(r"^[ \t]*(?:- +)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*：", re.MULTILINE)
_FULL_WIDTH_INDENT = re.compile(r"^ *\u3000", re.MULTILINE)
_FULL_WIDTH_AFTER = re.compile(r"^[ \t]*(?:- +)?(?:([A-Za-z_][A-Za-z0-9_]*):|-)\u3000", re.MULTILINE)  # key:　/ -　
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
# The keys of a registry and a journal: a slip is a key's (PM10：45 in a note is the note's text).
_KEYS = frozenset((
    "registry units tasks title issuer inspection feedback_date report_date source settings claims timezone "
    "warn_days report_period_days immediate_due key text value name aliases kind id problem deadline milestones "
    "reported state ongoing regions measures owners lead due label measure date note evidence by milestone to "
    "reason approved_by late far_future hash").split())
# Each slip: its pattern, its label (problem_<key>), and which matches are one: after a colon,
# only a registry key's (PM10：45 in a note is the note's text).
_SLIPS = (
    (_FULL_WIDTH_COLON, "full_width_colon", lambda match: match.group(1) in _KEYS),
    (_FULL_WIDTH_INDENT, "full_width_indent", lambda match: True),
    (_FULL_WIDTH_AFTER, "full_width_after", lambda match: match.group(1) is None or match.group(1) in _KEYS),
    (_TAB_INDENT, "tab_indent", lambda match: True),
)
_SLIP_LINES = 3  # a slip is looked for on the line the parser names and the two before it


def _slip_before(text: str, line: int | None) -> tuple[int, int, str, dict] | None:
    """(line, column, label key, its values) of the slip that best explains a syntax error on `line` (1-based,
    None: unknown), or None. A merge conflict anywhere; the others on that line or just before it."""
    conflict = _CONFLICT.search(text)
    if conflict is not None:
        first = _FIRST_CONTENT.search(text)
        journal = first is not None and first.group() == "-"
        base = re.search(r"^\|{7}(?: |\r?$)", conflict.group(), re.MULTILINE) is not None  # (conflictStyle diff3)
        key = "merge_conflict_journal" if journal else "merge_conflict_base" if base else "merge_conflict"
        return text.count("\n", 0, conflict.start()) + 1, 1, key, {}
    if line is None:
        return None
    start, end = _line_end(text, line - _SLIP_LINES) + 1 if line > _SLIP_LINES else 0, _line_end(text, line)
    marker = _CONFLICT_MARKER.search(text, start, end)
    if marker is not None:
        return text.count("\n", 0, marker.start()) + 1, 1, "conflict_marker_left", {"marker": marker.group(1)}
    found = []
    for pattern, key, counts in _SLIPS:
        matches = [match for match in pattern.finditer(text, start, end) if counts(match)]
        if matches:
            match = matches[-1]  # (the last one before the error)
            found.append((match.end() - 1, key, {"key": match.group(1) or "-"} if pattern.groups else {}))
    if not found:
        return None
    at, key, values = max(found, key=lambda slip: slip[0])
    line_start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - line_start + 1, key, values


_UNICODE_BREAK = re.compile("[\x85\u2028\u2029]")


def _unicode_break_before(text: str, line: int | None) -> tuple[int, int, str, dict] | None:
    """A raw U+2028, U+2029 or U+0085 (text pasted from Word or a web page) at or before the
    parser's error `line`: YAML 1.1 reads it as a line break, so the parser trips on the next
    "line", one an editor does not show, and counts lines past it that an editor does not."""
    found = _UNICODE_BREAK.search(text)
    if found is None or line is None:
        return None
    at = found.start()
    line_start = text.rfind("\n", 0, at) + 1
    at_line = text.count("\n", 0, at) + 1  # (no Unicode break before it: the parser's line too)
    if at_line > line:
        return None
    return at_line, at - line_start + 1, "unicode_line_break", {"code": f"{ord(found.group()):04X}"}


def _bom_before(text: str, line: int | None) -> tuple[int, int, str, dict] | None:
    """A byte-order mark (U+FEFF) at the start of a line before the parser's error `line`, or on
    that line: two files joined (`cat a b`), the second saved with one, as Notepad saves UTF-8.
    The parser trips on it as on any character, or on the line after, without naming it."""
    if line is None or "\ufeff" not in text:  # (the common case: one quick look)
        return None
    end = _line_end(text, line)
    line_start = text.rfind("\n", 0, end) + 1
    for found in _BOM.finditer(text, 0, end):
        at = found.start()
        if at == 0 or text[at - 1] == "\n" or at >= line_start:
            start = text.rfind("\n", 0, at) + 1
            return text.count("\n", 0, at) + 1, at - start + 1, "bom_mid_file", {}
    return None


_BOM = re.compile("\ufeff")


# A comment after the text of a free-text key written without quotes, its # against what follows
# as in a number: `note: 管网已通水 #1号泵站` reads as 管网已通水, the rest dropped without a word
# (what rectify writes is quoted). A comment of its own, `# ` and words, is a comment.
_TEXT_KEYS = "note|text|title|problem|reason|evidence|label|issuer|inspection|source"
_COMMENT_IN_TEXT = re.compile(rf"^[ \t]*(?:- +)?({_TEXT_KEYS}):[ \t]+(?![\"'|>#\s])[^\n]*?[ \t](#)(?=[^\s#])",
                              re.MULTILINE)


def _comment_in_text(text: str) -> re.Match | None:
    if " #" not in text and "\t#" not in text:  # (the common case: one quick look)
        return None
    return _COMMENT_IN_TEXT.search(text)


def _refuse_comment_in_text(text: str, filename: str) -> None:
    found = _comment_in_text(text)
    if found is not None:
        at = found.start(2)
        line_start = text.rfind("\n", 0, at) + 1
        raise RegistryError(problem(filename, text.count("\n", 0, at) + 1, at - line_start + 1, "comment_in_text",
                                    key=found.group(1)))


def _line_end(text: str, line: int) -> int:
    """Where the 1-based `line` of `text` ends (its line break excluded)."""
    at = -1
    for _ in range(line):
        at = text.find("\n", at + 1)
        if at < 0:
            return len(text)
    return at


def _reader_problem(text: str, exc, filename: str) -> RegistryError:
    """A character YAML forbids (a raw control character): name it and where it is."""
    # libyaml reports a byte offset into the UTF-8 text, the pure-Python reader a character offset
    if _BaseLoader is yaml.SafeLoader:
        prefix = text[: exc.position]
    else:
        prefix = text.encode("utf-8")[: exc.position].decode("utf-8", "replace")
    line = prefix.count("\n") + 1
    column = len(prefix) - (prefix.rfind("\n") + 1) + 1
    char = exc.character if isinstance(exc.character, int) else ord(exc.character)
    rest = set(text[len(prefix):])
    if char == 0x1A and rest <= {"\x1a", "\r", "\n"}:  # (DOS `copy` ends a text file so)
        return RegistryError(problem(filename, line, column, "ctrl_z_at_end"))
    if char == 0 and rest == {"\x00"}:  # (a network drive or a copy cut short fills the rest with zeros)
        return RegistryError(problem(filename, line, column, "nul_at_end"))
    return RegistryError(problem(filename, line, column, "yaml_control", code=f"{char:02x}"))


def _check_events(text: str, filename: str) -> None:
    """Refuse, before composing it, a document nested deeper than MAX_DEPTH or holding an
    anchor (&name).

    Composing recurses once per level (in C for libyaml): 100,000 nested '[' overflow the
    C stack and kill the process. Composing expands aliases (*name), which is how "billion
    laughs" documents blow up, and an alias of an id or a date would silently repeat it
    elsewhere; a registry never needs them. libyaml's event parser is iterative, so this is
    safe; a syntax error is left for the composing pass to report.
    """
    loader = _Loader(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if getattr(event, "anchor", None) is not None:  # (an alias names an anchor before it)
                raise RegistryError(problem(filename, *_mark_pos(event.start_mark, _editor_lines(text)), "anchors"))
            if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                if depth > MAX_DEPTH:
                    raise RegistryError(problem(filename, *_mark_pos(event.start_mark, _editor_lines(text)), "too_deep",
                                                depth=MAX_DEPTH))
                depth += 1
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                depth -= 1
            elif event is None or kind is yaml.StreamEndEvent:
                return
    except yaml.MarkedYAMLError as exc:
        # PyYAML 6.0.4+ has a nesting limit of its own in the scanner, which can trip before the
        # parser hands us the 65th level: report it the same way, where it tripped.
        if exc.problem and "nesting depth" in exc.problem and exc.problem_mark is not None:
            mark = exc.problem_mark
            raise RegistryError(problem(filename, mark.line + 1, mark.column + 1, "too_deep", depth=MAX_DEPTH)) from None
        return  # a syntax error: the composing pass reports it with its usual message
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


class _Walker:
    def __init__(self, filename: str, lines: list[tuple[int, int]] | None = None, *, journal: bool = False):
        self.filename = filename
        self.lines = lines  # (see _editor_lines)
        self.journal = journal  # the document is a list (a journal's entries)

    def fail(self, node, message_key: str, /, **values):
        """Refuse the file at `node`: label problem_<message_key> with `values`."""
        line, column = _pos(node, self.lines)
        raise RegistryError(problem(self.filename, line, column, message_key, **values))

    def value(self, node, depth: int):
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, tag)
        if depth > MAX_DEPTH:
            self.fail(node, "too_deep", depth=MAX_DEPTH)
        if tag == _MAP:
            result = YMap()
            result.pos = _pos(node, self.lines)
            result.key_pos = {}
            result.value_pos = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.fail(key_node, "key_not_text")
                if key_node.tag == _TAG + "merge":
                    self.fail(key_node, "merge_key")
                key = self.scalar(key_node, key_node.tag)
                if key in result:
                    line, _ = result.key_pos[key]
                    # (a journal's entry with two hash: keys holds two entries' lines: git's merge=union
                    # interleaves two branches' appends so; a key typed twice by hand is only that)
                    merged = self.journal and depth == 1 and sum(k.value == "hash" for k, _ in node.value) > 1
                    self.fail(key_node, "duplicate_key_merged" if merged else "duplicate_key",
                              key=key if key.__class__ is str else key_node.value, line=line)
                result.key_pos[key] = _pos(key_node, self.lines)
                if key.__class__ is not str:  # (~, yes, 2.10: said as written, not as None, True, 2.1)
                    _remember_written(result, key, key_node, "written_keys")
                result.value_pos[key] = _pos(value_node, self.lines)
                value = result[key] = self.value(value_node, depth + 1)
                if value.__class__ in _NOT_TEXT:
                    _remember_written(result, key, value_node)
            return result
        if tag == _SEQ:
            result = YSeq(self.value(item, depth + 1) for item in node.value)
            for index, value in enumerate(result):
                if value.__class__ in _NOT_TEXT:
                    _remember_written(result, index, node.value[index])
            result.pos = _pos(node, self.lines)
            lines = self.lines
            result.item_pos = [_pos(item, lines) for item in node.value]
            return result
        self.fail(node, "yaml_tag", tag=tag)

    def scalar(self, node, tag: str):
        value = node.value
        if tag == _STR:
            return value
        if tag == _INT:
            if ":" in value:
                return value  # YAML 1.1 base 60 (10:30): a time of day in a note, keep the text
            text = value.replace("_", "")
            try:
                return int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else int(text)
            except ValueError:
                self.fail(node, "bad_integer", value=value)
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() in ("yes", "true", "on", "y")
        if tag == _FLOAT:
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value  # (.inf / .nan: kept as written; a text field takes it so, a number field refuses it)
        self.fail(node, "yaml_tag", tag=tag)


# -- the fast path --------------------------------------------------------------------------
# Characters that may start YAML syntax the fast parser handles differently from the
# reference (or not at all): tags, anchors/aliases, merge keys, complex keys, directives.
# Each is rare in a registry, and a single-character search is cheap, so on a hit we look
# at its context and refuse only when it can really be syntax.
_INDICATORS = "!&*<?%"
MAX_FAST_LINE = 4000
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_TOKEN_START = " \n[{,"


def fast_path_refusal(text: str) -> str | None:
    """Why `parse_fast` can't vouch for this text, or None if it can."""
    if yaml_rs is None:
        return "yaml-rs is not installed"
    if "\t" in text:
        return "tabs"  # indentation rules for tabs differ between the parsers
    if _comment_in_text(text) is not None:
        return "a comment after a text"  # the reference refuses it, where it is
    if _NON_PRINTABLE.search(text):
        return "a control character"  # YAML forbids them raw; the reference says where
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        return "a Unicode line break"  # a line break in YAML 1.1 (the reference), text in 1.2
    if "\ufeff" in text:
        return "a byte-order mark in mid-file"  # the reference trips on it, and _bom_before names it
    if _longest_line_over(text, MAX_FAST_LINE):
        # Block nesting needs a long line (indentation or `- - - …`); yaml-rs recurses per
        # level and crashes the process somewhere past 5,000 levels, libyaml's event check doesn't.
        return "a very long line"
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
    if _count_written_unplain(text) or _UNPLAIN_ID.search(text):
        # 055 is 45 to the reference, 55 to yaml-rs; 0x2d 45 to both: which Checker refuses where it is
        return "a count not in plain decimal"
    if text and text[-1] not in "\n\r":
        # A block scalar (| or >) ending the file: yaml-rs gives it a line break the text lacks
        return "no line break at the end"
    if _EMPTY_BLOCK_HEADER.search(_last_line(text)):
        return "an empty block text at the end"  # yaml-rs reads it as a line break, the reference as ""
    return None


# A claim's value: written as YAML reads an integer but not in plain decimal (0x2d, 4_5, 055, +45).
_UNPLAIN_COUNT = re.compile(r"[ \t]+(?:[-+]|0[0-9A-Za-z_]|[1-9][0-9]*_)")


# An id so written (012, 0x2, +2, 2_0). One search: 17 ms over a national plan's 122,000 ids, which
# the find loop of _count_written_unplain takes several times longer over (a settings' count, written
# once in a header, is left to the reference: a plan written so is refused all the same).
_UNPLAIN_ID = re.compile(r"id:[ \t]+(?:[-+]|0[0-9A-Za-z_]|[1-9][0-9]*_)")


def _count_written_unplain(text: str) -> bool:
    """Whether a `value:` (a claim's, or text that says so: then the reference reads the file for
    nothing) is written so. Found by str.find: a regex search of a national plan took 4x longer."""
    at = text.find("value:")
    while at != -1:
        if _UNPLAIN_COUNT.match(text, at + 6):
            return True
        at = text.find("value:", at + 6)
    return False


# A block text's header (`|`, `>+`, `|2 # 注释`) ending a line, after a key or a list's dash:
# a text ending in `|` or `>` (`note: 甲|`) is not one.
_EMPTY_BLOCK_HEADER = re.compile(r"(?:^|[:-] +)[|>][0-9+-]*(?: +#.*)?$")


def _last_line(text: str) -> str:
    """The last line of `text` holding more than spaces (found from the end: no copy of a big text)."""
    end = len(text)
    while end and text[end - 1] in " \r\n":
        end -= 1
    return text[max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1:end]


def _longest_line_over(text: str, limit: int) -> bool:
    """Whether a line of `text` is longer than `limit` characters.

    A line longer than `limit` covers a whole block of (limit + 1) // 2 characters counted
    from the start; so when every such block holds a newline, no line is that long. That
    takes one short str.find per block, where splitting 100 MB into lines takes 0.2 s.
    """
    block = max((limit + 1) // 2, 1)
    find = text.find
    for start in range(0, len(text) - block + 1, block):
        if find("\n", start, start + block) == -1:  # maybe a long line: measure them all
            return max(map(len, text.splitlines()), default=0) > limit
    return False


NOT_VOUCHED = object()  # parse_fast's answer when the reference loader must read the text


def parse_fast(text: str, *, long_list: str | None = None):
    """Parse with yaml-rs into plain dicts/lists/scalars (no positions), or NOT_VOUCHED.

    NOT_VOUCHED means "use `parse`": the text holds syntax we can't vouch for, or it
    doesn't parse (the reference loader then says where). A multi-document stream comes
    back as a list of documents; the caller's shape checks refuse it. `long_list`: where the
    bulk of the text is one block sequence, the top-level key whose value it is ("" when it is
    the document itself); a big text is then read in pieces (see _in_pieces).
    """
    if fast_path_refusal(text) is not None:
        return NOT_VOUCHED
    if long_list is not None and len(text) >= PIECES_FROM:
        try:
            data = _in_pieces(text, long_list)
        except FAST_PARSE_FAILURES:  # (a piece that doesn't parse alone: the whole says whether it parses)
            data = None
        if data is not None:
            return data
    try:
        return yaml_rs.loads(text, parse_datetime=False)
    except FAST_PARSE_FAILURES:
        return NOT_VOUCHED


# What yaml-rs raises on a text it can't read (the reference loader then says why).
FAST_PARSE_FAILURES = (ValueError, TypeError, OverflowError, RecursionError)


def parse_fast_in_pieces(text: str, long_list: str):
    """parse_fast's reading of a big `text` whose bulk is one block sequence (see its
    `long_list`), that sequence read a piece at a time as the caller goes through it: (the
    document, its long list holding the first piece's items; an iterator of each later piece's
    items, read when reached), or None when the text isn't read so (parse_fast reads it).
    Going through the pieces raises one of FAST_PARSE_FAILURES where a piece doesn't read
    alone as in the whole (see _in_pieces): the whole must then be read at once."""
    if len(text) < PIECES_FROM or fast_path_refusal(text) is not None:
        return None
    try:
        return _pieces(text, long_list)
    except FAST_PARSE_FAILURES:
        return None


# yaml-rs holds a whole document in its own form before it makes Python's: a big text whose bulk
# is one block sequence is read in pieces of about PIECE_CHARS characters, a run of the sequence's
# items each. At 100,000 measures the plan (56 MB) is read so with a peak of 334 MiB against 505
# whole, in 1.44-1.77 s of CPU against 1.53-2.18 s; the journal (54 MB) with 325 MiB against 488,
# in about the same time (four runs each, alternately).
PIECES_FROM = 4_000_000
PIECE_CHARS = 500_000


def _in_pieces(text: str, long_list: str):
    """yaml-rs's reading of `text` (see parse_fast) made from the readings of its pieces, or None
    when it can't be cut so. Raises what yaml_rs.loads raises of a piece, or ValueError where a
    piece doesn't read alone as in the whole.

    The text is cut before lines that start an item of its long list, `- ` at the items'
    indentation. Such a line ends whatever block the item before it opened: a piece reads alone
    as it reads in the whole, unless the cut falls within a quoted text or a bracket spanning
    lines, where the piece before it ends unclosed and doesn't parse (the whole is then read at
    once). A piece but the last is read followed by an empty item, as the whole follows it by an
    item (yaml-rs reads an empty block text ending the document as a line break, else as nothing),
    and the empty item is dropped. Nothing may follow the list (a key less indented than its items:
    yaml-rs refuses it after a piece), nor a document marker after any line break (which would
    read as a stream of documents).
    """
    found = _pieces(text, long_list)
    if found is None:
        return None
    data, later = found
    items = data[long_list] if long_list else data
    for piece in later:
        items.extend(piece)
    return data


def _pieces(text: str, long_list: str):
    """(the first piece's reading, its items in the long list; an iterator reading each later
    piece's items), or None when the text can't be cut (see _in_pieces). Raises what
    yaml_rs.loads raises of the first piece; the iterator raises that or ValueError."""
    if any(marker in text for marker in ("\n---", "\n...", "\r---", "\r...")):
        return None
    if long_list:
        head = f"\n{long_list}:\n"
        start = text.find(head)
        if start == -1:
            return None
        start += len(head)
    else:
        start = 0
    while True:  # the list's first item, after any blank line or comment
        end = text.find("\n", start)
        line = text[start:end].rstrip("\r")
        if end == -1 or line.strip() and not line.lstrip(" ").startswith("#"):
            break
        start = end + 1
    indent = len(line) - len(line.lstrip(" "))
    if end == -1 or not line.startswith("- ", indent):
        return None
    item = "\n" + " " * indent + "- "
    cuts = [0]
    at = text.find(item, start + PIECE_CHARS)
    while at != -1:
        cuts.append(at + 1)
        at = text.find(item, at + 1 + PIECE_CHARS)
    if len(cuts) == 1:
        return None
    cuts.append(len(text))
    next_item = " " * indent + "-\n"
    data = yaml_rs.loads(text[:cuts[1]] + next_item, parse_datetime=False)
    if long_list:
        if type(data) is not dict or not data or next(reversed(data)) != long_list:
            return None
        items = data[long_list]
    else:
        items = data
    if type(items) is not list or items[-1:] != [None]:
        return None
    del items[-1]
    return data, _later_pieces(text, cuts[1:], next_item)


def _later_pieces(text: str, cuts: list[int], next_item: str):
    """The items of each piece of `text` from each of `cuts` to the next (see _pieces)."""
    for begin, end in zip(cuts, cuts[1:]):
        last = end == len(text)
        piece = yaml_rs.loads(text[begin:end] + ("" if last else next_item), parse_datetime=False)
        if type(piece) is not list or not last and piece[-1:] != [None]:
            raise ValueError("a piece that doesn't read alone as in the whole")
        yield piece if last else piece[:-1]


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


def plain_value(value: str):
    """What the reference loader reads `value` as, written plain: itself, or a number, a
    bool or None. Raises RegistryError where the reference does (an integer such as 0x_)."""
    if not reads_differently(value):
        return value
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return _Walker("<value>").scalar(yaml.ScalarNode(tag, value, _NO_MARK, _NO_MARK), tag)


_NO_MARK = yaml.Mark("<value>", 0, 0, 0, None, None)
