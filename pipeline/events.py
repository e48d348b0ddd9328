"""Event extraction stage: CAMEO event mentions from one parsed article.

Per sentence of the finished spaCy parse:

1. triggers (verbal and nominal) are found by a Matcher built from
   ``data/events/triggers.jsonl`` (lemma, part of speech, optional particle /
   object / preposition / modifier context -> CAMEO code);
2. arguments come from the dependency parse: source (subject, passive agent,
   possessor or modifier of a nominal event, subject of a light verb),
   target (object, prepositional object), location, and a date: the timex of
   the trigger's own clause, else of a clause the parse links to it, else the
   publication date for present-tense speech ("X is calling for");
3. reported speech and factuality (negated, future, hypothetical, reported);
4. actors resolve through ``pipeline.actors``;
5. evidence: the sentence text and its exact offsets in the body.

Closed-class words (light verbs, modal auxiliaries, prepositions) are in
``data/events/lexicon.json``; nothing here is specific to one article.
"""
from __future__ import annotations

import csv
import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from pipeline.actors import ArticleActors, Resolution
from pipeline.warehouse.schemas import MENTIONS

DATA = Path(__file__).resolve().parent / "data" / "events"
_COLUMNS = MENTIONS.names
_VERBAL_POS = ("VERB",)
_NOMINAL_POS = ("NOUN", "PROPN")
_SKIP_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "LAW", "DATE", "TIME",
              "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PRODUCT", "LANGUAGE"}
_SUBJ = ("nsubj",)
_NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_SUBJ_PASS = ("nsubjpass", "csubjpass")
_CLAUSE_DEPS = ("ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp", "parataxis", "csubj")
_CONTEXT_KEYS = ("particle", "prep", "prep_object", "object", "object_ent", "not_object_ent", "no_object",
                 "mod", "mod_ent", "tag", "requires")
_DURATION_UNITS = {"year": "Y", "decade": "DEC", "month": "M", "week": "W", "day": "D"}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "a": 1, "an": 1}


# --------------------------------------------------------------------------- data

