from django.conf import settings
from django.utils.functional import SimpleLazyObject

from governance import permissions, security
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
    """The time left before the idle timeout and how long before it the page warns (static/js/app.js)."""
    warning = min(settings.SESSION_EXPIRE_WARNING_SECONDS, settings.SESSION_COOKIE_AGE // 2)
    return {
        "session_idle_seconds": lambda: security.session_seconds_left(request.session),
        "session_warning_seconds": warning,
        "session_warning_minutes": max(1, round(warning / 60)),
    }
