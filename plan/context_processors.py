from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from governance import permissions, security
from governance.plan_access import last_plan_slug
from plan.models import ActionPlan

# Navigation key -> label, URL name, whether the URL takes the plan's slug. Who gets which link is decided
# by permissions.navigation_for; the admin link has its own line in base.html.
NAV_LINKS = {
    "my-measures": (_("Mina åtgärder"), "my-measures", False),
    "region": (_("Regionen"), "region", False),
    "plan": (_("Planen"), "plan-detail", True),
    "dashboard": (_("Översikt"), "dashboard", True),
    "measure-list": (_("Åtgärdslista"), "measure-list", True),
    "organisation": (_("Organisation"), "organisation", True),
    "meetings": (_("Styrgruppsmöten"), "meeting-list", True),
    "stimulus": (_("Stimulansmedel"), "stimulus-funds", True),
    "rounds": (_("Uppföljningsomgångar"), "round-list", False),
    "annual-report": (_("Årsrapport"), "annual-report", True),
}


def nav_links(user, plan) -> list[dict]:
    links = []
    for key in permissions.navigation_for(user):
        if key not in NAV_LINKS:
            continue
        label, url_name, per_plan = NAV_LINKS[key]
        if per_plan and not plan:
            continue
        url = reverse(url_name, args=[plan.slug] if per_plan else [])
        links.append({"key": key, "label": label, "url": url})
    return links


def navigation_plan(context):
    """The plan the navigation links to: the page's own plan when it has a published one (no query),
    else the main plan."""
    plan = context.get("plan")
    if isinstance(plan, ActionPlan) and plan.status != ActionPlan.Status.DRAFT:
        return plan
    return context.get("main_plan")


def start_plan(request, plans=None) -> ActionPlan | None:
    """The plan the user used last if they may still open it, else their only (or first) plan; `plans`:
    the user's current plans where the caller has them already."""
    plans = list(ActionPlan.objects.current_for(request.user)) if plans is None else plans
    last = last_plan_slug(request)
    return next((p for p in plans if p.slug == last), plans[0] if plans else None)


def roles(request):
    """Role flags, the navigation and the main plan; evaluated only when a template uses them."""
    user = request.user
    main_plan = SimpleLazyObject(lambda: start_plan(request))
    return {
        "is_process_leader": lambda: permissions.is_process_leader(user),
        "can_record_meetings": lambda: permissions.can_record_meetings(user),
        "can_use_admin": lambda: permissions.can_use_admin(user),
        "main_plan": main_plan,
    }


def session(request):
    """The time left before the idle timeout and how long before it the page warns (static/js/app.js)."""
    warning = min(settings.SESSION_EXPIRE_WARNING_SECONDS, settings.SESSION_COOKIE_AGE // 2)
    return {
        "session_idle_seconds": lambda: security.session_seconds_left(request.session),
        "session_warning_seconds": warning,
        "session_warning_minutes": max(1, round(warning / 60)),
    }
