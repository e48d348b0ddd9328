"""Actor resolution: words of a parsed article to canonical actor names and sectors.

Names resolve through the gazetteer (``pipeline.events.gazetteer``).  Persons
come from ``data/actors/people.csv`` (name variants -> affiliation; a known
full name counts whatever label the recogniser gave it) or, when unknown,
from the title words around the name (``pipeline.events.names``: "Russian
Foreign Minister X", "Special Envoy for Afghanistan X").  A surname alone
resolves to the full name seen earlier in the same article (a distinctive
known variant also on its own); "the ambassador" to the last one named; an
unqualified state institution ("the Foreign Ministry") to the dateline's
country; "the participants" and "the ministers" to every party named with the
last gathering; "protesters in Yangon" to the place's country
(``pipeline.events.located``).  Epithets ("the rebels") and pronouns ("its",
"Russia said it ...") refer back through ``pipeline.events.coref``; a
government or ministry belongs to whoever runs it (``pipeline.events.bodies``).
A capital named as a place is not an actor.  Each resolution carries the sector
of its main actor (``pipeline.events.sectors``).  Per-token answers
(``_is_place``, ``_token_actor``, head phrases and their sectors) are cached: the scans back for antecedents ask
them again and again.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.events.bodies import hyphen_owner, owner_agent
from pipeline.events.coref import (
    ACTOR_ENTS,
    epithet_antecedent,
    epithet_kinds,
    pair_antecedent,
    participants_antecedent,
    person_pronoun_antecedent,
    pronoun_antecedent,
    role_antecedent,
)
from pipeline.events.gazetteer import (
    _clean,
    actor_words,
    canonical_actor,
    gazetteer,
    in_compound_adjective,
    is_title,
)
from pipeline.events.located import located_actor
from pipeline.events.names import is_suffix, next_text, surname, title_pieces
from pipeline.events.places import Dateline, datelines
from pipeline.events.sectors import head_phrase, phrase_sector, sector_of_tokens


@dataclass
class Resolution:
    """What an argument phrase resolved to."""

    actor: str | None = None                      # the main canonical actor
    person: str | None = None                     # full name of a named person
    actors: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    sector: str | None = None                     # the main actor's sector (data/actors/sectors.csv)

    def add(self, other: Resolution) -> None:
        for a in other.actors:
            if a not in self.actors:
                self.actors.append(a)
        for p in other.people:
            if p not in self.people:
                self.people.append(p)
        if self.actor is None:
            self.actor, self.sector = other.actor, other.sector
        elif self.sector is None and other.actor == self.actor:
            self.sector = other.sector
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

    def __init__(self, doc: Doc, text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text     # spaCy rejoins every token on each doc.text
        self.persons: list[tuple[int, str, str | None]] = []     # (token index, full name, affiliation)
        self.by_name: dict[str, tuple[str, str | None]] = {}      # full name -> (full name, affiliation)
        self.by_surname: dict[str, str] = {}
        self.person_of_token: dict[int, tuple[str, str | None]] = {}
        self.person_sector: dict[str, str] = {}                    # full name -> sector of their title
        self.dateline = self._dateline()
        self.home = gazetteer().by_iso.get(self.dateline.country) if self.dateline else None
        # token index -> its entity, built once: ``doc.ents`` and ``token.sent`` rebuild spans on every access
        sent_start = {t.i: s.start for s in doc.sents for t in s} if doc.has_annotation("SENT_START") else {}
        self._place_at: dict[int, bool] = {}     # per-token caches of _is_place and _token_actor
        self._actor_at: dict[int, str | None] = {}
        self._phrase_at: dict[int, list[Token]] = {}
        self._sector_at: dict[int, str | None] = {}
        self._by_lemma: dict[str, list[int]] | None = None
        self._ent_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)
                        if sent_start.get(i, 0) == sent_start.get(ent.start, 0)}
        g = gazetteer()

        def known(text: str) -> bool:
            return text.lower() in g.people and text.lower() not in g.ambiguous

        # a known name the recogniser labelled otherwise ("Recep Tayyip Erdogan" as ORG) or missed ("Lavrov")
        names = [ent for ent in doc.ents if ent.label_ == "PERSON" or known(_clean(ent.text))] + \
            [doc[t.i: t.i + 1] for t in doc if t.pos_ == "PROPN" and not t.ent_type_ and known(t.text)]
        for ent in sorted(names, key=lambda e: e.start):
            self._register(ent)
            self._person_sector(ent)

    # persons -------------------------------------------------------------
    def _register(self, ent: Span) -> None:
        g = gazetteer()
        words = [t for t in ent if not t.is_punct and t.lower_ not in ("'s", "\u2019s")]
        while words and is_title(words[0].text.strip(".")) is not None:
            words = words[1:]   # honorifics and titles NER folded into the name
        name = " ".join(t.text for t in words).strip()
        if not name or not any(ch.isalpha() for ch in name) or all(is_suffix(t.text) for t in words):
            return   # nothing but a fragment ("Jr.")
        if canonical_actor(name) and name.lower() not in g.people:
            return   # a place or group the recogniser took for a person ("Kyiv")
        known = g.people.get(name.lower()) if name.lower() not in g.ambiguous else None
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
        last = surname(full)
        if last:
            self.by_surname.setdefault(last.lower(), full)
        self.persons.append((ent.start, full, aff))
        for t in ent:
            self.person_of_token[t.i] = (full, aff)

    def _title_affiliation(self, ent: Span) -> str | None:
        """Affiliation from title words and modifiers around an unknown person's name."""
        pieces = title_pieces(ent)
        has_title = any(is_title(t.lemma_) or is_title(t.text) for t in pieces) or \
            any(t.dep_ == "poss" for t in pieces)
        if not has_title:
            return None
        portfolio = [t.i for t in pieces if t.lower_ in actor_words()["portfolio_preps"] and t.i < ent.start]
        for t in sorted(pieces, key=lambda t: t.i):
            if t.i in self.person_of_token or any(p < t.i < ent.start for p in portfolio):
                continue   # "Envoy for Afghanistan": the office's subject, not whose envoy
                continue
            a = self._token_actor(t)
            if a:
                return a
        return None

    def _person_sector(self, ent: Span) -> None:
        """The sector of a person's title ("Deputy Foreign Minister X": government; a known
        person's role otherwise); an unaffiliated state official belongs to the dateline's country."""
        if ent.start not in self.person_of_token:
            return
        full, aff = self.person_of_token[ent.start]
        g = gazetteer()
        words = title_pieces(ent) + [t for t in ent if is_title(t.text.strip(".")) is not None]
        sector = sector_of_tokens(words, g.sectors) or phrase_sector(g.roles.get(full, "").lower().split(), g.sectors)
        if sector is None:
            return
        self.person_sector.setdefault(full, sector)
        if aff is None and self.home and sector in actor_words()["home_sectors"]:
            self.by_name[full] = (full, self.home)
            self.persons = [(i, n, self.home if n == full else a) for i, n, a in self.persons]
            for i, (n, _) in list(self.person_of_token.items()):
                if n == full:
                    self.person_of_token[i] = (full, self.home)

    def _dateline(self) -> Dateline | None:
        """The article's dateline: the first candidate whose city is not also an actor's name."""
        for found in datelines(self.text, actor_words()["dateline_search_chars"]):
            if not canonical_actor(found.city) or found.city.lower() in gazetteer().capitals:
                return found
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
        if t.i not in self._actor_at:
            self._actor_at[t.i] = self._token_actor_uncached(t)
        return self._actor_at[t.i]

    def _token_actor_uncached(self, t: Token) -> str | None:
        """Actor named by the entity a token is part of, or by the token itself."""
        if self._is_place(t):
            return None
        if t.ent_type_ and t.ent_type_ in ACTOR_ENTS:
            ent = self._ent_of(t)
            if ent is not None and not any(ch.isupper() for ch in ent.text):
                return None   # no capital, no name: "the west bank of the Dnipro"
            if ent is not None:
                a = canonical_actor(ent.text)
                if a:
                    return a
                if ent.label_ in ("ORG", "NORP", "GPE"):
                    for w in ent:   # "the Russian National Security Council" -> Russia
                        a = canonical_actor(w.text)
                        if a and not in_compound_adjective(w.text, next_text(w, ent.end)):
                            return a
                    return None
        if t.is_alpha and (t.text[:1].isupper() or t.text.isupper()):
            return None if in_compound_adjective(t.text, next_text(t, len(t.doc))) else canonical_actor(t.text)
        if "-" in t.text:   # "US-led", "intra-Afghan" kept as one token
            for part in t.text.split("-"):
                a = canonical_actor(part) if part[:1].isupper() else None
                if a:
                    return a
        return None

    def head_phrase(self, tok: Token) -> list[Token]:
        if tok.i not in self._phrase_at:
            self._phrase_at[tok.i] = head_phrase(tok)
        return self._phrase_at[tok.i]

    def phrase_sector(self, tok: Token) -> str | None:
        """The sector of tok's head phrase ("army spokesmen": military), once per token."""
        if tok.i not in self._sector_at:
            self._sector_at[tok.i] = sector_of_tokens(self.head_phrase(tok), gazetteer().sectors)
        return self._sector_at[tok.i]

    def in_dateline(self, t: Token) -> bool:
        """Whether a token is part of the article's dateline ("DOHA, Feb 29:")."""
        return self.dateline is not None and self.dateline.start <= t.idx < self.dateline.end

    def _subject_past_dateline(self, tok: Token) -> Token | None:
        """The parser took the dateline's city for the subject ("Doha, Feb 29: The United States
        signed"): the verb's other subject is the real one."""
        if not self.in_dateline(tok) or tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        return next((c for c in tok.head.children
                     if c.dep_ == tok.dep_ and c.i != tok.i and not self.in_dateline(c)), None)

    def _is_place(self, t: Token) -> bool:
        if t.i not in self._place_at:   # asked many times per token by the scans back for antecedents
            self._place_at[t.i] = self._is_place_uncached(t)
        return self._place_at[t.i]

    def _is_place_uncached(self, t: Token) -> bool:
        """A capital or seat named as a place, not standing for its state: in the dateline, after
        a location preposition ("signed in Doha", "met in Brussels"), or a capital naming an event
        after where it happened ("the Doha accord"; but "Damascus airport" is the state's)."""
        if self.in_dateline(t):
            return True
        g = gazetteer()
        span = self._ent_of(t) or self.doc[t.i: t.i + 1]
        name = _clean(span.text).lower()
        capital = name in g.capitals and name not in g.seats and g.folded.get(name) == g.capitals[name]
        if not capital and name not in g.seats:
            return False
        from pipeline.events.lexicon import load_lexicon
        lex = load_lexicon()
        root = span.root
        if capital and root.dep_ in ("compound", "nmod", "amod", "npadvmod") and not span.start <= root.head.i < span.end:
            head = root.head
            while head.dep_ in ("compound", "nmod") and head.head.i > head.i:
                head = head.head
            return ("nominal", head.lemma_.lower()) in lex.rules
        if root.dep_ == "pobj":
            prep = root.head.lower_
            return prep in lex.words["location_preps"] and prep not in lex.words["target_preps"]
        return False

    def _ent_of(self, t: Token) -> Span | None:
        return self._ent_at.get(t.i)

    def resolve(self, tok: Token, speaker: Resolution | None = None, quoted: bool = False,
                conjuncts: bool = True) -> Resolution:
        """Resolve the noun phrase headed by tok (and its conjuncts) to actors and people."""
        tok = self._subject_past_dateline(tok) or tok
        out = self._with_sector(tok, self._resolve_one(tok, speaker, quoted))
        if conjuncts:
            for c in tok.conjuncts:
                if c.i > tok.i:
                    out.add(self._with_sector(c, self._resolve_one(c, speaker, quoted)))
        return out

    def _with_sector(self, tok: Token, r: Resolution) -> Resolution:
        """Fill in the sector of what tok resolved to: a person's title, a seat's or capital's
        government, or the head-most title or institution noun of tok's phrase."""
        if r.actor is None or r.sector is not None:
            return r
        if r.person is not None and r.person in self.person_sector:
            r.sector = self.person_sector[r.person]
            return r
        g = gazetteer()
        ent = self._ent_of(tok)
        name = _clean(ent.text).lower() if ent is not None else tok.lower_
        if name in g.seats:
            r.sector = g.seats[name][1]
        elif name in g.capitals and r.actor == g.capitals[name]:
            r.sector = actor_words()["capital_sector"]
        else:
            words = self.head_phrase(tok) + ([t for t in ent if t.i < tok.i] if ent is not None else [])
            r.sector = sector_of_tokens(list({t.i: t for t in words}.values()), g.sectors)
        return r

    def _resolve_one(self, tok: Token, speaker: Resolution | None, quoted: bool, back: bool = True) -> Resolution:
        low = tok.lower_
        pronouns = actor_words()
        if tok.pos_ == "PRON":
            if low in pronouns["person_pronouns"] and not quoted:
                subj = person_pronoun_antecedent(self, tok)   # "X, after talks with Y, said he ..."
                p = self.person_of_token[subj.i] if subj is not None else self.last_person_before(tok.i)
                if p:
                    return _res(p[1], p[0]) if p[1] else _res(None, p[0])
                return Resolution()
            if (low in pronouns["group_possessives"] or low in pronouns["subject_pronouns"]) and not quoted:
                ant = pronoun_antecedent(self, tok)   # "its", "their", "Russia said it had ..."
                return self.resolve(ant, conjuncts=low not in pronouns["thing_pronouns"]) if ant is not None \
                    else Resolution()
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
        if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.lower_ in gazetteer().people \
                and tok.lower_ not in gazetteer().ambiguous:
            full, aff = gazetteer().people[tok.lower_]   # a known name the recogniser missed ("Sinwar")
            return _res(aff, full)
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
        owner = owner_agent(tok)   # "the government formed by the Taliban", "the Hamas-run ministry"
        out.add(self._resolve_one(owner, speaker, quoted) if owner is not None else _res(hyphen_owner(self, tok)))
        for t in left:
            if t.i in self.person_of_token:
                full, aff = self.person_of_token[t.i]
                out.add(_res(aff, full))
                continue
            a = self._token_actor(t)
            if not a and t.dep_ == "poss" and t.head.i == tok.i and (t.pos_ == "PRON" or epithet_kinds(t)):
                out.add(self._resolve_one(t, speaker, quoted))   # "its troops", "the movement's leaders"
                continue
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
        located = None if out else located_actor(self, tok)   # "protesters in Yangon", "a court in Moscow"
        if located:
            out.add(_res(located[0]))
            out.sector = located[1]
        # "the secretary of X", "officials from X and Y", "ten countries including X"
        words, member = actor_words(), bool(is_title(tok.lemma_) or is_title(tok.text))
        for prep in tok.children if not out else ():
            if prep.dep_ == "prep" and (member and prep.lower_ in words["member_preps"]
                                        or prep.lower_ in words["inclusion_preps"]):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        for p in [pobj] + [c for c in pobj.conjuncts if c.i > pobj.i]:
                            out.add(self._resolve_one(p, speaker, quoted))
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ != "PROPN":
                out.add(self._resolve_one(c, speaker, quoted))
        out.add(involved)
        if not out and back and self._definite_title(tok):
            # "Lavrov held talks with Wang Yi ... the ministers": the parties, not one of them
            out = Resolution(actors=participants_antecedent(self, tok)) or self._antecedent(tok, speaker, quoted)
            known = None if out else role_antecedent(self, tok)   # "Putin ... the president said"
            if known:
                out = _res(known[1], known[0])
        if not out and back:
            out = _res(epithet_antecedent(self, tok))   # "the Houthis seized ... the rebels announced"
        if not out and back:
            out = self._home_institution(tok) or Resolution(actors=participants_antecedent(self, tok)) or \
                Resolution(actors=pair_antecedent(self, tok))   # "the two countries", "both leaders"
        return out

    def _home_institution(self, tok: Token) -> Resolution:
        """ "the Foreign Ministry", "the Prosecutor General", "the Supreme Court" with no country
        named: in a datelined story, the dateline country's own."""
        if self.home is None or tok.pos_ not in ("NOUN", "PROPN"):
            return Resolution()
        definite = tok.text[:1].isupper() or any(
            c.dep_ == "det" and c.lower_ in actor_words()["definite_determiners"] for c in tok.children)
        sector = self.phrase_sector(tok)
        if definite and is_title(tok.lemma_) is not None and sector in actor_words()["home_sectors"]:
            return _res(self.home)
        for c in tok.children:   # "the Prosecutor General's Office"
            if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN"):
                return self._home_institution(c)
        return Resolution()

    @staticmethod
    def _definite_title(tok: Token) -> bool:
        """ "the ambassador", "the same delegation": a title or group noun that refers back."""
        return tok.pos_ == "NOUN" and is_title(tok.lemma_) is not None and any(
            c.dep_ == "det" and c.lower_ in actor_words()["definite_determiners"] for c in tok.children)

    def _antecedent(self, tok: Token, speaker: Resolution | None, quoted: bool) -> Resolution:
        """The nearest earlier noun of the same lemma that names its actor or person."""
        if self._by_lemma is None:   # lemma -> token indices, built once: the scan back is per title
            self._by_lemma = {}
            for t in self.doc:
                self._by_lemma.setdefault(t.lemma_.lower(), []).append(t.i)
        low = tok.i - actor_words()["antecedent_window"]
        for j in reversed(self._by_lemma.get(tok.lemma_.lower(), ())):
            if j >= tok.i:
                continue
            if j <= low:
                break
            t = self.doc[j]
            if t.dep_ == "compound" and t.head.i in self.person_of_token:   # "Ambassador Gul Hassan"
                full, aff = self.person_of_token[t.head.i]
                return _res(aff, full)
            found = self._resolve_one(t, speaker, quoted, back=False)
            if found:
                return found
        return Resolution()
