#!/usr/bin/env python3
"""Publish the guide: build into a fresh directory, check it, and only then swap it into `site/`.

    .venv/bin/python deploy/publish.py            # what `make publish` runs
    .venv/bin/python deploy/publish.py --quick    # what `make build` runs (no translation/link checks)

Steps, in order; any failure stops here and leaves `site/` (and the CSP include) exactly as they were:

1. SOURCE_DATE_EPOCH from the last commit (`git log -1 --format=%ct`), or, without git history, from the
   newest source file; MkDocs uses it for the sitemap dates and the sitemap.xml.gz header. An
   already exported SOURCE_DATE_EPOCH wins.
2. `make translations-check` (skipped with --quick).
3. `mkdocs build --strict` into `.site-new/` next to `site/` (never with --quiet: MkDocs then does
   not count warnings, and strict mode lets a broken link through).
4. Internal link check of the new directory: every link, script, stylesheet and image of every HTML
   page, and every sitemap entry, resolves to a file of the site, fragments included; nothing is
   loaded from another host (skipped with --quick).
5. Fingerprinted theme assets (`assets/…/name.<hash>.min.js|css`) changed after the theme shipped
   them (a hook patched them) get a new fingerprint from their content, and the references are
   updated: the web server caches those names for a year, so a name must never be reused for
   other bytes.
6. Precompressed `.gz` next to every text file (html, css, js, json, xml, svg, txt, map), with a
   fixed header (no name, mtime 0) — for nginx's gzip_static.
7. The Content-Security-Policy the site satisfies: sha256 hashes of every distinct inline script and
   style of every page, written to an nginx include (default `deploy/generated/csp.conf`, and the
   bare policy to `csp.txt` beside it for other hosts).
8. Swap: the new directory and `site/` are exchanged in one rename (Linux renameat2
   RENAME_EXCHANGE; elsewhere two renames a few microseconds apart), then the old one is deleted.

Two runs on the same commit produce byte-identical files (file modification times are left to the
file system: deploy tools such as `aws s3 sync` compare them).

Standard library only (runs mkdocs from the same interpreter), so it works from any checkout.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import ctypes
import errno
import fcntl
import gzip
import hashlib
import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Text types worth precompressing (nginx gzip_static serves `<file>.gz` when the client accepts gzip).
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}
# Material's fingerprinted assets; deploy/nginx.conf gives exactly these names a one-year cache.
FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{8})\.min\.(?P<ext>js|css)$")
# A fixed date when there is neither git history nor a source file (1980-01-01, the zip epoch).
FALLBACK_EPOCH = 315532800
SOURCES = ("docs", "data", "hooks", "overrides", "mkdocs.yml")
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
LOCAL_ORIGIN = "http://site.invalid"


class PublishError(Exception):
    """A step failed; the message says which and why. `site/` has not been touched."""


def log(message: str) -> None:
    print(f"publish: {message}", flush=True)


# --- 1. SOURCE_DATE_EPOCH --------------------------------------------------------------------------

def source_date_epoch(project: Path) -> tuple[int, str]:
    """The build date: exported SOURCE_DATE_EPOCH, else the last commit, else the newest source file."""
    exported = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if exported:
        if not exported.isdigit():
            raise PublishError(f"SOURCE_DATE_EPOCH={exported!r} is not a number of seconds")
        return int(exported), "environment"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        proc = subprocess.run(["git", "-C", str(project), "log", "-1", "--format=%ct"],
                              capture_output=True, text=True, timeout=30)
        if proc.returncode == 0 and proc.stdout.strip().isdigit():
            return int(proc.stdout.strip()), "last commit"
    newest = 0
    for name in SOURCES:
        root = project / name
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in paths:
            if "__pycache__" not in path.parts:
                newest = max(newest, int(path.stat().st_mtime))
    if newest:
        return newest, "newest source file (no git history)"
    return FALLBACK_EPOCH, "fixed date (no git history, no sources found)"


# --- 2./3. translations check and strict build ----------------------------------------------------

def run(step: str, command: list[str], cwd: Path, env: dict[str, str]) -> None:
    proc = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, encoding="utf-8", errors="replace", timeout=1800)
    if proc.returncode != 0:
        # MkDocs logs every page at INFO; keep what explains the failure.
        lines = [line for line in proc.stdout.splitlines() if not line.startswith("INFO")]
        raise PublishError(f"{step} failed (exit {proc.returncode}):\n" + "\n".join(lines).strip())


# --- 4. internal link check ------------------------------------------------------------------------

@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)   # (tag, attribute, url)
    scripts: list[str] = field(default_factory=list)                  # inline executable scripts
    styles: list[str] = field(default_factory=list)                   # <style> elements
    style_attributes: list[str] = field(default_factory=list)         # style="…"
    handlers: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, onclick…, code)
    javascript_urls: list[str] = field(default_factory=list)           # href="javascript:…"


class _PageParser(HTMLParser):
    LINK_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src",
                       "iframe": "src", "source": "src", "video": "src", "audio": "src", "embed": "src",
                       "object": "data", "form": "action"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._raw: list[str] | None = None
        self._raw_kind = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                self.page.ids.add(values[name])
        attribute = self.LINK_ATTRIBUTES.get(tag)
        if attribute and attribute in values:
            self.page.links.append((tag, attribute, values[attribute].strip()))
        if "style" in values:
            self.page.style_attributes.append(values["style"])
        for name, value in values.items():
            if name.startswith("on"):
                self.page.handlers.append((tag, name, value))
            elif name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                self.page.javascript_urls.append(f"<{tag} {name}={value[:60]!r}>")
        if tag == "script" and "src" not in values and values.get("type", "").strip().lower() in JS_TYPES:
            self._raw, self._raw_kind = [], "script"
        elif tag == "style":
            self._raw, self._raw_kind = [], "style"

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._raw is not None and tag == self._raw_kind:
            text = "".join(self._raw)
            (self.page.scripts if tag == "script" else self.page.styles).append(text)
            self._raw = None


def parse_page(path: Path) -> ParsedPage:
    # Browsers normalise CR LF and CR to LF before hashing inline scripts; do the same.
    text = path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser.page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def site_url_of(site: Path) -> str | None:
    """The published address (mkdocs `site_url`), read from the home page's canonical link."""
    home = site / "index.html"
    if home.is_file():
        match = re.search(r'<link[^>]+rel="canonical"[^>]+href="([^"]+)"', home.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    return None


def _url_of(site: Path, path: Path) -> str:
    return f"{LOCAL_ORIGIN}/{path.relative_to(site).as_posix()}"


def _target_file(site: Path, url_path: str) -> Path | None:
    relative = unquote(url_path).lstrip("/")
    candidate = site / relative
    if url_path.endswith("/") or relative == "":
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_links(site: Path, pages: dict[Path, ParsedPage] | None = None) -> list[str]:
    """Problems with the site's internal links (empty when every link resolves)."""
    pages = pages if pages is not None else {path: parse_page(path) for path in html_pages(site)}
    ids = {path: page.ids for path, page in pages.items()}
    site_url = site_url_of(site)
    problems: list[str] = []

    def resolve(source: str, base: str, url: str, need_fragment: bool, what: str) -> None:
        if not url or url.startswith(("mailto:", "tel:", "data:", "blob:", "javascript:")):
            return
        if site_url and url.startswith(site_url):
            url = "/" + url[len(site_url):]
        absolute = urljoin(base, url)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != LOCAL_ORIGIN:
            if what in ("script", "link", "img", "iframe", "source", "video", "audio", "embed", "object"):
                problems.append(f"{source}: <{what}> loads {url} from another host")
            return
        target = _target_file(site, parts.path)
        if target is None:
            problems.append(f"{source}: <{what}> {url} → {parts.path} does not exist")
            return
        fragment = unquote(parts.fragment)
        if need_fragment and fragment and fragment != "top" and target.suffix == ".html":
            known = ids.get(target)
            if known is None:
                known = ids[target] = parse_page(target).ids
            if fragment not in known:
                problems.append(f"{source}: {url} → no id {fragment!r} in {target.relative_to(site).as_posix()}")

    for path, page in pages.items():
        source = path.relative_to(site).as_posix()
        base = _url_of(site, path)
        for tag, _attribute, url in page.links:
            resolve(source, base, url, need_fragment=tag in ("a", "area"), what=tag)

    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        for url in sorted(set(re.findall(r'(?:<loc>|href=")([^<"]+)', sitemap.read_text(encoding="utf-8")))):
            resolve("sitemap.xml", f"{LOCAL_ORIGIN}/", html.unescape(url), need_fragment=False, what="loc")
    return problems


# --- 5. fingerprints ------------------------------------------------------------------------------

def theme_assets_dir() -> Path | None:
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def refingerprint(site: Path, theme_dir: Path | None) -> list[tuple[str, str]]:
    """Rename fingerprinted assets whose bytes differ from the theme's shipped file; fix references."""
    if theme_dir is None:
        return []
    renamed: list[tuple[str, str]] = []
    for path in sorted(site.glob("assets/**/*.min.*")):
        match = FINGERPRINTED.match(path.name)
        shipped = theme_dir / path.relative_to(site)
        if not match or not shipped.is_file() or shipped.read_bytes() == path.read_bytes():
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        new_name = f"{match['stem']}.{digest}.min.{match['ext']}"
        path.rename(path.with_name(new_name))
        renamed.append((path.name, new_name))
    if renamed:
        # Whole file names only: `bundle.<old>.min.js.map` (the source map) keeps its name.
        pattern = re.compile("|".join(re.escape(old) + r"(?![\w.-])" for old, _ in renamed))
        replacement = dict(renamed)
        for path in sorted(site.rglob("*")):
            if path.suffix in {".html", ".js", ".css", ".json", ".xml"} and path.is_file():
                text = path.read_text(encoding="utf-8")
                updated = pattern.sub(lambda m: replacement[m.group(0)], text)
                if updated != text:
                    path.write_text(updated, encoding="utf-8")
    return renamed


# --- 6. precompression ----------------------------------------------------------------------------

def precompress(site: Path) -> int:
    """Write `<file>.gz` (level 9, no name, mtime 0) for every text file it makes smaller."""
    written = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        target = path.with_name(path.name + ".gz")
        if target.is_file():   # MkDocs' sitemap.xml.gz: keep it when it holds the same text
            with contextlib.suppress(OSError, EOFError, gzip.BadGzipFile):
                if gzip.decompress(target.read_bytes()) == data:
                    continue
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) < len(data):
            target.write_bytes(packed)
            written += 1
        elif target.is_file():
            target.unlink()
    return written


