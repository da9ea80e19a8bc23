"""`rectify import` on reports in the style of other provinces (青海, 四川, 山东, 自治州): small
texts built from their published wordings, imported by the command a user runs."""
from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from guards import calls_counted, hang_guard
from test_importer import _rectify

QINGHAI = (
    "青海省贯彻落实中央环境保护督察反馈意见整改情况报告\n\n"
    "中央第七环境保护督察组于2017年12月24日反馈了督察意见。青海省委、省政府高度重视。截至2019年3月底，整改工作正在推进。\n\n"
)
PROBLEM = "一、湟水河流域污染治理滞后。\n\n整改时限：{deadline}\n\n整改进度：序时推进。\n\n1.{measure}\n\n整改进展：{note}\n"
LINE_OF_MEASURE = QINGHAI.count("\n") + 7  # (the problem's line, then 整改时限, 整改进度, each after a blank line)
NO_CURATION = "no curation: units discovered from the text, owners and states proposed heuristically"
TEXT_FIXES_HINT = ("(expected a date such as 2018年6月30日, 长期坚持 or 立即启动, or steps such as 2018年6月30日前完成关停 or "
                   "关停于2018年6月30日前完成, separated by ，; repair it under text_fixes: in the curation)")


def _import(tmp_path: Path, text: str, name: str = "report.txt", *, lang: str | None = "en"):
    """Run `rectify import` on `text`, its messages in `lang`: (the result, the folder written)."""
    report = tmp_path / name
    report.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    return _rectify("import", str(report), "-o", str(out), lang=lang), out


def _problem(*, deadline: str = "2019年6月底前完成。", measure: str, note: str = "正在进行设备调试。") -> str:
    return PROBLEM.format(deadline=deadline, measure=measure, note=note)


def _warnings(result) -> list[str]:
    return [ln.removeprefix("rectify: warning: ") for ln in result.stderr.splitlines() if ln.startswith("rectify: warning: ")]


# ---------------------------------------------------------------- 1. a deadline it can't read is refused, never dropped


@pytest.mark.parametrize("written", ["2021年前", "2020年", "2020年内完成", "2020年第五季度", "2019—2020年", "2019-2020年",
                                     "二〇二〇年底前", "二〇二〇年六月三十日", "年内完成",
                                     "12月底前", "12月31日前完成"])  # (a day without its year, as a second step's often is)
def test_a_second_step_whose_deadline_cannot_be_read_is_refused_not_dropped(tmp_path, written):
    # (海东市's 二期 step (2021年前) was dropped: the measure showed 已销号 once its first step was closed)
    measure = f"海东市负责完成污水管网一期工程（2019年6月30日），二期工程（{written}）。"
    result, out = _import(tmp_path, QINGHAI + _problem(deadline="2021年底前完成。", measure=measure))
    assert result.exit_code == 2
    assert result.stderr == f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE}: measure 1.1: cannot read the deadline （{written}） " \
                            f"{TEXT_FIXES_HINT}\n"
    assert not out.exists()


@pytest.mark.parametrize("written", ["2021年前", "2020年秋季", "2019—2020年", "6月底前"])
def test_a_measure_whose_only_deadline_cannot_be_read_is_not_said_to_have_none(tmp_path, written):
    # (the refusal said "no deadline in parentheses such as （2018年6月30日）": there is one)
    result, out = _import(tmp_path, QINGHAI + _problem(measure=f"海东市完成污水管网建设（{written}）。"))
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE}: measure 1.1: "
                                                    f"cannot read the deadline （{written}） {TEXT_FIXES_HINT}\n")
    assert not out.exists()


@pytest.mark.parametrize("written", ["常态化推进", "稳步推进"])  # (持续推进 is read: ongoing)
@pytest.mark.parametrize("lang, said", [
    (None, "措施 1.2：无法识别时限“（{written}）”（应为 2018年6月30日、长期坚持 或 立即启动 这样的时限，"
           "或 2018年6月30日前完成关停、关停于2018年6月30日前完成 这样的分步时限，以“，”分隔；请在校订文件的 text_fixes: 下改正）"),
    ("en", "measure 1.2: cannot read the deadline （{written}） " + TEXT_FIXES_HINT)])
def test_a_measure_ending_in_a_deadline_word_it_does_not_accept_is_refused_naming_it(tmp_path, written, lang, said):
    # (it said "no deadline in parentheses such as （2018年6月30日）": there is one, in words it does not read)
    text = QINGHAI + TWO_MEASURES.format(one="1.", two="2.").replace("海东市完成污水管网建设（长期坚持）", f"海东市持续推进河湖长制工作（{written}）")
    result, _ = _import(tmp_path, text, lang=lang)
    line = text.split("\n").index(f"2.海东市持续推进河湖长制工作（{written}）。") + 1
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{line}: {said.format(written=written)}\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("lang, said", [
    (None, "rectify: 警告：{report} 第 {line} 行：措施 1.1：结尾的“（常态化推进）”未读作时限，只计入了其他括号中的时限"
           "（如果它是一步的时限，请在校订文件的 text_fixes: 下改正）"),
    ("en", "rectify: warning: {report}, line {line}: measure 1.1: its closing （常态化推进） is not read as a deadline, only its other "
           "parentheses are (if it is a step's deadline, repair it under text_fixes: in the curation)")])
def test_a_closing_deadline_word_it_does_not_accept_after_a_readable_deadline_is_warned_of(tmp_path, lang, said):
    # (its （持续推进） step was dropped without a word: only a parenthesis naming a year was checked)
    report = tmp_path / "report.txt"
    report.write_text(QINGHAI + _problem(measure="西宁市完成A建设（2019年6月30日），推进B工作（常态化推进）。"), encoding="utf-8")
    result = _rectify("import", str(report), "-o", str(tmp_path / "out"), lang=lang)
    assert result.exit_code == 0, result.output
    assert said.format(report=report, line=LINE_OF_MEASURE) in result.stderr.splitlines()
    tasks = yaml.safe_load((tmp_path / "out" / "tasks.yaml").read_text(encoding="utf-8"))
    assert tasks["tasks"][0]["measures"][0]["milestones"] == [{"kind": "date", "due": date(2019, 6, 30)}]


@pytest.mark.parametrize("measure", ["西宁市完成第一污水处理厂（含再生水厂）提标改造（2019年6月30日）。",
                                     "西宁市完成第一污水处理厂（含再生水厂）提标改造（2019年6月30日），推进B工作（长期坚持）。"])
def test_an_aside_in_mid_sentence_beside_a_readable_deadline_is_not_warned_of(tmp_path, measure):
    result, out = _import(tmp_path, QINGHAI + _problem(measure=measure))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]


@pytest.mark.parametrize("space", ["\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u3000"],
                         ids=["nbsp", "en", "em", "thin", "narrow-nbsp", "ideographic"])
def test_a_deadline_spaced_out_with_any_kind_of_space_is_read(tmp_path, space):
    # (a PDF's text may space words out with an en or a thin space: （长期 坚持） was refused as a deadline it could not read)
    measure = f"西宁市完成A建设（2019{space}年{space}6{space}月{space}30{space}日），推进B工作（长期{space}坚持）。"
    result, out = _import(tmp_path, QINGHAI + _problem(deadline=f"2019年6月底前完成，长期{space}坚持。", measure=measure))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    task = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]
    assert task["deadline"]["text"] == "2019年6月底前完成，长期坚持"
    assert task["measures"][0]["text"] == "西宁市完成A建设（2019年6月30日），推进B工作（长期坚持）。"
    assert task["measures"][0]["milestones"] == [{"kind": "date", "due": date(2019, 6, 30)}, {"kind": "ongoing"}]


def test_a_measure_with_an_aside_in_parentheses_but_no_deadline_is_said_to_have_none(tmp_path):
    result, out = _import(tmp_path, QINGHAI + _problem(measure="西宁市完成第一污水处理厂（含再生水厂）提标改造。"))
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE}: measure 1.1: "
                                                    "no deadline in parentheses such as （2018年6月30日） or （长期坚持）\n")
    assert not out.exists()


def test_a_parenthesis_with_no_year_is_no_deadline_and_a_readable_one_still_imports(tmp_path):
    measure = "西宁市完成第一污水处理厂（含再生水厂）提标改造（2019年6月30日）。"
    result, out = _import(tmp_path, QINGHAI + _problem(measure=measure))
    assert result.exit_code == 0, result.output
    tasks = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
    assert tasks["tasks"][0]["measures"][0]["milestones"] == [{"kind": "date", "due": date(2019, 6, 30)}]


# ---------------------------------------------------------------- 2. a numbered list inside a progress note is no problem

QILIAN = ("一、祁连山自然保护区内违规开发问题突出。\n\n整改时限：2018年底前完成，长期坚持。\n\n整改进度：全面完成，长期坚持。\n\n"
          "1.省林业和草原局建立保护区日常巡护制度（长期坚持）。\n\n整改进展：主要开展了以下工作：\n\n{items}")
HUANGSHUI = ("二、湟水河流域污染治理滞后。\n\n整改时限：2019年6月底前完成。\n\n整改进度：序时推进。\n\n"
             "1.西宁市完成第一污水处理厂提标改造（2019年6月30日）。\n\n整改进展：正在进行设备调试。\n")


def test_a_numbered_list_in_a_progress_note_stays_in_the_note(tmp_path):
    # (its 二、 was taken as problem 2, and the real 二、湟水河… heading swallowed as that problem's text, silently)
    text = QINGHAI + QILIAN.format(items="一、印发巡护制度。\n\n二、累计巡护1200余次。\n\n") + HUANGSHUI
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    tasks = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]
    assert [(t["id"], t["title"], t["problem"]) for t in tasks] == [
        (1, "祁连山自然保护区内违规开发问题突出", "祁连山自然保护区内违规开发问题突出。"),
        (2, "湟水河流域污染治理滞后", "湟水河流域污染治理滞后。"),
    ]
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    assert [e["note"] for e in journal] == ["主要开展了以下工作：一、印发巡护制度。二、累计巡护1200余次。", "正在进行设备调试。"]
    line = text.split("\n").index("二、累计巡护1200余次。") + 1
    assert f"{tmp_path / 'report.txt'}, line {line}: measure 1.1: 二、 is read as part of its progress note, not as problem 2 " \
           "(no 整改时限： or 整改进度： line follows it)" in _warnings(result)
    assert _rectify("validate", str(out / "tasks.yaml")).exit_code == 0


def test_a_list_in_a_note_numbered_past_the_next_problem_stays_in_the_note(tmp_path):
    text = QINGHAI + QILIAN.format(items="一、印发巡护制度。\n\n二、累计巡护1200余次。\n\n三、查处违法行为3起。\n\n") + HUANGSHUI
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    tasks = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]
    assert [t["title"] for t in tasks] == ["祁连山自然保护区内违规开发问题突出", "湟水河流域污染治理滞后"]
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    assert journal[0]["note"] == "主要开展了以下工作：一、印发巡护制度。二、累计巡护1200余次。三、查处违法行为3起。"


def test_a_problem_heading_after_a_note_with_neither_deadline_nor_progress_line_is_named(tmp_path):
    text = QINGHAI + QILIAN.format(items="已印发巡护制度。\n\n") + "二、湟水河流域污染治理滞后。\n\n1.西宁市完成提标改造（2019年6月30日）。\n\n整改进展：正在调试。\n"
    result, out = _import(tmp_path, text)
    lines = text.split("\n")
    heading, measure = lines.index("二、湟水河流域污染治理滞后。") + 1, lines.index("1.西宁市完成提标改造（2019年6月30日）。") + 1
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{measure}: measure 1. of problem 1 found where "
                                                    f"measure 2. was expected (is 二、 on line {heading} meant as problem 2? "
                                                    "no 整改时限： or 整改进度： line follows it)\n")
    assert not out.exists()


# ---------------------------------------------------------------- 5. what follows the appendix is no part of its last note

LAX = ("一、部分地区环境监管执法宽松软。\n\n整改时限：立行立改，长期坚持。\n\n整改进度：取得阶段性成效。\n\n"
       "1.省生态环境厅开展环境执法专项行动（立即启动）。\n\n整改进展：已制定专项行动方案。\n")


@pytest.mark.parametrize("tail", [
    "\n附件2：中央环境保护督察移交问题责任追究情况\n\n截至目前，共对移交的18个问题追责问责186人。\n",
    "\n中共青海省委\n\n青海省人民政府\n\n2019年4月25日\n",
    "中共青海省委\n青海省人民政府\n2019年4月25日\n",  # (no blank lines: one paragraph with the note)
    "附件2\n中央环境保护督察移交问题责任追究情况\n",  # (its heading shorter than the words the line is found by)
    "\n2019年4月25日\n",
    "\n中共青海省委\n\n青海省人民政府\n\n2019年4月25日\n\n附件2：中央环境保护督察移交问题责任追究情况\n\n共对移交的18个问题追责问责186人。\n",
])
def test_text_after_the_appendix_is_left_out_of_the_last_note_and_warned_of(tmp_path, tail):
    # (附件2's 追责问责186人 was glued to the note and turned the measure done)
    (tmp_path / "plain").mkdir()
    _, plain_out = _import(tmp_path / "plain", QINGHAI + LAX)
    result, out = _import(tmp_path, QINGHAI + LAX + tail)
    assert result.exit_code == 0, result.output
    assert (out / "progress.yaml").read_text(encoding="utf-8") == (plain_out / "progress.yaml").read_text(encoding="utf-8")
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    assert [(e["note"], e["state"]) for e in journal] == [("已制定专项行动方案。", "done")]
    text = QINGHAI + LAX + tail
    first = next(ln for ln in tail.split("\n") if ln)
    line = text.split("\n").index(first) + 1
    assert _warnings(result) == [NO_CURATION, f"{tmp_path / 'report.txt'}, line {line}: text after the appendix left out, from: {first}"]


def test_a_note_running_on_with_one_government_named_over_and_over_is_read_whole_not_searched_for_minutes(tmp_path):
    """`人民政府` 250 times in a note (a fuzzed text) held the import for minutes: the signature's
    pattern backtracked through every way of cutting the run into names; it is no signature, as
    no date or attachment follows it."""
    run = "各级人民政府" + "人民政府" * 250
    with hang_guard():
        result, out = _import(tmp_path, QINGHAI + LAX.replace("已制定专项行动方案。", f"已制定专项行动方案。{run}，正在推进。"))
    assert result.exit_code == 0, result.output
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    assert [e["note"] for e in journal] == [f"已制定专项行动方案。{run}，正在推进。"]


# ---------------------------------------------------------------- 3. a one-problem appendix

APPENDIX = "一、湟水河流域污染治理滞后。\n\n整改时限：2019年6月底前完成。\n\n整改进度：序时推进。\n\n" \
           "1.西宁市完成第一污水处理厂提标改造（2019年6月30日）。\n\n整改进展：正在进行设备调试。\n"


# ---------------------------------------------------------------- 4. 截至目前: the report's date is not taken from the body

AS_OF_NOW = ("青海省贯彻落实中央环境保护督察反馈意见整改情况报告\n\n"
             "中央第七环境保护督察组于2017年12月24日反馈了督察意见。青海省委、省政府高度重视。截至目前，共有1项整改任务，正在推进。\n\n"
             "一是加强大气污染治理。截至2018年6月，全省累计淘汰燃煤小锅炉1200台。\n\n")


def test_a_headline_saying_as_of_now_gives_no_date_and_the_import_asks_for_it(tmp_path):
    # (report_date was 2018-06-30, from a statistic of the body, and every journal entry dated so, without a word)
    result, out = _import(tmp_path, AS_OF_NOW + APPENDIX)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:3: cannot find the report's report date: "
                                                    "its headline says 截至目前, with no date (give it under registry: in the curation file, "
                                                    "as report_date: YYYY-MM-DD)\n")
    assert not out.exists()


def test_a_report_date_given_in_the_curation_is_taken_when_the_headline_says_as_of_now(tmp_path):
    curation = tmp_path / "curation.yaml"
    curation.write_text("registry:\n  report_date: 2019-03-31\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text(AS_OF_NOW + APPENDIX, encoding="utf-8")
    result = _rectify("import", str(report), "--curation", str(curation), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    tasks = yaml.safe_load((tmp_path / "out" / "tasks.yaml").read_text(encoding="utf-8"))
    assert tasks["registry"]["report_date"] == date(2019, 3, 31)
    assert tasks["registry"]["claims"] == [{"key": "tasks_total", "text": "1项整改任务", "value": 1}]


# ---------------------------------------------------------------- 6. a note headed 整改情况：, 完成情况：, 整改进展情况：

LEDU = "1.海东市完成乐都区污水管网建设（2019年6月30日）。"
LEDU_NOTE = "已完成80%，剩余部分计划年内完工（2019年12月31日）。"


@pytest.mark.parametrize("heading", ["整改情况", "完成情况", "整改进展情况", "进展情况", "整改完成情况", "整改落实情况"])
@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_note_under_another_heading_is_the_note_and_its_dates_no_deadline(tmp_path, heading, gap):
    # (the note's （2019年12月31日） became a second deadline of the measure, and the note was lost)
    problem = "一、湟水河流域污染治理滞后。\n\n整改时限：2019年6月底前完成。\n\n整改进度：序时推进。\n\n"
    result, out = _import(tmp_path, QINGHAI + problem + LEDU + gap + f"{heading}：{LEDU_NOTE}\n")
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["text"], measure["milestones"]) == (LEDU[2:], [{"kind": "date", "due": date(2019, 6, 30)}])
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    assert [(e["note"], e["state"]) for e in journal] == [(LEDU_NOTE, "in_progress")]  # (not due yet)


# ---------------------------------------------------------------- 7. 自治州 reports, and the short forms 海西州, 巴州

HAINAN_ZHOU = ("海南藏族自治州贯彻落实中央环境保护督察反馈意见整改情况报告\n\n"
               "中央第七环境保护督察组对青海省开展督察，于2017年12月24日反馈了督察意见。海南州委、州政府高度重视。"
               "截至2019年3月底，全州1项整改任务正在推进。\n\n")
QINGHAI_REGIONS = ["西宁市", "海东市", "海北藏族自治州", "黄南藏族自治州", "海南藏族自治州", "果洛藏族自治州", "玉树藏族自治州",
                   "海西蒙古族藏族自治州"]


def _regions(out: Path) -> list[dict]:
    return [u for u in yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["units"] if u.get("kind") == "region"]


def test_a_report_of_an_autonomous_prefecture_named_like_a_province_is_of_its_own_province(tmp_path):
    # (海南藏族自治州's 海南 was read as 海南省: Hainan's 19 cities and counties were declared as its regions)
    result, out = _import(tmp_path, HAINAN_ZHOU + APPENDIX)
    assert result.exit_code == 0, result.output
    assert [u["name"] for u in _regions(out)] == QINGHAI_REGIONS


def test_the_short_forms_of_autonomous_prefectures_name_owners_and_filter_status(tmp_path):
    # (海西州、海北州负责 found no unit (owners 省相关部门), and status --region 海西州 was an unknown region)
    block = APPENDIX.replace("一、湟水河流域", "一、海西州、海北州").replace("1.西宁市完成", "1.海西州、海北州负责，完成")
    result, out = _import(tmp_path, QINGHAI + block)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    assert {u["name"]: u.get("aliases", [])[:1] for u in _regions(out)} == {
        "西宁市": ["西宁市政府"], "海东市": ["海东市政府"], "海北藏族自治州": ["海北州"], "黄南藏族自治州": ["黄南州"],
        "海南藏族自治州": ["海南州"], "果洛藏族自治州": ["果洛州"], "玉树藏族自治州": ["玉树州"], "海西蒙古族藏族自治州": ["海西州"]}
    task = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]
    assert task["regions"] == ["海北藏族自治州", "海西蒙古族藏族自治州"]
    assert task["measures"][0]["owners"] == ["海西蒙古族藏族自治州", "海北藏族自治州"]
    for option in ("--region", "--owner"):
        shown = _rectify("status", "--registry", str(out / "tasks.yaml"), "--as-of", "2019-03-31", option, "海西州")
        assert shown.exit_code == 0, shown.output
        assert "海西州、海北州" in shown.stdout


