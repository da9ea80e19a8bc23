"""Loading validates: every planted mistake is reported with its file:line:column, together."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from rectify_cli import registry
from rectify_cli.errors import RegistryError
from rectify_cli.registry import load_registry

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


def test_small_fixture_loads_with_locations():
    reg = load_registry(FIXTURES / "small" / "tasks.yaml")
    assert [t.id for t in reg.plan.tasks] == ["1", "2", "3", "4"]
    measure = next(m for m in reg.plan.measures() if m.id == "4.2")
    assert [m.label for m in measure.milestones] == ["生态恢复", "验收"]
    assert measure.location.line == 116
    # a journal `by` written as an alias is read as the canonical unit
    entry = next(e for e in reg.journal if e.measure == "1.2")
    assert entry.by == "自治区生态环境厅"


def test_planted_mistakes_are_all_reported_with_lines():
    with pytest.raises(RegistryError) as caught:
        load_registry(FIXTURES / "planted" / "tasks.yaml")
    messages = [str(p) for p in caught.value.problems]
    file = str(FIXTURES / "planted" / "tasks.yaml")
    assert messages == [
        f"{file}:17:29: task 1.deadline.milestones[1].due: '2018-02-30' is not a real calendar date (day is out of range for month)",
        f"{file}:23:18: measure 1.1.owners: unknown unit '自治区生态环境听' (did you mean 自治区生态环境厅?); declare it under 'units:'",
        f"{file}:27:9: measure 1.1: missing required key 'owners'",
        f"{file}:27:13: measure 1.1: duplicate measure id (first on line 21)",
        f"{file}:29:9: measure 1.1: unknown key 'owmers' (did you mean owners?); allowed: id, text, owners, lead, milestones",
        f"{file}:32:20: measure 1.1.milestones[1].kind: unknown value 'weekly'; expected one of date, ongoing, immediate",
    ]


def test_validate_command_exit_2_without_traceback():
    proc = subprocess.run(
        [sys.executable, "-m", "rectify_cli", "validate", "--lang", "en", str(FIXTURES / "planted" / "tasks.yaml")],
        capture_output=True, text=True,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 6
    assert ":23:18: measure 1.1.owners: unknown unit" in proc.stderr


def test_journal_entry_for_missing_measure(tmp_path):
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    (tmp_path / "progress.yaml").write_text(
        '- measure: "1.9"\n  date: 2019-03-31\n  state: done\n  note: x\n', encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml")
    assert str(caught.value) == f"{tmp_path / 'progress.yaml'}:1:12: journal entry 1: no measure '1.9' in the plan (did you mean 1.2, 1.1?)"


@pytest.mark.parametrize("state, milestone, cached", [("done", "2017-01-01", False), ("extended", "2019-12-31", False),
                                                       ("extended", "2019-12-31", True)])
def test_an_entry_naming_a_deadline_its_measure_does_not_have_is_refused(tmp_path, monkeypatch, state, milestone, cached):
    """4.2 is due 2018-10-31 and 2019-06-30 (then extended to 2019-12-31: an entry names the
    original date). Naming another date moves or closes nothing, silently: refused instead."""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = tmp_path / "progress.yaml"
    journal.write_bytes((FIXTURES / "small" / "progress.yaml").read_bytes())
    if cached:  # (the check is against the plan: made on every load, the journal's rows cached or not)
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31))
    lines = journal.read_text(encoding="utf-8").count("\n")
    extra = "  to: 2020-06-30\n  reason: 冬季停工\n  approved_by: 自治区生态环境厅\n" if state == "extended" else "  evidence: 验收\n"
    with journal.open("a", encoding="utf-8") as handle:
        handle.write(f'- measure: "4.2"\n  date: 2019-03-20\n  state: {state}\n  milestone: {milestone}\n{extra}')
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31))
    assert str(caught.value) == (f"{journal}:{lines + 4}:14: journal entry 10.milestone: {milestone} is not a deadline of "
                                 "measure 4.2 (its deadlines: 2018-10-31, 2019-06-30)")


@pytest.mark.parametrize("to, refused", [("2019-06-30", True), ("2019-05-01", True), ("2019-07-01", False)])
@pytest.mark.parametrize("use_cache", [True, False])
def test_an_extension_must_move_its_deadline_later(tmp_path, monkeypatch, to, refused, use_cache):
    """`rectify extend` refuses a new date on or before the deadline it moves; an entry written
    by hand gets the same answer from the loader instead of quietly bringing a deadline forward."""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = tmp_path / "progress.yaml"
    journal.write_text('- measure: "4.2"\n  date: 2019-03-20\n  state: extended\n  milestone: 2019-06-30\n'
                       f'  to: {to}\n  reason: 冬季停工\n  approved_by: 自治区生态环境厅\n', encoding="utf-8")
    if not refused:
        reg = load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=use_cache)
        assert [e.to for e in reg.journal] == [date(2019, 7, 1)]
        return
    for _ in range(2):  # (a refused journal is never cached: the second load reads it again)
        with pytest.raises(RegistryError) as caught:
            load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=use_cache)
        assert str(caught.value) == (f"{journal}:5:7: journal entry 1.to: {to} is not after the deadline it moves "
                                     "(milestone: 2019-06-30)")


def test_an_entry_naming_an_immediate_deadline_names_the_feedback_date(tmp_path):
    """4.1 is due at once (立即启动): on the registry's feedback date, 2018-01-03."""
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    (tmp_path / "progress.yaml").write_text(
        '- measure: "4.1"\n  date: 2018-05-10\n  state: done\n  milestone: 2018-01-03\n  evidence: 通报\n', encoding="utf-8")
    assert load_registry(tmp_path / "tasks.yaml", use_cache=False).journal[0].milestone == date(2018, 1, 3)


@pytest.mark.parametrize("use_cache", [True, False])
def test_an_entry_dated_before_the_inspections_feedback_is_refused(tmp_path, monkeypatch, use_cache):
    """As `record` refuses it: 1900-01-01 written by hand (or by an older version) is a slip."""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    journal = tmp_path / "reg" / "progress.yaml"
    lines = journal.read_text(encoding="utf-8").count("\n")
    with journal.open("a", encoding="utf-8") as handle:
        handle.write('- measure: "1.1"\n  date: 1900-01-01\n  state: in_progress\n  note: typo\n')
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "reg" / "tasks.yaml", today=date(2019, 3, 31), use_cache=use_cache)
    assert str(caught.value) == (f"{journal}:{lines + 2}:9: journal entry 10.date: 1900-01-01 is before the inspection's "
                                 "feedback (2018-01-03), when the problems were handed over")


def test_a_task_without_measures_is_refused(tmp_path):
    """Nothing to record, close or check on it: `status` showed it red while `check` passed."""
    text = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    start = text.index("    measures:", text.index("  - id: 4"))
    (tmp_path / "tasks.yaml").write_text(text[:start] + "    measures: []\n", encoding="utf-8")
    line = text[:start].count("\n") + 1
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", use_cache=False)
    assert str(caught.value) == (f"{tmp_path / 'tasks.yaml'}:{line}:15: task 4.measures: empty; a task is rectified "
                                 "through its measures: list at least one")


