"""Date classes found on news outside the training data: lists and ranges, tense choosing the year,
dateparser behind checks, a weekday contradicting its date, named past events. Invented sentences."""
from __future__ import annotations

import datetime

import pytest

from factories import timex_rows
from pipeline.dates.fallback import rejected

D = datetime.date


def run(nlp, text, published):
    return timex_rows(nlp, text, published)


def values(rows):
    return [(r["text"], r["value"]) for r in rows]


# --------------------------------------------------------------------------- lists and ranges

@pytest.mark.parametrize("text, published, expected", [
    ("Shelling in Gaza was reported on February 28, March 3 and March 10.", D(2022, 3, 20),
     [("February 28", "2022-02-28"), ("March 3", "2022-03-03"), ("March 10", "2022-03-10")]),
    ("Militias in the Sahel attacked convoys on May 2, May 9 and May 30.", D(2023, 6, 4),
     [("May 2", "2023-05-02"), ("May 9", "2023-05-09"), ("May 30", "2023-05-30")]),
    ("Voting in Myanmar took place on April 24 and 25, 2021.", D(2023, 5, 1),
     [("April 24", "2021-04-24"), ("25, 2021", "2021-04-25")]),
    ("The ministers met on 3 and 4 May in Niamey.", D(2021, 5, 10), [("3", "2021-05-03"), ("4 May", "2021-05-04")]),
    ("Strikes hit Kharkiv on December 30, January 2 and January 5, 2023.", D(2023, 3, 1),
     [("December 30", "2022-12-30"), ("January 2", "2023-01-02"), ("January 5, 2023", "2023-01-05")]),
    # a range's year, stated once after it, holds for both days
    ("The Sahel summit took place March 3-5, 2022.", D(2023, 6, 20), [("March 3", "2022-03-03"), ("5, 2022", "2022-03-05")]),
    ("Talks on Karabakh ran June 5\u20138, 2021, in Brussels.", D(2023, 6, 20),
     [("June 5", "2021-06-05"), ("8, 2021", "2021-06-08")]),
    ("Talks in Jeddah were held from May 6 to 11, 2023.", D(2024, 1, 20), [("May 6", "2023-05-06"), ("11, 2023", "2023-05-11")]),
])
def test_every_date_of_a_list_is_its_own_expression(nlp, text, published, expected):
    assert values(run(nlp, text, published)) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("The summit in Khartoum was held on November 28-29.", D(2021, 12, 5), [("November 28", "2021-11-28"), ("29", "2021-11-29")]),
    ("Talks on Karabakh ran June 5\u20138 in Brussels.", D(2022, 6, 20), [("June 5", "2022-06-05"), ("8", "2022-06-08")]),
    ("Fighting in Sudan raged from April 15 to 20.", D(2023, 5, 1), [("April 15", "2023-04-15"), ("20", "2023-04-20")]),
])
def test_a_day_range_gives_both_days_and_never_a_year(nlp, text, published, expected):
    rows = run(nlp, text, published)
    assert values(rows) == expected
    assert rows[1]["anchor"] == expected[0][1] and rows[1]["method"] == "rule:list_day"


# --------------------------------------------------------------------------- tense chooses the year

FRI = D(2021, 8, 20)   # a Friday


@pytest.mark.parametrize("text, expr, value", [
    ("The militia seized the town on November 3.", "November 3", "2020-11-03"),             # simple past
    ("Troops have held the bridge since November 3.", "November 3", "2020-11-03"),          # perfect
    ("He was detained on Feb 1 by the junta in Naypyidaw.", "Feb 1", "2021-02-01"),
    ("The ceasefire in Karabakh collapsed in December.", "December", "2020-12"),            # month
    ("Rebels shelled the airport on Thursday.", "Thursday", "2021-08-19"),                   # weekday
])
def test_past_or_perfect_is_on_or_before_the_publication(nlp, text, expr, value):
    assert dict(values(run(nlp, text, FRI)))[expr] == value


@pytest.mark.parametrize("text, expr, value", [
    ("Elections in Sudan will be held on February 3.", "February 3", "2022-02-03"),         # will
    ("The convoy may reach Goma on February 3.", "February 3", "2022-02-03"),               # modal
    ("The talks in Doha are expected to resume in March.", "March", "2022-03"),              # month
    ("Delegates will meet in Niamey on Thursday.", "Thursday", "2021-08-26"),               # weekday
])
def test_future_or_modal_is_after_the_publication(nlp, text, expr, value):
    assert dict(values(run(nlp, text, FRI)))[expr] == value