SICHUAN_OPENING = ("四川省落实中央第五环境保护督察组督察反馈意见整改情况报告\n\n中央第五环境保护督察组于2017年12月22日反馈了督察意见。"
           "四川省委、省政府高度重视。截至2019年3月底，我省1项整改任务正在推进。\n\n")


def test_a_regions_government_as_reports_name_it_is_that_region(tmp_path):
    """`record --by 成都市政府` was refused (是否指 成都市？) though reports name a region's
    government so (成都市政府负责, as the bundled curation gives 那曲市 那曲市政府); a 州's by its
    short form (阿坝州人民政府), a 地区's or 盟's government being its 行署."""
    result, out = _import(tmp_path, SICHUAN_OPENING + APPENDIX.replace("1.西宁市完成", "1.成都市政府牵头，完成"))
    assert result.exit_code == 0, result.output
    aliases = {u["name"]: u.get("aliases") for u in _regions(out)}
    assert aliases["成都市"] == ["成都市政府", "成都市人民政府"]
    assert aliases["阿坝藏族羌族自治州"] == ["阿坝州", "阿坝藏族羌族自治州政府", "阿坝藏族羌族自治州人民政府", "阿坝州政府",
                                              "阿坝州人民政府"]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (["成都市"], "成都市")
    for by in ("成都市政府", "成都市人民政府", "阿坝州政府"):
        recorded = _rectify("record", "1.1", "--state", "in_progress", "--note", "推进中", "--by", by, "--date", "2019-03-01",
                            "--registry", str(out / "tasks.yaml"), RECTIFY_TODAY="2019-03-31")
        assert recorded.exit_code == 0, recorded.output
    xinjiang = QINGHAI.replace("青海省", "新疆维吾尔自治区").replace("青海", "新疆")
    (tmp_path / "xinjiang").mkdir()  # (its own folder: over the ledger above, its journal's entries by 成都市政府 would not load)
    result, out = _import(tmp_path / "xinjiang", xinjiang + APPENDIX.replace("西宁市", "自治区生态环境厅"), name="xinjiang.txt")
    assert {u["name"]: u.get("aliases") for u in _regions(out)}["阿克苏地区"] == ["阿克苏地区行署"]


def test_a_regions_government_named_by_a_unit_the_curation_declares_stays_that_unit(tmp_path):
    """An alias of a region must not take a name the curation gives another unit."""
    curation = "units:\n  - {name: 成都市人民政府办公厅, kind: department, aliases: [成都市人民政府]}\n"
    result = _import_curated(tmp_path, SICHUAN_OPENING + APPENDIX.replace("西宁市", "成都市"), curation)
    assert result.exit_code == 0, result.output
    assert {u["name"]: u.get("aliases") for u in _regions(tmp_path / "out")}["成都市"] == ["成都市政府"]


def test_xinjiangs_usual_short_forms_of_its_prefectures_are_its_regions(tmp_path):
    # (巴州, 博州 and 克州 were not recognised: the problem's regions were silently [])
    text = ("新疆维吾尔自治区贯彻落实中央环境保护督察反馈意见整改情况报告\n\n中央第八环境保护督察组于2018年1月4日反馈了督察意见。"
            "自治区党委、政府高度重视。截至2019年3月底，全区1项整改任务正在推进。\n\n"
            + APPENDIX.replace("一、湟水河流域污染治理滞后。", "一、巴州、博州、克州部分企业违规排污。").replace("西宁市", "自治区生态环境厅"))
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    task = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]
    assert task["regions"] == ["博尔塔拉蒙古自治州", "巴音郭楞蒙古自治州", "克孜勒苏柯尔克孜自治州"]


# ---------------------------------------------------------------- 8. smaller issues: measures numbered 1、 （1） ①

TWO_MEASURES = ("一、湟水河流域污染治理滞后。\n\n整改时限：2019年6月底前完成。\n\n整改进度：序时推进。\n\n"
                "{one}西宁市完成第一污水处理厂提标改造（2019年6月30日）。\n\n整改进展：正在进行设备调试。\n\n"
                "{two}海东市完成污水管网建设（长期坚持）。\n\n整改进展：已建成管网12公里。\n")


@pytest.mark.parametrize("one, two", [("1、", "2、"), ("（1）", "（2）"), ("①", "②"), ("1．", "2．")])
def test_measures_numbered_as_other_reports_number_them_are_read(tmp_path, one, two):
    # (1、 （1） ① were refused: "text between 整改进度 and the first measure of problem 1", not saying what was expected)
    (tmp_path / "dotted").mkdir()
    _, dotted = _import(tmp_path / "dotted", QINGHAI + TWO_MEASURES.format(one="1.", two="2."))
    result, out = _import(tmp_path, QINGHAI + TWO_MEASURES.format(one=one, two=two))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    for name in ("tasks.yaml", "progress.yaml"):  # (read as the 1. 2. of the same report are)
        assert (out / name).read_text(encoding="utf-8") == (dotted / name).read_text(encoding="utf-8")


def test_a_list_numbered_in_another_style_inside_a_note_stays_in_the_note(tmp_path):
    text = QINGHAI + TWO_MEASURES.format(one="1.", two="2.").replace("正在进行设备调试。", "正在进行设备调试。\n\n（1）完成主体工程。\n\n2、开展联动调试。")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    assert [e["note"] for e in journal] == ["正在进行设备调试。（1）完成主体工程。2、开展联动调试。", "已建成管网12公里。"]


def test_a_measure_numbered_in_another_style_than_the_first_is_refused_when_its_note_follows(tmp_path):
    # (its 2、 was read into 1.1's note, and its 整改进展： refused as unexpected, saying nothing of the 2、)
    text = QINGHAI + TWO_MEASURES.format(one="1.", two="2、")
    result, out = _import(tmp_path, text)
    lines = text.split("\n")
    second, note = lines.index("2、海东市完成污水管网建设（长期坚持）。") + 1, lines.index("整改进展：已建成管网12公里。") + 1
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{note}: unexpected 整改进展： in problem 1 "
                                                    f"(is 2、 on line {second} measure 1.2? measures are numbered as the first one is: 1. 2. …)\n")
    assert not out.exists()


SECOND_PROBLEM = "\n二、黄河流域污染治理滞后。\n\n整改时限：2019年6月底前完成。\n\n整改进度：序时推进。\n\n1.海南州完成整治（2019年6月30日）。\n"


@pytest.mark.parametrize("note", ["", "整改情况：已建成管网12公里。"])
@pytest.mark.parametrize("after", ["", SECOND_PROBLEM])  # (the last problem's, or one before another)
@pytest.mark.parametrize("lang, said", [
    (None, "“2、”是否是措施 1.2？其编号方式与第一项措施不同，会被读入措施 1.1 的整改进展（措施的编号方式与第一项措施相同：1. 2. …）："
            "若是，请照第一项措施编号；若不是，请把这一段并入上一段"),
    ("en", "is 2、 measure 1.2? it is numbered otherwise than the first measure, and would be read as part of measure 1.1's note "
           "(measures are numbered as the first one is: 1. 2. …): if it is, number it as the first one is; if not, "
           "join this paragraph to the one before")])
def test_a_last_measure_numbered_in_another_style_than_the_first_is_refused_as_one_in_the_middle_is(tmp_path, note, after, lang, said):
    # (warned of, the import exited 0 without the measure and its deadline, where one before another measure was
    # refused: nothing after it tells a measure lost from a list run on, so it is asked, as the others are)
    text = QINGHAI + TWO_MEASURES.format(one="1.", two="2、").replace("\n\n整改进展：已建成管网12公里。", note) + after
    result, _ = _import(tmp_path, text, lang=lang)
    line = text.split("\n").index("2、海东市完成污水管网建设（长期坚持）。" + note) + 1
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{line}: {said}\n")
    assert not (tmp_path / "out").exists()


def test_a_paragraph_numbered_otherwise_before_the_next_measure_is_warned_of_not_refused(tmp_path):
    # (2. follows it as the next measure: the （2） is no measure, but is said, in case the numbering is wrong)
    text = QINGHAI + TWO_MEASURES.format(one="1.", two="（2）海南州完成整治（2019年6月30日）。\n\n2.").replace("\n\n（2）", "（2）")
    text = text.replace("正在进行设备调试。（2）", "正在进行设备调试。\n\n（2）")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    line = text.split("\n").index("（2）海南州完成整治（2019年6月30日）。") + 1
    assert f"{tmp_path / 'report.txt'}, line {line}: measure 1.1: （2） is read as part of its note, not as measure 1.2 " \
           "(measures are numbered as the first one is: 1. 2. …)" in _warnings(result)


@pytest.mark.parametrize("inline", ["（1）完成主体工程；（2）开展联动调试；", "①完成主体工程；②开展联动调试；"])
def test_a_list_in_a_note_run_on_over_a_paragraph_is_no_measure_lost(tmp_path, inline):
    # (its third item, on a line of its own as a PDF's text wraps it, was read as measure 1.3 numbered otherwise)
    third = "（3）完成验收。" if inline.startswith("（") else "③完成验收。"
    text = QINGHAI + TWO_MEASURES.format(one="1.", two="2.").replace("已建成管网12公里。", f"{inline}\n\n{third}")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert not [w for w in _warnings(result) if "numbered as the first one is" in w]
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    assert journal[-1]["note"] == f"{inline}{third}"


def test_measures_numbered_in_no_known_style_are_refused_saying_what_is_expected(tmp_path):
    text = QINGHAI + TWO_MEASURES.format(one="一是", two="二是")
    result, out = _import(tmp_path, text)
    line = text.split("\n").index("一是西宁市完成第一污水处理厂提标改造（2019年6月30日）。") + 1
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{line}: text between 整改进度 and the first "
                                                    "measure of problem 1 (expected a measure numbered 1. 2. …, 1、 2、 …, （1）（2）… or ① ② …)\n")
    assert not out.exists()


def test_a_later_problem_numbering_its_measures_otherwise_is_refused_naming_the_style(tmp_path):
    second = TWO_MEASURES.format(one="1、", two="2、").replace("一、湟水河", "二、大通河")
    text = QINGHAI + TWO_MEASURES.format(one="1.", two="2.") + "\n" + second
    result, out = _import(tmp_path, text)
    line = len(text.split("\n")) - 7
    assert text.split("\n")[line - 1].startswith("1、")
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{line}: text between 整改进度 and the first "
                                                    "measure of problem 2 (expected a measure 1., numbered as problem 1's measures are)\n")


def test_problems_numbered_in_parentheses_under_category_headings_are_refused_saying_what_is_expected(tmp_path):
    text = QINGHAI + ("一、水污染防治方面\n\n（一）湟水河流域污染治理滞后。\n\n整改时限：2019年6月底前完成。\n\n整改进度：序时推进。\n\n"
                      "1.西宁市完成第一污水处理厂提标改造（2019年6月30日）。\n\n整改进展：正在进行设备调试。\n\n"
                      "（二）大通河流域污染治理滞后。\n\n整改时限：2019年6月底前完成。\n")
    result, out = _import(tmp_path, text)
    lines = text.split("\n")
    second, deadline = lines.index("（二）大通河流域污染治理滞后。") + 1, len(lines) - 1
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{deadline}: unexpected 整改时限： in problem 1 "
                                                    f"(is （二） on line {second} a problem? problems are numbered 一、 二、 …, "
                                                    "each with one 整改时限 and one 整改进度 before its measures)\n")
    assert not out.exists()


@pytest.mark.parametrize("third", ["三．", "三.", "（三）"])
def test_one_problem_numbered_otherwise_among_others_is_refused_asking_if_it_is_a_problem(tmp_path, third):
    # (三． gave "unexpected 整改时限： in problem 2", naming no line and no 三．)
    two = TWO_MEASURES.format(one="1.", two="2.")
    text = QINGHAI + two + "\n" + two.replace("一、湟水河", "二、大通河") + "\n" + two.replace("一、湟水河", third + "黄河")
    result, out = _import(tmp_path, text)
    lines = text.split("\n")
    heading = lines.index(third + "黄河流域污染治理滞后。") + 1
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{heading + 2}: unexpected 整改时限： in problem 2 "
                                                    f"(is {third} on line {heading} a problem? problems are numbered 一、 二、 …, "
                                                    "each with one 整改时限 and one 整改进度 before its measures)\n")
    assert not out.exists()


@pytest.mark.parametrize("first, second", [("（一）", "（二）"), ("一．", "二．"), ("一.", "二."), ("1.", "2."), ("（1）", "（2）")])
@pytest.mark.parametrize("lang, said", [
    (None, "问题应编号为 一、 二、 …，实为“{first}”（每个问题在其措施之前各有一行整改时限和整改进度）"),
    ("en", "problems are numbered 一、 二、 …, found {first} (each with one 整改时限 and one 整改进度 before its measures)")])
def test_problems_all_numbered_otherwise_are_refused_naming_the_first_and_what_is_expected(tmp_path, first, second, lang, said):
    # (refused as a text with no appendix at all, naming no line)
    text = QINGHAI + TWO_MEASURES.format(one="1.", two="2.").replace("一、", first) + "\n" + \
        TWO_MEASURES.format(one="1.", two="2.").replace("一、湟水河", second + "大通河")
    result, _ = _import(tmp_path, text, lang=lang)
    line = text.split("\n").index(first + "湟水河流域污染治理滞后。") + 1
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{line}: {said.format(first=first)}\n")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- 8. smaller issues: other wordings of 整改时限 and 整改进度

@pytest.mark.parametrize("written, milestones", [
    ("立即整改，长期坚持。", [{"kind": "immediate"}, {"kind": "ongoing"}]),
    ("立即整改并长期坚持。", [{"kind": "immediate"}, {"kind": "ongoing"}]),
    ("2019年6月底前完成并长期坚持。", [{"kind": "date", "due": date(2019, 6, 30)}, {"kind": "ongoing"}]),
    ("2019年年底前完成。", [{"kind": "date", "due": date(2019, 12, 31)}]),
    ("2020年上半年完成。", [{"kind": "date", "due": date(2020, 6, 30)}]),  # (a half year: by its last day)
    ("2020年下半年。", [{"kind": "date", "due": date(2020, 12, 31)}]),
    # (、 for ，: 长期坚持 was read as the label of a step, 2019-06-30 "、长期坚持", and the problem due then, not ongoing)
    ("2019年6月底前完成、长期坚持。", [{"kind": "date", "due": date(2019, 6, 30)}, {"kind": "ongoing"}]),
    ("立行立改、长期坚持。", [{"kind": "immediate"}, {"kind": "ongoing"}]),
    # (a space for the ，, or none: 长期坚持 read as the label of the step due 2019-06-30; 立行立改 长期坚持 refused)
    ("2019年6月底前完成 长期坚持。", [{"kind": "date", "due": date(2019, 6, 30)}, {"kind": "ongoing"}]),
    ("2019年6月底前完成长期坚持。", [{"kind": "date", "due": date(2019, 6, 30)}, {"kind": "ongoing"}]),
    ("立行立改 长期坚持。", [{"kind": "immediate"}, {"kind": "ongoing"}]),
])
def test_common_wordings_of_a_problems_deadline_are_read(tmp_path, written, milestones):
    result, out = _import(tmp_path, QINGHAI + _problem(deadline=written, measure="西宁市完成第一污水处理厂提标改造（2019年6月30日）。"))
    assert result.exit_code == 0, result.output
    task = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]
    assert task["deadline"] == {"text": written.rstrip("。").replace(" ", ""), "milestones": milestones}


@pytest.mark.parametrize("written, milestones", [
    ("2019年6月30日、长期坚持", [{"kind": "date", "due": date(2019, 6, 30)}, {"kind": "ongoing"}]),
    ("立即启动、长期坚持", [{"kind": "immediate"}, {"kind": "ongoing"}]),
    ("2019年6月30日 长期坚持", [{"kind": "date", "due": date(2019, 6, 30)}, {"kind": "ongoing"}]),
    ("立即启动 长期坚持", [{"kind": "immediate"}, {"kind": "ongoing"}]),
    ("2019年6月30日前完成长期坚持", [{"kind": "date", "due": date(2019, 6, 30)}, {"kind": "ongoing"}]),
])
def test_a_measures_deadlines_joined_by_a_dun_comma_or_nothing_before_ongoing_are_read(tmp_path, written, milestones):
    # (（2019年6月30日、长期坚持）, （立即启动 长期坚持） were refused as deadlines it could not read, and in
    # （2019年6月30日前完成长期坚持） 长期坚持 was the label of the step due that day)
    result, out = _import(tmp_path, QINGHAI + _problem(measure=f"西宁市完成第一污水处理厂提标改造（{written}）。"))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]["milestones"] == milestones


@pytest.mark.parametrize("written", ["2019年6月底前完成、加强监管。", "2019年6月底前完成，加强监管、长期坚持。"])
def test_a_problems_deadline_with_a_step_label_beginning_with_a_dun_comma_is_refused(tmp_path, written):
    # (、加强监管 was read as the label of the step due 2019-06-30)
    result, out = _import(tmp_path, QINGHAI + _problem(deadline=written, measure="西宁市完成第一污水处理厂提标改造（2019年6月30日）。"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE - 4}: problem 1: cannot read the deadline "
                                    f"整改时限：{written} ")
    assert not out.exists()


@pytest.mark.parametrize("deadline, measure, warning", [
    ("2019年6月底前完成。", "西宁市完成第一污水处理厂提标改造（2109年6月30日）。",
     f"line {LINE_OF_MEASURE}: measure 1.1: deadline 2109-06-30 (2109年6月30日) is more than 20 years after the inspection's "
     "feedback of 2017-12-24: a typo? repair it under text_fixes: in the curation"),
    ("2019年6月底前完成。", "西宁市完成第一污水处理厂提标改造（2009年6月30日）。",
     f"line {LINE_OF_MEASURE}: measure 1.1: deadline 2009-06-30 (2009年6月30日) is before the inspection's feedback of 2017-12-24: "
     "a typo? repair it under text_fixes: in the curation"),
    ("2091年6月底前完成，长期坚持。", "西宁市完成第一污水处理厂提标改造（2019年6月30日）。",
     f"line {LINE_OF_MEASURE - 4}: problem 1: deadline 2091-06-30 (2091年6月底前完成) is more than 20 years after the inspection's "
     "feedback of 2017-12-24: a typo? repair it under text_fixes: in the curation"),
])
def test_a_deadline_long_before_or_after_the_inspection_is_warned_of_as_a_typo(tmp_path, deadline, measure, warning):
    # (2109 for 2019 imported silently: a measure shown on track for ninety years, or 2009, closed before it was set)
    result, out = _import(tmp_path, QINGHAI + _problem(deadline=deadline, measure=measure))
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'report.txt'}, {warning}" in _warnings(result)


@pytest.mark.parametrize("lang, said", [
    (None, ["rectify: 警告：{report} 第 {task} 行：问题 1：时限 2009-06-30（2009年6月底前完成）早于督察反馈日期 2017-12-24：是否笔误？"
            "请在校订文件的 text_fixes: 下改正",
            "rectify: 警告：{report} 第 {measure} 行：措施 1.1：时限 2109-06-30（2109年6月30日）比督察反馈日期 2017-12-24 晚 20 年以上："
            "是否笔误？请在校订文件的 text_fixes: 下改正"]),
    ("en", ["rectify: warning: {report}, line {task}: problem 1: deadline 2009-06-30 (2009年6月底前完成) is before the inspection's "
            "feedback of 2017-12-24: a typo? repair it under text_fixes: in the curation",
            "rectify: warning: {report}, line {measure}: measure 1.1: deadline 2109-06-30 (2109年6月30日) is more than 20 years after the "
            "inspection's feedback of 2017-12-24: a typo? repair it under text_fixes: in the curation"])])
