"""Event extraction stage: CAMEO event mentions from one parsed article.

Per sentence of the finished spaCy parse: triggers (``triggers``), arguments
(``arguments``) resolved to actors (``actors``), factuality
(``factuality``), a date (``dating``), a summary (``summary``) and the
evidence: the sentence text and its exact offsets in the body.
"""
from __future__ import annotations

import hashlib
import re

import spacy
from spacy.tokens import Token

from pipeline.events.actors import ArticleActors, Resolution
from pipeline.events.arguments import left_neighbour_np, location_of, nominal_args, resolve, verbal_args
from pipeline.events.attachment import prepare_timexes, timex_for, timex_owner
from pipeline.events.complements import recode_by_complement
from pipeline.events.context import Article, Trigger, quote_spans
from pipeline.events.dating import apply_date, date_from_other_mentions
from pipeline.events.dyads import pair_rows
from pipeline.events.factuality import factuality_of
from pipeline.events.lexicon import event_type, load_lexicon
from pipeline.events.means import fold_means
from pipeline.events.retold import without_retold
from pipeline.events.summary import summarise
from pipeline.events.syntax import cached_sentences, dobj, is_past, is_present
from pipeline.events.triggers import find_triggers
from pipeline.warehouse.schemas import HAPPENED, MENTIONS

_COLUMNS = MENTIONS.names


def mentions_for_doc(doc: spacy.tokens.Doc, article: dict, timexes: list[dict]) -> list[dict]:
    """Every event mention in one parsed article."""
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return []
    with cached_sentences(doc):
        return _mentions(doc, article, timexes)


def _mentions(doc: spacy.tokens.Doc, article: dict, timexes: list[dict]) -> list[dict]:
    text = doc.text
    ctx = Article(doc=doc, article=article, actors=ArticleActors(doc, text), quotes=quote_spans(text),
                  timexes=prepare_timexes(doc, timexes), text=text)
    find_triggers(ctx)
    recode_by_complement(ctx)       # "vowed to wage war" is a threat
    fold_means(ctx)                 # "an airstrike killed 12" is one event
    for tx in ctx.timexes:
        tx.owner = timex_owner(ctx, tx)
    _register_speakers(ctx)
    rows = []
    sent_index = {s.start: n for n, s in enumerate(doc.sents)}
    for i in sorted(ctx.triggers):
        trig = ctx.triggers[i]
        row = mention_row(ctx, trig, sent_index[trig.tok.sent.start])
        if row is not None:
            trig.mention = row
            rows.append(row)
    rows = without_retold(ctx, rows)
    date_from_other_mentions(ctx)
    rows = _dated_unlisted(ctx, rows)
    return pair_rows(ctx, rows)     # one mention per actor pair ("X and Y welcomed ...")


def _register_speakers(ctx: Article) -> None:
    """Who says each reported statement, before any quote is read: a quote may come before its
    "..., the minister said" and its "we" and "our" are that speaker's."""
    for i in sorted(ctx.triggers):
        trig = ctx.triggers[i]
        if trig.rule.get("report") and trig.pos == "verbal" and not ctx.quoted(trig.tok):
            src_tok, _ = verbal_args(ctx, trig)
            if src_tok is not None:
                ctx.speakers.append((i, resolve(ctx, src_tok)))


def _evidence(text: str, tok: Token) -> tuple[int, int]:
    sent = tok.sent
    base = start = sent.start_char
    end = sent.end_char
    # a title line or paragraph break inside a parser sentence ends the evidence there
    for m in re.finditer(r"\n\s*", text[base:end]):
        cut = base + m.start()
        if cut <= tok.idx:
            start = base + m.end()
        else:
            end = cut
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _kept_unlisted(trig: Trigger, source: Resolution, factuality: str) -> bool:
    """A predicate no rule lists is an event when a known actor did it, in the past (and, see
    ``_dated_unlisted``, once every dating step has run, on a known date)."""
    return factuality in HAPPENED and is_past(trig.tok) and bool(source.actor or source.person)


