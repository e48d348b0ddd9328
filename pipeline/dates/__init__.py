"""Date normalization stage: the temporal expressions of a parsed Doc as TIMEX3 rows.

Three steps, each explainable from the row it produces:

1. *find* (``spans``): spaCy DATE/TIME entities plus Matcher patterns
   (``data/dates/patterns.jsonl``) for what the model misses, cut to TimeML
   extents (no prepositions, no possessive 's, "X ended Sept. 30" split);
2. *classify and normalize* (``rules``, ``normalize``): an ordered rule table
   over the span's words, regexes built from ``data/dates/lexicon.json``
   (``grammar``); the first rule that applies gives type, TIMEX3 value, day
   interval and granularity, and names itself in ``method``; dateparser
   (``fallback``) is the last rule, for absolute dates no rule reads;
3. *anchor* (``relative``, ``periods``, ``tense``): deictic expressions on the
   publication date, with the clause's tense choosing between the past and
   the coming weekday/month/quarter; anaphoric ones ("a year earlier", "the
   next day") on the nearest earlier resolved expression of the text, whose
   value is then the row's ``anchor``.

Without a publication date, relative expressions get value None and a
``method`` ending in ``:unanchored``; nothing is guessed.
"""
from pipeline.dates.lexicon import load_lexicon, load_matchers
from pipeline.dates.stage import timexes_for_doc

__all__ = ["load_lexicon", "load_matchers", "timexes_for_doc"]
