"""The timeline as flat records: JSON Lines keeps the structure, CSV joins lists for spreadsheets."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.outputs.common import LIST_SEP, display_date, quad_class
from pipeline.warehouse.schemas import TIMELINE


SOURCE_SEP = " | "
CONFIDENCE_DIGITS = 3


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