@pytest.mark.parametrize("text, expr, value", [
    ("The September 2 deadline for the Gaza truce talks.", "September 2", "2021-09-02"),    # 13 days ahead
    ("A July 30 report on Myanmar's prisons.", "July 30", "2021-07-30"),                    # 21 days back
    ("The Monday meeting on Sahel security.", "Monday", "2021-08-23"),                      # 3 days ahead, 4 back
])
def test_no_tense_is_the_nearest(nlp, text, expr, value):
    assert dict(values(run(nlp, text, FRI)))[expr] == value


@pytest.mark.parametrize("text, published, value", [
    ("The offer to Kyiv's creditors was extended to Nov. 16.", D(1989, 10, 30), "1989-11-16"),
    ("The mandate of the Sudan mission had been due to expire Nov. 6.", D(1989, 11, 2), "1989-11-06"),
])
def test_a_past_verb_may_set_a_deadline_ahead(nlp, text, published, value):
    r = next(r for r in run(nlp, text, published) if r["text"].startswith("Nov."))
    assert r["value"] == value


def test_a_past_event_just_after_the_publication_day_is_last_year(nlp):
    # no deadline word: a past event dated ahead of publication is the previous year's
    rows = run(nlp, "He was detained on Jan. 10 by the junta.", D(2021, 12, 20))
    assert dict(values(rows))["Jan. 10"] == "2021-01-10"


@pytest.mark.parametrize("text, published, value", [
    ("The rebels marched into the capital this weekend.", D(2021, 8, 18), "2021-W32-WE"),   # Wednesday, past
    ("The rebels will march into the capital this weekend.", D(2021, 8, 18), "2021-W33-WE"),
    ("Floods in Sudan killed dozens this summer.", D(2022, 3, 20), "2021-SU"),             # past, summer not begun
    ("Floods in Sudan may kill dozens this summer.", D(2022, 3, 20), "2022-SU"),
    ("Floods in Sudan killed dozens this summer.", D(2022, 8, 20), "2022-SU"),             # past, summer begun
])
def test_this_part_of_a_period_not_begun_follows_the_tense(nlp, text, published, value):
    r = next(r for r in run(nlp, text, published) if r["text"].startswith("this"))
    assert r["value"] == value


# --------------------------------------------------------------------------- dateparser behind checks

@pytest.mark.parametrize("text, parsed, period, dct, why", [
    ("november 28 29", D(1929, 11, 28), "day", D(2021, 12, 5), "implausible_year"),   # a day read as a year
    ("june 5 8", D(2008, 6, 5), "day", D(2022, 5, 20), "implausible_year"),
    ("5 8", D(2022, 5, 8), "day", D(2022, 5, 20), "granularity"),                      # no calendar word
    ("5-8 june", D(2022, 6, 5), "day", D(2022, 5, 20), "range"),                        # range numbers
    ("28 \u2013 29 november", D(2021, 11, 28), "day", D(2021, 12, 5), "range"),
    ("november 28", D(2021, 1, 1), "year", D(2021, 12, 5), "granularity"),              # a day given as a year
    ("early 2021", D(2021, 3, 1), "day", D(2021, 12, 5), "granularity"),               # a year given as a day
    ("the third of june", D(2021, 6, 1), "month", D(2021, 12, 5), "granularity"),      # a day given as a month
    ("june 2 1995", D(1996, 6, 2), "day", D(2021, 12, 5), "implausible_year"),          # a year the text does not state
])
def test_dateparser_readings_that_cannot_be_right_are_rejected(text, parsed, period, dct, why):
    assert rejected(text, parsed, period, dct) == why


@pytest.mark.parametrize("text, parsed, period, dct", [
    ("june 2 1995", D(1995, 6, 2), "day", D(2021, 12, 5)),
    ("the third of june", D(2021, 6, 3), "day", D(2021, 12, 5)),
    ("jun 2021", D(2021, 6, 1), "month", D(2021, 12, 5)),
])
def test_dateparser_readings_that_fit_are_kept(text, parsed, period, dct):
    assert rejected(text, parsed, period, dct) is None


