"""Per-file failures: a kind a program can branch on and a message a person can act on."""
from __future__ import annotations

from typing import Literal

ErrorKind = Literal[
    "unreadable",       # permission denied, vanished, a directory, a loop of links, a FIFO
    "empty",            # no bytes, or only white space
    "binary",           # not text (NUL bytes, no decodable charset)
    "undecodable",      # text in no encoding we can tell
    "too_large",        # over the size cap: likely not a single article
    "bad_json",         # a JSON/JSONL record that does not parse
    "no_text",          # a JSON record without a text field, an HTML page without main text
    "not_article",      # too short to be a press release
    "not_indonesian",   # prose, but not Indonesian
    "unsupported",      # a file type the reader does not take
    "timeout",          # extraction ran past the per-article time limit (--timeout)
    "internal",         # a bug: the pipeline (or a library) raised, or a worker died; reported, never hidden
]


class ArticleError(Exception):
    def __init__(self, kind: ErrorKind, path: str, message: str):
        super().__init__(f"{path}: {kind}: {message}")
        self.kind, self.path, self.message = kind, path, message

    def __reduce__(self):  # picklable, so errors can cross to and from worker processes
        return (ArticleError, (self.kind, self.path, self.message))

    def to_dict(self) -> dict:
        return {"path": self.path, "kind": self.kind, "message": self.message}


class UsageError(ValueError):
    """The run was asked for something it cannot do (a usage error, exit code 2), not a bad file."""
