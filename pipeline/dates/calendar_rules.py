"""Rules for expressions that name a calendar item: full and numeric dates, month-days, months,
years, decades and centuries, and past events named by their date ("9/11").

Where the year is left out ("on March 5", "in December"), the clause's tense
chooses between the past and the coming one, the publication date anchoring it.
"""
from __future__ import annotations

import datetime
import re

from spacy.tokens import Span

from pipeline.dates import fallback, story
from pipeline.dates.context import NEXT, Ctx, done, exact
from pipeline.dates.grammar import spoken_year
from pipeline.dates.lexicon import load_lexicon
from pipeline.dates.tense import phrase_tense
from pipeline.dates.values import Value, _century, _day, _decade, _month, _quarter, _safe_date, _week, _year


def named_event(n, c: Ctx):
    """ "9/11": a past event named by its date resolves to that date, never to the article's year."""
    when = n.lex.named_events.get(c.t)
    if when is None:
        return NEXT
    return done(_day(datetime.date.fromisoformat(when)), "rule:named_event")


def iso(n, c: Ctx):
    m = n.g.iso.match(c.t)
    if not m:
        return NEXT
    return exact(_safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "rule:iso")


def numeric(n, c: Ctx):
    m = n.g.numeric.match(c.t)
    if not m:
        return NEXT
    y = int(m.group(3))
    y = y + (1900 if y >= 30 else 2000) if y < 100 else y
    a, b = int(m.group(1)), int(m.group(2))
    if a > 12 >= b:
        return exact(_safe_date(y, b, a), "rule:numeric:day_first")   # "24/02/2022" can only be day/month
    return exact(_safe_date(y, a, b), "rule:numeric")


def spoken_day(n, c: Ctx):
    """ "March eighth", "Sunday, March the twenty-first" as spoken on air: the day in digits, for the rules below."""
    m = n.g.spoken_day.match(c.t)
    if m:
        day = n.lex.spoken_tens.get(m.group(2) or "", 0) + n.lex.ordinals[m.group(3)]
        c.t = f"{m.group(1)} {day}{m.group(4)}"
    return NEXT


def week_of(n, c: Ctx):
    """ "the week of March 6": the calendar week holding that day."""
    m = n.g.week_of.match(c.t)
    if not m:
        return NEXT
    day = n.rules(m.group(1), c.span, c.sent, "DATE")
    if day is None or day.granularity != "day" or day.start is None:
        return NEXT
    return done(_week(day.start), "rule:week_of", day.anchor)


def weekday_date(n, c: Ctx):
    """ "Wednesday, March 5": the date alone decides; the weekday is dropped from the text."""
    m = n.g.weekday_date.match(c.t)
    if m:
        c.t = f"{m.group(2)} {m.group(3)}" + (f" {m.group(4)}" if m.group(4) else "")
        c.weekday = n.g.weekdays[m.group(1)]
    return NEXT


def list_day(n, c: Ctx):
    """A bare day of a list or range ("April 24 and 25"): pending; its siblings give month and year (lists.py)."""
    return Value("DATE", None, rule="rule:list_day") if c.label == "list_day" else NEXT


def month_day_year(n, c: Ctx):
    g = n.g
    m = g.m_d_y.match(c.t)
    if m:
        v = exact(_safe_date(int(m.group(4)), g.months[m.group(2)], int(m.group(3))), "rule:month_day_year")
    elif m := g.d_m_y.match(c.t):
        v = exact(_safe_date(int(m.group(3)), g.months[m.group(2)], int(m.group(1))), "rule:day_month_year")
    elif m := g.m_y.match(c.t):
        v = done(_month(int(m.group(3)), g.months[m.group(2)]), "rule:month_year")
    else:
        return NEXT
    if v.start is not None:
        story.note(n, c.span, v)
    return v


def month_day(n, c: Ctx):
    g, lex, t = n.g, n.lex, c.t
    m = g.m_d.match(t) or g.d_m.match(t)
    if not m:
        return NEXT
    if g.m_d.match(t):
        mon, day, mod = g.months[m.group(2)], int(m.group(3)), m.group(1)
    else:
        mon, day, mod = g.months[m.group(2)], int(m.group(1)), None
    if not 1 <= day <= 31 or _safe_date(2000, mon, day) is None:
        return done(Value("DATE", None), "rule:month_day:invalid")
    if n.dct is None:
        return n.unanchored("rule:month_day")
    cands = [_day(d) for y in (n.dct.year - 1, n.dct.year, n.dct.year + 1) if (d := _safe_date(y, mon, day))]
    tn = {"last": "past", "next": "future"}.get(mod or "", c.tense())
    v = n.pick(cands, tn)
    near = n.pick(cands, None)
    if v is not None and near is not None and mod is None and v is not near and _end_point(c.span) \
            and abs((v.start - n.dct).days) > lex.month_day_max_tense_days \
            and abs((near.start - n.dct).days) <= lex.month_day_near_days:
        v, tn = near, "deadline"   # "was extended to Nov. 16" in a past clause is not last November
    if mod is None and (told := story.in_story_year(n, c.span, c.sent, c.tense, lambda y: _day(d) if (d := _safe_date(y, mon, day)) else None)):
        return done(told, "rule:month_day:story_year", told.anchor)
    return done(v or near, f"rule:month_day:{tn or 'nearest'}", n.dct_anchor())


