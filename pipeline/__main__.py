"""Command line: ``python -m pipeline run|query|export|summary|check``.

Errors a user can make (a wrong path, an unwritable warehouse, an unknown
spaCy model, bad SQL) end with one line saying what to do, exit status 2.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline.config import get_settings

EXPORT_FORMATS = ("timelinejs", "csv", "jsonl", "html")


def _parser() -> argparse.ArgumentParser:
    settings = get_settings()
    warehouse_help = "warehouse folder or fsspec URL such as s3://bucket/warehouse (default: warehouse/)"
    ap = argparse.ArgumentParser(prog="python -m pipeline", description="eventline: news articles to a dated event timeline")
    sub = ap.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run every stage over an input folder into a warehouse, without Airflow")
    run.add_argument("--input", type=Path, default=settings.input_dir, help="folder of *.txt articles (default: the project's seeds/)")
    run.add_argument("--warehouse", default=str(settings.warehouse_dir), help=warehouse_help)
    run.add_argument("--quiet", action="store_true", help="no progress bars or logs; print only the final line")

    query = sub.add_parser("query", help="run SQL over the warehouse; each table is a view")
    query.add_argument("sql", help='e.g. "SELECT seq, date_start, summary FROM timeline ORDER BY seq"')
    query.add_argument("--warehouse", default=str(settings.warehouse_dir), help=warehouse_help)
    query.add_argument("--csv", action="store_true", help="print CSV instead of a table")

    export = sub.add_parser("export", help="write the timeline for downstream tools")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--out", required=True, help="file to write")
    export.add_argument("--warehouse", default=str(settings.warehouse_dir), help=warehouse_help)

    check = sub.add_parser("check", help="say in one line what is wrong before a run: input, warehouse, spaCy model")
    check.add_argument("--input", type=Path, default=settings.input_dir)
    check.add_argument("--warehouse", default=str(settings.warehouse_dir), help=warehouse_help)

    summary = sub.add_parser("summary", help="say where the timeline is and how much it holds")
    summary.add_argument("--warehouse", default=str(settings.warehouse_dir), help=warehouse_help)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from pipeline.ingest.reader import InputError
    from pipeline.nlp import ModelNotFound
    from pipeline.outputs.query import QueryError
    from pipeline.warehouse.tables import WarehouseError

    # on a terminal the progress bars say what the stages' info lines would
    quiet = args.command != "run" or args.quiet or sys.stderr.isatty()
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "run":
            from pipeline.run import run_pipeline

            print(run_pipeline(args.input, args.warehouse, progress=not args.quiet).line())
        elif args.command == "query":
            from pipeline.outputs.query import format_table, query

            sys.stdout.write(format_table(query(args.warehouse, args.sql), csv=args.csv))
        elif args.command == "export":
            from pipeline.outputs.exports import export

            print(f"wrote {export(args.warehouse, args.format, args.out)}")
        elif args.command == "check":
            from pipeline.run import preflight

            preflight(args.input, args.warehouse)
        elif args.command == "summary":
            from pipeline.run import summarize
            from pipeline.warehouse.storage import as_path

            if not (as_path(args.warehouse) / "timeline").is_dir():
                print(f"eventline: no timeline in {args.warehouse}; run `make run` first", file=sys.stderr)
                return 1
            print(summarize(args.warehouse).line())
    except (InputError, ModelNotFound, WarehouseError, QueryError) as exc:
        print(f"eventline: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
