"""Actor resolution: countries, demonyms, aliases, known and unknown persons."""
from __future__ import annotations

import pytest
from factories import resolve_word

from pipeline.events.gazetteer import canonical_actor, gazetteer


@pytest.mark.parametrize("text,expected", [
    ("Russian Federation", "Russia"),       # pycountry name -> short name
    ("Iran, Islamic Republic of", "Iran"),
    ("Syria", "Syria"),                     # pycountry common name
    ("Georgian", "Georgia"),                # demonyms derived from pycountry names
    ("Ukrainian", "Ukraine"),
    ("Pakistani", "Pakistan"),
    ("Uzbek", "Uzbekistan"),
    ("Chinese", "China"),
    ("Lebanese", "Lebanon"),
    ("Afghans", "Afghanistan"),
    ("U.S.", "United States"),              # alias file
    ("the Kremlin", "Russia"),
    ("ISIS-K", "Islamic State"),
    ("Daesh", "Islamic State"),
    ("the Taliban's", "Taliban"),
    ("Collective Security Treaty Organization", "CSTO"),
    ("Burkinabe", "Burkina Faso"),          # demonyms no suffix rule derives
    ("Nigerien", "Niger"),
    ("Burmese", "Myanmar"),
    ("Azeri", "Azerbaijan"),
    ("Kosovar", "Kosovo"),                  # a state pycountry lacks
    ("Ivory Coast", "Côte d'Ivoire"),
    ("DRC", "DR Congo"),                   # one canonical name per state: pycountry calls both Congos "Congo"
    ("Democratic Republic of the Congo", "DR Congo"),
    ("Republic of the Congo", "Congo"),
    ("Rapid Support Forces", "Rapid Support Forces"),   # armed groups of other conflicts
    ("al-Shabaab", "al-Shabaab"),
    ("M23", "M23"),
    ("IAEA", "IAEA"),                       # international bodies of other conflicts
    ("International Criminal Court", "International Criminal Court"),
    ("ECOWAS", "ECOWAS"),
    ("Human Rights Watch", "Human Rights Watch"),
    ("National Unity Government", "National Unity Government"),
])
def test_canonical_actor(text, expected):
    assert canonical_actor(text) == expected


@pytest.mark.parametrize("text", ["policy", "is", "Who", "Monday", "reformed", ""])
def test_not_an_actor(text):
    assert canonical_actor(text) is None


def test_people_file_maps_variants():
    g = gazetteer()
    assert g.people["zelenskyy"] == ("Volodymyr Zelensky", "Ukraine")


def test_known_person(nlp):
    r = resolve_word(nlp, "Erdogan met Swedish officials.", "Erdogan")
    assert (r.person, r.actor) == ("Recep Tayyip Erdogan", "Turkey")


def test_unknown_person_resolved_by_title(nlp):
    text = "Moldovan Foreign Minister Nicu Popescu said the talks were useful."
    r = resolve_word(nlp, text, "Popescu")
    assert r.person == "Nicu Popescu" and r.actor == "Moldova"


def test_unknown_person_resolved_by_possessive_title(nlp):
    text = "Hamas's political chief Ismail Haniyeh arrived in Cairo."
    r = resolve_word(nlp, text, "Haniyeh")
    assert r.actor == "Hamas"


def test_surname_only_resolves_to_full_name_seen_earlier(nlp):
    text = ("Moldovan Foreign Minister Nicu Popescu arrived in Kyiv on Monday. "
            "Popescu later met Ukrainian officials.")
    r = resolve_word(nlp, text, "Popescu", nth=1)
    assert r.person == "Nicu Popescu" and r.actor == "Moldova"


def test_title_without_name(nlp):
    r = resolve_word(nlp, "The Kremlin spokesman rejected the claim.", "spokesman")
    assert r.actor == "Russia" and r.people == []
    r = resolve_word(nlp, "The secretary of the Iranian Supreme National Security Council left.", "secretary")
    assert r.actor == "Iran"


