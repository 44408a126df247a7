"""Validate a YAML document against its JSON Schema and explain each failure in plain words.

The schema files under ``data/schema/`` are the contract: the build uses them, and editors that
understand ``# yaml-language-server: $schema=…`` give translators completion and warnings too.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from .errors import GuideError
from .yamlsource import YamlDocument, format_key_path

_LANGUAGE_NAMES = {"en": "English", "ru": "Russian"}


@cache
def _registry(schema_dir: Path) -> Registry:
    resources = []
    for path in sorted(schema_dir.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources)


def validate(document: YamlDocument, schema_dir: Path, schema_name: str) -> list[GuideError]:
    """Return every schema violation in ``document`` as a located, explained error."""
    registry = _registry(schema_dir)
    schema = registry.contents(schema_name)
    validator = Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
    errors = [_explain(document, error) for error in validator.iter_errors(document.data)]
    return _dedupe(errors)


def _dedupe(errors: list[GuideError]) -> list[GuideError]:
    seen: set[str] = set()
    unique = []
    for error in errors:
        if error.format() not in seen:
            seen.add(error.format())
            unique.append(error)
    return unique


def _explain(document: YamlDocument, error: ValidationError) -> GuideError:
    path = tuple(error.absolute_path)
    name = document.display_name
    kind = error.validator
    expected = _expected(error)

    def located(key_path: tuple, problem: str, fix: str) -> GuideError:
        return GuideError(name, document.line_of(key_path), format_key_path(key_path), problem, fix)

    if kind == "required":
        missing = _quoted_name(error.message)
        if missing in _LANGUAGE_NAMES:
            language = _LANGUAGE_NAMES[missing]
            return located(
                (*path, missing), f"missing {language} text",
                f"add `{missing}: …` with the {language} text next to the other language",
            )
        return located((*path, missing), f"missing required key '{missing}'", f"add `{missing}:`")
    if kind == "additionalProperties":
        unknown = [key for key in error.instance if key not in error.schema.get("properties", {})]
        allowed = ", ".join(error.schema.get("properties", {})) or "none"
        key = unknown[0] if unknown else "?"
        fix = f"remove it or correct its spelling; allowed fields here: {allowed}"
        if " " in key:
            fix += " (if this is part of a text containing a comma or colon, put the text in quotes)"
        return located((*path, key), f"unknown field '{key}'", fix)
    if "propertyNames" in error.schema_path:
        bad = str(error.instance)
        if kind == "enum":
            return located(
                (*path, bad), f"unknown code '{bad}'",
                f"use one of: {', '.join(str(v) for v in error.validator_value)}",
            )
        return located((*path, bad), f"key '{bad}' is not allowed", f"write {expected}")
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return located(path, f"'{error.instance}' is not an allowed value", f"use one of: {options}")
    if kind == "format" and error.validator_value == "date":
        return located(path, f"'{error.instance}' is not a real calendar date", "correct the day or month")
    if kind == "not" and path and path[-1] == "facts":
        return located(
            path, "accession_date and entry_into_force apply only to a Party",
            "remove them, or set convention_status.value to party",
        )
    if kind in ("minLength", "pattern") and expected == "non-empty text":
        return located(path, "the text is empty", "write the text, or remove the key if it is optional")
    if kind == "maxLength":
        return located(path, f"the text is too long ({len(error.instance)} characters, at most {error.validator_value})",
                       f"shorten it to {error.validator_value} characters or fewer")
    if kind == "type":
        found = type(error.instance).__name__
        return located(path, f"expected {expected}, found {found} {error.instance!r}", f"write {expected}")
    shown = repr(error.instance) if not isinstance(error.instance, (dict, list)) else "this value"
    return located(path, f"{shown} is not valid ({expected})", f"write {expected}")


def _expected(error: ValidationError) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if description:
        return str(description)
    if error.validator == "type":
        return f"a value of type {error.validator_value}"
    return f"a value matching {error.validator} {error.validator_value!r}"


def _quoted_name(message: str) -> str:
    return message.split("'")[1] if "'" in message else message

