"""Organization mentions: a head word from the data file, then the name it opens.

Names in this genre are shaped by their head: a facility is head + "(Lapas)" + class +
place, a company is legal form + capitalised words, a government body is head + name or
place. A head-then-tail reader (like spaCy's noun-chunk iterators) generalises to names
no gazetteer lists, which is most of them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon
from .shapes import derived_noun, facility_tail_end, is_capitalised, longest_first, phrase_matcher, place_names


@lru_cache(maxsize=None)
def _heads() -> dict[str, lexicon.OrgHead]:
    return {word: head for head in lexicon.organizations().heads for word in head.words}


@Language.factory("idpr_org_recognizer", assigns=["doc.spans"], requires=["doc._.segments"])
def make_org_recognizer(nlp: Language, name: str) -> "OrgRecognizer":
    return OrgRecognizer(nlp)


class OrgRecognizer:
    """Writes `doc.spans["orgs"]`; each span's `_.kind` is its organization kind, `_.rule` its head."""

    def __init__(self, nlp: Language):
        data = lexicon.organizations()
        self.heads = _heads()
        # "di lapas Kelas 1 X": a facility head written lower case, known by the class that follows
        self.lower_facility = {w.lower(): h for w, h in self.heads.items()
                               if h.tail == "facility" and " " not in w and w.lower() != w}
        self.matcher = phrase_matcher(nlp, {"HEAD": list(self.heads), "LOW": list(self.lower_facility)})
        self.low_label = nlp.vocab.strings["LOW"]
        self.partner_matcher = phrase_matcher(nlp, {"CTX": data.partner_contexts}, attr="LOWER")
        self.always_stop = set(data.name_stop_words)
        self.title_stop = self.always_stop | set(data.title_stop_words)
        self.stop = self.always_stop
        self.in_title = False
        self.legal_forms = set(data.legal_forms)
        self.patterns = [(re.compile(p["regex"]), lexicon.OrgHead(words=[p["regex"]], kind=p["kind"], tail=p["tail"]))
                         for p in data.head_patterns]
        self.connectors = set(data.name_connectors)
        self.categories = set(data.facility_categories)
        self.classes = set(data.facility_classes)
        self.suffixes = set(data.business_suffixes)
        self.generic = {g.lower() for g in data.generic_phrases}
        self.generic_words = [g.split() for g in self.generic]
        # titles before a name ("Dr.", "H.") end an organization name: a person follows
        # ("Ibu", "Pak" without a dot are words of names too: "Yayasan Kasih Ibu")
        self.prefixes = {p for p in lexicon.honorifics().prefixes if "." in p}
        self.always_stop = self.always_stop | self.prefixes
        self.title_stop = self.title_stop | self.prefixes
        self.stop = self.always_stop
        self.role_words = _role_words()
        self.role_abbrevs = _role_aliases()
        self.units = set(lexicon.roles().unit_words)
        self.after_role = False
        self.apposition = set(lexicon.grammar().apposition)
        self.venue_cues = set(data.venue_cues)
        self.closing = set(data.closing_suffixes)
        self.distributive = set(data.distributive_prefixes)
        self.in_list = False
        self.list_end: Optional[int] = None
        self.extra: list[Span] = []
        self.person_starts: set[int] = set()

    def __call__(self, doc: Doc) -> Doc:
        seg = A.doc_attr(doc, "segments") or {}
        found: list[Span] = []
        longest: dict[int, int] = {}
        low = []
        for label, start, end in self.matcher(doc):  # "Balai Pemasyarakatan", not "Balai" + a tail
            if label == self.low_label:
                low.append(start)
                continue
            longest[start] = max(end, longest.get(start, end))
        matches = [(start, end, self.heads[doc[start:end].text]) for start, end in longest.items()]
        for start in low:
            if start + 2 < len(doc) and doc[start + 1].text in _CAPITAL_CLASS_WORDS and doc[start + 2].text[:1].isalnum():
                matches.append((start, start + 1, self.lower_facility[doc[start].text]))
        matched = {i for s, e, _ in matches for i in range(s, e)}
        for i, text in enumerate(A.token_texts(doc)):
            if i not in matched and text[:1].isupper() and text.isalpha():
                head = next((h for rx, h in self.patterns if rx.match(text)), None)
                if head is not None:
                    matches.append((i, i + 1, head))
        self.extra = []
        self.person_starts = set()
        for start, end, head in matches:
            span = self._read(doc, start, end, head, seg)
            if span is not None:
                found.append(span)
        if self.person_starts:  # "Diskoperindag dan UKM Pati Nama Nama": no name runs into the holder's
            found = [_cut(s, self.person_starts) for s in found]
        found.extend(self.extra)
        found.extend(self._suffix_names(doc))
        partners = self._partner_names(doc, found)
        found.extend(partners)
        found.extend(self._outlets(doc, seg))
        found.extend(self._short_forms(doc, found))
        coordinated = self._coordinated(doc, found, seg)
        found.extend(coordinated)
        headless = [sp for sp in self.extra + partners + coordinated if len(sp) >= 2]
        if headless:
            found.extend(self._repeats(doc, found, headless))
        doc.spans[A.ORGS] = longest_first(found)
        return doc

    # --- head + tail -------------------------------------------------------------
    def _read(self, doc: Doc, start: int, end: int, head: lexicon.OrgHead, seg: dict) -> Optional[Span]:
        self.in_title = _in_title(doc, start, seg)
        self.stop = self.title_stop if self.in_title else self.always_stop
        if head.named_business and (self.in_title or doc[start].is_sent_start):
            return None
        texts = A.token_texts(doc)
        if head.venue and (end >= len(doc) or not is_capitalised(doc[end])
                           or start > 0 and texts[start - 1].lower() in self.venue_cues):
            return None  # "di Masjid At-Taubah", "di depan Gereja X": a building, not a body
        self.list_end = None
        self.after_role = self._role_before(texts, start)
        # "A, B dan C": in a list, "dan" ends the last item instead of joining two names
        self.in_list = start > 0 and texts[start - 1] in (",", ":", ";")
        if head.tail != "facility":
            end = _bracket_end(doc, end)
        if head.kind == "government" and end + 1 < len(doc) and texts[end] in _NAME_CONJUNCTIONS \
                and texts[end + 1] in self.units:
            end += 2  # "Disnakerperinkop dan UKM Kudus": the glued name goes on with its last unit
        if head.tail == "facility":
            tail_end = self._facility_tail(doc, end)
        elif head.tail == "place":
            tail_end = self._place_tail(doc, end)
        elif head.tail == "proper":
            tail_end = self._proper_tail(doc, end, head)
        else:
            tail_end = end
        if tail_end - end < head.min_tail:
            return None
        if self.after_role and head.tail == "proper" and tail_end - end >= 2:
            tail_end = self._known_shorter(doc, start, end, tail_end)
        if self.list_end is not None and self.list_end == tail_end:
            self._last_list_item(doc, tail_end + 1)
        span = Span(doc, start, tail_end, label="ORG")
        text = span.text
        if self._generic(text):
            return None
        _mark(span, head.kind, f"head:{head.words[0]}")
        if "(" in text or "\n" in text:
            A.set_span_attr(span, "value", self._without_role_bracket(span))
        return span

    def _role_before(self, texts: list[str], start: int) -> bool:
        """A role title stands right before the name, or before the unit words that open it
        ("Kepala Seksi Kurikulum dan Penilaian Bidang Pendidikan Dasar Dinas ...")."""
        if not self.role_words.isdisjoint(texts[max(0, start - 3):start]):
            return True
        k = start - 1
        if k < 0 or not (texts[k] in self.units or derived_noun(texts[k])):
            return False
        while k >= 0 and start - k <= 8 and (texts[k] in self.units or texts[k] in _NAME_CONJUNCTIONS
                                             or derived_noun(texts[k])):
            k -= 1
        return start - k > 2 and k >= 0 and texts[k] in self.role_words

    def _last_list_item(self, doc: Doc, i: int) -> None:
        """"mitra antara lain: Bapas X, PT. Y dan Teh Nongki Semarang.": the item after a list's
        final "dan" is an organization too, even without a head word."""
        j, n = i, len(doc)
        while j < n and j - i < 5 and is_capitalised(doc[j]) and doc[j].text not in self.stop \
                and not doc[j].is_sent_start and doc[j].text.replace("-", "").isalnum():
            j += 1
        if j - i < 2 or self._opens_any(doc, i) or doc[i:j].text in place_names() \
                or (j < n and not (doc[j].text in (".", ",", ";") or doc[j].text[:1].islower())):
            return
        span = Span(doc, i, j, label="ORG")
        _mark(span, "company", "list_item")
        self.extra.append(span)

    def _person_words(self, doc: Doc, i: int, end: int) -> bool:
        """Tokens i..end could be a person's name: no head, place, unit or stop word among them."""
        places = place_names()
        texts = A.token_texts(doc)
        return all(t not in self.heads and t not in places and t not in self.units and t not in self.stop
                   for t in texts[i:end]) and not any(self._opens_any(doc, j) for j in range(i, end))

    def _known_shorter(self, doc: Doc, start: int, head_end: int, end: int) -> int:
        """"pemilik UD Rotan Kahayan Supriadi Ahmad": after a role, the name may run on into the
        role holder's. When the article also writes a shorter form on its own ("UD Rotan Kahayan
        memproduksi", "dengan Dapur Roaku dan"), the words after it are the person's."""
        if not self._person_words(doc, end - 1, end) or (end + 1 < len(doc) and doc[end].text == ","
                                                           and is_capitalised(doc[end + 1])):
            return end  # "Ketua Panti X Lubukbasung, Dabesri Bara": the holder's name follows the comma
        text = A.doc_text(doc)
        lo, hi = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        for k in range(end - 1, head_end, -1):
            if not (is_capitalised(doc[k]) and doc[k].text.isalpha()) or not self._person_words(doc, k, end):
                continue
            for first in (start, head_end):
                if k - first < 1 or (first == head_end and k - first < 2):
                    continue
                short = doc[first:k].text
                pos = text.find(short)
                while pos != -1:
                    after = text[pos + len(short):pos + len(short) + 2].strip()
                    if (pos + len(short) <= lo or pos >= hi) and (not after or not after[:1].isupper()):
                        return k
                    pos = text.find(short, pos + 1)
        return end

    def _generic(self, text: str) -> bool:
        """"Unit Pelaksana Teknis (UPT) Pemasyarakatan" is the generic "UPT Pemasyarakatan": the
        bracket stands for the words before it."""
        if text.lower() in self.generic:
            return True
        if "(" not in text:
            return False
        short = _GENERIC_BRACKET.sub(" ", text).lower().split()
        head, _, rest = text.partition("(")
        inner, _, after = rest.partition(")")
        return short in self.generic_words or (inner + " " + after).lower().split() in self.generic_words

    def _without_role_bracket(self, span: Span) -> Optional[str]:
        """"Lembaga Pemasyarakatan (Kalapas) Kelas IIA Sibolga": the bracket names the head's
        role, not the organization, so the name is written without it."""
        texts = A.token_texts(span.doc)[span.start:span.end]
        for i in range(len(texts) - 2):
            if texts[i] == "(" and texts[i + 2] == ")" and texts[i + 1] in self.role_abbrevs:
                return " ".join((span[:i].text + " " + span[i + 3:].text).split())
        if "\n" in span.text:  # "Lapas Kelas ll B\nPanyabungan": a wrapped line
            return " ".join(span.text.split())
        return None

    def _facility_tail(self, doc: Doc, i: int) -> int:
        if i + 1 < len(doc) and doc[i].text in self.distributive and doc[i + 1].text == "-":
            return i  # "Lapas se-Nusakambangan": every facility of a place, none by name
        tail = facility_tail_end(doc, i)
        end = self._place_tail(doc, tail)
        if end == tail + 1 and doc[tail].text in _CAPITAL_CLASS_WORDS:
            named = self._place_tail(doc, tail + 1)  # "Lapas Kelas Batu Nusakambangan": a class by name
            end = named if named > tail + 1 else tail
        if end == i + 3 and doc[i].text == "(":
            return i  # "Lapas (KPLP)": a bracket alone is no facility name
        return end

    def _place_tail(self, doc: Doc, i: int) -> int:
        """A gazetteer place (longest), else up to two capitalised words that open no other name."""
        n = len(doc)
        if i < n and doc[i].text in _LEVELS:
            i += 1
        places = place_names()
        for width in (4, 3, 2, 1):
            if i + width <= n and _words(doc, i, width) in places:
                i += width
                # "Muara" + "Bungo", "Palembang" + "Sumatera Selatan": a place run on by another place name
                while i < n and is_capitalised(doc[i]) and not doc[i].is_sent_start:
                    if i + 1 < n and _words(doc, i, 2) in places and not doc[i + 1].is_sent_start:
                        i += 2
                    elif places.get(doc[i].text, "kecamatan") != "kecamatan":
                        i += 1  # (a district name is a common word or a name too often)
                    elif i + 1 < n and self._place_word(doc[i]) and not doc[i + 1].is_sent_start \
                            and places.get(doc[i + 1].text, "kecamatan") != "kecamatan":
                        i += 2  # "Tanjung Gusta Medan": one word bridges to the city the name ends in
                    else:
                        break
                # "Pangkalan Brandan terus ...": one more name word where the name plainly ends after it
                if not self.in_title and i + 1 < n and self._place_word(doc[i]) \
                        and (not self.after_role and (doc[i + 1].is_punct or doc[i + 1].text[:1].islower())
                             or self.after_role and _ends_elsewhere(doc, i)):
                    i += 1  # after a role, only when the article writes the place ending there elsewhere
                return i
        if i + 2 < n and doc[i].like_num and doc[i + 1].text == "/" and is_capitalised(doc[i + 2]):
            return i + 3  # "Kodim 1015/Sampit"
        j = i
        while j < n and j - i < 2 and doc[j].text not in _LEVELS and self._place_word(doc[j]):
            j += 1
        # "APJI DPC Kabupaten Banjar": a unit name, then the place it serves
        if j > i and j + 1 < n and doc[j].text in _LEVELS and doc[j + 1].text in places:
            j += 2
        return j

    def _place_word(self, tok) -> bool:
        text = tok.text
        if tok.is_sent_start or text in self.stop or text in self.heads:
            return False
        if _NUMBER_PLACE.match(text):  # "Kodim 1015/Sampit"
            return True
        # a capitalised verb ("Menggelar") only in title-case titles; "Meulaboh" in a body is a place
        return is_capitalised(tok) and text.isalpha() and not (self.in_title and _VERB_LIKE.match(text))

    def _proper_tail(self, doc: Doc, i: int, head: lexicon.OrgHead) -> int:
        n, start = len(doc), i
        while i < n and i - start < 20:
            tok = doc[i]
            text = tok.text
            if i > start and tok.is_sent_start:
                break
            if text == "(" and _bracket_end(doc, i) > i:
                i = _bracket_end(doc, i)
                continue
            if text == "," and head.kind == "government" and i > start \
                    and not self._after_place(doc, i) and self._comma_list(doc, i):
                i += 1
                continue
            if text in self.connectors and i > start and i + 1 < n and self._joins(doc, i, head):
                i += 1
                continue
            if self.after_role and head.kind != "company" and i > start and self._person_after_place(doc, i):
                self.person_starts.add(i)
                break  # "Wakil Direktur Politeknik Negeri Lhokseumawe Sari Yusda": the name after the place is the person's
            if text in self.stop and text in _UNIT_OBJECTS and i > start and doc[i - 1].text in self.units:
                i += 1  # "Direktorat Pembinaan Narapidana dan Anak Binaan"
                continue
            if text == "Bersama" and i > start and not self.in_title and i + 1 < n and is_capitalised(doc[i + 1]) \
                    and doc[i + 1].text not in self.stop and not self._opens_any(doc, i + 1) \
                    and not doc[i + 1].is_sent_start:
                i += 1  # "KSU Maju Bersama Sejahtera"; "X Bersama Kepala Lapas" still ends at "Bersama"
                continue
            if not is_capitalised(tok) or text in self.stop or tok.is_space:
                break
            if text in self.closing and i > start:
                i += 1  # "PT X (Persero) Tbk. Acara ini ...": a listed company's suffix ends its name
                break
            if text in _COOPERATION_FIRST and i + 1 < n and doc[i + 1].text in _COOPERATION_SECOND:
                break
            if i > start and self._opens_other(doc, i, head):
                break
            i += 1
        return i

    def _joins(self, doc: Doc, i: int, head: lexicon.OrgHead) -> bool:
        """A connector joins two parts of one name ("Dinas Koperasi dan UKM") unless it ends a list
        item ("A, B dan C"), follows a place ("Yayasan X Jakarta kepada UKM Y") or opens another
        organization ("Dinas Kesehatan dan Puskesmas X")."""
        nxt = doc[i + 1]
        if nxt.text == "(" and head.kind == "government" and i + 2 < len(doc):
            close = _bracket_end(doc, i + 1)  # "Dinas Perindustrian, Koperasi dan (Disperindagkop) UMKM Kota X"
            return close > i + 1 and close < len(doc) and doc[close].text in self.units
        if not is_capitalised(nxt) or nxt.text in self.stop or self._after_place(doc, i):
            return False
        if head.kind == "government" and nxt.text in self.units:
            return True  # "Dinas Perindustrian dan Perdagangan", "Dinas Koperasi dan UKM"
        if _ACRONYM.match(nxt.text) and i + 2 < len(doc) and is_capitalised(doc[i + 2]) \
                and not doc[i + 2].is_sent_start:
            return False  # "CV. X dan P4DS Y": an acronym with its own name opens a second organization
        if self.in_list and doc[i].text in _LIST_CONJUNCTIONS and _final_conjunction(doc, i):
            self.list_end = i
            return False
        return not self._opens_any(doc, i + 1)

    def _after_place(self, doc: Doc, i: int) -> bool:
        """Token i follows a gazetteer place ("... Kota Lubuklinggau, ...")."""
        places = place_names()
        return (i >= 1 and doc[i - 1].text in places) or (i >= 2 and _words(doc, i - 2, 2) in places)

    def _person_after_place(self, doc: Doc, i: int) -> bool:
        prev = doc[i - 1].text
        if prev == ")" and i >= 4:  # "Kantor Wilayah Sulawesi Selatan (Sulsel) Nama": the place's abbreviation
            k = next((k for k in range(i - 2, max(i - 5, 0), -1) if doc[k].text == "("), None)
            if k is not None and self._after_place(doc, k):
                return self._person_after(doc, i, True, 1)
        after_place = self._after_place(doc, i) \
            or (i >= 2 and doc[i - 2].text in _LEVELS and is_capitalised(doc[i - 1]))  # "Kab. SBB"
        return self._person_after(doc, i, after_place, 1) \
            or self._person_after(doc, i, prev in self.units or derived_noun(prev), 2)

    def _person_after(self, doc: Doc, i: int, cue: bool, least: int) -> bool:
        """"Wakil Direktur Politeknik Negeri Lhokseumawe Sari Yusda mengatakan": after a role,
        a short capitalised run between the name's place ("Kab. X" too) and the end of the clause
        is the role holder's name. After a unit word or a derived noun ("Kementerian Hukum dan HAM
        Sri Puguh Budi Utami.", "Dinas ... Ketenagakerjaan Nama Nama,") a run of two name words or
        more is. Initials inside the run are name words ("Sylvia R. Peku")."""
        if not cue or doc[i].text == "(" or doc[i - 1].text in _LEVELS or self._opens_any(doc, i) \
                or self._continues_place(doc, i):
            return False  # "Kota Baubau": the word after a level word is the place
        j, n, words = i, len(doc), 0
        while j < n and j - i < 6 and is_capitalised(doc[j]) and not doc[j].is_sent_start:
            text = doc[j].text
            if j > i and _INITIAL.match(text):
                j += 1
                continue
            if not text.isalpha() or text in self.stop or text in self.units or derived_noun(text) \
                    or (least > 1 and (text.isupper() and text not in _OPENERS or text in _LEVELS
                                       or text in place_names())):
                break
            j += 1
            words += 1
        return i < j < n and least <= words <= 4 and not _INITIAL.match(doc[j - 1].text) \
            and (doc[j].text in (",", ".") or doc[j].text[:1].islower())

    @staticmethod
    def _continues_place(doc: Doc, i: int) -> bool:
        """"Jawa" + "Tengah", "Kota" + "Lubuklinggau": token i is part of a longer place name (a
        district name alone is a person's name too often: "Bambang")."""
        places = place_names()
        return places.get(doc[i].text, "kecamatan") != "kecamatan" \
            or any(i >= w - 1 and i - w + 1 + w <= len(doc) and _words(doc, i - w + 1, w) in places for w in (2, 3))

    def _opens_any(self, doc: Doc, i: int) -> bool:
        return any(i + w <= len(doc) and _words(doc, i, w) in self.heads for w in (1, 2, 3, 4))

    def _opens_other(self, doc: Doc, i: int, head: lexicon.OrgHead) -> bool:
        """Another organization starts here ("CV. X Lapas Y"). A government name runs on through
        other heads ("Dinas Koperasi dan UKM", "Kanwil Kemenkumham") but not into a facility or a
        legal form."""
        for width in (4, 3, 2, 1):
            words = _words(doc, i, width) if i + width <= len(doc) else None
            other = self.heads.get(words) if words else None
            if other is not None:
                if other.tail == "facility" or words in self.legal_forms:
                    return True
                return other.kind != head.kind and head.kind != "government"
        return False

    def _comma_list(self, doc: Doc, i: int) -> bool:
        """"Dinas Tenaga Kerja, Transmigrasi, dan Perindustrian": a comma inside a listed name."""
        j = i + 1
        while j < len(doc) and j - i < 8:
            text = doc[j].text
            if text == "dan":
                return j + 1 < len(doc) and (is_capitalised(doc[j + 1]) or doc[j + 1].text == "("
                                             and _bracket_end(doc, j + 1) > j + 1)
            if not (is_capitalised(doc[j]) or text == ",") or text in self.stop:
                return False
            if doc[j - 1].text == "," and self._opens_any(doc, j) and text not in self.units:
                return False  # "Dinas Kesehatan, Puskesmas X dan ...": a list of organizations
            j += 1
        return False

    # --- names without a head ----------------------------------------------------
    def _suffix_names(self, doc: Doc) -> list[Span]:
        out = []
        seg = A.doc_attr(doc, "segments") or {}
        for i, text in enumerate(A.token_texts(doc)):
            if text in self.suffixes and i > 0 and is_capitalised(doc[i - 1]) and not _in_title(doc, i, seg):
                tok = doc[i]
                start = tok.i
                while start > 0 and tok.i - start < 3 and is_capitalised(doc[start - 1]) \
                        and doc[start - 1].text not in self.stop and doc[start - 1].text not in self.heads \
                        and not doc[start].is_sent_start:
                    start -= 1
                if start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
                    start += 1  # "X-Ray Tirta Medical Center": a hyphenated word is not the name's start
                if start < tok.i and doc[start:tok.i].text not in place_names():
                    span = Span(doc, start, tok.i + 1, label="ORG")
                    _mark(span, "company", "suffix")
                    out.append(span)
        return out

    def _partner_names(self, doc: Doc, found: list[Span]) -> list[Span]:
        """"bekerja sama dengan Rumah Jahit Ayu": a capitalised name after a partner phrase."""
        covered = {i for s in found for i in range(s.start, s.end)}
        out = []
        for _, start, end in self.partner_matcher(doc):
            i = end
            if i >= len(doc) or i in covered or not is_capitalised(doc[i]) or doc[i].text in self.stop \
                    or doc[i].is_sent_start:
                continue
            j = i
            while j < len(doc) and j - i < 4 and is_capitalised(doc[j]) and doc[j].text not in self.stop \
                    and j not in covered and doc[j].text.replace("-", "").isalnum():
                j += 1
            name = doc[i:j].text
            if j - i >= 2 and name not in place_names() and name.lower() not in self.generic \
                    and not _looks_like_person(doc, i, j):
                span = Span(doc, i, j, label="ORG")
                _mark(span, "company", "partner_context")
                out.append(span)
        return out

    def _coordinated(self, doc: Doc, found: list[Span], seg: dict) -> list[Span]:
        """Conjuncts are of one kind: "Lapas X bersama Dompet Dhuafa melakukan ...", "yakni LPK X,
        HSP Academy, serta PT Y". A capitalised run joined to an organization (and, inside a comma
        list, followed by one) is an organization too, even without a head word."""
        texts = A.token_texts(doc)
        n = len(doc)
        ends = sorted({sp.end for sp in found if sp.end + 2 < n
                       and (texts[sp.end] == "," or texts[sp.end] in _COORDINATORS)
                       and (texts[sp.end + 1][:1].isupper() or texts[sp.end + 1] in _LIST_CONJUNCTIONS)})
        if not ends:
            return []
        starts = {sp.start for sp in found}
        covered = {i for sp in found for i in range(sp.start, sp.end)}
        out = []
        for i in ends:
            joint = texts[i]
            if i + 1 in covered:
                continue
            k = i + 1
            final = joint == "," and texts[k] in _LIST_CONJUNCTIONS  # "A, dan B."
            k += final
            j = self._headless_run(doc, texts, k, covered)
            if j is None or _in_title(doc, k, seg):
                continue
            if joint == "," and not final:  # a comma list: another organization follows the item
                nxt = j + 1 if j + 1 < n and texts[j + 1] in _LIST_CONJUNCTIONS else j
                if not (texts[j] in (",",) + _LIST_CONJUNCTIONS and nxt + 1 in starts):
                    continue
            elif texts[j] != "," and not texts[j][:1].islower() and texts[j] not in (".", ";", ":"):
                continue
            span = Span(doc, k, j, label="ORG")
            _mark(span, "company", "coordinated")
            out.append(span)
        return out

    def _headless_run(self, doc: Doc, texts: list[str], i: int, covered: set) -> Optional[int]:
        """End of a name of two to four capitalised words at token i that is no person's, unit's or
        place's name, or None."""
        n, j = len(doc), i
        most = 6 if _ACRONYM.match(texts[i]) else 4  # "P4DS Daun Hijau Cempaka Putih": an acronym opens a longer name
        while j < n and j - i < most and texts[j][:1].isupper() and texts[j] not in self.stop and j not in covered \
                and texts[j] not in self.role_words and texts[j].replace("-", "").isalnum() \
                and (j == i or not doc[j].is_sent_start):
            j += 1
        if j - i >= 2 and j + 1 < n and texts[j] in _NAME_CONJUNCTIONS:
            j = self._placed_name_end(doc, texts, j)
        if j - i < 2 or j >= n or is_capitalised(doc[j]) or texts[j].lower() in self.apposition:
            return None
        words = texts[i:j]
        last = words[-1]
        if last in self.units or derived_noun(last) or derived_noun(words[0]) or _looks_like_person(doc, i, j) \
                or " ".join(words) in place_names() or " ".join(words).lower() in self.generic \
                or self._opens_any(doc, i):
            return None
        return j

    def _placed_name_end(self, doc: Doc, texts: list[str], j: int) -> int:
        """"JN Perabot dan Interior Kabupaten Limapuluh Kota": a name joined by "dan" is one name
        when it ends in its place ("Kabupaten X"); otherwise "dan" ends it (two names)."""
        n, k = len(doc), j + 1
        while k < n and k - j < 8 and texts[k][:1].isupper() and texts[k] not in self.stop \
                and texts[k].replace(".", "").isalnum() and not doc[k].is_sent_start:
            if texts[k] in _LEVELS and k + 1 < n and texts[k + 1][:1].isupper():
                k += 2
                while k < n and texts[k][:1].isupper() and texts[k].isalpha() and k - j < 10:
                    k += 1
                return k
            k += 1
        return j

    def _repeats(self, doc: Doc, found: list[Span], headless: list[Span]) -> list[Span]:
        """One name, one sense in an article: "Dompet Dhuafa" found once as a partner (a headless
        name) is an organization wherever else the article writes it."""
        names = {sp.text: A.span_attr(sp, "kind") for sp in headless}
        covered = {i for sp in found for i in range(sp.start, sp.end)}
        text, texts, out = A.doc_text(doc), A.token_texts(doc), []
        for name, kind in names.items():
            pos = text.find(name)
            while pos != -1:
                span = doc.char_span(pos, pos + len(name), label="ORG")
                # a capitalised word after it may lengthen the name, unless a role holder's name
                # follows ("Kepala LPM Dompet Dhuafa M. Noor")
                if span is not None and not covered.intersection(range(span.start, span.end)) \
                        and (span.end >= len(doc) or not is_capitalised(doc[span.end])
                             or self._role_before(texts, span.start)):
                    _mark(span, kind, "repeat")
                    out.append(span)
                    covered.update(range(span.start, span.end))
                pos = text.find(name, pos + len(name))
        return out

    def _short_forms(self, doc: Doc, found: list[Span]) -> list[Span]:
        """Schwartz-Hearst style: "Politeknik Pertanian Negeri Kupang (Politani)" defines "Politani",
        so "Politani Kupang" later in the text is that organization too."""
        covered = {i for s in found for i in range(s.start, s.end)}
        short: dict[str, str] = {}
        for span in found:
            for i, tok in enumerate(span[:-2]):
                inner = span[i + 1].text
                if tok.text == "(" and span[i + 2].text == ")" and len(inner) >= 3 and inner not in self.heads \
                        and inner not in self.role_abbrevs and inner not in place_names():
                    short[inner] = A.span_attr(span, "kind")  # "(Lapas)" is a head, not a name of its own
        out = []
        if not short:
            return out
        texts = A.token_texts(doc)
        for i, text in enumerate(texts):
            kind = short.get(text)
            if kind is None or i in covered or (i > 0 and texts[i - 1] == "("):
                continue
            tok = doc[i]
            end = self._place_tail(doc, tok.i + 1) if kind != "correctional_facility" else tok.i + 1
            span = Span(doc, tok.i, end, label="ORG")
            _mark(span, kind, "short_form")
            out.append(span)
        return out

    def _outlets(self, doc: Doc, seg: dict) -> list[Span]:
        """Outlets named in bylines and datelines; "PURWOKERTO.TELISIKFAKTA.COM" is the outlet
        "TELISIKFAKTA.COM" (the city label is the site's section, not its name)."""
        out = []
        for s, e in seg.get("outlet", []):
            name = A.doc_text(doc)[s:e]
            parts = name.split(".")
            if len(parts) >= 3 and parts[0].title() in place_names():
                name = ".".join(parts[1:])
            span = doc.char_span(s, e, label="ORG", alignment_mode="expand")
            if span is not None:
                _mark(span, "other", "outlet")
                A.set_span_attr(span, "value", name)
                out.append(span)
        return out


