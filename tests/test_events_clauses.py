"""Clause-level event readings, on invented sentences of several conflicts, dated by the real date stage.

Each test stands for a class: a joint press conference is a meeting; a verb that performs an
event noun dates it; a relative clause says when its event took place; an attack noun and the
verb that tells its outcome are one event.
"""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.events import mentions_for_doc
from factories import timex_rows

PUB = dt.date(2024, 6, 1)   # a Saturday
D = dt.date


def run(nlp, text: str, published: dt.date = PUB) -> list[dict]:
    doc = nlp(text)
    article = {"article_id": "a1", "file": "t.txt", "title": None, "published": published, "body": text}
    return mentions_for_doc(doc, article, timex_rows(nlp, text, published))


def on(rows: list[dict], trigger: str) -> list[dict]:
    return [r for r in rows if r["trigger"] == trigger]


# --------------------------------------------------------------------------- a joint press conference is a meeting

@pytest.mark.parametrize("text, source, target", [
    ("Vladimir Putin told a press conference with Recep Tayyip Erdogan on Tuesday that the grain deal was over.",
     "Russia", "Turkey"),
    ("Emmanuel Macron spoke at a joint news conference with Volodymyr Zelensky on Tuesday.", "France", "Ukraine"),
    ("Antony Blinken gave a news conference with Israel's foreign minister on Tuesday.", "United States", "Israel"),
])
def test_a_news_conference_with_a_named_party_is_a_dated_meeting(nlp, text, source, target):
    met = [r for r in on(run(nlp, text), "conference") if r["cameo_code"][:2] == "04"]
    assert met, run(nlp, text)
    assert (met[0]["source_actor"], met[0]["target_actor"]) == (source, target)
    assert met[0]["date_start"] == D(2024, 5, 28)


def test_a_news_conference_with_reporters_is_no_meeting(nlp):
    rows = run(nlp, "Olaf Scholz told a news conference with reporters on Tuesday that Germany would send tanks.")
    assert not [r for r in rows if r["cameo_code"][:2] == "04"]


# --------------------------------------------------------------------------- a performing verb dates its event noun

@pytest.mark.parametrize("text", [
    "Vladimir Putin told a news conference on Tuesday that the grain deal was over.",
    "Ukraine's defence minister addressed a news conference in Kyiv on Tuesday.",
])
def test_the_verb_that_performs_an_event_noun_dates_it(nlp, text):
    rows = on(run(nlp, text), "conference")
    assert rows and rows[0]["date_start"] == D(2024, 5, 28), rows


def test_a_verb_whose_object_is_an_event_noun_is_not_a_second_event(nlp):
    # once the strike is the killing's means, ordering it is not an unlisted event of its own
    rows = run(nlp, "Joe Biden ordered a drone strike in Somalia on Tuesday that killed two militants.")
    assert not on(rows, "ordered"), rows


# --------------------------------------------------------------------------- a relative clause dates its event

@pytest.mark.parametrize("text, trigger, day", [
    ("The Russian offensive, which began on February 24, 2022, has reshaped Europe.", "offensive", D(2022, 2, 24)),
    ("Israel's ground operation in Rafah, which was launched on May 6, displaced a million people.", "operation",
     D(2024, 5, 6)),
    ("Azerbaijan's offensive in Karabakh, which started on September 19, 2023, ended within a day.", "offensive",
     D(2023, 9, 19)),
])
def test_a_relative_clause_of_occurrence_dates_its_event_noun(nlp, text, trigger, day):
    rows = on(run(nlp, text), trigger)
    assert rows and rows[0]["date_start"] == day, rows


def test_a_relative_clause_of_another_event_does_not_date_the_noun(nlp):
    # the clause tells what Iran began doing, not when the sanctions did
    rows = on(run(nlp, "The sanctions on Iran, which began enriching uranium in April 2021, hurt its economy."),
              "sanctions")
    assert all(r["date_start"] != D(2021, 4, 1) for r in rows)


# --------------------------------------------------------------------------- an attack and its outcome are one event

@pytest.mark.parametrize("text, code, source, target", [
    ("An Israeli airstrike killed 12 people in Gaza on Monday.", "195", "Israel", "Palestine"),
    ("A Russian drone attack on Odesa killed four people on Friday.", None, "Russia", "Ukraine"),
    ("Russian shelling of Kherson killed three civilians on Friday.", "194", "Russia", "Ukraine"),
])
def test_an_attack_noun_and_its_killing_are_one_mention(nlp, text, code, source, target):
    rows = run(nlp, text)
    violent = [r for r in rows if r["cameo_code"][:2] in ("18", "19", "20")]
    assert len(violent) == 1, violent
    row = violent[0]
    assert row["trigger"] == "killed" and (row["source_actor"], row["target_actor"]) == (source, target)
    if code:
        assert row["cameo_code"] == code        # the means is the more specific type
    assert row["summary"].split()[0] in ("An", "A", "Russian")


