"""`airflow` for the standalone and cluster scripts: Airflow's own CLI after one compatibility fix.

apache-airflow-providers-celery 3.26.0 imports `retry` from celery.backends.database,
which celery 5.7 removed (its DatabaseBackend now retries by itself), so every
CeleryExecutor process dies at import. Until the lock holds a celery and provider
that agree, put back a decorator that does what the removed one did. It does
nothing when celery still has `retry`.
"""
from __future__ import annotations

import functools
import sys


def restore_celery_db_retry() -> None:
    from celery.backends import database

    if hasattr(database, "retry"):
        return

    def retry(fun):
        @functools.wraps(fun)
        def inner(*args, **kwargs):
            max_retries = kwargs.pop("max_retries", 3)
            for attempt in range(max_retries):
                try:
                    return fun(*args, **kwargs)
                except database.RETRYABLE_DB_ERRORS:
                    if attempt + 1 >= max_retries:
                        raise
            return None

        return inner

    database.retry = retry


if __name__ == "__main__":
    restore_celery_db_retry()
    from airflow.__main__ import main

    sys.exit(main())
