"""Every output format of `rectify check`, on hand-built results with literal expectations."""
from __future__ import annotations

import hashlib
import json
from urllib.parse import quote
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ holds builders.py

from builders import entry, make_measure, make_registry, make_task, make_plan, ongoing, plan_of  # noqa: E402
from rectify_cli.engine import evaluate  # noqa: E402
from rectify_cli.gate import run_check  # noqa: E402
from rectify_cli.textsafe import display_width  # noqa: E402
from rectify_cli.i18n import Lang  # noqa: E402
from rectify_cli.model import Location  # noqa: E402
from rectify_cli.render import check  # noqa: E402
from rectify_cli.render.check_machine import xml_safe  # noqa: E402

AS_OF = date(2019, 3, 31)
FILE = "data/tasks.yaml"
HOSTILE = "<x>&amp; \x00nul \x1b[31m[red]红[/red] 100% a:b,c | d\r\n::error::fake\ufffe"


def _at(line: int) -> Location:
    return Location(FILE, line, 9)


def _result(plan, journal=(), fail_on=("overdue",)):
    report = evaluate(plan=plan, journal=journal, as_of=AS_OF)
    return run_check(report, fail_on=fail_on, registry=make_registry(plan, journal))


def mixed():
    """1.1 overdue 89 days, 1.2 overdue 20 days, 2.1 due soon, 3.1 stale (274 days), 3.2 on track."""
    plan = plan_of(
        make_measure("1.1", ["2019-01-01"], owners=["拉萨市", "自治区生态环境厅"],
                     text="拉萨市建成城东污水处理厂并投入运行，实现县城污水全收集全处理（2018年12月31日）。",
                     location=_at(41)),
        make_measure("1.2", ["2019-03-11"], owners=["那曲市"], text="那曲市完成排查（2019年3月11日）。", location=_at(47)),
        make_measure("2.1", ["2019-04-15"], owners=["那曲市"], text="那曲市完成建筑工地围挡硬化（2019年4月15日）。",
                     location=_at(64)),
        make_measure("3.1", [ongoing()], text="定期开展水源地环境状况评估（长期坚持）。", location=_at(93)),
        make_measure("3.2", ["2020-12-31"], text="完成全部县级水源地保护区划定（2020年12月31日）。", location=_at(99)),
    )
    journal = [entry("1.1", "2018-09-30", "in_progress", note="主体工程完工60%。"),
               entry("3.1", "2018-06-30", "report", note="完成上半年评估。")]
    return plan, journal


def render(result, fmt, lang=Lang.zh):
    return check.render(result, format=fmt, lang=lang).decode()


@pytest.fixture(autouse=True)
def _not_a_terminal(monkeypatch):
    """Output to a file or a CI log, as pytest's captured output is (even with -s)."""
    monkeypatch.setattr("rectify_cli.console.terminal_width", lambda stream=None: None)


# --------------------------------------------------------------------------- shared phrases


def test_shorten_cuts_on_a_cell_boundary_with_an_ellipsis():
    assert check.shorten("一二三四五六七八九十一二三四五") == "一二三四五六七八九十一二三四五"  # exactly 30 cells
    assert check.shorten("一二三四五六七八九十一二三四五六") == "一二三四五六七八九十一二三四…"
    assert check.shorten("a一二三四五六七八九十一二三四五") == "a一二三四五六七八九十一二三四…"
    assert check.shorten("a" * 31) == "a" * 29 + "…"
    assert display_width("测试ab") == 6


def test_escape_functions_of_workflow_commands():
    assert check.escape_data("100% a:b,c\r\nx") == "100%25 a:b,c%0D%0Ax"
    assert check.escape_property("100% a:b,c\r\nx") == "100%25 a%3Ab%2Cc%0D%0Ax"
    assert check.escape_property("%0A") == "%250A"


def test_xml_safe_replaces_what_xml_cannot_hold():
    assert xml_safe("a\x00b\x08c\x0bd\x0ce\x1ff\ufffeg\ttab\nline") == "a\\x00b\\x08c\\x0bd\\x0ce\\x1ff\\ufffeg\ttab\nline"
    assert xml_safe("<&>") == "<&>"  # ElementTree escapes these itself


# --------------------------------------------------------------------------- text


def test_text_lists_failures_worst_first_then_warnings_then_the_total():
    assert render(_result(*mixed()), "text") == (
        "1.1  红  逾期89天  拉萨市、自治区生态环境厅  拉萨市建成城东污水处理厂并投…\n"
        "1.2  红  逾期20天  那曲市                    那曲市完成排查（2019年3月11日…\n"
        "临期提醒（不计为失败）：\n"
        "2.1  黄  2019-04-15到期  那曲市  那曲市完成建筑工地围挡硬化（2…\n"
        "2 项措施逾期（共 5 项）\n"
    )


def test_text_in_english():
    assert render(_result(*mixed()), "text", Lang.en) == (  # (the text cut to 80 cells a line)
        "1.1  red  89 days overdue  拉萨市, 自治区生态环境厅  拉萨市建成城东污水处理厂并…\n"
        "1.2  red  20 days overdue  那曲市                    那曲市完成排查（2019年3月1…\n"
        "Due soon (not failing):\n"
        "2.1  yellow  due 2019-04-15  那曲市  那曲市完成建筑工地围挡硬化（2…\n"
        "2 of 5 measures failing (overdue)\n"
    )


def test_text_with_several_rules_counts_each():
    result = _result(*mixed(), fail_on=("overdue", "due_soon", "stale"))
    assert render(result, "text") == (  # (the text cut to 80 cells a line)
        "1.1  红  逾期89天        拉萨市、自治区生态环境厅  拉萨市建成城东污水处理厂并投…\n"
        "1.2  红  逾期20天        那曲市                    那曲市完成排查（2019年3月11…\n"
        "2.1  黄  2019-04-15到期  那曲市                    那曲市完成建筑工地围挡硬化（…\n"
        "3.1  黄  274天未报告     自治区生态环境厅          定期开展水源地环境状况评估（…\n"
        "4 项措施未通过检查：逾期 2 项、临期 1 项、久未报告 1 项（共 5 项）\n"
    )
    assert render(result, "text", Lang.en).splitlines()[-1] == "4 of 5 measures failing (overdue 2, due soon 1, stale 1)"


