"""URLs of allocation."""

from django.urls import path

from joinedup.allocation import views

app_name = "allocation"
urlpatterns = [path("children/<uuid:child_id>/allocation/", views.child_allocate, name="child-allocate")]
