"""`rectify summary` on the command line: which month it reports on, and what it says when
there is none to report on."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rectify_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests/fixtures/small/tasks.yaml"


def run(tmp_path, *args: str, today: str):
    """`summary` on the small plan with an empty journal (its entries would be in the future)."""
    plan = tmp_path / "tasks.yaml"
    if not plan.exists():
        plan.write_bytes(SMALL.read_bytes())
        (tmp_path / "progress.yaml").write_text("# journal\n", encoding="utf-8")
    return CliRunner().invoke(app, ["summary", "-r", str(plan), *args],
                              env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": today})


def test_the_default_month_before_the_inspection_is_named(tmp_path):
    """A monthly job set up in the month of the feedback: the message names the month it
    took (it blamed "--month: None", which the user never gave) and the one it can report on."""
    result = run(tmp_path, today="2018-01-20")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("rectify: 上月（2017-12，--month 的默认值）在督察反馈日期（2018-01-03）之前已结束，"
                             "没有可汇总的内容；--month 2018-01 可汇总本月至今的情况\n")
    result = run(tmp_path, "--lang", "en", today="2018-01-20")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("rectify: last month (2017-12, the default of --month) ended before the inspection's "
                             "feedback (2018-01-03): nothing to report on; --month 2018-01 reports on this month so far\n")


def test_a_month_given_keeps_its_message(tmp_path):
    assert run(tmp_path, "--month", "2017-12", "--lang", "en", today="2018-01-20").stderr == (
        "rectify: --month: 2017-12 ended before the inspection's feedback (2018-01-03): nothing to report on\n")
    assert run(tmp_path, "--month", "2018-02", "--lang", "en", today="2018-01-20").stderr == (
        "rectify: --month: 2018-02 has not begun (today is 2018-01-20)\n")


def test_the_month_of_the_feedback_judged_before_it_says_so_as_status_does(tmp_path):
    """The month of the feedback, on a day before it: status says rectification had not begun;
    the summary said only that the ledger had no entries, as of a ledger gone quiet."""
    result = run(tmp_path, "--month", "2018-01", today="2018-01-02")
    assert result.exit_code == 0, result.output
    overview = result.stdout.split("一、总体情况\n")[1].split("\n\n")[0].splitlines()
    assert overview[1:] == ["注意：核查日期 2018-01-02 早于督察反馈日期 2018-01-03，整改尚未开始，各项措施尚无可核查的进展。"]
    result = run(tmp_path, "--month", "2018-01", "--lang", "en", today="2018-01-02")
    assert result.exit_code == 0, result.output
    assert ("Note: 2018-01-02 is before the inspection's feedback date, 2018-01-03: rectification had not begun, "
            "and no measure has progress to judge.") in result.stdout
    assert "no journal entries yet" not in result.stdout


def bundled_headline(month: str, *extra: str) -> str:
    result = CliRunner().invoke(app, ["summary", "--month", month, *extra],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2026-11-29"})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[5]


def test_a_task_of_long_term_measures_never_reported_on_is_not_done():
    """Task 1 (2018年6月30日前完成，长期坚持; its four measures 长期坚持 only) was 已完成 in June
    2018, nine months before the journal's first entry, while status showed it 0/4, all stale."""
    assert "应于2018年6月30日前完成的7项整改任务均未完成，" in bundled_headline("2018-06")
    # (once reported on, as the report of 2019-03-31 counts it: 25 done)
    assert "应于2019年3月31日前完成的28项整改任务已完成25项，" in bundled_headline("2019-03")


def test_the_headline_names_what_falls_due_on_the_day_judged_so_that_its_figures_add_up():
    """89 due, 79 done, 8 overdue: 33.1 and 39.3, due 2019-06-30 itself, were nowhere. In English
    "79 of them completed (2 of them fall due" read as 2 of the 79: they are of the 89, as 另有 says."""
    assert ("89项具体措施已完成79项（另有2项当日到期，尚不算逾期）；" in bundled_headline("2019-06"))
    assert "目前逾期未完成的具体措施8项，" in bundled_headline("2019-06")
    assert "89 measures, 79 of them completed (2 of the 89 fall due that very day, not yet late)." in bundled_headline(
        "2019-06", "--lang", "en")
    assert "当日到期" not in bundled_headline("2019-05")


def test_a_regions_urging_list_counts_its_share_of_every_regions_measures():
    """summary --owner 昌都市 counted 35.3 (各地市's, overdue) in its headline and 四, and said 八、督办清单 无。"""
    import json

    env = {"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-06-30"}
    result = CliRunner().invoke(app, ["summary", "--month", "2019-06", "--owner", "昌都市"], env=env)
    assert result.exit_code == 0, result.output
    urging = result.stdout[result.stdout.index("八、督办清单"):].splitlines()
    status = CliRunner().invoke(app, ["status", "--format", "json", "--owner", "昌都市"], env=env)
    counts = json.loads(status.stdout)["counts"]
    measures = counts["measures"]
    assert urging[3].split() == ["昌都市", str(measures["overdue"] + measures["due_soon"] + measures["on_track"]),
                                 str(measures["overdue"]), str(measures["due_soon"]), str(counts["stale"])]
    assert measures["overdue"] == 1  # (35.3)


