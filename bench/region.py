"""Times the regional view, a plan's dashboard and its measure list on a region of 20 plans × 100
measures × 10 years of rounds (issue 12's scale), with the query count of each page.

Run by hand, not by pytest:  .venv/bin/python bench/region.py [--plans 20] [--size 100] [--years 10]
Uses a throwaway SQLite database in a temporary directory; nothing else is touched.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.database import throwaway_database, time_page  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=20)
    parser.add_argument("--size", type=int, default=100, help="measures per plan")
    parser.add_argument("--years", type=int, default=10, help="rounds per plan")
    parser.add_argument("--repeat", type=int, default=5, help="requests per page (median is shown)")
    args = parser.parse_args()

    workdir = throwaway_database("bench-region-")
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from tests.factories import build_plan

    started = time.perf_counter()
    plans = [build_plan(args.size, slug=f"region-{i}", rounds=args.years) for i in range(args.plans)]
    print(
        f"Built {args.plans} plans × {args.size} measures × {args.years} rounds in "
        f"{time.perf_counter() - started:.0f} s ({connection.vendor} in {workdir})\n"
    )
    client = Client()
    client.force_login(get_user_model().objects.get(username="region"))
    plan = plans[-1]
    pages = [
        ("regional view", "/region/"),
        ("one plan's dashboard", f"/planer/{plan.slug}/oversikt/"),
        ("one plan's measure list", f"/planer/{plan.slug}/atgarder/"),
    ]
    header = f"{'page':<28}{'queries':>9}{'ms':>9}{'KiB':>8}"
    print(header)
    print("-" * len(header))
    for label, url in pages:
        ms, queries, response = time_page(client, url, args.repeat)
        print(f"{label:<28}{queries:>9}{ms:>9.1f}{len(response.content) / 1024:>8.0f}")

if __name__ == "__main__":
    main()
