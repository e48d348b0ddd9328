"""A small client of Airflow 3's public REST API (stdlib only), for the tests and measure.py.

It logs in through the auth manager's /auth/token, as a user of the UI would,
so the tests exercise the same path as any external client.
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

TERMINAL = {"success", "failed"}


class AirflowAPI:
    def __init__(self, base_url: str, password_file: Path, username: str = "admin"):
        self.base = base_url.rstrip("/")
        self.password_file = Path(password_file)
        self.username = username
        self._token: str | None = None

    def healthy(self) -> bool:
        """True once the API server answers and sees a healthy scheduler and dag-processor."""
        try:
            with urllib.request.urlopen(f"{self.base}/api/v2/monitor/health", timeout=5) as response:
                health = json.load(response)
        except (OSError, ValueError):
            return False
        return all(health.get(part, {}).get("status") == "healthy" for part in ("metadatabase", "scheduler", "dag_processor"))

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self.healthy():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.base}/api/v2/monitor/health not healthy after {timeout:.0f} s")
            time.sleep(1)

    def token(self) -> str:
        if self._token is None:
            password = json.loads(self.password_file.read_text())[self.username]
            body = self._call("POST", "/auth/token", {"username": self.username, "password": password}, auth=False)
            self._token = body["access_token"]
        return self._token

    def _call(self, method: str, path: str, body: dict | None = None, auth: bool = True):
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.token()}"
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as err:
            raise RuntimeError(f"{method} {path}: {err.code} {err.read()[:500]!r}") from err

    def get(self, path: str):
        return self._call("GET", path)

    def wait_dag(self, dag_id: str, timeout: float) -> None:
        """Until the dag-processor has parsed the DAG into the metadata DB."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.get(f"/api/v2/dags/{dag_id}")
                return
            except RuntimeError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)

    def unpause(self, dag_id: str) -> None:
        self._call("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": False})

    def trigger(self, dag_id: str, conf: dict) -> str:
        run = self._call("POST", f"/api/v2/dags/{dag_id}/dagRuns", {"logical_date": None, "conf": conf})
        return run["dag_run_id"]

    def run_state(self, dag_id: str, run_id: str) -> str:
        return self.get(f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")["state"]

    def wait_run(self, dag_id: str, run_id: str, timeout: float, on_poll=None) -> str:
        """Poll until the run ends; on_poll(task_instances) is called on every poll."""
        deadline = time.monotonic() + timeout
        while True:
            if on_poll is not None:
                on_poll(self.task_instances(dag_id, run_id))
            state = self.run_state(dag_id, run_id)
            if state in TERMINAL:
                return state
            if time.monotonic() > deadline:
                raise TimeoutError(f"run {run_id} still {state} after {timeout:.0f} s")
            time.sleep(0.5)

    def task_instances(self, dag_id: str, run_id: str) -> list[dict]:
        return self.get(f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances?limit=1000")["task_instances"]

    def tries(self, dag_id: str, run_id: str, task_id: str, map_index: int) -> list[dict]:
        """Every try of one task instance (earlier tries come from the history table)."""
        path = f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task_id}/{map_index}/tries"
        return self.get(path)["task_instances"]


def read_env_file(path: Path) -> dict[str, str]:
    """The ``export KEY=VALUE`` lines of the ``cluster.env`` that up.sh writes (ports, secrets, URLs)."""
    values = {}
    for line in path.read_text().splitlines():
        if line.startswith("export "):
            for pair in line[len("export "):].split():
                key, _, value = pair.partition("=")
                values[key] = value
    return values
