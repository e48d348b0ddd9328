"""Shared fixtures: an isolated Airflow home, the seeds, one pipeline run over them."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pipeline.config import PROJECT_ROOT  # noqa: E402  (cheap: no Airflow, no NLP)
from tools import SHARED_DIR as SHARED  # noqa: E402

SEEDS = PROJECT_ROOT / "seeds"
SCORER = SHARED / "eval" / "score_timeline.py"
GOLD = SHARED / "gold" / "seeds_timeline.csv"

# Airflow reads its configuration at import: point it at a throwaway home
# before any test imports it, so tests never touch the project's .airflow/.
_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="eventline-airflow-"))
os.environ["AIRFLOW_HOME"] = str(_AIRFLOW_HOME)
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(PROJECT_ROOT / "dags")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["EVENTLINE_RETRY_DELAY_SECONDS"] = "0"


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    """A migrated SQLite metadata DB in the throwaway Airflow home."""
    airflow = Path(sys.executable).parent / "airflow"
    result = subprocess.run([str(airflow), "db", "migrate"], capture_output=True, text=True, env=os.environ.copy())
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    yield _AIRFLOW_HOME
    shutil.rmtree(_AIRFLOW_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_warehouse(tmp_path_factory) -> Path:
    """One CLI run over the seeds, shared by the read-only tests."""
    from pipeline.run import run_pipeline

    warehouse = tmp_path_factory.mktemp("seed-warehouse")
    run_pipeline(SEEDS, warehouse)
    return warehouse


def run_scorer(timeline: Path) -> dict[str, str]:
    """Run the shared scorer and parse its summary line into a dict."""
    result = subprocess.run([sys.executable, str(SCORER), "--timeline", str(timeline), "--gold", str(GOLD)],
                            capture_output=True, text=True, check=True)
    summary = result.stdout.strip().splitlines()[-1]
    return dict(part.split("=", 1) for part in summary.split())
