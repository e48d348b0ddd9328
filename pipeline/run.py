"""All stages in one process, the same functions the DAG's tasks call."""
from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed

from pipeline import steps
from pipeline.config import get_settings
from pipeline.ingest.reader import InputError
from pipeline.progress import stage_progress
from pipeline.warehouse.storage import AnyPath, as_path
from pipeline.warehouse.tables import check_writable, read_part, read_table
from pipeline.warehouse.work import ARTICLES_FILE, owned, run_work_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Summary:
    warehouse: AnyPath
    articles: int
    quarantined: int
    timexes: int
    mentions: int
    events: int

    def line(self) -> str:
        return (f"timeline: {self.warehouse / 'timeline'} holds {self.events} events from {self.articles} articles "
                f"({self.mentions} mentions, {self.timexes} timexes, {self.quarantined} files quarantined)")


def summarize(warehouse: AnyPath | str) -> Summary:
    """Count what the warehouse holds."""
    warehouse = as_path(warehouse)
    if isinstance(warehouse, Path):
        warehouse = warehouse.absolute()
    return Summary(
        warehouse=warehouse,
        articles=read_table(warehouse, "articles").num_rows,
        quarantined=read_table(warehouse, "quarantine").num_rows,
        timexes=read_table(warehouse, "timexes").num_rows,
        mentions=read_table(warehouse, "mentions").num_rows,
        events=read_table(warehouse, "timeline").num_rows,
    )


def new_run_id() -> str:
    return f"cli__{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%f}_{os.getpid()}"


def preflight(input_dir: Path, warehouse: AnyPath | str) -> None:
    """Raise a clear error for what would make a run fail at once."""
    from pipeline.nlp import load_nlp

    if not Path(input_dir).is_dir():
        raise InputError(f"input folder {input_dir} does not exist or is not a folder; pass an existing INPUT / --input")
    check_writable(warehouse)
    load_nlp()


def run_pipeline(input_dir: Path, warehouse: AnyPath | str, run_id: str | None = None, progress: bool = False) -> Summary:
    """Ingest, normalize dates, extract events and order the timeline into ``warehouse``."""
    input_dir, warehouse = Path(input_dir), as_path(warehouse)
    check_writable(warehouse)  # before the work folder is made, so the error names the warehouse
    run_id = run_id or new_run_id()
    work_dir = run_work_dir(warehouse, run_id)
    workers = max(1, get_settings().n_process)
    with owned(work_dir), stage_progress(progress) as bars:
        # with several workers, cut at least a few batches per worker so none idles at the end
        batches = steps.ingest(input_dir, warehouse, run_id, min_batches=4 * workers if workers > 1 else 1)
        n_articles = read_part(work_dir / "articles.parquet", "articles").num_rows
        sizes = [read_part(b / ARTICLES_FILE, "articles").num_rows for b in batches]
        bars.start("ingest", n_articles)
        bars.advance("ingest", n_articles)
        bars.start("dates+events", sum(sizes))
        if workers == 1 or len(batches) < 2:
            for batch, size in zip(batches, sizes):
                analyze_batch(batch)
                bars.advance("dates+events", size)
        else:
            # one process per worker, each loading the model once: the CLI's
            # stand-in for the DAG's mapped tasks on several Airflow workers
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = {pool.submit(analyze_batch, batch): size for batch, size in zip(batches, sizes)}
                for future in as_completed(futures):
                    future.result()
                    bars.advance("dates+events", futures[future])
        bars.start("timeline", 1)
        steps.order_timeline(warehouse, run_id, batches)
        steps.export_timeline(warehouse)
        bars.advance("timeline")
    return summarize(warehouse)


def analyze_batch(batch: AnyPath) -> AnyPath:
    """Both per-batch NLP stages, in order (one worker's unit of work)."""
    return steps.extract_events(steps.normalize_dates(batch))
