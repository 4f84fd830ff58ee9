"""The HTML report: displaCy marks from the records' evidence offsets, visits and stages as tables."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.records import ArticleRecord
from extractor.render import Item, TextFinder, entity_spans, non_overlapping, render_page

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "extractor" / "samples"
CHROMIUM = Path("/usr/bin/chromium")

TEXT = ("Lapas Kelas IIA Purwokerto Jajaki Kerja Sama dengan CV. Rajasa Mas Jaya\n\n"
        "Purwokerto – Kamis (31/07/2025), CV. Rajasa Mas Jaya mengunjungi Lapas Kelas IIA Purwokerto.\n"
        "Kepala Lapas, Aliandra Harahap, menyambut tim <b>dan</b> membahas tikar anyaman & batik. Kegiatan ini "
        "diharapkan dapat memberikan bekal keterampilan bagi warga binaan yang akan bebas nanti.")


def ev(s: str, nth: int = 0, text: str = TEXT) -> dict:
    i = -1
    for _ in range(nth + 1):
        i = text.index(s, i + 1)
    return {"start": i, "end": i + len(s), "text": s}


def make_record(art_id: str = "a1", source: str = "a1.txt") -> dict:
    rec = {
        "schema_version": "1",
        "article": {"id": art_id, "source": source, "title": "Lapas Kelas IIA Purwokerto Jajaki Kerja Sama",
                    "published": "2025-07-31"},
        "organizations": [
            {"name": "Lapas Kelas IIA Purwokerto", "kind": "correctional_facility",
             "evidence": [ev("Lapas Kelas IIA Purwokerto"), ev("Lapas Kelas IIA Purwokerto", 1)]},
            {"name": "CV. Rajasa Mas Jaya", "kind": "company",
             "evidence": [ev("CV. Rajasa Mas Jaya"), ev("CV. Rajasa Mas Jaya", 1)]}],
        "people": [{"name": "Aliandra Harahap", "role": "Kepala Lapas", "evidence": [ev("Aliandra Harahap")]}],
        # a LOC inside an ORG span (overlap): the longer ORG is shown
        "locations": [{"name": "Purwokerto", "evidence": [ev("Purwokerto", 1), ev("Purwokerto", 0)]}],
        "dates": [{"text": "Kamis (31/07/2025)", "value": "2025-07-31", "evidence": [ev("Kamis (31/07/2025)")]}],
        "products": [{"name": "tikar anyaman", "evidence": [ev("tikar anyaman")]}],
        "visits": [{"visitor": "CV. Rajasa Mas Jaya", "host": "Lapas Kelas IIA Purwokerto", "date": "2025-07-31",
                    "purposes": ["penjajakan"], "evidence": [ev("CV. Rajasa Mas Jaya mengunjungi")]}],
        "partnership_stages": [
            {"stage": "penjajakan", "partner": "CV. Rajasa Mas Jaya", "host": "Lapas Kelas IIA Purwokerto",
             "status": "done", "date": "2025-07-31", "activities": ["produksi"], "products": ["tikar anyaman"],
             "evidence": [ev("Jajaki Kerja Sama")]},
            {"stage": "naskah", "partner": "CV. <Rajasa>", "host": None, "status": "planned", "date": None,
             "evidence": []}],
    }
    ArticleRecord.model_validate(rec)
    return rec


class Marks(HTMLParser):
    """The <mark> elements of a page: (text without the label, label), and the visible text of .entities."""

    def __init__(self):
        super().__init__()
        self.marks, self.depth, self.in_label, self.cur, self.label = [], 0, False, [], []
        self.tables: dict[str, list[list[str]]] = {}
        self._table, self._cell = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "mark" and attrs.get("class") == "entity":
            self.depth, self.cur, self.label = 1, [], []
        elif tag == "span" and self.depth:
            self.in_label = True
        elif tag == "table":
            self._table = attrs.get("class")
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "mark" and self.depth:
            self.marks.append((" ".join("".join(self.cur).split()), "".join(self.label).strip()))
            self.depth = 0
        elif tag == "span" and self.in_label:
            self.in_label = False
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self.depth:
            (self.label if self.in_label else self.cur).append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(html: str) -> Marks:
    p = Marks()
    p.feed(html)
    return p


def test_spans_and_overlaps():
    rec = make_record()
    spans, bad = entity_spans(rec, TEXT)
    assert bad == 0
    assert {s["label"] for s in spans} == {"ORG", "PERSON", "LOC", "DATE", "PRODUCT"}
    shown = non_overlapping(spans)
    inside = TEXT.index("Purwokerto")  # the LOC inside "Lapas Kelas IIA Purwokerto" of the title
    assert {"start": inside, "end": inside + 10, "label": "LOC", "text": "Purwokerto"} in spans
    assert [s["label"] for s in shown if s["start"] <= inside < s["end"]] == ["ORG"]
    assert all(a["end"] <= b["start"] for a, b in zip(shown, shown[1:]))
    # the dateline "Purwokerto" is not inside an ORG: it stays, as LOC
    dateline = TEXT.index("Purwokerto –")
    assert {"start": dateline, "end": dateline + 10, "label": "LOC", "text": "Purwokerto"} in shown
    # a span whose text does not fit the text is counted, not shown
    rec["products"][0]["evidence"][0]["text"] = "tikar pandan"
    assert entity_spans(rec, TEXT)[1] == 1


def test_page_shows_marks_and_tables():
    page = render_page([Item(make_record(), TEXT)])
    p = parse(page)
    assert ("Lapas Kelas IIA Purwokerto", "ORG") in p.marks
    assert ("CV. Rajasa Mas Jaya", "ORG") in p.marks
    assert ("Aliandra Harahap", "PERSON") in p.marks
    assert ("Kamis (31/07/2025)", "DATE") in p.marks
    assert ("tikar anyaman", "PRODUCT") in p.marks
    assert ("Purwokerto", "LOC") in p.marks
    assert len([m for m in p.marks if m[1] == "ORG"]) == 4
    assert "<b>dan</b>" not in page and "&lt;b&gt;dan&lt;/b&gt;" in page  # article text is escaped
    visits = p.tables["visits"]
    assert visits[0][:4] == ["Visitor", "Host", "Date", "Purposes"]
    assert visits[1][:4] == ["CV. Rajasa Mas Jaya", "Lapas Kelas IIA Purwokerto", "2025-07-31", "penjajakan"]
    stages = p.tables["stages"]
    assert [row[:2] for row in stages[1:]] == [["penjajakan", "done"], ["naskah", "planned"]]
    assert stages[2][2] == "CV. <Rajasa>"  # escaped in the HTML, read back as text
    assert "CV. &lt;Rajasa&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_missing_text_is_said_and_tables_still_shown():
    page = render_page([Item(make_record(), None, ["article text not found: not at 'a1.txt'"])])
    p = parse(page)
    assert p.marks == []
    assert "article text not found" in page
    assert len(p.tables["visits"]) == 2


def test_text_finder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "a1.txt").write_text(TEXT, encoding="utf-8")
    rec = make_record(source="arts/a1.txt")
    assert TextFinder().find(rec) == (TEXT, [])
    moved = make_record(source="/gone/a1.txt")
    text, notes = TextFinder().find(moved)
    assert text is None and "not found" in notes[0]
    assert TextFinder(article_dirs=[tmp_path / "arts"]).find(moved) == (TEXT, [])
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "a1.txt").write_text("X" + TEXT, encoding="utf-8")
    text, notes = TextFinder(article_dirs=[tmp_path / "other"]).find(moved)
    assert text == "X" + TEXT and "differs" in notes[0]
    # a record of a JSONL input names "file.jsonl:N": the line's article is found by id
    (tmp_path / "batch.jsonl").write_text(json.dumps({"id": "z9", "text": "other"}) + "\n"
                                          + json.dumps({"id": "a1", "text": TEXT}) + "\n", encoding="utf-8")
    rec = make_record(source="batch.jsonl:2")
    assert TextFinder().find(rec)[0] == TEXT


@pytest.fixture(scope="module")
def facts(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("render")
    arts = folder / "articles"
    arts.mkdir()
    for f in SAMPLES.glob("*.txt"):
        shutil.copy(f, arts / f.name)
    out = folder / "facts.jsonl"
    result = CliRunner().invoke(app, ["run", str(arts), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out, arts


def test_render_cli_from_articles_and_from_facts(facts, tmp_path):
    out, arts = facts
    runner = CliRunner()
    r1 = runner.invoke(app, ["render", str(arts), "-o", str(tmp_path / "a.html")])
    r2 = runner.invoke(app, ["render", str(out), "-o", str(tmp_path / "b.html")])
    assert r1.exit_code == 0 and r2.exit_code == 0, r1.output + r2.output
    a, b = (tmp_path / "a.html").read_text(), (tmp_path / "b.html").read_text()
    records = [json.loads(line) for line in out.read_text().splitlines()]
    marks = parse(b).marks
    for rec in records:
        for org in rec["organizations"]:
            assert (" ".join(org["evidence"][0]["text"].split()), "ORG") in marks
    assert parse(a).marks == marks
    assert b.count('<table class="stages">') == sum(1 for r in records if r["partnership_stages"])


def test_render_cli_says_when_text_is_missing(facts, tmp_path):
    out, arts = facts
    moved = tmp_path / "facts.jsonl"
    lines = []
    for line in out.read_text().splitlines():
        rec = json.loads(line)
        rec["article"]["source"] = "/nowhere/" + Path(rec["article"]["source"]).name
        lines.append(json.dumps(rec))
    moved.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(app, ["render", str(moved), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert "article text not found" in result.stderr
    assert (tmp_path / "r.html").read_text().count("article text not found") == 3
    result = CliRunner().invoke(app, ["render", str(moved), "--articles", str(arts), "-o", str(tmp_path / "s.html")])
    assert result.exit_code == 0 and "<mark" in (tmp_path / "s.html").read_text()


def _chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "HOME": str(tmp_path)})


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)")
def test_report_in_a_headless_browser(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render_page([Item(make_record(), TEXT)]), encoding="utf-8")
    dom = _chromium(["--dump-dom", page.as_uri()], tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    p = parse(dom.stdout)  # the DOM after the browser parsed the page
    assert ("Lapas Kelas IIA Purwokerto", "ORG") in p.marks
    assert ("Aliandra Harahap", "PERSON") in p.marks
    assert ("tikar anyaman", "PRODUCT") in p.marks
    assert p.tables["stages"][1][:2] == ["penjajakan", "done"]
    shot = tmp_path / "report.png"
    res = _chromium(["--window-size=1200,1400", f"--screenshot={shot}", page.as_uri()], tmp_path)
    assert res.returncode == 0 and shot.exists()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
