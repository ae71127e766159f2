from django.urls import path

from governance import views

urlpatterns = [
    path("planer/<slug:slug>/oversikt/", views.dashboard, name="dashboard"),
    path("planer/<slug:slug>/organisation/", views.organisation, name="organisation"),
    path("planer/<slug:slug>/styrgrupp/moten/", views.meeting_list, name="meeting-list"),
    path("planer/<slug:slug>/styrgrupp/moten/nytt/", views.meeting_create, name="meeting-create"),
    path("planer/<slug:slug>/styrgrupp/moten/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("planer/<slug:slug>/styrgrupp/moten/<int:pk>/andra/", views.meeting_edit, name="meeting-edit"),
    path("planer/<slug:slug>/stimulansmedel/", views.stimulus_funds, name="stimulus-funds"),
    path("planer/<slug:slug>/stimulansmedel/ar/", views.stimulus_year_save, name="stimulus-year-save"),
    path(
        "planer/<slug:slug>/stimulansmedel/fordelning/",
        views.stimulus_allocation_create_view,
        name="stimulus-allocation-create",
    ),
]