@dataclass(frozen=True)
class Lexicon:
    codes: dict            # code -> (name, event_type)
    rules: dict            # (pos, lemma) -> [rule dicts], most specific first
    words: dict            # lexicon.json


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Trigger rules, CAMEO codes and closed-class word lists, loaded once per process."""
    codes = {}
    with (DATA / "cameo_codes.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            codes[r["code"]] = (r["name"], r["event_type"])
    rules: dict[tuple[str, str], list[dict]] = {}
    with (DATA / "triggers.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if not line.strip():
                continue
            rule = json.loads(line)
            rule["_order"] = n
            if rule["code"] not in codes:
                raise ValueError(f"triggers.jsonl line {n + 1}: unknown CAMEO code {rule['code']!r}")
            rules.setdefault((rule["pos"], rule["lemma"].lower()), []).append(rule)
    for lst in rules.values():
        lst.sort(key=lambda r: (-sum(k in r for k in _CONTEXT_KEYS), r["_order"]))
    words = json.loads((DATA / "lexicon.json").read_text(encoding="utf-8"))
    return Lexicon(codes, rules, words)


@lru_cache(maxsize=4)
def _matcher(vocab_id: int, vocab) -> Matcher:
    """One Matcher over trigger lemmas per vocab, built once per process."""
    lex = lexicon()
    matcher = Matcher(vocab)
    by_pos: dict[str, set[str]] = {"verbal": set(), "nominal": set()}
    for pos, lemma in lex.rules:
        by_pos[pos].add(lemma)
    for pos, lemmas in by_pos.items():
        variants = sorted(lemmas | {w.capitalize() for w in lemmas})
        tags = list(_VERBAL_POS if pos == "verbal" else _NOMINAL_POS)
        matcher.add(pos, [[{"LEMMA": {"IN": variants}, "POS": {"IN": tags}}],
                          [{"LOWER": {"IN": sorted(lemmas)}, "POS": {"IN": tags}}]])
    return matcher


def event_type(code: str) -> str:
    return lexicon().codes[code[:2]][1]


# --------------------------------------------------------------------------- helpers

def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _dobj(tok: Token) -> Token | None:
    objs = _children(tok, "dobj")
    if objs:
        return objs[0]
    if _children(tok, "auxpass"):
        subj = _children(tok, *_SUBJ_PASS)
        return subj[0] if subj else None
    return None


def _preps(tok: Token) -> list[tuple[Token, Token | None]]:
    out = []
    for p in tok.children:
        if p.dep_ in ("prep", "agent", "dative"):
            pobj = [c for c in p.children if c.dep_ in ("pobj", "pcomp")]
            out.append((p, pobj[0] if pobj else None))
    return out


def _rule_matches(rule: dict, tok: Token, pos: str) -> bool:
    if "tag" in rule and tok.tag_ not in rule["tag"]:
        return False
    if "particle" in rule:
        if not any(c.lower_ == rule["particle"] and c.dep_ in ("prt", "advmod", "prep") for c in tok.children):
            return False
    obj = _dobj(tok) if pos == "verbal" else None
    if pos == "nominal":
        of = [o for p, o in _preps(tok) if p.lower_ == "of" and o is not None]
        comp = _children(tok, "compound")
        obj = of[0] if of else (comp[0] if comp else None)
    if "object" in rule and (obj is None or _lemma(obj) not in rule["object"] and obj.lower_ not in rule["object"]):
        return False
    if "object_ent" in rule and (obj is None or obj.ent_type_ not in rule["object_ent"]):
        return False
    if "not_object_ent" in rule and obj is not None and obj.ent_type_ in rule["not_object_ent"]:
        return False
    if rule.get("no_object") and _children(tok, "dobj"):
        return False
    if "prep" in rule:
        cands = list(_preps(tok))
        if obj is not None:
            cands += _preps(obj)
        ok = False
        for p, pobj in cands:
            if p.lower_ in rule["prep"]:
                if "prep_object" not in rule or (pobj is not None and (_lemma(pobj) in rule["prep_object"]
                                                                      or pobj.lower_ in rule["prep_object"])):
                    ok = True
                    break
        if not ok:
            return False
    if "mod" in rule:
        if not any(_lemma(c) in rule["mod"] or c.lower_ in rule["mod"]
                   for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")):
            return False
    if "mod_ent" in rule:
        if not any(c.ent_type_ in rule["mod_ent"] for c in tok.subtree if c.i < tok.i):
            return False
    if "requires" in rule and not any(c.dep_ in rule["requires"] for c in tok.children):
        return False
    return True


def _clause_head(tok: Token) -> Token:
    """The verb heading the clause a token is in (itself for a verb)."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.dep_ != "ROOT" and t.head is not t:
        t = t.head
    return t


