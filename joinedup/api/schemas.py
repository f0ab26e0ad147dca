"""Shapes the JSON API accepts and returns: errors, paging, children and their teams."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict

MAX_PAGE_SIZE = 500


class Error(Schema):
    """Any refusal that is not about the input: 401, 403 and 404."""

    detail: str


class FieldError(Schema):
    """One broken rule or invalid input field. ``field`` is None when it is about the whole request."""

    rule: str
    field: str | None
    message: str


class ValidationErrors(Schema):
    """422: the input was invalid or a rule refused the change; nothing was stored."""

    detail: list[FieldError]


MAX_OFFSET = 10_000_000


class PageParams(Schema):
    limit: int = Field(100, ge=1, le=MAX_PAGE_SIZE, description="How many children to return")
    # Bounded: a larger offset than any caseload overflows SQLite's integers (found by schemathesis).
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many children to skip")


class ChildSummary(Schema):
    id: UUID
    given_name: str
    family_name: str
    preferred_name: str
    date_of_birth: date
    nhs_number: str | None
    local_id: str
    holding_team: str | None = Field(description="The name of the team that holds the case")
    ehc_plan_status: str
    legal_status: str
    is_key_child: bool = Field(description="The signed-in user is the child's current key worker")


class ChildPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ChildSummary]


class AllAboutMeOut(Schema):
    about_me: str
    what_matters_to_me: str
    life_goals: str
    ambitions: str
    likes: str
    dislikes: str
    how_to_support_me: str
    written_by: str
    updated_at: datetime | None


class CommunicationProfileOut(Schema):
    how_i_communicate: str
    communication_aids: str
    what_works: str
    what_to_avoid: str
    updated_at: datetime | None


class CarerOut(Schema):
    name: str
    relationship: str
    has_parental_responsibility: bool
    phone: str
    email: str


class SiblingOut(Schema):
    id: UUID
    name: str
    kind: str


class KeyWorkerOut(Schema):
    practitioner_id: UUID
    name: str
    job_role: str
    organisation: str
    phone: str
    email: str
    start_date: date


class ChildDetail(ChildSummary):
    all_about_me: AllAboutMeOut | None
    communication_profile: CommunicationProfileOut | None
    needs: list[str]
    carers: list[CarerOut]
    siblings: list[SiblingOut] = Field(description="Siblings whose record the user may also see")
    siblings_held_elsewhere: int = Field(description="How many siblings' records are not shared with the user")
    key_worker: KeyWorkerOut | None


class TeamMemberOut(Schema):
    membership_id: UUID
    practitioner_id: UUID
    name: str
    role_in_team: str
    job_role: str
    organisation: str
    sector: str
    phone: str
    email: str
    start_date: date
    is_key_worker: bool


class TeamOut(Schema):
    members: list[TeamMemberOut]
    unmet_needs: list[str] = Field(description="The child's needs no current member has the skills for (B1)")


class TeamMemberIn(Schema):
    model_config = ConfigDict(extra="forbid")

    practitioner_id: UUID
    role_in_team: str = Field(max_length=100)
    start_date: date


class KeyWorkerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    practitioner_id: UUID
    reason: str


class KeyWorkerAssignmentOut(Schema):
    id: UUID
    child_id: UUID
    practitioner_id: UUID
    name: str
    start_date: date
    reason: str
    assigned_at: datetime
