"""Record format v1 as pydantic models: the single source of truth for the output.

The spec's fields come first with the spec's names; what the project adds (evidence,
rule, confidence, warnings) is optional, so gold files without it validate too.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

OrgKind = Literal["correctional_facility", "government", "company", "education", "community", "other"]
Purpose = Literal["monitoring", "penjajakan", "naskah", "pelatihan", "produksi", "pemasaran", "other"]
Stage = Literal["penjajakan", "naskah", "monitoring", "pelaksanaan"]
Status = Literal["done", "planned"]
Activity = Literal["pelatihan", "produksi", "pemasaran"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """Where a fact was read: character offsets into the article text, and why."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    sentence: Optional[int] = Field(None, description="index of the sentence holding the span")
    rule: Optional[str] = Field(None, description="the pattern or rule that produced the fact")


class _Fact(_Model):
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: Optional[float] = Field(None, ge=0, le=1)


class ArticleMeta(_Model):
    id: str
    source: str
    title: Optional[str] = None
    published: Optional[str] = None
    dateline_place: Optional[str] = None
    author: Optional[str] = None
    evidence: dict[str, Evidence] = Field(default_factory=dict, description="field name -> evidence")
    warnings: list[str] = Field(default_factory=list)


class Organization(_Fact):
    name: str
    kind: OrgKind
    aliases: list[str] = Field(default_factory=list)


class Person(_Fact):
    name: str
    role: Optional[str] = None
    organization: Optional[str] = None


class Location(_Fact):
    name: str


class DateMention(_Fact):
    text: str
    value: Optional[str] = None
    weekday_mismatch: Optional[bool] = None


class Product(_Fact):
    name: str


class Visit(_Fact):
    visitor: str
    host: Optional[str] = None
    date: Optional[str] = None
    purposes: list[Purpose] = Field(default_factory=list)


class PartnershipStage(_Fact):
    stage: Stage
    partner: str
    host: Optional[str] = None
    status: Status
    date: Optional[str] = None
    activities: list[Activity] = Field(default_factory=list)
    products: list[str] = Field(default_factory=list)


class ArticleRecord(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    article: ArticleMeta
    organizations: list[Organization] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    visits: list[Visit] = Field(default_factory=list)
    partnership_stages: list[PartnershipStage] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema that `schemas/` ships, generated from the models."""
    schema = ArticleRecord.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "article-record.v1.schema.json"
    return schema
