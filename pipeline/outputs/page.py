"""The timeline as one self-contained HTML page people can open and click through.

The page is ``templates/timeline.html`` with the events embedded as JSON: its
inline script draws them on a date axis, so it opens from a file with no
network.  Text reaches the page only as JSON inside a ``<script
type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the
script puts it in the DOM as text, never as markup: an article cannot inject
HTML or script.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

from pipeline.outputs.common import (
    dated,
    display_date,
    load_events,
    main_actor,
    overview,
    quad_class,
    quad_classes,
    safe_url,
    source_urls,
    write_text_atomic,
)

TEMPLATE = Path(__file__).resolve().parent / "templates" / "timeline.html"
PAGE_TITLE = "Event timeline"
_PLACEHOLDER = re.compile(r"__EVENTLINE_(TITLE|DATA|SCRIPT_HASH)__")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_NOT_HAPPENED = ("negated", "future", "hypothetical")


def script_json(value: Any) -> str:
    """JSON that cannot close its ``<script>`` element or open a comment, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page_event(event: dict[str, Any], urls: dict[str, str]) -> dict[str, Any]:
    q = quad_class(event.get("cameo_code"))
    end = event.get("date_end") or event["date_start"]
    confidence = event.get("confidence")
    return {
        "seq": event["seq"],
        "id": event["event_id"],
        "start": event["date_start"].isoformat(),
        "end": end.isoformat(),
        "value": event.get("date_value"),
        "granularity": event.get("granularity"),
        "date": display_date(event),
        "code": event.get("cameo_code"),
        "type": (event.get("event_type") or "").replace("_", " "),
        "quad": q.quad_class if q else None,
        "main": main_actor(event),
        "source": event.get("source_actor"),
        "target": event.get("target_actor"),
        "actors": event.get("actors") or [],
        "people": event.get("people") or [],
        "location": event.get("location"),
        "summary": event.get("summary") or "",
        "factuality": event.get("factuality"),
        "happened": (event.get("factuality") or "") not in _NOT_HAPPENED,
        "confidence": None if confidence is None else round(float(confidence), 3),
        "n_sources": event.get("n_sources"),
        "conflicts": event.get("date_conflicts") or [],
        "sources": [
            {
                "file": s.get("file"),
                "url": url if safe_url(url := urls.get(s.get("article_id") or "")) else None,
                "sentence": " ".join((s.get("sentence") or "").split()),
                "date_text": s.get("date_text"),
                "published": s["published"].isoformat() if s.get("published") else None,
            }
            for s in event.get("sources") or []
        ],
    }


def page_data(events: list[dict[str, Any]], urls: dict[str, str]) -> dict[str, Any]:
    """Everything the page's script needs, in ``seq`` order."""
    return {
        "title": PAGE_TITLE,
        "overview": overview(events),
        "classes": [{"id": q.quad_class, "name": q.name, "colour": q.colour} for q in quad_classes()],
        "events": [_page_event(ev, urls) for ev in sorted(dated(events), key=lambda ev: ev["seq"])],
    }


def script_hash(template: str) -> str:
    """The CSP source allowing only the template's own script: even markup slipped into the page could not run."""
    (code,) = _INLINE_SCRIPT.findall(template)
    return "sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")


def render_events_html(events: list[dict[str, Any]], urls: dict[str, str] | None = None) -> str:
    """The page's text for these events (rows of the timeline table, as read from the warehouse)."""
    template = TEMPLATE.read_text(encoding="utf-8")
    values = {"TITLE": html.escape(PAGE_TITLE), "DATA": script_json(page_data(events, urls or {})),
              "SCRIPT_HASH": script_hash(template)}
    # One pass: text put in is never scanned for placeholders again.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def render_html(warehouse: Path, out: Path) -> Path:
    """Write the timeline page of ``warehouse`` to ``out`` atomically."""
    events = load_events(warehouse)
    return write_text_atomic(render_events_html(events, source_urls(warehouse)), out)
