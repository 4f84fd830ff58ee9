"""spaCy integration: factories and displaCy colours through entry points, a pipeline with no problems.

The subprocess tests need the package installed (`pip install -e .`, as CI does): entry
points come from the installed metadata, not from the source tree.
"""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, distribution, entry_points
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.util import registry

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
FACTORIES = PYPROJECT["project"]["entry-points"]["spacy_factories"]


def installed() -> None:
    try:
        distribution("idpr-extractor")
    except PackageNotFoundError:
        pytest.fail("idpr-extractor is not installed: run `pip install -e .` (entry points live in its metadata)")


def fresh_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """A new interpreter outside the source tree, with no PYTHONPATH: only what is installed is found."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_entry_point_names_its_factory_function(name):
    module_name, _, func_name = FACTORIES[name].partition(":")
    assert func_name, f"{name}: entry point value must be module:function"
    module = importlib.import_module(module_name)
    func = getattr(module, func_name, None)
    assert callable(func), f"{name}: {module_name} has no function {func_name}"
    # the function is the one registered by @Language.factory under this very name
    assert Language.has_factory(name), f"{name}: no @Language.factory({name!r}) in {module_name}"
    assert registry.factories.get(name) is func


def test_every_pipeline_component_has_an_entry_point():
    from extractor.pipeline import COMPONENTS

    assert set(COMPONENTS) <= set(FACTORIES)


def test_installed_entry_points_match_pyproject():
    installed()
    eps = {ep.name: ep.value for ep in entry_points(group="spacy_factories") if ep.name.startswith("idpr_")}
    assert eps == FACTORIES, "installed metadata is stale: run `pip install -e .` again"
    colors = {ep.name: ep.value for ep in entry_points(group="spacy_displacy_colors")}
    assert colors.get("idpr") == PYPROJECT["project"]["entry-points"]["spacy_displacy_colors"]["idpr"]


def test_fresh_interpreter_finds_factories_and_colours(tmp_path):
    """`spacy.blank("id").add_pipe("idpr_...")` with no `import extractor`: spaCy loads it via the entry points."""
    installed()
    names = [n for n in FACTORIES if n != "idpr_stanza_parser"]  # that one needs stanza's models
    code = f"""
import json, sys
import spacy
imported_with_spacy = any(m.startswith("extractor") for m in sys.modules)
nlp = spacy.blank("id")
nlp.add_pipe("idpr_segmenter")
doc = nlp("Lapas Purwokerto Jajaki Kerja Sama\\n\\nPurwokerto - Kepala Lapas menerima tamu. Tamu itu senang.")
seg = {{"sents": len(list(doc.sents)), "segments": doc._.segments is not None}}
from spacy.language import Language
found = [name for name in {names!r} if Language.has_factory(name)]
from spacy import displacy
html = displacy.render({{"text": "Kepala Lapas", "ents": [{{"start": 0, "end": 12, "label": "ROLE"}}]}},
                       style="ent", manual=True, jupyter=False)
print(json.dumps({{"imported_with_spacy": imported_with_spacy, "seg": seg, "found": found,
                  "html": html}}))
"""
    res = fresh_python(code, tmp_path)
    assert res.returncode == 0, res.stderr[-3000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["imported_with_spacy"] is False
    assert out["seg"] == {"sents": out["seg"]["sents"], "segments": True} and out["seg"]["sents"] >= 2
    assert out["found"] == names
    from extractor.render import DISPLACY_COLORS

    assert f"background: {DISPLACY_COLORS['ROLE']}" in out["html"]  # spaCy has no ROLE colour of its own


def test_analyze_pipes_reports_no_problems(nlp):
    report = nlp.analyze_pipes()
    problems = {name: p for name, p in report["problems"].items() if p}
    assert problems == {}
    assert list(report["summary"]) == list(nlp.pipe_names)
    # every attribute a component requires is assigned by one before it
    assigned: set[str] = set()
    for name in nlp.pipe_names:
        meta = Language.get_factory_meta(name)
        missing = [r for r in meta.requires if r not in assigned]
        assert not missing, f"{name} requires {missing} that no earlier component assigns"
        assigned.update(meta.assigns)


def test_stanza_component_declares_what_it_assigns():
    from extractor import stanza_adapter  # noqa: F401  (registers the factory)

    meta = Language.get_factory_meta("idpr_stanza_parser")
    assert "doc._.stanza_deps" in meta.assigns and "token.is_sent_start" in meta.assigns


def test_single_anchor_prefixes_tokenize_exactly_like_spacy(nlp):
    """The faster prefix regex must not change a single token (offsets are the evidence)."""
    import spacy

    from extractor.pipeline import add_special_cases

    reference = spacy.blank("id")
    add_special_cases(reference)
    assert nlp.tokenizer.prefix_search.__self__.pattern != reference.tokenizer.prefix_search.__self__.pattern
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "articles").glob("*.txt"))]
    texts.append('US$ 5 (“Kamis”) ...lalu «kutip» ¿apa? [Lapas] {x} —tanda— §3 %20 ₹90 ‘a’ ..3 …titik')
    for text in texts:
        ours = [(t.idx, t.text) for t in nlp.make_doc(text)]
        theirs = [(t.idx, t.text) for t in reference.make_doc(text)]
        assert ours == theirs


def test_tokenizer_with_the_faster_searches_still_serializes(nlp):
    import spacy

    data = nlp.tokenizer.to_bytes()
    fresh = spacy.blank("id")
    fresh.tokenizer.from_bytes(data)
    text = (ROOT / "corpus" / "articles" / "c101.txt").read_text(encoding="utf-8")
    assert [t.text for t in fresh.make_doc(text)] == [t.text for t in nlp.make_doc(text)]


def test_fast_accessors_read_and_write_what_the_extensions_do(nlp):
    """The steps use doc_attrs' functions (no Underscore object per access); users use `._.`:
    both must see the same values, label by label, and a Doc must keep them through bytes."""
    from spacy.tokens import Doc

    from extractor import doc_attrs as A

    doc = nlp((ROOT / "corpus" / "articles" / "c101.txt").read_text(encoding="utf-8"))
    assert doc._.segments is A.doc_attr(doc, "segments") is not None
    assert doc._.organizations == A.doc_attr(doc, "organizations") != []
    org = doc.spans[A.ORGS][0]
    assert org._.rule == A.span_attr(org, "rule") is not None
    A.set_span_attr(org, "value", "fast")
    assert org._.value == "fast"
    org._.kind = "slow"
    assert A.span_attr(org, "kind") == "slow"
    same_words = doc[org.start:org.end]
    same_words.label_ = "ROLE"
    assert A.span_attr(same_words, "value") is None and same_words._.value is None  # the label keeps them apart
    A.set_doc_attr(doc, "warnings", ["w"])
    assert doc._.warnings == ["w"]
    fresh = nlp.make_doc("Teks tanpa komponen.")
    assert fresh._.events is None and A.doc_attr(fresh, "events") is None
    fresh._.segments = {"title": [0, 4]}
    again = Doc(nlp.vocab).from_bytes(fresh.to_bytes())  # plain values travel with the Doc
    assert A.doc_attr(again, "segments") == {"title": [0, 4]} == again._.segments