# --- 7. Content-Security-Policy -------------------------------------------------------------------

def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@dataclass(frozen=True)
class Policy:
    header: str
    scripts: int
    styles: int
    style_attributes: int
    handlers: tuple[str, ...]    # inline event handlers allowed by hash ('unsafe-hashes'): move them to files


def content_security_policy(pages: Iterable[ParsedPage]) -> Policy:
    """A policy that allows exactly the site's own files and its inline scripts and styles (by hash)."""
    scripts: set[str] = set()
    styles: set[str] = set()
    attributes: set[str] = set()
    handlers: set[str] = set()
    handler_hashes: set[str] = set()
    javascript_urls: list[str] = []
    for page in pages:
        scripts.update(_sha256(text) for text in page.scripts)
        styles.update(_sha256(text) for text in page.styles)
        attributes.update(_sha256(text) for text in page.style_attributes)
        handlers.update(f"<{tag} {name}={code!r}>" for tag, name, code in page.handlers)
        handler_hashes.update(_sha256(code) for _tag, _name, code in page.handlers)
        javascript_urls.extend(page.javascript_urls)
    if javascript_urls:
        raise PublishError("javascript: URLs cannot be allowed by the Content-Security-Policy; use a "
                           "script file with an event listener. Found: " + ", ".join(sorted(set(javascript_urls))[:10]))
    # Event handler and style attributes: CSP level 3 allows exactly these texts by hash with
    # 'unsafe-hashes' (nothing else inline). Better still: no such attributes.
    script_sources = ["'self'", *sorted(scripts)]
    if handler_hashes:
        script_sources += ["'unsafe-hashes'", *sorted(handler_hashes - scripts)]
    style_sources = ["'self'", *sorted(styles)]
    if attributes:
        style_sources += ["'unsafe-hashes'", *sorted(attributes - styles)]
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(script_sources),
        "style-src " + " ".join(style_sources),
        "img-src 'self' data:",          # Material's icons are data: SVG masks in its stylesheet
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return Policy("; ".join(directives), len(scripts), len(styles), len(attributes), tuple(sorted(handlers)))


