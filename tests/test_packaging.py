"""What `pip install .` gives a new user: the dependency range it resolves, and the files the wheel
carries beside the package (pyproject.toml). Building a wheel needs hatchling from the network, so
these read the build's own settings; the outcomes were checked by installing into a venv."""
from __future__ import annotations

import re
from pathlib import PurePosixPath, Path

import pytest
from packaging.requirements import Requirement

try:
    import tomllib
except ModuleNotFoundError:  # (Python 3.10)
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirement(name: str) -> Requirement:
    found = [r for r in map(Requirement, PYPROJECT["project"]["dependencies"]) if r.name == name]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("version,allowed", [
    ("0.12.5", False),  # with click 8.2+: every command printed `rectify 0.1.0`, `check` exited 0
    ("0.13.0", False),  # `rectify close --help`: 内部错误：TypeError: Parameter.make_metavar()…
    ("0.26.8", False),  # Chinese help read `--evidence TEXT` rather than `<文本>`
    ("0.27.0", True),
    ("0.28.0", True),
    ("0.29.0", False),  # imports pydantic on every command (README: Dependencies)
])
def test_typer_range_leaves_out_the_releases_a_user_would_see_break(version, allowed):
    """`typer>=0.12` let pip keep an installed typer 0.12-0.26 (it satisfied the pin), which with
    today's click gave the failures noted above (installed and run in a venv)."""
    assert _requirement("typer").specifier.contains(version) is allowed


def _wheel_path(source: str) -> str | None:
    """Where a repository file lands in the wheel, as [tool.hatch.build.targets.wheel] says."""
    wheel = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]
    if not any(source == top or source.startswith(top + "/") for top in wheel["only-include"]):
        return None
    for src, dest in wheel.get("sources", {}).items():
        if source.startswith(src + "/"):
            return dest + source[len(src):]
    return source


def test_the_installed_ledger_s_schema_line_names_a_file_the_wheel_carries():
    """The bundled plan's first line points editors at ../schema/registry.schema.json; installed,
    that was rectify_cli/schema/, which the wheel left out: the editor warned of a missing file."""
    first = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8").splitlines()[0]
    target = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)[1]
    plan_in_wheel = PurePosixPath(_wheel_path("data/tasks.yaml"))
    wanted = str(PurePosixPath(*_normalised(plan_in_wheel.parent / target)))
    assert wanted == "rectify_cli/schema/registry.schema.json"
    assert _wheel_path("schema/registry.schema.json") == wanted
    assert (ROOT / "schema" / "registry.schema.json").is_file()


def _normalised(path: PurePosixPath) -> list[str]:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            parts.pop()
        else:
            parts.append(part)
    return parts


def test_the_wheel_carries_no_tests_or_benchmarks():
    for folder in ("tests", "bench", "fuzz", "examples", "docs"):
        assert _wheel_path(f"{folder}/x.py") is None
    assert _wheel_path("rectify_cli/cli.py") == "rectify_cli/cli.py"


def test_the_wheel_leaves_out_what_git_ignores_in_data():
    """`pip install .` after a `rectify record` in the checkout shipped data/progress.yaml.lock:
    force-include takes a folder whole, .gitignore aside; sources moves it and keeps it."""
    wheel = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert "force-include" not in wheel
    assert PYPROJECT["tool"]["hatch"]["build"].get("ignore-vcs", False) is False
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "*.lock" in ignored and ".*.tmp" in ignored


def test_the_licence_pyproject_names_is_a_file_the_wheel_and_the_sdist_carry():
    """pyproject.toml said `license = "MIT"` and the repository held no LICENSE: the wheel and the
    sdist carried no licence text, which the MIT licence asks to go with every copy. Without
    `license-files`, hatchling takes LICEN[CS]E* (and COPYING*, NOTICE*, AUTHORS*) from the project
    root into the wheel's .dist-info/licenses/ and the sdist; `only-include` is of the package's files."""
    assert PYPROJECT["project"]["license"] == "MIT"
    assert "license-files" not in PYPROJECT["project"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 the rectify developers\n\nPermission is hereby granted, ")
    assert text.rstrip().endswith("OTHER DEALINGS IN THE\nSOFTWARE.")
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()  # (the sdist leaves out what git ignores)
    assert not any(line and PurePosixPath("LICENSE").match(line) for line in ignored)
