"""Visits and partnership stages from cues and resolved arguments, one sentence at a time.

A stage trigger's status follows ConText-style scope: a forward cue ("akan", "nantinya")
covers what follows it to the end of its clause (a sentence-initial one, the sentence);
a backward cue ("di masa mendatang") covers its own clause; a trigger inside a condition
clause ("setelah produksi berjalan") or under a bare hope ("diharapkan") is no stage.
"""
from __future__ import annotations

import bisect
import re
from types import SimpleNamespace
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import doc_attrs as A
from .annotate.cues import MODALITY_KINDS, CUE_ROWS, cue_kind, cue_value
from . import lexicon

PURPOSE_STAGES = {"monitoring", "penjajakan", "naskah"}
VISIT_KINDS = ("visit_receive", "visit_go", "visit_noun")  # the stage values that are also visit purposes
_G = lexicon.grammar()
CLAUSE_BREAKS = {",", ";", ":", "."} | set(_G.clause_breaks)  # "." too: a missed sentence end
ANAPHORA = set(_G.visit_anaphora)
GENERIC_COOPERATION = set(_G.generic_cooperation)
GENERIC_FIRST = {g.split()[0] for g in GENERIC_COOPERATION}
NEW_WORDS = set(_G.new_cooperation_words)
VISIT_PLACE_PREPOSITIONS = tuple(_G.visit_place_prepositions)
FACILITY_STAFF_TITLES = tuple(_G.facility_staff_titles)
AGREEMENT_DOCUMENTS = set(lexicon.cues().agreement_documents)
AGREEMENT_MAKING = set(lexicon.cues().agreement_making_words)
MODALITY_WORDS = {w for ws in (lexicon.cues().modality.planned_forward,) for p in ws for w in p.split()}
QUOTES = {'"', "“", "”", "'", "‘", "’"}
VISIT_ANAPHORA = set(lexicon.cues().visits.anaphora)
VISIT_GROUP_WORDS = set(lexicon.cues().visits.partner_group_words)
VISIT_INVERTED = set(lexicon.cues().visits.inverted)
VISIT_BACK_REFERENCE = set(lexicon.cues().visits.back_reference)
RESULT_VERBS = set(lexicon.cues().modality.result_verbs)
PASSIVE_SIGNING = set(lexicon.cues().modality.passive_signing)
INTERNAL_UNITS = tuple(lexicon.cues().internal_units)
CONTACT = set(lexicon.cues().contact_cues)
GROUP_COUNTS = set(lexicon.cues().group_counts)
GROUP_COUNT_PREPOSITIONS = set(lexicon.cues().group_count_prepositions)
SALE_PREPOSITIONS = set(lexicon.cues().sale_prepositions)
NAMED_COOPERATION = set(lexicon.cues().cooperation_named)
SPEAKER_BODY = set(lexicon.cues().speaker_body_words)
RUNNING_VERBS = set(lexicon.cues().running_verbs)
BOTH_PARTIES = [p.split() for p in lexicon.cues().both_parties]
DONE_WORDS = set(lexicon.cues().modality.done)
EFFECT_WORDS = set(lexicon.cues().modality.effect_words)
EFFECT_ADVERBS = set(lexicon.cues().modality.effect_adverbs)
START_WORDS = set(lexicon.cues().modality.start_words)
FOLLOW_UP = set(lexicon.cues().modality.follow_up)
FOLLOW_UP_LINKS = set(lexicon.cues().modality.follow_up_links)
TODAY = lexicon.cues().modality.today.split()
COOPERATION_WORDS = {g for g in GENERIC_COOPERATION if " " not in g}  # "kerjasama", "kolaborasi"
COOPERATION_NOUNS = {g.split()[-1] for g in GENERIC_COOPERATION} | set(lexicon.cues().cooperation_referents)
STRONG_BREAKS = {";"} | set(_G.clause_breaks)  # "sedangkan", "namun": a new subject, not a list comma


@Language.factory("idpr_event_extractor", assigns=["doc._.events"],
                  requires=["doc._.organizations", "doc._.people", "doc._.published", "doc.spans"])
def make_event_extractor(nlp: Language, name: str) -> "EventExtractor":
    return EventExtractor()


