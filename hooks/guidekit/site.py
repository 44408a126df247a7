"""Prepare everything a build needs, once, and check all pages before any page is written.

Checking every marker in ``docs/`` up front means a bad marker on a Russian page fails the build
before the English site is written, so no half-written site is left behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import countries
from .errors import GuideError, GuideErrors
from .loader import load_guide_data
from .markers import Registry, check_page, make_registry, make_templates
from .model import GuideData

MARKER_SPECS = (*countries.SPECS,)


@dataclass(frozen=True)
class Guide:
    """The per-build state shared by the hooks (kept on the MkDocs config, never in a module)."""

    data: GuideData
    templates: jinja2.Environment
    registry: Registry
    project_dir: Path


def prepare_guide(project_dir: Path, docs_dir: Path, template_dir: Path, today: dt.date | None = None) -> Guide:
    """Load and validate the data, then check every marker on every page; raise on any problem."""
    data = load_guide_data(project_dir / "data", project_dir, today=today)
    registry = make_registry(MARKER_SPECS)
    errors: list[GuideError] = []
    for path in sorted(docs_dir.rglob("*.md")):
        display = _display(path, project_dir)
        errors.extend(check_page(path.read_text(encoding="utf-8"), display, registry, data))
    for country in data.countries.values():
        if not (docs_dir / country.page).is_file():
            errors.append(GuideError(
                "data/countries.yml", None, f"countries.{country.code}.page",
                f"profile page docs/{country.page} does not exist",
                "create the page (and its .ru.md translation) or correct the path",
            ))
    if errors:
        raise GuideErrors(errors)
    return Guide(data=data, templates=make_templates(str(template_dir)), registry=registry, project_dir=project_dir)


def _display(path: Path, project_dir: Path) -> str:
    try:
        return path.relative_to(project_dir).as_posix()
    except ValueError:
        return path.as_posix()
