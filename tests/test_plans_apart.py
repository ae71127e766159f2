"""A region on one installation: each municipality's plan belongs to its own people.

The second municipality is the fictional demo one (fixtures/demo_region.json, loaded by make run);
its demo users (load_demo_users) report and lead in it. Every page of a plan that needs a login is
refused with 404 to users of another organisation's plan, in both directions; the region's reader
reads every plan's submitted status and changes nothing.
"""

import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from measures.models import Activity, Measure
from plan.models import ActionPlan
from reporting.dashboard import build_dashboard
from reporting.models import FollowUpRound, StatusReport
from reporting.region import regional_overview
from reporting.services import measure_status_refresh
from tests.factories import build_plan, submit_all
from tests.reporting.conftest import open_round, report_for, report_post

NORRTALJE = "tillsammans-for-psykisk-halsa"
DEMO = "demokommun-psykisk-halsa-demo"
NORRTALJE_USERS = ["rapportor.soc", "styrgrupp", "processledare"]
DEMO_USERS = ["rapportor.demo", "processledare.demo"]


@pytest.fixture
def demo_plan(db):
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "demo_region.json"), verbosity=0)
    call_command("load_demo_users", force=True, stdout=open(os.devnull, "w"))
    return ActionPlan.objects.get(slug=DEMO)


@pytest.fixture
def both_rounds(plan, demo_plan):
    return {NORRTALJE: open_round(plan), DEMO: open_round(demo_plan)}


def _plan_routes(patterns=None, prefix=""):
    """Every route of the URLconf that takes only a plan's slug and needs a login."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _plan_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            needs_login = getattr(pattern.callback, "login_required", True)
            if route.startswith("planer/<slug:slug>/") and route.count("<") == 1 and needs_login:
                yield route


PLAN_ROUTES = sorted(set(_plan_routes()))


def _objects_of(round):
    """The pages of a plan addressed by an object's number: a report, a round, a measure."""
    report = round.reports.select_related("measure").order_by("pk").first()
    return [
        f"/rapporter/{report.pk}/",
        f"/uppfoljning/{round.pk}/",
        f"/uppfoljning/{round.pk}/stang/",
        f"/planer/{round.plan.slug}/atgarder/{report.measure.code}/",
    ]


def test_every_plan_page_needing_a_login_is_found_by_the_no_leak_test():
    assert len(PLAN_ROUTES) > 15
    assert "planer/<slug:slug>/oversikt/" in PLAN_ROUTES
    assert "planer/<slug:slug>/uppfoljning/ny/" in PLAN_ROUTES


@pytest.mark.parametrize(
    ("username", "own", "other"),
    [(name, NORRTALJE, DEMO) for name in NORRTALJE_USERS] + [(name, DEMO, NORRTALJE) for name in DEMO_USERS],
)
def test_a_user_of_one_municipality_finds_none_of_the_other_municipalitys_pages(
    client_for, both_rounds, username, own, other
):
    client = client_for(username)
    for route in PLAN_ROUTES:
        url = "/" + route.replace("<slug:slug>", other)
        assert client.get(url).status_code == 404, url
    for url in _objects_of(both_rounds[other]):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/planer/{own}/atgarder/").status_code == 200
    assert client.get(f"/uppfoljning/{both_rounds[own].pk}/").status_code == 200


def test_the_round_list_shows_only_the_users_own_plans_rounds(client_for, both_rounds):
    page = client_for("processledare").get("/uppfoljning/").content.decode()
    assert f"/uppfoljning/{both_rounds[NORRTALJE].pk}/" in page
    assert f"/uppfoljning/{both_rounds[DEMO].pk}/" not in page
    demo_page = client_for("processledare.demo").get("/uppfoljning/").content.decode()
    assert f"/uppfoljning/{both_rounds[DEMO].pk}/" in demo_page
    assert f"/uppfoljning/{both_rounds[NORRTALJE].pk}/" not in demo_page


def test_a_process_leader_cannot_open_a_round_in_the_other_municipalitys_plan(client_for, demo_plan):
    before = FollowUpRound.objects.filter(plan=demo_plan).count()
    data = {
        "name": "Omgång i fel kommun",
        "kind": "annual",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "deadline": "2027-01-20",
        "grace_days": "0",
    }
    response = client_for("processledare").post(f"/planer/{DEMO}/uppfoljning/ny/", data)
    assert response.status_code == 404
    assert FollowUpRound.objects.filter(plan=demo_plan).count() == before
    response = client_for("processledare.demo").post(f"/planer/{DEMO}/uppfoljning/ny/", data)
    assert response.status_code == 302
    assert FollowUpRound.objects.filter(plan=demo_plan).count() == before + 1


