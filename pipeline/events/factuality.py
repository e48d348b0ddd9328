"""Factuality of a mention: negated, hypothetical, future, reported or asserted.

Read from the trigger's clause and the clauses above it (auxiliaries,
negation, conditional marks, planning verbs, reporting verbs, quotes), so that
only events told as having happened count as happened.
"""
from __future__ import annotations

from pipeline.events.context import Article, Trigger
from pipeline.events.lexicon import load_lexicon
from pipeline.events.syntax import clause_head, lemma_of


def factuality_of(ctx: Article, trig: Trigger) -> str:
    lex = load_lexicon().words
    tok = trig.tok
    anchor = trig.light if trig.light is not None else tok
    if trig.pos == "nominal" and trig.light is None:
        anchor = clause_head(tok) if tok.dep_ in ("dobj", "nsubjpass", "attr") else None
    negated = hypothetical = future = reported = False
    if trig.pos == "nominal" and any(c.lower_ in lex["negated_determiners"] for c in tok.children if c.dep_ == "det"):
        negated = True
    chain = []
    t = anchor
    while t is not None:
        chain.append(t)
        if t.dep_ in ("xcomp", "conj") or (t.dep_ == "pcomp" and t.head.dep_ == "prep"):
            t = t.head if t.dep_ != "pcomp" else t.head.head
            continue
        break
    for n, v in enumerate(chain):
        kids = list(v.children)
        if any(c.dep_ == "neg" or (c.lower_ in lex["negation_adverbs"] and c.dep_ == "advmod") for c in kids):
            negated = True
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
        if n > 0 and lemma_of(v) in lex["future_verbs"]:
            future = True
        if n > 0 and lemma_of(v) in lex["hypothetical_verbs"]:
            hypothetical = True
        if v.lower_ in lex["future_forms"] and n > 0:
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
    if future:
        return "future"
    if reported:
        return "reported"
    return "asserted"
