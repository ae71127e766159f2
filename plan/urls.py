from django.urls import path

from plan import views

urlpatterns = [
    path("", views.home, name="home"),
    path("api/plans.json", views.api_plans, name="api-plans"),
    path("api/plans/<slug:slug>.json", views.api_plan, name="api-plan"),
]
