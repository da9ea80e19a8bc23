"""Without --registry or $RECTIFY_REGISTRY, the ledger is the data/tasks.yaml of the working
folder or of a folder above it, up to the repository's root; only where there is none, the
bundled one. (A repository's `rectify check` in CI checked the Tibet ledger instead of its own.)

Each test puts a .git in tmp_path, or below it, so that what is above pytest's folder is never read.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from builders import run_cli as run

from rectify_cli import layout

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "fixtures" / "small"
BUNDLED_TITLE = "西藏自治区落实中央环境保护督察反馈意见整改情况的报告"
WIDE = {"COLUMNS": "400"}  # (a title line with a whole path on one line)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository laid out as the README says: its ledger in data/ (the small fixture)."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(SMALL, tmp_path / "data")
    return tmp_path


def title_line(*args: str, env=None) -> str:
    result = run(*args, env={**WIDE, **(env or {})})
    assert result.exit_code in (0, 1), result.output
    return result.stdout.splitlines()[0]


def test_status_and_check_in_a_repository_read_its_own_ledger(repo, monkeypatch):
    monkeypatch.chdir(repo)
    assert title_line("status") == "测试台账  data/tasks.yaml"
    check = run("check")
    assert (check.exit_code, check.stdout) == (1, run("check", "-r", "data/tasks.yaml").stdout)
    assert check.stdout.startswith("1.1  ")  # (the small fixture's overdue measure; the bundled ledger has none)
    assert layout.resolve_path(None) == Path("data/tasks.yaml")


def test_from_a_folder_below_the_ledgers_the_ledger_above_is_found(repo, monkeypatch):
    (repo / "docs" / "monthly").mkdir(parents=True)
    monkeypatch.chdir(repo / "docs" / "monthly")
    # (named from here, as validate names it, not by its absolute path)
    assert title_line("status") == "测试台账  ../../data/tasks.yaml"
    assert run("validate").stdout.startswith("../../data/tasks.yaml：通过")
    assert run("check").exit_code == 1


def test_from_a_folder_under_data_the_ledger_is_named_from_there(repo, monkeypatch):
    """`cd data/source && rectify status`: the header named the plan /tmp/…/data/tasks.yaml."""
    (repo / "data" / "source").mkdir()
    monkeypatch.chdir(repo / "data" / "source")
    assert title_line("status") == "测试台账  ../tasks.yaml"
    assert title_line("status", "--lang", "en") == "测试台账  ../tasks.yaml"


@pytest.mark.parametrize("git", ["folder", "file"])  # (a worktree's or a submodule's .git is a file)
def test_the_search_stops_at_the_repositorys_root(tmp_path, monkeypatch, git):
    """A ledger above the repository is another repository's, or nobody's: not read."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(SMALL, tmp_path / "data")
    inner = tmp_path / "inner"
    (inner / "sub").mkdir(parents=True)
    if git == "folder":
        (inner / ".git").mkdir()
    else:
        (inner / ".git").write_text("gitdir: /elsewhere/.git/worktrees/inner\n", encoding="utf-8")
    monkeypatch.chdir(inner / "sub")
    assert title_line("status") == f"{BUNDLED_TITLE}  {ROOT / 'data' / 'tasks.yaml'}（内置示例台账：未找到 ./data/tasks.yaml）"