def test_the_one_who_ordered_the_strike_is_its_source(nlp):
    rows = run(nlp, "Joe Biden ordered a drone strike on Saturday that killed two Islamic State militants.")
    violent = [r for r in rows if r["cameo_code"][:2] in ("18", "19", "20")]
    assert len(violent) == 1, violent
    assert (violent[0]["source_actor"], violent[0]["target_actor"]) == ("United States", "Islamic State")
    assert violent[0]["date_start"] == D(2024, 6, 1)
    assert violent[0]["summary"].startswith("A drone strike kills")


def test_a_verb_of_another_kind_keeps_its_own_noun(nlp):
    # condemning an attack is an event of its own, not the attack's outcome
    rows = run(nlp, "Ukraine condemned the Russian missile attack on Kyiv on Monday.")
    codes = {r["cameo_code"][:2] for r in rows}
    assert "11" in codes and codes & {"18", "19", "20"}, rows


# --------------------------------------------------------------------------- a decision's act happens when it takes effect

@pytest.mark.parametrize("text, trigger, day", [
    ("On May 20, the decision to lift sanctions on Syria came into force.", "lift", D(2024, 5, 20)),
    ("The order to halt arms deliveries to Israel took effect on Tuesday.", "halt", D(2024, 5, 28)),
    ("The law to ban the Wagner Group entered into force on Tuesday.", "ban", D(2024, 5, 28)),
])
def test_what_a_decision_does_happens_when_it_takes_effect(nlp, text, trigger, day):
    rows = on(run(nlp, text), trigger)
    assert rows and rows[0]["date_start"] == day, run(nlp, text)


def test_taking_effect_is_not_an_event_of_its_own(nlp):
    # the ceasefire is the event; "took effect" only dates it (no "Israel takes effect")
    rows = run(nlp, "The ceasefire between Israel and Hamas took effect on Sunday.")
    assert {r["trigger"] for r in rows} == {"ceasefire"}
    assert {r["date_start"] for r in rows} == {D(2024, 5, 26)}
    assert rows[0]["summary"] == "Ceasefire between Israel and Hamas"


# --------------------------------------------------------------------------- a verb and its event noun are one event

@pytest.mark.parametrize("text, code", [
    ("The European Union lifted sanctions on Belarus on Tuesday.", "085"),
    ("Egypt proposed a ceasefire between Israel and Hamas on Tuesday.", "0256"),
    ("Hamas rejected talks with Israel on Tuesday.", "125"),
])
def test_a_verb_absorbs_the_event_noun_it_acts_on(nlp, text, code):
    rows = run(nlp, text)
    assert rows and {r["cameo_code"] for r in rows} == {code}, rows


@pytest.mark.parametrize("text, roots", [
    ("Ukraine condemned the Russian missile attack on Kyiv on Tuesday.", {"11", "19"}),
    ("Qatar hailed the ceasefire between Israel and Hamas on Tuesday.", {"05", "08"}),
])
def test_a_verb_about_an_event_leaves_it_its_own_mention(nlp, text, roots):
    rows = run(nlp, text)
    assert {r["cameo_code"][:2] for r in rows} >= roots, rows
    noun = [r for r in rows if r["cameo_code"][:2] in roots - {"11", "05"}]
    assert noun and not noun[0]["summary"].startswith(("Russia condemns", "Israel hails"))


# --------------------------------------------------------------------------- troops that leave withdraw

@pytest.mark.parametrize("text, source, target", [
    ("French troops left Mali in August 2022.", "France", "Mali"),
    ("The last Russian soldiers left Kherson on Friday.", "Russia", None),
    ("Ethiopian forces that quit Tigray on Friday regrouped in Amhara.", "Ethiopia", None),
])
def test_troops_that_leave_a_place_withdraw(nlp, text, source, target):
    rows = [r for r in run(nlp, text) if r["trigger"] in ("left", "quit")]
    assert rows and rows[0]["cameo_code"] == "0874", run(nlp, text)
    assert rows[0]["source_actor"] == source
    if target:
        assert rows[0]["target_actor"] == target


