"""URLs of the referrals app."""

from django.urls import path

from joinedup.referrals import views

app_name = "referrals"
urlpatterns = [
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/new/", views.referral_new, name="referral-new"),
    path("referrals/criteria/", views.criterion_list, name="criterion-list"),
    path("referrals/criteria/<uuid:criterion_id>/", views.criterion_edit, name="criterion-edit"),
    path("referrals/<uuid:referral_id>/", views.referral_detail, name="referral-detail"),
]
