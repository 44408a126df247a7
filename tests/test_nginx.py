"""The production web server configuration (deploy/nginx.conf), run with Debian's nginx on 127.0.0.1.

A copy of the project is published as `make publish` does (conftest.published_project, the same
publish test_publish.py checks), then nginx serves it with
deploy/nginx.conf — placeholders filled in, nothing else changed — inside a test-local main
configuration (foreground, logs, pid and temporary files in the test's directory, an unprivileged
port on 127.0.0.1). The tests read the raw responses (no redirect following, no decompression) and
load pages in Debian's chromium with the Content-Security-Policy in force.

Every page type of both languages is loaded with the real Content-Security-Policy and must report no
violation; a page of the published site with an injected `<script>` must not run it.

Skipped, with the reason, only when nginx is not installed (`make nginx`; CI installs it).
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PROJECT, settle
from deploy import csp
from deploy.htmlscan import parse_page

# One worker runs this module and test_publish.py under `make test` (-n auto --dist loadgroup): one
# publish for both (conftest.published_project), one nginx.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("publish")]

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
TEMPLATE = PROJECT / "deploy" / "nginx.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")
PLACEHOLDER = re.compile(r"@[A-Z_]+@")

# --- the server -----------------------------------------------------------------------------------


def render(template: str, values: dict[str, str]) -> str:
    """deploy/nginx.conf with its placeholders filled in, as `make nginx-conf` does (comments kept)."""
    lines = []
    for line in template.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            for name, value in values.items():
                line = line.replace(f"@{name}@", value)
            assert not PLACEHOLDER.search(line), f"unfilled placeholder in: {line}"
        lines.append(line)
    return "".join(lines)


def main_config(state: Path, site_conf: Path) -> str:
    mime = f"include {MIME_TYPES};" if MIME_TYPES.is_file() else "types { text/html html; }"
    # As root, workers would switch to `nobody`, who cannot read pytest's private temporary directory.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""# Test-local main configuration: everything in {state}, nginx in the foreground.
{user}daemon off;
worker_processes 1;
pid {state}/nginx.pid;
error_log {state}/error.log info;
events {{ worker_connections 64; }}
http {{
    {mime}
    default_type application/octet-stream;
    access_log {state}/access.log;
    client_body_temp_path {state}/client_body;
    proxy_temp_path {state}/proxy;
    fastcgi_temp_path {state}/fastcgi;
    uwsgi_temp_path {state}/uwsgi;
    scgi_temp_path {state}/scgi;
    include {site_conf};
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Server:
    port: int
    site: Path
    policy: str

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


@dataclass(frozen=True)
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        values = [value for key, value in self.headers if key.lower() == name.lower()]
        return ", ".join(values) if values else None


def fetch(server: Server, path: str, headers: dict[str, str] | None = None) -> Response:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity", **(headers or {})})
        reply = connection.getresponse()
        return Response(reply.status, reply.getheaders(), reply.read())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def published(request: pytest.FixtureRequest) -> tuple[Path, Path]:
    """The project as `make publish` writes it (conftest.published_project, shared with
    test_publish.py): (site directory, CSP include)."""
    if not NGINX:
        pytest.skip("Debian's nginx is not installed here (run `make nginx`; CI installs it)")
    project = request.getfixturevalue("published_project").project
    return project / "site", project / "generated" / "csp.conf"


@pytest.fixture(scope="module")
def server(published: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory):
    site, csp_conf = published
    policy = re.search(r'Content-Security-Policy "([^"]+)"', csp_conf.read_text(encoding="utf-8")).group(1)
    state = tmp_path_factory.mktemp("nginx-state")
    for attempt in range(3):   # the free port may be taken between the probe and nginx's bind
        port = free_port()
        site_conf = state / "site.conf"
        site_conf.write_text(render(TEMPLATE.read_text(encoding="utf-8"), {
            "LISTEN": f"127.0.0.1:{port}", "SERVER_NAME": "localhost",
            "SITE_ROOT": str(site), "CSP_CONF": str(csp_conf),
        }), encoding="utf-8")
        config = state / "nginx.conf"
        config.write_text(main_config(state, site_conf), encoding="utf-8")
        check = subprocess.run([NGINX, "-t", "-q", "-p", str(state), "-e", str(state / "error.log"), "-c", str(config)],
                               capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, f"nginx -t rejected the configuration:\n{check.stderr}"
        process = subprocess.Popen([NGINX, "-p", str(state), "-e", str(state / "error.log"), "-c", str(config)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and process.poll() is None:
            with socket.socket() as probe:
                probe.settimeout(0.5)
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        if process.poll() is None:
            break
        error = process.stderr.read()
        if "Address already in use" not in error or attempt == 2:
            pytest.fail(f"nginx did not start:\n{error}")
    try:
        yield Server(port, site, policy)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        process.stderr.close()


def asset(server: Server, kind: str) -> str:
    """Path of Material's fingerprinted bundle ('js') or main stylesheet ('css'), as the home page loads it."""
    home = (server.site / "index.html").read_text(encoding="utf-8")
    pattern = r'(assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)' if kind == "js" else \
        r'(assets/stylesheets/main\.[0-9a-f]{8}\.min\.css)'
    return "/" + re.search(pattern, home).group(1)


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}


