"""Rollover: a plan's period ends and its successor carries on from it.

`rollover_preview()` says what a rollover would carry; `plan_rollover()` creates, in one transaction, the
successor plan with the chosen measures (activities, expected results, responsibilities, positions kept),
each linked to the measure it came from. The old plan becomes read-only (ActionPlan.is_read_only): its
rounds, reports, history and frozen annual reports are not touched. Callers check
governance.permissions.can_roll_over_plan first.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from governance.models import CoordinatorPost, ImplementationTeamMember, SteeringGroup
from measures.models import Activity, ExpectedResult, Measure, Responsibility
from measures.status import MeasureStatus
from plan.models import ActionPlan
from reporting.models import FollowUpRound, StatusReport


def is_carryable(measure: Measure) -> bool:
    """A measure that is done or has moved into ordinary work (övergått i ordinarie verksamhet) stays in
    the old plan; every other measure may be carried over."""
    return measure.status not in MeasureStatus.closed()


def rollover_measures(plan: ActionPlan) -> list[Measure]:
    """The old plan's measures in plan order, each with `carryable` set and its offices loaded."""
    measures = list(
        Measure.objects.for_plan(plan)
        .select_related("target_area")
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("office").order_by("position"),
                to_attr="ordered_responsibilities",
            )
        )
        .order_by("sort_key")
    )
    for measure in measures:
        measure.carryable = is_carryable(measure)
    return measures


def suggested_successor(plan: ActionPlan) -> dict:
    """Name, slug and period the preview starts from: the same name, the next period of the same length."""
    length = plan.implementation_end - plan.implementation_start
    start = plan.implementation_end + 1
    return {
        "name": plan.name,
        "slug": f"{plan.slug}-{start}"[:100],
        "implementation_start": start,
        "implementation_end": start + length,
    }


def validate_rollover(*, plan: ActionPlan, slug: str, start: int, end: int, measures: list[Measure]) -> None:
    """Every reason a rollover cannot be made, as Swedish messages in one ValidationError."""
    errors = []
    if plan.is_read_only:
        errors.append(
            _("Planen %(plan)s har redan en efterföljare: %(successor)s.")
            % {"plan": plan.name, "successor": plan.successor.name}
        )
    if FollowUpRound.objects.filter(plan=plan).open().exists():
        errors.append(
            _("Stäng planens öppna uppföljningsomgångar först; den gamla planen blir skrivskyddad.")
        )
    if end < start:
        errors.append(
            _("Planperioden kan inte sluta (%(end)s) innan den börjar (%(start)s).")
            % {"start": start, "end": end}
        )
    if start <= plan.implementation_end:
        errors.append(
            _("Den nya planperioden måste börja efter den förra planens sista år (%(end)s).")
            % {"end": plan.implementation_end}
        )
    if ActionPlan.objects.filter(slug=slug).exists():
        errors.append(_("Kortkoden ”%(slug)s” används redan av en annan plan.") % {"slug": slug})
    for measure in measures:
        if measure.plan_id != plan.pk:
            errors.append(_("Åtgärdsbehov %(code)s hör inte till planen.") % {"code": measure.code})
        elif not is_carryable(measure):
            errors.append(
                _("Åtgärdsbehov %(code)s är avslutat (%(status)s) och stannar i den gamla planen.")
                % {"code": measure.code, "status": measure.get_status_display()}
            )
    if errors:
        raise ValidationError(errors, code="rollover")


