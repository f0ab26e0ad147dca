"""Factories for moves: synthetic data only."""

import datetime as dt

import factory
from django.utils import timezone

from joinedup.moves import selectors
from joinedup.moves.models import ChildMove, MoveContact
from joinedup.organisations.tests.factories import UserFactory
from joinedup.people.tests.factories import ChildFactory


class ChildMoveFactory(factory.django.DjangoModelFactory):
    """A planned move, in a month, to an area that does not use joinedup."""

    class Meta:
        model = ChildMove

    child = factory.SubFactory(ChildFactory)
    from_area = factory.SelfAttribute("child.area")
    to_area_name = "Westshire County Council"
    new_address = "4 Harbour Row, Westport"
    new_postcode = "WP1 2AB"
    moving_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    planned_by = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)


def named_contact(move: ChildMove, *, kind: str = "NEW_AREA", told: bool = False, **fields: str) -> MoveContact:
    values = {"name": "Robin Ashdown", "role": "Social worker", "organisation": "Westshire CwDT"}
    values |= {"email": "robin.ashdown@westshire.example"} | fields
    return MoveContact.objects.create(
        move=move,
        kind=kind,
        added_by=move.planned_by,
        added_at=timezone.now(),
        told_at=timezone.now() if told else None,
        **values,
    )


def sent_move(child, **fields) -> ChildMove:
    """A move whose pack has been sent to one named practitioner in the new area."""
    move = ChildMoveFactory(child=child, **fields)
    named_contact(move, told=True)
    now = timezone.now()
    pack = selectors.pack_for(move, by=move.planned_by, now=now)
    ChildMove.objects.filter(pk=move.pk).update(status="PACK_SENT", pack=pack, pack_sent_at=now, family_told_at=now)
    move.refresh_from_db()
    return move


def move_route_kwargs(route: str, child) -> dict:
    """The move id a moves route needs besides the child's: one sent move per child, reused."""
    if route == "moves:move":
        return {}
    move = ChildMove.objects.filter(child=child).first() or sent_move(child)
    return {"move_id": move.pk}
