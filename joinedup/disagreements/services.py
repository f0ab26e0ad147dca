"""Every change to disagreements (B9) and shared knowledge (B10).

Each service checks the rules, writes its audit event and tells the people concerned
(``notifications.notify``), all in the caller's transaction: a change that rolls back tells nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.urls import reverse

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations
from joinedup.disagreements import rules, selectors
from joinedup.disagreements.choices import DisagreementStatus, PartyKind, StepKind
from joinedup.disagreements.models import Disagreement, DisagreementParty, DisagreementStep, SharedKnowledge
from joinedup.disagreements.rules import PartyInput
from joinedup.notifications.services import notify
from joinedup.people.models import Child

STEP_FOR_RUNG = {
    DisagreementStatus.TEAM_MANAGERS: StepKind.ESCALATED_TO_TEAM_MANAGERS,
    DisagreementStatus.OPERATIONS: StepKind.ESCALATED_TO_OPERATIONS,
}


def _party(disagreement: Disagreement, who: str, wants: str) -> DisagreementParty:
    kind, _, key = who.partition(":")
    if who == selectors.CHILD_KEY:
        return DisagreementParty(disagreement=disagreement, kind=PartyKind.CHILD, wants=wants)
    if kind == "P":
        return DisagreementParty(
            disagreement=disagreement, kind=PartyKind.PRACTITIONER, practitioner_id=key, wants=wants
        )
    return DisagreementParty(disagreement=disagreement, kind=PartyKind.CARER, carer_id=key, wants=wants)


@transaction.atomic
def log_disagreement(
    *, child: Child, issue: str, parties: Sequence[PartyInput], by: User, now: datetime
) -> Disagreement:
    """Log a disagreement within the team or with the family, with each party and what they want (B9)."""
    allowed = {key for key, _ in selectors.party_choices(child)}
    if violations := rules.log_violations(issue=issue, parties=parties, allowed=allowed):
        raise RuleViolations(violations)
    disagreement = Disagreement.objects.create(child=child, issue=issue.strip(), raised_by=by, raised_at=now)
    DisagreementParty.objects.bulk_create(
        _party(disagreement, p.who.strip(), p.wants.strip()) for p in parties if p.who.strip()
    )
    DisagreementStep.objects.create(disagreement=disagreement, kind=StepKind.LOGGED, note=issue.strip(), by=by, at=now)
    audit.record(
        action=AuditAction.CREATED, by=by, at=now, child=child, subject=disagreement, what="Logged a disagreement"
    )
    return disagreement


def _locked(disagreement: Disagreement) -> Disagreement:
    """The row as it is now, locked: two people acting at once cannot both move it."""
    return Disagreement.objects.select_for_update().select_related("child").get(pk=disagreement.pk)


@transaction.atomic
def escalate_disagreement(*, disagreement: Disagreement, note: str, by: User, now: datetime) -> Disagreement:
    """Take the disagreement up one rung of the ladder and tell that rung's managers (B9, CwDT 6.3.4)."""
    disagreement = _locked(disagreement)
    rung = rules.next_rung(disagreement.status)
    managers = selectors.managers_on_rung(disagreement.child, rung) if rung is not None else []
    violations = rules.escalation_violations(status=disagreement.status, note=note, managers_on_next_rung=len(managers))
    if violations or rung is None:  # no rung above: escalation_violations has said why
        raise RuleViolations(violations)
    before = disagreement.status
    disagreement.status = rung
    disagreement.save(update_fields=["status"])
    DisagreementStep.objects.create(
        disagreement=disagreement, kind=STEP_FOR_RUNG[rung], note=note.strip(), by=by, at=now
    )
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=disagreement.child,
        subject=disagreement,
        what=f"Escalated a disagreement: {rung.label.lower()}",
        why=note.strip(),
        changes={"status": [before, rung.value]},
    )
    notify(
        recipients=[u for u in managers if u.pk != by.pk],
        subject="A disagreement has been escalated to you",
        body=(
            f"A disagreement about child {disagreement.child.local_id} has been escalated to you "
            "because it could not be resolved. Open it to see the parties and what each wants."
        ),
        link=disagreement.get_absolute_url(),
        child=disagreement.child,
        now=now,
    )
    return disagreement


@transaction.atomic
def resolve_disagreement(*, disagreement: Disagreement, resolution: str, by: User, now: datetime) -> Disagreement:
    """Record how the disagreement was resolved, by someone on the rung it has reached (B9)."""
    disagreement = _locked(disagreement)
    rank = policy.disagreement_rank(by, disagreement.child)
    if violations := rules.resolution_violations(status=disagreement.status, resolution=resolution, rank=rank):
        raise RuleViolations(violations)
    before = disagreement.status
    disagreement.status = DisagreementStatus.RESOLVED
    disagreement.resolution = resolution.strip()
    disagreement.resolved_by = by
    disagreement.resolved_at = now
    disagreement.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    DisagreementStep.objects.create(
        disagreement=disagreement, kind=StepKind.RESOLVED, note=resolution.strip(), by=by, at=now
    )
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=disagreement.child,
        subject=disagreement,
        what="Recorded how a disagreement was resolved",
        changes={"status": [before, DisagreementStatus.RESOLVED.value]},
    )
    return disagreement


# ---- B10: shared knowledge ---------------------------------------------------------------------


@transaction.atomic
def share_knowledge(
    *, child: Child, category: str, title: str, text: str, link: str, tell_team: bool, by: User, now: datetime
) -> SharedKnowledge:
    """Post knowledge for the rest of the child's team; tell the other current members if asked (B10)."""
    if violations := rules.knowledge_violations(category=category, title=title, text=text, link=link):
        raise RuleViolations(violations)
    item = SharedKnowledge.objects.create(
        child=child,
        category=category,
        title=title.strip(),
        text=text.strip(),
        link=link.strip(),
        posted_by=by,
        posted_at=now,
    )
    audit.record(
        action=AuditAction.CREATED, by=by, at=now, child=child, subject=item, what="Shared knowledge with the team"
    )
    team = {u.pk: u for u in selectors.current_team_users(child)}
    told = rules.who_to_tell(members=team, poster=by.pk, tell_team=tell_team)
    notify(
        recipients=[team[pk] for pk in told],
        subject="New knowledge shared in a child's team",
        body=(
            f"A member of the team around child {child.local_id} has shared "
            f"{item.get_category_display().lower()}. Open the child's shared knowledge to read it."
        ),
        link=reverse("disagreements:knowledge", kwargs={"child_id": child.pk}),
        child=child,
        now=now,
    )
    return item
