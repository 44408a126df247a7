"""Glossary terms used on an English page whose official Russian form is missing from its translation.

A Russian term counts as present when the stems of all its words occur in one sentence, so any case,
number or word order matches."""

from __future__ import annotations

import re
from functools import cache

from .stamps import body_of

GlossaryTerms = list[tuple[str, str, tuple[str, ...]]]   # English term, Russian term, accepted variants


def _checked(en_term: str) -> bool:
    """Single lower-case words ("response", "prevention") are too often ordinary English to check;
    multi-word terms and capitalised terms ("Party", "Bureau") are the Convention's own."""
    return " " in en_term.strip() or en_term[:1].isupper()


def _words(text: str) -> list[str]:
    return re.findall(r"[\w]+(?:-[\w]+)*", text)


@cache
def _english_forms(term: str) -> tuple[str, ...]:
    """The term as a space-joined word sequence, singular and plural (lower-case unless capitalised)."""
    words = _words(re.sub(r"\(.*?\)", " ", term))
    if not term[:1].isupper() or " " in term:
        words = [w.lower() for w in words]
    *head, last = words
    plurals = [last, last + "s", last + "es"] + ([last[:-1] + "ies"] if last.endswith("y") else [])
    return tuple(" " + " ".join([*head, form]) + " " for form in plurals)


@cache
def _russian_stems(term: str) -> tuple[str, ...]:
    """Stems of a Russian term's words, so any inflection and word order within a sentence matches."""
    words = re.findall(r"[а-яё]+", re.sub(r"\(.*?\)", " ", term.lower()).replace("ё", "е"))
    return tuple(_stem(w) for w in words if len(w) > 2)


def _stem(word: str) -> str:
    """A crude Russian stem: enough to match the usual case and number endings."""
    if len(word) > 6:
        return word[:-3]
    if len(word) > 4:
        return word[:-2]
    return word


def glossary_problems(english: str, russian: str, terms: GlossaryTerms) -> list[str]:
    """Glossary terms used on the English page whose official Russian form is absent on the Russian page.

    A Russian term counts as present when the stems of all its words occur in one sentence."""
    en_words = _words(body_of(english))
    en_exact = " " + " ".join(en_words) + " "
    en_lower = en_exact.lower()
    text = re.sub(r"(?<!\n)\n(?!\n)", " ", body_of(russian).lower().replace("ё", "е"))
    by_prefix: dict[str, list[tuple[str, int]]] = {}
    for number, sentence in enumerate(re.split(r"[.!?;]\s|\n\n", text)):
        for word in re.findall(r"[а-я]+", sentence):
            by_prefix.setdefault(word[:3], []).append((word, number))

    def sentences_with(stem: str) -> set[int]:
        return {number for word, number in by_prefix.get(stem[:3], ()) if word.startswith(stem)}

    def present(russian_term: str) -> bool:
        stems = _russian_stems(russian_term)
        if not stems:
            return True
        common = sentences_with(stems[0])
        for stem in stems[1:]:
            common &= sentences_with(stem)
        return bool(common)

    problems = []
    for en_term, ru_term, variants in terms:
        if not _checked(en_term):
            continue
        haystack = en_exact if en_term[:1].isupper() and " " not in en_term else en_lower
        used = any(form in haystack for form in _english_forms(en_term))
        if used and not any(present(t) for t in (ru_term, *variants)):
            problems.append(f"glossary term “{en_term}” is used in English but «{ru_term}» does not appear in Russian")
    return problems
