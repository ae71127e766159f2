"""Times the pages people wait on, for plans of 25 and 2,500 measures (with two rounds of reports).

Run by hand, not by pytest:  .venv/bin/python bench/dashboard.py [--repeat 5] [--size 2500]
Uses a throwaway SQLite database in a temporary directory; nothing else is touched. "first" counts the
queries of a request with the cached page parts emptied (what tests/reporting/test_page_query_budget.py
holds to 8 at 25 and 250 measures), "again" those of the next one.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.database import first_queries, throwaway_database, time_page  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="requests per page (median is shown)")
    parser.add_argument("--size", type=int, default=2500, help="measures in the large plan")
    args = parser.parse_args()

    workdir = throwaway_database("bench-dashboard-")
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from governance.models import DecisionBody
    from reporting.models import StatusReport
    from tests.factories import build_plan
    clients = {}
    for username in ("styrgrupp", "rapportor.soc", "processledare"):
        # Logging in by password needs a request since django-axes guards it; the bench times pages.
        clients[username] = Client()
        clients[username].force_login(get_user_model().objects.get(username=username))

    plans = []
    for size in (25, args.size):
        started = time.perf_counter()
        plan = build_plan(size, slug=f"bench-{size}")
        plans.append((plan, size, plan.rounds.first(), time.perf_counter() - started))

    print(f"Database: {connection.vendor} in {workdir}; median of {args.repeat} requests\n")
    header = f"{'page':<44}{'measures':>9}{'reports':>9}{'first':>7}{'again':>7}{'ms':>9}{'KiB':>8}"
    print(header)
    print("-" * len(header))
    for plan, size, round, build_seconds in plans:
        reports = sum(r.reports.count() for r in plan.rounds.all())
        report = (
            StatusReport.objects.filter(round=round, office__abbreviation="SoC", is_lead=True)
            .select_related("measure")
            .first()
        )
        body = DecisionBody.objects.get(slug="direktionen")
        pages = [
            ("översikt (senaste omgången)", "styrgrupp", f"/planer/{plan.slug}/oversikt/"),
            ("åtgärdslista, första sidan", "styrgrupp", f"/planer/{plan.slug}/atgarder/"),
            (
                "åtgärdslista, omgång + sortera status",
                "styrgrupp",
                f"/planer/{plan.slug}/atgarder/?omgang={round.pk}&sortera=status",
            ),
            (
                "åtgärdslista, fritext i rapporter",
                "styrgrupp",
                f"/planer/{plan.slug}/atgarder/?q=f%C3%B6r%C3%A4ldraskap",
            ),
            (
                "åtgärdslista, ändrade sedan förra",
                "styrgrupp",
                f"/planer/{plan.slug}/atgarder/?omgang={round.pk}&andrad=on",
            ),
            ("mina åtgärder", "rapportor.soc", f"/mina-atgarder/?omgang={round.pk}"),
            ("ett åtgärdsbehov", "rapportor.soc", f"/planer/{plan.slug}/atgarder/{report.measure.code}/"),
            ("rapportformuläret", "rapportor.soc", f"/rapporter/{report.pk}/"),
            ("uppföljningsomgången", "processledare", f"/uppfoljning/{round.pk}/"),
            (
                "årsrapport, förhandsvisning hela planen",
                "processledare",
                f"/planer/{plan.slug}/arsrapport/forhandsvisning/?omgang={round.pk}"
                f"&mottagare={body.slug}&hela_planen=on",
            ),
        ]
        for label, username, url in pages:
            first = first_queries(clients[username], url)
            ms, queries, response = time_page(clients[username], url, args.repeat)
            kib = len(response.content) / 1024
            print(f"{label:<44}{size:>9}{reports:>9}{first:>7}{queries:>7}{ms:>9.1f}{kib:>8.0f}")
        print(f"{'(building the plan took ' + format(build_seconds, '.1f') + ' s)':<44}")
    print()


if __name__ == "__main__":
    main()
