"""What every output shares: reading the timeline, CAMEO quad classes, and dates as people read them.

Every export is a pure function of the warehouse: rows in ``seq`` order, no
clock, no absolute paths, fixed float rounding, so the same warehouse gives
byte-identical files.  Each file is written beside its final name under a
hidden temporary name and moved into place, so a reader never sees half a file.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.config import DATA_DIR
from pipeline.warehouse.storage import AnyPath, as_path, write_bytes_atomic
from pipeline.warehouse.tables import WarehouseError, read_table, table_path


EXPORTS_DIR_NAME = "exports"
LIST_SEP = "; "
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
_SEASON_RE = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_WEEK_RE = re.compile(r"^\d{4}-W\d{2}(-WE)?$")


def load_events(warehouse: Path) -> list[dict[str, Any]]:
    """The timeline's rows in ``seq`` order; a warehouse without a timeline is an error, an empty one is not."""
    warehouse = as_path(warehouse)
    if not table_path(warehouse, "timeline").is_dir():
        raise WarehouseError(f"no timeline in {warehouse}; run `make run` first or pass --warehouse")
    return read_table(warehouse, "timeline").sort_by("seq").to_pylist()


def source_urls(warehouse: Path) -> dict[str, str]:
    """article_id -> its http(s) source URL; only the two columns are read, never the bodies."""
    urls: dict[str, str] = {}
    for row in read_table(warehouse, "articles", columns=["article_id", "source_url"]).to_pylist():
        url = (row["source_url"] or "").strip()
        if row["article_id"] and safe_url(url):
            urls.setdefault(row["article_id"], url)
    return urls


def dated(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events a date axis can place (the contract keeps undated ones out of the timeline; this guards the axis)."""
    return [ev for ev in events if ev.get("date_start") is not None]


def safe_url(url: str | None) -> bool:
    """Only plain web links become links: a ``javascript:`` URL in a manifest must not run in a reader's browser."""
    return bool(url) and url.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class QuadClass:
    quad_class: int
    name: str
    first_root: int
    last_root: int
    colour: str


@lru_cache(maxsize=1)
def quad_classes() -> tuple[QuadClass, ...]:
    with open(DATA_DIR / "exports" / "quad_classes.csv", newline="", encoding="utf-8") as fh:
        return tuple(QuadClass(int(r["quad_class"]), r["name"], int(r["first_root"]), int(r["last_root"]), r["colour"])
                     for r in csv.DictReader(fh))


def quad_class(cameo_code: str | None) -> QuadClass | None:
    """The quad class of a CAMEO code, from its two-digit root; None when the code has no known root."""
    root = (cameo_code or "")[:2]
    if not root.isdigit():
        return None
    return next((q for q in quad_classes() if q.first_root <= int(root) <= q.last_root), None)


def _month_start(d: dt.date) -> bool:
    return d.day == 1


def _month_end(d: dt.date) -> bool:
    return (d + dt.timedelta(days=1)).day == 1


def _fmt_day(d: dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def format_range(start: dt.date, end: dt.date) -> str:
    """An interval as a person writes it: ``19 Aug 2021``, ``Aug 2021``, ``2021``, ``Aug–Oct 2021``, ``21–22 Aug 2021``."""
    if end < start:
        start, end = end, start
    if start == end:
        return _fmt_day(start)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if _month_start(start) and _month_end(end):
        if (start.year, start.month) == (end.year, end.month):
            return f"{_MONTHS[start.month - 1]} {start.year}"
        if start.year == end.year:
            return f"{_MONTHS[start.month - 1]}–{_MONTHS[end.month - 1]} {start.year}"
        return f"{_MONTHS[start.month - 1]} {start.year} – {_MONTHS[end.month - 1]} {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {_MONTHS[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {_fmt_day(end)}"
    return f"{_fmt_day(start)} – {_fmt_day(end)}"


def display_date(event: dict[str, Any]) -> str:
    """The event's date as readable text, naming the unit its granularity gives (``Q3 2021``, ``summer 2021``, ``2020s``)."""
    start, end = event.get("date_start"), event.get("date_end") or event.get("date_start")
    if start is None:
        return "undated"
    granularity, value = event.get("granularity") or "", event.get("date_value") or ""
    if granularity == "decade" and start.year % 10 == 0 and end.year == start.year + 9:
        return f"{start.year}s"
    if granularity == "quarter" and (m := _QUARTER_RE.match(value)):
        return f"Q{m.group(2)} {m.group(1)}"
    if granularity == "season" and (m := _SEASON_RE.match(value)):
        return f"{_SEASONS[m.group(2)]} {m.group(1)}"
    text = format_range(start, end)
    if granularity == "week" and _WEEK_RE.match(value):
        return f"weekend of {text}" if value.endswith("-WE") else f"week of {text}"
    if granularity == "vague":
        return f"around {text}"
    return text


def date_level(event: dict[str, Any]) -> str:
    """How precisely the dates may be written (``day``, ``month``, ``year``): no more than the granularity supports."""
    start, end = event["date_start"], event.get("date_end") or event["date_start"]
    granularity = event.get("granularity") or ""
    fixed = {"day": "day", "week": "day", "month": "month", "year": "year", "decade": "year"}
    if granularity in fixed:
        return fixed[granularity]
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return "year" if granularity not in ("quarter", "season") else "month"
    if _month_start(start) and _month_end(end):
        return "month"
    return "day"


def main_actor(event: dict[str, Any]) -> str | None:
    """Who the event is about first: the acting actor, else the first actor named."""
    return event.get("source_actor") or next(iter(event.get("actors") or []), None)


def overview(events: list[dict[str, Any]]) -> str:
    """A subtitle naming how much the timeline holds; no clock, so it is stable."""
    events = dated(events)
    if not events:
        return "No dated events yet."
    files = {s.get("file") for ev in events for s in ev.get("sources") or []}
    first = min(ev["date_start"] for ev in events)
    last = max(ev.get("date_end") or ev["date_start"] for ev in events)
    return f"{len(events)} events from {len(files)} articles, {_fmt_day(first)} – {_fmt_day(last)}"


def write_text_atomic(text: str, path: AnyPath | str) -> AnyPath:
    """Write ``path`` so that a reader sees the old file or the whole new one, never a part."""
    return write_bytes_atomic(as_path(path), text.encode("utf-8"))
