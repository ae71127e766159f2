"""Times the annual report (assembly, PDF, Word, Excel) for the real plan and for a plan ten times its size.

Run by hand, not by pytest:  .venv/bin/python bench/annual_report.py [--repeat 3]
Uses a throwaway SQLite database in a temporary directory; nothing else is touched.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median is shown)")
    parser.add_argument(
        "--copies", type=int, default=10, help="size of the large plan, in copies of the real one"
    )
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-annual-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from governance.models import DecisionBody
    from plan.models import ActionPlan
    from reporting import writers
    from reporting.annual_report import annual_report_freeze, assemble
    from reporting.services import round_close
    from tests.conftest import FIXTURES, PLAN_SLUG
    from tests.factories import annual_round, copy_plan, submit_all_fast

    call_command("migrate", verbosity=0)
    call_command("loaddata", *FIXTURES, verbosity=0)
    user = get_user_model().objects.create(username="bench")
    real = ActionPlan.objects.get(slug=PLAN_SLUG)
    large = copy_plan(real, copies=args.copies, slug="bench-large")
    body = DecisionBody.objects.get(slug="direktionen")

    print(f"Database: {connection.vendor} in {workdir}; median of {args.repeat} runs, seconds\n")
    header = f"{'plan':<28}{'measures':>9}{'reports':>9}{'queries':>9}{'assemble':>10}{'PDF':>8}{'Word':>8}{'Excel':>8}{'freeze':>8}"
    print(header)
    print("-" * len(header))
    for plan in (real, large):
        round = annual_round(plan, 2022)
        submit_all_fast(round)
        round_close(round=round)  # only a closed annual round can be frozen
        for whole_plan in (False, True):

            def build(plan=plan, round=round, whole_plan=whole_plan):
                return assemble(plan=plan, round=round, decision_body=body, whole_plan=whole_plan)

            with CaptureQueriesContext(connection) as queries:
                content = build()
            timings = {"assemble": _median(build, args.repeat)}
            for format, write in writers.WRITERS.items():
                timings[format] = _median(lambda write=write, content=content: write(content), args.repeat)
                size = len(write(content))
                timings[f"{format}_size"] = size
            start = time.perf_counter()
            annual_report_freeze(
                plan=plan,
                round=round,
                decision_body=body,
                whole_plan=whole_plan,
                user=user,
                author=f"bench {whole_plan}",
            )
            timings["freeze"] = time.perf_counter() - start
            measures = content["summary"]["measure_count"]
            reports = sum(len(m["reports"]) for a in content["target_areas"] for m in a["measures"])
            label = f"{'×' + str(args.copies) if plan == large else 'real'}, {'whole plan' if whole_plan else 'Direktionen'}"
            print(
                f"{label:<28}{measures:>9}{reports:>9}{len(queries):>9}{timings['assemble']:>10.3f}"
                f"{timings['pdf']:>8.2f}{timings['docx']:>8.2f}{timings['xlsx']:>8.2f}{timings['freeze']:>8.2f}"
            )
            print(
                f"{'':<28}{'':>9}{'':>9}{'':>9}{'sizes kB':>10}{timings['pdf_size'] / 1024:>8.0f}"
                f"{timings['docx_size'] / 1024:>8.0f}{timings['xlsx_size'] / 1024:>8.0f}"
            )


def _median(function, repeat):
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


if __name__ == "__main__":
    main()
