"""The JSON Schema in schemas/ is generated from the pydantic models and kept current."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.records import ArticleRecord, json_schema

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "article-record.v1.schema.json"


def test_committed_schema_is_generated_from_models():
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: python -m extractor schema -o schemas/article-record.v1.schema.json"


def test_gold_files_validate_against_models():
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "articles"
    files = sorted(corpus.glob("*.gold.json"))
    assert len(files) >= 80
    for f in files:
        ArticleRecord.model_validate_json(f.read_text(encoding="utf-8"))


def test_output_validates_against_committed_schema(extract_text):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    text = (Path(__file__).resolve().parents[1] / "corpus" / "articles" / "c101.txt").read_text(encoding="utf-8")
    jsonschema.validate(extract_text(text), schema)


def test_unknown_fields_are_rejected():
    with pytest.raises(Exception):
        ArticleRecord.model_validate({"article": {"id": "x", "source": "y"}, "bogus": 1})
