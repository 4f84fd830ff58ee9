"""Records -> one HTML report: each article with its entities highlighted, then its events.

Highlighting uses spaCy's displaCy in manual mode, fed with the records' evidence offsets
(so what is shown is exactly what the record claims, character for character). Visits and
partnership stages follow each article as tables.

Input is either article files (the pipeline runs on them) or a JSONL of records written
by `run`; for records the article text is looked up from `article.source` (relative to
the working folder or to the JSONL's folder) or in folders given with `--articles`, read
the same way `run` read it, so the offsets fit. A record whose text cannot be found is
still listed, with its tables and a note saying the text was not found.

This module is light at import (no spaCy): `DISPLACY_COLORS` is read by spaCy's
`spacy_displacy_colors` entry point.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

# entity label -> background colour (also registered for displaCy via the entry point)
DISPLACY_COLORS = {
    "ORG": "#7aecec",
    "PERSON": "#aa9cfc",
    "ROLE": "#feca74",
    "LOC": "#ff9561",
    "DATE": "#bfe1d9",
    "PRODUCT": "#bfeeb7",
}
# record field -> entity label, in display priority (where spans overlap, the longer wins, then this order)
ENTITY_FIELDS = (("organizations", "ORG"), ("people", "PERSON"), ("locations", "LOC"), ("dates", "DATE"),
                 ("products", "PRODUCT"))
_PRIORITY = {label: n for n, (_, label) in enumerate(ENTITY_FIELDS)}


@dataclass
class Item:
    """One article to show: its record, its text (None when not found) and notes for the reader."""

    record: dict
    text: Optional[str]
    notes: list[str] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)  # ROLE spans (only when the pipeline ran here)


@dataclass
class ItemStats:
    """What reading records and their texts met: `iter_items` counts failures; callers count the rest."""
    missing_text: int = 0
    failed: int = 0
    messages: list[str] = field(default_factory=list)


@dataclass
class RenderStats(ItemStats):
    articles: int = 0


# --- spans -----------------------------------------------------------------------------
def entity_spans(record: dict, text: Optional[str] = None) -> tuple[list[dict], int]:
    """Every evidence span of the record's entities as {start, end, label, text}, and how many
    of them do not fit `text` (when given: offsets out of range or different characters)."""
    seen, spans, bad = set(), [], 0
    for fieldname, label in ENTITY_FIELDS:
        for fact in record.get(fieldname) or []:
            for ev in fact.get("evidence") or []:
                start, end = ev.get("start"), ev.get("end")
                if not isinstance(start, int) or not isinstance(end, int) or end <= start:
                    bad += 1
                    continue
                if text is not None and (end > len(text) or text[start:end] != ev.get("text", text[start:end])):
                    bad += 1
                    continue
                key = (start, end, label)
                if key not in seen:
                    seen.add(key)
                    spans.append({"start": start, "end": end, "label": label,
                                  "text": ev.get("text") if text is None else text[start:end]})
    spans.sort(key=lambda s: (s["start"], s["end"], s["label"]))
    return spans, bad


def non_overlapping(spans: list[dict]) -> list[dict]:
    """displaCy's entity view cannot nest: keep the longer span where two overlap."""
    chosen: list[dict] = []
    for s in sorted(spans, key=lambda s: (-(s["end"] - s["start"]), _PRIORITY.get(s["label"], 99), s["start"])):
        if all(s["end"] <= c["start"] or s["start"] >= c["end"] for c in chosen):
            chosen.append(s)
    return sorted(chosen, key=lambda s: s["start"])


# --- finding the text of a record ------------------------------------------------------
_SUFFIX = re.compile(r"^(?P<path>.+?)(?::\d+|#\d+)$")


