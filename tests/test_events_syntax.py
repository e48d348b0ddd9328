"""Parse helpers of the event stage."""
from __future__ import annotations

from pipeline.events import mentions_for_doc
from pipeline.events.syntax import cached_sentences


def test_cached_sentences_serve_the_same_spans_and_leave_the_doc_as_it_was(nlp):
    doc = nlp("Rebels shelled the town on Monday. The army said it returned fire. Talks resumed in Addis Ababa.")
    plain = [(t.i, t.sent.start, t.sent.end) for t in doc]
    with cached_sentences(doc):
        assert "sent" in doc.user_token_hooks
        assert [(t.i, t.sent.start, t.sent.end) for t in doc] == plain
        assert [(s.start, s.end) for s in doc.sents] == [(s.start, s.end) for s in nlp(doc.text).sents]
    assert "sent" not in doc.user_token_hooks and "sents" not in doc.user_hooks


def test_extracting_events_leaves_no_hook_on_the_parse(nlp):
    doc = nlp("Sudan's army and the RSF signed a truce in Jeddah on May 20, 2023.")
    mentions_for_doc(doc, {"article_id": "a", "file": "a.txt", "published": None, "title": None}, [])
    assert doc.user_hooks == {} and doc.user_token_hooks == {}