def test_validate_given_two_registries_says_so(tmp_path):
    """A path and --registry naming another registry: one of them was silently dropped."""
    small, bundled = str(FIXTURES / "small" / "tasks.yaml"), str(FIXTURES.parent.parent / "data" / "tasks.yaml")
    both = _rectify("validate", bundled, "--registry", small, cwd=tmp_path, cache=tmp_path / "cache")
    assert (both.returncode, both.stdout) == (2, "")
    assert both.stderr == f"rectify: two registries given, {bundled} and --registry {small}: give one\n"
    from_env = subprocess.run([sys.executable, "-m", "rectify_cli", "validate", bundled], capture_output=True, text=True,
                              env={**os.environ, "RECTIFY_REGISTRY": small, "RECTIFY_CACHE_DIR": str(tmp_path / "cache")})
    assert from_env.returncode == 0 and from_env.stdout.endswith("：通过——45项整改任务、179项具体措施、179条进展记录\n")


def test_validate_ok_on_small_fixture():
    proc = subprocess.run(
        [sys.executable, "-m", "rectify_cli", "validate", str(FIXTURES / "small" / "tasks.yaml")],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    # (Chinese first, as every report: it said "ok — 4 tasks, …" to a Chinese office)
    assert proc.stdout == f"{FIXTURES / 'small' / 'tasks.yaml'}：通过——4项整改任务、8项具体措施、9条进展记录\n"
    english = subprocess.run([sys.executable, "-m", "rectify_cli", "validate", "--lang", "en", str(FIXTURES / "small" / "tasks.yaml")],
                             capture_output=True, text=True)
    assert english.stdout == f"{FIXTURES / 'small' / 'tasks.yaml'}: ok — 4 tasks, 8 measures, 9 journal entries\n"


def _small_with_zone(folder: Path, zone: str) -> Path:
    folder.mkdir(exist_ok=True)
    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    (folder / "tasks.yaml").write_text(plan.replace("timezone: Asia/Shanghai", f"timezone: {zone}"), encoding="utf-8")
    shutil.copy(FIXTURES / "small" / "progress.yaml", folder / "progress.yaml")
    return folder / "tasks.yaml"


def _rectify(*args, cwd=None, cache=None, lang="en"):
    """The command line run as a user would, its messages in `lang` (RECTIFY_LANG)."""
    env = {**os.environ, "RECTIFY_TODAY": "2019-03-31", "RECTIFY_CACHE_DIR": str(cache or ""), "RECTIFY_LANG": lang}
    return subprocess.run([sys.executable, "-m", "rectify_cli", *args], capture_output=True, text=True, cwd=cwd, env=env)


# POSIX TZ strings (CST+8 is UTC-8 to POSIX: a day off for a Chinese office), files of the
# zoneinfo folder that are no zone, and paths: dateutil's gettz took them all.
@pytest.mark.parametrize("zone", ["CST+8", "Beijing+8", "BJT8", "iso3166.tab", "/etc/localtime", "/etc/passwd",
                                  "posixrules", "Asia/Beijing"])
def test_a_time_zone_must_be_an_iana_name(tmp_path, zone):
    plan = _small_with_zone(tmp_path, zone)
    with pytest.raises(RegistryError) as caught:
        load_registry(plan, today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == (f"{plan}:10:15: registry.settings.timezone: unknown time zone {zone!r} "
                                 "(an IANA name, e.g. Asia/Shanghai)")


@pytest.mark.parametrize("zone", ["CST+8", "/etc/passwd"])
def test_status_with_a_bad_time_zone_exits_2_naming_the_line(tmp_path, zone):
    """/etc/passwd used to pass the check and crash status: internal error, magic not found."""
    plan = _small_with_zone(tmp_path / "reg", zone)
    proc = _rectify("status", "-r", str(plan), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (f"rectify: {plan}:10:15: registry.settings.timezone: unknown time zone {zone!r} "
                           "(an IANA name, e.g. Asia/Shanghai)\n")


@pytest.mark.parametrize("zone, meant", [("asia/shanghai", "Asia/Shanghai"), ("Asia/Shanghia", "Asia/Shanghai"),
                                         ("America/New_york", "America/New_York"), ("right/Asia/Shanghai", "Asia/Shanghai")])
def test_a_time_zone_misspelt_names_the_zone_it_is_close_to(tmp_path, zone, meant):
    plan = _small_with_zone(tmp_path / "reg", zone)
    english = _rectify("status", "-r", str(plan), cache=tmp_path / "cache")
    assert (english.returncode, english.stdout) == (2, "")
    assert english.stderr == (f"rectify: {plan}:10:15: registry.settings.timezone: unknown time zone {zone!r} "
                              f"(did you mean {meant}?)\n")
    chinese = _rectify("check", "-r", str(plan), cache=tmp_path / "cache", lang="zh")
    assert chinese.returncode == 2
    assert chinese.stderr == f"rectify: {plan}:10:15: registry.settings.timezone：未知时区 {zone!r}（是否指 {meant}？）\n"


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC", "Asia/Urumqi", "Etc/GMT-8"])
def test_iana_time_zones_load(tmp_path, zone):
    plan = _small_with_zone(tmp_path, zone)
    assert load_registry(plan, today=date(2019, 3, 31), use_cache=False).plan.settings.timezone == zone


@pytest.mark.parametrize("command", [["validate", "reg/progress.yaml"], ["status", "-r", "reg/progress.yaml"]])
def test_a_journal_given_as_the_plan_is_named_a_journal(tmp_path, command):
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    proc = _rectify(*command, cwd=tmp_path, cache=tmp_path / "cache")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == ("rectify: reg/progress.yaml:2:1: this is a journal (a list of entries, - measure: ...), "
                           "not a plan: pass the plan file (reg/tasks.yaml) or its folder\n")


@pytest.mark.parametrize("name, plan", [("naqu.progress.yaml", "{folder}/naqu.yaml"), ("journal.yaml", "e.g. tasks.yaml")])
def test_a_journal_of_any_name_given_as_the_plan_is_named_a_journal(tmp_path, name, plan):
    """A folder's journal names its plan; a journal under another name is known by its entries."""
    shutil.copy(FIXTURES / "small" / "progress.yaml", tmp_path / name)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / name, use_cache=False)
    assert str(caught.value) == (f"{tmp_path / name}:2:1: this is a journal (a list of entries, - measure: ...), "
                                 f"not a plan: pass the plan file ({plan.format(folder=tmp_path)}) or its folder")


ENTRY = '- measure: "4.2"\n  date: 2019-03-20\n'


@pytest.mark.parametrize("body, expected", [
    # an extension to a date already past when it was recorded moves nothing forward: it only
    # wipes out overdue days
    ("  state: extended\n  milestone: 2018-10-31\n  to: 2019-03-20\n  reason: 补批\n  approved_by: 自治区生态环境厅\n  late: true\n",
     "5:7: journal entry 1.to: 2019-03-20 is not after the entry's date (2019-03-20): an extension sets a due date still to come"),
    # a report says what was done this period, or it reports nothing (and would clear 久未报告)
    ('  state: report\n  note: ""\n', "4:9: journal entry 1.note: a report needs a note saying what was done"),
    ("  state: report\n", "1:3: journal entry 1: a report needs a note saying what was done"),
    # what only an extension (or a done entry) has, on another entry, would be kept and ignored
    ("  state: done\n  evidence: x\n  to: 2020-01-01\n",
     "5:7: journal entry 1.to: only an extension (state: extended) has 'to'"),
    ("  state: in_progress\n  note: x\n  reason: foo\n  late: true\n",
     "5:11: journal entry 1.reason: only an extension (state: extended) has 'reason'"),
    ("  state: in_progress\n  note: x\n  milestone: 2018-10-31\n",
     "5:14: journal entry 1.milestone: only a done or extended entry names a milestone"),
])
@pytest.mark.parametrize("use_cache", [True, False])
def test_an_entry_a_write_would_refuse_is_refused_on_load(tmp_path, monkeypatch, body, expected, use_cache):
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = tmp_path / "progress.yaml"
    journal.write_text(ENTRY + body, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=use_cache)
    assert str(caught.value).startswith(f"{journal}:{expected}")


def test_a_unit_named_by_a_number_written_plain_is_that_name(tmp_path):
    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    assert "[拉萨市]" in plan and "lead: 拉萨市" in plan
    (tmp_path / "tasks.yaml").write_text(plan.replace("拉萨市", "0110"), encoding="utf-8")
    reg = load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    measure = reg.plan.tasks[0].measures[0]
    assert (reg.plan.tasks[0].regions, measure.owners, measure.lead) == (("0110",), ("0110",), "0110")


@pytest.mark.parametrize("old, new, expected", [
    # (the command line refuses --report-period 0 too: every ongoing measure would be stale)
    ("    report_period_days: 90\n", "    report_period_days: 0\n",
     ":12:25: registry.settings.report_period_days: expected a whole number ≥ 1, got the number 0"),
    ("    kind: region\n", "    kind: city\n",
     ":27:11: unit.kind: unknown value 'city'; expected one of region, subregion, department, all_regions, other"),
    # (regions were Tibet's seven 地市, declared or not, and any unit: another province's plan
    # could name 日喀则市, and a department, which --region then filtered as an owner)
    ("    regions: [拉萨市]\n", "    regions: [日喀则市]\n",
     ":39:15: task 1.regions: unknown region '日喀则市'; the regions are the units declared under 'units:' "
     "with kind: region (那曲市, 拉萨市)"),
    ("    regions: [拉萨市]\n", "    regions: [自治区生态环境厅]\n",
     ":39:15: task 1.regions: '自治区生态环境厅' is no region (its unit is not of kind region); the regions are "
     "the units declared under 'units:' with kind: region"),
    ("    kind: region\n", "    kind: department\n",
     ":62:15: task 2.regions: '那曲市' is no region (its unit is not of kind region); the regions are "
     "the units declared under 'units:' with kind: region\n"
     "{file}:108:15: task 4.regions: '那曲市' is no region (its unit is not of kind region); the regions are "
     "the units declared under 'units:' with kind: region"),
    # (a free text written plain is the text written; a word of the format's keeps its type)
    ("    timezone: Asia/Shanghai\n", "    timezone: 8\n",
     ":10:15: registry.settings.timezone: expected non-empty text, got the number 8"),
    # (a clerk numbering 01…10 was told '08' is no whole number; a measure numbered as in the
    # report, 1.10, was "the number 1.1")
    ("  - id: 1\n", "  - id: 08\n",
     ":31:9: task.id: expected a whole number ≥ 1, got '08'; write 8, without quotes or a leading 0"),
    ("      - id: 1   # overdue", "      - id: 1.10   # overdue",
     ":41:13: task 1 measure.id: expected a whole number ≥ 1, got the number 1.1; a measure's id is its number "
     "within its task (id: 2 under task 1 is measure 1.2)"),
    ("  report_date: 2019-03-31\n", "  report_date: 2017-12-31\n",
     ":8:16: registry.report_date: 2017-12-31 is before the feedback_date 2018-01-03; the report comes after the feedback"),
    # (a full-width colon inside a flow mapping: it also said "kind: unknown value nothing")
    ("          - {kind: date, due: 2018-12-31}\n", "          - {kind：date, due: 2018-12-31}\n",
     ":46:13: measure 1.1.milestones[1]: missing required key 'kind'\n"
     "{file}:46:14: measure 1.1.milestones[1]: unknown key 'kind：date' (did you mean kind?); a full-width colon: "
     "write 'kind: date'"),
])
def test_plan_values_the_format_rules_out_are_refused(tmp_path, old, new, expected):
    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    assert old in plan
    (tmp_path / "tasks.yaml").write_text(plan.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == f"{tmp_path / 'tasks.yaml'}{expected}".format(file=tmp_path / "tasks.yaml")


@pytest.mark.parametrize("measures", ["    measures:\n", ""], ids=["nothing under it", "no key"])
def test_a_task_without_measures_is_refused(tmp_path, measures):
    """(only `measures: []` was: a task whose measures were deleted to be typed again, or left
    as a dangling `measures:` line, validated, showed red in status, and check passed it)"""
    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    start = plan.index("    measures:\n", plan.index("  - id: 1\n"))
    plan = plan[:start] + measures + plan[plan.index("  - id: 2\n"):]
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    expected = (":40:14: task 1.measures: empty; a task is rectified through its measures: list at least one"
                if measures else ":31:5: task 1: missing required key 'measures'")
    assert str(caught.value) == f"{tmp_path / 'tasks.yaml'}{expected}"


def test_a_task_missing_a_key_is_named_by_its_id(tmp_path):
    """(by its place in the list: the first task, numbered 2, was called "task 1", and the task
    numbered 1 "task 2")"""
    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    plan = plan.replace("  - id: 1\n", "  - id: 5\n", 1).replace("    title: 施工扬尘污染问题突出\n", "", 1)
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == f"{tmp_path / 'tasks.yaml'}:53:5: task 2: missing required key 'title'"


@pytest.mark.parametrize("saved_as", ["progress.yml", "Progress.yaml", "progress.yaml.txt", "tasks.progress.yaml"])
def test_a_journal_saved_under_a_near_name_is_named_not_ignored(tmp_path, saved_as):
    """(it was ignored: "0 journal entries", and the next record began a second journal beside it)"""
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    shutil.copy(FIXTURES / "small" / "progress.yaml", tmp_path / saved_as)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == (f"{tmp_path / saved_as}: named like the journal of tasks.yaml, which rectify reads "
                                 "from progress.yaml only: rename it progress.yaml (else what it records is ignored, "
                                 "and the next entry starts a new journal)")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no BOM", "BOM"])
def test_a_byte_that_is_not_utf8_is_located_in_characters_with_or_without_a_bom(tmp_path, bom):
    """(after Notepad's byte-order mark the byte named was three bytes off, a BOM byte at times,
    and a bad byte at a line's start was put on the line before; columns counted bytes)"""
    plan = (FIXTURES / "small" / "tasks.yaml").read_bytes()
    # a comment "备注 备注": the first in UTF-8, the second in GBK (a line pasted from another file)
    plan = plan.replace(b"registry:\n", "# 备注 ".encode() + b"\xb1\xb8\xd7\xa2\nregistry:\n", 1)
    (tmp_path / "tasks.yaml").write_bytes(bom + plan)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", use_cache=False)
    assert str(caught.value) == (f"{tmp_path / 'tasks.yaml'}:3:6: not valid UTF-8: byte 0xb1 (this line looks like "
                                 "GB18030/GBK, as another program may have written it: write it again in UTF-8)")


CONFLICTED_TAIL = """<<<<<<< HEAD
- measure: "1.1"
  date: 2019-03-20
  state: in_progress
  note: 主体完工
=======
- measure: "2.1"
  date: 2019-03-21
  state: in_progress
  note: 围挡完成
>>>>>>> alice
"""


@pytest.mark.parametrize("file, old, new, expected", [
    # (each was reported a line or more later, as the parser tripped: "could not find expected ':'")
    ("tasks.yaml", "    title: 污水处理设施建设滞后\n", "    title：污水处理设施建设滞后\n",
     "tasks.yaml:32:10: YAML syntax: a full-width colon '：' after the key 'title': write ':' (ASCII) and a space"),
    ("tasks.yaml", "    problem: 施工扬尘", "\u3000\u3000problem: 施工扬尘",
     "tasks.yaml:55:1: YAML syntax: a full-width space (U+3000) in the indentation: indent with spaces"),
    ("tasks.yaml", "    problem: 施工扬尘", "\tproblem: 施工扬尘",
     "tasks.yaml:55:1: YAML syntax: a tab in the indentation: indent with spaces"),
    ("tasks.yaml", "    problem: 施工扬尘", "\t\tproblem: 施工扬尘",  # (libyaml: "cannot start any token")
     "tasks.yaml:55:1: YAML syntax: a tab in the indentation: indent with spaces"),
    ("tasks.yaml", "    owners: [拉萨市]", "    owners:\u3000[拉萨市]",
     "tasks.yaml:43:16: YAML syntax: a full-width space (U+3000) after 'owners': write an ASCII space"),
    ("tasks.yaml", "      - {kind: date, due: 2018-12-31}", "      -\u3000{kind: date, due: 2018-12-31}",
     "tasks.yaml:37:10: YAML syntax: a full-width space (U+3000) after '-': write an ASCII space"),
    ("progress.yaml", "  hash: 55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f\n",
     "  hash: 55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f\n" + CONFLICTED_TAIL,
     "progress.yaml:57:1: YAML syntax: an unresolved merge conflict (<<<<<<<): keep the lines each side needs "
     "and delete the marker lines <<<<<<<, ======= and >>>>>>>"),
])
def test_a_slip_the_parser_reports_late_is_named_where_it_is(tmp_path, file, old, new, expected):
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(FIXTURES / "small" / name, tmp_path / name)
    text = (tmp_path / file).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == f"{tmp_path}/{expected}"


@pytest.mark.parametrize("to, refused", [("2019-09-30", True), ("2019-12-31", True), ("2020-03-31", False)])
@pytest.mark.parametrize("milestone", ["  milestone: 2019-06-30\n", ""], ids=["named", "unnamed"])
def test_a_second_extension_must_move_the_deadline_after_the_first(tmp_path, to, refused, milestone):
    """(two colleagues each extend 4.2's 2019-06-30 step on their branch; merged, the later one
    brought the deadline forward from 2019-12-31, and validate passed what extend refuses)"""
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = tmp_path / "progress.yaml"
    journal.write_text((FIXTURES / "small" / "progress.yaml").read_text(encoding="utf-8")
                       + f'- measure: "4.2"\n  date: 2019-03-20\n  state: extended\n{milestone}  to: {to}\n'
                       "  reason: 冬季停工\n  approved_by: 自治区生态环境厅\n", encoding="utf-8")
    if not refused:
        registry = load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
        assert registry.journal[-1].to == date.fromisoformat(to)
        return
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    line = 61 if milestone else 60
    assert str(caught.value) == (f"{journal}:{line}:7: journal entry 10.to: {to} is not after the deadline it moves "
                                 "(2019-12-31, as extended before)")


@pytest.mark.parametrize("note", ["    监测结果如下\n    PM10：45微克/立方米\n    SO2：8微克/立方米\n",
                                  "    监测结果如下\n    date：2019年3月\n    说明：\n"], ids=["key-like text", "a key's name"])
def test_a_note_that_looks_like_a_slip_does_not_hide_the_real_error(tmp_path, note):
    """(PM10：45 in a note was blamed for an unclosed quote further on: "a full-width colon after
    the key 'SO2'", which editing the note would not fix)"""
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(FIXTURES / "small" / name, tmp_path / name)
    journal = tmp_path / "progress.yaml"
    lines = journal.read_text(encoding="utf-8").count("\n")
    journal.write_text(journal.read_text(encoding="utf-8")
                       + f'- measure: "3.1"\n  date: 2019-03-20\n  state: in_progress\n  note: |\n{note}'
                       + '- measure: "3.1"\n  date: 2019-03-21\n  state: in_progress\n  note: "未闭合的引号\n', encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    message = str(caught.value)
    assert "full-width" not in message
    assert message.startswith(f"{journal}:{lines + 5 + note.count(chr(10)) + 3}:9: YAML syntax: ")


# Entries the writing commands refuse, written by hand or merged in from another branch, each
# appended to the small journal (9 entries; as of 2019-03-31: 1.1 due 2018-12-31, open; 1.2 closed;
# 2.1 due 2019-04-15 and ongoing; 2.2 ongoing only; 3.1 due 2020-12-31; 4.2's step 2018-10-31
# closed, its step 2019-06-30 extended to 2019-12-31). (line of the entry's key, column, message);
# the line counts from the first appended line.
CLOSE_1_2, REPORT_2_2 = ("5fcc87f277995e2358406d6c80309e5ae4955d159d34bb38410f3cd172417737",
                         "f56f00060ce1d5348917a9f05647b4f6fa7e9378c6888a5311da77b874cf3d30")  # (their hashes)
# A retraction of 1.2's close, with a hash a retraction can name.
RETRACTION_1_2 = ('- measure: "1.2"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + CLOSE_1_2
                  + "\n  note: 误记\n  hash: " + "cd" * 32 + "\n")
EXTENSION = "  state: extended\n  to: 2019-12-31\n  reason: 补批\n  approved_by: 自治区生态环境厅\n"
REFUSED_ON_LOAD = {
    "extension of a closed measure": (
        '- measure: "1.2"\n  date: 2019-03-20\n' + EXTENSION,
        "3:10: journal entry 10.state: 1.2 has no pending deadline as of 2019-03-20: nothing to extend"),
    "extension of an ongoing-only measure": (
        '- measure: "2.2"\n  date: 2019-03-20\n' + EXTENSION,
        "3:10: journal entry 10.state: 2.2 has no pending deadline as of 2019-03-20: nothing to extend"),
    "extension of a closed step": (
        '- measure: "4.2"\n  date: 2019-03-20\n  state: extended\n  milestone: 2018-10-31\n  to: 2020-06-30\n'
        "  reason: 补批\n  approved_by: 自治区生态环境厅\n  late: true\n",
        "3:10: journal entry 10.state: 4.2 has no pending deadline 2018-10-31 as of 2019-03-20: nothing to extend"),
    "late extension not flagged": (
        '- measure: "1.1"\n  date: 2019-03-20\n' + EXTENSION,
        "1:3: journal entry 10.late: the extension of 1.1 was requested on 2019-03-20, after the deadline it moves "
        "(2018-12-31, 79 days late): an extension must be approved before the deadline; write late: true to record "
        "it anyway, flagged as late"),
    "on-time extension flagged late": (
        '- measure: "3.1"\n  date: 2019-03-20\n  state: extended\n  to: 2021-06-30\n  reason: 补批\n'
        "  approved_by: 自治区生态环境厅\n  late: true\n",
        "7:9: journal entry 10.late: flagged late, but the extension was requested on 2019-03-20, not after the "
        "deadline it moves (2020-12-31): remove late: true"),
    "flagged late against the deadline as extended before": (  # (4.2's 2019-06-30 is due 2019-12-31 now)
        '- measure: "4.2"\n  date: 2019-03-20\n  state: extended\n  to: 2020-06-30\n  reason: 补批\n'
        "  approved_by: 自治区生态环境厅\n  late: true\n",
        "7:9: journal entry 10.late: flagged late, but the extension was requested on 2019-03-20, not after the "
        "deadline it moves (2019-12-31): remove late: true"),
    "second close": (
        '- measure: "1.2"\n  date: 2019-03-20\n  state: done\n  evidence: 验收\n',
        "3:10: journal entry 10.state: 1.2 is already closed as of 2019-03-20 (closed by entry 2, line 8, dated "
        "2018-06-20); reopen it first (a reopened entry before this one) if it must be closed again"),
    "second close of a step": (
        '- measure: "4.2"\n  date: 2019-03-20\n  state: done\n  milestone: 2018-10-31\n  evidence: 验收\n',
        "3:10: journal entry 10.state: 4.2's step due 2018-10-31 is already closed as of 2019-03-20 (closed by "
        "entry 8, line 41, dated 2018-10-20); reopen it first (a reopened entry before this one) if it must be "
        "closed again"),
    "second close of a measure that stays ongoing": (
        '- measure: "2.1"\n  date: 2019-03-20\n  state: done\n  evidence: 验收\n'
        '- measure: "2.1"\n  date: 2019-03-21\n  state: done\n  evidence: 复验\n',
        "7:10: journal entry 11.state: 2.1 is already closed as of 2019-03-21 (closed by entry 10, line 57, dated "
        "2019-03-20; its dated part; it stays ongoing); reopen it first (a reopened entry before this one) if it "
        "must be closed again"),
    "close of an ongoing-only measure": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: done\n  evidence: 检查记录\n',
        "3:10: journal entry 10.state: 2.2 is ongoing (长期坚持) with no deadline to close: report on it "
        "(state: report)"),
    "reopening of a measure not closed": (
        '- measure: "1.1"\n  date: 2019-03-20\n  state: reopened\n  note: 回头看\n',
        "3:10: journal entry 10.state: 1.1 is not closed as of 2019-03-20: nothing to reopen"),
    "reopening without a note": (
        '- measure: "1.2"\n  date: 2019-03-20\n  state: reopened\n',
        "1:3: journal entry 10: a reopened entry needs a note saying why the measure is reopened "
        "(e.g. 回头看发现表面整改)"),
    "report on a measure with no ongoing part": (
        '- measure: "1.1"\n  date: 2019-03-20\n  state: report\n  note: 一季度\n',
        "3:10: journal entry 10.state: 1.1 has no ongoing (长期坚持) part to report on: write its progress as "
        "state: in_progress"),
    "in_progress with an empty note": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: in_progress\n  note: ""\n',
        "4:9: journal entry 10.note: an in_progress entry needs a note saying what is under way"),
    "in_progress with a blank note": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: in_progress\n  note: "   "\n',
        "4:9: journal entry 10.note: an in_progress entry needs a note saying what is under way"),
    "in_progress without a note": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: in_progress\n',
        "1:3: journal entry 10: an in_progress entry needs a note saying what is under way"),
    # (back-filled: the close dated first stands, the one recorded first is the second close)
    "second close recorded first": (
        '- measure: "1.1"\n  date: 2019-03-25\n  state: done\n  evidence: 验收\n'
        '- measure: "1.1"\n  date: 2019-03-21\n  state: done\n  evidence: 初验\n',
        "3:10: journal entry 10.state: 1.1 is already closed as of 2019-03-25 (closed by entry 11, line 61, dated "
        "2019-03-21, written after this one but dated before it); reopen it first (a reopened entry before this "
        "one) if it must be closed again"),
    # (撤回误录: the hash of an earlier entry of the same measure, not retracted before, dated by then)
    "retraction of no earlier entry": (
        '- measure: "1.1"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + "ab" * 32 + "\n  note: 误记\n",
        "4:13: journal entry 10.retracts: no earlier entry of this journal has the hash abababababab…: a retraction "
        "retracts an entry written before it"),
    "retraction of another measure's entry": (
        '- measure: "1.1"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + CLOSE_1_2 + "\n  note: 误记\n",
        "4:13: journal entry 10.retracts: the entry it retracts (line 8) is of 1.2, not of 1.1"),
    "retraction without the hash it retracts": (
        '- measure: "1.1"\n  date: 2019-03-20\n  state: retracted\n  note: 误记\n',
        "1:3: journal entry 10.retracts: a retraction needs the hash of the entry it retracts (retracts: 64 "
        "lowercase hex digits)"),
    "retraction without a note": (
        '- measure: "1.2"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + CLOSE_1_2 + "\n",
        "1:3: journal entry 10: a retraction needs a note saying why the entry was wrong"),
    "retracts on an entry of another state": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: report\n  note: 一季度\n  retracts: ' + REPORT_2_2 + "\n",
        "5:13: journal entry 10.retracts: only a retraction (state: retracted) has 'retracts'"),
    "retraction dated before its entry": (
        '- measure: "2.2"\n  date: 2019-02-01\n  state: retracted\n  retracts: ' + REPORT_2_2 + "\n  note: 误记\n",
        "4:13: journal entry 10.retracts: the retraction's date 2019-02-01 is before that of the entry it retracts "
        "(2019-03-01, line 20)"),
    "entry retracted twice": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + REPORT_2_2 + "\n  note: 误记\n"
        '- measure: "2.2"\n  date: 2019-03-21\n  state: retracted\n  retracts: ' + REPORT_2_2 + "\n  note: 误记\n",
        "9:13: journal entry 11.retracts: the entry on line 20 is already retracted (line 57)"),
    # (a retraction retracted: its entry counts again from that day, and may be retracted once more)
    "retraction retracted twice": (
        RETRACTION_1_2 + '- measure: "1.2"\n  date: 2019-03-21\n  state: retracted\n  retracts: ' + "cd" * 32
        + "\n  note: 撤回有误\n  hash: " + "ef" * 32 + "\n"
        '- measure: "1.2"\n  date: 2019-03-22\n  state: retracted\n  retracts: ' + "cd" * 32 + "\n  note: 撤回有误\n",
        "16:13: journal entry 12.retracts: the entry on line 57 is already retracted (line 63)"),
    "close after its retraction was undone": (
        RETRACTION_1_2 + '- measure: "1.2"\n  date: 2019-03-21\n  state: retracted\n  retracts: ' + "cd" * 32
        + "\n  note: 撤回有误\n"
        '- measure: "1.2"\n  date: 2019-03-22\n  state: done\n  evidence: 验收\n',
        "14:10: journal entry 12.state: 1.2 is already closed as of 2019-03-22 (closed by entry 2, line 8, dated "
        "2018-06-20); reopen it first (a reopened entry before this one) if it must be closed again"),
    "reopening after the close it would reopen was retracted": (
        '- measure: "1.2"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + CLOSE_1_2 + "\n  note: 误记\n"
        '- measure: "1.2"\n  date: 2019-03-21\n  state: reopened\n  note: 回头看\n',
        "8:10: journal entry 11.state: 1.2 is not closed as of 2019-03-21: nothing to reopen"),
}


