"""The checks of a journal's entries against the plan and today (rectify_cli/journal_checks.py),
as loading a registry reports them."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from rectify_cli.errors import RegistryError
from rectify_cli.registry import load_registry
from test_registry import FIXTURES, ROOT, _rectify


def test_journal_entry_for_missing_measure(tmp_path):
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    (tmp_path / "progress.yaml").write_text(
        '- measure: "1.9"\n  date: 2019-03-31\n  state: done\n  note: x\n', encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml")
    assert str(caught.value) == f"{tmp_path / 'progress.yaml'}:1:12: journal entry 1: no measure '1.9' in the plan (did you mean 1.2, 1.1?)"


@pytest.mark.parametrize("use_cache", [True, False])
def test_an_entry_for_a_missing_measure_has_its_other_fields_checked_too(tmp_path, monkeypatch, use_cache):
    """An entry naming no measure of the plan, dated in the future and by an unknown unit, was
    reported for its measure alone; fixed, the next run named its date, then its unit."""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = tmp_path / "progress.yaml"
    journal.write_text('- measure: "1.9"\n  date: 2019-04-02\n  state: in_progress\n  note: x\n  by: 自治区环保局\n'
                       '- measure: "1.1"\n  date: 2017-05-01\n  state: in_progress\n  note: x\n'
                       '- measure: "7.1"\n  date: 2017-05-01\n  state: in_progress\n  note: x\n', encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=use_cache)
    assert [str(p) for p in caught.value.problems] == [
        f"{journal}:1:12: journal entry 1: no measure '1.9' in the plan (did you mean 1.2, 1.1?)",
        f"{journal}:2:9: journal entry 1, field date: 2019-04-02 is in the future (today is 2019-03-31): an entry records what "
        "has happened; if its date is right, check this computer's clock",
        f"{journal}:5:7: journal entry 1, field by: unknown unit '自治区环保局' (did you mean 自治区环境保护厅?)",
        f"{journal}:7:9: journal entry 2, field date: 2017-05-01 is before the inspection's feedback (2018-01-03), when the problems "
        "were handed over",
        f"{journal}:10:12: journal entry 3: no measure '7.1' in the plan",
        f"{journal}:11:9: journal entry 3, field date: 2017-05-01 is before the inspection's feedback (2018-01-03), when the problems "
        "were handed over"]


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
    assert str(caught.value) == (f"{journal}:{lines + 4}:14: journal entry 10, field milestone: {milestone} is not a deadline of "
                                 "measure 4.2 (its deadlines: 2018-10-31, 2019-06-30)")


@pytest.mark.parametrize("lang, said", [
    ("zh", "第 10 条进展记录的 milestone：2019-01-01 不是措施 3.2 的期限（该措施为长期坚持，没有期限）"),
    ("en", "journal entry 10, field milestone: 2019-01-01 is not a deadline of measure 3.2: it is ongoing (长期坚持), "
           "with no deadline"),
])
def test_an_entry_naming_a_deadline_of_an_ongoing_measure_is_refused_as_close_refuses_it(tmp_path, lang, said):
    """3.2 is 长期坚持 only. English said "(its deadlines: none: it is ongoing (长期坚持))", brackets in
    brackets and two colons; it says it as `rectify close 3.2 --milestone` does."""
    shutil.copytree(FIXTURES / "small", tmp_path / "small")
    with (tmp_path / "small" / "progress.yaml").open("a", encoding="utf-8") as handle:
        handle.write('- measure: "3.2"\n  date: 2019-03-20\n  state: done\n  milestone: 2019-01-01\n  evidence: 验收\n')
    run = _rectify("validate", "-r", "small", cwd=tmp_path, lang=lang)
    assert (run.returncode, run.stdout, run.stderr) == (2, "", f"rectify: {Path('small') / 'progress.yaml'}:60:14: {said}\n")


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
        assert str(caught.value) == (f"{journal}:5:7: journal entry 1, field to: {to} is not after the deadline it moves "
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
    assert str(caught.value) == (f"{journal}:{lines + 2}:9: journal entry 10, field date: 1900-01-01 is before the inspection's "
                                 "feedback (2018-01-03), when the problems were handed over")


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
    assert str(caught.value) == (f"{journal}:{line}:7: journal entry 10, field to: {to} is not after the deadline it moves "
                                 "(2019-12-31, as extended before)")


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
    assert proc.stderr == (f"rectify: {journal}:{lines + 3}:10: journal entry 180, field state: 16.1 has no pending "
                           "deadline as of 2019-03-31: nothing to extend\n")


@pytest.mark.parametrize("lang, said", [
    ("zh", "第 1 条进展记录的 date：2018-09-30 晚于今天（2018-09-01），其后还有 5 条记录也是如此：记录只记已经发生的事；"
           "若日期无误，请检查这台电脑的日期"),
    ("en", "journal entry 1, field date: 2018-09-30 is in the future (today is 2018-09-01), as are 5 entries after it: an entry "
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


def test_a_clock_set_back_before_two_entries_says_the_one_after_it_in_the_singular(tmp_path):
    """(English said "as are 1 entries after it")"""
    shutil.copytree(FIXTURES / "small", tmp_path / "small")
    run = subprocess.run([sys.executable, "-m", "rectify_cli", "validate", "small"], cwd=tmp_path, capture_output=True,
                         text=True, env={**os.environ, "RECTIFY_TODAY": "2019-02-15", "RECTIFY_LANG": "en",
                                         "PYTHONPATH": str(ROOT)})
    assert (run.returncode, run.stdout, run.stderr) == (
        2, "", f"rectify: {Path('small') / 'progress.yaml'}:21:9: journal entry 4, field date: 2019-03-01 is in the future "
               "(today is 2019-02-15), as is the entry after it: an entry records what has happened; if its date is right, "
               "check this computer's clock\n")


@pytest.mark.parametrize("written, meant", [("１.２", "1.2"), ("01.2", "1.2"), ("1.０２", "1.2"), (" 1.2", "1.2")])
def test_an_entrys_measure_written_another_way_is_refused_naming_the_id_meant(tmp_path, written, meant):
    """The command line reads １.２ (typed with a Chinese input method) as 1.2; the journal, evidence
    as written, refuses it, and said no more than 'no measure': now it names the measure meant."""
    from rectify_cli.i18n import Lang, problem_message

    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = tmp_path / "progress.yaml"
    journal.write_text(f'- measure: "{written}"\n  date: 2019-03-31\n  state: done\n', encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    [problem] = caught.value.problems
    assert str(problem) == f"{journal}:1:12: journal entry 1: no measure '{written}' in the plan (did you mean {meant}?)"
    assert problem_message(problem, Lang.zh) == f"第 1 条进展记录：整改方案中没有措施“{written}”（是否指 {meant}？）"


def _unhashed_small(tmp_path, appended: str) -> Path:
    """The small fixture's journal written by hand: no `hash:` lines, `appended` after its entries."""
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    text = (FIXTURES / "small" / "progress.yaml").read_text(encoding="utf-8")
    text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("  hash:"))
    (tmp_path / "progress.yaml").write_text(text + appended, encoding="utf-8")
    return tmp_path / "progress.yaml"


