"""Shapes the JSON API accepts and returns: errors, paging, children and their teams, referrals,
allocations, transfers and escalations.

Outputs give choices as plain strings, so a new status or outcome never breaks a client; inputs take
the choices as enums, so the OpenAPI document lists what is accepted. A new optional input field goes
at the end of its schema with a default; a new output field, with a default or ``from_attributes``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from joinedup.accounts.models import User
from joinedup.allocation.choices import RespiteFunding, RiskTier, WorkerRelationship
from joinedup.allocation.models import Hub
from joinedup.escalations.choices import EscalationKind, EscalationOutcome
from joinedup.people.choices import Need, SiblingKind
from joinedup.referrals.choices import Decision, ReferralSource

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
    limit: int = Field(100, ge=1, le=MAX_PAGE_SIZE, description="How many to return")
    # Bounded: a larger offset than any caseload overflows SQLite's integers (found by schemathesis).
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many to skip")


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


# ---- Shared by the CwDT endpoints ------------------------------------------------------------

# Text that must say something: surrounding spaces are dropped, and nothing left is refused.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class HubOut(Schema):
    id: UUID
    code: str = Field(description="SAFEGUARDING_SUPPORT, STRENGTHENING_FAMILIES or REVIEW_INTERVENTION")
    name: str = Field(description="The name of the hub's team")


class PersonOut(Schema):
    """Who did something: the user, and their name as colleagues know it."""

    user_id: UUID
    name: str


def hub_out(hub: Hub) -> HubOut:
    return HubOut(id=hub.pk, code=hub.code, name=hub.team.name)


def person_out(user: User) -> PersonOut:
    """A practitioner by their name; anyone else by their account's name (select ``practitioner``)."""
    practitioner = getattr(user, "practitioner", None)  # None: the reverse one-to-one is missing
    name = practitioner.full_name if practitioner is not None else (user.get_full_name() or user.username)
    return PersonOut(user_id=user.pk, name=name)


# ---- Referrals (C1) ---------------------------------------------------------------------------


class CriterionMetOut(Schema):
    code: str
    text: str
    needs: list[str] = Field(description="The referral's needs that meet this criterion")


class ReferralSummary(Schema):
    id: UUID
    status: str = Field(description="RECEIVED (waiting for a decision), ACCEPTED or NOT_ACCEPTED")
    source: str
    received_on: date
    given_name: str
    family_name: str
    date_of_birth: date
    child_id: UUID | None = Field(description="The child's record, once the referral is accepted")


class ReferralPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReferralSummary]


class ReferralOut(ReferralSummary):
    nhs_number: str
    needs: list[str]
    reason: str
    severe: bool = Field(description="The disability is severe or profound (CwDT 1.2)")
    recorded_by: PersonOut
    recorded_at: datetime
    decided_by: PersonOut | None
    decided_at: datetime | None
    decision_reason: str
    sibling_of_id: UUID | None = Field(description="A brother or sister already known (A4-SIBLING)")
    sibling_kind: str
    criteria_met: list[CriterionMetOut] = Field(
        description="Waiting: the area's active criteria the referral meets now. Decided: as they read "
        "when it was decided (C1-CRITERIA)"
    )


class ReferralIn(Schema):
    """A referral received by the Children with Disabilities Team (C1-REFERRAL)."""

    model_config = ConfigDict(extra="forbid")

    source: ReferralSource
    received_on: date
    given_name: Name
    family_name: Name
    date_of_birth: date
    nhs_number: str = Field("", max_length=20, description="10 digits, if known; spaces are ignored")
    needs: list[Need] = Field(description="The child's disabilities and needs; never a diagnosis")
    severe: bool = Field(description="The disability is severe or profound (CwDT 1.2)")
    reason: str = Field(max_length=4000, description="Why the child is referred")
    sibling_local_id: str = Field(
        "", max_length=30, description="The local ID of a brother or sister already known (A4-SIBLING)"
    )
    sibling_kind: SiblingKind = SiblingKind.FULL


class ReferralDecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decision: Decision = Field(description="ACCEPT: the Safeguarding & Support hub does a single assessment")
    reason: str = Field("", max_length=4000, description="Needed when not accepted")
    local_id: str = Field("", max_length=30, description="For the child's new record; blank: one is made")


# ---- Allocation decisions (C3, C4) ------------------------------------------------------------


class ChildFactsIn(Schema):
    """What the manager knows about the child. Every fact is required: none defaults to "no" (C3)."""

    model_config = ConfigDict(extra="forbid")

    risk_tier: RiskTier
    section_47_open: bool
    single_assessment_needed: bool
    child_protection_plan: bool = Field(description="On a child protection plan, or at risk of needing one")
    looked_after_or_edge_of_care: bool
    complex_needs_beyond_disability: bool
    overnight_respite: RespiteFunding
    stable_support_package: bool
    change_in_need_not_time_limited: bool


class AllocateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    facts: ChildFactsIn
    hub_id: UUID
    practitioner_id: UUID = Field(description="A worker of that hub whose job the hub uses")
    relationship: WorkerRelationship
    over_capacity_reason: str = Field(
        "", max_length=1000, description="Only an operations or service manager may allocate beyond capacity"
    )
    review_interval_days: int | None = Field(
        None,
        ge=1,
        le=3650,
        description="Review & Intervention only: how often the child in need plan is reviewed, one of the hub's "
        "review_interval_options (182 or 365 days by default) (C5-RI-INTERVAL)",
    )


