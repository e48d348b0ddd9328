"""Timeline assembly: one row per real event, the most precise date, stable ids, stable order."""
from __future__ import annotations

import datetime as dt

import pytest

from factories import mention
from pipeline.timeline.merge import build_timeline, merge_class
from pipeline.warehouse.tables import conform

D = dt.date


def test_mention_rows_round_trip_through_the_schema_and_incomplete_rows_are_refused():
    row = mention("a", "040", D(2030, 5, 8), target="Freedonia")
    [back] = conform([row], "mentions").to_pylist()
    assert back.pop("confidence") == pytest.approx(row["confidence"])  # float32 in the table
    assert back == {k: v for k, v in row.items() if k != "confidence"}
    with pytest.raises(ValueError, match="date_method"):
        conform([{k: v for k, v in row.items() if k != "date_method"}], "mentions")


def test_one_event_from_three_articles():
    ms = [mention(a, "042", D(2030, 5, 8), source="Ruritania", target="Freedonia") for a in "abc"]
    events, event_of = build_timeline(ms)
    assert len(events) == 1
    (e,) = events
    assert e["n_sources"] == 3 and len(e["sources"]) == 3
    assert set(event_of) == {m["mention_id"] for m in ms}
    conform(events, "timeline")


def test_most_precise_supported_date_wins():
    year = mention("a", "0874", D(2030, 1, 1), D(2030, 12, 31), granularity="year", source="Ruritania")
    day = mention("b", "0874", D(2030, 5, 8), source="Ruritania")
    (e,) = build_timeline([year, day])[0]
    assert (e["date_start"], e["date_end"], e["granularity"]) == (D(2030, 5, 8), D(2030, 5, 8), "day")
    assert e["n_sources"] == 2


def test_date_conflict_is_kept_and_reported():
    ms = [mention("a", "042", D(2030, 5, 8), target="Freedonia"), mention("b", "042", D(2030, 5, 8), target="Freedonia"),
          mention("c", "042", D(2030, 5, 7), target="Freedonia")]
    (e,) = build_timeline(ms)[0]
    assert e["date_start"] == D(2030, 5, 8), "the date more sources give wins"
    assert e["date_conflicts"] == ["2030-05-07 (c.txt)"]
    assert e["n_sources"] == 3


def test_date_conflict_resolution_does_not_depend_on_reading_order():
    ms = [mention("a", "042", D(2030, 5, 7), target="Freedonia"), mention("b", "042", D(2030, 5, 8), target="Freedonia"),
          mention("c", "042", D(2030, 5, 8), target="Freedonia")]
    (e,) = build_timeline(ms)[0]
    assert e["date_start"] == D(2030, 5, 8) and e["date_conflicts"] == ["2030-05-07 (a.txt)"]


def test_far_apart_dates_are_two_events():
    ms = [mention("a", "042", D(2030, 5, 8), target="Freedonia"), mention("b", "042", D(2030, 6, 20), target="Freedonia")]
    assert len(build_timeline(ms)[0]) == 2


def test_one_speaker_one_occasion_is_one_statement_whatever_its_codes():
    ms = [mention("a", "111", D(2030, 5, 8), people=["Ann Lee"]), mention("a", "020", D(2030, 5, 8), people=["Ann Lee"], offset=5),
          mention("b", "051", D(2030, 5, 8), people=["Ann Lee"])]
    (e,) = build_timeline(ms)[0]
    assert e["n_sources"] == 2 and len(e["mention_ids"]) == 3


def test_two_speakers_or_a_meeting_stay_apart():
    ms = [mention("a", "010", D(2030, 5, 8), people=["Ann Lee"]), mention("a", "010", D(2030, 5, 8), people=["Bo Chan"], offset=5),
          mention("a", "040", D(2030, 5, 8), people=["Ann Lee"], target="Freedonia", offset=9)]
    assert len(build_timeline(ms)[0]) == 3


def test_different_targets_are_different_events():
    ms = [mention("a", "190", D(2030, 5, 8), target="Freedonia"), mention("b", "190", D(2030, 5, 8), target="Sylvania")]
    assert len(build_timeline(ms)[0]) == 2


def test_undated_mention_joins_the_one_event_it_refers_to():
    dated = mention("a", "192", D(2030, 5, 8), source="Rebels", target="Ruritania")
    undated = mention("b", "192", None, source="Rebels", published=D(2030, 5, 9))
    (e,), event_of = build_timeline([dated, undated])
    assert e["n_sources"] == 2 and event_of[undated["mention_id"]] == e["event_id"]
    assert e["date_start"] == D(2030, 5, 8)


def test_undated_mention_joins_an_event_of_the_year_the_article_is_in():
    year = mention("a", "0874", D(2030, 1, 1), D(2030, 12, 31), granularity="year", source="Ruritania")
    undated = mention("b", "0874", None, source="Ruritania", published=D(2030, 8, 20))
    later = mention("c", "0874", None, source="Ruritania", published=D(2029, 8, 20), offset=3)
    event_of = build_timeline([year, undated, later])[1]
    assert undated["mention_id"] in event_of and later["mention_id"] not in event_of


def test_undated_mention_does_not_join_an_event_years_before_its_article():
    dated = mention("a", "040", D(2030, 5, 8), source="Rebels", target="Ruritania")
    undated = mention("b", "040", None, source="Rebels", target="Ruritania", published=D(2033, 5, 9))
    assert undated["mention_id"] not in build_timeline([dated, undated])[1]


