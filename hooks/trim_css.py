"""Hook: after all languages are built, trim Material's stylesheet to what the site can use
(guidekit.css): about half of it goes, which makes the first view of every page lighter and its
render-blocking stylesheet quicker to fetch and parse. Skipped in previews (`make serve`,
`make preview-ru` set GUIDE_PREVIEW=1): they keep Material's whole stylesheet, a superset."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guidekit.css import html_names, script_words, trim_stylesheet
from mkdocs_glue import all_languages_built

@event_priority(-300)  # after every other post_build step (search index, 404 pages, downloads' copies)
def on_post_build(config: MkDocsConfig) -> None:
    if not all_languages_built(config) or os.environ.get("GUIDE_PREVIEW") == "1":
        return
    site = Path(config.site_dir)
    sheets = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    if len(sheets) != 1:
        raise PluginError(f"expected one Material main.*.min.css in {site / 'assets' / 'stylesheets'}, found {len(sheets)}")
    html: set[str] = set()
    for page in site.rglob("*.html"):
        html_names(page.read_text(encoding="utf-8"), html)
    names = set(html)
    own_sources = []
    for script in (site / "assets").rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        script_words(text, html, names)
        if "javascripts" not in script.parts:   # the guide's own scripts; Material's bundle sets no var(--…) it reads
            own_sources.append(text)
    own_sources += [css.read_text(encoding="utf-8") for css in (site / "assets").glob("*.css")]
    sheet = sheets[0]
    sheet.write_text(trim_stylesheet(sheet.read_text(encoding="utf-8"), names, "\n".join(own_sources)), encoding="utf-8")
    sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)   # described the untrimmed file