def test_a_bare_tasks_yaml_is_not_a_ledger_found(tmp_path, monkeypatch):
    """(tasks.yaml is a name other tools use too)"""
    (tmp_path / ".git").mkdir()
    shutil.copy(SMALL / "tasks.yaml", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert title_line("status").startswith(BUNDLED_TITLE + "  ")


def test_registry_option_and_environment_win_over_the_ledger_found(repo, monkeypatch):
    monkeypatch.chdir(repo)
    bundled = str(ROOT / "data" / "tasks.yaml")
    assert title_line("status", "-r", bundled) == f"{BUNDLED_TITLE}  {bundled}"
    assert title_line("status", env={"RECTIFY_REGISTRY": bundled}) == f"{BUNDLED_TITLE}  {bundled}"
    monkeypatch.setenv("RECTIFY_REGISTRY", bundled)
    assert layout.resolve_path(None) == Path(bundled)


def test_record_writes_to_the_ledger_found(repo, tmp_path_factory, monkeypatch):
    # (a copy stands for the bundled ledger: a test that fails must not write into the checkout's)
    bundled = tmp_path_factory.mktemp("bundled") / "data"
    shutil.copytree(SMALL, bundled)
    monkeypatch.setattr(layout, "default_plan_path", lambda: bundled / "tasks.yaml")
    monkeypatch.chdir(repo)
    before = (repo / "data" / "progress.yaml").read_text(encoding="utf-8")
    result = run("record", "3.1", "--state", "in_progress", "--note", "完成80个")
    assert result.exit_code == 0, result.output
    after = (repo / "data" / "progress.yaml").read_text(encoding="utf-8")
    assert after.startswith(before) and "完成80个" in after[len(before):]
    assert (bundled / "progress.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bundled_ledger_fallen_back_to_is_not_written(tmp_path, tmp_path_factory, monkeypatch, lang):
    """`rectify record` run where no ledger is found (the wrong folder) wrote into the bundled example,
    the source checkout's data/ (status says it fell back to it; a write said nothing of it)."""
    (tmp_path / ".git").mkdir()
    bundled = tmp_path_factory.mktemp("bundled") / "data"  # (a copy stands for the checkout's, as above)
    shutil.copytree(SMALL, bundled)
    monkeypatch.setattr(layout, "default_plan_path", lambda: bundled / "tasks.yaml")
    monkeypatch.delenv("RECTIFY_REGISTRY", raising=False)
    monkeypatch.chdir(tmp_path)
    before = (bundled / "progress.yaml").read_bytes()
    result = run("record", "3.1", "--state", "in_progress", "--note", "完成80个", "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr == {
        "zh": f"rectify: 没有指定台账，从此处也未找到 `./data/tasks.yaml`：不写入内置示例台账 {bundled / 'tasks.yaml'}；"
              "请在台账所在的文件夹中运行，或用 --registry 指定台账；未写入任何内容\n",
        "en": f"rectify: no ledger given, and no `./data/tasks.yaml` found from here: rectify does not write into the bundled "
              f"example ledger {bundled / 'tasks.yaml'}; run it in your ledger's folder, or name it with --registry; "
              "nothing was written\n"}[lang]
    assert (bundled / "progress.yaml").read_bytes() == before
    assert run("record", "3.1", "--state", "in_progress", "--note", "完成80个", "-r", str(bundled)).exit_code == 0


def test_the_installed_copy_found_from_its_folder_is_still_not_written(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    package = tmp_path / "site-packages" / "rectify_cli"
    shutil.copytree(SMALL, package / "data")
    monkeypatch.setattr(layout, "_PACKAGED_PLAN", package / "data" / "tasks.yaml")
    monkeypatch.chdir(package)
    before = (package / "data" / "progress.yaml").read_bytes()
    result = run("report", "2.2", "--note", "一季度")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"rectify: data/tasks.yaml 是已安装的 rectify 自带台账的副本，下次安装时会被替换：要保留进展记录，请先把它连同其首行"
               f"所指的 `schema/` 文件夹复制到此处（cp -r {package / 'data'} {package / 'schema'} .），此后在该文件夹中运行的命令"
               "即读取 `data/tasks.yaml`（或用 --registry 指定）；未写入任何内容\n")
    assert (package / "data" / "progress.yaml").read_bytes() == before


def test_a_data_folder_of_plan_files_is_the_ledger_found(tmp_path, monkeypatch):
    """A national office's data/ holds one plan file a province (xizang.yaml, naqu.yaml), no
    tasks.yaml: its `rectify check` in CI read the bundled ledger instead."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "data").mkdir()
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(SMALL / name, tmp_path / "data" / name.replace("tasks", "xizang").replace("progress", "xizang.progress"))
    monkeypatch.chdir(tmp_path)
    assert title_line("status") == "测试台账  data/xizang.yaml"
    check = run("check")
    assert check.exit_code == 1 and check.stdout.startswith("xizang:1.1  ")


def test_a_data_folder_of_no_plan_files_is_passed_over(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "readings.csv").write_text("a,b\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert title_line("status").startswith(BUNDLED_TITLE + "  ")


def _plans_beside(repo: Path, *names: str) -> None:
    """Other rounds' plan files in data/ beside its tasks.yaml (the small fixture's plan, each its own
    copy: two files alike are refused when read as one folder)."""
    for name in names:
        (repo / "data" / name).write_bytes((SMALL / "tasks.yaml").read_bytes() + b"# %s\n" % name.encode())


UNREAD_BESIDE = {
    "zh": "rectify: 注意：data 中另有方案文件未被读取：{files}；不带 -r 时只读取 data/tasks.yaml。若要全部读取，请用 -r data"
          "（按多文件台账读入，各文件的编号以文件名为前缀，如 tasks:1.1）；若要单独核查其中一个，请用 -r data/{one}\n",
    "en": "rectify: note: other plan files in data are not read: {files}; with no -r, only data/tasks.yaml is. To read them "
          "all, give -r data (a folder registry: each file's ids prefixed by its name, tasks:1.1); to check one alone, "
          "give -r data/{one}\n"}


@pytest.mark.parametrize("command", [["status"], ["check"], ["summary", "--month", "2019-03"], ["validate"]])
def test_a_plan_file_beside_the_tasks_yaml_found_is_said_to_be_unread(repo, monkeypatch, command):
    """`rectify import … -o data/round2.yaml` beside data/tasks.yaml: status, check and summary run
    here read data/tasks.yaml alone and said nothing of round2.yaml, check passing on round 1 only.
    Said once on stderr; the output and exit code are those of data/tasks.yaml alone."""
    _plans_beside(repo, "round2.yaml")
    monkeypatch.chdir(repo)
    alone = run(*command, "-r", "data/tasks.yaml")
    found = run(*command)
    assert (found.exit_code, found.stdout) == (alone.exit_code, alone.stdout)
    assert found.exit_code in (0, 1), found.output
    assert found.stderr == alone.stderr + UNREAD_BESIDE["zh"].format(files="round2.yaml", one="round2.yaml")
    assert run(*command).stderr == found.stderr  # (again: from the cache, once warm)


def test_the_plan_files_beside_it_are_named_a_few_then_counted_in_the_readers_language(repo, monkeypatch):
    _plans_beside(repo, "2018.yaml", "2019.yaml", "2020.yml", "2021.yaml", "2022.YAML")
    monkeypatch.chdir(repo)
    en = run("status", "--lang", "en")
    assert en.exit_code == 0, en.output
    assert en.stderr == UNREAD_BESIDE["en"].format(files="2018.yaml, 2019.yaml, 2020.yml and 2 more", one="2018.yaml")
    zh = run("status")
    assert zh.stderr == UNREAD_BESIDE["zh"].format(files="2018.yaml、2019.yaml、2020.yml，另有 2 个", one="2018.yaml")


@pytest.mark.parametrize("given", [["-r", "data/tasks.yaml"], ["-r", "data"], ["-r", "data/round2.yaml"]])
def test_a_registry_given_says_nothing_of_the_plan_files_beside_it(repo, monkeypatch, given):
    """Named with -r, data/tasks.yaml is the user's choice; data/ is read whole, as a folder."""
    _plans_beside(repo, "round2.yaml")
    monkeypatch.chdir(repo)
    result = run("status", *given)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    env = run("status", env={"RECTIFY_REGISTRY": "data/tasks.yaml"})
    assert (env.exit_code, env.stderr) == (0, "")


def test_no_plan_beside_the_tasks_yaml_found_says_nothing(repo, monkeypatch):
    """The bundled layout (data/source/: the report and its curation), a journal, a curation or
    another program's YAML, a hidden file: none is a plan left unread."""
    shutil.copytree(ROOT / "data" / "source", repo / "data" / "source")
    shutil.copyfile(ROOT / "data" / "source" / "curation.yaml", repo / "data" / "curation.yaml")
    shutil.copyfile(repo / "data" / "progress.yaml", repo / "data" / "old.progress.yaml")
    (repo / "data" / "docker-compose.yml").write_text("version: '3'\nservices:\n  web:\n    image: nginx\n", encoding="utf-8")
    shutil.copyfile(SMALL / "tasks.yaml", repo / "data" / ".round2.yaml")
    monkeypatch.chdir(repo)
    for command in (["status"], ["check"], ["validate"]):
        result = run(*command)
        assert result.exit_code in (0, 1) and result.stderr == "", (command, result.output)
