"""The five steps of a run as path-in, path-out functions.

The DAG's tasks and the one-process CLI call exactly these, in this order:
``ingest`` -> ``normalize_dates`` and ``extract_events`` per batch ->
``order_timeline`` -> ``export_timeline``.  A batch is a folder written by
ingest; each per-batch step adds its files to it:

* ``normalize_dates``: parses the batch once with spaCy (kept as ``docs.spacy``)
  and writes ``timexes.parquet``;
* ``extract_events``: reads that parse and the timexes, writes ``mentions.parquet``.

An article whose analysis raises is recorded in ``errors.parquet`` (quarantine
rows) and the batch goes on: one bad article never loses the others.
"""
from __future__ import annotations

import json
import logging
import time
import traceback
from pathlib import Path

from pipeline import faults, nlp
from pipeline.warehouse.storage import AnyPath, as_path, write_bytes_atomic
from pipeline.warehouse.tables import check_writable, conform, read_part, write_parquet_atomic
from pipeline.warehouse.work import ARTICLES_FILE, DOCS_FILE, ERRORS_FILE, MENTIONS_FILE, TIMEXES_FILE, run_work_dir

log = logging.getLogger(__name__)


def _error(article: dict, stage: str, exc: BaseException) -> dict:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    log.warning("%s failed on %s: %r%s", stage, article["file"], exc, at)
    return {"file": article["file"], "reason": f"stage_error:{stage}",
            "detail": f"{type(exc).__name__}: {exc}{at}; the article is kept without {stage} output"}


def _record_errors(batch_dir: AnyPath, stage: str, errors: list[dict]) -> None:
    """Replace this stage's error rows for the batch (a retry starts afresh)."""
    path = batch_dir / ERRORS_FILE
    old = read_part(path, "quarantine").to_pylist()
    kept = [e for e in old if e["reason"] != f"stage_error:{stage}"]
    if errors or len(kept) != len(old):
        write_parquet_atomic(conform(kept + errors, "quarantine"), path)


def ingest(input_dir: Path | str, warehouse: AnyPath | str, run_id: str, min_batches: int = 1) -> list[AnyPath]:
    """Read ``input_dir`` into the run's work folder; returns the batch folders to analyse."""
    from pipeline.ingest.batches import ingest as read_into_batches

    check_writable(warehouse)
    return read_into_batches(Path(input_dir), run_work_dir(warehouse, run_id), warehouse=warehouse, min_batches=min_batches)


def normalize_dates(batch_dir: AnyPath | str) -> AnyPath:
    """Parse the batch's articles once and find and normalize their temporal expressions."""
    from pipeline.dates import timexes_for_doc

    faults.reach("normalize_dates")
    batch_dir = as_path(batch_dir)
    clock = Clock()
    articles = read_part(batch_dir / ARTICLES_FILE, "articles").to_pylist()
    nlp.load_nlp()
    clock.lap("load")
    docs, rows, errors = [], [], []
    parsed = nlp.parse(a["body"] for a in articles)
    for article in articles:
        doc = next(parsed)
        clock.lap("parse")
        docs.append(doc)
        try:
            rows.extend(timexes_for_doc(doc, article["article_id"], article["published"]))
        except Exception as exc:  # one article's failure must not lose the batch
            errors.append(_error(article, "dates", exc))
        clock.lap("dates")
    nlp.save_docs(docs, batch_dir / DOCS_FILE)
    write_parquet_atomic(conform(rows, "timexes"), batch_dir / TIMEXES_FILE)
    _record_errors(batch_dir, "dates", errors)
    clock.lap("write")
    _record_stats(batch_dir, "normalize_dates", clock, articles=len(articles), tokens=sum(len(d) for d in docs),
                  timexes=len(rows), errors=len(errors))
    return batch_dir


def extract_events(batch_dir: AnyPath | str) -> AnyPath:
    """Find event mentions in the batch from its stored parse and timexes."""
    from pipeline.events import mentions_for_doc

    faults.reach("extract_events")
    batch_dir = as_path(batch_dir)
    clock = Clock()
    articles = read_part(batch_dir / ARTICLES_FILE, "articles").to_pylist()
    nlp.load_nlp()
    clock.lap("load")
    docs = nlp.load_docs(batch_dir / DOCS_FILE)
    if len(docs) != len(articles):
        raise RuntimeError(f"{batch_dir}: {len(docs)} parsed docs for {len(articles)} articles; rerun normalize_dates")
    timexes: dict[str, list[dict]] = {}
    for row in read_part(batch_dir / TIMEXES_FILE, "timexes").to_pylist():
        timexes.setdefault(row["article_id"], []).append(row)
    clock.lap("read")
    rows, errors = [], []
    for article, doc in zip(articles, docs):
        try:
            rows.extend(mentions_for_doc(doc, article, timexes.get(article["article_id"], [])))
        except Exception as exc:  # one article's failure must not lose the batch
            errors.append(_error(article, "events", exc))
    clock.lap("events")
    write_parquet_atomic(conform(rows, "mentions"), batch_dir / MENTIONS_FILE)
    _record_errors(batch_dir, "events", errors)
    clock.lap("write")
    _record_stats(batch_dir, "extract_events", clock, articles=len(articles), mentions=len(rows), errors=len(errors))
    return batch_dir


class Clock:
    """Seconds spent per named step."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.seconds[step] = self.seconds.get(step, 0.0) + now - self._last
        self._last = now


def _record_stats(batch_dir: AnyPath, stage: str, clock: Clock, **counts: int) -> None:
    """Log what the stage handled and keep it beside the batch for benchmarks."""
    stats = {"stage": stage, **counts, "seconds": {k: round(v, 4) for k, v in clock.seconds.items()}}
    write_bytes_atomic(batch_dir / f"stats-{stage}.json", json.dumps(stats, sort_keys=True).encode())
    log.info("%s %s: %s in %.2fs", stage, batch_dir.name, ", ".join(f"{v} {k}" for k, v in counts.items()),
             sum(clock.seconds.values()))


def order_timeline(warehouse: AnyPath | str, run_id: str, batch_dirs: list[AnyPath | str]) -> AnyPath:
    """Merge the run's mentions (of ``batch_dirs`` and reused articles) and publish every table."""
    from pipeline.timeline.publish import order_timeline as publish_run

    return publish_run(run_work_dir(warehouse, run_id), warehouse, [as_path(b) for b in batch_dirs])


def export_timeline(warehouse: AnyPath | str) -> list[AnyPath]:
    """Refresh the TimelineJS, CSV, JSON Lines and HTML exports beside the tables."""
    from pipeline.outputs.exports import write_exports

    return write_exports(as_path(warehouse))
