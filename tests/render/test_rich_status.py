"""`rectify status` / `rectify show` as people see them: pinned snapshots of the small fixture,
plus the properties a snapshot cannot show (alignment, narrow terminals, hostile text)."""
from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from itertools import takewhile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len

from rectify_cli.console import make_console
from rectify_cli.engine import evaluate, select
from rectify_cli.errors import UsageError
from rectify_cli.i18n import Lang
from rectify_cli.registry import load_registry
from rectify_cli.render.rich_status import print_show, print_status

REPO = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
FIXTURE = "tests/fixtures/small/tasks.yaml"  # relative: it is printed in the header
AS_OF = date(2019, 3, 31)


@pytest.fixture(autouse=True)
def _repo_cwd(monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("NO_COLOR", raising=False)


def _registry():
    return load_registry(FIXTURE, today=AS_OF)


def _report(registry, as_of=AS_OF):
    return evaluate(plan=registry.plan, journal=registry.journal, as_of=as_of)


def render_status(registry=None, *, as_of=AS_OF, lang=Lang.zh, measures=False, width=100, report=None,
                  colour: str | None = None, today=None) -> str:
    """`colour`: a Rich colour system, for a console that writes escape codes as on a terminal;
    `today`: the day it is run, when not the day judged (`as_of`)."""
    registry = registry or _registry()
    report = report or _report(registry, as_of)
    out = io.StringIO()
    if colour is None:
        console = make_console(file=out, width=width)
    else:
        from rich.console import Console

        console = Console(file=out, width=width, force_terminal=True, color_system=colour, markup=False, emoji=False,
                          highlight=False)
    print_status(console, report, registry=registry, lang=lang, measures=measures, today=today or as_of)
    return out.getvalue()


def render_show(item_id, registry=None, *, lang=Lang.zh, width=100) -> str:
    registry = registry or _registry()
    out = io.StringIO()
    print_show(make_console(file=out, width=width), _report(registry), item_id, registry=registry, lang=lang)
    return out.getvalue()


def assert_snapshot(name: str, text: str) -> None:
    """Compare with tests/render/snapshots/<name>. A missing or different snapshot fails and
    leaves the rendered text in <name>.new for a human to review (and rename to accept)."""
    path = SNAPSHOTS / name
    new = path.with_name(name + ".new")
    if not path.exists():
        new.write_text(text, encoding="utf-8", newline="")
        pytest.fail(f"no snapshot {path.name}: rendered output written to {new} for review")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        new.write_text(text, encoding="utf-8", newline="")
    assert text == expected, f"differs from {path.name}; see {new.name}"


def _table_lines(text: str) -> list[str]:
    """The table: the lines after the first blank line (header, rule, rows), but the line under it
    giving the plan's deadlines of extended measures."""
    lines = text.splitlines()
    return [line for line in lines[lines.index("") + 1:] if not line.startswith(("已延期，原定期限：", "Extended, first due: "))]


# --------------------------------------------------------------------------- snapshots


@pytest.mark.parametrize(
    "name, lang, measures",
    [
        ("status_zh.txt", Lang.zh, False),
        ("status_en.txt", Lang.en, False),
        ("status_measures_zh.txt", Lang.zh, True),
        ("status_measures_en.txt", Lang.en, True),
    ],
)
def test_status_snapshot(name, lang, measures):
    assert_snapshot(name, render_status(lang=lang, measures=measures))


@pytest.mark.parametrize(
    "name, item_id, lang",
    [
        ("show_measure_4.2_zh.txt", "4.2", Lang.zh),
        ("show_measure_4.2_en.txt", "4.2", Lang.en),
        ("show_measure_1.1_zh.txt", "1.1", Lang.zh),
        ("show_task_4_zh.txt", "4", Lang.zh),
        ("show_task_4_en.txt", "4", Lang.en),
    ],
)
def test_show_snapshot(name, item_id, lang):
    assert_snapshot(name, render_show(item_id, lang=lang))


# --------------------------------------------------------------------------- status


def test_status_rows_are_worst_first():
    rows = _table_lines(render_status())[2:]
    assert [row.split()[0] for row in rows] == ["1", "2", "3", "4"]
    rows = _table_lines(render_status(measures=True))[2:]
    assert [row.split()[0] for row in rows] == ["1.1", "2.1", "3.2", "4.2", "3.1", "2.2", "1.2", "4.1"]


# (the state column as wide as 4.1's, closed 127 days after its 立即启动 was due: 已销号（逾期127天销号）)
@pytest.mark.parametrize("lang, head, overdue, due_soon", [
    (Lang.zh, "措施  灯  状态                     期限        责任单位              内容",
     "1.1   红  逾期90天                 2018-12-31  拉萨市                拉萨市建成城东污水处理厂（2018…",
     "2.1   黄  临期                     2019-04-15  那曲市                那曲市完成建筑工地围挡硬化（20…"),
    (Lang.en, "Measure  Light   Status                  Due         Units                 Text",
     "1.1      red     90 days overdue         2018-12-31  拉萨市                拉萨市建成城东污水处理厂…",
     "2.1      yellow  due soon                2019-04-15  那曲市                那曲市完成建筑工地围挡硬…"),
])
def test_an_overdue_measure_gives_its_days_as_its_state_and_its_missed_date_as_its_due(lang, head, overdue, due_soon):
    """The state said 逾期 and the deadline 逾期90天: the date missed was nowhere in the table."""
    table = _table_lines(render_status(lang=lang, measures=True))
    assert (table[0], table[2], table[3]) == (head, overdue, due_soon)


def test_an_overdue_task_without_measures_gives_its_days_and_its_missed_date_too():
    registry = _registry()
    task = replace(registry.plan.tasks[0], measures=())
    registry = replace(registry, plan=replace(registry.plan, tasks=(task, *registry.plan.tasks[1:])),
                       journal=tuple(e for e in registry.journal if not e.measure.startswith("1.")))
    rows = _table_lines(render_status(registry, measures=True))[2:]
    assert rows[0] == "1     红  逾期90天" + " " * 17 + "2018-12-31" + " " * 24 + "污水处理设施建设滞后"  # (4.1's state: 23 cells)
    assert "截至 2019-03-31  红  逾期90天  期限 2018-12-31" in render_show("1", registry).splitlines()


@pytest.mark.parametrize("measures", [False, True])
@pytest.mark.parametrize("width", [80, 100, 200])
def test_zh_table_lines_end_within_the_rule_and_columns_line_up(measures, width):
    table = _table_lines(render_status(measures=measures, width=width))
    # (the rule under the header spans the table: off a terminal no line carries its padding)
    assert max(cell_len(line) for line in table) == cell_len(table[1]) and set(table[1]) <= {"-", " "}
    # The light column (灯) starts at the same cell offset on every line.
    header, rows = table[0], table[2:]
    offset = cell_len(header[: header.index("灯")])
    for row in rows:
        light = next(i for i, ch in enumerate(row) if ch in "红黄绿")
        assert cell_len(row[:light]) == offset, row


def test_narrow_terminal_truncates_titles_with_an_ellipsis():
    text = render_status(width=60)
    assert max(cell_len(line) for line in text.splitlines()) <= 60
    rows = _table_lines(text)[2:]
    row3 = next(row for row in rows if row.startswith("3 "))
    assert "饮用水水源地保护区划定滞后" not in row3
    assert "饮用水" in row3 and "…" in row3
    measure_text = render_status(width=60, measures=True)
    assert max(cell_len(line) for line in measure_text.splitlines()) <= 60


def test_wide_terminal_shows_titles_whole():
    rows = _table_lines(render_status(width=200))[2:]
    assert "饮用水水源地保护区划定滞后" in rows[2]
    assert "…" not in "".join(rows)


def test_very_long_title_is_cut_at_the_column_not_wrapped():
    registry = _registry()
    long_title = "对国家生态安全屏障重要性认识不够深刻" * 10
    tasks = (replace(registry.plan.tasks[0], title=long_title),) + registry.plan.tasks[1:]
    registry = replace(registry, plan=replace(registry.plan, tasks=tasks))
    for width in (80, 200):
        table = _table_lines(render_status(registry, width=width))
        assert len(table) == 2 + 4  # header, rule, one line per task
        assert max(cell_len(line) for line in table) <= width
        assert "…" in table[2]


# -- narrow terminals: free text gives way; ids, dates, counts, lights and days are never cut ------
def _bundled(*, lang, width, measures=False):
    """`status` of the bundled ledger on 2019-09-30 (tasks up to 457 days overdue)."""
    registry = load_registry("data/tasks.yaml", today=date(2019, 9, 30))
    return render_status(registry, as_of=date(2019, 9, 30), lang=lang, width=width, measures=measures)


def _note(table: list[str], rows: int) -> str:
    """The lines under a table of `rows` rows, joined (a wrapped line's breaks dropped)."""
    return "".join("".join(table[rows + 2:]).split())


@pytest.mark.parametrize("lang, width, head, rows, note", [
    (Lang.zh, 50, "任务  整改时限    报告进度        完成  灯   逾期",
     ["35    2020-12-31  序时推进         2/5  红  457天",
      "33    2019-06-30  序时推进         0/2  红   92天",
      "2     立行立改    取得阶段性成效   0/5  黄"],
     "（终端太窄，未显示：问题；见 rectify show <编号>）"),
    (Lang.en, 50, "Task  Deadline    Completed  Light    Overdue",
     ["35    2020-12-31        2/5  red     457 days",
      "33    2019-06-30        0/2  red      92 days",
      "2     at once           0/5  yellow"],
     "(Too narrow to show: Problem, Reported; see rectify show <id>)"),
    (Lang.en, 60, "Task  Problem        Deadline    Completed  Light    Overdue",
     ["35    污水管网建设…  2020-12-31        2/5  red     457 days",
      "33    拉萨市、日喀…  2019-06-30        0/2  red      92 days",
      "2     各地市和自治…  at once           0/5  yellow"],
     "(Too narrow to show: Reported; see rectify show <id>)"),
])
def test_a_narrow_task_table_leaves_out_free_text_not_dates_or_days(lang, width, head, rows, note):
    """At 50 columns the deadline read `2020…`, the problem `污 …` beside a whole 取得阶段性成效;
    in English the problem and deadline columns were gone, `Ta…`, `Complet…`, `457 da…`."""
    table = _table_lines(_bundled(lang=lang, width=width))
    assert table[0] == head and set(table[1]) == {"-"}
    assert [row for row in rows if row not in table] == []
    assert _note(table, 45) == "".join(note.split())


@pytest.mark.parametrize("lang, width, head, row, note", [
    (Lang.zh, 50, "措施  灯  状态       期限        内容", "35.3  红  逾期457天  2018-06-30  已建成生活污水收…",
     "（终端太窄，未显示：责任单位；见 rectify show <编号>）"),
    (Lang.en, 50, "Measure  Light   Status            Due", "35.3     red     457 days overdue  2018-06-30",
     "(Too narrow to show: Units, Text; see rectify show <id>)"),
])
def test_a_narrow_measure_table_leaves_out_free_text_not_dates_or_days(lang, width, head, row, note):
    """At 50 columns in English the units and text columns were one cell each (`…`, `T…`)."""
    table = _table_lines(_bundled(lang=lang, width=width, measures=True))
    assert table[0] == head and table[2] == row
    assert _note(table, 179) == "".join(note.split())


@pytest.mark.parametrize("lang, measures, lines", [
    (Lang.zh, False, ["（终端太窄，未显示：问题；见 rectify show <编号>）"]),
    (Lang.en, False, ["(Too narrow to show: Problem, Reported;", "see rectify show <id>)"]),
    (Lang.zh, True, ["（终端太窄，未显示：责任单位；", "见 rectify show <编号>）"]),
    (Lang.en, True, ["(Too narrow to show: Units, Text;", "see rectify show <id>)"]),
])
def test_the_line_naming_what_a_narrow_table_left_out_wraps_between_its_parts(lang, measures, lines):
    """At 50 columns `全部）` stood alone on the second line, and in English `shows all)`."""
    table = _table_lines(_bundled(lang=lang, width=50, measures=measures))
    assert table[-len(lines):] == lines
    assert table[-len(lines) - 1][0].isdigit()  # (the table's last row right above them)


@pytest.mark.parametrize("measures", [False, True])
@pytest.mark.parametrize("width", [50, 60, 80, 120])
@pytest.mark.parametrize("lang", list(Lang))
def test_every_table_line_fits_and_only_free_text_is_cut(lang, width, measures):
    text = _bundled(lang=lang, width=width, measures=measures)
    assert max(map(cell_len, text.splitlines())) <= width
    table = _table_lines(text)[: (179 if measures else 45) + 2]
    head, rows = table[0], table[2:]

    def offset(word: str) -> int:
        return cell_len(head[: head.index(word)])

    if measures:  # id, light, state and due come before the units and the text
        free = [offset(word) for word in ("责任单位", "内容", "Units", "Text") if word in head]
        whole = [row[: len(row) - len(_drop_cells(row, min(free)))] if free else row for row in rows]
    else:  # the id, then (after the problem) the deadline and all after it
        deadline = offset("整改时限" if lang == Lang.zh else "Deadline")
        whole = [row.split()[0] + " " + _drop_cells(row, deadline) for row in rows]
    assert [part for part in whole if "…" in part] == []
    light = offset("灯" if lang == Lang.zh else "Light")  # (lights line up under their header)
    assert [row for row in rows if _drop_cells(row, light)[:1] not in "红黄绿ryg"] == []


@pytest.fixture
def long_named_folder(tmp_path):
    """A folder of two copies of the bundled ledger, one in a file with a long Chinese name: its
    ids (新疆维吾尔自治区:35) take 19 cells, as a national ledger's folder has them."""
    for stem in ("新疆维吾尔自治区", "xizang"):
        text = (REPO / "data" / "tasks.yaml").read_text(encoding="utf-8")
        (tmp_path / f"{stem}.yaml").write_text(text.replace("title: ", f"title: {stem}", 1), encoding="utf-8")
        (tmp_path / f"{stem}.progress.yaml").write_bytes((REPO / "data" / "progress.yaml").read_bytes())
    return load_registry(tmp_path, today=date(2019, 9, 30))


@pytest.mark.parametrize("lang, width, measures", [
    *((Lang.zh, width, measures) for width in (40, 44, 50) for measures in (False, True)),
    # (English: its measures' table needs 21 cells of id and 16 of `457 days overdue`, and the
    # README promises no English table under 45 cells)
    (Lang.en, 40, False), (Lang.en, 44, False), (Lang.en, 50, False), (Lang.en, 50, True)])
def test_long_folder_ids_stay_whole_and_what_gives_way_is_named(long_named_folder, lang, width, measures):
    """At 44 columns the ids were cut to `新疆维吾尔自治区…` (two tasks looked alike), and so were
    the deadline (`2020-12-…`) and the days (`3076…`); at 40 the light column was gone, unnamed."""
    text = render_status(long_named_folder, as_of=date(2019, 9, 30), lang=lang, width=width, measures=measures)
    assert max(map(cell_len, text.splitlines())) <= width
    table = _table_lines(text)
    count = 2 * (179 if measures else 45)
    rows, under = table[2:2 + count], "".join("".join(table[2 + count:]).split())
    ids = [row.split()[0] for row in rows]
    assert [i for i in ids if "…" in i] == [] and len(set(ids)) == count
    light = cell_len(table[0][: table[0].index("灯" if lang == Lang.zh else "Light")])
    assert [row for row in rows if _drop_cells(row, light)[:1] not in "红黄绿ryg"] == []
    assert [row for row in rows if "…" in row.split()[-1]] == []  # (the days, or a state: never cut)
    headers = {Lang.zh: ["问题", "整改时限", "报告进度", "完成"] if not measures else ["期限", "责任单位", "内容"],
               Lang.en: ["Problem", "Deadline", "Reported", "Completed"] if not measures else ["Due", "Units", "Text"]}[lang]
    assert [h for h in headers if h not in table[0] and h not in under] == []


@pytest.fixture
def closed_late_folder(tmp_path):
    """A folder of two copies of the small fixture, one in a file with a long Chinese name: ids of
    20 cells (新疆维吾尔自治区:4.1), beside 4.1's state, closed 127 days late (24 cells in Chinese)."""
    for stem in ("新疆维吾尔自治区", "xizang"):
        text = (REPO / FIXTURE).read_text(encoding="utf-8")
        (tmp_path / f"{stem}.yaml").write_text(text.replace("title: ", f"title: {stem}", 1), encoding="utf-8")
        (tmp_path / f"{stem}.progress.yaml").write_bytes((REPO / "tests/fixtures/small/progress.yaml").read_bytes())
    return load_registry(tmp_path, today=AS_OF)


@pytest.mark.parametrize("lang, width, row, under", [
    (Lang.zh, 45, ["新疆维吾尔自治区:4.1", "绿", "已销号"], "逾期销号：xizang:4.1（逾期127天销号）、新疆维吾尔自治区:4.1（逾期127天销号）"),
    (Lang.en, 45, ["新疆维吾尔自治区:4.1", "green", "closed"],
     "Closed late: xizang:4.1 (127 days late), 新疆维吾尔自治区:4.1 (127 days late)"),
    (Lang.en, 50, ["新疆维吾尔自治区:4.1", "green", "closed"],
     "Closed late: xizang:4.1 (127 days late), 新疆维吾尔自治区:4.1 (127 days late)"),
])
def test_a_late_close_gives_its_days_under_the_table_rather_than_cut_an_id_or_a_light(closed_late_folder, lang, width,
                                                                                      row, under):
    """At 50 columns in English the ids read `新疆维吾尔自治区:1…`; at 45 the lights `yel…`, and in
    Chinese the light column was gone, unnamed: `已销号（逾期127天销号）` and the ids took all the room."""
    text = render_status(closed_late_folder, lang=lang, width=width, measures=True)
    table = _table_lines(text)
    assert row in [line.split() for line in table[2:18]]
    assert "".join(under.split()) in _note(table, 16)


@pytest.mark.parametrize("lang", list(Lang))
def test_the_lines_under_a_narrow_measures_table_never_break_an_id(closed_late_folder, lang):
    """At 45 columns `已延期，原定期限：xizang:4.2 2019-06-30、新疆` ended a line, `维吾尔自治区:4.2` began
    the next (in English at 50, `新疆维` and `吾尔自治区:4.2`): one id read as two."""
    for width in range(45, 61):
        under = _table_lines(render_status(closed_late_folder, lang=lang, width=width, measures=True))[18:]
        # (the plan's deadline of the extended 4.2, and 4.1's late close)
        extended = render_status(closed_late_folder, lang=lang, width=width, measures=True).splitlines()[-2:]
        assert [i for i in ("新疆维吾尔自治区:4.1", "xizang:4.1") if not any(i in line for line in under)] == [], width
        assert [i for i in ("新疆维吾尔自治区:4.2", "xizang:4.2") if not any(i in line for line in extended)] == [], width


@pytest.mark.parametrize("folder", [False, True])
@pytest.mark.parametrize("measures", [False, True])
@pytest.mark.parametrize("lang", list(Lang))
def test_at_45_to_60_columns_ids_lights_and_dates_stay_whole_and_a_late_close_is_said(closed_late_folder, folder,
                                                                                      measures, lang):
    registry = closed_late_folder if folder else _registry()
    light_word = "灯" if lang == Lang.zh else "Light"
    rows_count = (8 if measures else 4) * (2 if folder else 1)
    days = "（逾期127天销号）" if lang == Lang.zh else "(127 days late)"
    for width in range(45, 61):
        text = render_status(registry, lang=lang, width=width, measures=measures)
        assert max(map(cell_len, text.splitlines())) <= width, width
        table = _table_lines(text)
        head, rows = table[0], table[2:2 + rows_count]
        under = "".join("".join(table[2 + rows_count:]).split())
        ids = [row.split()[0] for row in rows]
        assert [i for i in ids if "…" in i] == [] and len(set(ids)) == rows_count, width
        light = cell_len(head[: head.index(light_word)])
        assert {_drop_cells(row, light).split()[0] for row in rows} <= {"红", "黄", "绿", "red", "yellow", "green"}, width
        # (only free text is cut: the measures' units and text, at the end; the tasks' problem, after the id)
        if measures:
            free = [cell_len(head[: head.index(word)]) for word in ("责任单位", "内容", "Units", "Text") if word in head]
            whole = [row[: len(row) - len(_drop_cells(row, min(free)))] if free else row for row in rows]
        else:
            words = head.split()
            problem = "问题" if lang == Lang.zh else "Problem"
            after = cell_len(head[: head.index(words[words.index(problem) + 1])]) if problem in words else 0
            whole = [row.split()[0] + " " + _drop_cells(row, after) for row in rows]
        assert [part for part in whole if "…" in part] == [], width
        if measures:  # 4.1, closed 127 days late: said in its row or else under the table
            for row in rows:
                if row.split()[0].endswith("4.1"):
                    said_under = "".join(f"{row.split()[0]}{days}".split()) in under
                    assert (days in row) != said_under, (width, row, under)


# The task table's columns but the problem (free text, cut to the room left) in the order they give
# way on a narrow terminal: the late closes' count first, the deadline last.
GIVING_WAY = {Lang.zh: ["逾期销号", "报告进度", "完成", "整改时限"], Lang.en: ["Closed late", "Reported", "Completed", "Deadline"]}


@pytest.mark.parametrize("lang, width, head", [
    (Lang.zh, 45, "任务                整改时限    灯  逾期"),
    (Lang.en, 47, "Task                Deadline    Light   Overdue"),
])
def test_a_narrow_task_table_shows_the_deadline_before_the_count_of_late_closes(closed_late_folder, lang, width, head):
    """At 45 columns the count of late closes (逾期销号), the first column to give way, was shown
    while the deadline (整改时限) and the reported state were left out: it filled the room they left."""
    assert _table_lines(render_status(closed_late_folder, lang=lang, width=width))[0] == head
    for width in range(36, 101):
        table = _table_lines(render_status(closed_late_folder, lang=lang, width=width))
        shown = [column for column in GIVING_WAY[lang] if column in table[0]]
        assert shown == GIVING_WAY[lang][len(GIVING_WAY[lang]) - len(shown):], (width, table[0])


@pytest.mark.parametrize("measures", [False, True])
@pytest.mark.parametrize("lang", list(Lang))
def test_under_45_columns_a_state_is_cut_before_an_id_or_a_light(monkeypatch, closed_late_folder, lang, measures):
    """In English at 40 columns the ids read `新疆维吾尔自治区:…` and the lights `yel…`: 20 cells of id,
    6 of light and 15 of `90 days overdue` do not fit, and Rich cut every column. Row by row too."""
    rows_count = 16 if measures else 8
    for width in range(40, 45):
        text = by_rich_and_by_rows(monkeypatch, closed_late_folder, lang=lang, width=width, measures=measures)
        assert max(map(cell_len, text.splitlines())) <= width, width
        table = _table_lines(text)
        rows = table[2:2 + rows_count]
        ids = [row.split()[0] for row in rows]
        assert [i for i in ids if "…" in i] == [] and len(set(ids)) == rows_count, width
        light = cell_len(table[0][: table[0].index("灯" if lang == Lang.zh else "Light")])
        assert {_drop_cells(row, light).split()[0] for row in rows} <= {"红", "黄", "绿", "red", "yellow", "green"}, width


@pytest.mark.parametrize("lang", list(Lang))
def test_down_to_28_columns_an_id_of_the_measures_table_stays_whole(monkeypatch, closed_late_folder, lang):
    """In English at 31 columns and under Rich cut every column: `新疆维吾尔自治…`, two ids alike, and the
    light `…`: 20 cells of id and 6 of `yellow` left the state none. The light is cut too, then, as the
    state is (`ye…`), never an id; row by row too."""
    for width in range(28, 40):
        text = by_rich_and_by_rows(monkeypatch, closed_late_folder, lang=lang, width=width, measures=True)
        assert max(map(cell_len, text.splitlines())) <= width, width
        rows = _table_lines(text)[2:18]
        ids = [row.split()[0] for row in rows]
        assert [i for i in ids if "…" in i] == [] and len(set(ids)) == 16, (width, ids)
        assert {row.split()[1][:1] for row in rows} <= {"红", "黄", "绿", "r", "y", "g"}, (width, rows)  # (r…, ye…)
    rows = _table_lines(render_status(closed_late_folder, lang=Lang.en, width=30, measures=True))[2:4]
    assert rows == ["xizang:1.1            red  90…", "新疆维吾尔自治区:1.1  red  90…"]


def _headers(head: str) -> list[str]:
    """A table's column headers, from its header line (two spaces or more between them)."""
    return [header.strip() for header in head.split("  ") if header.strip()]


@pytest.mark.parametrize("measures", [False, True])
@pytest.mark.parametrize("lang", list(Lang))
def test_from_20_to_30_columns_what_gives_way_is_named_and_ids_stay_whole(monkeypatch, closed_late_folder, lang, measures):
    """Beside a folder's ids of 19-20 cells, at 20-28 columns `--measures` dropped the light column
    unnamed (`措施  状态`) and cut the ids (`新疆维吾尔自治区…`); the tasks' table did the same in Chinese
    at 24-26 and cut every id in English (`新疆维吾尔自治…`, `yel…`, `90 …`). A column either shows its
    header (cut, a character of it at least) or is named under the table; row by row too."""
    rows_count = 16 if measures else 8
    full = _headers(_table_lines(render_status(closed_late_folder, lang=lang, width=200, measures=measures))[0])
    for width in range(20, 31):
        text = by_rich_and_by_rows(monkeypatch, closed_late_folder, lang=lang, width=width, measures=measures)
        assert max(map(cell_len, text.splitlines())) <= width, width
        table = _table_lines(text)
        head, rows = _headers(table[0]), table[2:2 + rows_count]
        under = "".join("".join(table[2 + rows_count:]).split())
        ids = [row.split()[0] for row in rows]
        assert [i for i in ids if "…" in i] == [] and len(set(ids)) == rows_count, (width, ids)
        shown = [h for h in head if "…" not in h] + [h[:-1] for h in head if h.endswith("…") and len(h) > 1]
        missing = [h for h in full if not any(h.startswith(part) for part in shown) and "".join(h.split()) not in under]
        assert missing == [], (width, table[0], under)
        assert "…" not in head, (width, table[0])  # (no column cut to nothing)


def test_the_progress_bar_shortens_to_fit():
    """In English at 50 columns the bar's line was 55 cells: `50%` wrapped onto a line of its own."""
    assert "Completed [############-------------]  91/179  50%" in _bundled(lang=Lang.en, width=50).splitlines()
    assert "完成 [###############---------------]  91/179  50%" in _bundled(lang=Lang.zh, width=50).splitlines()
    assert "完成 [##########----------]  91/179  50%" in _bundled(lang=Lang.zh, width=40).splitlines()


def test_on_a_very_narrow_terminal_the_bar_gives_way_its_figures_never_split():
    """At 20 to 22 columns in English the bar's line wrapped where Rich wrapped it: `Completed`,
    `[#####-----]  91/179`, then `50%` alone. The label goes on its own line, the bar shorter
    beside the figures; where even a short bar leaves them no room, the figures go under it."""
    def bar_lines(lang, width):
        lines = _bundled(lang=lang, width=width).splitlines()
        start = next(n for n, line in enumerate(lines) if line.startswith(("完成", "Completed")))
        return lines[start:next(n for n in range(start, len(lines)) if "91/179" in lines[n]) + 1]

    assert bar_lines(Lang.en, 22) == ["Completed", "[###----]  91/179  50%"]
    assert bar_lines(Lang.en, 20) == ["Completed", "[##---]  91/179  50%"]
    assert bar_lines(Lang.zh, 20) == ["完成", "[##---]  91/179  50%"]
    assert bar_lines(Lang.zh, 29) == ["完成", "[#######-------]  91/179  50%"]
    assert bar_lines(Lang.zh, 30) == ["完成 [#####-----]  91/179  50%"]  # (as before)
    # (a late close's clause under the figures, as at 36 columns)
    late = render_status(lang=Lang.en, width=20).splitlines()
    start = late.index("Completed")
    assert late[start:start + 3] == ["Completed", "[##------]  2/8  25%", "(1 closed late)"]
    for lang in (Lang.zh, Lang.en):
        for width in range(20, 81):
            lines = bar_lines(lang, width)
            assert max(map(cell_len, lines)) <= width, (lang, width, lines)
            assert lines[-1].endswith("91/179  50%"), (lang, width, lines)




def test_registry_text_is_printed_literally_never_as_markup_or_escape_codes():
    registry = _registry()
    hostile = "[bold red]x[/] \x1b]0;pwned\x07"
    task = registry.plan.tasks[0]
    measure = replace(task.measures[0], text=hostile + "（2018年12月31日）", owners=(hostile,), lead=hostile)
    task = replace(task, title=hostile, problem=hostile, measures=(measure,) + task.measures[1:])
    meta = replace(registry.plan.meta, title=hostile)
    registry = replace(registry, plan=replace(registry.plan, meta=meta, tasks=(task,) + registry.plan.tasks[1:]))
    outputs = [
        render_status(registry, width=200),
        render_status(registry, width=200, measures=True),
        render_show("1", registry, width=200),
        render_show("1.1", registry, width=200),
    ]
    for text in outputs:
        assert "[bold red]x[/] \\x1b]0;pwned\\x07" in text
        assert "\x1b" not in text and "\x07" not in text


def test_a_ledger_not_updated_for_less_than_a_month_is_not_about_0_months():
    """A short reporting period (7 days) warned "15 days (about 0 months)"."""
    registry = _registry()
    report = evaluate(plan=registry.plan, journal=registry.journal, as_of=date(2019, 3, 25), report_period_days=7)
    assert render_status(registry, as_of=date(2019, 3, 25), report=report).splitlines()[2] == \
        "注意：台账已 15 天未更新，超过报告周期 7 天。"
    assert render_status(registry, as_of=date(2019, 3, 25), report=report, lang=Lang.en, width=200).splitlines()[2] == \
        "Warning: the ledger has not been updated for 15 days, longer than the 7-day reporting period."


def test_header_warns_when_the_ledger_has_not_been_updated_for_a_period():
    text = render_status(as_of=date(2019, 9, 30))
    assert text.splitlines()[1:3] == [
        "截至 2019-09-30  最近一次记录 2019-03-10（204天前）",
        "注意：台账已 204 天（约 7 个月）未更新，超过报告周期 90 天。",
    ]
    text = render_status(as_of=date(2019, 9, 30), lang=Lang.en, width=200)
    assert text.splitlines()[2] == (
        "Warning: the ledger has not been updated for 204 days (about 7 months), "
        "longer than the 90-day reporting period."
    )


@pytest.mark.parametrize("lang, today, said", [
    (Lang.en, AS_OF, "As of 2019-03-31  Latest entry 2019-03-10 (21 days ago)"),
    (Lang.en, date(2019, 5, 1), "As of 2019-03-31 (today is 2019-05-01)  Latest entry 2019-03-10 (21 days before)"),
    (Lang.zh, AS_OF, "截至 2019-03-31  最近一次记录 2019-03-10（21天前）"),
    (Lang.zh, date(2019, 5, 1), "截至 2019-03-31（今天是 2019-05-01）  最近一次记录 2019-03-10（早于截至日21天）"),
])
def test_header_counts_the_latest_entry_back_from_the_day_judged(lang, today, said):
    """English said `(21 days earlier)`: earlier than what? Counted to the day judged: `ago` when
    that is today, `before` (it, named just before) when status is run --as-of another day. The
    Chinese said 21天前 both ways, just after 今天是 2019-05-01: 21 days before today, read."""
    out = io.StringIO()
    print_status(make_console(file=out, width=100), _report(_registry()), registry=_registry(), lang=lang,
                 measures=False, today=today)
    assert out.getvalue().splitlines()[1] == said



def test_the_header_breaks_a_line_before_a_bracket_rather_than_inside_it():
    """Narrow, as of another day, the header broke （早于截 / 至日204天） and （今 / 天是 …）
    inside their words: a bracket that fits a line goes whole onto the next."""
    lines = render_status(as_of=date(2019, 9, 30), today=date(2019, 10, 8), width=32).splitlines()
    assert lines[2:6] == ["截至 2019-09-30", "（今天是 2019-10-08）", "最近一次记录 2019-03-10", "（早于截至日204天）"]
    lines = render_status(as_of=date(2019, 9, 30), today=date(2019, 10, 8), width=40).splitlines()
    assert lines[2:5] == ["截至 2019-09-30（今天是 2019-10-08）", "最近一次记录 2019-03-10", "（早于截至日204天）"]

def test_no_warning_within_the_report_period():
    assert "注意" not in render_status(as_of=date(2019, 6, 8))  # 90 days after 2019-03-10


def _small_copy(tmp_path, *commands):
    """The small fixture copied to tmp_path, with each CLI command (a tuple of its arguments) run on it."""
    from builders import run_cli

    for name in ("tasks.yaml", "progress.yaml"):
        (tmp_path / name).write_bytes((REPO / "tests/fixtures/small" / name).read_bytes())
    for command in commands:
        result = run_cli(*command, "--registry", str(tmp_path / "tasks.yaml"))
        assert result.exit_code == 0, result.output
    return load_registry(tmp_path / "tasks.yaml", today=AS_OF)


def test_header_says_when_the_ledger_was_written_after_its_latest_entry(tmp_path):
    """A report back-dated to 2019-02-20, written on 2019-03-31: the header said 最近一次记录
    2019-03-10（204天前） as of 2019-09-30 and the warning under it counted 183 days, from the day
    it was written; as of the day written, no warning followed 21天前. It says that day."""
    registry = _small_copy(tmp_path, ("report", "3.2", "--note", "完成年度评估。", "--date", "2019-02-20"))
    text = render_status(registry)
    assert text.splitlines()[1] == "截至 2019-03-31  最近一次记录 2019-03-10（21天前，2019-03-31有补录）"
    assert "注意" not in text
    assert render_status(registry, as_of=date(2019, 9, 30), lang=Lang.en, width=200).splitlines()[1:3] == [
        "As of 2019-09-30  Latest entry 2019-03-10 (204 days ago; back-dated entry written 2019-03-31)",
        "Warning: the ledger has not been updated for 183 days (about 6 months), longer than the 90-day reporting "
        "period."]
    # (narrow: the date it was written never broken, no line past the width nor ending in a space)
    for lang, width in ((Lang.zh, 24), (Lang.zh, 30), (Lang.en, 28), (Lang.en, 40)):
        lines = render_status(registry, lang=lang, width=width).splitlines()
        header = lines[lines.index("截至 2019-03-31" if lang is Lang.zh else "As of 2019-03-31") + 1:][:3]
        assert any("2019-03-31有补录）" in line or "2019-03-31)" in line for line in header), header
        assert all(cell_len(line) <= width and not line.endswith(" ") for line in lines)
    # (as of a day not today: counted back from the day judged, as without a back-dated entry)
    assert render_status(registry, as_of=date(2019, 9, 30), today=date(2019, 10, 8)).splitlines()[1] == (
        "截至 2019-09-30（今天是 2019-10-08）  最近一次记录 2019-03-10（早于截至日204天，2019-03-31有补录）")
    assert render_status(registry, as_of=date(2019, 9, 30), today=date(2019, 10, 8), lang=Lang.en,
                         width=200).splitlines()[1] == (
        "As of 2019-09-30 (today is 2019-10-08)  Latest entry 2019-03-10 (204 days before; back-dated entry "
        "written 2019-03-31)")
    # (written on the day of its date: nothing to say)
    registry = _small_copy(tmp_path, ("report", "3.2", "--note", "完成年度评估。"))
    assert render_status(registry).splitlines()[1] == "截至 2019-03-31  最近一次记录 2019-03-31（当天）"


def test_header_says_when_the_journal_is_empty():
    # (a reporting period, 90 days, after the feedback on 2018-01-03: warned of only after it)
    text = render_status(as_of=date(2018, 4, 4))
    assert text.splitlines()[1:3] == ["截至 2018-04-04  尚无进展记录", "注意：台账尚无任何进展记录。"]
    text = render_status(as_of=date(2018, 4, 3))
    assert text.splitlines()[1:3] == ["截至 2018-04-03  尚无进展记录", "任务 4 项：红 1  黄 0  绿 3"]


def test_header_counts_and_completion_bar():
    lines = render_status().splitlines()
    assert lines[2:6] == [
        "任务 4 项：红 1  黄 2  绿 1",
        "措施 8 项：红 1  黄 2  绿 5",
        # (4.1, closed late, is one of the 已销号 and of the 2 completed, as show counts it: said there)
        "措施状态：逾期 1  临期 1  按期推进 2  长期坚持 2（其中久未报告 1）  已销号 2",
        "完成 [#######-----------------------]  2/8  25%（其中逾期销号 1）",
    ]


def test_a_count_is_never_parted_from_its_name():
    """At 60 columns the bundled ledger's states broke after 已销号, its 83 alone on the next
    line (`stale` and its 65 at 80 columns in English): lines break between the pairs."""
    assert render_status(width=57).splitlines()[4:7] == [  # (久未报告 kept with the 长期坚持 it is part of)
        "措施状态：逾期 1  临期 1  按期推进 2",
        "          长期坚持 2（其中久未报告 1）  已销号 2",
        "完成 [#####-----------------]  2/8  25%（其中逾期销号 1）"]  # (the bar shorter first)
    assert render_status(lang=Lang.en, width=79).splitlines()[4:6] == [
        "Measures by state: overdue 1  due soon 1  on track 2  ongoing 2 (1 stale)",
        "                   closed 2"]
    assert render_status(width=36).splitlines()[2:11] == [  # (the title and the file: 2 lines)
        "截至 2019-03-31",
        "最近一次记录 2019-03-10（21天前）",
        "任务 4 项：红 1  黄 2  绿 1",
        "措施 8 项：红 1  黄 2  绿 5",
        "措施状态：逾期 1  临期 1  按期推进 2",  # (too narrow to indent the widest pair under the first)
        "长期坚持 2（其中久未报告 1）",
        "已销号 2",
        "完成 [####---------------]  2/8  25%",  # (as without a late close, the clause under it)
        "（其中逾期销号 1）"]
    narrow = render_status(lang=Lang.en, width=28).splitlines()
    states = next(n for n, line in enumerate(narrow) if line.startswith("Measures by state"))
    assert narrow[states:states + 4] == [  # (too narrow to indent under the first pair)
        "Measures by state: overdue 1",
        "due soon 1  on track 2",
        "ongoing 2 (1 stale)",
        "closed 2"]


def test_the_header_wraps_without_trailing_spaces():
    """Not on a terminal (80 cells), the title wrapped to `…报告  `: trailing spaces."""
    assert render_status(width=40).splitlines()[:2] == ["测试台账", "tests/fixtures/small/tasks.yaml"]
    lines = render_status(as_of=date(2019, 9, 30), width=40).splitlines()
    assert lines[2:6] == ["截至 2019-09-30",
                          "最近一次记录 2019-03-10（204天前）",
                          "注意：台账已 204 天（约 7 个月）未更新，",
                          "超过报告周期 90 天。"]
    english = render_status(as_of=date(2019, 9, 30), lang=Lang.en, width=80).splitlines()
    assert english[2:4] == ["Warning: the ledger has not been updated for 204 days (about 7 months), longer",
                            "than the 90-day reporting period."]


def test_empty_selection_prints_one_clear_line_instead_of_a_table():
    registry = _registry()
    report = select(_report(registry), task_ids=("1",), states=("ongoing",), units=registry.plan.units)
    assert render_status(registry, report=report) == (
        "测试台账  tests/fixtures/small/tasks.yaml\n"
        "截至 2019-03-31  最近一次记录 2019-03-10（21天前）\n"
        "没有符合筛选条件的任务或措施。\n"
    )


def test_light_words_are_coloured_on_a_colour_terminal():
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=True, color_system="standard", markup=False)
    registry = _registry()
    print_status(console, _report(registry), registry=registry, lang=Lang.zh, measures=False, today=AS_OF)
    assert "\x1b[1;31m红\x1b[0m" in out.getvalue()


