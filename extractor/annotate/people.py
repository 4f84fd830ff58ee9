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
from .shapes import derived_noun, facility_tail_end, is_capitalised, longest_first, place_names



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
    # "Kab. Lebak", "Kota Agung": a place cue opens a place, never a name
    not_names |= {w for w in lexicon.grammar().location_cues if w[:1].isupper()}
    return set(hon.prefixes), degrees, not_names


@lru_cache(maxsize=None)
def _single_heads() -> frozenset:
    return frozenset(w for head in lexicon.organizations().heads for w in head.words if " " not in w)


@lru_cache(maxsize=None)
def _title_verbs() -> frozenset:
    """Verbs of title-case titles ("Karutan X Pimpin Sidak, Petugas ..."): never in a name."""
    return frozenset(lexicon.organizations().title_stop_words)


@lru_cache(maxsize=None)
def _units() -> frozenset:
    """Common nouns naming a unit ("Pertanian", "Umum"): a name made only of them is a unit."""
    return frozenset(w for w in lexicon.roles().unit_words if " " not in w) - set(lexicon.honorifics().prefixes)


def _is_degree(text: str) -> bool:
    return text.replace(".", "").replace(" ", "").lower() in _vocab()[1] or text.replace(".", "").lower() in {"s", "m"}


def _name_token(tok) -> bool:
    prefixes, _, not_names = _vocab()
    text = tok.text
    if tok.is_space or not is_capitalised(tok) or text in not_names or text[:1].isdigit():
        return False
    if len(text) == 2 and text[1] == "." and text[0].isupper():
        return True  # an initial: "T. Antonio Barus", "M. Sahbainy"
    if "." in text.rstrip(".") or (text.isupper() and len(text) > 1):  # "S.H.", "WIB": not name words
        return False
    return text.replace("-", "").replace("'", "").replace("’", "").replace(".", "").isalpha()


def _initial_in_name(doc: Doc, i: int) -> bool:
    """"M. Pithra Jaya", "Anthonius M Ayorbaba": a one-letter initial that a name word follows is
    part of the name, not a degree ("M.Si" written "M. Si" is one)."""
    text = doc[i].text
    if len(text) > 2 or not text[:1].isupper() or (len(text) == 2 and text[1] != ".") or i + 1 >= len(doc):
        return False
    nxt = doc[i + 1]
    return not doc[i].whitespace_ == "" and _name_token(nxt) and not nxt.is_sent_start \
        and not _is_degree(nxt.text) and not _is_degree(text + nxt.text)


