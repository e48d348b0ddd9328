"""Fault injection for robustness tests, off unless ``EVENTLINE_FAULTS`` is set.

``EVENTLINE_FAULTS`` holds ``;``-separated rules ``point:action``:

* ``point:fail`` raises every time the point is reached;
* ``point:fail_once=PATH`` raises the first time only (PATH records it, so the
  rule holds across processes and task retries);
* ``point:sleep=SECONDS`` pauses there, so a test can kill the process at
  exactly that point.

Points: ``normalize_dates``, ``extract_events``, ``publish:staged`` (every
new table written, none swapped in) and ``publish:swapping`` (between swaps).
"""
from __future__ import annotations

import os
import time
from pathlib import Path


class InjectedFault(RuntimeError):
    """Raised where a test asked for a failure."""


def reach(point: str) -> None:
    """Apply the rules for ``point``, if any."""
    spec = os.environ.get("EVENTLINE_FAULTS", "")
    if not spec:
        return
    for rule in filter(None, (r.strip() for r in spec.split(";"))):
        where, _, action = rule.rpartition(":")
        if where != point:
            continue
        name, _, arg = action.partition("=")
        if name == "fail":
            raise InjectedFault(f"injected failure at {point}")
        if name == "fail_once":
            marker = Path(arg)
            if not marker.exists():
                marker.write_text(point)
                raise InjectedFault(f"injected one-time failure at {point}")
        elif name == "sleep":
            time.sleep(float(arg))
