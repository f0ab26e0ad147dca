"""API endpoints for disagreements about a child (B9) and the knowledge its team shares (B10).

The same services and access policy as the pages: the child's team and the managers of the holding
team take part (``policy.can_take_part_in_disagreements``, ``policy.can_share_knowledge``); the list
of open disagreements is for managers (``policy.can_see_open_disagreements``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.accounts.models import User
from joinedup.api.auth import user_of
from joinedup.api.errors import INPUT_RULE
from joinedup.api.schemas import Error, PersonOut, ValidationErrors, person_out
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core import clock
from joinedup.core.rules import RuleViolations, Violation
from joinedup.disagreements import rules, selectors, services
from joinedup.disagreements.choices import KnowledgeCategory, PartyKind
from joinedup.disagreements.models import Disagreement, DisagreementParty, SharedKnowledge
from joinedup.people.models import Child

router = Router(tags=["disagreements"])

RESPONSES = {401: Error, 403: Error, 404: Error, 422: ValidationErrors}
MAX_PARTIES = 20


# ---- Shapes ------------------------------------------------------------------------------------


class PartyOut(Schema):
    kind: str = Field(description="PRACTITIONER, CARER or CHILD")
    practitioner_id: UUID | None
    carer_id: UUID | None
    name: str
    wants: str


class StepOut(Schema):
    kind: str = Field(description="LOGGED, ESCALATED_TO_TEAM_MANAGERS, ESCALATED_TO_OPERATIONS or RESOLVED")
    note: str
    by: PersonOut
    at: datetime


class DisagreementOut(Schema):
    id: UUID
    child_id: UUID
    issue: str
    status: str = Field(description="OPEN, TEAM_MANAGERS, OPERATIONS or RESOLVED")
    raised_by: PersonOut
    raised_at: datetime
    days_open: int = Field(description="Whole days since it was logged (B9-AGE)")
    next_rung: str | None = Field(description="Where escalating takes it; null at the top or once resolved")
    parties: list[PartyOut]
    steps: list[StepOut] = Field(description="Every step on the ladder, oldest first")
    resolution: str
    resolved_by: PersonOut | None
    resolved_at: datetime | None


class OpenDisagreementOut(Schema):
    id: UUID
    child_id: UUID
    child_name: str
    issue: str
    status: str = Field(description="OPEN, TEAM_MANAGERS or OPERATIONS")
    raised_by: PersonOut
    raised_at: datetime
    days_open: int = Field(description="Whole days since it was logged (B9-AGE)")


class PartyIn(Schema):
    """One side: a member of the child's team (``practitioner_id``), a parent or carer (``carer_id``),
    or the child, and what they want."""

    model_config = ConfigDict(extra="forbid")

    kind: PartyKind
    practitioner_id: UUID | None = Field(None, description="For a PRACTITIONER: a current member of the team")
    carer_id: UUID | None = Field(None, description="For a CARER: one of the child's parents or carers")
    wants: str = Field(max_length=2000)


class DisagreementIn(Schema):
    model_config = ConfigDict(extra="forbid")

    issue: str = Field(max_length=4000, description="What the team or the family cannot agree on")
    parties: list[PartyIn] = Field(max_length=MAX_PARTIES, description="At least two, each named once")


class EscalateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    note: str = Field(max_length=4000, description="Why it could not be resolved at this level")


class ResolveIn(Schema):
    model_config = ConfigDict(extra="forbid")

    resolution: str = Field(max_length=4000, description="What was agreed, and what happens next")


class KnowledgeOut(Schema):
    id: UUID
    category: str = Field(description="PRACTICE_OR_LAW, CARING_TECHNIQUES, NETWORKS or SUPPORT_ORGANISATIONS")
    title: str
    text: str
    link: str
    posted_by: PersonOut
    posted_at: datetime


class KnowledgeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    category: KnowledgeCategory
    title: str = Field(max_length=120)
    text: str = Field(max_length=8000, description="What you want the team to know")
    link: str = Field("", max_length=500, description="Optional; starts with https:// or http://")
    tell_team: bool = Field(True, description="Send a message to the rest of the child's current team")


def _party_out(p: DisagreementParty, child: Child) -> PartyOut:
    if p.practitioner is not None:
        name = p.practitioner.full_name
    elif p.carer is not None:
        name = p.carer.full_name
    else:
        name = child.full_name
    return PartyOut(kind=p.kind, practitioner_id=p.practitioner_id, carer_id=p.carer_id, name=name, wants=p.wants)


def disagreement_out(d: Disagreement, child: Child) -> DisagreementOut:
    """``d`` as read by ``selectors.disagreement_of`` (people, parties and steps loaded)."""
    rung = rules.next_rung(d.status)
    return DisagreementOut(
        id=d.pk,
        child_id=d.child_id,
        issue=d.issue,
        status=d.status,
        raised_by=person_out(d.raised_by),
        raised_at=d.raised_at,
        days_open=rules.days_open(raised_on=d.raised_at.date(), today=clock.today()),
        next_rung=rung.value if rung is not None else None,
        parties=[_party_out(p, child) for p in d.parties.all()],
        steps=[StepOut(kind=s.kind, note=s.note, by=person_out(s.by), at=s.at) for s in d.steps.all()],
        resolution=d.resolution,
        resolved_by=person_out(d.resolved_by) if d.resolved_by else None,
        resolved_at=d.resolved_at,
    )


def knowledge_out(k: SharedKnowledge) -> KnowledgeOut:
    return KnowledgeOut(
        id=k.pk,
        category=k.category,
        title=k.title,
        text=k.text,
        link=k.link,
        posted_by=person_out(k.posted_by),
        posted_at=k.posted_at,
    )


# ---- Loading through access, and the rules' fields in the API's words ---------------------------


def _child_to_act_on(user: User, child_id: UUID, may: Callable[[User, Child], bool]) -> Child:
    """A write loads the child through access (404, then 403) without a read row: the service audits."""
    child = policy.get_child_or_404(user, child_id)
    if not may(user, child):
        raise PermissionDenied
    return child


def _disagreement(user: User, disagreement_id: UUID, *, read: str | None) -> Disagreement:
    """The disagreement, if ``user`` takes part in its child's (404 if the child is not theirs to see,
    403 if they see it but take no part); ``read`` audits the read in those words."""
    child_id = selectors.child_id_of(disagreement_id)
    if child_id is None:
        raise Http404("No disagreement found")
    may = policy.can_take_part_in_disagreements
    child = open_child(user, child_id, what=read, may=may) if read else _child_to_act_on(user, child_id, may)
    disagreement = selectors.disagreement_of(child, disagreement_id)
    if disagreement is None:  # pragma: no cover - it was there a moment ago, in this transaction
        raise Http404("No disagreement found")
    disagreement.child = child
    return disagreement


_PARTY_FIELD = re.compile(r"^party_(\d+)_(who|wants)$")


def _party_field(field: str | None, parties: list[PartyIn]) -> str | None:
    """``party_2_who`` -> ``parties.1.practitioner_id`` (or ``carer_id``, or ``kind`` for the child)."""
    match = _PARTY_FIELD.match(field or "")
    if match is None:
        return field
    i = int(match.group(1)) - 1
    if match.group(2) == "wants":
        return f"parties.{i}.wants"
    kind = parties[i].kind if i < len(parties) else PartyKind.CHILD
    name = {PartyKind.PRACTITIONER: "practitioner_id", PartyKind.CARER: "carer_id"}.get(kind, "kind")
    return f"parties.{i}.{name}"


@contextmanager
def _in_api_words(parties: list[PartyIn]) -> Iterator[None]:
    """A rule refusing names the page's field (``party_2_who``); the API's body names ``parties.1...``."""
    try:
        yield
    except RuleViolations as exc:
        violations = [
            replace(v, field="parties" if v.rule == "B9-PARTIES" else _party_field(v.field, parties))
            for v in exc.violations
        ]
        raise RuleViolations(violations) from exc


def _party_inputs(parties: list[PartyIn]) -> list[rules.PartyInput]:
    """Each party as the service takes it: ``P:<id>``, ``C:<id>`` or ``CHILD``. The id a kind needs,
    and only that id, is an input check; who may be a party is the rules' (B9-PARTY-IN-TEAM)."""
    found, wrong = [], []
    for i, p in enumerate(parties):
        ids = {"practitioner_id": p.practitioner_id, "carer_id": p.carer_id}
        needed = {PartyKind.PRACTITIONER: "practitioner_id", PartyKind.CARER: "carer_id"}.get(p.kind)
        if needed is not None and ids[needed] is None:
            wrong.append(Violation(INPUT_RULE, f"parties.{i}.{needed}", f"Enter {needed} for a {p.kind} party"))
        for name, value in ids.items():
            if name != needed and value is not None:
                wrong.append(
                    Violation(INPUT_RULE, f"parties.{i}.{name}", f"{name} is not accepted for a {p.kind} party")
                )
        if p.kind == PartyKind.PRACTITIONER:
            who = selectors.practitioner_key(p.practitioner_id)
        elif p.kind == PartyKind.CARER:
            who = selectors.carer_key(p.carer_id)
        else:
            who = selectors.CHILD_KEY
        found.append(rules.PartyInput(slot=i + 1, who=who, wants=p.wants))
    if wrong:
        raise RuleViolations(wrong)
    return found


