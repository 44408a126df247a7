"""Load every data file, validate it against its schema and cross-check references between files.

All problems found are reported together (file:line key.path — problem. Fix: …); nothing is
rendered from data that failed validation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from importlib.metadata import version as _package_version
from pathlib import Path
from typing import Any

from .errors import GuideError, GuideErrors, display_path
from .model import (
    Abbreviation, Agency, Annex, AnnexI, AreaBodies, Authority, Basin, BenchmarkArea, Benchmarks, Citation, Country,
    EventDetails, Fact, Finding, FormField, FormOption, FormSection, GlossaryEntry, GlossaryTerm, GuideData, HazardSite,
    Indicator, LegalAct, Level, Localized, MapOutlines, Neighbour, Project, ProjectEvent, Resource, RiverLink,
    Secretariat, Source, ThresholdRow, Transboundary, UiStrings, WorkingArea,
)
from .localize import start_of
from .schema import validate
from .yamlsource import YamlDocument, format_key_path, load_yaml

# data file → its schema; every file listed here is required.
DATA_FILES = {
    "sources.yml": "sources.schema.json",
    "countries.yml": "countries.schema.json",
    "ui.yml": "ui.schema.json",
    "annexes.yml": "annexes.schema.json",
    "annex-i.yml": "annex-i.schema.json",
    "glossary.yml": "glossary.schema.json",
    "notification.yml": "notification.schema.json",
    "working-areas.yml": "working-areas.schema.json",
    "map-outlines.yml": "map-outlines.schema.json",
    "benchmarks.yml": "benchmarks.schema.json",
    "project.yml": "project.schema.json",
}


def load_guide_data(data_dir: Path, project_dir: Path, today: dt.date | None = None) -> GuideData:
    """Read and validate ``data_dir``; raise :class:`GuideErrors` listing every problem.

    The model depends only on the files' content: it is remembered by a digest of every data and
    schema file, so `mkdocs serve` does not reload unchanged data after a page edit (and copies of
    the project with the same data, as in the tests, share it). Errors are never remembered."""
    today = today or dt.date.today()
    schemas = _schemas_digest(data_dir / "schema")
    key = (_content_digest(data_dir, schemas), today)
    data = _REMEMBERED.get(key)
    if data is None:
        data = _load(data_dir, project_dir, today, schemas)
        _REMEMBERED[key] = data
        while len(_REMEMBERED) > 4:
            _REMEMBERED.pop(next(iter(_REMEMBERED)))
    return data


# Pure memo of load_guide_data: content digest → model (immutable), at most four entries.
_REMEMBERED: dict[tuple[str, dt.date], GuideData] = {}


def _content_digest(data_dir: Path, schemas: bytes) -> str:
    """Every data file, and the schemas' digest."""
    digest = hashlib.blake2b(schemas, digest_size=20)
    for name in DATA_FILES:
        digest.update(name.encode() + b"\0")
        try:
            digest.update((data_dir / name).read_bytes())
        except FileNotFoundError:
            digest.update(b"\0missing")
        digest.update(b"\0")
    return digest.hexdigest()


