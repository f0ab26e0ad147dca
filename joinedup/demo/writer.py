"""Store a planned demo area with bulk inserts, one table at a time (no audit: nobody did this).

The last step (``joinedup.demo.monday``) is different: it takes the steps people took in the
fortnight before the demo's Monday through the real services, which audit them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password

from joinedup.accounts.models import User
from joinedup.demo.allocations import hubs_and_allocations
from joinedup.demo.duty_history import duty_history
from joinedup.demo.monday import monday_morning
from joinedup.demo.plan import DEMO_PASSWORD, AboutMePlan, AreaPlan, ChildPlan, CommunicationPlan, DemoUser
from joinedup.organisations.models import Area, Organisation, Practitioner, PractitionerSkill, Team
from joinedup.people.models import (
    AllAboutMe,
    Carer,
    CarerLink,
    Child,
    ChildNeed,
    CommunicationProfile,
    SiblingLink,
)
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership


class Writer:
    """Holds what is stored so far, so later tables can point at earlier rows."""

    def __init__(self, plan: AreaPlan, *, today: date) -> None:
        self.plan, self.today = plan, today
        self.area = Area(name=plan.area_name)
        self.organisations: dict[str, Organisation] = {}
        self.teams: dict[str, Team] = {}
        self.users: dict[str, User] = {}
        self.practitioners: dict[str, Practitioner] = {}
        self.children: dict[str, Child] = {}
        self.carers: dict[str, Carer] = {}

    def organisations_and_teams(self) -> None:
        self.area.save()
        orgs = {o.key: Organisation(area=self.area, name=o.name, sector=o.sector) for o in self.plan.organisations}
        self.organisations = dict(zip(orgs, Organisation.objects.bulk_create(orgs.values()), strict=True))
        self.teams = {
            t.key: Team(organisation=self.organisations[t.org_key], name=t.name, kind=t.kind, site=t.site)
            for t in self.plan.teams
        }
        Team.objects.bulk_create(self.teams.values())

    def users_and_practitioners(self) -> None:
        password = make_password(DEMO_PASSWORD)  # hashed once: every demo sign-in shares it
        plans = [p.user for p in self.plan.practitioners] + self.plan.other_users
        self.users = {
            u.username: User(
                username=u.username,
                first_name=u.first_name,
                last_name=u.last_name,
                email=u.email,
                role=u.role,
                area=self.area,
                password=password,
            )
            for u in plans
        }
        User.objects.bulk_create(self.users.values())
        self.practitioners = {
            p.username: Practitioner(
                user=self.users[p.username],
                organisation=self.organisations[p.org_key],
                full_name=p.full_name,
                job_role=p.job_role,
                phone=p.phone,
                email=p.user.email,
            )
            for p in self.plan.practitioners
        }
        Practitioner.objects.bulk_create(self.practitioners.values())
        through = Practitioner.teams.through
        through.objects.bulk_create(
            through(practitioner=self.practitioners[p.username], team=self.teams[t])
            for p in self.plan.practitioners
            for t in p.team_keys
        )
        PractitionerSkill.objects.bulk_create(
            PractitionerSkill(practitioner=self.practitioners[p.username], skill=s)
            for p in self.plan.practitioners
            for s in p.skills
        )

    def children_and_needs(self) -> None:
        young_person = self.users[DemoUser.YOUNG_PERSON]
        self.children = {c.local_id: self._child(c) for c in self.plan.children}
        self.children[self.plan.young_person].user = young_person
        Child.objects.bulk_create(self.children.values(), batch_size=500)
        ChildNeed.objects.bulk_create(
            (
                ChildNeed(child=self.children[c.local_id], need=n, is_main=i == 0)
                for c in self.plan.children
                for i, n in enumerate(c.needs)
            ),
            batch_size=1000,
        )

    def _child(self, c: ChildPlan) -> Child:
        return Child(
            area=self.area,
            given_name=c.given_name,
            family_name=c.family_name,
            preferred_name=c.preferred_name,
            date_of_birth=c.date_of_birth,
            nhs_number=c.nhs_number,
            local_id=c.local_id,
            address=c.address,
            postcode=c.postcode,
            ehc_plan_status=c.ehc_plan_status,
            legal_status=c.legal_status,
            school_or_setting=c.school_or_setting,
            diagnosis=c.diagnosis,
            holding_team=self.teams[c.hub_key],
            is_young_carer=c.is_young_carer,
            young_carer_referred_on=c.young_carer_referred_on,
        )

    def voices(self) -> None:
        """Every child has both records; those with text were written soon after the case opened."""
        leads = self._leads()
        about, talk = [], []
        for c in self.plan.children:
            child, when = self.children[c.local_id], self._written_at(c)
            by = self.practitioners[leads[c.local_id]].user
            about.append(_about_me(child, c.about_me, when, by))
            talk.append(_communication(child, c.communication, when, by))
        AllAboutMe.objects.bulk_create(about, batch_size=500)
        CommunicationProfile.objects.bulk_create(talk, batch_size=500)

    def _leads(self) -> dict[str, str]:
        """Each child's first current team member: their social care worker."""
        leads: dict[str, str] = {}
        for m in self.plan.memberships:
            if m.end_date is None:
                leads.setdefault(m.child, m.practitioner)
        return leads

    def _written_at(self, c: ChildPlan) -> datetime:
        day = min(self.today, c.opened_on + timedelta(days=21))
        return datetime.combine(day, time(11, 30), tzinfo=UTC)

    def families(self) -> None:
        parent = self.users[DemoUser.PARENT]
        self.carers = {
            c.key: Carer(
                area=self.area,
                full_name=c.full_name,
                phone=c.phone,
                email=c.email,
                address=c.address,
                user=parent if c.key == self.plan.parent_carer else None,
            )
            for c in self.plan.carers
        }
        Carer.objects.bulk_create(self.carers.values(), batch_size=500)
        CarerLink.objects.bulk_create(
            (
                CarerLink(
                    child=self.children[lk.child],
                    carer=self.carers[lk.carer],
                    relationship=lk.relationship,
                    has_parental_responsibility=lk.has_parental_responsibility,
                    lives_with_child=lk.lives_with_child,
                    is_main_contact=lk.is_main_contact,
                )
                for lk in self.plan.carer_links
            ),
            batch_size=1000,
        )
        SiblingLink.objects.bulk_create(
            (
                SiblingLink(child=self.children[s.child], sibling=self.children[s.sibling], kind=s.kind)
                for s in self.plan.siblings
            ),
            batch_size=1000,
        )

    def teams_around_children(self) -> None:
        TeamMembership.objects.bulk_create(
            (
                TeamMembership(
                    child=self.children[m.child],
                    practitioner=self.practitioners[m.practitioner],
                    role_in_team=m.role_in_team,
                    start_date=m.start_date,
                    end_date=m.end_date,
                    end_reason=m.end_reason,
                    added_by=self.users[m.added_by],
                    added_at=m.added_at,
                )
                for m in self.plan.memberships
            ),
            batch_size=1000,
        )
        KeyWorkerAssignment.objects.bulk_create(
            (
                KeyWorkerAssignment(
                    child=self.children[k.child],
                    practitioner=self.practitioners[k.practitioner],
                    start_date=k.start_date,
                    end_date=k.end_date,
                    reason=k.reason,
                    assigned_by=self.users[k.assigned_by],
                    assigned_at=k.assigned_at,
                )
                for k in self.plan.key_workers
            ),
            batch_size=1000,
        )


