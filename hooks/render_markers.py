"""Hook: replace <!-- family:name ARGS --> markers with content rendered in the page's language.

A page's rendered Markdown is remembered between builds (.cache/derived/markers-<language>.json),
keyed on the page's Markdown, path and URL, the site's files (links) and the guide's fingerprint
(data/, every page, templates, code: guidekit.site.Guide.fingerprint): anything that changes what
a marker says makes every page render its markers again."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guidekit import memo
from guidekit.errors import GuideError
from guidekit.markers import RenderContext, render_markers
from mkdocs_glue import current_language, guide_of, reported_as_build_error, site_root

MEMO_KEY = "ca_markers_memo"   # {language: (Memo, key of the language pass)}


def _memo(config: MkDocsConfig, files: Files, language: str) -> tuple[memo.Memo, str]:
    if MEMO_KEY not in config:
        config[MEMO_KEY] = {}
    store = config[MEMO_KEY]
    if language not in store:
        guide = guide_of(config)
        site_files = "\n".join(f"{f.src_uri}\t{f.url}" for f in sorted(files, key=lambda f: f.src_uri))
        store[language] = (memo.Memo(guide.project_dir, f"markers-{language}", memo.code_digest(memo)),
                           memo.digest(guide.fingerprint, language, site_files))
    return store[language]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    guide = guide_of(config)
    source = f"docs/{page.file.src_uri}"
    language = current_language(config)

    def link_to(target: str) -> str:
        file = files.get_file_from_path(target)
        if file is None:
            raise GuideError(source, None, target, "link target is not a page of the site",
                             f"create docs/{target} or correct the path in data/")
        return file.url_relative_to(page.file)

    def rendered() -> str:
        ctx = RenderContext(lang=language, data=guide.data,
                            templates=guide.templates, link_to=link_to, site_root=site_root(page.url))
        with reported_as_build_error():
            return render_markers(markdown, source, guide.registry, ctx)

    if "<!--" not in markdown:
        return markdown
    remembered, base = _memo(config, files, language)
    return remembered.get(memo.digest(base, page.file.src_uri, page.url, markdown), rendered)


def on_post_build(config: MkDocsConfig) -> None:
    for remembered, _ in config.get(MEMO_KEY, {}).values():
        remembered.save()
