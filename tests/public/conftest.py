import datetime

import pytest
from django.utils import timezone

from measures.status import MeasureStatus, TrafficLight
from reporting.models import AnnualReport, AnnualReportFile, StatusReport
from reporting.services import round_close
from tests.factories import annual_round, submit_report

# From the plan's text (seeds): 2.1.3 (group activities for children of relatives with mental illness) is led
# by SoC with KSON sharing; 2.2.1 is BoU's alone.
MEASURE = "2.1.3"
MEASURE_NEED_WORDS = "gruppverksamhet för barn och unga"
OTHER = "2.2.1"


@pytest.fixture
def published_plan(plan):
    plan.published = True
    plan.save()
    return plan


def lead_report(round, code):
    return StatusReport.objects.select_related("measure", "office", "round").get(
        round=round, measure__code=code, is_lead=True
    )


@pytest.fixture
def closed_round(published_plan, user):
    """A closed annual round in which 2.1.1's lead office submitted 'Pågår', yellow, with a deviation."""
    round = annual_round(published_plan, 2025)
    submit_report(
        lead_report(round, MEASURE),
        status=MeasureStatus.IN_PROGRESS,
        light=TrafficLight.YELLOW,
        done="Föräldragrupper har startat i Rimbo.",
        deviations="Rekryteringen av gruppledare är försenad.",
        next_steps="Starta grupp i Hallstavik.",
    )
    report = lead_report(round, MEASURE)
    report.updated_by = report.submitted_by = user("rapportor.soc")
    report.save()
    shared = StatusReport.objects.get(round=round, measure__code=MEASURE, is_lead=False)
    submit_report(shared, status=MeasureStatus.DONE, light=TrafficLight.GREEN, done="Delade ansvarets text.")
    round_close(round=round)
    return round


@pytest.fixture
def open_round_with_reports(closed_round):
    """A later, still open round with a submitted lead report and a draft."""
    round = annual_round(closed_round.plan, 2026)
    submit_report(
        lead_report(round, MEASURE),
        status=MeasureStatus.DONE,
        light=TrafficLight.GREEN,
        done="Öppen omgångs text.",
    )
    draft = lead_report(round, OTHER)
    draft.state = "draft"
    draft.done_text = "Utkastets hemliga text."
    draft.save()
    return round


def frozen_report(plan, round, user, *, published: bool) -> AnnualReport:
    from governance.models import DecisionBody

    report = AnnualReport.objects.create(
        plan=plan,
        round=round,
        decision_body=DecisionBody.objects.first(),
        whole_plan=True,
        year=round.period_end.year,
        title=f"Årsrapport {round.period_end.year}",
        content={"cover": {"whole_plan": True, "receiving_body_slug": "", "year": round.period_end.year}},
        # Two frozen reports of one round differ in content (the database allows one per checksum).
        content_sha256=("1" if published else "0") * 64,
        frozen_by=user("processledare"),
        published_at=timezone.now() if published else None,
    )
    AnnualReportFile.objects.create(report=report, format="pdf", data=b"%PDF-1.7 test", sha256="1" * 64)
    return report


TODAY = datetime.date.today()
