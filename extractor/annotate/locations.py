"""Places used on their own: the dateline, "di Kroya, Cilacap", "Kabupaten Banyumas".

Regency, city and province names (Kemendagri list) count wherever they stand outside an
organization name; district names are common words too often ("Tambak", "Kota Baru"),
so they count only after a place cue ("di", "Kecamatan") or before ", <regency>". The place
words of names are no places (after an organization, a facility head's title, an initial);
villages and areas named after their noun ("Desa X", "kawasan X") are, in the gazetteer or not.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon
from .shapes import longest_first, phrase_matcher, place_names

_G = lexicon.grammar()
_CUES = set(_G.location_cues)
_STRONG = set(_G.strong_place_levels)
_NEVER = set(_G.location_never)
_NOT_AFTER = set(_G.address_words)
_NOT_BEFORE = set(_G.speech_verbs) | set(_G.outlet_words)
_LEVEL_WORDS = set(_G.place_level_words)
_LEVELS = {w.lower() for w in _LEVEL_WORDS}
# Titles that name their facility by themselves: the words after "Kalapas", "Karutan" are the facility's place
_FACILITY_TITLE_ALIASES = frozenset(a for r in lexicon.roles().roles if r.org_head in set(_G.own_facility_heads)
                                    for a in r.aliases)
_FACILITY_TITLE_ENDS = frozenset(a.split()[-1] for a in _FACILITY_TITLE_ALIASES)
# The title of an office's head ("Kakanwil Sulsel", "Kapolres Pagaralam") names the office, whose region
# is no place of its own; a regional government's head ("Bupati Biak Numfor") names the region governed
_TITLE_ALIASES = frozenset(a for r in lexicon.roles().roles if r.org_head and not r.org_head.startswith("Pemerintah")
                           for a in r.aliases)
_TITLE_ENDS = frozenset(a.split()[-1] for a in _TITLE_ALIASES)
_NAME_WORD = r"(?:[A-Z][a-z]+|[IVX]+\b)"
_NOT_FIRST = "|".join(re.escape(w) for w in sorted(_LEVEL_WORDS | _NOT_AFTER | _NEVER, key=len, reverse=True))
_NOT_NEXT = "|".join(re.escape(w) for w in sorted(_LEVEL_WORDS | _NOT_AFTER, key=len, reverse=True))
# "di Desa Padurenan", "di kawasan Klandasan", "Kecamatan Ilir Timur II", "di Kampung Bate Kabupaten Keerom":
# up to three capitalised words after the noun, a level word ("Kabupaten") ending them
_PLACE_NOUNS = tuple(w + " " for w in _G.place_nouns)
_NAME_AFTER_NOUN = re.compile(
    rf"(?!(?:{_NOT_FIRST})\b){_NAME_WORD}(?:[ ](?!(?:{_NOT_NEXT})\b){_NAME_WORD}){{0,2}}")


@Language.factory("idpr_location_recognizer", assigns=["doc.spans"], requires=["doc._.segments"])
def make_location_recognizer(nlp: Language, name: str) -> "LocationRecognizer":
    return LocationRecognizer(nlp)


class LocationRecognizer:
    """Writes `doc.spans["locs"]` (not inside organization spans, not in addresses)."""

    def __init__(self, nlp: Language):
        self.levels = place_names()
        self.matcher = phrase_matcher(nlp, {"PLACE": list(self.levels)})

    def __call__(self, doc: Doc) -> Doc:
        seg = A.doc_attr(doc, "segments") or {}
        texts = A.token_texts(doc)  # decided on strings: indexing the Doc builds a Token per step
        org_tokens, org_ends = _org_tokens_and_ends(doc, texts)
        spans = []
        names_of_people = set()  # "Bima Ganesha Widyadharma": the place word opens a person's name
        for _, start, end in self.matcher(doc):
            if any(i in org_tokens for i in range(start, end)) or start in org_ends or _in_address(texts, start) \
                    or _after_initial(texts, start) or _after_facility_title(texts, start) \
                    or _after_title(texts, start):
                continue
            name = texts[start] if end == start + 1 else doc[start:end].text
            if name in _NEVER or (start > 0 and texts[start - 1].lower() in _NOT_BEFORE):
                continue  # "Menurut Lingga, ..." names a person; "ANTARA News Sumatera Utara" an outlet
            level = self.levels[name]
            if level in _STRONG and self._name_goes_on(texts, end) and not _in(doc, start, seg.get("title")) \
                    and end + 1 < len(texts) and texts[end + 1][:1].isupper() and texts[end + 1] not in self.levels:
                if start > 0 and texts[start - 1] == ",":  # "Kepala Rutan X, Bima Ganesha W": the name slot
                    names_of_people.add(name)
                continue  # two more capitalised words: a name ("Solo Raya" is one word more)
            if level in _STRONG and self._name_goes_on(texts, end) and not _in(doc, start, seg.get("title")):
                continue  # "Solo Raya": a longer name that only starts with the city's
            if level not in _STRONG and (not self._cued(texts, start, end) or _in(doc, start, seg.get("title"))
                                         or self._name_goes_on(texts, end)):
                continue
            span = Span(doc, start, end, label="LOC")
            A.set_span_attr(span, "kind", level)
            A.set_span_attr(span, "rule", f"gazetteer:{level}")
            A.set_span_attr(span, "value", name)
            spans.append(span)
        if names_of_people:  # the same name alone later ("Bima juga berharap") is the person again
            spans = [s for s in spans if A.span_attr(s, "value") not in names_of_people
                     or s.start > 0 and texts[s.start - 1] in _CUES]
        spans.extend(self._after_place_nouns(doc, texts, org_tokens, org_ends, seg.get("title")))
        place = seg.get("dateline_place")
        if place:
            text = A.doc_text(doc)[place[0]:place[1]]
            spans = _with_dateline(doc, spans, place, text.title() if text.isupper() else text, org_tokens)
        region = seg.get("dateline_region")
        if region:  # "Kupang, NTT (ANTARA) -": a place by layout, even where the name also abbreviates an org's
            spans = _with_dateline(doc, spans, region, A.doc_text(doc)[region[0]:region[1]])
        spans = longest_first(spans)
        _one_spelling(spans)
        doc.spans[A.LOCS] = spans
        return doc

    def _after_place_nouns(self, doc: Doc, texts: list[str], org_tokens: set[int], org_ends: set[int],
                           title) -> list[Span]:
        """Villages, districts and areas the gazetteer lacks, named after their noun ("Desa X")."""
        text = A.doc_text(doc)
        out = []
        for noun in _PLACE_NOUNS:  # str.find per noun: far cheaper than one alternation tried at every character
            pos = text.find(noun)
            while pos >= 0:
                m = None if pos and text[pos - 1].isalnum() else _NAME_AFTER_NOUN.match(text, pos + len(noun))
                pos = text.find(noun, pos + 1)
                if m is None:
                    continue
                span = doc.char_span(m.start(), m.end(), label="LOC")
                if span is None or span.start in org_tokens or span.end - 1 in org_tokens or span.start in org_ends \
                        or _in_address(texts, span.start - 1) \
                        or _in(doc, span.start, title) or _after_facility_title(texts, span.start):
                    continue
                A.set_span_attr(span, "kind", "local")
                A.set_span_attr(span, "rule", "place_noun")
                A.set_span_attr(span, "value", span.text)
                out.append(span)
        return out

    def _name_goes_on(self, texts: list[str], end: int) -> bool:
        """"Kabupaten Limapuluh Kota", "Desa Selat Baru": a district's name is only the first part
        of a longer name; a level word with its own name after it ("Sooko Kabupaten Mojokerto"),
        a place or a date word ("Rabu") starts something else."""
        if end >= len(texts) or not texts[end][:1].isupper():
            return False
        word = texts[end]
        if word in _LEVEL_WORDS:
            return not (end + 1 < len(texts) and texts[end + 1][:1].isupper())
        return word not in self.levels and word.lower() not in _DATE_WORDS

    def _cued(self, texts: list[str], start: int, end: int) -> bool:
        if start > 0 and texts[start - 1] in _CUES:
            return True
        return end + 1 < len(texts) and texts[end] == "," and texts[end + 1] in self.levels \
            and self.levels[texts[end + 1]] in _STRONG


def _one_spelling(spans: list[Span]) -> None:
    """"Lubuklinggau" and "Lubuk Linggau", "Sumut" and "Sumatera Utara" are one place: every
    mention takes the first spelling."""
    abbrev = lexicon.abbreviations()
    first: dict[str, str] = {}
    for span in spans:
        value = A.span_attr(span, "value") or span.text
        key = lexicon.fold_place(abbrev.get(value.lower(), value))
        if key in first and first[key] != value:
            A.set_span_attr(span, "value", first[key])
        else:
            first.setdefault(key, value)


def _in(doc: Doc, i: int, rng) -> bool:
    return bool(rng) and rng[0] <= doc[i].idx < rng[1]


def _org_tokens_and_ends(doc: Doc, texts: list[str]) -> tuple[set[int], set[int]]:
    """The organizations' tokens, and where a place right after one would be part of its name,
    maybe after a level word ("Dinas P2KBP3A kabupaten Agam")."""
    n = len(texts)
    org_tokens, ends = set(), set()
    for span in doc.spans.get(A.ORGS, []):
        i = span.end
        org_tokens.update(range(span.start, i))
        ends.add(i)
        if i + 1 < n and texts[i].lower() in _LEVELS:
            ends.add(i + 1)
    return org_tokens, ends


def _after_facility_title(texts: list[str], start: int) -> bool:
    """"Kalapas Muara Bungo", "Karutan Wonosari", "Kepala Lapas Kelas IIA Kupang Antonius H Jawa Gili":
    a place in the capitalised words after a facility head's title names the facility (or is the
    head's name). Read leftwards from the candidate, so only candidates cost anything."""
    j = start - 1
    while j >= 0 and start - j <= 8 and texts[j][:1].isupper() and texts[j] not in _LEVEL_WORDS:
        if texts[j] in _FACILITY_TITLE_ENDS and any(" ".join(texts[k:j + 1]) in _FACILITY_TITLE_ALIASES
                                                    for k in range(max(0, j - 3), j + 1)):
            return True
        j -= 1
    return False


