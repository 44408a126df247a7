"""Bad input fails with a message naming file, line, key path and fix — and writes no site.

Each case copies docs/ and data/, breaks one thing and runs the guide's own checks in-process (the
same `prepare_guide` the build calls first, with the real schemas): fast enough to keep every case.
A few cases also run the real `mkdocs build --strict` in a subprocess, as a maintainer would, to
prove the message reaches the terminal and an existing site/ is left untouched.

README.md ("What a bad input looks like") lists every case of this file; a test keeps the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project, run_mkdocs_build
from guidekit.errors import GuideError, GuideErrors
from guidekit.site import prepare_guide


@dataclass(frozen=True)
class Case:
    id: str
    input: str                  # what a person did, for the README table
    file: str
    old: str                    # text replaced ("" with new file content: the file is created)
    new: str
    expected: tuple[str, ...]   # substrings of the error, in order of importance
    encoding: str = "utf-8"     # how the broken file is saved (a translator's cp1251 editor…)
    build: bool = False         # also run the real `mkdocs build --strict`
    files: tuple[tuple[str, str], ...] = ()   # other files the case needs (written first)


# Pages written by the cases themselves, so the fixtures do not depend on the Guide's prose.
PAGE = "---\ndescription: A test page.\n---\n\n# Test page {#test}\n\nText.\n"
CASE_PAGE = ("---\ndescription: A test case study.\ncase:\n  countries: [KZ]\n  areas: [identification, notification]\n"
             "  year: 2018\n  sources: [cop13-report]\n---\n\n# Test case {#test-case}\n\n<!-- cases:summary zz-test -->\n")
CASE_RU = "---\ndescription: Тестовый пример.\n---\n\n# Тестовый пример {#test-case}\n\n<!-- cases:summary zz-test -->\n"
CASE_FILES = (("docs/cases/zz-test.md", CASE_PAGE), ("docs/cases/zz-test.ru.md", CASE_RU))


BOMB = ('lol1: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        'lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n'
        'lol3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n'
        'lol4: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n')

CASES = [
    # --- YAML syntax and hostile YAML --------------------------------------------------------------
    Case("yaml-syntax", "an unclosed [ in a data file", "data/countries.yml",
         "    iso3: KAZ\n", "    iso3: [KAZ\n",
         ("data/countries.yml:{line:iso3: [KAZ}", "YAML syntax error", "Fix: close the [ or { opened on this line"),
         build=True),
    Case("yaml-tab", "a tab used for indentation", "data/countries.yml",
         "    iso3: KAZ\n", "    iso3: KAZ\n\tpage: x\n",
         ("data/countries.yml:{line:\tpage: x}", "YAML syntax error", "Fix: indent with spaces, not tabs")),
    Case("yaml-alias-bomb", "a \"billion laughs\" alias bomb appended to a data file", "data/sources.yml",
         "untc-xxvii-6:\n", BOMB + "untc-xxvii-6:\n",
         ("data/sources.yml:{line:lol2:}", "YAML aliases (*name) are not allowed", "write the value out in full"),
         build=True),
    Case("yaml-alias-front-matter", "an alias bomb in a page's front matter", "docs/test-page.md",
         "", PAGE.replace("---\ndescription:", "---\n" + BOMB.replace("lol", "x") + "description:"),
         ("docs/test-page.md:{line:x2:}", "YAML aliases (*name) are not allowed")),
    Case("yaml-python-tag", "a !!python/object tag in a data file", "data/countries.yml",
         "    iso3: KAZ\n", "    iso3: !!python/object/apply:os.system [\"true\"]\n",
         ("data/countries.yml:{line:!!python}", "countries.KZ.iso3: YAML tags are not allowed",
          "Fix: remove the !tag and write a plain value")),
    Case("yaml-python-tag-front-matter", "a !!python tag in front matter", "docs/test-page.md",
         "", PAGE.replace("description: A", "description: !!python/name:os.system A"),
         ("docs/test-page.md:{line:!!python}", "description: YAML tags are not allowed")),
    Case("front-matter-colon", "an unquoted colon in a front-matter value", "docs/test-page.md",
         "", PAGE.replace("description: A test", "description: A test: with a colon"),
         ("docs/test-page.md:{line:description: A test:}", "mapping values are not allowed",
          'Fix: a value containing ": " must be quoted')),
    Case("front-matter-unclosed-quote", "an unclosed quotation mark in front matter", "docs/glossary.ru.md",
         "description: Термины", 'description: "Термины',
         ("docs/glossary.ru.md:2", "YAML syntax error", "Fix: close the quotation mark opened on this line")),
    Case("front-matter-not-closed", "front matter without its closing ---", "docs/glossary.md",
         "\n---\n", "\n",
         ("docs/glossary.md:1 front matter: the front matter is not closed", "end it with a line containing only ---")),
    Case("front-matter-unknown-key", "a misspelt front-matter key", "docs/guide/scope.md",
         "description:", "titel: Scope\ndescription:",
         ("docs/guide/scope.md:2 titel: unknown field 'titel'", "allowed fields here: title, description")),
    Case("front-matter-bad-stamp", "a hand-edited translation stamp", "docs/guide/scope.ru.md",
         "translation_of: sha256:", "translation_of: sha1:",
         ("docs/guide/scope.ru.md:{line:translation_of}", "translation_of:", "sha256: followed by 64")),
    Case("front-matter-too-long", "a 401-character page description", "docs/guide/scope.md",
         "description:", "description: " + "x" * 401 + "\nsummary:",
         ("docs/guide/scope.md:2 description: the text is too long (401 characters, at most 400)",)),
    # --- encodings and files -----------------------------------------------------------------------
    Case("page-not-utf8", "a Russian page saved as Windows-1251", "docs/guide/scope.ru.md",
         "# ", "# ", ("docs/guide/scope.ru.md:2 not valid UTF-8", "Windows-1251", "Fix: save the file as UTF-8"),
         encoding="cp1251", build=True),
    Case("data-not-utf8", "a data file saved as Windows-1251", "data/ui.yml",
         "country.name:", "country.name:",
         ("data/ui.yml:{line:ru:}", "not valid UTF-8", "Fix: save the file as UTF-8"), encoding="cp1251"),
    Case("orphan-translation", "a Russian page whose English page does not exist", "docs/guide/extra.ru.md",
         "", "# Дополнение {#extra}\n",
         ("docs/guide/extra.ru.md", "orphan translation: docs/guide/extra.ru.md has no English page docs/guide/extra.md",
          "Fix: restore docs/guide/extra.md"), build=True),
    # --- data values -------------------------------------------------------------------------------
    Case("missing-russian", "a country name without its Russian text", "data/countries.yml",
         "    name: {en: Kyrgyzstan, ru: Кыргызстан}", "    name: {en: Kyrgyzstan}",
         ("data/countries.yml:{line:name: {en: Kyrgyzstan}", "countries.KG.name.ru: missing Russian text",
          "Fix: add `ru: …` with the Russian text")),
    Case("empty-russian", "a blank Russian interface string", "data/ui.yml",
         "country.name: {en: Country, ru: Страна}", 'country.name: {en: Country, ru: " "}',
         ("data/ui.yml:{line:country.name:}", "country.name.ru: the text is empty", "Fix: write the text")),
    Case("name-too-long", "a 301-character country name", "data/countries.yml",
         "    name: {en: Kyrgyzstan,", "    name: {en: " + "K" * 301 + ",",
         ("data/countries.yml:{line:KKKK}", "countries.KG.name.en: the text is too long (301 characters, at most 300)",
          "Fix: shorten it to 300 characters or fewer")),
    Case("impossible-date", "30 February as a date", "data/countries.yml",
         'value: "2001-04-11"', 'value: "2001-02-30"',
         ("data/countries.yml:{line:2001-02-30}", "countries.KZ.facts.entry_into_force.value",
          "'2001-02-30' is not a real calendar date")),
    Case("malformed-date", "a date written DD.MM.YYYY", "data/countries.yml",
         'value: "2001-01-11"', 'value: "11.01.2001"',
         ("data/countries.yml:{line:11.01.2001}", "countries.KZ.facts.accession_date.value",
          "Fix: write a date written YYYY-MM-DD")),
    Case("unknown-field", "a field the schema does not know", "data/countries.yml",
         "    iso3: KGZ\n", "    iso3: KGZ\n    capital: Bishkek\n",
         ("data/countries.yml:{line:capital: Bishkek}", "countries.KG.capital: unknown field 'capital'",
          "allowed fields here: name, official_name, iso3, page")),
    Case("duplicate-country", "the same country twice", "data/countries.yml",
         "  KG:\n    name: {en: Kyrgyzstan", "  KZ:\n    name: {en: Kyrgyzstan",
         ("data/countries.yml:{line:  KZ:|2}", "duplicate key 'KZ' (first defined on line",
          "Fix: keep one entry")),
    Case("unknown-country-in-data", "a country code outside Central Asia", "data/countries.yml",
         "  KG:\n", "  KR:\n",
         ("data/countries.yml:{line:  KR:}", "countries.KR: unknown code 'KR'", "use one of: KZ, KG, TJ, TM, UZ")),
    Case("unknown-source", "a fact citing a source that is not in data/sources.yml", "data/countries.yml",
         "source: khovar-2022", "source: khovar-2021",
         ("data/countries.yml:{line:khovar-2021}", "countries.TJ.facts.authorities.source: unknown source 'khovar-2021'",
          "add it to data/sources.yml")),
    Case("wrong-value", "a Convention status that is not allowed", "data/countries.yml",
         "value: not_party\n        source: cop13-report\n        as_of: \"2024-11-29\"\n      accession_interest",
         "value: maybe\n        source: cop13-report\n        as_of: \"2024-11-29\"\n      accession_interest",
         ("data/countries.yml:{line:value: maybe}", "'maybe' is not an allowed value", "use one of: party, not_party")),
    Case("party-without-dates", "a Party whose accession date key is misspelt", "data/countries.yml",
         "      accession_date:\n        value: \"2001-01-11\"", "      accession_day:\n        value: \"2001-01-11\"",
         ("countries.KZ.facts.accession_day: unknown field 'accession_day'",
          "countries.KZ.facts.accession_date: missing required key 'accession_date'")),
    # --- markers -----------------------------------------------------------------------------------
    Case("unknown-country-in-marker", "an unknown country code in a marker", "docs/countries/index.ru.md",
         "<!-- country:link TM -->", "<!-- country:link XX -->",
         ("docs/countries/index.ru.md:{line:country:link XX}", "<!-- country:link XX -->: unknown country code 'XX'",
          "Fix: use one of: KZ, KG, TJ, TM, UZ"), build=True),
    Case("unknown-marker", "a marker that does not exist", "docs/index.md",
         "<!-- country:link KZ -->", "<!-- country:flag KZ -->",
         ("docs/index.md:{line:country:flag}", "unknown marker", "country:profile")),
    Case("marker-missing-argument", "a marker without its argument", "docs/index.md",
         "<!-- country:link KZ -->", "<!-- country:link -->",
         ("docs/index.md:{line:<!-- country:link -->}", "expected 1 argument(s), found 0",
          "Fix: write it as <!-- country:link CODE -->")),
    Case("fact-the-country-lacks", "a fact a country does not have", "docs/countries/tajikistan.md",
         "<!-- country:profile TJ -->", "<!-- country:fact TJ accession_date -->",
         ("docs/countries/tajikistan.md:{line:country:fact TJ}", "TJ has no fact 'accession_date'",
          "Fix: add it there, or use one of:")),
    Case("marker-split-over-lines", "a marker wrapped over two lines", "docs/countries/index.md",
         "<!-- country:link TM -->", "<!-- country:link\nTM -->",
         ("docs/countries/index.md:{line:<!-- country:link|2}", "marker is not closed on the same line")),
    Case("for-area-unknown", "an unknown working area in a chapter's case list", "docs/guide/public.ru.md",
         "<!-- cases:for-area public -->", "<!-- cases:for-area publik -->",
         ("docs/guide/public.ru.md:{line:cases:for-area publik}", "unknown working area 'publik'")),
    # --- links and case studies --------------------------------------------------------------------
    Case("broken-link", "a link to a page that does not exist", "docs/countries/kazakhstan.ru.md",
         "(index.md)", "(statuses.md)",
         ("docs/countries/kazakhstan.ru.md:{line:(statuses.md)}", "statuses.md: link to a page that does not exist",
          "Fix: correct the path"), build=True),
    Case("case-unknown-area", "a case study naming an unknown working area", "docs/cases/zz-test.md",
         "areas: [identification, notification]", "areas: [identification, notifying]",
         ("docs/cases/zz-test.md:{line:notifying}", "case.areas[1]: unknown working area 'notifying'",
          "use one of: identification, notification"), files=CASE_FILES),
    Case("case-unknown-source", "a case study citing an unknown source", "docs/cases/zz-test.md",
         "sources: [", "sources: [no-such-source, ",
         ("docs/cases/zz-test.md:{line:no-such-source}", "case.sources[0]: unknown source 'no-such-source'",
          "Fix: add it to data/sources.yml, or use one of:"), files=CASE_FILES),
    Case("case-without-year", "a case study without its year", "docs/cases/zz-test.md",
         "  year: 2018\n", "",
         ("docs/cases/zz-test.md:{line:case:}", "case.year: missing required key 'year'", "Fix: add `year:`"),
         files=CASE_FILES),
    # --- country profile sections ------------------------------------------------------------------
    Case("profile-unknown-authority", "a body per working area naming an authority id the country does not have",
         "data/countries.yml", "        agencies: [inspectorate]\n", "        agencies: [inspector]\n",
         ("data/countries.yml:{line:agencies: [inspector]}",
          "countries.KG.bodies.prevention.agencies[0]: unknown authority 'inspector'",
          "Fix: add it under countries.KG.agencies or use one of: mes, inspectorate")),
    Case("profile-unknown-area", "bodies listed under a misspelt working area", "data/countries.yml",
         "    bodies:\n      prevention:\n        agencies: [supervision]",
         "    bodies:\n      preventing:\n        agencies: [supervision]",
         ("data/countries.yml:{line:      preventing:}", "countries.TJ.bodies.preventing: unknown working area 'preventing'",
          "use one of: identification, notification, prevention")),
    Case("profile-missing-russian", "a hazardous site described in English only", "data/countries.yml",
         "          ru: крупнейший отвал урановых отходов в стране, около 12 млн т\n", "",
         ("data/countries.yml:", "countries.TJ.transboundary.sites[0].text.ru: missing Russian text",
          "Fix: add `ru: …`")),
    Case("area-marker-unknown-area", "a misspelt working area in a chapter's country comparison",
         "docs/countries/index.md", "<!-- country:link TM -->", "<!-- country:area preparation -->",
         ("docs/countries/index.md:{line:country:area preparation}", "unknown working area 'preparation'",
          "Fix: use one of: identification")),
    # --- Annex I tables ----------------------------------------------------------------------------
    Case("annex-i-negative-threshold", "a negative threshold in the Annex I tables", "data/annex-i.yml",
         "tonnes: [25]", "tonnes: [-25]",
         ("data/annex-i.yml:{line:tonnes: [-25]}", "versions[1].part_ii[2].tonnes[0]: -25 is not valid",
          "Fix: write a threshold in tonnes (a positive number)")),
    Case("annex-i-threshold-with-unit", "a threshold written with its unit, as text", "data/annex-i.yml",
         "tonnes: [0.75]", 'tonnes: ["0,75 t"]',
         ("data/annex-i.yml:{line:0,75 t}",
          "versions[1].part_ii[8].tonnes[0]: expected a threshold in tonnes (a positive number), found str '0,75 t'",
          "Fix: write a threshold in tonnes (a positive number)"), build=True),
    Case("annex-i-unknown-version", "an Annex I version the data does not have", "docs/guide/annex-i.md",
         "<!-- annex:thresholds 2006 -->", "<!-- annex:thresholds 2008 -->",
         ("docs/guide/annex-i.md:{line:annex:thresholds 2008}", "unknown Annex I version '2008'",
          "Fix: use one of: 2014, 2006")),
    Case("annex-summary-without-source", "a summary of an annex whose content no source in the data was read in",
         "docs/guide/prevention.md", "<!-- annex:source IV -->", "<!-- annex:source XIII -->",
         ("docs/guide/prevention.md:{line:annex:source XIII}", "Annex XIII has no content_source",
          "Fix: add `content_source:`")),
]


def expand(expected: str, project: Path, case: Case) -> str:
    """`{line:needle}` → the line number of needle in the broken file (`|2` = second occurrence)."""
    def line(match: re.Match) -> str:
        needle, _, nth = match.group(1).partition("|")
        raw = (project / case.file).read_bytes().decode(case.encoding)
        hits = [n for n, text in enumerate(raw.splitlines(), start=1) if needle in text]
        return str(hits[int(nth or 1) - 1])
    return re.sub(r"\{line:([^}]*)\}", line, expected)


def broken_copy(case: Case, dest: Path, build: bool = False) -> Path:
    """A copy of docs/ and data/ (plus templates, and hooks when it is to be built) with the case's
    one mistake in it."""
    project = copy_project(dest, build)
    for name, content in case.files:
        (project / name).write_text(content, encoding="utf-8")
    target = project / case.file
    if case.old == "":
        target.write_text(case.new, encoding=case.encoding)
        return project
    original = target.read_text(encoding="utf-8")
    assert case.old in original, f"fixture out of date: {case.old!r} not in {case.file}"
    target.write_bytes(original.replace(case.old, case.new, 1).encode(case.encoding, errors="replace"))
    return project


def guide_error_of(project: Path) -> str:
    """The message the build would print, from the checks it runs before writing anything."""
    try:
        prepare_guide(project, project / "docs", project / "overrides")
    except (GuideError, GuideErrors) as exc:
        return str(exc)
    raise AssertionError("the broken input was accepted")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_fails_with_a_clear_message(case: Case, tmp_path: Path, remembered: None) -> None:
    project = broken_copy(case, tmp_path)
    message = guide_error_of(project)
    for expected in case.expected:
        assert expand(expected, project, case) in message, message


BUILD_CASES = [c for c in CASES if c.build]


@pytest.mark.slow
@pytest.mark.parametrize("case", BUILD_CASES, ids=[c.id for c in BUILD_CASES])
def test_mkdocs_build_reports_it_and_leaves_the_site_alone(case: Case, tmp_path: Path, remembered: None) -> None:
    project = broken_copy(case, tmp_path, build=True)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site", encoding="utf-8")

    result = run_mkdocs_build(project)

    assert result.returncode != 0, result.output
    for expected in case.expected:
        assert expand(expected, project, case) in result.output, result.output
    assert "Traceback" not in result.output
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the published site"


def test_an_alias_bomb_fails_at_once_instead_of_expanding(tmp_path: Path) -> None:
    """Nine levels of nine aliases would be 387 million strings if expanded."""
    from guidekit.yamlsource import parse_yaml

    levels = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)]
    with pytest.raises(GuideError, match="aliases"):
        parse_yaml("\n".join(levels) + "\n", tmp_path / "bomb.yml", "bomb.yml")


def test_readme_lists_every_bad_input_case() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### What a bad input looks like", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    listed = [re.match(r"\| `([^`]+)`", row).group(1) for row in rows]
    assert listed == [c.id for c in CASES], "regenerate the table: python tests/test_bad_input.py"
    assert len(CASES) >= 30


def readme_table() -> str:
    """The README table of every case and the message it gets (run this file to print it)."""
    lines = ["| case | input | message (abridged) |", "|---|---|---|"]
    for case in CASES:
        shown = " … ".join(e.replace("{line:", "{line of ").replace("|", "\\|") for e in case.expected)
        lines.append(f"| `{case.id}` | {case.input} | {shown} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(readme_table())  # PYTHONPATH=hooks:tests:. python tests/test_bad_input.py
