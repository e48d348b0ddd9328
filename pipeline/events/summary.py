"""A one-line summary of a mention a reader can use: subject, verb in the present, object.

"Russia's Supreme Court suspends the ban on the Taliban", not "Russia: the ban".
The subject is the phrase the text uses (or the resolved actor where the text
has a pronoun or a bare title); the verb agrees with it and carries negation
or modality; what was said is shortened and never capitalised mid-sentence;
an event noun with no verb is its own noun phrase ("Meeting of the Moscow
format on Afghanistan").
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from pipeline.events.actors import ACTOR_ENTS, Resolution
from pipeline.events.arguments import performing_verb, resolve, subject
from pipeline.events.context import Article, Trigger
from pipeline.events.gazetteer import canonical_actor
from pipeline.events.lexicon import load_lexicon
from pipeline.events.syntax import NOT_ACTOR_ENTS, SUBJ_PASS, children, dobj, lemma_of, participation_verb, preps

_STOP_DEPS = ("relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "parataxis", "ccomp", "xcomp")
_QUOTES = re.compile(r"[“”\"‘«»]|(?<!\w)’|’(?!\w)")
_MAX_CHARS = 160
# parts of speech a shortened phrase may not end on
_DANGLING_POS = ("DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX")


def _third_person(lemma: str) -> str:
    irregular = load_lexicon().words["irregular_present"]
    if lemma in irregular:
        return irregular[lemma]
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _join(toks: list[Token]) -> str:
    """Tokens as the text spells them; a gap where words were left out is one space."""
    text = ""
    for n, t in enumerate(toks):
        text += t.text
        if n + 1 < len(toks):
            text += t.whitespace_ if toks[n + 1].i == t.i + 1 else " "
    text = _QUOTES.sub("", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    return " ".join(text.split()).strip(" ,;:-–—")


def _phrase_tokens(tok: Token, limit: int) -> tuple[list[Token], bool]:
    """The phrase a token heads, without clauses hanging off it: (its first `limit` words, cut)."""
    keep = {tok.i}
    frontier = [tok]
    while frontier:
        t = frontier.pop()
        for c in t.children:
            # a conjunct inside the phrase stays ("talks between Israel and Hamas"); one of the head does not
            inner = c.dep_ in ("cc", "conj") and t.i != tok.i
            if c.pos_ == "PUNCT" or (c.dep_ in _STOP_DEPS and c.i > tok.i and not inner):
                continue
            keep.add(c.i)
            frontier.append(c)
    _keep_inner_punct(tok.doc, keep)
    toks = [tok.doc[i] for i in sorted(keep) if abs(i - tok.i) <= limit]
    words = [t for t in toks if t.pos_ != "PUNCT"]
    if len(words) <= limit:
        return toks, False
    return [t for t in toks if t.i <= words[limit - 1].i], True


def _keep_inner_punct(doc, keep: set[int]) -> None:
    """A hyphen or apostrophe inside a word ('ISIS-K', 'US-led') stays with it."""
    for i in range(min(keep) + 1, max(keep)):
        t = doc[i]
        if t.is_punct and i - 1 in keep and i + 1 in keep and not doc[i - 1].whitespace_ and not t.whitespace_:
            keep.add(i)


def _lower_first(text: str, first: Token) -> str:
    if first.pos_ == "PROPN" or first.text == "I" or (len(first.text) > 1 and first.text.isupper()) \
            or (first.ent_type_ and first.ent_type_ not in NOT_ACTOR_ENTS):     # "Egyptian officials"
        return text
    return text[:1].lower() + text[1:]


def _phrase(tok: Token, limit: int = 9) -> str:
    """A phrase inside the summary: lower case unless it opens with a name ('approves the deal')."""
    toks, cut = _phrase_tokens(tok, limit)
    return _lower_first(_join(toks), toks[0]) + (" …" if cut else "") if toks else ""


def _noun_phrase(tok: Token, limit: int = 10) -> list[Token]:
    """The head with everything left of it, a short 'of' phrase and its conjuncts:
    'Russia's Supreme Court', 'US-led forces', 'representatives of ten countries and the Taliban'."""
    keep = {t.i for t in tok.subtree if t.i <= tok.i}
    for c in tok.children:
        if c.i > tok.i and (c.dep_ == "prep" and c.lower_ == "of" or c.dep_ in ("cc", "conj")):
            keep.update(t.i for t in c.subtree)
    end = max(keep)
    toks = [t for t in tok.doc[min(keep): end + 1] if t.i in keep]
    return toks if len(toks) <= limit else [t for t in tok.subtree if t.i <= tok.i]


