"""Who did what to whom: source and target finding, one mention per actor pair, codes from complements.

Each test is one rule class on invented sentences (conflicts of other places
than the dyad set), checked on the mentions the extraction gives.
"""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.events import mentions_for_doc
from pipeline.events.arguments import argument_words

PUB = dt.date(2024, 5, 14)
FACTUAL = ("asserted", "reported")


def run(nlp, text):
    doc = nlp(text)
    article = dict(article_id="t1", file="t1.txt", title=None, published=PUB, body=text)
    return mentions_for_doc(doc, article, [])


def dyads(nlp, text, root=None, factual=True):
    """(source, target, root) of the mentions, of one root when given."""
    rows = [m for m in run(nlp, text) if not factual or m["factuality"] in FACTUAL]
    return {(m["source_actor"], m["target_actor"], m["cameo_code"][:2]) for m in rows
            if root is None or m["cameo_code"][:2] == root}


# --------------------------------------------------------------------------- the word lists

def test_word_lists_are_lists_of_lowercase_words_or_codes():
    words = argument_words()
    for name, value in words.items():
        if name == "complement_codes":
            continue
        assert value and all(isinstance(w, str) and w == w.lower() for w in value), name
    for name in ("place_target_roots", "posture_roots", "directive_roots", "reciprocal_codes"):
        assert all(w.isdigit() for w in words[name]), name


# --------------------------------------------------------------------------- compound actors

def test_a_compound_subject_gives_one_mention_per_source(nlp):
    rows = [m for m in run(nlp, "Chile and Peru condemned Bolivia on Monday.") if m["cameo_code"][:2] == "11"]
    assert {(m["source_actor"], m["target_actor"]) for m in rows} == {("Chile", "Bolivia"), ("Peru", "Bolivia")}
    assert len({m["mention_id"] for m in rows}) == 2, "each pair has its own mention id"
    chile = next(m for m in rows if m["source_actor"] == "Chile")
    assert "Peru" not in chile["actors"], "a pair's mention names only its own pair"


def test_a_compound_object_gives_one_mention_per_target(nlp):
    got = dyads(nlp, "Egypt sent emergency aid to Libya and Tunisia.", "07")
    assert got == {("Egypt", "Libya", "07"), ("Egypt", "Tunisia", "07")}


def test_coordinated_nationality_words_are_two_sources(nlp):
    got = dyads(nlp, "Somali and Kenyan troops attacked al-Shabaab fighters near the border.", "19") | \
        dyads(nlp, "Somali and Kenyan troops attacked al-Shabaab fighters near the border.", "18")
    assert {s for s, _, _ in got} == {"Somalia", "Kenya"}


def test_a_joint_event_with_no_other_target_pairs_its_own_actors(nlp):
    assert dyads(nlp, "Polish and Lithuanian ministers met in Vilnius on Friday.", "04") == \
        {("Poland", "Lithuania", "04"), ("Lithuania", "Poland", "04")}
    assert dyads(nlp, "Talks between Sudan and Ethiopia resumed in Addis Ababa.", "04") == \
        {("Sudan", "Ethiopia", "04"), ("Ethiopia", "Sudan", "04")}


def test_a_statement_by_two_actors_is_not_a_joint_event(nlp):
    got = dyads(nlp, "Chile and Peru said the border was calm.", "01")
    assert got == {("Chile", None, "01"), ("Peru", None, "01")}


# --------------------------------------------------------------------------- the source

def test_the_source_survives_raising_and_passive_control(nlp):
    assert ("Sudan", "South Sudan", "19") in dyads(
        nlp, "Sudanese troops are said to have shelled villages in South Sudan.", "19")
    assert ("Serbia", "Montenegro", "08") in dyads(nlp, "Serbian forces were forced to withdraw from Montenegro.", "08")


def test_the_source_survives_a_control_adjective(nlp):
    got = dyads(nlp, "Ghana is ready to restore ties with Togo.", factual=False)
    assert ("Ghana", "Togo") in {(s, t) for s, t, _ in got}


def test_a_passive_agent_inside_the_prepositional_phrase_is_the_source(nlp):
    assert dyads(nlp, "Somalia was supplied with drones by Turkey.", "07") == {("Turkey", "Somalia", "07")}


def test_an_event_noun_performed_by_the_subject_takes_it_as_source(nlp):
    assert ("Niger", "Mali", "08") in dyads(nlp, "Niger completed the withdrawal of its troops from Mali.", "08")
    assert ("Canada", "Turkey", "01") in dyads(nlp, "Canada expressed its condolences to Turkey after the floods.")


def test_a_name_the_recogniser_split_still_names_its_actor(nlp):
    got = dyads(nlp, "An Islamic State gunman attacked a church in Mozambique.")
    assert any(s == "Islamic State" for s, _, _ in got)


# --------------------------------------------------------------------------- the target

