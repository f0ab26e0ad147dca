"""B9 disagreements and B10 shared knowledge through the API: the same services and policy as the pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from joinedup.access.services import break_glass
from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.disagreements import services
from joinedup.disagreements.models import Disagreement, DisagreementParty, DisagreementStep, SharedKnowledge
from joinedup.disagreements.rules import PartyInput
from joinedup.disagreements.selectors import CHILD_KEY, practitioner_key
from joinedup.disagreements.tests.factories import disagreement_for
from joinedup.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _post(client: Any, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, body, content_type="application/json")


def _child_path(child: Any, what: str = "disagreements") -> str:
    return f"/api/v1/children/{child.pk}/{what}/"


def _one(d: Disagreement, step: str = "") -> str:
    return f"/api/v1/disagreements/{d.pk}/{step + '/' if step else ''}"


def _log_body(world: Any, **changes: Any) -> dict[str, Any]:
    return {
        "issue": "How many overnight short breaks",
        "parties": [
            {"kind": "PRACTITIONER", "practitioner_id": str(world.key_worker.pk), "wants": "Keep one a month"},
            {"kind": "CARER", "carer_id": str(world.parent.carer.pk), "wants": "Two a month"},
            {"kind": "CHILD", "wants": "To stay with friends at the club"},
        ],
        **changes,
    }


def _logged(world: Any, by: Any = None) -> Disagreement:
    return services.log_disagreement(
        child=world.child,
        issue="Whether to change school transport",
        parties=[
            PartyInput(1, practitioner_key(world.team_member.pk), "A taxi with an escort"),
            PartyInput(2, CHILD_KEY, "The school bus with friends"),
        ],
        by=by or world.team_member.user,
        now=timezone.now(),
    )


def _stored() -> tuple[int, ...]:
    models = (Disagreement, DisagreementParty, DisagreementStep, SharedKnowledge, Notification, AuditEvent)
    return (
        *(m.objects.count() for m in models),  # type: ignore[attr-defined]
        Disagreement.objects.exclude(status="OPEN").count(),
    )


def _errors(response: Any) -> list[tuple[str, str | None]]:
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert all(e["message"] for e in detail)
    return [(e["rule"], e["field"]) for e in detail]


# ---- B9 ----------------------------------------------------------------------------------------


def test_r_b9_a_team_member_logs_a_disagreement_with_each_party(client, world) -> None:
    client.force_login(world.team_member.user)

    response = _post(client, _child_path(world.child), _log_body(world))

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["next_rung"], body["days_open"]) == ("OPEN", "TEAM_MANAGERS", 0)
    assert [(p["kind"], p["name"]) for p in body["parties"]] == [
        ("CARER", world.parent.carer.full_name),
        ("CHILD", world.child.full_name),
        ("PRACTITIONER", world.key_worker.full_name),
    ]
    assert [(s["kind"], s["by"]["name"]) for s in body["steps"]] == [("LOGGED", world.team_member.full_name)]
    assert AuditEvent.objects.filter(
        user=world.team_member.user, action=AuditAction.CREATED, subject_id=body["id"]
    ).exists()


LOG_CASES = [
    ("one side only", lambda w, b: b | {"parties": b["parties"][:1]}, [("B9-PARTIES", "parties")]),
    ("no issue", lambda w, b: b | {"issue": "  "}, [("B9-ISSUE", "issue")]),
    (
        "someone outside the team",
        lambda w, b: (
            b
            | {
                "parties": [
                    *b["parties"][:2],
                    {"kind": "PRACTITIONER", "practitioner_id": str(w.same_org_outsider.pk), "wants": "x"},
                ]
            }
        ),
        [("B9-PARTY-IN-TEAM", "parties.2.practitioner_id")],
    ),
    (
        "a party who wants nothing",
        lambda w, b: b | {"parties": [b["parties"][0], b["parties"][1] | {"wants": " "}, b["parties"][2]]},
        [("B9-PARTY-WANTS", "parties.1.wants")],
    ),
    (
        "a practitioner party with no practitioner",
        lambda w, b: b | {"parties": [{"kind": "PRACTITIONER", "wants": "x"}, *b["parties"][1:]]},
        [("API-INPUT", "parties.0.practitioner_id")],
    ),
    (
        "a kind of party that does not exist",
        lambda w, b: b | {"parties": [{"kind": "NEIGHBOUR", "wants": "x"}, *b["parties"][1:]]},
        [("API-INPUT", "parties.0.kind")],
    ),
]


@pytest.mark.parametrize(("case", "change", "expected"), LOG_CASES, ids=[c[0] for c in LOG_CASES])
def test_r_b9_a_refused_log_is_422_in_the_apis_words_and_keeps_nothing(client, world, case, change, expected) -> None:
    client.force_login(world.key_worker.user)
    before = _stored()

    response = _post(client, _child_path(world.child), change(world, _log_body(world)))

    assert _errors(response) == expected
    assert _stored() == before


def test_r_b9_the_childs_disagreements_are_listed_and_the_read_is_audited(client, world) -> None:
    d = _logged(world)
    client.force_login(world.manager.user)
    before = AuditEvent.objects.filter(child=world.child, action=AuditAction.VIEWED).count()

    response = client.get(_child_path(world.child))

    assert response.status_code == 200
    assert [x["id"] for x in response.json()] == [str(d.pk)]
    assert AuditEvent.objects.filter(child=world.child, action=AuditAction.VIEWED).count() == before + 1


def _queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_disagreements(client, world) -> None:
    d = _logged(world)
    client.force_login(world.manager.user)
    paths = (_child_path(world.child), _one(d), "/api/v1/disagreements/")
    counts = [_queries(client, path) for path in paths]
    for _ in range(3):
        _logged(world, by=world.key_worker.user)
    assert [_queries(client, path) for path in paths] == counts


def test_r_b9_one_disagreement_is_read_by_those_taking_part_and_audited(client, world) -> None:
    d = _logged(world)
    client.force_login(world.key_worker.user)

    response = client.get(_one(d))

    assert response.status_code == 200
    assert response.json()["issue"] == "Whether to change school transport"
    assert AuditEvent.objects.filter(user=world.key_worker.user, child=world.child, action=AuditAction.VIEWED).exists()


def test_r_g1_a_disagreement_about_a_child_out_of_reach_is_404_and_nothing_is_stored(client, world) -> None:
    d = disagreement_for(world.other_child)
    client.force_login(world.team_member.user)
    before = _stored()

    answers = [
        client.get(_one(d)),
        _post(client, _one(d, "escalate"), {"note": "Stuck"}),
        _post(client, _one(d, "resolve"), {"resolution": "Agreed"}),
        client.get(_child_path(world.other_child)),
        _post(client, _child_path(world.other_child), _log_body(world)),
        client.get(_child_path(world.other_child, "knowledge")),
        client.get(f"/api/v1/disagreements/{world.other_child.pk}/"),  # not a disagreement at all
    ]

    assert [(a.status_code, a.json()) for a in answers] == [(404, {"detail": "Not found"})] * len(answers)
    assert _stored() == before


def test_r_g1_emergency_access_sees_the_child_but_takes_no_part_403(client, world) -> None:
    d = _logged(world)
    outsider = world.same_org_outsider.user
    break_glass(user=outsider, nhs_number=world.child.nhs_number, reason="Admitted to A&E at night", now=timezone.now())
    client.force_login(outsider)
    before = _stored()

    answers = [
        client.get(_one(d)).status_code,
        _post(client, _one(d, "escalate"), {"note": "Stuck"}).status_code,
        _post(client, _one(d, "resolve"), {"resolution": "Agreed"}).status_code,
        client.get(_child_path(world.child)).status_code,
        _post(client, _child_path(world.child), _log_body(world)).status_code,
        client.get(_child_path(world.child, "knowledge")).status_code,
        _post(
            client, _child_path(world.child, "knowledge"), {"category": "NETWORKS", "title": "t", "text": "t"}
        ).status_code,
    ]

    assert answers == [403] * len(answers)
    assert _stored() == before


def test_r_b9_escalating_climbs_one_rung_and_tells_its_managers(client, world) -> None:
    d = _logged(world)
    client.force_login(world.team_member.user)

    response = _post(client, _one(d, "escalate"), {"note": "We cannot agree on transport"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["next_rung"]) == ("TEAM_MANAGERS", "OPERATIONS")
    assert [s["kind"] for s in body["steps"]] == ["LOGGED", "ESCALATED_TO_TEAM_MANAGERS"]
    assert Notification.objects.filter(recipient=world.manager.user, child=world.child).exists()
    assert AuditEvent.objects.filter(
        user=world.team_member.user, action=AuditAction.UPDATED, subject_id=str(d.pk)
    ).exists()


def test_r_b9_escalate_why_and_to_someone_are_422_and_keep_nothing(client, world) -> None:
    d = _logged(world)
    client.force_login(world.team_member.user)
    before = _stored()

    assert _errors(_post(client, _one(d, "escalate"), {"note": " "})) == [("B9-ESCALATE-WHY", "note")]
    services.escalate_disagreement(disagreement=d, note="Stuck", by=world.team_member.user, now=timezone.now())
    middle = _stored()
    # No operations manager of the council exists in this world: nobody on the next rung.
    assert _errors(_post(client, _one(d, "escalate"), {"note": "Still stuck"})) == [("B9-ESCALATE-TO-SOMEONE", None)]
    assert before != middle == _stored()


def test_r_b9_resolve_rung_only_the_managers_resolve_once_escalated(client, world) -> None:
    d = _logged(world)
    services.escalate_disagreement(disagreement=d, note="Stuck", by=world.team_member.user, now=timezone.now())
    before = _stored()
    client.force_login(world.team_member.user)

    assert _errors(_post(client, _one(d, "resolve"), {"resolution": "Agreed a taxi"})) == [("B9-RESOLVE-RUNG", None)]
    assert _stored() == before

    client.force_login(world.manager.user)
    response = _post(client, _one(d, "resolve"), {"resolution": "A taxi until the summer, then the bus"})
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["next_rung"], body["resolved_by"]["name"]) == (
        "RESOLVED",
        None,
        world.manager.full_name,
    )
    assert _errors(_post(client, _one(d, "resolve"), {"resolution": "Again"})) == [("B9-RESOLVE-ONCE", None)]


def test_r_b9_age_managers_list_open_disagreements_oldest_first_and_each_child_is_audited(client, world) -> None:
    old = disagreement_for(world.child, raised_at=timezone.now() - timedelta(days=9))
    new = _logged(world)
    resolved = _logged(world)
    client.force_login(world.manager.user)
    client.post(_one(resolved, "resolve"), {"resolution": "Agreed at the meeting"}, content_type="application/json")
    before = AuditEvent.objects.filter(action=AuditAction.LISTED).count()

    response = client.get("/api/v1/disagreements/")

    assert response.status_code == 200
    assert [(x["id"], x["days_open"]) for x in response.json()] == [(str(old.pk), 9), (str(new.pk), 0)]
    assert response.json()[0]["child_id"] == str(world.child.pk)
    assert AuditEvent.objects.filter(action=AuditAction.LISTED).count() == before + 1


@pytest.mark.parametrize("persona", ["team_member", "key_worker", "parent", "commissioner"])
def test_r_b9_age_the_open_list_is_for_managers(client, world, persona) -> None:
    _logged(world)
    client.force_login(world.personas()[persona])
    before = _stored()

    response = client.get("/api/v1/disagreements/")

    assert response.status_code == 403
    assert world.child.family_name not in response.content.decode()
    assert _stored() == before


# ---- B10 ---------------------------------------------------------------------------------------


def test_r_b10_tell_sharing_knowledge_tells_the_rest_of_the_team(client, world) -> None:
    client.force_login(world.key_worker.user)
    body = {
        "category": "SUPPORT_ORGANISATIONS",
        "title": "Saturday club",
        "text": "Takes children with complex health needs",
        "link": "https://example.org/club",
    }

    response = _post(client, _child_path(world.child, "knowledge"), body)

    assert response.status_code == 201, response.content
    assert (response.json()["title"], response.json()["posted_by"]["name"]) == (
        "Saturday club",
        world.key_worker.full_name,
    )
    told = set(Notification.objects.filter(child=world.child).values_list("recipient", flat=True))
    assert told == {world.team_member.user.pk}
    assert AuditEvent.objects.filter(what="Shared knowledge with the team", user=world.key_worker.user).exists()

    client.force_login(world.team_member.user)
    before = AuditEvent.objects.filter(child=world.child, action=AuditAction.VIEWED).count()
    listed = client.get(_child_path(world.child, "knowledge"))
    assert [k["title"] for k in listed.json()] == ["Saturday club"]
    assert AuditEvent.objects.filter(child=world.child, action=AuditAction.VIEWED).count() == before + 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"link": "javascript:alert(1)"}, [("B10-LINK", "link")]),
        ({"title": " ", "text": ""}, [("B10-TITLE", "title"), ("B10-TEXT", "text")]),
        ({"category": "GOSSIP"}, [("API-INPUT", "category")]),
    ],
)
def test_r_b10_refused_knowledge_is_422_and_keeps_nothing(client, world, change, expected) -> None:
    client.force_login(world.key_worker.user)
    before = _stored()
    body = {"category": "NETWORKS", "title": "Parent carer forum", "text": "Meets monthly"} | change

    response = _post(client, _child_path(world.child, "knowledge"), body)

    assert _errors(response) == expected
    assert _stored() == before