def assert_security_headers(response: Response, server: Server) -> None:
    assert response.header("Content-Security-Policy") == server.policy
    for name, value in SECURITY_HEADERS.items():
        assert response.header(name) == value, name
    permissions = response.header("Permissions-Policy")
    assert permissions and "camera=()" in permissions and "geolocation=()" in permissions
    assert response.header("Server") == "nginx", "server_tokens off: no version"
    assert response.header("Strict-Transport-Security") is None, "HSTS only over HTTPS"


# --- headers --------------------------------------------------------------------------------------

def test_html_page_headers(server: Server) -> None:
    response = fetch(server, "/guide/notification/")
    assert response.status == 200
    assert response.header("Content-Type") == "text/html; charset=utf-8"
    assert response.header("Cache-Control") == "no-cache"
    assert response.header("ETag") and response.header("Last-Modified")
    assert response.header("Set-Cookie") is None
    assert_security_headers(response, server)
    assert response.body == (server.site / "guide" / "notification" / "index.html").read_bytes()
    policy = response.header("Content-Security-Policy")
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy and "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("kind", ["js", "css"])
def test_fingerprinted_asset_is_cached_for_a_year(server: Server, kind: str) -> None:
    path = asset(server, kind)
    response = fetch(server, path)
    assert response.status == 200
    assert response.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.header("Content-Type") == {"js": "application/javascript; charset=utf-8",
                                               "css": "text/css; charset=utf-8"}[kind]
    assert_security_headers(response, server)
    assert response.body == (server.site / path.lstrip("/")).read_bytes()


@pytest.mark.parametrize("path", ["/assets/guide.css", "/assets/notification-form.js", "/sitemap.xml", "/ru/"])
def test_files_without_fingerprint_are_revalidated(server: Server, path: str) -> None:
    response = fetch(server, path)
    assert response.status == 200
    assert response.header("Cache-Control") == "no-cache"


# --- compression ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/guide/notification/", "js", "css", "/sitemap.xml"])
def test_precompressed_file_is_served_to_clients_that_accept_gzip(server: Server, path: str) -> None:
    path = asset(server, path) if path in ("js", "css") else path
    file = server.site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    response = fetch(server, path, {"Accept-Encoding": "gzip, deflate, br"})
    assert response.status == 200
    assert response.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in response.header("Vary")
    assert response.body == file.with_name(file.name + ".gz").read_bytes(), "not the precompressed file"
    assert gzip.decompress(response.body) == file.read_bytes()

    plain = fetch(server, path)
    assert plain.header("Content-Encoding") is None
    assert plain.body == file.read_bytes()