class EventExtractor:
    def __init__(self):
        self.modality = lexicon.cues().modality
        self.needs_partner = set(lexicon.cues().needs_partner_in_sentence)

    def __call__(self, doc: Doc) -> Doc:
        ctx = _Context(doc)
        visits = self._visits(doc, ctx)
        ctx.set_main_partner(visits)
        stages = self._stages(doc, ctx, visits)
        visits = _merge(visits, ("visitor", "host", "date"), "purposes")
        stages = _merge(stages, ("stage", "partner", "status"), "activities")
        for s in stages:
            s.pop("fallback", None)
        _fill_lists(visits, stages, [value for _, value in ctx.products])
        A.set_doc_attr(doc, "events", {"visits": visits, "stages": stages})
        return doc

    # --- visits --------------------------------------------------------------------
    def _visits(self, doc: Doc, ctx: "_Context") -> list[dict]:
        visits = []
        for sent in ctx.body_sents:
            cues = [c for c in ctx.cues_in(sent) if c._.kind in VISIT_KINDS]
            for cue in cues:  # the first cue that names both sides
                found = self._visit(ctx, sent, cue)
                if found:
                    visits += found
                    break
        return visits

    def _visit(self, ctx: "_Context", sent: Span, cue) -> list[dict]:
        orgs = ctx.orgs_in(sent)
        before = [o for o in orgs if o.end <= cue.start]
        after = [o for o in orgs if o.start >= cue.end]
        visitors, host, attending = [], None, False
        if cue._.kind == "visit_receive":
            if not before and cue.start > sent.start and ctx.lower[cue.start - 1] == "yang":
                return []  # "Kegiatan yang dihadiri merupakan ...": the event attended, told before
            held = [o for o in before if ctx.is_facility(ctx.org_of(o))]  # "Ditjenpas X, Lapas Y menerima ...": Y
            host = ctx.org_of(held[-1] if held else before[0]) if before \
                else (ctx.subject_org(sent, cue) or ctx.main_facility)
            venue = next((i for i in range(cue.end, sent.end) if ctx.lower[i] == "di"), None)
            if venue is not None:  # "... menerima kunjungan X di Lapas Y": Y is where, not who
                at = [o for o in after if o.start > venue]
                after = [o for o in after if o.start < venue]
                if at and ctx.is_facility(ctx.org_of(at[0])):
                    host = ctx.org_of(at[0])
            visitors = ctx.drop_parents(after)
            if not visitors:
                visitors = ctx.partner_group(sent, cue.start) or ctx.people_after(sent, cue)
        elif cue._.kind == "visit_go":
            subject = ctx.org_of(before[0]) if before else ctx.subject_org(sent, cue)
            if before and ctx.bare_head_between(before[-1].end, cue.start) and ctx.main_facility:
                subject = ctx.main_facility  # "di ruang rapat SMK X, di mana rombongan LPKA datang ke ..."
            if subject is None and not ctx.person_between(sent.start, cue.start):
                # "Turut hadir Kepala Dinas X ...", "Hadir pula ...": the visitor follows the cue;
                # "Para pimpinan mitra hadir langsung": the partners of the reported signing
                host = ctx.venue_facility(sent, sent.start) or ctx.main_facility
                attending = True
                if cue.text.lower() in VISIT_INVERTED or cue.start == sent.start:  # "Hadir dalam kegiatan ini X"
                    visitors = [n for n in ctx.drop_parents(after) if not ctx.is_facility(n)]
                    if not visitors and cue.text.lower() in VISIT_INVERTED:  # sentence-initial "Hadir ...": bodies only
                        visitors = ctx.partner_group(sent, sent.start) or ctx.people_after(sent, cue)
                else:
                    visitors = ctx.partner_group(sent, sent.start, cue.start)
                if not visitors and ctx._refers_back(sent):  # "Hal tersebut disampaikan saat menghadiri ...": the speaker
                    visitors = ctx.speaker_before(sent, host)
            else:
                visitors = [subject] if subject else []
                host = ctx.org_of(after[0]) if after else None
                venue = ctx.venue_facility(sent, cue.end)
                if venue is not None and venue != subject:
                    host = venue  # "hadir dalam Sosialisasi X yang digelar di Aula Lapas Y": Y hosts
                if host is None and subject is not None and not ctx.is_facility(subject):
                    host = ctx.main_facility
                if host is None and subject is not None and ctx.is_facility(subject):
                    host = ctx.venue_partner(sent, before)  # "di kantor Dinas X, ... rombongan Lapas datang"
                if host is None and subject is not None and ctx.is_facility(subject):
                    host = ctx.headquarters_after(sent, cue.end)  # "kunjungan ke Mapolsek X": Polsek X's base
                if not visitors and host is not None:
                    visitors = ctx.implied_visitor(sent, cue, host)
        else:
            if cue.end < sent.end and ctx.lower[cue.end] in VISIT_BACK_REFERENCE:
                return []  # "Kunjungan ini dilakukan dalam rangka ...": the visit told before
            marker = next((c for c in ctx.cues_in(sent) if c._.kind == "host_marker" and c.start > cue.start), None)
            ke = next((i for i in range(cue.start + 1, sent.end) if ctx.lower[i] in VISIT_PLACE_PREPOSITIONS
                       and "yang" not in ctx.lower[i - 2:i]), None)  # "klien yang ada di wilayah Polres": not where
            if ke is not None and marker is not None and ke < marker.start:
                marker = None if any(o.start >= ke and o.end <= marker.start for o in orgs) else marker
            split = marker.start if marker is not None else ke
            if split is not None:
                visitors = [ctx.org_of(o) for o in orgs if cue.end <= o.start < split][:1] \
                    or ctx.people_org_between(sent, cue.end, split)
                after_split = marker.end if marker is not None else ke
                host = next((ctx.org_of(o) for o in orgs if o.start >= after_split), None) \
                    or next(iter(ctx.people_org_between(sent, after_split, sent.end)), None)
                if host is None and visitors and not ctx.is_facility(visitors[0]) \
                        and ctx.bare_head_between(after_split, sent.end):
                    host = ctx.main_facility  # "kunjungan GM hotel itu ke bengkel kerja Lapas"
                if not visitors and host is not None:
                    visitors = ctx.implied_visitor(sent, cue, host)
            elif before and ctx.is_facility(ctx.org_of(before[-1])) and before[-1].end == cue.start:
                host = ctx.org_of(before[-1])  # "Lapas Y kedatangan tim dari Kanwil X"
                visitors = [n for n in ctx.drop_parents(after) if not ctx.is_facility(n)][:1]
            else:  # "bertempat di Lapas Y, ... pengambilan hasil karya ... oleh CV X"
                host = ctx.venue_facility(sent, sent.start, cue.start)
                visitors = [ctx.org_of(o) for o in orgs if o.start >= cue.end
                            and not ctx.is_facility(ctx.org_of(o))][:1] if host else []
                if host is None:  # "kehadiran perwakilan akademisi dari UGM": who came; the facility hosts
                    dari = next((i for i in range(cue.end, min(cue.end + 4, sent.end)) if ctx.lower[i] == "dari"), None)
                    came = [ctx.org_of(o) for o in orgs if dari is not None and dari < o.start <= dari + 3]
                    if came and not ctx.is_facility(came[0]):
                        visitors, host = came[:1], ctx.main_facility
        out = []
        visitors = [v for v in dict.fromkeys(visitors) if v and host is not None and v != host and ctx.crosses(v, host)]
        if not visitors:
            return out
        date, purposes = ctx.event_date(sent), None
        if date is None and (attending or ctx.lower[sent.start] in ANAPHORA):
            # the line names who came ("Kegiatan peresmian disaksikan X"); the event, where and when
            event = ctx.venue_sentence(sent, host)
            if event is not None:
                date, purposes = ctx.event_date(event, own=True), self._purposes(ctx, event)
        purposes = [p for p in self._purposes(ctx, sent) if p != "other"] or purposes or ["other"]
        for visitor in visitors:
            out.append({"visitor": visitor, "host": host, "date": date or ctx.lead_date,
                        "purposes": purposes, "evidence": [ctx.evidence(sent, cue)],
                        "rule": f"visit:{cue._.kind}"})
        return out

    def _purposes(self, ctx: "_Context", sent: Span) -> list[str]:
        sents = [sent]
        nxt = ctx.next_sentence(sent)
        if nxt is not None and nxt[0].lower_ in ANAPHORA:
            sents.append(nxt)
        found = []
        for s in sents:
            for cue in ctx.cues_in(s):
                if cue._.kind == "stage" and cue._.value in PURPOSE_STAGES:
                    found.append(cue._.value)
                elif cue._.kind == "activity" and ctx.lowercase_cue(cue):
                    found.append(cue._.value)
        return list(dict.fromkeys(found)) or ["other"]

    # --- stages --------------------------------------------------------------------
    def _stages(self, doc: Doc, ctx: "_Context", visits: list[dict]) -> list[dict]:
        stages = []
        for sent in ctx.all_sents:
            cues = ctx.cues_in(sent)
            if ctx.proper_cues and not _within(sent, ctx.title):  # "NKB Rencana Kerja ...": a title word, no modality
                cues = [c for c in cues if c.start not in ctx.proper_cues]
            triggers = [c for c in cues if c._.kind == "stage"]
            triggers += self._generic_planned(sent, cues, triggers)
            if ctx.running_at and any(sent.start <= i < sent.end for i in ctx.running_at):
                triggers += self._generic_running(sent, triggers)
            if any(c._.value == "pemasaran" and c._.kind == "activity" for c in cues):
                triggers += self._sale_to_partner(ctx, sent, cues, triggers)
            named_here = donors = host_here = None  # what the sentence says, read once for all its triggers
            for trig in triggers:
                stage, text = trig._.value, trig.text.lower()
                status = self._status(sent, cues, trig, stage)
                if status is None:
                    continue
                if trig._.rule == "cue:running_cooperation":
                    status = "done"  # "telah terjalin": whatever is said of its future is another step
                contact = text in CONTACT
                if contact and not any(c._.kind == "activity" for c in cues) \
                        and not _names_cooperation(ctx.lower, sent.start, sent.end):
                    continue  # "berkoordinasi dengan Dukcapil untuk ...": no cooperation talked about
                if contact and any(c._.kind in ("planned_forward", "planned_backward") and c.start >= trig.end
                                   for c in cues):
                    status = "planned"  # "sudah berkomunikasi dengan X dan pekan depan akan ...": the next step
                if stage == "naskah" and status == "planned" and self._agreement_carried_out(sent, cues, trig):
                    stage = "pelaksanaan"  # "Nantinya PKS ini mencakup ...": the agreement runs, no new one
                referred = ctx.referred_sentence(sent, trig, cues)
                if named_here is None:
                    named_here = ctx.partners_in(sent)
                named = named_here + ctx.partners_in(referred) if referred else named_here
                partners = list(dict.fromkeys(p for p in named if stage == "monitoring" or not ctx.is_supervisor(p)))
                if len(partners) > 1 and ctx.strong_break_in(sent):  # "A akan melatih ..., sedangkan B ...": each its own
                    partners = [p for p in ctx.partners_in(sent, _clause(sent, trig, STRONG_BREAKS)) if p in partners] \
                        or partners
                if not partners:
                    partners = ctx.counted_group(sent, trig)
                if not partners and ctx.speakers and (text not in self.needs_partner  # "..., perusahaan akan melatih"
                                                      or not SPEAKER_BODY.isdisjoint(ctx.lower[sent.start:trig.start])):
                    partners = ctx.speaker_partners(sent)  # "Rifai menyampaikan bahwa pelatihan ...": his body
                if donors is None:
                    donors = ctx.donors_in(sent)
                if donors:
                    partners = [p for p in partners if p not in donors]
                if trig._.rule == "cue:sale_to_partner":
                    partners = [trig._.partner]
                if trig._.rule == "cue:generic_cooperation" and partners:
                    partners = ctx.partners_in(sent, _clause(sent, trig)) or ["-"]  # "pihak ketiga lainnya": no name
                if stage == "monitoring" and any(ctx.is_supervisor(p) for p in partners):
                    partners = [p for p in partners if ctx.is_supervisor(p)]  # the office monitors; the firm is monitored
                if not partners:
                    main = ctx.main_partner
                    if (text in self.needs_partner and not (stage == "pelaksanaan" and _starts_today(
                            ctx.lower, *_clause(sent, trig))) and not _names_both_parties(ctx.lower, sent)) \
                            or main is None \
                            or (trig._.rule == "cue:running_cooperation" and not ctx.about_visit(sent)) \
                            or (stage != "monitoring" and ctx.is_supervisor(main)):
                        continue
                    partners = ctx.group_of(main)
                if host_here is None:
                    host_here = host = ctx.facility_in(sent) or ctx.main_facility
                    if host != ctx.main_facility and host == ctx.venue_facility(sent, sent.start) and ctx.main_facility:
                        host_here = ctx.main_facility  # "PKS ... dilaksanakan di Bapas Palu": the venue, not the party
                host = host_here
                if host is None:
                    continue
                date = ctx.event_date(sent) or (ctx.event_date(referred) if referred else None)
                earlier = stage == "naskah" and date is None and _followed_up(ctx.lower, cues, trig)
                if status == "done" and date is None and not earlier:  # an agreement followed up: its own date unknown
                    date = ctx.told_event_date(sent)
                fallback = status == "done" and date is None and not earlier
                if fallback:
                    date = ctx.visit_date(visits)
                activities = [c._.value for c in cues if c._.kind == "activity" and ctx.lowercase_cue(c)]
                products = [value for start, value in ctx.products if sent.start <= start < sent.end]
                weak = text in self.needs_partner
                if weak and stage == "pelaksanaan" and not activities and not products:
                    activities = ctx.referred_activities(sent)  # "Kegiatan ini diadakan atas kerjasama ..."
                if weak and stage == "pelaksanaan" and not activities and not products:
                    activities, later = ctx.elaborated_activities(sent)  # "... kerjasama antara A dengan B. Nantinya ..."
                    if later and status == "done" and not any(c._.kind == "done" for c in cues):
                        status = "planned"
                if weak and stage == "pelaksanaan" and not activities and not products and text not in NAMED_COOPERATION \
                        and not (status == "planned" and _names_both_parties(ctx.lower, sent)):  # "... akan diperpanjang"
                    continue  # "bekerja sama dengan Dinkes menggelar skrining": a service, no training or goods
                for partner in dict.fromkeys(ctx.same_body.get(p, p) for p in partners):
                    if partner == host or partner == "-":
                        continue
                    stages.append({"stage": stage, "partner": partner, "host": host, "status": status, "date": date,
                                   "activities": list(dict.fromkeys(activities)),
                                   "products": list(dict.fromkeys(products)),
                                   "evidence": [ctx.evidence(sent, trig)], "rule": trig._.rule, "fallback": fallback,
                                   "weak": weak and any(g in text for g in GENERIC_COOPERATION)})
        return _drop_signed_only(stages)

    def _generic_planned(self, sent: Span, cues: list[Span], triggers: list[Span]) -> list[Span]:
        """"kerja sama pemasaran di masa mendatang": an announced new cooperation is penjajakan."""
        lower = _lower(sent.doc)[sent.start:sent.end]
        if GENERIC_FIRST.isdisjoint(lower):
            return []  # most sentences name no cooperation at all: skip the token walk
        busy = [_clause(sent, t) for t in triggers]
        out = []
        for k, word in enumerate(lower):
            if word not in GENERIC_FIRST:
                continue
            i = sent.start + k
            two = f"{word} {lower[k + 1]}" if k + 1 < len(lower) else ""
            if any(a <= i < b for a, b in busy):
                continue
            if word in GENERIC_COOPERATION or two in GENERIC_COOPERATION:
                width = 2 if two in GENERIC_COOPERATION else 1
                span = _Cue(Span(sent.doc, i, i + width, label="CUE_stage"),
                            "stage", "penjajakan", "cue:generic_cooperation")
                clause = _clause(sent, span)
                new_line = any(c._.kind == "activity" and c._.value == "pemasaran" and clause[0] <= c.start < clause[1]
                               for c in cues) or any(w in NEW_WORDS for w in lower[clause[0] - sent.start:clause[1] - sent.start])
                if new_line and self._status(sent, cues, span, "penjajakan", generic=True) == "planned":
                    out.append(span)
                    break
        return out

    def _generic_running(self, sent: Span, triggers: list) -> list:
        """"kerja sama (yang) telah terjalin antara A dengan B": a cooperation told as running."""
        lower = _lower(sent.doc)
        if not _names_cooperation(lower, sent.start, sent.end) or any(t._.value == "monitoring" for t in triggers):
            return []  # "monitoring pelaksanaan kerja sama yang telah berjalan": the running told as background
        for i in range(sent.start, sent.end - 1):
            if lower[i] in DONE_WORDS and lower[i + 1] in RUNNING_VERBS:
                span = _Cue(Span(sent.doc, i, i + 2, label="CUE_stage"), "stage", "pelaksanaan", "cue:running_cooperation")
                a, _ = _clause(sent, span)
                if _names_cooperation(lower, a, i):
                    return [span]
        return []

    def _sale_to_partner(self, ctx: "_Context", sent: Span, cues: list, triggers: list) -> list:
        """"promosi dan penjualan produk WBP ... ke Toserba X": goods sold to a named business."""
        if any(t._.value == "pelaksanaan" for t in triggers):
            return []
        for c in cues:
            if c._.kind != "activity" or c._.value != "pemasaran" or not ctx.lowercase_cue(c):
                continue
            end = _clause(sent, c)[1]
            for o in ctx.orgs_in(sent):
                if c.end < o.start < end and ctx.lower[o.start - 1] in SALE_PREPOSITIONS \
                        and o._.org_id in ctx.partner_ids and not ctx.is_facility(ctx.org_of(o)):
                    cue = _Cue(Span(sent.doc, c.start, c.end, label="CUE_stage"), "stage", "pelaksanaan",
                               "cue:sale_to_partner")
                    cue._.partner = ctx.org_of(o)
                    return [cue]
        return []

    def _agreement_carried_out(self, sent: Span, cues: list, trig) -> bool:
        """An agreement noun that is the subject of a planned clause, with no making or signing in it."""
        if trig.text.lower() not in AGREEMENT_DOCUMENTS:
            return False
        lower = _lower(sent.doc)
        a, b = _clause(sent, trig)
        if any(lower[i] not in MODALITY_WORDS and lower[i] not in QUOTES for i in range(a, trig.start)):
            return False  # "akan menandatangani PKS": the agreement is an object
        if any(c is not trig and c._.kind == "stage" and c._.value == "naskah" and a <= c.start < b for c in cues):
            return False
        return not any(lower[i] in AGREEMENT_MAKING for i in range(a, b))

    def _status(self, sent: Span, cues: list[Span], trig: Span, stage: str, generic: bool = False) -> Optional[str]:
        clause = _clause(sent, trig)
        in_clause = [c for c in cues if clause[0] <= c.start and c.end <= clause[1]]
        kinds = {c._.kind for c in in_clause if c.start < trig.start}
        if "condition" in kinds:
            return None
        lower = _lower(sent.doc)
        if stage == "pelaksanaan" and _starts_today(lower, *clause):
            return "done"  # "akan dilatih selama 22 hari mulai Rabu (5/10) hari ini": it has begun
        exceptions = set(self.modality.planned_exceptions.get(stage, []))
        sentence_initial = [c for c in cues if c._.kind == "planned_forward" and c.start - sent.start <= 1]
        done_at = [c.start for c in in_clause if c._.kind == "done" and c.start < trig.start]
        if stage == "naskah" and any(c._.kind == "before" and c.end <= trig.start for c in in_clause) \
                and any(lower[i] in PASSIVE_SIGNING for i in range(trig.start, clause[1])):
            return "planned"  # "sebelum perjanjian ... diteken": not yet signed
        if stage == "naskah":  # "menindaklanjuti nota kesepakatan ...": the agreement followed up was made before
            followed = _followed_up(lower, in_clause, trig)
            if followed:
                in_clause = [c for c in in_clause if c.start not in followed]
                sentence_initial = [c for c in sentence_initial if c.start not in followed]
        forward = [c for c in in_clause if c._.kind == "planned_forward" and c.end <= trig.start
                   and c.text.lower() not in exceptions and not _scopes_result(lower, c.end, trig.start)
                   and not any(c.end <= d for d in done_at)]  # "akan diberikan piagam telah/pernah mengikuti"
        backward = [c for c in in_clause if c._.kind == "planned_backward" and c.start >= trig.end
                    and lower[c.start - 1] not in _NOT_PLANNED_BEFORE
                    and not _scopes_result(lower, c.end, clause[1])]
        continuation = [c for c in in_clause if c._.kind == "continuation" and (c.end <= trig.start or generic)]
        hope = [c for c in in_clause if c._.kind == "hope" and c.end <= trig.start]
        effect = [c for c in forward + backward if _tells_effect(lower, c.end, clause[1])] if forward or backward else []
        if effect:  # "MoU ini tentu akan memperkuat ...", "kedepannya dapat lebih ...": a hope, no step
            forward = [c for c in forward if c not in effect]
            backward = [c for c in backward if c not in effect]
            hope = hope + effect
        planned = bool(forward or backward or (sentence_initial and sentence_initial[0].text.lower() not in exceptions))
        if continuation and (stage == "pelaksanaan" or generic):
            return None
        if hope and not planned:
            return None
        if generic:
            return "planned" if (backward or forward) and not hope else None
        return "planned" if planned else "done"


