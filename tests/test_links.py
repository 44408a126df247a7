"""Every internal link and anchor in the built HTML of both languages resolves; ids are shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGUAGES, BuiltSite
from deploy.linkcheck import check_links


def test_internal_links_assets_and_anchors_resolve(site: BuiltSite) -> None:
    """The publish step's link checker (deploy/linkcheck.py) on the test build: every link, script,
    stylesheet, image, fragment and sitemap entry of both languages resolves; nothing from another host."""
    assert check_links(site.root) == []


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
        "sitemap.xml": '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                       'xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://guide.example/guide/</loc>'
                       '<xhtml:link rel="alternate" hreflang="ru" href="https://guide.example/ru/"/></url>'
                       "<url><loc>https://guide.example/gone/</loc></url></urlset>",
    })
    problems = check_links(site)
    assert len(problems) == 5, problems
    assert any("no id 'nowhere' in guide/index.html" in p for p in problems)
    assert any("missing/ → /missing/ does not exist" in p for p in problems)
    assert any("<script> loads https://cdn.example/x.js from another host" in p for p in problems)
    assert any(p.startswith("sitemap.xml:") and "/gone/" in p for p in problems)
    assert any(p.startswith("sitemap.xml:") and "/ru/" in p for p in problems), "hreflang alternates are checked"


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
