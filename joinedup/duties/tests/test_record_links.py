"""Each duty's row links to where it is recorded done, and says for whom to screen readers."""

import uuid

import pytest
from django.urls import reverse

from joinedup.duties.choices import DutyKind
from joinedup.duties.models import Duty
from joinedup.duties.record_links import record_link

CHILD = uuid.uuid4()


@pytest.mark.parametrize(
    ("kind", "route", "text"),
    [
        (DutyKind.VISIT, "reviews:visit-record", "Record a visit"),
        (DutyKind.CIN_REVIEW, "reviews:review-record", "Record the review"),
        (DutyKind.EHC_DECISION_TO_ASSESS, "ehc:assessment", "Go to the EHC needs assessment"),
        (DutyKind.EHC_FINAL_PLAN, "ehc:assessment", "Go to the EHC needs assessment"),
    ],
)
def test_a_duty_with_its_own_record_links_to_that_record(kind, route, text):
    link = record_link(Duty(kind=kind), CHILD, " for Ada Okafor")
    assert link == (
        f'<a class="govuk-link" href="{reverse(route, args=[CHILD])}">{text}'
        '<span class="govuk-visually-hidden"> for Ada Okafor</span></a>'
    )


@pytest.mark.parametrize("kind", [DutyKind.KEY_WORKER_CONTACT, DutyKind.EHC_ANNUAL_REVIEW, DutyKind.PFA_PLAN])
def test_any_other_duty_is_ticked_off_and_named(kind):
    duty = Duty(kind=kind)
    link = record_link(duty, CHILD)
    assert f'href="{reverse("duties:duty-done", args=[CHILD, duty.pk])}"' in link
    assert f'Record as done<span class="govuk-visually-hidden">: {kind.label.lower()}</span>' in link


def test_the_childs_name_is_escaped():
    link = record_link(Duty(kind=DutyKind.VISIT), CHILD, " for Tom & <b>Jerry</b>")
    assert "<b>" not in link
    assert " for Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;" in link
