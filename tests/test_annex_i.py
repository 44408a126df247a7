"""Annex I: the current (2014) tables and the superseded (2006) ones, from data, in both languages."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PROJECT, BuiltSite, project_data, data_error
from guidekit.annexes import annex_i_version, check_version
from guidekit.errors import GuideErrors
from guidekit.loader import load_guide_data
from guidekit.localize import format_number
from guidekit.markers import RenderContext, make_registry, make_templates, render_markers
from guidekit.model import Localized
from guidekit.site import MARKER_SPECS

DATA = project_data()
PAGE = "guide/annex-i/"
NBSP = "\u00a0"


def text(node) -> str:
    return node.get_text(" ", strip=True).replace(NBSP, " ")


def sections(site: BuiltSite, lang: str) -> dict[str, BeautifulSoup]:
    return {s["data-version"]: s for s in site.soup(lang, PAGE).select("section.ca-annex-i")}


def cells(section, part: int) -> dict[str, str]:
    """Entry number → threshold cell text (non-breaking spaces kept, to check Russian grouping)."""
    rows = section.select(f"#annex-i-{section['data-version']}-part-{part} tbody tr")
    return {r["data-entry"]: r.select("td")[-1].get_text().strip() for r in rows}


# --- the built pages -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_current_version_comes_first_with_its_dates_and_sources(site: BuiltSite, lang: str) -> None:
    found = site.soup(lang, PAGE).select("section.ca-annex-i")
    assert [(s["data-version"], s["data-status"]) for s in found] == [("2014", "current"), ("2006", "superseded")]
    current = found[0]
    version = text(current.select_one(".ca-version"))
    expected = {
        "en": ("Current version", "decision 2014/2", "Geneva, 3–5 December 2014", "In force since 19 December 2015"),
        "ru": ("Действующая редакция", "решением 2014/2", "Женева, 3–5 декабря 2014 г.", "Действует с 19 декабря 2015 г."),
    }[lang]
    for phrase in expected:
        assert phrase in version
    # Kazakhstan, the region's Party, is named and links to its profile in the same language.
    link = current.select_one(".ca-version a[href*=kazakhstan]")
    assert link.get_text() == DATA.countries["KZ"].name.in_(lang)
    # Every superscript points at an item of this version's own source list.
    refs = [a["href"] for a in current.select("sup.ca-ref a")]
    assert refs and all(current.select_one(href) is not None for href in refs)
    titles = [text(li) for li in current.select("ol.ca-sources li")]
    assert titles[0].startswith(annex_i_version(DATA, "2014").source.title.in_(lang))
    assert current.select_one("ol.ca-sources li a")["href"].startswith("https://public.codexis.cz/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_current_part_i_matches_the_data_and_formats_numbers(site: BuiltSite, lang: str) -> None:
    current = sections(site, lang)["2014"]
    version = annex_i_version(DATA, "2014")
    part_i = cells(current, 1)
    assert list(part_i) == [row.id for row in version.part_i]
    assert part_i["1"] == "20"
    assert part_i["2"] == "200"
    assert part_i["8"] == ("50,000" if lang == "en" else f"50{NBSP}000")
    names = [text(r.select("td")[1]) for r in current.select("#annex-i-2014-part-1 tbody tr")]
    assert names == [row.name.in_(lang) for row in version.part_i]
    caption = text(current.select_one("#annex-i-2014-part-1 caption"))
    assert caption.startswith({"en": "Part I. Categories of substances and mixtures",
                               "ru": "Часть I. Категории веществ и смесей"}[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_current_version_says_what_it_leaves_out(site: BuiltSite, lang: str) -> None:
    current = sections(site, lang)["2014"]
    # Part II was not confirmed, so no Part II table is shown — the note says so instead.
    assert current.select_one("#annex-i-2014-part-2") is None
    omitted = text(current.select_one(".ca-annex-i-omitted"))
    assert omitted.startswith({"en": "Incomplete table.", "ru": "Таблица неполная."}[lang])
    assert annex_i_version(DATA, "2014").omitted.in_(lang).split()[0] in omitted


@pytest.mark.parametrize("lang", LANGUAGES)
def test_superseded_version_is_labelled_with_both_dates(site: BuiltSite, lang: str) -> None:
    old = sections(site, lang)["2006"]
    assert "ca-annex-i--superseded" in old["class"]
    version = text(old.select_one(".ca-version"))
    expected = {
        "en": ("Superseded", "In force from 19 March 2008", "replaced on 19 December 2015"),
        "ru": ("Утратила силу", "Действовала с 19 марта 2008 г.", "заменена 19 декабря 2015 г."),
    }[lang]
    for phrase in expected:
        assert phrase in version
    assert text(old.select_one(".ca-version-status")) == expected[0]
    part_ii = cells(old, 2)
    assert part_ii["3"] == "25"                                              # chlorine
    assert part_ii["9"] == ("0.75" if lang == "en" else "0,75")              # phosgene
    assert part_ii["12"] == ("25,000" if lang == "en" else f"25{NBSP}000")   # petroleum products
    assert len(cells(old, 1)) == len(annex_i_version(DATA, "2006").part_i)


def test_russian_names_use_the_regional_terms(site: BuiltSite) -> None:
    old = sections(site, "ru")["2006"]
    lpg = text(old.select_one("#annex-i-2006-part-2 tr[data-entry='11'] td:nth-of-type(2)"))
    assert "сжиженный углеводородный газ" in lpg and "СНГ" not in lpg


# --- the core, without a build -------------------------------------------------------------------

def context(lang: str, data=DATA) -> RenderContext:
    return RenderContext(lang=lang, data=data, templates=make_templates(str(PROJECT / "overrides")),
                         link_to=lambda target: f"LINK:{target}")


def test_marker_names_an_existing_version() -> None:
    assert check_version(DATA, ("2014",), 0) is None
    problem, fix = check_version(DATA, ("2015",), 0)
    assert problem == "unknown Annex I version '2015'"
    assert "2014, 2006" in fix


def test_unconfirmed_threshold_is_flagged_with_its_note() -> None:
    version = annex_i_version(DATA, "2014")
    row = dataclasses.replace(version.part_i[0], unconfirmed=True,
                              note=Localized(en="Checked only in a secondary source.", ru="Проверено только по вторичному источнику."))
    changed = dataclasses.replace(version, part_i=(row, *version.part_i[1:]))
    data = dataclasses.replace(DATA, annex_i=(changed, *DATA.annex_i[1:]))
    html = render_markers("<!-- annex:thresholds 2014 -->", "p.md", make_registry(MARKER_SPECS), context("ru", data))
    soup = BeautifulSoup(html, "html.parser")
    badge = soup.select_one("tr[data-entry='1'] .ca-unconfirmed")
    assert badge.get_text() == "не подтверждено"
    assert badge["title"] == "Проверено только по вторичному источнику."
    assert soup.select_one("tr[data-entry='2'] .ca-unconfirmed") is None


def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    return tmp_path


def load_with(tmp_path: Path, old: str, new: str) -> str:
    return data_error(tmp_path, "annex-i.yml", old, new)


def test_an_older_version_must_say_when_it_was_superseded(tmp_path: Path) -> None:
    message = load_with(tmp_path, '    superseded_on: "2015-12-19"\n    superseded_source: annex-i-2015-effective\n', "")
    assert "data/annex-i.yml:" in message
    assert "versions[1]: only the first (newest) version may lack `superseded_on`" in message


def test_unknown_country_and_empty_part_without_note_are_reported(tmp_path: Path) -> None:
    root = data_copy(tmp_path)
    path = root / "data" / "annex-i.yml"
    source = path.read_text(encoding="utf-8")
    start, end = source.index("    omitted:\n"), source.index("    translation_note:\n")
    source = source[:start] + source[end:]
    source = source.replace("central_asia_parties: [KZ]", "central_asia_parties: [KX]", 1)
    path.write_text(source, encoding="utf-8")
    with pytest.raises(GuideErrors) as info:
        load_guide_data(root / "data", root)
    message = str(info.value)
    assert "versions[0].central_asia_parties[0]: unknown country code 'KX'" in message
    assert "versions[0].part_ii: part_ii is empty but the version does not say what is left out" in message


# --- the identification chapter uses the current table -------------------------------------------

CHAPTER = "guide/identification/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_step_2_points_at_the_current_table(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, CHAPTER)
    step = soup.select_one("#step-thresholds")
    links = []
    for sib in step.find_next_siblings():
        if sib.name in ("h2", "h3"):
            break
        links += [a["href"] for a in sib.select("a[href]")]
    assert any(h.endswith("annex-i/#current") for h in links), links
    assert sections(site, lang)["2014"] is not None
    assert site.soup(lang, PAGE).select_one("h2#current") is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_central_asia_section_shows_the_five_countries_from_data(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, CHAPTER)
    heading = soup.select_one("h2#central-asia")
    assert text(heading).startswith({"en": "In Central Asia", "ru": "В Центральной Азии"}[lang])
    rows = heading.find_next("table").select("tbody tr")
    assert [r.select_one("a.ca-country").get_text() for r in rows] == [
        DATA.countries[c].name.in_(lang) for c in ("KZ", "KG", "TJ", "TM", "UZ")]
    assert all(r.select_one("[data-fact=convention_status]") for r in rows)
    assert all(r.select_one("[data-fact=river_basins]") for r in rows)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_worked_example_quotes_the_thresholds_of_the_data(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, CHAPTER)
    heading = soup.select_one("h2#worked-example")
    body = " ".join(text(s) for s in heading.find_next_siblings(limit=3))
    body = re.sub(r"\s+", " ", body).replace("( ", "(").replace(" )", ")")
    part_i = {row.id: row for row in annex_i_version(DATA, "2014").part_i}
    unit, word = ("t", "entry") if lang == "en" else ("т", "позиции")
    for entry in ("4", "5"):
        threshold = format_number(part_i[entry].tonnes[0], lang)
        assert f"{word} {entry} ({threshold} {unit})" in body, (entry, body)
    # 40 t + 16 t in the two magazines: the example's total must really reach entry 4.
    assert f"= 56 {unit}" in body and 56 >= part_i["4"].tonnes[0]
