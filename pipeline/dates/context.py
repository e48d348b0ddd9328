"""The plumbing of the rule table: the span under normalization, the "not mine" marker, naming a result.

Every rule module reads a ``Ctx`` and returns a Value, None (not a time
expression) or ``NEXT`` (the next rule of the table tries).
"""
from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span

from pipeline.dates.values import Value, _day

NEXT = object()   # "not mine": the next rule of the table tries


@dataclass
class Ctx:
    """One span under normalization."""

    t: str                        # the span's normalized text (grammar.norm_text)
    span: Span
    sent: int                     # its sentence index
    label: str | None             # DATE / TIME / set_per from the finder, or None
    tense: Callable[[], str | None]
    raw: str = ""                 # the expression as written
    weekday: int | None = None    # the weekday a "Wednesday, March 5" names, to check against the date


def done(v: Value | None, rule: str, anchor: str | None = None) -> Value | None:
    """v named by rule (unless a sub-rule named it already), with its anchor."""
    if v is None:
        return None
    v.rule = rule if not v.rule else v.rule
    if anchor is not None:
        v.anchor = anchor
    return v


def exact(d: datetime.date | None, rule: str) -> Value | None:
    """A day the text states in full, or an unresolved value when the calendar has no such day."""
    return done(_day(d) if d else Value("DATE", None), rule if d else f"{rule}:invalid")
