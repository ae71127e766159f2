from django.urls import path

from measures import indicator_views, views

urlpatterns = [
    path("planer/<slug:slug>/", views.plan_detail, name="plan-detail"),
    path("api/plans.json", views.api_plans, name="api-plans"),
    path("api/plans/<slug:slug>.json", views.api_plan, name="api-plan"),
    path(
        "api/plans/<slug:slug>/indicators.csv",
        indicator_views.api_plan_indicators_csv,
        name="api-plan-indicators",
    ),
    path("planer/<slug:slug>/indikatorer/", indicator_views.indicator_list, name="indicator-list"),
    path("planer/<slug:slug>/indikatorer/import/", indicator_views.indicator_import, name="indicator-import"),
]
