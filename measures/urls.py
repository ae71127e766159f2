from django.urls import path

from measures import views

urlpatterns = [
    path("planer/<slug:slug>/", views.plan_detail, name="plan-detail"),
    path("api/plans.json", views.api_plans, name="api-plans"),
    path("api/plans/<slug:slug>.json", views.api_plan, name="api-plan"),
]
