"""Who may call the API: bearer tokens, the browser session with CSRF, and nobody else (G1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.utils import timezone

from joinedup.accounts.models import ApiToken, User
from joinedup.accounts.services import create_api_token

if TYPE_CHECKING:
    from conftest import World

pytestmark = pytest.mark.django_db

CSRF = "a" * 32  # a well-formed CSRF secret: the cookie and the header must match


def _token(user: User) -> str:
    return create_api_token(user=user, name="tests", now=timezone.now())


def test_r_g1_a_bearer_token_signs_the_caller_in(world: World) -> None:
    token = _token(world.key_worker.user)

    response = Client().get(f"/api/v1/children/{world.child.pk}/", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 200
    assert ApiToken.objects.get(user=world.key_worker.user).last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["Bearer ju_not-a-real-token", "Bearer ", "Bearer", "Basic dXNlcjpwYXNz", "Token ju_x", ""],
)
def test_r_g1_a_bad_or_missing_token_is_401(world: World, header: str) -> None:
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    response = Client().get("/api/v1/children/", **extra)

    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in, or send a valid API token"}
    assert response["WWW-Authenticate"] == "Bearer"


def test_r_g1_a_revoked_token_is_401(world: World) -> None:
    token = _token(world.key_worker.user)
    ApiToken.objects.filter(user=world.key_worker.user).update(revoked_at=timezone.now())

    response = Client().get("/api/v1/children/", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 401


def test_r_g1_the_token_of_a_switched_off_user_is_401(world: World) -> None:
    token = _token(world.key_worker.user)
    User.objects.filter(pk=world.key_worker.user.pk).update(is_active=False)

    response = Client().get("/api/v1/children/", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 401


def test_r_g1_a_bad_token_does_not_fall_back_to_the_session(world: World) -> None:
    client = Client()
    client.force_login(world.key_worker.user)

    response = client.get("/api/v1/children/", HTTP_AUTHORIZATION="Bearer ju_wrong")

    assert response.status_code == 401


def test_r_g1_a_token_acts_as_its_own_user_not_the_sessions(world: World) -> None:
    client = Client()
    client.force_login(world.manager.user)
    token = _token(world.other_area_practitioner.user)

    response = client.get(f"/api/v1/children/{world.child.pk}/", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 404


def test_r_g1_the_browser_session_reads_the_api(world: World) -> None:
    client = Client()
    client.force_login(world.key_worker.user)

    assert client.get(f"/api/v1/children/{world.child.pk}/team/").status_code == 200


def _key_worker_body(world: World) -> dict[str, str]:
    return {"practitioner_id": str(world.team_member.pk), "reason": "Nurse: the child's needs are mainly health"}


def test_r_g1_a_session_write_without_the_csrf_token_is_refused(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.manager.user)

    response = client.post(
        f"/api/v1/children/{world.child.pk}/key-worker/", _key_worker_body(world), content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF check Failed"}
    assert world.child.key_worker_assignments.count() == 1


def test_r_g1_a_session_write_with_the_csrf_token_is_accepted(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.manager.user)
    client.cookies["csrftoken"] = CSRF

    response = client.post(
        f"/api/v1/children/{world.child.pk}/key-worker/",
        _key_worker_body(world),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=CSRF,
    )

    assert response.status_code == 201


def test_r_g1_a_token_write_needs_no_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/api/v1/children/{world.child.pk}/key-worker/",
        _key_worker_body(world),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_token(world.manager.user)}",
    )

    assert response.status_code == 201


def test_r_g1_an_anonymous_write_is_401_not_a_csrf_refusal(world: World) -> None:
    response = Client(enforce_csrf_checks=True).post(
        f"/api/v1/children/{world.child.pk}/key-worker/", _key_worker_body(world), content_type="application/json"
    )

    assert response.status_code == 401
