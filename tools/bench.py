"""``make bench``: throughput, memory and incremental cost, from one run.

Every measurement runs in its own process, so peak RSS and model loading are
those a user sees.  The corpus is real news: the first N TempEval-3 silver
documents by file name, turned into an input folder (text + creation date).
The last line printed starts with ``bench:``.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.config import PROJECT_ROOT
from tools import SHARED_DIR

SILVER = SHARED_DIR / "data" / "te3" / "silver"
NEW_ARTICLE = ("Government troops recaptured the border town after a week of heavy fighting, the defence ministry said "
               "on Tuesday. Rebel commanders denied the claim and vowed to continue the offensive.\n")


def make_corpus(silver: Path, out: Path, limit: int | None) -> int:
    """Write the first ``limit`` silver documents as an input folder."""
    from tools.te3 import read_folder

    out.mkdir(parents=True, exist_ok=True)
    docs = read_folder(silver, limit=limit)
    lines = ["file,published"]
    for doc in docs:
        (out / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
        lines.append(f"{doc.name}.txt,{doc.dct.isoformat() if doc.dct else ''}")
    (out / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(docs)


def _measured(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run ``args`` under a fresh interpreter that reports the peak RSS of all its descendants."""
    wrapper = ("import json, resource, subprocess, sys, time; t = time.perf_counter(); "
               "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "w = time.perf_counter() - t; "
               "print(json.dumps({'rc': p.returncode, 'wall': w, 'rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
               "'out': p.stdout, 'err': p.stderr[-3000:]}))")
    out = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, cwd=PROJECT_ROOT)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"bench: {' '.join(args[:5])} failed:\n{result['err']}")
    return result["wall"], result["rss_kb"] / 1024, result["out"]


def spacy_only(corpus: Path, n_process: int) -> dict:
    """Plain ``nlp.pipe`` over the corpus texts, model load excluded (child-process entry point)."""
    from pipeline.nlp import load_nlp
    from pipeline.config import get_settings

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    nlp = load_nlp()
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=get_settings().spacy_batch_size, n_process=n_process))
    return {"seconds": time.perf_counter() - started, "tokens": tokens}


def latest_run_record(warehouse: Path) -> dict:
    records = sorted((warehouse / "_runs").glob("*.json"), key=lambda p: p.stat().st_mtime)
    return json.loads(records[-1].read_text())


def run_bench(limit: int | None, airflow: bool, keep: Path | None = None) -> str:
    root = Path(keep or tempfile.mkdtemp(prefix="eventline-bench-"))
    corpus = root / "corpus"
    n = make_corpus(SILVER, corpus, limit)
    print(f"corpus: {n} TempEval-3 silver articles in {corpus}", flush=True)
    py = sys.executable

    spacy = {}
    for procs in (1, 2):
        _, rss, out = _measured([py, "-m", "tools.bench", "_spacy", str(corpus), str(procs)])
        spacy[procs] = json.loads(out.strip().splitlines()[-1])
        print(f"spacy nlp.pipe n_process={procs}: {spacy[procs]['tokens'] / spacy[procs]['seconds']:.0f} tokens/s "
              f"({spacy[procs]['seconds']:.1f}s, peak {rss:.0f} MB)", flush=True)
    tokens = spacy[1]["tokens"]

    e2e, rss_peak, records = {}, 0.0, {}
    for procs in (1, 2):
        warehouse = root / f"wh{procs}"
        shutil.rmtree(warehouse, ignore_errors=True)
        wall, rss, _ = _measured([py, "-m", "pipeline", "run", "--quiet", "--input", str(corpus), "--warehouse", str(warehouse)],
                                 env={"EVENTLINE_N_PROCESS": str(procs)})
        e2e[procs], rss_peak, records[procs] = wall, max(rss_peak, rss), latest_run_record(warehouse)
        print(f"end to end n_process={procs}: {wall:.1f}s, {n / wall:.1f} articles/s, {tokens / wall:.0f} tokens/s, "
              f"peak {rss:.0f} MB", flush=True)

    seconds = records[1]["seconds"]
    stage_total = e2e[1]
    shares = {k: v / stage_total for k, v in sorted(seconds.items(), key=lambda kv: -kv[1])}
    accounted = sum(seconds.values())
    print("where the one-process run's time went:")
    for key, share in shares.items():
        print(f"  {key:<28} {seconds[key]:8.2f}s  {share:6.1%}")
    print(f"  {'startup, ingest, rest':<28} {stage_total - accounted:8.2f}s  {(stage_total - accounted) / stage_total:6.1%}")
    parse = seconds.get("normalize_dates.parse", 0.0)
    if parse:
        print(f"  dates stage / parse = {seconds.get('normalize_dates.dates', 0) / parse:.1%}; "
              f"events stage / parse = {seconds.get('extract_events.events', 0) / parse:.1%}")

    # incremental: the same corpus plus one new article, into the one-process warehouse
    (corpus / "zzzz_new_article.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    wall_incr, rss, _ = _measured([py, "-m", "pipeline", "run", "--quiet", "--input", str(corpus), "--warehouse", str(root / "wh1")],
                                  env={"EVENTLINE_N_PROCESS": "1"})
    incr = latest_run_record(root / "wh1")
    rss_peak = max(rss_peak, rss)
    print(f"incremental (+1 article): {wall_incr:.1f}s, {incr['reused_articles']} of {incr['articles']} articles reused", flush=True)
    (corpus / "zzzz_new_article.txt").unlink()

    if airflow:
        warehouse = root / "wh_airflow"
        conf = json.dumps({"input_dir": str(corpus), "warehouse_dir": str(warehouse)})
        airflow_bin = str(Path(py).parent / "airflow")
        started = time.perf_counter()
        out = subprocess.run([airflow_bin, "dags", "test", "eventline", "-c", conf], capture_output=True, text=True, cwd=PROJECT_ROOT)
        wall_af = time.perf_counter() - started
        state = "ok" if out.returncode == 0 else f"failed (exit {out.returncode})"
        print(f"airflow dags test: {wall_af:.1f}s, {wall_af / e2e[1]:.2f}x the one-process CLI ({state})", flush=True)

    e2e_tps = tokens / e2e[1]
    spacy_tps = tokens / spacy[1]["seconds"]
    line = (f"bench: articles={n} e2e_tokens_per_s={e2e_tps:.0f} spacy_tokens_per_s={spacy_tps:.0f} "
            f"ratio={e2e_tps / spacy_tps:.2f} ratio_2proc={(tokens / e2e[2]) / (tokens / spacy[2]['seconds']):.2f} "
            f"speedup_2proc={e2e[1] / e2e[2]:.2f} peak_rss_mb={rss_peak:.0f} incremental_share={wall_incr / e2e[1]:.3f}")
    if keep is None:
        shutil.rmtree(root, ignore_errors=True)
    return line


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_spacy":
        print(json.dumps(spacy_only(Path(argv[1]), int(argv[2]))))
        return 0
    ap = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=600, help="silver documents to use (default 600)")
    ap.add_argument("--full", action="store_true", help="use all 2,452 silver documents")
    ap.add_argument("--airflow", action="store_true", help="also time `airflow dags test` over the same corpus")
    ap.add_argument("--keep", type=Path, help="keep the corpus and warehouses in this folder")
    args = ap.parse_args(argv)
    if not SILVER.is_dir():
        print(f"bench: {SILVER} not found; the bench needs ../shared/data/te3/silver", file=sys.stderr)
        return 2
    print(run_bench(None if args.full else args.limit, args.airflow, args.keep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
