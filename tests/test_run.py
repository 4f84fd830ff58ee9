"""The batch driver at scale: deterministic order across workers, atomic output, --resume."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import run as run_mod
from extractor.errors import UsageError
from extractor.read import find_files
from extractor.run import run
from extractor.write import JsonlSink, _recover

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "articles"


def corpus_files(n: int) -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) >= n
    return files[:n]


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def ids(path: Path) -> list[str]:
    return [json.loads(x)["article"]["id"] for x in lines(path)]


def make_folder(root: Path, n: int = 20) -> Path:
    """n corpus articles, a JSONL feed (with an id used twice and a cut line) and two bad files."""
    root.mkdir(parents=True)
    files = corpus_files(n)
    for f in files:
        shutil.copy(f, root / f.name)
    texts = [f.read_text(encoding="utf-8") for f in files[:3]]
    feed = [json.dumps({"id": "k1", "text": texts[0]}), json.dumps({"id": "k1", "text": texts[1]}),
            json.dumps({"text": texts[2]}), json.dumps({"id": "k9", "text": "Lapas"})[:12]]
    (root / "feed.jsonl").write_text("\n".join(feed), encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "sub").mkdir()
    (root / "sub" / "zz.md").write_text("The prison held an open day for the families of the inmates. " * 8,
                                        encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return make_folder(tmp_path_factory.mktemp("run") / "in")


@pytest.fixture(scope="module")
def reference(folder, tmp_path_factory) -> tuple[bytes, bytes]:
    """Output and errors of one uninterrupted run with one worker."""
    out = tmp_path_factory.mktemp("ref") / "facts.jsonl"
    stats = run([folder], out, out.with_name("errors.jsonl"), workers=1)
    assert stats.articles == 23 and stats.failed == 3
    return out.read_bytes(), out.with_name("errors.jsonl").read_bytes()


def test_order_is_sorted_by_id_and_ids_are_unique(reference, tmp_path):
    out = tmp_path / "facts.jsonl"
    out.write_bytes(reference[0])
    got = ids(out)
    # files by id (the name up to its first dot), a JSONL file's records in its own order at its place
    assert got == [f.stem for f in corpus_files(20)] + ["k1", "k1~2", "feed-3"]
    feed = [json.loads(x) for x in lines(out) if "feed.jsonl" in json.loads(x)["article"]["source"]]
    assert [r["article"]["id"] for r in feed] == ["k1", "k1~2", "feed-3"]
    assert any("'k1~2'" in w for w in feed[1]["article"]["warnings"])
    errors = [json.loads(x) for x in reference[1].decode("utf-8").splitlines()]
    assert [(Path(e["path"]).name, e["kind"]) for e in errors] == [
        ("empty.txt", "empty"), ("feed.jsonl:4", "bad_json"), ("zz.md", "not_indonesian")]


@pytest.mark.parametrize("workers", [2, 1])
def test_byte_identical_across_workers_and_reruns(folder, reference, tmp_path, workers):
    out = tmp_path / "facts.jsonl"
    for _ in range(2 if workers == 2 else 1):
        stats = run([folder], out, tmp_path / "errors.jsonl", workers=workers)
        assert out.read_bytes() == reference[0]
        assert (tmp_path / "errors.jsonl").read_bytes() == reference[1]
        assert stats.articles == 23 and stats.failed == 3 and stats.words > 5_000


class Interrupt(BaseException):
    pass


def interrupt_after(n: int):
    count = {"n": 0}

    def tick():
        count["n"] += 1
        if count["n"] == n:
            raise Interrupt()

    return tick


@pytest.mark.parametrize("workers", [1, 2])
def test_interrupted_run_leaves_old_output_whole_and_resumes(folder, reference, tmp_path, workers):
    out, errs = tmp_path / "facts.jsonl", tmp_path / "errors.jsonl"
    out.write_text("old finished output\n", encoding="utf-8")
    with pytest.raises(Interrupt):
        run([folder], out, errs, workers=workers, on_item=interrupt_after(12))
    assert out.read_text(encoding="utf-8") == "old finished output\n"  # never half-written
    assert not errs.exists()
    partial = out.with_name("facts.jsonl.partial").read_bytes()
    assert partial and reference[0].startswith(partial)
    # the writer was killed in the middle of a line
    with out.with_name("facts.jsonl.partial").open("ab") as fh:
        fh.write(reference[0][len(partial):][:57])
    kept = partial.count(b"\n")
    stats = run([folder], out, errs, workers=workers, resume=True)
    assert stats.skipped == kept and stats.dropped == 1
    assert stats.articles == 23 - kept
    assert out.read_bytes() == reference[0]
    assert errs.read_bytes() == reference[1]  # errors are redone, each once
    assert not list(tmp_path.glob("*.partial"))


def test_resume_when_everything_was_done(folder, reference, tmp_path):
    out, errs = tmp_path / "facts.jsonl", tmp_path / "errors.jsonl"
    out.write_bytes(reference[0])
    errs.write_text("stale\n", encoding="utf-8")
    stats = run([folder], out, errs, workers=1, resume=True)
    assert stats.articles == 0 and stats.skipped == 23 and stats.failed == 3
    assert out.read_bytes() == reference[0]
    assert errs.read_bytes() == reference[1]


def test_resume_without_earlier_output_is_a_plain_run(folder, reference, tmp_path):
    out = tmp_path / "facts.jsonl"
    run([folder], out, None, workers=1, resume=True)
    assert out.read_bytes() == reference[0]


def test_output_inside_the_input_folder_is_not_read_back(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for f in corpus_files(2):
        shutil.copy(f, src / f.name)
    out = src / "facts.jsonl"
    first = run([src], out, src / "errors.jsonl")
    second = run([src], out, src / "errors.jsonl")
    assert (first.articles, first.failed) == (second.articles, second.failed) == (2, 0)
    assert ids(out) == ["c101", "c102"]


def test_usage_errors(tmp_path):
    with pytest.raises(UsageError):
        run([tmp_path], None, None, resume=True)
    with pytest.raises(UsageError):
        run([tmp_path], tmp_path / "a.jsonl", tmp_path / "a.jsonl")
    with pytest.raises(UsageError):
        run([tmp_path], tmp_path / "a.jsonl", None, workers=0)
    assert not (tmp_path / "a.jsonl").exists() and not (tmp_path / "a.jsonl.partial").exists()


def test_a_dying_worker_is_one_error_not_a_hang(folder, reference, tmp_path, monkeypatch):
    real = run_mod.extract_article
    parent = os.getpid()

    def dies_on_two(article):
        if article.id in ("c105", "c117") and os.getpid() != parent:
            os._exit(3)  # as if killed by the OOM killer
        return real(article)

    monkeypatch.setattr(run_mod, "extract_article", dies_on_two)
    out = tmp_path / "facts.jsonl"
    stats = run([folder], out, tmp_path / "errors.jsonl", workers=2)
    assert stats.articles == 21
    errors = [json.loads(x) for x in lines(tmp_path / "errors.jsonl")]
    assert [Path(e["path"]).name for e in errors if e["kind"] == "internal"] == ["c105.txt", "c117.txt"]
    assert all("died" in e["message"] for e in errors if e["kind"] == "internal")
    expected = [x for x in reference[0].decode("utf-8").splitlines()
                if json.loads(x)["article"]["id"] not in ("c105", "c117")]
    assert lines(out) == expected


def test_pipeline_bug_is_an_internal_error(folder, tmp_path, monkeypatch):
    real = run_mod.extract_article

    def buggy(article):
        if article.id == "c103":
            raise IndexError("list index out of range")
        return real(article)

    monkeypatch.setattr(run_mod, "extract_article", buggy)
    stats = run([folder], tmp_path / "facts.jsonl", tmp_path / "errors.jsonl", workers=1)
    assert stats.errors_by_kind["internal"] == 1 and stats.articles == 22
    err = [json.loads(x) for x in lines(tmp_path / "errors.jsonl") if "internal" in x][0]
    assert err["path"].endswith("c103.txt") and "IndexError" in err["message"]


# --- the partial file -------------------------------------------------------------------------

def rec(i: str) -> str:
    return json.dumps({"schema_version": "1", "article": {"id": i, "source": f"{i}.txt"}})


def test_recover_drops_cut_broken_and_repeated_lines(tmp_path):
    p = tmp_path / "x.partial"
    p.write_text("\n".join([rec("a"), "[1, 2]", rec("b"), "not json", rec("a"), '{"article": {"id": 3}}',
                            rec("c")]) + "\n" + rec("d")[:20], encoding="utf-8")
    done, kept, dropped = _recover(p)
    assert done == {"a", "b", "c"} and (kept, dropped) == (3, 5)
    assert p.read_text(encoding="utf-8") == "\n".join([rec("a"), rec("b"), rec("c")]) + "\n"


def test_recover_cut_last_line_is_truncated_in_place(tmp_path):
    p = tmp_path / "x.partial"
    good = rec("a") + "\n" + rec("b") + "\n"
    p.write_text(good + rec("c")[:-1], encoding="utf-8")
    assert _recover(p) == ({"a", "b"}, 2, 1)
    assert p.read_text(encoding="utf-8") == good


def test_sink_commit_is_atomic(tmp_path):
    out = tmp_path / "deep" / "o.jsonl"
    sink = JsonlSink(out)
    sink.write(rec("a"))
    assert not out.exists() and out.with_name("o.jsonl.partial").read_text(encoding="utf-8") == rec("a") + "\n"
    sink.commit()
    assert out.read_text(encoding="utf-8") == rec("a") + "\n" and not out.with_name("o.jsonl.partial").exists()
    sink = JsonlSink(out, resume=True)  # a finished run: continue from a copy
    assert sink.done == {"a"} and out.read_text(encoding="utf-8") == rec("a") + "\n"
    sink.write(rec("b"))
    sink.abort()
    assert out.read_text(encoding="utf-8") == rec("a") + "\n"
    assert JsonlSink(out, resume=True).done == {"a", "b"}


# --- kill -9 in the middle of a real run --------------------------------------------------------

def test_kill_9_then_resume_loses_nothing_and_repeats_nothing(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    texts = [f.read_text(encoding="utf-8") for f in corpus_files(4)]
    n = 240
    for i in range(n):
        (src / f"a{i:04d}.txt").write_text(texts[i % 4], encoding="utf-8")
    out = tmp_path / "out" / "facts.jsonl"
    partial = out.with_name("facts.jsonl.partial")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "run", str(src), "-o", str(out), "-w", "2", "-q"],
                            cwd=tmp_path, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if partial.exists() and partial.read_bytes().count(b"\n") >= 20:
                break
            time.sleep(0.01)
        assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read()!r}"
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, with no chance to clean up
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stderr.close()
    assert not out.exists()
    before = partial.read_bytes()
    done_before = before.count(b"\n")
    assert 20 <= done_before < n
    if before.endswith(b"\n"):  # make sure there is a cut line to drop
        with partial.open("ab") as fh:
            fh.write(b'{"schema_version":"1","article":{"id":"a9')
    stats = run([src], out, None, workers=2, resume=True)
    assert stats.skipped == done_before and stats.articles == n - done_before and stats.dropped == 1
    got = lines(out)
    assert [json.loads(x)["article"]["id"] for x in got] == [f"a{i:04d}" for i in range(n)]
    assert out.read_bytes().startswith(before[:before.rfind(b"\n") + 1])
    # every record is the one an uninterrupted run writes: the article's record under its own id/source
    refs = {}
    for i, line in enumerate(got):
        rec_ = json.loads(line)
        art = rec_["article"]
        assert art["source"] == str(src / f"a{i:04d}.txt")
        art["id"], art["source"] = "X", "X"
        refs.setdefault(i % 4, rec_)
        assert rec_ == refs[i % 4]
    assert find_files([out.parent]) == [out]


def _slow_on(marker: str, block_alarm: bool = False):
    """extract_article that hangs on the article containing marker (as a runaway rule would)."""
    real = run_mod.extract_article

    def extract(article):
        if marker in article.text:
            if block_alarm:  # stuck in native code that never looks at signals
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(30)
        return real(article)

    return extract


def _timeout_folder(root: Path) -> tuple[Path, str]:
    root.mkdir(parents=True)
    files = corpus_files(6)
    for f in files:
        shutil.copy(f, root / f.name)
    slow = files[2]
    (root / slow.name).write_text(slow.read_text(encoding="utf-8") + "\nPENANDA-LAMBAT\n", encoding="utf-8")
    return root, slow.stem


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_past_the_time_limit_is_a_timeout_error_and_the_run_goes_on(tmp_path, monkeypatch, workers):
    folder, slow_id = _timeout_folder(tmp_path / "in")
    monkeypatch.setattr(run_mod, "extract_article", _slow_on("PENANDA-LAMBAT"))
    out, err = tmp_path / "facts.jsonl", tmp_path / "errors.jsonl"
    started = time.monotonic()
    stats = run([folder], out, err, workers=workers, timeout=0.5)
    assert time.monotonic() - started < 20
    assert stats.articles == 5 and stats.failed == 1
    assert slow_id not in ids(out) and len(ids(out)) == 5
    (error,) = [json.loads(x) for x in lines(err)]
    assert error["kind"] == "timeout" and error["path"].endswith(f"{slow_id}.txt")
    assert run_mod._limit == run_mod.TIMEOUT  # the run's limit does not outlive it


def test_a_worker_stuck_beyond_the_alarm_is_stopped_by_the_main_process(tmp_path, monkeypatch):
    folder, slow_id = _timeout_folder(tmp_path / "in")
    monkeypatch.setattr(run_mod, "extract_article", _slow_on("PENANDA-LAMBAT", block_alarm=True))
    monkeypatch.setattr(run_mod, "GRACE", 1.0)
    out, err = tmp_path / "facts.jsonl", tmp_path / "errors.jsonl"
    started = time.monotonic()
    stats = run([folder], out, err, workers=2, timeout=0.3)
    assert time.monotonic() - started < 25
    assert stats.articles == 5 and sorted(ids(out)) == ids(out)
    (error,) = [json.loads(x) for x in lines(err)]
    assert error["kind"] == "timeout" and "stopped" in error["message"]


def test_a_negative_timeout_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        run([tmp_path], tmp_path / "o.jsonl", None, timeout=-1)


def test_a_pipeline_grown_by_all_different_articles_is_renewed_and_the_old_one_freed(monkeypatch):
    """Memory stays flat on 100k real articles only if what spaCy's vocab gathers is let go."""
    import gc
    import weakref

    from extractor import extract, pipeline

    text = corpus_files(1)[0].read_text(encoding="utf-8")
    novel = " ".join(f"{w}qz{i}" if i % 5 == 0 else w for i, w in enumerate(text.split(" ")))
    pipeline.load_pipeline.cache_clear()
    try:
        expected = extract(text).model_dump()
        ref = weakref.ref(pipeline.load_pipeline())
        monkeypatch.setattr(pipeline, "STRINGS_GROWTH_LIMIT", 10)
        extract(novel)  # adds far more than 10 strings
        gc.collect()
        assert ref() is None  # nothing else holds the old pipeline, so its memory is freed
        monkeypatch.setattr(pipeline, "STRINGS_GROWTH_LIMIT", 10**9)
        assert extract(text).model_dump() == expected
        assert not pipeline.renew_if_grown()
    finally:
        pipeline.load_pipeline.cache_clear()


