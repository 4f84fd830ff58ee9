"""Label Studio round trip: predictions out as tasks, an annotator's edit, the corpus files back."""
from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.labelstudio import (LABELS, ImportStats, draft_record, import_export, labeling_config, locate,
                                   spans_from_results, task_from_record)
from extractor.records import ArticleRecord

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "extractor" / "samples" / "lapas_atambua_tenun.txt"

TEXT = ("Kepala Lapas Kelas IIA Purwokerto, Aliandra Harahap, menerima CV. Rajasa Mas Jaya di Purwokerto "
        "pada Kamis (31/07/2025) untuk membahas produksi tikar anyaman.")


def ev(s: str, nth: int = 0) -> dict:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(s, i + 1)
    return {"start": i, "end": i + len(s), "text": s}


def record() -> dict:
    return {
        "schema_version": "1",
        "article": {"id": "t1", "source": "t1.txt", "title": None},
        "organizations": [
            {"name": "Lapas Kelas IIA Purwokerto", "kind": "correctional_facility",
             "evidence": [ev("Lapas Kelas IIA Purwokerto")]},
            {"name": "CV. Rajasa Mas Jaya", "kind": "company", "evidence": [ev("CV. Rajasa Mas Jaya")]}],
        "people": [{"name": "Aliandra Harahap", "role": "Kepala Lapas", "organization": "Lapas Kelas IIA Purwokerto",
                    "evidence": [ev("Aliandra Harahap")]}],
        "locations": [{"name": "Purwokerto", "evidence": [ev("Purwokerto", 1)]}],
        "dates": [{"text": "Kamis (31/07/2025)", "value": "2025-07-31", "evidence": [ev("Kamis (31/07/2025)")]}],
        "products": [{"name": "tikar anyaman", "evidence": [ev("tikar anyaman")]}],
        "visits": [], "partnership_stages": [],
    }


def test_labeling_config():
    root = ET.fromstring(labeling_config())
    labels = root.find("Labels")
    assert labels.get("name") == "label" and labels.get("toName") == "text"
    assert [lbl.get("value") for lbl in labels.findall("Label")] == list(LABELS)
    assert set(LABELS) == {"ORG", "PERSON", "ROLE", "LOC", "DATE", "PRODUCT"}
    assert root.find("Text").get("name") == "text" and root.find("Text").get("value") == "$text"
    assert root.find("Relations/Relation").get("value") == "member_of"


def test_task_from_record():
    role = {"start": 0, "end": 33, "label": "ROLE", "text": TEXT[:33]}
    task = task_from_record(record(), TEXT, roles=[role], model_version="m1")
    assert task["data"] == {"text": TEXT, "id": "t1", "source": "t1.txt"}
    pred = task["predictions"][0]
    assert pred["model_version"] == "m1"
    regions = [r for r in pred["result"] if r["type"] == "labels"]
    for r in regions:
        assert r["from_name"] == "label" and r["to_name"] == "text"
        v = r["value"]
        assert TEXT[v["start"]:v["end"]] == v["text"] and len(v["labels"]) == 1
    got = {(r["value"]["text"], r["value"]["labels"][0]) for r in regions}
    assert got == {("Lapas Kelas IIA Purwokerto", "ORG"), ("CV. Rajasa Mas Jaya", "ORG"), ("Aliandra Harahap", "PERSON"),
                   ("Purwokerto", "LOC"), ("Kamis (31/07/2025)", "DATE"), ("tikar anyaman", "PRODUCT"),
                   (TEXT[:33], "ROLE")}
    assert len({r["id"] for r in regions}) == len(regions)
    rel = [r for r in pred["result"] if r["type"] == "relation"]
    ids = {r["id"]: r["value"]["text"] for r in regions}
    assert [(ids[r["from_id"]], ids[r["to_id"]], r["labels"]) for r in rel] == [
        ("Aliandra Harahap", "Lapas Kelas IIA Purwokerto", ["member_of"])]


