"""Date classes resolved from the text around the expression: report periods that no quarter names,
prepositions that fix the direction of time. Invented sentences on other topics and conflicts."""
from __future__ import annotations

import datetime

import pytest
from factories import timex_rows

D = datetime.date


def value_of(nlp, text, published, expr):
    rows = timex_rows(nlp, text, published)
    found = [r for r in rows if r["text"] == expr]
    assert found, (expr, [(r["text"], r["value"]) for r in rows])
    return found[0]


# --------------------------------------------------------------------------- a months period is no quarter

@pytest.mark.parametrize("text, expr", [
    (("The relief agency spent $4 million in the third quarter. For the nine months, it spent "
     "$11 million, up from $8 million a year earlier."), "a year earlier"),
    (("Grain exports from Odesa rose in the second quarter. In the first six months, shipments reached "
     "nine million tonnes, compared with seven million a year ago."), "a year ago"),
    (("Arms sales to the Sahel juntas fell in the third quarter. For the nine months, sales were "
     "$2 billion; the year-earlier results included a one-time order."), "year-earlier results"),
])
def test_year_ago_after_a_months_period_is_the_year_before(nlp, text, expr):
    assert value_of(nlp, text, D(2023, 10, 30), expr)["value"] == "2022"


@pytest.mark.parametrize("text, expr, value", [
    ("Aid deliveries to Gaza rose in the third quarter, up from a year earlier.", "a year earlier", "2022-Q3"),
    (("For the nine months, the mine in Kivu lost money. Output rose in the third quarter "
     "from a year ago."), "a year ago", "2022-Q3"),
])
def test_year_ago_after_a_quarter_stays_the_quarter(nlp, text, expr, value):
    assert value_of(nlp, text, D(2023, 10, 30), expr)["value"] == value


def test_the_year_period_after_a_months_period_is_that_year(nlp):
    text = ("Sugar output in Sudan fell in the third quarter. In the first nine months, mills earned "
            "$30 million, compared with a loss of $5 million in the 2022 period.")
    assert value_of(nlp, text, D(2023, 10, 30), "the 2022 period")["value"] == "2022"
    text = "Sugar output in Sudan fell in the third quarter, after a gain in the 2022 period."
    assert value_of(nlp, text, D(2023, 10, 30), "the 2022 period")["value"] == "2022-Q3"


# --------------------------------------------------------------------------- "since" points back

@pytest.mark.parametrize("text, published, expr, value", [
    ("Prices in Khartoum have doubled since the April 15 clashes.", D(2024, 2, 1), "April 15", "2023-04-15"),
    ("No convoy has reached Mekelle since the December 28 ceasefire talks.", D(2023, 9, 1), "December 28",
     "2022-12-28"),
])
def test_a_date_after_since_is_in_the_past(nlp, text, published, expr, value):
    # the coming date is the nearer one: only "since" sends it back
    assert value_of(nlp, text, published, expr)["value"] == value



# --------------------------------------------------------------------------- a clock time takes the day named after it

@pytest.mark.parametrize("text, expr, value", [
    ("The blast in Mogadishu occurred at about 10:35 a.m. (0735 GMT) Friday, officials said.", "10:35 a.m.",
     "2023-03-03T10:35"),
    ("Shelling of Kherson began at 9 p.m. on Wednesday, the governor said.", "9 p.m.", "2023-03-01T21:00"),
    ("Rebels entered Goma at 6 a.m. (0400 GMT) on Thursday, witnesses said.", "6 a.m.", "2023-03-02T06:00"),
])
def test_a_clock_time_takes_the_day_named_right_after_it(nlp, text, expr, value):
    assert value_of(nlp, text, D(2023, 3, 4), expr)["value"] == value   # published on a Saturday


def test_a_clock_time_without_a_day_after_it_is_on_the_publication_day(nlp):
    text = "The curfew in Khartoum starts at 9 p.m. and lasts until dawn."
    assert value_of(nlp, text, D(2023, 3, 4), "9 p.m.")["value"] == "2023-03-04T21:00"


# --------------------------------------------------------------------------- "and a half"

@pytest.mark.parametrize("text, expr, value", [
    ("The siege of Mariupol lasted a year and a half.", "a year and a half", "P1Y6M"),
    ("Talks in Doha took two and a half years.", "two and a half years", "P2Y6M"),
    ("The truce in Gaza held for an hour and a half.", "an hour and a half", "PT1H30M"),
    ("A minute and a half later, a second blast hit Kabul.", "A minute and a half later", "PT1M30S"),
])
def test_and_a_half_is_part_of_the_amount(nlp, text, expr, value):
    assert value_of(nlp, text, D(2023, 3, 4), expr)["value"] == value


# --------------------------------------------------------------------------- the same period a year back

