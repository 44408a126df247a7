"""Every working-area chapter has an "In Central Asia" section built from country data and a worked example.

Checked on the built HTML of both languages: the two sections exist with the shared ids, the Central Asia
section contains content rendered from data/countries.yml (links to the country profiles in the page's own
language, with the country names of that language), the worked example has numbered steps with figures,
and the Russian sections contain no English sentences left behind.
"""

from __future__ import annotations

import posixpath
import re

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import LANGUAGES, PROJECT, BuiltSite
from guidekit.loader import load_guide_data

# One chapter per line (docs/guide/<name>.md); append new chapters at the end.
CHAPTERS = (
    "convention",
    "scope",
    "authorities",
    "notification",
    "prevention",
    "siting",
    "preparedness",
    "response",
    "joining",
    "public",
    "cooperation",
    "related",
    "identification",
)

DATA = load_guide_data(PROJECT / "data", PROJECT)
HEADING_PREFIX = {
    "central-asia": {"en": "In Central Asia", "ru": "В Центральной Азии"},
    "worked-example": {"en": "Worked example: ", "ru": "Разбор примера: "},
}
# Three or more Latin-script words in a row (document symbols such as ECE/CP.TEIA/35 have no spaces).
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z’'-]*(?:[ ,;:]+[A-Za-z][A-Za-z’'-]*){2,}")


def section(soup: BeautifulSoup, section_id: str) -> list[Tag]:
    """The h2 with that id and everything after it up to the next h2."""
    heading = soup.select_one(f"article h2#{section_id}")
    assert heading is not None, f"no <h2 id='{section_id}'>"
    parts = [heading]
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(sibling)
    return parts


def text_of(parts: list[Tag]) -> str:
    """Reader-visible text of a section (code and the heading permalink left out)."""
    chunks = []
    for part in parts:
        clone = BeautifulSoup(str(part), "html.parser")
        for skip in clone.select("code, a.headerlink"):
            skip.decompose()
        chunks.append(clone.get_text(" "))
    return " ".join(" ".join(chunks).split())


def latin_runs(text: str) -> list[str]:
    return LATIN_RUN.findall(text)


def page_url(lang: str, chapter: str) -> str:
    return ("/" if lang == "en" else f"/{lang}/") + f"guide/{chapter}/"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_has_both_sections_with_shared_ids(site: BuiltSite, lang: str, chapter: str) -> None:
    soup = site.soup(lang, f"guide/{chapter}/")
    ids = [h["id"] for h in soup.select("article h2[id]")]
    for section_id, prefixes in HEADING_PREFIX.items():
        assert section_id in ids, f"{page_url(lang, chapter)} has no section #{section_id}"
        title = soup.select_one(f"article h2#{section_id}").get_text(" ", strip=True)
        assert title.startswith(prefixes[lang]), title
    # Both come before the checklist, so a reader meets them with the chapter, not after the appendices.
    assert ids.index("central-asia") < ids.index("checklist")
    assert ids.index("worked-example") < ids.index("checklist")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_central_asia_section_links_country_profiles_in_the_same_language(
    site: BuiltSite, lang: str, chapter: str,
) -> None:
    parts = section(site.soup(lang, f"guide/{chapter}/"), "central-asia")
    # Country links rendered from data: <!-- country:link XX --> or the rows of <!-- country:area AREA -->.
    links = [a for part in parts for a in part.select("a.ca-country, .ca-table[data-area] tbody th a")]
    assert links, f"{page_url(lang, chapter)}#central-asia shows no country from data/countries.yml"
    names = {c.name.in_(lang): c for c in DATA.countries.values()}
    for link in links:
        name = link.get_text(strip=True)
        assert name in names, f"{name!r} is not a country name in {lang}"
        target = posixpath.normpath(posixpath.join(page_url(lang, chapter), link["href"])) + "/"
        expected = ("/" if lang == "en" else f"/{lang}/") + names[name].page.removesuffix(".md") + "/"
        assert target == expected, f"{name} links to {target}, expected {expected}"
        assert (site.root / target.removeprefix("/") / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_worked_example_has_numbered_steps_with_figures(site: BuiltSite, lang: str, chapter: str) -> None:
    parts = section(site.soup(lang, f"guide/{chapter}/"), "worked-example")
    steps = [li for part in parts for ol in ([part] if part.name == "ol" else part.select("ol"))
             for li in ol.find_all("li", recursive=False)]
    assert len(steps) >= 3, f"{page_url(lang, chapter)}#worked-example has {len(steps)} numbered steps"
    assert sum(bool(re.search(r"\d", li.get_text())) for li in steps) >= 2


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_russian_sections_have_no_english_left(site: BuiltSite, chapter: str) -> None:
    soup = site.soup("ru", f"guide/{chapter}/")
    for section_id in HEADING_PREFIX:
        runs = latin_runs(text_of(section(soup, section_id)))
        assert runs == [], f"/ru/guide/{chapter}/#{section_id}: {runs}"


def test_the_latin_check_finds_an_english_sentence_but_not_symbols() -> None:
    assert latin_runs("Оператор представляет декларацию. The operator submits a report.")
    assert latin_runs("см. ECE/CP.TEIA/35, решение 2000/3 и приложение I (Part II)") == []
