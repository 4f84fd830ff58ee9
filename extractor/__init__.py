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
    """One article's text -> its record."""
    from .build import build_record

    doc = load_pipeline()(text)
    return build_record(doc, article_id, source, title)


__all__ = ["extract", "load_pipeline", "__version__"]
