"""The inbox: a signed-in person's own messages, newest first."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from joinedup.core.clock import now
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.notifications import selectors, services


@login_required
@require_GET
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    notifications = selectors.own_notifications(request.user)
    context = {
        "notifications": notifications,
        "any_unread": any(n.is_unread for n in notifications),
        "inbox_size": selectors.INBOX_SIZE,
    }
    return render(request, "notifications/notification_list.html", context)


@login_required
@require_POST
def notification_mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    if services.mark_all_read(user=request.user, now=now()):
        messages.success(request, "All your messages are marked as read.")
    return redirect("notifications:notification-list")


@login_required
@require_GET
def notification_open(request: AuthenticatedHttpRequest, notification_id: UUID) -> HttpResponse:
    """Mark the message read and go where it points (or back to the inbox). Someone else's is a 404."""
    notification = selectors.get_own_notification_or_404(request.user, notification_id)
    services.mark_read(notification=notification, by=request.user, now=now())
    if notification.link and services.is_local_path(notification.link):
        return HttpResponseRedirect(notification.link)
    return redirect("notifications:notification-list")
