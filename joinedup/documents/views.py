"""Letters and updates shared with the team (B5): the list, share one, one document, its file; and,
for a parent or carer who was told, the document in their family view.

Opening one document (its page or its file) is audited by ``services.open_document``, naming the
document, instead of by ``open_child``: the one read row says which letter was opened, and the
reader's told row records when they first opened it.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.core.clock import now
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import RuleViolations
from joinedup.documents import forms, selectors, services
from joinedup.documents.models import SharedDocument
from joinedup.documents.storage import document_storage
from joinedup.people.models import Child
from joinedup.ui.errors import add_violations


def _document(request: AuthenticatedHttpRequest, child_id: UUID, document_id: UUID) -> tuple[Child, SharedDocument]:
    """The child through access (invisible 404, may not read 403), then one of its documents (else 404)."""
    child = policy.get_child_or_404(request.user, child_id)
    if not policy.can_read_documents(request.user, child):
        raise PermissionDenied
    document = selectors.document_of(child, document_id)
    if document is None:
        raise Http404("No document found")
    return child, document


def _file(document: SharedDocument) -> FileResponse:
    """The stored file, offered as a download under its (checked) original name, never shown inline."""
    try:
        handle = document_storage().open(document.stored_name, "rb")
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def document_list(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the letters and updates", may=policy.can_read_documents)
    context = {
        "child": child,
        "documents": selectors.documents_of(child),
        "can_share": policy.can_share_documents(request.user, child),
    }
    return render(request, "documents/document_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_share(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(
        request.user, child_id, what="Opened the form to share a letter or update", may=policy.can_share_documents
    )
    posted = request.method == "POST"
    form = forms.ShareForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        practitioners=selectors.team_practitioners(child).exclude(user=request.user),
        carers=selectors.family_carers(child),
    )
    if form.is_valid():
        d = form.cleaned_data
        try:
            document = services.share_document(
                child=child,
                details=services.ShareDetails(kind=d["kind"], title=d["title"], text=d["text"]),
                file=d["file"],
                file_name=d["file"].name if d["file"] else "",
                practitioners=list(d["practitioners"]),
                carers=list(d.get("carers") or []),
                by=request.user,
                now=now(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Shared. Everyone you chose has been told.")
            return redirect("documents:document-detail", child_id=child.pk, document_id=document.pk)
    return render(request, "documents/document_share.html", {"child": child, "form": form})


@login_required
@require_GET
def document_detail(request: AuthenticatedHttpRequest, child_id: UUID, document_id: UUID) -> HttpResponse:
    child, document = _document(request, child_id, document_id)
    what = "Opened a letter's details and told log" if document.has_file else "Read a written update"
    services.open_document(document=document, by=request.user, now=now(), what=what)
    return render(request, "documents/document_detail.html", {"child": child, "document": document})


@login_required
@require_GET
def document_file(request: AuthenticatedHttpRequest, child_id: UUID, document_id: UUID) -> HttpResponseBase:
    _, document = _document(request, child_id, document_id)
    if not document.has_file:
        raise Http404("A written update has no file")
    services.open_document(document=document, by=request.user, now=now(), what="Opened a shared letter or report")
    return _file(document)


def _family_document(request: AuthenticatedHttpRequest, child_id: UUID, document_id: UUID) -> SharedDocument:
    """A document the parent or carer was told about, of their own child; anything else is 404."""
    child = policy.get_family_child_or_404(request.user, child_id)
    document = selectors.family_document_of(request.user, child, document_id)
    if document is None:
        raise Http404("No document found")
    return document


@login_required
@require_GET
def family_document(request: AuthenticatedHttpRequest, child_id: UUID, document_id: UUID) -> HttpResponse:
    document = _family_document(request, child_id, document_id)
    services.open_document(
        document=document, by=request.user, now=now(), what="Opened a shared letter in the family view"
    )
    return render(request, "documents/family_document.html", {"child": document.child, "document": document})


@login_required
@require_GET
def family_document_file(request: AuthenticatedHttpRequest, child_id: UUID, document_id: UUID) -> HttpResponseBase:
    document = _family_document(request, child_id, document_id)
    if not document.has_file:
        raise Http404("A written update has no file")
    services.open_document(
        document=document, by=request.user, now=now(), what="Opened a shared letter in the family view"
    )
    return _file(document)
