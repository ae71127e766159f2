"""`make serve` runs the app production-like: gunicorn, DEBUG off, compressed and hashed static files."""

import gzip
import json
import re
import subprocess

import pytest

from tests.conftest import FIXTURES, PLAN_SLUG
from tests.servers import BASE_DIR, VENV_BIN, Browser, free_port, production_env, running


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """make serve on a fresh SQLite file holding the real plan."""
    tmp = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}", STATIC_ROOT=tmp / "static", PORT=port
    )
    manage = [str(VENV_BIN / "python"), "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True)
    subprocess.run([*manage, "loaddata", *FIXTURES, "-v0"], cwd=BASE_DIR, env=env, check=True)
    with running(["make", "--no-print-directory", "-s", "serve"], env, port) as url:
        yield url


def test_served_login_page_is_the_production_page_with_its_security_headers(served):
    status, headers, page = Browser().get(served + "/konto/logga-in/")
    assert status == 200 and "Logga in" in page.decode()
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert "Traceback" not in page.decode()


def test_static_files_are_served_hashed_compressed_and_cached_for_good(served):
    _, _, page = Browser().get(served + "/konto/logga-in/")
    css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page.decode())
    assert css, "the stylesheet link carries a content hash"
    status, headers, body = Browser().get(served + css.group(1), headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert b".session-warning" in gzip.decompress(body)
    assert "immutable" in headers["Cache-Control"]


def test_open_data_json_is_served_without_login(served):
    status, headers, body = Browser().get(served + "/api/plans.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert PLAN_SLUG in json.dumps(json.loads(body))


def test_health_endpoint_reports_database_and_migrations_ok(served):
    status, _, body = Browser().get(served + "/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
