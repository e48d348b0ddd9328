"""
### eventline: news articles to a dated, deduplicated event timeline

Reads a folder of `*.txt` articles (`input_dir`, with an optional `manifest.csv`
of publication dates) and writes the Parquet warehouse (`warehouse_dir`):

1. **ingest**: reads every file once; bad files become `quarantine/` rows, the
   rest are split into batches;
2. **normalize_dates** (mapped over batches): parses each article once with
   spaCy and normalizes every temporal expression against its publication date;
3. **extract_events** (mapped over batches): who did what to whom, when and
   where, CAMEO-typed, from the stored parse;
4. **order_timeline**: merges mentions of one event across articles, orders the
   events and swaps every table in whole; the timeline is this DAG's Asset;
5. **export_timeline**: TimelineJS JSON, CSV, JSON Lines and a self-contained
   HTML page in `warehouse_dir/exports/`, each an Asset.

Tasks hand each other folder paths, never table data.  Trigger with a conf
such as `{"input_dir": "/data/news", "warehouse_dir": "/data/warehouse"}`.
"""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pendulum
from airflow.sdk import Asset, Param, dag, task

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = os.environ.get("EVENTLINE_INPUT", str(PROJECT_ROOT / "seeds"))
DEFAULT_WAREHOUSE = os.environ.get("EVENTLINE_WAREHOUSE", str(PROJECT_ROOT / "warehouse"))
RETRY_DELAY = timedelta(seconds=float(os.environ.get("EVENTLINE_RETRY_DELAY_SECONDS", "60")))

def _asset_uri(*parts: str) -> str:
    if "://" in DEFAULT_WAREHOUSE:
        return "/".join([DEFAULT_WAREHOUSE.rstrip("/"), *parts])
    return Path(DEFAULT_WAREHOUSE, *parts).absolute().as_uri()


TIMELINE = Asset(name="eventline_timeline", uri=_asset_uri("timeline"))
EXPORTS = [
    Asset(name=f"eventline_export_{fmt}", uri=_asset_uri("exports", file))
    for fmt, file in (("timelinejs", "timeline.json"), ("csv", "timeline.csv"), ("jsonl", "timeline.jsonl"), ("html", "timeline.html"))
]


def _context_paths():
    """The run's input folder, warehouse (local path or object-storage URL) and run id."""
    from airflow.sdk import get_current_context

    from pipeline.warehouse.storage import as_path

    context = get_current_context()
    params = context["params"]
    warehouse = as_path(params["warehouse_dir"])
    if isinstance(warehouse, Path):
        warehouse = warehouse.absolute()
    return Path(params["input_dir"]).absolute(), warehouse, context["run_id"]


@dag(
    schedule="@daily",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["eventline"],
    default_args={"retries": 2, "retry_delay": RETRY_DELAY},
    params={
        "input_dir": Param(DEFAULT_INPUT, type="string", minLength=1, description="folder of *.txt articles"),
        "warehouse_dir": Param(DEFAULT_WAREHOUSE, type="string", minLength=1, description="where the Parquet tables go"),
    },
)
def eventline():
    @task
    def ingest() -> list[str]:
        """Read the input folder into batches; refuse bad files into quarantine."""
        from pipeline.ingest import ingest as ingest_folder
        from pipeline.warehouse.tables import check_writable, run_work_dir

        input_dir, warehouse, run_id = _context_paths()
        check_writable(warehouse)
        return [str(b) for b in ingest_folder(input_dir, run_work_dir(warehouse, run_id), warehouse=warehouse)]

    @task(max_active_tis_per_dagrun=4)
    def normalize_dates(batch_dir: str) -> str:
        """Parse one batch once with spaCy and normalize its temporal expressions."""
        from pipeline.stages import normalize_dates as run

        return str(run(batch_dir))

    @task(max_active_tis_per_dagrun=4)
    def extract_events(batch_dir: str) -> str:
        """Extract CAMEO-typed event mentions of one batch from its stored parse."""
        from pipeline.stages import extract_events as run

        return str(run(batch_dir))

    @task(outlets=[TIMELINE], trigger_rule="none_failed")
    def order_timeline() -> str:
        """Merge mentions into events, order them, publish every table at once."""
        from pipeline.timeline import order_timeline as run
        from pipeline.warehouse.tables import run_work_dir

        _, warehouse, run_id = _context_paths()
        return str(run(run_work_dir(warehouse, run_id), warehouse))

    @task(outlets=EXPORTS)
    def export_timeline() -> list[str]:
        """Refresh the TimelineJS, CSV, JSON Lines and HTML exports beside the tables."""
        from pipeline.exports import write_exports

        _, warehouse, _ = _context_paths()
        return [str(p) for p in write_exports(warehouse)]

    batches = ingest()
    events = extract_events.expand(batch_dir=normalize_dates.expand(batch_dir=batches))
    events >> order_timeline() >> export_timeline()


eventline()
