"""Mentions -> organizations: one per real organization, under its fullest written name.

"Lapas Purwokerto", "Lapas Kelas IIA Purwokerto" and "Lembaga Pemasyarakatan (Lapas)
Kelas IIA Purwokerto" are one facility: facilities are keyed by head, category and place;
other names merge when one's words are contained in the other's ("CV. Rajasa Mas Jaya"
in "CV. Rajasa Mas Jaya Cilacap") or when one is the other's bracketed abbreviation.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon

_PUNCT = re.compile(r"[^\w\s]")
_PLACE_CUES = set(lexicon.grammar().location_cues) | set(lexicon.grammar().apposition) \
    | set(lexicon.grammar().name_function_words)
_CLASS_WORDS = tuple(lexicon.grammar().class_words)
_CAPITAL_CLASS_WORDS = tuple(w for w in _CLASS_WORDS if w[:1].isupper())  # "Kelas", "Klas"
_LONG_FORM_HEADS = tuple(lexicon.grammar().long_form_heads)
_CLASS = re.compile(rf"\b(?:{'|'.join(map(re.escape, _CAPITAL_CLASS_WORDS))})\s+([IVXl1-4]+(?:\s?[AB])?)\b")
_BRACKET = re.compile(r"\(([A-Za-z][A-Za-z0-9.]{1,14})\)")
# "( DPMPTSP Naker )": an abbreviation of up to three words, spaces inside the brackets allowed
_BRACKET_WORDS = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9.]{1,14}(?: [A-Za-z][A-Za-z0-9.]{1,14}){0,2})\s*\)")


@lru_cache(maxsize=None)
def _head_index() -> list[tuple[str, lexicon.OrgHead]]:
    heads = [(w, h) for h in lexicon.organizations().heads for w in h.words]
    return sorted(heads, key=lambda x: -len(x[0]))


@lru_cache(maxsize=None)
def _sub_unit_heads() -> tuple[tuple, frozenset]:
    """Head words of sub-units (LPPM, Fakultas), and the heads of the bodies they belong to."""
    heads = lexicon.organizations().heads
    subs = tuple(w for h in heads if h.sub_unit for w in h.words)
    kinds = {h.kind for h in heads if h.sub_unit}
    return subs, frozenset(w for h in heads if h.kind in kinds and not h.sub_unit for w in h.words)


def normalise(name: str) -> list[str]:
    return list(_normalise(name))


@lru_cache(maxsize=8192)
def _normalise(name: str) -> tuple[str, ...]:
    """Lower-case words with punctuation removed and the usual abbreviations expanded."""
    abbrev = lexicon.abbreviations()
    words = []
    for word in _PUNCT.sub(" ", name.lower()).split():
        words.extend(abbrev.get(word, word).split())
    return tuple(words)


@lru_cache(maxsize=8192)
def facility_key(name: str) -> Optional[tuple[str, str, str]]:
    """(head, category, place) of a facility name, or None if it is not one."""
    data = lexicon.organizations()
    text = " ".join(_BRACKET.sub(" ", name).split())  # "Rumah Tahanan (Rutan) Negara": the head whole again
    for word, head in _head_index():
        if head.kind == "correctional_facility" and text.startswith(word):
            rest = text[len(word):].split()
            category = next((c for c in data.facility_categories if c in head.words[0]), "")
            cats = [w for w in rest if w in data.facility_categories]
            category = category or (cats[0] if cats else "")
            place = [w for w in rest if w not in data.facility_categories and w not in data.facility_classes
                     and w not in _CLASS_WORDS + ("A", "B")]
            return (head.short or word, category, " ".join(place).lower())
    return None


def same_place(a: str, b: str) -> bool:
    """"lowokwaru" and "lowokwaru kota malang", "cerme gresik" and "gresik" name one place; "" names none."""
    if not a or not b:
        return False
    wa, wb = a.split(), b.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if long_[:len(short)] == short:
        return True
    if len(long_) == len(short) + 1 and long_[1:] == short:
        return True  # "cerme gresik" / "gresik": a district written before its regency
    # "Kota Agung" / "Kotaagung", "Lubuk Linggau" / "Lubuklinggau": one place spelt two ways
    fa, fb = "".join(wa), "".join(wb)
    return fa == fb or fa.startswith(fb) and len(fb) >= 8 or fb.startswith(fa) and len(fa) >= 8


def keys_list(cluster: dict) -> list:
    return [facility_key(n) for n in cluster["names"]]


def _typo(a: str, b: str) -> bool:
    """One letter added, dropped or changed in a place of five letters or more."""
    if not a or not b or a == b or min(len(a), len(b)) < 5:
        return False
    return _typo_letters(a, b)


def _typo_letters(a: str, b: str) -> bool:
    """One letter added, dropped or changed ("Muhamnadiyah" for "Muhammadiyah")."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _one_word_typo(a: list, b: list) -> bool:
    """"Panti Asuhan Putra Muhamnadiyah" is "... Muhammadiyah": the same words but one, mistyped."""
    if len(a) != len(b) or len(a) < 3:
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and len(diff[0][0]) >= 6 and _typo_letters(*diff[0])


