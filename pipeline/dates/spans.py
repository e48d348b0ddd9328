"""Finding candidate spans: spaCy DATE/TIME entities and Matcher hits, cut to TimeML extents."""
from __future__ import annotations

from spacy.tokens import Doc

from pipeline.dates.grammar import grammar, norm_text
from pipeline.dates.lexicon import MATCH_REACH, load_lexicon, load_matchers, matcher_anchors


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The span without leading prepositions, trailing possessives or punctuation."""
    lex = load_lexicon()
    lead = set(lex.strip_leading)
    trail = set(lex.strip_trailing)
    keep = lex.strip_leading_keep
    while start < end:
        w = doc[start].lower_
        if w in lex.articles and end - start > 2 and doc[start + 1].like_num and doc[start + 1].lower_ not in lex.articles:
            start += 1    # "a 16-hour flight": the article is not part of the expression
            continue
        if w == "the" and end - start > 2 and (is_month(doc[start + 1]) or (
                day_number(doc[start + 1]) and is_month(doc[start + 2]) and end < len(doc) and doc[end].pos_ == "NOUN")):
            start += 1    # "the April 15 clashes", "the 12 November vote": the determiner is the noun's
            continue
        if w == "the" and end - start > 3 and doc[start + 1].lower_ in lex.parts_of_day and doc[start + 2].lower_ == "of" \
                and (is_month(doc[start + 3]) or day_number(doc[start + 3]) or doc[start + 3].lower_ in lex.weekdays):
            start += 3    # "the night of June 6": TimeML (TempEval-3) marks the date only
            continue
        if w in lex.leading_verbs and doc[start].pos_ in ("VERB", "AUX") and end - start > 1:
            start += 1    # "the trial will last two weeks": the verb is not part of the duration
            continue
        if not (w in lead or doc[start].is_punct or doc[start].is_space):
            break
        if w in keep and end - start > 1:
            nxt = doc[start + 1]
            if nxt.lower_ in keep[w] or ("#num" in keep[w] and (nxt.like_num or nxt.lower_ in ("a", "an"))):
                break
        start += 1
    while end > start and (doc[end - 1].lower_ in trail or doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text == "." and end - start == 1:
            break
        end -= 1
    if end - start > 1 and end < len(doc) and doc[end - 1].lower_ in lex.signal_prepositions \
            and doc[end - 1].dep_ in ("prep", "mark") and (doc[end].is_alpha or doc[end].like_num):
        end -= 1    # "the day before the vote": "before" is a signal with its own object; the time is "the day"
    return start, end


def split(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut "the quarter ended Sept. 30" and "the nine months of 1989" in two expressions."""
    lex = load_lexicon()
    g = grammar()
    for i in range(start + 1, end - 1):
        w = doc[i].lower_
        if w == "," and doc[i - 1].shape_ == "dddd" and doc[i + 1].shape_ == "dddd":
            return [(start, i)] + split(doc, i + 1, end)
        if w in lex.list_connectors and (day_number(doc[i - 1]) and _names_month(doc, start, end)
                                         or doc[i - 1].lower_ in lex.weekdays):
            # "February 28, March 3 and March 10", "November 28-29", "Friday and Thursday": one expression per date
            j = i + 1
            while j < end - 1 and doc[j].lower_ in lex.list_connectors:
                j += 1
            after_weekday = doc[i - 1].lower_ in lex.weekdays
            if doc[j].lower_ in lex.weekdays if after_weekday else (day_number(doc[j]) or is_month(doc[j])):
                return [(start, i)] + split(doc, j, end)   # but "Tuesday, October 1" is one date
        if w in lex.split_words or (w == "of" and g.duration.match(norm_text(doc[start:i].text))):
            if w in ("and", "or") and not (doc[i - 1].like_num or doc[i + 1].lower_ in lex.grammar["edges"]):
                continue
            if w == "and" and f"and {doc[i + 1:i + 3].text.lower()}" in lex.grammar["half_suffix"]:
                continue   # "two and a half years" is one number
            if w == "and" and doc[i - 1].lower_ in {x.split()[-1] for x in
                                                    lex.grammar["spoken_thousand"] + lex.grammar["spoken_hundred"]}:
                continue   # "two thousand and eleven" is one year
            if w in ("to",) and not (doc[i + 1].like_num or doc[i + 1].lower_.rstrip(".") in lex.months
                                     or doc[i + 1].lower_ in lex.weekdays):
                continue
            return [(start, i)] + split(doc, i + 1, end)
    return [(start, end)]


def day_number(tok) -> bool:
    """A day of the month written in digits: "28", not "2021"."""
    return tok.shape_ in ("d", "dd") and 1 <= int(tok.text) <= 31


def _bare_day(doc: Doc, s: int, e: int) -> bool:
    """ "25" or "25, 2021": a day number, perhaps with the list's year, and no month."""
    words = [t for t in doc[s:e] if t.text != ","]
    return day_number(words[0]) and (len(words) == 1 or (len(words) == 2 and words[1].shape_ == "dddd"))


def is_month(tok) -> bool:
    return tok.lower_.rstrip(".") in load_lexicon().months


def _names_month(doc: Doc, start: int, end: int) -> bool:
    return any(is_month(t) for t in doc[start:end])


def _matches(doc: Doc, matcher) -> list[tuple[int, int, int]]:
    """The Matcher's matches, run only around tokens a pattern can anchor on (most of a news text
    names no time: the Matcher was most of the date stage's cost)."""
    words = matcher_anchors()
    if words is None:
        return matcher(doc)
    hits = [t.i for t in doc if t.like_num or t.lower_ in words or any(ch.isdigit() for ch in t.text)]
    windows: list[list[int]] = []
    for i in hits:
        a, b = max(0, i - MATCH_REACH), min(len(doc), i + MATCH_REACH + 1)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    return [(m, s + a, e + a) for a, b in windows for m, s, e in matcher(doc[a:b])]


def candidates(doc: Doc) -> list[tuple[int, int, str]]:
    matcher, meta = load_matchers(doc.vocab)
    found: list[tuple[int, int, str, int]] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            found.append((ent.start, ent.end, ent.label_, 0))
    for match_id, s, e in _matches(doc, matcher):
        info = meta[doc.vocab.strings[match_id]]
        found.append((s + info["trim_left"], e, info["label"], 1))
    pieces: list[tuple[int, int, str]] = []
    for s, e, label, _ in found:
        s, e = trim(doc, s, e)
        if s >= e:
            continue
        parts = split(doc, s, e)
        for s2, e2 in parts:
            s2, e2 = trim(doc, s2, e2)
            if s2 < e2:
                # a bare day of a list or range ("April 24 and 25"): its month is a sibling's
                bare_day = len(parts) > 1 and _bare_day(doc, s2, e2) and _names_month(doc, s, e)
                pieces.append((s2, e2, "list_day" if bare_day else label))
    # longest first; keep spans that do not overlap a kept one
    prio = load_lexicon().candidate_priority
    pieces.sort(key=lambda p: (-(p[1] - p[0]), -prio.get(p[2], 1), p[0]))
    taken = [False] * (len(doc) + 1)
    kept = []
    for s, e, label in pieces:
        if any(taken[s:e]):
            continue
        for i in range(s, e):
            taken[i] = True
        kept.append((s, e, label))
    kept.sort()
    return join_time_and_day(doc, _join_year_possessive(doc, kept))


def _join_year_possessive(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "last year's third quarter", "the spring of 2022": the year and the period it owns are one TIMEX3."""
    lex = load_lexicon()
    out: list[tuple[int, int, str]] = []
    for s, e, label in spans:
        if out and s >= 2 and doc[s - 1].lower_ == "'s" and out[-1][1] == s - 1 and doc[s - 2].lower_ == "year" \
                and doc[out[-1][0]].lower_ in lex.relatives and doc[e - 1].lower_ in lex.grammar["quarter_units"]:
            out[-1] = (out[-1][0], e, "quarter")
            continue
        if out and e - s == 1 and doc[s].shape_ == "dddd" and out[-1][1] == s - 1 and doc[s - 1].lower_ == "of" \
                and doc[s - 2].lower_ in lex.seasons:
            out[-1] = (out[-1][0], e, out[-1][2])   # "the spring of 2022": one season, of that year
            continue
        out.append((s, e, label))
    return out


def join_time_and_day(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "5 p.m. EST, Nov. 6", "noon Thursday", "mid-afternoon yesterday": a time and the day right after it are one TIMEX3."""
    lex = load_lexicon()
    out: list[tuple[int, int, str]] = []
    for s, e, label in spans:
        if out and out[-1][2] in ("time", "TIME") and label in ("weekday", "month", "DATE", "deictic"):
            ps, pe, _ = out[-1]
            gap = doc[pe:s]
            words = doc[s:e]
            day_like = (words[0].lower_ in lex.weekdays or words[0].lower_.rstrip(".") in lex.months
                        or (len(words) == 1 and words[0].lower_ in lex.deictic_days))
            is_duration = grammar().duration.match(norm_text(doc[ps:pe].text))   # "for four hours Friday"
            if day_like and not is_duration and all(t.text == "," for t in gap) and len(gap) <= 1:
                out[-1] = (ps, e, "time")
                continue
        out.append((s, e, label))
    return out

