"""Role titles ("Kepala Lapas", "Kalapas", "Kasi Giatja", "Direktur"), canonical title in `_.value`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon
from .shapes import is_capitalised, longest_first, phrase_matcher, place_names

_NAME_CONJUNCTIONS = tuple(lexicon.grammar().name_conjunctions)


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
        self.stop = set(orgs.name_stop_words) | set(self.titles)
        self.units = set(data.unit_words)
        self.stems = tuple(data.unit_stems)
        self.matcher = phrase_matcher(nlp, {"ROLE": list(self.titles)})
        self.prefix_matcher = phrase_matcher(nlp, {"PREFIX": data.role_prefixes})

    def __call__(self, doc: Doc) -> Doc:
        prefix_end = {end: start for _, start, end in self.prefix_matcher(doc)}
        org_starts = {s.start for s in doc.spans.get(A.ORGS, [])}
        spans = []
        for _, start, end in self.matcher(doc):
            base = self.titles[doc[start:end].text]
            title = base
            prefix_start = prefix_end.get(start)
            if prefix_start is not None:
                title = f"{doc[prefix_start:start].text} {title}"
                start = prefix_start
            unit_end = self._unit_end(doc, end, org_starts) if base in self.takes_org else end
            if unit_end > end:
                title = f"{title} {doc[end:unit_end].text}"
                end = unit_end
            span = Span(doc, start, end, label="ROLE")
            span._.value, span._.rule = title, "role_title"
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
            if not is_capitalised(tok) or tok.text in self.stop or tok.text in self.heads or tok.is_sent_start \
                    or tok.text in place_names() or not tok.text.replace("-", "").isalnum():
                break
            j += 1
        if j == i:
            return i
        units = i
        while units < j and (self._is_unit(doc[units].text) or doc[units].lower_ in _NAME_CONJUNCTIONS):
            units += 1
        if units > i and doc[units - 1].lower_ not in _NAME_CONJUNCTIONS:
            return units  # "Kepala Seksi Bimbingan Klien Dewasa Niken": the name starts after the unit
        if j in org_starts:
            return j
        if j + 1 < n and doc[j].text == "," and is_capitalised(doc[j + 1]) and doc[j + 1].text not in self.stop:
            return j
        return i

    def _is_unit(self, text: str) -> bool:
        """A unit word ("Pembinaan") or a glued unit abbreviation ("Binapigiatja")."""
        if text in self.units:
            return True
        low = text.lower()
        return text[:1].isupper() and any(stem in low for stem in self.stems)
