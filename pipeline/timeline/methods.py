"""How a mention's date was found, and how much that date says (``data/timeline/date_methods.csv``).

A stated date ('on Friday') is evidence; an inferred one (the narrative's
time) is a guess from context; a fallback (the publication day of a
present-tense 'says') is what is left when the text gives nothing, and loses
to any other date of the same occasion.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from pipeline.config import DATA_DIR


@lru_cache(maxsize=1)
def _rows() -> tuple[dict, ...]:
    with open(DATA_DIR / "timeline" / "date_methods.csv", newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def stated_methods() -> frozenset[str]:
    """The ``date_method`` kinds that stand for a date the text states."""
    return frozenset(row["method"] for row in _rows() if row["stated"] == "yes")


def fallback_methods() -> frozenset[str]:
    """The ``date_method`` kinds that stand for no evidence in the text at all."""
    return frozenset(row["method"] for row in _rows() if row["fallback"] == "yes")


def _kind(m: dict) -> str | None:
    method = m.get("date_method")
    return None if method is None else method.split(":")[0]


def is_stated(m: dict) -> bool:
    """Whether a dated mention's date is one the text states ('frame:talks' is of kind 'frame')."""
    kind = _kind(m)
    return kind is None or kind in stated_methods()


def is_fallback(m: dict) -> bool:
    """Whether a dated mention's date is only the article's fallback."""
    return _kind(m) in fallback_methods()


def evidence_rank(m: dict) -> int:
    """0 stated, 1 inferred from context, 2 fallback: lower is better evidence."""
    return 0 if is_stated(m) else 2 if is_fallback(m) else 1