def test_text_never_reported_stale_measure_gives_its_days_since_the_feedback_date():
    """As the engine counts them, and summary's table shows them: 2018-01-03 (the plan's
    feedback) to 2019-03-31 is 365 + 59 (to 03-03) + 28 = 452 days."""
    result = _result(plan_of(make_measure("1.1", [ongoing()], text="短")), fail_on=("stale",))
    assert render(result, "text") == "1.1  黄  从未报告（自反馈起452天）  自治区生态环境厅  短\n1 项措施久未报告（共 1 项）\n"
    assert render(result, "text", Lang.en) == (
        "1.1  yellow  never reported (452 days since feedback)  自治区生态环境厅  短\n1 of 1 measure failing (stale)\n")


def test_text_all_clear():
    plan = plan_of(make_measure("1.1", ["2020-12-31"]), make_measure("1.2", ["2020-12-31"]))
    assert render(_result(plan), "text") == "截至 2019-03-31，2 项措施均无逾期\n"
    assert render(_result(plan), "text", Lang.en) == "All clear as of 2019-03-31: 0 of 2 measures overdue\n"
    both = _result(plan, fail_on=("overdue", "due_soon"))
    assert render(both, "text") == "截至 2019-03-31，2 项措施均无逾期、临期\n"
    assert render(both, "text", Lang.en) == "All clear as of 2019-03-31: 0 of 2 measures overdue or due soon\n"


def test_text_all_clear_of_one_measure_says_no_均():
    """均 ("all of them") is for several: a one-measure ledger, or `--task 33 --owner 拉萨市` leaving
    one, read "1 项措施均无逾期", as summary's "1个责任单位均无…" did before it named its one unit."""
    plan = plan_of(make_measure("1.1", ["2020-12-31"]))
    assert render(_result(plan), "text") == "截至 2019-03-31，1 项措施无逾期\n"
    assert render(_result(plan), "text", Lang.en) == "All clear as of 2019-03-31: 0 of 1 measure overdue\n"
    both = _result(plan, fail_on=("overdue", "due_soon"))
    assert render(both, "text") == "截至 2019-03-31，1 项措施无逾期、临期\n"


def test_text_nothing_selected():
    result = _result(make_plan(tasks=[make_task("1", milestones=["2020-12-31"])]))
    assert render(result, "text") == "截至 2019-03-31，没有符合条件的措施\n"
    assert render(result, "text", Lang.en) == "No measures selected as of 2019-03-31\n"


def test_text_prints_hostile_registry_text_literally_on_one_line():
    plan = plan_of(make_measure("1.1", ["2019-01-01"], owners=["[bold]单位"], text=HOSTILE))
    out = render(_result(plan), "text")
    assert out == (
        "1.1  红  逾期89天  [bold]单位  <x>&amp; \\x00nul \\x1b[31m[red…\n"
        "1 项措施逾期（共 1 项）\n"
    )
    assert "\x1b" not in out and "\x00" not in out and "\r" not in out


def test_text_columns_align_with_flags_and_joined_emoji_and_never_cut_one():
    # A flag or a family joined by U+200D takes two cells as terminals draw it, not one per part.
    plan = plan_of(make_measure("1.1", ["2019-01-01"], owners=["🇨🇳国旗👨‍👩‍👧单位"], text="🇨🇳" * 20),
                   make_measure("1.2", ["2019-01-01"], owners=["那曲市"], text="那曲市完成排查。"))
    out = render(_result(plan), "text")
    assert out == (
        "1.1  红  逾期89天  🇨🇳国旗👨‍👩‍👧单位  " + "🇨🇳" * 14 + "…\n"
        "1.2  红  逾期89天  那曲市        那曲市完成排查。\n"
        "2 项措施逾期（共 2 项）\n"
    )


def test_text_columns_align_with_a_flag_after_a_zero_width_space_or_byte_order_mark():
    # Pasted from a web page, a name may hold a U+200B or U+FEFF: the flag after one is still one
    # flag of two cells (wcwidth 0.7 splits it in two there, padding the cell two cells short).
    plan = plan_of(make_measure("1.1", ["2019-01-01"], owners=["中国\u200b🇨🇳队"], text="措施\ufeff🇨🇳甲"),
                   make_measure("1.2", ["2019-01-01"], owners=["第二分局"], text="措施乙乙乙"))
    assert render(_result(plan), "text").splitlines() == [
        "1.1  红  逾期89天  中国\u200b🇨🇳队  措施\ufeff🇨🇳甲",
        "1.2  红  逾期89天  第二分局  措施乙乙乙",
        "2 项措施逾期（共 2 项）",
    ]


def test_text_keeps_a_line_or_paragraph_separator_from_breaking_its_line():
    plan = plan_of(make_measure("1.1", ["2019-01-01"], text="第一段\u2028第二段\u2029第三段"))
    assert render(_result(plan), "text").splitlines() == ["1.1  红  逾期89天  自治区生态环境厅  第一段 第二段 第三段",
                                                          "1 项措施逾期（共 1 项）"]


