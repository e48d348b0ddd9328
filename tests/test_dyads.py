"""The dyad test set: who did what to whom, on invented sentences of every CAMEO root.

The data file's integrity, the scorer itself (on hand-made mentions), and the
pipeline's accuracy on the whole set, which must not fall below the floor.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from tools import dyads

# The done-when of issue 11 (item 6): at least this share of lines coded right.
TARGET_ACCURACY = 0.90
# What the extraction measures today (correct=0.941, str_f1=0.887, root_f1=0.907 after the dyad mechanisms:
# pairs, complement targets and codes, raising, negation scope, places and own institutions as targets),
# rounded down and capped at the target: a regression fails here.
ACCURACY_FLOOR = 0.90
STR_F1_FLOOR = 0.88

ROOTS = {f"{n:02d}" for n in range(1, 21)}


@pytest.fixture(scope="module")
def rows():
    return dyads.load()


# --------------------------------------------------------------------------- the data file

def test_set_is_large_and_covers_every_root_and_class(rows):
    assert len(rows) >= 150
    assert {r["root"] for r in rows} == ROOTS
    assert {r["class"] for r in rows} == set(dyads.CLASSES)
    factual_roots = {r["root"] for r in rows if r["factual"]}
    assert factual_roots == ROOTS, "every root needs at least one happened event"


def test_every_line_is_well_formed(rows):
    ids = [r["id"] for r in rows]
    texts = [r["text"] for r in rows]
    assert len(set(ids)) == len(ids)
    assert len(set(texts)) == len(texts)
    for r in rows:
        where = f"line {r['_line']} ({r['id']})"
        assert re.fullmatch(r"\d\d", r["root"]) and r["root"] in ROOTS, where
        assert isinstance(r["factual"], bool), where
        assert r["class"] in dyads.CLASSES, where
        dt.date.fromisoformat(r["published"])
        assert r["pairs"] and all(len(p) == 2 for p in r["pairs"]), where
        assert all(a in ROOTS and a != r["root"] for a in r["also"]), where
        assert r["factual"] == (r["class"] not in ("negation", "future", "hypothetical")), where
        if r["class"].startswith("compound"):
            assert len(r["pairs"]) > 1, f"{where}: a compound actor gives one event per pair"


def test_actor_names_are_the_pipelines_canonical_names(rows):
    from pipeline.events.gazetteer import canonical_actor

    names = {a for r in rows for pair in r["pairs"] for a in pair if a is not None}
    wrong = {n: canonical_actor(n) for n in names if canonical_actor(n) != n}
    assert not wrong, f"not canonical (name -> what the resolver gives): {wrong}"


# --------------------------------------------------------------------------- the scorer

def _m(src, tgt, code, factuality="asserted"):
    return {"source_actor": src, "target_actor": tgt, "cameo_code": code, "factuality": factuality,
            "trigger": "x"}


def _row(**kw):
    row = {"id": "t", "text": "t", "published": "2024-01-01", "root": "19", "factual": True, "class": "plain",
           "pairs": [("Russia", "Ukraine")], "also": [], "_line": 1}
    row.update(kw)
    return row


def test_a_compound_line_is_right_only_with_every_pair():
    row = _row(pairs=[("United States", "Houthis"), ("United Kingdom", "Houthis")])
    half = dyads.judge(row, [_m("United States", "Houthis", "195")])
    assert half.root_ok and not half.correct and half.why == "pair_missing"
    assert (half.str_tp, half.str_fn) == (1, 1)
    both = dyads.judge(row, [_m("United States", "Houthis", "195"), _m("United Kingdom", "Houthis", "190")])
    assert both.correct and both.why == ""


def test_only_happened_mentions_count():
    row = _row()
    future = dyads.judge(row, [_m("Russia", "Ukraine", "194", "future")])
    assert not future.root_ok and future.why == "factuality"
    reported = dyads.judge(row, [_m("Russia", "Ukraine", "194", "reported")])
    assert reported.correct


def test_a_factual_false_line_is_right_when_that_root_is_not_coded_as_happened():
    row = _row(factual=False, also=["01"])
    assert dyads.judge(row, [_m("Armenia", "Azerbaijan", "190", "negated"), _m("Armenia", None, "010")]).correct
    wrong = dyads.judge(row, [_m("Armenia", "Azerbaijan", "190")])
    assert not wrong.correct and wrong.why == "modality_scope" and wrong.root_fp == 1


def test_failure_kinds_name_the_missing_mechanism():
    row = _row()
    assert dyads.judge(row, []).why == "no_trigger"
    assert dyads.judge(row, [_m("Russia", "Ukraine", "183")]).why == "wrong_root"
    assert dyads.judge(row, [_m("Russia", None, "194")]).why == "target_missing"
    assert dyads.judge(row, [_m(None, "Ukraine", "194")]).why == "source_missing"
    assert dyads.judge(row, [_m("Ukraine", "Russia", "194")]).why == "source_wrong+target_wrong"
    assert dyads.judge(row, [_m("Russia", None, "194"), _m(None, "Ukraine", "190")]).why == "actors_split"


def test_other_roots_are_false_positives_unless_the_line_allows_them():
    row = _row(also=["01"])
    v = dyads.judge(row, [_m("Russia", "Ukraine", "194"), _m("Ukraine", None, "010"), _m("Russia", None, "150")])
    assert v.correct and (v.root_tp, v.root_fp) == (1, 1) and v.str_fp == 1
    report = dyads.Report([v])
    assert report.root_f1 == pytest.approx(2 / 3) and report.accuracy == 1.0


# --------------------------------------------------------------------------- the pipeline on the set

def test_dyad_accuracy_does_not_regress(rows, nlp):
    report = dyads.score(rows, nlp)
    print(dyads.render(report, failures=False))
    assert ACCURACY_FLOOR <= TARGET_ACCURACY
    assert report.accuracy >= ACCURACY_FLOOR, report.summary_line()
    assert report.str_f1 >= STR_F1_FLOOR, report.summary_line()
