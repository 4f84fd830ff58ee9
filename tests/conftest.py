"""Shared fixtures: the pipeline built once, paths to the seeds and the corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def nlp():
    from extractor.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract_text():
    from extractor import extract

    def run(text: str):
        return extract(text).model_dump(mode="json")

    return run


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    return SEEDS
