"""Dates from context, as a reader dates them.

A clause without a usable timex of its own takes, in this order: the date of
the event it is part of ("at the end of the meeting", "during the talks"); the
reference time of the narrative (the last clause whose date the text states,
while the tense stays past and the participants continue); and, for news of
the day (a statement, or an event of the lede), the date of the story: its
dateline, or the day its lede tells of.  Each such date names its source in
``date_method`` and adds less confidence than a stated one; the timeline
prefers a stated date over any of these (``pipeline.timeline.merge``).
"""
from __future__ import annotations

import bisect
import datetime
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from pipeline.config import DATA_DIR
from pipeline.events.arguments import resolve
from pipeline.events.attachment import clause_preps, clause_timex, event_clause, is_usable, linked_clauses, timex_for
from pipeline.events.context import Article, Timex, Trigger
from pipeline.events.lexicon import load_lexicon
from pipeline.events.syntax import children, is_past, lemma_of
from pipeline.warehouse.schemas import HAPPENED

_MAIN_CHAIN = ("conj", "ccomp", "parataxis", "xcomp")           # clauses that carry the sentence's own time
# story dates that are the day of the news itself, not of the report of it
_REPORTED_STORY_DATES = ("dateline", "story:same_day")
_PARTICIPANT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "attr", "dative")


@lru_cache(maxsize=1)
def context_words() -> dict:
    return json.loads((DATA_DIR / "events" / "context.json").read_text(encoding="utf-8"))


@dataclass
class Reference:
    """A clause whose date the text states: the reference time until another one is stated."""
    pos: int
    para: int
    fields: dict
    text: str | None
    participants: set


def date_from_context(ctx: Article) -> None:
    """Date the still undated mentions of an article from their context (see the module docstring)."""
    ordered = [ctx.triggers[i] for i in sorted(ctx.triggers) if ctx.triggers[i].mention is not None]
    if not any(t.mention["date_start"] is None for t in ordered):
        return
    paras = paragraph_of(ctx.doc, ctx.text)
    refs = references(ctx, paras)
    lede = lede_of(ctx.doc)
    story = story_date(ctx, lede)
    bonus = context_words()["confidence"]
    narrative = Narrative(paras, {paras[t.tok.sent.start] for t in ordered})
    for trig in ordered:
        row = trig.mention
        if row["date_start"] is not None or row["factuality"] not in HAPPENED or ctx.quoted(trig.tok):
            continue
        clause = event_clause(trig)
        if clause is None:
            continue
        found = frame_date(ctx, trig, clause)
        told = is_sentence(clause.sent) and not anterior(clause) and not own_time(ctx, clause)
        own = main_clause(ctx, clause, reported=False)
        if found is None and told and own and past_simple(clause):
            found = narrative_date(ctx, trig, refs, narrative)
        # what a report says happened takes the story's dateline, not the date of the report
        if (found is None and told and story is not None and main_clause(ctx, clause)
                and (own or story[0]["date_method"] in _REPORTED_STORY_DATES) and news_of_the_day(trig, clause, lede)):
            found = story
        if found is None or not found[0]:
            continue
        fields, text = found
        row.update(fields)
        row["sources"][0]["date_text"] = text
        kind = fields["date_method"].split(":")[0]
        row["confidence"] = round(max(0.05, min(0.95, row["confidence"] + bonus[kind])), 3)


# --------------------------------------------------------------------------- the event a clause is part of

def frame_date(ctx: Article, trig: Trigger, clause: Token) -> tuple[dict, str | None] | None:
    """The date of the event a clause happens in or at: "during the talks", "at the end of the meeting";
    a definite event noun without a date of its own is the event of that kind told earlier."""
    words = load_lexicon().words
    preps = set(words["anchor_preps"]) | set(words["participation_preps"])
    for p, pobj in clause_preps(clause):
        if pobj is None or p.lower_ not in preps:
            continue
        event = _framed_event(pobj, words["frame_nouns"])
        if event is None or event.i == trig.tok.i or event.i not in ctx.triggers:
            continue
        own = _date_of(ctx, ctx.triggers[event.i])
        if own is not None:
            return own[0] | {"date_method": f"frame:{lemma_of(event)}"}, own[1]
        if not _definite(event):
            continue
        before = _told_before(ctx, ctx.triggers[event.i])
        if before is not None:
            (fields, text), source = before
            return fields | {"date_method": f"frame:{lemma_of(source.tok)}"}, text
    return None


def _framed_event(pobj: Token, frame_nouns: list[str]) -> Token | None:
    """The event noun of "the talks" or of "the end of the talks"."""
    if lemma_of(pobj) in frame_nouns:
        for c in pobj.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = children(c, "pobj")
                return objs[0] if objs else None
        return None
    return pobj if pobj.pos_ in ("NOUN", "PROPN") else None


def _definite(tok: Token) -> bool:
    dets = context_words()["definite_determiners"]
    return any((c.dep_ == "det" and c.lower_ in dets) or c.dep_ == "poss" for c in tok.children)


