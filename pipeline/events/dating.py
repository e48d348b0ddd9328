"""Dates of mentions: the timex of the trigger's clause, of a clause linked to
it or of an event it is anchored to; then dates that need another mention
("20 years after the invasion", "the invasion" told again).
"""
from __future__ import annotations

import datetime

from spacy.tokens import Doc, Token

from pipeline.events.context import Article, Timex, Trigger
from pipeline.events.lexicon import load_lexicon
from pipeline.events.syntax import SUBJ, SUBJ_PASS, children, clause_head, lemma_of, participation_verb, preps

DATE_FIELDS = ("date_start", "date_end", "date_value", "granularity", "date_method")
_YEARS_PER_UNIT = {"Y": 1, "DE": 10}   # unit codes of the date stage's lexicon that shift a year


def _dates_words() -> dict:
    """The date stage's word lists (duration units, number words): one place for both stages."""
    try:
        from pipeline.dates import load_lexicon as dates_lexicon
    except ImportError:   # the dates package may keep its loader in a submodule
        from pipeline.dates.lexicon import load_lexicon as dates_lexicon
    lex = dates_lexicon()
    return getattr(lex, "raw", lex)


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
    if (row.get("value") or "") in load_lexicon().words["vague_values"] or row.get("granularity") == "vague":
        return False
    return True


