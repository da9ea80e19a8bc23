"""reconcile's text (render/reconcile_text.py) on a narrow terminal: every line within its width."""
from __future__ import annotations

from pathlib import Path

import pytest
from wcwidth import wcswidth

from rectify_cli.i18n import Lang
from rectify_cli.reconcile import reconcile
from rectify_cli.registry import load_registry
from rectify_cli.render import reconcile_text

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "tasks.yaml"


@pytest.mark.skipif(not BUNDLED.is_file(), reason="no bundled ledger")
@pytest.mark.parametrize("lang, block, last", [
    (Lang.zh, ["tasks_total", "  报告数 45，附件计", "  算 45，一致", "  报告原文：", "    全区45项整改任务", "  计数规则：",
               "    附件所列整改任务", "    数"],
     ["- measures_ongoing", "  “65项具体措施”：报", "  告称65，按附件计算", "  为68。"]),
    (Lang.en, ["tasks_total", "  claimed 45,", "  computed 45, match", "  Report's words:", "    全区45项整改任务",
               "  Counting rule:", "    tasks listed in", "    the appendix"],
     ["- measures_ongoing", "  (“65项具体措施”):", "  the report claims", "  65, the appendix", "  gives 68."]),
])
def test_at_20_columns_no_line_runs_past_the_edge_but_a_key(lang, block, last):
    """At 20 columns each claim's numbers, `  claimed 45, computed` (22 cells), and each line under a
    label, `    tasks listed in the` (24), ran past the edge, kept 20 cells of text after their indent;
    a bullet's text went on the lines under a `-` alone. Only a key wider than the line is (whole)."""
    reg = load_registry(BUNDLED, use_cache=False)
    lines = reconcile_text.render(reconcile(plan=reg.plan, journal=reg.journal), lang=lang, width=20).splitlines()
    at = lines.index("tasks_total")
    assert lines[at:at + len(block)] == block
    assert lines[-len(last):] == last
    assert [line for line in lines if wcswidth(line) > 20] == [
        "tasks_due_2018_finishing", "measures_due_2018_done", "measures_due_2018_in_progress", "measures_due_2019_2020"]
