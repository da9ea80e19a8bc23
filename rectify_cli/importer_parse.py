"""Structure of the appendix: tasks (一、…), 整改时限, 整改进度, measures (1. …), 整改进展.

Pure functions over the repaired paragraphs of importer_text."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date

from .errors import ReportFormatError
from .i18n import MEASURE_FIELDS as MEASURE_FIELD_WORDS, Notice, Word, problem
from .importer_text import CN_NUM, DEADLINE_HEADS, MEASURES_HEADING, NOTE_HEADS, UNITS_AT, UNITS_HEAD, Para
from .model import KIND_WORDS, MilestoneKind


TASK_RE = re.compile(rf"^([{CN_NUM}]+)、(.*)$")
MEASURE_RE = re.compile(r"^(\d{1,3})\.(?!\d)(.*)$")
# measures are numbered 1. 2. (the Tibet report) or, in other reports, 1、 （1） ①: the appendix's
# first measure sets the style, and a paragraph numbered in another is text (a list inside a
# measure or its note, as a （1） under a 1. always was)
MEASURE_STYLES = {
    "1.": MEASURE_RE,
    "1、": re.compile(r"^(\d{1,3})、(.*)$"),
    "（1）": re.compile(r"^（(\d{1,3})）(.*)$"),
    "①": re.compile(r"^([\u2460-\u2473])(.*)$"),  # (① … ⑳)
}
MEASURE_NUMBERING = Notice("import_numbering", {})  # (1. 2. …, 1、 2、 …, （1）（2）… or ① ② …)
# (a problem numbered so, where 一、 is expected: （一） under a category heading 一、, or 三． among 一、 二、;
# 1. or （1） too, found only where no 一、 has its 整改时限)
OTHER_TASK_RE = re.compile(rf"^(?:（(?:[{CN_NUM}]+|\d{{1,3}})）|[{CN_NUM}]+[．.]|\d{{1,3}}[．.](?!\d))")
HEAD_RE = re.compile(rf"^({'|'.join(DEADLINE_HEADS)}|整改进度|整改进展)：(.*)$")
# what each heading heads: a problem's deadline (时限), its 整改进度 (进度), a measure's note (进展)
HEAD_KINDS = {**dict.fromkeys(DEADLINE_HEADS, "时限"), "整改进度": "进度", "整改进展": "进展"}
# other provinces head a measure's progress note so; on a line of its own or after the measure's
# sentence (a text with no blank lines runs it on: only 整改进展： starts a paragraph of its own)
NOTE_HEAD_RE = re.compile(rf"(?:^|(?<=[。；）])){NOTE_HEADS}")
PROBLEM_HEAD_RE = re.compile(r"^整改目标：")  # (other provinces' problems state a target before the deadline)
NO_TASK_HEADING = Notice("import_no_task_heading", {})
# a line naming the units of a problem or a measure, as other reports write them (牵头单位：…
# 配合单位：…), at a paragraph's start or after a sentence or a deadline it runs on from: the
# owners, never text of the problem or the measure (the Tibet report names them in the measure):
# UNITS_AT, UNITS_HEAD, importer_text's (its page joins read them too)

# where the appendix ends, at a paragraph's start or a sentence's: another attachment (附件2：),
# a signature (中共青海省委 / 青海省人民政府) or the date of issue, alone or before an attachment
_ORG = r"(?:中共[^，。；：、\s（）]{1,20}?委(?:员会)?|[^，。；：、\s（）]{2,20}?人民政府(?:办公厅)?)"
_ISSUED = r"\d{4}年\d{1,2}月\d{1,2}日"
_ATTACHMENT = r"附(?:[件表]\s*(?:[0-9一二三四五六七八九十]+|[：:])|[：:])"
# (the signature's names taken at once, as an atomic group would, a lookahead being one: backtracking
# into {_ORG}+ over a run such as 人民政府人民政府… took minutes; Python 3.10 has no (?>…))
TAIL_START = re.compile(rf"(?:^|(?<=[。！？；]))(?:{_ATTACHMENT}|(?=(?P<orgs>{_ORG}+))(?P=orgs)(?=$|{_ISSUED}|{_ATTACHMENT})"
                        rf"|{_ISSUED}(?=$|{_ATTACHMENT}))")

DATE_RE = r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日?|底)|年?底)"  # (2020年底, 2020年年底: the year's last day)
# a half year, due by its last day: 2020年上半年 by 2020年6月底, 2020年下半年 by 2020年底
HALF_YEAR = re.compile(r"(\d{4})年([上下])半年")
# a quarter so too: 2020年第三季度, 2020年三季度末, 2020年第3季度 by 2020年9月底
QUARTER = re.compile(r"(\d{4})年第?([一二三四1-4])季度末?")
QUARTER_END = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}  # (its last month)
# a parenthesis naming a year (in digits or 二〇二〇年; alone, as 2021年前, 2020年内, 2020年秋季
# or 2019—2020年) or a dotted date, or 年内/年底/季度/半年, or a day without its year (12月底前, a
# second step's, 12月31日), that reads as no deadline: a date cut by a line wrap, or a wording not
# understood (no parenthesis of the Tibet report names a year or a day but as a deadline)
DEADLINE_LIKE = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年|\d{4}[.．]\d{1,2}[.．]\d{1,2}|年内|年底|季度|[上下]半年"
                           r"|(?<!\d)\d{1,2}月(?:\d{1,2}日|底|前)")

# an ongoing deadline with words of keeping it up after it (长期坚持并持续推进): 长期坚持 all the same
KEPT_UP = re.compile(r"长期坚持并?[^\d，；（）年月日季]{2,6}")
# the year an ongoing deadline starts from (2021年起长期坚持, 2021年起，长期坚持): ongoing, the year no milestone (nothing
# is due then); before anything but 长期坚持 it is no deadline read (2019年起，每年…: recurs, refused as such)
ONGOING_FROM = re.compile(r"(?:^|(?<=[，；]))\d{4}年起[，；]?(?=长期坚持)")
# a recurring deadline, due each period (每年, 每季度, 2019年起每年底前): no milestone holds one
RECURRING = re.compile(r"(?:\d{4}年起)?每(?:年|半年|季度?|月)(?:\d{1,2}月)?(?:\d{1,2}日|底|末)?前?(?:完成)?")

# a problem's 整改进度, and other reports' words for it, read only as the whole 整改进度 (已完成阶段性任务 is
# no 已完成, nor is 全面完成部分整改 全面完成): the word, 整改 after a 完成, then 长期坚持 or nothing
REPORTED_WORDS = re.compile(r"(全面完成|基本完成|序时推进|取得阶段性成效|已完成|已全面完成|已基本完成|达到序时进度)"
                            r"(?:(?<=完成)整改)?(?:[，；]?(长期坚持))?")
REPORTED_BY_WORD = {"全面完成": "fully_done", "基本完成": "basically_done", "序时推进": "on_schedule", "取得阶段性成效": "interim_results",
                    "已完成": "fully_done", "已全面完成": "fully_done", "已基本完成": "basically_done", "达到序时进度": "on_schedule"}


CN_DIGITS = {**{c: i for i, c in enumerate("零一二三四五六七八九")}, "〇": 0, "两": 2}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def cn_number(s: str) -> int:
    """A whole number in Chinese numerals as an int: 三, 十二, 一百一十八, 二百零三, 两千, 一万零五百
    (零/〇 stands for the places skipped, 两 for 二 before 百, 千, 万 or alone); ValueError if it is
    none, or is written loosely (一百一, 一万五: colloquial for 110 and 15000, read as 101, 10005)."""
    if s in ("零", "〇"):
        return 0
    if not s:  # (no number: read as 0 it would be a count of none)
        raise ValueError(s)
    done, value, place, digit, zero = 0, 0, 10**5, None, False  # (done: the 万s; place: the last unit read)
    for at, ch in enumerate(s):
        unit = CN_UNITS.get(ch)
        if unit is None:  # a digit: one before each unit, 零 only after one
            d = CN_DIGITS.get(ch)
            if d is None or digit is not None or (d == 0 and (zero or not (done or value))):
                raise ValueError(s)
            zero, digit = zero or d == 0, None if d == 0 else d
        elif unit == 10000 and not done and not zero and (value or digit):
            done, value, place, digit = (value + (digit or 0)) * unit, 0, unit, None
        elif unit >= place or (zero and unit * 100 > place) or (digit is None and unit != 10) or (unit == 10 and at and s[at - 1] == "两"):
            raise ValueError(s)
        else:
            value, place, digit, zero = value + (digit or 1) * unit, unit, None, False
    if digit is not None:  # its ones: after 十, after a 零, or alone (一万五 and 一百一 mean 15000 and 110)
        if not (place >= 100 if zero else place in (10, 10**5)) or (s[-1] == "两" and len(s) > 1):
            raise ValueError(s)
        value += digit
    elif zero:
        raise ValueError(s)
    return done + value


@dataclass
class RawMeasure:
    id: int
    line: int
    text: str
    note: str | None = None
    note_head: str | None = None  # 整改进展 or 整改进度
    note_line: int | None = None  # where its note begins
    extra_note_lines: list[int] = field(default_factory=list)
    extra_text_lines: list[int] = field(default_factory=list)  # paragraphs its text runs on over
    # (line, numeral) of a 二、 in its note read as a list item, not as the next problem
    note_items: list[tuple[int, str]] = field(default_factory=list)
    units: list[tuple[str, str, int]] = field(default_factory=list)  # (heading, units, line) of its 牵头单位：… lines
    # (line, numbered, "note" or "text", the appendix's numbering) of a paragraph run on into it that is
    # numbered as the next measure in another style (2、 after 1.): a measure lost, unless it is said
    numbered_otherwise: tuple[int, str, str, str] | None = None


@dataclass
class RawTask:
    id: int
    line: int
    problem: str
    deadline: str | None = None
    deadline_line: int | None = None
    deadline_head: str = "整改时限"  # (as the report words it: 完成时限, 整改期限)
    # the （…） its text ends with giving its deadline or its state (problem_bracket), and its line, once its first measure is read
    bracket: tuple[str, int] | None = None
    progress: str | None = None
    progress_line: int | None = None
    measures: list[RawMeasure] = field(default_factory=list)
    units: list[tuple[str, str, int]] = field(default_factory=list)  # (heading, units, line) of its 责任单位：… lines


def find_appendix(paras: list[Para], filename: str, tabbed: int | None = None) -> int:
    """Index of the paragraph holding problem 一、 of the appendix; `tabbed`: the line of a table in
    columns separated by tabs (tabbed_line), named when there is none."""
    lacking = None  # a problem 一、 with the appendix's other headings but no 整改时限
    for i, p in enumerate(paras):
        m = TASK_RE.match(p.text)
        if not m or m.group(1) != "一":
            continue
        for j, q in enumerate(paras[i + 1 : i + 6], i + 1):
            if TASK_RE.match(q.text):
                break
            if _heads_deadline(q.text):
                return i
            if HEAD_RE.match(q.text) and not HEAD_RE.match(paras[j - 1].text) and problem_bracket(paras[j - 1].text):
                return i  # (its deadline in brackets after its text, as a measure's is, then its 整改进度)
            if lacking is None and HEAD_RE.match(q.text):
                lacking = p
    if lacking is not None:
        raise ReportFormatError(problem(filename, lacking.line, None, "import_no_deadline", task=1))
    for i, p in enumerate(paras):  # (problems numbered （一） or 一． throughout: the first named, not "no appendix")
        m = OTHER_TASK_RE.match(p.text)
        if m and any(_heads_deadline(q.text) for q in paras[i + 1 : i + 6]):
            raise ReportFormatError(problem(filename, p.line, None, "import_task_numbered_otherwise", numbered=m.group(0)))
    if tabbed is not None:  # (its cells run together: no 整改时限： starts a paragraph)
        raise ReportFormatError(problem(filename, tabbed, None, "import_tab_columns"))
    raise ReportFormatError(problem(filename, None, None, "import_no_appendix"))


@dataclass(frozen=True)
class Tail:
    """What follows the appendix, left out of it: from paragraph `index`, character `offset`."""

    index: int
    offset: int
    para: Para

    @property
    def text(self) -> str:
        return self.para.text[self.offset :]


def appendix_tail(paras: list[Para], start: int) -> Tail | None:
    """Where the appendix beginning at paragraph `start` ends, if text follows it (an
    attachment, a signature, a date of issue): it would run on into the last measure's note."""
    for i in range(start + 1, len(paras)):
        m = TAIL_START.search(paras[i].text)
        if m:
            return Tail(i, m.start(), paras[i])
    return None


