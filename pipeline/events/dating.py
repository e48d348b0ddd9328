"""Dates of mentions: the timex ``attachment`` gives the trigger's clause; then dates that
need another clause or mention ("20 years after the invasion", "12 hours before the troops
left at 3:29 p.m.", "the invasion" told again); then dates from context (``narrative``).
"""
from __future__ import annotations

import calendar
import datetime
import re

from spacy.tokens import Token

from pipeline.events.attachment import (
    clause_timex,
    event_clause,
    linked_clauses,
)
from pipeline.events.context import Article, Timex, Trigger
from pipeline.events.lexicon import load_lexicon
from pipeline.events.narrative import date_from_context
from pipeline.events.syntax import clause_head, lemma_of, preps

DATE_FIELDS = ("date_start", "date_end", "date_value", "granularity", "date_method")
# unit codes of the date stage's lexicon, by what they shift
_YEARS_PER_UNIT = {"Y": 1, "DE": 10}
_DAYS_PER_UNIT = {"D": 1, "W": 7}
_CLOCK_UNITS = {"H": datetime.timedelta(hours=1), "MIN": datetime.timedelta(minutes=1)}


def _dates_words() -> dict:
    """The date stage's word lists (duration units, number words): one place for both stages."""
    from pipeline.dates import load_lexicon

    return load_lexicon().raw


def apply_date(row: dict, tx: Timex | None, published, how: str) -> None:
    if tx is not None:
        r = tx.row
        row.update(date_start=r.get("date_start"), date_end=r.get("date_end") or r.get("date_start"),
                   date_value=r.get("value"), granularity=r.get("granularity"), date_method="timex")
        row["sources"][0]["date_text"] = r.get("text")
    elif how == "publication" and published is not None:
        row.update(date_start=published, date_end=published, date_value=published.isoformat(),
                   granularity="day", date_method="publication")


def _duration_before(ctx: Article, prep: Token, *holders: Token) -> tuple[int, str] | None:
    """(amount, unit) of "20 years" in "20 years after ...", on the preposition or mark, or on a
    clause it links ("a day after Russia hosted": the parser may hang the duration on either verb)."""
    words = _dates_words()
    cands = list(prep.children) + [c for h in holders for c in h.children if c.i < prep.i]
    for c in sorted(cands, key=lambda c: -c.i):
        if c.dep_ in ("npadvmod", "nmod", "advmod") and lemma_of(c) in words["units"]:
            unit = words["units"][lemma_of(c)]
            nums = [n for n in c.children if n.dep_ in ("nummod", "det", "quantmod")]
            if not nums:
                return None
            w = nums[0].lower_
            amount = int(w) if w.isdigit() else words["numbers"].get(w)
            if not isinstance(amount, int):
                return None
            return amount, unit
    return None


def _time_of(value: str | None) -> datetime.time | None:
    """The clock time of a TIMEX3 value such as 2021-08-30T15:29, if it has one."""
    m = re.search(r"T(\d{2}):(\d{2})", value or "")
    return datetime.time(int(m.group(1)), int(m.group(2))) if m else None


def _day(d: datetime.date) -> dict:
    return {"date_start": d, "date_end": d, "date_value": d.isoformat(), "granularity": "day"}


def _shift(row: dict, amount: int, unit: str, sign: int) -> dict | None:
    """A dated row moved by a duration; the result is no finer than the date and the unit allow."""
    start, gran = row.get("date_start"), row.get("granularity")
    if start is None:
        return None
    n = amount * sign
    out = None
    if unit in _YEARS_PER_UNIT and gran in ("year", "month", "day"):
        year = start.year + n * _YEARS_PER_UNIT[unit]
        out = {"date_start": datetime.date(year, 1, 1), "date_end": datetime.date(year, 12, 31),
                   "date_value": f"{year:04d}", "granularity": "year"}
    elif unit == "M" and gran in ("month", "day"):
        y, m = divmod(start.year * 12 + start.month - 1 + n, 12)
        last = calendar.monthrange(y, m + 1)[1]
        out = {"date_start": datetime.date(y, m + 1, 1), "date_end": datetime.date(y, m + 1, last),
                   "date_value": f"{y:04d}-{m + 1:02d}", "granularity": "month"}
    elif unit in _DAYS_PER_UNIT and gran == "day":
        out = _day(start + datetime.timedelta(days=n * _DAYS_PER_UNIT[unit]))
    elif unit in _CLOCK_UNITS and _time_of(row.get("date_value")) is not None:
        moment = datetime.datetime.combine(start, _time_of(row.get("date_value"))) + n * _CLOCK_UNITS[unit]
        out = _day(moment.date())
    if out is not None:
        out["date_method"] = "relative"
    return out


