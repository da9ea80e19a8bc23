"""`rectify show` on narrow terminals: the brackets a note's cell ends with, the milestones' headings."""
from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from builders import run_cli as run
from rich.cells import cell_len

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def back_dated(tmp_path):
    """The small fixture with two progress notes written on 2019-03-31 for days before it: show
    gives each the day it was written in brackets after it, `（2019-03-31补录）`."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    registry = str(tmp_path / "small" / "tasks.yaml")
    for measure, day, note in [("2.1", "2019-03-20", "已完成围挡（城东、城西两个工地）"),
                               ("3.1", "2019-03-21", "水源地划定已完成，城关区、堆龙德庆区完成验收")]:
        written = run("record", measure, "--state", "in_progress", "--date", day, "--note", note,
                      "--registry", registry, env={"RECTIFY_TODAY": "2019-03-31"})
        assert written.exit_code == 0, written.output
    return registry


def _show(registry: str, item: str, lang: str, width: int) -> list[str]:
    result = run("show", item, "--registry", registry, "--lang", lang,
                 env={"COLUMNS": str(width), "RECTIFY_TODAY": "2019-03-31"})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert max(map(cell_len, lines)) <= width
    return lines


@pytest.mark.parametrize("lang, width, rows", [
    ("zh", 48, ["2019-02-01  推进中  已完成60个水源地划定。",
                "2019-03-21  推进中  水源地划定已完成，城关区、堆",
                "                    龙德庆区完成验收",
                "                    （2019-03-31补录）"]),
    ("en", 54, ["2019-02-01  in progress  已完成60个水源地划定。",
                "2019-03-21  in progress  水源地划定已完成，城关区、堆",
                "                         龙德庆区完成验收",
                "                         (written 2019-03-31)"]),
])
def test_show_keeps_the_day_a_note_was_written_on_whole_where_it_fits_its_column(back_dated, lang, width, rows):
    """In a note's column of 28 or 29 cells the note ended `…完成验收（2019-03-31` / `补录）`, in
    English `…完成验收 (written` / `2019-03-31)`, though the brackets fit a line of it whole."""
    lines = _show(back_dated, "3.1", lang, width)
    start = next(i for i, line in enumerate(lines) if line.startswith("2019-02-01"))
    assert lines[start:] == rows


@pytest.mark.parametrize("lang, written", [("zh", "（2019-03-31补录）"), ("en", "(written 2019-03-31)")])
@pytest.mark.parametrize("item", ["2.1", "3.1"])
def test_show_at_any_width_breaks_no_note_inside_the_day_it_was_written_on_where_it_fits(back_dated, item, lang, written):
    """Beside its entry (or under it, on a terminal too narrow for that), a note's brackets are on a
    line of their own rather than broken, wherever its column (from its heading to the terminal's
    edge) holds them; where it does not, they are broken neither after `（` nor before `）`."""
    heading, note = {"zh": ("进展记录", "进展"), "en": ("History", "Note")}[lang]
    for width in range(20, 80):
        lines = _show(back_dated, item, lang, width)
        notes = lines[lines.index(heading) + 1:]
        assert not [line for line in notes if line.endswith(("（", "(")) or line.lstrip().startswith(("）", ")"))], width
        column = width - cell_len(notes[0][:notes[0].index(note)]) if note in notes[0].split() else width
        if column >= cell_len(written.strip()):
            assert any(line.strip().endswith(written.strip()) for line in notes), (width, notes)


def _milestones(lines: list[str]) -> list[str]:
    """show's milestones table and the lines under it, to the blank line after them."""
    start = next(at for at, line in enumerate(lines) if line in ("整改期限", "Milestones"))
    return lines[start:lines.index("", start)]


