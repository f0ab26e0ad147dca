"""URLs of letters and updates shared with the team (B5): on the child's record, and in the family view."""

from django.urls import path

from joinedup.documents import views

app_name = "documents"
_one = "children/<uuid:child_id>/documents/<uuid:document_id>/"
_family = "family/children/<uuid:child_id>/documents/<uuid:document_id>/"
urlpatterns = [
    path("children/<uuid:child_id>/documents/", views.document_list, name="document-list"),
    path("children/<uuid:child_id>/documents/new/", views.document_share, name="document-share"),
    path(_one, views.document_detail, name="document-detail"),
    path(f"{_one}file/", views.document_file, name="document-file"),
    path(_family, views.family_document, name="family-document"),
    path(f"{_family}file/", views.family_document_file, name="family-document-file"),
]
