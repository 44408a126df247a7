"""Country profiles: legal basis, bodies per working area, transboundary situation, findings, and the
per-area comparison marker — rendered from data/countries.yml in both languages, and each profile
page its own text (no two share more than a third of their visible text)."""

from __future__ import annotations

import difflib
import itertools
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, data_error, project_data
from guidekit.countries import check_working_area, render_area  # noqa: E402
from guidekit.markers import RenderContext, make_templates  # noqa: E402

DATA = project_data()
TEMPLATES = make_templates(str(PROJECT / "overrides"))
PROFILES = {"KZ": "kazakhstan", "KG": "kyrgyzstan", "TJ": "tajikistan", "TM": "turkmenistan", "UZ": "uzbekistan"}
LANGS = ("en", "ru")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def ctx(lang: str) -> RenderContext:
    return RenderContext(lang=lang, data=DATA, templates=TEMPLATES, link_to=lambda target: f"LINK:{target}")


# --- the data ----------------------------------------------------------------------------------


def test_every_country_has_its_own_legal_basis_with_sources() -> None:
    titles = set()
    for code, country in DATA.countries.items():
        assert country.legal_basis, f"{code} has no legal basis"
        for act in country.legal_basis:
            assert act.cite.source.key in DATA.sources
            assert re.fullmatch(r"\d{4}", act.year)
            titles.add((code, act.title.en))
    assert len(titles) >= 10


def test_bodies_refer_to_known_areas_and_agencies() -> None:
    areas = {a.id for a in DATA.working_areas}
    for country in DATA.countries.values():
        assert set(country.bodies) <= areas
        for entry in country.bodies.values():
            assert all(agency.key in country.agencies for agency in entry.agencies)


# --- the country:area marker -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_area_marker_compares_the_five_countries(lang: str) -> None:
    soup = BeautifulSoup(render_area(ctx(lang), ("prevention",)), "html.parser")
    rows = soup.select("tbody tr[data-country]")
    assert [r["data-country"] for r in rows] == list(DATA.countries)
    kg = soup.select_one("tr[data-country=KG]")
    inspectorate = DATA.countries["KG"].agencies["inspectorate"].name
    assert inspectorate.in_(lang) in kg.select_one("td[data-part=bodies]").get_text()
    # only the acts that govern prevention appear, each with its year and a resolvable source number
    kz_acts = kz = soup.select_one("tr[data-country=KZ] td[data-part=acts]").get_text(" ")
    for act in DATA.countries["KZ"].legal_basis:
        assert (act.title.in_(lang) in kz_acts) == ("prevention" in act.areas)
    ids = {li["id"] for li in soup.select("ol.ca-sources li")}
    for link in soup.select("sup.ca-ref a"):
        assert link["href"].lstrip("#") in ids
    # a country with no body recorded for the area says so instead of leaving a blank
    tm = soup.select_one("tr[data-country=TM] td[data-part=bodies]").get_text(strip=True)
    assert tm == DATA.ui.get("profile.not_recorded", lang)
    if lang == "ru":
        assert "Inspectorate" not in kz and CYRILLIC.search(soup.caption.get_text())


def test_area_marker_is_compact_notes_stay_on_the_profiles() -> None:
    html = render_area(ctx("en"), ("prevention",))
    kz_civil_protection = next(a for a in DATA.countries["KZ"].legal_basis if a.number == "188-V")
    assert kz_civil_protection.cite.note is not None
    assert kz_civil_protection.cite.note.en not in html
    assert "No. 188-V" in BeautifulSoup(html, "html.parser").get_text(" ")
    assert "№ 188-V" in BeautifulSoup(render_area(ctx("ru"), ("prevention",)), "html.parser").get_text(" ")


def test_area_marker_rejects_an_unknown_area() -> None:
    problem = check_working_area(DATA, ("prevent",), 0)
    assert problem is not None and "unknown working area 'prevent'" in problem[0]
    assert check_working_area(DATA, ("response",), 0) is None


# --- bad data is reported with file:line and key path --------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> str:
    return data_error(tmp_path, "countries.yml", old, new)


def test_unknown_authority_in_bodies_names_line_and_key(tmp_path: Path) -> None:
    message = _broken(tmp_path, "        agencies: [inspectorate]\n", "        agencies: [inspectorat]\n")
    assert re.search(r"data/countries\.yml:\d+ countries\.KG\.bodies\.prevention\.agencies\[0\]: unknown authority 'inspectorat'",
                     message), message
    assert "use one of: mes, inspectorate" in message


