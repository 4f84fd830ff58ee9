"""The batch driver: files in, one JSONL record per article out, one error line per failure.

Order is the sorted file order (article id, then path; JSON/JSONL records in file order)
whatever the number of workers, so reruns are byte-identical; records stream to disk and
at most a few chunks are in flight, so memory stays flat on any folder size.

Work is planned in the main process and done in the workers: a one-article file (.txt,
.md, .html) travels as its path and is read, decoded and parsed where it is extracted;
JSON and JSONL files are read here, since their ids are in their content. Ids are made
unique in plan order (a repeated id becomes `id~2`, with a warning in the record), so
`--resume` can trust them; the errors file is always rebuilt, since every file that
failed is tried again.
"""
from __future__ import annotations

import bisect
import gc
import itertools
import json
import os
import signal
import threading
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from .errors import ArticleError, UsageError
from .read import Article, article_id, find_paths, is_multi_record, read_path, sample_dir
from .write import JsonlSink, partial_path

CHUNK = 8        # tasks per message to a worker
IN_FLIGHT = 4    # chunks queued per worker (bounds memory, keeps workers busy while the main process writes)
TIMEOUT = 60.0   # seconds an article may take (a 200,000-character article takes about one)
GRACE = 30.0     # what the main process adds before it decides a worker is stuck where no signal reaches
RENEW_AFTER = 4_000   # tasks a pool's workers take before fresh workers (forked from the loaded pipeline) replace them

_limit: Optional[float] = TIMEOUT  # this process's per-article limit (set by run, inherited by forked workers)


@dataclass
class RunStats:
    articles: int = 0
    failed: int = 0
    skipped: int = 0          # already in the output (--resume)
    words: int = 0
    dropped: int = 0          # lines of the interrupted output that were cut or broken
    errors_by_kind: dict = field(default_factory=dict)


@dataclass(frozen=True)
class FileTask:
    """A one-article file, read by the worker that extracts it."""
    path: str
    id: str
    warnings: tuple = ()


Task = Union[Article, ArticleError, FileTask]


@dataclass(frozen=True)
class Result:
    id: Optional[str]
    line: Optional[str]
    error: Optional[dict]
    words: int = 0


def extract_article(article: Article) -> str:
    """One article -> its record as a JSON line (the unit of work a pool or a cluster runs)."""
    from . import extract

    record = extract(article.text, article.id, article.source, article.title)
    warnings = list(getattr(article, "warnings", None) or [])
    if warnings:
        record.article.warnings = warnings + [w for w in record.article.warnings if w not in warnings]
    return record.model_dump_json()


class _Expired(Exception):
    pass


@contextmanager
def deadline(seconds: Optional[float]):
    """Raise _Expired in this block after `seconds`: one pathological article must not stall a worker.

    SIGALRM, so only in a main thread on POSIX (regex matching checks for signals too); in a
    thread (a Dask threaded scheduler) there is no limit, and the pool's watchdog remains.
    """
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise _Expired()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _extract_safe(article: Article) -> Result:
    try:
        with deadline(_limit):
            line = extract_article(article)
    except _Expired:
        err = ArticleError("timeout", article.source, f"extraction took longer than {_limit:g} s; the article "
                           "was skipped (raise --timeout, or 0 for no limit)")
        return Result(article.id, None, err.to_dict())
    except Exception as exc:  # a bug must not stop the run; it is reported with its file
        err = ArticleError("internal", article.source, f"{type(exc).__name__}: {exc}")
        return Result(article.id, None, err.to_dict())
    return Result(article.id, line, None, len(article.text.split()))


def run_task(task: Task) -> list[Result]:
    """One planned task -> its results, never raising: what a pool worker or a cluster task runs.

    A FileTask is read here (one article or one error); an Article is extracted; an
    ArticleError becomes its error line.
    """
    if isinstance(task, ArticleError):
        return [Result(None, None, task.to_dict())]
    if isinstance(task, Article):
        return [_extract_safe(task)]
    out = []
    for item in read_path(task.path):
        if isinstance(item, ArticleError):
            out.append(Result(None, None, item.to_dict()))
            continue
        item.id = task.id
        item.warnings.extend(task.warnings)
        out.append(_extract_safe(item))
    return out


def _work_chunk(tasks: list) -> list[list[Result]]:
    return [run_task(t) for t in tasks]