def test_a_rejected_reading_leaves_the_expression_unresolved(nlp):
    # dateparser reads "Nov 28/29" as a day of another year; the expression stays, without a value
    rows = run(nlp, "The Khartoum summit on 28/29 Nov was postponed.", D(2021, 12, 5))
    assert all(r["value"] is None or r["value"].startswith("2021") for r in rows)


# --------------------------------------------------------------------------- weekday contradicting its date

@pytest.mark.parametrize("text, published, expr, value", [
    ("The strike in Gaza happened on Tuesday, October 1.", D(2025, 10, 5), "Tuesday, October 1", "2025-10-01"),
    ("Sudan's army entered Wad Madani on Friday, Dec. 19, 2023.", D(2024, 1, 5), "Friday, Dec. 19, 2023", "2023-12-19"),
])
def test_a_weekday_that_contradicts_its_date_keeps_the_date_and_is_flagged(nlp, text, published, expr, value):
    r = {r["text"]: r for r in run(nlp, text, published)}[expr]
    assert r["value"] == value and r["method"].endswith(":weekday_mismatch")


def test_a_weekday_that_fits_its_date_is_not_flagged(nlp):
    rows = run(nlp, "The strike in Gaza happened on Wednesday, October 1.", D(2025, 10, 5))
    r = next(r for r in rows if r["text"] == "Wednesday, October 1")
    assert r["value"] == "2025-10-01" and "mismatch" not in r["method"]


# --------------------------------------------------------------------------- named past events

@pytest.mark.parametrize("text", [
    "Since 9/11, the country's borders have been closed.",
    "The attacks of 9/11 changed the war in Afghanistan.",
])
def test_a_named_past_event_is_its_own_date_not_this_year(nlp, text):
    r = next(r for r in run(nlp, text, D(2021, 10, 5)) if r["text"] == "9/11")
    assert (r["value"], r["method"]) == ("2001-09-11", "rule:named_event")


def test_an_event_named_by_its_year_keeps_that_year(nlp):
    rows = run(nlp, "Twenty years after the 2001 attacks, the Taliban returned.", D(2021, 8, 20))
    assert dict(values(rows))["2001"] == "2001"


def test_an_event_named_without_a_date_is_not_given_the_article_year(nlp):
    rows = run(nlp, "Since the fall of Kabul, aid has dried up.", D(2022, 2, 1))
    assert not any(r["value"] and r["value"].startswith("2022") for r in rows)


def test_a_month_slash_day_without_year_is_not_dated(nlp):
    rows = run(nlp, "The 3/4 meeting in Juba was cancelled.", D(2022, 5, 1))
    assert all(r["value"] is None for r in rows if "3/4" in r["text"])


# --------------------------------------------------------------------------- found on the training data, as classes

@pytest.mark.parametrize("text, expected", [
    ("Statements were made Friday and Thursday by the Sudanese envoy.", [("Friday", "2021-08-20"), ("Thursday", "2021-08-19")]),
    ("Drones struck Kherson on Monday or Tuesday.", [("Monday", "2021-08-16"), ("Tuesday", "2021-08-17")]),
])
def test_a_list_of_weekdays_gives_each_weekday(nlp, text, expected):
    assert values(run(nlp, text, FRI)) == expected


@pytest.mark.parametrize("text, expr, value", [
    ("There were no cancellations after the Aug. 7 embassy bombings in Nairobi.", "Aug. 7", "2021-08-07"),
    ("Aid resumed after the Aug. 3 truce in Tigray.", "Aug. 3", "2021-08-03"),
])
def test_a_dotted_month_day_is_found_inside_an_event_name(nlp, text, expr, value):
    assert dict(values(run(nlp, text, FRI)))[expr] == value


@pytest.mark.parametrize("text, value", [
    ("The envoy fled to Juba in June 2019 and returned to Khartoum later that year.", "2019"),
    ("The truce in Karabakh was signed in May 2016; fighting resumed earlier that year.", "2016"),
])
def test_earlier_or_later_that_year_is_the_year_mentioned(nlp, text, value):
    r = next(r for r in run(nlp, text, FRI) if r["text"].endswith("that year"))
    assert (r["value"], r["method"]) == (value, "rule:anaphoric:same")


