"""Spans that look temporal but are no TIMEX3 under the TimeML guidelines, and their look-alikes
that are. Invented sentences."""
from __future__ import annotations

import datetime

import pytest

from pipeline.dates import timexes_for_doc

D = datetime.date(2023, 5, 10)


def texts(nlp, text):
    return [r["text"] for r in timexes_for_doc(nlp(text), "a1", D)]


@pytest.mark.parametrize("text, word", [
    ("Aid agencies in Sudan spend $40 million a year on fuel.", "year"),
    ("The corridor from Gaza carried 700 trucks a week, the agency said.", "week"),
    ("Ukraine exports about 2 million tonnes a month through the port.", "month"),
    ("The Sahel mission costs 1.2 billion euros annually, officials said.", "annually"),
    ("Refugee numbers in Myanmar grew 15% annually until the coup.", "annually"),
])
def test_a_quantity_per_unit_of_time_is_a_rate_not_a_set(nlp, text, word):
    assert not any(word in t for t in texts(nlp, text))


@pytest.mark.parametrize("text, expr", [
    ("Monitors in Karabakh patrol the line every week.", "every week"),
    ("Convoys reach Gaza every day, the agency said.", "every day"),
    ("Envoys to Niger meet each month in Abuja.", "each month"),
])
def test_a_frequency_of_events_is_still_a_set(nlp, text, expr):
    assert expr in texts(nlp, text)


@pytest.mark.parametrize("text", [
    ("Rebels in the Sahel control more than a quarter of the country."),
    ("A quarter of Gaza's population has fled south."),
    ("Inflation in Sudan hit a quarter-century high in March."),
])
def test_a_fraction_is_not_a_quarter_of_the_year(nlp, text):
    assert not any("quarter" in t for t in texts(nlp, text))


@pytest.mark.parametrize("text, expr", [
    ("Exports from Ukraine fell in the first quarter of 2023.", "the first quarter of 2023"),
    ("Grain exports from Ukraine rose in the quarter, the ministry said.", "the quarter"),
])
def test_a_quarter_that_is_a_period_is_kept(nlp, text, expr):
    found = texts(nlp, text)
    assert any("quarter" in t for t in found), found


@pytest.mark.parametrize("text", [
    "For the people of Myanmar, high noon has come.",
    "It was high noon for the junta in Niger, a diplomat said.",
])
def test_high_noon_is_an_idiom_not_a_clock_time(nlp, text):
    assert not any("noon" in t.lower() for t in texts(nlp, text))


def test_noon_as_a_time_is_kept(nlp):
    assert any("noon" in t for t in texts(nlp, "The truce in Sudan starts at noon on Friday."))


# --------------------------------------------------------------------------- a part of the day alone

W = datetime.date(2023, 5, 10)   # a Wednesday


@pytest.mark.parametrize("text, expr, value", [
    ("By mid afternoon, shelling in Gaza had stopped.", "mid afternoon", "2023-05-10TAF"),
    ("By mid-afternoon the convoy had left Khartoum.", "mid-afternoon", "2023-05-10TAF"),
    ("Drones hit Odesa on Monday. In the early morning, sirens sounded again.", "the early morning", "2023-05-08TMO"),
    ("Late afternoon yesterday, the convoy reached El Fasher.", "Late afternoon yesterday", "2023-05-09TAF"),
    ("In Niamey at mid-afternoon yesterday, soldiers closed the bridge.", "mid-afternoon yesterday", "2023-05-09TAF"),
])
def test_a_part_of_day_is_of_the_day_last_named_or_the_publication_day(nlp, text, expr, value):
    rows = timexes_for_doc(nlp(text), "a1", W)
    assert (expr, value) in [(r["text"], r["value"]) for r in rows]


def test_a_clock_time_and_its_deictic_day_stay_one_time(nlp):
    rows = timexes_for_doc(nlp("The strike on Kharkiv came at 5 p.m. yesterday, officials said."), "a1", W)
    assert [(r["text"], r["value"]) for r in rows] == [("5 p.m. yesterday", "2023-05-09T17:00")]


# --------------------------------------------------------------------------- a planned event's day

@pytest.mark.parametrize("text, expr, value", [
    ("Opposition groups in Sudan have scheduled a rally Thursday.", "Thursday", "2023-05-11"),
    ("Activists in Yerevan planned a march on Saturday to demand talks on Karabakh.", "Saturday", "2023-05-13"),
    ("Ministers from Kyiv and Warsaw scheduled a meeting Friday in Lviv.", "Friday", "2023-05-12"),
])
def test_the_day_of_a_planned_event_lies_ahead(nlp, text, expr, value):
    rows = timexes_for_doc(nlp(text), "a1", W)
    assert (expr, value) in [(r["text"], r["value"]) for r in rows]