def test_a_deadline_warned_of_as_a_typo_names_the_line_it_is_written_on(tmp_path, lang, said):
    # (a problem's at its 整改时限 line, a measure's at its own: 问题 1：时限… left the year to be searched for)
    text = QINGHAI + _problem(deadline="2009年6月底前完成。", measure="西宁市完成第一污水处理厂提标改造（2109年6月30日）。")
    result, _ = _import(tmp_path, text, lang=lang)
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stderr.splitlines() if "2017-12-24" in ln]
    assert lines == [s.format(report=tmp_path / "report.txt", task=text.split("\n").index("整改时限：2009年6月底前完成。") + 1,
                              measure=LINE_OF_MEASURE) for s in said]


def test_a_deadline_years_after_the_inspection_is_no_typo(tmp_path):
    result, _ = _import(tmp_path, QINGHAI + _problem(deadline="2035年底前完成。", measure="西宁市完成湟水河生态修复（2035年12月31日）。"))
    assert result.exit_code == 0, result.output
    assert not [w for w in _warnings(result) if "typo" in w]

@pytest.mark.parametrize("written", ["2019年底前", "2019年年底前"])
def test_a_measure_due_at_the_year_end_is_read_whichever_way_the_year_end_is_written(tmp_path, written):
    # (（2019年年底前）, as common as （2019年底前）, was refused: "cannot read the deadline")
    result, out = _import(tmp_path, QINGHAI + _problem(deadline="2019年底前完成。", measure=f"海东市完成污水管网建设（{written}）。"))
    assert result.exit_code == 0, result.output
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert measure["milestones"] == [{"kind": "date", "due": date(2019, 12, 31)}]


@pytest.mark.parametrize("written, due", [("2020年上半年", date(2020, 6, 30)), ("2020年上半年前完成", date(2020, 6, 30)),
                                          ("2020年下半年", date(2020, 12, 31))])
def test_a_measure_due_in_a_half_year_is_due_on_its_last_day(tmp_path, written, due):
    # (（2020年上半年） was refused: "cannot read the deadline")
    result, out = _import(tmp_path, QINGHAI + _problem(deadline="2021年底前完成。", measure=f"海东市完成污水管网建设（{written}）。"))
    assert result.exit_code == 0, result.output
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert measure["milestones"] == [{"kind": "date", "due": due}]


@pytest.mark.parametrize("written, due", [("2020年第三季度", date(2020, 9, 30)), ("2020年三季度", date(2020, 9, 30)),
                                          ("2020年第3季度", date(2020, 9, 30)), ("2020年第一季度末", date(2020, 3, 31)),
                                          ("2020年第二季度前完成", date(2020, 6, 30)), ("2020年四季度末前", date(2020, 12, 31))])
def test_a_measure_or_problem_due_in_a_quarter_is_due_on_its_last_day(tmp_path, written, due):
    # (（2020年第三季度） was refused: "cannot read the deadline", where 上半年 was read as its last day)
    result, out = _import(tmp_path, QINGHAI + _problem(deadline=f"{written}，长期坚持。", measure=f"海东市完成污水管网建设（{written}）。"))
    assert result.exit_code == 0, result.output
    task = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]
    assert task["deadline"]["milestones"] == [{"kind": "date", "due": due}, {"kind": "ongoing"}]
    assert task["measures"][0]["milestones"] == [{"kind": "date", "due": due}]


@pytest.mark.parametrize("heading", ["整改时限", "完成时限"])
@pytest.mark.parametrize("lang, said", [
    (None, "问题 1 中出现了意外的“{heading}：”（措施 1.1 的时限从其文字末尾的括号中读取，如（2018年6月30日）：请在报告文字中把它写在那里）"),
    ("en", "unexpected {heading}： in problem 1 (measure 1.1's deadline is read from the parentheses its text ends with, such as "
           "（2018年6月30日）: write it there in the report's text)")])
def test_a_deadline_line_under_a_measure_is_refused_saying_where_a_measures_deadline_is_read(tmp_path, lang, said, heading):
    # (as other provinces write one: refused as if the problem had a second 整改时限, nothing said of the measure;
    # named as the report writes it, 完成时限 too)
    text = QINGHAI + _problem(measure=f"海东市完成污水管网建设。\n\n{heading}：2019年6月30日前")
    result, out = _import(tmp_path, text, lang=lang)
    line = text.split("\n").index(f"{heading}：2019年6月30日前") + 1
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{line}: {said.format(heading=heading)}\n")
    assert not out.exists()


def test_a_problems_deadline_it_cannot_read_is_refused_with_the_text_fixes_hint(tmp_path):
    result, out = _import(tmp_path, QINGHAI + _problem(deadline="2019年起，每年开展一次。", measure="西宁市开展专项检查（长期坚持）。"))
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE - 4}: problem 1: cannot read the "
                                                    "deadline 整改时限：2019年起，每年开展一次。 (expected a date such as 2018年6月30日前完成, 长期坚持 "
                                                    "or 立行立改, or steps such as 2018年6月30日前完成关停 or 关停于2018年6月30日前完成, "
                                                    "separated by ，; repair it under text_fixes: in the curation)\n")
    assert not out.exists()


@pytest.mark.parametrize("written, reported", [("已完成。", {"state": "fully_done", "ongoing": False}),
                                               ("已完成，长期坚持。", {"state": "fully_done", "ongoing": True}),
                                               ("达到序时进度。", {"state": "on_schedule", "ongoing": False}),
                                               ("全面完成整改。", {"state": "fully_done", "ongoing": False}),
                                               ("基本完成，长期坚持。", {"state": "basically_done", "ongoing": True})])
def test_common_wordings_of_a_problems_progress_are_read(tmp_path, written, reported):
    text = QINGHAI + _problem(measure="西宁市完成第一污水处理厂提标改造（2019年6月30日）。").replace("整改进度：序时推进。", f"整改进度：{written}")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["reported"] == reported


@pytest.mark.parametrize("written", ["全面完成部分整改。", "基本完成前期工作。", "序时推进缓慢。", "取得阶段性成效不明显。"])
def test_a_problems_progress_beginning_with_a_state_but_saying_more_is_refused_not_read_as_that_state(tmp_path, written):
    # (全面完成部分整改 was read as 全面完成: the problem fully done, by its first four characters)
    text = QINGHAI + _problem(measure="西宁市完成第一污水处理厂提标改造（2019年6月30日）。").replace("整改进度：序时推进。", f"整改进度：{written}")
    result, out = _import(tmp_path, text)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE - 2}: problem 1: unknown 整改进度 "
                                                    f"{written!r} (expected 全面完成, 基本完成, 序时推进 or 取得阶段性成效; "
                                                    "repair it under text_fixes: in the curation)\n")
    assert not out.exists()


def test_a_problems_progress_it_cannot_read_is_refused_with_the_text_fixes_hint(tmp_path):
    text = QINGHAI + _problem(measure="西宁市完成第一污水处理厂提标改造（2019年6月30日）。").replace("整改进度：序时推进。", "整改进度：已完成阶段性任务。")
    result, out = _import(tmp_path, text)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE - 2}: problem 1: unknown 整改进度 "
                                                    "'已完成阶段性任务。' (expected 全面完成, 基本完成, 序时推进 or 取得阶段性成效; "
                                                    "repair it under text_fixes: in the curation)\n")


# ---------------------------------------------------------------- 8. smaller issues: every missing registry field named at once

def test_every_registry_field_the_text_does_not_give_is_named_in_one_run(tmp_path):
    text = "整改情况报告\n\n我们高度重视整改工作。截至2019年3月底，整改工作正在推进。\n\n" + APPENDIX
    result, out = _import(tmp_path, text)
    name = tmp_path / "report.txt"
    assert (result.exit_code, result.stderr) == (2, "".join(f"rectify: {name}: cannot find the report's {what} (give it under registry: "
                                                             f"in the curation file, as {key}: {form})\n" for what, key, form in (
                                                                 ("issuer", "issuer", "…"), ("inspection", "inspection", "…"),
                                                                 ("feedback date", "feedback_date", "YYYY-MM-DD"))))
    assert not out.exists()


def test_shandongs_wording_of_the_feedback_date_is_read(tmp_path):
    text = QINGHAI.replace("于2017年12月24日反馈了督察意见。", "进驻青海省开展督察。2017年12月26日，中央环保督察组向我省反馈督察意见。") + APPENDIX
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]["feedback_date"] == date(2017, 12, 26)


def _opened_with(opening: str) -> str:
    """The Qinghai report, its feedback sentence `opening` instead, as of mid-2022."""
    return (QINGHAI.replace("中央第七环境保护督察组于2017年12月24日反馈了督察意见。", opening).replace("截至2019年3月底", "截至2022年6月底")
            + APPENDIX)


@pytest.mark.parametrize("opening", [
    # (Jiangxi's: the import refused the report for want of a feedback date)
    "中央第四生态环境保护督察组于2021年4月7日至5月7日对江西省开展督察，并于2021年7月15日向江西省反馈了督察意见。",
    "2021年7月15日，中央第四生态环境保护督察组向我省反馈了督察意见。",
    "2021年7月15日，中央第四生态环境保护督察组在南昌召开反馈会议，向江西省委、省政府进行反馈。",
    "2021年7月15日，中央第四生态环境保护督察组召开督察反馈会进行反馈。",
    "中央第四生态环境保护督察组向我省反馈督察意见（2021年7月15日）。",
])
def test_other_reports_wordings_of_the_feedback_date_are_read(tmp_path, opening):
    text = _opened_with(opening)
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]["feedback_date"] == date(2021, 7, 15)


def test_jiangxis_report_imports_and_its_mid_year_figures_are_reconciled(tmp_path, monkeypatch):
    """Its feedback date went unread (the import refused the report), then its 应于2022年6月底前完成的 figures (warned
    unread), and reconcile said 全部一致 of the totals alone: now each is read, and checked."""
    monkeypatch.chdir(tmp_path)
    opening = ("中央第四生态环境保护督察组于2021年4月7日至5月7日对江西省开展督察，并于2021年7月15日向江西省反馈了督察意见。"
               "江西省委、省政府高度重视。截至2022年6月底，全省1项整改任务，应于2022年6月底前完成的1项整改任务已完成0项，"
               "1项具体措施已完成0项。\n\n")
    text = QINGHAI.split("\n\n")[0] + "\n\n" + opening + APPENDIX.replace("2019年", "2022年")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    registry = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]
    assert (registry["feedback_date"], [(c["key"], c["text"], c["value"]) for c in registry["claims"]]) == (date(2021, 7, 15), [
        ("tasks_total", "全省1项整改任务", 1), ("tasks_due_2022_06_30", "应于2022年6月底前完成的1项整改任务", 1),
        ("tasks_due_2022_06_30_done", "已完成0项", 0), ("measures_due_2022_06_30", "1项具体措施", 1),
        ("measures_due_2022_06_30_done", "已完成0项", 0)])
    reconciled = _rectify("reconcile", "-r", "out/tasks.yaml", lang="en")
    assert (reconciled.exit_code, reconciled.stdout.splitlines()[-1]) == (0, "All claims match."), reconciled.stdout


@pytest.mark.parametrize("opening", [
    # (two days said fed back: which is the inspection's is not said)
    "中央第四生态环境保护督察组进驻我省开展督察。2021年7月15日，督察组向我省反馈了督察意见。2021年8月2日，督察组向我省反馈了移交问题。",
    # (a day of work on the feedback, not of the feedback)
    "中央第四生态环境保护督察组反馈了督察意见。2021年9月30日，省委常委会对督察反馈意见整改工作作出部署。",
    "中央第四生态环境保护督察组反馈了督察意见。2022年6月30日前向省政府反馈整改情况。",
])
def test_a_feedback_date_given_ambiguously_or_not_at_all_is_still_refused(tmp_path, opening):
    text = _opened_with(opening)
    result, out = _import(tmp_path, text)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}: cannot find the report's feedback date "
                                                    "(give it under registry: in the curation file, as feedback_date: YYYY-MM-DD)\n")
    assert not out.exists()


@pytest.mark.parametrize("gap", ["\n\n", "\n"])
@pytest.mark.parametrize("title, wrapped", [
    ("广东省贯彻落实第二轮中央生态环境保护督察报告整改方案的情况报告", "广东省贯彻落实第二轮中央生态环境保护督察报告整改方案的\n情况报告"),
    ("青海省贯彻落实中央环境保护督察反馈意见整改情况报告", "青海省贯彻落实中央环境保护督察\n反馈意见整改\n情况报告"),
])
def test_a_title_wrapped_over_lines_is_read_whole(tmp_path, gap, title, wrapped):
    # (a PDF's title on two lines: the registry's title, status's first line, was its first line alone, 广东省…整改方案的)
    text = QINGHAI.replace("青海省贯彻落实中央环境保护督察反馈意见整改情况报告\n\n", wrapped + gap) + APPENDIX
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]["title"] == title


def test_a_line_after_a_title_it_does_not_end_as_a_report_is_no_part_of_it(tmp_path):
    text = QINGHAI.replace("整改情况报告\n\n", "整改情况\n中共青海省委 青海省人民政府\n\n") + APPENDIX
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]["title"] == "青海省贯彻落实中央环境保护督察反馈意见整改情况"


# ---------------------------------------------------------------- 8. smaller issues: a curation of registry: keys alone

def _import_curated(tmp_path: Path, text: str, curation: str):
    (tmp_path / "curation.yaml").write_text(curation, encoding="utf-8")
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    return _rectify("import", str(tmp_path / "report.txt"), "--curation", str(tmp_path / "curation.yaml"), "-o", str(tmp_path / "out"))


def test_a_curation_of_registry_keys_alone_is_not_called_no_curation(tmp_path):
    # (it warned "no curation: …" although one was given)
    result = _import_curated(tmp_path, QINGHAI + APPENDIX, "registry:\n  issuer: 青海省人民政府\n")
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [f"the curation {tmp_path / 'curation.yaml'} has no units: and no journal: section: units discovered "
                                 "from the text, owners and states proposed heuristically"]


def test_a_curation_with_units_but_no_journal_says_the_states_are_proposed(tmp_path):
    curation = "units:\n  - {name: 西宁市, kind: region}\n"
    result = _import_curated(tmp_path, QINGHAI + APPENDIX, curation)
    assert result.exit_code == 0, result.output
    assert _warnings(result)[0] == f"the curation {tmp_path / 'curation.yaml'} has no journal: section: states proposed heuristically"


# ---------------------------------------------------------------- 8. smaller issues: the fallback owner of a city's or a 州's report

@pytest.mark.parametrize("title, level", [("格尔木市贯彻落实中央环境保护督察反馈意见整改情况报告", "市"),
                                          ("海南藏族自治州贯彻落实中央环境保护督察反馈意见整改情况报告", "州"),
                                          ("青海省贯彻落实中央环境保护督察反馈意见整改情况报告", "省")])
def test_a_measure_naming_no_unit_is_owned_by_the_issuers_own_departments(tmp_path, title, level):
    # (a report naming no province got 自治区相关部门, Tibet's word; a 州's got 省相关部门)
    text = QINGHAI.replace("青海省贯彻落实中央环境保护督察反馈意见整改情况报告", title) + _problem(measure="完成第一污水处理厂提标改造（2019年6月30日）。")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
    assert written["tasks"][0]["measures"][0]["owners"] == [f"{level}相关部门"]
    assert {"name": f"{level}相关部门", "kind": "department"} in written["units"]
    assert f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE}: measure 1.1: no responsible unit found; using {level}相关部门" in _warnings(result)


# ---------------------------------------------------------------- 8. smaller issues: evidence is a whole sentence, never cut mid-word

@pytest.mark.parametrize("note, state, evidence", [
    # (work reported done: it was proposed in_progress, red, 462 days late on the report's date,
    # with the evidence 省生态环境厅开展专项行动3次，查处违法企 — the note's first 20 characters)
    ("省生态环境厅开展专项行动3次，查处违法企业12家。已全部整改到位。", "done", None),
    ("省生态环境厅开展专项行动3次，查处违法企业12家，其余案件正在查处。", "in_progress", "其余案件正在查处"),
    ("专项行动方案已印发，将于6月底前开展第二轮检查。", "in_progress", "将于6月底前开展第二轮检查"),
])
def test_an_immediate_measure_is_proposed_done_when_its_note_tells_of_work_done(tmp_path, note, state, evidence):
    text = QINGHAI + LAX.replace("已制定专项行动方案。", note).replace("立行立改，长期坚持", "立行立改")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    assert (journal[0]["note"], journal[0]["state"], journal[0].get("evidence")) == (note, state, evidence)


# ---------------------------------------------------------------- 8. smaller issues: 责任单位：, 牵头单位：, 配合单位： lines

UNIT_LINES = ("一、湟水河流域污染治理滞后。\n\n{task_units}整改时限：2019年6月底前完成。\n\n整改进度：序时推进。\n\n"
              "1.完成第一污水处理厂提标改造（2019年6月30日）{end}\n\n{measure_units}整改进展：正在进行设备调试。\n")


@pytest.mark.parametrize("end", ["。", ""])  # (a measure ending in its deadline runs on into the next paragraph)
def test_unit_lines_after_a_measure_are_its_owners_not_its_text(tmp_path, end):
    # (牵头单位：西宁市配合单位：海东市 was glued to the measure's text)
    text = QINGHAI + UNIT_LINES.format(task_units="", end=end, measure_units="牵头单位：西宁市\n\n配合单位：海东市\n\n")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["text"], measure["owners"], measure["lead"]) == (f"完成第一污水处理厂提标改造（2019年6月30日）{end}", ["西宁市", "海东市"], "西宁市")


@pytest.mark.parametrize("gap", ["\n\n", "\n"])  # (a text with no blank lines runs the unit line on into the measure's)
def test_a_unit_line_run_on_after_a_measures_sentence_owns_that_measure(tmp_path, gap):
    # (it went to the measure before (1.1 owned by 海东市, 1.2 falling to 省相关部门), or for the first
    # measure to the problem, every measure naming none owned by it without a word)
    text = QINGHAI + TWO_MEASURES.format(one="1.", two="2.").replace(
        "1.西宁市完成", "1.完成").replace("（2019年6月30日）。", "（2019年6月30日）。牵头单位：西宁市；配合单位：省生态环境厅。").replace(
        "2.海东市完成污水管网建设（长期坚持）。", "2.完成污水管网建设（长期坚持）。\n责任单位：海东市。").replace("\n\n", gap)
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    measures = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"]
    assert [(m["text"], m["owners"], m["lead"]) for m in measures] == [
        ("完成第一污水处理厂提标改造（2019年6月30日）。", ["西宁市", "省生态环境厅"], "西宁市"),
        ("完成污水管网建设（长期坚持）。", ["海东市"], "海东市")]


def test_a_problems_unit_line_owns_its_measures_that_name_none_and_is_no_problem_text(tmp_path):
    # (责任单位：… before 整改时限 was appended to the problem's text, and the measure got 省相关部门)
    text = QINGHAI + UNIT_LINES.format(task_units="责任单位：省生态环境厅、西宁市\n\n", end="。", measure_units="")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    task = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]
    assert task["problem"] == "湟水河流域污染治理滞后。"
    assert (task["measures"][0]["owners"], task["measures"][0]["lead"]) == (["省生态环境厅", "西宁市"], "省生态环境厅")


def test_a_unit_line_naming_no_known_unit_is_warned_of(tmp_path):
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units="责任单位：有关企业\n\n")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    line = text.split("\n").index("责任单位：有关企业") + 1
    assert _warnings(result) == [NO_CURATION, f"{tmp_path / 'report.txt'}, line {line - 2}: measure 1.1: no responsible unit found; using 省相关部门",
                                 f"{tmp_path / 'report.txt'}, line {line}: measure 1.1: 责任单位：有关企业 names no unit the import knows"]


