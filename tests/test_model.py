"""model: the makers of the objects loaded by the 100,000s give what the dataclasses give."""
from __future__ import annotations

from dataclasses import FrozenInstanceError, fields
from datetime import date

import pytest

from rectify_cli.model import (
    Deadline,
    Entry,
    EntryState,
    Location,
    Measure,
    Milestone,
    MilestoneKind,
    Reported,
    ReportedState,
    Task,
    maker,
    new_deadline,
    new_location,
    new_measure,
    new_milestone,
    new_task,
)

LOCATION = {"file": "tasks.yaml", "line": 12, "column": 5}
MILESTONE = {"kind": MilestoneKind.DATE, "due": date(2019, 12, 31), "label": "完成"}
MEASURE = {"id": "18.4", "task_id": "18", "text": "开展排查", "owners": ("自治区生态环境厅",), "lead": "自治区生态环境厅",
           "milestones": (Milestone(**MILESTONE),), "location": Location(**LOCATION)}
DEADLINE = {"text": "2019年12月底前", "milestones": (Milestone(**MILESTONE),)}
TASK = {"id": "18", "title": "问题", "problem": "问题", "deadline": Deadline(**DEADLINE),
        "reported": ReportedState(state=Reported.FULLY_DONE), "regions": (), "measures": (Measure(**MEASURE),),
        "location": Location(**LOCATION)}
ENTRY = {"measure": "18.4", "date": date(2019, 3, 1), "state": EntryState.DONE, "note": "已完成", "evidence": "藏环发〔2019〕1号",
         "by": None, "milestone": date(2019, 12, 31), "to": None, "reason": None, "approved_by": None, "late": False,
         "hash": "ab" * 32, "location": Location(**LOCATION), "recorded": None, "retracts": None,
         "far_future": False}


@pytest.mark.parametrize("make, cls, values", [
    (new_location, Location, LOCATION), (new_milestone, Milestone, MILESTONE), (new_measure, Measure, MEASURE),
    (new_deadline, Deadline, DEADLINE), (new_task, Task, TASK),
], ids=lambda value: getattr(value, "__name__", ""))
def test_a_made_instance_is_the_dataclass_instance(make, cls, values):
    made, built = make(**values), cls(**values)
    assert type(made) is cls
    assert (made, hash(made), repr(made)) == (built, hash(built), repr(built))
    with pytest.raises(FrozenInstanceError):
        setattr(made, fields(cls)[0].name, None)


def test_a_maker_takes_every_field_and_nothing_else():
    """A field left out (one added to the dataclass, say) fails where the object is made, not
    later where it is read."""
    with pytest.raises(TypeError, match="column"):
        new_location(file="tasks.yaml", line=1)
    with pytest.raises(TypeError, match="colour"):
        new_location(file="tasks.yaml", line=1, column=1, colour="red")
    with pytest.raises(TypeError):
        new_location("tasks.yaml", 1, 1)  # (by keyword only: fields may be reordered)
    assert maker(Location)(file="a.yaml", line=2, column=3) == Location("a.yaml", 2, 3)


def test_a_maker_in_an_order_takes_the_fields_by_position_in_that_order():
    """The order is the caller's, named beside the call, not the dataclass's: a field reordered
    in the dataclass still goes to its own slot."""
    make = maker(Entry, *reversed([f.name for f in fields(Entry)]))
    made = make(*reversed(list(ENTRY.values())))
    assert type(made) is Entry
    assert (made, repr(made)) == (Entry(**ENTRY), repr(Entry(**ENTRY)))
    assert maker(Location, "line", "column", "file")(2, 3, "a.yaml") == Location("a.yaml", 2, 3)
    with pytest.raises(TypeError):
        maker(Location, "line", "column", "file")(line=2, column=3, file="a.yaml")  # (by position only)


@pytest.mark.parametrize("order", [("file", "line"), ("file", "line", "column", "colour"), ("file", "line", "line")])
def test_a_maker_in_an_order_must_name_every_field_once(order):
    """A field added to the dataclass (or one misspelt) fails where the maker is made, at import,
    not where a slot left empty is read."""
    with pytest.raises(TypeError, match="Location"):
        maker(Location, *order)


@pytest.mark.parametrize("module", ["rectify_cli.model", "rectify_cli.engine"])
def test_every_dataclass_says_what_it_is(module):
    """The dataclasses every command that reads a registry loads: one without a docstring is
    given one at start-up, made from inspect.signature (2 ms of the 28 dataclasses of `status`)."""
    import dataclasses
    import importlib

    classes = [value for value in vars(importlib.import_module(module)).values()
               if dataclasses.is_dataclass(value) and value.__module__ == module]
    made_up = [cls.__name__ for cls in classes if cls.__doc__ is None or cls.__doc__.startswith(f"{cls.__name__}(")]
    assert classes and made_up == []
