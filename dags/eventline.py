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
The Assets name the default warehouse (an Asset's URI is fixed when the DAG
is parsed); each asset event's `extra` names the warehouse the run wrote.
"""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pendulum
from airflow.sdk import Asset, Param, dag, task

from pipeline.config import get_settings

SETTINGS = get_settings()


def _asset_uri(*parts: str) -> str:
    if "://" in SETTINGS.warehouse_dir:
        return "/".join([SETTINGS.warehouse_dir.rstrip("/"), *parts])
    return Path(SETTINGS.warehouse_dir, *parts).absolute().as_uri()


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
    default_args={"retries": SETTINGS.retries, "retry_delay": timedelta(seconds=SETTINGS.retry_delay_seconds)},
    params={
        "input_dir": Param(str(SETTINGS.input_dir), type="string", minLength=1, description="folder of *.txt articles"),
        "warehouse_dir": Param(SETTINGS.warehouse_dir, type="string", minLength=1, description="where the Parquet tables go"),
    },
)
def eventline():
    @task
    def ingest() -> list[str]:
        """Read the input folder into batches; refuse bad files into quarantine."""
        from pipeline import steps

        input_dir, warehouse, run_id = _context_paths()
        return [str(b) for b in steps.ingest(input_dir, warehouse, run_id)]

    @task(max_active_tis_per_dagrun=SETTINGS.max_active_batch_tasks)
    def normalize_dates(batch_dir: str) -> str:
        """Parse one batch once with spaCy and normalize its temporal expressions."""
        from pipeline import steps

        return str(steps.normalize_dates(batch_dir))

    @task(max_active_tis_per_dagrun=SETTINGS.max_active_batch_tasks)
    def extract_events(batch_dir: str) -> str:
        """Extract CAMEO-typed event mentions of one batch from its stored parse."""
        from pipeline import steps

        return str(steps.extract_events(batch_dir))

    @task(outlets=[TIMELINE], trigger_rule="none_failed")
    def order_timeline(batch_dirs: list[str], *, outlet_events) -> str:
        """Merge the batches' mentions into events, order them, publish every table at once."""
        from pipeline import steps

        _, warehouse, run_id = _context_paths()
        outlet_events[TIMELINE].extra = {"warehouse": str(warehouse), "run_id": run_id}
        # indexed, not iterated: iterating the lazy sequence probes one past its end
        analysed = [batch_dirs[i] for i in range(len(batch_dirs))] if batch_dirs else []
        return str(steps.order_timeline(warehouse, run_id, analysed))

    @task(outlets=EXPORTS)
    def export_timeline(*, outlet_events) -> list[str]:
        """Refresh the TimelineJS, CSV, JSON Lines and HTML exports beside the tables."""
        from pipeline import steps

        _, warehouse, _ = _context_paths()
        for asset in EXPORTS:
            outlet_events[asset].extra = {"warehouse": str(warehouse)}
        return [str(p) for p in steps.export_timeline(warehouse)]

    batch_dirs = ingest()
    analysed = extract_events.expand(batch_dir=normalize_dates.expand(batch_dir=batch_dirs))
    order_timeline(analysed) >> export_timeline()


eventline()