class _Cue:
    """A cue span with its extension values read once (the events step reads them many times)."""

    __slots__ = ("span", "start", "end", "start_char", "end_char", "text", "_")

    def __init__(self, span: Span, kind=None, value=None, rule=None):
        self.span, self.start, self.end = span, span.start, span.end
        self.start_char, self.end_char = span.start_char, span.end_char
        self.text = A.doc_text(span.doc)[self.start_char:self.end_char]  # Span.text builds every Token
        self._ = SimpleNamespace(kind=kind if kind is not None else cue_kind(span),
                                 value=value if value is not None else cue_value(span),
                                 rule=rule if rule is not None else span.id_)

    @classmethod
    def from_row(cls, row: tuple) -> "_Cue":
        cue = cls.__new__(cls)
        cue.start, cue.end, cue.start_char, cue.end_char, cue.text, kind, value, rule = row
        cue.span = None
        cue._ = SimpleNamespace(kind=kind, value=value, rule=rule)
        return cue


class _Mention:
    """An organization mention with its resolved id read once."""

    __slots__ = ("start", "end", "start_char", "end_char", "_")

    def __init__(self, span: Span):
        self.start, self.end, self.start_char, self.end_char = span.start, span.end, span.start_char, span.end_char
        self._ = SimpleNamespace(org_id=A.span_attr(span, "org_id"), rule=A.span_attr(span, "rule"))


