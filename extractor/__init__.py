"""Structured, checkable facts from Indonesian correctional-institution press releases.

    from extractor import extract, load_pipeline
    record = extract(text)            # an ArticleRecord (pydantic), record format v1
    nlp = load_pipeline()             # the spaCy pipeline with every component
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Optional

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .records import ArticleRecord


def load_pipeline():
    from .pipeline import load_pipeline as _load

    return _load()


_ZONE = threading.Lock()


def extract(text: str, article_id: str = "article", source: str = "<text>", title: Optional[str] = None) -> "ArticleRecord":
    """One article's text -> its record.

    In a spaCy memory zone: the strings and lexemes the article adds to the shared vocab are
    freed afterwards, so a long run over all-different articles does not grow (the record
    holds plain Python values, never the Doc). Zones must not overlap, so threads sharing the
    pipeline (a threaded Dask scheduler) take turns; the GIL made them take turns anyway.
    """
    from .build import build_record

    nlp = load_pipeline()
    with _ZONE, nlp.memory_zone():
        return build_record(nlp(text), article_id, source, title)


__all__ = ["extract", "load_pipeline", "__version__"]
