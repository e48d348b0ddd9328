"""The date stage over one parsed document: candidate spans in, TIMEX3 rows out."""
from __future__ import annotations

import bisect
import datetime

from spacy.tokens import Doc

from pipeline.dates.normalize import Normalizer
from pipeline.dates.spans import candidates, trim


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
    norm = Normalizer(published)
    rows: list[dict] = []
    for s, e, label in candidates(doc):
        span = doc[s:e]
        sent = max(0, bisect.bisect_right(sent_starts, s) - 1)
        v = norm.normalize(span, sent, label)
        if v is not None and v.rule == "rule:unresolved" and 1 < e - s <= 8:
            # an over-long entity ("just last month", "a 20th century"): keep its first sub-span a rule reads
            for s2, e2 in [(s + i, e) for i in range(1, e - s)] + [(s, e - j) for j in range(1, e - s)]:
                s3, e3 = trim(doc, s2, e2)
                if s3 >= e3:
                    continue
                sub = norm.normalize(doc[s3:e3], sent, "sub")
                if sub is not None and sub.value is not None:
                    span, v = doc[s3:e3], sub
                    break
        if v is None:
            continue
        if v.type not in ("DATE", "TIME") or v.granularity is None:
            start = end = None
        else:
            start, end = v.start, v.end
        gran = v.granularity if v.type in ("DATE", "TIME") else None
        if v.value is None:
            start = end = gran = None
        rows.append({
            "article_id": article_id,
            "text": span.text,
            "char_start": span.start_char,
            "char_end": span.end_char,
            "sentence_index": sent,
            "type": v.type,
            "value": v.value,
            "date_start": start,
            "date_end": end,
            "granularity": gran,
            "anchor": v.anchor if v.value is not None else None,
            "method": v.rule or "rule:unnamed",
        })
    return rows
