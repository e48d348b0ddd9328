"""TempEval-3 tooling: reader offsets, conversion, and the scorer on a hand-made example."""
from __future__ import annotations

import csv
import datetime

import pytest

from tools import SHARED_DIR, te3

TBAQ = SHARED_DIR / "data" / "te3" / "tbaq"

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" temporalFunction="false" functionInDocument="CREATION_TIME">19980807</TIMEX3></DCT>
<TEXT>
Bombs exploded <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>, <EVENT eid="e1" class="OCCURRENCE">killing</EVENT> dozens &amp; more for <TIMEX3 tid="t2" type="DURATION" value="P3M">three months</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def tml(tmp_path):
    f = tmp_path / "in" / "X1.tml"
    f.parent.mkdir()
    f.write_text(TML, encoding="utf-8")
    return f


def test_reader_offsets(tml):
    doc = te3.read_tml(tml)
    assert doc.dct == datetime.date(1998, 8, 7)
    assert [t.text for t in doc.timexes] == ["Friday", "three months"]
    for t in doc.timexes:
        assert doc.text[t.char_start:t.char_end] == t.text
    assert "&" in doc.text and "<" not in doc.text
    assert doc.timexes[1].type == "DURATION" and doc.timexes[1].value == "P3M"


def test_convert(tml, tmp_path):
    out = tmp_path / "out"
    assert te3.convert(tml.parent, out) == 1
    assert (out / "X1.txt").read_text(encoding="utf-8") == te3.read_tml(tml).text
    rows = list(csv.DictReader(open(out / "manifest.csv", encoding="utf-8")))
    assert rows == [{"file": "X1.txt", "published": "1998-08-07"}]


def test_scorer_hand_made():
    gold = [dict(char_start=0, char_end=6, type="DATE", value="1998-08-07"),        # Friday
            dict(char_start=10, char_end=25, type="DURATION", value="P3M"),         # the three months
            dict(char_start=40, char_end=44, type="DATE", value="1998")]            # missed
    system = [dict(char_start=0, char_end=6, type="DATE", value="1998-08-07"),      # strict, right
              dict(char_start=14, char_end=25, type="DATE", value="P3M"),           # relaxed, wrong type
              dict(char_start=60, char_end=65, type="DATE", value="PAST_REF")]      # spurious
    s = te3.score_doc(gold, system)
    m = s.measures()
    assert (s.strict_gold, s.relaxed_gold, s.relaxed_sys, s.strict_sys) == (1, 2, 2, 1)
    assert m["strict_p"] == pytest.approx(1 / 3) and m["strict_r"] == pytest.approx(1 / 3)
    assert m["relaxed_p"] == pytest.approx(2 / 3) and m["relaxed_r"] == pytest.approx(2 / 3)
    assert m["relaxed_f1"] == pytest.approx(2 / 3)
    # toolkit definition: attribute accuracy over relaxed matches x relaxed F1
    assert m["type_f1"] == pytest.approx(0.5 * 2 / 3)
    assert m["value_f1"] == pytest.approx(1.0 * 2 / 3)
    assert s.value_errors == {}


def test_scorer_counts_value_errors():
    gold = [dict(char_start=0, char_end=6, type="DATE", value="1998-08-07")]
    s = te3.score_doc(gold, [dict(char_start=0, char_end=6, type="DATE", value=None)])
    assert s.value_errors == {("1998-08-07", None): 1}
    assert te3.score_doc(gold, []).measures()["relaxed_f1"] == 0.0


@pytest.mark.parametrize("gold, predicted, method, expected", [
    ("1998-08-07", "1998-08-14", "rule:weekday:past", "rule:weekday: day a week off"),
    ("1998-08-07", "1997-08-07", "rule:month_day:past", "rule:month_day: day in the wrong year"),
    ("1998", "1998-Q3", "rule:year_ago:anaphoric", "rule:year_ago: year given as quarter"),
    ("1989-WXX", "1989-W43", "rule:relative:last", "rule:relative: underspecified given as week"),
    ("P3M", None, "rule:unresolved", "rule:unresolved: unresolved duration"),
])
def test_error_classes_name_the_rule_and_the_kind_of_miss(gold, predicted, method, expected):
    assert te3.error_class(gold, predicted, method) == expected


def test_scorer_counts_missed_and_spurious_classes():
    gold = [dict(char_start=0, char_end=6, type="DATE", value="1998-08-07")]
    system = [dict(char_start=20, char_end=26, type="DATE", value="PAST_REF", method="rule:vague")]
    assert te3.score_doc(gold, system).error_classes == {"missed DATE": 1, "spurious rule:vague": 1}


@pytest.mark.skipif(not TBAQ.is_dir(), reason="TempEval-3 data not present")
def test_tbaq_reader_matches_gold_text():
    docs = te3.read_folder(TBAQ, limit=40)
    assert docs and all(d.dct for d in docs)
    for d in docs:
        for t in d.timexes:
            assert d.text[t.char_start:t.char_end] == t.text


@pytest.mark.skipif(not TBAQ.is_dir(), reason="TempEval-3 data not present")
def test_stage_on_small_tbaq_subset(nlp):
    from pipeline.dates import timexes_for_doc

    docs = te3.read_folder(TBAQ / "TimeBank", limit=15)
    total = te3.Score()
    for d, sd in zip(docs, nlp.pipe([d.text for d in docs])):
        total.add(te3.score_doc(d.timexes, timexes_for_doc(sd, d.name, d.dct)))
    m = total.measures()
    assert m["relaxed_f1"] >= 0.80
    assert m["value_f1"] >= 0.60
