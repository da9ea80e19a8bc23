"""`rectify check` from cached outcomes: the same answers as the full load, or the full load.

Each test runs a check twice with one cache folder (the first run loads everything and
remembers outcomes, the second is answered from them) and compares both with --no-cache.
"""
from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import sealed, unsealed
from rectify_cli import outcomes, registry
from rectify_cli.cache import FileCache
from rectify_cli.cli import app
from test_folder_registry import split_small

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small"
TODAY = "2019-03-31"  # the small fixture's newest journal entry is 2019-03-10
ENV = {"RECTIFY_TODAY": TODAY, "GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None, "RECTIFY_REGISTRY": None}


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(params=["file", "folder"])
def reg(request, tmp_path) -> Path:
    if request.param == "file":
        shutil.copytree(SMALL, tmp_path / "reg")
        return tmp_path / "reg" / "tasks.yaml"
    return split_small(tmp_path / "reg")


def check(*args, today=TODAY):
    result = CliRunner().invoke(app, ["check", *args], env={**ENV, "RECTIFY_TODAY": today})
    return result.exit_code, result.stdout, result.stderr


def view(path, today=TODAY):
    return outcomes.open_view(path, store=FileCache(), today=date.fromisoformat(today))


def overdue(answer, as_of):
    """The ids of the measures overdue as of `as_of` by the cached outcomes, without a folder's "NAME:"."""
    flagged = answer.flagged(as_of=date.fromisoformat(as_of), categories=("overdue",))
    return sorted(re.sub(r"^\w+:", "", m.id) for task in flagged.plan.tasks for m in task.measures)


# The small fixture's overdue measures: 1.1 (due 2018-12-31), 2.1 (2019-04-15), 3.1 (2020-12-31)
# and 4.2 (extended to 2019-12-31).
OVERDUE = {"2019-03-31": ["1.1"], "2019-04-20": ["1.1", "2.1"], "2019-09-30": ["1.1", "2.1"],
           "2021-01-01": ["1.1", "2.1", "3.1", "4.2"]}


@pytest.mark.parametrize("as_of", ["2019-03-31", "2019-04-20", "2019-09-30", "2021-01-01"])
@pytest.mark.parametrize("options", [[], ["--fail-on", "due_soon"], ["--fail-on", "stale", "--fail-on", "overdue"],
                                     ["--warn-days", "200", "--report-period", "10"]])
def test_a_check_from_outcomes_says_what_the_full_load_says(reg, cache_dir, as_of, options):
    argv = ["-r", str(reg), "--as-of", as_of, *options]
    full = {f: check(*argv, "--format", f, "--no-cache") for f in ("text", "json", "github", "markdown", "sarif")}
    check(*argv)  # loads everything, remembers the outcomes
    answer = view(reg)
    assert (answer.total, overdue(answer, as_of)) == (8, OVERDUE[as_of])
    for form, expected in full.items():
        assert check(*argv, "--format", form) == expected, form


def test_outcomes_are_remembered_and_then_no_yaml_is_read(reg, cache_dir):
    check("-r", str(reg))
    registry.PARSE_COUNTS.clear()
    answer = view(reg)
    assert answer is not None and answer.total == 8
    assert registry.PARSE_COUNTS == {}


def test_a_journal_edited_is_read_alone_and_the_answer_follows_the_edit(tmp_path, cache_dir):
    folder = split_small(tmp_path / "reg")
    check("-r", str(folder))
    assert overdue(view(folder), "2021-01-01") == OVERDUE["2021-01-01"]
    journal = folder / "naqu.progress.yaml"
    journal.write_text(journal.read_text(encoding="utf-8").replace('state: in_progress', 'state: done', 1), encoding="utf-8")
    registry.PARSE_COUNTS.clear()
    assert overdue(view(folder), "2021-01-01") == ["1.1", "2.1", "4.2"]  # 3.1 done now
    assert {Path(k).name for k, v in registry.PARSE_COUNTS.items() if v} == {"naqu.progress.yaml"}
    for form in ("text", "json"):
        assert check("-r", str(folder), "--format", form) == check("-r", str(folder), "--format", form, "--no-cache")


NEW_IMMEDIATE_TASK = """\
  - id: 5
    title: 新增任务
    problem: 新增任务。
    deadline:
      text: 立即启动
      milestones:
        - {kind: immediate}
    reported: {state: on_schedule}
    regions: [那曲市]
    measures:
      - id: 1
        text: 立即整改。
        owners: [那曲市]
        lead: 那曲市
        milestones:
          - {kind: immediate}
"""


def test_a_changed_feedback_date_moves_the_immediate_milestones_of_its_own_file_only(tmp_path, cache_dir):
    """Each file's immediate milestones are due on its own feedback date: a cached outcome of one
    file stays as it is when another file's feedback date changes, and moves with its own."""
    folder = split_small(tmp_path / "reg")
    for journal in folder.glob("*.progress.yaml"):  # (their entries predate the feedback dates below)
        journal.unlink()
    naqu, xizang = folder / "naqu.yaml", folder / "xizang.yaml"
    for plan in (naqu, xizang):  # (a report follows its feedback)
        plan.write_text(plan.read_text(encoding="utf-8").replace("report_date: 2019-03-31", "report_date: 2019-07-31"),
                        encoding="utf-8")
    naqu_head = naqu.read_text(encoding="utf-8") + NEW_IMMEDIATE_TASK
    naqu.write_text(naqu_head.replace("feedback_date: 2018-01-03", "feedback_date: 2019-05-01"), encoding="utf-8")
    head = xizang.read_text(encoding="utf-8")
    xizang.write_text(head.replace("feedback_date: 2018-01-03", "feedback_date: 2019-06-30"), encoding="utf-8")
    argv = ["-r", str(folder), "--format", "json"]
    assert "naqu:5.1" not in check(*argv)[1]  # due 2019-05-01: on track, not listed
    xizang.write_text(head.replace("feedback_date: 2018-01-03", "feedback_date: 2019-04-15"), encoding="utf-8")
    assert "naqu:5.1" not in check(*argv)[1]  # (another file's feedback date: naqu:5.1 is still due 2019-05-01)
    naqu.write_text(naqu_head.replace("feedback_date: 2018-01-03", "feedback_date: 2019-04-15"), encoding="utf-8")
    after = check(*argv)  # its own: now due 2019-04-15
    assert '"id": "naqu:5.1"' in after[1] and '"kind": "warning"' in after[1]
    assert after == check(*argv, "--no-cache")


def test_a_journal_entry_now_in_the_future_is_reported_by_the_full_load(reg, cache_dir):
    check("-r", str(reg))
    earlier = "2019-03-05"  # before the newest entry (2019-03-10): that entry is now in the future
    assert view(reg, today=earlier) is None
    code, _, err = check("-r", str(reg), "--lang", "en", today=earlier)
    assert code == 2 and "is in the future" in err
    assert (code, err) == check("-r", str(reg), "--lang", "en", "--no-cache", today=earlier)[::2]


def test_a_journal_entry_recorded_on_a_day_now_in_the_future_is_reported_by_the_full_load(reg, cache_dir):
    """An entry dated in the past but recorded on a day after today (the computer's clock set back
    since) is refused by the full load; the outcomes, which knew only entry dates, answered as if
    nothing were wrong."""
    journal = reg.parent / "progress.yaml" if reg.is_file() else next(reg.glob("*progress*.yaml"))
    measure = re.search(r'measure: "?([^"\n]+)', journal.read_text(encoding="utf-8")).group(1)
    with journal.open("a", encoding="utf-8") as handle:
        handle.write(f'- measure: "{measure}"\n  date: 2019-03-20\n  state: in_progress\n  note: 推进中\n'
                     "  recorded: 2019-03-28\n")
    check("-r", str(reg))  # remembers the outcomes on 2019-03-31
    earlier = "2019-03-25"  # after every entry's date, before the day the last was recorded
    code, _, err = check("-r", str(reg), "--lang", "en", today=earlier)
    assert code == 2 and "recorded" in err
    assert (code, err) == check("-r", str(reg), "--lang", "en", "--no-cache", today=earlier)[::2]


def test_as_of_before_an_entry_is_answered_by_the_full_load(reg, cache_dir):
    check("-r", str(reg))
    assert view(reg).flagged(as_of=date(2019, 3, 1), categories=("overdue", "due_soon")) is None
    argv = ["-r", str(reg), "--as-of", "2019-03-01", "--format", "json"]
    assert check(*argv) == check(*argv, "--no-cache")


def test_junit_and_filters_still_see_every_measure(reg, cache_dir):
    check("-r", str(reg))
    for extra in (["--format", "junit"], ["--owner", "拉萨市"], ["--task", "1"]):
        if extra[0] == "--task" and reg.is_dir():
            extra = ["--task", "xizang:1"]
        assert check("-r", str(reg), *extra) == check("-r", str(reg), *extra, "--no-cache"), extra
    code, out, _ = check("-r", str(reg), "--format", "junit")
    assert out.count("<testcase") == 8


def test_an_entry_on_another_files_measure_is_refused_from_the_cache_too(tmp_path, cache_dir):
    """A folder journal naming another file's measure by its prefixed id is refused (its history
    would be split across two journals, each checked alone), warm as cold."""
    folder = split_small(tmp_path / "reg")
    argv = ["-r", str(folder), "--format", "json", "--lang", "en"]
    assert check(*argv)[0] == 1  # (cached as it was)
    journal = folder / "naqu.progress.yaml"
    journal.write_text(journal.read_text(encoding="utf-8")
                       + '- measure: "xizang:1.1"\n  date: 2019-03-25\n  state: in_progress\n  note: 跨文件进展\n', encoding="utf-8")
    refused = check(*argv, "--no-cache")
    assert refused[:2] == (2, "") and "xizang:1.1 is a measure of xizang's plan, not of naqu's" in refused[2]
    assert check(*argv) == refused


def test_a_damaged_outcome_entry_is_a_miss(reg, cache_dir):
    check("-r", str(reg))
    for entry in cache_dir.glob("*.json"):
        text = unsealed(entry.read_bytes())
        if b'"outcomes"' in text:  # (its CRC-32 made again: the check behind it is the one tested)
            entry.write_bytes(sealed(text.replace(b'"outcomes":[', b'"outcomes":["x",')))
    argv = ["-r", str(reg), "--format", "json"]
    assert check(*argv) == check(*argv, "--no-cache")


def damaged_entries_answer_as_without_the_cache(reg, cache_dir, damage) -> int:
    """Check `reg` to fill the cache, replace each entry's bytes by `damage(its bytes)` (None:
    left as it is), and assert the check then says what it says without the cache; how many
    entries were damaged. (`damage` is given the bytes without their CRC-32, made again for
    what it returns: the checks behind it are the ones tested.)"""
    argv = ["-r", str(reg), "--format", "json"]
    expected = check(*argv, "--no-cache")
    check(*argv)
    damaged = 0
    for entry in cache_dir.glob("*.json"):
        made = damage(unsealed(entry.read_bytes()))
        if made is not None:
            entry.write_bytes(sealed(made))
            damaged += 1
    assert check(*argv) == expected
    return damaged


@pytest.mark.parametrize("number", [b'"7"', b"null", b"[1]", b"{}"])
def test_a_cached_outcome_that_is_not_a_whole_number_is_a_miss(reg, cache_dir, number):
    def damage(text):
        if b'"outcomes":[' in text:  # (its first number, the list as long as it was)
            return re.sub(rb'"outcomes":\[-?[0-9]+', b'"outcomes":[' + number, text, count=1)
        return None

    assert damaged_entries_answer_as_without_the_cache(reg, cache_dir, damage)


@pytest.mark.parametrize("damage", ["ends", "rows"])
def test_a_cached_plan_whose_rows_cant_be_picked_is_a_miss(reg, cache_dir, damage):
    def damaged(text):
        key, _, body = text.partition(b"\n")
        if not body.startswith(b'[{"meta"'):  # a plan entry: [header,ends\n,row\n...]
            return None
        head, _, rows = body.partition(b"\n")
        if damage == "ends":
            header, _, ends = head.rpartition(b",[")
            head = header + b",[" + b",".join(b"0" for _ in ends.split(b",")) + b"]"
        else:
            rows = rows.replace(b'"', b"")
        return key + b"\n" + head + b"\n" + rows

    assert damaged_entries_answer_as_without_the_cache(reg, cache_dir, damaged) == len(outcomes.registry_files(reg))


def test_a_cached_plan_header_that_no_longer_describes_its_rows_is_a_miss(reg, cache_dir):
    import json

    argv = ["-r", str(reg), "--format", "json", "--fail-on", "overdue", "--fail-on", "stale", "--as-of", "2021-01-01"]
    expected = check(*argv, "--no-cache")
    check(*argv)
    for plan, _, prefix in outcomes.registry_files(reg):
        entry = FileCache(cache_dir).entry_path(plan, "plan", prefix)
        key, _, body = unsealed(entry.read_bytes()).partition(b"\n")
        head, _, rows = body.partition(b"\n")
        header, sums, ends = json.loads(head + b"]")
        header["measure_counts"][0] += 1  # the first task claims the next task's row
        head = b"[" + json.dumps([header, sums, ends], ensure_ascii=False).encode()[1:-1]
        entry.write_bytes(sealed(key + b"\n" + head + b"\n" + rows))  # (its CRC-32 made again)
    assert check(*argv) == expected


@pytest.mark.parametrize("damage", ["a row short", "a text for a position", "gone"])
def test_cached_positions_of_journal_rows_that_do_not_fit_are_a_miss(reg, cache_dir, damage):
    """Beside the outcomes, the position of each journal row's measure: damaged or missing,
    the check is the full load's, and the positions are made again."""
    import json

    argv = ["-r", str(reg), "--format", "json", "--fail-on", "overdue", "--fail-on", "stale", "--as-of", "2021-01-01"]
    expected = check(*argv, "--no-cache")
    check(*argv)
    entries = [FileCache(cache_dir).entry_path(plan, outcomes.ROW_MEASURES, prefix)
               for plan, _, prefix in outcomes.registry_files(reg)]
    for entry in entries:
        key, _, body = unsealed(entry.read_bytes()).partition(b"\n")
        positions = json.loads(body)
        if damage == "gone":
            entry.unlink()
            continue
        positions = positions[:-1] if damage == "a row short" else [str(p) for p in positions]
        entry.write_bytes(sealed(key + b"\n" + json.dumps(positions).encode()))  # (its CRC-32 made again)
    assert check(*argv) == expected
    if damage == "gone":
        assert all(entry.exists() for entry in entries)
    assert check(*argv) == expected


def test_a_file_changed_again_while_the_view_reads_it_is_left_to_the_full_load(tmp_path, cache_dir, monkeypatch):
    folder = split_small(tmp_path / "reg")
    check("-r", str(folder))
    journal = folder / "naqu.progress.yaml"
    journal.write_text(journal.read_text(encoding="utf-8").replace("state: in_progress", "state: done", 1), encoding="utf-8")
    hashed = FileCache.file_digest

    def hashed_before_another_edit(self, path):  # the version hashed is not the text then read
        digest, size = hashed(self, path)
        return ("0" * 64 if Path(path) == journal else digest), size

    monkeypatch.setattr(FileCache, "file_digest", hashed_before_another_edit)
    assert view(folder) is None
    monkeypatch.undo()
    argv = ["-r", str(folder), "--format", "json"]
    assert check(*argv) == check(*argv, "--no-cache")


def test_a_cached_journal_row_of_the_wrong_type_is_a_miss(reg, cache_dir):
    from test_cache import _damage_a_journal_row

    argv = ["-r", str(reg), "--format", "json"]
    expected = check(*argv, "--no-cache")
    check(*argv)
    _damage_a_journal_row(cache_dir)
    assert check(*argv) == expected
    assert check(*argv) == expected


# -- commands about one item: show, history, record --------------------------------------------
def run(*args, today=TODAY):
    result = CliRunner().invoke(app, list(args), env={**ENV, "RECTIFY_TODAY": today})
    return result.exit_code, result.stdout, result.stderr


def no_full_load(monkeypatch):
    """The full load made an error: what is asked must come from the cached outcomes."""
    def refused(*args, **kwargs):
        raise AssertionError("the whole registry was loaded")

    monkeypatch.setattr(outcomes, "load_registry", refused)


@pytest.mark.parametrize("item", ["1.1", "2.2", "4.2", "3", " 4 "])
def test_show_and_history_of_one_item_read_only_it_and_say_what_the_full_load_says(reg, cache_dir, monkeypatch, item):
    ids = [item] if reg.is_file() else [item, f"{'xizang' if item.strip()[0] in '12' else 'naqu'}:{item.strip()}"]
    expected = {(command, i): run(command, i, "-r", str(reg), "--no-cache")
                for command in ("show", "history") for i in ids}
    check("-r", str(reg))  # remembers the outcomes
    no_full_load(monkeypatch)
    for (command, i), answer in expected.items():
        assert answer[0] == 0 and run(command, i, "-r", str(reg)) == answer, (command, i)


def test_an_unknown_or_ambiguous_item_is_named_as_the_full_load_names_it(tmp_path, cache_dir):
    folder = split_small(tmp_path / "reg")
    # 3.1 is naqu:3.1 and nyingchi:3.1 (a comment tells the files apart: a copy is refused)
    (folder / "nyingchi.yaml").write_bytes((folder / "naqu.yaml").read_bytes() + b"# nyingchi\n")
    check("-r", str(folder))
    for item in ("3.1", "9.9", "naqu:9", "xizang:3.1"):
        answer = run("show", item, "-r", str(folder))
        assert answer[0] == 2 and answer == run("show", item, "-r", str(folder), "--no-cache"), item
    assert run("show", "nyingchi:3.1", "-r", str(folder))[0] == 0


def assert_cache_is_a_full_loads(reg, cache_dir, cold_dir, monkeypatch):
    """The cache a write left in `cache_dir` is byte for byte what a load of the registry as it
    now is stores in an empty `cold_dir` (but the journal's chain verdict, which only a write or
    verify stores)."""
    written = {entry.name: entry.read_bytes() for entry in cache_dir.glob("*.json")}
    written = {name: body for name, body in written.items() if not body.split(b"\n", 1)[1][8:].startswith(b'{"broken":')}
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(cold_dir))
    check("-r", str(reg))
    assert {entry.name: entry.read_bytes() for entry in cold_dir.glob("*.json")} == written
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(cache_dir))


