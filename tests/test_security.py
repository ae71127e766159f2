"""Security settings and behaviour an IT department checks before installing."""

import datetime
import json
import logging
import os
import re
import subprocess
import time

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from governance import permissions
from governance.permissions import Role
from governance.security import RENEWED
from tests.conftest import DEMO_PASSWORD
from tests.servers import BASE_DIR, VENV_BIN

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "production-like-" + "s" * 50,
    "ALLOWED_HOSTS": "tillsammans.example.se",
    "SITE_URL": "https://tillsammans.example.se",
    "CSRF_TRUSTED_ORIGINS": "https://tillsammans.example.se",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
}
SETTINGS_DUMP = (
    "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({n: "
    "getattr(s, n, None) for n in ['SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SESSION_COOKIE_SECURE', "
    "'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_NAME', 'CSRF_COOKIE_NAME', "
    "'SECURE_PROXY_SSL_HEADER', 'SESSION_COOKIE_AGE', 'ADMINS']}))"
)


def run_with(env, *args):
    # The browser tests allow sync ORM calls from their event loop; a deployment never does.
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [str(VENV_BIN / "python"), *args], cwd=BASE_DIR, env={**clean, **env}, capture_output=True, text=True
    )


def test_deploy_checklist_passes_at_warning_level_with_production_variables():
    result = run_with(PRODUCTION, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_off_defaults_to_https_only_cookies_hsts_and_the_proxy_header_from_the_environment():
    env = {**PRODUCTION, "ADMINS": "Ada Admin <ada@example.se>, it@example.se"}
    result = run_with({**env, "DJANGO_SETTINGS_MODULE": "config.settings"}, "-c", SETTINGS_DUMP)
    values = json.loads(result.stdout)
    assert values["SECURE_SSL_REDIRECT"] is True and values["SECURE_HSTS_SECONDS"] >= 31536000
    assert (
        values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    )
    assert (values["SESSION_COOKIE_NAME"], values["CSRF_COOKIE_NAME"]) == (
        "__Host-sessionid",
        "__Host-csrftoken",
    )
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SESSION_COOKIE_AGE"] == 30 * 60
    assert values["ADMINS"] == [["Ada Admin", "ada@example.se"], ["it@example.se", "it@example.se"]]


def test_every_page_carries_a_content_security_policy_without_inline_scripts(client, db):
    policy = client.get("/konto/logga-in/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    # A template that needs an inline script gives it {{ request.csp_nonce }}; none does today.
    assert directives["script-src"] == "'self'" and "unsafe" not in policy


def test_health_endpoint_answers_without_login(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_a_session_idle_for_30_minutes_is_over_and_activity_renews_it(client_for, db):
    client = client_for("rapportor.soc")
    key = client.session.session_key
    assert Session.objects.get(pk=key).expire_date > timezone.now() + datetime.timedelta(minutes=29)

    idle_for(key, minutes=25)
    assert client.get("/mina-atgarder/").status_code == 200
    assert Session.objects.get(pk=key).expire_date > timezone.now() + datetime.timedelta(minutes=29)

    idle_for(key, minutes=29)
    assert client.post("/konto/stanna-inloggad/").status_code == 204
    assert Session.objects.get(pk=key).expire_date > timezone.now() + datetime.timedelta(minutes=29)

    idle_for(key, minutes=31)
    assert client.get("/mina-atgarder/").url.startswith("/konto/logga-in/")


def idle_for(key, minutes):
    """Rewinds the session as if its user had done nothing for this many minutes."""
    store = SessionStore(session_key=key)
    store[RENEWED] = int(time.time()) - minutes * 60
    store.save()
    expiry = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - minutes * 60)
    Session.objects.filter(pk=key).update(expire_date=expiry)


def test_stay_logged_in_answers_no_content_and_pages_carry_the_warning(client_for, db):
    client = client_for("rapportor.soc")
    assert client.post("/konto/stanna-inloggad/").status_code == 204
    page = client.get("/mina-atgarder/").content.decode()
    assert re.search(r'data-session-seconds="(179\d|1800)"', page) and "Stanna inloggad" in page


def test_logout_deletes_the_session_on_the_server(client_for, db):
    client = client_for("rapportor.soc")
    key = client.session.session_key
    stolen_cookie = client.cookies["sessionid"].value
    client.post("/konto/logga-ut/")
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = stolen_cookie
    assert client.get("/mina-atgarder/").status_code == 302


def test_failed_logins_are_logged_without_the_password(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="security"):
        client.post("/konto/logga-in/", {"username": "rapportor.soc", "password": "fel-Lösenord-42"})
    assert "login failed" in caplog.text and "rapportor.soc" in caplog.text
    assert "fel-Lösenord-42" not in caplog.text and DEMO_PASSWORD not in caplog.text


def test_a_refused_data_changing_request_is_logged(client_for, plan, caplog):
    client = client_for("rapportor.soc")
    with caplog.at_level(logging.INFO, logger="security"):
        response = client.post(f"/planer/{plan.slug}/uppfoljning/ny/", {"name": "Obehörig"})
    assert response.status_code == 403
    assert f"refused: POST /planer/{plan.slug}/uppfoljning/ny/ by username='rapportor.soc'" in caplog.text


def test_renaming_a_role_group_keeps_its_rights(user, db):
    Group.objects.filter(role__key=Role.PROCESS_LEADER).update(name="Samordnare")
    assert permissions.is_process_leader(user("processledare"))
    Group.objects.create(name="Processledare")  # a new group with the old name gives no rights
    stranger = user("rapportor.soc")
    stranger.groups.add(Group.objects.get(name="Processledare"))
    assert not permissions.is_process_leader(stranger)


def test_the_admin_link_shows_exactly_for_those_the_admin_lets_in(client_for, db):
    for username in ("processledare", "rapportor.soc"):
        client = client_for(username)
        shows_link = 'href="/admin/"' in client.get("/mina-atgarder/").content.decode()
        admin_lets_in = client.get("/admin/").status_code == 200
        assert shows_link == admin_lets_in
    assert permissions.can_use_admin(client_for("processledare").get("/").wsgi_request.user)
