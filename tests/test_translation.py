"""Translators' workflow: page-pair states, stamps, parity and glossary checks, notices on the site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, BuiltSite, copy_project, project_data, project_pages, run_mkdocs_build
from bs4 import BeautifulSoup
from guidekit import translation as tr
from guidekit.glossary_usage import glossary_problems
from guidekit.pages import read_pages
from guidekit.parity import parity_problems, word_count
from guidekit.stamps import read_stamp, source_hash, with_stamp
from tools import translations as cli

HOOKS = PROJECT / "hooks"

ENGLISH = """---
description: A page
---

# Title {#title}

Some text about the Party of origin.

## Table {#table}

| a | b |
|---|---|
| 1 | 2 |

!!! note "Note"
    A note.

<!-- country:link KZ -->
"""
RUSSIAN = """---
description: Страница
---

# Заголовок {#title}

Текст о Стороне происхождения.

## Таблица {#table}

| a | b |
|---|---|
| 1 | 2 |

!!! note "Примечание"
    Примечание.

<!-- country:link KZ -->
"""


def write_pair(docs: Path, name: str, english: str | None, russian: str | None, stamp: bool = True) -> None:
    if english is not None:
        (docs / f"{name}.md").write_text(english, encoding="utf-8")
    if russian is not None:
        text = with_stamp(russian, source_hash(english)) if stamp and english else russian
        (docs / f"{name}.ru.md").write_text(text, encoding="utf-8")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    write_pair(folder, "fresh", ENGLISH, RUSSIAN)
    write_pair(folder, "outdated", ENGLISH, RUSSIAN)
    (folder / "outdated.md").write_text(ENGLISH + "\nA new English paragraph.\n", encoding="utf-8")
    write_pair(folder, "missing", ENGLISH, None)
    write_pair(folder, "orphan", None, RUSSIAN)
    return folder


def pairs_of(docs: Path, terms=None) -> list[tr.PagePair]:
    pages, _ = read_pages(docs, docs.parent)
    return tr.page_pairs(pages, terms)


def test_each_state_is_recognised(docs: Path) -> None:
    states = {pair.name: pair.state for pair in pairs_of(docs)}
    assert states == {"fresh.md": "translated", "outdated.md": "outdated", "missing.md": "missing", "orphan.md": "orphan"}


def test_stamping_makes_an_outdated_page_current(docs: Path) -> None:
    russian = docs / "outdated.ru.md"
    assert cli.main(["--project", str(docs.parent), "stamp", str(russian)]) == 0
    assert read_stamp(russian.read_text(encoding="utf-8")) == source_hash((docs / "outdated.md").read_text(encoding="utf-8"))
    states = {pair.name: pair.state for pair in pairs_of(docs)}
    assert states["outdated.md"] == "translated"


def test_stamp_is_added_to_front_matter_or_created() -> None:
    assert with_stamp("# T\n", "sha256:x") == "---\ntranslation_of: sha256:x\n---\n\n# T\n"
    once = with_stamp("---\ndescription: d\n---\nbody", "sha256:a")
    assert with_stamp(once, "sha256:b") == "---\ndescription: d\ntranslation_of: sha256:b\n---\nbody"


def test_word_counts_ignore_markup() -> None:
    assert word_count("---\ndescription: x y z\n---\n# Title {#t}\n\n<!-- country:link KZ -->\nTwo [words](a/b.md).\n") == 3


def test_parity_reports_file_level_differences_with_counts() -> None:
    russian = RUSSIAN.replace("{#table}", "{#tablica}").replace("<!-- country:link KZ -->", "").replace(
        "!!! note", "Примечание:")
    russian += "\n```\ncode\n```\n"
    problems = parity_problems(ENGLISH, russian)
    assert problems == [
        "heading ids differ (missing in Russian: #table; only in Russian: #tablica)",
        "markers differ (missing in Russian: <!-- country:link KZ -->)",
        "code blocks differ (0 in English vs 1 in Russian)",
        "admonitions differ (1 in English vs 0 in Russian)",
    ]
    assert parity_problems(ENGLISH, RUSSIAN) == []


def test_glossary_terms_must_appear_in_their_official_russian_form() -> None:
    terms = [("Party of origin", "Сторона происхождения", ()), ("point of contact", "пункт связи", ())]
    assert glossary_problems(ENGLISH, RUSSIAN, terms) == []   # inflected «Стороне происхождения» counts
    wrong = RUSSIAN.replace("Стороне происхождения", "стране-источнике")
    assert glossary_problems(ENGLISH, wrong, terms) == [
        "glossary term “Party of origin” is used in English but «Сторона происхождения» does not appear in Russian"
    ]


def run_status(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tools.translations", "--project", str(project), "status", *args],
        cwd=PROJECT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


@pytest.mark.slow
def test_check_exit_code_and_actionable_output(tmp_path: Path, remembered: None) -> None:
    project = copy_project(tmp_path)
    clean = run_status(project, "--check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "All translations are up to date." in clean.stdout

    scope = project / "docs" / "guide" / "scope.md"
    scope.write_text(scope.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    (project / "docs" / "glossary.ru.md").unlink()
    broken = run_status(project, "--check")
    assert broken.returncode == 1
    assert "OUTDATED   docs/guide/scope.ru.md" in broken.stdout
    assert "make stamp PAGE=docs/guide/scope.ru.md" in broken.stdout
    assert "MISSING    docs/glossary.ru.md" in broken.stdout
    assert "1 outdated, 1 missing, 0 orphan" in broken.stdout
    assert run_status(project).returncode == 0   # without --check it only reports


def test_the_real_site_is_fully_translated_and_up_to_date() -> None:
    """The one test that fails when an English edit leaves its translation behind, with the fix."""
    pairs = pairs_of(PROJECT / "docs", tr.glossary_terms_of(project_data()))
    fixes = []
    for pair in pairs:
        russian = f"docs/{pair.russian_path or (pair.english_path or '').removesuffix('.md') + '.ru.md'}"
        if pair.state == "outdated":
            fixes.append(f"{russian}: its English page changed; update it, then run: make stamp PAGE={russian}")
        elif pair.state == "missing":
            fixes.append(f"{russian}: missing; translate docs/{pair.english_path}, then: make stamp PAGE={russian}")
        elif pair.state == "orphan":
            fixes.append(f"{russian}: no English page; delete it or restore the English page")
        fixes += [f"{russian}: {problem}" for problem in pair.problems]
    assert not fixes, "translations need work:\n" + "\n".join(fixes)


# --- on the site -------------------------------------------------------------------------------------

def test_up_to_date_pages_carry_no_notice(site: BuiltSite) -> None:
    for lang in ("en", "ru"):
        for page in site.pages(lang):
            assert site.soup(lang, page).select(".ca-translation-notice") == [], (lang, page)


def test_status_page_lists_every_pair_with_word_counts(site: BuiltSite) -> None:
    pairs = pairs_of(PROJECT / "docs")
    for lang, label in (("en", "Up to date"), ("ru", "Актуален")):
        rows = site.soup(lang, "contributing/translation-status/").select("#translation-status-table tbody tr")
        assert len(rows) == len(pairs)
        by_page = {row["data-page"]: row for row in rows}
        scope = by_page["guide/scope.md"]
        cells = [td.get_text() for td in scope.select("td")]
        pair = next(p for p in pairs if p.english and p.english.name == "scope.md")
        assert cells[:3] == [label, str(pair.english_words), str(pair.russian_words)]


@pytest.mark.slow
def test_notices_for_untranslated_and_outdated_pages(tmp_path: Path, remembered: None) -> None:
    project = copy_project(tmp_path)
    (project / "docs" / "glossary.ru.md").unlink()
    scope = project / "docs" / "guide" / "scope.md"
    scope.write_text(scope.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.output

    def soup(path: str) -> BeautifulSoup:
        return BeautifulSoup((result.site_dir / path).read_text(encoding="utf-8"), "html.parser")

    missing = soup("ru/glossary/index.html").select_one(".ca-translation-notice")
    assert missing["data-translation-state"] == "missing"
    assert "ещё не переведена" in missing.get_text()
    outdated = soup("ru/guide/scope/index.html").select_one(".ca-translation-notice")
    assert outdated["data-translation-state"] == "outdated"
    link = outdated.select_one("a[hreflang=en]")
    assert link["href"] == "../../../guide/scope/"
    assert (result.site_dir / "ru/guide/scope" / link["href"] / "index.html").resolve() == (result.site_dir / "guide/scope/index.html").resolve()
    assert soup("ru/guide/convention/index.html").select(".ca-translation-notice") == []
    assert soup("guide/scope/index.html").select(".ca-translation-notice") == []
    status = {row["data-page"]: row["data-state"] for row in soup("contributing/translation-status/index.html").select("#translation-status-table tbody tr")}
    assert status["guide/scope.md"] == "outdated" and status["glossary.md"] == "missing"


def test_a_remembered_pair_is_what_checking_it_again_finds() -> None:
    """The build's record of each checked pair (guidekit.site: .cache/guide/translation-pairs.json)
    gives the same states, problems and word counts as a fresh check, and is what is used."""
    pages, terms = project_pages(), tr.glossary_terms_of(project_data())
    record: dict = {}
    fresh = tr.page_pairs(pages, terms, {}, record)
    assert len(record) == len([p for p in fresh if p.english and p.russian])
    assert tr.page_pairs(pages, terms, record) == fresh
    key = next(iter(record))
    record[key] = {"problems": ["remembered"], "words": [1, 2]}
    changed = [p for p in tr.page_pairs(pages, terms, record) if p.problems == ["remembered"]]
    assert [(p.english_words, p.russian_words) for p in changed] == [(1, 2)]
    old_form = {key: [] for key in record}   # a record written before word counts were kept
    assert tr.page_pairs(pages, terms, old_form) == fresh
