"""Each plan's pages belong to the people of the plan's organisations (permissions.can_open_plan).

One gate for every address under /planer/<slug>/ that needs a login, so that no view can forget it;
views addressed by an object's number (a report, a round, an annual report) ask can_open_plan of the
object's plan themselves.
"""

from django.conf import settings
from django.http import Http404

from governance import permissions

LAST_PLAN = "tillsammans_plan"


class PlanAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        slug = getattr(request, "_tillsammans_plan", None)
        if slug and response.status_code == 200 and request.COOKIES.get(LAST_PLAN) != slug:
            # A cookie, not the session: remembering the plan costs no database write.
            response.set_cookie(
                LAST_PLAN,
                slug,
                max_age=365 * 24 * 3600,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("slug")
        if slug is None or not request.path.startswith("/planer/") or not request.user.is_authenticated:
            return None
        if not permissions.can_open_plan_slug(request.user, slug):
            if getattr(view_func, "login_required", True):
                raise Http404
            return None  # a public page answers as it does for anyone
        request._tillsammans_plan = slug
        return None


def last_plan_slug(request) -> str | None:
    """The plan the user opened last (the start page takes them back to it)."""
    return request.COOKIES.get(LAST_PLAN)


def require_plan(request, plan) -> None:
    """For a view addressed by an object's number: 404 unless the user may open the object's plan."""
    if not permissions.can_open_plan(request.user, plan):
        raise Http404
