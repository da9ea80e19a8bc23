"""`rectify import` on report openings (总体情况) as reports word them: one table, tests/fixtures/openings.yaml,
each opening with the claims it gives and the figures it only warns of (see the table's own comments)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from rectify_cli.i18n import Lang
from rectify_cli.importer import import_report, warning_text

from test_importer_provinces import DUE_2017, SICHUAN, _rectify

TABLE = Path(__file__).resolve().parent / "fixtures" / "openings.yaml"
ROWS = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
ROW_FIELDS = {"opening", "claims", "unread", "contradicts", "undecided", "agrees", "why", "xfail"}
APPENDIX_COUNTS = {"tasks_total": 3, "measures_total": 4}  # (DUE_2017's problems and measures)


def _report(opening: str) -> str:
    """A Sichuan-style report whose headline is `opening`, then the fixed appendix."""
    headline = opening if opening.startswith(("截至", "截止")) else f"截至2019年3月底，{opening}"
    return SICHUAN.replace("截至2019年3月底，整改工作正在推进。", headline) + DUE_2017


def _param(at: int, row: dict):
    marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if "xfail" in row else []
    return pytest.param(row, id=f"row{at}", marks=marks)  # (the opening itself is shown when one fails)


def test_every_row_of_the_table_is_well_formed():
    # (a misspelt field would be a row checking less than it says, in silence)
    openings = [row["opening"] for row in ROWS]
    assert len(openings) == len(set(openings)), [o for o, n in Counter(openings).items() if n > 1]
    for row in ROWS:
        assert set(row) <= ROW_FIELDS and "opening" in row and "why" in row, row
        assert all(isinstance(v, list) and len(v) == 2 and type(v[0]) is int and isinstance(v[1], str)
                   for v in (row.get("claims") or {}).values()), row
        assert all(isinstance(pair, list) and len(pair) == 2 and all(isinstance(w, str) for w in pair)
                   for pair in row.get("contradicts") or []), row


@pytest.mark.parametrize("row", [_param(at, row) for at, row in enumerate(ROWS, 1)])
def test_an_opening_gives_exactly_its_claims_and_warns_of_the_figures_it_does_not_read(tmp_path, row):
    result = import_report(_report(row["opening"]), filename="report.txt")
    expected = {key: tuple(value) for key, value in (row.get("claims") or {}).items()}
    read = [(c["key"], (c["value"], c["text"])) for c in result.registry["claims"]]
    assert len(read) == len(dict(read)), read  # (a key read twice: reconcile would check one of them)
    assert dict(read) == expected, row["opening"]
    by_kind: dict[str, list] = {}
    for warning in result.warnings:
        by_kind.setdefault(warning.key, []).append(warning)
    assert Counter(w.values["words"] for w in by_kind.pop("claims_unread", [])) == Counter(row.get("unread") or []), row["opening"]
    # (all done, and of the same count otherwise: both claims kept where the all-done words are one's text, else overruled;
    # where the other words are no claim's, 其余正在推进, the all-done claim kept, those words said to give no count)
    texts = {text for _, text in expected.values()}
    kinds = ("claims_contradicted", "claims_overruled", "claims_contradicted_uncounted")
    said = [(w.key, w.values["text"], w.values["words"]) for kind in kinds for w in by_kind.pop(kind, [])]
    assert Counter(said) == Counter(("claims_overruled" if done not in texts else "claims_contradicted" if words in texts
                                     else "claims_contradicted_uncounted", done, words)
                                    for done, words in row.get("contradicts") or []), row["opening"]
    # (done or due by a date? 均于2019年底前完成: warned of, quoting its words, and no claim read of it)
    assert [w.values["words"] for w in by_kind.pop("claims_undecided", [])] == (row.get("undecided") or []), row["opening"]
    # (a total the appendix does not have is asked about, "is the text complete?": that one, of each such total)
    short = {(text, APPENDIX_COUNTS[key]) for key, (value, text) in expected.items() if APPENDIX_COUNTS.get(key, value) != value}
    assert {(w.values["text"], w.values["count"]) for w in by_kind.pop("totals", [])} == short
    assert [warning_text(w, Lang.en) for ws in by_kind.values() for w in ws if w.key != "no_curation"] == []
    if row.get("agrees"):
        (tmp_path / "tasks.yaml").write_text(result.tasks_yaml, encoding="utf-8")
        (tmp_path / "progress.yaml").write_text(result.progress_yaml, encoding="utf-8")
        reconciled = _rectify("reconcile", "-r", str(tmp_path / "tasks.yaml"), "--format", "json")
        assert reconciled.exit_code == 0, reconciled.stdout
        checked = json.loads(reconciled.stdout)["reports"][0]["claims"]
        # (each claim checked and matching, or one the ledger has no count for, as reconcile says: none left out)
        assert sorted(c["key"] for c in checked) == sorted(expected)
        assert [c["key"] for c in checked if not (c["matches"] or c["not_counted"])] == []


def _reconciled(tmp_path, opening: str, *, lang: str | None = "en"):
    """`rectify reconcile` of the ledger `import` makes of a report opening with `opening`."""
    result = import_report(_report(opening), filename="report.txt")
    (tmp_path / "tasks.yaml").write_text(result.tasks_yaml, encoding="utf-8")
    (tmp_path / "progress.yaml").write_text(result.progress_yaml, encoding="utf-8")
    return _rectify("reconcile", "-r", str(tmp_path / "tasks.yaml"), lang=lang, COLUMNS="200")


@pytest.mark.parametrize("lang, said", [
    (None, "- tasks_done“3项整改任务已全部完成”：报告称3，按附件计算为1。"),
    ("en", "- tasks_done (“3项整改任务已全部完成”): the report claims 3, the appendix gives 1."),
], ids=["zh", "en"])
def test_a_report_saying_falsely_that_every_task_is_done_is_caught_by_reconcile(tmp_path, lang, said):
    # (the appendix has one task of three done, 一; 已全部完成 read no figure, so the claim went unchecked)
    reconciled = _reconciled(tmp_path, "3项整改任务已全部完成。", lang=lang)
    assert reconciled.exit_code == 1, reconciled.stdout
    assert said in reconciled.stdout.splitlines(), reconciled.stdout


def test_a_report_saying_the_rest_is_done_too_is_checked_by_reconcile_as_all_done(tmp_path):
    # (已完成1项，其余均已完成 was read as 1 done; the appendix has 1 of 3 done, so the report's "all 3" went unchecked)
    reconciled = _reconciled(tmp_path, "3项整改任务中已完成1项，其余均已完成。")
    assert reconciled.exit_code == 1, reconciled.stdout
    lines = reconciled.stdout.splitlines()
    # (and only that: its words, which give 1 as well as 3, are no other figure than the one claimed)
    assert [ln for ln in lines if ln.startswith("- ")] == [
        "- tasks_done (“3项整改任务中已完成1项，其余均已完成”): the report claims 3, the appendix gives 1."], reconciled.stdout


def _report_below(opening: str) -> str:
    """As _report, the opening on a line of its own after the headline's first (line 4, not the paragraph's line 3)."""
    return SICHUAN.replace("截至2019年3月底，整改工作正在推进。", f"截至2019年3月底，整改工作正在推进；\n{opening}") + DUE_2017


# (each warning of the opening's figures names the file and the line of the words it quotes first: a clerk must find
# them in a 40-page report; only claims_undecided's did, the others named no place at all)
@pytest.mark.parametrize("opening, lang, said", [
    ("3项整改任务已全部完成，1项正在推进。", None,
     "{file} 第 4 行：报告称“3项整改任务已全部完成”，同一句又称“1项正在推进”：两者均按原文读取；请核对报告，必要时在校订文件的 "
     "registry: claims: 下写明（key、text、value）"),
    ("3项整改任务已全部完成，1项正在推进。", "en",
     "{file}, line 4: the report says '3项整改任务已全部完成' and, in the same sentence, '1项正在推进': both are read as written; "
     "check the report, and if need be write its claims under registry: claims: in the curation (key, text, value)"),
    ("3项整改任务已全部完成，其中已全面完成1项。", None,
     "{file} 第 4 行：报告称“3项整改任务已全部完成”，又称“已全面完成1项”：按后者读取；请核对报告，必要时在校订文件的 registry: claims: "
     "下写明（key、text、value）"),
    ("3项整改任务已全部完成，其余正在推进。", None,
     "{file} 第 4 行：报告称“3项整改任务已全部完成”，同一句又称“其余正在推进”：后者没有数字，按前者读取；请核对报告，必要时在校订文件的 "
     "registry: claims: 下写明（key、text、value）"),
    ("全省共1项整改任务，完成率94.5%。", None,
     "{file} 第 4 行：报告开头的数字未能读取（如“完成率94.5%”）：要用 rectify reconcile 核对，请在校订文件的 registry: claims: 下写明"
     "（key、text、value）"),
    ("全省共1项整改任务，完成率94.5%。", "en",
     "{file}, line 4: the report's opening figures could not be read (e.g. '完成率94.5%'): to check them with rectify "
     "reconcile, write them under registry: claims: in the curation (key, text, value)"),
    ("3项整改任务均于2019年底前完成。", None,
     "{file} 第 4 行：报告称“3项整改任务均于2019年底前完成”，分不清是已经完成还是应于该日期前完成：未读作数字；请核对报告，"
     "必要时在校订文件的 registry: claims: 下写明（key、text、value）"),
    ("3项整改任务均于2019年底前完成。", "en",
     "{file}, line 4: the report says '3项整改任务均于2019年底前完成', which does not tell whether this is done or only due "
     "by then: no figure is read from it; check the report, and if need be write its claims under registry: claims: in the "
     "curation (key, text, value)"),
], ids=["contradicted-zh", "contradicted-en", "overruled-zh", "uncounted-zh", "unread-zh", "unread-en", "undecided-zh",
        "undecided-en"])
def test_a_warning_of_the_openings_figures_names_the_file_and_line_of_its_words(tmp_path, opening, lang, said):
    report = tmp_path / "report.txt"
    report.write_text(_report_below(opening), encoding="utf-8")
    result = _rectify("import", str(report), "-o", str(tmp_path / "out"), lang=lang)
    assert result.exit_code == 0, result.output
    prefix = "rectify: warning: " if lang == "en" else "rectify: 警告："
    warnings = [ln.removeprefix(prefix) for ln in result.stderr.splitlines() if ln.startswith(prefix)]
    assert said.format(file=report) in warnings, warnings
    # (the words read as claims are not said to be unread; 均于…完成, done or due, gives no claim)
    assert not [w for w in warnings if ("未能读取" in w or "could not be read" in w) and "94.5%" not in w], warnings
    assert "均于" not in opening or "tasks_done" not in (tmp_path / "out" / "tasks.yaml").read_text(encoding="utf-8")


def test_a_report_saying_the_rest_is_basically_done_is_checked_by_reconcile_as_done_or_basically_done(tmp_path):
    # (已完成1项，其余均已基本完成 was read as 1 done, the rest dropped; the appendix has 2 of 3 done or basically done)
    reconciled = _reconciled(tmp_path, "3项整改任务中已完成1项，其余均已基本完成。")
    assert reconciled.exit_code == 1, reconciled.stdout
    assert [ln for ln in reconciled.stdout.splitlines() if ln.startswith("- ")] == [
        "- tasks_done_or_basically_done (“3项整改任务中已完成1项，其余均已基本完成”): the report claims 3, the appendix gives 2."], \
        reconciled.stdout


def test_a_report_saying_the_rest_is_basically_done_too_is_checked_by_reconcile_as_all_basically_done(tmp_path):
    # (已基本完成1项，其余均已基本完成 was read as 1 basically done, the rest dropped; the appendix has 1 of 3 basically done,
    # so the report's "all 3" went unchecked)
    reconciled = _reconciled(tmp_path, "3项整改任务已基本完成1项，其余均已基本完成。")
    assert reconciled.exit_code == 1, reconciled.stdout
    assert [ln for ln in reconciled.stdout.splitlines() if ln.startswith("- ")] == [
        "- tasks_basically_done (“3项整改任务已基本完成1项，其余均已基本完成”): the report claims 3, the appendix gives 1."], \
        reconciled.stdout
