"""Reads of shared letters and updates for the child's pages: fixed query counts, explicit ordering."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Prefetch, QuerySet

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.documents.models import SharedDocument, Told
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Carer, Child
from joinedup.teams.models import TeamMembership


def _with_log(qs: QuerySet[SharedDocument]) -> QuerySet[SharedDocument]:
    told = Told.objects.select_related("user__practitioner__organisation", "user__carer").order_by(
        "told_at", "user__practitioner__full_name", "user__carer__full_name", "id"
    )
    return qs.select_related("shared_by__practitioner__organisation").prefetch_related(Prefetch("told", queryset=told))


def documents_of(child: Child) -> list[SharedDocument]:
    """The child's shared letters and updates, newest first, each with its told log."""
    return list(_with_log(SharedDocument.objects.filter(child=child)).order_by("-shared_at", "-id"))


def document_of(child: Child, document_id: UUID) -> SharedDocument | None:
    """One shared letter or update of this child (never another child's), with its told log."""
    return _with_log(SharedDocument.objects.filter(child=child, pk=document_id)).select_related("child").first()


def team_practitioners(child: Child) -> QuerySet[Practitioner]:
    """Current members of the child's interagency team, every sector, by name."""
    ids = TeamMembership.objects.current().filter(child=child).values("practitioner_id")
    return Practitioner.objects.filter(pk__in=ids).select_related("organisation", "user").order_by("full_name", "id")


def family_carers(child: Child) -> QuerySet[Carer]:
    """The child's parents and carers who have an account, so can be told in joinedup."""
    return (
        Carer.objects.filter(child_links__child=child, user__isnull=False)
        .select_related("user")
        .order_by("full_name", "id")
    )


def for_family(user: User, child: Child) -> list[SharedDocument]:
    """What a parent or carer sees: the letters and updates they were told about, newest first."""
    qs = policy.documents_for_family(user, child).select_related("shared_by__practitioner__organisation")
    return list(qs.order_by("-shared_at", "-id"))


def family_document_of(user: User, child: Child, document_id: UUID) -> SharedDocument | None:
    return policy.documents_for_family(user, child).filter(pk=document_id).select_related("child").first()
