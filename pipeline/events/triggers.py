"""Finding event triggers: lemma matches whose rule context holds in the parse.

A verb or event noun is a trigger when a rule of ``triggers.jsonl`` for its
lemma matches its dependents; a noun governed by a light verb ("held talks")
replaces the verb's own trigger unless the verb's rule codes it more finely
("hosted talks"), and a coded verb absorbs the event noun it acts on
("lifted sanctions").  Rule conditions, all optional, the most specific rule
first: ``particle``; ``object`` (lemmas of the object, a second object or its
compound), ``object_ent``, ``not_object_ent``, ``no_object``; ``prep`` with
``prep_object`` or ``prep_object_ent``; ``mod``, ``mod_ent`` (modifiers left
of the head); ``subject`` (lemmas of who does it); ``tag``; ``requires``.
Flags: ``speech``, ``report``, ``inverse`` (the doer is in a phrase: "fell to",
"came under fire from"), ``reciprocal`` (both ways: "exchanged prisoners"),
``event`` (false: only dates another event).
"""
from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.arguments import argument_words
from pipeline.events.context import Article, Trigger
from pipeline.events.lexicon import load_lexicon, trigger_matcher
from pipeline.events.syntax import children, dobj, lemma_of, preps

_NOT_PREDICATE_DEPS = ("amod", "compound", "aux", "auxpass", "acl", "nmod", "npadvmod", "prep", "agent")
_SKIP_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "LAW", "DATE", "TIME",
              "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PRODUCT", "LANGUAGE"}


def _rule_matches(rule: dict, tok: Token, pos: str) -> bool:
    if "tag" in rule and tok.tag_ not in rule["tag"]:
        return False
    if "particle" in rule:
        if not any(c.lower_ == rule["particle"] and c.dep_ in ("prt", "advmod", "prep") for c in tok.children):
            return False
    obj = dobj(tok) if pos == "verbal" else None
    if pos == "nominal":
        of = [o for p, o in preps(tok) if p.lower_ == "of" and o is not None]
        comp = children(tok, "compound")
        obj = of[0] if of else (comp[0] if comp else None)
    if "object" in rule:
        # a second object counts too: "designated the group a terrorist organisation"
        objs = ([obj] if obj is not None else []) + [o for o in children(tok, "dobj") if pos == "verbal" and o is not obj]
        objs += [c for o in objs for c in children(o, "compound")]     # "raised its alert level"
        # through a quantity, a container or a sum: "two planes of aid", "a barrage of rockets", "$5 million in aid"
        partitive = load_lexicon().words["partitive_nouns"]
        objs += [x for o in objs if lemma_of(o) in partitive or o.ent_type_ == "MONEY"
                 for p, x in preps(o) if x is not None and (p.lower_ == "of" or (p.lower_ == "in" and o.ent_type_ == "MONEY"))]
        if not any(lemma_of(o) in rule["object"] or o.lower_ in rule["object"] for o in objs):
            return False
    if "object_ent" in rule and (obj is None or obj.ent_type_ not in rule["object_ent"]):
        return False
    if "not_object_ent" in rule and obj is not None and obj.ent_type_ in rule["not_object_ent"]:
        return False
    if rule.get("no_object") and children(tok, "dobj"):
        return False
    if "prep" in rule:
        cands = list(preps(tok))
        if obj is not None:
            cands += preps(obj)
        if pos == "nominal" and tok.dep_ == "dobj":
            cands += preps(tok.head)     # "held naval drills with Russia": the parser hangs it on the verb
        # "called for Sweden to extradite ...": the parser makes the preposition the clause's marker
        cands += [(m, None) for c in tok.children if c.dep_ in ("advcl", "xcomp", "ccomp")
                  for m in c.children if m.dep_ == "mark" and m.i < c.i]
        ok = False
        for p, pobj in cands:
            if p.lower_ in rule["prep"]:
                if "prep_object" in rule and (pobj is None or (lemma_of(pobj) not in rule["prep_object"]
                                                               and pobj.lower_ not in rule["prep_object"])):
                    continue
                # "a news conference with Macron / his French counterpart": a named party makes it a meeting
                if "prep_object_ent" in rule and (pobj is None or not any(
                        c.ent_type_ in rule["prep_object_ent"] for c in pobj.subtree if c.i <= pobj.i)):
                    continue
                ok = True
                break
        if not ok:
            return False
    if "mod" in rule:
        # any modifier left of the head inside its phrase: "joint bomber patrols", "joint naval drills"
        if not any(lemma_of(c) in rule["mod"] or c.lower_ in rule["mod"]
                   for c in tok.subtree if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "npadvmod")):
            return False
    if "mod_ent" in rule:
        if not any(c.ent_type_ in rule["mod_ent"] for c in tok.subtree if c.i < tok.i):
            return False
    if "requires" in rule and not any(c.dep_ in rule["requires"] for c in tok.children):
        return False
    if "subject" in rule:
        # "French troops left Mali": who leaves makes it a withdrawal, not a trip
        subj = _subject_word(tok)
        if subj is None or (lemma_of(subj) not in rule["subject"] and subj.lower_ not in rule["subject"]):
            return False
    return True