def test_unknown_area_in_legal_basis_names_line_and_key(tmp_path: Path) -> None:
    message = _broken(tmp_path, "        areas: [preparedness, response]\n", "        areas: [preparedness, responce]\n")
    assert re.search(r"countries\.KG\.legal_basis\[1\]\.areas\[1\]: unknown working area 'responce'", message), message


# --- the built pages ---------------------------------------------------------------------------


def main_text(site, lang: str, page: str) -> str:
    article = site.soup(lang, page).select_one("article")
    return " ".join(article.get_text(" ").split())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", PROFILES)
def test_profile_shows_legal_basis_bodies_transboundary_and_findings(site, code: str, lang: str) -> None:
    soup = site.soup(lang, f"countries/{PROFILES[code]}/")
    country = DATA.countries[code]
    laws = soup.select_one(f"[data-section=legal-basis][data-country={code}]")
    for act in country.legal_basis:
        row = [r for r in laws.select("tbody tr") if act.title.in_(lang) in r.get_text()]
        assert row and act.year in row[0].get_text()
    bodies = soup.select_one(f"[data-section=bodies][data-country={code}]")
    shown = [r["data-area"] for r in bodies.select("tbody tr")] + [
        a["data-area"] for a in bodies.select("[data-part=not-recorded] a")]
    assert sorted(shown) == sorted(a.id for a in DATA.working_areas)   # every area: a body, or said to be missing
    assert [r["data-area"] for r in bodies.select("tbody tr")] == [a.id for a in DATA.working_areas if a.id in country.bodies]
    for area, entry in country.bodies.items():
        cell = bodies.select_one(f"tr[data-area={area}] td").get_text()
        assert all(a.name.in_(lang) in cell for a in entry.agencies)
    transboundary = soup.select_one(f"[data-section=transboundary][data-country={code}]")
    for river in country.transboundary.rivers:
        assert DATA.basins[river.basin].name.in_(lang) in transboundary.get_text()
    findings = soup.select_one(f"[data-section=findings][data-country={code}]")
    assert len(findings.select("ul > li")) == len(country.findings)
    # every unconfirmed item carries the visible flag, in the page's language
    unconfirmed = sum(1 for a in country.agencies.values() if a.cite.unconfirmed and any(
        a in e.agencies for e in country.bodies.values())) + sum(
        1 for e in country.bodies.values() if e.cite.unconfirmed)
    flags = bodies.select(".ca-unconfirmed")
    assert len(flags) >= unconfirmed
    assert all(f.get_text() == DATA.ui.get("meta.unconfirmed", lang) for f in flags)
    if lang == "ru":
        for act in country.legal_basis:
            assert act.title.en not in laws.get_text()


def test_no_two_profiles_share_more_than_a_third_of_their_text(site) -> None:
    worst = {}
    for lang in LANGS:
        texts = {code: main_text(site, lang, f"countries/{slug}/").split() for code, slug in PROFILES.items()}
        for a, b in itertools.combinations(PROFILES, 2):
            ratio = difflib.SequenceMatcher(None, texts[a], texts[b], autojunk=False).ratio()
            worst[(lang, a, b)] = ratio
    print("\n".join(f"{k}: {v:.3f}" for k, v in sorted(worst.items(), key=lambda kv: -kv[1])))
    too_similar = {k: round(v, 3) for k, v in worst.items() if v >= 0.33}
    assert not too_similar, too_similar


@pytest.mark.parametrize("lang", LANGS)
def test_chapters_that_use_the_area_marker_show_all_five_countries(site, lang: str) -> None:
    used = [a for a in DATA.working_areas
            if f"<!-- country:area {a.id} -->" in (PROJECT / "docs" / a.chapter).read_text(encoding="utf-8")]
    for area in used:
        page = area.chapter.removesuffix(".md") + "/"
        table = site.soup(lang, page).select_one(f"div[data-area={area.id}] table")
        assert table is not None, page
        assert area.name.in_(lang) in table.caption.get_text()
        links = {r["data-country"]: r.select_one("th a")["href"] for r in table.select("tbody tr")}
        assert list(links) == list(DATA.countries)
        assert all(href.startswith("../../") and "countries/" in href for href in links.values()), links
