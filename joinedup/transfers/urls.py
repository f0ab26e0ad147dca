"""URLs of the transfer list."""

from django.urls import path

from joinedup.transfers import views

app_name = "transfers"
urlpatterns = [
    path("transfers/", views.transfer_list, name="transfer-list"),
    path("transfers/<uuid:transfer_id>/", views.transfer_detail, name="transfer-detail"),
    path("children/<uuid:child_id>/transfer/", views.transfer_propose, name="transfer-propose"),
]