def test_a_process_leader_cannot_write_or_close_in_the_other_municipalitys_round(client_for, both_rounds):
    report = report_for(both_rounds[DEMO], "1.1", "DK-SOC")
    client = client_for("processledare")
    assert client.post(f"/rapporter/{report.pk}/", report_post(report)).status_code == 404
    assert client.post(f"/uppfoljning/{both_rounds[DEMO].pk}/stang/", {"bekrafta": "ja"}).status_code == 404
    report.refresh_from_db()
    assert report.done_text == "" and not report.is_submitted
    assert FollowUpRound.objects.get(pk=both_rounds[DEMO].pk).is_open


def test_the_demo_reporter_writes_their_own_municipalitys_report(client_for, both_rounds):
    report = report_for(both_rounds[DEMO], "1.1", "DK-SOC")
    response = client_for("rapportor.demo").post(f"/rapporter/{report.pk}/", report_post(report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_submitted


def test_the_regional_reader_reads_every_plan_and_changes_nothing(client_for, both_rounds):
    client = client_for("region")
    for slug in (NORRTALJE, DEMO):
        assert client.get(f"/planer/{slug}/oversikt/").status_code == 200
        assert client.get(f"/planer/{slug}/atgarder/").status_code == 200
        assert client.get(f"/planer/{slug}/arsrapport/").status_code == 403
        assert client.get(f"/planer/{slug}/styrgrupp/moten/nytt/").status_code == 403
        assert client.post(f"/planer/{slug}/uppfoljning/ny/", {"name": "x"}).status_code == 403
    report = report_for(both_rounds[DEMO], "1.1", "DK-SOC")
    assert client.post(f"/rapporter/{report.pk}/", report_post(report)).status_code == 403
    report.refresh_from_db()
    assert not report.is_submitted
    assert client.post(f"/uppfoljning/{both_rounds[DEMO].pk}/stang/", {"bekrafta": "ja"}).status_code == 403


def test_a_draft_of_the_other_municipality_is_not_shown_to_the_regional_reader(client_for, both_rounds):
    report = report_for(both_rounds[DEMO], "1.1", "DK-SOC")
    report.state, report.done_text = "draft", "Utkast som bara Demokommun ser"
    report.save()
    response = client_for("region").get(f"/rapporter/{report.pk}/")
    assert response.status_code == 403
    assert "Utkast som bara Demokommun ser" not in response.content.decode()
    assert (
        "Utkast som bara Demokommun ser"
        in client_for("rapportor.demo").get(f"/rapporter/{report.pk}/").content.decode()
    )


def test_a_user_of_two_plans_picks_one_and_comes_back_to_the_one_used_last(client_for, demo_plan):
    client = client_for("region")
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/valj-plan/"
    choice = client.get("/valj-plan/").content.decode()
    assert f"/planer/{NORRTALJE}/oversikt/" in choice and f"/planer/{DEMO}/oversikt/" in choice
    client.get(f"/planer/{DEMO}/oversikt/")
    assert client.get("/")["Location"] == f"/planer/{DEMO}/oversikt/"


def test_a_user_of_one_plan_lands_on_it(client_for, demo_plan):
    assert client_for("processledare.demo").get("/")["Location"] == f"/planer/{DEMO}/oversikt/"
    assert client_for("processledare").get("/")["Location"] == f"/planer/{NORRTALJE}/oversikt/"


def test_the_regional_view_equals_each_plans_dashboard(client_for, user, both_rounds):
    for round in both_rounds.values():
        submit_all(round)
        for measure in Measure.objects.filter(plan=round.plan):
            measure_status_refresh(measure=measure)
    assert Measure.objects.exclude(status="not_started").filter(plan__slug=DEMO).exists()
    region = regional_overview(user("region"))
    assert [p.slug for p in region.plans] == sorted(
        [NORRTALJE, DEMO], key=lambda s: region.plans[0].slug != s
    )
    for plan in region.plans:
        dashboard = build_dashboard(plan, FollowUpRound.objects.get(plan=plan))
        status_by_area, light_by_area = dashboard.by_area
        for row, status_row, light_row in zip(
            region.rows, status_by_area.rows, light_by_area.rows, strict=True
        ):
            cell = next(c for c in row.plans if c.plan == plan)
            assert cell.by_status == [c.count for c in status_row.cells[: len(region.status_series)]]
            assert cell.by_light == [c.count for c in light_row.cells]
            assert cell.total == status_row.total.count
    page = client_for("region").get("/region/").content.decode()
    assert f"/planer/{DEMO}/atgarder/?malomrade=1" in page
    assert f"/planer/{NORRTALJE}/atgarder/?malomrade=1" in page


def test_the_regional_view_shows_a_municipality_only_its_own_plan(user, demo_plan):
    assert [p.slug for p in regional_overview(user("rapportor.demo")).plans] == [DEMO]
    assert [p.slug for p in regional_overview(user("rapportor.soc")).plans] == [NORRTALJE]


@pytest.mark.parametrize("size", [8, 80])
def test_the_regional_view_takes_the_same_queries_however_many_plans_and_measures(
    client_for, django_assert_max_num_queries, demo_plan, size
):
    for copy in range(size // 8):
        build_plan(size, slug=f"region-{size}-{copy}", rounds=1)
    client = client_for("region")
    with django_assert_max_num_queries(6):  # session, user with roles and plans, plans, areas, counts
        response = client.get("/region/")
    assert response.status_code == 200
    assert response.content.decode().count("<tbody>") == 8


def test_the_demo_municipality_is_marked_as_demo_and_leaves_the_real_plan_alone(plan, demo_plan):
    real_measures = list(plan.measures.values_list("code", flat=True))
    assert "demo" in demo_plan.name.lower()
    assert all("demo" in org.name.lower() for org in demo_plan.organisations.all())
    assert not set(demo_plan.organisations.all()) & set(plan.organisations.all())
    assert list(plan.measures.values_list("code", flat=True)) == real_measures
    assert StatusReport.objects.filter(round__plan=plan).count() == 0


@pytest.mark.parametrize(
    ("model", "row"),
    [
        ("measures/measure", lambda round: round.plan.measures.get(code="1.1")),
        ("reporting/statusreport", lambda round: report_for(round, "1.1", "DK-SOC")),
        ("reporting/followupround", lambda round: round),
        ("plan/actionplan", lambda round: round.plan),
    ],
)
def test_the_admin_opens_only_the_rows_of_the_users_own_plans(client_for, both_rounds, model, row):
    url = f"/admin/{model}/{row(both_rounds[DEMO]).pk}/change/"
    assert client_for("processledare.demo").get(url).status_code == 200
    response = client_for("processledare").get(url)
    assert response.status_code == 302 and response["Location"] == "/admin/"  # "does not exist"


@pytest.mark.parametrize(
    ("url", "field", "plan_of"),
    [
        ("/admin/measures/activity/add/", "measure", lambda row: row.plan.slug),
        ("/admin/measures/measure/add/", "plan", lambda row: row.slug),
        ("/admin/plan/planadoption/add/", "plan", lambda row: row.slug),
    ],
)
def test_the_admin_offers_only_the_users_own_plans_in_its_choices(
    client_for, plan, demo_plan, url, field, plan_of
):
    offered = {
        username: {
            plan_of(row)
            for row in client_for(username).get(url).context["adminform"].form.fields[field].queryset
        }
        for username in ("processledare.demo", "processledare", "admin")
    }
    assert offered == {"processledare.demo": {DEMO}, "processledare": {NORRTALJE}, "admin": {DEMO, NORRTALJE}}


def test_the_admin_refuses_a_row_pointing_into_another_municipalitys_plan(client_for, plan, demo_plan):
    client = client_for("processledare.demo")
    theirs, own = plan.measures.get(code="2.1.1"), demo_plan.measures.get(code="1.1")
    before = Activity.objects.count()
    response = client.post(
        "/admin/measures/activity/add/", {"measure": theirs.pk, "position": 9, "text": "Intrång"}
    )
    assert response.status_code == 200 and "Välj ett giltigt alternativ" in response.content.decode()
    assert Activity.objects.count() == before
    response = client.post(
        "/admin/measures/activity/add/", {"measure": own.pk, "position": 9, "text": "Egen"}
    )
    assert response.status_code == 302
    assert own.activities.filter(text="Egen").exists()
