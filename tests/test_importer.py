"""`rectify import`: the real 2019 Tibet report, crafted damaged texts, curation, determinism."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rectify_cli import chain
from rectify_cli.errors import ReportFormatError
from rectify_cli.i18n import Lang, problem_message
from rectify_cli.importer import decode_report, import_report, load_curation, schema_for
from rectify_cli.importer_yaml import scalar

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCE = DATA / "source" / "xizang-2019-rectification-report.txt"
CURATION = DATA / "source" / "curation.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"

CJK = "\u4e00-\u9fff"


def _import(path: Path, curation=None, filename: str | None = None, schema: str | None = None):
    text = decode_report(path.read_bytes(), filename=str(path))
    return import_report(text, filename=filename or str(path), curation=curation, schema=schema)


@pytest.fixture(scope="module")
def curated():
    """The bundled ledger as `make regenerate` imports it into data/."""
    return _import(SOURCE, load_curation(CURATION), filename="data/source/xizang-2019-rectification-report.txt",
                   schema=schema_for(DATA / "tasks.yaml"))


@pytest.fixture(scope="module")
def raw():
    """The real report imported without curation (only what the parser reads)."""
    return _import(SOURCE)


def _task(result, tid: int) -> dict:
    return next(t for t in result.tasks if t["id"] == tid)


def _measure(result, mid: str) -> dict:
    return next(m for m in result.measures if m["full_id"] == mid)


def _entry(result, mid: str) -> dict:
    return next(e for e in result.journal if e["measure"] == mid)


def _milestones(m: dict) -> list[tuple]:
    return [(x["kind"], x.get("due"), x.get("label")) for x in m["milestones"]]


HEADLINE = (
    "某自治区整改情况的报告\n\n"
    "中央第六环境保护督察组于2018年1月3日反馈了督察意见。某自治区党委、政府高度重视。截至2019年3月，全区1项整改任务基本完成。\n\n"
    "附：整改情况\n\n"
)


def _warnings(result) -> list[str]:
    """An ImportResult's warnings, in English."""
    from rectify_cli.i18n import Lang
    from rectify_cli.importer import warning_text

    return [warning_text(warning, Lang.en) for warning in result.warnings]


def mini(block: str):
    """Import a one-problem report whose appendix is `block` (no curation)."""
    return import_report(HEADLINE + block, filename="mini.txt")


# ---------------------------------------------------------------- the real report: structure


def test_real_report_has_45_tasks_and_179_measures(raw):
    assert [t["id"] for t in raw.tasks] == list(range(1, 46))
    assert len(raw.measures) == 179
    for t in raw.tasks:
        assert [m["id"] for m in t["measures"]] == list(range(1, len(t["measures"]) + 1))
    assert sum(len(t["measures"]) for t in raw.tasks) == 179
    assert len(_task(raw, 14)["measures"]) == 7 and len(_task(raw, 31)["measures"]) == 2


def test_titles_are_first_sentences(raw):
    assert _task(raw, 1)["title"] == "对国家生态安全屏障重要性认识不够深刻"
    assert _task(raw, 1)["problem"].startswith("对国家生态安全屏障重要性认识不够深刻。不少干部")
    assert _task(raw, 15)["title"] == "自然保护区建设与管理水平不高"  # cut by a page break mid-word ("专\n\n门")
    assert _task(raw, 15)["problem"] == "自然保护区建设与管理水平不高。全区自然保护区专门管理机构建设滞后，规范化管理水平不高。"


def test_task_11_deadline_without_ri(raw):
    t = _task(raw, 11)
    assert t["deadline"]["text"] == "2018年6月30前完成，长期坚持"
    assert _milestones(t["deadline"]) == [("date", "2018-06-30", None), ("ongoing", None, None)]
    # task 19 has the same slip: 2020 年 12 月 31 前完成
    assert _milestones(_task(raw, 19)["deadline"]) == [("date", "2020-12-31", None)]


def test_immediate_task_deadline(raw):
    assert _task(raw, 8)["deadline"]["text"] == "立行立改，长期坚持"
    assert _milestones(_task(raw, 8)["deadline"]) == [("immediate", None, None), ("ongoing", None, None)]


def test_measure_18_4_has_three_milestones_in_text_order(raw):
    assert _milestones(_measure(raw, "18.4")) == [
        ("date", "2018-12-31", None),
        ("ongoing", None, None),
        ("date", "2020-12-31", None),
    ]


def test_measure_30_2_has_labelled_dates_per_grade_of_scenic_area(raw):
    # the closing （2020年12月31日） restates the last labelled date and is not a milestone of its own
    assert _milestones(_measure(raw, "30.2")) == [
        ("date", "2019-12-31", "5A级、4A级景区"),
        ("date", "2020-12-31", "3A级、2A级、A级景区"),
    ]


def test_measure_14_1_immediate_then_ongoing(raw):
    m = _measure(raw, "14.1")
    assert _milestones(m) == [("immediate", None, None), ("ongoing", None, None)]
    assert m["text"].endswith("（立行立改，长期坚持）。")


def test_measure_17_1_deadline_on_its_own_line(raw):
    m = _measure(raw, "17.1")
    assert m["text"] == "自治区相关部门依法查处有关水电项目的环境违法行为（2018年6月30日）。"
    assert _milestones(m) == [("date", "2018-06-30", None)]


def test_date_plus_ongoing_measure(raw):
    assert _milestones(_measure(raw, "10.1")) == [("date", "2018-12-31", None), ("ongoing", None, None)]
    assert _milestones(_measure(raw, "8.1")) == [("immediate", None, None)]


def test_task_4_measures_2_to_4_notes_headed_zhenggai_jindu(raw):
    expected_starts = {"4.2": "自治区水利厅完成对44条河流域综合规划排查工作", "4.3": "自治区发展改革委对“十三五”时期", "4.4": "自治区发展改革委组织有关部门"}
    for mid, start in expected_starts.items():
        m = _measure(raw, mid)
        assert m["note_heading"] == "整改进度"
        assert m["note"].startswith(start)
    assert _measure(raw, "4.1")["note_heading"] == "整改进展"
    # the task-level 整改进度 is still the task's reported state, not a note
    assert _task(raw, 4)["reported"] == {"state": "fully_done", "ongoing": False}


def test_every_measure_has_a_note(raw):
    assert all(m["note"] for m in raw.measures)
    assert _measure(raw, "45.5")["note"].endswith("选派7名生态环境干部外出挂职交流。")  # last line, no final newline


def test_task_progress_lines_in_odd_forms(raw):
    assert _task(raw, 31)["reported"] == {"state": "fully_done", "ongoing": True}  # 整改进度:全面完成,长期坚持。
    assert _task(raw, 45)["reported"] == {"state": "on_schedule", "ongoing": False}  # 整改进度 : 序时推进。
    assert _task(raw, 34)["reported"] == {"state": "basically_done", "ongoing": True}  # 基本完成，长期坚持
    assert _task(raw, 2)["reported"] == {"state": "interim_results", "ongoing": False}
    states = [t["reported"]["state"] for t in raw.tasks]
    assert states.count("basically_done") == 3  # the report's "3项正在收尾": tasks 34, 36, 40
    assert [t["id"] for t in raw.tasks if t["reported"]["state"] == "basically_done"] == [34, 36, 40]


def test_summary_line_after_41_3_is_part_of_its_note(raw):
    # "6项整改任务按序时进度要求有序推进。" sits after a page break; the note before it ends with
    # "，" and the 81 problems = 75 done + 6 proceeding, so it finishes the sentence of 41.3.
    note = _measure(raw, "41.3")["note"]
    assert note.endswith("具体问题81个，按时完成整改75个，6项整改任务按序时进度要求有序推进。")
    assert len(_task(raw, 41)["measures"]) == 4


# ---------------------------------------------------------------- the real report: text repair


def _all_texts(result) -> list[str]:
    out = []
    for t in result.tasks:
        out += [t["problem"], t["title"], t["deadline"]["text"]]
        for m in t["measures"]:
            out += [m["text"], m["note"] or ""]
    return out


def test_no_space_next_to_chinese(raw):
    for s in _all_texts(raw):
        assert not re.search(f"[{CJK}] [{CJK}]", s), s
        assert not re.search(f"[{CJK}] |\\s[{CJK}]", s), s
    assert "于2018年7月6日至7月31日" in _measure(raw, "2.5")["note"]  # was "于 2018 年 7 月 6 日至 7 月 31 日"


def test_no_half_width_punctuation_next_to_chinese(raw):
    for s in _all_texts(raw):
        assert not re.search(f"[{CJK}][,;:()!?]|[,;:()!?][{CJK}]", s), s
    assert _measure(raw, "1.4")["text"].endswith("营造浓厚氛围（长期坚持）。")  # was (长期坚持)
    assert "（医疗）废物违规处置行为，增强" in _measure(raw, "44.4")["text"]  # was "(医疗) 废物违规处置行为 , 增强"


def test_ascii_kept_inside_numbers_and_codes(raw):
    assert "3200.852" not in _measure(raw, "1.1")["note"]  # (that figure is in the body, not the appendix)
    assert "《西藏自治区矿产资源总体规划（2016-2020年）》" in _measure(raw, "4.1")["note"]
    assert "（GB/T 17775-2003）规定" in _measure(raw, "30.3")["note"]  # joined across a page break with its space
    assert "PM2.5、PM10浓度" in _measure(raw, "10.1")["note"]  # PM_{2.5}, PM₁₀ in the text layer
    assert "一级A标准限值" in _measure(raw, "40.2")["note"]


def test_duplicated_page_join_fragments_are_removed(raw):
    t141 = _measure(raw, "14.1")["text"]
    assert "完成对《中华人民共和国自然保护区条例》" in t141 and "《中华《中华" not in t141
    t363 = _measure(raw, "36.3")["text"]
    assert "健全完善《垃圾填埋场管理制度》" in t363 and "《垃《垃" not in t363
    assert raw.repairs == (
        "line 463: dropped fragment '《中华' duplicated at a page join",
        "line 1005: dropped fragment '《垃' duplicated at a page join",
    )


def test_title_cut_at_page_join_is_closed(raw):
    # "…实施方案（试" / "行》,在2017年…" lost its ）at the page join
    assert "《环境保护督察实施方案（试行）》，在2017年完成" in _measure(raw, "1.3")["note"]


def test_page_breaks_inside_sentences_are_joined(raw):
    assert "自治区党委书记吴英杰、自治区主席齐扎拉同志实地考察调研生态环境保护" in _measure(raw, "1.1")["note"]
    assert "（长期坚持）" in _measure(raw, "9.2")["text"]  # "（长期" / "坚持)。"


def test_latin_word_in_chinese_is_flagged_without_curation_and_fixed_with_it(raw, curated):
    assert any("39.1" in w and "'and'" in w for w in _warnings(raw))
    assert "程序和标准（2018年6月30日）" in _measure(curated, "39.1")["text"]


# ---------------------------------------------------------------- registry metadata, claims, regions


def test_registry_metadata(curated):
    reg = curated.registry
    assert reg["title"] == "西藏自治区落实中央环境保护督察反馈意见整改情况的报告"
    assert reg["issuer"] == "西藏自治区党委、政府"
    assert reg["inspection"] == "中央第六环境保护督察组"
    assert reg["feedback_date"] == "2018-01-03"
    assert reg["report_date"] == "2019-03-31"
    assert reg["source"] == "source/xizang-2019-rectification-report.txt"


def test_metadata_read_from_the_text_without_curation(raw):
    assert raw.registry["feedback_date"] == "2018-01-03"
    assert raw.registry["report_date"] == "2019-03-31"  # 截至2019年3月 -> end of month
    assert raw.registry["issuer"] == "西藏自治区党委、政府"


def test_headline_claims(curated):
    claims = {c["key"]: (c["value"], c["text"]) for c in curated.registry["claims"]}
    assert {k: v for k, (v, _) in claims.items()} == {
        "tasks_total": 45,
        "measures_total": 179,
        "tasks_due_2018": 28,
        "tasks_due_2018_done": 25,
        "tasks_due_2018_finishing": 3,
        "measures_due_2018": 90,
        "measures_due_2018_done": 86,
        "measures_due_2018_in_progress": 4,
        "tasks_due_2019_2020": 14,
        "measures_due_2019_2020": 24,
        "tasks_ongoing": 3,
        "measures_ongoing": 65,
    }
    assert claims["measures_due_2018_in_progress"][1] == "4项序时推动"
    assert claims["tasks_due_2018"][1] == "2018年12月底前应完成的28项整改任务"


def test_regions_named_in_problem_text(raw):
    assert _task(raw, 9)["regions"] == ["那曲市", "阿里地区"]
    assert _task(raw, 38)["regions"] == ["山南市", "林芝市", "阿里地区"]
    assert _task(raw, 33)["regions"] == ["拉萨市", "日喀则市"]
    assert _task(raw, 1)["regions"] == []
    assert _task(raw, 44)["regions"] == ["日喀则市"]


# ---------------------------------------------------------------- owners (curated)


def test_owners_are_declared_units_and_lead_is_an_owner(curated):
    names = {u["name"] for u in curated.units}
    assert len(names) <= 60
    for m in curated.measures:
        assert m["owners"], m["full_id"]
        assert set(m["owners"]) <= names, m["full_id"]
        assert m["lead"] in m["owners"]
    kinds = {u["name"]: u.get("kind") for u in curated.units}
    assert all(kinds[r] == "region" for r in ("拉萨市", "日喀则市", "山南市", "林芝市", "昌都市", "那曲市", "阿里地区"))


def test_owners_lead_and_co_owners(curated):
    m = _measure(curated, "5.1")  # 自治区林业草原局会同发展改革委、生态环境厅…由自治区政府办公厅印发…
    assert m["owners"][:3] == ["自治区林业和草原局", "自治区发展改革委", "自治区生态环境厅"]
    assert m["lead"] == "自治区林业和草原局"
    assert _measure(curated, "1.4")["owners"] == ["自治区党委宣传部"]  # 牵头
    assert _measure(curated, "27.1")["owners"] == ["自治区能源局", "自治区水利厅"]  # 会同
    assert _measure(curated, "39.2")["owners"][-1] == "青藏铁路公司"
    # a collective subject stands for the regional department and the 地市
    assert _measure(curated, "11.2")["owners"] == ["自治区住房城乡建设厅", "各地市"]
    # a municipal bureau stands for its 地市; a county is its own unit
    assert _measure(curated, "29.1")["owners"] == ["那曲市", "班戈县"]
    assert _measure(curated, "40.3")["owners"] == ["曲水县"]


def test_units_with_the_level_written_once_are_owners_without_curation(raw):
    # (自治区生态环境厅联合公安厅: 公安厅 dropped without a word; 自治区商务厅、生态环境厅、公安厅: the two after the first)
    assert _measure(raw, "42.3")["owners"] == ["自治区生态环境厅", "自治区公安厅"]
    assert _measure(raw, "43.4")["owners"] == ["自治区商务厅", "自治区生态环境厅", "自治区公安厅"]
    assert _measure(raw, "41.3")["owners"] == ["自治区生态环境厅", "自治区水利厅", "自治区住房城乡建设厅"]
    assert _measure(raw, "5.1")["owners"][:3] == ["自治区林业草原局", "自治区发展改革委", "自治区生态环境厅"]
    assert _measure(raw, "36.4")["owners"] == ["自治区发展改革委", "自治区住房城乡建设厅"]  # 同


def test_pre_reform_names_are_aliases(curated):
    units = {u["name"]: u for u in curated.units}
    assert "自治区环境保护厅" in units["自治区生态环境厅"]["aliases"]
    assert "国土资源厅" in units["自治区自然资源厅"]["aliases"]
    assert "农牧厅" in units["自治区农业农村厅"]["aliases"]
    assert "林业厅" in units["自治区林业和草原局"]["aliases"]


def test_accountability_measures_owned_by_discipline_commission(curated):
    for mid in ("8.1", "10.5", "17.4", "18.6", "20.5", "23.3", "24.3", "25.3", "26.4"):
        assert _measure(curated, mid)["owners"] == ["自治区纪委监委"], mid


# ---------------------------------------------------------------- journal (curated)


def test_journal_one_entry_per_measure_in_order(curated):
    assert [e["measure"] for e in curated.journal] == [m["full_id"] for m in curated.measures]
    assert all(e["date"] == "2019-03-31" for e in curated.journal)
    assert _entry(curated, "4.2")["note"] == _measure(curated, "4.2")["note"]


def test_journal_hash_chain(curated):
    prev = chain.GENESIS
    for e in curated.journal:
        body = {k: v for k, v in e.items() if k != "hash"}
        assert e["hash"] == chain.entry_hash(prev, body)
        prev = e["hash"]


def test_journal_states_agree_with_reported_task_states(curated):
    assert curated.warnings == ()
    state = {e["measure"]: e for e in curated.journal}
    for t in curated.tasks:
        dated = [m for m in t["measures"] if any(x["kind"] == "date" for x in m["milestones"])]
        open_ = [m for m in dated if state[m["full_id"]]["state"] != "done" or state[m["full_id"]].get("milestone")]
        if t["reported"]["state"] == "fully_done":
            assert not open_, t["id"]
        if t["reported"]["state"] in ("basically_done", "on_schedule"):
            assert open_, t["id"]
    for e in curated.journal:
        if e["state"] == "in_progress":
            assert e["evidence"] and e["evidence"] in e["note"], e["measure"]


def test_journal_state_rules(curated):
    for m in curated.measures:
        e = _entry(curated, m["full_id"])
        kinds = {x["kind"] for x in m["milestones"]}
        if kinds == {"ongoing"}:
            assert e["state"] == "report", m["full_id"]
    assert _entry(curated, "8.1")["state"] == "done"  # 对21名责任人进行追责
    assert _entry(curated, "14.1")["state"] == "done"  # immediate + ongoing
    assert _entry(curated, "14.4")["state"] == "in_progress" and "送审稿" in _entry(curated, "14.4")["evidence"]
    assert _entry(curated, "40.3")["evidence"] == "正在开展设备调试工作"
    e184 = _entry(curated, "18.4")
    assert (e184["state"], e184["milestone"]) == ("done", "2018-12-31")


def test_heuristic_states_without_curation(raw):
    assert _entry(raw, "1.1")["state"] == "report"
    assert _entry(raw, "14.4")["state"] == "in_progress"
    assert "送审稿" in _entry(raw, "14.4")["evidence"]
    assert _entry(raw, "8.1")["state"] == "done"
    assert any("no curation" in w for w in _warnings(raw))


# ---------------------------------------------------------------- the committed registry


def test_reimport_with_curation_reproduces_committed_files(curated):
    assert curated.tasks_yaml.encode("utf-8") == (DATA / "tasks.yaml").read_bytes()
    # The journal is append-only: what the import produces is its beginning; entries recorded
    # later with `rectify record` follow it and are never regenerated.
    assert (DATA / "progress.yaml").read_bytes().startswith(curated.progress_yaml.encode("utf-8"))


# ---------------------------------------------------------------- the command line


def test_import_command_writes_the_bundled_ledger(tmp_path):
    _imports_as_bundled(SOURCE, tmp_path / "新台账")