def test_troops_of_no_known_side_leaving_a_city_are_no_event_of_the_city(nlp):
    assert not [r for r in run(nlp, "The last troops left Kabul on Monday.") if r["trigger"] == "left"]


def test_a_minister_who_leaves_for_a_capital_travels(nlp):
    rows = [r for r in run(nlp, "Sergei Lavrov left for Beijing on Monday.") if r["trigger"] == "left"]
    assert rows and rows[0]["cameo_code"] == "042"


# --------------------------------------------------------------------------- a dateline is not the lede's subject

def test_the_lede_after_a_dateline_keeps_its_own_subject_and_day(nlp):
    text = "BAKU, Oct 10 (Reuters) - Armenia and Azerbaijan agreed on Saturday to a humanitarian ceasefire."
    rows = run(nlp, text, published=D(2020, 10, 10))
    agreed = [r for r in rows if r["trigger"] == "agreed"]
    assert {(r["source_actor"], r["target_actor"]) for r in agreed} == {("Armenia", "Azerbaijan"),
                                                                        ("Azerbaijan", "Armenia")}
    assert {r["date_start"] for r in agreed} == {D(2020, 10, 10)}
    assert not any("BAKU" in r["summary"] or "baku" in r["summary"] for r in rows)


# --------------------------------------------------------------------------- a participle's agent

@pytest.mark.parametrize("text, trigger, source", [
    ("Talks in Doha brokered by Qatar ended on Monday.", "brokered", "Qatar"),
    ("The sanctions on Iranian oil imposed by the European Union took effect on Monday.", "sanctions",
     "European Union"),
    ("The raid carried out by Israel killed 12 people in Jenin on Monday.", "killed", "Israel"),
])
def test_the_agent_of_a_participle_is_its_source(nlp, text, trigger, source):
    rows = on(run(nlp, text), trigger)
    assert rows and rows[0]["source_actor"] == source, run(nlp, text)


def test_a_mediator_is_not_a_party_to_the_truce_it_brokered(nlp):
    rows = run(nlp, "A ceasefire brokered by Qatar and Egypt began on Sunday.")
    assert not [r for r in rows if r["trigger"] == "ceasefire" and r["source_actor"] in ("Qatar", "Egypt")]
    brokered = on(rows, "brokered")
    assert brokered and all(r["target_actor"] not in ("Qatar", "Egypt") for r in brokered)


# --------------------------------------------------------------------------- complements, plans and linked clauses

def test_promising_to_de_escalate_is_no_threat(nlp):
    rows = run(nlp, "Russia promised on Tuesday to scale down military operations around Kyiv.")
    assert {r["cameo_code"][:2] for r in on(rows, "promised")} == {"03"}
    assert {r["cameo_code"][:2] for r in run(nlp, "The Houthis vowed on Tuesday to wage war on Israel.")
            if r["trigger"] == "vowed"} == {"13"}


def test_a_plan_takes_no_date_from_the_clause_that_announced_it(nlp):
    rows = run(nlp, "Russia promised on Tuesday to scale down military operations around Kyiv.")
    assert [r["date_start"] for r in on(rows, "scale")] == [None]
    planned = on(run(nlp, "Armenia and Azerbaijan will hold talks in Istanbul on Friday."), "talks")
    assert planned and planned[0]["factuality"] == "future" and planned[0]["date_start"] == D(2024, 6, 7)


def test_a_chain_of_participles_shares_the_date_of_its_clause(nlp):
    rows = run(nlp, "Hamas fighters attacked southern Israel on Tuesday, killing 1,200 people and seizing 240 hostages.")
    assert {r["date_start"] for r in rows if r["trigger"] in ("attacked", "killing", "seizing")} == {D(2024, 5, 28)}
    assert on(rows, "seizing")


def test_who_brokered_a_deal_is_not_acted_on_by_those_who_approve_it(nlp):
    rows = run(nlp, "The deal, mediated by Qatar and Egypt, was approved by the Israeli cabinet on Tuesday.")
    approved = on(rows, "approved")
    assert approved and {r["target_actor"] for r in approved} == {None}


def test_reimposing_sanctions_is_imposing_them(nlp):
    rows = run(nlp, "Donald Trump withdrew the United States from the accord in 2018 and reimposed sanctions on Iran.")
    sanctions = on(rows, "sanctions")
    assert sanctions and (sanctions[0]["source_actor"], sanctions[0]["target_actor"]) == ("United States", "Iran")
    assert sanctions[0]["date_start"] == D(2018, 1, 1)


# --------------------------------------------------------------------------- drills with a partner are cooperation

