"""Who did what to whom: score the event extraction on the invented dyad test set.

Event-data users query dyads (source -> target, CAMEO root), so a right root
with the wrong or a missing actor is still a wrong event.  Each line of
``tests/data/dyads.jsonl`` is one invented news-style sentence stating one
event, with the expected source, target and root (or ``pairs`` of actors for a
compound subject or object: one event per pair).  ``factual: false`` lines
(negated, future, hypothetical) name the root that must NOT be coded as a
happened event.  ``also`` lists roots of other events the sentence genuinely
reports (a reporting clause, an offer that is rejected): coding them is neither
right nor wrong.

Only mentions whose factuality is ``asserted`` or ``reported`` count.  The
target is the actor acted upon as the sentence names it (a country, its
capital, city or people, an organisation); violence on places of the source's
own country with no named victim has none.  Root F1: each line's root is found
or missed, every other happened root not in ``also`` is a false positive;
source-target-root F1 counts (source, target, root) triples the same way.

    python -m tools.dyads [--file F] [--class C] [--quiet]

The last line printed is ``dyads: n=... root_f1=... str_f1=... correct=...``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "dyads.jsonl"
FACTUAL = ("asserted", "reported")
CLASSES = ("plain", "compound_subject", "compound_object", "control_verb", "raising_aux", "passive_agent",
           "target_in_np", "negation", "complement_code", "nominal", "future", "hypothetical")


def load(path: Path | str = DATA) -> list[dict]:
    """The dyad lines, each with ``pairs`` filled in from source/target when not given."""
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "pairs" not in row:
            row["pairs"] = [[row.get("source"), row.get("target")]]
        row["pairs"] = [tuple(p) for p in row["pairs"]]
        row.setdefault("also", [])
        row["_line"] = n
        rows.append(row)
    return rows


def extract(rows: list[dict], nlp=None) -> list[list[dict]]:
    """The pipeline's mentions for each line's sentence (one article per sentence)."""
    from pipeline.dates import timexes_for_doc
    from pipeline.events import mentions_for_doc
    from pipeline.nlp import load_nlp

    nlp = nlp or load_nlp()
    out = []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
        article = {"article_id": row["id"], "file": f"{row['id']}.txt", "title": None, "published": published,
                   "body": row["text"]}
        timexes = timexes_for_doc(doc, row["id"], published)
        out.append(mentions_for_doc(doc, article, timexes))
    return out


@dataclass
class Verdict:
    """How one line came out."""

    row: dict
    root_ok: bool
    correct: bool
    why: str                                   # "" when correct, else the failure kind
    predicted: list[tuple] = field(default_factory=list)   # (source, target, code, factuality, trigger) per mention
    root_tp: int = 0
    root_fp: int = 0
    root_fn: int = 0
    str_tp: int = 0
    str_fp: int = 0
    str_fn: int = 0


def judge(row: dict, mentions: list[dict]) -> Verdict:
    """Compare one line's expected event with the mentions found in its sentence."""
    root = row["root"]
    predicted = [(m.get("source_actor"), m.get("target_actor"), m["cameo_code"], m["factuality"], m.get("trigger"))
                 for m in mentions]
    factual = [p for p in predicted if p[3] in FACTUAL]
    roots = {p[2][:2] for p in factual}
    tuples = {(p[0], p[1], p[2][:2]) for p in factual}
    ignored = set(row["also"])
    v = Verdict(row=row, root_ok=False, correct=False, why="", predicted=predicted)
    if not row["factual"]:
        v.root_ok = v.correct = root not in roots
        v.root_fp = v.str_fp = int(root in roots)
        extra = roots - {root} - ignored
        v.root_fp += len(extra)
        v.str_fp += len({t for t in tuples if t[2] in extra})
        v.why = "" if v.correct else "modality_scope"
        return v
    expected = {(s, t, root) for s, t in row["pairs"]}
    extra = roots - {root} - ignored
    v.root_ok = root in roots
    v.root_tp, v.root_fn, v.root_fp = int(v.root_ok), int(not v.root_ok), len(extra)
    v.str_tp = len(expected & tuples)
    v.str_fn = len(expected - tuples)
    v.str_fp = len({t for t in tuples if t not in expected and t[2] not in ignored})
    v.correct = expected <= tuples
    v.why = "" if v.correct else _failure_kind(row, expected, predicted, factual)
    return v


