"""Five wrong passwords lock that username from that address for 15 minutes (django-axes); colleagues
behind the same address keep logging in."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.conftest import DEMO_PASSWORD

OFFICE_NAT = "10.20.30.40"
LOGIN_PAGES = ["/konto/logga-in/", "/admin/login/"]


def attempt(url, username, password, ip=OFFICE_NAT):
    client = Client()
    response = client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)
    return response, "_auth_user_id" in client.session


def fail_five_times(url, username):
    for _ in range(5):
        response, logged_in = attempt(url, username, "fel-lösenord")
        assert not logged_in and response.status_code in (200, 429)


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_five_wrong_passwords_refuse_even_the_right_one_with_a_swedish_message(plan, url):
    fail_five_times(url, "processledare")
    response, logged_in = attempt(url, "processledare", DEMO_PASSWORD)
    assert not logged_in
    assert response.status_code == 429
    html = response.content.decode()
    assert "För många felaktiga lösenord" in html and "Vänta 15 minuter" in html


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_a_colleague_behind_the_same_address_still_logs_in(plan, url):
    fail_five_times(url, "rapportor.soc")
    colleague = "processledare" if url.startswith("/admin/") else "rapportor.kson"
    response, logged_in = attempt(url, colleague, DEMO_PASSWORD)
    assert logged_in and response.status_code == 302


def test_the_same_user_from_another_address_still_logs_in(plan):
    fail_five_times("/konto/logga-in/", "rapportor.soc")
    assert attempt("/konto/logga-in/", "rapportor.soc", DEMO_PASSWORD, ip="192.0.2.7")[1]


def test_four_wrong_passwords_then_the_right_one_log_in(plan):
    for _ in range(4):
        attempt("/konto/logga-in/", "rapportor.soc", "fel")
    assert attempt("/konto/logga-in/", "rapportor.soc", DEMO_PASSWORD)[1]


def test_the_lockout_ends_after_15_minutes(plan):
    fail_five_times("/konto/logga-in/", "rapportor.soc")
    assert not attempt("/konto/logga-in/", "rapportor.soc", DEMO_PASSWORD)[1]
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert attempt("/konto/logga-in/", "rapportor.soc", DEMO_PASSWORD)[1]


def test_a_client_cannot_dodge_the_lockout_with_a_forged_forwarded_header(plan):
    for number in range(5):
        Client().post(
            "/konto/logga-in/",
            {"username": "rapportor.soc", "password": "fel"},
            REMOTE_ADDR=OFFICE_NAT,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )
    assert not attempt("/konto/logga-in/", "rapportor.soc", DEMO_PASSWORD)[1]