def _plural(tok: Token | None) -> bool:
    """'forces', 'X and Y', 'two staff'."""
    return tok is not None and (tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
                                or any(c.dep_ == "nummod" and c.like_num and c.lower_ not in ("1", "one") for c in tok.children))


def _subject_phrase(ctx: Article, res: Resolution, tok: Token | None) -> tuple[str, bool]:
    """(text, plural) naming who acts: the text's own phrase where it names them."""
    if res.person:
        return res.person, False
    if tok is not None and tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in NOT_ACTOR_ENTS:
        toks = _noun_phrase(tok)
        if 0 < len(toks) <= 10:
            text = _join(toks)
            if res.actor and not any(t.ent_type_ in ACTOR_ENTS or t.i in ctx.actors.person_of_token
                                     or (t.pos_ == "PROPN" and canonical_actor(t.text)) for t in toks):
                # a bare title resolved from an earlier sentence: say whose it is
                dropped = set(load_lexicon().words["anaphoric_modifiers"])
                rest = [t for t in toks if t.dep_ != "det" and t.lower_ not in dropped and t.tag_ != "PRP$"]
                head = rest[0].text if rest[0].pos_ == "PROPN" else rest[0].text.lower()
                text = f"{res.actor}'s " + " ".join([head, _join(rest[1:])]).strip()
            return text, _plural(tok)
    return (res.actor or ""), False


def _verb_form(lemma: str, factuality: str, plural: bool) -> str:
    if factuality == "negated":
        return ("do not " if plural else "does not ") + lemma
    if factuality == "future":
        return "will " + lemma
    if factuality == "hypothetical":
        return "may " + lemma
    return lemma if plural else _third_person(lemma)


def _said(head: Token, limit: int = 12, without: Token | None = None) -> str:
    """What was said, shortened: no quote marks, no leading 'and', lower case unless a name
    (and without the reporting clause, where it hangs inside what it reports)."""
    skip = {t.i for t in without.subtree} if without is not None else set()
    keep = {t.i for t in head.subtree if t.pos_ != "PUNCT" and t.dep_ != "mark" and t.i not in skip}
    if not keep:
        return ""
    _keep_inner_punct(head.doc, keep)
    toks = [head.doc[i] for i in sorted(keep)]
    while toks and toks[0].pos_ in ("CCONJ", "INTJ"):
        toks = toks[1:]
    if not toks:
        return ""
    shown = toks[:limit]
    if len(toks) > limit:
        # a cut phrase does not end on a word that needs its continuation ("would not attack the")
        while len(shown) > 1 and shown[-1].pos_ in _DANGLING_POS:
            shown = shown[:-1]
    text = _join(shown) + (" …" if len(toks) > limit else "")
    return _lower_first(text, toks[0])


