"""The README's first lines are the set-up commands, and CI runs exactly the test one."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[2:6] == [
        "```sh",
        "pip install . && rectify status",
        "pip install -e '.[test]' && python -m pytest",
        "```",
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == lines[4]


def test_the_registry_format_example_validates(tmp_path):
    """docs/registry-format.md shows a plan and a journal: they are what the loader accepts."""
    import re

    from rectify_cli.registry import load_registry

    doc = (ROOT / "docs" / "registry-format.md").read_text(encoding="utf-8")
    plan, journal = re.findall(r"```yaml\n(.*?)```", doc, re.S)[:2]
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "progress.yaml").write_text(journal, encoding="utf-8")
    reg = load_registry(tmp_path / "tasks.yaml", use_cache=False)
    assert ([m.id for m in reg.plan.measures()], [e.measure for e in reg.journal]) == (["1.4"], ["1.4"])

