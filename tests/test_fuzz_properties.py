"""Property tests: on any input, the parsers answer with a result or their own error, nothing else.

- dates.parse_user_date / parse_month / parse_iso on random Chinese-style date strings;
- the loader (yamlio.parse, registry.load_registry) on random YAML structures, on the
  small fixture with random parts replaced, and on byte mutations of its tasks.yaml;
- the importer on mutated excerpts of the Tibet report.

"Their own error" is DateFormatError, RegistryError or ReportFormatError; anything else
(TypeError, KeyError, RecursionError, ...) is a bug. Defects already reported and pinned by
an xfail test elsewhere are listed in KNOWN_DEFECTS so that these tests keep looking past
them; remove an entry when its fix lands.
"""
from __future__ import annotations

import calendar
import tempfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rectify_cli import dates, yamlio
from rectify_cli.errors import RegistryError
from rectify_cli.registry import load_registry

from guards import hang_guard

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small"
REPORT = ROOT / "data" / "source" / "xizang-2019-rectification-report.txt"

# (exception type name, text in its message, the xfail test that pins it)
KNOWN_DEFECTS: list[tuple[str, str, str]] = []


# Messages that are known not to be one located line yet (pinned by the same kind of xfail test)
KNOWN_MULTILINE: list[tuple[str, str]] = []


def known_defect(exc: BaseException) -> bool:
    return any(type(exc).__name__ == name and text in str(exc) for name, text, _ in KNOWN_DEFECTS)


def assert_one_line(problem) -> None:
    text = str(problem)
    if any(marker in text for marker, _ in KNOWN_MULTILINE):
        return
    assert "\n" not in text, f"a problem must fit on one line: {text!r}"


# -- dates ------------------------------------------------------------------------------------
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
DATE_ALPHABET = "0123456789０１２３４５６７８９年月日号/-.．／ 　\t" + "零一二三四五六七八九十上下旬初底前后xX:T+"


def _digits(n: int, pad: bool, full: bool) -> str:
    text = f"{n:02d}" if pad else str(n)
    return text.translate(FULLWIDTH) if full else text


@st.composite
def written_dates(draw):
    """(a real date, one way a person might type it)."""
    day = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
    full = draw(st.booleans())
    pad = draw(st.booleans())
    style = draw(st.sampled_from(["iso", "slash", "dot", "cjk", "cjk-spaced"]))
    y, m, d = _digits(day.year, False, full), _digits(day.month, pad, full), _digits(day.day, pad, full)
    space = draw(st.sampled_from(["", " ", "　"]))
    text = {
        "iso": f"{y}-{m}-{d}",
        "slash": f"{y}/{m}/{d}",
        "dot": f"{y}.{m}.{d}",
        "cjk": f"{y}年{m}月{d}日",
        "cjk-spaced": f"{y}{space}年{space}{m}{space}月{space}{d}{space}日",
    }[style]
    outer = draw(st.sampled_from(["", " ", "　", "\t"]))
    return day, f"{outer}{text}{outer}"


@SETTINGS
@given(st.text(alphabet=DATE_ALPHABET, max_size=24) | st.text(max_size=24))
@example("2019年2月30日")
@example("２０１９年３月")
@example("2019-00")
@example("0000-01-01")
@example("9999-12")
@example("")
def test_parse_user_date_gives_a_date_or_a_date_error(text):
    try:
        result = dates.parse_user_date(text)
    except dates.DateFormatError as exc:
        assert str(exc)  # a message for the user
    else:
        assert isinstance(result, date)


@SETTINGS
@given(written_dates())
def test_parse_user_date_reads_every_written_form(pair):
    day, text = pair
    assert dates.parse_user_date(text) == day


@SETTINGS
@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)), st.booleans())
def test_a_month_alone_is_its_last_day(day, full):
    text = f"{_digits(day.year, False, full)}年{_digits(day.month, False, full)}月"
    last = calendar.monthrange(day.year, day.month)[1]
    assert dates.parse_user_date(text) == day.replace(day=last)
    assert dates.parse_month(text) == (day.replace(day=1), day.replace(day=last))


@SETTINGS
@given(st.text(alphabet=DATE_ALPHABET, max_size=16) | st.text(max_size=16))
def test_parse_month_gives_a_month_or_a_date_error(text):
    try:
        first, last = dates.parse_month(text)
    except dates.DateFormatError:
        return
    assert first.day == 1 and (first.year, first.month) == (last.year, last.month)


@SETTINGS
@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_iso_round_trips(day):
    assert dates.parse_iso(day.isoformat()) == day