_DATE_WORDS = {w for names in (*lexicon.dates().months.values(), *lexicon.dates().weekdays.values()) for w in names}
_INITIAL = re.compile(r"[A-HJ-UWYZ]\.?")  # one letter, not a class numeral (I, V, X)


def _after_initial(texts: list[str], start: int) -> bool:
    """"Antonius H Jawa Gili", "Sylvia R. Peku": a place word after an initial is a personal name's."""
    if start > 1 and texts[start - 1] == ".":
        start -= 1
    return start > 0 and len(texts[start - 1]) <= 2 and bool(_INITIAL.fullmatch(texts[start - 1])) \
        and (start < 2 or texts[start - 2][:1].isupper())


def _in_address(texts: list[str], start: int) -> bool:
    """An address word in the four words before, or further back along a comma chain of capitalised
    parts ("Jalan Sultan Alauddin, Kelurahan Rappocini")."""
    if not _NOT_AFTER.isdisjoint(texts[max(0, start - 4):start]):
        return True
    j = start - 1
    while j >= 0 and start - j <= 10 and (texts[j] == "," or texts[j][:1].isupper()):
        if texts[j] in _NOT_AFTER:
            return True
        j -= 1
    return False


def _after_title(texts: list[str], start: int) -> bool:
    """"Gubernur Sulut", "Wakil Bupati Wonogiri": a place right after a title is the office's."""
    if start == 0 or texts[start - 1] not in _TITLE_ENDS:
        return False
    return any(" ".join(texts[k:start]) in _TITLE_ALIASES for k in range(max(0, start - 4), start))


def _with_dateline(doc: Doc, spans: list[Span], rng, value: str, org_tokens: set[int] = frozenset()) -> list[Span]:
    """The spans with a place the layout gives (the dateline) in place of those it overlaps;
    unchanged when the place falls on an organization's tokens."""
    span = doc.char_span(rng[0], rng[1], label="LOC", alignment_mode="expand")
    if span is None or any(i in org_tokens for i in range(span.start, span.end)):
        return spans
    A.set_span_attr(span, "value", value)
    A.set_span_attr(span, "kind", "dateline")
    A.set_span_attr(span, "rule", "dateline")
    return [s for s in spans if s.end <= span.start or s.start >= span.end] + [span]
