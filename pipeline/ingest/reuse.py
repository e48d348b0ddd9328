"""Incremental runs: results of articles unchanged since the last publish are copied, not recomputed."""
from __future__ import annotations

import logging

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.config import get_settings
from pipeline.warehouse.storage import AnyPath, as_path
from pipeline.warehouse.tables import generation, read_table, write_parquet_atomic

log = logging.getLogger(__name__)


def _analysis_key(article: dict) -> tuple:
    """What an article's timexes and mentions depend on besides its body."""
    return (article["article_id"], article["file"], article["published"], article["pipeline_version"])


def reuse_previous(articles: list[dict], warehouse: AnyPath | None, work_dir: AnyPath) -> set[str]:
    """Copy the previous run's results for unchanged articles into ``work_dir/reused``.

    Returns the ids of the articles that need no analysis this run.
    """
    if warehouse is None or not get_settings().reuse or not (as_path(warehouse) / "articles").is_dir():
        return set()
    generations = {generation(warehouse, name) for name in ("articles", "quarantine", "timexes", "mentions")}
    if len(generations) != 1 or None in generations:
        log.warning("the warehouse's tables come from different runs (an interrupted publish); analysing every article again")
        return set()
    previous = read_table(warehouse, "articles").select(["article_id", "file", "published", "pipeline_version"]).to_pylist()
    failed = {q["file"] for q in read_table(warehouse, "quarantine").to_pylist() if q["reason"].startswith("stage_error")}
    known = {_analysis_key(a) for a in previous if a["file"] not in failed}
    reused = {a["article_id"] for a in articles if _analysis_key(a) in known}
    if reused:
        ids = pa.array(sorted(reused), type=pa.string())
        for name in ("timexes", "mentions"):
            table = read_table(warehouse, name)
            write_parquet_atomic(table.filter(pc.is_in(table["article_id"], value_set=ids)), work_dir / "reused" / f"{name}.parquet")
    return reused