def _schemas_digest(schema_dir: Path) -> bytes:
    """Every schema file and the validator's version: a file's schema may refer to any of them."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"jsonschema {_package_version('jsonschema')}\0".encode())
    for path in sorted(schema_dir.glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _validation_record(project_dir: Path, schemas: bytes, schema_name: str, content: bytes) -> Path:
    """A file under .cache/ (git-ignored) that exists once this exact file content passed this
    schema, so a new process (every `mkdocs build`) validates only the data files that changed."""
    digest = hashlib.blake2b(schemas + schema_name.encode() + b"\0" + content, digest_size=20).hexdigest()
    return project_dir / ".cache" / "guide" / f"valid-{digest}"


def _load(data_dir: Path, project_dir: Path, today: dt.date, schemas: bytes) -> GuideData:
    documents: dict[str, YamlDocument] = {}
    errors: list[GuideError] = []
    passed: list[Path] = []
    for file_name, schema_name in DATA_FILES.items():
        path = data_dir / file_name
        display = display_path(path, project_dir)
        try:
            document = load_yaml(path, display)
        except GuideError as exc:
            errors.append(exc)
            continue
        record = _validation_record(project_dir, schemas, schema_name, path.read_bytes())
        schema_errors = [] if record.exists() else validate(document, data_dir / "schema", schema_name)
        errors.extend(schema_errors)
        if not schema_errors:
            documents[file_name] = document
            passed.append(record)
    for record in passed:   # also when another file failed: fixing that one revalidates it alone
        record.parent.mkdir(parents=True, exist_ok=True)
        record.touch()
    if errors:
        raise GuideErrors(errors)
    errors.extend(_cross_check(documents, today))
    if errors:
        raise GuideErrors(errors)
    return _build_model(documents)



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
            if start_of(fact["as_of"]) > today:
                error((*base, "as_of"), f"as_of {fact['as_of']} is in the future",
                      "use the date on which the source states the fact")
        for index, basin in enumerate(country["facts"]["river_basins"]["value"]):
            if basin not in basins:
                error(("countries", code, "facts", "river_basins", "value", index),
                      f"unknown basin '{basin}'", f"add it under basins: or use one of: {', '.join(basins)}")
        _check_profile(code, country, countries_doc.data, sources,
                       [a["id"] for a in documents["working-areas.yml"].data["areas"]], today, error)
    errors.extend(_check_unique_ids(documents["glossary.yml"], ("terms", "abbreviations")))
    errors.extend(_check_unique_ids(documents["working-areas.yml"], ("areas",)))
    errors.extend(_check_form(documents["notification.yml"]))
    errors.extend(_check_unique_ids(documents["annexes.yml"], ("annexes",), key="number"))
    errors.extend(_check_annex_sources(documents["annexes.yml"], sources))
    errors.extend(_check_project(documents["project.yml"], sources, today))
    errors.extend(_check_annex_i(documents["annex-i.yml"], sources, countries_doc.data["countries"]))
    errors.extend(_check_benchmarks(documents["benchmarks.yml"], documents["working-areas.yml"].data, sources))
    return errors


def _check_benchmarks(document: YamlDocument, working_areas: dict[str, Any], sources: dict[str, Any]) -> list[GuideError]:
    """The six working areas in their order, unique ids, a scale numbered 0, 1, 2…, known sources.
    (That each chapter and its anchor exist in both languages is checked against docs/ in site.py.)"""
    errors: list[GuideError] = []
    data = document.data

    def error(key_path: tuple, problem: str, fix: str) -> None:
        errors.append(GuideError(document.display_name, document.line_of(key_path),
                                 format_key_path(key_path), problem, fix))

    if data["document"] not in sources:
        error(("document",), f"unknown source '{data['document']}'", "add the Benchmarks document to data/sources.yml")
    for index, step in enumerate(data["scale"]):
        if step["level"] != index:
            error(("scale", index, "level"), f"level {step['level']} where {index} was expected",
                  "number the levels 0, 1, 2… from the lowest, without gaps")
    expected = [area["id"] for area in working_areas["areas"]]
    for index, area in enumerate(data["areas"]):
        want = expected[index] if index < len(expected) else None
        if area["area"] != want:
            error(("areas", index, "area"), f"working area '{area['area']}' where '{want}' was expected",
                  f"list the six areas of data/working-areas.yml in their order: {', '.join(expected)}")
            break
    seen: dict[str, str] = {}
    for a_index, area in enumerate(data["areas"]):
        for i_index, indicator in enumerate(area["indicators"]):
            path = ("areas", a_index, "indicators", i_index)
            if indicator["id"] in seen:
                error((*path, "id"), f"duplicate indicator id '{indicator['id']}' (also in {seen[indicator['id']]})",
                      "give each indicator its own id; never renumber existing ones (saved drafts use them)")
            seen.setdefault(indicator["id"], area["area"])
            if indicator["source"]["key"] not in sources:
                error((*path, "source", "key"), f"unknown source '{indicator['source']['key']}'",
                      "add it to data/sources.yml or use the Benchmarks document's key")
    return errors


def _check_annex_sources(document: YamlDocument, sources: dict[str, Any]) -> list[GuideError]:
    """The text each annex's content was read in is a known source."""
    return [
        GuideError(document.display_name, document.line_of(("annexes", index, "content_source")),
                   format_key_path(("annexes", index, "content_source")),
                   f"unknown source '{annex['content_source']}'", "add it to data/sources.yml")
        for index, annex in enumerate(document.data["annexes"])
        if "content_source" in annex and annex["content_source"] not in sources
    ]