def _same_class(a: str, b: str) -> bool:
    """Both names give the same class ("Kelas IIA"); a typo merge needs that much agreement."""
    ca = _CLASS.search(a)
    cb = _CLASS.search(b)
    return bool(ca and cb and ca.group(1).replace(" ", "") == cb.group(1).replace(" ", ""))


def _class_agrees(name: str, others: list[str]) -> bool:
    """Every class the names write is the same one (a name without a class agrees with any)."""
    classes = {m.group(1).replace(" ", "") for n in [name] + others for m in _CLASS.finditer(n)}
    return len(classes) <= 1


def _in(span: Span, rng) -> bool:
    """Title-case titles run names into verbs ("Dinas Perikanan Belitung Tebar ..."): never canonical."""
    return bool(rng) and rng[0] <= span.start_char < rng[1]


def _common_noun(tok) -> bool:
    """A lower-case word that is no preposition or visit verb: "pengembangan", "bertajuk", "program"."""
    return tok.is_lower and tok.is_alpha and tok.text not in _PLACE_CUES


def _abbrevs(text: str) -> set[str]:
    return {m.group(1).lower() for m in _BRACKET_WORDS.finditer(text)}


@lru_cache(maxsize=8192)
def _word_set(name: str) -> frozenset:
    return frozenset(_normalise(name))


@lru_cache(maxsize=4096)
def _without_abbrevs(text: str) -> frozenset:
    """The words of a name that writes a bracketed abbreviation, without it (two words or more), else empty."""
    if "(" not in text:
        return frozenset()
    words = frozenset(normalise(_BRACKET_WORDS.sub(" ", text)))
    return words if len(words) >= 2 else frozenset()


def _short_forms(text: str) -> set[str]:
    """What a bracketed abbreviation may stand for: the first word ("Disnaker (...)"), or the
    head's initial glued to the short name after it ("Dinas PMPTSP Naker" is "DPMPTSP Naker")."""
    words = text.lower().split()
    if not words:
        return set()
    out = {words[0]}
    if len(words) >= 2 and words[1].isalnum():  # "Dinas P2KBP3A" is "DP2KBP3A" too
        glued = words[0][0] + words[1]
        out |= {" ".join([glued] + words[2:k]) for k in range(2, min(len(words), 5) + 1)}
    return out


def _score(span_text: str, facility: bool) -> tuple:
    words = span_text.split()
    long_form = span_text.startswith(_LONG_FORM_HEADS)
    has_class = any(w in words for w in _CAPITAL_CLASS_WORDS)
    key = facility_key(span_text) if facility else None
    has_place = bool(key and key[2])
    return (has_place, has_class, long_form, len(words), len(span_text)) if facility else (len(words), len(span_text))


@Language.factory("idpr_name_resolver", assigns=["doc._.organizations"], requires=["doc.spans"])
def make_name_resolver(nlp: Language, name: str) -> "NameResolver":
    return NameResolver()