@pytest.mark.parametrize("lines, said", [
    ("责任单位：西宁市\n\n配合单位：有关企业\n\n", "配合单位：有关企业"),
    ("责任单位：西宁市（牵头）\n\n配合单位：有关企业\n\n", "配合单位：有关企业"),
    ("责任单位：西宁市、海东市等\n\n配合单位：有关企业\n\n", "配合单位：有关企业")])
def test_a_unit_line_after_a_complete_one_is_warned_of_at_its_own_line(tmp_path, lines, said):
    # (the two, a blank line apart, were joined as one cut at a page's edge: the second named at the first's line)
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units=lines)
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    line = text.split("\n").index(said) + 1
    assert _warnings(result) == [NO_CURATION, f"{tmp_path / 'report.txt'}, line {line}: measure 1.1: {said} names no unit the import knows"]


@pytest.mark.parametrize("head", ["整改情况", "整改完成情况", "进展情况"])
def test_a_note_heading_after_a_unit_line_heads_the_measures_note(tmp_path, head):
    # (joined to the unit line as one cut at a page's edge: the note read as units, and the measure said to have none)
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units="").replace(
        "整改进展：正在进行设备调试。", f"责任单位：西宁市\n\n{head}：正在进行设备调试。")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert measure["owners"] == ["西宁市"]
    assert yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))[0]["note"] == "正在进行设备调试。"


@pytest.mark.parametrize("head", ["整改完成情况", "整改情况", "进展情况"])
def test_a_note_heading_after_a_unit_line_in_a_text_without_blank_lines_heads_the_measures_note(tmp_path, head):
    # (run on into 责任单位：西宁市 as the line after it: the note read as units and warned of at the measure's line, and the
    # measure said to have no note)
    text = QINGHAI + ("一、湟水河流域污染治理滞后。\n整改时限：2019年6月底前完成。\n整改进度：序时推进。\n"
                      f"1.完成第一污水处理厂提标改造（2019年6月30日）。\n责任单位：西宁市\n{head}：正在进行设备调试。\n")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]["owners"] == ["西宁市"]
    assert yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))[0]["note"] == "正在进行设备调试。"


@pytest.mark.parametrize("lines", ["责任单位：省生态环境厅、\n\n西宁市\n\n", "责任单位：省生态环境厅、西宁\n\n市\n\n",
                                   "责任单位：省生态环境厅牵头，\n\n西宁市配合\n\n"])
def test_a_unit_line_cut_at_a_pages_edge_is_still_joined(tmp_path, lines):
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units=lines)
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (["省生态环境厅", "西宁市"], "省生态环境厅")


@pytest.mark.parametrize("units, owners, unread", [
    ("省生态环境厅、青海湖景区保护利用管理局、国网青海省电力公司", ["省生态环境厅"], ["青海湖景区保护利用管理局、国网青海省电力公司"]),
    ("西宁市、海东市；有关企业", ["西宁市", "海东市"], ["有关企业"]),
    ("西宁市及有关企业，省水利厅、驻地部队", ["西宁市", "省水利厅"], ["有关企业", "驻地部队"]),
])
def test_a_unit_line_naming_a_unit_it_does_not_know_beside_one_it_knows_is_warned_of(tmp_path, units, owners, unread):
    # (the units after the first it did not know were left out of the owners without a word)
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units=f"责任单位：{units}\n\n")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    line = text.split("\n").index(f"责任单位：{units}") + 1
    assert _warnings(result) == [NO_CURATION, *(f"{tmp_path / 'report.txt'}, line {line}: measure 1.1: 责任单位：{units}: no unit the import knows read in "
                                                f"{words}, left out of the owners" for words in unread)]
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]["owners"] == owners


@pytest.mark.parametrize("units, owners, lead", [
    ("省生态环境厅牵头，西宁市配合", ["省生态环境厅", "西宁市"], "省生态环境厅"),
    ("省生态环境厅（牵头）、西宁市（配合）、海东市等", ["省生态环境厅", "西宁市", "海东市"], "省生态环境厅"),  # (the units after （牵头） were lost)
    ("由省生态环境厅牵头，西宁市、海东市等有关部门", ["省生态环境厅", "西宁市", "海东市"], "省生态环境厅"),
    # (the one said to lead named after a supporting one: the supporting one was made the lead)
    ("西宁市配合，省生态环境厅牵头", ["西宁市", "省生态环境厅"], "省生态环境厅"),
    ("西宁市（配合）、省生态环境厅（牵头）", ["西宁市", "省生态环境厅"], "省生态环境厅"),
    ("西宁市（协助）、省生态环境厅（牵头）", ["西宁市", "省生态环境厅"], "省生态环境厅"),
    ("省生态环境厅（牵头）、西宁市（协办）、海东市等", ["省生态环境厅", "西宁市", "海东市"], "省生态环境厅"),
    # (no unit said to lead: the first not said to help, where the supporting one named first was made the lead)
    ("西宁市（配合）、省生态环境厅", ["西宁市", "省生态环境厅"], "省生态环境厅"),
    ("西宁市、海东市协助，省生态环境厅负责", ["西宁市", "海东市", "省生态环境厅"], "省生态环境厅"),
    ("西宁市（协办）、海东市（配合）、省生态环境厅", ["西宁市", "海东市", "省生态环境厅"], "省生态环境厅"),
    # (X配合Y: Y, the unit helped, was said not to be one the import knows, and X made the lead)
    ("西宁市配合省生态环境厅", ["西宁市", "省生态环境厅"], "省生态环境厅"),
])
def test_a_unit_line_saying_who_leads_or_helps_reads_whole_without_a_warning(tmp_path, units, owners, lead):
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units=f"责任单位：{units}\n\n")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (owners, lead)


@pytest.mark.parametrize("lang, said", [
    (None, "rectify: 警告：{report} 第 {line} 行：措施 1.1：“配合单位：西宁市、海东市”只列配合单位，没有牵头单位或责任单位；牵头单位暂定为西宁市，"
           "请核对，必要时在校订文件的 owners: 下写明 lead"),
    ("en", "rectify: warning: {report}, line {line}: measure 1.1: 配合单位：西宁市、海东市 names 2 supporting units only, no lead or "
           "responsible unit; 西宁市 is made the lead for now: check it, and if need be give the lead under owners: in the curation"),
], ids=["zh", "en"])
def test_a_measure_with_only_supporting_units_is_warned_that_one_of_them_is_made_its_lead(tmp_path, lang, said):
    # (配合单位：西宁市、海东市 alone made 西宁市, a supporting unit, the lead in silence: 牵头单位 in summary's tables)
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units="配合单位：西宁市、海东市\n\n")
    result, _ = _import(tmp_path, text, lang=lang)
    assert result.exit_code == 0, result.output
    line = text.split("\n").index("配合单位：西宁市、海东市") + 1
    assert result.stderr.splitlines()[2:] == [said.format(report=tmp_path / "report.txt", line=line)]
    measure = yaml.safe_load((tmp_path / "out" / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (["西宁市", "海东市"], "西宁市")


@pytest.mark.parametrize("units, owners", [
    ("西宁市配合", ["西宁市"]), ("西宁市（配合）", ["西宁市"]), ("西宁市、海东市配合", ["西宁市", "海东市"]),
    ("西宁市（配合）、海东市（配合）", ["西宁市", "海东市"]), ("西宁市协助", ["西宁市"]),
    # (（协助）, （协办） said as （配合） is: 西宁市 made the lead without a word)
    ("西宁市（协助）", ["西宁市"]), ("西宁市（协办）", ["西宁市"]), ("西宁市（协办）、海东市（协助）", ["西宁市", "海东市"]),
    ("西宁市协办", ["西宁市"]),
    # (等 before 配合 stopped the check: 西宁市 made the lead without a word)
    ("西宁市、海东市等配合", ["西宁市", "海东市"]), ("西宁市、海东市等有关部门协助", ["西宁市", "海东市"]),
])
def test_a_unit_line_whose_every_unit_it_says_helps_is_warned_of_as_a_supporting_line(tmp_path, units, owners):
    # (责任单位：西宁市配合 made 西宁市, which the line says only helps, the lead in silence, as 配合单位：西宁市 did)
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units=f"责任单位：{units}\n\n")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    line = text.split("\n").index(f"责任单位：{units}") + 1
    # (one unit is said so: "names supporting units only" of 西宁市 alone read as a slip)
    named = "1 supporting unit" if len(owners) == 1 else f"{len(owners)} supporting units"
    assert _warnings(result) == [NO_CURATION, f"{tmp_path / 'report.txt'}, line {line}: measure 1.1: 责任单位：{units} names {named} only, no lead or "
                                              "responsible unit; 西宁市 is made the lead for now: check it, and if need be give the "
                                              "lead under owners: in the curation"]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (owners, "西宁市")


@pytest.mark.parametrize("units", ["西宁市（协助）", "西宁市（协办）"])
def test_a_unit_marked_as_assisting_is_warned_of_in_chinese_as_a_supporting_one(tmp_path, units):
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units=f"责任单位：{units}\n\n")
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    result = _rectify("import", str(report), "-o", str(tmp_path / "out"), lang=None)
    assert result.exit_code == 0, result.output
    line = text.split("\n").index(f"责任单位：{units}") + 1
    assert result.stderr.splitlines()[2:] == [
        f"rectify: 警告：{report} 第 {line} 行：措施 1.1：“责任单位：{units}”只列配合单位，没有牵头单位或责任单位；牵头单位暂定为西宁市，"
        "请核对，必要时在校订文件的 owners: 下写明 lead"]


@pytest.mark.parametrize("lines", ["配合单位：西宁市\n\n牵头单位：海东市\n\n", "责任单位：海东市\n\n配合单位：西宁市\n\n",
                                   "协办单位：西宁市\n\n主办单位：海东市\n\n",
                                   # (one unit not said to help: the responsible one)
                                   "责任单位：海东市，西宁市配合\n\n", "责任单位：海东市、西宁市（配合）\n\n",
                                   "责任单位：海东市、西宁市（协助）\n\n", "责任单位：海东市，西宁市协办\n\n",
                                   "责任单位：西宁市配合\n\n牵头单位：海东市\n\n",
                                   # (a 责任单位 line after a 配合单位 one: its unit, not the supporting one named first)
                                   "配合单位：西宁市\n\n责任单位：海东市\n\n"])
def test_supporting_units_beside_a_lead_or_responsible_one_are_no_warning(tmp_path, lines):
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units=lines)
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]["lead"] == "海东市"


@pytest.mark.parametrize("measure, owners, lead", [
    # (no unit line: the measure's own sentence gives its owners; the supporting one named first was made the lead)
    ("西宁市配合，省生态环境厅负责建设污水管网（2019年6月30日）。", ["西宁市", "省生态环境厅"], "省生态环境厅"),
    ("西宁市（配合）、省生态环境厅负责建设污水管网（2019年6月30日）。", ["西宁市", "省生态环境厅"], "省生态环境厅"),
    ("西宁市、海东市协助，省生态环境厅负责建设污水管网（2019年6月30日）。", ["西宁市", "海东市", "省生态环境厅"], "省生态环境厅"),
    # (one said to lead wins, wherever it is named)
    ("由西宁市（配合）、省生态环境厅（牵头）建设污水管网（2019年6月30日）。", ["西宁市", "省生态环境厅"], "省生态环境厅"),
    ("西宁市配合，省生态环境厅牵头建设污水管网（2019年6月30日）。", ["西宁市", "省生态环境厅"], "省生态环境厅"),
    ("海东市负责，西宁市配合，省生态环境厅牵头建设污水管网（2019年6月30日）。", ["海东市", "西宁市", "省生态环境厅"], "省生态环境厅"),
    # (none said to help: the first named, as before)
    ("西宁市、省生态环境厅负责建设污水管网（2019年6月30日）。", ["西宁市", "省生态环境厅"], "西宁市"),
    # (in a sentence, X协助 before what it helps do says X helps: the one responsible leads)
    ("西宁市协助建设污水管网，海东市负责运行维护（2019年6月30日）。", ["西宁市", "海东市"], "海东市"),
    # (X配合Y建设…: Y, the unit helped, is responsible; it was never read, and X made the lead as helping alone)
    ("西宁市配合省生态环境厅建设污水管网（2019年6月30日）。", ["西宁市", "省生态环境厅"], "省生态环境厅"),
    ("西宁市协助省生态环境厅建设污水管网（2019年6月30日）。", ["西宁市", "省生态环境厅"], "省生态环境厅"),
    ("西宁市、海东市配合省生态环境厅、省水利厅建设污水管网（2019年6月30日）。", ["西宁市", "海东市", "省生态环境厅", "省水利厅"],
     "省生态环境厅"),
])
def test_a_measures_own_sentence_makes_its_lead_the_first_unit_not_said_to_help(tmp_path, measure, owners, lead):
    result, out = _import(tmp_path, QINGHAI + _problem(measure=measure))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (owners, lead)



NO_PROVINCE = ("某自治区整改情况的报告\n\n"
               "中央第六环境保护督察组于2018年1月3日反馈了督察意见。某自治区党委、政府高度重视。截至2019年3月，整改工作正在推进。\n\n")
NO_PROVINCE_WARNING = ("no province (省, 自治区 or 直辖市) named in the report's title or opening: no regions read from the problems "
                       "(give the title under registry: in the curation)")


@pytest.mark.parametrize("opening, measure, owners, unread", [
    # (a report that names no province has no regions: 拉萨市 is no unit it knows, and was left out without a word)
    (NO_PROVINCE, "自治区生态环境厅、拉萨市、自治区生态环境厅制定方案", ["自治区生态环境厅"], "拉萨市、自治区生态环境厅制定方案"),
    (QINGHAI, "省生态环境厅、青海湖景区管理局会同国网青海省电力公司建设污水管网", ["省生态环境厅"],
     "青海湖景区管理局会同国网青海省电力公司建设污水管网"),
    (QINGHAI, "省生态环境厅会同有关企业建设污水管网", ["省生态环境厅"], "有关企业建设污水管网"),
], ids=["no-province", "after-a-comma", "after-huitong"])
def test_a_measures_own_sentence_naming_a_unit_it_does_not_know_after_one_it_knows_is_warned_of(tmp_path, opening, measure, owners,
                                                                                                 unread):
    # (as a unit line's are: the units after the first it did not know were left out of the owners without a word)
    text = opening + _problem(measure=f"{measure}（2019年6月30日）。")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [*([NO_PROVINCE_WARNING] if opening == NO_PROVINCE else []), NO_CURATION,
                                 f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE}: measure 1.1: the measure's sentence: no unit the import knows "
                                 f"read in {unread}, left out of the owners"]
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]["owners"] == owners


@pytest.mark.parametrize("measure, unread", [
    ("省生态环境厅牵头，会同青海湖景区管理局、西宁市建设污水管网", "青海湖景区管理局、西宁市建设污水管网"),
    ("省生态环境厅负责，联合青海湖景区管理局开展巡查", "青海湖景区管理局开展巡查"),
    ("省生态环境厅负责，联合相关部门开展专项检查", None),  # (the relevant bodies: no unit to name)
])
def test_a_clause_of_units_after_the_lead_beginning_with_one_it_does_not_know_is_warned_of(tmp_path, measure, unread):
    # (X牵头，会同Y、Z…, Y no unit it knows: Y and Z, though Z is a region, were left out of the owners without a word)
    result, out = _import(tmp_path, QINGHAI + _problem(measure=f"{measure}（2019年6月30日）。"))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION, *([f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE}: measure 1.1: the measure's sentence: no unit the "
                                                f"import knows read in {unread}, left out of the owners"] if unread else [])]
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]["owners"] == ["省生态环境厅"]


@pytest.mark.parametrize("opening, measure, owners", [
    # (X联合Y: Y, its level written once for both, was dropped without a word)
    (QINGHAI, "省生态环境厅联合公安厅严厉打击非法转移危险废物行为", ["省生态环境厅", "省公安厅"]),
    # (X、Y、Z with the level written once: Y and Z were dropped, warned of as no unit the import knows)
    (QINGHAI, "省商务厅、生态环境厅、公安厅联合开展专项整治", ["省商务厅", "省生态环境厅", "省公安厅"]),
    (QINGHAI, "省林业和草原局会同发展改革委、生态环境厅研究制定方案", ["省林业和草原局", "省发展改革委", "省生态环境厅"]),
    (QINGHAI, "省发展改革委同住房城乡建设厅制定规划", ["省发展改革委", "省住房城乡建设厅"]),
    (NO_PROVINCE.replace("某自治区", "西藏自治区"), "自治区生态环境厅、水利厅、住房城乡建设厅每年联合开展专项检查",
     ["自治区生态环境厅", "自治区水利厅", "自治区住房城乡建设厅"]),
], ids=["lianhe", "three", "huitong", "tong", "xizang"])
def test_units_sharing_the_level_written_once_before_the_first_are_each_an_owner(tmp_path, opening, measure, owners):
    result, out = _import(tmp_path, opening + _problem(measure=f"{measure}（2019年6月30日）。"))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (owners, owners[0])


@pytest.mark.parametrize("units, owners", [
    ("省生态环境厅联合公安厅", ["省生态环境厅", "省公安厅"]),
    ("省生态环境厅（牵头）、公安厅（配合）", ["省生态环境厅", "省公安厅"]),
])
def test_a_unit_line_sharing_the_level_written_once_reads_every_unit(tmp_path, units, owners):
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units=f"责任单位：{units}\n\n")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (owners, "省生态环境厅")


@pytest.mark.parametrize("measure, unread", [
    # (X联合Y, Y no unit it knows: X kept, Y left out without a word, where 、 or 会同 before Y is warned of)
    ("省生态环境厅联合青海湖景区管理局开展巡查", "青海湖景区管理局开展巡查"),
    ("省生态环境厅联合国网青海省电力公司开展检查", "国网青海省电力公司开展检查"),
    ("省生态环境厅联合驻地部队开展清理", None),  # (no unit-like word after 联合: read as how they act, not warned)
    ("省生态环境厅、省公安厅联合开展专项检查", None),
    ("省生态环境厅联合执法检查各有关部门", None),
])
def test_a_unit_it_does_not_know_after_lianhe_is_warned_of(tmp_path, measure, unread):
    result, out = _import(tmp_path, QINGHAI + _problem(measure=f"{measure}（2019年6月30日）。"))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION, *([f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE}: measure 1.1: the measure's sentence: no unit the "
                                                f"import knows read in {unread}, left out of the owners"] if unread else [])]
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]["owners"][0] == "省生态环境厅"


@pytest.mark.parametrize("measure", ["省生态环境厅及时会同住房城乡建设厅开展检查", "省生态环境厅同时督促住房城乡建设厅开展检查"])
def test_a_word_beginning_with_a_joining_character_is_no_unit_of_the_level_written_before(tmp_path, measure):
    # (及时…厅, 同时…厅 read as units 省时会同住房城乡建设厅, 省时督促住房城乡建设厅)
    result, out = _import(tmp_path, QINGHAI + _problem(measure=f"{measure}（2019年6月30日）。"))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]["owners"] == ["省生态环境厅"]


@pytest.mark.parametrize("measure, unread", [
    # (a bureau or a zone's committee may be a body of its own name, not the province's: 省青海湖景区管理局 is no name)
    ("省生态环境厅、青海湖景区管理局建设污水管网", "青海湖景区管理局建设污水管网"),
    ("省生态环境厅、西宁经济技术开发区管委建设污水管网", "西宁经济技术开发区管委建设污水管网"),
])
def test_a_body_of_its_own_name_after_a_province_unit_is_not_given_the_province_level(tmp_path, measure, unread):
    result, out = _import(tmp_path, QINGHAI + _problem(measure=f"{measure}（2019年6月30日）。"))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION, f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE}: measure 1.1: the measure's sentence: no unit the import "
                                              f"knows read in {unread}, left out of the owners"]
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]["owners"] == ["省生态环境厅"]


