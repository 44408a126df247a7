"""Good-practice case studies: metadata read from the front matter of docs/cases/*.md, and the
``cases:`` markers that list them by country and by working area (never maintained by hand).

The structured metadata (countries, areas, year, sources) lives once, in the English page's front
matter; the Russian page carries only its description, so the two can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import GuideError
from .countries import source_views
from .markers import MarkerSpec, RenderContext
from .model import GuideData, Localized, Source
from .pages import Pages
from .schema import validate
from .yamlsource import format_key_path

CASES_DIR = "cases"
_H1 = re.compile(r"^# (?P<title>.+?)(?:\s*\{#[^}]*\})?\s*$", re.M)


@dataclass(frozen=True)
class CaseStudy:
    slug: str
    page: str
    title: Localized
    countries: tuple[str, ...]
    areas: tuple[str, ...]
    year: int
    sources: tuple[Source, ...]


def _title(text: str, display: str, errors: list[GuideError]) -> str:
    match = _H1.search(text)
    if match is None:
        errors.append(GuideError(display, None, "title", "no '# Title' heading", "start the page with '# Title {#id}'"))
        return display
    return match.group("title")


def load_cases(pages: Pages, data: GuideData, schema_dir: Path) -> tuple[tuple[CaseStudy, ...], list[GuideError]]:
    """Every case study's metadata from its English page's front matter; the cases and the problems found."""
    cases: list[CaseStudy] = []
    errors: list[GuideError] = []
    for page in pages.english():
        if not page.path.startswith(f"{CASES_DIR}/") or page.path.count("/") != 1 or page.path == f"{CASES_DIR}/index.md":
            continue
        display = page.display
        document = page.front_matter
        if document is None or "case" not in document.data:
            errors.append(GuideError(display, 1, "front matter", "a case study needs front matter with a case: block",
                                     "copy the front matter of an existing case study"))
            continue
        problems = validate(document, schema_dir, "case.schema.json")
        if problems:
            errors.extend(problems)
            continue
        meta = document.data["case"]

        def check(key: str, values: list[str], allowed: list[str], what: str, fix: str = "use one of") -> None:
            for index, value in enumerate(values):
                if value not in allowed:
                    errors.append(GuideError(
                        display, document.line_of(("case", key, index)), format_key_path(("case", key, index)),
                        f"unknown {what} '{value}'", f"{fix}: {', '.join(allowed)}",
                    ))

        check("countries", meta["countries"], [*data.countries, *data.partners], "country code")
        check("areas", meta["areas"], [a.id for a in data.working_areas], "working area")
        check("sources", meta["sources"], list(data.sources), "source",
              "add it to data/sources.yml, or use one of")
        russian = pages.translation_of(page, "ru")
        if russian is None:
            errors.append(GuideError(display, None, "translation", f"{page.file.stem}.ru.md is missing",
                                     "write the Russian page next to the English one"))
            continue
        slug = page.file.stem
        cases.append(CaseStudy(
            slug=slug, page=page.path,
            title=Localized(en=_title(page.body, display, errors), ru=_title(russian.body, russian.display, errors)),
            countries=tuple(meta["countries"]), areas=tuple(meta["areas"]), year=meta["year"],
            sources=tuple(data.sources[key] for key in meta["sources"] if key in data.sources),
        ))
    return tuple(cases), errors


def _link(ctx: RenderContext, case: CaseStudy) -> dict[str, str]:
    return {"title": case.title.in_(ctx.lang), "href": ctx.link_to(case.page), "year": str(case.year), "slug": case.slug}


def render_by_country(ctx: RenderContext, args: tuple[str, ...]) -> str:
    groups = []
    for code in [*ctx.data.countries, *ctx.data.partners]:
        cases = [c for c in ctx.data.cases if code in c.countries]
        if cases:
            profile = ctx.data.countries[code].page if code in ctx.data.countries else None
            groups.append({
                "code": code, "name": ctx.data.country_name(code).in_(ctx.lang),
                "href": ctx.link_to(profile) if profile else None,
                "cases": [_link(ctx, c) for c in cases],
            })
    return ctx.render("markers/cases-groups.html", groups=groups, kind="country",
                      caption=ctx.t("cases.by_country"), head=ctx.t("country.name"))


def render_by_area(ctx: RenderContext, args: tuple[str, ...]) -> str:
    groups = [
        {"code": area.id, "name": area.name.in_(ctx.lang), "href": ctx.link_to(area.chapter),
         "cases": [_link(ctx, c) for c in ctx.data.cases if area.id in c.areas]}
        for area in ctx.data.working_areas
    ]
    return ctx.render("markers/cases-groups.html", groups=groups, kind="area",
                      caption=ctx.t("cases.by_area"), head=ctx.t("cases.area"))


def render_for_area(ctx: RenderContext, args: tuple[str, ...]) -> str:
    cases = [_link(ctx, c) for c in ctx.data.cases if args[0] in c.areas]
    return ctx.render("markers/cases-for-area.html", area=args[0], cases=cases,
                      index_href=ctx.link_to(f"{CASES_DIR}/index.md"))


def render_summary(ctx: RenderContext, args: tuple[str, ...]) -> str:
    case = next(c for c in ctx.data.cases if c.slug == args[0])
    countries = [
        {"name": ctx.data.country_name(code).in_(ctx.lang),
         "href": ctx.link_to(ctx.data.countries[code].page) if code in ctx.data.countries else None}
        for code in case.countries
    ]
    areas = [
        {"name": a.name.in_(ctx.lang), "href": ctx.link_to(a.chapter)}
        for a in ctx.data.working_areas if a.id in case.areas
    ]
    return ctx.render("markers/case-summary.html", case=case, countries=countries, areas=areas,
                      sources=source_views(ctx, list(case.sources)))


def check_area(data: GuideData, args: tuple[str, ...], index: int) -> tuple[str, str] | None:
    areas = [a.id for a in data.working_areas]
    if args[index] not in areas:
        return f"unknown working area '{args[index]}'", f"use one of: {', '.join(areas)}"
    return None


def check_case(data: GuideData, args: tuple[str, ...], index: int) -> tuple[str, str] | None:
    slugs = [c.slug for c in data.cases]
    if args[index] not in slugs:
        return f"unknown case study '{args[index]}'", f"use the file name of a case study: {', '.join(slugs)}"
    return None


SPECS = (
    MarkerSpec("cases", "by-country", (), (), render_by_country, True, "case studies grouped by country"),
    MarkerSpec("cases", "by-area", (), (), render_by_area, True, "case studies grouped by working area"),
    MarkerSpec("cases", "for-area", ("area",), (check_area,), render_for_area, True,
               "case studies of one working area (in guide chapters)"),
    MarkerSpec("cases", "summary", ("slug",), (check_case,), render_summary, True,
               "a case study's countries, working areas, year and sources"),
)
