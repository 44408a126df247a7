"""Hook: fill the one-page Guide (docs/guide/print.md) with every part a reader would print —
chapters, notification template, case studies, country profiles, glossary — once all pages of the
language are rendered and before any is written."""

from __future__ import annotations

import os
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from guidekit import memo, printing
from guidekit.printing import NOT_PRINTED, PARTS, PLACEHOLDER, Chapter, Part, PartSpec, parts_view, slug_of
from mkdocs_glue import current_language, guide_of

PRINT_PAGE = "guide/print.md"


def _nav_section(nav: list[Any], title: str) -> list[str]:
    for item in nav:
        if isinstance(item, dict) and title in item:
            return [next(iter(e.values())) if isinstance(e, dict) else e for e in item[title]]
    raise PluginError(f"mkdocs.yml nav has no '{title}' section for {PRINT_PAGE}")


def _paths(spec: PartSpec, config: MkDocsConfig, case_pages: list[str]) -> list[str]:
    paths = _nav_section(config.nav or [], spec.nav_section) if spec.nav_section else list(spec.pages)
    if spec.with_case_studies:
        paths += case_pages
    return [p for p in paths if p not in NOT_PRINTED]


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    print_file = files.get_file_from_path(PRINT_PAGE)
    if print_file is None or print_file.page is None or PLACEHOLDER not in (print_file.page.content or ""):
        return env
    guide = guide_of(config)
    language = current_language(config)
    if os.environ.get("GUIDE_PREVIEW") == "1":   # make serve / preview-ru: keep rebuilds quick
        note = guide.templates.get_template("markers/print-preview.html").render(
            text=guide.data.ui.get("print.preview", language))
        print_file.page.content = print_file.page.content.replace(PLACEHOLDER, note)
        return env
    parts = []
    for spec in PARTS:
        chapters = []
        for path in _paths(spec, config, [case.page for case in guide.data.cases]):
            file = files.get_file_from_path(path)
            if file is None or file.page is None or file.page.content is None:
                raise PluginError(f"{PRINT_PAGE}: {path} is not built")
            # A title from the page's first heading is HTML text; a front-matter title is plain text.
            title = file.page.title or path
            title = title if "title" in file.page.meta else Markup(title)
            chapters.append(Chapter(slug=slug_of(path), title=title,
                                    html=file.page.content, url=file.page.url))
        parts.append(Part(spec.id, tuple(chapters)))
    # The blank self-assessment checklist follows the parts on the print page: list it too.
    print_source = guide.pages.get(PRINT_PAGE.removesuffix(".md") + f".{language}.md") or guide.pages.get(PRINT_PAGE)
    with_checklist = print_source is not None and any(
        m.family == "assessment" and m.name == "checklist" for m in print_source.markers)
    # Each chapter's print copy is remembered between builds (.cache/derived/print-<language>.json).
    remembered = memo.Memo(guide.project_dir, f"print-{language}", memo.code_digest(printing, memo))
    body = guide.templates.get_template("markers/print-guide.html").render(
        parts=parts_view(parts, lambda part: guide.data.ui.get(f"print.part.{part}", language), remembered),
        toc_title=guide.data.ui.get("print.toc", language),
        checklist_title=guide.data.ui.get("assessment.checklist_heading", language) if with_checklist else None,
    )
    print_file.page.content = print_file.page.content.replace(PLACEHOLDER, body)
    remembered.save()
    return env
