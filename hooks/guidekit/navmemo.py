"""The navigation of a section (or page) the reader is not in, rendered once per language and page depth.

Material renders the whole navigation on every page (the drawer and the sidebar), so a site of
n pages renders n × n navigation items: at 350 pages per language that is most of the template
time. A section that does not hold the current page — or a page other than the current one, in any
section — renders the same for every page that is as deep and shares as many folders with its
pages: its links are relative. ``NavMemo.key`` says when that holds (never for the section holding
the page or the page itself, nor for one whose pages' folders hold the page, nor for one with a
link item); the template (overrides/partials/nav-item.html) then renders it once and reuses the
HTML, which is the same to the byte. So a page renders only its own entry and table of contents.
"""

from __future__ import annotations

import posixpath
from typing import Any

import jinja2


def _parts(url: str) -> list[str]:
    return [part for part in posixpath.abspath("/" + url).split("/") if part]


def _folders(url: str) -> list[str]:
    """The folders a link is made relative to (as mkdocs.utils.get_relative_url takes them)."""
    head, tail = posixpath.split(url)
    return _parts(head if "." in tail else url)


def _common(a: list[str], b: list[str]) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


class NavMemo:
    """HTML of inactive sections for one template environment (one language pass)."""

    def __init__(self) -> None:
        self._html: dict[tuple[Any, ...], str] = {}
        self._roots: dict[int, list[str] | None] = {}

    def _root(self, section: Any) -> list[str] | None:
        """The folders every page under ``section`` is in ("ru", "guide"); None if it holds a link."""
        if id(section) not in self._roots:
            root: list[str] | None = None
            stack, seen = list(section.children), False
            while stack:
                item = stack.pop()
                if getattr(item, "children", None):
                    stack.extend(item.children)
                elif getattr(item, "is_page", False) and isinstance(getattr(item, "url", None), str):
                    parts = _parts(item.url)
                    root = parts if not seen else root[:_common(root, parts)]   # type: ignore[index]
                    seen = True
                else:
                    root, seen = None, False
                    break
            self._roots[id(section)] = root if seen else None
        return self._roots[id(section)]

    def key(self, item: Any, path: str, level: int, parent: Any, page: Any, base_url: str) -> tuple[Any, ...] | None:
        """What the section's HTML depends on, or None when it must be rendered for this page.

        Every link under the section starts with its root folders; a page whose folders leave that
        root after ``shared`` of them has ``shared`` folders in common with every one of those links,
        so each link is ``../`` × (its depth − shared) + the rest: the same for every such page."""
        if page is None or isinstance(page, jinja2.Undefined) or not isinstance(getattr(page, "url", None), str):
            return None
        if getattr(item, "active", True):
            return None
        if getattr(item, "children", None):
            if getattr(item, "pages", None):
                return None
            root = self._root(item)
            if root is None:
                return None
        elif getattr(item, "is_page", False) and isinstance(getattr(item, "url", None), str):
            root = _parts(item.url)   # a page the reader is not on: one link, as a section of one page
        else:
            return None
        folders = _folders(page.url)
        shared = _common(root, folders)
        if shared == len(root):   # the page is inside the section's folders: links differ per page
            return None
        parent_active = False if parent is None or isinstance(parent, jinja2.Undefined) else bool(parent.active)
        return (id(item), path, level, parent_active, len(folders), shared, str(base_url))

    def get(self, key: tuple[Any, ...]) -> str | None:
        return self._html.get(key)

    def put(self, key: tuple[Any, ...], html: str) -> str:
        self._html[key] = html
        return html