class _Context:
    """What the event rules ask of a document: its orgs by role, sentences, dates."""

    def __init__(self, doc: Doc):
        self.doc = doc
        seg = A.doc_attr(doc, "segments") or {}
        self.orgs = A.doc_attr(doc, "organizations") or []
        self.title = seg.get("title")
        self.body = body = seg.get("body")
        starts = A.sentence_starts(doc)
        bounds = list(zip(starts, starts[1:] + [len(doc)]))
        sents = [doc[a:b] for a, b in bounds if b > a]
        self._starts = set(starts)
        self.all_sents = [s for s in sents if _within(s, self.title) or _within(s, body)]
        self.body_sents = [s for s in sents if _within(s, body)]
        self._next = {s.start: sents[i + 1] for i, s in enumerate(sents[:-1])}
        rows = doc.user_data.get(CUE_ROWS)
        if rows is not None and len(rows) == len(doc.spans.get(A.CUES, [])):
            self.cues = sorted((_Cue.from_row(row) for row in rows), key=lambda c: c.start)
        else:  # cues set by other means than the tagger
            self.cues = sorted((_Cue(c) for c in doc.spans.get(A.CUES, [])), key=lambda c: c.start)
        self._cue_starts = [c.start for c in self.cues]
        pub = A.doc_attr(doc, "published")
        self.published = pub["value"][:10] if pub else None
        parent_end = pub["end"] if pub and _within_chars(pub, seg.get("dateline_zone")) else -1
        self.org_spans = [m for m in (_Mention(s) for s in doc.spans.get(A.ORGS, []))
                          if m._.org_id is not None and m.end_char > parent_end]
        counts: dict[int, int] = {}
        for s in self.org_spans:
            counts[s._.org_id] = counts.get(s._.org_id, 0) + 1
        facilities = [i for i, o in enumerate(self.orgs) if o["kind"] == "correctional_facility" and i in counts]
        self.main_facility = self.orgs[max(facilities, key=lambda i: (counts[i], -i))]["name"] if facilities else None
        self.partner_ids = [i for i, o in enumerate(self.orgs) if o["kind"] != "correctional_facility"
                            and i in counts and not all(s._.rule == "outlet" for s in o["spans"])
                            and not o["name"].startswith(INTERNAL_UNITS)]  # "Dharma Wanita Persatuan": the facility's own
        self._counts = counts
        if self.main_facility is None:  # a Kanwil signing for its region hosts the stages itself
            offices = [i for i, o in enumerate(self.orgs) if i in counts and o["kind"] == "government"
                       and re.match(r"(Kantor Wilayah|Kanwil|Direktorat Jenderal Pemasyarakatan|Ditjenpas)", o["name"])]
            if offices:
                self.main_facility = self.orgs[offices[0]]["name"]
        self.main_partner: Optional[str] = None
        self._groups: Optional[list[list[str]]] = None
        self.same_body: dict[str, str] = {}  # a parent office named in apposition -> the visiting unit
        self.lead_date = self._lead_date(seg)
        self.people = A.doc_attr(doc, "people") or []
        self.bare_heads = set(lexicon.grammar().bare_facility_heads)
        self.texts = A.token_texts(doc)
        self.lower = _lower(doc)
        self._prev = {s.start: sents[i - 1] for i, s in enumerate(sents) if i}
        # read once: iterating a span group builds a Span object per item every time
        self.products = [(p.start, A.span_attr(p, "value")) for p in doc.spans.get(A.PRODUCTS, [])]
        partner_names = {self.orgs[i]["name"] for i in self.partner_ids}
        self.speakers = [(p["name"], p["name"].split()[0], p["organization"]) for p in self.people
                         if p["organization"] in partner_names and not self.is_supervisor(p["organization"])]
        # "telah terjalin": a done cue before a running verb, found from the cues, not a token walk
        self.running_at = [c.start for c in self.cues if c._.kind == "done" and c.end < len(self.lower)
                           and self.lower[c.end] in RUNNING_VERBS]
        # capitalised modality words inside a sentence are title words ("NKB Rencana Kerja"), by start
        self.proper_cues = {c.start for c in self.cues if c._.kind in MODALITY_KINDS and c.text[:1].isupper()
                            and c.start not in self._starts and c.start - 1 not in self._starts
                            and self.lower[c.start - 1] not in QUOTES}
        pub_start = pub["start"] if pub else None
        isos = [(d.start, d.start_char, A.span_attr(d, "iso")) for d in doc.spans.get(A.DATES, [])]
        self.event_dates = [(start, iso[:10]) for start, start_char, iso in isos
                            if start_char != pub_start and iso and not isinstance(iso, list)]

    def _lead_date(self, seg: dict) -> Optional[str]:
        """The first event date of the body, else the publication date: when the reported event happened."""
        pub = A.doc_attr(self.doc, "published")
        stamp = None
        for span in self.doc.spans.get(A.DATES, []):
            iso = A.span_attr(span, "iso")
            if stamp is None and iso and not isinstance(iso, list) and not self.published and _own_line(span):
                stamp = iso[:10]  # "Sabtu, 14 Februari 2026 | 06.58 WITA" alone on a line: the page's date
                continue
            if _within(span, seg.get("body")) and iso and not isinstance(iso, list) \
                    and not (pub and span.start_char == pub["start"]) \
                    and not (self.published and iso[:10] > self.published):
                if self.published and not A.span_attr(span, "value").get("y") and iso[:10] < self.published[:4]:
                    continue  # a year-less date pushed into last year is an announcement, not the event
                return iso[:10]
        return self.published or stamp

    def set_main_partner(self, visits: list[dict]) -> None:
        names = {self.orgs[i]["name"] for i in self.partner_ids if not self.is_supervisor(self.orgs[i]["name"])}
        for v in visits:
            for side in ("visitor", "host"):
                if v[side] in names:
                    self.main_partner = v[side]
                    return
        if self.partner_ids:
            ids = [i for i in self.partner_ids if not self.is_supervisor(self.orgs[i]["name"])] or self.partner_ids
            best = max(ids, key=lambda i: (self._counts[i], -i))
            self.main_partner = self.orgs[best]["name"]

    def group_of(self, main: str) -> list[str]:
        """The partners named together with the main one ("bersama A, B dan C"): an unnamed
        signing or training ("PKS dengan beberapa stakeholder") concerns every one of them."""
        if self._groups is None:
            self._groups = []
            for sent in self.body_sents:
                names = [n for n in self.partners_in(sent) if not self.is_supervisor(n)]
                if len(names) > 1:
                    self._groups.append(names)
        return next((g for g in self._groups if main in g), [main])

    def cues_in(self, sent: Span) -> list["_Cue"]:
        lo = bisect.bisect_left(self._cue_starts, sent.start)
        hi = bisect.bisect_left(self._cue_starts, sent.end)
        return [c for c in self.cues[lo:hi] if c.end <= sent.end]

    def orgs_in(self, sent: Span) -> list[Span]:
        return [s for s in self.org_spans if sent.start <= s.start < sent.end and s._.rule != "outlet"]

    def org_of(self, span: Span) -> str:
        return self.orgs[span._.org_id]["name"]

    def is_facility(self, name: str) -> bool:
        return any(o["name"] == name and o["kind"] == "correctional_facility" for o in self.orgs)

    def is_supervisor(self, name: str) -> bool:
        """The facility's own line of command (Kementerian, Ditjenpas, Kanwil): partner only when it monitors."""
        return bool(_SUPERVISOR.match(name))

    def crosses(self, a: str, b: str) -> bool:
        """A visit links a facility and an outside party (or two outside parties about a facility)."""
        return self.is_facility(a) != self.is_facility(b) or (self.is_facility(a) and self.is_facility(b))

    def partners_in(self, sent: Span, clause: Optional[tuple[int, int]] = None) -> list[str]:
        ids = [s._.org_id for s in self.orgs_in(sent) if s._.org_id in self.partner_ids
               and (clause is None or clause[0] <= s.start < clause[1])]
        return [self.orgs[i]["name"] for i in dict.fromkeys(ids)]

    def facility_in(self, sent: Span) -> Optional[str]:
        for s in self.orgs_in(sent):
            if self.orgs[s._.org_id]["kind"] == "correctional_facility":
                return self.orgs[s._.org_id]["name"]
        return None

    def drop_parents(self, mentions: list) -> list[str]:
        """Visitors, without a supervising office named in apposition to the one before it
        ("Tim Direktorat Pembinaan ..., Direktorat Jenderal Pemasyarakatan"): one body, named twice."""
        texts = A.token_texts(self.doc)
        out = []
        for k, o in enumerate(mentions):
            name = self.org_of(o)
            prev = mentions[k - 1] if k else None
            gap = texts[prev.end:o.start] if prev is not None else []
            apposed = gap == [","] or (len(gap) <= 7 and gap[:1] == ["("] and gap[-2:] == [")", ","])  # "(Dit. X),"
            if apposed and self.is_supervisor(name) and self.orgs[prev._.org_id]["kind"] == "government":
                self.same_body[name] = self.org_of(prev)
                continue
            out.append(name)
        return out

    def donors_in(self, sent: Span) -> set[str]:
        """Bodies that hand something to a third party ("bantuan dari Yayasan X kepada UKM Y"):
        a donor beside a signing is not a party to it."""
        texts = A.token_texts(self.doc)
        out = set()
        mentions = self.orgs_in(sent)
        for k, o in enumerate(mentions):
            if o.start > sent.start and texts[o.start - 1].lower() == "dari" \
                    and any(t.lower() == "kepada" for t in texts[o.end:min(o.end + 2, sent.end)]):
                out.add(self.org_of(o))
                nxt = mentions[k + 1] if k + 1 < len(mentions) else None
                if nxt is not None and nxt.start - o.end <= 2:
                    out.add(self.org_of(nxt))  # nor is the one that receives it ("kepada UKM Y")
        return out

    def venue_facility(self, sent: Span, start: int, end: Optional[int] = None) -> Optional[str]:
        """The facility named as the place of the event: "di (Aula ...) Lapas Y" between start and end."""
        end = sent.end if end is None else end
        texts = A.token_texts(self.doc)
        for o in self.orgs_in(sent):
            if start <= o.start < end and self.is_facility(self.org_of(o)) \
                    and any(texts[i].lower() == "di" for i in range(max(start, o.start - 5), o.start)):
                return self.org_of(o)
        return None

    def subject_org(self, sent: Span, cue: Span) -> Optional[str]:
        """The organization of the person or role that opens the sentence before the cue."""
        for person in self.people:
            for span in person["spans"]:
                if sent.start <= span.start < cue.start and person["organization"]:
                    return person["organization"]
        texts = A.token_texts(self.doc)
        if any(texts[i] in self.bare_heads for i in range(sent.start, cue.start)):
            return self.main_facility  # "jajaran Lapas berkunjung ke ...": the facility of the article
        for role in self.doc.spans.get(A.ROLES, []):
            if sent.start <= role.start < cue.start:
                return self.main_facility if role._.value.startswith(FACILITY_STAFF_TITLES) else None
        return None

    def person_between(self, start: int, end: int) -> bool:
        return any(start <= s.start < end for p in self.people for s in p["spans"])

    def bare_head_between(self, start: int, end: int) -> bool:
        return any(self.texts[i] in self.bare_heads for i in range(start, end))

    def partner_group(self, sent: Span, start: int, end: Optional[int] = None) -> list[str]:
        """"dihadiri para pimpinan mitra", "kehadiran perwakilan kedua lembaga": every partner of the
        reported cooperation (named together in one sentence), else the most named one."""
        if not any(self.lower[i] in VISIT_GROUP_WORDS for i in range(start, sent.end if end is None else end)):
            return []
        partners = [i for i in self.partner_ids if not self.is_supervisor(self.orgs[i]["name"])]
        if not partners:
            return []
        for s in self.body_sents:
            names = [n for n in self.partners_in(s) if not self.is_supervisor(n)]
            if len(names) > 1:
                return names
        return [self.orgs[max(partners, key=lambda i: (self._counts[i], -i))]["name"]]

    def venue_partner(self, sent: Span, mentions: list) -> Optional[str]:
        """The outside party named as the place of the event ("di ruang rapat SMK X")."""
        for o in mentions:
            name = self.org_of(o)
            if not self.is_facility(name) and any(self.lower[i] == "di" for i in range(max(sent.start, o.start - 5), o.start)):
                return name
        return None

    def speaker_before(self, sent: Span, host: str) -> list[str]:
        """The outside person last named in the sentences before (their body, else their name)."""
        body = self.body
        prev = self._prev.get(sent.start)
        for _ in range(3):
            if prev is None or not _within(prev, body):
                return []
            named = [n for _, n in sorted((min(s.start for s in p["spans"] if prev.start <= s.start < prev.end),
                                            p["organization"] or p["name"]) for p in self.people
                                           if any(prev.start <= s.start < prev.end for s in p["spans"]))]
            named = [n for n in named if n != host and not self.is_facility(n)]
            if named:
                return named[:1]
            prev = self._prev.get(prev.start)
        return []

    def headquarters_after(self, sent: Span, start: int) -> Optional[str]:
        """"ke Mapolsek Pagar Alam": "Ma" (markas) before a known body's name is that body's base."""
        for i in range(start, min(start + 3, sent.end)):
            word = self.lower[i]
            if len(word) > 4 and word.startswith("ma"):
                for o in self.orgs:
                    name = o["name"].lower().split()
                    if name[0] == word[2:] and self.lower[i + 1:i + len(name)] == name[1:] \
                            and not self.is_facility(o["name"]):
                        return o["name"]
        return None

    def implied_visitor(self, sent: Span, cue, host: str) -> list[str]:
        """A visitor the visit sentence does not name: the facility's staff on an outbound trip
        ("Kunjungan diawali ke Dinas X"), or the party a pronoun or group refers to ("dia", "rombongan")."""
        subject = self.subject_org(sent, cue)
        if not self.is_facility(host):
            return [subject or self.main_facility] if (subject or self.main_facility) else []
        if subject and not self.is_facility(subject):
            return [subject]
        anaphor = next((i for i in range(sent.start, sent.end) if self.lower[i] in VISIT_ANAPHORA), None)
        if anaphor is None and cue.start - sent.start > 1:
            return []
        if anaphor is not None:  # "..., dia sebagai Ketua TP PKK X melihat ...": named after the pronoun
            named = [self.org_of(o) for o in self.orgs_in(sent) if o.start > anaphor
                     and not self.is_facility(self.org_of(o))]
            if named:
                return named[:1]
        prev = self._prev.get(sent.start)
        for _ in range(2):
            if prev is None or not _within(prev, self.body):
                break
            named = [self.org_of(o) for o in self.orgs_in(prev) if not self.is_facility(self.org_of(o))]
            named += [p["organization"] for p in self.people if p["organization"]
                      and not self.is_facility(p["organization"])
                      and any(prev.start <= s.start < prev.end for s in p["spans"])]
            if named:
                return named[:1]
            prev = self._prev.get(prev.start)
        return []

    def referred_activities(self, sent: Span) -> list[str]:
        """The activities of the sentence before one that opens by referring back to it ("Kegiatan ini ...")."""
        if sent.end - sent.start < 2 or self.lower[sent.start] not in ANAPHORA \
                or self.lower[sent.start + 1] not in VISIT_BACK_REFERENCE:
            return []
        prev = self._prev.get(sent.start)
        if prev is None:
            return []
        return [c._.value for c in self.cues_in(prev) if c._.kind == "activity" and self.lowercase_cue(c)] \
            or [c._.value for c in self.cues_in(prev) if c._.kind == "activity"]

    def elaborated_activities(self, sent: Span) -> tuple[list[str], bool]:
        """The activities of the next sentence when it tells what the cooperation does: opened by a
        future word ("Nantinya, WBP diberikan pelatihan ...": yet to come) or by the cooperation
        itself ("Diketahui, kerja sama ini terkait pembuatan ...")."""
        nxt = self._next.get(sent.start)
        if nxt is None or not _within(nxt, self.body):
            return [], False
        cues = self.cues_in(nxt)
        acts = [c._.value for c in cues if c._.kind == "activity" and self.lowercase_cue(c)]
        if not acts:
            return [], False
        if any(c._.kind == "planned_forward" and c.start - nxt.start <= 1 for c in cues):
            return list(dict.fromkeys(acts)), True
        head = self.lower[nxt.start:min(nxt.end, nxt.start + 6)]
        if any(head[k] in COOPERATION_NOUNS and head[k + 1] in VISIT_BACK_REFERENCE for k in range(len(head) - 1)):
            return list(dict.fromkeys(acts)), False
        return [], False

    def referred_sentence(self, sent: Span, trig, cues: list) -> Optional[Span]:
        """"Penandatanganan MoU itu ...": an agreement told again with a demonstrative is the one of
        the sentence before, with its parties and date."""
        i = trig.end
        if i >= sent.end or (self.lower[i] not in VISIT_BACK_REFERENCE and self.lower[i] != "("
                             and not any(c.start == i for c in cues)):
            return None
        stage_at = {c.start: c.end for c in cues if c._.kind == "stage"}
        while i < sent.end:
            if i in stage_at:
                i = stage_at[i]
            elif self.lower[i] == "(" and ")" in self.lower[i:min(i + 5, sent.end)]:
                i += self.lower[i:min(i + 5, sent.end)].index(")") + 1
            else:
                break
        if i < sent.end and self.lower[i] in VISIT_BACK_REFERENCE:
            return self._prev.get(sent.start)
        return None

    def counted_group(self, sent: Span, trig) -> list[str]:
        """"PKS dengan empat dinas": the bodies of that kind the article names elsewhere."""
        a, b = _clause(sent, trig)
        if GROUP_COUNTS.isdisjoint(self.lower[a:b]):
            return []
        for i in range(a, b - 2):
            if self.lower[i] in GROUP_COUNT_PREPOSITIONS and (self.lower[i + 1] in GROUP_COUNTS or self.lower[i + 1].isdigit()):
                head = self.lower[i + 2]
                return [self.orgs[k]["name"] for k in self.partner_ids
                        if self.orgs[k]["name"].split()[0].lower() == head and not self.is_supervisor(self.orgs[k]["name"])]
        return []

    def strong_break_in(self, sent: Span) -> bool:
        return not STRONG_BREAKS.isdisjoint(self.lower[sent.start:sent.end])

    def speaker_partners(self, sent: Span) -> list[str]:
        """The partner bodies of the people the sentence names again (its speaker or subject: "La Ode
        Rifai menyampaikan ...", "Revanda mengatakan ..."), by full name or a first name."""
        words = set(self.texts[sent.start:sent.end])
        text = A.doc_text(self.doc)[sent.start_char:sent.end_char]
        return list(dict.fromkeys(org for name, first, org in self.speakers
                                  if name in text or (len(first) > 3 and first in words)))

    def about_visit(self, sent: Span) -> bool:
        """The sentence opens by referring back to the reported visit ("Kunjungan tersebut membahas ...")."""
        return sent.end - sent.start > 1 and self.lower[sent.start] in ANAPHORA \
            and self.lower[sent.start + 1] in VISIT_BACK_REFERENCE

    def venue_sentence(self, sent: Span, host: str) -> Optional[Span]:
        """The sentence before that gives the attended event's place (the host) and date
        ("Kegiatan berlangsung di Gedung Bapas X pada Rabu (11/2)")."""
        prev = self._prev.get(sent.start)
        for _ in range(4):
            if prev is None or not _within(prev, self.body):
                return None
            if self.event_date(prev, own=True) and self.venue_facility(prev, prev.start) == host:
                return prev
            prev = self._prev.get(prev.start)
        return None

    def people_org_between(self, sent: Span, start: int, end: int) -> list[str]:
        """Organizations of the people named between two tokens ("Kedatangan Bapak Erwin selaku Karutan")."""
        out = []
        for person in self.people:
            if person["organization"] and any(start <= s.start < end and sent.start <= s.start < sent.end
                                              for s in person["spans"]):
                out.append(person["organization"])
        return out

    def people_after(self, sent: Span, cue: Span) -> list[str]:
        out = []
        for person in self.people:
            if any(sent.start <= s.start < sent.end and s.start >= cue.end for s in person["spans"]):
                out.append(person["organization"] or person["name"])
        return out

    def event_date(self, sent: Span, own: bool = False) -> Optional[str]:
        """The sentence's first date; with own, not one in a relative clause ("NKB yang diteken pada X")."""
        for start, day in self.event_dates:  # the dateline's date dates the article, not an event: left out
            if sent.start <= start < sent.end:
                if own and "yang" in self.lower[_clause_start(sent, start):start]:
                    continue
                return day
        return None

    def told_event_date(self, sent: Span) -> Optional[str]:
        """The date of the event a dateless stage sentence belongs to: the sentence before when this
        one refers back to it ("Peresmian tersebut dirangkaikan dengan ..."), else the next one when
        it opens on the event itself ("Kegiatan yang berlangsung ... pada Rabu ...", "Pelatihan ini ...")."""
        body = self.body
        if self._refers_back(sent):
            prev = self._prev.get(sent.start)
            for _ in range(3):  # "Koordinasi ini ... Kegiatan tersebut ...": back along the chain of references
                if prev is None or not _within(prev, body):
                    return None
                day = self.event_date(prev, own=True)
                if day or not self._refers_back(prev):
                    return day
                prev = self._prev.get(prev.start)
            return None
        nxt = self._next.get(sent.start)
        if nxt is None or not _within(nxt, body):
            return None
        if self.lower[nxt.start] in ANAPHORA or any(c.start == nxt.start and c._.kind == "activity"
                                                    for c in self.cues_in(nxt)):
            return self.event_date(nxt)
        return None

    def _refers_back(self, sent: Span) -> bool:
        """"Peresmian tersebut ...", "Kegiatan koordinasi ini ...": the sentence opens on the event told before."""
        i = sent.start + (self.lower[sent.start] in QUOTES)  # "“Kerja sama ini ...": a quote opening on it
        return sent.end - i > 2 and (self.lower[i + 1] in VISIT_BACK_REFERENCE or (
            (self.lower[i] in ANAPHORA or self.lower[i + 1] in COOPERATION_NOUNS)
            and self.lower[i + 2] in VISIT_BACK_REFERENCE))

    def visit_date(self, visits: list[dict]) -> Optional[str]:
        for v in visits:
            if v["date"]:
                return v["date"]
        return self.published

    def next_sentence(self, sent: Span) -> Optional[Span]:
        return self._next.get(sent.start)

    def lowercase_cue(self, cue: Span) -> bool:
        return cue.text[:1].islower() or cue.start in self._starts or _within(cue, self.title)

    def evidence(self, sent: Span, cue: Span) -> dict:
        return {"start": sent.start_char, "end": sent.end_char, "trigger": (cue.start_char, cue.end_char)}


