"""The reconciliation of the report's headline claims as plain text: a table, then one line
per claim the appendix does not support; every line fitted to a width (a terminal's), broken
only where a line may break, never inside a number or a key."""
from __future__ import annotations

from ..i18n import Lang
from ..i18n import label as _l
from ..reconcile import ClaimCheck, ReconcileResult
from ..textsafe import display_width
from .linebreak import hanging, joined_out, unbroken
from .summary_text import cell, table

# The columns of the table (label keys), and which of them (the report's words, the counting
# rule: the long ones) go under their row, last first, when the table is wider than the line.
_COLUMNS = ("reconcile_key", "reconcile_text", "reconcile_claimed", "reconcile_computed", "reconcile_result",
            "reconcile_rule")
_TEXT, _RULE = 1, 5


def _result(check: ClaimCheck, lang: Lang) -> str:
    # (each disagreement, as the lines under the table say each: the appendix's first; then the
    # claim's own words, the report they quote, then a key mistyped; 不一致 alone hid the words' other figure)
    found = [key for key, said in (("reconcile_mismatch", check.matches is False),
                                   ("reconcile_text_differs", check.text_value is not None),
                                   ("reconcile_not_quoted", check.quoted is False),
                                   ("reconcile_mistyped", check.suggestion is not None)) if said]
    if found:  # (each word whole on a narrow line: 未见于 / 报告 was cut; the table's cell joined_out)
        return ("、" if lang == Lang.zh else ", ").join(unbroken(_l(key, lang)) for key in found)
    if check.matches is None:
        return _l("reconcile_no_rule" if check.why_zh is None else "reconcile_not_counted", lang)
    return _l("reconcile_match", lang)  # (a mismatch is among those found above)


def _rule(check: ClaimCheck, lang: Lang) -> str:
    """The counting rule's column: the rule, or why none counts the claim."""
    if check.has_rule:
        return check.rule_zh if lang == Lang.zh else check.rule_en
    if check.suggestion is not None:
        return _l("reconcile_mistyped_text", lang, known=check.suggestion)
    if check.why_zh is None:
        return _l("reconcile_no_rule_text", lang)
    return _l("reconcile_not_counted_text", lang, why=check.why_zh if lang == Lang.zh else check.why_en)


def _figure(check: ClaimCheck, value: int) -> str:
    """A claim's figure as the report writes it: a rate with its % (33%, never a count of 33)."""
    return f"{value}%" if check.rate else str(value)


def _fitted_table(headers: list[str], rows: list[list[str]], lang: Lang, width: int) -> list[str]:
    """The table within `width` cells (_table_lines), each row followed by the columns it left
    out, a line each (wrapped)."""
    heading, row_lines, under = _table_lines(headers, rows, lang, width)
    fitted = heading
    for lines, row in zip(row_lines, rows):
        fitted += lines
        for i in under:
            fitted += hanging("  " + _l("history_under_row", lang, name=headers[i], text=""), row[i], width)
    return fitted


def _table_lines(headers: list[str], rows: list[list[str]], lang: Lang, width: int):
    """The table's heading lines, each row's lines, and the columns each row leaves out: the
    whole table if it fits `width`; else without the counting rule, then without the report's
    words too; narrower still no table, each claim's key on a line of its own and its numbers
    in words on the next (a row of them alone is some 60 cells wide)."""
    for under in ((), (_RULE,), (_TEXT, _RULE)):
        kept = [i for i in range(len(headers)) if i not in under]
        lines = table([headers[i] for i in kept], [[joined_out(row[i]) for i in kept] for row in rows],
                      right=tuple(kept.index(i) for i in (2, 3))).split("\n")
        if max(map(display_width, lines)) <= width:
            return lines[:2], [[line] for line in lines[2:]], under
    return [], [[key, *hanging("  ", _l("reconcile_claim_numbers", lang, claimed=claimed, computed=computed,
                                         result=result), width)]
                for key, _, claimed, computed, result, _ in rows], (_TEXT, _RULE)


