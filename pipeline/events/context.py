"""The per-article state the extraction steps share: triggers, timexes, quotes, speakers."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from pipeline.events.actors import ArticleActors, Resolution
from pipeline.events.lexicon import load_lexicon


@dataclass
class Timex:
    row: dict
    start: int
    end: int
    root: Token
    owner: Token | None = None    # nominal trigger or clause head it belongs to


@dataclass
class Trigger:
    tok: Token
    rule: dict
    pos: str
    light: Token | None = None     # light verb governing a nominal trigger
    means: Trigger | None = None   # the attack noun whose outcome a verb tells ("an airstrike killed")
    mention: dict | None = None


@dataclass
class Article:
    doc: Doc
    article: dict
    actors: ArticleActors
    quotes: list[tuple[int, int]]
    timexes: list[Timex]
    triggers: dict = field(default_factory=dict)        # token index -> Trigger
    speakers: list = field(default_factory=list)        # (token index, Resolution) of statements
    text: str = ""          # doc.text, read once: spaCy joins every token again on each access
    resolved: dict = field(default_factory=dict)        # (token index, conjuncts) -> Resolution outside quotes

    def __post_init__(self) -> None:
        self.text = self.text or self.doc.text

    def quoted(self, tok: Token) -> bool:
        return any(a <= tok.idx < b for a, b in self.quotes)

    def speaker_before(self, i: int) -> Resolution | None:
        """The speaker of a quote at token i: the one its own sentence reports ("'...,' X said"),
        else the last one before it."""
        sent = self.doc[i].sent
        best = None
        for j, res in self.speakers:
            if sent.start <= j < sent.end:
                return res
            if j <= i:
                best = res
        return best


def quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for a, b in load_lexicon().words["quote_pairs"]:
        if a == "\u2018":
            pattern = r"(?<!\w)\u2018[^\u2019\n]{1,800}\u2019(?!\w)"
        elif a == b:
            pattern = re.escape(a) + r"[^" + re.escape(a) + r"\n]{1,3000}" + re.escape(b)
        else:
            pattern = re.escape(a) + r"[^" + re.escape(b) + r"\n]{1,3000}" + re.escape(b)
        spans.extend((m.start(), m.end()) for m in re.finditer(pattern, text))
    return spans
