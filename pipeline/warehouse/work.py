"""A run's own files in the warehouse: its work folder and the batches in it, the
write lock, the record of what each run did, and the cleanup of dead runs' files.

Manual Airflow runs have no logical date, so everything is keyed by run id.
The locks are POSIX file locks and so apply to local warehouses; on object
storage the DAG's ``max_active_runs=1`` keeps runs from interleaving.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import re
import time
from collections.abc import Iterator

from pipeline.warehouse.storage import AnyPath, as_path, is_local, rmtree, write_bytes_atomic
from pipeline.warehouse.tables import WarehouseError

WORK_DIR_NAME = "_work"
LOCK_NAME = ".eventline.lock"
OWNER_LOCK = ".owner.lock"
# A work folder no live process owns is garbage after this long (a failed DAG
# run's batches stay that long for a manual retry of its tasks).
STALE_WORK_SECONDS = 24 * 3600
ARTICLES_FILE = "articles.parquet"
DOCS_FILE = "docs.spacy"
TIMEXES_FILE = "timexes.parquet"
MENTIONS_FILE = "mentions.parquet"
ERRORS_FILE = "errors.parquet"
RUNS_DIR = "_runs"
KEEP_RUN_RECORDS = 200


def run_work_dir(warehouse: AnyPath | str, run_id: str) -> AnyPath:
    """Where one run keeps its intermediate files, keyed by run id (manual runs have no logical date)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", run_id).strip("._") or "run"
    return as_path(warehouse) / WORK_DIR_NAME / safe


def clean_work_dir(path: AnyPath) -> None:
    rmtree(as_path(path))


@contextlib.contextmanager
def owned(work_dir: AnyPath) -> Iterator[AnyPath]:
    """Mark ``work_dir`` as in use by this process for as long as the block runs (local only)."""
    if not is_local(work_dir):
        yield work_dir
        return
    work_dir.mkdir(parents=True, exist_ok=True)
    with open(work_dir / OWNER_LOCK, "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        yield work_dir


def clean_stale_work(warehouse: AnyPath | str, keep: AnyPath | None = None) -> list[AnyPath]:
    """Remove work folders of dead runs: owned by no live process, or old and unowned (local only)."""
    removed: list[AnyPath] = []
    root = as_path(warehouse) / WORK_DIR_NAME
    if not is_local(root):
        return removed
    for path in sorted(root.iterdir()) if root.is_dir() else []:
        if not path.is_dir() or (keep is not None and path.resolve() == as_path(keep).resolve()):
            continue
        lock = path / OWNER_LOCK
        if lock.exists():
            with open(lock, "a+") as fh:
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # its run is alive
        elif time.time() - path.stat().st_mtime < STALE_WORK_SECONDS:
            continue
        rmtree(path)
        removed.append(path)
    return removed


@contextlib.contextmanager
def locked(warehouse: AnyPath | str, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's write lock; two writers never interleave.

    Waits up to ``wait_seconds`` for another run to finish, then gives up
    with a message naming the lock file.  Object storage has no such lock.
    """
    warehouse = as_path(warehouse)
    if not is_local(warehouse):
        yield
        return
    warehouse.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse / LOCK_NAME
    with open(lock_path, "a+") as fh:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise WarehouseError(
                        f"another eventline run is writing {warehouse} (lock {lock_path}); "
                        "wait for it to finish or use another --warehouse"
                    ) from None
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def read_stats(batch_dirs: list[AnyPath]) -> list[dict]:
    """Every stats record the stages left in these batches."""
    return [json.loads(p.read_text()) for b in batch_dirs for p in sorted(as_path(b).glob("stats-*.json"), key=lambda p: p.name)]


def write_run_record(warehouse: AnyPath, run: str, batch_dirs: list[AnyPath], counts: dict, order_seconds: float) -> AnyPath:
    """Keep what a run handled and where its time went in ``_runs/<run>.json`` (readers skip ``_`` folders)."""
    seconds: dict[str, float] = {}
    tokens = 0
    for stats in read_stats(batch_dirs):
        tokens += stats.get("tokens", 0)
        for step, value in stats["seconds"].items():
            key = f"{stats['stage']}.{step}"
            seconds[key] = round(seconds.get(key, 0.0) + value, 4)
    seconds["order_timeline"] = round(order_seconds, 4)
    record = {"run": run, "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "batches": len(batch_dirs), "tokens_parsed": tokens, **counts, "seconds": seconds}
    path = as_path(warehouse) / RUNS_DIR / f"{run}.json"
    write_bytes_atomic(path, json.dumps(record, indent=2, sort_keys=True).encode())
    for old in sorted(path.parent.glob("*.json"), key=lambda p: p.name)[:-KEEP_RUN_RECORDS]:
        old.unlink(missing_ok=True)
    return path
