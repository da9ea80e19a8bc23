"""The names of a measure's states and of the check's rules and output formats.

Here, apart from the engine and the renderers, because the command line offers them as choices
(`--state`, `--fail-on`, `--format`) before it has loaded anything: importing the engine for
them made every command, `--help` included, pay for building the model's classes.
"""
import enum


class Status(str, enum.Enum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"
    ONGOING = "ongoing"
    DONE = "done"


#: Pseudo-state accepted by engine.select and used by engine.SEVERITY: an ongoing measure
#: not reported on within the reporting period.
STALE = "stale"

#: The rules a `rectify check` can fail on (gate.py), in the order they are reported.
CHECK_RULES: tuple[str, ...] = (Status.OVERDUE.value, Status.DUE_SOON.value, STALE)

#: `rectify check --format` (render/check.py renders each).
CHECK_FORMATS = ("text", "json", "junit", "github", "markdown", "sarif")
