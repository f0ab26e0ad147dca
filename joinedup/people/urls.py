"""URLs of the child's record."""

from django.urls import path

from joinedup.people import views

app_name = "people"
urlpatterns = [
    path("", views.my_children, name="my-children"),
    path("search/", views.child_search, name="child-search"),
    path("<uuid:child_id>/", views.child_detail, name="child-detail"),
    path("<uuid:child_id>/details/", views.child_edit, name="child-edit"),
    path("<uuid:child_id>/all-about-me/", views.all_about_me_edit, name="all-about-me-edit"),
    path("<uuid:child_id>/communication/", views.communication_edit, name="communication-edit"),
]
