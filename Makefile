# Zona Integritas: one command for the unit's team (`make`), one for the tests
# (`make test`). Everything is installed into .venv/ at the repository root.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
ROOT   ?= .
AS_OF  ?=
AS_OF_ARG := $(if $(AS_OF),--as-of $(AS_OF),)
CLI    := $(PY) -m build_tools

.DEFAULT_GOAL := all
.PHONY: all check report score bundle test bench clean venv site serve demo

# The main job: reports what is missing but still produces every output.
all: report score bundle site

report: $(VENV)/.installed
	@mkdir -p build
	$(CLI) check --root $(ROOT) $(AS_OF_ARG) --report-only
	@$(CLI) check --root $(ROOT) $(AS_OF_ARG) --format json --out build/kelengkapan.json --report-only
	@$(CLI) check --root $(ROOT) $(AS_OF_ARG) --format junit --out build/kelengkapan.xml --report-only

# The readiness score (always exits 0): text to the terminal, JSON, xlsx and CSV into build/.
score: $(VENV)/.installed
	@mkdir -p build
	$(CLI) score --root $(ROOT) $(AS_OF_ARG)
	@$(CLI) score --root $(ROOT) $(AS_OF_ARG) --format json --out build/penilaian.json \
		--xlsx build/penilaian.xlsx --csv build/penilaian.csv

# The published site (public audience) in site/; sources regenerated in build/site-src/.
SITE_OUT ?= site
AUDIENCE ?= publik
site: bundle
	$(CLI) site --root $(ROOT) $(AS_OF_ARG) --out $(SITE_OUT) --audience $(AUDIENCE) \
		--bundle build/bundel-$(AUDIENCE).pdf

# Live preview on http://127.0.0.1:8000, regenerated when plan.yaml, evidence/ or docs/ change.
serve: $(VENV)/.installed
	$(CLI) serve --root $(ROOT) $(AS_OF_ARG) --audience $(AUDIENCE)

# A complete sample unit (every file marked CONTOH) generated into demo/, and its site.
demo: $(VENV)/.installed
	$(PY) -m build_tools.demo --root $(ROOT) --out demo
	$(CLI) bundle --root demo $(AS_OF_ARG) --audience publik --out demo/build/bundel-publik.pdf
	$(CLI) site --root demo $(AS_OF_ARG) --out demo/site --src demo/build/site-src \
		--bundle demo/build/bundel-publik.pdf
	@echo "buka demo/site/index.html di peramban"

# The evidence bundles (public and reviewers'); skipped when inputs are unchanged.
# --allow-broken: unreadable PDFs become placeholder pages listed in the output.
bundle: $(VENV)/.installed
	@mkdir -p build
	$(CLI) bundle --root $(ROOT) $(AS_OF_ARG) --audience publik --out build/bundel-publik.pdf --allow-broken
	$(CLI) bundle --root $(ROOT) $(AS_OF_ARG) --audience penilai --out build/bundel-penilai.pdf --allow-broken

# The strict gate for a unit's CI: non-zero exit when due evidence is missing.
check: $(VENV)/.installed
	$(CLI) check --root $(ROOT) $(AS_OF_ARG)

test: $(VENV)/.installed-test
	$(PY) -m pytest

# Benchmarks print their figures; they never fail on a time.
bench: $(VENV)/.installed-test
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

venv: $(VENV)/.installed

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 atau lebih baru diperlukan")'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

clean:
	rm -rf build site .cache demo
