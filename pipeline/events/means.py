"""An attack noun and the verb that tells its outcome are one event.

"An Israeli airstrike killed 12 people", "a drone strike that killed two
militants": the noun names the means (and often, through a modifier or the
verb that ordered it, who used it), the verb names whom it hit.  Coding both
counts one strike twice, on two codes.  The verb's mention stays, with the
noun's code (the means is the more specific CAMEO type), the noun's source
when the verb's subject names no one, and the noun's date when the verb's
clause has none.
"""
from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.arguments import argument_words
from pipeline.events.context import Article
from pipeline.events.syntax import children


def fold_means(ctx: Article) -> None:
    """Merge every violent event noun into the violent verb it is the subject of."""
    violent = argument_words()["complement_codes"]["violent_roots"]
    for trig in list(ctx.triggers.values()):
        if trig.pos != "verbal" or trig.rule["code"][:2] not in violent or trig.tok.i not in ctx.triggers:
            continue
        noun = _subject_noun(trig.tok)
        means = ctx.triggers.get(noun.i) if noun is not None else None
        if means is None or means.pos != "nominal" or means.rule["code"][:2] not in violent:
            continue
        del ctx.triggers[noun.i]
        trig.means = means
        trig.rule = dict(trig.rule, code=means.rule["code"])


def _subject_noun(verb: Token) -> Token | None:
    """The verb's subject; through a relative pronoun, the noun the clause describes."""
    subj = children(verb, "nsubj")
    if not subj:
        return None
    if subj[0].tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return verb.head
    return subj[0]
