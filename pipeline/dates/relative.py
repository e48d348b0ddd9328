"""Rules anchored on the publication date or on the text: clock times, offsets, this/last/next,
weekdays, seasons, holidays and anaphoric references ("the next day").

The clause's tense picks between the past and the coming occurrence; without
a publication date a relative expression stays unresolved (``:unanchored``).
"""
from __future__ import annotations

import calendar
import datetime
import re

from dateutil.easter import easter
from spacy.tokens import Span

from pipeline.dates.grammar import norm_text, number, plus_half
from pipeline.dates.tense import sentence_tense
from pipeline.dates.values import (
    Value,
    _at_granularity,
    _day,
    _delta_days,
    _duration,
    _safe_date,
    _season,
    _shift,
    _vague,
    _week,
    _year,
)


def clock_time(n, t: str, m, span: Span, sent: int, tense) -> Value:
    lex = n.lex
    if m.re is n.g.time_word:
        hhmm = lex.time_words[m.group(1)]
    else:
        h = int(m.group(1))
        mi = int(m.group(2) or 0)
        ampm = re.sub(r"[ .]", "", m.group(3) or "")
        if ampm in ("intheafternoon", "intheevening"):
            ampm = "pm"
        if ampm == "pm" and h < 12:
            h += 12
        if ampm == "am" and h == 12:
            h = 0
        if h > 24 or mi > 59:
            return Value("TIME", None, rule="rule:time:invalid")
        hhmm = f"{h:02d}:{mi:02d}"
    rest = (t[: m.start()] + t[m.end():]).strip()
    zones = "|".join(["local time", *lex.time_zones])
    rest = re.sub(rf"\b({zones}|at|on|of|in the (morning|afternoon|evening))\b", "", rest).strip()
    day: Value | None = None
    if rest:
        day = n.rules(rest, span, sent, "DATE")
        if day is not None and day.granularity != "day":
            day = None
    if day is None:
        day = _day_after(n, span, sent)
    if day is None:
        if n.dct is None:
            return Value("TIME", None, rule="rule:time:unanchored")
        if "in the morning" in t and tense() == "future":
            d = n.dct + datetime.timedelta(days=1)
        else:
            d = n.dct
        day = _day(d)
        day.anchor = n.dct_anchor()
    d = day.start
    return Value("TIME", f"{d.isoformat()}T{hhmm}", d, d, "day", day.anchor, "rule:time")


def _day_after(n, span: Span, sent: int) -> Value | None:
    """The day named right after a clock time: "at 10:35 a.m. (0735 GMT) Friday", "at 9 p.m. on Sunday".

    A parenthetical (the time in another zone), a comma and "on" may stand between."""
    doc, i = span.doc, span.end
    if i < len(doc) and doc[i].text == "(":
        close = next((j for j in range(i + 1, min(i + 9, len(doc))) if doc[j].text == ")"), None)
        if close is None:
            return None
        i = close + 1
    while i < len(doc) and (doc[i].text == "," or doc[i].lower_ == "on"):
        i += 1
    if i >= len(doc):
        return None
    g, words = n.g, doc[i].lower_.rstrip(".")
    if words in g.weekdays or words in n.lex.deictic_days:
        end = i + 1
    elif words in g.months and i + 1 < len(doc) and doc[i + 1].like_num:
        end = i + 2
    else:
        return None
    day = n.rules(norm_text(doc[i:end].text), doc[i:end], sent, "DATE")
    return day if day is not None and day.granularity == "day" and day.start is not None else None


def offset(n, m, t: str, sent: int) -> Value | None:
    lex = n.lex
    k = plus_half(number(m.group(1)), t, m.end(2))
    unit = lex.units[m.group(2)]
    direction = lex.ago_words.get(m.group(3), -1)
    if unit in lex.time_units:
        return Value("DURATION", _duration(k, unit), rule="rule:offset:time_unit")
    if k is None or isinstance(k, float):
        val = _vague("PAST_REF" if direction < 0 else "FUTURE_REF")
        val.rule = "rule:offset:vague"
        return val
    if unit == "WE":
        unit = "W"
    anchor_v: Value | None = None
    if m.group(3) not in ("ago", "from now", "hence", "back"):
        anchor_v = n.previous(sent, ("day", "month", "year", "quarter", "week"), window=3)
    if anchor_v is not None:
        unit_gran = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "year"}.get(unit)
        base = anchor_v
        if unit_gran == "day" and base.granularity != "day":
            base = None
        if base is not None:
            v = _shift(base, unit, direction * k) if unit != "CE" else None
            if v is not None and unit in ("Y", "DE") and base.granularity not in ("quarter", "year"):
                v = _year(v.start.year)
            if v is not None:
                v.rule, v.anchor = "rule:offset:anaphoric", base.value
                return v
    if n.dct is None:
        return n.unanchored("rule:offset")
    try:
        d = n.dct + _delta_days(n.dct, unit, direction * k) if unit != "CE" else n.dct.replace(
            year=n.dct.year + direction * 100 * k)
    except (ValueError, OverflowError):
        return Value("DATE", None, rule="rule:offset:out_of_range")
    v = _at_granularity(d, {"DE": "Y", "CE": "Y"}.get(unit, unit))
    if v is None:
        return None
    v.rule, v.anchor = "rule:offset", n.dct_anchor()
    return v