def test_a_record_leaves_the_cache_a_full_load_of_the_new_journal_makes(reg, cache_dir, tmp_path, monkeypatch):
    """After `record`, the next command reads no YAML: the journal's cached rows and the plan's
    outcomes are those of the old bytes with the entry added, byte for byte what a load of the
    new journal stores."""
    measure = "3.1" if reg.is_file() else "naqu:3.1"
    check("-r", str(reg))
    code, out, err = run("record", measure, "--state", "done", "--note", "0o17", "--evidence", "藏环发〔2019〕1号",
                         "-r", str(reg))
    assert code == 0, err
    assert_cache_is_a_full_loads(reg, cache_dir, tmp_path / "cold", monkeypatch)
    argv = ["-r", str(reg), "--format", "json", "--as-of", "2020-01-01"]
    expected = check(*argv, "--no-cache")
    assert '"id": "%s"' % measure not in expected[1]  # closed: no longer listed
    no_full_load(monkeypatch)
    registry.PARSE_COUNTS.clear()
    assert check(*argv) == expected
    assert registry.PARSE_COUNTS == {}


def test_a_retraction_undone_leaves_the_cache_a_full_load_of_the_new_journal_makes(reg, cache_dir, tmp_path, monkeypatch):
    """1.1's close retracted, then that retraction retracted: from then on the close counts again,
    in the outcomes the writes stored as in a full load."""
    measure = "1.1" if reg.is_file() else "xizang:1.1"
    check("-r", str(reg))
    for args in (("close", measure, "--evidence", "验收", "--date", "2019-03-20"),
                 ("retract", measure, "--reason", "误记", "--date", "2019-03-21"),
                 ("retract", measure, "--reason", "撤回有误", "--entry", "2019-03-21", "--date", "2019-03-25")):
        code, _, err = run(*args, "-r", str(reg))
        assert code == 0, err
    assert_cache_is_a_full_loads(reg, cache_dir, tmp_path / "cold", monkeypatch)
    for as_of in ("2019-03-22", TODAY):
        argv = ["-r", str(reg), "--format", "json", "--as-of", as_of]
        expected = check(*argv, "--no-cache")
        assert (f'"id": "{measure}"' in expected[1]) is (as_of == "2019-03-22")  # (overdue while retracted)
        assert check(*argv) == expected


