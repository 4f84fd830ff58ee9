"""Output that is never half-written.

Records stream into `<output>.partial`, one flushed line each; the finished file replaces
the final name atomically (`os.replace`). After a crash the partial file is the resume
point: its last line is dropped if it was cut, and the ids it holds are not redone.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO, Optional


class JsonlSink:
    """Append-only JSONL with a per-record flush, committed by rename on close."""

    def __init__(self, path: Optional[Path], resume: bool = False):
        self.path = path
        self.done: set[str] = set()
        if path is None:
            self.tmp: Optional[Path] = None
            self.fh: IO[str] = sys.stdout
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = path.with_name(path.name + ".partial")
        if resume:
            self.done = _recover(self.tmp) if self.tmp.exists() else (_recover_copy(path, self.tmp) if path.exists() else set())
        elif self.tmp.exists():
            self.tmp.unlink()
        self.fh = self.tmp.open("a", encoding="utf-8")

    def write(self, line: str) -> None:
        self.fh.write(line + "\n")
        self.fh.flush()

    def commit(self) -> None:
        if self.tmp is None:
            self.fh.flush()
            return
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        """Keep the partial file for --resume; the final name is untouched."""
        if self.tmp is not None and not self.fh.closed:
            self.fh.close()


def _recover(tmp: Path) -> set[str]:
    """Ids in a partial file; a cut last line is removed in place."""
    data = tmp.read_bytes()
    good = data.rfind(b"\n") + 1
    if good < len(data):
        with tmp.open("r+b") as fh:
            fh.truncate(good)
    ids = set()
    for line in data[:good].splitlines():
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        key = obj.get("article", {}).get("id") if "article" in obj else obj.get("path")
        if key is not None:
            ids.add(str(key))
    return ids


def _recover_copy(path: Path, tmp: Path) -> set[str]:
    tmp.write_bytes(path.read_bytes())
    return _recover(tmp)


def write_json_atomic(path: Path, data) -> None:
    """A whole JSON file, written to a temp name then renamed."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
