"""The four texts of a status report have one list and one set of headings: the model's verbose_name,
on the form, the read-only report, the measure page and in the annual report."""

import pytest
from django.utils.text import capfirst

from reporting.annual_report import assemble
from reporting.models import StatusReport
from tests.factories import submit_report
from tests.reporting.conftest import report_for

pytestmark = pytest.mark.django_db

TEXTS = {
    "done_text": "Gruppverksamhet startad.",
    "results_text": "Tolv barn har deltagit.",
    "deviations_text": "Lokalen blev försenad.",
    "next_steps_text": "Starta grupp i Hallstavik.",
}


def headings() -> list[str]:
    return [capfirst(str(StatusReport._meta.get_field(name).verbose_name)) for name in TEXTS]


@pytest.fixture
def submitted(round):
    report = report_for(round, "2.1.3", "SoC")
    return submit_report(
        report,
        status="in_progress",
        done=TEXTS["done_text"],
        results=TEXTS["results_text"],
        deviations=TEXTS["deviations_text"],
        next_steps=TEXTS["next_steps_text"],
    )


def test_the_report_form_labels_its_texts_with_the_models_headings(client_for, round):
    report = report_for(round, "2.1.3", "SoC")
    form = client_for("rapportor.soc").get(f"/rapporter/{report.pk}/").context["form"]
    assert [form[name].label for name in StatusReport.TEXT_FIELDS] == headings()
    assert list(StatusReport.TEXT_FIELDS) == list(TEXTS)


def test_a_read_only_report_shows_each_text_under_the_models_heading(client_for, submitted):
    page = client_for("rapportor.kson").get(f"/rapporter/{submitted.pk}/").content.decode()
    for heading, text in zip(headings(), TEXTS.values(), strict=True):
        assert f"<dt>{heading}</dt><dd>{text}</dd>" in page


def test_the_measure_page_shows_each_text_under_the_models_heading(client_for, plan, submitted):
    page = client_for("styrgrupp").get(f"/planer/{plan.slug}/atgarder/2.1.3/").content.decode()
    for heading, text in zip(headings(), TEXTS.values(), strict=True):
        assert f"<dt>{heading}</dt><dd>{text}</dd>" in page


def test_the_annual_report_carries_each_text_with_the_models_heading(plan, round, submitted):
    from governance.models import DecisionBody

    body = DecisionBody.objects.get(slug="kommunstyrelsen")
    content = assemble(plan=plan, round=round, decision_body=body, whole_plan=True)
    entry = next(m for area in content["target_areas"] for m in area["measures"] if m["code"] == "2.1.3")
    texts = next(r for r in entry["reports"] if r["office"] == "SoC")["texts"]
    assert [(t["label"], t["text"]) for t in texts] == list(zip(headings(), TEXTS.values(), strict=True))
