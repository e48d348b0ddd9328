"""Reading and atomically replacing warehouse tables.

Each table is a directory holding one Parquet file, ``part-0.parquet``.  A new
version is written beside it under a hidden temporary name and moved over it
with ``os.replace``, which is atomic on POSIX file systems: a reader (pyarrow,
DuckDB, pandas, Polars, Spark all skip names starting with ``.`` or ``_``)
sees the old table or the new one, never half of one.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import faults
from pipeline.schemas import TABLES

PART_NAME = "part-0.parquet"
WORK_DIR_NAME = "_work"
LOCK_NAME = ".eventline.lock"


class WarehouseError(RuntimeError):
    """The warehouse cannot be used as asked (unwritable, locked, missing table)."""


def write_parquet_atomic(table: pa.Table, path: Path) -> Path:
    """Write ``table`` to ``path`` so that ``path`` is either absent, old or complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".tmp-{uuid.uuid4().hex}-{path.name}"
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def conform(rows_or_table: pa.Table | list[dict], name: str) -> pa.Table:
    """Build (or check) a table with exactly the schema of table ``name``."""
    schema = TABLES[name]
    if isinstance(rows_or_table, pa.Table):
        return rows_or_table.select(schema.names).cast(schema)
    names = set(schema.names)
    for row in rows_or_table:
        if row.keys() != names:
            raise ValueError(f"{name} row has columns {sorted(row.keys() ^ names)} wrong (missing or unknown)")
    return pa.Table.from_pylist(rows_or_table, schema=schema)


def table_path(warehouse: Path, name: str) -> Path:
    return Path(warehouse) / name


def write_table(table: pa.Table | list[dict], warehouse: Path, name: str) -> Path:
    """Replace warehouse table ``name`` as a whole."""
    return publish({name: table}, warehouse)[name]


def publish(tables: dict[str, pa.Table | list[dict]], warehouse: Path) -> dict[str, Path]:
    """Replace several tables: write every new file first, then swap them in.

    The slow part (writing Parquet) happens before any table changes, so the
    tables change within a few renames of each other; each single table is
    always one whole version.
    """
    staged: dict[str, tuple[Path, Path]] = {}
    try:
        for name, table in tables.items():
            table = conform(table, name)
            directory = table_path(warehouse, name)
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WarehouseError(f"cannot create {directory}: {exc.strerror}; choose a writable --warehouse") from exc
            tmp = directory / f".tmp-{uuid.uuid4().hex}-{PART_NAME}"
            staged[name] = (tmp, directory / PART_NAME)
            pq.write_table(table, tmp, compression="zstd")
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        faults.reach("publish:staged")
        for tmp, final in staged.values():
            os.replace(tmp, final)
            faults.reach("publish:swapping")
    finally:
        for tmp, _ in staged.values():
            tmp.unlink(missing_ok=True)
    for _, final in staged.values():
        _remove_strays(final.parent)
    return {name: final for name, (_, final) in staged.items()}


def _remove_strays(directory: Path) -> None:
    """Drop what a reader would pick up besides our file, and dead writers' temporaries."""
    for other in directory.iterdir():
        if other.name != PART_NAME and (other.name.startswith(".tmp-") or other.suffix == ".parquet"):
            other.unlink(missing_ok=True)


def read_table(warehouse: Path, name: str) -> pa.Table:
    """Read a whole table; an absent table reads as empty with its schema."""
    directory = table_path(warehouse, name)
    files = sorted(p for p in directory.glob("*.parquet") if not p.name.startswith((".", "_"))) if directory.is_dir() else []
    if not files:
        return TABLES[name].empty_table()
    return pa.concat_tables(pq.read_table(f) for f in files).select(TABLES[name].names).cast(TABLES[name])


def read_part(path: Path, name: str) -> pa.Table:
    """Read an intermediate Parquet file holding rows of table ``name``."""
    if not path.exists():
        return TABLES[name].empty_table()
    return pq.read_table(path).cast(TABLES[name])


def run_work_dir(warehouse: Path, run_id: str) -> Path:
    """Where one run keeps its intermediate files, keyed by run id (manual runs have no logical date)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", run_id).strip("._") or "run"
    return Path(warehouse) / WORK_DIR_NAME / safe


def check_writable(warehouse: Path) -> None:
    """Fail early with one clear line when the warehouse cannot be written."""
    warehouse = Path(warehouse)
    try:
        warehouse.mkdir(parents=True, exist_ok=True)
        probe = warehouse / f".probe-{uuid.uuid4().hex}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise WarehouseError(f"warehouse {warehouse} is not writable ({exc.strerror}); choose another --warehouse") from exc


def clean_work_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


OWNER_LOCK = ".owner.lock"
# A work folder no live process owns is garbage after this long (a failed DAG
# run's batches stay that long for a manual retry of its tasks).
STALE_WORK_SECONDS = 24 * 3600


@contextlib.contextmanager
def owned(work_dir: Path) -> Iterator[Path]:
    """Mark ``work_dir`` as in use by this process for as long as the block runs."""
    work_dir.mkdir(parents=True, exist_ok=True)
    with open(work_dir / OWNER_LOCK, "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        yield work_dir


def clean_stale_work(warehouse: Path, keep: Path | None = None) -> list[Path]:
    """Remove work folders of dead runs: owned by no live process, or old and unowned."""
    removed = []
    root = Path(warehouse) / WORK_DIR_NAME
    for path in sorted(root.iterdir()) if root.is_dir() else []:
        if not path.is_dir() or (keep is not None and path.resolve() == Path(keep).resolve()):
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
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


@contextlib.contextmanager
def locked(warehouse: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's write lock; two writers never interleave.

    Waits up to ``wait_seconds`` for another run to finish, then gives up
    with a message naming the lock file.
    """
    warehouse = Path(warehouse)
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
