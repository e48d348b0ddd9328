"""One Celery worker against two on the same corpus: wall time, and where it goes.

    .venv/bin/python tools/cluster/measure.py --input ../shared/data/dev/articles --batch-size 2

For each worker count it brings up a fresh cluster in .cluster/measure, runs
the DAG once, tears the cluster down, and splits the run's wall time into the
tasks' own run time and the time between them (queueing, scheduling, worker
pickup), from the task instances' timestamps.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api import AirflowAPI, read_env_file  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
MAPPED = ("normalize_dates", "extract_events")


def _ts(value: str | None) -> float | None:
    return datetime.fromisoformat(value).timestamp() if value else None


def measure(workers: int, input_dir: Path, batch_size: int, cluster_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW") and k != "PYTHONPATH"}
    env.update({"CLUSTER_DIR": str(cluster_dir), "CLUSTER_WORKERS": str(workers), "EVENTLINE_BATCH_SIZE": str(batch_size),
                "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False", "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False"})
    make = ["make", "-s", "-C", str(ROOT)]
    subprocess.run(make + ["cluster-down", "CLEAN=1"], env=env, capture_output=True, check=False)
    try:
        up = subprocess.run(make + ["cluster"], env=env, capture_output=True, text=True, check=False)
        if up.returncode:
            raise SystemExit(up.stdout[-2000:] + up.stderr[-2000:])
        settings = read_env_file(cluster_dir / "cluster.env")
        api = AirflowAPI(f"http://127.0.0.1:{settings['API_PORT']}",
                         Path(settings["AIRFLOW_HOME"]) / "simple_auth_manager_passwords.json.generated")
        api.wait_dag("eventline", timeout=120)
        with tempfile.TemporaryDirectory() as warehouse:
            started = time.time()
            run_id = api.trigger("eventline", {"input_dir": str(input_dir), "warehouse_dir": warehouse})
            state = api.wait_run("eventline", run_id, timeout=3600)
            ended = time.time()
            tis = api.task_instances("eventline", run_id)
    finally:
        subprocess.run(make + ["cluster-down", "CLEAN=1"], env=env, capture_output=True, check=False)
    if state != "success":
        raise SystemExit(f"run {state} with {workers} worker(s)")
    mapped = [ti for ti in tis if ti["task_id"] in MAPPED]
    spans = sorted((_ts(ti["start_date"]), _ts(ti["end_date"])) for ti in tis)
    busy, last_end = 0.0, None  # time during which at least one task ran
    for start, end in spans:
        if last_end is None or start > last_end:
            busy += end - start
            last_end = end
        elif end > last_end:
            busy += end - last_end
            last_end = end
    pickup = [_ts(ti["start_date"]) - _ts(ti["queued_when"]) for ti in tis if ti["queued_when"]]
    return {
        "workers": workers, "wall_s": ended - started, "tasks": len(tis), "mapped": len(mapped),
        "work_s": sum(ti["duration"] for ti in tis), "mapped_work_s": sum(ti["duration"] for ti in mapped),
        "mean_mapped_s": sum(ti["duration"] for ti in mapped) / len(mapped),
        "first_start_s": min(s for s, _ in spans) - started, "after_last_s": ended - max(e for _, e in spans),
        "none_running_s": (ended - started) - busy, "mean_queued_to_start_s": sum(pickup) / len(pickup),
        "hosts": sorted({ti["hostname"] for ti in mapped}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=ROOT.parent / "shared" / "data" / "dev" / "articles")
    parser.add_argument("--batch-size", type=int, default=2)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cluster-dir", type=Path, default=ROOT / ".cluster" / "measure")
    args = parser.parse_args()
    results = []
    for workers in args.workers:
        result = measure(workers, args.input.resolve(), args.batch_size, args.cluster_dir.resolve())
        results.append(result)
        print(" ".join(f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()), flush=True)
    if len(results) >= 2:
        print(f"speedup {results[0]['workers']}->{results[-1]['workers']} workers: "
              f"{results[0]['wall_s'] / results[-1]['wall_s']:.2f}x wall, "
              f"mapped stage work {results[0]['mapped_work_s']:.0f}s vs {results[-1]['mapped_work_s']:.0f}s")


if __name__ == "__main__":
    main()