def test_led_modifier_is_involved_but_not_main_actor(nlp):
    r = resolve_word(nlp, "Saudi-led coalition forces struck Sanaa.", "forces")
    assert "Saudi Arabia" in r.actors


def test_conjoined_actors(nlp):
    r = resolve_word(nlp, "Armenia and Azerbaijan signed the treaty.", "Armenia")
    assert r.actors == ["Armenia", "Azerbaijan"] and r.actor == "Armenia"


def test_pronoun_he_resolves_to_last_person(nlp):
    r = resolve_word(nlp, "Lukashenko spoke first. Then he left.", "he")
    assert r.person == "Alexander Lukashenko" and r.actor == "Belarus"


def test_a_named_appositive_beats_a_demonym_modifier(nlp):
    r = resolve_word(nlp, "The Islamic State's Afghan affiliate, ISIS-K, claimed the attack.", "affiliate")
    assert r.actor == "Islamic State" and "Afghanistan" in r.actors


def test_a_possessor_beats_a_demonym_modifier(nlp):
    r = resolve_word(nlp, "NATO's Turkish contingent left the base.", "contingent")
    assert r.actor == "NATO"


@pytest.mark.parametrize("text,word,expected", [
    ("A Houthi delegation arrived in Riyadh. The delegation met Saudi officials.", "delegation", "Houthis"),
    ("Sudan's ambassador to Egypt arrived in Cairo. The ambassador met Egyptian officials.", "ambassador", "Sudan"),
    ("The Myanmar military seized Lashio. Later the same military shelled Mandalay.", "military", "Myanmar"),
])
def test_a_definite_title_refers_back_to_the_last_one_named(nlp, text, word, expected):
    assert resolve_word(nlp, text, word, nth=1).actor == expected


def test_a_definite_title_with_no_earlier_namesake_stays_unresolved(nlp):
    text = "A Houthi delegation arrived in Riyadh. The ambassador met Saudi officials."
    assert not resolve_word(nlp, text, "ambassador")


@pytest.mark.parametrize("text,word,expected", [
    ("Officials from Sudan and Chad met in Geneva on Monday.", "Officials", ["Sudan", "Chad"]),
    ("Delegates from ten countries including Iran and Turkey met in Astana.", "Delegates", ["Iran", "Turkey"]),
    ("Envoys from the OSCE toured the line of contact in Karabakh.", "Envoys", ["OSCE"]),
])
def test_a_title_from_an_actor_or_a_group_including_actors_is_theirs(nlp, text, word, expected):
    assert resolve_word(nlp, text, word).actors == expected


def test_a_title_from_a_place_or_thing_names_no_actor(nlp):
    assert not resolve_word(nlp, "Refugees from the camp met aid officials.", "Refugees")
    assert not resolve_word(nlp, "Officials from the two sides met.", "Officials")


def test_a_lower_case_phrase_the_recogniser_took_for_a_place_is_no_name(nlp):
    text = "Russian forces began to withdraw from the west bank of the Dnipro near Kherson."
    assert "Palestine" not in resolve_word(nlp, text, "bank").actors
    # an abbreviation has capitals though no word of letters only
    assert resolve_word(nlp, "An ISIS bomber killed 13 U.S. troops at the gate.", "troops").actor == "United States"


def test_conjoined_demonyms_give_each_state(nlp):
    r = resolve_word(nlp, "Malian and Burkinabe police arrested French aid workers.", "police")
    assert set(r.actors) == {"Mali", "Burkina Faso"}


@pytest.mark.parametrize("text,word,actor", [
    ("Hemedti said the talks in Jeddah had failed.", "Hemedti", "Rapid Support Forces"),
    ("Min Aung Hlaing flew to Moscow on Tuesday.", "Hlaing", "Myanmar"),
    ("Sinwar rejected the Egyptian proposal.", "Sinwar", "Hamas"),
])
def test_leaders_of_other_conflicts_are_known(nlp, text, word, actor):
    assert resolve_word(nlp, text, word).actor == actor
