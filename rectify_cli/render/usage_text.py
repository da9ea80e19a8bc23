"""A command line the parser refuses (an unknown option, a missing one, a value not among the
choices), said in one line as rectify's own refusals are, in Chinese or English: the parser (click,
through Typer) says it in four lines (Usage, Try, a blank line, Error), in English only.

Its exceptions are read by name and attributes, as every click that Typer has used (its own copy
since Typer 0.17) makes them; what is not recognised keeps the parser's English words."""
from __future__ import annotations

import re

from ..i18n import Lang, Notice, echoed, label, notice_text


def refusal_line(lang: Lang, exc, *, command: str) -> str:
    """The message of the parser's UsageError `exc`, in `lang`; `command`: the command it was
    given to, when the error does not say (rectify status)."""
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None and ctx.command_path else command
    notice = _notice(exc)
    what = notice_text(Notice(notice.key, echoed(notice.values)), lang, prefix="usage_")  # (a value typed, cut as a refusal cuts it)
    return label("usage_line", lang, what=what, command=command)


def _notice(exc) -> Notice:
    kind, message, param = type(exc).__name__, getattr(exc, "message", str(exc)), getattr(exc, "param", None)
    name = _name(param)
    if kind == "_FromEnvironment":  # (command_line._FromEnvironment: RECTIFY_LANG=EN, no --lang typed)
        kind, name = "BadParameter", param.envvar
    if kind == "NoSuchOption":
        return Notice("no_such_option", {"name": exc.option_name, "hint": _did_you_mean(exc.possibilities or ())})
    if kind == "MissingParameter" and name:
        return Notice("missing_option" if getattr(param, "opts", None) and name.startswith("-") else "missing_argument",
                      {"name": name})
    if kind == "_EmptyPath" and name:  # (command_line._EmptyPath: -r '', as a script's unset variable gives it)
        return Notice("empty_path" if name.startswith("-") else "empty_path_argument", {"name": name})
    if kind == "BadParameter" and name:
        choices = getattr(getattr(param, "type", None), "choices", None)
        chosen = re.match(r"'(.*)' is not one of ", message)
        if choices and chosen:
            meant = _meant_choice(chosen.group(1), choices)
            return Notice("not_a_choice_meant" if meant else "not_a_choice",
                          {"name": name, "value": chosen.group(1), "choices": list(choices), "meant": meant})
        if (number := _number_refused(name, getattr(param, "type", None), message)) is not None:
            return number
        return Notice("invalid_value", {"name": name, "detail": message})
    if kind == "BadOptionUsage" and "requires an argument" in message:
        return Notice("requires_value", {"name": exc.option_name})
    if (command := re.match(r"No such command '(.*)'\.(?: Did you mean '(.*)'\?)?", message)) is not None:
        return Notice("no_such_command", {"name": command.group(1), "hint": _did_you_mean([command.group(2)] if command.group(2) else [])})
    if (extra := re.match(r"Got unexpected extra arguments? ?(?:\(s\))? \((.*)\)", message)) is not None:
        return Notice("extra_argument", {"args": extra.group(1)})
    return Notice("other", {"detail": message})


def _meant_choice(value: str, choices) -> str | None:
    """The choice a value not among them names as reports print it (--state 逾期, --fail-on "due
    soon", --state closed: status's words for overdue, due_soon, done), in other case (Overdue) or
    with a hyphen for the underscore, as option names are written (--fail-on due-soon)."""
    from ..i18n import STATUS

    typed = value.strip().casefold().replace("-", "_")
    return next((key for key, words in STATUS.items()
                 if key in choices and typed in {word.casefold() for word in (key, *words)}), None)


def _number_refused(name: str, kind, message: str) -> Notice | None:
    """A whole number out of its range (IntRange: min, max, open or not), or not a whole number."""
    if (outside := re.match(r"(.*) is not in the range ", message)) is not None:
        bounds = [Notice(key, {"bound": bound}) for key, bound in (
            ("more_than" if getattr(kind, "min_open", False) else "at_least", getattr(kind, "min", None)),
            ("less_than" if getattr(kind, "max_open", False) else "at_most", getattr(kind, "max", None)),
        ) if bound is not None]
        return Notice("out_of_range", {"name": name, "value": outside.group(1), "bounds": bounds})
    if (typed := re.match(r"'(.*)' is not a valid int", message)) is not None:
        return Notice("not_an_integer", {"name": name, "value": typed.group(1)})
    return None


def _name(param) -> str | None:
    """An option as typed (--state), an argument by its name."""
    if param is None:
        return None
    opts = getattr(param, "opts", None) or []
    long = [opt for opt in opts if opt.startswith("--")]
    return (long or opts or [param.human_readable_name])[0] if getattr(param, "param_type_name", "") == "option" \
        else param.human_readable_name


def _did_you_mean(names) -> Notice | str:
    return Notice("did_you_mean", {"names": list(names)}) if names else ""