def _urging_rows(*extra: str) -> dict[str, list[str]]:
    """The 督办清单's rows of the bundled ledger's June 2019 summary, by unit."""
    result = CliRunner().invoke(app, ["summary", "--month", "2019-06", *extra],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-07-10"})
    assert result.exit_code == 0, result.output
    urging = result.stdout[result.stdout.index("八、督办清单"):].split("\n\n")[0].splitlines()[3:]
    return {row.split()[0]: row.split()[1:] for row in urging}


def test_the_whole_reports_urging_list_gives_a_region_the_row_its_own_report_gives_it():
    """拉萨市 was `4 1 1 0` in the whole report (its share of 各地市's 49 measures left out, 昌都市
    not listed at all) and `10 2 2 30` in its own: two answers, one day, one ledger."""
    whole = _urging_rows()
    for region in ("拉萨市", "昌都市"):
        assert whole[region] == _urging_rows("--owner", region)[region]
    assert whole["拉萨市"] == ["10", "2", "2", "30"]
    assert whole["各地市"] == ["6", "1", "1", "30"]  # (its own row stays: the measures written for it)


def test_a_county_is_not_one_of_the_regions_each_prefecture_measure_falls_to():
    """曲水县 (a county, kind: subregion) was given all 49 of 各地市's measures (各地市: each
    prefecture), 30 of them stale, beside its own one."""
    assert _urging_rows()["曲水县"] == ["1", "1", "0", "0"]
    assert _urging_rows("--owner", "曲水县") == {"曲水县": ["1", "1", "0", "0"]}


def _on_a_copy_of_the_bundled_ledger(tmp_path):
    """A function running a command on a copy of the bundled ledger as of a day: its stdout."""
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    reg = str(tmp_path / "data" / "tasks.yaml")

    def run_on(today: str, *args: str) -> str:
        result = CliRunner().invoke(app, [*args, "-r", reg], env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": today})
        assert result.exit_code == 0, result.output
        return result.stdout

    return run_on


def test_a_step_closed_in_a_month_is_listed_there_marked_as_the_step(tmp_path):
    """30.2's first step (5A级、4A级景区, due 2019-12-31) closed on 2019-12-20 was in no month's
    本月销号, while January's 本月重新打开 cited that close as 原销号日期 2019-12-20."""
    run_on = _on_a_copy_of_the_bundled_ledger(tmp_path)
    run_on("2019-12-20", "close", "30.2", "--milestone", "2019-12-31", "--evidence", "4A景区验收")
    run_on("2020-01-15", "reopen", "30.2", "--note", "回头看：4A景区厕所未建成")
    december = run_on("2020-02-05", "summary", "--month", "2019-12")
    closed = december[december.index("二、本月销号"):december.index("三、")].splitlines()
    assert closed[3].split()[:2] == ["2019-12-20", "30.2"]
    assert closed[3].split()[2] == "【5A级、4A级景区】自治区旅游…"
    assert len(closed) == 5  # (heading, header, rule, the row, a blank line)
    january = run_on("2020-02-05", "summary", "--month", "2020-01")
    reopened = january[january.index("三、"):january.index("四、")].splitlines()
    assert reopened[3].split()[:2] == ["2020-01-15", "30.2"] and "2019-12-20" in reopened[3].split()



@pytest.mark.parametrize("lang, whole", [("zh", "40.3 的 2019-04-18 销号，佐证：file:{path} sha256:{digest}。"),
                                         ("en", "40.3, closed 2019-04-18, evidence: file:{path} sha256:{digest}.")])
def test_a_close_whose_evidence_is_a_file_shows_the_files_name_in_its_row(tmp_path, lang, whole):
    """Its cell gave the start of the path the file was pinned by, file:/home/clerk/文档/20…, which
    says nothing in a report sent upward; the name says which document. The path and its hash are
    said whole under the table."""
    import hashlib

    run_on = _on_a_copy_of_the_bundled_ledger(tmp_path)
    document = tmp_path / "文档" / "2019年整改验收材料" / "验收意见.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(b"%PDF-1.4 acceptance")
    run_on("2019-04-20", "close", "40.3", "--evidence", str(document), "--date", "2019-04-18")
    april = run_on("2019-05-02", "summary", "--month", "2019-04", "--lang", lang)
    lines = april.splitlines()
    row = next(line for line in lines if line.split()[:2] == ["2019-04-18", "40.3"])
    assert row.split()[-1] == "验收意见.pdf"
    said = whole.format(path=document.resolve().as_posix(), digest=hashlib.sha256(document.read_bytes()).hexdigest())
    assert said in lines

def test_a_head_that_covers_entries_dated_after_the_month_says_how_many(tmp_path):
    """A close written on 2019-10-10, dated 2019-07-20, made July, August and September end with
    the same 台账哈希（截至本月）, its own: a head vouches for every entry before it, the
    reports of August and September among them, and nothing said so."""
    on_copy = _on_a_copy_of_the_bundled_ledger(tmp_path)

    def run_on(today: str, *args: str) -> list[str]:
        return on_copy(today, *args).splitlines()

    run_on("2019-08-05", "report", "1.1", "--note", "8月研究")
    run_on("2019-09-05", "report", "1.3", "--note", "9月研究")
    assert not run_on("2019-10-10", "summary", "--month", "2019-07")[-1].startswith("注")
    run_on("2019-10-10", "close", "40.3", "--evidence", "验收意见", "--date", "2019-07-20")
    july = run_on("2019-10-10", "summary", "--month", "2019-07")
    assert july[-1] == "注：该哈希也涵盖日期在本月之后的2条记录（该哈希所属的记录系事后补录，写在这2条记录之后）。"
    august = run_on("2019-10-10", "summary", "--month", "2019-08", "--lang", "en")
    assert august[-2].split()[-1] == july[-2].split("：")[-1]  # (the same head: the back-dated close's)
    assert august[-1] == ("Note: this hash, of an entry back-dated to this month or earlier, also covers 1 entry dated "
                          "after this month and written before that entry.")
    # (so in English is a plural; and nothing was back-dated into August: the note does not say it was)
    assert run_on("2019-10-10", "summary", "--month", "2019-07", "--lang", "en")[-1].startswith(
        "Note: this hash, of an entry back-dated to this month or earlier, also covers 2 entries dated after this month")
    assert not run_on("2019-10-10", "summary", "--month", "2019-09")[-1].startswith("注")


def test_entries_written_in_the_month_but_dated_before_it_are_named(tmp_path):
    """Two entries written on 2019-08-20, dated in June, changed June's and July's summaries,
    perhaps filed; August's said nothing of them."""
    on_copy = _on_a_copy_of_the_bundled_ledger(tmp_path)

    def run_on(today: str, *args: str) -> list[str]:
        return on_copy(today, *args).splitlines()

    run_on("2019-08-20", "extend", "33.1", "--to", "2019-12-31", "--reason", "冻土期", "--approved-by", "自治区生态环境厅",
           "--date", "2019-06-25")
    run_on("2019-08-20", "close", "39.3", "--evidence", "园区规划批复", "--date", "2019-06-28")
    run_on("2019-08-21", "report", "1.1", "--note", "8月研究", "--date", "2019-08-02")  # (dated in the month: not named)
    august = run_on("2019-09-02", "summary", "--month", "2019-08")
    assert august[-3] == ("本月补录此前日期的记录2条，此前各月的月报随之改变：33.1 延期（日期2019-06-25，记录于2019-08-20）；"
                          "39.3 销号（日期2019-06-28，记录于2019-08-20）。")
    assert run_on("2019-09-02", "summary", "--month", "2019-08", "--lang", "en")[-3] == (
        "Written this month, dated in earlier months (2 entries; the summaries of those months change): "
        "33.1 extended (dated 2019-06-25, written 2019-08-20); 39.3 closed (dated 2019-06-28, written 2019-08-20).")
    assert not any("补录此前" in line for line in run_on("2019-09-02", "summary", "--month", "2019-06"))


def test_entries_written_in_the_month_but_dated_the_month_before_change_that_months_summary_alone(tmp_path):
    """'the summaries of those months change' of entries dated last month: only its summary does.
    (Entries dated in June, written in August, change June's and July's: those months, above.)"""
    run_on = _on_a_copy_of_the_bundled_ledger(tmp_path)
    run_on("2019-09-05", "close", "39.3", "--evidence", "园区规划批复", "--date", "2019-08-28")
    zh, en = (run_on("2019-10-02", "summary", "--month", "2019-09", *lang).splitlines() for lang in ((), ("--lang", "en")))
    # (39.3 was due 2019-06-30: its close is late, which no summary as sent says but this line)
    assert zh[-3] == "本月补录上月日期的记录1条，上月的月报随之改变：39.3 销号（日期2019-08-28，记录于2019-09-05，逾期59天）。"
    assert en[-3] == ("Written this month, dated last month (1 entry; the summary of that month changes): "
                      "39.3 closed (dated 2019-08-28, written 2019-09-05, 59 days late).")


def test_a_step_is_marked_in_the_language_of_the_summary():
    """The English summary marked a step with Chinese brackets: 【step due 2018-12-31】."""
    def row(*lang):
        result = CliRunner().invoke(app, ["summary", "-r", str(ROOT / "data" / "tasks.yaml"), "--month", "2019-03", *lang],
                                    env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-03-31", "RECTIFY_LANG": None})
        return next(line for line in result.stdout.splitlines() if "  18.4  " in line)

    # (whole, the text after it cut: 18.4's 自治区自然资源厅牵头开展…, to 4 characters at least)
    assert "  18.4    【2018-12-31到期的一步】自治区自…" in row()
    assert "  18.4   [step due 2018-12-31] 自治区自…" in row("--lang", "en")


def test_an_overdue_step_is_marked_as_the_warning_marked_it():
    """30.2's first step (5A级、4A级景区) was listed in December's 五、到期预警 marked with its
    grades, and in January's 四、逾期未完成 as the whole measure, though its second step (3A级…,
    due 2020-12-31) was not late: the leadership asked which scenic areas were behind."""
    def overdue_row(*lang: str) -> list[str]:
        result = CliRunner().invoke(app, ["summary", "--month", "2020-01", *lang],
                                    env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2020-02-05", "RECTIFY_LANG": None})
        assert result.exit_code == 0, result.output
        return next(line.split() for line in result.stdout.splitlines() if line.startswith("30.2 "))

    zh = overdue_row()
    assert zh[0] == "30.2" and zh[1] == "【5A级、4A级景区】自治区旅…" and zh[-2:] == ["2019-12-31", "31天"]
    en = overdue_row("--lang", "en")
    assert en[0] == "30.2" and en[1:3] == ["[5A级、4A级景区]", "自治区旅…"] and en[-3:] == ["2019-12-31", "31", "days"]


def test_the_units_of_a_report_for_several_are_named_in_the_plural():
    """`--owner 环境保护厅 --owner 拉萨市 --lang en` headed its report "Responsible unit: 自治区生态环境厅, 拉萨市"."""
    def third_line(*args: str) -> str:
        result = CliRunner().invoke(app, ["summary", "--month", "2019-03", *args],
                                    env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-04-05", "RECTIFY_LANG": None})
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()[2]

    assert third_line("--owner", "环境保护厅", "--owner", "拉萨市", "--lang", "en") == "Responsible units: 自治区生态环境厅, 拉萨市"
    assert third_line("--owner", "拉萨市", "--lang", "en") == "Responsible unit: 拉萨市"
    assert third_line("--owner", "环境保护厅", "--owner", "拉萨市") == "责任单位：自治区生态环境厅、拉萨市"


def _bundled_section(month: str, heading: str, *extra: str, today: str) -> list[str]:
    """A section of the bundled ledger's summary: the lines under `heading`, to the next blank line."""
    result = CliRunner().invoke(app, ["summary", "--month", month, *extra],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": today})
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    start = lines.index(heading) + 1
    return lines[start:lines.index("", start)]


def test_the_stale_tables_days_are_counted_to_the_day_judged_which_the_heading_names():
    """July's summary made on 2019-08-05 said 距今天数 122 of a report of 2019-03-31, which is 127
    days before today: it counts to the month's end, the day the summary is judged on (the same
    whenever it is made), and the heading now says so; a month not over is judged today."""
    july = _bundled_section("2019-07", "六、长期坚持措施久未报告（超过90天未报告）", today="2019-08-05")
    assert july[:2] == [
        "措施    内容                   责任单位              最近记录      距7月31日天数",
        "------  ---------------------  --------------------  ----------  ---------------",
    ]
    assert july[2].startswith("1.1     ") and july[2].endswith("  2019-03-31              122")
    en = _bundled_section("2019-07", "6. Ongoing measures not reported on for over 90 days", "--lang", "en",
                          today="2019-08-05")
    # ("Days to Jul 31" read as a countdown to that day: the days counted are those since the last entry)
    assert en[0].startswith("No.    Text ") and en[0].endswith("  Last entry      Days as of Jul 31")
    assert en[1].endswith("  ------------  -------------------") and len(en[1]) <= 80
    assert en[2].startswith("1.1    ") and en[2].endswith("  2019-03-31                    122")
    august = _bundled_section("2019-08", "六、长期坚持措施久未报告（超过90天未报告）", today="2019-08-05")
    assert august[0].endswith("  最近记录      距8月5日天数") and august[2].endswith("  2019-03-31             127")
    en = _bundled_section("2019-08", "6. Ongoing measures not reported on for over 90 days", "--lang", "en",
                          today="2019-08-05")
    assert en[0].endswith("  Last entry      Days as of Aug 5")


def test_the_overdue_tables_days_are_said_as_status_says_them():
    """四 headed its days 逾期天数 (Days late) while status heads the same days 逾期 (Overdue),
    one thing under two words; and a bare 335 under Overdue would read as 八's count of overdue
    measures. Both now say status's words: 逾期, 335天 (Overdue, 335 days)."""
    zh = _bundled_section("2019-05", "四、逾期未完成（逾期最久的在前）", today="2019-06-30")
    assert zh[0].endswith("  期限          逾期") and zh[0].startswith("措施    内容")
    assert zh[2].startswith("35.3    ") and zh[2].endswith("  2018-06-30   335天")
    en = _bundled_section("2019-05", "4. Overdue and still open (longest overdue first)", "--lang", "en",
                          today="2019-06-30")
    assert en[0].endswith("  Due           Overdue") and en[0].startswith("No.    Text")
    assert en[2].startswith("35.3   ") and en[2].endswith("  2018-06-30   335 days")
    status = CliRunner().invoke(app, ["status", "--lang", "en"], env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-06-30",
                                                                      "COLUMNS": "80"})
    assert "  Light    Overdue\n" in status.stdout and "  red     365 days\n" in status.stdout


def test_the_urging_lists_due_soon_column_says_its_window_which_is_not_section_fives():
    """November's 五 (everything due by the end of December) lists 拉萨市's 20.2, due 12-31, 31
    days after the day judged, while 拉萨市's row said 临期 0 (within warn_days, 30): the column
    now says which days it counts."""
    due = _bundled_section("2019-11", "五、下月到期预警（2019年12月）", today="2019-12-05")
    assert due[4].startswith("2019-12-31  20.2    拉萨市按照")
    urging = _bundled_section("2019-11", "八、督办清单（按责任单位，逾期多的在前）", today="2019-12-05")
    assert urging[:3] == [
        "责任单位                                未完成    逾期    30天内到期    久未报告",
        "------------------------------------  --------  ------  ------------  ----------",
        "拉萨市                                      10       4             0          30",
    ]
    en = _bundled_section("2019-11", "8. Urging list by responsible unit (most overdue first)", "--lang", "en",
                          today="2019-12-05")
    assert en[0].endswith("  Incomplete    Overdue    Due in 30 days    Stale")
    assert en[2].startswith("拉萨市") and en[2].endswith("    10          4                 0       30")


def test_the_urging_lists_first_count_does_not_call_an_ongoing_measure_closed():
    """各县（区）'s row read Open 0 … Stale 4: its four stale measures are ongoing (长期坚持), never
    closed, so open to an English reader, yet the column (未完成) counts only the measures with a
    deadline still to meet. It is headed Incomplete, and its quiet units nothing incomplete: status's
    word for the same thing, whose table heads the measures closed Completed (Not done said another)."""
    status = CliRunner().invoke(app, ["status", "--lang", "en"], env={"RECTIFY_REGISTRY": None,
                                                                      "RECTIFY_TODAY": "2019-12-05", "COLUMNS": "80"})
    (heading,) = [line for line in status.stdout.split("\n") if line.startswith("Task ")]
    assert "  Completed  " in heading
    en = _bundled_section("2019-11", "8. Urging list by responsible unit (most overdue first)", "--lang", "en",
                          today="2019-12-05")
    assert en[0].startswith("Unit ") and en[0].endswith("  Incomplete    Overdue    Due in 30 days    Stale")
    (row,) = [line for line in en if line.startswith("各县（区）")]
    assert row.split() == ["各县（区）", "0", "0", "0", "4"]
    result = CliRunner().invoke(app, ["summary", "--month", "2019-11", "--lang", "en"],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-12-05"})
    assert "\n9 other responsible units: nothing incomplete or stale.\n" in result.stdout
    # (the Chinese says it apart already: 未完成, 久未报告)
    zh = _bundled_section("2019-11", "八、督办清单（按责任单位，逾期多的在前）", today="2019-12-05")
    assert zh[0].endswith("未完成    逾期    30天内到期    久未报告")


def test_the_urging_lists_column_of_a_window_of_no_days_says_due_that_day():
    """`--warn-days 0` counts the measures due on the day judged: its column said 0天内到期 (Due in 0 days)."""
    urging = _bundled_section("2019-11", "八、督办清单（按责任单位，逾期多的在前）", "--warn-days", "0", today="2019-12-05")
    assert urging[0].endswith("未完成    逾期    当日到期    久未报告")
    en = _bundled_section("2019-11", "8. Urging list by responsible unit (most overdue first)", "--lang", "en",
                          "--warn-days", "0", today="2019-12-05")
    assert en[0].endswith("  Incomplete    Overdue    Due that day    Stale")


def overview(month: str, *extra: str, today: str) -> list[str]:
    """The lines of the bundled ledger's 一、总体情况 (1. Overview) under its heading: the headline,
    the change since the previous month's end, then the warnings."""
    result = CliRunner().invoke(app, ["summary", "--month", month, *extra],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": today})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    first = lines.index("一、总体情况" if "en" not in extra else "1. Overview") + 1
    return lines[first:lines.index("", first)]


def test_the_overview_says_when_the_ledger_went_a_reporting_period_without_an_entry():
    """status's header says that the bundled ledger, last written on 2019-03-31, is no longer
    kept; the July report made from it, judged on 2019-07-31, said nothing of it: a clerk pasted
    122 days of silence as the state of the work."""
    assert overview("2019-07", today="2019-08-15")[2:] == ["注意：台账已 122 天（约 4 个月）未更新，超过报告周期 90 天。"]
    assert overview("2019-07", "--lang", "en", today="2019-08-15")[2:] == [
        "Warning: the ledger has not been updated for 122 days (about 4 months), longer than the 90-day reporting period."]
    # (as of the day judged, as status says it: on 2019-06-29, 90 days, not yet; a month not over, as of today)
    assert overview("2019-06", today="2019-06-29")[2:] == []
    assert overview("2019-06", today="2019-08-15")[2:] == ["注意：台账已 91 天（约 3 个月）未更新，超过报告周期 90 天。"]
    assert overview("2019-06", "--report-period", "91", today="2019-08-15")[2:] == []


def test_a_back_dated_entry_written_today_is_an_update_of_the_ledger(tmp_path):
    """The bundled ledger's entries end on 2019-03-31. A clerk who on 2019-09-15 reports on 45.4
    as of 2019-05-01 (the journal keeps `recorded: 2019-09-15`) updated the ledger that day: the
    September report and status said it had not been updated for 137 days, as of the entry's date.
    A retraction written that day is an update too."""
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    registry = str(tmp_path / "data/tasks.yaml")
    env = {"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-09-15"}

    def lines(*args: str) -> list[str]:
        result = CliRunner().invoke(app, [*args, "-r", registry], env=env)
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    def warned(*args: str) -> list[str]:
        return [line for line in lines(*args) if "未更新" in line or "not been updated" in line]

    assert warned("summary", "--month", "2019-09") == ["注意：台账已 168 天（约 6 个月）未更新，超过报告周期 90 天。"]
    lines("report", "45.4", "--note", "五月报告", "--date", "2019-05-01")
    assert "  recorded: 2019-09-15\n" in (tmp_path / "data/progress.yaml").read_text(encoding="utf-8")
    assert warned("summary", "--month", "2019-09") == []
    assert warned("summary", "--month", "2019-09", "--lang", "en") == []
    assert warned("status") == []
    # (the month judged before it was written: as of 2019-08-31 the entry counts from its date, 122 days)
    assert warned("summary", "--month", "2019-08") == ["注意：台账已 122 天（约 4 个月）未更新，超过报告周期 90 天。"]
    # (96 days after that write, a retraction written on 2019-12-20, dated back to 2019-09-01, is an update)
    env["RECTIFY_TODAY"] = "2019-12-20"
    assert warned("summary", "--month", "2019-12", "--lang", "en") == [
        "Warning: the ledger has not been updated for 96 days (about 3 months), longer than the 90-day reporting period."]
    lines("retract", "45.4", "--reason", "记错措施", "--date", "2019-09-01")
    assert warned("summary", "--month", "2019-12", "--lang", "en") == []
    assert warned("status", "--lang", "en") == []


def test_the_overview_of_a_ledger_without_entries_says_it_has_none(tmp_path):
    # (once a reporting period, 90 days, has passed since the feedback on 2018-01-03; not before,
    # as of a folder's file without entries)
    for month, said in (("2018-04", ["注意：台账尚无任何进展记录。", ""]), ("2018-03", [""])):
        result = run(tmp_path, "--month", month, today="2018-05-05")
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        # (after the headline and the change since the previous month's end)
        assert lines[lines.index("一、总体情况") + 3:lines.index("二、本月销号")] == said, month


# A plan of two 长期坚持 measures, its inspection's feedback on 2019-03-01.
ONGOING_PLAN = """\
registry:
  title: 测试台账
  issuer: 测试自治区党委、政府
  feedback_date: 2019-03-01
  report_date: 2019-03-31
units:
  - name: 自治区生态环境厅
tasks:
  - id: 1
    title: 草原保护
    problem: 草原超载过牧。
    deadline:
      text: 长期坚持
      milestones:
        - {kind: ongoing}
    reported: {state: interim_results}
    measures:
      - id: 1
        text: 开展草原执法检查。
        owners: [自治区生态环境厅]
        lead: 自治区生态环境厅
        milestones:
          - {kind: ongoing}
      - id: 2
        text: 落实草畜平衡制度。
        owners: [自治区生态环境厅]
        lead: 自治区生态环境厅
        milestones:
          - {kind: ongoing}
"""


def _ongoing_registry(tmp_path, *reported: str) -> str:
    """ONGOING_PLAN with 1.2 reported on 2019-04-10, and each of `reported` on 2019-04-01."""
    plan = tmp_path / "tasks.yaml"
    plan.write_text(ONGOING_PLAN, encoding="utf-8")
    (tmp_path / "progress.yaml").write_text("# journal\n", encoding="utf-8")
    for measure, day in (*((m, "2019-04-01") for m in reported), ("1.2", "2019-04-10")):
        result = CliRunner().invoke(app, ["report", measure, "--note", "检查牧场12个。", "--date", day, "-r", str(plan)],
                                    env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-04-10"})
        assert result.exit_code == 0, result.output
    return str(plan)


def _stale_section(registry: str, *extra: str) -> list[str]:
    """Section 六 (6.) of September 2019's summary, judged on 2019-09-30: its lines to the next heading."""
    result = CliRunner().invoke(app, ["summary", "-r", registry, "--month", "2019-09", *extra],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-10-05"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    start = next(n for n, line in enumerate(lines) if line.startswith(("六、", "6. ")))
    end = next(n for n, line in enumerate(lines) if line.startswith(("七、", "7. ")))
    return lines[start + 1:end - 1]


def test_a_never_reported_measure_shows_the_days_since_the_feedback_date_and_a_note_says_so(tmp_path):
    """1.1, never reported on, showed — days while the engine had counted it stale from the
    feedback date: 2019-03-01 to 2019-09-30 is 30 + 30 + 31 + 30 + 31 + 31 + 30 = 213 days
    (1.2: 2019-04-10 to 09-30 is 20 + 31 + 30 + 31 + 31 + 30 = 173). Stalest first, as before."""
    registry = _ongoing_registry(tmp_path)
    assert _stale_section(registry) == [
        "措施    内容                责任单位          最近记录      距9月30日天数",
        "------  ------------------  ----------------  ----------  ---------------",
        "1.1     开展草原执法检查。  自治区生态环境厅  从未报告                213",
        "1.2     落实草畜平衡制度。  自治区生态环境厅  2019-04-10              173",
        "",
        "从未报告的措施自反馈之日（2019-03-01）起计。",
    ]
    assert _stale_section(registry, "--lang", "en") == [
        "No.    Text                Units             Last entry      Days as of Sep 30",
        "-----  ------------------  ----------------  ------------  -------------------",
        "1.1    开展草原执法检查。  自治区生态环境厅  never                         213",
        "1.2    落实草畜平衡制度。  自治区生态环境厅  2019-04-10                    173",
        "",
        "Never reported: counted from the feedback date (2019-03-01).",
    ]


def test_a_stale_table_without_a_never_reported_measure_has_no_note(tmp_path):
    """1.1 reported on 2019-04-01: 182 days to 2019-09-30 (30 + 31 + 30 + 31 + 31 + 29)."""
    registry = _ongoing_registry(tmp_path, "1.1")
    assert _stale_section(registry) == [
        "措施    内容                责任单位          最近记录      距9月30日天数",
        "------  ------------------  ----------------  ----------  ---------------",
        "1.1     开展草原执法检查。  自治区生态环境厅  2019-04-01              182",
        "1.2     落实草畜平衡制度。  自治区生态环境厅  2019-04-10              173",
    ]
    assert not any("Never reported" in line for line in _stale_section(registry, "--lang", "en"))


def _june_2019(*extra: str) -> list[str]:
    """The bundled ledger's June 2019 summary, made in July (the month is over: judged on 06-30)."""
    result = CliRunner().invoke(app, ["summary", "--month", "2019-06", *extra],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-07-10", "RECTIFY_LANG": None})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_a_regions_monthly_report_says_whose_it_is_and_counts_what_status_region_counts():
    """`summary --region 那曲市` was refused (没有选项 --region) while status and check took it.
    By hand from data/tasks.yaml: the 7 tasks naming 那曲市 (9, 10, 23-26, 29: 25 measures) and
    26 others with a measure of 那曲市 or of 各地市 (49 measures): 33 tasks, 74 measures. Of them
    35.3 (各地市, due 2018-06-30, in progress) alone is overdue, and the 42 with no end date are all
    stale: the journal's last entry is of 2019-03-31, 91 days before."""
    import json

    lines = _june_2019("--region", "那曲市")
    assert lines[2] == "地区：那曲市"
    headline = lines[6]
    assert headline.startswith("截至2019年6月30日，那曲市涉及的33项整改任务、74项具体措施中，")
    # (42 with no end date, 42 stale: not the same 42, which it says)
    assert headline.endswith("目前逾期未完成的具体措施1项，久未报告的长期坚持措施42项"
                             "（其中6项为限期部分已销号、继续长期坚持的措施，计入上文应完成或尚未到期的措施）。")
    # (status --region counts the same: figures written out, not taken from status to check summary)
    status = CliRunner().invoke(app, ["status", "--format", "json", "--region", "那曲市", "--as-of", "2019-06-30"],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-07-10"})
    counts = json.loads(status.stdout)["counts"]
    assert sum(counts["measures"].values()) == 74 and sum(counts["tasks"].values()) == 33
    assert (counts["measures"]["overdue"], counts["stale"]) == (1, 42)
    # (an alias is the region it names; English names it too)
    assert _june_2019("--region", "那曲地区")[2:7] == lines[2:7]
    en = _june_2019("--region", "那曲市", "--lang", "en")
    assert en[2] == "Region: 那曲市"
    assert en[6].startswith("As of 2019-06-30: 33 tasks and 74 measures concerning 那曲市. ")


def test_a_report_for_a_region_and_a_unit_names_both():
    lines = _june_2019("--region", "那曲市", "--region", "阿里地区", "--owner", "环境保护厅")
    assert lines[2:4] == ["责任单位：自治区生态环境厅", "地区：那曲市、阿里地区"]
    assert lines[7].startswith("截至2019年6月30日，那曲市、阿里地区涉及、自治区生态环境厅负责的")


REGIONS_ZH = "拉萨市、日喀则市、山南市、林芝市、昌都市、那曲市、阿里地区、墨竹工卡县"  # (the first 8 of 13)


@pytest.mark.parametrize("extra, said", [
    ((), f"rectify: --region：未知地区“那区”；地区为 {REGIONS_ZH}，另有 5 个\n"),
    (("--lang", "en"), f"rectify: --region: unknown region '那区'; the regions are {REGIONS_ZH.replace('、', ', ')} and 5 more\n"),
])
def test_an_unknown_region_is_refused_as_status_refuses_it(extra, said):
    # (the message written out in both languages: the two commands alike would pass were both wrong)
    env = {"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-07-10", "RECTIFY_LANG": None}
    for command in (["summary", "--month", "2019-06"], ["status"]):
        refused = CliRunner().invoke(app, [*command, "--region", "那区", *extra], env=env)
        assert (refused.exit_code, refused.stdout, refused.stderr) == (2, "", said), command


def test_a_regions_urging_list_gives_every_regions_measures_to_it_alone():
    """In 那曲市's report, 拉萨市 … 阿里地区 each had a row of 30 stale: their shares of the same
    各地市 measures, which 那曲市's office does not urge."""
    rows = _urging_rows("--region", "那曲市")
    assert rows["那曲市"] == _urging_rows()["那曲市"] == ["6", "1", "1", "39"]
    assert rows["各地市"] == ["6", "1", "1", "30"]
    assert not {"拉萨市", "日喀则市", "山南市", "林芝市", "昌都市", "阿里地区"} & set(rows)


def test_a_region_with_nothing_of_a_unit_says_so_rather_than_a_headline_of_zeros():
    assert _june_2019("--region", "班戈县", "--owner", "环境保护厅")[7] == "没有涉及班戈县、由自治区生态环境厅负责的具体措施。"
    assert (_june_2019("--region", "班戈县", "--owner", "环境保护厅", "--lang", "en")[7]
            == "No measure concerning 班戈县 is owned by 自治区生态环境厅.")


@pytest.mark.parametrize("lang, units", [
    ("zh", {"34.1": "自治区住房城乡建设厅、自…", "18.2": "自治区自然资源厅、…"}),
    ("en", {"34.1": "自治区住房城乡建设厅,…", "18.2": "自治区自然资源厅,…"})])
def test_a_list_of_units_cut_after_its_comma_ends_the_same_way_in_every_row(lang, units):
    """At 80 columns the English tables read `自治区住房城乡建设厅, …` in one row and
    `自治区自然资源厅,…` in the next: the ellipsis follows the comma, never a space."""
    result = CliRunner().invoke(app, ["summary", "--month", "2019-06", "--lang", lang],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-07-02", "COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.split()[:1] in (["34.1"], ["18.2"])}
    assert {measure: re.split(r"\s{2,}", row)[2] for measure, row in rows.items()} == units
    assert " …" not in result.stdout


@pytest.mark.parametrize("lang, note", [
    ("zh", "rectify: 注意：未找到 ./data/tasks.yaml，月报写的是内置示例台账；请在台账所在的文件夹中运行，或用 --registry 指定台账\n"),
    ("en", "rectify: note: no ./data/tasks.yaml found, so this summary is of the bundled example ledger; run it in "
           "your ledger's folder, or name it with --registry\n")])
def test_a_summary_that_fell_back_to_the_bundled_ledger_says_so_as_check_does(monkeypatch, tmp_path, lang, note):
    """Pasted into a monthly report, Tibet's figures would pass for one's own: the text is the
    report alone (stdout), the note on stderr; nothing said of a ledger named or found."""
    import shutil

    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    env = {"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-04-10"}
    fell_back = CliRunner().invoke(app, ["summary", "--lang", lang], env=env)
    assert fell_back.exit_code == 0, fell_back.output
    assert fell_back.stderr == note
    assert fell_back.stdout.startswith("西藏自治区")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    assert CliRunner().invoke(app, ["summary", "--lang", lang], env=env).stderr == ""


# --------------------------------------------------------------------------- --task

# By hand from data/tasks.yaml and data/progress.yaml (every entry 2019-03-31, 91 days before June's
# end; reporting period 90): task 18 (整改时限 2020-12-31) has 6 measures: 18.1 (2018-12-31, 长期坚持)
# and 18.2 (2018-06-30, 长期坚持) done, 18.3 and 18.5 (2020-12-31) in progress, 18.4 (2018-12-31
# done, 长期坚持, 2020-12-31), 18.6 (立即启动) done. Due: 18.1, 18.2; later: 18.3-18.5; no end
# date: 18.6; stale (engine: only a measure left with 长期坚持 alone): 18.1, 18.2, not 18.4 (its 2020
# step open); none overdue.
TASK_18_ZH = ("截至2019年6月30日，任务18的1项整改任务、6项具体措施中，应于2019年6月30日前完成的2项具体措施均已完成；"
              "期限在此之后的1项整改任务、3项具体措施尚未到期；需要立行立改、长期坚持的1项具体措施不设完成日期。"
              "目前无逾期未完成的具体措施，久未报告的长期坚持措施2项"
              "（均为限期部分已销号、继续长期坚持的措施，计入上文应完成或尚未到期的措施）。")


def test_a_tasks_monthly_report_says_whose_it_is_and_counts_its_measures_alone():
    """`summary --task 18` was refused (没有选项 --task) while status and check took it."""
    lines = _june_2019("--task", "18")
    assert lines[2] == "任务：18"
    assert lines[6:8] == [TASK_18_ZH, "与上月末（2019年5月31日）相比，已完成和逾期未完成的具体措施均持平。"]
    # (its urging list: 18.3, 18.4 open, 18.1, 18.2 stale of 自然资源厅; 18.5 open of 拉萨市, and
    # its share of 18.2 (各地市), stale, as every region's; 18.6 of 纪委监委, closed: quiet)
    rows = _urging_rows("--task", "18")
    assert rows["自治区自然资源厅"] == ["2", "0", "0", "2"]
    assert rows["拉萨市"] == ["1", "0", "0", "1"]
    assert rows["各地市"] == rows["那曲市"] == ["0", "0", "0", "1"]
    assert "自治区生态环境厅" not in rows and "自治区纪委监委" not in rows
    # (its stale list: those two alone)
    stale = "\n".join(lines).split("六、")[1].split("\n\n")[0]
    assert re.findall(r"^(\d+\.\d+) ", stale, flags=re.M) == ["18.1", "18.2"]
    # (status --task counts the same)
    import json

    status = CliRunner().invoke(app, ["status", "--format", "json", "--task", "18", "--as-of", "2019-06-30"],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-07-10"})
    counts = json.loads(status.stdout)["counts"]
    assert (sum(counts["measures"].values()), sum(counts["tasks"].values()), counts["stale"]) == (6, 1, 2)


def test_a_report_of_several_tasks_names_them_in_english_too():
    en = _june_2019("--task", "18", "--task", "１９", "--task", "18", "--lang", "en")  # (a full-width id too; once each)
    assert en[2] == "Tasks: 18, 19"
    assert en[6].startswith("As of 2019-06-30: 2 tasks and ")
    assert " measures of tasks 18 and 19. " in en[6]
    assert _june_2019("--task", "18", "--lang", "en")[2] == "Task: 18"
    assert _june_2019("--task", "18", "--lang", "en")[6] == (
        "As of 2019-06-30: 1 task and 6 measures of task 18. Due by that day: 2 measures, all of them completed. "
        "Due later: 1 task, 3 measures. Immediate or long-term (立行立改 / 长期坚持, no end date): 1 measure. "
        "Overdue and still open: none. Ongoing and not reported on in time: 2 measures (all of them long-term once "
        "the dated part was closed, counted above as due by that day or due later).")


def test_a_task_and_a_unit_take_the_units_measures_of_that_task():
    """As status takes them: 18.5 (拉萨市's) and 18.2 (各地市's, 拉萨市's share); the task counted by
    those two, the later 2020-12-31 of 18.5; 18.2 done and stale."""
    lines = _june_2019("--task", "18", "--owner", "拉萨市")
    assert lines[2:4] == ["责任单位：拉萨市", "任务：18"]
    assert lines[7] == ("截至2019年6月30日，任务18中拉萨市负责的1项整改任务、2项具体措施中，应于2019年6月30日前完成的"
                        "1项具体措施已完成；期限在此之后的1项整改任务、1项具体措施尚未到期。目前无逾期未完成的具体措施，"
                        "久未报告的长期坚持措施1项（为限期部分已销号、继续长期坚持的措施，计入上文应完成或尚未到期的措施）。")
    assert _june_2019("--task", "18", "--region", "那曲市")[7].startswith(
        "截至2019年6月30日，任务18中那曲市涉及的1项整改任务、1项具体措施中，")  # (18.2: 各地市's)
    assert _june_2019("--task", "18", "--owner", "环境保护厅")[7] == "任务18中，自治区生态环境厅没有负责的具体措施。"
    assert _june_2019("--task", "18", "--owner", "环境保护厅", "--lang", "en")[7] == (
        "No measure of task 18 is owned by 自治区生态环境厅.")
    assert _june_2019("--task", "18", "--region", "班戈县", "--owner", "环境保护厅")[8] == (
        "任务18中没有涉及班戈县、由自治区生态环境厅负责的具体措施。")


@pytest.mark.parametrize("extra, said", [
    (("--task", "46"), "rectify: --task：没有任务“46”（是否指 45？）\n"),
    (("--task", "18.9", "--lang", "en"), "rectify: --task: no task '18.9' (did you mean 18?)\n"),
])
def test_an_unknown_task_is_refused_as_status_refuses_it(extra, said):
    env = {"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-07-10", "RECTIFY_LANG": None}
    for command in (["summary", "--month", "2019-06"], ["status"]):
        refused = CliRunner().invoke(app, [*command, *extra], env=env)
        assert (refused.exit_code, refused.stdout, refused.stderr) == (2, "", said), command


@pytest.mark.parametrize("lang, said", [
    ("zh", "无法写入（只读文件系统）；未写入任何内容"),
    ("en", "cannot be written (Read-only file system); nothing was written"),
])
def test_a_report_over_one_on_a_read_only_mount_says_so_not_that_it_is_anothers(tmp_path, monkeypatch, lang, said):
    """`-o` naming a file on a read-only mount (a backup disk, a share mounted ro) said "is not
    writable by you (owner root, -rw-r--r--)", to root and to its owner alike. (Mounting needs
    privileges: the system's answers on such a mount are given here.)"""
    import errno
    import tempfile

    out = tmp_path / "月报.txt"
    out.write_bytes("上月的月报\n".encode("utf-8"))
    real_access, real_statvfs, real_mkstemp = os.access, os.statvfs, tempfile.mkstemp
    mounted = str(tmp_path)

    class ReadOnly:
        f_flag = os.ST_RDONLY

    def on_the_mount(path):
        return os.path.abspath(os.fspath(path)).startswith(mounted)

    def read_only_mkstemp(*args, dir=None, **kwargs):
        if dir is not None and on_the_mount(dir):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(os, "access", lambda path, how, **kw: not (how & os.W_OK and on_the_mount(path))
                        and real_access(path, how, **kw))
    monkeypatch.setattr(os, "statvfs", lambda path: ReadOnly() if on_the_mount(path) else real_statvfs(path))
    monkeypatch.setattr(tempfile, "mkstemp", read_only_mkstemp)
    result = run(tmp_path, "--month", "2019-03", "-o", str(out), "--lang", lang, today="2019-04-15")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"rectify: {out}: {said}\n"
    assert out.read_bytes() == "上月的月报\n".encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.yaml", "tasks.yaml", "月报.txt"]


@pytest.mark.parametrize("lang, said", [
    ("zh", "无法写入（没有文件夹 {folder}）；未写入任何内容"),
    ("en", "cannot be written (no such folder: {folder}); nothing was written"),
])
def test_a_report_through_a_link_to_a_missing_folder_names_that_folder(tmp_path, lang, said):
    """`-o` naming a symbolic link into a folder that is gone (a share unmounted, a folder
    renamed) named the link's own folder, which is there, as the one missing."""
    out = tmp_path / "月报.txt"
    out.symlink_to(tmp_path / "gone" / "月报.txt")
    result = run(tmp_path, "--month", "2019-03", "-o", str(out), "--lang", lang, today="2019-04-15")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"rectify: {out}: {said.format(folder=tmp_path / 'gone')}\n"
    assert os.readlink(out) == str(tmp_path / "gone" / "月报.txt")


def test_an_overdue_measure_whose_deadline_was_extended_late_is_marked_in_the_overdue_list(tmp_path):
    """1.1's 2018-12-31 was extended after it passed, to 2019-03-15, missed again: status --measures
    marks it 1.1* and check 逾期后延期; 四 showed it as 16 days late, as if on its first deadline."""
    run(tmp_path, "--month", "2019-01", today="2019-01-10")  # (writes the plan and an empty journal)
    extend = CliRunner().invoke(app, ["extend", "1.1", "-r", str(tmp_path / "tasks.yaml"), "--to", "2019-03-15",
                                      "--reason", "设备到货延迟", "--approved-by", "拉萨市", "--late"],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-01-10"})
    assert extend.exit_code == 0, extend.output
    result = run(tmp_path, "--month", "2019-03", today="2019-04-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.split("四、")[1].split("五、")[0] == (
        "逾期未完成（逾期最久的在前）\n"
        "措施    内容                       责任单位                   期限          逾期\n"
        "------  -------------------------  -------------------------  ----------  ------\n"
        "4.1     对相关责任人进行责任追究…  那曲市                     2018-01-03   452天\n"
        "1.2     自治区生态环境厅牵头制定…  自治区生态环境厅、自治区…  2018-06-30   274天\n"
        "4.2     【生态恢复】那曲市完成取…  那曲市、自治区生态环境厅   2018-10-31   151天\n"
        "1.1*    拉萨市建成城东污水处理厂…  拉萨市                     2019-03-15    16天\n"
        "\n"
        "* 逾期后延期：期限在过期后才延期\n"
        "\n")
    result = run(tmp_path, "--month", "2019-03", "--lang", "en", today="2019-04-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n4. ")[1].split("\n5. ")[0] == (
        "Overdue and still open (longest overdue first)\n"
        "No.    Text                      Units                     Due           Overdue\n"
        "-----  ------------------------  ------------------------  ----------  ---------\n"
        "4.1    对相关责任人进行责任追…   那曲市                    2018-01-03   452 days\n"
        "1.2    自治区生态环境厅牵头制…   自治区生态环境厅, 自治…   2018-06-30   274 days\n"
        "4.2    [生态恢复] 那曲市完成取…  那曲市, 自治区生态环境厅  2018-10-31   151 days\n"
        "1.1*   拉萨市建成城东污水处理…   拉萨市                    2019-03-15    16 days\n"
        "\n"
        "* extended late: its deadline moved after it passed\n")


def test_a_close_written_after_its_months_summary_says_it_was_late_in_the_line_that_lists_it(tmp_path):
    """1.1 (due 2018-12-31) closed 2019-03-20 but written 2019-04-10, after March's summary went out:
    April's 补录 line is the only report that names that close, and it did not say it was 79 days
    late, which 二 says of every late close and `close` warned of."""
    run(tmp_path, "--month", "2019-01", today="2019-04-10")  # (writes the plan and an empty journal)
    for measure, day in (("1.1", "2019-03-20"), ("3.1", "2019-03-25")):
        close = CliRunner().invoke(app, ["close", measure, "-r", str(tmp_path / "tasks.yaml"), "--date", day,
                                         "--evidence", "验收报告"],
                                   env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-04-10"})
        assert close.exit_code == 0, close.output
    result = run(tmp_path, "--month", "2019-04", today="2019-05-01")
    assert result.exit_code == 0, result.output
    assert ("\n本月补录上月日期的记录2条，上月的月报随之改变：1.1 销号（日期2019-03-20，记录于2019-04-10，逾期79天）；"
            "3.1 销号（日期2019-03-25，记录于2019-04-10）。\n") in result.stdout
    result = run(tmp_path, "--month", "2019-04", "--lang", "en", today="2019-05-01")
    assert result.exit_code == 0, result.output
    assert ("\nWritten this month, dated last month (2 entries; the summary of that month changes): 1.1 closed "
            "(dated 2019-03-20, written 2019-04-10, 79 days late); 3.1 closed (dated 2019-03-25, written 2019-04-10).\n"
            ) in result.stdout


def test_a_late_extension_written_after_its_months_summary_says_it_was_requested_late(tmp_path):
    """An extension requested after the deadline it moves, written after its month's summary went
    out: 七 of that month would have marked it 1.1*; the 补录 line naming it did not say so."""
    run(tmp_path, "--month", "2019-01", today="2019-04-10")  # (writes the plan and an empty journal)
    extend = CliRunner().invoke(app, ["extend", "1.1", "-r", str(tmp_path / "tasks.yaml"), "--date", "2019-03-20",
                                      "--to", "2019-06-30", "--reason", "设备到货延迟", "--approved-by", "拉萨市", "--late"],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-04-10"})
    assert extend.exit_code == 0, extend.output
    result = run(tmp_path, "--month", "2019-04", today="2019-05-01")
    assert result.exit_code == 0, result.output
    assert ("\n本月补录上月日期的记录1条，上月的月报随之改变：1.1 延期（日期2019-03-20，记录于2019-04-10，逾期申请）。\n"
            ) in result.stdout
    result = run(tmp_path, "--month", "2019-04", "--lang", "en", today="2019-05-01")
    assert result.exit_code == 0, result.output
    assert ("\nWritten this month, dated last month (1 entry; the summary of that month changes): 1.1 extended "
            "(dated 2019-03-20, written 2019-04-10, late request).\n") in result.stdout


def _write(tmp_path, today: str, *args: str) -> None:
    result = CliRunner().invoke(app, [*args, "-r", str(tmp_path / "tasks.yaml")],
                                env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": today})
    assert result.exit_code == 0, result.output


def _overview_change(tmp_path, month: str, today: str, *extra: str) -> str:
    result = run(tmp_path, "--month", month, *extra, today=today)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[6]  # (the title's two lines, the period, a blank, 一's heading, its headline)


def test_a_change_from_a_last_month_end_that_back_dated_entries_changed_says_so_in_its_sentence(tmp_path):
    """1.1 closed 2019-03-20 but written 2019-04-10: March's summary as sent said 0 closed and 4
    overdue; April's 与上月末 said 仍为1项 and 由3项, and why only in the 补录 line at its very end,
    far from the figures a reader checks against March's. A back-dated report changes no figure."""
    run(tmp_path, "--month", "2019-01", today="2019-04-10")  # (writes the plan and an empty journal)
    _write(tmp_path, "2019-04-10", "close", "1.1", "--date", "2019-03-20", "--evidence", "验收报告")
    _write(tmp_path, "2019-04-10", "report", "2.2", "--date", "2019-03-25", "--note", "3月检查")
    assert _overview_change(tmp_path, "2019-04", "2019-05-01") == (
        "与上月末（2019年3月31日，含本月补录的1条记录，见文末）相比，全部具体措施中已完成的仍为1项，"
        "逾期未完成的具体措施由3项增至4项（本月新增逾期1项）。")
    assert _overview_change(tmp_path, "2019-04", "2019-05-01", "--lang", "en") == (
        "Since the end of the previous month (2019-03-31, counting 1 entry written this month and dated before it, "
        "see the end): completed measures, due or not, unchanged at 1; overdue measures up from 3 to 4 "
        "(1 newly overdue this month).")
    # (May's previous month end is April's: nothing back-dated into it changed it)
    assert _overview_change(tmp_path, "2019-05", "2019-06-01").startswith("与上月末（2019年4月30日）相比，")


def test_a_back_dated_report_alone_adds_no_pointer_to_the_change(tmp_path):
    run(tmp_path, "--month", "2019-01", today="2019-04-10")
    _write(tmp_path, "2019-04-10", "report", "2.2", "--date", "2019-03-25", "--note", "3月检查")
    assert _overview_change(tmp_path, "2019-04", "2019-05-01") == (
        "与上月末（2019年3月31日）相比，仍无已完成的具体措施，逾期未完成的具体措施由4项增至5项（本月新增逾期1项）。")


def test_a_measure_overdue_again_as_its_close_was_retracted_is_said_to_be_so_in_the_change(tmp_path):
    """1.2 (due 2018-06-30) closed 2019-03-10, the close retracted 2019-04-05: at March's end it
    counted closed, as March's summary said, so it is new among April's overdue (the figures add
    up against March's); but 本月新增逾期2项 read as two deadlines passed in April, 1.2's was 2018's."""
    run(tmp_path, "--month", "2019-01", today="2019-03-10")
    _write(tmp_path, "2019-03-10", "close", "1.2", "--evidence", "监管办法印发")
    _write(tmp_path, "2019-04-05", "retract", "1.2", "--reason", "办法尚未印发，误销号")
    assert _overview_change(tmp_path, "2019-04", "2019-05-01") == (
        "与上月末（2019年3月31日）相比，全部具体措施中已完成的由1项减至0项，逾期未完成的具体措施由3项增至5项"
        "（本月新增逾期2项，其中1.2因撤回误录而重新逾期，见九）。")
    assert _overview_change(tmp_path, "2019-04", "2019-05-01", "--lang", "en") == (
        "Since the end of the previous month (2019-03-31): completed measures, due or not, down from 1 to 0; "
        "overdue measures up from 3 to 5 (2 newly overdue this month, 1.2 of them overdue again after a retraction, "
        "see 9).")
    # (in May nothing is new: 1.2 and 2.1 were overdue at April's end)
    assert _overview_change(tmp_path, "2019-05", "2019-06-01") == "与上月末（2019年4月30日）相比，已完成和逾期未完成的具体措施均持平。"


def test_a_measure_overdue_again_as_its_close_was_retracted_alone_is_named_as_the_newly_overdue(tmp_path):
    run(tmp_path, "--month", "2019-01", today="2019-02-10")
    _write(tmp_path, "2019-02-10", "close", "1.2", "--evidence", "监管办法印发")
    _write(tmp_path, "2019-03-05", "retract", "1.2", "--reason", "办法尚未印发，误销号")
    assert _overview_change(tmp_path, "2019-03", "2019-04-01") == (
        "与上月末（2019年2月28日）相比，全部具体措施中已完成的由1项减至0项，逾期未完成的具体措施由3项增至4项"
        "（本月新增逾期1项：1.2因撤回误录而重新逾期，见九）。")
    assert _overview_change(tmp_path, "2019-03", "2019-04-01", "--lang", "en") == (
        "Since the end of the previous month (2019-02-28): completed measures, due or not, down from 1 to 0; "
        "overdue measures up from 3 to 4 (1 newly overdue this month: 1.2, overdue again after a retraction, see 9).")



def test_a_close_of_a_measures_dated_part_says_under_the_table_that_it_goes_on_as_long_term(tmp_path):
    """2.1 (2019年4月15日，长期坚持) closed: its row read as a measure done with, as 1.1's does,
    while it goes on to be reported on (and is urged in 六 once it is not)."""
    run(tmp_path, "--month", "2019-01", today="2019-04-10")
    _write(tmp_path, "2019-04-10", "close", "2.1", "--evidence", "围挡验收")
    _write(tmp_path, "2019-04-10", "close", "1.1", "--evidence", "验收报告")
    for lang, line in (("zh", "\n\n逾期销号：1.1（逾期100天）。\n销号后继续长期坚持：2.1。\n\n三、"),
                       ("en", "\n\nClosed late: 1.1 (100 days late).\nClosed, and kept up long-term (长期坚持): 2.1."
                              "\n\n3. ")):
        result = run(tmp_path, "--month", "2019-04", "--lang", lang, today="2019-05-01")
        assert result.exit_code == 0, result.output
        assert line in result.stdout
    # (a month whose closes all end their measures has no such line)
    result = run(tmp_path, "--month", "2019-04", "--task", "1", today="2019-05-01")
    assert "继续长期坚持：" not in result.stdout