def test_text_caps_the_units_column_so_a_long_list_of_units_cannot_widen_every_line():
    # Padded to its widest cell, one measure with 12 units pushed every line's text 300 cells right.
    many = ["自治区发展改革委", "自治区经济和信息化厅", "自治区自然资源厅", "自治区住房城乡建设厅"] * 3
    plan = plan_of(make_measure("1.1", ["2019-01-01"], owners=many, text="各部门按职责分工推进。"),
                   make_measure("1.2", ["2019-03-11"], owners=["那曲市"], text="那曲市完成排查。"))
    out = render(_result(plan), "text")
    assert out == (
        "1.1  红  逾期89天  自治区发展改革委、自治区经济…  各部门按职责分工推进。\n"
        "1.2  红  逾期20天  那曲市" + " " * 25 + "那曲市完成排查。\n"
        "2 项措施逾期（共 2 项）\n"
    )
    assert render(_result(plan), "text", Lang.en).splitlines()[:2] == [
        "1.1  red  89 days overdue  自治区发展改革委, 自治区经济…  各部门按职责分工推进。",
        "1.2  red  20 days overdue  那曲市" + " " * 25 + "那曲市完成排查。",
    ]
    # The log part of github is the same text; the annotation still names every unit (the lead,
    # many's first, named once, first, as status and show name it).
    lines = render(_result(plan), "github").splitlines()
    assert lines[3:5] == out.splitlines()[:2]
    rest = ["自治区经济和信息化厅", "自治区自然资源厅", "自治区住房城乡建设厅"] * 3
    assert "责任单位：" + "、".join(["自治区发展改革委", *rest]) + "%0A" in lines[0]


def wide():
    """The tester's widest lines: a 15-character unit and a long text, 83 cells laid out whole."""
    return _result(plan_of(
        make_measure("14.4", ["2018-12-31"], owners=["自治区自然保护区领导小组办公室"],
                     text="自治区自然保护区领导小组办公室牵头开展自然保护区内违法违规问题排查整治。"),
        make_measure("1.3", ["2019-01-31"], owners=["各级党委、政府及有关部门"],
                     text="严格贯彻落实《西藏自治区各级党委、政府及有关部门环境保护工作职责》。")))


def test_text_fits_80_cells_in_a_log_or_a_file():
    """Each line was 81 to 83 cells: on an 80-column terminal each wrapped by a cell or three."""
    assert render(wide(), "text").splitlines() == [
        "14.4  红  逾期90天  自治区自然保护区领导小组办公…  自治区自然保护区领导小组办公…",
        "1.3   红  逾期59天  各级党委、政府及有关部门       严格贯彻落实《西藏自治区各级…",
        "2 项措施逾期（共 2 项）"]
    assert max(display_width(line) for line in render(wide(), "text", Lang.en).splitlines()) == 80


def test_text_fits_a_narrower_terminal_and_no_more_on_a_wider_one(monkeypatch):
    monkeypatch.setattr("rectify_cli.console.terminal_width", lambda stream=None: 60)
    assert render(wide(), "text").splitlines()[:2] == [
        "14.4  红  逾期90天  自治区自然保护区领…  自治区自然保护区领…",
        "1.3   红  逾期59天  各级党委、政府及有…  严格贯彻落实《西藏…"]
    assert render(_result(*mixed()), "github").splitlines()[-3] == "2.1  黄  2019-04-15到期  那曲市  那曲市完成建筑工地围挡硬化…"
    monkeypatch.setattr("rectify_cli.console.terminal_width", lambda stream=None: 120)
    assert max(display_width(line) for line in render(wide(), "text").splitlines()) == 81  # (the text stays cut to 30)


def test_text_on_a_terminal_too_narrow_for_columns_wraps_each_measures_units_under_it(monkeypatch):
    """At 24 columns the units under a measure were cut to the line, `责任单位：自治区自然保…`, naming no
    unit: they are wrapped, whole; the text, a reminder already cut to 30 cells, is cut to the line."""
    monkeypatch.setattr("rectify_cli.console.terminal_width", lambda stream=None: 24)
    assert render(wide(), "text").splitlines() == [
        "14.4  红  逾期90天",
        "  责任单位：自治区自然保",
        "  护区领导小组办公室",
        "  措施：自治区自然保护…",
        "1.3   红  逾期59天",
        "  责任单位：各级党委、政",
        "  府及有关部门",
        "  措施：严格贯彻落实《…",
        "2 项措施逾期（共 2 项）"]


# --------------------------------------------------------------------------- github


def test_github_annotations_then_the_text_report():
    out = render(_result(*mixed()), "github")
    assert out.splitlines() == [
        "::error file=data/tasks.yaml,line=41,title=1.1 逾期89天::"
        "措施 1.1：拉萨市建成城东污水处理厂并投入运行，实现县城污水全收集全处理（2018年12月31日）。"
        "%0A责任单位：拉萨市、自治区生态环境厅%0A期限：2019-01-01%0A最近有效记录：2018-09-30 推进中：主体工程完工60%25。",
        "::error file=data/tasks.yaml,line=47,title=1.2 逾期20天::"
        "措施 1.2：那曲市完成排查（2019年3月11日）。%0A责任单位：那曲市%0A期限：2019-03-11%0A最近有效记录：无",
        "::warning file=data/tasks.yaml,line=64,title=2.1 2019-04-15到期::"
        "措施 2.1：那曲市完成建筑工地围挡硬化（2019年4月15日）。%0A责任单位：那曲市%0A期限：2019-04-15%0A最近有效记录：无",
        "::stop-commands::rectify-" + _token(render(_result(*mixed()), "text")),
        "1.1  红  逾期89天  拉萨市、自治区生态环境厅  拉萨市建成城东污水处理厂并投…",
        "1.2  红  逾期20天  那曲市                    那曲市完成排查（2019年3月11日…",
        "临期提醒（不计为失败）：",
        "2.1  黄  2019-04-15到期  那曲市  那曲市完成建筑工地围挡硬化（2…",
        "2 项措施逾期（共 5 项）",
        "::rectify-" + _token(render(_result(*mixed()), "text")) + "::",
    ]


def _token(log: str) -> str:
    """The stop-commands token of a github log part: a hash of its lines."""
    return hashlib.sha256(log.removesuffix("\n").encode()).hexdigest()[:32]