class _Ids:
    """Ids made unique in plan order: the second "x" is "x~2" (deterministic, so resumable).

    One-article files come sorted by id, so the ids they took need no set: an earlier file
    with the same id is the previous file claimed, and one a JSON record might collide with
    is found by bisection in the sorted path list the run holds anyway. Only ids taken by
    JSON records and the "~n" ids made here are kept (a 100,000-file folder adds no set).
    """

    def __init__(self, paths: list[str]):
        self.paths = paths
        self.extra: set[str] = set()
        self.last_file: Optional[str] = None  # id of the last one-article file claimed
        self.skipped: set[int] = set()        # positions of files not claimed (the run's own output)

    def claim_file(self, wanted: str, position: int) -> tuple[str, Optional[str]]:
        taken = wanted == self.last_file or wanted in self.extra
        self.last_file = wanted
        return self._unique(wanted, taken, position)

    def claim_record(self, wanted: str, position: int) -> tuple[str, Optional[str]]:
        new, note = self._unique(wanted, self._taken(wanted, position), position)
        self.extra.add(new)
        return new, note

    def _taken(self, wanted: str, position: int) -> bool:
        return wanted in self.extra or self._file_before(wanted, position)

    def _file_before(self, wanted: str, position: int) -> bool:
        lo = bisect.bisect_left(self.paths, wanted, hi=position, key=article_id)
        for i in range(lo, position):
            if article_id(self.paths[i]) != wanted:
                return False
            if i not in self.skipped and not is_multi_record(self.paths[i]):
                return True
        return False

    def _unique(self, wanted: str, taken: bool, position: int) -> tuple[str, Optional[str]]:
        if not taken:
            return wanted, None
        n = 2
        while self._taken(f"{wanted}~{n}", position):
            n += 1
        new = f"{wanted}~{n}"
        self.extra.add(new)
        return new, f"id {wanted!r} is already used by an earlier article of this run; this one is {new!r}"


def plan(paths: Iterable, done: Iterable[str] = (), exclude: Iterable = (),
         stats: Optional[RunStats] = None) -> Iterator[Task]:
    """The tasks of a run in output order, without the articles whose ids are in done."""
    done = done if isinstance(done, (set, frozenset)) else set(done)
    skip = {_real(p) for p in exclude if p is not None}
    stats = stats if stats is not None else RunStats()
    found = find_paths(list(paths))
    ids = _Ids(found)
    for position, path in enumerate(found):
        if skip and _real(path) in skip:
            ids.skipped.add(position)
            continue  # the run's own output or errors file inside an input folder
        if is_multi_record(path):
            for item in read_path(path):
                if isinstance(item, Article):
                    item.id, note = ids.claim_record(item.id, position)
                    if note:
                        item.warnings.append(note)
                    if item.id in done:
                        stats.skipped += 1
                        continue
                yield item
        else:
            new, note = ids.claim_file(article_id(path), position)
            if new in done:
                stats.skipped += 1
                continue
            yield FileTask(path, new, (note,) if note else ())


def iter_items(paths: Iterable) -> Iterator[Union[Article, ArticleError]]:
    """Every article (or error) under the paths, read in this process, in run order."""
    for task in plan(paths):
        if isinstance(task, FileTask):
            for item in read_path(task.path):
                if isinstance(item, Article):
                    item.id = task.id
                    item.warnings.extend(task.warnings)
                yield item
        else:
            yield task


def _real(p) -> str:
    return os.path.realpath(os.path.abspath(p))


def process(tasks: Iterable[Task], workers: int = 1) -> Iterator[list[Result]]:
    """The results of each task, in task order, on `workers` processes."""
    if workers <= 1:
        for task in tasks:
            yield run_task(task)
        return
    from concurrent.futures import TimeoutError as FutureTimeout
    from concurrent.futures.process import BrokenProcessPool

    pool = _new_pool(workers)
    pending: deque = deque()
    submitted = 0   # tasks given to this pool's workers
    held = None     # a chunk waiting for the old workers to finish before fresh ones take it
    try:
        it = iter(tasks)
        while True:
            chunk = held if held is not None else list(itertools.islice(it, CHUNK))
            held = None
            if chunk and submitted >= RENEW_AFTER:
                if pending:
                    held, chunk = chunk, []
                else:  # fresh workers: what spaCy's vocab and caches gathered goes with the old ones
                    pool.shutdown(wait=True)
                    pool, submitted = _new_pool(workers), 0
            if chunk:
                pending.append((_submit(pool, _work_chunk, chunk), chunk))
                submitted += len(chunk)
            if not pending:
                if held is not None:
                    continue
                break
            if chunk and len(pending) < workers * IN_FLIGHT:
                continue
            future, head = pending.popleft()
            try:
                results = future.result(timeout=_wait_for(len(head)))
            except (BrokenProcessPool, FutureTimeout):
                # a worker died (killed, out of memory, a crash in C) or is stuck where the alarm does
                # not reach: find the task that did it, report it, and go on with a fresh pool
                _kill(pool)
                pool.shutdown(wait=True, cancel_futures=True)
                pool, results = _isolate(head, workers)
                again = [c for _, c in pending]
                pending.clear()
                for c in again:
                    pending.append((_submit(pool, _work_chunk, c), c))
                submitted = sum(len(c) for c in again)
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool, fn, arg):
    """pool.submit, but a pool already broken gives a failed future (handled in order), not an exception."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    try:
        return pool.submit(fn, arg)
    except BrokenProcessPool as exc:
        failed: Future = Future()
        failed.set_exception(exc)
        return failed


def _isolate(chunk: list, workers: int):
    """Run a chunk task by task in fresh pools; a task that kills or hangs its worker becomes an error."""
    from concurrent.futures import TimeoutError as FutureTimeout
    from concurrent.futures.process import BrokenProcessPool

    pool = _new_pool(workers)
    out = []
    for task in chunk:
        try:
            out.append(_submit(pool, run_task, task).result(timeout=_wait_for(1)))
        except (BrokenProcessPool, FutureTimeout) as exc:
            _kill(pool)
            pool.shutdown(wait=True, cancel_futures=True)
            pool = _new_pool(workers)
            if isinstance(exc, FutureTimeout):
                error = ArticleError("timeout", _source(task), f"the worker was still busy with this article after "
                                     f"{_wait_for(1):g} s, beyond the reach of the time limit; it was stopped")
            else:
                error = ArticleError("internal", _source(task), "the worker process died on this article (killed, "
                                     "out of memory, or a crash in native code)")
            out.append([Result(getattr(task, "id", None), None, error.to_dict())])
    return pool, out


def _wait_for(tasks: int) -> Optional[float]:
    """How long the main process waits for `tasks` articles before it calls the worker stuck."""
    return tasks * _limit + GRACE if _limit else None


def _kill(pool) -> None:
    """Stop the pool's workers now: shutdown() alone would wait for a stuck one forever."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        if proc.is_alive():
            proc.kill()


