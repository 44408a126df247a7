"""Page weight: what a reader downloads on a first visit and on a second page, per page type.

Two measurements, reported side by side:

* **static** — read from the built files: the page's HTML, then what its markup asks for
  (``link[rel=stylesheet|icon|preload|modulepreload|manifest]``, ``script[src]``, ``img[src]``,
  ``source[src]``, ``url(...)`` in ``style`` attributes and ``<style>``), then what those stylesheets
  ask for (``url(...)``: fonts, images; ``@import``), recursively. Bytes and ``gzip -9`` bytes of
  each file. An upper bound for CSS-referenced files (a browser fetches a font or a background
  image only when something uses it) and blind to requests made by scripts.
* **browser** — the authoritative first-view figure: Debian's chromium (Playwright) loads the page
  from bench/serve.py (gzip like a production host) in a fresh profile, and every response received
  until the network is idle, before any interaction, is counted with its encoded (transfer) body
  size. This catches script-initiated and lazy requests, such as a search index fetched at load.
  Requests to any host other than 127.0.0.1 are blocked and listed.

"Second page": the page visited after another page of the same language (after the home page; the
home page after the chapter), counting only what the first page did not already fetch.

"First interaction": what the same page fetches once the reader scrolls (a mouse wheel turn, then
until the network is idle again): Material's bundle, which the guide loads only then
(docs/assets/theme-init.js). Not part of the first view, and reported next to it.

The search index: every file under a ``search/`` folder of the built site, raw and gzip, with its
language (from the file name, or from the pages it indexes; a merged index is split by language).

    .venv/bin/python bench/page_weight.py SITE_DIR [--no-browser]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

# The desktop browser, as readers have it: the headless shell (what the tests use) fires a pointermove on
# load that makes assets/theme-init.js fetch Material's bundle at once, and it never asks for the favicon.
from common import CHROMIUM_FLAGS, FULL_CHROMIUM, LANGUAGES, gzip_size
from serve import running

SITE = "http://site.invalid/"  # a base to resolve references against; never requested


@dataclass(frozen=True)
class PageType:
    name: str
    path: str   # URL path without the leading slash ("" = home)
    after: str  # the page visited before it, for the warm-cache figure


PAGE_TYPES = (
    PageType("home", "", "guide/prevention/"),
    PageType("chapter", "guide/prevention/", ""),
    PageType("template", "notification/", ""),
    PageType("country profile", "countries/kazakhstan/", ""),
    PageType("RU chapter", "ru/guide/prevention/", "ru/"),
    PageType("RU self-assessment", "ru/self-assessment/", "ru/"),   # issue 12: ≤ 90 kB, own script ≤ 10 kB
)
KINDS = ("html", "css", "js", "font", "image", "data", "other")
EXTENSION_KINDS = {
    ".html": "html", ".htm": "html", ".css": "css", ".js": "js", ".mjs": "js",
    ".woff2": "font", ".woff": "font", ".ttf": "font", ".otf": "font", ".eot": "font",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".svg": "image",
    ".webp": "image", ".avif": "image", ".ico": "image",
    ".json": "data", ".xml": "data", ".txt": "data", ".webmanifest": "data",
}
BROWSER_KINDS = {"document": "html", "stylesheet": "css", "script": "js", "font": "font", "image": "image",
                 "fetch": "data", "xhr": "data", "manifest": "data"}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]+)"|'([^']+)')""")


def kind_of(path: str) -> str:
    """The kind of file a site path is, by its extension ('' and '…/' are pages)."""
    url_path = urlsplit(path).path
    if url_path in ("", "/") or url_path.endswith("/"):
        return "html"
    return EXTENSION_KINDS.get(Path(url_path).suffix.lower(), "other")


# --- static: what the markup and the stylesheets reference -------------------------------------