@pytest.mark.parametrize("lang, width, table", [
    ("zh", 22, ["整改期限",
                "类型  期限        状态",
                "----------------------",
                "限期  2018-12-31  已销",
                "                  号",
                "长期              长期",
                "坚持              坚持",
                "限期  2020-12-31  按期",
                "                  推进",
                "（终端太窄，未显示：",
                "完成；",
                "见 rectify show 18.4",
                "--format json",
                "-r data/tasks.yaml）"]),
    ("zh", 20, ["整改期限",
                "期限        状态",
                "--------------------",
                "2018-12-31  已销号",
                "            长期坚持",
                "2020-12-31  按期推进",
                "（终端太窄，未显示：",
                "类型、完成；",
                "见 rectify show 18.4",
                "--format json",
                "-r data/tasks.yaml）"]),
    ("en", 30, ["Milestones",
                "Kind     Due         Status",
                "-----------------------------",
                "by date  2018-12-31  closed",
                "ongoing              ongoing",
                "by date  2020-12-31  on track",
                "(Too narrow to show: Done;",
                "see rectify show 18.4",
                "--format json",
                "-r data/tasks.yaml)"]),
    ("en", 24, ["Milestones",
                "Due         Status",
                "--------------------",
                "2018-12-31  closed",
                "            ongoing",
                "2020-12-31  on track",
                "(Too narrow to show:",
                "Kind, Done;",
                "see rectify show 18.4",
                "--format json",
                "-r data/tasks.yaml)"]),
])
def test_show_on_a_narrow_terminal_never_splits_a_milestones_heading(lang, width, table):
    """At 20-24 columns the headings were split, 类 / 型, 状 / 态 (in English Ki / nd, Sta / tus, the
    words of the cells too, clo / sed): a column is as wide as its heading and its widest word, and
    where they do not all fit, the done and then the kind column are left out, and said to be."""
    lines = _show("data/tasks.yaml", "18.4", lang, width)
    assert _milestones(lines) == table


@pytest.mark.parametrize("lang, headings", [("zh", ["类型", "期限", "完成", "状态"]),
                                            ("en", ["Kind", "Due", "Done", "Status"])])
def test_show_at_any_narrow_width_shows_each_milestones_heading_whole_or_says_it_left_it_out(lang, headings):
    for width in range(20, 41):
        table = _milestones(_show("data/tasks.yaml", "18.4", lang, width))
        said = " ".join(table[3:])  # (the rows, and under them the columns left out)
        assert [heading for heading in headings if heading not in table[1].split() and heading not in said] == [], width


@pytest.fixture
def withdrawn(tmp_path):
    """The small fixture with a progress note on 3.1 retracted, and that retraction retracted: the
    entries name `推进中` (`progress note`) after a date in a retraction's brackets, and say `（已撤回）`."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    registry = str(tmp_path / "small" / "tasks.yaml")
    for command in [("record", "3.1", "--state", "in_progress", "--date", "2019-02-10", "--note", "新划定10个"),
                    ("retract", "3.1", "--reason", "记错措施", "--date", "2019-02-11"),
                    ("retract", "3.1", "--reason", "撤销有误", "--entry", "2019-02-11", "--date", "2019-02-12")]:
        written = run(*command, "--registry", registry, env={"RECTIFY_TODAY": "2019-03-31"})
        assert written.exit_code == 0, written.output
    return registry


ENTRY_WORDS = {"zh": ["推进中", "撤回误录", "已撤回", "的撤回"], "en": ["in progress", "progress note", "retraction"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_from_20_to_80_columns_splits_no_word_of_an_entry(withdrawn, lang):
    """The history's entry column read `撤回误录（撤回` / `2019-02-10 推进` / `中）` at 30 columns, `推进中（已`
    / `撤回）` at 40, `（撤` / `回` at 44: a line may break between an entry's words, never inside one."""
    for width in range(20, 81):
        lines = _show(withdrawn, "3.1", lang, width)
        lines = lines[next(i for i, line in enumerate(lines) if line.startswith(("日期", "Date"))):]
        cells = [[cell for cell in re.split(r"\s{2,}", line.strip()) if cell] for line in lines]
        split = [(word, a, b) for word in ENTRY_WORDS[lang] for k in range(1, len(word)) for a, b in zip(cells, cells[1:])
                 if any(one.endswith(word[:k]) for one in a) and any(one.startswith(word[k:].lstrip()) for one in b)]
        assert split == [], (width, split, lines)



