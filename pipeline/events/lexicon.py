"""The event lexicon: CAMEO codes, trigger rules and closed-class word lists.

Everything the event stage knows about words lives in ``data/events/``:
``cameo_codes.csv`` (code -> name, event type), ``triggers.jsonl`` (lemma,
part of speech, optional context -> code), ``word_classes.json`` (the word
lists those contexts share, named once) and ``lexicon.json`` (light verbs,
modal auxiliaries, prepositions...).  Loaded once per process.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import Matcher

from pipeline.config import DATA_DIR

DATA = DATA_DIR / "events"
VERBAL_POS = ("VERB",)
NOMINAL_POS = ("NOUN", "PROPN")
_CONTEXT_KEYS = ("particle", "prep", "prep_object", "prep_object_ent", "object", "object_ent", "not_object_ent", "no_object",
                 "mod", "mod_ent", "tag", "requires", "subject")


@dataclass(frozen=True)
class Lexicon:
    codes: dict            # code -> (name, event_type)
    rules: dict            # (pos, lemma) -> [rule dicts], most specific first
    words: dict            # lexicon.json
    fallback: dict         # the rule of a predicate no trigger rule covers


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Trigger rules, CAMEO codes and closed-class word lists, loaded once per process."""
    codes = {}
    with (DATA / "cameo_codes.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            codes[r["code"]] = (r["name"], r["event_type"])
    rules: dict[tuple[str, str], list[dict]] = {}
    for n, rule in enumerate(read_trigger_rules()):
        rule["_order"] = n
        if rule["code"] not in codes:
            raise ValueError(f"triggers.jsonl rule {n + 1} ({rule['lemma']}): unknown CAMEO code {rule['code']!r}")
        rules.setdefault((rule["pos"], rule["lemma"].lower()), []).append(rule)
    for lst in rules.values():
        lst.sort(key=lambda r: (-sum(k in r for k in _CONTEXT_KEYS), r["_order"]))
    words = json.loads((DATA / "lexicon.json").read_text(encoding="utf-8"))
    fallback = {"code": words["fallback"]["code"], "pos": "verbal", "fallback": True}
    if fallback["code"] not in codes:
        raise ValueError(f"lexicon.json: unknown fallback CAMEO code {fallback['code']!r}")
    return Lexicon(codes, rules, words, fallback)


@lru_cache(maxsize=1)
def word_classes() -> dict[str, list[str]]:
    """The named word lists of ``word_classes.json`` (rules refer to them as ``@name``)."""
    return json.loads((DATA / "word_classes.json").read_text(encoding="utf-8"))


def read_trigger_rules() -> list[dict]:
    """The rules of ``triggers.jsonl`` in file order, each ``"@name"`` in a list replaced by that word class.

    Word classes (``word_classes.json``) keep a list that many rules share in one place.
    """
    classes = word_classes()
    rules = []
    with (DATA / "triggers.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rule = json.loads(line)
            for key, value in rule.items():
                if isinstance(value, list) and any(isinstance(v, str) and v.startswith("@") for v in value):
                    unknown = [v for v in value if v.startswith("@") and v[1:] not in classes]
                    if unknown:
                        raise ValueError(f"triggers.jsonl line {n}: unknown word class {unknown[0]!r}")
                    rule[key] = [w for v in value for w in (classes[v[1:]] if v.startswith("@") else [v])]
            rules.append(rule)
    return rules


@lru_cache(maxsize=4)
def trigger_matcher(vocab_id: int, vocab) -> Matcher:
    """One Matcher over trigger lemmas per vocab, built once per process."""
    lex = load_lexicon()
    matcher = Matcher(vocab)
    by_pos: dict[str, set[str]] = {"verbal": set(), "nominal": set()}
    for pos, lemma in lex.rules:
        by_pos[pos].add(lemma)
    for pos, lemmas in by_pos.items():
        variants = sorted(lemmas | {w.capitalize() for w in lemmas})
        tags = list(VERBAL_POS if pos == "verbal" else NOMINAL_POS)
        matcher.add(pos, [[{"LEMMA": {"IN": variants}, "POS": {"IN": tags}}],
                          [{"LOWER": {"IN": sorted(lemmas)}, "POS": {"IN": tags}}]])
    return matcher


def event_type(code: str) -> str:
    """The event type of a CAMEO code's root."""
    return load_lexicon().codes[code[:2]][1]


@lru_cache(maxsize=1)
def verb_lemma_repairs() -> dict[str, tuple[str, ...]]:
    """Wrong lemma -> the lexicon verbs it may stand for.  spaCy's rule lemmatizer cuts too much
    off some -ed forms ("staged" -> "stag", "fined" -> "fin", "installed" -> "instal"); a verb
    the lexicon knows gets its lemma back when the word is one of its own forms (``repair_lemma``)."""
    lex = load_lexicon()
    words = lex.words
    known = {lemma for pos, lemma in lex.rules if pos == "verbal"}
    for name in ("light_verbs", "state_verbs", "future_verbs", "hypothetical_verbs", "reporting_verbs"):
        known |= set(words[name])
    out: dict[str, list[str]] = {}
    for verb in sorted(known):
        for wrong in {verb[:-1], verb + "e"} - known:
            if len(wrong) > 2:
                out.setdefault(wrong, []).append(verb)
    return {k: tuple(v) for k, v in out.items()}


def repair_lemma(word: str, lemma: str) -> str:
    """The lexicon verb a verb form belongs to when its lemma was cut wrong, else the lemma."""
    for verb in verb_lemma_repairs().get(lemma, ()):
        stem = verb[:-1] if verb.endswith("e") else verb
        if word in (verb + "d", verb + "ed", verb + "s", verb + "es", stem + "ing", verb + "ing", verb):
            return verb
    return lemma
