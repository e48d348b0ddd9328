"""Dates of mentions from other clauses and from context: invented sentences of each class.

Timexes come from a stub (as in test_events.py) so these tests do not depend on the date stage.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from pipeline.events import mentions_for_doc
from pipeline.timeline.methods import stated_methods

PUB = dt.date(2023, 3, 10)   # a Friday
D = dt.date


def timex(doc, text, value, start, end=None, granularity="day", type_="DATE", nth=0):
    pos = [m.start() for m in re.finditer(re.escape(text), doc.text)][nth]
    return {"article_id": "a1", "text": text, "char_start": pos, "char_end": pos + len(text), "sentence_index": 0, "type": type_,
                "value": value, "date_start": start, "date_end": end or start, "granularity": granularity, "anchor": None,
                "method": "stub"}


def run(nlp, text, specs=(), published=PUB):
    doc = nlp(text)
    article = {"article_id": "a1", "file": "t.txt", "title": None, "published": published, "body": text}
    return mentions_for_doc(doc, article, [timex(doc, *s) for s in specs])


def by_trigger(rows, word):
    found = [r for r in rows if r["trigger"] == word]
    assert found, f"no mention on {word!r}: {[(r['trigger'], r['cameo_code']) for r in rows]}"
    return found[0]


# --------------------------------------------------------------------------- the timex of a clause

def test_an_event_noun_takes_the_date_of_its_participle(nlp):
    text = "During the talks held in Jeddah on May 6, Sudan's army accused the RSF of shelling Omdurman."
    rows = run(nlp, text, [("May 6", "2023-05-06", D(2023, 5, 6))])
    accused = by_trigger(rows, "accused")
    assert accused["date_start"] == D(2023, 5, 6) and accused["date_method"] == "timex"


def test_a_verb_takes_the_date_of_the_attack_it_happened_in(nlp):
    text = "Five Ukrainian soldiers were killed in the shelling, part of a Russian attack near Bakhmut on Tuesday."
    rows = run(nlp, text, [("Tuesday", "2023-03-07", D(2023, 3, 7))])
    assert by_trigger(rows, "killed")["date_start"] == D(2023, 3, 7)


# --------------------------------------------------------------------------- durations from a dated clause

@pytest.mark.parametrize("clock, value, day", [
    ("4:10 p.m.", "2023-03-07T16:10", D(2023, 3, 7)),
    ("2:00 a.m.", "2023-03-07T02:00", D(2023, 3, 6)),     # six hours before 2 a.m. is the day before
])
def test_hours_before_a_clause_dated_to_the_minute(nlp, clock, value, day):
    text = f"Ukraine's navy evacuated the crew about six hours before Russian missiles struck Odesa at {clock}"
    rows = run(nlp, text + ".", [(clock, value, D(2023, 3, 7), None, "day", "TIME")])
    r = by_trigger(rows, "evacuated")
    assert (r["date_start"], r["date_method"]) == (day, "relative")
    assert r["sources"][0]["date_text"] == clock


def test_a_day_after_shifts_back_from_the_main_clause(nlp):
    text = "Azerbaijan's president spoke in Baku on September 20, a day after Azerbaijani forces attacked Karabakh."
    rows = run(nlp, text, [("September 20", "2023-09-20", D(2023, 9, 20))], published=D(2023, 9, 21))
    r = by_trigger(rows, "attacked")
    assert (r["date_start"], r["date_method"]) == (D(2023, 9, 19), "relative")


def test_hours_need_a_clock_time(nlp):
    text = "Ukraine's navy evacuated the crew about six hours before Russian missiles struck Odesa on Tuesday."
    rows = run(nlp, text, [("Tuesday", "2023-03-07", D(2023, 3, 7))])
    assert by_trigger(rows, "evacuated")["date_method"] != "relative"


# --------------------------------------------------------------------------- the event a clause is part of

def test_the_end_of_the_meeting_is_the_day_of_the_meeting(nlp):
    text = ("Sudanese army and RSF delegates met in Jeddah on May 6.\n\n"
            "At the end of the meeting, Sudan's army and the RSF signed a declaration.")
    rows = run(nlp, text, [("May 6", "2023-05-06", D(2023, 5, 6))], published=D(2023, 5, 7))
    signed = by_trigger(rows, "signed")
    assert signed["date_start"] == D(2023, 5, 6)
    assert signed["date_method"] == "frame:meeting", "the method names the frame event"
    stated = by_trigger(rows, "met")
    assert signed["confidence"] < stated["confidence"]


def test_an_indefinite_event_is_not_one_told_before(nlp):
    text = ("Armenian and Azerbaijani envoys met in Brussels on May 14.\n\n"
            "At a meeting in Moscow, Russia criticised Georgia.")
    rows = run(nlp, text, [("May 14", "2023-05-14", D(2023, 5, 14))], published=D(2023, 6, 30))
    assert by_trigger(rows, "criticised")["date_start"] is None


# --------------------------------------------------------------------------- the reference time of the narrative

def test_the_narrative_keeps_its_date_while_participants_continue(nlp):
    text = "Israeli troops entered Jenin on Monday.\n\nIsrael's army also arrested 20 Palestinians."
    rows = run(nlp, text, [("Monday", "2023-03-06", D(2023, 3, 6))])
    r = by_trigger(rows, "arrested")
    assert (r["date_start"], r["date_method"]) == (D(2023, 3, 6), "narrative")
    assert r["sources"][0]["date_text"] == "Monday"


def test_new_participants_do_not_inherit_the_narrative_date(nlp):
    text = "Israeli troops entered Jenin on Monday.\n\nEgypt's army closed the Rafah crossing."
    rows = run(nlp, text, [("Monday", "2023-03-06", D(2023, 3, 6))])
    assert by_trigger(rows, "closed")["date_start"] is None


def test_a_time_the_text_leaves_open_ends_the_narrative_date(nlp):
    text = ("Russian forces shelled Kharkiv on Monday.\n\n"
            "Recently, Russia's army also shelled Odesa.\n\nRussia's army shelled Kherson.")
    rows = run(nlp, text, [("Monday", "2023-03-06", D(2023, 3, 6)),
                           ("Recently", "PAST_REF", None, None, "vague")])
    first, odesa, kherson = [r for r in rows if r["trigger"] == "shelled"]
    assert first["date_start"] == D(2023, 3, 6)
    assert odesa["date_start"] is None
    assert kherson["date_start"] is None, "the narrative's time is now the open one"


@pytest.mark.parametrize("second", [
    "Mali's army had attacked the town.",                   # pluperfect: before the narrative
    "Mali's army previously attacked the town.",            # a past adverb says the same
    "Mali's army said that Wagner fighters attacked the town.",   # what a report says happened
])
def test_what_is_told_as_earlier_or_reported_does_not_take_the_narrative_date(nlp, second):
    text = f"Malian troops entered Kidal on Tuesday.\n\n{second}"
    rows = run(nlp, text, [("Tuesday", "2023-03-07", D(2023, 3, 7))])
    assert by_trigger(rows, "attacked")["date_start"] is None


def test_quoted_events_keep_the_speakers_time(nlp):
    text = ("Myanmar's junta bombed Pazigyi on Tuesday.\n\n"
            "\"Myanmar's junta bombed a school,\" the opposition government said.")
    rows = run(nlp, text, [("Tuesday", "2023-03-07", D(2023, 3, 7))])
    first, quoted = [r for r in rows if r["trigger"] == "bombed"]
    assert first["date_start"] == D(2023, 3, 7) and quoted["date_start"] is None


# --------------------------------------------------------------------------- news of the day

def test_a_statement_takes_the_dateline(nlp):
    text = ("KHARTOUM, March 9: Fighting continued around the airport for a third day.\n\n"
            "Sudan's army accused the RSF of shelling homes.")
    rows = run(nlp, text, [("March 9", "2023-03-09", D(2023, 3, 9))])
    r = by_trigger(rows, "accused")
    assert (r["date_start"], r["date_method"]) == (D(2023, 3, 9), "dateline")


def test_a_statement_takes_the_day_the_lede_tells_of(nlp):
    text = ("Niger's junta closed the border with Benin on Thursday, state television reported.\n\n"
            "Nigeria's president also condemned the coup.")
    rows = run(nlp, text, [("Thursday", "2023-03-09", D(2023, 3, 9))])
    r = by_trigger(rows, "condemned")
    assert (r["date_start"], r["date_method"]) == (D(2023, 3, 9), "story")


@pytest.mark.parametrize("marker", ["Earlier on Thursday", "Later on Thursday", "Also on Thursday", "Earlier Thursday"])
def test_a_day_told_relative_to_the_news_dates_the_lede(nlp, marker):
    text = ("Moscow has formally recognised the government of Niger, the Russian Foreign Ministry said.\n\n"
            f"{marker}, Sergei Ryabkov met Niger's ambassador in Moscow.")
    rows = run(nlp, text, [("Thursday", "2023-03-09", D(2023, 3, 9))])
    r = by_trigger(rows, "recognised")
    assert (r["date_start"], r["date_method"]) == (D(2023, 3, 9), "story:same_day")


def test_a_day_of_its_own_does_not_date_the_lede(nlp):
    text = ("Moscow has formally recognised the government of Niger, the Russian Foreign Ministry said.\n\n"
            "On Thursday, Sergei Ryabkov met Niger's ambassador in Moscow.")
    rows = run(nlp, text, [("Thursday", "2023-03-09", D(2023, 3, 9))])
    assert by_trigger(rows, "recognised")["date_start"] is None


def test_an_old_dateline_is_not_news_of_the_day(nlp):
    text = ("KHARTOUM, January 9: Fighting continued around the airport for a third day.\n\n"
            "Sudan's army accused the RSF of shelling homes.")
    rows = run(nlp, text, [("January 9", "2023-01-09", D(2023, 1, 9))])
    assert by_trigger(rows, "accused")["date_start"] is None


def test_a_stated_date_is_never_replaced_by_context(nlp):
    text = "KHARTOUM, March 9: Fighting continued.\n\nOn Tuesday, Sudan's army accused the RSF of shelling homes."
    rows = run(nlp, text, [("March 9", "2023-03-09", D(2023, 3, 9)), ("Tuesday", "2023-03-07", D(2023, 3, 7))])
    r = by_trigger(rows, "accused")
    assert (r["date_start"], r["date_method"]) == (D(2023, 3, 7), "timex")


def test_every_date_method_is_listed_for_the_timeline(nlp):
    """The timeline tells stated from inferred dates by the list in date_methods.csv."""
    text = ("Sudanese army and RSF delegates met in Jeddah on May 6.\n\n"
            "At the end of the meeting, Sudan's army and the RSF signed a declaration.\n\n"
            "Sudan's army also accused the RSF of looting.")
    rows = run(nlp, text, [("May 6", "2023-05-06", D(2023, 5, 6))], published=D(2023, 5, 7))
    kinds = {r["date_method"].split(":")[0] for r in rows if r["date_method"]}
    assert {"timex", "frame"} <= kinds
    from pipeline.timeline.methods import is_stated
    assert "timex" in stated_methods() and "relative" in stated_methods()
    assert all(is_stated(r) == (r["date_method"] in ("timex", "relative")) for r in rows if r["date_method"])


@pytest.mark.parametrize("text", [
    "The main outcome of the Israeli-Egyptian talks on Gaza, held in Cairo on March 2, was a prisoner exchange.",
    "The main result of the Sudanese talks on the ceasefire, held on March 2, was a humanitarian truce.",
])
def test_a_participle_hung_on_the_outcome_of_an_event_dates_the_event(nlp, text):
    rows = run(nlp, text, [("March 2", "2023-03-02", D(2023, 3, 2))])
    assert by_trigger(rows, "talks")["date_start"] == D(2023, 3, 2)


def test_a_paragraph_of_other_events_ends_the_narrative(nlp):
    text = ("Russian forces shelled Kharkiv on Monday.\n\n"
            "Russia's navy also blockaded Odesa.\n\n"
            "Turkey criticised Greece.\n\n"
            "Russia's army shelled Kherson.")
    rows = run(nlp, text, [("Monday", "2023-03-06", D(2023, 3, 6))])
    assert by_trigger(rows, "blockaded")["date_start"] == D(2023, 3, 6), "the next paragraph continues it"
    kherson = [r for r in rows if r["trigger"] == "shelled"][1]
    assert kherson["date_start"] is None, "after a paragraph of other events it has ended"