# --------------------------------------------------------------------------- show


def test_show_accepts_an_unprefixed_id_of_a_folder_registry():
    registry = _registry()
    measure = replace(registry.plan.tasks[3].measures[1], id="file:4.2", task_id="file:4")
    task = replace(registry.plan.tasks[3], id="file:4", measures=(registry.plan.tasks[3].measures[0], measure))
    registry = replace(registry, plan=replace(registry.plan, tasks=registry.plan.tasks[:3] + (task,)))
    assert render_show("file:4.2", registry).splitlines()[0] == "措施 file:4.2"
    assert render_show("4.2", registry).splitlines()[0] == "措施 file:4.2"


def test_show_unknown_id_suggests_close_ids():
    with pytest.raises(UsageError) as excinfo:
        render_show("4.9")
    assert str(excinfo.value) == "no task or measure '4.9' (did you mean 4.2, 4.1?)"
    with pytest.raises(UsageError) as excinfo:
        render_show("9.9")
    assert str(excinfo.value) == "no task or measure '9.9' (tasks are 1 to 4)"


def test_show_measure_without_entries_says_so():
    registry = _registry()
    registry = replace(registry, journal=tuple(e for e in registry.journal if e.measure != "3.1"))
    text = render_show("3.1", registry)
    assert text.splitlines()[-1] == "截至 2019-03-31 无进展记录。"