def _complement(verb: Token, tok: Token, light: bool, rule_preps: tuple = ()) -> str:
    """Object, clause or first telling prepositional phrase of the verb (or the one its rule asks for:
    "came under fire from ...")."""
    obj = dobj(verb)
    quoted_before = verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i
    if obj is not None and obj.i != verb.i:
        parts = [_phrase(obj)]
        if light:   # "held talks in Ankara with Turkey": what hangs on the verb, unless the noun has it
            parts += [p for p in _telling_preps(verb, limit=1) if p not in parts[0]]
        told = [c for c in verb.children if c.dep_ == "ccomp"]
        if told:            # "told reporters (that) ..."
            parts.append(_said(told[0]))
        elif quoted_before:   # '"...," the official told Reuters'
            parts.append(_said(verb.head, without=verb))
        return " ".join(p for p in parts if p)
    comp = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if comp:
        return _said(comp[0])
    if quoted_before:
        # '"The suspension satisfies the claim," the judge declared': the report hangs on what it reports
        return _said(verb.head, without=verb)
    for _p, pobj in preps(verb):
        # "said in a statement that ...": the parser hangs the clause on the noun
        told = [c for c in pobj.children if c.dep_ in ("acl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)] if pobj is not None else []
        if told:
            return "that " + _said(told[0])
    # "called for Sweden to extradite ...": a clause introduced by a preposition
    marked = [c for c in verb.children if c.dep_ == "advcl" and c.left_edge.dep_ == "mark"
              and c.left_edge.lower_ in load_lexicon().words["target_preps"] + load_lexicon().words["summary_extra_preps"]]
    if marked:
        return marked[0].left_edge.lower_ + " " + _said(marked[0])
    return " ".join(_telling_preps(verb, limit=1, extra=rule_preps))


def _telling_preps(holder: Token, limit: int, extra: tuple = ()) -> list[str]:
    words = load_lexicon().words
    shown = set(words["target_preps"] + words["summary_extra_preps"] + words["location_preps"]) | set(extra)
    out = []
    for p, pobj in preps(holder):
        if pobj is not None and p.lower_ in shown and pobj.ent_type_ not in NOT_ACTOR_ENTS and p.dep_ != "agent":
            out.append(p.text + " " + _phrase(pobj, 6))
            if len(out) >= limit:
                break
    return out


def _governing_verb(ctx: Article, trig: Trigger) -> Token | None:
    """The verb a nominal event is told with: 'held talks', 'attended the meeting', 'spoke at the summit';
    not a verb telling an event of its own about it ('condemned the attack')."""
    tok = trig.tok
    if trig.light is not None:
        return trig.light
    gov = participation_verb(tok)
    if gov is not None:
        return gov
    if tok.dep_ in ("dobj", "attr") and tok.head.pos_ == "VERB" and (
            tok.head.i not in ctx.triggers or performing_verb(tok) is not None):
        return tok.head
    return None


def summarise(ctx: Article, trig: Trigger, src_tok: Token | None, source: Resolution, factuality: str) -> str:
    tok = trig.tok
    if trig.rule.get("inverse") and trig.pos == "verbal":
        src_tok, _ = subject(ctx, tok)
        source = resolve(ctx, src_tok)
    verb = tok if trig.pos == "verbal" else _governing_verb(ctx, trig)
    if verb is None:
        text = _event_noun(ctx, trig, source)
    else:
        text = _clause(ctx, trig, verb, src_tok, source, factuality)
    text = " ".join(text.split()).strip(" ,;:")
    if len(text) > _MAX_CHARS:
        words = text[:_MAX_CHARS].split(" ")[:-1]
        while len(words) > 1 and words[-1].lower() in STOP_WORDS:
            words = words[:-1]
        text = " ".join(words) + " …"
    return (text[:1].upper() + text[1:]) if text else tok.text


def _clause(ctx: Article, trig: Trigger, verb: Token, src_tok: Token | None, source: Resolution,
            factuality: str) -> str:
    tok = trig.tok
    passive = bool(children(verb, "auxpass"))
    who, plural = _subject_phrase(ctx, source, src_tok)
    if passive and not who:
        # "Kharkiv was shelled": no agent, so the patient stays the subject
        patient = children(verb, *SUBJ_PASS)
        who, plural = _subject_phrase(ctx, resolve(ctx, patient[0]) if patient else Resolution(),
                                      patient[0] if patient else None)
        be = "are" if plural else "is"
        if factuality == "negated":
            be += " not"
        rest = " ".join(_telling_preps(verb, limit=1))
        return f"{who} {be} {verb.text} {rest}"
    prt = [c.text for c in verb.children if c.dep_ == "prt"]
    if not prt and trig.rule.get("particle") and verb is tok:
        prt = [trig.rule["particle"]]
    parts = [who, " ".join([_verb_form(lemma_of(verb), factuality, plural)] + prt)]
    if trig.pos == "nominal" and trig.light is None and tok.dep_ == "pobj":
        # "killed 140 people in an assault", "took part in the opening of the summit"
        top = tok
        while top.head.i != verb.i and top.head.i != top.i:
            top = top.head
        obj = dobj(verb)
        if obj is not None and obj.i != top.i:
            parts.append(_phrase(obj, 6))
        words, cut = _phrase_tokens(top, 10)
        parts.append(_lower_first(_join(words), words[0]) + (" …" if cut else ""))
        comp = [c for c in verb.children if c.dep_ == "ccomp"]
        if comp:    # "said in a statement that ..."
            parts.append("that " + _said(comp[0]))
    elif passive:
        patient = children(verb, *SUBJ_PASS)
        parts.append(_phrase(patient[0]) if patient else "")
    else:
        parts.append(_complement(verb, tok, trig.light is not None, tuple(trig.rule.get("prep", ())) if verb is tok else ()))
    return " ".join(p for p in parts if p)


def _event_noun(ctx: Article, trig: Trigger, source: Resolution) -> str:
    """A bare event noun: its own phrase without its article, and who did it when the phrase does not say."""
    toks, cut = _phrase_tokens(trig.tok, 10)
    while toks and toks[0].dep_ == "det" and toks[0].head.i == trig.tok.i:
        toks = toks[1:]
    text = _join(toks) + (" …" if cut else "")
    who = source.person or source.actor
    if who:
        named = set()
        for t in toks:
            r = ctx.actors.resolve(t, conjuncts=False)
            named.update(r.actors + r.people)
        if who not in named:
            text += f" by {who}"
    return text
