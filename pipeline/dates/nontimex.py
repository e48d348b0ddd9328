"""Spans that look temporal but that the TimeML guidelines leave unannotated.

A rate is a quantity per unit of time ("$500 million a year", "700 seats a
week"), like a speed, not a frequency of events; "a quarter of" and
"quarter-century" are fractions, not fiscal quarters; an idiom or a title
("high noon") names no time. Each class is a word list in lexicon.json
(``not_timex``), read here.
"""
from __future__ import annotations

from spacy.tokens import Span

_AMOUNT_ENTS = ("MONEY", "QUANTITY", "CARDINAL", "PERCENT")


def _amount_before(span: Span) -> bool:
    """The noun before "a year" is counted ("700 seats", "$2 million", "358,000")."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and i >= span.start - 5:
        tok = doc[i]
        if tok.like_num or tok.ent_type_ in _AMOUNT_ENTS or tok.is_currency:
            return True
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "SYM"):
            return False
        i -= 1
    return False


def is_rate(span: Span) -> bool:
    """ "$40 million a year", "15% annually": an amount per unit of time, like a speed."""
    return _amount_before(span)


def is_fraction(span: Span, words: dict) -> bool:
    """ "a quarter of the market", "a quarter-century low", "three quarters of them"."""
    doc = span.doc
    for i, tok in enumerate(span[:-2]):
        if tok.lower_ in words["fraction_units"] and span[i + 1].text == "-" and span[i + 2].lower_ in words["larger_units"]:
            return True   # "quarter-century" read as one span
    last = span[-1]
    if last.lower_ not in words["fraction_units"]:
        return False
    if any(t.lower_ not in words["fraction_heads"] for t in span[:-1]):
        return False    # "the third quarter of 1989", "the quarter": a period
    after = doc[span.end:span.end + 4]
    if not after or after[0].lower_ not in ("of", "-"):
        return False
    return not any(t.lower_ in words["larger_units"] or t.shape_ == "dddd" for t in after[1:])  \
        if after[0].lower_ == "of" else len(after) > 1 and after[1].lower_ in words["larger_units"]


def is_idiom(span: Span, words: dict) -> bool:
    """ "high noon": the word before turns the time word into a figure of speech."""
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    return f"{prev} {span.text.lower()}" in words["idioms"] or span.text.lower() in words["idioms"]


def is_named_march(span: Span, words: dict, months: dict) -> bool:
    """ "the annual March for Life", "this march": a month word that is a march, not the month.

    The month is capitalized, and a name goes on after it ("March of the Mothers")."""
    doc = span.doc
    for tok in span:
        if tok.lower_ not in words["month_homographs"] or tok.lower_ not in months:
            continue
        if tok.text.islower() and not span.sent.text.islower():
            return True
        after = [t for t in doc[tok.i + 1:tok.i + 4] if t.lower_ not in ("the", "a", "an")]
        if len(after) > 1 and after[0].lower_ in words["name_links"] and after[1].is_title \
                and after[1].lower_ not in months and not after[1].like_num:
            return True
    return False
