from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from governance import permissions, security
from governance.models import CoordinatorPost, ImplementationTeamMember, Network, SteeringGroup
from governance.plan_access import last_plan_slug
from plan.context_processors import start_plan
from plan.models import ActionPlan


def home(request):
    """The steering group and the process leader start at the dashboard of the plan they used last;
    with several plans and none used yet, they pick one first. Reporters start at their measures."""
    user = request.user
    plans = list(ActionPlan.objects.current_for(user))
    last = last_plan_slug(request)
    if len(plans) > 1 and not any(p.slug == last for p in plans):
        return redirect("plan-choice")
    plan = start_plan(request, plans)
    if plan and "dashboard" in permissions.navigation_for(user):
        return redirect("dashboard", slug=plan.slug)
    return redirect("my-measures")


@require_GET
def plan_choice(request):
    """For users of more than one plan (a region, or a plan and its successor): which plan to open."""
    return render(request, "plan/plan_choice.html", {"plans": ActionPlan.objects.current_for(request.user)})


@login_not_required
def accessibility(request):
    return render(request, "plan/accessibility.html", {"statement": settings.ACCESSIBILITY})


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers and every migration is applied, else 503."""
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    if pending:
        return JsonResponse({"status": "error", "migrations_pending": len(pending)}, status=503)
    return JsonResponse({"status": "ok"})


@require_POST
def keep_alive(request):
    """'Stay logged in': renews the session now, whenever it was last renewed."""
    security.renew_session(request.session)
    return HttpResponse(status=204)


def organisation(request, slug):
    """Chapter 3 of the plan: who steers, who implements, who coordinates, which networks."""
    plan = get_object_or_404(
        ActionPlan.objects.prefetch_related(
            Prefetch(
                "implementation_team",
                queryset=ImplementationTeamMember.objects.select_related("office", "department").order_by(
                    "position"
                ),
            ),
            Prefetch("coordinator_posts", queryset=CoordinatorPost.objects.select_related("office", "user")),
        ),
        slug=slug,
    )
    steering_group = SteeringGroup.objects.filter(plan=plan).first()
    members = (
        list(steering_group.members.select_related("office", "department", "user")) if steering_group else []
    )
    networks = {}
    for network in Network.objects.all():
        networks.setdefault(network.get_kind_display(), []).append(network)
    return render(
        request,
        "plan/organisation.html",
        {
            "plan": plan,
            "steering_group": steering_group,
            "members": members,
            "team": plan.implementation_team.all(),
            "coordinator_posts": plan.coordinator_posts.all(),
            "networks": list(networks.items()),
            "nav": "organisation",
        },
    )