def test_a_measures_own_sentence_naming_a_region_of_its_province_twice_keeps_each_unit_once_the_first_first(tmp_path):
    xizang = NO_PROVINCE.replace("某自治区", "西藏自治区")
    result, out = _import(tmp_path, xizang + _problem(measure="自治区生态环境厅、拉萨市、自治区生态环境厅制定方案（2019年6月30日）。"))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (["自治区生态环境厅", "拉萨市"], "自治区生态环境厅")


@pytest.mark.parametrize("helped, owners, lead", [
    ("省生态环境厅建设污水管网", ["西宁市", "海东市", "省生态环境厅"], "省生态环境厅"),
    # (the last unit's work, Y的…: the chain before it helps, none responsible)
    ("省生态环境厅的督查工作", ["西宁市", "海东市"], "西宁市")], ids=["helped", "helped-with-its-work"])
def test_a_sentence_chaining_helping_units_thousands_of_times_is_read_in_a_moment(tmp_path, helped, owners, lead):
    """(X配合Y配合Z… read each 配合 by a call of its own on a copy of the rest: 1,000 of them, a fuzzed text, ended in
    an internal error, RecursionError. The work is counted, not timed: four times the chain, no more than four times
    the calls.)"""
    calls = {}
    for times in (1000, 4000):
        (tmp_path / str(times)).mkdir()
        with calls_counted() as counted:
            result, out = _import(tmp_path / str(times),
                                  QINGHAI + _problem(measure="西宁市配合海东市配合" * (times // 2) + f"{helped}（2019年6月30日）。"))
        calls[times] = counted.count
        assert result.exit_code == 0, (result.output[-300:], repr(result.exception))
        measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
        assert (measure["owners"], measure["lead"]) == (owners, lead)
    assert calls[4000] <= 4 * calls[1000] + 20_000, calls



def test_a_sentence_naming_thousands_of_units_is_read_in_a_moment(tmp_path):
    """(each unit a measure names was looked for among every unit read before it, and every name and alias of them
    gathered again for each new one: 16,000 units in one sentence, a fuzzed text, took half a minute. The work is
    counted, not timed: four times the units, no more than four times the calls.)"""
    every = ["市" + "".join(three) + "局" for three in itertools.product("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土", repeat=3)]
    calls = {}
    for n in (1000, 4000):
        named = every[:n]
        (tmp_path / str(n)).mkdir()
        with calls_counted() as counted:
            result, out = _import(tmp_path / str(n), QINGHAI + _problem(measure="、".join(named) + "完成污水管网建设（2019年6月30日）。"))
        calls[n] = counted.count
        assert result.exit_code == 0, result.output[-300:]
        plan = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
        assert (plan["tasks"][0]["measures"][0]["owners"], plan["tasks"][0]["measures"][0]["lead"]) == (named, "市甲甲甲局")
        assert [u["name"] for u in plan["units"]][-len(named):] == named  # (after the province's prefectures)
    assert calls[4000] <= 4 * calls[1000] + 20_000, calls


def test_the_owners_of_a_sentence_naming_tens_of_thousands_of_units_are_read_without_searching_each_time():
    # (a hang guard, as the ones of §15: each unit was looked for among the owners read before it, a list
    # searched in C that no count of calls sees. 80,000 units: 0.3 s of CPU; that search took 30 s, the guard 6)
    from rectify_cli.importer_owners import Vocabulary, sentence_owners

    named = ["市" + "".join(five) + "局" for five in itertools.product("甲乙丙丁戊己庚辛壬癸子丑寅卯", repeat=5)][:80000]
    with hang_guard(6):
        owners, lead = sentence_owners("、".join(named) + "完成污水管网建设。", Vocabulary.build([], {}, discover=True))
    assert (owners, lead) == (named, "市甲甲甲甲甲局")


def test_the_owners_of_a_unit_line_naming_tens_of_thousands_of_units_are_read_without_searching_each_time():
    # (as the sentence's above, of a 责任单位： line: each unit was looked for among the owners of the lines read before
    # it: 0.6 s of CPU, 56 s searched)
    from rectify_cli.i18n import Notice
    from rectify_cli.importer import _listed_owners
    from rectify_cli.importer_owners import Vocabulary

    named = ["市" + "".join(five) + "局" for five in itertools.product("甲乙丙丁戊己庚辛壬癸子丑寅卯", repeat=5)][:80000]
    warnings = []
    with hang_guard(6):
        owners, lead = _listed_owners([("责任单位", "、".join(named), 9)], Vocabulary.build([], {}, discover=True),
                                     Notice("of_measure", {"measure": "1.1"}), warnings, filename="report.txt")
    assert (owners, lead, warnings) == (named, "市甲甲甲甲甲局", [])


@pytest.mark.parametrize("measure, owners", [
    ("西宁市协助建设污水管网（2019年6月30日）。", ["西宁市"]),
    ("西宁市（协助）建设污水管网（2019年6月30日）。", ["西宁市"]),
    ("西宁市、海东市等配合建设污水管网（2019年6月30日）。", ["西宁市", "海东市"]),
    ("西宁市（配合）、海东市（协办）建设污水管网（2019年6月30日）。", ["西宁市", "海东市"]),
    # (the one it helps no unit the import knows: still, 西宁市 only helps)
    ("西宁市配合有关企业建设污水管网（2019年6月30日）。", ["西宁市"]),
    # (nor where it helps with the unit's work, Y的…: a possessive, Y no subject)
    ("西宁市配合省生态环境厅的督查工作（2019年6月30日）。", ["西宁市"]),
])
def test_a_measures_own_sentence_whose_every_unit_helps_is_warned_of_as_a_unit_line_is(tmp_path, measure, owners):
    """(no unit line: 西宁市, said in the sentence to help, was made the lead without a word, where
    责任单位：西宁市（协助） is warned of)"""
    result, out = _import(tmp_path, QINGHAI + _problem(measure=measure))
    assert result.exit_code == 0, result.output
    named = "1 supporting unit" if len(owners) == 1 else f"{len(owners)} supporting units"
    assert _warnings(result) == [NO_CURATION, f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE}: measure 1.1: the measure's sentence names {named} "
                                              f"only ({'、'.join(owners)}), no lead or responsible unit; 西宁市 is made "
                                              "the lead for now: check it, and if need be give the lead under owners: in the "
                                              "curation"]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (owners, "西宁市")


def test_a_measures_own_sentence_whose_every_unit_helps_is_warned_of_in_chinese_by_default(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(QINGHAI + _problem(measure="西宁市、海东市协助建设污水管网（2019年6月30日）。"), encoding="utf-8")
    result = _rectify("import", str(report), "-o", str(tmp_path / "out"), lang=None)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[2:] == [
        f"rectify: 警告：{report} 第 {LINE_OF_MEASURE} 行：措施 1.1：措施原文所写单位（西宁市、海东市）均为配合单位，没有牵头单位或责任单位；"
        "牵头单位暂定为西宁市，请核对，必要时在校订文件的 owners: 下写明 lead"]


def test_a_unit_it_does_not_know_beside_one_it_knows_is_warned_of_in_chinese_by_default(tmp_path):
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units="配合单位：西宁市、有关企业\n\n")
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    result = _rectify("import", str(report), "-o", str(tmp_path / "out"), lang=None)
    line = text.split("\n").index("配合单位：西宁市、有关企业") + 1
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[2:] == [
        f"rectify: 警告：{report} 第 {line} 行：措施 1.1：“配合单位：西宁市、有关企业”中，“有关企业”不是导入程序认识的单位，未计入责任单位",
        f"rectify: 警告：{report} 第 {line} 行：措施 1.1：“配合单位：西宁市、有关企业”只列配合单位，没有牵头单位或责任单位；牵头单位暂定为西宁市，"
        "请核对，必要时在校订文件的 owners: 下写明 lead"]


@pytest.mark.parametrize("one, two", [("1、", "2、"), ("（1）", "（2）"), ("①", "②"), ("1．", "2．")])
def test_measures_numbered_so_in_a_text_without_blank_lines_are_read_as_with_them(tmp_path, one, two):
    # (a text with no blank lines ran a measure numbered 1、 on into the 整改进度 line before it: refused)
    (tmp_path / "spaced").mkdir()
    _, spaced = _import(tmp_path / "spaced", QINGHAI + TWO_MEASURES.format(one=one, two=two))
    result, out = _import(tmp_path, QINGHAI + TWO_MEASURES.format(one=one, two=two).replace("\n\n", "\n"))
    assert result.exit_code == 0, result.output
    for name in ("tasks.yaml", "progress.yaml"):
        assert (out / name).read_text(encoding="utf-8") == (spaced / name).read_text(encoding="utf-8")


def test_a_note_with_no_measure_before_it_is_refused_saying_what_is_expected(tmp_path):
    # (a measure run on into the 整改进度 line, as a PDF extraction may leave it)
    text = QINGHAI + TWO_MEASURES.format(one="1、", two="2、").replace("整改进度：序时推进。\n\n1、", "整改进度：序时推进。1、")
    result, _ = _import(tmp_path, text)
    line = text.split("\n").index("整改进展：正在进行设备调试。") + 1
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{line}: unexpected 整改进展： in problem 1 (expected a "
                                                    "measure numbered 1. 2. …, 1、 2、 …, （1）（2）… or ① ② … before it, at the start of a line of its own)\n")


@pytest.mark.parametrize("opening, feedback", [
    # (Qinghai's own wording: the year is the inspection's, named earlier in the sentence)
    ("2017年8月7日至9月7日，中央第七环境保护督察组对我省开展了环境保护督察，并于12月24日向我省反馈了督察意见。", date(2017, 12, 24)),
    ("2017年12月，中央第七环境保护督察组进驻我省，于1月5日向我省反馈督察意见。", date(2018, 1, 5)),
])
def test_a_feedback_day_written_without_its_year_takes_the_year_its_sentence_gives(tmp_path, opening, feedback):
    """It was not found, and the import refused the report for want of a feedback date."""
    text = QINGHAI.replace("中央第七环境保护督察组于2017年12月24日反馈了督察意见。", opening) + APPENDIX
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]["feedback_date"] == feedback


def test_warnings_are_said_in_chinese_by_default(tmp_path):
    text = QINGHAI + UNIT_LINES.format(task_units="", end="。", measure_units="责任单位：有关企业\n\n")
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    result = _rectify("import", str(report), "-o", str(tmp_path / "out"), lang=None)
    line = text.split("\n").index("责任单位：有关企业") + 1
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[1:] == [
        "rectify: 警告：没有校订文件：单位从报告文字中识别，责任单位和状态由程序推测",
        f"rectify: 警告：{report} 第 {line - 2} 行：措施 1.1：找不到责任单位；暂定为省相关部门",
        f"rectify: 警告：{report} 第 {line} 行：措施 1.1：“责任单位：有关企业”中没有导入程序认识的单位"]


@pytest.mark.parametrize("open_measures, lang, said", [
    (1, "en", f"rectify: warning: {{report}}, line {LINE_OF_MEASURE - 2}: problem 1: reported 全面完成 (fully done), but measure 1.1 "
              "is not done"),
    (2, "en", f"rectify: warning: {{report}}, line {LINE_OF_MEASURE - 2}: problem 1: reported 全面完成 (fully done), but measures 1.1, 1.2 "
              "are not done"),
    (2, None, f"rectify: 警告：{{report}} 第 {LINE_OF_MEASURE - 2} 行：问题 1：报告为全面完成，但措施 1.1、1.2 尚未完成"),
])
def test_a_problem_reported_fully_done_with_open_measures_is_warned_of_in_the_number_it_has(tmp_path, open_measures, lang, said):
    # (English said "measure(s) 1.1 are not done" of one; the report's word, 全面完成, with its meaning, as 基本完成's)
    measures = "".join(f"{n}.西宁市完成提标改造（2019年6月30日）。\n\n整改进展：正在进行设备调试。\n\n" for n in range(1, open_measures + 1))
    text = QINGHAI + "一、湟水河流域污染治理滞后。\n\n整改时限：2019年6月底前完成。\n\n整改进度：全面完成。\n\n" + measures
    result, _ = _import(tmp_path, text, lang=lang)
    assert result.exit_code == 0, result.output
    assert said.format(report=tmp_path / "report.txt") in result.stderr.splitlines()


# (a measure due after the report's date, under a problem the report says is 全面完成)
FULLY_DONE = "一、湟水河流域污染治理滞后。\n\n整改时限：2019年6月底前完成。\n\n整改进度：全面完成。\n\n1.西宁市完成提标改造（2019年6月30日）。\n\n整改进展：{note}\n"
LINE_OF_NOTE = LINE_OF_MEASURE + 2


@pytest.mark.parametrize("note", ["已印发《考核办法》，已完成。", "已完成。", "已完成整改。", "已全部完成。", "现已全面完成。"])
def test_a_measure_not_yet_due_whose_note_says_it_is_done_as_a_whole_under_a_problem_fully_done_is_proposed_done(tmp_path, note):
    # (proposed in progress, and the import warned that the report's 全面完成 contradicted its own guess)
    result, out = _import(tmp_path, QINGHAI + FULLY_DONE.format(note=note))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    assert [{k: v for k, v in e.items() if k != "hash"} for e in journal] == [
        {"measure": "1.1", "date": date(2019, 3, 31), "state": "done", "note": note}]


# (what is done may be part of it, said before or after: 已完成 alone, the note's last words, is the whole)
@pytest.mark.parametrize("note", ["已完成清淤工程量的60%。", "一期工程已完成。", "已完成，剩余部分计划年内完工。", "已制定方案。"])
@pytest.mark.parametrize("lang, said", [
    ("en", "{report}, line {task}: problem 1: reported 全面完成 (fully done), but the import could not read measure 1.1 (line {note}) "
           "as done from its progress note: check it, and if need be give its state under journal: in the curation"),
    (None, "{report} 第 {task} 行：问题 1：报告为全面完成，但导入程序未能从措施 1.1（第 {note} 行）的整改进展读出其已完成：请核对，必要时在"
           "校订文件的 journal: 下写明其状态"),
])
def test_a_measure_not_yet_due_whose_note_is_not_read_as_done_under_a_problem_fully_done_is_warned_of_as_unread(tmp_path, note,
                                                                                                                   lang, said):
    # (not "measure 1.1 is not done": the report does not say so, the import guessed it; its note's line named)
    result, out = _import(tmp_path, QINGHAI + FULLY_DONE.format(note=note), lang=lang)
    assert result.exit_code == 0, result.output
    prefix = "rectify: warning: " if lang else "rectify: 警告："
    assert result.stderr.splitlines()[-1] == prefix + said.format(report=tmp_path / "report.txt", task=LINE_OF_MEASURE - 2, note=LINE_OF_NOTE)
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    assert [(e["state"], e.get("evidence"), e.get("milestone")) for e in journal] == [("in_progress", None, None)]


def test_measures_of_a_problem_fully_done_said_unfinished_and_not_read_as_done_are_warned_of_apart(tmp_path):
    # (the report's own 正在 is a contradiction; 已制定方案 only unread: each said as what it is, the latter at its note's line)
    notes = ["正在进行设备调试。", "已制定方案。", "已完成清淤工程量的60%。"]
    measures = "".join(f"{n}.西宁市完成提标改造（2019年6月30日）。\n\n整改进展：{note}\n\n" for n, note in enumerate(notes, 1))
    text = QINGHAI + FULLY_DONE.split("1.")[0] + measures
    result, _ = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    lines = text.split("\n")
    at = [lines.index(f"整改进展：{note}") + 1 for note in notes[1:]]
    assert _warnings(result)[-2:] == [
        f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE - 2}: problem 1: reported 全面完成 (fully done), but measure 1.1 is not done",
        f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE - 2}: problem 1: reported 全面完成 (fully done), but the import could not read measures "
        f"1.2 (line {at[0]}), 1.3 (line {at[1]}) as done from their progress notes: check them, and if need be give their states under "
        "journal: in the curation"]

@pytest.mark.parametrize("note", ["已完成。", "已全部完成。"])
def test_a_measure_not_yet_due_whose_note_says_done_under_a_problem_not_fully_done_is_still_proposed_in_progress(tmp_path, note):
    # (the README's rule: the report's own 整改进度 does not vouch for it)
    result, out = _import(tmp_path, QINGHAI + FULLY_DONE.format(note=note).replace("整改进度：全面完成。", "整改进度：序时推进。"))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    assert [(e["state"], e.get("evidence")) for e in journal] == [("in_progress", None)]


def test_a_measure_curated_in_progress_under_a_problem_fully_done_is_still_said_not_done(tmp_path):
    # (the clerk's decision, not the import's reading: the report and the ledger disagree)
    result = _import_curated(tmp_path, QINGHAI + FULLY_DONE.format(note="已完成。"), "journal:\n  \"1.1\": in_progress\n")
    assert result.exit_code == 0, result.output
    assert _warnings(result)[-1] == f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE - 2}: problem 1: reported 全面完成 (fully done), but measure 1.1 " \
                                    "is not done"


def test_a_reimport_of_one_measure_over_a_journal_edited_by_hand_names_its_one_entry(tmp_path):
    # (English said "the 1 entries this import writes")
    text = QINGHAI + _problem(measure="西宁市完成提标改造（2019年6月30日）。")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    journal = out / "progress.yaml"
    edited = journal.read_text(encoding="utf-8").replace("正在进行设备调试。", "设备调试完成。")
    journal.write_text(edited, encoding="utf-8")
    result, _ = _import(tmp_path, text)
    # (line 6: the entry's note, below the journal's two header lines)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"rectify: {journal}:6: expected the journal to begin with the 1 entry this import writes, but this line "
               "differs (edited by hand, or the journal of another report or curation); a journal is append-only, so it "
               "is not replaced: move it away to import afresh. Nothing was written.\n")
    assert journal.read_text(encoding="utf-8") == edited


# ---------------------------------------------------------------- 9. Chinese numerals, and what reconcile makes of a headline's claims

def _claims(out: Path) -> list[dict]:
    return yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]["claims"]


def _headline(words: str) -> str:
    return QINGHAI.replace("整改工作正在推进。", words)


@pytest.mark.parametrize("written, value", [("零", 0), ("〇", 0), ("三", 3), ("两", 2), ("十", 10), ("十二", 12), ("三十二", 32),
                                            ("四十五", 45), ("一百", 100), ("一百零一", 101), ("一百一十八", 118),
                                            ("一百七十九", 179), ("二百零三", 203), ("两千", 2000), ("两千零五", 2005),
                                            ("三千零五十", 3050), ("一万", 10000), ("一万零五百", 10500), ("十二万三千", 123000)])
def test_a_count_in_chinese_numerals_is_read_as_its_number(written, value):
    from rectify_cli.importer_parse import cn_number

    assert cn_number(written) == value


@pytest.mark.parametrize("written", ["一百一", "一万五", "二二", "十两", "零三", "二十零三", "一百零", "百", "两十", "三百四百"])
def test_a_numeral_written_loosely_is_no_number(written):
    # (一百一 is colloquial for 110 and 一万五 for 15000: read as written they would be 101 and 10005)
    from rectify_cli.importer_parse import cn_number

    with pytest.raises(ValueError):
        cn_number(written)