def test_text_without_a_precompressed_file_is_compressed_on_the_fly(server: Server) -> None:
    page = server.site / "guide" / "scope" / "index.html"
    packed = page.with_name("index.html.gz")
    saved = packed.read_bytes()
    packed.unlink()
    try:
        response = fetch(server, "/guide/scope/", {"Accept-Encoding": "gzip"})
    finally:
        packed.write_bytes(saved)
    assert response.header("Content-Encoding") == "gzip"
    assert gzip.decompress(response.body) == page.read_bytes()


# --- 404 ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "page", "lang"), [
    ("/no-such-page/", "404.html", "en"),
    ("/guide/no-such-chapter/", "404.html", "en"),
    ("/assets/", "404.html", "en"),                      # a directory without index.html: 404, not 403
    ("/ru/no-such-page/", "ru/404.html", "ru"),
    ("/ru/guide/no-such-chapter/", "ru/404.html", "ru"),
])
def test_missing_page_gets_the_404_page_of_its_language(server: Server, path: str, page: str, lang: str) -> None:
    response = fetch(server, path)
    assert response.status == 404
    expected = server.site / page
    if not expected.is_file():
        pytest.fail(f"the build wrote no {page} (one 404 page per language is expected)")
    assert response.body == expected.read_bytes()
    assert f'<html lang="{lang}"' in response.body.decode("utf-8")
    assert response.header("Cache-Control") == "no-cache"
    assert_security_headers(response, server)


def test_directory_without_slash_redirects_relatively(server: Server) -> None:
    response = fetch(server, "/ru")
    assert response.status == 301
    assert response.header("Location") == "/ru/"


# --- language of the first visit ------------------------------------------------------------------

RU_FIRST = "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"


@pytest.mark.parametrize(("accept_language", "redirected"), [
    (RU_FIRST, True),
    ("ru", True),
    ("kk-KZ,ru;q=0.9,en;q=0.8", True),          # Kazakh first, then Russian before English
    ("en-US,en;q=0.9,ru;q=0.8", False),
    ("de-DE,de;q=0.9,en;q=0.8,ru;q=0.7", False),
    ("ru;q=0,en", False),                       # Russian refused
    ("fr", False),
    (None, False),
])
def test_first_visit_to_home_follows_the_browser_language(server: Server, accept_language, redirected) -> None:
    response = fetch(server, "/", {"Accept-Language": accept_language} if accept_language else {})
    assert response.header("Vary") and "Accept-Language, Cookie" in response.header("Vary")
    assert response.header("Cache-Control") == "private, no-cache"
    assert_security_headers(response, server)
    if redirected:
        assert response.status == 302
        assert response.header("Location") == "/ru/"
        assert response.header("Set-Cookie") == "guide_lang=ru; Path=/; Max-Age=31536000; SameSite=Lax"
    else:
        assert response.status == 200
        assert response.body == (server.site / "index.html").read_bytes()
        assert response.header("Set-Cookie") == "guide_lang=en; Path=/; Max-Age=31536000; SameSite=Lax"


@pytest.mark.parametrize("headers", [
    {"Cookie": "guide_lang=ru"},                                    # not the first visit
    {"Cookie": "guide_lang=en"},
    {"Cookie": "other=1; guide_lang=ru"},
    {"Referer": "http://localhost/ru/countries/kazakhstan/"},       # the language switcher / a link of the site
    {"Referer": "http://localhost:8080/ru/"},
], ids=["cookie-ru", "cookie-en", "cookie-among-others", "from-site-page", "from-site-port"])
def test_readers_choice_wins_over_the_browser_language(server: Server, headers: dict[str, str]) -> None:
    headers = {"Accept-Language": RU_FIRST, "Host": "localhost", **headers}
    response = fetch(server, "/", headers)
    assert response.status == 200
    assert response.body == (server.site / "index.html").read_bytes()
    if "Cookie" in headers:
        assert response.header("Set-Cookie") is None


@pytest.mark.parametrize("referer", ["https://search.example/?q=guide", "http://localhost.example/ru/",
                                     "http://evil.example/?http://localhost/"])
