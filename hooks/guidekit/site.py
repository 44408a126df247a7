"""Prepare everything a build needs, once, and check all pages before any page is written.

Checking every marker in ``docs/`` up front means a bad marker on a Russian page fails the build
before the English site is written, so no half-written site is left behind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from . import annexes, cases, countries, glossary, notification, printing, project, translation
from .errors import GuideError, GuideErrors, display_path
from .loader import load_guide_data
from .markers import Registry, check_page, make_registry, make_templates
from .model import GuideData

MARKER_SPECS = (*countries.SPECS, *annexes.SPECS, *glossary.SPECS, *cases.SPECS, *notification.SPECS,
                *translation.SPECS, *printing.SPECS, *project.SPECS)


@dataclass(frozen=True)
class Guide:
    """The per-build state shared by the hooks (kept on the MkDocs config, never in a module)."""

    data: GuideData
    templates: jinja2.Environment
    registry: Registry
    project_dir: Path


def prepare_guide(project_dir: Path, docs_dir: Path, template_dir: Path, today: dt.date | None = None,
                  downloads: bool = False) -> Guide:
    """Load and validate the data, then check every marker on every page; raise on any problem."""
    data = load_guide_data(project_dir / "data", project_dir, today=today)
    registry = make_registry(MARKER_SPECS)
    case_studies, errors = cases.load_cases(docs_dir, project_dir, data, project_dir / "data" / "schema")
    data = dataclasses.replace(
        data, cases=case_studies,
        translations=translation.site_pairs(docs_dir, translation.glossary_terms_of(data)),
        downloads=downloads,
    )
    for path in sorted(docs_dir.rglob("*.md")):
        display = display_path(path, project_dir)
        text = path.read_text(encoding="utf-8")
        errors.extend(check_front_matter(text, display))
        errors.extend(check_page(text, display, registry, data))
    for country in data.countries.values():
        if not (docs_dir / country.page).is_file():
            errors.append(GuideError(
                "data/countries.yml", None, f"countries.{country.code}.page",
                f"profile page docs/{country.page} does not exist",
                "create the page (and its .ru.md translation) or correct the path",
            ))
    for index, area in enumerate(data.working_areas):
        if not (docs_dir / area.chapter).is_file():
            errors.append(GuideError("data/working-areas.yml", None, f"areas[{index}].chapter",
                                     f"page docs/{area.chapter} does not exist", "correct the path"))
    for index, annex in enumerate(data.annexes):
        if not (docs_dir / annex.chapter).is_file():
            errors.append(GuideError(
                "data/annexes.yml", None, f"annexes[{index}].chapter",
                f"page docs/{annex.chapter} does not exist", "correct the path",
            ))
    if errors:
        raise GuideErrors(errors)
    return Guide(data=data, templates=make_templates(str(template_dir)), registry=registry, project_dir=project_dir)


def check_front_matter(markdown: str, page: str) -> list[GuideError]:
    """Front matter that is not valid YAML would silently show up as page text; catch it."""
    if not markdown.startswith("---\n"):
        return []
    end = markdown.find("\n---\n", 3)
    if end == -1:
        return [GuideError(page, 1, "front matter", "the front matter is not closed",
                           "end it with a line containing only ---")]
    try:
        meta = yaml.safe_load(markdown[4:end])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return [GuideError(page, line, "front matter", f"not valid YAML ({getattr(exc, 'problem', exc)})",
                           'put the value in double quotes, e.g. description: "…: …"')]
    if not isinstance(meta, dict):
        return [GuideError(page, 2, "front matter", "expected key: value lines", "write e.g. description: …")]
    return []