@pytest.mark.parametrize("ending", ["\r\n", ""], ids=["crlf", "no newline at the end"])
def test_a_record_on_a_journal_of_other_line_ends_caches_what_a_load_reads(tmp_path, cache_dir, monkeypatch, ending):
    shutil.copytree(SMALL, tmp_path / "reg")
    plan, journal = tmp_path / "reg" / "tasks.yaml", tmp_path / "reg" / "progress.yaml"
    text = journal.read_bytes()
    journal.write_bytes(text.replace(b"\n", b"\r\n") if ending else text.rstrip(b"\n"))
    check("-r", str(plan))
    assert run("record", "2.2", "--state", "report", "--note", "第二次报告", "-r", str(plan))[0] == 0
    assert_cache_is_a_full_loads(plan, cache_dir, tmp_path / "cold", monkeypatch)


def test_an_id_typed_in_full_width_is_the_same_id(reg, cache_dir):
    """Typed with a Chinese input method: １.１ is 1.1 for `show` as for `history` and `record`."""
    item = "１.１" if reg.is_file() else "ｘｉｚａｎｇ：１.１"
    plain = "1.1" if reg.is_file() else "xizang:1.1"
    check("-r", str(reg))
    for command in ("show", "history"):
        expected = run(command, plain, "-r", str(reg), "--no-cache")
        assert expected[0] == 0
        assert run(command, item, "-r", str(reg)) == expected
        assert run(command, item, "-r", str(reg), "--no-cache") == expected