def _ends_by_preposition(span: Span) -> bool:
    """The date is the object of "to", "until", "through": it ends or limits something."""
    return span.root.dep_ == "pobj" and span.root.head.lower_ in load_lexicon().end_prepositions


def _end_point(span: Span) -> bool:
    """The date ends or limits something ("extended to", "expires", "the deadline"): a past verb may point ahead."""
    lex = load_lexicon()
    if _ends_by_preposition(span):
        return True
    try:
        words = span.sent
    except ValueError:
        words = span.doc[:]
    return any(tok.lemma_.lower() in lex.deadline_lemmas for tok in words)


def month_relative_year(n, c: Ctx):
    m = n.g.m_rel_year.match(c.t)
    if not m:
        return NEXT
    if n.dct is None:
        return n.unanchored("rule:month_relative_year")
    y = n.dct.year + n.lex.relatives[m.group(3)]
    return done(_month(y, n.g.months[m.group(2)]), "rule:month_relative_year", n.dct_anchor())


def spoken(n, c: Ctx):
    g = n.g
    m = g.month_spoken_year.match(c.t)
    if m and (y := spoken_year(m.group(2))):
        return done(_month(y, g.months[m.group(1)]), "rule:month_year:spoken")
    if (y := spoken_year(c.t)) is not None:
        return done(_year(y), "rule:year:spoken")
    m = g.decade_word.match(c.t)
    if m:
        return done(_decade(1900 + n.lex.decade_words[m.group(2)]), "rule:decade:words")
    return NEXT


def month(n, c: Ctx):
    g, span = n.g, c.span
    m = g.m.match(c.t)
    if m and m.group(1) is None and m.group(2) in g.month_abbrevs and not fallback.dotted(span):
        return None   # a bare "Jan" is a name (Jan Kavan); the month is "January" or "Jan."
    if not m or (m.group(2) in n.lex.grammar["month_verbs"] and span.text[:1].islower() and m.group(1) is None):
        return NEXT   # "may" and "march" in lower case are verbs
    mon, mod = g.months[m.group(2)], m.group(1)
    if n.dct is None:
        return n.unanchored("rule:month")
    cands = [_month(y, mon) for y in (n.dct.year - 1, n.dct.year, n.dct.year + 1)]
    if mod in ("this", "earlier this", "later this"):
        return done(_month(n.dct.year, mon), "rule:month:this", n.dct_anchor())
    tn = {"last": "past", "next": "future"}.get(mod or "", c.tense() or phrase_tense(c.span))
    strict = mod in ("last", "next")
    v, near = n.pick(cands, tn, strict), n.pick(cands, None)
    if v is not None and near is not None and mod is None and v is not near and _ends_by_preposition(span) \
            and abs((v.start - n.dct).days) > n.lex.month_day_max_tense_days \
            and abs((near.start - n.dct).days) <= n.lex.month_near_days:
        v, tn = near, "deadline"   # "has extended the loans through January", written in October
    if mod is None and (told := story.in_story_year(n, c.span, c.sent, c.tense, lambda y: _month(y, mon))):
        return done(told, "rule:month:story_year", told.anchor)
    return done(v or near, f"rule:month:{tn or 'nearest'}", n.dct_anchor())


def year(n, c: Ctx):
    g, t = n.g, c.t
    m = g.year.match(t) or g.year_or_later.match(t) or g.mid_year.match(t)
    if not m:
        return NEXT
    y = int(m.groups()[-1])
    if m.groups()[-1].startswith("0"):
        return None   # "0735 GMT" is a clock time, not a year
    if re.fullmatch(r"(?:the )?\d{4} (?:quarter|period)", t) and 1000 <= y <= 2100:
        # "the 1988 quarter" in an earnings report: the quarter under discussion, in that year
        prev = n.latest_period(c.sent)
        if prev is not None and prev.value and "-Q" in prev.value:
            return done(_quarter(y, int(prev.value[-1])), "rule:year:quarter", prev.value)
    if 1000 <= y <= 2100 or c.label == "DATE":
        return done(_year(y), "rule:year")
    return None


def decade(n, c: Ctx):
    g = n.g
    m = g.decade.match(c.t)
    if m:
        raw = m.group(2).strip("'")
        y = int(raw)
        if y < 100:
            y += 1900 if not n.dct or y + 1900 <= n.dct.year else 1800
            if len(raw) == 2 and y % 10:
                return None
        if y % 10 and y >= 100:
            return None
        return done(_decade(y), "rule:decade")
    m = g.century.match(c.t)
    if m:
        return done(_century(int(m.group(2)) - 1), "rule:century")
    m = g.rel_century.match(c.t)
    if m:
        if n.dct is None:
            return n.unanchored("rule:century")
        return done(_century(n.dct.year // 100 + n.lex.relatives[m.group(1)]), "rule:century:relative", n.dct_anchor())
    return NEXT
