"""`rectify check` output: one renderer per format, chosen by name in :func:`render`.

Shared here: the short phrases every format uses (light word, "逾期89天", the total line), so
that text, annotations, JUnit and SARIF say the same thing. The machine formats live in
check_machine.py (json, junit, sarif); the human and CI-log formats (text, github, markdown)
here.
"""
from __future__ import annotations

from collections.abc import Callable


from ..engine import Status
from ..errors import UsageError
from ..gate import CheckItem, CheckResult, stale_days
from ..i18n import ENTRY, LIGHT, STATUS, Lang, label, word
from ..textsafe import clip, display_width, printable

SHORT_CELLS = 30  # display cells of measure text shown on one line
ANNOTATION_CAP = 10  # GitHub shows at most 10 annotations of each level per step


# --------------------------------------------------------------------------- shared phrases


def shorten(text: str, limit: int = SHORT_CELLS) -> str:
    """`text` cut to at most `limit` cells, ending with … when cut."""
    return clip(text, limit)


def one_line(text: str) -> str:
    """Registry text made safe for a single line of plain output."""
    return printable(text, single_line=True)


def short_text(item: CheckItem) -> str:
    return shorten(one_line(item.result.measure.text))


def owners_text(item: CheckItem, lang: Lang) -> str:
    return label("check_list_sep", lang).join(one_line(o) for o in item.result.measure.owners)


def detail(item: CheckItem, as_of, lang: Lang) -> str:
    """What is wrong, briefly: "逾期89天", "2019-04-15到期", "274天未报告"."""
    result = item.result
    if result.status == Status.OVERDUE:
        return label("check_overdue_days", lang, n=result.days_overdue)
    if result.status == Status.DUE_SOON and result.next_due is not None:
        return label("check_due_on", lang, date=result.next_due.isoformat())
    if result.stale:
        days = stale_days(result, as_of)
        return label("check_never_reported", lang) if days is None else label("check_stale_days", lang, n=days)
    return word(STATUS, result.status, lang)


def title(item: CheckItem, as_of, lang: Lang) -> str:
    """A one-line heading for an annotation or a JUnit failure: "1.1 逾期89天"."""
    return f"{item.id} {detail(item, as_of, lang)}"


def body(item: CheckItem, as_of, lang: Lang) -> str:
    """Several lines about one measure: its text, units, due date and latest journal entry."""
    result = item.result
    colon = label("check_colon", lang)
    lines = [f"{label('measure', lang)} {item.id}{colon}{one_line(result.measure.text)}",
             f"{label('owners', lang)}{colon}{owners_text(item, lang)}"]
    if result.next_due is not None:
        lines.append(f"{label('check_due', lang)}{colon}{result.next_due.isoformat()}")
    if result.entries:
        last = result.entries[-1]
        note = f" {one_line(last.note)}" if last.note else ""
        latest = f"{last.date.isoformat()} {word(ENTRY, last.state, lang)}{note}"
    else:
        latest = label("never", lang)
    lines.append(f"{label('latest_entry', lang)}{colon}{latest}")
    return "\n".join(lines)


def _rule_word(rule: str, lang: Lang) -> str:
    return word(STATUS, rule, lang)


def total_line(result: CheckResult, lang: Lang) -> str:
    """The verdict: "1 项措施逾期（共 8 项）" / "1 of 8 measures fail (overdue)", or all clear."""
    date = result.as_of.isoformat()
    if not result.failing:
        if result.total == 0:
            return label("check_nothing_selected", lang, date=date)
        what = label("check_or", lang).join(_rule_word(r, lang) for r in result.fail_on)
        return label("check_all_clear", lang, date=date, total=result.total, what=what)
    counts = [(rule, result.count(rule)) for rule in result.fail_on if result.count(rule)]
    if len(counts) == 1:
        return label("check_total_single", lang, n=len(result.failing), total=result.total,
                     what=_rule_word(counts[0][0], lang))
    what = label("check_list_sep", lang).join(
        label("check_rule_count", lang, what=_rule_word(rule, lang), n=n) for rule, n in counts)
    return label("check_total_multi", lang, n=len(result.failing), total=result.total, what=what)


