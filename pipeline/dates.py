"""Date normalization stage: the temporal expressions of a parsed Doc as TIMEX3 rows.

Three steps, each explainable from the row it produces:

1. *find*: spaCy DATE/TIME entities plus Matcher patterns
   (``data/dates/patterns.jsonl``) for what the model misses, cut to TimeML
   extents (no prepositions, no possessive 's, "X ended Sept. 30" split);
2. *classify and normalize*: ordered rules over the span's words, word lists
   in ``data/dates/lexicon.json``; the first rule that applies gives type,
   TIMEX3 value, day interval and granularity, and names itself in ``method``;
   dateparser is the fallback for absolute dates no rule reads;
3. *anchor*: deictic expressions on the publication date, with the clause's
   tense choosing between the past and the coming weekday/month/quarter;
   anaphoric ones ("a year earlier", "the next day") on the nearest earlier
   resolved expression of the text.

Without a publication date, relative expressions get value None and a
``method`` ending in ``:unanchored``; nothing is guessed.
"""
from __future__ import annotations

import bisect
import calendar
import datetime
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dateutil.easter import easter
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from pipeline.warehouse.schemas import TIMEXES
from pipeline.config import DATA_DIR

DATES_DIR: Path = DATA_DIR / "dates"
COLUMNS = TIMEXES.names


# --------------------------------------------------------------------------- data

@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``lexicon.json`` and the regex fragments built from them."""

    raw: dict

    def __getattr__(self, name: str):
        try:
            return self.raw[name]
        except KeyError:
            raise AttributeError(name) from None


def _alt(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    return Lexicon(json.loads((DATES_DIR / "lexicon.json").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def load_patterns() -> list[dict]:
    lines = (DATES_DIR / "patterns.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


_MATCHERS: dict[int, tuple] = {}


def load_matchers(vocab=None) -> tuple[Matcher, dict[str, dict]]:
    """The Matcher over ``patterns.jsonl`` for this vocab, built once per vocab."""
    if vocab is None:
        from pipeline.nlp import load_nlp

        vocab = load_nlp().vocab
    key = id(vocab)
    if key not in _MATCHERS:
        matcher = Matcher(vocab)
        meta: dict[str, dict] = {}
        for i, entry in enumerate(load_patterns()):
            name = f"{entry['label']}#{i}"
            matcher.add(name, [entry["pattern"]])
            meta[name] = {"label": entry["label"], "trim_left": entry.get("trim_left", 0)}
        _MATCHERS[key] = (matcher, meta, vocab)
    matcher, meta, _ = _MATCHERS[key]
    return matcher, meta


# --------------------------------------------------------------------------- values

@dataclass
class Value:
    """A normalized expression."""

    type: str
    value: str | None
    start: datetime.date | None = None
    end: datetime.date | None = None
    granularity: str | None = None
    anchor: str | None = None
    rule: str = ""


def _safe_date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _day(d: datetime.date) -> Value:
    return Value("DATE", d.isoformat(), d, d, "day")


def _month(y: int, m: int) -> Value | None:
    if not (1 <= y <= 9999 and 1 <= m <= 12):
        return None
    last = calendar.monthrange(y, m)[1]
    return Value("DATE", f"{y:04d}-{m:02d}", datetime.date(y, m, 1), datetime.date(y, m, last), "month")


def _year(y: int) -> Value | None:
    if not 1 <= y <= 9999:
        return None
    return Value("DATE", f"{y:04d}", datetime.date(y, 1, 1), datetime.date(y, 12, 31), "year")


def _quarter(y: int, q: int) -> Value | None:
    if not (1 <= y <= 9999 and 1 <= q <= 4):
        return None
    start = datetime.date(y, 3 * q - 2, 1)
    end = datetime.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
    return Value("DATE", f"{y:04d}-Q{q}", start, end, "quarter")


def _half(y: int, h: int) -> Value | None:
    if not (1 <= y <= 9999 and h in (1, 2)):
        return None
    start = datetime.date(y, 1 if h == 1 else 7, 1)
    end = datetime.date(y, 6, 30) if h == 1 else datetime.date(y, 12, 31)
    return Value("DATE", f"{y:04d}-H{h}", start, end, "quarter")


def _week(d: datetime.date, weekend: bool = False) -> Value:
    iy, iw, _ = d.isocalendar()
    monday = d - datetime.timedelta(days=d.weekday())
    if weekend:
        return Value("DATE", f"{iy:04d}-W{iw:02d}-WE", monday + datetime.timedelta(days=5),
                     monday + datetime.timedelta(days=6), "week")
    return Value("DATE", f"{iy:04d}-W{iw:02d}", monday, monday + datetime.timedelta(days=6), "week")


def _season(y: int, code: str) -> Value | None:
    months = load_lexicon().season_months[code]
    if not 1 <= y <= 9998:
        return None
    start = datetime.date(y, months[0], 1)
    end_year = y + 1 if months[1] < months[0] else y
    end = datetime.date(end_year, months[1], calendar.monthrange(end_year, months[1])[1])
    return Value("DATE", f"{y:04d}-{code}", start, end, "season")


def _decade(y: int) -> Value | None:
    if not 1 <= y <= 9990:
        return None
    y = y - y % 10
    return Value("DATE", f"{y // 10:03d}", datetime.date(y, 1, 1), datetime.date(min(y + 9, 9999), 12, 31), "decade")


def _century(c0: int) -> Value | None:
    """c0 = the first two digits of the century's years (20th century -> 19)."""
    if not 0 <= c0 <= 99:
        return None
    y0 = max(1, c0 * 100)
    return Value("DATE", f"{c0:02d}", datetime.date(y0, 1, 1), datetime.date(c0 * 100 + 99, 12, 31), "decade")


def _vague(value: str) -> Value:
    return Value("DATE", value, None, None, "vague")


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + n
    return total // 12, total % 12 + 1


