# medaid — two commands: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps
DEMO_CASE ?= examples/cangzhou/dibao_edge_inpatient.yaml

.PHONY: demo test lint unit bench setup clean examples

setup: $(STAMPS)/swipl $(STAMPS)/java $(STAMPS)/browser $(STAMPS)/venv

$(STAMPS)/swipl:
	@mkdir -p $(STAMPS)
	@if command -v swipl >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
	  echo "Installing SWI-Prolog (swi-prolog-nox) with apt-get…"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq swi-prolog-nox >/dev/null; \
	else \
	  echo "Error: SWI-Prolog 9 is required. Install it with: sudo apt-get install swi-prolog-nox" >&2; \
	  exit 1; \
	fi
	@swipl --version
	@touch $@

# Java 17 for Spark (`medaid audit --engine spark` and its test).
$(STAMPS)/java:
	@mkdir -p $(STAMPS)
	@if command -v java >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Java 17 (openjdk-17-jre-headless) with apt-get…"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
	else \
	  echo "Note: the Spark test is skipped without Java: sudo apt-get install openjdk-17-jre-headless" >&2; \
	fi
	@touch $@

# Headless Chromium and CJK fonts for the browser tests (the report page); playwright drives
# Debian's chromium, it never downloads a browser.
$(STAMPS)/browser:
	@mkdir -p $(STAMPS)
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
	  echo "Installing chromium and fonts-noto-cjk with apt-get…"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else \
	  echo "Note: browser tests are skipped without chromium: sudo apt-get install chromium fonts-noto-cjk" >&2; \
	fi
	@touch $@

$(STAMPS)/venv: pyproject.toml
	@mkdir -p $(STAMPS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -q --upgrade pip >/dev/null
	@$(BIN)/pip install -q -e '.[dev,spark]'
	@touch $@

demo: setup
	@$(BIN)/medaid eval $(DEMO_CASE)
	@echo
	@$(BIN)/medaid why $(DEMO_CASE) --claim c1 --program inpatient

lint: setup
	$(BIN)/ruff check reasoner cli web tests bench
	$(BIN)/ruff format --check reasoner cli web tests bench
	$(BIN)/mypy reasoner cli web

unit: setup
	# two workers, each test file on one of them (module fixtures are built once)
	$(BIN)/pytest -n 2 --dist loadfile

test: lint unit
	$(BIN)/medaid kb lint

bench: setup
	$(BIN)/python bench/run.py
	$(BIN)/python bench/eval_bench.py
	$(BIN)/python bench/check_bench.py
	$(BIN)/python bench/audit_bench.py
	$(BIN)/python bench/warnings_bench.py

clean:
	rm -rf $(VENV) $(STAMPS) build *.egg-info

examples: setup
	$(BIN)/python examples/regenerate.py