def _imports_as_bundled(report: Path, out: Path) -> None:
    """`rectify import REPORT --curation … -o OUT` says what it wrote, and wrote the bundled plan
    byte for byte and the start of its journal."""
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    _schema_beside(out)
    result = CliRunner().invoke(app, ["import", "--lang", "en", str(report), "--curation", str(CURATION), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out / 'tasks.yaml'} and {out / 'progress.yaml'}\n"
    assert (out / "tasks.yaml").read_bytes() == (DATA / "tasks.yaml").read_bytes()
    assert (DATA / "progress.yaml").read_bytes().startswith((out / "progress.yaml").read_bytes())


def test_import_command_warns_when_the_appendix_falls_short_of_the_reports_own_totals(tmp_path):
    """A text cut short (a page lost in extraction) parses into fewer problems: the report's
    own totals say so, and so does the import, on stderr, without failing."""
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    cut = tmp_path / "cut.txt"
    cut.write_text("".join(SOURCE.read_text(encoding="utf-8").splitlines(keepends=True)[:700]), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "--lang", "en", str(cut), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("rectify: warning: ")]
    assert warnings[0] == "rectify: warning: no curation: units discovered from the text, owners and states proposed heuristically"
    # (both said in the headline, the report's line 5: at the claim's line, to find the figure it quotes)
    assert warnings[1:3] == [f"rectify: warning: {cut}, line 5: the report says 全区45项整改任务, but its appendix gives 22: is the text complete?",
                             f"rectify: warning: {cut}, line 5: the report says 179项具体措施, but its appendix gives 92: is the text complete?"]
    whole = CliRunner().invoke(app, ["import", "--lang", "en", str(SOURCE)])
    assert "is the text complete?" not in whole.stderr
    assert whole.stderr.startswith("rectify: warning: no curation")


def test_full_width_digits_import_as_ascii_ones(tmp_path):
    """A PDF extraction may give every digit full width (２０１８年１２月底前): the same registry,
    the report's figures (claims) included, as from the text with ASCII digits."""
    text = SOURCE.read_text(encoding="utf-8")
    wide = tmp_path / "wide.txt"
    wide.write_text(text.translate(str.maketrans("0123456789", "０１２３４５６７８９")), encoding="utf-8")
    curation = load_curation(CURATION)
    from_wide = import_report(wide.read_text(encoding="utf-8"), filename="r.txt", curation=curation)
    plain = import_report(text, filename="r.txt", curation=curation)
    assert (from_wide.tasks_yaml, from_wide.progress_yaml) == (plain.tasks_yaml, plain.progress_yaml)
    assert len(from_wide.registry["claims"]) == 12


def test_zero_width_characters_copied_from_a_pdf_are_dropped(tmp_path):
    """Zero-width characters (U+200B, U+200C, U+200D, U+2060, a U+FEFF in mid-text) a copy from a
    PDF leaves in headings and measures are invisible and mean nothing in Chinese text: one inside
    整改进展： made every progress note go unread. The plan is the bundled one, none of them in it."""
    text = SOURCE.read_text(encoding="utf-8")
    damaged = (text.replace("整改进展：", "整改\u200b进展：").replace("整改时限：", "整改时限\u2060：")
               .replace("\n二、各地市", "\n二\u200c、各地市").replace("各级党校（行政院校）将", "各级\u200d党校\ufeff（行政院校）将"))
    assert damaged.count("\u200b") > 100 and all(c in damaged for c in "\u200c\u200d\u2060\ufeff")
    report = tmp_path / "copied.txt"
    report.write_text(damaged, encoding="utf-8")
    _imports_as_bundled(report, tmp_path / "out")


def test_direction_marks_copied_from_a_pdf_are_dropped_as_zero_width_characters_are(tmp_path):
    """A left-to-right or right-to-left mark (U+200E, U+200F, U+061C) a copy from a PDF leaves is as
    invisible and means nothing in Chinese text: kept, 整改\u200e进展： hid every progress note, and
    a measure's text held a mark that every report then showed as \u200e."""
    text = SOURCE.read_text(encoding="utf-8")
    damaged = (text.replace("整改进展：", "整改\u200e进展：").replace("整改时限：", "整改时限\u200f：")
               .replace("各级党校（行政院校）将", "各级\u061c党校（行政院校）\u200e将"))
    assert damaged.count("\u200e") > 100 and "\u200f" in damaged and "\u061c" in damaged
    report = tmp_path / "copied.txt"
    report.write_text(damaged, encoding="utf-8")
    _imports_as_bundled(report, tmp_path / "out")


def _unsigned(plan: str) -> str:
    """A plan the import printed, without the fingerprint its header gives of the lines below (which name the source)."""
    return re.sub("sha256 of the lines below: [0-9a-f]{64}", "sha256 of the lines below: …", plan)


def test_import_command_reads_a_report_from_standard_input():
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    named = CliRunner().invoke(app, ["import", "--lang", "en", str(SOURCE)])
    piped = CliRunner().invoke(app, ["import", "--lang", "en", "-"], input=SOURCE.read_bytes())
    assert (named.exit_code, piped.exit_code) == (0, 0)
    # the same registry, but for where it says it came from (the first comment and `source:`, so the fingerprint too)
    assert piped.stdout.count("<stdin>") == 2
    assert _unsigned(piped.stdout).replace("<stdin>", str(SOURCE)) == _unsigned(named.stdout)
    refused = CliRunner().invoke(app, ["import", "--lang", "en", "-"], input="不是报告\n")
    assert refused.exit_code == 2
    assert refused.stderr == "rectify: <stdin>: no appendix of numbered problems (一、…) with 整改时限/整改进展 found\n"


def test_import_output_dash_is_standard_output(tmp_path, monkeypatch):
    """`-o -` prints the registry, as without -o (and as -o - of export, check, summary): no folder named "-"."""
    monkeypatch.chdir(tmp_path)
    report = FIXTURES / "damaged.txt"
    printed = _rectify("import", str(report))
    dashed = _rectify("import", str(report), "-o", "-")
    assert (printed.exit_code, dashed.exit_code) == (0, 0)
    assert dashed.stdout == printed.stdout
    assert "registry:" in dashed.stdout and "- measure:" in dashed.stdout
    assert list(tmp_path.iterdir()) == []


def _rectify(*args: str, lang: str | None = "en", **env: str):
    """`rectify ARGS`, its messages in `lang` (RECTIFY_LANG; None: the default, Chinese)."""
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    return CliRunner().invoke(app, list(args), env={"RECTIFY_LANG": lang, **env})


def _schema_beside(out: Path) -> None:
    """A copy of the plans' schema where rectify's repository has it beside data/ (../schema):
    imported into `out`, the plan then names it on its first line, as the bundled one does."""
    (out.parent / "schema").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "schema" / "registry.schema.json", out.parent / "schema")


def _import_ledger(out: Path):
    _schema_beside(out)
    return _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(out))


def test_reimport_keeps_the_entries_recorded_after_the_import(tmp_path):
    out = tmp_path / "ledger"
    assert _import_ledger(out).exit_code == 0
    recorded = _rectify("record", "35.3", "--state", "in_progress", "--note", "later", "-r", str(out / "tasks.yaml"),
                        RECTIFY_TODAY="2019-04-01")
    assert recorded.exit_code == 0, recorded.output
    journal = (out / "progress.yaml").read_bytes()
    assert b"note: later" in journal
    (out / "tasks.yaml").write_text("# stale\n", encoding="utf-8")

    again = _import_ledger(out)
    assert again.exit_code == 0, again.output
    assert again.stderr == f"wrote {out / 'tasks.yaml'}; kept {out / 'progress.yaml'}, which begins with the entries imported\n"
    # the plan is rewritten; the journal is kept byte for byte: nothing lost, nothing twice
    assert (out / "tasks.yaml").read_bytes() == (DATA / "tasks.yaml").read_bytes()
    assert (out / "progress.yaml").read_bytes() == journal


ONE_ENTRY = "# The first entry is the report's 整改进展 as of 2019-03-31, written by `rectify import`.\n"


def _one_measure_report(tmp_path) -> Path:
    report = tmp_path / "nx.txt"
    report.write_text(_report_of("宁夏回族自治区整改情况报告", "银川市问题突出。"), encoding="utf-8")
    return report


def test_a_journal_of_one_imported_entry_says_the_first_entry(tmp_path):
    """It said "The first 1 entries are"."""
    out = tmp_path / "ledger"
    result = _rectify("import", str(_one_measure_report(tmp_path)), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "progress.yaml").read_text(encoding="utf-8").splitlines(keepends=True)[1] == ONE_ENTRY


def test_reimport_keeps_a_journal_of_one_entry_imported_with_the_old_words(tmp_path):
    """A journal an earlier rectify imported ("The first 1 entries are") is still the import's."""
    out = tmp_path / "ledger"
    report = _one_measure_report(tmp_path)
    assert _rectify("import", str(report), "-o", str(out)).exit_code == 0
    old = (out / "progress.yaml").read_text(encoding="utf-8").replace(
        ONE_ENTRY, "# The first 1 entries are the report's 整改进展 as of 2019-03-31, written by `rectify import`.\n")
    assert "The first 1 entries are" in old  # (the premise: the words this rectify no longer writes)
    (out / "progress.yaml").write_text(old, encoding="utf-8")
    again = _rectify("import", str(report), "-o", str(out))
    assert (again.exit_code, again.stderr.splitlines()[0]) == (
        0, f"wrote {out / 'tasks.yaml'}; kept {out / 'progress.yaml'}, which begins with the entries imported")
    assert (out / "progress.yaml").read_text(encoding="utf-8") == old


def test_reimport_keeps_a_journal_kept_in_crlf(tmp_path):
    out = tmp_path / "ledger"
    assert _import_ledger(out).exit_code == 0
    crlf = (out / "progress.yaml").read_bytes().replace(b"\n", b"\r\n")
    (out / "progress.yaml").write_bytes(crlf)
    assert _import_ledger(out).exit_code == 0
    assert (out / "progress.yaml").read_bytes() == crlf


def _reimport_refused(out: Path, journal: str) -> str:
    """Re-import over `journal` and a stale plan: refused, both files as they were; its stderr."""
    (out / "progress.yaml").write_text(journal, encoding="utf-8")
    (out / "tasks.yaml").write_text("# stale\n", encoding="utf-8")
    result = _import_ledger(out)
    assert result.exit_code == 2, result.output
    assert (out / "progress.yaml").read_text(encoding="utf-8") == journal
    assert (out / "tasks.yaml").read_text(encoding="utf-8") == "# stale\n"
    return result.stderr