def render(result: ReconcileResult, *, lang: Lang, file: str | None = None, width: int) -> str:
    """The table and the notes under it, each line within `width` cells (but a key or a word
    wider than it), ending with a newline; `file`: the plan file
    of a folder whose report it is, named in the title."""
    zh = lang == Lang.zh
    title = _l("reconcile_title", lang, date=result.report_date.isoformat())
    lines = [*hanging("", title if file is None else cell(file) + ("：" if zh else ": ") + title, width), ""]
    if not result.checks:
        return "\n".join(lines + hanging("", _l("reconcile_no_claims", lang), width)) + "\n"

    headers = [_l(k, lang) for k in _COLUMNS]
    rows = [
        [cell(c.key), cell(c.text), _figure(c, c.claimed), _figure(c, c.computed) if c.has_rule else "—", _result(c, lang),
         _rule(c, lang)]
        for c in result.checks
    ]
    lines += _fitted_table(headers, rows, lang, width)
    lines.append("")

    mismatches = result.mismatches
    if not result.disagreements:
        # (全部一致 only when every claim was compared: one without a rule was not, nor a figure none records)
        unchecked = len(result.without_rule)
        said = "reconcile_all_match" if not unchecked and not result.unrecorded else \
            "reconcile_none_checked" if unchecked == len(result.checks) else "reconcile_checked_match"
        lines += hanging("", _l(said, lang), width)
    elif mismatches:
        lines += hanging("", _l("reconcile_mismatches", lang, n=len(mismatches)), width)
        for c in mismatches:
            note = _l("reconcile_mismatch_line", lang, claim_key=cell(c.key), text=cell(c.text), claimed=_figure(c, c.claimed),
                      computed=_figure(c, c.computed))
            if c.alternative is not None:
                rule = c.alternative.zh if zh else c.alternative.en
                note += ("" if zh else " ") + _l("reconcile_alternative", lang, rule=rule, value=_figure(c, c.alternative.value))
            lines += hanging("- ", note, width)
    # (claims that cannot be right whatever the appendix says: their words give another figure, or
    # their key is a slip for a known one; each a line of its own)
    if said := [c for c in result.checks if c.text_value is not None]:
        lines += hanging("", _l("reconcile_text_disagrees", lang, n=len(said)), width)
        for c in said:
            lines += hanging("- ", _l("reconcile_text_line", lang, claim_key=cell(c.key), text=cell(c.text),
                                       said=_figure(c, c.text_value), claimed=_figure(c, c.claimed)), width)
    if unquoted := [c for c in result.checks if c.quoted is False]:
        lines += hanging("", _l("reconcile_not_quoted_heading", lang, source=cell(result.source.path), n=len(unquoted)), width)
        for c in unquoted:
            lines += hanging("- ", _l("reconcile_not_quoted_line", lang, claim_key=cell(c.key), text=cell(c.text)), width)
    if mistyped := [c for c in result.checks if c.suggestion is not None]:
        lines += hanging("", _l("reconcile_mistyped_keys", lang, n=len(mistyped)), width)
        for c in mistyped:
            lines += hanging("- ", _l("reconcile_mistyped_line", lang, claim_key=cell(c.key), known=c.suggestion), width)
    # (a claim the ledger has no count for, said apart from a key no rule knows: the one is the
    # report's figure the ledger cannot check, the other perhaps a key mistyped)
    for said, unchecked in (("reconcile_without_count", [c for c in result.without_rule if c.why_zh is not None]),
                            ("reconcile_without_rule", [c for c in result.without_rule
                                                        if c.why_zh is None and c.suggestion is None])):
        if unchecked:
            keys = ("、" if zh else ", ").join(cell(c.key) for c in unchecked)
            lines += hanging("", _l(said, lang, n=len(unchecked), keys=keys), width)
    if result.unrecorded:
        lines += hanging("", _l("reconcile_unrecorded", lang, n=len(result.unrecorded)), width)
        for words in result.unrecorded:
            lines += hanging("- ", _l("reconcile_unrecorded_line", lang, words=cell(words)), width)
        lines += hanging("", _l("reconcile_unrecorded_how", lang), width)
    if result.source is not None and result.source.text is None:  # (else 全部一致 would seem to vouch for the words)
        lines += hanging("", _l("reconcile_source_unread", lang, path=cell(result.source.path),
                                 why=_l(f"source_unread_{result.source.why}", lang)), width)
    return "\n".join(lines) + "\n"


def render_files(results, *, lang: Lang, plan_files, width: int) -> str:
    """`reconcile`'s text: each report of reconcile.reconcile_files in turn, a blank line apart,
    a folder's file named as check and status name it (gate.file_paths)."""
    from ..gate import file_paths

    paths = file_paths(plan_files)
    return "\n".join(render(result, lang=lang, file=None if file is None else paths.get(file, file), width=width)
                     for file, result in results)


def unread_warning(plan_file: str, line: int | None, report, *, folder: bool, lang: Lang) -> str:
    """validate's warning of a report a plan file names (registry.source; a reconcile.QuotedReport)
    that cannot be read, at its source: line: one line."""
    from ..gate import shown_file
    from ..textsafe import printable

    place = shown_file(plan_file, folder=folder) + ("" if line is None else f":{line}")
    return printable("rectify: " + _l("validate_source_unread", lang, place=place, path=report.path,
                                      why=_l(f"source_unread_{report.why}", lang)), single_line=True)