def _small_with_appended(tmp_path: Path, appended: str) -> tuple[Path, int]:
    """The small fixture in tmp_path/reg, `appended` after its journal's entries; the journal's
    path and the line the appended text starts on."""
    if not (tmp_path / "reg").exists():
        shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    journal = tmp_path / "reg" / "progress.yaml"
    text = journal.read_text(encoding="utf-8")
    journal.write_text(text + appended, encoding="utf-8")
    return journal, text.count("\n") + 1


@pytest.mark.parametrize("case", REFUSED_ON_LOAD)
@pytest.mark.parametrize("path", ["no cache", "cold cache", "appended to a cached journal"])
def test_an_entry_a_writing_command_refuses_is_refused_on_every_load_path(tmp_path, monkeypatch, case, path):
    """(validate passed them, and then show, history and summary told different stories: an
    extension of a closed measure listed as granted, the late flag saying one thing and summary
    another, an in_progress entry without a note clearing 久未报告)"""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    appended, expected = REFUSED_ON_LOAD[case]
    if path == "appended to a cached journal":
        _small_with_appended(tmp_path, "")
        load_registry(tmp_path / "reg" / "tasks.yaml", today=date(2019, 3, 31))
        registry.TAIL_PARSES.clear()
    journal, first = _small_with_appended(tmp_path, appended)
    line, column, message = expected.split(":", 2)
    for _ in range(2):  # (a refused journal is never cached: the second load reads it again)
        with pytest.raises(RegistryError) as caught:
            load_registry(tmp_path / "reg" / "tasks.yaml", today=date(2019, 3, 31), use_cache=path != "no cache")
        assert str(caught.value) == f"{journal}:{first + int(line) - 1}:{column}:{message}"
    if path == "appended to a cached journal":
        assert registry.TAIL_PARSES[str(journal)] >= 1  # (what was appended was read alone first)


