"""Unit tests of the plain-Python core (hooks/guidekit): no MkDocs involved."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, project_data
from guidekit import countries
from guidekit.errors import GuideError, GuideErrors
from guidekit.loader import load_guide_data
from guidekit.localize import format_date, format_number
from guidekit.markers import RenderContext, check_page, find_markers, make_registry, make_templates, render_markers
from guidekit.site import MARKER_SPECS, prepare_guide
from guidekit.yamlsource import format_key_path, load_yaml

DATA = project_data()
REGISTRY = make_registry(MARKER_SPECS)
TEMPLATES = make_templates(str(PROJECT / "overrides"))


def context(lang: str) -> RenderContext:
    return RenderContext(lang=lang, data=DATA, templates=TEMPLATES, link_to=lambda target: f"LINK:{target}")


# --- localize ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "lang", "expected"), [
    ("2001-01-11", "ru", "11\u00a0января 2001\u00a0г."),
    ("2001-01-11", "en", "11\u00a0January 2001"),
    ("2017-06", "ru", "июнь 2017\u00a0г."),
    ("2017-06", "en", "June 2017"),
    ("2019", "ru", "2019\u00a0г."),
    ("2019", "en", "2019"),
])
def test_format_date(value: str, lang: str, expected: str) -> None:
    assert format_date(value, lang) == expected


def test_format_number_uses_russian_grouping() -> None:
    assert format_number(25000, "ru") == "25\u00a0000"
    assert format_number(25000, "en") == "25,000"


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="unsupported language 'kk'"):
        format_date("2001-01-11", "kk")


# --- YAML with lines -----------------------------------------------------------------------------

def test_yaml_keeps_lines_and_dates_as_text(tmp_path: Path) -> None:
    source = tmp_path / "x.yml"
    source.write_text("a:\n  b: 2001-01-11\n  c:\n    - d: 1\n", encoding="utf-8")
    document = load_yaml(source, "x.yml")
    assert document.data == {"a": {"b": "2001-01-11", "c": [{"d": 1}]}}
    assert document.line_of(("a", "b")) == 2
    assert document.line_of(("a", "c", 0, "d")) == 4
    assert document.line_of(("a", "missing")) == 1
    assert format_key_path(("a", "c", 0, "d")) == "a.c[0].d"


def test_yaml_rejects_duplicate_keys(tmp_path: Path) -> None:
    source = tmp_path / "x.yml"
    source.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    with pytest.raises(GuideError) as info:
        load_yaml(source, "x.yml")
    assert str(info.value) == "x.yml:3 a: duplicate key 'a' (first defined on line 1). Fix: keep one entry and merge the two"


def test_yaml_reports_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match="nope.yml file not found"):
        load_yaml(tmp_path / "nope.yml", "nope.yml")


# --- loader cross-checks -------------------------------------------------------------------------

def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    return tmp_path


def test_future_as_of_and_unknown_basin_are_reported_together(tmp_path: Path) -> None:
    root = data_copy(tmp_path)
    path = root / "data" / "countries.yml"
    text = path.read_text(encoding="utf-8").replace("value: [syr-darya]", "value: [volga]", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GuideErrors) as info:
        load_guide_data(root / "data", root, today=dt.date(2018, 1, 1))
    message = str(info.value)
    assert "countries.KZ.facts.river_basins.value[0]: unknown basin 'volga'" in message
    assert "countries.KZ.facts.convention_status.as_of: as_of 2024-11 is in the future" in message
    assert message.splitlines()[0].endswith("problems in the guide's data or pages:")


def test_wrong_type_names_what_was_expected(tmp_path: Path) -> None:
    root = data_copy(tmp_path)
    path = root / "data" / "countries.yml"
    text = path.read_text(encoding="utf-8").replace("      focal_point:\n        value: true", "      focal_point:\n        value: yes please", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GuideErrors, match=r"countries\.KZ\.facts\.focal_point\.value: expected true or false, found str 'yes please'"):
        load_guide_data(root / "data", root)


def test_every_ui_string_the_renderers_use_exists() -> None:
    for name in countries.FACT_ORDER:
        assert DATA.ui.has(f"fact.{name}")
    for name in countries.LABELLED_FACTS:
        for country in DATA.countries.values():
            if name in country.facts:
                assert DATA.ui.has(f"value.{name}.{str(country.facts[name].value).lower()}")


# --- markers -------------------------------------------------------------------------------------

def test_markers_in_code_are_ignored() -> None:
    text = (
        "Real <!-- country:link KZ --> marker.\n"
        "Inline `<!-- country:link XX -->` code.\n"
        "```\n<!-- country:profile XX -->\n```\n"
        "<!-- just a comment -->\n"
        "<!-- country:fact KG negm -->\n"
    )
    found = find_markers(text)
    assert [(m.family, m.name, m.args, m.line) for m in found] == [
        ("country", "link", ("KZ",), 1), ("country", "fact", ("KG", "negm"), 7),
    ]


def test_check_page_names_line_marker_and_fix() -> None:
    problems = check_page("x\n\n<!-- country:fact KZ capital -->\n<!-- country:atlas -->\n", "docs/p.md", REGISTRY, DATA)
    assert [p.format() for p in problems] == [
        "docs/p.md:3 <!-- country:fact KZ capital -->: unknown fact 'capital'. Fix: use one of: "
        + ", ".join(countries.FACT_ORDER),
        "docs/p.md:4 <!-- country:atlas -->: unknown marker. Fix: use one of: " + ", ".join(sorted(f"{f}:{n}" for f, n in REGISTRY))
        + " (see README, 'Markers')",
    ]


def test_wrong_argument_count() -> None:
    [problem] = check_page("<!-- country:profile -->", "p.md", REGISTRY, DATA)
    assert "expected 1 argument(s), found 0. Fix: write it as <!-- country:profile CODE -->" in problem.format()


def test_block_markers_render_as_separate_html_blocks() -> None:
    out = render_markers("Intro\n<!-- country:status-table -->\nOutro", "p.md", REGISTRY, context("en"))
    assert out.startswith("Intro\n\n\n<div class=\"ca-table\"")
    assert "\n\n\nOutro" in out
    assert "\n\n" not in out[len("Intro\n\n\n"):out.index("</div>")]


def test_inline_fact_renders_localized_value_with_provenance() -> None:
    html = render_markers("<!-- country:fact KZ accession_date -->", "p.md", REGISTRY, context("ru"))
    span = BeautifulSoup(html, "html.parser").span
    assert span.time["datetime"] == "2001-01-11"
    assert span.time.get_text() == "11\u00a0января 2001\u00a0г."
    assert span["title"].startswith("Источник: Сборник договоров ООН")


def test_links_come_from_the_resolver() -> None:
    html = render_markers("<!-- country:link UZ -->", "p.md", REGISTRY, context("ru"))
    assert html == '<a class="ca-country" href="LINK:countries/uzbekistan.md">Узбекистан</a>'


def test_values_are_escaped_by_the_templates() -> None:
    view = countries.FactView(
        name="negm", label="<b>", text="<script>alert(1)</script>", items=(), datetime=None,
        source_title='"><img src=x>', source_url=None, as_of="x", unconfirmed=False, note=None,
    )
    html = context("en").render("markers/country-fact.html", fact=view)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    assert soup.span.get_text() == "<script>alert(1)</script>"


def test_prepare_guide_checks_all_pages_before_building(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "countries").mkdir(parents=True)
    for country in DATA.countries.values():
        (docs / country.page).write_text("# x\n", encoding="utf-8")
    (docs / "a.ru.md").write_text("ok\n\n<!-- country:link QQ -->\n", encoding="utf-8")
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    with pytest.raises(GuideErrors, match=r"docs/a\.ru\.md:3 <!-- country:link QQ -->: unknown country code 'QQ'"):
        prepare_guide(tmp_path, docs, PROJECT / "overrides")


def test_prepare_guide_requires_profile_pages(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    with pytest.raises(GuideErrors, match=r"countries\.KZ\.page: profile page docs/countries/kazakhstan\.md does not exist"):
        prepare_guide(tmp_path, tmp_path / "docs", PROJECT / "overrides")