# ---- Disagreements (B9) ------------------------------------------------------------------------


@router.get(
    "/disagreements/",
    response={200: list[OpenDisagreementOut], 401: Error, 403: Error, 422: ValidationErrors},
    operation_id="listOpenDisagreements",
    summary="Unresolved disagreements about children you can see, oldest first, with their age (B9-AGE)",
    description="For managers; others get 403. Each child shown is audited as seen in a list (G3).",
)
def list_open_disagreements(request: HttpRequest) -> list[OpenDisagreementOut]:
    user = user_of(request)
    if not policy.can_see_open_disagreements(user):
        raise PermissionDenied
    items = selectors.open_disagreements(user, today=clock.today())
    audit.record_seen_in_list(
        children={i.disagreement.child_id: i.disagreement.child for i in items}.values(),
        action=AuditAction.LISTED,
        by=user,
        at=clock.now(),
        what="Saw in the list of open disagreements through the API",
    )
    return [
        OpenDisagreementOut(
            id=i.disagreement.pk,
            child_id=i.disagreement.child_id,
            child_name=i.disagreement.child.full_name,
            issue=i.disagreement.issue,
            status=i.disagreement.status,
            raised_by=person_out(i.disagreement.raised_by),
            raised_at=i.disagreement.raised_at,
            days_open=i.days_open,
        )
        for i in items
    ]


