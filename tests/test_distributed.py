"""docs/distributed.md: its recipe, executed from the page, on Dask's local schedulers.

The facts it writes must be `run`'s output byte for byte. Skipped without Dask
(`pip install "dask[bag]"`).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("dask")
pytest.importorskip("dask.bag")

from extractor.run import run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "distributed.md"
CORPUS = ROOT / "corpus" / "articles"


@pytest.fixture(scope="module")
def recipe() -> dict:
    """The first python block of the page, executed: its functions."""
    block = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    namespace: dict = {"__name__": "distributed_recipe"}
    exec(compile(block, str(DOC), "exec"), namespace)
    assert callable(namespace["extract_folder"]) and callable(namespace["extract_folder_like_run"])
    return namespace


def make_folder(root: Path, duplicate_ids: bool) -> Path:
    root.mkdir(parents=True)
    files = sorted(CORPUS.glob("*.txt"))[:7]
    for f in files:
        shutil.copy(f, root / f.name)
    (root / "empty.txt").write_bytes(b"")
    texts = [f.read_text(encoding="utf-8") for f in files[:2]]
    second = "c101" if duplicate_ids else "feed-b"
    (root / "feed.jsonl").write_text(json.dumps({"id": "feed-a", "text": texts[0]}) + "\n"
                                     + json.dumps({"id": second, "text": texts[1]}) + "\n" + '{"id": "cut", "te',
                                     encoding="utf-8")
    return root


def concat(folder: Path, prefix: str) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.glob(f"{prefix}.*.jsonl")))


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_dask_recipe_writes_what_run_writes(recipe, tmp_path, scheduler, monkeypatch):
    src = make_folder(tmp_path / "in", duplicate_ids=False)
    run([src], tmp_path / "facts.jsonl", tmp_path / "errors.jsonl", workers=1)
    calls = []
    real = recipe["extract_article"]
    monkeypatch.setitem(recipe, "extract_article", lambda article: calls.append(article.id) or real(article))
    recipe["extract_folder"]([src], str(tmp_path / "out"), partition_size=3, scheduler=scheduler)
    assert sorted(calls) == sorted(set(calls)) and len(calls) == 9  # facts and errors share one pass
    assert not list((tmp_path / "out").glob("*.partial"))
    assert len(list((tmp_path / "out").glob("facts.*.jsonl"))) >= 3  # several partitions, joined in order
    assert concat(tmp_path / "out", "facts") == (tmp_path / "facts.jsonl").read_bytes()
    assert concat(tmp_path / "out", "errors") == (tmp_path / "errors.jsonl").read_bytes()
    kinds = [json.loads(x)["kind"] for x in concat(tmp_path / "out", "errors").decode().splitlines()]
    assert kinds == ["empty", "bad_json"]


def test_dask_recipe_with_runs_plan_makes_ids_unique(recipe, tmp_path):
    src = make_folder(tmp_path / "in", duplicate_ids=True)
    run([src], tmp_path / "facts.jsonl", tmp_path / "errors.jsonl", workers=1)
    recipe["extract_folder_like_run"]([src], str(tmp_path / "out"), partition_size=4, scheduler="synchronous")
    facts = concat(tmp_path / "out", "facts")
    assert facts == (tmp_path / "facts.jsonl").read_bytes()
    ids = [json.loads(x)["article"]["id"] for x in facts.decode().splitlines()]
    assert "c101~2" in ids and len(ids) == len(set(ids)) == 9
    assert concat(tmp_path / "out", "errors") == (tmp_path / "errors.jsonl").read_bytes()


def test_rerun_after_an_interruption_does_only_the_missing_partitions(recipe, tmp_path, monkeypatch):
    src = make_folder(tmp_path / "in", duplicate_ids=False)
    out = tmp_path / "out"
    recipe["extract_folder"]([src], str(out), partition_size=3, scheduler="synchronous")
    whole = concat(out, "facts")
    (out / "facts.0001.jsonl").unlink()  # as if the run had died before writing partition 1
    (out / "errors.0002.jsonl").unlink()
    calls = []
    real = recipe["extract_article"]
    monkeypatch.setitem(recipe, "extract_article", lambda article: calls.append(article.id) or real(article))
    recipe["extract_folder"]([src], str(out), partition_size=3, scheduler="synchronous")
    assert concat(out, "facts") == whole
    stems = [f.stem for f in sorted(CORPUS.glob("*.txt"))[:7]]
    # partitions of 3 files: [1 2 3] [4 5 6] [7 empty.txt feed.jsonl]; only the last two are done again
    assert sorted(calls) == sorted(stems[3:7] + ["feed-a", "feed-b"])