def test_links_from_other_sites_count_as_a_first_visit(server: Server, referer: str) -> None:
    response = fetch(server, "/", {"Accept-Language": RU_FIRST, "Host": "localhost", "Referer": referer})
    assert response.status == 302


def test_redirect_never_loops(server: Server) -> None:
    """A client that follows redirects and keeps cookies: one hop to /ru/, then English stays English."""
    cookies: dict[str, str] = {}
    path, hops = "/", []
    for _ in range(5):
        headers = {"Accept-Language": RU_FIRST}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        response = fetch(server, path, headers)
        if response.header("Set-Cookie"):
            name, value = response.header("Set-Cookie").split(";")[0].split("=", 1)
            cookies[name] = value
        if response.status not in (301, 302, 303, 307, 308):
            break
        hops.append(response.header("Location"))
        path = response.header("Location")
    assert hops == ["/ru/"] and path == "/ru/" and response.status == 200
    # No page but "/" redirects, whatever the headers.
    for other in ("/ru/", "/guide/", "/ru/guide/", "/index.html", "/?utm=x"):
        assert fetch(server, other, {"Accept-Language": RU_FIRST, "Cookie": "guide_lang=ru"}).status == 200
    # The reader now opens "/" (the switcher's English link, or typing the address): no redirect.
    assert fetch(server, "/", {"Accept-Language": RU_FIRST, "Cookie": "guide_lang=ru"}).status == 200


