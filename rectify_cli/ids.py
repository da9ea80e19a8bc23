"""Finding the task or measure a user named by its id: an id given without its file that
several files of a folder have, the ids close to one found nowhere, and the error saying so.

Apart from the loader (registry.py): the journal's checks name the measures close to one no
plan has (journal_checks.py), and the engine, the writing commands and the renderers look ids
up in a registry already loaded.
"""
from __future__ import annotations

import re

from .errors import UsageError, close_matches, same_but_case
from .i18n import LISTED_SHOWN, Notice, few_of, refusal, suggested
from .model import ids_in_files, item_key


def several_files_have(item: str, ids) -> UsageError | None:
    """The error for an id given without its file that several files of a folder have (else
    None): commands accept "18.4" for "NAME:18.4" only when one file has it (model.named_id)."""
    key = item_key(item)
    several = ids_in_files(key, ids)
    if len(several) < 2:
        return None
    return refusal(UsageError, "several_files", measure=key, ids=few_of(several))


def in_file_misspelt(key: str, ids) -> list[str]:
    """Of an id whose file's name is misspelt (naq:3.1 in a folder of naqu.yaml and ali.yaml),
    the same id in the files named most like it; [] when its file is one of the folder's, or no
    file's name is close, or none of those has the id."""
    prefix, colon, rest = key.rpartition(":")
    if not colon:
        return []
    known = set(ids)
    files = {i.rpartition(":")[0] for i in known if ":" in i}
    if not prefix or prefix in files:
        return []
    return [f"{name}:{rest}" for name in close_matches(prefix, sorted(files)) if f"{name}:{rest}" in known]


def in_other_files(key: str, ids) -> list[str]:
    """Of an id under a file of the folder that lacks it (xizang:35.1 where naqu.yaml alone has
    35.1), the same id in the files that have it, as --task suggests them; [] otherwise."""
    prefix, _, rest = key.rpartition(":")
    if not prefix:
        return []
    found, of_folder = [], False
    for i in ids:  # (one pass: a journal's unknown measures each ask, of 100,000 ids)
        head, _, tail = i.rpartition(":")
        if head == prefix:
            of_folder = True
        elif head and tail == rest:
            found.append(i)
    return sorted(found) if of_folder else []


# A number of an id written with a leading 0 (02.1, 1.02): the zeros.
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")


def id_as_meant(written: str) -> str:
    """The id `written` stands for: as commands read it (item_key: full-width digits as ASCII),
    and each number without leading zeros (02.1: 2.1). The journal, evidence as written, does not
    read it so: its refusal names it."""
    key = item_key(written)
    prefix, colon, rest = key.rpartition(":")
    return prefix + colon + _LEADING_ZEROS.sub("", rest)


def close_ids(key: str, ids) -> list[str]:
    """The ids closest to `key` (_close_names); in a folder, an id without its file is matched
    against each file's own ids (35.9 is close to xizang:35.5, not to any id with a file's name
    in front), one with a misspelt file's name is that file's id (in_file_misspelt), one under a
    file that lacks it the same id in those that have it (in_other_files), then its own file's
    ids close to it; one written with a leading zero or full-width digits, 01.1, the id it
    stands for (id_as_meant)."""
    if key.startswith(":"):  # (`:18.4`, its file's name left out: the id in each file, not one file's by spelling)
        key = key[1:]
        found = [key] if key in ids else ids_in_files(key, ids)
        if found:
            return found
    meant = id_as_meant(key)
    if meant != key and meant in ids:
        return [meant]
    misspelt = in_file_misspelt(key, ids)
    if misspelt:
        return misspelt
    # (and its own file's ids next to it: xizang:1.3 where naqu.yaml has a 1.3 may be a typo for xizang:1.2)
    elsewhere = in_other_files(key, ids)
    by_name: dict[str, list[str]] = {i: [i] for i in ids}  # (naqu.4.2, a slip of the separator: naqu:4.2)
    if ":" not in key:
        for i in ids:
            if ":" in i:
                by_name.setdefault(i.rpartition(":")[2], []).append(i)
    names = _close_names(key, by_name)
    if not names and ":" in key:  # (tasks:33.1 where the ids carry no file: a folder of one plan file)
        names = _close_names(key.rpartition(":")[2], by_name)
    own = [i for name in names for i in by_name[name]]
    # (of many files that have it, a few: its own file's, the likeliest, kept; 13 of 31 provinces' ids came first)
    elsewhere = elsewhere[:max(LISTED_SHOWN - len(own), 1)]
    return list(dict.fromkeys([*elsewhere, *own]))


# An id that is numbers ("46", "18.9", "naqu:4.9"): its last number, and what comes before it.
_NUMBER_ID = re.compile(r"((?:[^:]+:)?(?:\d+\.)*)(\d+)")


