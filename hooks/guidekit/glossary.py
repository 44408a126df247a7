"""The ``glossary:`` marker family and the per-language abbreviation tooltips."""

from __future__ import annotations

from .markers import MarkerSpec, RenderContext
from .model import GuideData


def _sort_key(text: str) -> str:
    """Alphabetical order for both scripts (ё sorts with е, as in Russian dictionaries)."""
    return text.lower().replace("ё", "е").lstrip("«»\"'“”„ ")


def render_terms(ctx: RenderContext, args: tuple[str, ...]) -> str:
    other = "en" if ctx.lang == "ru" else "ru"
    entries = [
        {
            "id": term.id,
            "term": term.in_(ctx.lang).term,
            "definition": term.in_(ctx.lang).definition,
            "other_term": term.in_(other).term,
            "other_lang": other,
            "reference": term.reference.in_(ctx.lang) if term.reference else None,
            "unconfirmed": term.ru_unconfirmed,
        }
        for term in ctx.data.glossary
    ]
    entries.sort(key=lambda entry: _sort_key(entry["term"]))
    return ctx.render("markers/glossary-terms.html", entries=entries)


def render_abbreviations(ctx: RenderContext, args: tuple[str, ...]) -> str:
    rows = [
        {"short": a.short[ctx.lang], "full": a.full[ctx.lang]}
        for a in ctx.data.abbreviations if ctx.lang in a.short
    ]
    rows.sort(key=lambda row: _sort_key(row["short"]))
    return ctx.render("markers/glossary-abbreviations.html", rows=rows)


def abbreviation_definitions(data: GuideData, lang: str) -> str:
    """Markdown `abbr` definitions for ``lang``: every use of an abbreviation gets a tooltip."""
    lines = [
        f"*[{a.short[lang]}]: {a.full[lang]}"
        for a in data.abbreviations if lang in a.short
    ]
    return "\n".join(lines)


SPECS = (
    MarkerSpec("glossary", "terms", (), (), render_terms, True, "all glossary terms with definitions"),
    MarkerSpec("glossary", "abbreviations", (), (), render_abbreviations, True, "abbreviations used in the guide"),
)
