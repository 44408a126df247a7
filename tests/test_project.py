"""The 2016–2019 project, training resources and the secretariat (data/project.yml), in both languages,
and the good-practice cases of the project's expert countries."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGUAGES, PROJECT, BuiltSite, data_error
from guidekit.loader import load_guide_data
from guidekit.localize import format_period
from guidekit.project import check_any_event, check_event, check_kind

DATA = load_guide_data(PROJECT / "data", PROJECT)
PROJECT_DATA = DATA.project
assert PROJECT_DATA is not None
ALMATY = PROJECT_DATA.event("almaty-2018")


# --- plain functions ---------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end", "en", "ru"), [
    ("2018-09-25", "2018-09-26", "25–26\u00a0September 2018", "25–26\u00a0сентября 2018\u00a0г."),
    ("2018-07", "2018-09", "July\u00a0– September 2018", "июль\u00a0— сентябрь 2018\u00a0г."),
    ("2017-03", "2018-05", "March 2017\u00a0– May 2018", "март 2017\u00a0г.\u00a0— май 2018\u00a0г."),
    ("2016-11-28", "2016-12-02", "28\u00a0November 2016\u00a0– 2\u00a0December 2016",
     "28\u00a0ноября 2016\u00a0г.\u00a0— 2\u00a0декабря 2016\u00a0г."),
    ("2018-06-06", None, "6\u00a0June 2018", "6\u00a0июня 2018\u00a0г."),
])
def test_periods_are_written_per_language(start: str, end: str | None, en: str, ru: str) -> None:
    assert format_period(start, end, "en") == en
    assert format_period(start, end, "ru") == ru


def test_event_marker_accepts_only_events_with_details() -> None:
    assert check_event(DATA, ("almaty-2018",), 0) is None
    problem, fix = check_event(DATA, ("launch-2016",), 0)
    assert "has no details" in problem and "almaty-2018" in fix
    problem, fix = check_event(DATA, ("no-such-event",), 0)
    assert "unknown project event 'no-such-event'" in problem and "almaty-2018" in fix
    assert check_any_event(DATA, ("launch-2016",), 0) is None
    assert "unknown project event 'almaty-2019'" in check_any_event(DATA, ("almaty-2019",), 0)[0]
    assert check_kind(DATA, ("training",), 0) is None
    assert "unknown resource kind 'courses'" in check_kind(DATA, ("courses",), 0)[0]


def _broken_data(tmp_path: Path, old: str, new: str) -> str:
    return data_error(tmp_path, "project.yml", old, new)


def test_unknown_source_in_project_data_names_file_line_and_key(tmp_path: Path) -> None:
    errors = _broken_data(tmp_path, "    source: unece-almaty-2018\n", "    source: no-such-source\n")
    message = str(errors)
    assert "data/project.yml:" in message
    assert "events[" in message and "].source" in message and "unknown source 'no-such-source'" in message


def test_period_ending_before_it_starts_is_refused(tmp_path: Path) -> None:
    errors = _broken_data(tmp_path, '    end: "2018-05"\n', '    end: "2016-05"\n')
    assert "end 2016-05 is before start 2017-03" in str(errors)


# --- the built site, both languages ---------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_almaty_2018_workshop_section_shows_data_and_sources(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, "guide/about/")
    heading = soup.select_one("h3#almaty-2018")
    assert heading is not None
    block = soup.select_one("#event-almaty-2018")
    # the block belongs to the Almaty section: the next heading after it is not before the block
    assert block.find_previous(["h2", "h3"]) is heading
    assert block.select_one("time")["datetime"] == "2018-09-25"
    outcomes = block.select(".ca-event__outcomes li")
    assert [li.get_text(" ", strip=True) for li in outcomes] == [o.in_(lang) for o in ALMATY.details.outcomes]
    partners = [li.get_text(strip=True) for li in block.select(".ca-items li")]
    assert partners == [p.in_(lang) for p in ALMATY.details.partners]
    sources = block.select("ol.ca-sources li")
    assert [li.get_text(" ", strip=True).startswith(s.title.in_(lang)) for li, s in
            zip(sources, (ALMATY.source, ALMATY.details_source))] == [True, True]
    assert sources[0].a["href"] == ALMATY.source.url
    for ref in block.select("sup.ca-ref a"):
        assert block.select_one(ref["href"]) is not None, ref["href"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_timeline_lists_project_events_and_every_negm_in_date_order(site: BuiltSite, lang: str) -> None:
    table = site.soup(lang, "guide/about/").select_one("#project-timeline table")
    rows = table.select("tbody tr")
    ids = [row["data-event"] for row in rows]
    assert set(ids) == {e.id for e in PROJECT_DATA.events} | {f"negm-{c.lower()}" for c in DATA.countries}
    dates = [row.select_one("time")["datetime"] for row in rows]
    assert dates == sorted(dates, key=lambda d: d if len(d) == 10 else f"{d}-99")
    for code, country in DATA.countries.items():
        row = table.select_one(f'tr[data-event="negm-{code.lower()}"]')
        assert row.select_one("time")["datetime"] == country.facts["negm"].value
        assert row.a["href"].rstrip("/").endswith(country.page.removesuffix(".md"))


def test_timeline_is_the_same_in_both_languages(site: BuiltSite) -> None:
    def rows(lang: str) -> list[tuple[str, str]]:
        table = site.soup(lang, "guide/about/").select_one("#project-timeline table")
        return [(r["data-event"], r.select_one("time")["datetime"]) for r in table.select("tbody tr")]

    assert rows("en") == rows("ru")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resources_page_lists_every_resource_once_with_its_source(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, "guide/resources/")
    listed = [dt["id"].removeprefix("resource-") for dt in soup.select(".ca-resources dt")]
    assert sorted(listed) == sorted(r.id for r in PROJECT_DATA.resources)
    for resource in PROJECT_DATA.resources:
        dt = soup.select_one(f"#resource-{resource.id}")
        assert dt.get_text(" ", strip=True).startswith(resource.title.in_(lang))
        assert (dt.select_one(".ca-unconfirmed") is not None) == resource.unconfirmed
        ref = dt.find_next_sibling("dd").select_one("sup.ca-ref a")["href"]
        source_item = soup.select_one(ref)
        assert source_item.get_text(" ", strip=True).startswith(resource.source.title.in_(lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_secretariat_contact_comes_from_data(site: BuiltSite, lang: str) -> None:
    contact = site.soup(lang, "guide/resources/").select_one("#secretariat-contact")
    secretariat = PROJECT_DATA.secretariat
    address = contact.select_one("address")
    assert secretariat.address.in_(lang) in address.get_text(" ", strip=True)
    assert address.select_one(f'a[href="{secretariat.web}"]') is not None
    assert contact.select("ol.ca-sources li")[0].a["href"] == secretariat.source.url


def test_contact_address_is_not_typed_into_any_page() -> None:
    secretariat = PROJECT_DATA.secretariat
    for page in (PROJECT / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        for lang in LANGUAGES:
            assert secretariat.address.in_(lang) not in text, page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resources_page_is_in_the_navigation(site: BuiltSite, lang: str) -> None:
    soup = site.soup(lang, "guide/")
    assert any(a["href"].rstrip("/").endswith("resources") for a in soup.select("nav.md-nav a[href]"))


# --- good practice of the project's expert countries ------------------------------------------


@pytest.mark.parametrize("case", ["russian-federation", "belarus"])
def test_expert_country_cases_say_what_central_asia_can_take(site: BuiltSite, case: str) -> None:
    sections = {}
    for lang in LANGUAGES:
        soup = site.soup(lang, f"cases/{case}/")
        heading = soup.select_one("h2#central-asia-takeaways")
        assert heading is not None, lang
        steps = heading.find_next_sibling("ol").select(":scope > li")
        sections[lang] = len(steps)
        # presented as good practice, not disclaimed
        assert soup.select_one("article .admonition.note") is None, lang
        assert [h["id"] for h in soup.select("article h2[id]")][:3] == ["context", "what-was-done", "results"]
    assert sections["en"] == sections["ru"] >= 4


@pytest.mark.parametrize(("lang", "text"), [("en", "25–26\u00a0September 2018"), ("ru", "25–26\u00a0сентября 2018\u00a0г.")])
def test_almaty_date_in_prose_comes_from_data(site: BuiltSite, lang: str, text: str) -> None:
    for page in ("", "cases/russian-federation/", "cases/belarus/"):
        times = site.soup(lang, page).select('article time[datetime="2018-09-25"]')
        assert [t.get_text() for t in times] == [text], (lang, page)