def _by_unit(tmp_path, *evidence: str) -> str:
    """The small fixture with an entry of 3.1 naming a unit of 16 cells, 自治区生态环境厅, with a
    long note (and `evidence`, if given)."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    registry = str(tmp_path / "small" / "tasks.yaml")
    written = run("record", "3.1", "--state", "in_progress", "--date", "2019-03-20", "--by", "自治区生态环境厅",
                  "--note", "推进水源地划定工作，完成第二批次水源地保护区划定，城关区、堆龙德庆区完成验收。",
                  *(["--evidence", *evidence] if evidence else []), "--registry", registry,
                  env={"RECTIFY_TODAY": "2019-03-20"})
    assert written.exit_code == 0, written.output
    return registry


# (from the width where the unit's 16 cells fit beside the date, the entry, the note's 16 and the
# evidence's 8, two between columns: 10 + 6 + 16 + 16 (+ 8) + 6 (+ 2) in Chinese; `in progress` is 11)
@pytest.mark.parametrize("lang, heading, evidence, whole_from", [
    ("zh", "进展记录", (), 60), ("zh", "进展记录", ("验收报告",), 64),
    ("en", "History", (), 60), ("en", "History", ("验收报告",), 69),
])
def test_show_keeps_a_unit_that_fits_whole_where_the_note_can_give_way(tmp_path, lang, heading, evidence, whole_from):
    """At 90 columns show's history read the unit 自治区生态环境 / 厅 in a column of 15 cells (with
    no evidence in any entry, the room of an evidence column kept all the same), while the note
    beside it took 50; at 60 columns in English, 自治区生 / 态环境厅 where it fit beside 16 cells
    of note. The unit's name is on one line wherever it fits beside the note's least."""
    registry = _by_unit(tmp_path, *evidence)
    for width in range(whole_from, 121):
        lines = _show(registry, "3.1", lang, width)
        notes = lines[lines.index(heading) + 1:]
        assert any("自治区生态环境厅" in line for line in notes), (width, notes)


@pytest.fixture
def extended(tmp_path):
    """The small fixture with 3.1 extended, with a reason and an approving unit (no note): show's
    history ends with the brackets `（延期至2021-06-30；理由：资金未到位；批准：那曲市）`."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    registry = str(tmp_path / "small" / "tasks.yaml")
    written = run("extend", "3.1", "--to", "2021-06-30", "--reason", "资金未到位", "--approved-by", "那曲市",
                  "--registry", registry, env={"RECTIFY_TODAY": "2019-03-31"})
    assert written.exit_code == 0, written.output
    return registry


@pytest.mark.parametrize("lang, width, rows", [
    ("zh", 40, ["2019-03-31  延期    （延期至2021-06-30；",
                "                    理由：资金未到位；",
                "                    批准：那曲市）"]),
    ("zh", 50, ["2019-03-31  延期    （延期至2021-06-30；",
                "                    理由：资金未到位；",
                "                    批准：那曲市）"]),
    ("zh", 60, ["2019-03-31  延期    （延期至2021-06-30；理由：资金未到位；",
                "                    批准：那曲市）"]),
    ("zh", 80, ["2019-03-31  延期    （延期至2021-06-30；理由：资金未到位；批准：那曲市）"]),
    ("en", 40, ["2019-03-31 extended:",
                "(extended to 2021-06-30;",
                "reason: 资金未到位; approved by 那曲市)"]),
    ("en", 50, ["2019-03-31  extended     (extended to 2021-06-30;",
                "                         reason: 资金未到位;",
                "                         approved by 那曲市)"]),
    ("en", 60, ["2019-03-31  extended     (extended to 2021-06-30;",
                "                         reason: 资金未到位;",
                "                         approved by 那曲市)"]),
    ("en", 80, ["2019-03-31  extended     (extended to 2021-06-30; reason: 资金未到位;",
                "                         approved by 那曲市)"]),
])
def test_show_breaks_an_extensions_brackets_between_their_parts(extended, lang, width, rows):
    """At 50 columns the brackets read `（延期至2021-06-30；理由：资金` / `未到位；批准：那曲市）`, at 60
    `…资金未到位；批` / `准：那曲市）`, in English `reason: 资` / `金未到位;` at 60 and `approved` / `by 那曲市)`
    at 80: wider than their column, they are broken after a part's `；`, not inside a word."""
    lines = _show(extended, "3.1", lang, width)
    assert lines[-len(rows):] == rows


@pytest.mark.parametrize("lang, brackets, parts", [
    ("zh", "（延期至2021-06-30；理由：资金未到位；批准：那曲市）", ["延期至", "理由：", "资金未到位", "批准：", "那曲市"]),
    ("en", "(extended to 2021-06-30; reason: 资金未到位; approved by 那曲市)",
     ["extended to", "reason:", "资金未到位", "approved by", "那曲市"]),
])
def test_show_from_20_to_80_columns_keeps_an_extensions_words_whole_and_all_there(extended, lang, brackets, parts):
    """Wherever its column (or the line under the table) holds a label or a value, it is on one line;
    and the brackets read whole, line after line."""
    heading = {"zh": "进展记录", "en": "History"}[lang]
    for width in range(20, 81):
        lines = _show(extended, "3.1", lang, width)
        history = lines[lines.index(heading) + 1:]
        # (the entry's row beside the note, or under the table the line that begins its note)
        start = max(i for i, line in enumerate(history) if line.startswith("2019-03-31"))
        first, rest = history[start], history[start + 1:]
        pieces = [piece for piece in [first[first.index(brackets[0]):] if brackets[0] in first else "",
                                      *(line.strip() for line in rest)] if piece]
        assert ("" if lang == "zh" else " ").join(pieces) == brackets, (width, pieces)
        # (the cells of a line after the first: under the table the terminal's, beside it the note column's)
        column = width - (len(rest[0]) - len(rest[0].lstrip())) if rest else width
        whole = [part for part in parts if cell_len(part) <= column]
        assert [part for part in whole if not any(part in piece for piece in pieces)] == [], (width, pieces)