def plan_rollover(
    *, plan: ActionPlan, name: str, slug: str, start: int, end: int, measure_ids, user=None
) -> ActionPlan:
    """Creates the successor plan and carries the chosen measures over, all or nothing."""
    try:
        with transaction.atomic():
            plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
            measures = list(
                Measure.objects.filter(pk__in=list(measure_ids))
                .select_related("plan")
                .prefetch_related("activities", "expected_results", "responsibilities", "intervention_levels")
                .order_by("sort_key")
            )
            if len(measures) != len(set(measure_ids)):
                raise ValidationError(_("Ett av de valda åtgärdsbehoven finns inte."), code="unknown_measure")
            validate_rollover(plan=plan, slug=slug, start=start, end=end, measures=measures)
            successor = _successor_plan(plan, name=name, slug=slug, start=start, end=end, user=user)
            for measure in measures:
                _carry_measure(measure, successor, user)
            plan.status = ActionPlan.Status.CLOSED
            plan._history_user = user
            plan.save(update_fields=["status"])
    except IntegrityError:
        raise ValidationError(
            _("Planen rullades inte över: någon annan hann göra det, eller kortkoden togs under tiden."),
            code="concurrent_rollover",
        ) from None
    return successor


def _save(instance, user):
    instance._history_user = user
    instance.save()
    return instance


def _successor_plan(plan, *, name, slug, start, end, user) -> ActionPlan:
    successor = ActionPlan(
        name=name,
        subtitle=plan.subtitle,
        slug=slug,
        implementation_start=start,
        implementation_end=end,
        purpose=plan.purpose,
        target_group=plan.target_group,
        follow_up=plan.follow_up,
        status=ActionPlan.Status.ADOPTED,
        predecessor=plan,
    )
    successor.full_clean(validate_unique=False)
    _save(successor, user)
    successor.organisations.set(plan.organisations.all())
    # Who steers and implements carries on too, so the successor's steering-group pages work at once.
    group = SteeringGroup.objects.filter(plan=plan).first()
    if group is not None:
        members = list(group.members.all())
        new_group = _save(SteeringGroup(plan=successor, name=group.name, mandate=group.mandate), user)
        for member in members:
            member.pk, member.id, member.steering_group = None, None, new_group
            _save(member, user)
    for seat in ImplementationTeamMember.objects.filter(plan=plan):
        seat.pk, seat.id, seat.plan = None, None, successor
        _save(seat, user)
    for post in CoordinatorPost.objects.filter(plan=plan):
        post.pk, post.id, post.plan = None, None, successor
        _save(post, user)
    return successor


def _carry_measure(old: Measure, successor: ActionPlan, user) -> Measure:
    """The measure as it stands now becomes the successor's starting point: same number, need, target
    area (the eight national areas are shared by every plan), status and light."""
    new = _save(
        Measure(
            plan=successor,
            code=old.code,
            target_area_id=old.target_area_id,
            need=old.need,
            status=old.status,
            traffic_light=old.traffic_light,
            status_note=old.status_note,
            is_active=True,
            predecessor=old,
        ),
        user,
    )
    new.intervention_levels.set(old.intervention_levels.all())
    for activity in old.activities.all():
        _save(
            Activity(measure=new, position=activity.position, text=activity.text, status=activity.status),
            user,
        )
    for result in old.expected_results.all():
        _save(ExpectedResult(measure=new, position=result.position, text=result.text), user)
    for responsibility in old.responsibilities.all():
        _save(
            Responsibility(measure=new, office_id=responsibility.office_id, position=responsibility.position),
            user,
        )
    return new


def measure_lineage(measure: Measure) -> list[dict]:
    """The measures this one was carried over from, nearest first, each with its plan, its last status and
    its submitted reports (latest round first). One query per earlier plan period plus one for all reports,
    whatever the number of reports."""
    chain = []
    predecessor_id = measure.predecessor_id
    while predecessor_id is not None and len(chain) < 50:
        earlier = Measure.objects.select_related("plan").get(pk=predecessor_id)
        chain.append(earlier)
        predecessor_id = earlier.predecessor_id
    if not chain:
        return []
    reports: dict[int, list] = {}
    for report in (
        StatusReport.objects.filter(measure__in=[m.pk for m in chain])
        .submitted()
        .select_related("round", "office")
        .order_by(*FollowUpRound.latest_first("round__"), "-is_lead", "office__abbreviation")
    ):
        reports.setdefault(report.measure_id, []).append(report)
    return [{"measure": m, "plan": m.plan, "reports": reports.get(m.pk, [])} for m in chain]
