"""Merging mentions whose dates the text states with mentions whose dates come from context.

Made-up mentions (``factories.mention``): Ruritania, Freedonia and Sylvania are invented.
"""
from __future__ import annotations

import datetime as dt

from factories import mention

from pipeline.timeline.merge import build_timeline
from pipeline.timeline.methods import is_stated, stated_methods

D = dt.date


def test_stated_and_inferred_methods_come_from_the_data_file():
    assert {"timex", "relative"} <= stated_methods()
    assert not {"frame", "narrative", "dateline", "story", "publication", "coreference"} & stated_methods()
    assert is_stated({"date_method": "timex"}) and not is_stated({"date_method": "frame:talks"})


def test_an_inferred_day_does_not_narrow_a_stated_month():
    stated = mention("a", "040", D(2030, 5, 1), D(2030, 5, 31), granularity="month", target="Freedonia")
    inferred = mention("a", "040", D(2030, 5, 20), target="Freedonia", method="narrative", offset=40)
    (e,), _ = build_timeline([inferred, stated])
    assert (e["date_start"], e["date_end"]) == (D(2030, 5, 1), D(2030, 5, 31))
    assert e["date_conflicts"] == [], "a day inside the month agrees with it"


def test_an_inferred_date_a_day_off_joins_the_stated_event_of_its_article():
    stated = mention("a", "190", D(2030, 5, 8), target="Freedonia")
    inferred = mention("a", "190", D(2030, 5, 9), target="Freedonia", method="dateline", offset=80)
    (e,), event_of = build_timeline([inferred, stated])
    assert e["date_start"] == D(2030, 5, 8)
    assert event_of[inferred["mention_id"]] == e["event_id"] and len(e["date_conflicts"]) == 1


def test_the_same_inference_in_another_article_stays_apart_unless_the_code_is_the_same():
    stated = mention("a", "190", D(2030, 5, 8), target="Freedonia")
    inferred = mention("b", "193", D(2030, 5, 10), target="Freedonia", method="story")
    assert len(build_timeline([stated, inferred])[0]) == 2


def test_an_inferred_date_makes_an_event_of_its_own_when_nothing_states_one():
    inferred = mention("a", "111", D(2030, 5, 9), target="Sylvania", method="narrative", people=["Ann Lee"])
    (e,), _ = build_timeline([inferred])
    assert e["date_start"] == D(2030, 5, 9)


def test_a_statement_nobody_made_on_an_inferred_date_is_no_event():
    inferred = mention("a", "010", D(2030, 5, 9), source=None, target="Sylvania", method="dateline")
    stated = mention("a", "010", D(2030, 5, 9), source=None, target="Sylvania", offset=9)
    assert build_timeline([inferred])[0] == []
    assert len(build_timeline([stated])[0]) == 1, "a stated date still makes one"


def test_a_speaker_given_only_as_an_actor_joins_the_named_speakers_statement():
    named = mention("a", "010", D(2030, 5, 9), people=["Ann Lee"])
    unnamed = mention("a", "010", D(2030, 5, 9), method="narrative", offset=60)    # "the Ruritanian minister told reporters"
    elsewhere = mention("b", "010", D(2030, 5, 9), method="dateline")
    events, event_of = build_timeline([named, unnamed, elsewhere])
    assert event_of[unnamed["mention_id"]] == event_of[named["mention_id"]]
    assert event_of[elsewhere["mention_id"]] != event_of[named["mention_id"]], "only within its own article"
    assert len(events) == 2


def test_an_unnamed_speaker_with_two_named_candidates_joins_neither():
    ann = mention("a", "010", D(2030, 5, 9), people=["Ann Lee"])
    bo = mention("a", "010", D(2030, 5, 9), people=["Bo Chan"], offset=20)
    unnamed = mention("a", "010", D(2030, 5, 9), method="narrative", offset=60)
    assert len(build_timeline([ann, bo, unnamed])[0]) == 3


def test_an_undated_mention_joins_an_event_under_way_when_its_article_appeared():
    """The undated 'the offensive' of an article of 20 March refers to the March offensive it could have
    read about; an event that began after the article cannot be the one it means."""
    march = mention("a", "190", D(2030, 3, 1), D(2030, 3, 31), granularity="month", target="Freedonia")
    undated = mention("b", "190", None, target="Freedonia", published=D(2030, 3, 20))
    event_of = build_timeline([march, undated])[1]
    assert undated["mention_id"] in event_of
    april = mention("a", "190", D(2030, 4, 1), D(2030, 4, 30), granularity="month", target="Freedonia")
    assert undated["mention_id"] not in build_timeline([april, undated])[1]