@pytest.fixture
def spaced(tmp_path, monkeypatch):
    """The small fixture in a folder whose name a shell splits, `台 账`, the working folder its parent."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "台 账")
    monkeypatch.chdir(tmp_path)
    return "台 账/tasks.yaml"


def _left_out(lines: list[str]) -> list[str]:
    """The line under a narrow table naming what it left out, and the command that shows it, as
    wrapped: from its opening bracket to its closing one."""
    start = next(at for at, line in enumerate(lines) if line.startswith(("（终端太窄", "(Too narrow")))
    end = next(at for at in range(start, len(lines)) if lines[at].endswith(("）", ")")))
    return lines[start:end + 1]


@pytest.mark.parametrize("item, lang, width, footer", [
    ("1.1", "zh", 26, ["（终端太窄，未显示：完成；", "见 rectify show 1.1", "--format json", "-r '台 账/tasks.yaml'）"]),
    ("1.1", "zh", 22, ["（终端太窄，未显示：", "完成；", "见 rectify show 1.1", "--format json -r", "'台 账/tasks.yaml'）"]),
    ("1.1", "en", 30, ["(Too narrow to show: Done;", "see rectify show 1.1", "--format json", "-r '台 账/tasks.yaml')"]),
    # (a task's measures: which of them to show is the reader's choice)
    ("1", "zh", 40, ["（终端太窄，未显示：责任单位、内容；", "见 rectify show <编号>", "-r '台 账/tasks.yaml'）"]),
    ("1", "en", 40, ["(Too narrow to show: Due, Units, Text;", "see rectify show <id>", "-r '台 账/tasks.yaml')"]),
])
def test_the_command_a_narrow_show_points_at_names_the_item_and_the_registry_as_typed(spaced, item, lang, width, footer):
    """`见 rectify show <编号> --format json` under a measure's milestones, pasted, ran nothing (`<编号>`)
    and then showed the ledger found from here: it names the measure asked for, and the ledger -r
    named, quoted for the shell; wider than the line, it takes lines of its own, broken between its
    words only, an option with its value where they fit a line, never inside the path."""
    lines = _show(spaced, item, lang, width)
    assert _left_out(lines) == footer
    if item == "1.1":
        command = " ".join(footer)[" ".join(footer).index("rectify "):].rstrip("）)")
        words = shlex.split(command)
        assert words == ["rectify", "show", "1.1", "--format", "json", "-r", "台 账/tasks.yaml"]
        pasted = run(*words[1:], env={"RECTIFY_TODAY": "2019-03-31"})
        assert pasted.exit_code == 0, pasted.output
        assert json.loads(pasted.stdout)["measure"]["id"] == "1.1"


@pytest.mark.parametrize("item, lang, width, footer", [
    ("1.1", "zh", 26, ["（终端太窄，未显示：完成；", "见 rectify show 1.1", "--format json", "-r '台 账/tasks.yaml'",
                       "--as-of 2019-06-30", "--warn-days 40）"]),
    ("1.1", "en", 30, ["(Too narrow to show: Done;", "see rectify show 1.1", "--format json", "-r '台 账/tasks.yaml'",
                       "--as-of 2019-06-30", "--warn-days 40)"]),
    ("1", "zh", 40, ["（终端太窄，未显示：责任单位、内容；", "见 rectify show <编号>", "-r '台 账/tasks.yaml' --as-of 2019-06-30",
                     "--warn-days 40）"]),
    ("1", "en", 40, ["(Too narrow to show: Due, Units, Text;", "see rectify show <id>", "-r '台 账/tasks.yaml' --as-of 2019-06-30",
                     "--warn-days 40)"]),
])
def test_the_command_a_narrow_show_points_at_judges_the_day_and_rules_the_show_judged(spaced, item, lang, width, footer):
    """Pasted, it judged today by the ledger's own warning days, not the day and rules of the
    screen it was read on: the day as the date it named (2019年6月底); --no-cache and --lang,
    which judge nothing, left out."""
    result = run("show", item, "-r", spaced, "--as-of", "2019年6月底", "--warn-days", "40", "--no-cache", "--lang", lang,
                 env={"COLUMNS": str(width), "RECTIFY_TODAY": "2019-03-31"})
    assert result.exit_code == 0, result.output
    assert _left_out(result.stdout.splitlines()) == footer
    text = " ".join(footer)
    words = shlex.split(text[text.index("rectify "):].rstrip("）)").replace("<编号>", "1.1").replace("<id>", "1.1"))
    pasted = run(*words[1:], *([] if "--format" in words else ["--format", "json"]), env={"RECTIFY_TODAY": "2019-03-31"})
    assert pasted.exit_code == 0, pasted.output
    judged = json.loads(pasted.stdout)
    assert (judged["as_of"], judged["warn_days"], judged["measure"]["id"]) == ("2019-06-30", 40, "1.1")


def test_a_registry_the_show_command_line_did_not_name_is_not_added_to_the_command_it_points_at(spaced):
    """Named by RECTIFY_REGISTRY (still set in the same shell), the ledger is the one the pasted
    command finds: no -r; the item asked for is still named."""
    result = run("show", "1.1", "--lang", "en", env={"COLUMNS": "30", "RECTIFY_TODAY": "2019-03-31",
                                                    "RECTIFY_REGISTRY": spaced})
    assert result.exit_code == 0, result.output
    assert _left_out(result.stdout.splitlines()) == ["(Too narrow to show: Done;", "see rectify show 1.1",
                                                     "--format json)"]


@pytest.mark.parametrize("width", [20, 33, 35])
def test_show_of_the_bundled_ledger_narrow_starts_no_line_with_a_closing_mark(width, monkeypatch):
    """`show 19` read `资源总体规划` / `（2008-2015年）》` / `，明确了…` at 20 and 35 columns, `（2008-2015年）` /
    `》，明确了…` at 33: `（2008-2015年）》，` breaks nowhere and, wider than the column, was folded
    wherever the column ended. Folded, the closing marks go down with the 年 before them. (The
    ledger named as from the checkout: the footer repeats it, and a path kept whole as wide as the
    terminal is followed by its bracket alone, wherever the checkout sits.)"""
    monkeypatch.chdir(ROOT)
    lines = [line.strip() for line in _show("data/tasks.yaml", "19", "zh", width)]
    assert [line for line in lines if line[:1] in set("）」』】》〉，。；：、？！％")] == []
    assert "（2008-2015" in lines and lines[lines.index("（2008-2015") + 1].startswith("年）》，明确了")


@pytest.fixture
def latin_unit(tmp_path):
    """The small fixture with a unit named in English, Edge Environment Bureau, recording on 3.1,
    and a retraction there (a long entry, `撤回误录（撤回 2019-02-10 推进中）`, beside it)."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    plan = tmp_path / "small" / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "units:\n", "units:\n  - name: Edge Environment Bureau\n    kind: department\n", 1), encoding="utf-8")
    for command in [("record", "3.1", "--state", "in_progress", "--date", "2019-02-10", "--note", "Pipes ordered",
                     "--by", "Edge Environment Bureau", "--evidence", "patrol log"),
                    ("record", "3.1", "--state", "in_progress", "--date", "2019-02-11", "--note", "新划定10个"),
                    ("retract", "3.1", "--reason", "记错措施", "--date", "2019-02-12")]:
        written = run(*command, "--registry", str(plan), env={"RECTIFY_TODAY": "2019-03-31"})
        assert written.exit_code == 0, written.output
    return str(plan)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_of_a_task_never_folds_a_units_english_name_inside_a_word(latin_unit, lang):
    """At 90 to 100 columns in Chinese (104 in English) `show 3` gave the unit a column of 8 cells
    beside the retraction's long entry: `Edge` / `Environm` / `ent` / `Bureau`. A unit whose words do
    not fit its column goes under the note, as at 60 columns (`记录单位：Edge Environment Bureau`)."""
    for width in range(60, 131, 2):
        lines = _show(latin_unit, "3", lang, width)
        history = lines[next(i for i, line in enumerate(lines) if line in ("进展记录", "History")):]
        folded = [line for line in history if re.search(r"Environ(?!ment)|(?<!Environ)ment\b", line)]
        assert folded == [], (width, history)


