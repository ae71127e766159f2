"""The admin's import refuses hostile or oversized files before parsing them: a clear Swedish message,
no 500, no hang, no row written; and its preview never holds the database's write lock."""

import io
import threading
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from openpyxl import Workbook

from measures import spreadsheet
from measures.models import Measure
from measures.resources import MeasureResource
from tests.conftest import DEMO_PASSWORD, PLAN_SLUG, load_real_plan

IMPORT = "/admin/measures/measure/import/"
CSV, XLSX = "0", "1"
HEADER = "plan,code,target_area,need,status_note,is_active\n"


def xlsx(rows=(("plan", "code", "target_area", "need"), (PLAN_SLUG, "9.9.1", 1, "Nytt behov"))) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet(sheet_xml: bytes, extra_entries: int = 0) -> bytes:
    """A real XLSX whose first sheet is replaced (and optionally padded with more zip entries)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, data)
        for number in range(extra_entries):
            target.writestr(f"xl/media/extra{number}.txt", b"x")
    return out.getvalue()


def zip_bomb() -> bytes:
    """About 40 KB on disk, 40 MB of sheet XML unpacked."""
    return with_sheet(b'<?xml version="1.0"?><worksheet>' + b" " * 40_000_000 + b"</worksheet>")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""

HOSTILE = {
    "a CSV over 5 MB": (
        "stor.csv",
        CSV,
        lambda: (HEADER + f"{PLAN_SLUG},9.9.1,1,{'x' * 5_300_000},,1\n").encode(),
        "Filen är för stor",
    ),
    "a CSV of more than 5,000 rows": (
        "manga.csv",
        CSV,
        lambda: (HEADER + "".join(f"{PLAN_SLUG},9.{n}.1,1,Behov {n},,1\n" for n in range(5001))).encode(),
        "Filen har fler än 5 000 rader",
    ),
    "an XLSX of more than 5,000 rows": (
        "manga.xlsx",
        XLSX,
        lambda: xlsx(
            [("plan", "code", "target_area", "need")] + [(PLAN_SLUG, f"9.{n}.1", 1, "B") for n in range(5001)]
        ),
        "Filen har fler än 5 000 rader",
    ),
    "a text file renamed to .xlsx": ("text.xlsx", XLSX, lambda: HEADER.encode() * 3, "inte en Excel-fil"),
    "a binary file sent as CSV": ("bild.csv", CSV, lambda: bytes(range(256)) * 20, "Filen kunde inte läsas"),
    "a zip bomb": ("bomb.xlsx", XLSX, zip_bomb, "packas upp till för mycket data"),
    "an XLSX of too many zip entries": (
        "poster.xlsx",
        XLSX,
        lambda: with_sheet(zipfile.ZipFile(io.BytesIO(xlsx())).read("xl/worksheets/sheet1.xml"), 200),
        "packas upp till för mycket data",
    ),
    "a billion-laughs sheet": (
        "skratt.xlsx",
        XLSX,
        lambda: with_sheet(BILLION_LAUGHS),
        "otillåtna XML-konstruktioner",
    ),
    "a file without rows": ("tom.csv", CSV, lambda: HEADER.encode(), "inga rader att importera"),
}


def post_import(client, name, format, content):
    upload = SimpleUploadedFile(name, content)
    return client.post(IMPORT, {"import_file": upload, "format": format, "resource": "0"})


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_upload_gets_a_swedish_error_and_writes_nothing(client_for, plan, case):
    name, format, build, message = HOSTILE[case]
    before = (Measure.objects.count(), Measure.history.count())
    response = post_import(client_for("processledare"), name, format, build())
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "process_import" not in page  # no confirm button
    assert (Measure.objects.count(), Measure.history.count()) == before


def test_a_valid_file_still_previews_and_imports(client_for, plan):
    client = client_for("processledare")
    response = post_import(client, "ny.xlsx", XLSX, xlsx())
    assert response.status_code == 200 and "process_import" in response.content.decode()
    assert not Measure.objects.filter(code="9.9.1").exists()  # the preview writes nothing


@pytest.mark.django_db(transaction=True)
def test_the_import_preview_runs_outside_any_transaction(monkeypatch):
    """SQLite runs transactions in IMMEDIATE mode: a preview inside one would lock out every login."""
    load_real_plan()
    seen = []
    original = MeasureResource.import_row

    def spy(self, *args, **kwargs):
        seen.append(connection.in_atomic_block)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(MeasureResource, "import_row", spy)
    client = Client()
    client.force_login(get_user_model().objects.get(username="processledare"))
    rows = "".join(f"{PLAN_SLUG},9.9.{n},1,Behov {n},,1\n" for n in range(1, 4))
    response = post_import(client, "ny.csv", CSV, (HEADER + rows).encode())
    assert "process_import" in response.content.decode()
    assert seen == [False, False, False]


@pytest.mark.django_db(transaction=True)
def test_a_colleague_logs_in_while_a_zip_bomb_is_uploaded(monkeypatch):
    """The colleague logs in while the upload is being examined, and the upload waits for that login."""
    load_real_plan()
    bomb, results = zip_bomb(), {}
    examining, logged_in = threading.Event(), threading.Event()
    original = spreadsheet.check_xlsx_archive

    def examine_after_the_login(data):
        examining.set()
        logged_in.wait(timeout=60)
        return original(data)

    monkeypatch.setattr(spreadsheet, "check_xlsx_archive", examine_after_the_login)

    def upload():
        client = Client()
        client.force_login(get_user_model().objects.get(username="processledare"))
        results["import"] = post_import(client, "bomb.xlsx", XLSX, bomb).content.decode()
        connection.close()

    def log_in():
        client = Client()
        examining.wait(timeout=60)
        try:
            response = client.post("/konto/logga-in/", {"username": "rapportor.soc", "password": DEMO_PASSWORD})
            results["login"] = (response.status_code, "_auth_user_id" in client.session)
        finally:
            logged_in.set()  # a failed login fails the test at once instead of stalling the upload
            connection.close()

    threads = [threading.Thread(target=upload), threading.Thread(target=log_in)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "the import hung"
    assert examining.is_set(), "the upload was never examined"
    assert results.get("login") == (302, True)
    assert "packas upp till för mycket data" in results["import"]
