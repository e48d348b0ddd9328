"""A one-line summary of a mention: who, verb in the present, what."""
from __future__ import annotations

import re

from spacy.tokens import Token

from pipeline.events.actors import Resolution
from pipeline.events.arguments import resolve, subject
from pipeline.events.context import Article, Trigger
from pipeline.events.lexicon import load_lexicon
from pipeline.events.syntax import NOT_ACTOR_ENTS, dobj, lemma_of, preps


def _third_person(lemma: str) -> str:
    irregular = load_lexicon().words["irregular_present"]
    if lemma in irregular:
        return irregular[lemma]
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


_STOP_DEPS = ("relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "parataxis", "ccomp")


def _phrase(tok: Token, limit: int = 9) -> str:
    """A short text for the phrase a token heads, without clauses hanging off it."""
    keep = {tok.i}
    frontier = [tok]
    while frontier:
        t = frontier.pop()
        for c in t.children:
            if c.dep_ in _STOP_DEPS and c.i > tok.i:
                continue
            if c.dep_ in ("punct",):
                continue
            keep.add(c.i)
            frontier.append(c)
    idx = sorted(keep)
    # contiguous run around the head
    run = [i for i in idx if abs(i - tok.i) <= limit]
    words = [tok.doc[i].text for i in run]
    if len(words) > limit:
        words = words[:limit] + ["…"]
    text = " ".join(words)
    text = re.sub(r"\s+([’'],?s\b)", r"\1", text).replace(" ’s", "’s").replace(" 's", "'s")
    text = re.sub(r"[“”\"‘’]", "", text) if text.count("’") != text.count("’s") else text
    return " ".join(text.split())


def _actor_label(res: Resolution, tok: Token | None) -> str:
    if res.person:
        return res.person.split()[-1] if len(res.person.split()) > 1 else res.person
    if res.actor:
        return res.actor
    if tok is None or tok.ent_type_ in NOT_ACTOR_ENTS or tok.pos_ == "PRON":
        return ""
    return _phrase(tok, 5)


def summarise(ctx: Article, trig: Trigger, src_tok: Token | None, source: Resolution, factuality: str) -> str:
    tok = trig.tok
    who = _actor_label(source, src_tok)
    if trig.rule.get("inverse") and trig.pos == "verbal":
        subj, _ = subject(ctx, tok)
        who = _actor_label(resolve(ctx, subj), subj)
    verb_tok = trig.light if trig.light is not None else (tok if trig.pos == "verbal" else None)
    parts = [who] if who else []
    if verb_tok is not None:
        lemma = lemma_of(verb_tok)
        prt = [c.text for c in verb_tok.children if c.dep_ == "prt"]
        if not prt and trig.rule.get("particle") and verb_tok is tok:
            prt = [trig.rule["particle"]]
        if factuality == "negated":
            verb = "does not " + lemma
        elif factuality == "future":
            verb = "will " + lemma
        elif factuality == "hypothetical":
            verb = "may " + lemma
        else:
            verb = _third_person(lemma)
        parts.append(" ".join([verb] + prt))
        obj = dobj(verb_tok)
        if obj is not None:
            parts.append(_phrase(obj))
        comp = [c for c in verb_tok.children if c.dep_ in ("ccomp", "xcomp")]
        if obj is None and comp:
            parts.append(_phrase_clause(comp[0]))
        elif obj is None or trig.light is not None:
            words = load_lexicon().words
            shown = words["target_preps"] + words["summary_extra_preps"]
            for p, pobj in preps(verb_tok) + (preps(tok) if trig.light is not None else []):
                if pobj is not None and p.lower_ in shown and pobj.ent_type_ not in NOT_ACTOR_ENTS:
                    parts.append(p.text + " " + _phrase(pobj, 6))
                    break
    else:
        phrase = _phrase(tok, 10)
        if who and who.lower() in phrase.lower():
            parts = []
        elif parts:
            parts[-1] += ":"
        parts.append(phrase)
    text = " ".join(p for p in parts if p)
    text = " ".join(text.split()).strip(" ,;:")
    return (text[:1].upper() + text[1:])[:200] if text else tok.text


def _phrase_clause(head: Token, limit: int = 12) -> str:
    toks = [t for t in head.subtree if not t.is_punct and t.dep_ != "mark"]
    words = [t.text for t in toks[:limit]]
    if len(toks) > limit:
        words.append("…")
    return " ".join(words)