# Entries a colleague appended (pulled with git): on a measure overdue on 2020-01-01 (closed
# now), on one due soon then (extended), and a report.
APPENDED = ('- measure: "3.1"\n  date: 2019-03-20\n  state: done\n  evidence: 验收报告\n'
            '- measure: "4.2"\n  date: 2019-03-21\n  state: extended\n  milestone: 2019-06-30\n  to: 2020-06-30\n'
            '  reason: 冬季停工\n  approved_by: 自治区生态环境厅\n'
            '- measure: "3.2"\n  date: 2019-03-22\n  state: report\n  note: 一季度报告\n')


def _journal_of(reg: Path) -> Path:
    return reg.with_name("progress.yaml") if reg.is_file() else reg / "naqu.progress.yaml"


def test_entries_appended_to_a_journal_are_judged_alone_and_leave_the_cache_a_full_load_makes(reg, cache_dir, tmp_path, monkeypatch):
    journal = _journal_of(reg)
    argv = ["-r", str(reg), "--format", "json", "--as-of", "2020-01-01"]
    before = check(*argv)
    journal.write_bytes(journal.read_bytes() + APPENDED.encode())
    expected = check(*argv, "--no-cache")
    assert expected != before  # (the entries change the answer)
    registry.PARSE_COUNTS.clear()
    registry.TAIL_PARSES.clear()
    with monkeypatch.context() as patched:
        patched.setattr(registry, "load_registry", lambda *a, **k: pytest.fail("the whole registry was loaded"))
        assert check(*argv) == expected
    assert registry.PARSE_COUNTS == registry.TAIL_PARSES == {str(journal): 1}  # only what was appended
    incremental = {entry.name: entry.read_bytes() for entry in cache_dir.glob("*.json")}
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cold"))
    check(*argv)
    assert {entry.name: entry.read_bytes() for entry in (tmp_path / "cold").glob("*.json")} == incremental


