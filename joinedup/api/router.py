"""The JSON API under /api/v1/: one NinjaAPI, endpoints from each app's api.py."""

from __future__ import annotations

from ninja import NinjaAPI

from joinedup.allocation.api import router as allocation_router
from joinedup.api import errors
from joinedup.api.auth import api_auth
from joinedup.disagreements.api import router as disagreements_router
from joinedup.documents.api import router as documents_router
from joinedup.escalations.api import router as escalations_router
from joinedup.handovers.api import router as handovers_router
from joinedup.meetings.api import router as meetings_router
from joinedup.moves.api import router as moves_router
from joinedup.people.api import router as children_router
from joinedup.plans.api import router as plans_router
from joinedup.referrals.api import router as referrals_router
from joinedup.teams.api import router as teams_router
from joinedup.transfers.api import router as transfers_router

api = NinjaAPI(
    title="joinedup API",
    version="1",
    description=(
        "The shared record of the team around a disabled child. Every child is loaded through the same "
        "access policy as the pages: a child you may not see is a 404; one you may see but not change, a 403."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,  # the interactive docs load scripts our strict CSP refuses
    auth=api_auth,
)
errors.install(api)
api.add_router("/children", children_router)
api.add_router("/children", teams_router)
api.add_router("/children", plans_router)
api.add_router("/children", allocation_router)
api.add_router("/referrals", referrals_router)
api.add_router("", transfers_router)  # /transfers/... and /children/{child_id}/transfers/
api.add_router("", escalations_router)  # /children/{child_id}/escalations/ and /escalations/...
api.add_router("", documents_router)  # /children/{child_id}/documents/...
api.add_router("", meetings_router)  # /children/{child_id}/meetings/...
api.add_router("", moves_router)  # /children/{child_id}/moves/{move_id}/pack/
api.add_router("", disagreements_router)  # /disagreements/..., /children/{child_id}/disagreements/ and knowledge/
api.add_router("", handovers_router)  # /children/{child_id}/handovers/...
