"""URLs of visits and child in need reviews on the child's file."""

from django.urls import path

from joinedup.reviews import views

app_name = "reviews"
urlpatterns = [
    path("children/<uuid:child_id>/reviews/", views.reviews_list, name="reviews-list"),
    path("children/<uuid:child_id>/visits/new/", views.visit_record, name="visit-record"),
    path("children/<uuid:child_id>/reviews/new/", views.review_record, name="review-record"),
]