def read_name(doc: Doc, i: int, limit: int = 5) -> Optional[tuple[int, int]]:
    """The name starting at token i (after titles), as (start, end), or None."""
    prefixes = _vocab()[0]
    n = len(doc)
    while i < n and (doc[i].text in prefixes or (doc[i].text == "." and i > 0 and doc[i - 1].text in prefixes)):
        i += 1
    start = i
    while i < n and i - start < limit + 2 and doc[i].text in _OPENERS and i - start < 3:
        i += 1  # "I Putu", "Ni Made": counted apart from the name's length
    limit += i - start
    i = start
    while i < n and i - start < limit and (_name_token(doc[i]) or i > start and i + 1 < n
                                           and doc[i].text in _PARTICLES and _name_token(doc[i + 1])) \
            and (not _is_degree(doc[i].text) or _initial_in_name(doc, i)) \
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
    while k > 0 and j - k < limit and _name_token(doc[k - 1]) and (
            not _is_degree(doc[k - 1].text) or k < j and k >= 2 and _initial_in_name(doc, k - 1)
            and _name_token(doc[k - 2]) and not _is_degree(doc[k - 2].text)):
        k -= 1
        if doc[k].is_sent_start:
            break
    if k == j:
        return None
    prefixes = _vocab()[0]
    while k < j and doc[k].text in prefixes:
        k += 1
    places = place_names()
    while j - k > 2 and places.get(doc[k].text, "kecamatan") != "kecamatan":
        k += 1  # "BI Sulsel Moh Dadi Aryadi, ...": the organization's place ends before the name
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
        # "ujar", "Ujar", "UJAR": the spellings a speech verb takes, so no token is lower-cased
        self.speech_forms = {f for v in self.speech_verbs for f in (v, v.capitalize(), v.upper(), v.title())}
        self.triggers = frozenset(self.speech_forms) | frozenset(_LIST_CUES)
        self.apposition = set(grammar.apposition)
        self.bare_heads = set(grammar.bare_facility_heads)

    def __call__(self, doc: Doc) -> Doc:
        orgs = list(doc.spans.get(A.ORGS, []))
        org_end = {s.start: s.end for s in orgs}
        org_tokens = {i for s in orgs for i in range(s.start, s.end)}
        places = place_names()
        # facility places of this article ("Tanjungpinang" in "Karutan Tanjungpinang, Aris") are not names
        facility_words = {s[-1].text for s in orgs if A.span_attr(s, "kind") == "correctional_facility"}
        found: list[Span] = []
        roles = list(doc.spans.get(A.ROLES, []))
        role_tokens = {i for r in roles for i in range(r.start, r.end)}
        texts = A.token_texts(doc)
        units, title_verbs = _units(), _title_verbs()
        context: dict = {"tokens": org_tokens | role_tokens}  # the words of the article's roles and organizations

        def add(rng, rule, role=None):
            if rng is None:
                return
            s, e = _strip_outlet(doc, texts, *rng) if rule in ("role_name", "credit", "byline") else rng
            words = texts[s:e]
            if _in_title(doc, s) and (rule not in ("role_comma_name", "name_comma_role")
                                      or not title_verbs.isdisjoint(words)):
                return  # title-case titles capitalise every word: only commas delimit a name there
            if any(i in org_tokens or i in role_tokens for i in range(s, e)):
                return
            if _opens_head(doc, s) or units.issuperset(words) and rule not in ("credit", "byline"):
                return  # "bidang Pertanian, Kepala Lapas ...": a unit, not a name
            if e - s == 1 and texts[s] in places and rule not in ("credit", "byline") \
                    and not (places[texts[s]] == "kecamatan" and _skip_degrees(doc, e) > e):
                return  # a place, unless a district name carries a degree: "Makmur, S.H."
            if _common_words(doc, words, context):
                return  # "Menteri Hukum Dan HAM", "Direktur Jenderal Bina Konstruksi": no name there
            if rule in ("name_comma_role", "name_role") and any(f.start == s and f.end == e and A.span_attr(f, "value")
                                                                for f in found):
                return  # "Kadiv X, I Ketut, perwakilan Dinas Y": the name already has its role
            span = Span(doc, s, e, label="PERSON")
            A.set_span_attr(span, "rule", rule)
            A.set_span_attr(span, "value", role)
            found.append(span)

        for role in roles:
            after = role.end
            # the role's organization or place: "Kepala Lapas Kelas IIA Purwokerto", "Kalapas Purwokerto"
            ends = [org_end[t] for t in range(role.start, role.end + 1) if t in org_end]
            if ends:
                after = max(max(ends), after)
            elif after < len(doc):
                while after < len(doc) and (texts[after] in self.bare_heads or (
                        texts[after] in _single_heads() and after + 1 < len(doc) and texts[after + 1] == ",")):
                    after += 1  # "Kasubsi Pendidikan LPKA, Ikhsan", "Ketua Koperasi, Junaidi": a bare head
                after = facility_tail_end(doc, after)
                for width in (3, 2, 1):
                    if after + width <= len(doc) and doc[after:after + width].text in places:
                        after += width
                        break
                while after < len(doc) and texts[after] in facility_words:
                    after += 1
            # "Kepala Pengamanan Rutan (KPR), Lalu Ahmad", "(Ka. KPR) Tarutung, James", "(Kasi Giatja), Mawardi"
            unit = after  # "Direktur Jenderal Bina Konstruksi Kementrian PUPR, Nama": unit words, then the org
            while unit < len(doc) and unit - after < 3 and unit not in org_end and is_capitalised(doc[unit]) \
                    and texts[unit].isalpha():
                unit += 1
            if unit > after and unit in org_end:
                after = org_end[unit]
            while after < len(doc) and doc[after].is_space and "\n" not in texts[after]:
                after += 1  # "Kepala LPKA X  Heri Sulistyo": a doubled space inside the sentence
            after = _past_unknown_org(doc, texts, org_end.get(after, after), org_end)
            if after < len(doc) and texts[after] == "yang":
                after = _past_relative(doc, texts, after)
            bracket_end = _skip_bracket(doc, after)
            if bracket_end > after:
                after = org_end.get(bracket_end, bracket_end)  # "(KP) Rutan Kelas IIB Negara, Nama"
                if after + 1 < len(doc) and (texts[after] in places or texts[after + 1] == ",") \
                        and is_capitalised(doc[after]) and not doc[after].is_sent_start:
                    after += 1  # "(Ka. KPR) Tarutung, James": the place after the abbreviation
            if after < len(doc) and texts[after] == ",":
                rng = read_name(doc, after + 1)
                if rng and (rng[1] >= len(doc) or doc[_skip_degrees(doc, rng[1])].text in {",", ".", ")", "("}
                            or not doc[rng[1]].text[:1].isupper()):
                    add(rng, "role_comma_name", (role.start, role.end))
                    for more in _listed_names(doc, rng[1]):  # "Penyuluh Pertanian, Sabar dan Suwito"
                        add(more, "role_comma_name", (role.start, role.end))
                    continue
            elif after < len(doc) and not _in_title(doc, role.start):
                after = _past_rank(doc, texts, after)
                rng = read_name(doc, after, limit=4)
                if rng is None and role.text.islower() and after + 1 < len(doc) and texts[after].isalpha() \
                        and texts[after].islower() and texts[after] not in _PLACE_WORDS \
                        and texts[after] not in self.apposition and texts[after] not in self.speech_verbs:
                    # "pemilik resort Bakti br Purba dibawa ...": the kind of business, then the owner
                    rng = read_name(doc, after + 1, limit=4)
                    if rng and (rng[1] - rng[0] < 2 or (rng[1] < len(doc) and texts[rng[1]][:1].isupper())):
                        rng = None
                if rng and rng[1] + 1 < len(doc) and texts[rng[1]] in _vocab()[0] and texts[rng[1]].islower():
                    # "Direktur Rahaya ibu Rosna": the business, then the holder after an honorific
                    holder = read_name(doc, rng[1], limit=4)
                    if holder and (holder[1] >= len(doc) or texts[_skip_degrees(doc, holder[1])] in {",", "."}
                                   or texts[holder[1]][:1].islower()):
                        rng = holder
                if rng and rng[1] + 1 < len(doc) and texts[rng[1]] == "," and _skip_degrees(doc, rng[1]) == rng[1]:
                    # "Pimpinan Mutiara Handycraft, Irma Suryati": the words before the comma name the
                    # unit or business; the holder's name follows the comma
                    holder = read_name(doc, rng[1] + 1, limit=4)
                    if holder and (holder[1] >= len(doc) or texts[_skip_degrees(doc, holder[1])] in {",", "."}
                                   or texts[holder[1]][:1].islower()):
                        rng = holder
                add(rng, "role_name", (role.start, role.end))
                if found and A.span_attr(found[-1], "value") == (role.start, role.end):
                    continue
            # "Nama, Kepala Lapas X," / "Nama selaku Kalapas"
            if role.start >= 2 and texts[role.start - 1] == ",":
                add(read_name_before(doc, role.start - 1), "name_comma_role", (role.start, role.end))
            elif role.start >= 2 and doc[role.start - 1].lower_ in self.apposition:
                add(read_name_before(doc, role.start - 1), "name_selaku_role", (role.start, role.end))
            elif role.start >= 1 and not _in_title(doc, role.start):
                add(_name_before_role(doc, role.start), "name_role", (role.start, role.end))
        last = len(texts) - 1
        cues = self.triggers.intersection(texts)  # most articles hold few: walk only to those
        for i, text in enumerate(texts) if cues else ():
            if text not in cues:
                continue
            if i < last and text in self.speech_forms:
                add(read_name(doc, i + 1, limit=4), "speech_verb")
            elif text in _LIST_CUES and i < last:
                if not _LIST_CUES[text]:
                    self._member_list(doc, i + 1, roles, add)
                elif texts[i + 1] in _LIST_CUES[text]:
                    self._member_list(doc, i + 2, roles, add)
        self._credits(doc, add)
        doc.spans[A.PERSONS] = longest_first(found)
        return doc

    @staticmethod
    def _member_list(doc: Doc, i: int, all_roles: list[Span], add) -> None:
        """"Tim instruktur dari Dinas X, yang terdiri dari A, B, dan C": named members after a
        group noun that is a role ("instruktur", "narasumber") earlier in the sentence."""
        if i >= len(doc) or not is_capitalised(doc[i]):
            return
        here = A.sentence_index(doc, i)
        roles = [r for r in all_roles if i - 30 <= r.start < i and A.sentence_index(doc, r.start) == here]
        if not roles:
            return
        first = read_name(doc, i, limit=4)
        if first is None or (first[1] < len(doc) and doc[first[1]].text not in (",", "dan")):
            return
        members = [first] + _listed_names(doc, first[1])
        if len(members) >= 2:
            for rng in members:
                add(rng, "member_list", (roles[-1].start, roles[-1].end))

    @staticmethod
    def _credits(doc: Doc, add) -> None:
        seg = A.doc_attr(doc, "segments") or {}
        ranges = list(seg.get("credits", []))
        if seg.get("byline_name"):
            ranges.append(seg["byline_name"])
        for s, e, label in ranges:
            span = doc.char_span(s, e, alignment_mode="contract")
            if span is None or len(span) > 5 or not all(is_capitalised(t) for t in span if not t.is_punct):
                continue
            if any(t.text.lower().startswith(_CREDIT_GROUPS) for t in span):
                continue
            add((span.start, span.end), "credit", ("credit", label))


