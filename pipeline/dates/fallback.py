"""dateparser, the last rule: absolute dates no rule reads, when the text names a calendar item."""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

from spacy.tokens import Span

from pipeline.dates.lexicon import load_lexicon
from pipeline.dates.values import Value, _day, _month, _week, _year


def parse(n, t: str, span: Span, label: str | None, tense) -> Value | None:
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
        data = _dp_parse(span.text, settings)
    except Exception:  # noqa: BLE001 - dateparser raises many kinds on odd input; never stop the stage
        data = None
    if data is None or data[0] is None:
        return Value("DATE", None, rule="rule:unresolved")
    d, period = data
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