def parse_appendix(paras: list[Para], filename: str, tabbed: int | None = None) -> tuple[list[RawTask], Tail | None]:
    """The appendix's problems, and what follows it, left out (None when nothing does); `tabbed`: as
    find_appendix's."""
    start = find_appendix(paras, filename, tabbed)
    tail = appendix_tail(paras, start)
    if tail is not None:
        kept = paras[tail.index].text[: tail.offset]
        paras = [*paras[: tail.index], *([replace(tail.para, text=kept)] if kept else [])]
    tasks: list[RawTask] = []
    task: RawTask | None = None
    measure: RawMeasure | None = None
    in_note = False
    passed_over: Para | None = None  # a 十一、-like paragraph not read as the next problem, for the message
    sub_problem: Para | None = None  # a （二）-like paragraph since the problem began, for the message
    style: str | None = None  # how measures are numbered (MEASURE_STYLES), once the first is read
    in_list = False  # a paragraph numbered in any style has run on into the measure (a list: no measure lost)
    # (the paragraph a problem's text last ran on over, and its line: a bracket ending its text ends it, looked for there
    # alone, not in the whole text again at each paragraph)
    problem_end, problem_line = "", 0

    def err(p: Para, key: str, **values) -> ReportFormatError:
        return ReportFormatError(problem(filename, p.line, None, f"import_{key}", **values))

    def own(listed: list[tuple[str, str]], line: int) -> None:
        # (a measure's, once one is read past the problem's 整改时限; else the problem's)
        (measure if measure is not None and task.deadline is not None else task).units.extend((head, units, line) for head, units in listed)

    for i, p in enumerate(paras[start:], start):
        t = p.text
        tm = TASK_RE.match(t)
        if tm and task is not None and in_note and _is_next_task(tm.group(1), task.id) and not _heads_a_problem(paras[i + 1 :], style) \
                and _empty_problem(paras, i, style) is None:
            # (a list 一、二、 inside a progress note: a problem has its 整改时限 or 整改进度 next)
            assert measure is not None and measure.note is not None
            measure.note += t
            measure.extra_note_lines.append(p.line)
            measure.note_items.append((p.line, tm.group(1)))
            passed_over = p
            continue
        if tm and (task is None or _is_next_task(tm.group(1), task.id)):
            number = cn_number(tm.group(1))
            expected = 1 if task is None else task.id + 1
            if number != expected:
                raise err(p, "task_number", numeral=tm.group(1), expected=expected)
            if task is not None:
                _check_no_measure_lost(task, measure, filename)
                _check_task_complete(task, filename)
            if (after := _empty_problem(paras, i, style)) is not None:
                raise err(p, "task_empty", task=number, numeral=TASK_RE.match(after.text).group(1), line=after.line)
            task = RawTask(number, p.line, tm.group(2).strip())
            tasks.append(task)
            problem_end, problem_line = task.problem, p.line
            measure, in_note, passed_over, sub_problem = None, False, None, None
            continue
        assert task is not None
        t, listed = _unit_lines(t)
        if listed and not t:
            own(listed, p.line)
            continue
        if t == MEASURES_HEADING and measure is None:  # (整改措施： alone before the first measure: a heading, no text)
            continue
        if tm:
            passed_over = p
        # (one before it is the problem's own text; 1. and （1） number measures, or a list in a note)
        if OTHER_TASK_RE.match(t) and not _measure_match(t, None) and task.deadline is not None:
            sub_problem = sub_problem or p
        hm = HEAD_RE.match(t)
        head = HEAD_KINDS[hm.group(1)] if hm else None
        mm = _measure_match(t, style)
        if mm and not task.measures and task.bracket is None and (bracket := problem_bracket(problem_end)):
            task.bracket = bracket, problem_line
            if task.deadline is None and not DONE_STATUS.fullmatch(bracket):  # (its deadline written after it, as a measure's is)
                task.deadline, task.deadline_line = bracket[1:-1], problem_line
            elif task.progress is None and DONE_STATUS.fullmatch(bracket):  # (its state so: its 整改进度)
                task.progress, task.progress_line = bracket[1:-1], problem_line
        if head == "时限" and not task.measures:
            task.deadline, task.deadline_line, task.deadline_head = hm.group(2).strip(), p.line, hm.group(1)
        elif head == "进度" and not task.measures and task.progress is None:
            task.progress, task.progress_line = hm.group(2).strip(), p.line
        elif head in ("进展", "进度") and measure is not None and measure.note is None:
            measure.note, measure.note_head, measure.note_line = hm.group(2).strip(), hm.group(1), p.line
            in_note = True
        elif head == "进展" and task.deadline is None:  # (its measures were read as its text)
            raise _no_deadline(task, filename)
        elif hm:
            if passed_over:
                hint = Notice("import_hint_passed_over", {"numeral": TASK_RE.match(passed_over.text).group(1), "line": passed_over.line,
                                                          "next": task.id + 1})
            elif sub_problem:  # (problems numbered （一）（二） under category headings 一、二、, or one 三． among 一、 二、)
                hint = Notice("import_hint_sub_problem", {"numbered": OTHER_TASK_RE.match(sub_problem.text).group(0), "line": sub_problem.line})
            elif measure is not None and measure.numbered_otherwise:
                hint = _numbered_otherwise_hint(task, measure)
            elif measure is None and head == "进展":  # (a measure numbered otherwise, or run on into 整改进度's line)
                hint = Notice("import_hint_measure_before", {"numbering": MEASURE_NUMBERING})
            elif measure is not None and measure.note is None and head == "时限":  # (a measure's own, as other provinces write it)
                hint = Notice("import_hint_measure_deadline", {"measure": f"{task.id}.{measure.id}"})
            else:
                hint = ""
            raise err(p, "unexpected_heading", heading=hm.group(1), task=task.id, hint=hint)
        elif measure is not None and measure.note is None and (nm := NOTE_HEAD_RE.match(t)):
            measure.note, measure.note_head, measure.note_line = t[nm.end() :].strip(), nm.group(1), p.line
            in_note = True
        elif mm and task.deadline is not None:
            style, number, rest = mm
            expected = len(task.measures) + 1
            if number != expected:
                hint = Notice("import_hint_passed_over_why", {"numeral": TASK_RE.match(passed_over.text).group(1), "line": passed_over.line,
                                                              "next": task.id + 1, "why": NO_TASK_HEADING}) \
                    if passed_over and any(ln == passed_over.line for ln, _ in measure.note_items) else \
                    _numbered_otherwise_hint(task, measure) if measure is not None and measure.numbered_otherwise else ""
                raise err(p, "measure_number", found=measure_label(style, number), task=task.id, expected=measure_label(style, expected), hint=hint)
            text, note = _split_note(rest.strip())
            measure = RawMeasure(number, p.line, text)
            task.measures.append(measure)
            in_note, in_list = False, False
            if note is not None:
                (measure.note, measure.note_head), measure.note_line = note, p.line
                in_note = True
        elif task.deadline is None:
            task.problem += t  # problem text running over several paragraphs
            problem_end, problem_line = t, p.line
        elif measure is None:
            expected = Notice("import_as_first_numbered", {"first": measure_label(style, 1)}) if style else \
                Notice("import_numbered", {"numbering": MEASURE_NUMBERING})
            raise err(p, "text_before_measure", task=task.id, expected=expected)
        else:  # (run on into the measure's note, or its text)
            other = _measure_match(t, None)  # (in another style: one in the appendix's was read above)
            if other and not in_list and other[1] == len(task.measures) + 1 and not _continues_a_list(measure.note if in_note else measure.text, *other[:2]):
                measure.numbered_otherwise = (p.line, measure_label(other[0], other[1]), "note" if in_note else "text",
                                              f"{measure_label(style, 1)} {measure_label(style, 2)} …")
            in_list = in_list or other is not None
            if in_note:
                assert measure.note is not None
                measure.note += t
                measure.extra_note_lines.append(p.line)
            else:
                measure.text += t
                measure.extra_text_lines.append(p.line)
        if listed:  # (run on after text: once it is read, so that 1.…。牵头单位：… names the measure it starts)
            own(listed, p.line)
    if task is None:
        raise ReportFormatError(problem(filename, None, None, "import_no_appendix"))
    _check_no_measure_lost(task, measure, filename)
    _check_task_complete(task, filename)
    return tasks, tail


