"""URLs of disagreements (B9) and shared knowledge (B10)."""

from django.urls import path

from joinedup.disagreements import views

app_name = "disagreements"
_one = "children/<uuid:child_id>/disagreements/<uuid:disagreement_id>/"
urlpatterns = [
    path("disagreements/", views.open_disagreements, name="open-disagreements"),
    path("children/<uuid:child_id>/disagreements/", views.child_disagreements, name="child-disagreements"),
    path("children/<uuid:child_id>/disagreements/new/", views.disagreement_log, name="disagreement-log"),
    path(_one, views.disagreement_detail, name="disagreement-detail"),
    path(f"{_one}escalate/", views.disagreement_escalate, name="disagreement-escalate"),
    path(f"{_one}resolve/", views.disagreement_resolve, name="disagreement-resolve"),
    path("children/<uuid:child_id>/knowledge/", views.knowledge, name="knowledge"),
    path("children/<uuid:child_id>/knowledge/new/", views.knowledge_share, name="knowledge-share"),
]
