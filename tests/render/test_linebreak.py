"""Paragraph: registry text wrapped at Unicode line-break opportunities (render/linebreak.py)."""
from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from rectify_cli.render import linebreak
from rectify_cli.render.linebreak import Paragraph, hanging, unbroken


def wrapped(text: str, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, markup=False, emoji=False, highlight=False).print(Paragraph(text))
    return out.getvalue().splitlines()


def test_a_long_note_is_broken_into_lines_once_however_often_it_is_laid_out(monkeypatch):
    """uniseg takes some 40 µs a character: `show` of a measure with a 10,000-character note took
    2 s, its history table measuring and laying out the note five times over."""
    import uniseg.linebreak

    seen: list[str] = []
    breaker = uniseg.linebreak.line_break_units

    def counted(text, *args, **kwargs):
        seen.append(text)
        return breaker(text, *args, **kwargs)

    monkeypatch.setattr(uniseg.linebreak, "line_break_units", counted)
    note = "管网建设已完成，污水处理厂正在调试。" * 40
    for width in (30, 40, 30, 60):
        lines = wrapped(note, width)
        assert "".join(lines) == note and max(map(cell_len, lines)) <= width
    assert seen.count(note) == 1


def test_a_number_moves_whole_to_the_next_line():
    assert wrapped("整改完成2013年", 8) == ["整改完成", "2013年"]  # (Rich alone: 整改完成 / 2013年 cut as 20|13)


def test_a_number_keeps_the_unit_after_it_on_its_line():
    """status's quiet-file notice was cut （报告周期 90 / 天）: a number and the 天, 项, 个, 条, 年, 月,
    日 or % right after it (a space between or not) go to the next line together."""
    assert wrapped("未记录（报告周期 90 天）", 20) == ["未记录（报告周期", "90 天）"]
    assert wrapped("共12项措施", 4) == ["共", "12项", "措施"]
    assert wrapped("2019年3月31日", 6) == ["2019年", "3月", "31日"]
    assert wrapped("完成率 80 ％", 9) == ["完成率", "80 ％"]
    assert wrapped("共 3 个文件、5 条记录", 8) == ["共 3 个", "文件、", "5 条记录"]


def test_in_english_a_number_keeps_the_word_it_counts_on_its_line():
    """status --lang en at 50 columns said "not been updated for 154" / "days (about 5 months)": a number
    and the day, month, year, measure, task, problem, file or entry it counts (as English messages
    write them) go to the next line together; a number before any other word does not."""
    assert wrapped("not updated for 96 days; period 90 days", 19) == ["not updated for", "96 days; period", "90 days"]
    assert wrapped("(about 5 months)", 9) == ["(about", "5 months)"]
    assert wrapped("closed 1 measure, 2 entries", 10) == ["closed", "1 measure,", "2 entries"]
    assert wrapped("of 45 tasks over 2 years", 8) == ["of", "45 tasks", "over", "2 years"]
    assert wrapped("in 3 problems of 2 files", 11) == ["in", "3 problems", "of 2 files"]
    assert wrapped("line 12 reads", 8) == ["line 12", "reads"]


def test_closing_marks_stay_with_what_they_close():
    assert wrapped("甲乙丙。丁戊", 6) == ["甲乙", "丙。丁", "戊"]
    assert wrapped("甲乙《丙丁》", 6) == ["甲乙", "《丙", "丁》"]  # (Rich alone: 甲乙《 / 丙丁》)


def fitted(text: str, width: int, **kwargs) -> list[str]:
    """The lines of `text` in `width` cells, each asserted to fit them (no mark hung past the column)."""
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, markup=False, emoji=False, highlight=False).print(Paragraph(text, **kwargs))
    lines = out.getvalue().splitlines()
    assert all(cell_len(line) <= width for line in lines), lines
    return lines


def test_a_run_as_wide_as_the_line_takes_its_last_character_down_with_a_closing_mark():
    """禁则: a run a line may not break inside (`unbroken` text, a word), exactly as wide as the
    line, was folded with the mark after it alone on the next line: `乙丙丁戊` / `）`."""
    assert fitted(unbroken("乙丙丁戊") + "）", 8) == ["乙丙丁", "戊）"]
    assert fitted("甲" + unbroken("乙丙丁戊") + "，己", 9) == ["甲", "乙丙丁", "戊，己"]
    assert fitted(unbroken("乙丙丁戊") + "）。", 8) == ["乙丙丁", "戊）。"]
    assert fitted("abcdefgh）", 8) == ["abcdefg", "h）"]


def test_an_opening_mark_goes_down_with_what_it_opens():
    """`乙丙（` / `丁戊`: folded, a line ended with the opening mark."""
    assert fitted("甲" + unbroken("乙丙（丁戊"), 6) == ["甲", "乙丙", "（丁戊"]
    assert fitted("甲" + unbroken("乙丙《丁》"), 6) == ["甲", "乙丙", "《丁》"]