_REPEATED = '- measure: "2.1"\n  date: 2019-03-20\n  state: in_progress\n  note: 围挡完成90%。\n  by: 自治区生态环境厅\n'


@pytest.mark.parametrize("lang, said", [
    ("zh", "警告：第 11 条进展记录（措施 2.1，2019-03-20）与第 48 行的记录完全相同：重复的记录不改变任何状态；"
           "若是重复粘贴，请删去这一条"),
    ("en", "warning: journal entry 11 (measure 2.1, 2019-03-20) repeats the entry on line 48 exactly: a repeated entry "
           "changes no state; if it was pasted twice, delete this one"),
])
def test_validate_warns_of_an_entry_that_repeats_an_earlier_one_exactly(tmp_path, lang, said):
    """(a clerk's own YAML, without hashes, with one entry pasted twice: validate, status and
    check took it without a word; only verify failed, on every entry, for want of hashes)"""
    journal = _unhashed_small(tmp_path, _REPEATED + _REPEATED)
    for cache in ("cold", "warm"):  # (the second run reads the journal from the cache)
        proc = _rectify("validate", str(tmp_path / "tasks.yaml"), cache=tmp_path / "cache", lang=lang)
        assert (proc.returncode, proc.stderr) == (0, f"rectify: {journal}:53: {said}\n"), cache
        assert proc.stdout.startswith(str(tmp_path / "tasks.yaml")), cache  # (the ok line, as ever)


