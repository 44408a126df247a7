# Tasks for maintainers and translators. `make help` lists them. Each task sets up .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Keep Python's compiled modules (__pycache__/, git-ignored) even where the environment turns that off
# (PYTHONDONTWRITEBYTECODE): else every build and test process compiles the guide's modules again.
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help setup serve preview-ru build test test-fast browser translations translations-diff translations-check stamp downloads pdf lock clean \
        publish nginx nginx-conf

help: ## list the tasks
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-19s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP) ## create .venv with the exact locked dependencies (done by every task)

# Previews skip the search index and the one-page Guide (GUIDE_SEARCH=false GUIDE_PREVIEW=1): quick rebuilds.
PREVIEW := GUIDE_SEARCH=false GUIDE_PREVIEW=1

serve: $(STAMP) ## serve both languages at http://127.0.0.1:8000 with live reload (no search index in preview)
	$(PREVIEW) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

preview-ru: $(STAMP) ## translators: serve the Russian site only (faster rebuilds) at http://127.0.0.1:8000
	$(PREVIEW) BUILD_ONLY_LOCALE=ru $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

translations: $(STAMP) ## state of every page pair: translated, outdated, missing, orphan
	@$(BIN)/python -m tools.translations status

translations-diff: $(STAMP) ## the same, with how each outdated page's English source changed (git)
	@$(BIN)/python -m tools.translations status --diff

translations-check: $(STAMP) ## fail when any translation is missing, outdated or differs in structure
	@$(BIN)/python -m tools.translations status --check

stamp: $(STAMP) ## record that PAGE=docs/….ru.md translates the current English page
	@test -n "$(PAGE)" || { echo "usage: make stamp PAGE=docs/guide/scope.ru.md"; exit 2; }
	@$(BIN)/python -m tools.translations stamp $(PAGE)

build: $(STAMP) ## strict, reproducible build into site/; site/ is replaced only when the build succeeds
	@$(BIN)/python -m deploy.publish --quick

# Tests run on every core (pytest-xdist); a module with an expensive fixture stays on one worker (xdist_group).
PARALLEL := -n auto --dist loadgroup

test: $(STAMP) ## run the whole test suite (browser tests need: make browser; web server tests: make nginx)
	$(BIN)/python -m pytest $(PARALLEL)

test-fast: $(STAMP) ## everyday check (< 30 s): everything except browser, nginx, PDF and subprocess builds
	$(BIN)/python -m pytest $(PARALLEL) -m "not browser and not slow" -q

# chromium-headless-shell runs the tests and prints the PDFs (same Blink, ~45 % less CPU per page);
# chromium is Lighthouse's browser (make bench) and the fallback.
browser: ## install Debian's chromium and chromium-headless-shell for the browser tests (needs root or sudo)
	@command -v chromium >/dev/null && command -v chromium-headless-shell >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium && \
	  { $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium-headless-shell || \
	    echo "chromium-headless-shell is not available here: the tests and PDFs use chromium (slower)"; }; }
	@chromium --version; command -v chromium-headless-shell >/dev/null && chromium-headless-shell --version || true

bench: $(STAMP) setup ; @$(BIN)/python bench/run.py $(BENCH) ## measure build time, page weight, search index size and Lighthouse scores (bench/results.md)

downloads: $(STAMP) ## like build, plus the PDFs (guide-en.pdf, guide-ru.pdf) and the offline copy in site/downloads/
	@$(BIN)/python -m deploy.publish --quick --downloads

pdf: downloads ## same as downloads: site/downloads/guide-en.pdf and guide-ru.pdf

lock: $(STAMP) ## re-resolve pyproject.toml into requirements.lock (with hashes)
	$(BIN)/pip-compile --quiet --extra test --extra dev --generate-hashes --allow-unsafe \
	  --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean: ## remove the built site and caches (keeps .venv)
	rm -rf site .site-new .site-old .pytest_cache deploy/generated/csp.conf deploy/generated/csp.txt

# --- Publishing (README: "Publishing") ---------------------------------------------------------------
# Placeholders of deploy/nginx.conf for `make nginx-conf`.
LISTEN      ?= 80
SERVER_NAME ?= guide.example.org
SITE_ROOT   ?= $(CURDIR)/site
CSP_CONF    ?= $(CURDIR)/deploy/generated/csp.conf

publish: $(STAMP) ## build with PDFs and offline copy, check (translations, links), precompress, write the CSP, swap into site/
	@$(BIN)/python -m deploy.publish --downloads

nginx: ## install Debian's nginx for the web server tests (needs root or sudo)
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx; }
	@PATH="$$PATH:/usr/sbin" nginx -v

nginx-conf: ## print deploy/nginx.conf for SERVER_NAME=… SITE_ROOT=… [LISTEN=80 CSP_CONF=…]
	@sed -e '/^[[:space:]]*#/!{s|@LISTEN@|$(LISTEN)|g; s|@SERVER_NAME@|$(SERVER_NAME)|g;' \
	  -e 's|@SITE_ROOT@|$(SITE_ROOT)|g; s|@CSP_CONF@|$(CSP_CONF)|g;}' deploy/nginx.conf
