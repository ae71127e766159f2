"""Throughput of the app's busiest pages against a floor: a bare Django page rendering 25 SQLite rows.

Run by hand, not by pytest:  .venv/bin/python bench/throughput.py [--repeat 3] [--duration 5] [--size 250]

Both are served by gunicorn with config/gunicorn.conf.py and 2 sync workers (the app with DEBUG off,
hashed static files, a throwaway SQLite database in a temporary directory), and loaded with
`wrk -c8 -t2` logged in with a session cookie. Runs are interleaved (floor, page, floor, page, …) so
that a shared machine's load falls on both alike; the table shows the median of the repeats and the
ratio page/floor. Ports 8103 (app) and 8113 (floor).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
APP_PORT, FLOOR_PORT = 8103, 8113
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
# Targets from issue 10: page throughput as a share of the floor's.
TARGETS = {"dashboard": 1 / 3, "my-measures": 1 / 3, "plan-json": 1 / 2}


def app_environment(workdir: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{workdir}/app.sqlite3",
        STATIC_ROOT=f"{workdir}/static",
        DEBUG="0",
        SECRET_KEY="throughput-bench-" + "x" * 40,
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        SECURITY_LOG_LEVEL="ERROR",
        HOST="127.0.0.1",
        WEB_CONCURRENCY="2",
        FLOOR_DB=f"{workdir}/floor.sqlite3",
    )
    return env


def prepare(workdir: str, size: int) -> list[tuple[str, str, str, str]]:
    """Builds the database (real plan + a plan of `size` measures with two rounds), collects static
    files and logs in the demo users; returns [(key, label, url, session cookie)]."""
    os.environ.update(app_environment(workdir))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from governance.security import RENEWED
    from measures.models import Responsibility
    from tests.conftest import PLAN_SLUG, load_real_plan
    from tests.factories import build_plan

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    load_real_plan()
    plan = build_plan(size, slug=f"bench-{size}")
    latest = plan.rounds.latest_first().first()

    def cookie(username):
        user = get_user_model().objects.get(username=username)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[RENEWED] = int(time.time()) + 3600  # no renewal write during the run
        session.create()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    steering, reporter = cookie("styrgrupp"), cookie("rapportor.soc")
    measure = Responsibility.objects.filter(measure__plan=plan, office__abbreviation="SoC").lead().first().measure
    return [
        ("dashboard", f"Översikt ({size} åtgärdsbehov)", f"/planer/{plan.slug}/oversikt/", steering),
        ("my-measures", f"Mina åtgärder ({size})", f"/mina-atgarder/?omgang={latest.pk}", reporter),
        ("measure-list", f"Åtgärdslista ({size})", f"/planer/{plan.slug}/atgarder/", steering),
        ("measure-page", "Ett åtgärdsbehov", f"/planer/{plan.slug}/atgarder/{measure.code}/", reporter),
        ("plan-json", "Planen som öppna data (anonym)", f"/api/plans/{PLAN_SLUG}.json", ""),
    ]


def serve(app: str, port: int, env: dict, log: Path) -> subprocess.Popen:
    command = [GUNICORN, "--config", str(ROOT / "config" / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, app], cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/{'healthz' if 'config' in app else ''}", timeout=10)
            return process
        except OSError:  # not listening yet, or still starting its workers
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"{app} did not start on port {port}; see {log}")


def check(url: str, cookie: str) -> None:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=30)
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{url} answered {error.code}, not 200") from error
    if response.status != 200:
        raise SystemExit(f"{url} answered {response.status}, not 200")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, cookie: str, duration: int) -> tuple[float, float]:
    """(requests per second, p50 latency in ms) of one wrk run."""
    command = ["wrk", "-t2", "-c8", f"-d{duration}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"{url}: wrk saw error responses\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return rate, float(value) * UNITS[unit]


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, env={**os.environ, "TZ": "UTC"}).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="interleaved floor/page runs per page")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--size", type=int, default=250, help="measures in the benchmark plan")
    parser.add_argument("--only", nargs="*", choices=["dashboard", "my-measures", "measure-list", "measure-page",
                        "plan-json"], help="measure only these pages")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, database)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    workdir = tempfile.mkdtemp(prefix="bench-throughput-")
    started = time.perf_counter()
    pages = [page for page in prepare(workdir, args.size) if not args.only or page[0] in args.only]
    env = app_environment(workdir)
    print(f"Prepared in {time.perf_counter() - started:.0f} s in {workdir}")
    print("uptime before:", uptime())
    servers = []
    floor_url = f"http://127.0.0.1:{FLOOR_PORT}/"
    try:
        servers.append(serve("config.wsgi:application", APP_PORT, env, Path(workdir) / "app.log"))
        servers.append(serve("bench.floor_app:application", FLOOR_PORT, env, Path(workdir) / "floor.log"))
        for _key, _label, path, cookie in pages:
            check(f"http://127.0.0.1:{APP_PORT}{path}", cookie)
        wrk(floor_url, "", 2)  # warm both up
        for _key, _label, path, cookie in pages:
            wrk(f"http://127.0.0.1:{APP_PORT}{path}", cookie, 2)
        results = []
        for key, label, path, cookie in pages:
            floors, runs = [], []
            for _ in range(args.repeat):
                floors.append(wrk(floor_url, "", args.duration))
                runs.append(wrk(f"http://127.0.0.1:{APP_PORT}{path}", cookie, args.duration))
            ratios = [page[0] / base[0] for page, base in zip(runs, floors, strict=True)]
            results.append((key, label, floors, runs, statistics.median(ratios)))
    finally:
        for server in servers:
            server.terminate()
            server.wait(10)
    print("uptime after: ", uptime())
    print(f"\nwrk -t2 -c8 -d{args.duration}s, {args.repeat} interleaved runs each, medians; gunicorn 2 workers\n")
    header = f"{'page':<36}{'floor/s':>9}{'page/s':>9}{'ratio':>8}{'target':>8}{'p50 floor':>11}{'p50 page':>10}"
    print(header)
    print("-" * len(header))
    for key, label, floors, runs, ratio in results:
        target = TARGETS.get(key)
        mark = "" if target is None else (" ok" if ratio >= target else " LOW")
        print(
            f"{label:<36}{statistics.median(f[0] for f in floors):>9.0f}"
            f"{statistics.median(r[0] for r in runs):>9.0f}{ratio:>8.2f}"
            f"{(f'{target:.2f}' if target else '–'):>8}"
            f"{statistics.median(f[1] for f in floors):>9.1f}ms{statistics.median(r[1] for r in runs):>8.1f}ms"
            f"{mark}"
        )
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