# -- big tables: written row by row, with the same text Rich would print ----------------------
def by_rich_and_by_rows(monkeypatch, registry, **options) -> str:
    """render_status laid out by Rich, after checking that written row by row, as a big table is
    (every table counting as big), it is the same."""
    from rectify_cli.render import rich_status

    monkeypatch.setattr(rich_status, "FAST_ROWS", 10**9)
    by_rich = render_status(registry, **options)
    monkeypatch.setattr(rich_status, "FAST_ROWS", 0)
    assert render_status(registry, **options) == by_rich, options
    return by_rich


@pytest.mark.parametrize("colour", [None, "standard", "truecolor"])
@pytest.mark.parametrize("measures", [False, True])
@pytest.mark.parametrize("width", [30, 50, 60, 100, 160])
@pytest.mark.parametrize("ledger", [FIXTURE, "data/tasks.yaml"])
def test_a_big_table_is_printed_exactly_as_rich_prints_it(monkeypatch, ledger, width, measures, colour):
    registry = load_registry(ledger, today=date(2020, 6, 30))
    for as_of in (AS_OF, date(2020, 6, 30)):
        report = _report(registry, as_of)
        by_rich_and_by_rows(monkeypatch, registry, report=report, as_of=as_of, measures=measures, width=width, colour=colour)


