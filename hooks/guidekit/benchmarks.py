"""Self-assessment against the Benchmarks (data/benchmarks.yml) and the action plan drawn from it.

Plain functions first (what is "met", the draft action plan, progress per working area), then the
``assessment:`` markers:

- ``<!-- assessment:tool -->`` — the self-assessment page: every indicator with its level, notes and
  chapter link; a blank action-plan table; the progress summary. It reads and prints as a checklist
  without JavaScript; docs/assets/self-assessment.js makes it a tool (autosave, action plan, export).
  Everything the script needs is embedded as JSON (no request, works from file://).
- ``<!-- assessment:checklist -->`` — the blank checklist for the one-page print Guide.
- ``<!-- assessment:link AREA -->`` — a working-area chapter's link to its indicators on that page.

The derivation rules here and in the script are the same: an indicator is *met* at the highest level
of the scale; every assessed indicator below it is a gap and gets one action-plan row; an indicator
without a level is "not assessed" and gets no row.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .errors import GuideError
from .markers import MarkerSpec, RenderContext
from .model import Benchmarks, Country, GuideData, Indicator, Localized

PAGE = "self-assessment/index.md"
SCRIPT = "assets/self-assessment.js"
STYLE = "assets/self-assessment.css"
EXPORT_FORMAT = "ca-guide-self-assessment"
EXPORT_VERSION = 1
STATUSES = ("not_started", "in_progress", "done")
MESSAGE_KEYS = (
    "saved", "restored", "imported", "import_failed", "import_foreign", "import_version", "import_invalid",
    "cleared", "confirm_clear", "no_country", "no_gaps", "plan_default", "print_title", "csv_done",
    "current_level", "action", "authority", "deadline", "status", "area", "indicator", "number", "row_legend",
    "country_changed", "authority_hint",
)


# --- the rules -------------------------------------------------------------------------------------

def is_met(level: int, benchmarks: Benchmarks) -> bool:
    """An indicator is met only at the highest level of the scale."""
    return level == benchmarks.max_level


def _checked(levels: Mapping[str, int], benchmarks: Benchmarks) -> dict[str, int]:
    allowed = {step.level for step in benchmarks.scale}
    for key, level in levels.items():
        if level not in allowed:
            raise ValueError(f"level {level!r} of indicator '{key}' is not on the scale {sorted(allowed)}")
    return dict(levels)


@dataclass(frozen=True)
class PlanRow:
    """One gap: an assessed indicator below the highest level."""

    indicator: Indicator
    level: int
    number: str          # "3.2": working area 3, indicator 2


def draft_action_plan(benchmarks: Benchmarks, levels: Mapping[str, int]) -> list[PlanRow]:
    """One row per gap, in the order of the Benchmarks. ``levels`` maps indicator ids to levels;
    ids it does not know (a draft made with other data) are ignored, a level off the scale raises."""
    levels = _checked(levels, benchmarks)
    rows = []
    for area_index, area in enumerate(benchmarks.areas, start=1):
        for index, indicator in enumerate(area.indicators, start=1):
            level = levels.get(indicator.id)
            if level is not None and not is_met(level, benchmarks):
                rows.append(PlanRow(indicator, level, f"{area_index}.{index}"))
    return rows


@dataclass(frozen=True)
class AreaProgress:
    area: str
    name: Localized
    total: int
    met: int             # at the highest level
    partly: int          # above the lowest level, below the highest
    absent: int          # at the lowest level
    not_assessed: int
    score: int           # sum of the levels given
    max_score: int       # total × highest level

    @property
    def percent(self) -> int:
        """Score as a whole percentage of the maximum (not assessed counts as 0), halves rounded up
        as JavaScript's Math.round does (the page's script computes the same figure)."""
        return math.floor(100 * self.score / self.max_score + 0.5) if self.max_score else 0


def progress(benchmarks: Benchmarks, levels: Mapping[str, int]) -> list[AreaProgress]:
    """Counts and score per working area, in the order of the Benchmarks."""
    levels = _checked(levels, benchmarks)
    top = benchmarks.max_level
    result = []
    for area in benchmarks.areas:
        given = [levels[i.id] for i in area.indicators if i.id in levels]
        result.append(AreaProgress(
            area=area.area.id, name=area.area.name, total=len(area.indicators),
            met=sum(1 for level in given if level == top),
            partly=sum(1 for level in given if 0 < level < top),
            absent=sum(1 for level in given if level == 0),
            not_assessed=len(area.indicators) - len(given),
            score=sum(given), max_score=len(area.indicators) * top,
        ))
    return result


@dataclass(frozen=True)
class AuthorityChoices:
    """What the action plan offers as the responsible authority for one country."""

    names: tuple[Localized, ...]          # the country's authorities, then its other agencies
    defaults: Mapping[str, int]           # working area → index in ``names`` proposed for its rows


def authority_choices(country: Country) -> AuthorityChoices:
    """The authorities in charge (fact ``authorities``) and the agencies of the country profile,
    without repeats; an area's body (profile ``bodies``) is proposed for that area's rows only when
    its role is confirmed, so the draft never states an unconfirmed responsibility."""
    names: list[Localized] = []
    fact = country.facts.get("authorities")
    for authority in fact.value if fact else ():
        if authority.name not in names:
            names.append(authority.name)
    for agency in country.agencies.values():
        if agency.name not in names:
            names.append(agency.name)
    defaults = {
        area: names.index(bodies.agencies[0].name)
        for area, bodies in country.bodies.items()
        if bodies.agencies and not bodies.cite.unconfirmed
    }
    return AuthorityChoices(tuple(names), defaults)


# --- chapters and their headings -------------------------------------------------------------------

_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>.+?)[ \t]*\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}[ \t]*$", re.M)


def headings_of(markdown: str) -> dict[str, str]:
    """Explicit heading ids of a page and their text: ``## Step 1 {#step-1}`` → {"step-1": "Step 1"}."""
    return {m.group("id"): re.sub(r"[*_`]", "", m.group("title")).strip() for m in _HEADING.finditer(markdown)}


