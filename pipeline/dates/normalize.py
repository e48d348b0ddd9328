"""The normalizer of one document: runs the rule table over each span, left to right.

It keeps the resolved expressions in text order, so anaphoric ones ("a year
earlier", "the next day") find the nearest earlier one, and it chooses among
candidate dates around the publication date by the clause's tense.
"""
from __future__ import annotations

import datetime

from spacy.tokens import Span

from pipeline.dates.context import NEXT, Ctx
from pipeline.dates.grammar import grammar, norm_text
from pipeline.dates.lexicon import load_lexicon
from pipeline.dates.rules import RULES
from pipeline.dates.tense import clause_tense
from pipeline.dates.values import Value


class Normalizer:
    """Normalizes the expressions of one document, left to right."""

    def __init__(self, published: datetime.date | None):
        self.dct = published
        self.lex = load_lexicon()
        self.g = grammar()
        self.history: list[tuple[int, Value]] = []   # (sentence index, resolved value) in text order
        self.story_dates: set[int] = set()   # ids of history values that tell when a story happened (story.py)

    # --- anchors
    def dct_anchor(self) -> str | None:
        return f"published:{self.dct.isoformat()}" if self.dct else None

    def unanchored(self, rule: str, type_: str = "DATE") -> Value:
        return Value(type_, None, rule=f"{rule}:unanchored")

    def previous(self, sent: int, grans: tuple[str, ...], window: int = 99) -> Value | None:
        """The nearest earlier resolved expression of one of these granularities, within window sentences."""
        for s, v in reversed(self.history):
            if sent - s > window:
                break
            if v.granularity in grans and v.start is not None:
                return v
        return None

    def latest_period(self, sent: int, window: int = 4) -> Value | None:
        """The report period last named within window sentences: a quarter, half or season, or
        a months period ("the nine months", granularity ``report_period``)."""
        for s, v in reversed(self.history):
            if sent - s > window:
                break
            if v.granularity == "report_period" or (v.granularity in ("quarter", "season") and v.start is not None):
                return v
        return None

    def pick(self, candidates: list[Value], tense: str | None, strict: bool = False) -> Value | None:
        """Choose among candidate intervals around the publication date by tense."""
        d = self.dct
        cands = [c for c in candidates if c is not None and c.start is not None]
        if not cands:
            return None
        if tense == "past":
            ok = [c for c in cands if (c.end < d if strict else c.start <= d)]
            return max(ok, key=lambda c: c.start) if ok else None
        if tense == "future":
            ok = [c for c in cands if (c.start > d if strict else c.end >= d)]
            return min(ok, key=lambda c: c.start) if ok else None

        def dist(c: Value) -> int:
            if c.start <= d <= c.end:
                return 0
            return min(abs((c.start - d).days), abs((c.end - d).days)) + (1 if c.start > d else 0)
        return min(cands, key=dist)

    def pick_relative(self, cands: list[Value], rel: str | None, tense) -> Value | None:
        """The candidate "last"/"this"/"next" names, or, with none, the one the clause's tense points to."""
        n = self.lex.relatives.get(rel or "", None)
        if n is None:
            return self.pick(cands, tense()) or self.pick(cands, None)
        if n == 0:
            return self.pick(cands, None)
        return self.pick(cands, "past" if n < 0 else "future", strict=True)

    # --- main entry
    def normalize(self, span: Span, sent: int, label: str | None, text: str | None = None) -> Value | None:
        """span's value; text, when given, is the part of span that is the expression ("June 5" of "June 5–8")."""
        label = "TIME" if label == "time" else label if label in ("DATE", "TIME", "set_per", "list_day") else None
        raw = span.text if text is None else text
        t = norm_text(raw)
        if not t:
            return None
        try:
            v = self.rules(t, span, sent, label, raw)
        except (ValueError, OverflowError, KeyError, IndexError, ZeroDivisionError):
            v = Value("DATE", None, rule="rule:error")
        if v is None:
            return None
        if (v.value is not None and v.granularity not in (None, "vague") and v.type in ("DATE", "TIME")
                and not v.rule.startswith(("rule:year_ago", "rule:quarter:year_ago", "rule:year:quarter"))):
            self.history.append((sent, v))
        elif v.type == "DURATION" and v.value and (self.g.report_period.match(t) or v.rule.endswith(":period")):
            # "the first nine months", "the year ended Aug. 31": a report period no quarter names;
            # "a year earlier" after it is the year before
            self.history.append((sent, Value("DURATION", v.value, granularity="report_period")))
        return v

    def rules(self, t: str, span: Span, sent: int, label: str | None, raw: str | None = None) -> Value | None:
        """The first rule of the table that applies to t."""
        tense_cache: dict = {}

        def tense() -> str | None:
            if "t" not in tense_cache:
                tense_cache["t"] = clause_tense(span)
            return tense_cache["t"]

        c = Ctx(t, span, sent, label, tense, span.text if raw is None else raw)
        for _name, rule in RULES:
            v = rule(self, c)
            if v is not NEXT:
                break
        else:
            return None
        if v is not None and c.weekday is not None and v.granularity == "day" and v.start is not None \
                and v.start.weekday() != c.weekday:
            v.rule += ":weekday_mismatch"   # "Wednesday, October 1" on a Thursday: the date stands, flagged
        return v