def test_a_big_table_with_hostile_text_is_printed_exactly_as_rich_prints_it(monkeypatch):
    registry = _registry()
    task = registry.plan.tasks[0]
    odd = "宽字符" * 30 + "\u200b\u0301e\u0301 ☃️👍🏽  trailing  "
    measure = replace(task.measures[0], text=odd, owners=(odd,), lead=odd)
    task = replace(task, title=odd, measures=(measure,) + task.measures[1:])
    plan = replace(registry.plan, tasks=(task,) + registry.plan.tasks[1:])
    registry = replace(registry, plan=plan)
    for measures in (False, True):
        for colour in (None, "256"):
            by_rich_and_by_rows(monkeypatch, registry, measures=measures, width=90, colour=colour)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("colour", [None, "truecolor"])
def test_a_big_table_is_written_row_by_row_not_laid_out_whole_by_rich(monkeypatch, colour, lang, width):
    # Rich lays a row out in about half a millisecond: 15 s for a national ledger's 22,000 tasks.
    from rich.table import Table

    from rectify_cli.render import rich_status

    registry = load_registry("data/tasks.yaml", today=date(2020, 6, 30))
    options = {"as_of": date(2020, 6, 30), "lang": lang, "measures": True, "width": width, "colour": colour}
    monkeypatch.setattr(rich_status, "FAST_ROWS", 10**9)
    by_rich = render_status(registry, **options)
    added = []
    add_row = Table.add_row
    monkeypatch.setattr(Table, "add_row", lambda table, *cells, **kw: (added.append(cells), add_row(table, *cells, **kw))[1])
    monkeypatch.setattr(rich_status, "FAST_ROWS", 0)
    assert render_status(registry, **options) == by_rich
    assert len(added) < len(list(registry.plan.measures())) // 4  # only the rows Rich lays out to check the rest


