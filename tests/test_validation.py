"""The checks of each file's data on its own (rectify_cli/validation.py), as loading a registry
reports them."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from rectify_cli import dates
from rectify_cli.errors import RegistryError
from rectify_cli.registry import load_registry
from builders import run_cli
from test_registry import FIXTURES, _rectify


def test_the_last_task_with_an_empty_measures_list_is_refused(tmp_path):
    """Nothing to record, close or check on it: `status` showed it red while `check` passed."""
    text = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    start = text.index("    measures:", text.index("  - id: 4"))
    (tmp_path / "tasks.yaml").write_text(text[:start] + "    measures: []\n", encoding="utf-8")
    line = text[:start].count("\n") + 1
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", use_cache=False)
    assert str(caught.value) == (f"{tmp_path / 'tasks.yaml'}:{line}:15: task 4, field measures: empty; a task is rectified "
                                 "through its measures: list at least one")


def _small_with_zone(folder: Path, zone: str) -> Path:
    folder.mkdir(exist_ok=True)
    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    (folder / "tasks.yaml").write_text(plan.replace("timezone: Asia/Shanghai", f"timezone: {zone}"), encoding="utf-8")
    shutil.copy(FIXTURES / "small" / "progress.yaml", folder / "progress.yaml")
    return folder / "tasks.yaml"


# POSIX TZ strings (CST+8 is UTC-8 to POSIX: a day off for a Chinese office), files of the
# zoneinfo folder that are no zone, and paths: dateutil's gettz took them all.
@pytest.mark.parametrize("zone", ["CST+8", "Beijing+8", "BJT8", "iso3166.tab", "/etc/localtime", "/etc/passwd",
                                  "posixrules", "Asia/Beijing"])
def test_a_time_zone_must_be_an_iana_name(tmp_path, zone):
    plan = _small_with_zone(tmp_path, zone)
    with pytest.raises(RegistryError) as caught:
        load_registry(plan, today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == (f"{plan}:10:15: registry.settings.timezone: unknown time zone {zone!r} "
                                 "(an IANA name, e.g. Asia/Shanghai)")


# A name close to a zone of another offset names none: GMT+8 was told it meant GMT+0 (UTC, whose
# "today" is a day behind Beijing's until 8 in the morning), Etc/GMT+13 Etc/GMT+3; Etc/GMT8, which
# has no sign, neither Etc/GMT+8 (UTC-8) nor Etc/GMT-8 (UTC+8).
@pytest.mark.parametrize("zone", ["CST+8", "/etc/passwd",
                                  "GMT+8", "UTC8", "Etc/UTC+8", "Etc/GMT+13", "Etc/GMT-15", "Etc/GMT8"])
def test_status_with_a_bad_time_zone_exits_2_naming_the_line(tmp_path, zone):
    """/etc/passwd used to pass the check and crash status: internal error, magic not found."""
    plan = _small_with_zone(tmp_path / "reg", zone)
    proc = _rectify("status", "-r", str(plan), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (f"rectify: {plan}:10:15: registry.settings.timezone: unknown time zone {zone!r} "
                           "(an IANA name, e.g. Asia/Shanghai)\n")


# Etc/GMT+0 is UTC (as GMT+0 and Etc/GMT-0 are): it was refused as "UTC-0", west of UTC.
@pytest.mark.parametrize("zone", ["Etc/GMT+0", "Etc/GMT-0", "GMT+0"])
def test_an_etc_zone_of_no_offset_is_utc(tmp_path, zone):
    plan = _small_with_zone(tmp_path / "reg", zone)
    proc = _rectify("status", "-r", str(plan), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert any(line.startswith("As of 2019-03-31 ") for line in proc.stdout.splitlines())


# Etc/GMT+8 is an IANA name, of UTC-8 (POSIX's sign): written for Beijing time, "today" was a day
# behind it 16 hours a day, and every verdict with it. Etc/GMT+08 was told it meant Etc/GMT+8, which
# the next run refused as UTC-8: said at once.
@pytest.mark.parametrize("zone, hours", [("Etc/GMT+8", 8), ("Etc/GMT+12", 12), ("Etc/GMT+08", 8), ("etc/gmt+8", 8),
                                         ("Etc/GMT+012", 12)])
def test_an_etc_zone_west_of_utc_or_a_name_close_to_one_is_refused_saying_its_sign_is_posixs(tmp_path, zone, hours):
    plan = _small_with_zone(tmp_path / "reg", zone)
    proc = _rectify("status", "-r", str(plan), cache=tmp_path / "cache")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (f"rectify: {plan}:10:15: registry.settings.timezone: {zone!r} is UTC-{hours} (the sign of "
                           "an Etc/GMT name is POSIX's, the other way round): for Beijing time write Asia/Shanghai; "
                           "for a place west of UTC, its city's zone (e.g. America/Chicago)\n")
    chinese = _rectify("status", "-r", str(plan), cache=tmp_path / "cache", lang="zh")
    assert chinese.stderr == (f"rectify: {plan}:10:15: registry.settings.timezone：“{zone}”是 UTC−{hours}（Etc/GMT "
                              "时区名的正负号是 POSIX 的，与通常写法相反）：北京时间请写 Asia/Shanghai；确在 UTC 以西的，"
                              "请写当地城市的时区（如 America/Chicago）\n")


# Factory is in the zone database, abbreviated "-00": "no zone", read as UTC, a day behind Beijing
# until 8 in the morning. It was accepted; factory was told it meant Factory.
@pytest.mark.parametrize("zone", ["Factory", "factory"])
def test_the_factory_zone_which_is_no_places_is_refused_at_its_line(tmp_path, zone):
    plan = _small_with_zone(tmp_path / "reg", zone)
    english = _rectify("status", "-r", str(plan), cache=tmp_path / "cache")
    assert (english.returncode, english.stdout) == (2, "")
    assert english.stderr == (f"rectify: {plan}:10:15: registry.settings.timezone: {zone!r} is no place's time zone "
                              "(the zone database's \"-00\", no zone, read as UTC): for Beijing time write "
                              "Asia/Shanghai; elsewhere, the zone of its city\n")
    chinese = _rectify("check", "-r", str(plan), cache=tmp_path / "cache", lang="zh")
    assert (chinese.returncode, chinese.stdout) == (2, "")
    assert chinese.stderr == (f"rectify: {plan}:10:15: registry.settings.timezone：“{zone}”不是任何地方的时区（时区库中的"
                              "“-00”，即无时区，按 UTC 计）：北京时间请写 Asia/Shanghai；其他地方请写当地城市的时区\n")


@pytest.fixture
def no_zone_database(monkeypatch):
    """A machine without a zone database: no system zoneinfo, no tzdata, none in dateutil."""
    import zoneinfo

    def missing(name):
        raise zoneinfo.ZoneInfoNotFoundError(f"No time zone found with key {name}")

    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    monkeypatch.setattr(zoneinfo, "available_timezones", lambda: set())
    monkeypatch.setattr(dates, "_dateutil_zones", lambda: None)


NO_DATABASE = {
    "zh": "本机没有时区数据库，无从得知 Asia/Shanghai 的今天是哪天：请安装时区数据库（`pip install tzdata`）",
    "en": "this machine has no time zone database, so today's date in Asia/Shanghai is unknown: install tzdata "
          "(pip install tzdata)",
}


# Without a zone database, "today" was refused in English only, as an unknown zone: Asia/Shanghai.
@pytest.mark.parametrize("command", ["status", "check"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_a_zone_database_today_is_refused_in_the_users_language(tmp_path, no_zone_database, command, lang):
    folder = tmp_path / "reg"
    folder.mkdir()
    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    (folder / "tasks.yaml").write_text(plan.replace("    timezone: Asia/Shanghai\n", ""), encoding="utf-8")
    shutil.copy(FIXTURES / "small" / "progress.yaml", folder / "progress.yaml")
    result = run_cli(command, "-r", str(folder / "tasks.yaml"), "--lang", lang, "--no-cache", env={"RECTIFY_TODAY": None})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"rectify: {NO_DATABASE[lang]}\n"


def test_without_a_zone_database_a_zone_named_is_not_called_unknown(tmp_path, no_zone_database):
    # (it said 未知时区“Asia/Shanghai”（应为 IANA 时区名，例如 Asia/Shanghai）)
    plan = _small_with_zone(tmp_path / "reg", "Asia/Shanghai")
    result = run_cli("status", "-r", str(plan), "--no-cache")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"rectify: {plan}:10:15: registry.settings.timezone：本机没有时区数据库，无从核对时区“Asia/Shanghai”："
                             "请安装时区数据库（`pip install tzdata`）\n")


# timezone: 8, meant as UTC+8, was told "expected non-empty text": quoted, "8", it was refused again.
@pytest.mark.parametrize("written, en, zh", [("8", "the number 8", "数字 8"), ("~", "nothing", "空值"),
                                             ("''", "text ''", "文字“”"), ("true", "true/false", "布尔值 true/false")])
def test_a_time_zone_that_is_no_text_is_said_to_be_an_iana_name(tmp_path, written, en, zh):
    plan = _small_with_zone(tmp_path / "reg", written)
    english = _rectify("status", "-r", str(plan), cache=tmp_path / "cache")
    assert (english.returncode, english.stdout) == (2, "")
    assert english.stderr == (f"rectify: {plan}:10:15: registry.settings.timezone: expected an IANA time zone name "
                              f"(e.g. Asia/Shanghai), got {en}\n")
    chinese = _rectify("status", "-r", str(plan), cache=tmp_path / "cache", lang="zh")
    assert chinese.stderr == (f"rectify: {plan}:10:15: registry.settings.timezone：应为 IANA 时区名（例如 Asia/Shanghai），"
                              f"实为{zh}\n")


@pytest.mark.parametrize("due, code", [("2018-01-02", 2), ("2018-01-03", 0), ("2018-01-04", 0)])
def test_immediate_due_before_the_feedback_is_refused_and_on_it_or_after_read(tmp_path, due, code):
    plan = _small_with_zone(tmp_path / "reg", "Asia/Shanghai\n    immediate_due: " + due)
    proc = _rectify("status", "-r", str(plan), cache=tmp_path / "cache", lang="zh")
    assert proc.returncode == code
    assert proc.stderr == ("" if code == 0 else
                           f"rectify: {plan}:11:20: registry.settings.immediate_due：{due} 早于反馈日期 feedback_date "
                           "2018-01-03；“立即”自问题移交之日起计，宽限的期限应在其后\n")


def test_an_etc_zone_east_of_utc_is_read_without_a_word(tmp_path):
    # (its date at a given hour is test_dates' test_today_at_17_utc_on_new_years_eve)
    plan = _small_with_zone(tmp_path / "reg", "Etc/GMT-8")
    proc = _rectify("status", "-r", "reg/tasks.yaml", cwd=tmp_path, cache=tmp_path / "cache")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.splitlines()[:2] == ["测试台账  reg/tasks.yaml", "As of 2019-03-31  Latest entry 2019-03-10 (21 days ago)"]


@pytest.mark.parametrize("zone, meant", [("asia/shanghai", "Asia/Shanghai"), ("Asia/Shanghia", "Asia/Shanghai"),
                                         ("America/New_york", "America/New_York"), ("right/Asia/Shanghai", "Asia/Shanghai")])
def test_a_time_zone_misspelt_names_the_zone_it_is_close_to(tmp_path, zone, meant):
    plan = _small_with_zone(tmp_path / "reg", zone)
    english = _rectify("status", "-r", str(plan), cache=tmp_path / "cache")
    assert (english.returncode, english.stdout) == (2, "")
    assert english.stderr == (f"rectify: {plan}:10:15: registry.settings.timezone: unknown time zone {zone!r} "
                              f"(did you mean {meant}?)\n")
    chinese = _rectify("check", "-r", str(plan), cache=tmp_path / "cache", lang="zh")
    assert chinese.returncode == 2
    assert chinese.stderr == f"rectify: {plan}:10:15: registry.settings.timezone：未知时区“{zone}”（是否指 {meant}？）\n"


def test_a_time_zone_with_its_offset_written_with_a_zero_names_the_zone():
    assert dates.zone_meant("Etc/GMT+08") == "Etc/GMT+8"


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC", "Asia/Urumqi", "Etc/GMT-8"])
def test_iana_time_zones_load(tmp_path, zone):
    plan = _small_with_zone(tmp_path, zone)
    assert load_registry(plan, today=date(2019, 3, 31), use_cache=False).plan.settings.timezone == zone


# (verify reads no plan, but said the journal it looked for beside this one, progress.progress.yaml, had nothing to verify: exit 0)
@pytest.mark.parametrize("command", [["validate", "reg/progress.yaml"], ["status", "-r", "reg/progress.yaml"],
                                     ["verify", "-r", "reg/progress.yaml"]])
def test_a_journal_given_as_the_plan_is_named_a_journal(tmp_path, command):
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    proc = _rectify(*command, cwd=tmp_path, cache=tmp_path / "cache")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == ("rectify: reg/progress.yaml:2:1: this is a journal (a list of entries, - measure: ...), "
                           "not a plan: pass the plan file (reg/tasks.yaml) or its folder\n")


EMPTY_JOURNAL_AS_PLAN = {
    "en": "this is a journal (a list of entries, - measure: ...), not a plan: pass the plan file ({plan}) or its folder",
    "zh": "这是进展记录（- measure: … 的列表），不是整改方案：请指定方案文件（{plan}）或其所在文件夹",
}


# (verify found no entry in it, looked for its journal, progress.progress.yaml, and passed: exit 0)
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ["status", "verify"])
@pytest.mark.parametrize("name, beside, plan", [("progress.yaml", "tasks.yaml", "reg/tasks.yaml"),
                                                ("naqu.progress.yaml", None, "reg/naqu.yaml")])
def test_an_empty_file_named_as_a_journal_given_as_the_plan_is_named_a_journal(tmp_path, command, lang, name, beside, plan):
    (tmp_path / "reg").mkdir()
    (tmp_path / "reg" / name).write_bytes(b"")
    if beside:
        shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "reg" / beside)
    proc = _rectify(command, "-r", f"reg/{name}", cwd=tmp_path, cache=tmp_path / "cache", lang=lang)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"rectify: reg/{name}:1:1: {EMPTY_JOURNAL_AS_PLAN[lang].format(plan=plan)}\n"


@pytest.mark.parametrize("lang, said", [
    ("en", "a journal with no plan file of its name beside it (it is the journal of tasks.yaml); rename one of them, or move it away"),
    ("zh", "旁边没有同名方案文件的进展记录（它是 tasks.yaml 的进展记录）；请改名其中之一，或将其移走"),
])
@pytest.mark.parametrize("command", ["status", "verify"])
def test_an_empty_progress_yaml_alone_given_as_the_plan_is_a_journal_without_its_plan(tmp_path, command, lang, said):
    (tmp_path / "reg").mkdir()
    (tmp_path / "reg" / "progress.yaml").write_bytes(b"")
    proc = _rectify(command, "-r", "reg/progress.yaml", cwd=tmp_path, cache=tmp_path / "cache", lang=lang)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"rectify: reg/progress.yaml: {said}\n")


@pytest.mark.parametrize("name, plan", [("naqu.progress.yaml", "{folder}/naqu.yaml"), ("journal.yaml", "e.g. tasks.yaml")])
def test_a_journal_of_any_name_given_as_the_plan_is_named_a_journal(tmp_path, name, plan):
    """A folder's journal names its plan; a journal under another name is known by its entries."""
    shutil.copy(FIXTURES / "small" / "progress.yaml", tmp_path / name)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / name, use_cache=False)
    assert str(caught.value) == (f"{tmp_path / name}:2:1: this is a journal (a list of entries, - measure: ...), "
                                 f"not a plan: pass the plan file ({plan.format(folder=tmp_path)}) or its folder")