def test_github_stops_commands_in_the_log_part_with_a_token_of_its_own():
    """The runner reads a legacy ##[command] anywhere in a line (actions/runner#4692)."""
    plan = plan_of(make_measure("1.1", ["2019-01-01"], owners=["##[stop-commands]x"], text="##[error]伪造"))
    lines = render(_result(plan), "github").splitlines()
    token = "rectify-" + _token("1.1  红  逾期89天  ##[stop-commands]x  ##[error]伪造\n1 项措施逾期（共 1 项）")
    assert lines[1:] == ["::stop-commands::" + token, "1.1  红  逾期89天  ##[stop-commands]x  ##[error]伪造",
                         "1 项措施逾期（共 1 项）", f"::{token}::"]
    other = plan_of(make_measure("1.1", ["2019-01-01"], owners=["##[stop-commands]x"], text="##[error]伪造！"))
    assert token not in render(_result(other), "github")


def test_github_english_title_escapes_its_colon_free_properties():
    out = render(_result(*mixed()), "github", Lang.en)
    assert out.splitlines()[0] == (
        "::error file=data/tasks.yaml,line=41,title=1.1 89 days overdue::"
        "Measure 1.1: 拉萨市建成城东污水处理厂并投入运行，实现县城污水全收集全处理（2018年12月31日）。"
        "%0AUnits: 拉萨市, 自治区生态环境厅%0ADue: 2019-01-01%0ALatest in force: 2018-09-30 in progress: 主体工程完工60%25。"
    )


def test_github_escapes_properties_and_message():
    plan = plan_of(make_measure("1.1", ["2019-01-01"], text="a%b\nc:d,e",
                                location=Location("ledger,v1:2019/tasks.yaml", 7, 9)))
    first = render(_result(plan), "github").splitlines()[0]
    assert first == (
        "::error file=ledger%2Cv1%3A2019/tasks.yaml,line=7,title=1.1 逾期89天::"
        "措施 1.1：a%25b c:d,e%0A责任单位：自治区生态环境厅%0A期限：2019-01-01%0A最近有效记录：无"
    )


def test_github_hostile_text_cannot_start_a_line_or_a_command():
    plan = plan_of(make_measure("1.1", ["2019-01-01"], text=HOSTILE, location=_at(5)))
    lines = render(_result(plan), "github").splitlines()
    assert lines[0] == (
        "::error file=data/tasks.yaml,line=5,title=1.1 逾期89天::"
        "措施 1.1：<x>&amp; \\x00nul \\x1b[31m[red]红[/red] 100%25 a:b,c | d\\x0d ::error::fake\ufffe"
        "%0A责任单位：自治区生态环境厅%0A期限：2019-01-01%0A最近有效记录：无"
    )
    assert [line for line in lines if line.startswith("::")] == [lines[0], lines[1], lines[-1]]
    assert lines[1].startswith("::stop-commands::") and lines[-1] == f"::{lines[1][17:]}::"


def test_github_caps_annotations_at_ten_per_level_and_says_how_many_more():
    measures = [make_measure(f"1.{i}", [f"2019-01-{i:02d}"], location=_at(10 * i)) for i in range(1, 13)]
    measures += [make_measure(f"2.{i}", [f"2019-04-{i:02d}"], location=_at(200 + i)) for i in range(1, 12)]
    lines = render(_result(plan_of(*measures)), "github").splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert [line.split(",title=")[1].split("::")[0] for line in errors] == [
        f"1.{i} 逾期{90 - i}天" for i in range(1, 11)]
    assert [line.split(",title=")[1].split("::")[0] for line in warnings] == [
        f"2.{i} 2019-04-{i:02d}到期" for i in range(1, 11)]
    assert lines[20] == ("::notice::另有 2 项未通过的措施、1 项临期提醒未逐条标注（GitHub 每步每类最多显示 10 条），"
                         "完整列表见下方日志")  # (it said 另有 2 项未通过、…: 未通过未逐条标注 when alone)
    assert lines[21].startswith("::stop-commands::")
    assert lines[22].startswith("1.1   红  逾期89天")
    assert lines[-2] == "12 项措施逾期（共 23 项）"
    assert len(lines) == 21 + 1 + 12 + 1 + 11 + 1 + 1  # every measure is still in the log


def test_github_notice_in_english():
    measures = [make_measure(f"1.{i}", [f"2019-01-{i:02d}"]) for i in range(1, 12)]
    lines = render(_result(plan_of(*measures)), "github", Lang.en).splitlines()
    assert lines[10] == ("::notice::Not annotated: 1 more failing measure "  # (it said "and 0 more warnings")
                         "(GitHub shows at most 10 of each per step); all are listed in the log below")


def test_github_notice_names_only_what_it_leaves_out():
    measures = [make_measure(f"2.{i}", [f"2019-04-{i:02d}"]) for i in range(1, 13)]
    zh = render(_result(plan_of(*measures)), "github").splitlines()
    assert [line for line in zh if line.startswith("::notice::")] == [
        "::notice::另有 2 项临期提醒未逐条标注（GitHub 每步每类最多显示 10 条），完整列表见下方日志"]
    en = render(_result(plan_of(*measures)), "github", Lang.en).splitlines()
    assert [line for line in en if line.startswith("::notice::")] == [
        "::notice::Not annotated: 2 more warnings (GitHub shows at most 10 of each per step); all are listed in the log below"]


def test_github_notice_of_failures_alone_reads_well():
    """It said 另有 60 项未通过未逐条标注: 未通过未 reads as one muddle."""
    measures = [make_measure(f"1.{i}", [f"2019-01-{i:02d}"]) for i in range(1, 13)]
    assert [line for line in render(_result(plan_of(*measures)), "github").splitlines() if line.startswith("::notice::")] == [
        "::notice::另有 2 项未通过的措施未逐条标注（GitHub 每步每类最多显示 10 条），完整列表见下方日志"]


def test_github_without_location_has_no_file_property():
    lines = render(_result(plan_of(make_measure("1.1", ["2019-01-01"]))), "github").splitlines()
    assert lines[0].startswith("::error title=1.1 逾期89天::")


