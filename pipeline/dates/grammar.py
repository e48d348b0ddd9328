"""The regexes of the date rules, assembled from the lexicon's word lists and compiled once.

Every word a regex accepts comes from ``lexicon.json`` (top-level lists, or the
``grammar`` lists that exist only for these regexes); what stays literal here
is the glue (articles, "of") and the digit shapes.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.dates.lexicon import Lexicon, alt, alt_ordered, load_lexicon

_ABBR_DOT = re.compile(r"\b([A-Za-z]{2,5})\.(?=\s|$|,)")


def norm_text(text: str) -> str:
    """Lowercase words without punctuation, abbreviation dots or hyphens: what the regexes read."""
    t = text.lower().replace("\u2019", "'").replace("``", "").replace("''", "").replace('"', "")
    t = _ABBR_DOT.sub(r"\1", t)
    t = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", t)
    t = re.sub(r"(?<=\d)-(?=[a-z])", " ", t)
    t = re.sub(r"(?<=[a-z])-(?=\d)", " ", t)
    t = re.sub(r"[,;!?]|:(?!\d)", " ", t)   # keep the colon of "10:35"
    t = re.sub(r"\s+", " ", t).strip(" .")
    return t


class Grammar:
    """Regexes assembled from the lexicon, compiled once."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.months = lex.months
        self.month_abbrevs = {k for k, n in lex.months.items()
                              if any(k2 != k and k2.startswith(k) and n2 == n for k2, n2 in lex.months.items())}
        self.weekdays = lex.weekdays
        nums = dict(lex.numbers)
        self.numbers = nums
        gw = lex.grammar

        def w(name: str) -> str:
            return alt_ordered(gw[name])

        units = [next(k for k, n in nums.items() if n == i and k not in lex.articles) for i in range(1, 10)]   # one..nine
        M = alt(self.months)
        W = alt(self.weekdays)
        NUMW = alt(list(nums) + [f"{t} {u}" for t in lex.spoken_tens for u in units])
        VAGUEN = alt(lex.vague_numbers)
        HALF = w("half_suffix")
        self.NUM = rf"(?:\d+(?:\.\d+)?(?: \d/\d)?|{NUMW}(?: {HALF})?|{VAGUEN})"
        U = alt(lex.units)
        ORD = alt(lex.ordinals)
        POD = alt(lex.parts_of_day)
        S = alt(lex.seasons)
        REL = alt(lex.relatives)
        EDGE = w("edges")
        CENT = alt_ordered(lex.spoken_centuries)
        THOUSAND, HUNDRED = w("spoken_thousand"), w("spoken_hundred")
        c = re.compile
        self.iso = c(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
        self.numeric = c(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
        self.m_d_y = c(rf"^(?:the )?(?:({EDGE}) )?({M}) (\d{{1,2}})(?:st|nd|rd|th)? (\d{{1,4}})$")
        self.d_m_y = c(rf"^(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({M}) (\d{{1,4}})$")
        self.m_d = c(rf"^(?:({w('month_day_modifiers')}) )?({M}) (\d{{1,2}})(?:st|nd|rd|th)?$")
        self.d_m = c(rf"^(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({M})$")
        self.m_y = c(rf"^(?:(?:the )?(?:({w('month_year_modifiers')}) ))?({M}) (?:of )?(\d{{4}})$")
        self.m_rel_year = c(rf"^(?:({EDGE}) )?({M}) (?:of )?({w('year_relatives')}) year$")
        self.spoken_year = c(rf"^(?:(?:in )?the year )?({CENT}) (?:{HUNDRED}(?: and)? )?([a-z]+(?: [a-z]+)?)$"
                             rf"|^(?:the year )?({THOUSAND})(?: (?:and )?([a-z]+))?$")
        self.month_spoken_year = c(rf"^({M}) (?:of )?((?:{CENT[3:-1]}|{THOUSAND[3:-1]}) .+)$")
        self.decade_word = c(rf"^(?:the )?(?:({EDGE}) )?({alt(lex.decade_words)})$")
        self.m = c(rf"^(?:({w('month_modifiers')}) )?({M})$")
        self.year = c(rf"^(?:the (?=\d{{4}} {w('year_heads')}$))?(?:(?:the )?(?:({w('year_modifiers')}) ))?(\d{{4}})"
                      rf"(?: {w('year_suffixes')})?$")
        self.year_or_later = c(rf"^(\d{{4}}) or {w('or_later')}$")
        self.mid_year = c(r"^mid (\d{4})$")
        self.decade = c(rf"^(?:the )?(?:({EDGE}) )?(\d{{4}}|'\d\d|\d\d)'?s$")
        self.century = c(rf"^(?:the )?(?:({EDGE}) )?(\d{{1,2}})(?:st|nd|rd|th) {w('century_words')}$")
        self.rel_century = c(rf"^(?:the )?({REL}) {w('century_words')}$")
        fiscal_ord = w("fiscal_ordinals")
        self.quarter = c(rf"^(?:{w('quarter_determiners')} )?(?:{w('quarter_modifiers')} )*({ORD}|{fiscal_ord[3:-1]}) "
                         rf"(?:fiscal )?({w('quarter_units')})(?: (?:of )?(?:({w('year_kinds')}) )?"
                         rf"(\d{{4}}|{w('quarter_years')[3:-1]}))?$")
        self.year_quarter = c(rf"^(?:the )?(?:fiscal )?(\d{{4}}) ({ORD}) (?:fiscal )?({alt_ordered(gw['quarter_units'][:-1])})$")   # no plural
        self.q_code = c(r"^q([1-4]) (\d{4})$")
        self.year_possessive = c(rf"^({REL}) year's (.+)$")
        self.the_quarter = c(rf"^(?:{w('the_quarter_determiners')} )?(?:({w('the_quarter_modifiers')}) )*"
                             rf"({w('the_quarter_heads')})(?: (?:of )?({w('the_quarter_year_back')}))?$")
        self.year_ago = c(rf"^(?:the )?(?:{w('year_ago_modifiers')} )?(?:(?:a|one) )?year {w('year_ago_directions')}"
                          rf"(?: {w('year_ago_heads')})?$|^(?:the )?{w('year_before_words')} year(?:'s)?$")
        self.fiscal_year = c(rf"^(?:the )?(?:({w('fiscal_year_modifiers')}) )?fiscal year$")
        self.deictic = c(rf"^(?:({w('day_edges')}) )?({alt_ordered(lex.deictic_days)})(?: ({POD}))?$")
        self.relative = c(rf"^(?:({w('relative_edges')}) )?(?:the )?({REL}) ({U}|{S})$")
        self.the_weekend = c(r"^(?:the )?weekend$")
        self.part_of_day = c(rf"^(?:the )?(?:({w('part_of_day_edges')}) )?({POD})(?: ({alt_ordered(lex.deictic_days)}))?$")
        self.offset = c(rf"^(?:{w('approximators')} )?({self.NUM}) ({U})(?: {HALF})? ({alt(lex.ago_words)})$")
        self.duration = c(rf"^(?:{w('duration_modifiers')} )*({self.NUM}) (?:{w('duration_inner')} )?({U})(?: {HALF})?"
                          rf"(?: {w('duration_suffixes')})?$")
        self.report_period = c(rf"^the (?:(?:{w('report_period_modifiers')}) )*({self.NUM}) months$")
        self.one_more_unit = c(rf"^(?:an? )?{w('one_more_words')} ({U})$")
        self.bare_units = c(rf"^(?:the )?(?:{w('bare_unit_modifiers')} )?({U})$")
        self.weekday = c(rf"^(?:({w('weekday_modifiers')}) )?({W})(?: ({POD}))?$")
        self.week_of = c(rf"^{w('week_of_heads')} (.+)$")
        self.weekday_date = c(rf"^(?:(?:{w('weekday_modifiers')}) )*({W}) ({M}) (\d{{1,2}})(?:st|nd|rd|th)?(?: (\d{{4}}))?$")
        word_ords = [k for k, v in lex.ordinals.items() if k.isalpha() and v > 0]
        self.spoken_day = c(rf"^(.*?\b{M}) (?:the )?(?:({alt(lex.spoken_tens)}) )?({alt(word_ords)})((?: \d{{4}})?)$")
        self.season = c(rf"^(?:(?:the )?({w('season_edges')}) )?(?:the )?(?:({REL}) )?({S})(?: (?:of )?(\d{{4}}))?$")
        self.season_of = c(rf"^(?:the )?({S}) of (.+)$")
        self.year_season = c(rf"^(?:the )?(\d{{4}}) ({S})$")
        self.set_every = c(rf"^{w('set_every')}(?: {w('set_other')})?(?: ({self.NUM}))? ({U}|{W}|{S}|{POD}|{M})$")
        self.set_times = c(rf"^({self.NUM}|{w('set_once')[3:-1]}) (?:times )?{w('set_per')} ({U})$")
        self.the_unit = c(rf"^the (?:({w('the_unit_full')}) )?({w('the_unit_units')})$")
        edge_units = w("unit_edge_units")
        self.unit_edge = c(rf"^(?:{w('unit_edge_lead')} )?(?:the )?(?:({w('unit_edges')}) of (?:the|this) ({edge_units})"
                           rf"|(year) end|(year)'?s end)$")
        self.anaphoric = c(rf"^(?:({w('anaphoric_edges')}) )?(?:{w('anaphoric_determiners')} )*"
                           rf"({w('anaphoric_relatives')})? ?({w('anaphoric_units')})(?: ({w('anaphoric_after')}))?$")
        clock = "|".join(re.escape(s).replace(r"\ ", " ") for s in lex.grammar["clock_suffixes"])
        self.time = c(rf"(\d{{1,2}})(?::(\d\d))? ?(a\.? ?m\b\.?|p\.? ?m\b\.?|{clock})")
        self.time_word = c(rf"\b({alt_ordered(lex.time_words)[3:-1]})\b")
        self.holiday = c(rf"^(?:({REL}) )?(.+?)(?: (\d{{4}}))?$")


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    return Grammar(load_lexicon())


def number(text: str | None):
    """A number from digits or words; None when vague ("several")."""
    if text is None:
        return None
    g = grammar()
    t = text.strip()
    suffix = " " + g.lex.grammar["half_suffix"][0]
    half = t.endswith(suffix)
    if half:
        t = t[: -len(suffix)]
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


def plus_half(k, t: str, unit_end: int):
    """k plus a half when "and a half" follows the unit ("a year and a half", "a minute and a half later")."""
    suffix = " " + grammar().lex.grammar["half_suffix"][0]
    return k + 0.5 if isinstance(k, (int, float)) and t[unit_end:].startswith(suffix) else k


def spoken_year(t: str) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand" -> 2000, "the year two thousand and one" -> 2001."""
    g = grammar()
    m = g.spoken_year.match(t)
    if not m:
        return None
    lex = g.lex
    if m.group(3):
        rest = number(m.group(4)) if m.group(4) else 0
        return 2000 + rest if isinstance(rest, int) and 0 <= rest < 100 else None
    century = lex.spoken_centuries[m.group(1)]
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
