"""Scores predictions against gold records exactly as the spec's last section says.

Names match after normalisation (lower case, no punctuation, abbreviations expanded
from the same table extraction uses) when one's words are all in the other's and they
share at least half of the longer one's words; dates on their ISO date part; a visit on
visitor, host and date; a stage on stage, partner and status. Items are paired one to
one, greedily; precision, recall and F1 are micro-averaged over articles per field.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Callable, Optional

from . import lexicon

CORE_FIELDS = ("organizations", "people", "locations", "dates", "products", "visits", "partnership_stages")
FIELDS = CORE_FIELDS[:2] + ("people_role",) + CORE_FIELDS[2:] + ("published", "dateline_place")
SPAN_LABELS = ("ORG", "PERSON", "ROLE", "LOC", "DATE", "PRODUCT")
_PUNCT = re.compile(r"[^\w\s]")


class EvaluationInputError(ValueError):
    """Gold or predictions could not be read (a usage error, not a low score)."""


# --- matching -----------------------------------------------------------------------
def norm_words(name: Optional[str]) -> list[str]:
    if not name:
        return []
    abbrev = lexicon.abbreviations()
    out = []
    for word in _PUNCT.sub(" ", name.lower()).split():
        out.extend(abbrev.get(word, word).split())
    return out


def names_match(a: Optional[str], b: Optional[str], strict: bool = False) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if strict:
        return " ".join(a.split()) == " ".join(b.split())
    wa, wb = norm_words(a), norm_words(b)
    if not wa or not wb:
        return False
    sa, sb = set(wa), set(wb)
    if not (sa <= sb or sb <= sa):
        return False
    return len(sa & sb) * 2 >= max(len(sa), len(sb))


def date_part(value: Optional[str]) -> Optional[str]:
    return value[:10] if value else None


def _matchers(strict: bool) -> dict[str, Callable[[dict, dict], bool]]:
    nm = lambda a, b: names_match(a, b, strict)  # noqa: E731
    same = (lambda a, b: a == b) if strict else (lambda a, b: date_part(a) == date_part(b))
    return {
        "organizations": lambda g, p: nm(g["name"], p["name"]),
        "people": lambda g, p: nm(g["name"], p["name"]),
        "people_role": lambda g, p: nm(g["name"], p["name"]) and nm(g.get("role"), p.get("role")),
        "locations": lambda g, p: nm(g["name"], p["name"]),
        "dates": lambda g, p: same(g.get("value"), p.get("value")) if (g.get("value") or p.get("value"))
        else nm(g.get("text"), p.get("text")),
        "products": lambda g, p: nm(g["name"], p["name"]),
        "visits": lambda g, p: nm(g["visitor"], p["visitor"]) and nm(g.get("host"), p.get("host"))
        and same(g.get("date"), p.get("date")),
        "partnership_stages": lambda g, p: g["stage"] == p["stage"] and g["status"] == p["status"]
        and nm(g["partner"], p["partner"]),
        "published": lambda g, p: same(g["value"], p["value"]),
        "dateline_place": lambda g, p: nm(g["value"], p["value"]),
    }


def _items(record: dict, field: str) -> list[dict]:
    if field == "people_role":
        return record.get("people", [])
    if field in ("published", "dateline_place"):
        value = record.get("article", {}).get(field)
        return [{"value": value}] if value else []
    return record.get(field, [])


def pair(gold: list[dict], pred: list[dict], match) -> tuple[list, list, list]:
    """Greedy one-to-one pairing: (matched pairs, missed gold, spurious predictions)."""
    free = list(range(len(pred)))
    matched, missed = [], []
    for g in gold:
        hit = next((i for i in free if match(g, pred[i])), None)
        if hit is None:
            missed.append(g)
        else:
            free.remove(hit)
            matched.append((g, pred[hit]))
    return matched, missed, [pred[i] for i in free]


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_records(gold: dict[str, dict], pred: dict[str, dict], strict: bool = False) -> dict:
    """Per-field micro P/R/F1 over the articles in `gold`, and the errors of each article."""
    matchers = _matchers(strict)
    counts = {f: [0, 0, 0] for f in FIELDS}
    errors: dict[str, dict] = {}
    for art_id in sorted(gold):
        g_rec, p_rec = gold[art_id], pred.get(art_id, {})
        for field in FIELDS:
            matched, missed, spurious = pair(_items(g_rec, field), _items(p_rec, field), matchers[field])
            c = counts[field]
            c[0] += len(matched)
            c[1] += len(spurious)
            c[2] += len(missed)
            if missed or spurious:
                errors.setdefault(art_id, {})[field] = {"missed": [_brief(x) for x in missed],
                                                       "spurious": [_brief(x) for x in spurious]}
    fields = {f: prf(*counts[f]) for f in FIELDS}
    core = sum(fields[f]["f1"] for f in CORE_FIELDS) / len(CORE_FIELDS)
    return {"articles": len(gold), "missing_predictions": sorted(set(gold) - set(pred)), "fields": fields,
            "core_macro_f1": round(core, 4), "errors": errors}


def _brief(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in ("evidence", "confidence", "aliases")}


# --- spans ----------------------------------------------------------------------------
def score_spans(gold: dict[str, list[dict]], pred: dict[str, list[dict]]) -> dict:
    """Per-label span scores: strict (same offsets and label) and partial (overlap, half credit)."""
    out = {}
    for label in SPAN_LABELS:
        s_tp = s_fp = s_fn = 0
        p_cor = p_par = act = pos = 0
        for art_id, g_spans in gold.items():
            g = [(s["start"], s["end"]) for s in g_spans if s["label"] == label]
            p = [(s["start"], s["end"]) for s in pred.get(art_id, []) if s["label"] == label]
            exact = set(g) & set(p)
            s_tp += len(exact)
            s_fp += len(set(p) - exact)
            s_fn += len(set(g) - exact)
            act += len(p)
            pos += len(g)
            free = [x for x in p if x not in exact]
            p_cor += len(exact)
            for gs in set(g) - exact:
                hit = next((x for x in free if x[0] < gs[1] and gs[0] < x[1]), None)
                if hit is not None:
                    free.remove(hit)
                    p_par += 1
        strict = prf(s_tp, s_fp, s_fn)
        pp = (p_cor + 0.5 * p_par) / act if act else 0.0
        pr = (p_cor + 0.5 * p_par) / pos if pos else 0.0
        partial = {"precision": round(pp, 4), "recall": round(pr, 4),
                   "f1": round(2 * pp * pr / (pp + pr), 4) if pp + pr else 0.0}
        out[label] = {"gold": pos, "predicted": act, "strict": strict, "partial": partial}
    return out


# --- loading --------------------------------------------------------------------------
def load_records(path: Path) -> dict[str, dict]:
    """Records keyed by article id, from a folder of *.json files or a JSONL file."""
    if not path.exists():
        raise EvaluationInputError(f"no such file or folder: {path}")
    records: dict[str, dict] = {}
    if path.is_dir():
        files = sorted(path.rglob("*.gold.json")) or sorted(p for p in path.rglob("*.json")
                                                             if not p.name.endswith(".spans.json"))
        for f in files:
            rec = _load_json(f)
            records[rec["article"]["id"]] = rec | {"_path": str(f)}
    else:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvaluationInputError(f"{path}:{n}: not JSON: {exc.msg}") from exc
                records[rec["article"]["id"]] = rec
    if not records:
        raise EvaluationInputError(f"no records in {path}")
    return records


def _load_json(path: Path) -> dict:
    try:
        rec = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EvaluationInputError(f"{path}: not JSON: {exc}") from exc
    if "article" not in rec or "id" not in rec["article"]:
        raise EvaluationInputError(f"{path}: not a record (no article.id)")
    return rec


def _corpus_split(gold_path: Path, split: Optional[str]) -> Optional[set[str]]:
    manifest = gold_path / "manifest.jsonl"
    if split is None:
        return None
    if not manifest.exists():
        raise EvaluationInputError(f"--split needs {manifest}")
    rows = [json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines() if x.strip()]
    ids = {r["id"] for r in rows if r["split"] == split}
    if not ids:
        raise EvaluationInputError(f"no articles in split {split!r}")
    return ids


def _text_for(rec: dict) -> Optional[Path]:
    path = Path(rec.get("_path", ""))
    candidate = path.with_name(rec["article"]["id"] + ".txt")
    return candidate if candidate.exists() else None


def predict(gold: dict[str, dict]) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """Run the pipeline on the gold articles' texts: records and predicted spans."""
    from . import doc_attrs as A
    from .build import build_record
    from .pipeline import load_pipeline

    nlp = load_pipeline()
    records, spans = {}, {}
    for art_id, rec in gold.items():
        text_path = _text_for(rec)
        if text_path is None:
            continue
        doc = nlp(text_path.read_text(encoding="utf-8"))
        records[art_id] = json.loads(build_record(doc, art_id, rec["article"].get("source", "")).model_dump_json())
        spans[art_id] = [{"start": s.start_char, "end": s.end_char, "label": label}
                         for key, label in A.ENTITY_GROUPS.items() for s in doc.spans.get(key, [])]
    return records, spans