def _date_of(ctx: Article, trig: Trigger) -> tuple[dict, str | None] | None:
    """A trigger's date: its mention's, or the timex of its clause when it made no mention."""
    m = trig.mention
    if m is not None and m["date_start"] is not None:
        return {k: m[k] for k in ("date_start", "date_end", "date_value", "granularity")}, m["sources"][0]["date_text"]
    if m is None:
        tx, _ = timex_for(ctx, trig)
        if tx is not None:
            return timex_fields(tx), tx.row.get("text")
    return None


def _told_before(ctx: Article, event: Trigger):
    """((fields, text), trigger) of the latest dated event of the same CAMEO root before event's sentence."""
    root = event.rule["code"][:2]
    best = None
    for i in sorted(ctx.triggers):
        other = ctx.triggers[i]
        if i >= event.tok.sent.start:
            break
        if other.rule["code"][:2] == root and not other.rule.get("fallback"):
            found = _date_of(ctx, other)
            if found is not None:
                best = (found, other)
    return best


def timex_fields(tx: Timex) -> dict:
    r = tx.row
    return {"date_start": r.get("date_start"), "date_end": r.get("date_end") or r.get("date_start"),
                "date_value": r.get("value"), "granularity": r.get("granularity")}


# --------------------------------------------------------------------------- the reference time of the narrative

def paragraph_of(doc: Doc, text: str) -> dict[int, int]:
    """Paragraph number of each sentence (by its first token): a line break starts a paragraph."""
    breaks = [m.start() for m in re.finditer(r"\n\s*", text)]
    return {s.start: bisect.bisect_right(breaks, s.start_char) for s in doc.sents}


def is_sentence(sent: Span) -> bool:
    """Ends like a sentence: headlines, subheads and bylines do not, and tell no narrative."""
    return sent.text.strip()[-1:] in ".!?\"'\u201d\u2019"


def main_clause(ctx: Article, verb: Token, reported: bool = True) -> bool:
    """A clause the sentence asserts: the root, or one joined to it as a coordinate or complement;
    not a relative or adverbial clause.  With reported=False not what a report says happened
    either: the narrative's time is the report's, not necessarily the reported event's."""
    while verb.head.i != verb.i:
        head = ctx.triggers.get(verb.head.i)
        if verb.dep_ not in _MAIN_CHAIN:
            return False
        if not reported and verb.dep_ == "ccomp" and head is not None and head.rule.get("report"):
            return False
        verb = verb.head
    return True


def anterior(verb: Token) -> bool:
    """Told as earlier than the narrative: the pluperfect ('had said') or a past adverb ('previously noted')."""
    auxes = children(verb, "aux") or (children(verb.head, "aux") if verb.dep_ == "conj" else [])
    past_adverbs = load_lexicon().words["past_adverbs"]
    return (any(a.lemma_ == "have" and a.tag_ == "VBD" for a in auxes)
            or any(c.dep_ == "advmod" and c.lower_ in past_adverbs for c in verb.children))


def own_time(ctx: Article, verb: Token) -> bool:
    """The clause or one linked to it has a time of its own the text does not resolve ('recently',
    'in the past'): it is not the narrative's time."""
    clauses = {verb.i} | {c.i for c in linked_clauses(verb)}
    return any(tx.owner is not None and tx.owner.i in clauses and not is_usable(tx)
               and (tx.row.get("type") or "DATE") in ("DATE", "TIME") for tx in ctx.timexes)


def past_simple(verb: Token) -> bool:
    """Simple past, active or passive ('met', 'was killed'): the tense of a narrative; not the
    perfect, whose time is not the narrative's."""
    auxes = children(verb, "aux", "auxpass")
    if not auxes and verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBN"):
        auxes = children(verb.head, "aux", "auxpass")
    if verb.tag_ == "VBD" and not auxes:
        return True
    return verb.tag_ == "VBN" and bool(auxes) and all(a.tag_ == "VBD" and a.lemma_ == "be" for a in auxes)


def references(ctx: Article, paras: dict[int, int]) -> list[Reference]:
    """Per sentence, its main past-tense clause whose date the text states, in text order."""
    out = []
    for sent in ctx.doc.sents:
        if not is_sentence(sent):
            continue
        queue = [sent.root]
        while queue:
            verb = queue.pop(0)
            queue.extend(c for c in verb.children if c.dep_ in _MAIN_CHAIN)
            if verb.pos_ not in ("VERB", "AUX") or ctx.quoted(verb) or not past_simple(verb):
                continue
            tx, _ = clause_timex(ctx, verb)
            if tx is None and own_time(ctx, verb):   # "Recently, X headed a delegation": a time the text leaves open
                out.append(Reference(verb.i, paras[sent.start], {}, None, participants(ctx, sent)))
                break
            if tx is not None:
                out.append(Reference(verb.i, paras[sent.start], timex_fields(tx) | {"date_method": "narrative"},
                                     tx.row.get("text"), participants(ctx, sent)))
                break
    return out


