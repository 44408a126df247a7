"""The whole Guide on one page, for printing and PDF: the chapters, the notification template, the
case studies, the country profiles and the glossary, in reading order, under one contents list.

Each page keeps its own HTML. Its ids (and every attribute that points at an id) get the page's
slug as prefix, so the many "#checklist" and "#related" sections stay distinct, and links between
pages that are on the print page become links within it. The HTML is read with the standard
library's parser, never with regular expressions; scripts are left out (the print copy is static).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable

from .markers import MarkerSpec, RenderContext
from .memo import Memo, digest

PLACEHOLDER = '<div class="ca-print-guide" data-ca-print-guide></div>'


@dataclass(frozen=True)
class PartSpec:
    """One part of the print page: a nav section, or fixed pages (plus the case studies)."""

    id: str
    nav_section: str | None = None
    pages: tuple[str, ...] = ()
    with_case_studies: bool = False


PARTS = (
    PartSpec("guide", nav_section="Guide"),
    PartSpec("notification", pages=("notification/index.md",)),
    PartSpec("cases", pages=("cases/index.md",), with_case_studies=True),
    PartSpec("countries", nav_section="Countries"),
    PartSpec("glossary", pages=("glossary.md",)),
)
NOT_PRINTED = ("guide/index.md", "guide/print.md")   # the contents page and the print page itself


@dataclass(frozen=True)
class Chapter:
    slug: str        # "scope" for guide/scope.md, "page-countries-kazakhstan" for countries/kazakhstan.md
    title: str
    html: str
    url: str = ""    # the page's own URL ("guide/scope/"), to resolve its relative links


@dataclass(frozen=True)
class Part:
    id: str
    chapters: tuple[Chapter, ...]


def slug_of(path: str) -> str:
    """Guide chapters keep their file name ("scope"); other pages are named by their folder too."""
    stem = path.removesuffix(".md")
    if stem.startswith("guide/"):
        return stem.removeprefix("guide/")
    return "page-" + stem.removesuffix("/index").replace("/", "-")


_ID_LIST_ATTRIBUTES = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers")
_URL_REF = re.compile(r"url\(#([^)]+)\)")


class _Rewriter(HTMLParser):
    """Re-emits HTML unchanged except for id references, same-page links and scripts."""

    def __init__(self, prefix: str, link: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=False)
        self.prefix, self.link, self.out, self.in_script = prefix, link, [], False

    def _attribute(self, name: str, value: str | None) -> str | None:
        if value is None:
            return None
        if name in ("id", "for"):
            return self.prefix + value
        if name in _ID_LIST_ATTRIBUTES:
            return " ".join(self.prefix + part for part in value.split())
        if name in ("href", "xlink:href"):
            return self.link(value)
        if "url(#" in value:
            return _URL_REF.sub(lambda m: f"url(#{self.prefix}{m.group(1)})", value)
        return value

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
        new = [(name, self._attribute(name, value)) for name, value in attrs]
        if new == attrs:
            return self.get_starttag_text() or ""
        shown = "".join(f" {n}" if v is None else f' {n}="{html.escape(v, quote=True)}"' for n, v in new)
        return f"<{tag}{shown}{' /' if closed else ''}>"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.in_script = True
            return
        self.out.append(self._tag(tag, attrs, False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, True))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.in_script:
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def _normal(url: str) -> str:
    return posixpath.normpath(url or ".")


def rewrite(chapter: Chapter, printed: dict[str, str]) -> str:
    """The chapter's HTML with prefixed ids; ``printed`` maps normalised page URLs to their slugs."""
    prefix = f"{chapter.slug}--"
    folder = chapter.url if chapter.url.endswith("/") or not chapter.url else posixpath.dirname(chapter.url)

    def link(target: str) -> str:
        if target.startswith("#"):
            return f"#{prefix}{target[1:]}" if len(target) > 1 else f"#{chapter.slug}"
        if "://" in target or target.startswith(("mailto:", "tel:", "/", "data:")):
            return target
        path, _, anchor = target.partition("#")
        slug = printed.get(_normal(posixpath.join(folder, path)))
        if slug is None:
            return target
        return f"#{slug}--{anchor}" if anchor else f"#{slug}"

    parser = _Rewriter(prefix, link)
    parser.feed(chapter.html)
    parser.close()
    return "".join(parser.out)


def parts_view(parts: list[Part], part_title: Callable[[str], str], memo: Memo | None = None) -> list[dict[str, object]]:
    """What the print template shows: each part with its chapters, their HTML rewritten (with a
    ``memo``, remembered by the digest of the chapter and of the pages printed with it)."""
    printed = {_normal(c.url): c.slug for part in parts for c in part.chapters}
    printed_key = json.dumps(printed, sort_keys=True)

    def rewritten(c: Chapter) -> str:
        if memo is None:
            return rewrite(c, printed)
        return memo.get(digest(c.slug, c.url, c.html, printed_key), lambda: rewrite(c, printed))

    return [
        {"id": part.id, "title": part_title(part.id),
         "chapters": [{"slug": c.slug, "title": c.title, "html": rewritten(c)} for c in part.chapters]}
        for part in parts if part.chapters
    ]


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
    MarkerSpec("print", "guide", (), (), render_placeholder, True, "the whole Guide on one page"),
    MarkerSpec("print", "downloads", (), (), render_downloads, True,
               "links to the PDF and the offline copy (present when built with GUIDE_DOWNLOADS=1)"),
)
