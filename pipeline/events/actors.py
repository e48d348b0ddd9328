"""Actor resolution: words of a parsed article to canonical actor names.

Countries come from pycountry (names, common and official names) with English
demonyms derived from them by suffix rules; ``data/actors/aliases.csv`` adds
what pycountry lacks (``US``, ``the Kremlin``, capitals used as actors,
organisations and their variants).  Persons come from ``data/actors/people.csv``
(name variants -> affiliation) or, when unknown, from the title words and
modifiers around the name (``titles.csv``: "Russian Foreign Minister X",
"the Taliban's Deputy Prime Minister X").  A surname alone resolves to the
full name seen earlier in the same article.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from pipeline.config import DATA_DIR

DATA = DATA_DIR / "actors"

ACTOR_ENTS = {"GPE", "NORP", "ORG", "LOC", "FAC"}


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
    seats: frozenset     # lower-cased names of buildings that stand for a government ("Kremlin")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Countries from pycountry plus the alias, people and title files, loaded once."""
    import pycountry

    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    with (DATA / "aliases.csv").open(newline="", encoding="utf-8") as fh:
        alias_rows = list(csv.DictReader(fh))
    alias_canon = {r["alias"].lower(): r["canonical"] for r in alias_rows}
    for country in pycountry.countries:
        name = country.name
        canon = (alias_canon.get(name.lower()) or getattr(country, "common_name", None)
                 or name.split(",")[0].strip())
        for variant in (name, getattr(country, "common_name", None), getattr(country, "official_name", None),
                        name.split(",")[0].strip(), canon):
            if variant:
                folded.setdefault(variant.lower(), canon)
    for r in alias_rows:
        alias, canon = r["alias"].strip(), r["canonical"].strip()
        if alias.isupper() or any(ch == "." for ch in alias):
            exact[alias] = canon
        else:
            folded[alias.lower()] = canon
    people: dict[str, tuple[str, str]] = {}
    with (DATA / "people.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            entry = (r["name"].strip(), r["affiliation"].strip())
            people[r["name"].strip().lower()] = entry
            for variant in (r.get("variants") or "").split("|"):
                if variant.strip():
                    people.setdefault(variant.strip().lower(), entry)
    titles: dict[str, bool] = {}
    with (DATA / "titles.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            titles[r["title"].strip().lower()] = r["affiliating"].strip() == "1"
    seats = frozenset(r["alias"].strip().lower() for r in alias_rows if r.get("kind") == "seat")
    return Gazetteer(exact, folded, people, titles, seats)


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
                if cand != word.lower() and cand in g.folded:
                    return g.folded[cand]
    return None


def is_seat(text: str) -> bool:
    """Whether a name is a building that stands for a government: a place as well as an actor."""
    return _clean(text).lower() in gazetteer().seats


def is_title(word: str) -> bool | None:
    """True for an affiliating title word, False for an honorific, None for neither."""
    return gazetteer().titles.get(word.lower())


@dataclass
class Resolution:
    """What an argument phrase resolved to."""

    actor: str | None = None                      # the main canonical actor
    person: str | None = None                     # full name of a named person
    actors: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)

    def add(self, other: Resolution) -> None:
        for a in other.actors:
            if a not in self.actors:
                self.actors.append(a)
        for p in other.people:
            if p not in self.people:
                self.people.append(p)
        if self.actor is None:
            self.actor = other.actor
        if self.person is None:
            self.person = other.person

    def __bool__(self) -> bool:
        return bool(self.actors or self.people)


def _under_possessor(t: Token, head: Token) -> bool:
    """Whether t sits inside a possessive modifier of head."""
    while t.i != head.i and t.head.i != t.i:
        if t.dep_ == "poss":
            return True
        t = t.head
    return False


def _res(actor: str | None = None, person: str | None = None) -> Resolution:
    r = Resolution(actor=actor, person=person)
    if actor:
        r.actors.append(actor)
    if person:
        r.people.append(person)
    return r


class ArticleActors:
    """Per-article actor resolver: persons seen so far, surnames, simple pronoun coreference."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.persons: list[tuple[int, str, str | None]] = []     # (token index, full name, affiliation)
        self.by_name: dict[str, tuple[str, str | None]] = {}      # full name -> (full name, affiliation)
        self.by_surname: dict[str, str] = {}
        self.person_of_token: dict[int, tuple[str, str | None]] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                self._register(ent)

    # persons -------------------------------------------------------------
    def _register(self, ent: Span) -> None:
        g = gazetteer()
        words = [t for t in ent if not t.is_punct and t.lower_ not in ("'s", "\u2019s")]
        while words and is_title(words[0].text.strip(".")) is not None:
            words = words[1:]   # honorifics and titles NER folded into the name
        name = " ".join(t.text for t in words).strip()
        if not name or not any(ch.isalpha() for ch in name):
            return
        if canonical_actor(name) and name.lower() not in g.people:
            return   # a place or group the recogniser took for a person ("Kyiv")
        known = g.people.get(name.lower())
        if known:
            full, aff = known
        elif len(words) == 1 and name.lower() in self.by_surname:
            full = self.by_surname[name.lower()]
            aff = self.by_name[full][1]
        else:
            full, aff = name, None
        title_aff = self._title_affiliation(ent)
        if aff is None:
            aff = title_aff
        if full in self.by_name and aff is None:
            aff = self.by_name[full][1]
        self.by_name[full] = (full, aff)
        if len(full.split()) > 1:
            self.by_surname.setdefault(full.split()[-1].lower(), full)
        self.persons.append((ent.start, full, aff))
        for t in ent:
            self.person_of_token[t.i] = (full, aff)

    def _title_affiliation(self, ent: Span) -> str | None:
        """Affiliation from title words and modifiers around an unknown person's name."""
        root = ent.root
        pieces: list[Token] = [t for t in ent.doc[max(ent.sent.start, ent.start - 8): ent.start]
                               if any(ent.start <= a.i < ent.end for a in t.ancestors)]
        if not pieces:
            # the parser split "X's political chief NAME": take the words right before the name
            i = ent.start - 1
            while i >= ent.sent.start and ent.doc[i].pos_ in ("ADJ", "PROPN", "NOUN", "PART"):
                pieces.insert(0, ent.doc[i])
                i -= 1
        heads = []
        if root.dep_ == "appos":
            heads.append(root.head)
        heads.extend(c for c in root.children if c.dep_ == "appos")
        for h in heads:
            pieces.extend(t for t in h.subtree if t.i < ent.start or t.i >= ent.end)
        has_title = any(is_title(t.lemma_) or is_title(t.text) for t in pieces) or \
            any(t.dep_ == "poss" for t in pieces)
        if not has_title:
            return None
        for t in sorted(pieces, key=lambda t: t.i):
            if t.i in self.person_of_token:
                continue
            a = self._token_actor(t)
            if a:
                return a
        return None

    def last_person_before(self, i: int) -> tuple[str, str | None] | None:
        best = None
        for start, full, aff in self.persons:
            if start < i:
                best = (full, aff)
            else:
                break
        return best

    # words ---------------------------------------------------------------
    def _token_actor(self, t: Token) -> str | None:
        """Actor named by the entity a token is part of, or by the token itself."""
        if t.ent_type_ and t.ent_type_ in ACTOR_ENTS:
            ent = self._ent_of(t)
            if ent is not None:
                a = canonical_actor(ent.text)
                if a:
                    return a
                if ent.label_ in ("ORG", "NORP", "GPE"):
                    for w in ent:   # "the Russian National Security Council" -> Russia
                        a = canonical_actor(w.text)
                        if a:
                            return a
                    return None
        if t.is_alpha and (t.text[:1].isupper() or t.text.isupper()):
            return canonical_actor(t.text)
        if "-" in t.text:   # "US-led", "intra-Afghan" kept as one token
            for part in t.text.split("-"):
                a = canonical_actor(part) if part[:1].isupper() else None
                if a:
                    return a
        return None

    def _ent_of(self, t: Token) -> Span | None:
        for ent in t.sent.ents if t.sent is not None else self.doc.ents:
            if ent.start <= t.i < ent.end:
                return ent
        return None

    def resolve(self, tok: Token, speaker: Resolution | None = None, quoted: bool = False,
                conjuncts: bool = True) -> Resolution:
        """Resolve the noun phrase headed by tok (and its conjuncts) to actors and people."""
        out = self._resolve_one(tok, speaker, quoted)
        if conjuncts:
            for c in tok.conjuncts:
                if c.i > tok.i:
                    out.add(self._resolve_one(c, speaker, quoted))
        return out

    def _resolve_one(self, tok: Token, speaker: Resolution | None, quoted: bool, back: bool = True) -> Resolution:
        low = tok.lower_
        pronouns = actor_words()
        if tok.pos_ == "PRON":
            if low in pronouns["person_pronouns"] and not quoted:
                p = self.last_person_before(tok.i)
                if p:
                    return _res(p[1], p[0]) if p[1] else _res(None, p[0])
                return Resolution()
            if low in pronouns["group_possessives"] and not quoted:
                # possessive pronoun: the nearest organisation named before it in the sentence
                for t in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
                    if t.ent_type_ == "ORG":
                        a = self._token_actor(t)
                        if a:
                            return _res(a)
                return Resolution()
            if low in pronouns["first_person_plural"] and quoted and speaker is not None:
                return _res(speaker.actor)
            if low in pronouns["first_person_singular"] and quoted and speaker is not None:
                return _res(speaker.actor, speaker.person)
            return Resolution()
        if tok.i in self.person_of_token:
            full, aff = self.person_of_token[tok.i]
            return _res(aff, full)
        if tok.pos_ == "PROPN" and tok.lower_ in self.by_surname and tok.ent_type_ in ("", "PERSON"):
            full = self.by_surname[tok.lower_]
            if any(start < tok.i and name == full for start, name, _ in self.persons):
                return _res(self.by_name[full][1], full)
        a = self._token_actor(tok)
        if a:
            return _res(a)
        # a common noun: actors among its left modifiers, then "of X" for titles and groups
        out = Resolution()
        # a named appositive says who it is outright ("the group's affiliate, ISIS-K")
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                out.add(self._resolve_one(c, speaker, quoted))
        # then a possessor ("the Islamic State's Afghan affiliate") before other modifiers, nearest first
        left = sorted((t for t in tok.subtree if t.i < tok.i and t.dep_ not in ("det", "punct")),
                      key=lambda t: (not _under_possessor(t, tok), -t.i))
        involved = Resolution()
        for t in left:
            if t.i in self.person_of_token:
                full, aff = self.person_of_token[t.i]
                out.add(_res(aff, full))
                continue
            a = self._token_actor(t)
            if not a:
                continue
            nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
            nxt2 = self.doc[t.i + 2] if t.i + 2 < len(self.doc) else None
            involvement = actor_words()["hyphen_involvement"]
            if ("-" in t.text and t.text.split("-")[-1].lower() in involvement) or (
                    nxt is not None and nxt.text == "-" and nxt2 is not None
                    and nxt2.lower_ in involvement):
                involved.add(_res(a))      # "US-led forces": involved, not the actor
            else:
                out.add(_res(a))
        if not out and (is_title(tok.lemma_) or is_title(tok.text)):
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            out.add(self._resolve_one(pobj, speaker, quoted))
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ != "PROPN":
                out.add(self._resolve_one(c, speaker, quoted))
        out.add(involved)
        if not out and back and self._definite_title(tok):
            return self._antecedent(tok, speaker, quoted)
        return out

    @staticmethod
    def _definite_title(tok: Token) -> bool:
        """ "the ambassador", "the same delegation": a title or group noun that refers back."""
        return tok.pos_ == "NOUN" and is_title(tok.lemma_) is not None and any(
            c.dep_ == "det" and c.lower_ in actor_words()["definite_determiners"] for c in tok.children)

    def _antecedent(self, tok: Token, speaker: Resolution | None, quoted: bool) -> Resolution:
        """The nearest earlier noun of the same lemma that names its actor or person."""
        lemma = tok.lemma_.lower()
        for j in range(tok.i - 1, max(-1, tok.i - actor_words()["antecedent_window"]), -1):
            t = self.doc[j]
            if t.lemma_.lower() != lemma:
                continue
            if t.dep_ == "compound" and t.head.i in self.person_of_token:   # "Ambassador Gul Hassan"
                full, aff = self.person_of_token[t.head.i]
                return _res(aff, full)
            found = self._resolve_one(t, speaker, quoted, back=False)
            if found:
                return found
        return Resolution()
