"""Hook: one 404 page per language (/404.html in English, /ru/404.html in Russian), also served so
by `make serve`, and usable from the offline copy.

Each language pass writes its 404 page to the site root, so the last language built would win.
The page of every language is captured when it is rendered; once all languages are built, the
default language's page is put back at the root.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from mkdocs_glue import all_languages_built, current_language, site_languages

DEFAULT_SET_ASIDE = ".404-default.html"


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The offline copy (use_directory_urls: false, opened from file://) cannot use the root-absolute
    links MkDocs gives a 404 page (base_url "/": "/assets/…" is the disk's root there, and the page
    rendered unstyled). Its 404 pages link relative to where they are: 404.html and <lang>/404.html."""
    if template_name == "404.html" and not config.use_directory_urls:
        _, default = site_languages(config)
        context["base_url"] = "." if current_language(config) == default else ".."
        # The language menu: the i18n plugin gives the default language's 404 root-absolute links
        # ("/ru/index.html"); relative to the base above they work from file://. (The i18n plugin sets
        # these links again for every page, which is rendered after the 404 page.)
        alternates = config.extra.get("alternate")
        if alternates:
            config.extra["alternate"] = [{**alt, "link": str(alt.get("link", "")).lstrip("/")} for alt in alternates]
    return context


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        site = Path(config.site_dir)
        lang = current_language(config)
        _, default = site_languages(config)
        target = site / DEFAULT_SET_ASIDE if lang == default else site / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output_content, encoding="utf-8")
    return output_content


def not_found_page(site: Path, path: str, languages: list[str], default: str) -> Path:
    """The 404 page for a URL path: ``<lang>/404.html`` under ``/<lang>/``, else ``404.html``."""
    for lang in languages:
        if lang != default and (path == f"/{lang}" or path.startswith(f"/{lang}/")):
            return site / lang / "404.html"
    return site / "404.html"


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """`make serve`: a missing page under /ru/ shows the Russian 404 page, as on the published site
    (MkDocs' dev server always answers with site/404.html, the English one)."""
    languages, default = site_languages(config)
    requested = threading.local()
    serve_request, fallback = server.serve_request, server.error_handler

    def remember_path(environ: dict[str, Any], start_response: Any) -> Any:
        requested.path = environ.get("PATH_INFO", "")
        return serve_request(environ, start_response)

    def error_page(code: int) -> bytes | None:
        if code == 404:
            page = not_found_page(Path(server.root), getattr(requested, "path", ""), languages, default)
            if page.is_file():
                return page.read_bytes()
        return fallback(code)

    server.error_handler = error_page
    server.set_app(remember_path)
    return server


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    site = Path(config.site_dir)
    kept = site / DEFAULT_SET_ASIDE
    if kept.exists():
        kept.replace(site / "404.html")