@pytest.mark.parametrize("text, expr", [
    (("Grain exports from Odesa rose in the third quarter. The figures compare with 2 million tonnes for "
     "the corresponding period last year."), "the corresponding period last year"),
    ("Aid deliveries to Gaza fell in the third quarter from the same period a year earlier.",
     "the same period a year earlier"),
])
def test_the_same_period_a_year_back_is_that_quarter_of_last_year(nlp, text, expr):
    assert value_of(nlp, text, D(2023, 10, 30), expr)["value"] == "2022-Q3"


# --------------------------------------------------------------------------- a month that ends something

@pytest.mark.parametrize("text, published, expr, value", [
    ("The UN has extended the Sahel mission through January.", D(2023, 10, 20), "January", "2024-01"),
    ("Donors extended the Tigray food programme to February.", D(2023, 12, 10), "February", "2024-02"),
])
def test_a_month_ending_a_period_in_a_past_clause_is_the_coming_one(nlp, text, published, expr, value):
    assert value_of(nlp, text, published, expr)["value"] == value


def test_a_month_in_a_past_clause_without_an_end_is_the_past_one(nlp):
    assert value_of(nlp, "The UN extended the Sahel mission in January.", D(2023, 10, 20), "January")["value"] \
        == "2023-01"


# --------------------------------------------------------------------------- a weekday counted from the day last named

@pytest.mark.parametrize("text, expr, value", [
    ("The Kyiv index closed Friday at 510, down 4% from the previous Friday.", "the previous Friday", "2023-02-24"),
    ("Talks on Karabakh opened on Tuesday, Feb. 14, and ended the following Friday.", "the following Friday",
     "2023-02-17"),
    ("Shelling resumed on Monday, Feb. 20, two days after the preceding Saturday's truce.", "the preceding Saturday",
     "2023-02-18"),
])
def test_the_previous_or_following_weekday_counts_from_the_day_last_named(nlp, text, expr, value):
    assert value_of(nlp, text, D(2023, 3, 6), expr)["value"] == value   # published on a Monday


# --------------------------------------------------------------------------- days, years and holidays as written

@pytest.mark.parametrize("text, expr, value", [
    ("International Women's Day is this coming Sunday, March eighth.", "this coming Sunday, March eighth", "2023-03-08"),
    ("The ceasefire in Tigray began on March the twenty-first.", "March the twenty-first", "2022-03-21"),
])
def test_a_day_of_the_month_spoken_as_an_ordinal_word(nlp, text, expr, value):
    assert value_of(nlp, text, D(2023, 3, 6), expr)["value"] == value


@pytest.mark.parametrize("text, expr, value", [
    ("Cuban families were split by the post-1959 politics.", "post-1959", "1959"),
    ("The Taliban rejected a return to the pre-2001 constitution.", "pre-2001", "2001"),
])
def test_a_year_with_a_pre_or_post_prefix(nlp, text, expr, value):
    assert value_of(nlp, text, D(2023, 3, 6), expr)["value"] == value


@pytest.mark.parametrize("text, expr", [
    ("Residents of Gaza will have to live without power for a while.", "a while"),
    ("The talks in Doha stalled for quite a while.", "quite a while"),
])
def test_for_a_while_is_a_duration_of_no_stated_length(nlp, text, expr):
    row = value_of(nlp, text, D(2023, 3, 6), expr)
    assert (row["type"], row["value"]) == ("DURATION", "PXX")


@pytest.mark.parametrize("published, value", [(D(2022, 10, 26), "2022-11-08"), (D(2020, 10, 1), "2020-11-03")])
def test_election_day_is_the_tuesday_after_the_first_monday_of_november(nlp, published, value):
    text = "Border security will be a theme of the campaign from now to Election Day."
    assert value_of(nlp, text, published, "Election Day")["value"] == value


# --------------------------------------------------------------------------- "last year" in a quarter's comparison

@pytest.mark.parametrize("text, expr", [
    (("In the latest quarter, the Kenyan airline had a $23 million loss on freight, compared with earnings of "
     "$33 million last year."), "last year"),
    ("Grain sales in the third quarter were $1.76 billion, a 13% increase from last year's $1.55 billion.",
     "last year"),
])
def test_last_year_in_a_quarters_comparison_is_that_quarter_a_year_back(nlp, text, expr):
    assert value_of(nlp, text, D(2023, 10, 30), expr)["value"] == "2022-Q3"


@pytest.mark.parametrize("text", [
    "Third-quarter profit at the Gaza power plant will be lower than the 16 cents a share it reported last year.",
    "For the year ended Aug. 31, the Odesa port earned $2 million, down from $9 million last year.",
    "Aid to Sudan rose in the third quarter. Last year, donors gave $40 million.",
])
def test_last_year_stays_the_year_when_it_dates_an_act_or_a_year_is_compared(nlp, text):
    assert value_of(nlp, text, D(2023, 10, 30), next(w for w in ("last year", "Last year") if w in text))["value"] \
        == "2022"


