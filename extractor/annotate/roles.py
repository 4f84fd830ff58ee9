"""Role titles ("Kepala Lapas", "Kalapas", "Kasi Giatja", "Direktur"), canonical title in `_.value`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon
from .shapes import is_capitalised, longest_first, phrase_matcher, place_names

_NAME_CONJUNCTIONS = tuple(lexicon.grammar().name_conjunctions)
_UNIT_OBJECTS = frozenset(lexicon.grammar().unit_objects)


@Language.factory("idpr_role_recognizer", assigns=["doc.spans"])
def make_role_recognizer(nlp: Language, name: str) -> "RoleRecognizer":
    return RoleRecognizer(nlp)


class RoleRecognizer:
    """Writes `doc.spans["roles"]`; abbreviations are expanded through the data file."""

    def __init__(self, nlp: Language):
        data = lexicon.roles()
        self.titles = {alias: role.title for role in data.roles for alias in role.aliases}
        for alias, title in list(self.titles.items()):  # "Kapala Lapas": a misspelt title word
            first, _, rest = alias.partition(" ")
            for typo, word in data.title_typos.items():
                if first == word:
                    self.titles.setdefault(f"{typo} {rest}".strip(), title)
        self.takes_org = {role.title for role in data.roles if role.takes_org}
        orgs = lexicon.organizations()
        self.heads = {w for head in orgs.heads for w in head.words}
        self.distributive = set(orgs.distributive_prefixes)
        self.stop = set(orgs.name_stop_words) | set(self.titles)
        self.units = set(data.unit_words)
        self.stems = tuple(data.unit_stems)
        self.matcher = phrase_matcher(nlp, {"ROLE": list(self.titles)})
        self.prefix_matcher = phrase_matcher(nlp, {"PREFIX": data.role_prefixes})

    def __call__(self, doc: Doc) -> Doc:
        prefix_end = {end: start for _, start, end in self.prefix_matcher(doc)}
        orgs = doc.spans.get(A.ORGS, [])
        org_starts = {s.start for s in orgs}
        spans = []
        for _, start, end in self.matcher(doc):
            if start and doc[start - 1].text[:1].isupper() and any(o.start < start and end <= o.end for o in orgs):
                continue  # "Kantor Wilayah Dirjenpas NTB": a title word inside a name names the body
            base = self.titles[doc[start:end].text]
            title = base
            prefix_start = prefix_end.get(start)
            if prefix_start is not None:
                title = f"{doc[prefix_start:start].text} {title}"
                start = prefix_start
            # "Kepala Dinas Sosial ...": the words after a title that holds its organization's head
            # word are that organization's name, not the role's
            holds_org = any(t in org_starts for t in range(start + 1, end))
            unit_end = self._unit_end(doc, end, org_starts) if base in self.takes_org and not holds_org else end
            if unit_end == end and base in self.takes_org:
                unit_end = self._distributive_end(doc, end)
            if unit_end > end:
                title = f"{title} {doc[end:unit_end].text}"
                end = unit_end
            span = Span(doc, start, end, label="ROLE")
            A.set_span_attr(span, "value", title)
            A.set_span_attr(span, "rule", "role_title")
            spans.append(span)
        doc.spans[A.ROLES] = longest_first(spans)
        return doc

    def _unit_end(self, doc: Doc, i: int, org_starts: set[int]) -> int:
        """"Kepala Bidang Pelatihan dan Produktivitas Disnaker X", "Manajer Pengadaan PT Y, Nama":
        the unit belongs to the title when an organization or ", Name" follows it."""
        n, j = len(doc), i
        while j < n and j - i < 6 and j not in org_starts:
            tok = doc[j]
            if tok.lower_ in _NAME_CONJUNCTIONS and j > i and j + 1 < n and is_capitalised(doc[j + 1]):
                j += 1
                continue
            if tok.text in _UNIT_OBJECTS and j > i and self._is_unit(doc[j - 1].text):
                j += 1  # "Kepala Subseksi Pelayanan Tahanan": the unit's object, a stop word elsewhere
                continue
            if not is_capitalised(tok) or tok.text in self.stop or tok.text in self.heads or tok.is_sent_start \
                    or tok.text in place_names() or not tok.text.replace("-", "").isalnum():
                break
            j += 1
        if j == i:
            return i
        units = i
        while units < j and (self._is_unit(doc[units].text) or doc[units].lower_ in _NAME_CONJUNCTIONS
                             or doc[units].text in _UNIT_OBJECTS):
            units += 1
        if units > i and doc[units - 1].lower_ not in _NAME_CONJUNCTIONS:
            return units  # "Kepala Seksi Bimbingan Klien Dewasa Niken": the name starts after the unit
        if j in org_starts:
            return j
        if j + 1 < n and doc[j].text == "," and is_capitalised(doc[j + 1]) and doc[j + 1].text not in self.stop:
            return j
        return i

    def _distributive_end(self, doc: Doc, i: int) -> int:
        """"Koordinator Lapas se-Nusakambangan dan Cilacap Nama": the facilities of a place, as a
        whole, belong to the title; the holder's name follows them."""
        n = len(doc)
        if not (i + 3 < n and doc[i].text in self.heads and doc[i + 1].text in self.distributive
                and doc[i + 2].text == "-" and is_capitalised(doc[i + 3])):
            return i
        j = i + 4
        while j + 1 < n and doc[j].lower_ in _NAME_CONJUNCTIONS and doc[j + 1].text in place_names():
            j += 2
        return j

    def _is_unit(self, text: str) -> bool:
        """A unit word ("Pembinaan") or a glued unit abbreviation ("Binapigiatja")."""
        if text in self.units:
            return True
        low = text.lower()
        return text[:1].isupper() and any(stem in low for stem in self.stems)
