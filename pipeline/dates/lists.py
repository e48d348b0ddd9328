"""Dates of one list or range ("February 28, March 3 and March 10, 2022", "April 24 and 25").

TimeML gives each date its own TIMEX3 and value. A bare day ("25") takes its
month and year from the sibling that states them; a year stated once, on the
last date of a list, holds for the dates before it.
"""
from __future__ import annotations

import datetime
import re

from pipeline.dates.lexicon import load_lexicon

_EXPLICIT_YEAR = ("rule:month_day_year", "rule:day_month_year", "rule:iso", "rule:numeric")
_BARE_DAY = re.compile(r"^(\d{1,2})(?:,? (\d{4}))?$")


def _linked(text: str, a: dict, b: dict) -> bool:
    """Nothing but list connectors ("," "and" "-" "to") between two expressions."""
    gap = text[a["char_end"]:b["char_start"]]
    words = gap.replace(",", " , ").split()
    return len(words) <= 2 and all(w.lower() in load_lexicon().list_connectors for w in words)


def _listable(r: dict) -> bool:
    return r["method"].startswith("rule:list_day") or (r["granularity"] == "day" and r["type"] == "DATE")


def _groups(rows: list[dict], text: str) -> list[list[dict]]:
    groups: list[list[dict]] = []
    for r in rows:
        if groups and _listable(r) and _listable(groups[-1][-1]) and _linked(text, groups[-1][-1], r):
            groups[-1].append(r)
        else:
            groups.append([r])
    return [g for g in groups if len(g) > 1]


def _set_day(r: dict, d: datetime.date, method: str, anchor: str | None) -> None:
    r.update(type="DATE", value=d.isoformat(), date_start=d, date_end=d, granularity="day", method=method, anchor=anchor)


def _join_list_year(rows: list[dict], text: str) -> list[dict]:
    """ "March 3-5, 2022" found as "March 3", "5" and "2022": the year is the last day's ("5, 2022")."""
    out: list[dict] = []
    for r in rows:
        p = out[-1] if out else None
        if p is not None and p["method"] == "rule:list_day" and r["method"] == "rule:year" \
                and re.fullmatch(r"\d{4}", r["text"]) and text[p["char_end"]:r["char_start"]] in (", ", " "):
            p.update(text=text[p["char_start"]:r["char_end"]], char_end=r["char_end"])
            continue
        out.append(r)
    return out


def resolve_lists(rows: list[dict], text: str) -> list[dict]:
    """Fill the bare days of each list from their siblings; spread a list's one stated year."""
    rows = _join_list_year(rows, text)
    for group in _groups(rows, text):
        _resolve_group(group)
    return rows


def _resolve_group(group: list[dict]) -> None:
    siblings: list[tuple[dict, dict]] = []
    dated = [r for r in group if r["value"] is not None and r["granularity"] == "day"]
    for i, r in enumerate(group):
        if not r["method"].startswith("rule:list_day"):
            continue
        m = _BARE_DAY.match(r["text"])
        before = [s for s in group[:i] if s in dated]
        after = [s for s in group[i + 1:] if s in dated]
        sib = before[-1] if before else (after[0] if after else None)
        if m is None or sib is None:
            r["method"] = "rule:list_day:unresolved"
            continue
        year = int(m.group(2)) if m.group(2) else sib["date_start"].year
        try:
            d = datetime.date(year, sib["date_start"].month, int(m.group(1)))
        except ValueError:
            r["method"] = "rule:list_day:invalid"
            continue
        _set_day(r, d, "rule:list_day", sib["value"])
        siblings.append((r, sib))
        if m.group(2):
            r["method"] = "rule:list_day:year"
    stated = [r for r in group if r["method"].startswith(_EXPLICIT_YEAR) or r["method"] == "rule:list_day:year"]
    if stated:
        last = stated[-1]["date_start"]
        for r in group:
            if not r["method"].startswith("rule:month_day:"):
                continue   # only dates whose year the tense chose take the stated one
            d = r["date_start"]
            year = last.year - (1 if (d.month, d.day) > (last.month, last.day) else 0)
            try:
                _set_day(r, d.replace(year=year), "rule:month_day:list_year", stated[-1]["value"])
            except ValueError:
                continue
    for r, sib in siblings:
        r["anchor"] = sib["value"]
