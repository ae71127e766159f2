from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def only_translations_editable() -> None:
    """Forms (the admin's) edit the Swedish original field and the English translation (need_en), never
    the virtual copy of the original (need_sv) or the fallback (need_i18n), which would overwrite it."""
    from django.apps import apps
    from modeltrans.conf import get_default_language
    from modeltrans.fields import TranslatedVirtualField

    for model in apps.get_models():
        for field in model._meta.private_fields:
            if isinstance(field, TranslatedVirtualField) and field.language in (None, get_default_language()):
                field.editable = False


class PlanConfig(AppConfig):
    name = "plan"
    verbose_name = _("Handlingsplaner")

    def ready(self):
        only_translations_editable()
