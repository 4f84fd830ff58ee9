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


def test_a_date_written_twice_is_one_date_with_two_evidences(extract_text):
    text = ("Lapas Kelas IIB Sungailiat Jajaki Kerja Sama Pelatihan Menjahit\n\n"
            "SUNGAILIAT – Lapas Kelas IIB Sungailiat menerima kunjungan CV Maju Bersama pada Rabu (5/10/2022). "
            "Kedua pihak membahas pelatihan menjahit bagi warga binaan.\n\n"
            "Kepala Lapas menyampaikan bahwa pertemuan pada Rabu (5/10/2022) itu menjadi awal penjajakan. "
            "Pelatihan direncanakan dimulai 12 Oktober 2022.")
    record = extract_text(text)
    dates = [(d["text"], d["value"]) for d in record["dates"]]
    assert dates.count(("Rabu (5/10/2022)", "2022-10-05")) == 1
    same = next(d for d in record["dates"] if d["text"] == "Rabu (5/10/2022)")
    assert [text[e["start"]:e["end"]] for e in same["evidence"]] == ["Rabu (5/10/2022)"] * 2
    assert ("12 Oktober 2022", "2022-10-12") in dates
