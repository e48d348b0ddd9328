"""Stage 4: merge event mentions into events, order them, publish the warehouse.

``order_timeline`` is the only writer of the warehouse tables: it gathers the
batches' parts, builds the timeline and replaces each table atomically.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from pathlib import Path

import pyarrow as pa

from pipeline import stages
from pipeline.warehouse import clean_work_dir, conform, locked, read_part, write_table

log = logging.getLogger(__name__)


def _hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()[:16]


def build_timeline(mentions: list[dict]) -> tuple[list[dict], dict[str, str]]:
    """Events from mentions, in chronological order, and each mention's event id.

    Only dated mentions make events; undated ones stay in ``mentions/``.
    """
    events = []
    event_of: dict[str, str] = {}
    for m in mentions:
        if m["date_start"] is None:
            continue
        event = {k: m.get(k) for k in conform([], "timeline").schema.names if k in m}
        event["event_id"] = _hash(m["cameo_code"], m["date_value"], sorted(m["actors"] or []), m["mention_id"])
        event["n_sources"] = len({s["article_id"] for s in m["sources"]})
        event["date_conflicts"] = []
        event["mention_ids"] = [m["mention_id"]]
        event_of[m["mention_id"]] = event["event_id"]
        events.append(event)
    events.sort(key=order_key)
    for seq, event in enumerate(events):
        event["seq"] = seq
    return events, event_of


def order_key(event: dict) -> tuple:
    """date_start, then date_end, then first appearance (article, offset), then id."""
    first = min(((s["published"] or dt.date.max, s["file"], s["char_start"]) for s in event["sources"]), default=(dt.date.max, "", 0))
    return (event["date_start"], event["date_end"], first, event["event_id"])


def _gather(batch_dirs: list[Path], name: str, file: str) -> pa.Table:
    parts = [read_part(Path(b) / file, name) for b in batch_dirs]
    return pa.concat_tables(parts) if parts else conform([], name)


def order_timeline(work_dir: Path, warehouse: Path, keep_work: bool = False) -> Path:
    """Merge and order the run's mentions and publish all five tables; returns the timeline's path."""
    work_dir, warehouse = Path(work_dir), Path(warehouse)
    batch_dirs = sorted(p for p in work_dir.glob("batch-*") if p.is_dir())
    missing = [b.name for b in batch_dirs if not (b / stages.MENTIONS_FILE).exists()]
    if missing:
        raise RuntimeError(f"batches {', '.join(missing)} have no mentions; their extract_events task did not finish")
    articles = read_part(work_dir / "articles.parquet", "articles")
    quarantine = pa.concat_tables([read_part(work_dir / "quarantine.parquet", "quarantine"),
                                   _gather(batch_dirs, "quarantine", stages.ERRORS_FILE)])
    timexes = _gather(batch_dirs, "timexes", stages.TIMEXES_FILE)
    mentions = _gather(batch_dirs, "mentions", stages.MENTIONS_FILE).to_pylist()
    events, event_of = build_timeline(mentions)
    mentions.sort(key=lambda m: (m["article_id"], m["sources"][0]["char_start"] if m["sources"] else 0, m["mention_id"]))
    for seq, m in enumerate(mentions):
        m["seq"] = seq
        m["event_id"] = event_of.get(m["mention_id"])
    with locked(warehouse, wait_seconds=600):
        write_table(articles, warehouse, "articles")
        write_table(quarantine, warehouse, "quarantine")
        write_table(timexes, warehouse, "timexes")
        write_table(mentions, warehouse, "mentions")
        path = write_table(events, warehouse, "timeline")
    log.info("order_timeline: %d articles, %d timexes, %d mentions, %d events, %d quarantined",
             articles.num_rows, timexes.num_rows, len(mentions), len(events), quarantine.num_rows)
    if not keep_work:
        clean_work_dir(work_dir)
    return path.parent
