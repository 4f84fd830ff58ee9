"""Annotation round trip with Label Studio.

Export: the pipeline's predictions as Label Studio tasks with pre-annotations, one task
per article (`{"data": {"text", "id", ...}, "predictions": [{"model_version", "result"}]}`);
each entity mention is a `labels` region (ORG, PERSON, ROLE, LOC, DATE, PRODUCT) and each
person with an organization gets a `member_of` relation to the nearest mention of it.
`labeling_config()` is the matching project config.

Import: a Label Studio JSON export (a list of tasks with `annotations`) back into the
corpus format: `<id>.txt`, `<id>.spans.json` (`{"mentions": [[LABEL, text]], "spans":
[{start, end, label, text}]}`) and a draft `<id>.gold.json` record whose entities come
from the annotated spans (events left empty for the annotator to fill in).

Offsets: Label Studio stores offsets into the task text; some versions count UTF-16 code
units (an emoji counts two). Every imported region is checked against its `text` and
repaired (UTF-16 offsets, then the nearest occurrence) or reported, never taken blindly.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union
from xml.sax.saxutils import quoteattr

from .render import DISPLACY_COLORS, ENTITY_FIELDS, ItemStats, entity_spans

LABELS = ("ORG", "PERSON", "ROLE", "LOC", "DATE", "PRODUCT")
RELATION = "member_of"
FROM_NAME, TO_NAME = "label", "text"
IMPORT_RULE = "labelstudio"


class LabelStudioError(Exception):
    """An export file that is not what Label Studio writes; the message says what is wrong."""


# --- config ------------------------------------------------------------------------------
def labeling_config() -> str:
    """The Label Studio labeling config for these tasks (Labels + Text + Relations)."""
    labels = "\n".join(f"    <Label value={quoteattr(lbl)} background={quoteattr(DISPLACY_COLORS[lbl])}/>"
                       for lbl in LABELS)
    return (f'<View>\n  <Relations>\n    <Relation value="{RELATION}"/>\n  </Relations>\n'
            f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n{labels}\n  </Labels>\n'
            f'  <Text name="{TO_NAME}" value="$text"/>\n</View>\n')


# --- export ------------------------------------------------------------------------------
def _region_id(label: str, start: int, end: int) -> str:
    return f"{label.lower()}_{start}_{end}"


def _model_version() -> str:
    from . import __version__

    return f"idpr-extractor-{__version__}"


def task_from_record(record: dict, text: str, roles: Iterable[dict] = (), model_version: Optional[str] = None) -> dict:
    """One record (and its article text) -> a Label Studio task with the record's spans as predictions."""
    spans, _ = entity_spans(record, text)
    spans += [r for r in roles if text[r["start"]:r["end"]] == r["text"]]
    result, seen = [], set()
    for s in sorted(spans, key=lambda s: (s["start"], s["end"], s["label"])):
        rid = _region_id(s["label"], s["start"], s["end"])
        if rid in seen:
            continue
        seen.add(rid)
        result.append({"id": rid, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
                       "value": {"start": s["start"], "end": s["end"], "text": text[s["start"]:s["end"]],
                                 "labels": [s["label"]]}})
    result += _relations(record, text, seen)
    art = record["article"]
    data = {"text": text, "id": art["id"]}
    for key in ("title", "source", "published"):
        if art.get(key):
            data[key] = art[key]
    return {"data": data, "predictions": [{"model_version": model_version or _model_version(), "result": result}]}


def _relations(record: dict, text: str, regions: set) -> list[dict]:
    """person -> organization (`member_of`), between the person's first mention and the nearest org mention."""
    orgs = {o["name"]: [e for e in o.get("evidence") or [] if text[e["start"]:e["end"]] == e["text"]]
            for o in record.get("organizations") or []}
    out = []
    for person in record.get("people") or []:
        evs = [e for e in person.get("evidence") or [] if text[e["start"]:e["end"]] == e["text"]]
        targets = orgs.get(person.get("organization") or "", [])
        if not evs or not targets:
            continue
        p = evs[0]
        o = min(targets, key=lambda e: abs(e["start"] - p["start"]))
        src, dst = _region_id("PERSON", p["start"], p["end"]), _region_id("ORG", o["start"], o["end"])
        if src in regions and dst in regions:
            out.append({"from_id": src, "to_id": dst, "type": "relation", "direction": "right", "labels": [RELATION]})
    return out


