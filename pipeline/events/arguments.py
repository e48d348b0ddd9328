"""Event arguments from the dependency parse: source, targets and location.

The source is the subject (or passive agent, or the subject a control or
coordinated verb inherits); a nominal event takes a possessor, a modifier or
the subject of the verb it is held by.  Targets are objects and
prepositional objects; actors are resolved by ``pipeline.events.actors``.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from pipeline.events.actors import Resolution, is_seat
from pipeline.events.context import Article, Trigger
from pipeline.events.lexicon import load_lexicon
from pipeline.events.syntax import (
    NOT_ACTOR_ENTS,
    SUBJ,
    SUBJ_PASS,
    children,
    clause_head,
    dobj,
    lemma_of,
    participation_verb,
    preps,
)


def subject(ctx: Article, verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """(subject token, is_agent): the actor doing what the verb says."""
    subj, agentive = _subject_in_parse(ctx, verb, depth)
    if subj is None and agentive and depth == 0 and verb.tag_ in ("VBD", "VBZ", "VBP") \
            and not children(verb, *SUBJ_PASS, "auxpass"):
        subj = left_neighbour_np(verb)
    return subj, agentive


def left_neighbour_np(verb: Token) -> Token | None:
    """A finite verb the parser left without a subject: the noun phrase right before it."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i < verb.sent.start:
        return None
    t = verb.doc[i]
    if t.pos_ not in ("NOUN", "PROPN", "PRON") or t.ent_type_ in NOT_ACTOR_ENTS:
        return None
    while t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i:
        t = t.head
    return t


def _subject_in_parse(ctx: Article, verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject the parse gives a verb, directly or through the clause it depends on."""
    if depth > 8:
        return None, True
    subj = children(verb, *SUBJ)
    if subj:
        s = subj[0]
        if verb.dep_ == "relcl" and s.tag_ in ("WDT", "WP", "WP$"):
            return verb.head, True
        return s, True
    if children(verb, *SUBJ_PASS):
        for p, pobj in preps(verb):
            if p.dep_ == "agent" and pobj is not None:
                return pobj, True
        return None, False
    head = verb.head
    if head is verb:
        return None, True
    if verb.dep_ == "relcl":
        if head.dep_ in ("attr", "oprd") and not ctx.actors.resolve(head, conjuncts=False):
            # "X became the first country to recognise Y": the country is X
            return _subject_in_parse(ctx, head.head, depth + 1)
        return head, True
    if verb.dep_ == "xcomp":
        obj = children(head, "dobj")
        if obj and lemma_of(head) not in load_lexicon().words["subject_control_verbs"]:
            return obj[0], True
        return _subject_in_parse(ctx, head, depth + 1)
    if verb.dep_ in ("conj", "advcl", "pcomp", "acl", "prep", "ccomp", "csubj") or head.dep_ == "prep":
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and ctx.actors.resolve(head, conjuncts=False):
            return head, True
        if verb.dep_ == "ccomp":
            return None, True
        subj, agentive = _subject_in_parse(ctx, head, depth + 1)
        if verb.dep_ == "conj" and head.dep_ == "relcl" and (subj is None or not agentive) \
                and not children(verb, "auxpass"):
            # "X reached out to Y - which is banned - and hosted ...": coordinated with the main clause
            return _subject_in_parse(ctx, clause_head(head.head), depth + 1)
        return subj, agentive
    return None, True


def resolve(ctx: Article, tok: Token | None) -> Resolution:
    if tok is None or tok.ent_type_ in NOT_ACTOR_ENTS:
        return Resolution()
    quoted = ctx.quoted(tok)
    speaker = ctx.speaker_before(tok.i) if quoted else None
    return ctx.actors.resolve(tok, speaker=speaker, quoted=quoted)


def verbal_args(ctx: Article, trig: Trigger) -> tuple[Token | None, list[Token]]:
    tok = trig.tok
    lex = load_lexicon().words
    subj, _ = subject(ctx, tok)
    targets = []
    obj = dobj(tok)
    if obj is not None:
        targets.append(obj)
    targets.extend(children(tok, "dative"))
    for p, pobj in preps(tok):
        if pobj is not None and p.lower_ in lex["target_preps"] and p.dep_ != "agent" \
                and pobj.ent_type_ not in NOT_ACTOR_ENTS:
            targets.append(pobj)
    if obj is not None:
        for p, pobj in preps(obj):
            if pobj is not None and p.lower_ in lex["object_target_preps"]:
                targets.append(pobj)
    if trig.rule.get("inverse"):
        src = next((t for t in targets if t.dep_ == "pobj"), None)
        return src, ([subj] if subj is not None else [])
    return subj, targets


def nominal_args(ctx: Article, trig: Trigger) -> tuple[Token | None, list[Token]]:
    tok = trig.tok
    lex = load_lexicon().words
    source = None
    poss = [c for c in children(tok, "poss") if c.ent_type_ not in NOT_ACTOR_ENTS]
    if poss:
        source = poss[0]
    else:
        for c in tok.children:
            if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "npadvmod") and ctx.actors.resolve(c, conjuncts=False):
                source = c
                break
    if source is None:
        for p, pobj in preps(tok):
            if pobj is not None and p.lower_ in lex["source_preps_nominal"] and p.lower_ == "by":
                source = pobj
    if source is None and trig.light is not None:
        source, _ = subject(ctx, trig.light)
    if source is None:
        gov = participation_verb(tok)
        if gov is not None:
            source, _ = subject(ctx, gov)
    targets = []
    for holder in (tok, trig.light):
        if holder is None:
            continue
        for p, pobj in preps(holder):
            if pobj is not None and p.lower_ in lex["target_preps_nominal"] and p.lower_ != "by":
                targets.append(pobj)
    if trig.light is not None:
        targets.extend(t for t in children(trig.light, "dative"))
    return source, targets



def location_of(ctx: Article, tok: Token, holders: list[Token]) -> str | None:
    lex = load_lexicon().words
    for h in holders:
        if h is None:
            continue
        for p, pobj in preps(h):
            if pobj is not None and p.lower_ in lex["location_preps"] and pobj.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
                ent = next((e for e in tok.sent.ents if e.start <= pobj.i < e.end), None)
                if pobj.ent_type_ == "ORG" and not is_seat(ent.text if ent is not None else pobj.text):
                    continue   # an organisation is a place only when it is a building ("in the Kremlin")
                text = ent.text if ent is not None else pobj.text
                return re.sub(r"^(the|The)\s+", "", text)
    return None