def test_an_entry_like_an_earlier_one_but_for_one_field_is_no_repeat(tmp_path):
    """Two progress notes of a day, or one entry recorded again with its evidence added, are two entries."""
    _unhashed_small(tmp_path, _REPEATED + _REPEATED.replace("90%", "95%") + _REPEATED + "  evidence: 照片\n")
    proc = _rectify("validate", str(tmp_path / "tasks.yaml"), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stderr) == (0, "")


@pytest.mark.parametrize("lang, said", [
    ("zh", "警告：第 11 条进展记录（措施 1.2，2019-03-31）与第 57 行的记录完全相同：重复的记录不改变任何状态；"
           "如是误将命令运行了两次，请用 `rectify retract 1.2 --entry {new} --reason 重复记录 -r {plan}` 撤回这一条"),
    ("en", "warning: journal entry 11 (measure 1.2, 2019-03-31) repeats the entry on line 57 exactly: a repeated entry "
           "changes no state; if the command ran twice by mistake, `rectify retract 1.2 --entry {new} --reason duplicate -r {plan}` "
           "voids this one"),
])
def test_validate_warns_of_an_entry_the_command_line_wrote_twice(tmp_path, lang, said):
    """`record` run twice said so at the second write, but validate never did: entries written
    by rectify differ in their hash, which repeats were compared by. Deleting one (as said of a
    pasted entry) would break the chain: it is retracted, and then no longer warned of."""
    shutil.copytree(FIXTURES / "small", tmp_path / "small")
    plan, journal = tmp_path / "small" / "tasks.yaml", tmp_path / "small" / "progress.yaml"
    record = ("record", "1.2", "--state", "in_progress", "--note", "同一说明", "--registry", str(plan))
    assert _rectify(*record, cache=tmp_path / "cache").returncode == 0
    second = _rectify(*record, cache=tmp_path / "cache")
    assert second.returncode == 0
    new = journal.read_text(encoding="utf-8").rsplit("hash: ", 1)[1][:12]
    for cache in ("cold", "warm"):
        proc = _rectify("validate", str(plan), cache=tmp_path / "cache", lang=lang)
        assert (proc.returncode, proc.stderr) == (0, f"rectify: {journal}:62: {said.format(new=new, plan=plan)}\n"), cache
    retracted = _rectify("retract", "1.2", "--entry", new, "--reason", "重复记录", "--registry", str(plan),
                         cache=tmp_path / "cache")
    assert retracted.returncode == 0, retracted.stderr
    proc = _rectify("validate", str(plan), cache=tmp_path / "cache", lang=lang)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_an_entry_written_again_on_a_later_day_with_the_same_date_is_a_repeat(tmp_path):
    """(back-dated twice, a day apart: its `recorded` day differs, as a user never typed it)"""
    shutil.copytree(FIXTURES / "small", tmp_path / "small")
    plan, journal = tmp_path / "small" / "tasks.yaml", tmp_path / "small" / "progress.yaml"
    record = ("record", "1.2", "--state", "in_progress", "--note", "补录", "--date", "2019-03-20", "--registry", str(plan))
    assert _rectify(*record, cache=tmp_path / "cache").returncode == 0
    text = journal.read_text(encoding="utf-8")
    assert "  recorded: 2019-03-31\n" in text
    # (the same entry back-filled the day before, by hand, without a hash: the one the other repeats)
    journal.write_text(text + '- measure: "1.2"\n  date: 2019-03-20\n  state: in_progress\n  note: 补录\n'
                       '  recorded: 2019-03-30\n', encoding="utf-8")
    proc = _rectify("validate", str(plan), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stderr) == (0, (
        f"rectify: {journal}:63: warning: journal entry 11 (measure 1.2, 2019-03-20) repeats the entry on line 57 "
        "exactly: a repeated entry changes no state; if it was pasted twice, delete this one\n"))


def test_repeated_entries_compares_what_a_user_gives_and_passes_over_a_retracted_one():
    from rectify_cli.journal_checks import repeated_entries
    from rectify_cli.model import Entry, EntryState, Location

    def entry(line, digest, **fields):
        return Entry(measure="1.2", date=date(2019, 3, 20), state=EntryState.IN_PROGRESS, note="同一", hash=digest,
                     location=Location("progress.yaml", line), **fields)

    first, second = entry(1, "a" * 64), entry(6, "b" * 64, recorded=date(2019, 3, 31))
    other = entry(11, "c" * 64, by="拉萨市")  # (a field given otherwise: another entry)
    assert repeated_entries([first, second, other]) == [(2, second, first)]
    retraction = Entry(measure="1.2", date=date(2019, 3, 31), state=EntryState.RETRACTED, note="重复记录",
                       retracts="b" * 64, hash="d" * 64, location=Location("progress.yaml", 16))
    assert repeated_entries([first, second, other, retraction]) == []


