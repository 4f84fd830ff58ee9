"""Language data: loaded from package files once, validated, shared by every step.

Rules change more often than code, so gazetteers, role titles, triggers and patterns
live as YAML/TSV under `extractor/data/`; a malformed file fails here, loudly, at load.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OrgHead(_Strict):
    words: list[str]
    kind: Literal["correctional_facility", "government", "company", "education", "community", "other"]
    tail: Literal["facility", "proper", "place", "none"]
    short: Optional[str] = None
    min_tail: int = 0
    named_business: bool = False
    venue: bool = False                  # "Masjid X": a body's name, or a building after "di"
    sub_unit: bool = False               # "LPPM Universitas X": the parent named inside is an org too


class OrgData(_Strict):
    heads: list[OrgHead]
    name_stop_words: list[str]
    name_connectors: list[str]
    facility_categories: list[str]
    facility_classes: list[str]
    generic_phrases: list[str]
    title_stop_words: list[str]
    head_patterns: list[dict]
    legal_forms: list[str]
    business_suffixes: list[str]
    partner_contexts: list[str]
    coordinators: list[str] = []         # "Lapas X bersama Dompet Dhuafa": a conjunct of an organization
    venue_cues: list[str] = []           # "di Masjid X": a building, not an organization
    closing_suffixes: list[str] = []     # "Tbk.": ends a company's name
    distributive_prefixes: list[str] = []  # "Lapas se-Nusakambangan": no one facility


class Role(_Strict):
    title: str
    aliases: list[str]
    org_head: Optional[str] = None
    takes_org: bool = False
    facility_role: bool = False
    credit: bool = False


class RoleData(_Strict):
    roles: list[Role]
    role_prefixes: list[str]
    unit_words: list[str]
    unit_stems: list[str] = []           # "Binapigiatja": a word holding one names a unit
    title_typos: dict[str, str] = {}     # "Kapala" -> "Kepala": misspelt title words
    agency_words: list[str] = []         # "Lapas X melalui Kabid ...": the role is the Lapas's
    companion_words: list[str] = []      # "A, bersama Manajer ..., B": B serves A's organization
    org_prepositions: list[str] = []     # "pelatih dari UMKM tersebut": the UMKM named before
    demonstratives: list[str] = []

    @field_validator("roles")
    @classmethod
    def _aliases_unique(cls, roles: list[Role]) -> list[Role]:
        seen: dict[str, str] = {}
        for role in roles:
            for alias in role.aliases:
                key = alias.lower()
                if key in seen and seen[key] != role.title:
                    raise ValueError(f"role alias {alias!r} names both {seen[key]!r} and {role.title!r}")
                seen[key] = role.title
        return roles


class Honorifics(_Strict):
    prefixes: list[str]
    degrees: list[str]
    name_particles: list[str] = []
    name_openers: list[str] = []         # "I Putu ...": Balinese name openers, not counted in a name's length
    address_words: list[str] = []        # "Bapak", "Ibu": forms of address, never ranks


class ProductData(_Strict):
    heads: list[str]
    known: list[str]
    contexts: list[str]
    needs_modifier: list[str]
    stop_words: list[str]
    material_words: list[str]
    not_products: list[str]
    list_markers: list[str] = []          # "yaitu", "antara lain": a list of goods may follow
    list_triggers: list[str] = []         # generic goods words that may open such a list ("produk", "karya")
    list_blockers: list[str] = []         # what is listed is no good ("peralatan seperti oven")
    list_enders: list[str] = []           # an item starting with one ends the list ("jenis lainnya")
    range_separators: list[str] = []      # "mulai dari X hingga Y"
    classifiers: list[str] = []           # "50 buah gantungan kunci"
    number_words: list[str] = []          # "10 ribu pasang"
    head_blockers: dict[str, list[str]] = {}  # "tahu cara" (to know), not tofu
    material_intros: list[str] = []       # "berbahan manik-manik": an input, not a good
    leading_fillers: list[str] = []       # "aneka kue kering" is "kue kering"
    variants: dict[str, str] = {}         # spelling variants counted as one product ("cabe" = "cabai")
    adjective_heads: list[str] = []       # "seragam" is also "uniform" ("ukuran seragam"): a good only as a noun
    farming_words: list[str] = []         # "perikanan lele": the head after one is raised by inmates
    field_words: list[str] = []           # "bidang keahlian": a list that names them lists skills, not goods
    item_openers: list[str] = []          # "produksi bola sepak" as a list item: the good after the word
    input_prefixes: list[str] = []        # "bibit ikan lele" beside "ikan lele": the input of that good


class Modality(_Strict):
    planned_forward: list[str]
    planned_backward: list[str]
    hope: list[str]
    continuation: list[str]
    condition: list[str]
    done: list[str]
    planned_exceptions: dict[str, list[str]] = Field(default_factory=dict)
    continuation_exceptions: list[str] = Field(default_factory=list)
    result_verbs: list[str] = Field(default_factory=list)
    before: list[str] = Field(default_factory=list)
    passive_signing: list[str] = Field(default_factory=list)
    effect_words: list[str] = Field(default_factory=list)
    effect_adverbs: list[str] = Field(default_factory=list)
    start_words: list[str] = Field(default_factory=list)
    follow_up: list[str] = Field(default_factory=list)  # "menindaklanjuti PKS": that agreement is past
    follow_up_links: list[str] = Field(default_factory=list)
    today: str = "hari ini"


class VisitCues(_Strict):
    receive: list[str]
    go: list[str]
    noun: list[str]
    host_markers: list[str]
    anaphora: list[str] = Field(default_factory=list)
    partner_group_words: list[str] = Field(default_factory=list)
    inverted: list[str] = Field(default_factory=list)
    back_reference: list[str] = Field(default_factory=list)


class CueData(_Strict):
    stages: dict[Literal["penjajakan", "naskah", "monitoring", "pelaksanaan"], list[str]]
    needs_partner_in_sentence: list[str]
    activities: dict[Literal["pelatihan", "produksi", "pemasaran"], list[str]]
    visits: VisitCues
    modality: Modality
    agreement_documents: list[str] = Field(default_factory=list)
    agreement_making_words: list[str] = Field(default_factory=list)
    internal_units: list[str] = Field(default_factory=list)
    contact_cues: list[str] = Field(default_factory=list)
    group_counts: list[str] = Field(default_factory=list)
    group_count_prepositions: list[str] = Field(default_factory=list)
    cooperation_referents: list[str] = Field(default_factory=list)
    running_verbs: list[str] = Field(default_factory=list)
    speaker_body_words: list[str] = Field(default_factory=list)
    both_parties: list[str] = Field(default_factory=list)  # "kedua instansi": the agreement's two sides
    cooperation_named: list[str] = Field(default_factory=list)
    sale_prepositions: list[str] = Field(default_factory=list)


class DateData(_Strict):
    months: dict[int, list[str]]
    weekdays: dict[int, list[str]]
    zones: dict[str, str]
    joiners: list[str]
    timestamp_words: list[str]
    time_words_pattern: str
    range_joiner_pattern: str
    list_joiner_pattern: str
    date_lead_pattern: str
    weekday_date_joiner_pattern: str
    dateparser: dict

    @field_validator("time_words_pattern", "range_joiner_pattern", "list_joiner_pattern", "date_lead_pattern",
                     "weekday_date_joiner_pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        return _regex(pattern)


class Place(_Strict):
    name: str
    level: str
    parent: str


class Grammar(_Strict):
    speech_verbs: list[str]
    apposition: list[str]
    not_person_words: list[str]
    bare_facility_heads: list[str]
    clause_breaks: list[str]
    visit_anaphora: list[str]
    generic_cooperation: list[str]
    new_cooperation_words: list[str]
    not_planned_before: list[str]
    supervisor_pattern: str
    location_cues: list[str]
    location_never: list[str]
    address_words: list[str]
    place_nouns: list[str] = []          # "Desa X", "kawasan X": X is a place, known or not
    event_date_words: list[str]
    short_words: list[str]
    verb_prefixes: list[str]
    noun_circumfixes: list[str] = []     # "ke-an": "Keputusan", "Kemandirian" are nouns, not names
    credit_labels: list[str]
    author_labels: list[str]
    outlet_words: list[str]
    place_level_words: list[str]
    strong_place_levels: list[Literal["provinsi", "kabupaten", "kota", "pulau", "negara", "kecamatan"]]
    unit_objects: list[str]
    title_verb_prefixes: list[str]
    cooperation_first_words: list[str]
    cooperation_second_words: list[str]
    list_conjunctions: list[str]
    name_conjunctions: list[str]
    product_conjunctions: list[str]
    member_list_cues: dict[str, list[str]]
    credit_group_prefixes: list[str]
    class_words: list[str]
    name_function_words: list[str]
    long_form_heads: list[str]
    acting_prefixes: list[str]
    bare_head_titles: list[str]
    own_facility_heads: list[str]
    not_speaker_titles: list[str]
    credit_titles: dict[str, str]
    posted_by_words: list[str]
    outlet_suffixes: list[str]
    signoff_marks: list[str] = []        # "/red", "/ril": editorial marks, not part of the author
    visit_place_prepositions: list[str]
    facility_staff_titles: list[str]

    @field_validator("supervisor_pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        return _regex(pattern)

    @field_validator("credit_group_prefixes")
    @classmethod
    def _lower_case(cls, words: list[str]) -> list[str]:
        if any(w != w.lower() for w in words):
            raise ValueError(f"credit_group_prefixes are compared with lower-cased words: {words}")
        return words

    @field_validator("posted_by_words", "title_verb_prefixes", "class_words", "acting_prefixes")
    @classmethod
    def _not_empty(cls, words: list[str]) -> list[str]:
        if not words or not all(words):
            raise ValueError("an empty list or word would make the pattern built from it match anything")
        return words


def _regex(pattern: str) -> str:
    """A pattern from a data file must compile (and fail here, at load, if it does not)."""
    try:
        re.compile(pattern)
    except re.error as err:
        raise ValueError(f"bad regular expression {pattern!r}: {err}") from None
    return pattern


class LanguageData(_Strict):
    indonesian_function_words: list[str]
    other_language_words: list[str]
    min_function_word_share: float
    stray_characters: dict[str, str] = {}
    min_words: int


def _text(name: str) -> str:
    return resources.files("extractor").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _yaml(name: str) -> dict:
    return yaml.safe_load(_text(name))


@lru_cache(maxsize=None)
def organizations() -> OrgData:
    return OrgData.model_validate(_yaml("org_heads.yaml"))


@lru_cache(maxsize=None)
def roles() -> RoleData:
    return RoleData.model_validate(_yaml("roles.yaml"))


@lru_cache(maxsize=None)
def honorifics() -> Honorifics:
    return Honorifics.model_validate(_yaml("honorifics.yaml"))


@lru_cache(maxsize=None)
def products() -> ProductData:
    return ProductData.model_validate(_yaml("products.yaml"))


@lru_cache(maxsize=None)
def cues() -> CueData:
    return CueData.model_validate(_yaml("cues.yaml"))


@lru_cache(maxsize=None)
def dates() -> DateData:
    return DateData.model_validate(_yaml("dates.yaml"))


@lru_cache(maxsize=None)
def grammar() -> Grammar:
    return Grammar.model_validate(_yaml("grammar.yaml"))


@lru_cache(maxsize=None)
def language() -> LanguageData:
    return LanguageData.model_validate(_yaml("language.yaml"))


@lru_cache(maxsize=None)
def places() -> tuple[Place, ...]:
    rows: list[Place] = []
    for name in ("places.tsv", "places_extra.tsv"):
        reader = csv.DictReader(_text(name).splitlines(), delimiter="\t")
        rows.extend(Place(name=r["name"], level=r["level"], parent=r["parent"] or "") for r in reader)
    return tuple(rows)


@lru_cache(maxsize=None)
def place_names() -> dict[str, str]:
    """Place name -> its highest level (provinsi over kabupaten over kecamatan)."""
    out: dict[str, str] = {}
    rank = {"provinsi": 0, "kabupaten": 1, "kota": 1, "pulau": 2, "negara": 2, "kecamatan": 3}
    for place in places():
        old = out.get(place.name)
        if old is None or rank.get(place.level, 9) < rank.get(old, 9):
            out[place.name] = place.level
    return out


@lru_cache(maxsize=None)
def place_keys() -> frozenset[str]:
    """Place names folded ("Tanjung Pinang" = "Tanjungpinang" = "TANJUNGPINANG")."""
    return frozenset(fold_place(name) for name in place_names())


@lru_cache(maxsize=65_536)
def fold_place(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


@lru_cache(maxsize=None)
def tokenizer_exceptions() -> tuple[str, ...]:
    lines = (line.strip() for line in _text("tokenizer_exceptions.txt").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=None)
def abbreviations() -> dict[str, str]:
    """Short form -> long form, shared by extraction and evaluation so they cannot drift."""
    reader = csv.DictReader(_text("abbreviations.tsv").splitlines(), delimiter="\t")
    return {row["short"].lower(): row["long"] for row in reader}


def load_all() -> None:
    """Load and validate every data file (used by tests and at pipeline build)."""
    for loader in (organizations, roles, honorifics, products, cues, dates, places,
                   tokenizer_exceptions, abbreviations, language, grammar):
        loader()
