from django.urls import path

from measures import views

urlpatterns = [
    path("planer/<slug:slug>/atgarder/", views.measure_list, name="measure-list"),
    path("planer/<slug:slug>/atgarder/<str:code>/", views.measure_detail, name="measure-detail"),
]