@pytest.mark.parametrize("entry", [
    '- measure: "9.9"\n  date: 2019-03-20\n  state: done\n  evidence: 无\n',
    '- measure: "3.2"\n  date: 2019-03-20\n  state: report\n  note: 报告\n  by: 不存在的单位\n',
    '- measure: "3.2"\n  date: 2019-04-20\n  state: report\n  note: 未来的报告\n',
    '- measure: "xizang:1.1"\n  date: 2019-03-20\n  state: done\n  evidence: 跨文件销号\n',
], ids=["unknown measure", "unknown unit", "in the future", "another file's measure"])
def test_an_appended_entry_the_view_cant_judge_is_answered_by_the_full_load(reg, cache_dir, entry):
    journal = _journal_of(reg)
    argv = ["-r", str(reg), "--format", "json"]
    check(*argv)
    journal.write_bytes(journal.read_bytes() + entry.encode())
    expected = check(*argv, "--no-cache")
    assert check(*argv) == expected
    assert check(*argv) == expected  # and again, from what the first stored


def test_entries_appended_after_an_edit_are_not_judged_on_the_outcomes_from_before_it(reg, cache_dir):
    journal = _journal_of(reg)
    argv = ["-r", str(reg), "--format", "json", "--as-of", "2020-01-01"]
    check(*argv)  # outcomes of the journal as it was
    journal.write_bytes(journal.read_bytes().replace(b"state: done", b"state: in_progress", 1))  # overdue again
    assert run("status", "-r", str(reg))[0] == 0  # caches the edited journal, remembers no outcome
    journal.write_bytes(journal.read_bytes() + APPENDED.encode())
    assert check(*argv) == check(*argv, "--no-cache")


