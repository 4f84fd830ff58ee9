"""Output that is never half-written.

Records stream into `<output>.partial`, one flushed line each; the finished file replaces
the final name atomically (`os.replace`, after an fsync). After a crash the partial file is
the resume point: a cut last line is dropped (and so is any line that is not a whole
record, or repeats an id), and the ids it holds are not redone.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import IO, Callable, Optional

from .errors import UsageError

PARTIAL_SUFFIX = ".partial"


def record_id(obj) -> Optional[str]:
    """The resume key of an output line: the record's article id."""
    article = obj.get("article") if isinstance(obj, dict) else None
    key = article.get("id") if isinstance(article, dict) else None
    return key if isinstance(key, str) else None


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + PARTIAL_SUFFIX)


class JsonlSink:
    """Append-only JSONL with a per-record flush, committed by rename on close.

    path None writes to stdout (no resume, nothing to commit). With resume, the lines of
    `<path>.partial` (an interrupted run), or else of `<path>` (a finished run), are kept
    and their keys are in `done`.
    """

    def __init__(self, path: Optional[Path], resume: bool = False,
                 key: Callable[[object], Optional[str]] = record_id):
        self.path = path
        self.done: set[str] = set()
        self.kept = 0  # lines carried over from an earlier run
        self.dropped = 0  # lines of an earlier run that were cut or not whole records
        if path is None:
            self.tmp: Optional[Path] = None
            self.fh: IO[str] = sys.stdout
            return
        path = Path(path)
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _claim(path)
        self.tmp = partial_path(path)
        if resume and (self.tmp.exists() or path.exists()):
            if not self.tmp.exists():
                shutil.copyfile(path, self.tmp)  # a finished run: continue from a copy, the file stays whole
            self.done, self.kept, self.dropped = _recover(self.tmp, key)
        elif self.tmp.exists():
            self.tmp.unlink()
        self.fh = self.tmp.open("a", encoding="utf-8", newline="\n")

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
        _fsync_dir(self.path.parent)
        self._release()

    def abort(self) -> None:
        """Keep the partial file for --resume; the final name is untouched."""
        if self.tmp is not None and not self.fh.closed:
            self.fh.close()
        self._release()

    def _release(self) -> None:
        lock, self._lock = getattr(self, "_lock", None), None
        if lock is not None:
            _unclaim(self.path, lock)


def _lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _claim(path: Path) -> Optional[int]:
    """Hold `.<name>.lock` beside the output while writing it: two runs aimed at the same file
    would interleave their lines in one `.partial` and lose records.

    A POSIX record lock: it belongs to this process (forked workers do not inherit it) and
    goes with it, even killed; a lock file left by a killed run is taken over.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here
        return None
    fd = os.open(_lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise UsageError(f"another run is writing {path} right now; wait for it, or choose another output "
                         "(or --errors file)") from None
    return fd


def _unclaim(path: Path, fd: int) -> None:
    try:
        _lock_path(path).unlink()
    except OSError:
        pass
    os.close(fd)


def _key(raw: bytes, key) -> Optional[str]:
    try:
        return key(json.loads(raw))
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None


def _recover(tmp: Path, key=record_id) -> tuple[set[str], int, int]:
    """(keys, lines kept, lines dropped) of a partial file, which is repaired in place.

    A cut last line (no newline: the writer was killed mid-line) is truncated away; a line that
    is not a whole record, or repeats a key, is removed (the file is rewritten only then).
    """
    ids: set[str] = set()
    kept = dropped = 0
    good_end = 0          # end of the last good line
    pos = 0
    rewrite = False       # a bad line with good lines after it: only a rewrite removes it
    with tmp.open("rb") as fh:
        for raw in fh:
            pos += len(raw)
            k = _key(raw, key) if raw.endswith(b"\n") else None
            if k is None or k in ids:
                dropped += 1
                continue
            if dropped:
                rewrite = True
            ids.add(k)
            kept += 1
            good_end = pos
    if rewrite:
        _rewrite_good(tmp, key)
    elif good_end < pos:
        with tmp.open("r+b") as fh:
            fh.truncate(good_end)
            fh.flush()
            os.fsync(fh.fileno())
    return ids, kept, dropped


def _rewrite_good(tmp: Path, key) -> None:
    seen: set[str] = set()
    fixed = tmp.with_name(tmp.name + ".fix")
    with tmp.open("rb") as src, fixed.open("wb") as dst:
        for raw in src:
            if not raw.endswith(b"\n"):
                continue
            k = _key(raw, key)
            if k is None or k in seen:
                continue
            seen.add(k)
            dst.write(raw)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(fixed, tmp)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_json_atomic(path: Path, data) -> None:
    """A whole JSON file, written to a temp name then renamed."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
