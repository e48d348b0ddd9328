"""The date stage's data: the word lists of ``lexicon.json`` and the Matcher of ``patterns.jsonl``.

Patterns that would restate a word list (weekdays, months, holidays) name it
instead and are expanded here, so each list lives in the lexicon only.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.matcher import Matcher

from pipeline.config import DATA_DIR

DATES_DIR: Path = DATA_DIR / "dates"


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``lexicon.json``, as attributes."""

    raw: dict

    def __getattr__(self, name: str):
        try:
            return self.raw[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def holidays(self) -> list[str]:
        """Every holiday name the normalizer can date, in lexicon order."""
        return [*self.raw["holidays_fixed"], *self.raw["holidays_nth_weekday"], *self.raw["holidays_easter"]]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    return Lexicon(json.loads((DATES_DIR / "lexicon.json").read_text(encoding="utf-8")))


def _words_of(name: str) -> list[dict]:
    """Matcher tokens of a lexicon entry: "st. patrick's day" -> st. / patrick / 's / day."""
    tokens: list[str] = []
    for w in name.split():
        if w.endswith("'s") and len(w) > 2:
            tokens += [w[:-2], "'s"]
        else:
            tokens.append(w)
    return [{"LOWER": tok} for tok in tokens]


def _expand_token(tok: dict, lex: Lexicon) -> dict:
    """{"LOWER": {"IN_LEXICON": "months", "EXCEPT": ["may"]}} -> {"LOWER": {"IN": [...the months but may]}}.

    "WITH_DOTS": true adds each word with an abbreviation dot.
    """
    out = {}
    for attr, spec in tok.items():
        if isinstance(spec, dict) and "IN_LEXICON" in spec:
            keys = spec["IN_LEXICON"]
            words = [w for k in ([keys] if isinstance(keys, str) else keys) for w in lex.raw[k]]
            words = set(words) - set(spec.get("EXCEPT", []))
            if spec.get("WITH_DOTS"):
                words |= {w + "." for w in words}   # "Aug." is one token
            spec = {"IN": sorted(words)}
        out[attr] = spec
    return out


@lru_cache(maxsize=1)
def load_patterns() -> list[dict]:
    """``patterns.jsonl`` with lexicon references expanded; ``"FOR_EACH": key`` repeats an entry per word."""
    lex = load_lexicon()
    lines = (DATES_DIR / "patterns.jsonl").read_text(encoding="utf-8").splitlines()
    out: list[dict] = []
    for line in lines:
        if not line.strip():
            continue
        entry = json.loads(line)
        names = getattr(lex, entry.pop("FOR_EACH")) if "FOR_EACH" in entry else [None]
        for name in names:
            pattern: list[dict] = []
            for tok in entry["pattern"]:
                if tok == "@WORDS":
                    pattern += _words_of(name)
                else:
                    pattern.append(_expand_token(tok, lex))
            out.append({**entry, "pattern": pattern})
    return out


_MATCHERS: dict[int, tuple] = {}
# the longest run of tokens a pattern is expected to match: a match lies within this many tokens of its anchor
MATCH_REACH = 8


@lru_cache(maxsize=1)
def matcher_anchors() -> frozenset[str] | None:
    """Per pattern, the rarest token it cannot do without (a month or weekday name, a digit or
    number word, rather than "the" or "in"); the union of their words, so the Matcher can skip
    stretches of text with none of them (or a digit or number word).  None when some pattern
    has no such token."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words: set[str] = set()
    for entry in load_patterns():
        choices: list[tuple[int, int, set[str]]] = []    # (commonness, -length, words); no words: a digit
        for tok in entry["pattern"]:
            if tok.get("OP") in ("?", "*", "!"):
                continue
            if "SHAPE" in tok or "LIKE_NUM" in tok or any(
                    isinstance(tok.get(k), dict) and "REGEX" in tok[k] for k in ("LOWER", "ORTH", "TEXT")):
                choices.append((0, -1000, set()))   # a digit: every digit is an anchor already, it adds no word
                continue
            for key in ("LOWER", "ORTH", "TEXT"):
                value = tok.get(key)
                found = {value.lower()} if isinstance(value, str) else \
                    {w.lower() for w in value["IN"]} if isinstance(value, dict) and "IN" in value else None
                if found:       # fewer stop words, then longer (rarer) words: "while" before "for"
                    choices.append((len(found & STOP_WORDS), -min(len(w) for w in found), found))
        if not choices:
            return None
        words |= min(choices, key=lambda c: c[:2])[2]
    return frozenset(words)


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


def alt(words) -> str:
    """A regex alternation of words, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def alt_ordered(words) -> str:
    """A regex alternation of words in the given order (the order the regex tries them)."""
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"
