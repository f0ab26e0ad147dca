"""API endpoint for a move's information pack (B8): the same JSON as the download on the pack page.

The same access policy as the pages: the child's team and the holding team's managers read it.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Router

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.api.auth import user_of
from joinedup.api.schemas import Error, ValidationErrors
from joinedup.core import clock
from joinedup.moves import selectors

router = Router(tags=["moves"])

READ_RESPONSES = {401: Error, 403: Error, 404: Error, 422: ValidationErrors}


@router.get(
    "/children/{child_id}/moves/{move_id}/pack/",
    response={200: dict[str, Any], **READ_RESPONSES},
    operation_id="getMovePack",
    summary="The information pack for a family moving area (B8), as last sent (or a preview before it is sent)",
    description="A versioned structure (schema joinedup.move-pack) documented in docs/rules/MOVES.md; ISO dates. "
    "For the child's team and managers of the case; others who can see the child get 403, anyone else 404. "
    "The read is audited (G3).",
)
def get_move_pack(request: HttpRequest, child_id: UUID, move_id: UUID) -> dict[str, Any]:
    user = user_of(request)
    child = open_child(
        user, child_id, what="Read the information pack for a move through the API", may=policy.can_read_move
    )
    move = selectors.move_of(child, move_id)
    if move is None:
        raise Http404("No move found")
    return selectors.pack_to_show(move, by=user, now=clock.now())