EXPORT_NOT_PLAN = {
    "en": "this is the output of `rectify export`, not a plan: pass the plan file it was exported from (e.g. tasks.yaml) "
          "or its folder; rectify cannot turn an export back into a ledger (it holds no journal)",
    "zh": "这是 `rectify export` 的输出，不是整改方案：请指定导出时所用的方案文件（例如 tasks.yaml）或其所在文件夹；"
          "rectify 不能把导出文件转回台账（其中没有进展记录）",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", [["validate", "out.json"], ["status", "-r", "out.json"], ["check", "-r", "out.json"],
                                     ["verify", "-r", "out.json"]])
def test_an_export_given_as_the_plan_is_named_an_export(tmp_path, command, lang):
    """(it printed a problem for every id, "expected a whole number", and every measure's note: 1,400 lines;
    verify, which reads no plan, said out.progress.yaml had nothing to verify and passed)"""
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    assert _rectify("export", "-r", "reg", "-o", "out.json", cwd=tmp_path, cache=tmp_path / "cache").returncode == 0
    proc = _rectify(*command, cwd=tmp_path, cache=tmp_path / "cache", lang=lang)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"rectify: out.json:1:1: {EXPORT_NOT_PLAN[lang]}\n"


def test_a_folder_export_given_as_the_plan_is_named_an_export(tmp_path):
    from test_folder_registry import split_small

    split_small(tmp_path / "reg")
    assert _rectify("export", "-r", "reg", "-o", "out.json", cwd=tmp_path, cache=tmp_path / "cache").returncode == 0
    proc = _rectify("validate", "out.json", cwd=tmp_path, cache=tmp_path / "cache")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"rectify: out.json:1:1: {EXPORT_NOT_PLAN['en']}\n"


