"""Reading an input folder: each file becomes an article or a quarantine row.

Every file in the folder ends up in exactly one place: an article (possibly
shared by several files with the same body) or a quarantine row saying why it
was refused.  Nothing outside the folder is read: symbolic links are refused,
and manifest rows may only name files directly inside the folder.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path


from pipeline.config import get_settings

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.csv"
HEADER_RE = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*?))?[ \t]*$")
# A title line: short, no sentence-final punctuation.
TITLE_MAX_CHARS = 200
# Bytes other than tab, newline, carriage return and form feed below 0x20
# almost never occur in text; a few percent of them means a binary file.
_CONTROL = bytes(range(0x20)).translate(None, b"\t\n\r\f")
BINARY_CONTROL_SHARE = 0.02


class InputError(RuntimeError):
    """The input folder cannot be read at all."""


@dataclass
class ManifestRow:
    published: dt.date | None
    source_url: str | None
    title: str | None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Ingested:
    articles: list[dict]
    quarantine: list[dict]


def _quarantine(file: str, reason: str, detail: str) -> dict:
    return {"file": file, "reason": reason, "detail": detail}


def normalize_text(text: str) -> str:
    """Strip a BOM and make every line end a single ``\\n``."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def article_id_for(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _parse_date(raw: str) -> dt.date:
    return dt.date.fromisoformat(raw.strip())


def read_manifest(input_dir: Path, quarantine: list[dict]) -> dict[str, ManifestRow]:
    """Publication dates and metadata by file name; bad rows go to quarantine."""
    path = input_dir / MANIFEST_NAME
    if not path.exists() and not path.is_symlink():
        return {}
    if path.is_symlink() or not path.is_file():
        quarantine.append(_quarantine(MANIFEST_NAME, "manifest_unreadable", "manifest.csv is not a regular file; no manifest used"))
        return {}
    try:
        text = normalize_text(path.read_bytes().decode("utf-8"))
        reader = csv.DictReader(io.StringIO(text))
        columns = {c.strip().lower() for c in (reader.fieldnames or [])}
        rows = list(reader)
    except (UnicodeDecodeError, csv.Error, OSError) as exc:
        quarantine.append(_quarantine(MANIFEST_NAME, "manifest_unreadable", f"{type(exc).__name__}: {exc}; no manifest used"))
        return {}
    if not {"file", "published"} <= columns:
        quarantine.append(_quarantine(
            MANIFEST_NAME, "manifest_unreadable",
            f"needs columns file,published; has {','.join(sorted(columns)) or 'none'}; no manifest used"))
        return {}
    manifest: dict[str, ManifestRow] = {}
    root = input_dir.resolve()
    for line_no, raw in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        name = row.get("file", "")
        if not name:
            quarantine.append(_quarantine(MANIFEST_NAME, "manifest_bad_row", f"line {line_no}: empty file name"))
            continue
        target = (input_dir / name)
        if Path(name).is_absolute() or target.resolve(strict=False).parent != root or Path(name).name != name:
            quarantine.append(_quarantine(name, "manifest_path_outside_input",
                                          f"manifest line {line_no} names a path outside the input folder; not read"))
            continue
        if not target.exists() and not target.is_symlink():
            quarantine.append(_quarantine(name, "manifest_missing_file", f"manifest line {line_no} names a file that does not exist"))
            continue
        warnings: list[str] = []
        published = None
        if row.get("published"):
            try:
                published = _parse_date(row["published"])
            except ValueError:
                warnings.append(f"manifest published {row['published']!r} is not a valid date; ignored")
        if name in manifest:
            warnings.append(f"manifest lists {name} more than once; line {line_no} used")
        manifest[name] = ManifestRow(published, row.get("source_url") or None, row.get("title") or None, warnings)
    return manifest


def _refusal(data: bytes) -> tuple[str, str] | None:
    if not data.strip():
        return "empty", "the file is empty or holds only blanks"
    if b"\x00" in data or sum(data.count(bytes([c])) for c in _CONTROL) > BINARY_CONTROL_SHARE * len(data):
        return "binary", "the file holds binary data, not text"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "not_utf8", f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; re-save the file as UTF-8"
    if not normalize_text(data.decode("utf-8")).strip():
        return "empty", "the file is empty or holds only blanks"
    return None


