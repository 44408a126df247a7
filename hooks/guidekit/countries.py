"""The ``country:`` marker family: country facts rendered from data in the page's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from .localize import format_date
from .markers import MarkerSpec, RenderContext
from .model import Citation, Country, Fact, GuideData, Source

# Order in which facts appear on a profile.
FACT_ORDER = (
    "convention_status", "accession_date", "entry_into_force", "accession_interest", "authorities",
    "focal_point", "ian_point_of_contact", "negm", "self_assessment", "action_plan", "river_basins",
)
DATE_FACTS = {"accession_date", "entry_into_force", "accession_interest", "negm"}
LABELLED_FACTS = {"convention_status", "focal_point", "ian_point_of_contact", "self_assessment", "action_plan"}

STATUS_COLUMNS = ("convention_status", "entry_into_force", "focal_point", "ian_point_of_contact",
                  "negm", "self_assessment", "action_plan")
AUTHORITY_COLUMNS = ("authorities", "focal_point", "ian_point_of_contact")
NON_PARTY_COLUMNS = ("accession_interest", "negm", "self_assessment", "action_plan", "ian_point_of_contact")


@dataclass(frozen=True)
class ItemView:
    text: str
    detail: str | None = None
    unconfirmed: bool = False
    note: str | None = None


@dataclass(frozen=True)
class FactView:
    """A fact ready for a template: every string already in the page's language."""

    name: str
    label: str
    text: str
    items: tuple[ItemView, ...]
    datetime: str | None
    source_title: str
    source_url: str | None
    as_of: str
    unconfirmed: bool
    note: str | None
    source_number: int = 0
    tone: str = ""


@dataclass
class SourceNumbers:
    """Numbers sources in order of first use, so a table can cite each once."""

    keys: list[str] = field(default_factory=list)

    def number(self, key: str) -> int:
        if key not in self.keys:
            self.keys.append(key)
        return self.keys.index(key) + 1


def fact_view(ctx: RenderContext, country: Country, fact: Fact, numbers: SourceNumbers | None = None) -> FactView:
    """Localize one fact's value, label and provenance."""
    items: tuple[ItemView, ...] = ()
    datetime = None
    tone = ""
    if fact.name in DATE_FACTS:
        text, datetime = format_date(fact.value, ctx.lang), fact.value
    elif fact.name in LABELLED_FACTS:
        text = ctx.t(f"value.{fact.name}.{str(fact.value).lower()}")
        tone = "yes" if fact.value in (True, "party", "finalised", "prepared") else "no"
    elif fact.name == "authorities":
        items = tuple(
            ItemView(
                text=a.name.in_(ctx.lang),
                detail=a.role.in_(ctx.lang) if a.role else None,
                unconfirmed=a.unconfirmed,
                note=a.note.in_(ctx.lang) if a.note else None,
            )
            for a in fact.value
        )
        text = "; ".join(item.text for item in items)
    elif fact.name == "river_basins":
        items = tuple(ItemView(text=ctx.data.basins[key].name.in_(ctx.lang)) for key in fact.value)
        text = ", ".join(item.text for item in items)
    else:  # pragma: no cover - the schema admits no other fact
        raise ValueError(f"no renderer for fact '{fact.name}' of {country.code}")
    return FactView(
        name=fact.name,
        label=ctx.t(f"fact.{fact.name}"),
        text=text,
        items=items,
        datetime=datetime,
        source_title=fact.source.title.in_(ctx.lang),
        source_url=fact.source.url,
        as_of=format_date(fact.as_of, ctx.lang),
        unconfirmed=fact.unconfirmed,
        note=fact.note.in_(ctx.lang) if fact.note else None,
        source_number=numbers.number(fact.source.key) if numbers else 0,
        tone=tone,
    )


def source_views(ctx: RenderContext, sources: list[Source]) -> list[dict[str, str | None]]:
    """Numbered sources in the page's language, for the templates' source lists."""
    return [
        {"number": str(i), "title": s.title.in_(ctx.lang), "url": s.url, "date": format_date(s.date, ctx.lang)}
        for i, s in enumerate(sources, start=1)
    ]