def test_workers_are_renewed_after_their_share_of_tasks_and_the_output_is_unchanged(folder, tmp_path, monkeypatch):
    once = tmp_path / "once.jsonl"
    run([folder], once, tmp_path / "e1.jsonl", workers=2)
    pools = []
    real_new_pool = run_mod._new_pool

    def counting(workers):
        pools.append(workers)
        return real_new_pool(workers)

    monkeypatch.setattr(run_mod, "_new_pool", counting)
    monkeypatch.setattr(run_mod, "RENEW_AFTER", 5)
    renewed = tmp_path / "renewed.jsonl"
    run([folder], renewed, tmp_path / "e2.jsonl", workers=2)
    assert len(pools) >= 3
    assert renewed.read_bytes() == once.read_bytes()
    assert (tmp_path / "e2.jsonl").read_bytes() == (tmp_path / "e1.jsonl").read_bytes()


def test_warm_up_before_the_fork_changes_no_output(tmp_path):
    """Workers fork from a driver that has run the bundled samples: caches may be warm, results the same."""
    from extractor.run import Article, extract_article, warm_up

    text = (ROOT / "corpus" / "articles" / "c205.txt").read_text(encoding="utf-8")
    before = extract_article(Article("c205", "c205.txt", text))
    warm_up()
    assert extract_article(Article("c205", "c205.txt", text)) == before


