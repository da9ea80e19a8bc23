"""Dates and months typed on the command line, read alike by every option that takes one: in
full-width digits as a Chinese input method types them (２０１９-０３), and never with a separator
left dangling at the end (2019-3-), which is a slip, not a month."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builders import run_cli

ROOT = Path(__file__).resolve().parents[1]
SMALL = "tests/fixtures/small/tasks.yaml"


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture
def ledger(tmp_path) -> str:
    """A copy of the bundled ledger, to write to; its 179 entries are all dated 2019-03-31."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return str(tmp_path / "data" / "tasks.yaml")


APRIL = {"RECTIFY_TODAY": "2019-04-30"}


# --------------------------------------------------------------------------- full-width digits


def test_as_of_in_full_width_digits_is_that_day():
    result = run_cli("check", "-r", SMALL, "--as-of", "２０１８－１２－３１")
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "截至 2018-12-31，8 项措施均无逾期")


def test_a_month_in_full_width_digits_is_that_month(ledger):
    result = run_cli("summary", "-r", ledger, "--month", "２０１９-０３", env=APRIL)
    assert result.exit_code == 0, result.stderr
    assert "统计区间：2019-03-01 至 2019-03-31" in result.stdout.splitlines()


@pytest.mark.parametrize("since, entries", [("２０１９-０３", 179), ("２０１９-０４-０１", 0)])
def test_since_in_full_width_digits_is_that_day_or_month(ledger, since, entries):
    result = run_cli("history", "-r", ledger, "--since", since, "--format", "json", env=APRIL)
    assert (result.exit_code, len(json.loads(result.stdout)["entries"])) == (0, entries)


def test_an_entrys_date_in_full_width_digits_is_that_day(ledger):
    result = run_cli("record", "35.3", "-r", ledger, "--state", "in_progress", "--note", "推进中",
                     "--date", "２０１９-０４-０１", env=APRIL)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("已记录 35.3 2019-04-01 推进中 — ")


def test_an_extensions_new_deadline_in_full_width_digits_is_that_day(ledger):
    result = run_cli("extend", "35.3", "-r", ledger, "--to", "２０１９年１２月３１日", "--reason", "资金未到位",
                     "--approved-by", "自治区生态环境厅", "--late", env=APRIL)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("已记录 35.3 2019-04-30 延期 → 2019-12-31（逾期申请） — ")


def test_a_milestone_in_full_width_digits_is_that_step(ledger):
    result = run_cli("close", "18.4", "-r", ledger, "--milestone", "２０２０/１２/３１", "--evidence", "验收意见",
                     env=APRIL)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("已记录 18.4 2019-04-30 销号（2020-12-31到期的一步） — ")


# --------------------------------------------------------------------------- a separator left at the end


@pytest.mark.parametrize("lang, said", [
    ("zh", "rectify: --month：“2019-3-”不是月份（可写作 2019-03 或 2019年3月）\n"),
    ("en", "rectify: --month: not a month: '2019-3-' (use 2019-03 or 2019年3月)\n"),
])
def test_a_month_ending_in_a_separator_is_refused(ledger, lang, said):
    result = run_cli("summary", "-r", ledger, "--month", "2019-3-", "--lang", lang, env=APRIL)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)


@pytest.mark.parametrize("typed", ["2019-03-01-", "2019/3/1/", "2019-03-"])
def test_as_of_ending_in_a_separator_is_refused(typed):
    result = run_cli("check", "-r", SMALL, "--as-of", typed)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"rectify: --as-of：“{typed}”不是日期（可写作 2019-03-31、2019/3/31、2019-03（该月最后一天）"
                             "或 2019年3月31日）\n")


def test_an_entrys_date_ending_in_a_separator_is_refused_and_nothing_is_written(ledger):
    journal = Path(ledger).with_name("progress.yaml")
    before = journal.read_bytes()
    result = run_cli("record", "35.3", "-r", ledger, "--state", "in_progress", "--note", "推进中",
                     "--date", "2019-04-02-", env=APRIL)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "rectify: --date：“2019-04-02-”不是日期（可写作 2019-03-31、2019/3/31 或 2019年3月31日）\n"
    assert journal.read_bytes() == before


