"""URLs of the interagency team."""

from django.urls import path

from joinedup.teams import views

app_name = "teams"
urlpatterns = [
    path("children/<uuid:child_id>/team/add/", views.team_member_add, name="team-member-add"),
    path("children/<uuid:child_id>/team/<uuid:membership_id>/end/", views.team_member_end, name="team-member-end"),
    path("children/<uuid:child_id>/key-worker/", views.key_worker_assign, name="key-worker-assign"),
    path("children/<uuid:child_id>/key-working/", views.key_working_level, name="key-working-level"),
    path("unmet-needs/", views.unmet_needs, name="unmet-needs"),
    path("without-key-worker/", views.without_key_worker, name="without-key-worker"),
]