@pytest.mark.parametrize("lang, width, rows", [
    ("zh", 107, ["2019-02-10  3.1   推进中                              Pipes ordered（2019-03-31补录）",
            "                                                      记录单位：Edge Environment Bureau",
            "                                                      佐证：patrol log",
            "2019-02-11  3.1   推进中（已撤回）                    新划定10个（2019-03-31补录）",
            "2019-02-12  3.1   撤回误录（撤回 2019-02-11 推进中）  记错措施（2019-03-31补录）"]),
    ("en", 112, ["2019-02-10  3.1      in progress                           Pipes ordered (written 2019-03-31)",
                 " " * 59 + "By: Edge Environment Bureau",
                 " " * 59 + "Evidence: patrol log",
                 "2019-02-11  3.1      in progress (retracted)               新划定10个 (written 2019-03-31)",
                 "2019-02-12  3.1      retracted (2019-02-11 progress note)  记错措施 (written 2019-03-31)"]),
])
def test_show_puts_unit_and_evidence_under_the_note_rather_than_break_its_brackets(latin_unit, lang, width, rows):
    """At 107 columns (112 in English) `show 3` gave the unit its 23 cells and the evidence a column
    beside a note of 16 cells, `（2019-03-31补` / `录）`, `(written` / `2019-03-31)`, where the note
    could have all the room beside the entry with the unit and evidence under it, as at 104."""
    lines = _show(latin_unit, "3", lang, width)
    start = next(i for i, line in enumerate(lines) if line.startswith("2019-02-10"))
    assert lines[start:] == rows