@pytest.mark.parametrize("text, expr, value", [
    ("The blockade of Gaza lasted a couple of years.", "a couple of years", "P2Y"),
    ("Talks on the Sahel could take the next couple of months.", "the next couple of months", "P2M"),
])
def test_a_couple_is_two(nlp, text, expr, value):
    assert dict(values(run(nlp, text, FRI)))[expr] == value


@pytest.mark.parametrize("text, expr, value", [
    ("The official said the accession of Ukraine was planned for early March.", "early March", "2022-03"),
    ("Diplomats discussed a summit on Sudan set for Addis Ababa in April.", "April", "2022-04"),
    ("The mission to Myanmar was scheduled for June.", "June", "2022-06"),
])
def test_a_planned_date_is_ahead_even_in_a_past_clause(nlp, text, expr, value):
    assert dict(values(run(nlp, text, D(2022, 2, 10))))[expr] == value


@pytest.mark.parametrize("text, expr, value", [
    ("The index fell from the record high set on Aug. 6.", "Aug. 6", "2021-08-06"),
    ("The convoy to Mekelle was planned on Jan. 20 by the agencies.", "Jan. 20", "2022-01-20"),
])
def test_a_plan_verb_without_for_keeps_its_tense(nlp, text, expr, value):
    assert dict(values(run(nlp, text, D(2022, 2, 10))))[expr] == value


@pytest.mark.parametrize("text, expr, value", [
    ("Colonel Ade will be named commander for a mission in December.", "December", "2022-12"),
    ("Investigators have gathered evidence in the October killing of the Gaza aid worker.", "October", "2021-10"),
])
def test_a_month_inside_a_noun_phrase_takes_the_tense_of_its_verb(nlp, text, expr, value):
    assert dict(values(run(nlp, text, D(2022, 4, 19))))[expr] == value


@pytest.mark.parametrize("text, published, expr, value", [
    ("Exports of Ukrainian grain in last year's third quarter fell.", D(2023, 5, 2), "last year's third quarter", "2022-Q3"),
    ("Aid to Sudan could resume as early as next year's first quarter.", D(2023, 5, 2), "next year's first quarter",
     "2024-Q1"),
    ("Gaza's economy shrank in this year's first half.", D(2023, 10, 2), "this year's first half", "2023-H1"),
])
def test_a_period_owned_by_a_relative_year_is_one_expression_in_that_year(nlp, text, published, expr, value):
    assert dict(values(run(nlp, text, published)))[expr] == value


@pytest.mark.parametrize("text, expr, value", [
    ("The UN mandate in South Sudan was extended for an additional three months.", "an additional three months", "P3M"),
    ("Gaza's crossings stayed shut for five working days.", "five working days", "P5D"),
    ("The Kyiv exchange was closed for eight trading days.", "eight trading days", "P8D"),
])
def test_a_counted_period_with_a_qualifier_is_a_duration(nlp, text, expr, value):
    assert dict(values(run(nlp, text, FRI)))[expr] == value


# --------------------------------------------------------------------------- a season of a year, a part of a day of a date

@pytest.mark.parametrize("text, expr, value", [
    ("The offensive in Karabakh began in the spring of 2022.", "the spring of 2022", "2022-SP"),
    ("Militias in Darfur regrouped during the winter of 2019, officials said.", "the winter of 2019", "2019-WI"),
    ("Rains cut supply roads in the Sahel in the summer of 2021.", "the summer of 2021", "2021-SU"),
])
def test_a_season_of_a_year_is_one_expression_in_that_year(nlp, text, expr, value):
    rows = run(nlp, text, D(2023, 6, 12))
    assert (expr, value) in values(rows), values(rows)


@pytest.mark.parametrize("text, expr, value", [
    ("Fighting broke out again in Khartoum on the night of June 6.", "June 6", "2023-06-06"),
    ("Drones hit Odesa on the morning of March 3, the governor said.", "March 3", "2023-03-03"),
    ("Rebels entered Goma on the evening of May 28, 2022.", "May 28, 2022", "2022-05-28"),
    ("Troops crossed the river on the night of Friday, June 9.", "Friday, June 9", "2023-06-09"),
])
def test_a_part_of_a_named_day_leaves_the_date_as_the_expression(nlp, text, expr, value):
    """TimeML as annotated in TempEval-3: "the night of <TIMEX3>Oct. 23</TIMEX3>"."""
    rows = run(nlp, text, D(2023, 6, 12))
    assert (expr, value) in values(rows), values(rows)