def _check_annex_i(document: YamlDocument, sources: dict[str, Any], countries: dict[str, Any]) -> list[GuideError]:
    """Sources and countries named by each version exist; ids are unique; newest version first."""
    errors = []

    def error(path: tuple, problem: str, fix: str) -> None:
        errors.append(GuideError(document.display_name, document.line_of(path), format_key_path(path), problem, fix))

    versions = document.data["versions"]
    seen: set[str] = set()
    for index, version in enumerate(versions):
        base = ("versions", index)
        if version["id"] in seen:
            error((*base, "id"), f"duplicate version id '{version['id']}'", "give each version its own id")
        seen.add(version["id"])
        for field_name in ("source", "effective_source", "superseded_source", "adoption_source", "parties_source"):
            key = version.get(field_name)
            if key is not None and key not in sources:
                error((*base, field_name), f"unknown source '{key}'", "add it to data/sources.yml")
        for c_index, code in enumerate(version.get("central_asia_parties", ())):
            if code not in countries:
                error((*base, "central_asia_parties", c_index), f"unknown country code '{code}'",
                      f"use one of: {', '.join(countries)}")
        for part in ("part_i", "part_ii"):
            ids: set[str] = set()
            for r_index, row in enumerate(version[part]):
                if row["id"] in ids:
                    error((*base, part, r_index, "id"), f"duplicate entry '{row['id']}' in {part}",
                          "give each entry its own number")
                ids.add(row["id"])
        if (not version["part_i"] or not version["part_ii"]) and "omitted" not in version:
            empty = "part_i" if not version["part_i"] else "part_ii"
            error((*base, empty), f"{empty} is empty but the version does not say what is left out",
                  "add the rows, or add `omitted: {en: …, ru: …}` saying what is not reproduced")
    current = [i for i, v in enumerate(versions) if "superseded_on" not in v]
    if current != [0][:len(current)] or len(current) > 1:
        index = current[1] if len(current) > 1 else current[0]
        error(("versions", index), "only the first (newest) version may lack `superseded_on`",
              "list versions newest first and give every older one `superseded_on` and `superseded_source`")
    return errors


def _check_project(document: YamlDocument, sources: dict[str, Any], today: dt.date) -> list[GuideError]:
    """Known sources, unique ids, an end after the start, no as-of date in the future."""
    errors = _check_unique_ids(document, ("events", "resources"))

    def error(key_path: tuple, problem: str, fix: str) -> None:
        errors.append(GuideError(document.display_name, document.line_of(key_path), format_key_path(key_path),
                                 problem, fix))

    def check_source(key_path: tuple, key: str) -> None:
        if key not in sources:
            error(key_path, f"unknown source '{key}'", "add it to data/sources.yml")

    data = document.data
    for index, event in enumerate(data["events"]):
        for field_name in ("source", "details_source"):
            if field_name in event:
                check_source(("events", index, field_name), event[field_name])
        if "end" in event and start_of(event["end"]) < start_of(event["start"]):
            error(("events", index, "end"), f"end {event['end']} is before start {event['start']}",
                  "swap the dates or correct one of them")
    for index, resource in enumerate(data["resources"]):
        check_source(("resources", index, "source"), resource["source"])
    secretariat = data["secretariat"]
    check_source(("secretariat", "source"), secretariat["source"])
    if "secretary" in secretariat:
        check_source(("secretariat", "secretary", "source"), secretariat["secretary"]["source"])
    for key_path, value in ((("secretariat", "as_of"), secretariat["as_of"]),
                            (("secretariat", "secretary", "as_of"), secretariat.get("secretary", {}).get("as_of"))):
        if value is not None and start_of(value) > today:
            error(key_path, f"as_of {value} is in the future", "use the date on which the source states it")
    return errors


