"""Products inmates make: a known product or head noun, or a noun phrase after a production word.

A lexicon alone misses new goods ("lifeguard chair"), a context rule alone catches
services ("pelatihan pembuatan laundry"); together, with the data file's stop and
not-a-product lists, they cover both.
"""
from __future__ import annotations

from collections import Counter

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
        # lists of goods ("yaitu nastar, putri salju dan ...") and counted goods ("50 buah X")
        # a marker is looked for at its longest word: "antaranya", not the frequent "di"
        self.markers: dict[str, list[tuple[list[str], int]]] = {}
        for words in (m.split() for m in data.list_markers):
            key = max(words, key=len)
            self.markers.setdefault(key, []).append((words, words.index(key)))
        self.list_triggers = set(data.list_triggers)
        self.list_enders = set(data.list_enders)
        self.list_blockers = set(data.list_blockers)
        self.range_separators = set(data.range_separators)
        self.classifiers = set(data.classifiers)
        self.number_words = set(data.number_words)
        self.head_blockers = {k: set(v) for k, v in data.head_blockers.items()}
        self.material_intros = set(data.material_intros)
        self.fillers = set(data.leading_fillers)
        self.variants = dict(data.variants)
        self.adjective_heads = set(data.adjective_heads)
        self.farming = set(data.farming_words)
        self.fields = set(data.field_words)
        self.openers = set(data.item_openers)
        self.inputs = set(data.input_prefixes)
        # a bare head counts only where the sentence speaks of making, training or selling
        self.activity_words = {w for words in lexicon.cues().activities.values() for w in words if " " not in w}
        self.interesting = self.heads | self.contexts | set(self.markers) | self.classifiers

    def __call__(self, doc: Doc) -> Doc:
        seg = A.doc_attr(doc, "segments") or {}
        title = seg.get("title")
        spans = []
        self._rejected: list[tuple[int, int]] = []
        self._skills: list[tuple[int, int]] = []  # lists of training fields: no goods named inside
        for _, start, end in self.known(doc):
            end = self._extend(doc, end, start)
            spans.append(self._span(doc, start, end, "known"))
        texts = A.token_texts(doc)
        # "Teh Nongki Semarang" is a partner's name, not tea the inmates make
        org_tokens = {i for o in doc.spans.get(A.ORGS, []) for i in range(o.start, o.end)}
        lows = [t.lower() for t in texts]
        self._making: dict[int, bool] = {}
        interesting = self.interesting  # most tokens: decided on the string, no Token object built
        for i in [i for i, low in enumerate(lows) if low in interesting]:
            low = lows[i]
            marker = self._marker_at(lows, i) if low in self.markers else None
            quantity = low in self.classifiers and 0 < i < len(lows) - 1 and self._is_quantity(doc, lows, i - 1)
            if not (marker or quantity or low in self.heads or low in self.contexts):
                continue  # "di" that opens no "di antaranya"
            tok = doc[i]
            if title and title[0] <= tok.idx < title[1]:
                continue
            if marker:
                spans.extend(self._list_items(doc, lows, *marker))
            if quantity:
                end = self._extend(doc, i + 1, i + 1)
                if self._looks_like_goods(doc, i + 1, end) and lows[i + 1] not in self.not_products \
                        and (self._speaks_of_making(doc, lows, i) or self._names_goods(doc, lows, i)):
                    spans.append(self._span(doc, i + 1, end, "quantity"))
            if self._skills and any(a <= i < b for a, b in self._skills) and lows[i - 1] not in self.openers \
                    and low not in self.openers:
                continue  # inside a list of training fields, unless made ("produksi kemeja", "pembuatan mebel")
            if low in self.heads and not texts[i].isupper():
                if i + 1 < len(doc) and lows[i + 1] in self.head_blockers.get(low, ()):
                    continue  # "tahu cara membuat": to know, not tofu
                if i > 0 and lows[i - 1] in self.material_intros:
                    continue  # "berbahan manik-manik": the input of a good
                if low in self.adjective_heads and i > 0 and not self._noun_slot(doc, lows, i):
                    continue  # "ukuran seragam", "lebih seragam": the adjective
                end = self._extend(doc, i + 1, i)
                if low in self.needs_modifier and end == i + 1:
                    continue
                if not (i > 0 and lows[i - 1] in self.farming) and not self._speaks_of_making(doc, lows, i):
                    continue  # "area perikanan lele": raised by the inmates, whatever the sentence's verb
                spans.append(self._span(doc, i, end, "head"))
            elif low in self.contexts and i + 1 < len(doc):
                spans.extend(self._context_items(doc, lows, i + 1))
        rejected = {i for a, b in self._rejected for i in range(a, b)}  # nor a word of a rejected category
        kept = longest_first([s for s in spans if s is not None and not _inside_org(s, org_tokens)
                              and not (s.start in rejected and s.end - 1 in rejected)])
        doc.spans[A.PRODUCTS] = self._merge_variants(kept)
        return doc

    def _context_items(self, doc: Doc, lows: list[str], start: int) -> list:
        """"pembuatan rice bowl dan choco lava": every conjunct is made. Items after a bare comma
        ("membuat kue lidah kucing, nougat, kastengel dan roti") count once a conjunction closes the
        list; a comma with no closing conjunction may open an apposition ("sapu lidi, salah satu ...")."""
        n = len(doc)
        items, confirmed, closing = [], 0, True
        while start < n:
            end = self._extend(doc, start, start)
            if not self._context_product(doc, start, end):
                break
            items.append(self._span(doc, start, end, "context"))
            if closing:
                confirmed = len(items)
            if end + 1 >= n:
                break
            sep = lows[end]
            if sep in _CONJUNCTIONS:
                closing, start = True, end + 1
            elif sep == "," and (lows[end + 1] in _CONJUNCTIONS or lows[end + 1] in self.range_separators):
                closing, start = True, end + 2  # ", dan roti", ", hingga pakaian"
            elif sep == ",":
                closing, start = False, end + 1
            else:
                break
        return items[:confirmed]

    def _merge_variants(self, kept: list[Span]) -> list[Span]:
        """One product per good: a bare head ("sapu") or a spelling variant ("cabe") joins the fuller one;
        a shorter mention ("ikan lele") joins "ikan lele dumbo"; a seed of a good ("bibit ikan lele") is its input."""
        values = [A.span_attr(s, "value") for s in kept]
        variants = self.variants
        keys = [" ".join([variants.get(w, w) for w in v.split()]) if " " in v else variants.get(v, v) for v in values]
        fuller = {w for k in keys if " " in k for w in k.split()}
        # "ikan lele" inside one fuller name only; the general good of two varieties ("ikan asin layang
        # dan ikan asin teri") stands on its own
        prefixes = Counter(" ".join(k.split()[:j]) for k in set(keys) if " " in k for j in range(2, k.count(" ") + 1))
        first: dict[str, str] = {}
        out = []
        for s, value, key in zip(kept, values, keys):
            if " " not in key and key in fuller or prefixes.get(key) == 1:
                continue  # a bare head ("sapu") of a fuller product ("sapu lidi")
            head, _, rest = key.partition(" ")
            if head in self.inputs and (rest in keys or rest in prefixes):
                continue
            same = first.setdefault(key, value)
            if same != value:
                A.set_span_attr(s, "value", same)  # "cabe" after "cabai": the article's first spelling
            out.append(s)
        return out

    def _noun_slot(self, doc: Doc, lows: list[str], i: int) -> bool:
        """The word before stands before a noun: a conjunction, a comma, a classifier, a number, or a
        making, training or selling word ("kaos dan seragam", "stel seragam", "pesanan seragam")."""
        prev = lows[i - 1]
        return prev in _CONJUNCTIONS or prev == "," or prev in self.classifiers or prev in self.activity_words \
            or prev in self.contexts or self._is_quantity(doc, lows, i - 1)

    def _speaks_of_making(self, doc: Doc, lows: list[str], i: int) -> bool:
        k = A.sentence_index(doc, i)
        if k not in self._making:
            starts = A.sentence_starts(doc)
            end = starts[k + 1] if k + 1 < len(starts) else len(lows)
            self._making[k] = not self.activity_words.isdisjoint(lows[starts[k]:end])
        return self._making[k]

    def _names_goods(self, doc: Doc, lows: list[str], i: int) -> bool:
        """The sentence calls something a product or a work ("hasil karya warga binaan")."""
        sent = A.sentence_span(doc, i)
        return not self.list_triggers.isdisjoint(lows[sent.start:sent.end])

    def _is_quantity(self, doc: Doc, lows: list[str], i: int) -> bool:
        return i >= 0 and (lows[i] in self.number_words or lows[i][:1].isdigit() and doc[i].like_num)

    def _looks_like_goods(self, doc: Doc, start: int, end: int) -> bool:
        """A short lower-case noun phrase: no verb, no category word, no "lainnya"."""
        if not 0 < end - start <= 4:
            return False
        first = doc[start].lower_
        return first not in self.list_enders and first not in self.contexts \
            and (first in self.heads or not _verb_like(first))

    def _marker_at(self, lows: list[str], i: int):
        """(start, words) of the list marker whose longest word is token i, if any."""
        for words, offset in self.markers[lows[i]]:
            start = i - offset
            if start >= 0 and lows[start:start + len(words)] == words:
                return start, words
        return None

    def _list_items(self, doc: Doc, lows: list[str], i: int, marker: list[str]) -> list:
        """Goods listed after "yaitu", "seperti", "antara lain" ... when goods or making are in sight."""
        n = len(lows)
        sent = A.sentence_span(doc, i)
        window = lows[max(sent.start, i - 8):i]
        near = window[-3:]
        if any(w in self.list_blockers for w in near):
            return []  # "peralatan dapur seperti oven, mixer": tools, not goods
        if any(w in self.fields for w in near):
            self._skills.append((i, sent.end))
            return []  # "pelatihan di bidang lain, seperti konveksi, pengolahan kopi": skills
        if marker[0] == "berupa" and any(w in self.heads for w in near):
            return []  # "anyaman rotan berupa keranjang": the good is named already
        if not any(w in self.list_triggers or w in self.heads or w in self.contexts or w in self.activity_words
                   for w in window) and self.activity_words.isdisjoint(lows[max(sent.start, i - 12):i]):
            return []
        separators = _CONJUNCTIONS | (self.range_separators if marker[0] == "mulai" else set())
        start = i + len(marker)
        if start < n and lows[start] in {",", ":"}:
            start += 1
        items, seen = [], 0
        while start < sent.end:
            if lows[start] in self.fillers or lows[start] in self.openers and start + 1 < sent.end:
                start += 1  # "produksi bola sepak": the good after the making word
            end = self._extend(doc, start, start)
            if end == start and self._instrument(lows[start]):
                end = self._extend(doc, start + 1, start)  # "perangkap tikus": a tool named by its use
                if end == start + 1 or lows[start + 1] in self.heads:
                    end = start
            if not self._looks_like_goods(doc, start, end) and not (end > start + 1 and self._instrument(lows[start])):
                if seen and lows[start] in self.fields:
                    self._skills.append((i, start))
                    return []  # "barista, hidroponik, serta berbagai bidang keahlian lainnya": skills
                break
            seen += 1
            if lows[start] not in self.not_products:
                items.append(self._span(doc, start, end, "list"))
            if end < sent.end and (lows[end] == "dari" or lows[end] in self.material_intros):
                # "keset dari bahan limbah, meubel dari rotan sintetis": the material, then the next item
                stop = min(sent.end, end + 7)
                end = next((k for k in range(end, stop) if lows[k] == "," or lows[k] in separators), end)
            if end >= sent.end or lows[end] not in separators and lows[end] != ",":
                break
            start = end + 1
            if start < n and lows[start] in separators:  # ", dan"
                start += 1
        return items

    @staticmethod
    def _instrument(word: str) -> bool:
        """peN- without -an names a tool or an agent ("perangkap", "pembersih"), not an activity."""
        return word.startswith("pe") and not word.endswith("an") and len(word) > 5

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
                    or not tok.text[:1].islower() and (low not in self.heads or tok.text.isupper() or i == start) \
                    or low in self.contexts or (_verb_like(low) and low not in self.heads):
                break  # a capitalised word goes on a good only as a goods word ("baju Batik")
            i += 1
        return i

    def _span(self, doc: Doc, start: int, end: int, rule: str):
        if end - start > 1 and doc[start].lower_ in self.fillers:
            start += 1  # "aneka kue kering" is "kue kering"
        if end <= start:
            return None
        span = Span(doc, start, end, label="PRODUCT")
        words = [t.text.lower() for t in span if t.lower_ not in {"dari"}]
        value = " ".join(words)
        if value in self.not_products:
            self._rejected.append((start, end))
            return None  # a category ("kerajinan tangan") or an input ("gula pasir"), not a good
        A.set_span_attr(span, "value", value)
        A.set_span_attr(span, "rule", f"product:{rule}")
        return span


def _inside_org(span: Span, org_tokens: set[int]) -> bool:
    return span.start in org_tokens or (span.end - 1) in org_tokens


_VERB_PREFIXES = tuple(lexicon.grammar().verb_prefixes)


def _verb_like(word: str) -> bool:
    """Affixed verbs and nominalisations ("berjalan", "dikerjakan", "pelatihan") name no goods."""
    if word.startswith("ke") and not word.endswith("an"):
        return False  # ke- makes nouns only with -an ("kegiatan"): "kentang", "kedelai", "kelapa" are goods
    if word[:2] in ("me", "pe") and word[2:3] in ("a", "e", "i", "o", "u"):
        return False  # meN-/peN- take "meng-"/"peng-" before a vowel: "meubel" is furniture
    return len(word) > 5 and word.startswith(_VERB_PREFIXES)