def nginx_include(policy: Policy) -> str:
    return (
        "# Generated by deploy/publish.py on every publish: do not edit, do not commit.\n"
        "# Content-Security-Policy of the published site. Allowed by hash: "
        f"{policy.scripts} inline scripts,\n# {policy.styles} inline styles, {policy.style_attributes} style "
        f"attributes, {len(policy.handlers)} event handler attributes.\n"
        "# Included by deploy/nginx.conf; reload nginx after installing a new one.\n"
        f"add_header Content-Security-Policy \"{policy.header}\" always;\n"
    )


# --- 8. swap --------------------------------------------------------------------------------------

def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two directories (Linux renameat2); False when not supported here."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(a))


def swap_into_place(new: Path, site: Path, old: Path) -> None:
    shutil.rmtree(old, ignore_errors=True)
    if site.is_dir() and not site.is_symlink():
        if _exchange(new, site):
            new.rename(old)            # `new` now holds the previous site
        else:
            site.rename(old)
            new.rename(site)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(site)


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@contextlib.contextmanager
def publish_lock(directory: Path) -> Iterator[None]:
    """One publish at a time per directory (a lock on the directory itself; nothing is written)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log("another publish is running here; waiting for it")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


# --- main -----------------------------------------------------------------------------------------

def build_downloads(project: Path, new: Path, env: dict[str, str]) -> None:
    """The PDFs and the offline copy, made inside the new site so the checks cover their links."""
    offline = new.with_name(".site-offline")
    shutil.rmtree(offline, ignore_errors=True)
    try:
        run("offline copy build (USE_DIRECTORY_URLS=false)",
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(offline)],
            project, {**env, "USE_DIRECTORY_URLS": "false", "GUIDE_DOWNLOADS": "0"})
        run("PDFs and offline archive (python -m guidekit.downloads)",
            [sys.executable, "-m", "guidekit.downloads", "--site", str(new), "--offline", str(offline)],
            project, {**env, "PYTHONPATH": str(project / "hooks")})
    finally:
        shutil.rmtree(offline, ignore_errors=True)


def publish(project: Path, site: Path, csp_conf: Path, quick: bool, downloads: bool = False) -> None:
    started = time.monotonic()
    epoch, origin = source_date_epoch(project)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1",
           "PYTHONHASHSEED": "0", "GUIDE_DOWNLOADS": "1" if downloads else "0"}
    log(f"SOURCE_DATE_EPOCH={epoch} ({time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(epoch))} UTC, {origin})")

    if not quick:
        run("translations check (make translations-check)",
            [sys.executable, "-m", "tools.translations", "--project", str(project), "status", "--check"],
            project, {**env, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
        log("translations: all up to date")

    new, old = site.with_name(".site-new"), site.with_name(".site-old")
    shutil.rmtree(new, ignore_errors=True)
    try:
        run("strict build (mkdocs build --strict)",
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(new)],
            project, env)
        if downloads:
            build_downloads(project, new, env)
            log("downloads: guide-en.pdf, guide-ru.pdf and guide-offline.zip in downloads/")
        pages = {path: parse_page(path) for path in html_pages(new)}
        log(f"built {len(pages)} HTML pages into {new.name}/")
        if not quick:
            problems = check_links(new, pages)
            if problems:
                shown = "\n  ".join(problems[:50])
                more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
                raise PublishError(f"link check: {len(problems)} broken links in the built site:\n  {shown}{more}")
            log("links: every internal link, asset and fragment resolves")
        for old_name, new_name in refingerprint(new, theme_assets_dir()):
            log(f"fingerprint: {old_name} differs from the theme's file (patched by a hook) → {new_name}")
        pages = {path: parse_page(path) for path in html_pages(new)}
        policy = content_security_policy(pages.values())
        for handler in policy.handlers:
            log(f"warning: inline event handler {handler} allowed by hash ('unsafe-hashes'); "
                "better: an event listener in a script file")
        compressed = precompress(new)
        log(f"precompressed {compressed} text files (.gz)")
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise

    # Everything passed: install the CSP next to the new site, then swap the site in.
    write_atomically(csp_conf.with_suffix(".txt"), policy.header + "\n")
    write_atomically(csp_conf, nginx_include(policy))
    swap_into_place(new, site, old)
    log(f"CSP: {policy.scripts} inline scripts, {policy.styles} styles by hash → {csp_conf}")
    log(f"published {site} in {time.monotonic() - started:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parents[1],
                        help="project directory (holds mkdocs.yml; default: the one this script belongs to)")
    parser.add_argument("--site-dir", type=Path, help="published directory (default: PROJECT/site)")
    parser.add_argument("--csp-conf", type=Path,
                        help="generated nginx include (default: PROJECT/deploy/generated/csp.conf)")
    parser.add_argument("--quick", action="store_true", help="skip the translation and link checks")
    parser.add_argument("--downloads", action="store_true",
                        help="also make the PDFs and the offline copy (needs chromium) and link them from the pages")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    site = (args.site_dir or project / "site").absolute()
    csp_conf = (args.csp_conf or project / "deploy" / "generated" / "csp.conf").absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    try:
        with publish_lock(site.parent):
            publish(project, site, csp_conf, args.quick, args.downloads)
    except PublishError as exc:
        print(f"publish: FAILED — {exc}\npublish: {site} was left untouched.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
