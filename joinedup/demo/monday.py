"""A Monday morning in the demo area: the steps of the delivery model, taken through the real services.

The carried-over case record (children, teams, allocations) is bulk-loaded by the writer with no
audit rows: nobody did that. The steps here are things people in the story did over the last
fortnight (a referral recorded and decided, a transfer proposed and agreed, a concern raised), so
they go through each app's services as the demo managers and workers, at fixed moments on the
working days before the day the area is built for. The services check every rule (a transfer moves
only through its state machine; a section 47 only to a social worker), write their audit rows and
put their messages in the inbox, as they would for a real step. Nothing here reads the clock.

Which children play which part is chosen in ``joinedup.demo.cast``; a part nobody fits (a very
small area) is left out.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from joinedup.accounts.models import User
from joinedup.allocation.models import Hub
from joinedup.closure import services as closure_services
from joinedup.consultations import services as consultation_services
from joinedup.consultations.choices import AdvisedTeam
from joinedup.demo import keyworking
from joinedup.demo.cast import (
    CLOSED_MOVED_AREA_BACK,
    CLOSED_PAST_RETENTION_BACK,
    Part,
    Referred,
    at,
    working_day,
)
from joinedup.demo.plan import HUBS, REVIEW, SAFEGUARDING, STRENGTHENING, DemoUser
from joinedup.escalations import services as escalation_services
from joinedup.escalations.choices import EscalationKind, EscalationOutcome, RequestStep
from joinedup.escalations.models import FamilySupportRequest
from joinedup.organisations.choices import JobRole
from joinedup.organisations.models import Practitioner
from joinedup.people.choices import Need
from joinedup.people.models import Child
from joinedup.referrals import services as referral_services
from joinedup.referrals.choices import ReferralSource
from joinedup.teams.models import TeamMembership
from joinedup.transfers import services as transfer_services
from joinedup.transfers.choices import TransferStep
from joinedup.transfers.models import Transfer

if TYPE_CHECKING:
    from joinedup.demo.writer import Writer


class Morning:
    """The demo's people, hubs and cast, and one method per section of the delivery model."""

    def __init__(self, writer: Writer) -> None:
        self.plan, self.today = writer.plan, writer.today
        self.area = writer.area
        self.cast = writer.plan.monday.cast
        self.users = {u.username: u for u in User.objects.filter(area=writer.area).select_related("practitioner")}
        self.hubs = {key: Hub.objects.select_related("team").get(team=writer.teams[key]) for key in HUBS}
        self.manager = {
            key: next(
                p.username for p in self.plan.practitioners if key in p.team_keys and p.job_role == JobRole.TEAM_MANAGER
            )
            for key in HUBS
        }

    # ---- helpers -------------------------------------------------------------------------------

    def day(self, back: int) -> date:
        return working_day(self.today, back)

    def user(self, username: str) -> User:
        return self.users[username]

    def manager_of(self, hub: str) -> User:
        return self.users[self.manager[hub]]

    @property
    def team_manager(self) -> User:
        return self.users[DemoUser.TEAM_MANAGER]

    @property
    def ops_manager(self) -> User:
        return self.users[DemoUser.OPS_MANAGER]

    def child(self, part: str) -> Child | None:
        local_id = self.cast.get(part)
        return Child.objects.get(area=self.area, local_id=local_id) if local_id else None

    def worker(self, child: Child, hub: str, jobs: tuple[str, ...], rather: str = "") -> User:
        """A current member of the child's team doing one of ``jobs`` in ``hub``: ``rather`` if they are."""
        members = list(
            TeamMembership.objects.current()
            .filter(child=child, practitioner__job_role__in=jobs, practitioner__teams=self.hubs[hub].team)
            .select_related("practitioner__user")
            .order_by("start_date", "practitioner__user__username")  # never by the random primary key
        )
        chosen = next((m for m in members if m.practitioner.user.username == rather), members[0])
        return chosen.practitioner.user

    def later(self, days: int) -> date:
        return self.today + timedelta(days=days)

    def step(
        self,
        transfer: Transfer,
        step: TransferStep,
        by: User,
        when: datetime,
        *,
        note: str = "",
        on: date | None = None,
    ) -> Transfer:
        return transfer_services.take_step(
            transfer=transfer, step=step, by=by, now=when, today=when.date(), note=note, on=on
        )

    # ---- 1.2, 3.1: referrals -------------------------------------------------------------------

    def referrals(self) -> None:
        """Three waiting for a decision (two from MASH: one meets the criteria, one does not), one
        accepted (the child is held by Safeguarding & Support for a single assessment), one not
        accepted with where the family was signposted."""
        first = self.day(6)
        # The criteria load the first time a manager opens the referrals, as the page does.
        referral_services.load_default_criteria(area=self.area, by=self.team_manager, now=at(first, 8, 50))
        self.refer(
            Referred.ACCEPTED,
            ReferralSource.MASH,
            first,
            (Need.SENSORY_IMPAIRMENT, Need.LEARNING_DISABILITY),
            "Deafblind with a severe learning disability. The family moved into the area last month and the "
            "previous area's assessment is out of date. MASH screening: needs a specialist assessment.",
            decide=(
                True,
                self.team_manager,
                at(self.day(4), 11, 30),
                "Meets the criteria: severe sensory impairment and learning disability. Single assessment by "
                "Safeguarding & Support; allocate a social worker this week.",
            ),
        )
        self.refer(
            Referred.NOT_ACCEPTED,
            ReferralSource.EDUCATION,
            self.day(5),
            (Need.LEARNING_DISABILITY,),
            "Moderate learning difficulties. The school asks for help after school: the parents find the "
            "evenings hard since the child moved up to the juniors.",
            severe=False,
            decide=(
                False,
                self.ops_manager,
                at(self.day(3), 15, 5),
                "The disability is not severe or profound, so the criteria for the specialist team are not met. "
                "Signposted to the locality early help team (the school can start an early help assessment) and "
                "to the local offer for after-school clubs and short breaks.",
            ),
        )
        self.refer(
            Referred.HEALTH_WAITING,
            ReferralSource.HEALTH,
            self.day(3),
            (Need.LIFE_LIMITING, Need.PHYSICAL_DISABILITY),
            "Spinal muscular atrophy. The community paediatrician refers for support with care at home and "
            "short breaks as the child's needs increase.",
        )
        self.refer(
            Referred.MASH_DOES_NOT_MEET,
            ReferralSource.MASH,
            self.day(1),
            (Need.AUTISM_COMMUNICATION,),
            "Autism diagnosed last year. Speaks in sentences and attends a mainstream primary school with SEN "
            "support. The parents ask for help with behaviour at home. MASH asks for a threshold decision.",
            severe=False,
        )
        self.refer(
            Referred.MASH_MEETS,
            ReferralSource.MASH,
            self.day(1),
            (Need.LEARNING_DISABILITY, Need.COMPLEX_HEALTH),
            "Profound and multiple learning disabilities with epilepsy; fed by gastrostomy. The mother is the "
            "only carer and has asked for help: she has not slept a full night in months. MASH screening: "
            "needs a specialist assessment.",
        )
        self.sibling_referral()

    def sibling_referral(self) -> None:
        """One family, one social worker (CwDT 1.4): a younger brother of a child Strengthening
        Families holds, referred by the family, waiting for a decision. The criterion A4-SIBLING is
        met whatever his own needs; accepting links the two and tells Strengthening Families."""
        who = self.plan.monday.referred.get(Referred.SIBLING)
        cast = set(self.cast.values())
        held = (
            Child.objects.filter(area=self.area, holding_team=self.hubs[STRENGTHENING].team)
            .exclude(local_id__in=cast)
            .order_by("local_id")  # never by the random primary key
            .first()
        )
        if who is None or held is None:
            return
        received = self.day(2)
        referral_services.record_referral(
            source=ReferralSource.FAMILY,
            received_on=received,
            given_name=who.given_name,
            family_name=held.family_name,
            date_of_birth=who.date_of_birth,
            nhs_number=who.nhs_number,
            needs=[],
            reason=(
                f"Mum asks for help with {who.given_name}, who is 4 and has no disability: his older brother or "
                f"sister ({held.given_name}) is held by Strengthening Families and the family is struggling."
            ),
            severe=False,
            sibling_local_id=held.local_id,
            by=self.team_manager,
            now=at(received, 10, 40),
            today=received,
        )

    def refer(
        self,
        part: str,
        source: str,
        received_on: date,
        needs: tuple[str, ...],
        reason: str,
        *,
        severe: bool = True,
        decide: tuple[bool, User, datetime, str] | None = None,
    ) -> None:
        who = self.plan.monday.referred.get(part)
        if who is None:
            return
        recorded = at(received_on, 15, 20)
        referral = referral_services.record_referral(
            source=source,
            received_on=received_on,
            given_name=who.given_name,
            family_name=who.family_name,
            date_of_birth=who.date_of_birth,
            nhs_number=who.nhs_number,
            needs=list(needs),
            reason=reason,
            severe=severe,
            by=self.team_manager,
            now=recorded,
            today=received_on,
        )
        if decide is not None:
            accept, by, when, why = decide
            referral_services.decide_referral(
                referral=referral,
                accept=accept,
                reason=why,
                by=by,
                now=when,
                today=when.date(),
                local_id=who.local_id,
            )

    # ---- 6.2: planned transfers ----------------------------------------------------------------

    def transfers(self) -> None:
        """Five children on the internal transfer list, each at a different step."""
        ss, sf, ri = self.hubs[SAFEGUARDING], self.hubs[STRENGTHENING], self.hubs[REVIEW]
        sf_manager = self.manager_of(STRENGTHENING)
        if child := self.child(Part.STEP_DOWN_PREPARING):
            t = transfer_services.propose_transfer(
                child=child,
                to_hub=sf,
                reason="The single assessment is complete and the initial child in need review agreed that the "
                "needs now arise from the disability, with no safeguarding concerns: Strengthening Families "
                "can hold the plan (CwDT 3.4).",
                by=self.team_manager,
                now=at(self.day(9), 10, 15),
            )
            self.step(t, TransferStep.AGREE, sf_manager, at(self.day(7), 14, 30), note="Agreed: a SWAP has room.")
            self.step(t, TransferStep.SET_TIMESCALE, self.team_manager, at(self.day(7), 15, 0), on=self.later(14))
            self.step(t, TransferStep.FAMILY_TOLD, self.team_manager, at(self.day(2), 11, 20), on=self.day(2))
        if child := self.child(Part.CAPACITY_DELAY):
            t = transfer_services.propose_transfer(
                child=child,
                to_hub=sf,
                reason="Needs now arise from the disability and the family are managing well with the "
                "support package; the child in need review agreed a step-down.",
                by=self.team_manager,
                now=at(self.day(8), 11, 0),
            )
            self.step(t, TransferStep.AGREE, sf_manager, at(self.day(6), 10, 30))
            self.step(
                t,
                TransferStep.CAPACITY_DELAY,
                sf_manager,
                at(self.day(3), 9, 15),
                note="No family support worker has room for another assigned case until two cases close at the "
                "end of the month. The operations manager is asked to consider case management meanwhile.",
            )
        if child := self.child(Part.NOT_AGREED):
            t = transfer_services.propose_transfer(
                child=child,
                to_hub=sf,
                reason="The section 47 enquiry closed with no further action and risk has reduced. The family "
                "want to keep working with us on sleep and short breaks: proposed step-down.",
                by=self.team_manager,
                now=at(self.day(6), 10, 5),
            )
            self.step(
                t,
                TransferStep.NOT_AGREE,
                sf_manager,
                at(self.day(3), 16, 10),
                note="Not yet: the strategy discussion was five weeks ago and the plan still has safeguarding "
                "actions open. Keep it in Safeguarding & Support until the next child in need review.",
            )
        if child := self.child(Part.STEP_DOWN_TO_REVIEW):
            transfer_services.propose_transfer(
                child=child,
                to_hub=ri,
                reason="The direct payments for short breaks are stable and well managed by the family, and there "
                "are no concerns about the care at home. The child in need review agreed the plan can be held "
                "in Review & Intervention (CwDT 4.5, 5.1).",
                by=sf_manager,
                now=at(self.day(1), 9, 40),
            )
        if child := self.child(Part.NOT_REVIEWED):
            transfer_services.propose_transfer(
                child=child,
                to_hub=ss,
                reason="The updated single assessment recommends more social work involvement: the family's "
                "circumstances have changed and the parents say they cannot keep the child at home without "
                "more help. Proposed step-up to Safeguarding & Support (CwDT 4.4).",
                by=sf_manager,
                now=at(self.day(8), 9, 30),
            )

    # ---- 6.3: unplanned changes in need ---------------------------------------------------------

    def escalations(self) -> None:
        """A concern about an R&I child in the S&S duty queue, a change in need with the SF team
        manager, and a change in need decided last week with joint working until a date."""
        if child := self.child(Part.CONCERN_IN_REVIEW):
            raiser = self.worker(child, REVIEW, (JobRole.FAMILY_SUPPORT_WORKER, JobRole.SWAP, JobRole.SOCIAL_WORKER))
            escalation_services.raise_escalation(
                child=child,
                kind=EscalationKind.SAFEGUARDING_CONCERN,
                what_has_changed="On the home visit today the child had bruising on both upper arms that the parent "
                "could not explain. The parent said they are at breaking point since the short breaks stopped "
                "last month. Raised for a safeguarding response.",
                is_time_limited=None,
                by=raiser,
                now=at(self.day(1), 16, 40),
            )
        if child := self.child(Part.CHANGE_IN_NEED):
            raiser = self.worker(child, STRENGTHENING, (JobRole.FAMILY_SUPPORT_WORKER,), DemoUser.FAMILY_SUPPORT)
            escalation_services.raise_escalation(
                child=child,
                kind=EscalationKind.CHANGE_IN_NEED,
                what_has_changed="Sleep has broken down since the new medication: the child is awake most nights "
                "and both parents are exhausted. The short-break provider has given notice. The parents ask "
                "for more help; this is not going to settle in a few weeks.",
                is_time_limited=False,
                by=raiser,
                now=at(self.day(2), 13, 10),
            )
        if child := self.child(Part.JOINT_WORKING):
            raiser = self.worker(child, SAFEGUARDING, (JobRole.SOCIAL_WORKER,), DemoUser.SOCIAL_WORKER)
            escalation = escalation_services.raise_escalation(
                child=child,
                kind=EscalationKind.CHANGE_IN_NEED,
                what_has_changed="The mother is in hospital for at least four weeks. The father is caring alone and "
                "cannot manage the evening and night-time routines with work.",
                is_time_limited=True,
                by=raiser,
                now=at(self.day(8), 10, 0),
            )
            escalation_services.decide_escalation(
                escalation=escalation,
                outcome=EscalationOutcome.JOINT_WORKING,
                outcome_note="A family support worker from Strengthening Families works alongside the social "
                "worker on the evening routines until the mother is home. Review on the end date.",
                joint_working_until=self.later(28),
                assessment_worker=None,
                by=self.team_manager,
                now=at(self.day(7), 12, 30),
                today=self.day(7),
            )

    # ---- 6.4: family support requests -----------------------------------------------------------

    def family_support(self) -> None:
        """Two requests in the Strengthening Families weekly queue (one waiting over a week) and one
        with a family support worker attached."""
        sf_manager = self.manager_of(STRENGTHENING)
        if child := self.child(Part.SUPPORT_ATTACHED):
            request = self.ask(
                child,
                at(self.day(9), 14, 0),
                "The child's views for the next review: they use signs and symbols and find new adults hard.",
                "Eight weekly sessions of direct work using the child's symbols and Talking Mats, to hear what they "
                "think about school, short breaks and home before the review.",
            )
            attached = self.user(DemoUser.FAMILY_SUPPORT).practitioner
            escalation_services.consider_family_support(
                support_request=request,
                step=RequestStep.ATTACH,
                worker=Practitioner.objects.get(pk=attached.pk),
                alternative="",
                escalation_note="",
                by=sf_manager,
                now=at(self.day(6), 11, 0),
                today=self.day(6),
            )
        if child := self.child(Part.SUPPORT_WAITING_LONG):
            self.ask(
                child,
                at(self.day(7), 15, 45),
                "Help to set up a bedtime routine: the parents ask for practical support at home two evenings a week.",
                "Six weeks of evening sessions at home by a family support worker, working to the sleep plan from "
                "the community nursing team.",
            )
        if child := self.child(Part.SUPPORT_WAITING):
            self.ask(
                child,
                at(self.day(1), 10, 20),
                "Supervised family time with the father, who lives apart from the children, as agreed at the child "
                "in need meeting.",
                "A family support worker to supervise fortnightly family time at the family centre for three months "
                "and write up how each session went.",
            )

    def ask(self, child: Child, when: datetime, needs: str, work: str) -> FamilySupportRequest:
        social_worker = self.worker(child, SAFEGUARDING, (JobRole.SOCIAL_WORKER,), DemoUser.SOCIAL_WORKER)
        return escalation_services.request_family_support(
            child=child,
            agreed_by_manager=True,
            what_family_needs=needs,
            proposed_work=work,
            by=social_worker,
            now=when,
        )

    # ---- 8.2 to 8.5: consultations --------------------------------------------------------------

    def consultations(self) -> None:
        """Advice the team gave an area team, early help and youth justice, on the children's files."""
        advice = (
            (
                Part.ADVICE_AREA_TEAM,
                SAFEGUARDING,
                (JobRole.SOCIAL_WORKER,),
                DemoUser.SOCIAL_WORKER,
                AdvisedTeam.AREA_TEAM,
                "Duty social worker, Northtown area team",
                4,
                "The area team is assessing a cousin who is staying with the family and asked how to plan their "
                "visits around the child's communication needs and routines.",
                "Visit after school once the child has settled, keep to the same worker, and use the child's "
                "picture timetable to show who is coming. Avoid the hour before bedtime.",
            ),
            (
                Part.ADVICE_EARLY_HELP,
                STRENGTHENING,
                (JobRole.FAMILY_SUPPORT_WORKER,),
                DemoUser.FAMILY_SUPPORT,
                AdvisedTeam.EARLY_HELP,
                "Early help key worker, Westmoor locality",
                3,
                "The early help worker supporting the older brother asked which holiday activities can include a "
                "child who uses a wheelchair and needs a hoist.",
                "The short-breaks charity's holiday club has a hoist and changing places toilet; the leisure centre "
                "runs inclusive swimming on Saturdays. Both are on the local offer; a short-breaks assessment "
                "is not needed for either.",
            ),
            (
                Part.ADVICE_YOUTH_JUSTICE,
                SAFEGUARDING,
                (JobRole.SOCIAL_WORKER,),
                DemoUser.SOCIAL_WORKER,
                AdvisedTeam.YOUTH_JUSTICE,
                "Youth justice officer",
                2,
                "The youth justice officer asked how to explain the conditions of an out-of-court disposal so "
                "that the young person understands them.",
                "Use short sentences and one condition at a time, with the young person's symbols; ask them to "
                "explain each condition back. Meet at school with their key adult there, not at the office.",
            ),
        )
        for part, hub, jobs, rather, team, contact, back, question, answer in advice:
            if child := self.child(part):
                consultation_services.record_consultation(
                    child=child,
                    advised_team=team,
                    advised_team_name="",
                    advised_contact=contact,
                    given_on=self.day(back),
                    question=question,
                    advice=answer,
                    by=self.worker(child, hub, jobs, rather),
                    now=at(self.day(back), 16, 0),
                    today=self.day(back),
                )

    # ---- 7.3.3: closure ------------------------------------------------------------------------

    def closures(self) -> None:
        """Two cases closed in the last weeks: one is past its retention date (on the administrator's
        report), one (moved area) is kept until the 25th birthday. The young person who turns 18 today
        is left open for the reviewer to close."""
        first = self.day(CLOSED_PAST_RETENTION_BACK)
        # The area's closure reasons load the first time a case closes, as closing does.
        loaded = closure_services.load_default_reasons(
            area=self.area, by=self.manager_of(REVIEW), now=at(first, 15, 25)
        )
        reasons = {r.code: r for r in loaded}
        for part, code, back, note in (
            (
                Part.CLOSED_PAST_RETENTION,
                "NOT_NEEDED",
                CLOSED_PAST_RETENTION_BACK,
                "The supported internship is going well and adult social care and the college now meet every "
                "need. The young person and their mother agreed to close.",
            ),
            (
                Part.CLOSED_MOVED_AREA,
                "MOVED_AREA",
                CLOSED_MOVED_AREA_BACK,
                "The family moved to Southshire. Their children with disabilities team has the transfer-in "
                "summary, the plan and the EHC plan.",
            ),
        ):
            if child := self.child(part):
                closed_on = self.day(back)
                closure_services.close_case(
                    child=child,
                    reason=reasons[code],
                    closed_on=closed_on,
                    note=note,
                    by=self.manager_of(REVIEW),
                    now=at(closed_on, 15, 30),
                    today=closed_on,
                )


def monday_morning(writer: Writer) -> None:
    """The writer's last step: the fortnight before the demo's Monday, through the services."""
    morning = Morning(writer)
    morning.referrals()
    morning.transfers()
    morning.escalations()
    morning.family_support()
    morning.consultations()
    morning.closures()
    keyworking.plans_and_meetings(morning)
    keyworking.disagreements(morning)
    keyworking.covers(morning)