def _about_me(child: Child, text: AboutMePlan | None, when: datetime, by: User) -> AllAboutMe:
    if text is None:
        return AllAboutMe(child=child)
    return AllAboutMe(
        child=child,
        about_me=text.about_me,
        what_matters_to_me=text.what_matters_to_me,
        life_goals=text.life_goals,
        ambitions=text.ambitions,
        likes=text.likes,
        dislikes=text.dislikes,
        how_to_support_me=text.how_to_support_me,
        written_by=text.written_by,
        version=1,
        updated_at=when,
        updated_by=by,
    )


def _communication(child: Child, text: CommunicationPlan | None, when: datetime, by: User) -> CommunicationProfile:
    if text is None:
        return CommunicationProfile(child=child)
    return CommunicationProfile(
        child=child,
        how_i_communicate=text.how_i_communicate,
        communication_aids=text.communication_aids,
        what_works=text.what_works,
        what_to_avoid=text.what_to_avoid,
        version=1,
        updated_at=when,
        updated_by=by,
    )


STEPS: tuple[tuple[str, Callable[[Writer], None]], ...] = (
    ("Organisations and teams", Writer.organisations_and_teams),
    ("Practitioners and sign-ins", Writer.users_and_practitioners),
    ("Children and their needs", Writer.children_and_needs),
    ("All About Me and communication", Writer.voices),
    ("Families and siblings", Writer.families),
    ("Interagency teams and key workers", Writer.teams_around_children),
    ("Hubs and allocations", hubs_and_allocations),
    ("Referrals, transfers, escalations and closures", monday_morning),
    ("Reviews, visits and what is due", duty_history),
)