def _shift(v: Value, unit: str, n: int) -> Value | None:
    """v moved by n units, at v's own granularity."""
    if v.start is None:
        return None
    try:
        if v.granularity == "quarter" and v.value and "-Q" in v.value:
            y, q = int(v.value[:4]), int(v.value[-1])
            months = {"Y": 12 * n, "Q": 3 * n, "M": n}.get(unit)
            if months is None:
                return None
            y2, m2 = _add_months(y, 3 * q - 2, months)
            return _quarter(y2, (m2 - 1) // 3 + 1)
        if v.granularity == "quarter" and v.value and "-H" in v.value:
            return _half(int(v.value[:4]) + (n if unit == "Y" else 0), int(v.value[-1]))
        if v.granularity == "season" and unit == "Y":
            return _season(int(v.value[:4]) + n, v.value[5:])
        if v.granularity == "year":
            return _year(v.start.year + {"Y": n, "DE": 10 * n}.get(unit, 0))
        if v.granularity == "month":
            y2, m2 = _add_months(v.start.year, v.start.month, {"Y": 12 * n, "M": n, "Q": 3 * n}.get(unit, 0))
            return _month(y2, m2)
        if v.granularity == "week":
            return _week(v.start + datetime.timedelta(weeks=n if unit == "W" else 0) + _delta_days(v.start, unit, n))
        if v.granularity == "day":
            return _day(v.start + _delta_days(v.start, unit, n))
    except (ValueError, OverflowError):
        return None
    return None


def _delta_days(d: datetime.date, unit: str, n: int) -> datetime.timedelta:
    if unit == "D":
        return datetime.timedelta(days=n)
    if unit == "W":
        return datetime.timedelta(weeks=n)
    if unit in ("M", "Q", "Y", "DE"):
        months = {"M": 1, "Q": 3, "Y": 12, "DE": 120}[unit] * n
        y2, m2 = _add_months(d.year, d.month, months)
        return datetime.date(y2, m2, min(d.day, calendar.monthrange(y2, m2)[1])) - d
    return datetime.timedelta(0)


def _at_granularity(d: datetime.date, unit: str) -> Value | None:
    """The calendar unit holding d: its day, week, month, quarter, year or decade."""
    if unit == "D":
        return _day(d)
    if unit == "W":
        return _week(d)
    if unit == "WE":
        return _week(d, weekend=True)
    if unit == "M":
        return _month(d.year, d.month)
    if unit == "Q":
        return _quarter(d.year, (d.month - 1) // 3 + 1)
    if unit == "Y":
        return _year(d.year)
    if unit == "DE":
        return _decade(d.year)
    if unit == "CE":
        return _century(d.year // 100)
    return None


def _duration(n, unit: str) -> str:
    lex = load_lexicon()
    if n is None:
        n_s = "X"
    elif isinstance(n, float) and not n.is_integer():
        # 2.5 years -> P2Y6M, 5.5 hours -> PT5H30M
        smaller = {"Y": (12, "M"), "H": (60, "MIN"), "D": (24, "H"), "W": (7, "D"), "M": (30, "D"), "MIN": (60, "S")}
        if unit in smaller:
            f, u2 = smaller[unit]
            whole, rest = int(n), int(round((n - int(n)) * f))
            first = _duration(whole, unit) if whole else ("PT" if unit in lex.time_units else "P")
            second = _duration(rest, u2)
            if whole and (unit in lex.time_units) == (u2 in lex.time_units):
                return first + second[2 if u2 in lex.time_units else 1:]
            if not whole:
                return second
            return first + second[1:]
        n_s = str(n)
    else:
        n_s = str(int(n))
    if unit == "MIN":
        return f"PT{n_s}M"
    if unit in lex.time_units:
        return f"PT{n_s}{unit}"
    code = {"DE": "DE", "CE": "CE", "WE": "WE", "ML": "ML"}.get(unit, unit)
    if code == "DE" and n_s != "X":
        return f"P{int(n_s) * 10}Y"
    if code == "CE" and n_s != "X":
        return f"P{int(n_s) * 100}Y"
    if code == "WE":
        return f"P{2 * int(n_s)}D" if n_s != "X" else "PXWE"
    return f"P{n_s}{code}"


# --------------------------------------------------------------------------- text helpers

_ABBR_DOT = re.compile(r"\b([A-Za-z]{2,5})\.(?=\s|$|,)")


def _norm_text(text: str) -> str:
    t = text.lower().replace("\u2019", "'").replace("``", "").replace("''", "").replace('"', "")
    t = _ABBR_DOT.sub(r"\1", t)
    t = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", t)
    t = re.sub(r"(?<=\d)-(?=[a-z])", " ", t)
    t = re.sub(r"(?<=[a-z])-(?=\d)", " ", t)
    t = re.sub(r"[,;!?]|:(?!\d)", " ", t)   # keep the colon of "10:35"
    t = re.sub(r"\s+", " ", t).strip(" .")
    return t


class _Grammar:
    """Regexes assembled from the lexicon, compiled once."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.months = lex.months
        self.month_abbrevs = {k for k, n in lex.months.items()
                              if any(k2 != k and k2.startswith(k) and n2 == n for k2, n2 in lex.months.items())}
        self.weekdays = lex.weekdays
        nums = dict(lex.numbers)
        self.numbers = nums
        M = _alt(self.months)
        W = _alt(self.weekdays)
        NUMW = _alt(list(nums) + [f"{t} {u}" for t in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
                                  for u in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")])
        VAGUEN = _alt(lex.vague_numbers)
        self.NUM = rf"(?:\d+(?:\.\d+)?(?: \d/\d)?|{NUMW}(?: and a half)?|{VAGUEN})"
        U = _alt(lex.units)
        ORD = _alt(lex.ordinals)
        POD = _alt(lex.parts_of_day)
        S = _alt(lex.seasons)
        REL = _alt(lex.relatives)
        c = re.compile
        self.iso = c(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
        self.numeric = c(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
        self.m_d_y = c(rf"^(?:the )?(?:(early|late|mid) )?({M}) (\d{{1,2}})(?:st|nd|rd|th)? (\d{{1,4}})$")
        self.d_m_y = c(rf"^(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({M}) (\d{{1,4}})$")
        self.m_d = c(rf"^(?:(early|late|mid|last|this|next|on) )?({M}) (\d{{1,2}})(?:st|nd|rd|th)?$")
        self.d_m = c(rf"^(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({M})$")
        self.m_y = c(rf"^(?:(?:the )?(?:(early|late|mid|end of|beginning of|start of|middle of) ))?({M}) (?:of )?(\d{{4}})$")
        self.m_rel_year = c(rf"^(?:(early|late|mid) )?({M}) (?:of )?(this|last|next) year$")
        self.spoken_year = c(r"^(?:(?:in )?the year )?(nineteen|eighteen|twenty) (?:hundred(?: and)? )?([a-z]+(?: [a-z]+)?)$|^(?:the year )?(two thousand)(?: (?:and )?([a-z]+))?$")
        self.month_spoken_year = c(rf"^({M}) (?:of )?((?:nineteen|eighteen|twenty|two thousand) .+)$")
        self.decade_word = c(rf"^(?:the )?(?:(early|late|mid) )?({_alt(lex.decade_words)})$")
        self.m = c(rf"^(?:(early|late|mid|last|this|next|earlier this|later this|the end of|the beginning of|the middle of|the start of) )?({M})$")
        self.year = c(r"^(?:the (?=\d{4} (?:period|quarter)$))?(?:(?:the )?(?:(early|late|mid|end of|the end of|beginning of|the beginning of|the middle of|the start of|calendar|fiscal|the fiscal|the calendar|the year|year) ))?(\d{4})(?: (?:period|fiscal year|year|season|levels?|figures?|quarter|results))?$")
        self.year_or_later = c(r"^(\d{4}) or (?:later|earlier|sooner)$")
        self.mid_year = c(r"^mid (\d{4})$")
        self.decade = c(r"^(?:the )?(?:(early|late|mid) )?(\d{4}|'\d\d|\d\d)'?s$")
        self.century = c(r"^(?:the )?(?:(early|late|mid) )?(\d{1,2})(?:st|nd|rd|th) century$")
        self.rel_century = c(rf"^(?:the )?({REL}) century$")
        self.quarter = c(rf"^(?:the |its |a )?(?:(?:latest|current|same|comparable|fiscal|year ago|year earlier|calendar) )*({ORD}|fiscal first|fiscal second|fiscal third|fiscal fourth) (?:fiscal )?(quarter|half|quarters)(?: (?:of )?(?:(fiscal|calendar) )?(\d{{4}}|this year|last year|next year|the year|the year ago|the year earlier))?$")
        self.year_quarter = c(rf"^(?:the )?(?:fiscal )?(\d{{4}}) ({ORD}) (?:fiscal )?(quarter|half)$")
        self.q_code = c(r"^q([1-4]) (\d{4})$")
        self.the_quarter = c(r"^(?:the |this |its )?(?:(latest|current|recent|most recent|same|comparable|just ended|past|last|previous|prior|next|coming|year ago|year earlier|fiscal) )*(quarter|period)$")
        self.year_ago = c(r"^(?:the )?(?:(?:comparable|same|corresponding) )?(?:(?:a|one) )?year (?:ago|earlier|before)(?: (?:quarter|period|level|levels|results|figures?|months|month|year))?$|^(?:the )?(?:previous|prior|preceding) year(?:'s)?$")
        self.fiscal_year = c(r"^(?:the )?(?:(current|latest|previous|last|next|new|this|coming) )?fiscal year$")
        self.deictic = c(rf"^(?:(early|late|earlier|later) )?(today|yesterday|tomorrow|tonight|this|the day before yesterday|the day after tomorrow)(?: ({POD}))?$")
        self.relative = c(rf"^(?:(early|late|earlier|later|mid|the end of|the beginning of|the start of|the middle of|the rest of|the remainder of|the turn of) )?(?:the )?({REL}) ({U}|{S})$")
        self.the_weekend = c(r"^(?:the )?weekend$")
        self.offset = c(rf"^(?:(?:about|some|nearly|almost|more than|over|less than|roughly|approximately|at least|just|only|barely) )?({self.NUM}) ({U})(?: and a half)? (ago|earlier|before|later|after|from now|hence|back|previously)$")
        self.duration = c(rf"^(?:(?:about|some|no more than|as long as|as much as|as little as|no less than|nearly|almost|more than|over|less than|under|roughly|approximately|at least|at most|up to|just|only|barely|another|an additional|a full|full|within|a|an|the next|the last|the past|the first|the final|the previous|the following|the coming|the remaining|past|last|next|first|final|previous|following|coming|the) )*({self.NUM}) (?:more |full |straight |consecutive |long )?({U})(?: and a half)?(?: (?:long|old|running|straight|in a row))?$")
        self.bare_units = c(rf"^(?:the )?(?:(?:past|last|next|coming|first|early|recent|following) )?({U})$")
        self.weekday = c(rf"^(?:(early|late|earlier|later|last|this|next|past|coming|on) )?({W})(?: ({POD}))?$")
        self.weekday_date = c(rf"^({W}) ({M}) (\d{{1,2}})(?:st|nd|rd|th)?(?: (\d{{4}}))?$")
        self.season = c(rf"^(?:(?:the )?(early|late|mid|end of|the end of|beginning of) )?(?:the )?(?:({REL}) )?({S})(?: (?:of )?(\d{{4}}))?$")
        self.year_season = c(rf"^(?:the )?(\d{{4}}) ({S})$")
        self.set_every = c(rf"^(?:every|each|per)(?: other)?(?: ({self.NUM}))? ({U}|{W}|{S}|{POD})$")
        self.set_times = c(rf"^({self.NUM}|once|twice) (?:times )?(?:a|per|every|each) ({U})$")
        self.the_unit = c(r"^the (?:(full) )?(year|week)$")
        self.unit_edge = c(r"^(?:around |by )?(?:the )?(?:(end|beginning|start|middle) of (?:the|this) (year|month|week)|(year) end|(year)'?s end)$")
        self.anaphoric = c(r"^(?:(earlier|later) )?(?:the |that |same )*(next|following|previous|preceding|prior|same|that)? ?(day|morning|afternoon|evening|night|week|month|year|weekend|time|decade)(?: (before|after|earlier|later))?$")
        self.time = c(r"(\d{1,2})(?::(\d\d))? ?(a\.? ?m\b\.?|p\.? ?m\b\.?|o'clock|in the (?:morning|afternoon|evening))")
        self.time_word = c(r"\b(noon|midnight|midday)\b")
        self.holiday = c(rf"^(?:({REL}) )?(.+?)(?: (\d{{4}}))?$")


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    return _Grammar(load_lexicon())


def _number(text: str | None):
    """A number from digits or words; None when vague ("several")."""
    if text is None:
        return None
    g = _grammar()
    t = text.strip()
    half = t.endswith(" and a half")
    if half:
        t = t[: -len(" and a half")]
    if re.fullmatch(r"\d+(\.\d+)?", t):
        n = float(t) if "." in t else int(t)
    elif re.fullmatch(r"\d+ \d/\d", t):
        whole, frac = t.split()
        a, b = frac.split("/")
        n = int(whole) + int(a) / int(b) if int(b) else int(whole)
    elif t in g.numbers:
        n = g.numbers[t]
    elif " " in t and all(p in g.numbers for p in t.split()):
        n = sum(g.numbers[p] for p in t.split())
    else:
        return None
    return n + 0.5 if half else n


def _spoken_year(t: str) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand" -> 2000, "the year two thousand and one" -> 2001."""
    g = _grammar()
    m = g.spoken_year.match(t)
    if not m:
        return None
    lex = g.lex
    if m.group(3):
        rest = _number(m.group(4)) if m.group(4) else 0
        return 2000 + rest if isinstance(rest, int) and 0 <= rest < 100 else None
    century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[m.group(1)]
    words = m.group(2).split()
    if words[0] in lex.spoken_tens:
        n = lex.spoken_tens[words[0]] + (lex.numbers.get(words[1], 100) if len(words) > 1 else 0)
    elif len(words) == 1 and words[0] in lex.numbers and 10 <= lex.numbers[words[0]] < 20:
        n = lex.numbers[words[0]]
    elif words[0] in ("oh", "o") and len(words) == 2:
        n = lex.numbers.get(words[1], 100)
    else:
        return None
    return century + n if 0 <= n < 100 else None


# --------------------------------------------------------------------------- tense

def _tense(span: Span) -> str | None:
    """past / future / None for the clause holding span, from its governing verb."""
    lex = load_lexicon()
    doc = span.doc
    try:
        sent_start = span.sent.start
    except ValueError:
        sent_start = 0
    tok = span.root
    local = True
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and not (span.start <= tok.i < span.end):
            local = False   # the expression modifies a noun phrase: tense says nothing
            break
    verb = tok if local and tok.pos_ in ("VERB", "AUX") else None
    before = doc[max(sent_start, span.start - 3):span.start].text.lower()
    tn = _verb_tense(verb) if verb is not None else None
    if any(before.endswith(cue) for cue in lex.future_cues):
        # "until Thursday, they had not ..." is a past perfect: the cue does not make it future
        if verb is None or not any(c.lower_ == "had" for c in verb.children if c.dep_ in ("aux", "auxpass")):
            return "future"
    if tn is None and any(before.endswith(cue) for cue in lex.weak_future_cues):
        return "future"   # "starting Monday"; but "bought from Sept. 14" stays past
    return tn


def _sentence_tense(span: Span) -> str | None:
    """The tense of the sentence's main verb: a fallback where the clause itself has none."""
    try:
        root = span.sent.root
    except ValueError:
        return None
    return _verb_tense(root) if root.pos_ in ("VERB", "AUX") else None


def _verb_tense(tok) -> str | None:
    """past / future / None from a verb's tag and auxiliaries (climbing participles)."""
    lex = load_lexicon()
    for _ in range(3):
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


# --------------------------------------------------------------------------- the normalizer

class _Normalizer:
    """Normalizes the expressions of one document, left to right."""

    def __init__(self, published: datetime.date | None):
        self.dct = published
        self.lex = load_lexicon()
        self.g = _grammar()
        self.history: list[tuple[int, Value]] = []   # (sentence index, resolved value) in text order

    # --- anchors
    def _dct_anchor(self) -> str | None:
        return f"published:{self.dct.isoformat()}" if self.dct else None

    def _unanchored(self, rule: str, type_: str = "DATE") -> Value:
        return Value(type_, None, rule=f"{rule}:unanchored")

    def _previous(self, sent: int, grans: tuple[str, ...], window: int = 99) -> Value | None:
        for s, v in reversed(self.history):
            if sent - s > window:
                break
            if v.granularity in grans and v.start is not None:
                return v
        return None

    def _pick(self, candidates: list[Value], tense: str | None, strict: bool = False) -> Value | None:
        """Choose among candidate intervals around the publication date by tense."""
        d = self.dct
        cands = [c for c in candidates if c is not None and c.start is not None]
        if not cands:
            return None
        if tense == "past":
            ok = [c for c in cands if (c.end < d if strict else c.start <= d)]
            return max(ok, key=lambda c: c.start) if ok else None
        if tense == "future":
            ok = [c for c in cands if (c.start > d if strict else c.end >= d)]
            return min(ok, key=lambda c: c.start) if ok else None

        def dist(c: Value) -> int:
            if c.start <= d <= c.end:
                return 0
            return min(abs((c.start - d).days), abs((c.end - d).days)) + (1 if c.start > d else 0)
        return min(cands, key=dist)

    # --- main entry
    def normalize(self, span: Span, sent: int, label: str | None) -> Value | None:
        label = "TIME" if label == "time" else label if label in ("DATE", "TIME", "set_per") else None
        t = _norm_text(span.text)
        if not t:
            return None
        try:
            v = self._rules(t, span, sent, label)
        except (ValueError, OverflowError, KeyError, IndexError, ZeroDivisionError):
            v = Value("DATE", None, rule="rule:error")
        if v is None:
            return None
        if (v.value is not None and v.granularity not in (None, "vague") and v.type in ("DATE", "TIME")
                and not v.rule.startswith(("rule:year_ago", "rule:quarter:year_ago", "rule:year:quarter"))):
            self.history.append((sent, v))
        return v

    def _rules(self, t: str, span: Span, sent: int, label: str | None) -> Value | None:
        g, lex = self.g, self.lex
        tense_cache: dict = {}

        def tense() -> str | None:
            if "t" not in tense_cache:
                tense_cache["t"] = _tense(span)
            return tense_cache["t"]

        def done(v: Value | None, rule: str, anchor: str | None = None) -> Value | None:
            if v is None:
                return None
            v.rule = rule if not v.rule else v.rule
            if anchor is not None:
                v.anchor = anchor
            return v

        if label == "set_per":
            m = g.bare_units.match(t.split(" ", 1)[-1])
            if m:
                return done(Value("SET", _duration(1, lex.units[m.group(1)])), "rule:set:per")
        # vague references
        if t in lex.vague:
            doc = span.doc
            if (t in lex.discourse_markers and span[0].is_sent_start and span.end < len(doc)
                    and doc[span.end].text == ","):
                return None   # "Now, he says, ...": a discourse marker, not a time
            return done(_vague(lex.vague[t]), "rule:vague")
        if t in lex.sets:
            return done(Value("SET", lex.sets[t]), "rule:set")
        if t in lex.not_dates and not (t in g.months and len(span) == 1 and span[0].tag_ == "NNP"):
            return None   # "may", "march" as words; "March" as a proper noun is the month

        # times of day (TIME)
        m = g.time.search(t) or g.time_word.search(t)
        if m and (label in ("TIME", "DATE") or g.time.search(t)):
            return self._time(t, m, span, sent, tense)

        # sets
        m = g.set_every.match(t)
        if m:
            what = m.group(2)
            if what in g.weekdays:
                return done(Value("SET", f"XXXX-WXX-{g.weekdays[what] + 1}"), "rule:set:weekday")
            if what in lex.seasons:
                return done(Value("SET", f"XXXX-{lex.seasons[what]}"), "rule:set:season")
            if what in lex.parts_of_day:
                return done(Value("SET", f"TXX{lex.parts_of_day[what]}"), "rule:set:part_of_day")
            n = _number(m.group(1)) if m.group(1) else 1
            return done(Value("SET", _duration(n, lex.units[what])), "rule:set:every")
        m = g.set_times.match(t)
        if m:
            return done(Value("SET", _duration(1, lex.units[m.group(2)])), "rule:set:times")

        # absolute dates
        m = g.iso.match(t)
        if m:
            d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return done(_day(d) if d else Value("DATE", None), "rule:iso" if d else "rule:iso:invalid")
        m = g.numeric.match(t)
        if m:
            y = int(m.group(3))
            y = y + (1900 if y >= 30 else 2000) if y < 100 else y
            d = _safe_date(y, int(m.group(1)), int(m.group(2)))
            return done(_day(d) if d else Value("DATE", None), "rule:numeric" if d else "rule:numeric:invalid")
        m = g.weekday_date.match(t)
        if m:
            t = f"{m.group(2)} {m.group(3)}" + (f" {m.group(4)}" if m.group(4) else "")
        m = g.m_d_y.match(t)
        if m:
            d = _safe_date(int(m.group(4)), g.months[m.group(2)], int(m.group(3)))
            return done(_day(d) if d else Value("DATE", None), "rule:month_day_year" if d else "rule:month_day_year:invalid")
        m = g.d_m_y.match(t)
        if m:
            d = _safe_date(int(m.group(3)), g.months[m.group(2)], int(m.group(1)))
            return done(_day(d) if d else Value("DATE", None), "rule:day_month_year" if d else "rule:day_month_year:invalid")
        m = g.m_y.match(t)
        if m:
            return done(_month(int(m.group(3)), g.months[m.group(2)]), "rule:month_year")
        m = g.m_d.match(t) or g.d_m.match(t)
        if m:
            if g.m_d.match(t):
                mon, day, mod = g.months[m.group(2)], int(m.group(3)), m.group(1)
            else:
                mon, day, mod = g.months[m.group(2)], int(m.group(1)), None
            if not 1 <= day <= 31 or _safe_date(2000, mon, day) is None:
                return done(Value("DATE", None), "rule:month_day:invalid")
            if self.dct is None:
                return self._unanchored("rule:month_day")
            cands = [_day(d) for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1)
                     if (d := _safe_date(y, mon, day))]
            tn = {"last": "past", "next": "future"}.get(mod or "", tense())
            v = self._pick(cands, tn)
            near = self._pick(cands, None)
            if v is not None and near is not None and mod is None and v is not near \
                    and abs((v.start - self.dct).days) > lex.month_day_max_tense_days \
                    and abs((near.start - self.dct).days) <= lex.month_day_near_days:
                v, tn = near, "nearest"   # "extended to Nov. 16" in a past clause is not last November
            return done(v or near, f"rule:month_day:{tn or 'nearest'}",
                        self._dct_anchor())
        m = g.m_rel_year.match(t)
        if m:
            if self.dct is None:
                return self._unanchored("rule:month_relative_year")
            y = self.dct.year + {"this": 0, "last": -1, "next": 1}[m.group(3)]
            return done(_month(y, g.months[m.group(2)]), "rule:month_relative_year", self._dct_anchor())
        m = g.month_spoken_year.match(t)
        if m and (y := _spoken_year(m.group(2))):
            return done(_month(y, g.months[m.group(1)]), "rule:month_year:spoken")
        if (y := _spoken_year(t)) is not None:
            return done(_year(y), "rule:year:spoken")
        m = g.decade_word.match(t)
        if m:
            return done(_decade(1900 + lex.decade_words[m.group(2)]), "rule:decade:words")
        m = g.m.match(t)
        if m and m.group(1) is None and m.group(2) in g.month_abbrevs and not _dotted(span):
            return None   # a bare "Jan" is a name (Jan Kavan); the month is "January" or "Jan."
        if m and not (m.group(2) in ("may", "march") and span.text[:1].islower() and m.group(1) is None):
            mon, mod = g.months[m.group(2)], m.group(1)
            if self.dct is None:
                return self._unanchored("rule:month")
            cands = [_month(y, mon) for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1)]
            if mod in ("this", "earlier this", "later this"):
                return done(_month(self.dct.year, mon), "rule:month:this", self._dct_anchor())
            tn = {"last": "past", "next": "future"}.get(mod or "", tense())
            strict = mod in ("last", "next")
            return done(self._pick(cands, tn, strict) or self._pick(cands, None), f"rule:month:{tn or 'nearest'}",
                        self._dct_anchor())

        # years, decades, centuries
        m = g.year.match(t) or g.year_or_later.match(t) or g.mid_year.match(t)
        if m:
            y = int(m.groups()[-1])
            if m.groups()[-1].startswith("0"):
                return None   # "0735 GMT" is a clock time, not a year
            if re.fullmatch(r"(?:the )?\d{4} (?:quarter|period)", t) and 1000 <= y <= 2100:
                # "the 1988 quarter" in an earnings report: the quarter under discussion, in that year
                prev = self._previous(sent, ("quarter",), window=4)
                if prev is not None and prev.value and "-Q" in prev.value:
                    return done(_quarter(y, int(prev.value[-1])), "rule:year:quarter", prev.value)
            if 1000 <= y <= 2100 or label == "DATE":
                return done(_year(y), "rule:year")
            return None
        m = g.decade.match(t)
        if m:
            raw = m.group(2).strip("'")
            y = int(raw)
            if y < 100:
                y += 1900 if not self.dct or y + 1900 <= self.dct.year else 1800
                if len(raw) == 2 and y % 10:
                    return None
            if y % 10 and y >= 100:
                return None
            return done(_decade(y), "rule:decade")
        m = g.century.match(t)
        if m:
            return done(_century(int(m.group(2)) - 1), "rule:century")
        m = g.rel_century.match(t)
        if m:
            if self.dct is None:
                return self._unanchored("rule:century")
            return done(_century(self.dct.year // 100 + lex.relatives[m.group(1)]), "rule:century:relative",
                        self._dct_anchor())

        # quarters and halves
        v = self._quarters(t, span, sent, tense)
        if v is not None:
            return v

        # fiscal year
        m = g.fiscal_year.match(t)
        if m:
            if self.dct is None:
                return self._unanchored("rule:fiscal_year")
            n = lex.relatives.get(m.group(1) or "this", 0)
            if m.group(1) in ("latest",):
                n = -1
            nxt = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
            if nxt in lex.period_end_words and m.group(1) is None:
                return done(Value("DURATION", "P1Y"), "rule:fiscal_year:period")   # "the fiscal year ended Jan. 31"
            return done(_year(self.dct.year + n), "rule:fiscal_year", self._dct_anchor())

        # a year ago / year-earlier: the last mentioned period, a year back
        if g.year_ago.match(t):
            prev = (self._previous(sent, ("quarter", "season"), window=4)
                    or self._previous(sent, ("quarter", "month", "day", "year", "season"), window=2))
            if prev is not None and prev.granularity in ("quarter", "season"):
                return done(_shift(prev, "Y", -1), "rule:year_ago:anaphoric", prev.value)
            if self.dct is None:
                return self._unanchored("rule:year_ago")
            if "ago" in t or prev is None:
                return done(_year(self.dct.year - 1), "rule:year_ago", self._dct_anchor())
            return done(_year(prev.start.year - 1), "rule:year_ago:anaphoric", prev.value)

        # deictic days
        m = g.deictic.match(t)
        if m:
            if self.dct is None:
                return self._unanchored("rule:deictic")
            word = m.group(2)
            if word == "this" and not m.group(3):
                return None
            off = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1,
                   "the day before yesterday": -2, "the day after tomorrow": 2}[word]
            d = self.dct + datetime.timedelta(days=off)
            v = _day(d)
            pod = lex.parts_of_day.get(m.group(3) or "") or ("NI" if word == "tonight" else None)
            if pod:
                v = Value("TIME", f"{d.isoformat()}T{pod}", d, d, "day")
            return done(v, f"rule:deictic:{word.replace(' ', '_')}", self._dct_anchor())

        # offsets: "three years ago", "two days later"
        m = g.offset.match(t)
        if m:
            return self._offset(m, t, sent)

        # this/last/next week|month|year|season ("the next day" is anaphoric, below)
        m = g.relative.match(t)
        if m and not (t.startswith(("the next ", "the previous ")) and g.anaphoric.match(t)):
            last = span[-1]
            if last.text[:1].isupper() and not last.is_upper and not span[0].is_sent_start and len(span) > 1:
                return None   # "ABC's This Week": a title, not a week
            return self._relative(m, t, tense, span)
        if g.the_weekend.match(t):
            if self.dct is None:
                return self._unanchored("rule:weekend")
            d = self.dct
            cand = [_week(d - datetime.timedelta(days=7), True), _week(d, True), _week(d + datetime.timedelta(days=7), True)]
            return done(self._pick(cand, tense() or "past") or _week(d, True), "rule:weekend", self._dct_anchor())

        # durations
        m = g.duration.match(t)
        if m:
            if t.endswith(" old") and lex.units[m.group(2)] == "Y":
                return None   # an age, not a period
            n = _number(m.group(1))
            unit = lex.units[m.group(2)]
            if m.group(1) in ("the", "recent"):
                n = 1 if m.group(2) in ("year", "month", "week", "day", "hour", "decade") else None
            return done(Value("DURATION", _duration(n, unit)), "rule:duration")
        m = g.bare_units.match(t)
        if m and m.group(1).endswith("s") and m.group(1) not in ("days",) or (m and t in ("years", "months", "weeks", "decades", "centuries", "days", "hours", "minutes")):
            return done(Value("DURATION", _duration(None, lex.units[m.group(1)])), "rule:duration:vague")

        # weekdays
        m = g.weekday.match(t)
        if m:
            return self._weekday(m, tense, span)

        # seasons
        m = g.season.match(t) or g.year_season.match(t)
        if m:
            return self._season(m, t, tense)

        # holidays
        v = self._holiday(t, tense)
        if v is not None:
            return v

        # anaphoric: the next day, that month, the same day
        # "the year", "the full year", "the week": the current one, or a period before "ended"
        m = g.the_unit.match(t)
        if m:
            return self._the_unit(m, span)
        m = g.unit_edge.match(t)
        if m:
            # "the end of the year", "year end": TimeML gives the value of the unit itself
            if self.dct is None:
                return self._unanchored("rule:unit_edge")
            unit = lex.units[m.group(2) or m.group(3) or m.group(4)]
            return done(_at_granularity(self.dct, unit), "rule:unit_edge", self._dct_anchor())

        m = g.anaphoric.match(t)
        if m:
            return self._anaphoric(m, t, sent)

        # vague unit phrases ("the year", "the week") and fallbacks
        if t in ("year", "the year", "this year"):
            if self.dct is None:
                return self._unanchored("rule:the_year")
            return done(_year(self.dct.year), "rule:the_year", self._dct_anchor())
        if m := g.bare_units.match(t):
            if m.group(1) in ("year", "month", "week", "day", "decade", "quarter"):
                return done(Value("DURATION", _duration(1, lex.units[m.group(1)])), "rule:duration:unit")
        return self._fallback(t, span, label, tense)

    # --- rule groups
    def _time(self, t: str, m, span: Span, sent: int, tense) -> Value:
        lex = self.lex
        if m.re is self.g.time_word:
            hhmm = lex.time_words[m.group(1)]
        else:
            h = int(m.group(1))
            mi = int(m.group(2) or 0)
            ampm = re.sub(r"[ .]", "", m.group(3) or "")
            if ampm in ("intheafternoon", "intheevening"):
                ampm = "pm"
            if ampm == "pm" and h < 12:
                h += 12
            if ampm == "am" and h == 12:
                h = 0
            if h > 24 or mi > 59:
                return Value("TIME", None, rule="rule:time:invalid")
            hhmm = f"{h:02d}:{mi:02d}"
        rest = (t[: m.start()] + t[m.end():]).strip()
        rest = re.sub(r"\b(edt|est|gmt|pdt|pst|cdt|cst|et|local time|local|at|on|of|in the (morning|afternoon|evening))\b", "", rest).strip()
        day: Value | None = None
        if rest:
            day = self._rules(rest, span, sent, "DATE")
            if day is not None and day.granularity != "day":
                day = None
        if day is None:
            if self.dct is None:
                return Value("TIME", None, rule="rule:time:unanchored")
            if "in the morning" in t and tense() == "future":
                d = self.dct + datetime.timedelta(days=1)
            else:
                d = self.dct
            day = _day(d)
            day.anchor = self._dct_anchor()
        d = day.start
        return Value("TIME", f"{d.isoformat()}T{hhmm}", d, d, "day", day.anchor, "rule:time")

    def _quarters(self, t: str, span: Span, sent: int, tense) -> Value | None:
        g, lex = self.g, self.lex
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
            if self.dct is None:
                return self._unanchored("rule:quarter")
            base = self.dct.year
            if yr in ("last year", "the year ago", "the year earlier"):
                base -= 1
            elif yr == "next year":
                base += 1
            if yr:
                v = make(base, q)
                rule = "rule:quarter:relative_year"
            else:
                prev = self._previous(sent, ("year",), window=1)
                if prev is not None and "year" in t:
                    base = prev.start.year
                cands = [make(y, q) for y in (base - 1, base, base + 1)]
                v = self._pick(cands, "past")
                rule = "rule:quarter:past"
            if v is None:
                return None
            if "year ago" in t or "year earlier" in t:
                v, rule = _shift(v, "Y", -1), "rule:quarter:year_ago"
            v.rule, v.anchor = rule, self._dct_anchor()
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
            mods = t
            if self.dct is None:
                return self._unanchored("rule:the_quarter")
            cur = _quarter(self.dct.year, (self.dct.month - 1) // 3 + 1)
            if re.search(r"\b(latest|most recent|just ended)\b", mods) and m.group(2) == "quarter":
                v, rule = _shift(cur, "Q", -1), "rule:quarter:latest"   # the last quarter reported
            elif re.search(r"\b(current|this)\b", mods):
                v, rule = cur, "rule:quarter:current"
            elif re.search(r"\b(next|coming)\b", mods):
                v, rule = _shift(cur, "Q", 1), "rule:quarter:next"
            elif re.search(r"\b(last|previous|prior|past)\b", mods) and "latest" not in mods:
                v, rule = _shift(cur, "Q", -1), "rule:quarter:last"
            else:
                prev = self._previous(sent, ("quarter",))
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
            v.rule, v.anchor = rule, self._dct_anchor()
            return v
        return None

    def _offset(self, m, t: str, sent: int) -> Value | None:
        lex = self.lex
        n = _number(m.group(1))
        unit = lex.units[m.group(2)]
        direction = lex.ago_words.get(m.group(3), -1)
        if unit in lex.time_units:
            return Value("DURATION", _duration(n, unit), rule="rule:offset:time_unit")
        if n is None or isinstance(n, float):
            val = _vague("PAST_REF" if direction < 0 else "FUTURE_REF")
            val.rule = "rule:offset:vague"
            return val
        if unit == "WE":
            unit = "W"
        anchor_v: Value | None = None
        if m.group(3) not in ("ago", "from now", "hence", "back"):
            anchor_v = self._previous(sent, ("day", "month", "year", "quarter", "week"), window=3)
        if anchor_v is not None:
            unit_gran = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "year"}.get(unit)
            base = anchor_v
            if unit_gran == "day" and base.granularity != "day":
                base = None
            if base is not None:
                v = _shift(base, unit, direction * n) if unit != "CE" else None
                if v is not None and unit in ("Y", "DE") and base.granularity not in ("quarter", "year"):
                    v = _year(v.start.year)
                if v is not None:
                    v.rule, v.anchor = "rule:offset:anaphoric", base.value
                    return v
        if self.dct is None:
            return self._unanchored("rule:offset")
        try:
            d = self.dct + _delta_days(self.dct, unit, direction * n) if unit != "CE" else self.dct.replace(
                year=self.dct.year + direction * 100 * n)
        except (ValueError, OverflowError):
            return Value("DATE", None, rule="rule:offset:out_of_range")
        v = _at_granularity(d, {"DE": "Y", "CE": "Y"}.get(unit, unit))
        if v is None:
            return None
        v.rule, v.anchor = "rule:offset", self._dct_anchor()
        return v

    def _relative(self, m, t: str, tense, span: Span) -> Value | None:
        lex = self.lex
        rel, what = m.group(2), m.group(3)
        if self.dct is None:
            return self._unanchored("rule:relative")
        n = lex.relatives[rel]
        d = self.dct
        if what in lex.seasons:
            code = lex.seasons[what]
            cands = [_season(y, code) for y in (d.year - 1, d.year, d.year + 1)]
            if n == 0:
                v = self._pick(cands, None)
            else:
                v = self._pick(cands, "past" if n < 0 else "future", strict=True)
            if v:
                v.rule, v.anchor = "rule:relative:season", self._dct_anchor()
            return v
        unit = lex.units.get(what)
        if unit is None:
            return None
        if what in lex.plural_units and n != 0:
            if t.startswith("the "):   # "over the coming years": an unspecified stretch
                return Value("DURATION", _duration(None, unit), rule="rule:relative:plural")
            v = _vague("PAST_REF" if n < 0 else "FUTURE_REF")   # "in coming months", "in past years"
            v.rule = "rule:relative:plural"
            return v
        if unit == "WE" and n == 0 and d.weekday() < 5 and (tense() or _sentence_tense(span)) == "past":
            # "since marching into the city this weekend", written on a weekday: the weekend just gone
            v = _week(d - datetime.timedelta(weeks=1), weekend=True)
        elif unit == "WE":
            v = _week(d + datetime.timedelta(weeks=n), weekend=True)
        else:
            v = _at_granularity(d + _delta_days(d, unit, n) if unit != "CE" else d, unit)
        if v is None:
            return None
        if rel == "past" and t.startswith("the past") and unit in ("W", "M", "D") or (rel in ("coming", "next") and t.startswith("the ")):
            return Value("DURATION", _duration(1, unit), rule="rule:relative:duration")
        v.rule, v.anchor = f"rule:relative:{rel}", self._dct_anchor()
        return v

    def _weekday(self, m, tense, span: Span) -> Value | None:
        lex = self.lex
        mod, wd, pod = m.group(1), self.g.weekdays[m.group(2)], m.group(3)
        if self.dct is None:
            return self._unanchored("rule:weekday")
        d = self.dct
        back = (d.weekday() - wd) % 7            # days back to the last such day (0 = today)
        fwd = (wd - d.weekday()) % 7
        if mod == "last":
            day, rule = d - datetime.timedelta(days=back or 7), "rule:weekday:last"
        elif mod == "next":
            day, rule = d + datetime.timedelta(days=fwd or 7), "rule:weekday:next"
        elif mod == "this":
            tn = tense()
            day = d - datetime.timedelta(days=back) if tn == "past" else d + datetime.timedelta(days=fwd)
            rule = f"rule:weekday:this:{tn or 'future'}"
        else:
            tn = tense()
            if tn == "future":
                day, rule = d + datetime.timedelta(days=fwd), "rule:weekday:future"
            else:
                # news reports the past: without a future clause, the most recent such day
                day, rule = d - datetime.timedelta(days=back), f"rule:weekday:{tn or 'default_past'}"
        v = _day(day)
        if pod:
            v = Value("TIME", f"{day.isoformat()}T{lex.parts_of_day[pod]}", day, day, "day")
        v.rule, v.anchor = rule, self._dct_anchor()
        return v

    def _season(self, m, t: str, tense) -> Value | None:
        lex = self.lex
        if m.re is self.g.year_season:
            v = _season(int(m.group(1)), lex.seasons[m.group(2)])
            if v:
                v.rule = "rule:season:year"
            return v
        rel, what, yr = m.group(2), m.group(3), m.group(4)
        code = lex.seasons[what]
        if yr:
            v = _season(int(yr), code)
            if v:
                v.rule = "rule:season:year"
            return v
        if self.dct is None:
            return self._unanchored("rule:season")
        d = self.dct
        cands = [_season(y, code) for y in (d.year - 1, d.year, d.year + 1)]
        v = self._pick_relative(cands, rel, tense)
        if v:
            v.rule, v.anchor = "rule:season", self._dct_anchor()
        return v

    def _holiday(self, t: str, tense) -> Value | None:
        lex = self.lex
        m = self.g.holiday.match(t)
        if not m:
            return None
        rel, name, yr = m.group(1), m.group(2), m.group(3)
        if not (name in lex.holidays_fixed or name in lex.holidays_nth_weekday or name in lex.holidays_easter):
            return None

        def on(y: int) -> datetime.date | None:
            if not 1 <= y <= 9999:
                return None
            if name in lex.holidays_fixed:
                mo, dd = lex.holidays_fixed[name]
                return _safe_date(y, mo, dd)
            if name in lex.holidays_easter:
                return easter(y) + datetime.timedelta(days=lex.holidays_easter[name])
            mo, wd, nth = lex.holidays_nth_weekday[name]
            days = [datetime.date(y, mo, dd) for dd in range(1, calendar.monthrange(y, mo)[1] + 1)
                    if datetime.date(y, mo, dd).weekday() == wd]
            return days[nth - 1] if nth > 0 else days[nth]

        if yr:
            d = on(int(yr))
            return Value("DATE", d.isoformat(), d, d, "day", None, "rule:holiday:year") if d else None
        if self.dct is None:
            return self._unanchored("rule:holiday")
        cands = [_day(d) for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1) if (d := on(y))]
        v = self._pick_relative(cands, rel, tense)
        if v:
            v.rule, v.anchor = "rule:holiday", self._dct_anchor()
        return v

    def _pick_relative(self, cands: list[Value], rel: str | None, tense) -> Value | None:
        """The candidate "last"/"this"/"next" names, or, with none, the one the clause's tense points to."""
        n = self.lex.relatives.get(rel or "", None)
        if n is None:
            return self._pick(cands, tense()) or self._pick(cands, None)
        if n == 0:
            return self._pick(cands, None)
        return self._pick(cands, "past" if n < 0 else "future", strict=True)

    def _the_unit(self, m, span: Span) -> Value | None:
        """ "the year" in a report is its current (fiscal) year; "the week" an unspecified week of it.

        Followed by "ended"/"ending" ("the year ended March 31") it names a
        one-unit period, a DURATION in TimeML.
        """
        unit = self.lex.units[m.group(2)]
        doc = span.doc
        nxt = doc[span.end].lower_ if span.end < len(doc) else ""
        if nxt in self.lex.period_end_words and not m.group(1):
            return Value("DURATION", _duration(1, unit), rule="rule:the_unit:period")
        if self.dct is None:
            return self._unanchored("rule:the_unit")
        if unit == "Y":
            v = _year(self.dct.year)
            if v:
                v.rule, v.anchor = "rule:the_unit:year", self._dct_anchor()
            return v
        v = _vague(f"{self.dct.year:04d}-WXX")
        v.rule, v.anchor = "rule:the_unit:week", self._dct_anchor()
        return v

    def _anaphoric(self, m, t: str, sent: int) -> Value | None:
        lex = self.lex
        rel, what, after = m.group(2), m.group(3), m.group(4)
        if what == "time" or (rel is None and after is None and not re.match(r"^(?:earlier |later )?(?:that|the same|same)\b", t)):
            return None   # a bare "month", "the night": no reference to resolve
        if what == "year" and rel is None and not t.startswith("that"):
            return None
        unit = {"day": "D", "morning": "D", "afternoon": "D", "evening": "D", "night": "D",
                "week": "W", "weekend": "W", "month": "M", "year": "Y", "decade": "Y"}[what]
        if what == "decade":
            return None
        gran = {"D": ("day",), "W": ("day", "week"), "M": ("day", "month"), "Y": ("day", "month", "quarter", "year")}[unit]
        prev = self._previous(sent, gran)
        shift = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "prior": -1}.get(rel or "", 0)
        if after in ("before", "earlier"):
            shift = -1
        elif after in ("after", "later"):
            shift = 1
        if prev is None:
            if t in ("the day", "day", "the week", "the month"):
                return None
            return Value("DATE", None, rule="rule:anaphoric:unanchored")
        base = _at_granularity(prev.start, unit)
        v = _shift(base, unit, shift) if shift else base
        if v is None:
            return None
        if what in ("morning", "afternoon", "evening", "night") and unit == "D":
            v = Value("TIME", f"{v.value}T{lex.parts_of_day[what]}", v.start, v.end, "day")
        v.rule, v.anchor = f"rule:anaphoric:{rel or 'same'}", prev.value
        return v

    def _fallback(self, t: str, span: Span, label: str | None, tense) -> Value | None:
        """dateparser for what no rule reads; only when the text names a calendar item."""
        if not re.search(r"\d", t) and not any(w in self.g.months for w in t.split()):
            if label in ("DATE", "TIME") and _temporal_word(t):
                return Value("DATE" if label == "DATE" else "TIME", None, rule="rule:unresolved")
            return None
        if re.fullmatch(r"[\d.,]+", t):
            return None
        parser = _date_parser()
        settings = {"PREFER_DATES_FROM": "future" if tense() == "future" else "past", "STRICT_PARSING": False,
                    "RETURN_TIME_AS_PERIOD": True}
        if self.dct is not None:
            settings["RELATIVE_BASE"] = datetime.datetime.combine(self.dct, datetime.time())
        try:
            data = parser.get_date_data(span.text, settings=None) if False else _dp_parse(span.text, settings)
        except Exception:  # noqa: BLE001 - dateparser raises many kinds on odd input; never stop the stage
            data = None
        if data is None or data[0] is None:
            return Value("DATE", None, rule="rule:unresolved")
        d, period = data
        if period == "year":
            v = _year(d.year)
        elif period == "month":
            v = _month(d.year, d.month)
        elif period == "week":
            v = _week(d)
        else:
            v = _day(d)
        if v is None:
            return None
        v.rule = "dateparser"
        if self.dct is not None and not re.search(r"\d{4}", t):
            v.anchor = self._dct_anchor()
        elif self.dct is None and not re.search(r"\d{4}", t):
            return self._unanchored("dateparser")
        return v


