"""Date stage: each rule with its sentence shapes, tense, year edges, no publication date, bad input."""
from __future__ import annotations

import datetime

import pytest

from factories import timex_rows
from pipeline.dates import load_matchers

D = datetime.date
FRI = D(2021, 8, 20)   # a Friday


def run(nlp, text, published=FRI):
    return timex_rows(nlp, text, published)


def find(rows, text):
    hits = [r for r in rows if r["text"] == text]
    assert hits, f"{text!r} not found in {[r['text'] for r in rows]}"
    return hits[0]


@pytest.mark.parametrize("text, expr, type_, value, gran", [
    ("The talks ended on Friday.", "Friday", "DATE", "2021-08-20", "day"),               # past, same day
    ("The talks ended on Thursday.", "Thursday", "DATE", "2021-08-19", "day"),
    ("The talks will resume on Thursday.", "Thursday", "DATE", "2021-08-26", "day"),     # future
    ("They met last week.", "last week", "DATE", "2021-W32", "week"),
    ("They will meet next month.", "next month", "DATE", "2021-09", "month"),
    ("Profits fell this year.", "this year", "DATE", "2021", "year"),
    ("Rain fell yesterday.", "yesterday", "DATE", "2021-08-19", "day"),
    ("The market rose in the third quarter.", "the third quarter", "DATE", "2021-Q3", "quarter"),
    ("It happened in the 1990s.", "the 1990s", "DATE", "199", "decade"),
    ("It happened in 1998.", "1998", "DATE", "1998", "year"),
    ("He stayed for 20 years.", "20 years", "DURATION", "P20Y", None),
    ("Stocks fell in the last twenty four hours.", "the last twenty four hours", "DURATION", "PT24H", None),
    ("The plan took three months.", "three months", "DURATION", "P3M", None),
    ("Prices are now higher.", "now", "DATE", "PRESENT_REF", "vague"),
    ("Prices recently rose.", "recently", "DATE", "PAST_REF", "vague"),
    ("They meet every year.", "every year", "SET", "P1Y", None),
    ("The paper is published daily.", "daily", "SET", "P1D", None),
    ("It was signed on March 5, 1998.", "March 5, 1998", "DATE", "1998-03-05", "day"),
    ("It was signed in June 1997.", "June 1997", "DATE", "1997-06", "month"),
    ("The sale closed in late October.", "late October", "DATE", "2020-10", "month"),   # month, no day, past
    ("They return next summer.", "next summer", "DATE", "2022-SU", "season"),
    ("Net income fell from a year ago.", "a year ago", "DATE", "2020", "year"),
])
def test_rules(nlp, text, expr, type_, value, gran):
    r = find(run(nlp, text), expr)
    assert (r["type"], r["value"], r["granularity"]) == (type_, value, gran)


def test_month_without_day_takes_no_day(nlp):
    r = find(run(nlp, "The deal was signed in October."), "October")
    assert r["value"] == "2020-10" and r["date_start"] == D(2020, 10, 1) and r["date_end"] == D(2020, 10, 31)


def test_month_day_year_boundary_past(nlp):
    r = find(run(nlp, "The bombing happened on December 28.", D(2022, 1, 5)), "December 28")
    assert r["value"] == "2021-12-28"


def test_month_day_year_boundary_future(nlp):
    r = find(run(nlp, "The vote will be held on January 3.", D(2021, 12, 28)), "January 3")
    assert r["value"] == "2022-01-03"


def test_weekday_across_year_boundary(nlp):
    # published Saturday 2022-01-01; "Thursday" in a past clause is 2021-12-30
    r = find(run(nlp, "The rebels attacked on Thursday.", D(2022, 1, 1)), "Thursday")
    assert r["value"] == "2021-12-30"


