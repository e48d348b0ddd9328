"""SQL over the warehouse: each table a DuckDB view, results as Arrow, printed for people or as CSV.

Views list the table's visible Parquet files (``warehouse.table_files``)
rather than globbing in SQL, so hidden and ``_`` names are skipped the way
every other reader skips them.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.warehouse.schemas import TABLES
from pipeline.warehouse.storage import as_path, is_local
from pipeline.warehouse.tables import WarehouseError, read_table, table_files, table_path

MAX_ROWS_SHOWN = 1000
LIST_SEP = "; "


class QueryError(ValueError):
    """The SQL could not be run; the message is one line, starting ``SQL error:``."""


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def connect(warehouse: Path | str) -> Any:
    """An in-memory DuckDB connection with a view per table present in ``warehouse``."""
    import duckdb

    warehouse = as_path(warehouse)
    if not warehouse.is_dir():
        raise WarehouseError(f"no warehouse at {warehouse}; run `make run` first or pass --warehouse")
    con = duckdb.connect(":memory:")
    for name in TABLES:
        files = table_files(warehouse, name)
        if not files:
            continue
        if not is_local(warehouse):
            # DuckDB reads object storage only through an extension it would download; hand it Arrow instead
            con.register(name, read_table(warehouse, name))
            continue
        hive = any(len(f.relative_to(table_path(warehouse, name)).parts) > 1 for f in files)
        listing = "[" + ", ".join(_sql_string(str(f)) for f in files) + "]"
        con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM read_parquet({listing}, hive_partitioning = {str(hive).lower()})')
    return con


def tables_present(warehouse: Path) -> list[str]:
    return [name for name in TABLES if table_files(warehouse, name)]


def _one_line(message: str) -> str:
    """DuckDB messages span lines (the SQL again, a caret under it); the CLI prints one."""
    lines = [line.strip() for line in str(message).splitlines()
             if line.strip() and not line.strip().startswith("LINE ") and not set(line.strip()) <= set("^")]
    return " ".join(lines[:3]) if lines else "unknown error"


def query(warehouse: Path, sql: str) -> pa.Table:
    """Run ``sql`` over the warehouse's tables and return the result (empty for statements without one)."""
    import duckdb

    con = connect(warehouse)
    try:
        relation = con.sql(sql)
        return relation.to_arrow_table() if relation is not None else pa.table({})
    except duckdb.Error as exc:
        message = _one_line(str(exc))
        if isinstance(exc, duckdb.CatalogException):
            present = tables_present(warehouse)
            message += f" (tables in {warehouse}: {', '.join(present) if present else 'none'})"
        raise QueryError(f"SQL error: {message}") from None
    finally:
        con.close()


def cell_text(value: Any) -> str:
    """One value as readable text: lists joined with ``; ``, structs as JSON, dates as ISO, null as empty."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 6))
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return LIST_SEP.join(cell_text(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def format_table(table: pa.Table, csv: bool = False) -> str:
    """The result as CSV (every row) or as a table for a terminal (the first ``MAX_ROWS_SHOWN`` rows)."""
    return _as_csv(table) if csv else _as_text(table)


def _as_csv(table: pa.Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow(cell_text(v) for v in row.values())
    return buf.getvalue()


def _as_text(table: pa.Table) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    n = table.num_rows
    out = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name, field in zip(table.column_names, table.schema):
        numeric = pa.types.is_integer(field.type) or pa.types.is_floating(field.type) or pa.types.is_decimal(field.type)
        out.add_column(Text(name), justify="right" if numeric else "left", overflow="fold")
    for row in table.slice(0, MAX_ROWS_SHOWN).to_pylist():
        # Text, not str: article text holding "[bold]" must not be read as markup.
        out.add_row(*(Text(cell_text(v)) for v in row.values()))
    buf = io.StringIO()
    width = shutil.get_terminal_size((160, 24)).columns
    Console(file=buf, width=width, color_system=None, force_terminal=False, soft_wrap=False).print(out)
    footer = f"{n} row{'' if n == 1 else 's'}"
    if n > MAX_ROWS_SHOWN:
        footer += f" (first {MAX_ROWS_SHOWN} shown; add --csv for all)"
    lines = [line.rstrip() for line in buf.getvalue().rstrip("\n").splitlines()]
    return "\n".join(lines + [footer]) + "\n"