@pytest.mark.parametrize("lang, said", [
    ("en", {"compose": "not a plan: none of its top-level keys (version, services) is a plan's (registry, units, tasks); "
                       "if it is a plan, check its keys, else pass the plan file (e.g. tasks.yaml) or its folder",
            "curation": "this is a curation file (rectify import --curation), not a plan: pass the plan file "
                        "(e.g. tasks.yaml) or its folder"}),
    ("zh", {"compose": "不是整改方案：其顶层的键（version、services）都不是方案的键（registry、units、tasks）；"
                       "若是方案，请检查键名，否则请指定方案文件（例如 tasks.yaml）或其所在文件夹",
            "curation": "这是导入用的校订文件（rectify import --curation），不是整改方案：请指定方案文件（例如 tasks.yaml）或其所在文件夹"}),
])
@pytest.mark.parametrize("kind, name, text", [
    ("compose", "docker-compose.yml", 'version: "3"\nservices:\n  web: {image: nginx}\n'),
    ("curation", "curation.yaml", "version: 1\nowners:\n  \"1.1\": {owners: [拉萨市]}\n"),
])
def test_another_yaml_file_given_as_the_plan_is_named_not_a_plan_in_one_line(tmp_path, kind, name, text, lang, said):
    (tmp_path / name).write_text(text, encoding="utf-8")
    proc = _rectify("status", "-r", name, cwd=tmp_path, cache=tmp_path / "cache", lang=lang)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"rectify: {name}:1:1: {said[kind]}\n"


def test_the_keys_of_a_yaml_file_not_a_plan_are_shown_literally(tmp_path):
    """(Rich markup printed as written; a line break in a key shown as \\n, not hidden in the one line)"""
    (tmp_path / "x.yaml").write_text('"[red]a[/red]": 1\n"b\\nc": 2\n', encoding="utf-8")
    proc = _rectify("validate", "x.yaml", cwd=tmp_path, cache=tmp_path / "cache")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == ("rectify: x.yaml:1:1: not a plan: none of its top-level keys ([red]a[/red], b\\nc) is a plan's "
                           "(registry, units, tasks); if it is a plan, check its keys, else pass the plan file (e.g. "
                           "tasks.yaml) or its folder\n")


def test_a_plan_with_a_note_on_a_measure_is_still_read_as_a_plan(tmp_path):
    """Only an export's measures carry both a note and an id such as "1.1": a plan given a note is told of the key."""
    text = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    measure = "      - id: 1   # overdue"
    assert measure in text
    (tmp_path / "tasks.yaml").write_text(text.replace(measure, "      - note: 进展\n        id: 1   # overdue"),
                                         encoding="utf-8")
    proc = _rectify("validate", "tasks.yaml", cwd=tmp_path, cache=tmp_path / "cache")
    # (line 41 of the fixture is measure 1.1's; its key note: at column 9)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        2, "", "rectify: tasks.yaml:41:9: measure 1.1: unknown key 'note'; allowed: id, text, owners, lead, milestones\n")