def test_iso_week_53(nlp):
    # 2021-01-01 is in ISO week 53 of 2020
    r = find(run(nlp, "Officials met this week.", D(2021, 1, 1)), "this week")
    assert r["value"] == "2020-W53"
    assert r["date_start"] == D(2020, 12, 28) and r["date_end"] == D(2021, 1, 3)


def test_weekend(nlp):
    r = find(run(nlp, "Protests continued over the weekend.", D(2021, 8, 16)), "the weekend")
    assert r["value"] == "2021-W32-WE"


@pytest.mark.parametrize("text, value", [
    ("The rebels marched into the capital this weekend.", "2021-W32-WE"),
    ("The rebels have been quiet since marching into the capital this weekend.", "2021-W32-WE"),
    ("The rebels will march into the capital this weekend.", "2021-W33-WE"),
    ("Talks are planned for this weekend.", "2021-W33-WE"),
])
def test_this_weekend_on_a_weekday_follows_the_tense(nlp, text, value):
    r = find(run(nlp, text), "this weekend")
    assert (r["value"], r["granularity"]) == (value, "week")
    assert r["date_start"].weekday() == 5 and (r["date_end"] - r["date_start"]).days == 1


def test_this_weekend_written_on_a_sunday_is_that_weekend(nlp):
    assert find(run(nlp, "The rebels marched into the capital this weekend.", D(2021, 8, 22)), "this weekend")["value"] == "2021-W33-WE"


@pytest.mark.parametrize("text, published, value", [
    ("Pilgrims gathered on Easter Sunday.", D(2021, 4, 20), "2021-04-04"),
    ("Shops reopen on Easter Monday.", D(2024, 3, 20), "2024-04-01"),
])
def test_easter_is_computed_for_the_year(nlp, text, published, value):
    rows = run(nlp, text, published)
    assert any(r["value"] == value for r in rows), [(r["text"], r["value"]) for r in rows]


def test_duration_is_not_a_date(nlp):
    r = find(run(nlp, "After 20 years of war, the troops left."), "20 years")
    assert r["type"] == "DURATION" and r["date_start"] is None and r["granularity"] is None


def test_we_and_may_are_not_dates(nlp):
    rows = run(nlp, "We may leave soon, but we stay.")
    assert not any(r["text"].lower() in ("we", "may") for r in rows)


def test_month_may_is_a_date(nlp):
    r = find(run(nlp, "The treaty was signed in May 1998."), "May 1998")
    assert r["value"] == "1998-05"


def test_anaphoric_year_earlier_on_quarter(nlp):
    rows = run(nlp, "Profit rose in the third quarter. A year earlier, it had fallen.", D(1989, 11, 2))
    assert find(rows, "the third quarter")["value"] == "1989-Q3"
    r = find(rows, "A year earlier")
    assert r["value"] == "1988-Q3" and r["anchor"] == "1989-Q3"


def test_anaphoric_next_day(nlp):
    rows = run(nlp, "The rebels attacked on March 3, 2020. The next day, troops arrived.")
    r = find(rows, "The next day")
    assert r["value"] == "2020-03-04" and r["anchor"] == "2020-03-03"


@pytest.mark.parametrize("text, expr, value, anchor", [
    ("The invasion began in 2001. Twenty years later, the troops left.", "Twenty years later", "2021", "2001"),
    ("The ceasefire in Karabakh held in March 2021. Two months later, fighting resumed.", "Two months later",
     "2021-05", "2021-03"),
    ("Sudan's army took the town on June 3, 2023. Three days earlier, talks had failed.", "Three days earlier",
     "2023-05-31", "2023-06-03"),
])
def test_offset_arithmetic_on_the_previous_date(nlp, text, expr, value, anchor):
    r = find(run(nlp, text), expr)
    assert (r["value"], r["anchor"], r["method"]) == (value, anchor, "rule:offset:anaphoric")


def test_offset_ago(nlp):
    r = find(run(nlp, "The war began 42 years ago.", D(2000, 2, 16)), "42 years ago")
    assert (r["type"], r["value"], r["granularity"]) == ("DATE", "1958", "year")