def _check_profile(code: str, country: dict[str, Any], data: dict[str, Any], sources: dict[str, Any],
                   areas: list[str], today: dt.date, error: Any) -> None:
    """References of a profile's legal basis, bodies, transboundary situation and findings."""
    base = ("countries", code)
    cited: list[tuple[tuple, dict[str, Any]]] = []
    agencies = country.get("agencies", {})
    cited += [((*base, "agencies", key), item) for key, item in agencies.items()]

    def check_area(path: tuple, area: str) -> None:
        if area not in areas:
            error(path, f"unknown working area '{area}'", f"use one of: {', '.join(areas)} (data/working-areas.yml)")

    for index, act in enumerate(country.get("legal_basis", [])):
        path = (*base, "legal_basis", index)
        cited.append((path, act))
        for a_index, area in enumerate(act["areas"]):
            check_area((*path, "areas", a_index), area)
    for area, entry in country.get("bodies", {}).items():
        path = (*base, "bodies", area)
        cited.append((path, entry))
        check_area(path, area)
        for a_index, ref in enumerate(entry["agencies"]):
            if ref not in agencies:
                known = ", ".join(agencies) or "none yet"
                error((*path, "agencies", a_index), f"unknown authority '{ref}'",
                      f"add it under countries.{code}.agencies or use one of: {known}")
    transboundary = country.get("transboundary", {})
    neighbours = [*data["countries"], *data.get("partners", {})]
    for index, river in enumerate(transboundary.get("rivers", [])):
        path = (*base, "transboundary", "rivers", index)
        cited.append((path, river))
        if river["basin"] not in data["basins"]:
            error((*path, "basin"), f"unknown basin '{river['basin']}'",
                  f"add it under basins: or use one of: {', '.join(data['basins'])}")
    for index, neighbour in enumerate(transboundary.get("neighbours", [])):
        path = (*base, "transboundary", "neighbours", index)
        cited.append((path, neighbour))
        if neighbour["country"] not in neighbours or neighbour["country"] == code:
            error((*path, "country"), f"unknown neighbour '{neighbour['country']}'",
                  f"add it under partners: or use one of: {', '.join(c for c in neighbours if c != code)}")
    for index, site in enumerate(transboundary.get("sites", [])):
        cited.append(((*base, "transboundary", "sites", index), site))
    cited += [((*base, "findings", index), f) for index, f in enumerate(country.get("findings", []))]
    for path, item in cited:
        if item["source"] not in sources:
            error((*path, "source"), f"unknown source '{item['source']}'",
                  f"add it to data/sources.yml or use one of: {', '.join(sources)}")
        if start_of(item["as_of"]) > today:
            error((*path, "as_of"), f"as_of {item['as_of']} is in the future",
                  "use the date on which the source states the fact")


def _check_form(document: YamlDocument) -> list[GuideError]:
    """Field ids are unique across sections, and `after` names an earlier date field."""
    errors = []
    seen: dict[str, str] = {}
    for s_index, section in enumerate(document.data["sections"]):
        for f_index, field in enumerate(section["fields"]):
            path = ("sections", s_index, "fields", f_index)
            if field["id"] in seen:
                errors.append(GuideError(document.display_name, document.line_of((*path, "id")),
                                         format_key_path((*path, "id")), f"duplicate field id '{field['id']}'",
                                         "give each field its own id"))
            after = field.get("after")
            if after is not None and seen.get(after) != "date":
                errors.append(GuideError(document.display_name, document.line_of((*path, "after")),
                                         format_key_path((*path, "after")),
                                         f"'{after}' is not an earlier date field", "name a date field above this one"))
            seen[field["id"]] = field["type"]
    return errors


def _check_unique_ids(document: YamlDocument, lists: tuple[str, ...], key: str = "id") -> list[GuideError]:
    errors = []
    for list_name in lists:
        seen: dict[str, int] = {}
        for index, item in enumerate(document.data[list_name]):
            value = str(item[key])
            if value in seen:
                errors.append(GuideError(
                    document.display_name, document.line_of((list_name, index, key)),
                    format_key_path((list_name, index, key)),
                    f"duplicate {key} '{value}' (also {list_name}[{seen[value]}])", f"give each entry its own {key}",
                ))
            seen.setdefault(value, index)
    return errors


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
            **_profile(raw, sources),
        )
        for code, raw in raw_countries["countries"].items()
    }
    ui = UiStrings({key: _localized(raw) for key, raw in documents["ui.yml"].data.items()})
    working_areas = tuple(
        WorkingArea(id=raw["id"], name=_localized(raw["name"]), chapter=raw["chapter"])
        for raw in documents["working-areas.yml"].data["areas"]
    )
    return GuideData(
        countries=countries, basins=basins, sources=sources, ui=ui,
        annexes=tuple(_annex(raw, sources) for raw in documents["annexes.yml"].data["annexes"]),
        annex_i=_annex_i(documents["annex-i.yml"].data, sources),
        glossary=tuple(_term(raw) for raw in documents["glossary.yml"].data["terms"]),
        abbreviations=tuple(_abbreviation(raw) for raw in documents["glossary.yml"].data["abbreviations"]),
        notification=tuple(_section(raw) for raw in documents["notification.yml"].data["sections"]),
        working_areas=working_areas,
        benchmarks=_benchmarks(documents["benchmarks.yml"].data, working_areas, sources),
        partners={code: _localized(raw["name"]) for code, raw in raw_countries.get("partners", {}).items()},
        map_outlines=_outlines(documents["map-outlines.yml"].data),
        project=_project(documents["project.yml"].data, sources),
    )


