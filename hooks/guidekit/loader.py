"""Load every data file, validate it against its schema and cross-check references between files.

All problems found are reported together (file:line key.path — problem. Fix: …); nothing is
rendered from data that failed validation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .errors import GuideError, GuideErrors
from .model import Authority, Basin, Country, Fact, GuideData, Localized, Source, UiStrings
from .schema import validate
from .yamlsource import YamlDocument, format_key_path, load_yaml

# data file → its schema; every file listed here is required.
DATA_FILES = {
    "sources.yml": "sources.schema.json",
    "countries.yml": "countries.schema.json",
    "ui.yml": "ui.schema.json",
}


def load_guide_data(data_dir: Path, project_dir: Path, today: dt.date | None = None) -> GuideData:
    """Read and validate ``data_dir``; raise :class:`GuideErrors` listing every problem."""
    documents: dict[str, YamlDocument] = {}
    errors: list[GuideError] = []
    for file_name, schema_name in DATA_FILES.items():
        path = data_dir / file_name
        display = _display(path, project_dir)
        try:
            document = load_yaml(path, display)
        except GuideError as exc:
            errors.append(exc)
            continue
        schema_errors = validate(document, data_dir / "schema", schema_name)
        errors.extend(schema_errors)
        if not schema_errors:
            documents[file_name] = document
    if errors:
        raise GuideErrors(errors)
    errors.extend(_cross_check(documents, today or dt.date.today()))
    if errors:
        raise GuideErrors(errors)
    return _build_model(documents)


def _display(path: Path, project_dir: Path) -> str:
    try:
        return path.relative_to(project_dir).as_posix()
    except ValueError:
        return path.as_posix()


def _cross_check(documents: dict[str, YamlDocument], today: dt.date) -> list[GuideError]:
    """References between files and rules a schema cannot express."""
    sources = documents["sources.yml"].data
    countries_doc = documents["countries.yml"]
    basins = countries_doc.data["basins"]
    errors: list[GuideError] = []

    def error(key_path: tuple, problem: str, fix: str) -> None:
        errors.append(GuideError(
            countries_doc.display_name, countries_doc.line_of(key_path),
            format_key_path(key_path), problem, fix,
        ))

    pages: dict[str, str] = {}
    for code, country in countries_doc.data["countries"].items():
        page = country["page"]
        if page in pages:
            error(("countries", code, "page"), f"profile page {page} is already used by {pages[page]}",
                  "give each country its own page")
        pages[page] = code
        for fact_name, fact in country["facts"].items():
            base = ("countries", code, "facts", fact_name)
            if fact["source"] not in sources:
                error((*base, "source"), f"unknown source '{fact['source']}'",
                      f"add it to data/sources.yml or use one of: {', '.join(sources)}")
            if _start_of(fact["as_of"]) > today:
                error((*base, "as_of"), f"as_of {fact['as_of']} is in the future",
                      "use the date on which the source states the fact")
        for index, basin in enumerate(country["facts"]["river_basins"]["value"]):
            if basin not in basins:
                error(("countries", code, "facts", "river_basins", "value", index),
                      f"unknown basin '{basin}'", f"add it under basins: or use one of: {', '.join(basins)}")
    return errors


def _start_of(partial_date: str) -> dt.date:
    parts = [int(p) for p in partial_date.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _localized(raw: dict[str, str] | None) -> Localized | None:
    return Localized(en=raw["en"], ru=raw["ru"]) if raw else None


def _build_model(documents: dict[str, YamlDocument]) -> GuideData:
    sources = {
        key: Source(key=key, title=_localized(raw["title"]), url=raw.get("url"), date=raw["date"])
        for key, raw in documents["sources.yml"].data.items()
    }
    raw_countries = documents["countries.yml"].data
    basins = {
        key: Basin(key=key, name=_localized(raw["name"])) for key, raw in raw_countries["basins"].items()
    }
    countries = {
        code: Country(
            code=code,
            name=_localized(raw["name"]),
            official_name=_localized(raw["official_name"]),
            iso3=raw["iso3"],
            page=raw["page"],
            facts={name: _fact(name, fact, sources) for name, fact in raw["facts"].items()},
        )
        for code, raw in raw_countries["countries"].items()
    }
    ui = UiStrings({key: _localized(raw) for key, raw in documents["ui.yml"].data.items()})
    return GuideData(countries=countries, basins=basins, sources=sources, ui=ui)


def _fact(name: str, raw: dict[str, Any], sources: dict[str, Source]) -> Fact:
    value = raw["value"]
    if name == "authorities":
        value = tuple(
            Authority(
                name=_localized(item["name"]),
                role=_localized(item.get("role")),
                unconfirmed=item.get("status") == "unconfirmed",
                note=_localized(item.get("note")),
            )
            for item in value
        )
    elif isinstance(value, list):
        value = tuple(value)
    return Fact(
        name=name,
        value=value,
        source=sources[raw["source"]],
        as_of=raw["as_of"],
        unconfirmed=raw.get("status") == "unconfirmed",
        note=_localized(raw.get("note")),
    )