def _subject_word(verb: Token) -> Token | None:
    """The head word of a verb's subject; through a relative pronoun or a participle, the noun it describes."""
    subj = children(verb, "nsubj")
    if subj and subj[0].tag_ not in ("WDT", "WP"):
        return subj[0]
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def find_triggers(ctx: Article) -> None:
    doc = ctx.doc
    lex = load_lexicon()
    matcher = trigger_matcher(id(doc.vocab), doc.vocab)
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
        rules = lex.rules.get((pos, lemma_of(tok))) or lex.rules.get((pos, tok.lower_)) or []
        for rule in rules:
            if _rule_matches(rule, tok, pos):
                seen.add(tok.i)
                ctx.triggers[tok.i] = Trigger(tok=tok, rule=rule, pos=pos)
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
        if tok.dep_ in ("dobj", "attr", "nsubjpass") and lemma_of(tok.head) in light and tok.head.pos_ == "VERB":
            trig.light = tok.head
            other = ctx.triggers.get(tok.head.i)
            if other is not None and other.pos == "verbal":
                # "held talks", "announced a ceasefire": the noun names the event
                if other.rule.get("speech") and not trig.rule.get("speech"):
                    continue
                if "object" in other.rule and other.rule["code"][:2] == trig.rule["code"][:2] \
                        and other.rule["code"] != trig.rule["code"]:
                    del ctx.triggers[tok.i]     # "hosted talks": the verb's code for this noun is the finer one
                    continue
                del ctx.triggers[tok.head.i]
    _absorb_objects(ctx)
    _add_unlisted_predicates(ctx)


def _absorb_objects(ctx: Article) -> None:
    """ "Lifted sanctions", "proposed a ceasefire", "signed an agreement": the verb and its event
    noun are one event, the verb's; the noun alone would say sanctions were imposed or a truce
    held.  Verbs that act on an event that took place on its own ("condemned the attack",
    "investigated the strike", "halted the offensive") leave their object its own mention.  The noun
    a rule names as its prepositional object is always the verb's ("came under heavy shelling")."""
    kept = argument_words()["own_event_objects"]
    for trig in list(ctx.triggers.values()):
        if trig.pos != "verbal" or trig.rule.get("fallback"):
            continue
        objs = [] if any(trig.rule["code"].startswith(k) for k in kept) else [dobj(trig.tok)]
        if "prep_object" in trig.rule:
            objs += [o for p, o in preps(trig.tok) if p.lower_ in trig.rule.get("prep", ())]
        for obj in objs:
            noun = ctx.triggers.get(obj.i) if obj is not None else None
            if noun is not None and noun.pos == "nominal" and noun.light is None:
                del ctx.triggers[obj.i]


def _add_unlisted_predicates(ctx: Article) -> None:
    """Every other content verb heading a clause is a candidate with the fallback rule.

    Whether it becomes a mention (past, dated, by a known actor, happened) is
    decided once its arguments, date and factuality are known.
    """
    lex = load_lexicon()
    # states, and verbs whose event is their complement ("sought to", "planned to")
    state = set(lex.words["state_verbs"]) | set(lex.words["future_verbs"]) | set(lex.words["hypothetical_verbs"])
    lights = {t.light.i for t in ctx.triggers.values() if t.light is not None}
    for tok in ctx.doc:
        if tok.pos_ != "VERB" or tok.i in ctx.triggers or tok.i in lights or tok.dep_ in _NOT_PREDICATE_DEPS:
            continue
        if lemma_of(tok) in state or not tok.is_alpha:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.i in ctx.triggers and ctx.triggers[c.i].pos == "nominal"
               for c in tok.children):
            continue   # "talks resumed", "the summit ended": the noun is the event, the verb says it happened
        obj = dobj(tok)
        if obj is not None and obj.i in ctx.triggers and ctx.triggers[obj.i].pos == "nominal":
            continue   # "ordered a drone strike", "completed the withdrawal": the noun is the event
        ctx.triggers[tok.i] = Trigger(tok=tok, rule=dict(lex.fallback, lemma=lemma_of(tok)), pos="verbal")
