"""Hook: one 404 page per language (/404.html in English, /ru/404.html in Russian).

Each language pass writes its 404 page to the site root, so the last language built would win.
The page of every language is captured when it is rendered; once all languages are built, the
default language's page is put back at the root.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from mkdocs_glue import all_languages_built, current_language, site_languages

DEFAULT_SET_ASIDE = ".404-default.html"


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        site = Path(config.site_dir)
        lang = current_language(config)
        _, default = site_languages(config)
        target = site / DEFAULT_SET_ASIDE if lang == default else site / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output_content, encoding="utf-8")
    return output_content


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    site = Path(config.site_dir)
    kept = site / DEFAULT_SET_ASIDE
    if kept.exists():
        kept.replace(site / "404.html")
