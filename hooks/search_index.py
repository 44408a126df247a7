"""Hook: after all languages are built, write one search index per language (search/<lang>.js),
remove the merged index and Material's unused search worker, and keep only the lunr language files
the guide uses. See guidekit.search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guidekit.search import index_script, split_index
from mkdocs_glue import all_languages_built, site_languages

KEEP_LUNR = {"lunr.stemmer.support.min.js"}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    search = config.plugins["material/search"]
    if not search.config.enabled and not hasattr(search, "search_index"):
        # The i18n plugin merges the index of each language even when search is off (previews).
        search.search_index = SimpleNamespace(entries=[])
    return config


@event_priority(-200)  # after the i18n plugin has built every language and merged the index
def on_post_build(config: MkDocsConfig) -> None:
    if not all_languages_built(config) or not config.plugins["material/search"].config.enabled:
        return  # previews (make serve, make preview-ru) skip the search index
    site = Path(config.site_dir)
    merged_file = site / "search" / "search_index.json"
    if not merged_file.exists():
        raise PluginError("no search/search_index.json in the built site; is the search plugin enabled?")
    languages, default = site_languages(config)
    merged = json.loads(merged_file.read_text(encoding="utf-8"))
    for lang, docs in split_index(merged, languages, default).items():
        (site / "search" / f"{lang}.js").write_text(index_script(lang, docs), encoding="utf-8")
    merged_file.unlink()
    shutil.rmtree(site / "assets" / "javascripts" / "workers", ignore_errors=True)
    lunr = site / "assets" / "javascripts" / "lunr"
    keep = KEEP_LUNR | {f"lunr.{lang}.min.js" for lang in languages if lang != "en"}
    for path in lunr.rglob("*.js"):
        if path.name not in keep:
            path.unlink()