class TextFinder:
    """Finds an article's text from its record: `article.source`, then folders of articles."""

    def __init__(self, base_dirs: Iterable[Path] = (), article_dirs: Iterable[Path] = ()):
        self.base_dirs = [Path.cwd(), *[Path(b) for b in base_dirs]]
        self.article_dirs = [Path(d) for d in article_dirs]
        self._index: Optional[dict[str, list]] = None
        self._files: dict[Path, list] = {}

    def find(self, record: dict) -> tuple[Optional[str], list[str]]:
        art = record["article"]
        art_id, source = str(art["id"]), str(art.get("source") or "")
        differing = None
        for article in self._candidates(art_id, source):
            _, bad = entity_spans(record, article.text)
            if not bad and _events_fit(record, article.text):
                return article.text, []
            differing = differing or (article, bad)
        if differing:
            article, bad = differing
            return article.text, [f"the text at {article.source} differs from the one the record was made from "
                                  f"({bad} entity spans do not fit and are not shown)"]
        where = f"{source!r}" + (f" nor in {', '.join(map(str, self.article_dirs))}" if self.article_dirs else "")
        return None, [f"article text not found: not at {where}; give the articles' folder with --articles"]

    def _candidates(self, art_id: str, source: str) -> Iterator:
        tried = set()
        for raw in _source_paths(source):
            for base in self.base_dirs:
                path = raw if raw.is_absolute() else base / raw
                try:
                    key = path.resolve()
                except OSError:
                    continue
                if key in tried or not path.is_file():
                    continue
                tried.add(key)
                yield from self._matching(self._read(path), art_id, source)
        if self.article_dirs:
            yield from self.index().get(art_id, [])

    def _read(self, path: Path) -> list:
        if path not in self._files:
            from .read import Article, read_path

            self._files[path] = [a for a in read_path(path) if isinstance(a, Article)]
        return self._files[path]

    @staticmethod
    def _matching(articles: list, art_id: str, source: str) -> list:
        same = [a for a in articles if a.id == art_id or a.source == source]
        return same or (articles if len(articles) == 1 else [])

    def index(self) -> dict[str, list]:
        if self._index is None:
            from .export import is_records_file
            from .read import find_files

            self._index = {}
            for path in find_files(self.article_dirs):
                if is_records_file(path):
                    continue
                for article in self._read(path):
                    self._index.setdefault(article.id, []).append(article)
        return self._index


def _source_paths(source: str) -> list[Path]:
    if not source or source.startswith("<"):
        return []
    out = [Path(source)]
    m = _SUFFIX.match(source)
    if m:
        out.append(Path(m.group("path")))
    return out


def _events_fit(record: dict, text: str) -> bool:
    for fieldname in ("visits", "partnership_stages"):
        for fact in record.get(fieldname) or []:
            for ev in fact.get("evidence") or []:
                if text[ev["start"]:ev["end"]] != ev.get("text"):
                    return False
    return True


# --- collecting items ------------------------------------------------------------------
def iter_items(paths: Iterable[Union[str, Path]], article_dirs: Iterable[Path] = (),
               stats: Optional[ItemStats] = None) -> Iterator[Item]:
    """Items from record files (JSONL from `run`) and article files/folders (run through the pipeline)."""
    from .errors import ArticleError
    from .export import is_records_file, iter_records
    from .read import find_files, read_path

    stats = stats if stats is not None else ItemStats()
    for path in map(Path, paths):
        if path.is_file() and is_records_file(path):
            finder = TextFinder(base_dirs=[path.parent, path.parent.parent], article_dirs=article_dirs)
            for rec in iter_records(path):
                text, notes = finder.find(rec)
                yield Item(rec, text, notes)
            continue
        for file in find_files([path]):
            if path.is_dir() and is_records_file(file):
                continue  # a facts file inside a folder of articles is not an article
            for art in read_path(file):
                if isinstance(art, ArticleError):
                    stats.failed += 1
                    stats.messages.append(f"{art.path}: {art.kind}: {art.message}")
                    continue
                record, roles = analyse(art)
                yield Item(record, art.text, roles=roles)


def analyse(article) -> tuple[dict, list[dict]]:
    """One article through the pipeline -> its record as a dict, and the ROLE spans of the doc."""
    from . import doc_attrs as A
    from .build import build_record
    from .pipeline import load_pipeline

    doc = load_pipeline()(article.text)
    record = json.loads(build_record(doc, article.id, article.source, article.title).model_dump_json())
    roles = [{"start": s.start_char, "end": s.end_char, "label": "ROLE", "text": s.text}
             for s in doc.spans.get(A.ROLES, [])]
    return record, roles


# --- HTML ------------------------------------------------------------------------------
_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 72rem;
       padding: 0 1rem; color: #222; }
