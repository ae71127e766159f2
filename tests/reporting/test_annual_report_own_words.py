"""The process leader's own words: "Sammanfattande analys" and "Förslag till beslut", written in the app per
annual report (drafts with history), placed after the summary in all three formats and frozen with the rest."""

import datetime
import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from governance.models import DecisionBody
from reporting import writers
from reporting.annual_report import annual_report_freeze, assemble
from reporting.own_words import AnnualReportText
from reporting.services import round_close
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, submit_all_fast

URL = f"/planer/{PLAN_SLUG}/arsrapport/analys/"
CREATED = datetime.datetime(2023, 2, 20, 9, 30, tzinfo=datetime.UTC)
ANALYSIS = "Arbetet med föräldraskapsstödet har kommit längst.\nSkolresultaten kräver mer samverkan."
PROPOSALS = "Direktionen godkänner uppföljningen."


@pytest.fixture
def round(plan):
    round = annual_round(plan, 2022)
    submit_all_fast(round)
    return round


def choice(round, **extra):
    return {"omgang": round.pk, "mottagare": "direktionen", **extra}


def save(client, round, version=0, analysis=ANALYSIS, proposals=PROPOSALS):
    return client.post(URL, choice(round, analys=analysis, forslag=proposals, version=version))


def body():
    return DecisionBody.objects.get(slug="direktionen")


def test_the_process_leader_saves_a_draft_and_each_save_is_kept_in_history(client_for, round):
    client = client_for("processledare")
    assert client.get(URL, choice(round)).status_code == 200
    response = save(client, round)
    assert response.status_code == 302 and "/arsrapport/forhandsvisning/?" in response.url
    save(
        client,
        round,
        version=1,
        proposals="Direktionen godkänner uppföljningen och lägger den till handlingarna.",
    )
    text = AnnualReportText.objects.get(round=round, decision_body=body(), whole_plan=False)
    assert text.analysis == ANALYSIS and text.proposals.endswith("till handlingarna.")
    assert text.history.count() == 2


@pytest.mark.parametrize("username", ["styrgrupp", "rapportor.soc"])
def test_only_the_process_leader_writes_the_texts(client_for, round, username):
    client = client_for(username)
    assert client.get(URL, choice(round)).status_code == 403
    assert save(client, round).status_code == 403
    assert not AnnualReportText.objects.exists()


def test_a_save_over_someone_elses_newer_text_is_refused_and_keeps_both(client_for, round):
    client = client_for("processledare")
    save(client, round)
    response = save(client, round, version=0, analysis="Min egen version")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Min egen version" in page and "Skolresultaten kräver mer samverkan." in page
    assert AnnualReportText.objects.get().analysis == ANALYSIS


def test_the_texts_come_right_after_the_summary_and_empty_ones_are_left_out(round):
    AnnualReportText.objects.create(round=round, decision_body=body(), analysis=ANALYSIS)
    content = assemble(plan=round.plan, round=round, decision_body=body(), whole_plan=False)
    keys = list(content)
    assert keys[keys.index("summary") + 1] == "own_words"
    assert [s["heading"] for s in content["own_words"]] == ["Sammanfattande analys"]


def test_pdf_word_and_excel_place_the_texts_after_the_summary(round):
    AnnualReportText.objects.create(round=round, decision_body=body(), analysis=ANALYSIS, proposals=PROPOSALS)
    content = assemble(plan=round.plan, round=round, decision_body=body(), whole_plan=False)

    reader = PdfReader(io.BytesIO(writers.write_pdf(content, created=CREATED)))
    pdf = " ".join(page.extract_text() for page in reader.pages)
    summary_at = pdf.index("åtgärdsbehov ingår")
    assert summary_at < pdf.index("Skolresultaten kräver mer samverkan.") < pdf.index(PROPOSALS)
    assert pdf.index(PROPOSALS) < pdf.index("Målområde 1.", summary_at)

    doc = Document(io.BytesIO(writers.write_docx(content, created=CREATED)))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[1:4] == ["Sammanfattning", "Sammanfattande analys", "Förslag till beslut"]
    texts = [p.text for p in doc.paragraphs]
    assert texts.index("Skolresultaten kräver mer samverkan.") < texts.index(PROPOSALS)

    book = load_workbook(io.BytesIO(writers.write_xlsx(content, created=CREATED)))
    assert book.sheetnames[:2] == ["Sammanfattning", "Analys och förslag"]
    cells = [row[0] for row in book["Analys och förslag"].iter_rows(values_only=True) if row[0]]
    assert cells == ["Sammanfattande analys", *ANALYSIS.split("\n"), "Förslag till beslut", PROPOSALS]


def test_a_frozen_report_keeps_the_texts_it_was_frozen_with(round, user):
    AnnualReportText.objects.create(round=round, decision_body=body(), analysis=ANALYSIS)
    round_close(round=round)
    report = annual_report_freeze(
        plan=round.plan, round=round, decision_body=body(), whole_plan=False, user=user("processledare")
    )
    AnnualReportText.objects.filter(round=round).update(analysis="Ändrat efteråt")
    report.refresh_from_db()
    assert report.content["own_words"][0]["text"] == ANALYSIS
