"""Hook: the theme's templates escape every value they print (Jinja autoescape), so a title or
description from front matter, data or configuration can never become markup or break an attribute.

Only what is HTML by construction is marked safe: the page body, the table-of-contents titles and a
title taken from the page's first heading (MkDocs keeps those as HTML text with entities).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.autoescape = True
    for file in files.documentation_pages():
        page = file.page
        # A title from the first heading is rendered HTML text (entities kept); a front-matter
        # `title:` is plain text and stays unmarked, so it is escaped.
        if page is not None and "title" not in page.meta and page._title_from_render:
            page._title_from_render = Markup(page._title_from_render)
    return env


def _mark_toc(items: list[AnchorLink]) -> None:
    for item in items:
        item.title = Markup(item.title)
        _mark_toc(item.children)


@event_priority(-200)  # last: every hook that edits the body has run
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    if page.content is not None:
        page.content = Markup(page.content)
    _mark_toc(list(page.toc))
    return context
