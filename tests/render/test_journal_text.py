"""`rectify history` as a table: on a terminal it fits the terminal's width, as `status` and
`show` do; piped or redirected it keeps whole notes up to NOTE_WIDTH cells."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from itertools import takewhile
from pathlib import Path

import pytest
from builders import entry
from wcwidth import wcswidth

from rectify_cli.i18n import Lang
from rectify_cli.journal import history
from rectify_cli.registry import load_registry
from rectify_cli.render.journal_text import NOTE_WIDTH, render_history

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data/tasks.yaml"


@pytest.fixture(scope="module")
def entries():
    if not BUNDLED.is_file():
        pytest.skip("no bundled ledger")
    return history(load_registry(BUNDLED), item=None, since=None).entries


@pytest.mark.parametrize("lang", [Lang.zh, Lang.en])
@pytest.mark.parametrize("width", [80, 100, 120])
def test_history_fits_the_width_it_is_given(entries, width, lang):
    """At 80 columns the rows were 101 to 148 cells wide: each wrapped on the terminal."""
    lines = render_history(entries, lang=lang, width=width).rstrip("\n").split("\n")
    assert max(wcswidth(line) for line in lines) <= width
    assert lines[0].split()[:3] == (["日期", "措施", "记录"] if lang is Lang.zh else ["Date", "Measure", "Entry"])


def test_history_on_a_wide_terminal_cuts_no_more_than_piped(entries):
    """The same cells (but the empty unit column, left out on a terminal), more tightly set."""
    wide = render_history(entries, lang=Lang.zh, width=400).split("\n")
    piped = render_history(entries, lang=Lang.zh).split("\n")
    assert wide[0].split() == ["日期", "措施", "记录", "进展", "佐证"] and "记录单位" in piped[0]
    assert [line.split() for line in wide[2:]] == [line.split() for line in piped[2:]]


def test_piped_history_keeps_notes_up_to_note_width(entries):
    lines = render_history(entries, lang=Lang.zh).split("\n")
    assert max(wcswidth(line) for line in lines) > 120  # (as before: nothing but NOTE_WIDTH cuts a note)
    assert NOTE_WIDTH == 60


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [80, 60])
def test_history_on_a_terminal_fits_columns(tmp_path, columns):
    import pty

    if not BUNDLED.is_file():
        pytest.skip("no bundled ledger")
    env = {k: v for k, v in os.environ.items() if k not in ("RECTIFY_REGISTRY", "RECTIFY_DEBUG")}
    env.update(COLUMNS=str(columns), RECTIFY_TODAY="2019-04-30", RECTIFY_CACHE_DIR=str(tmp_path / "cache"),
               PYTHONIOENCODING="utf-8", NO_COLOR="1")
    main, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "rectify_cli", "history", "45"], cwd=ROOT, env=env,
                               stdin=subprocess.DEVNULL, stdout=terminal, stderr=subprocess.DEVNULL)
    os.close(terminal)
    out = b""
    try:
        while chunk := os.read(main, 65536):  # (read while it writes: a terminal holds little)
            out += chunk
    except OSError:  # (Linux: EIO once the program has ended and all is read)
        pass
    finally:
        os.close(main)
    assert process.wait(timeout=120) == 0
    lines = out.decode("utf-8").replace("\r\n", "\n").rstrip("\n").split("\n")
    assert len(lines) > 3 and max(wcswidth(line) for line in lines) <= columns


# The tester's journal: an extension asked for late (with reason and approving unit, no note)
# and a back-dated report; no unit and no evidence in either.
PROBE = [entry("33.1", "2019-06-10", "extended", milestone="2019-06-30", to="2019-12-31", reason="设备采购延迟",
               approved_by="自治区生态环境厅", late=True),
         entry("1.1", "2019-06-01", "report", note="持续推进", recorded=date(2019, 6, 12))]


def test_history_at_90_columns_gives_the_note_what_the_other_columns_leave():
    """At 80 columns the header was 86 cells, the rule 88: every line wrapped. Empty columns
    (unit, evidence) are left out, the others as wide as their widest cell, the note the rest:
    of an extension's, the reason cut, never the approving unit."""
    assert render_history(PROBE, lang=Lang.zh, width=90).split("\n") == [
        "日期        措施  记录                           进展",
        "----------  ----  -----------------------------  -----------------------------------------",
        "2019-06-10  33.1  延期 → 2019-12-31（逾期申请）  （理由：设备采…；批准：自治区生态环境厅）",
        "2019-06-01  1.1   定期报告（2019-06-12补录）     持续推进",
        ""]