def _heads_deadline(text: str) -> bool:
    """Whether a paragraph is a problem's deadline line: 整改时限：…, or as other provinces head it (DEADLINE_HEADS)."""
    hm = HEAD_RE.match(text)
    return hm is not None and HEAD_KINDS[hm.group(1)] == "时限"


def _continues_a_list(text: str, style: str, number: int) -> bool:
    """Whether `text` holds the item before `number` in `style` (（1）…；（2）… in one paragraph): a
    paragraph numbered `number` goes on with that list, as a PDF's text wraps it, and is no measure."""
    label = re.escape(measure_label(style, number - 1))
    return number > 1 and re.search(rf"(?<!\d){label}(?!\d)", text) is not None


def _check_no_measure_lost(task: RawTask, measure: RawMeasure | None, filename: str) -> None:
    """Refuse a problem whose last measure has a paragraph numbered as the next measure in another style
    run on into it (RawMeasure.numbered_otherwise): before a measure numbered on it is no measure (warned
    of), but with none after it nothing tells a measure lost, with its deadline, from a list; asked, as one
    followed by its own 整改进展 or by a measure numbered past it is."""
    if measure is None or measure.numbered_otherwise is None:
        return
    line, numbered, fld, numbering = measure.numbered_otherwise
    raise ReportFormatError(problem(filename, line, None, "import_measure_numbered_otherwise", numbered=numbered,
                                    measure=f"{task.id}.{measure.id + 1}", prev=f"{task.id}.{measure.id}",
                                    field=Word(MEASURE_FIELD_WORDS, fld, said_in_english=True),
                                    first=Notice("import_as_first_style", {"numbering": numbering})))


