# Everyday targets. `make test` is what CI runs (see .ci/run and the README's first lines).
PYTHON ?= python3

.PHONY: install test status bench fuzz regenerate

install:
	$(PYTHON) -m pip install -e '.[test]'

test: install
	$(PYTHON) -m pytest

status:
	rectify status

# Re-import the bundled ledger from the report text plus curation; must equal data/*.yaml.
regenerate:
	rectify import data/source/xizang-2019-rectification-report.txt --curation data/source/curation.yaml -o data

# Fuzz the registry loader with atheris for FUZZ_SECONDS (see fuzz/README.md).
FUZZ_SECONDS ?= 60
fuzz:
	$(PYTHON) -m pip install -q atheris
	$(PYTHON) fuzz/fuzz_loader.py -max_total_time=$(FUZZ_SECONDS)

include bench/Makefile.inc
