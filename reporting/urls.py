from django.urls import path

from reporting import annual_views, measure_views, own_words_views, rollover_views, steering_views, views

urlpatterns = [
    path("planer/<slug:slug>/oversikt/", views.dashboard, name="dashboard"),
    path("planer/<slug:slug>/atgarder/", measure_views.measure_list, name="measure-list"),
    path("planer/<slug:slug>/atgarder/<str:code>/", measure_views.measure_detail, name="measure-detail"),
    path("planer/<slug:slug>/styrgrupp/moten/", steering_views.meeting_list, name="meeting-list"),
    path("planer/<slug:slug>/styrgrupp/moten/nytt/", steering_views.meeting_create, name="meeting-create"),
    path("planer/<slug:slug>/styrgrupp/moten/<int:pk>/", steering_views.meeting_detail, name="meeting-detail"),
    path(
        "planer/<slug:slug>/styrgrupp/moten/<int:pk>/andra/", steering_views.meeting_edit, name="meeting-edit"
    ),
    path("planer/<slug:slug>/stimulansmedel/", steering_views.stimulus_funds, name="stimulus-funds"),
    path(
        "planer/<slug:slug>/stimulansmedel/ar/", steering_views.stimulus_year_save, name="stimulus-year-save"
    ),
    path(
        "planer/<slug:slug>/stimulansmedel/fordelning/",
        steering_views.stimulus_allocation_create_view,
        name="stimulus-allocation-create",
    ),
    path("region/", views.region, name="region"),
    path("mina-atgarder/", views.my_measures, name="my-measures"),
    path("rapporter/<int:pk>/", views.report_edit, name="report-edit"),
    path("rapporter/<int:pk>/oppna-igen/", views.report_reopen_view, name="report-reopen"),
    path("uppfoljning/", views.round_list, name="round-list"),
    path("uppfoljning/<int:pk>/", views.round_detail, name="round-detail"),
    path("uppfoljning/<int:pk>/stang/", views.round_close_view, name="round-close"),
    path("uppfoljning/<int:pk>/oppna-igen/", views.round_reopen_view, name="round-reopen"),
    path("planer/<slug:slug>/uppfoljning/ny/", views.round_create, name="round-create"),
    path("planer/<slug:slug>/ny-planperiod/", rollover_views.plan_rollover_view, name="plan-rollover"),
    path("planer/<slug:slug>/arsrapport/", annual_views.annual_report_form, name="annual-report"),
    path(
        "planer/<slug:slug>/arsrapport/forhandsvisning/",
        annual_views.annual_report_preview,
        name="annual-report-preview",
    ),
    path(
        "planer/<slug:slug>/arsrapport/pdf/",
        annual_views.annual_report_download,
        {"format": "pdf"},
        name="annual-report-pdf",
    ),
    path(
        "planer/<slug:slug>/arsrapport/word/",
        annual_views.annual_report_download,
        {"format": "docx"},
        name="annual-report-docx",
    ),
    path(
        "planer/<slug:slug>/arsrapport/excel/",
        annual_views.annual_report_download,
        {"format": "xlsx"},
        name="annual-report-xlsx",
    ),
    path(
        "planer/<slug:slug>/arsrapport/faststall/",
        annual_views.annual_report_freeze_view,
        name="annual-report-freeze",
    ),
    path(
        "planer/<slug:slug>/arsrapport/analys/",
        own_words_views.annual_report_own_words,
        name="annual-report-own-words",
    ),
    path(
        "planer/<slug:slug>/arsrapport/faststallda/",
        annual_views.annual_report_list,
        name="annual-report-list",
    ),
    path("arsrapporter/faststall/<int:pk>/", annual_views.annual_report_job, name="annual-report-job"),
    path(
        "arsrapporter/faststall/<int:pk>/status/",
        annual_views.annual_report_job_status,
        name="annual-report-job-status",
    ),
    path(
        "arsrapporter/faststall/<int:pk>/forsok-igen/",
        annual_views.annual_report_job_retry,
        name="annual-report-job-retry",
    ),
    path(
        "arsrapporter/nedladdning/<int:pk>/",
        annual_views.annual_report_download_job,
        name="annual-report-download-job",
    ),
    path(
        "arsrapporter/nedladdning/<int:pk>/status/",
        annual_views.annual_report_download_status,
        name="annual-report-download-status",
    ),
    path(
        "arsrapporter/nedladdning/<int:pk>/fil/",
        annual_views.annual_report_download_file,
        name="annual-report-download-file",
    ),
    path("arsrapporter/<int:pk>/", annual_views.annual_report_detail, name="annual-report-detail"),
    path(
        "arsrapporter/<int:pk>/<str:format>/",
        annual_views.annual_report_frozen_file,
        name="annual-report-frozen-file",
    ),
]
