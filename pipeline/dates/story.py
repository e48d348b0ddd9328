"""A story told in the past: a month or month-day without a year, told right after a date that
tells when a story of an earlier year happened, belongs to that year, not to the publication's.

"In March 2014, Russia annexed Crimea. In April, separatists seized Donetsk": April 2014.
TimeML anchors such expressions on the previous one (temporalFunction, anchorTimeID); the
publication date stays the anchor whenever the story is not plainly the last thing told.
A weekday is never part of such a story: news names a weekday only within a week of the
publication (AP style), so "On Monday" after a background paragraph is back in the news week.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from pipeline.dates.values import Value


def tells_when(span: Span) -> bool:
    """The date says when its clause happened ("On May 22, 1995, he was promoted"), rather than
    naming an event it modifies ("the Dec. 21, 1988, bombing", "after the August 1988 cease-fire")."""
    root, doc = span.root, span.doc
    if root.dep_ in ("compound", "nmod", "amod", "poss", "appos"):
        return False
    after = span.end + (1 if span.end < len(doc) and doc[span.end].text == "," else 0)
    if span.start > 0 and doc[span.start - 1].dep_ == "det" and after < len(doc) and doc[after].pos_ == "NOUN":
        return False   # "the Dec. 21, 1988, bombing", parsed or not as a modifier
    return not (root.dep_ == "pobj" and root.head.head.pos_ in ("NOUN", "PROPN"))


def note(n, span: Span, v: Value) -> None:
    """A date whose year the text states: it starts a story when it tells when its clause happened.
    A bare year does not ("since 1990", "in 1988" compare as often as they tell)."""
    if tells_when(span):
        n.story_dates.add(id(v))


def _story(n, span: Span, sent: int, tense: Callable[[], str | None]) -> Value | None:
    """The story date this expression continues: the last date told, of any granularity ("the
    following year" ends the story), in this or the previous sentence; none in a future clause."""
    if n.dct is None or not n.history:
        return None
    s, prev = n.history[-1]
    if sent - s > 1 or id(prev) not in n.story_dates or tense() == "future":
        return None
    return prev


def in_story_year(n, span: Span, sent: int, tense, make: Callable[[int], Value | None]) -> Value | None:
    """A month or month-day without a year in a story of an earlier year: the first such date on or
    after the story's date (its year, or the next), before the publication."""
    prev = _story(n, span, sent, tense)
    if prev is None or prev.start.year >= n.dct.year:
        return None
    for y in (prev.start.year, prev.start.year + 1):
        v = make(y)
        if v is not None and prev.start <= v.start <= n.dct:
            v.anchor = prev.value
            note(n, span, v)
            return v
    return None
