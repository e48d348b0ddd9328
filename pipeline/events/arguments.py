"""Event arguments from the dependency parse: source, targets and location.

The source is the subject (or passive agent, or the subject a control,
raising or coordinated verb inherits); a nominal event takes a possessor, a
modifier or the subject of the verb it is held by.  Targets are objects and
prepositional objects; when none names an actor, the actor is looked for
inside them ("sanctions on Venezuela", "hostages held by Hamas") and then in
the complement ("pledged to support Ukraine", "demanded that NATO act"),
because event-data users query who acted on whom.  Actors are resolved by
``pipeline.events.actors``; the closed-class words are in
``data/events/arguments.json``.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from spacy.tokens import Token

from pipeline.config import DATA_DIR
from pipeline.events.actors import Resolution
from pipeline.events.context import Article, Trigger
from pipeline.events.gazetteer import canonical_actor, is_seat
from pipeline.events.lexicon import load_lexicon, word_classes
from pipeline.events.syntax import (
    NOT_ACTOR_ENTS,
    SUBJ,
    SUBJ_PASS,
    children,
    clause_head,
    dobj,
    lemma_of,
    participation_verb,
    preps,
)

_MAX_DEPTH = 3


@lru_cache(maxsize=1)
def argument_words() -> dict:
    """The word lists (and the complement-code table) of ``data/events/arguments.json``, by name."""
    raw = json.loads((DATA_DIR / "events" / "arguments.json").read_text(encoding="utf-8"))
    return {k: v.get("words", v) for k, v in raw.items() if isinstance(v, dict)}


def subject(ctx: Article, verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """(subject token, is_agent): the actor doing what the verb says."""
    subj, agentive = _subject_in_parse(ctx, verb, depth)
    if subj is None and agentive and depth == 0 and verb.tag_ in ("VBD", "VBZ", "VBP") \
            and not children(verb, *SUBJ_PASS, "auxpass"):
        subj = left_neighbour_np(verb)
    return subj, agentive


def left_neighbour_np(verb: Token) -> Token | None:
    """A finite verb the parser left without a subject: the noun phrase right before it."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i < verb.sent.start:
        return None
    t = verb.doc[i]
    if t.pos_ not in ("NOUN", "PROPN", "PRON") or t.ent_type_ in NOT_ACTOR_ENTS:
        return None
    while t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i:
        t = t.head
    return t


