"""The demo's reviews, visits and transition milestones: what was done before the Monday, then the
duty sweep, so My children, Due this week and the overdue lists look like a real team's.

Bulk-loaded like the rest of the carried-over record (no audit rows for the history); the sweep
that follows is the real one and audits as it does every night.
"""

from __future__ import annotations

import random
import zlib
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from joinedup.allocation.models import Hub
from joinedup.core.dates import age_on, birthday
from joinedup.duties import services as duties
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import Duty
from joinedup.people.models import Child
from joinedup.teams.rules import DEFAULT_LEVEL, LEVELS

if TYPE_CHECKING:
    from joinedup.demo.writer import Writer

ON_TIME = 0.88  # about one child in eight has a visit or review overdue on the Monday
MILESTONES = (
    (DutyKind.PFA_PLAN, 14, 0.85),
    (DutyKind.ADULT_SOCIAL_CARE_REFERRAL, 16, 0.85),
    (DutyKind.POST_18_PLAN, 17, 0.7),
)


def duty_history(writer: Writer) -> None:
    today = writer.today
    cadences = {h.team_id: h for h in Hub.objects.filter(team__organisation__area=writer.area)}
    done = []
    for child in Child.objects.filter(area=writer.area, holding_team__isnull=False).order_by("local_id"):
        hub = cadences.get(child.holding_team_id) if child.holding_team_id else None
        if hub is None:
            continue
        rng = random.Random(zlib.crc32(child.local_id.encode()))  # the same history for a seed and day
        for kind, days in ((DutyKind.VISIT, hub.visit_days), (DutyKind.CIN_REVIEW, hub.cin_review_days or 182)):
            back = rng.randint(1, days - 1) if rng.random() < ON_TIME else rng.randint(days + 1, days + 30)
            done.append(_done(child, kind, today - timedelta(days=back), today))
        # B4-CONTACT: the key worker's last contact, at the standard frequency (a separate stream, so
        # the visits and reviews above stay as they were).
        contact = random.Random(zlib.crc32(f"{child.local_id} contact".encode()))
        days = LEVELS[DEFAULT_LEVEL].contact_days
        back = contact.randint(1, days - 1) if contact.random() < ON_TIME else contact.randint(days + 1, days + 14)
        done.append(_done(child, DutyKind.KEY_WORKER_CONTACT, today - timedelta(days=back), today))
        for kind, age, likely in MILESTONES:
            if age_on(child.date_of_birth, today) >= age and rng.random() < likely:
                done.append(_done(child, kind, birthday(child.date_of_birth, age) - timedelta(days=30), today))
    Duty.objects.bulk_create(done)
    duties.sweep(today=today, now=datetime.combine(today, time(6, 0), tzinfo=UTC))


def _done(child: Child, kind: DutyKind, on: date, today: date) -> Duty:
    on = min(on, today)
    return Duty(
        child=child,
        kind=kind,
        due_on=on,
        starts_on=on,
        rule="DEMO-HISTORY",
        basis="Done before joinedup's demo began",
        status=DutyStatus.DONE,
        completed_on=on,
        created_at=datetime.combine(on, time(12, 0), tzinfo=UTC),
    )