def _failure_kind(row: dict, expected: set, predicted: list, factual: list) -> str:
    """Which mechanism a wrong factual line points at."""
    root = row["root"]
    same_root = [p for p in factual if p[2][:2] == root]
    if not predicted:
        return "no_trigger"
    if not same_root:
        if any(p[2][:2] == root for p in predicted):
            return "factuality"       # the right event, but not taken as happened
        return "wrong_root"
    got = {(p[0], p[1]) for p in same_root}
    srcs, tgts = {s for s, _ in got}, {t for _, t in got}
    want = [(s, t) for s, t, _ in expected if (s, t, root) not in {(p[0], p[1], root) for p in same_root}]
    if len(row["pairs"]) > 1 and len(want) < len(row["pairs"]):
        return "pair_missing"          # some actor pairs found, not all
    kinds = set()
    for s, t in want:
        if s not in srcs:
            kinds.add("source_missing" if srcs <= {None} else "source_wrong")
        if t not in tgts:
            kinds.add("target_missing" if tgts <= {None} else "target_wrong")
    return "+".join(sorted(kinds)) or "actors_split"     # source and target each found, on different mentions


def f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    verdicts: list[Verdict]

    def _sum(self, attr: str, vs=None) -> int:
        return sum(getattr(v, attr) for v in (self.verdicts if vs is None else vs))

    @property
    def n(self) -> int:
        return len(self.verdicts)

    @property
    def root_f1(self) -> float:
        return f1(self._sum("root_tp"), self._sum("root_fp"), self._sum("root_fn"))

    @property
    def str_f1(self) -> float:
        return f1(self._sum("str_tp"), self._sum("str_fp"), self._sum("str_fn"))

    @property
    def root_accuracy(self) -> float:
        return sum(v.root_ok for v in self.verdicts) / self.n if self.n else 0.0

    @property
    def accuracy(self) -> float:
        """Share of lines coded right: every expected (source, target, root), or no factual event for a
        factual-false line."""
        return sum(v.correct for v in self.verdicts) / self.n if self.n else 0.0

    def by_class(self) -> dict[str, tuple[int, int, int]]:
        """class -> (lines, root right, fully right)."""
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for v in self.verdicts:
            c = out[v.row["class"]]
            c[0] += 1
            c[1] += v.root_ok
            c[2] += v.correct
        return {k: tuple(out[k]) for k in CLASSES if k in out}

    def failure_table(self) -> dict[str, Counter]:
        """class -> Counter of failure kinds."""
        out: dict[str, Counter] = defaultdict(Counter)
        for v in self.verdicts:
            if not v.correct:
                out[v.row["class"]][v.why] += 1
        return dict(out)

    def summary_line(self) -> str:
        return (f"dyads: n={self.n} root_f1={self.root_f1:.3f} str_f1={self.str_f1:.3f} "
                f"correct={self.accuracy:.3f}")


def score(rows: list[dict] | None = None, nlp=None) -> Report:
    """Run the extraction over the lines and judge each."""
    rows = load() if rows is None else rows
    return Report([judge(r, m) for r, m in zip(rows, extract(rows, nlp))])


def render(report: Report, failures: bool = True) -> str:
    lines = [f"{'class':<18}{'n':>5}{'root':>7}{'right':>7}  failures"]
    table = report.failure_table()
    for cls, (n, root_ok, ok) in report.by_class().items():
        kinds = ", ".join(f"{k} {c}" for k, c in table.get(cls, Counter()).most_common())
        lines.append(f"{cls:<18}{n:>5}{root_ok:>7}{ok:>7}  {kinds}")
    total = Counter()
    for c in table.values():
        total.update(c)
    lines.append("failure kinds: " + ", ".join(f"{k} {c}" for k, c in total.most_common()))
    if failures:
        lines.append("")
        for v in report.verdicts:
            if v.correct:
                continue
            r = v.row
            want = "; ".join(f"{s} -> {t}" for s, t in r["pairs"])
            got = "; ".join(f"{s} -> {t} {c} {f} ({w})" for s, t, c, f, w in v.predicted) or "nothing"
            lines.append(f"FAIL {r['id']} [{r['class']}/{v.why}] {r['text']}\n"
                         f"     want {r['root']} {'happened' if r['factual'] else 'NOT happened'}: {want}\n"
                         f"     got  {got}")
    lines.append("")
    lines.append(f"root_accuracy={report.root_accuracy:.3f}")
    lines.append(report.summary_line())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--file", default=str(DATA))
    ap.add_argument("--class", dest="cls", choices=CLASSES)
    ap.add_argument("--quiet", action="store_true", help="no list of failures")
    args = ap.parse_args(argv)
    rows = load(args.file)
    if args.cls:
        rows = [r for r in rows if r["class"] == args.cls]
    print(render(score(rows), failures=not args.quiet))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