def _month_pasted_twice(tmp_path, days: int):
    """A journal of `days` entries, dated from 2019-03-11 on, pasted in twice, validated: the journal,
    the process, its stderr's lines."""
    month = "".join(_REPEATED.replace("2019-03-20", f"2019-03-{day:02d}") for day in range(11, 11 + days))
    journal = _unhashed_small(tmp_path, month + month)
    proc = _rectify("validate", str(tmp_path / "tasks.yaml"), cache=tmp_path / "cache")
    return journal, proc, proc.stderr.splitlines()


def test_a_journal_pasted_twice_is_said_in_a_few_lines_not_one_per_entry(tmp_path):
    """(the 13 entries of a month pasted in again: 10 named, the others counted)"""
    journal, proc, lines = _month_pasted_twice(tmp_path, 13)
    assert (proc.returncode, len(lines)) == (0, 11)
    assert lines[0] == (f"rectify: {journal}:113: warning: journal entry 23 (measure 2.1, 2019-03-11) repeats the entry "
                        "on line 48 exactly: a repeated entry changes no state; if it was pasted twice, delete this one")
    assert lines[9].startswith(f"rectify: {journal}:158: warning: journal entry 32 (measure 2.1, 2019-03-20) ")
    assert lines[10] == "rectify: warning: 3 more entries repeat an earlier one exactly"


def test_a_journal_with_ten_entries_pasted_twice_names_each_and_counts_none_more(tmp_path):
    """(ten named, as many as are named: no "0 more entries" after them)"""
    journal, proc, lines = _month_pasted_twice(tmp_path, 10)
    assert (proc.returncode, len(lines)) == (0, 10)
    assert lines[9] == (f"rectify: {journal}:143: warning: journal entry 29 (measure 2.1, 2019-03-20) repeats the entry "
                        "on line 93 exactly: a repeated entry changes no state; if it was pasted twice, delete this one")


def _validate_and_status_say(tmp_path, said: str, lang: str) -> None:
    """validate, status and status as JSON on the ledger in `tmp_path` each exit 0 saying `said` on
    stderr, with a cold cache and then a warm one (whose journal comes from the cache)."""
    for cache in ("cold", "warm"):
        for command in (("validate", str(tmp_path / "tasks.yaml")), ("status", "--registry", str(tmp_path / "tasks.yaml")),
                        ("status", "--registry", str(tmp_path / "tasks.yaml"), "--format", "json")):
            proc = _rectify(*command, cache=tmp_path / "cache", lang=lang)
            assert (proc.returncode, proc.stderr) == (0, said), (cache, command)


# (typed by hand: 2919 for 2019; 1.1, due 2018-12-31, never overdue after)
_FAR = ('- measure: "1.1"\n  date: 2018-12-20\n  state: extended\n  note: 资金未到位。\n  to: 2919-12-31\n'
        '  reason: 资金\n  approved_by: 拉萨市\n')