def test_github_all_clear_is_the_text_line_only():
    assert render(_result(plan_of(make_measure("1.1", ["2020-12-31"]))), "github") == "截至 2019-03-31，1 项措施无逾期\n"


# --------------------------------------------------------------------------- a late extension


def extended_late():
    """2.1, due 2019-03-01, extended on 2019-03-10 (late) to 2019-04-15: due soon only thanks to it."""
    plan = plan_of(make_measure("2.1", ["2019-03-01"], owners=["那曲市"], text="那曲市完成建筑工地围挡硬化（2019年3月1日）。",
                                location=_at(64)))
    journal = [entry("2.1", "2019-03-10", "extended", milestone="2019-03-01", to="2019-04-15", reason="冬季停工",
                     approved_by="自治区生态环境厅", late=True)]
    return plan, journal


@pytest.mark.parametrize("lang, lines", [
    (Lang.zh, ["临期提醒（不计为失败）：",
               "2.1  黄  2019-04-15到期（逾期后延期）  那曲市  那曲市完成建筑工地围挡硬化（2…",
               "截至 2019-03-31，1 项措施无逾期"]),
    (Lang.en, ["Due soon (not failing):",
               "2.1  yellow  due 2019-04-15 (extended late)  那曲市  那曲市完成建筑工地围挡硬化…",
               "All clear as of 2019-03-31: 0 of 1 measure overdue"]),
])
def test_text_marks_a_measure_due_soon_only_thanks_to_a_late_extension(lang, lines):
    """A CI gate's reader saw a plain warning: without the extension, granted after the deadline, it would be overdue."""
    assert render(_result(*extended_late()), "text", lang).splitlines() == lines


def test_annotations_junit_and_sarif_mark_a_late_extension_in_their_titles():
    result = _result(*extended_late(), fail_on=("overdue", "due_soon"))
    annotation = render(result, "github").splitlines()[0]
    assert annotation.startswith("::error file=data/tasks.yaml,line=64,title=2.1 2019-04-15到期（逾期后延期）::措施 2.1：")
    english = render(result, "github", Lang.en).splitlines()[0]
    assert english.startswith("::error file=data/tasks.yaml,line=64,title=2.1 due 2019-04-15 (extended late)::Measure 2.1: ")
    (case,) = ET.fromstring(render(result, "junit").encode()).iter("testcase")
    assert case.find("failure").get("message") == "2.1 2019-04-15到期（逾期后延期）"
    (sarif,) = json.loads(render(result, "sarif", Lang.en))["runs"][0]["results"]
    assert sarif["message"]["text"].splitlines()[0] == "2.1 due 2019-04-15 (extended late)"
    assert "| 2.1 | 黄 | 2019-04-15到期（逾期后延期） |" in render(result, "markdown")


def test_a_measure_extended_in_time_is_not_marked():
    plan, journal = extended_late()
    journal = [entry("2.1", "2019-02-20", "extended", milestone="2019-03-01", to="2019-04-15", reason="冬季停工",
                     approved_by="自治区生态环境厅")]
    assert render(_result(plan, journal), "text").splitlines()[1] == "2.1  黄  2019-04-15到期  那曲市  那曲市完成建筑工地围挡硬化（2…"


# --------------------------------------------------------------------------- markdown


def test_markdown_summary_table():
    assert render(_result(*mixed(), fail_on=("overdue", "stale")), "markdown") == (
        "### 整改台账检查：3 项措施未通过检查：逾期 2 项、久未报告 1 项（共 5 项）\n"
        "\n"
        "| 编号 | 灯 | 情况 | 责任单位 | 措施 |\n"
        "|---|---|---|---|---|\n"
        "| 1.1 | 红 | 逾期89天 | 拉萨市、自治区生态环境厅 | 拉萨市建成城东污水处理厂并投入运行，实现县城污水全收集全处理（2018年12月31日）。 |\n"
        "| 1.2 | 红 | 逾期20天 | 那曲市 | 那曲市完成排查（2019年3月11日）。 |\n"
        "| 3.1 | 黄 | 274天未报告 | 自治区生态环境厅 | 定期开展水源地环境状况评估（长期坚持）。 |\n"
        "\n"
    )


def test_markdown_in_english_and_all_clear():
    plan = plan_of(make_measure("1.1", ["2020-12-31"]))
    assert render(_result(plan), "markdown", Lang.en) == (
        "### Rectification ledger check: All clear as of 2019-03-31: 0 of 1 measure overdue\n\n")
    out = render(_result(*mixed()), "markdown", Lang.en)
    # (the third column says what is wrong: a stale measure has no days overdue)
    assert out.splitlines()[2:4] == ["| ID | Light | State | Units | Measure |", "|---|---|---|---|---|"]
    assert out.splitlines()[4].startswith("| 1.1 | red | 89 days overdue | ")


def test_markdown_escapes_pipes_newlines_and_markup():
    plan = plan_of(make_measure("1.1", ["2019-01-01"], owners=["A|B"], text="a | b\nc <b>x</b> *y* [l](u) &lt;"))
    rows = render(_result(plan), "markdown").splitlines()
    assert rows[4] == "| 1.1 | 红 | 逾期89天 | A\\|B | a \\| b c \\<b\\>x\\</b\\> \\*y\\* \\[l\\](u) &amp;lt; |"


def test_markdown_keeps_github_emoji_mentions_references_links_and_entities_literal():
    # GitHub links these after parsing, in decoded text (\\: and &#58; change nothing there):
    # an invisible zero-width space after the character that starts one keeps it text.
    plan = plan_of(make_measure(
        "1.1", ["2019-01-01"], owners=["@octocat", "org/repo#12"],
        text=":smile: 见#123、GH-45、www.example.com、https://x.org/a、a@b.cn；&amp; 投资$5万和$6万 12:30 注: 止"))
    rows = render(_result(plan), "markdown").splitlines()
    assert rows[4] == (
        "| 1.1 | 红 | 逾期89天 | @&#8203;octocat、org/repo\\#&#8203;12 | "
        ":&#8203;smile: 见\\#&#8203;123、GH-&#8203;45、www&#8203;.example.com、https:&#8203;//x.org/a、a@&#8203;b.cn；"
        "&amp;amp; 投资<span>$</span>5万和<span>$</span>6万 12:&#8203;30 注: 止 |")