def test_locate_repairs_offsets():
    text = "🙂 Rutan Medan dan 🙂 KSU Maju"
    # Python offsets as they are
    assert locate(text, 2, 13, "Rutan Medan") == (2, 13)
    # UTF-16 code units (an emoji counts two), as some Label Studio versions store them
    assert locate(text, 21, 29, "KSU Maju") == (20, 28)
    many = "😀" * 10 + " Maju Maju"  # code points: 11 and 16; UTF-16 units: 21 and 26
    assert locate(many, 21, 25, "Maju") == (11, 15)  # not the occurrence nearest to 21
    # off by a few: the nearest occurrence
    assert locate(text, 5, 16, "Rutan Medan") == (2, 13)
    assert locate(text, 2, 13, "Rutan Jakarta") is None
    assert locate(text, "2", 13, "Rutan Medan") is None


def test_spans_from_results_drops_and_counts():
    stats = ImportStats()
    results = [
        {"id": "a", "type": "labels", "value": {"start": 35, "end": 51, "text": "Aliandra Harahap", "labels": ["PERSON"]}},
        {"id": "b", "type": "labels", "value": {"start": 0, "end": 5, "text": "nothing like it", "labels": ["ORG"]}},
        {"id": "c", "type": "labels", "value": {"start": 0, "end": 6, "text": "Kepala", "labels": ["THING"]}},
        {"id": "d", "type": "labels", "value": {"start": 13, "end": 33, "text": "Kelas IIA Purwokerto", "labels": ["ORG"]}},
        {"type": "relation", "from_id": "a", "to_id": "d", "labels": ["member_of"]},
        {"type": "choices", "value": {"choices": ["x"]}},
    ]
    spans, relations = spans_from_results(TEXT, results, stats, "t1")
    assert [(s["text"], s["label"]) for s in spans] == [("Kelas IIA Purwokerto", "ORG"), ("Aliandra Harahap", "PERSON")]
    assert stats.dropped == 2 and any("THING" in m for m in stats.messages)
    assert [(a["text"], b["text"]) for a, b, _ in relations] == [("Aliandra Harahap", "Kelas IIA Purwokerto")]


def test_draft_record_from_spans():
    spans = [
        {"start": 0, "end": 33, "label": "ROLE", "text": TEXT[:33]},  # "Kepala Lapas Kelas IIA Purwokerto"
        {**ev("Lapas Kelas IIA Purwokerto"), "label": "ORG"},
        {**ev("Aliandra Harahap"), "label": "PERSON"},
        {**ev("CV. Rajasa Mas Jaya"), "label": "ORG"},
        {**ev("Purwokerto", 1), "label": "LOC"},
        {**ev("Kamis (31/07/2025)"), "label": "DATE"},
        {**ev("tikar anyaman"), "label": "PRODUCT"},
    ]
    rec = draft_record("t1", "t1.txt", TEXT, spans, predicted=None)
    ArticleRecord.model_validate(rec)
    assert [(o["name"], o["kind"]) for o in rec["organizations"]] == [
        ("Lapas Kelas IIA Purwokerto", "correctional_facility"), ("CV. Rajasa Mas Jaya", "company")]
    assert rec["people"][0]["name"] == "Aliandra Harahap" and rec["people"][0]["role"] == TEXT[:33]
    assert rec["dates"][0]["text"] == "Kamis (31/07/2025)" and rec["dates"][0]["value"] is None  # no pipeline
    assert rec["visits"] == [] and rec["partnership_stages"] == []


def _annotate(task: dict, edit) -> dict:
    """What an annotator does in Label Studio: start from the predictions, change them, submit."""
    result = json.loads(json.dumps(task["predictions"][0]["result"]))
    edit(result)
    return {**task, "id": 7, "annotations": [
        {"id": 1, "result": [], "was_cancelled": True, "updated_at": "2026-01-03T00:00:00Z"},
        {"id": 2, "result": result, "was_cancelled": False, "updated_at": "2026-01-02T00:00:00Z"},
        {"id": 3, "result": [], "was_cancelled": False, "updated_at": "2026-01-01T00:00:00Z"}]}