@pytest.mark.parametrize("width", [60, 80])
def test_history_too_narrow_for_a_useful_note_puts_each_note_under_its_entry(width):
    """At 60 columns the note was cut to （理… (3 cells); at 80 it read `（理由：设备采购延迟；批准：自…`,
    who approved the extension cut to one character. Too narrow for the unit beside `理由：…`, the
    notes go under, each on a line of its own."""
    assert render_history(PROBE, lang=Lang.zh, width=width).split("\n") == [
        "日期        措施  记录",
        "----------  ----  -----------------------------",
        "2019-06-10  33.1  延期 → 2019-12-31（逾期申请）",
        "  理由：设备采购延迟；批准：自治区生态环境厅",
        "2019-06-01  1.1   定期报告（2019-06-12补录）",
        "  进展：持续推进",
        ""]


# An extension with a long reason and a long approving unit, and a note longer than NOTE_WIDTH.
LONG_EXTENSION = [
    entry("33.1", "2019-05-01", "extended", milestone="2019-06-30", to="2027-06-30",
          reason="管网建设涉及征地拆迁和资金筹措，施工季节短，需延长工期以完成全部收集管网和泵站建设",
          approved_by="西藏自治区生态环境保护督察整改工作领导小组办公室"),
    entry("33.2", "2019-03-31", "in_progress",
          note="日喀则市实地督导、实时监督城市污水收集处理相关整改工作，采取截流式解决污水处置问题。"
               "截至目前，《水环境综合整治（一期）》项目已完成前置手续，进入招标程序。")]


@pytest.mark.parametrize("width, lines", [
    (60, ["2019-05-01  33.1  延期 → 2027-06-30",
          "  理由：管网建设涉及征地拆迁和资金筹措，施工季…；批准：西藏",
          "  自治区生态环境保护督察整改工作领导小组办公室",
          "2019-03-31  33.2  推进中",
          "  进展：日喀则市实地督导、实时监督城市污水收集处理相关整改工",
          "  作，采取截流式解决污水处置问题。截至目前，《水环境综合整…"]),
    (50, ["2019-05-01  33.1  延期 → 2027-06-30",
          "  理由：管网建设涉及征地拆迁和资金筹措，…；批准：",
          "  西藏自治区生态环境保护督察整改工作领导小组办公室",
          "2019-03-31  33.2  推进中",
          "  进展：日喀则市实地督导、实时监督城市污水收集处理",
          "  相关整改工作，采取截流式解决污水处置问题。截至…"]),
    (40, ["2019-05-01  33.1  延期 → 2027-06-30",
          "  理由：管网建设涉及…；批准：西藏自治区",
          "  生态环境保护督察整改工作领导小组办公室",
          "2019-03-31  33.2  推进中",
          "  进展：日喀则市实地督导、实时监督城市污",
          "  水收集处理相关整改工作，采取截流式解…"]),
])
def test_under_its_entry_a_cut_keeps_the_approving_unit_and_ends_a_full_line(width, lines):
    """Cut at 60 cells, then wrapped, an extension's details read `  理由：管网…，需延长` / `  工…`,
    the approving unit gone, and a note's last line `  工…`: the reason is cut, never the unit, and
    a note is cut at the end of the line its 60th cell falls on."""
    assert render_history(LONG_EXTENSION, lang=Lang.zh, width=width).split("\n")[2:-1] == lines


