"""A bare Django project doing the load test's reads and write with raw SQL: the 0.6 ratio's baseline.

Served by gunicorn as ``bench.baseline:application`` (``bench.load`` starts it). No middleware, no
sessions, no authentication, no templates: each view runs the SQL that reads (about) the rows the
real page reads, joins them into a string and returns it. The user is named in the URL. How each
page is approximated:

- My children: the practitioner, the first 100 children of their current team memberships with the
  next open duty of each, and one audit row per child listed, in one INSERT (joinedup records every
  child shown in a list, G3; it also loads the session, the user, the navigation's counts and renders).
- Child page: the child, its needs, current team with practitioners and organisations, open duties,
  the last five visits, plans with their outcomes and actions, All about me and the communication
  profile, carers, siblings, the key worker, upcoming meetings with their invitees, any contingency
  flag, and one audit row for the read (joinedup records every read, G3): 13 queries where joinedup
  makes 28 (it also checks access, the session and user, and the navigation's unread count).
- Team overdue list: the first 50 overdue open duties of the children the manager's hubs hold, with
  child and owner; how many are overdue and how many nobody owns; open and overdue duties counted
  for each of the manager's hubs; one audit row per child listed.
- Search by name: children of the practitioner's area whose family name starts with the query, 50,
  and one audit row per child found.
- Write (record a visit): insert the visit and its audit row, complete the child's open visit duty
  (joinedup also re-runs the duty rules for the child and redirects).

Every request is one transaction, as in joinedup (ATOMIC_REQUESTS).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import dj_database_url
from django.conf import settings

from config.database import postgres_options

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-baseline-" + "x" * 40,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={
            # As joinedup's settings: one transaction a request, connections kept between requests,
            # the same connection options (no JIT, no parallel workers, prepared statements:
            # config/database.py).
            "default": dj_database_url.parse(os.environ["DATABASE_URL"])
            | {
                "ATOMIC_REQUESTS": True,
                "CONN_MAX_AGE": int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
                "CONN_HEALTH_CHECKS": True,
                "OPTIONS": postgres_options(prepared_statements=True),
            }
        },
        USE_TZ=True,
        TIME_ZONE="Europe/London",
    )

import django

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


def _rows(sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _practitioner(username: str) -> tuple[Any, ...]:
    return _rows(
        "SELECT p.id, p.user_id, o.area_id FROM organisations_practitioner p"
        " JOIN accounts_user u ON u.id = p.user_id"
        " JOIN organisations_organisation o ON o.id = p.organisation_id WHERE u.username = %s",
        [username],
    )[0]


def _page(rows: list[tuple[Any, ...]]) -> HttpResponse:
    body = "\n".join("<li>" + " ".join(str(v) for v in row) + "</li>" for row in rows)
    return HttpResponse(f"<!doctype html><title>bench</title><ul>{body}</ul>")


def my_children(request: HttpRequest, username: str) -> HttpResponse:
    practitioner_id, user_id, _area = _practitioner(username)
    rows = _rows(
        "SELECT c.id, c.given_name, c.family_name, c.date_of_birth, c.nhs_number, m.role_in_team,"
        " (SELECT min(d.due_on) FROM duties_duty d WHERE d.child_id = c.id AND d.status = 'OPEN')"
        " FROM teams_teammembership m JOIN people_child c ON c.id = m.child_id"
        " WHERE m.practitioner_id = %s AND m.end_date IS NULL ORDER BY c.family_name, c.given_name, c.id LIMIT 100",
        [practitioner_id],
    )
    _audit_list([r[0] for r in rows], user_id, "LISTED", "My children")
    return _page(rows)


def child_page(request: HttpRequest, username: str, child_id: uuid.UUID) -> HttpResponse:
    _p, user_id, _area = _practitioner(username)
    rows = _rows("SELECT * FROM people_child WHERE id = %s", [child_id])
    rows += _rows("SELECT need, is_main FROM people_childneed WHERE child_id = %s", [child_id])
    rows += _rows(
        "SELECT m.role_in_team, p.full_name, p.job_role, o.name FROM teams_teammembership m"
        " JOIN organisations_practitioner p ON p.id = m.practitioner_id"
        " JOIN organisations_organisation o ON o.id = p.organisation_id"
        " WHERE m.child_id = %s AND m.end_date IS NULL",
        [child_id],
    )
    rows += _rows("SELECT kind, due_on FROM duties_duty WHERE child_id = %s AND status = 'OPEN'", [child_id])
    rows += _rows(
        "SELECT visited_on, seen FROM reviews_visit WHERE child_id = %s ORDER BY visited_on DESC LIMIT 5", [child_id]
    )
    rows += _rows("SELECT * FROM plans_plan WHERE child_id = %s", [child_id])
    # What else the page shows, each section as joinedup reads it (one query each):
    rows += _rows(
        "SELECT a.*, c.* FROM people_child ch LEFT JOIN people_allaboutme a ON a.child_id = ch.id"
        " LEFT JOIN people_communicationprofile c ON c.child_id = ch.id WHERE ch.id = %s",
        [child_id],
    )
    rows += _rows(
        "SELECT l.relationship, l.is_main_contact, c.full_name, c.phone, c.email FROM people_carerlink l"
        " JOIN people_carer c ON c.id = l.carer_id WHERE l.child_id = %s ORDER BY l.is_main_contact DESC, c.full_name",
        [child_id],
    )
    rows += _rows(
        "SELECT l.kind, s.id, s.given_name, s.family_name FROM people_siblinglink l"
        " JOIN people_child s ON s.id = l.sibling_id WHERE l.child_id = %s ORDER BY s.date_of_birth",
        [child_id],
    )
    rows += _rows(
        "SELECT p.full_name, k.start_date FROM teams_keyworkerassignment k"
        " JOIN organisations_practitioner p ON p.id = k.practitioner_id"
        " WHERE k.child_id = %s AND k.end_date IS NULL",
        [child_id],
    )
    rows += _rows(
        "SELECT o.plan_id, o.text, a.what, a.target_date, r.full_name FROM plans_outcome o"
        " JOIN plans_plan p ON p.id = o.plan_id LEFT JOIN plans_action a ON a.outcome_id = o.id"
        " LEFT JOIN organisations_practitioner r ON r.id = a.responsible_practitioner_id"
        " WHERE p.child_id = %s ORDER BY o.added_at, a.added_at",
        [child_id],
    )
    rows += _rows(
        "SELECT m.title, m.starts_at, m.place, i.response, i.practitioner_id, i.carer_id FROM meetings_meeting m"
        " LEFT JOIN meetings_invitee i ON i.meeting_id = m.id"
        " WHERE m.child_id = %s AND m.status = 'PLANNED' AND m.starts_at > now() ORDER BY m.starts_at",
        [child_id],
    )
    rows += _rows("SELECT kind, raised_at FROM contingency_contingencyflag WHERE child_id = %s", [child_id])
    _audit(child_id, user_id, "VIEWED", "Opened the child's page")
    return _page(rows)


def _audit_list(child_ids: Any, user_id: Any, action: str, what: str) -> None:
    """One audit row per child shown in a list, in one INSERT, as joinedup records them (G3)."""
    ids = list(child_ids)
    if not ids:
        return
    _rows(
        "INSERT INTO audit_auditevent (id, at, action, subject_type, subject_id, what, why, changes, child_id,"
        " user_id) SELECT gen_random_uuid(), now(), %s, 'people.child', c::text, %s, '', '{}', c, %s"
        " FROM unnest(%s::uuid[]) AS c RETURNING id",
        [action, what, user_id, ids],
    )


def _audit(child_id: Any, user_id: Any, action: str, what: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (id, at, action, subject_type, subject_id, what, why, changes, child_id,"
            " user_id) VALUES (%s, now(), %s, 'people.child', %s, %s, '', '{}', %s, %s)",
            [uuid.uuid4(), action, str(child_id), what, child_id, user_id],
        )


def team_overdue(request: HttpRequest, username: str) -> HttpResponse:
    practitioner_id, user_id, _area = _practitioner(username)
    today = dt.datetime.now(ZoneInfo("Europe/London")).date()
    rows = _rows(
        "SELECT d.child_id, d.kind, d.due_on, c.given_name, c.family_name, o.full_name FROM duties_duty d"
        " JOIN people_child c ON c.id = d.child_id LEFT JOIN organisations_practitioner o ON o.id = d.owner_id"
        " WHERE d.status = 'OPEN' AND d.due_on < %s AND c.holding_team_id IN"
        " (SELECT team_id FROM organisations_practitioner_teams WHERE practitioner_id = %s)"
        " ORDER BY d.due_on, c.family_name, c.given_name, d.id LIMIT 50",
        [today, practitioner_id],
    )
    rows += _rows(
        "SELECT count(*) FILTER (WHERE d.due_on < %s), count(*) FILTER (WHERE d.due_on >= %s AND d.owner_id IS NULL)"
        " FROM duties_duty d JOIN people_child c ON c.id = d.child_id WHERE d.status = 'OPEN' AND c.holding_team_id IN"
        " (SELECT team_id FROM organisations_practitioner_teams WHERE practitioner_id = %s)",
        [today, today, practitioner_id],
    )
    rows += _rows(
        "SELECT c.holding_team_id, count(*), count(*) FILTER (WHERE d.due_on < %s) FROM duties_duty d"
        " JOIN people_child c ON c.id = d.child_id WHERE d.status = 'OPEN' AND c.holding_team_id IN"
        " (SELECT team_id FROM organisations_practitioner_teams WHERE practitioner_id = %s) GROUP BY c.holding_team_id",
        [today, practitioner_id],
    )
    _audit_list({r[0] for r in rows[:50] if len(r) == 6}, user_id, "LISTED", "Team overdue list")
    return _page(rows)


def search(request: HttpRequest, username: str) -> HttpResponse:
    _p, user_id, area_id = _practitioner(username)
    rows = _rows(
        "SELECT id, given_name, family_name, date_of_birth FROM people_child WHERE area_id = %s"
        " AND family_name ILIKE %s ORDER BY family_name, given_name, id LIMIT 50",
        [area_id, request.GET.get("q", "") + "%"],
    )
    _audit_list([r[0] for r in rows], user_id, "SEARCHED", "Found in a search")
    return _page(rows)


@csrf_exempt
def visit(request: HttpRequest, username: str, child_id: uuid.UUID) -> HttpResponse:
    _p, user_id, _area = _practitioner(username)
    today = dt.datetime.now(ZoneInfo("Europe/London")).date()
    visit_id = uuid.uuid4()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reviews_visit (id, visited_on, seen, seen_alone, notes, recorded_at, child_id,"
            " recorded_by_id) VALUES (%s, %s, true, 'YES', %s, now(), %s, %s)",
            [visit_id, today, request.POST.get("notes", ""), child_id, user_id],
        )
        cursor.execute(
            "UPDATE duties_duty SET status = 'DONE', completed_on = %s, completed_at = now(), completed_by_id = %s"
            " WHERE child_id = %s AND kind = 'VISIT' AND status = 'OPEN'",
            [today, user_id, child_id],
        )
    _audit(child_id, user_id, "CREATED", "Recorded a visit")
    return HttpResponse(status=302, headers={"Location": f"/{username}/children/{child_id}/"})


urlpatterns = [
    path("<str:username>/children/", my_children),
    path("<str:username>/children/search/", search),
    path("<str:username>/children/<uuid:child_id>/", child_page),
    path("<str:username>/children/<uuid:child_id>/visits/new/", visit),
    path("<str:username>/duties/team/", team_overdue),
]

application = get_wsgi_application()
