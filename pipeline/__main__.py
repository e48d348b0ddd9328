"""Command line: ``python -m pipeline run|summary``."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline.settings import get_settings


def _parser() -> argparse.ArgumentParser:
    settings = get_settings()
    ap = argparse.ArgumentParser(prog="python -m pipeline", description="eventline: news articles to a dated event timeline")
    sub = ap.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run every stage over an input folder into a warehouse, without Airflow")
    run.add_argument("--input", type=Path, default=settings.input_dir, help="folder of *.txt articles (default: seeds/)")
    run.add_argument("--warehouse", type=Path, default=settings.warehouse_dir, help="output folder (default: warehouse/)")
    run.add_argument("--quiet", action="store_true", help="print only the final line")
    check = sub.add_parser("check", help="say in one line what is wrong before a run: input, warehouse, spaCy model")
    check.add_argument("--input", type=Path, default=settings.input_dir)
    check.add_argument("--warehouse", type=Path, default=settings.warehouse_dir)
    summary = sub.add_parser("summary", help="say where the timeline is and how much it holds")
    summary.add_argument("--warehouse", type=Path, default=settings.warehouse_dir)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from pipeline.ingest import InputError
    from pipeline.nlp import ModelNotFound
    from pipeline.warehouse import WarehouseError

    # progress bars say what the stages' info lines would; logs stay for warnings
    logging.basicConfig(level=logging.WARNING if args.command == "run" and (args.quiet or sys.stderr.isatty()) else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "run":
            from pipeline.run import run_pipeline
            print(run_pipeline(args.input, args.warehouse, progress=not args.quiet).line())
        elif args.command == "check":
            from pipeline.run import preflight
            preflight(args.input, args.warehouse)
        elif args.command == "summary":
            from pipeline.run import summarize
            if not (args.warehouse / "timeline").is_dir():
                print(f"eventline: no timeline in {args.warehouse}; run `make run` first", file=sys.stderr)
                return 1
            print(summarize(args.warehouse).line())
    except (InputError, ModelNotFound, WarehouseError) as exc:
        print(f"eventline: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
