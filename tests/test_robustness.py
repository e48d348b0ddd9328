"""Nothing lost, nothing half-written: hostile input, killed runs, retries, concurrent runs."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT_ROOT, SEEDS
from pipeline.run import run_pipeline
from pipeline.warehouse.schemas import TABLES
from pipeline.warehouse.tables import read_table
from pipeline.warehouse.work import WORK_DIR_NAME, locked

GOOD = ("Rebel forces seized the northern town of Arvel on Sunday, the army said on Monday. "
        "The defence minister promised a counter-offensive next week.\n")


def hostile_folder(root: Path) -> Path:
    """Good articles mixed with every bad kind the contract names."""
    folder = root / "hostile"
    folder.mkdir()
    outside = root / "outside.txt"
    outside.write_text("Secret words from outside the input folder.", encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "twin.txt").write_text(GOOD, encoding="utf-8")
    (folder / "bom_crlf.txt").write_bytes(("\ufeff" + "date 2030-03-02 Talks resume\r\n" + GOOD.replace("\n", "\r\n")
                                           + "Envoys met in Vienna on Friday.\r\n").encode("utf-8"))
    (folder / "one_line.txt").write_text(("The ceasefire held on Tuesday. " * 3200)[:100_000], encoding="utf-8")
    (folder / "bad_date.txt").write_text("Protesters marched in the capital on Saturday.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\n\t ")
    (folder / "random.txt").write_bytes(os.urandom(4096))
    (folder / "latin1.txt").write_bytes("Le pr\u00e9sident a d\u00e9clar\u00e9 la tr\u00eave.".encode("latin-1"))
    (folder / "huge.txt").write_text("The war went on. " * 250_000, encoding="utf-8")  # about 4 MB
    os.symlink(outside, folder / "link.txt")
    (folder / "manifest.csv").write_text(
        "file,published\ngood.txt,2030-03-01\n../../etc/passwd,2030-03-01\nmissing.txt,2030-03-01\n"
        "bad_date.txt,2021-02-30\nbom_crlf.txt,2030-03-02\n", encoding="utf-8")
    return folder


def test_hostile_input_runs_to_completion(tmp_path):
    summary = run_pipeline(hostile_folder(tmp_path), tmp_path / "wh")
    quarantine = {q["file"]: q["reason"] for q in read_table(tmp_path / "wh", "quarantine").to_pylist()}
    assert quarantine == {
        "empty.txt": "empty", "blank.txt": "empty", "random.txt": "binary", "latin1.txt": "not_utf8",
        "huge.txt": "too_large", "link.txt": "symlink", "../../etc/passwd": "manifest_path_outside_input",
        "missing.txt": "manifest_missing_file",
    }
    articles = {a["file"]: a for a in read_table(tmp_path / "wh", "articles").to_pylist()}
    assert set(articles) == {"bad_date.txt", "bom_crlf.txt", "good.txt", "one_line.txt"}
    assert articles["good.txt"]["files"] == ["good.txt", "twin.txt"]
    assert articles["bad_date.txt"]["published"] is None and articles["bad_date.txt"]["warnings"]
    assert articles["bom_crlf.txt"]["published"] == dt.date(2030, 3, 2)
    assert all("Secret" not in a["body"] for a in articles.values())
    assert summary.articles == 4


# --- arbitrary text through every stage -------------------------------------------------

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=400), st.binary(max_size=400).map(lambda b: b.decode("utf-8", "replace")),
                      st.lists(st.sampled_from(["On", "Monday", "2021-02-30", "Sept. 31", "year 0", "said", "Putin", "the",
                                                "talks", "9/11", "1234567890123456789012345678901234567890", "\n", ".",
                                                "last", "week", "will", "invade", "not", "\u201c", "May"]),
                               max_size=60).map(" ".join)),
       published=st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))))
def test_any_text_goes_through_dates_and_events_without_raising(nlp, text, published):
    from pipeline.dates import timexes_for_doc
    from pipeline.events import mentions_for_doc

    doc = nlp(text)
    timexes = timexes_for_doc(doc, "a1", published)
    for t in timexes:
        assert 0 <= t["char_start"] <= t["char_end"] <= len(text) and text[t["char_start"]:t["char_end"]] == t["text"]
    article = {"article_id": "a1", "file": "a.txt", "title": None, "published": published, "body": text}
    for m in mentions_for_doc(doc, article, timexes):
        for s in m["sources"]:
            assert 0 <= s["char_start"] <= s["char_end"] <= len(text) and text[s["char_start"]:s["char_end"]] == s["sentence"]


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300), name=st.sampled_from(["a.txt", "b.TXT", "c.csv"]))
def test_any_bytes_are_an_article_or_one_quarantine_row(tmp_path_factory, data, name):
    from pipeline.ingest.reader import read_articles

    folder = tmp_path_factory.mktemp("bytes")
    (folder / name).write_bytes(data)
    result = read_articles(folder)
    assert len(result.articles) + len(result.quarantine) == 1


# --- killed runs -------------------------------------------------------------------------

def cli_run(input_dir: Path, warehouse: Path, faults: str = "", **env) -> subprocess.Popen:
    environ = {**os.environ, "EVENTLINE_FAULTS": faults, **env}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", "--quiet", "--input", str(input_dir), "--warehouse", str(warehouse)],
                            cwd=PROJECT_ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def snapshot(warehouse: Path) -> dict:
    return {name: read_table(warehouse, name) for name in TABLES}


def wait_for(predicate, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "the run never reached the point to kill it at"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """A warehouse holding the 'old' version (one article) and the tables of the 'new' one (the seeds)."""
    root = tmp_path_factory.mktemp("versions")
    old_input = root / "old"
    old_input.mkdir()
    (old_input / "good.txt").write_text(GOOD, encoding="utf-8")
    old_wh, new_wh = root / "old_wh", root / "new_wh"
    run_pipeline(old_input, old_wh)
    run_pipeline(SEEDS, new_wh)
    return old_wh, snapshot(old_wh), snapshot(new_wh)


def assert_each_table_whole(warehouse: Path, old: dict, new: dict) -> list[str]:
    """Every table equals the old or the new version; returns which (tables equal in both count as either)."""
    which = []
    for name in TABLES:
        table = read_table(warehouse, name)
        is_old, is_new = table.equals(old[name]), table.equals(new[name])
        assert is_old or is_new, f"{name} is neither version"
        which.append("new" if is_new and not is_old else "old" if is_old and not is_new else "either")
    return which


def same(which: list[str], expected: list[str]) -> bool:
    return all(w == "either" or w == e for w, e in zip(which, expected))


@pytest.mark.slow
@pytest.mark.parametrize("point", ["normalize_dates", "extract_events", "publish:staged", "publish:swapping"])
def test_a_run_killed_at_any_point_leaves_whole_tables_and_the_next_run_cleans_up(versions, tmp_path, point):
    old_wh, old, new = versions
    warehouse = tmp_path / "wh"
    shutil.copytree(old_wh, warehouse)
    proc = cli_run(SEEDS, warehouse, faults=f"{point}:sleep=60")
    if point.startswith("publish"):
        marker = (lambda: any((warehouse / "timeline").glob(".tmp-*"))) if point == "publish:staged" else \
                 (lambda: read_table(warehouse, "articles").num_rows == new["articles"].num_rows)
    else:
        marker = lambda: any((warehouse / WORK_DIR_NAME).glob("*/batch-*/articles.parquet"))  # noqa: E731
    try:
        wait_for(marker)
        if point.startswith("publish") or point == "extract_events":
            time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    which = assert_each_table_whole(warehouse, old, new)
    assert same(which, ["new", "old", "old", "old", "old"] if point == "publish:swapping" else ["old"] * 5), which

    done = cli_run(SEEDS, warehouse)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err[-2000:]
    assert same(assert_each_table_whole(warehouse, old, new), ["new"] * 5)
    leftovers = [p for p in warehouse.rglob("*") if p.name.startswith(".tmp-")] + list((warehouse / WORK_DIR_NAME).glob("*"))
    assert leftovers == []


def test_a_second_writer_gives_up_with_a_clear_message(tmp_path):
    with locked(tmp_path / "wh"):
        proc = cli_run(SEEDS, tmp_path / "wh", EVENTLINE_LOCK_WAIT_SECONDS="1")
        out, err = proc.communicate(timeout=300)
    assert proc.returncode == 2
    assert "another eventline run is writing" in err
    assert not (tmp_path / "wh" / "timeline").exists()


# --- retries in Airflow ------------------------------------------------------------------

@pytest.mark.slow
def test_a_batch_that_fails_once_succeeds_on_retry_without_duplicates(airflow_db, versions, tmp_path, monkeypatch):
    from airflow.models.dagbag import DagBag
    from airflow.utils.state import DagRunState

    _, _, new = versions
    monkeypatch.setenv("EVENTLINE_FAULTS", f"extract_events:fail_once={tmp_path / 'failed-once'}")
    dag = DagBag(dag_folder=str(PROJECT_ROOT / "dags")).get_dag("eventline")
    run = dag.test(run_conf={"input_dir": str(SEEDS), "warehouse_dir": str(tmp_path / "wh")})
    assert (tmp_path / "failed-once").exists(), "the fault was injected"
    assert run.state == DagRunState.SUCCESS
    for name in TABLES:
        assert read_table(tmp_path / "wh", name).equals(new[name]), name


@pytest.mark.slow
def test_a_batch_that_keeps_failing_fails_the_run_and_keeps_the_previous_timeline(airflow_db, versions, tmp_path, monkeypatch):
    from airflow.models.dagbag import DagBag
    from airflow.utils.state import DagRunState

    old_wh, old, new = versions
    warehouse = tmp_path / "wh"
    shutil.copytree(old_wh, warehouse)
    monkeypatch.setenv("EVENTLINE_FAULTS", "extract_events:fail")
    dag = DagBag(dag_folder=str(PROJECT_ROOT / "dags")).get_dag("eventline")
    run = dag.test(run_conf={"input_dir": str(SEEDS), "warehouse_dir": str(warehouse)})
    assert run.state == DagRunState.FAILED
    assert same(assert_each_table_whole(warehouse, old, new), ["old"] * 5)
