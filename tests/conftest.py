"""Shared fixtures: one strict bilingual build per session, parsed with BeautifulSoup."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from deploy import chromium, devserver

PROJECT = Path(__file__).resolve().parents[1]


@cache
def project_data():
    """The project's data, loaded and validated once per test session (not once per test module)."""
    from guidekit.loader import load_guide_data

    return load_guide_data(PROJECT / "data", PROJECT)


def data_error(tmp_path: Path, file: str, old: str, new: str, today=None) -> str:
    """The loader's message for a copy of data/ with ``old`` replaced by ``new`` in ``file``
    (e.g. "countries.yml"); fails the test if the broken copy is accepted. The copy has the project's
    records of which files passed their schema (keyed on each file's bytes): only the edited file is
    validated again, as in a maintainer's build."""
    import pytest as _pytest
    from guidekit.errors import GuideErrors
    from guidekit.loader import load_guide_data

    project_data()   # the project's own records exist
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    copy_remembered(PROJECT, tmp_path, (VALIDATED,))
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture out of date: {old!r} not in data/{file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with _pytest.raises(GuideErrors) as caught:
        load_guide_data(data, tmp_path, today=today)
    return str(caught.value)


@cache
def project_pages():
    """The project's pages, read once per test session."""
    from guidekit.pages import read_pages

    pages, errors = read_pages(PROJECT / "docs", PROJECT)
    assert errors == [], errors
    return pages
LANGUAGES = ("en", "ru")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(config_file: Path, site_dir: Path) -> None:
    """Strict in-process build, as `mkdocs build --strict` does it (startup/shutdown included)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    _soups: dict = field(default_factory=dict, compare=False, repr=False)

    def path(self, lang: str, page: str = "") -> Path:
        """File of a page given by its URL path ('' for home, 'countries/' …)."""
        prefix = "" if lang == "en" else f"{lang}/"
        target = self.root / f"{prefix}{page}"
        return target / "index.html" if page == "" or page.endswith("/") else target

    def soup(self, lang: str, page: str = "") -> BeautifulSoup:
        """The parsed page, parsed once per session (tests must not modify it: copy before editing)."""
        key = (lang, page)
        if key not in self._soups:
            self._soups[key] = BeautifulSoup(self.path(lang, page).read_text(encoding="utf-8"), "html.parser")
        return self._soups[key]

    def pages(self, lang: str) -> list[str]:
        """URL paths of all content pages of one language (404 excluded)."""
        base = self.root if lang == "en" else self.root / lang
        found = []
        for html in sorted(base.rglob("index.html")):
            rel = html.parent.relative_to(base).as_posix()
            if lang == "en" and (rel == "ru" or rel.startswith("ru/")):
                continue
            found.append("" if rel == "." else f"{rel}/")
        return found

    def search_index(self, lang: str) -> dict:
        """The per-language index (search/<lang>.js registers a JSON object)."""
        script = (self.root / "search" / f"{lang}.js").read_text(encoding="utf-8")
        payload = script.split(f'window.__caSearchIndex["{lang}"]=', 1)[1].rstrip().rstrip(";")
        return json.loads(payload.replace("<\\/", "</"))


# --- the session's build: one per run, started by the xdist controller before its workers exist ----

PREBUILT = "guide_prebuilt_site"   # key of the build's folder in each worker's workerinput
_SITE_BUILD = pytest.StashKey["SiteBuild"]()


class SiteBuild:
    """`mkdocs build --strict` of the project in a background process, started as the run begins.
    Under pytest-xdist, the controller (which runs no test) starts it; the workers collect and run
    what needs no site meanwhile, and share the one build instead of each building the same site
    (on a clean clone, twice the cold build's CPU on a 2-core machine). It starts whatever tests are
    selected: the controller does not collect them, so it cannot tell whether one needs the site."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process = subprocess.Popen(
            [sys.executable, "-c", _BUILD_SCRIPT, str(PROJECT), str(folder)],
            cwd=PROJECT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @staticmethod
    def wait(folder: Path, timeout_s: float = 600) -> Path:
        """The built site, once the build has ended; a failed build fails the test with its output."""
        import time

        deadline = time.monotonic() + timeout_s
        while not (folder / "returncode").is_file():
            if time.monotonic() > deadline:
                pytest.fail(f"the session's build in {folder} did not end within {timeout_s:.0f} s")
            time.sleep(0.05)
        if (folder / "returncode").read_text(encoding="utf-8").strip() != "0":
            pytest.fail("mkdocs build --strict of the project failed:\n" + (folder / "output").read_text(encoding="utf-8"))
        return folder / "site"

    def close(self) -> None:
        self.process.kill()   # ended long ago unless the run was interrupted
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


# The build's output is written whole, then its return code: a worker that sees the code sees the site.
_BUILD_SCRIPT = """
import os, subprocess, sys, traceback
project, folder = sys.argv[1], sys.argv[2]
code, output = 1, ""
try:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", os.path.join(folder, "site")],
                          cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    code, output = done.returncode, done.stdout
except Exception:
    output = traceback.format_exc()
finally:
    with open(os.path.join(folder, "output"), "w", encoding="utf-8") as out:
        out.write(output)
    with open(os.path.join(folder, "returncode.tmp"), "w", encoding="utf-8") as out:
        out.write(str(code))
    os.replace(os.path.join(folder, "returncode.tmp"), os.path.join(folder, "returncode"))
"""


@pytest.hookimpl(trylast=True)   # after pytest-xdist has decided whether this run is distributed
def pytest_configure(config: pytest.Config) -> None:
    distributed = config.pluginmanager.has_plugin("dsession")   # registered by xdist's controller only
    if distributed and not config.option.collectonly:
        import tempfile

        config.stash[_SITE_BUILD] = SiteBuild(Path(tempfile.mkdtemp(prefix="guide-site-")))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need no built site first (the order is otherwise kept): they run while the
    session's build is still going, instead of the workers waiting for it."""
    items.sort(key=lambda item: "site" in getattr(item, "fixturenames", ()))


@pytest.hookimpl(optionalhook=True)   # a pytest-xdist hook, run in the controller for each worker
def pytest_configure_node(node) -> None:
    build = node.config.stash.get(_SITE_BUILD, None)
    if build is not None:
        node.workerinput[PREBUILT] = str(build.folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    build = config.stash.get(_SITE_BUILD, None)
    if build is not None:
        build.close()


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The project built strictly once per run: the controller's build under pytest-xdist
    (SiteBuild), else built here, in this process."""
    prebuilt = getattr(request.config, "workerinput", {}).get(PREBUILT)
    if prebuilt:
        return BuiltSite(SiteBuild.wait(Path(prebuilt)))
    out = tmp_path_factory.mktemp("site")
    build_site(PROJECT / "mkdocs.yml", out)
    return BuiltSite(out)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory, remembered: None) -> Path:
    """The offline copy's build (file URLs: USE_DIRECTORY_URLS=false), once per session; after the
    session's build, whose remembered entries it shares."""
    out = tmp_path_factory.mktemp("offline")
    os.environ["USE_DIRECTORY_URLS"] = "false"
    try:
        build_site(PROJECT / "mkdocs.yml", out)
    finally:
        del os.environ["USE_DIRECTORY_URLS"]
    return out


def copy_project(dest: Path, build: bool = True) -> Path:
    """A throw-away copy of the project (docs, data, hooks, overrides, mkdocs.yml) to break on purpose,
    with what the project's own builds remembered (see copy_remembered). ``build=False``: only what
    guidekit.site.prepare_guide reads (docs, data, overrides and the checks' records), for tests
    that run the checks without building."""
    for name in ("docs", "data", "hooks", "overrides") if build else ("docs", "data", "overrides"):
        shutil.copytree(PROJECT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    if build:
        shutil.copy2(PROJECT / "mkdocs.yml", dest / "mkdocs.yml")
    copy_remembered(PROJECT, dest, REMEMBERED if build else CHECK_RECORDS)
    return dest


@pytest.fixture(scope="session")
def remembered(site: BuiltSite) -> None:
    """The session's build has ended, so .cache/ holds what it remembered: a test that copies the
    project (copy_project) waits for it rather than starting its checks from nothing (on a clean
    clone the build is still running while the first tests run)."""


# Under .cache/, what is keyed on its own input, so a copy can never read a wrong entry: the records
# that one exact data file passed its schema (named by its digest) and of each page pair's translation
# checks (keyed by the pair's digest); derived results (guidekit.memo, keyed on content and code
# digests) and compiled templates (Jinja checks each one's source checksum).
VALIDATED = ("guide", "valid-*")
CHECK_RECORDS = (VALIDATED, ("guide", "translation-pairs.json"))
REMEMBERED = (*CHECK_RECORDS, ("derived", "*.json"), ("jinja", "*/*.cache"))


def copy_remembered(project: Path, dest: Path, remembered: tuple[tuple[str, str], ...] = REMEMBERED) -> None:
    """Give a project copy what the project's builds derived, as a maintainer's second build has it;
    the clean-clone path stays tested (the session's first build, tests/test_memo.py). Another
    worker may be replacing a file meanwhile: one that vanishes is simply not copied."""
    for folder, pattern in remembered:
        for source in (project / ".cache" / folder).glob(pattern):
            target = dest / ".cache" / folder / source.relative_to(project / ".cache" / folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copy2(source, target)
            except FileNotFoundError:
                pass


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    output: str
    site_dir: Path


def run_mkdocs_build(project: Path) -> BuildResult:
    """`mkdocs build --strict` in a subprocess, as a maintainer runs it."""
    site_dir = project / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, encoding="utf-8", timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site_dir)


def run_publish(project: Path, *args: str, translations: bool = False) -> subprocess.CompletedProcess[str]:
    """`python -m deploy.publish` on a copy of the project, as `make publish` runs it. Without the
    translations check unless asked: a translation out of date fails test_translation.py with its
    one-line cause, not every publish and nginx test."""
    if not translations:
        args = (*args, "--no-translations-check")
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [sys.executable, "-m", "deploy.publish", "--project", str(project),
         "--csp-conf", str(project / "generated" / "csp.conf"), *args],
        cwd=project, capture_output=True, text=True, encoding="utf-8", timeout=600,
        env={**env, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "PYTHONPATH": str(PROJECT)},
    )


@dataclass(frozen=True)
class Published:
    project: Path   # its site/ and generated/csp.conf are what `make publish` writes
    output: str     # what the publish printed


@pytest.fixture(scope="session")
def published_project(tmp_path_factory: pytest.TempPathFactory, remembered: None) -> Published:
    """A copy of the project, published once per worker; test_publish.py and test_nginx.py share it
    (both in xdist_group "publish", so one worker publishes once for both). After the session's build,
    so the copy starts with what that build remembered (copy_remembered)."""
    project = copy_project(tmp_path_factory.mktemp("publish") / "project")
    result = run_publish(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return Published(project, result.stdout)


# --- browser fixtures (Playwright driving Debian's chromium; never a downloaded browser) ---------

CHROMIUM = chromium.executable()
CHROMIUM_ARGS = list(chromium.FLAGS)


@pytest.fixture(scope="session")
def served_site(site: BuiltSite):
    """The built site over HTTP on 127.0.0.1 (a free port), for the browser tests: the project's
    static server (deploy/devserver.py), with the 404 page of the reader's language."""
    with devserver.running(site.root) as server:
        yield server.base_url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip(chromium.INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def settle(page, quiet_ms: int = 150, timeout_ms: int = 15_000) -> None:
    """Wait for the load event, then until the page has started or finished no request for quiet_ms.
    Playwright's "networkidle" waits a fixed 500 ms, most of a page test's time on a local server."""
    page.wait_for_load_state("load", timeout=timeout_ms)
    events: list[object] = []

    def note(event: object) -> None:   # a function, not a bound builtin: Playwright tags its handlers
        events.append(event)

    kinds = ("request", "requestfinished", "requestfailed")
    for kind in kinds:
        page.on(kind, note)
    try:
        seen, quiet, waited = -1, 0, 0
        while quiet < quiet_ms:
            if waited > timeout_ms:
                raise TimeoutError(f"{page.url}: requests still coming after {timeout_ms} ms")
            page.wait_for_timeout(50)
            waited += 50
            quiet = quiet + 50 if len(events) == seen else 0
            seen = len(events)
    finally:
        for kind in kinds:
            page.remove_listener(kind, note)


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Found on our own markup once (issue 14) and kept out at any impact, not only serious/critical.
AXE_ALWAYS = {"landmark-unique", "empty-table-header", "label", "aria-allowed-attr", "aria-allowed-role"}


# axe's two rules that compute colours: over 60 % of a run, and what they check is the same in both
# languages. Every colour comes from the stylesheets (the CSP allows no inline style), by element and
# class; so when each class and element of an English page is on the Russian page of its type
# (tests/test_reader.py: test_english_pages_use_only_what_the_russian_ones_show), the Russian run
# has checked them. Browser tests that run axe on both languages turn them off in English.
COLOUR_RULES = {"color-contrast": {"enabled": False}, "link-in-text-block": {"enabled": False}}
# The project's own pages, checked in a browser by tests/test_project_browser.py.
PROJECT_PAGES = ["guide/about/", "guide/resources/", "cases/russian-federation/", "cases/belarus/"]
# Emphasis takes its colour from its paragraph: no stylesheet of the site gives em, strong, b or i one.
INHERITING = {"em", "strong", "b", "i"}


def axe_problems(page, context: dict | None = None, rules: dict | None = None) -> list[str]:
    """One axe-core run over the page (WCAG 2.1 A/AA and best practice): every serious or critical
    violation, and any violation of AXE_ALWAYS. rules: axe's per-rule options (e.g. one turned off)."""
    from axe_playwright_python.sync_playwright import Axe

    # resultTypes: details of violations only (passes are not gathered), half the time of a full run.
    options = {"runOnly": AXE_TAGS, "resultTypes": ["violations"], **({"rules": rules} if rules else {})}
    results = Axe().run(page, context=context, options=options)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical") or v["id"] in AXE_ALWAYS]


@contextmanager
def watching(page) -> Iterator[list[str]]:
    """What the page logs, throws or fetches from another host while the block runs; the listeners
    go with the block (the tab is shared by the tests that only read pages)."""
    problems: list[str] = []

    def console(message) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"console {message.type}: {message.text}")

    def request(sent) -> None:
        if urlparse(sent.url).hostname not in ("127.0.0.1", None) and not sent.url.startswith(("data:", "blob:")):
            problems.append(f"external request: {sent.url}")

    handlers = {"console": console, "pageerror": lambda error: problems.append(f"page error: {error}"),
                "request": request}
    for event, handler in handlers.items():
        page.on(event, handler)
    try:
        yield problems
    finally:
        for event, handler in handlers.items():
            page.remove_listener(event, handler)


@pytest.fixture(scope="session")
def reading_tab(browser):
    """One tab for the tests that only open and read pages (no storage written, no route, no resize).
    A new context per page costs about 0.2 s more CPU per load here: a new renderer process, and
    every asset fetched again. Such a test removes the listeners it adds."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()
