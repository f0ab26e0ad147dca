"""URLs of the family view."""

from django.urls import path

from joinedup.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("children/<uuid:child_id>/", views.child, name="child"),
]