def _benchmarks(raw: dict[str, Any], working_areas: tuple[WorkingArea, ...], sources: dict[str, Source]) -> Benchmarks:
    by_id = {area.id: area for area in working_areas}

    def indicator(area: str, item: dict[str, Any]) -> Indicator:
        chapter, _, anchor = item["chapter"].partition("#")
        return Indicator(
            id=item["id"], area=area, text=_localized(item["text"]),
            articles=tuple(str(a) for a in item["articles"]), chapter=chapter, anchor=anchor or None,
            source=item["source"]["key"], paragraph=item["source"].get("paragraph"),
            criteria=tuple(_localized(c) for c in item.get("criteria", ())),
            unconfirmed=item.get("status") == "unconfirmed",
        )

    return Benchmarks(
        document=sources[raw["document"]],
        scale=tuple(Level(s["level"], _localized(s["label"]), _localized(s.get("description"))) for s in raw["scale"]),
        areas=tuple(
            BenchmarkArea(area=by_id[a["area"]], indicators=tuple(indicator(a["area"], i) for i in a["indicators"]))
            for a in raw["areas"]
        ),
    )


def _project(raw: dict[str, Any], sources: dict[str, Source]) -> Project:
    def details(d: dict[str, Any] | None) -> EventDetails | None:
        if d is None:
            return None
        return EventDetails(
            participants=_localized(d["participants"]),
            outcomes=tuple(_localized(o) for o in d["outcomes"]),
            partners=tuple(_localized(p) for p in d.get("partners", ())),
            experts=_localized(d.get("experts")),
        )

    events = tuple(
        ProjectEvent(
            id=e["id"], start=e["start"], end=e.get("end"), title=_localized(e["title"]),
            source=sources[e["source"]], place=_localized(e.get("place")), summary=_localized(e.get("summary")),
            note=_localized(e.get("note")), details=details(e.get("details")),
            details_source=sources[e["details_source"]] if "details_source" in e else None,
        )
        for e in raw["events"]
    )
    resources = tuple(
        Resource(
            id=r["id"], kind=r["kind"], title=_localized(r["title"]), description=_localized(r["description"]),
            source=sources[r["source"]], symbol=r.get("symbol"), languages=tuple(r.get("languages", ())),
            url=r.get("url"), unconfirmed=r.get("status") == "unconfirmed", note=_localized(r.get("note")),
        )
        for r in raw["resources"]
    )
    s = raw["secretariat"]
    secretary = s.get("secretary")
    secretariat = Secretariat(
        name=_localized(s["name"]), address=_localized(s["address"]), web=s["web"], source=sources[s["source"]],
        as_of=s["as_of"], phone=s.get("phone"), email=s.get("email"),
        secretary=_localized(secretary["name"]) if secretary else None,
        secretary_as_of=secretary["as_of"] if secretary else None,
        secretary_source=sources[secretary["source"]] if secretary else None,
    )
    return Project(events=events, resources=resources, secretariat=secretariat)


def _cite(raw: dict[str, Any], sources: dict[str, Source]) -> Citation:
    return Citation(source=sources[raw["source"]], as_of=raw["as_of"],
                    unconfirmed=raw.get("status") == "unconfirmed", note=_localized(raw.get("note")))


def _profile(raw: dict[str, Any], sources: dict[str, Source]) -> dict[str, Any]:
    """The profile sections of one country (legal basis, bodies, transboundary, findings)."""
    agencies = {
        key: Agency(key=key, name=_localized(a["name"]), cite=_cite(a, sources))
        for key, a in raw.get("agencies", {}).items()
    }
    transboundary = raw.get("transboundary", {})
    return {
        "agencies": agencies,
        "legal_basis": tuple(
            LegalAct(title=_localized(a["title"]), year=a["year"], kind=a["kind"], areas=tuple(a["areas"]),
                     cite=_cite(a, sources), number=a.get("number"))
            for a in raw.get("legal_basis", [])
        ),
        "bodies": {
            area: AreaBodies(area=area, agencies=tuple(agencies[k] for k in b["agencies"]), cite=_cite(b, sources))
            for area, b in raw.get("bodies", {}).items()
        },
        "transboundary": Transboundary(
            rivers=tuple(RiverLink(r["basin"], _localized(r["position"]), _cite(r, sources))
                         for r in transboundary.get("rivers", [])),
            neighbours=tuple(Neighbour(n["country"], _localized(n["link"]), _cite(n, sources))
                             for n in transboundary.get("neighbours", [])),
            sites=tuple(HazardSite(_localized(s["name"]), _localized(s["text"]), _cite(s, sources))
                        for s in transboundary.get("sites", [])),
        ),
        "findings": tuple(
            Finding(text=_localized(f["text"]), cite=_cite(f, sources), year=f.get("year"))
            for f in raw.get("findings", [])
        ),
    }