@pytest.mark.parametrize("lang, written", [("zh", "（2019-03-31补录）"), ("en", "(written 2019-03-31)")])
def test_show_of_a_task_with_a_unit_breaks_no_note_inside_the_day_it_was_written_on(latin_unit, lang, written):
    for width in range(60, 141):
        lines = _show(latin_unit, "3", lang, width)
        history = lines[next(i for i, line in enumerate(lines) if line in ("进展记录", "History")):]
        assert sum(written in line for line in history) == 3, (width, history)  # (each of the three whole)


EDGE_PLAN = """\
registry:
  title: Edge County rectification ledger
  issuer: Edge County Government
  inspection: Central Inspection Team 3
  feedback_date: 2020-01-10
  report_date: 2020-06-30
units:
  - name: Edge Environment Bureau
    kind: department
  - name: 南区
    kind: region
tasks:
  - id: 1
    title: Wastewater plant runs below capacity
    problem: The network is incomplete and sludge piles up.
    deadline:
      text: 2020-12-31 then ongoing
      milestones:
        - {kind: date, due: 2020-12-31}
        - {kind: ongoing}
    reported: {state: on_schedule}
    measures:
      - id: 1
        text: Finish the sewer network by 2020-09-30.
        owners: [Edge Environment Bureau]
        lead: Edge Environment Bureau
        milestones:
          - {kind: date, due: 2020-09-30}
      - id: 2
        text: Stop illegal dumping at once (立即启动).
        owners: [南区]
        lead: 南区
        milestones:
          - {kind: immediate}
      - id: 3
        text: Build two sludge yards, the first by 2020-06-30 and the second by 2020-12-31.
        owners: [南区]
        lead: 南区
        milestones:
          - {kind: date, due: 2020-06-30}
          - {kind: date, due: 2020-12-31}
"""


@pytest.fixture
def edge(tmp_path):
    """A ledger in English text, every entry written on 2026-12-02 for a day years before (show ends
    each note with `（2026-12-02补录）`): a unit and evidence in English words, a step's close
    (`（2020-06-30到期的一步）`), an extension and a retraction (the long entry `撤回误录（撤回 … 推进中）`)."""
    plan = tmp_path / "edge" / "tasks.yaml"
    plan.parent.mkdir()
    plan.write_text(EDGE_PLAN, encoding="utf-8")
    for command in [
        ("record", "1.2", "--state", "done", "--date", "2020-02-01", "--evidence", "patrol log"),
        ("record", "1.1", "--state", "in_progress", "--date", "2020-03-01", "--note", "Pipes ordered",
         "--by", "Edge Environment Bureau"),
        ("record", "1.2", "--state", "reopened", "--date", "2020-05-01", "--note", "Dumping found again"),
        ("record", "1.3", "--state", "done", "--date", "2020-07-05", "--milestone", "2020-06-30",
         "--evidence", "yard 1 accepted"),
        ("extend", "1.1", "--to", "2020-11-30", "--reason", "Winter", "--approved-by", "Edge Environment Bureau",
         "--date", "2020-08-01"),
        ("record", "1.1", "--state", "in_progress", "--date", "2020-08-10", "--note", "Mistake entry"),
        ("retract", "1.1", "--reason", "Recorded by mistake", "--date", "2020-08-12"),
    ]:
        written = run(*command, "--registry", str(plan), env={"RECTIFY_TODAY": "2026-12-02"})
        assert written.exit_code == 0, written.output
    return str(plan)