# "terdiri dari A, B dan C", "yaitu A dan B": a list of the group's members follows
_LIST_CUES = {cue: tuple(after) for cue, after in lexicon.grammar().member_list_cues.items()}
_CREDIT_GROUPS = tuple(lexicon.grammar().credit_group_prefixes)  # "Humas Lapas X": a group, not a person
_LIST_CONJUNCTIONS = tuple(lexicon.grammar().list_conjunctions)
_PLACE_WORDS = frozenset(lexicon.grammar().location_cues)
_PARTICLES = frozenset(lexicon.honorifics().name_particles)  # "Bakti br Purba"
_OPENERS = frozenset(lexicon.honorifics().name_openers)  # "I Putu", "Ni Made"


@lru_cache(maxsize=None)
def _ranks() -> frozenset:
    """Capitalised titles of three letters or more with no dot ("Ipda", "AKBP", "Letkol"); "H" of
    "Antonius H Jawa" or "Ibu" of a name is none."""
    data = lexicon.honorifics()
    address = {w.lower() for w in data.address_words}
    return frozenset(p for p in data.prefixes if len(p) >= 3 and p.isalpha() and p[:1].isupper()
                     and p.lower() not in address)


def _past_rank(doc: Doc, texts: list[str], i: int) -> int:
    """"Kapolsek Sukamaju Utara Ipda Nama", "Dandim 0612 Kota Letkol Inf Nama": the words between a
    title and a rank are its post's place; the name follows the rank."""
    ranks = _ranks()
    for k in range(i + 1, min(i + 4, len(doc))):
        if texts[k] in ranks:
            return k
        if doc[k].is_sent_start or not (texts[k][:1].isupper() or texts[k].isdigit()) or not texts[k].isalnum():
            break
    return i