_NOT_PLANNED_BEFORE = set(_G.not_planned_before)
_SUPERVISOR = re.compile(_G.supervisor_pattern)


def _names_both_parties(lower: list[str], sent: Span) -> bool:
    words = lower[sent.start:sent.end]
    if "kedua" not in words:
        return False
    k = words.index("kedua")
    return any(words[k:k + len(p)] == p for p in BOTH_PARTIES)


def _followed_up(lower: list[str], cues: list, trig) -> set[int]:
    """The follow-up cues that govern an agreement noun ("sebagai tindak lanjut dari PKS"), by start."""
    named = {i for c in cues if c._.kind == "stage" and c._.value == "naskah" for i in range(c.start, c.end)}
    return {c.start for c in cues if c.text.lower() in FOLLOW_UP and c.end <= trig.start
            and all(lower[i] in FOLLOW_UP_LINKS or i in named or lower[i] == "("  # "PKS (Perjanjian ...)"
                    for i in range(c.end, trig.start))}


def _scopes_result(lower: list[str], i: int, end: int) -> bool:
    """A future word before what a participant gets ("nantinya akan mendapat sertifikat"): it dates
    that result, not a stage beside it."""
    while i < end and lower[i] in MODALITY_WORDS:
        i += 1
    return i < end and lower[i] in RESULT_VERBS