def test_a_month_or_day_written_in_chinese_still_reads(ledger):
    """(Its 月 and 日 are no separators: 2019年3月 is a month, not 2019-3- with a slip.)"""
    result = run_cli("summary", "-r", ledger, "--month", "2019年3月", env=APRIL)
    assert "统计区间：2019-03-01 至 2019-03-31" in result.stdout.splitlines()
    result = run_cli("check", "-r", SMALL, "--as-of", "2018年12月")
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "截至 2018-12-31，8 项措施均无逾期")
    result = run_cli("check", "-r", SMALL, "--as-of", "2018年12月31日")
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "截至 2018-12-31，8 项措施均无逾期")


# --------------------------------------------------------------------------- 日 and 月 where they end nothing


@pytest.mark.parametrize("typed", ["2019年3月日", "2019年3日", "2019-03-01月", "2019年3月1日日"])
def test_as_of_with_a_day_or_month_word_ending_nothing_is_refused(typed):
    """2019年3月日 (the day left out) was read as March alone, judged as of its last day,
    2019-03-31; 2019-03-01月 as 2019-03-01."""
    result = run_cli("check", "-r", SMALL, "--as-of", typed)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"rectify: --as-of：“{typed}”不是日期（可写作 2019-03-31、2019/3/31、2019-03（该月最后一天）"
                             "或 2019年3月31日）\n")


def test_a_month_with_a_day_word_and_no_day_is_refused(ledger):
    """(2019年3日 was read as March.)"""
    result = run_cli("summary", "-r", ledger, "--month", "2019年3日", env=APRIL)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "rectify: --month：“2019年3日”不是月份（可写作 2019-03 或 2019年3月）\n")


@pytest.mark.parametrize("typed", ["2018-12-31日", "2018年12月31", "２０１８年１２月３１日", "2018年12月31日 "])
def test_a_day_written_half_in_chinese_still_reads(typed):
    result = run_cli("check", "-r", SMALL, "--as-of", typed)
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "截至 2018-12-31，8 项措施均无逾期")


# --------------------------------------------------------------------------- a day without its year


@pytest.mark.parametrize("command, option, typed, zh, en", [
    ("check", "--as-of", "12月31日", "--as-of：“12月31日”缺少年份：请写明哪一年，YYYY-12-31",
     "--as-of: '12月31日' has no year: give it, YYYY-12-31"),
    ("history", "--since", "3月5号", "--since：“3月5号”缺少年份：请写明哪一年，YYYY-03-05",
     "--since: '3月5号' has no year: give it, YYYY-03-05"),
], ids=["as-of", "since"])
def test_a_day_without_its_year_is_said_to_lack_it_by_the_reading_options(command, option, typed, zh, en):
    """As --date, --to and --entry say it: they only said it was no date, listing forms with a year."""
    for lang, said in (("zh", zh), ("en", en)):
        result = run_cli(command, "-r", SMALL, option, typed, "--lang", lang)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {said}\n")


# --------------------------------------------------------------------------- a since-date after today


@pytest.mark.parametrize("typed, zh, en", [
    ("2019-06-16", "--since：2019-06-16 晚于今天（2019-06-15）；台账只记录已经发生的事，此后还没有记录",
     "--since: 2019-06-16 is in the future (today is 2019-06-15); the journal records what has happened, "
     "none after today yet"),
    ("2019-07", "--since：2019-07-01 晚于今天（2019-06-15）；台账只记录已经发生的事，此后还没有记录",
     "--since: 2019-07-01 is in the future (today is 2019-06-15); the journal records what has happened, "
     "none after today yet"),
])
def test_history_since_a_day_after_today_is_refused_as_date_refuses_it(typed, zh, en):
    """It said 没有记录, exit 0, as if the journal were empty from then on: a since-date after today
    (a year mistyped, 2091 for 2019) can only list nothing; record --date refuses it so."""
    for lang, said in (("zh", zh), ("en", en)):
        result = run_cli("history", "-r", SMALL, "--since", typed, "--lang", lang, env={"RECTIFY_TODAY": "2019-06-15"})
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {said}\n")


def test_history_since_today_lists_todays_entries_and_says_so_when_none():
    result = run_cli("history", "-r", SMALL, "--since", "2019-06-15", env={"RECTIFY_TODAY": "2019-06-15"})
    assert (result.exit_code, result.stdout) == (0, "自 2019-06-15 以来没有记录\n")
    result = run_cli("history", "-r", SMALL, "--since", "2019-03-10", env={"RECTIFY_TODAY": "2019-03-10"})
    assert result.exit_code == 0
    assert [line.split()[:2] for line in result.stdout.splitlines()[2:3]] == [["2019-03-10", "4.2"]]