@pytest.mark.parametrize("lang, said", [
    ("en", "this is the output of `rectify {command} --format json`, not a plan: pass the plan file (e.g. tasks.yaml) "
           "or its folder"),
    ("zh", "这是 `rectify {command} --format json` 的输出，不是整改方案：请指定方案文件（例如 tasks.yaml）或其所在文件夹"),
])
@pytest.mark.parametrize("reader", ["status", "verify"])
@pytest.mark.parametrize("command", ["status", "check"])
def test_a_status_or_check_document_given_as_the_plan_is_named_as_such(tmp_path, command, lang, said, reader):
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    made = _rectify(command, "-r", "reg", "--format", "json", cwd=tmp_path, cache=tmp_path / "cache")
    assert made.stdout.startswith("{")
    (tmp_path / "out.json").write_text(made.stdout, encoding="utf-8")
    proc = _rectify(reader, "-r", "out.json", cwd=tmp_path, cache=tmp_path / "cache", lang=lang)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"rectify: out.json:1:1: {said.format(command=command)}\n"


ENTRY = '- measure: "4.2"\n  date: 2019-03-20\n'


@pytest.mark.parametrize("body, expected", [
    # an extension to a date already past when it was recorded moves nothing forward: it only
    # wipes out overdue days
    ("  state: extended\n  milestone: 2018-10-31\n  to: 2019-03-20\n  reason: 补批\n  approved_by: 自治区生态环境厅\n  late: true\n",
     "5:7: journal entry 1, field to: 2019-03-20 is not after the entry's date (2019-03-20): an extension sets a due date still to come"),
    # a report says what was done this period, or it reports nothing (and would clear 久未报告)
    ('  state: report\n  note: ""\n', "4:9: journal entry 1, field note: a report needs a note saying what was done"),
    ("  state: report\n", "1:3: journal entry 1: a report needs a note saying what was done"),
    # what only an extension (or a done entry) has, on another entry, would be kept and ignored
    ("  state: done\n  evidence: x\n  to: 2020-01-01\n",
     "5:7: journal entry 1, field to: only an extension (state: extended) has 'to'"),
    ("  state: in_progress\n  note: x\n  reason: foo\n  late: true\n",
     "5:11: journal entry 1, field reason: only an extension (state: extended) has 'reason'"),
    ("  state: in_progress\n  note: x\n  milestone: 2018-10-31\n",
     "5:14: journal entry 1, field milestone: only a done or extended entry names a milestone"),
])
@pytest.mark.parametrize("use_cache", [True, False])
def test_an_entry_a_write_would_refuse_is_refused_on_load(tmp_path, monkeypatch, body, expected, use_cache):
    journal, refused = _refused_on_load(tmp_path, monkeypatch, ENTRY + body, use_cache=use_cache)
    assert str(refused).startswith(f"{journal}:{expected}")


def _refused_on_load(tmp_path, monkeypatch, journal_text: str, *, use_cache: bool) -> tuple[Path, RegistryError]:
    """The small fixture's plan beside a journal of `journal_text`: the journal, and the loader's refusal."""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = tmp_path / "progress.yaml"
    journal.write_text(journal_text, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=use_cache)
    return journal, caught.value


def test_a_unit_named_by_a_number_written_plain_is_that_name(tmp_path):
    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    assert "[拉萨市]" in plan and "lead: 拉萨市" in plan
    (tmp_path / "tasks.yaml").write_text(plan.replace("拉萨市", "0110"), encoding="utf-8")
    reg = load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    measure = reg.plan.tasks[0].measures[0]
    assert (reg.plan.tasks[0].regions, measure.owners, measure.lead) == (("0110",), ("0110",), "0110")


@pytest.mark.parametrize("old, new, expected", [
    # (the command line refuses --report-period 0 too: every ongoing measure would be stale)
    ("    report_period_days: 90\n", "    report_period_days: 0\n",
     ":12:25: registry.settings.report_period_days: expected a whole number ≥ 1, got the number 0"),
    ("    kind: region\n", "    kind: city\n",
     ":27:11: unit.kind: unknown value 'city'; expected one of region, subregion, department, all_regions, other"),
    # (regions were Tibet's seven 地市, declared or not, and any unit: another province's plan
    # could name 日喀则市, and a department, which --region then filtered as an owner)
    ("    regions: [拉萨市]\n", "    regions: [日喀则市]\n",
     ":39:15: task 1, field regions: unknown region '日喀则市'; the regions are the units declared under 'units:' "
     "with kind: region (那曲市, 拉萨市)"),
    ("    regions: [拉萨市]\n", "    regions: [自治区生态环境厅]\n",
     ":39:15: task 1, field regions: '自治区生态环境厅' is no region (its unit is not of kind region); the regions are "
     "the units declared under 'units:' with kind: region"),
    ("    kind: region\n", "    kind: department\n",
     ":62:15: task 2, field regions: '那曲市' is no region (its unit is not of kind region); the regions are "
     "the units declared under 'units:' with kind: region\n"
     "{file}:108:15: task 4, field regions: '那曲市' is no region (its unit is not of kind region); the regions are "
     "the units declared under 'units:' with kind: region"),
    # (a free text written plain is the text written; a word of the format's keeps its type)
    ("    timezone: Asia/Shanghai\n", "    timezone: 8\n",
     ":10:15: registry.settings.timezone: expected an IANA time zone name (e.g. Asia/Shanghai), got the number 8"),
    # (a clerk numbering 01…10 was told '08' is no whole number; a measure numbered as in the
    # report, 1.10, was "the number 1.1")
    ("  - id: 1\n", "  - id: 08\n",
     ":31:9: task.id: expected a whole number ≥ 1, got '08'; write 8, without quotes or a leading 0"),
    ("      - id: 1   # overdue", "      - id: 1.10   # overdue",
     ":41:13: task 1 measure, field id: expected a whole number ≥ 1, got the number 1.1; a measure's id is its number "
     "within its task (id: 2 under task 1 is measure 1.2)"),
    # (a report's path, as a list or "" is: 123 was read as a file named 123, true as one named true)
    ("  report_date: 2019-03-31\n", "  report_date: 2019-03-31\n  source: 123\n",
     ":9:11: registry.source: expected non-empty text, got the number 123"),
    ("  report_date: 2019-03-31\n", "  report_date: 2019-03-31\n  source: true\n",
     ":9:11: registry.source: expected non-empty text, got true/false"),
    # (立即启动 due a year before its problem was handed over, a typo of its year: each such measure
    # showed a year more overdue, without a word)
    ("    report_period_days: 90\n", "    report_period_days: 90\n    immediate_due: 2017-01-03\n",
     ":13:20: registry.settings.immediate_due: 2017-01-03 is before the feedback_date 2018-01-03; 'at once' counts "
     "from the day the problems were handed over, and a grace period ends after it"),
    ("  report_date: 2019-03-31\n", "  report_date: 2017-12-31\n",
     ":8:16: registry.report_date: 2017-12-31 is before the feedback_date 2018-01-03; the report comes after the feedback"),
    # (a full-width colon inside a flow mapping: it also said "kind: unknown value nothing")
    ("          - {kind: date, due: 2018-12-31}\n", "          - {kind：date, due: 2018-12-31}\n",
     ":46:13: measure 1.1, field milestones[1]: missing required key 'kind'\n"
     "{file}:46:14: measure 1.1, field milestones[1]: unknown key 'kind：date' (did you mean kind?); a full-width colon: "
     "write 'kind: date'"),
])
def test_plan_values_the_format_rules_out_are_refused(tmp_path, old, new, expected):
    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    assert old in plan
    (tmp_path / "tasks.yaml").write_text(plan.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == f"{tmp_path / 'tasks.yaml'}{expected}".format(file=tmp_path / "tasks.yaml")


@pytest.mark.parametrize("measures", ["    measures:\n", ""], ids=["nothing under it", "no key"])
def test_a_task_without_measures_is_refused(tmp_path, measures):
    """(only `measures: []` was: a task whose measures were deleted to be typed again, or left
    as a dangling `measures:` line, validated, showed red in status, and check passed it)"""
    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    start = plan.index("    measures:\n", plan.index("  - id: 1\n"))
    plan = plan[:start] + measures + plan[plan.index("  - id: 2\n"):]
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    expected = (":40:14: task 1, field measures: empty; a task is rectified through its measures: list at least one"
                if measures else ":31:5: task 1: missing required key 'measures'")
    assert str(caught.value) == f"{tmp_path / 'tasks.yaml'}{expected}"


def test_a_task_missing_a_key_is_named_by_its_id(tmp_path):
    """(by its place in the list: the first task, numbered 2, was called "task 1", and the task
    numbered 1 "task 2")"""
    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    plan = plan.replace("  - id: 1\n", "  - id: 5\n", 1).replace("    title: 施工扬尘污染问题突出\n", "", 1)
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == f"{tmp_path / 'tasks.yaml'}:53:5: task 2: missing required key 'title'"


@pytest.mark.parametrize("file, old, new, expected", [
    ("tasks.yaml", "owners: [自治区生态环境厅, 自治区住房城乡建设厅]", "owners: [自治区生态环境厅，自治区住房城乡建设厅]",
     "tasks.yaml:49:18: measure 1.2, field owners: unknown unit '自治区生态环境厅，自治区住房城乡建设厅' (several names written as "
     "one: separate them with ASCII commas, [自治区生态环境厅, 自治区住房城乡建设厅])"),
    ("tasks.yaml", "regions: [拉萨市]", "regions: [拉萨市、那曲市]",
     "tasks.yaml:39:15: task 1, field regions: unknown region '拉萨市、那曲市' (several names written as one: separate them "
     "with ASCII commas, [拉萨市, 那曲市]); the regions are the units declared under 'units:' with kind: region "
     "(那曲市, 拉萨市)"),
    ("progress.yaml", "  state: in_progress", "  state: 推进中",
     "progress.yaml:4:10: journal entry 1, field state: unknown value '推进中' (write in_progress); expected one of "
     "in_progress, done, reopened, report, extended, retracted"),
    ("progress.yaml", "  state: in_progress", "  state: 已完成",
     "progress.yaml:4:10: journal entry 1, field state: unknown value '已完成' (write done); expected one of "
     "in_progress, done, reopened, report, extended, retracted"),
    ("tasks.yaml", "reported: {state: basically_done}", "reported: {state: 基本完成}",
     "tasks.yaml:38:23: task 1, field reported.state: unknown value '基本完成' (write basically_done); expected one of "
     "fully_done, basically_done, on_schedule, interim_results"),
])
def test_a_chinese_way_of_writing_a_value_is_told_how_to_write_it(tmp_path, file, old, new, expected):
    """A clerk writes lists with ， and 、 and states in the report's words: the message says what
    to write, not "declare it under 'units:'" or a did-you-mean of one of the names."""
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    path = tmp_path / "reg" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "reg" / "tasks.yaml", use_cache=False, today=date(2019, 3, 31))
    assert str(caught.value) == f"{tmp_path / 'reg'}/{expected}"


