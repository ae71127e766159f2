"""The real plan in full use for the role-by-role browser tests: two rounds of reports, a meeting, stimulus
funds and a frozen annual report, and one logged-in browser page per demo user.

pytest-django empties the database after every live-server test, so each test builds this once and walks
all its pages and roles in one go instead of logging in again per page."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from governance.models import DecisionBody, Office
from measures.status import MeasureStatus, TrafficLight
from plan.models import ActionPlan
from reporting.annual_report import assemble, content_checksum
from reporting.models import AgendaItem, AnnualReport, Decision, Meeting, StatusReport, StimulusFundYear
from reporting.services import round_close, stimulus_allocation_create
from tests.browser.conftest import WAIT_MS, log_in
from tests.conftest import PLAN_SLUG
from tests.factories import annual_round, submit, submit_all
from tests.reporting.conftest import open_round

PLAN = f"/planer/{PLAN_SLUG}"


def build_plan_in_use() -> dict:
    """Returns the paths of the records the pages need (the `site` fixture has loaded the plan)."""
    plan = ActionPlan.objects.get(slug=PLAN_SLUG)
    earlier = annual_round(plan, 2024)
    submit_all(earlier, long_texts=True)
    round_close(round=earlier)
    current = open_round(plan, name=f"Årsuppföljning {timezone.localdate().year}")
    submit(current, "2.1.1", MeasureStatus.DONE, TrafficLight.GREEN)
    submit(current, "2.2.1", MeasureStatus.IN_PROGRESS, TrafficLight.RED, days_after_deadline=2)
    meeting = Meeting.objects.create(
        steering_group=plan.steering_group, date=datetime.date(2025, 2, 10), location="Kommunhuset, Norrtälje"
    )
    AgendaItem.objects.create(meeting=meeting, title="Lägesrapporter från verksamheterna")
    decision = Decision.objects.create(
        meeting=meeting, number="SG 2025:3", text="Föräldraskapsstödet fortsätter."
    )
    decision.measures.add(plan.measures.get(code="2.1.1"))
    fund_year = StimulusFundYear.objects.create(plan=plan, year=2025, amount_available=Decimal(1_200_000))
    stimulus_allocation_create(
        fund_year=fund_year,
        measure=plan.measures.get(code="2.1.1"),
        office=Office.objects.get(abbreviation="SoC"),
        purpose="Gruppverksamhet för föräldrar",
        amount=Decimal(250_000),
        decision=decision,
    )
    body = DecisionBody.objects.get(name="Direktionen")
    arguments = {"plan": plan, "round": earlier, "decision_body": body, "whole_plan": False}
    content = assemble(**arguments, diary_number="KSON 2025/4", author="Petra Processledare")
    frozen = AnnualReport.objects.create(
        **arguments,
        year=2024,
        title=content["cover"]["title"],
        content=content,
        content_sha256=content_checksum(content),
        frozen_by=get_user_model().objects.get(username="processledare"),
    )
    soc_report = StatusReport.objects.get(round=current, measure__code="2.1.3", office__abbreviation="SoC")
    preview = f"omgang={earlier.pk}&mottagare={body.slug}"
    return {
        "round": f"/uppfoljning/{current.pk}/",
        "soc_report": f"/rapporter/{soc_report.pk}/",
        "meeting": f"{PLAN}/styrgrupp/moten/{meeting.pk}/",
        "annual_preview": f"{PLAN}/arsrapport/forhandsvisning/?{preview}",
        "annual_detail": f"/arsrapporter/{frozen.pk}/",
    }


def pages_by_role(paths: dict) -> dict[str, list[str]]:
    """Every page each role reaches from its navigation and the links on those pages."""
    reporter = [
        "/mina-atgarder/",
        paths["soc_report"],
        f"{PLAN}/",
        f"{PLAN}/atgarder/",
        f"{PLAN}/atgarder/2.1.3/",
    ]
    steering = reporter[2:] + [
        "/mina-atgarder/",
        f"{PLAN}/oversikt/",
        f"{PLAN}/organisation/",
        f"{PLAN}/styrgrupp/moten/",
        paths["meeting"],
        f"{PLAN}/styrgrupp/moten/nytt/",
        f"{PLAN}/stimulansmedel/",
        f"{PLAN}/atgarder/2.1.1/",
    ]
    leader = steering + [
        paths["soc_report"],
        "/uppfoljning/",
        paths["round"],
        f"{PLAN}/uppfoljning/ny/?typ=interim",
        f"{PLAN}/arsrapport/",
        paths["annual_preview"],
        f"{PLAN}/arsrapport/faststallda/",
        paths["annual_detail"],
    ]
    return {
        "rapportor.soc": reporter,
        "styrgrupp": steering,
        "processledare": leader,
        "admin": leader + ["/admin/"],
    }


def logged_in_pages(browser, site: str, usernames) -> dict:
    """One context and page per user, logged in once; close them with close_pages()."""
    pages = {}
    for username in usernames:
        context = browser.new_context(locale="sv-SE", viewport={"width": 320, "height": 640})
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        log_in(page, site, username)
        pages[username] = page
    return pages


def close_pages(pages: dict) -> None:
    for page in pages.values():
        page.context.close()