def test_reimport_refuses_a_journal_edited_by_hand_and_writes_nothing(tmp_path):
    out = tmp_path / "ledger"
    assert _import_ledger(out).exit_code == 0
    lines = (out / "progress.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    n = lines.index("  state: done\n")
    lines[n] = "  state: in_progress\n"
    assert _reimport_refused(out, "".join(lines)) == (
        f"rectify: {out / 'progress.yaml'}:{n + 1}: expected the journal to begin with the 179 entries this import "
        "writes, but this line differs (edited by hand, or the journal of another report or curation); a journal is "
        "append-only, so it is not replaced: move it away to import afresh. Nothing was written.\n"
    )


def test_reimport_refuses_a_journal_cut_short(tmp_path):
    out = tmp_path / "ledger"
    assert _import_ledger(out).exit_code == 0
    lines = (out / "progress.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    stderr = _reimport_refused(out, "".join(lines[:100]))
    assert stderr == (
        f"rectify: {out / 'progress.yaml'}:100: expected the journal to begin with the 179 entries this import writes, "
        "but it ends on this line (edited by hand, or the journal of another report or curation); a journal is "
        "append-only, so it is not replaced: move it away to import afresh. Nothing was written.\n")


def test_reimport_refuses_the_journal_of_another_report(tmp_path):
    out = tmp_path / "ledger"
    assert _rectify("import", str(FIXTURES / "damaged.txt"), "-o", str(out)).exit_code == 0
    stderr = _reimport_refused(out, (out / "progress.yaml").read_text(encoding="utf-8"))
    # (line 2: its header names how many entries the import wrote, not the 179 of this one)
    assert stderr == (
        f"rectify: {out / 'progress.yaml'}:2: expected the journal to begin with the 179 entries this import writes, "
        "but this line differs (edited by hand, or the journal of another report or curation); a journal is "
        "append-only, so it is not replaced: move it away to import afresh. Nothing was written.\n")


def test_a_feedback_date_it_cannot_find_is_asked_for_by_the_curation_key_that_gives_it(tmp_path):
    """It said only 请在校订文件的 registry: 下写明: an office had to look up the key's name in README."""
    report = tmp_path / "jx.txt"
    report.write_text(_report_of("江西省整改情况报告", "问题一。说明。").replace("于2018年1月3日反馈了督察意见", "反馈了督察意见"),
                      encoding="utf-8")
    result = _rectify("import", str(report), "-o", str(tmp_path / "ledger"), lang=None)
    assert (result.exit_code, result.stderr) == (
        2, f"rectify: {report}: 找不到报告的督察反馈日期（请在校订文件的 registry: 下写明 feedback_date: YYYY-MM-DD）\n")
    assert not (tmp_path / "ledger").exists()


def _imported_then_reopened(tmp_path: Path, *by: str) -> tuple[Path, Path, bytes, bytes]:
    """A one-measure report imported into ledger/, then its measure reopened (`by`: --by UNIT): the
    report, the ledger's folder, and its plan and journal as they then are."""
    report = tmp_path / "nx.txt"
    report.write_text(_report_of("宁夏回族自治区整改情况报告", "问题一。说明。"), encoding="utf-8")
    out = tmp_path / "ledger"
    assert _rectify("import", str(report), "-o", str(out)).exit_code == 0
    recorded = _rectify("reopen", "1.1", "--note", "回头看", *by, "-r", str(out), RECTIFY_TODAY="2019-04-02")
    assert recorded.exit_code == 0, recorded.output
    return report, out, (out / "tasks.yaml").read_bytes(), (out / "progress.yaml").read_bytes()


@pytest.mark.parametrize("lang, message", [
    ("en", "expected the journal to begin with the 1 entry this import writes, but this line differs; it holds 1 entry "
           "recorded after the 1 imported, which moving it away would lose: have the report and the curation write the "
           "imported entries as they did (journal:, text_fixes:), and record a correction with rectify record or rectify "
           "retract. Nothing was written."),
    (None, "进展记录应以本次导入写入的 1 条记录开头，但这一行不同；它在导入的 1 条之后还有 1 条录入的记录，移走就会丢失："
           "请让报告和校订文件仍写出导入时的记录（journal:、text_fixes:），更正用 rectify record、rectify retract 另行记录。"
           "未写入任何内容。"),
])
def test_reimport_over_a_journal_with_entries_recorded_since_does_not_say_to_move_it_away(tmp_path, lang, message):
    """A curated state changed after a month of records: the refusal said to move the journal away, which loses the month."""
    report, out, plan, journal = _imported_then_reopened(tmp_path)
    assert "  state: done" in journal.decode("utf-8")  # (the premise: proposed done)
    line = journal.decode("utf-8").splitlines().index("  state: done") + 1
    curation = tmp_path / "curation.yaml"
    curation.write_text('journal:\n  "1.1": in_progress\n', encoding="utf-8")

    again = _rectify("import", str(report), "--curation", str(curation), "-o", str(out), lang=lang)
    assert (again.exit_code, again.stderr) == (2, f"rectify: {out / 'progress.yaml'}:{line}: {message}\n")
    assert (out / "tasks.yaml").read_bytes() == plan
    assert (out / "progress.yaml").read_bytes() == journal


KEPT_REFUSED = {
    "en": "the plan this import writes could not read the journal kept (entries recorded since the import name what it no "
          "longer declares: keep their units and measures in the curation file). Nothing was written.",
    None: "本次导入写出的方案读不了保留的进展记录（导入后录入的记录用到了它不再声明的单位或措施：请在校订文件中保留它们）。未写入任何内容。",
}


@pytest.mark.parametrize("lang", ["en", None])
def test_reimport_refuses_a_plan_that_would_leave_the_kept_journal_unreadable(tmp_path, lang):
    """A curation's units: left out a unit an entry recorded since names: the plan was rewritten, the journal kept,
    and every command refused the ledger afterwards."""
    report, out, plan, journal = _imported_then_reopened(tmp_path, "--by", "固原市")
    line = journal.decode("utf-8").splitlines().index("  by: 固原市") + 1
    curation = tmp_path / "curation.yaml"
    curation.write_text("units:\n  - {name: 自治区生态环境厅, kind: department}\n", encoding="utf-8")

    again = _rectify("import", str(report), "--curation", str(curation), "-o", str(out), lang=lang)
    assert (again.exit_code, again.stdout) == (2, "")
    unknown = {"en": "journal entry 2, field by: unknown unit '固原市'", None: "第 2 条进展记录的 by：未知单位“固原市”"}[lang]
    assert again.stderr == f"rectify: {out / 'progress.yaml'}:{line}:7: {unknown}\nrectify: {out / 'progress.yaml'}: {KEPT_REFUSED[lang]}\n"
    assert (out / "tasks.yaml").read_bytes() == plan
    assert (out / "progress.yaml").read_bytes() == journal


@pytest.mark.parametrize("lang, message", [
    ("en", "not a plan written by rectify import (it has no '# Generated by `rectify import`' line): an import does not "
           "replace a plan written by hand; import into another folder, or move it away first. Nothing was written."),
    (None, "不是 rectify import 生成的方案（没有“# Generated by `rectify import`”一行）：导入不会替换手写的方案；"
           "请导入到别的文件夹，或先把它移走。未写入任何内容。"),
])
def test_import_into_a_folder_holding_a_plan_written_by_hand_is_refused_and_writes_nothing(tmp_path, lang, message):
    """A clerk's own ledger (no journal yet) was replaced by the import without a word."""
    out = tmp_path / "ledger"
    out.mkdir()
    plan = (ROOT / "tests" / "fixtures" / "small" / "tasks.yaml").read_bytes()
    (out / "tasks.yaml").write_bytes(plan)
    result = _rectify("import", str(SOURCE), "-o", str(out), lang=lang)
    assert result.exit_code == 2
    assert result.stderr == f"rectify: {out / 'tasks.yaml'}: {message}\n"
    assert sorted(p.name for p in out.iterdir()) == ["tasks.yaml"]
    assert (out / "tasks.yaml").read_bytes() == plan


EDITED = {
    "en": "edited since it was imported (the lines below its '# Generated by' line no longer match the sha256 written there): "
          "a re-import would lose the edits. Move them into the curation file (text_fixes:, units:, owners:; see README, "
          "Re-importing), then move this file away and import again. Nothing was written.",
    None: "自导入以来被改过（“# Generated by”一行下面的内容与那一行记下的 sha256 不符）：重新导入会丢掉这些修改。"
          "请把修改写进校订文件（text_fixes:、units:、owners:，见 README 的 Re-importing 一节），再把这个文件移走后重新导入。"
          "未写入任何内容。",
}


@pytest.mark.parametrize("lang", ["en", None])
def test_reimport_refuses_a_plan_edited_since_it_was_imported_and_writes_nothing(tmp_path, lang):
    """A clerk's edit of tasks.yaml was overwritten by the next import without a word."""
    out = tmp_path / "ledger"
    assert _import_ledger(out).exit_code == 0
    recorded = _rectify("record", "35.3", "--state", "in_progress", "--note", "later", "-r", str(out / "tasks.yaml"),
                        RECTIFY_TODAY="2019-04-01")
    assert recorded.exit_code == 0, recorded.output
    edited = (out / "tasks.yaml").read_text(encoding="utf-8").replace("自治区生态环境厅", "X", 1)
    (out / "tasks.yaml").write_text(edited, encoding="utf-8")
    journal = (out / "progress.yaml").read_bytes()

    again = _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(out), lang=lang)
    assert (again.exit_code, again.stdout) == (2, "")
    assert again.stderr == f"rectify: {out / 'tasks.yaml'}: {EDITED[lang]}\n"
    assert (out / "tasks.yaml").read_text(encoding="utf-8") == edited
    assert (out / "progress.yaml").read_bytes() == journal


def test_the_plan_records_a_fingerprint_of_what_the_import_wrote_below_its_header():
    lines = (DATA / "tasks.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    below = hashlib.sha256("".join(lines[2:]).encode("utf-8")).hexdigest()
    assert lines[1].startswith("# Generated by `rectify import`")
    assert lines[1].endswith(f"re-import (sha256 of the lines below: {below}).\n")


def test_reimport_replaces_a_plan_only_saved_again_in_crlf(tmp_path):
    """(Notepad saves CRLF: a file whose lines are as imported holds no edit to lose.)"""
    out = tmp_path / "ledger"
    assert _import_ledger(out).exit_code == 0
    (out / "tasks.yaml").write_bytes((out / "tasks.yaml").read_bytes().replace(b"\n", b"\r\n"))
    assert _import_ledger(out).exit_code == 0
    assert (out / "tasks.yaml").read_bytes() == (DATA / "tasks.yaml").read_bytes()


def test_reimport_replaces_a_plan_an_older_import_wrote_with_no_fingerprint(tmp_path):
    out = tmp_path / "ledger"
    assert _import_ledger(out).exit_code == 0
    lines = (out / "tasks.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    older = "# Generated by `rectify import` from source/x.txt + curation.yaml; do not edit by hand: fix the importer or the curation and re-import.\n"
    (out / "tasks.yaml").write_text("".join([lines[0], older, *lines[2:]]).replace("自治区生态环境厅", "X", 1), encoding="utf-8")
    again = _import_ledger(out)
    assert again.exit_code == 0, again.output
    assert (out / "tasks.yaml").read_bytes() == (DATA / "tasks.yaml").read_bytes()


@pytest.mark.parametrize("lang, message", [
    ("en", "is a folder, expected the report's text"),
    (None, "是文件夹，应为报告文字"),
])
def test_import_of_a_folder_says_it_expected_the_report_not_a_yaml_file(tmp_path, lang, message):
    result = _rectify("import", str(tmp_path), lang=lang)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"rectify: {tmp_path}: {message}\n"


@pytest.mark.parametrize("lang, message", [
    ("en", "is a folder, expected a curation file"),
    (None, "是文件夹，应为校订文件"),
])
def test_a_folder_given_as_the_curation_is_said_to_be_one(tmp_path, lang, message):
    """It said "cannot read curation file: Is a directory", the system's English in both languages."""
    result = _rectify("import", str(ROOT / "data" / "source" / "xizang-2019-rectification-report.txt"),
                      "--curation", str(tmp_path), "-o", str(tmp_path / "out"), lang=lang)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"rectify: {tmp_path}: {message}\n"
    assert not (tmp_path / "out").exists()


# A report read from a pipe or a device, in a process of its own with its memory capped: a read
# that never ends then fails in a second instead of hanging the tests or filling the machine.
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs and /dev/zero")


def _rectify_process(*args: str, stdin) -> subprocess.CompletedProcess:
    import resource

    def cap_memory():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run([sys.executable, "-m", "rectify_cli", *args], stdin=stdin, capture_output=True,
                          timeout=60, preexec_fn=cap_memory, env={**os.environ, "RECTIFY_LANG": "en"})


def _fifo_fed_from(tmp_path: Path, source: str) -> tuple[Path, subprocess.Popen]:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    copy = "import shutil, sys; shutil.copyfileobj(open(sys.argv[1], 'rb'), open(sys.argv[2], 'wb'))"
    writer = subprocess.Popen([sys.executable, "-c", copy, source, str(fifo)], stderr=subprocess.DEVNULL)
    return fifo, writer


@posix_only
def test_import_reads_a_report_from_a_named_pipe(tmp_path):
    fifo, writer = _fifo_fed_from(tmp_path, str(SOURCE))
    try:
        piped = _rectify_process("import", str(fifo), stdin=subprocess.DEVNULL)
    finally:
        writer.kill()
        writer.wait()
    named = _rectify("import", str(SOURCE))
    assert piped.returncode == 0, piped.stderr
    assert _unsigned(piped.stdout.decode("utf-8")).replace(str(fifo), str(SOURCE)) == _unsigned(named.stdout)


@posix_only
def test_import_refuses_a_device():
    result = _rectify_process("import", "/dev/zero", stdin=subprocess.DEVNULL)
    assert (result.returncode, result.stderr.decode()) == (
        2, "rectify: /dev/zero: is a device, not a file or a pipe; expected the report's text\n")


@posix_only
def test_import_stops_reading_a_pipe_that_never_ends(tmp_path):
    fifo, writer = _fifo_fed_from(tmp_path, "/dev/zero")
    try:
        result = _rectify_process("import", str(fifo), stdin=subprocess.DEVNULL)
    finally:
        writer.kill()
        writer.wait()
    assert (result.returncode, result.stderr.decode()) == (
        2, f"rectify: {fifo}: goes on past 64 MiB (a stream that never ends?); expected the report's text\n")


@posix_only
@pytest.mark.parametrize("lang, said", [
    ("en", "is not a regular file (a pipe or device): an import writes its plan to a file; nothing was written"),
    ("zh", "不是普通文件（是管道或设备）：导入须把方案写入文件；未写入任何内容"),
])
@pytest.mark.parametrize("named", ["folder", "plan"])
def test_an_import_onto_a_named_pipe_is_refused_not_left_waiting(tmp_path, named, lang, said):
    """`-o ledger` whose tasks.yaml is a FIFO (or `-o x.yaml`, one) waited forever, reading it to
    see whether it held a plan of the clerk's own, with no one writing."""
    import stat

    ledger = tmp_path / "ledger"
    ledger.mkdir()
    plan = ledger / ("tasks.yaml" if named == "folder" else "xizang.yaml")
    os.mkfifo(plan)
    result = subprocess.run([sys.executable, "-m", "rectify_cli", "import", str(SOURCE), "-o",
                             str(ledger if named == "folder" else plan)], stdin=subprocess.DEVNULL,
                            capture_output=True, timeout=60, env={**os.environ, "RECTIFY_LANG": lang})
    assert (result.returncode, result.stdout, result.stderr.decode()) == (2, b"", f"rectify: {plan}: {said}\n")
    assert os.listdir(ledger) == [plan.name] and stat.S_ISFIFO(plan.stat().st_mode)


@posix_only
@pytest.mark.parametrize("name", ["/dev/stdin", "-"])
def test_import_reads_standard_input_even_when_it_is_a_device_up_to_the_cap(name):
    # (`rectify import /dev/stdin` at a terminal reads a device: its own standard input is allowed)
    with open("/dev/zero", "rb") as zero:
        result = _rectify_process("import", name, stdin=zero)
    shown = "<stdin>" if name == "-" else name
    assert (result.returncode, result.stderr.decode()) == (
        2, f"rectify: {shown}: goes on past 64 MiB (a stream that never ends?); expected the report's text\n")


@posix_only
@pytest.mark.parametrize("lang, said", [
    ("en", "rectify: <stdin>: standard input is closed; expected the report's text\n"),
    ("zh", "rectify: <stdin>: 标准输入已关闭；应为报告文字\n"),
])
def test_import_from_a_closed_standard_input_says_so(tmp_path, lang, said):
    """`rectify import - <&-` (a job runner that gives no standard input): it was an internal error."""
    result = subprocess.run([sys.executable, "-m", "rectify_cli", "import", "-", "-o", str(tmp_path / "out")],
                            preexec_fn=lambda: os.close(0), capture_output=True, timeout=60,
                            env={**os.environ, "RECTIFY_LANG": lang})
    assert (result.returncode, result.stdout, result.stderr.decode()) == (2, b"", said)
    assert not (tmp_path / "out").exists()


def test_committed_files_follow_the_format(curated):
    text = (DATA / "tasks.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/registry.schema.json"
    assert lines[1].startswith("# Generated by `rectify import`") and "curation" in lines[1]
    assert "  feedback_date: 2018-01-03" in lines
    assert "        - {kind: date, due: 2018-06-30}" in lines  # flow style, date unquoted
    assert "          - {kind: date, due: 2019-12-31, label: 5A级、4A级景区}" in lines
    assert "\\u" not in text  # Chinese is not escaped
    plan = yaml.safe_load(text)
    assert len(plan["tasks"]) == 45
    journal_text = (DATA / "progress.yaml").read_text(encoding="utf-8")
    assert '- measure: "1.1"' in journal_text and "  date: 2019-03-31" in journal_text
    journal = yaml.safe_load(journal_text)
    assert len(journal) == 179 and all(isinstance(e["measure"], str) for e in journal)


def test_loader_accepts_the_committed_registry():
    # (it skipped when rectify_cli.registry failed to import or lacked the loader: a broken loader passed here)
    from rectify_cli.registry import load_registry

    reg = load_registry(str(DATA / "tasks.yaml"), use_cache=False)
    assert reg.plan.meta.title == "西藏自治区落实中央环境保护督察反馈意见整改情况的报告"
    assert (len(reg.plan.tasks), sum(len(t.measures) for t in reg.plan.tasks), len(reg.journal)) == (45, 179, 179)


def test_import_is_deterministic(curated):
    again = _import(SOURCE, load_curation(CURATION), filename="data/source/xizang-2019-rectification-report.txt",
                    schema=schema_for(DATA / "tasks.yaml"))
    assert again.tasks_yaml == curated.tasks_yaml and again.progress_yaml == curated.progress_yaml
    a, b = _import(SOURCE), _import(SOURCE)
    assert a.tasks_yaml == b.tasks_yaml and a.progress_yaml == b.progress_yaml


# ---------------------------------------------------------------- crafted damaged texts


@pytest.fixture(scope="module")
def damaged():
    return _import(FIXTURES / "damaged.txt", filename="damaged.txt")


def test_fixture_page_break_mid_sentence(damaged):
    assert _task(damaged, 1)["problem"] == "生态保护意识不够强。部分干部对生态保护重要性认识不足，认为环境容量大，污染问题没什么大不了。"


def test_fixture_duplicated_fragment_and_unclosed_title(damaged):
    m2 = _measure(damaged, "1.2")
    assert "完成对《中华人民共和国自然保护区条例》的补充学习" in m2["text"]
    assert "《某自治区环境保护督察实施方案（试行）》" in _measure(damaged, "1.1")["text"]


def test_fixture_half_width_punctuation_and_spaced_dates(damaged):
    m = _measure(damaged, "1.1")
    assert m["text"] == (
        "自治区生态环境厅牵头，会同自治区水利厅制定《某自治区环境保护督察实施方案（试行）》，"
        "加强自治区本级环境保护督察（2018年6月30日，长期坚持）。"
    )
    assert _milestones(m) == [("date", "2018-06-30", None), ("ongoing", None, None)]
    assert m["owners"] == ["自治区生态环境厅", "自治区水利厅"] and m["lead"] == "自治区生态环境厅"
    assert _task(damaged, 1)["reported"] == {"state": "fully_done", "ongoing": True}  # 整改进度:全面完成,长期坚持。
    assert _measure(damaged, "3.1")["note"] == "自治区纪委监委依纪依法进行调查处理，对21名责任人进行追责。"


def test_fixture_date_without_ri(damaged):
    assert _task(damaged, 1)["deadline"]["text"] == "2018年6月30前完成，长期坚持"
    assert _milestones(_task(damaged, 1)["deadline"]) == [("date", "2018-06-30", None), ("ongoing", None, None)]


def test_fixture_deadline_on_the_next_line(damaged):
    m = _measure(damaged, "2.1")
    assert m["text"] == "自治区旅游发展厅督促各地市落实属地管理职责（2018年12月31日）。"
    assert _milestones(m) == [("date", "2018-12-31", None)]


def test_fixture_note_headed_zhenggai_jindu(damaged):
    m = _measure(damaged, "1.2")
    assert m["note_heading"] == "整改进度"
    assert m["note"] == "各地各部门加强学习，处罚金额3200.852万元，规划期2016-2020年。"
    assert _milestones(m) == [("immediate", None, None), ("ongoing", None, None)]


def test_fixture_several_deadlines_in_one_measure(damaged):
    assert _milestones(_measure(damaged, "2.2")) == [("date", "2018-12-31", None), ("ongoing", None, None), ("date", "2020-12-31", None)]
    assert _milestones(_measure(damaged, "2.3")) == [("date", "2019-12-31", "5A级、4A级景区"), ("date", "2020-12-31", "3A级及以下景区")]


def test_fixture_spaced_headers_and_numbers(damaged):
    t3 = _task(damaged, 3)
    assert t3["reported"]["state"] == "interim_results"  # "整改进度 : 取得阶段性成效。"
    assert _measure(damaged, "3.1")["text"] == "依照党纪党规对相关责任人进行责任追究（立即启动）。"  # "1. … (立即启动) 。"
    assert _measure(damaged, "3.3")["text"] == "拉萨市政府加强GB/T 17775-2003标准执行（2018年6月30日）。"
    assert _task(damaged, 2)["regions"] == ["拉萨市", "那曲市"]  # 短名 "那曲"


def test_fixture_body_sections_are_not_tasks(damaged):
    # the body's "一、加强组织领导" has no 整改时限 and is not problem 1
    assert _task(damaged, 1)["title"] == "生态保护意识不够强"
    assert len(damaged.tasks) == 3 and len(damaged.measures) == 8


def test_gb18030_file_imports_the_same_as_utf8(damaged):
    gb = FIXTURES / "damaged-gb18030.txt"
    raw_bytes = gb.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw_bytes.decode("utf-8")
    other = import_report(decode_report(raw_bytes, filename=str(gb)), filename="damaged.txt")
    assert other.tasks_yaml == damaged.tasks_yaml and other.progress_yaml == damaged.progress_yaml


def test_utf8_bom_and_crlf_import_the_same(damaged):
    text = (FIXTURES / "damaged.txt").read_text(encoding="utf-8")
    raw_bytes = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    other = import_report(decode_report(raw_bytes, filename="x"), filename="damaged.txt")
    assert other.tasks_yaml == damaged.tasks_yaml


@pytest.mark.parametrize("lang, message", [
    ("en", "cannot decode the report: invalid UTF-8 at byte 17 (0xff) and invalid GB18030 at byte 3; save the file as UTF-8"),
    (None, "无法解码报告：第 17 个字节（0xff）不是有效的 UTF-8，第 3 个字节也不是有效的 GB18030；请另存为 UTF-8"),
])
def test_undecodable_bytes_are_named_by_their_place_counted_from_1(tmp_path, lang, message):
    """The first byte of a file was called 第 0 字节: a person counts from 1."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes("一、问题。\n".encode("utf-8") + b"\xff\xff\xff\n")
    # (16 bytes, then the bad one: the 17th; read as GB18030, 一's e4 b8 is a character, its 80 the 3rd byte, none)
    result = _rectify("import", str(bad), lang=lang)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"rectify: {bad}:2:1: {message}\n"


@pytest.mark.parametrize("encoding", ["big5", "shift_jis"])
@pytest.mark.parametrize("lang, message", [
    ("en", "cannot decode the report: it is not UTF-8, and read as GB18030 it has no 整改 anywhere: is it in another encoding "
           "(Big5, Shift-JIS…)? save the file as UTF-8"),
    (None, "无法解码报告：不是 UTF-8，按 GB18030 读出的文字中没有“整改”二字：是否为其他编码（Big5、Shift-JIS…）？请另存为 UTF-8"),
])
def test_a_report_in_another_encoding_than_utf8_or_gb18030_is_said_to_be_one(tmp_path, encoding, lang, message):
    """Big5 or Shift-JIS bytes decode as GB18030 into nonsense: it said no appendix was found, as of a report numbering
    its problems otherwise, not that the text was never read."""
    report = tmp_path / "report.txt"
    report.write_bytes(SOURCE.read_text(encoding="utf-8").encode(encoding, errors="ignore"))
    result = _rectify("import", str(report), "-o", str(tmp_path / "ledger"), lang=lang)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {report}: {message}\n")
    assert not (tmp_path / "ledger").exists()


@pytest.mark.parametrize("name, raw, message", [
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
     "is a PDF, not text: extract its text first (pdftotext report.pdf report.txt, or copy it all from a PDF viewer "
     "into a .txt file) and import that"),
    ("report.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",  # (one whose bytes are all ASCII)
     "is a PDF, not text: extract its text first (pdftotext report.pdf report.txt, or copy it all from a PDF viewer "
     "into a .txt file) and import that"),
    ("report.html", "\ufeff<!DOCTYPE html>\n<html><body><p>附：整改情况</p><p>一、问题一。</p></body></html>\n".encode("utf-8"),
     "is a web page (HTML), not the report's text: copy the report's text from the browser into a .txt file and import that"),
    ("report.htm", "<HTML>\n<head><meta charset=gbk></head>\n<body>一、问题一。</body></HTML>\n".encode("gb18030"),
     "is a web page (HTML), not the report's text: copy the report's text from the browser into a .txt file and import that"),
    ("report.docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4\xd2lZ\x01\x00\x00[Content_Types].xml",
     "is an office document (Word, WPS…), not text: save it from there as plain text (.txt, UTF-8) and import that"),
    ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00\x00\x00\x00\x00",
     "is an office document (Word, WPS…), not text: save it from there as plain text (.txt, UTF-8) and import that"),
    # (a picture decoded as GB18030: 'no appendix found'; a NUL in what decodes is no text either)
    ("report.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file (a picture, an archive…): give the report's text (a .txt file)"),
    ("report.bin", "一、问题一。\x00\x00".encode("gb18030"), "is not a text file (a picture, an archive…): give the report's text (a .txt file)"),
])
def test_a_pdf_a_web_page_or_a_word_document_is_refused_saying_what_it_is_and_what_to_do(tmp_path, name, raw, message):
    """A PDF was 'invalid UTF-8 at byte 11 …; save the file as UTF-8', or, all ASCII, 'no appendix found';
    a web page 'no appendix found': neither says the text is to be taken out of it first."""
    report = tmp_path / name
    report.write_bytes(raw)
    result = _rectify("import", str(report), "-o", str(tmp_path / "ledger"))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {report}: {message}\n")
    assert not (tmp_path / "ledger").exists()


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b" \r\n\r\n\t\n", "\u3000\n".encode("gb18030")])
@pytest.mark.parametrize("lang, message", [("en", "is empty, expected the report's text"), (None, "是空的，应为报告文字")])
def test_an_empty_report_is_refused_as_empty(tmp_path, raw, lang, message):
    """It was 'no appendix of numbered problems (一、…) with 整改时限/整改进展 found', as of a report
    numbering them otherwise: an empty file (a failed download, a copy not pasted) is no such report."""
    report = tmp_path / "report.txt"
    report.write_bytes(raw)
    result = _rectify("import", str(report), "-o", str(tmp_path / "ledger"), lang=lang)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {report}: {message}\n")
    assert not (tmp_path / "ledger").exists()

def test_a_pdf_is_named_so_in_chinese_by_default(tmp_path):
    report = tmp_path / "报告.pdf"
    report.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    result = _rectify("import", str(report), lang=None)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {report}: 是 PDF 文件，不是文字：请先取出其中的文字（pdftotext report.pdf "
                                                    "report.txt，或在 PDF 阅读器中全选复制，存为 .txt 文件）再导入\n")


SMALL = Path(__file__).resolve().parent / "fixtures" / "small"


def _own_file(tmp_path: Path, kind: str) -> Path:
    """One of rectify's own files, of the small ledger copied into tmp_path/ledger: its plan, its
    journal, or what `export`, `status --format json` or `check --format json` wrote of it."""
    ledger = tmp_path / "ledger"
    shutil.copytree(SMALL, ledger)
    if kind in ("plan", "journal"):
        return ledger / ("tasks.yaml" if kind == "plan" else "progress.yaml")
    made = tmp_path / f"{kind}.json"
    args = {"export": ("export", "-o", str(made)), "status": ("status", "--format", "json"), "check": ("check", "--format", "json")}
    result = _rectify(*args[kind], "-r", str(ledger / "tasks.yaml"), RECTIFY_TODAY="2019-03-31")
    assert result.exit_code in (0, 1), result.output
    if kind != "export":
        made.write_text(result.stdout, encoding="utf-8")
    return made


@pytest.mark.parametrize("kind, message", [
    ("plan", "this is a plan (a ledger already), not a report: there is nothing to import; pass it to the other commands with -r"),
    ("journal", "this is a journal (a list of entries, - measure: ...), not a report: it belongs to a ledger already; pass that "
                "ledger's plan file ({plan}) to the other commands with -r"),
    ("export", "this is the output of `rectify export`, not a report: import the report's own text; rectify cannot turn an "
               "export back into a ledger (it holds no journal)"),
    ("status", "this is the output of `rectify status --format json`, not a report: import the report's own text"),
    ("check", "this is the output of `rectify check --format json`, not a report: import the report's own text"),
])
def test_one_of_rectifys_own_files_given_as_the_report_is_named_for_what_it_is(tmp_path, kind, message):
    """Each was 'no appendix of numbered problems (一、…) with 整改时限/整改进展 found': the clerk went
    looking for an appendix in a file that is no report."""
    given = _own_file(tmp_path, kind)
    result = _rectify("import", str(given), "-o", str(tmp_path / "new"))
    plan = tmp_path / "ledger" / "tasks.yaml"
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {given}: {message.format(plan=plan)}\n")
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("kind, message", [
    ("plan", "这是整改方案（已是台账），不是整改报告：无需导入，在其他命令中用 -r 指定它即可"),
    ("journal", "这是进展记录（- measure: … 的列表），不是整改报告：它已属于一本台账；请在其他命令中用 -r 指定该台账的方案文件（{plan}）"),
    ("export", "这是 `rectify export` 的输出，不是整改报告：请导入整改报告本身的文字；rectify 不能把导出文件转回台账（其中没有进展记录）"),
])
def test_one_of_rectifys_own_files_given_as_the_report_is_named_so_in_chinese_by_default(tmp_path, kind, message):
    given = _own_file(tmp_path, kind)
    result = _rectify("import", str(given), lang=None)
    plan = tmp_path / "ledger" / "tasks.yaml"
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {given}: {message.format(plan=plan)}\n")


UTF16_FIRST = {"en": "save it as UTF-8 first (it is UTF-16, Notepad's \"Unicode\", which the other commands do not read), then ",
               None: "先将它另存为 UTF-8（它是 UTF-16 编码，即记事本的“Unicode”，其他命令不读），再"}


@pytest.mark.parametrize("mark, codec", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
@pytest.mark.parametrize("lang, kind, message", [
    ("en", "plan", "this is a plan (a ledger already), not a report: there is nothing to import; {first}pass it to the other "
                   "commands with -r"),
    ("en", "journal", "this is a journal (a list of entries, - measure: ...), not a report: it belongs to a ledger already; "
                      "{first}pass that ledger's plan file ({plan}) to the other commands with -r"),
    (None, "plan", "这是整改方案（已是台账），不是整改报告：无需导入，{first}在其他命令中用 -r 指定它即可"),
    (None, "journal", "这是进展记录（- measure: … 的列表），不是整改报告：它已属于一本台账；请{first}在其他命令中用 -r 指定该台账的方案文件（{plan}）"),
])
def test_one_of_rectifys_own_files_saved_as_utf16_is_named_for_what_it_is(tmp_path, mark, codec, lang, kind, message):
    """Saved again by Notepad as "Unicode" (UTF-16 with its mark), a plan or a journal was read as a
    report in which no appendix was found (没有找到附件中编号的问题), as the UTF-8 one no longer is.
    It says to save the file as UTF-8 first: passed with -r as it is, it was refused (请另存为 UTF-8)."""
    given = _own_file(tmp_path, kind)
    given.write_bytes(mark + given.read_text(encoding="utf-8").replace("\n", "\r\n").encode(codec))
    result = _rectify("import", str(given), "-o", str(tmp_path / "new"), lang=lang)
    plan = tmp_path / "ledger" / "tasks.yaml"
    said = message.format(plan=plan, first=UTF16_FIRST[lang])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {given}: {said}\n")
    assert not (tmp_path / "new").exists()
    as_it_is = _rectify("status", "-r", str(plan), lang=lang)  # (what the hint is for: -r refuses UTF-16)
    assert as_it_is.exit_code == 2 and "UTF-16" in as_it_is.stderr


def test_a_journal_piped_as_the_report_is_named_a_journal(tmp_path):
    """From standard input there is no file beside it: the plan is named by example."""
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    result = CliRunner().invoke(app, ["import", "--lang", "en", "-"], input=(SMALL / "progress.yaml").read_bytes())
    assert (result.exit_code, result.stderr) == (2, "rectify: <stdin>: this is a journal (a list of entries, - measure: ...), not a "
                                                    "report: it belongs to a ledger already; pass that ledger's plan file (e.g. "
                                                    "tasks.yaml) to the other commands with -r\n")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize("lang, message", [
    ("en", "the file ends inside a character (at byte {at}): was it cut short? Import the whole file"),
    (None, "文件在一个字符的中间结束（第 {at} 个字节）：是否被截断？请导入完整的文件"),
])
def test_a_report_cut_inside_a_character_is_said_to_be_cut_short(tmp_path, encoding, lang, message):
    """A download cut short was called a text in the wrong encoding ('save the file as UTF-8')."""
    whole = "一、问题。\n\n整改进展：已完成。\n".encode(encoding)
    cut = tmp_path / "cut.txt"
    cut.write_bytes(whole[:-2])  # (the 。 cut in two, the line end lost)
    at = whole.rindex("。".encode(encoding)) + 1  # (the cut 。's first byte, counted from 1)
    column = at - 1 - whole.rindex(b"\n", 0, at)
    result = _rectify("import", str(cut), lang=lang)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"rectify: {cut}:3:{column}: {message.format(at=at)}\n"


@pytest.mark.parametrize("mark, codec", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_a_utf16_report_with_its_byte_order_mark_imports_as_its_utf8_text(tmp_path, mark, codec):
    """Windows Notepad's "Unicode" was refused: 第 0 字节（0xff）不是有效的 UTF-8."""
    notepad = mark + SOURCE.read_text(encoding="utf-8").replace("\n", "\r\n").encode(codec)
    imported = []
    for name, raw_bytes in (("utf-8", SOURCE.read_bytes()), (codec, notepad)):
        (tmp_path / name).mkdir()
        report = tmp_path / name / "report.txt"
        report.write_bytes(raw_bytes)
        result = _rectify("import", str(report), "-o", str(tmp_path / name / "ledger"))
        assert result.exit_code == 0, result.output
        ledger = [(tmp_path / name / "ledger" / file).read_bytes() for file in ("tasks.yaml", "progress.yaml")]
        imported.append((result.stderr.replace(str(tmp_path / name), "…"), ledger))
    assert imported[1] == imported[0]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("lang, message", [
    ("en", "cannot decode the report: it looks like UTF-16 without a byte order mark (0x00 bytes between its letters and digits); "
           "save the file as UTF-8"),
    (None, "无法解码报告：看起来是没有字节顺序标记的 UTF-16 编码（字母、数字间夹着字节 0x00）；请另存为 UTF-8"),
])
def test_a_utf16_report_without_its_byte_order_mark_is_refused_as_utf16(tmp_path, codec, lang, message):
    """It was refused as neither UTF-8 nor GB18030 (第 6 个字节（0x89）…，第 96 个字节也不是有效的 GB18030), at a
    line and column counted from the 0x0a bytes of its Chinese characters."""
    report = tmp_path / "report.txt"
    report.write_bytes(SOURCE.read_text(encoding="utf-8").encode(codec))
    result = _rectify("import", str(report), "-o", str(tmp_path / "ledger"), lang=lang)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {report}:1:1: {message}\n")
    assert not (tmp_path / "ledger").exists()


@pytest.mark.parametrize("lang, cut, bad", [
    ("en", "the file ends inside a character (at byte 11): was it cut short? Import the whole file",
           "cannot decode the report: invalid UTF-16 at byte 11 (the file begins with UTF-16's byte order mark); save the file as UTF-8"),
    (None, "文件在一个字符的中间结束（第 11 个字节）：是否被截断？请导入完整的文件",
           "无法解码报告：第 11 个字节起不是有效的 UTF-16（文件以 UTF-16 的字节顺序标记开头）；请另存为 UTF-8"),
])
def test_a_utf16_report_cut_short_or_damaged_is_refused_naming_its_line(tmp_path, lang, cut, bad):
    # (line and column counted in characters: in UTF-16 a byte 0x0a is no line end, 上 holds one)
    start = b"\xff\xfe" + "上\r\n一".encode("utf-16-le")  # (the BOM and 4 characters: 10 bytes; the 11th is bad)
    for tail, message in ((b"\x3d", cut), (b"\x00\xdc" + "。".encode("utf-16-le"), bad)):  # (half a character; half a pair)
        report = tmp_path / "report.txt"
        report.write_bytes(start + tail)
        result = _rectify("import", str(report), lang=lang)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"rectify: {report}:2:2: {message}\n"


@pytest.mark.parametrize("lang, message", [
    ("en", "the file begins with UTF-16's byte order mark (FF FE) but what follows is UTF-8 text: delete those two "
           "bytes, or save the file as UTF-8"),
    (None, "文件以 UTF-16 的字节顺序标记（FF FE）开头，其后却是 UTF-8 文字：请删去开头这两个字节，或另存为 UTF-8"),
])
def test_utf8_text_behind_a_utf16_mark_is_refused_naming_the_mark(tmp_path, lang, message):
    """A UTF-8 report behind the two bytes of a UTF-16 mark (a tool's slip) was said to end inside
    a character, at its last byte (was it cut short?), or to turn invalid somewhere in its middle."""
    report = tmp_path / "report.txt"
    for mark, text in ((b"\xff\xfe", "上一。\n"), (b"\xff\xfe", "上一。\n三"), (b"\xfe\xff", "上一。\n")):  # (odd, even)
        report.write_bytes(mark + text.encode("utf-8"))
        message = message.replace("FF FE", mark.hex(" ").upper())
        result = _rectify("import", str(report), lang=lang)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"rectify: {report}:1:1: {message}\n"


def test_text_without_appendix_is_rejected():
    path = FIXTURES / "no-appendix.txt"
    with pytest.raises(ReportFormatError) as e:
        _import(path, filename="no-appendix.txt")
    assert str(e.value) == "no-appendix.txt: no appendix of numbered problems (一、…) with 整改时限/整改进展 found"


def test_measure_numbering_gap_names_the_line():
    block = "一、问题一。说明。\n\n整改时限：2018年6月30日前完成。\n\n整改进度：全面完成。\n\n1.自治区生态环境厅制定方案（2018年6月30日）。\n\n整改进展：已制定。\n\n3.自治区水利厅制定方案（2018年6月30日）。\n\n整改进展：已制定。\n"
    with pytest.raises(ReportFormatError) as e:
        mini(block)
    assert "mini.txt:17:" in str(e.value) and "measure 3." in str(e.value)


def test_measure_without_deadline_is_rejected():
    block = "一、问题一。说明。\n\n整改时限：2018年6月30日前完成。\n\n整改进度：全面完成。\n\n1.自治区生态环境厅制定方案。\n\n整改进展：已制定。\n"
    with pytest.raises(ReportFormatError) as e:
        mini(block)
    assert "measure 1.1: no deadline" in str(e.value)


def test_unknown_progress_word_is_rejected():
    block = "一、问题一。说明。\n\n整改时限：2018年6月30日前完成。\n\n整改进度：差不多了。\n\n1.自治区生态环境厅制定方案（2018年6月30日）。\n\n整改进展：已制定。\n"
    with pytest.raises(ReportFormatError) as e:
        mini(block)
    assert "差不多了" in str(e.value)


def test_month_end_deadline():
    block = "一、问题一。说明。\n\n整改时限：2019年2月底前完成。\n\n整改进度：序时推进。\n\n1.自治区生态环境厅制定方案（2019年2月底前完成）。\n\n整改进展：正在制定。\n"
    r = mini(block)
    assert _milestones(r.tasks[0]["deadline"]) == [("date", "2019-02-28", None)]
    assert r.journal[0]["state"] == "in_progress" and r.journal[0]["evidence"] == "正在制定"


# ---------------------------------------------------------------- curation errors


def _curation(tmp_path: Path, body: str):
    p = tmp_path / "curation.yaml"
    p.write_text("units:\n  - {name: 自治区生态环境厅, kind: department}\n" + body, encoding="utf-8")
    return load_curation(p)


def test_curation_unknown_measure_is_an_error(tmp_path, damaged):
    cur = _curation(tmp_path, 'journal:\n  "9.9": done\n')
    with pytest.raises(ReportFormatError) as e:
        _import(FIXTURES / "damaged.txt", cur, filename="damaged.txt")
    assert "9.9" in str(e.value)


def test_curation_evidence_must_quote_the_note(tmp_path):
    cur = _curation(tmp_path, 'journal:\n  "2.1": {state: in_progress, evidence: 尚未开始}\n')
    with pytest.raises(ReportFormatError) as e:
        _import(FIXTURES / "damaged.txt", cur, filename="damaged.txt")
    assert "not a quote from the note" in str(e.value)


def test_curation_owner_must_be_declared(tmp_path):
    with pytest.raises(ReportFormatError) as e:
        _curation(tmp_path, 'owners:\n  "1.1": {owners: [自治区不存在厅]}\n')
    assert "自治区不存在厅" in str(e.value)
    assert str(e.value).split(" ")[0].endswith("curation.yaml:4:3:")  # the line and column of "1.1"


def test_curation_unit_with_a_misspelt_key_is_refused_not_its_aliases_lost(tmp_path):
    """`alias:` for `aliases:` was dropped without a word: the report's old name then owned nothing."""
    with pytest.raises(ReportFormatError) as e:
        _curation(tmp_path, "  - {name: 自治区自然资源厅, alias: [自治区国土资源厅]}\n")
    assert str(e.value) == "curation.yaml:3:5: unit 自治区自然资源厅: unknown field alias (fields: name, kind, aliases)".replace(
        "curation.yaml", str(tmp_path / "curation.yaml"))
    assert problem_message(e.value.problems[0], Lang.zh) == "单位“自治区自然资源厅”：未知的字段 alias（可用字段：name、kind、aliases）"


def test_curation_owners_with_a_misspelt_lead_is_refused_not_the_first_owner_made_lead(tmp_path):
    with pytest.raises(ReportFormatError) as e:
        _curation(tmp_path, 'owners:\n  "1.1": {owners: [自治区生态环境厅], leed: 自治区生态环境厅}\n')
    assert str(e.value) == "curation.yaml:4:3: owners: 1.1: unknown field leed (fields: owners, lead, why)".replace(
        "curation.yaml", str(tmp_path / "curation.yaml"))


@pytest.mark.parametrize("body, en, zh", [
    ("  - {name: 自治区自然资源厅, alias: [自治区国土资源厅], kinds: department}\n",
     "unit 自治区自然资源厅: unknown fields alias, kinds (fields: name, kind, aliases)",
     "单位“自治区自然资源厅”：未知的字段 alias、kinds（可用字段：name、kind、aliases）"),
    ('owners:\n  "1.1": {owners: [自治区生态环境厅], leed: 自治区生态环境厅, whi: x}\n',
     "owners: 1.1: unknown fields leed, whi (fields: owners, lead, why)",
     "owners: 1.1：未知的字段 leed、whi（可用字段：owners、lead、why）"),
    ('journal:\n  "1.1": {state: done, evidense: x}\n', "journal: 1.1: unknown field evidense",
     "journal: 1.1：未知的字段 evidense"),
    ('journal:\n  "1.1": {state: done, evidense: x, not: y}\n', "journal: 1.1: unknown fields evidense, not",
     "journal: 1.1：未知的字段 evidense、not"),
])
def test_curation_unknown_fields_are_counted_in_english(tmp_path, body, en, zh):
    """'unknown field(s)': one field is a field, two are fields."""
    with pytest.raises(ReportFormatError) as e:
        _curation(tmp_path, body)
    assert (e.value.problems[0].message, problem_message(e.value.problems[0], Lang.zh)) == (en, zh)


@pytest.mark.parametrize("body, en, zh", [
    ('owners:\n  "1.1": {owners: [自治区不存在厅]}\n',
     "owners: 1.1: unknown unit 自治区不存在厅 (declare it under units:)",
     "owners: 1.1：未知单位 自治区不存在厅（请在 units: 下声明）"),
    ('owners:\n  "1.1": {owners: [自治区不存在厅, 自治区没有局]}\n',
     "owners: 1.1: unknown units 自治区不存在厅, 自治区没有局 (declare them under units:)",
     "owners: 1.1：未知单位 自治区不存在厅、自治区没有局（请在 units: 下声明）"),
    ("phrases:\n  各级环保部门: [自治区不存在厅]\n",
     "phrase '各级环保部门': unknown unit 自治区不存在厅",
     "短语“各级环保部门”：未知单位 自治区不存在厅"),
    ("phrases:\n  各级环保部门: [自治区不存在厅, 自治区没有局]\n",
     "phrase '各级环保部门': unknown units 自治区不存在厅, 自治区没有局",
     "短语“各级环保部门”：未知单位 自治区不存在厅、自治区没有局"),
])
def test_curation_unknown_units_are_counted_in_english(tmp_path, body, en, zh):
    """'unknown unit(s)', 'declare it/them': one unit is a unit, two are units."""
    with pytest.raises(ReportFormatError) as e:
        _curation(tmp_path, body)
    assert (e.value.problems[0].message, problem_message(e.value.problems[0], Lang.zh)) == (en, zh)


def test_curation_owners_listing_a_unit_twice_is_refused_at_the_repeat(tmp_path):
    """[X, X] was written to the plan as it is: a plan the registry's loader refuses (a unit listed twice)."""
    with pytest.raises(ReportFormatError) as e:
        _curation(tmp_path, 'owners:\n  "1.1": {owners: [自治区生态环境厅, 自治区生态环境厅]}\n')
    assert str(e.value) == f"{tmp_path / 'curation.yaml'}:4:30: owners: 1.1: unit 自治区生态环境厅 is listed twice; list each unit once"
    assert problem_message(e.value.problems[0], Lang.zh) == "owners: 1.1：单位 自治区生态环境厅 列了两次；每个单位只列一次"


def test_a_unit_the_report_names_twice_for_a_measure_is_one_owner(tmp_path):
    """By its name twice, or by an alias and its name: one owner, as the registry's loader requires."""
    cur = _curation(tmp_path, "  - {name: 拉萨市, kind: region, aliases: [拉萨市政府]}\n  - {name: 自治区水利厅, aliases: [水利厅]}\n")
    for line, owners in (("水利厅、拉萨市、自治区水利厅", ["自治区水利厅", "拉萨市"]),
                         ("拉萨市牵头，自治区水利厅、拉萨市政府会同水利厅", ["拉萨市", "自治区水利厅"])):
        block = f"一、问题一。说明。\n\n整改时限：2018年6月30日前完成。\n\n整改进度：全面完成。\n\n1.{line}制定方案（2018年6月30日）。\n\n整改进展：已制定。\n"
        result = import_report(HEADLINE + block, filename="mini.txt", curation=cur)
        assert result.measures[0]["owners"] == owners


def test_a_declared_unit_named_with_its_level_written_once_before_a_list_is_an_owner(tmp_path):
    """自治区X厅联合Y厅, 自治区X厅、Y厅: 自治区Y厅 declared without the alias Y厅 was dropped."""
    cur = _curation(tmp_path, "  - {name: 自治区公安厅, kind: department}\n")
    for line in ("自治区生态环境厅联合公安厅", "自治区生态环境厅、公安厅"):
        block = f"一、问题一。说明。\n\n整改时限：2018年6月30日前完成。\n\n整改进度：全面完成。\n\n1.{line}开展专项检查（2018年6月30日）。\n\n整改进展：已开展。\n"
        result = import_report(HEADLINE + block, filename="mini.txt", curation=cur)
        assert result.measures[0]["owners"] == ["自治区生态环境厅", "自治区公安厅"], line
        assert not [w for w in _warnings(result) if "公安厅" in w], line


def test_a_unit_not_declared_after_lianhe_is_warned_of(tmp_path):
    """自治区生态环境厅联合公安厅, 自治区公安厅 not declared: 公安厅 left out without a word (after 、 it is warned of)."""
    cur = _curation(tmp_path, "")
    block = ("一、问题一。说明。\n\n整改时限：2018年6月30日前完成。\n\n整改进度：全面完成。\n\n"
             "1.自治区生态环境厅联合公安厅开展专项检查（2018年6月30日）。\n\n整改进展：已开展。\n")
    result = import_report(HEADLINE + block, filename="mini.txt", curation=cur)
    assert result.measures[0]["owners"] == ["自治区生态环境厅"]
    line = (HEADLINE + block).split("\n").index("1.自治区生态环境厅联合公安厅开展专项检查（2018年6月30日）。") + 1
    assert (f"mini.txt, line {line}: measure 1.1: the measure's sentence: no unit the import knows read in 公安厅开展专项检查, "
            "left out of the owners") in _warnings(result)


def test_curation_text_fix_that_no_longer_applies(tmp_path):
    cur = _curation(tmp_path, 'text_fixes:\n  - {at: "1.1", field: text, find: 不存在的字, replace: x}\n')
    with pytest.raises(ReportFormatError) as e:
        _import(FIXTURES / "damaged.txt", cur, filename="damaged.txt")
    assert "not found" in str(e.value)


def test_curation_milestone_must_be_a_dated_milestone(tmp_path):
    cur = _curation(tmp_path, 'journal:\n  "2.2": {state: done, milestone: 2019-01-01}\n')
    with pytest.raises(ReportFormatError) as e:
        _import(FIXTURES / "damaged.txt", cur, filename="damaged.txt")
    assert "2018-12-31, 2020-12-31" in str(e.value)


# ---------------------------------------------------------------- YAML scalars


@pytest.mark.parametrize(
    "value",
    ["- 开头是破折号", "键: 值", "注释 #不是", "yes", "2019-03-31", "123", "“引号”开头", "[方括号]", "", " 前导空格", "null"],
)
def test_scalars_round_trip(value):
    assert yaml.safe_load(f"k: {scalar(value)}")["k"] == value


def test_written_scalars_read_back_exactly():
    """Line separators, DEL and tabs in report text are quoted so the loader reads the same text."""
    from rectify_cli import yamlio
    from rectify_cli.importer_yaml import scalar

    for value in ("a\u2028b", "x\x7fy", "tab\there", "普通文本", '引号"里'):
        assert yamlio.parse(f"k: {scalar(value)}\n", filename="t.yaml")["k"] == value


# ---------------------------------------------------------------- a heading lost in the text

PROBLEM_ONE = "一、问题一。说明。\n\n整改时限：2018年6月30日前完成。\n\n整改进度：全面完成。\n\n1.自治区生态环境厅制定方案（2018年6月30日）。\n\n整改进展：已制定。\n\n"


def test_a_problem_without_its_deadline_line_is_named_with_its_line():
    # (its measures run into the problem's text; the complaint was "unexpected 整改进展：")
    second = "二、问题二。说明。\n\n整改进度：全面完成。\n\n1.自治区水利厅制定方案（2018年6月30日）。\n\n整改进展：已制定。\n"
    lines = (HEADLINE + PROBLEM_ONE).count("\n") + 1
    with pytest.raises(ReportFormatError) as e:
        mini(PROBLEM_ONE + second)
    assert str(e.value) == f"mini.txt:{lines}: problem 2: no 整改时限： line after the problem's text"


def test_a_first_problem_without_its_deadline_line_is_named_not_called_a_missing_appendix():
    block = PROBLEM_ONE.replace("整改时限：2018年6月30日前完成。\n\n", "") + PROBLEM_ONE.replace("一、问题一", "二、问题二")
    line = HEADLINE.count("\n") + 1
    with pytest.raises(ReportFormatError) as e:
        mini(block)
    assert str(e.value) == f"mini.txt:{line}: problem 1: no 整改时限： line after the problem's text"


@pytest.mark.parametrize("lang, message", [
    ("en", "problem 2 has no 整改时限, 整改进度 or measures under it: 三、 on line 179 follows at once (is its text missing?)"),
    (None, "问题 2 下没有整改时限、整改进度和措施：紧接着就是第 179 行的“三、”（是否漏了它的文字？）"),
])
def test_a_problem_heading_with_nothing_under_it_is_named_at_its_own_line(tmp_path, lang, message):
    """Problem 2 of the real report with nothing under its heading (line 177): it was refused at
    the next problem's 整改时限 (line 181), as if 三、 were misnumbered and problem 1 went on."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    assert lines[176].startswith("二、") and lines[206].startswith("三、")
    report = tmp_path / "report.txt"
    report.write_text("\n".join(lines[:178] + lines[206:]), encoding="utf-8")
    result = _rectify("import", str(report), "-o", str(tmp_path / "out"), lang=lang)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {report}:177: {message}\n")
    assert not (tmp_path / "out").exists()


def test_a_problem_heading_with_nothing_under_it_after_a_measure_without_a_note_is_named_at_its_line():
    # (not in a progress note, 二、 began problem 2: 三、 then said it had no 整改时限 line, not that it is empty)
    block = PROBLEM_ONE.replace("整改进展：已制定。\n\n", "") + "二、问题二。说明。\n\n" + PROBLEM_ONE.replace("一、问题一", "三、问题三")
    line = (HEADLINE + block).split("\n").index("二、问题二。说明。") + 1
    with pytest.raises(ReportFormatError) as e:
        mini(block)
    assert str(e.value) == f"mini.txt:{line}: problem 2 has no 整改时限, 整改进度 or measures under it: 三、 on line {line + 2} " \
                           "follows at once (is its text missing?)"


def test_a_measure_whose_progress_heading_is_lost_is_warned_of_with_its_lines():
    block = PROBLEM_ONE.replace("整改进展：已制定。", "已制定。")
    line = HEADLINE.count("\n") + 7
    result = mini(block)
    assert f"mini.txt, line {line}: measure 1.1: no 整改进展 note in the report; its text runs on over line {line + 2}: " \
           "a lost 整改进展： heading?" in _warnings(result)


@pytest.mark.parametrize("paragraphs, en_said, zh_said", [
    (["又完成了验收。"], "mini.txt, line {0}: measure 1.1: note continues in a separate paragraph",
     "mini.txt 第 {0} 行：措施 1.1：整改进展在此另起一段继续"),
    (["又完成了验收。", "还开展了检查。"], "mini.txt, lines {0}, {1}: measure 1.1: note continues in separate paragraphs",
     "mini.txt 第 {0}、{1} 行：措施 1.1：整改进展在这几行各另起一段继续")])
def test_a_note_continued_in_separate_paragraphs_names_its_line_or_lines(paragraphs, en_said, zh_said):
    """'mini.txt, line(s) …: measure 1.1: note continues in a separate paragraph'"""
    from rectify_cli.importer import warning_text

    block = PROBLEM_ONE.replace("整改进展：已制定。\n\n", "整改进展：已制定。\n\n" + "".join(p + "\n\n" for p in paragraphs))
    first = HEADLINE.count("\n") + 11  # (two lines after 整改进展：已制定。)
    lines = [first + 2 * i for i in range(len(paragraphs))]
    warnings = [w for w in mini(block).warnings if w.key.startswith("note_continues")]
    assert [warning_text(w, Lang.en) for w in warnings] == [en_said.format(*lines)]
    assert [warning_text(w, Lang.zh) for w in warnings] == [zh_said.format(*lines)]


@pytest.mark.parametrize("plan, journal", [("tasks.yaml", "progress.yaml"), ("xizang.yaml", "xizang.progress.yaml")])
def test_import_to_a_plan_file_name_writes_that_file_and_its_journal_beside_it(tmp_path, plan, journal):
    """`-o ledger/tasks.yaml` made a folder named tasks.yaml, holding tasks.yaml and progress.yaml;
    a name ending in .yaml is the plan file, its journal named as a folder registry names it."""
    out = tmp_path / "ledger"
    out.mkdir()
    _schema_beside(out)
    result = _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(out / plan), lang=None)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == f"已写入 {out / plan} 和 {out / journal}"
    assert sorted(p.name for p in out.iterdir()) == sorted([plan, journal])
    assert (out / plan).read_bytes() == (DATA / "tasks.yaml").read_bytes()
    assert (out / journal).read_bytes() == (DATA / "progress.yaml").read_bytes()
    again = _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(out / plan), lang=None)
    assert again.stderr.splitlines()[0] == f"已写入 {out / plan}；保留 {out / journal}（它以本次导入的记录开头）"


@pytest.mark.parametrize("given, plan", [("anhui.progress.yaml", "anhui.yaml"), ("progress.yaml", "tasks.yaml")])
@pytest.mark.parametrize("lang, said", [
    (None, "是进展记录的文件名：-o 应指方案文件（如 {plan}，进展记录写在它旁边）或文件夹。未写入任何内容。"),
    ("en", "is the name of a journal: -o names a plan file (such as {plan}, its journal written beside it) or a folder. "
           "Nothing was written.")])
def test_import_to_a_journals_name_is_refused_naming_the_plan_file_to_give(tmp_path, given, plan, lang, said):
    """`-o national/anhui.progress.yaml` wrote a plan of that name and its journal anhui.progress.progress.yaml,
    and no command read the folder again (each a journal with no plan beside it)."""
    out = tmp_path / "national"
    out.mkdir()
    result = _rectify("import", str(FIXTURES / "damaged.txt"), "-o", str(out / given), lang=lang)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {out / given}: {said.format(plan=out / plan)}\n")
    assert list(out.iterdir()) == []


def test_import_to_a_plan_file_name_in_a_folder_registry_adds_that_file(tmp_path):
    """Two reports imported into one folder, one plan file each: a folder registry of two files."""
    out = tmp_path / "national"
    out.mkdir()
    assert _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(out / "xizang.yaml")).exit_code == 0
    assert _rectify("import", str(FIXTURES / "damaged.txt"), "-o", str(out / "other.yml")).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["other.progress.yaml", "other.yml", "xizang.progress.yaml", "xizang.yaml"]
    for measure in ("xizang:18.4", "other:1.1"):
        shown = _rectify("show", measure, "-r", str(out))
        assert shown.exit_code == 0, shown.output
        assert shown.stdout.startswith(f"Measure {measure}\n")


def test_import_into_a_folder_of_other_plan_files_says_it_joins_them(tmp_path):
    """An import into a folder already holding a province's plan made a folder registry of the two
    without a word: its ids are then prefixed by their file's name (tasks:18.4)."""
    out = tmp_path / "national"
    out.mkdir()
    assert _rectify("import", str(FIXTURES / "damaged.txt"), "-o", str(out / "other.yaml")).exit_code == 0
    joined = _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(out), lang=None)
    assert joined.exit_code == 0, joined.output
    assert joined.stderr.splitlines()[:2] == [
        f"已写入 {out / 'tasks.yaml'} 和 {out / 'progress.yaml'}",
        f"rectify: 注意：{out} 中另有方案文件 other.yaml：该文件夹按多文件台账读入，各文件的编号以文件名为前缀（tasks:1.1）"]
    assert _rectify("show", "tasks:18.4", "-r", str(out)).exit_code == 0
    alone = _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(tmp_path / "xizang.yaml"))
    assert alone.stderr.splitlines()[:1] == [f"wrote {tmp_path / 'xizang.yaml'} and {tmp_path / 'xizang.progress.yaml'}"]
    assert "note:" not in alone.stderr
    again = _rectify("import", str(FIXTURES / "damaged.txt"), "-o", str(out / "other.yaml"))
    assert f"rectify: note: {out} holds other plan files too (tasks.yaml): it is read as a folder registry, each " \
           "file's ids prefixed by its name (other:1.1)" in again.stderr.splitlines()


@pytest.mark.parametrize("lang, said", [
    (None, "rectify: 注意：{data} 中另有方案文件 {others}：不带 -r 运行的命令找到的台账是 {data}/tasks.yaml，只读取该文件；"
           "用 -r {data} 则按多文件台账读入全部文件，各文件的编号以文件名为前缀（{example}）"),
    ("en", "rectify: note: {data} holds other plan files too ({others}): commands run with no -r find {data}/tasks.yaml "
           "and read it alone; -r {data} reads them all as a folder registry, each file's ids prefixed by its name ({example})")])
def test_import_beside_a_data_tasks_yaml_says_commands_with_no_registry_read_that_file_alone(tmp_path, lang, said):
    """`import … -o data/round2.yaml` beside data/tasks.yaml said data/ is read as a folder registry,
    while every command run with no -r finds data/tasks.yaml and reads it alone (layout.found_plan)."""
    data = tmp_path / "data"
    data.mkdir()
    assert _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(data)).exit_code == 0
    round2 = _rectify("import", str(FIXTURES / "damaged.txt"), "-o", str(data / "round2.yaml"), lang=lang)
    assert round2.exit_code == 0, round2.output
    assert round2.stderr.splitlines()[1] == said.format(data=data, others="tasks.yaml", example="round2:1.1")
    again = _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(data), lang=lang)
    assert again.stderr.splitlines()[1] == said.format(data=data, others="round2.yaml", example="tasks:1.1")


