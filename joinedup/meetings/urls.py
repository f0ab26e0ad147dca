"""URLs of meetings on the child's record (B5)."""

from django.urls import path

from joinedup.meetings import views

app_name = "meetings"
_one = "children/<uuid:child_id>/meetings/<uuid:meeting_id>/"
urlpatterns = [
    path("children/<uuid:child_id>/meetings/", views.meeting_list, name="meeting-list"),
    path("children/<uuid:child_id>/meetings/new/", views.meeting_schedule, name="meeting-schedule"),
    path(_one, views.meeting_detail, name="meeting-detail"),
    path(f"{_one}move/", views.meeting_move, name="meeting-move"),
    path(f"{_one}cancel/", views.meeting_cancel, name="meeting-cancel"),
    path(f"{_one}minutes/", views.meeting_minutes, name="meeting-minutes"),
    path(f"{_one}replies/", views.meeting_responses, name="meeting-responses"),
]
