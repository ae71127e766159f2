"""The floor for bench/throughput.py: a bare Django 5.2 app with one view rendering 25 rows of an SQLite
table through a Django template, no middleware, no sessions, no apps.

Served by gunicorn with the same settings as the app:  gunicorn -c config/gunicorn.conf.py bench.floor_app:application
FLOOR_DB names the SQLite file (created with 25 rows if missing). It keeps its database connection as
the app does with DEBUG off (CONN_MAX_AGE, 60 s unless set), so neither side pays for opening one.
"""

import os
import sqlite3
import tempfile

from django.conf import settings

DATABASE = os.environ.get("FLOOR_DB") or os.path.join(tempfile.gettempdir(), "tillsammans-floor.sqlite3")

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="floor-only",  # noqa: S106 - a benchmark app that holds no data
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": DATABASE,
                "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", "60")),
            }
        },
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
        USE_TZ=True,
    )

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402


def ensure_table():
    with sqlite3.connect(DATABASE) as db:
        db.execute("CREATE TABLE IF NOT EXISTS row (id INTEGER PRIMARY KEY, code TEXT, need TEXT, status TEXT)")
        if not db.execute("SELECT COUNT(*) FROM row").fetchone()[0]:
            db.executemany(
                "INSERT INTO row (code, need, status) VALUES (?, ?, ?)",
                [(f"1.1.{i}", f"Behov nummer {i} av stöd till barn och unga", "Pågår") for i in range(1, 26)],
            )


ensure_table()

PAGE = engines["django"].from_string(
    """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Golv</title></head><body>
<table><thead><tr><th>Kod</th><th>Behov</th><th>Status</th></tr></thead><tbody>
{% for row in rows %}<tr><td>{{ row.code }}</td><td>{{ row.need }}</td><td>{{ row.status }}</td></tr>
{% endfor %}</tbody></table></body></html>"""
)


def rows(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT code, need, status FROM row ORDER BY id LIMIT 25")
        found = [{"code": c, "need": n, "status": s} for c, n, s in cursor.fetchall()]
    return HttpResponse(PAGE.render({"rows": found}))


urlpatterns = [path("", rows)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
