"""The built site, both languages: pages, switcher, markers rendered from data, search, no third parties."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

import pytest
from bs4 import Comment

from conftest import LANGUAGES, PROJECT, BuiltSite, project_data
from guidekit.localize import format_date

DATA = project_data()
BASE = "http://site.test/"


def url_of(lang: str, page: str) -> str:
    return urljoin(BASE, ("" if lang == "en" else f"{lang}/") + page)


def resolve(lang: str, page: str, href: str) -> str:
    """Absolute path a link on a page points to (so relative links can be compared)."""
    target = urljoin(url_of(lang, page), href)
    return urlparse(target).path


def text(node) -> str:
    return " ".join(node.get_text(" ").replace("\u00a0", " ").split())


def test_both_languages_have_the_same_pages(site: BuiltSite) -> None:
    english, russian = site.pages("en"), site.pages("ru")
    assert len(english) >= 7
    assert english == russian


def test_every_docs_page_has_a_russian_source() -> None:
    missing = [
        p.relative_to(PROJECT).as_posix()
        for p in (PROJECT / "docs").rglob("*.md")
        if not p.name.endswith(".ru.md") and not p.with_name(p.stem + ".ru.md").exists()
    ]
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_declare_their_language(site: BuiltSite, lang: str) -> None:
    for page in site.pages(lang):
        assert site.soup(lang, page).html["lang"] == lang, page


def test_russian_pages_are_russian(site: BuiltSite) -> None:
    """A Russian page built from the English file (fallback) would be mostly Latin script."""
    for page in site.pages("ru"):
        body = text(site.soup("ru", page).select_one("article"))
        cyrillic = len(re.findall(r"[А-Яа-яЁё]", body))
        latin = len(re.findall(r"[A-Za-z]", body))
        assert cyrillic > latin, f"/ru/{page} looks untranslated"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_keeps_the_page(site: BuiltSite, lang: str) -> None:
    for page in site.pages(lang):
        soup = site.soup(lang, page)
        links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
        assert set(links) == set(LANGUAGES), page
        for other in LANGUAGES:
            assert resolve(lang, page, links[other]) == urlparse(url_of(other, page)).path, (lang, page, other)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_marker_is_left_unrendered(site: BuiltSite, lang: str) -> None:
    marker = re.compile(r"^\s*[a-z][a-z0-9-]*:[a-z][a-z0-9-]*")
    for page in site.pages(lang):
        comments = site.soup(lang, page).find_all(string=lambda s: isinstance(s, Comment))
        assert not [c for c in comments if marker.match(c)], page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_profiles_show_every_fact_from_the_data(site: BuiltSite, lang: str) -> None:
    for country in DATA.countries.values():
        page = country.page.removesuffix(".md") + "/"
        profile = site.soup(lang, page).select_one(f".ca-profile[data-country='{country.code}']")
        assert profile is not None, page
        shown = {row["data-fact"] for row in profile.select("tr[data-fact]")}
        assert shown == {"official_name", *country.facts}
        assert text(profile.select_one("tr[data-fact=official_name] td")) == country.official_name.in_(lang)
        for fact in country.facts.values():
            row = profile.select_one(f"tr[data-fact='{fact.name}']")
            assert format_date(fact.as_of, lang).replace("\u00a0", " ") in text(row)
            assert fact.source.title.in_(lang) in {a.get("title") for a in row.select("a")}


def test_russian_dates_and_labels(site: BuiltSite) -> None:
    row = site.soup("ru", "countries/kazakhstan/").select_one("tr[data-fact=accession_date]")
    assert text(row.select_one("time[datetime='2001-01-11']")) == "11 января 2001 г."
    status = site.soup("ru", "countries/kazakhstan/").select_one("tr[data-fact=convention_status] td .ca-value")
    assert text(status) == "Сторона Конвенции"
    english = site.soup("en", "countries/kazakhstan/").select_one("tr[data-fact=accession_date] time")
    assert text(english) == "11 January 2001"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_table_matches_data_and_links_to_profiles_in_same_language(site: BuiltSite, lang: str) -> None:
    page = "countries/"
    table = site.soup(lang, page).select_one("#status-table table")
    rows = table.select("tbody tr")
    assert [r["data-country"] for r in rows] == list(DATA.countries)
    for row in rows:
        country = DATA.country(row["data-country"])
        link = row.select_one("th a")
        assert text(link) == country.name.in_(lang)
        assert resolve(lang, page, link["href"]) == urlparse(url_of(lang, country.page.removesuffix(".md") + "/")).path
        status = row.select_one("td[data-fact=convention_status] .ca-value")
        expected = DATA.ui.get(f"value.convention_status.{country.facts['convention_status'].value}", lang)
        assert text(status) == expected
        negm = row.select_one("td[data-fact=negm] time")
        assert negm["datetime"] == country.facts["negm"].value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_inline_markers_render_in_page_language(site: BuiltSite, lang: str) -> None:
    links = site.soup(lang).select("a.ca-country")
    assert [text(a) for a in links] == [c.name.in_(lang) for c in DATA.countries.values()]
    for a, country in zip(links, DATA.countries.values()):
        assert resolve(lang, "", a["href"]) == urlparse(url_of(lang, country.page.removesuffix(".md") + "/")).path


def test_unconfirmed_items_are_flagged(site: BuiltSite) -> None:
    for lang, word in (("en", "unconfirmed"), ("ru", "не подтверждено")):
        flagged = site.soup(lang, "countries/kyrgyzstan/").select("tr[data-fact=authorities] .ca-unconfirmed")
        assert [text(f) for f in flagged] == [word]


def test_search_index_per_language(site: BuiltSite) -> None:
    from guidekit.search import expand_index

    english, russian = site.search_index("en"), site.search_index("ru")
    assert english["lang"] == "en" and russian["lang"] == "ru"
    assert all(not doc["location"].startswith("ru/") for doc in english["docs"])
    assert all(doc["location"].startswith("ru/") for doc in russian["docs"])
    pages = {doc["location"] for doc in russian["docs"] if "#" not in doc["location"]}
    # Every page is searchable except the one-page Guide, which would duplicate every chapter.
    assert pages == {f"ru/{page}" for page in site.pages("ru")} - {"ru/guide/print/"}
    assert "казахстан" in " ".join(sum(expand_index(russian).values(), []))
    assert not (site.root / "search" / "search_index.json").exists()   # nobody fetches a merged index
    assert "<p>" not in russian["docs"][0]["text"]


REQUEST_ATTRIBUTES = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
    "embed": "src", "object": "data", "link": "href", "form": "action",
}


def is_third_party(url: str) -> bool:
    parsed = urlparse(url)
    own = urlparse(BASE_SITE_URL)
    return bool(parsed.scheme or parsed.netloc) and parsed.netloc != own.netloc


BASE_SITE_URL = "https://industrial-safety-guide.example.org/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_request_nothing_from_third_party_hosts(site: BuiltSite, lang: str) -> None:
    for page in site.pages(lang):
        soup = site.soup(lang, page)
        for tag, attribute in REQUEST_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                url = element.get(attribute)
                if url:
                    assert not is_third_party(url), (page, str(element)[:120])
        for style in soup.find_all("style"):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", style.get_text()), page


def test_stylesheets_load_nothing_remote(site: BuiltSite) -> None:
    for asset in site.root.rglob("*.css"):
        content = asset.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import|fonts\.googleapis", content), asset


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_triggers_materials_cdn_loaders(site: BuiltSite, lang: str) -> None:
    """Material's bundle loads Mermaid from a CDN when a page has a .mermaid block, and calls the
    GitHub API when repo_url is set; neither may happen here."""
    for page in site.pages(lang):
        soup = site.soup(lang, page)
        assert not soup.select(".mermaid"), page
        assert not soup.select(".md-source"), page


def test_site_url_makes_alternates_absolute_in_sitemap(site: BuiltSite) -> None:
    tree = ElementTree.parse(site.root / "sitemap.xml")
    locations = [loc.text or "" for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations and all(loc.startswith(BASE_SITE_URL) for loc in locations)


def test_build_outputs_no_stray_sources(site: BuiltSite) -> None:
    assert not list(site.root.rglob("*.md"))
    assert not list(site.root.rglob("*.yml"))
    assert not (site.root / "markers").exists()


@pytest.mark.slow
def test_second_build_in_same_process_is_identical(site: BuiltSite, tmp_path: Path) -> None:
    """Hooks keep no module-level state: a second build in this process gives the same pages."""
    from conftest import build_site

    build_site(PROJECT / "mkdocs.yml", tmp_path / "again")
    again = BuiltSite(tmp_path / "again")
    for lang in LANGUAGES:
        assert again.pages(lang) == site.pages(lang)
        for page in site.pages(lang):
            assert again.path(lang, page).read_text(encoding="utf-8") == site.path(lang, page).read_text(encoding="utf-8")
    for lang in LANGUAGES:
        assert again.search_index(lang) == site.search_index(lang)