def _is_present(verb: Token) -> bool:
    """Present, present perfect or present progressive: 'says', 'has decried', 'is calling'."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in lexicon().words["past_adverbs"] for c in verb.children if c.dep_ == "advmod"):
        return False
    if not auxes and verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBN"):
        auxes = [c for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return True
    if auxes and all(a.tag_ in ("VBZ", "VBP") for a in auxes[:1]):
        return auxes[0].lemma_ in ("have", "be", "do")
    return False


# --------------------------------------------------------------------------- per-article context

@dataclass
class _Timex:
    row: dict
    start: int
    end: int
    root: Token
    owner: Token | None = None    # nominal trigger or clause head it belongs to


@dataclass
class _Trigger:
    tok: Token
    rule: dict
    pos: str
    light: Token | None = None     # light verb governing a nominal trigger
    mention: dict | None = None


@dataclass
class _Article:
    doc: Doc
    article: dict
    actors: ArticleActors
    quotes: list[tuple[int, int]]
    timexes: list[_Timex]
    triggers: dict = field(default_factory=dict)        # token index -> _Trigger
    speakers: list = field(default_factory=list)        # (token index, Resolution) of statements

    def quoted(self, tok: Token) -> bool:
        return any(a <= tok.idx < b for a, b in self.quotes)

    def speaker_before(self, i: int) -> Resolution | None:
        best = None
        for j, res in self.speakers:
            if j <= i:
                best = res
        return best


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for a, b in lexicon().words["quote_pairs"]:
        if a == "\u2018":
            pattern = r"(?<!\w)\u2018[^\u2019\n]{1,800}\u2019(?!\w)"
        elif a == b:
            pattern = re.escape(a) + r"[^" + re.escape(a) + r"\n]{1,3000}" + re.escape(b)
        else:
            pattern = re.escape(a) + r"[^" + re.escape(b) + r"\n]{1,3000}" + re.escape(b)
        spans.extend((m.start(), m.end()) for m in re.finditer(pattern, text))
    return spans


def _prepare_timexes(doc: Doc, timexes: list[dict]) -> list[_Timex]:
    out = []
    for row in timexes or []:
        try:
            span = doc.char_span(int(row["char_start"]), int(row["char_end"]), alignment_mode="expand")
        except (KeyError, TypeError, ValueError):
            span = None
        if span is None or len(span) == 0:
            continue
        out.append(_Timex(row=row, start=span.start, end=span.end, root=span.root))
    return out


def _usable(tx: _Timex) -> bool:
    row = tx.row
    if row.get("date_start") is None:
        return False
    if (row.get("type") or "DATE") not in ("DATE", "TIME"):
        return False
    if (row.get("value") or "") in lexicon().words["vague_values"] or row.get("granularity") == "vague":
        return False
    return True


# --------------------------------------------------------------------------- main entry

def mentions_for_doc(doc: spacy.tokens.Doc, article: dict, timexes: list[dict]) -> list[dict]:
    """Every event mention in one parsed article."""
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return []
    ctx = _Article(doc=doc, article=article, actors=ArticleActors(doc), quotes=_quote_spans(doc.text),
                   timexes=_prepare_timexes(doc, timexes))
    _find_triggers(ctx)
    for tx in ctx.timexes:
        tx.owner = _timex_owner(ctx, tx)
    rows = []
    sent_index = {s.start: n for n, s in enumerate(doc.sents)}
    for i in sorted(ctx.triggers):
        trig = ctx.triggers[i]
        row = _mention(ctx, trig, sent_index[trig.tok.sent.start])
        if row is not None:
            trig.mention = row
            rows.append(row)
    _date_from_other_mentions(ctx)
    return rows


def _find_triggers(ctx: _Article) -> None:
    doc = ctx.doc
    lex = lexicon()
    matcher = _matcher(id(doc.vocab), doc.vocab)
    seen = set()
    for match_id, start, _end in matcher(doc):
        tok = doc[start]
        if tok.i in seen:
            continue
        pos = doc.vocab.strings[match_id]
        if pos == "nominal" and tok.ent_type_ in _SKIP_ENTS:
            continue
        if pos == "verbal" and tok.dep_ in ("amod", "compound"):
            continue
        rules = lex.rules.get((pos, _lemma(tok))) or lex.rules.get((pos, tok.lower_)) or []
        for rule in rules:
            if _rule_matches(rule, tok, pos):
                seen.add(tok.i)
                ctx.triggers[tok.i] = _Trigger(tok=tok, rule=rule, pos=pos)
                break
    light = set(lex.words["light_verbs"])
    for trig in list(ctx.triggers.values()):
        tok = trig.tok
        if trig.pos != "nominal":
            continue
        # "summit meeting": one event, headed by the last noun
        if tok.dep_ == "compound" and tok.head.i in ctx.triggers:
            del ctx.triggers[tok.i]
            continue
        if tok.dep_ in ("dobj", "attr", "nsubjpass") and _lemma(tok.head) in light and tok.head.pos_ == "VERB":
            trig.light = tok.head
            other = ctx.triggers.get(tok.head.i)
            if other is not None and other.pos == "verbal":
                # "held talks", "announced a ceasefire": the noun names the event
                if other.rule.get("speech") and not trig.rule.get("speech"):
                    continue
                del ctx.triggers[tok.head.i]


def _timex_owner(ctx: _Article, tx: _Timex) -> Token | None:
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


# --------------------------------------------------------------------------- arguments

def _subject(ctx: _Article, verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """(subject token, is_agent): the actor doing what the verb says."""
    subj, agentive = _subject_in_parse(ctx, verb, depth)
    if subj is None and agentive and depth == 0 and verb.tag_ in ("VBD", "VBZ", "VBP") \
            and not _children(verb, *_SUBJ_PASS, "auxpass"):
        subj = _left_neighbour_np(verb)
    return subj, agentive


def _left_neighbour_np(verb: Token) -> Token | None:
    """A finite verb the parser left without a subject: the noun phrase right before it."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i < verb.sent.start:
        return None
    t = verb.doc[i]
    if t.pos_ not in ("NOUN", "PROPN", "PRON") or t.ent_type_ in _NOT_ACTOR_ENTS:
        return None
    while t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i:
        t = t.head
    return t


