"""Times the annual report (assembly, PDF, Word, Excel) for the real plan and for a plan ten times its size.

Run by hand, not by pytest:  .venv/bin/python bench/annual_report.py [--repeat 3] [--copies 10] [--profile]
Uses a throwaway SQLite database in a temporary directory; nothing else is touched. Each plan has two
annual rounds with every report submitted (2021 and 2022), so the report compares with the year before.
Times are wall-clock medians; "cpu" is the process time of the PDF, which a busy machine disturbs less.
--profile runs the real plan's Direktionen PDF under cProfile and shows where the time goes.
"""

import argparse
import cProfile
import os
import pstats
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
    parser.add_argument("--profile", action="store_true", help="profile the real plan's PDF and stop")
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

    rounds = {}
    for plan in (real, large):
        for year in (2021, 2022):
            round = annual_round(plan, year)
            submit_all_fast(round)
            round_close(round=round)  # only a closed annual round can be frozen
        rounds[plan] = round

    if args.profile:
        content = assemble(plan=real, round=rounds[real], decision_body=body, whole_plan=False)
        writers.write_pdf(content)  # fonts and templates loaded once, as in a running server
        _profile(lambda: writers.write_pdf(content))
        return

    print(f"Database: {connection.vendor} in {workdir}; median of {args.repeat} runs, seconds\n")
    header = f"{'plan':<28}{'measures':>9}{'reports':>9}{'queries':>9}{'assemble':>10}{'PDF':>8}{'cpu':>6}{'Word':>8}{'Excel':>8}{'freeze':>8}"
    print(header)
    print("-" * len(header))
    for plan in (real, large):
        round = rounds[plan]
        for whole_plan in (False, True):

            def build(plan=plan, round=round, whole_plan=whole_plan):
                return assemble(plan=plan, round=round, decision_body=body, whole_plan=whole_plan)

            with CaptureQueriesContext(connection) as queries:
                content = build()
            timings = {"assemble": _median(build, args.repeat)}
            timings["pdf_cpu"] = _median(
                lambda c=content: writers.write_pdf(c), args.repeat, time.process_time
            )
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
                f"{timings['pdf']:>8.2f}{timings['pdf_cpu']:>6.2f}{timings['docx']:>8.2f}{timings['xlsx']:>8.2f}{timings['freeze']:>8.2f}"
            )
            print(
                f"{'':<28}{'':>9}{'':>9}{'':>9}{'sizes kB':>10}{timings['pdf_size'] / 1024:>8.0f}{'':>6}"
                f"{timings['docx_size'] / 1024:>8.0f}{timings['xlsx_size'] / 1024:>8.0f}"
            )


def _median(function, repeat, clock=time.perf_counter):
    runs = []
    for _ in range(repeat):
        start = clock()
        function()
        runs.append(clock() - start)
    return statistics.median(runs)


# Where a PDF's time goes: WeasyPrint's steps, by the function that does each (cumulative time).
PDF_STEPS = [
    ("parse HTML", "weasyprint/__init__.py", "__init__"),
    ("CSS: computed styles", "weasyprint/css/__init__.py", "get_all_computed_styles"),
    ("boxes", "weasyprint/formatting_structure/build.py", "build_formatting_structure"),
    ("layout", "weasyprint/layout/__init__.py", "layout_document"),
    ("  of which margin boxes", "weasyprint/layout/page.py", "make_margin_boxes"),
    ("  of which text lines", "weasyprint/text/line_break.py", "split_first_line"),
    ("  of which tables", "weasyprint/layout/table.py", "table_layout"),
    ("drawing", "weasyprint/draw/__init__.py", "draw_page"),
    ("PDF/UA tags", "weasyprint/pdf/tags.py", "add_tags"),
    ("writing the file", "pydyf/__init__.py", "write"),
]


def _profile(function):
    profile = cProfile.Profile()
    profile.enable()
    function()
    profile.disable()
    stats = pstats.Stats(profile)
    total = max(cumulative for _calls, _prim, _tt, cumulative, _callers in stats.stats.values())
    print(f"PDF of the real plan for Direktionen under cProfile: {total:.2f} s\n")
    for label, path, name in PDF_STEPS:
        seconds = sum(
            value[3]
            for (file, _line, function_name), value in stats.stats.items()
            if file.endswith(path) and function_name == name
        )
        print(f"{label:<28}{seconds:>7.2f} s {100 * seconds / total:>5.0f} %")
    print()
    stats.sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
