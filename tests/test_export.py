"""Exports for analysts: JSONL -> one JSON array or flat CSV tables; `run --format`, `export`, --verbose/--quiet."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.export import ExportError, convert, iter_records, write_csv, write_json
from extractor.records import ArticleRecord

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "extractor" / "samples"

TEXT = ('Lapas Purwokerto Jajaki Kerja Sama dengan CV. Rajasa Mas Jaya, "Cilacap"\n\n'
        "Purwokerto – Kamis (31/07/2025), CV. Rajasa Mas Jaya mengunjungi Lapas Kelas IIA Purwokerto.\n"
        "Kepala Lapas, Aliandra Harahap, menyambut tim; produk tikar anyaman dibahas.")


def ev(text: str, s: str, nth: int = 0) -> dict:
    i = -1
    for _ in range(nth + 1):
        i = text.index(s, i + 1)
    return {"start": i, "end": i + len(s), "text": s, "rule": "test"}


def make_record(art_id: str = "a1", text: str = TEXT) -> dict:
    rec = {
        "schema_version": "1",
        "article": {"id": art_id, "source": f"{art_id}.txt", "title": text.split("\n")[0], "published": "2025-07-31",
                    "dateline_place": "Purwokerto", "author": None, "warnings": ["a, \"quoted\"\nwarning"]},
        "organizations": [
            {"name": "Lapas Kelas IIA Purwokerto", "kind": "correctional_facility", "aliases": ["Lapas Purwokerto"],
             "evidence": [ev(text, "Lapas Purwokerto"), ev(text, "Lapas Kelas IIA Purwokerto")], "confidence": 0.9},
            {"name": "CV. Rajasa Mas Jaya", "kind": "company", "aliases": [],
             "evidence": [ev(text, "CV. Rajasa Mas Jaya"), ev(text, "CV. Rajasa Mas Jaya", 1)]},
        ],
        "people": [{"name": "Aliandra Harahap", "role": "Kepala Lapas", "organization": "Lapas Kelas IIA Purwokerto",
                    "evidence": [ev(text, "Aliandra Harahap")]}],
        "locations": [{"name": "Purwokerto", "evidence": [ev(text, "Purwokerto", 1)]}],
        "dates": [{"text": "Kamis (31/07/2025)", "value": "2025-07-31", "evidence": [ev(text, "Kamis (31/07/2025)")]}],
        "products": [{"name": "tikar anyaman", "evidence": [ev(text, "tikar anyaman")]}],
        "visits": [{"visitor": "CV. Rajasa Mas Jaya", "host": "Lapas Kelas IIA Purwokerto", "date": "2025-07-31",
                    "purposes": ["monitoring", "penjajakan"], "evidence": [ev(text, "CV. Rajasa Mas Jaya mengunjungi")]}],
        "partnership_stages": [{"stage": "penjajakan", "partner": "CV. Rajasa Mas Jaya",
                                "host": "Lapas Kelas IIA Purwokerto", "status": "done", "date": "2025-07-31",
                                "activities": ["pelatihan", "produksi"], "products": ["tikar anyaman"],
                                "evidence": [ev(text, "Jajaki Kerja Sama")]}],
    }
    ArticleRecord.model_validate(rec)
    return rec


def read_table(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_csv_tables_read_back(tmp_path):
    recs = [make_record("a1"), make_record("a2")]
    recs[1]["visits"] = []
    assert write_csv(recs, tmp_path / "out") == 2
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["articles.csv", "organizations.csv", "people.csv", "dates.csv", "products.csv", "locations.csv",
         "visits.csv", "stages.csv"])
    orgs = read_table(out / "organizations.csv")
    assert [(r["article_id"], r["name"]) for r in orgs] == [
        ("a1", "Lapas Kelas IIA Purwokerto"), ("a1", "CV. Rajasa Mas Jaya"),
        ("a2", "Lapas Kelas IIA Purwokerto"), ("a2", "CV. Rajasa Mas Jaya")]
    first = orgs[0]
    assert first["aliases"] == "Lapas Purwokerto" and first["kind"] == "correctional_facility"
    assert TEXT[int(first["start"]):int(first["end"])] == first["evidence_text"] == "Lapas Purwokerto"
    assert first["evidence"] == ";".join(f"{e['start']}-{e['end']}" for e in recs[0]["organizations"][0]["evidence"])
    visits = read_table(out / "visits.csv")
    assert len(visits) == 1 and visits[0]["purposes"] == "monitoring;penjajakan"
    stages = read_table(out / "stages.csv")
    assert stages[0]["activities"] == "pelatihan;produksi" and stages[0]["products"] == "tikar anyaman"
    people = read_table(out / "people.csv")
    assert people[0]["role"] == "Kepala Lapas" and people[0]["organization"] == "Lapas Kelas IIA Purwokerto"
    arts = read_table(out / "articles.csv")
    # commas, quotes, a newline and a non-ASCII dash survive the round trip
    assert arts[0]["warnings"] == 'a, "quoted"\nwarning'
    assert arts[0]["title"] == TEXT.split("\n")[0]
    assert read_table(out / "dates.csv")[0]["value"] == "2025-07-31"
    assert not list(out.glob(".*.tmp"))


def test_csv_empty_tables_have_headers(tmp_path):
    write_csv([], tmp_path)
    with (tmp_path / "stages.csv").open(encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["article_id", "stage", "partner"] and "evidence" in header


def test_csv_reads_in_pandas(tmp_path):
    pd = pytest.importorskip("pandas")
    write_csv([make_record("a1"), make_record("a2")], tmp_path)
    df = pd.read_csv(tmp_path / "organizations.csv")
    assert list(df.columns[:3]) == ["article_id", "name", "kind"]
    assert len(df) == 4 and set(df["article_id"]) == {"a1", "a2"}


def test_json_array(tmp_path):
    recs = [make_record("a1"), make_record("a2")]
    assert write_json(recs, tmp_path / "f.json") == 2
    assert json.loads((tmp_path / "f.json").read_text(encoding="utf-8")) == recs
    write_json([], tmp_path / "empty.json")
    assert json.loads((tmp_path / "empty.json").read_text()) == []


def test_convert_from_jsonl_and_back(tmp_path):
    recs = [make_record("a1"), make_record("a2")]
    src = write_jsonl(tmp_path / "facts.jsonl", recs)
    assert list(iter_records(src)) == recs
    convert(src, "json", tmp_path / "f.json")
    assert list(iter_records(tmp_path / "f.json")) == recs  # a JSON array reads back too


def test_cut_jsonl_is_an_error_and_leaves_output_alone(tmp_path):
    src = tmp_path / "facts.jsonl"
    src.write_text(json.dumps(make_record("a1")) + "\n" + json.dumps(make_record("a2"))[:50] + "\n", encoding="utf-8")
    out = tmp_path / "f.json"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(ExportError, match=r"facts.jsonl:2"):
        convert(src, "json", out)
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    with pytest.raises(ExportError):
        convert(tmp_path / "f.json", "csv", tmp_path / "tables")  # "old" is not JSON records


def test_not_records_is_an_error(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_text('{"text": "an article, not a record"}\n', encoding="utf-8")
    with pytest.raises(ExportError, match="not an article record"):
        list(iter_records(src))


# --- command line ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for f in SAMPLES.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def facts(articles, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("facts") / "facts.jsonl"
    result = CliRunner().invoke(app, ["run", str(articles), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def test_run_format_csv(articles, facts, tmp_path):
    out = tmp_path / "tables"
    result = CliRunner().invoke(app, ["run", str(articles), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    recs = list(iter_records(facts))
    stages = read_table(out / "stages.csv")
    assert len(stages) == sum(len(r["partnership_stages"]) for r in recs) > 0
    assert {r["article_id"] for r in read_table(out / "articles.csv")} == {r["article"]["id"] for r in recs}
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # the temporary JSONL is gone
    assert "3 records" in result.output


def test_run_format_json(articles, facts, tmp_path):
    out = tmp_path / "facts.json"
    result = CliRunner().invoke(app, ["run", str(articles), "-f", "json", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8")) == list(iter_records(facts))
    assert not list(tmp_path.glob(".*"))
    assert result.output == ""  # --quiet


def test_run_json_to_stdout_and_csv_needs_a_folder(articles, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # with stdout as output, the errors file goes to the current folder
    runner = CliRunner()
    result = runner.invoke(app, ["run", str(articles), "-f", "json", "-o", "-", "-q"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 3
    assert (tmp_path / "errors.jsonl").read_text(encoding="utf-8") == ""
    result = runner.invoke(app, ["run", str(articles), "-f", "csv", "-o", "-"])
    assert result.exit_code == 2 and "folder" in result.output


def test_export_command(facts, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["export", str(facts), "--format", "csv", "-o", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert len(read_table(tmp_path / "t" / "organizations.csv")) == sum(
        len(r["organizations"]) for r in iter_records(facts))
    result = runner.invoke(app, ["export", str(facts), "-f", "json", "-o", str(tmp_path / "f.json")])
    assert result.exit_code == 0
    assert len(json.loads((tmp_path / "f.json").read_text())) == 3
    result = runner.invoke(app, ["export", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2


def test_verbose_reports_each_error_and_quiet_is_silent(articles, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(articles.glob("*.txt")), folder / "good.txt")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "english.txt").write_text("This is a short note in English about nothing at all, written to test "
                                        "the language check of the reader with enough words in it. " * 3,
                                        encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["run", str(folder), "-o", str(tmp_path / "f.jsonl"), "--verbose"])
    assert result.exit_code == 1
    assert "empty.txt: empty:" in result.stderr
    assert "english.txt: not_indonesian:" in result.stderr
    quiet = runner.invoke(app, ["run", str(folder), "-o", str(tmp_path / "g.jsonl"), "--quiet"])
    assert quiet.exit_code == 1 and quiet.output == ""
    plain = runner.invoke(app, ["run", str(folder), "-o", str(tmp_path / "h.jsonl")])
    assert "empty.txt" not in plain.stderr
    assert "2 failed" in plain.stderr
