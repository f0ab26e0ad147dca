"""The demo sign-ins: who they are and what each will see, read back from the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from joinedup.access.policy import visible_children
from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.core.dates import age_on
from joinedup.demo.plan import DEMO_PASSWORD, DemoUser
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.teams.models import KeyWorkerAssignment

SIGN_IN_URL = "http://127.0.0.1:8000/accounts/sign-in/"


@dataclass(frozen=True)
class DemoSignIn:
    username: str
    role: str
    sees: str


@dataclass(frozen=True)
class DemoSignIns:
    """What ``joinedup seed`` and ``joinedup demo`` print: one shared password, one sign-in per role."""

    password: str
    url: str
    sign_ins: tuple[DemoSignIn, ...]

    def as_text(self) -> str:
        if not self.sign_ins:
            return "This database has no demo sign-ins."
        width = max(len(s.username) for s in self.sign_ins)
        role_width = max(len(s.role) for s in self.sign_ins)
        rows = [f"  {s.username:<{width}}  {s.role:<{role_width}}  {s.sees}" for s in self.sign_ins]
        return "\n".join(
            [
                f"Sign in at {self.url}",
                f"Every demo sign-in uses the password: {self.password}",
                "",
                f"  {'username':<{width}}  {'role':<{role_width}}  sees",
                *rows,
            ]
        )


def _caseload(user: User) -> str:
    practitioner = user.practitioner
    children = visible_children(user).count()
    key = KeyWorkerAssignment.objects.current().filter(practitioner=practitioner).count()
    teams = ", ".join(sorted(t.name for t in practitioner.teams.all()))
    return f"{practitioner.get_job_role_display()}, {teams}: {children} children, key worker for {key}"


def _managed(user: User) -> str:
    practitioner = user.practitioner
    if user.role == Role.OPERATIONS_MANAGER:
        scope = practitioner.organisation.name
    else:
        scope = ", ".join(sorted(t.name for t in practitioner.teams.all()))
    children = visible_children(user)
    without = children.exclude(pk__in=KeyWorkerAssignment.objects.current().values("child_id")).count()
    return f"Manages {scope}: {children.count()} children, {without} without a key worker"


def _parent(user: User) -> str:
    names = sorted(c.known_as for c in Child.objects.filter(carer_links__carer__user=user))
    return f"Family view for their children {' and '.join(names)}"


def _young_person(user: User, today: date) -> str:
    child = Child.objects.get(user=user)
    return f"Their own record: {child.known_as}, aged {age_on(child.date_of_birth, today)}"


_SEES: dict[str, Callable[[User, date], str]] = {
    DemoUser.SOCIAL_WORKER: lambda u, _: _caseload(u),
    DemoUser.FAMILY_SUPPORT: lambda u, _: _caseload(u),
    DemoUser.TEAM_MANAGER: lambda u, _: _managed(u),
    DemoUser.OPS_MANAGER: lambda u, _: _managed(u),
    DemoUser.NURSE: lambda u, _: _caseload(u),
    DemoUser.TEACHER: lambda u, _: _caseload(u),
    DemoUser.COMMISSIONER: lambda u, _: "Figures for the area, never a named child",
    DemoUser.ADMIN: lambda u, _: "Configuration: hubs, organisations, users; no case content",
    DemoUser.PARENT: lambda u, _: _parent(u),
    DemoUser.YOUNG_PERSON: _young_person,
}


def describe_sign_ins(*, today: date) -> DemoSignIns:
    """The demo sign-ins found in the database (any that are missing are left out)."""
    users = {u.username: u for u in User.objects.filter(username__in=_SEES).select_related("practitioner")}
    sign_ins = []
    for username, sees in _SEES.items():
        if (user := users.get(username)) is None:
            continue
        try:
            sign_ins.append(DemoSignIn(username, user.get_role_display(), sees(user, today)))
        except (Practitioner.DoesNotExist, Child.DoesNotExist):
            continue
    return DemoSignIns(password=DEMO_PASSWORD, url=SIGN_IN_URL, sign_ins=tuple(sign_ins))
