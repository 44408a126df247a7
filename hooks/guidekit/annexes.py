"""The ``annex:`` marker family: the list of annexes and the Annex I threshold tables, from data."""

from __future__ import annotations

from .countries import source_views
from .localize import format_date, format_number
from .markers import MarkerSpec, RenderContext


def render_list(ctx: RenderContext, args: tuple[str, ...]) -> str:
    rows = [
        {
            "number": annex.number,
            "title": annex.title.in_(ctx.lang),
            "unconfirmed": ctx.lang == "ru" and annex.ru_title_unconfirmed,
            "articles": ", ".join(str(a) for a in annex.articles),
            "href": ctx.link_to(annex.chapter),
        }
        for annex in ctx.data.annexes
    ]
    return ctx.render("markers/annex-list.html", rows=rows)


def _rows(ctx: RenderContext, rows: tuple) -> list[dict[str, str]]:
    return [
        {"id": row.id, "name": row.name.in_(ctx.lang),
         "tonnes": " / ".join(format_number(t, ctx.lang) for t in row.tonnes)}
        for row in rows
    ]


def render_thresholds(ctx: RenderContext, args: tuple[str, ...]) -> str:
    version = ctx.data.annex_i
    assert version is not None, "data/annex-i.yml was not loaded"
    sources = [version.source, version.effective_source]
    if version.superseded_source:
        sources.append(version.superseded_source)
    return ctx.render(
        "markers/annex-i-thresholds.html",
        label=version.label.in_(ctx.lang),
        effective_from=format_date(version.effective_from, ctx.lang),
        effective_from_iso=version.effective_from,
        superseded_on=format_date(version.superseded_on, ctx.lang) if version.superseded_on else None,
        superseded_on_iso=version.superseded_on,
        note=version.translation_note.in_(ctx.lang) if version.translation_note else None,
        part_i=_rows(ctx, version.part_i),
        part_ii=_rows(ctx, version.part_ii),
        sources=source_views(ctx, sources),
    )


SPECS = (
    MarkerSpec("annex", "list", (), (), render_list, True, "the thirteen annexes with their titles"),
    MarkerSpec("annex", "thresholds", (), (), render_thresholds, True,
               "the Annex I threshold tables, with their version and dates"),
)
