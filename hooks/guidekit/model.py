"""Typed, read-only view of the validated data, so renderers never touch raw dictionaries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from .cases import CaseStudy
    from .translation import PairRow

LANGUAGES = ("en", "ru")


@dataclass(frozen=True)
class Localized:
    """A text in every language of the site."""

    en: str
    ru: str

    def in_(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en


@dataclass(frozen=True)
class Source:
    key: str
    title: Localized
    url: str | None
    date: str


@dataclass(frozen=True)
class Authority:
    name: Localized
    role: Localized | None = None
    unconfirmed: bool = False
    note: Localized | None = None


@dataclass(frozen=True)
class Fact:
    """One country fact with its provenance."""

    name: str
    value: Any
    source: Source
    as_of: str
    unconfirmed: bool = False
    note: Localized | None = None


@dataclass(frozen=True)
class Basin:
    key: str
    name: Localized


@dataclass(frozen=True)
class Citation:
    """Where an item of a profile comes from, and whether it could be verified."""

    source: Source
    as_of: str
    unconfirmed: bool = False
    note: Localized | None = None


@dataclass(frozen=True)
class Agency:
    key: str
    name: Localized
    cite: Citation


@dataclass(frozen=True)
class LegalAct:
    """A national law or other act on industrial safety or emergencies."""

    title: Localized
    year: str
    kind: str                       # law, code, decree, resolution, agreement
    areas: tuple[str, ...]          # working-area ids the act governs
    cite: Citation
    number: str | None = None


@dataclass(frozen=True)
class AreaBodies:
    """The bodies responsible for one working area in one country."""

    area: str
    agencies: tuple[Agency, ...]
    cite: Citation


@dataclass(frozen=True)
class RiverLink:
    basin: str
    position: Localized
    cite: Citation


@dataclass(frozen=True)
class Neighbour:
    country: str                    # a code of countries or partners
    link: Localized
    cite: Citation


@dataclass(frozen=True)
class HazardSite:
    name: Localized
    text: Localized
    cite: Citation


@dataclass(frozen=True)
class Finding:
    text: Localized
    cite: Citation
    year: str | None = None


@dataclass(frozen=True)
class Transboundary:
    rivers: tuple[RiverLink, ...] = ()
    neighbours: tuple[Neighbour, ...] = ()
    sites: tuple[HazardSite, ...] = ()


@dataclass(frozen=True)
class Country:
    code: str
    name: Localized
    official_name: Localized
    iso3: str
    page: str
    facts: Mapping[str, Fact]
    agencies: Mapping[str, Agency] = field(default_factory=dict)
    legal_basis: tuple[LegalAct, ...] = ()
    bodies: Mapping[str, AreaBodies] = field(default_factory=dict)   # area id → bodies
    transboundary: Transboundary = Transboundary()
    findings: tuple[Finding, ...] = ()

    @property
    def is_party(self) -> bool:
        return self.facts["convention_status"].value == "party"

    def fact(self, name: str) -> Fact | None:
        return self.facts.get(name)


@dataclass(frozen=True)
class UiStrings:
    """Interface strings by key, in every language."""

    strings: Mapping[str, Localized]

    def get(self, key: str, lang: str) -> str:
        try:
            return self.strings[key].in_(lang)
        except KeyError:
            raise KeyError(f"interface string '{key}' is missing from data/ui.yml") from None

    def has(self, key: str) -> bool:
        return key in self.strings


@dataclass(frozen=True)
class Annex:
    number: str
    title: Localized
    ru_title_unconfirmed: bool
    articles: tuple[int, ...]
    chapter: str
    content_source: Source | None = None   # the text in which the annex's content was read


@dataclass(frozen=True)
class ThresholdRow:
    id: str
    name: Localized
    tonnes: tuple[float, ...]
    unconfirmed: bool = False
    note: Localized | None = None


@dataclass(frozen=True)
class AnnexI:
    """One dated version of the Annex I tables."""

    id: str
    label: Localized
    effective_from: str
    effective_source: Source
    source: Source
    part_i_caption: Localized
    part_ii_caption: Localized
    part_i: tuple[ThresholdRow, ...]
    part_ii: tuple[ThresholdRow, ...]
    adopted_at: Localized | None = None
    adoption_source: Source | None = None
    superseded_on: str | None = None
    superseded_source: Source | None = None
    central_asia_parties: tuple[str, ...] = ()
    parties_source: Source | None = None
    criteria: Localized | None = None
    omitted: Localized | None = None
    translation_note: Localized | None = None

    @property
    def current(self) -> bool:
        return self.superseded_on is None


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    en: GlossaryEntry
    ru: GlossaryEntry
    reference: Localized | None
    avoid_ru: tuple[str, ...]
    ru_unconfirmed: bool
    ru_variants: tuple[str, ...] = ()

    def in_(self, lang: str) -> GlossaryEntry:
        return self.ru if lang == "ru" else self.en


@dataclass(frozen=True)
class Abbreviation:
    id: str
    short: Mapping[str, str]   # language → abbreviation; a language may have none
    full: Mapping[str, str]


@dataclass(frozen=True)
class FormOption:
    value: str
    label: Localized


@dataclass(frozen=True)
class FormField:
    id: str
    type: str
    required: bool
    label: Localized
    guidance: Localized
    unit: Localized | None = None
    after: str | None = None
    autofill: str | None = None
    options: tuple[FormOption, ...] = ()


@dataclass(frozen=True)
class FormSection:
    id: str
    title: Localized
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class WorkingArea:
    id: str
    name: Localized
    chapter: str


@dataclass(frozen=True)
class MapOutlines:
    view_box: str
    countries: Mapping[str, tuple[tuple[float, float], tuple[str, ...]]]   # code → (label x/y, paths)
    context: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Level:
    """One step of the Benchmarks' assessment scale (lowest first)."""

    level: int
    label: Localized
    description: Localized | None = None


