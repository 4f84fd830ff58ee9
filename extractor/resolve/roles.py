"""People -> role and organization.

A role's organization is the organization written in or right after the role phrase
("Kepala Lapas Kelas IIA Purwokerto", "Direktur CV. Pusat Handicraft"), else the one its
title implies ("Kalapas Purwokerto" -> the Purwokerto Lapas; "Kasi Giatja" -> the host
facility). A name met only after a speech verb ("ujar Aliandra Harahap") takes the
nearest unnamed role before it, as readers do.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon
from ..annotate.shapes import facility_tail_end

LOOKBACK_SENTENCES = 4
_G = lexicon.grammar()
_ACTING = tuple(_G.acting_prefixes)
_BARE_HEAD_TITLES = tuple(_G.bare_head_titles)
_OWN_FACILITY_HEADS = tuple(_G.own_facility_heads)
_NOT_SPEAKER_TITLES = tuple(_G.not_speaker_titles)
_CREDIT_TITLES = dict(_G.credit_titles)
_AGENCY = frozenset(lexicon.roles().agency_words)
_COMPANION = frozenset(lexicon.roles().companion_words)
_OPENERS = frozenset(lexicon.honorifics().name_openers)
_ORG_PREPOSITIONS = frozenset(lexicon.roles().org_prepositions)
_DEMONSTRATIVES = frozenset(lexicon.roles().demonstratives)


@lru_cache(maxsize=None)
def _roles() -> dict[str, lexicon.Role]:
    return {role.title: role for role in lexicon.roles().roles}


@Language.factory("idpr_role_linker", assigns=["doc._.people"], requires=["doc._.organizations", "doc.spans"])
def make_role_linker(nlp: Language, name: str) -> "RoleLinker":
    return RoleLinker()


class RoleLinker:
    def __call__(self, doc: Doc) -> Doc:
        orgs = A.doc_attr(doc, "organizations") or []
        org_spans = sorted((s for s in doc.spans.get(A.ORGS, []) if A.span_attr(s, "org_id") is not None),
                           key=lambda s: s.start)
        roles = list(doc.spans.get(A.ROLES, []))
        role_at = {(r.start, r.end): r for r in roles}
        used_roles: set[tuple[int, int]] = set()
        people: list[dict] = []
        for span in doc.spans.get(A.PERSONS, []):
            anchor = A.span_attr(span, "value")
            entry = {"name": span.text, "role": None, "organization": None, "spans": [span],
                     "rule": A.span_attr(span, "rule")}
            if isinstance(anchor, tuple) and anchor and anchor[0] == "credit":
                title = "wartawan" if anchor[1] == "wartawan" else _credit_title(anchor[1])
                entry["role"] = title
                outlet = next((o for o in orgs if o["kind"] == "other"), None)
                entry["organization"] = outlet["name"] if outlet else None
            elif anchor:
                role = role_at.get(tuple(anchor))
                if role is not None:
                    used_roles.add((role.start, role.end))
                    entry["role"], entry["organization"] = self._role_and_org(doc, role, org_spans, orgs)
            people.append(entry)
        self._link_speakers(doc, people, roles, used_roles, org_spans, orgs)
        A.set_doc_attr(doc, "people", _merge(people))
        return doc

    def _role_and_org(self, doc: Doc, role: Span, org_spans: list[Span], orgs: list[dict]) -> tuple[str, Optional[str]]:
        title = A.span_attr(role, "value")
        info = _role_info(title.split(" ", 1)[-1] if title.startswith(_ACTING) else title)
        org = next((o for o in org_spans if role.start < o.end and o.start <= role.end and o.start >= role.start), None)
        if org is None:
            org = next((o for o in org_spans if o.start == role.end), None)
        if org is None and role.end < len(doc) and doc[role.end].text == "(":
            # "Kepala Satuan Pengamanan (KP) Rutan Kelas IIB Negara": the title's abbreviation, then the organization
            org = next((o for o in org_spans if role.end + 3 <= o.start <= role.end + 4
                        and doc[o.start - 1].text == ")"), None)
        if org is None and info is not None and info.takes_org:
            # "Direktur Jenderal Bina Konstruksi Kementrian PUPR": unit words, then the organization
            texts = A.token_texts(doc)
            org = next((o for o in org_spans if role.end < o.start <= role.end + 3
                        and all(t[:1].isupper() and t.isalpha() for t in texts[role.end:o.start])), None)
            if org is not None:
                title = f"{title} {' '.join(texts[role.end:org.start])}"
        if org is None and info is not None and info.takes_org and role.end < len(doc):
            # "Direktur Rahaya ibu Rosna": the business written by its first word, "Rahaya Resto" elsewhere
            word = doc[role.end].text
            named = [o for o in orgs if o["kind"] != "correctional_facility" and o["name"].split()[0] == word]
            if word[:1].isupper() and len(word) > 2 and len(named) == 1:
                return title, named[0]["name"]
        if org is None:
            org = _acting_org(doc, role, org_spans, info)
        if org is not None:
            record = orgs[A.span_attr(org, "org_id")]
            if title in _BARE_HEAD_TITLES and record["kind"] == "correctional_facility" and record["key"]:
                title = f"{title} {record['key'][0]}"
            elif title.endswith("Kepala"):
                head = org.text.split("(")[0].split()[0]
                title = f"{title} {head}"
            return title, record["name"]
        if info is not None and (info.org_head or info.facility_role):
            place = doc[facility_tail_end(doc, role.end):role.end + 6].text.lower()
            facilities = [o for o in orgs if o["kind"] == "correctional_facility"]
            if info.org_head and info.org_head not in _OWN_FACILITY_HEADS:
                heads = [h.lower() for h in info.org_head.split("|")]
                # the organization the title heads opens with its head word: "Direktur Jenderal
                # Pemasyarakatan" is not the head of "Kantor Wilayah Direktorat Jenderal Pemasyarakatan"
                named = [o for o in orgs if o["kind"] != "correctional_facility"
                         and any(o["name"].lower().startswith(h) for h in heads)]
                if len(named) == 1 or (named and place and any(place.split()[0] in o["name"].lower() for o in named)):
                    best = next((o for o in named if place and place.split()[0] in o["name"].lower()), named[0])
                    return title, best["name"]
                facilities = []
            if info.org_head:
                facilities = [o for o in facilities if o["key"] and o["key"][0] == info.org_head] or facilities
            for o in facilities:
                if o["key"] and o["key"][2] and place.startswith(o["key"][2]):
                    return title, o["name"]
            main = _main(facilities)
            if main is not None:
                return title, main["name"]
        return title, None

    def _link_speakers(self, doc, people, roles, used_roles, org_spans, orgs) -> None:
        """Speech-verb names without a role take the closest earlier role that has no name."""
        # a free mention of a title another named person holds ("ungkap Kakanwil") is that person
        titles = {(r.start, r.end): A.span_attr(r, "value") for r in roles}
        held = {titles[(r.start, r.end)] for r in roles if (r.start, r.end) in used_roles}
        free = [r for r in roles if (r.start, r.end) not in used_roles
                and titles[(r.start, r.end)] not in _NOT_SPEAKER_TITLES and titles[(r.start, r.end)] not in held]
        named = {p["name"]: p for p in people if p["role"]}
        named_words = [set(name.split()) for name in named]
        for person in people:
            if person["role"] or person["name"] in named:
                continue
            if any(words >= set(person["name"].split()) for words in named_words):
                continue  # "Nyoman Sira" after "I Nyoman Sira": the named person, merged later
            span = person["spans"][0]
            role = _dependency_role(doc, span, free)
            if role is not None:  # the optional stanza parse says which title this name stands with
                person["role"], person["organization"] = self._role_and_org(doc, role, org_spans, orgs)
                person["rule"] = "stanza_dependency"
                continue
            here = A.sentence_index(doc, span.start)
            candidates = [r for r in free if r.end <= span.start
                          and here - A.sentence_index(doc, r.start) <= LOOKBACK_SENTENCES
                          and not _named_nearby(doc, r)]
            if candidates:
                role = candidates[-1]
                person["role"], person["organization"] = self._role_and_org(doc, role, org_spans, orgs)
                person["rule"] = "speaker_after_role"


def _acting_org(doc: Doc, role: Span, org_spans: list[Span], info: Optional[lexicon.Role]) -> Optional[Span]:
    """The organization a role with none written serves, by the frame around it: "pelatih dari UMKM
    tersebut" (the UMKM named before), "Lapas X melalui Kepala Bidang ..., Nama" (the organization
    acts through its official) and "Pemimpin Cabang BRI X, A, bersama Manajer Bisnis, B" (a
    companion serves the named official's organization)."""
    texts = A.token_texts(doc)
    e = role.end
    if e + 2 < len(doc) and texts[e] in _ORG_PREPOSITIONS and texts[e + 2] in _DEMONSTRATIVES:
        head = texts[e + 1]  # "pelatih dari UMKM tersebut": the last "UMKM ..." named before
        return next((o for o in reversed(org_spans) if o.end <= role.start and texts[o.start] == head), None)
    k = role.start - 1
    if k >= 1 and texts[k] in _AGENCY:
        end = k - 1 if texts[k - 1] == "," else k
        return next((o for o in org_spans if o.end == end), None)
    if info is None or not info.takes_org or info.facility_role:
        return None
    if k >= 1 and texts[k] == ",":
        k -= 1
    if k < 4 or texts[k] not in _COMPANION:
        return None
    end = k - 1 if texts[k - 1] == "," else k
    person = next((p for p in doc.spans.get(A.PERSONS, []) if p.end == end), None)
    if person is None or person.start < 2 or texts[person.start - 1] != "," \
            or A.sentence_index(doc, person.start) != A.sentence_index(doc, role.start):
        return None
    return next((o for o in org_spans if o.end == person.start - 1), None)


def _role_info(title: str) -> Optional[lexicon.Role]:
    """The data entry of a title, or of its longest known opening: "Kepala Seksi Binadik dan
    Giatja" is a "Kepala Seksi", "Manajer Bisnis Konsumer" a "Manajer"."""
    roles = _roles()
    words = title.split()
    for n in range(len(words), 0, -1):
        info = roles.get(" ".join(words[:n]))
        if info is not None:
            return info
    return None


def _dependency_role(doc: Doc, person: Span, roles: list[Span]) -> Optional[Span]:
    """A role joined to the name by a dependency (appos, nmod, flat) in `doc._.stanza_deps`, if any."""
    deps = A.doc_attr(doc, "stanza_deps")
    if not deps:
        return None
    for role in roles:
        role_tokens = range(role.start, role.end)
        for i in range(person.start, person.end):
            head = deps.get(i, (None, ""))[0]
            if head in role_tokens or any(deps.get(r, (None, ""))[0] == i for r in role_tokens):
                return role
    return None


def _named_nearby(doc: Doc, role: Span) -> bool:
    persons = doc.spans.get(A.PERSONS, [])
    return any(abs(p.start - role.end) <= 6 or abs(role.start - p.end) <= 3 for p in persons)


def _main(facilities: list[dict]) -> Optional[dict]:
    if not facilities:
        return None
    return max(facilities, key=lambda o: (len(o["spans"]), -o["spans"][0].start))


def _credit_title(label: str) -> str:
    label = label.capitalize()
    return _CREDIT_TITLES.get(label, label)


def _merge(people: list[dict]) -> list[dict]:
    """One entry per person: "Arja" and "Arja Rusli" are one; the named role wins."""
    merged: list[dict] = []
    for person in sorted(people, key=lambda p: -len(p["name"].split())):
        words = person["name"].split()
        same = next((m for m in merged if m["name"] == person["name"]
                     or (len(words) == 1 and words[0] in m["name"].split())), None)
        if same is None and len(words) > 1:
            like = [m for m in merged if _same_person(words, m["name"].split())]
            same = like[0] if len(like) == 1 else None
        if same is None:
            merged.append(dict(person))
            continue
        same["spans"] = same["spans"] + person["spans"]
        if not same["role"] and person["role"]:
            same["role"], same["organization"], same["rule"] = person["role"], person["organization"], person["rule"]
        elif same["role"] and person["role"] and not same["organization"] and person["organization"]:
            same["organization"] = person["organization"]
    merged.sort(key=lambda p: min(s.start for s in p["spans"]))
    return merged


def _same_person(short: list[str], long_: list[str]) -> bool:
    """"Iwan Wahyudi" is "Iwan Gunawan Wahyudi" (a middle name dropped), "Ahmad Fauzan" is
    "Ahmad Fauzan Said", and "Antonius Barus" is "T. Antonio Barus" (an initial dropped, the
    given name misspelt): same first and last name, or same surname and a given name that
    differs only in its ending."""
    long_ = [w for w in long_ if not (len(w) == 2 and w.endswith("."))] or long_
    short = [w for w in short if not (len(w) == 2 and w.endswith("."))] or short
    while len(long_) > len(short) + 1 and long_[0] in _OPENERS and long_[0] != short[0]:
        long_ = long_[1:]  # "Akbar Herry" is "Ketut Akbar Herry Achjar": a birth-order name dropped
    if len(short) > len(long_) or short == long_:
        return False
    it = iter(long_)
    if short[0] == long_[0] and all(w in it for w in short):
        return True  # the short name's words in order, starting with the same given name
    if len(short) >= 2 and long_[-len(short):] == short:
        return True  # "Nyoman Sira" is "I Nyoman Sira": a leading name word dropped
    return len(short) == len(long_) == 2 and short[-1] == long_[-1] and len(short[0]) >= 5 \
        and short[0][:5] == long_[0][:5]
