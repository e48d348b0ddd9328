"""Event extraction: CAMEO event mentions from parsed articles.

``mentions_for_doc`` is the stable entry point (stages, tools, tests); the
steps live one per module: ``lexicon``, ``triggers``, ``arguments``,
``actors``, ``factuality``, ``dating``, ``summary``, ``extract``.
"""
from pipeline.events.extract import mentions_for_doc

__all__ = ["mentions_for_doc"]
