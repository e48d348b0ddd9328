"""Phrases that name no actor but refer back to one: epithets and pronouns.

News names a group once and then calls it "the militants", "the movement" or
"the alliance", and a state or body "it"/"its"/"their".  An epithet refers to
the nearest actor named shortly before it whose kind fits the epithet (a
movement is a non-state group, never a country; an alliance is an
organisation or bloc): the epithets and the kinds they may refer to are in
``data/actors/words.json`` (``group_epithets``), each actor's kind in the
``kind`` column of ``data/actors/aliases.csv`` (pycountry names are
countries).  A pronoun refers to the subject of the clause it depends on,
else to the nearest actor named before it in the sentence that is not a
place, else to the subject of the sentence before.

The functions take the article's resolver (``pipeline.events.actors``) as
``resolver`` and return the token or actor name referred to, so this module
does not import the resolver (no import cycle).
"""
from __future__ import annotations

import csv
from functools import lru_cache

from spacy.tokens import Token

from pipeline.events.gazetteer import DATA, actor_words, gazetteer, is_title

SUBJECTS = ("nsubj", "nsubjpass")
ACTOR_ENTS = {"GPE", "NORP", "ORG", "LOC", "FAC"}
COARGUMENT_DEPS = ("nsubj", "nsubjpass", "poss", "compound", "amod", "nmod")
CLAUSE_DEPS = ("ccomp", "advcl", "conj", "relcl", "parataxis")
RELATIVE_TAGS = ("WDT", "WP", "WP$")


