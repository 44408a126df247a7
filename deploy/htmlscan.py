"""One pass of the standard library's HTML parser over a built page: what the checks need to know.

Ids (link fragments), the URLs the page links to or loads, its canonical address, and every piece of
inline code a Content-Security-Policy has to allow: inline scripts and styles, `style` and `on…`
attributes, `javascript:` URLs — each with its line and a snippet, so a failure names the place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Types that make a <script> run (HTML: "JavaScript MIME type essence match", plus module); import
# maps and speculation rules are not JavaScript but inline ones need the policy's permission too.
# Any other type (application/json, application/ld+json …) is a data block: never executed.
SCRIPT_TYPES = {
    "", "module", "importmap", "speculationrules",
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
}
LINK_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src",
                   "iframe": "src", "source": "src", "video": "src", "audio": "src", "embed": "src",
                   "object": "data", "form": "action"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href",
                  "srcdoc", "ping"}
SNIPPET = 80


@dataclass(frozen=True)
class Inline:
    """A piece of inline code: what it is (`<script>`, `onclick`, …), where, and how it starts."""
    kind: str
    line: int
    code: str
    column: int = 0

    @property
    def snippet(self) -> str:
        flat = " ".join(self.code.split())
        return flat if len(flat) <= SNIPPET else flat[:SNIPPET - 1] + "…"


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)   # (tag, attribute, url)
    canonical: str | None = None
    scripts: list[Inline] = field(default_factory=list)           # inline executable <script>
    script_sources: list[Inline] = field(default_factory=list)    # <script src=…> (code = the URL)
    styles: list[Inline] = field(default_factory=list)            # <style> elements
    style_attributes: list[Inline] = field(default_factory=list)  # style="…"
    handlers: list[Inline] = field(default_factory=list)          # onclick="…" and friends
    javascript_urls: list[Inline] = field(default_factory=list)   # href="javascript:…"

    def inline_code(self) -> list[Inline]:
        """Everything a policy without 'unsafe-inline' or hashes refuses, in page order."""
        found = [*self.scripts, *self.styles, *self.style_attributes, *self.handlers, *self.javascript_urls]
        return sorted(found, key=lambda item: (item.line, item.column))


def is_javascript_url(value: str) -> bool:
    """As browsers read it: entities already decoded, tabs and newlines removed, leading blanks ignored."""
    cleaned = "".join(ch for ch in value if ch not in "\t\n\r").lstrip("".join(map(chr, range(0x21))))
    return cleaned.lower().startswith("javascript:")


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._raw: list[str] | None = None
        self._raw_kind = ""
        self._raw_line = (0, 0)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        values = {name: value or "" for name, value in attrs}
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                self.page.ids.add(values[name])
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and attribute in values:
            self.page.links.append((tag, attribute, values[attribute].strip()))
        if tag == "link" and "canonical" in values.get("rel", "").lower().split() and self.page.canonical is None:
            self.page.canonical = values.get("href")
        for name, value in values.items():
            if name == "style":
                self.page.style_attributes.append(Inline(f'<{tag} style="…">', line, value, column))
            elif name.startswith("on"):
                self.page.handlers.append(Inline(f'<{tag} {name}="…">', line, value, column))
            elif name in URL_ATTRIBUTES and is_javascript_url(value):
                self.page.javascript_urls.append(Inline(f'<{tag} {name}="javascript:…">', line, value, column))
        if tag == "script":
            if "src" in values:
                self.page.script_sources.append(Inline("<script src>", line, values["src"], column))
            elif values.get("type", "").strip().lower() in SCRIPT_TYPES:
                self._raw, self._raw_kind, self._raw_line = [], "script", (line, column)
        elif tag == "style":
            self._raw, self._raw_kind, self._raw_line = [], "style", (line, column)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self._raw is not None and tag == self._raw_kind:   # <script/>: empty, still inline
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._raw is not None and tag == self._raw_kind:
            found = Inline(f"<{tag}>", self._raw_line[0], "".join(self._raw), self._raw_line[1])
            (self.page.scripts if tag == "script" else self.page.styles).append(found)
            self._raw = None


def parse_html(text: str) -> ParsedPage:
    # Browsers normalise CR LF and CR to LF (also before hashing inline code); do the same.
    parser = _PageParser()
    parser.feed(text.replace("\r\n", "\n").replace("\r", "\n"))
    if parser._raw is not None:   # an unclosed <script> or <style> runs to the end of the page
        parser._raw.append(parser.rawdata)
        parser.handle_endtag(parser._raw_kind)
    parser.close()
    return parser.page


def parse_page(path: Path) -> ParsedPage:
    return parse_html(path.read_bytes().decode("utf-8"))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