class FiredRuleOut(Schema):
    rule: str
    hub: str
    roles: list[str] = Field(description="The job roles this rule allows to hold the case")
    reason: str
    outweighed_by: str | None = Field(None, description="The rule that decided the hub instead")


class AllocationOut(Schema):
    id: UUID
    child_id: UUID
    hub: HubOut
    practitioner_id: UUID
    name: str
    job_role: str
    relationship: str = Field(description="ALLOCATED (holds the case), ASSIGNED or ATTACHED")
    start_date: date
    end_date: date | None
    fired_rules: list[FiredRuleOut] = Field(description="Every rule that fired, and why, as decided (C3)")
    over_capacity_reason: str
    decided_by: PersonOut
    decided_at: datetime


# ---- Planned transfers (C7) -------------------------------------------------------------------


class TransferSummary(Schema):
    id: UUID
    child_id: UUID
    child_name: str
    from_hub: HubOut
    to_hub: HubOut
    status: str = Field(description="PROPOSED, ESCALATED, AGREED, COMPLETED, DECLINED or WITHDRAWN")
    reason: str
    proposed_at: datetime
    last_reviewed_at: datetime
    not_reviewed_for_days: int | None = Field(description="Set when not reviewed for 7 days or more (C7-WEEKLY)")
    delayed_by_capacity: bool = Field(description="Flagged to the operations manager (C7-CAPACITY)")


class TransferEventOut(Schema):
    step: str
    label: str
    by: PersonOut
    at: datetime
    note: str


class TransferOut(TransferSummary):
    proposed_by: PersonOut
    timescale_date: date | None
    family_told_on: date | None
    recording_confirmed: bool
    plan_smart_confirmed: bool
    introductions_done_on: date | None
    planned_review_on: date | None
    closed_at: datetime | None
    events: list[TransferEventOut] = Field(description="Every step taken, oldest first")
    steps_available: list[str] = Field(description="The steps you may take now")


class TransferIn(Schema):
    model_config = ConfigDict(extra="forbid")

    to_hub_id: UUID
    reason: str = Field(max_length=2000, description="Why the child should move hub")


# The steps of transfers/rules.py TRANSITIONS, spelt out so the OpenAPI document lists exactly what is
# accepted (a test keeps the two the same). Adding a child to the list is ``proposeTransfer``.
TransferStepName = Literal[
    "AGREE",
    "NOT_AGREE",
    "DECIDE_TRANSFER",
    "DECIDE_STAY",
    "SET_TIMESCALE",
    "FAMILY_TOLD",
    "RECORDING_CONFIRMED",
    "PLAN_SMART",
    "CAPACITY_DELAY",
    "REVIEWED",
    "COMPLETE",
    "WITHDRAW",
]


class TransferStepIn(Schema):
    """One step of the transfer (C7-STEP). SET_TIMESCALE and FAMILY_TOLD need ``on``; COMPLETE needs
    ``on`` (introductions completed) unless the planned review has been held; NOT_AGREE, DECIDE_STAY
    and WITHDRAW need a ``note`` giving the reason."""

    model_config = ConfigDict(extra="forbid")

    step: TransferStepName
    note: str = Field("", max_length=2000)
    on: date | None = None


# ---- Escalations (C8) -------------------------------------------------------------------------


class EscalationOut(Schema):
    id: UUID
    child_id: UUID
    kind: str = Field(description="CHANGE_IN_NEED or SAFEGUARDING_CONCERN")
    what_has_changed: str
    is_time_limited: bool | None = Field(description="None: not known yet")
    raised_by: PersonOut
    raised_at: datetime
    from_hub: HubOut | None = Field(description="The hub holding the case when it was raised")
    to_hub: HubOut | None = Field(description="The hub whose managers it was sent to")
    status: str = Field(description="WITH_MANAGER, IN_DUTY_QUEUE, DECIDED, DISAGREED or FINAL")
    outcome: str = Field(description="The team manager's outcome; empty until decided")
    outcome_note: str
    joint_working_until: date | None
    assessment_worker_id: UUID | None = Field(description="The social worker doing the enquiry or assessment")
    decided_by: PersonOut | None
    decided_at: datetime | None
    disagreement_party: str = Field(description="TEAM_MANAGERS or FAMILY, once someone disagrees (CwDT 6.3.4)")
    disagreement_reason: str
    final_outcome: str = Field(description="The operations manager's final decision, in place of the outcome")
    final_note: str
    final_decided_at: datetime | None


class EscalationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: EscalationKind
    what_has_changed: str = Field(max_length=4000)
    is_time_limited: bool | None = Field(description="Is the increased need time limited? null: not known yet")


class EscalationOutcomeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    outcome: EscalationOutcome
    outcome_note: str = Field("", max_length=4000, description="Needed for NO_CHANGE: say why")
    joint_working_until: date | None = Field(None, description="Needed for JOINT_WORKING, after today")
    assessment_worker_id: UUID | None = Field(
        None, description="Needed for SECTION_47 and UPDATED_SINGLE_ASSESSMENT: a social worker in the area"
    )