@lru_cache(maxsize=None)
def _multiword_heads() -> frozenset:
    return frozenset(w for head in lexicon.organizations().heads for w in head.words if " " in w)


@lru_cache(maxsize=None)
def _head_first_words() -> frozenset:
    return frozenset(w.split()[0] for w in _multiword_heads())


def _opens_head(doc: Doc, i: int) -> bool:
    """"Kepala Unit Pelaksana Teknis ...": an organization head is no name."""
    texts = A.token_texts(doc)
    if texts[i] not in _head_first_words():
        return False
    heads = _multiword_heads()
    return any(" ".join(texts[i:i + w]) in heads for w in (2, 3, 4) if i + w <= len(texts))


def _name_before_role(doc: Doc, start: int) -> Optional[tuple[int, int]]:
    """"didampingi Hendrizal Kasubsi ...", "Nasir, S.Sos, MH Kepala Lapas ...": a name written
    straight before its role. After a lower-case word any name counts; at a sentence start
    (where capitalised function words stand) only a name that carries degrees or two words."""
    prev = doc[start - 1]
    if not (is_capitalised(prev) or _is_degree(prev.text)):
        return None
    rng = read_name_before(doc, start)
    if rng is None:
        return None
    s, e = rng
    if doc[s].text in _units():
        return None  # "dengan Program Akselerasi Menteri ...": a programme named after the role
    before = doc[s - 1] if s > 0 else None
    if before is not None and not doc[s].is_sent_start and before.is_lower and before.is_alpha \
            and before.text not in _PLACE_WORDS:  # "di Ruang Kepala Dinas": a room, not a name
        return rng
    if (before is None or doc[s].is_sent_start or "\n" in before.text) and (e < start or e - s >= 2):
        return rng
    if before.text == "," and e - s >= 2 and s >= 2 and doc[s - 2].is_lower:
        return rng  # "Di kesempatan yang sama, Nama Nama Kepala Rutan X": a clause opener, then the name
    return None


