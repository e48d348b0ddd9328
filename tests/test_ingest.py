"""Ingest: every article read once, every bad file one quarantine row with its reason."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from pipeline.ingest.batches import ingest
from pipeline.ingest.reader import InputError, article_id_for, read_articles
from pipeline.warehouse.tables import read_part

BODY = "Officials met in Geneva on Monday.\nThey agreed to meet again next month.\n"


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def reasons(result) -> dict[str, str]:
    return {q["file"]: q["reason"] for q in result.quarantine}


def test_header_line_gives_date_and_title_and_is_not_body(tmp_path):
    write(tmp_path, "a.txt", " date 2021-10-22 Leaders meet\n\n" + BODY)
    (article,) = read_articles(tmp_path).articles
    assert article["published"] == dt.date(2021, 10, 22)
    assert article["published_source"] == "header"
    assert article["title"] == "Leaders meet"
    assert article["body"].startswith("Officials met")
    assert article["n_chars"] == len(article["body"])


def test_manifest_wins_over_header_and_records_the_disagreement(tmp_path):
    write(tmp_path, "a.txt", "date 2021-10-21 Leaders meet\n" + BODY)
    write(tmp_path, "manifest.csv", "file,published,source_url\na.txt,2021-10-22,https://example.org/a\n")
    (article,) = read_articles(tmp_path).articles
    assert article["published"] == dt.date(2021, 10, 22)
    assert article["published_source"] == "manifest"
    assert article["source_url"] == "https://example.org/a"
    assert any("differs" in w for w in article["warnings"])


def test_impossible_manifest_date_is_a_warning_and_the_article_goes_on(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.csv", "file,published\na.txt,2021-02-30\n")
    result = read_articles(tmp_path)
    (article,) = result.articles
    assert article["published"] is None and article["published_source"] == "none"
    assert any("2021-02-30" in w for w in article["warnings"])
    assert result.quarantine == []


def test_no_date_anywhere(tmp_path):
    write(tmp_path, "a.txt", BODY)
    (article,) = read_articles(tmp_path).articles
    assert article["published"] is None and article["published_source"] == "none"


def test_bom_and_crlf_are_normalized_and_ids_follow_the_body(tmp_path):
    write(tmp_path, "a.txt", "\ufeff" + BODY.replace("\n", "\r\n"))
    (article,) = read_articles(tmp_path).articles
    assert "\r" not in article["body"] and not article["body"].startswith("\ufeff")
    assert article["article_id"] == article_id_for(BODY.strip())


def test_duplicate_body_under_another_name_is_one_article_with_both_names(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "b.txt", BODY.replace("\n", "\r\n"))
    result = read_articles(tmp_path)
    (article,) = result.articles
    assert article["files"] == ["a.txt", "b.txt"] and article["file"] == "a.txt"
    assert any("same body" in w for w in article["warnings"])


def test_a_single_very_long_line_is_valid(tmp_path):
    write(tmp_path, "long.txt", "word " * 20_000)
    assert len(read_articles(tmp_path).articles) == 1


def test_title_inferred_from_a_headline_first_line(tmp_path):
    write(tmp_path, "a.txt", "Leaders Agree To Meet Again\n\n" + BODY)
    write(tmp_path, "b.txt", BODY + "More.")
    titles = {a["file"]: a["title"] for a in read_articles(tmp_path).articles}
    assert titles == {"a.txt": "Leaders Agree To Meet Again", "b.txt": None}


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\r\n ", "empty"),
    ("bom-only.txt", "\ufeff\n".encode(), "empty"),
    ("random.txt", bytes(range(256)) * 4, "binary"),
    ("latin1.txt", "Caf\u00e9 au lait, d\u00e9j\u00e0 vu.".encode("latin-1"), "not_utf8"),
    ("notes.md", b"# not an article", "not_txt"),
])
def test_bad_files_are_quarantined_with_their_reason(tmp_path, name, data, reason):
    write(tmp_path, "good.txt", BODY)
    write(tmp_path, name, data)
    result = read_articles(tmp_path)
    assert [a["file"] for a in result.articles] == ["good.txt"]
    assert reasons(result) == {name: reason}
    assert all(q["detail"] for q in result.quarantine)


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTLINE_MAX_FILE_BYTES", "1000")
    write(tmp_path, "big.txt", "x" * 1001)
    write(tmp_path, "good.txt", BODY)
    assert reasons(read_articles(tmp_path)) == {"big.txt": "too_large"}


def test_symlink_is_refused_and_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = write(outside, "secret.txt", "Secret text that must not be read.")
    folder = tmp_path / "in"
    folder.mkdir()
    os.symlink(secret, folder / "link.txt")
    write(folder, "good.txt", BODY)
    result = read_articles(folder)
    assert reasons(result) == {"link.txt": "symlink"}
    assert all("Secret" not in a["body"] for a in result.articles)


def test_subdirectory_is_reported(tmp_path):
    (tmp_path / "more").mkdir()
    write(tmp_path, "good.txt", BODY)
    assert reasons(read_articles(tmp_path)) == {"more": "subdirectory"}


def test_manifest_rows_naming_missing_or_outside_files(tmp_path):
    write(tmp_path, "good.txt", BODY)
    write(tmp_path, "manifest.csv", "file,published\n../../etc/passwd,2021-01-01\n/etc/hosts,2021-01-01\n"
                                    "gone.txt,2021-01-01\ngood.txt,2021-01-02\n")
    result = read_articles(tmp_path)
    assert reasons(result) == {"../../etc/passwd": "manifest_path_outside_input",
                               "/etc/hosts": "manifest_path_outside_input",
                               "gone.txt": "manifest_missing_file"}
    assert result.articles[0]["published"] == dt.date(2021, 1, 2)


@pytest.mark.parametrize("manifest", [b"\xff\xfe\x00garbage", b"name,date\na.txt,2021-01-01\n"])
def test_unreadable_manifest_is_quarantined_and_articles_go_on(tmp_path, manifest):
    write(tmp_path, "good.txt", BODY)
    write(tmp_path, "manifest.csv", manifest)
    result = read_articles(tmp_path)
    assert reasons(result) == {"manifest.csv": "manifest_unreadable"}
    assert len(result.articles) == 1


def test_missing_input_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_articles(tmp_path / "nope")


def test_ingest_writes_batches_in_order(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        write(folder, f"{i}.txt", f"Article number {i} says the talks went on.")
    batches = ingest(folder, tmp_path / "work", batch_size=2)
    assert [b.name for b in batches] == ["batch-00000", "batch-00001", "batch-00002"]
    files = [f for b in batches for f in read_part(b / "articles.parquet", "articles").column("file").to_pylist()]
    assert files == [f"{i}.txt" for i in range(5)]
    assert read_part(tmp_path / "work" / "articles.parquet", "articles").num_rows == 5
