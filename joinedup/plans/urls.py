"""URLs of a child's plans: every one names the child, so the access matrix covers it."""

from django.urls import path

from joinedup.plans import views

app_name = "plans"
PLAN = "children/<uuid:child_id>/plans/<uuid:plan_id>/"
urlpatterns = [
    path("children/<uuid:child_id>/plans/new/", views.plan_add, name="plan-add"),
    path(PLAN, views.plan_detail, name="plan-detail"),
    path(f"{PLAN}current/", views.plan_make_current, name="plan-make-current"),
    path(f"{PLAN}end/", views.plan_end, name="plan-end"),
    path(f"{PLAN}outcomes/new/", views.outcome_add, name="outcome-add"),
    path(f"{PLAN}outcomes/<uuid:outcome_id>/", views.outcome_edit, name="outcome-edit"),
    path(f"{PLAN}outcomes/<uuid:outcome_id>/remove/", views.outcome_remove, name="outcome-remove"),
    path(f"{PLAN}outcomes/<uuid:outcome_id>/actions/new/", views.action_add, name="action-add"),
    path(f"{PLAN}actions/<uuid:action_id>/", views.action_edit, name="action-edit"),
    path(f"{PLAN}actions/<uuid:action_id>/done/", views.action_complete, name="action-complete"),
]
