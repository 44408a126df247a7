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

from guidekit import css, memo
from guidekit.css import trim_site_stylesheet
from mkdocs_glue import all_languages_built, guide_of


@event_priority(-300)  # after every other post_build step (search index, 404 pages, downloads' copies)
def on_post_build(config: MkDocsConfig) -> None:
    if not all_languages_built(config) or os.environ.get("GUIDE_PREVIEW") == "1":
        return
    site = Path(config.site_dir)
    sheets = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    if len(sheets) != 1:
        raise PluginError(f"expected one Material main.*.min.css in {site / 'assets' / 'stylesheets'}, found {len(sheets)}")
    # Pages' class names and the trimmed sheet are remembered between builds (.cache/derived/css.json).
    remembered = memo.Memo(guide_of(config).project_dir, "css", memo.code_digest(css, memo))
    sheet = sheets[0]
    trimmed = trim_site_stylesheet(
        sheet.read_text(encoding="utf-8"),
        (page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html"))),
        # the guide's own scripts; Material's bundle sets no var(--…) they read
        [(script.read_text(encoding="utf-8"), "javascripts" not in script.parts)
         for script in sorted((site / "assets").rglob("*.js"))],
        [sheet_.read_text(encoding="utf-8") for sheet_ in sorted((site / "assets").glob("*.css"))],
        remembered,
    )
    sheet.write_text(trimmed, encoding="utf-8")
    sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)   # described the untrimmed file
    remembered.save()