def _subject_in_parse(ctx: Article, verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject the parse gives a verb, directly or through the clause it depends on."""
    if depth > 8:
        return None, True
    subj = children(verb, *SUBJ)
    if subj:
        s = subj[0]
        named = [c for c in s.children if c.dep_ in ("nmod", "appos", "npadvmod") and c.pos_ in ("PROPN", "NOUN")]
        if s.lower_ in argument_words()["quantifier_subjects"] and named:
            return named[0], True     # "Armenia and Azerbaijan both said": the actors hang on "both"
        if verb.dep_ == "relcl" and s.tag_ in ("WDT", "WP", "WP$"):
            return verb.head, True
        return s, True
    if children(verb, *SUBJ_PASS):
        agent = passive_agent(verb)
        return (agent, True) if agent is not None else (None, False)
    head = verb.head
    if head is verb:
        return None, True
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and passive_agent(verb) is not None:
        return passive_agent(verb), True    # "talks brokered by Russia", "sanctions imposed by the EU"
    if verb.dep_ == "xcomp" and children(head, "nsubjpass"):
        # raising and passive control: "X is said to have shelled", "X was forced to withdraw"
        return children(head, "nsubjpass")[0], True
    if verb.dep_ == "relcl":
        if head.dep_ in ("attr", "oprd") and not ctx.actors.resolve(head, conjuncts=False):
            # "X became the first country to recognise Y": the country is X
            return _subject_in_parse(ctx, head.head, depth + 1)
        return head, True
    if verb.dep_ == "xcomp":
        obj = children(head, "dobj")
        if obj and lemma_of(head) not in load_lexicon().words["subject_control_verbs"]:
            return obj[0], True
        return _subject_in_parse(ctx, head, depth + 1)
    if verb.dep_ == "pcomp" and head.lower_ in argument_words()["object_control_preps"] \
            and head.head.pos_ in ("VERB", "AUX") and dobj(head.head) is not None \
            and ctx.actors.resolve(dobj(head.head), conjuncts=False):
        return dobj(head.head), True      # "condemned Bolivia for closing the border": Bolivia closed it
    if verb.dep_ in ("conj", "advcl", "pcomp", "acl", "prep", "ccomp", "csubj", "acomp") or head.dep_ == "prep":
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and ctx.actors.resolve(head, conjuncts=False):
            return head, True
        if verb.dep_ == "ccomp":
            return None, True
        subj, agentive = _subject_in_parse(ctx, head, depth + 1)
        if verb.dep_ == "conj" and head.dep_ == "relcl" and (subj is None or not agentive) \
                and not children(verb, "auxpass"):
            # "X reached out to Y - which is banned - and hosted ...": coordinated with the main clause
            return _subject_in_parse(ctx, clause_head(head.head), depth + 1)
        return subj, agentive
    return None, True


def passive_agent(verb: Token) -> Token | None:
    """The by-phrase of a passive, on the verb or on its prepositional object
    ("was supplied with munitions by the United States"); an act of authority names who made
    it ("by order of the president", "under a decree signed by X", "based on X's decision")."""
    for p, pobj in preps(verb):
        if p.dep_ == "agent" and pobj is not None:
            return _authority(pobj) or pobj
    for _p, pobj in preps(verb):
        for p2, pobj2 in preps(pobj) if pobj is not None else ():
            if p2.lower_ == "by" and pobj2 is not None:
                return pobj2
    for t in verb.subtree:      # "granted status based on X's decision": also through a participle
        clause = _clause_of(t) if t.dep_ == "pobj" else None
        if clause is not None and clause.i == verb.i:
            found = _authority(t)
            if found is not None:
                return found
    return None


def _clause_of(tok: Token) -> Token | None:
    """The verb whose clause a token is in, passing participles that only qualify ('based on')."""
    t = tok.head
    while t.pos_ not in ("VERB", "AUX") or (t.dep_ == "acl" and t.tag_ in ("VBN", "VBG")):
        if t.head.i == t.i:
            return None
        t = t.head
    return t


def _authority(tok: Token) -> Token | None:
    """Who made a decision, decree or order: its possessor, its 'of' object or its signer."""
    if lemma_of(tok) not in argument_words()["authority_nouns"]:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    owner = owner or next((o for p, o in preps(tok) if o is not None and p.lower_ in ("of", "by")), None)
    return owner or next((passive_agent(c) for c in children(tok, "acl") if c.tag_ == "VBN"), None)


def resolve(ctx: Article, tok: Token | None, conjuncts: bool = True) -> Resolution:
    """Who a phrase names.  Outside quotes the answer depends on the article alone, so it is
    worked out once per token (the argument steps ask about the same phrases many times)."""
    if tok is None or tok.ent_type_ in NOT_ACTOR_ENTS:
        return Resolution()
    quoted = ctx.quoted(tok)
    key = (tok.i, conjuncts)
    if not quoted and key in ctx.resolved:
        return _copy(ctx.resolved[key])
    speaker = ctx.speaker_before(tok.i) if quoted else None
    found = ctx.actors.resolve(tok, speaker=speaker, quoted=quoted, conjuncts=conjuncts)
    if not found:
        name = _name_in_words(tok)
        if name:
            found = Resolution(actor=name, actors=[name])
    if not quoted:
        ctx.resolved[key] = _copy(found)
    return found


def _copy(r: Resolution) -> Resolution:
    return Resolution(actor=r.actor, person=r.person, actors=list(r.actors), people=list(r.people), sector=r.sector)


def _name_in_words(tok: Token) -> str | None:
    """A multi-word name the recogniser split or mislabelled, read from the capitalised words of the
    phrase up to its head ("Burkina Faso" tagged a person, "an Islamic State suicide bomber")."""
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("poss", "case")]
    runs, run = [], []
    for t in words + [None]:
        if t is not None and t.is_alpha and t.text[:1].isupper() and (not run or t.i == run[-1].i + 1):
            run.append(t)
            continue
        if len(run) > 1:
            runs.append(run)
        run = [t] if t is not None and t.is_alpha and t.text[:1].isupper() else []
    for run in runs:
        for size in range(len(run), 1, -1):
            for start in range(len(run) - size + 1):
                name = canonical_actor(" ".join(t.text for t in run[start:start + size]))
                if name:
                    return name
    return None


def verbal_args(ctx: Article, trig: Trigger) -> tuple[Token | None, list[Token]]:
    tok = trig.tok
    subj, _ = subject(ctx, tok)
    means_targets: list[Token] = []
    if trig.means is not None:       # "an airstrike on Gaza [ordered by X] killed dozens"
        means_src, means_targets = nominal_args(ctx, trig.means)
        if not resolve(ctx, subj):
            subj = means_src or subj
    targets = _recipient_first(_verb_targets(tok), trig.rule["code"])
    if trig.rule.get("inverse"):
        # "fell to the rebels", "came under fire from Russian artillery": the doer is in a phrase
        inner = [o for _, pobj in preps(tok) if pobj is not None for p, o in preps(pobj)
                 if o is not None and p.lower_ in ("from", "by")]
        src = next((t for t in targets + inner if t.dep_ == "pobj" and resolve(ctx, t)), None) \
            or next((t for t in targets if t.dep_ == "pobj"), None)
        return src, ([subj] if subj is not None else [])
    if any(_names_other(ctx, t, resolve(ctx, subj).actor) for t in means_targets):
        return subj, targets + means_targets
    return subj, targets + means_targets + further_targets(ctx, trig, subj, targets)


def _verb_targets(tok: Token) -> list[Token]:
    """Objects and prepositional objects of a verb that may name the one acted upon."""
    lex = load_lexicon().words
    extra = argument_words()["verb_target_preps"]
    targets = []
    obj = dobj(tok)
    if obj is not None:
        targets.append(obj)
    targets.extend(children(tok, "dative"))
    for p, pobj in preps(tok):
        # a number ("to thousands of Sudanese refugees") names no one but may hold who it is
        if pobj is not None and (p.lower_ in lex["target_preps"] or p.lower_ in extra) and p.dep_ != "agent" \
                and pobj.ent_type_ not in NOT_ACTOR_ENTS - {"CARDINAL", "QUANTITY"}:
            targets.append(pobj)
    if obj is not None:
        for p, pobj in preps(obj):
            if pobj is not None and p.lower_ in lex["object_target_preps"]:
                targets.append(pobj)
    return targets


def _recipient_first(targets: list[Token], code: str) -> list[Token]:
    """For handing over, the recipient ("to the United States") before what is handed over."""
    if not _listed(code, "recipient_codes"):
        return targets
    first = [t for t in targets if t.dep_ == "pobj" and t.head.lower_ in argument_words()["recipient_preps"]]
    return first + [t for t in targets if t not in first]


def further_targets(ctx: Article, trig: Trigger, src_tok: Token | None, targets: list[Token]) -> list[Token]:
    """When no direct target names an actor other than the source: actors inside the target phrases,
    then in the complement clause ("pledged to support Ukraine's reconstruction")."""
    src = resolve(ctx, src_tok).actor if src_tok is not None else None
    if any(_names_other(ctx, t, src) for t in targets):
        return []
    # a place is the target of what someone did there: with no one named, it is only where
    code = trig.rule["code"]
    place_code = code if src else ""
    deep = [d for t in targets for d in inside_phrase(t, place_code)]
    placed = [pobj for h in (trig.tok, trig.light) if h is not None
              for p, pobj in preps(h) if pobj is not None and p.lower_ in _place_preps(place_code)]
    deep += placed + [d for t in placed for d in inside_phrase(t, place_code)]
    if any(_names_other(ctx, t, src) for t in deep):
        return deep
    return deep + _complement_targets(ctx, trig, code, place_code)


def _names_other(ctx: Article, tok: Token, src: str | None) -> bool:
    found = resolve(ctx, tok).actor
    return bool(found) and found != src


def _listed(code: str, name: str) -> bool:
    return any(code.startswith(prefix) for prefix in argument_words()[name])


def _place_preps(code: str) -> set[str]:
    """Prepositions of place whose object is the target for this code ("bombed a camp in Gaza")."""
    words = argument_words()
    out = set(words["place_preps"]) if _listed(code, "place_target_roots") else set()
    return out | (set(words["posture_preps"]) if _listed(code, "posture_roots") else set())


def inside_phrase(tok: Token, code: str) -> list[Token]:
    """Noun phrases inside a target phrase, nearest first: "sanctions on Venezuela", "the return of
    hostages held by Hamas"; a place ("a school in Gaza") only for codes acting on places."""
    allowed = set(argument_words()["phrase_target_preps"]) | _place_preps(code)
    out: list[Token] = []
    frontier = [tok]
    for _ in range(_MAX_DEPTH):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in allowed):
                    nxt.extend(g for g in c.children if g.dep_ == "pobj")
                elif c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and not _mediation(c):
                    nxt.append(c)      # "hostages held by Hamas": on to the verb's by-phrase; not "a deal brokered by Qatar"
        out.extend(t for t in nxt if t.pos_ != "VERB")
        frontier = nxt
    return out


