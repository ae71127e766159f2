from django.contrib.auth import views as auth_views
from django.urls import path

from plan import views

urlpatterns = [
    path("", views.home, name="home"),
    path("konto/logga-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/stanna-inloggad/", views.keep_alive, name="keep-alive"),
    path("valj-plan/", views.plan_choice, name="plan-choice"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    path("planer/<slug:slug>/organisation/", views.organisation, name="organisation"),
]