def evaluate_paths(gold_path: Path, pred_path: Optional[Path], split: Optional[str] = None,
                   strict: bool = False) -> dict:
    articles_dir = gold_path / "articles" if (gold_path / "articles").is_dir() else gold_path
    gold = load_records(articles_dir)
    keep = _corpus_split(gold_path, split)
    if keep is not None:
        gold = {k: v for k, v in gold.items() if k in keep}
    if pred_path is None:
        pred, pred_spans = predict(gold)
    else:
        pred = load_records(pred_path)
        pred_spans = {k: [{"start": e["start"], "end": e["end"], "label": label}
                          for field, label in (("organizations", "ORG"), ("people", "PERSON"), ("locations", "LOC"),
                                               ("dates", "DATE"), ("products", "PRODUCT"))
                          for item in r.get(field, []) for e in item.get("evidence", [])]
                      for k, r in pred.items()}
    report = score_records(gold, pred, strict=strict)
    gold_spans = {}
    for art_id, rec in gold.items():
        spans_file = Path(rec.get("_path", "")).with_name(art_id + ".spans.json")
        if spans_file.exists():
            gold_spans[art_id] = json.loads(spans_file.read_text(encoding="utf-8")).get("spans", [])
    if gold_spans:
        report["spans"] = score_spans(gold_spans, {k: pred_spans.get(k, []) for k in gold_spans})
    report["split"] = split
    report["strict"] = strict
    return report


