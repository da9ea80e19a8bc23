"""The CI gate's decisions: which measures fail, which only warn, and where they are defined."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from builders import date_ms, entry, make_measure, make_registry, ongoing, plan_of
from rectify_cli.engine import evaluate
from rectify_cli.gate import display_path, run_check, stale_days
from rectify_cli.model import Location
from rectify_cli.registry import load_registry

AS_OF = date(2019, 3, 31)
SMALL = Path(__file__).parent / "fixtures" / "small" / "tasks.yaml"


def _check(plan, journal=(), *, fail_on=("overdue",), as_of=AS_OF, **registry_kwargs):
    report = evaluate(plan=plan, journal=journal, as_of=as_of)
    return run_check(report, fail_on=fail_on, registry=make_registry(plan, journal, **registry_kwargs))


def _mixed_plan():
    """Two overdue (20 and 89 days), one due soon, one stale ongoing, one on track."""
    return plan_of(
        make_measure("1.1", ["2019-03-11"]),
        make_measure("1.2", ["2019-01-01"]),
        make_measure("2.1", ["2019-04-15"]),
        make_measure("3.1", [ongoing()]),
        make_measure("3.2", ["2020-12-31"]),
    )


def ids(items):
    return [item.id for item in items]


def test_overdue_fails_worst_first_and_due_soon_only_warns():
    result = _check(_mixed_plan())
    assert ids(result.failing) == ["1.2", "1.1"]
    assert [item.rule for item in result.failing] == ["overdue", "overdue"]
    assert ids(result.warnings) == ["2.1"]
    assert ids(result.items) == ["1.2", "1.1", "2.1", "3.1", "3.2"]
    assert [item.kind for item in result.items] == ["failure", "failure", "warning", "pass", "pass"]
    assert result.total == 5
    assert result.as_of == AS_OF
    assert result.fail_on == ("overdue",)


def test_passes_not_itemised_still_count_in_the_total():
    plan = _mixed_plan()
    report = evaluate(plan=plan, journal=(), as_of=AS_OF)
    result = run_check(report, fail_on=("overdue",), registry=make_registry(plan), itemise_passes=False)
    full = _check(plan)
    assert (result.failing, result.warnings, result.total) == (full.failing, full.warnings, 5)
    assert result.passing == () and result.unlisted == 2
    with pytest.raises(ValueError):
        result.items  # noqa: B018 - junit needs every measure itemised


def test_fail_on_due_soon_turns_the_warning_into_a_failure():
    result = _check(_mixed_plan(), fail_on=("overdue", "due_soon"))
    assert ids(result.failing) == ["1.2", "1.1", "2.1"]
    assert result.warnings == ()
    assert result.count("overdue") == 2
    assert result.count("due_soon") == 1


@pytest.mark.parametrize("fail_on", [("stale",), ("due_soon",)])
def test_fail_on_adds_to_overdue_and_never_lets_overdue_measures_pass(fail_on):
    """`--fail-on due_soon` alone once made the gate pass with overdue measures: a trap."""
    result = _check(_mixed_plan(), fail_on=fail_on)
    assert result.fail_on == ("overdue", *fail_on)
    assert [(item.result.measure.id, item.rule) for item in result.failing] == \
        ([("1.2", "overdue"), ("1.1", "overdue"), ("3.1", "stale")] if fail_on == ("stale",)
         else [("1.2", "overdue"), ("1.1", "overdue"), ("2.1", "due_soon")])
    assert ids(result.warnings) == (["2.1"] if fail_on == ("stale",) else [])


def test_fail_on_is_deduplicated_in_a_fixed_order():
    result = _check(_mixed_plan(), fail_on=("stale", "overdue", "stale"))
    assert result.fail_on == ("overdue", "stale")


def test_unknown_fail_on_is_a_usage_error():
    with pytest.raises(ValueError) as caught:
        _check(_mixed_plan(), fail_on=("late",))
    assert str(caught.value) == "unknown rule 'late'; expected one of overdue, due_soon, stale"


def test_nothing_failing():
    plan = plan_of(make_measure("1.1", ["2018-06-30"]), make_measure("1.2", [ongoing()]))
    journal = [entry("1.1", "2018-06-01", "done"), entry("1.2", "2019-03-01", "report")]
    result = _check(plan, journal, fail_on=("overdue", "due_soon", "stale"))
    assert result.failing == ()
    assert result.warnings == ()
    assert result.total == 2


def test_stale_days_counts_from_the_last_entry_else_from_the_feedback_date():
    """1.2, never reported on: from the plan's feedback, 2018-01-03, to 2019-03-31: 452 days."""
    plan = plan_of(make_measure("1.1", [ongoing()]), make_measure("1.2", [ongoing()]))
    journal = [entry("1.1", "2018-06-30", "report")]
    result = _check(plan, journal, fail_on=("stale",))
    assert [(item.id, stale_days(item, AS_OF)) for item in result.failing] == [("1.2", 452), ("1.1", 274)]