def timex_owner(ctx: Article, tx: Timex) -> Token | None:
    """The nominal trigger or clause head a timex is attached to."""
    t = tx.root
    hops = 0
    while True:
        if t.i in ctx.triggers and ctx.triggers[t.i].pos == "nominal" and not (tx.start <= t.i < tx.end):
            return t
        if (t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT") and not (tx.start <= t.i < tx.end):
            return t
        if t.head is t or hops > 40:
            return t
        t = t.head
        hops += 1


def timex_for(ctx: Article, trig: Trigger) -> tuple[Timex | None, str]:
    """(timex, how) for a trigger: own clause, linked clause, or event anchor."""
    tok = trig.tok
    usable = [tx for tx in ctx.timexes if is_usable(tx) and tx.owner is not None]
    sent = tok.sent

    def owned_by(t: Token) -> list[Timex]:
        return [tx for tx in usable if tx.owner.i == t.i and sent.start <= tx.start < sent.end]

    if trig.pos == "nominal":
        own = owned_by(tok)
        if own:
            return own[0], "own"
        if trig.light is not None:
            clause = trig.light
        elif participation_verb(tok) is not None:
            clause = participation_verb(tok)
        elif tok.dep_ in ("nsubj", "nsubjpass", "attr") and tok.head.pos_ in ("VERB", "AUX"):
            # "the talks took place on Monday"; an object ("welcomed the statement") is an earlier event
            clause = tok.head
        else:
            return None, ""
    else:
        clause = tok
    own = owned_by(clause)
    if own:
        return own[0], "own"
    for linked in linked_clauses(clause):
        own = owned_by(linked)
        if own:
            return own[0], "linked"
    # a verb takes the date of a nominal event it is anchored to: "during the June 16 summit"
    anchors = load_lexicon().words["anchor_preps"]
    for p, pobj in _clause_preps(clause):
        if pobj is None:
            continue
        if p.lower_ in anchors and pobj.i in ctx.triggers:
            own = owned_by(pobj)
            if own:
                return own[0], "anchor"
        if p.lower_ == "in" and lemma_of(pobj) in load_lexicon().words["aftermath_nouns"]:
            # "in the wake of the 2001 attacks": what follows at once shares a year-level date
            for sub in pobj.subtree:
                if sub.i in ctx.triggers:
                    for tx in owned_by(sub):
                        if tx.row.get("granularity") in ("year", "decade"):
                            return tx, "anchor"
    return None, ""


def _clause_preps(verb: Token) -> list[tuple[Token, Token | None]]:
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
    return out


def apply_date(row: dict, tx: Timex | None, published, how: str) -> None:
    if tx is not None:
        r = tx.row
        row.update(date_start=r.get("date_start"), date_end=r.get("date_end") or r.get("date_start"),
                   date_value=r.get("value"), granularity=r.get("granularity"), date_method="timex")
        row["sources"][0]["date_text"] = r.get("text")
    elif how == "publication" and published is not None:
        row.update(date_start=published, date_end=published, date_value=published.isoformat(),
                   granularity="day", date_method="publication")


def _duration_before(ctx: Article, prep: Token) -> tuple[int, str] | None:
    """(amount, unit) of "20 years" in "20 years after ..."."""
    words = _dates_words()
    for c in prep.children:
        if c.dep_ in ("npadvmod", "nmod", "advmod") and lemma_of(c) in words["units"]:
            unit = words["units"][lemma_of(c)]
            nums = [n for n in c.children if n.dep_ in ("nummod", "det", "quantmod")]
            if not nums:
                return None
            w = nums[0].lower_
            amount = int(w) if w.isdigit() else words["numbers"].get(w)
            if not isinstance(amount, int):
                return None
            return amount, unit
    return None


def _shift(row: dict, amount: int, unit: str, sign: int) -> dict | None:
    """Shift a dated mention by a duration, at year granularity or coarser."""
    start = row.get("date_start")
    if start is None or unit not in _YEARS_PER_UNIT or row.get("granularity") not in ("year", "day", "month"):
        return None
    years = amount * _YEARS_PER_UNIT[unit] * sign
    year = start.year + years
    return dict(date_start=datetime.date(year, 1, 1), date_end=datetime.date(year, 12, 31),
                date_value=f"{year:04d}", granularity="year", date_method="timex")


def date_from_other_mentions(ctx: Article) -> None:
    """Dates that need another mention: "20 years after the invasion", "the invasion" again."""
    ordered = [ctx.triggers[i] for i in sorted(ctx.triggers) if ctx.triggers[i].mention is not None]
    rel = load_lexicon().words["relative_anchor_preps"]
    for n, trig in enumerate(ordered):
        row = trig.mention
        if row["date_start"] is not None:
            continue
        clause = trig.tok if trig.pos == "verbal" else clause_head(trig.tok)
        holders = [clause] + linked_clauses(clause)
        done = False
        for h in holders:
            for p, pobj in preps(h):
                if pobj is None or p.lower_ not in rel or pobj.i not in ctx.triggers:
                    continue
                dur = _duration_before(ctx, p)
                if dur is None:
                    continue
                anchor = _antecedent(ordered, ctx.triggers[pobj.i], before=pobj.sent.start)
                if anchor is None:
                    continue
                shifted = _shift(anchor.mention, dur[0], dur[1], rel[p.lower_])
                if shifted:
                    row.update(shifted)
                    row["sources"][0]["date_text"] = ctx.doc[p.left_edge.i: pobj.right_edge.i + 1].text
                    row["confidence"] = round(max(0.05, row["confidence"] - 0.1), 3)
                    done = True
                    break
            if done:
                break
        if done or trig.pos != "nominal":
            continue
        # a definite nominal event refers back to the same event told earlier
        if any(c.dep_ == "det" and c.lower_ == "the" for c in trig.tok.children):
            anchor = _antecedent(ordered, trig, before=trig.tok.sent.start)
            if anchor is not None:
                m = anchor.mention
                row.update({k: m[k] for k in DATE_FIELDS})
                row["sources"][0]["date_text"] = m["sources"][0]["date_text"]
                row["confidence"] = round(max(0.05, row["confidence"] - 0.15), 3)


def _antecedent(ordered: list[Trigger], trig: Trigger, before: int) -> Trigger | None:
    """The latest earlier dated mention with the same CAMEO code as trig."""
    code = trig.rule["code"]
    best = None
    for other in ordered:
        if other.tok.i >= before:
            break
        if other.rule["code"] == code and other.mention is not None and other.mention["date_start"] is not None:
            best = other
    return best
