"""Load YAML keeping the line of every key, rejecting duplicate keys and leaving dates as text.

PyYAML alone silently keeps the last of two duplicate keys and turns ``2001-01-11`` into a date
object; both hide mistakes. Dates stay strings here and are checked by the schema instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import GuideError
from .textfile import read_utf8

KeyPath = tuple[str | int, ...]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


# LibYAML's parser when PyYAML was built with it (10× faster), the pure-Python one otherwise.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDateLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader without the implicit timestamp resolver."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML plus the line (1-based) on which each key path starts."""

    path: Path
    display_name: str
    data: Any
    lines: dict[KeyPath, int]

    def line_of(self, key_path: KeyPath) -> int:
        """Line of the deepest existing prefix of ``key_path`` (a missing key points at its parent)."""
        for cut in range(len(key_path), -1, -1):
            line = self.lines.get(tuple(key_path[:cut]))
            if line is not None:
                return line
        return 1


def format_key_path(key_path: KeyPath) -> str:
    """``('countries', 'KZ', 'names', 0)`` → ``countries.KZ.names[0]``."""
    text = ""
    for part in key_path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def load_yaml(path: Path, display_name: str) -> YamlDocument:
    """Parse ``path``; raise :class:`GuideError` naming the file and line on any syntax problem."""
    text = read_utf8(path, display_name)
    return parse_yaml(text, path, display_name)


# Tags a data file or front matter may use (all implicit: plain YAML). Anything else — `!!python/…`,
# `!!binary`, `!!set`, `!custom` — is refused rather than given to a constructor.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map"))

# Errors whose problem mark points past the real mistake (end of file, next line): the context mark
# is where the reader must look (the opening quote, the line without a colon, the opening bracket).
_CONTEXT_FIRST = ("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow")


def parse_yaml(text: str, path: Path, display_name: str, first_line: int = 1) -> YamlDocument:
    """Parse YAML text that starts on line ``first_line`` of ``display_name`` (e.g. front matter).

    Aliases are refused before anything is built, so a "billion laughs" document fails at once
    instead of expanding; so are tags other than plain YAML ones.
    """
    offset = first_line - 1
    loader = _TextDateLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise GuideError(display_name, first_line, "", "the file is empty", "restore its content")
        lines: dict[KeyPath, int] = {}
        try:
            _record_lines(node, (), lines, display_name, offset, set(), node.start_mark.line + 1 + offset)
        except GuideError as error:
            if error.problem.startswith("YAML aliases"):  # name the alias's own line, not its parent's
                error = GuideError(error.file, _first_alias_line(text) + offset, error.what, error.problem, error.fix)
            raise error from None
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        context = exc.context or ""
        prefer_context = exc.context_mark is not None and context.startswith(_CONTEXT_FIRST)
        mark = (exc.context_mark if prefer_context else exc.problem_mark) or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        detail = f"{exc.problem} ({context})" if exc.problem and context else (exc.problem or context)
        raise GuideError(display_name, line, "", f"YAML syntax error: {detail}", _syntax_fix(detail)) from None
    except yaml.YAMLError as exc:
        raise GuideError(display_name, first_line, "", f"YAML error: {exc}", "check the YAML syntax") from None
    finally:
        loader.dispose()
    return YamlDocument(path=path, display_name=display_name, data=data, lines=lines)


def _first_alias_line(text: str) -> int:
    for event in yaml.parse(text, Loader=_TextDateLoader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return 1


def _syntax_fix(detail: str) -> str:
    if "quoted scalar" in detail:
        return "close the quotation mark opened on this line"
    if "mapping values are not allowed" in detail:
        return 'a value containing ": " must be quoted, e.g. description: "…: …"'
    if "tab character" in detail:
        return "indent with spaces, not tabs"
    if "flow" in detail:
        return "close the [ or { opened on this line"
    if "expected ':'" in detail:
        return "write key: value on this line"
    return "check indentation, colons and quotes on this line and the one above"


def _record_lines(node: yaml.Node, key_path: KeyPath, lines: dict[KeyPath, int], name: str, offset: int,
                  seen_nodes: set[int], used_on: int) -> None:
    """Record each key's line; ``used_on`` is the line that refers to ``node`` (an alias's own line)."""
    line = node.start_mark.line + 1 + offset
    where = format_key_path(key_path)
    if id(node) in seen_nodes:  # an alias: the composer hands back the anchored node itself
        raise GuideError(name, used_on, where, "YAML aliases (*name) are not allowed",
                         "write the value out in full instead of referring to an &anchor")
    seen_nodes.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        raise GuideError(name, line, where, f"YAML tags are not allowed (found '{node.tag}')",
                         "remove the !tag and write a plain value (quote it if it must stay text)")
    lines[key_path] = line
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_line = key_node.start_mark.line + 1 + offset
            if key_node.tag not in _PLAIN_TAGS or isinstance(key_node, yaml.CollectionNode) or key == "<<":
                raise GuideError(name, key_line, where, f"unsupported key '{key}'",
                                 "use a plain word as the key (merge keys and complex keys are not allowed)")
            if key in seen:
                raise GuideError(
                    name, key_line, format_key_path((*key_path, key)),
                    f"duplicate key '{key}' (first defined on line {seen[key]})",
                    "keep one entry and merge the two",
                )
            seen[key] = key_line
            _record_lines(value_node, (*key_path, key), lines, name, offset, seen_nodes, key_line)
            lines[(*key_path, key)] = key_line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*key_path, index), lines, name, offset, seen_nodes, line)
