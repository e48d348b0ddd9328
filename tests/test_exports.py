"""Exports: TimelineJS dates no finer than the granularity, readable CSV/JSONL, byte-identical reruns, atomic files."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from pipeline.outputs.common import display_date, quad_class, quad_classes
from pipeline.outputs.exports import FORMATS, export, write_exports
from pipeline.outputs.flat import csv_columns
from pipeline.outputs.timelinejs import timelinejs
from factories import articles, event, make_warehouse
from pipeline.warehouse.tables import WarehouseError

D = dt.date


def slides_by_id(warehouse: Path) -> dict[str, dict]:
    out = warehouse / "tl.json"
    export(warehouse, "timelinejs", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    return {s["unique_id"]: s for s in doc["events"]}


def test_timelinejs_dates_carry_only_what_the_granularity_supports(tmp_path):
    wh = make_warehouse(tmp_path, [
        event(0, D(2030, 5, 8)),
        event(1, D(2030, 5, 1), D(2030, 5, 31), granularity="month", value="2030-05"),
        event(2, D(2030, 1, 1), D(2030, 12, 31), granularity="year", value="2030"),
        event(3, D(2030, 1, 1), D(2039, 12, 31), granularity="decade", value="203"),
        event(4, D(2030, 5, 6), D(2030, 5, 12), granularity="week", value="2030-W19"),
        event(5, D(2030, 4, 1), D(2030, 6, 30), granularity="quarter", value="2030-Q2"),
        event(6, D(2030, 6, 21), D(2030, 9, 22), granularity="season", value="2030-SU"),
        event(7, D(2030, 5, 11), D(2030, 5, 12), granularity="week", value="2030-W19-WE"),
    ])
    s = slides_by_id(wh)
    assert s["ev00000"]["start_date"] == {"year": 2030, "month": 5, "day": 8} and "end_date" not in s["ev00000"]
    assert s["ev00000"]["display_date"] == "8 May 2030"
    assert s["ev00001"]["start_date"] == {"year": 2030, "month": 5} and "end_date" not in s["ev00001"]
    assert s["ev00001"]["display_date"] == "May 2030"
    assert s["ev00002"]["start_date"] == {"year": 2030} and "end_date" not in s["ev00002"]
    assert s["ev00003"]["start_date"] == {"year": 2030} and s["ev00003"]["end_date"] == {"year": 2039}
    assert s["ev00003"]["display_date"] == "2030s"
    assert s["ev00004"]["start_date"] == {"year": 2030, "month": 5, "day": 6}
    assert s["ev00004"]["end_date"] == {"year": 2030, "month": 5, "day": 12}
    assert s["ev00004"]["display_date"] == "week of 6–12 May 2030"
    assert s["ev00005"]["start_date"] == {"year": 2030, "month": 4} and s["ev00005"]["end_date"] == {"year": 2030, "month": 6}
    assert s["ev00005"]["display_date"] == "Q2 2030"
    assert s["ev00006"]["start_date"] == {"year": 2030, "month": 6, "day": 21}, "a season not on month bounds keeps its days"
    assert s["ev00006"]["display_date"] == "summer 2030"
    assert s["ev00007"]["display_date"] == "weekend of 11–12 May 2030"


def test_timelinejs_slides_text_group_ids_title_and_order(tmp_path):
    evil = "<script>alert('x')</script> & more"
    sources = [
        {"article_id": "a1", "file": "one.txt", "sentence": f"On 8 May {evil}.", "char_start": 0, "char_end": 9,
         "date_text": "8 May", "published": D(2030, 5, 9)},
        {"article_id": "a2", "file": "two.txt", "sentence": "Second report.", "char_start": 0, "char_end": 9,
         "date_text": None, "published": None},
    ]
    # Written out of seq order: the export must still follow seq.
    wh = make_warehouse(tmp_path, [
        event(1, D(2030, 6, 1), source=None, target=None, actors=["Freedonia", "Ruritania"]),
        event(0, D(2030, 5, 8), summary=f"Summit {evil}", sources=sources, people=["Ann Lee"],
              conflicts=["2030-05-07 (two.txt)"]),
    ], articles([("a1", "one.txt", "https://news.example/one?a=1&b=2"), ("a2", "two.txt", "javascript:alert(1)")]))
    out = export(wh, "timelinejs", tmp_path / "out" / "timeline.json")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["title"]["text"]["headline"] and "2 events" in doc["title"]["text"]["text"]
    assert [e["unique_id"] for e in doc["events"]] == ["ev00000", "ev00001"]
    first, second = doc["events"]
    assert first["group"] == "Ruritania" and second["group"] == "Freedonia", "source actor, else the first actor"
    assert first["text"]["headline"] == "Summit &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more"
    text = first["text"]["text"]
    assert "<script" not in text and "&lt;script&gt;" in text
    assert '<a href="https://news.example/one?a=1&amp;b=2">one.txt</a>' in text
    assert "javascript:" not in text and "two.txt" in text, "only http(s) URLs become links"
    assert "Ann Lee" in text and "2030-05-07 (two.txt)" in text


def test_csv_is_one_readable_row_per_event(tmp_path):
    sources = [
        {"article_id": "a1", "file": "one.txt", "sentence": "Line one\nwith a break.", "char_start": 0, "char_end": 9,
         "date_text": None, "published": D(2030, 5, 9)},
        {"article_id": "a2", "file": "two.txt", "sentence": "Second, \"quoted\".", "char_start": 0, "char_end": 9,
         "date_text": None, "published": D(2030, 5, 9)},
        {"article_id": "a2", "file": "two.txt", "sentence": "Again.", "char_start": 20, "char_end": 26,
         "date_text": None, "published": D(2030, 5, 9)},
    ]
    wh = make_warehouse(tmp_path, [event(0, D(2030, 5, 8), sources=sources, people=["Ann Lee", "Bo Chen"],
                                         conflicts=["2030-05-07 (two.txt)", "2030-05-09 (one.txt)"]),
                                   event(1, D(2030, 1, 1), D(2030, 12, 31), granularity="year", code="190")])
    rows = list(csv.DictReader(io.StringIO(export(wh, "csv", tmp_path / "t.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 2 and list(rows[0]) == csv_columns()
    r = rows[0]
    assert r["actors"] == "Freedonia; Ruritania" and r["people"] == "Ann Lee; Bo Chen"
    assert r["sources"] == 'one.txt: Line one with a break. | two.txt: Second, "quoted". | two.txt: Again.'
    assert r["source_files"] == "one.txt; two.txt"
    assert r["date_conflicts"] == "2030-05-07 (two.txt); 2030-05-09 (one.txt)"
    assert (r["date_start"], r["display_date"], r["confidence"]) == ("2030-05-08", "8 May 2030", "0.6")
    assert rows[0]["quad_class"] == "verbal cooperation" and rows[1]["quad_class"] == "material conflict"
    assert rows[1]["display_date"] == "2030" and rows[1]["location"] == ""


def test_jsonl_keeps_structure_with_iso_dates(tmp_path):
    wh = make_warehouse(tmp_path, [event(1, D(2030, 6, 1)), event(0, D(2030, 5, 8), people=["Ann Lee"])],
                        articles([("art0", "art0.txt", "https://news.example/0")]))
    lines = export(wh, "jsonl", tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["seq"] for r in records] == [0, 1]
    r = records[0]
    assert r["date_start"] == "2030-05-08" and r["people"] == ["Ann Lee"] and r["actors"] == ["Freedonia", "Ruritania"]
    assert r["sources"][0]["published"] == "2030-05-09" and r["sources"][0]["file"] == "art0.txt"
    assert r["sources"][0]["source_url"] == "https://news.example/0" and records[1]["sources"][0]["source_url"] is None
    assert r["confidence"] == 0.6 and r["display_date"] == "8 May 2030"


def test_write_exports_is_byte_identical_on_rerun_and_across_copies(tmp_path):
    wh = make_warehouse(tmp_path / "a", [event(i, D(2030, 5, 1) + dt.timedelta(days=3 * i)) for i in range(20)])
    first = {p.name: p.read_bytes() for p in write_exports(wh)}
    assert sorted(first) == sorted(FORMATS.values())
    second = {p.name: p.read_bytes() for p in write_exports(wh)}
    assert first == second
    copy = tmp_path / "b"
    shutil.copytree(wh / "timeline", copy / "timeline")
    assert {p.name: p.read_bytes() for p in write_exports(copy)} == first, "no paths or clocks in the exports"
    assert export(wh, "html", tmp_path / "page.html").read_bytes() == first["timeline.html"]
    left = [p.name for p in (wh / "exports").iterdir()]
    assert sorted(left) == sorted(FORMATS.values()), f"temporary files left behind: {left}"


def test_empty_timeline_exports_valid_empty_files(tmp_path):
    wh = make_warehouse(tmp_path, [])
    paths = {p.suffix: p for p in write_exports(wh)}
    assert json.loads(paths[".json"].read_text())["events"] == []
    assert paths[".csv"].read_text().splitlines() == [",".join(csv_columns())]
    assert paths[".jsonl"].read_text() == ""


def test_missing_warehouse_and_unknown_format_are_clear_errors(tmp_path):
    with pytest.raises(WarehouseError, match="no timeline in"):
        export(tmp_path / "nowhere", "csv", tmp_path / "t.csv")
    wh = make_warehouse(tmp_path / "wh", [event(0, D(2030, 5, 8))])
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        export(wh, "xml", tmp_path / "t.xml")
    assert not (tmp_path / "t.csv").exists() and not (tmp_path / "t.xml").exists()


def test_every_cameo_root_has_exactly_one_quad_class():
    for root in range(1, 21):
        owners = [q.name for q in quad_classes() if q.first_root <= root <= q.last_root]
        assert len(owners) == 1, (root, owners)
    assert quad_class("0874").name == "material cooperation"
    assert quad_class("111").name == "verbal conflict"
    assert quad_class("042").name == "verbal cooperation"
    assert quad_class("190").name == "material conflict"
    assert quad_class(None) is None and quad_class("x1") is None and quad_class("99") is None


def test_display_date_of_ranges_and_vague_dates():
    vague = {"date_start": D(2030, 5, 1), "date_end": D(2030, 7, 31), "granularity": "vague"}
    assert display_date(vague) == "around May–Jul 2030"
    week = {"date_start": D(2030, 12, 30), "date_end": D(2031, 1, 2), "granularity": "week"}
    assert display_date(week) == "30 Dec 2030 – 2 Jan 2031"
    assert display_date({"date_start": None, "date_end": None}) == "undated"
    assert timelinejs([])["events"] == []
