"""Per-stage progress for the command line: article counts and elapsed time.

Shown on a terminal, silent otherwise (logs, CI, ``--quiet``); Airflow task
logs get one line per batch from the stages' own logging instead.
"""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Reporter:
    """Tracks one bar per stage; does nothing when disabled."""

    def __init__(self, progress: Progress | None):
        self._progress = progress
        self._tasks: dict[str, int] = {}

    def start(self, stage: str, total: int) -> None:
        if self._progress is not None:
            self._tasks[stage] = self._progress.add_task(stage, total=max(total, 1) if total else 1)
            if not total:
                self._progress.update(self._tasks[stage], completed=1)

    def advance(self, stage: str, n: int = 1) -> None:
        if self._progress is not None and stage in self._tasks:
            self._progress.advance(self._tasks[stage], n)


@contextlib.contextmanager
def stage_progress(enabled: bool = True) -> Iterator[Reporter]:
    """Yield a Reporter that draws bars on stderr if it is a terminal and ``enabled``."""
    if not (enabled and sys.stderr.isatty()):
        yield Reporter(None)
        return
    columns = (TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True)) as progress:
        yield Reporter(progress)