def test_location_from_the_loaded_small_fixture(monkeypatch):
    monkeypatch.chdir(SMALL.parents[3])  # the repository root
    registry = load_registry("tests/fixtures/small/tasks.yaml")
    report = evaluate(plan=registry.plan, journal=registry.journal, as_of=AS_OF)
    result = run_check(report, fail_on=("overdue",), registry=registry)
    (failure,) = result.failing
    assert (failure.id, failure.file, failure.line) == ("1.1", "tests/fixtures/small/tasks.yaml", 41)
    (warning,) = result.warnings
    assert (warning.id, warning.file, warning.line) == ("2.1", "tests/fixtures/small/tasks.yaml", 64)


def test_absolute_location_under_the_working_folder_becomes_relative(tmp_path):
    plan_file = tmp_path / "data" / "tasks.yaml"
    plan = plan_of(make_measure("1.1", ["2019-01-01"], location=Location(str(plan_file), 12, 9)))
    report = evaluate(plan=plan, journal=(), as_of=AS_OF)
    result = run_check(report, fail_on=("overdue",), registry=make_registry(plan), cwd=tmp_path)
    assert (result.failing[0].file, result.failing[0].line) == ("data/tasks.yaml", 12)


def test_location_outside_the_working_folder_is_kept_as_given(tmp_path):
    elsewhere = tmp_path / "elsewhere" / "tasks.yaml"
    here = tmp_path / "here"
    here.mkdir()
    assert display_path(str(elsewhere), cwd=here) == str(elsewhere)
    assert display_path(str(here / "a" / "b.yaml"), cwd=here) == "a/b.yaml"


def test_under_github_actions_a_location_is_relative_to_the_repository(tmp_path, monkeypatch):
    """Under `working-directory: ledger` the file is ledger/tasks.yaml in the repository: a path
    relative to the working folder put annotations on a file that does not exist (probe6 #5)."""
    ledger = tmp_path / "repo" / "ledger"
    ledger.mkdir(parents=True)
    monkeypatch.chdir(ledger)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    assert display_path("tasks.yaml") == "ledger/tasks.yaml"
    assert display_path(str(ledger / "sub" / "a.yaml")) == "ledger/sub/a.yaml"
    # Not in the repository: in full (a relative name is read from the repository's root), even
    # under the working folder.
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "other"))
    assert display_path("tasks.yaml") == (ledger / "tasks.yaml").as_posix()
    assert display_path(str(tmp_path / "elsewhere.yaml")) == str(tmp_path / "elsewhere.yaml")
    monkeypatch.delenv("GITHUB_WORKSPACE")
    assert display_path("tasks.yaml") == "tasks.yaml"


def test_measure_without_location_uses_the_only_plan_file():
    plan = plan_of(make_measure("1.1", ["2019-01-01"]))
    result = _check(plan, plan_files=("/nowhere/ledger/tasks.yaml",))
    assert (result.failing[0].file, result.failing[0].line) == ("/nowhere/ledger/tasks.yaml", None)


def test_measure_without_location_in_a_hand_built_registry_has_none():
    result = _check(plan_of(make_measure("1.1", ["2019-01-01"])))
    assert (result.failing[0].file, result.failing[0].line) == (None, None)


def test_due_today_only_warns():
    # A deadline day itself is not late: due today is due soon, not overdue.
    result = _check(plan_of(make_measure("1.1", [date_ms("2019-03-31")])))
    assert result.failing == ()
    assert ids(result.warnings) == ["1.1"]


@pytest.mark.parametrize("order", [["1.2", "1.9", "1.10"], ["1.10", "1.9", "1.2"], ["1.9", "1.10", "1.2"]])
def test_equally_overdue_measures_are_listed_in_natural_id_order_whatever_the_plan_order(order):
    result = _check(plan_of(*(make_measure(mid, ["2019-03-01"]) for mid in order)))
    assert ids(result.failing) == ["1.2", "1.9", "1.10"]


def test_each_rule_sorts_as_a_whole_before_the_next_whatever_its_days():
    """Overdue by 43,000 days, then due soon, then stale never reported (from the feedback,
    2018-01-03), then stale last reported in 1900: the rule first, its days only within it."""
    plan = plan_of(make_measure("1.1", [ongoing()]), make_measure("1.2", [ongoing()]),
                   make_measure("1.3", ["2019-04-15"]), make_measure("1.4", ["1901-01-01"]),
                   make_measure("1.5", ["2019-03-30"]))
    journal = [entry("1.1", "1900-01-01", "report")]
    result = _check(plan, journal, fail_on=("overdue", "due_soon", "stale"))
    assert [(item.id, item.rule) for item in result.failing] == [
        ("1.4", "overdue"), ("1.5", "overdue"), ("1.3", "due_soon"), ("1.2", "stale"), ("1.1", "stale")]
