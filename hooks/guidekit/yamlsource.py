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
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GuideError(display_name, None, "", "file not found", f"create {display_name}") from None
    except UnicodeDecodeError as exc:
        raise GuideError(
            display_name, None, "", f"not valid UTF-8 ({exc.reason})", "save the file as UTF-8"
        ) from None
    return parse_yaml(text, path, display_name)


def parse_yaml(text: str, path: Path, display_name: str, first_line: int = 1) -> YamlDocument:
    """Parse YAML text that starts on line ``first_line`` of ``display_name`` (e.g. front matter)."""
    offset = first_line - 1
    loader = _TextDateLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise GuideError(display_name, 1, "", "the file is empty", "restore its content")
        lines: dict[KeyPath, int] = {}
        _record_lines(node, (), lines, display_name, offset)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        problem = f"YAML syntax error: {exc.problem or exc.context}"
        raise GuideError(
            display_name, line, "", problem,
            "check indentation, colons and quotes on this line and the one above",
        ) from None
    finally:
        loader.dispose()
    return YamlDocument(path=path, display_name=display_name, data=data, lines=lines)


def _record_lines(node: yaml.Node, key_path: KeyPath, lines: dict[KeyPath, int], name: str, offset: int) -> None:
    lines[key_path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                raise GuideError(
                    name, line, format_key_path((*key_path, key)),
                    f"duplicate key '{key}' (first defined on line {seen[key]})",
                    "keep one entry and merge the two",
                )
            seen[key] = line
            _record_lines(value_node, (*key_path, key), lines, name, offset)
            lines[(*key_path, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*key_path, index), lines, name, offset)
