"""URLs of handovers on the child's record (B6)."""

from django.urls import path

from joinedup.handovers import views

app_name = "handovers"
_one = "children/<uuid:child_id>/handovers/<uuid:handover_id>/"
urlpatterns = [
    path("children/<uuid:child_id>/handovers/", views.handover_list, name="handover-list"),
    path("children/<uuid:child_id>/handovers/new/", views.handover_start, name="handover-start"),
    path(_one, views.handover_detail, name="handover-detail"),
    path(f"{_one}read/", views.handover_read, name="handover-read"),
    path(f"{_one}complete/", views.handover_complete, name="handover-complete"),
    path(f"{_one}cancel/", views.handover_cancel, name="handover-cancel"),
]
