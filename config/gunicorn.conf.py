"""gunicorn settings for `make serve` and the systemd unit (deploy/tillsammans.service).

Reads HOST, PORT and WEB_CONCURRENCY; everything else comes from Django's own environment variables.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = f"{os.getenv('HOST', '127.0.0.1')}:{os.getenv('PORT', '8000')}"
# Sync workers: (2 × cores) + 1 is gunicorn's advice; capped so a big VM does not open too many
# database connections per app server.
workers = int(os.getenv("WEB_CONCURRENCY", str(min(2 * multiprocessing.cpu_count() + 1, 9))))
# An annual-report PDF takes a few seconds to render; leave room for a large plan.
timeout = int(os.getenv("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# Only the local proxy (nginx) may set X-Forwarded-* headers.
forwarded_allow_ips = os.getenv("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
# No request line carries a password (logins are POSTed), so the access log is safe to keep.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
