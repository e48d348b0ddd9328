"""Every table carries every column CONTRACT.md names, with the contract's types."""
from __future__ import annotations

import re

import pyarrow as pa
import pytest

from conftest import SHARED
from pipeline.warehouse.schemas import SOURCE, TABLES

CONTRACT = SHARED / "CONTRACT.md"


def contract_columns() -> dict[str, list[str]]:
    """Columns per table as CONTRACT.md lists them (the one-row-per table and the timeline table)."""
    text = CONTRACT.read_text(encoding="utf-8")
    columns: dict[str, list[str]] = {}
    for name, cells in re.findall(r"^\| `(\w+)/` \| (.+) \|$", text, flags=re.M):
        while re.search(r"\([^()]*\)", cells):  # drop explanations in parentheses
            cells = re.sub(r"\([^()]*\)", "", cells)
        columns[name] = re.findall(r"`(\w+)`", cells)
    timeline_section = text.split("### `timeline/` columns", 1)[1].split("**What one row is.**", 1)[0]
    columns["timeline"] = re.findall(r"^\| `(\w+)` \|", timeline_section, flags=re.M)
    columns["mentions"] = columns["timeline"]
    return columns


def test_contract_is_parsed():
    columns = contract_columns()
    assert set(columns) == set(TABLES)
    assert "sources" in columns["timeline"] and "published_source" in columns["articles"]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_schema_has_every_contract_column_in_contract_order(table):
    expected = contract_columns()[table]
    names = TABLES[table].names
    missing = [c for c in expected if c not in names]
    assert not missing, f"{table} lacks contract columns {missing}"
    assert names[: len(expected)] == expected, "contract columns come first, in contract order"


def test_timeline_types_are_the_contracts():
    schema = TABLES["timeline"]
    assert schema.field("seq").type == pa.int32()
    assert schema.field("date_start").type == pa.date32()
    assert schema.field("confidence").type == pa.float32()
    assert schema.field("n_sources").type == pa.int32()
    assert schema.field("actors").type == pa.list_(pa.string())
    assert schema.field("sources").type == pa.list_(SOURCE)
    assert SOURCE.names == ["article_id", "file", "sentence", "char_start", "char_end", "date_text", "published"]