def test_in_english_a_folded_word_starts_no_line_with_a_closing_mark_nor_ends_one_with_an_opening_one():
    """A word wider than the line, folded at any character, left `)`, `).`, `,` or `:` alone at the
    start of a line, or `(` `[` `"` at the end of one: ASCII marks are kept as Chinese ones are."""
    assert fitted("abcdefgh)", 8) == ["abcdefg", "h)"]
    assert fitted("abcdefgh).", 8) == ["abcdefg", "h)."]
    assert fitted("(abcdefg]: x", 8) == ["(abcdef", "g]: x"]
    assert fitted("abcdefgh, ijk", 8) == ["abcdefg", "h, ijk"]
    assert fitted("abcdefg(hij)", 8) == ["abcdefg", "(hij)"]
    assert fitted("abcdef[\"hij\"]", 8) == ["abcdef", "[\"hij\"]"]
    # (between the words of text kept unbroken, a word is never joined to the one before it)
    assert fitted(unbroken("see -r ./x.yaml"), 12) == ["see -r", "./x.yaml"]
    # (a date, folded whole, wins: the mark after it alone on a line rather than the date cut)
    assert fitted("(2019-04-30)", 10) == ["(", "2019-04-30", ")"]


def test_a_closing_mark_after_a_piece_kept_whole_goes_down_with_it_but_never_into_it():
    """A path kept whole (`wholes`) as wide as the line, or a date (a number is folded whole), with
    a closing mark after it: the piece wins, left whole, and the mark starts the next line; a path
    cut to keep a mark company pastes wrong, a date cut reads as another day."""
    text = "说明：" + unbroken("-r 台账/tasks.yaml") + "）"
    at = text.index("台")
    wholes = ((at, at + 2 * len("台账/tasks.yaml") - 1),)  # (character i of unbroken text at 2i)
    # (说明：, glued to the command by UAX #14, which breaks before no hyphen (-r), goes on the line
    # before it as a word does: the line was broken before the glued whole, 说 alone on a line)
    assert fitted(text, 17, wholes=wholes) == ["说明：-r", "台账/tasks.yaml）"]
    # (the path, 15 cells, fits a line, with its bracket it does not: it was cut, 台账/tas / ks.yaml）)
    assert fitted(text, 16, wholes=wholes) == ["说明：-r", "台账/tasks.yaml", "）"]
    assert fitted(text, 15, wholes=wholes) == ["说明：-r", "台账/tasks.yaml", "）"]
    assert fitted("2019-04-30）", 10) == ["2019-04-30", "）"]
    assert fitted("（2019-04-30", 11) == ["（", "2019-04-30"]


def test_english_breaks_between_words_and_folds_a_word_longer_than_the_line():
    assert wrapped("closed on time", 8) == ["closed", "on time"]
    assert wrapped("https://example.org/a", 8) == ["https://", "example.", "org/a"]


def test_a_date_folded_out_of_a_longer_run_stays_whole():
    """（2019-04-30 can break nowhere: folded at any character it was cut as （2019-04-3 / 0."""
    assert wrapped("（2019-04-30补录）", 11) == ["（", "2019-04-30", "补录）"]
    assert wrapped("(written 2019-04-30)", 10) == ["(written", "2019-04-30", ")"]


def test_a_count_folded_out_of_a_longer_run_keeps_its_unit():
    """reconcile's `measures_due_2018_done“86项…`, wider than 26 cells, was folded `…done“86` / `项全面完成”`."""
    assert wrapped("measures_due_2018_done“86项全面完成”：报告称86", 26) == [
        "measures_due_2018_done", "“86项全面完成”：报告称86"]


def test_a_date_kept_unbroken_with_its_words_folds_after_the_date_not_inside_them():
    """History keeps a step's date with its words, `2019-06-30到期的一步`; in 20 cells the bracket,
    24, was folded at its 20th, `（2019-06-30到期的一` / `步）`."""
    assert wrapped("销号" + unbroken("（2019-06-30到期的一步）"), 20) == ["销号", "（2019-06-30", "到期的一步）"]


def test_hanging_text_keeps_to_the_line_where_nothing_in_it_needs_more():
    """At 20 columns reconcile's lines ran past the edge: the text after an indent or a bullet kept 20
    cells however little the line left it, and a bullet's text went under a `-` alone. Only a piece
    a line may not break inside, a date, takes more."""
    assert hanging("- ", "tasks_total: the report claims 45, the appendix gives 44.", 20) == [
        "- tasks_total: the", "  report claims 45,", "  the appendix gives", "  44."]
    assert hanging("  Counting rule: ", "tasks listed in the appendix", 20) == [
        "  Counting rule:", "    tasks listed in", "    the appendix"]
    assert hanging("  ", "see 2019-03-31", 10) == ["  see", "  2019-03-31"]


