"""Partnership timelines across articles: one facility written three ways is one facility."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app
from extractor.records import ArticleRecord
from extractor.timeline import build_timelines, format_text, same_organization

FACILITY_WAYS = ["Lapas Purwokerto", "Lapas Kelas IIA Purwokerto",
                 "Lembaga Pemasyarakatan (Lapas) Kelas IIA Purwokerto"]


def stage(stage: str, partner: str, host, status: str = "done", date=None, text: str = "bukti") -> dict:
    return {"stage": stage, "partner": partner, "host": host, "status": status, "date": date,
            "activities": [], "products": [], "evidence": [{"start": 0, "end": len(text), "text": text}]}


def record(art_id: str, published: str, stages: list[dict], orgs: list[tuple] = ()) -> dict:
    rec = {"schema_version": "1", "article": {"id": art_id, "source": f"{art_id}.txt", "published": published},
           "organizations": [{"name": n, "kind": "correctional_facility" if n.startswith(("Lapas", "Lembaga", "Rutan"))
                              else "company", "aliases": list(a)} for n, *a in orgs],
           "partnership_stages": stages}
    ArticleRecord.model_validate(rec)
    return rec


def records() -> list[dict]:
    # given out of date order, ids not in date order either; partner written three ways
    return [
        record("a9", "2025-09-10", [stage("monitoring", "CV. Rajasa Mas Jaya Cilacap", FACILITY_WAYS[2],
                                          date="2025-09-10", text="monitoring kerja sama"),
                                    stage("pelaksanaan", "CV. Rajasa Mas Jaya Cilacap", FACILITY_WAYS[2],
                                          status="planned", text="akan dilanjutkan")]),
        record("k7", "2025-03-02", [stage("penjajakan", "CV. Rajasa Mas Jaya", FACILITY_WAYS[0], date="2025-03-02",
                                          text="menjajaki kerja sama")]),
        record("b2", "2025-05-20T10:00:00+07:00", [stage("naskah", "CV Rajasa Mas Jaya", FACILITY_WAYS[1],
                                                         date="2025-05-20", text="penandatanganan PKS")]),
        # another facility in the same town, and another partner: separate pairs
        record("c4", "2025-04-01", [stage("penjajakan", "CV. Rajasa Mas Jaya", "Lapas Perempuan Kelas IIB Purwokerto",
                                          date="2025-04-01"),
                                    stage("penjajakan", "UD. Lidi Sejahtera", FACILITY_WAYS[1], date="2025-04-01")]),
    ]


def test_same_organization():
    assert same_organization(FACILITY_WAYS[0], FACILITY_WAYS[1])
    assert same_organization(FACILITY_WAYS[0], FACILITY_WAYS[2])
    assert not same_organization("Lapas Purwokerto", "Lapas Perempuan Kelas IIB Purwokerto")
    assert not same_organization("Lapas Purwokerto", "Rutan Purwokerto")
    assert not same_organization("Lapas Purwokerto", "Lapas Banyumas")
    assert same_organization("CV. Rajasa Mas Jaya", "CV. Rajasa Mas Jaya Cilacap")
    assert not same_organization("CV. Rajasa Mas Jaya", "UD. Lidi Sejahtera")


def test_one_facility_three_ways_in_date_order():
    timelines = build_timelines(records())
    pair = next(p for p in timelines if p["partner"].startswith("CV") and "Perempuan" not in (p["facility"] or ""))
    assert pair["facility"] == "Lembaga Pemasyarakatan (Lapas) Kelas IIA Purwokerto"
    assert pair["facility_names"] == sorted(FACILITY_WAYS)
    assert pair["partner"] == "CV. Rajasa Mas Jaya Cilacap"
    assert set(pair["partner_names"]) == {"CV. Rajasa Mas Jaya", "CV Rajasa Mas Jaya", "CV. Rajasa Mas Jaya Cilacap"}
    assert [(s["article_id"], s["date"], s["stage"], s["status"]) for s in pair["stages"]] == [
        ("k7", "2025-03-02", "penjajakan", "done"),
        ("b2", "2025-05-20", "naskah", "done"),
        ("a9", "2025-09-10", "monitoring", "done"),
        ("a9", None, "pelaksanaan", "planned"),
    ]
    assert pair["articles"] == ["a9", "b2", "k7"]
    assert pair["stages"][0]["evidence"][0]["text"] == "menjajaki kerja sama"
    assert len(timelines) == 3
    others = {(p["facility"], p["partner"]) for p in timelines if p is not pair}
    assert others == {("Lapas Perempuan Kelas IIB Purwokerto", "CV. Rajasa Mas Jaya Cilacap"),
                      ("Lembaga Pemasyarakatan (Lapas) Kelas IIA Purwokerto", "UD. Lidi Sejahtera")}


def test_aliases_join_and_bare_heads_do_not():
    recs = [
        # article a names the facility only "Rutan Medan" in its stage but lists the full name as an alias
        record("a", "2025-01-05", [stage("penjajakan", "KSU Maju", "Rutan Medan", date="2025-01-05")],
               orgs=[("Rutan Medan", "Rumah Tahanan Negara Kelas I Medan", "Rutan"), ("KSU Maju",)]),
        record("b", "2025-02-05", [stage("naskah", "KSU Maju", "Rumah Tahanan Negara Kelas I Medan",
                                         date="2025-02-05")]),
        # a bare "Rutan" in two articles is not one facility
        record("c", "2025-03-05", [stage("penjajakan", "PT Satu", "Rutan", date="2025-03-05")]),
        record("d", "2025-04-05", [stage("penjajakan", "PT Satu", "Rutan", date="2025-04-05")]),
    ]
    timelines = build_timelines(recs)
    medan = [p for p in timelines if p["partner"] == "KSU Maju"]
    assert len(medan) == 1 and [s["article_id"] for s in medan[0]["stages"]] == ["a", "b"]
    bare = [p for p in timelines if p["partner"] == "PT Satu"]
    assert len(bare) == 2 and all(p["facility"] == "Rutan" for p in bare)


def test_text_and_json_output(tmp_path: Path):
    facts = tmp_path / "facts.jsonl"
    facts.write_text("".join(json.dumps(r) + "\n" for r in records()), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", str(facts)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    header = "Lembaga Pemasyarakatan (Lapas) Kelas IIA Purwokerto  <->  CV. Rajasa Mas Jaya Cilacap"
    blocks = [b for b in out.split("\n\n") if b.startswith(header + "\n")]
    assert len(blocks) == 1
    lines = blocks[0].splitlines()
    rows = [ln.split() for ln in lines if ln.startswith("  20") or ln.startswith("  (")]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("2025-03-02", "penjajakan", "done", "k7"), ("2025-05-20", "naskah", "done", "b2"),
        ("2025-09-10", "monitoring", "done", "a9"), ("(2025-09-10)", "pelaksanaan", "planned", "a9")]
    result = runner.invoke(app, ["timeline", str(facts), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == build_timelines(records())
    assert format_text([]).startswith("no partnership stages")