def _mediation(verb: Token) -> bool:
    """A verb of third-party mediation (CAMEO 045): whoever it names acted on neither side."""
    rules = load_lexicon().rules.get(("verbal", lemma_of(verb)), ())
    return any(r["code"].startswith(tuple(argument_words()["mediation_code"])) for r in rules)


def _complement_targets(ctx: Article, trig: Trigger, code: str, place_code: str) -> list[Token]:
    """Targets a verb takes from its complement: the objects of a controlled verb ("agreed to restore
    ties with Iran", "offered to help Venezuela organise"), and for saying what another must do, the
    subject of the clause ("demanded that NATO protect", "the demand that Armenia change")."""
    tok = trig.tok
    out: list[Token] = []
    holders = [tok] + ([trig.light] if trig.light is not None else [])
    for h in holders:
        # "agreed to restore", and a noun's infinitive: "willingness to sign a treaty with X"
        comps = children(h, "xcomp") + [c for c in children(h, "acl") if h.pos_ != "VERB" and children(c, "aux")]
        for c in comps:
            direct = _recipient_first(_verb_targets(c), ctx.triggers[c.i].rule["code"] if c.i in ctx.triggers else code)
            out.extend(direct)
            for cc in children(c, "ccomp"):
                out.extend(children(cc, "nsubj"))
            out.extend(d for t in direct for d in inside_phrase(t, place_code))
    if code[:2] in argument_words()["directive_roots"]:
        for c in children(tok, "ccomp", "acl"):
            out.extend(children(c, "nsubj"))
    return out


