"""`rectify summary` on the command line: which month it reports on, and what it says when
there is none to report on."""
from __future__ import annotations

from pathlib import Path

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
    assert result.stderr == ("rectify: last month (2017-12, the default of --month) ended before the inspection's "
                             "feedback (2018-01-03): nothing to report on; --month 2018-01 reports on this month so far\n")


def test_a_month_given_keeps_its_message(tmp_path):
    assert run(tmp_path, "--month", "2017-12", today="2018-01-20").stderr == (
        "rectify: --month: 2017-12 ended before the inspection's feedback (2018-01-03): nothing to report on\n")
    assert run(tmp_path, "--month", "2018-02", today="2018-01-20").stderr == (
        "rectify: --month: 2018-02 has not begun (today is 2018-01-20)\n")