def test_the_day_of_an_event_that_happened_stays_past(nlp):
    rows = timexes_for_doc(nlp("Drones struck a market in Gaza on Saturday."), "a1", W)
    assert [(r["text"], r["value"]) for r in rows] == [("Saturday", "2023-05-06")]


@pytest.mark.parametrize("text, expr, value", [
    ("The Sudanese envoy is to arrive in Jeddah Tuesday.", "Tuesday", "2023-05-16"),
    ("Monitors are to return to the Karabakh line on Monday, the mission said.", "Monday", "2023-05-15"),
])
def test_is_to_with_a_day_is_an_arrangement_ahead(nlp, text, expr, value):
    rows = timexes_for_doc(nlp(text), "a1", W)
    assert (expr, value) in [(r["text"], r["value"]) for r in rows]


# --------------------------------------------------------------------------- "the day before the talks"

@pytest.mark.parametrize("text, expr, value", [
    ("The strikes hit Kherson on May 3, the day before the talks opened in Istanbul.", "the day", "2023-05-03"),
    ("Sudan reopened the airport on May 4, the day after the truce began.", "the day", "2023-05-04"),
])
def test_the_day_beside_a_date_is_that_date_and_the_preposition_is_a_signal(nlp, text, expr, value):
    rows = timexes_for_doc(nlp(text), "a1", W)
    assert (expr, value) in [(r["text"], r["value"]) for r in rows]


@pytest.mark.parametrize("text, expr, value", [
    ("Fighting in Gaza stopped on May 3. The day before, aid trucks had crossed.", "The day before", "2023-05-02"),
    ("Rebels in Goma left on May 3 and returned the day after.", "the day after", "2023-05-04"),
])
def test_the_day_before_without_an_object_is_the_previous_day(nlp, text, expr, value):
    rows = timexes_for_doc(nlp(text), "a1", W)
    assert (expr, value) in [(r["text"], r["value"]) for r in rows]


@pytest.mark.parametrize("text, value", [
    ("The mandate in Mali may be extended for an additional year.", "P1Y"),
    ("The UN kept monitors in Karabakh for another month.", "P1M"),
    ("Talks on Ukraine grain exports ran an extra week.", "P1W"),
])
def test_one_more_unit_is_a_duration_of_one(nlp, text, value):
    rows = timexes_for_doc(nlp(text), "a1", W)
    assert [(r["type"], r["value"]) for r in rows] == [("DURATION", value)]


@pytest.mark.parametrize("text", [
    "Thousands joined the annual March for Peace in Khartoum.",
    "She led the March of the Mothers through Yerevan to demand news of Karabakh.",
    "Police in Gaza blocked this march before it reached the crossing.",
])
def test_a_march_named_like_the_month_is_no_date(nlp, text):
    assert not any("arch" in t for t in texts(nlp, text))


@pytest.mark.parametrize("text, expr", [
    ("Talks on Sudan resumed in March.", "March"),
    ("The Myanmar junta extended emergency rule in March of 2023.", "March of 2023"),
    ("Fighting in Kharkiv eased in May for the first time.", "May"),
])
def test_the_month_itself_is_kept(nlp, text, expr):
    assert any(expr in t for t in texts(nlp, text)), texts(nlp, text)


@pytest.mark.parametrize("text, duration, value, day", [
    ("The envoy testified for more than four hours Friday in a court in Kyiv.", "more than four hours", "PT4H", "Friday"),
    ("Shelling of Khartoum went on for six hours Monday, residents said.", "six hours", "PT6H", "Monday"),
])
def test_a_duration_and_the_day_after_it_are_two_expressions(nlp, text, duration, value, day):
    rows = timexes_for_doc(nlp(text), "a1", W)
    found = [(r["text"], r["value"]) for r in rows]
    assert (duration, value) in found and any(t == day for t, _ in found), found


@pytest.mark.parametrize("text, expr, value", [
    ("Inspectors in Ukraine began a tour likely to last over a week.", "over a week", "P1W"),
    ("The siege of Mariupol lasted almost a month.", "almost a month", "P1M"),
    ("Aid convoys waited for more than a week at the Rafah crossing.", "more than a week", "P1W"),
])
def test_an_approximate_single_unit_is_a_duration(nlp, text, expr, value):
    rows = timexes_for_doc(nlp(text), "a1", W)
    assert (expr, value) in [(r["text"], r["value"]) for r in rows]