# --- in a real browser, with the CSP in force -----------------------------------------------------

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
    + `at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
}, true);
"""


class PageWatch:
    """Everything a page reports that would mean the server configuration broke it."""

    def __init__(self, page) -> None:
        self.page = page
        self.console: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        page.add_init_script(WATCH_CSP)
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("response", lambda response: self.failed.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)

    def open(self, url: str):
        response = self.page.goto(url, wait_until="load", timeout=15_000)
        settle(self.page)
        return response

    def violations(self) -> list[str]:
        reported = self.page.evaluate("window.__cspViolations")
        logged = [line for line in self.console if re.search(r"Content.Security.Policy|Permissions.Policy", line)]
        return reported + logged

    def assert_clean(self) -> None:
        assert not self.violations(), "CSP violations:\n" + "\n".join(self.violations())
        assert not self.errors, "script errors:\n" + "\n".join(self.errors)
        assert not self.failed, "failed requests:\n" + "\n".join(self.failed)


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    try:
        yield PageWatch(context.new_page())
    finally:
        context.close()


# Every page type, with what shows that it works. Each is loaded once, the two languages taking turns:
# the pages of a type share their template and scripts, and the publish step's CSP check
# (deploy/csp.py, test_publish.py) reads every page of both languages for inline code.
PAGE_TYPES = {
    "home": ("", "document.querySelector('.md-content h1') !== null"),
    "chapter": ("guide/notification/", "document.querySelectorAll('.md-content h2').length > 2"),
    "country-profile": ("countries/kazakhstan/", "document.querySelector('.md-content table td') !== null"),
    # Inline SVG map.
    "countries-map": ("countries/", "document.querySelector('figure.ca-map svg')?.getBoundingClientRect().width > 100"),
    "cases-index": ("cases/", "document.querySelectorAll('.md-content a[href*=\"/\"]').length > 5"),
    "case": ("cases/kazakhstan-tailings-safety/", "document.querySelector('.md-content h1') !== null"),
    # The form is built by assets/notification-form.js from an embedded JSON block.
    "notification-form": ("notification/",
                          "document.querySelector('.ca-form__toolbar button[data-action=print]')?.offsetParent !== null"),
    # assets/self-assessment.js redraws the chart on load (x="0.00" where the template wrote "0.0").
    "self-assessment": ("self-assessment/", "document.querySelector('.ca-sa-bar')?.getAttribute('x') === '0.00'"),
    "glossary": ("glossary/", "document.querySelectorAll('.md-content h2, .md-content dt').length > 3"),
    "print": ("guide/print/", "document.querySelectorAll('.md-content h2').length > 10"),
}
PAGES = {f"{lang}-{name}": (("" if lang == "en" else "ru/") + path, works)
         for (name, (path, works)), lang in zip(PAGE_TYPES.items(), ("en", "ru") * len(PAGE_TYPES))}
# Material's scripts ran: the functions of assets/theme-init.js (its inline scripts, as a file), scoped
# to the site root; the page is scripted.
THEME_RAN = ("typeof __md_get === 'function' && document.documentElement.classList.contains('js') "
             "&& __md_scope.href === new URL('/', location).href")
# Material's bundle, fetched by assets/theme-init.js on the first interaction, started: its document$,
# and what it does on the page (the sidebars' scroll fix markers removed).
BUNDLE_RAN = "typeof document$ === 'object' && document.querySelector('[data-md-scrollfix]') === null"


def wait_until(page, expression: str, timeout: float) -> None:
    """Poll a page expression from the test. Playwright's wait_for_function compiles its predicate
    with eval inside the page, which the CSP (rightly) forbids; page.evaluate is not subject to it."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(100)


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_page_works_under_the_csp(server: Server, watched: PageWatch, name: str) -> None:
    path, works = PAGES[name]
    response = watched.open(server.base + path)
    assert response.status == 200
    assert response.headers["content-security-policy"] == server.policy == csp.POLICY
    # Material's scripts (from files now) ran; the page's own feature works; the first interaction
    # brings Material's bundle, which starts under the CSP too.
    assert watched.page.evaluate(THEME_RAN)
    wait_until(watched.page, works, timeout=10.0)
    watched.page.mouse.wheel(0, 200)
    wait_until(watched.page, BUNDLE_RAN, timeout=10.0)
    watched.assert_clean()


@pytest.mark.browser
def test_csp_is_enforced_and_violations_are_seen(server: Server, watched: PageWatch) -> None:
    """Control: the listener above does see a violation, so "none reported" means something."""
    watched.open(server.base)
    watched.page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = true";
        document.head.appendChild(script);
    }""")
    wait_until(watched.page, "window.__cspViolations.length > 0", timeout=5.0)
    assert watched.page.evaluate("window.__injected") is None
    assert any(line.startswith("script-src") for line in watched.violations())


@pytest.mark.browser
@pytest.mark.parametrize(("path", "query"), [("guide/scope/", "notification"), ("ru/guide/scope/", "уведомление")])
def test_search_works_under_the_csp(server: Server, watched: PageWatch, path: str, query: str) -> None:
    watched.open(server.base + path)
    box = watched.page.locator(".ca-search .md-search__input, input.md-search__input").first
    box.click()
    box.fill(query)
    # wait_for_selector, not wait_for_function: a function string would need 'unsafe-eval' under the CSP.
    watched.page.wait_for_selector("#ca-search-results li a", timeout=10_000)
    settle(watched.page)
    watched.assert_clean()


@pytest.mark.browser
def test_russian_reader_is_redirected_once_and_can_switch_to_english(server: Server, browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    context.set_default_timeout(15_000)
    try:
        watch = PageWatch(context.new_page())
        watch.open(server.base)
        assert watch.page.url == server.base + "ru/"
        assert watch.page.locator("html").get_attribute("lang") == "ru"
        # The reader picks English in the language switcher: the English home page, and it stays.
        watch.page.locator(".md-header__option .md-select").first.hover()
        watch.page.locator("a.md-select__link[hreflang=en]").first.click()
        watch.page.wait_for_url(server.base, timeout=10_000)
        settle(watch.page)
        assert watch.page.locator("html").get_attribute("lang") == "en"
        # Typing the address again later: still English (the first visit is over).
        watch.open(server.base)
        assert watch.page.url == server.base
        assert watch.page.locator("html").get_attribute("lang") == "en"
        watch.assert_clean()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "lang"), [("no/such/deep/page/", "en"), ("ru/no/such/deep/page/", "ru")])
def test_404_page_works_at_any_depth(server: Server, watched: PageWatch, path: str, lang: str) -> None:
    response = watched.open(server.base + path)
    assert response.status == 404
    assert watched.page.locator("html").get_attribute("lang") == lang
    # Its stylesheet, scripts and links resolve from any depth (the theme's styles are applied).
    assert watched.page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    watched.failed.remove(f"404 {server.base}{path}")
    watched.assert_clean()


# --- inline code in a published page: not run, and refused by the publish check -------------------

INJECTED = ('<script>window.__injected = "script"</script>'
            '<img src="../../assets/images/favicon.png" alt="" onload="window.__injected = \'handler\'">'
            '<a id="ca-injected-link" href="javascript:window.__injected=\'url\'">x</a>')


@pytest.fixture(scope="module")
def injected_page(server: Server):
    """A copy of a published chapter, at the same depth, with a script, a handler and a javascript: URL."""
    source = server.site / "guide" / "scope" / "index.html"
    target = server.site / "csp-test" / "injected" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source.read_text(encoding="utf-8").replace("</h1>", "</h1>" + INJECTED, 1), encoding="utf-8")
    try:
        yield target
    finally:
        shutil.rmtree(target.parent)


@pytest.mark.browser
def test_injected_script_handler_and_url_do_not_run(server: Server, watched: PageWatch, injected_page: Path) -> None:
    response = watched.open(server.base + "csp-test/injected/")
    assert response.status == 200
    watched.page.locator("#ca-injected-link").click()
    watched.page.wait_for_timeout(300)
    assert watched.page.evaluate("window.__injected") is None
    directives = [line.split(" ", 1)[0] for line in watched.page.evaluate("window.__cspViolations")]
    assert directives.count("script-src-elem") >= 1 and directives.count("script-src-attr") >= 1, directives
    # The rest of the page still works: the theme's own scripts are files of the site (the click
    # above was the first interaction: it brought Material's bundle).
    assert watched.page.evaluate(THEME_RAN)
    wait_until(watched.page, BUNDLE_RAN, timeout=10.0)


def test_publish_check_names_the_injected_file_line_and_snippet(server: Server, injected_page: Path) -> None:
    problems = csp.check_page("csp-test/injected/index.html", parse_page(injected_page))
    assert len(problems) == 3, problems
    assert all(problem.startswith("csp-test/injected/index.html:") for problem in problems)
    assert any('<script> — window.__injected = "script"' in problem for problem in problems)
    assert any("<img onload=" in problem for problem in problems)
    assert any("javascript: URL" in problem for problem in problems)


@pytest.mark.browser
def test_theme_state_is_restored_from_storage(server: Server, watched: PageWatch) -> None:
    """assets/theme-init.js does what Material's inline scripts did: the colour scheme saved by the
    palette toggle (site-scoped storage key) is applied, and a link to a content tab opens that tab."""
    source = (server.site / "guide" / "scope" / "index.html").read_text(encoding="utf-8")
    tabs = ('<div class="tabbed-set"><input type="radio" name="__tabbed_1" id="__tabbed_1_1" checked>'
            '<input type="radio" name="__tabbed_1" id="__tabbed_1_2"></div>')
    target = server.site / "csp-test" / "tabs" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source.replace("</h1>", "</h1>" + tabs, 1), encoding="utf-8")
    try:
        watched.open(server.base + "guide/scope/")
        watched.page.evaluate("""localStorage.setItem(new URL('/', location).pathname + '.__palette',
                                 JSON.stringify({color: {scheme: 'slate', primary: 'teal'}}))""")
        watched.open(server.base + "csp-test/tabs/#__tabbed_1_2")
        assert watched.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        assert watched.page.locator("body").get_attribute("data-md-color-primary") == "teal"
        assert watched.page.evaluate("document.getElementById('__tabbed_1_2').checked")
        watched.assert_clean()
    finally:
        shutil.rmtree(target.parent)