def _sources(ctx: RenderContext, numbers: SourceNumbers) -> list[dict[str, str | None]]:
    return source_views(ctx, [ctx.data.sources[key] for key in numbers.keys])


def _country_link(ctx: RenderContext, country: Country) -> dict[str, str]:
    return {"code": country.code, "name": country.name.in_(ctx.lang), "href": ctx.link_to(country.page)}


# --- renderers -------------------------------------------------------------------------------


def render_profile(ctx: RenderContext, args: tuple[str, ...]) -> str:
    country = ctx.data.country(args[0])
    numbers = SourceNumbers()
    facts = [fact_view(ctx, country, country.facts[n], numbers) for n in FACT_ORDER if n in country.facts]
    return ctx.render(
        "markers/country-profile.html",
        country=country, official_name=country.official_name.in_(ctx.lang), facts=facts,
        sources=_sources(ctx, numbers), anchor=f"{country.code.lower()}-src",
        # the self-assessment page opens with this country chosen
        self_assessment=f"{ctx.link_to('self-assessment/index.md')}?country={country.code}",
    )


def _table(ctx: RenderContext, columns: tuple[str, ...], countries: list[Country], table_id: str) -> str:
    numbers = SourceNumbers()
    rows = []
    for country in countries:
        cells = [
            fact_view(ctx, country, country.facts[name], numbers) if name in country.facts else None
            for name in columns
        ]
        rows.append({"country": _country_link(ctx, country), "cells": cells})
    return ctx.render(
        "markers/country-table.html",
        table_id=table_id, caption=ctx.t(f"table.{table_id}"),
        headers=[ctx.t(f"fact.{name}") for name in columns], rows=rows,
        sources=_sources(ctx, numbers), anchor=f"{table_id}-src",
    )


def render_status_table(ctx: RenderContext, args: tuple[str, ...]) -> str:
    return _table(ctx, STATUS_COLUMNS, list(ctx.data.countries.values()), "status")


def render_authorities_table(ctx: RenderContext, args: tuple[str, ...]) -> str:
    return _table(ctx, AUTHORITY_COLUMNS, list(ctx.data.countries.values()), "authorities")


def render_non_parties(ctx: RenderContext, args: tuple[str, ...]) -> str:
    countries = [c for c in ctx.data.countries.values() if not c.is_party]
    return _table(ctx, NON_PARTY_COLUMNS, countries, "non-parties")


def render_fact(ctx: RenderContext, args: tuple[str, ...]) -> str:
    country = ctx.data.country(args[0])
    return ctx.render("markers/country-fact.html", fact=fact_view(ctx, country, country.facts[args[1]]))


def render_link(ctx: RenderContext, args: tuple[str, ...]) -> str:
    return ctx.render("markers/country-link.html", country=_country_link(ctx, ctx.data.country(args[0])))


def render_map(ctx: RenderContext, args: tuple[str, ...]) -> str:
    """SVG map of the five countries, coloured by Convention status, each linking to its profile."""
    outlines = ctx.data.map_outlines
    assert outlines is not None, "data/map-outlines.yml was not loaded"
    countries = []
    for code, country in ctx.data.countries.items():
        (x, y), paths = outlines.countries[code]
        status = country.facts["convention_status"]
        ian = country.facts["ian_point_of_contact"]
        countries.append({
            "code": code, "name": country.name.in_(ctx.lang), "href": ctx.link_to(country.page),
            "party": country.is_party, "ian": bool(ian.value), "x": x, "y": y, "paths": paths,
            "status": fact_view(ctx, country, status), "ian_view": fact_view(ctx, country, ian),
        })
    context = [path for paths in outlines.context.values() for path in paths]
    return ctx.render("markers/country-map.html", view_box=outlines.view_box, countries=countries, context=context)


# --- profile sections: legal basis, bodies per working area, transboundary situation, findings --


