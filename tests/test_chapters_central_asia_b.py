"""Chapters preparedness … related: an "In Central Asia" section built from country data and a
worked example, in both languages (issue 13, item 2)."""

from __future__ import annotations

import posixpath
import re

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import LANGUAGES, BuiltSite

CHAPTERS = ("preparedness", "response", "joining")

# Four or more Latin words in a row: an English sentence (or clause) left in Russian text.
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z']*(?:[ ,;:()\-–]+[A-Za-z][a-z']*){3,}")


def section(soup: BeautifulSoup, section_id: str) -> list[Tag]:
    """The elements from the h2 with this id up to the next h2 (the heading excluded)."""
    heading = soup.find("h2", id=section_id)
    assert heading is not None, f"no h2 #{section_id}"
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(sibling)
    return parts


def page_url(lang: str, chapter: str) -> str:
    return f"/{'' if lang == 'en' else lang + '/'}guide/{chapter}/"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_has_central_asia_section_and_worked_example(site: BuiltSite, lang: str, chapter: str) -> None:
    soup = site.soup(lang, f"guide/{chapter}/")
    assert soup.find("h2", id="central-asia"), f"{lang} {chapter}: no #central-asia section"
    example = section(soup, "worked-example")
    lists = [ol for part in example for ol in ([part] if part.name == "ol" else part.find_all("ol"))]
    steps = [li for ol in lists for li in ol.find_all("li", recursive=False)]
    assert len(steps) >= 3, f"{lang} {chapter}: the worked example has no numbered steps"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_central_asia_section_is_rendered_from_country_data(site: BuiltSite, lang: str, chapter: str) -> None:
    soup = site.soup(lang, f"guide/{chapter}/")
    parts = section(soup, "central-asia")
    links = [a for part in parts for a in part.select("a.ca-country")]
    assert links, f"{lang} {chapter}: no country links rendered in #central-asia"
    base = page_url(lang, chapter)
    for a in links:
        target = posixpath.normpath(posixpath.join(base, a["href"])) + "/"
        expected_prefix = "/countries/" if lang == "en" else f"/{lang}/countries/"
        assert target.startswith(expected_prefix), f"{lang} {chapter}: {a['href']} leaves the language"
        assert site.path(lang, target.removeprefix(f"/{lang}/" if lang != "en" else "/")).is_file(), target
    assert not any("<!--" in str(part) and "country:" in str(part) for part in parts), "marker left unrendered"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_russian_sections_have_no_english_leftovers(site: BuiltSite, chapter: str) -> None:
    soup = site.soup("ru", f"guide/{chapter}/")
    for section_id in ("central-asia", "worked-example"):
        heading = soup.find("h2", id=section_id)
        text = " ".join([heading.get_text(" ", strip=True)] + [p.get_text(" ", strip=True)
                                                                for p in section(soup, section_id)])
        leftovers = ENGLISH_RUN.findall(text)
        assert not leftovers, f"ru {chapter} #{section_id}: English text left: {leftovers}"
        assert re.search("[а-яё]", text), f"ru {chapter} #{section_id}: no Russian text"
