"""Hook: stop Material's language switcher from requesting sitemap.xml files that do not exist
(one 404 and a console error per page view). See guidekit.search.disable_sitemap_probe."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guidekit.search import BundleChanged, disable_sitemap_probe
from mkdocs_glue import all_languages_built


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    for bundle in Path(config.site_dir).glob("assets/javascripts/bundle.*.min.js"):
        try:
            bundle.write_text(disable_sitemap_probe(bundle.read_text(encoding="utf-8")), encoding="utf-8")
        except BundleChanged as exc:
            raise PluginError(str(exc)) from None