def _tells_effect(lower: list[str], i: int, end: int) -> bool:
    """A future word followed (past adverbs) by an effect or ability word ("akan memperkuat", "dapat lebih")."""
    while i < end and (lower[i] in MODALITY_WORDS or lower[i] in EFFECT_ADVERBS):
        i += 1
    return i < end and lower[i] in EFFECT_WORDS


def _starts_today(lower: list[str], start: int, end: int) -> bool:
    """"mulai (Rabu (5/10)) hari ini" in the clause: the step begins on the reported day."""
    if START_WORDS.isdisjoint(lower[start:end]):
        return False
    for i in range(start, end):
        if lower[i] in START_WORDS:
            n = len(TODAY)
            return any(lower[j:j + n] == TODAY for j in range(i + 1, min(end - n + 1, i + 12)))
    return False


def _names_cooperation(lower: list[str], start: int, end: int) -> bool:
    return any(lower[i] in COOPERATION_WORDS or (lower[i] == "kerja" and i + 1 < end and lower[i + 1] == "sama")
               for i in range(start, end))


def _clause_start(sent: Span, i: int) -> int:
    lower = _lower(sent.doc)
    return next((k + 1 for k in range(i - 1, sent.start - 1, -1) if lower[k] in CLAUSE_BREAKS), sent.start)


