"""The optional stanza backend: alignment of stanza's words onto spaCy tokens, without any model."""
from __future__ import annotations

import copy

import pytest
import spacy
from typer.testing import CliRunner

from extractor.stanza_adapter import StanzaParser, StanzaUnavailable, align, apply, load_stanza, words_of

# "Kalapas menerima bukunya di Purwokerto. Ia senang." -- "bukunya" is a multi-word token (buku + nya)
TEXT = "Kalapas menerima bukunya di Purwokerto. Ia senang."
SENTENCES = [
    [
        {"id": 1, "text": "Kalapas", "upos": "PROPN", "head": 2, "deprel": "nsubj", "start_char": 0, "end_char": 7},
        {"id": 2, "text": "menerima", "lemma": "terima", "upos": "VERB", "head": 0, "deprel": "root",
         "start_char": 8, "end_char": 16},
        {"id": (3, 4), "text": "bukunya", "start_char": 17, "end_char": 24},
        {"id": 3, "text": "buku", "lemma": "buku", "upos": "NOUN", "head": 2, "deprel": "obj"},
        {"id": 4, "text": "nya", "lemma": "dia", "upos": "PRON", "head": 3, "deprel": "nmod:poss"},
        # offsets in misc, as older stanza versions write them
        {"id": 5, "text": "di", "upos": "ADP", "head": 6, "deprel": "case", "misc": "start_char=25|end_char=27"},
        {"id": 6, "text": "Purwokerto", "upos": "PROPN", "head": 2, "deprel": "obl", "start_char": 28, "end_char": 38},
        {"id": 7, "text": ".", "upos": "PUNCT", "head": 2, "deprel": "punct", "start_char": 38, "end_char": 39},
    ],
    [
        {"id": 1, "text": "Ia", "upos": "PRON", "head": 2, "deprel": "nsubj", "start_char": 40, "end_char": 42},
        {"id": 2, "text": "senang", "upos": "ADJ", "head": 0, "deprel": "root", "start_char": 43, "end_char": 49},
        {"id": 3, "text": ".", "upos": "PUNCT", "head": 2, "deprel": "punct", "start_char": 49, "end_char": 50},
    ],
]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("id")


def tok(doc, text: str) -> int:
    return next(t.i for t in doc if t.text == text)


def test_words_of_gives_multiword_tokens_their_span():
    words = words_of(SENTENCES)
    buku, nya = words[0][2], words[0][3]
    assert (buku.text, buku.start, buku.end) == ("buku", 17, 24)
    assert (nya.text, nya.start, nya.end) == ("nya", 17, 24)
    assert (words[0][4].start, words[0][4].end) == (25, 27)  # from misc


def test_alignment_onto_spacy_tokens(nlp):
    doc = nlp(TEXT)
    a = align(doc, SENTENCES)
    i = {t.text: t.i for t in doc}
    assert a.sent_starts == [0, i["Ia"]]
    assert a.deps[i["Kalapas"]] == (i["menerima"], "nsubj")
    assert a.deps[i["menerima"]] == (i["menerima"], "root")
    # the multi-word token takes the dependency of its head word "buku", not of "nya"
    assert a.deps[i["bukunya"]] == (i["menerima"], "obj")
    assert a.pos[i["bukunya"]] == "NOUN"
    assert i["bukunya"] not in a.lemma  # two words' lemmas do not fit one token
    assert a.deps[i["di"]] == (i["Purwokerto"], "case")
    assert a.deps[i["Ia"]] == (i["senang"], "nsubj")
    assert a.lemma[i["menerima"]] == "terima"


def test_multiword_token_whose_head_word_comes_second(nlp):
    # "kesana" = "ke" (case, head: "sana") + "sana" (obl of the verb): the token takes "sana"'s dependency
    text = "Ia pergi kesana."
    doc = nlp(text)
    sentence = [
        {"id": 1, "text": "Ia", "head": 2, "deprel": "nsubj", "start_char": 0, "end_char": 2},
        {"id": 2, "text": "pergi", "head": 0, "deprel": "root", "start_char": 3, "end_char": 8},
        {"id": (3, 4), "text": "kesana", "start_char": 9, "end_char": 15},
        {"id": 3, "text": "ke", "head": 4, "deprel": "case"},
        {"id": 4, "text": "sana", "head": 2, "deprel": "obl"},
        {"id": 5, "text": ".", "head": 2, "deprel": "punct", "start_char": 15, "end_char": 16},
    ]
    a = align(doc, [sentence])
    assert a.deps[tok(doc, "kesana")] == (tok(doc, "pergi"), "obl")


