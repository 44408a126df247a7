"""Per-language search indexes, and the cleanup that keeps the published site small.

Material's search plugin (with the i18n plugin) writes one merged index for every language, which
Material's own search fetches on every page load. The guide's search (docs/assets/search.js) loads
one language's index, on demand, from ``search/<lang>.js`` — a script, so it works from file:// too.

What the index holds, per language (``compact_index``):

* ``docs``: one entry per page and per section — ``location``, ``title`` (the heading), ``text``
  (the first words of the section, shown under the result) and a ``boost``: above 1 for a page's
  own entry (its title names what the page is about), below 1 for link lists such as "Related", so
  that the page about a term ranks above a list that merely links to it;
* ``words``: every index term, once — what lunr's pipeline makes of the words of the text (trimmed,
  stop words left out, stemmed: guidekit.stemmers reproduces lunr's pipeline exactly), sorted and
  front-coded (each term starts with how many characters it shares with the previous one, as a
  base-36 digit);
* ``postings``: for each term, the documents that contain it (``;`` between terms, ``,`` between
  documents, each a base-36 difference from the previous document number).

The browser rebuilds each document's terms from these and gives them to lunr as they are (its
pipeline is skipped for them, they are already processed), so every word of every section stays
searchable — in any of its forms — while each term is shipped once instead of at every occurrence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from .memo import Memo, digest
from .stemmers import Pipeline

# Sections that list links to other pages: a term in them should not outrank the page about it.
LINK_LIST_SECTIONS = frozenset({"related", "cases"})
LINK_LIST_BOOST = 0.3
PAGE_BOOST = 2.0          # a page's own entry (title + introduction) before its sections' entries
LEAD_CHARS = 60           # characters of a section shown under its result (cut at a word boundary)

_BLOCK_TAGS = frozenset({"p", "li", "ol", "ul", "pre", "br", "div", "table", "tr", "td", "th", "caption",
                         "dt", "dd", "dl", "blockquote", "section", "article", "details", "summary", "figure",
                         "figcaption", "address", "hr", "label", "legend", "fieldset", "option"})
_SKIP_TAGS = frozenset({"script", "style", "template"})
_SPACE = re.compile(r"\s+")
_SEPARATOR = re.compile(r"[\s\-]+")       # lunr.tokenizer.separator
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


class _TextParser(HTMLParser):
    """Text content of an HTML fragment; block elements separate words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment, without markup and with whitespace collapsed."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return _SPACE.sub(" ", "".join(parser.parts)).strip()


def tokens(text: str) -> list[str]:
    """Words as lunr's tokenizer cuts them (lower case, split on spaces and hyphens)."""
    return [word for word in _SEPARATOR.split(text.lower()) if word]


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The beginning of a section's text, cut at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:—–-")
    return (cut or text[:limit]) + " …"


def base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS[rest] + digits
        if not number:
            return digits


def front_code(words: list[str]) -> str:
    """Sorted words, each written as (shared prefix length, base 36, max 35) + the rest."""
    coded, previous = [], ""
    for word in words:
        shared = 0
        limit = min(len(word), len(previous), 35)
        while shared < limit and word[shared] == previous[shared]:
            shared += 1
        coded.append(_DIGITS[shared] + word[shared:])
        previous = word
    return " ".join(coded)


