"""One mention per actor pair: "France and Germany endorsed X" is two events.

Event-data users query dyads (source -> target, code), so a compound
subject or object ("X and Y", "Russian and Ukrainian negotiators", "Sudan
and Chad") gives one mention per (source, target) pair; a compound subject
of a joint event with no other target ("X and Y met", "talks between X and
Y") acts on itself pairwise.  Each pair's mention id is derived from the
sentence's mention id and the pair, so it is stable and unique.
"""
from __future__ import annotations

import copy
import hashlib
import re

from spacy.tokens import Token

from pipeline.events.arguments import argument_words, left_neighbour_np, nominal_args, resolve, verbal_args
from pipeline.events.context import Article, Trigger
from pipeline.events.gazetteer import canonical_actor, gazetteer
from pipeline.events.places import city_country
from pipeline.events.syntax import NOT_ACTOR_ENTS, SUBJ, SUBJ_PASS, children

_MODIFIERS = ("amod", "compound", "nmod")
_PLACE_ENTS = ("GPE", "LOC", "FAC")


def pair_rows(ctx: Article, rows: list[dict]) -> list[dict]:
    """The mentions with every compound-actor mention replaced by one mention per actor pair."""
    by_row = {id(t.mention): t for t in ctx.triggers.values() if t.mention is not None}
    out = []
    for row in rows:
        trig = by_row.get(id(row))
        pairs = actor_pairs(ctx, trig, row) if trig is not None else []
        if len(pairs) == 1 and pairs[0][1] != row["target_actor"]:
            _set_target(row, pairs[0][1])
        if len(pairs) < 2:
            out.append(row)
            continue
        out.extend(_pair_row(row, s, t, pairs) for s, t in pairs)
    return out


def members(ctx: Article, tok: Token | None) -> list[str]:
    """The actors a phrase names one by one: its head and conjuncts, and coordinated modifiers
    ("Malian and Burkinabe police")."""
    if tok is None:
        return []
    out: list[str] = []
    for t in [tok] + [c for c in tok.conjuncts if c.i > tok.i]:
        found = resolve(ctx, t, conjuncts=False).actor
        if found:
            out.append(found)
        if t.pos_ == "NOUN":     # "the leaders of Egypt and Jordan"
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        if o.dep_ == "pobj" and resolve(ctx, o, conjuncts=False).actor == found:
                            out.extend(a for a in (resolve(ctx, x, conjuncts=False).actor
                                                   for x in [o] + [c for c in o.conjuncts if c.i > o.i]) if a)
        for m in t.children:
            if m.dep_ in _MODIFIERS and m.i < t.i and m.conjuncts:
                for x in [m] + [c for c in m.conjuncts if c.i > m.i]:
                    a = resolve(ctx, x, conjuncts=False).actor
                    if a:
                        out.append(a)
    return list(dict.fromkeys(out))


