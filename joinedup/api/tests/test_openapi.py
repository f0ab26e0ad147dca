"""The OpenAPI 3.1 document: public, complete, and every error response declared (STACK.md gotcha 14)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("/api/v1/children/", "get"): ("listChildren", {"200", "401", "422"}),
    ("/api/v1/children/{child_id}/", "get"): ("getChild", {"200", "401", "404", "422"}),
    ("/api/v1/children/{child_id}/team/", "get"): ("getChildTeam", {"200", "401", "404", "422"}),
    ("/api/v1/children/{child_id}/plans/", "get"): ("listChildPlans", {"200", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/team/", "post"): ("addTeamMember", {"201", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/key-worker/", "post"): ("assignKeyWorker", {"201", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/allocations/", "get"): ("getChildAllocations", {"200", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/allocations/", "post"): ("allocateWorker", {"201", "401", "403", "404", "422"}),
    ("/api/v1/referrals/", "get"): ("listReferrals", {"200", "401", "403", "422"}),
    ("/api/v1/referrals/", "post"): ("recordReferral", {"201", "401", "403", "422"}),
    ("/api/v1/referrals/{referral_id}/", "get"): ("getReferral", {"200", "401", "403", "404", "422"}),
    ("/api/v1/referrals/{referral_id}/decision/", "post"): ("decideReferral", {"200", "401", "403", "404", "422"}),
    ("/api/v1/transfers/", "get"): ("listTransfers", {"200", "401", "403", "422"}),
    ("/api/v1/transfers/{transfer_id}/", "get"): ("getTransfer", {"200", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/transfers/", "post"): ("proposeTransfer", {"201", "401", "403", "404", "422"}),
    ("/api/v1/transfers/{transfer_id}/steps/", "post"): ("takeTransferStep", {"200", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/escalations/", "get"): ("listChildEscalations", {"200", "401", "404", "422"}),
    ("/api/v1/children/{child_id}/escalations/", "post"): ("raiseEscalation", {"201", "401", "403", "404", "422"}),
    ("/api/v1/escalations/{escalation_id}/outcome/", "post"): (
        "recordEscalationOutcome",
        {"200", "401", "403", "404", "422"},
    ),
    # Meetings (B5): a change on a stale version is a 409 (G5).
    ("/api/v1/children/{child_id}/meetings/", "get"): ("listChildMeetings", {"200", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/meetings/", "post"): ("scheduleMeeting", {"201", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/meetings/{meeting_id}/", "get"): ("getMeeting", {"200", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/meetings/{meeting_id}/move/", "post"): (
        "moveMeeting",
        {"200", "401", "403", "404", "409", "422"},
    ),
    ("/api/v1/children/{child_id}/meetings/{meeting_id}/cancel/", "post"): (
        "cancelMeeting",
        {"200", "401", "403", "404", "409", "422"},
    ),
    ("/api/v1/children/{child_id}/meetings/{meeting_id}/minutes/", "post"): (
        "recordMeetingMinutes",
        {"200", "401", "403", "404", "409", "422"},
    ),
    # Disagreements (B9) and shared knowledge (B10).
    ("/api/v1/disagreements/", "get"): ("listOpenDisagreements", {"200", "401", "403", "422"}),
    ("/api/v1/children/{child_id}/disagreements/", "get"): (
        "listChildDisagreements",
        {"200", "401", "403", "404", "422"},
    ),
    ("/api/v1/children/{child_id}/disagreements/", "post"): ("logDisagreement", {"201", "401", "403", "404", "422"}),
    ("/api/v1/disagreements/{disagreement_id}/", "get"): ("getDisagreement", {"200", "401", "403", "404", "422"}),
    ("/api/v1/disagreements/{disagreement_id}/escalate/", "post"): (
        "escalateDisagreement",
        {"200", "401", "403", "404", "422"},
    ),
    ("/api/v1/disagreements/{disagreement_id}/resolve/", "post"): (
        "resolveDisagreement",
        {"200", "401", "403", "404", "422"},
    ),
    ("/api/v1/children/{child_id}/knowledge/", "get"): ("listSharedKnowledge", {"200", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/knowledge/", "post"): ("shareKnowledge", {"201", "401", "403", "404", "422"}),
    # Letters and updates shared with the team (B5).
    ("/api/v1/children/{child_id}/documents/", "get"): ("listChildDocuments", {"200", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/documents/", "post"): ("shareWrittenUpdate", {"201", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/documents/{document_id}/", "get"): (
        "getChildDocument",
        {"200", "401", "403", "404", "422"},
    ),
    # Moving area (B8): the information pack as JSON.
    ("/api/v1/children/{child_id}/moves/{move_id}/pack/", "get"): ("getMovePack", {"200", "401", "403", "404", "422"}),
    # Handovers (B6).
    ("/api/v1/children/{child_id}/handovers/", "get"): ("listChildHandovers", {"200", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/handovers/", "post"): ("startHandover", {"201", "401", "403", "404", "422"}),
    ("/api/v1/children/{child_id}/handovers/{handover_id}/", "get"): (
        "getHandover",
        {"200", "401", "403", "404", "422"},
    ),
    ("/api/v1/children/{child_id}/handovers/{handover_id}/read/", "post"): (
        "confirmHandoverRead",
        {"200", "401", "403", "404", "422"},
    ),
    ("/api/v1/children/{child_id}/handovers/{handover_id}/complete/", "post"): (
        "completeHandover",
        {"200", "401", "403", "404", "422"},
    ),
}


@pytest.fixture
def schema() -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")  # public: it holds no personal data
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_the_schema_is_openapi_3_1(schema: dict[str, Any]) -> None:
    assert schema["openapi"].startswith("3.1")
    assert set(schema["components"]["securitySchemes"]) == {"BearerToken", "SessionCookie"}


def test_the_schema_lists_every_operation_and_every_response(schema: dict[str, Any]) -> None:
    found = {
        (path, method): (op["operationId"], set(op["responses"]))
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    }

    assert found == OPERATIONS


def test_every_operation_on_one_thing_declares_404_and_422(schema: dict[str, Any]) -> None:
    for (path, method), _ in OPERATIONS.items():
        responses = schema["paths"][path][method]["responses"]
        assert "422" in responses
        assert responses["422"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ValidationErrors"
        }
        if "_id}" in path:  # a list has nothing to miss, so it cannot 404
            assert responses["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_every_operation_needs_a_token_or_a_session(schema: dict[str, Any]) -> None:
    for (path, method), _ in OPERATIONS.items():
        assert schema["paths"][path][method]["security"] == [{"BearerToken": []}, {"SessionCookie": []}]


def test_the_interactive_docs_are_off() -> None:
    assert Client().get("/api/v1/docs").status_code == 404
