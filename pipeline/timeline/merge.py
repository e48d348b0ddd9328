"""Merging event mentions into events and ordering them.

A mention joins an event when the two are the same kind of happening
(``data/timeline/merge_classes.csv``: everything one speaker says on one
occasion is one statement; a meeting, an attack, a withdrawal are each their
own class), involve the same actors, and have compatible dates.  The event's
date is the intersection of its mentions' intervals, so the most precise date
any mention supports wins; dates that contradict it are kept in
``date_conflicts``.  An undated mention joins a dated event only when exactly
one event fits it.

A date the text states beats one inferred from context
(``data/timeline/date_methods.csv``): stated mentions found the events first,
an inferred date never narrows an event a stated date has fixed, and an
inferred date a few days off a stated event of its own article joins it as a
conflict instead of making a second event.  A statement with an inferred date
and no named speaker does not make an event of its own.  Then ``occasions``
folds an unnamed speaker's statement and a participant's attendance into the
one statement or meeting of their article they are part of.

Pure functions of the mentions: nothing here reads or writes files.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.config import DATA_DIR
from pipeline.timeline.methods import evidence_rank, is_stated
from pipeline.timeline.occasions import join_occasions
from pipeline.warehouse.schemas import NOT_EVENTS

log = logging.getLogger(__name__)

# Two mentions of one event read in different articles may disagree on the
# day (a misread weekday, a time zone); further apart they are two events.
MAX_CONFLICT_DAYS = 3
# An undated mention in another article may refer to an event this recent.
RECENT_REFERENCE_DAYS = 366


@lru_cache(maxsize=1)
def _merge_rows() -> tuple[dict, ...]:
    with open(DATA_DIR / "timeline" / "merge_classes.csv", newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


@lru_cache(maxsize=1)
def merge_classes() -> dict[str, str]:
    return {row["prefix"]: row["merge_class"] for row in _merge_rows()}


@lru_cache(maxsize=1)
def joint_classes() -> frozenset[str]:
    """Classes of events the parties do together (a meeting, a truce, a day's fighting): who is
    named source and who target may differ from report to report."""
    return frozenset(row["merge_class"] for row in _merge_rows() if row["joint"] == "yes")


@lru_cache(maxsize=1)
def granularity_rank() -> dict[str, int]:
    with open(DATA_DIR / "timeline" / "granularity_rank.csv", newline="", encoding="utf-8") as fh:
        return {row["granularity"]: int(row["rank"]) for row in csv.DictReader(fh)}


def merge_class(code: str | None) -> str:
    """The class of a CAMEO code: the entry of its longest listed prefix."""
    classes = merge_classes()
    code = code or ""
    for n in range(len(code), 1, -1):
        if code[:n] in classes:
            return classes[code[:n]]
    return f"root:{code[:2]}"


def _hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()[:16]


def _first_seen(m: dict) -> tuple:
    s = m["sources"][0] if m["sources"] else {}
    return (s.get("published") or dt.date.max, s.get("file") or "", s.get("char_start") or 0, m["mention_id"])


def _precision(m: dict) -> tuple:
    """Sort key: narrow, explicitly dated mentions first."""
    width = (m["date_end"] - m["date_start"]).days if m["date_start"] else 10**6
    return (width, granularity_rank().get(m["granularity"] or "vague", 9), evidence_rank(m), _first_seen(m))


@dataclass
class Cluster:
    klass: str
    members: list[dict] = field(default_factory=list)
    undated: list[dict] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    index: int = -1
    stated: bool = False        # a member's date is stated: inferred dates no longer narrow it

    @property
    def actors(self) -> set[str]:
        return {a for m in self.members for a in (m["actors"] or ())}

    @property
    def people(self) -> set[str]:
        return {p for m in self.members for p in (m["people"] or ())}

    @property
    def articles(self) -> set[str]:
        return {m["article_id"] for m in self.members}

    def add(self, m: dict, conflicting: bool = False) -> None:
        """Join m; a conflicting date, or an inferred one once a stated date is in, does not narrow
        the interval (``reconcile`` settles it)."""
        if not conflicting and (is_stated(m) or not self.stated):
            self.start = m["date_start"] if self.start is None else max(self.start, m["date_start"])
            self.end = m["date_end"] if self.end is None else min(self.end, m["date_end"])
        self.stated = self.stated or is_stated(m)
        self.members.append(m)


def _same_participants(c: Cluster, m: dict) -> bool:
    """Actors overlap, and where both name a source or target they agree."""
    if c.klass == "statement":
        return _same_speaker(c, m)
    if not (set(m["actors"] or ()) & c.actors):
        return False
    if c.klass in joint_classes() and m["source_actor"] and m["target_actor"] \
            and {m["source_actor"], m["target_actor"]} <= c.actors:
        return True     # "Israel and Hamas agreed to a truce" (both ways) and "Israel approved the truce with Hamas"
    for role in ("source_actor", "target_actor"):
        known = {x[role] for x in c.members if x[role]}
        if m[role] and known and m[role] not in known:
            return False
    return True


def _same_speaker(c: Cluster, m: dict) -> bool:
    """One statement has one speaker: the same named person, or the same actor where no person is named."""
    persons = {x.get("source_person") for x in c.members} - {None}
    if m.get("source_person") or persons:
        return m.get("source_person") in persons
    return bool(m["source_actor"]) and m["source_actor"] in {x["source_actor"] for x in c.members}


def _fits(c: Cluster, m: dict) -> str | None:
    """'date' when m joins c with a compatible date, 'conflict' when only near it, else None."""
    if merge_class(m["cameo_code"]) != c.klass or not _same_participants(c, m):
        return None
    if m["date_start"] <= c.end and c.start <= m["date_end"]:
        return "date"
    gap = min(abs((m["date_start"] - c.end).days), abs((c.start - m["date_end"]).days))
    same_code = any(x["cameo_code"] == m["cameo_code"] for x in c.members)
    if gap <= MAX_CONFLICT_DAYS and same_code and m["article_id"] not in c.articles:
        return "conflict"
    if gap <= MAX_CONFLICT_DAYS and c.stated and not is_stated(m) and m["article_id"] in c.articles:
        return "conflict"      # its own article states the date: the inference is off
    return None


def _affinity(c: Cluster, m: dict) -> tuple:
    """Prefer the cluster sharing most with m: code, people, target, location."""
    return (
        sum(x["cameo_code"] == m["cameo_code"] for x in c.members),
        len(set(m["people"] or ()) & c.people),
        len(set(m["actors"] or ()) & c.actors),
        -((c.end - c.start).days if c.start else 0),
    )


def _keys(m: dict) -> list[tuple]:
    """Index keys: a mention can only join a cluster it shares one with (keeps merging near-linear)."""
    klass = merge_class(m["cameo_code"])
    if klass == "statement":
        speaker = [(klass, "person", m["source_person"])] if m.get("source_person") else [(klass, "actor", m["source_actor"])]
        return speaker + [(klass, "article", m["article_id"])]
    return [(klass, "actor", a) for a in (m["actors"] or ())]


class _Index:
    """Clusters by key, in creation order."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self._by_key: dict[tuple, list[int]] = {}

    def candidates(self, m: dict) -> list[Cluster]:
        found = sorted({i for key in _keys(m) for i in self._by_key.get(key, ())})
        return [self.clusters[i] for i in found]

    def add(self, c: Cluster, m: dict) -> None:
        if not c.members:
            self.clusters.append(c)
            c.index = len(self.clusters) - 1
        for key in _keys(m):
            ids = self._by_key.setdefault(key, [])
            if not ids or ids[-1] != c.index:
                ids.append(c.index)


def cluster_mentions(mentions: list[dict]) -> list[Cluster]:
    """Group mentions into events (see the module docstring)."""
    index = _Index()
    dated = sorted((m for m in mentions if m["date_start"] is not None),
                   key=lambda m: (m["factuality"] in NOT_EVENTS, not is_stated(m), _precision(m)))
    loose = []
    for m in dated:
        joinable = [(c, how) for c in index.candidates(m) if (how := _fits(c, m))]
        if not joinable and not is_stated(m):
            joinable = _unnamed_speaker(index.candidates(m), m)
        if joinable:
            # a compatible date beats a conflicting one; then the closest match
            c, how = max(joinable, key=lambda ch: (ch[1] == "date", _affinity(ch[0], m)))
        elif m["factuality"] in NOT_EVENTS:
            continue    # what was denied or supposed supports an event that happened; it makes none
        elif is_stated(m) or merge_class(m["cameo_code"]) != "statement" or m["source_actor"] or m.get("source_person"):
            c, how = Cluster(merge_class(m["cameo_code"])), "date"
        else:
            loose.append(m)     # a statement nobody is named to have made, on an inferred date: as if undated
            continue
        index.add(c, m)
        c.add(m, conflicting=how == "conflict")
    standing = join_occasions(index.clusters)
    live = {id(c) for c in standing}
    for m in sorted([m for m in mentions if m["date_start"] is None] + loose, key=_first_seen):
        candidates = [c for c in index.candidates(m) if id(c) in live and _refers_to(c, m)]
        if len(candidates) == 1:
            candidates[0].undated.append(m)
    return standing


def _unnamed_speaker(candidates: list[Cluster], m: dict) -> list[tuple[Cluster, str]]:
    """An inferred-date statement whose speaker the text gives only as an actor ("the Russian
    president told reporters") joins the one statement of a named speaker of that actor in its
    own article near its date, rather than making a second statement."""
    if merge_class(m["cameo_code"]) != "statement" or m.get("source_person") or not m["source_actor"]:
        return []
    fits = []
    for c in candidates:
        if c.klass != "statement" or m["article_id"] not in c.articles or c.start is None:
            continue
        if m["source_actor"] not in {x["source_actor"] for x in c.members}:
            continue
        if m["date_start"] <= c.end and c.start <= m["date_end"]:
            fits.append((c, "date"))
        elif min(abs((m["date_start"] - c.end).days), abs((c.start - m["date_end"]).days)) <= MAX_CONFLICT_DAYS:
            fits.append((c, "conflict"))
    return fits if len(fits) == 1 else []


def _refers_to(c: Cluster, m: dict) -> bool:
    """Whether undated mention m clearly refers to dated event c.

    An undated statement ("he added") belongs to the same speaker's dated
    statement in the same article.  Any other undated mention refers to an
    event of the same code and participants that its own article dates, or
    that happened in the year before the article appeared ("the takeover"
    days after the capture of a city); the caller also requires that only one
    event fits.
    """
    if merge_class(m["cameo_code"]) != c.klass or not _same_participants(c, m):
        return False
    if m["article_id"] in c.articles:
        return c.klass == "statement" or any(x["cameo_code"] == m["cameo_code"] for x in c.members)
    if c.klass == "statement" or not any(x["cameo_code"] == m["cameo_code"] for x in c.members):
        return False
    published = m["sources"][0]["published"] if m["sources"] else None
    # the event began by the article's day and ended at most a year before it
    return published is not None and c.start <= published and (published - c.end).days <= RECENT_REFERENCE_DAYS


def _most_common(values, default=None):
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else default


def _date_value(members: list[dict], start: dt.date, end: dt.date) -> tuple[str, str]:
    """The value and granularity of the narrowest member whose interval is the event's."""
    for m in sorted(members, key=_precision):
        if (m["date_start"], m["date_end"]) == (start, end):
            return m["date_value"], m["granularity"]
    if start == end:
        return start.isoformat(), "day"
    return f"{start.isoformat()}/{end.isoformat()}", "vague"


def reconcile(members: list[dict]) -> tuple[dt.date, dt.date, list[dict], list[dict]]:
    """The best-supported interval and which mentions support or contradict it.

    Each mention's interval is a candidate; a mention supports a candidate
    when its own interval contains it.  The candidate with most supporting
    articles wins, then the narrowest, then the one more explicit dates give.
    """
    best = None
    stated = [m for m in members if is_stated(m)]
    for cand in sorted(stated or members, key=_precision):     # a stated date, when there is one
        lo, hi = cand["date_start"], cand["date_end"]
        support = [m for m in members if m["date_start"] <= lo and hi <= m["date_end"]]
        score = (len({m["article_id"] for m in support}), -(hi - lo).days, sum(is_stated(m) for m in support))
        if best is None or score > best[0]:
            best = (score, lo, hi, support)
    _, lo, hi, support = best
    # an inferred date inside the chosen interval agrees with it; one outside contradicts it
    return lo, hi, support, [m for m in members if m not in support and (m["date_end"] < lo or hi < m["date_start"])]


def make_event(c: Cluster) -> dict:
    """One timeline row from a cluster."""
    start, end, supporting, conflicting = reconcile(c.members)
    every = c.members + c.undated
    rep = max(supporting, key=lambda m: (m["factuality"] == "asserted", bool(m["source_actor"]) + bool(m["target_actor"]),
                                          m["confidence"] or 0.0, [-x for x in _precision(m)[:2]]))
    date_value, granularity = _date_value(supporting, start, end)
    codes = Counter(m["cameo_code"] for m in every)
    top = max(codes.values())
    code = rep["cameo_code"] if codes[rep["cameo_code"]] == top else min(k for k, v in codes.items() if v == top)
    factuality = "asserted" if any(m["factuality"] == "asserted" for m in every) else _most_common(m["factuality"] for m in every)
    confidence = 1.0
    for m in every:
        confidence *= 1.0 - min(0.95, float(m["confidence"] or 0.0))
    sources = sorted((s for m in every for s in m["sources"]),
                     key=lambda s: (s["published"] or dt.date.max, s["file"], s["char_start"]))
    founder = min(supporting, key=_first_seen)
    source_actor = rep["source_actor"] or _most_common(m["source_actor"] for m in every)
    targets = [m["target_actor"] for m in [rep] + every if m["target_actor"] != source_actor]
    target_actor = targets[0] if targets and targets[0] == rep["target_actor"] else _most_common(targets)
    actors = Counter(a for m in every for a in (m["actors"] or ()))
    people = Counter(p for m in every for p in (m["people"] or ()))
    return {
        "seq": None,
        "event_id": _hash(c.klass, founder["mention_id"]),
        "date_start": start,
        "date_end": end,
        "date_value": date_value,
        "granularity": granularity,
        "cameo_code": code,
        "event_type": next(m["event_type"] for m in every if m["cameo_code"] == code),
        "source_actor": source_actor,
        "target_actor": target_actor,
        "actors": sorted(actors, key=lambda a: (-actors[a], a)),
        "people": sorted(people, key=lambda p: (-people[p], p)),
        "location": _most_common(m["location"] for m in every),
        "summary": rep["summary"],
        "factuality": factuality,
        "confidence": round(1.0 - confidence, 4),
        "n_sources": len({s["article_id"] for s in sources}),
        "sources": sources,
        "date_conflicts": sorted({f"{m['date_value']} ({m['sources'][0]['file'] if m['sources'] else '?'})" for m in conflicting}),
        "mention_ids": sorted(m["mention_id"] for m in every),
        # the sector most mentions give the chosen actor ("Russia" + judiciary for its Supreme Court)
        "source_sector": _most_common(m.get("source_sector") for m in every if m["source_actor"] == source_actor),
        "target_sector": _most_common(m.get("target_sector") for m in every if m["target_actor"] == target_actor),
    }


def order_key(event: dict) -> tuple:
    """date_start, then date_end, then first appearance (publication, file, offset), then id."""
    first = min(((s["published"] or dt.date.max, s["file"], s["char_start"]) for s in event["sources"]),
                default=(dt.date.max, "", 0))
    return (event["date_start"], event["date_end"], first, event["event_id"])


def build_timeline(mentions: list[dict]) -> tuple[list[dict], dict[str, str]]:
    """Events in chronological order with ``seq`` set, and the event id of each merged mention."""
    events = sorted((make_event(c) for c in cluster_mentions(mentions)), key=order_key)
    event_of: dict[str, str] = {}
    for seq, event in enumerate(events):
        event["seq"] = seq
        for mention_id in event["mention_ids"]:
            event_of[mention_id] = event["event_id"]
    return events, event_of
