"""URLs of the audit trail."""

from django.urls import path

from joinedup.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_lookup, name="lookup"),
    path("children/<uuid:child_id>/", views.child_audit, name="child-audit"),
]
