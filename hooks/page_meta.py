"""Hook: absolute hreflang alternates and x-default for every page (rendered by overrides/main.html)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from guidekit.page_meta import alternates
from mkdocs_glue import current_language, site_languages


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    if config.site_url:
        languages, default = site_languages(config)
        context["ca_alternates"] = alternates(config.site_url, page.url, current_language(config), languages, default)
    return context
