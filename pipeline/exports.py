"""The timeline for downstream tools: TimelineJS 3 JSON, CSV, JSON Lines (and the HTML page).

Every export is a pure function of the warehouse: rows in ``seq`` order, no
clock, no absolute paths, fixed float rounding, so the same warehouse gives
byte-identical files.  Each file is written beside its final name under a
hidden temporary name and moved into place, so a reader never sees half a file.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.config import DATA_DIR
from pipeline.warehouse.storage import AnyPath, as_path, write_bytes_atomic
from pipeline.warehouse.tables import WarehouseError, read_table, table_path

# format -> file name under <warehouse>/exports/
FORMATS: dict[str, str] = {
    "timelinejs": "timeline.json", "csv": "timeline.csv", "jsonl": "timeline.jsonl", "html": "timeline.html",
}
EXPORTS_DIR_NAME = "exports"
LIST_SEP = "; "
SOURCE_SEP = " | "
CONFIDENCE_DIGITS = 3

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
_SEASON_RE = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_WEEK_RE = re.compile(r"^\d{4}-W\d{2}(-WE)?$")


# --- reading -----------------------------------------------------------------

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


# --- CAMEO quad classes ------------------------------------------------------

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


# --- dates -------------------------------------------------------------------

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


def _tl_date(d: dt.date, level: str) -> dict[str, int]:
    parts = {"year": d.year}
    if level in ("month", "day"):
        parts["month"] = d.month
    if level == "day":
        parts["day"] = d.day
    return parts


# --- TimelineJS --------------------------------------------------------------

def main_actor(event: dict[str, Any]) -> str | None:
    """Who the event is about first: the acting actor, else the first actor named."""
    return event.get("source_actor") or next(iter(event.get("actors") or []), None)


def _source_html(source: dict[str, Any], urls: dict[str, str]) -> str:
    e = html.escape
    sentence = " ".join((source.get("sentence") or "").split())
    name = e(source.get("file") or source.get("article_id") or "unknown source")
    url = urls.get(source.get("article_id") or "")
    where = f'<a href="{e(url, quote=True)}">{name}</a>' if url else name
    published = source.get("published")
    when = f", published {published.isoformat()}" if published else ""
    return f"<li>“{e(sentence)}” — {where}{when}</li>"


def _slide_text(event: dict[str, Any], urls: dict[str, str]) -> str:
    e = html.escape
    q = quad_class(event.get("cameo_code"))
    who = " → ".join(a for a in (event.get("source_actor"), event.get("target_actor")) if a)
    facts = [f"{(event.get('event_type') or 'event').replace('_', ' ')} (CAMEO {event.get('cameo_code') or '?'}"
             + (f", {q.name})" if q else ")")]
    if who:
        facts.append(who)
    n = event.get("n_sources") or 0
    facts += [event.get("factuality") or "", f"{n} source" + ("" if n == 1 else "s")]
    parts = [f"<p>{e(' · '.join(f for f in facts if f))}</p>"]
    if event.get("people"):
        parts.append(f"<p>People: {e(LIST_SEP.join(event['people']))}</p>")
    if event.get("location"):
        parts.append(f"<p>Location: {e(event['location'])}</p>")
    if event.get("date_conflicts"):
        parts.append(f"<p>Other dates reported: {e(LIST_SEP.join(event['date_conflicts']))}</p>")
    parts.append("<ul>" + "".join(_source_html(s, urls) for s in event.get("sources") or []) + "</ul>")
    return "".join(parts)


def timelinejs_slide(event: dict[str, Any], urls: dict[str, str]) -> dict[str, Any]:
    """One event as a TimelineJS 3 slide, dated no more precisely than its granularity allows."""
    level = date_level(event)
    start, end = event["date_start"], event.get("date_end") or event["date_start"]
    slide: dict[str, Any] = {"start_date": _tl_date(start, level)}
    if _tl_date(end, level) != slide["start_date"]:
        slide["end_date"] = _tl_date(end, level)
    slide["display_date"] = display_date(event)
    slide["text"] = {"headline": html.escape(event.get("summary") or ""), "text": _slide_text(event, urls)}
    if actor := main_actor(event):
        slide["group"] = actor
    slide["unique_id"] = event["event_id"]
    return slide


def overview(events: list[dict[str, Any]]) -> str:
    """A subtitle naming how much the timeline holds; no clock, so it is stable."""
    events = dated(events)
    if not events:
        return "No dated events yet."
    files = {s.get("file") for ev in events for s in ev.get("sources") or []}
    first = min(ev["date_start"] for ev in events)
    last = max(ev.get("date_end") or ev["date_start"] for ev in events)
    return f"{len(events)} events from {len(files)} articles, {_fmt_day(first)} – {_fmt_day(last)}"


def timelinejs(events: list[dict[str, Any]], urls: dict[str, str] | None = None) -> dict[str, Any]:
    """The TimelineJS 3 JSON document (https://timeline.knightlab.com/docs/json-format.html)."""
    urls = urls or {}
    return {
        "title": {"text": {"headline": "Event timeline", "text": html.escape(overview(events))}},
        "events": [timelinejs_slide(ev, urls) for ev in dated(events)],
    }


# --- flat rows ---------------------------------------------------------------

def _distinct(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v))


