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
from plan.models import ActionPlan


def home(request):
    """The steering group and the process leader start at the dashboard; reporters at their measures."""
    plan = ActionPlan.objects.current().first()
    user = request.user
    if plan and (permissions.is_process_leader(user) or permissions.is_steering_group_member(user)):
        return redirect("dashboard", slug=plan.slug)
    return redirect("my-measures")


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
