"""Russian pages use the official terminology of the Russian text of the Convention."""

from __future__ import annotations

import re

from conftest import BuiltSite, project_data

DATA = project_data()
WRONG_VARIANTS = {variant: term for term in DATA.glossary for variant in term.avoid_ru}


def normalized(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("ё", "е").lower().split())


def contains_phrase(text: str, phrase: str) -> bool:
    """Phrase at word boundaries, so a wrong variant is found in any inflection that keeps its stem."""
    return re.search(rf"(?<![а-яa-z]){re.escape(normalized(phrase))}", text) is not None


def test_glossary_lists_wrong_variants_to_check() -> None:
    assert len(WRONG_VARIANTS) >= 8
    official = {normalized(term.ru.term) for term in DATA.glossary}
    assert not [v for v in WRONG_VARIANTS if normalized(v) in official]


def test_russian_pages_contain_no_wrong_variant(site: BuiltSite) -> None:
    found = []
    for page in site.pages("ru"):
        article = site.soup("ru", page).select_one("article")
        text = normalized(article.get_text(" "))
        for variant, term in WRONG_VARIANTS.items():
            if contains_phrase(text, variant):
                found.append(f"/ru/{page}: «{variant}» — use «{term.ru.term}»")
    assert found == []


def test_the_check_catches_a_wrong_variant() -> None:
    variant = next(iter(WRONG_VARIANTS))
    assert contains_phrase(normalized(f"В тексте: {variant.capitalize()} и далее."), variant)


def test_official_terms_appear_on_the_russian_glossary(site: BuiltSite) -> None:
    glossary = site.soup("ru", "glossary/")
    terms = [normalized(dt.get_text(" ")) for dt in glossary.select("dl.ca-glossary dt")]
    assert len(terms) == len(DATA.glossary)
    for term in DATA.glossary:
        assert any(t.startswith(normalized(term.ru.term)) for t in terms), term.ru.term


OFFICIAL_PATTERNS = {
    "Сторона происхождения": r"сторон[а-я]* происхождения",
    "затрагиваемая Сторона": r"затрагиваем[а-я]* сторон[а-я]*",
    "пункт связи": r"пункт[а-я]* связи",
    "опасная деятельность": r"опасн[а-я]* деятельност[а-я]*",
    "предельное количество": r"предельн[а-я]* количеств[а-я]*",
    "компетентный орган": r"компетентн[а-я]* орган[а-я]*",
}


def test_key_official_terms_are_used_in_russian_chapters(site: BuiltSite) -> None:
    chapters = [p for p in site.pages("ru") if p.startswith("guide/")]
    corpus = normalized(" ".join(site.soup("ru", p).select_one("article").get_text(" ") for p in chapters))
    missing = [term for term, pattern in OFFICIAL_PATTERNS.items() if not re.search(pattern, corpus)]
    assert missing == []
