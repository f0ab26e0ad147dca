"""EHC needs assessments and the advice asked for them (F3): every step dated, and by whom."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from joinedup.core.models import UUIDModel
from joinedup.ehc.choices import OPEN_STATUSES, AssessmentStatus, RequestedBy

S = AssessmentStatus
DECIDED = [S.NOT_ASSESSING, S.ASSESSING, S.DRAFT_ISSUED, S.FINAL_ISSUED]
DRAFTED = [S.DRAFT_ISSUED, S.FINAL_ISSUED]
UNDRAFTED = [S.REQUESTED, S.NOT_ASSESSING, S.ASSESSING]


def _on_or_after(later: str, earlier: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{later}__isnull": True}) | Q(**{f"{later}__gte": F(earlier)}), name=name
    )


class EhcNeedsAssessmentQuerySet(models.QuerySet["EhcNeedsAssessment"]):
    def open(self) -> EhcNeedsAssessmentQuerySet:
        """Assessments a child is still waiting on: requested, assessing, or draft issued."""
        return self.filter(status__in=OPEN_STATUSES)


class EhcNeedsAssessment(UUIDModel):
    """A request to the local authority for an EHC needs assessment of a child, and what came of it.

    Requested on ``requested_on``; the decision whether to assess is due 6 weeks later
    (``decision_due_on``, F3-DECISION-6-WEEKS) and the final EHC plan 20 weeks after the request
    (``final_due_on``, F3-FINAL-20-WEEKS). Both deadlines are stored when the request is recorded
    and never move. Each step keeps its date, who recorded it and when. At most one open
    assessment per child.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="ehc_assessments")
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.REQUESTED)
    requested_on = models.DateField()
    requested_by = models.CharField(max_length=20, choices=RequestedBy.choices)
    request_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    decision_due_on = models.DateField()
    final_due_on = models.DateField()
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    draft_issued_on = models.DateField(null=True, blank=True)
    draft_issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    draft_issued_at = models.DateTimeField(null=True, blank=True)
    final_issued_on = models.DateField(null=True, blank=True)
    final_issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    final_issued_at = models.DateTimeField(null=True, blank=True)
    final_plan = models.ForeignKey(
        "plans.Plan", on_delete=models.PROTECT, null=True, blank=True, related_name="ehc_assessments"
    )
    stopped_on = models.DateField(null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stopped_at = models.DateTimeField(null=True, blank=True)
    stop_reason = models.TextField(blank=True)

    objects = EhcNeedsAssessmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AssessmentStatus.values), name="ehc_status_valid"),
            models.CheckConstraint(condition=Q(requested_by__in=RequestedBy.values), name="ehc_requested_by_valid"),
            models.UniqueConstraint(
                fields=["child"], condition=Q(status__in=sorted(OPEN_STATUSES)), name="one_open_ehc_assessment"
            ),
            models.CheckConstraint(condition=Q(decision_due_on__gt=F("requested_on")), name="ehc_decision_due_after"),
            models.CheckConstraint(condition=Q(final_due_on__gt=F("decision_due_on")), name="ehc_final_due_after"),
            _on_or_after("decided_on", "requested_on", "ehc_decided_after_request"),
            _on_or_after("draft_issued_on", "decided_on", "ehc_draft_after_decision"),
            _on_or_after("final_issued_on", "draft_issued_on", "ehc_final_after_draft"),
            _on_or_after("stopped_on", "requested_on", "ehc_stopped_after_request"),
            # A stopped assessment may have been stopped before or after the decision, or the draft.
            models.CheckConstraint(
                condition=Q(status__in=DECIDED, decided_on__isnull=False)
                | Q(status=S.REQUESTED, decided_on__isnull=True)
                | Q(status=S.STOPPED),
                name="ehc_decided_when_decided",
            ),
            models.CheckConstraint(
                condition=~Q(status=S.NOT_ASSESSING) | ~Q(decision_reason=""), name="ehc_not_assessing_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DRAFTED, draft_issued_on__isnull=False)
                | Q(status__in=UNDRAFTED, draft_issued_on__isnull=True)
                | Q(status=S.STOPPED),
                name="ehc_drafted_when_drafted",
            ),
            models.CheckConstraint(
                condition=Q(status=S.FINAL_ISSUED, final_issued_on__isnull=False)
                | (~Q(status=S.FINAL_ISSUED) & Q(final_issued_on__isnull=True, final_plan__isnull=True)),
                name="ehc_final_when_final",
            ),
            models.CheckConstraint(
                condition=(Q(status=S.STOPPED, stopped_on__isnull=False) & ~Q(stop_reason=""))
                | (~Q(status=S.STOPPED) & Q(stopped_on__isnull=True)),
                name="ehc_stopped_when_stopped",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_on"], name="ehc_waiting_idx")]

    def __str__(self) -> str:
        return f"EhcNeedsAssessment {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("ehc:assessment", kwargs={"child_id": self.child_id})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class AdviceRequest(UUIDModel):
    """Advice asked of one practitioner in the child's team for an assessment (F3).

    Due 6 weeks after it was asked for (``due_on``, F3-ADVICE-6-WEEKS). ``sections`` names the
    sections of the EHC plan it feeds (``AdviceSection`` codes) and ``outcomes`` the plan's
    outcomes, so the practitioner sees how their contribution fits (NG213 1.15.20).
    """

    assessment = models.ForeignKey(EhcNeedsAssessment, on_delete=models.PROTECT, related_name="advice_requests")
    practitioner = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, related_name="ehc_advice_requests"
    )
    requested_on = models.DateField()
    due_on = models.DateField()
    sections = models.JSONField(default=list, help_text="The AdviceSection codes this advice feeds")
    outcomes = models.ManyToManyField("plans.Outcome", blank=True, related_name="ehc_advice_requests")
    question = models.TextField(blank=True, help_text="What the advice should cover")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    received_on = models.DateField(null=True, blank=True)
    received_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gt=F("requested_on")), name="ehc_advice_due_after_request"),
            _on_or_after("received_on", "requested_on", "ehc_advice_received_after_request"),
            models.UniqueConstraint(
                fields=["assessment", "practitioner"],
                condition=Q(received_on__isnull=True),
                name="one_outstanding_advice_per_practitioner",
            ),
        ]
        indexes = [models.Index(fields=["practitioner", "received_on", "due_on"], name="ehc_advice_mine_idx")]

    def __str__(self) -> str:
        return f"AdviceRequest {self.pk}"

    @property
    def is_received(self) -> bool:
        return self.received_on is not None