@pytest.mark.parametrize("text, expr, value", [
    ("The strike by Sudanese doctors could last two weeks.", "two weeks", "P2W"),
    ("The talks in Doha are expected to last three days.", "three days", "P3D"),
])
def test_the_verb_last_is_not_part_of_the_duration(nlp, text, expr, value):
    rows = run(nlp, text, D(2023, 6, 12))
    assert (expr, value) in values(rows), values(rows)


def test_last_before_a_unit_is_still_the_previous_one(nlp):
    rows = run(nlp, "Myanmar's junta extended the emergency last week.", D(2023, 6, 12))
    assert ("last week", "2023-W23") in values(rows), values(rows)


# --------------------------------------------------------------------------- a story told in an earlier year

@pytest.mark.parametrize("text, expr, value", [
    ("In March 2014, Russia annexed Crimea. In April, separatists seized buildings in Donetsk.", "April", "2014-04"),
    ("Russia invaded Ukraine in February 2022. In September, Kyiv retook most of the Kharkiv region.",
     "September", "2022-09"),
    ("The RSF took Nyala on October 26, 2022. On November 4, it seized the camp at Ardamata.",
     "November 4", "2022-11-04"),
    ("Myanmar's army seized power on Feb. 1, 2021. On March 27, soldiers killed more than 100 protesters.",
     "March 27", "2021-03-27"),
    (("Fighting in Tigray began in November 2020. In December, federal troops took Mekelle; "
      "in January, the army claimed victory."), "January", "2021-01"),
])
def test_a_date_without_year_right_after_a_dated_story_takes_the_story_year(nlp, text, expr, value):
    rows = run(nlp, text, D(2023, 6, 12))
    assert (expr, value) in values(rows), values(rows)


@pytest.mark.parametrize("text, expr, value", [
    # the dated expression names an event, it does not tell when its clause happened
    ("Two men were charged in the Dec. 21, 2016, bombing of a bus in Mali. They were freed in April.",
     "April", "2023-04"),
    ("Iran condemned the strike after the August 2020 ceasefire in Karabakh. Talks resumed in May.", "May", "2023-05"),
    # a bare year is no story: "in 2014" compares as often as it tells
    ("Exports from Odesa were higher in 2014. In May, shipments fell by a third.", "May", "2023-05"),
    # a future clause is not part of the story
    ("In March 2021, the army recaptured the town of Bara. Talks will resume in September.", "September", "2023-09"),
    # another period told in between ends the story
    ("He was made a general on May 22, 2015, and the following year moved to Kyiv. In December, he was recalled.",
     "December", "2022-12"),
])
def test_a_date_without_year_stays_on_the_publication_outside_a_story(nlp, text, expr, value):
    rows = run(nlp, text, D(2023, 6, 12))
    assert (expr, value) in values(rows), values(rows)


@pytest.mark.parametrize("text, expr, value", [
    # news names a weekday only within a week of publication (AP style): after a story, it is the news week's
    ("The war in Sudan began on April 15, 2023. On Monday, the army said it would retake Khartoum.",
     "Monday", "2024-06-10"),
    ("Kyiv has marked the Feb. 24, 2022, invasion every year. On Monday, drones hit Odesa.", "Monday", "2024-06-10"),
])
def test_a_weekday_after_a_dated_story_stays_in_the_publication_week(nlp, text, expr, value):
    rows = run(nlp, text, D(2024, 6, 12))
    assert (expr, value) in values(rows), values(rows)


# --------------------------------------------------------------------------- numeric dates

@pytest.mark.parametrize("text, expr, value", [
    ("The ceasefire in Karabakh was signed on 11/10/2020, the ministry said.", "11/10/2020", "2020-11-10"),
    ("Sudan's army and the RSF met in Jeddah on 2023-05-06.", "2023-05-06", "2023-05-06"),
    # a first number above 12 can only be the day
    ("Russian troops crossed the border on 24/02/2022.", "24/02/2022", "2022-02-24"),
])
def test_a_numeric_date_is_found_and_read(nlp, text, expr, value):
    rows = run(nlp, text, D(2023, 6, 12))
    assert (expr, value) in values(rows), values(rows)


def test_a_fraction_is_no_numeric_date(nlp):
    assert run(nlp, "The junta won 2/3 of the seats in Mali's transitional council.", D(2023, 6, 12)) == []
