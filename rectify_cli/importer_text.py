"""Text repair for report texts extracted from PDF: decoding, normalisation, paragraphs.

Everything here is pure and deterministic.  The damage handled:

* spacing: "2018 年 6 月 30 日" -> "2018年6月30日", also "3 1日" (a line wrap inside a date's
  number); a space next to a CJK character or full-width punctuation is removed, a space
  between two Latin words or numbers is kept;
* punctuation width: half-width , ; : ( ) ! ? in Chinese text become ， ； ： （ ） ！ ？
  (ASCII is kept inside numbers such as 3200.852, 10:30 or 1,000 and ranges like 2016-2020);
* extraction artefacts: "PM_{2.5}" -> "PM2.5", subscript digits "PM₁₀" -> "PM10";
* page breaks: a blank line that cuts a sentence is removed (paragraphs are joined) when the
  previous paragraph does not end with sentence-final punctuation and the next one does not
  start a new item (nor when it ends a unit line, 责任单位：西宁市, and the next one is headed: 配合单位：…);
* no blank lines: a line that starts a new item (1. 二、 整改进展：) after a line ending a sentence
  starts a new paragraph, as does a headed line (整改情况：, 配合单位：) after a unit line (责任单位：西宁市);
* page numbers alone on a line ("— 3 —", "第3页", "第3页 共20页", "3/20", or "3" between blank lines) are page
  breaks; a running page header repeated beside one is dropped;
* fragments duplicated at page joins ("《中华" / "《中华人民共和国…") are dropped;
* a book title that lost its closing parenthesis at a page join ("（试" / "行》") is closed.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .errors import ReportFormatError
from .i18n import Notice, problem
from .importer_owners import SEPARATORS

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# full-width / Chinese punctuation that behaves like CJK for spacing purposes
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
_CJKISH = f"[{CJK}{CJK_PUNCT}]"

HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
# Digits as ASCII: subscripts (PM₂.₅) and full-width digits (２０１８年, as an extraction may give them).
DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉０１２３４５６７８９", "0123456789" * 2)

# A figure grouped in thousands by one separator (1,234, 1，234, 1 234, 12,345,678): read whole where
# a count's unit follows it; a report's ， is a clause's comma too (已完成3，4项), so only groups of three.
GROUPED_DIGITS = r"(?<![0-9０-９.,])[0-9０-９]{1,3}(?P<sep>[,， ])[0-9０-９]{3}(?:(?P=sep)[0-9０-９]{3})*"
SENTENCE_FINAL = "。！？；：…"
CN_NUM = "零〇一二三四五六七八九十百"

# a page number alone on its line, as PDF extraction leaves it at page breaks: — 3 —, - 3 -, －3－,
# 第3页, 第3页 共20页, 共20页 第3页, 3/20, - 3 / 20 -
_N = r"[0-9０-９]{1,4}"
_OF = rf"(?:\s*[/／]\s*{_N})"  # "/20": of how many pages
_PAGE, _PAGES, _DASH = rf"第\s*{_N}\s*页", rf"共\s*{_N}\s*页", r"[-—－–―]+"
PAGE_NUMBER = re.compile(rf"\s*(?:{_DASH}\s*{_N}{_OF}?\s*{_DASH}|{_PAGE}(?:\s*[，,/／]?\s*{_PAGES})?|{_PAGES}\s*[，,/／]?\s*{_PAGE}|{_N}{_OF})\s*")
BARE_NUMBER = re.compile(r"\s*[0-9０-９]{1,4}\s*")  # (one between blank lines: no sentence is a number alone)

# a problem's headings: its deadline (as other provinces word 整改时限 too), its 整改进度, a measure's 整改进展
DEADLINE_HEADS = ("整改时限", "整改期限", "完成时限")
HEADINGS = rf"(?:{'|'.join(DEADLINE_HEADS)}|整改进度|整改进展)："
# a heading alone on its line before a problem's measures, as other provinces write it: no text of theirs
MEASURES_HEADING = "整改措施："

# paragraph starts that open a new item and therefore never continue the previous paragraph
ITEM_START = re.compile(
    rf"^(?:[{CN_NUM}]+、|\d{{1,3}}\.(?!\d)|\d{{1,3}}、|（\d{{1,3}}）|[\u2460-\u2473]|（[{CN_NUM}]+）|{HEADINGS}|{MEASURES_HEADING}$|附：)"
)

HEADING_START = re.compile(rf"^(?:{HEADINGS}|{MEASURES_HEADING}$|附：)")

# the heads of a line naming units (牵头单位：…) and of a measure's progress note, as other provinces write them
# (importer_parse reads them; here, a line so headed after a complete unit line is a line of its own)
UNITS_HEAD = r"((?:责任|牵头|配合|主办|协办)(?:单位|部门))："
NOTE_HEADS = r"(整改进展情况|整改完成情况|整改落实情况|整改情况|完成情况|进展情况)："
UNITS_AT = re.compile(rf"(?:^|(?<=[。；）])){UNITS_HEAD}")
HEADED = re.compile(rf"{UNITS_HEAD}|{NOTE_HEADS}")


# invisible characters a copy from a PDF leaves in the text, meaning nothing in Chinese (a zero-width space,
# non-joiner, joiner, word joiner, a byte order mark in mid-text, the left-to-right, right-to-left and Arabic
# letter marks): dropped as the text is read, or one inside 整改进展： hides every such heading (a line keeps
# its number), and a mark kept in a measure every report shows as \u200e
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c"


def _without_zero_width(text: str) -> str:
    """`text` without ZERO_WIDTH's characters. (str.replace, each looked for first: str.translate
    took 0.6 s on a 4-million-character report holding none.)"""
    for char in ZERO_WIDTH:
        if char in text:
            text = text.replace(char, "")
    return text


def read_as(of: str) -> dict:
    """The values naming what a text was to be in the refusals of reading it: `of` "report" (import's,
    reconcile's) or "summary" (verify --since-summary's: a monthly summary saved or pasted)."""
    return {key: Notice(f"{label}_{of}", {}) for key, label in (("text", "text_of"), ("doc", "doc"), ("then", "then"),
                                                                  ("then_whole", "whole"))}


def decode_report(raw: bytes, *, filename: str) -> str:
    """Decode a report: UTF-16 with its byte order mark (Windows Notepad's "Unicode"), UTF-8
    (with or without BOM), else GB18030 (a superset of GBK); UTF-16 without its mark is refused
    as such (GB18030 would decode it into nonsense). Zero-width characters (ZERO_WIDTH) are dropped.

    Undecodable input raises ReportFormatError naming the line and the place of the first bad
    byte, counted from 1 (as seen by the UTF-8 decoder, or the UTF-16 one). A PDF, an office
    document or a web page is refused as such: its text is to be taken out of it first."""
    text, gb18030 = _text(raw, filename=filename, of="report")
    if not text.strip():  # (a failed download, a copy never pasted: no report numbering its problems otherwise)
        raise ReportFormatError(problem(filename, None, None, "import_empty"))
    if WEB_PAGE.match(text):
        raise ReportFormatError(problem(filename, None, None, "import_html", **read_as("report")))
    if gb18030 and "整改" not in text:  # (Big5, Shift-JIS decode as GB18030 into nonsense: not "no appendix found")
        raise ReportFormatError(problem(filename, None, None, "import_not_gb18030"))
    return text


def decode_text(raw: bytes, *, filename: str, of: str) -> str:
    """Any text rectify is handed to read, as decode_report reads a report (its encodings, its
    refusals of other kinds of file), without what only a report must hold; `of`: see read_as."""
    return _text(raw, filename=filename, of=of)[0]


def _text(raw: bytes, *, filename: str, of: str) -> tuple[str, bool]:
    said = read_as(of)
    for magic, key in _OTHER_KINDS:
        if raw.startswith(magic):
            raise ReportFormatError(problem(filename, None, None, key, **said))
    text, gb18030 = _decoded(raw, filename=filename, said=said)
    text = _without_zero_width(text)
    if "\x00" in text:  # (no text holds a NUL: bytes of another kind, which GB18030 decodes into nonsense)
        raise ReportFormatError(problem(filename, None, None, "import_binary", **said))
    return text, gb18030


# files of other kinds, by their first bytes: a PDF; a .docx/.xlsx/.wps (zip) or .doc/.xls (OLE); a
# picture (PNG, JPEG, GIF) or an archive (gzip, 7z, RAR), which GB18030 would decode into nonsense
_OTHER_KINDS = ((b"%PDF-", "import_pdf"), (b"PK\x03\x04", "import_office"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "import_office"),
                (b"\x89PNG\r\n\x1a\n", "import_binary"), (b"\xff\xd8\xff", "import_binary"), (b"GIF8", "import_binary"),
                (b"\x1f\x8b", "import_binary"), (b"7z\xbc\xaf\x27\x1c", "import_binary"), (b"Rar!\x1a\x07", "import_binary"))
# "as of" in words: the report's headline, its opening's figures, is the first paragraph saying it (截至2019年3月,
# 截止2019年3月, or undated: 截至目前, 截至今年); the import reads its claims there, reconcile looks there for figures none records
AS_OF_WORD = re.compile(r"截[至止][^，。；\d]{0,6}")
WEB_PAGE = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


def _decoded(raw: bytes, *, filename: str, said: dict) -> tuple[str, bool]:
    """decode_report's text, in whichever of its encodings the bytes are, and whether it was read as GB18030;
    `said`: read_as's values, for a refusal."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # (no UTF-8 or GB18030 text begins so: 0xff is in neither)
        if b"\x00" not in raw and _reads_as_utf8(raw[2:]):  # (UTF-16 text has a NUL in every ASCII character)
            raise ReportFormatError(problem(filename, 1, 1, "import_utf8_behind_utf16_mark", mark=raw[:2].hex(" ").upper()))
        return _utf16(raw, filename=filename, said=said).replace("\r\n", "\n").replace("\r", "\n"), False
    from .yamlio import utf16_without_bom  # (here: the text's repairs need no YAML parser)

    if utf16_without_bom(raw):
        raise ReportFormatError(problem(filename, 1, 1, "import_utf16_without_bom", **said))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw_utf8 = raw[3:]
    else:
        raw_utf8 = raw
    gb18030 = False
    try:
        text = raw_utf8.decode("utf-8")
    except UnicodeDecodeError as utf8_err:
        try:
            text, gb18030 = raw.decode("gb18030"), True
        except UnicodeDecodeError as gb_err:
            offset = utf8_err.start + (len(raw) - len(raw_utf8))
            for cut, at in ((_cut_short(utf8_err, len(raw_utf8)), offset), (_cut_short(gb_err, len(raw)), gb_err.start)):
                if cut:  # (a text whole but for its last character: a file cut short, not another encoding)
                    raise ReportFormatError(problem(filename, *_line_column(raw, at), "import_cut_short", at=at + 1, **said)) from None
            raise ReportFormatError(problem(filename, *_line_column(raw, offset), "import_undecodable", at=offset + 1,
                                            byte=f"{raw[offset]:02x}", gb_at=gb_err.start + 1, **said)) from None
        # a GB18030 decode of pure ASCII/UTF-8-looking text is fine; nothing else to check
    return text.replace("\r\n", "\n").replace("\r", "\n"), gb18030


def _utf16(raw: bytes, *, filename: str, said: dict) -> str:
    """A UTF-16 text, in the byte order its mark says (the mark dropped); its line and column
    counted in characters when refused (a byte 0x0a is no line end in UTF-16)."""
    try:
        return raw.decode("utf-16")
    except UnicodeDecodeError as err:
        before = raw[: err.start].decode("utf-16")
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        key = "import_cut_short" if _cut_short(err, len(raw)) else "import_not_utf16"
        raise ReportFormatError(problem(filename, line, column, key, at=err.start + 1, **said)) from None


def _reads_as_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _cut_short(error: UnicodeDecodeError, size: int) -> bool:
    """Whether decoding failed only on a character the end of the data cuts in two."""
    return error.end == size and error.reason in ("unexpected end of data", "incomplete multibyte sequence", "truncated data")


def _line_column(raw: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of the byte at `offset`, both from 1."""
    return raw[:offset].count(b"\n") + 1, offset - raw.rfind(b"\n", 0, offset)


def tabbed_line(text: str) -> int | None:
    """The first line (from 1) holding three or more columns separated by tabs: a table pasted from
    a spreadsheet or a document, which normalise runs together into one sentence."""
    return next((no for no, line in enumerate(text.split("\n"), 1) if sum(1 for c in line.split("\t") if c.strip()) >= 3), None)


def _has_cjk(s: str) -> bool:
    return re.search(f"[{CJK}]", s) is not None


# every space a text may hold but the plain one: a tab, a no-break one, the ideographic one, and the en, em, thin
# and narrow spaces a PDF extraction may space words out with (（长期\u2002坚持） was refused)
SPACES = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def normalise(s: str) -> str:
    """Normalise one paragraph (no newlines inside)."""
    s = SPACES.sub(" ", s)
    s = re.sub(r"_\{([^{}]*)\}", r"\1", s)  # PM_{2.5} -> PM2.5
    s = s.translate(DIGITS)
    s = re.sub(r" {2,}", " ", s).strip()
    s = re.sub(r"^(\d{1,3})．(?!\d)", r"\1.", s)  # (1． as a Chinese keyboard types it: the number 1.)
    # (bounded: as many digits and single spaces as a date has; unbounded, 1 1 1 … was tried from each digit to its end)
    s = re.sub(r"(?<!\d)\d[\d ]{0,7}年[\d ]{0,5}月(?:[\d ]{0,5}日)?", _close_split_date, s)
    if _has_cjk(s):
        s = _widen_punct(s)
    # spaces: drop every space next to a CJK character or full-width punctuation; keep only
    # spaces between two non-CJK characters ("GB/T 17775-2003", Latin words).
    s = re.sub(rf"(?<={_CJKISH}) | (?={_CJKISH})", "", s)
    s = _close_book_titles(s)
    return s


def _close_split_date(m: re.Match[str]) -> str:
    """A date with a space between its digits, left by a line wrap inside a number
    ("2020年12月3\n1日"): its digits joined, when that makes a date; else as it was."""
    joined = m.group(0).replace(" ", "")
    return joined if re.fullmatch(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?", joined) else m.group(0)


def _widen_punct(s: str) -> str:
    out = []
    n = len(s)
    for i, ch in enumerate(s):
        full = HALF_TO_FULL.get(ch)
        if full is None:
            out.append(ch)
            continue
        if ch in ",:" and 0 < i < n - 1 and s[i - 1].isdigit() and s[i + 1].isdigit():
            out.append(ch)  # 1,000  10:30
            continue
        out.append(full)
    return "".join(out)


def _close_book_titles(s: str) -> str:
    """Inside a 《…》 title, close a （ left open by a page join: （试行》 -> （试行）》."""

    def fix(m: re.Match[str]) -> str:
        body = m.group(1)
        depth = body.count("（") - body.count("）")
        return "《" + body + "）" * max(depth, 0) + "》"

    return re.sub(r"《([^《》]*)》", fix, s)


@dataclass(frozen=True)
class Para:
    text: str
    line: int  # 1-based line of the paragraph's first line in the source
    joins: tuple[tuple[int, str | Notice], ...] = ()  # (line, description) of repairs at page joins: a header dropped, a Notice


def report_text(raw: bytes, *, filename: str) -> str:
    """A report's text as the import reads its words (decoded, repaired, a paragraph a line): what
    `reconcile` looks for a claim's words in. Raises ReportFormatError as decode_report does."""
    return "\n".join(p.text for p in paragraphs(decode_report(raw, filename=filename)))


def paragraphs(text: str) -> list[Para]:
    """Split into normalised paragraphs (blank-line separated), repairing page breaks.

    A page number alone on its line ("— 3 —") is a page break, not text; a line that repeats an
    earlier paragraph beside one is the page's running header, dropped too (and said so in the
    joins of the paragraph before it, a Notice page_header), even when the text after it follows
    with no blank line; so is a line repeating the report's title (its first), beside one or not."""
    raw: list[tuple[int, int, str]] = []  # (first line, last line, text)
    pages: set[int] = set()  # lines holding a page number alone
    alone: set[str] = set()  # paragraphs of one line: what a running header repeats
    buf: list[str] = []
    start = 0
    lines = text.split("\n")
    # (the report's title on a line of its own again is the page's running header, with no page number beside it too;
    # a title, not a word such as 附件 a text may begin with)
    title_no = next((no for no, line in enumerate(lines, 1) if line.strip()), 0)
    first = lines[title_no - 1].strip() if title_no else ""
    title = first if len(first) >= 8 else None
    titles: list[int] = []  # the lines repeating it
    running, runs = _running_headers(lines), []  # (the lines of a running header, those dropped)
    for no, line in enumerate(lines, 1):
        if PAGE_NUMBER.fullmatch(line) or (BARE_NUMBER.fullmatch(line) and _blank(lines, no - 2) and _blank(lines, no)):
            pages.add(no)
            line = ""
        if title and no > title_no and line.strip() == title and _may_be_header(normalise(title)):
            titles.append(no)
            continue
        if no in running:
            runs.append(no)
            continue
        if not buf and line.strip() in alone and _beside(pages, no, no) and _may_be_header(normalise(line)):
            # (a header, a paragraph of its own: the text after it is no part of it)
            raw.append((no, no, line.strip()))
            continue
        if line.strip() and buf and _starts_item(buf, line):
            raw.append((start, no - 1, " ".join(buf)))
            buf = []
        if line.strip():
            if not buf:
                start = no
            buf.append(line.strip())
        elif buf:
            raw.append((start, no - 1, " ".join(buf)))
            if len(buf) == 1:
                alone.add(buf[0])
            buf = []
    if buf:
        raw.append((start, start + len(buf) - 1, " ".join(buf)))

    out: list[Para] = []
    seen: dict[str, int] = {}  # each paragraph's text (before joins) -> its first line
    for line, last, chunk in raw:
        chunk = chunk.lstrip("\ufeff")
        norm = normalise(chunk)
        if not norm:
            continue
        first = seen.setdefault(norm, line)
        if first != line and out and _beside(pages, line, last) and _may_be_header(norm):
            prev = out[-1]
            out[-1] = Para(prev.text, prev.line, prev.joins + ((line, Notice("page_header", {"header": norm, "first": first})),))
            continue
        if out and _continues(out[-1].text, norm):
            prev = out[-1]
            joined, note = _join(prev.text, norm)
            out[-1] = Para(normalise(joined), prev.line, prev.joins + ((line, note),))
        else:
            out.append(Para(norm, line))
    dropped = [(no, Notice("page_header", {"header": normalise(title or ""), "first": title_no})) for no in titles]
    dropped += [(no, Notice("page_header", {"header": normalise(lines[no - 1]), "first": None})) for no in runs]
    return _with_dropped(out, dropped) if dropped else out


def _running_headers(lines: list[str]) -> set[int]:
    """The lines of a running header a text with page numbers repeats beside them (a blank line between allowed), found
    beside two or more: each one, its first page's too, which with no blank line after it ran on into the next item."""
    pages = [no for no, line in enumerate(lines, 1) if PAGE_NUMBER.fullmatch(line)]
    beside: dict[str, set[int]] = {}
    for page in pages:
        for step in (-1, 1):
            no = page + step if not _blank(lines, page + step - 1) else page + 2 * step
            text = lines[no - 1].strip() if 1 <= no <= len(lines) else ""
            if text and len(text) <= 40 and not PAGE_NUMBER.fullmatch(text):
                beside.setdefault(text, set()).add(no)
    return {no for text, nos in beside.items() if len(nos) > 1 and _may_be_header(normalise(text)) for no in nos}


def _with_dropped(out: list[Para], dropped: list[tuple[int, Notice]]) -> list[Para]:
    """`out` with each line of `dropped` said dropped (its Notice) in the joins of the paragraph it was in or came after."""
    starts = [p.line for p in out]
    by_para: dict[int, list[tuple[int, Notice]]] = {}
    for no, said in dropped:
        by_para.setdefault(max(bisect.bisect_left(starts, no) - 1, 0), []).append((no, said))
    return [Para(p.text, p.line, tuple(sorted(p.joins + tuple(by_para[i]), key=lambda j: j[0]))) if i in by_para else p
            for i, p in enumerate(out)]


def _may_be_header(norm: str) -> bool:
    """Whether a paragraph repeating an earlier one may be a running page header: a title or a name,
    no item and no sentence's end (坚持）。, a deadline's tail cut by a page join, repeats many others)."""
    return not ITEM_START.match(norm) and not norm.endswith(tuple(SENTENCE_FINAL))


def _starts_item(buf: list[str], line: str) -> bool:
    """Whether `line` opens a new item after the lines `buf` of a paragraph: a text extracted with
    no blank line between paragraphs has its items on lines of their own. A heading (整改进展：,
    附：) always does; a number (1. 二、) after a line that ends a sentence, or in the 附： heading
    (its title may follow on lines of their own, with no punctuation; a line wrapped inside a
    sentence, "完成第" / "2.期工程", is no new item)."""
    before, after = normalise(buf[-1]), normalise(line)
    if HEADING_START.match(after):
        return True
    if HEADED.match(after) and _ends_unit_line(normalise(" ".join(buf[-3:]))):  # (责任单位：西宁市 / 整改情况：…)
        return True
    return bool(before) and (before[-1] in SENTENCE_FINAL or before[-1] == "）" or normalise(buf[0]).startswith("附：")) \
        and ITEM_START.match(after) is not None


def _blank(lines: list[str], index: int) -> bool:
    return not (0 <= index < len(lines)) or not lines[index].strip()


def _beside(pages: set[int], first: int, last: int) -> bool:
    """Whether lines first..last sit next to a page number (a blank line between allowed)."""
    return any(n in pages for n in (first - 1, first - 2, last + 1, last + 2))


def _continues(prev: str, nxt: str) -> bool:
    if prev[-1] in SENTENCE_FINAL:
        return False
    if prev[-1] == "）" and prev.endswith("。）"):
        return False
    if HEADED.match(nxt) and _ends_unit_line(prev):
        return False  # (a unit line ending its list, 责任单位：西宁市, and the next line headed: no page cut 西宁市、|…)
    return ITEM_START.match(nxt) is None


def _ends_unit_line(text: str) -> bool:
    """Whether `text` ends a unit line's list (责任单位：西宁市), not one cut after a comma or a join (西宁市、)."""
    return UNITS_AT.search(text) is not None and not text.endswith(("，", *SEPARATORS))


def _join(prev: str, nxt: str) -> tuple[str, str]:
    """Join two halves of a sentence cut by a page break, dropping a duplicated fragment."""
    for k in range(min(len(prev), len(nxt), 12), 1, -1):
        frag = prev[-k:]
        if nxt.startswith(frag) and _has_cjk(frag):
            return prev + nxt[k:], f"dropped fragment '{frag}' duplicated at a page join"
    sep = " " if re.match(r"[A-Za-z0-9/]", prev[-1]) and re.match(r"[A-Za-z0-9]", nxt[0]) and not (
        prev[-1].isdigit() and nxt[0].isdigit()) else ""
    return prev + sep + nxt, "joined a sentence cut by a page break"