# --------------------------------------------------------------------------- text


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _rows(items: tuple[CheckItem, ...], as_of, lang: Lang) -> list[str]:
    """Aligned lines: id, light, detail, units, short text (columns padded by cells)."""
    table = [(item.id, word(LIGHT, item.result.light, lang), detail(item, as_of, lang),
              owners_text(item, lang), short_text(item)) for item in items]
    if not table:
        return []
    widths = [max(display_width(row[i]) for row in table) for i in range(4)]
    return ["  ".join([*(_pad(row[i], widths[i]) for i in range(4)), row[4]]).rstrip() for row in table]


def render_text(result: CheckResult, *, lang: Lang) -> str:
    """Failing measures worst first, then due-soon warnings, then the verdict line."""
    lines = _rows(result.failing, result.as_of, lang)
    if result.warnings:
        lines.append(label("check_warnings_header", lang))
        lines.extend(_rows(result.warnings, result.as_of, lang))
    lines.append(total_line(result, lang))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- github


def escape_data(text: str) -> str:
    """A workflow-command message: % CR LF percent-encoded (% first)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow-command property value: as a message, plus : and , which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(level: str, item: CheckItem, as_of, lang: Lang) -> str:
    props = []
    if item.file is not None:
        props.append(f"file={escape_property(item.file)}")
        if item.line is not None:
            props.append(f"line={item.line}")
    props.append(f"title={escape_property(title(item, as_of, lang))}")
    return f"::{level} {','.join(props)}::{escape_data(body(item, as_of, lang))}"


def render_github(result: CheckResult, *, lang: Lang) -> str:
    """Workflow commands: the 10 worst ::error and ::warning annotations, a ::notice:: for the
    rest, then the text report so that the log lists everything."""
    lines = [_annotation("error", item, result.as_of, lang) for item in result.failing[:ANNOTATION_CAP]]
    lines += [_annotation("warning", item, result.as_of, lang) for item in result.warnings[:ANNOTATION_CAP]]
    more_errors = max(len(result.failing) - ANNOTATION_CAP, 0)
    more_warnings = max(len(result.warnings) - ANNOTATION_CAP, 0)
    if more_errors or more_warnings:
        notice = label("check_not_annotated", lang, errors=more_errors, warnings=more_warnings)
        lines.append(f"::notice::{escape_data(notice)}")
    return "\n".join(lines) + ("\n" if lines else "") + render_text(result, lang=lang)


# --------------------------------------------------------------------------- markdown

_MD_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|~#"})


def md_cell(text: str) -> str:
    """Registry text as a literal GitHub-flavoured Markdown table cell: one line, no markup,
    no HTML, no column break."""
    return one_line(text).replace("&", "&amp;").translate(_MD_SPECIAL)


def render_markdown(result: CheckResult, *, lang: Lang) -> str:
    """The job summary (GITHUB_STEP_SUMMARY): a heading with the verdict and a table of the
    failing measures."""
    lines = [f"### {label('check_heading', lang)}{label('check_colon', lang)}{md_cell(total_line(result, lang))}", ""]
    if result.failing:
        header = [label("check_id", lang), label("light", lang), label("days_overdue", lang),
                  label("owners", lang), label("measure", lang)]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for item in result.failing:
            days = str(item.result.days_overdue) if item.result.status == Status.OVERDUE else detail(item, result.as_of, lang)
            row = [md_cell(item.id), word(LIGHT, item.result.light, lang), days,
                   md_cell(owners_text(item, lang)), md_cell(item.result.measure.text)]
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- dispatch


def _renderers() -> dict[str, Callable[..., str]]:
    from . import check_machine

    return {
        "text": render_text,
        "json": check_machine.render_json,
        "junit": check_machine.render_junit,
        "github": render_github,
        "markdown": render_markdown,
        "sarif": check_machine.render_sarif,
    }


FORMATS = ("text", "json", "junit", "github", "markdown", "sarif")


def render(result: CheckResult, *, format: str, lang: Lang = Lang.zh) -> str:
    """The whole output of `rectify check` in `format`, ending with a newline."""
    renderers = _renderers()
    renderer = renderers.get(format)
    if renderer is None:
        raise UsageError(f"--format: unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    return renderer(result, lang=lang)
