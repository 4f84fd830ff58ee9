"""Role titles ("Kepala Lapas", "Kalapas", "Kasi Giatja", "Direktur"), canonical title in `_.value`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon
from .shapes import longest_first, phrase_matcher


@Language.factory("idpr_role_recognizer", assigns=["doc.spans"])
def make_role_recognizer(nlp: Language, name: str) -> "RoleRecognizer":
    return RoleRecognizer(nlp)


class RoleRecognizer:
    """Writes `doc.spans["roles"]`; abbreviations are expanded through the data file."""

    def __init__(self, nlp: Language):
        data = lexicon.roles()
        self.titles = {alias: role.title for role in data.roles for alias in role.aliases}
        self.matcher = phrase_matcher(nlp, {"ROLE": list(self.titles)})
        self.prefix_matcher = phrase_matcher(nlp, {"PREFIX": data.role_prefixes})

    def __call__(self, doc: Doc) -> Doc:
        prefix_end = {end: start for _, start, end in self.prefix_matcher(doc)}
        spans = []
        for _, start, end in self.matcher(doc):
            title = self.titles[doc[start:end].text]
            prefix_start = prefix_end.get(start)
            if prefix_start is not None:
                title = f"{doc[prefix_start:start].text} {title}"
                start = prefix_start
            span = Span(doc, start, end, label="ROLE")
            span._.value, span._.rule = title, "role_title"
            spans.append(span)
        doc.spans[A.ROLES] = longest_first(spans)
        return doc