@pytest.mark.parametrize("appended", [
    # closed, reopened (saying why), closed again
    '- measure: "1.1"\n  date: 2019-03-20\n  state: done\n  evidence: 验收\n'
    '- measure: "1.1"\n  date: 2019-03-21\n  state: reopened\n  note: 回头看发现表面整改\n'
    '- measure: "1.1"\n  date: 2019-03-22\n  state: done\n  evidence: 复验\n',
    # a late extension flagged late; an extension on the deadline day is not late
    '- measure: "1.1"\n  date: 2019-03-20\n' + EXTENSION + "  late: true\n",
    '- measure: "1.1"\n  date: 2018-12-31\n' + EXTENSION,
    # the step still open of a measure whose other step is closed; an in_progress saying something
    '- measure: "4.2"\n  date: 2019-03-20\n  state: extended\n  to: 2020-06-30\n  reason: 补批\n'
    "  approved_by: 自治区生态环境厅\n",
    '- measure: "2.2"\n  date: 2019-03-20\n  state: in_progress\n  note: 检查工地12个\n',
    # a close of the dated part of a measure that stays ongoing, then a report on it
    '- measure: "2.1"\n  date: 2019-03-20\n  state: done\n  evidence: 验收\n'
    '- measure: "2.1"\n  date: 2019-03-21\n  state: report\n  note: 巡查\n',
    # a close retracted, then the measure closed again; a report retracted on its own day
    '- measure: "1.2"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + CLOSE_1_2 + "\n  note: 误记\n"
    '- measure: "1.2"\n  date: 2019-03-21\n  state: done\n  evidence: 验收\n',
    '- measure: "2.2"\n  date: 2019-03-01\n  state: retracted\n  retracts: ' + REPORT_2_2 + "\n  note: 误记\n",
    # a retraction retracted, the entry it retracted then retracted again
    RETRACTION_1_2 + '- measure: "1.2"\n  date: 2019-03-21\n  state: retracted\n  retracts: ' + "cd" * 32
    + "\n  note: 撤回有误\n"
    '- measure: "1.2"\n  date: 2019-03-22\n  state: retracted\n  retracts: ' + CLOSE_1_2 + "\n  note: 确为误记\n",
], ids=["closed, reopened, closed", "late, flagged", "on the deadline day", "open step", "in_progress", "report",
        "retracted, closed again", "retracted the same day", "retraction undone, retracted again"])
