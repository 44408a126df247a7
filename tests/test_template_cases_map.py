"""Notification template, case-study indexes and the status map, in the built HTML of both languages."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import LANGUAGES, PROJECT, BuiltSite, project_data, project_pages
from guidekit.cases import load_cases

DATA = project_data()
CASES, CASE_ERRORS = load_cases(project_pages(), DATA, PROJECT / "data" / "schema")
BASE = "http://site.test/"


def resolve(lang: str, page: str, href: str) -> str:
    return urlparse(urljoin(urljoin(BASE, ("" if lang == "en" else f"{lang}/") + page), href)).path


def page_path(lang: str, src: str) -> str:
    return ("/" if lang == "en" else f"/{lang}/") + src.removesuffix(".md").removesuffix("index") + ("" if src.endswith("index.md") else "/")


def test_case_metadata_is_valid() -> None:
    assert CASE_ERRORS == []
    assert len(CASES) >= 7
    covered = {code for case in CASES for code in case.countries}
    assert set(DATA.countries) <= covered and {"RU", "BY"} <= covered


# --- notification template -----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_blank_template_has_every_field_with_guidance(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, "notification/")
    form = soup.select_one("form#notification-form")
    for section in DATA.notification:
        fieldset = form.select_one(f"fieldset#section-{section.id}")
        assert fieldset.legend.get_text() == section.title.in_(lang)
        for field in section.fields:
            box = fieldset.select_one(f"[data-field={field.id}]")
            label = box.select_one(f"label[for=f-{field.id}]").get_text(" ")
            assert label.startswith(field.label.in_(lang))
            assert box.select_one(f"#g-{field.id}").get_text() == field.guidance.in_(lang)
            control = box.select_one(f"#f-{field.id}")
            assert control is not None and control.get("name") == field.id
            assert control.has_attr("required") == field.required
    # Without JavaScript the action buttons stay hidden: the page is a readable blank template.
    assert all(node.has_attr("hidden") for node in soup.select(".ca-js-only"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_form_data_embedded_in_page_language(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, "notification/")
    payload = json.loads(soup.select_one("script#notification-data").string)
    assert payload["lang"] == lang
    for code, country in DATA.countries.items():
        entry = payload["countries"][code]
        assert entry["name"] == country.name.in_(lang)
        assert entry["authorities"] == "; ".join(a.name.in_(lang) for a in country.facts["authorities"].value)
    options = [o["value"] for o in soup.select("select[name=party_of_origin] option") if o["value"]]
    assert options == list(DATA.countries)
    script = soup.select_one("script[src$='notification-form.js']")
    assert (Path(site.path(lang, "notification/")).parent / script["src"]).resolve().is_file()


# --- case studies ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_case_indexes_list_every_case_by_country_and_area(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, "cases/")
    by_country = soup.select_one("#cases-by-country")
    by_area = soup.select_one("#cases-by-area")
    for case in CASES:
        for code in case.countries:
            row = by_country.select_one(f"tr[data-country={code}]")
            link = row.select_one(f"li[data-case={case.slug}] a")
            assert link.get_text() == case.title.in_(lang)
            assert resolve(lang, "cases/", link["href"]) == page_path(lang, case.page)
        for area in DATA.working_areas:
            listed = by_area.select_one(f"tr[data-area={area.id}] li[data-case={case.slug}]") is not None
            assert listed == (area.id in case.areas), (case.slug, area.id)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapters_link_to_the_cases_of_their_working_area(site: BuiltSite, lang: str) -> None:
    for area in DATA.working_areas:
        chapter = area.chapter.removesuffix(".md") + "/"
        block = site.soup(lang, chapter).select_one(f".ca-cases-for-area[data-area={area.id}]")
        listed = {li["data-case"] for li in block.select("li[data-case]")}
        assert listed == {case.slug for case in CASES if area.id in case.areas}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_case_page_shows_its_metadata(site: BuiltSite, lang: str) -> None:
    for case in CASES:
        page = case.page.removesuffix(".md") + "/"
        summary = site.soup(lang, page).select_one(f".ca-case-summary[data-case={case.slug}]")
        text = summary.get_text(" ")
        assert str(case.year) in text
        for code in case.countries:
            assert DATA.country_name(code).in_(lang) in text
        assert len(summary.select(".ca-sources li")) == len(case.sources)


# --- map -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_colours_and_links_match_the_data(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, "countries/")
    svg = soup.select_one("#status-map svg")
    # Named by its own <title> and <desc> (no role="group": not valid on <svg> for the HTML checker)
    assert svg.get("role") is None and svg["aria-labelledby"].split() == ["status-map-title", "status-map-desc"]
    assert svg.select_one("title#status-map-title").get_text() and svg.select_one("desc#status-map-desc").get_text()
    for code, country in DATA.countries.items():
        link = svg.select_one(f"a[data-country={code}]")
        expected_class = "ca-map--party" if country.is_party else "ca-map--not-party"
        assert all(expected_class in p["class"] for p in link.select("path.ca-map__country"))
        assert link["data-ian"] == ("yes" if country.facts["ian_point_of_contact"].value else "no")
        assert link.select_one("text").get_text() == country.name.in_(lang)
        assert resolve(lang, "countries/", link["href"]) == page_path(lang, country.page)
        row = soup.select_one(f"#map-table tr[data-country={code}]")
        status = DATA.ui.get(f"value.convention_status.{country.facts['convention_status'].value}", lang)
        assert row.select_one("td[data-fact=convention_status]").get_text() == status
    legend = soup.select_one(".ca-map__legend").get_text(" ")
    assert DATA.ui.get("value.convention_status.party", lang) in legend


def test_map_requests_nothing(site: BuiltSite) -> None:
    svg = site.soup("en", "countries/").select_one("#status-map svg")
    assert not svg.select("image, use[href^=http], script, foreignObject")
