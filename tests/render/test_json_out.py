"""The JSON contract of `status --format json` and `export --format json`, on the small fixture."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from rectify_cli.engine import evaluate, select
from rectify_cli.model import Entry, EntryState
from rectify_cli.registry import load_registry
from rectify_cli.render.json_out import (
    history_document,
    measure_document,
    plan_document,
    show_document,
    status_document,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "small" / "tasks.yaml"
AS_OF = date(2019, 3, 31)


def _registry():
    return load_registry(FIXTURE, today=AS_OF)


def _status(as_of=AS_OF, **filters):
    registry = _registry()
    report = evaluate(plan=registry.plan, journal=registry.journal, as_of=as_of)
    if filters:
        report = select(report, units=registry.plan.units, **filters)
    return status_document(report, feedback=registry.plan.meta.feedback_date)


def _date(due, original=None, *, label=None, done=False, status):
    return {"kind": "date", "due": due, "original_due": original or due, "label": label, "done": done,
            "status": status}


ONGOING_MS = {"kind": "ongoing", "due": None, "original_due": None, "label": None, "done": False, "status": "ongoing"}


def _measure(id, status, light, *, owners, lead=None, milestones, last_entry, stale=False, days_overdue=0,
             next_due=None, closed_late=None):
    return {"id": id, "status": status, "light": light, "stale": stale, "days_overdue": days_overdue,
            "next_due": next_due, "extended_late": False, "owners": owners, "lead": lead or owners[0], "milestones": milestones,
            "last_entry": last_entry, "closed_late": closed_late}


M11 = _measure("1.1", "overdue", "red", owners=["拉萨市"], days_overdue=90, next_due="2018-12-31",
               milestones=[_date("2018-12-31", status="overdue")], last_entry="2018-09-30")
M12 = _measure("1.2", "done", "green", owners=["自治区生态环境厅", "自治区住房城乡建设厅"],
               milestones=[_date("2018-06-30", done=True, status="done")], last_entry="2018-06-20")
M21 = _measure("2.1", "due_soon", "yellow", owners=["那曲市"], next_due="2019-04-15",
               milestones=[_date("2019-04-15", status="due_soon"), ONGOING_MS], last_entry="2019-01-15")
M22 = _measure("2.2", "ongoing", "green", owners=["自治区住房城乡建设厅"], milestones=[ONGOING_MS],
               last_entry="2019-03-01")
M31 = _measure("3.1", "on_track", "green", owners=["自治区生态环境厅"], next_due="2020-12-31",
               milestones=[_date("2020-12-31", status="on_track")], last_entry="2019-02-01")
M32 = _measure("3.2", "ongoing", "yellow", owners=["自治区生态环境厅"], stale=True, milestones=[ONGOING_MS],
               last_entry="2018-06-30")
# (立即启动: due on the feedback date, 2018-01-03; closed on 2018-05-10, 127 days later)
M41 = _measure("4.1", "done", "green", owners=["那曲市"], last_entry="2018-05-10",
               closed_late={"closed": "2018-05-10", "deadline": "2018-01-03", "days": 127}, milestones=[
    {"kind": "immediate", "due": "2018-01-03", "original_due": "2018-01-03", "label": None, "done": True,
     "status": "done"}])
M42 = _measure("4.2", "on_track", "green", owners=["那曲市", "自治区生态环境厅"], next_due="2019-12-31",
               last_entry="2019-03-10", milestones=[
                   _date("2018-10-31", label="生态恢复", done=True, status="done"),
                   _date("2019-12-31", "2019-06-30", label="验收", status="on_track")])

EXPECTED_STATUS = {
    "as_of": "2019-03-31",
    "warn_days": 30,
    "report_period_days": 90,
    "latest_entry": "2019-03-10",
    "last_update": "2019-03-10",  # (no entry of the fixture is back-dated: the same day)
    "feedback_date": "2018-01-03",
    "before_feedback": False,
    "filters": {},  # (none given)
    "counts": {
        "tasks": {"overdue": 1, "due_soon": 1, "on_track": 2, "ongoing": 0, "done": 0},
        "measures": {"overdue": 1, "due_soon": 1, "on_track": 2, "ongoing": 2, "done": 2},
        "lights": {"red": 1, "yellow": 2, "green": 5},
        "stale": 1,
        "closed_late": 1,
    },
    "tasks": [
        {"id": "1", "title": "污水处理设施建设滞后", "status": "overdue", "light": "red", "days_overdue": 90,
         "deadline": {"text": "2018年12月31日前完成",
                      "milestones": [{"kind": "date", "due": "2018-12-31", "label": None}]},
         "reported": {"state": "basically_done", "ongoing": False},
         "measures_closed_late": 0,
         "measures": [M11, M12]},
        {"id": "2", "title": "施工扬尘污染问题突出", "status": "due_soon", "light": "yellow", "days_overdue": 0,
         "deadline": {"text": "2019年4月30日前完成，长期坚持",
                      "milestones": [{"kind": "date", "due": "2019-04-30", "label": None},
                                     {"kind": "ongoing", "due": None, "label": None}]},
         "reported": {"state": "on_schedule", "ongoing": False},
         "measures_closed_late": 0,
         "measures": [M21, M22]},
        {"id": "3", "title": "饮用水水源地保护区划定滞后", "status": "on_track", "light": "yellow", "days_overdue": 0,
         "deadline": {"text": "2020年12月31日前完成",
                      "milestones": [{"kind": "date", "due": "2020-12-31", "label": None}]},
         "reported": {"state": "on_schedule", "ongoing": False},
         "measures_closed_late": 0,
         "measures": [M32, M31]},  # worst first: the stale measure before the on-track one
        {"id": "4", "title": "追责问责不到位", "status": "on_track", "light": "green", "days_overdue": 0,
         "deadline": {"text": "立行立改，长期坚持",
                      "milestones": [{"kind": "immediate", "due": None, "label": None},
                                     {"kind": "ongoing", "due": None, "label": None}]},
         "reported": {"state": "interim_results", "ongoing": True},
         "measures_closed_late": 1,
         "measures": [M42, M41]},
    ],
}


def test_status_document_of_the_fixture():
    assert _status() == EXPECTED_STATUS


def test_status_document_is_plain_json():
    document = _status()
    assert json.loads(json.dumps(document)) == document


def test_named_values_from_the_fixture():
    measures = {m["id"]: m for t in _status()["tasks"] for m in t["measures"]}
    assert (measures["1.1"]["status"], measures["1.1"]["days_overdue"]) == ("overdue", 90)
    assert (measures["2.1"]["status"], measures["2.1"]["next_due"]) == ("due_soon", "2019-04-15")
    assert (measures["3.2"]["status"], measures["3.2"]["stale"], measures["3.2"]["light"]) == ("ongoing", True, "yellow")
    assert measures["4.2"]["next_due"] == "2019-12-31"
    assert measures["4.2"]["milestones"][1]["original_due"] == "2019-06-30"


def test_counts_follow_the_selection_and_list_every_state():
    document = _status(states=("overdue",))
    assert document["counts"] == {
        "tasks": {"overdue": 1, "due_soon": 0, "on_track": 0, "ongoing": 0, "done": 0},
        "measures": {"overdue": 1, "due_soon": 0, "on_track": 0, "ongoing": 0, "done": 0},
        "lights": {"red": 1, "yellow": 0, "green": 0},
        "stale": 0,
        "closed_late": 0,  # (4.1, closed late, is not among the overdue)
    }
    assert [m["id"] for t in document["tasks"] for m in t["measures"]] == ["1.1"]


def test_empty_journal_gives_null_dates():
    document = _status(as_of=date(2018, 1, 31))
    assert (document["latest_entry"], document["last_update"]) == (None, None)
    assert {m["last_entry"] for t in document["tasks"] for m in t["measures"]} == {None}


def test_measure_document_of_an_overdue_measure():
    registry = _registry()
    report = evaluate(plan=registry.plan, journal=registry.journal, as_of=AS_OF)
    measure = next(m for m in report.measures() if m.id == "1.1")
    assert measure_document(measure) == M11


def test_registry_text_stays_data_and_json_escapes_controls():
    registry = _registry()
    hostile = "[bold red]x[/] \x1b]0;pwned\x07"
    tasks = (replace(registry.plan.tasks[0], title=hostile),) + registry.plan.tasks[1:]
    registry = replace(registry, plan=replace(registry.plan, tasks=tasks))
    report = evaluate(plan=registry.plan, journal=registry.journal, as_of=AS_OF)
    document = status_document(report)
    assert document["tasks"][0]["title"] == hostile
    dumped = json.dumps(document, ensure_ascii=False)
    assert "[bold red]x[/] \\u001b]0;pwned\\u0007" in dumped
    assert "\x1b" not in dumped


# --------------------------------------------------------------------------- plan


def test_plan_document_registry_and_units():
    document = plan_document(_registry())
    assert document["registry"] == {
        "title": "测试台账",
        "issuer": "测试自治区党委、政府",
        "inspection": "测试督察组",
        "feedback_date": "2018-01-03",
        "report_date": "2019-03-31",
        # (in effect: the fixture leaves immediate_due out, so 立即启动 is due on the feedback date)
        "settings": {"timezone": "Asia/Shanghai", "warn_days": 30, "report_period_days": 90, "immediate_due": "2018-01-03"},
        "claims": [
            {"key": "tasks_total", "text": "全区4项整改任务", "value": 4},
            {"key": "measures_total", "text": "9项具体措施", "value": 9},
        ],
    }
    assert document["units"] == [
        {"name": "自治区生态环境厅", "aliases": ["自治区环境保护厅", "环境保护厅"], "kind": "department"},
        {"name": "自治区住房城乡建设厅", "aliases": [], "kind": "department"},
        {"name": "那曲市", "aliases": [], "kind": "region"},
        {"name": "拉萨市", "aliases": [], "kind": "region"},
    ]


def test_plan_document_tasks_in_plan_order():
    document = plan_document(_registry())
    assert [t["id"] for t in document["tasks"]] == ["1", "2", "3", "4"]
    assert [m["id"] for t in document["tasks"] for m in t["measures"]] == [
        "1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2"]
    assert document["tasks"][3] == {
        "id": "4",
        "title": "追责问责不到位",
        "problem": "追责问责不到位。",
        "deadline": {"text": "立行立改，长期坚持", "milestones": [
            {"kind": "immediate", "due": None, "label": None}, {"kind": "ongoing", "due": None, "label": None}]},
        "reported": {"state": "interim_results", "ongoing": True},
        "regions": ["那曲市"],
        "measures": [
            {"id": "4.1", "text": "对相关责任人进行责任追究（立即启动）。", "owners": ["那曲市"], "lead": "那曲市",
             "milestones": [{"kind": "immediate", "due": None, "label": None}], "note": "对5名责任人进行追责。"},
            {"id": "4.2", "text": "那曲市完成取土场生态恢复（2018年10月31日）；全面完成验收（2019年6月30日）。",
             "owners": ["那曲市", "自治区生态环境厅"], "lead": "那曲市",
             "milestones": [{"kind": "date", "due": "2018-10-31", "label": "生态恢复"},
                            {"kind": "date", "due": "2019-06-30", "label": "验收"}],
             "note": "冬季无法施工。"},  # the latest of its two entries
        ],
    }
    assert document["tasks"][2]["regions"] == []


def test_plan_document_note_is_the_latest_entry_by_date_and_null_without_entries():
    registry = _registry()
    backfilled = Entry(measure="1.1", date=date(2018, 7, 1), state=EntryState.IN_PROGRESS, note="较早的记录")
    same_day = Entry(measure="1.2", date=date(2018, 6, 20), state=EntryState.REPORT, note="同日追加")
    journal = tuple(e for e in registry.journal if e.measure != "3.1") + (backfilled, same_day)
    notes = {m["id"]: m["note"] for t in plan_document(replace(registry, journal=journal))["tasks"]
             for m in t["measures"]}
    assert notes["1.1"] == "主体工程完工60%。"  # a back-filled older entry does not win
    assert notes["1.2"] == "同日追加"  # same date: the one appended later
    assert notes["3.1"] is None


# --------------------------------------------------------------------------- pieces spliced into a frame

_ITEMS = [
    {"id": "1.1", "text": "拉萨市\n\"引号\" \\ 反斜杠", "owners": [], "milestones": [{"due": None, "done": False}], "nested": {}},
    {"id": "2.10", "text": "\x1b[31m[red]", "owners": ["那曲市", "自治区生态环境厅"], "milestones": [], "n": 3},
    {"id": "3", "deep": [[[{"a": [1, [2, {}]]}]]], "emoji": "\U0001f600", "big": 2 ** 70},  # (the standard library writes this one)
]


def _expected(frame_with_items) -> str:
    return json.dumps(frame_with_items, ensure_ascii=False, indent=2) + "\n"


def test_pieces_spliced_into_a_frame_are_the_text_of_the_whole_document():
    from rectify_cli.render.json_out import SLOT, dumps_nested, dumps_spliced

    for items in (_ITEMS, _ITEMS[:1], []):
        flat = dumps_spliced({"as_of": "2019-03-31", "items": [SLOT] if items else [], "total": len(items)},
                             [dumps_nested(item, 2) for item in items])
        assert flat.decode() == _expected({"as_of": "2019-03-31", "items": items, "total": len(items)})
        deep = dumps_spliced({"runs": [{"tool": {"name": "x"}, "results": [SLOT] if items else []}]},
                             [dumps_nested(item, 4) for item in items])
        assert deep.decode() == _expected({"runs": [{"tool": {"name": "x"}, "results": items}]})



def test_plan_document_note_skips_an_entry_that_says_nothing():
    # (close and extend write note: "" unless given one: the progress text was lost from export)
    registry = _registry()
    closed = Entry(measure="1.1", date=date(2019, 3, 30), state=EntryState.DONE, note="", evidence="验收报告")
    notes = {m["id"]: m["note"] for t in plan_document(replace(registry, journal=registry.journal + (closed,)))["tasks"]
             for m in t["measures"]}
    assert notes["1.1"] == "主体工程完工60%。"


# --------------------------------------------------------------------------- journal entries

CLOSE, RETRACTION, REPORT = "a" * 64, "b" * 64, "c" * 64


def _entry_fields(**fields):
    return {"measure": "1.1", "date": None, "state": None, "note": "", "evidence": None, "by": None, "milestone": None,
            "to": None, "reason": None, "approved_by": None, "late": False, "far_future": False, "recorded": None, "retracts": None,
            "hash": None, "file": None, "line": None, "counts": True, "retracted_by": None, **fields}


def test_history_document_says_which_entries_count_and_which_retraction_voids_which():
    journal = [
        Entry("1.1", date(2019, 3, 1), EntryState.DONE, evidence="验收", by="拉萨市", hash=CLOSE),
        Entry("1.1", date(2019, 3, 5), EntryState.RETRACTED, note="误记\x1b[31m", retracts=CLOSE, hash=RETRACTION,
              recorded=date(2019, 3, 6)),
        Entry("1.1", date(2019, 3, 10), EntryState.REPORT, note="二季度", hash=REPORT),
    ]
    assert history_document(journal[::-1], journal=journal) == {"entries": [
        _entry_fields(date="2019-03-10", state="report", note="二季度", hash=REPORT),
        _entry_fields(date="2019-03-05", state="retracted", note="误记\x1b[31m", retracts=CLOSE, hash=RETRACTION,
                      recorded="2019-03-06", counts=False),
        _entry_fields(date="2019-03-01", state="done", evidence="验收", by="拉萨市", hash=CLOSE, counts=False,
                      retracted_by={"hash": RETRACTION, "date": "2019-03-05"}),
    ]}
    # (only the entries listed, judged among the whole journal: --since leaves the retraction out)
    assert history_document(journal[:1], journal=journal)["entries"][0]["retracted_by"] == {
        "hash": RETRACTION, "date": "2019-03-05"}
    assert history_document([], journal=journal) == {"entries": []}


def test_an_extension_gives_every_field_it_stores_and_its_line_in_its_journal(monkeypatch):
    monkeypatch.chdir(FIXTURE.parent)  # (files named as check names them: from the working folder)
    registry = _registry()
    extension = registry.journal[-1]
    assert history_document([extension], journal=registry.journal) == {"entries": [_entry_fields(
        measure="4.2", date="2019-03-10", state="extended", note="冬季无法施工。", milestone="2019-06-30", to="2019-12-31",
        reason="高海拔冬季停工", approved_by="自治区生态环境厅",
        hash="55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f", file="progress.yaml", line=48)]}


def test_show_document_of_a_measure_is_its_status_document_with_its_entries_up_to_the_day():
    registry = _registry()
    report = evaluate(plan=registry.plan, journal=registry.journal, as_of=date(2019, 3, 9))
    document = show_document(report, "4.2")
    assert list(document) == ["as_of", "warn_days", "report_period_days", "measure"]
    assert document["as_of"] == "2019-03-09"
    entries = document["measure"].pop("entries")
    assert [(e["date"], e["state"], e["counts"]) for e in entries] == [("2018-10-20", "done", True)]
    assert document["measure"]["next_due"] == "2019-06-30"  # (the extension of 2019-03-10 is still to come)