def _skip_bracket(doc: Doc, i: int) -> int:
    """Past "(KPR)", "(Ka. KPR)" or "(Kasi Giatja)" after a role: an abbreviation of it."""
    if i < len(doc) and doc[i].text == "(":
        for width in (1, 2, 3):
            close = i + width + 1
            if close < len(doc) and doc[close].text == ")":
                return close + 1
    return i


def _listed_names(doc: Doc, i: int) -> list[tuple[int, int]]:
    """Names that continue a list after the name ending at token i: ", B", "dan C", ", dan D"."""
    out = []
    n = len(doc)
    while i < n and doc[i].text in (",", "dan", "serta"):
        j = i + 1
        if doc[i].text == "," and j < n and doc[j].text in _LIST_CONJUNCTIONS:
            j += 1
        rng = read_name(doc, j, limit=4)
        if rng is None:
            break
        end = _skip_degrees(doc, rng[1])
        if end < n and not (doc[end].text in (",", ".", "dan", "serta", ")") or doc[end].text[:1].islower()):
            break
        out.append(rng)
        i = end
    return out


def _in_title(doc: Doc, i: int) -> bool:
    """In a title-case title every word is capitalised: "Karutan X Laksanakan ..." names nobody."""
    title = (A.doc_attr(doc, "segments") or {}).get("title")
    return bool(title) and title[0] <= doc[i].idx < title[1]


@lru_cache(maxsize=None)
def _common_vocab() -> tuple[frozenset, frozenset, tuple]:
    """Words that name roles and units, function words, and glued unit abbreviations."""
    data, grammar = lexicon.roles(), lexicon.grammar()
    role_words = frozenset(w for role in data.roles for alias in role.aliases for w in alias.split()) \
        | frozenset(w for p in data.role_prefixes for w in p.split()) | _units()
    function = frozenset(grammar.name_function_words) | frozenset(grammar.short_words) \
        | frozenset(grammar.name_conjunctions)
    return role_words, function, tuple(data.unit_stems)


def _common_words(doc: Doc, words: list[str], context: dict) -> bool:
    """A name made only of role, unit or organization words of this article ("Konstruksi" from
    "Direktur Jenderal Bina Konstruksi"), function words ("Dan") or words the article also writes in
    lower case ("Kemandirian" / "kemandirian") is no person's name."""
    key = tuple(words)
    if key in context:
        return context[key]
    context[key] = verdict = _only_common_words(doc, words, context)
    return verdict


