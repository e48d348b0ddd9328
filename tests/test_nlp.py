"""The one parse: paragraph boundaries, DocBin round trip."""
from __future__ import annotations

import pytest

from pipeline.nlp import load_docs, parse, save_docs


def test_a_blank_line_ends_a_sentence_so_headlines_stay_apart(nlp):
    doc = nlp("Rebels Take Northern Town\n\nRebel forces seized the town on Sunday, officials said.")
    assert [s.text.strip() for s in doc.sents] == ["Rebels Take Northern Town",
                                                   "Rebel forces seized the town on Sunday, officials said."]


def test_a_single_line_break_does_not_force_a_boundary(nlp):
    doc = nlp("Rebel forces seized the northern\ntown on Sunday.")
    assert len(list(doc.sents)) == 1


def test_stored_docs_keep_the_parse(nlp, tmp_path):
    texts = ["Envoys met in Vienna on Friday.\n\nTalks resume next week.", "A second article."]
    docs = list(parse(texts, nlp))
    save_docs(docs, tmp_path / "docs.spacy")
    back = load_docs(tmp_path / "docs.spacy", nlp)
    assert [d.text for d in back] == texts
    assert [[(t.dep_, t.head.i, t.ent_type_) for t in d] for d in back] == [[(t.dep_, t.head.i, t.ent_type_) for t in d] for d in docs]
    assert [len(list(d.sents)) for d in back] == [len(list(d.sents)) for d in docs]


@pytest.mark.parametrize("text, first", [
    ("KHARTOUM, April 20 (AP) - Sudan's army and the RSF agreed to a truce.", "Sudan"),
    ("BAKU, Oct 10 (Reuters) - Armenia and Azerbaijan agreed to a ceasefire.", "Armenia"),
    ("MOSCOW, May 17. /TASS/. A delegation of Niger's government arrived in Russia.", "A"),
    ("Kabul, Afghanistan(CNN) Taliban fighters entered the palace.", "Taliban"),
    ("Headline of the story\n\nYANGON, Feb 1 - Myanmar's army seized power.", "Myanmar"),
])
def test_a_dateline_is_not_part_of_the_first_sentence(nlp, text, first):
    (doc,) = parse([text], nlp)
    assert any(s[0].text == first for s in doc.sents), [s.text for s in doc.sents]


def test_a_city_opening_a_sentence_is_no_dateline(nlp):
    (doc,) = parse(["Moscow has warmed relations with Kabul since 2021."], nlp)
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize("text, word, lemma", [
    ("Rebels staged an attack on the base.", "staged", "stage"),
    ("The court fined the opposition party.", "fined", "fine"),
    ("The junta installed a new government.", "installed", "install"),
    ("Police rapped on the doors.", "rapped", "rap"),        # a verb form of another verb is left alone
])
def test_a_lexicon_verb_cut_wrong_by_the_lemmatizer_gets_its_lemma_back(nlp, text, word, lemma):
    (doc,) = parse([text], nlp)
    assert next(t.lemma_ for t in doc if t.text == word) == lemma
