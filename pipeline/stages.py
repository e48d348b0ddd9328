"""The per-batch NLP stages as path-in, path-out functions.

Both the DAG's mapped tasks and the one-process CLI call these.  A batch is a
folder written by ingest; each stage adds its files to it:

* ``normalize_dates``: parses the batch once with spaCy (kept as ``docs.spacy``)
  and writes ``timexes.parquet``;
* ``extract_events``: reads that parse and the timexes, writes ``mentions.parquet``.

An article whose analysis raises is recorded in ``errors.parquet`` (quarantine
rows) and the batch goes on: one bad article never loses the others.
"""
from __future__ import annotations

import logging
import traceback
from pathlib import Path

from pipeline import faults, nlp
from pipeline.warehouse import conform, read_part, write_parquet_atomic

log = logging.getLogger(__name__)

ARTICLES_FILE = "articles.parquet"
DOCS_FILE = "docs.spacy"
TIMEXES_FILE = "timexes.parquet"
MENTIONS_FILE = "mentions.parquet"
ERRORS_FILE = "errors.parquet"


def _error(article: dict, stage: str, exc: BaseException) -> dict:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    log.warning("%s failed on %s: %r%s", stage, article["file"], exc, at)
    return {"file": article["file"], "reason": f"stage_error:{stage}",
            "detail": f"{type(exc).__name__}: {exc}{at}; the article is kept without {stage} output"}


def _record_errors(batch_dir: Path, stage: str, errors: list[dict]) -> None:
    """Replace this stage's error rows for the batch (a retry starts afresh)."""
    path = batch_dir / ERRORS_FILE
    old = read_part(path, "quarantine").to_pylist()
    kept = [e for e in old if e["reason"] != f"stage_error:{stage}"]
    if errors or len(kept) != len(old):
        write_parquet_atomic(conform(kept + errors, "quarantine"), path)


def normalize_dates(batch_dir: Path) -> Path:
    """Parse the batch's articles once and find and normalize their temporal expressions."""
    from pipeline.dates import timexes_for_doc

    faults.reach("normalize_dates")
    batch_dir = Path(batch_dir)
    articles = read_part(batch_dir / ARTICLES_FILE, "articles").to_pylist()
    docs = list(nlp.parse(a["body"] for a in articles))
    nlp.save_docs(docs, batch_dir / DOCS_FILE)
    rows, errors = [], []
    for article, doc in zip(articles, docs):
        try:
            rows.extend(timexes_for_doc(doc, article["article_id"], article["published"]))
        except Exception as exc:  # one article's failure must not lose the batch
            errors.append(_error(article, "dates", exc))
    write_parquet_atomic(conform(rows, "timexes"), batch_dir / TIMEXES_FILE)
    _record_errors(batch_dir, "dates", errors)
    log.info("normalize_dates %s: %d articles, %d timexes, %d errors", batch_dir.name, len(articles), len(rows), len(errors))
    return batch_dir


def extract_events(batch_dir: Path) -> Path:
    """Find event mentions in the batch from its stored parse and timexes."""
    from pipeline.events import mentions_for_doc

    faults.reach("extract_events")
    batch_dir = Path(batch_dir)
    articles = read_part(batch_dir / ARTICLES_FILE, "articles").to_pylist()
    docs = nlp.load_docs(batch_dir / DOCS_FILE)
    if len(docs) != len(articles):
        raise RuntimeError(f"{batch_dir}: {len(docs)} parsed docs for {len(articles)} articles; rerun normalize_dates")
    timexes: dict[str, list[dict]] = {}
    for row in read_part(batch_dir / TIMEXES_FILE, "timexes").to_pylist():
        timexes.setdefault(row["article_id"], []).append(row)
    rows, errors = [], []
    for article, doc in zip(articles, docs):
        try:
            rows.extend(mentions_for_doc(doc, article, timexes.get(article["article_id"], [])))
        except Exception as exc:  # one article's failure must not lose the batch
            errors.append(_error(article, "events", exc))
    write_parquet_atomic(conform(rows, "mentions"), batch_dir / MENTIONS_FILE)
    _record_errors(batch_dir, "events", errors)
    log.info("extract_events %s: %d articles, %d mentions, %d errors", batch_dir.name, len(articles), len(rows), len(errors))
    return batch_dir
