"""URLs of the duty engine's pages: worklists, recording a duty done, agreeing a cadence."""

from django.urls import path

from joinedup.duties import views

app_name = "duties"
urlpatterns = [
    path("duties/", views.due_this_week, name="due-this-week"),
    path("duties/team/", views.team_overdue, name="team-overdue"),
    path("children/<uuid:child_id>/duties/<uuid:duty_id>/done/", views.duty_done, name="duty-done"),
    path("children/<uuid:child_id>/duties/cadence/", views.cadence_agree, name="cadence-agree"),
]
