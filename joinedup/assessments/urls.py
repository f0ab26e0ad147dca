"""URLs of assessments on the child's file, and the Resource Panel's agenda."""

from django.urls import path

from joinedup.assessments import views

app_name = "assessments"
child = "children/<uuid:child_id>/assessments/"
urlpatterns = [
    path(child, views.assessments, name="assessments"),
    path(f"{child}single/new/", views.single_start, name="single-start"),
    path(f"{child}single/<uuid:assessment_id>/complete/", views.single_complete, name="single-complete"),
    path(f"{child}carers/new/", views.carers_add, name="carers-add"),
    path(f"{child}carers/<uuid:assessment_id>/review/", views.carers_review, name="carers-review"),
    path(f"{child}transitions/new/", views.transitions_add, name="transitions-add"),
    path(f"{child}transitions/<uuid:assessment_id>/referral/", views.transitions_referral, name="transitions-referral"),
    path(f"{child}packages/new/", views.package_add, name="package-add"),
    path(f"{child}packages/<uuid:package_id>/change/", views.package_change, name="package-change"),
    path(f"{child}panel/<uuid:request_id>/decide/", views.panel_decide, name="panel-decide"),
    path("resource-panel/", views.resource_panel, name="resource-panel"),
]