def test_a_target_inside_the_object_phrase_is_found(nlp):
    assert ("United States", "Nicaragua", "16") in dyads(nlp, "The United States imposed new sanctions on Nicaragua.")
    assert dyads(nlp, "Israel rejected the truce proposal put forward by Hezbollah.", "12") == \
        {("Israel", "Hezbollah", "12")}
    assert dyads(nlp, "Bangladesh granted asylum to thousands of Rohingya refugees from Myanmar.", "07") == \
        {("Bangladesh", "Myanmar", "07")}


def test_a_controlled_verb_gives_its_target_to_the_verb_that_controls_it(nlp):
    assert ("Kenya", "Somalia", "03") in dyads(nlp, "Kenya pledged to support Somalia's army with new trucks.", "03")


def test_the_subject_of_a_demanded_clause_is_the_target(nlp):
    assert ("Ethiopia", "Sudan", "10") in dyads(nlp, "Ethiopia demanded that Sudan withdraw its troops.", "10")


def test_a_place_is_a_target_only_for_events_done_to_places(nlp):
    assert ("Russia", "Syria", "19") in dyads(nlp, "Russian aircraft bombed a hospital in Syria.", "19")
    meeting = dyads(nlp, "Chinese envoys held talks with Kenyan officials in Ethiopia.", "04")
    assert meeting == {("China", "Kenya", "04")}, "where a meeting is held is not who is met"


def test_a_front_line_names_the_neighbour_for_posture_but_not_for_bombing(nlp):
    assert ("Azerbaijan", "Iran", "15") in dyads(nlp, "Azerbaijan massed troops along the border with Iran.", "15")
    bombing = dyads(nlp, "Sudanese aircraft bombed villages near the border with Chad.", "19")
    assert bombing == {("Sudan", None, "19")}


# --------------------------------------------------------------------------- the code and its scope

def test_promising_violence_is_a_threat(nlp):
    assert ("Hezbollah", "Israel", "13") in dyads(nlp, "Hezbollah vowed to wage war on Israel.", "13")
    assert ("Hamas", "Israel", "13") in dyads(nlp, "Hamas vowed to retaliate against Israel.", "13")
    assert not dyads(nlp, "Hamas vowed to retaliate against Israel.", "03")
    assert ("Japan", "Ukraine", "03") in dyads(nlp, "Japan vowed to rebuild Ukraine's power grid.", "03")


def test_saying_that_another_do_something_is_a_demand(nlp):
    assert ("Armenia", "Azerbaijan", "10") in dyads(nlp, "Armenia insisted that Azerbaijan withdraw its troops.", "10")
    said = dyads(nlp, "Armenia insisted that Azerbaijan had withdrawn its troops.")
    assert not any(r == "10" for _, _, r in said), "a that-clause of fact is a statement"


@pytest.mark.parametrize("text", ["Mali is not a place to visit, diplomats said.",
                                  "Haiti isn't a country to visit this year, officials said."])
def test_negation_of_the_copula_scopes_over_the_infinitive(nlp, text):
    assert not dyads(nlp, text, "04")


def test_actors_a_floating_quantifier_hangs_on_are_the_sources(nlp):
    got = dyads(nlp, "Serbia and Croatia both said the crossing was open again.", "01")
    assert {s for s, _, _ in got} == {"Serbia", "Croatia"}


def test_an_attack_on_a_named_city_targets_its_country(nlp):
    assert ("Russia", "Ukraine", "19") in dyads(nlp, "Russian artillery shelled Mariupol overnight.", "19")
    assert ("Sudan", None, "19") in dyads(nlp, "Sudanese jets bombed Omdurman on Sunday.", "19"), \
        "a city of the source's own country is not its target"


def test_protesters_against_their_own_government_target_their_own_country(nlp):
    assert ("Georgia", "Georgia", "14") in dyads(nlp, "Georgian protesters rallied against the government in Tbilisi.")
    assert ("Serbia", "Serbia", "14") in dyads(nlp, "Serbian students demonstrated against the government's new law.")


def test_the_object_of_a_verb_does_the_gerund_after_for_or_of(nlp):
    got = dyads(nlp, "Chile condemned Bolivia on Monday for closing the border.")
    assert ("Bolivia", None, "19") in got and ("Chile", None, "19") not in got
    accused = dyads(nlp, "Ukraine accused Russia of blowing up the Kakhovka dam.")
    assert not any(s == "Ukraine" and r == "18" for s, _, r in accused), "the accuser did not do it"


def test_the_recipient_of_what_is_handed_over_is_the_target(nlp):
    assert ("Pakistan", "United States", "08") in dyads(
        nlp, "Pakistan handed over Yemeni detainees to the United States.", "08")
    assert ("Turkey", "Sweden", "12") in dyads(nlp, "Turkey refused to hand over Kurdish activists to Sweden.", "12")


def test_the_officials_of_two_countries_are_two_actors(nlp):
    assert dyads(nlp, "The leaders of Egypt and Jordan met in Amman on Monday.", "04") == \
        {("Egypt", "Jordan", "04"), ("Jordan", "Egypt", "04")}