@pytest.mark.parametrize("text, pairs", [
    ("Iran held naval drills with Russia on Tuesday.", {("Iran", "Russia")}),
    ("China and Russia conducted joint bomber patrols over the Pacific on Tuesday.",
     {("China", "Russia"), ("Russia", "China")}),
])
def test_exercises_with_a_partner_are_military_cooperation(nlp, text, pairs):
    rows = [r for r in run(nlp, text) if r["cameo_code"] == "062"]
    assert {(r["source_actor"], r["target_actor"]) for r in rows} == pairs, run(nlp, text)


def test_drills_alone_are_a_show_of_force(nlp):
    rows = run(nlp, "North Korea held military drills near the border on Tuesday.")
    assert {r["cameo_code"] for r in rows if r["trigger"] == "drills"} == {"150"}


# --------------------------------------------------------------------------- a quote's "we" is its own speaker's

@pytest.mark.parametrize("text, source", [
    ('"We have completed our withdrawal from Mali," French General Pierre Dupont said on Tuesday.', "France"),
    ('Antony Blinken spoke on Monday. "We condemn the attack on our embassy," said Recep Tayyip Erdogan.', "Turkey"),
])
def test_a_quote_before_its_speaker_is_that_speakers(nlp, text, source):
    rows = [r for r in run(nlp, text) if r["trigger"] in ("withdrawal", "condemn")]
    assert rows and rows[0]["source_actor"] == source, rows


# --------------------------------------------------------------------------- designations and exchanges

@pytest.mark.parametrize("text, target", [
    ("Russia designated the Taliban a terrorist organisation in 2003.", "Taliban"),
    ("The United States designated the Houthis as a terrorist group on Tuesday.", "Houthis"),
])
def test_designating_a_group_a_terrorist_organisation_is_an_administrative_sanction(nlp, text, target):
    rows = on(run(nlp, text), "designated")
    assert rows and (rows[0]["cameo_code"], rows[0]["target_actor"]) == ("172", target)


def test_designating_an_envoy_is_no_sanction(nlp):
    assert not [r for r in run(nlp, "Ukraine designated a new envoy on Tuesday.") if r["cameo_code"][:2] == "17"]


@pytest.mark.parametrize("text", [
    "Russia and Ukraine exchanged 200 prisoners of war on Tuesday.",
    "A prisoner swap between Armenia and Azerbaijan took place on Tuesday.",
])
def test_an_exchange_goes_both_ways(nlp, text):
    rows = [r for r in run(nlp, text) if r["cameo_code"] == "0841"]
    pairs = {(r["source_actor"], r["target_actor"]) for r in rows}
    assert len(pairs) == 2 and {(b, a) for a, b in pairs} == pairs, pairs


def test_a_shortened_quote_does_not_end_on_an_article(nlp):
    rows = run(nlp, "The Taliban said on Tuesday that the group would not attack the territory of any neighbour of "
                    "Afghanistan and would fight Islamic State in the region.")
    said = on(rows, "said")
    assert said and said[0]["summary"].endswith("…") and not said[0]["summary"].split()[-2] in ("the", "of", "and")


@pytest.mark.parametrize("text, code, source, targets", [
    ("Iran raised its military alert level on Tuesday.", "152", "Iran", {None}),
    ("Syria used chemical weapons against civilians in Douma in 2018.", "2041", "Syria", {None}),
    ("Qatar mediated between Israel and Hamas on Tuesday.", "045", "Qatar", {"Israel", "Hamas"}),
])
def test_objects_by_compound_performing_verbs_and_parties_between(nlp, text, code, source, targets):
    rows = [r for r in run(nlp, text) if r["cameo_code"] == code]
    assert rows and {r["source_actor"] for r in rows} == {source}, run(nlp, text)
    assert {r["target_actor"] for r in rows} == targets


@pytest.mark.parametrize("text, code", [
    ("Ukrainian positions came under fire from Russian artillery on Tuesday.", "190"),
    ("Kharkiv came under heavy shelling from Russian troops on Tuesday.", "194"),
])
def test_coming_under_fire_names_the_attacker_in_its_from_phrase(nlp, text, code):
    rows = run(nlp, text)
    assert [(r["cameo_code"], r["source_actor"], r["target_actor"]) for r in rows] == [(code, "Russia", "Ukraine")]
    assert "under" in rows[0]["summary"]


def test_an_event_noun_in_a_failed_agreement_did_not_happen(nlp):
    rows = run(nlp, "Armenia and Azerbaijan failed to agree on a peace deal on Tuesday.")
    assert rows and all(r["factuality"] != "asserted" for r in rows), rows