def _subject_in_parse(ctx: _Article, verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    _subject = _subject_in_parse  # noqa: F841 - recursion stays inside the parse
    if depth > 8:
        return None, True
    subj = _children(verb, *_SUBJ)
    if subj:
        s = subj[0]
        if verb.dep_ == "relcl" and s.tag_ in ("WDT", "WP", "WP$"):
            return verb.head, True
        return s, True
    if _children(verb, *_SUBJ_PASS):
        for p, pobj in _preps(verb):
            if p.dep_ == "agent" and pobj is not None:
                return pobj, True
        return None, False
    head = verb.head
    if head is verb:
        return None, True
    if verb.dep_ == "relcl":
        if head.dep_ in ("attr", "oprd") and not ctx.actors.resolve(head, conjuncts=False):
            # "X became the first country to recognise Y": the country is X
            return _subject(ctx, head.head, depth + 1)
        return head, True
    if verb.dep_ == "xcomp":
        obj = _children(head, "dobj")
        if obj and _lemma(head) not in ("try", "want", "seek", "plan", "decide", "agree"):
            return obj[0], True
        return _subject(ctx, head, depth + 1)
    if verb.dep_ in ("conj", "advcl", "pcomp", "acl", "prep", "ccomp", "csubj") or head.dep_ == "prep":
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and ctx.actors.resolve(head, conjuncts=False):
            return head, True
        if verb.dep_ == "ccomp":
            return None, True
        subj, agentive = _subject(ctx, head, depth + 1)
        if verb.dep_ == "conj" and head.dep_ == "relcl" and (subj is None or not agentive) \
                and not _children(verb, "auxpass"):
            # "X reached out to Y - which is banned - and hosted ...": coordinated with the main clause
            return _subject(ctx, _clause_head(head.head), depth + 1)
        return subj, agentive
    return None, True


def _resolve(ctx: _Article, tok: Token | None) -> Resolution:
    if tok is None or tok.ent_type_ in _NOT_ACTOR_ENTS:
        return Resolution()
    quoted = ctx.quoted(tok)
    speaker = ctx.speaker_before(tok.i) if quoted else None
    return ctx.actors.resolve(tok, speaker=speaker, quoted=quoted)


def _verbal_args(ctx: _Article, trig: _Trigger) -> tuple[Token | None, list[Token]]:
    tok = trig.tok
    lex = lexicon().words
    subj, agentive = _subject(ctx, tok)
    targets = []
    obj = _dobj(tok)
    if obj is not None:
        targets.append(obj)
    targets.extend(_children(tok, "dative"))
    for p, pobj in _preps(tok):
        if pobj is not None and p.lower_ in lex["target_preps"] and p.dep_ != "agent" \
                and pobj.ent_type_ not in _NOT_ACTOR_ENTS:
            targets.append(pobj)
    if obj is not None:
        for p, pobj in _preps(obj):
            if pobj is not None and p.lower_ in ("to", "with", "into"):
                targets.append(pobj)
    if not agentive and subj is None and obj is None:
        pass
    if trig.rule.get("inverse"):
        src = next((t for t in targets if t.dep_ == "pobj"), None)
        return src, ([subj] if subj is not None else [])
    return subj, targets


def _nominal_args(ctx: _Article, trig: _Trigger) -> tuple[Token | None, list[Token]]:
    tok = trig.tok
    lex = lexicon().words
    source = None
    poss = [c for c in _children(tok, "poss") if c.ent_type_ not in _NOT_ACTOR_ENTS]
    if poss:
        source = poss[0]
    else:
        for c in tok.children:
            if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "npadvmod") and ctx.actors.resolve(c, conjuncts=False):
                source = c
                break
    if source is None:
        for p, pobj in _preps(tok):
            if pobj is not None and p.lower_ in lex["source_preps_nominal"] and p.lower_ == "by":
                source = pobj
    if source is None and trig.light is not None:
        source, _ = _subject(ctx, trig.light)
    if source is None:
        gov = _participation_verb(tok)
        if gov is not None:
            source, _ = _subject(ctx, gov)
    targets = []
    for holder in (tok, trig.light):
        if holder is None:
            continue
        for p, pobj in _preps(holder):
            if pobj is not None and p.lower_ in lex["target_preps_nominal"] and p.lower_ != "by":
                targets.append(pobj)
    if trig.light is not None:
        targets.extend(t for t in _children(trig.light, "dative"))
    return source, targets