def test_a_path_wider_than_the_line_folds_after_a_slash():
    """The command under a narrow status or show, its ledger 28 cells, read `-r 西藏自治区整改台` /
    `账/tasks.yaml）` at 20 columns; validate's bundled ledger `/work/wt_tinyterm/data/tasks.y` / `aml` at 30."""
    command = unbroken("见 rectify show <编号> -r 西藏自治区整改台账/tasks.yaml") + "）"
    assert wrapped(command, 20) == ["见 rectify show", "<编号> -r", "西藏自治区整改台账/", "tasks.yaml）"]
    assert wrapped(command, 28) == ["见 rectify show <编号> -r", "西藏自治区整改台账/", "tasks.yaml）"]
    assert linebreak.wrapped("/work/wt_tinyterm/data/tasks.yaml (bundled example ledger)", 30) == [
        "/work/wt_tinyterm/data/", "tasks.yaml (bundled example", "ledger)"]


def test_text_kept_unbroken_but_wider_than_the_line_folds_at_its_spaces():
    """show at 20-23 columns folded the command kept whole, wider than the line, at any character:
    `见 rectify show <编号` / `>）`, `see rectify show <id` / `>)`, or left `）` alone on a line."""
    zh = "未显示：期限；" + unbroken("见 rectify show <编号>") + "）"
    assert wrapped(zh, 20) == ["未显示：期限；", "见 rectify show", "<编号>）"]
    assert wrapped(zh, 22) == ["未显示：期限；", "见 rectify show", "<编号>）"]
    assert wrapped("Text; " + unbroken("see rectify show <id>") + ")", 20) == ["Text;", "see rectify show", "<id>)"]


def test_unbroken_text_folded_at_its_spaces_keeps_a_piece_whole_where_it_fits_a_line():
    """A command's path with a space, `'台账 副本/tasks.yaml'`, was folded there like any two words:
    pasted, the path had a line break in it. With -r, where both fit a line, they go together; the
    closing bracket after it stays with it."""
    command = "见 rectify show <编号> -r '台账 副本/tasks.yaml'"
    text = "未显示：期限；" + unbroken(command) + "）"
    at = text.index(unbroken(command))
    path, option = command.index("'"), command.index("-r")
    wholes = ((at + 2 * option, len(text) - 1), (at + 2 * path, len(text) - 1))  # (character i at 2i)

    def lines(width: int) -> list[str]:
        out = io.StringIO()
        Console(file=out, width=width, color_system=None, markup=False, emoji=False,
                highlight=False).print(Paragraph(text, wholes=wholes))
        return out.getvalue().splitlines()

    assert lines(40) == ["未显示：期限；", "见 rectify show <编号>", "-r '台账 副本/tasks.yaml'）"]
    assert lines(26) == ["未显示：期限；", "见 rectify show <编号> -r", "'台账 副本/tasks.yaml'）"]
    # (wider than a line, the path is folded at its space, as the terminal would fold it)
    assert lines(20) == ["未显示：期限；", "见 rectify show", "<编号> -r '台账", "副本/tasks.yaml'）"]


@given(st.lists(st.text(alphabet="见rectify<编号>-", min_size=1, max_size=5), min_size=1, max_size=6),
       st.integers(min_value=14, max_value=30))
def test_unbroken_text_wider_than_the_line_fits_and_loses_nothing_but_spaces(words, width):
    """(each word, the brackets beside it, fits a line: none need be folded, nor a bracket left alone)"""
    text = "（" + unbroken(" ".join(words)) + "）"
    lines = wrapped(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace("\u2060", "").replace(" ", "")
    assert [line for line in lines if line.strip() in ("（", "）")] == []


def test_a_flag_or_an_emoji_sequence_is_never_cut():
    assert wrapped("🇨🇳" * 5, 5) == ["🇨🇳🇨🇳", "🇨🇳🇨🇳", "🇨🇳"]
    assert wrapped("x" * 4 + "👨‍👩‍👧" + "🇨🇳" + "y" * 4, 5)[1] == "👨‍👩‍👧🇨🇳"


def test_text_that_fits_is_left_as_rich_lays_it_out():
    assert wrapped("全部完成。", 20) == ["全部完成。"]
    assert wrapped("第一行\n第二行", 20) == ["第一行", "第二行"]


@given(st.text(alphabet="整改完成，。、（）《》“”2019年PMab -", max_size=80), st.integers(min_value=2, max_value=30))
def test_every_line_fits_and_nothing_but_spaces_is_lost(text, width):
    lines = wrapped(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_cut_at_break_never_cuts_inside_a_word_or_a_date():
    """clip cut `approved by Tibet` to `approve…` and `延至 2027-06-30` to `延至 2027…`."""
    assert linebreak.cut_at_break("approved by Tibet", 9) == "approved…"
    assert linebreak.cut_at_break("approved by Tibet", 8) == ""
    assert linebreak.cut_at_break("延至 2027-06-30 完成", 12) == "延至…"
    assert linebreak.cut_at_break("延至 2027-06-30 完成", 16) == "延至 2027-06-30…"
    assert linebreak.cut_at_break("资金未到位", 10) == "资金未到位"
    assert linebreak.cut_at_break("资金未到位", 9) == "资金未到…"
