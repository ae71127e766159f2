from django.contrib import admin
from django.urls import include, path

from governance import permissions

admin.site.site_header = "Tillsammans – administration"
admin.site.site_title = "Tillsammans"
admin.site.index_title = "Administration av handlingsplaner och uppföljning"
# One rule for entering the admin, shared with the navigation's admin link.
admin.site.has_permission = lambda request: permissions.can_use_admin(request.user)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("plan.urls")),
    path("", include("reporting.public_urls")),  # before measures.urls: /planer/<slug>/ (issue 13)
    path("", include("measures.urls")),
    path("", include("reporting.urls")),
]
