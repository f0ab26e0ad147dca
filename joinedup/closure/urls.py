"""URLs of closure: closing a case from the child's page, the retention report, the closure reasons."""

from django.urls import path

from joinedup.closure import views

app_name = "closure"
urlpatterns = [
    path("children/<uuid:child_id>/close/", views.case_close, name="case-close"),
    path("closure/retention/", views.retention_report, name="retention-report"),
    path("closure/reasons/", views.reason_list, name="reason-list"),
    path("closure/reasons/<uuid:reason_id>/", views.reason_edit, name="reason-edit"),
]
