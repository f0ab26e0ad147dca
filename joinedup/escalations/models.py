"""Unplanned changes in need raised to a manager (C8), and requests for family support work (C9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.core.models import UUIDModel
from joinedup.escalations.choices import (
    DECIDED_STATUSES,
    DISAGREED_STATUSES,
    NEEDS_SOCIAL_WORKER,
    OPEN_REQUEST_STATUSES,
    WAITING_STATUSES,
    DisagreementParty,
    EscalationKind,
    EscalationOutcome,
    EscalationStatus,
    RequestStatus,
)


class EscalationQuerySet(models.QuerySet["Escalation"]):
    def waiting(self) -> EscalationQuerySet:
        return self.filter(status__in=WAITING_STATUSES)


class Escalation(UUIDModel):
    """An escalation of need for a child, raised by a worker to a manager (CwDT 6.3).

    A change in need goes to the manager of the hub holding the case; a safeguarding concern
    to the duty queue of the Safeguarding & Support team managers. The manager decides the
    outcome: transfer, joint working for a period, no change, or a section 47 enquiry or
    updated single assessment by a social worker. If a team manager or the family disagrees, the
    operations manager makes the final decision (6.3.4); the team manager's outcome is kept beside it.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="escalations")
    kind = models.CharField(max_length=30, choices=EscalationKind.choices)
    what_has_changed = models.TextField()
    # None: not known yet. Need that is not time limited may need an updated assessment (CwDT 5.6).
    is_time_limited = models.BooleanField(null=True, blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField()
    # The hub holding the case when it was raised; the hub whose managers it was sent to.
    from_hub = models.ForeignKey(
        "allocation.Hub", on_delete=models.PROTECT, null=True, blank=True, related_name="escalations_raised"
    )
    to_hub = models.ForeignKey(
        "allocation.Hub", on_delete=models.PROTECT, null=True, blank=True, related_name="escalations_received"
    )
    status = models.CharField(max_length=20, choices=EscalationStatus.choices, default=EscalationStatus.OPEN)
    outcome = models.CharField(max_length=30, choices=EscalationOutcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    joint_working_until = models.DateField(null=True, blank=True)
    assessment_worker = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # A disagreement with the outcome, recorded by a team manager taking part (CwDT 6.3.4).
    disagreement_party = models.CharField(max_length=20, choices=DisagreementParty.choices, blank=True)
    disagreement_reason = models.TextField(blank=True)
    disagreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disagreed_at = models.DateTimeField(null=True, blank=True)
    # The operations manager's final decision: it stands in place of the outcome above.
    final_outcome = models.CharField(max_length=30, choices=EscalationOutcome.choices, blank=True)
    final_note = models.TextField(blank=True)
    final_joint_working_until = models.DateField(null=True, blank=True)
    final_assessment_worker = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    final_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    final_decided_at = models.DateTimeField(null=True, blank=True)

    objects = EscalationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EscalationKind.values), name="escalation_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=EscalationStatus.values), name="escalation_status_valid"),
            models.CheckConstraint(
                condition=Q(status=EscalationStatus.OPEN) | Q(to_hub__isnull=False), name="escalation_routed_to_hub"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        status__in=DECIDED_STATUSES,
                        outcome__in=EscalationOutcome.values,
                        decided_by__isnull=False,
                        decided_at__isnull=False,
                    )
                    | (
                        ~Q(status__in=DECIDED_STATUSES)
                        & Q(outcome="", decided_by__isnull=True, decided_at__isnull=True)
                    )
                ),
                name="escalation_decided_has_outcome",
            ),
            models.CheckConstraint(
                condition=(
                    (
                        Q(
                            status__in=DISAGREED_STATUSES,
                            disagreement_party__in=DisagreementParty.values,
                            disagreed_by__isnull=False,
                            disagreed_at__isnull=False,
                        )
                        & ~Q(disagreement_reason="")
                    )
                    | (
                        ~Q(status__in=DISAGREED_STATUSES)
                        & Q(
                            disagreement_party="",
                            disagreement_reason="",
                            disagreed_by__isnull=True,
                            disagreed_at__isnull=True,
                        )
                    )
                ),
                name="escalation_disagreement_has_reason",
            ),
            models.CheckConstraint(
                condition=(
                    (
                        Q(
                            status=EscalationStatus.FINAL,
                            final_outcome__in=EscalationOutcome.values,
                            final_decided_by__isnull=False,
                            final_decided_at__isnull=False,
                        )
                        & ~Q(final_note="")
                    )
                    | (
                        ~Q(status=EscalationStatus.FINAL)
                        & Q(
                            final_outcome="",
                            final_note="",
                            final_joint_working_until__isnull=True,
                            final_assessment_worker__isnull=True,
                            final_decided_by__isnull=True,
                            final_decided_at__isnull=True,
                        )
                    )
                ),
                name="escalation_final_decision_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(final_outcome=EscalationOutcome.JOINT_WORKING)
                | Q(final_joint_working_until__isnull=False),
                name="escalation_final_joint_working_has_end",
            ),
            models.CheckConstraint(
                condition=Q(final_outcome__in=NEEDS_SOCIAL_WORKER, final_assessment_worker__isnull=False)
                | (~Q(final_outcome__in=NEEDS_SOCIAL_WORKER) & Q(final_assessment_worker__isnull=True)),
                name="escalation_final_assessment_worker_when_needed",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=EscalationOutcome.JOINT_WORKING) | Q(joint_working_until__isnull=False),
                name="escalation_joint_working_has_end",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=NEEDS_SOCIAL_WORKER, assessment_worker__isnull=False)
                | (~Q(outcome__in=NEEDS_SOCIAL_WORKER) & Q(assessment_worker__isnull=True)),
                name="escalation_assessment_worker_when_needed",
            ),
        ]
        indexes = [models.Index(fields=["to_hub", "status"], name="escalation_queue_idx")]

    def __str__(self) -> str:
        return f"Escalation {self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("escalations:escalation-detail", kwargs={"escalation_id": self.pk})

    @property
    def is_waiting(self) -> bool:
        return self.status in WAITING_STATUSES

    @property
    def outcome_in_force(self) -> str:
        """The operations manager's final decision if there is one, else the team manager's outcome."""
        return self.final_outcome or self.outcome


