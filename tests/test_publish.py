"""Publishing (deploy/publish.py, `make publish`): atomic, reproducible, precompressed, with its CSP.

The integration tests publish throw-away copies of the project, as `make publish` does, and compare
every file byte for byte: two publishes of the same sources are identical (also from another
directory), a successful publish replaces site/ completely, and a failing one — bad data, a broken
link caught by MkDocs, a broken link only the publish link check sees, an outdated translation —
leaves site/ and the CSP include exactly as they were. The unit tests check each step on tiny sites.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project

PUBLISH_SCRIPT = PROJECT / "deploy" / "publish.py"


def load_publish():
    spec = importlib.util.spec_from_file_location("guide_publish", PUBLISH_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


publish = load_publish()


def run_publish(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [sys.executable, str(PUBLISH_SCRIPT), "--project", str(project),
         "--csp-conf", str(project / "generated" / "csp.conf"), *args],
        cwd=project, capture_output=True, text=True, encoding="utf-8", timeout=600,
        env={**env, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
    )


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


FIRST_OUTPUT: dict[Path, str] = {}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project, published once (its output in FIRST_OUTPUT)."""
    project = copy_project(tmp_path_factory.mktemp("publish") / "project")
    result = run_publish(project)
    assert result.returncode == 0, result.stdout + result.stderr
    FIRST_OUTPUT[project] = result.stdout
    return project


# --- integration ----------------------------------------------------------------------------------

def test_publish_is_reproducible_and_replaces_the_site(published: Path, tmp_path: Path) -> None:
    site = published / "site"
    first, first_csp = snapshot(site), (published / "generated" / "csp.conf").read_bytes()
    assert "index.html" in first and "ru/index.html" in first
    assert not (published / ".site-new").exists() and not (published / ".site-old").exists()

    # The same sources in another directory, published at another time: identical bytes, all files.
    # (copy2 keeps modification times: without git history the date comes from the newest source.)
    other = tmp_path / "elsewhere"
    shutil.copytree(published, other, ignore=shutil.ignore_patterns("site", ".site-*", "generated", "__pycache__"))
    result = run_publish(other)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_same_files(first, snapshot(other / "site"))
    assert (other / "generated" / "csp.conf").read_bytes() == first_csp

    # Publishing again replaces site/ as a whole: a stray file of the old site does not survive.
    (site / "stray.txt").write_text("left over", encoding="utf-8")
    old_inode = site.stat().st_ino
    result = run_publish(published)
    assert result.returncode == 0, result.stdout + result.stderr
    assert site.stat().st_ino != old_inode, "site/ was written in place instead of swapped"
    assert_same_files(first, snapshot(site))


