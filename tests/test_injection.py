"""Registry text is data: markup, terminal escapes and control characters are shown, not obeyed.

A copy of tests/fixtures/small with hostile strings in titles, texts, notes and reasons
(written with YAML double-quoted escapes: "\\e", "\\a", "\\x00", "\\r\\n") goes through every
command that prints registry text. Each output must show Rich markup literally (brackets
visible), hold no raw ESC/BEL/NUL/CR (they appear as the text \\x1b, \\x07, ...), keep
GitHub workflow commands on their own lines with % CR LF encoded, and keep JUnit XML
well-formed with the text intact.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from builders import texts_of

SMALL = Path(__file__).parent / "fixtures" / "small"
MARK = "[bold red]x[/]"
LINK = "[link=https://evil.invalid]click[/link]"
RAW_CONTROLS = ("\x1b", "\x07", "\x00", "\r", "\x9b", "\u202e", "\u2066")  # (and bidi overrides)

# (original line, hostile replacement) — the replacement is YAML source: escapes in "..."
PLAN_EDITS = [
    ("  title: 测试台账", f'  title: "{MARK}测试台账\\e[2J"'),
    ("    title: 污水处理设施建设滞后", f'    title: "{MARK}污水处理\\e[2J设施建设滞后 <b>&amp; 100%"'),
    ("        text: 拉萨市建成城东污水处理厂（2018年12月31日）。",
     f'        text: "{MARK}\\e[2J\\e]0;pwned\\a{LINK} 拉萨市<建成>&污水厂 100%\\r\\n::warning::injected\\x00\\x9b\\u202e\\u2066（2018年12月31日）。"'),
    ("        text: 那曲市完成建筑工地围挡硬化（2019年4月15日，长期坚持）。",
     f'        text: "{MARK}\\x07那曲市 %0A 50% 围挡\\r\\n::error::injected（2019年4月15日，长期坚持）。"'),
]
JOURNAL_EDITS = [
    ("  note: 主体工程完工60%。", f'  note: "{LINK}\\e[31m主体工程\\e[0m完工60%\\x00\\x07 <i>&"'),
    ("  reason: 高海拔冬季停工", f'  reason: "{MARK}\\e]0;pwned\\a高海拔冬季停工"'),
    ("  note: 2019年一季度检查工地36个。", f'  note: "{MARK}\\e[2J一季度检查 100%"'),
]
# What the strings are once YAML has read them (for the JSON round trip)
MEASURE_1_1 = f"{MARK}\x1b[2J\x1b]0;pwned\x07{LINK} 拉萨市<建成>&污水厂 100%\r\n::warning::injected\x00\x9b\u202e\u2066（2018年12月31日）。"


def _edit(text: str, edits) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "tasks.yaml").write_text(_edit((SMALL / "tasks.yaml").read_text(encoding="utf-8"), PLAN_EDITS), encoding="utf-8")
    (folder / "progress.yaml").write_text(_edit((SMALL / "progress.yaml").read_text(encoding="utf-8"), JOURNAL_EDITS), encoding="utf-8")
    return folder


def rectify(args, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("RECTIFY_REGISTRY", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env.update({"RECTIFY_TODAY": "2019-03-31", "COLUMNS": "300", "PYTHONIOENCODING": "utf-8"})
    return subprocess.run([sys.executable, "-m", "rectify_cli", *args], cwd=cwd, capture_output=True,
                          env=env, timeout=30)


def _out(proc) -> str:
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stderr
    return proc.stdout.decode("utf-8")


def assert_no_raw_controls(text: str) -> None:
    for char in RAW_CONTROLS:
        assert char not in text, f"raw {char!r} in output"


COMMANDS = {
    "status": ["status"],
    "status --measures": ["status", "--measures"],
    "show 1.1": ["show", "1.1"],
    "show 1": ["show", "1"],
    "check": ["check"],
    "check --format github": ["check", "--format", "github"],
    "check --format junit": ["check", "--format", "junit"],
    "summary --month 2019-03": ["summary", "--month", "2019-03"],
    "history 1.1": ["history", "1.1"],
}
# Outputs that show the measure text of 1.1 in full (the others shorten it to a cell)
FULL_TEXT = {"status --measures", "show 1.1", "show 1", "check --format github", "check --format junit"}


@pytest.mark.parametrize("name", COMMANDS)
def test_hostile_text_is_shown_literally(name, hostile):
    out = _out(rectify([*COMMANDS[name], "--registry", "tasks.yaml"], hostile))
    assert_no_raw_controls(out)
    if name.startswith("history"):
        assert LINK in out and "\\x1b[31m" in out  # the journal note of 1.1
        return
    assert MARK in out  # markup shown as text, brackets visible
    assert "\\x1b[2J" in out or "\\x1b]0;p" in out or "\\x07" in out  # escapes shown as \xNN text
    if name in FULL_TEXT:
        assert LINK in out
        assert "\\x1b[2J\\x1b]0;pwned\\x07" in out
        assert "\\x9b\\u202e\\u2066（2018" in out  # a CSI and a right-to-left override shown, not obeyed


def test_status_header_shows_the_hostile_registry_title(hostile):
    out = _out(rectify(["status", "--registry", "tasks.yaml"], hostile))
    assert f"{MARK}测试台账\\x1b[2J" in out


def test_github_annotations_stay_on_their_lines(hostile):
    out = _out(rectify(["check", "--format", "github", "--registry", "tasks.yaml"], hostile))
    lines = out.split("\n")
    annotations = [line for line in lines if line.startswith("::")]
    # one overdue (1.1) and one due soon (2.1); the injected "::warning::"/"::error::" texts
    # never start a line of their own
    assert [a.split(" ", 1)[0] for a in annotations[:2]] == ["::error", "::warning"]
    # then the log part, with workflow commands stopped (its token: ::stop-commands::TOKEN … ::TOKEN::)
    assert annotations[2].startswith("::stop-commands::rectify-") and annotations[3] == f"::{annotations[2][17:]}::"
    annotations = annotations[:2]
    assert not any(line.startswith(("::warning::injected", "::error::injected")) for line in lines)
    error, warning = annotations
    assert "100%25" in error and "100%\\" not in error  # % encoded in the message
    assert "%250A 50%25" in warning  # a literal "%0A" in the text is not a newline
    assert "\r" not in out


def test_junit_is_well_formed_and_keeps_the_text(hostile):
    out = _out(rectify(["check", "--format", "junit", "--registry", "tasks.yaml"], hostile))
    root = ET.fromstring(out.encode("utf-8"))
    case = next(c for c in root.iter("testcase") if c.get("name", "").startswith("1.1 "))
    assert MARK in case.get("name")
    failure = case.find("failure")
    assert failure is not None
    assert f"{MARK}\\x1b[2J\\x1b]0;pwned\\x07{LINK} 拉萨市<建成>&污水厂 100%\\x0d" in failure.text
    for element in root.iter():
        for value in [element.text or "", *element.attrib.values()]:
            assert_no_raw_controls(value)


TASK_1_TITLE = f"{MARK}污水处理\x1b[2J设施建设滞后 <b>&amp; 100%"


@pytest.mark.parametrize("args,text", [(["status", "--format", "json"], TASK_1_TITLE), (["export"], MEASURE_1_1)],
                         ids=["status-json", "export"])
def test_json_keeps_the_exact_text(args, text, hostile):
    """JSON is for programs: the text round-trips exactly, controls as \\u escapes."""
    out = _out(rectify([*args, "--registry", "tasks.yaml"], hostile))
    assert_no_raw_controls(out)
    assert text in set(texts_of(out))




# -- names that come from the file system, not from the YAML ---------------------------------
EVIL_NAME = "evil\x1b]0;pwned\x07"


def test_hostile_plan_file_name_in_validate_output(tmp_path):
    shutil.copy(SMALL / "tasks.yaml", tmp_path / f"{EVIL_NAME}.yaml")
    proc = rectify(["validate", "."], tmp_path)
    out = _out(proc)
    assert "evil\\x1b]0;pwned\\x07.yaml：通过——4项整改任务、8项具体措施、0条进展记录" in out
    assert_no_raw_controls(out)


def test_hostile_file_name_in_error_message(tmp_path):
    proc = rectify(["validate", f"{EVIL_NAME}.yaml", "--lang", "en"], tmp_path)
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8")
    assert err == "rectify: evil\\x1b]0;pwned\\x07.yaml: no such file or folder\n"


def test_hostile_unit_name_in_a_suggestion(tmp_path):
    plan = (SMALL / "tasks.yaml").read_text(encoding="utf-8")
    plan = plan.replace("  - name: 拉萨市\n", '  - name: "拉萨市\\e[2J"\n', 1)
    plan = plan.replace("owners: [拉萨市]", 'owners: ["拉萨市\\e[2K"]', 1).replace("lead: 拉萨市", 'lead: "拉萨市\\e[2J"', 1)
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    proc = rectify(["validate", "tasks.yaml", "--lang", "en"], tmp_path)
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert "(did you mean 拉萨市\\x1b[2J?)" in err
    assert_no_raw_controls(err)


@pytest.mark.parametrize("args", [["status"], ["status", "--measures"], ["show", "1.1"], ["history"],
                                  ["summary", "--month", "2019-03"], ["check", "--format", "text"], ["reconcile"]])
def test_text_for_people_in_a_github_actions_log_obeys_no_workflow_command(hostile, tmp_path, args):
    """A measure's text `##[error]…` (the runner obeys a legacy ##[command] anywhere in a line)
    printed by status, show, summary … into the job's log raised a forged annotation: only check
    --format github and the error messages were printed with the runner's commands stopped."""
    plan = hostile / "tasks.yaml"
    forged = tmp_path / "tasks.yaml"
    # (in the texts each command prints: a measure's, a task's title, a claim's, a note)
    forged.write_text(plan.read_text(encoding="utf-8").replace('text: "', 'text: "##[error]forged ', 1)
                      .replace('title: "', 'title: "##[error]forged ').replace("text: 9项具体措施", "text: \"##[error]forged 9项具体措施\""),
                      encoding="utf-8")
    (tmp_path / "progress.yaml").write_text((hostile / "progress.yaml").read_text(encoding="utf-8").replace(
        'note: "', 'note: "##[error]forged '), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("RECTIFY_REGISTRY", "GITHUB_STEP_SUMMARY")}
    env.update({"RECTIFY_TODAY": "2019-03-31", "COLUMNS": "300", "PYTHONIOENCODING": "utf-8", "GITHUB_ACTIONS": "true"})
    logged = subprocess.run([sys.executable, "-m", "rectify_cli", *args, "-r", str(forged)], capture_output=True,
                            env=env, timeout=30)  # (a pipe, as the runner reads it)
    lines = _out(logged).splitlines()
    assert "##[error]forged" in logged.stdout.decode("utf-8")
    assert lines[0].startswith("::stop-commands::rectify-") and lines[-1] == f"::{lines[0][17:]}::"
    assert all(lines[0][17:] not in line for line in lines[1:-1])
    # (redirected to a file, the report holds the report alone)
    with open(tmp_path / "report.txt", "wb") as report:
        subprocess.run([sys.executable, "-m", "rectify_cli", *args, "-r", str(forged)], stdout=report, env=env, timeout=30)
    assert (tmp_path / "report.txt").read_bytes() == b"\n".join(logged.stdout.split(b"\n")[1:-2]) + b"\n"