_G = lexicon.grammar()
_LEVELS = tuple(_G.place_level_words)
_CAPITAL_CLASS_WORDS = tuple(w for w in _G.class_words if w[:1].isupper())
_UNIT_OBJECTS = tuple(_G.unit_objects)
_COOPERATION_FIRST = tuple(_G.cooperation_first_words)  # "Kerja Sama" ends a name
_COOPERATION_SECOND = tuple(_G.cooperation_second_words)
_LIST_CONJUNCTIONS = tuple(_G.list_conjunctions)
_COORDINATORS = frozenset(_G.list_conjunctions) | frozenset(lexicon.organizations().coordinators)
_NAME_CONJUNCTIONS = tuple(_G.name_conjunctions)
_GENERIC_BRACKET = re.compile(r"\([^()]*\)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*[0-9][A-Z0-9]*$|^[A-Z]{3,}$")  # "P4DS", "KWT"
_INITIAL = re.compile(r"^[A-Z]\.$")  # "R." in "Sylvia R. Peku"
_OPENERS = frozenset(lexicon.honorifics().name_openers)
_NUMBER_PLACE = re.compile(r"^\d{2,5}(?:/[A-Z][\w-]+)?$")
_VERB_LIKE = re.compile(rf"^(?:{'|'.join(map(re.escape, _G.title_verb_prefixes))})[a-z]{{3,}}$")


