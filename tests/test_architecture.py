"""The pipeline's shape: data files valid, components in order, steps never import later steps."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from extractor import lexicon
from extractor.pipeline import COMPONENTS

PKG = Path(__file__).resolve().parents[1] / "extractor"
# each step may import only steps before it (and the shared bottom layer)
ORDER = ["read", "segment", "annotate", "resolve", "events", "build", "write", "run"]
BOTTOM = {"records", "lexicon", "errors", "doc_attrs"}


def test_every_data_file_loads_and_validates():
    lexicon.load_all()
    assert len(lexicon.places()) > 7000
    assert lexicon.abbreviations()["kalapas"] == "kepala lembaga pemasyarakatan"


def test_role_aliases_are_unambiguous():
    with pytest.raises(ValueError):
        lexicon.RoleData.model_validate({"roles": [{"title": "A", "aliases": ["X"]}, {"title": "B", "aliases": ["x"]}],
                                         "role_prefixes": [], "unit_words": []})


def test_pipeline_has_the_components_in_order(nlp):
    assert tuple(nlp.pipe_names) == COMPONENTS


def _step(module: str) -> str | None:
    parts = module.split(".")
    return next((p for p in parts if p in ORDER), None)


@pytest.mark.parametrize("path", sorted(p for p in PKG.rglob("*.py") if _step(str(p.relative_to(PKG)).replace("/", ".")[:-3])),
                         ids=lambda p: str(p.relative_to(PKG)))
def test_steps_do_not_reach_back_into_later_steps(path):
    here = _step(str(path.relative_to(PKG)).replace("/", ".")[:-3])
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level and node.module:
            target = _step(node.module)
            if target and target != here:
                assert ORDER.index(target) < ORDER.index(here), f"{path.name} imports later step {node.module}"
