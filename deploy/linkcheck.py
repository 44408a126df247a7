"""Every internal link, script, stylesheet and image of every HTML page, and every sitemap entry,
resolves to a file of the built site — fragments included; nothing is loaded from another host.

Used by the publish step and by tests/test_links.py (the one link checker of the project).
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from deploy.htmlscan import ParsedPage, html_pages, parse_page

LOCAL_ORIGIN = "http://site.invalid"
LOADED = {"script", "link", "img", "iframe", "source", "video", "audio", "embed", "object"}
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "blob:", "javascript:")


def _url_of(site: Path, path: Path) -> str:
    return f"{LOCAL_ORIGIN}/{path.relative_to(site).as_posix()}"


def _target_file(site: Path, url_path: str) -> Path | None:
    relative = unquote(url_path).lstrip("/")
    candidate = site / relative
    if url_path.endswith("/") or relative == "" or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def sitemap_urls(sitemap: Path) -> list[str]:
    """<loc> entries and xhtml:link alternates of a sitemap.xml."""
    urls = []
    for element in ElementTree.parse(sitemap).iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name == "loc" and element.text:
            urls.append(element.text.strip())
        elif name == "link" and element.get("href"):
            urls.append(element.get("href", "").strip())
    return sorted(set(urls))


def check_links(site: Path, pages: dict[Path, ParsedPage] | None = None) -> list[str]:
    """Problems with the site's internal links (empty when every link resolves)."""
    pages = pages if pages is not None else {path: parse_page(path) for path in html_pages(site)}
    ids = {path: page.ids for path, page in pages.items()}
    home = pages.get(site / "index.html") or (parse_page(site / "index.html") if (site / "index.html").is_file() else None)
    site_url = home.canonical if home else None
    problems: list[str] = []

    def resolve(source: str, base: str, url: str, need_fragment: bool, what: str) -> None:
        if not url or url.lower().startswith(SKIPPED_SCHEMES):
            return
        if site_url and url.startswith(site_url):
            url = "/" + url[len(site_url):]
        absolute = urljoin(base, url)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != LOCAL_ORIGIN:
            if what in LOADED:
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
        for url in sitemap_urls(sitemap):
            resolve("sitemap.xml", f"{LOCAL_ORIGIN}/", url, need_fragment=False, what="loc")
    return problems