@pytest.mark.parametrize("width", [50, 60, 80, 120])
@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("colour", [None, "truecolor"])
def test_a_big_table_marks_a_late_extension_exactly_as_rich_does(monkeypatch, colour, lang, width):
    from rich.table import Table

    from rectify_cli.model import Entry, EntryState
    from rectify_cli.render import rich_status

    registry = load_registry("data/tasks.yaml", today=date(2019, 9, 30))
    late = Entry("33.1", date(2019, 9, 1), EntryState.EXTENDED, milestone=date(2019, 6, 30), to=date(2019, 12, 31),
                 reason="x", approved_by="自治区生态环境厅", late=True)
    registry = replace(registry, journal=(*registry.journal, late))
    options = {"as_of": date(2019, 9, 30), "lang": lang, "measures": True, "width": width, "colour": colour}
    monkeypatch.setattr(rich_status, "FAST_ROWS", 10**9)
    by_rich = render_status(registry, **options)
    assert "\n33.1*  " in by_rich
    # (the legend under the table: wrapped at 50 columns, in English)
    assert " ".join(by_rich.rpartition("\n* ")[2].split()) == {
        Lang.zh: "逾期后延期：期限在过期后才延期", Lang.en: "extended late: its deadline moved after it passed"}[lang]
    added = []
    add_row = Table.add_row
    monkeypatch.setattr(Table, "add_row", lambda table, *cells, **kw: (added.append(cells), add_row(table, *cells, **kw))[1])
    monkeypatch.setattr(rich_status, "FAST_ROWS", 0)
    assert render_status(registry, **options) == by_rich
    assert len(added) < len(list(registry.plan.measures())) // 4  # (written row by row, not handed back to Rich)


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("colour", [None, "truecolor"])
@pytest.mark.parametrize("as_of", [date(2019, 9, 30), date(2020, 1, 10)])
def test_a_big_task_table_marks_a_late_extension_exactly_as_rich_does(monkeypatch, as_of, colour, lang, width):
    from rectify_cli.model import Entry, EntryState
    registry = load_registry("data/tasks.yaml", today=as_of)
    late = Entry("33.1", date(2019, 9, 1), EntryState.EXTENDED, milestone=date(2019, 6, 30), to=date(2019, 12, 31),
                 reason="x", approved_by="自治区生态环境厅", late=True)
    registry = replace(registry, journal=(*registry.journal, late))
    options = {"as_of": as_of, "lang": lang, "measures": False, "width": width, "colour": colour}
    by_rich = by_rich_and_by_rows(monkeypatch, registry, **options)
    assert "\n33*   " in by_rich and by_rich.endswith(("\n* 逾期后延期：有措施的期限在过期后才延期\n",
                                                         "\n* extended late: a measure's deadline moved after it passed\n"))