def test_a_headlines_rate_of_completion_and_counts_in_progress_and_remaining_are_claims_reconcile_checks_or_says_why_not(tmp_path):
    # (完成率71%, 正在推进10项 and 剩余3项 were read as nothing, and said nothing; then all four were
    # listed by reconcile as "no counting rule")
    text = _headline("全省共45项整改任务，已完成32项，完成率71%，正在推进10项，剩余三项；179项具体措施，整改完成率达到80％。") + APPENDIX
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _claims(out)[2:] == [{"key": "tasks_done", "text": "已完成32项", "value": 32},
                                {"key": "tasks_done_percent", "text": "完成率71%", "value": 71},
                                {"key": "tasks_in_progress", "text": "正在推进10项", "value": 10},
                                {"key": "tasks_remaining", "text": "剩余三项", "value": 3},
                                {"key": "measures_done_percent", "text": "整改完成率达到80％", "value": 80}]
    reconciled = _rectify("reconcile", "-r", str(out / "tasks.yaml"), "--format", "json")
    # (the appendix: one task of one measure, due 2019-06-30, its note 正在进行设备调试: open on the
    # report date; so 0 of 1 task done, 0%, 1 remaining, and 0 of 1 measure, 0%)
    computed = {c["key"]: c["computed"] for c in json.loads(reconciled.stdout)["reports"][0]["claims"]}
    assert {key: computed[key] for key in ("tasks_done_percent", "tasks_in_progress", "tasks_remaining",
                                           "measures_done_percent")} == \
        {"tasks_done_percent": 0, "tasks_in_progress": None, "tasks_remaining": 1, "measures_done_percent": 0}
    reconciled = _rectify("reconcile", "-r", str(out / "tasks.yaml"))
    assert "Not checked, the ledger has no such count (1): tasks_in_progress\n" in reconciled.stdout


def test_totals_given_with_fenbie_are_checked_against_the_appendix(tmp_path):
    text = _headline("全省整改任务和具体措施分别为3项、5项。") + DUE_2017
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    line = next(n for n, words in enumerate(text.split("\n"), 1) if "分别为3项、5项" in words)
    assert f"{tmp_path / 'report.txt'}, line {line}: the report says 整改任务和具体措施分别为3项、5项, but its appendix gives 4: " \
           "is the text complete?" in _warnings(result)
    reconciled = _rectify("reconcile", "-r", str(out / "tasks.yaml"))
    assert reconciled.exit_code == 1
    assert "- measures_total (“整改任务和具体措施分别为3项、5项”): the report claims 5, the appendix gives 4." \
        in " ".join(reconciled.stdout.split())


# ---------------------------------------------------------------- 10. deadlines kept up (长期坚持并持续推进) or recurring (每年)

@pytest.mark.parametrize("written", ["长期坚持并持续推进", "长期坚持并持续开展", "2019年6月30日前完成，长期坚持并持续推进"])
def test_an_ongoing_deadline_followed_by_words_of_keeping_it_up_is_ongoing(tmp_path, written):
    # (（长期坚持并持续推进） was "no deadline in parentheses such as （2018年6月30日） or （长期坚持）")
    result, out = _import(tmp_path, QINGHAI + _problem(deadline=f"{written}。", measure=f"西宁市加强污水处理厂监管（{written}）。"))
    assert result.exit_code == 0, result.output
    task = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]
    dated = [{"kind": "date", "due": date(2019, 6, 30)}] if written.startswith("2019") else []
    assert task["deadline"]["milestones"] == task["measures"][0]["milestones"] == [*dated, {"kind": "ongoing"}]


@pytest.mark.parametrize("written", ["每年", "每年底前", "每季度", "2019年起每年", "2019年起，每年", "2018年12月31日，每年"])
def test_a_measures_recurring_deadline_is_refused_naming_it(tmp_path, written):
    # (（每年） was "no deadline in parentheses": read as 长期坚持 it would never be late, each year's due date lost)
    result, out = _import(tmp_path, QINGHAI + _problem(measure=f"西宁市开展河湖巡查评估（{written}）。"))
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE}: measure 1.1: the deadline "
                                                    f"（{written}） recurs (each year, quarter or month), which a ledger's deadline can't hold "
                                                    "(a date, 长期坚持 or 立即启动): rewrite it as 长期坚持 or as the date of each period; "
                                                    "repair it under text_fixes: in the curation\n")
    assert not out.exists()


def test_a_problems_recurring_deadline_is_refused_naming_it(tmp_path):
    result, out = _import(tmp_path, QINGHAI + _problem(deadline="每年。", measure="西宁市开展河湖巡查评估（长期坚持）。"))
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE - 4}: problem 1: the deadline "
                                                    "整改时限：每年。 recurs (each year, quarter or month), which a ledger's deadline can't hold "
                                                    "(a date, 长期坚持 or 立即启动): rewrite it as 长期坚持 or as the date of each period; "
                                                    "repair it under text_fixes: in the curation\n")


def test_a_parenthesis_telling_how_often_is_no_deadline(tmp_path):
    result, out = _import(tmp_path, QINGHAI + _problem(measure="西宁市开展河湖巡查（每年不少于2次）（长期坚持）。"))
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]["milestones"] == [{"kind": "ongoing"}]


# ---------------------------------------------------------------- 11. an appendix pasted as a tab-separated table

TABLE = ("附件：整改任务清单\n\n序号\t整改任务\t整改时限\t整改进度\t具体措施\t整改进展\n"
         "一\t湟水河流域污染治理滞后\t2019年6月底前完成\t序时推进\t西宁市完成提标改造（2019年6月30日）\t正在进行设备调试\n")
TABLE_SAID = ("this line holds columns separated by tabs, as a table copied from a spreadsheet or a document does: the "
              "appendix is read as paragraphs, not as a table (each problem 一、… with a line 整改时限：… and a line 整改进度：…, then its measures "
              "1. … each followed by a line 整改进展：…); write it so, or give each column's text its own line under its heading")


@pytest.mark.parametrize("appendix", [TABLE, "一、湟水河流域污染治理滞后。\t整改时限：2019年6月底前完成。\t整改进度：序时推进。\n\n"
                                             "1.西宁市完成提标改造（2019年6月30日）。\t整改进展：正在进行设备调试。\n"])
def test_an_appendix_in_tab_separated_columns_is_refused_saying_so_and_what_is_expected(tmp_path, appendix):
    # (it was "no appendix of numbered problems (一、…) with 整改时限/整改进展 found", with no line and no word of the tabs)
    text = QINGHAI + appendix
    line = next(at for at, ln in enumerate(text.split("\n"), 1) if ln.count("\t") >= 2)
    result, out = _import(tmp_path, text)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{line}: {TABLE_SAID}\n")
    assert not out.exists()


def test_a_tab_in_a_report_with_an_appendix_changes_nothing(tmp_path):
    # (two tabs on a line outside the appendix: no table there, and the import is as without them)
    (tmp_path / "plain").mkdir()
    plain, plain_out = _import(tmp_path / "plain", QINGHAI + APPENDIX)
    tabbed, out = _import(tmp_path, QINGHAI.replace("青海省委、", "青海省委、\t\t") + APPENDIX)
    assert (tabbed.exit_code, tabbed.stdout, tabbed.stderr) == (
        0, "", f"wrote {out / 'tasks.yaml'} and {out / 'progress.yaml'}\nrectify: warning: {NO_CURATION}\n")
    assert plain.exit_code == 0, plain.output
    for name in ("tasks.yaml", "progress.yaml"):
        assert (out / name).read_bytes() == (plain_out / name).read_bytes(), name
    task = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]["issuer"] == "青海省委、省政府"
    assert (task["problem"], task["measures"][0]["text"]) == ("湟水河流域污染治理滞后。", "西宁市完成第一污水处理厂提标改造（2019年6月30日）。")


# ---------------------------------------------------------------- 12. a Party committee's own department (省委组织部) is a unit of its own


@pytest.mark.parametrize("measure, owners, lead", [
    ("省委组织部牵头将生态环境指标纳入领导班子考核（2019年6月30日）。", ["省委组织部"], "省委组织部"),
    ("省生态环境厅会同省委组织部、省纪委监委建立约谈问责机制（2019年6月30日）。",
     ["省生态环境厅", "省委组织部", "省纪委监委"], "省生态环境厅"),
    ("省委宣传部、省委政法委负责开展宣传（2019年6月30日）。", ["省委宣传部", "省委政法委"], "省委宣传部"),
    ("省委、省政府督促各地落实（2019年6月30日）。", ["省委"], "省委"),
])
def test_a_party_committees_department_is_discovered_whole_and_the_units_after_it_too(tmp_path, measure, owners, lead):
    # (省委组织部 was read as 省委, the Party committee itself, and a unit after it in the chain,
    # 省纪委监委 of 会同省委组织部、省纪委监委, was lost, without a word)
    result, out = _import(tmp_path, QINGHAI + _problem(deadline="2019年6月30日前完成。", measure=measure))
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
    first = written["tasks"][0]["measures"][0]
    assert (first["owners"], first["lead"]) == (owners, lead)
    assert {u["name"]: u.get("kind") for u in written["units"]}[owners[0]] == "department"


# ---------------------------------------------------------------- 13. a curation's units: leave out a region a measure names


def test_a_region_a_measure_names_owns_it_when_the_curations_units_leave_it_out(tmp_path):
    # (with no units: in the curation 西宁市政府负责… was 西宁市's; with a units: section naming
    # departments alone it was 省相关部门's, "no responsible unit found", though the import
    # declares the province's regions the curation leaves out all the same)
    measure = "西宁市、海东市政府负责完成污水处理厂提标改造（2019年6月30日）。"
    curation = "units:\n  - {name: 省生态环境厅, kind: department}\n"
    result = _import_curated(tmp_path, QINGHAI + _problem(deadline="2019年6月30日前完成。", measure=measure), curation)
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((tmp_path / "out" / "tasks.yaml").read_text(encoding="utf-8"))
    first = written["tasks"][0]["measures"][0]
    assert (first["owners"], first["lead"]) == (["西宁市", "海东市"], "西宁市")
    assert [u for u in written["units"] if u["name"] in ("西宁市", "海东市")] == [
        {"name": "西宁市", "kind": "region", "aliases": ["西宁市政府", "西宁市人民政府"]},
        {"name": "海东市", "kind": "region", "aliases": ["海东市政府", "海东市人民政府"]}]
    assert "regions named in the problems or measures but not declared under units: in the curation, declared as " \
           "regions: 西宁市、海东市" in _warnings(result)
    assert not any(w.startswith("measure 1.1: no responsible unit") for w in _warnings(result))


# ---------------------------------------------------------------- 14. what importing a Sichuan report hit

SICHUAN = ("四川省贯彻落实中央环境保护督察反馈意见整改情况报告\n\n"
           "中央第五环境保护督察组于2017年12月22日反馈了督察意见。四川省委、省政府高度重视。截至2019年3月底，整改工作正在推进。\n\n")
TWO_STEPS = "2018年6月30日前完成关停，2018年12月31日前完成生态修复"


def test_a_deadline_of_two_steps_each_done_by_a_date_is_read_as_two_labelled_steps(tmp_path):
    # (（2018年6月30日前完成关停，2018年12月31日前完成生态修复） stopped the import: "cannot read the deadline",
    # though 关停于2018年6月30日前完成 was read)
    measure = f"各市州政府负责完成小水电清理整治（{TWO_STEPS}）。"
    result, out = _import(tmp_path, SICHUAN + _problem(deadline=f"{TWO_STEPS}。", measure=measure))
    assert result.exit_code == 0, result.output
    task = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]
    steps = [{"kind": "date", "due": date(2018, 6, 30), "label": "关停"}, {"kind": "date", "due": date(2018, 12, 31), "label": "生态修复"}]
    assert task["deadline"]["milestones"] == task["measures"][0]["milestones"] == steps


@pytest.mark.parametrize("lang, said", [
    ("en", "measure 1.1: cannot read the deadline （2020年秋季） (expected a date such as 2018年6月30日, 长期坚持 or 立即启动, or steps "
           "such as 2018年6月30日前完成关停 or 关停于2018年6月30日前完成, separated by ，; repair it under text_fixes: in the curation)"),
    (None, "措施 1.1：无法识别时限“（2020年秋季）”（应为 2018年6月30日、长期坚持 或 立即启动 这样的时限，或 2018年6月30日前完成关停、"
           "关停于2018年6月30日前完成 这样的分步时限，以“，”分隔；请在校订文件的 text_fixes: 下改正）"),
])
def test_a_deadline_it_cannot_read_is_refused_naming_every_form_it_reads_with_the_labelled_steps(tmp_path, lang, said):
    report = tmp_path / "report.txt"
    report.write_text(SICHUAN + _problem(measure="成都市完成污水处理厂建设（2020年秋季）。"), encoding="utf-8")
    result = _rectify("import", str(report), "-o", str(tmp_path / "out"), lang=lang)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {report}:{LINE_OF_MEASURE}: {said}\n")


def test_two_steps_run_together_where_a_comma_was_lost_are_refused_not_read_as_one(tmp_path):
    """2018年6月30日前完成关停2019年底前完成验收 (a ， lost from a PDF) was one step due 2018-06-30,
    labelled 关停2019年底前完成验收: the 2019 step was lost without a word."""
    report = tmp_path / "report.txt"
    report.write_text(SICHUAN + _problem(measure="成都市完成小水电整治（2018年6月30日前完成关停2019年底前完成验收）。"), encoding="utf-8")
    result = _rectify("import", str(report), "-o", str(tmp_path / "out"), lang="en")
    assert result.exit_code == 2 and not (tmp_path / "out").exists()
    assert result.stderr.startswith(f"rectify: {report}:{LINE_OF_MEASURE}: measure 1.1: cannot read the deadline "
                                    "（2018年6月30日前完成关停2019年底前完成验收）")


def test_every_deadline_and_progress_it_cannot_read_is_named_in_one_run(tmp_path):
    # (the import stopped at the first: a run per problem to find the next)
    second = ("二、城镇污水处理设施建设滞后。\n\n整改时限：2020年秋季。\n\n整改进度：已完成阶段性任务。\n\n"
              "1.成都市完成污水处理厂建设（2020年秋季）。\n\n整改进展：正在建设。\n\n"
              "2.各市州开展巡查（每年）。\n\n整改进展：已开展。\n\n"
              "3.各市州开展督查。\n\n整改进展：已开展。\n")
    text = SICHUAN + _problem(measure="成都市完成管网建设（2019年6月30日），二期工程（2021年前）。") + "\n" + second
    at = {words: text.split("\n").index(line) + 1 for words, line in
          (("1.1", "1.成都市完成管网建设（2019年6月30日），二期工程（2021年前）。"), ("时限", "整改时限：2020年秋季。"),
           ("进度", "整改进度：已完成阶段性任务。"), ("2.1", "1.成都市完成污水处理厂建设（2020年秋季）。"),
           ("2.2", "2.各市州开展巡查（每年）。"), ("2.3", "3.各市州开展督查。"))}
    result, out = _import(tmp_path, text)
    report = tmp_path / "report.txt"
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"rectify: {report}:{at['1.1']}: measure 1.1: cannot read the deadline （2021年前） (expected a date such as 2018年6月30日, "
        "长期坚持 or 立即启动, or steps such as 2018年6月30日前完成关停 or 关停于2018年6月30日前完成, separated by ，; "
        "repair it under text_fixes: in the curation)",
        f"rectify: {report}:{at['时限']}: problem 2: cannot read the deadline 整改时限：2020年秋季。 (expected a date such as "
        "2018年6月30日前完成, 长期坚持 or 立行立改, or steps such as 2018年6月30日前完成关停 or 关停于2018年6月30日前完成, separated by ，; "
        "repair it under text_fixes: in the curation)",
        f"rectify: {report}:{at['进度']}: problem 2: unknown 整改进度 '已完成阶段性任务。' (expected 全面完成, 基本完成, 序时推进 or "
        "取得阶段性成效; repair it under text_fixes: in the curation)",
        f"rectify: {report}:{at['2.1']}: measure 2.1: cannot read the deadline （2020年秋季） (expected a date such as 2018年6月30日, "
        "长期坚持 or 立即启动, or steps such as 2018年6月30日前完成关停 or 关停于2018年6月30日前完成, separated by ，; "
        "repair it under text_fixes: in the curation)",
        f"rectify: {report}:{at['2.2']}: measure 2.2: the deadline （每年） recurs (each year, quarter or month), which a ledger's "
        "deadline can't hold (a date, 长期坚持 or 立即启动): rewrite it as 长期坚持 or as the date of each period; "
        "repair it under text_fixes: in the curation",
        f"rectify: {report}:{at['2.3']}: measure 2.3: no deadline in parentheses such as （2018年6月30日） or （长期坚持）"]
    assert not out.exists()


@pytest.mark.parametrize("written, owners", [
    ("各市州政府负责", ["各市州"]),
    ("各市（州）政府负责", ["各市州"]),
    ("各市（州）、县（市、区）政府负责", ["各市州", "各县市区"]),
    ("省生态环境厅会同各市（州）政府", ["省生态环境厅", "各市州"]),
])
def test_sichuans_each_prefecture_in_brackets_is_read_as_without_them(tmp_path, written, owners):
    # (各市（州）政府负责… found no unit and fell to 省相关部门, though 各市州政府负责… was read)
    result, out = _import(tmp_path, SICHUAN + _problem(measure=f"{written}完成小水电清理整治（2019年6月30日）。"))
    assert result.exit_code == 0, result.output
    written_plan = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
    assert written_plan["tasks"][0]["measures"][0]["owners"] == owners
    assert not [w for w in _warnings(result) if "no responsible unit" in w]


@pytest.mark.parametrize("written, unit", [("各市州", "各市州"), ("各市（州）", "各市州"), ("各州市", "各州市"), ("各地市", "各地市"),
                                           ("各地（市）", "各地市"), ("各市", "各市"), ("各设区市", "各设区市")])
def test_each_prefecture_as_one_unit_owns_its_measures_in_every_region(tmp_path, written, unit):
    # (各市州 was declared of kind other: status --owner 乐山市 or --region 乐山市 left out what every prefecture is to do)
    result, out = _import(tmp_path, SICHUAN + _problem(measure=f"{written}政府负责完成小水电清理整治（2019年6月30日）。"))
    assert result.exit_code == 0, result.output
    units = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["units"]
    assert [u for u in units if u["name"] == unit] == [{"name": unit, "kind": "all_regions"}]
    for option in ("--owner", "--region"):
        shown = _rectify("status", "--registry", str(out / "tasks.yaml"), "--as-of", "2019-03-31", "--measures", option, "乐山市")
        assert shown.exit_code == 0, shown.output
        assert [ln.split()[:6] for ln in shown.stdout.splitlines() if ln.startswith("1.1 ")] == \
            [["1.1", "green", "on", "track", "2019-06-30", unit]]


@pytest.mark.parametrize("measure, owners", [
    # (河北's, 江苏's way to say every prefecture: 各市 was left out of the owners without a word after the lead)
    ("省水利厅牵头，各市政府负责，全面清理整治河湖“四乱”问题", ["省水利厅", "各市"]),
    ("省水利厅牵头，各设区市负责，全面清理整治河湖“四乱”问题", ["省水利厅", "各设区市"]),
    ("省水利厅负责，督促各市场主体落实整改", ["省水利厅"]),  # (各市场主体: market players, no city)
])
def test_each_city_after_the_lead_is_an_owner(tmp_path, measure, owners):
    result, out = _import(tmp_path, SICHUAN + _problem(measure=f"{measure}（2019年6月30日）。"))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    assert yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]["owners"] == owners


# ---------------------------------------------------------------- 15. the openings' appendix, and long headlines read in a moment
# (each wording of a report's opening, and the claims and warnings it gives: tests/fixtures/openings.yaml)

# two problems due by the end of 2017 (the second with a measure still open), one due in 2019
DUE_2017 = (
    "一、问题一。说明。\n\n整改时限：2017年12月31日前完成。\n\n整改进度：全面完成。\n\n"
    "1.成都市制定方案（2017年12月31日）。\n\n整改进展：已制定。\n\n2.成都市关停企业（2017年12月31日）。\n\n整改进展：已关停。\n\n"
    "二、问题二。说明。\n\n整改时限：2017年12月31日前完成。\n\n整改进度：基本完成。\n\n"
    "1.乐山市完成整治（2017年12月31日）。\n\n整改进展：正在推进。\n\n"
    "三、问题三。说明。\n\n整改时限：2019年6月30日前完成。\n\n整改进度：序时推进。\n\n"
    "1.绵阳市建设污水处理厂（2019年6月30日）。\n\n整改进展：正在进行设备调试。\n"
)


