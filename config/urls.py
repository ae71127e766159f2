from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from governance import permissions

admin.site.site_header = _("Tillsammans – administration")
admin.site.site_title = "Tillsammans"
admin.site.index_title = _("Administration av handlingsplaner och uppföljning")
# One rule for entering the admin, shared with the navigation's admin link.
admin.site.has_permission = lambda request: permissions.can_use_admin(request.user)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sprak/", login_not_required(set_language), name="set_language"),  # the language switcher
    path("", include("plan.urls")),
    path("", include("reporting.public_urls")),  # before measures.urls: /planer/<slug>/ (issue 13)
    path("", include("measures.urls")),
    path("", include("reporting.urls")),
]
