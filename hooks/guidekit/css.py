"""Trim Material's stylesheet to what the built site can use (first view of a page, issue 14).

Material ships one stylesheet for every feature it has (blog, tags, search UI, code annotations,
Mermaid, every admonition type with its icon…); the guide uses a fraction. After the build,
``trim_stylesheet`` drops:

* style rules none of whose selectors can match: a selector is dropped when it needs a class or an
  id (outside ``:not(…)`` and other parentheses, which are left alone) that no built page and no
  script of the site contains — scripts count as "containing" every word they hold, so classes that
  Material's JavaScript adds at run time are kept;
* ``@media``/``@supports`` blocks left empty;
* custom properties (``--md-…``) that nothing uses any more (the icons of unused admonition types
  are inline SVG images: most of the weight).

It also rewrites the ``focus-visible`` class of Material's polyfill (set by its bundle, which the
guide loads only on the reader's first interaction) to the ``:focus-visible`` pseudo-class that
every current browser has, so keyboard focus is shown before the bundle runs — and without it.

Everything else (``:root`` values, ``@font-face``, ``@keyframes``, element selectors, attribute
selectors) is kept as it is. The CSS is tokenized with strings, comments and nesting respected — no
regular expression over the whole stylesheet.
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

from .memo import Memo, digest

_CLASS_OR_ID = re.compile(r"([.#])(-?[_a-zA-Z][\w-]*)")
# A type selector: a name at the start of a compound selector (after a combinator or the start).
_TYPE = re.compile(r"(?:^|[\s>+~])([a-z][a-z0-9]*)(?![\w-])")
HTML_TAGS = frozenset(("a abbr address article aside audio b bdi bdo blockquote body br button canvas caption "
                       "cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed "
                       "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html i "
                       "iframe img input ins kbd label legend li main mark menu meter nav noscript object "
                       "ol optgroup option output p picture pre progress q rp rt ruby s samp script search "
                       "section select slot small source span strong sub summary sup table tbody td "
                       "template textarea tfoot th thead time tr track u ul var video wbr svg path").split())
_WORD = re.compile(r"[\w-]+")
_VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
_FOCUS_VISIBLE_CLASS = re.compile(r"\.focus-visible(?![\w-])")


class _Names(HTMLParser):
    """Class names and ids used by an HTML page (also in inline <svg>)."""

    def __init__(self, into: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.names = into

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        for name, value in attrs:
            if name == "class" and value:
                self.names.update("." + c for c in value.split())
            elif name == "id" and value:
                self.names.add("#" + value)
            elif name in ("for", "aria-controls", "aria-labelledby", "aria-describedby", "href") and value:
                # targets (#id) referred to: #__drawer, #__search, #__toc… are checkboxes in the page
                self.names.update("#" + v.lstrip("#") for v in value.split())

    handle_startendtag = handle_starttag


def html_names(html: str, into: set[str]) -> None:
    """The names of ``html`` with the standard library's parser (the reference for ``page_names``)."""
    _Names(into).feed(html)


_MARKUP = re.compile(r"<!--.*?-->|<([a-zA-Z][^\s/>]*)([^'\">]*(?:(?:\"[^\"]*\"|'[^']*')[^'\">]*)*)>", re.S)
_ATTRIBUTE = re.compile(r"""([^\s/=>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?""")
_REFERRING = frozenset(("for", "aria-controls", "aria-labelledby", "aria-describedby", "href"))


def page_names(html: str) -> set[str]:
    """What ``html_names`` finds, with one scan of the text for its tags and their attributes
    instead of the full parser (a page is mostly Material's navigation: thousands of tags).
    Comments and the text of <script> and <style> are skipped as the parser skips them;
    tests/test_memo.py compares the two on every page of the built site."""
    names: set[str] = set()
    position, end = 0, len(html)
    while position < end:
        match = _MARKUP.search(html, position)
        if match is None:
            break
        position = match.end()
        tag = match.group(1)
        if tag is None:
            continue   # a comment
        tag = tag.lower()
        names.add(tag)
        for attribute in _ATTRIBUTE.finditer(match.group(2)):
            name, value = attribute.group(1).lower(), attribute.group(2)
            if not value:
                continue
            if value[0] in "\"'":
                value = value[1:-1]
            if "&" in value:
                value = html_module.unescape(value)
            if not value:
                continue
            if name == "class":
                names.update("." + c for c in value.split())
            elif name == "id":
                names.add("#" + value)
            elif name in _REFERRING:
                names.update("#" + v.lstrip("#") for v in value.split())
        if tag in ("script", "style") and not match.group(0).endswith("/>"):
            close = re.compile(rf"</{tag}\s*>", re.I).search(html, position)
            position = close.end() if close else end
    return names


