"""The one parse: paragraph boundaries, DocBin round trip."""
from __future__ import annotations

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