def chapter_headings(benchmarks: Benchmarks, docs_dir: Path) -> tuple[dict[str, Localized], list[GuideError]]:
    """The heading each indicator links to, in both languages (``page.md#id`` → text); and problems:
    a chapter that does not exist, or an anchor missing in either language."""
    found: dict[str, Localized] = {}
    errors = []
    for indicator in benchmarks.indicators:
        where = f"areas.{indicator.area}.indicators.{indicator.id}.chapter"
        english, russian = docs_dir / indicator.chapter, docs_dir / indicator.chapter.replace(".md", ".ru.md")
        if not english.is_file() or not russian.is_file():
            errors.append(GuideError("data/benchmarks.yml", None, where,
                                     f"page docs/{indicator.chapter} (and its .ru.md) does not exist",
                                     "name a page of docs/, e.g. guide/prevention.md#inspection"))
            continue
        en, ru = headings_of(english.read_text(encoding="utf-8")), headings_of(russian.read_text(encoding="utf-8"))
        anchor = indicator.anchor or next(iter(en), None)
        if anchor is None or anchor not in en or anchor not in ru:
            missing = [lang for lang, ids in (("English", en), ("Russian", ru)) if anchor not in ids]
            errors.append(GuideError("data/benchmarks.yml", None, where,
                                     f"heading #{anchor} not found on the {' and '.join(missing)} page",
                                     f"use a heading id that both pages have: {', '.join(sorted(set(en) & set(ru)))}"))
            continue
        found[_target(indicator)] = Localized(en=en[anchor], ru=ru[anchor])
    return found, errors


def _target(indicator: Indicator) -> str:
    return f"{indicator.chapter}#{indicator.anchor}" if indicator.anchor else indicator.chapter


# --- rendering -------------------------------------------------------------------------------------

_ANNEX_PARTS_RU = {"item": "пункт", "items": "пункты", "para": "пункт", "paras": "пункты"}


def article_label(article: str, lang: str) -> str:
    """``"4"`` → Article 4 / статья 4; ``"Annex I"`` → Annex I / приложение I;
    ``"Annex IV (items 4, 9)"`` → приложение IV (пункты 4, 9); anything else as is."""
    if re.fullmatch(r"\d+(\(\d+\))?", article):
        return f"статья {article}" if lang == "ru" else f"Article {article}"
    if article.startswith("Annex "):
        if lang != "ru":
            return article
        return "приложение " + re.sub(r"\((items?|paras?) ", lambda m: f"({_ANNEX_PARTS_RU[m.group(1)]} ", article[6:])
    return article


def _benchmarks(ctx: RenderContext) -> Benchmarks:
    if ctx.data.benchmarks is None:
        raise GuideError("data/benchmarks.yml", None, "", "the Benchmarks data is not loaded", "add data/benchmarks.yml")
    return ctx.data.benchmarks


def _link(ctx: RenderContext, indicator: Indicator) -> str:
    url = ctx.link_to(indicator.chapter)
    return f"{url}#{indicator.anchor}" if indicator.anchor else url


