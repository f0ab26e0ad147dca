"""URLs of closure: closing a case from the child's page, and the retention report."""

from django.urls import path

from joinedup.closure import views

app_name = "closure"
urlpatterns = [
    path("children/<uuid:child_id>/close/", views.case_close, name="case-close"),
    path("closure/retention/", views.retention_report, name="retention-report"),
]
