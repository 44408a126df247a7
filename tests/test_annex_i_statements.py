"""Pages that place a named substance in Part II of Annex I say which version of the annex they mean.

The current version is reproduced only in part (data/annex-i.yml: its Part II is left out, and the
version's `omitted` note says what it leaves out). A paragraph that puts a substance named in the
superseded Part II into "Part II" must therefore date the statement (the 2006 version, in effect
from 2008), unless the current version's own note names the substance as part of its Part II.
"""

from __future__ import annotations

import re

import pytest

from conftest import BuiltSite, project_data

DATA = project_data()
CURRENT = next(version for version in DATA.annex_i if version.current)
SUPERSEDED = [version for version in DATA.annex_i if not version.current]
PART_II = {"en": re.compile(r"\bPart II\b"), "ru": re.compile(r"част[а-я]*\s+II\b", re.IGNORECASE)}
DATED = re.compile(r"\b(?:" + "|".join(re.escape(v.id) for v in SUPERSEDED) + r"|2008)\b")


def normalized(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("ё", "е").split())


def key(name: str) -> str:
    """The substance as pages write it: the name before any note in parentheses or list after a colon."""
    return normalized(re.split(r"[(:]", name)[0]).lower()


def stem(word: str) -> str:
    """Russian names are inflected on the page («хлора», «нитрата аммония»)."""
    return word if len(word) <= 4 else word[:-2]


def undated_substances(text: str, lang: str) -> list[str]:
    """Substances named in a superseded Part II that ``text`` puts in Part II without naming a version."""
    text = normalized(text)
    if not PART_II[lang].search(text) or DATED.search(text):
        return []
    lower = text.lower()
    current_note = (CURRENT.omitted.en if CURRENT.omitted else "").lower()
    found = []
    for version in SUPERSEDED:
        for row in version.part_ii:
            english, russian = key(row.name.en), key(row.name.ru)
            if english in current_note or any(english == key(r.name.en) for r in CURRENT.part_ii):
                continue   # named in the current Part II as well
            words = english.split() if lang == "en" else [stem(w) for w in russian.split()]
            if re.search(r"\b" + r"\w*\s+".join(map(re.escape, words)), lower):
                found.append(english)
    return found


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_named_substance_statements_say_which_version_they_mean(site: BuiltSite, lang: str) -> None:
    problems = []
    for page in site.pages(lang):
        if page.startswith("guide/annex-i/"):
            continue   # the tables themselves, each under its version's heading
        article = site.soup(lang, page).select_one("article")
        if article is None:
            continue
        for block in article.find_all(["p", "li", "dd"]):
            for substance in undated_substances(block.get_text(" "), lang):
                problems.append(f"{lang}/{page}: “{substance}” placed in Part II without a version: "
                                f"{normalized(block.get_text(' '))[:120]}")
    assert problems == []


def test_the_check_catches_an_undated_claim_and_accepts_a_dated_one() -> None:
    assert undated_substances("Chlorine is named in Part II of Annex I.", "en") == ["chlorine"]
    assert undated_substances("Хлор прямо назван в части II приложения I.", "ru") == ["chlorine"]
    assert undated_substances("In the 2006 version chlorine was named in Part II.", "en") == []
    assert undated_substances("В редакции 2006 г. хлор был назван в части II.", "ru") == []
    assert undated_substances("Chlorine is a toxic gas.", "en") == []
    assert undated_substances("Оксида этилена в части II нет.", "ru") == ["ethylene oxide"]
