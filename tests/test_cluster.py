"""`make cluster` end to end: PostgreSQL, Redis, CeleryExecutor and two one-slot workers.

One DAG run over the seeds in batches of one article (five batches, ten mapped
task instances): both workers must run mapped tasks, the tables must hold the
same events and mentions as a CLI run over the same input, and a worker killed
with SIGKILL in the middle of a mapped task must not lose anything: the task is
retried on the other worker and the run succeeds. Afterwards nothing the test
started may still run. Needs PostgreSQL and Redis (`make cluster-packages`):
skipped without them locally, failed on CI.
"""
from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TOOLS = PROJECT_ROOT / "tools" / "cluster"
SEEDS = PROJECT_ROOT / "seeds"
CLUSTER_DIR = PROJECT_ROOT / ".cluster" / "test"
PYTHON = PROJECT_ROOT / ".venv" / "bin" / "python"
WORKERS = ("worker-1", "worker-2")
MAPPED = ("normalize_dates", "extract_events")

sys.path.insert(0, str(TOOLS))
import procs  # noqa: E402
from api import AirflowAPI, read_env_file  # noqa: E402

pytestmark = [pytest.mark.cluster, pytest.mark.slow]


def _require_packages() -> None:
    missing = [name for name, there in (("PostgreSQL", glob.glob("/usr/lib/postgresql/*/bin/initdb")),
                                        ("Redis", shutil.which("redis-server"))) if not there]
    if missing:
        reason = f"{' and '.join(missing)} not installed: run `make cluster-packages` (as root)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def _cluster_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW") and k != "PYTHONPATH"}
    env.update({
        "CLUSTER_DIR": str(CLUSTER_DIR),
        "CLUSTER_WORKERS": str(len(WORKERS)),
        "EVENTLINE_BATCH_SIZE": "1",
        "EVENTLINE_RETRY_DELAY_SECONDS": "1",
        # manual runs only, and no pause to lift
        "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        # a task whose worker died stops heartbeating (every 5 s); fail it after 20 s, not 300
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "20",
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "2",
    })
    return env


def _ids(warehouse: Path) -> dict[str, set]:
    timeline = pq.read_table(warehouse / "timeline", columns=["event_id"])
    mentions = pq.read_table(warehouse / "mentions", columns=["mention_id", "event_id"])
    return {
        "events": set(timeline.column("event_id").to_pylist()),
        "mentions": set(zip(mentions.column("mention_id").to_pylist(), mentions.column("event_id").to_pylist())),
    }


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Killer:
    """Kills a worker, once, while it runs a mapped task, after each worker has finished one."""

    def __init__(self, cluster_dir: Path):
        self.cluster_dir = cluster_dir
        self.finished_on: set[str] = set()
        self.killed: dict | None = None

    def __call__(self, task_instances: list[dict]) -> None:
        mapped = [ti for ti in task_instances if ti["task_id"] in MAPPED and ti["map_index"] >= 0]
        self.finished_on |= {ti["hostname"] for ti in mapped if ti["state"] == "success"}
        if self.killed or not self.finished_on >= set(WORKERS):
            return
        running = [ti for ti in mapped if ti["state"] == "running" and ti["hostname"] in WORKERS]
        if running:
            victim = max(running, key=lambda ti: ti["start_date"] or "")  # the most work left
            sid = int((self.cluster_dir / "run" / f"{victim['hostname']}.pid").read_text())
            pids = procs.kill_session(sid, signal.SIGKILL)
            self.killed = {**victim, "killed_pids": pids, "sid": sid}


