"""The ordered rule table of the normalizer: each rule is named once, and the order is the table.

A rule reads the normalized text ``c.t`` of one span and returns a Value, or
None to drop the span (it is not a time expression), or ``NEXT`` when the
rule does not apply and the next one should try. Earlier rules win: specific
shapes ("March 5, 1998") come before the looser ones that would also match
them, and dateparser comes last.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable

from pipeline.dates import fallback, nontimex, periods, relative
from pipeline.dates.calendar_rules import (
    decade,
    iso,
    list_day,
    month,
    month_day,
    month_day_year,
    month_relative_year,
    named_event,
    numeric,
    spoken,
    spoken_day,
    week_of,
    weekday_date,
    year,
)
from pipeline.dates.context import NEXT, Ctx, done
from pipeline.dates.grammar import number, plus_half, spoken_year
from pipeline.dates.values import Value, _at_granularity, _day, _duration, _season, _vague, _week, _year


def not_timex(n, c: Ctx):
    """Rates, fractions and idioms look temporal but are no TIMEX3 (nontimex.py)."""
    words = n.lex.not_timex
    if ((c.label == "set_per" or c.t in n.lex.sets) and nontimex.is_rate(c.span)) or nontimex.is_fraction(c.span, words) \
            or nontimex.is_idiom(c.span, words) or nontimex.is_named_march(c.span, words, n.lex.months):
        return None
    return NEXT


def apposition_day(n, c: Ctx):
    v = relative.apposition_day(n, c.span, c.t, c.sent)
    return NEXT if v is None else v


def set_per(n, c: Ctx):
    if c.label == "set_per":
        m = n.g.bare_units.match(c.t.split(" ", 1)[-1])
        if m:
            return done(Value("SET", _duration(1, n.lex.units[m.group(1)])), "rule:set:per")
    return NEXT


def vague(n, c: Ctx):
    lex, t = n.lex, c.t
    if t in lex.vague:
        doc, span = c.span.doc, c.span
        if (t in lex.discourse_markers and span[0].is_sent_start and span.end < len(doc)
                and doc[span.end].text == ","):
            return None   # "Now, he says, ...": a discourse marker, not a time
        return done(_vague(lex.vague[t]), "rule:vague")
    if t in lex.sets:
        return done(Value("SET", lex.sets[t]), "rule:set")
    if t in lex.not_dates and not (t in n.g.months and len(c.span) == 1 and c.span[0].tag_ == "NNP"):
        return None   # "may", "march" as words; "March" as a proper noun is the month
    return NEXT


def clock_time(n, c: Ctx):
    g = n.g
    m = g.time.search(c.t) or g.time_word.search(c.t)
    if m and (c.label in ("TIME", "DATE") or g.time.search(c.t)):
        return relative.clock_time(n, c.t, m, c.span, c.sent, c.tense)
    return NEXT


def sets(n, c: Ctx):
    g, lex = n.g, n.lex
    m = g.set_every.match(c.t)
    if m:
        what = m.group(2)
        if what in g.weekdays:
            return done(Value("SET", f"XXXX-WXX-{g.weekdays[what] + 1}"), "rule:set:weekday")
        if what in lex.seasons:
            return done(Value("SET", f"XXXX-{lex.seasons[what]}"), "rule:set:season")
        if what in g.months and what not in lex.units:
            return done(Value("SET", f"XXXX-{g.months[what]:02d}"), "rule:set:month")   # "each July"
        if what in lex.parts_of_day:
            return done(Value("SET", f"TXX{lex.parts_of_day[what]}"), "rule:set:part_of_day")
        k = number(m.group(1)) if m.group(1) else 1
        return done(Value("SET", _duration(k, lex.units[what])), "rule:set:every")
    m = g.set_times.match(c.t)
    if m:
        return done(Value("SET", _duration(1, lex.units[m.group(2)])), "rule:set:times")
    return NEXT


def quarters(n, c: Ctx):
    v = periods.quarters(n, c.t, c.span, c.sent, c.tense)
    return NEXT if v is None else v


def fiscal_year(n, c: Ctx):
    lex, span = n.lex, c.span
    m = n.g.fiscal_year.match(c.t)
    if not m:
        return NEXT
    if n.dct is None:
        return n.unanchored("rule:fiscal_year")
    k = lex.relatives.get(m.group(1) or "this", 0)
    if m.group(1) in ("latest",):
        k = -1
    nxt = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if nxt in lex.period_end_words and m.group(1) is None:
        return done(Value("DURATION", "P1Y"), "rule:fiscal_year:period")   # "the fiscal year ended Jan. 31"
    return done(_year(n.dct.year + k), "rule:fiscal_year", n.dct_anchor())


def year_ago(n, c: Ctx):
    if not n.g.year_ago.match(c.t):
        return NEXT
    return periods.year_ago(n, c.t, c.sent)


def deictic(n, c: Ctx):
    lex = n.lex
    m = n.g.deictic.match(c.t)
    if not m:
        return NEXT
    if n.dct is None:
        return n.unanchored("rule:deictic")
    word = m.group(2)
    if word == "this" and not m.group(3):
        return None
    d = n.dct + datetime.timedelta(days=lex.deictic_days[word])
    v = _day(d)
    pod = lex.parts_of_day.get(m.group(3) or "") or ("NI" if word == "tonight" else None)
    if pod:
        v = Value("TIME", f"{d.isoformat()}T{pod}", d, d, "day")
    return done(v, f"rule:deictic:{word.replace(' ', '_')}", n.dct_anchor())


def offset(n, c: Ctx):
    m = n.g.offset.match(c.t)
    return relative.offset(n, m, c.t, c.sent) if m else NEXT


def relative_unit(n, c: Ctx):
    """this/last/next week|month|year|season ("the next day" is anaphoric, below)."""
    g, t, span = n.g, c.t, c.span
    m = g.relative.match(t)
    if m and not (t.startswith(("the next ", "the previous ")) and g.anaphoric.match(t)):
        if (v := periods.compared_last_year(n, t, span, c.sent)) is not None:
            return v
        last = span[-1]
        if last.text[:1].isupper() and not last.is_upper and not span[0].is_sent_start and len(span) > 1:
            return None   # "ABC's This Week": a title, not a week
        return relative.relative(n, m, t, c.tense, span)
    if g.the_weekend.match(t):
        if n.dct is None:
            return n.unanchored("rule:weekend")
        d = n.dct
        cand = [_week(d - datetime.timedelta(days=7), True), _week(d, True), _week(d + datetime.timedelta(days=7), True)]
        return done(n.pick(cand, c.tense() or "past") or _week(d, True), "rule:weekend", n.dct_anchor())
    return NEXT


def duration(n, c: Ctx):
    g, lex, t = n.g, n.lex, c.t
    if t in lex.vague_durations:   # "for a while": a stretch of no stated length
        return done(Value("DURATION", lex.vague_durations[t]), "rule:duration:vague")
    m = g.duration.match(t)
    if m:
        if t.endswith(" old") and lex.units[m.group(2)] == "Y":
            return None   # an age, not a period
        k = plus_half(number(m.group(1)), t, m.end(2))
        unit = lex.units[m.group(2)]
        if m.group(1) in ("the", "recent"):
            k = 1 if m.group(2) in ("year", "month", "week", "day", "hour", "decade") else None
        return done(Value("DURATION", _duration(k, unit)), "rule:duration")
    if m := g.one_more_unit.match(t):   # "an additional year", "another week"
        return done(Value("DURATION", _duration(1, lex.units[m.group(1)])), "rule:duration:one_more")
    m = g.bare_units.match(t)
    if m and m.group(1).endswith("s") and m.group(1) not in ("days",) or (m and t in lex.plural_units + ["hours", "minutes"]):
        return done(Value("DURATION", _duration(None, lex.units[m.group(1)])), "rule:duration:vague")
    return NEXT


def weekday(n, c: Ctx):
    m = n.g.weekday.match(c.t)
    return relative.weekday(n, m, c.tense, c.span, c.sent) if m else NEXT


def season(n, c: Ctx):
    m = n.g.season_of.match(c.t)
    if m and (y := spoken_year(m.group(2))) is not None:   # "the winter of nineteen ninety-four"
        return done(_season(y, n.lex.seasons[m.group(1)]), "rule:season:year")
    m = n.g.season.match(c.t) or n.g.year_season.match(c.t)
    return relative.season(n, m, c.t, c.tense) if m else NEXT


def holiday(n, c: Ctx):
    v = relative.holiday(n, c.t, c.tense)
    return NEXT if v is None else v


def the_unit(n, c: Ctx):
    """ "the year", "the full year", "the week": the current one, or a period before "ended"."""
    m = n.g.the_unit.match(c.t)
    return periods.the_unit(n, m, c.span) if m else NEXT


def unit_edge(n, c: Ctx):
    """ "the end of the year", "year end": TimeML gives the value of the unit itself."""
    m = n.g.unit_edge.match(c.t)
    if not m:
        return NEXT
    if n.dct is None:
        return n.unanchored("rule:unit_edge")
    unit = n.lex.units[m.group(2) or m.group(3) or m.group(4)]
    return done(_at_granularity(n.dct, unit), "rule:unit_edge", n.dct_anchor())


def anaphoric(n, c: Ctx):
    """the next day, that month, the same day."""
    m = n.g.anaphoric.match(c.t)
    return relative.anaphoric(n, m, c.t, c.sent) if m else NEXT


def the_year(n, c: Ctx):
    if c.t in ("year", "the year", "this year"):
        if n.dct is None:
            return n.unanchored("rule:the_year")
        return done(_year(n.dct.year), "rule:the_year", n.dct_anchor())
    if m := n.g.bare_units.match(c.t):
        if m.group(1) in ("year", "month", "week", "day", "decade", "quarter"):
            return done(Value("DURATION", _duration(1, n.lex.units[m.group(1)])), "rule:duration:unit")
    return NEXT


def part_of_day(n, c: Ctx):
    """ "by mid-afternoon", "in the morning": that part of the day last named, else of the publication day.

    "mid-afternoon yesterday" names its day."""
    m = n.g.part_of_day.match(c.t)
    if not m:
        return NEXT
    if m.group(3) and n.dct is not None:   # "mid-afternoon yesterday"
        day = n.dct + datetime.timedelta(days=n.lex.deictic_days[m.group(3)])
        return done(Value("TIME", f"{day.isoformat()}T{n.lex.parts_of_day[m.group(2)]}", day, day, "day"),
                    "rule:part_of_day", n.dct_anchor())
    prev = n.previous(c.sent, ("day",), window=1)
    day = prev.start if prev is not None else n.dct
    if day is None:
        return n.unanchored("rule:part_of_day", "TIME")
    if m.group(2) in n.lex.night_before_words:
        day -= datetime.timedelta(days=1)   # "overnight losses in New York" before Friday's trading: Thursday night
    anchor = prev.value if prev is not None else n.dct_anchor()
    return done(Value("TIME", f"{day.isoformat()}T{n.lex.parts_of_day[m.group(2)]}", day, day, "day"),
                "rule:part_of_day", anchor)


def dateparser(n, c: Ctx):
    return fallback.parse(n, c.t, c.raw, c.label, c.tense)


RULES: tuple[tuple[str, Callable], ...] = (
    ("list_day", list_day),
    ("not_timex", not_timex),
    ("apposition_day", apposition_day),
    ("set_per", set_per),
    ("vague", vague),
    ("clock_time", clock_time),
    ("sets", sets),
    ("named_event", named_event),
    ("iso", iso),
    ("numeric", numeric),
    ("spoken_day", spoken_day),
    ("week_of", week_of),
    ("weekday_date", weekday_date),
    ("month_day_year", month_day_year),
    ("month_day", month_day),
    ("month_relative_year", month_relative_year),
    ("spoken", spoken),
    ("month", month),
    ("year", year),
    ("decade", decade),
    ("quarters", quarters),
    ("fiscal_year", fiscal_year),
    ("year_ago", year_ago),
    ("deictic", deictic),
    ("offset", offset),
    ("relative_unit", relative_unit),
    ("duration", duration),
    ("weekday", weekday),
    ("season", season),
    ("holiday", holiday),
    ("the_unit", the_unit),
    ("unit_edge", unit_edge),
    ("anaphoric", anaphoric),
    ("the_year", the_year),
    ("part_of_day", part_of_day),
    ("dateparser", dateparser),
)
