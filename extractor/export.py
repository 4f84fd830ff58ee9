"""JSONL records -> files for analysts: one JSON array, or flat CSV tables.

`run` always streams JSONL; other formats are a conversion of that stream, so memory
stays flat and the driver stays simple. Every output is written under a temporary name
and renamed into place (`os.replace`), so a reader never sees a half-written file.

CSV tables (one row per fact, each with its `article_id`):

    articles.csv       one row per article (the record's `article` part)
    organizations.csv  people.csv  locations.csv  dates.csv  products.csv
    visits.csv         stages.csv

List fields (aliases, purposes, activities, products) are joined with ``;``. Each fact
row also carries its evidence: `start`/`end`/`evidence_text`/`rule` of the first
mention and `evidence` with every mention's offsets as ``start-end;start-end``.
Files are UTF-8 with a byte order mark, so spreadsheets read accents right; pandas and
`csv.DictReader(open(f, encoding="utf-8-sig"))` read them as they are.
"""
from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

FORMATS = ("jsonl", "json", "csv")
LIST_SEP = ";"
CSV_ENCODING = "utf-8-sig"

ARTICLE_COLUMNS = ["article_id", "source", "title", "published", "dateline_place", "author", "warnings"]
EVIDENCE_COLUMNS = ["start", "end", "evidence_text", "rule", "evidence"]

# table name -> (record field, fact columns)
TABLES: dict[str, tuple[str, list[str]]] = {
    "organizations": ("organizations", ["name", "kind", "aliases", "confidence"]),
    "people": ("people", ["name", "role", "organization", "confidence"]),
    "locations": ("locations", ["name"]),
    "dates": ("dates", ["text", "value", "weekday_mismatch"]),
    "products": ("products", ["name"]),
    "visits": ("visits", ["visitor", "host", "date", "purposes"]),
    "stages": ("partnership_stages", ["stage", "partner", "host", "status", "date", "activities", "products"]),
}


class ExportError(Exception):
    """Input that cannot be converted (not JSONL records); the message says where."""


# --- reading ---------------------------------------------------------------------------
def iter_records(path: Union[str, Path]) -> Iterator[dict]:
    """Records from a JSONL file written by `run` (a JSON array file is read too)."""
    path = Path(path)
    with path.open("r", encoding="utf-8-sig") as fh:
        first = _first_char(fh)
        if first == "[":
            try:
                data = json.load(fh)
            except json.JSONDecodeError as exc:
                raise ExportError(f"{path}: not valid JSON: {exc}") from exc
            for n, rec in enumerate(data, 1):
                yield _checked(rec, f"{path}#{n}")
            return
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ExportError(f"{path}:{n}: not a JSON line (cut off?): {exc.msg}") from exc
            yield _checked(rec, f"{path}:{n}")


def _first_char(fh: IO[str]) -> str:
    pos = fh.tell()
    while True:
        ch = fh.read(1)
        if not ch or not ch.isspace():
            fh.seek(pos)
            return ch


def _checked(rec, where: str) -> dict:
    if not isinstance(rec, dict) or not isinstance(rec.get("article"), dict) or "id" not in rec["article"]:
        raise ExportError(f"{where}: not an article record (no article.id); give the JSONL that `run` wrote")
    return rec


def is_records_file(path: Union[str, Path]) -> bool:
    """True when a .jsonl/.json file holds records (from `run`), not articles to read."""
    path = Path(path)
    if path.suffix.lower() not in (".jsonl", ".ndjson", ".json") or not path.is_file():
        return False
    try:
        with path.open("r", encoding="utf-8-sig") as fh:
            head = fh.read(65536)
    except (OSError, UnicodeDecodeError):
        return False
    head = head.lstrip()
    if head.startswith("["):
        head = head[1:].lstrip()
    return head.startswith("{") and '"schema_version"' in head[:400] and '"article"' in head


