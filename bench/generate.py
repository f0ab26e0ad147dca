"""Build a reproducible synthetic dataset on PostgreSQL, fast, for the benchmarks (issue 6).

    .venv/bin/python -m bench.generate --size S|M|L|N [--database-url URL] [--seed 6] [--replace]

Creates the database if it is missing, migrates it, loads every table with ``COPY`` (psycopg 3),
then runs the real duty sweep (``joinedup.duties.services.sweep``) so open duties are exactly what
the sweep makes, and ANALYZEs. The same size, seed and ``--today`` give the same rows.

Named users (password ``BENCH_PASSWORD``) the query-count and sweep scripts rely on:
``bench.worker5``, ``bench.worker`` and ``bench.worker1000`` (in the interagency team of exactly 5, 50
and 1,000 children), ``bench.manager`` (team manager of a hub with many overdue duties) and
``bench.manager5`` (team manager of a hub holding 5 children).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from random import Random
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql
from tqdm import tqdm

from bench.common import SIZES, database_url, setup_django

BENCH_PASSWORD = "bench-password-not-secret"  # noqa: S105 - synthetic users on a local database
CASELOAD = 50
WORKERS_PER_HUB_TEAM = 10
CHUNK_CHILDREN = 2000


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


GIVEN = _words(
    "Amara Ben Chloe Dev Ella Finn Grace Harry Isla Jack Kai Leah Mia Noah Olivia Priya Rhys Sofia Theo "
    "Zara Aisha Callum Evie Freddie Hamza Ivy Jacob Lily Mohammed Nia Oscar Poppy Ruby Sam Tom Willow "
    "Yusuf "
)
FAMILY = _words(
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Robinson Thompson Evans Walker "
    "White Roberts Green Hall Wood Jackson Clarke Khan Hughes Edwards Lewis Turner Hill Moore Cooper Ward "
    "Morris King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young "
    "Griffiths Mitchell "
)


@dataclass(frozen=True)
class Size:
    children: int
    practitioners: int  # at least; more when the caseloads need them
    family_accounts: int
    areas: int = 1
    full: bool = True  # False (N): children, needs, team memberships, key workers and allocations only


SIZE_SPECS = {
    "S": Size(1_000, 60, 1_600),
    "M": Size(10_000, 500, 16_000),
    "L": Size(25_000, 2_000, 40_000),
    "N": Size(1_000_000, 0, 0, areas=153, full=False),
}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench.generate", description=__doc__.split("\n\n")[0])
    p.add_argument("--size", choices=SIZES, default="S")
    p.add_argument("--database-url", help="default postgres://postgres@127.0.0.1:5432/joinedup_bench_<size>")
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--today", type=date.fromisoformat, help="the day the history runs up to (default: today)")
    p.add_argument("--replace", action="store_true", help="drop and recreate the database if it has data")
    p.add_argument("--if-missing", action="store_true", help="do nothing (exit 0) if the database has data")
    p.add_argument("--no-sweep", action="store_true", help="load the history but do not run the sweep")
    return p.parse_args(argv)


# --- the database itself ---------------------------------------------------------------------------


def _maintenance_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    return urlunsplit(parts._replace(path="/postgres")), name


def _has_data(url: str) -> bool:
    try:
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT to_regclass('people_child') IS NOT NULL").fetchone()
            if not (row and row[0]):
                return False
            found = conn.execute("SELECT EXISTS (SELECT 1 FROM people_child)").fetchone()
            return bool(found and found[0])
    except psycopg.OperationalError as exc:
        if "does not exist" in str(exc):
            return False
        raise


def prepare_database(url: str, *, replace: bool) -> None:
    """Create the database if missing; with ``replace``, drop it first."""
    admin, name = _maintenance_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and replace:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# --- rows --------------------------------------------------------------------------------------------


class Ids:
    """UUIDs from the seeded generator, so a seed always gives the same identifiers."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng

    def __call__(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)


