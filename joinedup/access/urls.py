"""URLs of emergency access."""

from django.urls import path

from joinedup.access import views

app_name = "access"
urlpatterns = [path("emergency/", views.break_glass, name="break-glass")]
