"""check_job: a check answered from cached outcomes and split over processes says, byte for
byte, what one process judging the whole registry says; and `command`, the command's own rules,
hands back what `rectify check` writes where, or refuses it before the ledger is read."""
from __future__ import annotations

import random
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from rectify_cli import check_job, fanout, outcomes
from rectify_cli import registry as loading
from rectify_cli.cache import FileCache
from rectify_cli.errors import UsageError
from rectify_cli.i18n import Lang

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "json", "github", "sarif", "markdown")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A 31-file folder and single files of 620 generated measures: many share a due date,
    so many listed measures tie on their sort key across the runs of a split."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    base = tmp_path_factory.mktemp("generated")
    shuffled = generate(base / "shuffled", 620, seed=7)
    plan = yaml.safe_load(shuffled.read_text(encoding="utf-8"))
    random.Random(7).shuffle(plan["tasks"])  # plan order unlike id order: ties sort by id, not by run
    shuffled.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return {"folder": generate(base / "folder", 620, seed=5, files=31),
            "file": generate(base / "file", 620, seed=6), "shuffled": shuffled}


@pytest.fixture
def split_runs(monkeypatch):
    """Split any check from outcomes into 3 runs, whatever its size and the CPUs."""
    made = []
    real_run = fanout.run

    def counting_run(work, chunks, **kwargs):
        made.append(len(chunks))
        return real_run(work, chunks, **kwargs)

    monkeypatch.setattr(check_job, "MIN_PER_RUN", 1)
    monkeypatch.setattr(fanout, "workers", lambda: 3)
    monkeypatch.setattr(fanout, "run", counting_run)
    return made


@pytest.mark.parametrize("kind", ["folder", "file", "shuffled"])
@pytest.mark.parametrize("as_of, fail_on", [
    (date(2020, 6, 30), ("overdue",)),
    (date(2020, 6, 30), ("stale", "overdue")),
    (date(2020, 6, 30), ("due_soon",)),
    (date(2022, 1, 1), ("overdue",)),
])
def test_a_split_check_from_outcomes_says_what_the_whole_registry_says(generated, kind, as_of, fail_on, split_runs,
                                                                       tmp_path, monkeypatch):
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    path = generated[kind]
    options = {"as_of": as_of, "fail_on": fail_on, "formats": FORMATS, "lang": Lang.zh}
    whole = check_job.run(path, no_cache=True, **options)
    check_job.run(path, **options)  # fills the cache and remembers the outcomes
    view = outcomes.open_view(path, store=FileCache(), today=as_of)
    assert (view.total, view.feedback_dates) == (620, (date(2018, 1, 3), date(2018, 1, 3)))  # bench/generate.py's
    split_runs.clear()
    split = check_job.run(path, **options)
    assert split_runs == [3]  # answered from the outcomes, in three runs
    assert split.failing == whole.failing
    for form, text, expected in zip(FORMATS, split.outputs, whole.outputs):
        assert text == expected, form
    assert whole.outputs[0].count(b"\n") > 3  # at least an item for each run


@pytest.mark.parametrize("kind", ["folder", "file", "shuffled"])
@pytest.mark.parametrize("as_of, fail_on, lang", [
    (date(2020, 6, 30), ("overdue",), Lang.zh),
    (date(2020, 6, 30), ("due_soon",), Lang.en),
    (date(2022, 1, 1), ("stale", "overdue"), Lang.zh),
])
def test_junit_from_outcomes_says_what_the_whole_registry_says(generated, kind, as_of, fail_on, lang, split_runs,
                                                               tmp_path, monkeypatch):
    """junit lists every measure, in id order: judged from the outcomes in runs of plan order
    when their ids follow on one another (a plan written in order), else by the whole load."""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    path = generated[kind]
    options = {"as_of": as_of, "fail_on": fail_on, "formats": ("junit",), "lang": lang}
    whole = check_job.run(path, no_cache=True, **options)
    check_job.run(path, **options)  # fills the cache and remembers the outcomes
    split_runs.clear()
    loads = []
    real_load = loading.load_registry
    monkeypatch.setattr(loading, "load_registry", lambda *args, **kwargs: loads.append(1) or real_load(*args, **kwargs))
    split = check_job.run(path, **options)
    assert split_runs == [3]  # judged from the outcomes, in three runs
    assert loads == ([1] if kind == "shuffled" else [])  # (their ids not in plan order: the whole load sorts them)
    assert (split.failing, split.outputs) == (whole.failing, whole.outputs)
    assert whole.outputs[0].count(b"<testcase ") == 620


def test_english_output_is_split_alike(generated, split_runs, tmp_path, monkeypatch):
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    options = {"as_of": date(2020, 6, 30), "fail_on": ("overdue",), "formats": ("text", "github"), "lang": Lang.en}
    whole = check_job.run(generated["folder"], no_cache=True, **options)
    check_job.run(generated["folder"], **options)
    assert check_job.run(generated["folder"], **options).outputs == whole.outputs
    assert split_runs[-1] == 3


