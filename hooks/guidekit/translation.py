"""Translation state of every page pair (translated, outdated, missing, orphan) and the two things
the site shows from it: the notice on a Russian page and the contributors' status page.

Computed from the pages read once per build (``pages.read_pages``); the command line that prints
the same states for translators lives in ``tools/translations.py``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from .glossary_usage import GlossaryTerms, glossary_problems
from .markers import MarkerSpec, RenderContext
from .pages import Pages
from .parity import parity_problems, word_count
from .stamps import read_stamp, source_hash

if TYPE_CHECKING:
    from .model import GuideData

STATES = ("translated", "outdated", "missing", "orphan")
TRANSLATION = "ru"


@dataclass
class PagePair:
    english: Path | None
    russian: Path | None
    state: str
    english_words: int = 0
    russian_words: int = 0
    stamp: str | None = None
    problems: list[str] = field(default_factory=list)
    english_path: str | None = None     # relative to docs/
    russian_path: str | None = None

    @property
    def name(self) -> str:
        path = self.english or self.russian
        assert path is not None
        return path.name.replace(".ru.md", ".md")


@dataclass(frozen=True)
class PairRow:
    """What the site shows about one page pair (paths relative to docs/)."""

    english: str | None
    russian: str | None
    state: str
    english_words: int
    russian_words: int
    problems: tuple[str, ...]


def russian_path(english: Path) -> Path:
    return english.with_name(f"{english.stem}.{TRANSLATION}.md")


def english_path(russian: Path) -> Path:
    return russian.with_name(russian.name.removesuffix(f".{TRANSLATION}.md") + ".md")


def pair_key(english: str, russian: str, glossary_terms: GlossaryTerms | None) -> str:
    """What a pair's problems depend on: both texts and the glossary terms."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (english, russian, repr(glossary_terms)):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


# What a check of one page pair found: {"problems": [...], "words": [english, russian]}.
PairRecord = dict[str, Any]


def page_pairs(pages: Pages, glossary_terms: GlossaryTerms | None = None,
               known: Mapping[str, PairRecord] | None = None, found: dict[str, PairRecord] | None = None) -> list[PagePair]:
    """Every English/Russian page pair with its state and problems.

    ``known`` maps pair_key(...) to what an earlier check found (a build-to-build record the caller
    keeps): unchanged pairs are neither checked nor counted again. ``found`` receives this run's record."""
    pairs: list[PagePair] = []
    for page in pages:
        if page.language == TRANSLATION:
            if pages.get(page.english_path) is None:
                pairs.append(PagePair(None, page.file, "orphan", russian_words=word_count(page.text),
                                      russian_path=page.path))
            continue
        if page.language != "en":
            continue
        russian = pages.translation_of(page, TRANSLATION)
        if russian is None:
            pairs.append(PagePair(page.file, None, "missing", english_words=word_count(page.text),
                                  english_path=page.path))
            continue
        stamp = read_stamp(russian.text)
        state = "translated" if stamp == source_hash(page.text) else "outdated"
        key = pair_key(page.text, russian.text, glossary_terms)
        remembered = known.get(key) if known is not None else None
        if isinstance(remembered, dict) and remembered.keys() == {"problems", "words"}:
            problems, (english_words, russian_words) = list(remembered["problems"]), remembered["words"]
        else:   # not checked before (or a record in an older form)
            problems = parity_problems(page.text, russian.text)
            if glossary_terms:
                problems += glossary_problems(page.text, russian.text, glossary_terms)
            english_words, russian_words = word_count(page.text), word_count(russian.text)
        if found is not None:
            found[key] = {"problems": list(problems), "words": [english_words, russian_words]}
        pairs.append(PagePair(page.file, russian.file, state, english_words, russian_words,
                              stamp, problems, page.path, russian.path))
    return pairs


def glossary_terms_of(data: GuideData) -> GlossaryTerms:
    return [(term.en.term, term.ru.term, term.ru_variants) for term in data.glossary]


def site_pairs(pages: Pages, glossary_terms: GlossaryTerms, known: Mapping[str, PairRecord] | None = None,
               found: dict[str, PairRecord] | None = None) -> tuple[PairRow, ...]:
    """The rows of the status page and the states behind the notices."""
    return tuple(
        PairRow(p.english_path, p.russian_path, p.state, p.english_words, p.russian_words, tuple(p.problems))
        for p in page_pairs(pages, glossary_terms, known, found)
    )


def notice_state(rows: tuple[PairRow, ...], src_uri: str, language: str, fallback: bool) -> str | None:
    """"missing" (English shown in place of a translation) or "outdated" on a translated page; else None."""
    if language == "en":
        return None
    if fallback:
        return "missing"
    english = src_uri.removesuffix(f".{language}.md") + ".md"
    state = next((row.state for row in rows if row.english == english), "translated")
    return state if state == "outdated" else None


def with_notice(markdown: str, notice: str) -> str:
    """The page's Markdown with the notice right under its title (or first, if it has none)."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[:index + 1], "", notice, "", *lines[index + 1:]])
    return f"{notice}\n\n{markdown}"


def render_notice(ctx: RenderContext, state: str, english_href: str) -> str:
    """Notice for a Russian-language reader: page not translated yet, or translated from an older English text."""
    return ctx.render("markers/translation-notice.html", state=state, english_href=english_href)


def render_status(ctx: RenderContext, args: tuple[str, ...]) -> str:
    rows = [
        {**asdict(pair), "href": ctx.link_to(pair.english) if pair.english else None,
         "state_label": ctx.t(f"translation.state.{pair.state}")}
        for pair in ctx.data.translations
    ]
    counts = Counter(pair.state for pair in ctx.data.translations)
    summary = [{"state": s, "label": ctx.t(f"translation.state.{s}"), "count": counts.get(s, 0)} for s in STATES]
    return ctx.render("markers/translation-status.html", rows=rows, summary=summary)


SPECS = (
    MarkerSpec("translation", "status", (), (), render_status, True,
               "translation state and word counts of every page pair (contributors' page)"),
)