@pytest.mark.parametrize("width, lines", [
    (60, ["  Reason: Land acquisition and funding delays; the short…;",
          "  approved by Environmental Inspection Rectification Office"]),
    (40, ["  Reason: Land acquisition and funding",
          "  delays;…; approved by Environmental",
          "  Inspection Rectification Office"]),
])
def test_under_its_entry_an_english_extension_keeps_its_approving_unit(width, lines):
    """`  approve…` on a line of its own: the unit who granted the extension lost, and half a word."""
    extension = [entry("33.2", "2019-05-02", "extended", milestone="2020-06-30", to="2027-06-30",
                       reason="Land acquisition and funding delays; the short construction season",
                       approved_by="Environmental Inspection Rectification Office")]
    assert [line for line in render_history(extension, lang=Lang.en, width=width).split("\n")
            if line.startswith("  ") and line[2] != " "] == lines


@pytest.mark.parametrize("lang, width, under", [
    (Lang.zh, 50, ["  进展：冬季无法施工。", "  理由：高海拔冬季停工；批准：自治区生态环境厅", "  理由：记到了别的措施上"]),
    (Lang.en, 60, ["  Note: 冬季无法施工。", "  Reason: 高海拔冬季停工; approved by 自治区生态环境厅", "  Reason: 记到了别的措施上"]),
])
def test_under_its_entry_an_extension_s_reason_and_a_retraction_s_are_not_called_a_note(lang, width, under):
    """Under its entry an extension's reason read 进展：（理由：…） and a retraction's (its note)
    进展：记到了别的措施上: neither is progress. The note keeps its name, the reason is called one."""
    rows = [entry("4.2", "2019-03-10", "extended", milestone="2019-06-30", to="2019-12-31", note="冬季无法施工。",
                  reason="高海拔冬季停工", approved_by="自治区生态环境厅"),
            entry("2.1", "2019-03-21", "retracted", note="记到了别的措施上")]
    lines = render_history(rows, lang=lang, width=width).split("\n")
    assert [line for line in lines if line.startswith("  ")] == under


def test_history_says_an_extension_was_asked_for_late_in_words():
    """It said `延期 → 2019-12-31 !`: an unexplained mark."""
    assert "2019-06-10  33.1    延期 → 2019-12-31（逾期申请）" in render_history(PROBE, lang=Lang.zh)
    assert "extended → 2019-12-31 (late request)" in render_history(PROBE, lang=Lang.en)
    assert " !" not in render_history(PROBE, lang=Lang.zh, width=80)


@pytest.mark.parametrize("lang, said", [(Lang.zh, "延期 → 2019-12-31（逾期申请；2019-03-20补录）"),
                                        (Lang.en, "extended → 2019-12-31 (late request; written 2019-03-20)")])
def test_an_entry_s_marks_after_its_state_are_said_in_one_bracket(lang, said):
    """It said `extended → 2019-12-31 (late request) (written 2019-03-20)`: two brackets in a row."""
    late = entry("4.2", "2019-03-10", "extended", milestone="2019-06-30", to="2019-12-31", late=True,
                 recorded=date(2019, 3, 20))
    row = render_history([late], lang=lang).split("\n")[2]
    assert row.startswith("2019-03-10  4.2  ") and row.endswith(f"  {said}")


def test_a_note_and_evidence_too_long_for_a_narrow_terminal_go_under_the_entry():
    """Under its entry the evidence is wrapped, not cut at the edge (`…12号…`, the third number lost)."""
    long = [entry("1.1", "2019-06-01", "in_progress", note="持续推进" * 3, evidence="藏环发〔2019〕12号" * 3,
                  by="自治区生态环境厅")]
    assert render_history(long, lang=Lang.en, width=50).split("\n") == [
        "Date        Measure  Entry        By",
        "----------  -------  -----------  ----------------",
        "2019-06-01  1.1      in progress  自治区生态环境厅",  # (the 16 cells the notes leave: whole)
        "  Note: 持续推进持续推进持续推进",
        "  Evidence: 藏环发〔2019〕12号藏环发〔2019〕12号藏",  # (2 + 10 + 38 cells)
        "  环发〔2019〕12号",
        ""]