def _section(raw: dict[str, Any]) -> FormSection:
    return FormSection(
        id=raw["id"], title=_localized(raw["title"]),
        fields=tuple(
            FormField(
                id=f["id"], type=f["type"], required=f["required"], label=_localized(f["label"]),
                guidance=_localized(f["guidance"]), unit=_localized(f.get("unit")), after=f.get("after"),
                autofill=f.get("autofill"),
                options=tuple(FormOption(o["value"], _localized(o["label"])) for o in f.get("options", ())),
            )
            for f in raw["fields"]
        ),
    )


def _outlines(raw: dict[str, Any]) -> MapOutlines:
    return MapOutlines(
        view_box=raw["view_box"],
        countries={code: ((c["label"][0], c["label"][1]), tuple(c["paths"])) for code, c in raw["countries"].items()},
        context={code: tuple(paths) for code, paths in raw.get("context", {}).items()},
    )


def _annex(raw: dict[str, Any], sources: dict[str, Source]) -> Annex:
    return Annex(
        number=raw["number"], title=_localized(raw["title"]),
        ru_title_unconfirmed=raw.get("ru_title_status") == "unconfirmed",
        articles=tuple(raw["articles"]), chapter=raw["chapter"],
        content_source=sources[raw["content_source"]] if "content_source" in raw else None,
    )


def _annex_i(raw: dict[str, Any], sources: dict[str, Source]) -> tuple[AnnexI, ...]:
    def rows(version: dict[str, Any], part: str) -> tuple[ThresholdRow, ...]:
        return tuple(
            ThresholdRow(id=row["id"], name=_localized(row["name"]), tonnes=tuple(row["tonnes"]),
                         unconfirmed=row.get("status") == "unconfirmed", note=_localized(row.get("note")))
            for row in version[part]
        )

    def source(version: dict[str, Any], key: str) -> Source | None:
        return sources[version[key]] if key in version else None

    return tuple(
        AnnexI(
            id=v["id"], label=_localized(v["label"]), effective_from=v["effective_from"],
            effective_source=sources[v["effective_source"]], source=sources[v["source"]],
            part_i_caption=_localized(v["captions"]["part_i"]), part_ii_caption=_localized(v["captions"]["part_ii"]),
            part_i=rows(v, "part_i"), part_ii=rows(v, "part_ii"),
            adopted_at=_localized(v.get("adopted_at")), adoption_source=source(v, "adoption_source"),
            superseded_on=v.get("superseded_on"), superseded_source=source(v, "superseded_source"),
            central_asia_parties=tuple(v.get("central_asia_parties", ())), parties_source=source(v, "parties_source"),
            criteria=_localized(v.get("criteria")), omitted=_localized(v.get("omitted")),
            translation_note=_localized(v.get("translation_note")),
        )
        for v in raw["versions"]
    )


def _term(raw: dict[str, Any]) -> GlossaryTerm:
    return GlossaryTerm(
        id=raw["id"],
        en=GlossaryEntry(raw["en"]["term"], raw["en"]["definition"]),
        ru=GlossaryEntry(raw["ru"]["term"], raw["ru"]["definition"]),
        reference=_localized(raw.get("reference")),
        avoid_ru=tuple(raw.get("avoid_ru", ())),
        ru_unconfirmed=raw.get("ru_status") == "unconfirmed",
        ru_variants=tuple(raw.get("ru_variants", ())),
    )


def _abbreviation(raw: dict[str, Any]) -> Abbreviation:
    languages = [lang for lang in ("en", "ru") if lang in raw]
    return Abbreviation(
        id=raw["id"],
        short={lang: raw[lang]["short"] for lang in languages},
        full={lang: raw[lang]["full"] for lang in languages},
    )


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
