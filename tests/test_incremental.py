"""Reruns reuse per-article results: only new or changed articles are parsed again."""
from __future__ import annotations

import shutil

from conftest import SEEDS
from pipeline.config import get_settings
from pipeline.ingest import version
from pipeline.ingest.batches import ingest
from pipeline.run import run_pipeline
from pipeline.warehouse.schemas import TABLES
from pipeline.warehouse.tables import read_part, read_table

NEW = "Officials of Ruritania met envoys of Freedonia in Geneva on Monday, the foreign ministry said on Tuesday.\n"


def batched_files(batches) -> list[str]:
    return [f for b in batches for f in read_part(b / "articles.parquet", "articles").column("file").to_pylist()]


def test_only_a_new_article_is_batched_and_the_result_equals_a_full_run(seed_warehouse, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    (folder / "zz_new.txt").write_text(NEW, encoding="utf-8")
    warehouse = tmp_path / "wh"
    shutil.copytree(seed_warehouse, warehouse)

    assert batched_files(ingest(folder, tmp_path / "probe", warehouse=warehouse)) == ["zz_new.txt"]

    run_pipeline(folder, warehouse)
    full = tmp_path / "full"
    run_pipeline(folder, full, run_id="full")  # fresh warehouse: everything parsed
    for name in TABLES:
        assert read_table(warehouse, name).equals(read_table(full, name)), name
    assert read_table(warehouse, "articles").num_rows == 6


def test_a_changed_pipeline_version_reprocesses_everything(seed_warehouse, tmp_path, monkeypatch):
    monkeypatch.setattr(version, "pipeline_version", lambda model=None: "another-version")
    assert len(batched_files(ingest(SEEDS, tmp_path / "work", warehouse=seed_warehouse))) == 5


def test_a_changed_publication_date_reprocesses_that_article(seed_warehouse, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    manifest = (folder / "manifest.csv").read_text(encoding="utf-8").splitlines()
    first = manifest[1].split(",")
    first[1] = "2020-01-01"
    manifest[1] = ",".join(first)
    (folder / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    assert batched_files(ingest(folder, tmp_path / "work", warehouse=seed_warehouse)) == [first[0]]


def test_reuse_can_be_turned_off(seed_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTLINE_REUSE", "0")
    assert len(batched_files(ingest(SEEDS, tmp_path / "work", warehouse=seed_warehouse))) == 5
    assert get_settings().reuse is False


def test_the_version_covers_analysis_code_and_data_but_not_what_runs_after():
    names = {p.relative_to(version.PACKAGE_DIR).as_posix() for p in version.analysis_files()}
    tops = {n.split("/")[0].removesuffix(".py") for n in names}
    assert {"dates", "events", "nlp"} <= tops
    assert any(n.startswith("data/events/") for n in names) and any(n.startswith("data/dates/") for n in names)
    assert not {"timeline", "run", "__main__", "ingest", "outputs", "warehouse", "config"} & tops
    assert not any(n.startswith("data/timeline/") for n in names)
