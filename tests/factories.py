"""Made-up table rows for tests, one factory per table with exactly its schema's keys; and the shortest ways to run a stage on one made-up text."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.warehouse.schemas import TABLES
from pipeline.warehouse.tables import write_table

D = dt.date


def complete(row: dict, table: str) -> dict:
    """The row with any column the schema has gained since these tests were written set to null."""
    return {name: row.get(name) for name in TABLES[table].names}


def event(seq: int, start: dt.date, end: dt.date | None = None, *, granularity: str = "day", value: str | None = None,
          code: str = "042", source: str | None = "Ruritania", target: str | None = "Freedonia", actors=None,
          people=(), summary: str | None = None, sources=None, conflicts=(), factuality: str = "asserted") -> dict:
    """One made-up ``timeline`` row with exactly the TIMELINE schema's keys."""
    end = end or start
    sources = sources if sources is not None else [
        {"article_id": f"art{seq}", "file": f"art{seq}.txt", "sentence": f"Ruritania visited Freedonia, event {seq}.",
         "char_start": 0, "char_end": 40, "date_text": None, "published": D(2030, 5, 9)}]
    return complete({
        "seq": seq, "event_id": f"ev{seq:05d}", "date_start": start, "date_end": end,
        "date_value": value or (start.isoformat() if start == end else str(start.year)), "granularity": granularity,
        "cameo_code": code, "event_type": "consult", "source_actor": source, "target_actor": target,
        "actors": actors if actors is not None else sorted(a for a in (source, target) if a), "people": list(people),
        "location": None, "summary": summary or f"Ruritania visits Freedonia ({seq})", "factuality": factuality,
        "confidence": 0.6, "n_sources": len({s["article_id"] for s in sources}), "sources": sources,
        "date_conflicts": list(conflicts), "mention_ids": [f"m{seq}"],
    }, "timeline")


def articles(rows: list[tuple[str, str, str | None]]) -> list[dict]:
    """``articles`` rows (article_id, file, source_url) for the source links."""
    return [complete({"article_id": a, "file": f, "title": None, "published": D(2030, 5, 9), "published_source": "manifest",
                      "source_url": url, "n_chars": 10, "warnings": [], "files": [f], "body": "x"}, "articles")
            for a, f, url in rows]


def make_warehouse(path: Path, events: list[dict], article_rows: list[dict] | None = None) -> Path:
    write_table(events, path, "timeline")
    if article_rows is not None:
        write_table(article_rows, path, "articles")
    return path


def mention(article: str, code: str, start: dt.date | None, end: dt.date | None = None, *, source="Ruritania",
            target=None, people=(), granularity="day", method="timex", offset=0, factuality="asserted", published=None,
            speaker=None):
    end = end or start
    actors = sorted({a for a in (source, target) if a})
    return complete({
        "seq": None, "event_id": None,
        "date_start": start, "date_end": end,
        "date_value": None if start is None else (start.isoformat() if start == end else f"{start.year}"),
        "granularity": None if start is None else granularity,
        "cameo_code": code, "event_type": "x", "source_actor": source, "target_actor": target,
        "actors": actors, "people": list(people), "location": None,
        "summary": f"{source} {code} in {article}", "factuality": factuality, "confidence": 0.6, "n_sources": 1,
        "sources": [{"article_id": article, "file": f"{article}.txt", "sentence": "s", "char_start": offset,
                     "char_end": offset + 1, "date_text": None, "published": published or D(2030, 5, 9)}],
        "mention_id": f"{article}-{code}-{offset}", "article_id": article, "sentence_index": 0,
        "trigger": "t", "source_person": speaker if speaker else (people[0] if people else None),
        "date_method": method if start else None,
    }, "mentions")


def timex_rows(nlp, text: str, published: dt.date | None) -> list[dict]:
    """The date stage's rows for one made-up article, each checked against the schema and the text."""
    from pipeline.dates import timexes_for_doc

    doc = nlp(text)
    rows = timexes_for_doc(doc, "a1", published)
    for r in rows:
        assert list(r) == TABLES["timexes"].names
        assert doc.text[r["char_start"]:r["char_end"]] == r["text"]
    return rows


def resolve_word(nlp, text: str, word: str, nth: int = 0):
    """The actor resolution of the nth token spelled ``word`` in one made-up article."""
    from pipeline.events.actors import ArticleActors

    doc = nlp(text)
    return ArticleActors(doc).resolve([t for t in doc if t.text == word][nth])


def article_mentions(nlp, text: str, published: dt.date = D(2024, 3, 8)) -> list[dict]:
    """The event stage's mentions of one made-up article, with no timexes."""
    from pipeline.events import mentions_for_doc

    article = {"article_id": "a1", "file": "t.txt", "title": None, "published": published, "body": text}
    return mentions_for_doc(nlp(text), article, [])