def test_a_year_earlier_after_the_year_ended_is_the_year_before(nlp):
    text = ("The Odesa port earned $2 million in the fourth quarter. For the year ended Aug. 31, it earned "
            "$9 million, up from $7 million a year earlier.")
    assert value_of(nlp, text, D(2023, 10, 30), "a year earlier")["value"] == "2022"


# --------------------------------------------------------------------------- last night

@pytest.mark.parametrize("text", [
    "Rockets hit Kharkiv last night, the governor said.",
    "Last night, gunmen attacked a checkpoint near Gao.",
])
def test_last_night_is_the_night_before_the_publication_day(nlp, text):
    row = value_of(nlp, text, D(2023, 3, 6), next(w for w in ("last night", "Last night") if w in text))
    assert (row["type"], row["value"]) == ("TIME", "2023-03-05TNI")


# --------------------------------------------------------------------------- the week of a date; a season of a spoken year

@pytest.mark.parametrize("text, expr, value", [
    ("The Karabakh case may be heard the week of March 6, his lawyer said.", "the week of March 6", "2023-W10"),
    ("Donors meet in Geneva the week of Jan. 9, 2023.", "the week of Jan. 9, 2023", "2023-W02"),
])
def test_the_week_of_a_date_is_the_week_holding_it(nlp, text, expr, value):
    assert value_of(nlp, text, D(2023, 2, 24), expr)["value"] == value


@pytest.mark.parametrize("text, expr, value", [
    ("Oil fell to the level we saw in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four",
     "1994-WI"),
    ("Famine struck Somalia in the summer of two thousand and eleven.", "the summer of two thousand and eleven",
     "2011-SU"),
])
def test_a_season_of_a_spoken_year(nlp, text, expr, value):
    assert value_of(nlp, text, D(2023, 2, 24), expr)["value"] == value


@pytest.mark.parametrize("text, expr, value", [
    ("Shares in Nairobi fell Friday after overnight losses in New York.", "overnight", "2023-03-02TNI"),
    ("Kyiv said on Wednesday that overnight shelling damaged the port.", "overnight", "2023-02-28TNI"),
])
def test_overnight_is_the_night_before_the_day_named(nlp, text, expr, value):
    assert value_of(nlp, text, D(2023, 3, 6), expr)["value"] == value


@pytest.mark.parametrize("text, published, expr, value", [
    ("Pilgrims in Jerusalem prayed on Sunday as Easter week began.", D(2000, 4, 17), "Easter week", "2000-W16"),
    ("Clashes erupted at the Al-Aqsa mosque during Easter week.", D(2023, 3, 6), "Easter week", "2022-W15"),
])
def test_a_holiday_week_is_the_week_holding_the_holiday(nlp, text, published, expr, value):
    assert value_of(nlp, text, published, expr)["value"] == value


# --------------------------------------------------------------------------- a quarter or half in a future clause

@pytest.mark.parametrize("text, published, expr, value", [
    ("The sale of the Ukrainian grain terminal will close in the second half.", D(2023, 3, 20),
     "the second half", "2023-H2"),
    ("Sudan's central bank said exports will recover in the first quarter.", D(2023, 11, 20),
     "the first quarter", "2024-Q1"),
])
def test_a_quarter_in_a_future_clause_is_not_last_years(nlp, text, published, expr, value):
    assert value_of(nlp, text, published, expr)["value"] == value


@pytest.mark.parametrize("text, published, expr, value", [
    # a quarter ended last month is the one about to be reported
    ("The Kenyan mobile operator expects to report a profit for the third quarter.", D(2023, 10, 27),
     "the third quarter", "2023-Q3"),
    ("Arms exports to the Sahel rose in the second half.", D(2023, 3, 20), "the second half", "2022-H2"),
])
def test_a_quarter_reported_or_past_stays_the_last_one(nlp, text, published, expr, value):
    assert value_of(nlp, text, published, expr)["value"] == value


# --------------------------------------------------------------------------- a year before the month compared

@pytest.mark.parametrize("text, expr, value", [
    ("Grain exports from Odesa fell in February compared with a year ago.", "a year ago", "2022-02"),
    ("In January, fuel prices in Khartoum were triple those of a year earlier.", "a year earlier", "2022-01"),
])
def test_a_year_ago_after_a_month_is_that_month_a_year_back(nlp, text, expr, value):
    assert value_of(nlp, text, D(2023, 3, 20), expr)["value"] == value


def test_a_year_ago_without_a_month_is_the_year_before(nlp):
    assert value_of(nlp, "Fighting in Myanmar displaced more people than a year ago.", D(2023, 3, 20),
                    "a year ago")["value"] == "2022"
