"""Plan periods and rollover: the successor plan carries chosen measures on, the old plan stays a record."""

import datetime
import hashlib
import json
import re

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.models import DecisionBody, Office
from measures.models import Activity, ExpectedResult, Measure, Responsibility
from measures.resources import ActivityResource, MeasureResource
from measures.status import MeasureStatus, ReportState, RoundKind
from plan.models import ActionPlan
from reporting.annual_report import annual_report_freeze, assemble
from reporting.models import AnnualReport, AnnualReportFile, FollowUpRound, StatusReport
from reporting.rollover import plan_rollover
from reporting.services import RoundClosed, report_reopen, report_save, round_close, round_open, round_reopen
from tests.factories import annual_round, submit, submit_all
from tests.plan_text import normalised_text

TRANSFERRED_CODE = "2.1.2"  # set to övergått i ordinarie verksamhet in the tests that need a closed measure
DONE_CODE = "2.1.3"


def close_measure(plan, code, status):
    Measure.objects.filter(plan=plan, code=code).update(status=status)


def roll_over(plan, codes=None, **overrides):
    """Rolls the plan over with the given measures (default: every carryable one)."""
    measures = Measure.objects.for_plan(plan).exclude(status__in=MeasureStatus.closed())
    if codes is not None:
        measures = measures.filter(code__in=codes)
    arguments = {
        "name": "Tillsammans för psykisk hälsa 2023–2026",
        "slug": "tillsammans-2023",
        "start": 2023,
        "end": 2026,
        "measure_ids": list(measures.values_list("pk", flat=True)),
        **overrides,
    }
    return plan_rollover(plan=plan, **arguments)


def post_data(plan, codes, **overrides):
    ids = Measure.objects.filter(plan=plan, code__in=codes).values_list("pk", flat=True)
    return {
        "name": "Tillsammans 2023–2026",
        "slug": "tillsammans-2023",
        "implementation_start": "2023",
        "implementation_end": "2026",
        "atgarder": [str(pk) for pk in ids],
        **overrides,
    }


def record_counts(plan) -> dict:
    return {
        "rounds": FollowUpRound.objects.filter(plan=plan).count(),
        "reports": StatusReport.objects.filter(round__plan=plan).count(),
        "round_history": FollowUpRound.history.filter(plan_id=plan.pk).count(),
        "report_history": StatusReport.history.filter(round__plan=plan).count(),
        "measure_history": Measure.history.filter(plan_id=plan.pk).count(),
        "measures": Measure.objects.filter(plan=plan).count(),
        "activities": Activity.objects.filter(measure__plan=plan).count(),
        "frozen": AnnualReport.objects.filter(plan=plan).count(),
    }


# 1. Periods and links ------------------------------------------------------------------------------


def test_the_real_plans_period_is_the_implementation_period_its_text_states(plan):
    start, end = re.search(r"genomförandeperioden (\d{4}) och (\d{4})", normalised_text()).groups()
    assert (plan.implementation_start, plan.implementation_end) == (int(start), int(end))
    assert plan.predecessor is None


def test_a_period_that_ends_before_it_starts_is_refused_in_swedish(db):
    plan = ActionPlan(name="Plan", slug="plan-x", implementation_start=2025, implementation_end=2024)
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert (
        "Planperioden kan inte sluta (2024) innan den börjar (2025)."
        in error.value.message_dict["implementation_end"]
    )


# 2. One current plan --------------------------------------------------------------------------------


def test_the_current_plan_is_the_successor_after_a_rollover(plan, client_for):
    assert list(ActionPlan.objects.current()) == [plan]
    successor = roll_over(plan)
    assert list(ActionPlan.objects.current()) == [successor]
    client = client_for("processledare")
    assert client.get("/").url == reverse("dashboard", args=[successor.slug])
    response = client.get(reverse("my-measures"))
    assert response.context["main_plan"] == successor


# 3. Rollover: preview and confirm -----------------------------------------------------------------------