@pytest.mark.parametrize("text, value", [
    ("The offer is a 20% premium over Friday's closing price in Kyiv.", "2023-05-05"),
    ("The bid values the Nairobi firm at a 15% premium to Friday's close.", "2023-05-05"),
])
def test_a_weekday_owning_an_outcome_without_a_tense_is_past(nlp, text, value):
    rows = timexes_for_doc(nlp(text), "a1", W)
    assert [(r["text"], r["value"]) for r in rows] == [("Friday", value)]


@pytest.mark.parametrize("text, expr", [
    ("Prices in Khartoum have doubled since the April 15 clashes.", "April 15"),
    ("Since the Jan. 6, 2021 riot, the militia has grown.", "Jan. 6, 2021"),
    ("Monitors reported on the 12 November election in Myanmar.", "12 November"),
])
def test_the_determiner_of_the_noun_a_date_modifies_is_not_part_of_it(nlp, text, expr):
    assert expr in texts(nlp, text)


@pytest.mark.parametrize("text, expr, value", [
    ("Monitors reported on the 12 November election in Myanmar.", "12 November", "2022-11-12"),
    ("Soldiers entered Goma on the 5th of May.", "the 5th of May", "2023-05-05"),
])
def test_a_day_before_its_month_is_one_expression(nlp, text, expr, value):
    rows = timexes_for_doc(nlp(text), "a1", D)
    assert (expr, value) in [(r["text"], r["value"]) for r in rows]


@pytest.mark.parametrize("text, expected", [
    ("Shelling resumed on Monday, May 8, two days after the truce.", [("Monday, May 8", "2023-05-08"), ("two days", "P2D")]),
    ("Troops left Bamako on Thursday, March 9, two weeks after the coup.",
     [("Thursday, March 9", "2023-03-09"), ("two weeks", "P2W")]),
])
def test_a_date_and_a_duration_the_parser_ran_together_are_two_expressions(nlp, text, expected):
    rows = timexes_for_doc(nlp(text), "a1", D)
    assert [(r["text"], r["value"]) for r in rows] == expected


@pytest.mark.parametrize("text, expr, value", [
    ("Orangemen march through Portadown each July.", "each July", "XXXX-07"),
    ("Pilgrims reach Karbala every March, officials said.", "every March", "XXXX-03"),
])
def test_every_named_month_is_a_set(nlp, text, expr, value):
    rows = timexes_for_doc(nlp(text), "a1", D)
    assert [(r["text"], r["type"], r["value"]) for r in rows] == [(expr, "SET", value)]


@pytest.mark.parametrize("text, expr", [
    ("Holders may buy shares in the Odesa port at half the then current market price.", "then current"),
    ("The junta paid the then-current rate for Sahel gold.", "then-current"),
])
def test_then_current_is_a_past_reference(nlp, text, expr):
    rows = timexes_for_doc(nlp(text), "a1", D)
    assert [(r["text"], r["value"]) for r in rows] == [(expr, "PAST_REF")]


@pytest.mark.parametrize("text", [
    "Kellogg will sell boxes in Kenya for as little as 99 cents, trade sources say.",
    "Rice sold for as little as 30 cents in Juba.",
])
def test_an_amount_the_parser_calls_a_date_is_dropped_when_no_word_of_it_names_a_time(nlp, text):
    assert texts(nlp, text) == []


def test_the_matcher_run_around_its_anchors_finds_what_it_finds_on_the_whole_text(nlp):
    from pipeline.dates import spans
    from pipeline.dates.lexicon import load_matchers, load_patterns, matcher_anchors

    assert matcher_anchors() is not None, "every pattern needs a token to anchor on"
    # an anchorless token class must hold a digit: a regular expression without one could match anywhere
    for entry in load_patterns():
        for tok in entry["pattern"]:
            for value in tok.values():
                if isinstance(value, dict) and "REGEX" in value:
                    assert "\\d" in value["REGEX"], entry
    text = ("The talks, which began in the spring of 2019 and resumed last Friday, ended on March 3. "
            "Nothing else happened then. " * 3 + "For a while, the two sides met every other week until mid-2020.")
    doc = nlp(text)
    matcher, _ = load_matchers(doc.vocab)
    assert sorted(spans._matches(doc, matcher)) == sorted(matcher(doc))
