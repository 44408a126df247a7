# Tasks for maintainers and translators. `make help` lists them. Each task sets up .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help setup serve preview-ru build test browser translations translations-diff translations-check stamp lock clean

help: ## list the tasks
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP) ## create .venv with the exact locked dependencies (done by every task)

serve: $(STAMP) ## serve both languages at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

preview-ru: $(STAMP) ## translators: serve the Russian site only (faster rebuilds) at http://127.0.0.1:8000
	BUILD_ONLY_LOCALE=ru $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

translations: $(STAMP) ## state of every page pair: translated, outdated, missing, orphan
	@PYTHONPATH=hooks $(BIN)/python -m guidekit.translation status

translations-diff: $(STAMP) ## the same, with how each outdated page's English source changed (git)
	@PYTHONPATH=hooks $(BIN)/python -m guidekit.translation status --diff

translations-check: $(STAMP) ## fail when any translation is missing, outdated or differs in structure
	@PYTHONPATH=hooks $(BIN)/python -m guidekit.translation status --check

stamp: $(STAMP) ## record that PAGE=docs/….ru.md translates the current English page
	@test -n "$(PAGE)" || { echo "usage: make stamp PAGE=docs/guide/scope.ru.md"; exit 2; }
	@PYTHONPATH=hooks $(BIN)/python -m guidekit.translation stamp $(PAGE)

build: $(STAMP) ## strict build into site/; site/ is replaced only when the build succeeds
	@rm -rf .site-new
	$(BIN)/mkdocs build --strict --quiet --site-dir .site-new || { rm -rf .site-new; exit 1; }
	@rm -rf site && mv .site-new site && echo "Built site/ (English at /, Russian at /ru/)"

test: $(STAMP) ## run the whole test suite (browser tests need: make browser)
	$(BIN)/python -m pytest

browser: ## install Debian's chromium for the browser tests (needs root or sudo)
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }
	@chromium --version

lock: $(STAMP) ## re-resolve pyproject.toml into requirements.lock (with hashes)
	$(BIN)/pip-compile --quiet --extra test --extra dev --generate-hashes --allow-unsafe \
	  --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean: ## remove the built site and caches (keeps .venv)
	rm -rf site .site-new .pytest_cache
