"""The ``project:`` marker family: the 2016–2019 Central Asia project, resources and the secretariat.

Facts come from data/project.yml; the timeline also takes each country's National Expert Group
Meeting from data/countries.yml, so that date is written once.
"""

from __future__ import annotations

from .countries import SourceNumbers, source_views
from .localize import format_date, format_period
from .markers import MarkerSpec, RenderContext
from .model import GuideData, Project, Resource

RESOURCE_KINDS = ("training", "online", "publication")
LANGUAGE_KEYS = {"en": "lang.en", "fr": "lang.fr", "ru": "lang.ru"}


def _project(ctx: RenderContext) -> Project:
    project = ctx.data.project
    assert project is not None, "data/project.yml was not loaded"
    return project


def _sources(ctx: RenderContext, numbers: SourceNumbers) -> list[dict[str, str | None]]:
    return source_views(ctx, [ctx.data.sources[key] for key in numbers.keys])


def timeline_rows(ctx: RenderContext, numbers: SourceNumbers) -> list[dict[str, object]]:
    """Project events and the countries' NEGMs, oldest first, in the page's language."""
    rows: list[tuple[str, dict[str, object]]] = []
    for event in _project(ctx).events:
        rows.append((event.start, {
            "id": event.id,
            "when": format_period(event.start, event.end, ctx.lang),
            "datetime": event.start,
            "title": event.title.in_(ctx.lang),
            "place": event.place.in_(ctx.lang) if event.place else None,
            "summary": event.summary.in_(ctx.lang) if event.summary else None,
            "note": event.note.in_(ctx.lang) if event.note else None,
            "href": None, "unconfirmed": False,
            "source": numbers.number(event.source.key),
        }))
    for country in ctx.data.countries.values():
        negm = country.facts["negm"]
        rows.append((negm.value, {
            "id": f"negm-{country.code.lower()}",
            "when": format_date(negm.value, ctx.lang),
            "datetime": negm.value,
            "title": f"{ctx.t('fact.negm')}: {country.name.in_(ctx.lang)}",
            "href": ctx.link_to(country.page),
            "place": None, "summary": None,
            "note": negm.note.in_(ctx.lang) if negm.note else None,
            "unconfirmed": negm.unconfirmed,
            "source": numbers.number(negm.source.key),
        }))
    # Something dated only by its month sorts after the dated days of that month.
    return [row for _, row in sorted(rows, key=lambda item: item[0] if len(item[0]) == 10 else f"{item[0]}-99")]


def render_timeline(ctx: RenderContext, args: tuple[str, ...]) -> str:
    numbers = SourceNumbers()
    rows = timeline_rows(ctx, numbers)
    return ctx.render("markers/project-timeline.html", rows=rows, sources=_sources(ctx, numbers),
                      anchor="timeline-src")


def render_event(ctx: RenderContext, args: tuple[str, ...]) -> str:
    event = _project(ctx).event(args[0])
    assert event is not None and event.details is not None
    details = event.details
    numbers = SourceNumbers()
    numbers.number(event.source.key)
    if event.details_source is not None:
        numbers.number(event.details_source.key)
    return ctx.render(
        "markers/project-event.html",
        event={
            "id": event.id,
            "when": format_period(event.start, event.end, ctx.lang),
            "datetime": event.start,
            "place": event.place.in_(ctx.lang) if event.place else None,
            "summary": event.summary.in_(ctx.lang) if event.summary else None,
            "participants": details.participants.in_(ctx.lang),
            "partners": [p.in_(ctx.lang) for p in details.partners],
            "experts": details.experts.in_(ctx.lang) if details.experts else None,
            "outcomes": [o.in_(ctx.lang) for o in details.outcomes],
        },
        sources=_sources(ctx, numbers), anchor=f"{event.id}-src",
    )