def test_sitemap_dates_come_from_the_sources_not_the_clock(published: Path) -> None:
    epoch = int(re.search(r"SOURCE_DATE_EPOCH=(\d+) .*newest source file", FIRST_OUTPUT[published]).group(1))
    newest = max(int(path.stat().st_mtime) for name in ("docs", "data", "hooks", "overrides", "mkdocs.yml")
                 for path in ([published / name] if name.endswith(".yml") else (published / name).rglob("*"))
                 if path.is_file() and "__pycache__" not in path.parts)
    assert epoch == newest
    day = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%d")
    sitemap = (published / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {day}
    packed = (published / "site" / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == sitemap


def test_precompressed_files_are_deterministic_and_complete(published: Path) -> None:
    site = published / "site"
    texts = [path for path in site.rglob("*") if path.suffix in publish.COMPRESSIBLE and path.is_file()]
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


def test_fingerprinted_assets_match_their_name(published: Path) -> None:
    """A name cached for a year must never carry other bytes (a hook may have patched the file)."""
    site, theme = published / "site", publish.theme_assets_dir()
    assets = [path for path in site.glob("assets/**/*.min.*") if publish.FINGERPRINTED.match(path.name)]
    assert any(path.suffix == ".js" for path in assets) and any(path.suffix == ".css" for path in assets)
    home = (site / "index.html").read_text(encoding="utf-8")
    for path in assets:
        shipped = theme / path.relative_to(site)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        assert (shipped.is_file() and shipped.read_bytes() == path.read_bytes()) or digest in path.name, path
        if path.name.startswith(("bundle.", "main.")):
            assert path.relative_to(site).as_posix() in home, f"{path.name} is not the file the pages load"


def test_csp_include_allows_every_inline_script(published: Path) -> None:
    include = (published / "generated" / "csp.conf").read_text(encoding="utf-8")
    header = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', include).group(1)
    assert (published / "generated" / "csp.txt").read_text(encoding="utf-8").strip() == header
    allowed = set(re.findall(r"'sha256-[^']+'", header))
    inline = {publish._sha256(text) for page in map(publish.parse_page, (published / "site").rglob("*.html"))
              for text in page.scripts}
    assert inline and inline <= allowed
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header and "http" not in header


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
}


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
        result = run_publish(published)
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


def test_link_check_reports_missing_pages_fragments_and_other_hosts(tmp_path: Path) -> None:
    site = write(tmp_path, {
        "index.html": '<link rel="canonical" href="https://guide.example/"><a href="guide/#scope">ok</a>'
                      '<a href="https://guide.example/guide/">own address</a><a href="https://other.example/">ok</a>'
                      '<a href="guide/#nowhere">bad fragment</a><a href="missing/">missing</a>'
                      '<script src="https://cdn.example/x.js"></script><img src="img/a.svg"><a href="#top">top</a>',
        "guide/index.html": '<h2 id="scope">Scope</h2><a href="../">home</a><a href="#scope">here</a>',
        "img/a.svg": "<svg/>",
        "sitemap.xml": "<urlset><url><loc>https://guide.example/guide/</loc></url>"
                       "<url><loc>https://guide.example/gone/</loc></url></urlset>",
    })
    problems = publish.check_links(site)
    assert len(problems) == 4, problems
    assert any("no id 'nowhere' in guide/index.html" in p for p in problems)
    assert any("missing/ → /missing/ does not exist" in p for p in problems)
    assert any("<script> loads https://cdn.example/x.js from another host" in p for p in problems)
    assert any(p.startswith("sitemap.xml:") and "/gone/" in p for p in problems)


def test_csp_hashes_inline_scripts_but_not_data_blocks(tmp_path: Path) -> None:
    site = write(tmp_path, {
        "a.html": '<script>var a=1;\r\n</script><script type="application/json">{"x":1}</script>'
                  '<script src="x.js"></script><style>p{color:red}</style>',
        "b.html": '<script>var a=1;\n</script><form onsubmit="return false"></form><p style="color:red">x</p>',
    })
    policy = publish.content_security_policy(publish.parse_page(path) for path in sorted(site.glob("*.html")))

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    script_src = re.search(r"script-src ([^;]+)", policy.header).group(1).split()
    style_src = re.search(r"style-src ([^;]+)", policy.header).group(1).split()
    # CR LF is hashed as LF, like browsers do: both pages' scripts are one hash.
    assert script_src == ["'self'", sha("var a=1;\n"), "'unsafe-hashes'", sha("return false")]
    assert style_src == sorted(["'self'", sha("p{color:red}")]) + ["'unsafe-hashes'", sha("color:red")]
    assert policy.handlers == ("<form onsubmit='return false'>",)
    assert "default-src 'self'" in policy.header and "frame-ancestors 'none'" in policy.header

    write(site, {"c.html": '<a href="javascript:alert(1)">x</a>'})
    with pytest.raises(publish.PublishError, match="javascript: URLs"):
        publish.content_security_policy(publish.parse_page(path) for path in sorted(site.glob("*.html")))


def test_precompress_is_byte_identical_on_every_run(tmp_path: Path) -> None:
    files = {"index.html": "<p>Привет</p>" * 200, "a.css": "p{}" * 300, "tiny.js": "x", "img.png": "png" * 200}
    runs = []
    for attempt in ("one", "two"):
        site = write(tmp_path / attempt, files)
        assert publish.precompress(site) == 2
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
    assert publish.refingerprint(site, theme) == [("bundle.0123abcd.min.js", f"bundle.{digest}.min.js")]
    assert (site / f"assets/js/bundle.{digest}.min.js").read_text().endswith("bundle.0123abcd.min.js.map")
    assert f'src="assets/js/bundle.{digest}.min.js"' in (site / "index.html").read_text()
    assert "main.89abcdef.min.css" in (site / "index.html").read_text()


def test_swap_exchanges_whole_directories(tmp_path: Path) -> None:
    new, site, old = (write(tmp_path / ".site-new", {"v": "2"}), write(tmp_path / "site", {"v": "1", "only-old": "x"}),
                      tmp_path / ".site-old")
    publish.swap_into_place(new, site, old)
    assert snapshot(site) == {"v": b"2"}
    assert not new.exists() and not old.exists()
    publish.swap_into_place(write(tmp_path / ".site-new", {"v": "3"}), tmp_path / "first", old)
    assert snapshot(tmp_path / "first") == {"v": b"3"}


def test_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = write(tmp_path, {"docs/index.md": "x", "mkdocs.yml": "site_name: x"})
    os.utime(project / "docs/index.md", (1_700_000_000, 1_700_000_000))
    os.utime(project / "mkdocs.yml", (1_600_000_000, 1_600_000_000))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert publish.source_date_epoch(project) == (1_700_000_000, "newest source file (no git history)")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234")
    assert publish.source_date_epoch(project) == (1234, "environment")
    if shutil.which("git"):
        monkeypatch.delenv("SOURCE_DATE_EPOCH")
        committed = subprocess.run(["git", "-C", str(PROJECT), "log", "-1", "--format=%ct"],
                                   capture_output=True, text=True).stdout.strip()
        if committed:
            assert publish.source_date_epoch(PROJECT) == (int(committed), "last commit")