def test_undated_mention_with_two_candidates_joins_none():
    a = mention("a", "192", D(2030, 5, 8), source="Rebels", target="Ruritania")
    b = mention("b", "192", D(2030, 4, 1), source="Rebels", target="Ruritania")
    undated = mention("c", "192", None, source="Rebels", published=D(2030, 5, 9))
    events, event_of = build_timeline([a, b, undated])
    assert len(events) == 2 and undated["mention_id"] not in event_of


def test_an_undated_statement_joins_its_speakers_statement_in_the_same_article_only():
    dated = mention("a", "010", D(2030, 5, 8), people=["Ann Lee"])
    same_article = mention("a", "111", None, people=["Ann Lee"], offset=40)
    other_article = mention("b", "010", None, people=["Ann Lee"], published=D(2031, 1, 1))
    other_speaker = mention("a", "010", None, people=["Bo Chan"], offset=80)
    (e,), event_of = build_timeline([dated, same_article, other_article, other_speaker])
    assert set(event_of) == {dated["mention_id"], same_article["mention_id"]}


def test_a_person_named_beside_the_speaker_does_not_make_them_one_speaker():
    ms = [mention("a", "010", D(2030, 5, 8), people=["Ann Lee", "Bo Chan"], speaker="Ann Lee"),
          mention("b", "010", D(2030, 5, 8), people=["Bo Chan", "Ann Lee"], speaker="Bo Chan")]
    assert len(build_timeline(ms)[0]) == 2


def test_the_target_is_never_the_source():
    ms = [mention("a", "0874", D(2030, 5, 8), source="Ruritania"), mention("b", "0874", D(2030, 5, 8), source=None, target="Ruritania")]
    (e,) = build_timeline(ms)[0]
    assert e["source_actor"] == "Ruritania" and e["target_actor"] is None


def test_undated_mentions_alone_make_no_event():
    assert build_timeline([mention("a", "010", None, people=["Ann Lee"])])[0] == []


def test_event_ids_survive_an_unrelated_article_and_reruns():
    ms = [mention(a, "042", D(2030, 5, 8), target="Freedonia") for a in "ab"] + [mention("c", "190", D(2030, 3, 1), target="Sylvania")]
    before = {e["summary"]: e["event_id"] for e in build_timeline(ms)[0]}
    unrelated = mention("z", "111", D(2030, 1, 2), source="Sylvania", people=["Cy Dee"])
    after = {e["summary"]: e["event_id"] for e in build_timeline(ms + [unrelated])[0]}
    assert {k: after[k] for k in before} == before
    assert before == {e["summary"]: e["event_id"] for e in build_timeline(list(reversed(ms)))[0]}


def test_order_is_chronological_and_ties_are_stable():
    ms = [mention("b", "190", D(2030, 5, 8), target="Sylvania"), mention("a", "042", D(2030, 5, 8), target="Freedonia"),
          mention("c", "010", D(2030, 1, 1), D(2030, 12, 31), granularity="year", people=["Ann Lee"]),
          mention("d", "010", D(2029, 2, 3), people=["Bo Chan"])]
    events = build_timeline(ms)[0]
    assert [e["seq"] for e in events] == [0, 1, 2, 3]
    assert [e["sources"][0]["file"] for e in events] == ["d.txt", "c.txt", "a.txt", "b.txt"]
    assert [e["event_id"] for e in build_timeline(list(reversed(ms)))[0]] == [e["event_id"] for e in events]


def test_asserted_anywhere_makes_the_event_asserted():
    ms = [mention("a", "042", D(2030, 5, 8), target="Freedonia", factuality="reported"),
          mention("b", "042", D(2030, 5, 8), target="Freedonia")]
    assert build_timeline(ms)[0][0]["factuality"] == "asserted"


def test_merge_classes_come_from_the_data_file():
    assert merge_class("0874") == "withdrawal" and merge_class("087") == "yield" and merge_class("0871") == "ceasefire"
    assert merge_class("111") == merge_class("020") == "statement" and merge_class("043") == "meeting"


@pytest.mark.parametrize("factuality", ["negated", "hypothetical"])
def test_what_did_not_happen_makes_no_event_but_supports_one_that_did(factuality):
    D = dt.date
    planned = mention("a1", "040", D(2031, 3, 4), target="Freedonia", factuality=factuality)
    assert build_timeline([planned])[0] == []
    held = mention("a2", "040", D(2031, 3, 4), target="Freedonia", offset=5)
    (e,) = build_timeline([planned, held])[0]
    assert e["factuality"] == "asserted" and len(e["mention_ids"]) == 2


def test_a_dated_plan_is_an_event_of_the_timeline():
    # "the talks will be held on March 4": a scheduled event, kept with its factuality
    (e,) = build_timeline([mention("a1", "040", dt.date(2031, 3, 4), target="Freedonia", factuality="future")])[0]
    assert e["factuality"] == "future"


def test_a_joint_event_is_one_whoever_is_named_first():
    D = dt.date
    both = [mention("a1", "0871", D(2031, 3, 4), source="Ruritania", target="Freedonia", offset=1),
            mention("a1", "0871", D(2031, 3, 4), source="Freedonia", target="Ruritania", offset=2)]
    one_side = mention("a2", "0871", D(2031, 3, 4), source="Ruritania", target="Freedonia", offset=3)
    (e,) = build_timeline([one_side] + both)[0]
    assert len(e["mention_ids"]) == 3
    assert merge_class("0871") == "ceasefire"


def test_an_attack_and_the_reply_stay_two_events_of_assault():
    D = dt.date
    ms = [mention("a1", "180", D(2031, 3, 4), source="Ruritania", target="Freedonia", offset=1),
          mention("a1", "180", D(2031, 3, 4), source="Freedonia", target="Ruritania", offset=2)]
    assert len(build_timeline(ms)[0]) == 2
