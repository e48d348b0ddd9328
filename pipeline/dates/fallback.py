"""dateparser, the last rule: absolute dates no rule reads, when the text names a calendar item."""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

from spacy.tokens import Span

from pipeline.dates.lexicon import load_lexicon
from pipeline.dates.values import Value, _day, _month, _week, _year


def parse(n, t: str, raw: str, label: str | None, tense) -> Value | None:
    """dateparser for what no rule reads; only when the text names a calendar item."""
    if not re.search(r"\d", t) and not any(w in n.g.months for w in t.split()):
        if label in ("DATE", "TIME") and temporal_word(t):
            return Value("DATE" if label == "DATE" else "TIME", None, rule="rule:unresolved")
        return None
    if re.fullmatch(r"[\d.,]+", t):
        return None
    settings = {"PREFER_DATES_FROM": "future" if tense() == "future" else "past", "STRICT_PARSING": False,
                "RETURN_TIME_AS_PERIOD": True}
    if n.dct is not None:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(n.dct, datetime.time())
    try:
        data = _dp_parse(raw, settings)
    except Exception:  # noqa: BLE001 - dateparser raises many kinds on odd input; never stop the stage
        data = None
    if data is None or data[0] is None:
        return Value("DATE", None, rule="rule:unresolved")
    d, period = data
    why = rejected(t, d, period, n.dct)
    if why:
        return Value("DATE", None, rule=f"dateparser:rejected:{why}")
    if period == "year":
        v = _year(d.year)
    elif period == "month":
        v = _month(d.year, d.month)
    elif period == "week":
        v = _week(d)
    else:
        v = _day(d)
    if v is None:
        return None
    v.rule = "dateparser"
    if n.dct is not None and not re.search(r"\d{4}", t):
        v.anchor = n.dct_anchor()
    elif n.dct is None and not re.search(r"\d{4}", t):
        return n.unanchored("dateparser")
    return v


def expected_granularity(t: str) -> str | None:
    """The granularity the words of t can state: a day needs a day number or weekday, a month its name."""
    lex = load_lexicon()
    words = t.split()
    month = any(w in lex.months for w in words)
    day = any(re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", w) or w in lex.ordinals for w in words)
    if re.search(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", t) or (month and day) or any(w in lex.weekdays for w in words):
        return "day"
    if month:
        return "month"
    if re.search(r"\b\d{4}\b", t) and not day:
        return "year"
    return None


def rejected(t: str, d: datetime.date, period: str | None, dct: datetime.date | None) -> str | None:
    """Why a dateparser reading of t cannot be right, or None.

    Numbers of a range ("28-29") are never a year; a year the text does not
    state stays near the publication date; the reading's granularity must be
    the one the words can state ("November 28" is a day, not a year).
    """
    if re.search(r"\b\d{1,2} ?[-\u2013] ?\d{1,2}\b", t):
        return "range"
    want = expected_granularity(t)
    got = "day" if period in (None, "day", "time") else period
    if want is None or (got != want and not (want == "day" and got == "week")):
        return "granularity"
    stated = {int(y) for y in re.findall(r"\b(\d{4})\b", t)}
    if d.year not in stated and (dct is None or abs(d.year - dct.year) > load_lexicon().dateparser_max_years_unstated):
        return "implausible_year"
    return None


def dotted(span: Span) -> bool:
    """The span's last word is written with an abbreviation dot ("Jan.")."""
    doc = span.doc
    return span.text.endswith(".") or (span.end < len(doc) and doc[span.end].text == ".")


def temporal_word(t: str) -> bool:
    lex = load_lexicon()
    words = set(t.split())
    return bool(words & (set(lex.units) | set(lex.months) | set(lex.weekdays) | set(lex.seasons) | set(lex.parts_of_day)))


@lru_cache(maxsize=64)
def _parser(prefer: str, base: datetime.datetime | None):
    """One DateDataParser per (preference, relative base): building one costs more than parsing."""
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": prefer, "STRICT_PARSING": False, "RETURN_TIME_AS_PERIOD": True}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def _dp_parse(text: str, settings: dict) -> tuple[datetime.date | None, str | None] | None:
    if len(text) > 60:
        return None
    data = _parser(settings["PREFER_DATES_FROM"], settings.get("RELATIVE_BASE")).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period