def _long_failing(n: int):
    """`n` overdue measures whose texts of 3,000 characters (9,000 bytes) each fill a table row."""
    return _result(plan_of(*[make_measure(f"1.{i}", ["2019-01-01"], text="整改" * 1500) for i in range(1, n + 1)]))


def test_markdown_summary_stops_its_table_short_of_githubs_1_mib_and_says_how_many_more():
    """GitHub drops a step summary over 1 MiB whole (probe6 #2): 4,451 rows of a national ledger
    left no summary at all, and an error annotation."""
    out = check.render(_long_failing(150), format="markdown")
    assert len(out) <= check.SUMMARY_BYTES < 1024 * 1024
    lines = out.decode().splitlines()
    rows = [line for line in lines if line.startswith("| 1.")]
    assert len(rows) == 110 and rows[-1].startswith("| 1.110 |")
    assert lines[-3:] == ["", "另有 40 项未列出（GitHub 的作业摘要不能超过 1 MiB），"
                              "完整列表见本步骤的日志或 `rectify check --format json`", ""]
    en = check.render(_long_failing(111), format="markdown", lang=Lang.en).decode().splitlines()
    assert en[-3:] == ["", "1 more measure not listed (GitHub refuses a job summary over 1 MiB); "
                           "all are in the step's log and in `rectify check --format json`", ""]


def test_markdown_summary_counts_the_command_it_names_in_its_limit():
    """The note names the command that shows all, with the ledger as typed: a long path's bytes
    are the table's to give up, and a backtick in it does not end the note's code span."""
    path = "台账`" + "整改" * 20_000 + ".yaml"
    out = check.render(_long_failing(150), format="markdown", rerun=("-r", path))
    assert len(out) <= check.SUMMARY_BYTES
    lines = out.decode().splitlines()
    assert len([line for line in lines if line.startswith("| 1.")]) == 97
    assert lines[-2] == f"另有 53 项未列出（GitHub 的作业摘要不能超过 1 MiB），完整列表见本步骤的日志或 ``rectify check -r '{path}' --format json``"


def test_markdown_summary_under_the_limit_is_the_whole_table():
    out = check.render(_long_failing(100), format="markdown").decode().splitlines()
    assert len([line for line in out if line.startswith("| 1.")]) == 100
    assert out[-2:] == ["| 1.100 | 红 | 逾期89天 | 自治区生态环境厅 | " + "整改" * 1500 + " |", ""]


@pytest.mark.parametrize("text", [
    HOSTILE, ":+1: @a #1 GH-2 www.x.cn http://y.cn/z?q=1 a@b.cn &amp; &#58; $x$ $$y$$",
    "\\ a\\ \\| | \\#1 ~~s~~ `c` _u_ ![i](x) <http://a.b> [^1] [ ] &#8203; WWW.X.CN",
])
def test_markdown_cell_reads_back_as_the_registry_text(text):
    """A CommonMark reader (GitHub's base) finds exactly the registry text in the cell, but for
    the zero-width spaces and the one-line escapes."""
    import html
    import re

    from markdown_it import MarkdownIt  # (Rich's Markdown reader)

    table = f"| a |\n|---|\n| {check.md_cell(text)} |\n"
    cell = re.fullmatch(r"(?s).*<td>(.*)</td>.*", MarkdownIt("commonmark").enable("table").render(table))[1]
    assert html.unescape(re.sub("<[^>]*>", "", cell)).replace("\u200b", "") == check.one_line(text)


# --------------------------------------------------------------------------- junit


def test_junit_one_testcase_per_measure_failures_for_failing_ones():
    out = render(_result(*mixed()), "junit")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert (suite.get("name"), suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("rectify", "5", "2", "0")
    cases = suite.findall("testcase")
    assert [(c.get("classname"), c.get("name"), c.get("file"), c.get("line")) for c in cases] == [
        ("task.1", "1.1 拉萨市建成城东污水处理厂并投…", "data/tasks.yaml", "41"),
        ("task.1", "1.2 那曲市完成排查（2019年3月11日…", "data/tasks.yaml", "47"),
        ("task.2", "2.1 那曲市完成建筑工地围挡硬化（2…", "data/tasks.yaml", "64"),
        ("task.3", "3.1 定期开展水源地环境状况评估（…", "data/tasks.yaml", "93"),
        ("task.3", "3.2 完成全部县级水源地保护区划定…", "data/tasks.yaml", "99"),
    ]
    failed = [(c.get("name").split()[0], c.find("failure")) for c in cases if c.find("failure") is not None]
    assert [(name, f.get("type"), f.get("message")) for name, f in failed] == [
        ("1.1", "overdue", "1.1 逾期89天"), ("1.2", "overdue", "1.2 逾期20天")]
    assert failed[0][1].text == (
        "措施 1.1：拉萨市建成城东污水处理厂并投入运行，实现县城污水全收集全处理（2018年12月31日）。\n"
        "责任单位：拉萨市、自治区生态环境厅\n期限：2019-01-01\n最近有效记录：2018-09-30 推进中：主体工程完工60%。")
    assert cases[2].find("system-out").text.splitlines()[0] == "2.1 2019-04-15到期"
    assert cases[4].find("system-out") is None and cases[4].find("failure") is None
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props == {"as_of": "2019-03-31", "fail_on": "overdue", "warn_days": "30", "report_period_days": "90",
                     "warnings": "1"}  # (2.1 due soon)


def test_junit_stays_well_formed_with_hostile_text():
    plan = plan_of(make_measure("1.1", ["2019-01-01"], text=HOSTILE, owners=["<u>&"]))
    journal = [entry("1.1", "2019-02-01", "in_progress", note="]]></failure><x> \x1b]0;t\x07 \x08")]
    root = ET.fromstring(render(_result(plan, journal), "junit").encode("utf-8"))
    case = root.find("testsuite/testcase")
    assert case.get("name") == "1.1 <x>&amp; \\x00nul \\x1b[31m[red…"
    assert case.find("failure").text == (
        "措施 1.1：<x>&amp; \\x00nul \\x1b[31m[red]红[/red] 100% a:b,c | d\\x0d ::error::fake\\ufffe\n"
        "责任单位：<u>&\n期限：2019-01-01\n最近有效记录：2019-02-01 推进中：]]></failure><x> \\x1b]0;t\\x07 \\x08")


# Every C0 control a line keeps (not tab, CR or LF, which become spaces), the two non-characters
# XML forbids, a CDATA end and quotes: in a measure's text and in a note.
CONTROLS = "".join(map(chr, (*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20))))
FORBIDDEN = f"a{CONTROLS}\ufffe\uffff ]]> \"q\" 'q' b"


