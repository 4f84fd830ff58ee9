"""The evaluator's arithmetic on hand-made cases, and its command line."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.evaluate import names_match, pair, prf, score_records, score_spans


def rec(art_id="a1", **fields):
    base = {"schema_version": "1", "article": {"id": art_id, "source": "x.txt", "published": "2025-07-31",
                                               "dateline_place": "Purwokerto"},
            "organizations": [], "people": [], "locations": [], "dates": [], "products": [], "visits": [],
            "partnership_stages": []}
    base.update(fields)
    return base


GOLD = rec(
    organizations=[{"name": "Lembaga Pemasyarakatan Kelas IIA Purwokerto", "kind": "correctional_facility"},
                   {"name": "CV. Rajasa Mas Jaya Cilacap", "kind": "company"}],
    people=[{"name": "Aliandra Harahap", "role": "Kepala Lapas", "organization": None}],
    dates=[{"text": "31 Juli 2025", "value": "2025-07-31"}],
    partnership_stages=[{"stage": "naskah", "partner": "CV. Rajasa Mas Jaya Cilacap", "host": "Lapas", "status": "planned"}],
)


@pytest.mark.parametrize("a, b, expected", [
    ("Lapas Kelas IIA Purwokerto", "Lembaga Pemasyarakatan Kelas IIA Purwokerto", True),
    ("Kalapas", "Kepala Lembaga Pemasyarakatan", True),
    ("CV. Rajasa Mas Jaya", "CV Rajasa Mas Jaya Cilacap", True),
    ("Lapas Purwokerto", "Lapas Kelas IIA Purwokerto Banyumas Jawa Tengah", False),  # shares under half
    ("CV. Pusat Handicraft", "CV. Rajasa Mas Jaya", False),
    ("tikar anyaman dari daun pandan", "tikar anyaman daun pandan", True),
])
def test_names_match_as_the_spec_says(a, b, expected):
    assert names_match(a, b) is expected
    assert names_match(b, a) is expected


def test_perfect_prediction_scores_one():
    report = score_records({"a1": GOLD}, {"a1": GOLD})
    assert all(f["f1"] == 1.0 for f in report["fields"].values())
    assert report["core_macro_f1"] == 1.0 and report["errors"] == {}


def test_empty_prediction_has_zero_recall_and_no_false_positives():
    empty = rec()
    empty["article"].update(published=None, dateline_place=None)
    report = score_records({"a1": GOLD}, {"a1": empty})
    orgs = report["fields"]["organizations"]
    assert (orgs["tp"], orgs["fp"], orgs["fn"], orgs["recall"]) == (0, 0, 2, 0.0)
    assert report["fields"]["published"]["f1"] == 0.0
    assert report["missing_predictions"] == []


def test_missing_article_counts_as_empty():
    report = score_records({"a1": GOLD}, {})
    assert report["missing_predictions"] == ["a1"]
    assert report["fields"]["organizations"]["fn"] == 2


def test_partial_prediction_micro_averages_over_articles():
    gold_b = rec("b1", organizations=[{"name": "PT Maju", "kind": "company"}])
    pred_a = rec(organizations=[{"name": "Lapas Kelas IIA Purwokerto", "kind": "correctional_facility"},
                                {"name": "Dinas Sosial", "kind": "government"}])
    report = score_records({"a1": GOLD, "b1": gold_b}, {"a1": pred_a, "b1": gold_b})
    orgs = report["fields"]["organizations"]
    assert (orgs["tp"], orgs["fp"], orgs["fn"]) == (2, 1, 1)
    assert orgs["precision"] == pytest.approx(2 / 3, abs=1e-4) and orgs["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["errors"]["a1"]["organizations"]["spurious"] == [{"name": "Dinas Sosial", "kind": "government"}]


def test_duplicate_predictions_pair_one_to_one():
    dup = rec(organizations=GOLD["organizations"] + [{"name": "Lapas Purwokerto Kelas IIA", "kind": "correctional_facility"}])
    orgs = score_records({"a1": GOLD}, {"a1": dup})["fields"]["organizations"]
    assert (orgs["tp"], orgs["fp"], orgs["fn"]) == (2, 1, 0)


def test_stage_matches_on_stage_partner_status_only():
    pred = rec(partnership_stages=[{"stage": "naskah", "partner": "CV Rajasa Mas Jaya Cilacap", "host": "other",
                                    "status": "planned", "date": "2030-01-01"}])
    wrong = rec(partnership_stages=[{"stage": "naskah", "partner": "CV Rajasa Mas Jaya Cilacap", "host": "x",
                                     "status": "done"}])
    assert score_records({"a1": GOLD}, {"a1": pred})["fields"]["partnership_stages"]["tp"] == 1
    assert score_records({"a1": GOLD}, {"a1": wrong})["fields"]["partnership_stages"]["tp"] == 0


def test_strict_mode_needs_exact_strings():
    pred = rec(organizations=[{"name": "Lapas Kelas IIA Purwokerto", "kind": "correctional_facility"}])
    assert score_records({"a1": GOLD}, {"a1": pred})["fields"]["organizations"]["tp"] == 1
    assert score_records({"a1": GOLD}, {"a1": pred}, strict=True)["fields"]["organizations"]["tp"] == 0


def test_prf_edge_cases():
    assert prf(0, 0, 0)["f1"] == 1.0
    assert prf(1, 1, 0) == {"tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 0.6667}


def test_pair_is_greedy_one_to_one():
    matched, missed, spurious = pair([1, 1], [1], lambda g, p: g == p)
    assert (len(matched), missed, spurious) == (1, [1], [])


def test_span_scores_strict_and_partial():
    gold = {"a": [{"start": 0, "end": 10, "label": "ORG"}, {"start": 20, "end": 25, "label": "PERSON"}]}
    pred = {"a": [{"start": 0, "end": 8, "label": "ORG"}, {"start": 20, "end": 25, "label": "PERSON"}]}
    scores = score_spans(gold, pred)
    assert scores["PERSON"]["strict"]["f1"] == 1.0
    assert scores["ORG"]["strict"]["f1"] == 0.0
    assert scores["ORG"]["partial"]["f1"] == 0.5


def test_cli_reads_folders_and_jsonl_and_enforces_min_f1(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a1.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text(json.dumps(rec(organizations=GOLD["organizations"])) + "\n", encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["evaluate", "--gold", str(gold_dir), "--pred", str(pred_file), "--json"])
    assert ok.exit_code == 0, ok.output
    report = json.loads(ok.output)
    assert report["fields"]["organizations"]["f1"] == 1.0
    low = runner.invoke(app, ["evaluate", "--gold", str(gold_dir), "--pred", str(pred_file), "--min-f1", "0.9"])
    assert low.exit_code == 1
    bad = runner.invoke(app, ["evaluate", "--gold", str(tmp_path / "nope")])
    assert bad.exit_code == 2


def test_corpus_test_split_is_scored_from_the_manifest():
    from pathlib import Path

    from extractor.evaluate import evaluate_paths

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    report = evaluate_paths(corpus, None, split="test")
    manifest = [json.loads(x) for x in (corpus / "manifest.jsonl").read_text().splitlines()]
    assert report["articles"] == sum(1 for r in manifest if r["split"] == "test")
    assert report["spans"]["ORG"]["gold"] > 0
    assert report["core_macro_f1"] >= 0.75  # a regression floor well under the measured score
