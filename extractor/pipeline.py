"""Build the `nlp` object: a blank Indonesian pipeline plus the project's components.

No trained model exists for Indonesian on PyPI, so the pipeline is `spacy.blank("id")`
with tokenizer special cases for the genre's abbreviations and rule components; every
component is a registered factory, so `nlp.add_pipe("idpr_...")` works anywhere.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import spacy
from spacy.language import Language

from . import lexicon

# importing the modules registers their factories
from .segment import make_segmenter  # noqa: F401
from .annotate import organizations, roles, people, locations, dates, products, cues  # noqa: F401
from .resolve import dates as resolve_dates, names, roles as resolve_roles  # noqa: F401
from . import events  # noqa: F401

COMPONENTS = (
    "idpr_segmenter",
    "idpr_org_recognizer",
    "idpr_role_recognizer",
    "idpr_location_recognizer",
    "idpr_date_recognizer",
    "idpr_person_recognizer",
    "idpr_product_recognizer",
    "idpr_cue_tagger",
    "idpr_date_resolver",
    "idpr_name_resolver",
    "idpr_role_linker",
    "idpr_event_extractor",
)

MAX_CHARS = 200_000


def add_special_cases(nlp: Language) -> None:
    """Keep "CV.", "S.H.", "Jl." whole so the sentence splitter does not end a sentence there."""
    for text in lexicon.tokenizer_exceptions():
        nlp.tokenizer.add_special_case(text, [{"ORTH": text}])


class MemoizedSearch:
    """The tokenizer's suffix search, remembering its answers.

    spaCy's tokenizer caches whole chunks, but never one that holds a special case ("S.H.,",
    and every word of spaCy's Indonesian exception list followed by punctuation), so the
    same strings are searched again in every article; the suffix regex, tried at every
    position of the string, is a third of the tokenizer's time. The answer depends on the
    string only, and the memo is bounded. `__self__` is the compiled pattern, which is what
    spaCy serializes. (Memoizing the infix and prefix searches too measured slower.)
    """

    def __init__(self, search, size: int = 50_000):
        self.__self__ = search.__self__
        self._search, self._size = search, size
        self._memo: dict = {}

    def __call__(self, string: str):
        try:
            return self._memo[string]
        except KeyError:
            found = self._search(string)
            if len(self._memo) >= self._size:
                self._memo.clear()
            self._memo[string] = found
            return found


def memoize_suffixes(nlp: Language) -> None:
    if nlp.tokenizer.suffix_search is not None:
        nlp.tokenizer.suffix_search = MemoizedSearch(nlp.tokenizer.suffix_search)


def anchor_prefixes_once(nlp: Language) -> None:
    """Same prefixes, one anchor: spaCy compiles them as "^a|^b|...", which `re` tries branch by
    branch at every call; "^(?:a|b|...)" matches exactly the same and is about 8x faster."""
    pieces = [piece for piece in (nlp.Defaults.prefixes or ()) if piece.strip()]
    if pieces:
        nlp.tokenizer.prefix_search = re.compile("^(?:" + "|".join(pieces) + ")").search


def build_pipeline(backend: str = "spacy", stanza_dir: Optional[str] = None) -> Language:
    """The pipeline; `backend="stanza"` adds stanza's Indonesian parse (models from `stanza_dir`, never downloaded)."""
    nlp = spacy.blank("id")
    nlp.max_length = MAX_CHARS + 1
    anchor_prefixes_once(nlp)
    memoize_suffixes(nlp)
    add_special_cases(nlp)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    if backend == "stanza":
        from .stanza_adapter import enable

        enable(nlp, stanza_dir or "")
    elif backend != "spacy":
        raise ValueError(f"unknown backend {backend!r} (spacy or stanza)")
    return nlp


STRINGS_GROWTH_LIMIT = 250_000  # new strings (about 70 MB with their lexemes) before the pipeline is renewed

_backend: tuple[str, Optional[str]] = ("spacy", None)
_strings_at_build = 0


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shared pipeline of this process (built once, and again after renew_if_grown)."""
    global _strings_at_build
    nlp = build_pipeline(*_backend)
    _strings_at_build = len(nlp.vocab.strings)
    return nlp


def use_backend(backend: str, stanza_dir: Optional[str] = None) -> Language:
    """Make the shared pipeline (and any rebuilt one) use this backend."""
    global _backend
    if backend not in ("spacy", "stanza"):
        raise ValueError(f"unknown backend {backend!r} (spacy or stanza)")
    if backend == "stanza":
        from .stanza_adapter import enable

        enable(load_pipeline(), stanza_dir or "")  # fails here, before anything is recorded, without models
    _backend = (backend, stanza_dir)
    return load_pipeline()


def renew_if_grown(limit: Optional[int] = None) -> bool:
    """Drop the shared pipeline once its vocab has taken `limit` new strings; the next call builds a fresh one.

    spaCy keeps every string, lexeme and tokenizer-cache entry it meets for the life of the
    vocab, so a process reading 100,000 all-different articles would grow by hundreds of MB.
    spaCy's memory zones free them, but inside a zone the tokenizer caches nothing (measured:
    +1 to +1.8 ms an article, a sixth of the time); a rebuild costs a few seconds every
    ~20,000 articles.
    """
    limit = STRINGS_GROWTH_LIMIT if limit is None else limit
    if load_pipeline.cache_info().currsize and len(load_pipeline().vocab.strings) - _strings_at_build > limit:
        load_pipeline.cache_clear()
        return True
    return False
