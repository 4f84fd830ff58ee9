"""Optional stanza backend: sentence starts and dependencies from stanza's Indonesian models.

spaCy has no trained Indonesian pipeline; stanza has one (tokenize, mwt, pos, lemma,
depparse; no NER). When a user has its models on disk, the `idpr_stanza_parser`
component runs it on the doc's text and aligns its words to the spaCy tokens by
character offsets. The doc text and tokens are never replaced; the component adds:

- sentence starts: stanza's, added to the segmenter's (not after an abbreviation such
  as "CV." that the tokenizer keeps whole);
- `doc._.stanza_deps`: spaCy token index -> (head token index, deprel); the root points
  to itself with "root"; a spaCy token inside one stanza word points to the word's first
  token with "goeswith";
- `token.pos_` and `token.lemma_` where stanza gives them.

Multi-word tokens ("bukunya" = "buku" + "nya") share their surface token's offsets: the
spaCy token takes the dependency of the word whose head lies outside the token.

Nothing is downloaded at run time. Without stanza or its models the component raises
`StanzaUnavailable`, whose message says how to get them. The alignment takes plain data
(stanza's `Document.to_dict()`: sentences as lists of token/word dicts), so it is tested
without any model.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

PROCESSORS = "tokenize,mwt,pos,lemma,depparse"
UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
        "SCONJ", "SYM", "VERB", "X"}

from . import doc_attrs  # noqa: F401  (registers doc._.stanza_deps with the other extensions)


class StanzaUnavailable(RuntimeError):
    """stanza or its Indonesian models are missing; the message says how to get them."""


def how_to_get(model_dir: Optional[Union[str, Path]]) -> str:
    where = str(model_dir) if model_dir else "DIR"
    return ("Nothing is downloaded at run time. To get stanza's Indonesian models, on a machine with internet run: "
            f"pip install 'idpr-extractor[stanza]' && python -c \"import stanza; stanza.download('id', "
            f"model_dir='{where}', processors='{PROCESSORS}')\"; then copy that folder here and pass "
            f"--stanza-dir {where}.")


def load_stanza(model_dir: Optional[Union[str, Path]]):
    """stanza's Indonesian pipeline from `model_dir`, offline; StanzaUnavailable when it cannot be had."""
    if not model_dir:
        raise StanzaUnavailable("the stanza backend needs --stanza-dir DIR (a folder with stanza's Indonesian models). "
                                + how_to_get(None))
    try:
        import stanza
    except ImportError as exc:
        raise StanzaUnavailable(f"stanza is not installed ({exc}). " + how_to_get(model_dir)) from exc
    root = Path(model_dir)
    if not (root / "resources.json").is_file() or not (root / "id").is_dir():
        raise StanzaUnavailable(f"no stanza Indonesian models in {root} (expected {root / 'resources.json'} and "
                                f"{root / 'id'}/). " + how_to_get(model_dir))
    try:
        return stanza.Pipeline("id", dir=str(root), processors=PROCESSORS, download_method=None,
                               logging_level="WARN")
    except Exception as exc:  # stanza raises many kinds for missing or broken model files
        raise StanzaUnavailable(f"stanza could not load its Indonesian models from {root}: "
                                f"{type(exc).__name__}: {exc}. " + how_to_get(model_dir)) from exc


# --- alignment (plain data) ----------------------------------------------------------------
@dataclass
class Word:
    sent: int
    id: int
    text: str
    head: Optional[int]
    deprel: Optional[str]
    start: Optional[int]
    end: Optional[int]
    upos: Optional[str] = None
    lemma: Optional[str] = None


@dataclass
class Alignment:
    sent_starts: list[int] = field(default_factory=list)
    deps: dict[int, tuple[int, str]] = field(default_factory=dict)
    pos: dict[int, str] = field(default_factory=dict)
    lemma: dict[int, str] = field(default_factory=dict)


_MISC = re.compile(r"(start_char|end_char)=(\d+)")


def _offsets(entry: dict) -> tuple[Optional[int], Optional[int]]:
    start, end = entry.get("start_char"), entry.get("end_char")
    if (start is None or end is None) and entry.get("misc"):
        found = dict(_MISC.findall(str(entry["misc"])))
        start = int(found["start_char"]) if "start_char" in found else start
        end = int(found["end_char"]) if "end_char" in found else end
    return (int(start) if start is not None else None), (int(end) if end is not None else None)


def words_of(sentences: list[list[dict]]) -> list[list[Word]]:
    """stanza's `Document.to_dict()` -> words with character offsets (a multi-word token's words get its span)."""
    out = []
    for s_idx, sentence in enumerate(sentences):
        words, mwt_span, mwt_range = [], None, range(0)
        for entry in sentence:
            wid = entry.get("id")
            if isinstance(wid, (list, tuple)) and len(wid) == 2:  # a multi-word token: (first, last) word ids
                mwt_range = range(int(wid[0]), int(wid[1]) + 1)
                mwt_span = _offsets(entry)
                continue
            if isinstance(wid, (list, tuple)):
                wid = wid[0]
            wid = int(wid)
            start, end = _offsets(entry)
            if (start is None or end is None) and wid in mwt_range and mwt_span:
                start, end = mwt_span
            head = entry.get("head")
            words.append(Word(sent=s_idx, id=wid, text=entry.get("text", ""), head=int(head) if head is not None else None,
                              deprel=entry.get("deprel"), start=start, end=end, upos=entry.get("upos"),
                              lemma=entry.get("lemma")))
        out.append(words)
    return out