def test_a_small_check_is_not_split(generated, tmp_path, monkeypatch):
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    made = []
    monkeypatch.setattr(fanout, "run", lambda work, chunks, **kwargs: made.append(len(chunks)) or [work(c) for c in chunks])
    options = {"as_of": date(2020, 6, 30), "fail_on": ("overdue",), "formats": ("text",)}
    check_job.run(generated["file"], **options)
    check_job.run(generated["file"], **options)
    assert made == [1]  # 620 measures list far fewer than MIN_PER_RUN


def _part(items, ascending=True):
    """A run's payload as far as merging reads it: items as [severity, sub-key, id]."""
    ids = [item[2] for item in items]
    return {"failing": items, "ids": [ids[0], ids[-1], ascending] if ids else None}


def test_equal_keys_of_different_runs_order_by_natural_id():
    tied = [0, -5]  # the same severity and days overdue
    in_order = [_part([[*tied, "2.9"]]), _part([[*tied, "2.10"]])]
    assert check_job._merged(in_order, "failing", check_job._merge_order(in_order)) == [(0, 0), (1, 0)]
    # Each run ascends but the second starts below where the first ends: ids decide, not runs.
    across = [_part([[*tied, "5.1"]]), _part([[*tied, "2.1"]])]
    assert check_job._merged(across, "failing", check_job._merge_order(across)) == [(1, 0), (0, 0)]
    within = [_part([[*tied, "1.1"], [*tied, "9.1"]], ascending=False), _part([[*tied, "3.1"]])]
    assert check_job._merged(within, "failing", check_job._merge_order(within)) == [(0, 0), (1, 0), (0, 1)]


def test_check_takes_a_region_as_status_does():
    """`check --region 昌都市` was "No such option" (status, in English, suggesting --registry):
    a prefecture's CI job or clerk checks its own measures, those its tasks concern and those of
    各地市, as `status --region` counts them."""
    import json

    from typer.testing import CliRunner

    from rectify_cli.cli import app

    def run(*args):
        return CliRunner().invoke(app, [*args, "-r", str(ROOT / "data" / "tasks.yaml"), "--as-of", "2019-07-02"])

    checked = run("check", "--region", "昌都市", "--format", "json")
    assert checked.exit_code == 1
    listed = {item["id"] for item in json.loads(checked.stdout)["items"] if item["status"] == "overdue"}
    status = json.loads(run("status", "--region", "昌都市", "--state", "overdue", "--format", "json").stdout)
    assert listed == {m["id"] for t in status["tasks"] for m in t["measures"]} == {"35.3", "39.3"}
    refused = run("check", "--region", "昌都")
    assert (refused.exit_code, refused.stderr) == (2, "rectify: --region：未知地区“昌都”（是否指 昌都市？）\n")


def _command(registry, **given):
    """check_job.command as `rectify check -r REGISTRY` calls it, but for `given`."""
    asked = {"format": None, "output": None, "github_actions": False, "step_summary": None,
             "day_and_rerun": lambda: (date(2019, 5, 1), ()), "fail_on": ("overdue",), "lang": Lang.zh,
             "warn_days": None, "report_period_days": None, "owners": (), "tasks": (), "regions": (), "no_cache": True}
    return check_job.command(registry=registry, **{**asked, **given})


def test_under_github_actions_the_check_is_github_and_its_summary_is_handed_back_not_written(tmp_path):
    """The default format under the runner, and the job summary: the caller appends it (and
    says it when it can't: the verdict stands), after what the step wrote there before."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    summary = tmp_path / "summary.md"
    summary.write_bytes(b"earlier\n")
    written = _command(tmp_path / "small" / "tasks.yaml", github_actions=True, step_summary=str(summary))
    assert written.failing and written.output is None and written.summary_path == str(summary)
    assert written.report.startswith(b"::error file=") and b"title=1.1 \xe9\x80\xbe\xe6\x9c\x9f121\xe5\xa4\xa9::" in written.report
    assert written.summary.decode("utf-8").startswith("### 整改台账检查：")
    assert summary.read_bytes() == b"earlier\n"


def test_github_annotations_to_a_file_are_refused_before_the_date_is_read(tmp_path):
    """`--format github -o FILE --as-of garbage` says -o is refused, as it always did: the
    output is settled before the --as-of date is read."""
    def never():
        raise AssertionError("the date was read before the output was refused")

    with pytest.raises(UsageError) as refused:
        _command(ROOT / "tests" / "fixtures" / "small" / "tasks.yaml", format="github", output=tmp_path / "gh.txt",
                 day_and_rerun=never)
    assert refused.value.notice.key == "output_github"
    assert not (tmp_path / "gh.txt").exists()


def test_a_report_onto_the_registrys_journal_is_refused_and_the_journal_kept(tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    journal = tmp_path / "small" / "progress.yaml"
    before = journal.read_bytes()
    with pytest.raises(UsageError) as refused:
        _command(tmp_path / "small" / "tasks.yaml", format="json", output=journal)
    assert refused.value.notice.key == "output_in_registry"
    assert journal.read_bytes() == before
