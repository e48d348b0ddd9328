"""Joining events that are one occasion told from two sides, after mentions are clustered.

Clustering keys a statement by its speaker and a meeting by who acts on whom,
so one occasion can come out as two events when an article names its speaker
or its parties differently from sentence to sentence.  Two classes are joined
here, only inside one article and on a compatible date, and only when exactly
one event can take them:

- a statement whose speaker the article gives only as an actor ("the Sudanese
  army said") is the statement of the one named speaker of that actor there
  ("General Burhan said"): one speaker, one occasion;
- a statement dated only by its article's publication day (a present-tense
  "Guterres says") is the statement the same speaker made a few days before,
  which the article dates from the text: the report comes after the occasion;
- a participant's attendance ("Armenia took part in the talks": a meeting
  mention with a source and no counterpart) is part of the one meeting its
  article reports that day, not a meeting of its own.

And in any articles: two meetings on the same day with at least two parties
in common are one ("Qatar hosted a Hamas delegation for talks", "Hamas and
Qatari officials met"): who hosts and who visits does not make two meetings.

Runs in creation order over the clusters and returns the ones left standing.
"""
from __future__ import annotations

from pipeline.timeline.methods import is_fallback

# parties two reports of a meeting must share to be one meeting whatever their roles
MIN_SHARED_PARTIES = 2
# a present-tense report of a statement appears at most this many days after it was made
FALLBACK_LAG_DAYS = 3


def _overlaps(a, b) -> bool:
    return a.start <= b.end and b.start <= a.end


def _persons(c) -> set[str]:
    return {x.get("source_person") for x in c.members} - {None}


def _speakers(c) -> set[str]:
    return {x["source_actor"] for x in c.members} - {None}


def _same_speaker(c, d) -> bool:
    """The same named person, or where c names none, the same actor."""
    if _persons(c):
        return bool(_persons(c) & _persons(d))
    return bool(_speakers(c)) and _speakers(c) <= _speakers(d)


def _attendance_only(c) -> bool:
    """Every mention names one party acting on nobody: 'X attended', 'X took part'."""
    return all(x["source_actor"] and not x["target_actor"] for x in c.members)


def _single_article(c) -> str | None:
    articles = c.articles
    return next(iter(articles)) if len(articles) == 1 else None


def _same_day_meeting(c, d) -> bool:
    return (c.start == c.end == d.start == d.end and d.klass == "meeting"
            and len(c.actors & d.actors) >= MIN_SHARED_PARTIES)


def _host(c, standing: list) -> object | None:
    """The one event c is part of, or None."""
    if c.klass == "meeting" and not _attendance_only(c):
        return next((d for d in standing if d is not c and not _attendance_only(d) and _same_day_meeting(c, d)), None)
    article = _single_article(c)
    if article is None:
        return None
    if c.klass == "statement" and all(is_fallback(m) for m in c.members):
        fits = [d for d in standing if d is not c and d.klass == "statement" and article in d.articles
                and _same_speaker(c, d) and not all(is_fallback(m) for m in d.members)
                and d.start <= c.end and (c.start - d.end).days <= FALLBACK_LAG_DAYS]
        if len(fits) == 1:
            return fits[0]
    if c.klass == "statement":
        speakers = _speakers(c)
        if _persons(c) or len(speakers) != 1:
            return None
        fits = [d for d in standing if d is not c and d.klass == "statement" and _persons(d)
                and article in d.articles and speakers <= _speakers(d) and _overlaps(c, d)]
        # two named speakers of the actor that day: no telling whose words these were
        return fits[0] if len({frozenset(_persons(d)) for d in fits}) == 1 and len(fits) == 1 else None
    if c.klass == "meeting" and _attendance_only(c):
        fits = [d for d in standing if d is not c and d.klass == "meeting" and not _attendance_only(d)
                and article in d.articles and _overlaps(c, d)]
        return fits[0] if len(fits) == 1 else None
    return None


def join_occasions(clusters: list) -> list:
    """The clusters with each one that is part of another's occasion folded into it."""
    standing = list(clusters)
    for c in clusters:
        host = _host(c, standing)
        if host is None:
            continue
        for m in c.members:
            inside = m["date_start"] <= host.end and host.start <= m["date_end"]
            host.add(m, conflicting=not inside)
        host.undated.extend(c.undated)
        standing.remove(c)
    return standing
