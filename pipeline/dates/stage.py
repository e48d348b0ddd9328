"""The date stage over one parsed document: candidate spans in, TIMEX3 rows out."""
from __future__ import annotations

import bisect
import datetime
import re

from spacy.tokens import Doc, Span

from pipeline.dates.fallback import temporal_word
from pipeline.dates.grammar import norm_text
from pipeline.dates.lists import resolve_lists
from pipeline.dates.normalize import Normalizer
from pipeline.dates.spans import candidates, is_month, trim
from pipeline.dates.values import Value

_DAY_RANGE_TOKEN = re.compile(r"^(\d{1,2})[-\u2013](\d{1,2})$")   # "5–8" is one token


def timexes_for_doc(doc: Doc, article_id: str, published: datetime.date | None) -> list[dict]:
    """Every temporal expression in doc, normalized against the publication date."""
    if doc is None or len(doc) == 0:
        return []
    if isinstance(published, datetime.datetime):
        published = published.date()
    try:
        sents = list(doc.sents)
    except ValueError:
        sents = [doc[:]]
    sent_starts = [s.start for s in sents]
    text = doc.text         # spaCy joins every token again on each doc.text: read it once
    norm = Normalizer(published)
    rows: list[dict] = []
    for s, e, label in candidates(doc):
        span = doc[s:e]
        sent = max(0, bisect.bisect_right(sent_starts, s) - 1)
        r = _range_token(doc, s, e)
        m = _DAY_RANGE_TOKEN.match(doc[r].text) if r is not None else None
        if m:
            # "June 5–8" written as one token: "June 5" and "8", each its own expression;
            # "March 3-5, 2022": "March 3" and "5, 2022", the list giving both the year (lists.py)
            first_end = doc[r].idx + len(m.group(1))
            v = norm.normalize(span, sent, label, text=text[span.start_char:first_end])
            if v is not None:
                rows.append(_row(article_id, text, span.start_char, first_end, sent, v))
                rows.append(_row(article_id, text, first_end + 1, span.end_char, sent,
                                 Value("DATE", None, rule="rule:list_day")))
            continue
        v = norm.normalize(span, sent, label)
        parts = [(span, v)]
        if v is not None and v.rule == "rule:unresolved" and 1 < e - s <= 8:
            parts = _readable_parts(doc, norm, s, e, sent) or parts
        if parts[0][1] is v and v is not None and v.rule == "rule:unresolved" \
                and not temporal_word(norm_text(span.text)):
            continue   # "as little as 99 cents": no part of it is read and no word of it names a time
        for span, v in parts:
            if v is not None:
                rows.append(_row(article_id, text, span.start_char, span.end_char, sent, v))
    return resolve_lists(rows, text)


def _range_token(doc: Doc, s: int, e: int) -> int | None:
    """The index of a day range written as one token right after a month ("June 5–8"), the span
    ending there or in the range's year ("March 3-5, 2022")."""
    r = e - 1
    if r - s >= 2 and doc[r].shape_ == "dddd":
        r -= 2 if doc[r - 1].text == "," else 1
    return r if r - s >= 1 and is_month(doc[r - 1]) else None


def _readable_parts(doc: Doc, norm: Normalizer, s: int, e: int, sent: int) -> list[tuple[Span, Value]]:
    """An over-long entity ("just last month", "a 20th century"): its first sub-span a rule reads; and
    when a comma cuts it ("Monday, Feb. 20, two days"), the part before the comma as well."""
    for s2, e2 in [(s + i, e) for i in range(1, e - s)] + [(s, e - j) for j in range(1, e - s)]:
        s3, e3 = trim(doc, s2, e2)
        if s3 >= e3:
            continue
        sub = norm.normalize(doc[s3:e3], sent, "sub")
        if sub is None or sub.value is None:
            continue
        parts = [(doc[s3:e3], sub)]
        if e2 == e and doc[s3 - 1].text == "," and s3 - 1 > s:
            r0, r1 = trim(doc, s, s3 - 1)
            before = norm.normalize(doc[r0:r1], sent, "sub") if r0 < r1 else None
            if before is not None and before.value is not None:
                parts.insert(0, (doc[r0:r1], before))
        return parts
    return []


def _row(article_id: str, text: str, start_char: int, end_char: int, sent: int, v: Value) -> dict:
    if v.type not in ("DATE", "TIME") or v.granularity is None:
        start = end = None
    else:
        start, end = v.start, v.end
    gran = v.granularity if v.type in ("DATE", "TIME") else None
    if v.value is None:
        start = end = gran = None
    return {
        "article_id": article_id,
        "text": text[start_char:end_char],
        "char_start": start_char,
        "char_end": end_char,
        "sentence_index": sent,
        "type": v.type,
        "value": v.value,
        "date_start": start,
        "date_end": end,
        "granularity": gran,
        "anchor": v.anchor if v.value is not None else None,
        "method": v.rule or "rule:unnamed",
    }