def test_no_publication_date(nlp):
    rows = run(nlp, "The talks ended on Thursday. The treaty was signed on March 5, 1998.", None)
    thu = find(rows, "Thursday")
    assert thu["value"] is None and thu["method"].endswith(":unanchored") and thu["date_start"] is None
    assert find(rows, "March 5, 1998")["value"] == "1998-03-05"


def test_methods_and_anchors(nlp):
    rows = run(nlp, "The talks ended on Thursday.")
    r = find(rows, "Thursday")
    assert r["method"].startswith("rule:weekday") and r["anchor"] == "published:2021-08-20"
    r = find(run(nlp, "It was signed on March 5, 1998."), "March 5, 1998")
    assert r["anchor"] is None


def test_extent_excludes_preposition_and_possessive(nlp):
    rows = run(nlp, "Since last year's vote, prices rose.")
    assert find(rows, "last year")["value"] == "2020"


@pytest.mark.parametrize("text", [
    "", " ", "It was 2021-02-30.", "The deal closed Sept. 31.", "In year 0 nothing happened.",
    "The code is 1234567890123456789012345678901234567890.", "Der Vertrag wurde am 3. März unterzeichnet.",
    "On February 30, 1999 and 99/99/9999 and 25:99 p.m.", "The 0th century and the 9999s.",
])
def test_malformed_inputs_do_not_raise(nlp, text):
    rows = run(nlp, text)
    for r in rows:
        assert r["value"] is None or isinstance(r["value"], str)


@pytest.mark.parametrize("text, expr", [
    ("It was signed on February 30, 1999.", "February 30, 1999"),
    ("The truce in Myanmar began on 31 April 2022.", "31 April 2022"),
])
def test_invalid_day_is_unresolved(nlp, text, expr):
    r = find(run(nlp, text), expr)
    assert r["value"] is None and r["date_start"] is None and r["method"].endswith(":invalid")


def test_matchers_are_cached(nlp):
    assert load_matchers(nlp.vocab)[0] is load_matchers(nlp.vocab)[0]


# --------------------------------------------------------------------------- TimeML conventions learnt on TempEval-3

MON = D(2021, 8, 23)   # a Monday


@pytest.mark.parametrize("text, expr, value, published", [
    # a weekday in a noun phrase takes the sentence's tense: the meeting 'drew' protests, so it is past
    ("The leaders' Thursday meeting drew protests.", "Thursday", "2021-08-19", MON),
    # reduced participle clause: past, even inside a "would" sentence
    ("They said they would appeal the ruling, announced Wednesday by the court.", "Wednesday", "2021-08-18", FRI),
    # "could" is ability, not future
    ("The minister could not be reached Wednesday for comment.", "Wednesday", "2021-08-18", FRI),
    # "had been due to", "until ... had not": past perfect beats the future cue
    ("The offer had been due to expire Thursday.", "Thursday", "2021-08-19", MON),
    ("Until Thursday, the police had not named a suspect.", "Thursday", "2021-08-19", MON),
    ("The vote will be held on Thursday.", "Thursday", "2021-08-26", MON),
])
def test_weekday_tense(nlp, text, expr, value, published):
    assert find(run(nlp, text, published), expr)["value"] == value


def test_clock_time_keeps_its_minutes(nlp):
    r = find(run(nlp, "The blast occurred at 10:35 a.m. near the embassy."), "10:35 a.m.")
    assert (r["type"], r["value"]) == ("TIME", "2021-08-20T10:35")


def test_clock_time_is_not_a_year(nlp):
    rows = run(nlp, "The blast occurred at 10:35 a.m. (0735 GMT) on Friday.")
    assert not any(r["text"] == "0735" for r in rows)


