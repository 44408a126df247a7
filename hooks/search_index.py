"""Hook: after all languages are built, write one compact search index per language
(search/<lang>.js), remove the merged index and Material's unused search worker, and keep only the
lunr language files the guide uses. See guidekit.search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guidekit.search import BundleChanged, compact_index, index_script, lunr_stop_words, lunr_word_characters, split_index
from guidekit.stemmers import Pipeline, english_trimmer, porter, snowball_russian, trimmer_for
from mkdocs_glue import all_languages_built, site_languages

KEEP_LUNR = {"lunr.stemmer.support.min.js"}
VENDORED_LUNR = Path("assets") / "vendor" / "lunr.min.js"


STEMMERS = {"en": porter, "ru": snowball_russian}


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


@event_priority(-200)  # after the i18n plugin has built every language and merged the index
def on_post_build(config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    site = Path(config.site_dir)
    merged_file = site / "search" / "search_index.json"
    if not merged_file.exists():
        raise PluginError("no search/search_index.json in the built site; is the search plugin enabled?")
    languages, default = site_languages(config)
    merged = json.loads(merged_file.read_text(encoding="utf-8"))
    for lang, docs in split_index(merged, languages, default).items():
        index = compact_index(lang, docs, lunr_pipeline(site, lang))
        (site / "search" / f"{lang}.js").write_text(index_script(lang, index), encoding="utf-8")
    merged_file.unlink()
    shutil.rmtree(site / "assets" / "javascripts" / "workers", ignore_errors=True)
    lunr = site / "assets" / "javascripts" / "lunr"
    keep = KEEP_LUNR | {f"lunr.{lang}.min.js" for lang in languages if lang != "en"}
    for path in lunr.rglob("*.js"):
        if path.name not in keep:
            path.unlink()
