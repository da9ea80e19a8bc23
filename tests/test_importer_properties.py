"""Property tests of the importer's readers: on any input they answer, or refuse with their own error.

- cn_number on any string of numeral characters, and on every well-formed number 0..99,999
  written by a writer of this file's own (an oracle, not the code under test);
- parse_deadline and measure_milestones on text mixing dates, 前完成, ，；, brackets: every
  milestone they give has a real date;
(import_report on mutations of the bundled report: tests/test_fuzz_properties.py.)
"""
from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rectify_cli.importer_parse import cn_number, measure_milestones, parse_deadline

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- Chinese numerals ------------------------------------------------------------------------------
NUMERALS = "零〇一二三四五六七八九十百千万两"
DIGIT = "零一二三四五六七八九"


def _below_10000(n: int, *, leading: bool) -> str:
    """1..9999 as written: 零 once for each run of places skipped inside it; 十 alone for 10..19
    when it leads the number (十二, but 一百一十二)."""
    out, started, skipped = "", False, False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // place % 10
        if d == 0:
            skipped = skipped or started
            continue
        out += "零" if skipped else ""
        out += unit if (unit == "十" and d == 1 and leading and not started) else DIGIT[d] + unit
        started, skipped = True, False
    return out


def written(n: int) -> str:
    """0..99,999 in Chinese numerals, the way a report writes it."""
    if n == 0:
        return "零"
    high, low = divmod(n, 10000)
    if not high:
        return _below_10000(low, leading=True)
    return f"{_below_10000(high, leading=True)}万" + ("" if not low else ("零" if low < 1000 else "") + _below_10000(low, leading=False))


@SETTINGS
@given(st.text(alphabet=NUMERALS, max_size=14))
@example("")  # (read as 0: no number at all)
def test_cn_number_reads_a_number_or_refuses_with_a_value_error(text):
    try:
        value = cn_number(text)
    except ValueError:
        return
    assert text and type(value) is int and value >= 0


@SETTINGS
@given(st.integers(0, 99_999), st.booleans(), st.booleans(), st.booleans())
def test_cn_number_reads_every_number_as_written(n, formal_ten, liang, ling):
    text = written(n)
    if formal_ten:  # (一十二: 十 with its 一, as a form may write it)
        text = re.sub(r"^十|(?<=万)十", "一十", text)
    if liang:  # (两 for 二 before 百, 千, 万: 两千)
        text = re.sub(r"二(?=[百千万])", "两", text)
    if ling:
        text = text.replace("零", "〇")
    assert cn_number(text) == n


def test_the_oracle_writes_numbers_as_reports_do():
    assert [written(n) for n in (0, 10, 12, 110, 203, 1010, 10005, 10500, 45000, 99_999)] == [
        "零", "十", "十二", "一百一十", "二百零三", "一千零一十", "一万零五", "一万零五百", "四万五千", "九万九千九百九十九"]


# -- deadlines ----------------------------------------------------------------------------------
PIECES = ["2018年", "2019年6月", "12月", "30日", "31日", "底", "年底", "前", "完成", "前完成", "于", "，", "；", "（", "）", "《", "》",
          "长期坚持", "并", "立即启动", "立行立改", "每年", "每季度", "起", "的", "关停", "生态修复", "0000年", "9999年", "13月",
          "2月29日", "2019年2月29日", "2020年2月29日", "2018年12月31日", "２０１８年", "〇", "十", "日", "月", "年", "0", "9", " ", "。"]
DEADLINE_TEXT = st.lists(st.sampled_from(PIECES), max_size=20).map("".join) | st.text(max_size=30)


@SETTINGS
@given(DEADLINE_TEXT)
@example("2019年2月29日前完成，2020年2月29日前完成验收")
def test_every_milestone_read_from_a_deadline_has_a_real_date(text):
    for ms in (parse_deadline(text) or []) + measure_milestones(text) + measure_milestones(f"措施（{text}）。"):
        assert ms["kind"] in ("date", "ongoing", "immediate"), ms
        if ms["kind"] == "date":
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", ms["due"]) and date.fromisoformat(ms["due"]), ms
        assert ms.get("label", "x").strip(), ms