TOTAL_3 = {"key": "tasks_total", "text": "整改任务共3项", "value": 3}
PROBLEMS_3 = {"key": "tasks_total", "text": "督察反馈问题共3个", "value": 3}


@pytest.mark.parametrize("words, claims", [
    # (the words between the nouns and the counts they give, searched for a count from each digit)
    ("整改任务和具体措施" + "1" * 60000 + "，已完成1项、2项", [{"key": "tasks_done", "text": "已完成1项、2项", "value": 1},
                                                  {"key": "measures_done", "text": "已完成1项、2项", "value": 2}]),
    # (the words before a count done in the total's clause, searched for a list's count from each digit)
    ("整改任务共3项，" + "1" * 60000 + "，已完成1项", [TOTAL_3, {"key": "tasks_done", "text": "已完成1项", "value": 1}]),
    ("督察反馈问题共3个，" + "1" * 60000 + "，已完成整改1个", [PROBLEMS_3, {"key": "tasks_done", "text": "已完成整改1个", "value": 1}]),
    # (each count by 个 of one long clause searched the whole clause for its words)
    ("督察反馈问题共3个，" + "1个" * 60000, [PROBLEMS_3]),
], ids=["between-nouns-and-counts", "before-a-count-by-xiang", "before-a-count-by-ge", "counts-by-ge"])
def test_a_headline_with_a_long_run_of_digits_or_counts_is_read_in_a_moment(tmp_path, words, claims):
    """(60,000 digits held the import for half a minute or more, 60,000 counts by 个 as long: a fuzzed text. The
    bound, of CPU time, is a hang guard, no speed target: a pattern's backtracking is inside the regex engine.)"""
    with hang_guard():
        result, out = _import(tmp_path, SICHUAN.replace("整改工作正在推进。", f"{words}。") + DUE_2017)
    assert result.exit_code == 0, result.output
    assert _claims(out) == claims


BIG = "1" * 5000  # (more digits than int() reads: 4,300)


@pytest.mark.parametrize("words, figure, claims", [
    # (each a place where a count is read: a total, a total by 个, what is done of a total, a rate, what is done with no
    # total, the two nouns' counts with 分别, what was due by a year's end in the Tibet report's words and in Jiangsu's)
    (f"{BIG}项整改任务", f"{BIG}项整改任务", []),
    ("1234567890项整改任务", "1234567890项整改任务", []),  # (ten digits: no count a report gives either)
    (f"整改任务共{BIG}项", f"整改任务共{BIG}项", []),
    (f"督察反馈问题共{BIG}个", f"督察反馈问题共{BIG}个", []),
    (f"3项整改任务，已完成{BIG}项", f"已完成{BIG}项", [{"key": "tasks_total", "text": "3项整改任务", "value": 3}]),
    (f"3项整改任务，完成率{BIG}%", f"完成率{BIG}%", [{"key": "tasks_total", "text": "3项整改任务", "value": 3}]),
    (f"已完成整改任务{BIG}项", f"已完成整改任务{BIG}项", []),
    (f"整改任务和具体措施分别为{BIG}项、4项", f"整改任务和具体措施分别为{BIG}项", []),
    (f"应于2018年底前完成的{BIG}项整改任务", f"应于2018年底前完成的{BIG}项整改任务", []),
    (f"全部3项整改任务，应于2022年底前完成的有{BIG}项", f"应于2022年底前完成的有{BIG}项",
     [{"key": "tasks_total", "text": "3项整改任务", "value": 3}]),
], ids=["total", "ten-digits", "total-after-noun", "problems", "done", "rate", "done-outright", "fenbie", "due-tibet", "due-jiangsu"])
def test_a_count_of_thousands_of_digits_is_no_claim_but_a_figure_warned_of_and_the_import_goes_on(tmp_path, words, figure, claims):
    # (no report counts so many: int() refused it, an internal error, and nothing was written)
    result, out = _import(tmp_path, SICHUAN.replace("整改工作正在推进。", f"{words}。") + DUE_2017)
    assert result.exit_code == 0, result.output[:300]
    assert "internal error" not in result.output
    assert _claims(out) == claims
    # (each after the report's file and line, report.txt, line 3: …)
    unread = [w.partition(", line 3: ")[2] for w in _warnings(result) if ", line 3: the report's opening figures could not be read" in w]
    # (a figure of thousands of digits quoted by its start and its end: not a wall of digits)
    quoted = (f"'{figure}'",) if len(figure) < 80 else (f"'{figure[:20]}", f"…", f"{figure[-20:]}'")
    assert any(all(part in w for part in quoted) and len(w) < 300 for w in unread), [w[:80] for w in unread]


@pytest.mark.parametrize("words, claims", [
    ("全省2,001项整改任务，已完成1，234项", [{"key": "tasks_total", "text": "全省2,001项整改任务", "value": 2001},
                                     {"key": "tasks_done", "text": "已完成1，234项", "value": 1234}]),
    ("整改任务共1 002项，1,000项已完成", [{"key": "tasks_total", "text": "整改任务共1 002项", "value": 1002},
                                   {"key": "tasks_done", "text": "1,000项已完成", "value": 1000}]),
], ids=["comma", "space"])
def test_a_count_grouped_in_thousands_is_read_whole(tmp_path, words, claims):
    # (a national round counts over 2,000 tasks: 2,001项整改任务 was read as 1, 1,234项已完成 as 234)
    result, out = _import(tmp_path, SICHUAN.replace("整改工作正在推进。", f"{words}。") + DUE_2017)
    assert result.exit_code == 0, result.output
    assert _claims(out) == claims


def test_a_count_of_problems_the_appendix_does_not_have_is_found_by_reconcile(tmp_path):
    text = SICHUAN.replace("整改工作正在推进。", "督察反馈问题共4个。") + DUE_2017
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    line = next(n for n, words in enumerate(text.split("\n"), 1) if "督察反馈问题共4个" in words)
    assert f"{tmp_path / 'report.txt'}, line {line}: the report says 督察反馈问题共4个, but its appendix gives 3: is the text complete?" \
        in _warnings(result)
    reconciled = _rectify("reconcile", "-r", str(out / "tasks.yaml"))
    assert reconciled.exit_code == 1
    assert "- tasks_total (“督察反馈问题共4个”): the report claims 4, the appendix gives 3." in " ".join(reconciled.stdout.split())


def test_a_long_run_of_rates_is_read_without_backtracking():
    from rectify_cli.importer_claims import read_claims

    headline = "3项整改任务、4项具体措施，" + "完成率1%、" * 20000 + "完成率" + "1" * 60000
    with hang_guard():
        read_claims(headline)


def test_a_count_done_or_basically_done_the_appendix_does_not_have_is_found_by_reconcile(tmp_path):
    result, out = _import(tmp_path, SICHUAN.replace("整改工作正在推进。", "3项整改任务，已完成或基本完成3项。") + DUE_2017)
    assert result.exit_code == 0, result.output
    reconciled = _rectify("reconcile", "-r", str(out / "tasks.yaml"))
    assert reconciled.exit_code == 1
    assert "- tasks_done_or_basically_done (“已完成或基本完成3项”): the report claims 3, the appendix gives 2." in \
        " ".join(reconciled.stdout.split())


def test_problems_done_or_basically_done_by_ge_and_measures_done_or_basically_done_are_claims_too(tmp_path):
    words = "督察反馈问题共3个，已完成或基本完成2个；4项具体措施已完成或基本完成3项"
    result, out = _import(tmp_path, SICHUAN.replace("整改工作正在推进。", f"{words}。") + DUE_2017)
    assert result.exit_code == 0, result.output
    assert _claims(out) == [{"key": "tasks_total", "text": "督察反馈问题共3个", "value": 3},
                            {"key": "measures_total", "text": "4项具体措施", "value": 4},
                            {"key": "tasks_done_or_basically_done", "text": "已完成或基本完成2个", "value": 2},
                            {"key": "measures_done_or_basically_done", "text": "已完成或基本完成3项", "value": 3}]
    reconciled = _rectify("reconcile", "-r", str(out / "tasks.yaml"))
    # (a measure has no 整改进度: which are 基本完成 the ledger cannot say)
    assert "Not checked, the ledger has no such count (1): measures_done_or_basically_done\n" in reconciled.stdout


def test_a_long_run_of_approximate_or_done_or_basically_done_words_is_read_without_backtracking():
    from rectify_cli.importer_claims import read_claims

    headlines = ["3项整改任务，" + "完成率近" * 15000 + "1" * 60000, "3项整改任务，" + "完成率约1%以上、" * 8000,
                 "3项整改任务，" + "已完成或基本完成" * 8000 + "1" * 60000, "3项整改任务，" + "1项以上" * 15000,
                 "其余" * 30000 + "1项整改任务", "完成率" + "约1%、" * 15000 + "近1"]
    with hang_guard():
        for headline in headlines:
            read_claims(headline)


def test_a_long_run_of_the_words_of_problems_in_progress_is_read_without_backtracking():
    # (a hang guard, as the one above: 60,000 characters of the words GE_COUNT_PATTERNS and NUMERAL_PROBLEMS read)
    from rectify_cli.importer_claims import read_claims

    total = "督察反馈问题共3个，"
    headlines = [total + "正在推进" * 15000 + "1" * 60000, total + "1" * 60000 + "个正在推", total + "1个正在推" * 12000,
                 total + "正在推进1个" * 10000, "问题共三个，" + "正在推进" * 15000 + "一" * 60000]
    with hang_guard():
        for headline in headlines:
            read_claims(headline)


@pytest.mark.parametrize("pair", ["整改任务共1项、具体措施1项，", "1项整改任务、1项具体措施，"])
def test_a_long_run_of_two_named_totals_or_their_figures_is_read_without_backtracking(pair):
    # (a hang guard, as the ones above: 60,000 characters of the words BOTH_NAMED and the figures after it read,
    # each figure left to a warning searching the words back to the totals. A guard a headline, each 0.3 s of CPU at
    # most: searched back, 4,000 approximate rates took 4 s and 7.5 s, within one 15 s guard for all; 8,000, 12 s and 26 s)
    from rectify_cli.importer_claims import read_claims

    headlines = [pair * 4000, "整改任务共" + "1" * 60000, "整改任务共1项、具体措施" + "1" * 60000, "整改任务" * 15000 + "1项",
                 pair + "分别完成1项、1项，" * 6000, pair + "完成率分别为1%、1%，" * 5000, pair + "分别完成1项、1项以上，" * 5000,
                 pair + "完成率分别为1%、1%以上，" * 8000]
    for headline in headlines:
        with hang_guard(4):
            read_claims(headline)

def test_a_long_run_of_named_rates_or_counts_due_with_de_you_is_read_without_backtracking():
    from rectify_cli.importer_claims import read_claims

    headlines = ["3项整改任务、4项具体措施，" + "任务完成率" * 12000 + "1" * 60000, "3项整改任务，" + "措施完成率1%，" * 8000,
                 "整改任务" + "应于2017年底前完成的有" * 5000 + "1" * 60000, "整改任务" + "应于2017年底前完成的有1项" * 4000,
                 "整改任务" + "完成的有" * 15000 + "1" * 60000, "整改任务，" + "1" * 60000 + "年底前应完成的有1项"]
    with hang_guard():
        for headline in headlines:
            read_claims(headline)


def test_a_run_on_clause_of_the_opening_is_quoted_by_its_start_and_end(tmp_path):
    # (a clause of 4,812 characters, a report without punctuation: the warning quoted all of it)
    clause = "其余" + "扎实推进生态环境保护工作" * 400 + "12项正在按序时推进"
    text = SICHUAN.replace("整改工作正在推进。", f"45项整改任务已完成33项，{clause}。") + DUE_2017
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    for lang, said in [(None, "报告开头的数字未能读取（如“其余扎实推进生态环境保护工作扎实推进生态环境保护工作扎实推进生态…生态环境保护工作12项正在按序时推进”"
                              "）：要用 rectify reconcile 核对"),
                       ("en", "the report's opening figures could not be read (e.g. '其余扎实推进生态环境保护工作扎实推进生态环境保护工作扎实推进生态…"
                              "生态环境保护工作12项正在按序时推进'): to check them")]:
        result = _rectify("import", str(report), "-o", str(tmp_path / f"out-{lang}"), lang=lang)
        assert result.exit_code == 0, result.output[:300]
        [warning] = [ln for ln in result.stderr.splitlines() if "数字未能读取" in ln or "could not be read" in ln]
        assert said in warning and len(warning) - len(str(report)) < 300  # (the path it names aside)


# ---------------------------------------------------------------- 16. 各地（市） on a unit line; every warning names its line

XIZANG = ("西藏自治区落实中央环境保护督察反馈意见整改情况的报告\n\n"
          "中央第六环境保护督察组于2018年1月3日反馈了督察意见。自治区党委、政府高度重视。截至2019年3月底，整改工作正在推进。\n\n")


@pytest.mark.parametrize("units, owners", [("各地（市）及自治区自然资源厅", ["各地市", "自治区自然资源厅"]),
                                           ("自治区自然资源厅、各地（市）", ["自治区自然资源厅", "各地市"])])
def test_each_prefecture_with_its_city_in_brackets_on_a_unit_line_is_every_prefecture(tmp_path, units, owners):
    # (各地（市）及自治区自然资源厅 named "no unit the import knows", 自治区自然资源厅 lost with it, the measure
    # falling to 自治区相关部门)
    text = XIZANG + UNIT_LINES.format(task_units="", end="。", measure_units=f"责任单位：{units}\n\n")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    written = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
    assert written["tasks"][0]["measures"][0]["owners"] == owners
    assert {"name": "各地市", "kind": "all_regions"} in written["units"]


@pytest.mark.parametrize("lang, said", [
    (None, "rectify: 警告：{report} 第 {line} 行：措施 1.1：措施文字没有写明单位；责任单位取自其整改进展：省生态环境厅"),
    ("en", "rectify: warning: {report}, line {line}: measure 1.1: the text names no unit; owners taken from its progress note: 省生态环境厅")])
def test_owners_taken_from_a_note_are_warned_of_at_the_measures_line(tmp_path, lang, said):
    text = QINGHAI + _problem(measure="完成第一污水处理厂提标改造（2019年6月30日）。", note="省生态环境厅正在进行设备调试。")
    result, _ = _import(tmp_path, text, lang=lang)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[2:] == [said.format(report=tmp_path / "report.txt", line=LINE_OF_MEASURE)]


@pytest.mark.parametrize("lang, said", [
    (None, ["rectify: 警告：{report} 第 {line} 行：措施 1.1：措施文字没有写明单位；责任单位取自其整改进展：西宁市",
            "rectify: 警告：{report} 第 {note} 行：措施 1.1：整改进展所写单位（西宁市）均为配合单位，没有牵头单位或责任单位；"
            "牵头单位暂定为西宁市，请核对，必要时在校订文件的 owners: 下写明 lead"]),
    ("en", ["rectify: warning: {report}, line {line}: measure 1.1: the text names no unit; owners taken from its progress note: 西宁市",
            "rectify: warning: {report}, line {note}: measure 1.1: its progress note names 1 supporting unit only (西宁市), no lead or "
            "responsible unit; 西宁市 is made the lead for now: check it, and if need be give the lead under owners: in the curation"])])
def test_owners_taken_from_a_note_whose_every_unit_helps_are_warned_of_as_a_sentences_are(tmp_path, lang, said):
    # (整改进展：西宁市协助完成…: 西宁市 made the lead, said only to be taken from the note; the measure's own sentence so
    # worded is warned of as naming supporting units only)
    text = QINGHAI + _problem(measure="完成第一污水处理厂提标改造（2019年6月30日）。", note="西宁市协助完成了设备调试。")
    result, _ = _import(tmp_path, text, lang=lang)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[2:] == [s.format(report=tmp_path / "report.txt", line=LINE_OF_MEASURE, note=LINE_OF_MEASURE + 2)
                                              for s in said]
    measure = yaml.safe_load((tmp_path / "out" / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (["西宁市"], "西宁市")


@pytest.mark.parametrize("note", ["西宁市配合，省生态环境厅负责完成了设备调试。", "西宁市（配合）、省生态环境厅完成了设备调试。",
                                  "西宁市协助省生态环境厅完成了设备调试。", "西宁市配合，省生态环境厅牵头完成了设备调试。"])
def test_owners_taken_from_a_note_make_the_lead_the_unit_not_said_to_help(tmp_path, note):
    # (the first named was made the lead, though the note says it only helps; a unit line's are read so)
    result, out = _import(tmp_path, QINGHAI + _problem(measure="完成第一污水处理厂提标改造（2019年6月30日）。", note=note))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION, f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE}: measure 1.1: the text names no unit; owners taken "
                                              "from its progress note: 西宁市、省生态环境厅"]
    measure = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["measures"][0]
    assert (measure["owners"], measure["lead"]) == (["西宁市", "省生态环境厅"], "省生态环境厅")


@pytest.mark.parametrize("note", ["自治区成立区党委生态文明建设领导小组，加强党对生态文明建设的全面领导。",
                                  "2018年，自治区财政安排部门预算3544.1万元用于环境监测。",
                                  "自治区政府组织有关部门开展排查。"])
def test_a_unit_is_not_cut_out_of_a_note_saying_what_the_region_did(tmp_path, note):
    # (the bundled report's 3.1: the note 自治区成立区党委生态文明建设领导小组 gave the unit 自治区成立区党委,
    # declared under units:; its subject is the region, no unit: the import says it found none)
    text = XIZANG + _problem(measure="建立生态文明建设协调机制（2019年6月30日）。", note=note)
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION, f"{tmp_path / 'report.txt'}, line {XIZANG.count(chr(10)) + 7}: measure 1.1: no responsible unit found; "
                                              "using 自治区相关部门"]
    written = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
    assert written["tasks"][0]["measures"][0]["owners"] == ["自治区相关部门"]
    assert [u["name"] for u in written["units"] if u["name"].startswith("自治区")] == ["自治区相关部门"]


@pytest.mark.parametrize("note, owner", [("自治区组织部门牵头开展排查调研。", "自治区组织部门"),
                                         ("各级组织人事部门给予倾斜。", "各级组织人事部门"),
                                         ("自治区党委组织部印发考核办法。", "自治区党委组织部")])
def test_an_organisation_department_in_a_note_is_still_its_unit(tmp_path, note, owner):
    # (组织 begins these units' names: not the verb "organise", which the one above is)
    text = XIZANG + _problem(measure="建立生态文明建设协调机制（2019年6月30日）。", note=note)
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result)[1:] == [f"{tmp_path / 'report.txt'}, line {XIZANG.count(chr(10)) + 7}: measure 1.1: the text names no unit; "
                                     f"owners taken from its progress note: {owner}"]
    written = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
    assert written["tasks"][0]["measures"][0]["owners"] == [owner]


@pytest.mark.parametrize("lang, said", [
    (None, ["rectify: 警告：{report} 第 {text} 行：措施 1.1：措施文字的中文里有拉丁字母单词“and”（PDF 转换所致？请在 text_fixes: 下改正）",
            "rectify: 警告：{report} 第 {note} 行：措施 1.1：整改进展的中文里有拉丁字母单词“of”（PDF 转换所致？请在 text_fixes: 下改正）"]),
    ("en", ["rectify: warning: {report}, line {text}: measure 1.1: Latin word 'and' inside Chinese text (a PDF artefact? fix it under "
            "text_fixes:)",
            "rectify: warning: {report}, line {note}: measure 1.1: Latin word 'of' inside Chinese note (a PDF artefact? fix it under "
            "text_fixes:)"])])