def test_those_who_attended_a_gathering_did_not_host_it(nlp):
    rows = on(run(nlp, "In May, Russia hosted consultations on Afghanistan, attended by representatives of ten countries."),
              "consultations")
    assert rows and rows[0]["source_actor"] == "Russia"


def test_a_phrase_inside_a_summary_is_not_capitalised_unless_a_name(nlp):
    rows = on(run(nlp, "The deal, mediated by Qatar, was approved by the Israeli cabinet on Tuesday."), "approved")
    assert rows and rows[0]["summary"] == "The Israeli cabinet approves the deal"


@pytest.mark.parametrize("text, pairs", [
    ("Qatar hosted talks between Israel and Hamas on Tuesday.", {("Qatar", "Israel"), ("Qatar", "Hamas")}),
    ("Russia hosted talks with the Taliban in Moscow on Tuesday.", {("Russia", "Taliban")}),
])
def test_who_hosts_talks_hosts_the_others(nlp, text, pairs):
    rows = [r for r in run(nlp, text) if r["cameo_code"][:2] == "04"]
    assert {(r["cameo_code"], r["source_actor"], r["target_actor"]) for r in rows} == {("043", *p) for p in pairs}


@pytest.mark.parametrize("text, source, code", [
    ("The withdrawal of Russian troops from Kherson began on Tuesday.", "Russia", "0874"),
    ("The deployment of Turkish soldiers to Libya began on Tuesday.", "Turkey", "154"),
])
def test_an_event_of_a_countrys_forces_is_that_countrys(nlp, text, source, code):
    rows = [r for r in run(nlp, text) if r["cameo_code"] == code]
    assert rows and rows[0]["source_actor"] == source, run(nlp, text)



@pytest.mark.parametrize("text, trigger, source", [
    ("This year, the festival was granted national status based on President Recep Tayyip Erdogan's decision.",
     "granted", "Turkey"),
    ("The journalist was released on Tuesday under a decree signed by President Emmanuel Macron.", "released", "France"),
    ("The prisoners were pardoned on Tuesday by order of Belarusian President Alexander Lukashenko.", "pardoned",
     "Belarus"),
])
def test_a_passive_act_of_authority_is_whoever_decided_it(nlp, text, trigger, source):
    rows = on(run(nlp, text), trigger)
    assert rows and rows[0]["source_actor"] == source, run(nlp, text)


@pytest.mark.parametrize("text, code, pair", [
    ("Erdogan paid a visit to Moscow on Tuesday.", "042", ("Turkey", "Russia")),
    ("Antony Blinken wrapped up a three-day visit to China on Tuesday.", "042", ("United States", "China")),
])
def test_a_visit_paid_or_wrapped_up_is_the_visitors_and_dated(nlp, text, code, pair):
    rows = [r for r in run(nlp, text) if r["cameo_code"] == code]
    assert rows and (rows[0]["source_actor"], rows[0]["target_actor"]) == pair
    assert rows[0]["date_start"] == D(2024, 5, 28)


def test_restoring_relations_goes_both_ways(nlp):
    rows = on(run(nlp, "Iran and Saudi Arabia restored diplomatic relations on Tuesday."), "restored")
    assert {(r["source_actor"], r["target_actor"]) for r in rows} == {("Iran", "Saudi Arabia"), ("Saudi Arabia", "Iran")}


def test_trading_fire_is_fighting_not_trade(nlp):
    rows = on(run(nlp, "Indian and Pakistani troops traded fire across the border on Tuesday."), "traded")
    assert {(r["cameo_code"], r["source_actor"], r["target_actor"]) for r in rows} == {
        ("193", "India", "Pakistan"), ("193", "Pakistan", "India")}


@pytest.mark.parametrize("text", [
    "British output prices fell sharply in March.",
    "Iran's oil exports rose to a record in May.",
    "The Taliban's revenues surged in 2022.",
])
def test_a_quantity_that_rises_or_falls_is_no_event(nlp, text):
    assert not run(nlp, text)


@pytest.mark.parametrize("text, code", [
    ("Turkey sent two planes of aid to Gaza on Tuesday.", "070"),
    ("Hezbollah fired a barrage of rockets at northern Israel on Tuesday.", "194"),
    ("Japan pledged $100 million in humanitarian aid to Sudan on Tuesday.", "033"),
])
def test_a_rules_object_is_looked_for_through_a_quantity(nlp, text, code):
    assert code in {r["cameo_code"] for r in run(nlp, text)}, run(nlp, text)
