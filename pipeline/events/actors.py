"""Actor resolution: words of a parsed article to canonical actor names and sectors.

Names resolve through the gazetteer (``pipeline.events.gazetteer``).  Persons
come from ``data/actors/people.csv`` (name variants -> affiliation) or, when
unknown, from the title words and modifiers around the name ("Russian Foreign
Minister X", "the Taliban's Deputy Prime Minister X").  A surname alone
resolves to the full name seen earlier in the same article; "the ambassador"
to the last one named; an unqualified state institution ("the Foreign
Ministry") to the dateline's country; "the participants" to every party
named with the last gathering.  Epithets ("the rebels") and pronouns ("its",
"Russia said it ...") refer back through ``pipeline.events.coref``; a
government or ministry belongs to whoever runs it (``pipeline.events.bodies``).
A capital named as a place is not an actor.  Each resolution carries the sector of its main actor
(``pipeline.events.sectors``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.events.bodies import hyphen_owner, owner_agent
from pipeline.events.coref import (
    epithet_antecedent,
    epithet_kinds,
    pair_antecedent,
    person_pronoun_antecedent,
    pronoun_antecedent,
    role_antecedent,
)
from pipeline.events.gazetteer import (
    _clean,
    actor_words,
    canonical_actor,
    gazetteer,
    is_title,
)
from pipeline.events.places import Dateline, datelines
from pipeline.events.sectors import head_phrase, phrase_sector, sector_of_tokens

ACTOR_ENTS = {"GPE", "NORP", "ORG", "LOC", "FAC"}


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


def _is_suffix(word: str) -> bool:
    return word.lower() in actor_words()["name_suffixes"]


def _surname(full: str) -> str | None:
    """The last word of a full name that is not a generational suffix ("McKenzie" of "Kenneth McKenzie Jr.")."""
    words = [w for w in full.split() if not _is_suffix(w)]
    return words[-1] if len(words) > 1 else None


def _title_pieces(ent: Span) -> list[Token]:
    """Title words and modifiers around a person's name, and the appositive that describes them."""
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
    return pieces


class ArticleActors:
    """Per-article actor resolver: persons seen so far, surnames, simple pronoun coreference."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.persons: list[tuple[int, str, str | None]] = []     # (token index, full name, affiliation)
        self.by_name: dict[str, tuple[str, str | None]] = {}      # full name -> (full name, affiliation)
        self.by_surname: dict[str, str] = {}
        self.person_of_token: dict[int, tuple[str, str | None]] = {}
        self.person_sector: dict[str, str] = {}                    # full name -> sector of their title
        self.dateline = self._dateline()
        self.home = gazetteer().by_iso.get(self.dateline.country) if self.dateline else None
        # token index -> its entity, built once: ``doc.ents`` and ``token.sent`` rebuild spans on every access
        sent_start = {t.i: s.start for s in doc.sents for t in s} if doc.has_annotation("SENT_START") else {}
        self._ent_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)
                        if sent_start.get(i, 0) == sent_start.get(ent.start, 0)}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                self._register(ent)
                self._person_sector(ent)

    # persons -------------------------------------------------------------
    def _register(self, ent: Span) -> None:
        g = gazetteer()
        words = [t for t in ent if not t.is_punct and t.lower_ not in ("'s", "\u2019s")]
        while words and is_title(words[0].text.strip(".")) is not None:
            words = words[1:]   # honorifics and titles NER folded into the name
        name = " ".join(t.text for t in words).strip()
        if not name or not any(ch.isalpha() for ch in name) or all(_is_suffix(t.text) for t in words):
            return   # nothing but a fragment ("Jr.")
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
        surname = _surname(full)
        if surname:
            self.by_surname.setdefault(surname.lower(), full)
        self.persons.append((ent.start, full, aff))
        for t in ent:
            self.person_of_token[t.i] = (full, aff)

    def _title_affiliation(self, ent: Span) -> str | None:
        """Affiliation from title words and modifiers around an unknown person's name."""
        pieces = _title_pieces(ent)
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

    def _person_sector(self, ent: Span) -> None:
        """The sector of a person's title ("Deputy Foreign Minister X": government; a known
        person's role otherwise); an unaffiliated state official belongs to the dateline's country."""
        if ent.start not in self.person_of_token:
            return
        full, aff = self.person_of_token[ent.start]
        g = gazetteer()
        words = _title_pieces(ent) + [t for t in ent if is_title(t.text.strip(".")) is not None]
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
        for found in datelines(self.doc.text, actor_words()["dateline_search_chars"]):
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
            words = head_phrase(tok) + ([t for t in ent if t.i < tok.i] if ent is not None else [])
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
        if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.lower_ in gazetteer().people:
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
            out = self._antecedent(tok, speaker, quoted)
            known = None if out else role_antecedent(self, tok)   # "Putin ... the president said"
            if known:
                out = _res(known[1], known[0])
        if not out and back:
            out = _res(epithet_antecedent(self, tok))   # "the Houthis seized ... the rebels announced"
        if not out and back:
            out = self._home_institution(tok) or self._participants(tok) or \
                Resolution(actors=pair_antecedent(self, tok))   # "the two countries", "both leaders"
        return out

    def _participants(self, tok: Token) -> Resolution:
        """ "The participants adopted a declaration", "the two sides agreed" (plural: "the other
        side" is one of them): every actor of the nearest earlier sentence that tells of a
        gathering (a CAMEO consult word: met, talks, summit) and names several; no single
        one of them is the main actor."""
        words = actor_words()
        if tok.lemma_.lower() not in words["participant_nouns"] or tok.tag_ != "NNS" or not any(
                c.dep_ in ("det", "predet") and c.lower_ in words["participant_determiners"] for c in tok.children):
            return Resolution()
        from pipeline.events.lexicon import load_lexicon
        rules = load_lexicon().rules
        sents = [s for s in self.doc.sents if s.end <= tok.sent.start]
        for sent in reversed(sents[-words["participant_window_sentences"]:]):
            gathering = any(r["code"][:2] in words["participant_roots"] for t in sent if t.pos_ in ("NOUN", "VERB")
                            for r in rules.get(("nominal" if t.pos_ == "NOUN" else "verbal", t.lemma_.lower()), ()))
            named = list(dict.fromkeys(a for t in sent if t.pos_ == "PROPN" or t.ent_type_ in ACTOR_ENTS
                                       for a in [self._token_actor(t)] if a))
            if gathering and len(named) > 1:
                return Resolution(actors=named)
        return Resolution()

    def _home_institution(self, tok: Token) -> Resolution:
        """ "the Foreign Ministry", "the Prosecutor General", "the Supreme Court" with no country
        named: in a datelined story, the dateline country's own."""
        if self.home is None or tok.pos_ not in ("NOUN", "PROPN"):
            return Resolution()
        definite = tok.text[:1].isupper() or any(
            c.dep_ == "det" and c.lower_ in actor_words()["definite_determiners"] for c in tok.children)
        sector = sector_of_tokens(head_phrase(tok), gazetteer().sectors)
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
