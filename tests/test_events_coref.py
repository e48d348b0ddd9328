"""Phrases that refer back to an actor: epithets ("the rebels"), pronouns ("its", "it"), and
bodies owned by whoever runs them ("the Hamas-run ministry"); invented sentences, many conflicts."""
from __future__ import annotations

import pytest
from factories import article_mentions, resolve_word

from pipeline.events.coref import actor_kind


# --------------------------------------------------------------------------- kinds
@pytest.mark.parametrize("actor,kind", [
    ("Sudan", "country"), ("Palestine", "country"), ("Houthis", "group"), ("Taliban", "group"),
    ("NATO", "organisation"), ("West", "bloc"), ("Rapid Support Forces", "group"),
])
def test_every_actor_has_a_kind(actor, kind):
    assert actor_kind(actor) == kind


# --------------------------------------------------------------------------- epithets
@pytest.mark.parametrize("text,word,expected", [
    # Yemen: a group named, then called rebels
    ("On Monday the Houthis seized the port. On Tuesday the rebels announced a new governor.", "rebels", "Houthis"),
    # Gaza: a group's fighters, then "the militants"; the country named between them is not a group
    ("Hamas fighters crossed into Israel; the militants then took hostages.", "militants", "Hamas"),
    # Sudan: "the group" across a sentence
    ("The Rapid Support Forces stormed El Fasher on Sunday. The group said it controlled the airport.",
     "group", "Rapid Support Forces"),
    # Sahel
    ("JNIM fighters ambushed a convoy near Gao. The jihadists killed ten soldiers.", "jihadists", "JNIM"),
    # Afghanistan: "the radicals" two sentences on, past a country
    ("The Taliban entered Kabul on August 15. Afghanistan's president fled. On September 7 the radicals "
     "announced an interim government.", "radicals", "Taliban"),
    # Myanmar: the junta is a state's rulers
    ("The Myanmar military seized power on February 1. On Friday the junta declared a state of emergency.",
     "junta", "Myanmar"),
    # Ukraine: the alliance is an organisation, not the country last named
    ("NATO foreign ministers met in Brussels on Tuesday with Ukraine's envoy. The alliance agreed to send "
     "more air defence systems.", "alliance", "NATO"),
    # a clause of its own between them: the group may be its own subject's
    ("Hezbollah said the militants would fight on.", "militants", "Hezbollah"),
    ("Hamas crossed the border and the militants took hostages.", "militants", "Hamas"),
    # the previous sentence's subject before its object: a rights group, not the group it accused
    ("Amnesty International accused the RSF of war crimes. The group said the killings were deliberate.",
     "group", "Amnesty International"),
    # a group's known leader names the group
    ("Hamas leader Ismail Haniyeh arrived in Cairo. The movement accepted the truce.", "movement", "Hamas"),
])
def test_a_definite_epithet_refers_to_the_nearest_actor_of_its_kind(nlp, text, word, expected):
    assert resolve_word(nlp, text, word).actor == expected


def test_a_possessive_epithet_gives_its_owner(nlp):
    text = ("Russia's Supreme Court lifted the ban on the Taliban on Thursday. "
            "The movement's leaders welcomed the ruling.")
    assert resolve_word(nlp, text, "leaders").actor == "Taliban"


@pytest.mark.parametrize("text,word", [
    # no group named: a country is never "the rebels" or "the group"
    ("Azerbaijan's army shelled Stepanakert; the rebels said their positions held.", "rebels"),
    ("Mali expelled the French ambassador on Monday. The group said the decision was illegal.", "group"),
    # an alliance is not an armed group
    ("Hezbollah fired rockets at northern Israel. The alliance condemned the attack.", "alliance"),
    # not bare epithets: a group with its own "of" phrase, a compound, an indefinite
    ("The Houthis seized the port. The group of ministers met in Aden.", "group"),
    ("Hamas released two hostages. The rights group welcomed the release.", "group"),
    ("Hamas released two hostages. A group said the release was late.", "group"),
    # a group's own co-argument is someone else
    ("Syrian troops and Hezbollah fighters clashed with the militants near Qusayr.", "militants"),
    ("The Houthi attack on the rebels killed ten.", "rebels"),
    # too far back: more sentences than the window between
    ("The Houthis seized the port. Ships turned back. Prices rose. Aid stalled. Talks failed. "
     "The rebels announced a governor.", "rebels"),
])
def test_an_epithet_with_no_fitting_antecedent_stays_unresolved(nlp, text, word):
    assert not resolve_word(nlp, text, word)


