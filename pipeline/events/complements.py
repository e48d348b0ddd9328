"""A complement changes the code of the verb that governs it.

"The Houthis vowed to wage war on Israel" is a threat, not a promise: a
commissive verb (CAMEO 03) whose complement is violence (18-20) is coded as
threatening force.  "Ukraine insisted that Russia withdraw" is a demand, not a
statement: a saying verb (01) whose that-clause is subjunctive (a bare verb
with its own subject, no auxiliary) tells another what to do.  The table is
``complement_codes`` in ``data/events/arguments.json``.
"""
from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.arguments import argument_words
from pipeline.events.context import Article, Trigger
from pipeline.events.syntax import children, dobj


def recode_by_complement(ctx: Article) -> None:
    """Change the code of every trigger whose complement says what kind of act it is."""
    table = argument_words()["complement_codes"]
    for trig in list(ctx.triggers.values()):
        if trig.pos != "verbal":
            continue
        root = trig.rule["code"][:2]
        if root in table["commissive_roots"] and any(
                t.rule["code"][:2] in table["violent_roots"] for t in _complement_triggers(ctx, trig.tok)):
            trig.rule = dict(trig.rule, code=table["threat_code"])
        elif root in table["saying_roots"] and any(_subjunctive(c) for c in children(trig.tok, "ccomp")):
            trig.rule = dict(trig.rule, code=table["demand_code"])


def _complement_triggers(ctx: Article, verb: Token) -> list[Trigger]:
    """Triggers of a verb's infinitive complement: its verb, or when the verb is no event of its own,
    the event noun it governs ("wage war"; but "scale down military operations" is a de-escalation)."""
    out = []
    for c in children(verb, "xcomp"):
        if c.i in ctx.triggers:
            out.append(ctx.triggers[c.i])
            continue
        obj = dobj(c)
        if obj is not None and obj.i in ctx.triggers:
            out.append(ctx.triggers[obj.i])
    return out


def _subjunctive(clause: Token) -> bool:
    """ "that Russia withdraw": a bare verb with its own subject and no auxiliary or negation."""
    return clause.tag_ == "VB" and bool(children(clause, "nsubj")) and not children(clause, "aux", "auxpass", "neg")
