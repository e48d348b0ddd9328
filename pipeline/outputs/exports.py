"""Writing the exports: one file per format, beside the tables or where the user asks."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from pipeline.outputs.common import EXPORTS_DIR_NAME, load_events, source_urls, write_text_atomic
from pipeline.outputs.flat import csv_columns, csv_record, jsonl_record
from pipeline.outputs.page import render_events_html, render_html
from pipeline.outputs.timelinejs import timelinejs
from pipeline.warehouse.storage import as_path


# format -> file name under <warehouse>/exports/
FORMATS: dict[str, str] = {
    "timelinejs": "timeline.json", "csv": "timeline.csv", "jsonl": "timeline.jsonl", "html": "timeline.html",
}


def render(events: list[dict[str, Any]], fmt: str, urls: dict[str, str] | None = None) -> str:
    """The text of one export format (not ``html``, which needs the template: see ``pipeline.outputs.page``)."""
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


def export(warehouse: Path, fmt: str, out: Path) -> Path:
    """Write the timeline of ``warehouse`` as ``fmt`` (timelinejs, csv, jsonl or html) to ``out``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "html":
        return render_html(warehouse, out)
    events = load_events(warehouse)
    return write_text_atomic(render(events, fmt, source_urls(warehouse)), out)


def write_exports(warehouse: Path) -> list[Path]:
    """Refresh every export under ``<warehouse>/exports/`` so people and tools find them next to the tables."""
    warehouse = as_path(warehouse)
    events, urls = load_events(warehouse), source_urls(warehouse)
    directory = warehouse / EXPORTS_DIR_NAME
    written = [write_text_atomic(render(events, fmt, urls), directory / FORMATS[fmt]) for fmt in ("timelinejs", "csv", "jsonl")]
    written.append(write_text_atomic(render_events_html(events, urls), directory / FORMATS["html"]))
    return written