def test_entries_a_writing_command_accepts_load(tmp_path, monkeypatch, appended):
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    _small_with_appended(tmp_path, appended)
    for use_cache in (False, True, True):
        reg = load_registry(tmp_path / "reg" / "tasks.yaml", today=date(2019, 3, 31), use_cache=use_cache)
        assert len(reg.journal) == 9 + appended.count("- measure:")


def test_a_journal_cached_by_an_earlier_version_is_checked_again(tmp_path, monkeypatch):
    """A cached journal's rows are the entries valid on their own, as the version that cached
    them judged: an in_progress entry without a note was, up to cache version 10."""
    from rectify_cli import cache

    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    appended, expected = REFUSED_ON_LOAD["in_progress with an empty note"]
    journal, first = _small_with_appended(tmp_path, appended.replace('note: ""', "note: 检查"))
    raw = journal.read_bytes()
    rows = registry._load_journal(journal, "", None, []).rows
    journal.write_bytes(raw.replace(b"note: \xe6\xa3\x80\xe6\x9f\xa5", b'note: ""'))
    rows[-1][4] = ""  # (the row the earlier version made of it)
    with monkeypatch.context() as earlier:
        earlier.setattr(cache, "CACHE_VERSION", 10)
        registry._put_journal(cache.FileCache(), journal, "", journal.read_bytes(), rows)
        assert load_registry(tmp_path / "reg" / "tasks.yaml", today=date(2019, 3, 31)).journal[-1].note == ""
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "reg" / "tasks.yaml", today=date(2019, 3, 31))
    line, column, message = expected.split(":", 2)
    assert str(caught.value) == f"{journal}:{first + int(line) - 1}:{column}:{message}"


