"""Token shapes the recognizers share: what can be part of a proper name in this genre."""
from __future__ import annotations

from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..lexicon import place_names  # noqa: F401  (re-exported for the recognizers)

_CLASS_WORDS = tuple(lexicon.grammar().class_words)
_CIRCUMFIXES = tuple(tuple(c.split("-")) for c in lexicon.grammar().noun_circumfixes)
_CIRCUMFIX_OPENERS = tuple({pre for pre, _ in _CIRCUMFIXES})


def is_capitalised(token: Token) -> bool:
    """Starts with a capital or digit: "Rajasa", "IIA", "3", "CV.", "TELISIKFAKTA.COM"."""
    first = token.text[:1]
    return bool(first) and (first.isupper() or first.isdigit()) and not token.is_punct


def derived_noun(text: str) -> bool:
    """"Ketenagakerjaan", "Perindustrian": a circumfix (ke-an, per-an, ...) around a stem of four
    letters or more names a thing or a field, never a person."""
    low = text.lower()
    return low.startswith(_CIRCUMFIX_OPENERS) and any(
        low.startswith(pre) and low.endswith(suf) and len(low) - len(pre) - len(suf) >= 4 for pre, suf in _CIRCUMFIXES)


def phrase_matcher(nlp, phrases: dict[str, list[str]], attr: str = "ORTH") -> PhraseMatcher:
    """A PhraseMatcher keyed by label; patterns are tokenized by the pipeline's own tokenizer."""
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for label, items in phrases.items():
        matcher.add(label, [nlp.make_doc(p) for p in items])
    return matcher


def longest_first(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, longer ones winning, in text order (spaCy's filter_spans)."""
    from spacy.util import filter_spans

    return sorted(filter_spans(spans), key=lambda s: s.start)




def facility_tail_end(doc: Doc, i: int) -> int:
    """End of what follows a facility head: "(Lapas)", category words, "Kelas IIB", a place.

    Shared by the organization reader and by role titles that name a facility by
    themselves ("Kalapas Kelas I Cirebon", "Karutan Tanjungpinang").
    """
    data = lexicon.organizations()
    categories, classes = set(data.facility_categories), set(data.facility_classes)
    n = len(doc)
    # "(Lapas)", and "(Kalapas)" too: a role abbreviation after the head, dropped from the name later
    if i + 2 < n and doc[i].text == "(" and doc[i + 2].text == ")" and is_capitalised(doc[i + 1]):
        i += 3
        if i < n and doc[i].text in _head_endings():
            i += 1  # "Rumah Tahanan (Rutan) Negara Kelas IIB": the bracket inside the head
    while i < n and doc[i].text in categories:
        i += 1
    if i < n and doc[i].text in _CLASS_WORDS:
        j = i + 1
        if j < n and doc[j].text in classes:
            j += 1
            if j < n and doc[j].text in ("A", "B") and doc[j - 1].text in ("II", "ll", "lI", "Il"):
                j += 1
            i = j
            if soft_break(doc, i) and i + 1 < n and doc[i + 1].text in place_names():
                i += 1  # "Lapas Kelas ll B\nPanyabungan": a hard-wrapped line inside the name
    while i < n and doc[i].text in categories:
        i += 1
    return i


@lru_cache(maxsize=None)
def _head_endings() -> frozenset:
    """Last words of long facility heads that are no category ("Negara" of "Rumah Tahanan Negara")."""
    data = lexicon.organizations()
    return frozenset(w.split()[-1] for h in data.heads if h.kind == "correctional_facility" for w in h.words
                     if " " in w) - set(data.facility_categories)


def soft_break(doc: Doc, i: int) -> bool:
    """Token i is a line break inside a sentence (hard-wrapped text): the line before it does not
    end in punctuation."""
    return i < len(doc) and doc[i].is_space and "\n\n" not in doc[i].text and i > 0 \
        and doc[i - 1].text not in (".", "!", "?", ":", ";", '"', "”")
