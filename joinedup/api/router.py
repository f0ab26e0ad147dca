"""The JSON API under /api/v1/: one NinjaAPI, endpoints from each app's api.py."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(title="joinedup API", version="1", urls_namespace="api", openapi_url="/openapi.json", docs_url=None)