@SETTINGS
@given(st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z") | st.text(max_size=12))
def test_parse_iso_gives_a_date_or_a_date_error(text):
    try:
        assert dates.parse_iso(text).isoformat() == text
    except dates.DateFormatError:
        pass


# -- the loader -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def workdir():
    with tempfile.TemporaryDirectory(prefix="rectify-props-") as folder:
        yield Path(folder)


def load_text(workdir: Path, plan: str | bytes, journal: str | bytes | None = None):
    """Write the files and load them: a Registry or a RegistryError, never anything else."""
    (workdir / "tasks.yaml").write_bytes(plan.encode("utf-8") if isinstance(plan, str) else plan)
    jpath = workdir / "progress.yaml"
    if journal is None:
        jpath.unlink(missing_ok=True)
    else:
        jpath.write_bytes(journal.encode("utf-8") if isinstance(journal, str) else journal)
    try:
        return load_registry(workdir / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    except RegistryError as exc:
        for problem in exc.problems:
            assert_one_line(problem)
        return exc
    except Exception as exc:  # noqa: BLE001 - the point of the test
        if known_defect(exc):
            return exc
        raise


scalars = (st.none() | st.booleans() | st.integers(min_value=-10**20, max_value=10**20)
           | st.floats(allow_nan=False) | st.text(max_size=12)
           | st.sampled_from(["2018-12-31", "2018-02-30", "date", "ongoing", "immediate", "拉萨市", "1.1",
                              "fully_done", "done", "report", "extended", "registry", "tasks", "units", "id"]))
keys = st.text(max_size=8) | st.sampled_from(
    ["registry", "units", "tasks", "title", "issuer", "feedback_date", "report_date", "settings", "claims",
     "id", "problem", "deadline", "text", "milestones", "kind", "due", "reported", "state", "regions",
     "measures", "owners", "lead", "name", "aliases", "measure", "date", "note", "to", "milestone"])
structures = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
                          max_leaves=30)


@SETTINGS
@given(structures)
def test_loader_on_random_structures(workdir, value):
    load_text(workdir, yaml.safe_dump(value, allow_unicode=True))


@SETTINGS
@given(structures)
def test_loader_on_random_journals(workdir, value):
    load_text(workdir, (SMALL / "tasks.yaml").read_text(encoding="utf-8"), yaml.safe_dump(value, allow_unicode=True))


SMALL_PLAN = yaml.load((SMALL / "tasks.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # all text
SMALL_JOURNAL = yaml.load((SMALL / "progress.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))


def _replace(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replace(copy[head], rest, new)
    return copy


def _restore_types(value):
    """BaseLoader read everything as text; make ids numbers again so the original is valid."""
    if isinstance(value, dict):
        return {k: (int(v) if k in ("id", "value", "warn_days", "report_period_days") and isinstance(v, str) and v.isdigit()
                    else (v == "true") if k == "ongoing" and v in ("true", "false") else _restore_types(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_restore_types(v) for v in value]
    return value


PLAN_PATHS = list(_paths(SMALL_PLAN))
JOURNAL_PATHS = list(_paths(SMALL_JOURNAL))


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(PLAN_PATHS), structures), min_size=1, max_size=3))
def test_loader_on_the_small_plan_with_parts_replaced(workdir, edits):
    plan = _restore_types(SMALL_PLAN)
    for path, new in edits:
        try:
            plan = _replace(plan, path, new)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed that path
    load_text(workdir, yaml.safe_dump(plan, allow_unicode=True, sort_keys=False))


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(JOURNAL_PATHS), structures), min_size=1, max_size=3))
def test_loader_on_the_small_journal_with_parts_replaced(workdir, edits):
    journal = SMALL_JOURNAL
    for path, new in edits:
        try:
            journal = _replace(journal, path, new)
        except (KeyError, IndexError, TypeError):
            continue
    load_text(workdir, (SMALL / "tasks.yaml").read_text(encoding="utf-8"), yaml.safe_dump(journal, allow_unicode=True))


def test_the_unmodified_small_plan_loads(workdir):
    """The part-replacing tests start from a valid registry (else they test little)."""
    result = load_text(workdir, yaml.safe_dump(_restore_types(SMALL_PLAN), allow_unicode=True, sort_keys=False),
                       yaml.safe_dump(SMALL_JOURNAL, allow_unicode=True))
    assert not isinstance(result, Exception), result


PLAN_BYTES = (SMALL / "tasks.yaml").read_bytes()
INTERESTING_BYTES = b"[]{}:-,'\"#&*!|>%@`?\t\n\r \x00\x1b\xef\xbb\xbf\xff\xc3"


@st.composite
def mutated(draw, original: bytes, max_edits: int = 6):
    data = bytearray(original)
    for _ in range(draw(st.integers(1, max_edits))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "insert", "delete", "dup", "cut"]))
        if op == "flip":
            data[at] = draw(st.integers(0, 255) | st.sampled_from(list(INTERESTING_BYTES)))
        elif op == "insert":
            data[at:at] = draw(st.binary(max_size=4) | st.sampled_from([b": ", b"- ", b"\n  ", b"[", b"{", b"!!", b"&a", b"*a"]))
        elif op == "delete":
            del data[at: at + draw(st.integers(1, 40))]
        elif op == "dup":
            end = min(len(data), at + draw(st.integers(1, 200)))
            data[end:end] = data[at:end]
        else:
            del data[at:]
    return bytes(data)