def _dated_unlisted(ctx: Article, rows: list[dict]) -> list[dict]:
    """Unlisted-predicate mentions stay only with a date, whether their clause or their context gave it."""
    undated = {id(t.mention) for t in ctx.triggers.values()
               if t.mention is not None and t.rule.get("fallback") and t.mention["date_start"] is None}
    return [r for r in rows if id(r) not in undated]


def mention_row(ctx: Article, trig: Trigger, sent_index: int) -> dict | None:
    tok = trig.tok
    rule = trig.rule
    if rule.get("event") is False:
        return None
    if trig.pos == "verbal":
        src_tok, tgt_toks = verbal_args(ctx, trig)
    else:
        src_tok, tgt_toks = nominal_args(ctx, trig)
    source = resolve(ctx, src_tok)
    if not source and trig.pos == "verbal" and not rule.get("inverse") and tok.tag_ in ("VBD", "VBZ", "VBP"):
        # the parser picked a subject that names no one (a headline run into the sentence):
        # a named noun phrase right before the verb is the better guess
        left = left_neighbour_np(tok)
        if left is not None and left is not src_tok and left.pos_ == "PROPN":
            alt = resolve(ctx, left)
            if alt:
                src_tok, source = left, alt
    targets = Resolution()
    target_actor = target_sector = None
    for t in tgt_toks:
        r = resolve(ctx, t)
        if r.actor and target_actor is None and r.actor != source.actor:
            target_actor, target_sector = r.actor, r.sector
        targets.add(r)
    actors = list(dict.fromkeys(source.actors + targets.actors))
    people = list(dict.fromkeys(source.people + targets.people))
    if not actors:
        return None     # a named person of unknown allegiance is not yet an actor an event can be coded for
    if rule.get("subject") and not source:
        return None     # "the last troops left Kabul": whose troops is the event; the place left is not its actor
    factuality = factuality_of(ctx, trig)
    if factuality == "habitual":
        return None     # a habit is not one event
    tx, how = timex_for(ctx, trig)
    if factuality not in HAPPENED and how != "own":
        tx, how = None, ""      # "promised on Tuesday to scale down": Tuesday is the promise's day, not the plan's
    if rule.get("fallback") and not _kept_unlisted(trig, source, factuality):
        return None
    article = ctx.article
    published = article.get("published")
    start, end = _evidence(ctx.text, tok)
    code = rule["code"]
    row = {k: None for k in _COLUMNS}
    row.update(
        cameo_code=code, event_type=event_type(code), source_actor=source.actor, source_person=source.person,
        target_actor=target_actor, actors=actors, people=people,
        source_sector=source.sector, target_sector=target_sector,
        location=location_of(ctx, tok, [tok, trig.light, dobj(tok) if trig.pos == "verbal" else None]),
        factuality=factuality, n_sources=1, article_id=article.get("article_id"),
        sentence_index=sent_index, trigger=tok.text,
        mention_id=hashlib.sha1(f"{article.get('article_id')}:{tok.idx}:{code}".encode()).hexdigest()[:16],
        sources=[{"article_id": article.get("article_id"), "file": article.get("file"),
                  "sentence": ctx.text[start:end], "char_start": start, "char_end": end,
                  "date_text": None, "published": published}],
    )
    if tx is None and rule.get("speech") and trig.pos == "verbal" and is_present(tok) and not ctx.quoted(tok):
        how = "publication"
    apply_date(row, tx, published, how)
    conf = 0.45 + (0.2 if source.actor or source.person else 0) + (0.1 if target_actor else 0)
    conf += {"own": 0.15, "anchor": 0.1, "linked": 0.05, "publication": 0.05}.get(how, 0)
    conf -= 0.1 if factuality in ("hypothetical", "future") else 0
    conf -= load_lexicon().words["fallback"]["confidence_penalty"] if rule.get("fallback") else 0
    row["confidence"] = round(max(0.05, min(0.95, conf)), 3)
    # "a drone strike that killed": the summary keeps the means as its subject, whoever ordered it
    said_by, by = src_tok, source
    if trig.means is not None:
        said_by, by = trig.means.tok, resolve(ctx, trig.means.tok)
    row["summary"] = summarise(ctx, trig, said_by, by, factuality)
    return row