# A date written another way is refused saying what to write, where the intent is clear.
DUE_WRITTEN = "          - {kind: date, due: 2018-06-30}\n"  # measure 1.2's milestone, tasks.yaml line 52


@pytest.mark.parametrize("written, english, chinese", [
    ("2019.6.30", "got '2019.6.30' (did you mean 2019-06-30?)", "实为“2019.6.30”（是否指 2019-06-30？）"),
    ("2019/6/30", "got '2019/6/30' (did you mean 2019-06-30?)", "实为“2019/6/30”（是否指 2019-06-30？）"),
    ("2019年6月30日", "got '2019年6月30日' (did you mean 2019-06-30?)", "实为“2019年6月30日”（是否指 2019-06-30？）"),
    ("2019年6月底", "got '2019年6月底' (did you mean 2019-06-30?)", "实为“2019年6月底”（是否指 2019-06-30？）"),
    ("2020年2月底", "got '2020年2月底' (did you mean 2020-02-29?)", "实为“2020年2月底”（是否指 2020-02-29？）"),
    ("2019年底", "got '2019年底' (did you mean 2019-12-31?)", "实为“2019年底”（是否指 2019-12-31？）"),
    ("6月30日", "got '6月30日' (the year is missing: write YYYY-06-30)", "实为“6月30日”（缺少年份：应写作 YYYY-06-30）"),
    ("2019年6月", "got '2019年6月' (the day is missing: write 2019-06-DD)", "实为“2019年6月”（缺少日：应写作 2019-06-DD）"),
    ("长期坚持", "got '长期坚持' (长期坚持 is a kind of milestone, not a date: write the milestone {kind: ongoing})",
     "实为“长期坚持”（长期坚持 是时限的类别，不是日期：该时限应写作 {kind: ongoing}）"),
    ("立即启动", "got '立即启动' (立即启动 is a kind of milestone, not a date: write the milestone {kind: immediate})",
     "实为“立即启动”（立即启动 是时限的类别，不是日期：该时限应写作 {kind: immediate}）"),
    ("立行立改", "got '立行立改' (立行立改 is a kind of milestone, not a date: write the milestone {kind: immediate})",
     "实为“立行立改”（立行立改 是时限的类别，不是日期：该时限应写作 {kind: immediate}）"),
    # unsure: no hint
    ("6月31日", "got '6月31日'", "实为“6月31日”"),
    ("2019年2月30日", "got '2019年2月30日'", "实为“2019年2月30日”"),
    ("June 30", "got 'June 30'", "实为“June 30”"),
    ("下半年", "got '下半年'", "实为“下半年”"),
])
@pytest.mark.parametrize("parser", ["fast", "reference"])
def test_a_due_written_another_way_says_what_to_write(written, english, chinese, parser, tmp_path, monkeypatch):
    from rectify_cli import yamlio
    from rectify_cli.i18n import Lang, problem_message

    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    assert DUE_WRITTEN in plan
    (tmp_path / "tasks.yaml").write_text(plan.replace(DUE_WRITTEN, DUE_WRITTEN.replace("2018-06-30", written)), encoding="utf-8")
    shutil.copy(FIXTURES / "small" / "progress.yaml", tmp_path / "progress.yaml")
    if parser == "reference":
        monkeypatch.setattr(yamlio, "yaml_rs", None)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    [problem] = caught.value.problems
    assert str(problem) == (f"{tmp_path / 'tasks.yaml'}:52:31: measure 1.2, field milestones[1].due: "
                            f"expected a date written YYYY-MM-DD, {english}")
    assert problem_message(problem, Lang.zh) == f"措施 1.2 的 milestones[1].due：应为 YYYY-MM-DD 格式的日期，{chinese}"