def front_decode(coded: str) -> list[str]:
    """Inverse of front_code (the browser does the same in docs/assets/search.js)."""
    words, previous = [], ""
    for item in coded.split(" ") if coded else []:
        word = previous[:_DIGITS.index(item[0])] + item[1:]
        words.append(word)
        previous = word
    return words


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _SectionParser(HTMLParser):
    """Splits a page's HTML at its headings: text before the first h2–h6, then one part per heading
    with an id. Permalink anchors (``headerlink``) are left out; block elements and table cells
    separate words (a table's cells never run together)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[tuple[str, list[str], list[str]]] = [("", [], [])]   # (id, title parts, text parts)
        self.in_heading: str | None = None
        self.skip_tag: str | None = None   # inside <script>, <style>, <template> or a permalink anchor
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.skip_tag:
            self.skip_depth += tag == self.skip_tag
        elif tag in _SKIP_TAGS or (tag == "a" and "headerlink" in (attributes.get("class") or "").split()):
            self.skip_tag, self.skip_depth = tag, 1
        elif tag in _HEADINGS and (tag == "h1" or attributes.get("id")):
            self.in_heading = tag
            if tag != "h1":
                self.sections.append((attributes["id"] or "", [], []))
        elif tag in _BLOCK_TAGS or tag in _HEADINGS:
            self.sections[-1][2].append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS and not self.skip_tag:
            self.sections[-1][2].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag:
            self.skip_depth -= tag == self.skip_tag
            if not self.skip_depth:
                self.skip_tag = None
        elif tag == self.in_heading:
            self.in_heading = None
        elif tag in _BLOCK_TAGS or tag in _HEADINGS:
            self.sections[-1][2].append(" ")

    def handle_data(self, data: str) -> None:
        if self.skip_tag:
            return
        self.sections[0 if self.in_heading == "h1" else -1][1 if self.in_heading else 2].append(data)


def page_sections(html: str) -> list[tuple[str, str, str]]:
    """(id, heading, text) of a page's parts; the first is the introduction (id "", heading = the h1)."""
    parser = _SectionParser()
    parser.feed(html)
    parser.close()
    squash = lambda parts: _SPACE.sub(" ", "".join(parts)).strip()  # noqa: E731
    return [(anchor, squash(title), squash(text)) for anchor, title, text in parser.sections]


def page_docs(location: str, title: str, html: str) -> list[SearchDoc]:
    """The search documents of one page: the page itself (its h1, else ``title``, and its introduction),
    then each section."""
    docs = []
    for anchor, heading, text in page_sections(html):
        if not anchor:
            docs.append(SearchDoc(location, heading or title, text, PAGE_BOOST))
        else:
            boost = LINK_LIST_BOOST if anchor in LINK_LIST_SECTIONS else 1.0
            docs.append(SearchDoc(f"{location}#{anchor}", heading, text, boost))
    return docs


@dataclass
class SearchDoc:
    location: str
    title: str
    text: str            # the whole plain text of the section
    boost: float = 1.0
    words: list[str] = field(default_factory=list)


def compact_index(lang: str, docs: list[SearchDoc], pipeline: Pipeline) -> dict[str, Any]:
    """The index of one language (see the module docstring): each term once, with its documents."""
    postings: dict[str, list[int]] = {}
    stems: dict[str, str | None] = {}   # each distinct word goes through the pipeline once
    for number, doc in enumerate(docs):
        terms = (stems[word] if word in stems else stems.setdefault(word, pipeline(word))
                 for word in dict.fromkeys(tokens(doc.text)))
        for term in dict.fromkeys(t for t in terms if t):
            postings.setdefault(term, []).append(number)
    vocabulary = sorted(postings)
    encoded = []
    for word in vocabulary:
        numbers, previous = [], 0
        for number in postings[word]:
            numbers.append(base36(number - previous))
            previous = number
        encoded.append(",".join(numbers))
    entries: list[dict[str, Any]] = []
    for doc in docs:
        entry: dict[str, Any] = {"location": doc.location, "title": doc.title, "text": lead(doc.text)}
        if doc.boost != 1.0:
            entry["boost"] = doc.boost
        entries.append(entry)
    return {"lang": lang, "docs": entries, "words": front_code(vocabulary), "postings": ";".join(encoded)}


def remembered_page_docs(location: str, title: str, html: str, memo: Memo) -> list[SearchDoc]:
    """``page_docs``, remembered by the digest of the page's location, title and HTML."""
    rows = memo.get("page:" + digest(location, title, html),
                    lambda: [[d.location, d.title, d.text, d.boost] for d in page_docs(location, title, html)])
    return [SearchDoc(location, title, text, boost) for location, title, text, boost in rows]


