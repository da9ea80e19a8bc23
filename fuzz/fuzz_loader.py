#!/usr/bin/env python3
"""Atheris (libFuzzer) target for the registry loader.

bytes -> yamlio.decode -> yamlio.parse -> registry validation (load_registry on a temp
file, plan and journal). A RegistryError is the expected answer to bad input; any other
exception, a hang (-timeout) or a crash of the C YAML parser is a finding.

    pip install atheris
    python fuzz/fuzz_loader.py -max_total_time=60              # time-boxed run
    python fuzz/fuzz_loader.py -runs=100000 -max_len=4096 CORPUS_DIR

The corpus directory (default: $TMPDIR/rectify-fuzz-corpus, outside the repository) is
seeded on first use from tests/fixtures and tests/bad_inputs.
Half the inputs go to the plan file and half to the journal (the first byte chooses), so
journal validation is reached with a valid plan next to it.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports():
    from rectify_cli import registry, yamlio
    from rectify_cli.errors import RegistryError

SMALL = ROOT / "tests" / "fixtures" / "small"
BAD = ROOT / "tests" / "bad_inputs"
WORK = Path(tempfile.mkdtemp(prefix="rectify-fuzz-"))
PLAN_TEXT = (SMALL / "tasks.yaml").read_bytes()
os.environ["RECTIFY_TODAY"] = "2019-03-31"  # journal dates are checked against today


def seed_corpus(folder: Path) -> None:
    """Plans and journals we know, each prefixed with the selector byte (0: plan, 1: journal)."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    sources = [SMALL / "tasks.yaml", ROOT / "tests" / "fixtures" / "planted" / "tasks.yaml"]
    sources += sorted(BAD.glob("*/tasks.yaml"))
    journals = [SMALL / "progress.yaml"] + sorted(BAD.glob("*/progress.yaml"))
    for i, path in enumerate(sources):
        (folder / f"plan-{i:03d}").write_bytes(b"\x00" + path.read_bytes())
    for i, path in enumerate(journals):
        (folder / f"journal-{i:03d}").write_bytes(b"\x01" + path.read_bytes())


# Findings already reported (see fuzz/README.md). With RECTIFY_FUZZ_SKIP_KNOWN=1 they are
# ignored so that a run can look past them while the fix is pending.
KNOWN: list[tuple[str, str]] = []  # (exception type name, text in its message); none open now
SKIP_KNOWN = os.environ.get("RECTIFY_FUZZ_SKIP_KNOWN") == "1"


def check(data: bytes) -> None:
    try:
        _check(data)
    except RegistryError:
        raise AssertionError("RegistryError escaped")  # cannot happen: _check catches it
    except Exception as exc:
        if SKIP_KNOWN and any(type(exc).__name__ == name and text in str(exc) for name, text in KNOWN):
            return
        raise


def _check(data: bytes) -> None:
    if not data:
        return
    as_journal = data[0] & 1
    body = data[1:]
    # 1. the pure functions, on the bytes as given
    try:
        text = yamlio.decode(body, filename="fuzz.yaml")
        yamlio.parse(text, filename="fuzz.yaml")
    except RegistryError:
        pass
    # 2. the whole loader, from files, as the CLI does it
    plan = WORK / "tasks.yaml"
    journal = WORK / "progress.yaml"
    if as_journal:
        plan.write_bytes(PLAN_TEXT)
        journal.write_bytes(body)
    else:
        plan.write_bytes(body)
        if journal.exists():
            journal.unlink()
    try:
        registry.load_registry(plan, use_cache=False)
    except RegistryError as exc:
        for problem in exc.problems:  # every problem must render as one located line
            str(problem)


def main() -> None:
    args = list(sys.argv)
    corpus = [a for a in args[1:] if not a.startswith("-")]
    if not corpus:
        default = Path(tempfile.gettempdir()) / "rectify-fuzz-corpus"
        seed_corpus(default)
        args.append(str(default))
    else:
        seed_corpus(Path(corpus[0]))
    if not any(a.startswith("-max_len") for a in args):
        args.append("-max_len=8192")
    if not any(a.startswith("-timeout") for a in args):
        args.append("-timeout=10")  # a 10 s single input is a hang
    try:
        atheris.Setup(args, check)
        atheris.Fuzz()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
