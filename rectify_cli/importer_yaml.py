"""A small deterministic YAML writer for the registry files (block mappings and sequences,
flow style for milestones and short lists, Chinese unescaped, dates unquoted)."""
from __future__ import annotations

import re


from .yamltext import plain_ok, quoted

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


class Date(str):
    """An ISO date written unquoted."""


class Quoted(str):
    """A string always written double-quoted (e.g. measure ids "1.4")."""


def scalar(value: object, *, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Date):
        assert _ISO.fullmatch(value), value
        return str(value)
    s = str(value)
    if isinstance(value, Quoted) or not plain_ok(s, flow=flow):
        return quoted(s)
    return s


def flow_map(d: dict) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in d.items()) + "}"


def flow_seq(items: list) -> str:
    return "[" + ", ".join(scalar(v, flow=True) for v in items) + "]"