def remembered_index(lang: str, docs: list[SearchDoc], pipeline: Pipeline, pipeline_source: str,
                     memo: Memo) -> dict[str, Any]:
    """``compact_index``, remembered by the digest of the documents and of ``pipeline_source`` (the
    lunr script the trimmer and stop words were read from; the stemmers are code, in the memo's key)."""
    docs_text = json.dumps([[d.location, d.title, d.text, d.boost] for d in docs], ensure_ascii=False)
    return memo.get("index:" + digest(lang, pipeline_source, docs_text), lambda: compact_index(lang, docs, pipeline))


def expand_index(index: dict[str, Any]) -> dict[str, list[str]]:
    """Index terms of each document by location, decoded as the browser does (tests and tools)."""
    words = front_decode(index["words"])
    postings = index["postings"].split(";") if index["postings"] else []
    by_doc: dict[str, list[str]] = {doc["location"]: [] for doc in index["docs"]}
    locations = [doc["location"] for doc in index["docs"]]
    for word, encoded in zip(words, postings, strict=True):
        number = 0
        for step in encoded.split(","):
            number += int(step, 36)
            by_doc[locations[number]].append(word)
    return by_doc


def index_script(lang: str, index: dict[str, Any]) -> str:
    """``search/<lang>.js``: the language's index as a script that registers it (works from file://)."""
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("</", "<\\/")  # never closes a <script> even if inlined
    return f'window.__caSearchIndex=window.__caSearchIndex||{{}};window.__caSearchIndex["{lang}"]={payload};\n'


_WORD_CHARACTERS = re.compile(r'\.wordCharacters="([^"]*)"')


def lunr_word_characters(script: str) -> str:
    """The word characters of a lunr-languages script (what its trimmer keeps)."""
    match = _WORD_CHARACTERS.search(script)
    if not match:
        raise BundleChanged("no wordCharacters in the lunr language script; check hooks/guidekit/search.py "
                            "against Material's lunr language files")
    return match.group(1)


_STOP_LIST = re.compile(r'generateStopWordFilter\(\s*(\[[^\]]*\]|"[^"]*"\.split\(" "\))')


def lunr_stop_words(script: str) -> frozenset[str]:
    """The stop words of a lunr (language) script, so the index leaves out what lunr would drop."""
    match = _STOP_LIST.search(script)
    if not match:
        raise BundleChanged("no generateStopWordFilter([...]) list in the lunr script; check hooks/guidekit/search.py "
                            "against the vendored lunr and Material's lunr language files")
    listed = match.group(1)
    if listed.startswith("["):
        return frozenset(json.loads(listed))
    return frozenset(listed[1:listed.index('"', 1)].split(" "))


# Material 9.8.x fetches ``sitemap.xml`` next to every ``link[rel=alternate]`` to map pages between
# languages. With per-page alternates (mkdocs-static-i18n) those files do not exist: each page
# view made 404 requests and logged console errors. The guide's language links already point at
# the same page in the other language, so the probe is narrowed to links that never exist.
SITEMAP_PROBE = 'M("link[rel=alternate]")'
SITEMAP_PROBE_OFF = 'M("link[rel=alternate][data-ca-sitemap]")'


class BundleChanged(Exception):
    """Material's bundle no longer contains the code this guide adjusts (a Material upgrade)."""


def disable_sitemap_probe(bundle: str) -> str:
    if SITEMAP_PROBE_OFF in bundle:
        return bundle
    if bundle.count(SITEMAP_PROBE) != 1:
        raise BundleChanged(
            "Material's bundle does not contain the sitemap probe this guide disables; check "
            "hooks/guidekit/search.py against the installed mkdocs-material version"
        )
    return bundle.replace(SITEMAP_PROBE, SITEMAP_PROBE_OFF)