def _numbered_otherwise_hint(task: RawTask, measure: RawMeasure) -> Notice:
    """The hint of an error after a paragraph numbered as the next measure in another style (RawMeasure.numbered_otherwise)."""
    line, numbered, _, numbering = measure.numbered_otherwise
    return Notice("import_hint_numbered_otherwise", {"numbered": numbered, "line": line, "measure": f"{task.id}.{measure.id + 1}",
                                                     "first": Notice("import_as_first_style", {"numbering": numbering})})


def _unit_lines(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A paragraph's text before its first 牵头单位：-like heading, and (heading, units) of each
    from there (牵头单位：西宁市配合单位：海东市, lines joined as a sentence's continuation)."""
    m = UNITS_AT.search(text)
    if m is None:
        return text, []
    parts = re.split(UNITS_HEAD, text[m.start() :])
    return text[: m.start()], [(parts[i], parts[i + 1].strip().rstrip("。；")) for i in range(1, len(parts), 2)]


def _split_note(text: str) -> tuple[str, tuple[str, str] | None]:
    """A measure's text, and (note, heading) of a note run on after it (…（2019年6月30日）。整改情况：…)."""
    nm = NOTE_HEAD_RE.search(text)
    if nm is None or nm.start() == 0:
        return text, None
    return text[: nm.start()], (text[nm.end() :].strip(), nm.group(1))


def _measure_match(text: str, style: str | None) -> tuple[str, int, str] | None:
    """(style, number, text after it) of a paragraph numbered as a measure: in `style` once the
    appendix's first measure has set it, else in any of MEASURE_STYLES."""
    for name, rx in MEASURE_STYLES.items():
        if style in (None, name) and (m := rx.match(text)):
            n = m.group(1)
            return name, (ord(n) - 0x245F if name == "①" else int(n)), m.group(2)
    return None


def measure_label(style: str | None, number: int) -> str:
    """Measure `number` written as the report numbers its measures: 2. 2、 （2） ②."""
    if style == "①" and 1 <= number <= 20:
        return chr(0x245F + number)
    return {"1、": f"{number}、", "（1）": f"（{number}）"}.get(style or "1.", f"{number}.")


def _heads_a_problem(following: list[Para], style: str | None) -> bool:
    """Whether the first item after a 二、 (past its text) is a heading (a problem's 整改时限,
    整改进度 or 整改目标), rather than a measure 2., another 二、 or the end of the text."""
    for q in following:
        if TASK_RE.match(q.text) or _measure_match(q.text, style or "1."):
            return False
        if HEAD_RE.match(q.text) or PROBLEM_HEAD_RE.match(q.text):
            return True
    return False


def _empty_problem(paras: list[Para], i: int, style: str | None) -> Para | None:
    """The next problem's heading when the problem headed at paras[i] (二、) has nothing under it: the
    paragraph after it is 三、, itself a problem's (its 整改时限 or 整改进度 follows). Else None."""
    after = paras[i + 1] if i + 1 < len(paras) else None
    m = after and TASK_RE.match(after.text)
    if not m or not _is_next_task(m.group(1), cn_number(TASK_RE.match(paras[i].text).group(1))):
        return None
    return after if _heads_a_problem(paras[i + 2 :], style) else None


def _is_next_task(numeral: str, current: int) -> bool:
    try:
        return cn_number(numeral) == current + 1
    except (ValueError, KeyError):
        return False


def _no_deadline(task: RawTask, filename: str) -> ReportFormatError:
    """The refusal of a problem with no 整改时限： line, saying so of one whose （已完成） tells it is done, not by when."""
    if task.bracket is not None:
        return ReportFormatError(problem(filename, task.line, None, "import_no_deadline_said_done", task=task.id, status=task.bracket[0]))
    return ReportFormatError(problem(filename, task.line, None, "import_no_deadline", task=task.id))


def _check_task_complete(task: RawTask, filename: str) -> None:
    def fail(key: str) -> ReportFormatError:
        return ReportFormatError(problem(filename, task.line, None, f"import_{key}", task=task.id))

    if task.deadline is None:
        raise _no_deadline(task, filename)
    if task.progress is None:
        raise fail("no_progress")
    if not task.measures:
        raise fail("no_measures")


# ---------------------------------------------------------------- deadlines


def _iso(y: str, m: str | None, d: str | None) -> str | None:
    year, month = int(y), int(m or 12)
    if not 1 <= month <= 12:
        return None
    day = int(d) if d else calendar.monthrange(year, month)[1]
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_deadline(content: str) -> list[dict[str, str]] | None:
    """Milestones of a deadline text, in text order, or None if it is not a deadline.

    Items are separated by ，；: a date ("2018年6月30日", "…前完成", also without 日),
    长期坚持 (ongoing, also from a year: 2021年起长期坚持), 立即启动 / 立行立改 (immediate), or a labelled date: "LABEL于DATE前完成"
    (e.g. different dates for different grades of scenic area) or "DATE前完成LABEL" (a step
    of several, 2018年6月30日前完成关停，2018年12月31日前完成生态修复)."""
    content = ONGOING_FROM.sub("", content.strip().rstrip("。"))
    if not content:
        return None
    out: list[dict[str, str]] = []
    # (…前完成并长期坚持, 立即整改并长期坚持, 立行立改、长期坚持: a step, then ongoing; so too with no word between, as a
    # space for the ， leaves it: 长期坚持 names no step)
    for item in re.split(r"[，；]|并(?=长期坚持)|、(?=长期坚持|立即|立行立改)|(?<=.)(?=长期坚持)", content):
        item = HALF_YEAR.sub(lambda h: h.group(1) + ("年6月底" if h.group(2) == "上" else "年底"), item.strip())
        item = QUARTER.sub(lambda q: f"{q.group(1)}年{QUARTER_END[q.group(2)]}月底", item)
        if not item:
            continue
        if item in KIND_WORDS or KEPT_UP.fullmatch(item):
            out.append({"kind": KIND_WORDS.get(item, MilestoneKind.ONGOING).value})
            continue
        # (what is done after 完成 labels the step as the words before 于 do: a few words with no 的,
        # as （2017年底前完成整治的除外） is an aside, no step)
        m = re.fullmatch(rf"(?:(.+?)于)?{DATE_RE}(?:前)?(?:完成([^的]{{1,15}})?)?", item)
        if not m or (m.group(1) and m.group(5)) or (m.group(5) or "").startswith("、"):  # (…完成、加强监管: no step's name)
            return None
        label = m.group(1) or m.group(5)
        if label and DEADLINE_LIKE.search(label):  # (two steps run together, a ， lost: 6月30日前完成关停2019年底前完成验收)
            return None
        due = _iso(m.group(2), m.group(3), m.group(4))
        if due is None:
            return None
        ms = {"kind": "date", "due": due}
        if label:
            ms["label"] = label
        out.append(ms)
    return _dedupe(out) or None


def _dedupe(milestones: list[dict[str, str]]) -> list[dict[str, str]]:
    """Drop an unlabelled milestone that restates an earlier one (same kind and date)."""
    out: list[dict[str, str]] = []
    for ms in milestones:
        if "label" not in ms and any(o["kind"] == ms["kind"] and o.get("due") == ms.get("due") for o in out):
            continue
        out.append(ms)
    return out


def _parenthesised(text: str) -> list[str]:
    """What each （…） of a measure text holds, outside 《》 titles, in order."""
    outside = re.sub(r"《[^《》]*》", lambda m: "□" * len(m.group(0)), text)
    return [m.group(1) for m in re.finditer(r"（([^（）]*)）", outside)]


def measure_milestones(text: str) -> list[dict[str, str]]:
    """Milestones from every parenthesised deadline in a measure text (outside 《》), in order."""
    found: list[dict[str, str]] = []
    for inside in _parenthesised(text):
        ms = parse_deadline(inside)
        if ms:
            found.extend(ms)
    return _dedupe(found)


def recurs(deadline: str) -> bool:
    """Whether a deadline text gives a recurring deadline (每年, 每季度, as one of its ，；-separated
    items): read as 长期坚持 it would never be late, and each period's due date would be lost."""
    return any(RECURRING.fullmatch(item.strip()) for item in re.split(r"[，；]", deadline.strip().rstrip("。")))


def recurring_deadlines(text: str) -> list[str]:
    """The parentheses of a measure text that give a recurring deadline (（每年）), which no
    milestone can hold; a parenthesis telling how often (（每年不少于2次）) is none."""
    return [f"（{inside}）" for inside in _parenthesised(text) if recurs(inside)]


def unreadable_deadlines(text: str) -> list[str]:
    """The parentheses of a measure text that look like a deadline (they name a year) but
    can't be read as one: measure_milestones leaves them out, and with them a step."""
    return [f"（{inside}）" for inside in _parenthesised(text) if DEADLINE_LIKE.search(inside) and not parse_deadline(inside)]


def closing_parenthesis(text: str) -> str | None:
    """The （…） a measure text ends with (before its 。), where its deadline is written: when none
    can be read, what it says is the deadline not understood (（持续推进）), no aside (（含再生水厂）)."""
    m = re.search(r"（[^（）]*）(?=[。；，]*$)", text)
    return m.group(0) if m else None


# a measure's or a problem's deadline written as its state, in the parentheses its text ends with, as other
# provinces write it: done
DONE_STATUS = re.compile(r"（(?:已(?:全部|全面)?完成(?:整改)?|已整改完成)）")


def problem_bracket(problem: str) -> str | None:
    """The （…） a problem's text ends with where it gives the problem's deadline, as a measure's does
    (（2018年12月31日前完成）, （长期坚持）, （持续推进）), or its state (（已完成）); else None."""
    closing = closing_parenthesis(problem)
    return closing if closing and (DONE_STATUS.fullmatch(closing) or parse_deadline(closing[1:-1])) else None


def said_done(text: str) -> str | None:
    """The （已完成） a measure text ends with, saying it is done where its deadline is written (none
    given: its problem's is taken), else None."""
    closing = closing_parenthesis(text)
    return closing if closing and DONE_STATUS.fullmatch(closing) else None


def parse_reported(progress: str) -> dict[str, object] | None:
    words = progress.strip().rstrip("。")
    m = REPORTED_WORDS.fullmatch(words)
    if m:
        return {"state": REPORTED_BY_WORD[m.group(1)], "ongoing": m.group(2) is not None}
    return None
