"""URLs of the area's figures and monthly performance."""

from django.urls import path

from joinedup.insight import views

app_name = "insight"
urlpatterns = [
    path("", views.area_figures, name="area-figures"),
    path("performance/", views.monthly_performance, name="monthly-performance"),
]