@dataclass
class ExportStats(ItemStats):
    tasks: int = 0


def export_tasks(paths: list, article_dirs: Iterable[Path] = (), stats: Optional[ExportStats] = None) -> list[dict]:
    """Tasks for article files (the pipeline runs, ROLE spans included) or records files with their texts."""
    from .render import iter_items

    stats = stats if stats is not None else ExportStats()
    tasks = []
    version = _model_version()
    for item in iter_items(paths, article_dirs, stats):
        art_id = item.record["article"]["id"]
        stats.messages.extend(f"{art_id}: {n}" for n in item.notes)
        if item.text is None:
            stats.missing_text += 1
            continue
        tasks.append(task_from_record(item.record, item.text, item.roles, version))
    stats.tasks = len(tasks)
    return tasks


def write_tasks(tasks: list[dict], output: Optional[Path]) -> None:
    from .export import atomic_text

    with atomic_text(output) as fh:
        fh.write(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")


# --- import ------------------------------------------------------------------------------
@dataclass
class ImportStats:
    tasks: int = 0
    written: int = 0
    skipped: int = 0
    repaired: int = 0
    dropped: int = 0
    messages: list[str] = field(default_factory=list)


def _utf16_to_index(text: str, units: int) -> Optional[int]:
    count = 0
    for i, ch in enumerate(text):
        if count == units:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
        if count > units:
            return None
    return len(text) if count == units else None


def locate(text: str, start, end, surface: Optional[str]) -> Optional[tuple[int, int]]:
    """Offsets that really hold `surface` in `text`: as given, as UTF-16 units, or its nearest occurrence."""
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    if surface is None:
        return (start, end) if 0 <= start < end <= len(text) else None
    if 0 <= start < end <= len(text) and text[start:end] == surface:
        return start, end
    s, e = _utf16_to_index(text, start), _utf16_to_index(text, end)
    if s is not None and e is not None and text[s:e] == surface:
        return s, e
    hits = [m.start() for m in re.finditer(re.escape(surface), text)] if surface else []
    if hits:
        best = min(hits, key=lambda h: abs(h - start))
        return best, best + len(surface)
    return None


def _chosen_annotation(task: dict, use_predictions: bool) -> Optional[list]:
    anns = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    if anns:
        # the latest finished annotation wins (ISO timestamps compare as strings); ties keep list order
        latest = max(enumerate(anns), key=lambda p: (p[1].get("updated_at") or p[1].get("created_at") or "", p[0]))
        return latest[1].get("result") or []
    if use_predictions and task.get("predictions"):
        return task["predictions"][-1].get("result") or []
    return None


def spans_from_results(text: str, results: list, stats: Optional[ImportStats] = None, where: str = ""):
    """Label Studio results -> (spans, relations as (from span, to span)) with checked offsets."""
    stats = stats if stats is not None else ImportStats()
    spans, by_id, rels = [], {}, []
    for r in results:
        if not isinstance(r, dict):
            continue
        if r.get("type") == "relation":
            rels.append((r.get("from_id"), r.get("to_id"), r.get("labels") or [RELATION]))
            continue
        if r.get("type") != "labels":
            continue
        value = r.get("value") or {}
        for label in value.get("labels") or []:
            if label not in LABELS:
                stats.dropped += 1
                stats.messages.append(f"{where}: unknown label {label!r} dropped (use {', '.join(LABELS)})")
                continue
            pos = locate(text, value.get("start"), value.get("end"), value.get("text"))
            if pos is None:
                stats.dropped += 1
                stats.messages.append(f"{where}: {label} region {value.get('start')}-{value.get('end')} "
                                      f"{value.get('text')!r} is not in the text; dropped")
                continue
            if pos != (value.get("start"), value.get("end")):
                stats.repaired += 1
            span = {"start": pos[0], "end": pos[1], "label": label, "text": text[pos[0]:pos[1]]}
            if span not in spans:
                spans.append(span)
            by_id.setdefault(r.get("id"), []).append(span)
    spans.sort(key=lambda s: (s["start"], s["end"], s["label"]))
    relations = []
    for src, dst, labels in rels:
        for a in by_id.get(src, []):
            for b in by_id.get(dst, []):
                relations.append((a, b, labels))
    return spans, relations


_SAFE_ID = re.compile(r"[^\w.-]+")


def safe_id(raw) -> str:
    name = _SAFE_ID.sub("_", str(raw)).strip("._") or "task"
    return name[:120]


def import_export(export: Path, out_dir: Path, use_pipeline: bool = True, use_predictions: bool = False) -> ImportStats:
    """A Label Studio JSON export -> `<id>.txt`, `<id>.spans.json`, `<id>.gold.json` in `out_dir`."""
    from .write import write_json_atomic

    try:
        tasks = json.loads(Path(export).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelStudioError(f"{export}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise LabelStudioError(f"{export}: not JSON ({exc}); export the project as JSON from Label Studio") from exc
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise LabelStudioError(f"{export}: expected a JSON list of tasks")
    stats = ImportStats()
    out_dir.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for n, task in enumerate(tasks, 1):
        stats.tasks += 1
        data = task.get("data") if isinstance(task, dict) else None
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str):
            stats.skipped += 1
            stats.messages.append(f"task {n}: no data.text; skipped")
            continue
        art_id = safe_id(data.get("id") or task.get("id") or f"task-{n}")
        if art_id in used:
            art_id = f"{art_id}-{n}"
        results = _chosen_annotation(task, use_predictions)
        if results is None:
            stats.skipped += 1
            stats.messages.append(f"{art_id}: no annotation (not labeled yet); skipped")
            continue
        used.add(art_id)
        spans, relations = spans_from_results(text, results, stats, art_id)
        txt = out_dir / f"{art_id}.txt"
        with open(txt, "w", encoding="utf-8", newline="") as fh:  # the text exactly: offsets point into it
            fh.write(text)
        mentions = []
        for s in spans:
            if [s["label"], s["text"]] not in mentions:
                mentions.append([s["label"], s["text"]])
        write_json_atomic(out_dir / f"{art_id}.spans.json", {"mentions": mentions, "spans": spans})
        gold = draft_record(art_id, str(txt), text, spans, relations, title=data.get("title"),
                            predicted=_predict(art_id, str(txt), text) if use_pipeline else None)
        write_json_atomic(out_dir / f"{art_id}.gold.json", gold)
        stats.written += 1
    return stats


def _predict(art_id: str, source: str, text: str) -> Optional[dict]:
    from .build import build_record
    from .pipeline import load_pipeline

    try:
        return json.loads(build_record(load_pipeline()(text), art_id, source).model_dump_json())
    except Exception:  # a draft without the pipeline's help is still a draft
        return None


# --- draft gold record ---------------------------------------------------------------------
def _guess_kind(name: str, predicted: Optional[dict]) -> str:
    from .evaluate import names_match
    from .resolve.names import facility_key

    for org in (predicted or {}).get("organizations") or []:
        if names_match(org["name"], name):
            return org["kind"]
    if facility_key(name):
        return "correctional_facility"
    from . import lexicon

    for head in lexicon.organizations().heads:
        if any(name == w or name.startswith(w + " ") or name.startswith(w + ".") for w in head.words):
            return head.kind
    return "other"


def _same_org(a: str, b: str) -> bool:
    from .timeline import same_organization

    return same_organization(a, b)


def _ev(span: dict) -> dict:
    return {"start": span["start"], "end": span["end"], "text": span["text"], "rule": IMPORT_RULE}


def draft_record(art_id: str, source: str, text: str, spans: list[dict], relations: list = (),
                 title: Optional[str] = None, predicted: Optional[dict] = None) -> dict:
    """A record v1 whose entities are the annotated spans; article fields from the pipeline when given."""
    from .records import ArticleRecord

    by_label: dict[str, list[dict]] = {lbl: [] for lbl in LABELS}
    for s in spans:
        by_label[s["label"]].append(s)

    # organizations: one per organization, under its fullest written name
    groups: list[list[dict]] = []
    for s in by_label["ORG"]:
        for g in groups:
            if any(_same_org(s["text"], o["text"]) for o in g):
                g.append(s)
                break
        else:
            groups.append([s])
    orgs = []
    org_of_span = {}
    for g in groups:
        names = list(dict.fromkeys(s["text"] for s in g))
        name = max(names, key=lambda t: (len(t.split()), len(t)))
        orgs.append({"name": name, "kind": _guess_kind(name, predicted), "aliases": [n for n in names if n != name],
                     "evidence": [_ev(s) for s in g]})
        for s in g:
            org_of_span[(s["start"], s["end"])] = name

    # people: role from an adjacent ROLE span, organization from a relation, else from the pipeline
    linked = {(a["start"], a["end"]): org_of_span.get((b["start"], b["end"]))
              for a, b, _ in relations if a["label"] == "PERSON" and b["label"] == "ORG"}
    pred_people = (predicted or {}).get("people") or []
    people: dict[str, dict] = {}
    for s in by_label["PERSON"]:
        person = people.setdefault(s["text"], {"name": s["text"], "role": None, "organization": None, "evidence": []})
        person["evidence"].append(_ev(s))
        person["role"] = person["role"] or _adjacent_role(text, s, by_label["ROLE"])
        person["organization"] = person["organization"] or linked.get((s["start"], s["end"]))
    from .evaluate import names_match

    for person in people.values():
        guess = next((p for p in pred_people if names_match(p["name"], person["name"])), None)
        if guess:
            person["role"] = person["role"] or guess.get("role")
            if not person["organization"] and guess.get("organization"):
                person["organization"] = next((o["name"] for o in orgs if _same_org(o["name"], guess["organization"])),
                                              None)

    pred_dates = (predicted or {}).get("dates") or []
    dates = []
    for s in by_label["DATE"]:
        value = next((d.get("value") for d in pred_dates for e in d.get("evidence") or []
                      if (e["start"], e["end"]) == (s["start"], s["end"])), None)
        if value is None:
            value = next((d.get("value") for d in pred_dates if d.get("text") == s["text"]), None)
        dates.append({"text": s["text"], "value": value, "evidence": [_ev(s)]})

    def unique(label: str) -> list[dict]:
        out: dict[str, dict] = {}
        for s in by_label[label]:
            out.setdefault(s["text"], {"name": s["text"], "evidence": []})["evidence"].append(_ev(s))
        return list(out.values())

    meta = {"id": art_id, "source": source, "title": title}
    if predicted:
        for key in ("title", "published", "dateline_place", "author"):
            meta[key] = meta.get(key) or predicted["article"].get(key)
    meta["warnings"] = ["draft from Label Studio annotations: check kinds, roles, date values; add visits and stages"]
    record = {"schema_version": "1", "article": meta, "organizations": orgs, "people": list(people.values()),
              "locations": unique("LOC"), "dates": dates, "products": unique("PRODUCT"),
              "visits": [], "partnership_stages": []}
    ArticleRecord.model_validate(record)  # the draft is a valid record v1 (raises otherwise)
    return record


_BETWEEN = re.compile(r"^[\s,:;()\-–—]*$")


def _adjacent_role(text: str, person: dict, roles: list[dict]) -> Optional[str]:
    """A ROLE span right before ("Kalapas Purwokerto, Aliandra") or right after ("Aliandra, Kepala Lapas") the name."""
    before = [r for r in roles if r["end"] <= person["start"] and _BETWEEN.match(text[r["end"]:person["start"]])
              and person["start"] - r["end"] <= 4]
    after = [r for r in roles if r["start"] >= person["end"] and _BETWEEN.match(text[person["end"]:r["start"]])
             and r["start"] - person["end"] <= 4]
    pick = (before[-1:] or after[:1])
    return pick[0]["text"] if pick else None


def load_tasks(path: Union[str, Path]) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


__all__ = ["LABELS", "labeling_config", "task_from_record", "export_tasks", "write_tasks", "import_export",
           "draft_record", "locate", "spans_from_results", "ENTITY_FIELDS"]