@router.get(
    "/children/{child_id}/disagreements/",
    response={200: list[DisagreementOut], **RESPONSES},
    operation_id="listChildDisagreements",
    summary="The child's disagreements: unresolved first, then newest first, each with its parties and steps",
    description="For the child's team and managers of the holding team; others who can see the child get 403, "
    "anyone else 404. The read is audited (G3).",
)
def list_child_disagreements(request: HttpRequest, child_id: UUID) -> list[DisagreementOut]:
    user = user_of(request)
    may = policy.can_take_part_in_disagreements
    child = open_child(user, child_id, what="Looked at the disagreements through the API", may=may)
    return [disagreement_out(d, child) for d in selectors.disagreements_of(child)]


@router.post(
    "/children/{child_id}/disagreements/",
    response={201: DisagreementOut, **RESPONSES},
    operation_id="logDisagreement",
    summary="Log a disagreement within the team or with the family, with each party and what they want (B9)",
    description="For the child's team and managers of the holding team; others who can see the child get 403.",
)
def log_disagreement(request: HttpRequest, child_id: UUID, payload: DisagreementIn) -> Status[DisagreementOut]:
    user = user_of(request)
    child = _child_to_act_on(user, child_id, policy.can_take_part_in_disagreements)
    parties = _party_inputs(payload.parties)
    with _in_api_words(payload.parties):
        logged = services.log_disagreement(child=child, issue=payload.issue, parties=parties, by=user, now=clock.now())
    return Status(201, disagreement_out(_disagreement(user, logged.pk, read=None), child))