def test_an_epithet_gives_the_source_of_an_event(nlp):
    rows = article_mentions(nlp, "On Monday the Houthis seized the port. On Tuesday the rebels shelled Marib.")
    assert any(r["trigger"] == "shelled" and r["source_actor"] == "Houthis" for r in rows)


# --------------------------------------------------------------------------- pronouns
@pytest.mark.parametrize("text,word,nth,expected", [
    # the subject of the clause above, through a pronoun subject
    ("Sudan's army said it had retaken the palace and that its soldiers held the bridge.", "its", 0, "Sudan"),
    ("The Kremlin said its forces had shot down 20 Ukrainian drones.", "its", 0, "Russia"),
    ("Ukraine's navy said its drones struck a Russian landing ship.", "its", 0, "Ukraine"),
    # the subject phrase, not a place inside it
    ("The US presence in Afghanistan, which began in 2001, ended with the withdrawal of its troops.",
     "its", 0, "United States"),
    ("The Houthis said their drones struck a ship in the Red Sea.", "their", 0, "Houthis"),
    # object control: the object of "forced" is who withdraws, not the subject
    ("Fighting in Sudan forced the UN to move its staff.", "its", 0, "United Nations"),
    ("Russia forced Armenia to withdraw its troops from Karabakh.", "its", 0, "Armenia"),
    # no subject before it in the sentence: the subject of the sentence before
    ("Armenia closed the corridor on Monday. Under pressure, its border guards reopened the crossing.",
     "its", 0, "Armenia"),
    # a subject "it" of a complement clause, and a sentence-initial "It" of a reporting verb
    ("Russia said it had shot down ten Ukrainian drones.", "it", 0, "Russia"),
    # a relative clause's subject "it" is the subject above, not the noun the clause is about
    ("Washington said it would not release the reserves that it froze.", "it", 1, "United States"),
    ("Ethiopia's army said it retook the town that it lost to Tigrayan forces in May.", "it", 1, "Ethiopia"),
    ("The Sudanese army denied the report on Monday. It said the airport remained under its control.",
     "It", 0, "Sudan"),
    # a thing as the nearest subject sends "its" higher up
    ("The Sudanese army denied the report on Monday. It said the airport remained under its control.",
     "its", 0, "Sudan"),
])
def test_a_pronoun_refers_to_the_actor_it_stands_for(nlp, text, word, nth, expected):
    assert resolve_word(nlp, text, word, nth).actor == expected


def test_a_possessive_pronoun_gives_its_noun_phrase_an_actor_and_sector(nlp):
    r = resolve_word(nlp, "Sudan's army said it had retaken the palace and that its soldiers held the bridge.",
                 "soldiers")
    assert (r.actor, r.sector) == ("Sudan", "military")


@pytest.mark.parametrize("text,word", [
    # an expletive "it"
    ("The ministry said it was time to end the war.", "it"),
    ("Israel struck Rafah overnight. It emerged on Monday that the talks had stalled.", "It"),
    # the nearest subject is a group that names no actor: not the actor of the main clause
    ("Taliban fighters entered the districts where police officers had abandoned their posts.", "their"),
    # inside a quote the pronoun is the speaker's, not resolved here
    ('"Its forces will withdraw," the Azerbaijani minister said of Armenia.', "Its"),
])
def test_a_pronoun_with_no_actor_to_stand_for_stays_unresolved(nlp, text, word):
    assert not resolve_word(nlp, text, word)


def test_a_pronoun_subject_is_the_source_of_its_event(nlp):
    rows = article_mentions(nlp, "Russia said it had shot down ten Ukrainian drones.")
    assert any(r["trigger"] == "shot" and r["source_actor"] == "Russia" and r["target_actor"] == "Ukraine"
               for r in rows)


