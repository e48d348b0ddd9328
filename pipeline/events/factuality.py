"""Factuality of a mention: negated, hypothetical, future, habitual, reported or asserted.

Read from the trigger's clause and the clauses above it (auxiliaries,
negation and negating verbs, conditional marks, planning verbs, habit adverbs, reporting verbs,
quotes) and from its date (after the article appeared: not yet happened), so
that only events told as having happened count as happened: precision comes
from here, not from a short verb list.
"""
from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.arguments import argument_words
from pipeline.events.attachment import timex_for
from pipeline.events.context import Article, Trigger
from pipeline.events.lexicon import load_lexicon
from pipeline.events.syntax import children, clause_head, lemma_of

_FINITE = ("VBD", "VBZ", "VBP")     # a verb form with its own tense


def _habitual(mod: Token, lex: dict) -> bool:
    """'usually', 'every year', 'each week': the clause tells a habit."""
    if mod.lower_ in lex["habitual_adverbs"]:
        return True
    return any(d.dep_ == "det" and d.lower_ in lex["habitual_determiners"] for d in mod.children)


def _ongoing(verb, lex: dict) -> bool:
    """'have been carrying out attacks since 1990': a perfect progressive over a stretch of
    time tells a course of action, not one event ('have been bombing villages' alone is news)."""
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    return verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ == "VBN" for a in auxes) \
        and any(a.lemma_ == "have" for a in auxes) \
        and any(c.dep_ in ("prep", "mark") and c.lower_ in lex["ongoing_preps"] for c in verb.children)


def _after_publication(ctx: Article, trig: Trigger) -> bool:
    """An event dated after the article appeared has not happened yet, whatever the tense."""
    published = ctx.article.get("published")
    tx, how = timex_for(ctx, trig)
    return published is not None and tx is not None and how in ("own", "linked") \
        and tx.row.get("date_start") is not None and tx.row["date_start"] > published


def factuality_of(ctx: Article, trig: Trigger) -> str:
    """asserted, reported, negated, hypothetical, future, or habitual (told as a habit, not as one event)."""
    lex = load_lexicon().words
    tok = trig.tok
    anchor = trig.light if trig.light is not None else tok
    if trig.pos == "nominal" and trig.light is None:
        anchor = clause_head(tok) if tok.dep_ in ("dobj", "nsubjpass", "attr") else None
        if tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
            anchor = tok.head.head      # "failed to agree on a peace deal": the deal is as real as the agreeing
    negated = hypothetical = future = reported = False
    if trig.pos == "nominal" and any(c.lower_ in lex["negated_determiners"] for c in tok.children if c.dep_ == "det"):
        negated = True
    chain = []
    presupposed = None      # chain index from which a denial no longer reaches the trigger
    siblings = set()        # chain indexes reached through "and": a coordinated verb, not a governing one
    t = anchor
    while t is not None:
        chain.append(t)
        if t.dep_ == "xcomp" and t.head.dep_ == "acomp" and t.head.head.lemma_ == "be":
            # "is about to restore", "is keen to restore": not yet; "is not ready to": not at all
            future = future or t.head.lower_ in argument_words()["prospective_adjectives"]
            negated = negated or any(c.dep_ == "neg" for c in t.head.head.children)
            break
        own_aux = [a for a in children(t, "aux", "neg") if a.lower_ != "to"]     # not an infinitive's "to"
        # a past form coordinated with a bare infinitive ("threatened to use force and imposed sanctions")
        # is a clause of its own, whatever the parser hung it on
        past_beside_bare = t.tag_ in ("VBD", "VBN") and t.head.tag_ == "VB" and not children(t, "auxpass")
        if t.dep_ == "conj" and (own_aux or past_beside_bare or (t.tag_ in _FINITE and t.head.tag_ not in _FINITE)):
            break       # "would not attack X and would fight Y", "did not sign X and withdrew": a conjunct of its own
        if t.dep_ in ("xcomp", "conj") or (t.dep_ == "pcomp" and t.head.dep_ == "prep"):
            if t.dep_ == "pcomp" and t.head.lower_ in lex["relative_anchor_preps"] and presupposed is None:
                presupposed = len(chain)    # "refused to talk after being attacked": the attack happened
            if t.dep_ == "conj":
                siblings.add(len(chain))
            t = t.head if t.dep_ != "pcomp" else t.head.head
            continue
        if any(c.lower_ == "to" for c in t.children) and ((t.dep_ in ("relcl", "acl") and t.head.dep_ == "attr")
                                                          or (t.dep_ == "advcl" and t.head.lemma_ == "be")):
            t = t.head.head if t.dep_ != "advcl" else t.head   # "isn't a place to visit": the copula's
            continue                                            # negation scopes over the infinitive
        break
    habitual = False
    for n, v in enumerate(chain):
        kids = list(v.children)
        deniable = presupposed is None or n < presupposed
        # "threatened to use force and imposed sanctions": what a coordinated verb means is not the other's
        governs = n not in siblings
        if any(c.dep_ in ("advmod", "npadvmod") and _habitual(c, lex) for c in kids) or \
                any(c.dep_ == "aux" and c.lower_ in lex["habitual_forms"] for c in kids) or \
                (n > 0 and v.lower_ in lex["habitual_forms"]) or _ongoing(v, lex):    # "used to send"
            habitual = True
        if deniable and any(c.dep_ == "neg" or (c.lower_ in lex["negation_adverbs"] and c.dep_ == "advmod") for c in kids):
            negated = True
        if deniable and governs and lemma_of(v) in argument_words()["negating_verbs"] and (
                n > 0 or (trig.pos == "nominal" and v is not tok)):
            negated = True      # "refused to open the crossing", "postponed the talks": it did not happen
        if n == 0 and trig.pos == "nominal" and v is not tok and lemma_of(v) in lex["hypothetical_verbs"]:
            hypothetical = True     # "demanded the withdrawal of French troops": asked for, not done
        if any(c.dep_ == "dobj" and any(d.lower_ in lex["negated_determiners"] for d in c.children) for c in kids) \
                and n > 0:
            negated = True
        for c in kids:
            if c.dep_ in ("aux", "auxpass"):
                if c.lower_ in lex["future_aux"]:
                    future = True
                elif c.lower_ in lex["hypothetical_aux"]:
                    hypothetical = True
            if c.dep_ == "mark" and c.lower_ in lex["hypothetical_marks"]:
                hypothetical = True
        if n > 0 and governs and lemma_of(v) in lex["future_verbs"]:
            future = True
        if n > 0 and governs and lemma_of(v) in lex["hypothetical_verbs"]:
            hypothetical = True
        if v.lower_ in lex["future_forms"] and n > 0 and governs:
            future = True
    # the clause a trigger sits in may be conditional or reported
    t = chain[-1] if chain else tok
    hops = 0
    while t.head is not t and hops < 12:
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex["hypothetical_marks"] for c in t.children):
            hypothetical = True
        if t.dep_ in ("ccomp", "parataxis") and t.head.i in ctx.triggers and ctx.triggers[t.head.i].rule.get("report"):
            reported = True
        if t.dep_ in ("ccomp",) and lemma_of(t.head) in lex["reporting_verbs"]:
            reported = True
        t = t.head
        hops += 1
    if ctx.quoted(tok):
        reported = True
    if trig.rule.get("report") and trig.pos == "verbal" and not ctx.quoted(tok):
        reported = False
    if negated:
        return "negated"
    if hypothetical:
        return "hypothetical"
    if future or _after_publication(ctx, trig):
        return "future"
    if habitual:
        return "habitual"
    if reported:
        return "reported"
    return "asserted"
