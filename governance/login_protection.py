"""Brute-force protection around login (django-axes): whose attempts count, and what a locked-out person sees."""

from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str:
    """REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front the address the outermost one saw.

    Only the entries our own proxies appended to X-Forwarded-For are trusted: a client can put
    anything at its start.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()
    ]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """The Swedish lockout page (429), saying how long to wait."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/lockout.html", {"cooloff_minutes": minutes}, status=429)
