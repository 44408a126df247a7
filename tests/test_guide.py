"""The Guide's chapters, annex pages and glossary, in both languages."""

from __future__ import annotations


import pytest

from conftest import LANGUAGES, BuiltSite, project_data

DATA = project_data()
CHAPTERS = ["about", "convention", "scope", "authorities", "identification", "notification", "prevention",
            "siting", "preparedness", "public", "response", "cooperation", "joining", "related"]
CHECKLIST_HEADING = {"en": "Checklist", "ru": "Что сделать"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_is_complete(site: BuiltSite, lang: str, chapter: str) -> None:
    soup = site.soup(lang, f"guide/{chapter}/")
    ids = {h["id"] for h in soup.select("article h2[id]")}
    assert "related" in ids
    if chapter != "about":
        assert "checklist" in ids
        assert soup.select_one("h2#checklist").get_text().startswith(CHECKLIST_HEADING[lang])
    related = soup.select_one("h2#related").find_next(["ul", "ol"])
    assert len(related.select("a[href]")) >= 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapters_are_in_navigation_order_with_previous_next(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, "guide/scope/")
    previous = soup.select_one("a.md-footer__link--prev")["href"]
    following = soup.select_one("a.md-footer__link--next")["href"]
    assert previous.rstrip("/").endswith("convention") and following.rstrip("/").endswith("authorities")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_annex_list_comes_from_data(site: BuiltSite, lang: str) -> None:
    rows = site.soup(lang, "guide/annexes/").select("#annex-list tbody tr")
    assert [r["data-annex"] for r in rows] == [a.number for a in DATA.annexes]
    for row, annex in zip(rows, DATA.annexes):
        cell = row.select("td")[0]
        assert cell.get_text(" ").startswith(annex.title.in_(lang))
        assert bool(cell.select(".ca-unconfirmed")) == (lang == "ru" and annex.ru_title_unconfirmed)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_page_lists_every_term_with_its_translation(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, "glossary/")
    entries = soup.select("dl.ca-glossary dt")
    assert len(entries) == len(DATA.glossary)
    other = "ru" if lang == "en" else "en"
    for term in DATA.glossary:
        dt = soup.select_one(f"dt#term-{term.id}")
        assert dt.get_text(" ").startswith(term.in_(lang).term)
        assert dt.find_next("dd").select_one(f"[lang={other}]").get_text() == term.in_(other).term


@pytest.mark.parametrize("lang", LANGUAGES)
def test_abbreviations_get_tooltips_in_the_page_language(site: BuiltSite, lang: str) -> None:
    """Every abbreviation on every page of a language carries the full form in that language."""
    expected = {a.short[lang]: a.full[lang] for a in DATA.abbreviations if lang in a.short}
    seen: dict[str, int] = {}
    for page in site.pages(lang):
        for abbr in site.soup(lang, page).select("article abbr[title]"):
            short = abbr.get_text()
            assert short in expected, (lang, page, short)
            assert abbr["title"] == expected[short], (lang, page, short, abbr["title"])
            seen[short] = seen.get(short, 0) + 1
    assert {"en": "IAN", "ru": "УПА"}[lang] in seen
    assert len(seen) >= 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_leads_to_chapters_template_and_countries(site: BuiltSite, lang: str) -> None:
    hrefs = [a["href"] for a in site.soup(lang).select("article a[href]")]
    assert any("guide/" in h for h in hrefs)
    assert any("notification/" in h for h in hrefs)
    assert sum("countries/" in h for h in hrefs) >= 6