# Characters of every width Rich knows: ASCII, CJK, fullwidth, combining marks, zero-width
# joiner, variation selector, emoji and their modifiers, controls.
_ANY_WIDTH = st.sampled_from(list("aZ 9.…、宽字ａＢ한\u0301\u200b\u200d\ufe0f☃👍\U0001f3fd\x07\u3000"))


@given(text=st.text(_ANY_WIDTH, max_size=40), cells=st.integers(min_value=1, max_value=50))
@example(text="\u200d\u200d9\u3000", cells=2)  # (Rich's own cut is 3 cells: zero-width joiners)
def test_a_big_table_measures_text_as_rich_does_and_cuts_it_as_rich_does_but_for_the_blank(text, cells):
    """Rich's cut (set_cell_size, then …) leaves a blank cell before the … where a wide character
    straddles the edge; rectify's puts the … right after the text, and after no space of it (a
    list of units cut after its comma, `甲, …`, reads `甲,…` as a narrower cut does). Where Rich's cut is wider
    than the column (text with zero-width joiners), rectify's is its start that fits."""
    from rich.cells import cell_len, set_cell_size

    from rectify_cli.render.rich_status import _cells, _clipped

    assert _cells(text) == cell_len(text)
    if cell_len(text) > cells:
        rich_cut = set_cell_size(text, cells - 1) + "…"
        ours = _clipped(text, cells)
        if cell_len(rich_cut) <= cells:
            assert ours == rich_cut[:-1].rstrip() + "…"
        else:
            assert ours.endswith("…") and rich_cut.startswith(ours[:-1])
        assert cell_len(ours) <= cells


# -- show's history: the journal's fields named as history and summary name them ------------------
def test_show_names_the_journal_fields_as_history_does():
    """佐证 / 记录单位 / 进展 / 记录, as in `history` and `summary` (show said 依据 / 填报单位 / 说明 / 类型)."""
    header = next(line for line in render_show("1.2", width=120).splitlines() if line.startswith("日期"))
    assert header.split() == ["日期", "记录", "记录单位", "进展", "佐证"]
    assert "最近有效记录" in render_show("1.1", width=120)


@pytest.mark.parametrize("lang, field", [(Lang.zh, "最近有效记录     2019-03-01"),
                                         (Lang.en, "Latest in force   2019-03-01")])
def test_show_names_the_latest_entry_in_force_not_a_later_retraction(tmp_path, lang, field):
    """2.2's report of 2019-03-20 retracted on 2019-03-25: its history lists both, and the field
    above it said 最近一次记录 2019-03-01, which read as wrong: it is the latest entry that counts."""
    registry = _small_copy(tmp_path, ("report", "2.2", "--note", "二季度检查。", "--date", "2019-03-20"),
                           ("retract", "2.2", "--reason", "误记", "--date", "2019-03-25"))
    lines = render_show("2.2", registry, lang=lang).splitlines()
    assert field in lines
    assert any(line.startswith("2019-03-25") for line in lines[lines.index(field):])


@pytest.fixture
def retracted_step_close(tmp_path):
    """The small fixture, 4.2's close of its first step (2018-10-20) retracted on 2018-11-05: the
    retraction's entry, `撤回误录（撤回 2018-10-20 销号（2018-10-31到期的一步））`, is 50 cells."""
    from builders import run_cli

    for name in ("tasks.yaml", "progress.yaml"):
        (tmp_path / name).write_bytes((REPO / "tests/fixtures/small" / name).read_bytes())
    retracted = run_cli("retract", "4.2", "--entry", "2018-10-20", "--date", "2018-11-05", "--reason", "验收报告不是终验",
                        "--registry", str(tmp_path / "tasks.yaml"))
    assert retracted.exit_code == 0, retracted.output
    return load_registry(tmp_path / "tasks.yaml", today=AS_OF)


def test_at_80_columns_one_long_entry_wraps_rather_than_narrow_every_note(retracted_step_close):
    """The retraction's entry on one line took 50 of 80 cells: every note of the history was folded
    in 16 (取土场生态恢 / 复完成。…). The entry wraps where its line breaks best, the notes keep 36."""
    lines = render_show("4.2", retracted_step_close, width=80).splitlines()
    head = lines.index("进展记录") + 1
    assert lines[head].split() == ["日期", "记录", "进展"] and cell_len(lines[head][: lines[head].index("进展")]) == 44
    row = next(i for i, line in enumerate(lines) if line.startswith("2018-11-05"))
    entry = [line[: len(line) - len(_drop_cells(line, 44))].rstrip() for line in lines[row:row + 2]]
    assert entry == ["2018-11-05  撤回误录（撤回 2018-10-20 销号", "            （2018-10-31到期的一步））"]
    assert _drop_cells(lines[row], 44) == "验收报告不是终验（2019-03-31补录）"
    assert max(map(cell_len, lines)) <= 80


