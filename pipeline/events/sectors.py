"""Sectors: which part of an actor acted (government, military, judiciary, ...).

ICEWS and PLOVER code "Russia's Supreme Court" as Russia plus a sector
(judiciary), "Taliban fighters" as the Taliban plus military.  The sector of a
noun phrase is that of its head-most title or institution noun
(``data/actors/titles.csv``, column ``sector``; the closed list of sectors is
``data/actors/sectors.csv``): "army spokesmen" is military because
"spokesman" has no sector and "army" has; "the Prosecutor General's Office"
is government because the two-word title beats "general" alone.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from spacy.tokens import Token

from pipeline.config import DATA_DIR

LONGEST_TITLE = 3   # words in the longest multi-word title ("secretary of state")


@lru_cache(maxsize=1)
def sector_names() -> dict[str, str]:
    """The closed list: sector -> CAMEO agent code."""
    with (DATA_DIR / "actors" / "sectors.csv").open(newline="", encoding="utf-8") as fh:
        return {r["sector"]: r["cameo"] for r in csv.DictReader(fh)}


def phrase_sector(words: list[str], table: dict[str, str]) -> str | None:
    """Sector of the right-most title in a word sequence (lower-cased, head last); longer titles first."""
    for end in range(len(words), 0, -1):
        for n in range(min(LONGEST_TITLE, end), 0, -1):
            sector = table.get(" ".join(words[end - n:end]))
            if sector:
                return sector
    return None


def _forms(t: Token) -> list[str]:
    return list(dict.fromkeys((t.lemma_.lower(), t.lower_)))


def token_words(tokens: list[Token]) -> list[list[str]]:
    """Each token's lemma and surface form, so "spokesmen" and "forces" find their singular entry."""
    return [_forms(t) for t in sorted(tokens, key=lambda t: t.i)]


def sector_of_tokens(tokens: list[Token], table: dict[str, str]) -> str | None:
    """Sector of a phrase given as tokens: tried with lemmas, then with surface forms."""
    words = token_words(tokens)
    for pick in (0, -1):
        sector = phrase_sector([w[pick] for w in words], table)
        if sector:
            return sector
    return None


def head_phrase(tok: Token) -> list[Token]:
    """The head noun and its left modifiers, without a possessor ("Ukraine's") or determiner."""
    out = []
    for t in tok.subtree:
        if t.i > tok.i or t.dep_ in ("det", "punct", "case") or t.is_punct:
            continue
        if any(a.dep_ == "poss" for a in _path_to(t, tok)):
            continue
        out.append(t)
    return out


def _path_to(t: Token, head: Token) -> list[Token]:
    path = []
    while t.i != head.i and t.head.i != t.i:
        path.append(t)
        t = t.head
    return path
