"""The words lunr indexes, computed at build time exactly as lunr computes them in the browser.

The search index (guidekit.search) ships each section's *index terms* — what lunr's pipeline
(trimmer → stop-word filter → stemmer) turns the section's words into — so that the forms of one
word («уведомление», «уведомления», «уведомлении»…) travel once. For that the terms must be the
ones lunr itself would produce:

* English: the Porter stemmer of the vendored lunr 2.3.9 (docs/assets/vendor/lunr.min.js), ported
  line by line (including lunr's own step 1c), and lunr's trimmer (ASCII ``\\W`` at both ends);
* Russian: the Snowball Russian stemmer of lunr-languages (Material's lunr.ru.min.js), ported from
  its generated code, and its trimmer, which keeps Cyrillic letters only.

tests/test_reader_polish.py runs lunr's own pipeline in chromium over every word of the built site
and compares, so a port that drifts from lunr fails the tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# --- English: lunr.stemmer (Porter) ---------------------------------------------------------------

_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
          "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
          "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
          "iviti": "ive", "biliti": "ble", "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_c, _v = "[^aeiou]", "[aeiouy]"
_C, _V = _c + "[^aeiouy]*", _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)
_1A1, _1A2 = re.compile(r"^(.+?)(ss|i)es$"), re.compile(r"^(.+?)([^s])s$")
_1B1, _1B2 = re.compile(r"^(.+?)eed$"), re.compile(r"^(.+?)(ed|ing)$")
_LAST = re.compile(r".$")
_ATBLIZ = re.compile(r"(at|bl|iz)$")
_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile(r"^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|"
                r"iveness|fulness|ousness|aliti|iviti|biliti|logi)$")
_3 = re.compile(r"^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$")
_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_4B = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_LL = re.compile(r"ll$")


def porter(word: str) -> str:
    """lunr.stemmer (lunr 2.3.9)."""
    if len(word) < 3:
        return word
    first = word[0]
    if first == "y":
        word = "Y" + word[1:]
    if _1A1.search(word):
        word = _1A1.sub(r"\1\2", word)
    elif _1A2.search(word):
        word = _1A2.sub(r"\1\2", word)
    if m := _1B1.search(word):
        if _MGR0.search(m.group(1)):
            word = _LAST.sub("", word, count=1)
    elif m := _1B2.search(word):
        stem = m.group(1)
        if _S_V.search(stem):
            word = stem
            if _ATBLIZ.search(word):
                word += "e"
            elif _DOUBLE.search(word):
                word = _LAST.sub("", word, count=1)
            elif _CVC.search(word):
                word += "e"
    if m := _1C.search(word):
        word = m.group(1) + "i"
    if m := _2.search(word):
        if _MGR0.search(m.group(1)):
            word = m.group(1) + _STEP2[m.group(2)]
    if m := _3.search(word):
        if _MGR0.search(m.group(1)):
            word = m.group(1) + _STEP3[m.group(2)]
    if m := _4.search(word):
        if _MGR1.search(m.group(1)):
            word = m.group(1)
    elif m := _4B.search(word):
        stem = m.group(1) + m.group(2)
        if _MGR1.search(stem):
            word = stem
    if m := _5.search(word):
        stem = m.group(1)
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            word = stem
    if _LL.search(word) and _MGR1.search(word):
        word = _LAST.sub("", word, count=1)
    if first == "y":
        word = "y" + word[1:]
    return word


# --- Russian: lunr.ru.stemmer (Snowball) ------------------------------------------------------------

_RU_VOWELS = frozenset("аеиоуыэюя")
_GERUND = {"в": 1, "ив": 2, "ыв": 2, "вши": 1, "ивши": 2, "ывши": 2, "вшись": 1, "ившись": 2, "ывшись": 2}
_ADJECTIVE = dict.fromkeys(("ее ие ое ые ими ыми ей ий ой ый ем им ом ым его ого ему ому их ых ею ою ую юю "
                            "ая яя").split(), 1)
_PARTICIPLE = {"ем": 1, "нн": 1, "вш": 1, "ивш": 2, "ывш": 2, "щ": 1, "ющ": 1, "ующ": 2}
_REFLEXIVE = {"сь": 1, "ся": 1}
_VERB = {"ла": 1, "ила": 2, "ыла": 2, "на": 1, "ена": 2, "ете": 1, "ите": 2, "йте": 1, "ейте": 2, "уйте": 2,
         "ли": 1, "или": 2, "ыли": 2, "й": 1, "ей": 2, "уй": 2, "л": 1, "ил": 2, "ыл": 2, "ем": 1, "им": 2,
         "ым": 2, "н": 1, "ен": 2, "ло": 1, "ило": 2, "ыло": 2, "но": 1, "ено": 2, "нно": 1, "ет": 1,
         "ует": 2, "ит": 2, "ыт": 2, "ют": 1, "уют": 2, "ят": 2, "ны": 1, "ены": 2, "ть": 1, "ить": 2,
         "ыть": 2, "ешь": 1, "ишь": 2, "ю": 2, "ую": 2}
_NOUN = dict.fromkeys(("а ев ов е ие ье и еи ии ами ями иями й ей ией ий ой ам ем ием ом ям иям о у ах ях иях "
                       "ы ь ю ию ью я ия ья").split(), 1)
_DERIVATIONAL = {"ост": 1, "ость": 1}
_TIDY = {"ейше": 1, "н": 2, "ейш": 1, "ь": 3}
_LONGEST_SUFFIX = max(len(suffix) for table in (_GERUND, _ADJECTIVE, _PARTICIPLE, _REFLEXIVE, _VERB, _NOUN,
                                                _DERIVATIONAL, _TIDY) for suffix in table)


class _Word:
    """The Snowball program's state: the word, the end being examined and the RV/R2 limits."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.limit = len(word)
        self.rv = self.r2 = len(word)
        i = self._after(0, vowel=True)
        if i is not None:
            self.rv = self.r2 = i
            j = self._after(i, vowel=False)
            j = self._after(j, vowel=True) if j is not None else None
            j = self._after(j, vowel=False) if j is not None else None
            if j is not None:
                self.r2 = j

    def _after(self, start: int, vowel: bool) -> int | None:
        """Position after the first vowel (or non-vowel) at or after start, like the generated code."""
        for i in range(start, len(self.word)):
            if (self.word[i] in _RU_VOWELS) == vowel:
                return i + 1
        return None

    def find(self, among: dict[str, int], end: int) -> tuple[str, int] | None:
        """Longest suffix of word[rv:end] in among (Snowball's find_among_b): the word's own endings
        looked up, longest first, instead of every entry of among tried against the word."""
        for length in range(min(_LONGEST_SUFFIX, end - self.rv), 0, -1):
            suffix = self.word[end - length:end]
            result = among.get(suffix)
            if result is not None:
                return suffix, result
        return None

    def preceded_by(self, at: int, letters: str) -> bool:
        return at - 1 >= self.rv and self.word[at - 1] in letters

    def delete(self, start: int, end: int) -> None:
        self.word = self.word[:start] + self.word[end:]


