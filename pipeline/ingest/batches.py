"""Stage 1: read an input folder of articles into batches, refusing bad files.

Every file in the folder ends up in exactly one place: an article (possibly
shared by several files with the same body) or a quarantine row saying why it
was refused.  Each batch folder is the unit a mapped task (or a CLI worker) analyses.
"""
from __future__ import annotations

import logging
from pathlib import Path

from pipeline.config import get_settings
from pipeline.ingest.reader import read_articles
from pipeline.ingest.reuse import reuse_previous
from pipeline.ingest import version
from pipeline.warehouse.storage import AnyPath, as_path
from pipeline.warehouse.tables import conform, write_parquet_atomic

log = logging.getLogger(__name__)


def ingest(input_dir: Path, work_dir: AnyPath | str, batch_size: int | None = None, warehouse: AnyPath | str | None = None,
           min_batches: int = 1) -> list[AnyPath]:
    """Read ``input_dir`` into ``work_dir``: the articles and quarantine tables and one folder per batch.

    Articles the warehouse already holds results for (same body, file,
    publication date and pipeline version) are not batched again: their rows
    are copied to ``work_dir/reused``.  Batches hold at most ``batch_size``
    articles, fewer if that is needed to make ``min_batches`` of them.
    Returns the batch folders in order; each holds ``articles.parquet`` for
    the stages that follow.
    """
    batch_size = batch_size or get_settings().batch_size
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    result = read_articles(input_dir)
    current = version.pipeline_version()
    for article in result.articles:
        article["pipeline_version"] = current
    work_dir = as_path(work_dir)
    reused = reuse_previous(result.articles, warehouse, work_dir)
    write_parquet_atomic(conform(result.articles, "articles"), work_dir / "articles.parquet")
    write_parquet_atomic(conform(result.quarantine, "quarantine"), work_dir / "quarantine.parquet")
    fresh = [a for a in result.articles if a["article_id"] not in reused]
    batch_size = max(1, min(batch_size, -(-len(fresh) // max(1, min_batches))))
    batches = []
    for i in range(0, len(fresh), batch_size):
        batch_dir = work_dir / f"batch-{i // batch_size:05d}"
        write_parquet_atomic(conform(fresh[i:i + batch_size], "articles"), batch_dir / "articles.parquet")
        batches.append(batch_dir)
    log.info("ingest: %d articles (%d reused from the warehouse) in %d batches, %d quarantined",
             len(result.articles), len(reused), len(batches), len(result.quarantine))
    return batches