def test_import_into_a_data_folder_of_plan_files_without_tasks_yaml_says_it_is_read_as_a_folder(tmp_path):
    """data/ holding other.yaml and no tasks.yaml is found as a folder registry: the import's round joins it."""
    data = tmp_path / "data"
    data.mkdir()
    assert _rectify("import", str(FIXTURES / "damaged.txt"), "-o", str(data / "other.yaml")).exit_code == 0
    joined = _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(data / "xizang.yaml"))
    assert joined.exit_code == 0, joined.output
    assert joined.stderr.splitlines()[1] == f"rectify: note: {data} holds other plan files too (other.yaml): it is read " \
                                            "as a folder registry, each file's ids prefixed by its name (xizang:1.1)"


def test_import_into_a_folder_whose_parent_is_missing_is_refused(tmp_path):
    # (a mistyped path made every missing folder on the way, exit 0)
    result = _rectify("import", str(SOURCE), "-o", str(tmp_path / "no-such" / "ledger"))
    assert result.exit_code == 2
    # (named as summary -o names it: which folder is missing)
    assert result.stderr.startswith(f"rectify: {tmp_path / 'no-such' / 'ledger'}: cannot be created "
                                    f"(no such folder: {tmp_path / 'no-such'}); nothing was written\n")
    assert not (tmp_path / "no-such").exists()