@pytest.mark.parametrize("parser", ["fast", "reference"])
def test_a_journal_date_written_in_chinese_says_what_to_write(parser, tmp_path, monkeypatch):
    from rectify_cli import yamlio

    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = (FIXTURES / "small" / "progress.yaml").read_text(encoding="utf-8")
    (tmp_path / "progress.yaml").write_text(journal.replace("  date: 2018-09-30\n", "  date: 2019年3月31日\n", 1), encoding="utf-8")
    if parser == "reference":
        monkeypatch.setattr(yamlio, "yaml_rs", None)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'progress.yaml'}:3:9: journal entry 1, field date: expected a date written YYYY-MM-DD, got '2019年3月31日' "
        "(did you mean 2019-03-31?)"]


def _close_match_calls(monkeypatch) -> list[str]:
    """The names difflib is asked to find close matches of, from now on."""
    import difflib

    asked, find = [], difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda word, *args, **kwargs: asked.append(word) or find(word, *args, **kwargs))
    return asked


def test_a_unit_renamed_in_units_alone_is_named_at_every_use_and_looked_for_once(tmp_path, monkeypatch):
    # a national plan whose 31 生态环境厅 were renamed under units: alone named each of 14,821 uses
    # with the units close to it, each looked for again among 1,000 names: 23 s of a 45 s load at 100,000 measures
    text = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text(text.replace("  - name: 自治区生态环境厅", "  - name: 自治区生态环境局"), encoding="utf-8")
    asked = _close_match_calls(monkeypatch)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", use_cache=False)
    uses = [p for p in caught.value.problems if "'自治区生态环境厅'" in str(p)]
    assert len(uses) == text.count("自治区生态环境厅") - 2  # (its unit's name, and the text of measure 1.2)
    assert all("(did you mean 自治区生态环境局?)" in str(p) for p in uses)
    # (once where the fast path stops at the first problem, once as the reference loader's data is checked)
    assert asked == ["自治区生态环境厅"] * 2


def test_a_journals_unit_renamed_in_the_plan_is_named_at_every_use_and_looked_for_once(tmp_path, monkeypatch):
    # (the journal's: 2,825 entries by the old names at 100,000 measures, 11 s of a 33 s load)
    text = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text(text.replace("自治区生态环境厅", "自治区生态环境局"), encoding="utf-8")
    journal = (FIXTURES / "small" / "progress.yaml").read_text(encoding="utf-8")
    journal += "".join(f'- measure: "1.1"\n  date: 2019-03-2{day}\n  state: in_progress\n  note: 推进中。\n'
                       f"  by: 自治区生态环境厅\n" for day in range(3))
    (tmp_path / "progress.yaml").write_text(journal, encoding="utf-8")
    asked = _close_match_calls(monkeypatch)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    uses = [str(p) for p in caught.value.problems if "'自治区生态环境厅'" in str(p)]
    assert len(uses) == 4 and all("(did you mean 自治区生态环境局?)" in p for p in uses), uses
    assert asked == ["自治区生态环境厅"]


