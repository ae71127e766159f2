"""The throwaway database the benchmarks run on: a temporary SQLite file, migrated, with the real plan
and the demo users loaded as in the tests. Nothing else is touched."""

import os
import tempfile


def throwaway_database(prefix: str) -> str:
    """Sets Django up on a new SQLite file in a temporary folder and returns the folder."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from tests.conftest import load_real_plan

    setup_test_environment()
    call_command("migrate", verbosity=0)
    load_real_plan()
    return workdir


def first_queries(client, url: str) -> int:
    """The queries of one GET with every cached page part emptied first (what the budget counts)."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def time_page(client, url: str, repeat: int):
    """GETs the page `repeat` times: (median milliseconds, queries of the last request, its response)."""
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings) * 1000, len(queries), response
