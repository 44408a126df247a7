"""Hook: the guide's search index, one per language (search/<lang>.js, loaded on demand by
docs/assets/search.js). Each page's HTML is split into sections as it is built (guidekit.search,
html.parser); after all languages, the compact index is written per language, and Material's merged
index, its unused search worker and the lunr language files nobody loads are removed."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from guidekit.search import (
    BundleChanged, SearchDoc, compact_index, index_script, lunr_stop_words, lunr_word_characters, page_docs,
)
from guidekit.stemmers import Pipeline, english_trimmer, porter, snowball_russian, trimmer_for
from mkdocs_glue import all_languages_built, current_language, drop_plugin_events, site_languages

KEEP_LUNR = {"lunr.stemmer.support.min.js"}
VENDORED_LUNR = Path("assets") / "vendor" / "lunr.min.js"
STEMMERS = {"en": porter, "ru": snowball_russian}
DOCS_KEY = "ca_search_docs"   # {language: [SearchDoc]} kept in the config across the language passes


def lunr_pipeline(site: Path, lang: str) -> Pipeline:
    """lunr's indexing pipeline for the language; trimmer and stop words read from the very scripts
    the browser runs (search.js), the stemmer ported in guidekit.stemmers."""
    if lang not in STEMMERS:
        raise PluginError(f"search index: no stemmer for language {lang!r} in hooks/guidekit/stemmers.py")
    try:
        if lang == "en":
            return Pipeline(english_trimmer, lunr_stop_words((site / VENDORED_LUNR).read_text(encoding="utf-8")), porter)
        script = (site / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{lang}.min.js").read_text(encoding="utf-8")
        return Pipeline(trimmer_for(lunr_word_characters(script)), lunr_stop_words(script), STEMMERS[lang])
    except (OSError, BundleChanged) as exc:
        raise PluginError(f"search index for {lang}: {exc}") from None


def search_enabled(config: MkDocsConfig) -> bool:
    """extra.search_index in mkdocs.yml (false in previews: GUIDE_SEARCH=false)."""
    return bool(config.extra.get("search_index", True))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Material's plugin stays for the search box; its indexing pass (every page parsed again) would
    # only produce the merged index that on_post_build deletes.
    drop_plugin_events(config, "material/search", ("page_context",))
    return config


def _store(config: MkDocsConfig) -> dict[str, list[SearchDoc]]:
    if DOCS_KEY not in config:
        config[DOCS_KEY] = {}
    return config[DOCS_KEY]


def on_pre_build(config: MkDocsConfig) -> None:
    _store(config)[current_language(config)] = []   # this language's pass starts afresh


@event_priority(-100)  # after every other change to the page's HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: object) -> str:
    search = page.meta.get("search") or {}
    if search_enabled(config) and not search.get("exclude"):
        _store(config).setdefault(current_language(config), []).extend(page_docs(page.url, page.title or "", html))
    return html


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if not all_languages_built(config) or not search_enabled(config):
        return  # previews (make serve, make preview-ru) skip the search index
    site = Path(config.site_dir)
    languages, _ = site_languages(config)
    store = _store(config)
    (site / "search").mkdir(exist_ok=True)
    for lang in languages:
        index = compact_index(lang, store.get(lang, []), lunr_pipeline(site, lang))
        (site / "search" / f"{lang}.js").write_text(index_script(lang, index), encoding="utf-8")
    (site / "search" / "search_index.json").unlink(missing_ok=True)   # Material's merged index: not used
    shutil.rmtree(site / "assets" / "javascripts" / "workers", ignore_errors=True)
    lunr = site / "assets" / "javascripts" / "lunr"
    keep = KEEP_LUNR | {f"lunr.{lang}.min.js" for lang in languages if lang != "en"}
    for path in lunr.rglob("*.js"):
        if path.name not in keep:
            path.unlink()