def _resource_view(ctx: RenderContext, resource: Resource, numbers: SourceNumbers) -> dict[str, object]:
    return {
        "id": resource.id,
        "title": resource.title.in_(ctx.lang),
        "description": resource.description.in_(ctx.lang),
        "symbol": resource.symbol,
        "languages": ", ".join(ctx.t(LANGUAGE_KEYS[code]) for code in resource.languages),
        "url": resource.url,
        "unconfirmed": resource.unconfirmed,
        "note": resource.note.in_(ctx.lang) if resource.note else None,
        "source": numbers.number(resource.source.key),
    }


def render_resources(ctx: RenderContext, args: tuple[str, ...]) -> str:
    kind = args[0]
    numbers = SourceNumbers()
    items = [_resource_view(ctx, r, numbers) for r in _project(ctx).resources if r.kind == kind]
    return ctx.render("markers/project-resources.html", kind=kind, items=items,
                      sources=_sources(ctx, numbers), anchor=f"resources-{kind}-src")


def render_contact(ctx: RenderContext, args: tuple[str, ...]) -> str:
    s = _project(ctx).secretariat
    numbers = SourceNumbers()
    numbers.number(s.source.key)
    if s.secretary_source is not None:
        numbers.number(s.secretary_source.key)
    return ctx.render(
        "markers/project-contact.html",
        contact={
            "name": s.name.in_(ctx.lang),
            "address": s.address.in_(ctx.lang),
            "phone": s.phone,
            "phone_href": "tel:" + s.phone.replace(" ", "") if s.phone else None,
            "email": s.email,
            "web": s.web,
            "secretary": s.secretary.in_(ctx.lang) if s.secretary else None,
            "secretary_as_of": format_date(s.secretary_as_of, ctx.lang) if s.secretary_as_of else None,
            "as_of": format_date(s.as_of, ctx.lang),
        },
        sources=_sources(ctx, numbers), anchor="secretariat-src",
    )


def render_date(ctx: RenderContext, args: tuple[str, ...]) -> str:
    event = _project(ctx).event(args[0])
    assert event is not None
    return ctx.render("markers/project-date.html", when=format_period(event.start, event.end, ctx.lang),
                      datetime=event.start, title=event.source.title.in_(ctx.lang))


# --- argument checks -------------------------------------------------------------------------


def check_event(data: GuideData, args: tuple[str, ...], index: int) -> tuple[str, str] | None:
    project = data.project
    events = project.events if project else ()
    event = project.event(args[index]) if project else None
    with_details = [e.id for e in events if e.details is not None]
    if event is None:
        return f"unknown project event '{args[index]}'", f"use one of: {', '.join(with_details)} (data/project.yml)"
    if event.details is None:
        return (f"project event '{event.id}' has no details to show",
                f"add details: to it in data/project.yml, or use one of: {', '.join(with_details)}")
    return None


def check_any_event(data: GuideData, args: tuple[str, ...], index: int) -> tuple[str, str] | None:
    project = data.project
    if project is None or project.event(args[index]) is None:
        known = ", ".join(e.id for e in project.events) if project else ""
        return f"unknown project event '{args[index]}'", f"use one of: {known} (data/project.yml)"
    return None


def check_kind(data: GuideData, args: tuple[str, ...], index: int) -> tuple[str, str] | None:
    if args[index] not in RESOURCE_KINDS:
        return f"unknown resource kind '{args[index]}'", f"use one of: {', '.join(RESOURCE_KINDS)}"
    return None


SPECS = (
    MarkerSpec("project", "timeline", (), (), render_timeline, True,
               "dated steps of the 2016–2019 Central Asia project, with the five NEGMs, and sources"),
    MarkerSpec("project", "event", ("id",), (check_event,), render_event, True,
               "participants, partners and outcomes of one project meeting, e.g. almaty-2018"),
    MarkerSpec("project", "date", ("id",), (check_any_event,), render_date, False,
               "the date or period of one project event, inline, e.g. <!-- project:date almaty-2018 -->"),
    MarkerSpec("project", "resources", ("kind",), (check_kind,), render_resources, True,
               "training, online or publication resources, with languages and sources"),
    MarkerSpec("project", "contact", (), (), render_contact, True,
               "the Convention secretariat's address and web page, with source and date"),
)
