"""Reading and atomically replacing warehouse tables.

Each table is a directory holding one Parquet file, ``part-0.parquet``.  A new
version is written beside it under a hidden temporary name and moved over it
with ``os.replace``, which is atomic on POSIX file systems (on object storage
a PUT is: see ``pipeline.warehouse.storage``): a reader (pyarrow, DuckDB, pandas,
Polars, Spark all skip names starting with ``.`` or ``_``) sees the old table
or the new one, never half of one.

The warehouse may be a local folder or any fsspec URL (``s3://bucket/wh``).
The write lock and the dead-run cleanup use POSIX file locks and so apply to
local warehouses; on object storage the DAG's ``max_active_runs=1`` keeps
runs from interleaving.
"""
from __future__ import annotations

import os
import uuid

import pyarrow as pa

from pipeline import faults
from pipeline.warehouse.schemas import TABLES
from pipeline.warehouse.storage import (AnyPath, as_path, is_local, parquet_bytes, read_parquet, read_parquet_schema, temporary_name,
                              write_bytes_atomic, write_parquet)

PART_NAME = "part-0.parquet"
# Parquet key-value metadata naming the publish a table came from
GENERATION_KEY = "eventline.generation"


class WarehouseError(RuntimeError):
    """The warehouse cannot be used as asked (unwritable, locked, missing table)."""


def write_parquet_atomic(table: pa.Table, path: AnyPath) -> AnyPath:
    """Write ``table`` to ``path`` so that ``path`` is either absent, old or complete."""
    return write_parquet(table, as_path(path))


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


def table_path(warehouse: AnyPath | str, name: str) -> AnyPath:
    return as_path(warehouse) / name


def write_table(table: pa.Table | list[dict], warehouse: AnyPath | str, name: str) -> AnyPath:
    """Replace warehouse table ``name`` as a whole."""
    return publish({name: table}, warehouse)[name]


def publish(tables: dict[str, pa.Table | list[dict]], warehouse: AnyPath | str) -> dict[str, AnyPath]:
    """Replace several tables: write every new file first, then swap them in.

    The slow part (writing Parquet) happens before any table changes, so the
    tables change within a few renames of each other; each single table is
    always one whole version.  Every table of one publish carries the same
    generation id, so a reader can tell tables left from an interrupted
    publish apart.
    """
    stamp = {GENERATION_KEY: uuid.uuid4().hex}
    tables = {name: conform(table, name).replace_schema_metadata(stamp) for name, table in tables.items()}
    if not is_local(as_path(warehouse)):
        return _publish_objects(tables, as_path(warehouse))

    staged: dict[str, tuple[AnyPath, AnyPath]] = {}
    try:
        for name, table in tables.items():
            data = parquet_bytes(table)
            directory = table_path(warehouse, name)
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WarehouseError(f"cannot create {directory}: {exc.strerror}; choose a writable --warehouse") from exc
            tmp = directory / temporary_name(PART_NAME)
            staged[name] = (tmp, directory / PART_NAME)
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
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


def generation(warehouse: AnyPath | str, name: str) -> str | None:
    """Which publish wrote table ``name`` (tables published together share it)."""
    files = table_files(warehouse, name)
    if not files:
        return None
    metadata = read_parquet_schema(files[0]).metadata or {}
    return (metadata.get(GENERATION_KEY.encode()) or b"").decode() or None


def _publish_objects(tables: dict[str, pa.Table | list[dict]], warehouse: AnyPath) -> dict[str, AnyPath]:
    """Object storage: encode every table first, then one PUT each."""
    encoded = {name: parquet_bytes(table) for name, table in tables.items()}
    faults.reach("publish:staged")
    paths = {}
    for name, data in encoded.items():
        paths[name] = write_bytes_atomic(table_path(warehouse, name) / PART_NAME, data)
        faults.reach("publish:swapping")
    return paths


def _remove_strays(directory: AnyPath) -> None:
    """Drop what a reader would pick up besides our file, and dead writers' temporaries."""
    for other in directory.iterdir():
        if other.name != PART_NAME and (other.name.startswith(".tmp-") or other.suffix == ".parquet"):
            other.unlink(missing_ok=True)


def table_files(warehouse: AnyPath | str, name: str) -> list[AnyPath]:
    """The Parquet files of a table a reader should see: hidden and ``_`` names skipped, partitions included."""
    directory = table_path(warehouse, name)
    if not directory.is_dir():
        return []
    files = (p for p in directory.rglob("*.parquet")
             if not any(part.startswith((".", "_")) for part in p.relative_to(directory).parts))
    return sorted(files, key=lambda p: str(p))


def read_table(warehouse: AnyPath | str, name: str, columns: list[str] | None = None) -> pa.Table:
    """Read a table (or some of its columns); an absent table reads as empty with its schema."""
    schema = TABLES[name]
    if columns is not None:
        schema = pa.schema([schema.field(c) for c in columns])
    files = table_files(warehouse, name)
    if not files:
        return schema.empty_table()
    return pa.concat_tables(read_parquet(f, columns=schema.names) for f in files).select(schema.names).cast(schema)


def read_part(path: AnyPath, name: str) -> pa.Table:
    """Read an intermediate Parquet file holding rows of table ``name``."""
    path = as_path(path)
    if not path.exists():
        return TABLES[name].empty_table()
    return read_parquet(path).cast(TABLES[name])


def check_writable(warehouse: AnyPath | str) -> None:
    """Fail early with one clear line when the warehouse cannot be written."""
    warehouse = as_path(warehouse)
    try:
        warehouse.mkdir(parents=True, exist_ok=True)
        probe = warehouse / f".probe-{uuid.uuid4().hex}"
        probe.write_bytes(b"")
        probe.unlink()
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise WarehouseError(f"warehouse {warehouse} is not writable ({reason}); choose another --warehouse") from exc