def test_an_imported_plan_names_its_source_relative_to_itself(tmp_path, monkeypatch):
    """registry.source is relative to tasks.yaml, as the format says (it was as typed, relative to
    the folder the import ran in); a curation's own source still wins."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / "ledger"
    assert _rectify("import", str(SOURCE.relative_to(ROOT)), "-o", str(out)).exit_code == 0
    source = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]["source"]
    assert (out / source).resolve() == SOURCE.resolve()


# ---------------------------------------------------------------- curation mistakes: refused, with the line

DAMAGED_UNITS = "units:\n  - {name: 自治区生态环境厅, kind: department}\n  - {name: 自治区水利厅, kind: department}\n"


@pytest.mark.parametrize(
    "body, position, message",
    [
        ("registry:\n  feedback_date: 2019-13-01\n", "2:3",
         "registry.feedback_date: '2019-13-01' is not a real calendar date (a month is 1 to 12)"),
        ("registry:\n  report_date: 2020年6月30日\n", "2:3",
         "registry.report_date: expected a date written YYYY-MM-DD, got '2020年6月30日' (did you mean 2020-06-30?)"),
        ('journal:\n  "1.1": {state: done, milestone: 2019-02-30}\n', "2:3",
         "journal: 1.1: milestone: '2019-02-30' is not a real calendar date (that month has no such day)"),
        (DAMAGED_UNITS + 'owners:\n  "2.2": {owners: 自治区水利厅}\n', "5:3",
         "owners: 2.2: owners must be a list, e.g. [自治区水利厅]"),
        ("units:\n  - {name: 自治区水利厅, aliases: 水利厅}\n", "2:5", "unit 自治区水利厅: aliases must be a list, e.g. [水利厅]"),
        ("registry:\n  report_day: 2019-03-31\n", "2:3",
         "registry: unknown key 'report_day' (expected one of title, issuer, inspection, feedback_date, report_date, source, settings, claims)"),
        ("registry:\n  report_date: 2017-12-31\n", "2:3", "the report's date 2017-12-31 is before the inspection's feedback 2018-01-03"),
        # (YAML reads 2.10 as the number 2.1: the decision went to measure 2.1, silently)
        ('journal:\n  "2.1": done\n  2.10: in_progress\n', "3:3", 'journal: the key 2.10 is read by YAML as the number 2.1, not as text: quote it: "2.10"'),
        ("owners:\n  1.1: {owners: [自治区生态环境厅]}\n", "2:3", 'owners: the key 1.1 is read by YAML as the number 1.1, not as text: quote it: "1.1"'),
        # (a version the import does not read was taken silently, its file read as version 1's)
        ("units:\n  - {name: 自治区水利厅}\nversion: 7\n", "3:1", "version 7: this import reads curation files of version 1"),
        ('version: "1"\n', "1:1", "version '1': this import reads curation files of version 1"),
        # (a version not a number was shown as Python writes it: [1] as "1", which is version 1; {a: 1} as {'a': 1})
        ("version: [1]\n", "1:1", "version a list: this import reads curation files of version 1"),
        ("version: {a: 1}\n", "1:1", "version a mapping: this import reads curation files of version 1"),
        ("version:\n", "1:1", "version nothing: this import reads curation files of version 1"),
    ],
)
def test_a_curation_mistake_is_refused_with_its_file_and_line(tmp_path, body, position, message):
    curation = tmp_path / "curation.yaml"
    curation.write_text(body, encoding="utf-8")
    result = _rectify("import", str(FIXTURES / "damaged.txt"), "--curation", str(curation), "-o", str(tmp_path / "out"))
    assert (result.exit_code, result.stderr) == (2, f"rectify: {curation}:{position}: {message}\n")
    assert not (tmp_path / "out").exists()


def test_a_curation_saved_as_gb18030_is_refused_with_its_line(tmp_path):
    curation = tmp_path / "curation.yaml"
    curation.write_bytes("units:\n  - name: 自治区水利厅\n".encode("gb18030"))
    result = _rectify("import", str(FIXTURES / "damaged.txt"), "--curation", str(curation), RECTIFY_LANG="en")
    assert (result.exit_code, result.stderr) == (2, f"rectify: {curation}:2:11: not valid UTF-8: byte 0xd7 "
                                                    "(it looks like GB18030/GBK: save it as UTF-8)\n")


def test_curation_errors_found_while_importing_name_the_line_of_the_decision(tmp_path):
    cur = _curation(tmp_path, 'journal:\n  "1.1": report\n  "9.9": done\n')
    with pytest.raises(ReportFormatError) as e:
        _import(FIXTURES / "damaged.txt", cur, filename="damaged.txt")
    assert str(e.value) == f"{tmp_path / 'curation.yaml'}:5:3: journal: 9.9: no such measure in damaged.txt"


def test_an_import_the_loader_would_refuse_is_refused_with_its_messages_and_writes_nothing(tmp_path):
    """A setting the registry's loader refuses (`rectify validate` said so only after the import
    had written it, exit 0) is refused by the import, at the curation's line, and nothing is written."""
    curation = tmp_path / "curation.yaml"
    curation.write_text("registry:\n  settings:\n    warn_days: abc\n    timezone: CST+8\n", encoding="utf-8")
    result = _rectify("import", str(FIXTURES / "damaged.txt"), "--curation", str(curation), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == (f"rectify: {curation}:3:5: registry.settings.warn_days: expected a whole number ≥ 0, got 'abc'\n"
                             f"rectify: {curation}:4:5: registry.settings.timezone: unknown time zone 'CST+8' (an IANA name, e.g. Asia/Shanghai)\n")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- a deadline that can't be read is not dropped


def test_a_deadline_that_cannot_be_read_beside_one_that_can_is_refused_not_dropped():
    # (the measure kept its first step and lost the second, silently)
    block = PROBLEM_ONE.replace("（2018年6月30日）。", "（2018年6月30日），2020年完成验收（2020.6.30）。")
    line = HEADLINE.count("\n") + 7
    with pytest.raises(ReportFormatError) as e:
        mini(block)
    assert str(e.value) == f"mini.txt:{line}: measure 1.1: cannot read the deadline （2020.6.30） (expected a date such as " \
                           "2018年6月30日, 长期坚持 or 立即启动, or steps such as 2018年6月30日前完成关停 or 关停于2018年6月30日前完成, " \
                           "separated by ，; repair it under text_fixes: in the curation)"


def test_a_date_wrapped_inside_its_number_is_read_whole(tmp_path):
    """A PDF line wrap inside the day (（2020 年 12 月 3⏎1 日）) left 18.4 without its 2020 step."""
    text = SOURCE.read_text(encoding="utf-8")
    wrapped = text.replace("有序退出（2020 年 12 月 31 日）", "有序退出（2020 年 12 月 3\n1 日）")
    assert wrapped != text
    m = _measure(import_report(wrapped, filename="r.txt"), "18.4")
    assert _milestones(m) == [("date", "2018-12-31", None), ("ongoing", None, None), ("date", "2020-12-31", None)]
    assert m["text"].endswith("对涉自然保护区的矿业权实行有序退出（2020年12月31日）。")


def test_a_year_end_deadline():
    block = PROBLEM_ONE.replace("（2018年6月30日）", "（2018年6月30日）；完成验收（2019年底前完成）")
    assert _milestones(mini(block).measures[0]) == [("date", "2018-06-30", None), ("date", "2019-12-31", None)]


def test_a_headline_written_with_jiezhi_gives_the_report_date_and_claims():
    """截止 is as common as 截至: the date was taken from a later paragraph, the claims lost."""
    text = HEADLINE.replace("截至2019年3月", "截止2019年3月") + "截至2018年12月，召开会议3次。\n\n" + PROBLEM_ONE
    result = import_report(text, filename="mini.txt")
    assert result.registry["report_date"] == "2019-03-31"
    assert result.registry["claims"] == [{"key": "tasks_total", "text": "全区1项整改任务", "value": 1}]


@pytest.mark.parametrize("run", ["1" * 200000, "一" * 200000, "1 " * 100000], ids=["digits", "numerals", "spaced-digits"])
def test_a_headline_holding_a_long_run_of_digits_or_numerals_is_read_in_a_moment(run):
    """(a count pattern tried from every digit of the run: 60,000 digits took a minute, 1 1 1… as long;
    200,000 took minutes, now a fifth of a second. The bound, of CPU time, is a hang guard, no speed target.)"""
    from guards import hang_guard

    text = HEADLINE.replace("全区1项", f"全区{run}，1项") + PROBLEM_ONE
    with hang_guard():
        result = import_report(text, filename="mini.txt")
    assert result.registry["claims"] == [{"key": "tasks_total", "text": "1项整改任务", "value": 1}]

# ---------------------------------------------------------------- page numbers and running headers


@pytest.mark.parametrize("page", ["— 3 —", "- 3 -", "－3－", "——12——", "\n3\n", "第3页", "第 3 页", "第3页 共20页", "第3页/共20页",
                                  "共20页 第3页", "3/20", "3 / 20", "- 3 / 20 -"])
def test_a_page_number_at_a_page_break_is_not_pasted_into_the_text(page):
    # (travelled into the ledger as 旅游发展等—32—部门)
    plain = mini(PROBLEM_ONE)
    block = PROBLEM_ONE.replace("生态环境厅制定方案", f"生态环境厅制定\n{page}\n方案").replace("整改进展：已制定。", f"整改进展：已\n\n{page}\n\n制定。")
    result = mini(block)
    assert result.measures[0]["text"] == "自治区生态环境厅制定方案（2018年6月30日）。"
    assert result.journal[0]["note"] == "已制定。"
    assert (result.tasks_yaml, result.progress_yaml) == (plain.tasks_yaml, plain.progress_yaml)


def test_a_number_inside_a_sentence_is_kept():
    block = PROBLEM_ONE.replace("整改进展：已制定。", "整改进展：已制定方案\n3\n项。")
    assert mini(block).journal[0]["note"] == "已制定方案3项。"


def test_a_running_page_header_beside_a_page_number_is_dropped_and_warned_of():
    block = PROBLEM_ONE.replace("整改进展：已制定。", "整改进展：已\n\n— 3 —\n\n某自治区整改情况的报告\n\n制定。")
    line = (HEADLINE + PROBLEM_ONE).split("\n").index("整改进展：已制定。") + 5
    result = mini(block)
    assert result.journal[0]["note"] == "已制定。"
    assert f"mini.txt, line {line}: dropped a repeated page header '某自治区整改情况的报告' (as on line 1)" in _warnings(result)


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_reports_title_repeated_on_a_line_of_its_own_with_no_page_number_is_dropped_and_warned_of(gap):
    # (a PDF with no page numbers, its title at the top of each page: pasted into the note as 已某自治区整改情况的报告制定。)
    block = PROBLEM_ONE.replace("整改进展：已制定。", f"整改进展：已{gap}某自治区整改情况的报告{gap}制定。")
    line = (HEADLINE + block).split("\n").index("某自治区整改情况的报告", 1) + 1
    result = mini(block)
    assert result.journal[0]["note"] == "已制定。"
    assert f"mini.txt, line {line}: dropped a repeated page header '某自治区整改情况的报告' (as on line 1)" in _warnings(result)


def test_a_running_header_beside_page_numbers_in_a_text_without_blank_lines_is_dropped_at_its_first_page_too():
    # (its first time, beside a page number, it was text: the 二、 after it run on into it, and the import refused
    # "unexpected 整改时限： in problem 1")
    block = ("一、问题一。说明。\n整改时限：2018年6月30日前完成。\n整改进度：全面完成。\n1.自治区生态环境厅制定方案（2018年6月30日）。\n"
             "整改进展：已制定。\n— 3 —\n某区督察整改\n"
             "二、问题二。说明。\n整改时限：2018年6月30日前完成。\n整改进度：全面完成。\n1.自治区生态环境厅制定方案（2018年6月30日）。\n"
             "整改进展：已\n— 4 —\n某区督察整改\n制定。\n")
    lines = (HEADLINE + block).split("\n")
    headers = [n for n, line in enumerate(lines, 1) if line == "某区督察整改"]
    result = mini(block)
    assert [t["title"] for t in result.tasks] == ["问题一", "问题二"]
    assert [e["note"] for e in result.journal] == ["已制定。", "已制定。"]
    assert len(headers) == 2 and f"mini.txt, lines {headers[0]}, {headers[1]}: dropped the page header '某区督察整改' repeated at page breaks" \
        in _warnings(result)


@pytest.mark.parametrize("lang, said", [
    ("en", "wrote {tasks} and {journal}\nrectify: warning: {report}, line {line}: dropped a repeated page header '{title}' (as on line 3)\n"),
    (None, "已写入 {tasks} 和 {journal}\nrectify: 警告：{report} 第 {line} 行：去掉了重复的页眉“{title}”（同第 3 行）\n"),
])
def test_a_running_page_header_in_one_block_with_the_text_after_it_is_dropped(tmp_path, lang, said):
    """A page number, then the report's title, then the note going on with no blank line: the title was pasted into the note."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    title = lines[2]  # (line 3: 西藏自治区落实中央环境保护督察 反馈意见整改情况的报告)
    note = next(n for n, line in enumerate(lines) if line.startswith("整改进展：加快推动自然保护区调整与合并工作"))
    cut = lines[note].index("羌塘") + 1
    lines[note : note + 1] = [lines[note][:cut], "— 31 —", title, lines[note][cut:]]
    report, out = tmp_path / "report.txt", tmp_path / "ledger"
    report.write_text("\n".join(lines), encoding="utf-8")
    _schema_beside(out)
    result = _rectify("import", str(report), "--curation", str(CURATION), "-o", str(out), lang=lang)
    assert result.exit_code == 0
    assert result.stderr == said.format(tasks=out / "tasks.yaml", journal=out / "progress.yaml", line=note + 3, report=report,
                                        title="西藏自治区落实中央环境保护督察反馈意见整改情况的报告")
    assert [(out / f).read_bytes() for f in ("tasks.yaml", "progress.yaml")] == [(DATA / f).read_bytes() for f in ("tasks.yaml", "progress.yaml")]


@pytest.mark.parametrize("page", ["— 18 —", "第18页"])
def test_a_sentence_end_repeated_beside_a_page_number_is_kept_as_text_not_dropped_as_a_header(tmp_path, page):
    """Measure 25.1's deadline is cut by a page join, （2018年6月30日，长期 | 坚持)。, a paragraph that repeats 8 earlier ones:
    with a page number after it, it was dropped as a running header and the import refused (no deadline in parentheses)."""
    text = SOURCE.read_text(encoding="utf-8")
    cut = "（2018年6月30日，长期\n\n坚持)。\n"
    assert text.count(cut) == 1 and text.count("\n坚持)。\n") > 1
    report, out = tmp_path / "report.txt", tmp_path / "ledger"
    report.write_text(text.replace(cut, f"{cut}\n{page}\n"), encoding="utf-8")
    _schema_beside(out)
    result = _rectify("import", str(report), "--curation", str(CURATION), "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, f"wrote {out / 'tasks.yaml'} and {out / 'progress.yaml'}\n")
    assert [(out / f).read_bytes() for f in ("tasks.yaml", "progress.yaml")] == [(DATA / f).read_bytes() for f in ("tasks.yaml", "progress.yaml")]


# ---------------------------------------------------------------- problems numbered past 100

ONES = "一二三四五六七八九"
CN_TO_120 = [*ONES, *(f"{'' if t == 1 else ONES[t - 1]}十{ONES[o - 1] if o else ''}" for t in range(1, 10) for o in range(10)),
             "一百", *(f"一百零{d}" for d in ONES), "一百一十", *(f"一百一十{d}" for d in ONES), "一百二十"]


def _numbered_problems(numerals: list[str]) -> str:
    return "".join(PROBLEM_ONE.replace("一、问题一", f"{cn}、问题{i}") for i, cn in enumerate(numerals, 1))


def test_problems_numbered_past_100_are_read():
    assert CN_TO_120[98:102] == ["九十九", "一百", "一百零一", "一百零二"] and len(CN_TO_120) == 120
    result = mini(_numbered_problems(CN_TO_120))
    assert [t["id"] for t in result.tasks] == list(range(1, 121))
    assert [t["title"] for t in result.tasks[99:]][:3] == ["问题100", "问题101", "问题102"]
    assert result.tasks[-1]["title"] == "问题120"


def test_a_problem_number_that_cannot_be_read_is_named_in_the_message():
    # (the message named only the next 整改时限: line, as if problem 2 lacked its measures)
    text = _numbered_problems(["一", "二"]).replace("二、问题2", "二二、问题2")
    line = (HEADLINE + text).split("\n").index("二二、问题2。说明。") + 1
    with pytest.raises(ReportFormatError) as e:
        mini(text)
    assert str(e.value) == f"mini.txt:{line + 2}: unexpected 整改时限： in problem 1 (is 二二、 on line {line} meant as problem 2?)"


# ---------------------------------------------------------------- states proposed without a curation


def test_a_measure_without_a_progress_note_is_proposed_in_progress():
    # (nothing in the report says it is done: it was proposed done)
    result = mini(PROBLEM_ONE.replace("整改进展：已制定。\n\n", ""))
    assert (result.journal[0]["state"], result.journal[0]["note"]) == ("in_progress", "（报告未载明整改进展）")


def test_a_measure_due_after_the_report_date_is_proposed_in_progress():
    result = mini(PROBLEM_ONE.replace("（2018年6月30日）", "（2019年12月31日）"))  # (the report is as of 2019-03-31)
    assert {k: v for k, v in result.journal[0].items() if k != "hash"} == {
        "measure": "1.1", "date": "2019-03-31", "state": "in_progress", "note": "已制定。"}


def test_a_measure_whose_first_step_is_due_before_the_report_date_is_proposed_done_up_to_it():
    result = mini(PROBLEM_ONE.replace("（2018年6月30日）", "（2018年6月30日）；全面推行（2020年12月31日）"))
    assert (result.journal[0]["state"], result.journal[0]["milestone"]) == ("done", "2018-06-30")


@pytest.mark.parametrize("note, evidence", [
    ("未完成。", "未完成"), ("主体工程已建成，尚未验收。", "尚未验收"), ("序时推进。", "序时推进"),
    ("已建成管网12公里，部分完成。", "部分完成"),
    # (negated or on-schedule wordings without 未完成 in them: were proposed done, an overdue measure shown closed)
    ("因资金未到位，未按期完成。", "未按期完成"), ("受冬季施工影响，没有完成。", "没有完成"), ("未全面完成。", "未全面完成"),
    ("未能按时完成。", "未能按时完成"), ("达到序时进度。", "达到序时进度"),
])
def test_a_measure_past_due_whose_note_says_it_is_unfinished_is_proposed_in_progress(note, evidence):
    # (other provinces' words for it: 未完成 was proposed done, a measure overdue shown closed)
    result = mini(PROBLEM_ONE.replace("整改进度：全面完成", "整改进度：序时推进").replace("整改进展：已制定。", f"整改进展：{note}"))
    assert (result.journal[0]["state"], result.journal[0].get("evidence")) == ("in_progress", evidence)


def test_heuristic_states_of_the_real_report_not_yet_due(raw):
    # due 2020-12-31, reported 序时推进, no word in the note saying it is unfinished: not done by 2019-03
    assert (_entry(raw, "19.1")["state"], _entry(raw, "45.2")["state"]) == ("in_progress", "in_progress")
    assert (_entry(raw, "18.4")["state"], _entry(raw, "18.4")["milestone"]) == ("done", "2018-12-31")


# ---------------------------------------------------------------- another province's report: its regions


def _report_of(title: str, problem: str, opening: str = "") -> str:
    """A one-problem report titled `title`, whose problem 一 reads `problem`."""
    return (f"{title}\n\n{opening}中央第二生态环境保护督察组于2018年1月3日反馈了督察意见。当地党委、政府高度重视。"
            "截至2019年3月，全区1项整改任务基本完成。\n\n附：整改情况\n\n" + PROBLEM_ONE.replace("问题一。说明。", problem))


def _written(result) -> dict:
    """tasks.yaml as the user gets it."""
    return yaml.safe_load(result.tasks_yaml)


def test_extra_units_adds_a_unit_the_text_never_names_and_the_units_discovered_stay(tmp_path):
    """A report imported without units: (discovered from the text): a unit it never names, added
    under extra_units:, is declared beside the discovered ones, and an entry may name it; one the
    text names as well is declared once, as curated."""
    out = tmp_path / "ledger"
    report = _one_measure_report(tmp_path)
    assert _rectify("import", str(report), "-o", str(out)).exit_code == 0
    record = ("record", "1.1", "--state", "in_progress", "--note", "复查", "--by", "区政府", "-r", str(out / "tasks.yaml"))
    assert _rectify(*record, RECTIFY_TODAY="2019-04-01").exit_code == 2  # (no such unit yet: see test_write_refusals)

    curation = tmp_path / "curation.yaml"
    curation.write_text("extra_units:\n  - {name: 宁夏回族自治区人民政府, kind: other, aliases: [区政府]}\n"
                        "  - {name: 自治区生态环境厅}\n", encoding="utf-8")
    again = _rectify("import", str(report), "--curation", str(curation), "-o", str(out))
    assert again.exit_code == 0, again.output
    plan = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
    assert plan["units"][5:] == [{"name": "宁夏回族自治区人民政府", "kind": "other", "aliases": ["区政府"]},
                                 {"name": "自治区生态环境厅"}]
    assert [u["name"] for u in plan["units"][:5]] == ["银川市", "石嘴山市", "吴忠市", "固原市", "中卫市"]
    assert plan["tasks"][0]["measures"][0]["owners"] == ["自治区生态环境厅"]

    recorded = _rectify(*record, RECTIFY_TODAY="2019-04-01")
    assert recorded.exit_code == 0, recorded.output
    assert (out / "progress.yaml").read_text(encoding="utf-8").split("- measure:")[-1].count("by: 宁夏回族自治区人民政府\n") == 1


def test_extra_units_beside_units_are_declared_and_not_warned_of_as_owning_no_measure(tmp_path):
    """With units: (discovery off) extra_units: adds to them; a unit under units: owning nothing is
    warned of, one added under extra_units: for entries to name is not."""
    curation = tmp_path / "curation.yaml"
    curation.write_text(DAMAGED_UNITS + "  - {name: 自治区某某厅, kind: department}\n"
                        "extra_units:\n  - {name: 自治区人民政府, kind: other}\n", encoding="utf-8")
    result = _import(FIXTURES / "damaged.txt", load_curation(curation), filename="damaged.txt")
    assert [u["name"] for u in result.units if u.get("kind") != "region"] == [
        "自治区生态环境厅", "自治区水利厅", "自治区某某厅", "自治区人民政府", "自治区相关部门"]
    assert [w for w in _warnings(result) if "owning no measure" in w] == ["declared units owning no measure: 自治区某某厅"]


def test_a_report_of_another_province_offers_its_own_regions_not_tibets():
    # (Tibet's seven were offered to every report: 贺兰山南麓 read as 山南市, 银川市 missed)
    problem = "贺兰山南麓生态破坏问题突出。银川市、石嘴山市部分企业违规排污，吴忠有关园区整改滞后。"
    written = _written(import_report(_report_of("宁夏回族自治区贯彻落实中央生态环境保护督察反馈意见整改情况报告", problem),
                                     filename="nx.txt"))
    assert written["tasks"][0]["regions"] == ["银川市", "石嘴山市", "吴忠市"]
    assert [u["name"] for u in written["units"] if u.get("kind") == "region"] == ["银川市", "石嘴山市", "吴忠市", "固原市", "中卫市"]


@pytest.mark.parametrize("title, problem, regions", [
    ("四川省整改情况报告", "大凉山区生态脆弱，阿坝州、甘孜藏族自治州草原退化，凉山州部分县滞后。", ["阿坝藏族羌族自治州", "甘孜藏族自治州", "凉山彝族自治州"]),
    ("四川省整改情况报告", "大凉山区生态脆弱。", []),  # (大凉山 is no 凉山州)
    ("西藏自治区整改情况报告", "贺兰山南麓、拉萨、那曲地区问题突出，对日喀则督促不够。", ["拉萨市", "日喀则市", "那曲市"]),
    ("青海省整改情况报告", "海南州、海西州草原退化，与海南省交界处问题突出。", ["海南藏族自治州", "海西蒙古族藏族自治州"]),
    ("内蒙古自治区整改情况报告", "大兴安岭林区、兴安盟、锡林郭勒草原退化。", ["兴安盟", "锡林郭勒盟"]),
    ("宁夏整改情况报告", "中卫市沙坡头景区违规建设。", ["中卫市"]),  # (a title may name the province without its suffix)
    ("重庆市整改情况报告", "渝北区、万州区污水直排，江北问题突出。", ["万州区", "渝北区"]),  # (a district in full only)
])
def test_a_region_is_read_as_a_whole_name_never_inside_a_longer_place_name(title, problem, regions):
    assert _written(import_report(_report_of(title, problem), filename="r.txt"))["tasks"][0]["regions"] == regions


def test_the_province_is_read_from_the_opening_when_the_title_does_not_name_it():
    text = _report_of("关于中央第五生态环境保护督察组督察反馈意见整改落实情况的报告", "成都市、乐山市大气污染问题突出。",
                      opening="2017年8月，督察组对四川省开展了环境保护督察。")
    assert _written(import_report(text, filename="sc.txt"))["tasks"][0]["regions"] == ["成都市", "乐山市"]


def test_a_report_naming_no_province_gets_no_regions_and_says_so():
    result = import_report(_report_of("某自治区整改情况的报告", "拉萨市、那曲市问题突出。"), filename="r.txt")
    assert _written(result)["tasks"][0]["regions"] == []
    assert not any(u.get("kind") == "region" for u in _written(result)["units"])
    assert ("no province (省, 自治区 or 直辖市) named in the report's title or opening: no regions read from the problems "
            "(give the title under registry: in the curation)") in _warnings(result)


def test_a_region_a_curation_does_not_declare_is_declared_as_a_region_and_said_so(tmp_path):
    # (the loader refused the import: "unknown region '银川市'; expected one of 拉萨市, …")
    curation = tmp_path / "curation.yaml"
    curation.write_text("units:\n  - {name: 自治区生态环境厅, kind: department}\n  - {name: 吴忠市, kind: region}\n", encoding="utf-8")
    text = _report_of("宁夏回族自治区整改情况报告", "银川市、吴忠市部分企业违规排污。")
    result = import_report(text, filename="nx.txt", curation=load_curation(curation))
    written = _written(result)
    assert written["tasks"][0]["regions"] == ["银川市", "吴忠市"]
    assert written["units"][-1] == {"name": "银川市", "kind": "region", "aliases": ["银川市政府", "银川市人民政府"]}
    assert "regions named in the problems or measures but not declared under units: in the curation, declared as regions: 银川市" in _warnings(result)


def test_every_region_of_the_province_is_declared_when_a_curated_unit_stands_for_them_all(tmp_path):
    # (a curation declaring 各设区市 but not the prefectures got only those the text named: 宜春市's office was
    # refused by --region and --by 宜春市, and the summary's urging list left it out, though 各设区市's measures are its)
    curation = tmp_path / "curation.yaml"
    curation.write_text("units:\n  - {name: 省生态环境厅, kind: department}\n  - {name: 各设区市, kind: all_regions}\n",
                        encoding="utf-8")
    text = _report_of("江西省整改情况报告", "南昌市部分园区污水直排。").replace("1.自治区生态环境厅制定方案", "1.各设区市人民政府制定方案")
    result = import_report(text, filename="jx.txt", curation=load_curation(curation))
    written = _written(result)
    assert written["tasks"][0]["measures"][0]["owners"] == ["各设区市"]
    jiangxi = ["南昌市", "景德镇市", "萍乡市", "九江市", "新余市", "鹰潭市", "赣州市", "吉安市", "宜春市", "抚州市", "上饶市"]
    assert [u["name"] for u in written["units"] if u.get("kind") == "region"] == jiangxi
    assert ("regions named in the problems or measures but not declared under units: in the curation, declared as regions: "
            + "、".join(jiangxi)) in _warnings(result)


# ---------------------------------------------------------------- a text without blank lines between its items


def test_measures_on_lines_of_their_own_without_blank_lines_between_are_read_apart():
    # (pdftotext leaves no blank line between paragraphs: the measures merged into the first one's text)
    block = ("一、问题一。说明。\n整改时限：2018年6月30日前完成。\n整改进度：全面完成。\n"
             "1.自治区生态环境厅制定方案，处理能力提高到\n2.5万吨（2018年6月30日）。\n整改进展：已制定，完成第\n2.期工程。\n"
             "2.自治区水利厅开展检查（2018年12月31日）\n3.自治区林业和草原局开展巡查（长期坚持）。\n整改进展：已巡查。\n")
    written = _written(mini(block))
    assert [(m["id"], m["text"]) for m in written["tasks"][0]["measures"]] == [
        (1, "自治区生态环境厅制定方案，处理能力提高到2.5万吨（2018年6月30日）。"),
        (2, "自治区水利厅开展检查（2018年12月31日）"),
        (3, "自治区林业和草原局开展巡查（长期坚持）。")]
    journal = yaml.safe_load(mini(block).progress_yaml)
    assert [e["note"] for e in journal] == ["已制定，完成第2.期工程。", "（报告未载明整改进展）", "已巡查。"]


def test_a_report_with_no_blank_line_at_all_imports():
    # (one paragraph in all: "no appendix of numbered problems found")
    text = ("宁夏回族自治区贯彻落实中央第二生态环境保护督察组\n督察反馈意见整改情况报告\n"
            "中央第二环境保护督察组于2017年12月27日反馈了督察意见。宁夏回族自治区党委、政府高度重视。截至2019年6月，\n"
            "1项整改任务已完成1项。\n附：整改情况\n一、问题一。银川市部分企业违规\n排污。\n整改时限：2018年12月31日前完成。\n整改进度：全面完成。\n"
            "1.自治区生态环境厅开展整治（2018年12月31日）\n整改进展：已完成整治\n第3页 共20页\n2.银川市关停违规企业（2018年6月30日）。\n"
            "整改进展：已关停。\n")
    result = import_report(text, filename="nx.txt")
    written = _written(result)
    assert written["tasks"][0]["problem"] == "问题一。银川市部分企业违规排污。"
    assert written["tasks"][0]["regions"] == ["银川市"]
    assert [m["text"] for m in written["tasks"][0]["measures"]] == ["自治区生态环境厅开展整治（2018年12月31日）", "银川市关停违规企业（2018年6月30日）。"]
    assert [e["note"] for e in yaml.safe_load(result.progress_yaml)] == ["已完成整治", "已关停。"]
    assert [c["key"] for c in written["registry"]["claims"]] == ["tasks_total", "tasks_done"]


def test_an_appendix_titled_under_its_heading_reads_without_blank_lines():
    # (the Tibet report as pdftotext gives it: 附： then the appendix's title on a line of its own ran
    # 一、 on into the title, and the import refused the report, naming a （一） of its body)
    text = ("宁夏回族自治区整改情况报告\n中央第二环境保护督察组于2017年12月27日反馈了督察意见。宁夏回族自治区党委、政府高度重视。"
            "截至2019年6月，1项整改任务已完成1项。\n（一）强化组织领导。成立领导小组。\n附：整改情况\n宁夏回族自治区贯彻落实中央环境保护督察"
            "\n反馈意见问题整改情况\n一、问题一。银川市部分企业违规排污。\n整改时限：2018年12月31日前完成。\n整改进度：全面完成。\n"
            "1.银川市关停违规企业（2018年6月30日）。\n整改进展：已关停。\n")
    written = _written(import_report(text, filename="nx.txt"))
    assert [(t["problem"], [m["text"] for m in t["measures"]]) for t in written["tasks"]] == [
        ("问题一。银川市部分企业违规排污。", ["银川市关停违规企业（2018年6月30日）。"])]

@pytest.mark.parametrize("sentence, issuer", [
    ("甘肃省委、省政府高度重视。", "甘肃省委、省政府"),
    ("四川省委省政府坚决扛起生态文明建设政治责任。", "四川省委省政府"),
    ("自治区党委和政府始终把督察整改作为重大政治任务。", "自治区党委和政府"),
    ("西藏自治区党委、政府高度重视。", "西藏自治区党委、政府"),
])
def test_the_issuer_is_read_in_other_reports_words(sentence, issuer):
    # (only "…党委、政府高度重视" was read: a report saying 省委、省政府 was refused, "cannot find
    # the report's issuer", unless a curation gave it)
    text = _report_of("甘肃省整改情况报告", "问题一。说明。").replace("当地党委、政府高度重视。", sentence)
    assert _written(import_report(text, filename="gs.txt"))["registry"]["issuer"] == issuer


def test_a_provinces_own_departments_are_found_and_named_by_its_level():
    # (only 自治区… units were discovered: a province's 省生态环境厅 was not, and a measure that
    # names none was given 自治区相关部门, Tibet's word, in a Gansu plan)
    problem = ("一、问题一。说明。\n\n整改时限：2018年6月30日前完成。\n\n整改进度：全面完成。\n\n"
               "1.省生态环境厅牵头，会同省住房城乡建设厅制定方案（2018年6月30日）。\n\n整改进展：已制定。\n\n"
               "2.完善长效机制（长期坚持）。\n\n整改进展：已建立。\n\n")
    text = _report_of("甘肃省整改情况报告", "问题一。说明。").replace(PROBLEM_ONE, problem)
    result = import_report(text, filename="gs.txt")
    written = _written(result)
    first, second = written["tasks"][0]["measures"]
    assert (first["owners"], first["lead"]) == (["省生态环境厅", "省住房城乡建设厅"], "省生态环境厅")
    assert second["owners"] == ["省相关部门"]
    kinds = {u["name"]: u.get("kind") for u in written["units"]}
    assert [kinds[name] for name in ("省生态环境厅", "省住房城乡建设厅", "省相关部门")] == ["department"] * 3
    line = text.split("\n").index("2.完善长效机制（长期坚持）。") + 1
    assert f"gs.txt, line {line}: measure 1.2: no responsible unit found; using 省相关部门" in _warnings(result)


# ---------------------------------------------------------------- said in Chinese by default, in English with --lang en
# (a report whose warnings are of places of most kinds: a measure's text, its note, a unit line, a problem's deadline and
# progress, the opening's totals; each line of its text that a warning names is listed in PLACED)
PLACES = (
    "青海省贯彻落实中央环境保护督察反馈意见整改情况报告\n\n"
    "中央第七环境保护督察组于2017年12月24日反馈了督察意见。青海省委、省政府高度重视。截至2019年3月底，全省5项整改任务、12项具体措施基本完成。\n\n"
    "一、湟水河流域污染治理滞后。\n\n整改时限：2009年6月底前完成。\n\n整改进度：全面完成。\n\n"
    "1.西宁市完成第一污水处理厂提标改造（2109年6月30日）。\n\n整改进展：正在进行设备调试。\n\n"
    "2.西宁市统一规范程序 and 标准（2019年6月30日）。\n\n整改进展：已完成设备调试。\n\n又完成了验收。\n\n"
    "3.完成污水管网建设（2019年6月30日）。\n\n责任单位：有关企业\n\n整改进展：已制定方案。\n\n"
    "二、祁连山自然保护区内违规开发问题突出。\n\n整改时限：2018年12月31日前完成。\n\n整改进度：基本完成。\n\n"
    "1.完成矿山整治（2018年12月31日）。\n\n配合单位：西宁市、海东市\n\n整改进展：已完成整治。\n\n"
    "2.完成生态修复（2018年12月31日）。\n\n整改进展：省生态环境厅已完成修复。\n\n"
    "3.完成巡查（长期坚持）。\n\n已开展巡查。\n")
PLACED = ["2.西宁市统一规范程序 and 标准（2019年6月30日）。", "又完成了验收。", "责任单位：有关企业", "3.完成污水管网建设（2019年6月30日）。",
          "配合单位：西宁市、海东市", "2.完成生态修复（2018年12月31日）。", "3.完成巡查（长期坚持）。", "3.完成巡查（长期坚持）。",
          "整改时限：2009年6月底前完成。", "1.西宁市完成第一污水处理厂提标改造（2109年6月30日）。", "整改进度：全面完成。", "整改进度：全面完成。",
          "整改进度：基本完成。", PLACES.split("\n")[2], PLACES.split("\n")[2]]
PLACED.sort(key=PLACES.split("\n").index)  # (said in the order of the report's lines, as a compiler's warnings)


@pytest.mark.parametrize("lang, warning, place, subject", [
    (None, "rectify: 警告：", r"{file} 第 (\d+)(?:、\d+)* 行：", r"(?:措施 \d+\.\d+|问题 \d+)：|报告称“"),
    ("en", "rectify: warning: ", r"{file}, lines? (\d+)(?:, \d+)*: ", r"(?:measure \d+\.\d+|problem \d+): |the report says "),
], ids=["zh", "en"])
def test_every_warning_at_a_place_in_the_report_begins_with_the_file_and_the_line(tmp_path, lang, warning, place, subject):
    """As a compiler's or a linter's message does, for an editor or a reader to go there: 措施 1.3（第 21 行）：… named no
    file, 措施 1.2：第 19 行的… its line in the middle, and the totals no line at all."""
    report = tmp_path / "report.txt"
    report.write_text(PLACES, encoding="utf-8")
    result = _rectify("import", str(report), "-o", str(tmp_path / "out"), lang=lang)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith(warning)]
    at_a_line = [line for line in warnings if re.search(r"第 \d+ 行|\bline \d+", line)]
    assert [line for line in warnings if line not in at_a_line] == [warning + (
        "没有校订文件：单位从报告文字中识别，责任单位和状态由程序推测" if lang is None
        else "no curation: units discovered from the text, owners and states proposed heuristically")]
    begins = re.compile(re.escape(warning) + place.format(file=re.escape(str(report))) + f"(?:{subject})")
    assert [line for line in at_a_line if not begins.match(line)] == []
    assert [PLACES.split("\n")[int(begins.match(line).group(1)) - 1] for line in at_a_line] == PLACED




def test_the_import_says_what_it_wrote_and_its_warnings_in_chinese_by_default(tmp_path):
    cut = tmp_path / "cut.txt"
    cut.write_text("".join(SOURCE.read_text(encoding="utf-8").splitlines(keepends=True)[:700]), encoding="utf-8")
    zh, en = tmp_path / "zh", tmp_path / "en"
    said = {lang: _rectify("import", str(cut), "-o", str(out), lang=lang).stderr.splitlines() for lang, out in ((None, zh), ("en", en))}
    assert said[None][0] == f"已写入 {zh / 'tasks.yaml'} 和 {zh / 'progress.yaml'}"
    assert said[None][1] == "rectify: 警告：没有校订文件：单位从报告文字中识别，责任单位和状态由程序推测"
    assert said[None][2:4] == [f"rectify: 警告：{cut} 第 5 行：报告称“全区45项整改任务”，但其附件中为 22 项：报告文字是否完整？",
                               f"rectify: 警告：{cut} 第 5 行：报告称“179项具体措施”，但其附件中为 92 项：报告文字是否完整？"]
    assert said["en"][0] == f"wrote {en / 'tasks.yaml'} and {en / 'progress.yaml'}"
    assert said["en"][1] == "rectify: warning: no curation: units discovered from the text, owners and states proposed heuristically"
    assert len(said[None]) == len(said["en"])
    flagged = _rectify("import", str(SOURCE), "--lang", "en", lang=None).stderr.splitlines()
    assert (f"rectify: warning: {SOURCE}, line 1069: measure 39.1: Latin word 'and' inside Chinese text (a PDF artefact? "
            "fix it under text_fixes:)") in flagged
    flagged = _rectify("import", str(SOURCE), lang=None).stderr.splitlines()
    assert f"rectify: 警告：{SOURCE} 第 1069 行：措施 39.1：措施文字的中文里有拉丁字母单词“and”（PDF 转换所致？请在 text_fixes: 下改正）" in flagged


def test_a_kept_journal_is_said_in_chinese_by_default(tmp_path):
    out = tmp_path / "ledger"
    assert _import_ledger(out).exit_code == 0
    again = _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(out), lang=None)
    assert again.stderr == f"已写入 {out / 'tasks.yaml'}；保留 {out / 'progress.yaml'}（它以本次导入的记录开头）\n"


def test_a_journal_edited_by_hand_is_refused_in_chinese_by_default(tmp_path):
    out = tmp_path / "ledger"
    assert _import_ledger(out).exit_code == 0
    (out / "progress.yaml").write_text("- measure: \"1.1\"\n", encoding="utf-8")
    result = _rectify("import", str(SOURCE), "--curation", str(CURATION), "-o", str(out), lang=None)
    assert (result.exit_code, result.stderr) == (2, (
        f"rectify: {out / 'progress.yaml'}:1: 进展记录应以本次导入写入的 179 条记录开头，但这一行不同（手工改过，或是另一份报告、"
        "另一个校订文件的进展记录）；进展记录只能追加，不能替换：要重新导入，请先把它移走。未写入任何内容。\n"))


@pytest.mark.parametrize(
    "body, position, message",
    [
        ("registry:\n  feedback_date: 2019-13-01\n", "2:3", "registry.feedback_date：“2019-13-01”不是实际存在的日期（月份应在 1 到 12 之间）"),
        ("registry:\n  report_date: 2020年6月30日\n", "2:3", "registry.report_date：应为 YYYY-MM-DD 格式的日期，实为“2020年6月30日”（是否指 2020-06-30？）"),
        (DAMAGED_UNITS + 'owners:\n  "2.2": {owners: 自治区水利厅}\n', "5:3", "owners: 2.2: owners 应为列表，如 [自治区水利厅]"),
        ("units:\n  - {name: 自治区水利厅, aliases: 水利厅}\n", "2:5", "单位“自治区水利厅”的 aliases 应为列表，如 [水利厅]"),
        ("registry:\n  report_day: 2019-03-31\n", "2:3",
         "registry：未知的键“report_day”（应为 title、issuer、inspection、feedback_date、report_date、source、settings、claims 之一）"),
        ("registry:\n  report_date: 2017-12-31\n", "2:3", "报告日期 2017-12-31 早于督察反馈日期 2018-01-03"),
        ('journal:\n  "2.1": done\n  2.10: in_progress\n', "3:3", 'journal：键 2.10 被 YAML 读作数字 2.1，而不是文字：请加引号："2.10"'),
        ("units:\n  - {name: 自治区水利厅}\n  - {name: 水利厅, aliases: [自治区水利厅]}\n", "3:27",  # (the alias declared again, as the registry points at it)
         "单位名称或别名“自治区水利厅”重复声明（首次在第 2 行）"),  # (as the registry's loader says it)
        ('journal:\n  "1.1": finished\n', "2:3", "journal: 1.1：state 应为 done、in_progress、report 之一"),
        # (extra_units: items as units: ones, a name declared in either section once)
        ("units:\n  - {name: 自治区水利厅}\nextra_units:\n  - {name: 自治区水利厅}\n", "4:12",
         "单位名称或别名“自治区水利厅”重复声明（首次在第 2 行）"),
        ("extra_units:\n  - {name: 自治区人民政府}\n  - {name: 区政府, aliases: [自治区人民政府]}\n", "3:27",
         "单位名称或别名“自治区人民政府”重复声明（首次在第 2 行）"),
        ("extra_units:\n  - {name: 自治区人民政府}\n  - {kind: other}\n", "3:5", "extra_units[1]：每个单位都要写明名称（name）"),
        ("extra_units:\n  - {name: 自治区人民政府, alias: [区政府]}\n", "2:5",
         "单位“自治区人民政府”：未知的字段 alias（可用字段：name、kind、aliases）"),
        ("extra_units:\n  - {name: 自治区人民政府, kind: government}\n", "2:5",
         "单位“自治区人民政府”：kind 应为 region、subregion、department、all_regions、other 之一"),
        ("surprise: 1\n", "1:1", "未知的部分“surprise”（应为 extra_units、journal、owners、phrases、registry、text_fixes、units、version 之一）"),
        (DAMAGED_UNITS + 'journal:\n  "2.1": {state: done, evidence: 没有这句话}\n', "5:3", "journal: 2.1：佐证“没有这句话”不是整改进展中的原话"),
        ('journal:\n  "9.9": done\n', "2:3", f"journal: 9.9：{FIXTURES / 'damaged.txt'} 中没有这项措施"),
        ("version: 2\n", "1:1", "version 为 2：本导入程序只读取第 1 版的校订文件"),
        ("version: [1]\n", "1:1", "version 为 列表：本导入程序只读取第 1 版的校订文件"),
    ],
)
def test_a_curation_mistake_is_said_in_chinese_by_default(tmp_path, body, position, message):
    """Each names its line and column (a unit declared twice was `curation.yaml:3:`, no column)."""
    curation = tmp_path / "curation.yaml"
    curation.write_text(body, encoding="utf-8")
    result = _rectify("import", str(FIXTURES / "damaged.txt"), "--curation", str(curation), "-o", str(tmp_path / "out"), lang=None)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {curation}:{position}: {message}\n")
    assert not (tmp_path / "out").exists()


SECTIONS = "extra_units、journal、owners、phrases、registry、text_fixes、units、version"
NOT_CURATION_ZH = f"不是校订文件：{{}}；校订文件是由 {SECTIONS} 这几部分（均可省略）组成的映射，见 README 的“校订文件 / The curation file”一节"
NOT_CURATION_EN = ("not a curation file: {}; a curation file is a mapping of the sections "
                   "extra_units, journal, owners, phrases, registry, text_fixes, units, version (each optional), see README, The curation file")


@pytest.mark.parametrize("given, line, zh, en", [
    (DATA / "tasks.yaml", "195:1", "这是整改方案（有 tasks 部分）", "it is a plan (it has tasks)"),
    (DATA / "progress.yaml", "3:1", "这是进展记录（记录的列表）", "it is a journal (a list of entries)"),
    ("- 1\n- 2\n", "1:1", "其内容不是“键: 值”的映射", "it is not a mapping of 'key: value'"),
    ("# a comment\n整改任务\n", None, "其内容不是“键: 值”的映射", "it is not a mapping of 'key: value'"),  # (text: no line)
])
@pytest.mark.parametrize("lang", [None, "en"])
def test_a_file_that_is_not_a_curation_file_is_named_so(tmp_path, given, line, zh, en, lang):
    """`import --curation data/tasks.yaml` said "unknown section 'tasks'", as if a curation file
    had a section misspelt; a journal, "curation file must be a mapping"."""
    if isinstance(given, str):
        (tmp_path / "given.yaml").write_text(given, encoding="utf-8")
        given = tmp_path / "given.yaml"
    result = _rectify("import", str(FIXTURES / "damaged.txt"), "--curation", str(given), "-o", str(tmp_path / "out"), lang=lang)
    said = NOT_CURATION_EN.format(en) if lang else NOT_CURATION_ZH.format(zh)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {given}{f':{line}' if line else ''}: {said}\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("body", ["", "# 校订文件：待填写\n\n"])
@pytest.mark.parametrize("lang, said", [
    (None, f"空文件：校订文件应为由 {SECTIONS} 这几部分（均可省略）组成的映射；不用校订文件导入请去掉 --curation"),
    ("en", "empty file: expected a curation, a mapping of the sections extra_units, journal, owners, phrases, registry, text_fixes, "
           "units, version (each optional); to import without one, leave out --curation"),
])
def test_an_empty_curation_file_is_refused_and_nothing_is_written(tmp_path, body, lang, said):
    """An empty curation (a file truncated, or a template not yet filled) was taken as no curation,
    the plan rewritten without the decisions it was meant to hold; an empty registry is refused."""
    curation = tmp_path / "curation.yaml"
    curation.write_text(body, encoding="utf-8")
    result = _rectify("import", str(FIXTURES / "damaged.txt"), "--curation", str(curation), "-o", str(tmp_path / "out"), lang=lang)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {curation}:1:1: {said}\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("lang, message", [
    (None, "没有找到附件中编号的问题（一、…）及其整改时限、整改进展"),
    ("en", "no appendix of numbered problems (一、…) with 整改时限/整改进展 found"),
])
def test_a_text_without_an_appendix_is_refused_in_the_chosen_language(lang, message):
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    refused = CliRunner().invoke(app, ["import", "-"], input="不是报告\n", env={"RECTIFY_LANG": lang})
    assert (refused.exit_code, refused.stderr) == (2, f"rectify: <stdin>: {message}\n")


@posix_only
def test_import_refuses_a_device_in_chinese_by_default():
    result = subprocess.run([sys.executable, "-m", "rectify_cli", "import", "/dev/zero"], stdin=subprocess.DEVNULL, capture_output=True,
                            timeout=60, env={k: v for k, v in os.environ.items() if k != "RECTIFY_LANG"})
    assert (result.returncode, result.stderr.decode()) == (2, "rectify: /dev/zero: 是设备，不是文件或管道；应为报告文字\n")


def test_an_unreadable_deadline_is_said_in_chinese_by_default(tmp_path):
    block = PROBLEM_ONE.replace("（2018年6月30日）。", "（2018年6月30日），2020年完成验收（2020.6.30）。")
    report = tmp_path / "mini.txt"
    report.write_text(HEADLINE + block, encoding="utf-8")
    line = HEADLINE.count("\n") + 7
    result = _rectify("import", str(report), lang=None)
    assert (result.exit_code, result.stderr) == (2, f"rectify: {report}:{line}: 措施 1.1：无法识别时限“（2020.6.30）”（应为 2018年6月30日、"
                                                    "长期坚持 或 立即启动 这样的时限，或 2018年6月30日前完成关停、关停于2018年6月30日前完成 "
                                                    "这样的分步时限，以“，”分隔；请在校订文件的 text_fixes: 下改正）\n")


@pytest.mark.parametrize("output, schema_at, line", [
    # (an office's repository: no schema there, no line pointing editors at a file that isn't)
    ("office/data", None, None),
    ("office/data", "office/schema", "../schema/registry.schema.json"),
    ("office/national/2019/xizang.yaml", "office/schema", "../../schema/registry.schema.json"),
    # (not beyond the repository's root)
    ("office/data", "schema", None),
])
def test_an_imported_plan_points_editors_at_the_schema_only_where_there_is_one(tmp_path, monkeypatch, output, schema_at,
                                                                               line):
    """Every imported plan began `$schema=../schema/registry.schema.json`, rectify's own layout: in
    an office's repository the editor warned that no schema could be loaded."""
    from builders import run_cli

    (tmp_path / "office").mkdir()
    (tmp_path / "office" / ".git").mkdir()
    if schema_at is not None:
        (tmp_path / schema_at).mkdir(parents=True)
        (tmp_path / schema_at / "registry.schema.json").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / output).parent.mkdir(parents=True, exist_ok=True)  # (import makes the last folder only)
    result = run_cli("import", str(SOURCE), "-o", output)
    assert result.exit_code == 0, result.output
    plan = tmp_path / output if output.endswith(".yaml") else tmp_path / output / "tasks.yaml"
    first = plan.read_text(encoding="utf-8").splitlines()[0]
    if line is None:
        assert first.startswith("# Generated by `rectify import`")
    else:
        assert first == f"# yaml-language-server: $schema={line}"
    assert run_cli("validate", str(plan)).exit_code == 0