def _extended_without_a_note():
    registry = _registry()
    entry = next(e for e in registry.journal if e.state == "extended")
    return replace(registry, journal=tuple(replace(e, note="") if e is entry else e for e in registry.journal)), entry


@pytest.mark.parametrize("width", [60, 80, 120])
def test_an_extension_row_opens_its_bracket_with_its_text(width):
    """`extend` without --note: the bracket stood alone on its line, the date and reason on the next."""
    registry, entry = _extended_without_a_note()
    lines = render_show(entry.measure, registry, width=width).splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith(entry.date.isoformat()) and "延期" in line)
    assert "（延期至2019-12-31" in lines[row]


def test_an_extension_note_in_english_starts_with_its_text():
    registry, entry = _extended_without_a_note()
    lines = render_show(entry.measure, registry, lang=Lang.en, width=160).splitlines()
    header = next(line for line in lines if line.startswith("Date"))
    row = next(line for line in lines if line.startswith(entry.date.isoformat()) and "extended" in line)
    assert row[header.index("Note"):].startswith("(extended to 2019-12-31;")  # (it began with a space)


# Chinese line breaking (GB/T 15834, W3C clreq): no line starts with a closing mark nor ends with
# an opening one.
CLOSING = set("。，、；：？！）》」』】”’")
OPENING = set("（《「『【“‘")


def _drop_cells(line: str, cells: int) -> str:
    """`line` without its first `cells` cells (a table's first columns; the label column of show's fields)."""
    taken = 0
    for at, char in enumerate(line):
        if taken >= cells:
            return line[at:]
        taken += cell_len(char)
    return ""


@pytest.mark.parametrize("width", [40, 50, 63, 80])
def test_show_wraps_chinese_text_where_it_may_break_and_keeps_all_of_it(width):
    """Rich folded a paragraph at any character: 13's problem at 50 columns had lines starting
    with 、 and 。 and one ending with 《, and numbers such as 2017 could be cut in two."""
    registry = load_registry("data/tasks.yaml", today=date(2026, 11, 29))
    for task in registry.plan.tasks:
        lines = render_show(task.id, registry, width=width).splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("问题描述"))
        more = list(takewhile(lambda line: line.startswith(" "), lines[start + 1:]))
        column = len(more[0]) - len(more[0].lstrip(" "))  # where the value column starts (every problem wraps)
        values = [_drop_cells(line, column).rstrip() for line in [lines[start], *more]]
        assert "".join(values) == task.problem, (task.id, width)
        for value in values:
            assert value[0] not in CLOSING and value[-1] not in OPENING, (task.id, width, values)
        assert not any(a[-1].isdigit() and b[0].isdigit() for a, b in zip(values, values[1:])), (task.id, values)


@pytest.mark.parametrize("lang, due", [(Lang.zh, "下一期限"), (Lang.en, "Next due")])
def test_show_on_a_narrow_terminal_keeps_the_next_due_date_whole(lang, due):
    """At 30 columns the state's "Next due 2019-12-31" (19 cells) fits no line of its 12: it was
    folded at any character, "Next due 201" / "9-12-31", a date no one can read. (Under 34 columns
    the value is under its label: on a line of its own, or after its label where they fit.)"""
    for width in range(20, 41):
        lines = render_show("4.2", lang=lang, width=width).splitlines()
        at = next(i for i, line in enumerate(lines) if due in line)
        assert f"{due} 2019-12-31" in lines[at] or (
            lines[at].rstrip().endswith(due) and lines[at + 1].strip() == "2019-12-31"), (width, lines[at:at + 2])


@pytest.mark.parametrize("lang, heading", [(Lang.zh, "整改期限"), (Lang.en, "Milestones")])
def test_a_narrow_milestones_table_never_cuts_a_date(lang, heading):
    """Under 32 columns (34 in English) the milestones table cut its dates, `2018-10…`, `2019-1…`:
    its kind, done and state wrap rather (by / date), as show's other cells keep a date whole."""
    for width in range(22, 41):
        lines = render_show("4.2", lang=lang, width=width).splitlines()
        rule = lines.index(heading) + 2
        rows = list(takewhile(lambda line: not line.startswith(("期限 ", "Due ", "Step due")), lines[rule + 1:]))
        assert [day for day in ("2018-10-31", "2019-12-31") if not any(day in row for row in rows)] == [], (width, rows)
        assert "…" not in "".join(rows) and max(map(cell_len, lines)) <= width, (width, rows)


def _milestones_table(text: str, lang: Lang) -> list[str]:
    """show's milestones table: from its header to the next blank line."""
    lines = text.splitlines()
    return list(takewhile(bool, lines[lines.index({Lang.zh: "整改期限", Lang.en: "Milestones"}[lang]) + 1:]))


def _wrapped_headers(lines: list[str]) -> list[str]:
    """A table's column headers from its header lines, a header wrapped onto several (`类` / `型`)
    joined: the pieces that start at the same cell."""
    import re

    pieces: dict[int, str] = {}
    for line in lines:
        for match in re.finditer(r"\S+(?: \S+)*", line):
            at = cell_len(line[: match.start()])
            pieces[at] = pieces.get(at, "") + match.group()
    return [pieces[at] for at in sorted(pieces)]


@pytest.mark.parametrize("lang", list(Lang))
def test_from_20_to_30_columns_the_milestones_table_names_what_gives_way_and_never_cuts_a_date(lang):
    """At 20 columns `show 18.4 --lang en` had no Done column, unnamed, and cut the dates, `2018-1…`:
    the kind and state wrap, by / date, in 2 cells each at the least; where that leaves Done none, it
    gives way, named under the table (the state says closed)."""
    registry = load_registry("data/tasks.yaml", today=AS_OF)
    headers = _headers(_milestones_table(render_show("18.4", registry, lang=lang, width=200), lang)[0])
    for width in range(20, 31):
        text = render_show("18.4", registry, lang=lang, width=width)
        assert max(map(cell_len, text.splitlines())) <= width, width
        table = _milestones_table(text, lang)
        rule = next(i for i, line in enumerate(table) if set(line) == {"-"})
        head = _wrapped_headers(table[:rule])
        below = "".join("".join(table[rule + 1:]).split())
        notice = below[below.find("终端太窄" if lang == Lang.zh else "Toonarrow"):] if "太窄" in below or "narrow" in below else ""
        assert [h for h in headers if h not in head and h not in notice] == [], (width, table)
        assert "…" not in "".join(table), (width, table)
        assert [day for day in ("2018-12-31", "2020-12-31") if not any(day in row for row in table)] == [], (width, table)


@pytest.mark.parametrize("measures", [False, True])
@pytest.mark.parametrize("width", [50, 60])
@pytest.mark.parametrize("lang", list(Lang))
def test_a_cell_cut_at_a_wide_character_ends_in_the_ellipsis_with_no_space_before_it(lang, width, measures):
    """Rich's cut pads with a space where a wide character straddles the column's edge, before
    the …: `拉萨市按照“一企 …`; rectify's cut keeps the … right after the text (the space after it)."""
    lines = _bundled(lang=lang, width=width, measures=measures).splitlines()
    assert [line for line in lines if " …" in line] == []


def test_a_cut_measure_text_at_50_columns():
    lines = _bundled(lang=Lang.zh, width=50, measures=True).splitlines()
    assert next(line for line in lines if line.startswith("20.2 ")) == "20.2  绿  按期推进   2019-12-31  拉萨市按照“一企…"


@given(text=st.lists(st.sampled_from(["a", "宽", "Ｂ", "👍\U0001f3fd", "\U0001f1e8\U0001f1f3", "\U0001f1ef\U0001f1f5"]),
                    max_size=20).map("".join),
       cells=st.integers(min_value=2, max_value=40))
@example(text="ＡＢＣ👍🏽🇨🇳aｶﾅ", cells=10)  # (found: 'ＡＢＣ👍🏽🇨…', 11 cells a terminal draws in a column of 10)
def test_a_cut_never_leaves_half_a_flag_that_a_terminal_draws_wider_than_the_column(text, cells):
    """Two regional indicators make one flag of two cells; one alone is drawn in two cells by
    terminals (and wcwidth) though Rich counts it one: a cut between them overflowed the column."""
    from rectify_cli.render.rich_status import _clipped
    from rectify_cli.textsafe import display_width

    if cell_len(text) > cells:
        cut = _clipped(text, cells)
        halves = len(cut[:-1]) - len(cut[:-1].rstrip("".join(map(chr, range(0x1F1E6, 0x1F200)))))
        assert halves % 2 == 0, cut
        assert display_width(cut) <= cells, cut


