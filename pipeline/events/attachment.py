"""Which timex dates which clause: a clause's own timex, that of a clause linked to it,
or that of an event it takes part in ("during the June 16 summit").  Clause-level only;
dates that need other mentions or the article's context are ``dating``'s and ``narrative``'s.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.events.arguments import performing_verb
from pipeline.events.context import Article, Timex, Trigger
from pipeline.events.lexicon import load_lexicon
from pipeline.events.syntax import SUBJ, SUBJ_PASS, children, lemma_of, participation_verb, preps

_PLACE_ENTS = ("GPE", "LOC", "FAC")
_LINK_HOPS = 3      # linked clauses followed from a clause without a date of its own


def prepare_timexes(doc: Doc, timexes: list[dict]) -> list[Timex]:
    out = []
    for row in timexes or []:
        try:
            span = doc.char_span(int(row["char_start"]), int(row["char_end"]), alignment_mode="expand")
        except (KeyError, TypeError, ValueError):
            span = None
        if span is None or len(span) == 0:
            continue
        out.append(Timex(row=row, start=span.start, end=span.end, root=span.root))
    return out


def is_usable(tx: Timex) -> bool:
    row = tx.row
    if row.get("date_start") is None:
        return False
    if (row.get("type") or "DATE") not in ("DATE", "TIME"):
        return False
    return not ((row.get("value") or "") in load_lexicon().words["vague_values"] or row.get("granularity") == "vague")


def timex_owner(ctx: Article, tx: Timex) -> Token | None:
    """The nominal trigger or clause head a timex is attached to."""
    t = tx.root
    hops = 0
    while True:
        if t.i in ctx.triggers and ctx.triggers[t.i].pos == "nominal" and not (tx.start <= t.i < tx.end):
            return t
        if (t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT") and not (tx.start <= t.i < tx.end):
            return t
        if t.head.i == t.i or hops > 40:
            return t
        t = t.head
        hops += 1


def timex_for(ctx: Article, trig: Trigger) -> tuple[Timex | None, str]:
    """(timex, how) for a trigger: own clause, linked clause, or event anchor."""
    if trig.pos == "nominal":
        own = owned_timexes(ctx, trig.tok)
        if own:
            return own[0], "own"
    clause = event_clause(trig)
    if clause is None:
        return None, ""
    tx, how = clause_timex(ctx, clause)
    if tx is None and trig.means is not None:
        return timex_for(ctx, trig.means)
    return tx, how


def event_clause(trig: Trigger) -> Token | None:
    """The clause whose time is the trigger's: the verb itself, or the verb a nominal event is held by."""
    tok = trig.tok
    if trig.pos != "nominal":
        return tok
    if trig.light is not None:
        return trig.light
    if participation_verb(tok) is not None:
        return participation_verb(tok)
    if performing_verb(tok) is not None:
        return performing_verb(tok)
    if tok.dep_ in ("nsubj", "nsubjpass", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        # "the talks took place on Monday"; an object ("welcomed the statement") is an earlier event
        return tok.head
    return None


def owned_timexes(ctx: Article, t: Token) -> list[Timex]:
    """Usable timexes of t's sentence attached to t; a noun also owns those of its participle
    ("the talks held in late October", "the strike carried out on Monday")."""
    sent = t.sent
    heads = {t.i}
    if t.pos_ in ("NOUN", "PROPN"):
        heads |= {c.i for c in _participles(t)} | {c.i for c in _occurrence_clauses(t)}
        outer = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "of" else None
        if outer is not None and outer.pos_ == "NOUN" and outer.i not in ctx.triggers:
            # "the outcome of the consultations, held on October 20": only an event is held,
            # whichever noun the parser hung the participle on
            light = load_lexicon().words["light_verbs"]
            heads |= {c.i for c in _participles(outer) if lemma_of(c) in light}
    return [tx for tx in ctx.timexes if is_usable(tx) and tx.owner is not None and tx.owner.i in heads
            and sent.start <= tx.start < sent.end]


def _participles(noun: Token) -> list[Token]:
    return [c for c in noun.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG") and not children(c, *SUBJ, *SUBJ_PASS)]


def _occurrence_clauses(noun: Token) -> list[Token]:
    """ "The offensive, which began on February 24": a relative clause whose subject is the noun
    itself and whose verb says the noun's event took place."""
    verbs = [v.split() for v in load_lexicon().words["occurrence_verbs"]]

    def occurrence(verb: Token) -> bool:
        return any(lemma_of(verb) == v[0] and (any(c.lower_ == v[1] for c in verb.children) if len(v) > 1
                                                else not children(verb, "dobj", "xcomp", "ccomp")) for v in verbs)
    # the parser often hangs the clause on the place after the event ("the raid on Jenin, which began")
    nouns = [noun] + [pobj for _, pobj in preps(noun) if pobj is not None and pobj.ent_type_ in _PLACE_ENTS]
    return [c for n in nouns for c in n.children if c.dep_ == "relcl" and occurrence(c)
            and any(s.tag_ in ("WDT", "WP") for s in children(c, *SUBJ, *SUBJ_PASS))]


def clause_timex(ctx: Article, clause: Token) -> tuple[Timex | None, str]:
    """(timex, how) of any clause: its own, a linked clause's, or that of an event it is anchored to."""
    own = owned_timexes(ctx, clause)
    if own:
        return own[0], "own"
    # nearest first, a few hops: "attacked on October 7, killing 1,200 and seizing 240 hostages"
    seen, frontier = {clause.i}, [clause]
    for _ in range(_LINK_HOPS):
        frontier = [c for t in frontier for c in linked_clauses(t) if c.i not in seen]
        for linked in frontier:
            seen.add(linked.i)
            own = owned_timexes(ctx, linked)
            if own:
                return own[0], "linked"
    # a verb takes the date of a nominal event it takes part in: "during the June 16 summit",
    # "killed in the bombings, part of an attack on Thursday"
    words = load_lexicon().words
    anchors = set(words["anchor_preps"]) | set(words["participation_preps"])
    for p, pobj in clause_preps(clause):
        if pobj is None:
            continue
        if p.lower_ in anchors and pobj.pos_ in ("NOUN", "PROPN"):
            for event in _event_nouns(ctx, pobj):
                own = owned_timexes(ctx, event)
                if own:
                    return own[0], "anchor"
        if p.lower_ == "in" and lemma_of(pobj) in words["aftermath_nouns"]:
            # "in the wake of the 2001 attacks": what follows at once shares a year-level date
            for sub in pobj.subtree:
                if sub.i in ctx.triggers:
                    for tx in owned_timexes(ctx, sub):
                        if tx.row.get("granularity") in ("year", "decade"):
                            return tx, "anchor"
    return None, ""


def _event_nouns(ctx: Article, np: Token) -> list[Token]:
    """Event triggers a noun phrase names: its head, or one it is 'part of' or stands beside
    ("the bombings, part of a complex attack")."""
    out, stack = [], [np]
    while stack:
        t = stack.pop()
        if t.i in ctx.triggers and ctx.triggers[t.i].pos == "nominal":
            out.append(t)
        for c in t.children:
            if c.dep_ in ("appos", "conj") or (c.dep_ == "pobj" and t.dep_ == "prep" and t.lower_ == "of") or c.dep_ == "prep" and c.lower_ == "of" and t.dep_ == "appos":
                stack.append(c)
    return out


def clause_preps(verb: Token) -> list[tuple[Token, Token | None]]:
    """Prepositional phrases of a clause, including those the parser hung on its noun phrases."""
    out = []
    stack = [verb]
    while stack:
        t = stack.pop()
        out.extend(preps(t))
        for c in t.children:
            if c.dep_ in ("ccomp", "relcl", "advcl", "conj", "parataxis", "csubj", "xcomp", "punct", "pcomp"):
                continue
            stack.append(c)
    return sorted(out, key=lambda pp: pp[0].i)


def linked_clauses(verb: Token) -> list[Token]:
    """Clauses the parse ties to this one in time: coordinated verbs, subjectless adjuncts."""
    out = []
    if verb.dep_ == "conj":
        out.append(verb.head)
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not children(c, *SUBJ, *SUBJ_PASS):
            out.append(c)
        if c.dep_ in ("advcl", "xcomp") and not children(c, *SUBJ, *SUBJ_PASS):
            out.append(c)
    if verb.dep_ in ("advcl", "xcomp") and not children(verb, *SUBJ, *SUBJ_PASS):
        out.append(verb.head)
    marks = load_lexicon().words["simultaneous_marks"]
    if verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in verb.children):
        out.append(verb.head)   # "as the forces withdrew": same time as the main clause
    noun = verb.head
    infinitive = verb.dep_ == "acl" or (verb.dep_ == "relcl" and any(a.lower_ == "to" for a in children(verb, "aux")))
    if infinitive and noun.dep_ in (*SUBJ, *SUBJ_PASS) and takes_effect(noun.head):
        out.append(noun.head)   # "the decision to lift sanctions came into force on May 20": lifted then
    return out


def takes_effect(verb: Token) -> bool:
    """ "came into force", "took effect": the day a decision's act became real."""
    for phrase in load_lexicon().words["effect_verbs"]:
        first, *rest = phrase.split()
        if lemma_of(verb) == first and all(any(t.lower_ == w for t in verb.subtree) for w in rest):
            return True
    return False