def _words(doc: Doc, i: int, width: int) -> str:
    """Tokens i..i+width joined by single spaces, from the shared strings (no Span built):
    gazetteer and head entries are written that way."""
    return " ".join(A.token_texts(doc)[i:i + width])


def _ends_elsewhere(doc: Doc, i: int) -> bool:
    """"Kepala Lapas X Pangkalan Bun Nama": the place word i is the place's last when the article
    also writes the two words plainly ended ("Lapas X Pangkalan Bun bekerja", "PANGKALAN BUN –")."""
    text = A.doc_text(doc)
    pair = f"{doc[i - 1].text} {doc[i].text}"
    low = text.lower()
    needle = pair.lower()
    pos = low.find(needle)
    while pos != -1:
        after = text[pos + len(needle):pos + len(needle) + 2].lstrip()
        if pos != doc[i - 1].idx and (not after or not after[0].isalnum() or after[0].islower()):
            return True
        pos = low.find(needle, pos + 1)
    return False


def _bracket_end(doc: Doc, i: int) -> int:
    """Past "(BAZNAS)" or "(Kanwil Ditjenpas)" right after a head: the abbreviation belongs to the name."""
    if i < len(doc) and doc[i].text == "(":
        for width in (1, 2, 3, 4):
            close = i + width + 1
            inner = doc[i + 1:close]
            if close < len(doc) and doc[close].text == ")" and is_capitalised(inner[0]) \
                    and all(is_capitalised(t) or t.text in _NAME_CONJUNCTIONS for t in inner):
                return close + 1
    return i