def _only_common_words(doc: Doc, words: list[str], context: dict) -> bool:
    role_words, function, stems = _common_vocab()
    if any(derived_noun(w) for w in words):
        return True  # "Surat Keputusan", "Petugas Pengamanan": a derived noun names a thing or a unit
    texts = A.token_texts(doc)
    if "words" not in context:
        context["words"] = {texts[i] for i in context["tokens"]}
    seen = context["words"]
    for w in words:
        low = w.lower()
        if not (w in role_words or w in seen or low in function or any(stem in low for stem in stems)):
            if low == w or low not in doc.vocab.strings:  # a lower-case form no text has written
                return False
            if "all" not in context:
                context["all"] = set(texts)
            if low not in context["all"]:
                return False
    return True


@lru_cache(maxsize=None)
def _outlet_words() -> tuple:
    return tuple(lexicon.grammar().outlet_words)


def _strip_outlet(doc: Doc, texts: list[str], s: int, e: int) -> tuple[int, int]:
    """"Wartawan Tribun Timur Fahrizal Syam": the outlet's name glued before the reporter's.
    Leading words that the outlet's site name spells ("TRIBUN-TIMUR.COM") are dropped."""
    if e - s < 3 or not texts[s].lower().startswith(_outlet_words()):
        return s, e
    low = doc.text.lower()
    site, k = texts[s].lower(), s + 1
    while k < e - 2:
        word = texts[k].lower()
        glued = next((site + sep + word for sep in ("-", "", "_", ".") if site + sep + word in low), None)
        if glued is None:
            break
        site, k = glued, k + 1
    return (k, e) if k > s + 1 or texts[s].lower() in _outlet_words() else (s, e)


@lru_cache(maxsize=None)
def _org_cue_words() -> frozenset:
    return _single_heads() | frozenset(lexicon.grammar().bare_facility_heads)


def _past_relative(doc: Doc, texts: list[str], i: int) -> int:
    """"Salah satu petugas yang turut mengawasi pertandingan, Nama, menambahkan": a relative clause
    of lower-case words between a role and its holder's name; the name's reader starts at its comma."""
    n, j = len(texts), i + 1
    while j < n and j - i <= 10 and texts[j].isalpha() and texts[j].islower():
        j += 1
    if j == i + 1 or j + 1 >= n or texts[j] != ",":
        return i
    rng = read_name(doc, j + 1, limit=5)
    if rng is None or rng[1] >= n or texts[_skip_degrees(doc, rng[1])] != ",":
        return i
    return j


def _past_unknown_org(doc: Doc, texts: list[str], i: int, org_end: dict) -> int:
    """"Operation Head DPPU Sepinggan, Nama", "Kepala Seksi X Balai Kontruksi Wilayah VII Jayapura,
    Nama": an organization the recognizer missed, marked by an acronym or a head word, runs from
    the role to a comma that a name follows; the name's reader starts at that comma, or after the
    acronym's place when the name follows it with no comma."""
    n, j = len(texts), i
    cue = False
    while j < n and j - i < 7 and j not in org_end and texts[j] != "," and not doc[j].is_sent_start \
            and (texts[j][:1].isupper() and texts[j].replace("-", "").replace(".", "").isalnum()):
        cue = cue or (texts[j].isupper() and len(texts[j]) >= 2) or texts[j] in _org_cue_words()
        j += 1
    if not cue or j == i or j + 1 >= n:
        return i
    places = place_names()
    # "Kepala Perwakilan BI Sulsel Moh Dadi Aryadi,": the acronym's place, then the holder's name
    p = next((k for k in range(i + 1, j - 1) if places.get(texts[k], "kecamatan") != "kecamatan"), None)
    if p is not None and texts[j] in (",", ".") and texts[i].isupper():
        rng = read_name(doc, p + 1, limit=5)
        if rng is not None and rng[1] == j and j - p > 2:
            return p + 1
    if texts[j] != ",":
        return i
    rng = read_name(doc, j + 1, limit=5)
    if rng is None or rng[1] - rng[0] < 2:
        return i
    return j
