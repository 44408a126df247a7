"""Bad input fails the build with a message naming file, line, key path and fix — and writes no site.

Each case copies the project, breaks one thing, runs `mkdocs build --strict` as a maintainer would,
and asserts the exact explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import copy_project, run_mkdocs_build


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    old: str
    new: str
    expected: tuple[str, ...]   # substrings of the error, in order of importance


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


CASES = [
    Case("yaml-syntax", "data/countries.yml",
         "    iso3: KAZ\n", "    iso3: [KAZ\n",
         ("data/countries.yml:", "YAML syntax error", "Fix: check indentation")),
    Case("missing-russian", "data/countries.yml",
         "    name: {en: Kyrgyzstan, ru: Кыргызстан}", "    name: {en: Kyrgyzstan}",
         ("data/countries.yml:{line:name: {en: Kyrgyzstan}", "countries.KG.name.ru: missing Russian text",
          "Fix: add `ru: …` with the Russian text")),
    Case("empty-russian", "data/ui.yml",
         "country.name: {en: Country, ru: Страна}", 'country.name: {en: Country, ru: " "}',
         ("data/ui.yml:{line:country.name:}", "country.name.ru: the text is empty", "Fix: write the text")),
    Case("impossible-date", "data/countries.yml",
         'value: "2001-04-11"', 'value: "2001-02-30"',
         ("data/countries.yml:{line:2001-02-30}", "countries.KZ.facts.entry_into_force.value",
          "'2001-02-30' is not a real calendar date")),
    Case("malformed-date", "data/countries.yml",
         'value: "2001-01-11"', 'value: "11.01.2001"',
         ("data/countries.yml:{line:11.01.2001}", "countries.KZ.facts.accession_date.value",
          "Fix: write a date written YYYY-MM-DD")),
    Case("unknown-field", "data/countries.yml",
         "    iso3: KGZ\n", "    iso3: KGZ\n    capital: Bishkek\n",
         ("data/countries.yml:{line:capital: Bishkek}", "countries.KG.capital: unknown field 'capital'",
          "allowed fields here: name, official_name, iso3, page, facts")),
    Case("duplicate-country", "data/countries.yml",
         "  KG:\n    name: {en: Kyrgyzstan", "  KZ:\n    name: {en: Kyrgyzstan",
         ("data/countries.yml:{line:  KZ:|2}", "duplicate key 'KZ' (first defined on line",
          "Fix: keep one entry")),
    Case("unknown-country-in-data", "data/countries.yml",
         "  KG:\n", "  KR:\n",
         ("data/countries.yml:{line:  KR:}", "countries.KR: unknown code 'KR'", "use one of: KZ, KG, TJ, TM, UZ")),
    Case("unknown-country-in-marker", "docs/countries/index.ru.md",
         "<!-- country:link TM -->", "<!-- country:link XX -->",
         ("docs/countries/index.ru.md:{line:country:link XX}", "<!-- country:link XX -->: unknown country code 'XX'",
          "Fix: use one of: KZ, KG, TJ, TM, UZ")),
    Case("unknown-marker", "docs/index.md",
         "<!-- country:link KZ -->", "<!-- country:flag KZ -->",
         ("docs/index.md:{line:country:flag}", "unknown marker", "country:profile")),
    Case("fact-the-country-lacks", "docs/countries/tajikistan.md",
         "<!-- country:profile TJ -->", "<!-- country:fact TJ accession_date -->",
         ("docs/countries/tajikistan.md:{line:country:fact TJ}", "TJ has no fact 'accession_date'",
          "Fix: add it there, or use one of:")),
    Case("unknown-source", "data/countries.yml",
         "source: khovar-2022", "source: khovar-2021",
         ("data/countries.yml:{line:khovar-2021}", "countries.TJ.facts.authorities.source: unknown source 'khovar-2021'",
          "add it to data/sources.yml")),
    Case("wrong-value", "data/countries.yml",
         "value: not_party\n        source: cop13-report\n        as_of: \"2024-11-29\"\n      accession_interest",
         "value: maybe\n        source: cop13-report\n        as_of: \"2024-11-29\"\n      accession_interest",
         ("data/countries.yml:{line:value: maybe}", "'maybe' is not an allowed value", "use one of: party, not_party")),
    Case("party-without-dates", "data/countries.yml",
         "      accession_date:\n        value: \"2001-01-11\"", "      accession_day:\n        value: \"2001-01-11\"",
         ("countries.KZ.facts.accession_day: unknown field 'accession_day'",
          "countries.KZ.facts.accession_date: missing required key 'accession_date'")),
    Case("front-matter-colon", "docs/countries/uzbekistan.md",
         "description: Uzbekistan and", "description: Uzbekistan: and",
         ("docs/countries/uzbekistan.md:2 front matter: not valid YAML", 'Fix: put the value in double quotes')),
    Case("marker-split-over-lines", "docs/countries/index.md",
         "<!-- country:link TM -->", "<!-- country:link\nTM -->",
         ("docs/countries/index.md:{line:<!-- country:link|2}", "marker is not closed on the same line")),
    Case("broken-link", "docs/countries/kazakhstan.ru.md",
         "[Статус Конвенции](index.md)", "[Статус Конвенции](statuses.md)",
         ("countries/kazakhstan.ru.md", "statuses.md", "not found")),
    Case("annex-i-negative-threshold", "data/annex-i.yml",
         "tonnes: [25]", "tonnes: [-25]",
         ("data/annex-i.yml:{line:tonnes: [-25]}", "versions[1].part_ii[2].tonnes[0]: -25 is not valid",
          "Fix: write a threshold in tonnes (a positive number)")),
    Case("annex-i-threshold-with-unit", "data/annex-i.yml",
         "tonnes: [0.75]", 'tonnes: ["0,75 t"]',
         ("data/annex-i.yml:{line:0,75 t}",
          "versions[1].part_ii[8].tonnes[0]: expected a threshold in tonnes (a positive number), found str '0,75 t'",
          "Fix: write a threshold in tonnes (a positive number)")),
    Case("annex-i-unknown-version", "docs/guide/annex-i.md",
         "<!-- annex:thresholds 2006 -->", "<!-- annex:thresholds 2008 -->",
         ("docs/guide/annex-i.md:{line:annex:thresholds 2008}", "unknown Annex I version '2008'",
          "Fix: use one of: 2014, 2006")),
]


def expand(expected: str, project: Path, case: Case) -> str:
    """`{line:needle}` → the line number of needle in the broken file (`|2` = second occurrence)."""
    def line(match: re.Match) -> str:
        needle, _, nth = match.group(1).partition("|")
        lines = (project / case.file).read_text(encoding="utf-8").splitlines()
        hits = [n for n, text in enumerate(lines, start=1) if needle in text]
        return str(hits[int(nth or 1) - 1])
    return re.sub(r"\{line:([^}]*)\}", line, expected)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_fails_with_a_clear_message(case: Case, tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    target = project / case.file
    original = target.read_text(encoding="utf-8")
    assert case.old in original, f"fixture out of date: {case.old!r} not in {case.file}"
    target.write_text(original.replace(case.old, case.new, 1), encoding="utf-8")

    result = run_mkdocs_build(project)

    assert result.returncode != 0, result.output
    for expected in case.expected:
        assert expand(expected, project, case) in result.output, result.output
    assert "Traceback" not in result.output
    if case.id != "broken-link":  # data and marker errors stop the build before anything is written
        assert not result.site_dir.exists()


def test_data_values_are_escaped_in_the_output(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    countries = project / "data" / "countries.yml"
    payload = "<script>alert(1)</script>"
    text = countries.read_text(encoding="utf-8")
    text = text.replace("official_name: {en: Republic of Kazakhstan,", f'official_name: {{en: "{payload}",', 1)
    text = text.replace("ru: Республика Казахстан}", f'ru: "{payload}"}}', 1)
    countries.write_text(text, encoding="utf-8")

    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.output
    for page in ("countries/kazakhstan/index.html", "ru/countries/kazakhstan/index.html"):
        soup = BeautifulSoup((result.site_dir / page).read_text(encoding="utf-8"), "html.parser")
        cell = soup.select_one("tr[data-fact=official_name] td")
        assert cell.get_text() == payload          # shown as text…
        assert cell.find("script") is None         # …never parsed as an element
        assert not [s for s in soup.find_all("script") if "alert(1)" in s.get_text()]


CASE_FRONT_MATTER = [
    Case("case-unknown-area", "docs/cases/belarus.md", "areas: [identification, notification]",
         "areas: [identification, notifying]",
         ("docs/cases/belarus.md:{line:notifying}", "case.areas[1]: unknown working area 'notifying'",
          "use one of: identification, notification")),
    Case("case-unknown-source", "docs/cases/belarus.md", "sources: [", "sources: [no-such-source, ",
         ("docs/cases/belarus.md:{line:no-such-source}", "case.sources[0]: unknown source 'no-such-source'",
          "Fix: add it to data/sources.yml, or use one of:")),
    Case("for-area-unknown", "docs/guide/public.ru.md", "<!-- cases:for-area public -->", "<!-- cases:for-area publik -->",
         ("docs/guide/public.ru.md:{line:cases:for-area publik}", "unknown working area 'publik'")),
]


@pytest.mark.parametrize("case", CASE_FRONT_MATTER, ids=[c.id for c in CASE_FRONT_MATTER])
def test_bad_case_study_input(case: Case, tmp_path: Path) -> None:
    test_bad_input_fails_with_a_clear_message(case, tmp_path)
