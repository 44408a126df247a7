"""The whole Guide on one page, for printing and PDF: every chapter in reading order.

Chapters keep their own HTML; ids are prefixed with the chapter's slug so that the many
"#checklist" and "#related" sections stay distinct, and links between chapters become links
within the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import MarkerSpec, RenderContext

PLACEHOLDER = '<div class="ca-print-guide" data-ca-print-guide></div>'


@dataclass(frozen=True)
class Chapter:
    slug: str        # "scope" for guide/scope.md
    title: str
    html: str


def _rewrite(chapter: Chapter, slugs: set[str]) -> str:
    html = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{chapter.slug}--{m.group(1)}"', chapter.html)

    def href(match: re.Match[str]) -> str:
        target = match.group(1)
        if target.startswith("#"):
            return f'href="#{chapter.slug}--{target[1:]}"'
        other = re.fullmatch(r"\.\./([a-z0-9-]+)/(?:#(.+))?", target)
        if other and other.group(1) in slugs:
            slug, anchor = other.group(1), other.group(2)
            return f'href="#{slug}--{anchor}"' if anchor else f'href="#{slug}"'
        return match.group(0)

    return re.sub(r'\bhref="([^"]*)"', href, html)


def chapters_html(chapters: list[Chapter]) -> list[dict[str, str]]:
    slugs = {c.slug for c in chapters}
    return [{"slug": c.slug, "title": c.title, "html": _rewrite(c, slugs)} for c in chapters]


def render_placeholder(ctx: RenderContext, args: tuple[str, ...]) -> str:
    return PLACEHOLDER


def render_downloads(ctx: RenderContext, args: tuple[str, ...]) -> str:
    """Links to the PDF and the offline archive, when the build produces them (make publish)."""
    if not ctx.data.downloads:
        return ""
    return ctx.render("markers/print-downloads.html",
                      pdf=f"{ctx.site_root}downloads/guide-{ctx.lang}.pdf",
                      offline=f"{ctx.site_root}downloads/guide-offline.zip")


SPECS = (
    MarkerSpec("print", "guide", (), (), render_placeholder, True, "all chapters of the Guide on one page"),
    MarkerSpec("print", "downloads", (), (), render_downloads, True,
               "links to the PDF and the offline copy (present when built with GUIDE_DOWNLOADS=1)"),
)
