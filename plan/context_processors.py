from django.conf import settings
from django.utils.functional import SimpleLazyObject

from governance import permissions
from plan.models import ActionPlan


def roles(request):
    """Role flags and the main plan for the navigation; evaluated only when a template uses them."""
    user = request.user
    return {
        "is_process_leader": lambda: permissions.is_process_leader(user),
        "can_use_admin": lambda: permissions.can_use_admin(user),
        "can_record_meetings": lambda: permissions.can_record_meetings(user),
        "main_plan": SimpleLazyObject(lambda: ActionPlan.objects.public().first()),
    }


def session(request):
    """The idle timeout and how long before it the page warns (static/js/app.js)."""
    idle = settings.SESSION_COOKIE_AGE
    warning = min(settings.SESSION_EXPIRE_WARNING_SECONDS, idle // 2)
    return {
        "session_idle_seconds": idle,
        "session_warning_seconds": warning,
        "session_warning_minutes": max(1, round(warning / 60)),
    }