def relative(n, m, t: str, tense, span: Span) -> Value | None:
    lex = n.lex
    rel, what = m.group(2), m.group(3)
    if n.dct is None:
        return n.unanchored("rule:relative")
    k = lex.relatives[rel]
    d = n.dct
    if what in lex.seasons:
        code = lex.seasons[what]
        cands = [_season(y, code) for y in (d.year - 1, d.year, d.year + 1)]
        if k == 0:
            v = _this_part(n, cands, n.pick(cands, None), tense, span)
        else:
            v = n.pick(cands, "past" if k < 0 else "future", strict=True)
        if v:
            v.rule, v.anchor = "rule:relative:season", n.dct_anchor()
        return v
    unit = lex.units.get(what)
    if unit is None:
        return None
    if what in lex.parts_of_day and k == -1 and not t.startswith("the "):   # "last night", not "the last night of"
        day = d - datetime.timedelta(days=1)
        return Value("TIME", f"{day.isoformat()}T{lex.parts_of_day[what]}", day, day, "day", n.dct_anchor(),
                     "rule:relative:last_night")
    if what in lex.plural_units and k != 0:
        if t.startswith("the "):   # "over the coming years": an unspecified stretch
            return Value("DURATION", _duration(None, unit), rule="rule:relative:plural")
        v = _vague("PAST_REF" if k < 0 else "FUTURE_REF")   # "in coming months", "in past years"
        v.rule = "rule:relative:plural"
        return v
    if unit == "WE" and k == 0:
        cands = [_week(d + datetime.timedelta(weeks=i), weekend=True) for i in (-1, 0, 1)]
        v = _this_part(n, cands, cands[1], tense, span)
    elif unit == "WE":
        v = _week(d + datetime.timedelta(weeks=k), weekend=True)
    else:
        v = _at_granularity(d + _delta_days(d, unit, k) if unit != "CE" else d, unit)
    if v is None:
        return None
    if rel == "past" and t.startswith("the past") and unit in ("W", "M", "D") or (rel in ("coming", "next") and t.startswith("the ")):
        return Value("DURATION", _duration(1, unit), rule="rule:relative:duration")
    v.rule, v.anchor = f"rule:relative:{rel}", n.dct_anchor()
    return v


def _this_part(n, cands: list[Value], current: Value | None, tense, span: Span) -> Value | None:
    """ "this weekend", "this summer": a part of the current week or year that may not have begun.

    In a past clause it is the latest one begun by the publication date ("the
    rebels marched in this weekend", written on a Wednesday: the weekend just
    gone); otherwise the current one.
    """
    if tense() == "past":
        return n.pick(cands, "past") or current
    return current


def weekday(n, m, tense, span: Span, sent: int) -> Value | None:
    lex = n.lex
    mod, wd, pod = m.group(1), n.g.weekdays[m.group(2)], m.group(3)
    step = lex.anaphoric_weekdays.get(mod or "")
    if step is not None and (prev := n.previous(sent, ("day",))) is not None:
        # "down 4.5% from the previous Friday": the one before the day last named, not before today
        back = (prev.start.weekday() - wd) % 7 or 7
        fwd = (wd - prev.start.weekday()) % 7 or 7
        day = prev.start + datetime.timedelta(days=-back if step < 0 else fwd)
        return Value("DATE", day.isoformat(), day, day, "day", prev.value, "rule:weekday:anaphoric")
    if step is not None:
        mod = "last" if step < 0 else "next"
    if n.dct is None:
        return n.unanchored("rule:weekday")
    d = n.dct
    back = (d.weekday() - wd) % 7            # days back to the last such day (0 = today)
    fwd = (wd - d.weekday()) % 7
    if mod == "last":
        day, rule = d - datetime.timedelta(days=back or 7), "rule:weekday:last"
    elif mod == "next":
        day, rule = d + datetime.timedelta(days=fwd or 7), "rule:weekday:next"
    elif mod == "this":
        tn = tense()
        day = d - datetime.timedelta(days=back) if tn == "past" else d + datetime.timedelta(days=fwd)
        rule = f"rule:weekday:this:{tn or 'future'}"
    else:
        tn = tense() or sentence_tense(span)
        doc = span.doc
        if tn is None and span.end < len(doc) and doc[span.end].lower_ == "'s":
            tn = "past"   # "a premium over Thursday's closing price": a day whose outcome is known
        if tn == "future":
            day, rule = d + datetime.timedelta(days=fwd), "rule:weekday:future"
        elif tn == "past":
            day, rule = d - datetime.timedelta(days=back), "rule:weekday:past"
        elif fwd < back:
            day, rule = d + datetime.timedelta(days=fwd), "rule:weekday:nearest"
        else:
            day, rule = d - datetime.timedelta(days=back), "rule:weekday:nearest"
    v = _day(day)
    if pod:
        v = Value("TIME", f"{day.isoformat()}T{lex.parts_of_day[pod]}", day, day, "day")
    v.rule, v.anchor = rule, n.dct_anchor()
    return v