@pytest.mark.parametrize("fmt", ["junit", "sarif", "json", "github"])
def test_every_character_xml_forbids_keeps_the_machine_formats_well_formed(fmt):
    plan = plan_of(make_measure("1.1", ["2019-01-01"], text=FORBIDDEN, location=_at(5)))
    journal = [entry("1.1", "2019-02-01", "in_progress", note=FORBIDDEN)]
    out = render(_result(plan, journal), fmt)
    shown = "a" + "".join(f"\\x{ord(c):02x}" for c in CONTROLS) + "\\ufffe\\uffff ]]> \"q\" 'q' b"
    if fmt == "junit":
        failure = ET.fromstring(out.encode("utf-8")).find("testsuite/testcase/failure")
        assert failure.text.splitlines()[0] == f"措施 1.1：{shown}"
        assert failure.text.splitlines()[-1] == f"最近有效记录：2019-02-01 推进中：{shown}"
    elif fmt == "sarif":  # (JSON holds U+FFFE and U+FFFF as they are; controls as text shows them)
        lines = json.loads(out)["runs"][0]["results"][0]["message"]["text"].splitlines()
        kept = shown.replace("\\ufffe\\uffff", "\ufffe\uffff")
        assert (lines[1], lines[-1]) == (f"措施 1.1：{kept}", f"最近有效记录：2019-02-01 推进中：{kept}")
    elif fmt == "json":
        assert json.loads(out)["items"][0]["text"] == FORBIDDEN
    else:  # (one annotation line, then the stopped log)
        lines = out.split("\n")
        assert lines[0].startswith("::error file=data/tasks.yaml,line=5,title=1.1 逾期89天::措施 1.1：a\\x00\\x01")
        assert not any(c in out for c in CONTROLS + "\r")


@pytest.mark.parametrize("fmt", ["github", "junit", "sarif"])
def test_a_note_written_with_windows_line_ends_reads_as_history_shows_it(fmt):
    """`record --note $'第一行\\r\\n第二行'`: history shows 第一行 第二行, the check's latest entry
    showed 第一行\\x0d 第二行 (a CR alone is still a control, shown \\x0d)."""
    plan = plan_of(make_measure("1.1", ["2019-01-01"], text="拉萨市完成整改。"))
    journal = [entry("1.1", "2019-02-01", "in_progress", note="第一行\r\n第二行\r第三行")]
    out = render(_result(plan, journal), fmt)
    assert "推进中：第一行 第二行\\x0d第三行" in (json.loads(out)["runs"][0]["results"][0]["message"]["text"]
                                        if fmt == "sarif" else out)


# --------------------------------------------------------------------------- json & sarif


def test_json_lists_failures_then_warnings_with_location_and_kind():
    document = json.loads(render(_result(*mixed()), "json"))
    assert {k: document[k] for k in ("as_of", "fail_on", "failing", "warnings", "total")} == {
        "as_of": "2019-03-31", "fail_on": ["overdue"], "failing": 2, "warnings": 1, "total": 5}
    assert [(i["id"], i["kind"], i["rule"], i["task_id"], i["file"], i["line"]) for i in document["items"]] == [
        ("1.1", "failure", "overdue", "1", "data/tasks.yaml", 41),
        ("1.2", "failure", "overdue", "1", "data/tasks.yaml", 47),
        ("2.1", "warning", "due_soon", "2", "data/tasks.yaml", 64),
    ]
    first = document["items"][0]
    assert (first["status"], first["light"], first["days_overdue"], first["next_due"], first["owners"]) == (
        "overdue", "red", 89, "2019-01-01", ["拉萨市", "自治区生态环境厅"])


def test_json_item_shape_is_the_status_measure_shape_plus_check_fields():
    from rectify_cli.render.json_out import measure_document

    result = _result(*mixed())
    document = json.loads(render(result, "json"))
    status_keys = {"id", "status", "light", "stale", "days_overdue", "next_due", "extended_late", "owners", "lead",
                   "milestones", "last_entry", "closed_late"}  # (the README's stable contract: status --format json's measure)
    assert set(measure_document(result.failing[0].result)) == status_keys
    assert set(document["items"][0]) == status_keys | {"task_id", "text", "file", "line", "kind", "rule"}


def test_json_keeps_hostile_text_exact():
    plan = plan_of(make_measure("1.1", ["2019-01-01"], text=HOSTILE))
    document = json.loads(render(_result(plan), "json"))
    assert document["items"][0]["text"] == HOSTILE


def test_sarif_results_with_levels_and_start_lines():
    document = json.loads(render(_result(*mixed()), "sarif"))
    assert document["version"] == "2.1.0"
    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = document["runs"]
    assert run["tool"]["driver"]["name"] == "rectify"
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["overdue", "due_soon", "stale"]
    assert [(r["ruleId"], r["level"], r["properties"]["measure"],
             r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]] == [
        ("overdue", "error", "1.1", "data/tasks.yaml", 41),
        ("overdue", "error", "1.2", "data/tasks.yaml", 47),
        ("due_soon", "warning", "2.1", "data/tasks.yaml", 64),
    ]
    assert run["results"][1]["message"]["text"] == (
        "1.2 逾期20天\n措施 1.2：那曲市完成排查（2019年3月11日）。\n责任单位：那曲市\n期限：2019-03-11\n最近有效记录：无")


