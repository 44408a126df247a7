"""Hook: fill the one-page Guide (docs/guide/print.md) with every chapter in navigation order,
once all pages of the language are rendered and before any is written."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from guidekit.printing import PLACEHOLDER, Chapter, chapters_html
from mkdocs_glue import current_language, guide_of

PRINT_PAGE = "guide/print.md"
SECTION = "Guide"


def _chapter_paths(nav: list[Any]) -> list[str]:
    for item in nav:
        if isinstance(item, dict) and SECTION in item:
            entries = item[SECTION]
            paths = [next(iter(e.values())) if isinstance(e, dict) else e for e in entries]
            return [p for p in paths if p not in ("guide/index.md", PRINT_PAGE)]
    raise PluginError(f"mkdocs.yml nav has no '{SECTION}' section for {PRINT_PAGE}")


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    print_file = files.get_file_from_path(PRINT_PAGE)
    if print_file is None or print_file.page is None or PLACEHOLDER not in (print_file.page.content or ""):
        return env
    chapters = []
    for path in _chapter_paths(config.nav or []):
        file = files.get_file_from_path(path)
        if file is None or file.page is None or file.page.content is None:
            raise PluginError(f"{PRINT_PAGE}: chapter {path} is not built")
        slug = path.rsplit("/", 1)[-1].removesuffix(".md")
        chapters.append(Chapter(slug=slug, title=file.page.title or slug, html=file.page.content))
    guide = guide_of(config)
    body = guide.templates.get_template("markers/print-guide.html").render(
        chapters=chapters_html(chapters), toc_title=guide.data.ui.get("print.toc", current_language(config)),
    )
    print_file.page.content = print_file.page.content.replace(PLACEHOLDER, body)
    return env
