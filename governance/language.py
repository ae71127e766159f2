"""The interface language (issue 13): Swedish unless the visitor chose English with the language switcher.

Only the cookie set by Django's set_language decides; the browser's Accept-Language does not, so Swedish
stays the default for everyone and Swedish URLs stay unprefixed.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def chosen_language(request) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