def test_sarif_keeps_the_worst_results_within_githubs_limit_and_says_so(monkeypatch):
    """GitHub code scanning rejects a run of more than 25,000 results outright (probe6 #6):
    the worst are kept, failures before warnings, and the run says how many were left out."""
    from rectify_cli.render import check_machine

    assert check_machine.SARIF_RESULTS_CAP == 25_000
    monkeypatch.setattr(check_machine, "SARIF_RESULTS_CAP", 2)
    (run,) = json.loads(render(_result(*mixed()), "sarif"))["runs"]
    assert [r["properties"]["measure"] for r in run["results"]] == ["1.1", "1.2"]
    assert run["properties"] == {"as_of": "2019-03-31", "warn_days": 30, "report_period_days": 90,
                                 "fail_on": ["overdue"], "failing": 2, "warnings": 1, "total": 5, "filters": {},
                                 "resultsTotal": 3, "resultsListed": 2}
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": [{
        "level": "warning",
        "message": {"text": "只列出最严重的 2 项结果，另有 1 项未列出（GitHub 代码扫描每次最多接受 2 项），"
                            "完整列表见 rectify check --format json"}}]}]
    (run,) = json.loads(render(_result(*mixed()), "sarif", Lang.en))["runs"]
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == (
        "Only the 2 worst results are listed, 1 more left out (GitHub code scanning accepts at most 2 a run); "
        "rectify check --format json lists them all")
    monkeypatch.setattr(check_machine, "SARIF_RESULTS_CAP", 3)
    (run,) = json.loads(render(_result(*mixed()), "sarif"))["runs"]
    assert len(run["results"]) == 3 and "invocations" not in run and "resultsTotal" not in run["properties"]


def test_sarif_uri_is_percent_encoded():
    plan = plan_of(make_measure("1.1", ["2019-01-01"], location=Location("台账 2019/tasks.yaml", 3, 9)))
    document = json.loads(render(_result(plan), "sarif"))
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "%E5%8F%B0%E8%B4%A6%202019/tasks.yaml"}, "region": {"startLine": 3}}



def test_sarif_message_shows_registry_text_literally_not_as_placeholders_or_links():
    """SARIF reads {0} in a message as a placeholder for its arguments, and [text](target) as a
    link: a measure's text with either was not shown as written. Braces are doubled, as SARIF
    requires, and a link's brackets escaped; other brackets are left as they are."""
    text = "完成{0}项整改，见[通知](https://example.org/x)及[附件]"
    plan = plan_of(make_measure("1.1", ["2019-01-01"], text=text, location=_at(3)))
    (result,) = json.loads(render(_result(plan), "sarif"))["runs"][0]["results"]
    assert "完成{{0}}项整改，见\\[通知\\](https://example.org/x)及[附件]" in result["message"]["text"]


def test_sarif_names_a_file_outside_the_working_folder_by_its_file_uri(tmp_path):
    """A registry outside the checkout (a path given absolute, as CI's shared ledgers are) was
    named by its bare path, /tmp/…/q,h.yaml, which SARIF readers take as relative to the repository."""
    outside = tmp_path / "台账 q,h.yaml"
    plan = plan_of(make_measure("1.1", ["2019-01-01"], location=Location(str(outside), 3, 9)))
    document = json.loads(render(_result(plan), "sarif"))
    uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "file://" + quote(str(outside))
    assert uri.endswith("/%E5%8F%B0%E8%B4%A6%20q%2Ch.yaml")


# --------------------------------------------------------------------------- dispatch


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "markdown", "sarif"])
def test_every_format_ends_with_a_newline(fmt):
    assert render(_result(*mixed()), fmt).endswith("\n")


def test_unknown_format_is_refused():
    with pytest.raises(ValueError) as caught:
        render(_result(*mixed()), "html")
    assert str(caught.value) == "unknown format 'html'; expected one of text, json, junit, github, markdown, sarif"


def late_and_long():
    """A big folder's lines: long ids, four-figure days overdue, 15-character units; one measure
    still overdue after a late extension."""
    units, text = ["自治区自然保护区领导小组办公室"], "自治区自然保护区领导小组办公室牵头开展自然保护区内违法违规问题排查整治。"
    plan = plan_of(make_measure("beijing:119.2", ["2009-06-30"], owners=units, text=text),
                   make_measure("beijing:58.4", ["2009-06-30"], owners=units, text=text))
    journal = [entry("beijing:119.2", "2009-12-01", "extended", milestone="2009-06-30", to="2010-01-01", late=True)]
    return _result(plan, journal)


@pytest.mark.parametrize("lang, lines", [
    (Lang.zh, ["beijing:58.4    红  逾期3561天  自治区自然保护区领导小…  自治区自然保护区领导小…",
               "beijing:119.2*  红  逾期3376天  自治区自然保护区领导小…  自治区自然保护区领导小…",
               "* 逾期后延期：期限在过期后才延期",
               "2 项措施逾期（共 2 项）"]),
    (Lang.en, ["beijing:58.4    red  3561 days overdue  自治区自然保护区领…  自治区自然保护区领…",
               "beijing:119.2*  red  3376 days overdue  自治区自然保护区领…  自治区自然保护区领…",
               "* extended late: its deadline moved after it passed",
               "2 of 2 measures failing (overdue)"]),
])
def test_a_late_extension_gives_way_to_the_units_and_text_as_status_marks_it(lang, lines):
    """At 80 cells the state column was sized for 逾期3376天（逾期后延期）: units and text kept 8
    characters (English 5). The words give way to a mark on the id, said under the lines."""
    assert render(late_and_long(), "text", lang).splitlines() == lines