def test_cluster_end_to_end(tmp_path, capsys):
    _require_packages()
    env = _cluster_env()
    cli_warehouse, cluster_warehouse = tmp_path / "cli", tmp_path / "cluster"
    cli = subprocess.run([str(PYTHON), "-m", "pipeline", "run", "--input", str(SEEDS), "--warehouse", str(cli_warehouse)],
                         cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False)
    assert cli.returncode == 0, cli.stdout[-2000:] + cli.stderr[-2000:]

    down = ["make", "-s", "-C", str(PROJECT_ROOT), "cluster-down", f"CLUSTER_DIR={CLUSTER_DIR}"]
    subprocess.run(down + ["CLEAN=1"], env=env, capture_output=True, check=False)  # a stale test cluster from an aborted run
    sids: dict[str, int] = {}
    ports: list[int] = []
    try:
        up = subprocess.run(["make", "-s", "-C", str(PROJECT_ROOT), "cluster", f"CLUSTER_DIR={CLUSTER_DIR}"],
                            env=env, capture_output=True, text=True, timeout=600, check=False)
        sids = procs.pid_files(CLUSTER_DIR)
        assert up.returncode == 0, up.stdout[-3000:] + up.stderr[-3000:]
        settings = read_env_file(CLUSTER_DIR / "cluster.env")
        ports = [int(settings[name]) for name in ("PG_PORT", "REDIS_PORT", "API_PORT")]
        listening = procs.listening_addresses(sids.values())
        assert {port for _, port in listening} >= set(ports)
        assert all(procs.is_loopback(address) for address, _ in listening), listening

        api = AirflowAPI(f"http://127.0.0.1:{settings['API_PORT']}",
                         Path(settings["AIRFLOW_HOME"]) / "simple_auth_manager_passwords.json.generated")
        api.wait_dag("eventline", timeout=120)
        started = time.monotonic()
        run_id = api.trigger("eventline", {"input_dir": str(SEEDS), "warehouse_dir": str(cluster_warehouse)})
        killer = Killer(CLUSTER_DIR)
        state = api.wait_run("eventline", run_id, timeout=900, on_poll=killer)
        wall = time.monotonic() - started
        assert state == "success", f"run {run_id} {state}; logs in {CLUSTER_DIR}/logs"

        task_instances = api.task_instances("eventline", run_id)
        mapped = [ti for ti in task_instances if ti["task_id"] in MAPPED and ti["map_index"] >= 0]
        assert len(mapped) == 2 * len(list(SEEDS.glob("*.txt")))
        tries = [t for ti in mapped for t in api.tries("eventline", run_id, ti["task_id"], ti["map_index"])]
        hosts_used = {t["hostname"] for t in tries if t["state"] == "success"}
        assert hosts_used == set(WORKERS)

        assert killer.killed, "no mapped task was seen running after both workers had finished one"
        victim = killer.killed
        victim_tries = api.tries("eventline", run_id, victim["task_id"], victim["map_index"])
        by_try = {t["try_number"]: t for t in victim_tries}
        final = max(victim_tries, key=lambda t: t["try_number"])
        survivor = next(w for w in WORKERS if w != victim["hostname"])
        recovered = (by_try[victim["try_number"]]["state"] != "success" and final["try_number"] > victim["try_number"]
                     and final["state"] == "success" and final["hostname"] == survivor)
        assert recovered, victim_tries

        cli_ids, cluster_ids = _ids(cli_warehouse), _ids(cluster_warehouse)
        assert cli_ids["events"] and cluster_ids == cli_ids
        tables_equal = cluster_ids == cli_ids
    finally:
        sids = sids or procs.pid_files(CLUSTER_DIR)
        stopped = subprocess.run(down, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    left = {name: procs.session_pids(sid) for name, sid in sids.items() if procs.session_pids(sid)}
    assert not left, f"still running after make cluster-down: {left}"
    assert not [port for port in ports if _port_open(port)]
    shutil.rmtree(CLUSTER_DIR, ignore_errors=True)

    with capsys.disabled():
        print(f"\ncluster: workers={len(WORKERS)} hosts_used={len(hosts_used)} mapped_tasks={len(mapped)} "
              f"tables_equal={tables_equal} worker_killed_recovered={recovered} wall_s={wall:.0f}")