@router.get(
    "/disagreements/{disagreement_id}/",
    response={200: DisagreementOut, **RESPONSES},
    operation_id="getDisagreement",
    summary="One disagreement: its parties, every step on the ladder, and its resolution",
    description="404 when its child is not yours to see; 403 when you see the child but take no part in its "
    "disagreements. The read is audited (G3).",
)
def get_disagreement(request: HttpRequest, disagreement_id: UUID) -> DisagreementOut:
    d = _disagreement(user_of(request), disagreement_id, read="Looked at a disagreement through the API")
    return disagreement_out(d, d.child)


@router.post(
    "/disagreements/{disagreement_id}/escalate/",
    response={200: DisagreementOut, **RESPONSES},
    operation_id="escalateDisagreement",
    summary="Take the disagreement up one rung: to the team managers, then the operations or service manager",
    description="Says why it could not be resolved at this level; that rung's managers are told (B9-ESCALATE-*). "
    "At the top or once resolved it is a 422.",
)
def escalate_disagreement(request: HttpRequest, disagreement_id: UUID, payload: EscalateIn) -> DisagreementOut:
    user = user_of(request)
    d = _disagreement(user, disagreement_id, read=None)
    services.escalate_disagreement(disagreement=d, note=payload.note, by=user, now=clock.now())
    return disagreement_out(_disagreement(user, d.pk, read=None), d.child)


@router.post(
    "/disagreements/{disagreement_id}/resolve/",
    response={200: DisagreementOut, **RESPONSES},
    operation_id="resolveDisagreement",
    summary="Record how the disagreement was resolved",
    description="By whoever it has reached, or someone above (B9-RESOLVE-RUNG): while open, anyone taking part; "
    "once escalated, the managers of that rung. Resolved once.",
)
def resolve_disagreement(request: HttpRequest, disagreement_id: UUID, payload: ResolveIn) -> DisagreementOut:
    user = user_of(request)
    d = _disagreement(user, disagreement_id, read=None)
    services.resolve_disagreement(disagreement=d, resolution=payload.resolution, by=user, now=clock.now())
    return disagreement_out(_disagreement(user, d.pk, read=None), d.child)


# ---- Shared knowledge (B10) --------------------------------------------------------------------


@router.get(
    "/children/{child_id}/knowledge/",
    response={200: list[KnowledgeOut], **RESPONSES},
    operation_id="listSharedKnowledge",
    summary="What the child's team has shared with each other, newest first (B10)",
    description="For the child's team and managers of the holding team; others who can see the child get 403. "
    "The read is audited (G3).",
)
def list_knowledge(request: HttpRequest, child_id: UUID) -> list[KnowledgeOut]:
    user = user_of(request)
    what = "Read the knowledge shared in the team through the API"
    child = open_child(user, child_id, what=what, may=policy.can_share_knowledge)
    return [knowledge_out(k) for k in selectors.knowledge_of(child)]


@router.post(
    "/children/{child_id}/knowledge/",
    response={201: KnowledgeOut, **RESPONSES},
    operation_id="shareKnowledge",
    summary="Share knowledge with the rest of the child's team, and tell them if you choose (B10)",
    description="For the child's team and managers of the holding team; others who can see the child get 403.",
)
def share_knowledge(request: HttpRequest, child_id: UUID, payload: KnowledgeIn) -> Status[KnowledgeOut]:
    user = user_of(request)
    child = _child_to_act_on(user, child_id, policy.can_share_knowledge)
    item = services.share_knowledge(
        child=child,
        category=payload.category,
        title=payload.title,
        text=payload.text,
        link=payload.link,
        tell_team=payload.tell_team,
        by=user,
        now=clock.now(),
    )
    return Status(201, knowledge_out(selectors.knowledge_of(child).get(pk=item.pk)))
