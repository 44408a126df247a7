"""Hook: on Russian pages, tell the reader when the page is untranslated (English fallback) or
translated from an older version of the English page. Up-to-date pages get no notice."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guidekit.markers import RenderContext
from guidekit.translation import render_notice
from mkdocs_glue import current_language, guide_of, site_root


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = current_language(config)
    if language == "en":
        return html
    src = page.file.src_uri
    if getattr(page.file, "locale", language) != language:
        state = "missing"
    else:
        english = src.removesuffix(f".{language}.md") + ".md"
        states = {pair.english: pair.state for pair in guide_of(config).data.translations}
        state = states.get(english, "translated")
    if state not in ("missing", "outdated"):
        return html
    english_href = site_root(page.url) + page.url.removeprefix(f"{language}/")
    guide = guide_of(config)
    ctx = RenderContext(language, guide.data, guide.templates, link_to=lambda target: target)
    notice = render_notice(ctx, state, english_href or "./")
    head, separator, rest = html.partition("</h1>")
    return f"{head}{separator}\n{notice}\n{rest}" if separator else f"{notice}\n{html}"
