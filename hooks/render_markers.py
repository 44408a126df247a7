"""Hook: replace <!-- family:name ARGS --> markers with content rendered in the page's language."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guidekit.errors import GuideError
from guidekit.markers import RenderContext, render_markers
from mkdocs_glue import current_language, guide_of, reported_as_build_error, site_root


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    guide = guide_of(config)
    source = f"docs/{page.file.src_uri}"

    def link_to(target: str) -> str:
        file = files.get_file_from_path(target)
        if file is None:
            raise GuideError(source, None, target, "link target is not a page of the site",
                             f"create docs/{target} or correct the path in data/")
        return file.url_relative_to(page.file)

    ctx = RenderContext(lang=current_language(config), data=guide.data,
                        templates=guide.templates, link_to=link_to, site_root=site_root(page.url))
    with reported_as_build_error():
        return render_markers(markdown, source, guide.registry, ctx)