def test_evidence_under_its_entry_has_the_whole_width_as_the_note_has():
    """At 80 columns the evidence under its entry was cut at 60 cells (`佐证：藏环发…12号藏环发〔…`,
    the document number lost) beside 12 cells left empty, while the note above it had the line."""
    evidence = "藏环发〔2019〕12号" * 4  # (68 cells: more than a table's cell, less than the line)
    rows = [entry("1.1", "2019-06-01", "in_progress", note="持续推进" * 12, evidence=evidence, by="自治区生态环境厅")]
    lines = render_history(rows, lang=Lang.zh, width=80).split("\n")
    assert f"  佐证：{evidence}" in lines, lines
    assert max(map(wcswidth, lines)) <= 80


@pytest.mark.parametrize("lang", [Lang.zh, Lang.en])
def test_history_fits_every_terminal_width(entries, lang):
    for width in range(20, 161, 7):
        for some in (PROBE, entries[:40]):
            lines = render_history(some, lang=lang, width=width).rstrip("\n").split("\n")
            assert max(wcswidth(line) for line in lines) <= width, (width, lines)


@pytest.mark.parametrize("lang, header", [(Lang.zh, "日期        措施  记录"), (Lang.en, "Date        Measure  Entry")])
def test_a_unit_column_that_leaves_its_header_no_room_goes_under_the_entry(lang, header):
    """At 50 columns a wide entry (a step's close) left the unit's header `…`: the unit now goes
    under the entry, with the note and evidence, and no header is cut."""
    rows = [entry("18.4", "2019-03-31", "done", milestone="2018-12-31", note="停止审批"),
            entry("35.2", "2019-04-02", "in_progress", note="推进", by="自治区生态环境厅", evidence="照片")]
    lines = render_history(rows, lang=lang, width=50).split("\n")
    assert lines[0] == header
    assert "…" not in "\n".join(lines)
    under = {Lang.zh: ["  进展：推进", "  记录单位：自治区生态环境厅", "  佐证：照片"],
             Lang.en: ["  Note: 推进", "  By: 自治区生态环境厅", "  Evidence: 照片"]}[lang]
    assert lines[-4:-1] == under


def test_at_40_columns_an_entry_too_wide_wraps_and_no_date_is_cut():
    """At 40 columns a step's close was cut, and the rule with it: `closed (step due 2…`; then broken
    inside its bracket, `closed (step due` / `2018-12-31)`, in the 19 cells beside its date and
    measure: it goes under them, its bracket whole."""
    rows = [entry("18.4", "2019-03-31", "done", milestone="2018-12-31", note="停止审批")]
    assert render_history(rows, lang=Lang.en, width=40).split("\n") == [
        "Date        Measure",
        "----------  -------",
        "2019-03-31  18.4",
        "  Entry: closed (step due 2018-12-31)",
        "  Note: 停止审批",
        ""]


@pytest.mark.parametrize("lang", [Lang.zh, Lang.en])
def test_at_40_columns_every_date_of_an_entry_is_whole(lang):
    lines = render_history([entry("18.4", "2019-03-31", "done", milestone="2018-12-31"), *PROBE],
                           lang=lang, width=40).split("\n")
    assert max(map(wcswidth, lines)) <= 40
    assert "…" not in lines[1] and not [line for line in lines if line.endswith(("2…", "(…", "（…"))]
    assert all(day in "\n".join(lines) for day in ("2018-12-31", "2019-12-31", "2019-06-12"))


# A unit's name as long as the bundled ledger's longest (36 cells), beside a short note.
LONG_UNIT = [entry("1.1", "2019-05-01", "report", note="报告", by="自治区环境保护督察工作领导小组办公室",
                   evidence="藏环督办〔2019〕3号")]


@pytest.mark.parametrize("width", [100, 120])
def test_a_wide_terminal_shows_a_long_unit_whole_when_the_notes_leave_it_room(width):
    """At 120 columns the unit was cut to a sixth of the width, 自治区环境保护督察…, the line 19
    cells short of the edge; at 50, under the entry, it was whole: a wider terminal said less."""
    lines = render_history(LONG_UNIT, lang=Lang.zh, width=width).split("\n")
    assert "自治区环境保护督察工作领导小组办公室" in lines[2] and "…" not in "\n".join(lines)
    assert max(map(wcswidth, lines)) <= width