def _clause(sent: Span, trig, breaks: set = CLAUSE_BREAKS) -> tuple[int, int]:
    """The clause around a trigger: between the nearest breaks (, ; : namun tetapi ...) on each side."""
    start, end = sent.start, sent.end
    lower = _lower(sent.doc)
    if breaks is CLAUSE_BREAKS:  # the sentence's breaks found once, for all its triggers
        cache = sent.doc.user_data.setdefault(("idpr", "events_breaks"), {})
        at = cache.get(start)
        if at is None:
            at = cache[start] = [i for i in range(start, end) if lower[i] in CLAUSE_BREAKS]
        k = bisect.bisect_left(at, trig.start)
        j = bisect.bisect_left(at, trig.end, k)
        return (at[k - 1] + 1 if k else start), (at[j] if j < len(at) else end)
    for i in range(sent.start, sent.end):
        if lower[i] in breaks:
            if i < trig.start:
                start = i + 1
            elif i >= trig.end:
                end = i
                break
    return start, end


def _own_line(span: Span) -> bool:
    """A date that is its line's whole text (a page timestamp line), not a date told in a sentence."""
    text = A.doc_text(span.doc)
    a = text.rfind("\n", 0, span.start_char) + 1
    b = text.find("\n", span.end_char)
    return not text[a:span.start_char].strip() and not text[span.end_char:b if b >= 0 else len(text)].strip(" .\t")