def season(n, m, t: str, tense) -> Value | None:
    lex = n.lex
    if m.re is n.g.year_season:
        v = _season(int(m.group(1)), lex.seasons[m.group(2)])
        if v:
            v.rule = "rule:season:year"
        return v
    rel, what, yr = m.group(2), m.group(3), m.group(4)
    code = lex.seasons[what]
    if yr:
        v = _season(int(yr), code)
        if v:
            v.rule = "rule:season:year"
        return v
    if n.dct is None:
        return n.unanchored("rule:season")
    d = n.dct
    cands = [_season(y, code) for y in (d.year - 1, d.year, d.year + 1)]
    v = n.pick_relative(cands, rel, tense)
    if v:
        v.rule, v.anchor = "rule:season", n.dct_anchor()
    return v


def holiday(n, t: str, tense) -> Value | None:
    lex = n.lex
    m = n.g.holiday.match(t)
    if not m:
        return None
    rel, name, yr = m.group(1), m.group(2), m.group(3)
    week = name.endswith(" week") and name[:-5] in lex.holidays   # "Easter week": the week holding it
    name = name[:-5] if week else name
    if not (name in lex.holidays_fixed or name in lex.holidays_nth_weekday or name in lex.holidays_easter):
        return None

    def on(y: int) -> datetime.date | None:
        if not 1 <= y <= 9999:
            return None
        if name in lex.holidays_fixed:
            mo, dd = lex.holidays_fixed[name]
            return _safe_date(y, mo, dd)
        if name in lex.holidays_easter:
            return easter(y) + datetime.timedelta(days=lex.holidays_easter[name])
        mo, wd, nth, *after = lex.holidays_nth_weekday[name]   # the nth weekday of the month, and days after it
        days = [datetime.date(y, mo, dd) for dd in range(1, calendar.monthrange(y, mo)[1] + 1)
                if datetime.date(y, mo, dd).weekday() == wd]
        return (days[nth - 1] if nth > 0 else days[nth]) + datetime.timedelta(days=after[0] if after else 0)

    at = _week if week else _day
    if yr:
        d = on(int(yr))
        return _named(at(d), "rule:holiday:year", None) if d else None
    if n.dct is None:
        return n.unanchored("rule:holiday")
    cands = [at(d) for y in (n.dct.year - 1, n.dct.year, n.dct.year + 1) if (d := on(y))]
    v = n.pick_relative(cands, rel, tense)
    if v:
        v.rule, v.anchor = "rule:holiday", n.dct_anchor()
    return v


def _named(v: Value, rule: str, anchor: str | None) -> Value:
    v.rule, v.anchor = rule, anchor
    return v


def anaphoric(n, m, t: str, sent: int) -> Value | None:
    lex = n.lex
    rel, what, after = m.group(2), m.group(3), m.group(4)
    if what == "time" or (rel is None and after is None and not re.match(r"^(?:earlier |later )?(?:that|the same|same)\b", t)):
        return None   # a bare "month", "the night": no reference to resolve
    if what == "year" and rel is None and not t.removeprefix(m.group(1) or "").lstrip().startswith("that"):
        return None
    unit = {"day": "D", "morning": "D", "afternoon": "D", "evening": "D", "night": "D",
            "week": "W", "weekend": "W", "month": "M", "year": "Y", "decade": "Y"}[what]
    if what == "decade":
        return None
    gran = {"D": ("day",), "W": ("day", "week"), "M": ("day", "month"), "Y": ("day", "month", "quarter", "year")}[unit]
    prev = n.previous(sent, gran)
    shift = lex.anaphoric_relatives.get(rel or "", 0)
    if after in ("before", "earlier"):
        shift = -1
    elif after in ("after", "later"):
        shift = 1
    if prev is None:
        if t in ("the day", "day", "the week", "the month"):
            return None
        return Value("DATE", None, rule="rule:anaphoric:unanchored")
    base = _at_granularity(prev.start, unit)
    v = _shift(base, unit, shift) if shift else base
    if v is None:
        return None
    if what in ("morning", "afternoon", "evening", "night") and unit == "D":
        v = Value("TIME", f"{v.value}T{lex.parts_of_day[what]}", v.start, v.end, "day")
    v.rule, v.anchor = f"rule:anaphoric:{rel or 'same'}", prev.value
    return v


def apposition_day(n, span: Span, t: str, sent: int) -> Value | None:
    """ "May 3, the day before the talks": "the day" beside a date is that date (alone it names none)."""
    doc, s = span.doc, span.start
    if t == "the day" and s > 0 and doc[s - 1].text == "," and n.history:
        prev_sent, prev = n.history[-1]
        if prev_sent == sent and prev.granularity == "day" and prev.start is not None:
            v = _day(prev.start)
            v.rule, v.anchor = "rule:anaphoric:apposition", prev.value
            return v
    return None