def _edge_show(registry: str, item: str, lang: str, width: int) -> list[str]:
    result = run("show", item, "--registry", registry, "--lang", lang,
                 env={"COLUMNS": str(width), "RECTIFY_TODAY": "2026-12-02"})
    assert result.exit_code == 0, result.output
    return [line.rstrip() for line in result.stdout.splitlines()]


# (the date brackets show adds after a note, and the registry's English words)
EDGE_DATED = {"zh": ["（2026-12-02补录）", "（2020-06-30到期的一步）"], "en": ["(written 2026-12-02)", "(step due 2020-06-30)"]}
EDGE_WORDS = ["Environment", "Bureau", "Pipes", "ordered", "Dumping", "found", "again", "patrol", "accepted",
              "Winter", "Mistake", "Recorded", "mistake"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("item", ["1", "1.1"])
def test_show_from_40_to_130_columns_breaks_no_date_bracket_and_no_english_word(edge, item, lang):
    """At 46 to 62 columns `show 1` read `（2026-12-02补` / `录）` and `（2020-06-30到期的` / `一步）` in a note
    column of 16 to 22 cells, `show 1.1` at 40 to 50 too (in English `(written` / `2026-12-02)`):
    the note column is as wide as its date brackets, the entry column wrapped to give it them, and
    where it cannot be, the notes go under the table at the terminal's width."""
    heading = {"zh": "进展记录", "en": "History"}[lang]
    for width in range(40, 131):
        lines = _edge_show(edge, item, lang, width)
        assert [line for line in lines if cell_len(line) > width] == [], width
        history = lines[lines.index(heading) + 1:]
        # (each bracket whole on a line: six notes written later, one step's close, of the task; three of 1.1)
        assert [sum(bracket in line for line in history) for bracket in EDGE_DATED[lang]] == \
            {"1": [6, 1], "1.1": [3, 0]}[item], (width, history)
        # (a word's start ending a cell of a line, its rest starting a cell of the next)
        cells = [[cell for cell in re.split(r"\s{2,}", line.strip()) if cell] for line in history]
        split = [(word, a, b) for word in EDGE_WORDS for k in range(1, len(word)) for a, b in zip(cells, cells[1:])
                 if any(re.search(rf"(?<![A-Za-z]){word[:k]}$", one) for one in a)
                 and any(re.match(rf"{word[k:]}(?![A-Za-z])", one) for one in b)]
        assert split == [], (width, split, history)


def test_show_of_a_task_at_50_columns_puts_the_notes_under_its_entries(edge):
    """Beside the date, the measure and the entry wrapped to its widest word, a note has 16 cells,
    fewer than its brackets `（2026-12-02补录）` (18) and `（2020-06-30到期的一步）` (24): each note goes
    under the table, after its row, and its brackets on a line where they fit."""
    lines = _edge_show(edge, "1", "zh", 50)
    assert lines[lines.index("进展记录"):] == [
        "进展记录",
        "日期        措施  记录",
        "-" * 50,
        "2020-02-01  1.2   销号",
        "2020-03-01  1.1   推进中",
        "2020-05-01  1.2   重新打开",
        "2020-07-05  1.3   销号",
        "2020-08-01  1.1   延期",
        "2020-08-10  1.1   推进中（已撤回）",
        "2020-08-12  1.1   撤回误录（撤回 2020-08-10",
        "                  推进中）",
        "2020-02-01 1.2 销号：（2026-12-02补录）",
        "佐证：patrol log",
        "2020-03-01 1.1 推进中：Pipes ordered",
        "（2026-12-02补录）",
        "记录单位：Edge Environment Bureau",
        "2020-05-01 1.2 重新打开：Dumping found again",
        "（2026-12-02补录）",
        "2020-07-05 1.3 销号：（2020-06-30到期的一步）",
        "（2026-12-02补录）",
        "佐证：yard 1 accepted",
        "2020-08-01 1.1 延期：（延期至2020-11-30；",
        "理由：Winter；批准：Edge Environment Bureau；",
        "2026-12-02补录）",
        "2020-08-10 1.1 推进中（已撤回）：Mistake entry",
        "（2026-12-02补录）",
        "2020-08-12 1.1 撤回误录（撤回 2020-08-10",
        "推进中）：Recorded by mistake（2026-12-02补录）",
    ]


def test_show_at_60_columns_gives_the_evidence_its_words_whole_where_the_note_can_spare_them(edge):
    """The evidence column had 8 cells, `patrol` / `log`, beside a note of 26 that needs 18 for
    its brackets: the evidence is as wide as its text where the note keeps what it needs."""
    lines = _edge_show(edge, "1.2", "zh", 60)
    assert lines[lines.index("进展记录"):] == [
        "进展记录",
        "日期        记录      进展                        佐证",
        "-" * 60,
        "2020-02-01  销号      （2026-12-02补录）          patrol log",
        "2020-05-01  重新打开  Dumping found again",
        "                      （2026-12-02补录）",
    ]


def _edge_history(registry: str, item: str | None, lang: str, width: int) -> list[str]:
    result = run("history", *([item] if item else []), "--registry", registry, "--lang", lang,
                 env={"COLUMNS": str(width), "RECTIFY_TODAY": "2026-12-02"})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


# (a bracket holding a date: a step's, the day an entry was written on, the entry a retraction retracts)
_DATE_BRACKET = re.compile(r"[（(][^（）()]*\d{4}-\d\d-\d\d[^（）()]*[）)]")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("item", [None, "1.1"])
def test_history_from_30_to_100_columns_breaks_no_date_bracket_and_cuts_nothing_under_a_row(edge, item, lang):
    """At 40 columns `history` read `销号（2020-06-30` / `到期的一步）` in its 22-cell entry column, and
    cut an extension's approving unit, `批准：Edge Environment…`: an entry whose bracket does not fit
    beside its date and measure goes under them, at the terminal's width, and what goes under a row is
    wrapped, not cut. (Under 33 columns `(retracted; written 2026-12-02)`, 31 cells, fits no line under a row.)"""
    piped = run("history", *([item] if item else []), "--registry", edge, "--lang", lang,
                env={"RECTIFY_TODAY": "2026-12-02"}).stdout
    brackets = sorted(_DATE_BRACKET.findall(piped))
    assert len(brackets) == {None: 9, "1.1": 5}[item]  # (each entry written later; a step; a retraction)
    for width in range(30, 101):
        lines = _edge_history(edge, item, lang, width)
        assert [line for line in lines if cell_len(line) > width] == [], width
        whole = sorted(found for line in lines for found in _DATE_BRACKET.findall(line))
        assert whole == [b for b in brackets if cell_len(b) <= width - 2], (width, lines)
        assert [line for line in lines if line.startswith("  ") and "…" in line] == [], (width, lines)


def test_history_at_40_columns_puts_each_entry_under_its_date_and_measure_its_brackets_whole(edge):
    """Beside its date and measure an entry has 22 cells, fewer than `（2020-06-30到期的一步）` (24): every
    entry goes under its row, named, at the terminal's width; an extension's approving unit is wrapped,
    not cut to `Edge Environment…`."""
    assert _edge_history(edge, None, "zh", 40) == [
        "日期        措施",
        "----------  ----",
        "2020-08-12  1.1",
        "  记录：撤回误录",
        "  （撤回 2020-08-10 推进中）",
        "  （2026-12-02补录）",
        "  理由：Recorded by mistake",
        "2020-08-10  1.1",
        "  记录：推进中（已撤回；2026-12-02补录）",
        "  进展：Mistake entry",
        "2020-08-01  1.1",
        "  记录：延期 → 2020-11-30",
        "  （2026-12-02补录）",
        "  理由：Winter；批准：Edge Environment",
        "  Bureau",
        "2020-07-05  1.3",
        "  记录：销号（2020-06-30到期的一步）",
        "  （2026-12-02补录）",
        "  佐证：yard 1 accepted",
        "2020-05-01  1.2",
        "  记录：重新打开（2026-12-02补录）",
        "  进展：Dumping found again",
        "2020-03-01  1.1",
        "  记录：推进中（2026-12-02补录）",
        "  进展：Pipes ordered",
        "  记录单位：Edge Environment Bureau",
        "2020-02-01  1.2",
        "  记录：销号（2026-12-02补录）",
        "  佐证：patrol log",
    ]