def print_report(report: dict, show_errors: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{report['articles']} articles" + (f", split {report['split']}" if report.get("split") else "")
                  + (" (strict)" if report.get("strict") else ""))
    for col in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "field" else "right")
    for field, s in report["fields"].items():
        table.add_row(field + (" *" if field in CORE_FIELDS else ""), f"{s['precision']:.3f}", f"{s['recall']:.3f}",
                      f"{s['f1']:.3f}", str(s["tp"]), str(s["fp"]), str(s["fn"]))
    console.print(table)
    console.print(f"core macro F1 (*): [bold]{report['core_macro_f1']:.3f}[/bold]")
    if report.get("spans"):
        spans = Table(title="spans")
        for col in ("label", "gold", "pred", "strict P", "strict R", "strict F1", "partial F1"):
            spans.add_column(col, justify="left" if col == "label" else "right")
        for label, s in report["spans"].items():
            spans.add_row(label, str(s["gold"]), str(s["predicted"]), f"{s['strict']['precision']:.3f}",
                          f"{s['strict']['recall']:.3f}", f"{s['strict']['f1']:.3f}", f"{s['partial']['f1']:.3f}")
        console.print(spans)
    if show_errors:
        for art_id, fields in report["errors"].items():
            console.print(f"[bold]{art_id}[/bold]")
            for field, e in fields.items():
                for item in e["missed"]:
                    console.print(f"  {field} missed:   {json.dumps(item, ensure_ascii=False)}")
                for item in e["spurious"]:
                    console.print(f"  {field} spurious: {json.dumps(item, ensure_ascii=False)}")


def split_for(article_id: str) -> str:
    """Deterministic split assignment used to build the manifest (60/20/20 by hash)."""
    h = int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 10
    return "train" if h < 6 else ("dev" if h < 8 else "test")
