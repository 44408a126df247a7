"""The Markdown ↔ hook contract: invisible ``<!-- family:name ARGS -->`` markers.

A marker is an HTML comment whose text starts with ``family:name``. The set of markers is closed:
an unknown family or name, a wrong number of arguments or an unknown country code is an error that
names the page, the line and the fix. Markers inside code (fenced blocks, inline code) are left
alone, so documentation can show them.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import jinja2

from .errors import GuideError
from .model import GuideData

MARKER_PATTERN = re.compile(
    r"<!--[ \t]*(?P<family>[a-z][a-z0-9-]*):(?P<name>[a-z][a-z0-9-]*)(?P<args>(?:(?!-->)[^\n])*)-->"
)
_MARKER_START = re.compile(r"<!--[ \t]*[a-z][a-z0-9-]*:[a-z]")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")


@dataclass(frozen=True)
class Marker:
    family: str
    name: str
    args: tuple[str, ...]
    line: int
    start: int
    end: int

    @property
    def text(self) -> str:
        args = " ".join(self.args)
        return f"<!-- {self.family}:{self.name}{' ' + args if args else ''} -->"


@dataclass(frozen=True)
class RenderContext:
    """What a renderer may use: the page's language, the data, templates and a link resolver."""

    lang: str
    data: GuideData
    templates: jinja2.Environment
    link_to: Callable[[str], str]
    site_root: str = ""   # relative URL from the page to the site root, e.g. "../../"

    def t(self, key: str) -> str:
        return self.data.ui.get(key, self.lang)

    def render(self, template: str, **values: object) -> str:
        html = self.templates.get_template(template).render(ctx=self, **values)
        # Raw HTML inside Markdown must not contain blank lines, or Markdown would end the block.
        # Split on "\n" only, as Markdown does: str.splitlines() would also break a value at U+0085,
        # U+2028 … (pasted from a word processor) and turn it into a raw newline inside JSON.
        return "\n".join(line for line in html.split("\n") if line.strip())


# An argument checker returns (problem, fix) for a bad argument, or None when it is fine.
ArgCheck = Callable[[GuideData, tuple[str, ...], int], "tuple[str, str] | None"]
Renderer = Callable[[RenderContext, tuple[str, ...]], str]


@dataclass(frozen=True)
class MarkerSpec:
    """One allowed marker: its arguments, how they are checked, how it renders."""

    family: str
    name: str
    params: tuple[str, ...]
    checks: tuple[ArgCheck, ...]
    render: Renderer
    block: bool
    summary: str

    @property
    def usage(self) -> str:
        params = "".join(f" {p.upper()}" for p in self.params)
        return f"<!-- {self.family}:{self.name}{params} -->"


Registry = Mapping[tuple[str, str], MarkerSpec]


_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")


def code_spans(markdown: str) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks and inline code spans."""
    spans: list[tuple[int, int]] = []
    if "`" not in markdown and "~~~" not in markdown:
        return spans
    offset = 0
    fence: str | None = None
    fence_start = 0
    for line in _LINES.findall(markdown):   # Markdown's own line breaks only (not U+2028 …)
        match = _FENCE.match(line)
        if fence is None and match:
            fence, fence_start = match.group(1), offset
        elif fence is not None and match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
            spans.append((fence_start, offset + len(line)))
            fence = None
        elif fence is None and "`" in line:
            spans.extend((offset + m.start(), offset + m.end()) for m in _INLINE_CODE.finditer(line))
        offset += len(line)
    if fence is not None:
        spans.append((fence_start, len(markdown)))
    return spans


def in_code(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``position`` lies in one of the (sorted, non-overlapping) code spans."""
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index][1]


def find_markers(markdown: str) -> list[Marker]:
    """Every marker outside code, in order of appearance."""
    if "<!--" not in markdown:
        return []
    spans = code_spans(markdown)
    starts = [start for start, _ in spans]
    markers = []
    for match in MARKER_PATTERN.finditer(markdown):
        if in_code(match.start(), spans, starts):
            continue
        markers.append(Marker(
            family=match.group("family"),
            name=match.group("name"),
            args=tuple(match.group("args").split()),
            line=markdown.count("\n", 0, match.start()) + 1,
            start=match.start(),
            end=match.end(),
        ))
    return markers


