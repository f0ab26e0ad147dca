"""URLs of moving area on the child's record (B8), the family's copy, and the new area's pack."""

from django.urls import path

from joinedup.moves import views

app_name = "moves"
_one = "children/<uuid:child_id>/move/<uuid:move_id>/"
urlpatterns = [
    path("children/<uuid:child_id>/move/", views.move, name="move"),
    path(f"{_one}contacts/", views.move_contact, name="move-contact"),
    path(f"{_one}send/", views.move_send, name="move-send"),
    path(f"{_one}pack/", views.move_pack, name="move-pack"),
    path(f"{_one}pack.json", views.move_pack_json, name="move-pack-json"),
    path(f"{_one}complete/", views.move_complete, name="move-complete"),
    path("family/children/<uuid:child_id>/move/<uuid:move_id>/pack/", views.family_pack, name="family-pack"),
    path("moves/<uuid:move_id>/pack/", views.received_pack, name="received-pack"),
]
