"""The warehouse on object storage: a real S3-compatible server (moto's standalone server) on localhost.

moto is on PyPI, starts as a plain process (``moto_server``) with no account
or Docker, and speaks the S3 REST API over HTTP, so s3fs, boto3 and pyarrow's
own S3 client all talk to it as they would to AWS.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEEDS
from pipeline.warehouse.schemas import TABLES

BUCKET = "eventline-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    server = Path(sys.executable).parent / "moto_server"
    proc = subprocess.Popen([str(server), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    env = {"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_DEFAULT_REGION": "us-east-1"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, "moto_server did not start"
                time.sleep(0.2)
        import boto3

        boto3.client("s3").create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _pyarrow_s3(endpoint: str):
    import pyarrow.fs as pafs

    return pafs.S3FileSystem(endpoint_override=endpoint, access_key="testing", secret_key="testing", region="us-east-1")


def test_pipeline_writes_the_warehouse_to_s3_and_pyarrow_reads_it_back(s3_server, seed_warehouse):
    import pyarrow.dataset as ds

    from pipeline.outputs.query import query
    from pipeline.run import run_pipeline
    from pipeline.warehouse.tables import read_table

    summary = run_pipeline(SEEDS, f"s3://{BUCKET}/wh")
    assert summary.articles == 5 and summary.events > 0

    # an independent client (pyarrow's own S3 implementation, not fsspec) sees whole tables
    fs = _pyarrow_s3(s3_server)
    for name in TABLES:
        table = ds.dataset(f"{BUCKET}/wh/{name}", filesystem=fs, format="parquet").to_table()
        assert table.equals(read_table(seed_warehouse, name)), name
    assert not fs.get_file_info(__import__("pyarrow.fs").fs.FileSelector(f"{BUCKET}/wh/_work", allow_not_found=True))
    assert fs.get_file_info(f"{BUCKET}/wh/exports/timeline.html").size > 1000

    # SQL over the remote warehouse
    assert query(f"s3://{BUCKET}/wh", "SELECT count(*) AS n FROM timeline").column("n").to_pylist() == [summary.events]


def test_a_rerun_on_s3_reuses_every_article(s3_server):
    from pipeline.run import run_pipeline
    from pipeline.warehouse.storage import as_path
    import json

    run_pipeline(SEEDS, f"s3://{BUCKET}/again")
    run_pipeline(SEEDS, f"s3://{BUCKET}/again")
    records = sorted(as_path(f"s3://{BUCKET}/again/_runs").glob("*.json"), key=lambda p: p.name)
    assert [json.loads(r.read_text())["reused_articles"] for r in records] == [0, 5]


@pytest.mark.slow
def test_the_dag_runs_against_s3(s3_server, airflow_db, tmp_path):
    from airflow.models.dagbag import DagBag
    from airflow.utils.state import DagRunState

    from pipeline.run import summarize

    dag = DagBag(dag_folder=str(Path(__file__).resolve().parent.parent / "dags")).get_dag("eventline")
    run = dag.test(run_conf={"input_dir": str(SEEDS), "warehouse_dir": f"s3://{BUCKET}/dag"})
    assert run.state == DagRunState.SUCCESS
    assert summarize(f"s3://{BUCKET}/dag").articles == 5