def test_notes_under_their_entry_leave_the_unit_the_table_s_room():
    """At 84 columns a wide entry sends the notes under it; the table then had 24 cells to
    spare and still cut the unit to 自治区环境保护…"""
    rows = [LONG_UNIT[0], entry("1.1", "2019-04-12", "report", note="报告" * 20, recorded=date(2019, 5, 1))]
    lines = render_history(rows, lang=Lang.zh, width=84).split("\n")
    assert lines[2].endswith("自治区环境保护督察工作领导小组办公室") and lines[3] == "  进展：报告"
    assert max(map(wcswidth, lines)) <= 84


# A closure retracted, both written days later, and a step's close: entries of 18 to 48 cells.
RETRACTED = [entry("35.3", "2019-06-20", "done", note="全部完工。", hash="a" * 64, recorded=date(2019, 6, 30)),
             entry("35.3", "2019-06-25", "retracted", note="验收未通过。", hash="b" * 64, retracts="a" * 64,
                   recorded=date(2019, 6, 30)),
             entry("18.4", "2019-03-31", "done", milestone="2018-12-31", note="停止审批"), *PROBE]


@pytest.mark.parametrize("lang", [Lang.zh, Lang.en])
def test_from_20_to_40_columns_history_s_headers_are_whole_and_no_entry_is_cut(lang):
    """At 20-27 columns `history` cut its Entry column to nothing, header and all (`日期  措施  …`,
    `Measure…`), every entry `…`; at 28 it folded `（2019-06-30补录）` in 10 cells, `（` alone on a
    line. Where an entry's pieces do not fit beside its date and measure, it goes under them, named
    as the note is (`记录：…`)."""
    import re
    import unicodedata

    headers = render_history(RETRACTED, lang=lang, width=400).split("\n")[0].split()[:3]
    named = {Lang.zh: "记录：", Lang.en: "Entry: "}[lang]
    states = [re.split(r"\s{2,}", line)[2] for line in render_history(RETRACTED, lang=lang, width=400).split("\n")[2:-1]]
    for width in range(20, 41):
        lines = render_history(RETRACTED, lang=lang, width=width).split("\n")
        head = re.split(r"\s{2,}", lines[0])
        assert head == headers[:len(head)] and len(head) >= 2, (width, lines[0])
        rows = [i for i, line in enumerate(lines) if line[:4].isdigit()]
        if len(head) == 2:  # (the entry under its date and measure, named)
            assert all(lines[i + 1].startswith("  " + named) for i in rows), (width, lines)
        text = "".join("".join(lines).split())  # (each entry whole, over the lines it takes)
        assert [state for state in states if "".join(state.split()) not in text] == [], (width, lines)
        lone = [line for line in lines if line.strip() and all(unicodedata.category(c).startswith("P")
                                                                for c in line.strip()) and set(line) != {"-", " "}]
        assert lone == [] and max(map(wcswidth, lines)) <= width, (width, lines)


# A folder's ids (a file named for its province): `新疆维吾尔自治区:4.2`, 20 cells, with its date 32.
FOLDER = [entry("新疆维吾尔自治区:4.2", "2019-03-10", "extended", milestone="2019-06-30", to="2019-12-31",
                note="冬季无法施工。", reason="高海拔冬季停工"),
          entry("xizang:1.2", "2018-06-20", "done", note="印发《污水处理厂运行监管办法》", evidence="藏环发〔2018〕12号"),
          entry("新疆维吾尔自治区:4.1", "2018-05-10", "done", recorded=date(2018, 5, 20))]


