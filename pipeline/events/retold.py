"""One event told twice in one clause keeps one mention.

"Delegates gathered in Doha to discuss the truce": an unlisted verb that only
frames a listed event of its own subjectless clause is that event.  "In an
address on Wednesday, the president said ...": a speech noun that frames a
speech verb is that statement.  The mention kept takes the date the other had.
"Two staff were killed, the ministry said": a report of a past event is that
event, not a second one.
"""
from __future__ import annotations

from pipeline.events.arguments import argument_words
from pipeline.events.context import Article, Trigger
from pipeline.events.dating import DATE_FIELDS
from pipeline.events.syntax import SUBJ, SUBJ_PASS, children, clause_head, is_past, participation_verb
from pipeline.warehouse.schemas import HAPPENED


def without_retold(ctx: Article, rows: list[dict]) -> list[dict]:
    """The rows minus those another mention of the same clause tells; in token order."""
    live = [t for t in sorted(ctx.triggers.values(), key=lambda t: t.tok.i) if t.mention is not None]
    attributing = {t.tok.i for t in live if _attributes_a_happened_event(ctx, t)}
    keepers = {t.tok.i: _framed_listed(ctx, t) if t.rule.get("fallback") else _framed_speech(ctx, t) for t in live}
    kept = []
    for trig in live:
        m = trig.mention
        keeper = keepers[trig.tok.i]
        if trig.tok.i in attributing or (keeper is not None and keeper.tok.i in attributing):
            trig.mention = None         # "..., the ministry said in a statement": neither is a second event
            continue
        if keeper is not None:
            if keeper.mention["date_start"] is None and m["date_start"] is not None:
                keeper.mention.update({k: m[k] for k in DATE_FIELDS})
                keeper.mention["sources"][0]["date_text"] = m["sources"][0]["date_text"]
            trig.mention = None
            continue
        kept.append(m)
    return kept


def _attributes_a_happened_event(ctx: Article, speech: Trigger) -> bool:
    """ "Two staff were killed in the blast, the ministry said": a report put after what it
    reports only tells where the news came from; that past event is the mention.  Put first,
    a report of a material act ("the ministry said that a militant set off a bomb") is the
    same attribution; of a verbal one ("X said that Y had accused Z") it stays a statement."""
    if speech.pos != "verbal" or not speech.rule.get("report"):
        return False
    verb = speech.tok
    told = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
    if verb.dep_ in ("parataxis", "ccomp") and verb.i > verb.head.i:
        told.append(verb.head)          # the report comes after what it reports
    for clause in told:
        for other in ctx.triggers.values():
            m = other.mention
            if m is None or other is speech or other.rule.get("speech") or other.rule.get("fallback"):
                continue
            if m["factuality"] not in HAPPENED or not (m["actors"] or m["people"]):
                continue
            head = other.tok if other.pos == "verbal" else clause_head(other.tok)
            material = m["cameo_code"][:2] in argument_words()["material_roots"]
            if head.i == clause.i and (head.i < verb.i or material) and is_past(head):
                return True
    return False


def _shared(a: dict, b: dict) -> bool:
    return bool(set(a["actors"] + a["people"]) & set(b["actors"] + b["people"]))


def _framed_listed(ctx: Article, frame: Trigger) -> Trigger | None:
    """A listed mention under this verb, in a clause with no subject of its own, sharing a participant."""
    for other in ctx.triggers.values():
        m = other.mention
        if m is None or other.rule.get("fallback") or not _shared(frame.mention, m):
            continue
        t = other.tok
        while t.i != frame.tok.i and t.head.i != t.i:
            if t.pos_ in ("VERB", "AUX") and children(t, *SUBJ, *SUBJ_PASS):
                break
            t = t.head
        if t.i == frame.tok.i:
            return other
    return None


def _framed_speech(ctx: Article, noun: Trigger) -> Trigger | None:
    """The speech verb a speech noun frames ("said in an address", "told a press conference")."""
    if noun.pos != "nominal" or noun.light is not None or not noun.rule.get("speech"):
        return None
    verb = participation_verb(noun.tok)
    other = ctx.triggers.get(verb.i) if verb is not None else None
    if other is None or other.mention is None or not other.rule.get("speech") or not _shared(noun.mention, other.mention):
        return None
    return other