def _headline_in_chinese_numerals(tmp_path) -> Path:
    """The Tibet report, its headline counting in Chinese numerals (四十五项整改任务…), as some write it."""
    text = SOURCE.read_text(encoding="utf-8")
    headline = next(line for line in text.split("\n") if line.startswith("2017年8月15日"))
    numerals = (headline.replace("45项", "四十五项").replace("179项", "一百七十九项").replace("28项", "二十八项")
                .replace("25项", "二十五项").replace("3项正在", "三项正在"))
    report = tmp_path / "report.txt"
    report.write_text(text.replace(headline, numerals), encoding="utf-8")
    return report


def test_a_headline_counting_in_chinese_numerals_gives_the_claims_of_its_figures(tmp_path):
    """四十五项整改任务 was read as no claim, and only warned of: reconcile had nothing to check."""
    out = tmp_path / "out"
    result = _rectify("import", str(_headline_in_chinese_numerals(tmp_path)), "-o", str(out), lang=None)
    assert result.exit_code == 0, result.output
    assert "报告开头的数字未能读取" not in result.stderr
    claims = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]["claims"]
    assert [(c["key"], c["text"], c["value"]) for c in claims[:5]] == [
        ("tasks_total", "全区四十五项整改任务", 45), ("measures_total", "一百七十九项具体措施", 179),
        ("tasks_due_2018", "2018年12月底前应完成的二十八项整改任务", 28), ("tasks_due_2018_done", "二十五项全面完成", 25),
        ("tasks_due_2018_finishing", "三项正在收尾", 3)]


