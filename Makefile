# Two entry points for a fresh machine (see README): `make demo` and `make test`.
# Everything else is a step they use. Needs Python 3.11+; `make test` also needs Java 17 and Maven
# (the Neo4j test server is fetched from Maven Central on first use and cached in ~/.cache/kg).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO   := out/demo

.PHONY: install browser demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Headless Chromium and CJK fonts from Debian's packages: PNG output and the page tests use them.
browser:
	@command -v chromium >/dev/null && fc-list | grep -qi 'Noto Sans CJK' || \
	  { echo "installing chromium and fonts-noto-cjk (Debian packages)"; \
	    apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

demo: $(STAMP)
	rm -rf $(DEMO)
	$(BIN)/kg build examples --store $(DEMO)/store
	$(BIN)/kg build examples --store $(DEMO)/store   # again: nothing changes
	$(BIN)/kg stats --store $(DEMO)/store
	$(BIN)/kg query state-capital --store $(DEMO)/store
	$(BIN)/kg query investors 澄湖科技 --store $(DEMO)/store
	$(BIN)/kg query co-investors 红杉中国 --store $(DEMO)/store
	$(BIN)/kg query ownership 杭州城投 --store $(DEMO)/store
	$(BIN)/kg query disputes --store $(DEMO)/store
	$(BIN)/kg export --format ttl --output $(DEMO)/graph.ttl --store $(DEMO)/store
	$(BIN)/kg export --format node-link --output $(DEMO)/graph.json --store $(DEMO)/store
	$(BIN)/kg viz lineage 云岫智能 --output $(DEMO)/lineage.html --store $(DEMO)/store
	$(BIN)/kg viz lineage 云岫智能 --output $(DEMO)/lineage.svg --store $(DEMO)/store
	@if command -v chromium >/dev/null; then \
	  $(BIN)/kg viz lineage 云岫智能 --with-investors --output $(DEMO)/lineage.png --store $(DEMO)/store; \
	else echo "(no chromium: skipped $(DEMO)/lineage.png; make browser installs it)"; fi

lint: $(STAMP)
	$(BIN)/ruff check kg tests scripts
	$(BIN)/mypy

test: $(STAMP) lint browser
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
