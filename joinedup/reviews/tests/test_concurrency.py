"""Two people record a visit to the same child at the same moment: both visits stand (C5)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from joinedup.duties import services as duties
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import Duty
from joinedup.reviews import services
from joinedup.reviews.choices import SeenAlone
from joinedup.reviews.models import Visit


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two real connections; SQLite serialises writers")
def test_r_c5_two_visits_recorded_at_once_are_both_kept_and_complete_the_duty_once(transactional_world):
    world = transactional_world
    today = timezone.localdate()
    duties.sweep(today=today, now=timezone.now())
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def record(by):
        barrier.wait()
        try:
            services.record_visit(
                child=world.child,
                visited_on=today,
                seen=True,
                seen_alone=SeenAlone.YES,
                notes="Seen at home",
                by=by,
                now=timezone.now(),
                today=today,
            )
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    people = [world.key_worker.user, world.team_member.user]
    threads = [threading.Thread(target=record, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Visit.objects.filter(child=world.child).count() == 2
    visits = Duty.objects.filter(child=world.child, kind=DutyKind.VISIT)
    assert visits.filter(status=DutyStatus.DONE, completed_on=today).count() == 1
    assert visits.filter(status=DutyStatus.OPEN).count() == 1  # the next one, scheduled once