def _areas_view(ctx: RenderContext, benchmarks: Benchmarks, headings: Mapping[str, Localized]) -> list[dict]:
    areas = []
    for area_index, area in enumerate(benchmarks.areas, start=1):
        indicators = []
        for index, indicator in enumerate(area.indicators, start=1):
            heading = headings.get(_target(indicator))
            indicators.append({
                "id": indicator.id, "number": f"{area_index}.{index}", "text": indicator.text.in_(ctx.lang),
                "criteria": [c.in_(ctx.lang) for c in indicator.criteria],
                "articles": ", ".join(article_label(a, ctx.lang) for a in indicator.articles),
                "link": _link(ctx, indicator), "heading": heading.in_(ctx.lang) if heading else "",
                "unconfirmed": indicator.unconfirmed,
            })
        areas.append({"id": area.area.id, "number": area_index, "name": area.area.name.in_(ctx.lang),
                      "chapter": ctx.link_to(area.area.chapter), "indicators": indicators})
    return areas


def _scale_view(ctx: RenderContext, benchmarks: Benchmarks) -> list[dict]:
    return [{"level": s.level, "label": s.label.in_(ctx.lang),
             "description": s.description.in_(ctx.lang) if s.description else ""} for s in benchmarks.scale]


def render_tool(ctx: RenderContext, args: tuple[str, ...]) -> str:
    benchmarks = _benchmarks(ctx)
    headings = ctx.data.benchmark_headings or {}
    areas = _areas_view(ctx, benchmarks, headings)
    scale = _scale_view(ctx, benchmarks)
    countries = []
    for code, c in ctx.data.countries.items():
        choices = authority_choices(c)
        countries.append({"code": code, "name": c.name.in_(ctx.lang),
                          "authorities": [n.in_(ctx.lang) for n in choices.names], "defaults": dict(choices.defaults)})
    statuses = [{"value": s, "label": ctx.t(f"assessment.status.{s}")} for s in STATUSES]
    payload = {
        "lang": ctx.lang, "format": EXPORT_FORMAT, "version": EXPORT_VERSION, "max": benchmarks.max_level,
        "countries": {c["code"]: {"name": c["name"], "authorities": c["authorities"], "defaults": c["defaults"]}
                      for c in countries},
        "statuses": statuses,
        "messages": {key: ctx.t(f"assessment.msg.{key}") for key in MESSAGE_KEYS},
    }
    summary = progress(benchmarks, {})
    parts = [ctx.render("markers/self-assessment.html", part="intro", countries=countries, scale=scale,
                        areas=areas, style=ctx.link_to(STYLE))]
    for area in areas:
        parts.append(ctx.render("markers/self-assessment.html", part="area", area=area, scale=scale))
    parts.append(ctx.render("markers/self-assessment.html", part="plan", statuses=statuses))
    parts.append(ctx.render("markers/self-assessment.html", part="summary", rows=summary,
                            payload=payload, script=ctx.link_to(SCRIPT)))
    return "\n\n".join(parts)


def render_checklist(ctx: RenderContext, args: tuple[str, ...]) -> str:
    """The blank checklist for paper (one-page print Guide): indicators, levels to tick, room for notes."""
    benchmarks = _benchmarks(ctx)
    return ctx.render("markers/self-assessment-checklist.html",
                      areas=_areas_view(ctx, benchmarks, ctx.data.benchmark_headings or {}),
                      scale=_scale_view(ctx, benchmarks), page=ctx.link_to(PAGE), style=ctx.link_to(STYLE))


def render_link(ctx: RenderContext, args: tuple[str, ...]) -> str:
    """A chapter's link to the indicators of its working area on the self-assessment page."""
    benchmarks = _benchmarks(ctx)
    area = next(a for a in benchmarks.areas if a.area.id == args[0])
    return ctx.render("markers/self-assessment-link.html", href=f"{ctx.link_to(PAGE)}#{area.area.id}",
                      count=len(area.indicators), area=area.area.name.in_(ctx.lang))


def _check_area(data: GuideData, args: tuple[str, ...], index: int) -> tuple[str, str] | None:
    known = [a.id for a in data.working_areas]
    if args[index] not in known:
        return f"unknown working area '{args[index]}'", f"use one of: {', '.join(known)}"
    return None


SPECS = (
    MarkerSpec("assessment", "tool", (), (), render_tool, True,
               "the self-assessment checklist and action plan (data/benchmarks.yml); a tool with JavaScript"),
    MarkerSpec("assessment", "checklist", (), (), render_checklist, True,
               "the blank self-assessment checklist, for paper (one-page print Guide)"),
    MarkerSpec("assessment", "link", ("area",), (_check_area,), render_link, True,
               "a working-area chapter's link to its indicators on the self-assessment page"),
)
