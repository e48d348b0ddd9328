"""Tense of the clause holding an expression: it chooses between the past and the coming date."""
from __future__ import annotations

from spacy.tokens import Span

from pipeline.dates.lexicon import load_lexicon


def clause_tense(span: Span) -> str | None:
    """past / future / None for the clause holding span, from its governing verb."""
    lex = load_lexicon()
    doc = span.doc
    try:
        sent_start = span.sent.start
    except ValueError:
        sent_start = 0
    tok = span.root
    if _after_past_preposition(span):
        return "past"
    local = True
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and not (span.start <= tok.i < span.end):
            if tok.ent_type_ in ("DATE", "TIME") or tok.lower_.rstrip(".") in lex.months:
                continue   # another date of the same list ("on May 3 and May 10"): its clause is ours
            local = False   # the expression modifies a noun phrase: tense says nothing
            break
    verb = tok if local and tok.pos_ in ("VERB", "AUX") else None
    before = doc[max(sent_start, span.start - 3):span.start].text.lower()
    tn = verb_tense(verb) if verb is not None else None
    if any(before.endswith(cue) for cue in lex.future_cues):
        # "until Thursday, they had not ..." is a past perfect: the cue does not make it future
        if verb is None or not any(c.lower_ == "had" for c in verb.children if c.dep_ in ("aux", "auxpass")):
            return "future"
    if tn is None and any(before.endswith(cue) for cue in lex.weak_future_cues):
        return "future"   # "starting Monday"; but "bought from Sept. 14" stays past
    return tn


def _after_past_preposition(span: Span) -> bool:
    """ "since the Oct. 23 slaying", "since March": a time already gone, whatever the verb."""
    lex = load_lexicon()
    tok = span.root
    for _ in range(4):
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX"):
            return False
        tok = tok.head
        if tok.dep_ == "prep" and tok.lower_ in lex.past_prepositions and not (span.start <= tok.i < span.end):
            return True
    return False


def phrase_tense(span: Span) -> str | None:
    """The tense of the verb governing the noun phrase span modifies ("a mission in December" <- will be named)."""
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and not (span.start <= tok.i < span.end):
            return verb_tense(tok)
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def sentence_tense(span: Span) -> str | None:
    """The tense of the sentence's main verb: a fallback where the clause itself has none."""
    try:
        root = span.sent.root
    except ValueError:
        return None
    return verb_tense(root) if root.pos_ in ("VERB", "AUX") else None


def verb_tense(tok) -> str | None:
    """past / future / None from a verb's tag and auxiliaries (climbing participles)."""
    lex = load_lexicon()
    for _ in range(3):
        if tok.dep_ == "pcomp" and tok.head.lower_ in lex.past_prepositions:
            return "past"   # "since marching into the city": a time already gone
        if tok.lemma_.lower() in lex.plan_lemmas and any(c.lower_ in lex.plan_prepositions for c in tok.children):
            return "future"   # "a summit set for April", "was planned for March"; but "a record set on Aug. 6"
        if tok.lemma_.lower() in lex.plan_object_lemmas and any(c.dep_ == "dobj" for c in tok.children):
            return "future"   # "has scheduled a news conference Thursday": the date is the planned event's
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        if words & set(lex.future_auxiliaries):
            return "future"
        if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            if words & set(lex.conditional_auxiliaries) or tok.lower_ in lex.conditional_auxiliaries:
                return "future"
            if words & set(lex.past_modals) or tok.lower_ in lex.past_modals:
                return None
            return "past"
        if tok.tag_ == "VBN" and words & {"has", "have", "had", "was", "were"}:
            return "past"
        if tok.tag_ == "VBG" and words & {"is", "are", "am"}:
            return "future"
        if tok.tag_ == "VB" and "to" in words:
            head = tok.head
            gov = head.head if head.pos_ == "ADJ" else head     # "had been due to expire"
            if head.i != tok.i and any(c.lower_ == "had" for c in gov.children if c.dep_ in ("aux", "auxpass")):
                return "past"
            if head.i != tok.i and head.lemma_.lower() in lex.future_markers or head.lower_ in lex.future_markers:
                return "future"
            if head.i != tok.i and tok.dep_ == "xcomp" and head.lower_ in lex.arrangement_copulas:
                return "future"   # "the stock is to resume trading Tuesday": an arrangement ahead
            return None
        if words & set(lex.past_modals) or tok.lower_ in lex.past_modals:
            return None   # "could be found Wednesday": ability, says nothing of the time
        if tok.tag_ == "MD" or words & {"may", "might", "would", "should", "must", "can"}:
            return "future"
        if tok.tag_ == "VBN" and not words and tok.dep_ in ("acl", "advcl"):
            return "past"   # reduced participle clause: "the decision, announced Wednesday"
        if tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "advcl", "ccomp", "conj") and tok.head.i != tok.i:
            tok = tok.head
            continue
        return None
    return None

