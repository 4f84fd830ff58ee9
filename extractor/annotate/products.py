"""Products inmates make: a known product or head noun, or a noun phrase after a production word.

A lexicon alone misses new goods ("lifeguard chair"), a context rule alone catches
services ("pelatihan pembuatan laundry"); together, with the data file's stop and
not-a-product lists, they cover both.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon
from .shapes import longest_first, phrase_matcher

MAX_WORDS = 5
_CONJUNCTIONS = set(lexicon.grammar().product_conjunctions)  # not ",": it opens appositions ("X, salah satu ...")


@Language.factory("idpr_product_recognizer", assigns=["doc.spans"])
def make_product_recognizer(nlp: Language, name: str) -> "ProductRecognizer":
    return ProductRecognizer(nlp)


class ProductRecognizer:
    """Writes `doc.spans["products"]`; `_.value` is the name without filler words."""

    def __init__(self, nlp: Language):
        data = lexicon.products()
        self.heads = set(data.heads)
        self.needs_modifier = set(data.needs_modifier)
        self.contexts = set(data.contexts)
        self.stop = set(data.stop_words)
        self.materials = set(data.material_words)
        self.not_products = set(data.not_products)
        self.known = phrase_matcher(nlp, {"KNOWN": data.known}, attr="LOWER")
        # a bare head counts only where the sentence speaks of making, training or selling
        self.activity_words = {w for words in lexicon.cues().activities.values() for w in words if " " not in w}

    def __call__(self, doc: Doc) -> Doc:
        seg = doc._.segments or {}
        title = seg.get("title")
        spans = []
        self._rejected: list[tuple[int, int]] = []
        for _, start, end in self.known(doc):
            end = self._extend(doc, end, start)
            spans.append(self._span(doc, start, end, "known"))
        texts = A.token_texts(doc)
        # "Teh Nongki Semarang" is a partner's name, not tea the inmates make
        org_tokens = {i for o in doc.spans.get(A.ORGS, []) for i in range(o.start, o.end)}
        for i, text in enumerate(texts):
            low = text.lower()
            if low not in self.heads and low not in self.contexts:
                continue  # most tokens: decided on the string, no Token object built
            tok = doc[i]
            if title and title[0] <= tok.idx < title[1]:
                continue
            if low in self.heads and not text.isupper():
                end = self._extend(doc, i + 1, i)
                if low in self.needs_modifier and end == i + 1:
                    continue
                sent = A.sentence_span(doc, i)
                if not any(t.lower() in self.activity_words for t in texts[sent.start:sent.end]):
                    continue
                spans.append(self._span(doc, i, end, "head"))
            elif low in self.contexts and i + 1 < len(doc):
                start = i + 1
                while start < len(doc):  # "pembuatan rice bowl dan choco lava": every conjunct is made
                    end = self._extend(doc, start, start)
                    if not self._context_product(doc, start, end):
                        break
                    spans.append(self._span(doc, start, end, "context"))
                    if end + 1 >= len(doc) or doc[end].lower_ not in _CONJUNCTIONS:
                        break
                    start = end + 1
        rejected = {i for a, b in self._rejected for i in range(a, b)}  # nor a word of a rejected category
        kept = longest_first([s for s in spans if s is not None and not _inside_org(s, org_tokens)
                              and not (s.start in rejected and s.end - 1 in rejected)])
        # a bare head ("sapu") is the same product as a fuller one ("sapu lidi") in the article
        fuller = {w for s in kept if len(s) > 1 for w in s._.value.split()}
        doc.spans[A.PRODUCTS] = [s for s in kept if len(s) > 1 or s._.value not in fuller]
        return doc

    def _context_product(self, doc: Doc, start: int, end: int) -> bool:
        first = doc[start].lower_
        return end > start and first not in self.not_products and not _verb_like(first) \
            and doc[start:end].text.lower() not in self.not_products and first not in self.contexts

    def _extend(self, doc: Doc, i: int, start: int) -> int:
        n = len(doc)
        while i < n and i - start < MAX_WORDS:
            tok = doc[i]
            low = tok.lower_
            if low == "dari" and i + 1 < n and doc[i + 1].lower_ in self.materials:
                i += 1
                continue
            if tok.is_punct and tok.text != "-" or tok.is_space or low in self.stop or tok.like_num \
                    or not tok.text[:1].islower() or low in self.contexts or (_verb_like(low) and low not in self.heads):
                break
            i += 1
        return i

    def _span(self, doc: Doc, start: int, end: int, rule: str):
        if end <= start:
            return None
        span = Span(doc, start, end, label="PRODUCT")
        words = [t.text.lower() for t in span if t.lower_ not in {"dari"}]
        value = " ".join(words)
        if value in self.not_products:
            self._rejected.append((start, end))
            return None  # a category ("kerajinan tangan") or an input ("gula pasir"), not a good
        span._.value, span._.rule = value, f"product:{rule}"
        return span


def _inside_org(span: Span, org_tokens: set[int]) -> bool:
    return span.start in org_tokens or (span.end - 1) in org_tokens


_VERB_PREFIXES = tuple(lexicon.grammar().verb_prefixes)


def _verb_like(word: str) -> bool:
    """Affixed verbs and nominalisations ("berjalan", "dikerjakan", "pelatihan") name no goods."""
    if word.startswith("ke") and not word.endswith("an"):
        return False  # ke- makes nouns only with -an ("kegiatan"): "kentang", "kedelai", "kelapa" are goods
    return len(word) > 5 and word.startswith(_VERB_PREFIXES)
