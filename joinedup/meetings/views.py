"""Meeting pages on the child's record (B5): the list, schedule, one meeting, move, cancel, minutes."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.accounts.models import User
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.meetings import forms, selectors, services
from joinedup.meetings.models import Meeting
from joinedup.people.models import Child
from joinedup.ui.errors import add_violations

CHANGED = "Someone else changed this meeting after you opened it. Check it and try again."


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _open(request: AuthenticatedHttpRequest, child_id: UUID, meeting_id: UUID, what: str) -> tuple[Child, Meeting]:
    child = open_child(request.user, child_id, what=what, may=policy.can_organise_meetings)
    meeting = selectors.meeting_of(child, meeting_id)
    if meeting is None:
        raise Http404("No meeting found")
    return child, meeting


def _detail(meeting: Meeting) -> HttpResponse:
    return redirect("meetings:meeting-detail", child_id=meeting.child_id, meeting_id=meeting.pk)


@login_required
@require_GET
def meeting_list(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the meetings", may=policy.can_read_meetings)
    context = {
        "child": child,
        "upcoming": selectors.upcoming_for(child, now=now()),
        "past": selectors.past_for(child, now=now()),
        "can_organise": policy.can_organise_meetings(request.user, child),
    }
    return render(request, "meetings/meeting_list.html", context)


@login_required
@require_GET
def meeting_detail(request: AuthenticatedHttpRequest, child_id: UUID, meeting_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened a meeting", may=policy.can_read_meetings)
    meeting = selectors.meeting_of(child, meeting_id)
    if meeting is None:
        raise Http404("No meeting found")
    context = {
        "child": child,
        "meeting": meeting,
        "can_organise": policy.can_organise_meetings(request.user, child),
        "has_started": meeting.starts_at <= now(),
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_schedule(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(
        request.user, child_id, what="Opened the form to schedule a meeting", may=policy.can_organise_meetings
    )
    user: User = request.user
    form = forms.ScheduleForm(
        _posted(request),
        practitioners=selectors.team_practitioners(child).exclude(user=user),
        carers=selectors.family_carers(child),
    )
    if form.is_valid():
        d = form.cleaned_data
        details = services.MeetingDetails(
            title=d["title"],
            starts_at=d["starts_at"],
            place=d["place"],
            video_link=d["video_link"],
            agenda=d["agenda"],
            arrangements=d["arrangements"],
        )
        try:
            meeting = services.schedule_meeting(
                child=child,
                details=details,
                practitioners=list(d["practitioners"]),
                carers=list(d["carers"]),
                young_person=d["young_person"],
                by=user,
                now=now(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Meeting scheduled. Everyone invited has been told.")
            return _detail(meeting)
    return render(request, "meetings/meeting_schedule.html", {"child": child, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_move(request: AuthenticatedHttpRequest, child_id: UUID, meeting_id: UUID) -> HttpResponse:
    child, meeting = _open(request, child_id, meeting_id, "Opened the form to move a meeting")
    initial = {"starts_on": services.local_day(meeting.starts_at), "version": meeting.version}
    initial |= {"starts_time": services.when_text(meeting.starts_at)[-5:], "place": meeting.place}
    form = forms.MoveForm(_posted(request), initial=initial | {"video_link": meeting.video_link})
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.move_meeting(
                meeting=meeting,
                starts_at=d["starts_at"],
                place=d["place"],
                video_link=d["video_link"],
                expected_version=d["version"],
                by=request.user,
                now=now(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            form.add_error(None, CHANGED)
        else:
            messages.success(request, "Meeting changed. Everyone invited has been told.")
            return _detail(meeting)
    return render(request, "meetings/meeting_move.html", {"child": child, "meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: AuthenticatedHttpRequest, child_id: UUID, meeting_id: UUID) -> HttpResponse:
    child, meeting = _open(request, child_id, meeting_id, "Opened the form to cancel a meeting")
    form = forms.CancelForm(_posted(request), initial={"version": meeting.version})
    if form.is_valid():
        try:
            services.cancel_meeting(
                meeting=meeting,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
                now=now(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            form.add_error(None, CHANGED)
        else:
            messages.success(request, "Meeting cancelled. Everyone invited has been told.")
            return _detail(meeting)
    return render(request, "meetings/meeting_cancel.html", {"child": child, "meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_minutes(request: AuthenticatedHttpRequest, child_id: UUID, meeting_id: UUID) -> HttpResponse:
    child, meeting = _open(request, child_id, meeting_id, "Opened the form to record the minutes of a meeting")
    form = forms.MinutesForm(
        _posted(request),
        initial={"version": meeting.version},
        outcomes=selectors.current_outcomes(child),
        owners=selectors.team_practitioners(child),
    )
    if form.is_valid():
        try:
            services.record_minutes(
                meeting=meeting,
                minutes=form.cleaned_data["minutes"],
                actions=form.cleaned_data["actions"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            form.add_error(None, CHANGED)
        else:
            messages.success(request, "Minutes recorded")
            return _detail(meeting)
    return render(request, "meetings/meeting_minutes.html", {"child": child, "meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_responses(request: AuthenticatedHttpRequest, child_id: UUID, meeting_id: UUID) -> HttpResponse:
    child, meeting = _open(request, child_id, meeting_id, "Opened the form to record replies to a meeting")
    form = forms.ResponsesForm(_posted(request), invitees=list(meeting.invitees.all()), child=child)
    if form.is_valid():
        try:
            services.record_responses(meeting=meeting, responses=form.responses(), by=request.user, now=now())
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Replies recorded")
            return _detail(meeting)
    return render(request, "meetings/meeting_responses.html", {"child": child, "meeting": meeting, "form": form})
