"""The ``annex:`` marker family: the list of annexes and the Annex I threshold tables, from data."""

from __future__ import annotations

from .countries import SourceNumbers, _country_link, _sources, source_views
from .localize import format_date, format_number
from .markers import MarkerSpec, RenderContext
from .model import AnnexI, GuideData, Source, ThresholdRow


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


def check_summarised_annex(data: GuideData, args: tuple[str, ...], index: int) -> tuple[str, str] | None:
    annex = next((a for a in data.annexes if a.number == args[index]), None)
    if annex is None:
        return (f"unknown annex '{args[index]}'",
                f"use one of: {', '.join(a.number for a in data.annexes)} (see data/annexes.yml)")
    if annex.content_source is None:
        return (f"Annex {annex.number} has no content_source",
                "add `content_source:` (the text its content was read in) to it in data/annexes.yml, "
                "or do not summarise it")
    return None


def render_source(ctx: RenderContext, args: tuple[str, ...]) -> str:
    """Where a chapter's summary of an annex comes from: the text the annex was read in."""
    annex = next(a for a in ctx.data.annexes if a.number == args[0])
    assert annex.content_source is not None   # check_summarised_annex ran first
    (source,) = source_views(ctx, [annex.content_source])
    return ctx.render("markers/annex-source.html", number=annex.number, source=source)


def _rows(ctx: RenderContext, rows: tuple[ThresholdRow, ...]) -> list[dict[str, object]]:
    return [
        {"id": row.id, "name": row.name.in_(ctx.lang),
         "tonnes": " / ".join(format_number(t, ctx.lang) for t in row.tonnes),
         "unconfirmed": row.unconfirmed, "note": row.note.in_(ctx.lang) if row.note else None}
        for row in rows
    ]


def annex_i_version(data: GuideData, version_id: str) -> AnnexI:
    for version in data.annex_i:
        if version.id == version_id:
            return version
    raise KeyError(f"data/annex-i.yml has no version '{version_id}'")


def check_version(data: GuideData, args: tuple[str, ...], index: int) -> tuple[str, str] | None:
    ids = [v.id for v in data.annex_i]
    if args[index] not in ids:
        return f"unknown Annex I version '{args[index]}'", f"use one of: {', '.join(ids)} (see data/annex-i.yml)"
    return None


def render_thresholds(ctx: RenderContext, args: tuple[str, ...]) -> str:
    """One version of the Annex I tables: dates, status, the tables and numbered sources."""
    version = annex_i_version(ctx.data, args[0])
    numbers = SourceNumbers()
    anchor = f"annex-i-{version.id}-src"

    def ref(source: Source | None) -> dict[str, str] | None:
        if source is None:
            return None
        number = numbers.number(source.key)
        return {"number": str(number), "href": f"#{anchor}-{number}"}

    tables_ref = ref(version.source)
    parts = [
        {"index": i, "caption": caption.in_(ctx.lang), "rows": _rows(ctx, rows)}
        for i, (caption, rows) in enumerate(
            ((version.part_i_caption, version.part_i), (version.part_ii_caption, version.part_ii)), start=1)
        if rows
    ]
    return ctx.render(
        "markers/annex-i-thresholds.html",
        version=version.id,
        current=version.current,
        label=version.label.in_(ctx.lang),
        adopted_at=version.adopted_at.in_(ctx.lang) if version.adopted_at else None,
        adopted_ref=ref(version.adoption_source),
        effective_from=format_date(version.effective_from, ctx.lang),
        effective_from_iso=version.effective_from,
        effective_ref=ref(version.effective_source),
        superseded_on=format_date(version.superseded_on, ctx.lang) if version.superseded_on else None,
        superseded_on_iso=version.superseded_on,
        superseded_ref=ref(version.superseded_source),
        parties=[_country_link(ctx, ctx.data.country(code)) for code in version.central_asia_parties],
        parties_ref=ref(version.parties_source),
        criteria=version.criteria.in_(ctx.lang) if version.criteria else None,
        omitted=version.omitted.in_(ctx.lang) if version.omitted else None,
        note=version.translation_note.in_(ctx.lang) if version.translation_note else None,
        tables_ref=tables_ref,
        parts=parts,
        sources=_sources(ctx, numbers),
        anchor=anchor,
    )


SPECS = (
    MarkerSpec("annex", "list", (), (), render_list, True, "the thirteen annexes with their titles"),
    MarkerSpec("annex", "thresholds", ("version",), (check_version,), render_thresholds, True,
               "one version of the Annex I threshold tables (VERSION: 2014, 2006 …), with its dates and sources"),
    MarkerSpec("annex", "source", ("annex",), (check_summarised_annex,), render_source, True,
               "under a chapter's summary of an annex (ANNEX: IV, VIII …): the text the summary was made from"),
)