def test_claims_written_in_the_curation_are_the_reports_where_the_import_reads_none(tmp_path):
    curation = tmp_path / "curation.yaml"
    curation.write_text("registry:\n  claims:\n"
                        "    - {key: tasks_total, text: 四十五项整改任务, value: 45}\n"
                        "    - {key: tasks_due_2018, text: 2018年12月底前应完成的二十八项整改任务, value: 28}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _rectify("import", str(_headline_in_chinese_numerals(tmp_path)), "--curation", str(curation), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "figures" not in result.stderr  # (the claims are given: nothing to warn of)
    reconciled = _rectify("reconcile", "-r", str(out / "tasks.yaml"))
    lines = [line.strip() for line in reconciled.stdout.splitlines()]
    total = next(at for at, line in enumerate(lines) if line.startswith("tasks_total "))
    assert lines[total].split() == ["tasks_total", "45", "45", "match"]
    assert lines[total + 1] == "Report's words: 四十五项整改任务"
    due = next(at for at, line in enumerate(lines) if line.startswith("tasks_due_2018 "))
    assert lines[due].split()[:2] == ["tasks_due_2018", "28"]
    assert lines[due + 1] == "Report's words: 2018年12月底前应完成的二十八项整改任务"


def test_a_curated_claim_replaces_the_one_of_its_key_the_import_read(tmp_path):
    curation = tmp_path / "curation.yaml"
    curation.write_text("registry:\n  claims:\n    - {key: tasks_total, text: 全区45项整改任务, value: 44}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert _rectify("import", str(SOURCE), "--curation", str(curation), "-o", str(out)).exit_code == 0
    claims = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]["claims"]
    assert [c for c in claims if c["key"] == "tasks_total"] == [{"key": "tasks_total", "text": "全区45项整改任务", "value": 44}]
    assert [c["key"] for c in claims].count("tasks_total") == 1 and "measures_total" in [c["key"] for c in claims]


def test_a_curated_claim_the_appendix_does_not_match_is_warned_of_at_its_line_in_the_curation(tmp_path):
    """The report's words are the curation's there: its line is where to look, and to mend it."""
    curation = tmp_path / "curation.yaml"
    curation.write_text("registry:\n  claims:\n    - {key: measures_total, text: 179项具体措施, value: 179}\n"
                        "    - {key: tasks_total, text: 全区46项整改任务, value: 46}\n", encoding="utf-8")
    for lang, said in (("en", f"rectify: warning: {curation}, line 4: the report says 全区46项整改任务, but its appendix gives 45: "
                              "is the text complete?"),
                       (None, f"rectify: 警告：{curation} 第 4 行：报告称“全区46项整改任务”，但其附件中为 45 项：报告文字是否完整？")):
        result = _rectify("import", str(SOURCE), "--curation", str(curation), "-o", str(tmp_path / "out"), lang=lang)
        assert result.exit_code == 0, result.output
        assert [line for line in result.stderr.splitlines() if "46项" in line] == [said]


def test_a_measure_the_curations_journal_leaves_out_is_warned_of_at_its_line(tmp_path):
    """Its state proposed, at the measure's line: where its note, what the state is read from, follows."""
    from rectify_cli.importer import warning_text

    cur = _curation(tmp_path, 'journal:\n  "1.1": done\n')
    block = ("一、问题一。说明。\n\n整改时限：2018年6月30日前完成。\n\n整改进度：全面完成。\n\n"
             "1.自治区生态环境厅制定方案（2018年6月30日）。\n\n整改进展：已制定。\n\n"
             "2.自治区生态环境厅开展检查（2018年6月30日）。\n\n整改进展：已开展。\n")
    result = import_report(HEADLINE + block, filename="mini.txt", curation=cur)
    line = (HEADLINE + block).split("\n").index("2.自治区生态环境厅开展检查（2018年6月30日）。") + 1
    unsettled = [w for w in result.warnings if w.key == "no_curated_state"]
    assert [warning_text(w, Lang.en) for w in unsettled] == [f"mini.txt, line {line}: measure 1.2: no curated state; proposed done"]
    assert [warning_text(w, Lang.zh) for w in unsettled] == [f"mini.txt 第 {line} 行：措施 1.2：校订文件中没有其状态；推测为“销号”"]


@pytest.mark.parametrize("claim", ["{key: tasks_total, text: 四十五项, value: '45'}", "{key: tasks_total, value: 45}",
                                   "{key: 总数, text: 四十五项, value: 45}", "tasks_total: 45",
                                   # (a number of more digits than Python writes, 4,300: an internal error writing tasks.yaml)
                                   "{key: tasks_total, text: 四十五项, value: 0x" + "f" * 3600 + "}"],
                         ids=["quoted-value", "no-text", "key-in-words", "not-a-list-item", "value-of-4334-digits"])
def test_a_curated_claim_not_of_the_shape_is_refused_at_its_line(tmp_path, claim):
    curation = tmp_path / "curation.yaml"
    curation.write_text(f"registry:\n  claims:\n    - {{key: tasks_due_2018, text: x, value: 1}}\n    - {claim}\n",
                        encoding="utf-8")
    result = _rectify("import", str(SOURCE), "--curation", str(curation), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == (f"rectify: {curation}:4:7: registry.claims 2: expected key (an English key such as "
                             "tasks_total), text (the report's words) and value (a whole number)\n")
    assert not (tmp_path / "out").exists()


def test_a_curated_claims_key_given_twice_is_refused_at_the_second(tmp_path):
    """Two curated claims of tasks_total (46 and 45): the second silently replaced the first, the 46
    the editor wrote lost without a word. Refused at the repeat, naming the first's line, as the
    loader refuses a plan claiming a key twice; nothing written."""
    curation = tmp_path / "curation.yaml"
    curation.write_text("registry:\n  claims:\n    - {key: tasks_total, text: 全区46项整改任务, value: 46}\n"
                        "    - {key: measures_total, text: 179项具体措施, value: 179}\n"
                        "    - {key: tasks_total, text: 全区45项整改任务, value: 45}\n", encoding="utf-8")
    for lang, said in (("en", "registry.claims 3: key tasks_total is given twice (first on line 3); claim each figure once"),
                       (None, "registry.claims 第 3 项：键 tasks_total 列了两次（首次在第 3 行）；每个数字只列一次")):
        result = _rectify("import", str(SOURCE), "--curation", str(curation), "-o", str(tmp_path / "out"), lang=lang)
        assert result.exit_code == 2
        assert result.stderr == f"rectify: {curation}:5:7: {said}\n"
        assert not (tmp_path / "out").exists()

def test_a_curated_claims_key_is_taken_as_the_loader_takes_it(tmp_path):
    # (the import refused a key the loader, validate and schema/registry.schema.json take, 2019_tasks_due:
    # two definitions of a claim's key, the import's stricter)
    curation = tmp_path / "curation.yaml"
    curation.write_text("registry:\n  claims:\n    - {key: 2019_tasks_due, text: 2019年应完成的任务, value: 3}\n",
                        encoding="utf-8")
    out = tmp_path / "out"
    result = _rectify("import", str(SOURCE), "--curation", str(curation), "-o", str(out))
    assert result.exit_code == 0, result.output
    claims = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["registry"]["claims"]
    assert {"key": "2019_tasks_due", "text": "2019年应完成的任务", "value": 3} in claims
    assert _rectify("validate", str(out / "tasks.yaml")).exit_code == 0


@pytest.mark.parametrize("failing", ["progress.yaml", "tasks.yaml"])
def test_an_import_whose_second_file_fails_leaves_nothing_written(tmp_path, monkeypatch, failing):
    """A full disk after tasks.yaml was written: "progress.yaml: cannot be written; nothing was
    written", and a tasks.yaml without its journal was left, which status read as every measure
    the report closed overdue. The two files are written both or neither."""
    import errno

    from typer.testing import CliRunner

    from rectify_cli import fsutil
    from rectify_cli.cli import app

    real = os.replace

    def full(source, target):  # (the last step of atomic_write_bytes)
        if Path(target).name == failing:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(source, target)

    monkeypatch.setattr(fsutil.os, "replace", full)
    out = tmp_path / "ledger"
    result = CliRunner().invoke(app, ["import", str(SOURCE), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"rectify: {out / failing}: 无法写入（磁盘空间不足）；未写入任何内容"
    assert not out.exists()


@pytest.mark.parametrize("lang, said", [
    ("zh", "无法写入临时文件（磁盘空间不足）：导入结果先在此检查能否读取；可设置环境变量 TMPDIR 改用另一个文件夹；未写入任何内容"),
    ("en", "cannot write a temporary file (No space left on device): an import's result is first checked there to "
           "load; set TMPDIR to use another folder; nothing was written"),
])
def test_an_import_that_cannot_write_its_scratch_copy_names_the_temporary_folder(tmp_path, monkeypatch, lang, said):
    """The temporary folder full (/tmp on its own small disk): "the output could not be written
    (No space left on device)" named no file, and the output was never the cause."""
    import errno
    import tempfile

    from typer.testing import CliRunner

    from rectify_cli.cli import app

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    real = Path.write_text

    def full(self, *args, **kwargs):
        if self.parent.parent == scratch:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full)
    out = tmp_path / "ledger"
    result = CliRunner().invoke(app, ["import", "--lang", lang, str(SOURCE), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"rectify: {scratch}: {said}"
    assert not out.exists() and list(scratch.iterdir()) == []


@pytest.mark.parametrize("lang, said", [
    ("zh", "无法写入临时文件（{none}）：导入结果先在此检查能否读取；可设置环境变量 TMPDIR 改用另一个文件夹；未写入任何内容"),
    ("en", "cannot write a temporary file ({none}): an import's result is first checked there to load; set TMPDIR to "
           "use another folder; nothing was written"),
])
def test_an_import_with_no_temporary_folder_usable_says_so_not_internal_error(tmp_path, monkeypatch, lang, said):
    """TMPDIR, /tmp, /var/tmp and the working folder each full or read-only (a container with a
    read-only root, the ledger on a volume): it was "internal error: FileNotFoundError"."""
    import errno
    import tempfile

    from typer.testing import CliRunner

    from rectify_cli.cli import app

    none = "No usable temporary directory found in ['/ro/tmp', '/tmp', '/var/tmp', '/usr/tmp', '/ro/work']"

    def no_folder():
        raise FileNotFoundError(errno.ENOENT, none)

    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setattr(tempfile, "gettempdir", no_folder)
    out = tmp_path / "ledger"
    result = CliRunner().invoke(app, ["import", "--lang", lang, str(SOURCE), "-o", str(out)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"rectify: TMPDIR: {said.format(none=none)}\n"
    assert not out.exists()


def test_an_import_interrupted_between_its_two_files_leaves_neither(tmp_path, monkeypatch):
    """Ctrl-C after the journal was written, before the plan: the journal was left alone in a new folder."""
    from typer.testing import CliRunner

    from rectify_cli import fsutil
    from rectify_cli.cli import app

    real = os.replace

    def interrupted(source, target):
        if Path(target).name == "tasks.yaml":
            raise KeyboardInterrupt
        return real(source, target)

    monkeypatch.setattr(fsutil.os, "replace", interrupted)
    out = tmp_path / "ledger"
    CliRunner().invoke(app, ["import", str(SOURCE), "-o", str(out)])
    assert not out.exists()


def test_import_of_a_report_on_another_drive_than_the_plan_names_it_in_full(tmp_path, monkeypatch):
    """`rectify import D:\\报告.txt -o C:\\台账` on Windows: os.path.relpath raises ValueError
    across drives, and the import ended in 内部错误. The plan names the report in full."""
    def across_drives(path, start=None):
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(os.path, "relpath", across_drives)
    out = tmp_path / "台账"
    result = _rectify("import", str(SOURCE), "-o", str(out))  # (no curation: its own source would win)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"wrote {out / 'tasks.yaml'} and {out / 'progress.yaml'}\n")
    plan = (out / "tasks.yaml").read_text(encoding="utf-8")
    assert f"\n  source: {SOURCE.as_posix()}\n" in plan
    assert f"# Generated by `rectify import` from {SOURCE.as_posix()} (no curation);" in plan


@pytest.mark.parametrize("lang, said", [
    (Lang.en, ["rectify: warning: no curation: units discovered from the text, owners and states proposed heuristically",
               "rectify: warning: the curation cur\\x1b[31m.yaml has no units: section: units discovered from the text, "
               "owners proposed heuristically"]),
    (Lang.zh, ["rectify: 警告：没有校订文件：单位从报告文字中识别，责任单位和状态由程序推测",
               "rectify: 警告：校订文件 cur\\x1b[31m.yaml 没有 units: 部分：单位从报告文字中识别，责任单位由程序推测"]),
])
def test_import_warnings_are_lines_each_said_once_its_text_shown_not_obeyed(lang, said):
    """import's warnings as the other commands' (render/journal_text: lines for stderr), a name in
    them shown, not obeyed by a terminal."""
    from rectify_cli.i18n import Notice
    from rectify_cli.render.journal_text import import_warnings

    warnings = (Notice("no_curation", {}), Notice("curation_lacks_units", {"path": "cur\x1b[31m.yaml"}))
    assert import_warnings(warnings, lang=lang) == said
