"""The `security` log: failed logins, lockouts and refused data-changing requests, never a password."""

import logging
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

logger = logging.getLogger("security")

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def client(request) -> str:
    """The address the request came from; behind a proxy also what it says it forwarded for."""
    if request is None:
        return "-"
    address = request.META.get("REMOTE_ADDR", "-")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    return f"{address} (forwarded for {forwarded})" if forwarded else address


def log_login_failed(sender, credentials, request=None, **kwargs):
    logger.warning("login failed: username=%r from %s", credentials.get("username", ""), client(request))


def log_logged_out(sender, request, user, **kwargs):
    logger.info("logout: username=%r from %s", getattr(user, "username", None), client(request))


def log_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    logger.warning("locked out: username=%r from %s", username, ip_address or client(request))


def connect_signals():
    user_logged_in.connect(mark_session_renewed, dispatch_uid="security-session-renewed")
    user_login_failed.connect(log_login_failed, dispatch_uid="security-login-failed")
    user_logged_out.connect(log_logged_out, dispatch_uid="security-logged-out")
    try:
        from axes.signals import user_locked_out
    except ImportError:  # django-axes not installed
        return
    user_locked_out.connect(log_locked_out, dispatch_uid="security-locked-out")


class RefusedRequestLogMiddleware:
    """Logs every 403 answer to a request that would change data (permission or CSRF refusal)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403 and request.method not in SAFE_METHODS:
            user = getattr(request, "user", None)
            logger.warning(
                "refused: %s %s by username=%r from %s",
                request.method,
                request.path,
                user.get_username() if user is not None and user.is_authenticated else None,
                client(request),
            )
        return response


# Idle timeout: a session lives SESSION_COOKIE_AGE seconds after its last renewal. Activity renews it at
# most once a minute (one database write a minute, not one per request); "Stanna inloggad" always does.
RENEWED = "_session_renewed_at"
RENEW_AFTER_SECONDS = 60


def renew_session(session) -> None:
    session[RENEWED] = int(time.time())  # modified: SessionMiddleware saves it with a fresh expiry


def mark_session_renewed(sender, request, user, **kwargs):
    renew_session(request.session)


def session_seconds_left(session) -> int:
    renewed = session.get(RENEWED) or int(time.time())
    return max(0, renewed + settings.SESSION_COOKIE_AGE - int(time.time()))


class SessionRenewalMiddleware:
    """Renews a logged-in user's session on activity (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            renewed = request.session.get(RENEWED, 0)
            if time.time() - renewed >= RENEW_AFTER_SECONDS:
                renew_session(request.session)
        return self.get_response(request)
