"""Times the indicator import: parsing, preview and writing a Kolada page of 5,000 entries × 3 genders
(15,000 values), then loading the same file again (nothing changes), and the measure page with them.

Run by hand, not by pytest:  .venv/bin/python bench/indicator_import.py [--entries 5000]
Uses a throwaway SQLite database in a temporary directory; nothing else is touched.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.database import throwaway_database  # noqa: E402


def kolada_page(entries: int) -> bytes:
    """`entries` Kolada entries: 100 KPIs × municipalities 0188 and 0000 × years, each with T, K and M."""
    rows = []
    for n in range(entries):
        kpi, rest = divmod(n, entries // 100 or 1)
        area, year = ("0188", "0000")[rest % 2], 1990 + rest // 2
        values = [{"gender": g, "count": 1, "status": "", "value": n + i} for i, g in enumerate("TKM")]
        rows.append({"kpi": f"N{kpi:05d}", "municipality": area, "period": year, "values": values})
    return json.dumps({"values": rows}).encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000, help="Kolada entries in the file")
    args = parser.parse_args()

    workdir = throwaway_database("bench-indicators-")
    from django.test import Client

    from measures.indicator_import import indicator_values_import, parse_upload, preview
    from measures.indicators import Indicator
    from measures.models import Measure
    from tests.conftest import PLAN_SLUG
    data = kolada_page(args.entries)
    measure = Measure.objects.get(plan__slug=PLAN_SLUG, code="2.6.1")
    for kpi in sorted({entry["kpi"] for entry in json.loads(data)["values"]}):
        Indicator.objects.create(source="kolada", source_id=kpi, title=kpi).measures.add(measure)

    def timed(label, function):
        started = time.perf_counter()
        result = function()
        print(f"{label:<46}{(time.perf_counter() - started) * 1000:>10.0f} ms")
        return result

    print(f"Database: SQLite in {workdir}; file {len(data) / 1024 / 1024:.1f} MiB\n")
    parsed = timed(f"parse ({args.entries} entries)", lambda: parse_upload(data))
    timed(f"preview ({len(parsed.rows)} values)", lambda: preview(parsed))
    timed("import, all new", lambda: indicator_values_import(parsed=parsed, titles={}))
    timed("import again, nothing changes", lambda: indicator_values_import(parsed=parse_upload(data), titles={}))
    client = Client()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="styrgrupp"))
    timed("measure page 2.6.1 with all of them", lambda: client.get(measure.get_absolute_url()))


if __name__ == "__main__":
    main()
