"""Every internal link and anchor in the built HTML of both languages resolves."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, BuiltSite

BASE = "http://site.test/"


@cache
def ids_in(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(element["id"] for element in soup.find_all(id=True))


def target_file(root: Path, url_path: str) -> Path:
    local = root / unquote(url_path).lstrip("/")
    return local / "index.html" if url_path.endswith("/") else local


@pytest.mark.parametrize("lang", LANGUAGES)
def test_internal_links_and_anchors_resolve(site: BuiltSite, lang: str) -> None:
    broken = []
    for page in site.pages(lang):
        page_url = urljoin(BASE, ("" if lang == "en" else f"{lang}/") + page)
        soup = site.soup(lang, page)
        for a in soup.find_all("a", href=True):
            href = a["href"]
            target = urlparse(urljoin(page_url, href))
            if target.netloc != urlparse(BASE).netloc or target.scheme not in ("http", "https"):
                continue
            file = target_file(site.root, target.path)
            if not file.exists():
                broken.append(f"/{lang}/{page}: {href} (no {file.relative_to(site.root)})")
            elif target.fragment and file.suffix == ".html" and unquote(target.fragment) not in ids_in(file):
                broken.append(f"/{lang}/{page}: {href} (no id #{target.fragment})")
    assert broken == []


def test_heading_ids_are_shared_by_both_languages(site: BuiltSite) -> None:
    differing = []
    for page in site.pages("en"):
        def heading_ids(lang: str) -> list[str]:
            soup = site.soup(lang, page)
            return [h["id"] for h in soup.select("article h1[id], article h2[id], article h3[id], article h4[id]")]
        if heading_ids("en") != heading_ids("ru"):
            differing.append(page)
    assert differing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_generated_heading_ids(site: BuiltSite, lang: str) -> None:
    """Cyrillic headings without an explicit id would get ids like _1, _2 that differ per language."""
    for page in site.pages(lang):
        for heading in site.soup(lang, page).select("article h1, article h2, article h3, article h4"):
            assert heading.get("id") and not heading["id"].startswith("_"), (page, heading.get_text())