def performing_verb(tok: Token) -> Token | None:
    """The verb whose subject performs the event noun it governs ("opened negotiations",
    "told a news conference"); its clause is the event's clause."""
    if tok.dep_ == "dobj" and lemma_of(tok.head) in argument_words()["performing_verbs"]:
        return tok.head
    return None


def nominal_args(ctx: Article, trig: Trigger) -> tuple[Token | None, list[Token]]:
    tok = trig.tok
    lex = load_lexicon().words
    source = None
    # a possessor that names no one ("its condolences" with no group named before) leaves the source open
    poss = [c for c in children(tok, "poss") if c.ent_type_ not in NOT_ACTOR_ENTS
            and (c.pos_ != "PRON" or resolve(ctx, c))]
    if poss:
        source = poss[0]
    else:
        for c in tok.children:
            if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "npadvmod") and ctx.actors.resolve(c, conjuncts=False):
                source = c
                break
    if source is None:
        for p, pobj in preps(tok):
            if pobj is not None and p.lower_ in lex["source_preps_nominal"] and p.lower_ == "by":
                source = pobj
    forces = set(word_classes()[argument_words()["forces_class"][0]])
    if source is None:      # "the withdrawal of Russian troops", "the deployment of its forces": theirs
        source = next((o for p, o in preps(tok) if o is not None and p.lower_ == "of"
                       and lemma_of(o) in forces and resolve(ctx, o)), None)
    if source is None and trig.light is not None:
        source, _ = subject(ctx, trig.light)
    performer = performing_verb(tok)
    if source is None and performer is not None:
        source, _ = subject(ctx, performer)     # "opened negotiations", "completed the withdrawal"
    owner = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "for" else None
    if source is None and owner is not None and owner.lemma_.lower() in argument_words()["responsibility_nouns"] \
            and owner.dep_ == "dobj":
        source, _ = subject(ctx, owner.head)    # "claimed responsibility for the attack": the claimer did it
    if source is None:
        gov = participation_verb(tok)
        if gov is not None:
            source, _ = subject(ctx, gov)
    if source is None:      # "sanctions imposed by the EU", "the attack carried out by Hamas"; not "attended by"
        doers = argument_words()["agentive_participles"]
        # the parser may hang the participle on the noun's own object ("sanctions on oil imposed by")
        holders = [tok] + [o for _, o in preps(tok) if o is not None and o.i not in ctx.triggers]
        source = next((passive_agent(c) for h in holders for c in children(h, "acl")
                       if c.tag_ == "VBN" and lemma_of(c) in doers and passive_agent(c) is not None), None)
    targets = []
    for holder in (tok, trig.light, performer):
        if holder is None:
            continue
        for p, pobj in preps(holder):
            if pobj is not None and p.lower_ in lex["target_preps_nominal"] and p.lower_ != "by" and pobj is not source:
                targets.append(pobj)
    if trig.light is not None:
        targets.extend(t for t in children(trig.light, "dative"))
    return source, targets + further_targets(ctx, trig, source, targets)


def location_of(ctx: Article, tok: Token, holders: list[Token]) -> str | None:
    lex = load_lexicon().words
    for h in holders:
        if h is None:
            continue
        for p, pobj in preps(h):
            if pobj is not None and p.lower_ in lex["location_preps"] and pobj.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
                ent = next((e for e in tok.sent.ents if e.start <= pobj.i < e.end), None)
                if pobj.ent_type_ == "ORG" and not is_seat(ent.text if ent is not None else pobj.text):
                    continue   # an organisation is a place only when it is a building ("in the Kremlin")
                text = ent.text if ent is not None else pobj.text
                return re.sub(r"^(the|The)\s+", "", text)
    return None
