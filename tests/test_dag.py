"""The DAG: parses cheaply, has the expected graph, and runs end to end."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import PROJECT_ROOT, SEEDS, run_scorer
from pipeline.run import summarize
from pipeline.warehouse.schemas import TABLES
from pipeline.warehouse.tables import read_table

DAGS = PROJECT_ROOT / "dags"


@pytest.fixture(scope="module")
def dag(airflow_db):
    from airflow.models.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS))
    assert bag.import_errors == {}
    return bag.get_dag("eventline")


def test_dag_graph(dag):
    assert set(dag.task_ids) == {"ingest", "normalize_dates", "extract_events", "order_timeline", "export_timeline"}
    assert dag.get_task("ingest").downstream_task_ids == {"normalize_dates"}
    assert dag.get_task("normalize_dates").downstream_task_ids == {"extract_events"}
    assert dag.get_task("extract_events").downstream_task_ids == {"order_timeline"}
    assert dag.get_task("order_timeline").downstream_task_ids == {"export_timeline"}
    assert len(dag.get_task("export_timeline").outlets) == 4
    assert dag.max_active_runs == 1 and not dag.catchup
    assert set(dag.params.keys()) == {"input_dir", "warehouse_dir"}
    assert all(dag.get_task(t).retries >= 1 for t in ("normalize_dates", "extract_events"))
    assert [o.name for o in dag.get_task("order_timeline").outlets] == ["eventline_timeline"]


def test_dag_module_imports_nothing_heavy():
    """Parsing the DAG may read the settings module, nothing else of the library and no NLP or Arrow."""
    code = ("import runpy, sys; runpy.run_path(sys.argv[1]); "
            "heavy = {'spacy', 'dateparser', 'pyarrow'} & {m.split('.')[0] for m in sys.modules}; "
            "heavy |= {m for m in sys.modules if m.startswith('pipeline.') and m != 'pipeline.config'}; "
            "print(sorted(heavy)); sys.exit(bool(heavy))")
    out = subprocess.run([sys.executable, "-c", code, str(DAGS / "eventline.py")], capture_output=True, text=True, env=os.environ.copy())
    assert out.returncode == 0, out.stdout + out.stderr[-2000:]


def test_the_dag_and_the_cli_share_their_defaults(dag, monkeypatch):
    from pipeline.__main__ import _parser as build_parser
    from pipeline.config import get_settings

    settings = get_settings()
    args = build_parser().parse_args(["run"])
    assert dag.params["input_dir"] == str(settings.input_dir) == str(args.input)
    assert dag.params["warehouse_dir"] == settings.warehouse_dir == str(args.warehouse)
    assert dag.get_task("extract_events").retries == settings.retries
    assert dag.get_task("normalize_dates").max_active_tis_per_dagrun == settings.max_active_batch_tasks


@pytest.mark.slow
def test_dag_run_writes_the_warehouse(dag, tmp_path, seed_warehouse):
    from airflow.utils.state import DagRunState

    warehouse = tmp_path / "wh"
    run = dag.test(run_conf={"input_dir": str(SEEDS), "warehouse_dir": str(warehouse)})
    assert run.state == DagRunState.SUCCESS
    for name in TABLES:
        assert (warehouse / name / "part-0.parquet").exists(), name
    assert sorted(p.name for p in (warehouse / "exports").iterdir()) == ["timeline.csv", "timeline.html", "timeline.json", "timeline.jsonl"]
    summary = summarize(warehouse)
    assert summary.articles == 5 and summary.events > 0
    assert run_scorer(warehouse / "timeline")["ordered"] == "True"
    # the asset events name the warehouse this run wrote, not the default one
    from airflow.models.asset import AssetEvent
    from airflow.utils.session import create_session

    with create_session() as session:
        extras = {(e.source_task_id, e.extra.get("warehouse"))
                  for e in session.query(AssetEvent).filter(AssetEvent.source_run_id == run.run_id)}
    assert extras == {("order_timeline", str(warehouse)), ("export_timeline", str(warehouse))}
    # the same events, with the same ids, as the CLI's run over the same input
    assert read_table(warehouse, "timeline").column("event_id").to_pylist() == \
        read_table(seed_warehouse, "timeline").column("event_id").to_pylist()


@pytest.mark.slow
def test_dag_run_over_an_empty_folder_publishes_empty_tables(dag, tmp_path):
    from airflow.utils.state import DagRunState

    (tmp_path / "in").mkdir()
    run = dag.test(run_conf={"input_dir": str(tmp_path / "in"), "warehouse_dir": str(tmp_path / "wh")})
    assert run.state == DagRunState.SUCCESS
    assert summarize(tmp_path / "wh").events == 0
    assert (tmp_path / "wh" / "timeline" / "part-0.parquet").exists()


@pytest.mark.slow
def test_dag_run_with_a_missing_input_fails(dag, tmp_path):
    from airflow.utils.state import DagRunState

    run = dag.test(run_conf={"input_dir": str(tmp_path / "nope"), "warehouse_dir": str(tmp_path / "wh")})
    assert run.state == DagRunState.FAILED
    assert not (tmp_path / "wh" / "timeline").exists()