def _mark(span: Span, kind: str, rule: str) -> None:
    A.set_span_attr(span, "kind", kind)
    A.set_span_attr(span, "rule", rule)


def _cut(span: Span, stops: set) -> Span:
    """The span up to the first of `stops` inside it (a role holder's name)."""
    end = next((i for i in range(span.start + 1, span.end) if i in stops), span.end)
    if end == span.end:
        return span
    cut = Span(span.doc, span.start, end, label=span.label_)
    _mark(cut, A.span_attr(span, "kind"), A.span_attr(span, "rule"))
    return cut


def _final_conjunction(doc: Doc, i: int) -> bool:
    """The "dan" at token i closes a list ("A, B dan C."): no list comma follows it in the sentence."""
    for j in range(i + 1, min(len(doc), i + 15)):
        tok = doc[j]
        if tok.text in (",", ";"):
            return False
        if tok.is_sent_start or tok.text in (".", "!", "?"):
            break
    return True


@lru_cache(maxsize=None)
def _role_words() -> frozenset:
    """First words of role titles ("Kepala", "Direktur", "pemilik"): an organization right after
    one is the role's, and a name after its place is the role holder's."""
    return frozenset(alias.split()[0] for role in lexicon.roles().roles for alias in role.aliases
                     if not role.credit)


@lru_cache(maxsize=None)
def _role_aliases() -> frozenset:
    return frozenset(alias for role in lexicon.roles().roles for alias in role.aliases if " " not in alias)


def _in_title(doc: Doc, i: int, seg: dict) -> bool:
    title = seg.get("title")
    return bool(title) and title[0] <= doc[i].idx < title[1]


_HONORIFIC_PREFIXES = frozenset(lexicon.honorifics().prefixes)


def _looks_like_person(doc: Doc, i: int, j: int) -> bool:
    return (i > 0 and doc[i - 1].text in _HONORIFIC_PREFIXES) or doc[i].text in _HONORIFIC_PREFIXES
