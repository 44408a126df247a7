"""Hook: abbreviation tooltips (IAN, CoP, УПА…) in the page's language, from data/glossary.yml."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guidekit.glossary import abbreviation_definitions
from mkdocs_glue import current_language, guide_of


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    definitions = abbreviation_definitions(guide_of(config).data, current_language(config))
    return f"{markdown}\n\n{definitions}\n" if definitions else markdown