def _lower(doc: Doc) -> list[str]:
    """Every token's lower-cased text, computed once per Doc."""
    lower = doc.user_data.get(("idpr", "events_lower"))
    if lower is None:
        lower = doc.user_data[("idpr", "events_lower")] = [t.lower() for t in A.token_texts(doc)]
    return lower


def _within(span: Span, rng) -> bool:
    return bool(rng) and rng[0] <= span.start_char < rng[1]


def _within_chars(pub: dict, rng) -> bool:
    return bool(rng) and rng[0] <= pub["start"] < rng[1]


def _drop_signed_only(stages: list[dict]) -> list[dict]:
    """A partner that only signed ("PKS ... kolaborasi dengan X menjadi wujud sinergi") has no running
    stage: a weak pelaksanaan cue is dropped when the same partner's agreement was signed."""
    signed = {s["partner"] for s in stages if s["stage"] == "naskah" and s["status"] == "done"}
    out = []
    for s in stages:
        weak = s.pop("weak", False)
        if weak and s["stage"] == "pelaksanaan" and s["status"] == "done" and s["partner"] in signed:
            continue
        out.append(s)
    return out


def _fill_lists(visits: list[dict], stages: list[dict], products: list[str]) -> None:
    """List attributes a stage's own sentence does not give. A stage other than the signing concerns
    the goods and activities the article reports; a visit told without its aim had the aims of
    the stages done with that partner."""
    products = list(dict.fromkeys(products))
    activities = list(dict.fromkeys(a for s in stages for a in s["activities"]))
    for s in stages:
        if s["stage"] != "naskah":
            s["products"] = s["products"] or list(products)
            s["activities"] = s["activities"] or list(activities)
    for v in visits:
        if v["purposes"] == ["other"]:
            done = [s for s in stages if s["status"] == "done" and s["partner"] in (v["visitor"], v["host"])]
            found = [s["stage"] for s in done if s["stage"] in PURPOSE_STAGES] + [a for s in done for a in s["activities"]]
            v["purposes"] = list(dict.fromkeys(found)) or ["other"]


def _merge(items: list[dict], key: tuple[str, ...], union: str) -> list[dict]:
    merged: dict[tuple, dict] = {}
    for item in items:
        k = tuple(item[f] for f in key)
        if k not in merged:
            merged[k] = item
            continue
        into = merged[k]
        into[union] = list(dict.fromkeys(into[union] + [u for u in item[union] if u != "other"]))
        if "other" in into[union] and len(into[union]) > 1:
            into[union].remove("other")
        if "products" in into:
            into["products"] = list(dict.fromkeys(into["products"] + item["products"]))
        if item.get("date") and (into.get("date") is None or (into.get("fallback") and not item.get("fallback"))):
            into["date"] = item["date"]  # a date told with the event beats the visit's or the page's
            into["fallback"] = item.get("fallback")
        into["evidence"] = into["evidence"] + item["evidence"]
    return list(merged.values())
