"""Event cues: stage and activity triggers, visit triggers and modality (ConText-style).

Each cue is a span in `doc.spans["cues"]`: its label is "CUE_" + kind (stage, activity,
visit_receive, visit_go, visit_noun, host_marker, or a modality: planned_forward,
planned_backward, hope, continuation, condition, done, before), its `kb_id_` the stage or activity
it names, its `id_` the rule (`cue_kind`, `cue_value` read them). Scope is
decided by the event step, which reads the cues of one clause at a time.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon
from .shapes import phrase_matcher


def cue_kind(span: Span) -> str:
    return span.label_[len("CUE_"):]


def cue_value(span: Span):
    return span.kb_id_ or None


@Language.factory("idpr_cue_tagger", assigns=["doc.spans"])
def make_cue_tagger(nlp: Language, name: str) -> "CueTagger":
    return CueTagger(nlp)


class CueTagger:
    def __init__(self, nlp: Language):
        data = lexicon.cues()
        phrases: dict[str, list[str]] = {}
        for stage, words in data.stages.items():
            phrases[f"stage|{stage}"] = words
        for activity, words in data.activities.items():
            phrases[f"activity|{activity}"] = words
        phrases["visit_receive|"] = data.visits.receive
        phrases["visit_go|"] = data.visits.go
        phrases["visit_noun|"] = data.visits.noun
        phrases["host_marker|"] = data.visits.host_markers
        mod = data.modality
        for kind in ("planned_forward", "planned_backward", "hope", "continuation", "condition", "done", "before"):
            phrases[f"{kind}|"] = getattr(mod, kind)
        phrases["not_continuation|"] = mod.continuation_exceptions
        self.matcher = phrase_matcher(nlp, phrases, attr="LOWER")

    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab.strings
        matches = sorted(((start, end, vocab[match_id]) for match_id, start, end in self.matcher(doc)),
                         key=lambda m: (m[0], -(m[1] - m[0])))
        # within one cue kind keep the longest; different kinds may overlap
        reach: dict[str, int] = {}
        kept = []
        for start, end, key in matches:
            kind, value = key.split("|")
            if reach.get(kind, -1) >= end:
                continue
            if kind == "stage" and reach.get(kind, -1) > start:
                continue  # "perjanjian kerja sama antara": one trigger, not a second one inside it
            reach[kind] = max(reach.get(kind, -1), end)
            # kind, value and rule ride on the span itself (label, kb_id, id): no extension writes per cue
            kept.append(Span(doc, start, end, label=f"CUE_{kind}", kb_id=value or "",
                             span_id=f"cue:{doc[start:end].text.lower()}"))
        blocked = [(c.start, c.end) for c in kept if c.label_ == "CUE_not_continuation"]
        if blocked:  # "secara terus menerus": an adverb, no continuation
            kept = [c for c in kept if c.label_ != "CUE_not_continuation" and not (
                c.label_ == "CUE_continuation" and any(a <= c.start and c.end <= b for a, b in blocked))]
        doc.spans[A.CUES] = kept
        return doc
