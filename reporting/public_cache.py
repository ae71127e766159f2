"""Caching of the public pages for anonymous visitors (issue 13).

Pages live in their own database cache ("public", shared by every app server); a hit is one query. Any
change that can alter a public page (plan content, a round closing or reopening, a report text made
public, an annual report published) empties that cache: such changes are rare, pages are cheap to rebuild.
The CSRF token of the language switcher is renewed on every hit, so a cached page never hands one
visitor's token to another.
"""

import hashlib
import re
from functools import wraps

from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

PUBLIC_CACHE = "public"
TIMEOUT = 60 * 60 * 24
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def public_cache():
    return caches[PUBLIC_CACHE]


def invalidate(**kwargs) -> None:
    public_cache().clear()


def page_key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{get_language()}:{path}"


def cached_public_page(view):
    """Serves an anonymous GET from the public cache, storing successful pages on a miss."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = page_key(request)
        entry = public_cache().get(key)
        if entry is not None:
            content, content_type = entry
            token = get_token(request).encode()
            response = HttpResponse(
                CSRF_INPUT.sub(rb"\g<1>" + token + rb"\g<2>", content), content_type=content_type
            )
            response["X-Public-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming:
                public_cache().set(key, (response.content, response["Content-Type"]), TIMEOUT)
            response["X-Public-Cache"] = "miss"
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    return wrapper


def connect_invalidation() -> None:
    """Called from ReportingConfig.ready(): every model whose change can alter a public page."""
    from governance.models import Office
    from measures.models import Activity, ExpectedResult, Measure, Responsibility
    from plan.models import ActionPlan, TargetArea
    from reporting.models import AnnualReport, FollowUpRound, StatusReport

    for model in (
        ActionPlan,
        TargetArea,
        Activity,
        ExpectedResult,
        Responsibility,
        Office,
        FollowUpRound,
        AnnualReport,
    ):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"public-cache-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"public-cache-delete-{model.__name__}")
    post_save.connect(_measure_saved, sender=Measure, dispatch_uid="public-cache-save-Measure")
    post_delete.connect(invalidate, sender=Measure, dispatch_uid="public-cache-delete-Measure")
    post_save.connect(_report_saved, sender=StatusReport, dispatch_uid="public-cache-save-StatusReport")
    m2m_changed.connect(
        invalidate, sender=Measure.intervention_levels.through, dispatch_uid="public-cache-m2m"
    )


# The current status a report submission sets is not on the public pages (only closed rounds are).
CURRENT_STATUS_FIELDS = {"status", "traffic_light", "plan_status", "plan_traffic_light"}


def _measure_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or not set(update_fields) <= CURRENT_STATUS_FIELDS:
        invalidate()


def _report_saved(sender, instance, **kwargs):
    """Reports in open rounds are not public; a closed round's report changes only by the process leader."""
    from measures.status import RoundStatus
    from reporting.models import FollowUpRound

    round = instance._state.fields_cache.get("round")
    closed = (
        round.status == RoundStatus.CLOSED
        if round is not None
        else FollowUpRound.objects.filter(pk=instance.round_id, status=RoundStatus.CLOSED).exists()
    )
    if closed:
        invalidate()
