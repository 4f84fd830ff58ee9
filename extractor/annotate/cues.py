"""Event cues: stage and activity triggers, visit triggers and modality (ConText-style).

Each cue is a span in `doc.spans["cues"]`: its label is "CUE_" + kind (stage, activity,
visit_receive, visit_go, visit_noun, host_marker, or a modality: planned_forward,
planned_backward, hope, continuation, condition, done, before), its `kb_id_` the stage or activity
it names, its `id_` the rule (`cue_kind`, `cue_value` read them). Scope is
decided by the event step, which reads the cues of one clause at a time.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.attrs import IDX
from spacy.tokens import Doc, Span

from .. import doc_attrs as A
from .. import lexicon
from .shapes import phrase_matcher

MODALITY_KINDS = ("planned_forward", "planned_backward", "hope", "continuation", "condition", "done", "before")


CUE_ROWS = ("idpr", "cue_rows")  # (start, end, start_char, end_char, text, kind, value, rule) per cue


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
        for kind in MODALITY_KINDS:
            phrases[f"{kind}|"] = getattr(mod, kind)
        phrases["not_continuation|"] = mod.continuation_exceptions
        self.matcher = phrase_matcher(nlp, phrases, attr="LOWER")

    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab.strings
        matches = sorted(((start, end, vocab[match_id]) for match_id, start, end in self.matcher(doc)),
                         key=lambda m: (m[0], -(m[1] - m[0])))
        text, texts = A.doc_text(doc), A.token_texts(doc)
        starts = doc.to_array(IDX).tolist() if matches else []  # char offsets, without building Tokens
        # within one cue kind keep the longest; different kinds may overlap
        reach: dict[str, int] = {}
        kept, rows = [], []
        for start, end, key in matches:
            kind, value = key.split("|")
            if reach.get(kind, -1) >= end:
                continue
            if kind == "stage" and reach.get(kind, -1) > start:
                continue  # "perjanjian kerja sama antara": one trigger, not a second one inside it
            reach[kind] = max(reach.get(kind, -1), end)
            a, b = starts[start], starts[end - 1] + len(texts[end - 1])
            rule = f"cue:{text[a:b].lower()}"
            # kind, value and rule ride on the span itself (label, kb_id, id): no extension writes per cue
            kept.append(Span(doc, start, end, label=f"CUE_{kind}", kb_id=value or "", span_id=rule))
            # the same cue as a plain row, for the event step (reading a span group builds a Span per item)
            rows.append((start, end, a, b, text[a:b], kind, value or None, rule))
        blocked = [(r[0], r[1]) for r in rows if r[5] == "not_continuation"]
        if blocked:  # "secara terus menerus": an adverb, no continuation
            keep = [r[5] != "not_continuation" and not (
                r[5] == "continuation" and any(a <= r[0] and r[1] <= b for a, b in blocked)) for r in rows]
            kept = [c for c, k in zip(kept, keep) if k]
            rows = [r for r, k in zip(rows, keep) if k]
        doc.spans[A.CUES] = kept
        doc.user_data[CUE_ROWS] = rows
        return doc