def participants(ctx: Article, sent: Span) -> set[str]:
    """The actors and people a sentence names as taking part (not where it happened)."""
    out: set[str] = set()
    places = load_lexicon().words["location_preps"]
    for t in sent:
        if t.dep_ == "pobj" and t.head.lower_ in places:
            continue
        if t.pos_ in ("PROPN", "NOUN", "PRON") and t.dep_ in _PARTICIPANT_DEPS:
            r = resolve(ctx, t)
            out.update(r.actors, r.people)
    for trig in ctx.triggers.values():
        if trig.mention is not None and sent.start <= trig.tok.i < sent.end:
            out.update(trig.mention["actors"] or (), trig.mention["people"] or ())
    return out


@dataclass
class Narrative:
    """Which paragraphs continued which reference time: a paragraph of events none of which
    continues it ends the narrative (an aside without events does not)."""
    paras: dict[int, int]
    with_events: set
    continued: dict = field(default_factory=dict)      # paragraph -> positions of the references it continued

    def unbroken(self, ref: Reference, para: int) -> bool:
        return all(p not in self.with_events or ref.pos in self.continued.get(p, ())
                   for p in range(ref.para + 1, para))


def narrative_date(ctx: Article, trig: Trigger, refs: list[Reference],
                   narrative: Narrative) -> tuple[dict, str | None] | None:
    """The latest stated date before the clause, while the narrative goes on unbroken and the
    participants continue.  A statement in a later paragraph than that date is news of the day
    unless the date is itself recent.  An empty date means the narrative's time is one the text
    leaves open ('recently')."""
    earlier = [r for r in refs if r.pos < trig.tok.i]
    if not earlier:
        return None
    ref = earlier[-1]
    para = narrative.paras[trig.tok.sent.start]
    mine = set(trig.mention["actors"] or ()) | set(trig.mention["people"] or ())
    if not mine & ref.participants or not narrative.unbroken(ref, para):
        return None
    if not ref.fields:
        return {}, None      # the narrative's time is one the text leaves open: no date, not even the story's
    if trig.rule.get("speech") and ref.para != para and not recent(ctx, ref.fields["date_start"]):
        return None
    narrative.continued.setdefault(para, set()).add(ref.pos)
    return dict(ref.fields), ref.text


# --------------------------------------------------------------------------- news of the day

def lede_of(doc: Doc) -> Span | None:
    """The first sentence of the story: ends like a sentence and has a verb (headlines and bylines do not)."""
    for sent in doc.sents:
        words = [t for t in sent if t.is_alpha]
        if is_sentence(sent) and len(words) >= 6 and any(t.pos_ == "VERB" for t in sent):
            return sent
    return None


def story_date(ctx: Article, lede: Span | None) -> tuple[dict, str | None] | None:
    """The day a story of the day is about: its dateline's date, else the day its lede names,
    when either lies within the story window before publication."""
    if lede is None:
        return None
    days = [tx for tx in ctx.timexes if is_usable(tx) and tx.row.get("granularity") == "day"
            and recent(ctx, tx.row["date_start"])]
    header = [tx for tx in days if tx.end <= lede.start or (tx.start >= lede.start and _dateline(ctx, tx))]
    if header:
        tx = header[-1]
        return timex_fields(tx) | {"date_method": "dateline"}, tx.row.get("text")
    told = [tx for tx in days if lede.start <= tx.start < lede.end]
    if told:
        return timex_fields(told[0]) | {"date_method": "story"}, told[0].row.get("text")
    # "Earlier on Thursday, the minister met ...": the story's own news was that day too
    same_day = [tx for tx in days if _same_day_marker(ctx.doc, tx)]
    if same_day:
        return timex_fields(same_day[0]) | {"date_method": "story:same_day"}, same_day[0].row.get("text")
    return None


def _same_day_marker(doc: Doc, tx: Timex) -> bool:
    """ "Earlier on Thursday", "Later Monday", "Also on July 3": a day told relative to the story's news."""
    before = [t.lower_ for t in doc[max(0, tx.start - 2):tx.start]]
    if before[-1:] == ["on"]:
        before = before[:-1]
    return bool(before) and before[-1] in context_words()["same_day_adverbs"]


def recent(ctx: Article, day: datetime.date) -> bool:
    """Within the story window before publication (any day when the article has no date)."""
    published = ctx.article.get("published")
    if not isinstance(published, datetime.date):
        return True
    return 0 <= (published - day).days <= context_words()["story_window_days"]


def _dateline(ctx: Article, tx: Timex) -> bool:
    """'DOHA, Feb 29: ...': a date after nothing but a place name at the start of a line, then punctuation."""
    doc = ctx.doc
    line_start = ctx.text.rfind("\n", 0, doc[tx.start].idx) + 1
    before = [t for t in doc[:tx.start] if t.idx >= line_start and not t.is_space]
    after = doc[tx.end] if tx.end < len(doc) else None
    return (len(before) <= 4 and all(t.pos_ == "PROPN" or t.is_punct for t in before)
            and after is not None and after.is_punct)


def news_of_the_day(trig: Trigger, clause: Token, lede: Span | None) -> bool:
    """A statement, or an event the lede tells, in the past or perfect tense."""
    if not is_past(clause):
        return False
    if trig.rule.get("speech") and trig.pos == "verbal":
        return True
    return lede is not None and lede.start <= trig.tok.i < lede.end
