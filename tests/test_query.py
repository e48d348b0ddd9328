"""SQL over the warehouse: a view per table, hidden temporaries ignored, one-line errors, readable output."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from factories import event, make_warehouse

from pipeline.outputs.query import MAX_ROWS_SHOWN, QueryError, format_table, query
from pipeline.warehouse.tables import WarehouseError, write_table

D = dt.date


@pytest.fixture()
def warehouse(tmp_path):
    wh = make_warehouse(tmp_path / "wh", [
        event(0, D(2030, 5, 8), people=["Ann Lee", "Bo Chen"]),
        event(1, D(2030, 6, 1), code="190", source="Freedonia", target="Ruritania"),
        event(2, D(2030, 1, 1), D(2030, 12, 31), granularity="year", summary="[bold]not markup[/bold]"),
    ])
    write_table([{"file": "bad.bin", "reason": "binary", "detail": "NUL bytes"}], wh, "quarantine")
    return wh


def test_each_present_table_is_a_view(warehouse):
    t = query(warehouse, "SELECT seq, cameo_code, actors FROM timeline WHERE cameo_code LIKE '19%' ORDER BY seq")
    assert t.to_pylist() == [{"seq": 1, "cameo_code": "190", "actors": ["Freedonia", "Ruritania"]}]
    assert query(warehouse, "SELECT reason FROM quarantine").column("reason").to_pylist() == ["binary"]
    flat = query(warehouse, "SELECT seq, unnest(sources).file AS file FROM timeline ORDER BY seq")
    assert flat.column("file").to_pylist() == ["art0.txt", "art1.txt", "art2.txt"]


def test_hidden_temporaries_of_a_writer_are_not_read(warehouse):
    stray = pq.read_table(warehouse / "timeline" / "part-0.parquet")
    pq.write_table(stray, warehouse / "timeline" / ".tmp-deadbeef-part-0.parquet")
    pq.write_table(stray, warehouse / "timeline" / "_partial.parquet")
    assert query(warehouse, "SELECT count(*) AS n FROM timeline").column("n").to_pylist() == [3]


def test_absent_table_error_names_the_tables_present(warehouse):
    with pytest.raises(QueryError) as info:
        query(warehouse, "SELECT * FROM timexes")
    message = str(info.value)
    assert message.startswith("SQL error: ") and "timexes" in message
    assert "quarantine, timeline" in message and "\n" not in message


@pytest.mark.parametrize("sql", ["SELEC 1", "SELECT no_such_column FROM timeline", "SELECT 1 +"])
def test_sql_errors_are_one_line(warehouse, sql):
    with pytest.raises(QueryError) as info:
        query(warehouse, sql)
    assert str(info.value).startswith("SQL error: ") and "\n" not in str(info.value) and "LINE 1" not in str(info.value)
    assert f"eventline: {info.value}".count("\n") == 0


def test_missing_warehouse_is_a_clear_error(tmp_path):
    with pytest.raises(WarehouseError, match="no warehouse at"):
        query(tmp_path / "nowhere", "SELECT 1")


def test_csv_output_flattens_lists_and_keeps_every_row(warehouse):
    t = query(warehouse, "SELECT seq, date_start, people, confidence, location FROM timeline ORDER BY seq")
    rows = list(csv.reader(io.StringIO(format_table(t, csv=True))))
    assert rows[0] == ["seq", "date_start", "people", "confidence", "location"]
    assert rows[1] == ["0", "2030-05-08", "Ann Lee; Bo Chen", "0.6", ""]
    assert len(rows) == 4


def test_text_output_is_a_table_without_markup(warehouse):
    text = format_table(query(warehouse, "SELECT seq, summary FROM timeline ORDER BY seq"))
    assert "seq" in text and "summary" in text and "Ruritania visits Freedonia (0)" in text
    assert "[bold]not markup[/bold]" in text, "article text is printed as it is, not as rich markup"
    assert text.rstrip().endswith("3 rows")


def test_text_output_of_a_long_result_says_it_is_cut(tmp_path):
    big = pa.table({"n": list(range(MAX_ROWS_SHOWN + 5))})
    text = format_table(big)
    assert text.rstrip().endswith(f"{MAX_ROWS_SHOWN + 5} rows (first {MAX_ROWS_SHOWN} shown; add --csv for all)")
    assert format_table(big, csv=True).count("\n") == MAX_ROWS_SHOWN + 6
