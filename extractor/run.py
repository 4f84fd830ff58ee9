"""The batch driver: files in, one JSONL record per article out, one error line per failure.

Order is the sorted file order whatever the number of workers, so reruns are
byte-identical; records stream to disk, so memory stays flat on any folder size.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .errors import ArticleError
from .read import Article, find_files, read_path
from .write import JsonlSink

WINDOW = 256  # articles handed to the worker pool at once (bounds memory)


@dataclass
class RunStats:
    articles: int = 0
    failed: int = 0
    skipped: int = 0
    words: int = 0
    errors_by_kind: dict = field(default_factory=dict)


def extract_article(article: Article) -> str:
    """One article -> its record as a JSON line (the unit of work a pool or a cluster runs)."""
    from .build import build_record
    from .pipeline import load_pipeline

    doc = load_pipeline()(article.text)
    return build_record(doc, article.id, article.source, article.title).model_dump_json()


def _safe(article: Article) -> tuple[str, Optional[str], Optional[dict]]:
    try:
        return article.id, extract_article(article), None
    except Exception as exc:  # a bug must not stop the run; it is reported with its file
        return article.id, None, ArticleError("internal", article.source, f"{type(exc).__name__}: {exc}").to_dict()


def iter_items(paths: Iterable) -> Iterator:
    for path in find_files(list(paths)):
        yield from read_path(path)


def process(items: Iterable, workers: int = 1) -> Iterator[tuple]:
    """(item, json line or None, error dict or None) in input order."""
    if workers <= 1:
        for item in items:
            if isinstance(item, ArticleError):
                yield item, None, item.to_dict()
            else:
                _, line, err = _safe(item)
                yield item, line, err
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_warm) as pool:
        it = iter(items)
        while True:
            window = list(itertools.islice(it, WINDOW))
            if not window:
                break
            arts = [x for x in window if isinstance(x, Article)]
            results = iter(pool.map(_safe, arts, chunksize=max(1, len(arts) // (workers * 4))))
            for item in window:
                if isinstance(item, ArticleError):
                    yield item, None, item.to_dict()
                else:
                    _, line, err = next(results)
                    yield item, line, err


def _warm() -> None:
    from .pipeline import load_pipeline

    load_pipeline()


def run(paths: list, output: Optional[Path], errors_path: Optional[Path], workers: int = 1, resume: bool = False,
        on_item: Optional[Callable[[], None]] = None) -> RunStats:
    stats = RunStats()
    sink = JsonlSink(output, resume=resume)
    err_sink = JsonlSink(errors_path, resume=False) if errors_path else None
    done = sink.done
    items = (x for x in iter_items(paths) if not (isinstance(x, Article) and x.id in done))
    stats.skipped = len(done)
    if workers > 1:
        from .pipeline import load_pipeline

        load_pipeline()  # built once before forking: workers share it copy-on-write
    try:
        for item, line, err in process(items, workers):
            if line is not None:
                sink.write(line)
                stats.articles += 1
                stats.words += len(item.text.split())
            if err is not None:
                stats.failed += 1
                stats.errors_by_kind[err["kind"]] = stats.errors_by_kind.get(err["kind"], 0) + 1
                if err_sink is not None:
                    err_sink.write(_json(err))
            if on_item is not None:
                on_item()
    except BaseException:
        sink.abort()
        if err_sink is not None:
            err_sink.abort()
        raise
    sink.commit()
    if err_sink is not None:
        err_sink.commit()
    return stats


def _json(obj: dict) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, sort_keys=True)