@pytest.mark.parametrize("lang", [Lang.zh, Lang.en])
def test_from_20_to_40_columns_a_folder_s_ids_are_whole(lang):
    """At 20-33 columns `新疆维吾尔自治区:4.2` was cut to `新疆维…`, its rule with it: the id is how a
    clerk finds the measure. Where it does not fit beside its date, it goes on the line under it."""
    for width in range(20, 41):
        lines = render_history(FOLDER, lang=lang, width=width).rstrip("\n").split("\n")
        for measure in ("新疆维吾尔自治区:4.2", "xizang:1.2", "新疆维吾尔自治区:4.1"):
            assert any(measure in line for line in lines), (width, measure, lines)
        assert "…" not in "\n".join(lines[:2]) and max(map(wcswidth, lines)) <= width, (width, lines)


def test_at_25_columns_each_id_goes_on_the_line_under_its_date():
    assert render_history(FOLDER, lang=Lang.zh, width=25).split("\n") == [
        "日期",
        "措施",
        "--------------------",
        "2019-03-10",
        "新疆维吾尔自治区:4.2",
        "  记录：延期 → 2019-12-31",
        "  进展：冬季无法施工。",
        "  理由：高海拔冬季停工",
        "2018-06-20",
        "xizang:1.2",
        "  记录：销号",
        "  进展：印发《污水处理厂",  # (wrapped under the entry, not cut at the edge)
        "  运行监管办法》",
        "  佐证：藏环发〔2018〕",  # (12号 one piece, as 12项 is)
        "  12号",
        "2018-05-10",
        "新疆维吾尔自治区:4.1",
        "  记录：销号",
        "  （2018-05-20补录）",
        ""]


# RETRACTED's entries, each by its words, with the marks a line may not break from them: a line of
# an entry may break between two of them, and inside one only where it is wider than the room.
WORDS = {Lang.zh: [["销号", "（2019-06-30", "补录）"], ["撤回误录", "（2019-06-30", "补录）"],
                   ["销号", "（2018-12-31", "到期", "一步）"], ["延期", "2019-12-31", "（逾期申请）"],
                   ["定期报告", "（2019-06-12", "补录）"]],
         Lang.en: [["closed", "(written", "2019-06-30)"], ["retracted", "(written", "2019-06-30)"],
                   ["closed", "(step", "due", "2018-12-31)"], ["extended", "2019-12-31", "(late", "request)"],
                   ["report", "(written", "2019-06-12)"]]}


@pytest.mark.parametrize("lang", [Lang.zh, Lang.en])
def test_from_20_to_40_columns_no_word_of_an_entry_is_broken_where_it_fits(lang):
    """At 29-40 columns entries were filled greedily, `（2019-06-30补` / `录）`, `（逾` / `期申请）`,
    where show breaks between words: each entry in as few lines, at its words."""
    for width in range(20, 41):
        room = width - len("2019-06-20  Measure  ")  # (beside its date and id: under them it has more)
        for one, words in zip(RETRACTED, WORDS[lang]):
            lines = render_history([one], lang=lang, width=width).split("\n")
            broken = [word for word in words if wcswidth(word) <= room and not any(word in line for line in lines)]
            assert broken == [] and max(map(wcswidth, lines)) <= width, (width, lines)


@pytest.mark.parametrize("lang, group", [(Lang.zh, "（2019-09-30补录）"), (Lang.en, "(written 2019-09-30)")])
def test_an_entry_s_bracket_group_that_fits_its_column_is_never_split(lang, group):
    """At 36-39 columns a back-dated close read `销号（2019-09-30` / `补录）` beside its date, its
    bracket fitting the 18-21 cells there: the entry was filled greedily. A group wider than the
    column may break inside, but never leaves a bracket alone, nor loses or cuts a character."""
    closed = [entry("33.1", "2019-06-30", "done", recorded=date(2019, 9, 30))]
    state = render_history(closed, lang=lang, width=400).split("\n")[2].split("  ", 2)[2].strip()
    lead = len("2019-06-30  33.1  ") if lang is Lang.zh else len("2019-06-30  Measure  ")
    for width in range(20, 61):
        lines = render_history(closed, lang=lang, width=width).rstrip("\n").split("\n")
        assert max(map(wcswidth, lines)) <= width, (width, lines)
        assert [line for line in lines if line.strip() in "（）()"] == [], (width, lines)
        pieces = [line[lead:] if line[:4] in ("2019", "    ") else line.strip() for line in lines[2:]]
        entry_text = "".join(pieces).removeprefix("记录：" if lang is Lang.zh else "Entry:")
        assert "".join(entry_text.split()) == "".join(state.split()), (width, lines)
        if width - lead >= wcswidth(group):
            assert any(group in line for line in lines), (width, lines)