def test_a_merged_extension_of_a_closed_measure_is_refused_by_validate(tmp_path):
    """(probe: `extend 16.1` refused it; written by hand, validate passed it, summary listed it
    as granted, and a later `reopen 16.1` showed it on track instead of overdue)"""
    shutil.copytree(ROOT / "data", tmp_path / "d")
    journal = tmp_path / "d" / "progress.yaml"
    lines = journal.read_text(encoding="utf-8").count("\n")
    with journal.open("a", encoding="utf-8") as handle:
        handle.write('- measure: "16.1"\n  date: 2019-03-31\n  state: extended\n  to: 2019-12-31\n'
                     "  reason: 合并进来的延期\n  approved_by: 自治区生态环境厅\n")
    proc = _rectify("validate", "-r", str(tmp_path / "d" / "tasks.yaml"), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (f"rectify: {journal}:{lines + 3}:10: journal entry 180.state: 16.1 has no pending "
                           "deadline as of 2019-03-31: nothing to extend\n")


@pytest.mark.parametrize("recorded, expected", [
    ("2019-03-01", ":5:13: journal entry 1.recorded: 2019-03-01 is not after the entry's date (2019-03-01): "
                   "'recorded' is the later day a back-dated entry was written"),
    ("2019-04-01", ":5:13: journal entry 1.recorded: 2019-04-01 is in the future (today is 2019-03-31): an entry "
                   "records what has happened; if its date is right, check this computer's clock"),
])
def test_a_recorded_day_before_its_entry_or_in_the_future_is_refused(tmp_path, recorded, expected):
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    (tmp_path / "progress.yaml").write_text(
        f'- measure: "2.1"\n  date: 2019-03-01\n  state: in_progress\n  note: 推进中\n  recorded: {recorded}\n', encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == f"{tmp_path / 'progress.yaml'}{expected}"


@pytest.mark.parametrize("lang, said", [
    ("zh", "第 1 条进展记录的 date：2018-09-30 晚于今天（2018-09-01），其后还有 5 条记录也是如此：记录只记已经发生的事；"
           "若日期无误，请检查这台电脑的日期"),
    ("en", "journal entry 1.date: 2018-09-30 is in the future (today is 2018-09-01), as are 5 entries after it: an entry "
           "records what has happened; if its date is right, check this computer's clock"),
])
def test_a_clock_set_back_is_said_once_not_once_per_entry(tmp_path, lang, said):
    """A computer whose clock is months behind (a CI container, a dead clock battery) made every
    command print one line per entry dated after its today: 179 for the bundled ledger."""
    shutil.copytree(FIXTURES / "small", tmp_path / "small")
    run = subprocess.run([sys.executable, "-m", "rectify_cli", "validate", "small"], cwd=tmp_path, capture_output=True,
                         text=True, env={**os.environ, "RECTIFY_TODAY": "2018-09-01", "RECTIFY_LANG": lang,
                                         "PYTHONPATH": str(ROOT)})
    assert (run.returncode, run.stdout, run.stderr) == (2, "", f"rectify: {Path('small') / 'progress.yaml'}:3:9: {said}\n")


# -- a broken file's messages in both languages ---------------------------------------------------
def _fields(template: str) -> set[str]:
    import string

    return {name.split("!")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(k for k in __import__("rectify_cli.i18n").i18n.LABELS if k.startswith("problem_")))
def test_a_problem_says_the_same_things_in_chinese_as_in_english(key):
    """Each message about a broken file fills the same values in both languages, and the
    Chinese one is Chinese (but for a literal, as a key path or a value, that stays as written)."""
    from rectify_cli.i18n import LABELS

    zh, en = LABELS[key]
    assert _fields(zh) == _fields(en), key
    assert re.search(r"[\u4e00-\u9fff]", zh) or not re.sub(r"\{[^}]*\}|[\s（）；：]", "", zh), (key, zh)
    # (full-width punctuation inside Chinese sentences)
    assert not re.search(r"[\u4e00-\u9fff][,;()?]|[,;(?][\u4e00-\u9fff]", zh), (key, zh)


def test_a_broken_file_is_said_in_english_with_lang_en_and_in_chinese_without(tmp_path):
    reg = tmp_path / "reg"
    shutil.copytree(FIXTURES / "small", reg)
    text = (reg / "tasks.yaml").read_text(encoding="utf-8")
    (reg / "tasks.yaml").write_text(text.replace("owners: [拉萨市]", "owners: [拉萨]", 1), encoding="utf-8")

    def run(*args, **env):
        environment = {k: v for k, v in os.environ.items() if k != "RECTIFY_LANG"} | {"RECTIFY_TODAY": "2019-03-31", **env}
        return subprocess.run([sys.executable, "-m", "rectify_cli", "validate", str(reg / "tasks.yaml"), *args], capture_output=True,
                              text=True, env=environment)

    english, chinese = run("--lang", "en"), run()
    assert english.returncode == chinese.returncode == 2
    where = f"rectify: {reg / 'tasks.yaml'}:43:18: "
    assert english.stderr == f"{where}measure 1.1.owners: unknown unit '拉萨' (did you mean 拉萨市?); declare it under 'units:'\n"
    assert chinese.stderr == f"{where}措施 1.1 的 owners：未知单位 '拉萨'（是否指 拉萨市？）；请在 'units:' 下声明\n"
    assert run(RECTIFY_LANG="en").stderr == english.stderr  # (for every command, once)


@pytest.mark.parametrize("file, old, new, expected", [
    ("tasks.yaml", "owners: [自治区生态环境厅, 自治区住房城乡建设厅]", "owners: [自治区生态环境厅，自治区住房城乡建设厅]",
     "tasks.yaml:49:18: measure 1.2.owners: unknown unit '自治区生态环境厅，自治区住房城乡建设厅' (several names written as "
     "one: separate them with ASCII commas, [自治区生态环境厅, 自治区住房城乡建设厅])"),
    ("tasks.yaml", "regions: [拉萨市]", "regions: [拉萨市、那曲市]",
     "tasks.yaml:39:15: task 1.regions: unknown region '拉萨市、那曲市' (several names written as one: separate them "
     "with ASCII commas, [拉萨市, 那曲市]); the regions are the units declared under 'units:' with kind: region "
     "(那曲市, 拉萨市)"),
    ("progress.yaml", "  state: in_progress", "  state: 推进中",
     "progress.yaml:4:10: journal entry 1.state: unknown value '推进中' (written in_progress); expected one of "
     "in_progress, done, reopened, report, extended, retracted"),
    ("progress.yaml", "  state: in_progress", "  state: 已完成",
     "progress.yaml:4:10: journal entry 1.state: unknown value '已完成' (written done); expected one of "
     "in_progress, done, reopened, report, extended, retracted"),
    ("tasks.yaml", "reported: {state: basically_done}", "reported: {state: 基本完成}",
     "tasks.yaml:38:23: task 1.reported.state: unknown value '基本完成' (written basically_done); expected one of "
     "fully_done, basically_done, on_schedule, interim_results"),
])
def test_a_chinese_way_of_writing_a_value_is_told_how_to_write_it(tmp_path, file, old, new, expected):
    """A clerk writes lists with ， and 、 and states in the report's words: the message says what
    to write, not "declare it under 'units:'" or a did-you-mean of one of the names."""
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    path = tmp_path / "reg" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "reg" / "tasks.yaml", use_cache=False, today=date(2019, 3, 31))
    assert str(caught.value) == f"{tmp_path / 'reg'}/{expected}"


def test_a_comment_inside_an_unquoted_note_is_refused_not_dropped(tmp_path):
    """`note: 管网已通水 #1号泵站` read as 管网已通水: the rest was dropped without a word. A comment
    after a value that is no text (state: done  # 已核实), inside quotes, or a comment of its own
    (`# ` and words, as docs/registry-format.md annotates its example), is as before."""
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    journal = tmp_path / "reg" / "progress.yaml"
    text = journal.read_text(encoding="utf-8")
    entry = '- measure: "1.1"\n  date: 2019-03-20\n  state: in_progress  # 已核实\n  note: {}\n'
    for written, read in (('"管网已通水 #1号泵站"', "管网已通水 #1号泵站"), ("管网已通水  # 已核实", "管网已通水")):
        journal.write_text(text + entry.format(written), encoding="utf-8")
        assert load_registry(tmp_path / "reg" / "tasks.yaml", use_cache=False, today=date(2019, 3, 31)).journal[-1].note == read
    journal.write_text(text + entry.format("管网已通水 #1号泵站"), encoding="utf-8")
    line = text.count("\n") + 4
    for use_cache in (False, True):
        with pytest.raises(RegistryError) as caught:
            load_registry(tmp_path / "reg" / "tasks.yaml", use_cache=use_cache, today=date(2019, 3, 31))
        assert str(caught.value) == (f"{journal}:{line}:15: a ' #' in a note written without quotes starts a comment, and "
                                     "the text after it is dropped: put the text in quotes (\"…\"), or the comment on a "
                                     "line of its own")


# A date written another way is refused saying what to write, where the intent is clear.
DUE_WRITTEN = "          - {kind: date, due: 2018-06-30}\n"  # measure 1.2's milestone, tasks.yaml line 52


@pytest.mark.parametrize("written, english, chinese", [
    ("2019.6.30", "got '2019.6.30' (did you mean 2019-06-30?)", "实为 '2019.6.30'（是否指 2019-06-30？）"),
    ("2019/6/30", "got '2019/6/30' (did you mean 2019-06-30?)", "实为 '2019/6/30'（是否指 2019-06-30？）"),
    ("2019年6月30日", "got '2019年6月30日' (did you mean 2019-06-30?)", "实为 '2019年6月30日'（是否指 2019-06-30？）"),
    ("2019年6月底", "got '2019年6月底' (did you mean 2019-06-30?)", "实为 '2019年6月底'（是否指 2019-06-30？）"),
    ("2020年2月底", "got '2020年2月底' (did you mean 2020-02-29?)", "实为 '2020年2月底'（是否指 2020-02-29？）"),
    ("2019年底", "got '2019年底' (did you mean 2019-12-31?)", "实为 '2019年底'（是否指 2019-12-31？）"),
    ("6月30日", "got '6月30日' (the year is missing: write YYYY-06-30)", "实为 '6月30日'（缺少年份：应写作 YYYY-06-30）"),
    ("2019年6月", "got '2019年6月' (the day is missing: write 2019-06-DD)", "实为 '2019年6月'（缺少日：应写作 2019-06-DD）"),
    ("长期坚持", "got '长期坚持' (长期坚持 is a kind of milestone, not a date: write the milestone {kind: ongoing})",
     "实为 '长期坚持'（长期坚持 是时限的类别，不是日期：该时限应写作 {kind: ongoing}）"),
    ("立即启动", "got '立即启动' (立即启动 is a kind of milestone, not a date: write the milestone {kind: immediate})",
     "实为 '立即启动'（立即启动 是时限的类别，不是日期：该时限应写作 {kind: immediate}）"),
    ("立行立改", "got '立行立改' (立行立改 is a kind of milestone, not a date: write the milestone {kind: immediate})",
     "实为 '立行立改'（立行立改 是时限的类别，不是日期：该时限应写作 {kind: immediate}）"),
    # unsure: no hint
    ("6月31日", "got '6月31日'", "实为 '6月31日'"),
    ("2019年2月30日", "got '2019年2月30日'", "实为 '2019年2月30日'"),
    ("June 30", "got 'June 30'", "实为 'June 30'"),
    ("下半年", "got '下半年'", "实为 '下半年'"),
])
@pytest.mark.parametrize("parser", ["fast", "reference"])
def test_a_due_written_another_way_says_what_to_write(written, english, chinese, parser, tmp_path, monkeypatch):
    from rectify_cli import yamlio
    from rectify_cli.i18n import Lang, problem_message

    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    assert DUE_WRITTEN in plan
    (tmp_path / "tasks.yaml").write_text(plan.replace(DUE_WRITTEN, DUE_WRITTEN.replace("2018-06-30", written)), encoding="utf-8")
    shutil.copy(FIXTURES / "small" / "progress.yaml", tmp_path / "progress.yaml")
    if parser == "reference":
        monkeypatch.setattr(yamlio, "yaml_rs", None)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    [problem] = caught.value.problems
    assert str(problem) == (f"{tmp_path / 'tasks.yaml'}:52:31: measure 1.2.milestones[1].due: "
                            f"expected a date written YYYY-MM-DD, {english}")
    assert problem_message(problem, Lang.zh) == f"措施 1.2 的 milestones[1].due：应为 YYYY-MM-DD 格式的日期，{chinese}"


@pytest.mark.parametrize("parser", ["fast", "reference"])
def test_a_journal_date_written_in_chinese_says_what_to_write(parser, tmp_path, monkeypatch):
    from rectify_cli import yamlio

    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = (FIXTURES / "small" / "progress.yaml").read_text(encoding="utf-8")
    (tmp_path / "progress.yaml").write_text(journal.replace("  date: 2018-09-30\n", "  date: 2019年3月31日\n", 1), encoding="utf-8")
    if parser == "reference":
        monkeypatch.setattr(yamlio, "yaml_rs", None)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'progress.yaml'}:3:9: journal entry 1.date: expected a date written YYYY-MM-DD, got '2019年3月31日' "
        "(did you mean 2019-03-31?)"]


def test_validate_says_the_hint_in_chinese_by_default(tmp_path):
    from builders import run_cli

    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = (FIXTURES / "small" / "progress.yaml").read_text(encoding="utf-8")
    (tmp_path / "progress.yaml").write_text(journal.replace("  date: 2018-09-30\n", "  date: 2019年3月31日\n", 1), encoding="utf-8")
    result = run_cli("validate", str(tmp_path / "tasks.yaml"), "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == (f"rectify: {tmp_path / 'progress.yaml'}:3:9: 第 1 条进展记录的 date：应为 YYYY-MM-DD 格式的日期，"
                             "实为 '2019年3月31日'（是否指 2019-03-31？）\n")