@dataclass
class Tables:
    """Rows waiting to be copied, per model, in the order they must be loaded (foreign keys)."""

    rows: dict[Any, list[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(list))
    fields: dict[Any, tuple[str, ...]] = field(default_factory=dict)

    def add(self, model: Any, fields: tuple[str, ...], row: tuple[Any, ...]) -> None:
        self.fields.setdefault(model, fields)
        self.rows[model].append(row)


class Loader:
    """COPY rows into their tables, counting rows and seconds per table."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn
        self.stats: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        self.extras: dict[str, tuple[str, ...]] = {}

    def _blanks(self, model: Any, fields: tuple[str, ...]) -> tuple[str, ...]:
        """Every NOT NULL column without a database default must be given: blank text columns left
        out are written as "", anything else left out stops the load (the model changed)."""
        table = model._meta.db_table
        if table in self.extras:
            return self.extras[table]
        given = {model._meta.get_field(f).column for f in fields}
        missing = [f for f in model._meta.concrete_fields if not f.null and f.column not in given]
        missing = [f for f in missing if not self._has_db_default(table, f.column)]
        blanks = tuple(f.name for f in missing if f.blank and f.get_internal_type() in ("CharField", "TextField"))
        rest = sorted(f.column for f in missing if f.name not in blanks)
        if rest:
            raise SystemExit(f"bench.generate: {table} needs values for {rest} (the model changed?)")
        self.extras[table] = blanks
        return blanks

    def _has_db_default(self, table: str, column: str) -> bool:
        row = self.conn.execute(
            "SELECT column_default IS NOT NULL OR is_identity = 'YES' FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = %s",
            (table, column),
        ).fetchone()
        return bool(row and row[0])

    def copy(self, model: Any, fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        blanks = self._blanks(model, fields)
        fields = fields + blanks
        pad = ("",) * len(blanks)
        table = model._meta.db_table
        columns = sql.SQL(", ").join(sql.Identifier(model._meta.get_field(f).column) for f in fields)
        started = time.perf_counter()
        with self.conn.cursor() as cur:
            stmt = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), columns)
            with cur.copy(stmt) as copy:
                for row in rows:
                    copy.write_row(row + pad if pad else row)
        stat = self.stats[table]
        stat[0] += len(rows)
        stat[1] += time.perf_counter() - started

    def commit(self) -> None:
        """Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: they are checked here."""
        started = time.perf_counter()
        self.conn.commit()
        self.stats["(commit: deferred foreign-key checks)"][1] += time.perf_counter() - started

    def flush(self, tables: Tables) -> None:
        for model, rows in tables.rows.items():
            self.copy(model, tables.fields[model], rows)
        tables.rows.clear()


# --- the generator -----------------------------------------------------------------------------------


@dataclass
class Worker:
    practitioner: uuid.UUID
    user: uuid.UUID
    team: uuid.UUID
    hub: uuid.UUID
    hub_code: str
    manager_user: uuid.UUID
    caseload: int


@dataclass
class AreaPlan:
    area: uuid.UUID
    children: int
    workers: list[Worker]
    pool: list[tuple[uuid.UUID, uuid.UUID, str]]  # practitioner, user, job role label
    nurse: tuple[uuid.UUID, uuid.UUID] | None  # bench.worker1000
    health_team: uuid.UUID
    manager_users: list[uuid.UUID]


class Generator:
    def __init__(self, size: str, seed: int, today: date, loader: Loader, models: Any) -> None:
        self.spec = SIZE_SPECS[size]
        self.size = size
        self.rng = Random(f"{seed}:{size}")
        self.uid = Ids(self.rng)
        self.today = today
        self.now = datetime.combine(today, dtime(6, 0), tzinfo=UTC)
        self.loader = loader
        self.m = models
        self.child_serial = 0
        self.user_serial = 0
        self.password = models.make_password(BENCH_PASSWORD)
        from joinedup.allocation.defaults import DEFAULT_HUBS
        from joinedup.teams.rules import DEFAULT_LEVEL, LEVELS

        self.hub_defaults = DEFAULT_HUBS
        self.contact_days = LEVELS[DEFAULT_LEVEL].contact_days

    # helpers
    def at(self, day: date, hour: int | None = None) -> datetime:
        return datetime.combine(day, dtime(hour if hour is not None else self.rng.randint(8, 17), 0), tzinfo=UTC)

    def user(self, t: Tables, *, username: str, role: str, area: uuid.UUID, first: str, last: str) -> uuid.UUID:
        uid = self.uid()
        t.add(
            self.m.User,
            (
                "id",
                "password",
                "is_superuser",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
                "role",
                "area",
            ),
            (uid, self.password, False, username, first, last, "", False, True, self.now, role, area),
        )
        return uid

    def practitioner(
        self, t: Tables, *, area: uuid.UUID, org: uuid.UUID, teams: list[uuid.UUID], username: str, role: str, job: str
    ) -> tuple[uuid.UUID, uuid.UUID]:
        m = self.m
        first, last = self.rng.choice(GIVEN), self.rng.choice(FAMILY)
        user = self.user(t, username=username, role=role, area=area, first=first, last=last)
        pid = self.uid()
        t.add(
            m.Practitioner,
            ("id", "user", "organisation", "full_name", "job_role", "phone", "email", "is_active"),
            (pid, user, org, f"{first} {last}", job, "01632 960000", f"{username}@bench.invalid", True),
        )
        for team in teams:
            t.add(m.Practitioner.teams.through, ("practitioner", "team"), (pid, team))
        return pid, user

    # the workforce of one area
    def area(self, t: Tables, index: int, children: int) -> AreaPlan:  # noqa: C901
        m = self.m
        area = self.uid()
        first_area = index == 0
        t.add(m.Area, ("id", "name"), (area, f"Bench area {index + 1:03d}"))
        orgs = {}
        for sector, name in (
            ("SOCIAL_CARE", "Children's services"),
            ("HEALTH", "Children's community health"),
            ("EDUCATION", "Education and SEND"),
            ("VOLUNTARY", "Short breaks charity"),
        ):
            orgs[sector] = self.uid()
            t.add(m.Organisation, ("id", "area", "name", "sector"), (orgs[sector], area, name, sector))
        other_teams = {}
        for sector, name, kind in (
            ("HEALTH", "Community children's nursing", "HEALTH_SERVICE"),
            ("EDUCATION", "SEN team", "SEN_TEAM"),
            ("VOLUNTARY", "Short breaks", "SHORT_BREAKS"),
        ):
            other_teams[sector] = self.uid()
            t.add(
                m.Team,
                ("id", "organisation", "name", "kind", "site"),
                (other_teams[sector], orgs[sector], name, kind, ""),
            )
        # Caseloads: bench.worker5 (alone in a small hub), bench.worker (50), then blocks of 50.
        caseloads = [5, CASELOAD] if first_area else []
        left = children - sum(caseloads)
        while left > 0:
            caseloads.append(min(CASELOAD, left))
            left -= caseloads[-1]
        codes = ["SAFEGUARDING_SUPPORT", "STRENGTHENING_FAMILIES", "REVIEW_INTERVENTION"]
        holder = {"SAFEGUARDING_SUPPORT": "SOCIAL_WORKER", "STRENGTHENING_FAMILIES": "SWAP"}
        workers: list[Worker] = []
        manager_users: list[uuid.UUID] = []
        groups: list[list[int]] = []  # indexes into caseloads, one list per hub team
        start = 0
        if first_area:
            groups.append([0])
            start = 1
        for i in range(start, len(caseloads), WORKERS_PER_HUB_TEAM):
            groups.append(list(range(i, min(i + WORKERS_PER_HUB_TEAM, len(caseloads)))))
        for g, members in enumerate(groups):
            code = codes[g % 3]
            team = self.uid()
            t.add(
                m.Team,
                ("id", "organisation", "name", "kind", "site"),
                (team, orgs["SOCIAL_CARE"], f"{self.hub_label(code)} team {g + 1}", "CWDT_HUB", ""),
            )
            hub = self.uid()
            d = self.hub_defaults[code]
            t.add(
                m.Hub,
                (
                    "id",
                    "team",
                    "code",
                    "tier",
                    "worker_roles",
                    "default_capacity",
                    "cin_review_days",
                    "review_interval_options",
                    "visit_days",
                    "version",
                ),
                (
                    hub,
                    team,
                    code,
                    d["tier"],
                    json.dumps(d["worker_roles"]),
                    d["default_capacity"],
                    d["cin_review_days"],
                    json.dumps(d["review_interval_options"]),
                    d["visit_days"],
                    0,
                ),
            )
            if first_area and g == 0:
                name = "bench.manager5"
            elif first_area and g == 1:
                name = "bench.manager"
            else:
                name = f"a{index}.manager{g}"
            _, manager_user = self.practitioner(
                t,
                area=area,
                org=orgs["SOCIAL_CARE"],
                teams=[team],
                username=name,
                role="TEAM_MANAGER",
                job="TEAM_MANAGER",
            )
            manager_users.append(manager_user)
            for w in members:
                if first_area and w == 0:
                    name = "bench.worker5"
                elif first_area and w == 1:
                    name = "bench.worker"
                else:
                    name = f"a{index}.worker{w}"
                job = holder.get(code, "FAMILY_SUPPORT_WORKER")
                pid, user = self.practitioner(
                    t, area=area, org=orgs["SOCIAL_CARE"], teams=[team], username=name, role="PRACTITIONER", job=job
                )
                workers.append(Worker(pid, user, team, hub, code, manager_user, caseloads[w]))
        nurse = None
        if first_area:
            nurse = self.practitioner(
                t,
                area=area,
                org=orgs["HEALTH"],
                teams=[other_teams["HEALTH"]],
                username="bench.worker1000",
                role="PRACTITIONER",
                job="COMMUNITY_NURSE",
            )
        used = len(workers) + len(groups) + (1 if nurse else 0)
        wanted = max(self.spec.practitioners // self.spec.areas, used + 12) if self.spec.full else used + 50
        pool = []
        jobs = [
            ("HEALTH", "COMMUNITY_NURSE", "Community children's nurse"),
            ("HEALTH", "PAEDIATRICIAN", "Paediatrician"),
            ("HEALTH", "PHYSIOTHERAPIST", "Physiotherapist"),
            ("HEALTH", "OCCUPATIONAL_THERAPIST", "Occupational therapist"),
            ("HEALTH", "SPEECH_THERAPIST", "Speech and language therapist"),
            ("HEALTH", "CAMHS_CLINICIAN", "CAMHS clinician"),
            ("EDUCATION", "TEACHER", "Teacher"),
            ("EDUCATION", "SENCO", "SENCO"),
            ("EDUCATION", "SEN_OFFICER", "SEN officer"),
            ("VOLUNTARY", "SHORT_BREAKS_WORKER", "Short breaks worker"),
        ]
        for j in range(wanted - used):
            sector, job, label = jobs[j % len(jobs)]
            pid, user = self.practitioner(
                t,
                area=area,
                org=orgs[sector],
                teams=[other_teams[sector]],
                username=f"a{index}.p{j}",
                role="PRACTITIONER",
                job=job,
            )
            pool.append((pid, user, label))
        return AreaPlan(area, children, workers, pool, nurse, other_teams["HEALTH"], manager_users)

    @staticmethod
    def hub_label(code: str) -> str:
        return {
            "SAFEGUARDING_SUPPORT": "Safeguarding & Support",
            "STRENGTHENING_FAMILIES": "Strengthening Families",
            "REVIEW_INTERVENTION": "Review & Intervention",
        }[code]

    def families(self, n: int) -> list[int]:
        """Family sizes of 2 to 4 children (1 to 3 siblings each) adding up to n."""
        sizes = []
        left = n
        while left > 0:
            if left <= 4:
                s = left
            else:
                s = self.rng.randint(2, 4)
                if left - s == 1:
                    s = s + 1 if s < 4 else s - 1
            sizes.append(s)
            left -= s
        return sizes

    # one child
    def child(self, t: Tables, plan: AreaPlan, worker: Worker, index: int, family: str) -> tuple[uuid.UUID, date]:
        m, rng = self.m, self.rng
        cid = self.uid()
        serial = self.child_serial
        self.child_serial += 1
        dob = self.today - timedelta(days=rng.randint(200, 19 * 365))
        held_since = self.today - timedelta(days=rng.randint(400, 900))  # a year or more of history
        created = self.at(held_since - timedelta(days=rng.randint(0, 30)))
        full = self.spec.full
        ehc = full and rng.random() < 0.4
        t.add(
            m.Child,
            (
                "id",
                "created_at",
                "updated_at",
                "area",
                "given_name",
                "family_name",
                "preferred_name",
                "date_of_birth",
                "nhs_number",
                "local_id",
                "address",
                "postcode",
                "ehc_plan_status",
                "legal_status",
                "school_or_setting",
                "diagnosis",
                "holding_team",
                "is_young_carer",
                "version",
            ),
            (
                cid,
                created,
                created,
                plan.area,
                rng.choice(GIVEN),
                family,
                "",
                dob,
                f"{9_000_000_000 + serial}",
                f"B{serial:08d}",
                "1 Bench Street",
                "AB1 2CD",
                "PLAN" if ehc else "NONE",
                "CHILD_IN_NEED",
                "Bench Primary School",
                "",
                worker.team,
                False,
                1,
            ),
        )
        for k, need in enumerate(rng.sample(NEEDS, rng.randint(1, 3))):
            t.add(m.ChildNeed, ("child", "need", "is_main"), (cid, need, k == 0))
        # who works with the child: the key worker (also the allocated worker), and others
        added = self.at(held_since)
        t.add(
            m.Allocation,
            (
                "id",
                "child",
                "hub",
                "practitioner",
                "relationship",
                "start_date",
                "fired_rules",
                "over_capacity_reason",
                "decided_by",
                "decided_at",
            ),
            (
                self.uid(),
                cid,
                worker.hub,
                worker.practitioner,
                "ALLOCATED",
                held_since,
                "[]",
                "",
                worker.manager_user,
                added,
            ),
        )
        t.add(
            m.KeyWorkerAssignment,
            ("id", "child", "practitioner", "start_date", "reason", "assigned_by", "assigned_at"),
            (self.uid(), cid, worker.practitioner, held_since, "The allocated worker", worker.manager_user, added),
        )
        team = [(worker.practitioner, worker.user, "Key worker")]
        if plan.nurse is not None and index < 1000:
            team.append((plan.nurse[0], plan.nurse[1], "Community children's nurse"))
        low, high = (6, 12) if full else (2, 4)
        others = rng.sample(plan.pool, min(len(plan.pool), rng.randint(low, high) - len(team)))
        team.extend(others)
        for pid, _user, role in team:
            t.add(
                m.TeamMembership,
                ("id", "child", "practitioner", "role_in_team", "start_date", "added_by", "added_at"),
                (self.uid(), cid, pid, role, held_since, worker.manager_user, added),
            )
        if full:
            self.history(t, cid, worker, team, held_since, ehc)
        return cid, dob

    def history(  # noqa: C901
        self,
        t: Tables,
        cid: uuid.UUID,
        worker: Worker,
        team: list[tuple[uuid.UUID, uuid.UUID, str]],
        held_since: date,
        ehc: bool,
    ) -> None:
        """A year or more of the child's record: profile, plans, visits, reviews, meetings, documents,
        completed duties and the audit trail of it all."""
        m, rng = self.m, self.rng
        audit = AUDIT_FIELDS
        t.add(
            m.AllAboutMe,
            (
                "child",
                "about_me",
                "what_matters_to_me",
                "life_goals",
                "ambitions",
                "likes",
                "dislikes",
                "how_to_support_me",
                "written_by",
                "version",
            ),
            (cid, "I like being outside.", "My family.", "", "", "Music", "Loud rooms", "", "OWN_WORDS", 1),
        )
        t.add(
            m.CommunicationProfile,
            ("child", "how_i_communicate", "communication_aids", "what_works", "what_to_avoid", "version"),
            (cid, "Words and signs", "", "Short sentences", "", 1),
        )
        t.add(
            m.AuditEvent,
            audit,
            (
                self.uid(),
                self.at(held_since),
                worker.manager_user,
                "CREATED",
                cid,
                "people.Child",
                str(cid),
                "Child added",
                "",
                "{}",
            ),
        )
        since = max(held_since, self.today - timedelta(days=400))
        d = self.hub_defaults[worker.hub_code]
        overdue = rng.random() < 0.3  # some children fall behind: the manager's overdue list
        for kind, every in (
            ("VISIT", d["visit_days"]),
            ("CIN_REVIEW", d["cin_review_days"] or 182),
            ("KEY_WORKER_CONTACT", self.contact_days),
        ):
            stop = self.today - timedelta(days=rng.randint(every, every + 90) if overdue else rng.randint(0, every - 1))
            day = since + timedelta(days=rng.randint(0, every // 2))
            while day <= stop:
                by = worker.user
                at = self.at(day)
                rid = self.uid()
                if kind == "VISIT":
                    t.add(
                        m.Visit,
                        ("id", "child", "visited_on", "seen", "seen_alone", "notes", "recorded_by", "recorded_at"),
                        (rid, cid, day, True, "YES", "Saw the child at home; all well.", by, at),
                    )
                    t.add(
                        m.AuditEvent,
                        audit,
                        (self.uid(), at, by, "CREATED", cid, "reviews.Visit", str(rid), "Visit recorded", "", "{}"),
                    )
                elif kind == "CIN_REVIEW":
                    t.add(
                        m.CinReview,
                        (
                            "id",
                            "child",
                            "held_on",
                            "attendees",
                            "child_views",
                            "family_views",
                            "decisions",
                            "plan_still_smart",
                            "carers_assessment_offered",
                            "step",
                            "combined_with_ehc_review",
                            "recorded_by",
                            "recorded_at",
                        ),
                        (
                            rid,
                            cid,
                            day,
                            "Key worker\nParent",
                            "I like school.",
                            "Things are better.",
                            "Carry on with the plan.",
                            True,
                            True,
                            "STAY",
                            False,
                            by,
                            at,
                        ),
                    )
                    t.add(
                        m.AuditEvent,
                        audit,
                        (
                            self.uid(),
                            at,
                            by,
                            "CREATED",
                            cid,
                            "reviews.CinReview",
                            str(rid),
                            "Child in need review recorded",
                            "",
                            "{}",
                        ),
                    )
                t.add(
                    m.Duty,
                    (
                        "id",
                        "child",
                        "kind",
                        "due_on",
                        "starts_on",
                        "owner",
                        "rule",
                        "basis",
                        "status",
                        "completed_on",
                        "completed_by",
                        "completed_at",
                        "note",
                        "created_at",
                    ),
                    (
                        self.uid(),
                        cid,
                        kind,
                        day + timedelta(days=rng.randint(0, 7)),
                        day - timedelta(days=every),
                        worker.practitioner,
                        "BENCH",
                        "Generated history",
                        "DONE",
                        day,
                        by,
                        at,
                        "",
                        at,
                    ),
                )
                day += timedelta(days=max(1, every + rng.randint(-5, 5)))
        # plans: a current child in need plan and one to three others
        kinds = ["CHILD_IN_NEED_ENDED", "HEALTH_CARE", "SHORT_BREAKS"]
        if ehc:
            kinds.append("EHC")
        plans = ["CHILD_IN_NEED", *rng.sample(kinds, rng.randint(1, 3))]
        for kind in plans:
            pid = self.uid()
            start = since + timedelta(days=rng.randint(0, 60))
            real_kind, status, ended = kind, "CURRENT", None
            if kind == "CHILD_IN_NEED_ENDED":
                real_kind, status, ended = "CHILD_IN_NEED", "ENDED", start
                start = since - timedelta(days=365)
            elif kind in ("HEALTH_CARE", "SHORT_BREAKS") and rng.random() < 0.3:
                status = "DRAFT"
            created = self.at(start)
            t.add(
                m.Plan,
                (
                    "id",
                    "child",
                    "kind",
                    "status",
                    "start_date",
                    "review_date",
                    "ended_on",
                    "end_reason",
                    "created_by",
                    "created_at",
                    "version",
                    "updated_at",
                ),
                (
                    pid,
                    cid,
                    real_kind,
                    status,
                    start,
                    start + timedelta(days=180),
                    ended,
                    "Replaced" if ended else "",
                    worker.user,
                    created,
                    1,
                    created,
                ),
            )
            t.add(
                m.PlanChange,
                ("id", "plan", "kind", "what", "details", "by", "at", "made_at_text"),
                (self.uid(), pid, "CREATED", "Plan started", "{}", worker.user, created, ""),
            )
            t.add(
                m.AuditEvent,
                audit,
                (self.uid(), created, worker.user, "CREATED", cid, "plans.Plan", str(pid), "Plan started", "", "{}"),
            )
            for o in range(rng.randint(1, 3)):
                oid = self.uid()
                section, service = (
                    ("OUTCOMES", rng.choice(("EDUCATION", "HEALTH", "SOCIAL_CARE"))) if real_kind == "EHC" else ("", "")
                )
                t.add(
                    m.Outcome,
                    (
                        "id",
                        "plan",
                        "text",
                        "ehc_section",
                        "ehc_service",
                        "pfa_area",
                        "added_at",
                        "version",
                        "updated_at",
                        "updated_by",
                    ),
                    (
                        oid,
                        pid,
                        f"Outcome {o + 1}: more independence at home",
                        section,
                        service,
                        "",
                        created,
                        1,
                        created,
                        worker.user,
                    ),
                )
                for a in range(rng.randint(1, 3)):
                    owner = rng.choice(team)
                    target = start + timedelta(days=rng.randint(30, 300))
                    t.add(
                        m.Action,
                        (
                            "id",
                            "outcome",
                            "what",
                            "responsible_practitioner",
                            "responsible_other",
                            "target_date",
                            "frequency_unit",
                            "done_on",
                            "added_at",
                            "version",
                            "updated_at",
                            "updated_by",
                        ),
                        (
                            self.uid(),
                            oid,
                            f"Action {a + 1}",
                            owner[0],
                            "",
                            target,
                            "",
                            target if target < self.today and rng.random() < 0.6 else None,
                            created,
                            1,
                            created,
                            worker.user,
                        ),
                    )
        # meetings of the team, with invitees; one planned ahead for about half the children
        day = since + timedelta(days=rng.randint(0, 90))
        while day < self.today or rng.random() < 0.5:
            held = day < self.today
            mid = self.uid()
            starts = self.at(day, 10)
            t.add(
                m.Meeting,
                (
                    "id",
                    "child",
                    "title",
                    "starts_at",
                    "place",
                    "video_link",
                    "organiser",
                    "agenda",
                    "arrangements",
                    "status",
                    "minutes",
                    "minutes_recorded_at",
                    "cancel_reason",
                    "created_by",
                    "created_at",
                    "updated_at",
                    "version",
                ),
                (
                    mid,
                    cid,
                    "Team around the child",
                    starts,
                    "Family home",
                    "",
                    worker.practitioner,
                    "Review the plan",
                    "",
                    "HELD" if held else "PLANNED",
                    "Agreed next steps." if held else "",
                    starts if held else None,
                    "",
                    worker.user,
                    starts - timedelta(days=14),
                    starts,
                    1,
                ),
            )
            for pid, _user, _role in rng.sample(team, min(len(team), rng.randint(3, 5))):
                t.add(
                    m.Invitee,
                    ("id", "meeting", "practitioner", "is_young_person", "response", "told_at"),
                    (self.uid(), mid, pid, False, "ACCEPTED", starts - timedelta(days=14)),
                )
            t.add(
                m.AuditEvent,
                audit,
                (
                    self.uid(),
                    starts - timedelta(days=14),
                    worker.user,
                    "CREATED",
                    cid,
                    "meetings.Meeting",
                    str(mid),
                    "Meeting arranged",
                    "",
                    "{}",
                ),
            )
            if not held:
                break
            day += timedelta(days=rng.randint(90, 150))
        # documents, as metadata only (no files)
        for _ in range(rng.randint(2, 4)):
            did = self.uid()
            at = self.at(since + timedelta(days=rng.randint(0, max(1, (self.today - since).days - 1))))
            kind = rng.choice(DOC_KINDS)
            sharer = rng.choice(team)[1]
            row: tuple[Any, ...]
            if kind == "WRITTEN_UPDATE":
                row = (did, cid, kind, "Update from the team", "All going well.", "", "", "", None, sharer, at)
            else:
                row = (
                    did,
                    cid,
                    kind,
                    "Letter",
                    "",
                    did.hex,
                    "letter.pdf",
                    "application/pdf",
                    rng.randint(20_000, 900_000),
                    sharer,
                    at,
                )
            t.add(
                m.SharedDocument,
                (
                    "id",
                    "child",
                    "kind",
                    "title",
                    "text",
                    "stored_name",
                    "original_name",
                    "content_type",
                    "size",
                    "shared_by",
                    "shared_at",
                ),
                row,
            )
            t.add(
                m.AuditEvent,
                audit,
                (
                    self.uid(),
                    at,
                    sharer,
                    "CREATED",
                    cid,
                    "documents.SharedDocument",
                    str(did),
                    "Document shared",
                    "",
                    "{}",
                ),
            )
        # reads of the record by the team
        for _ in range(rng.randint(10, 20)):
            at = self.at(since + timedelta(days=rng.randint(0, max(1, (self.today - since).days - 1))))
            t.add(
                m.AuditEvent,
                audit,
                (
                    self.uid(),
                    at,
                    rng.choice(team)[1],
                    "VIEWED",
                    cid,
                    "people.Child",
                    str(cid),
                    "Opened the child's page",
                    "",
                    "{}",
                ),
            )

    def family(self, t: Tables, plan: AreaPlan, children: list[tuple[uuid.UUID, date]], carers: int, name: str) -> None:
        m, rng = self.m, self.rng
        for i, (a, _) in enumerate(children):
            for b, _ in children[i + 1 :]:
                kind = rng.choice(("FULL", "FULL", "HALF", "STEP"))
                t.add(m.SiblingLink, ("child", "sibling", "kind"), (a, b, kind))
                t.add(m.SiblingLink, ("child", "sibling", "kind"), (b, a, kind))
        for k in range(carers):
            self.user_serial += 1
            first = rng.choice(GIVEN)
            user = self.user(
                t, username=f"family{self.user_serial}", role="PARENT_CARER", area=plan.area, first=first, last=name
            )
            carer = self.uid()
            t.add(
                m.Carer,
                ("id", "area", "full_name", "phone", "email", "address", "user"),
                (
                    carer,
                    plan.area,
                    f"{first} {name}",
                    "07700 900000",
                    f"family{self.user_serial}@bench.invalid",
                    "1 Bench Street",
                    user,
                ),
            )
            relationship = ("MOTHER", "FATHER", "STEP_PARENT", "GRANDPARENT")[k % 4]
            for cid, _ in children:
                t.add(
                    m.CarerLink,
                    (
                        "child",
                        "carer",
                        "relationship",
                        "has_parental_responsibility",
                        "lives_with_child",
                        "is_main_contact",
                    ),
                    (cid, carer, relationship, k < 2, k < 2, k == 0),
                )

    def run(self) -> None:
        spec = self.spec
        per_area = [
            spec.children // spec.areas + (1 if i < spec.children % spec.areas else 0) for i in range(spec.areas)
        ]
        families_total = 0
        t = Tables()
        plans = []
        for i, n in enumerate(per_area):
            plans.append(self.area(t, i, n))
        self.loader.flush(t)
        family_sizes = [self.families(n) for n in per_area] if spec.full else []
        families_total = sum(len(s) for s in family_sizes)
        carers_each, carers_extra = divmod(spec.family_accounts, families_total) if families_total else (0, 0)
        family_serial = 0
        with tqdm(total=spec.children, unit="child", file=sys.stderr, desc=f"{self.size} children") as bar:
            for a, plan in enumerate(plans):
                # child k of the area goes to the worker whose caseload block holds k
                owners = [w for w in plan.workers for _ in range(w.caseload)]
                sizes = family_sizes[a] if spec.full else [1] * plan.children
                k = 0
                pending = 0
                for size in sizes:
                    name = self.rng.choice(FAMILY)
                    members = [self.child(t, plan, owners[k + j], k + j, name) for j in range(size)]
                    k += size
                    if spec.full:
                        carers = carers_each + (1 if family_serial < carers_extra else 0)
                        family_serial += 1
                        self.family(t, plan, members, max(1, carers), name)
                    pending += size
                    bar.update(size)
                    if pending >= CHUNK_CHILDREN:
                        self.loader.flush(t)
                        pending = 0
                self.loader.flush(t)
                if spec.areas > 1:  # one transaction per area: the deferred checks stay small
                    self.loader.commit()


NEEDS = [
    "LEARNING_DISABILITY",
    "PHYSICAL_DISABILITY",
    "SENSORY_IMPAIRMENT",
    "COMPLEX_HEALTH",
    "LIFE_LIMITING",
    "MENTAL_HEALTH",
    "AUTISM_COMMUNICATION",
]
DOC_KINDS = ["HOSPITAL_LETTER", "CLINIC_LETTER", "SCHOOL_REPORT", "WRITTEN_UPDATE", "OTHER"]
AUDIT_FIELDS = ("id", "at", "user", "action", "child", "subject_type", "subject_id", "what", "why", "changes")


def _models() -> Any:
    """The models, imported after django.setup()."""
    from types import SimpleNamespace

    from django.contrib.auth.hashers import make_password

    from joinedup.accounts.models import User
    from joinedup.allocation.models import Allocation, Hub
    from joinedup.audit.models import AuditEvent
    from joinedup.documents.models import SharedDocument
    from joinedup.duties.models import Duty
    from joinedup.meetings.models import Invitee, Meeting
    from joinedup.organisations.models import Area, Organisation, Practitioner, Team
    from joinedup.people.models import (
        AllAboutMe,
        Carer,
        CarerLink,
        Child,
        ChildNeed,
        CommunicationProfile,
        SiblingLink,
    )
    from joinedup.plans.models import Action, Outcome, Plan, PlanChange
    from joinedup.reviews.models import CinReview, Visit
    from joinedup.teams.models import KeyWorkerAssignment, TeamMembership

    return SimpleNamespace(
        make_password=make_password,
        User=User,
        Allocation=Allocation,
        Hub=Hub,
        AuditEvent=AuditEvent,
        Duty=Duty,
        Invitee=Invitee,
        Meeting=Meeting,
        Area=Area,
        Organisation=Organisation,
        Practitioner=Practitioner,
        Team=Team,
        AllAboutMe=AllAboutMe,
        Carer=Carer,
        CarerLink=CarerLink,
        Child=Child,
        ChildNeed=ChildNeed,
        CommunicationProfile=CommunicationProfile,
        SiblingLink=SiblingLink,
        Action=Action,
        Outcome=Outcome,
        Plan=Plan,
        PlanChange=PlanChange,
        CinReview=CinReview,
        Visit=Visit,
        KeyWorkerAssignment=KeyWorkerAssignment,
        TeamMembership=TeamMembership,
        SharedDocument=SharedDocument,
    )


@contextlib.contextmanager
def fact_triggers_off(conn: psycopg.Connection[Any]) -> Iterator[None]:
    """While the loader's transaction runs and commits, the triggers that name children whose duty
    facts changed (``duties_factchange``) are off: the load is followed by a sweep of every child (no
    sweep has run on a new dataset), and a row for each fact row would only slow the load. Foreign
    keys stay checked. They are turned on again after the commit (not before it: PostgreSQL refuses
    to alter a table with deferred foreign-key checks pending)."""
    triggers = conn.execute(
        "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE 'duties\\_fact\\_%'"
    ).fetchall()

    def turn(state: str) -> None:
        for name, table in triggers:
            statement = sql.SQL("ALTER TABLE {} {} TRIGGER {}")
            conn.execute(statement.format(sql.Identifier(table), sql.SQL(state), sql.Identifier(name)))

    turn("DISABLE")
    yield
    turn("ENABLE")
    conn.commit()


def _sweep(today: date, now: datetime, children: int) -> tuple[float, Any]:
    from joinedup.core.processes import ForkSafeBar, usable_processes
    from joinedup.duties.services import sweep

    started = time.perf_counter()
    with ForkSafeBar(total=children, unit="child", file=sys.stderr, desc="sweep") as bar:
        result = sweep(today=today, now=now, progress=bar.update, processes=usable_processes())
    return time.perf_counter() - started, result


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    url = database_url(args.size, args.database_url)
    shown = url.split("@")[-1]
    if _has_data(url):
        if args.if_missing:
            # A dataset made by older code: its schema brought up to this code's (a new table, say).
            setup_django(url)
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            print(f"bench.generate: {shown} already has a dataset; keeping it (migrated to this code)")
            return 0
        if not args.replace:
            print(f"bench.generate: {shown} already has data. Use --replace to drop and recreate it.", file=sys.stderr)
            return 2
    started = time.perf_counter()
    prepare_database(url, replace=args.replace)
    setup_django(url)
    from django.core.management import call_command

    from joinedup.core import clock

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_s = time.perf_counter() - t0
    today = args.today or clock.today()
    with psycopg.connect(url) as conn:
        loader = Loader(conn)
        gen = Generator(args.size, args.seed, today, loader, _models())
        t0 = time.perf_counter()
        with fact_triggers_off(conn):
            gen.run()
            loader.commit()
        load_s = time.perf_counter() - t0
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")
    sweep_s, result = (0.0, None)
    if not args.no_sweep:
        sweep_s, result = _sweep(today, gen.now, gen.spec.children)
        with psycopg.connect(url, autocommit=True) as conn:
            t0 = time.perf_counter()
            conn.execute("VACUUM ANALYZE")
            vacuum_s = time.perf_counter() - t0
    report(loader, migrate_s=migrate_s, load_s=load_s, sweep_s=sweep_s, result=result)
    if not args.no_sweep:
        print(f"{'vacuum analyze':<40}{'':>12}{vacuum_s:>10.1f}")
    print(f"{'total':<40}{'':>12}{time.perf_counter() - started:>10.1f}")
    print(
        f"dataset {args.size} (seed {args.seed}, today {today}) in {shown}; password for every user: {BENCH_PASSWORD}"
    )
    return 0


def report(loader: Loader, *, migrate_s: float, load_s: float, sweep_s: float, result: Any) -> None:
    print(f"{'table':<40}{'rows':>12}{'seconds':>10}")
    rows = 0
    for table, (count, seconds) in sorted(loader.stats.items(), key=lambda kv: -kv[1][0]):
        print(f"{table:<40}{int(count):>12,}{seconds:>10.2f}" if count else f"{table:<40}{'':>12}{seconds:>10.2f}")
        rows += int(count)
    copy_s = sum(s for count, s in loader.stats.values() if count)
    print(f"{'migrate':<40}{'':>12}{migrate_s:>10.1f}")
    print(f"{'load (generate, COPY, commit)':<40}{rows:>12,}{load_s:>10.1f}  ({copy_s:.1f} s in COPY)")
    if result is not None:
        what = f"{result.created:,} duties created"
        print(f"{'sweep (real service)':<40}{result.children:>12,}{sweep_s:>10.1f}  {what}")


if __name__ == "__main__":
    raise SystemExit(main())
