"""The monthly summary as it is pasted into a document: no trailing spaces, Chinese
punctuation, each empty section saying what it lacks, the headline in the issuer's words."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rectify_cli.cli import app
from rectify_cli.i18n import Lang
from rectify_cli.render.summary_text import headline_sentence, render
from rectify_cli.summary import Headline, MonthlySummary, OverdueItem

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests/fixtures/small/tasks.yaml"
BUNDLED = ROOT / "data/tasks.yaml"


def summary_text(*args: str) -> str:
    result = CliRunner().invoke(app, ["summary", *args], env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-04-15"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _headline(**changes) -> Headline:
    values = dict(as_of=date(2019, 3, 31), tasks_total=1, measures_total=2, tasks_due=0, tasks_due_done=0,
                  measures_due=0, measures_due_done=0, tasks_later=0, measures_later=1, tasks_ongoing=1,
                  measures_ongoing=1, measures_overdue=0, measures_overdue_outside_due=0, measures_stale=0)
    return Headline(**{**values, **changes})


def _summary(**changes) -> MonthlySummary:
    values = dict(title="台账", first=date(2019, 3, 1), last=date(2019, 3, 31), as_of=date(2019, 3, 31),
                  next_first=date(2019, 4, 1), next_last=date(2019, 4, 30), warn_days=30, report_period_days=90,
                  owners=(), headline=_headline(), closed=(), reopened=(), overdue=(), due_next_month=(), stale=(),
                  extensions=(), units=(), units_quiet=0, head_hash=None)
    return MonthlySummary(**{**values, **changes})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("registry", [SMALL, BUNDLED], ids=["small", "bundled"])
def test_no_line_ends_in_spaces(registry, lang):
    """Word keeps trailing spaces and wraps on them: 89 of the 149 lines of the bundled
    ledger's March report ended in up to 40 of them (tables were padded to their widest line)."""
    if not registry.is_file():
        pytest.skip("no bundled ledger")
    text = summary_text("-r", str(registry), "--month", "2019-03", "--lang", lang)
    assert [line for line in text.split("\n") if line != line.rstrip()] == []


def test_the_head_line_takes_a_full_width_colon():
    assert render(_summary(head_hash="ab" * 32), lang=Lang.zh).endswith("\n\n台账哈希（截至本月）：" + "ab" * 32 + "\n")
    assert render(_summary(), lang=Lang.en).endswith("\n\nJournal head hash (as of this month): none\n")


def test_each_empty_section_says_what_it_lacks():
    """五 is about next month: 本月无 ("none this month") under its heading said the opposite."""
    zh = render(_summary(), lang=Lang.zh).split("\n")
    assert [zh[zh.index(h) + 1] for h in ("二、本月销号", "三、本月重新打开（回头看）", "四、逾期未完成（逾期最久的在前）",
                                          "五、下月到期预警（2019年4月）", "六、长期坚持措施久未报告（超过90天未报告）",
                                          "七、本月批准延期", "八、督办清单（按责任单位，逾期多的在前）")] == [
        "本月无销号的措施。", "本月无重新打开的措施。", "无逾期未完成的措施。", "无到期的措施。", "无久未报告的措施。",
        "本月无批准延期。", "无。"]
    en = render(_summary(), lang=Lang.en).split("\n")
    assert [en[en.index(h) + 1] for h in ("2. Closed out this month", "5. Due next month (April 2019)",
                                          "4. Overdue and still open (longest overdue first)")] == [
        "No measure closed this month.", "No measure falls due.", "No measure overdue."]


def test_the_headline_says_the_issuers_scope():
    """A province's report says 全省 (it said 全区, Tibet's word, for every ledger)."""
    assert headline_sentence(_headline(), owners=(), lang=Lang.zh, scope="全省").startswith(
        "截至2019年3月31日，全省1项整改任务、2项具体措施中，")
    assert headline_sentence(_headline(), owners=(), lang=Lang.zh, scope="").startswith(
        "截至2019年3月31日，1项整改任务、2项具体措施中，")


def test_a_province_ledger_headline_says_quan_sheng(tmp_path):
    plan = tmp_path / "tasks.yaml"
    plan.write_text(SMALL.read_text(encoding="utf-8").replace("issuer: 测试自治区党委、政府", "issuer: 甘肃省人民政府"),
                    encoding="utf-8")
    (tmp_path / "progress.yaml").write_bytes(SMALL.with_name("progress.yaml").read_bytes())
    assert "截至2019年3月31日，全省4项整改任务" in summary_text("-r", str(plan), "--month", "2019-03")
    assert "截至2019年3月31日，全区4项整改任务" in summary_text("-r", str(SMALL), "--month", "2019-03")


def test_the_overdue_clause_is_true_of_an_overdue_immediate_measure():
    """One 立即启动 measure, overdue, with no later deadline: the clause said it was 尚未到最后期限."""
    text = headline_sentence(_headline(measures_overdue=1, measures_overdue_outside_due=1), owners=(), lang=Lang.zh,
                             scope="全省")
    assert "目前逾期未完成的具体措施1项（为立即启动或分阶段完成的措施，计入上文尚未到期或不设完成日期的措施），" in text
    assert "尚未到最后期限" not in text
    en = headline_sentence(_headline(measures_overdue=1, measures_overdue_outside_due=1), owners=(), lang=Lang.en)
    assert "Overdue and still open: 1 measure (immediate or done in steps, counted above as due later " \
           "or with no end date)." in en


def test_english_joins_units_with_commas():
    text = render(_summary(overdue=(OverdueItem("1.1", "建厂", ("拉萨市", "那曲市"), date(2019, 1, 1), 89),)),
                  lang=Lang.en)
    assert "拉萨市, 那曲市" in text and "、" not in text
    assert "拉萨市、那曲市" in render(_summary(overdue=(OverdueItem("1.1", "建厂", ("拉萨市", "那曲市"), date(2019, 1, 1), 89),)),
                                     lang=Lang.zh)