def check_marker(marker: Marker, registry: Registry, data: GuideData, page: str) -> GuideError | None:
    """Why ``marker`` cannot be rendered, or None when it can."""
    spec = registry.get((marker.family, marker.name))
    if spec is None:
        known = sorted(f"{f}:{n}" for f, n in registry)
        return GuideError(
            page, marker.line, marker.text, "unknown marker",
            f"use one of: {', '.join(known)} (see README, 'Markers')",
        )
    if len(marker.args) != len(spec.params):
        return GuideError(
            page, marker.line, marker.text,
            f"expected {len(spec.params)} argument(s), found {len(marker.args)}",
            f"write it as {spec.usage}",
        )
    for index, check in enumerate(spec.checks):
        problem = check(data, marker.args, index)
        if problem:
            return GuideError(page, marker.line, marker.text, problem[0], problem[1])
    return None


def find_broken_markers(markdown: str, page: str, markers: Sequence[Marker] | None = None) -> list[GuideError]:
    """Marker-like comments that are not well-formed (e.g. wrapped over two lines), which would
    otherwise stay invisible comments and silently drop their content from the page."""
    good = {marker.start for marker in (find_markers(markdown) if markers is None else markers)}
    candidates = [m for m in _MARKER_START.finditer(markdown) if m.start() not in good]
    if not candidates:
        return []
    spans = code_spans(markdown)
    starts = [start for start, _ in spans]
    problems = []
    for match in candidates:
        if in_code(match.start(), spans, starts):
            continue
        line = markdown.count("\n", 0, match.start()) + 1
        snippet = markdown[match.start():].split("\n", 1)[0][:60]
        problems.append(GuideError(
            page, line, snippet, "marker is not closed on the same line",
            "write the whole marker on one line, ending with -->",
        ))
    return problems


def check_page(markdown: str, page: str, registry: Registry, data: GuideData,
               markers: Sequence[Marker] | None = None) -> list[GuideError]:
    """Every marker problem on one page (``markers``: the page's markers when already found)."""
    markers = find_markers(markdown) if markers is None else markers
    problems = [check_marker(marker, registry, data, page) for marker in markers]
    return [problem for problem in problems if problem] + find_broken_markers(markdown, page, markers)


def render_markers(markdown: str, page: str, registry: Registry, ctx: RenderContext) -> str:
    """Replace each marker with its rendering in ``ctx.lang``; raise on the first bad marker."""
    markers = find_markers(markdown)
    broken = find_broken_markers(markdown, page, markers)
    if broken:
        raise broken[0]
    pieces: list[str] = []
    position = 0
    for marker in markers:
        problem = check_marker(marker, registry, ctx.data, page)
        if problem:
            raise problem
        spec = registry[(marker.family, marker.name)]
        html = spec.render(ctx, marker.args)
        pieces.append(markdown[position:marker.start])
        pieces.append(f"\n\n{html}\n\n" if spec.block else html)
        position = marker.end
    pieces.append(markdown[position:])
    return "".join(pieces)


def make_registry(specs: Sequence[MarkerSpec]) -> dict[tuple[str, str], MarkerSpec]:
    registry: dict[tuple[str, str], MarkerSpec] = {}
    for spec in specs:
        key = (spec.family, spec.name)
        if key in registry:
            raise ValueError(f"marker {spec.family}:{spec.name} is defined twice")
        registry[key] = spec
    return registry


CACHE_DIR = ".cache/jinja"


def template_bytecode_cache(project_dir: Path, name: str) -> jinja2.BytecodeCache:
    """A compiled-template cache under the project's .cache/ (git-ignored), one folder per kind of
    environment: compiled code depends on settings such as autoescape, which Jinja's key leaves out."""
    folder = project_dir / CACHE_DIR / f"{name}-autoescape"
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def make_templates(template_dir: str, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """Jinja environment for marker templates: autoescaped, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        bytecode_cache=bytecode_cache,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    # |tojson data blocks: Cyrillic as UTF-8, not \uXXXX (a third of the size); <, >, & and ' stay escaped.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env
