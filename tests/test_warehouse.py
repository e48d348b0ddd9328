"""Tables are replaced whole: a failed write leaves the previous version readable."""
from __future__ import annotations

import os
import pytest

from pipeline.warehouse import tables as wh
from pipeline.warehouse import work

ROW = {"file": "a.txt", "reason": "empty", "detail": "the file is empty"}


def test_write_then_read_round_trip(tmp_path):
    wh.write_table([ROW], tmp_path, "quarantine")
    assert wh.read_table(tmp_path, "quarantine").to_pylist() == [ROW]
    assert [p.name for p in (tmp_path / "quarantine").iterdir()] == [wh.PART_NAME]


def test_absent_table_reads_empty_with_its_schema(tmp_path):
    table = wh.read_table(tmp_path, "timeline")
    assert table.num_rows == 0 and table.schema.names[:2] == ["seq", "event_id"]


def test_failed_write_keeps_previous_version_and_leaves_no_temporary(tmp_path, monkeypatch):
    wh.write_table([ROW], tmp_path, "quarantine")

    def broken(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)  # the new file is half on disk when this fails
    with pytest.raises(OSError, match="disk full"):
        wh.write_table([ROW, ROW], tmp_path, "quarantine")
    monkeypatch.undo()
    assert wh.read_table(tmp_path, "quarantine").to_pylist() == [ROW]
    assert [p.name for p in (tmp_path / "quarantine").iterdir()] == [wh.PART_NAME]


def test_leftover_temporaries_are_removed_by_the_next_write(tmp_path):
    wh.write_table([ROW], tmp_path, "quarantine")
    (tmp_path / "quarantine" / ".tmp-dead-part-0.parquet.partial").write_bytes(b"junk")
    wh.write_table([ROW], tmp_path, "quarantine")
    assert [p.name for p in (tmp_path / "quarantine").iterdir()] == [wh.PART_NAME]


def test_temporaries_are_invisible_to_duckdb_globs(tmp_path):
    import duckdb

    wh.write_table([ROW], tmp_path, "quarantine")
    from pipeline.warehouse.storage import temporary_name
    (tmp_path / "quarantine" / temporary_name(wh.PART_NAME)).write_bytes(b"PAR1 half written")
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path}/quarantine/*.parquet'").fetchall() == [(1,)]


def test_wrong_columns_are_refused(tmp_path):
    with pytest.raises(ValueError, match=r"timeline row has columns .*wrong"):
        wh.write_table([{"file": "a.txt"}], tmp_path, "timeline")
    assert not (tmp_path / "timeline").exists()


def test_second_writer_is_refused_with_a_clear_message(tmp_path):
    with work.locked(tmp_path):
        with pytest.raises(wh.WarehouseError, match="another eventline run"):
            with work.locked(tmp_path, wait_seconds=0.2):
                pass
    with work.locked(tmp_path):  # released
        pass


def test_unwritable_warehouse_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(wh.WarehouseError, match="not writable"):
        wh.check_writable(blocker / "warehouse")


def test_run_ids_become_safe_folder_names(tmp_path):
    path = work.run_work_dir(tmp_path, "manual__2026-11-23T09:02:24.689673+00:00")
    assert path.parent == tmp_path / "_work" and "/" not in path.name and ":" not in path.name