class _References(HTMLParser):
    """Collects the URLs a page makes the browser fetch without any script running."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.css_texts: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        rel = set(attr.get("rel", "").lower().split())
        if tag == "link" and attr.get("href") and rel & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}:
            self.urls.append(attr["href"])
        elif tag == "script" and attr.get("src"):
            self.urls.append(attr["src"])
        elif tag in ("img", "source", "input", "embed") and attr.get("src"):
            self.urls.append(attr["src"])
        elif tag == "video" and attr.get("poster"):
            self.urls.append(attr["poster"])
        elif tag == "object" and attr.get("data"):
            self.urls.append(attr["data"])
        if attr.get("style"):
            self.css_texts.append(attr["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css_texts.append(data)


def css_references(css: str) -> list[str]:
    found = [next(g for g in m.groups() if g is not None) for m in CSS_URL.finditer(css)]
    found += [m.group(1) or m.group(2) for m in CSS_IMPORT.finditer(css)]
    return [url for url in found if url and not url.startswith(("data:", "#"))]


@dataclass
class StaticPage:
    """The files one page needs, as site paths ('' = home), plus what could not be resolved."""

    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)


def _file_of(site: Path, path: str) -> Path:
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def static_page(site: Path, page_path: str) -> StaticPage:
    """Follow the page's markup and stylesheets to the set of files a first visit fetches."""
    result = StaticPage()
    queue: list[tuple[str, str]] = [(page_path, "html")]
    seen: set[str] = set()
    while queue:
        path, kind = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        file = _file_of(site, path)
        if not file.is_file():
            result.missing.append(path)
            continue
        result.files.append(path)
        if kind == "html":
            parser = _References()
            parser.feed(file.read_text(encoding="utf-8", errors="replace"))
            refs = parser.urls + [u for css in parser.css_texts for u in css_references(css)]
        elif kind == "css":
            refs = css_references(file.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        for ref in refs:
            if ref.strip().lower().startswith(("data:", "blob:", "javascript:", "#")):
                continue  # inline, nothing to fetch
            absolute = urljoin(SITE + path, ref.strip())
            parts = urlsplit(absolute)
            if f"{parts.scheme}://{parts.netloc}/" != SITE:
                if absolute not in result.external:
                    result.external.append(absolute)
                continue
            target = unquote(parts.path).lstrip("/")
            queue.append((target, "css" if kind_of(target) == "css" else "asset"))
    return result


def _tally(sizes: Iterable[tuple[str, int, int]]) -> dict[str, Any]:
    """Sum (kind, bytes, gzip) rows per kind, with a total."""
    kinds: dict[str, dict[str, int]] = {}
    for kind, raw, gz in sizes:
        row = kinds.setdefault(kind, {"files": 0, "bytes": 0, "gzip": 0})
        row["files"] += 1
        row["bytes"] += raw
        row["gzip"] += gz
    total = {key: sum(row[key] for row in kinds.values()) for key in ("files", "bytes", "gzip")}
    return {"by_kind": {kind: kinds[kind] for kind in KINDS if kind in kinds}, "total": total}


def measure_static(site: Path) -> dict[str, Any]:
    cache: dict[str, tuple[int, int]] = {}

    def size(path: str) -> tuple[int, int]:
        if path not in cache:
            data = _file_of(site, path).read_bytes()
            cache[path] = (len(data), gzip_size(data))
        return cache[path]

    results: dict[str, Any] = {}
    for page in PAGE_TYPES:
        first = static_page(site, page.path)
        before = set(static_page(site, page.after).files)
        rows = [(kind_of(p), *size(p)) for p in first.files]
        warm = [(kind_of(p), *size(p)) for p in first.files if p not in before]
        results[page.name] = {
            "url": "/" + page.path, "after": "/" + page.after,
            "first_visit": _tally(rows), "second_page": _tally(warm),
            "files": [{"path": "/" + p, "kind": kind_of(p), "bytes": size(p)[0], "gzip": size(p)[1]}
                      for p in first.files],
            "missing": ["/" + p for p in first.missing], "external": first.external,
        }
    return results


# --- browser: every response before any interaction --------------------------------------------

@dataclass(frozen=True)
class Response:
    url: str
    path: str
    status: int
    kind: str
    resource_type: str
    transfer: int   # encoded body bytes (what crossed the wire, gzip when the server compressed)
    decoded: int    # body bytes after decoding
    phase: str = "load"   # "load": the first view; "interaction": after the reader's first scroll


def _browser_visit(browser: Any, base: str, path: str, settle_ms: int) -> tuple[list[Response], list[str], list[str]]:
    """Load one page in a fresh context, then scroll once; return its responses (phase "load" or
    "interaction"), blocked foreign URLs, console errors."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  is_mobile=True, has_touch=True, service_workers="block")
    blocked: list[str] = []
    errors: list[str] = []
    responses: list[Any] = []

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(base) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    try:
        context.route("**/*", route)
        page = context.new_page()
        context.on("response", lambda response: responses.append(response))  # also workers' requests
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + path, wait_until="load", timeout=30_000)
        try:
            page.wait_for_load_state("networkidle", timeout=15_000)
        except Exception:  # noqa: BLE001 - a page that never goes idle is still measured
            errors.append("network did not go idle within 15 s")
        page.wait_for_timeout(settle_ms)
        loaded = len(responses)
        page.mouse.wheel(0, 600)   # the reader's first interaction
        try:
            page.wait_for_load_state("networkidle", timeout=15_000)
        except Exception:  # noqa: BLE001
            errors.append("network did not go idle within 15 s of the first interaction")
        page.wait_for_timeout(settle_ms)
        rows = []
        for number, response in enumerate(list(responses)):
            try:
                sizes = response.request.sizes()
                transfer = int(sizes.get("responseBodySize", 0))
            except Exception:  # noqa: BLE001 - e.g. a redirect without a body
                transfer = 0
            try:
                decoded = len(response.body()) if response.status not in (301, 302, 303, 307, 308) else 0
            except Exception:  # noqa: BLE001
                decoded = 0
            if transfer == 0 and decoded:  # e.g. a worker's own script: the server's Content-Length
                transfer = int(response.headers.get("content-length", decoded))
            resource_type = response.request.resource_type
            url_path = urlsplit(response.url).path
            kind = BROWSER_KINDS.get(resource_type) or kind_of(url_path)
            rows.append(Response(response.url, url_path, response.status, kind, resource_type, transfer, decoded,
                                 "load" if number < loaded else "interaction"))
        return rows, blocked, errors
    finally:
        context.close()


def measure_browser(site: Path, settle_ms: int = 1000) -> dict[str, Any]:
    """First view, warm second page and first interaction of every page type, in Debian's chromium."""
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with running(site) as server, sync_playwright() as playwright:
        base = server.base_url
        browser = playwright.chromium.launch(executable_path=str(FULL_CHROMIUM), args=list(CHROMIUM_FLAGS),
                                             timeout=60_000)
        try:
            visits: dict[str, tuple[list[Response], list[str], list[str]]] = {}
            for path in dict.fromkeys([p.path for p in PAGE_TYPES] + [p.after for p in PAGE_TYPES]):
                visits[path] = _browser_visit(browser, base, path, settle_ms)
        finally:
            browser.close()
    for page in PAGE_TYPES:
        every, blocked, errors = visits[page.path]
        rows = [r for r in every if r.phase == "load"]
        fetched_before = {r.url for r in visits[page.after][0] if r.phase == "load"}
        results[page.name] = {
            "url": "/" + page.path, "after": "/" + page.after,
            "first_visit": _tally((r.kind, r.decoded, r.transfer) for r in rows),
            "second_page": _tally((r.kind, r.decoded, r.transfer) for r in rows if r.url not in fetched_before),
            "first_interaction": _tally((r.kind, r.decoded, r.transfer) for r in every if r.phase == "interaction"),
            "responses": [{"path": r.path, "status": r.status, "kind": r.kind, "type": r.resource_type,
                           "transfer": r.transfer, "decoded": r.decoded, "phase": r.phase} for r in every],
            "not_ok": [f"{r.status} {r.path}" for r in every if r.status >= 400],
            "blocked_foreign_requests": blocked, "console_errors": errors,
        }
    return results


# --- the search index ----------------------------------------------------------------------------

_LANG_IN_NAME = re.compile(r"(?:^|[/._-])(" + "|".join(LANGUAGES) + r")(?=[/._-]|$)")


def _payload(text: str) -> Any:
    """The JSON object a .json file holds, or the last object a .js file assigns
    (``window.X["en"]={…};``); None when there is none."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    match = re.search(r"=\s*(\{.*\})\s*;?\s*$", text, re.S)
    if match:
        try:
            return json.loads(match.group(1))
        except ValueError:
            return None
    return None


def _doc_language(location: str) -> str:
    first = location.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES[1:] else LANGUAGES[0]


def measure_search_index(site: Path) -> dict[str, Any]:
    """Every file under a search/ folder: size, gzip size, language (merged indexes are split)."""
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.suffix != ".html"
                   and "search" in p.relative_to(site).parts[:-1])
    rows: list[dict[str, Any]] = []
    per_language: dict[str, dict[str, int]] = {}

    def add(language: str, raw: int, gz: int, docs: int) -> None:
        row = per_language.setdefault(language, {"files": 0, "bytes": 0, "gzip": 0, "docs": 0})
        row["files"] += 1
        row["bytes"] += raw
        row["gzip"] += gz
        row["docs"] += docs

    for file in files:
        rel = file.relative_to(site).as_posix()
        data = file.read_bytes()
        raw, gz = len(data), gzip_size(data)
        payload = _payload(data.decode("utf-8", errors="replace")) if file.suffix in (".json", ".js") else None
        docs = payload.get("docs") if isinstance(payload, dict) and isinstance(payload.get("docs"), list) else None
        counts: dict[str, int] = {}
        for doc in docs or []:
            language = _doc_language(str(doc.get("location", "")))
            counts[language] = counts.get(language, 0) + 1
        named = {m.group(1) for m in _LANG_IN_NAME.finditer(rel)}
        row: dict[str, Any] = {"path": "/" + rel, "bytes": raw, "gzip": gz, "docs": len(docs or [])}
        if len(counts) > 1:
            # A merged index: estimate each language's share by serialising its documents alone.
            row["language"] = "merged"
            ascii_only = data.isascii()
            row["split"] = {}
            for language in counts:
                subset = dict(payload, docs=[d for d in docs if _doc_language(str(d.get("location", ""))) == language])
                text = json.dumps(subset, ensure_ascii=ascii_only, separators=(",", ":")).encode()
                row["split"][language] = {"bytes": len(text), "gzip": gzip_size(text), "docs": counts[language]}
                add(language, len(text), gzip_size(text), counts[language])
        else:
            language = next(iter(counts)) if counts else (next(iter(named)) if len(named) == 1 else "shared")
            if counts and len(named) == 1 and named != set(counts):
                language = next(iter(named))  # the file name says which language loads it
            row["language"] = language
            add(language, raw, gz, len(docs or []))
        rows.append(row)
    return {"files": rows, "per_language": per_language,
            "total": {"bytes": sum(r["bytes"] for r in rows), "gzip": sum(r["gzip"] for r in rows)}}


def measure(site: Path, browser: bool = True, log: Any = print) -> dict[str, Any]:
    """All page-weight figures for a built site (the browser part only when chromium exists)."""
    result: dict[str, Any] = {"static": measure_static(site), "search_index": measure_search_index(site)}
    if browser and FULL_CHROMIUM.exists():
        started = time.perf_counter()
        result["browser"] = measure_browser(site)
        log(f"  browser page weight: {time.perf_counter() - started:.1f} s")
    elif browser:
        result["browser_skipped"] = f"{FULL_CHROMIUM} not found (make browser installs Debian's chromium)"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Page weight per page type, and the search index size.")
    parser.add_argument("site_dir", type=Path, help="a built site (e.g. site/ after make build)")
    parser.add_argument("--no-browser", action="store_true", help="only the static measurement")
    args = parser.parse_args()
    result = measure(args.site_dir, browser=not args.no_browser,
                     log=lambda message: print(message, file=sys.stderr))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