def test_a_capital_the_recogniser_misread_still_names_the_country_attacked(nlp):
    assert ("Russia", "Ukraine", "19") in dyads(nlp, "Russia fired missiles at Kyiv overnight.", "19")


@pytest.mark.parametrize("text, root", [("Egypt refused to open the Rafah crossing to Gaza.", "08"),
                                        ("Russia denied attacking a hospital in Mariupol.", "18")])
def test_a_negating_verb_scopes_over_its_complement(nlp, text, root):
    assert not dyads(nlp, text, root)
    assert dyads(nlp, text, root, factual=False), "the event is still read, as not happened"


@pytest.mark.parametrize("text, root", [
    ("Egypt refused to reopen the Rafah crossing after condemning Israel's strikes.", "11"),
    ("Armenia declined to sign the treaty after accusing Azerbaijan of shelling villages.", "11"),
])
def test_a_denial_does_not_reach_what_happened_before_it(nlp, text, root):
    # "after" presupposes its event: the condemnation happened whatever Egypt refused
    assert dyads(nlp, text, root)


def test_postponing_talks_is_one_event_and_no_meeting(nlp):
    text = "Armenia postponed its talks with Azerbaijan."
    assert not dyads(nlp, text, "04") and not dyads(nlp, text, "04", factual=False)
    assert ("Armenia", "Azerbaijan", "16") in dyads(nlp, text, "16")


def test_an_event_noun_that_is_demanded_has_not_happened(nlp):
    text = "Niger demanded the withdrawal of French troops."
    assert ("Niger", "France", "10") in dyads(nlp, text)
    assert not dyads(nlp, text, "08"), "the withdrawal is asked for, not done"
    assert dyads(nlp, "Niger completed the withdrawal of its troops from Mali.", "08"), "a performed one is done"


@pytest.mark.parametrize("text, expected", [("Kenya is keen to deploy police to Haiti.", "future"),
                                            ("Iran is about to restore ties with Bahrain.", "future"),
                                            ("Kenya is not ready to deploy police to Haiti.", "negated"),
                                            ("Ukraine was able to repel the attack near Kupiansk.", "asserted")])
def test_an_infinitive_after_a_prospective_adjective_has_not_happened(nlp, text, expected):
    rows = run(nlp, text)
    verb = next(m for m in rows if m["trigger"] in ("deploy", "restore", "repel"))
    assert verb["factuality"] == expected
    assert verb["source_actor"] in ("Kenya", "Iran", "Ukraine"), "the subject of the copula is the source"


def test_claiming_responsibility_names_the_source_of_the_attack(nlp):
    got = dyads(nlp, "The Houthis claimed responsibility for the attack on a Greek tanker.", "18")
    assert ("Houthis", "Greece", "18") in got


def test_a_pair_keeps_a_sector_only_for_the_actor_it_belongs_to():
    from pipeline.events.dyads import _pair_row

    row = {"mention_id": "m1", "source_actor": "Sudan", "target_actor": "Chad", "source_sector": "military",
           "target_sector": "government", "source_person": None, "actors": ["Sudan", "Chad", "Egypt"]}
    same = _pair_row(row, "Sudan", "Chad", [("Sudan", "Chad"), ("Egypt", "Chad")])
    other = _pair_row(row, "Egypt", "Chad", [("Sudan", "Chad"), ("Egypt", "Chad")])
    assert (same["source_sector"], same["target_sector"]) == ("military", "government")
    assert (other["source_sector"], other["target_sector"]) == (None, "government")
    assert other["mention_id"] != same["mention_id"]


@pytest.mark.parametrize("text, root", [
    ("Russia did not sign the treaty and withdrew from the talks.", "16"),
    ("The Taliban said the group would not attack Tajikistan and would fight Islamic State.", "19"),
])
def test_a_conjunct_with_its_own_tense_or_auxiliary_is_not_denied(nlp, text, root):
    rows = [m for m in run(nlp, text) if m["cameo_code"][:2] == root]
    assert rows and all(m["factuality"] != "negated" for m in rows), rows


def test_a_conjunct_sharing_the_auxiliary_shares_the_denial(nlp):
    rows = [m for m in run(nlp, "Hamas did not attack the base and kill soldiers.") if m["trigger"] == "kill"]
    assert rows and rows[0]["factuality"] == "negated"


@pytest.mark.parametrize("text, root", [
    ("ECOWAS threatened to use force and imposed sanctions on Niger.", "16"),
    ("Hamas planned the operation and killed 12 soldiers.", "18"),
])
def test_a_coordinated_verb_keeps_its_own_reality(nlp, text, root):
    # the first verb's meaning (a threat, a plan) is not the second's
    rows = [m for m in run(nlp, text) if m["cameo_code"][:2] == root]
    assert rows and rows[0]["factuality"] == "asserted", rows


def test_a_coordinated_infinitive_shares_the_refusal(nlp):
    rows = [m for m in run(nlp, "Russia refused to talk and to negotiate with Ukraine.") if m["trigger"] == "negotiate"]
    assert rows and rows[0]["factuality"] == "negated"