@dataclass(frozen=True)
class Indicator:
    """One indicator of the Benchmarks; ``id`` is stable and language-independent (autosave keys)."""

    id: str
    area: str                       # an id of data/working-areas.yml
    text: Localized
    articles: tuple[str, ...]
    chapter: str                    # docs-relative page, e.g. guide/identification.md
    anchor: str | None              # heading id on that page, the same in both languages
    source: str                     # key of data/sources.yml
    paragraph: str | None = None
    criteria: tuple[Localized, ...] = ()
    unconfirmed: bool = False


@dataclass(frozen=True)
class BenchmarkArea:
    area: WorkingArea
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Benchmarks:
    """The Benchmarks' indicators per working area (data/benchmarks.yml)."""

    document: Source
    scale: tuple[Level, ...]
    areas: tuple[BenchmarkArea, ...]

    @property
    def max_level(self) -> int:
        return self.scale[-1].level

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for area in self.areas for i in area.indicators)


@dataclass(frozen=True)
class EventDetails:
    participants: Localized
    outcomes: tuple[Localized, ...]
    partners: tuple[Localized, ...] = ()
    experts: Localized | None = None


@dataclass(frozen=True)
class ProjectEvent:
    """A dated step of the 2016–2019 Central Asia project (or a meeting that shaped it)."""

    id: str
    start: str
    title: Localized
    source: Source
    end: str | None = None
    place: Localized | None = None
    summary: Localized | None = None
    note: Localized | None = None
    details: EventDetails | None = None
    details_source: Source | None = None


@dataclass(frozen=True)
class Resource:
    """A training, online tool or publication the Guide recommends."""

    id: str
    kind: str
    title: Localized
    description: Localized
    source: Source
    symbol: str | None = None
    languages: tuple[str, ...] = ()
    url: str | None = None
    unconfirmed: bool = False
    note: Localized | None = None


@dataclass(frozen=True)
class Secretariat:
    name: Localized
    address: Localized
    web: str
    source: Source
    as_of: str
    phone: str | None = None
    email: str | None = None
    secretary: Localized | None = None
    secretary_as_of: str | None = None
    secretary_source: Source | None = None


@dataclass(frozen=True)
class Project:
    events: tuple[ProjectEvent, ...]
    resources: tuple[Resource, ...]
    secretariat: Secretariat

    def event(self, event_id: str) -> ProjectEvent | None:
        return next((e for e in self.events if e.id == event_id), None)


@dataclass(frozen=True)
class GuideData:
    """Everything the renderers need, loaded and validated once per build."""

    countries: Mapping[str, Country]
    basins: Mapping[str, Basin]
    sources: Mapping[str, Source]
    ui: UiStrings
    annexes: tuple[Annex, ...] = ()
    annex_i: tuple[AnnexI, ...] = ()   # newest first
    glossary: tuple[GlossaryTerm, ...] = ()
    abbreviations: tuple[Abbreviation, ...] = ()
    notification: tuple[FormSection, ...] = ()
    working_areas: tuple[WorkingArea, ...] = ()
    partners: Mapping[str, Localized] = None  # type: ignore[assignment]
    map_outlines: MapOutlines | None = None
    benchmarks: Benchmarks | None = None
    benchmark_headings: Mapping[str, Localized] | None = None   # "page.md#id" → heading text (guidekit.benchmarks)
    project: Project | None = None
    cases: tuple[CaseStudy, ...] = ()   # read from the case studies' front matter
    translations: tuple[PairRow, ...] = ()   # translation state of every page pair
    downloads: bool = False   # the build also produces the PDFs and the offline copy

    def country_name(self, code: str) -> Localized:
        """Name of a Central Asian or partner country."""
        if code in self.countries:
            return self.countries[code].name
        return self.partners[code]

    def country(self, code: str) -> Country:
        return self.countries[code]
