"""Places used on their own: the dateline, "di Kroya, Cilacap", "Kabupaten Banyumas".

Regency, city and province names (Kemendagri list) count wherever they stand outside an
organization name; district names are common words too often ("Tambak", "Kota Baru"),
so they count only after a place cue ("di", "Kecamatan") or before ", <regency>".
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon
from .shapes import longest_first, phrase_matcher, place_names

_CUES = set(lexicon.grammar().location_cues)
_STRONG = set(lexicon.grammar().strong_place_levels)
_NEVER = set(lexicon.grammar().location_never)
_NOT_AFTER = set(lexicon.grammar().address_words)
_NOT_BEFORE = set(lexicon.grammar().speech_verbs) | set(lexicon.grammar().outlet_words)


@Language.factory("idpr_location_recognizer", assigns=["doc.spans"], requires=["doc._.segments"])
def make_location_recognizer(nlp: Language, name: str) -> "LocationRecognizer":
    return LocationRecognizer(nlp)


class LocationRecognizer:
    """Writes `doc.spans["locs"]` (not inside organization spans, not in addresses)."""

    def __init__(self, nlp: Language):
        self.levels = place_names()
        self.matcher = phrase_matcher(nlp, {"PLACE": list(self.levels)})

    def __call__(self, doc: Doc) -> Doc:
        seg = doc._.segments or {}
        org_tokens = {i for s in doc.spans.get(A.ORGS, []) for i in range(s.start, s.end)}
        spans = []
        for _, start, end in self.matcher(doc):
            if any(i in org_tokens for i in range(start, end)) or _in_address(doc, start):
                continue
            if doc[start:end].text in _NEVER or (start > 0 and doc[start - 1].lower_ in _NOT_BEFORE):
                continue  # "Menurut Lingga, ..." names a person; "ANTARA News Sumatera Utara" an outlet
            level = self.levels[doc[start:end].text]
            if level not in _STRONG and (not self._cued(doc, start, end) or _in(doc, start, seg.get("title"))):
                continue
            span = Span(doc, start, end, label="LOC")
            span._.kind, span._.rule, span._.value = level, f"gazetteer:{level}", doc[start:end].text
            spans.append(span)
        place = seg.get("dateline_place")
        if place:
            span = doc.char_span(place[0], place[1], label="LOC", alignment_mode="expand")
            if span is not None and not any(i in org_tokens for i in range(span.start, span.end)):
                text = A.doc_text(doc)[place[0]:place[1]]
                span._.value = text.title() if text.isupper() else text
                span._.kind, span._.rule = "dateline", "dateline"
                spans = [s for s in spans if s.end <= span.start or s.start >= span.end] + [span]
        spans = longest_first(spans)
        _one_spelling(spans)
        doc.spans[A.LOCS] = spans
        return doc

    def _cued(self, doc: Doc, start: int, end: int) -> bool:
        before = doc[start - 1].text if start > 0 else ""
        if before in _CUES:
            return True
        after = doc[end:end + 3]
        return len(after) >= 2 and after[0].text == "," and after[1].text in self.levels \
            and self.levels[after[1].text] in _STRONG


def _one_spelling(spans: list[Span]) -> None:
    """"Lubuklinggau" and "Lubuk Linggau", "Sumut" and "Sumatera Utara" are one place: every
    mention takes the first spelling."""
    abbrev = lexicon.abbreviations()
    first: dict[str, str] = {}
    for span in spans:
        value = span._.value or span.text
        key = lexicon.fold_place(abbrev.get(value.lower(), value))
        if key in first and first[key] != value:
            span._.value = first[key]
        else:
            first.setdefault(key, value)


def _in(doc: Doc, i: int, rng) -> bool:
    return bool(rng) and rng[0] <= doc[i].idx < rng[1]


def _in_address(doc: Doc, start: int) -> bool:
    window = doc[max(0, start - 4):start]
    return any(t.text in _NOT_AFTER for t in window)
