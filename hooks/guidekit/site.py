"""Prepare everything a build needs, once, and check all pages before any page is written.

Checking every marker in ``docs/`` up front means a bad marker on a Russian page fails the build
before the English site is written, so no half-written site is left behind.
"""

from __future__ import annotations

import dataclasses
import json
import os
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import annexes, benchmarks, cases, countries, glossary, notification, printing, project, translation
from .errors import GuideError, GuideErrors
from .loader import load_guide_data
from .markers import Registry, check_page, make_registry, make_templates, template_bytecode_cache
from .memo import digest
from .model import GuideData
from .links import broken_page_links
from .pages import Pages, read_pages

MARKER_SPECS = (*countries.SPECS, *annexes.SPECS, *glossary.SPECS, *cases.SPECS, *notification.SPECS,
                *translation.SPECS, *printing.SPECS, *project.SPECS, *benchmarks.SPECS)


@dataclass(frozen=True)
class Guide:
    """The per-build state shared by the hooks (kept on the MkDocs config, never in a module)."""

    data: GuideData
    templates: jinja2.Environment
    registry: Registry
    project_dir: Path
    pages: Pages      # docs/ as read once for this build
    # Digest of everything a marker's rendering can depend on besides its page: data/, every page
    # of docs/ (case studies, translation states and chapter headings come from them), the
    # templates, the code, the downloads flag and the day. Keys the rendered markers that
    # hooks/render_markers.py remembers between builds.
    fingerprint: str = ""


def prepare_guide(project_dir: Path, docs_dir: Path, template_dir: Path, today: dt.date | None = None,
                  downloads: bool = False) -> Guide:
    """Load and validate the data, then check every marker on every page; raise on any problem."""
    data = load_guide_data(project_dir / "data", project_dir, today=today)
    registry = make_registry(MARKER_SPECS)
    pages, errors = read_pages(docs_dir, project_dir, project_dir / "data" / "schema")
    case_studies, case_errors = cases.load_cases(pages, data, project_dir / "data" / "schema")
    errors.extend(case_errors)
    headings, heading_errors = benchmarks.chapter_headings(data.benchmarks, docs_dir) if data.benchmarks else ({}, [])
    errors.extend(heading_errors)
    data = dataclasses.replace(
        data, cases=case_studies, benchmark_headings=headings,
        translations=_site_pairs_remembered(pages, data, project_dir),
        downloads=downloads,
    )
    errors.extend(broken_page_links(pages, docs_dir))
    for page in pages:
        errors.extend(check_page(page.text, page.display, registry, data, page.markers))
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
    return Guide(data=data, templates=make_templates(str(template_dir), template_bytecode_cache(project_dir, "markers")), registry=registry, project_dir=project_dir,
                 pages=pages, fingerprint=_fingerprint(project_dir, template_dir, pages, downloads, today))


def _fingerprint(project_dir: Path, template_dir: Path, pages: Pages, downloads: bool, today: dt.date | None) -> str:
    """See Guide.fingerprint."""
    inputs: list[str | bytes] = [f"downloads={downloads} today={today or dt.date.today()}"]
    for folder in (project_dir / "data", template_dir, Path(__file__).resolve().parent.parent):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            inputs += [path.relative_to(folder).as_posix(), path.read_bytes()]
    for page in sorted(pages, key=lambda page: page.display):
        inputs += [page.display, page.text]
    return digest(*inputs)


PAIR_RECORD = Path(".cache") / "guide" / "translation-pairs.json"


def _site_pairs_remembered(pages: Pages, data: GuideData, project_dir: Path) -> tuple[translation.PairRow, ...]:
    """Translation states, with each unchanged pair's structure and glossary check taken from the
    previous build's record (.cache/guide, git-ignored) instead of being run again."""
    record = project_dir / PAIR_RECORD
    try:
        known = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    found: dict[str, list[str]] = {}
    rows = translation.site_pairs(pages, translation.glossary_terms_of(data), known, found)
    if found != known:
        record.parent.mkdir(parents=True, exist_ok=True)
        partial = record.with_name(f"{record.name}.{os.getpid()}")   # whole file or nothing
        partial.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, record)
    return rows