def test_time_and_following_day_are_one_expression(nlp):
    rows = run(nlp, "The offer expires at 5 p.m. EST, Nov. 6. Talks broke off at noon Thursday.", D(1989, 10, 30))
    r = find(rows, "5 p.m. EST, Nov. 6")
    assert (r["type"], r["value"]) == ("TIME", "1989-11-06T17:00")
    assert find(rows, "noon Thursday")["value"] == "1989-10-26T12:00"


def test_article_before_numeric_duration_is_left_out(nlp):
    r = find(run(nlp, "Albright arrived after a 16-hour flight."), "16-hour")
    assert (r["type"], r["value"]) == ("DURATION", "PT16H")


def test_capitalized_march_is_the_month_and_bare_jan_is_a_name(nlp):
    rows = run(nlp, "In March a judge ruled against the family. Foreign Minister Jan Kavan signed it.")
    assert find(rows, "March")["value"] == "2021-03"
    assert not any(r["text"] == "Jan" for r in rows)


def test_quarterly_dividend_is_not_a_set(nlp):
    rows = run(nlp, "The company raised its quarterly dividend and its annual payout.")
    assert not any(r["text"].lower() in ("quarterly", "annual") for r in rows)


@pytest.mark.parametrize("text, expr, type_, value", [
    ("Sales for the year rose 5%.", "the year", "DATE", "2021"),
    ("Sales for the full year rose 5%.", "the full year", "DATE", "2021"),
    ("The index fell 3% for the week.", "the week", "DATE", "2021-WXX"),
    ("Revenue for the year ended March 31 was flat.", "the year", "DURATION", "P1Y"),
    ("Net income for the fiscal year ended Jan. 31 fell.", "the fiscal year", "DURATION", "P1Y"),
    ("The deal should close by year-end.", "year-end", "DATE", "2021"),
    ("Troops should arrive by the end of the month.", "the end of the month", "DATE", "2021-08"),
    ("Profit in the latest quarter fell.", "the latest quarter", "DATE", "2021-Q2"),
    ("Rates may fall in coming months.", "coming months", "DATE", "FUTURE_REF"),
    ("They will buy new equipment over the coming years.", "the coming years", "DURATION", "PXY"),
])
def test_report_periods(nlp, text, expr, type_, value):
    r = find(run(nlp, text), expr)
    assert (r["type"], r["value"]) == (type_, value)


def test_year_quarter_follows_the_quarter_under_discussion(nlp):
    rows = run(nlp, "Profit rose in the third quarter. It had earned $2 million in the 1988 quarter.", D(1989, 11, 2))
    assert find(rows, "the 1988 quarter")["value"] == "1988-Q3"


def test_date_range_is_split_and_past_clause_stays_past(nlp):
    rows = run(nlp, "The fund bought shares from Sept. 14 to Thursday.", D(1989, 10, 30))
    assert find(rows, "Sept. 14")["value"] == "1989-09-14"
    assert find(rows, "Thursday")["value"] == "1989-10-26"


def test_month_day_near_the_publication_date_beats_a_year_away(nlp):
    # past clause, but "Nov. 16" two weeks ahead is the plausible one, not a year back
    r = find(run(nlp, "The offer was extended to Nov. 16.", D(1989, 10, 30)), "Nov. 16")
    assert r["value"] == "1989-11-16"
    # a past clause still picks the past when both are far
    r = find(run(nlp, "The treaty was signed on June 1.", D(1989, 10, 30)), "June 1")
    assert r["value"] == "1989-06-01"


def test_new_rules_without_publication_date_do_not_guess(nlp):
    rows = run(nlp, "Sales for the year rose. The index fell for the week. It closes by year-end.", None)
    for expr in ("the year", "the week", "year-end"):
        r = find(rows, expr)
        assert r["value"] is None and r["method"].endswith(":unanchored")


def test_sentence_initial_now_comma_is_a_discourse_marker(nlp):
    rows = run(nlp, "Now, he says, the plan looks weak. Prices are now higher.")
    assert [r["text"] for r in rows if r["text"].lower() == "now"] == ["now"]
