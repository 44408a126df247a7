"""Every page of ``docs/``, read once per build: path, language, front matter (parsed once, with
exact line numbers), body and markers. Case studies, translation status and marker checks all take
this as input, so no other module walks ``docs/`` or parses front matter again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from .errors import GuideError, display_path
from .markers import Marker, find_markers
from .schema import validate
from .textfile import read_utf8
from .yamlsource import YamlDocument, parse_yaml

DEFAULT_LANGUAGE = "en"
OTHER_LANGUAGES = ("ru",)
PAGE_SCHEMA = "page.schema.json"


@dataclass(frozen=True)
class PageSource:
    """One Markdown file of docs/ as read from disk."""

    path: str                       # relative to docs/, e.g. "guide/scope.ru.md"
    display: str                    # how messages name it, e.g. "docs/guide/scope.ru.md"
    file: Path
    language: str                   # "en" or "ru"
    text: str                       # the whole file (UTF-8, \n line endings)
    front_matter: YamlDocument | None
    body: str                       # the text after the front matter
    body_line: int                  # line of the file on which the body starts

    @property
    def meta(self) -> dict[str, Any]:
        return self.front_matter.data if self.front_matter is not None else {}

    @property
    def english_path(self) -> str:
        """The English page this page is (or translates): "guide/scope.md" for "guide/scope.ru.md"."""
        if self.language == DEFAULT_LANGUAGE:
            return self.path
        return self.path.removesuffix(f".{self.language}.md") + ".md"

    @cached_property
    def markers(self) -> tuple[Marker, ...]:
        """Markers of the whole file (line numbers are the file's)."""
        return tuple(find_markers(self.text))


@dataclass(frozen=True)
class Pages:
    """All pages of docs/, by path relative to docs/."""

    by_path: dict[str, PageSource] = field(default_factory=dict)

    def __iter__(self) -> Iterator[PageSource]:
        return iter(self.by_path.values())

    def __len__(self) -> int:
        return len(self.by_path)

    def get(self, path: str) -> PageSource | None:
        return self.by_path.get(path)

    def english(self) -> list[PageSource]:
        return [page for page in self if page.language == DEFAULT_LANGUAGE]

    def translation_of(self, english: PageSource, language: str) -> PageSource | None:
        return self.by_path.get(english.path.removesuffix(".md") + f".{language}.md")


def language_of(path: str) -> str:
    for language in OTHER_LANGUAGES:
        if path.endswith(f".{language}.md"):
            return language
    return DEFAULT_LANGUAGE


def split_front_matter(text: str, display: str) -> tuple[str | None, str, int]:
    """(front-matter text or None, body, line on which the body starts)."""
    if not text.startswith("---\n"):
        return None, text, 1
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise GuideError(display, 1, "front matter", "the front matter is not closed",
                             "end it with a line containing only ---")
    front = text[4:end + 1]
    body = text[end + 5:]
    return front, body, front.count("\n") + 3


def read_page(file: Path, docs_dir: Path, project_dir: Path) -> PageSource:
    """Read and parse one page; raise GuideError on undecodable text or broken front matter."""
    path = file.relative_to(docs_dir).as_posix()
    display = display_path(file, project_dir)
    text = read_utf8(file, display)
    front, body, body_line = split_front_matter(text, display)
    document = None
    if front is not None and front.strip():
        document = parse_yaml(front, file, display, first_line=2)
        if not isinstance(document.data, dict):
            raise GuideError(display, 2, "front matter", "expected key: value lines", "write e.g. description: …")
    return PageSource(path=path, display=display, file=file, language=language_of(path), text=text,
                      front_matter=document, body=body, body_line=body_line)


def read_pages(docs_dir: Path, project_dir: Path, schema_dir: Path | None = None) -> tuple[Pages, list[GuideError]]:
    """Read every page once; return the pages that could be read and every problem found.

    With ``schema_dir``, each front matter is also checked against ``page.schema.json``."""
    pages: dict[str, PageSource] = {}
    errors: list[GuideError] = []
    for file in sorted(docs_dir.rglob("*.md")):
        try:
            page = read_page(file, docs_dir, project_dir)
        except GuideError as error:
            errors.append(error)
            continue
        if schema_dir is not None and page.front_matter is not None:
            errors.extend(validate(page.front_matter, schema_dir, PAGE_SCHEMA))
        pages[page.path] = page
    result = Pages(pages)
    errors.extend(orphan_translations(result, docs_dir, project_dir))
    return result, errors


def orphan_translations(pages: Pages, docs_dir: Path, project_dir: Path) -> list[GuideError]:
    """A translation whose English page is gone would otherwise fail only as "not in nav"."""
    errors = []
    for page in pages:
        if page.language != DEFAULT_LANGUAGE and not (docs_dir / page.english_path).is_file():
            english = display_path(docs_dir / page.english_path, project_dir)
            errors.append(GuideError(
                page.display, None, "",
                f"orphan translation: {page.display} has no English page {english}",
                f"restore {english}, rename the translation to match an existing English page, or delete it",
            ))
    return errors
