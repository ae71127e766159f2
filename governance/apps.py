from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Organisation och styrning")

    def ready(self):
        from governance import security

        security.connect_signals()