# Components that Material's JavaScript creates from scratch (no element in the HTML has their
# class): the tooltips of `content.tooltips`, used by the guide for abbreviations and glossary terms.
SCRIPT_COMPONENTS = frozenset({"md-tooltip", "md-tooltip2"})


def script_words(script: str, html: set[str], into: set[str]) -> None:
    """Class-like words of a script (with a hyphen or underscore: ``md-nav__link--active``,
    ``focus-visible``, ``__search``), as classes or ids that scripts add at run time. A Material
    class (``md-…``) counts only when its component (``md-nav`` for ``md-nav__link--active``) is in
    the HTML or in SCRIPT_COMPONENTS: the bundle names every feature (versions, annotations, code
    copy…), and the guide uses few. Plain words ("note", "warning") are not taken either."""
    for word in _WORD.findall(script):
        if word in HTML_TAGS:
            into.add(word)   # elements a script may create
        if "-" not in word and "_" not in word:
            continue
        component = word.split("__", 1)[0].split("--", 1)[0]
        if word.startswith("md-") and "." + component not in html and component not in SCRIPT_COMPONENTS:
            continue
        into.add("." + word)
        into.add("#" + word)


# --- a small CSS tokenizer: top-level blocks, respecting strings, comments and parentheses ---------

@dataclass
class Block:
    prelude: str            # selector list or at-rule ("@media screen{…}"); "" for a bare declaration
    body: str | None        # text between the braces; None for a statement such as @charset …;


@cache
def _scanner(stop_chars: str) -> re.Pattern[str]:
    """What _scan stops at: a quote, a bracket, a comment's start or one of stop_chars."""
    return re.compile("[\"'()\\[\\]" + re.escape(stop_chars) + "]|/\\*")


_STRING_REST = {quote: re.compile(rf"(?:[^{quote}\\]|\\.)*{quote}", re.S) for quote in "\"'"}


def _scan(css: str, start: int, stop_chars: str) -> int:
    """Index of the first of stop_chars at nesting depth 0 from start (strings and comments skipped).
    Jumps from one character that matters to the next (a regular expression's search), not through
    every character: Material's stylesheet is mostly declarations and long data: URLs."""
    depth, i, n = 0, start, len(css)
    search = _scanner(stop_chars).search
    while True:
        found = search(css, i)
        if found is None:
            return n
        i = found.start()
        ch = css[i]
        if ch in "\"'":
            rest = _STRING_REST[ch].match(css, i + 1)
            i = rest.end() - 1 if rest else n   # the closing quote
        elif ch == "/":
            close = css.find("*/", i + 2)
            i = n if close < 0 else close + 1
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0:
            return i
        i += 1


def _matching_brace(css: str, open_at: int) -> int:
    depth, i = 0, open_at
    while i < len(css):
        i = _scan(css, i, "{}")
        if i >= len(css):
            raise ValueError("unbalanced braces in stylesheet")
        depth += 1 if css[i] == "{" else -1
        if depth == 0:
            return i
        i += 1
    raise ValueError("unbalanced braces in stylesheet")


def blocks(css: str) -> list[Block]:
    found, i = [], 0
    while i < len(css):
        end = _scan(css, i, "{;}")
        if end >= len(css):
            if css[i:].strip():
                found.append(Block(css[i:].strip(), None))
            break
        if css[end] == "{":
            close = _matching_brace(css, end)
            found.append(Block(css[i:end].strip(), css[end + 1:close]))
            i = close + 1
        else:
            if css[i:end].strip():
                found.append(Block(css[i:end].strip(), None))
            i = end + 1
    return found


def split_top(text: str, separator: str) -> list[str]:
    parts, i = [], 0
    while i <= len(text):
        end = _scan(text, i, separator)
        parts.append(text[i:end])
        i = end + 1
    return parts


def _outside_parentheses(selector: str) -> str:
    out, depth = [], 0
    for ch in selector:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def selector_can_match(selector: str, names: set[str]) -> bool:
    """False when the selector needs a class, id or (HTML) element that nothing in the site has."""
    plain = re.sub(r"\[[^\]]*\]", "", _outside_parentheses(selector))   # attribute values may hold dots
    if not all(kind + name in names for kind, name in _CLASS_OR_ID.findall(plain)):
        return False
    bare = re.sub(r"[.#:][\w-]+", "", plain)   # type selectors only
    return all(tag in names for tag in _TYPE.findall(bare) if tag in HTML_TAGS)


_NESTING_AT_RULES = ("@media", "@supports", "@layer", "@container", "@document")


