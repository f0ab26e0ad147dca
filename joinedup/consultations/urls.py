"""URLs of consultations: the list on the child's file and the form to record one."""

from django.urls import path

from joinedup.consultations import views

app_name = "consultations"
urlpatterns = [
    path("children/<uuid:child_id>/consultations/", views.consultation_list, name="consultation-list"),
    path("children/<uuid:child_id>/consultations/new/", views.consultation_add, name="consultation-add"),
]