def _cite(ctx: RenderContext, cite: Citation, numbers: SourceNumbers) -> dict[str, object]:
    return {
        "number": numbers.number(cite.source.key), "title": cite.source.title.in_(ctx.lang),
        "as_of": format_date(cite.as_of, ctx.lang), "unconfirmed": cite.unconfirmed,
        "note": cite.note.in_(ctx.lang) if cite.note else None,
    }


def _areas(ctx: RenderContext, ids: tuple[str, ...] | None = None) -> list[dict[str, str]]:
    return [
        {"id": a.id, "name": a.name.in_(ctx.lang), "href": ctx.link_to(a.chapter)}
        for a in ctx.data.working_areas if ids is None or a.id in ids
    ]


def _acts(ctx: RenderContext, country: Country, numbers: SourceNumbers, area: str | None = None) -> list[dict]:
    return [
        {"title": act.title.in_(ctx.lang), "year": act.year, "number": act.number,
         "kind": ctx.t(f"legal.kind.{act.kind}"), "areas": _areas(ctx, act.areas),
         "cite": _cite(ctx, act.cite, numbers)}
        for act in country.legal_basis if area is None or area in act.areas
    ]


def _bodies(ctx: RenderContext, country: Country, area: str, numbers: SourceNumbers) -> dict | None:
    entry = country.bodies.get(area)
    if entry is None:
        return None
    return {
        "names": [{"text": a.name.in_(ctx.lang), "unconfirmed": a.cite.unconfirmed,
                   "note": a.cite.note.in_(ctx.lang) if a.cite.note else None} for a in entry.agencies],
        "cite": _cite(ctx, entry.cite, numbers),
    }


def render_legal_basis(ctx: RenderContext, args: tuple[str, ...]) -> str:
    country = ctx.data.country(args[0])
    numbers = SourceNumbers()
    acts = _acts(ctx, country, numbers)
    return ctx.render("markers/country-legal-basis.html", country=country, acts=acts,
                      sources=_sources(ctx, numbers), anchor=f"{country.code.lower()}-law-src")


def render_bodies(ctx: RenderContext, args: tuple[str, ...]) -> str:
    country = ctx.data.country(args[0])
    numbers = SourceNumbers()
    areas = _areas(ctx)
    rows = [{"area": a, "bodies": _bodies(ctx, country, a["id"], numbers)} for a in areas if a["id"] in country.bodies]
    missing = [a for a in areas if a["id"] not in country.bodies]
    return ctx.render("markers/country-bodies.html", country=country, rows=rows, missing=missing,
                      sources=_sources(ctx, numbers), anchor=f"{country.code.lower()}-bodies-src")


def render_transboundary(ctx: RenderContext, args: tuple[str, ...]) -> str:
    country = ctx.data.country(args[0])
    numbers = SourceNumbers()
    tb = country.transboundary
    rivers = [{"name": ctx.data.basins[r.basin].name.in_(ctx.lang), "text": r.position.in_(ctx.lang),
               "cite": _cite(ctx, r.cite, numbers)} for r in tb.rivers]
    neighbours = []
    for n in tb.neighbours:
        profile = ctx.data.countries[n.country].page if n.country in ctx.data.countries else None
        neighbours.append({"name": ctx.data.country_name(n.country).in_(ctx.lang),
                           "href": ctx.link_to(profile) if profile else None,
                           "text": n.link.in_(ctx.lang), "cite": _cite(ctx, n.cite, numbers)})
    sites = [{"name": s.name.in_(ctx.lang), "text": s.text.in_(ctx.lang), "cite": _cite(ctx, s.cite, numbers)}
             for s in tb.sites]
    return ctx.render("markers/country-transboundary.html", country=country, rivers=rivers,
                      neighbours=neighbours, sites=sites, sources=_sources(ctx, numbers),
                      anchor=f"{country.code.lower()}-tb-src")