@pytest.mark.parametrize("lang, expected", [
    (Lang.zh, "1.1 2019-06-01、1.2 2019-06-02、1.3 2019-06-03、1.4 2019-06-04、1.5 2019-06-05、1.6 2019-06-06、"
              "1.7 2019-06-07、1.8 2019-06-08、1.9 2019-06-09、1.10 2019-06-10，另有 2 项"),
    (Lang.en, "1.1 2019-06-01, 1.2 2019-06-02, 1.3 2019-06-03, 1.4 2019-06-04, 1.5 2019-06-05, 1.6 2019-06-06, "
              "1.7 2019-06-07, 1.8 2019-06-08, 1.9 2019-06-09, 1.10 2019-06-10 and 2 more"),
])
def test_extended_measures_past_the_tenth_are_counted_not_listed(lang, expected):
    """(at national scale thousands may be extended: the line under the table stays one line or two)"""
    from rectify_cli.render.rich_status import _extended_items

    moved = [(f"1.{n}", date(2019, 6, n)) for n in range(1, 13)]
    assert _extended_items(moved, lang).replace("\u2060", "") == expected  # (as printed: not the joiners)


@pytest.mark.parametrize("lang", list(Lang))
def test_the_line_under_the_measures_table_keeps_an_extended_id_with_its_first_deadline(closed_late_folder, lang):
    """At 64 columns `已延期，原定期限：xizang:4.2 2019-06-30、新疆维吾尔自治区:4.2` ended a line and
    `2019-06-30` began the next: a date alone at the start of a line, as if nobody's."""
    pairs = ("xizang:4.2 2019-06-30", "新疆维吾尔自治区:4.2 2019-06-30")
    for width in range(45, 101):
        text = render_status(closed_late_folder, lang=lang, width=width, measures=True)
        legend = text[text.index("已延期，原定期限：" if lang == Lang.zh else "Extended, first due:"):].splitlines()
        assert [pair for pair in pairs if not any(pair in line for line in legend)] == [], width


@pytest.mark.parametrize("item", ["18.4", "18"])
@pytest.mark.parametrize("lang", list(Lang))
def test_from_20_to_30_columns_show_history_keeps_every_note_whole_and_its_dates_uncut(lang, item):
    """At 20 columns `show 18.4 --lang en` printed `Date  Entry`, no note nor evidence and no word
    of them; at 22-29 (and in Chinese at 20) the note ran a character or two a line down a column
    of 2-6 cells, its step's date split `20` / `18` / `-1` (the task's, `show 18`, cut its dates
    `2019-…` too). Too narrow for a date, the notes go under the table, at full width, each after
    its date and entry."""
    registry = load_registry("data/tasks.yaml", today=AS_OF)
    entries = [entry for entry in registry.journal if entry.measure.startswith(f"{item}.") or entry.measure == item]
    assert entries, "the data's 18 has a history"
    heading = {Lang.zh: "进展记录", Lang.en: "History"}[lang]
    for width in range(20, 31):
        lines = render_show(item, registry, lang=lang, width=width).splitlines()
        history = lines[lines.index(heading) + 1:]
        assert max(map(cell_len, lines)) <= width, (width, history)
        joined = "".join("".join(history).split())
        for entry in entries:
            for text in (entry.note, entry.evidence or ""):
                assert "".join(text.split()) in joined, (width, history)
        for day in ("2019-03-31", "2018-12-31"):  # (the entry's, and the step's its note names)
            assert any(day in line for line in history), (width, day, history)
        assert "…" not in "".join(history), (width, history)  # (no date nor id cut, `2019-…`, `1…`)


def _history_lines(text: str, lang: Lang) -> list[str]:
    """show's history: the lines after its table's rule."""
    lines = text.splitlines()
    history = lines[lines.index({Lang.zh: "进展记录", Lang.en: "History"}[lang]) + 1:]
    return history[next(i for i, line in enumerate(history) if set(line) == {"-"}) + 1:]


def _only_marks(text: str) -> bool:
    import unicodedata

    return bool(text) and all(unicodedata.category(char).startswith("P") for char in text)


@pytest.mark.parametrize("lang", list(Lang))
def test_show_history_never_leaves_a_bracket_or_a_stop_alone_on_a_line(lang):
    """At 29 columns `show 18.4`'s note ran in 11 cells, `依法依规退出` / … / `（` / `2018-12-31` /
    `到期的一步）`: the cut-off for notes under the table was a date's 10 cells. And at 31-52 columns
    `show 19.3` / `show 19` folded `（2018-2025年）》。` (19 cells) in a note column narrower than it,
    `》。` alone. A note beside its entry has MIN_NOTE_CELLS and its widest piece; else it goes under."""
    import re

    registry = load_registry("data/tasks.yaml", today=AS_OF)
    for item in ("18.4", "19.3", "18", "19"):
        for width in range(20, 61):
            history = _history_lines(render_show(item, registry, lang=lang, width=width), lang)
            lone = [line for line in history if _only_marks(re.split(r"\s{2,}", line.strip())[-1])]
            assert lone == [], (item, width, history)


@pytest.mark.parametrize("item", ["18", "18.4"])
@pytest.mark.parametrize("lang", list(Lang))
def test_on_a_narrow_terminal_show_s_fields_wrap_their_values_at_its_width_not_a_character_a_line(lang, item):
    """At 20 columns `show 18` put its fields' values (问题, 问题描述, …) beside labels as wide as
    `截至 2019-03-31`: in 3 cells, a character a line, 自 / 治 / 区 / 、 down the page. A value in
    fewer than MIN_NOTE_CELLS goes under its label, at the terminal's width."""
    registry = load_registry("data/tasks.yaml", today=AS_OF)
    task = next(task for task in registry.plan.tasks if task.id == "18")
    for width in range(20, 41):
        lines = render_show(item, registry, lang=lang, width=width).splitlines()
        fields = list(takewhile(bool, lines[1:]))
        assert max(map(cell_len, lines)) <= width, (width, fields)
        # (a value's last line may be short: no more of them than there are fields, a label each)
        short = [line for line in fields if cell_len(line.strip()) <= 2]
        assert len(short) <= sum(1 for line in fields if not line.startswith(" ")), (width, fields)
        if item == "18":
            assert "".join(task.problem.split()) in "".join("".join(fields).split()), (width, fields)


@pytest.mark.parametrize("lang", list(Lang))
def test_from_20_to_25_columns_show_folds_the_command_it_names_between_its_words(lang):
    """At 20-23 columns `show 1` folded the command kept whole, wider than the line, at any
    character: `见 rectify show <编号` / `>）`, `see rectify show <id` / `>)`, or `）` alone."""
    command = {Lang.zh: "<编号>）", Lang.en: "<id>)"}[lang]
    for width in range(20, 26):
        lines = render_show("1", lang=lang, width=width).splitlines()
        assert [line for line in lines if line.strip() and set(line.strip()) <= set("（）()<>")] == [], (width, lines)
        assert max(map(cell_len, lines)) <= width, (width, lines)
        assert any(line.endswith(command) for line in lines), (width, lines)


@pytest.mark.parametrize("width", range(60, 100))
def test_a_title_cut_inside_an_escape_leaves_the_escape_out_as_clip_does(width):
    """A control in a title is shown \\x07; a column cutting inside one left its start before the
    … (`污水\\x07\\…`, `污水\\x0…`), as textsafe.clip, which summary and check cut with, never does."""
    import re

    registry = _registry()
    tasks = (replace(registry.plan.tasks[0], title="污水" + "\x07" * 40),) + registry.plan.tasks[1:]
    registry = replace(registry, plan=replace(registry.plan, tasks=tasks))
    row = next(line for line in _table_lines(render_status(registry, width=width))[2:] if line.startswith("1 "))
    assert re.search(r"  污水(\\x07)*…  ", row), row


@pytest.mark.parametrize("width", [40, 60, 100])
def test_show_gives_a_tab_in_registry_text_one_space_as_every_other_line_of_it_does(width):
    """A tab in a title or problem text was expanded by Rich to the next tab stop, which show's
    line breaking counted as no cells: `问题  污水    处理…` beside `任务 1 污水 处理…`, and lines
    broken early (`全` alone on a line at 40 columns)."""
    registry = _registry()
    task = registry.plan.tasks[0]
    tasks = (replace(task, title="污水\t处理", problem="部分\t县城\t污水直排。"),) + registry.plan.tasks[1:]
    registry = replace(registry, plan=replace(registry.plan, tasks=tasks))
    lines = render_show("1", registry, width=width).splitlines()
    assert [line.split(None, 1)[1] for line in lines if line.startswith(("问题 ", "问题描述 "))] == [
        "污水 处理", "部分 县城 污水直排。"]
    assert ["任务", "1", "污水", "处理"] in [line.split() for line in render_show("1.1", registry, width=width).splitlines()]