def align(doc: Doc, sentences: list[list[dict]]) -> Alignment:
    """Stanza's analysis (plain data) onto the spaCy tokens of `doc`, by character offsets."""
    result = Alignment()
    sents = words_of(sentences)
    tokens_of: dict[tuple[int, int], list[int]] = {}
    words_on: dict[int, list[Word]] = {}
    for words in sents:
        for w in words:
            if w.start is None or w.end is None or w.end <= w.start:
                continue
            span = doc.char_span(w.start, w.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            toks = list(range(span.start, span.end))
            tokens_of[(w.sent, w.id)] = toks
            for t in toks:
                words_on.setdefault(t, []).append(w)
    for words in sents:
        first = next((tokens_of[(w.sent, w.id)][0] for w in words if (w.sent, w.id) in tokens_of), None)
        if first is not None and first not in result.sent_starts:
            result.sent_starts.append(first)
    for t, words in sorted(words_on.items()):
        word = _representative(words)
        toks = tokens_of[(word.sent, word.id)]
        if toks[0] != t:
            result.deps[t] = (toks[0], "goeswith")
            continue
        if word.head == 0:
            result.deps[t] = (t, "root")
        elif word.head is not None and (word.sent, word.head) in tokens_of:
            result.deps[t] = (tokens_of[(word.sent, word.head)][0], word.deprel or "dep")
        if word.upos in UPOS:
            result.pos[t] = word.upos
        if word.lemma and len(words) == 1:
            result.lemma[t] = word.lemma
    return result


def _representative(words: list[Word]) -> Word:
    """The word of a token whose head lies outside the token (the syntactic head of a multi-word token)."""
    ids = {(w.sent, w.id) for w in words}
    for w in words:
        if w.head == 0 or (w.sent, w.head) not in ids:
            return w
    return words[0]


def apply(doc: Doc, alignment: Alignment, set_sentence_starts: bool = True, keep_whole: Optional[set] = None) -> Doc:
    doc._.stanza_deps = dict(alignment.deps)
    if set_sentence_starts:
        keep_whole = keep_whole or set()
        for t in alignment.sent_starts:
            if t == 0:
                continue
            if doc[t - 1].text in keep_whole:  # "CV." / "S.H.": the tokenizer keeps them whole, no sentence ends there
                continue
            doc[t].is_sent_start = True
        doc.user_data.pop(("idpr", "sentence_starts"), None)  # doc_attrs.sentence_starts caches the starts
    for t, upos in alignment.pos.items():
        doc[t].pos_ = upos
    for t, lemma in alignment.lemma.items():
        doc[t].lemma_ = lemma
    return doc


def sentences_of(analysis: Any) -> list[list[dict]]:
    """A stanza Document (or its `to_dict()` already) -> plain data."""
    if hasattr(analysis, "to_dict"):
        return analysis.to_dict()
    return analysis


class StanzaParser:
    """The spaCy component: runs a stanza pipeline (any callable text -> Document) and aligns it."""

    def __init__(self, stanza_nlp: Callable[[str], Any], set_sentence_starts: bool = True):
        from . import lexicon

        self.stanza_nlp = stanza_nlp
        self.set_sentence_starts = set_sentence_starts
        self.keep_whole = set(lexicon.tokenizer_exceptions())

    def __call__(self, doc: Doc) -> Doc:
        if not doc.text.strip():
            doc._.stanza_deps = {}
            return doc
        sentences = sentences_of(self.stanza_nlp(doc.text))
        return apply(doc, align(doc, sentences), self.set_sentence_starts, self.keep_whole)


@Language.factory("idpr_stanza_parser", default_config={"model_dir": None, "set_sentence_starts": True},
                  assigns=["doc._.stanza_deps", "token.is_sent_start", "token.pos", "token.lemma"])
def make_stanza_parser(nlp: Language, name: str, model_dir: Optional[str], set_sentence_starts: bool) -> StanzaParser:
    return StanzaParser(load_stanza(model_dir), set_sentence_starts)


def enable(nlp: Language, model_dir: Union[str, Path]) -> Language:
    """Add the stanza component to a built pipeline, right after the segmenter (idempotent).

    Raises StanzaUnavailable (with how to get the models) when stanza or its models are missing."""
    if "idpr_stanza_parser" not in nlp.pipe_names:
        after = "idpr_segmenter" if "idpr_segmenter" in nlp.pipe_names else None
        nlp.add_pipe("idpr_stanza_parser", after=after, config={"model_dir": str(model_dir)})
    return nlp