# -- bidirectional marks: U+200E/U+200F and U+061C reorder what a terminal shows, as overrides do --
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
BIDI_PLAN_EDITS = [
    ("    title: 污水处理设施建设滞后", '    title: "污水\\u200f处理\\u200e设施\\u061c建设滞后"'),
    ("        text: 拉萨市建成城东污水处理厂（2018年12月31日）。\n        owners: [拉萨市]\n        lead: 拉萨市",
     '        text: "拉萨市\\u200f建成城东\\u200e污水处理厂（2018年12月31日）。"\n'
     '        owners: ["自治区\\u200e住房城乡建设厅"]\n        lead: "自治区\\u200e住房城乡建设厅"'),
    ("  - name: 自治区住房城乡建设厅\n", '  - name: "自治区\\u200e住房城乡建设厅"\n'),
    ("owners: [自治区生态环境厅, 自治区住房城乡建设厅]", 'owners: [自治区生态环境厅, "自治区\\u200e住房城乡建设厅"]'),
    ("        owners: [自治区住房城乡建设厅]\n        lead: 自治区住房城乡建设厅",
     '        owners: ["自治区\\u200e住房城乡建设厅"]\n        lead: "自治区\\u200e住房城乡建设厅"'),
]
BIDI_JOURNAL_EDITS = [("  note: 主体工程完工60%。", '  note: "主体工程\\u200f完工\\u061c60%。"')]
TITLE_SHOWN = "污水\\u200f处理\\u200e设施\\u061c建设滞后"
MEASURE_SHOWN = "拉萨市\\u200f建成"
UNIT_SHOWN = "自治区\\u200e住房城乡建设厅"
NOTE_SHOWN = "主体工程\\u200f完工\\u061c60%。"


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("marked")
    (folder / "tasks.yaml").write_text(_edit((SMALL / "tasks.yaml").read_text(encoding="utf-8"), BIDI_PLAN_EDITS), encoding="utf-8")
    (folder / "progress.yaml").write_text(_edit((SMALL / "progress.yaml").read_text(encoding="utf-8"), BIDI_JOURNAL_EDITS),
                                          encoding="utf-8")
    return folder


@pytest.mark.parametrize("args,shown", [
    (["status"], [TITLE_SHOWN]),
    (["status", "--measures"], [MEASURE_SHOWN, UNIT_SHOWN]),
    (["show", "1"], [TITLE_SHOWN, MEASURE_SHOWN, UNIT_SHOWN, NOTE_SHOWN]),
    (["show", "1.1"], [TITLE_SHOWN, MEASURE_SHOWN, UNIT_SHOWN, NOTE_SHOWN]),
    (["check"], [MEASURE_SHOWN, UNIT_SHOWN]),
    (["check", "--format", "github"], [MEASURE_SHOWN, UNIT_SHOWN]),
    (["summary", "--month", "2019-03"], [MEASURE_SHOWN, UNIT_SHOWN]),
    (["history"], [NOTE_SHOWN]),
    (["status", "--lang", "en"], [TITLE_SHOWN]),
], ids=["status", "status --measures", "show 1", "show 1.1", "check", "check github", "summary", "history", "status en"])
def test_bidirectional_marks_are_shown_as_escapes(marked, args, shown):
    """U+200E/U+200F (LRM/RLM) and U+061C (ALM) were printed raw, where they reorder what a
    reader sees as the overrides (U+202E) do: shown as \\uNNNN, as the overrides are."""
    out = _out(rectify([*args, "--registry", "tasks.yaml"], marked))
    assert not [char for char in BIDI if char in out]
    for text in shown:
        assert text in out


@pytest.mark.parametrize("args", [["status", "--format", "json"], ["export"]], ids=["status-json", "export"])
def test_json_escapes_bidirectional_marks(marked, args):
    out = _out(rectify([*args, "--registry", "tasks.yaml"], marked))
    assert not [char for char in BIDI if char in out]
    assert "污水\\u200f处理\\u200e设施\\u061c建设滞后" in out
    assert "污水\u200f处理\u200e设施\u061c建设滞后" in set(texts_of(out))
