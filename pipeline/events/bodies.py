"""Whose body a government or ministry is when the text says who runs it.

"Afghanistan's interim government, formed by the Taliban", "the government
led by the junta", "the Hamas-run health ministry", "the Houthi-controlled
ministry": a government, ministry or administration is the actor of whoever
formed, runs or controls it, not of the place named with it.  Only for the
institution nouns of ``owned_bodies`` and the participles of
``owning_participles`` (``data/actors/words.json``): "US-led forces" and
"the US-led coalition" stay forces of someone else that the US is involved
in (``hyphen_involvement``), and "backed", "supported" or "funded" never
make a sponsor the owner ("the US-backed government in Kabul" was
Afghanistan's).

The functions take the article's resolver (``pipeline.events.actors``) so
this module does not import it.
"""
from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.gazetteer import actor_words


def is_owned_body(tok: Token) -> bool:
    return tok.lemma_.lower() in actor_words()["owned_bodies"] or tok.lower_ in actor_words()["owned_bodies"]


def owner_agent(tok: Token) -> Token | None:
    """ "the government, formed by the Taliban": the by-phrase of an owning participle on the body."""
    if not is_owned_body(tok):
        return None
    owning = actor_words()["owning_participles"]
    for acl in tok.children:
        if acl.dep_ == "acl" and acl.lower_ in owning:
            for p in acl.children:
                if p.dep_ == "agent" or (p.dep_ == "prep" and p.lower_ == "by"):
                    pobj = next((c for c in p.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
    return None


def hyphen_owner(resolver, tok: Token) -> str | None:
    """ "the Hamas-run health ministry", "the Houthi-controlled administration": the actor before
    an owning participle joined by a hyphen, within the body's own phrase."""
    if not is_owned_body(tok):
        return None
    owning = actor_words()["owning_participles"]
    doc = tok.doc
    for t in tok.subtree:
        if t.i >= tok.i:
            break
        joined = "-" in t.text and t.text.split("-")[-1].lower() in owning
        split = t.i + 2 < tok.i and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ in owning
        if joined or split:
            actor = resolver._token_actor(t)
            if actor:
                return actor
    return None