def _remove(w: _Word, among: dict[str, int], needs_a: bool) -> bool:
    """Remove the longest ending of among; result 1 needs а/я before it when needs_a (gerunds, participles, verbs)."""
    found = w.find(among, len(w.word))
    if not found:
        return False
    suffix, result = found
    start = len(w.word) - len(suffix)
    if needs_a and result == 1 and not w.preceded_by(start, "ая"):
        return False
    w.delete(start, len(w.word))
    return True


def snowball_russian(word: str) -> str:
    """lunr.ru.stemmer (lunr-languages, Snowball Russian)."""
    w = _Word(word)
    if len(w.word) < w.rv:
        return word
    if not _remove(w, _GERUND, needs_a=True):
        _remove(w, _REFLEXIVE, needs_a=False)
        if _remove(w, _ADJECTIVE, needs_a=False):
            _remove(w, _PARTICIPLE, needs_a=True)
        elif not _remove(w, _VERB, needs_a=True):
            _remove(w, _NOUN, needs_a=False)
    if w.word.endswith("и") and len(w.word) - 1 >= w.rv:
        w.delete(len(w.word) - 1, len(w.word))
    found = w.find(_DERIVATIONAL, len(w.word))
    if found and len(w.word) - len(found[0]) >= w.r2:
        w.delete(len(w.word) - len(found[0]), len(w.word))
    found = w.find(_TIDY, len(w.word))
    if found:
        suffix, result = found
        end = len(w.word)
        if result == 1:
            w.delete(end - len(suffix), end)
            if w.word.endswith("нн") and len(w.word) - 2 >= w.rv:
                w.delete(len(w.word) - 1, len(w.word))
        elif result == 2:
            if w.preceded_by(end - 1, "н"):
                w.delete(end - 1, end)
        else:
            w.delete(end - 1, end)
    return w.word


# --- pipelines ----------------------------------------------------------------------------------------

_EN_EDGES = re.compile(r"^[^A-Za-z0-9_]+|[^A-Za-z0-9_]+$")


def english_trimmer(token: str) -> str:
    return _EN_EDGES.sub("", token)


def trimmer_for(word_characters: str) -> Callable[[str], str]:
    """lunr-languages' generateTrimmer: strip everything but the language's word characters at both ends."""
    outside = "[^" + re.sub(r"([\]\\^])", r"\\\1", word_characters) + "]+"
    edges = re.compile("^" + outside + "|" + outside + "$")
    return lambda token: edges.sub("", token)


class Pipeline:
    """lunr's indexing pipeline for one language: trimmer, stop-word filter, stemmer."""

    def __init__(self, trimmer: Callable[[str], str], stop_words: frozenset[str], stemmer: Callable[[str], str]):
        self.trimmer, self.stop_words, self.stemmer = trimmer, stop_words, stemmer

    def __call__(self, token: str) -> str | None:
        token = self.trimmer(token)
        if not token or token in self.stop_words:
            return None
        return self.stemmer(token) or None