def actor_pairs(ctx: Article, trig: Trigger, row: dict) -> list[tuple[str | None, str | None]]:
    """(source, target) pairs of one mention; a single pair when no side is compound."""
    src, tgt = row["source_actor"], row["target_actor"]
    if trig.pos == "verbal":
        src_tok, tgt_toks = verbal_args(ctx, trig)
    else:
        src_tok, tgt_toks = nominal_args(ctx, trig)
    # a subject guessed from the words before a verb the parser left without one is not split
    guessed = trig.pos == "verbal" and not children(trig.tok, *SUBJ, *SUBJ_PASS) \
        and src_tok is not None and src_tok == left_neighbour_np(trig.tok)
    sources = members(ctx, src_tok) if not guessed else []
    if src not in sources:
        sources = [src]
    tgt_tok = next((t for t in tgt_toks if tgt is not None and resolve(ctx, t).actor == tgt), None)
    targets = [a for a in members(ctx, tgt_tok) if a not in sources] if tgt_tok is not None else []
    if tgt not in targets:
        targets = [tgt]
    if tgt is None and src is not None:
        found = unnamed_target(ctx, row["cameo_code"], src, tgt_toks)
        if found:
            return [(s, found) for s in sources]
    if _reciprocal(row["cameo_code"]) or trig.rule.get("reciprocal"):     # "X and Y exchanged prisoners"
        # a named other party blocks it ("X and Y met Smith"); a place does not ("patrols over the Pacific")
        if tgt is None and len(sources) > 1 and not any(
                t.pos_ == "PROPN" and t.ent_type_ not in _PLACE_ENTS and t.ent_type_ not in NOT_ACTOR_ENTS
                for t in tgt_toks):
            return [(a, b) for a in sources for b in sources if a != b]
        if src is None and tgt_tok is not None and tgt_tok.head.lower_ in argument_words()["reciprocal_preps"]:
            group = members(ctx, tgt_tok)
            if len(group) > 1:
                return [(a, b) for a in group for b in group if a != b]
    return [(s, t) for s in sources for t in targets if s != t or s is None]


def unnamed_target(ctx: Article, code: str, source: str, tgt_toks: list[Token]) -> str | None:
    """A target the phrase names only by place or office: the country of a city an attack hit
    ("shelled Kharkiv"), or the protesters' own country for "the government", "the parliament"."""
    words = argument_words()
    if any(code.startswith(p) for p in words["place_target_roots"]):
        for t in tgt_toks:
            country = place_country(t)
            if country and country != source:
                return country
    if code[:2] in words["own_country_roots"]:
        for t in tgt_toks:
            for x in [t] + [c for c in t.children if c.dep_ == "poss"]:   # "against the government's plan"
                if x.lemma_.lower() in words["own_institutions"] and not resolve(ctx, x):
                    return source
    return None


def place_country(tok: Token) -> str | None:
    """The country a named place lies in: itself, its capital, or a city of the gazetteer.  A name
    the recogniser took for something else ("shelled Kharkiv" as a person, "Kyiv overnight" as a
    time) counts when the word alone is a capital or city and no known person."""
    ent = next((e for e in tok.sent.ents if e.start <= tok.i < e.end), None)
    if tok.ent_type_ in _PLACE_ENTS and ent is not None:
        name = re.sub(r"^(the|The)\s+", "", ent.text)
    elif tok.pos_ == "PROPN" and tok.lower_ not in gazetteer().people:
        name = tok.text
    else:
        return None
    found = canonical_actor(name)
    if found:
        return found
    iso = city_country(name)
    return gazetteer().by_iso.get(iso) if iso else None


def _reciprocal(code: str) -> bool:
    return any(code.startswith(p) for p in argument_words()["reciprocal_codes"])


def _set_target(row: dict, target: str) -> None:
    """A target found by place or office (same mention, same id)."""
    row["target_actor"] = target
    if target not in row["actors"]:
        row["actors"] = list(row["actors"]) + [target]


def _pair_row(row: dict, source: str | None, target: str | None, pairs: list) -> dict:
    """A copy of the mention for one actor pair, naming only that pair among the paired actors."""
    new = copy.deepcopy(row)
    paired = {a for p in pairs for a in p if a}
    new["source_actor"], new["target_actor"] = source, target
    if source != row["source_actor"]:
        new["source_person"] = None
    # a sector belongs to its actor: a pair keeps it only for an actor the row had it for
    sector_of = {row["target_actor"]: row.get("target_sector"), row["source_actor"]: row.get("source_sector")}
    new["source_sector"], new["target_sector"] = sector_of.get(source), sector_of.get(target)
    own = [a for a in (source, target) if a]
    new["actors"] = own + [a for a in row["actors"] if a not in paired and a not in own]
    key = f"{row['mention_id']}:{source}->{target}"
    new["mention_id"] = hashlib.sha1(key.encode()).hexdigest()[:16]
    return new
