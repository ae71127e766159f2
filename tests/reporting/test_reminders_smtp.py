"""Reminders reach a real SMTP server as Swedish e-mail with a link built from SITE_URL."""

import email
import email.policy

from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from tests.reporting.conftest import open_round
from tests.servers import free_port


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=email.policy.default))
        )
        return "250 OK"


def test_reminders_are_sent_through_smtp_in_swedish_with_the_site_url(plan, settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = False
        settings.DEFAULT_FROM_EMAIL = "tillsammans@norrtalje.se"
        settings.SITE_URL = "https://tillsammans.norrtalje.se"
        open_round(plan, deadline_in_days=7)
        call_command("send_reminders", date=timezone.localdate().isoformat(), stdout=open("/dev/null", "w"))
    finally:
        controller.stop()

    recipients = {to for tos, _ in inbox.messages for to in tos}
    assert "rapportor.soc@example.invalid" in recipients
    _, message = next(m for m in inbox.messages if m[0] == ["rapportor.soc@example.invalid"])
    assert message["From"] == "tillsammans@norrtalje.se"
    assert message["Subject"].strip().startswith("Påminnelse: lägesrapporter i Årsuppföljning test")
    body = message.get_content()
    assert "De här rapporterna för din verksamhet är inte inlämnade:" in body
    assert "Rapportera här: https://tillsammans.norrtalje.se/mina-atgarder/" in body