@SETTINGS
@given(mutated(PLAN_BYTES))
def test_loader_on_byte_mutations_of_the_plan(workdir, data):
    load_text(workdir, data)


@SETTINGS
@given(mutated((SMALL / "progress.yaml").read_bytes()))
def test_loader_on_byte_mutations_of_the_journal(workdir, data):
    load_text(workdir, PLAN_BYTES, data)


@SETTINGS
@given(st.binary(max_size=200) | mutated(PLAN_BYTES[:600]))
def test_decode_and_parse_on_any_bytes(data):
    try:
        yamlio.parse(yamlio.decode(data, filename="x.yaml"), filename="x.yaml")
    except RegistryError as exc:
        for problem in exc.problems:
            assert_one_line(problem)


# -- the importer -----------------------------------------------------------------------------
try:
    from rectify_cli import importer
    from rectify_cli.errors import ReportFormatError

    IMPORT_PROBLEM = None
except ImportError as exc:  # pragma: no cover - the importer is written by another helper
    importer = None
    IMPORT_PROBLEM = f"rectify_cli.importer not importable yet: {exc}"

# The headline and the first tasks of the appendix: imports in ~0.05 s (the whole report ~0.3 s)
EXCERPT = REPORT.read_text(encoding="utf-8")[:30000].splitlines() if REPORT.exists() else []
REPORT_CHARS = "一二三四五六七八九十（）()、。，；：:0123456789０１２３ 　年月日前完成长期坚持立即启动整改进展时限牵头负责"
# Words the importer reads (numerals, claims, deadlines, units), inserted whole or as a long run
INSERTS = ["\t", "\t\t", "一", "十", "二十三", "一百零五", "两", "万", "〇", "项", "四十五项整改任务", "一百七十九项具体措施", "（", "）", "《", "》",
           "，", "；", "。", "完成率", "完成率94.5%", "完成率百分之七十", "正在推进", "剩余", "余下", "尚余", "3项", "已完成", "前完成",
           "2018年12月31日前完成", "2019年底前应完成的", "每年", "每季度", "2019年起每年底前", "各市（州）", "人民政府", "市政府", "牵头单位：",
           "整改时限：", "整改进度：", "整改进展：", "二、", "十一、", "1.", "（1）", "①", "截至2019年3月，", "应于2019年、2020年完成的", " "]


@st.composite
def mutated_report(draw):
    lines = list(EXCERPT)
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "dup", "swap", "char", "cut", "join", "insert", "tabs"]))
        if op == "delete":
            del lines[at]
        elif op == "dup":
            lines.insert(at, lines[at])
        elif op == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif op == "char" and lines[at]:
            pos = draw(st.integers(0, len(lines[at]) - 1))
            new = draw(st.sampled_from(REPORT_CHARS) | st.characters())
            lines[at] = lines[at][:pos] + new + lines[at][pos + 1:]
        elif op == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif op == "join" and at + 1 < len(lines):
            lines[at: at + 2] = [lines[at] + lines[at + 1]]
        elif op == "insert":  # (a long run: a regex tried from each of its characters would take minutes)
            pos = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:pos] + draw(st.sampled_from(INSERTS)) * draw(st.sampled_from([1, 1, 2, 3000])) + lines[at][pos:]
        elif op == "tabs":  # (a table pasted from a spreadsheet)
            lines[at] = lines[at].replace("，", "\t")
    return "\n".join(lines) + "\n"


@pytest.mark.skipif(importer is None, reason=IMPORT_PROBLEM or "")
@pytest.mark.skipif(not EXCERPT, reason="data/source/xizang-2019-rectification-report.txt is missing")
@SETTINGS
@given(mutated_report())
def test_importer_on_mutated_report_text(text):
    try:
        # (a hang guard of CPU time, not a speed target: a regex backtracking over a long run took minutes)
        with hang_guard(20):
            result = importer.import_report(text, filename="report.txt")
    except (ReportFormatError, RegistryError) as exc:
        assert str(exc) and all(problem.file for problem in exc.problems), exc.problems
        return
    assert result.tasks_yaml and result.progress_yaml is not None
    # what the importer writes is YAML the loader can read (valid or not, but never a crash)
    yamlio.parse(result.tasks_yaml, filename="tasks.yaml")
