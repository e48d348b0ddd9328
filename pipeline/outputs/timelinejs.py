"""The timeline as a Knight Lab TimelineJS 3 document."""
from __future__ import annotations

import datetime as dt
import html
from typing import Any

from pipeline.outputs.common import LIST_SEP, date_level, dated, display_date, main_actor, overview, quad_class


def _tl_date(d: dt.date, level: str) -> dict[str, int]:
    parts = {"year": d.year}
    if level in ("month", "day"):
        parts["month"] = d.month
    if level == "day":
        parts["day"] = d.day
    return parts


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


def timelinejs(events: list[dict[str, Any]], urls: dict[str, str] | None = None) -> dict[str, Any]:
    """The TimelineJS 3 JSON document (https://timeline.knightlab.com/docs/json-format.html)."""
    urls = urls or {}
    return {
        "title": {"text": {"headline": "Event timeline", "text": html.escape(overview(events))}},
        "events": [timelinejs_slide(ev, urls) for ev in dated(events)],
    }