def _source(task: Task) -> str:
    return task.path if isinstance(task, (FileTask, ArticleError)) else task.source


def _new_pool(workers: int):
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_warm, initargs=(_limit,))


def _warm(limit: Optional[float]) -> None:
    from .pipeline import load_pipeline

    global _limit
    _limit = limit  # a spawned worker does not inherit the main process's setting
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle: it stops the pool
    load_pipeline()


def run(paths: list, output: Optional[Path], errors_path: Optional[Path], workers: int = 1, resume: bool = False,
        on_item: Optional[Callable[[], None]] = None, timeout: Optional[float] = TIMEOUT,
        on_error: Optional[Callable[[dict], None]] = None) -> RunStats:
    """Extract every article under paths into output (None: stdout); failures go to errors_path.

    An article that takes longer than `timeout` seconds (None or 0: no limit) becomes a
    "timeout" error and the run goes on. `on_item` is called after each article or error,
    `on_error` with each error as it is written.

    The output and the errors file are written to `<name>.partial` and renamed when the run is
    complete. With resume, the records of an interrupted (or finished) run are kept and their
    articles are not done again; everything else, errors included, is redone.
    """
    output = Path(output) if output is not None else None
    errors_path = Path(errors_path) if errors_path is not None else None
    if resume and output is None:
        raise UsageError("--resume needs an output file: stdout cannot be resumed")
    if output is not None and errors_path is not None and _real(output) == _real(errors_path):
        raise UsageError(f"the errors file and the output are the same file ({output}); choose another --errors")
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    if timeout is not None and timeout < 0:
        raise UsageError(f"--timeout must be 0 (no limit) or more seconds, not {timeout:g}")
    global _limit
    previous_limit, _limit = _limit, timeout or None
    stats = RunStats()
    sink = JsonlSink(output, resume=resume)
    stats.dropped = sink.dropped
    err_sink = None
    try:
        err_sink = JsonlSink(errors_path, resume=False) if errors_path else None
        exclude = [p for p in (output, errors_path) if p is not None]
        exclude += [partial_path(p) for p in exclude]
        tasks = plan(paths, sink.done, exclude, stats)
        if workers > 1:
            from .pipeline import load_pipeline

            load_pipeline()  # built once before forking: workers share it copy-on-write
            warm_up()
            gc.freeze()  # and the collector does not touch (so copy) its objects in every worker
        for results in process(tasks, workers):
            for res in results:
                if res.line is not None:
                    sink.write(res.line)
                    stats.articles += 1
                    stats.words += res.words
                if res.error is not None:
                    stats.failed += 1
                    kind = res.error["kind"]
                    stats.errors_by_kind[kind] = stats.errors_by_kind.get(kind, 0) + 1
                    if err_sink is not None:
                        err_sink.write(_json(res.error))
                    if on_error is not None:
                        on_error(res.error)
                if on_item is not None:
                    on_item()
    except BaseException:
        sink.abort()
        if err_sink is not None:
            err_sink.abort()
        raise
    finally:
        _limit = previous_limit
        if workers > 1:
            gc.unfreeze()
    sink.commit()
    if err_sink is not None:
        err_sink.commit()
    return stats


def warm_up() -> None:
    """Put the bundled samples through the whole path once, so forked workers start warm.

    A fresh process spends ~90 ms on its first article and ~1 ms more on each of the next
    fifty (lazy regexes, dateparser's tables, the tokenizer cache, common lexemes); done once
    here before the fork, every worker and every renewed pool inherits that state for free.
    """
    for task in plan([sample_dir()]):
        run_task(task)


def _json(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)
