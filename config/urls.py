from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Tillsammans – administration"
admin.site.site_title = "Tillsammans"
admin.site.index_title = "Administration av handlingsplaner och uppföljning"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("plan.urls")),
    path("", include("measures.urls")),
    path("", include("reporting.urls")),
]
