"""Hook: after all languages are built, make the search worker stem query words (see guidekit.search)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guidekit.search import SearchWorkerChanged, enable_query_stemming
from mkdocs_glue import all_languages_built


@event_priority(-200)  # after the i18n plugin has built every language and merged the index
def on_post_build(config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    workers = sorted(Path(config.site_dir).glob("assets/javascripts/workers/search.*.min.js"))
    if not workers:
        raise PluginError("no Material search worker in the built site; is the search plugin enabled?")
    for worker in workers:
        try:
            patched = enable_query_stemming(worker.read_text(encoding="utf-8"))
        except SearchWorkerChanged as exc:
            raise PluginError(str(exc)) from None
        worker.write_text(patched, encoding="utf-8")