def _participation_verb(tok: Token) -> Token | None:
    """The verb whose subject takes part in a nominal event: "said at the summit",
    "spoke on the sidelines of the summit"."""
    words = lexicon().words
    t = tok
    for _ in range(3):
        if t.dep_ != "pobj":
            return None
        prep = t.head
        gov = prep.head
        if prep.lower_ in words["participation_preps"] and gov.pos_ in ("VERB", "AUX"):
            return gov
        if gov.pos_ == "NOUN" and _lemma(gov) in words["frame_nouns"]:
            t = gov
            continue
        return None
    return None


def _location(ctx: _Article, tok: Token, holders: list[Token]) -> str | None:
    lex = lexicon().words
    for h in holders:
        if h is None:
            continue
        for p, pobj in _preps(h):
            if pobj is not None and p.lower_ in lex["location_preps"] and pobj.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
                if pobj.ent_type_ == "ORG" and pobj.lower_ not in ("kremlin",):
                    # an organisation is a place only when it is a building ("in the Kremlin")
                    continue
                ent = next((e for e in tok.sent.ents if e.start <= pobj.i < e.end), None)
                text = ent.text if ent is not None else pobj.text
                return re.sub(r"^(the|The)\s+", "", text)
    return None


# --------------------------------------------------------------------------- factuality

def _factuality(ctx: _Article, trig: _Trigger) -> str:
    lex = lexicon().words
    tok = trig.tok
    anchor = trig.light if trig.light is not None else tok
    if trig.pos == "nominal" and trig.light is None:
        anchor = _clause_head(tok) if tok.dep_ in ("dobj", "nsubjpass", "attr") else None
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
        if any(c.dep_ == "neg" or (c.lower_ in ("never",) and c.dep_ == "advmod") for c in kids):
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
        if n > 0 and _lemma(v) in lex["future_verbs"]:
            future = True
        if n > 0 and _lemma(v) in lex["hypothetical_verbs"]:
            hypothetical = True
        if v.lower_ in ("going",) and n > 0:
            future = True
    # the clause a trigger sits in may be conditional or reported
    t = chain[-1] if chain else tok
    hops = 0
    while t.head is not t and hops < 12:
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex["hypothetical_marks"] for c in t.children):
            hypothetical = True
        if t.dep_ in ("ccomp", "parataxis") and t.head.i in ctx.triggers and ctx.triggers[t.head.i].rule.get("report"):
            reported = True
        if t.dep_ in ("ccomp",) and _lemma(t.head) in ("say", "report", "tell", "believe", "think", "claim"):
            reported = True
        t = t.head
        hops += 1
    if trig.pos == "nominal" and trig.light is None and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
        pass
    if ctx.quoted(tok):
        reported = True
    if trig.rule.get("report") and trig.pos == "verbal" and not ctx.quoted(tok):
        reported = reported and False
    if negated:
        return "negated"
    if hypothetical:
        return "hypothetical"
    if future:
        return "future"
    if reported:
        return "reported"
    return "asserted"


# --------------------------------------------------------------------------- dates

def _timex_for(ctx: _Article, trig: _Trigger) -> tuple[_Timex | None, str]:
    """(timex, how) for a trigger: own clause, linked clause, or event anchor."""
    tok = trig.tok
    usable = [tx for tx in ctx.timexes if _usable(tx) and tx.owner is not None]
    sent = tok.sent

    def owned_by(t: Token) -> list[_Timex]:
        return [tx for tx in usable if tx.owner.i == t.i and sent.start <= tx.start < sent.end]

    if trig.pos == "nominal":
        own = owned_by(tok)
        if own:
            return own[0], "own"
        if trig.light is not None:
            clause = trig.light
        elif _participation_verb(tok) is not None:
            clause = _participation_verb(tok)
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
    for linked in _linked_clauses(clause):
        own = owned_by(linked)
        if own:
            return own[0], "linked"
    # a verb takes the date of a nominal event it is anchored to: "during the June 16 summit"
    anchors = lexicon().words["anchor_preps"]
    for p, pobj in _clause_preps(clause):
        if pobj is None:
            continue
        if p.lower_ in anchors and pobj.i in ctx.triggers:
            own = owned_by(pobj)
            if own:
                return own[0], "anchor"
        if p.lower_ in ("in", "after", "following") and pobj.lemma_.lower() == "wake" or p.lower_ == "following":
            # "in the wake of the 2001 attacks": a year-level date carries over
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
        out.extend(_preps(t))
        for c in t.children:
            if c.dep_ in ("ccomp", "relcl", "advcl", "conj", "parataxis", "csubj", "xcomp", "punct", "pcomp"):
                continue
            stack.append(c)
    return sorted(out, key=lambda pp: pp[0].i)


