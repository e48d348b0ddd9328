"""Dependency-parse helpers shared by trigger, argument, date and summary code."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from pipeline.events.lexicon import load_lexicon

SUBJ = ("nsubj",)
SUBJ_PASS = ("nsubjpass", "csubjpass")
NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


_KIDS = "eventline_children"     # doc.user_data key of the children index cached_sentences builds


def children(tok: Token, *deps: str) -> list[Token]:
    kids = tok.doc.user_data.get(_KIDS)
    if kids is None:
        return [c for c in tok.children if c.dep_ in deps]
    doc = tok.doc
    return [doc[j] for j, dep in kids[tok.i] if dep in deps]


def lemma_of(tok: Token) -> str:
    return tok.lemma_.lower()


def dobj(tok: Token) -> Token | None:
    objs = children(tok, "dobj")
    if objs:
        return objs[0]
    if children(tok, "auxpass"):
        subj = children(tok, *SUBJ_PASS)
        return subj[0] if subj else None
    return None


def preps(tok: Token) -> list[tuple[Token, Token | None]]:
    out = []
    for p in tok.children:
        if p.dep_ in ("prep", "agent", "dative"):
            pobj = [c for c in p.children if c.dep_ in ("pobj", "pcomp")]
            out.append((p, pobj[0] if pobj else None))
    return out


def clause_head(tok: Token) -> Token:
    """The verb heading the clause a token is in (itself for a verb)."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.dep_ != "ROOT" and t.head is not t:
        t = t.head
    return t


def is_present(verb: Token) -> bool:
    """Present, present perfect or present progressive: 'says', 'has decried', 'is calling'."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in load_lexicon().words["past_adverbs"] for c in verb.children if c.dep_ == "advmod"):
        return False
    if not auxes and verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBN"):
        auxes = [c for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return True
    if auxes and all(a.tag_ in ("VBZ", "VBP") for a in auxes[:1]):
        return auxes[0].lemma_ in ("have", "be", "do")
    return False


def is_past(verb: Token) -> bool:
    """Simple past, perfect or past passive: 'entered', 'has recognised', 'was granted'."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes and verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBN"):
        auxes = [c for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD" and not auxes:
        return True
    if verb.tag_ == "VBN" and auxes:
        return all(a.lemma_ in ("have", "be") for a in auxes) and auxes[0].tag_ in ("VBD", "VBZ", "VBP")
    return False


def participation_verb(tok: Token) -> Token | None:
    """The verb whose subject takes part in a nominal event: "said at the summit",
    "spoke on the sidelines of the summit"."""
    words = load_lexicon().words
    t = tok
    for _ in range(3):
        if t.dep_ != "pobj":
            return None
        prep = t.head
        gov = prep.head
        if prep.lower_ in words["participation_preps"] and gov.pos_ in ("VERB", "AUX"):
            return gov
        if gov.pos_ == "NOUN" and lemma_of(gov) in words["frame_nouns"]:
            t = gov
            continue
        return None
    return None


@contextlib.contextmanager
def cached_sentences(doc: Doc) -> Iterator[Doc]:
    """``token.sent``, ``doc.sents`` and ``children`` from one pass over the parse while the block runs.

    spaCy rebuilds the sentence spans on every access, which made sentence
    lookups most of the event stage's time; its user hooks let one list serve.
    """
    sents = list(doc.sents)
    sent_of = [s for s in sents for _ in range(s.start, s.end)]
    doc.user_hooks["sents"] = lambda d: iter(sents)
    doc.user_token_hooks["sent"] = lambda t: sent_of[t.i]
    kids: list[list[tuple[int, str]]] = [[] for _ in range(len(doc))]
    for t in doc:       # each token's children and their relations, read once ("children" asks often)
        if t.head.i != t.i:
            kids[t.head.i].append((t.i, t.dep_))
    doc.user_data[_KIDS] = kids
    try:
        yield doc
    finally:
        doc.user_hooks.pop("sents", None)
        doc.user_token_hooks.pop("sent", None)
        doc.user_data.pop(_KIDS, None)