def split_header(text: str) -> tuple[dt.date | None, str | None, str, list[str]]:
    """Split off the optional ``date YYYY-MM-DD Title`` line: (date, title, body, warnings)."""
    first, _, rest = text.partition("\n")
    match = HEADER_RE.match(first)
    if not match:
        return None, None, text, []
    warnings = []
    date = None
    try:
        date = _parse_date(match.group(1))
    except ValueError:
        warnings.append(f"header date {match.group(1)!r} is not a valid date; ignored")
    return date, (match.group(2) or None), rest, warnings


def _infer_title(body: str) -> str | None:
    """A first line that reads like a headline (short, no closing full stop)."""
    first = body.split("\n", 1)[0].strip()
    if first and len(first) <= TITLE_MAX_CHARS and "\n" in body and not first.endswith((".", "!", "?", "\u201d", '"', ":")):
        return first
    return None


def read_articles(input_dir: Path) -> Ingested:
    """Read every article in ``input_dir``; never raises for a bad file."""
    input_dir = Path(input_dir)
    if not input_dir.is_dir():
        raise InputError(f"input folder {input_dir} does not exist or is not a folder; pass an existing --input / input_dir")
    settings = get_settings()
    quarantine: list[dict] = []
    manifest = read_manifest(input_dir, quarantine)
    by_id: dict[str, dict] = {}
    for path in sorted(input_dir.iterdir(), key=lambda p: p.name):
        name = path.name
        if name == MANIFEST_NAME or name.startswith("."):
            continue
        if path.is_symlink():
            quarantine.append(_quarantine(name, "symlink", "symbolic links are not followed; copy the file into the folder"))
            continue
        if path.is_dir():
            quarantine.append(_quarantine(name, "subdirectory", "articles must sit directly in the input folder; not read"))
            continue
        if path.suffix.lower() != ".txt":
            quarantine.append(_quarantine(name, "not_txt", "only *.txt files are articles"))
            continue
        try:
            size = path.stat().st_size
            if size > settings.max_file_bytes:
                quarantine.append(_quarantine(name, "too_large", f"{size} bytes, over the limit of {settings.max_file_bytes} (EVENTLINE_MAX_FILE_BYTES)"))
                continue
            data = path.read_bytes()
        except OSError as exc:
            quarantine.append(_quarantine(name, "unreadable", f"{type(exc).__name__}: {exc.strerror}"))
            continue
        refusal = _refusal(data)
        if refusal:
            quarantine.append(_quarantine(name, *refusal))
            continue
        article = _article(name, normalize_text(data.decode("utf-8")), manifest.get(name))
        twin = by_id.get(article["article_id"])
        if twin is None:
            by_id[article["article_id"]] = article
        else:
            twin["files"].append(name)
            twin["warnings"].append(f"{name} has the same body as {twin['file']}; read once")
            if article["published"] and article["published"] != twin["published"]:
                twin["warnings"].append(f"{name} gives publication date {article['published']}; {twin['published']} kept")
    articles = sorted(by_id.values(), key=lambda a: a["file"])
    return Ingested(articles, quarantine)


def _article(name: str, text: str, meta: ManifestRow | None) -> dict:
    header_date, header_title, body, warnings = split_header(text)
    body = body.strip("\n").rstrip()
    published, source = None, "none"
    if meta is not None:
        warnings = meta.warnings + warnings
    if meta is not None and meta.published:
        published, source = meta.published, "manifest"
        if header_date and header_date != meta.published:
            warnings.append(f"header date {header_date} differs from manifest {meta.published}; manifest used")
    elif header_date:
        published, source = header_date, "header"
    title = (meta.title if meta else None) or header_title or _infer_title(body)
    return {
        "article_id": article_id_for(body),
        "file": name,
        "title": title,
        "published": published,
        "published_source": source,
        "source_url": meta.source_url if meta else None,
        "n_chars": len(body),
        "warnings": warnings,
        "files": [name],
        "body": body,
        "pipeline_version": None,
    }
