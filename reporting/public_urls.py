"""The public pages (issue 13), under the plan's address. Included before measures.urls so that
/planer/<slug>/ answers anonymous visitors of a published plan."""

from django.urls import path

from reporting import public_views

urlpatterns = [
    path("planer/<slug:slug>/", public_views.plan_page, name="plan-detail"),
    path("planer/<slug:slug>/offentlig/", public_views.public_plan_preview, name="public-plan"),
    path(
        "planer/<slug:slug>/malomraden/<int:number>/",
        public_views.public_target_area,
        name="public-target-area",
    ),
    path(
        "planer/<slug:slug>/verksamheter/<str:abbreviation>/",
        public_views.public_office,
        name="public-office",
    ),
    path("planer/<slug:slug>/atgardsbehov/<str:code>/", public_views.public_measure, name="public-measure"),
    path("planer/<slug:slug>/oppna-data/", public_views.public_open_data, name="public-open-data"),
    path(
        "planer/<slug:slug>/oppna-data/<str:dataset>.<str:format>",
        public_views.public_download,
        name="public-download",
    ),
    path(
        "planer/<slug:slug>/arsrapporter/<int:pk>.pdf",
        public_views.public_annual_report_pdf,
        name="public-annual-report-pdf",
    ),
    path(
        "rapporter/<int:pk>/offentlig-text/",
        public_views.report_deviations_public,
        name="report-deviations-public",
    ),
    path(
        "arsrapporter/<int:pk>/publicera/", public_views.annual_report_publish, name="annual-report-publish"
    ),
]
