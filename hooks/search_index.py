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

from guidekit import memo, search, stemmers
from guidekit.search import (
    BundleChanged, SearchDoc, index_script, lunr_stop_words, lunr_word_characters, remembered_index,
    remembered_page_docs,
)
from guidekit.stemmers import Pipeline, english_trimmer, porter, snowball_russian, trimmer_for
from mkdocs_glue import all_languages_built, current_language, drop_plugin_events, guide_of, site_languages

KEEP_LUNR = {"lunr.stemmer.support.min.js"}
VENDORED_LUNR = Path("assets") / "vendor" / "lunr.min.js"
STEMMERS = {"en": porter, "ru": snowball_russian}
DOCS_KEY = "ca_search_docs"   # {language: [SearchDoc]} kept in the config across the language passes
MEMO_KEY = "ca_search_memo"   # sections and indexes remembered between builds (.cache/derived/search.json)


def lunr_pipeline(site: Path, lang: str) -> tuple[Pipeline, str]:
    """lunr's indexing pipeline for the language, and the script it was read from: trimmer and stop
    words come from the very scripts the browser runs (search.js), the stemmer ported in guidekit.stemmers."""
    if lang not in STEMMERS:
        raise PluginError(f"search index: no stemmer for language {lang!r} in hooks/guidekit/stemmers.py")
    try:
        if lang == "en":
            script = (site / VENDORED_LUNR).read_text(encoding="utf-8")
            return Pipeline(english_trimmer, lunr_stop_words(script), porter), script
        script = (site / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{lang}.min.js").read_text(encoding="utf-8")
        return Pipeline(trimmer_for(lunr_word_characters(script)), lunr_stop_words(script), STEMMERS[lang]), script
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


def _memo(config: MkDocsConfig) -> memo.Memo:
    if MEMO_KEY not in config:
        config[MEMO_KEY] = memo.Memo(guide_of(config).project_dir, "search", memo.code_digest(search, stemmers, memo))
    return config[MEMO_KEY]


def on_pre_build(config: MkDocsConfig) -> None:
    _store(config)[current_language(config)] = []   # this language's pass starts afresh


@event_priority(-100)  # after every other change to the page's HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: object) -> str:
    options = page.meta.get("search") or {}
    if search_enabled(config) and not options.get("exclude"):
        _store(config).setdefault(current_language(config), []).extend(
            remembered_page_docs(page.url, page.title or "", html, _memo(config)))
    return html


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if not all_languages_built(config) or not search_enabled(config):
        return  # previews (make serve, make preview-ru) skip the search index
    site = Path(config.site_dir)
    languages, _ = site_languages(config)
    store = _store(config)
    (site / "search").mkdir(exist_ok=True)
    remembered = _memo(config)
    for lang in languages:
        index = remembered_index(lang, store.get(lang, []), *lunr_pipeline(site, lang), remembered)
        (site / "search" / f"{lang}.js").write_text(index_script(lang, index), encoding="utf-8")
    remembered.save()
    (site / "search" / "search_index.json").unlink(missing_ok=True)   # Material's merged index: not used
    shutil.rmtree(site / "assets" / "javascripts" / "workers", ignore_errors=True)
    lunr = site / "assets" / "javascripts" / "lunr"
    keep = KEEP_LUNR | {f"lunr.{lang}.min.js" for lang in languages if lang != "en"}
    for path in lunr.rglob("*.js"):
        if path.name not in keep:
            path.unlink()