# (typed by hand, so the confirmation is added by hand: "leave it as it is" left it warned of for good)
_FAR_SAID = {
    "zh": "警告：第 10 条进展记录（措施 1.1，2018-12-20）将期限 2018-12-31 延至 2919-12-31，晚 10 年以上：年份是否输错了？"
          "在此之前该措施不会显示逾期；如确实批准延期至该日，请在这条记录中写上 far_future: true，不再警告",
    "en": "warning: journal entry 10 (measure 1.1, 2018-12-20) moves the deadline 2018-12-31 to 2919-12-31, more than "
          "10 years later: is the year mistyped? Until then the measure is never overdue; if the extension truly runs "
          "that long, write far_future: true in the entry and this warning stops",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_validate_and_status_warn_of_an_extension_typed_by_hand_more_than_ten_years_on(tmp_path, lang):
    """(`extend --to 2919-12-31` is refused, but the same entry typed into progress.yaml loaded
    without a word, and status and check never showed 1.1 overdue again)"""
    journal = _unhashed_small(tmp_path, _FAR)
    said = f"rectify: {journal}:48: {_FAR_SAID[lang]}\n"
    _validate_and_status_say(tmp_path, said, lang)
    # (a warning: check judges the entry as ever, 1.1 not overdue, exit 0; it does not warn, as the README says)
    check = _rectify("check", "--registry", str(tmp_path / "tasks.yaml"), cache=tmp_path / "cache", lang=lang)
    assert (check.returncode, check.stderr) == (0, "")
    assert check.stdout.splitlines()[-1] == {"zh": "截至 2019-03-31，8 项措施均无逾期",
                                             "en": "All clear as of 2019-03-31: 0 of 8 measures overdue"}[lang]
    assert "1.1" not in check.stdout


@pytest.mark.parametrize("appended", [
    _FAR.replace("2919-12-31", "2028-12-31"),  # (ten years to the day: written by extend without --far-future)
    # (each within ten years of the deadline it moves, as extended before: 2018 → 2028 → 2038)
    _FAR.replace("2919-12-31", "2028-12-31") + _FAR.replace("2018-12-20", "2019-01-20").replace("2919-12-31", "2038-12-31"),
])
def test_an_extension_no_more_than_ten_years_after_the_deadline_it_moves_is_not_warned_of(tmp_path, appended):
    _unhashed_small(tmp_path, appended)
    for command in (("validate", str(tmp_path / "tasks.yaml")), ("status", "--registry", str(tmp_path / "tasks.yaml"))):
        proc = _rectify(*command, cache=tmp_path / "cache")
        assert (proc.returncode, proc.stderr) == (0, ""), command


def test_a_far_extension_written_with_far_future_is_not_warned_of_again(tmp_path):
    """(--far-future was not stored in the entry: every validate and status warned of the
    extension the user had confirmed, for good; a retraction of a true entry the only way out)"""
    shutil.copytree(FIXTURES / "small", tmp_path / "small")
    plan = tmp_path / "small" / "tasks.yaml"
    written = _rectify("extend", "3.1", "--to", "2919-12-31", "--reason", "资金", "--approved-by", "那曲市", "--far-future",
                       "--registry", str(plan), cache=tmp_path / "cache")
    assert (written.returncode, written.stderr) == (0, "")
    for cache in ("cold", "warm"):
        for command in (("validate", str(plan)), ("status", "--registry", str(plan))):
            proc = _rectify(*command, cache=tmp_path / "cache")
            assert (proc.returncode, proc.stderr) == (0, ""), (cache, command)
    verified = _rectify("verify", "--registry", str(plan), cache=tmp_path / "cache")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_far_extension_typed_by_hand_with_far_future_true_is_not_warned_of(tmp_path):
    journal = _unhashed_small(tmp_path, _FAR + "  far_future: true\n")
    proc = _rectify("validate", str(tmp_path / "tasks.yaml"), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stderr) == (0, "")
    # (false, as good as none: warned of as before)
    journal.write_text(journal.read_text(encoding="utf-8").replace("far_future: true", "far_future: false"),
                       encoding="utf-8")
    proc = _rectify("validate", str(tmp_path / "tasks.yaml"), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stderr) == (0, f"rectify: {journal}:48: {_FAR_SAID['en']}\n")


def test_an_extension_typed_by_hand_is_far_of_the_deadline_a_retraction_put_back(tmp_path):
    """1.1 extended by rectify to 2025-12-31, that extension retracted: its deadline is 2018-12-31 again, and an
    extension typed by hand to 2030-06-30 moves it more than ten years on (not five from the retracted 2025)."""
    shutil.copytree(FIXTURES / "small", tmp_path / "small")
    plan = tmp_path / "small" / "tasks.yaml"
    journal = plan.with_name("progress.yaml")
    extended = _rectify("extend", "1.1", "--to", "2025-12-31", "--reason", "资金", "--approved-by", "拉萨市", "--date",
                        "2018-12-20", "--registry", str(plan), cache=tmp_path / "cache")
    assert extended.returncode == 0, extended.stderr
    retracted = _rectify("retract", "1.1", "--reason", "误记", "--registry", str(plan), cache=tmp_path / "cache")
    assert (retracted.returncode, retracted.stdout.splitlines()[0]) == (0, (
        "Recorded 1.1 2019-03-31 retracted (2018-12-20 extension) — as of 2019-03-31: 90 days overdue (due 2018-12-31)"))
    line = journal.read_text(encoding="utf-8").count("\n") + 1
    with journal.open("a", encoding="utf-8") as typed:
        typed.write('- measure: "1.1"\n  date: 2019-03-31\n  state: extended\n  note: 资金未到位。\n  to: 2030-06-30\n'
                    '  reason: 资金\n  approved_by: 拉萨市\n  late: true\n')
    proc = _rectify("validate", str(plan), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stderr) == (0, (
        f"rectify: {journal}:{line}: warning: journal entry 12 (measure 1.1, 2019-03-31) moves the deadline 2018-12-31 "
        "to 2030-06-30, more than 10 years later: is the year mistyped? Until then the measure is never overdue; if the "
        "extension truly runs that long, write far_future: true in the entry and this warning stops\n"))


# (typed by hand on an extension of a year: history, show and summary mark it （已确认远期）, which is false)
_NEEDLESS = _FAR.replace("2919-12-31", "2019-12-31") + "  far_future: true\n"
_NEEDLESS_SAID = {
    "zh": "警告：第 10 条进展记录（措施 1.1，2018-12-20）将期限 2018-12-31 延至 2019-12-31，并未晚 10 年以上："
          "far_future: true 在此无需写上，请删去（history、show 和 summary 据此标为“已确认远期”）",
    "en": "warning: journal entry 10 (measure 1.1, 2018-12-20) moves the deadline 2018-12-31 to 2019-12-31, not more "
          "than 10 years later: far_future: true is needless there, delete it (with it, history, show and summary mark the "
          "entry 'far date confirmed')",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_far_future_true_typed_on_an_extension_not_far_is_warned_of_as_needless(tmp_path, lang):
    journal = _unhashed_small(tmp_path, _NEEDLESS)
    said = f"rectify: {journal}:48: {_NEEDLESS_SAID[lang]}\n"
    _validate_and_status_say(tmp_path, said, lang)


def test_far_future_true_is_needless_by_the_deadline_it_moves_as_extended_before(tmp_path):
    """(2018 → 2919 confirmed, then 2919 → 2920: the second is a year, its key needless; the
    first, far, is not warned of)"""
    second = _NEEDLESS.replace("2018-12-20", "2019-01-20").replace("2019-12-31", "2920-12-31")
    journal = _unhashed_small(tmp_path, _FAR + "  far_future: true\n" + second)
    proc = _rectify("validate", str(tmp_path / "tasks.yaml"), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stderr) == (0, (
        f"rectify: {journal}:56: warning: journal entry 11 (measure 1.1, 2019-01-20) moves the deadline 2919-12-31 to "
        "2920-12-31, not more than 10 years later: far_future: true is needless there, delete it (with it, history, "
        "show and summary mark the entry 'far date confirmed')\n"))


def test_far_future_true_rectify_wrote_is_not_warned_of_when_a_back_filled_entry_made_it_needless(tmp_path):
    """(far when written; the extension back-filled before it now moves the deadline most of the
    way: deleting the key would break the hash chain, and it was confirmed when written)"""
    shutil.copytree(FIXTURES / "small", tmp_path / "small")
    plan = tmp_path / "small" / "tasks.yaml"
    extend = ("extend", "3.1", "--reason", "资金", "--approved-by", "那曲市", "--far-future", "--registry", str(plan))
    assert _rectify(*extend, "--to", "2919-12-31", cache=tmp_path / "cache").returncode == 0
    assert _rectify(*extend, "--to", "2915-12-31", "--date", "2019-03-20", cache=tmp_path / "cache").returncode == 0
    assert _rectify("verify", "--registry", str(plan), cache=tmp_path / "cache").returncode == 0
    proc = _rectify("validate", str(plan), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stderr) == (0, "")


def test_many_needless_far_future_keys_are_said_in_a_few_lines(tmp_path):
    """(12 extensions of 1.1 a year apart, each typed with far_future: true: 10 named, the others counted)"""
    journal = _unhashed_small(tmp_path, "".join(_NEEDLESS.replace("2019-12-31", f"{year}-12-31")
                                                for year in range(2019, 2031)))
    proc = _rectify("validate", str(tmp_path / "tasks.yaml"), cache=tmp_path / "cache")
    lines = proc.stderr.splitlines()
    assert (proc.returncode, len(lines)) == (0, 11)
    assert lines[1].startswith(f"rectify: {journal}:56: warning: journal entry 11 (measure 1.1, 2018-12-20) moves the "
                               "deadline 2019-12-31 to 2020-12-31, not more than 10 years later")
    assert lines[10] == "rectify: warning: 2 more extensions say far_future: true, moving a deadline no more than 10 years later"


@pytest.mark.parametrize("lang, said", [
    ("zh", "警告：第 10 条进展记录（措施 3.1，2019-03-20）将期限 2020-12-31 延至 2919-12-31，晚 10 年以上：年份是否输错了？"
           "在此之前该措施不会显示逾期；如确实批准延期至该日，无需改动"),
    ("en", "warning: journal entry 10 (measure 3.1, 2019-03-20) moves the deadline 2020-12-31 to 2919-12-31, more than "
           "10 years later: is the year mistyped? Until then the measure is never overdue; if the extension truly runs "
           "that long, leave it as it is"),
])
def test_a_far_extension_rectify_wrote_before_far_future_was_kept_is_not_told_to_be_edited(tmp_path, lang, said):
    """(hashed: written by `extend --far-future` before the entry kept it; far_future: true added
    by hand would break the hash chain, which verify then reports)"""
    from rectify_cli import chain

    shutil.copytree(FIXTURES / "small", tmp_path / "small")
    plan, journal = tmp_path / "small" / "tasks.yaml", tmp_path / "small" / "progress.yaml"
    fields = {"measure": "3.1", "date": "2019-03-20", "state": "extended", "milestone": "2020-12-31",
              "to": "2919-12-31", "reason": "资金", "approved_by": "那曲市"}
    head = journal.read_text(encoding="utf-8").rsplit("hash: ", 1)[1].strip()
    digest = chain.entry_hash(head, fields)
    with journal.open("a", encoding="utf-8") as out:
        out.write(f'- measure: "3.1"\n' + "".join(f"  {k}: {v}\n" for k, v in fields.items() if k != "measure")
                  + f"  hash: {digest}\n")
    assert _rectify("verify", "--registry", str(plan), cache=tmp_path / "cache").returncode == 0
    proc = _rectify("validate", str(plan), cache=tmp_path / "cache", lang=lang)
    assert proc.returncode == 0
    assert proc.stderr == f"rectify: {journal}:57: {said}\n"  # (the entry appended on line 57, after the fixture's 56)


@pytest.mark.parametrize("appended, line, said", [
    (_FAR + "  far_future: 确认\n", 55, "journal entry 10, field far_future: expected true or false, got '确认'"),
    ('- measure: "1.1"\n  date: 2018-12-20\n  state: in_progress\n  note: x\n  far_future: true\n', 52,
     "journal entry 10, field far_future: only an extension (state: extended) has 'far_future'"),
])
def test_a_far_future_key_is_checked_as_late_is(tmp_path, appended, line, said):
    journal = _unhashed_small(tmp_path, appended)
    proc = _rectify("validate", str(tmp_path / "tasks.yaml"), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stderr) == (2, f"rectify: {journal}:{line}:15: {said}\n")


def test_a_far_extension_retracted_is_not_warned_of(tmp_path):
    shutil.copytree(FIXTURES / "small", tmp_path / "small")
    plan = tmp_path / "small" / "tasks.yaml"
    extend = ("extend", "3.1", "--to", "2919-12-31", "--reason", "资金", "--approved-by", "那曲市", "--far-future")
    assert _rectify(*extend, "--registry", str(plan), cache=tmp_path / "cache").returncode == 0
    assert _rectify("retract", "3.1", "--reason", "年份误录", "--registry", str(plan), cache=tmp_path / "cache").returncode == 0
    proc = _rectify("validate", str(plan), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stderr) == (0, "")


def test_many_far_extensions_are_said_in_a_few_lines(tmp_path):
    """(12 extensions of 1.1 a century apart: 10 named, the others counted)"""
    journal = _unhashed_small(tmp_path, "".join(_FAR.replace("2919", str(year)) for year in range(2100, 3300, 100)))
    proc = _rectify("validate", str(tmp_path / "tasks.yaml"), cache=tmp_path / "cache")
    lines = proc.stderr.splitlines()
    assert (proc.returncode, len(lines)) == (0, 11)
    assert lines[1].startswith(f"rectify: {journal}:55: warning: journal entry 11 (measure 1.1, 2018-12-20) moves the "
                               "deadline 2100-12-31 to 2200-12-31, more than 10 years later")
    assert lines[10] == "rectify: warning: 2 more extensions move a deadline more than 10 years later"
