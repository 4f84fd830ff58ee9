"""The two seed articles must come out exactly as their gold records (spec matching)."""
from __future__ import annotations

from extractor.evaluate import evaluate_paths


def test_seeds_match_gold_on_every_field(seeds_dir):
    report = evaluate_paths(seeds_dir, None)
    assert report["articles"] == 2
    assert not report["missing_predictions"]
    bad = {f: s for f, s in report["fields"].items() if s["fp"] or s["fn"]}
    assert bad == {}, report["errors"]


def test_seed_records_carry_checkable_evidence(seeds_dir):
    from extractor import extract

    for path in seeds_dir.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        record = extract(text, path.stem)
        facts = record.organizations + record.people + record.dates + record.products + record.locations
        assert facts
        for fact in facts:
            assert fact.evidence, fact
            for ev in fact.evidence:
                assert text[ev.start:ev.end] == ev.text
