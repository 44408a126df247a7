"""Hook: on Russian pages, tell the reader when the page is untranslated (English fallback) or
translated from an older version of the English page. Up-to-date pages get no notice.

The notice is a template rendered into the Markdown under the page's title line, so no HTML is
taken apart here."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guidekit.markers import RenderContext
from guidekit.translation import notice_state, render_notice, with_notice
from mkdocs_glue import current_language, guide_of, site_root


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = current_language(config)
    guide = guide_of(config)
    fallback = getattr(page.file, "locale", language) != language
    state = notice_state(guide.data.translations, page.file.src_uri, language, fallback)
    if state is None:
        return markdown
    english_href = site_root(page.url) + page.url.removeprefix(f"{language}/")
    ctx = RenderContext(language, guide.data, guide.templates, link_to=lambda target: target)
    return with_notice(markdown, render_notice(ctx, state, english_href or "./"))