def _linked_clauses(verb: Token) -> list[Token]:
    """Clauses the parse ties to this one in time: coordinated verbs, subjectless adjuncts."""
    out = []
    if verb.dep_ == "conj":
        out.append(verb.head)
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not _children(c, *_SUBJ, *_SUBJ_PASS):
            out.append(c)
        if c.dep_ in ("advcl", "xcomp") and not _children(c, *_SUBJ, *_SUBJ_PASS):
            out.append(c)
    if verb.dep_ in ("advcl", "xcomp") and not _children(verb, *_SUBJ, *_SUBJ_PASS):
        out.append(verb.head)
    if verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("as", "when", "while") for m in verb.children):
        out.append(verb.head)   # "as the forces withdrew": same time as the main clause
    return out


def _apply_date(row: dict, tx: _Timex | None, published, how: str) -> None:
    if tx is not None:
        r = tx.row
        row.update(date_start=r.get("date_start"), date_end=r.get("date_end") or r.get("date_start"),
                   date_value=r.get("value"), granularity=r.get("granularity"), date_method="timex")
        row["sources"][0]["date_text"] = r.get("text")
    elif how == "publication" and published is not None:
        row.update(date_start=published, date_end=published, date_value=published.isoformat(),
                   granularity="day", date_method="publication")


# --------------------------------------------------------------------------- one mention

def _evidence(doc: Doc, tok: Token) -> tuple[int, int]:
    sent = tok.sent
    text = doc.text
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


def _mention(ctx: _Article, trig: _Trigger, sent_index: int) -> dict | None:
    tok = trig.tok
    rule = trig.rule
    if rule.get("event") is False:
        return None
    if trig.pos == "verbal":
        src_tok, tgt_toks = _verbal_args(ctx, trig)
    else:
        src_tok, tgt_toks = _nominal_args(ctx, trig)
    source = _resolve(ctx, src_tok)
    if not source and trig.pos == "verbal" and not rule.get("inverse") and tok.tag_ in ("VBD", "VBZ", "VBP"):
        # the parser picked a subject that names no one (a headline run into the sentence):
        # a named noun phrase right before the verb is the better guess
        left = _left_neighbour_np(tok)
        if left is not None and left is not src_tok and left.pos_ == "PROPN":
            alt = _resolve(ctx, left)
            if alt:
                src_tok, source = left, alt
    targets = Resolution()
    target_actor = None
    for t in tgt_toks:
        r = _resolve(ctx, t)
        if r.actor and target_actor is None and r.actor != source.actor:
            target_actor = r.actor
        targets.add(r)
    actors = list(dict.fromkeys(source.actors + targets.actors))
    people = list(dict.fromkeys(source.people + targets.people))
    if not actors and not people:
        return None
    if rule.get("report") and src_tok is not None:
        ctx.speakers.append((tok.i, source))
    factuality = _factuality(ctx, trig)
    article = ctx.article
    published = article.get("published")
    start, end = _evidence(ctx.doc, tok)
    code = rule["code"]
    row = {k: None for k in _COLUMNS}
    row.update(
        cameo_code=code, event_type=event_type(code), source_actor=source.actor, source_person=source.person,
        target_actor=target_actor, actors=actors, people=people,
        location=_location(ctx, tok, [tok, trig.light, _dobj(tok) if trig.pos == "verbal" else None]),
        factuality=factuality, n_sources=1, article_id=article.get("article_id"),
        sentence_index=sent_index, trigger=tok.text,
        mention_id=hashlib.sha1(f"{article.get('article_id')}:{tok.idx}:{code}".encode()).hexdigest()[:16],
        sources=[{"article_id": article.get("article_id"), "file": article.get("file"),
                  "sentence": ctx.doc.text[start:end], "char_start": start, "char_end": end,
                  "date_text": None, "published": published}],
    )
    tx, how = _timex_for(ctx, trig)
    if tx is None and rule.get("speech") and trig.pos == "verbal" and _is_present(tok) and not ctx.quoted(tok):
        how = "publication"
    _apply_date(row, tx, published, how)
    conf = 0.45 + (0.2 if source.actor or source.person else 0) + (0.1 if target_actor else 0)
    conf += {"own": 0.15, "anchor": 0.1, "linked": 0.05, "publication": 0.05}.get(how, 0)
    conf -= 0.1 if factuality in ("hypothetical", "future") else 0
    row["confidence"] = round(max(0.05, min(0.95, conf)), 3)
    row["summary"] = _summary(ctx, trig, src_tok, source, factuality)
    return row


