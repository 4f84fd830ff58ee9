"""Names of the span groups and extensions through which the steps talk.

Steps never import each other; they read and write the Doc. Registering every extension
here, at import, gives the whole pipeline one vocabulary (spaCy advises registering
extensions globally and early).
"""
from __future__ import annotations

import bisect
from functools import partial

from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Span

# span groups, one per entity label (overlaps allowed inside and across groups)
ORGS = "orgs"
ROLES = "roles"
PERSONS = "persons"
LOCS = "locs"
DATES = "dates"
PRODUCTS = "products"
CUES = "cues"
ENTITY_GROUPS = {ORGS: "ORG", ROLES: "ROLE", PERSONS: "PERSON", LOCS: "LOC", DATES: "DATE", PRODUCTS: "PRODUCT"}

_DOC = {
    "segments": None,       # dict: title/byline/timestamp/dateline/signoff char ranges, paragraphs
    "published": None,      # dict: {"value": iso, "start", "end", "text"} or None
    "organizations": None,  # list[dict]: resolved organizations (canonical name, kind, mentions)
    "people": None,         # list[dict]: person, role, organization, evidence
    "events": None,         # dict: {"visits": [...], "stages": [...]}
    "warnings": None,       # list[str]
    "stanza_deps": None,    # dict: token index -> (head token index, deprel), from the optional stanza backend
}
_SPAN = {
    "rule": None,           # name of the pattern or rule that made the span
    "kind": None,           # org kind, cue type, place level
    "value": None,          # cue value (stage name, activity, modality), role title, product name
    "iso": None,            # resolved date value
    "weekday_mismatch": None,
    "org_id": None,         # index of the resolved organization a mention belongs to
}


def _span_key(span: Span, name: str) -> tuple:
    # spaCy keys span extension values by character offsets only, so an ORG and a ROLE span
    # over the same words would share them; the label in the key keeps each group's own.
    return ("idpr", name, span.label_, span.start_char, span.end_char)


def span_attr(span: Span, name: str):
    """`span._.<name>` without the Underscore object spaCy builds on every access (0.3 vs 2.7 µs)."""
    return span.doc.user_data.get(_span_key(span, name), _SPAN[name])


def set_span_attr(span: Span, name: str, value) -> None:
    span.doc.user_data[_span_key(span, name)] = value


def doc_attr(doc: Doc, name: str):
    """`doc._.<name>`, read the fast way (the steps read these a few hundred times an article)."""
    return doc.user_data.get(("idpr", "doc", name), _DOC[name])


def set_doc_attr(doc: Doc, name: str, value) -> None:
    doc.user_data[("idpr", "doc", name)] = value


def register() -> None:
    """`._.<name>` for users and other components, over the same storage as the functions above."""
    for name in _DOC:
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=partial(doc_attr, name=name), setter=partial(_set_doc, name=name))
    for name in _SPAN:
        if not Span.has_extension(name):
            Span.set_extension(name, getter=partial(span_attr, name=name), setter=partial(_set_span, name=name))


def _set_doc(doc: Doc, value, name: str) -> None:
    set_doc_attr(doc, name, value)


def _set_span(span: Span, value, name: str) -> None:
    set_span_attr(span, name, value)


def sentence_starts(doc: Doc) -> list[int]:
    """Token index of each sentence start, computed once per Doc (`Span.sent` rescans the Doc)."""
    key = ("idpr", "sentence_starts")
    starts = doc.user_data.get(key)
    if starts is None:
        flags = doc.to_array(SENT_START) if len(doc) else []
        starts = [i for i, flag in enumerate(flags) if i == 0 or flag == 1]
        doc.user_data[key] = starts
    return starts


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined once from the token strings (`Doc.text` builds a Token object per token)."""
    key = ("idpr", "text")
    text = doc.user_data.get(key)
    if text is None:
        _token_arrays(doc)
        text = doc.user_data[key]
    return text


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, computed once per Doc: walking the Doc builds a Token object per step."""
    texts = doc.user_data.get(("idpr", "token_texts"))
    if texts is None:
        texts = _token_arrays(doc)
    return texts


def _token_arrays(doc: Doc) -> list[str]:
    strings = doc.vocab.strings
    if len(doc):
        rows = doc.to_array([ORTH, SPACY]).tolist()
        texts = [strings[orth] for orth, _ in rows]
        text = "".join([t + " " if space else t for t, (_, space) in zip(texts, rows)])
    else:
        texts, text = [], ""
    doc.user_data[("idpr", "token_texts")] = texts
    doc.user_data[("idpr", "text")] = text
    return texts


def sentence_index(doc: Doc, i: int) -> int:
    """Index of the sentence holding token i."""
    return max(0, bisect.bisect_right(sentence_starts(doc), i) - 1)


def sentence_span(doc: Doc, i: int) -> Span:
    starts = sentence_starts(doc)
    k = sentence_index(doc, i)
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return doc[starts[k]:end]


register()