class FamilySupportRequestQuerySet(models.QuerySet["FamilySupportRequest"]):
    def open(self) -> FamilySupportRequestQuerySet:
        return self.filter(status__in=OPEN_REQUEST_STATUSES)


class FamilySupportRequest(UUIDModel):
    """A referral for a specific piece of family support work on a Safeguarding & Support case (CwDT 6.4).

    Made by the child's social worker in agreement with their team manager; considered weekly
    by the Strengthening Families managers, who attach a family support worker, agree another
    way to meet the need, or escalate to the operations manager.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="family_support_requests")
    from_hub = models.ForeignKey("allocation.Hub", on_delete=models.PROTECT, related_name="support_requests_out")
    to_hub = models.ForeignKey("allocation.Hub", on_delete=models.PROTECT, related_name="support_requests_in")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    agreed_by_manager = models.BooleanField()
    what_family_needs = models.TextField()
    proposed_work = models.TextField()
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.WAITING)
    considered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    considered_at = models.DateTimeField(null=True, blank=True)
    attached_worker = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    allocation = models.ForeignKey(
        "allocation.Allocation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    alternative = models.TextField(blank=True)
    escalation_note = models.TextField(blank=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)

    objects = FamilySupportRequestQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="support_request_status_valid"),
            models.CheckConstraint(condition=~Q(from_hub=F("to_hub")), name="support_request_hubs_differ"),
            models.CheckConstraint(condition=Q(agreed_by_manager=True), name="support_request_agreed_by_manager"),
            models.CheckConstraint(
                condition=Q(status=RequestStatus.ATTACHED, attached_worker__isnull=False, allocation__isnull=False)
                | (~Q(status=RequestStatus.ATTACHED) & Q(attached_worker__isnull=True, allocation__isnull=True)),
                name="support_request_attached_has_worker",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.ALTERNATIVE_AGREED) | ~Q(alternative=""),
                name="support_request_alternative_has_text",
            ),
            models.CheckConstraint(
                condition=Q(escalated_at__isnull=True) | ~Q(escalation_note=""),
                name="support_request_escalation_has_note",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.ESCALATED) | Q(escalated_at__isnull=False),
                name="support_request_escalated_when",
            ),
        ]
        indexes = [models.Index(fields=["to_hub", "status"], name="support_request_queue_idx")]

    def __str__(self) -> str:
        return f"FamilySupportRequest {self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("escalations:family-support-detail", kwargs={"request_id": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES
