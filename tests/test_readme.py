"""The README's first lines are the set-up commands, and CI runs exactly the test one; its
examples are what the commands print."""
import re
import shlex
import shutil
from pathlib import Path

from builders import run_cli

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
    from rectify_cli.registry import load_registry

    doc = (ROOT / "docs" / "registry-format.md").read_text(encoding="utf-8")
    plan, journal = re.findall(r"```yaml\n(.*?)```", doc, re.S)[:2]
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "progress.yaml").write_text(journal, encoding="utf-8")
    reg = load_registry(tmp_path / "tasks.yaml", use_cache=False)
    assert ([m.id for m in reg.plan.measures()], [e.measure for e in reg.journal]) == (["1.4"], ["1.4"])


def _text_blocks_after(heading: str) -> list[list[str]]:
    """The README's ```text blocks after `heading`, each as its lines."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.splitlines() for block in re.findall(r"```text\n(.*?)```", readme[readme.index(heading):], re.S)]


def test_a_month_of_real_use_is_what_the_commands_print(tmp_path):
    """The README's month of writes, then the April summary it shows (each line but `…`): its
    tables were 88 to 117 cells wide, the summary's before every table line fitted 80 cells."""
    shutil.copytree(ROOT / "data", tmp_path / "demo")
    env = {"RECTIFY_REGISTRY": str(tmp_path / "demo" / "tasks.yaml"), "RECTIFY_TODAY": "2019-04-30"}
    session, summary = _text_blocks_after("**A month of real use**")[:2]
    commands = [at for at, line in enumerate(session) if line.startswith("$ rectify ")]
    for at, end in zip(commands, [*commands[1:], len(session)]):
        result = run_cli(*shlex.split(session[at])[2:], env=env)
        assert result.exit_code == 0, result.output
        # (each write also prints the journal's new head hash, which the README leaves out)
        assert [line for line in result.stdout.splitlines() if "台账哈希" not in line] == session[at + 1:end]
    result = run_cli("summary", "--month", "2019-04", env=env)
    assert result.exit_code == 0, result.output
    printed = result.stdout.splitlines()
    assert [line for line in summary if line != "…" and line not in printed] == []


def test_the_readme_quotes_the_unknown_owner_refusal_as_status_says_it():
    """The example gave two of the three names of 自治区生态环境厅 the refusal suggests."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())  # (as Markdown reads its line breaks)
    result = run_cli("status", "--owner", "自治区生态环境听")
    assert result.exit_code == 2
    assert f"`{result.stderr.strip()}`" in readme


def test_the_readme_quotes_the_import_warning_as_the_bundled_report_gives_it(tmp_path):
    """The example said 省相关部门: the bundled report, an autonomous region's, gives 自治区相关部门."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    result = run_cli("import", "data/source/xizang-2019-rectification-report.txt", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.stderr.splitlines() if "措施 1.2：找不到责任单位" in line)
    assert f"`{warning}`" in readme


def test_the_curation_reference_names_every_section_and_registry_key_the_import_reads():
    """The curation's format was documented only in the bundled file's comments: the README's
    reference lists each key load_curation accepts, so a newcomer need not read importer.py."""
    from rectify_cli.importer import CURATION_SECTIONS, REGISTRY_KEYS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("### 校订文件 / The curation file")
    reference = readme[start : readme.index("\n#", start + 1)]
    rows = [line.split("|")[1].strip() for line in reference.splitlines() if line.startswith("| `")]
    assert sorted(rows) == sorted([f"`{s}`" for s in CURATION_SECTIONS] + ["`registry: claims`"])
    assert [k for k in REGISTRY_KEYS if f"`{k}`" not in reference and f"`registry: {k}`" not in reference] == []


def test_every_relative_link_in_the_readme_and_docs_opens_a_file():
    """A reader who follows a link to a file (docs/benchmark-history.md, a schema, an example CI
    file) finds it: the link is not to a page moved or never written. (Links in code are text.)"""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = []
    for page in pages:
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"`[^`\n]*`", "", text)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            path = target.split("#")[0]
            if path and "://" not in path and not (page.parent / path).exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert broken == []
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/benchmark-history.md)" in readme


def test_the_readme_quotes_the_repeated_entry_warning_at_the_bundled_journals_lines(tmp_path):
    """The example named lines 759 and 754, inside the bundled journal's imported entries (which
    end at line 932): an entry pasted twice after the first entry recorded is at 939, its first at 933."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    journal = tmp_path / "data" / "progress.yaml"
    env = {"RECTIFY_REGISTRY": str(tmp_path / "data" / "tasks.yaml"), "RECTIFY_TODAY": "2019-04-30"}
    result = run_cli("report", "45.5", "--note", "培训1次", "--date", "2019-04-10", env=env)
    assert result.exit_code == 0, result.output
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    entry = lines[max(at for at, line in enumerate(lines) if line.startswith("- measure:")):]
    journal.write_text("".join(lines + entry), encoding="utf-8")  # (pasted twice by hand)
    result = run_cli("validate", env=env)
    assert result.exit_code == 0, result.output
    warning = result.stderr.strip()
    quoted = "rectify: data/" + warning[warning.index("progress.yaml:") : warning.index("完全相同") + 4] + "…"
    assert f"`{quoted}" in " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())


def test_every_readme_section_a_message_sends_the_reader_to_is_there():
    """A refusal that says where to read on names a section the README has, by its heading or its
    bold lead (the curation refusal named Re-importing, which only points on to the curation file's)."""
    from rectify_cli.i18n import LABELS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = {name for zh, en in LABELS.values() for name in re.findall(r"see README, ([A-Za-z][\w -]*[a-z])", en)}
    assert named and [n for n in sorted(named) if f"**{n}.**" not in readme and f" / {n}" not in readme] == []


def _runs(block: list[str]) -> list[list[str]]:
    """A README example's lines between its `…`: each a run of lines the command prints in a row."""
    runs = [[]]
    for line in block:
        if line == "…":
            runs.append([])
        else:
            runs[-1].append(line)
    return [run for run in runs if run]


def _printed_in_a_row(run: list[str], printed: list[str]) -> bool:
    return any(printed[at : at + len(run)] == run for at in range(len(printed) - len(run) + 1))


def test_the_status_check_and_reconcile_examples_are_what_the_commands_print(monkeypatch):
    """Each example of status (the report's day and today, at 100 columns; 50 columns), check and
    reconcile (160 columns) is printed as shown: the 50-column one had lost its --as-of in the line
    under the table, which names the command that shows the same day."""
    monkeypatch.chdir(ROOT)
    status = _text_blocks_after("## Where things stand")
    check = _text_blocks_after("## The CI gate")[0]
    reconcile = _text_blocks_after("On a terminal 160 cells wide")[0]
    today = {"RECTIFY_TODAY": "2026-11-28"}
    examples = [
        (status[0], ["status", "--as-of", "2019-03-31"], {**today, "COLUMNS": "100"}),
        (status[1], ["status"], {**today, "COLUMNS": "100"}),
        (status[2], ["status", "--as-of", "2019-03-31"], {**today, "COLUMNS": "50"}),
        (check, ["check", "--as-of", "2019-03-31"], {**today, "COLUMNS": None}),
        (reconcile, ["reconcile"], {**today, "COLUMNS": "160"}),
    ]
    for block, args, env in examples:
        printed = run_cli(*args, env=env).stdout.splitlines()
        assert [run for run in _runs(block) if not _printed_in_a_row(run, printed)] == [], (args, env)


def test_the_readme_history_contract_names_every_key_of_an_entry(monkeypatch):
    """The JSON contracts list each field a program may read: an entry's far_future (an extension
    confirmed more than 10 years on) was in its schema and the JSON, not in the README's list."""
    import json

    monkeypatch.chdir(ROOT)
    block = "\n".join(_text_blocks_after("### JSON contracts")[0])
    contract = block[block.index("history: ") : block.index("show: ")]
    result = run_cli("history", "--format", "json")
    assert result.exit_code == 0, result.output
    keys = json.loads(result.stdout)["entries"][0].keys()
    assert [key for key in keys if f'"{key}"' not in contract] == []


def test_the_readme_quotes_a_registry_date_written_in_chinese_as_validate_refuses_it(tmp_path, monkeypatch):
    """The example quoted the value '2018年6月30日' in ASCII quotes: rectify says it in “”."""
    shutil.copytree(ROOT / "tests" / "bad_inputs" / "date_chinese_text", tmp_path / "case")
    monkeypatch.chdir(tmp_path / "case")
    result = run_cli("validate", "tasks.yaml", env={"RECTIFY_LANG": "zh"})
    assert result.exit_code == 2
    assert f"`{result.stderr.strip()}`" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_check_filters_example_is_what_that_check_prints(monkeypatch):
    """The example's filters (拉萨市, task 1) and its total (1 overdue of 1) were of two checks:
    拉萨市's measure of task 1 is ongoing, never overdue."""
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    task = re.search(r"`筛选条件：责任单位 拉萨市  任务 (\d+)`", readme).group(1)
    assert f"`Filtered to: owner 拉萨市  task {task}`" in readme
    assert f'"filters": {{"owner": ["拉萨市"], "task": ["{task}"]}}' in readme
    total = re.search(r"its total \(`([^`]+)`\)", readme).group(1)
    result = run_cli("check", "--owner", "拉萨市", "--task", task, env={"RECTIFY_TODAY": "2026-11-28"})
    assert result.exit_code == 1, result.output
    printed = result.stdout.splitlines()
    assert (printed[0], printed[-1]) == (f"筛选条件：责任单位 拉萨市  任务 {task}", total)


def test_the_march_summary_example_is_what_summary_prints(monkeypatch):
    """The first lines of the bundled ledger's March 2019 summary, as the README shows them."""
    monkeypatch.chdir(ROOT)
    block = _text_blocks_after("## The monthly report")[0]
    result = run_cli("summary", "--month", "2019-03", env={"RECTIFY_TODAY": "2026-11-28"})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[: len(block)] == block


def _three_problems(report: str) -> str:
    """The bundled report cut down to its appendix's problems 一, 三 and 十八, numbered 一 to 三,
    as the README's step by step says its output is of."""
    lines = report.splitlines(keepends=True)
    heads = [at for at, line in enumerate(lines) if re.match(r"[一二三四五六七八九十]+、", line)][3:]  # (the body's own 一、二、三、)
    start = {re.match(r"([一二三四五六七八九十]+)、", lines[at]).group(1): at for at in heads}
    end = {at: heads[heads.index(at) + 1] for at in heads[:-1]}
    kept = "".join(lines[: heads[0]])
    for new, old in zip("一二三", ["一", "三", "十八"]):
        problem = lines[start[old] : end[start[old]]]
        kept += new + problem[0][len(old) :] + "".join(problem[1:])
    return kept


def test_the_step_by_step_example_is_what_import_and_validate_print(tmp_path, monkeypatch):
    """Step 2's warnings and step 5's validate line, of the three-problem report the section names."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### 从报告到台账") : readme.index("### 校订文件")]
    report = (ROOT / "data" / "source" / "xizang-2019-rectification-report.txt").read_text(encoding="utf-8")
    (tmp_path / "report.txt").write_text(_three_problems(report), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("import", "report.txt", "-o", "data")
    assert result.exit_code == 0, result.output
    block = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    warnings = [line.strip() for line in block.splitlines() if line.strip()]  # (indented in its list item)
    assert [run for run in _runs(warnings) if not _printed_in_a_row(run, result.stderr.splitlines())] == []
    result = run_cli("validate", "data")
    assert result.exit_code == 0, result.output
    assert f"(`{result.stdout.strip()}`)" in section
    # (step 7: a unit the plan imported without units: does not declare, refused as the step quotes it)
    result = run_cli("extend", "1.1", "--to", "2019-12-31", "--reason", "x", "--approved-by", "省人民政府",
                     env={"RECTIFY_REGISTRY": "data", "RECTIFY_TODAY": "2019-04-30"})
    assert result.exit_code == 2, result.output
    assert f"(``{result.stderr.strip()}``)" in " ".join(section.split())


def test_the_readme_quotes_the_notices_of_a_round_imported_beside_data_tasks_yaml(tmp_path, monkeypatch):
    """Which ledger it reads: data/round2.yaml beside data/tasks.yaml, as import and status say it."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    imported = run_cli("import", "data/source/xizang-2019-rectification-report.txt", "-o", "data/round2.yaml")
    assert imported.exit_code == 0, imported.output
    notice = imported.stderr.splitlines()[1]
    assert f"`{notice[: notice.index('；') + 1]}…`" in readme
    status = run_cli("status")
    assert status.exit_code == 0, status.output
    assert f"`{status.stderr[: status.stderr.index('。') + 1]}…`" in readme


def test_the_readme_quotes_a_write_to_a_broken_or_cut_short_journal_as_record_warns(tmp_path, monkeypatch):
    """Tamper evidence: the two warnings of a write, of the bundled journal run in its folder. The
    broken chain's quoted line 15, where entry 3 (1.3) of the bundled journal starts at line 13."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    env = {"RECTIFY_REGISTRY": "tasks.yaml", "RECTIFY_TODAY": "2019-04-30"}
    monkeypatch.chdir(tmp_path)
    for damage in ("edited", "cut short"):
        shutil.rmtree(tmp_path / "data", ignore_errors=True)
        shutil.copytree(ROOT / "data", tmp_path / "data")
        journal = tmp_path / "data" / "progress.yaml"
        text = journal.read_text(encoding="utf-8")
        if damage == "edited":  # (entry 3's note changed by hand)
            at = text.index("note: ", text.index('- measure: "1.3"'))
            journal.write_text(text[:at] + "note: 改" + text[at + 6 :], encoding="utf-8")
        else:  # (its last entry's hash line lost, and the end of its note)
            journal.write_text(text[: text.rindex("  hash: ")][:-10], encoding="utf-8")
        monkeypatch.chdir(tmp_path / "data")
        result = run_cli("report", "1.1", "--note", "培训1次", env=env)
        assert result.exit_code == 0, result.output
        warning = result.stderr.strip()
        assert f"`{warning}`" in readme or f"``{warning}``" in readme, damage  # (`` around one holding a `)


def test_the_readme_quotes_a_write_by_a_unit_not_the_measures_as_record_warns(tmp_path, monkeypatch):
    """Recording progress: 日喀则市 writing for 40.3, its county 曲水县's in 拉萨市, on the bundled ledger
    run in its folder."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path / "data")
    result = run_cli("record", "40.3", "--state", "in_progress", "--note", "设备调试完成，进入试运行", "--by", "日喀则市",
                     env={"RECTIFY_REGISTRY": "tasks.yaml", "RECTIFY_TODAY": "2019-04-30"})
    assert result.exit_code == 0, result.output
    assert f"``{result.stderr.strip()}``" in readme


def test_the_refusals_the_readme_quotes_are_what_the_commands_say(tmp_path, monkeypatch):
    """Where things stand's options, step 1, Recording progress: each refusal quoted whole, as
    `rectify` says it from a copy of the repository's ledger (-o's are test_bad_inputs')."""
    from typer.testing import CliRunner

    from builders import CLI_ENV
    from rectify_cli.cli import app

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    (tmp_path / ".git").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    monkeypatch.chdir(tmp_path)
    refused = [
        ["status", "--format", "xml"], ["status", "--warn-days", "-1"], ["--lang", "en", "status", "--bogus"],
        ["--lang", "xx", "--help"], ["close", "35.2"], ["import", "report.pdf", "-o", "data2"],
    ]
    for args in refused:
        result = CliRunner().invoke(app, args, prog_name="rectify", env=CLI_ENV)
        assert result.exit_code == 2, (args, result.output)
        assert f"`{result.stderr.strip()}`" in readme, args


def test_the_readme_quotes_the_first_github_annotation_of_the_bundled_ledger(monkeypatch):
    """The CI gate's `github` format: the worst measure's annotation as of the report's date (it
    was quoted `::error file=data/tasks.yaml,line=N::…`, without the title check gives it)."""
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    result = run_cli("check", "--as-of", "2019-03-31", "--format", "github")
    assert result.exit_code == 1, result.output
    first = result.stdout.splitlines()[0]
    assert f"`{first[: first.index('：') + 1]}…`" in readme


def test_the_readme_says_how_evidence_is_named_as_a_close_writes_it(tmp_path, monkeypatch):
    """Evidence in the repository, named from the journal's folder (data/): the README's close
    writes its line; a file elsewhere gets the notice the README quotes (its paths the clerk's)."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    office = tmp_path / "office"
    (office / ".git").mkdir(parents=True)
    shutil.copytree(ROOT / "data", office / "data")
    (office / "evidence").mkdir()
    (office / "evidence" / "验收意见.pdf").write_bytes(b"acceptance\n")
    monkeypatch.chdir(office)
    command = re.search(r"`rectify (close [^`]* --evidence evidence/[^`]*)`", readme)[1]
    written = re.search(r"writes `evidence: (file:[^`]*) sha256:…`", readme)[1]
    result = run_cli(*shlex.split(command))
    assert result.exit_code == 0, result.output
    assert f"  evidence: {written} sha256:" in (office / "data" / "progress.yaml").read_text(encoding="utf-8")
    (tmp_path / "下载").mkdir()
    (tmp_path / "下载" / "验收意见.pdf").write_bytes(b"acceptance\n")
    result = run_cli("report", "1.1", "--note", "验收", "--evidence", str(tmp_path / "下载" / "验收意见.pdf"))
    assert result.exit_code == 0, result.output
    notice = next(line for line in result.stdout.splitlines() if "佐证文件" in line).removeprefix("  ! ")
    assert f"`{notice.replace(tmp_path.as_posix(), '/home/clerk')}`" in readme