# --- writing ---------------------------------------------------------------------------
def write_json(records: Iterable[dict], output: Optional[Path]) -> int:
    """One JSON array (streamed, one record per line inside it); None writes to stdout."""
    n = 0
    with _atomic_text(output) as fh:
        fh.write("[")
        for rec in records:
            fh.write(",\n" if n else "\n")
            fh.write(json.dumps(rec, ensure_ascii=False))
            n += 1
        fh.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(records: Iterable[dict], output: Optional[Path]) -> int:
    n = 0
    with _atomic_text(output) as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_csv(records: Iterable[dict], out_dir: Path) -> int:
    """Flat tables into a folder; every table is written (headers only when empty)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = ["articles", *TABLES]
    tmp = {name: out_dir / f".{name}.csv.tmp" for name in names}
    handles = {name: tmp[name].open("w", encoding=CSV_ENCODING, newline="") for name in names}
    try:
        writers = {"articles": csv.DictWriter(handles["articles"], ARTICLE_COLUMNS)}
        for name, (_, columns) in TABLES.items():
            writers[name] = csv.DictWriter(handles[name], ["article_id", *columns, *EVIDENCE_COLUMNS])
        for w in writers.values():
            w.writeheader()
        n = 0
        for rec in records:
            n += 1
            art = rec["article"]
            writers["articles"].writerow({
                "article_id": art["id"], "source": art.get("source"), "title": art.get("title"),
                "published": art.get("published"), "dateline_place": art.get("dateline_place"),
                "author": art.get("author"), "warnings": _cell(art.get("warnings") or [])})
            for name, (field, columns) in TABLES.items():
                for fact in rec.get(field) or []:
                    row = {"article_id": art["id"]}
                    row.update({c: _cell(fact.get(c)) for c in columns})
                    row.update(_evidence_cells(fact.get("evidence") or []))
                    writers[name].writerow(row)
        for fh in handles.values():
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        for name, fh in handles.items():
            fh.close()
            tmp[name].unlink(missing_ok=True)
        raise
    for name, fh in handles.items():
        fh.close()
        os.replace(tmp[name], out_dir / f"{name}.csv")
    return n


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEP.join(str(v) for v in value)
    return str(value)


def _evidence_cells(evidence: list[dict]) -> dict:
    if not evidence:
        return {c: "" for c in EVIDENCE_COLUMNS}
    first = evidence[0]
    return {"start": first.get("start"), "end": first.get("end"), "evidence_text": first.get("text", ""),
            "rule": first.get("rule") or "",
            "evidence": LIST_SEP.join(f"{e.get('start')}-{e.get('end')}" for e in evidence)}


class _atomic_text:
    """A text file written under a temporary name in its folder and renamed on success."""

    def __init__(self, path: Optional[Path]):
        self.path = path

    def __enter__(self) -> IO[str]:
        if self.path is None:
            self.fh = sys.stdout
            return self.fh
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="." + self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        self.tmp = Path(name)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> bool:
        if self.path is None:
            self.fh.flush()
            return False
        if exc_type is None:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            os.replace(self.tmp, self.path)
        else:
            self.fh.close()
            self.tmp.unlink(missing_ok=True)
        return False


def atomic_text(path: Optional[Path]) -> "_atomic_text":
    """Context manager: write text to `path` atomically (stdout when None)."""
    return _atomic_text(path)


# --- conversion ------------------------------------------------------------------------
def convert(jsonl: Path, fmt: str, output: Optional[Path]) -> int:
    """Convert a JSONL file of records to `fmt` at `output` (a folder for csv); returns the record count."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    records = iter_records(jsonl)
    if fmt == "json":
        return write_json(records, output)
    if fmt == "jsonl":
        return write_jsonl(records, output)
    if output is None:
        raise ExportError("csv writes a folder of tables: give -o DIR")
    return write_csv(records, output)


def default_output(fmt: str) -> Path:
    return Path({"jsonl": "facts.jsonl", "json": "facts.json", "csv": "facts"}[fmt])
