"""URLs of EHC needs assessments (F3): a child's timeline and its steps, the waiting list, my advice."""

from django.urls import path

from joinedup.ehc import views

app_name = "ehc"
CHILD = "children/<uuid:child_id>/ehc/"
ONE = f"{CHILD}<uuid:assessment_id>/"
urlpatterns = [
    path(CHILD, views.assessment, name="assessment"),
    path(f"{CHILD}request/", views.request_record, name="request-record"),
    path(f"{ONE}decision/", views.decision_record, name="decision-record"),
    path(f"{ONE}advice/new/", views.advice_request, name="advice-request"),
    path(f"{ONE}advice/<uuid:advice_id>/received/", views.advice_received, name="advice-received"),
    path(f"{ONE}draft/", views.draft_issue, name="draft-issue"),
    path(f"{ONE}final/", views.final_issue, name="final-issue"),
    path(f"{ONE}stop/", views.assessment_stop, name="assessment-stop"),
    path("ehc/waiting/", views.waiting_list, name="waiting-list"),
    path("ehc/advice/", views.advice_mine, name="advice-mine"),
]
