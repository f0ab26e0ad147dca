"""The JSON API under /api/v1/: one NinjaAPI, endpoints from each app's api.py."""

from __future__ import annotations

from ninja import NinjaAPI

from joinedup.api import errors
from joinedup.api.auth import api_auth
from joinedup.people.api import router as children_router
from joinedup.teams.api import router as teams_router

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
