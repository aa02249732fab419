# FOIA Desk developer shortcuts. Everything also works without make (see README).
#   make test    ruff + the whole test suite (python3 dev.py test)
#   make bench   every benchmark in benchmarks/ (figures: docs/performance.md)
#   make bundle  build the PyInstaller one-folder app and smoke-test it (dist/foia-desk)

PYTHON ?= .venv/bin/python
BENCH_ARGS ?=

.PHONY: test bench bundle

test:
	python3 dev.py test

bench:
	QT_QPA_PLATFORM=offscreen $(PYTHON) benchmarks/run_all.py $(BENCH_ARGS)

bundle:
	$(PYTHON) tools/build_and_smoke.py
