"""Fixtures for the API tests: a bearer-token client for any persona."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from joinedup.accounts.models import User
from joinedup.accounts.services import create_api_token


class ApiClient:
    """Django's test client speaking JSON, with the persona's bearer token on every request."""

    def __init__(self, user: User | None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if user is not None:
            token = create_api_token(user=user, name="tests", now=timezone.now())
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, **self.headers)

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(path, body, content_type="application/json", **self.headers)

    def post_raw(self, path: str, data: str) -> Any:
        return self.client.post(path, data, content_type="application/json", **self.headers)


@pytest.fixture
def api_as() -> Callable[[User | None], ApiClient]:
    return ApiClient