def test_a_latin_word_is_warned_of_at_the_line_of_the_text_or_note_holding_it(tmp_path, lang, said):
    text = QINGHAI + _problem(measure="西宁市统一规范程序 and 标准（2019年6月30日）。", note="已完成设备调试 of 一期工程。")
    result, _ = _import(tmp_path, text, lang=lang)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[2:] == [s.format(report=tmp_path / "report.txt", text=LINE_OF_MEASURE, note=LINE_OF_MEASURE + 2)
                                              for s in said]


@pytest.mark.parametrize("progress, lang, said", [
    ("基本完成", None, "rectify: 警告：{report} 第 {line} 行：问题 1：报告为基本完成，但其限期措施均已完成"),
    ("基本完成", "en", "rectify: warning: {report}, line {line}: problem 1: reported 基本完成 (essentially done), but all its dated measures "
                     "are done"),
    ("序时推进", "en", "rectify: warning: {report}, line {line}: problem 1: reported 序时推进 (on schedule), but all its dated measures "
                     "are done")])
def test_a_problem_reported_basically_done_with_its_measures_done_is_warned_of_at_its_progress_line(tmp_path, progress, lang, said):
    # (English said "reported basically_done", the YAML's key, which the report never writes)
    text = QINGHAI + _problem(deadline="2018年12月31日前完成。", measure="西宁市完成第一污水处理厂提标改造（2018年12月31日）。",
                              note="已完成提标改造。").replace("整改进度：序时推进。", f"整改进度：{progress}。")
    result, _ = _import(tmp_path, text, lang=lang)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[2:] == [said.format(report=tmp_path / "report.txt", line=LINE_OF_MEASURE - 2)]


# ---------------------------------------------------------------- 12. other provinces' forms: a state in brackets, 完成时限, 整改措施：

def _ledger(out: Path) -> tuple[dict, list[dict]]:
    """The first task of the plan written, and the journal's entries without their hashes."""
    task = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]
    journal = yaml.safe_load((out / "progress.yaml").read_text(encoding="utf-8"))
    return task, [{k: v for k, v in e.items() if k != "hash"} for e in journal]


@pytest.mark.parametrize("status", ["已完成", "已全面完成", "已完成整改"])
@pytest.mark.parametrize("lang, said", [
    ("en", "rectify: warning: {report}, line {line}: measure 1.1: （{status}） says it is done but gives no deadline: its problem's 整改时限 "
           "(2019年6月底前完成) is taken as its deadline (if it has one of its own, write it in under text_fixes: in the curation)"),
    (None, "rectify: 警告：{report} 第 {line} 行：措施 1.1：“（{status}）”说明已完成，但没有写明时限：取其问题的整改时限（2019年6月底前完成）作为其时限"
           "（如其另有时限，请在校订文件的 text_fixes: 下写入）")])
def test_a_measure_said_done_in_its_closing_brackets_is_proposed_done_under_its_problems_deadline_warned_of(tmp_path, status, lang, said):
    # (（已完成） where a measure's deadline is written was refused: "cannot read the deadline （已完成）")
    text = QINGHAI + _problem(measure=f"西宁市完成第一污水处理厂提标改造（{status}）。", note="已建成并投入运行。")
    result, out = _import(tmp_path, text, lang=lang)
    assert result.exit_code == 0, result.output
    assert said.format(report=tmp_path / "report.txt", line=LINE_OF_MEASURE, status=status) in result.stderr.splitlines()
    task, journal = _ledger(out)
    assert task["measures"][0]["text"] == f"西宁市完成第一污水处理厂提标改造（{status}）。"
    assert task["measures"][0]["milestones"] == [{"kind": "date", "due": date(2019, 6, 30)}]
    assert task["measures"][0]["owners"] == ["西宁市"]
    # (not yet due as of the report, under a problem 序时推进: proposed done all the same, as the report says)
    assert journal == [{"measure": "1.1", "date": date(2019, 3, 31), "state": "done", "note": "已建成并投入运行。"}]


def test_a_measure_said_done_after_its_own_deadline_keeps_that_deadline_and_is_proposed_done(tmp_path):
    result, out = _import(tmp_path, QINGHAI + _problem(measure="西宁市完成第一污水处理厂提标改造（2019年6月30日）（已完成）。",
                                                      note="已建成并投入运行。"))
    assert result.exit_code == 0, result.output
    # (no "its closing （已完成） is not read as a deadline"; its problem 序时推进, with its one measure done)
    assert _warnings(result) == [NO_CURATION, f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE - 2}: problem 1: reported 序时推进 (on schedule), but all its dated "
                                              "measures are done"]
    task, journal = _ledger(out)
    assert task["measures"][0]["milestones"] == [{"kind": "date", "due": date(2019, 6, 30)}]
    assert [e["state"] for e in journal] == ["done"]


def test_a_measure_said_done_whose_note_says_it_is_not_is_proposed_in_progress_and_warned_of_at_its_line(tmp_path):
    result, out = _import(tmp_path, QINGHAI + _problem(measure="西宁市完成第一污水处理厂提标改造（已完成）。", note="正在进行设备调试。"))
    assert result.exit_code == 0, result.output
    assert (f"{tmp_path / 'report.txt'}, line {LINE_OF_MEASURE}: measure 1.1: （已完成） says it is done, but its note says 正在进行设备调试: proposed in progress "
            "(give its state under journal: in the curation)") in _warnings(result)
    _, journal = _ledger(out)
    assert journal == [{"measure": "1.1", "date": date(2019, 3, 31), "state": "in_progress", "note": "正在进行设备调试。",
                        "evidence": "正在进行设备调试"}]


def test_a_measure_said_done_under_a_deadline_it_cannot_read_is_refused_for_that_deadline_alone(tmp_path):
    result, out = _import(tmp_path, QINGHAI + _problem(deadline="2021年前完成。", measure="西宁市完成提标改造（已完成）。"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE - 4}: problem 1: cannot read the deadline "
                                    "整改时限：2021年前完成。 ")
    assert result.stderr.count("\n") == 1  # (the measure's （已完成） is no second refusal)
    assert not out.exists()


@pytest.mark.parametrize("written", ["持续推进", "长期坚持"])
def test_a_measure_or_problem_said_to_go_on_in_brackets_is_ongoing(tmp_path, written):
    # (（持续推进） was refused: "cannot read the deadline （持续推进）")
    text = QINGHAI + TWO_MEASURES.format(one="1.", two="2.").replace("海东市完成污水管网建设（长期坚持）", f"海东市推进河湖长制工作（{written}）") \
        .replace("整改时限：2019年6月底前完成。", f"整改时限：2019年6月底前完成，{written}。")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    task, journal = _ledger(out)
    assert task["deadline"] == {"text": f"2019年6月底前完成，{written}", "milestones": [{"kind": "date", "due": date(2019, 6, 30)}, {"kind": "ongoing"}]}
    assert [m["milestones"] for m in task["measures"]] == [[{"kind": "date", "due": date(2019, 6, 30)}], [{"kind": "ongoing"}]]
    assert [e["state"] for e in journal] == ["in_progress", "report"]  # (reported on, as a 长期坚持 measure is)


def test_a_step_said_to_go_on_after_a_dated_one_is_a_second_milestone(tmp_path):
    # (（持续推进） after a readable deadline was left out, warned of)
    result, out = _import(tmp_path, QINGHAI + _problem(measure="西宁市完成A建设（2019年6月30日），推进B工作（持续推进）。"))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    task, _ = _ledger(out)
    assert task["measures"][0]["milestones"] == [{"kind": "date", "due": date(2019, 6, 30)}, {"kind": "ongoing"}]


PROBLEM_IN_BRACKETS = ("一、湟水河流域污染治理滞后（{bracket}）。\n\n{heads}"
                       "1.西宁市完成第一污水处理厂提标改造（2019年6月30日）。\n\n整改进展：正在进行设备调试。\n")


@pytest.mark.parametrize("bracket, milestones", [
    ("2019年12月31日前完成", [{"kind": "date", "due": date(2019, 12, 31)}]),
    ("2019年底前完成，长期坚持", [{"kind": "date", "due": date(2019, 12, 31)}, {"kind": "ongoing"}]),
    ("长期坚持", [{"kind": "ongoing"}]),
    ("持续推进", [{"kind": "ongoing"}])])
def test_a_problems_deadline_in_brackets_after_its_text_is_its_deadline_when_it_has_no_deadline_line(tmp_path, bracket, milestones):
    # (refused: "no appendix of numbered problems (一、…) with 整改时限/整改进展 found")
    text = QINGHAI + PROBLEM_IN_BRACKETS.format(bracket=bracket, heads="整改进度：序时推进。\n\n")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    task, _ = _ledger(out)
    assert task["deadline"] == {"text": bracket, "milestones": milestones}
    assert task["title"] == "湟水河流域污染治理滞后"  # (the bracket no part of its title; its text kept whole)
    assert task["problem"] == f"湟水河流域污染治理滞后（{bracket}）。"
    assert task["reported"] == {"state": "on_schedule", "ongoing": False}
    assert task["measures"][0]["text"] == "西宁市完成第一污水处理厂提标改造（2019年6月30日）。"


@pytest.mark.parametrize("over", ["", "。\n\n部分污水处理厂超标排放"])  # (its text over one paragraph or two)
def test_a_problems_deadline_in_brackets_is_warned_of_as_a_typo_at_its_line(tmp_path, over):
    text = QINGHAI + PROBLEM_IN_BRACKETS.format(bracket="2091年12月31日前完成", heads="整改进度：序时推进。\n\n").replace("滞后（", f"滞后{over}（")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    line = next(at for at, ln in enumerate(text.split("\n"), 1) if ln.endswith("（2091年12月31日前完成）。"))
    assert (f"{tmp_path / 'report.txt'}, line {line}: problem 1: deadline 2091-12-31 (2091年12月31日前完成) is more than 20 years after the inspection's feedback of "
            "2017-12-24: a typo? repair it under text_fixes: in the curation") in _warnings(result)
    assert _ledger(out)[0]["problem"] == f"湟水河流域污染治理滞后{over.replace(chr(10), '')}（2091年12月31日前完成）。"


def test_a_problem_said_done_in_brackets_with_no_progress_line_is_reported_fully_done(tmp_path):
    text = QINGHAI + PROBLEM_IN_BRACKETS.format(bracket="已完成", heads="整改时限：2019年6月底前完成。\n\n")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    task, _ = _ledger(out)
    assert task["reported"] == {"state": "fully_done", "ongoing": False}
    assert task["deadline"] == {"text": "2019年6月底前完成", "milestones": [{"kind": "date", "due": date(2019, 6, 30)}]}
    assert task["title"] == "湟水河流域污染治理滞后"


@pytest.mark.parametrize("lang, said", [
    ("en", "rectify: warning: {report}, line {line}: problem 1: （已完成） says it is done, but its 整改进度 on line {progress} is 序时推进: the 整改进度 "
           "is read (check it; repair it under text_fixes: in the curation if need be)"),
    (None, "rectify: 警告：{report} 第 {line} 行：问题 1：“（已完成）”说明已完成，但第 {progress} 行的整改进度是“序时推进”：按整改进度读取"
           "（请核对，必要时在校订文件的 text_fixes: 下改正）")])
def test_a_problem_said_done_in_brackets_whose_progress_says_otherwise_is_read_by_its_progress_and_warned_of(tmp_path, lang, said):
    text = QINGHAI + PROBLEM_IN_BRACKETS.format(bracket="已完成", heads="整改时限：2019年6月底前完成。\n\n整改进度：序时推进。\n\n")
    result, out = _import(tmp_path, text, lang=lang)
    assert result.exit_code == 0, result.output
    lines = text.split("\n")
    assert said.format(report=tmp_path / "report.txt", line=lines.index("一、湟水河流域污染治理滞后（已完成）。") + 1, progress=lines.index("整改进度：序时推进。") + 1) \
        in result.stderr.splitlines()
    assert _ledger(out)[0]["reported"] == {"state": "on_schedule", "ongoing": False}


@pytest.mark.parametrize("lang, said", [
    ("en", "problem 1: no 整改时限： line after the problem's text (its （已完成） says it is done, not by when)"),
    (None, "问题 1：问题文字之后没有“整改时限：”一行（其“（已完成）”说明已完成，但没有说明时限）")])
def test_a_problem_said_done_in_brackets_with_no_deadline_line_is_refused_saying_it_gives_no_deadline(tmp_path, lang, said):
    text = QINGHAI + PROBLEM_IN_BRACKETS.format(bracket="已完成", heads="整改进度：全面完成。\n\n")
    result, out = _import(tmp_path, text, lang=lang)
    line = text.split("\n").index("一、湟水河流域污染治理滞后（已完成）。") + 1
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{line}: {said}\n")
    assert not out.exists()


@pytest.mark.parametrize("heading", ["完成时限", "整改期限"])
@pytest.mark.parametrize("gap", ["\n\n", "\n"])  # (with blank lines between paragraphs, or none)
def test_other_provinces_headings_of_a_problems_deadline_are_read_as_zhenggai_shixian(tmp_path, heading, gap):
    # (refused: "problem 1: no 整改时限： line after the problem's text")
    (tmp_path / "usual").mkdir()
    _, usual = _import(tmp_path / "usual", QINGHAI + TWO_MEASURES.format(one="1.", two="2."))
    result, out = _import(tmp_path, QINGHAI + TWO_MEASURES.format(one="1.", two="2.").replace("整改时限：", f"{heading}：").replace("\n\n", gap))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    for name in ("tasks.yaml", "progress.yaml"):  # (read as the same report's 整改时限 is)
        assert (out / name).read_text(encoding="utf-8") == (usual / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, said", [
    ("en", "problem 1: cannot read the deadline 完成时限：2021年前完成。 " + TEXT_FIXES_HINT.replace("2018年6月30日,", "2018年6月30日前完成,")
     .replace("长期坚持 or 立即启动", "长期坚持 or 立行立改")),
    (None, "问题 1：无法识别完成时限“2021年前完成。”（应为 2018年6月30日前完成、长期坚持 或 立行立改 这样的时限，"
           "或 2018年6月30日前完成关停、关停于2018年6月30日前完成 这样的分步时限，以“，”分隔；请在校订文件的 text_fixes: 下改正）")])
def test_a_deadline_it_cannot_read_under_another_heading_is_refused_quoting_that_heading(tmp_path, lang, said):
    text = QINGHAI + _problem(deadline="2021年前完成。", measure="西宁市完成提标改造（2019年6月30日）。").replace("整改时限：", "完成时限：")
    result, out = _import(tmp_path, text, lang=lang)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE - 4}: {said}\n")
    assert not out.exists()


@pytest.mark.parametrize("gap", ["\n\n", "\n"])
@pytest.mark.parametrize("heading", ["整改措施：", "整改措施:", "整改措施： "])
def test_a_measures_heading_alone_on_its_line_before_the_first_measure_is_skipped(tmp_path, gap, heading):
    # (refused: "text between 整改进度 and the first measure of problem 1")
    (tmp_path / "usual").mkdir()
    _, usual = _import(tmp_path / "usual", QINGHAI + TWO_MEASURES.format(one="1.", two="2.").replace("\n\n", gap))
    text = QINGHAI + TWO_MEASURES.format(one="1.", two="2.").replace("整改进度：序时推进。\n\n", f"整改进度：序时推进。\n\n{heading}\n\n") \
        .replace("\n\n", gap)
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    for name in ("tasks.yaml", "progress.yaml"):  # (no text of the problem's, nor of its first measure)
        assert (out / name).read_text(encoding="utf-8") == (usual / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("bracket, warned", [("2018年12月31日前完成", True), ("2019年6月30日前完成", False)])
def test_a_problems_deadline_in_brackets_beside_a_deadline_line_that_differs_is_warned_of_and_the_line_read(tmp_path, bracket, warned):
    text = QINGHAI + PROBLEM_IN_BRACKETS.format(bracket=bracket, heads="整改时限：2019年6月底前完成。\n\n整改进度：序时推进。\n\n")
    result, out = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    lines = text.split("\n")
    said = (f"{tmp_path / 'report.txt'}, line {lines.index(f'一、湟水河流域污染治理滞后（{bracket}）。') + 1}: problem 1: （{bracket}） after its text differs from its "
            f"整改时限 on line {lines.index('整改时限：2019年6月底前完成。') + 1}, 2019年6月底前完成: the 整改时限 is read (check it; repair it "
            "under text_fixes: in the curation if need be)")
    assert _warnings(result) == [NO_CURATION, *([said] if warned else [])]
    assert _ledger(out)[0]["deadline"] == {"text": "2019年6月底前完成", "milestones": [{"kind": "date", "due": date(2019, 6, 30)}]}


# ---------------------------------------------------------------- 17. what importing a Jiangxi report hit

JIANGXI = (
    "江西省贯彻落实中央生态环境保护督察反馈意见整改情况报告\n\n"
    "中央第四生态环境保护督察组于2021年7月13日反馈了督察意见。江西省委、省政府高度重视。截至2022年3月底，整改工作正在推进。\n\n"
)


@pytest.mark.parametrize("measure, owners, kinds", [
    ("各级党委、政府定期研究部署生态环境保护工作（长期坚持）。", ["各级党委、政府"], ["other"]),
    ("各级党委、政府及有关部门定期研究部署生态环境保护工作（长期坚持）。", ["各级党委、政府及有关部门"], ["other"]),
    ("省委常委会定期听取生态环境保护工作汇报（长期坚持）。", ["省委"], ["department"]),
    ("省委常委会、省生态环境厅定期研究部署生态环境保护工作（长期坚持）。", ["省委", "省生态环境厅"], ["department", "department"]),
    # (the people's congress's standing committee: its own name, not 省人大常委, nor the 省委 committee's)
    ("省人大常委会开展生态环境保护执法检查（长期坚持）。", ["省人大常委会"], ["department"]),
])
def test_the_party_committees_and_governments_of_every_level_and_a_standing_committee_are_read_as_one_owner(tmp_path, measure, owners, kinds):
    # (各级党委、政府 was the unit 各级党委 and a warning that 政府定期研究部署生态环境保护工作 is no unit it knows; 省委常委会
    # was 省委 and the chain ended at 常委会, 省生态环境厅 after it lost)
    result, out = _import(tmp_path, JIANGXI + _problem(deadline="长期坚持。", measure=measure))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    written = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
    assert written["tasks"][0]["measures"] == [{"id": 1, "text": measure, "owners": owners, "lead": owners[0],
                                                "milestones": [{"kind": "ongoing"}]}]
    assert [u for u in written["units"] if u["name"] in owners] == [{"name": o, "kind": k} for o, k in zip(owners, kinds)]


@pytest.mark.parametrize("written, milestones", [
    ("2021年起长期坚持", [{"kind": "ongoing"}]),
    ("2021年起，长期坚持", [{"kind": "ongoing"}]),
    ("2022年6月30日前完成，2023年起长期坚持", [{"kind": "date", "due": date(2022, 6, 30)}, {"kind": "ongoing"}]),
])
def test_an_ongoing_deadline_from_a_year_is_ongoing_its_year_no_milestone(tmp_path, written, milestones):
    # (（2021年起长期坚持） and 整改时限：2021年起长期坚持 were refused as deadlines it could not read)
    result, out = _import(tmp_path, JIANGXI + _problem(deadline=f"{written}。", measure=f"省生态环境厅加强督察（{written}）。"))
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [NO_CURATION]
    task = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]
    assert task["deadline"] == {"text": written, "milestones": milestones}
    assert task["measures"][0]["milestones"] == milestones


@pytest.mark.parametrize("written", ["2021年起", "2021年起立行立改"])
def test_a_start_year_before_anything_but_ongoing_is_still_refused(tmp_path, written):
    result, out = _import(tmp_path, JIANGXI + _problem(measure=f"省生态环境厅加强督察（{written}）。"))
    assert (result.exit_code, result.stderr) == (2, f"rectify: {tmp_path / 'report.txt'}:{LINE_OF_MEASURE}: measure 1.1: "
                                                    f"cannot read the deadline （{written}） {TEXT_FIXES_HINT}\n")
    assert not out.exists()