def test_round_trip_through_the_cli(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "atambua.txt")
    text = SAMPLE.read_text(encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["labelstudio", "export", str(src), "-o", str(tmp_path / "tasks.json"),
                                 "--config", str(tmp_path / "config.xml")])
    assert result.exit_code == 0, result.output
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    assert len(tasks) == 1 and tasks[0]["data"]["text"] == text and tasks[0]["data"]["id"] == "atambua"
    ET.fromstring((tmp_path / "config.xml").read_text())
    regions = [r for r in tasks[0]["predictions"][0]["result"] if r["type"] == "labels"]
    assert {r["value"]["labels"][0] for r in regions} >= {"ORG", "PERSON", "ROLE", "DATE", "PRODUCT"}

    # the annotator widens "Koperasi Bife Naek" in the title to a wrong-looking span and fixes it,
    # relabels a product, and deletes a DATE region
    target = next(r for r in regions if r["value"]["text"] == "Koperasi Bife Naek")
    old = (target["value"]["start"], target["value"]["end"])
    new_start = text.index("dengan Koperasi Bife Naek")

    def edit(result):
        for r in result:
            if r.get("id") == target["id"]:
                r["value"].update(start=new_start, text=text[new_start:old[1]])
                r["value"]["labels"] = ["ORG"]
        dates = [r for r in result if r["type"] == "labels" and r["value"]["labels"] == ["DATE"]]
        result.remove(dates[0])
        result.append({"id": "new1", "from_name": "label", "to_name": "text", "type": "labels",
                       "value": {"start": text.index("Atambua"), "end": text.index("Atambua") + 7,
                                 "text": "Atambua", "labels": ["LOC"]}})

    export = [_annotate(tasks[0], edit), {"data": {"text": "belum dilabeli", "id": "x2"}, "annotations": []}]
    (tmp_path / "export.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "corpus"
    result = runner.invoke(app, ["labelstudio", "import", str(tmp_path / "export.json"), "-o", str(out)])
    assert result.exit_code == 1  # one task had no annotation: said, and skipped
    assert "x2: no annotation" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["atambua.gold.json", "atambua.spans.json", "atambua.txt"]
    assert (out / "atambua.txt").read_bytes() == text.encode("utf-8")
    spans = json.loads((out / "atambua.spans.json").read_text())["spans"]
    for s in spans:
        assert text[s["start"]:s["end"]] == s["text"]
    got = {(s["start"], s["end"], s["label"]) for s in spans}
    assert (new_start, old[1], "ORG") in got and (old[0], old[1], "ORG") not in got
    date_count = sum(1 for r in regions if r["value"]["labels"] == ["DATE"])
    assert sum(1 for s in spans if s["label"] == "DATE") == date_count - 1
    assert (text.index("Atambua"), text.index("Atambua") + 7, "LOC") in got
    gold = json.loads((out / "atambua.gold.json").read_text())
    ArticleRecord.model_validate(gold)
    assert gold["article"]["id"] == "atambua" and gold["visits"] == [] and gold["partnership_stages"] == []
    org_names = {o["name"] for o in gold["organizations"]} | {a for o in gold["organizations"] for a in o["aliases"]}
    assert "dengan Koperasi Bife Naek" in org_names
    assert any(d["value"] for d in gold["dates"])  # values from the pipeline where the spans agree


def test_import_rejects_what_is_not_an_export(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(app, ["labelstudio", "import", str(bad), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "not JSON" in result.stderr


def test_import_uses_predictions_only_when_asked(tmp_path):
    task = task_from_record(record(), TEXT)
    (tmp_path / "e.json").write_text(json.dumps([task]), encoding="utf-8")
    stats = import_export(tmp_path / "e.json", tmp_path / "a", use_pipeline=False)
    assert stats.written == 0 and stats.skipped == 1
    stats = import_export(tmp_path / "e.json", tmp_path / "b", use_pipeline=False, use_predictions=True)
    assert stats.written == 1
    spans = json.loads((tmp_path / "b" / "t1.spans.json").read_text())
    assert ["PERSON", "Aliandra Harahap"] in spans["mentions"]
    gold = json.loads((tmp_path / "b" / "t1.gold.json").read_text())
    # the relation carried the person's organization
    assert gold["people"][0]["organization"] == "Lapas Kelas IIA Purwokerto"


@pytest.mark.parametrize("raw,expected", [("a/../b", "a_.._b"), ("../x", "x"), ("", "task")])
def test_ids_are_safe_file_names(raw, expected):
    from extractor.labelstudio import safe_id

    assert safe_id(raw) == expected