# Entries the writing commands refuse, appended (by hand, or from another branch) to a journal
# whose outcomes are cached: the view, which judges again only the measures appended entries are
# about, must not answer from them.
# case: (the entry appended, where the refusal points (its line in the entry, column), what it says;
# {p}: a folder's "naqu:" before the ids, {closed}: where 4.1's close is)
REFUSED = {
    "extension of a closed step": (
        '- measure: "4.2"\n  date: 2019-03-20\n  state: extended\n  milestone: 2018-10-31\n  to: 2020-06-30\n'
        "  reason: 补批\n  approved_by: 自治区生态环境厅\n  late: true\n",
        (3, 10), "field state: {p}4.2 has no pending deadline 2018-10-31 as of 2019-03-20: nothing to extend"),
    "on-time extension flagged late": (
        '- measure: "3.1"\n  date: 2019-03-20\n  state: extended\n  to: 2021-06-30\n  reason: 补批\n'
        "  approved_by: 自治区生态环境厅\n  late: true\n",
        (7, 9), "field late: flagged late, but the extension was requested on 2019-03-20, not after the deadline it "
                "moves (2020-12-31): remove late: true"),
    "second close": (
        '- measure: "4.1"\n  date: 2019-03-20\n  state: done\n  evidence: 再次通报\n',
        (3, 10), "field state: {p}4.1 is already closed as of 2019-03-20 (closed by {closed}, dated 2018-05-10); reopen it "
                 "first (a reopened entry before this one) if it must be closed again"),
    "reopening of a measure not closed": (
        '- measure: "3.1"\n  date: 2019-03-20\n  state: reopened\n  note: 回头看\n',
        (3, 10), "field state: {p}3.1 is not closed as of 2019-03-20: nothing to reopen"),
    "close of an ongoing-only measure": (
        '- measure: "3.2"\n  date: 2019-03-20\n  state: done\n  evidence: 评估报告\n',
        (3, 10), "field state: {p}3.2 is ongoing (长期坚持) with no deadline to close: report on it (state: report)"),
    "report on a measure with no ongoing part": (
        '- measure: "3.1"\n  date: 2019-03-20\n  state: report\n  note: 一季度\n',
        (3, 10), "field state: {p}3.1 has no ongoing (长期坚持) part to report on: write its progress as state: in_progress"),
    "in_progress without a note": (  # (it would clear 3.2's 久未报告)
        '- measure: "3.2"\n  date: 2019-03-20\n  state: in_progress\n  note: ""\n',
        (4, 9), "field note: an in_progress entry needs a note saying what is under way"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_an_appended_entry_a_writing_command_refuses_is_refused_not_judged_from_the_outcomes(reg, cache_dir, case):
    appended, (row, column), message = REFUSED[case]
    journal = _journal_of(reg)
    argv = ["-r", str(reg), "--format", "json", "--lang", "en"]
    assert check(*argv)[0] == 1 and view(reg).total == 8  # (outcomes cached)
    lines = journal.read_text(encoding="utf-8").count("\n")
    journal.write_bytes(journal.read_bytes() + appended.encode())
    assert view(reg) is None
    expected = check(*argv, "--no-cache")
    # (the small fixture's journal: 9 entries, 4.1's close the 7th on line 35; naqu's: 5, its close the 3rd on line 12)
    entry, said = (10, message.format(p="", closed="entry 7, line 35")) if reg.is_file() else \
        (6, message.format(p="naqu:", closed="entry 3, line 12"))
    assert expected == (2, "", f"rectify: {journal}:{lines + row}:{column}: journal entry {entry}, {said}\n")
    assert check(*argv) == expected
    assert check(*argv) == expected  # (and again: nothing of it was stored)


def test_a_retraction_leaves_the_cache_a_full_load_makes_and_check_says_what_no_cache_says(reg, cache_dir, tmp_path,
                                                                                          monkeypatch):
    """A close retracted (撤回误录): the warm check, from the outcomes `retract` left, is byte for
    byte the check without the cache, which lists the measure again; before the retraction's date
    the close still counts (the full load answers that: it precedes an entry)."""
    measure = "3.1" if reg.is_file() else "naqu:3.1"
    check("-r", str(reg))
    assert run("close", measure, "--evidence", "验收", "--date", "2019-03-05", "-r", str(reg))[0] == 0
    code, out, err = run("retract", measure, "--reason", "误记", "--date", "2019-03-20", "-r", str(reg))
    assert code == 0, err
    assert_cache_is_a_full_loads(reg, cache_dir, tmp_path / "cold", monkeypatch)
    for as_of, listed in (("2021-01-01", True), ("2019-03-19", False)):
        argv = ["-r", str(reg), "--format", "json", "--as-of", as_of, "--fail-on", "overdue", "--fail-on", "due_soon"]
        expected = check(*argv, "--no-cache")
        assert ('"id": "%s"' % measure in expected[1]) is listed, as_of
        assert check(*argv) == expected
    text = check("-r", str(reg), "--as-of", "2021-01-01", "--no-cache")
    assert check("-r", str(reg), "--as-of", "2021-01-01") == text


def test_a_retraction_pulled_from_a_colleague_is_judged_alone(reg, cache_dir, monkeypatch):
    """A retraction appended to the journal (a commit pulled): _appended_outcomes judges its
    measure again, as the full load does."""
    measure = "3.1" if reg.is_file() else "naqu:3.1"
    assert run("close", measure, "--evidence", "验收", "--date", "2019-03-05", "-r", str(reg))[0] == 0
    argv = ["-r", str(reg), "--format", "json", "--as-of", "2021-01-01"]
    before = check(*argv)
    close = next(e.hash for e in registry.load_registry(reg, use_cache=False).journal if e.measure == measure
                 and e.state.value == "done")
    journal = _journal_of(reg)
    journal.write_bytes(journal.read_bytes() + ('- measure: "3.1"\n  date: 2019-03-20\n  state: retracted\n'
                                                f"  retracts: {close}\n  note: 误记\n").encode())
    expected = check(*argv, "--no-cache")
    assert expected != before and '"id": "%s"' % measure in expected[1]
    with monkeypatch.context() as patched:
        patched.setattr(registry, "load_registry", lambda *a, **k: pytest.fail("the whole registry was loaded"))
        assert check(*argv) == expected


@pytest.mark.parametrize("writes, latest", [
    # back-filled: the entry written last is not the latest
    ([("record", "--note", "三月下旬进展", "--date", "2019-03-20"), ("record", "--note", "补记三月中旬", "--date", "2019-03-12")],
     "2019-03-20 推进中：三月下旬进展"),
    # two on one day: the one written later
    ([("record", "--note", "上午", "--date", "2019-03-20"), ("record", "--note", "下午", "--date", "2019-03-20")],
     "2019-03-20 推进中：下午"),
    # the latest retracted: the one before it counts
    ([("record", "--note", "甲", "--date", "2019-03-15"), ("record", "--note", "乙", "--date", "2019-03-20"),
      ("retract", "--reason", "误记", "--date", "2019-03-25")],
     "2019-03-15 推进中：甲"),
])
def test_a_check_from_outcomes_names_the_latest_entry_the_full_load_names(reg, cache_dir, monkeypatch, writes, latest):
    """A warm check reads only the entries it judges by (outcomes._judged_rows); the one it
    names as a measure's latest is still the full load's, whatever order they were written in."""
    measure = "3.1" if reg.is_file() else "naqu:3.1"
    for command, *options in writes:
        extra = ["--state", "in_progress"] if command == "record" else []
        code, _, err = run(command, measure, *extra, *options, "-r", str(reg))
        assert code == 0, err
    argv = ["-r", str(reg), "--format", "github", "--as-of", "2021-01-01"]
    expected = check(*argv, "--no-cache")
    line = next(line for line in expected[1].splitlines() if f"::措施 {measure}：" in line)
    assert f"最近有效记录：{latest}" in line
    check(*argv)  # remembers the outcomes
    monkeypatch.setattr(registry, "load_registry", lambda *a, **k: pytest.fail("the whole registry was loaded"))
    assert check(*argv) == expected


@pytest.mark.parametrize("use_cache", [True, False])
def test_judge_evaluates_as_of_the_day_remembers_the_outcomes_and_selects(reg, cache_dir, use_cache):
    """What status and check both do with a registry loaded: evaluated as of a day, its
    outcomes remembered (the next check answers from them), then the measures selected; the
    filters as each report says them."""
    loaded = registry.load_registry(reg, use_cache=True)
    judged = outcomes.judge(registry=loaded, path=reg, as_of=date(2019, 3, 31), use_cache=use_cache,
                            owners=["环境保护厅"], states=["on_track", "stale"])
    assert judged.day == date(2019, 3, 31)
    assert sorted(re.sub(r"^\w+:", "", m.id) for m in judged.report.measures()) == ["3.1", "3.2", "4.2"]
    assert judged.filters == {"owner": ["环境保护厅"], "region": (), "task": (), "state": ["on_track", "stale"]}
    assert (view(reg) is not None) is use_cache


def test_judge_is_as_of_today_in_the_registrys_time_zone_when_no_day_is_given(reg, cache_dir, monkeypatch):
    monkeypatch.setenv("RECTIFY_TODAY", "2019-04-20")
    judged = outcomes.judge(registry=registry.load_registry(reg), path=reg, as_of=None, use_cache=False)
    assert (judged.day, judged.report.as_of) == (date(2019, 4, 20), date(2019, 4, 20))
    assert sorted(re.sub(r"^\w+:", "", m.id) for m in judged.report.measures()) == [
        "1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2"]
