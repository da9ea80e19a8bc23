"""Words shown to users, in Chinese (default: the registry and its users are Chinese) and English."""
from __future__ import annotations

import enum


class Lang(str, enum.Enum):
    zh = "zh"
    en = "en"


STATUS = {
    "overdue": ("逾期", "overdue"),
    "due_soon": ("临期", "due soon"),
    "on_track": ("按期推进", "on track"),
    "ongoing": ("长期坚持", "ongoing"),
    "done": ("已销号", "done"),
    "stale": ("久未报告", "stale"),
}
LIGHT = {"red": ("红", "red"), "yellow": ("黄", "yellow"), "green": ("绿", "green")}
REPORTED = {
    "fully_done": ("全面完成", "fully done"),
    "basically_done": ("基本完成", "essentially done"),
    "on_schedule": ("序时推进", "on schedule"),
    "interim_results": ("取得阶段性成效", "interim results"),
}
MILESTONE = {"date": ("限期", "by date"), "ongoing": ("长期坚持", "ongoing"), "immediate": ("立即启动", "immediate")}
ENTRY = {
    "in_progress": ("推进中", "in progress"),
    "done": ("销号", "closed"),
    "reopened": ("重新打开", "reopened"),
    "report": ("定期报告", "report"),
    "extended": ("延期", "extended"),
}

# Free-standing labels; renderers add theirs here so both languages stay side by side.
LABELS = {
    "registry": ("台账", "Registry"),
    "as_of": ("截至", "As of"),
    "latest_entry": ("最近一次记录", "Latest entry"),
    "days_ago": ("{n}天前", "{n} days ago"),
    "never": ("无", "none"),
    "task": ("任务", "Task"),
    "measure": ("措施", "Measure"),
    "title": ("问题", "Problem"),
    "deadline": ("整改时限", "Deadline"),
    "reported": ("报告进度", "Reported"),
    "progress": ("完成", "Done"),
    "light": ("灯", "Light"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "owners": ("责任单位", "Units"),
    "next_due": ("下一期限", "Next due"),
    "status": ("状态", "Status"),
}


def word(table: dict, key, lang: Lang) -> str:
    """The word for `key` (an enum or its value) in `lang`; unknown keys print as themselves."""
    key = getattr(key, "value", key)
    pair = table.get(key)
    if pair is None:
        return str(key)
    return pair[0] if lang == Lang.zh else pair[1]


def label(key: str, lang: Lang, **values) -> str:
    return word(LABELS, key, lang).format(**values)