def test_the_preview_shows_name_slug_period_and_leaves_closed_measures_unchecked(plan, client_for):
    close_measure(plan, TRANSFERRED_CODE, MeasureStatus.TRANSFERRED)
    response = client_for("processledare").get(reverse("plan-rollover", args=[plan.slug]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["implementation_start"] == plan.implementation_end + 1
    assert form.initial["slug"] == f"{plan.slug}-{plan.implementation_end + 1}"
    rows = {row["measure"].code: row for row in response.context["rows"]}
    assert not rows[TRANSFERRED_CODE]["checked"] and not rows[TRANSFERRED_CODE]["measure"].carryable
    assert rows["2.1.1"]["checked"]
    transferred = Measure.objects.get(plan=plan, code=TRANSFERRED_CODE)
    assert f'value="{transferred.pk}" id="atgard-{transferred.pk}" disabled' in response.content.decode()
    assert "övergått i ordinarie verksamhet" in response.content.decode()


@pytest.mark.parametrize("username", ["styrgrupp", "rapportor.soc"])
def test_only_the_process_leader_may_roll_over(plan, client_for, username):
    client = client_for(username)
    assert client.get(reverse("plan-rollover", args=[plan.slug])).status_code == 403
    assert (
        client.post(reverse("plan-rollover", args=[plan.slug]), post_data(plan, ["2.1.1"])).status_code == 403
    )
    assert not ActionPlan.objects.filter(slug="tillsammans-2023").exists()


def test_confirming_creates_the_successor_with_the_chosen_measures_and_their_parts(plan, client_for):
    response = client_for("processledare").post(
        reverse("plan-rollover", args=[plan.slug]), post_data(plan, ["2.1.1", "2.4.1"])
    )
    successor = ActionPlan.objects.get(slug="tillsammans-2023")
    assert response.url == successor.get_absolute_url()
    assert (successor.predecessor, successor.period) == (plan, "2023–2026")
    assert set(successor.organisations.all()) == set(plan.organisations.all())
    carried = {m.code: m for m in Measure.objects.for_plan(successor).select_related("predecessor")}
    assert set(carried) == {"2.1.1", "2.4.1"}
    for code, new in carried.items():
        old = Measure.objects.get(plan=plan, code=code)
        assert new.predecessor == old
        assert (new.target_area_id, new.need, new.status) == (old.target_area_id, old.need, old.status)
        for model in (Activity, ExpectedResult):
            assert list(model.objects.filter(measure=new).values_list("position", "text")) == list(
                model.objects.filter(measure=old).values_list("position", "text")
            )
        assert list(Responsibility.objects.filter(measure=new).values_list("position", "office")) == list(
            Responsibility.objects.filter(measure=old).values_list("position", "office")
        )
        assert Measure.history.filter(id=new.pk).exists()
    plan.refresh_from_db()
    assert plan.is_read_only and plan.status == ActionPlan.Status.CLOSED


def test_a_closed_measure_posted_anyway_is_refused_and_nothing_is_written(plan, client_for):
    close_measure(plan, TRANSFERRED_CODE, MeasureStatus.TRANSFERRED)
    before = record_counts(plan)
    response = client_for("processledare").post(
        reverse("plan-rollover", args=[plan.slug]), post_data(plan, ["2.1.1", TRANSFERRED_CODE])
    )
    assert response.status_code == 400
    assert "kan inte föras över" in response.content.decode()
    assert ActionPlan.objects.count() == 1 and record_counts(plan) == before


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"implementation_end": "2022"}, "Planperioden kan inte sluta (2022) innan den börjar (2023)."),
        ({"implementation_start": "2022"}, "måste börja efter den förra planens sista år (2022)"),
        ({"slug": "tillsammans-for-psykisk-halsa"}, "används redan av en annan plan"),
        ({"implementation_start": "år"}, "Fyll i ett heltal."),
        ({"name": ""}, "Detta fält måste fyllas i."),
    ],
)
def test_bad_input_is_refused_in_swedish_and_nothing_is_written(plan, client_for, overrides, message):
    before = record_counts(plan)
    response = client_for("processledare").post(
        reverse("plan-rollover", args=[plan.slug]), post_data(plan, ["2.1.1"], **overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ActionPlan.objects.count() == 1 and record_counts(plan) == before


def test_a_plan_with_an_open_round_is_not_rolled_over(plan):
    annual_round(plan, 2022)
    with pytest.raises(ValidationError) as error:
        roll_over(plan)
    assert "Stäng planens öppna uppföljningsomgångar först" in error.value.messages[0]
    assert ActionPlan.objects.count() == 1


def test_a_plan_is_rolled_over_once(plan, client_for):
    successor = roll_over(plan)
    with pytest.raises(ValidationError):
        roll_over(plan, slug="tillsammans-2023-b")
    response = client_for("processledare").get(reverse("plan-rollover", args=[plan.slug]))
    assert response.url == successor.get_absolute_url()


# 4. The old plan is read-only, its records untouched ------------------------------------------------------


@pytest.fixture
def rolled_over(plan, user):
    """The real plan with a closed 2022 annual round, a frozen report of it, rolled over into 2023–2026."""
    round = annual_round(plan, 2022)
    submit_all(round)
    round_close(round=round)
    frozen = annual_report_freeze(
        plan=plan,
        round=round,
        decision_body=DecisionBody.objects.get(slug="direktionen"),
        whole_plan=False,
        user=user("processledare"),
    )
    before = {
        "counts": record_counts(plan),
        "content_sha256": frozen.content_sha256,
        "files": {
            f.format: (f.sha256, hashlib.sha256(bytes(f.data)).hexdigest()) for f in frozen.files.all()
        },
    }
    successor = roll_over(plan, user=user("processledare"))
    plan.refresh_from_db()
    return {"plan": plan, "round": round, "frozen": frozen, "before": before, "successor": successor}


def test_rollover_keeps_the_old_plans_rounds_reports_history_and_frozen_reports(rolled_over):
    plan, frozen, before = rolled_over["plan"], rolled_over["frozen"], rolled_over["before"]
    assert record_counts(plan) == before["counts"]
    frozen = AnnualReport.objects.get(pk=frozen.pk)
    assert frozen.content_sha256 == before["content_sha256"]
    files = {f.format: f for f in AnnualReportFile.objects.filter(report=frozen)}
    assert {fmt: (f.sha256, hashlib.sha256(bytes(f.data)).hexdigest()) for fmt, f in files.items()} == before[
        "files"
    ]
    assert all(stored == computed for stored, computed in before["files"].values())


def test_the_old_plan_takes_no_new_round(rolled_over, client_for):
    plan = rolled_over["plan"]
    with pytest.raises(ValidationError) as error:
        annual_round(plan, 2023)
    assert "avslutad och ersatt av" in error.value.messages[0]
    client = client_for("processledare")
    assert client.get(reverse("round-create", args=[plan.slug])).status_code == 403
    assert plan not in client.get(reverse("round-list")).context["plans"]


def test_the_old_plans_rounds_are_not_reopened(rolled_over, user):
    with pytest.raises(ValidationError) as error:
        round_reopen(round=rolled_over["round"], user=user("processledare"), reason="Sen rapport")
    assert rolled_over["round"].reports.exists()
    assert error.value.messages  # frozen or read-only: either way refused with a message


def test_the_old_plans_reports_are_not_saved_or_reopened(plan, user, client_for):
    round = annual_round(plan, 2022)
    report = submit(round, "2.1.1", MeasureStatus.IN_PROGRESS)
    round_close(round=round)
    roll_over(plan)
    with pytest.raises(ValidationError, match="planen är avslutad"):
        round_reopen(round=round, user=user("processledare"), reason="Sen rapport")
    # Even if a round of the old plan were open again (by hand in the database), the services refuse.
    FollowUpRound.objects.filter(pk=round.pk).update(status="open", closed_at=None, late_registration=True)
    report = StatusReport.objects.select_related("round__plan", "measure").get(pk=report.pk)
    with pytest.raises(RoundClosed, match="kan inte längre ändras"):
        report_save(
            report=report,
            user=user("processledare"),
            fields={name: "" for name in StatusReport.CONTENT_FIELDS},
            activity_progress={},
            expected_version=report.version,
            submit=False,
        )
    with pytest.raises(RoundClosed):
        report_reopen(report=report, user=user("processledare"))
    assert StatusReport.objects.get(pk=report.pk).state == ReportState.SUBMITTED
    response = client_for("processledare").post(reverse("report-edit", args=[report.pk]), {})
    assert response.status_code == 403


def test_the_old_plans_measures_are_not_changed_in_forms_imports_or_the_admin(plan, client_for):
    roll_over(plan)
    measure = Measure.objects.get(plan=plan, code="2.1.1")
    measure.need = "Ändrat"
    with pytest.raises(ValidationError, match="dess åtgärdsbehov kan inte ändras"):
        measure.full_clean()
    activity = Activity.objects.filter(measure=measure).first()
    with pytest.raises(ValidationError):
        activity.full_clean()
    client = client_for("admin")
    url = reverse("admin:measures_measure_change", args=[measure.pk])
    assert client.post(url, {"need": "Ändrat"}).status_code == 403
    assert Measure.objects.get(pk=measure.pk).need != "Ändrat"


def test_an_import_into_the_old_plan_is_refused_and_writes_nothing(plan):
    roll_over(plan)
    before = record_counts(plan)
    measures = tablib.Dataset(
        [plan.slug, "2.1.1", 1, "Ändrat behov"],
        [plan.slug, "9.9.1", 1, "Nytt behov"],
        headers=["plan", "code", "target_area", "need"],
    )
    activities = tablib.Dataset(
        [plan.slug, "2.1.1", 9, "Ny aktivitet"], headers=["plan", "measure", "position", "text"]
    )
    for resource, data in ((MeasureResource(), measures), (ActivityResource(), activities)):
        result = resource.import_data(data, dry_run=False)
        assert result.has_validation_errors() or result.has_errors()
        messages = " ".join(str(m) for invalid in result.invalid_rows for m in invalid.error_dict.values())
        assert "dess åtgärdsbehov kan inte ändras" in messages
    assert record_counts(plan) == before


# 5. Lineage and the year-on-year comparison ----------------------------------------------------------------


def _plan_with_rounds(plan, years):
    for year in years:
        round = annual_round(plan, year)
        submit_all(round)
        round_close(round=round)


@pytest.mark.parametrize("years", [[2021], [2019, 2020, 2021, 2022]])
def test_a_carried_measures_page_shows_its_predecessors_reports_in_constant_queries(
    plan, client_for, django_assert_max_num_queries, years
):
    _plan_with_rounds(plan, years)
    successor = roll_over(plan)
    client = client_for("processledare")
    url = reverse("measure-detail", args=[successor.slug, "2.1.1"])
    with django_assert_max_num_queries(30):
        response = client.get(url)
    lineage = response.context["lineage"]
    assert [period["plan"] for period in lineage] == [plan]
    old_reports = StatusReport.objects.filter(measure__plan=plan, measure__code="2.1.1", state="submitted")
    assert {r.pk for r in lineage[0]["reports"]} == set(old_reports.values_list("pk", flat=True))
    page = response.content.decode()
    assert "Tidigare planperioder" in page and f"Årsuppföljning {years[-1]}" in page


def test_the_lineage_reaches_back_over_two_rollovers_nearest_first(plan, client_for):
    middle = roll_over(plan, codes=["2.1.1"])
    latest = roll_over(middle, slug="tillsammans-2027", start=2027, end=2030)
    response = client_for("processledare").get(reverse("measure-detail", args=[latest.slug, "2.1.1"]))
    assert [period["plan"] for period in response.context["lineage"]] == [middle, plan]


def test_the_old_measures_page_points_to_where_it_continues(plan, client_for):
    successor = roll_over(plan, codes=["2.1.1"])
    page = (
        client_for("processledare").get(reverse("measure-detail", args=[plan.slug, "2.1.1"])).content.decode()
    )
    assert reverse("measure-detail", args=[successor.slug, "2.1.1"]) in page


def test_the_first_annual_report_after_a_rollover_compares_with_the_predecessors_last_year(plan):
    old_round = annual_round(plan, 2022)
    submit(old_round, "2.1.1", MeasureStatus.NOT_STARTED)
    submit(old_round, "2.2.1", MeasureStatus.IN_PROGRESS)
    round_close(round=old_round)
    successor = roll_over(plan)
    new_round = round_open(
        plan=successor,
        name="Årsuppföljning 2023",
        kind=RoundKind.ANNUAL,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 12, 31),
        deadline=datetime.date(2024, 1, 31),
    )
    submit(new_round, "2.1.1", MeasureStatus.IN_PROGRESS)
    submit(new_round, "2.2.1", MeasureStatus.IN_PROGRESS)
    content = assemble(
        plan=successor,
        round=new_round,
        decision_body=DecisionBody.objects.get(slug="direktionen"),
        whole_plan=True,
    )
    entries = {m["code"]: m for area in content["target_areas"] for m in area["measures"]}
    assert content["cover"]["previous_round_name"] == "Årsuppföljning 2022"
    assert (entries["2.1.1"]["previous_status"], entries["2.1.1"]["change"]) == (
        MeasureStatus.NOT_STARTED,
        "changed",
    )
    assert (entries["2.2.1"]["previous_status"], entries["2.2.1"]["change"]) == (
        MeasureStatus.IN_PROGRESS,
        "unchanged",
    )


# 6. Open data ---------------------------------------------------------------------------------------------


def test_open_data_marks_periods_predecessors_and_carried_measures(plan, client):
    successor = roll_over(plan, codes=["2.1.1"])
    new = json.loads(client.get(reverse("api-plan", args=[successor.slug])).content)
    old = json.loads(client.get(reverse("api-plan", args=[plan.slug])).content)
    assert new["plan"]["period"] == {"start": 2023, "end": 2026}
    assert (new["plan"]["predecessor"], new["plan"]["successor"]) == (plan.slug, None)
    assert (old["plan"]["predecessor"], old["plan"]["successor"]) == (None, successor.slug)
    assert new["measures"][0]["predecessor"] == {"plan": plan.slug, "code": "2.1.1"}
    assert all(m["predecessor"] is None for m in old["measures"])


def test_office_is_kept_when_carried(plan):
    """Responsibilities point at the same offices (offices belong to organisations, not to plans)."""
    successor = roll_over(plan, codes=["2.1.1"])
    offices = Office.objects.filter(responsibilities__measure__plan=successor)
    assert set(offices) == set(
        Office.objects.filter(responsibilities__measure__plan=plan, responsibilities__measure__code="2.1.1")
    )


@pytest.mark.parametrize(
    "url_name", ["plan-detail", "dashboard", "measure-list", "organisation", "meeting-list"]
)
def test_the_successors_pages_work_at_once_with_the_steering_group_carried_on(plan, client_for, url_name):
    successor = roll_over(plan)
    response = client_for("processledare").get(reverse(url_name, args=[successor.slug]))
    assert response.status_code == 200
    assert successor.steering_group.members.count() == plan.steering_group.members.count()


def test_a_measure_is_carried_over_only_from_the_plan_its_plan_succeeds(plan):
    successor = roll_over(plan, codes=["2.1.1"])
    other = ActionPlan.objects.create(
        name="Annan plan", slug="annan", implementation_start=2023, implementation_end=2024
    )
    stray = Measure(
        plan=other,
        code="2.1.1",
        target_area_id=1,
        need="Behov",
        predecessor=Measure.objects.get(plan=plan, code="2.1.3"),
    )
    with pytest.raises(ValidationError) as error:
        stray.full_clean()
    assert "bara föras över från planen som denna plan efterträder" in str(error.value)
    Measure.objects.get(plan=successor, code="2.1.1").full_clean()
