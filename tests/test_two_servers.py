"""Two app servers on one PostgreSQL database lose nothing: all state lives in the database."""

import datetime
import re
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils.crypto import get_random_string

from measures.models import Measure
from measures.status import ReportState
from reporting.models import Reminder, StatusReport
from tests.conftest import DEMO_PASSWORD, PLAN_SLUG, load_real_plan
from tests.reporting.conftest import open_round, report_for, report_post
from tests.servers import BASE_DIR, VENV_BIN, Browser, free_port, gunicorn, hidden_inputs, production_env

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two app servers share a PostgreSQL database"
)


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The hashed static files both servers serve, collected once as make serve does."""
    root = tmp_path_factory.mktemp("static")
    env = production_env(STATIC_ROOT=root)
    command = [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True)
    return root


@pytest.fixture
def database_env(transactional_db, static_root):
    load_real_plan()
    # The test settings' fast hasher is unknown to the servers, which run the production settings.
    password = PBKDF2PasswordHasher().encode(DEMO_PASSWORD, get_random_string(22))
    get_user_model().objects.filter(username__in=["rapportor.soc", "admin"]).update(password=password)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return production_env(DATABASE_URL=url, CONN_MAX_AGE=0, WEB_CONCURRENCY=1, STATIC_ROOT=static_root)


@pytest.fixture
def servers(database_env):
    with gunicorn(database_env, free_port()) as one, gunicorn(database_env, free_port()) as other:
        yield one, other


def test_a_draft_saved_through_one_server_is_submitted_through_the_other(servers, plan):
    one, other = servers
    round = open_round(plan)
    report = report_for(round, "2.1.3", "SoC")
    browser = Browser()
    browser.log_in(one, "rapportor.soc")

    draft = report_post(report, action="save", done_text="Utkast sparat via server ett.")
    status, _, _ = browser.post(f"{one}/rapporter/{report.pk}/", draft)
    assert status == 200
    report.refresh_from_db()
    assert (report.state, report.done_text) == (ReportState.DRAFT, "Utkast sparat via server ett.")

    final = report_post(report, action="submit", done_text="Inlämnad via server två.")
    status, _, _ = browser.post(f"{other}/rapporter/{report.pk}/", final)
    assert status == 200
    report.refresh_from_db()
    assert (report.state, report.done_text) == (ReportState.SUBMITTED, "Inlämnad via server två.")


def test_an_admin_import_previewed_on_one_server_is_confirmed_on_the_other(servers, plan):
    one, other = servers
    browser = Browser()
    browser.log_in(one, "admin")
    csv = f"plan,code,target_area,need,status\n{PLAN_SLUG},2.1.1,1,Behovet efter import.,in_progress\n"
    status, _, preview = browser.post(
        f"{one}/admin/measures/measure/import/",
        {"format": "0", "resource": "0"},
        files={"import_file": ("atgarder.csv", csv.encode(), "text/csv")},
    )
    assert status == 200 and b"process_import" in preview
    assert Measure.objects.get(plan=plan, code="2.1.1").need != "Behovet efter import."

    confirm = hidden_inputs(preview, "process_import")
    confirm.pop("csrfmiddlewaretoken", None)
    status, _, _ = browser.post(f"{other}/admin/measures/measure/process_import/", confirm)
    assert status == 200
    assert Measure.objects.get(plan=plan, code="2.1.1").need == "Behovet efter import."


def test_send_reminders_on_both_servers_at_once_sends_each_reminder_once(database_env, plan, tmp_path):
    round = open_round(plan, deadline_in_days=7)
    outstanding_offices = set(
        StatusReport.objects.filter(round=round).outstanding().values_list("office__abbreviation", flat=True)
    )
    assert outstanding_offices
    env = {
        **database_env,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path),
    }
    command = [str(VENV_BIN / "python"), "manage.py", "send_reminders", "--date", str(datetime.date.today())]
    # Both start before either has finished starting Django, so their runs overlap.
    runs = [
        subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs

    reminded = list(Reminder.objects.filter(round=round).values_list("user__username", flat=True))
    assert reminded, outputs
    assert len(reminded) == len(set(reminded))
    sent = [int(re.search(r"(\d+) påminnelser skickade", output).group(1)) for output in outputs]
    assert sum(sent) == len(reminded)
    messages = "".join(path.read_text() for path in tmp_path.iterdir())
    assert messages.count("Subject: ") == len(reminded)
    for username in reminded:
        assert messages.count(f"To: {username}@example.invalid") == 1
