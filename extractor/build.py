"""Doc -> ArticleRecord: the only place that reads the Doc's extensions to make output.

Every fact gets its evidence (character offsets into the article text, the sentence
index, the rule), so a user can check any value against the text.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from . import doc_attrs as A
from . import lexicon
from .records import ArticleRecord

CONFIDENCE = {"head": 0.9, "outlet": 0.8, "suffix": 0.6, "partner_context": 0.5}


def build_record(doc: Doc, article_id: str, source: str, title: Optional[str] = None) -> ArticleRecord:
    """The record as plain data, validated once: pydantic checks the whole tree in one pass
    (a model built per fact would run ~40 validations an article)."""
    text = A.doc_text(doc)
    sent_starts = [doc[i].idx for i in A.sentence_starts(doc)] if len(doc) else [0]
    seg = A.doc_attr(doc, "segments") or {}

    def ev(start: int, end: int, rule: Optional[str] = None) -> dict:
        return {"start": start, "end": end, "text": text[start:end], "sentence": _sent_index(sent_starts, start),
                "rule": rule}

    def span_ev(span: Span) -> dict:
        return ev(span.start_char, span.end_char, A.span_attr(span, "rule"))

    events = A.doc_attr(doc, "events") or {}
    return ArticleRecord.model_validate({
        "article": _meta(doc, text, seg, article_id, source, title, ev),
        "organizations": [{"name": o["name"], "kind": o["kind"], "aliases": o["aliases"],
                           "evidence": [span_ev(s) for s in o["spans"]],
                           "confidence": CONFIDENCE.get((A.span_attr(o["spans"][0], "rule") or "head").split(":")[0], 0.9)}
                          for o in A.doc_attr(doc, "organizations") or []],
        "people": [{"name": p["name"], "role": p["role"], "organization": p["organization"],
                    "evidence": [ev(s.start_char, s.end_char, p["rule"]) for s in p["spans"]]}
                   for p in A.doc_attr(doc, "people") or []],
        "locations": _locations(doc, span_ev),
        "dates": _dates(doc, span_ev),
        "products": _unique(doc.spans.get(A.PRODUCTS, []), lambda s: A.span_attr(s, "value"), lambda name, spans: {
            "name": name, "evidence": [span_ev(s) for s in spans]}),
        "visits": [{"visitor": v["visitor"], "host": v["host"], "date": v["date"], "purposes": v["purposes"],
                    "evidence": [_event_ev(ev, e, v["rule"]) for e in v["evidence"]]}
                   for v in events.get("visits", [])],
        "partnership_stages": [{
            "stage": s["stage"], "partner": s["partner"], "host": s["host"], "status": s["status"], "date": s["date"],
            "activities": s["activities"], "products": s["products"],
            "evidence": [_event_ev(ev, e, s["rule"]) for e in s["evidence"]]}
            for s in events.get("stages", [])],
    })


def _meta(doc: Doc, text: str, seg: dict, article_id: str, source: str, title: Optional[str], ev) -> dict:
    evidence = {}
    rng = seg.get("title")
    if rng:
        title = text[rng[0]:rng[1]]
        evidence["title"] = ev(*rng, "layout:title")
    published = A.doc_attr(doc, "published")
    if published:
        evidence["published"] = ev(published["start"], published["end"], "layout:publication_date")
    place = None
    rng = seg.get("dateline_place")
    if rng:
        raw = text[rng[0]:rng[1]]
        place = raw.title() if raw.isupper() else raw
        evidence["dateline_place"] = ev(*rng, "layout:dateline")
    author = None
    rng, rule = _author(text, seg)
    if rng:
        author = text[rng[0]:rng[1]].strip()
        evidence["author"] = ev(rng[0], rng[1], rule)
    warnings = list(A.doc_attr(doc, "warnings") or [])
    for span in doc.spans.get(A.DATES, []):
        if A.span_attr(span, "weekday_mismatch"):
            warnings.append(f"weekday does not match date: {span.text!r} is {A.span_attr(span, 'iso')}")
    return {"id": article_id, "source": source, "title": title, "published": published["value"] if published else None,
            "dateline_place": place, "author": author, "evidence": evidence, "warnings": warnings}


_AUTHOR_LABELS = {w.lower() for w in lexicon.grammar().author_labels}


def _author(text: str, seg: dict) -> tuple[Optional[tuple[int, int]], str]:
    """The sign-off wins (it is the release's own attribution), except initials that abbreviate
    the byline's name ("(ZR)" under "By Zulfikar Rohim"): the full name is the same writer.
    Then a writer's credit or byline; an editor's credit only when nothing else names a source."""
    signoff = seg.get("author")
    credit = _credit_author(seg)
    if signoff and credit and _initials_of(text[signoff[0]:signoff[1]], text[credit[0]:credit[1]]):
        return credit, "layout:byline"
    if signoff:
        return signoff, "layout:signoff"
    if credit:
        return credit, "layout:byline"
    editor = next(((s, e) for s, e, label in seg.get("credits", []) if label.lower() in _EDITOR_LABELS), None)
    return editor, "layout:credit"


def _initials_of(short: str, name: str) -> bool:
    """"ZR" / "zr" are the initials of "Zulfikar Rohim"."""
    short = short.strip().replace(".", "")
    words = [w for w in name.replace(".", " ").split() if w[:1].isalpha()]
    return 2 <= len(short) <= 4 and " " not in short and len(words) >= 2 \
        and short.lower() == "".join(w[0] for w in words).lower()


def _credit_author(seg: dict) -> Optional[tuple[int, int]]:
    for s, e, label in seg.get("credits", []):
        if label.lower() in _AUTHOR_LABELS:
            return (s, e)
    byline = seg.get("byline_name")
    return (byline[0], byline[1]) if byline else None


_EDITOR_LABELS = {a.lower() for r in lexicon.roles().roles if r.credit and r.title == "Editor" for a in r.aliases}


def _locations(doc: Doc, span_ev) -> list[dict]:
    return _unique(doc.spans.get(A.LOCS, []), lambda s: A.span_attr(s, "value") or s.text,
                   lambda name, spans: {"name": name, "evidence": [span_ev(s) for s in spans]})


def _dates(doc: Doc, span_ev) -> list[dict]:
    """One entry per date as written: the same words for the same day twice ("Rabu (5/10/2022)"
    in the lead and again in the body) are one date with two pieces of evidence."""
    out: dict[tuple, dict] = {}
    for span in doc.spans.get(A.DATES, []):
        value = A.span_attr(span, "iso")
        text = span.text
        if isinstance(value, list):  # a range gives both ends, a list of days every day
            entries = [{"text": text, "value": day_value} for day_value in value]
        else:
            entries = [{"text": text, "value": value, "weekday_mismatch": A.span_attr(span, "weekday_mismatch")}]
        for entry in entries:
            key = (text, entry["value"])
            if key in out:
                out[key]["evidence"].append(span_ev(span))
            else:
                entry["evidence"] = [span_ev(span)]
                out[key] = entry
    return list(out.values())


def _unique(spans, key, make):
    groups: dict[str, list[Span]] = {}
    for span in spans:
        groups.setdefault(key(span), []).append(span)
    return [make(name, group) for name, group in groups.items()]


def _event_ev(ev, e: dict, rule: str) -> dict:
    return ev(e["start"], e["end"], rule)


def _sent_index(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)
