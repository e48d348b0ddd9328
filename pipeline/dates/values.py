"""Values and calendar arithmetic: a TIMEX3 value with its day interval, moved by units."""
from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from pipeline.dates.lexicon import load_lexicon


@dataclass
class Value:
    """A normalized expression."""

    type: str
    value: str | None
    start: datetime.date | None = None
    end: datetime.date | None = None
    granularity: str | None = None
    anchor: str | None = None
    rule: str = ""


def _safe_date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _day(d: datetime.date) -> Value:
    return Value("DATE", d.isoformat(), d, d, "day")


def _month(y: int, m: int) -> Value | None:
    if not (1 <= y <= 9999 and 1 <= m <= 12):
        return None
    last = calendar.monthrange(y, m)[1]
    return Value("DATE", f"{y:04d}-{m:02d}", datetime.date(y, m, 1), datetime.date(y, m, last), "month")


def _year(y: int) -> Value | None:
    if not 1 <= y <= 9999:
        return None
    return Value("DATE", f"{y:04d}", datetime.date(y, 1, 1), datetime.date(y, 12, 31), "year")


def _quarter(y: int, q: int) -> Value | None:
    if not (1 <= y <= 9999 and 1 <= q <= 4):
        return None
    start = datetime.date(y, 3 * q - 2, 1)
    end = datetime.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
    return Value("DATE", f"{y:04d}-Q{q}", start, end, "quarter")


def _half(y: int, h: int) -> Value | None:
    if not (1 <= y <= 9999 and h in (1, 2)):
        return None
    start = datetime.date(y, 1 if h == 1 else 7, 1)
    end = datetime.date(y, 6, 30) if h == 1 else datetime.date(y, 12, 31)
    return Value("DATE", f"{y:04d}-H{h}", start, end, "quarter")


def _week(d: datetime.date, weekend: bool = False) -> Value:
    iy, iw, _ = d.isocalendar()
    monday = d - datetime.timedelta(days=d.weekday())
    if weekend:
        return Value("DATE", f"{iy:04d}-W{iw:02d}-WE", monday + datetime.timedelta(days=5),
                     monday + datetime.timedelta(days=6), "week")
    return Value("DATE", f"{iy:04d}-W{iw:02d}", monday, monday + datetime.timedelta(days=6), "week")


def _season(y: int, code: str) -> Value | None:
    months = load_lexicon().season_months[code]
    if not 1 <= y <= 9998:
        return None
    start = datetime.date(y, months[0], 1)
    end_year = y + 1 if months[1] < months[0] else y
    end = datetime.date(end_year, months[1], calendar.monthrange(end_year, months[1])[1])
    return Value("DATE", f"{y:04d}-{code}", start, end, "season")


def _decade(y: int) -> Value | None:
    if not 1 <= y <= 9990:
        return None
    y = y - y % 10
    return Value("DATE", f"{y // 10:03d}", datetime.date(y, 1, 1), datetime.date(min(y + 9, 9999), 12, 31), "decade")


def _century(c0: int) -> Value | None:
    """c0 = the first two digits of the century's years (20th century -> 19)."""
    if not 0 <= c0 <= 99:
        return None
    y0 = max(1, c0 * 100)
    return Value("DATE", f"{c0:02d}", datetime.date(y0, 1, 1), datetime.date(c0 * 100 + 99, 12, 31), "decade")


def _vague(value: str) -> Value:
    return Value("DATE", value, None, None, "vague")


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + n
    return total // 12, total % 12 + 1


def _shift(v: Value, unit: str, n: int) -> Value | None:
    """v moved by n units, at v's own granularity."""
    if v.start is None:
        return None
    try:
        if v.granularity == "quarter" and v.value and "-Q" in v.value:
            y, q = int(v.value[:4]), int(v.value[-1])
            months = {"Y": 12 * n, "Q": 3 * n, "M": n}.get(unit)
            if months is None:
                return None
            y2, m2 = _add_months(y, 3 * q - 2, months)
            return _quarter(y2, (m2 - 1) // 3 + 1)
        if v.granularity == "quarter" and v.value and "-H" in v.value:
            return _half(int(v.value[:4]) + (n if unit == "Y" else 0), int(v.value[-1]))
        if v.granularity == "season" and unit == "Y":
            return _season(int(v.value[:4]) + n, v.value[5:])
        if v.granularity == "year":
            return _year(v.start.year + {"Y": n, "DE": 10 * n}.get(unit, 0))
        if v.granularity == "month":
            y2, m2 = _add_months(v.start.year, v.start.month, {"Y": 12 * n, "M": n, "Q": 3 * n}.get(unit, 0))
            return _month(y2, m2)
        if v.granularity == "week":
            return _week(v.start + datetime.timedelta(weeks=n if unit == "W" else 0) + _delta_days(v.start, unit, n))
        if v.granularity == "day":
            return _day(v.start + _delta_days(v.start, unit, n))
    except (ValueError, OverflowError):
        return None
    return None


def _delta_days(d: datetime.date, unit: str, n: int) -> datetime.timedelta:
    if unit == "D":
        return datetime.timedelta(days=n)
    if unit == "W":
        return datetime.timedelta(weeks=n)
    if unit in ("M", "Q", "Y", "DE"):
        months = {"M": 1, "Q": 3, "Y": 12, "DE": 120}[unit] * n
        y2, m2 = _add_months(d.year, d.month, months)
        return datetime.date(y2, m2, min(d.day, calendar.monthrange(y2, m2)[1])) - d
    return datetime.timedelta(0)


def _at_granularity(d: datetime.date, unit: str) -> Value | None:
    """The calendar unit holding d: its day, week, month, quarter, year or decade."""
    if unit == "D":
        return _day(d)
    if unit == "W":
        return _week(d)
    if unit == "WE":
        return _week(d, weekend=True)
    if unit == "M":
        return _month(d.year, d.month)
    if unit == "Q":
        return _quarter(d.year, (d.month - 1) // 3 + 1)
    if unit == "Y":
        return _year(d.year)
    if unit == "DE":
        return _decade(d.year)
    if unit == "CE":
        return _century(d.year // 100)
    return None


def _duration(n, unit: str) -> str:
    lex = load_lexicon()
    if n is None:
        n_s = "X"
    elif isinstance(n, float) and not n.is_integer():
        # 2.5 years -> P2Y6M, 5.5 hours -> PT5H30M
        smaller = {"Y": (12, "M"), "H": (60, "MIN"), "D": (24, "H"), "W": (7, "D"), "M": (30, "D"), "MIN": (60, "S")}
        if unit in smaller:
            f, u2 = smaller[unit]
            whole, rest = int(n), int(round((n - int(n)) * f))
            first = _duration(whole, unit) if whole else ("PT" if unit in lex.time_units else "P")
            second = _duration(rest, u2)
            if whole and (unit in lex.time_units) == (u2 in lex.time_units):
                return first + second[2 if u2 in lex.time_units else 1:]
            if not whole:
                return second
            return first + second[1:]
        n_s = str(n)
    else:
        n_s = str(int(n))
    if unit == "MIN":
        return f"PT{n_s}M"
    if unit in lex.time_units:
        return f"PT{n_s}{unit}"
    code = {"DE": "DE", "CE": "CE", "WE": "WE", "ML": "ML"}.get(unit, unit)
    if code == "DE" and n_s != "X":
        return f"P{int(n_s) * 10}Y"
    if code == "CE" and n_s != "X":
        return f"P{int(n_s) * 100}Y"
    if code == "WE":
        return f"P{2 * int(n_s)}D" if n_s != "X" else "PXWE"
    return f"P{n_s}{code}"

