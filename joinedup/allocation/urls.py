"""URLs of allocation: the allocation screen, and the hubs' settings."""

from django.urls import path

from joinedup.allocation import views

app_name = "allocation"
urlpatterns = [
    path("children/<uuid:child_id>/allocation/", views.child_allocate, name="child-allocate"),
    path("hubs/", views.hub_list, name="hub-list"),
    path("hubs/<uuid:hub_id>/", views.hub_edit, name="hub-edit"),
]