@lru_cache(maxsize=1)
def actor_kinds() -> dict[str, str]:
    """Canonical actor -> kind (country, group, organisation, bloc); a state's names, demonyms,
    regions and capitals are all of kind country (``state_kinds``)."""
    states = set(actor_words()["state_kinds"])
    kinds = {canon: "country" for canon in gazetteer().by_iso.values()}
    with (DATA / "aliases.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            kind = r["kind"].strip()
            kinds.setdefault(r["canonical"].strip(), "country" if kind in states else kind)
    return kinds


def actor_kind(actor: str) -> str | None:
    return actor_kinds().get(actor)


# epithets ------------------------------------------------------------------
def epithet_kinds(tok: Token) -> list[str]:
    """The kinds of actor a definite epithet may refer to ("the rebels": group), or [] when tok is
    not a bare definite epithet: "a group", "the rights group" and "the group of ministers" name
    their own referent."""
    words = actor_words()
    table = words["group_epithets"]
    kinds = table.get(tok.lemma_.lower()) or table.get(tok.lower_)
    if not kinds or tok.pos_ not in ("NOUN", "PROPN"):
        return []
    if not any(c.dep_ == "det" and c.lower_ in words["definite_determiners"] for c in tok.children):
        return []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return []
        if c.dep_ == "compound" and c.lemma_.lower() not in table and c.lower_ not in table:
            return []
    return kinds


def _window_start(tok: Token) -> int:
    """First token index an antecedent may be at: this sentence and the few before it."""
    words = actor_words()
    start = tok.sent.start
    sents = 0
    while start > 0 and sents < words["epithet_window_sentences"]:
        start = tok.doc[start - 1].sent.start
        sents += 1
    return max(start, tok.i - words["antecedent_window"])


def _coargument(c: Token, tok: Token) -> bool:
    """Whether c is the subject (or a modifier of it) of the predicate tok is an argument of, with
    no clause of its own between them: "Hezbollah fighters clashed with the militants", "the
    Houthi attack on the rebels" (a description is not its own co-argument); but "the Houthis
    said the rebels would ..." and "the movement's leaders" may be."""
    if tok.dep_ == "poss":
        return False
    up_c, up_t = [c, *c.ancestors], [tok, *tok.ancestors]
    t_index = {a.i: n for n, a in enumerate(up_t)}
    lca = next((n for n, a in enumerate(up_c) if a.i in t_index), None)
    if lca is None:
        return False
    return all(a.dep_ in COARGUMENT_DEPS or a.dep_ == "conj" and a.pos_ in ("NOUN", "PROPN")
               for a in up_c[:lca]) and \
        not any(a.dep_ in CLAUSE_DEPS for a in up_t[:t_index[up_c[lca].i]])


def _in_subject(t: Token) -> bool:
    """Whether t is in the subject phrase of its clause."""
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        if t.dep_ in SUBJECTS:
            return True
        t = t.head
    return False


def _modifies_object(t: Token) -> bool:
    """ "outside the French embassy": a name that only modifies a noun outside any subject, which
    a state's own epithet ("the junta", "the regime") never refers to."""
    return t.dep_ in ("amod", "compound", "nmod", "poss") and t.head.i != t.i and not _in_subject(t.head)


def epithet_antecedent(resolver, tok: Token) -> str | None:
    """ "the rebels", "the movement", "the alliance": the actor named shortly before whose kind the
    epithet may refer to and that is not its co-argument ("Hezbollah fighters clashed with the
    militants": other militants); sentence by sentence back from its own, a subject before the
    rest ("Amnesty accused the RSF ... the group said": Amnesty), nearest first.  A country
    that only modifies an object ("the French embassy") is no antecedent: "the junta" of a
    story filed in Niger is then the dateline's country (the resolver's home institution)."""
    kinds = epithet_kinds(tok)
    if not kinds:
        return None
    found: list[tuple[int, bool, int, str]] = []
    for j in range(tok.i - 1, _window_start(tok) - 1, -1):
        t = tok.doc[j]
        if j in resolver.person_of_token:
            actor = resolver.person_of_token[j][1]
        elif t.pos_ == "PROPN" or t.ent_type_ or "-" in t.text:
            actor = resolver._token_actor(t)
        else:
            continue
        ent = resolver._ent_of(t)
        root = ent.root if ent is not None else t
        if actor and actor_kind(actor) in kinds and not _coargument(root, tok) \
                and not (actor_kind(actor) == "country" and _modifies_object(root)):
            found.append((-t.sent.start, not _in_subject(root), -j, actor))
    return min(found)[3] if found else None


# pronouns ------------------------------------------------------------------
def _subject_of(verb: Token) -> Token | None:
    if verb.dep_ == "xcomp":   # object control: "forced the UN to move its staff"
        obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if obj is not None:
            return obj
    s = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if s is not None and s.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
        return verb.head   # "the army, which said its troops ...": the army
    return s


def _contains(phrase: Token, tok: Token) -> bool:
    return phrase.left_edge.i <= tok.i <= phrase.right_edge.i


def _is_place(t: Token) -> bool:
    """A name inside a location phrase ("in Afghanistan"): where, not who."""
    from pipeline.events.lexicon import load_lexicon

    lex = load_lexicon().words
    return t.dep_ == "pobj" and t.head.lower_ in lex["location_preps"] and t.head.lower_ not in lex["target_preps"]


def _fits(resolver, subj: Token, pronoun: Token) -> bool | None:
    """Whether a subject names an actor the pronoun can stand for: True; False when it names
    none; None when it names a person that "it"/"its" cannot stand for."""
    found = resolver._resolve_one(subj, None, False)
    if found.person and pronoun.lower_ in actor_words()["thing_pronouns"]:
        return None
    return bool(found.actors)


_STOP = object()   # the nearest subject is the pronoun's, and it names no actor


def _subject_above(resolver, tok: Token, ancestors) -> Token | object | None:
    """The subject of the nearest clause among ``ancestors`` that comes before the pronoun (not a
    phrase holding it) and names an actor.  A subject that is a group or official naming no actor
    is still what the pronoun stands for ("security forces had abandoned their posts": _STOP); a
    thing ("the airport remained under its control") or a person ("its" is never one) sends the
    search higher up."""
    for anc in ancestors:
        s = _subject_of(anc) if anc.pos_ in ("VERB", "AUX") else None
        if s is None or s.i > tok.i or _contains(s, tok):
            continue
        fits = _fits(resolver, s, tok)
        if fits:
            return s
        if fits is False and (is_title(s.lemma_) is not None or s.pos_ == "PRON"):
            return _STOP
    return None


def pronoun_antecedent(resolver, tok: Token) -> Token | None:
    """What "its"/"their" (and a subject "it"/"they") stand for, as a token to resolve: the
    subject of the nearest clause above it, else the nearest actor named before it in the
    sentence that is not a place, else the subject of the sentence before."""
    words = actor_words()
    if tok.lower_ in words["subject_pronouns"]:
        return _subject_pronoun_antecedent(resolver, tok)
    found = _subject_above(resolver, tok, tok.ancestors)
    if found is not None:
        return None if found is _STOP else found
    for t in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
        if (t.pos_ == "PROPN" or t.ent_type_) and not _is_place(t) and _fits(resolver, t, tok):
            return t
    return _previous_subject(resolver, tok)


def _subject_pronoun_antecedent(resolver, tok: Token) -> Token | None:
    """ "Russia said it had shot down ...", "the reserves that it froze": a subject "it"/"they" of
    a complement, adverbial or relative clause is the subject of a clause above; a sentence's own
    subject "It said ..." is the subject of the sentence before, unless its verb is one an
    expletive "it" goes with."""
    verb = tok.head
    if tok.dep_ not in SUBJECTS or verb.lemma_.lower() in actor_words()["expletive_verbs"]:
        return None     # "it is time to", "it emerged that"
    if verb.dep_ in actor_words()["pronoun_clause_deps"] and verb.head.i != verb.i:
        found = _subject_above(resolver, tok, verb.ancestors)
        return None if found is _STOP else found
    if verb.dep_ == "ROOT" and tok.dep_ == "nsubj" and verb.pos_ == "VERB" \
            and not any(c.dep_ == "auxpass" for c in verb.children):
        return _previous_subject(resolver, tok)
    return None


def _previous_subject(resolver, tok: Token) -> Token | None:
    """The subject of the main clause of the sentence right before tok's, if it names an actor."""
    if tok.sent.start == 0:
        return None
    prev = tok.doc[tok.sent.start - 1].sent
    s = _subject_of(prev.root)
    if s is not None and _fits(resolver, s, tok):
        return s
    return None


# titles --------------------------------------------------------------------
def _role_head(role: str) -> str:
    """The head word of a role: "foreign ministry spokeswoman" -> spokeswoman, "secretary of state" -> secretary."""
    words = role.lower().split(" of ")[0].split()
    return words[-1] if words else ""


def role_antecedent(resolver, tok: Token) -> tuple[str, str | None] | None:
    """ "Putin arrived on Monday ... the president said": a definite title refers to the nearest
    person named before it (within the antecedent window) whose known role has that title as its
    head (``data/actors/people.csv``, column role)."""
    roles = gazetteer().roles
    lemma = tok.lemma_.lower()
    found = None
    for start, full, aff in resolver.persons:
        if start >= tok.i:
            break
        if start >= tok.i - actor_words()["antecedent_window"] and _role_head(roles.get(full, "")) == lemma:
            found = (full, aff)
    return found


# pairs and parties ---------------------------------------------------------
def participants_antecedent(resolver, tok: Token) -> list[str]:
    """ "The participants adopted a declaration", "the two sides agreed", "the ministers discussed"
    (plural: "the other side" is one of them): every actor of the nearest earlier sentence that
    tells of a gathering (a CAMEO consult word: met, talks, summit) and names several, a named
    person standing for their affiliation (for a title, "the ministers", only the persons); no
    single one of them is the main actor."""
    words = actor_words()
    if tok.lemma_.lower() not in words["participant_nouns"] or tok.tag_ != "NNS" or not any(
            c.dep_ in ("det", "predet") and c.lower_ in words["participant_determiners"] for c in tok.children):
        return []
    title = is_title(tok.lemma_) is not None   # "the ministers": the persons who met ("both leaders" is a pair)
    if title and any(c.lower_ in words["pair_determiners"] for c in tok.children):
        return []
    from pipeline.events.lexicon import load_lexicon
    rules = load_lexicon().rules
    sents = [s for s in tok.doc.sents if s.end <= tok.sent.start]
    for sent in reversed(sents[-words["participant_window_sentences"]:]):
        gathering = any(r["code"][:2] in words["participant_roots"] for t in sent if t.pos_ in ("NOUN", "VERB")
                        for r in rules.get(("nominal" if t.pos_ == "NOUN" else "verbal", t.lemma_.lower()), ()))
        named = list(dict.fromkeys(
            a for t in sent if t.i in resolver.person_of_token or not title and (
                t.pos_ == "PROPN" or t.ent_type_ in ACTOR_ENTS)
            for a in [resolver.person_of_token[t.i][1] if t.i in resolver.person_of_token
                      else resolver._token_actor(t)] if a))
        if gathering and len(named) > 1:
            return named
    return []



def pair_antecedent(resolver, tok: Token) -> list[str]:
    """ "Armenia and Azerbaijan signed ... the two countries agreed", "both leaders": the last two
    different actors of a fitting kind named before it (a place is not one), within this and the
    previous few sentences; [] when fewer are named."""
    words = actor_words()
    kinds = words["pair_nouns"].get(tok.lemma_.lower())
    if not kinds or tok.tag_ != "NNS" or not any(
            c.dep_ in ("det", "predet", "nummod") and c.lower_ in words["pair_determiners"] for c in tok.children):
        return []
    found: list[str] = []
    for j in range(tok.i - 1, _window_start(tok) - 1, -1):
        t = tok.doc[j]
        if j in resolver.person_of_token:
            actor = resolver.person_of_token[j][1] if "person" in kinds else None
        elif t.pos_ == "PROPN" or t.ent_type_:
            actor = resolver._token_actor(t)
        else:
            continue
        if actor and actor not in found and (actor_kind(actor) in kinds or j in resolver.person_of_token):
            found.append(actor)
            if len(found) == 2:
                return found[::-1]
    return []


def person_pronoun_antecedent(resolver, tok: Token) -> Token | None:
    """ "Lavrov, speaking after talks with Blinken, said he ...": a subject "he"/"she" of a
    complement, adverbial or relative clause is the person who is the subject of the clause
    above, not the last person named; None when that subject is no known person, or when that
    clause names another person as well ("Putin told Erdogan he ...", "Putin remarked on Biden:
    he ...")."""
    verb = tok.head
    if tok.dep_ not in SUBJECTS or verb.dep_ not in actor_words()["pronoun_clause_deps"]:
        return None
    for anc in verb.ancestors:
        s = _subject_of(anc) if anc.pos_ in ("VERB", "AUX") else None
        if s is None or s.i > tok.i:
            continue
        others = [c for c in anc.children if c.dep_ in ("dobj", "dative")] + \
            [g for p in anc.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
        if s.i not in resolver.person_of_token or any(o.i in resolver.person_of_token for o in others):
            return None
        return s
    return None
