# privacy-site: `make site` builds site/ from policies/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/lib/chromium/chromium
# The same Chromium without its desktop parts: the tests' browser (it starts faster and needs less CPU).
HEADLESS_SHELL := /usr/lib/chromium/chromium-headless-shell
VNU_VERSION := 26.9.27
VNU := .tools/node_modules/vnu-jar/build/dist/vnu.jar
export NO_MKDOCS_2_WARNING := 1
# Python keeps compiled modules (and pytest its rewritten tests) in __pycache__; on a machine that sets
# PYTHONDONTWRITEBYTECODE every process (both test workers, every build and check) compiles them again.
export PYTHONDONTWRITEBYTECODE :=

.PHONY: site serve test check lint schemas messages clean bench

$(BIN)/privacy-site: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/privacy-site pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(CHROMIUM):
	@# Browsers cannot be downloaded by Playwright here: use Debian's Chromium.
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi

$(HEADLESS_SHELL):
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium-headless-shell; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq chromium-headless-shell; fi

/usr/bin/java:
	@# The W3C Nu HTML Checker runs on Java.
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq default-jre-headless; fi

/usr/bin/npm:
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq npm; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq npm; fi

$(VNU): /usr/bin/java /usr/bin/npm
	npm install --prefix .tools --no-audit --no-fund --silent vnu-jar@$(VNU_VERSION)

site: $(BIN)/privacy-site
	$(BIN)/privacy-site build

serve: $(BIN)/privacy-site
	PRIVACY_SITE_PREVIEW=1 $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000 --livereload

check: $(BIN)/privacy-site
	$(BIN)/privacy-site check

test: $(VENV)/.test-deps $(CHROMIUM) $(HEADLESS_SHELL) $(VNU)
	$(BIN)/ruff check src hooks tests
	$(BIN)/python -m compileall -q src hooks
	$(BIN)/pytest

# Performance benchmark (about 15 minutes; not part of `make test`): BENCH_ARGS=--quick for a try-out.
bench: $(BIN)/privacy-site
	$(BIN)/python bench/run.py $(BENCH_ARGS)

schemas: $(BIN)/privacy-site
	$(BIN)/python -m privacy_site.tools.schema schemas

messages: $(BIN)/privacy-site
	$(BIN)/pybabel extract -F babel.cfg -k _ -k gettext -k N_ --no-location --omit-header --sort-output -o messages.pot .
	$(BIN)/pybabel update -i messages.pot -d src/privacy_site/i18n/locale -D messages --width 100 --no-fuzzy-matching --ignore-obsolete
	rm messages.pot
	@# What the checks tell editors (marked with msg(...)): its own catalog, Dutch and French.
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k msg --no-location --omit-header --sort-output -o editor.pot .
	$(BIN)/pybabel update -i editor.pot -d src/privacy_site/i18n/locale -D editor --width 100 --no-fuzzy-matching --ignore-obsolete
	rm editor.pot

clean:
	rm -rf site .pytest_cache