def test_a_date_in_year_0_is_said_not_real_in_chinese_too(tmp_path):
    """Python's own words, "year 0 is out of range", were left in the Chinese message."""
    from rectify_cli.i18n import Lang, problem_message

    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = (FIXTURES / "small" / "progress.yaml").read_text(encoding="utf-8")
    (tmp_path / "progress.yaml").write_text(journal.replace("  date: 2018-09-30\n", "  date: 0000-09-30\n", 1), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    [problem] = caught.value.problems
    assert str(problem) == f"{tmp_path / 'progress.yaml'}:3:9: journal entry 1, field date: '0000-09-30' is not a real calendar date (a year is 1 to 9999)"
    assert problem_message(problem, Lang.zh) == "第 1 条进展记录的 date：“0000-09-30”不是实际存在的日期（年份应在 1 到 9999 之间）"


ALLOWED = "measure, date, state, note, evidence, by, milestone, to, reason, approved_by, late, far_future, recorded, hash, retracts"
ALLOWED_ZH = "measure、date、state、note、evidence、by、milestone、to、reason、approved_by、late、far_future、recorded、hash、retracts"
EXTENSION = "  state: extended\n  milestone: 2018-10-31\n  to: 2020-06-30\n"


@pytest.mark.parametrize("lang, journal, plan", [
    # (it said "journal entry 1.late:", "task 1.deadline.milestones[1].due:": the place and its field
    # run together as a path, and a short field (late, to, by) read as a word of the sentence)
    ("en", "journal entry 1, field late: expected true or false, got 'yes'",
     "task 1, field deadline.milestones[1].due: '2018-02-30' is not a real calendar date (that month has no such day)"),
    ("zh", "第 1 条进展记录的 late：应为 true 或 false，实为“yes”",
     "任务 1 的 deadline.milestones[1].due：“2018-02-30”不是实际存在的日期（该月没有这一天）"),
])
def test_a_problem_of_a_field_names_the_entry_or_task_then_the_field(tmp_path, lang, journal, plan):
    plan_text = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    assert "due: 2018-12-31" in plan_text
    (tmp_path / "tasks.yaml").write_text(plan_text.replace("due: 2018-12-31", "due: 2018-02-30", 1), encoding="utf-8")
    (tmp_path / "progress.yaml").write_text(ENTRY + EXTENSION + "  reason: 补批\n  approved_by: 自治区生态环境厅\n  late: 'yes'\n",
                                            encoding="utf-8")
    result = _rectify("validate", str(tmp_path / "tasks.yaml"), lang=lang)
    assert result.returncode == 2
    assert [line.split(": ", 2)[2] for line in result.stderr.splitlines()] == [journal, plan]


@pytest.mark.parametrize("body, english, chinese", [
    # `rectify extend` refuses an extension without --reason or --approved-by: so is one written by hand
    (EXTENSION + "  reason: 补批\n  approved_by: null\n  late: true\n",
     "7:16: journal entry 1, field approved_by: expected the name of a unit (text), got nothing",
     "7:16: 第 1 条进展记录的 approved_by：应为单位名称（文字），实为空值"),
    (EXTENSION + "  approved_by: 自治区生态环境厅\n  late: true\n",
     "1:3: journal entry 1: missing required key 'reason'", "1:3: 第 1 条进展记录：缺少必需的键“reason”"),
    (EXTENSION + "  reason: 补批\n  late: true\n",
     "1:3: journal entry 1: missing required key 'approved_by'", "1:3: 第 1 条进展记录：缺少必需的键“approved_by”"),
    (EXTENSION + "  reason: ~\n  approved_by: 自治区生态环境厅\n  late: true\n",
     "6:11: journal entry 1, field reason: expected non-empty text, got nothing", "6:11: 第 1 条进展记录的 reason：应为非空文字，实为空值"),
    # a unit is one name: a list was "unknown unit a list"
    ("  state: done\n  evidence: x\n  by: [拉萨市, 日喀则市]\n",
     "5:7: journal entry 1, field by: expected the name of a unit (text), got a list",
     "5:7: 第 1 条进展记录的 by：应为单位名称（文字），实为列表"),
    # a key YAML reads as null was "unknown key None", Python's word
    ("  state: done\n  evidence: x\n  ~: x\n",
     f"5:3: journal entry 1: unknown key '~'; allowed: {ALLOWED}", f"5:3: 第 1 条进展记录：未知的键“~”；可用的键：{ALLOWED_ZH}"),
    ("  state: done\n  evidence: x\n  yes: x\n",
     f"5:3: journal entry 1: unknown key 'yes'; allowed: {ALLOWED}", f"5:3: 第 1 条进展记录：未知的键“yes”；可用的键：{ALLOWED_ZH}"),
    # (two keys YAML reads as null: "duplicate key None")
    ("  state: done\n  evidence: x\n  ~: x\n  null: y\n",
     "6:3: duplicate key 'null' (first defined on line 5)", "6:3: 键“null”重复（首次定义在第 5 行）"),
])
@pytest.mark.parametrize("use_cache", [True, False])
def test_an_entry_is_refused_on_load_as_a_write_would_say_it(tmp_path, monkeypatch, body, english, chinese, use_cache):
    from rectify_cli.i18n import Lang, problem_message

    journal, refused = _refused_on_load(tmp_path, monkeypatch, ENTRY + body, use_cache=use_cache)
    [problem] = refused.problems
    assert str(problem) == f"{journal}:{english}"
    assert f"{problem.line}:{problem.column}: {problem_message(problem, Lang.zh)}" == chinese


HEX = "0x" + "f" * 3600  # (4,334 digits written in decimal: more than Python writes, 4,300)


@pytest.mark.parametrize("old, new, expected", [
    ("      value: 4\n", f"      value: {HEX}\n", "16:14: claim.value: expected a whole number ≥ 0, got a number of more than 4300 digits"),
    # (a line too long for the fast parser: the reference one reads it)
    ("      value: 4\n", f"      value: {HEX}{'f' * 1400}\n",
     "16:14: claim.value: expected a whole number ≥ 0, got a number of more than 4300 digits"),
    ("      value: 4\n", f"      value: '{'1' * 5000}'\n", f"16:14: claim.value: expected a whole number ≥ 0, got '{'1' * 65}…{'1' * 34}'"),
    ("    - key: tasks_total\n", f"    - key: {HEX}\n", "14:12: claim.key: expected non-empty text, got a number of more than 4300 digits"),
    ("  - id: 1\n", f"  - id: {HEX}\n", "31:9: task.id: expected a whole number ≥ 1, got a number of more than 4300 digits"),
    ("      - id: 1   # overdue", f"      - id: {HEX}  # overdue",
     "41:13: task 1 measure, field id: expected a whole number ≥ 1, got a number of more than 4300 digits"),
], ids=["hex-value", "hex-value-long-line", "quoted-value", "hex-key", "hex-task-id", "hex-measure-id"])
@pytest.mark.parametrize("command", ["validate", "reconcile"])
def test_a_number_of_thousands_of_digits_in_the_plan_is_refused_naming_its_line_not_an_internal_error(tmp_path, old, new, expected,
                                                                                                     command):
    # (int() and str() refuse more than 4,300 digits: validate and reconcile stopped with an internal error)
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    plan = (tmp_path / "reg" / "tasks.yaml").read_text(encoding="utf-8")
    assert old in plan
    (tmp_path / "reg" / "tasks.yaml").write_text(plan.replace(old, new, 1), encoding="utf-8")
    result = _rectify(command, "-r", "tasks.yaml", cwd=tmp_path / "reg", cache=tmp_path / "cache")
    assert (result.returncode, result.stdout) == (2, ""), result.stderr[:300]
    assert result.stderr == f"rectify: tasks.yaml:{expected}\n"


def test_a_journal_entrys_measure_of_thousands_of_digits_is_refused_naming_its_line_not_an_internal_error(tmp_path):
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    journal = (tmp_path / "reg" / "progress.yaml").read_text(encoding="utf-8")
    (tmp_path / "reg" / "progress.yaml").write_text(journal.replace('- measure: "1.1"', f"- measure: {HEX}", 1), encoding="utf-8")
    result = _rectify("validate", "-r", "tasks.yaml", cwd=tmp_path / "reg", cache=tmp_path / "cache")
    assert (result.returncode, result.stdout) == (2, ""), result.stderr[:300]
    assert result.stderr == "rectify: progress.yaml:2:12: journal entry 1, field measure: expected a quoted measure id like \"18.4\", got a number of more than 4300 digits\n"


def _plan_with(tmp_path, old: str, new: str) -> Path:
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    plan = (tmp_path / "reg" / "tasks.yaml").read_text(encoding="utf-8")
    assert old in plan
    (tmp_path / "reg" / "tasks.yaml").write_text(plan.replace(old, new, 1), encoding="utf-8")
    return tmp_path / "reg"


@pytest.mark.parametrize("lang, expected", [
    ("en", "rectify: tasks.yaml:41:13: not a valid integer: '1234567890" + "1" * 55 + "…" + "1" * 24 + "0987654321'\n"),
    ("zh", "rectify: tasks.yaml:41:13: 不是有效的整数：“1234567890" + "1" * 55 + "…" + "1" * 24 + "0987654321”\n"),
])
def test_an_integer_of_thousands_of_digits_is_quoted_by_its_start_and_end(tmp_path, lang, expected):
    # (it was quoted whole: a message of 5,000 digits, the line it names lost in them)
    reg = _plan_with(tmp_path, "      - id: 1   # overdue", f"      - id: 1234567890{'1' * 5000}0987654321  # overdue")
    result = _rectify("validate", "-r", "tasks.yaml", cwd=reg, cache=tmp_path / "cache", lang=lang)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", expected)


def test_a_long_chinese_value_is_quoted_by_its_start_and_end_cut_by_display_width(tmp_path):
    # (100 cells of the name at most, quoted: 64 of its start and the …, 34 of its end, two cells a character)
    name = "甲" + "拉" * 4998 + "乙"
    reg = _plan_with(tmp_path, "        lead: 拉萨市\n", f"        lead: {name}\n")
    result = _rectify("validate", "-r", "tasks.yaml", cwd=reg, cache=tmp_path / "cache", lang="zh")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"rectify: tasks.yaml:44:15: 措施 1.1 的 lead：未知单位“甲{'拉' * 31}…{'拉' * 16}乙”\n"


def test_a_short_value_is_still_quoted_whole(tmp_path):
    reg = _plan_with(tmp_path, "        lead: 拉萨市\n", f"        lead: {'拉' * 40}\n")
    result = _rectify("validate", "-r", "tasks.yaml", cwd=reg, cache=tmp_path / "cache", lang="zh")
    assert result.stderr == f"rectify: tasks.yaml:44:15: 措施 1.1 的 lead：未知单位“{'拉' * 40}”\n"


def test_an_unknown_region_among_many_counts_the_regions_not_listed_as_more(tmp_path):
    """(it said 那曲市、…、第6区 等 2 个 after naming 8: in Chinese "A、B 等 2 个" counts them all, as if 2 in all)"""
    from rectify_cli.i18n import Lang, problem_message

    plan = (FIXTURES / "small" / "tasks.yaml").read_text(encoding="utf-8")
    more = "".join(f"  - name: 第{n}区\n    kind: region\n" for n in range(1, 9))
    plan = plan.replace("tasks:\n", more + "tasks:\n", 1).replace("    regions: [拉萨市]\n", "    regions: [日喀则市]\n", 1)
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert problem_message(caught.value.problems[0], Lang.zh) == (
        "任务 1 的 regions：未知地区“日喀则市”；地区是在 'units:' 下声明为 kind: region 的单位"
        "（那曲市、拉萨市、第1区、第2区、第3区、第4区、第5区、第6区，另有 2 个）")


@pytest.mark.parametrize("written, meant", [("0x2d", 45), ("4_5", 45), ("055", 55), ("+45", 45), ("0b101101", 45)])
@pytest.mark.parametrize("parser", ["fast", "reference"])
@pytest.mark.parametrize("command", ["validate", "reconcile"])
def test_a_claims_count_written_other_than_in_plain_decimal_is_refused(tmp_path, written, meant, parser, command):
    """value: 0x2d or 4_5 (YAML 1.1 integers) was read as 45 and the claim checked so; 055 as 45 by
    the reference parser, 55 by the fast one. A count a report gives is written in plain decimal."""
    reg = _plan_with(tmp_path, "      value: 4\n", f"      value: {written}\n")
    if parser == "reference":  # (a line longer than the fast parser takes: the reference reads the file)
        with open(reg / "tasks.yaml", "a", encoding="utf-8") as plan:
            plan.write("# " + "x" * 4100 + "\n")
    result = _rectify(command, "-r", "tasks.yaml", cwd=reg, cache=tmp_path / "cache")
    assert (result.returncode, result.stdout) == (2, ""), result.stdout
    assert result.stderr == (f"rectify: tasks.yaml:16:14: claim.value: expected a whole number ≥ 0, got '{written}'; "
                             f"write {meant}, without quotes or a leading 0\n")


@pytest.mark.parametrize("old, new, zh, en", [
    ("          - {kind: date, due: 2018-12-31}\n", "          - {kind: date, due: 2017-05-01}\n",
     "tasks.yaml:41: 警告：措施 1.1 的时限 2017-05-01 早于督察反馈日期 2018-01-03：是否笔误？",
     "tasks.yaml:41: warning: measure 1.1: deadline 2017-05-01 is before the inspection's feedback of 2018-01-03: a typo?"),
    ("        - {kind: date, due: 2018-12-31}\n", "        - {kind: date, due: 2017-05-01}\n",
     # (task 1, as the plan's other messages name it: "problem 1" read as validate's first problem found)
     "tasks.yaml:31: 警告：任务 1 的时限 2017-05-01 早于督察反馈日期 2018-01-03：是否笔误？",
     "tasks.yaml:31: warning: task 1: deadline 2017-05-01 is before the inspection's feedback of 2018-01-03: a typo?"),
])
@pytest.mark.parametrize("command", ["validate", "status"])
def test_a_deadline_before_the_feedback_is_warned_of_as_a_likely_typo(tmp_path, old, new, zh, en, command):
    """due: 2017-05-01 of a plan fed back on 2018-01-03 passed validate: import warns of it as a likely
    typo of its year, and an entry dated before the feedback is an error. A warning: the plan is valid."""
    reg = _plan_with(tmp_path, old, new)
    for lang, expected in (("zh", zh), ("en", en)):
        result = _rectify(command, "-r", "tasks.yaml", cwd=reg, cache=tmp_path / "cache", lang=lang)
        assert result.returncode in ((0,) if command == "validate" else (0, 1)), result.stderr
        assert result.stderr == f"rectify: {expected}\n"
    # (a cached plan warns alike: the check runs on what was loaded, not on the file's text)
    again = _rectify(command, "-r", "tasks.yaml", cwd=reg, cache=tmp_path / "cache", lang="en")
    assert again.stderr == f"rectify: {en}\n"


def test_a_deadline_on_the_feedback_day_is_no_warning(tmp_path):
    reg = _plan_with(tmp_path, "          - {kind: date, due: 2018-12-31}\n", "          - {kind: date, due: 2018-01-03}\n")
    result = _rectify("validate", "-r", "tasks.yaml", cwd=reg, cache=tmp_path / "cache")
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("written, meant", [("012", 12), ("02", 2), ("0x2", 2), ("+2", 2), ("2_0", 20), ("0b10", 2)])
@pytest.mark.parametrize("parser", ["fast", "reference"])
@pytest.mark.parametrize("where, old, new, line, column, what", [
    ("task", "  - id: 2\n", "  - id: {}\n", 53, 9, "task.id"),
    ("measure", "      - id: 1   # due soon", "      - id: {}   # due soon", 64, 13, "task 2 measure, field id"),
])
def test_an_id_written_other_than_in_plain_decimal_is_refused(tmp_path, written, meant, parser, where, old, new, line,
                                                              column, what):
    """id: 012 was task 10 to the reference parser (YAML 1.1 reads a leading 0 as octal) and task
    12 to the fast one, 0x2 and 2_0 were tasks 2 and 20, while 08 was refused: an id is written as
    the report numbers it, in plain decimal, as a claim's count is."""
    reg = _plan_with(tmp_path, old, new.format(written))
    if parser == "reference":  # (a line longer than the fast parser takes: the reference reads the file)
        with open(reg / "tasks.yaml", "a", encoding="utf-8") as plan:
            plan.write("# " + "x" * 4100 + "\n")
    result = _rectify("validate", "-r", "tasks.yaml", cwd=reg, cache=tmp_path / "cache")
    assert (result.returncode, result.stdout) == (2, ""), result.stdout
    assert (f"rectify: tasks.yaml:{line}:{column}: {what}: expected a whole number ≥ 1, got '{written}'; write {meant}, "
            f"without quotes or a leading 0") in result.stderr.split("\n")


@pytest.mark.parametrize("parser", ["fast", "reference"])
def test_a_settings_count_written_other_than_in_plain_decimal_is_refused(tmp_path, parser):
    """warn_days: 030 was 24 days to the reference parser (octal) and 30 to the fast one."""
    reg = _plan_with(tmp_path, "    warn_days: 30\n", "    warn_days: 030\n")
    if parser == "reference":
        with open(reg / "tasks.yaml", "a", encoding="utf-8") as plan:
            plan.write("# " + "x" * 4100 + "\n")
    result = _rectify("validate", "-r", "tasks.yaml", cwd=reg, cache=tmp_path / "cache")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("rectify: tasks.yaml:11:16: registry.settings.warn_days: expected a whole number ≥ 0, got "
                             "'030'; write 30, without quotes or a leading 0\n")
