"""Report periods: quarters and halves, "a year ago" on the period under discussion, "the year"."""
from __future__ import annotations

import re

from spacy.tokens import Span

from pipeline.dates.values import Value, _duration, _half, _quarter, _shift, _vague, _year


def quarters(n, t: str, span: Span, sent: int, tense) -> Value | None:
    g, lex = n.g, n.lex
    m = g.year_possessive.match(t)
    if m:
        return _of_relative_year(n, lex.relatives[m.group(1)], quarters(n, m.group(2), span, sent, tense))
    m = g.quarter.match(t)
    if m:
        ordw = m.group(1).replace("fiscal ", "")
        q = lex.ordinals.get(ordw)
        kind = m.group(2)
        if q is None:
            return None
        if kind == "quarters":
            return Value("SET", f"XXXX-Q{q}" if q > 0 else None, rule="rule:quarter:set")
        maxq = 4 if kind == "quarter" else 2
        if q == -1:
            q = maxq
        if not 1 <= q <= maxq:
            return Value("DATE", None, rule="rule:quarter:invalid")
        make = _quarter if kind == "quarter" else _half
        yr = m.group(4)
        if yr and yr.isdigit():
            v = make(int(yr), q)
            return v and Value(v.type, v.value, v.start, v.end, v.granularity, None, "rule:quarter:year")
        if n.dct is None:
            return n.unanchored("rule:quarter")
        base = n.dct.year
        if yr in ("last year", "the year ago", "the year earlier"):
            base -= 1
        elif yr == "next year":
            base += 1
        if yr:
            v = make(base, q)
            rule = "rule:quarter:relative_year"
        else:
            prev = n.previous(sent, ("year",), window=1)
            if prev is not None and "year" in t:
                base = prev.start.year
            cands = [make(y, q) for y in (base - 1, base, base + 1)]
            v, rule = n.pick(cands, "past"), "rule:quarter:past"   # a report names a quarter that has begun
            cur = make(base, q)
            if cur is not None and (cur.start > n.dct or (n.dct - cur.end).days > lex.quarter_report_days) \
                    and tense() == "future":
                # "the deal will close in the second half" (in March): this year's, not last year's;
                # a quarter ended last month is still the one to be reported ("expects to report for the third quarter")
                v, rule = (cur if cur.start > n.dct else make(base + 1, q)), "rule:quarter:future"
        if v is None:
            return None
        if "year ago" in t or "year earlier" in t:
            v, rule = _shift(v, "Y", -1), "rule:quarter:year_ago"
        v.rule, v.anchor = rule, n.dct_anchor()
        return v
    m = g.year_quarter.match(t)
    if m:
        q = lex.ordinals.get(m.group(2), 0)
        v = (_quarter if m.group(3) == "quarter" else _half)(int(m.group(1)), q)
        if v:
            v.rule = "rule:quarter:year"
        return v
    m = g.q_code.match(t)
    if m:
        v = _quarter(int(m.group(2)), int(m.group(1)))
        if v:
            v.rule = "rule:quarter:code"
        return v
    m = g.the_quarter.match(t)
    if m:
        mods = t[:m.start(3)] if m.group(3) else t   # "the corresponding period last year": a year back
        if m.group(3):
            mods += " year ago"
        if n.dct is None:
            return n.unanchored("rule:the_quarter")
        cur = _quarter(n.dct.year, (n.dct.month - 1) // 3 + 1)
        if re.search(r"\b(latest|most recent|just ended)\b", mods) and m.group(2) == "quarter":
            v, rule = _shift(cur, "Q", -1), "rule:quarter:latest"   # the last quarter reported
        elif re.search(r"\b(current|this)\b", mods):
            v, rule = cur, "rule:quarter:current"
        elif re.search(r"\b(next|coming)\b", mods):
            v, rule = _shift(cur, "Q", 1), "rule:quarter:next"
        elif re.search(r"\b(last|previous|prior|past)\b", mods) and "latest" not in mods:
            v, rule = _shift(cur, "Q", -1), "rule:quarter:last"
        else:
            prev = n.previous(sent, ("quarter",))
            if ("year ago" in mods or "year earlier" in mods) and n.latest_period(sent) is not None \
                    and n.latest_period(sent).granularity == "report_period":
                return _months_period_year_ago(n, sent)   # "the year-earlier period" after "the nine months"
            if prev is not None:
                v = Value(prev.type, prev.value, prev.start, prev.end, prev.granularity)
                rule = "rule:quarter:anaphoric"
                if "year ago" in mods or "year earlier" in mods:
                    v, rule = _shift(prev, "Y", -1), "rule:quarter:year_ago"
                if v is None:
                    return None
                v.rule, v.anchor = rule, prev.value
                return v
            if m.group(2) == "period":
                return None
            v, rule = _shift(cur, "Q", -1), "rule:quarter:latest"
            if "year ago" in mods or "year earlier" in mods:
                v = _shift(v, "Y", -1)
        if v is None:
            return None
        v.rule, v.anchor = rule, n.dct_anchor()
        return v
    return None


def _of_relative_year(n, k: int, v: Value | None) -> Value | None:
    """ "last year's quarter", "next year's first quarter": the period, moved to that year."""
    if v is None or v.start is None or v.granularity != "quarter":
        return v
    if n.dct is None:
        return n.unanchored("rule:quarter:relative_year")
    moved = _shift(v, "Y", n.dct.year + k - v.start.year)
    if moved is not None:
        moved.rule, moved.anchor = "rule:quarter:relative_year", n.dct_anchor()
    return moved


def year_ago(n, t: str, sent: int) -> Value | None:
    """ "a year ago", "year-earlier": the last mentioned period, a year back.

    After a months period ("for the nine months, ... a year earlier") it is the
    year before: no quarter names nine months."""
    period = n.latest_period(sent)
    if period is not None and period.granularity == "report_period":
        return _months_period_year_ago(n, sent)
    prev = (period or n.previous(sent, ("quarter", "month", "day", "year", "season"), window=2))
    if prev is not None and prev.granularity in ("quarter", "season"):
        v = _shift(prev, "Y", -1)
        return _named(v, "rule:year_ago:anaphoric", prev.value)
    if prev is not None and prev.granularity == "month" and n.previous(sent, ("month",), window=0) is prev:
        # "exports fell in February from a year earlier": the month compared, a year back
        return _named(_shift(prev, "Y", -1), "rule:year_ago:month", prev.value)
    if n.dct is None:
        return n.unanchored("rule:year_ago")
    if "ago" in t or prev is None:
        return _named(_year(n.dct.year - 1), "rule:year_ago", n.dct_anchor())
    return _named(_year(prev.start.year - 1), "rule:year_ago:anaphoric", prev.value)


def compared_last_year(n, t: str, span: Span, sent: int) -> Value | None:
    """ "net of $24 million, compared with a loss of $3 million last year", the quarter under report
    named just before: "last year" is that quarter a year back, as "a year earlier" would be."""
    if t != "last year" or n.dct is None:
        return None
    period = n.latest_period(sent, window=1)
    if period is None or period.granularity != "quarter" or "-Q" not in (period.value or "") \
            or period.start.year != n.dct.year:
        return None
    if span.root.head.pos_ in ("VERB", "AUX"):
        return None   # "the 16 cents it reported last year": when it was reported, not a period compared
    sentence = span.sent
    before = span.doc[sentence.start:span.start]
    if not any(tok.lower_ in n.lex.comparison_words for tok in before) \
            or not any(tok.ent_type_ == "MONEY" for tok in sentence):
        return None
    return _named(_shift(period, "Y", -1), "rule:year_ago:compared", period.value)


def _months_period_year_ago(n, sent: int) -> Value | None:
    """The year before the report year: that of the last quarter named, else of the publication."""
    base = n.previous(sent, ("quarter",))
    if base is not None:
        return _named(_year(base.start.year - 1), "rule:year_ago:months_period", base.value)
    if n.dct is None:
        return n.unanchored("rule:year_ago")
    return _named(_year(n.dct.year - 1), "rule:year_ago:months_period", n.dct_anchor())


def _named(v: Value | None, rule: str, anchor: str | None) -> Value | None:
    if v is None:
        return None
    v.rule = v.rule or rule
    if anchor is not None:
        v.anchor = anchor
    return v


def the_unit(n, m, span: Span) -> Value | None:
    """ "the year" in a report is its current (fiscal) year; "the week" an unspecified week of it.

    Followed by "ended"/"ending" ("the year ended March 31") it names a
    one-unit period, a DURATION in TimeML.
    """
    unit = n.lex.units[m.group(2)]
    doc = span.doc
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    if nxt in n.lex.period_end_words and not m.group(1):
        return Value("DURATION", _duration(1, unit), rule="rule:the_unit:period")
    if n.dct is None:
        return n.unanchored("rule:the_unit")
    if unit == "Y":
        v = _year(n.dct.year)
        if v:
            v.rule, v.anchor = "rule:the_unit:year", n.dct_anchor()
        return v
    v = _vague(f"{n.dct.year:04d}-WXX")
    v.rule, v.anchor = "rule:the_unit:week", n.dct_anchor()
    return v
