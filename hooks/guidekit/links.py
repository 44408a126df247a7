"""Links between pages, checked when the pages are read: a link to a page that does not exist fails
the build before anything is written (MkDocs itself would only notice after writing the site)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from .errors import GuideError
from .markers import code_spans, in_code
from .pages import Pages, PageSource

_INLINE_LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?P<target>\S+)", re.M)


def page_link_targets(page: PageSource) -> list[tuple[str, int]]:
    """(target, line) of every Markdown link to another page (``….md``, with or without #anchor)."""
    spans = code_spans(page.text)
    starts = [start for start, _ in spans]
    found = []
    for pattern in (_INLINE_LINK, _REFERENCE_LINK):
        for match in pattern.finditer(page.text):
            target = match.group("target").split("#", 1)[0]
            if not target.endswith(".md") or "://" in target or target.startswith(("/", "mailto:")):
                continue
            if in_code(match.start(), spans, starts):
                continue
            found.append((target, page.text.count("\n", 0, match.start()) + 1))
    return found


def broken_page_links(pages: Pages, docs_dir: Path) -> list[GuideError]:
    errors = []
    for page in pages:
        folder = posixpath.dirname(page.path)
        for target, line in page_link_targets(page):
            resolved = posixpath.normpath(posixpath.join(folder, target))
            if resolved.startswith("../") or not (docs_dir / resolved).is_file():
                errors.append(GuideError(
                    page.display, line, target, f"link to a page that does not exist (docs/{resolved})",
                    "correct the path (relative to this page, e.g. ../guide/scope.md) or create the page",
                ))
    return errors