def test_ids_stay_unique_when_files_and_records_collide(tmp_path):
    """File ids are checked without a set (sorted order and bisection); records, renamed files
    and "~n" names must still never meet twice, in the order the run writes them."""
    from extractor.run import FileTask, plan

    text = corpus_files(1)[0].read_text(encoding="utf-8")
    (tmp_path / "sub").mkdir()
    for rel in ("a.txt", "sub/a.txt", "a~2.txt", "z.txt"):
        (tmp_path / rel).write_text(text, encoding="utf-8")
    records = ["a", "a~2", "a~3", "z", "z"]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps({"id": r, "text": text}) for r in records),
                                      encoding="utf-8")
    got = [(Path(t.path).name if isinstance(t, FileTask) else "b.jsonl", t.id) for t in plan([tmp_path])]
    assert got == [("a.txt", "a"), ("a.txt", "a~2"), ("a~2.txt", "a~2~2"),
                   ("b.jsonl", "a~3"), ("b.jsonl", "a~2~3"), ("b.jsonl", "a~3~2"), ("b.jsonl", "z"),
                   ("b.jsonl", "z~2"), ("z.txt", "z~3")]
    assert len({i for _, i in got}) == len(got)


def test_a_second_run_on_the_same_output_or_errors_file_is_refused(folder, tmp_path):
    """Two runs appending to one `.partial` would interleave and lose records: the second stops, as a usage error."""
    from extractor.errors import UsageError

    out, errors = tmp_path / "facts.jsonl", tmp_path / "errors.jsonl"
    for held in (out, errors):  # another process is writing the output, or the errors file
        holder = subprocess.Popen(
            [sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
             "fcntl.lockf(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
             str(held.with_name(f".{held.name}.lock"))], stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "held"
            with pytest.raises(UsageError, match="another run is writing"):
                run([folder], out, errors)
            assert not out.exists()  # nothing committed under the final name
        finally:
            holder.kill()
            holder.wait()
    stats = run([folder], out, errors)  # the holder is gone: its lock went with it
    assert stats.articles == 23 and out.exists()
    assert not list(tmp_path.glob(".*"))  # the lock files are removed when the run ends