# --------------------------------------------------------------------------- owned bodies
@pytest.mark.parametrize("text,word,expected,also", [
    ("Afghanistan's interim government, formed by the Taliban, announced new rules.", "government",
     "Taliban", "Afghanistan"),
    ("Mali's army seized power in 2021. The government led by the junta expelled the French ambassador.",
     "government", "Mali", None),
    ("Gaza's Hamas-run health ministry said Israeli strikes killed 40 people.", "ministry", "Hamas", "Palestine"),
    ("The Houthi-controlled ministry in Yemen said the strikes killed 12.", "ministry", "Houthis", None),
    ("Yemen's Houthi-controlled health ministry said the strikes killed 12.", "ministry", "Houthis", "Yemen"),
    ("Syria's HTS-led interim government took office in Damascus.", "government", "Hayat Tahrir al-Sham", "Syria"),
    ("The Russian-installed administration in Kherson announced evacuations.", "administration", "Russia", None),
])
def test_a_body_belongs_to_whoever_formed_or_runs_it(nlp, text, word, expected, also):
    r = resolve_word(nlp, text, word)
    assert r.actor == expected and (also is None or also in r.actors)


def test_a_sponsor_does_not_own_a_body_and_led_forces_stay_involved(nlp):
    # "backed" is support, not ownership: the government is still Afghanistan's
    r = resolve_word(nlp, "Afghanistan's US-backed government collapsed in August.", "government")
    assert r.actor == "Afghanistan" and "United States" in r.actors
    # forces are not a body: Ukraine's forces with a Western-led mission stay Ukraine's
    r = resolve_word(nlp, "Ukraine's British-led forces crossed the river.", "forces")
    assert r.actor == "Ukraine"


# --------------------------------------------------------------------------- titles
@pytest.mark.parametrize("text,word,person,actor", [
    ("Vladimir Putin arrived in Ankara on Monday. The president met Turkish officials.", "president",
     "Vladimir Putin", "Russia"),
    ("Sergei Lavrov flew to Riyadh on Monday. The minister held talks with Saudi officials.", "minister",
     "Sergei Lavrov", "Russia"),
    # a datelined story: the known person named before, not the dateline's country
    ("KYIV, March 3 (Reuters) - Antony Blinken arrived on Monday. The secretary met Ukrainian officials.",
     "secretary", "Antony Blinken", "United States"),
])
def test_a_definite_title_refers_to_the_last_known_person_with_that_role(nlp, text, word, person, actor):
    r = resolve_word(nlp, text, word)
    assert (r.person, r.actor) == (person, actor)


def test_a_definite_title_no_known_person_holds_stays_unresolved(nlp):
    assert not resolve_word(nlp, "Vladimir Putin arrived in Ankara on Monday. The minister held talks.", "minister")


# --------------------------------------------------------------------------- pairs
@pytest.mark.parametrize("text,word,expected", [
    ("Armenia and Azerbaijan signed a peace deal in Washington on Monday. The two countries agreed to open "
     "the border.", "countries", {"Armenia", "Azerbaijan"}),
    ("Sudan and Chad closed the border. The two governments blamed the RSF.", "governments", {"Sudan", "Chad"}),
    ("Vladimir Putin met Recep Tayyip Erdogan in Sochi on Friday. Both leaders condemned the attack.", "leaders",
     {"Russia", "Turkey"}),
    # the last two named: a third named earlier is not one of them
    ("Russia hosted the talks. Armenian and Azerbaijani envoys met on Monday. Both countries claimed victory.",
     "countries", {"Armenia", "Azerbaijan"}),
])
def test_the_two_countries_are_the_last_two_named(nlp, text, word, expected):
    assert set(resolve_word(nlp, text, word).actors) == expected


@pytest.mark.parametrize("text,word", [
    ("Ukraine shelled Donetsk on Monday. The two countries traded blame.", "countries"),   # one named
    ("Israel and Hamas agreed a truce. Many countries welcomed it.", "countries"),          # not "two"/"both"
])
def test_the_two_countries_need_two_named(nlp, text, word):
    assert not resolve_word(nlp, text, word)


# --------------------------------------------------------------------------- he / she
def test_a_reported_he_is_the_reporting_subject_not_the_last_person_named(nlp):
    r = resolve_word(nlp, "Sergei Lavrov, speaking after talks with Antony Blinken, said he would visit Kyiv.", "he")
    assert r.person == "Sergei Lavrov"


def test_a_reported_he_with_another_person_as_the_reporting_verb_s_object_stays_the_last_named(nlp):
    r = resolve_word(nlp, "Vladimir Putin remarked on Joe Biden that he had taken responsibility.", "he")
    assert r.person == "Joe Biden"