def render_findings(ctx: RenderContext, args: tuple[str, ...]) -> str:
    country = ctx.data.country(args[0])
    numbers = SourceNumbers()
    findings = [{"text": f.text.in_(ctx.lang), "year": f.year, "cite": _cite(ctx, f.cite, numbers)}
                for f in country.findings]
    return ctx.render("markers/country-findings.html", country=country, findings=findings,
                      sources=_sources(ctx, numbers), anchor=f"{country.code.lower()}-find-src")


def render_area(ctx: RenderContext, args: tuple[str, ...]) -> str:
    """One working area across the five countries: status, responsible bodies, relevant acts."""
    area = next(a for a in ctx.data.working_areas if a.id == args[0])
    numbers = SourceNumbers()
    rows = []
    for country in ctx.data.countries.values():
        rows.append({
            "country": _country_link(ctx, country),
            "status": fact_view(ctx, country, country.facts["convention_status"], numbers),
            "bodies": _bodies(ctx, country, area.id, numbers),
            "acts": _acts(ctx, country, numbers, area.id),
        })
    return ctx.render("markers/country-area.html", area=area.id, area_name=area.name.in_(ctx.lang), rows=rows,
                      sources=_sources(ctx, numbers), anchor=f"area-{area.id}-src")


# --- argument checks -------------------------------------------------------------------------


def check_country(data: GuideData, args: tuple[str, ...], index: int) -> tuple[str, str] | None:
    code = args[index]
    if code not in data.countries:
        return f"unknown country code '{code}'", f"use one of: {', '.join(data.countries)}"
    return None


def check_fact(data: GuideData, args: tuple[str, ...], index: int) -> tuple[str, str] | None:
    name = args[index]
    if name not in FACT_ORDER:
        return f"unknown fact '{name}'", f"use one of: {', '.join(FACT_ORDER)}"
    country = data.countries.get(args[0])
    if country is not None and name not in country.facts:
        present = ", ".join(n for n in FACT_ORDER if n in country.facts)
        return (f"{country.code} has no fact '{name}' in data/countries.yml",
                f"add it there, or use one of: {present}")
    return None


def check_working_area(data: GuideData, args: tuple[str, ...], index: int) -> tuple[str, str] | None:
    areas = [a.id for a in data.working_areas]
    if args[index] not in areas:
        return f"unknown working area '{args[index]}'", f"use one of: {', '.join(areas)}"
    return None


SPECS = (
    MarkerSpec("country", "profile", ("code",), (check_country,), render_profile, True,
               "all facts about one country, with sources"),
    MarkerSpec("country", "status-table", (), (), render_status_table, True,
               "comparison table of the five countries"),
    MarkerSpec("country", "authorities-table", (), (), render_authorities_table, True,
               "authorities, focal points and IAN points of contact of the five countries"),
    MarkerSpec("country", "non-parties", (), (), render_non_parties, True,
               "implementation steps of the countries that are not yet Parties"),
    MarkerSpec("country", "map", (), (), render_map, True,
               "map of Central Asia coloured by Convention status, with the same data as a table"),
    MarkerSpec("country", "fact", ("code", "fact"), (check_country, check_fact), render_fact, False,
               "one fact, inline, e.g. <!-- country:fact KZ accession_date -->"),
    MarkerSpec("country", "link", ("code",), (check_country,), render_link, False,
               "the country's name linking to its profile"),
    MarkerSpec("country", "legal-basis", ("code",), (check_country,), render_legal_basis, True,
               "the country's laws and other acts on industrial safety and emergencies"),
    MarkerSpec("country", "bodies", ("code",), (check_country,), render_bodies, True,
               "the bodies responsible in each of the six working areas"),
    MarkerSpec("country", "transboundary", ("code",), (check_country,), render_transboundary, True,
               "shared rivers, neighbours and hazardous sites"),
    MarkerSpec("country", "findings", ("code",), (check_country,), render_findings, True,
               "what the self-assessment and later work found"),
    MarkerSpec("country", "area", ("area",), (check_working_area,), render_area, True,
               "one working area across the five countries (for the chapters' Central Asia sections)"),
)
