# Zona Integritas: one command for the unit's team (`make`), one for the tests
# (`make test`). Everything is installed into .venv/ at the repository root.
#
# The main job (make, make check, score, bundle, site, serve, clean) is the
# Makefile every unit gets from `python -m build_tools init`; this repository
# includes it, so the two cannot drift apart, and adds the developer targets.

CLEAN_EXTRA := demo .pytest_cache test-output
include build_tools/unit/scaffold/Makefile

.PHONY: test bench demo

test: $(VENV)/.installed-test
	$(PY) -m pytest

# Benchmarks print their figures; they never fail on a time.
bench: $(VENV)/.installed-test
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# A complete sample unit (every file marked CONTOH) generated into demo/, its bundle and site,
# as of a date inside the plan's period (demo/.tanggal-acuan; AS_OF=… chooses another).
demo: $(VENV)/.installed
	$(PY) -m build_tools.unit.demo --root $(ROOT) --out demo $(AS_OF_ARG)
	$(CLI) bundle --root demo --as-of "$$(cat demo/.tanggal-acuan)" --audience publik \
		--out demo/build/bundel-publik.pdf
	$(CLI) site --root demo --as-of "$$(cat demo/.tanggal-acuan)" --out demo/site --src demo/build/site-src \
		--bundle demo/build/bundel-publik.pdf
	@echo "buka demo/site/index.html di peramban"

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed
