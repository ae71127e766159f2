"""The plan's public page (issue 13): what an anonymous visitor sees and what never."""

import pytest
from django.urls import reverse

from reporting.models import StatusReport
from tests.public.conftest import MEASURE, MEASURE_NEED_WORDS, OTHER, frozen_report

pytestmark = pytest.mark.django_db


def test_an_unpublished_plan_answers_404_to_anonymous_visitors(client, plan):
    assert not plan.published
    for url in (
        reverse("plan-detail", args=[plan.slug]),
        reverse("public-measure", args=[plan.slug, MEASURE]),
        reverse("public-target-area", args=[plan.slug, 1]),
        reverse("public-office", args=[plan.slug, "SoC"]),
        reverse("public-open-data", args=[plan.slug]),
        reverse("public-download", args=[plan.slug, "statusar", "csv"]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_published_plan_shows_its_measures_to_anonymous_visitors(client, published_plan):
    page = client.get(reverse("plan-detail", args=[published_plan.slug])).content.decode()
    assert published_plan.name in page
    assert MEASURE_NEED_WORDS in page
    assert "Föräldraskapsstöd" in page or "föräldraskapsstöd" in page  # 2.1.2's need
    assert "Ingen uppföljning är avslutad" in page


def test_the_page_shows_the_last_closed_rounds_lead_status_and_light(client, closed_round):
    page = client.get(reverse("plan-detail", args=[closed_round.plan.slug])).content.decode()
    assert closed_round.name in page
    assert "Gul – risk eller avvikelse" in page
    assert "Pågår" in page


def test_no_draft_no_open_round_report_and_no_reporter_name(client, open_round_with_reports, user):
    slug = open_round_with_reports.plan.slug
    pages = [
        client.get(reverse("plan-detail", args=[slug])).content.decode(),
        client.get(reverse("public-measure", args=[slug, MEASURE])).content.decode(),
        client.get(reverse("public-measure", args=[slug, OTHER])).content.decode(),
        client.get(reverse("public-download", args=[slug, "statusar", "csv"])).content.decode("utf-8-sig"),
        client.get(reverse("public-download", args=[slug, "statusar", "json"])).content.decode(),
    ]
    reporter = user("rapportor.soc")
    for page in pages:
        assert "Utkastets hemliga text" not in page
        assert "Öppen omgångs text" not in page
        assert open_round_with_reports.name not in page
        assert "Delade ansvarets text" not in page  # only the lead office's report sets the public status
        assert reporter.username not in page
        if reporter.get_full_name():
            assert reporter.get_full_name() not in page
    assert "Föräldragrupper har startat i Rimbo" in pages[1]


def test_deviations_text_is_public_only_when_the_process_leader_marks_it(client, closed_round, client_for):
    url = reverse("public-measure", args=[closed_round.plan.slug, MEASURE])
    assert "Rekryteringen av gruppledare" not in client.get(url).content.decode()
    report = StatusReport.objects.public().get(round=closed_round, measure__code=MEASURE)

    reporter = client_for("rapportor.soc")
    assert (
        reporter.post(reverse("report-deviations-public", args=[report.pk]), {"offentlig": "ja"}).status_code
        == 403
    )
    leader = client_for("processledare")
    leader.post(reverse("report-deviations-public", args=[report.pk]), {"offentlig": "ja"})
    leader.logout()
    assert "Rekryteringen av gruppledare" in client.get(url).content.decode()


def test_the_process_leader_sees_the_switch_on_the_measure_page(closed_round, client_for):
    page = client_for("processledare").get(reverse("measure-detail", args=[closed_round.plan.slug, MEASURE]))
    assert "Visa avvikelsetexten på den offentliga sidan" in page.content.decode()


def test_public_queryset_holds_only_lead_submitted_reports_of_closed_rounds(open_round_with_reports):
    reports = StatusReport.objects.public()
    assert reports.count() == 1
    report = reports.get()
    assert (report.measure.code, report.office.abbreviation, report.round.is_open) == (MEASURE, "SoC", False)


def test_browse_by_target_area_and_by_office(client, closed_round):
    slug = closed_round.plan.slug
    # The plan puts 2.1.1–2.1.4 under target area 1, "Det tidiga livets villkor".
    area = client.get(reverse("public-target-area", args=[slug, 1])).content.decode()
    assert "Det tidiga livets villkor" in area
    assert MEASURE_NEED_WORDS in area
    assert "Väntetiderna" in area  # 2.1.1
    soc = client.get(reverse("public-office", args=[slug, "SoC"])).content.decode()
    assert MEASURE_NEED_WORDS in soc
    assert "Väntetiderna" not in soc  # 2.1.1 is KSON's alone
    assert client.get(reverse("public-target-area", args=[slug, 9])).status_code == 404
    assert client.get(reverse("public-office", args=[slug, "NOPE"])).status_code == 404


def test_search(client, published_plan):
    url = reverse("plan-detail", args=[published_plan.slug])
    page = client.get(url, {"sok": "kontaktfamiljer"}).content.decode()
    assert "Brist på kontaktfamiljer" in page
    assert "Väntetiderna" not in page
    assert client.get(url, {"sok": "x" * 5000}).status_code == 200


def test_lead_office_comes_first(client, published_plan):
    page = client.get(reverse("public-measure", args=[published_plan.slug, "2.2.4"])).content.decode()
    # 2.2.4: BoU leads, then KSON, SoC, KoF, KSK as in the plan's column "Ansvar".
    positions = [page.index(f"({abbr})") for abbr in ("BoU", "KSON", "SoC", "KoF", "KSK")]
    assert positions == sorted(positions)


def test_measure_page_lists_status_over_closed_rounds(client, closed_round):
    page = client.get(reverse("public-measure", args=[closed_round.plan.slug, MEASURE])).content.decode()
    assert closed_round.name in page
    assert "Starta grupp i Hallstavik" in page
    assert client.get(reverse("public-measure", args=[closed_round.plan.slug, "9.9.9"])).status_code == 404


def test_only_published_frozen_reports_can_be_downloaded_by_anyone(client, closed_round, user):
    plan = closed_round.plan
    published = frozen_report(plan, closed_round, user, published=True)
    unpublished = frozen_report(plan, closed_round, user, published=False)
    page = client.get(reverse("plan-detail", args=[plan.slug])).content.decode()
    assert reverse("public-annual-report-pdf", args=[plan.slug, published.pk]) in page
    assert reverse("public-annual-report-pdf", args=[plan.slug, unpublished.pk]) not in page
    response = client.get(reverse("public-annual-report-pdf", args=[plan.slug, published.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        client.get(reverse("public-annual-report-pdf", args=[plan.slug, unpublished.pk])).status_code == 404
    )
    assert client.get(reverse("annual-report-frozen-file", args=[unpublished.pk, "pdf"])).status_code == 302


def test_the_process_leader_publishes_a_frozen_report(client, closed_round, user, client_for):
    plan = closed_round.plan
    report = frozen_report(plan, closed_round, user, published=False)
    url = reverse("public-annual-report-pdf", args=[plan.slug, report.pk])
    assert (
        client_for("styrgrupp")
        .post(reverse("annual-report-publish", args=[report.pk]), {"publicera": "ja"})
        .status_code
        == 403
    )
    client_for("processledare").post(reverse("annual-report-publish", args=[report.pk]), {"publicera": "ja"})
    client.logout()
    assert client.get(url).status_code == 200


def test_logged_in_users_keep_the_internal_plan_page(client_for, plan):
    response = client_for("rapportor.soc").get(reverse("plan-detail", args=[plan.slug]))
    assert response.status_code == 200
    assert "Sök bland åtgärdsbehoven" not in response.content.decode()


def test_public_pages_send_the_security_headers(client, published_plan):
    response = client.get(reverse("plan-detail", args=[published_plan.slug]))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
