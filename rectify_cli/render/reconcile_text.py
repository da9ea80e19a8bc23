"""The reconciliation of the report's headline claims as plain text: a table, then one line
per claim the appendix does not support."""
from __future__ import annotations

from ..i18n import Lang
from ..i18n import label as _l
from ..reconcile import ClaimCheck, ReconcileResult
from .summary_text import cell, table



def _result(check: ClaimCheck, lang: Lang) -> str:
    if check.matches is None:
        return _l("reconcile_no_rule", lang)
    return _l("reconcile_match" if check.matches else "reconcile_mismatch", lang)


def render(result: ReconcileResult, *, lang: Lang, file: str | None = None) -> str:
    """The table and the notes under it, ending with a newline; `file`: the plan file of a
    folder whose report it is, named in the title."""
    zh = lang == Lang.zh
    title = _l("reconcile_title", lang, date=result.report_date.isoformat())
    lines = [title if file is None else cell(file) + ("：" if zh else ": ") + title, ""]
    if not result.checks:
        return "\n".join(lines + [_l("reconcile_no_claims", lang)]) + "\n"

    headers = [_l(k, lang) for k in ("reconcile_key", "reconcile_text", "reconcile_claimed", "reconcile_computed", "reconcile_result", "reconcile_rule")]
    rows = [
        [cell(c.key), cell(c.text), str(c.claimed), str(c.computed) if c.has_rule else "—", _result(c, lang),
         (c.rule_zh if zh else c.rule_en) if c.has_rule else _l("reconcile_no_rule_text", lang)]
        for c in result.checks
    ]
    lines.append(table(headers, rows, right=(2, 3)))
    lines.append("")

    mismatches = result.mismatches
    if not mismatches:
        lines.append(_l("reconcile_all_match", lang))
    else:
        lines.append(_l("reconcile_mismatches", lang, n=len(mismatches)))
        for c in mismatches:
            note = _l("reconcile_mismatch_line", lang, claim_key=cell(c.key), text=cell(c.text), claimed=c.claimed, computed=c.computed)
            if c.alternative is not None:
                rule = c.alternative.zh if zh else c.alternative.en
                note += ("" if zh else " ") + _l("reconcile_alternative", lang, rule=rule, value=c.alternative.value)
            lines.append(f"- {note}")
    if result.without_rule:
        keys = ("、" if zh else ", ").join(cell(c.key) for c in result.without_rule)
        lines.append(_l("reconcile_without_rule", lang, n=len(result.without_rule), keys=keys))
    return "\n".join(lines) + "\n"
