"""Checks of data/benchmarks.yml (self-assessment indicators) against its schema and the rest of the project.

Plain file checks, no build: the YAML is read with PyYAML and validated with jsonschema against
data/schema/benchmarks.schema.json (with common.schema.json resolved), then cross-checked against
data/working-areas.yml, data/sources.yml and the guide pages in both languages.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "data"
DOCS = PROJECT / "docs"
HEADING_ID = re.compile(r"^#{1,6}\s.*\{#([a-z0-9-]+)\}\s*$", re.MULTILINE)


def _load(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _validator() -> Draft202012Validator:
    resources = []
    for path in sorted((DATA / "schema").glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    registry = Registry().with_resources(resources)
    schema = registry.contents("benchmarks.schema.json")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


BENCHMARKS = _load("benchmarks.yml")
VALIDATOR = _validator()
INDICATORS = [(area["area"], indicator) for area in BENCHMARKS["areas"] for indicator in area["indicators"]]


def _anchors(page: Path) -> set[str]:
    return set(HEADING_ID.findall(page.read_text(encoding="utf-8")))


def test_file_matches_schema() -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(BENCHMARKS)]
    assert errors == []


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda d: d["areas"][0]["indicators"][0].pop("articles"), "'articles' is a required property"),
    (lambda d: d["areas"][0]["indicators"][0]["text"].pop("ru"), "'ru' is a required property"),
    (lambda d: d["areas"][0]["indicators"][0]["text"].update(en="x" * 321), "is too long"),
    (lambda d: d["areas"][0]["indicators"][0].update(status="draft"), "is not one of ['unconfirmed']"),
    (lambda d: d["areas"][0]["indicators"][0].update(articles=["Annex XIV"]), "does not match"),
    (lambda d: d["areas"][0]["indicators"][0].update(colour="red"), "Additional properties are not allowed"),
])
def test_schema_rejects_bad_entries(mutate, expected: str) -> None:
    broken = copy.deepcopy(BENCHMARKS)
    mutate(broken)
    messages = [e.message for e in VALIDATOR.iter_errors(broken)]
    assert any(expected in message for message in messages), messages


def test_areas_are_exactly_the_six_working_areas_in_order() -> None:
    expected = [area["id"] for area in _load("working-areas.yml")["areas"]]
    assert [area["area"] for area in BENCHMARKS["areas"]] == expected
    assert len(expected) == 6


def test_ids_unique_and_named_after_their_area() -> None:
    ids = [indicator["id"] for _, indicator in INDICATORS]
    assert len(ids) == len(set(ids))
    for area, indicator in INDICATORS:
        assert indicator["id"].startswith(f"{area}-"), indicator["id"]


def test_every_area_has_at_least_two_indicators() -> None:
    for area in BENCHMARKS["areas"]:
        assert len(area["indicators"]) >= 2, area["area"]


def test_scale_levels_run_from_zero_without_gaps() -> None:
    levels = [step["level"] for step in BENCHMARKS["scale"]]
    assert levels == list(range(len(levels)))


@pytest.mark.parametrize(("area", "indicator"), INDICATORS, ids=[i["id"] for _, i in INDICATORS])
def test_chapter_and_anchor_exist_in_both_languages(area: str, indicator: dict) -> None:
    page, _, anchor = indicator["chapter"].partition("#")
    english = DOCS / page
    russian = english.with_suffix(".ru.md")
    assert english.is_file(), english
    assert russian.is_file(), russian
    if anchor:
        assert anchor in _anchors(english), f"#{anchor} missing in {english.relative_to(PROJECT)}"
        assert anchor in _anchors(russian), f"#{anchor} missing in {russian.relative_to(PROJECT)}"


def test_every_source_key_exists() -> None:
    sources = _load("sources.yml")
    assert BENCHMARKS["document"] in sources
    missing = {indicator["source"]["key"] for _, indicator in INDICATORS} - set(sources)
    assert missing == set()