def _confidence(value: float | None) -> float | None:
    return None if value is None else round(float(value), CONFIDENCE_DIGITS)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def jsonl_record(event: dict[str, Any], urls: dict[str, str]) -> dict[str, Any]:
    """The event with its structure kept, dates as ISO strings, plus ``display_date``, ``quad_class`` and source URLs."""
    q = quad_class(event.get("cameo_code"))
    record: dict[str, Any] = {}
    for key, value in event.items():
        if key == "sources":
            value = [{**{k: _iso(v) for k, v in s.items()}, "source_url": urls.get(s.get("article_id") or "")}
                     for s in value or []]
        elif key == "confidence":
            value = _confidence(value)
        record[key] = _iso(value)
        if key == "granularity":
            record["display_date"] = display_date(event)
        elif key == "event_type":
            record["quad_class"] = q.name if q else None
    return record


def csv_record(event: dict[str, Any], urls: dict[str, str]) -> dict[str, Any]:
    """The event as one spreadsheet row: lists joined with ``; ``, sources as ``file: sentence | file: sentence``."""
    record: dict[str, Any] = {}
    for key, value in jsonl_record(event, urls).items():
        if key == "sources":
            record[key] = SOURCE_SEP.join(f"{s.get('file')}: {' '.join((s.get('sentence') or '').split())}" for s in value)
            record["source_files"] = LIST_SEP.join(_distinct([s.get("file") for s in value]))
            record["source_urls"] = LIST_SEP.join(_distinct([s.get("source_url") for s in value]))
        elif isinstance(value, list):
            record[key] = LIST_SEP.join(str(v) for v in value)
        else:
            record[key] = "" if value is None else value
    return record


def csv_columns() -> list[str]:
    """The CSV header, fixed even for an empty timeline."""
    from pipeline.warehouse.schemas import TIMELINE

    columns: list[str] = []
    for name in TIMELINE.names:
        columns.append(name)
        if name == "granularity":
            columns.append("display_date")
        elif name == "event_type":
            columns.append("quad_class")
        elif name == "sources":
            columns += ["source_files", "source_urls"]
    return columns


# --- rendering and writing ---------------------------------------------------

def render(events: list[dict[str, Any]], fmt: str, urls: dict[str, str] | None = None) -> str:
    """The text of one export format (not ``html``, which needs the template: see ``pipeline.html``)."""
    urls = urls or {}
    if fmt == "timelinejs":
        return json.dumps(timelinejs(events, urls), ensure_ascii=False, indent=1) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(jsonl_record(ev, urls), ensure_ascii=False) + "\n" for ev in events)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=csv_columns(), lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_record(ev, urls) for ev in events)
        return buf.getvalue()
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_text_atomic(text: str, path: AnyPath | str) -> AnyPath:
    """Write ``path`` so that a reader sees the old file or the whole new one, never a part."""
    return write_bytes_atomic(as_path(path), text.encode("utf-8"))


def export(warehouse: Path, fmt: str, out: Path) -> Path:
    """Write the timeline of ``warehouse`` as ``fmt`` (timelinejs, csv, jsonl or html) to ``out``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "html":
        from pipeline.html import render_html

        return render_html(warehouse, out)
    events = load_events(warehouse)
    return write_text_atomic(render(events, fmt, source_urls(warehouse)), out)


def write_exports(warehouse: Path) -> list[Path]:
    """Refresh every export under ``<warehouse>/exports/`` so people and tools find them next to the tables."""
    warehouse = as_path(warehouse)
    events, urls = load_events(warehouse), source_urls(warehouse)
    directory = warehouse / EXPORTS_DIR_NAME
    written = [write_text_atomic(render(events, fmt, urls), directory / FORMATS[fmt]) for fmt in ("timelinejs", "csv", "jsonl")]
    from pipeline.html import render_events_html

    written.append(write_text_atomic(render_events_html(events, urls), directory / FORMATS["html"]))
    return written
