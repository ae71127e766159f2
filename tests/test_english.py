"""The interface in English too (issue 13): a complete translation, chosen with the language switcher,
Swedish by default and with the same (Swedish, unprefixed) URLs."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from reporting.figures import kronor

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SOURCES = ["config", "governance", "plan", "measures", "reporting", "templates", "manage.py", "locale"]


def untranslated(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po if e.obsolete is False and (not e.translated() or "fuzzy" in e.flags)]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs gettext's xgettext")
def test_makemessages_leaves_no_untranslated_or_fuzzy_english_string(tmp_path):
    """makemessages over a copy of the sources merges every msgid into the committed .po: none may be
    left without a translation or marked fuzzy."""
    for name in SOURCES:
        source = Path(settings.BASE_DIR) / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, target)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "--verbosity", "0"],
        cwd=tmp_path,
        check=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PYTHONPATH": str(tmp_path),
        },
    )
    merged = polib.pofile(str(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    assert len(merged) > 500
    assert untranslated(merged) == []
    assert {e.msgid for e in merged} == {e.msgid for e in polib.pofile(str(PO))}, "run makemessages -l en"


def test_the_committed_po_is_complete_and_the_mo_matches_it():
    po = polib.pofile(str(PO))
    assert untranslated(po) == []
    catalog = gettext.GNUTranslations(MO.open("rb"))
    for entry in po:
        if entry.msgid_plural:
            assert catalog.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgstr_plural[1], entry.msgid
        else:
            assert catalog.gettext(entry.msgid) == entry.msgstr, (
                "run manage.py compilemessages: " + entry.msgid
            )


@pytest.mark.django_db
def test_swedish_is_the_default_even_for_an_english_browser(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="sv">' in page.content.decode()
    assert "Logga in" in page.content.decode()


@pytest.mark.django_db
def test_the_login_page_switches_to_english_and_the_urls_stay_swedish(client):
    login = reverse("login")
    page = client.get(login).content.decode()
    assert f'action="{reverse("set_language")}"' in page
    assert 'value="en"' in page
    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert response.status_code == 302 and response["Location"] == login
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    english = client.get(login).content.decode()
    assert '<html lang="en">' in english
    assert "User name" in english and "Password" in english
    assert "På svenska" in english
    assert login == "/konto/logga-in/"
    client.post(reverse("set_language"), {"language": "sv", "next": login})
    assert "Användarnamn" in client.get(login).content.decode()


@pytest.mark.django_db
def test_the_switcher_needs_the_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("set_language"), {"language": "en"}).status_code == 403


@pytest.mark.django_db
def test_a_logged_in_reporter_gets_the_interface_in_english(client_for):
    client = client_for("rapportor.soc")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("my-measures")).content.decode()
    assert "My measures" in page and "Log out" in page


def test_kronor_are_written_per_language():
    with translation.override("sv"):
        assert kronor(12500) == "12\u00a0500\u00a0kr"
    with translation.override("en"):
        assert kronor(12500) == "SEK\u00a012,500"


@pytest.mark.django_db
def test_dates_on_the_public_page_follow_the_language(client, plan):
    from tests.factories import annual_round

    plan.published = True
    plan.save()
    round = annual_round(plan, 2025)
    from reporting.services import round_close

    round_close(round=round)
    url = reverse("plan-detail", args=[plan.slug])
    assert "31 december 2025" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Dec. 31, 2025" in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_annual_report_stays_swedish_when_the_interface_is_english(client_for, plan):
    from tests.factories import annual_round

    round = annual_round(plan, 2025)
    from reporting.services import round_close

    round_close(round=round)
    client = client_for("processledare")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(
        reverse("annual-report-preview", args=[plan.slug]), {"omgang": round.pk, "mottagare": "direktionen"}
    )
    assert page.status_code == 200
    assert "Status per målområde" in page.content.decode()