def _map_style_rules(css: str, rule: Callable[[str, str], str]) -> str:
    """``css`` with each style rule replaced by ``rule(prelude, body)`` ("" drops it), inside
    nesting at-rules too (emptied ones go); other at-rules (@font-face, @keyframes…) stay whole."""
    out = []
    for block in blocks(css):
        if block.body is None:
            out.append(block.prelude + ";")
        elif block.prelude.startswith("@"):
            keyword = block.prelude.split(None, 1)[0].split("(")[0].lower()
            if keyword in _NESTING_AT_RULES:
                inner = _map_style_rules(block.body, rule)
                if inner:
                    out.append(block.prelude + "{" + inner + "}")
            else:
                out.append(block.prelude + "{" + block.body + "}")
        else:
            out.append(rule(block.prelude, block.body))
    return "".join(out)


def _trim_rules(css: str, names: set[str]) -> str:
    def keep_matching(prelude: str, body: str) -> str:
        kept = [s for s in split_top(prelude, ",") if selector_can_match(s, names)]
        return ",".join(kept) + "{" + body + "}" if kept else ""

    return _map_style_rules(css, keep_matching)


def _declarations(body: str) -> list[str]:
    return [d for d in split_top(body, ";") if d.strip()]


def _drop_unused_properties(css: str, extra_uses: str) -> str:
    """Remove custom property declarations that no var(--…) of the stylesheet (or extra_uses) reads."""
    while True:
        used = set(_VAR_USE.findall(css)) | set(_VAR_USE.findall(extra_uses))
        trimmed = _rewrite_declarations(css, used)
        if trimmed == css:
            return css
        css = trimmed


def _rewrite_declarations(css: str, used: set[str]) -> str:
    def keep_used(prelude: str, body: str) -> str:
        kept = [d for d in _declarations(body)
                if not d.strip().startswith("--") or d.split(":", 1)[0].strip() in used]
        return prelude + "{" + ";".join(kept) + "}" if kept else ""

    return _map_style_rules(css, keep_used)


def native_focus_visible(css: str) -> str:
    """Selectors on the polyfill's ``.focus-visible`` class as ``:focus-visible`` (see the module docstring)."""
    return _map_style_rules(css, lambda prelude, body: _FOCUS_VISIBLE_CLASS.sub(":focus-visible", prelude) + "{" + body + "}")


def trim_stylesheet(css: str, names: set[str], other_sources: str = "") -> str:
    """The stylesheet without what cannot apply (see the module docstring).

    ``names``: ``.class`` and ``#id`` strings used by the site (html_names, script_words);
    ``other_sources``: the site's other CSS and scripts, whose ``var(--…)`` uses keep properties.
    """
    body = css
    header = ""
    if body.startswith("@charset"):
        end = body.index(";") + 1
        header, body = body[:end], body[end:]
    comments = re.match(r"\s*(/\*.*?\*/\s*)*", body, re.S)
    lead = comments.group(0) if comments else ""
    body = body[len(lead):]
    map_at = body.rfind("/*# sourceMappingURL=")
    if map_at >= 0:
        body = body[:map_at]   # the source map describes the untrimmed file
    trimmed = _trim_rules(body, names)
    trimmed = _drop_unused_properties(trimmed, other_sources)
    trimmed = native_focus_visible(trimmed)
    return header + lead + trimmed


def trim_site_stylesheet(css: str, pages: Iterable[str], scripts: Iterable[tuple[str, bool]], own_css: Iterable[str],
                         memo: Memo | None = None) -> str:
    """Material's stylesheet trimmed to what the built site can use: ``pages`` are the HTML of every
    built page, ``scripts`` each script of the site with whether it is the guide's own (its
    ``var(--…)`` uses keep properties; Material's bundle sets none it reads), ``own_css`` the guide's
    stylesheets.

    With a ``memo``, each page's names are remembered by the digest of its HTML, and the trimmed
    stylesheet by the digest of everything it is derived from: an unchanged site is not parsed again.
    """
    html: set[str] = set()
    for page in pages:
        html.update(memo.get("page:" + digest(page), lambda: sorted(_page_names(page))) if memo else _page_names(page))
    scripts, own_css = list(scripts), list(own_css)

    def trimmed() -> str:
        names = set(html)
        own_sources = []
        for text, own in scripts:
            script_words(text, html, names)
            if own:
                own_sources.append(text)
        return trim_stylesheet(css, names, "\n".join(own_sources + own_css))

    if memo is None:
        return trimmed()
    key = digest(css, *sorted(html), *(("own:" if own else "theme:") + text for text, own in scripts), *own_css)
    return memo.get("sheet:" + key, trimmed)


def _page_names(html: str) -> set[str]:
    return page_names(html)
