"""URLs of the contingency plan for key workers (B7)."""

from django.urls import path

from joinedup.contingency import views

app_name = "contingency"
urlpatterns = [
    path("cover/", views.cover_list, name="cover-list"),
    path("cover/children/", views.children_covered, name="children-covered"),
    path("cover/<uuid:practitioner_id>/", views.cover_set, name="cover-set"),
    path("cover/<uuid:practitioner_id>/inactive/", views.mark_inactive, name="mark-inactive"),
    path("cover/<uuid:practitioner_id>/active/", views.mark_active, name="mark-active"),
]
