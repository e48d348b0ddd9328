"""Stage 4's writer: gather the batches' parts, merge the mentions, and publish every table at once.

``order_timeline`` is the only writer of the warehouse tables: it replaces
each table whole under the warehouse's write lock.
"""
from __future__ import annotations

import logging
import time

import pyarrow as pa

from pipeline.config import get_settings
from pipeline.timeline.merge import build_timeline
from pipeline.warehouse.storage import AnyPath, as_path
from pipeline.warehouse.tables import conform, publish, read_part
from pipeline.warehouse.work import (ERRORS_FILE, MENTIONS_FILE, TIMEXES_FILE, clean_stale_work, clean_work_dir, locked, read_stats,
                                     write_run_record)

log = logging.getLogger(__name__)


def _gather(batch_dirs: list[AnyPath], name: str, file: str) -> pa.Table:
    parts = [read_part(as_path(b) / file, name) for b in batch_dirs]
    return pa.concat_tables(parts) if parts else conform([], name)


def order_timeline(work_dir: AnyPath | str, warehouse: AnyPath | str, batch_dirs: list[AnyPath],
                   keep_work: bool = False) -> AnyPath:
    """Merge and order the run's mentions and publish all five tables; returns the timeline's folder.

    ``batch_dirs`` are the batches this run analysed (the mapped tasks' outputs);
    articles reused from the previous version are read from ``work_dir/reused``.
    """
    started = time.perf_counter()
    work_dir, warehouse = as_path(work_dir), as_path(warehouse)
    batch_dirs = sorted((as_path(b) for b in batch_dirs), key=lambda p: p.name)
    missing = [b.name for b in batch_dirs if not (b / MENTIONS_FILE).exists()]
    if missing:
        raise RuntimeError(f"batches {', '.join(missing)} have no mentions; their extract_events task did not finish")
    articles = read_part(work_dir / "articles.parquet", "articles")
    quarantine = pa.concat_tables([read_part(work_dir / "quarantine.parquet", "quarantine"),
                                   _gather(batch_dirs, "quarantine", ERRORS_FILE)])
    # results of unchanged articles, copied from the previous version by ingest
    reused = [work_dir / "reused"] if (work_dir / "reused").is_dir() else []
    timexes = pa.concat_tables([_gather(reused, "timexes", "timexes.parquet"), _gather(batch_dirs, "timexes", TIMEXES_FILE)])
    mentions = (_gather(reused, "mentions", "mentions.parquet").to_pylist()
                + _gather(batch_dirs, "mentions", MENTIONS_FILE).to_pylist())
    events, event_of = build_timeline(mentions)
    timexes = timexes.sort_by([("article_id", "ascending"), ("char_start", "ascending"), ("char_end", "ascending")])
    mentions.sort(key=lambda m: (m["article_id"], m["sources"][0]["char_start"] if m["sources"] else 0, m["mention_id"]))
    for seq, m in enumerate(mentions):
        m["seq"] = seq
        m["event_id"] = event_of.get(m["mention_id"])
    with locked(warehouse, wait_seconds=get_settings().lock_wait_seconds):
        paths = publish({"articles": articles, "quarantine": quarantine, "timexes": timexes,
                         "mentions": mentions, "timeline": events}, warehouse)
    counts = {"articles": articles.num_rows, "reused_articles": articles.num_rows - sum(
        s["articles"] for s in read_stats(batch_dirs) if s["stage"] == "normalize_dates"),
        "timexes": timexes.num_rows, "mentions": len(mentions), "events": len(events), "quarantined": quarantine.num_rows}
    write_run_record(warehouse, work_dir.name, batch_dirs, counts, time.perf_counter() - started)
    log.info("order_timeline: %s", ", ".join(f"{v} {k}" for k, v in counts.items()))
    if not keep_work:
        clean_work_dir(work_dir)
    for path in clean_stale_work(warehouse, keep=work_dir):
        log.info("removed the work folder of a dead run: %s", path)
    return paths["timeline"].parent