def test_at_38_columns_a_back_dated_close_breaks_before_its_bracket():
    assert render_history([entry("33.1", "2019-06-30", "done", recorded=date(2019, 9, 30))],
                          lang=Lang.zh, width=38).split("\n") == [
        "日期        措施  记录",
        "----------  ----  ------------------",
        "2019-06-30  33.1  销号",
        "                  （2019-09-30补录）",
        ""]


def test_at_20_columns_a_folder_s_id_breaks_only_after_its_file():
    """`新疆维吾尔自治区:18.4`, 21 cells, was folded `新疆维吾尔自治` / `区:18.4`, the file's name split."""
    lines = render_history([entry("新疆维吾尔自治区:18.4", "2019-03-10", "report", note="报告")],
                           lang=Lang.zh, width=20).split("\n")
    assert lines[3:6] == ["2019-03-10", "新疆维吾尔自治区:", "18.4"]


@pytest.mark.parametrize("measure", ["新疆维吾尔自治区:18.4", "新疆维吾尔自治区生态:4.2", "xizang_lhasa_prefecture:18.4",
                                     "广西壮族自治区:18.4"])
def test_from_20_to_30_columns_a_folder_s_id_is_whole_over_its_lines(measure):
    """An id wider than the terminal folds, losing no character and cutting none in half; its
    number is never split, and a file's name that fits a line is not broken."""
    file, number = measure.split(":")
    for width in range(20, 31):
        lines = render_history([entry(measure, "2019-03-10", "report", note="报告")], lang=Lang.zh,
                               width=width).split("\n")
        at = lines.index("2019-03-10") + 1 if "2019-03-10" in lines else None
        if at is None:  # (beside its date)
            assert any(line.startswith("2019-03-10  " + measure) for line in lines), (width, lines)
            continue
        ids = list(takewhile(lambda line: not line.startswith("  "), lines[at:]))
        assert "".join(ids) == measure and max(map(wcswidth, lines)) <= width, (width, lines)
        assert any(number in line for line in ids), (width, ids)
        if wcswidth(file) + 1 <= width:
            assert ids[0] in (measure, file + ":"), (width, ids)


# An entry in progress written days later and retracted, the retraction retracted: entries that
# name `推进中` (`in progress`, `progress note`) inside a retraction's brackets, after a date.
WITHDRAWN = [entry("3.1", "2019-02-12", "retracted", note="撤销有误", hash="c" * 64, retracts="b" * 64),
             entry("3.1", "2019-02-11", "retracted", note="记错措施", hash="b" * 64, retracts="a" * 64,
                   recorded=date(2019, 2, 20)),
             entry("3.1", "2019-02-10", "in_progress", note="新划定10个", hash="a" * 64, recorded=date(2019, 2, 20)),
             entry("3.1", "2019-02-01", "in_progress", note="划定60个", hash="d" * 64)]
# (the words of their entries; no note, unit or date holds one)
ENTRY_WORDS = {Lang.zh: ["推进中", "撤回误录", "已撤回", "的撤回", "补录"],
               Lang.en: ["in progress", "progress note", "retracted", "retraction", "written"]}


@pytest.mark.parametrize("lang", [Lang.zh, Lang.en])
def test_from_20_to_80_columns_an_entry_s_words_are_never_split(lang):
    """At 32-36 columns a retraction read `撤回误录（撤回` / `2019-02-10 推进` / `中）`, at 30 `撤回误录（撤`
    / `回`, `（2019-02-20补` / `录）`; in English at 34 `(2019-02-10 progress` / `note)`: a line may
    break between an entry's words, never inside one (each fits a line, beside its date or under it)."""
    wide = render_history(WITHDRAWN, lang=lang, width=400, journal=WITHDRAWN)
    assert "推进中" in wide if lang is Lang.zh else "progress note" in wide  # (the brackets say what was retracted)
    for width in range(20, 81):
        lines = render_history(WITHDRAWN, lang=lang, width=width, journal=WITHDRAWN).rstrip("\n").split("\n")
        text = "\n".join(lines)
        split = [word for word in ENTRY_WORDS[lang] if text.count(word) != wide.count(word)]
        assert split == [] and max(map(wcswidth, lines)) <= width, (width, split, lines)


