"""Structured, checkable facts from Indonesian correctional-institution press releases.

    from extractor import extract, load_pipeline
    record = extract(text)            # an ArticleRecord (pydantic), record format v1
    nlp = load_pipeline()             # the spaCy pipeline with every component
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .records import ArticleRecord


def load_pipeline():
    from .pipeline import load_pipeline as _load

    return _load()


def extract(text: str, article_id: str = "article", source: str = "<text>", title: Optional[str] = None) -> "ArticleRecord":
    """One article's text -> its record.

    The record holds plain Python values, never the Doc, so the shared pipeline may be
    renewed after it when its vocab has grown too much (see pipeline.renew_if_grown).
    """
    from .build import build_record
    from .pipeline import load_pipeline as _load, renew_if_grown

    record = build_record(_load()(text), article_id, source, title)
    renew_if_grown()
    return record


__all__ = ["extract", "load_pipeline", "__version__"]