def _dotted(span: Span) -> bool:
    """The span's last word is written with an abbreviation dot ("Jan.")."""
    doc = span.doc
    return span.text.endswith(".") or (span.end < len(doc) and doc[span.end].text == ".")


def _temporal_word(t: str) -> bool:
    lex = load_lexicon()
    words = set(t.split())
    return bool(words & (set(lex.units) | set(lex.months) | set(lex.weekdays) | set(lex.seasons) | set(lex.parts_of_day)))


@lru_cache(maxsize=1)
def _date_parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"])


def _dp_parse(text: str, settings: dict) -> tuple[datetime.date | None, str | None] | None:
    import dateparser

    if len(text) > 60:
        return None
    ddp = dateparser.date.DateDataParser(languages=["en"], settings=settings)
    data = ddp.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period


# --------------------------------------------------------------------------- finding spans

def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    lex = load_lexicon()
    lead = set(lex.strip_leading)
    trail = set(lex.strip_trailing)
    keep = lex.strip_leading_keep
    while start < end:
        w = doc[start].lower_
        if w in lex.articles and end - start > 2 and doc[start + 1].like_num and doc[start + 1].lower_ not in lex.articles:
            start += 1    # "a 16-hour flight": the article is not part of the expression
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
    return start, end


def _split(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut "the quarter ended Sept. 30" and "the nine months of 1989" in two expressions."""
    lex = load_lexicon()
    g = _grammar()
    for i in range(start + 1, end - 1):
        w = doc[i].lower_
        if w == "," and doc[i - 1].shape_ == "dddd" and doc[i + 1].shape_ == "dddd":
            return [(start, i)] + _split(doc, i + 1, end)
        if w in ("ended", "ending", "ends", "through", "to", "until", "and", "or") or (
                w == "of" and g.duration.match(_norm_text(doc[start:i].text))):
            if w in ("and", "or") and not (doc[i - 1].like_num or doc[i + 1].lower_ in ("early", "late", "mid")):
                continue
            if w in ("to",) and not (doc[i + 1].like_num or doc[i + 1].lower_.rstrip(".") in lex.months
                                     or doc[i + 1].lower_ in lex.weekdays):
                continue
            return [(start, i)] + _split(doc, i + 1, end)
    return [(start, end)]


def _candidates(doc: Doc) -> list[tuple[int, int, str]]:
    matcher, meta = load_matchers(doc.vocab)
    found: list[tuple[int, int, str, int]] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            found.append((ent.start, ent.end, ent.label_, 0))
    for match_id, s, e in matcher(doc):
        info = meta[doc.vocab.strings[match_id]]
        found.append((s + info["trim_left"], e, info["label"], 1))
    pieces: list[tuple[int, int, str]] = []
    for s, e, label, _ in found:
        s, e = _trim(doc, s, e)
        if s >= e:
            continue
        for s2, e2 in _split(doc, s, e):
            s2, e2 = _trim(doc, s2, e2)
            if s2 < e2:
                pieces.append((s2, e2, label))
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
    return _join_time_and_day(doc, kept)


def _join_time_and_day(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "5 p.m. EST, Nov. 6", "noon Thursday": a clock time and the day right after it are one TIMEX3."""
    lex = load_lexicon()
    out: list[tuple[int, int, str]] = []
    for s, e, label in spans:
        if out and out[-1][2] in ("time", "TIME") and label in ("weekday", "month", "DATE"):
            ps, pe, plabel = out[-1]
            gap = doc[pe:s]
            words = doc[s:e]
            day_like = (words[0].lower_ in lex.weekdays or words[0].lower_.rstrip(".") in lex.months)
            if day_like and all(t.text == "," for t in gap) and len(gap) <= 1:
                out[-1] = (ps, e, "time")
                continue
        out.append((s, e, label))
    return out


# --------------------------------------------------------------------------- the stage

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
    norm = _Normalizer(published)
    rows: list[dict] = []
    for s, e, label in _candidates(doc):
        span = doc[s:e]
        sent = max(0, bisect.bisect_right(sent_starts, s) - 1)
        v = norm.normalize(span, sent, label)
        if v is not None and v.rule == "rule:unresolved" and 1 < e - s <= 8:
            # an over-long entity ("just last month", "a 20th century"): keep its first sub-span a rule reads
            for s2, e2 in [(s + i, e) for i in range(1, e - s)] + [(s, e - j) for j in range(1, e - s)]:
                s3, e3 = _trim(doc, s2, e2)
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
