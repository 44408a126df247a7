"""Term decisions of the Russian edit (notes/ru-corrections.md) as the reader sees them."""

from __future__ import annotations

import re

import pytest

from conftest import BuiltSite


@pytest.mark.parametrize(("lang", "own", "eu"), [
    ("en", "industrial safety declaration", r"safety report"),
    ("ru", "декларация промышленной безопасности", r"доклад\w* о безопасности"),   # any case
])
def test_glossary_explains_the_declaration_against_the_eu_safety_report(site: BuiltSite, lang: str, own: str,
                                                                       eu: str) -> None:
    glossary = site.soup(lang, "glossary/")
    term = glossary.select_one("dt#term-industrial-safety-declaration")
    assert term.get_text(" ", strip=True).lower().startswith(own)
    assert re.search(eu, term.find_next_sibling("dd").get_text(" ", strip=True).lower())
    assert glossary.select_one("dt#term-safety-report") is not None


def test_russian_case_uses_the_regional_term_and_names_the_eu_counterpart(site: BuiltSite) -> None:
    text = site.soup("ru", "cases/russian-federation/").select_one("article").get_text(" ", strip=True)
    assert "декларация промышленной безопасности" in text.lower()
    assert "«доклад о безопасности»" in text
    assert re.search(r"Директиве 2012/18/\s*ЕС", text)   # ЕС is an <abbr>


def test_lpg_abbreviation_is_explained_in_each_language(site: BuiltSite) -> None:
    glossary = {lang: site.soup(lang, "glossary/").select_one("article").get_text(" ", strip=True)
                for lang in ("en", "ru")}
    assert "LPG" in glossary["en"] and "liquefied petroleum gas" in glossary["en"]
    assert "СУГ" in glossary["ru"] and "сжиженный углеводородный газ" in glossary["ru"]
