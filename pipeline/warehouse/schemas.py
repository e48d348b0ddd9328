"""Arrow schemas of every warehouse table, defined once.

The contract (CONTRACT.md) names the columns; writers, readers and tests all
take them from here so a column cannot drift between stages.  Columns beyond
the contract are extensions and come after the contract's own.
"""
from __future__ import annotations

import pyarrow as pa

ARTICLES = pa.schema([
    ("article_id", pa.string()),
    ("file", pa.string()),
    ("title", pa.string()),
    ("published", pa.date32()),
    ("published_source", pa.string()),   # manifest | header | inferred | none
    ("source_url", pa.string()),
    ("n_chars", pa.int32()),
    ("warnings", pa.list_(pa.string())),
    # extensions
    ("files", pa.list_(pa.string())),     # every file name holding this body
    ("body", pa.string()),                # the text char offsets refer to
    ("pipeline_version", pa.string()),    # code + model + data the results came from
])

QUARANTINE = pa.schema([
    ("file", pa.string()),
    ("reason", pa.string()),
    ("detail", pa.string()),
])

TIMEXES = pa.schema([
    ("article_id", pa.string()),
    ("text", pa.string()),
    ("char_start", pa.int32()),
    ("char_end", pa.int32()),
    ("sentence_index", pa.int32()),
    ("type", pa.string()),          # DATE | TIME | DURATION | SET
    ("value", pa.string()),         # TIMEX3 value, null when it cannot be resolved
    ("date_start", pa.date32()),
    ("date_end", pa.date32()),
    ("granularity", pa.string()),
    ("anchor", pa.string()),        # what a relative value was computed from
    ("method", pa.string()),        # rule:<name>[:<variant>][:unanchored|:weekday_mismatch] | dateparser[:rejected:<why>]
])

SOURCE = pa.struct([
    ("article_id", pa.string()),
    ("file", pa.string()),
    ("sentence", pa.string()),
    ("char_start", pa.int32()),
    ("char_end", pa.int32()),
    ("date_text", pa.string()),
    ("published", pa.date32()),
])

# `factuality` values of a thing that happened
HAPPENED = ("asserted", "reported")
# ... and of one that did not and will not (a denial, a supposition): such a mention only supports an event
NOT_EVENTS = ("negated", "hypothetical")

_EVENT_FIELDS = [
    ("seq", pa.int32()),
    ("event_id", pa.string()),
    ("date_start", pa.date32()),
    ("date_end", pa.date32()),
    ("date_value", pa.string()),
    ("granularity", pa.string()),
    ("cameo_code", pa.string()),
    ("event_type", pa.string()),
    ("source_actor", pa.string()),
    ("target_actor", pa.string()),
    ("actors", pa.list_(pa.string())),
    ("people", pa.list_(pa.string())),
    ("location", pa.string()),
    ("summary", pa.string()),
    ("factuality", pa.string()),
    ("confidence", pa.float32()),
    ("n_sources", pa.int32()),
    ("sources", pa.list_(SOURCE)),
]

TIMELINE = pa.schema(_EVENT_FIELDS + [
    # extensions
    ("date_conflicts", pa.list_(pa.string())),  # other dates mentions gave, "value (n sources)"
    ("mention_ids", pa.list_(pa.string())),
    ("source_sector", pa.string()),   # which part of the source actor acted: government, military, judiciary, ...
    ("target_sector", pa.string()),   # the same for the target (data/actors/sectors.csv)
])

MENTIONS = pa.schema(_EVENT_FIELDS + [
    # extensions; event_id is the timeline event the mention joined (null if none)
    ("mention_id", pa.string()),
    ("article_id", pa.string()),
    ("sentence_index", pa.int32()),
    ("trigger", pa.string()),         # the word(s) that evoke the event
    ("source_person", pa.string()),   # the named person who acts (the speaker of a statement)
    ("date_method", pa.string()),     # data/timeline/date_methods.csv (timex, relative, frame:<trigger>, ...) | null
    ("source_sector", pa.string()),   # which part of the source actor acted: government, military, judiciary, ...
    ("target_sector", pa.string()),   # the same for the target (data/actors/sectors.csv)
])

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "quarantine": QUARANTINE,
    "timexes": TIMEXES,
    "mentions": MENTIONS,
    "timeline": TIMELINE,
}
