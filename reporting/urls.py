from django.urls import path

from reporting import views

urlpatterns = [
    path("mina-atgarder/", views.my_measures, name="my-measures"),
    path("rapporter/<int:pk>/", views.report_edit, name="report-edit"),
    path("rapporter/<int:pk>/oppna-igen/", views.report_reopen_view, name="report-reopen"),
    path("uppfoljning/", views.round_list, name="round-list"),
    path("uppfoljning/<int:pk>/", views.round_detail, name="round-detail"),
    path("uppfoljning/<int:pk>/stang/", views.round_close_view, name="round-close"),
    path("planer/<slug:slug>/uppfoljning/ny/", views.round_create, name="round-create"),
]