# --------------------------------------------------------------------------- cross-mention dating

def _duration_before(ctx: _Article, prep: Token) -> tuple[int, str] | None:
    """(amount, unit) of "20 years" in "20 years after ..."."""
    for c in prep.children:
        if c.dep_ in ("npadvmod", "nmod", "advmod") and _lemma(c) in _DURATION_UNITS:
            unit = _DURATION_UNITS[_lemma(c)]
            nums = [n for n in c.children if n.dep_ in ("nummod", "det", "quantmod")]
            if not nums:
                return None
            w = nums[0].lower_
            amount = int(w) if w.isdigit() else _NUMBER_WORDS.get(w)
            if amount is None:
                return None
            return amount, unit
    return None


def _shift(row: dict, amount: int, unit: str, sign: int) -> dict | None:
    """Shift a dated mention by a duration, at year granularity or coarser."""
    start = row.get("date_start")
    if start is None or unit not in ("Y", "DEC") or row.get("granularity") not in ("year", "day", "month"):
        return None
    years = amount * (10 if unit == "DEC" else 1) * sign
    year = start.year + years
    return dict(date_start=datetime.date(year, 1, 1), date_end=datetime.date(year, 12, 31),
                date_value=f"{year:04d}", granularity="year", date_method="timex")


def _date_from_other_mentions(ctx: _Article) -> None:
    """Dates that need another mention: "20 years after the invasion", "the invasion" again."""
    ordered = [ctx.triggers[i] for i in sorted(ctx.triggers) if ctx.triggers[i].mention is not None]
    rel = lexicon().words["relative_anchor_preps"]
    for n, trig in enumerate(ordered):
        row = trig.mention
        if row["date_start"] is not None:
            continue
        clause = trig.tok if trig.pos == "verbal" else _clause_head(trig.tok)
        holders = [clause] + _linked_clauses(clause)
        done = False
        for h in holders:
            for p, pobj in _preps(h):
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
                row.update({k: m[k] for k in ("date_start", "date_end", "date_value", "granularity", "date_method")})
                row["sources"][0]["date_text"] = m["sources"][0]["date_text"]
                row["confidence"] = round(max(0.05, row["confidence"] - 0.15), 3)


def _antecedent(ordered: list[_Trigger], trig: _Trigger, before: int) -> _Trigger | None:
    """The latest earlier dated mention with the same CAMEO code as trig."""
    code = trig.rule["code"]
    best = None
    for other in ordered:
        if other.tok.i >= before:
            break
        if other.rule["code"] == code and other.mention is not None and other.mention["date_start"] is not None:
            best = other
    return best


# --------------------------------------------------------------------------- summary

def _third_person(lemma: str) -> str:
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
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
    if tok is None or tok.ent_type_ in _NOT_ACTOR_ENTS or tok.pos_ == "PRON":
        return ""
    return _phrase(tok, 5)


def _summary(ctx: _Article, trig: _Trigger, src_tok: Token | None, source: Resolution, factuality: str) -> str:
    tok = trig.tok
    who = _actor_label(source, src_tok)
    if trig.rule.get("inverse") and trig.pos == "verbal":
        subj, _ = _subject(ctx, tok)
        who = _actor_label(_resolve(ctx, subj), subj)
    verb_tok = trig.light if trig.light is not None else (tok if trig.pos == "verbal" else None)
    parts = [who] if who else []
    if verb_tok is not None:
        lemma = _lemma(verb_tok)
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
        obj = _dobj(verb_tok)
        if obj is not None:
            parts.append(_phrase(obj))
        comp = [c for c in verb_tok.children if c.dep_ in ("ccomp", "xcomp")]
        if obj is None and comp:
            parts.append(_phrase_clause(comp[0]))
        elif obj is None or trig.light is not None:
            for p, pobj in _preps(verb_tok) + (_preps(tok) if trig.light is not None else []):
                if pobj is not None and p.lower_ in lexicon().words["target_preps"] + ["from", "for"] \
                        and pobj.ent_type_ not in _NOT_ACTOR_ENTS:
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