@pytest.mark.parametrize("lang, width, under", [
    (Lang.en, 30, ["  Entry: in progress", "  (retracted;", "  written 2019-02-20)"]),
    (Lang.en, 28, ["  Entry: in progress", "  (retracted;", "  written 2019-02-20)"]),
    (Lang.zh, 22, ["  记录：推进中", "  （已撤回；", "  2019-02-20补录）"]),
])
def test_a_bracket_wider_than_a_line_under_its_row_breaks_between_its_parts(lang, width, under):
    """At 28-31 columns `(retracted; written 2019-02-20)`, 31 cells, fits no line under its row and
    read `(retracted; written` / `2019-02-20)`, at 22 `（已撤回；2019-02-20` / `补录）`: the day an entry
    was written is never parted from its words; the bracket breaks after its `;`."""
    lines = render_history(WITHDRAWN[2:3], lang=lang, width=width, journal=WITHDRAWN).split("\n")
    assert lines[3:6] == under


def _validated(tmp_path, monkeypatch, folder: str, lang: Lang, width: int) -> list[str]:
    """validate's line for the small fixture copied into `folder`, named from its parent."""
    import shutil

    from rectify_cli.render.journal_text import validated_line

    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    registry = load_registry(f"{folder}/tasks.yaml", use_cache=False)
    return validated_line(registry, bundled=False, lang=lang, width=width).split("\n")


@pytest.mark.parametrize("lang, width, lines", [
    (Lang.zh, 20, ["西藏自治区整改台账/", "tasks.yaml：通过——", "4项整改任务、", "8项具体措施、", "9条进展记录"]),
    (Lang.en, 24, ["西藏自治区整改台账/", "tasks.yaml: ok —", "4 tasks, 8 measures,", "9 journal entries"]),
])
def test_validate_breaks_a_path_wider_than_the_line_after_a_slash(tmp_path, monkeypatch, lang, width, lines):
    """At 20-24 columns `西藏自治区整改台账/tasks.yaml` (28 cells) was cut `西藏自治区整改台账/t` / `asks.yaml`."""
    assert _validated(tmp_path, monkeypatch, "西藏自治区整改台账", lang, width) == lines


@pytest.mark.parametrize("folder, lang, lines", [
    ("整改台账", Lang.zh, ["整改台账/tasks.yaml", "：通过——", "4项整改任务、", "8项具体措施、", "9条进展记录"]),
    ("台账 副本", Lang.en, ["台账 副本/tasks.yaml", ": ok — 4 tasks,", "8 measures,", "9 journal entries"]),
])
def test_validate_keeps_a_path_that_fits_the_line_whole(tmp_path, monkeypatch, folder, lang, lines):
    """At 20 columns a path of 19 or 20 cells, the mark after it one or two more, was cut `整改台账/tasks.yam`
    / `l：`, or at its space, `台账` / `副本/tasks.yaml:`: the path whole on its line, the mark on the next."""
    assert _validated(tmp_path, monkeypatch, folder, lang, 20) == lines


def test_under_its_entry_evidence_wider_than_a_line_is_cut_at_the_end_of_a_line_with_an_ellipsis():
    """A document number of 200 characters, folded, is cut on the line its 60th cell falls on, and says so."""
    lines = render_history([entry("1.1", "2019-06-01", "in_progress", note="n", evidence="x" * 200)],
                           lang=Lang.en, width=30).split("\n")
    assert lines[5:] == ["  Evidence:", "  " + "x" * 28, "  " + "x" * 28, "  " + "x" * 26 + "…", ""]
