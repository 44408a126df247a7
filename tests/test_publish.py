"""Publishing (`python -m deploy.publish`, `make publish`): atomic, reproducible, precompressed, with its CSP.

The integration tests publish throw-away copies of the project, as `make publish` does, and compare
every file byte for byte: two publishes of the same sources are identical (also from another
directory), a successful publish replaces site/ completely, and a failing one — bad data, a broken
link caught by MkDocs, a broken link only the publish link check sees, an outdated translation —
leaves site/ and the CSP include exactly as they were; so does a page with inline code the
Content-Security-Policy would block, and the message names file, line and snippet. The unit tests
check each step (deploy/*.py) on tiny sites. The link checker's own tests are in test_links.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT, Published, run_publish
from deploy import compress, csp, fingerprint
from deploy.epoch import source_date_epoch
from deploy.htmlscan import html_pages, parse_html, parse_page
from deploy.swap import swap_into_place


# One worker runs this module and test_nginx.py under `make test` (-n auto --dist loadgroup): they
# share one publish (conftest.published_project).
pytestmark = pytest.mark.xdist_group("publish")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path, with its bytes."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def stat_snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every entry under root (and root itself) with inode and modification time."""
    entries = [root, *sorted(root.rglob("*"))]
    return {path.relative_to(root).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns) for path in entries}


def assert_same_files(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second), "the two outputs have different file lists"
    different = [name for name in first if first[name] != second[name]]
    assert not different, f"{len(different)} files differ between the two publishes, e.g. {different[:5]}"


@pytest.fixture(scope="module")
def published(published_project: Published) -> Path:
    """The project copy conftest.published_project published once (also served by test_nginx.py)."""
    return published_project.project


# --- integration ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_publish_is_reproducible_and_replaces_the_site(published: Path, tmp_path: Path) -> None:
    site = published / "site"
    first, first_csp = snapshot(site), (published / "generated" / "csp.conf").read_bytes()
    assert "index.html" in first and "ru/index.html" in first
    assert not (published / ".site-new").exists() and not (published / ".site-old").exists()

    # The same sources in another directory, published at another time, over a copy of the old site
    # with a stray file in it: identical bytes, all files, and site/ replaced as a whole (swapped, not
    # written in place), so the stray file does not survive. (copy2 keeps modification times: without
    # git history the date comes from the newest source.)
    other = tmp_path / "elsewhere"
    shutil.copytree(published, other, ignore=shutil.ignore_patterns(".site-*", "generated", "__pycache__"))
    (other / "site" / "stray.txt").write_text("left over", encoding="utf-8")
    old_inode = (other / "site").stat().st_ino
    result = run_publish(other)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (other / "site").stat().st_ino != old_inode, "site/ was written in place instead of swapped"
    assert_same_files(first, snapshot(other / "site"))
    assert (other / "generated" / "csp.conf").read_bytes() == first_csp