def date_from_other_mentions(ctx: Article) -> None:
    """Dates that need another clause or mention: "20 years after the invasion", "12 hours before
    the troops left at 3:29 p.m.", "the invasion" told again."""
    ordered = [ctx.triggers[i] for i in sorted(ctx.triggers) if ctx.triggers[i].mention is not None]
    for trig in ordered:
        row = trig.mention
        if row["date_start"] is not None:
            continue
        found = _relative_to_event(ctx, ordered, trig) or _relative_to_clause(ctx, trig)
        if found is not None:
            shifted, text = found
            row.update(shifted)
            row["sources"][0]["date_text"] = text
            row["confidence"] = round(max(0.05, row["confidence"] - 0.1), 3)
            continue
        if trig.pos != "nominal":
            continue
        # a definite nominal event refers back to the same event, told earlier with the same participants
        if any(c.dep_ == "det" and c.lower_ == "the" for c in trig.tok.children):
            anchor = _antecedent(ordered, trig, before=trig.tok.sent.start, participants=_participants(row))
            if anchor is not None:
                m = anchor.mention
                row.update({k: m[k] for k in DATE_FIELDS})
                row["date_method"] = "coreference"
                row["sources"][0]["date_text"] = m["sources"][0]["date_text"]
                row["confidence"] = round(max(0.05, row["confidence"] - 0.15), 3)
    date_from_context(ctx)


def _relative_to_event(ctx: Article, ordered: list[Trigger], trig: Trigger) -> tuple[dict, str] | None:
    """"20 years after the invasion": a duration from an event told earlier."""
    rel = load_lexicon().words["relative_anchor_preps"]
    clause = trig.tok if trig.pos == "verbal" else clause_head(trig.tok)
    for h in [clause] + linked_clauses(clause):
        for p, pobj in preps(h):
            if pobj is None or p.lower_ not in rel or pobj.i not in ctx.triggers:
                continue
            dur = _duration_before(ctx, p)
            anchor = _antecedent(ordered, ctx.triggers[pobj.i], before=pobj.sent.start) if dur else None
            shifted = _shift(anchor.mention, dur[0], dur[1], rel[p.lower_]) if anchor else None
            if shifted:
                return shifted, ctx.doc[p.left_edge.i: pobj.right_edge.i + 1].text
    return None


def _relative_to_clause(ctx: Article, trig: Trigger) -> tuple[dict, str] | None:
    """A duration from a dated clause the sentence ties to this one with 'before' or 'after':
    "evacuated 12 hours before the troops left at 3:29 p.m." (the other clause is subordinate),
    "met on May 6, two days after the rebels seized the town" (this one is)."""
    rel = load_lexicon().words["relative_anchor_preps"]
    clause = event_clause(trig)
    if clause is None:
        return None
    pairs = [(c, c, 1) for c in clause.children if c.dep_ == "advcl"]     # (subordinate, anchor, direction)
    if clause.dep_ == "advcl":
        pairs.append((clause, clause.head, -1))
    for sub, anchor, direction in pairs:
        marks = [m for m in sub.children if m.dep_ == "mark" and m.lower_ in rel]
        if not marks:
            continue
        dur = _duration_before(ctx, marks[0], sub, sub.head)
        tx, _how = clause_timex(ctx, anchor) if dur else (None, "")
        if tx is None:
            continue
        shifted = _shift(tx.row | {"date_value": tx.row.get("value")}, dur[0], dur[1], direction * rel[marks[0].lower_])
        if shifted:
            return shifted, tx.row.get("text")
    return None


def _antecedent(ordered: list[Trigger], trig: Trigger, before: int, participants: set | None = None) -> Trigger | None:
    """The latest earlier dated mention with the same CAMEO code as trig (and, when given, a participant in common)."""
    code = trig.rule["code"]
    best = None
    for other in ordered:
        if other.tok.i >= before:
            break
        m = other.mention
        if other.rule["code"] != code or m is None or m["date_start"] is None:
            continue
        if participants is None or participants & _participants(m):
            best = other
    return best


def _participants(row: dict) -> set[str]:
    return set(row["actors"] or ()) | set(row["people"] or ())
