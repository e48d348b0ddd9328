"""Local folders and object storage (``s3://``, ``gs://``, any fsspec URL) behind one path type.

Plain paths and ``file://`` URLs become ``pathlib.Path``; other URLs become
``upath.UPath`` over fsspec, configured the usual way (for S3: the AWS
environment variables, ``AWS_ENDPOINT_URL`` for an S3-compatible server).
Writes are whole-object: a local file is written beside its target and
renamed over it; an object store makes a PUT visible only when complete.
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import Union
from urllib.parse import urlparse

import pyarrow as pa
import pyarrow.parquet as pq
from upath import UPath

AnyPath = Union[Path, UPath]


def as_path(location: str | os.PathLike) -> AnyPath:
    """The path type for ``location``: ``Path`` when local, ``UPath`` otherwise."""
    if isinstance(location, UPath):
        return location if not is_local(location) else Path(location.path)
    if isinstance(location, Path):
        return location
    text = os.fspath(location)
    if "://" not in text:
        return Path(text)
    if urlparse(text).scheme in ("file", "local"):
        return Path(urlparse(text).path)
    return UPath(text)


def is_local(path: AnyPath) -> bool:
    return getattr(path, "protocol", "") in ("", "file", "local")


def write_bytes_atomic(path: AnyPath, data: bytes) -> AnyPath:
    """Write ``data`` so that ``path`` is absent, old or complete, never partial."""
    if not is_local(path):
        path.write_bytes(data)  # one PUT: the object appears whole or not at all
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / temporary_name(path.name)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def temporary_name(name: str) -> str:
    """A hidden name that no reader's ``*.parquet`` glob matches (DuckDB's matches hidden files)."""
    return f".tmp-{uuid.uuid4().hex}-{name}.partial"


def parquet_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def write_parquet(table: pa.Table, path: AnyPath) -> AnyPath:
    """Write one Parquet file whole (see ``write_bytes_atomic``)."""
    return write_bytes_atomic(path, parquet_bytes(table))


def read_parquet(path: AnyPath, columns: list[str] | None = None) -> pa.Table:
    if is_local(path):
        return pq.read_table(path, columns=columns)
    return pq.read_table(pa.BufferReader(path.read_bytes()), columns=columns)


def read_parquet_schema(path: AnyPath) -> pa.Schema:
    """The schema (with its key-value metadata) of one Parquet file."""
    if is_local(path):
        return pq.read_schema(path)
    with path.open("rb") as fh:
        return pq.read_schema(fh)


def rmtree(path: AnyPath) -> None:
    """Remove a folder and everything below it; absent is fine."""
    if is_local(path):
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists():
        path.fs.rm(path.path, recursive=True)