class NameResolver:
    """Sets `doc._.organizations` (name, kind, aliases, mention spans) and `span._.org_id`."""

    def __call__(self, doc: Doc) -> Doc:
        seg = A.doc_attr(doc, "segments") or {}
        title = seg.get("title")
        credit_ranges = [seg.get("signoff")] + [(c[0], c[1]) for c in seg.get("credits", [])]
        clusters: list[dict] = []
        # the fullest body names found the clusters, so that a short mention ("BRI Kuta", "PT KPI")
        # joins the name it shortens, not an earlier fragment; title-case titles run names into verbs
        mentions = []
        for span in doc.spans.get(A.ORGS, []):
            text = (A.span_attr(span, "value") or span.text).strip(" ,.;:")
            mentions.append((_in(span, title), -text.count(" "), span.start, text, span))
        mentions.sort(key=lambda m: m[:3])
        for _, _, _, text, span in mentions:
            if any(r and r[0] <= span.start_char < r[1] for r in credit_ranges):
                A.set_span_attr(span, "org_id", None)
                continue
            kind = A.span_attr(span, "kind")
            cluster = self._find(clusters, text, kind)
            if cluster is None:
                cluster = {"names": [], "kind": kind, "spans": [], "abbrevs": set()}
                clusters.append(cluster)
            cluster["names"].append(text)
            cluster["spans"].append(span)
            cluster["abbrevs"] |= _abbrevs(text)
        for cluster in clusters:  # back to text order: the first mention leads
            order = sorted(range(len(cluster["spans"])), key=lambda k: cluster["spans"][k].start)
            cluster["spans"] = [cluster["spans"][k] for k in order]
            cluster["names"] = [cluster["names"][k] for k in order]
        clusters.sort(key=lambda c: c["spans"][0].start if c["spans"] else len(doc))
        self._split_parents(doc, clusters)
        self._attach_placeless(clusters)
        self._attach_categoryless(clusters)
        self._drop_title_only(title, clusters)
        self._drop_programme_names(doc, clusters)
        orgs = []
        for idx, cluster in enumerate(c for c in clusters if c["spans"]):
            facility = cluster["kind"] == "correctional_facility"
            body_names = [n for n, sp in zip(cluster["names"], cluster["spans"]) if not _in(sp, title)]
            best = max(body_names or cluster["names"], key=lambda n: _score(n, facility))
            for span in cluster["spans"]:
                A.set_span_attr(span, "org_id", idx)
            aliases = sorted(set(cluster["names"]) - {best})
            orgs.append({"name": best, "kind": cluster["kind"], "aliases": aliases, "spans": cluster["spans"],
                         "key": facility_key(best) if facility else None})
        A.set_doc_attr(doc, "organizations", orgs)
        return doc

    @staticmethod
    def _find(clusters: list[dict], text: str, kind: str) -> Optional[dict]:
        key = facility_key(text) if kind == "correctional_facility" else None
        words = _word_set(text)
        bare = _without_abbrevs(text)
        for cluster in clusters:
            if cluster["kind"] != kind or not cluster["spans"]:
                continue
            if key is not None:
                keys = {facility_key(n) for n in cluster["names"]}
                if any(k and k[0] == key[0] and k[1] == key[1] and same_place(k[2], key[2]) for k in keys):
                    return cluster
                if any(k and k[0] == key[0] and k[1] == key[1] and _typo(k[2], key[2]) and _same_class(n, text)
                       for k, n in zip(keys_list(cluster), cluster["names"])):
                    return cluster  # "Lapas Kelas IIA Seran" is "Lapas Kelas IIA Serang" mistyped
                continue
            for name in set(cluster["names"]):
                other = _word_set(name)
                if words <= other or other <= words or _one_word_typo(normalise(text), normalise(name)):
                    return cluster
                other_bare = _without_abbrevs(name)
                if (bare and bare <= other) or (other_bare and other_bare <= words):
                    return cluster  # "Badan Diklat Industri (BDI)" / "Badan Diklat Industri Surabaya"
            if cluster["abbrevs"] and not cluster["abbrevs"].isdisjoint(_short_forms(text)):
                return cluster
            inner = _abbrevs(text)
            if inner and any(not inner.isdisjoint(_short_forms(n)) for n in cluster["names"]):
                return cluster
        return None

    def _split_parents(self, doc: Doc, clusters: list[dict]) -> None:
        """"Lembaga Penelitian ... (LPPM) Universitas Mataram (UNRAM)": a sub-unit named with its
        parent; when the article also names the parent alone ("UNRAM"), the parent ("Universitas
        Mataram (UNRAM)") is an organization of its own, and that mention is the parent's."""
        sub_heads, parents = _sub_unit_heads()
        if not any(n.startswith(sub_heads) for c in clusters for n in c["names"]):
            return
        texts = A.token_texts(doc)
        for cluster in list(clusters):
            span = next((sp for sp, n in zip(cluster["spans"], cluster["names"]) if n.startswith(sub_heads)), None)
            k = next((k for k in range(span.start + 1, span.end) if any(
                " ".join(texts[k:k + w]) in parents for w in (1, 2, 3))), None) if span is not None else None
            if k is None:
                continue
            parent = Span(doc, k, span.end, label="ORG")
            name = parent.text.strip(" ,.;:")
            short = _abbrevs(name)
            alone = [i for i, n in enumerate(cluster["names"]) if n.lower() in short]
            target = self._find([c for c in clusters if c is not cluster], name, cluster["kind"])
            if target is None and not alone:
                continue  # the parent is named only inside the sub-unit's name: no organization of its own
            A.set_span_attr(parent, "kind", cluster["kind"])
            A.set_span_attr(parent, "rule", "sub_unit_parent")
            if target is None:
                target = {"names": [], "kind": cluster["kind"], "spans": [], "abbrevs": set()}
                clusters.insert(clusters.index(cluster) + 1, target)
            target["names"].append(name)
            target["spans"].append(parent)
            for i in reversed(alone):
                target["names"].append(cluster["names"].pop(i))
                target["spans"].append(cluster["spans"].pop(i))

    @staticmethod
    def _drop_programme_names(doc: Doc, clusters: list[dict]) -> None:
        """"pengembangan Lapas Industri", "bertajuk Lapas Idol": a programme or event named after
        the facility. A real facility named once without class is written after a preposition or
        with a known place; a head + one unknown word after a common noun, in an article whose own
        facility is named with its class, names a programme."""
        facilities = [c for c in clusters if c["kind"] == "correctional_facility" and c["spans"]]
        with_class = {facility_key(n)[0] for c in facilities for n in c["names"]
                      if facility_key(n) and ("Kelas" in n or "Klas" in n)}
        places = lexicon.place_names()
        title = (A.doc_attr(doc, "segments") or {}).get("title")
        for cluster in facilities:
            key = facility_key(cluster["names"][0])
            if not key or key[0] not in with_class or any(len(s) != 2 or s[-1].text in places for s in cluster["spans"]):
                continue
            body = [s for s in cluster["spans"] if not _in(s, title)]
            if body and all(s.start and _common_noun(doc[s.start - 1]) for s in body):
                for span in cluster["spans"]:
                    A.set_span_attr(span, "org_id", None)
                cluster["spans"] = []

    @staticmethod
    def _drop_title_only(title, clusters: list[dict]) -> None:
        """Titles are often rebuilt from URL slugs and run names into verbs ("Kemenkumham Papua
        Berharap"): an organization written only in the title, matching none in the body, is dropped."""
        if not title or sum(1 for c in clusters if c["spans"]) < 2:
            return
        for cluster in clusters:
            if cluster["spans"] and all(_in(s, title) for s in cluster["spans"]):
                for span in cluster["spans"]:
                    A.set_span_attr(span, "org_id", None)
                cluster["spans"] = []

    @staticmethod
    def _attach_categoryless(clusters: list[dict]) -> None:
        """"Lapas Kelas II A Samarinda" after "Lapas Perempuan Kelas II A Samarinda": a name without
        the category word is the one facility of that head, place and class that has one."""
        for cluster in clusters:
            if cluster["kind"] != "correctional_facility" or not cluster["spans"]:
                continue
            keys = [facility_key(n) for n in cluster["names"]]
            if not keys or not all(k and not k[1] and k[2] for k in keys):
                continue
            targets = [c for c in clusters if c is not cluster and c["kind"] == "correctional_facility"
                       and c["spans"] and any((k := facility_key(n)) and k[1] and k[0] == keys[0][0]
                                              and same_place(k[2], keys[0][2])
                                              and _class_agrees(n, cluster["names"]) for n in c["names"])]
            if len(targets) == 1:
                targets[0]["names"].extend(cluster["names"])
                targets[0]["spans"].extend(cluster["spans"])
                cluster["spans"] = []

    @staticmethod
    def _attach_placeless(clusters: list[dict]) -> None:
        """"Lapas Kelas IIA" without a place belongs to the one facility of that head, if one."""
        for cluster in clusters:
            if cluster["kind"] != "correctional_facility":
                continue
            keys = [facility_key(n) for n in cluster["names"]]
            if any(k and k[2] for k in keys):
                continue
            head = keys[0][0] if keys and keys[0] else None
            targets = [c for c in clusters if c is not cluster and c["kind"] == "correctional_facility" and c["spans"]
                       and any((k := facility_key(n)) and k[0] == head and k[2] for n in c["names"])]
            if len(targets) == 1:
                targets[0]["names"].extend(cluster["names"])
                targets[0]["spans"].extend(cluster["spans"])
                cluster["spans"] = []
