"""Person names and the title words around them.

A name's surname is its last word that is not a generational suffix ("Jr.");
the title of an unknown person is in the words around the name, which the
parser attaches anywhere: modifiers and compounds ("Russian Foreign Minister
X"), an appositive ("X, Russia's envoy"), and a capitalised title run across
"of"/"for" ("Acting Foreign Minister of Afghanistan X", "Special Presidential
Envoy for Afghanistan X": after a portfolio preposition, ``portfolio_preps``
in ``data/actors/words.json``, the country is the office's subject, not whose
official X is).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.events.gazetteer import actor_words


def is_suffix(word: str) -> bool:
    return word.lower() in actor_words()["name_suffixes"]


def surname(full: str) -> str | None:
    """The last word of a full name that is not a generational suffix ("McKenzie" of "Kenneth McKenzie Jr.")."""
    words = [w for w in full.split() if not is_suffix(w)]
    return words[-1] if len(words) > 1 else None


def next_text(t: Token, end: int) -> str | None:
    return t.doc[t.i + 1].text if t.i + 1 < end else None


def title_run(ent: Span) -> list[Token]:
    """ "Acting Foreign Minister of Afghanistan NAME", "Special Envoy for Afghanistan NAME": the
    capitalised words right before a name, across a title's "of"/"for" (the parser attaches
    them anywhere); [] when no such preposition is crossed."""
    doc, preps = ent.doc, actor_words()["title_preps"]
    run: list[Token] = []
    for i in range(ent.start - 1, ent.sent.start - 1, -1):
        t = doc[i]
        if not (t.is_alpha and t.text[:1].isupper() or t.lower_ in preps and run and i > ent.sent.start
                and doc[i - 1].text[:1].isupper()):
            break
        run.insert(0, t)
    return run if any(t.lower_ in preps for t in run) else []


def title_pieces(ent: Span) -> list[Token]:
    """Title words and modifiers around a person's name, and the appositive that describes them."""
    root = ent.root
    pieces: list[Token] = [t for t in ent.doc[max(ent.sent.start, ent.start - 8): ent.start]
                           if any(ent.start <= a.i < ent.end for a in t.ancestors)]
    if not pieces:
        # the parser split "X's political chief NAME": take the words right before the name
        i = ent.start - 1
        while i >= ent.sent.start and ent.doc[i].pos_ in ("ADJ", "PROPN", "NOUN", "PART"):
            pieces.insert(0, ent.doc[i])
            i -= 1
    pieces.extend(t for t in title_run(ent) if t not in pieces)
    heads = []
    if root.dep_ == "appos":
        heads.append(root.head)
    heads.extend(c for c in root.children if c.dep_ == "appos")
    for h in heads:
        pieces.extend(t for t in h.subtree if t.i < ent.start or t.i >= ent.end)
    return pieces
