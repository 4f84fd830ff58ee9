"""Person names, found where this genre puts them: beside a role or after a speech verb.

No Indonesian NER ships on PyPI, and names are open-class, so a name is read only in
the frames that announce one: "Kepala Lapas X, Nama, ...", "Nama, Direktur CV. Y, ...",
"Nama selaku Kalapas", "ujar Nama", and byline/credit lines. Titles and degrees
(H., Hj., S.H., M.Si.) are skipped; the span covers the name alone.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon
from .shapes import facility_tail_end, is_capitalised, longest_first, place_names



@lru_cache(maxsize=None)
def _vocab() -> tuple[set, set, set]:
    hon = lexicon.honorifics()
    degrees = {d.lower() for d in hon.degrees}
    not_names = set(lexicon.organizations().name_stop_words)
    not_names |= {alias for role in lexicon.roles().roles for alias in role.aliases}
    not_names |= {w.title() for names in lexicon.dates().months.values() for w in names}
    not_names |= {w for head in lexicon.organizations().heads for w in head.words}
    not_names |= set(lexicon.roles().role_prefixes)
    not_names |= set(lexicon.grammar().not_person_words)
    return set(hon.prefixes), degrees, not_names


def _is_degree(text: str) -> bool:
    return text.replace(".", "").replace(" ", "").lower() in _vocab()[1] or text.replace(".", "").lower() in {"s", "m"}


def _name_token(tok) -> bool:
    prefixes, _, not_names = _vocab()
    text = tok.text
    if tok.is_space or not is_capitalised(tok) or text in not_names or text[:1].isdigit():
        return False
    if "." in text.rstrip(".") or (text.isupper() and len(text) > 1):  # "S.H.", "WIB": not name words
        return False
    return text.replace("-", "").replace("'", "").replace("’", "").replace(".", "").isalpha()


def read_name(doc: Doc, i: int, limit: int = 5) -> Optional[tuple[int, int]]:
    """The name starting at token i (after titles), as (start, end), or None."""
    prefixes = _vocab()[0]
    n = len(doc)
    while i < n and (doc[i].text in prefixes or (doc[i].text == "." and i > 0 and doc[i - 1].text in prefixes)):
        i += 1
    start = i
    while i < n and i - start < limit and _name_token(doc[i]) and not _is_degree(doc[i].text) \
            and (i == start or not doc[i].is_sent_start):
        i += 1
    if i == start:
        return None
    # a name does not end in an initial or in a place/organization word
    while i > start and doc[i - 1].text.endswith(".") and len(doc[i - 1].text) <= 3 and i - start > 1:
        i -= 1
    return (start, i)


def read_name_before(doc: Doc, end: int, limit: int = 5) -> Optional[tuple[int, int]]:
    """The name ending just before token `end` (degrees between are skipped)."""
    j = end
    while j > 0 and (doc[j - 1].text == "," or _is_degree(doc[j - 1].text)):
        j -= 1
    k = j
    while k > 0 and j - k < limit and _name_token(doc[k - 1]) and not _is_degree(doc[k - 1].text):
        k -= 1
        if doc[k].is_sent_start:
            break
    if k == j:
        return None
    prefixes = _vocab()[0]
    while k < j and doc[k].text in prefixes:
        k += 1
    return (k, j) if k < j else None


def _skip_degrees(doc: Doc, i: int) -> int:
    while i + 1 < len(doc) and doc[i].text == "," and _is_degree(doc[i + 1].text):
        i += 2
    return i


@Language.factory("idpr_person_recognizer", assigns=["doc.spans"], requires=["doc._.segments"])
def make_person_recognizer(nlp: Language, name: str) -> "PersonRecognizer":
    return PersonRecognizer()


class PersonRecognizer:
    """Writes `doc.spans["persons"]`; `_.value` is the token range of the role beside the name, if any."""

    def __init__(self):
        grammar = lexicon.grammar()
        self.speech_verbs = set(grammar.speech_verbs)
        self.apposition = set(grammar.apposition)
        self.bare_heads = set(grammar.bare_facility_heads)

    def __call__(self, doc: Doc) -> Doc:
        orgs = list(doc.spans.get(A.ORGS, []))
        org_end = {s.start: s.end for s in orgs}
        org_tokens = {i for s in orgs for i in range(s.start, s.end)}
        places = place_names()
        # facility places of this article ("Tanjungpinang" in "Karutan Tanjungpinang, Aris") are not names
        facility_words = {s[-1].text for s in orgs if s._.kind == "correctional_facility"}
        found: list[Span] = []

        def add(rng, rule, role=None):
            if rng is None:
                return
            s, e = rng
            if _in_title(doc, s) and rule not in ("role_comma_name", "name_comma_role"):
                return  # title-case titles capitalise every word: only commas delimit a name there
            if any(i in org_tokens for i in range(s, e)):
                return
            if e - s == 1 and doc[s].text in places and rule not in ("credit", "byline"):
                return
            span = Span(doc, s, e, label="PERSON")
            span._.rule, span._.value = rule, role
            found.append(span)

        for role in doc.spans.get(A.ROLES, []):
            after = role.end
            # the role's organization or place: "Kepala Lapas Kelas IIA Purwokerto", "Kalapas Purwokerto"
            ends = [org_end[t] for t in range(role.start, role.end + 1) if t in org_end]
            if ends:
                after = max(max(ends), after)
            elif after < len(doc):
                while after < len(doc) and doc[after].text in self.bare_heads:
                    after += 1  # "Kasubsi Pendidikan LPKA, Ikhsan": the bare head names the host
                after = facility_tail_end(doc, after)
                for width in (3, 2, 1):
                    if after + width <= len(doc) and doc[after:after + width].text in places:
                        after += width
                        break
                while after < len(doc) and doc[after].text in facility_words:
                    after += 1
            if after + 2 < len(doc) and doc[after].text == "(" and doc[after + 2].text == ")":
                after += 3  # "Kepala Pengamanan Rutan (KPR), Lalu Ahmad"
            if after < len(doc) and doc[after].text == ",":
                rng = read_name(doc, after + 1)
                if rng and (rng[1] >= len(doc) or doc[_skip_degrees(doc, rng[1])].text in {",", ".", ")", "("}
                            or not doc[rng[1]].text[:1].isupper()):
                    add(rng, "role_comma_name", (role.start, role.end))
                    continue
            elif after < len(doc) and not _in_title(doc, role.start):
                add(read_name(doc, after, limit=4), "role_name", (role.start, role.end))
                if found and found[-1]._.value == (role.start, role.end):
                    continue
            # "Nama, Kepala Lapas X," / "Nama selaku Kalapas"
            if role.start >= 2 and doc[role.start - 1].text == ",":
                add(read_name_before(doc, role.start - 1), "name_comma_role", (role.start, role.end))
            elif role.start >= 2 and doc[role.start - 1].lower_ in self.apposition:
                add(read_name_before(doc, role.start - 1), "name_selaku_role", (role.start, role.end))
        for i, text in enumerate(A.token_texts(doc)):
            if i + 1 < len(doc) and text.lower() in self.speech_verbs:
                add(read_name(doc, i + 1, limit=4), "speech_verb")
        self._credits(doc, add)
        doc.spans[A.PERSONS] = longest_first(found)
        return doc

    @staticmethod
    def _credits(doc: Doc, add) -> None:
        seg = doc._.segments or {}
        ranges = list(seg.get("credits", []))
        if seg.get("byline_name"):
            ranges.append(seg["byline_name"])
        for s, e, label in ranges:
            span = doc.char_span(s, e, alignment_mode="contract")
            if span is None or len(span) > 5 or not all(is_capitalised(t) for t in span if not t.is_punct):
                continue
            if any(t.text.lower().startswith(("humas", "lapas", "rutan", "tim")) for t in span):
                continue
            add((span.start, span.end), "credit", ("credit", label))


def _in_title(doc: Doc, i: int) -> bool:
    """In a title-case title every word is capitalised: "Karutan X Laksanakan ..." names nobody."""
    title = (doc._.segments or {}).get("title")
    return bool(title) and title[0] <= doc[i].idx < title[1]