def _close_names(key: str, names) -> list[str]:
    """The names closest to `key`. Of a number-like id, those of its shape (its file, its task)
    whose last number is one away from its; else, when it has more digits than any of them, it
    with its last digit dropped (450 of tasks 1 to 45); else, of a measure, its task's measures,
    nearest first (1.9: 1.2, 1.1); else the id it adds a part to (1.1.1: 1.1). By spelling
    (close_matches), 46 was close to 4 and 6, not 45."""
    typed = _NUMBER_ID.fullmatch(key)
    if typed is None:
        return close_matches(key, names)
    head, digits = typed[1], typed[2]
    numbers = {name: match[2] for name in names if (match := _NUMBER_ID.fullmatch(name)) and match[1] == head}
    nearest = [name for *_, name in sorted((abs(int(n) - int(digits)), int(n), name) for name, n in numbers.items())]
    next_to = [name for name in nearest if abs(int(numbers[name]) - int(digits)) <= 1]
    longer = [name for name, n in numbers.items() if n == digits[:-1] and len(digits) > max(map(len, numbers.values()))]
    siblings = nearest[:3] if head.endswith(".") else []
    extended = [head[:-1]] if head.endswith(".") and head[:-1] in names else []
    return same_but_case(key, names) or next_to or longer or siblings or extended


def file_tasks(word: str, task_ids) -> Notice | str | None:
    """The span of the tasks of a folder's file named `word` (xizang:1 to xizang:45), where a
    file's name was given for an id: ids close to it as text say nothing of why it is none."""
    word = word.removesuffix(":")  # (xizang: is the file's name with its colon, no id after it)
    own = [task_id for task_id in task_ids if task_id.rpartition(":")[0] == word] if word else []
    if not own:
        return None
    return own[0] if len(own) == 1 else Notice("tasks_span", {"first": own[0], "last": own[-1]})


def is_file_hint(word: str, task_ids) -> Notice | None:
    """file_tasks as the hint of a refusal naming `word` as no task or measure."""
    span = file_tasks(word, task_ids)
    return Notice("is_file", {"item": word, "span": span}) if span is not None else None


def unknown_item(item: str, tasks) -> UsageError:
    """The error for a task or measure id found nowhere in `tasks` (anything with `id` and
    `measures` of things with `id`: the plan's tasks, or a report's), as `show` and `history`
    both say it: the id written literally, and the ids close to it, the task's measures, or
    the range of tasks."""
    from .textsafe import printable

    ids = [t.id for t in tasks] + [m.id for t in tasks for m in t.measures]
    several = several_files_have(item, ids)
    if several is not None:
        return several
    key = item_key(item)
    if not key:  # (show "": it was said to be no task or measure “”)
        return refusal(UsageError, "empty_item", hint=tasks_range([t.id for t in tasks]) if tasks else None)
    span = file_tasks(key, [t.id for t in tasks])
    if span is not None:
        return refusal(UsageError, "item_is_file", item=printable(item, single_line=True), span=span)
    close = close_ids(key, ids)
    hint = suggested(close)
    if not close:
        task_part = key.rpartition(".")[0]
        local = ":" not in key  # (in a folder, the task of that number in any file)
        siblings = [m.id for t in tasks if (t.id.rpartition(":")[2] if local else t.id) == task_part for m in t.measures]
        if siblings:
            hint = Notice("task_has_measures", {"task": task_part, "measures": siblings})
        elif tasks:
            hint = tasks_range([t.id for t in tasks], key)
    return refusal(UsageError, "unknown_item", item=printable(item, single_line=True), hint=hint)


def tasks_range(task_ids, item: str = "") -> Notice:
    """The hint "(tasks are 1 to 45)", of a folder each file's first and last task, in order
    (a file's only task alone, not "1 to 1"; of many files, a few and how many more: few_of);
    "(the only task is 1)" of a ledger of one.
    `item`, the id typed: one naming a file of the folder (xizang:99.1) is given that file's span
    alone (it was given every file's, as if no file had been named)."""
    named = item.rpartition(":")[0]
    of_file = [task_id for task_id in task_ids if named and task_id.rpartition(":")[0] == named]
    task_ids = of_file or task_ids  # (a name no file has: every file's)
    files: dict[str, list[str]] = {}
    for task_id in task_ids:
        files.setdefault(task_id.rpartition(":")[0], []).append(task_id)
    spans = [own[0] if len(own) == 1 else Notice("tasks_span", {"first": own[0], "last": own[-1]})
             for own in files.values()]
    if len(files) == 1 and isinstance(spans[0], str):
        return Notice("only_task", {"task": spans[0]})
    return Notice("tasks_range", {"spans": few_of(spans)})
