"""The host name Airflow records for a task instance (`[core] hostname_callable`).

The cluster runs several Celery workers on one machine; each gets its own name
through EVENTLINE_WORKER_NAME so the task instances say which worker ran them.
On separate machines the variable is unset and the real host name is used.
"""
from __future__ import annotations

import os
import socket


def hostname() -> str:
    return os.environ.get("EVENTLINE_WORKER_NAME") or socket.getfqdn()
