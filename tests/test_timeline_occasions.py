"""One occasion told from two sides is one event: an unnamed speaker, a participant's attendance, host and guest."""
from __future__ import annotations

import datetime as dt

from factories import mention
from pipeline.timeline.merge import build_timeline

D = dt.date
DAY = D(2030, 5, 9)


def test_a_speaker_given_only_as_an_actor_is_the_named_speaker_of_that_actor_even_on_a_stated_date():
    """'General Burhan praised the mediators' and 'the Sudanese army chief accused the RSF' on the same day."""
    named = mention("a", "051", DAY, source="Sudan", target="Egypt", people=["Abdel Burhan"])
    unnamed = mention("a", "112", DAY, source="Sudan", target="Rapid Support Forces", offset=40)
    events, event_of = build_timeline([unnamed, named])
    assert len(events) == 1 and event_of[unnamed["mention_id"]] == event_of[named["mention_id"]]


def test_an_unnamed_speaker_stays_apart_in_another_article_another_day_or_beside_two_named_speakers():
    named = mention("a", "051", DAY, source="Sudan", people=["Abdel Burhan"])
    other_article = mention("b", "112", DAY, source="Sudan", offset=40)
    other_day = mention("a", "112", D(2030, 5, 12), source="Sudan", offset=50)
    assert len(build_timeline([named, other_article])[0]) == 2
    assert len(build_timeline([named, other_day])[0]) == 2
    second = mention("a", "010", DAY, source="Sudan", people=["Shams Kabbashi"], offset=60)
    unnamed = mention("a", "112", DAY, source="Sudan", offset=80)
    assert len(build_timeline([named, second, unnamed])[0]) == 3, "whose words they were is unknown"


def test_a_participants_attendance_joins_the_meeting_its_article_reports_that_day():
    """'Talks between Azerbaijan and the EU opened in Brussels. Armenia's foreign minister took part in the meeting.'"""
    talks = mention("a", "040", DAY, source="European Union", target="Azerbaijan")
    attended = mention("a", "040", DAY, source="Armenia", method="narrative", offset=90)
    events, event_of = build_timeline([talks, attended])
    assert len(events) == 1 and event_of[attended["mention_id"]] == event_of[talks["mention_id"]]
    assert set(events[0]["actors"]) == {"European Union", "Azerbaijan", "Armenia"}


def test_an_attendance_stays_apart_in_another_article_or_beside_two_meetings():
    talks = mention("a", "040", DAY, source="European Union", target="Azerbaijan")
    assert len(build_timeline([talks, mention("b", "040", DAY, source="Armenia")])[0]) == 2
    summit = mention("a", "040", DAY, source="Turkey", target="Russia", offset=200)
    attended = mention("a", "040", DAY, source="Armenia", offset=90)
    assert len(build_timeline([talks, summit, attended])[0]) == 3, "which meeting it attended is unknown"


def test_host_and_guest_reports_of_one_days_meeting_are_one_meeting():
    """'Qatar hosted a Hamas delegation for talks' (Qatar acts) and 'Hamas and Qatari officials met' (Hamas acts)."""
    hosted = mention("a", "043", DAY, source="Qatar", target="Hamas")
    met = mention("b", "040", DAY, source="Hamas", target="Qatar", offset=30)
    assert len(build_timeline([hosted, met])[0]) == 1
    next_day = mention("b", "040", D(2030, 5, 10), source="Hamas", target="Qatar", offset=30)
    assert len(build_timeline([hosted, next_day])[0]) == 2, "another day is another meeting"
    other_guest = mention("b", "043", DAY, source="Qatar", target="Egypt", offset=30)
    assert len(build_timeline([hosted, other_guest])[0]) == 2, "one shared party is not the same meeting"


def test_a_statement_dated_only_by_publication_is_the_same_speakers_statement_the_text_dates_days_before():
    """'Guterres says the siege of Gaza must end' (present tense, read on the 9th) in an article on what he
    said at a briefing on the 8th: one statement, dated the 8th even when the 'says' comes first."""
    says = mention("a", "010", DAY, source="United Nations", people=["Antonio Guterres"], method="publication")
    briefing = mention("a", "020", D(2030, 5, 8), source="United Nations", people=["Antonio Guterres"],
                       method="narrative", offset=50)
    (e,), event_of = build_timeline([says, briefing])
    assert e["date_start"] == D(2030, 5, 8) and event_of[says["mention_id"]] == event_of[briefing["mention_id"]]


def test_a_publication_dated_statement_stays_apart_from_an_old_statement_or_another_articles():
    says = mention("a", "010", DAY, source="United Nations", people=["Antonio Guterres"], method="publication")
    old = mention("a", "020", D(2030, 4, 20), source="United Nations", people=["Antonio Guterres"], offset=50)
    elsewhere = mention("b", "020", D(2030, 5, 8), source="United Nations", people=["Antonio Guterres"], offset=50)
    assert len(build_timeline([says, old])[0]) == 2
    assert len(build_timeline([says, elsewhere])[0]) == 2


def test_a_fallback_date_is_never_a_stated_one():
    from pipeline.timeline.methods import fallback_methods, stated_methods
    assert fallback_methods() and not fallback_methods() & stated_methods()