section.article { border-top: 2px solid #ddd; padding-top: 1rem; margin-top: 2rem; }
.meta { color: #555; font-size: 0.9em; }
.note { background: #fff3cd; border: 1px solid #e0c36c; padding: 0.5em 0.8em; border-radius: 0.3em; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
.none { color: #777; font-style: italic; }
.legend mark { padding: 0.2em 0.5em; margin-right: 0.4em; border-radius: 0.3em; }
.entities { white-space: normal; }
"""

VISIT_COLUMNS = (("visitor", "Visitor"), ("host", "Host"), ("date", "Date"), ("purposes", "Purposes"))
STAGE_COLUMNS = (("stage", "Stage"), ("status", "Status"), ("partner", "Partner"), ("host", "Host"), ("date", "Date"),
                 ("activities", "Activities"), ("products", "Products"))


def render_item(item: Item) -> str:
    from spacy import displacy

    rec, art = item.record, item.record["article"]
    esc = html.escape
    parts = [f'<section class="article" id="article-{esc(str(art["id"]), quote=True)}">',
             f'<h2>{esc(art.get("title") or str(art["id"]))}</h2>']
    meta = [("id", art["id"]), ("source", art.get("source")), ("published", art.get("published")),
            ("dateline", art.get("dateline_place")), ("author", art.get("author"))]
    parts.append('<p class="meta">' + " · ".join(f"<b>{k}</b> {esc(str(v))}" for k, v in meta if v) + "</p>")
    for note in item.notes:
        parts.append(f'<p class="note">{esc(note)}</p>')
    if item.text is not None:
        spans, _ = entity_spans(rec, item.text)
        ents = [{"start": s["start"], "end": s["end"], "label": s["label"]} for s in non_overlapping(spans)]
        parts.append(displacy.render({"text": item.text, "ents": ents, "title": None}, style="ent", manual=True,
                                     jupyter=False, options={"colors": DISPLACY_COLORS}))
    parts.append("<h3>Visits</h3>")
    parts.append(_table(rec.get("visits") or [], VISIT_COLUMNS, "visits"))
    parts.append("<h3>Partnership stages</h3>")
    parts.append(_table(rec.get("partnership_stages") or [], STAGE_COLUMNS, "stages"))
    parts.append("</section>")
    return "\n".join(parts)


def _table(rows: list[dict], columns, kind: str) -> str:
    esc = html.escape
    if not rows:
        return f'<p class="none">No {kind}.</p>'
    head = "".join(f"<th>{esc(title)}</th>" for _, title in columns) + "<th>Evidence</th>"
    body = []
    for row in rows:
        cells = []
        for key, _ in columns:
            value = row.get(key)
            cells.append(f"<td>{esc(', '.join(value) if isinstance(value, list) else ('' if value is None else str(value)))}</td>")
        evidence = " … ".join(f"[{e['start']}:{e['end']}] {e.get('text', '')}" for e in (row.get("evidence") or []))
        cells.append(f"<td>{esc(evidence)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="{kind}"><thead><tr>{head}</tr></thead><tbody>' + "\n".join(body) + "</tbody></table>"


def render_page(items: Iterable[Item], stats: Optional[RenderStats] = None, title: str = "idpr-extractor report") -> str:
    stats = stats if stats is not None else RenderStats()
    sections = []
    for item in items:
        stats.articles += 1
        if item.text is None:
            stats.missing_text += 1
        for note in item.notes:
            stats.messages.append(f"{item.record['article']['id']}: {note}")
        sections.append(render_item(item))
    legend = "".join(f'<mark style="background: {c}">{lbl}</mark>' for lbl, c in DISPLACY_COLORS.items()
                     if lbl in _PRIORITY)
    summary = f"{stats.articles} articles" + (f"; text not found for {stats.missing_text}" if stats.missing_text else "")
    return ("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n<p class=\"legend\">{legend}</p>\n<p>{html.escape(summary)}</p>\n"
            + "\n".join(sections) + "\n</body>\n</html>\n")


def render(paths: list, output: Optional[Path], article_dirs: Iterable[Path] = ()) -> RenderStats:
    """Write the report for the given inputs to `output` (stdout when None), atomically."""
    from .export import atomic_text

    stats = RenderStats()
    page = render_page(iter_items(paths, article_dirs, stats), stats)
    with atomic_text(output) as fh:
        fh.write(page)
    return stats
