"""`make standalone` as a new user runs it: it serves the API and UI, runs the DAG, and stops clean.

The test starts `make standalone` in a session of its own (a throwaway Airflow
home, a free port), waits for the API's health endpoint, logs in through the
auth manager, triggers the DAG through the public REST API, waits for the run
to succeed, and stops exactly that session; nothing may listen elsewhere than
on localhost or be left running.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TOOLS = PROJECT_ROOT / "tools" / "cluster"
SEEDS = PROJECT_ROOT / "seeds"

sys.path.insert(0, str(TOOLS))
import procs  # noqa: E402
from api import AirflowAPI  # noqa: E402

pytestmark = [pytest.mark.standalone, pytest.mark.slow]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> list[int]:
    """Ctrl-C as a user would; what is left of the session 60 s later is returned, then killed."""
    try:
        os.killpg(process.pid, signal.SIGINT)
    except OSError:
        pass
    deadline = time.monotonic() + 60
    while procs.session_pids(process.pid) and time.monotonic() < deadline:
        time.sleep(0.5)
    left = procs.session_pids(process.pid)
    procs.kill_session(process.pid)
    process.wait(timeout=30)
    return left


def _default_sigint() -> None:
    """A shell's background job inherits SIGINT ignored; Ctrl-C must reach `airflow standalone`."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_make_standalone_serves_and_runs_the_dag(tmp_path):
    home, warehouse, port = tmp_path / "airflow-home", tmp_path / "warehouse", _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW") and k != "PYTHONPATH"}
    env.update({
        "EVENTLINE_RETRY_DELAY_SECONDS": "1",
        "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",  # manual runs only
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
    })
    log = tmp_path / "standalone.log"
    with log.open("w") as out:
        process = subprocess.Popen(["make", "-s", "-C", str(PROJECT_ROOT), "standalone", f"STANDALONE_HOME={home}",
                                    f"STANDALONE_PORT={port}"], stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, env=env, start_new_session=True,
                                   preexec_fn=_default_sigint)
    try:
        api = AirflowAPI(f"http://127.0.0.1:{port}", home / "simple_auth_manager_passwords.json.generated")
        api.wait_healthy(timeout=300)
        banner = log.read_text()
        assert f"UI:     http://localhost:{port}" in banner
        assert re.search(r"login:\s+admin, password in .*simple_auth_manager_passwords\.json\.generated", banner)
        listening = procs.listening_addresses([process.pid])
        assert port in {p for _, p in listening}
        assert all(procs.is_loopback(address) for address, _ in listening), listening

        api.wait_dag("eventline", timeout=120)
        run_id = api.trigger("eventline", {"input_dir": str(SEEDS), "warehouse_dir": str(warehouse)})
        state = api.wait_run("eventline", run_id, timeout=600)
        assert state == "success", log.read_text()[-3000:]
        task_instances = api.task_instances("eventline", run_id)
        assert {ti["task_id"] for ti in task_instances} >= {"ingest", "normalize_dates", "extract_events",
                                                             "order_timeline", "export_timeline"}
        assert all(ti["state"] == "success" for ti in task_instances)
        assert (warehouse / "timeline").is_dir()
    finally:
        left = _stop(process)
    assert not left, f"still running 60 s after Ctrl-C: {left}"
    assert not procs.session_pids(process.pid)