def test_one_stanza_word_over_several_spacy_tokens(nlp):
    text = "Lapas Kelas IIA menerima tamu."
    doc = nlp(text)
    assert [t.text for t in doc][:3] == ["Lapas", "Kelas", "IIA"]
    sentence = [
        {"id": 1, "text": "Lapas", "head": 3, "deprel": "nsubj", "start_char": 0, "end_char": 5},
        {"id": 2, "text": "Kelas IIA", "head": 1, "deprel": "flat", "start_char": 6, "end_char": 15},
        {"id": 3, "text": "menerima", "head": 0, "deprel": "root", "start_char": 16, "end_char": 24},
        {"id": 4, "text": "tamu", "head": 3, "deprel": "obj", "start_char": 25, "end_char": 29},
        {"id": 5, "text": ".", "head": 3, "deprel": "punct", "start_char": 29, "end_char": 30},
    ]
    a = align(doc, [sentence])
    assert a.deps[1] == (0, "flat") and a.deps[2] == (1, "goeswith")
    assert a.deps[0] == (3, "nsubj")


def test_offsets_off_token_edges_expand(nlp):
    doc = nlp("Rutan Medan.")
    a = align(doc, [[{"id": 1, "text": "Rutan Meda", "head": 0, "deprel": "root", "start_char": 0, "end_char": 10}]])
    assert a.deps[0] == (0, "root") and a.deps[1] == (0, "goeswith")


def test_apply_sets_extension_and_sentence_starts(nlp):
    doc = nlp(TEXT)
    out = apply(doc, align(doc, SENTENCES))
    assert out.text == TEXT and len(out) == len(nlp(TEXT))
    assert [s.text for s in out.sents] == ["Kalapas menerima bukunya di Purwokerto.", "Ia senang."]
    assert out._.stanza_deps[tok(out, "Kalapas")] == (tok(out, "menerima"), "nsubj")
    assert out[tok(out, "Purwokerto")].pos_ == "PROPN"


def test_no_sentence_start_after_a_kept_abbreviation():
    from extractor.pipeline import add_special_cases

    nlp = spacy.blank("id")
    add_special_cases(nlp)  # the project's tokenizer keeps "CV." whole
    text = "Kunjungan CV. Rajasa berjalan baik."
    assert "CV." in [t.text for t in nlp(text)]
    # stanza thinks a sentence starts after "CV."
    sentences = [[{"id": 1, "text": "Kunjungan", "head": 0, "deprel": "root", "start_char": 0, "end_char": 9},
                  {"id": 2, "text": "CV.", "head": 1, "deprel": "nmod", "start_char": 10, "end_char": 13}],
                 [{"id": 1, "text": "Rajasa", "head": 0, "deprel": "root", "start_char": 14, "end_char": 20}]]
    doc = StanzaParser(lambda t: sentences)(nlp(text))
    assert not doc[tok(doc, "Rajasa")].is_sent_start
    doc = apply(nlp(text), align(nlp(text), sentences), keep_whole=set())
    assert doc[tok(doc, "Rajasa")].is_sent_start


def test_component_with_a_stand_in_pipeline(nlp):
    calls = []

    def fake(text):
        calls.append(text)
        return copy.deepcopy(SENTENCES)

    doc = StanzaParser(fake)(nlp(TEXT))
    assert calls == [TEXT] and doc.text == TEXT
    assert doc._.stanza_deps[tok(doc, "bukunya")] == (tok(doc, "menerima"), "obj")


def test_missing_models_say_how_to_get_them(tmp_path):
    with pytest.raises(StanzaUnavailable, match=r"--stanza-dir"):
        load_stanza(None)
    with pytest.raises(StanzaUnavailable, match=r"stanza\.download\('id'"):
        load_stanza(tmp_path)


def test_cli_backend_stanza_without_models(tmp_path):
    from extractor.cli import app

    result = CliRunner().invoke(app, ["run", "--backend", "stanza", "--stanza-dir", str(tmp_path), "-o",
                                      str(tmp_path / "f.jsonl")])
    assert result.exit_code == 2
    assert "stanza.download" in result.stderr
    assert not (tmp_path / "f.jsonl").exists()


def test_with_a_real_stanza_document(nlp):
    pytest.importorskip("stanza")
    from stanza.models.common.doc import Document

    document = Document(copy.deepcopy(SENTENCES), text=TEXT)
    assert [t.text for t in document.sentences[0].tokens][2] == "bukunya"
    doc = StanzaParser(lambda text: document)(nlp(TEXT))
    i = {t.text: t.i for t in doc}
    assert doc._.stanza_deps[i["bukunya"]] == (i["menerima"], "obj")
    assert doc._.stanza_deps[i["di"]] == (i["Purwokerto"], "case")
    assert [s.start for s in doc.sents] == [0, i["Ia"]]
