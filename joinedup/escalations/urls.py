"""URLs of escalations (C8) and family support requests (C9)."""

from django.urls import path

from joinedup.escalations import views

app_name = "escalations"
urlpatterns = [
    path("escalations/", views.escalation_list, name="escalation-list"),
    path("escalations/<uuid:escalation_id>/", views.escalation_detail, name="escalation-detail"),
    path("children/<uuid:child_id>/escalations/new/", views.escalation_raise, name="escalation-raise"),
    path("family-support/", views.family_support_queue, name="family-support-queue"),
    path("family-support/<uuid:request_id>/", views.family_support_detail, name="family-support-detail"),
    path("children/<uuid:child_id>/family-support/new/", views.family_support_request, name="family-support-request"),
]