@pytest.mark.slow
def test_sitemap_dates_come_from_the_sources_not_the_clock(published: Path, published_project: Published) -> None:
    epoch = int(re.search(r"SOURCE_DATE_EPOCH=(\d+) .*newest source file", published_project.output).group(1))
    newest = max(int(path.stat().st_mtime) for name in ("docs", "data", "hooks", "overrides", "mkdocs.yml")
                 for path in ([published / name] if name.endswith(".yml") else (published / name).rglob("*"))
                 if path.is_file() and "__pycache__" not in path.parts)
    assert epoch == newest
    day = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%d")
    sitemap = (published / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {day}
    packed = (published / "site" / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == sitemap


@pytest.mark.slow
def test_precompressed_files_are_deterministic_and_complete(published: Path) -> None:
    site = published / "site"
    texts = [path for path in site.rglob("*") if path.suffix in compress.COMPRESSIBLE and path.is_file()]
    assert len(texts) > 50
    missing = []
    for path in texts:
        packed_path = path.with_name(path.name + ".gz")
        if not packed_path.exists():
            # Only files too small to gain from compression go without.
            assert len(gzip.compress(path.read_bytes(), 9, mtime=0)) >= path.stat().st_size, path
            missing.append(path)
            continue
        packed = packed_path.read_bytes()
        assert gzip.decompress(packed) == path.read_bytes(), packed_path
        if path.name != "sitemap.xml":   # MkDocs writes that one itself, dated SOURCE_DATE_EPOCH
            assert packed[4:8] == b"\0\0\0\0" and not packed[3] & 0x08, f"{packed_path}: mtime or name in header"
    assert len(missing) < len(texts) / 10


@pytest.mark.slow
def test_fingerprinted_assets_match_their_name(published: Path) -> None:
    """A name cached for a year must never carry other bytes (a hook may have patched the file)."""
    site, theme = published / "site", fingerprint.theme_assets_dir()
    assets = [path for path in site.glob("assets/**/*.min.*") if fingerprint.FINGERPRINTED.match(path.name)]
    assert any(path.suffix == ".js" for path in assets) and any(path.suffix == ".css" for path in assets)
    home = (site / "index.html").read_text(encoding="utf-8")
    for path in assets:
        shipped = theme / path.relative_to(site)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        assert (shipped.is_file() and shipped.read_bytes() == path.read_bytes()) or digest in path.name, path
        if path.name.startswith(("bundle.", "main.")):
            assert path.relative_to(site).as_posix() in home, f"{path.name} is not the file the pages load"


@pytest.mark.slow
def test_csp_include_is_the_fixed_policy_and_every_page_satisfies_it(published: Path) -> None:
    include = (published / "generated" / "csp.conf").read_text(encoding="utf-8")
    header = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', include).group(1)
    assert header == csp.POLICY
    assert (published / "generated" / "csp.txt").read_text(encoding="utf-8").strip() == header
    directives = dict(part.strip().split(" ", 1) for part in header.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert not re.search(r"unsafe-|sha256-|nonce-|http", header)
    site = published / "site"
    pages = {path: parse_page(path) for path in html_pages(site)}
    assert len(pages) > 70
    assert csp.check_pages(site, pages) == []
    # Material's inline scripts now come from one file on every page, which also fetches Material's
    # bundle on the reader's first interaction (its address in data-ca-bundle, a file of this site).
    from bs4 import BeautifulSoup

    for path, page in pages.items():
        sources = [item.code for item in page.script_sources]
        assert any(src.endswith("assets/theme-init.js") for src in sources), path
        assert not [src for src in sources if "/javascripts/bundle." in src], f"{path}: bundle loaded with the page"
        init = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("script[data-ca-bundle]")
        address = init["data-ca-bundle"]   # root-absolute on the 404 pages (served at any depth)
        bundle = (site / address.lstrip("/") if address.startswith("/") else path.parent / address).resolve()
        assert init["src"].endswith("assets/theme-init.js") and bundle.is_file() and "bundle." in bundle.name, path


@pytest.mark.slow
def test_publish_prints_numbered_steps_with_times(published_project: Published) -> None:
    output = published_project.output
    steps = re.findall(r"^publish: \[(\d)/(\d)\] ([a-zA-Z ]+) … (\d+\.\d) s", output, re.MULTILINE)
    assert [name for _, _, name, _ in steps] == ["build", "link check", "fingerprint", "CSP check", "compress",
                                                "swap"], output
    assert [int(number) for number, _, _, _ in steps] == list(range(1, 7))
    assert {total for _, total, _, _ in steps} == {"6"}


BREAKAGES = {
    # file, old text, new text, what the output must say
    "bad-data": ("data/countries.yml", 'value: "2001-01-11"', 'value: "11.01.2001"',
                 ("failed", "countries.KZ.facts.accession_date.value", "11.01.2001")),
    # Links go into the Russian page: a change to an English page also makes its translation outdated.
    "broken-markdown-link": ("docs/guide/about.ru.md", "\n## ", "\nSee [the missing page](no-such-page.md).\n\n## ",
                             ("strict build (mkdocs build --strict) failed", "no-such-page.md")),
    "broken-html-link": ("docs/guide/about.ru.md", "\n## ", '\n<a href="../no-such-page/">gone</a>\n\n## ',
                         ("link check:", "ru/guide/about/index.html: <a> ../no-such-page/ → /ru/guide/no-such-page/ does not exist")),
    "outdated-translation": ("docs/guide/scope.md", "\n## ", "\nA sentence the translation lacks.\n\n## ",
                             ("translations check (make translations-check) failed", "guide/scope")),
    # Raw HTML in Markdown reaches the page as it is: the CSP would block it, so the publish refuses it.
    # Raw HTML in Markdown reaches the page as it is: the CSP would block it, so the publish refuses it
    # and names every such snippet (a script and a handler, one publish).
    "inline-script-and-handler": (
        "docs/guide/about.ru.md", "\n## ",
        '\n<script>alert("injected")</script>\n\n<p><span onmouseover="alert(2)">x</span></p>\n\n## ',
        ("CSP check: the Content-Security-Policy would block", "ru/guide/about/index.html:",
         "inline script (script-src 'self') <script> — alert(\"injected\")", "docs/assets/",
         'inline event handler (script-src \'self\') <span onmouseover="…"> — alert(2)')),
}


@pytest.mark.slow
@pytest.mark.parametrize("breakage", BREAKAGES, ids=list(BREAKAGES))
def test_failed_publish_leaves_the_site_untouched(published: Path, breakage: str) -> None:
    file, old, new, expected = BREAKAGES[breakage]
    site, csp = published / "site", published / "generated" / "csp.conf"
    before, before_stat, before_csp = snapshot(site), stat_snapshot(site), csp.read_bytes()
    source = published / file
    original = source.read_text(encoding="utf-8")
    assert old in original, f"precondition: {old!r} not in {file}"
    source.write_text(original.replace(old, new, 1), encoding="utf-8")
    try:
        result = run_publish(published, translations=breakage == "outdated-translation")
    finally:
        source.write_text(original, encoding="utf-8")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    for text in expected:
        assert text in output
    assert "was left untouched" in output
    assert snapshot(site) == before, "site/ changed although the publish failed"
    assert stat_snapshot(site) == before_stat, "site/ was rewritten although the publish failed"
    assert csp.read_bytes() == before_csp
    assert not (published / ".site-new").exists()


# --- the steps, on tiny sites ---------------------------------------------------------------------

def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_csp_check_names_file_line_and_snippet_of_inline_code(tmp_path: Path) -> None:
    site = write(tmp_path, {
        "ok.html": '<script id="__config" type="application/json">{"x":1}</script><script src="assets/a.js"></script>'
                   '<script type="application/ld+json">{}</script><a href="https://example.org/">x</a>',
        "guide/bad.html": '<p>x</p>\n<script>\r\n  window.evil = 1;\n</script>\n'
                          '<img src="a.svg" onerror="alert(1)">\n<a href=" JaVa&#x09;Script:alert(2)">y</a>\n'
                          '<script type="module">import("x")</script><p style="color:red">z</p><style>p{}</style>\n'
                          '<script src="data:text/javascript,alert(3)"></script>',
    })
    pages = {path: parse_page(path) for path in sorted(site.rglob("*.html"))}
    problems = csp.check_pages(site, pages)
    assert problems == [
        "guide/bad.html:2: inline script (script-src 'self') <script> — window.evil = 1;",
        "guide/bad.html:5: inline event handler (script-src 'self') <img onerror=\"…\"> — alert(1)",
        "guide/bad.html:6: javascript: URL (script-src 'self') <a href=\"javascript:…\"> — JaVa Script:alert(2)",
        "guide/bad.html:7: inline script (script-src 'self') <script> — import(\"x\")",
        "guide/bad.html:7: inline style (style-src 'self') <p style=\"…\"> — color:red",
        "guide/bad.html:7: inline style (style-src 'self') <style> — p{}",
        "guide/bad.html:8: script from a data: URL (script-src 'self') — data:text/javascript,alert(3)",
    ]


def test_csp_check_sees_a_script_the_parser_must_not_miss() -> None:
    """Upper case, attributes without quotes, an unclosed script at the end of the page."""
    page = parse_html('<P><SCRIPT TYPE="text/JavaScript">a()</SCRIPT><div OnClick=b()></div><style onload=d()></style>'
                      '<script>c(')
    assert [(item.kind, item.code) for item in page.inline_code()] == [
        ("<script>", "a()"), ('<div onclick="…">', "b()"), ("<style>", ""), ('<style onload="…">', "d()"),
        ("<script>", "c(")]
    assert "inline event handler (script-src 'self') <style onload" in csp.check_page("x.html", page)[3]


def test_policy_allows_nothing_inline() -> None:
    directives = dict(part.strip().split(" ", 1) for part in csp.POLICY.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    for word in ("unsafe-inline", "unsafe-hashes", "unsafe-eval", "sha256-", "nonce-", "*"):
        assert word not in csp.POLICY


def test_precompress_is_byte_identical_on_every_run(tmp_path: Path) -> None:
    files = {"index.html": "<p>Привет</p>" * 200, "a.css": "p{}" * 300, "tiny.js": "x", "img.png": "png" * 200}
    runs = []
    for attempt in ("one", "two"):
        site = write(tmp_path / attempt, files)
        assert compress.precompress(site) == 2
        runs.append(snapshot(site))
    assert runs[0] == runs[1]
    assert sorted(runs[0]) == ["a.css", "a.css.gz", "img.png", "index.html", "index.html.gz", "tiny.js"]


def test_refingerprint_renames_patched_theme_assets(tmp_path: Path) -> None:
    theme = write(tmp_path / "theme", {"assets/js/bundle.0123abcd.min.js": "original",
                                       "assets/css/main.89abcdef.min.css": "same"})
    site = write(tmp_path / "site", {
        "assets/js/bundle.0123abcd.min.js": "patched\n//# sourceMappingURL=bundle.0123abcd.min.js.map",
        "assets/js/bundle.0123abcd.min.js.map": "{}",
        "assets/css/main.89abcdef.min.css": "same",
        "index.html": '<script src="assets/js/bundle.0123abcd.min.js"></script>'
                      '<link href="assets/css/main.89abcdef.min.css">',
    })
    digest = hashlib.sha256(b"patched\n//# sourceMappingURL=bundle.0123abcd.min.js.map").hexdigest()[:8]
    assert fingerprint.refingerprint(site, theme) == [("bundle.0123abcd.min.js", f"bundle.{digest}.min.js")]
    assert (site / f"assets/js/bundle.{digest}.min.js").read_text().endswith("bundle.0123abcd.min.js.map")
    assert f'src="assets/js/bundle.{digest}.min.js"' in (site / "index.html").read_text()
    assert "main.89abcdef.min.css" in (site / "index.html").read_text()


def test_swap_exchanges_whole_directories(tmp_path: Path) -> None:
    new, site, old = (write(tmp_path / ".site-new", {"v": "2"}), write(tmp_path / "site", {"v": "1", "only-old": "x"}),
                      tmp_path / ".site-old")
    swap_into_place(new, site, old)
    assert snapshot(site) == {"v": b"2"}
    assert not new.exists() and not old.exists()
    swap_into_place(write(tmp_path / ".site-new", {"v": "3"}), tmp_path / "first", old)
    assert snapshot(tmp_path / "first") == {"v": b"3"}


def test_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = write(tmp_path, {"docs/index.md": "x", "mkdocs.yml": "site_name: x"})
    os.utime(project / "docs/index.md", (1_700_000_000, 1_700_000_000))
    os.utime(project / "mkdocs.yml", (1_600_000_000, 1_600_000_000))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date_epoch(project) == (1_700_000_000, "newest source file (no git history)")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234")
    assert source_date_epoch(project) == (1234, "environment")
    if shutil.which("git"):
        monkeypatch.delenv("SOURCE_DATE_EPOCH")
        committed = subprocess.run(["git", "-C", str(PROJECT), "log", "-1", "--format=%ct"],
                                   capture_output=True, text=True).stdout.strip()
        if committed:
            assert source_date_epoch(PROJECT) == (int(committed), "last commit")
