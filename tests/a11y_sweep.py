"""Every page of the project, with the roles that may open it: the list the accessibility sweep opens
(tests/e2e/test_a11y_sweep.py), at 375 px and at 1280 px, with axe and a measure of the page's width.

It sits next to the access-control table (tests/test_access_control.py), whose URL walker it shares:
tests/test_a11y_sweep_pages.py fails when a project URL, an allauth URL or a registered ModelAdmin is
neither swept here nor listed in NOT_PAGES with the reason. Adding a page is one line in PAGES.

The pages are opened on one set of data (`sweep_world`), placed at the moment of the calendar where each
page has something to show (`Moment`): the cohort's calendar is moved before each page, as a test that
follows a cohort through its phases does (tests/e2e/helpers.py)."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.socialaccount.models import SocialAccount
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import get_resolver, reverse
from django.utils import timezone
from playwright.sync_api import Page

from applications.models import Application, ApplicationStatus
from auditions.declarations import audition_declare
from auditions.models import (
    DELIBERATION_LIFECYCLE,
    Audition,
    AuditionStatus,
    Deliberation,
    DeliberationEntry,
    JuryMember,
    JuryRole,
    ListKind,
    ListVersion,
    ListVersionEntry,
    Unavailability,
)
from auditions.services import jury_member_invite
from challenges.models import Challenge, ContactKind
from challenges.services import challenge_invite
from cohorts.models import Cohort
from cohorts.profiles import Profile
from eig.models import OutboxEmail, ReminderDelivery, User
from fellowship.fellows import fellow_from_offer, mentor_accept, mentor_invite
from fellowship.models import AssignmentRun, Attendance, AttendanceStatus, Audience, Offer, RunStatus, Session
from fellowship.runs import choice_set, run_create
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory, WishFactory
from tests.auditions.factories import (
    AuditionFactory,
    JuryFactory,
    JuryMemberFactory,
    audition_scorecard,
    auditions_day,
)
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, MembershipFactory, PositionFactory
from tests.cohorts.factories import CohortFactory, cohort_move_to
from tests.eig.factories import DEFAULT_PASSWORD, UserFactory
from tests.fellowship.factories import (
    FellowFactory,
    MentorFactory,
    OfferFactory,
    RepositoryFactory,
    SessionFactory,
    laureate,
    validated_list,
    validated_run,
)

ANONYMOUS = "anonymous"
CANDIDATE = "candidate"
AGENT = "agent"
JUROR = "juror"
STAFF = "staff"
FELLOW = "fellow"
# Who opens the pages: one account per role (staff: a superuser, so that every admin page opens).
MENTOR = "mentor"
# Who opens the pages: one account per role (staff: a superuser, so that every admin page opens).
ROLES = (ANONYMOUS, CANDIDATE, AGENT, JUROR, STAFF, FELLOW, MENTOR)
SIGNED_IN = (CANDIDATE, AGENT, JUROR, STAFF)
# The pages everyone opens are swept as the first roles (the fellow's and the mentor's differ by their
# header's entry only).
EVERYONE = (ANONYMOUS, *SIGNED_IN)


@dataclass(frozen=True)
class Moment:
    """Where "now" falls in the current cohort's calendar (a phase of CohortFactory), and the status of the
    candidate's own application then."""

    phase: str
    application_status: str = ApplicationStatus.DRAFT


PROJECTS_CALL = Moment("projects_call")
CANDIDATES_CALL = Moment("candidates_call")  # Also the challenge selection: the projects call has closed.
SUBMITTED = Moment("candidates_call", ApplicationStatus.SUBMITTED)
PRESELECTION = Moment("preselection", ApplicationStatus.SUBMITTED)
WISHES = Moment("wishes", ApplicationStatus.PRESELECTED)
DELIBERATION = Moment("deliberation", ApplicationStatus.PRESELECTED)
AUDITIONS = Moment("auditions", ApplicationStatus.PRESELECTED)
AFTER_WISHES = Moment("after_wishes", ApplicationStatus.PRESELECTED)  # Before the auditions.
PROGRAMME = Moment("programme", ApplicationStatus.PRESELECTED)
HOUR = dt.timedelta(hours=1)


@dataclass
class World:
    """The data every page is opened on."""

    cohort: Cohort
    users: dict[str, User]
    draft: Challenge  # the agent's
    submitted: Challenge  # another administration's, evaluated by the challenge jury
    revealed: Challenge  # a past cohort's, on the public catalogue
    invitation_token: str  # an invitation for the agent to co-own a challenge of another administration
    application: Application  # the candidate's
    reviewed: Application  # another candidate's, submitted and reviewed
    audition: Audition  # on the juror's jury: declared no link and scored by the juror and another juror
    unconfirmed_email_key: str
    password_reset: tuple[str, str]  # (uidb36, key)
    deliberation: Deliberation  # the candidate's challenge: open, decided, a version validated before
    closed_deliberation: Deliberation  # another challenge's, closed by the jury: the director's to validate
    jury_invitation_token: str  # an invitation for the agent to sit on the candidate's jury (pending)
    assignment_run: AssignmentRun  # the second of two runs of the cohort: a forbid made its team fall apart
    mentor_invitation_token: str  # an invitation for the mentor to mentor a second team (pending)
    session: Session  # a collective session of the cohort, for its fellow and mentor (fellowship)

    def move_to(self, moment: Moment) -> None:
        cohort_move_to(self.cohort, phase=moment.phase)
        Application.objects.filter(pk=self.application.pk).update(status=moment.application_status)


def sweep_world() -> World:
    """A current cohort with challenges and applications at every stage, a past cohort on the public
    catalogue, an account per role, and a row of every model the admin shows."""
    CohortFactory(name="EIG 6", number=6, phase="finished")
    cohort = CohortFactory(name="EIG 12", number=12, phase=WISHES.phase)
    users = {
        CANDIDATE: UserFactory(candidate=True, email="candidate@example.org"),
        AGENT: UserFactory(agent=True, email="agent@sante.gouv.fr"),
        JUROR: UserFactory(juror=True, second_factor=True, email="jure@example.org"),
        # Also the programme's director, who opens the validation pages.
        STAFF: UserFactory(superuser=True, is_director=True, email="equipe@example.org"),
        FELLOW: UserFactory(candidate=True, fellow=True, email="eig@example.org"),
    }
    for user in (users[JUROR], users[STAFF]):
        RecoveryCodes.activate(user)
    cohort.challenge_jurors.add(users[JUROR])
    # The agent signed in once with ProConnect: their linked account is a row of the admin.
    SocialAccount.objects.create(
        user=users[AGENT], provider="proconnect", uid="agent-sante", extra_data={"id_token": {"amr": ["pwd"]}}
    )
    health = AdministrationFactory(name="Agence du numérique en santé", acronym="ANS")
    sea = AdministrationFactory(name="Direction des affaires maritimes", acronym="DAM")
    MembershipFactory(user=users[AGENT], administration=health)
    draft = ChallengeFactory(
        cohort=cohort, administration=health, owners=[users[AGENT]], complete=True, name="Lab Santé"
    )
    draft.contacts.filter(kind="hr").delete()
    challenge_invite(challenge=draft, email="collegue@sante.gouv.fr", by=users[AGENT])
    submitted = ChallengeFactory(cohort=cohort, administration=sea, submitted=True, name="PrédiSauvetage")
    challenge_invite(challenge=submitted, email=users[AGENT].email, by=submitted.owners.get())
    selected = [
        ChallengeFactory(cohort=cohort, administration=sea, selected=True, name=name)
        for name in ("b@liseNAV", "Signaux Faibles", "Gobelins", "Brigade Numérique")
    ]
    revealed = ChallengeFactory(
        cohort=Cohort.objects.get(number=6), selected=True, name="Hopkins", source_code_url="https://example.org/code"
    )
    _past_team(revealed, users[FELLOW])
    application = ApplicationFactory(cohort=cohort, candidate=users[CANDIDATE], complete=True)
    for challenge in selected[:3]:
        WishFactory(application=application, challenge=challenge)
    reviewed = ApplicationFactory(cohort=cohort, submitted=True)
    ApplicationFactory(cohort=cohort, submitted=True)
    PreselectionReviewFactory(application=reviewed, reviewer=users[STAFF], scores=3)
    # The candidate convened to an audition (their answer still open), the juror seated on its jury.
    jury = JuryFactory(cohort=cohort, name="Jury b@liseNAV", challenges=[selected[0]])
    JuryMemberFactory(jury=jury, user=users[JUROR])
    convened = AuditionFactory(jury=jury, application=application, at=auditions_day(cohort, hour=10))
    Audition.objects.filter(pk=convened.pk).update(
        status=AuditionStatus.CONVENED, convened_at=timezone.now(), answer_by=convened.starts_at
    )
    # Two more jurors on that jury, one more audition booked, one without a slot (the staff schedule).
    for _ in range(2):
        JuryMemberFactory(jury=jury)
    AuditionFactory(jury=jury, application__cohort=cohort, at=auditions_day(cohort, 0, 11))
    AuditionFactory(jury=jury, application__cohort=cohort)
    # An invitation for the agent to sit on that jury (pending), and the candidate's unavailability.
    jury_invitation_token = jury_member_invite(
        member=JuryMember.objects.create(jury=jury, email=users[AGENT].email, role=JuryRole.PROJECT_LEAD),
        by=users[STAFF],
    ).token
    Unavailability.objects.create(
        application=application, starts_at=cohort.auditions_start_at, ends_at=cohort.auditions_start_at + HOUR
    )
    audition = _scored_audition(cohort, selected[0], users[JUROR])
    unconfirmed = UserFactory(verified=False, email="pas-encore-confirmee@example.org")
    address = EmailAddress.objects.create(user=unconfirmed, email=unconfirmed.email, primary=True, verified=False)
    Group.objects.create(name="Équipe du programme")
    ReminderDelivery.objects.create(
        rule="challenge_draft:7d",
        recipient=users[AGENT],
        scope_id=cohort.pk,
        object_type="challenges.challenge",
        object_id=draft.pk,
        deadline=cohort.projects_call_closes_at,
    )
    OutboxEmail.objects.create(
        to=[users[AGENT].email],
        subject="[EIG] Votre défi « Lab Santé » est déposé",
        body="Bonjour,",
        template="emails/challenges/submitted",
        language="fr",
    )
    deliberation, closed_deliberation = _deliberations(users, convened, selected[1])
    assignment_run = _assignment_runs(cohort, selected[0], application, users[STAFF])
    _offer(cohort, application, selected[2], users[STAFF])
    users[MENTOR] = UserFactory(agent=True, email="mentore@mer.gouv.fr")
    mentor_invitation_token = _fellowship(users, selected[2], selected[3])
    session = _sessions(cohort, users)
    return World(
        cohort=cohort,
        users=users,
        draft=draft,
        submitted=submitted,
        revealed=revealed,
        invitation_token=submitted.invitations.get().token,
        application=application,
        reviewed=reviewed,
        audition=audition,
        unconfirmed_email_key=EmailConfirmationHMAC(address).key,
        password_reset=(user_pk_to_url_str(unconfirmed), default_token_generator.make_token(unconfirmed)),
        deliberation=deliberation,
        closed_deliberation=closed_deliberation,
        jury_invitation_token=jury_invitation_token,
        assignment_run=assignment_run,
        mentor_invitation_token=mentor_invitation_token,
        session=session,
    )


def _past_team(challenge: Challenge, fellow: User) -> None:
    """The fellow's team on a past cohort's challenge (its public page): they agreed to appear there, their
    teammate did not; the team declared a repository."""
    run = validated_run(challenge.cohort, [])
    for user, public in ((fellow, True), (UserFactory(candidate=True), False)):
        application = ApplicationFactory(cohort=challenge.cohort, candidate=user, preselected=True)
        position = PositionFactory(challenge=challenge, profile=application.profile or Profile.DEVELOPER)
        offer = OfferFactory(
            run=run, application=application, position=position, status="accepted", answered_at=timezone.now()
        )
        FellowFactory(offer=offer, public=public)
    RepositoryFactory(challenge=challenge, name="hopkins-api", licence="EUPL-1.2", description="L'API des données.")


def _fellowship(users, challenge: Challenge, second: Challenge) -> str:
    """The fellow and a teammate accepted offers of the challenge, whose operational mentor is the mentor's
    account (the sponsor has not joined yet); the mentor is invited to mentor the second challenge's team
    too. Returns that invitation's token."""
    challenge.contacts.filter(kind=ContactKind.PROJECT_LEAD).update(email=users[MENTOR].email)
    run = AssignmentRun.objects.get(cohort=challenge.cohort, status=RunStatus.VALIDATED)  # the candidate's offer's
    for candidate, profile in ((users[FELLOW], Profile.DEVELOPER), (UserFactory(candidate=True), Profile.DESIGNER)):
        application = ApplicationFactory(
            cohort=challenge.cohort, candidate=candidate, preselected=True, profile=profile
        )
        position = PositionFactory(challenge=challenge, profile=profile, mission="Construire l'outil")
        fellow = fellow_from_offer(
            offer=OfferFactory(application=application, position=position, run=run, status="accepted")
        )
    mentor_accept(mentor=fellow.operational_mentor, user=users[MENTOR])
    pending = MentorFactory(challenge=second, email=users[MENTOR].email, user=None, accepted_at=None)
    mentor_invite(mentor=pending)
    body = OutboxEmail.objects.filter(to=[users[MENTOR].email]).latest("pk").body
    return body.split("/mentorat/invitation/")[1].split("/")[0]


def _sessions(cohort: Cohort, users: dict[str, User]) -> Session:
    """For the cohort's fellow and their mentor (`_fellowship`): an upcoming session for both, mandatory, and a
    past one by video that the fellow attended. Returns the upcoming one."""
    upcoming = SessionFactory(
        cohort=cohort,
        title="Bootcamp de rentrée",
        description="Trois jours pour rencontrer la promotion et les mentor·es.",
        audience=Audience.BOTH,
        mandatory=True,
    )
    past = SessionFactory(
        cohort=cohort,
        title="Atelier open source",
        starts_at=timezone.now() - dt.timedelta(days=10),
        place="",
        video_link="https://webinaire.numerique.gouv.fr/meeting/atelier-open-source",
    )
    Attendance.objects.create(session=past, user=users[FELLOW], status=AttendanceStatus.PRESENT)
    return upcoming


def _deliberations(users, audition, second_challenge) -> tuple[Deliberation, Deliberation]:
    """The candidate's audition's jury also auditions another candidate for a second challenge; the first
    challenge's deliberation was validated (version 1), then reopened, the second one's is closed."""
    jury, application = audition.jury, audition.application
    jury.challenges.add(second_challenge)
    challenges = [audition.challenge, second_challenge]
    other = ApplicationFactory(cohort=jury.cohort, complete=True, status=ApplicationStatus.PRESELECTED)
    for scored in (audition, AuditionFactory(jury=jury, application=other, challenge=second_challenge)):
        audition_scorecard(audition=scored, juror=users[JUROR], scores=4, favourite=True)
    deliberation, closed = (
        Deliberation.objects.create(challenge=challenge, profile=applicant.profile)
        for challenge, applicant in zip(challenges, (application, other), strict=True)
    )
    DeliberationEntry.objects.create(deliberation=deliberation, application=application, kind=ListKind.MAIN, rank=1)
    DeliberationEntry.objects.create(deliberation=closed, application=other, kind=ListKind.WAITING, rank=1)
    for item in (deliberation, closed):
        DELIBERATION_LIFECYCLE.apply(item, "close", by=users[JUROR])
    version = ListVersion.objects.create(deliberation=deliberation, number=1, validated_by=users[STAFF])
    ListVersionEntry.objects.create(version=version, application=application, kind=ListKind.MAIN, rank=1)
    DELIBERATION_LIFECYCLE.apply(deliberation, "validate", by=users[STAFF])
    DELIBERATION_LIFECYCLE.apply(deliberation, "reopen", by=users[STAFF], note="Une note corrigée")
    return deliberation, closed


def _assignment_runs(cohort: Cohort, challenge: Challenge, application: Application, staff: User) -> AssignmentRun:
    """The candidate's validated developer list of the challenge and a data scientist's: a first run places
    them together; a forbid of the candidate's position, then a second run, leaves the challenge closed."""
    validated_list(challenge, Profile.DATA_SCIENTIST, waiting=[laureate(cohort, Profile.DATA_SCIENTIST)], by=staff)
    run_create(cohort=cohort, by=staff)
    position = challenge.positions.get(profile=Profile.DEVELOPER)
    choice_set(cohort=cohort, application=application, position=position, kind="forbid", by=staff, note="Test")
    return run_create(cohort=cohort, by=staff)


def _offer(cohort: Cohort, application: Application, challenge: Challenge, staff: User) -> None:
    """A validated run offering the candidate a position of the challenge (open, to answer)."""
    position = challenge.positions.filter(profile=application.profile).first() or PositionFactory(
        challenge=challenge, profile=application.profile
    )
    OfferFactory(
        application=application, position=position, run=validated_run(cohort, [(application, position)], by=staff)
    )


def _candidate_offer(world: World) -> tuple:
    return (Offer.objects.get(application=world.application).pk,)


def _scored_audition(cohort: Cohort, challenge: Challenge, juror: User) -> Audition:
    """An audition of the juror's jury, which they and another juror scored after declaring no link, and
    one more the juror has yet to declare for; a third juror recused (the jury is below its quorum)."""
    jury = JuryFactory(cohort=cohort, challenges=[challenge], name="Jury Signaux Faibles")
    other, recused = JuryMemberFactory(jury=jury).user, JuryMemberFactory(jury=jury).user
    JuryMemberFactory(jury=jury, user=juror)
    audition = AuditionFactory(jury=jury, at=auditions_day(cohort, hour=14))
    AuditionFactory(jury=jury, at=auditions_day(cohort, hour=15))
    for scorer, scores in ((juror, 4), (other, [3, 2, 5, 4, 3, 1])):
        audition_declare(audition=audition, juror=scorer, link="none")
        audition_scorecard(audition=audition, juror=scorer, scores=scores, comment="Très à l'aise à l'oral.")
    audition_declare(audition=audition, juror=recused, link="worked_together", note="Même équipe en 2021")
    return audition


@dataclass(frozen=True)
class SweptPage:
    """A page, the roles that open it, and how: the arguments of its URL (from the world), a query string,
    the moment of the calendar, and the path it lands on when it is not the one opened (a redirect the page
    makes on purpose)."""

    name: str
    roles: tuple[str, ...]
    args: Callable[[World], tuple] = lambda world: ()
    query: str = ""
    moment: Moment = WISHES
    lands_on: Callable[[World], str] | None = None
    # A page reached in the middle of a journey (the second step of a login): it is opened by this function,
    # in a browser context of its own, instead of by its URL.
    opened_by: Callable[[Page, str, World], None] | None = None

    def url(self, world: World) -> str:
        return reverse(self.name, args=self.args(world)) + (f"?{self.query}" if self.query else "")


def _draft(world: World) -> tuple:
    return (world.draft.pk,)


def _reviewed(world: World) -> tuple:
    """The review pages' argument: the application's anonymous review code."""
    return (world.reviewed.review_code,)


def _after_password_reset_key(world: World) -> str:
    """allauth puts the key in the session and opens the same form without it in the address."""
    uidb36, _ = world.password_reset
    return reverse("account_reset_password_from_key", kwargs={"uidb36": uidb36, "key": "set-password"})


def _log_in_halfway(page: Page, site_url: str, world: World) -> None:
    """The juror's password given, the second step of the login asks for the code."""
    page.goto(site_url + reverse("account_login"))
    page.get_by_label("Courriel").fill(world.users[JUROR].email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(re.escape(reverse("mfa_authenticate")) + "$"))


PROJECT_PAGES = [
    SweptPage("home", EVERYONE),
    SweptPage("footer-accessibility-status", EVERYONE),
    SweptPage("footer-legal-notice", EVERYONE),
    SweptPage("footer-personal-data", EVERYONE),
    SweptPage("footer-sitemap", EVERYONE),
    SweptPage("contact", EVERYONE),
    SweptPage("catalogue:list", EVERYONE),
    SweptPage("catalogue:archive", EVERYONE),
    SweptPage("catalogue:detail", EVERYONE, args=lambda world: (world.revealed.pk,)),
    SweptPage("challenges:dashboard", (AGENT,), moment=PROJECTS_CALL),
    SweptPage("challenges:administration", (AGENT,), moment=PROJECTS_CALL),
    SweptPage("challenges:create", (AGENT,), moment=PROJECTS_CALL),
    SweptPage("challenges:detail", (AGENT, STAFF), args=_draft, moment=PROJECTS_CALL),
    # The cohort's challenge jury sees the submitted challenges only.
    SweptPage("challenges:detail", (JUROR,), args=lambda world: (world.submitted.pk,), moment=CANDIDATES_CALL),
    SweptPage("challenges:edit", (AGENT,), args=lambda world: (world.draft.pk, 4), moment=PROJECTS_CALL),
    SweptPage("challenges:withdraw", (AGENT,), args=_draft, moment=PROJECTS_CALL),
    SweptPage("challenges:invite", (AGENT,), args=_draft, moment=PROJECTS_CALL),
    SweptPage(
        "challenges:invitation_accept", (AGENT,), args=lambda world: (world.invitation_token,), moment=PROJECTS_CALL
    ),
    SweptPage("selection:challenge_list", (JUROR, STAFF), moment=CANDIDATES_CALL),
    SweptPage(
        "selection:challenge_evaluation", (JUROR,), args=lambda world: (world.submitted.pk,), moment=CANDIDATES_CALL
    ),
    SweptPage("applications:space", (CANDIDATE,), moment=CANDIDATES_CALL),
    SweptPage("applications:edit", (CANDIDATE,), args=lambda world: (7,), moment=CANDIDATES_CALL),
    SweptPage("applications:withdraw", (CANDIDATE,), moment=SUBMITTED),
    SweptPage("applications:wishes", (CANDIDATE,), moment=WISHES),
    SweptPage("review:queue", (STAFF,), moment=PRESELECTION),
    SweptPage("review:ranking", (STAFF,), moment=PRESELECTION),
    SweptPage("review:application", (STAFF,), args=_reviewed, moment=PRESELECTION),
    SweptPage("auditions:my_auditions", (JUROR,), moment=AUDITIONS),
    SweptPage("auditions:staff_hub", (STAFF,), moment=AUDITIONS),
    SweptPage("auditions:schedule", (STAFF,), args=lambda world: (world.cohort.pk,), moment=AFTER_WISHES),
    SweptPage("auditions:unavailability", (CANDIDATE,), moment=AFTER_WISHES),
    SweptPage(
        "auditions:invitation_accept", (AGENT,), args=lambda world: (world.jury_invitation_token,), moment=AUDITIONS
    ),
    SweptPage(
        "auditions:challenge_propose", (JUROR, STAFF), args=lambda world: (world.audition.pk,), moment=AUDITIONS
    ),
    # An admin page of its own (not a model's): the proposal of the auditions from the wishes.
    SweptPage("admin:auditions_audition_propose", (STAFF,), moment=AUDITIONS),
    SweptPage("auditions:audition", (JUROR, STAFF), args=lambda world: (world.audition.pk,), moment=AUDITIONS),
    SweptPage("auditions:declarations", (STAFF,), args=lambda world: (world.cohort.pk,), moment=AUDITIONS),
    SweptPage("identity", SIGNED_IN),
    SweptPage("my_data", SIGNED_IN, moment=PROGRAMME),
    SweptPage("account_delete", SIGNED_IN, moment=PROGRAMME),
    SweptPage("applications:retention_due", (STAFF,), moment=PROGRAMME),
    SweptPage("auditions:candidate_auditions", (CANDIDATE,)),
    SweptPage("auditions:juror_agenda", (JUROR,)),
    SweptPage("auditions:deliberations", (JUROR, STAFF), moment=DELIBERATION),
    SweptPage(
        "auditions:deliberation", (JUROR, STAFF), args=lambda world: (world.deliberation.pk,), moment=DELIBERATION
    ),
    SweptPage("auditions:validation", (STAFF,), moment=DELIBERATION),
    SweptPage(
        "auditions:deliberation_reopen",
        (STAFF,),
        args=lambda world: (world.closed_deliberation.pk,),
        moment=DELIBERATION,
    ),
    SweptPage("auditions:my_results", (CANDIDATE,), moment=DELIBERATION),
    SweptPage("fellowship:repositories", (FELLOW,)),
    SweptPage("fellowship:public_archive", EVERYONE),
    SweptPage("fellowship:cohort_public", EVERYONE, args=lambda world: (world.revealed.cohort.number,)),
    SweptPage("public_figures:list", EVERYONE),
    SweptPage("public_figures:detail", EVERYONE, args=lambda world: (world.revealed.cohort.number,)),
    SweptPage("fellowship:assignment", (STAFF,), args=lambda world: (world.cohort.pk,), moment=DELIBERATION),
    SweptPage(
        "fellowship:assignment_run", (STAFF,), args=lambda world: (world.assignment_run.pk,), moment=DELIBERATION
    ),
    SweptPage(
        "fellowship:assignment_run_validate",
        (STAFF,),
        args=lambda world: (world.assignment_run.pk,),
        moment=DELIBERATION,
    ),
    # With no runs chosen, the page compares the cohort's two latest runs.
    SweptPage("fellowship:assignment_compare", (STAFF,), args=lambda world: (world.cohort.pk,), moment=DELIBERATION),
    SweptPage("fellowship:my_offers", (CANDIDATE,)),
    SweptPage("fellowship:offer_accept", (CANDIDATE,), args=_candidate_offer),
    SweptPage("fellowship:offer_decline", (CANDIDATE,), args=_candidate_offer),
    SweptPage("fellowship:cohort_offers", (STAFF,), args=lambda world: (world.cohort.pk,)),
    SweptPage("fellowship:my_team", (FELLOW,), moment=PROGRAMME),
    SweptPage("fellowship:mentoring", (MENTOR,), moment=PROGRAMME),
    SweptPage(
        "fellowship:mentor_invitation",
        (MENTOR,),
        args=lambda world: (world.mentor_invitation_token,),
        moment=PROGRAMME,
    ),
    SweptPage("fellowship:cohort_hub", (STAFF,), args=lambda world: (world.cohort.pk,), moment=PROGRAMME),
    SweptPage("fellowship:staff_cohorts", (STAFF,), moment=PROGRAMME),
    SweptPage("figures:dashboard_home", (STAFF,)),
    SweptPage("figures:dashboard", (STAFF,), args=lambda world: (world.cohort.pk,), moment=PROGRAMME),
    SweptPage("audit:journal", (STAFF,)),
    SweptPage("fellowship:my_sessions", (FELLOW,)),
    SweptPage("fellowship:staff_sessions", (STAFF,), args=lambda world: (world.cohort.pk,)),
    SweptPage("fellowship:session_attendance", (STAFF,), args=lambda world: (world.session.pk,)),
]

ACCOUNT_PAGES = [
    SweptPage("account_login", (ANONYMOUS,)),
    SweptPage("account_signup", (ANONYMOUS,)),
    SweptPage("account_reset_password", (ANONYMOUS,)),
    SweptPage("account_reset_password_done", (ANONYMOUS,)),
    SweptPage(
        "account_reset_password_from_key",
        (ANONYMOUS,),
        args=lambda world: world.password_reset,
        lands_on=_after_password_reset_key,
    ),
    SweptPage("account_reset_password_from_key_done", (ANONYMOUS,)),
    SweptPage("account_email_verification_sent", (ANONYMOUS,)),
    SweptPage("account_confirm_email", (ANONYMOUS,), args=lambda world: (world.unconfirmed_email_key,)),
    SweptPage("account_inactive", (ANONYMOUS,)),
    SweptPage("mfa_authenticate", (ANONYMOUS,), opened_by=_log_in_halfway),
    SweptPage("account_email", SIGNED_IN),
    SweptPage("account_change_password", SIGNED_IN),
    SweptPage("account_reauthenticate", SIGNED_IN),
    SweptPage("account_logout", SIGNED_IN),
    SweptPage("mfa_index", SIGNED_IN),
    # The agent's account is linked to ProConnect, which the sweep does not configure (templates/socialaccount).
    SweptPage("socialaccount_connections", (CANDIDATE, AGENT)),
    SweptPage("socialaccount_login_cancelled", (ANONYMOUS,)),
    SweptPage("mfa_activate_totp", (CANDIDATE, AGENT)),
    SweptPage("mfa_add_webauthn", (CANDIDATE, AGENT)),
    SweptPage("mfa_deactivate_totp", (JUROR, STAFF)),
    SweptPage("mfa_reauthenticate", (JUROR, STAFF)),
    SweptPage("mfa_view_recovery_codes", (JUROR, STAFF)),
    SweptPage("mfa_generate_recovery_codes", (JUROR, STAFF)),
]


def _admin_pages() -> list[SweptPage]:
    """The admin's index, and every registered model's list, add and change pages (for a model whose admin
    refuses adding to everyone, no add page)."""
    get_resolver().resolve("/")  # Loads the project's URLconf, which takes some models off the admin.
    request = RequestFactory().get("/")
    request.user = User(is_staff=True, is_superuser=True, is_active=True)
    pages = [SweptPage("admin:index", (STAFF,))]
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(SweptPage(f"{prefix}_changelist", (STAFF,)))
        if model_admin.has_add_permission(request):
            pages.append(SweptPage(f"{prefix}_add", (STAFF,)))
        pages.append(
            SweptPage(
                f"{prefix}_change",
                (STAFF,),
                args=lambda world, model=model: (model._default_manager.order_by("pk").values_list("pk")[0][0],),
            )
        )
    return pages


ADMIN_PAGES = _admin_pages()
PAGES = PROJECT_PAGES + ACCOUNT_PAGES + ADMIN_PAGES

# URLs that are not pages, or that no account of the sweep can open, with the reason.
NOT_PAGES = {
    "my_data_download": "a ZIP file (tests/e2e/test_my_data.py downloads and opens it)",
    "applications:retention_consent": "POST only (the « Mes données » page's button)",
    "applications:retention_hold": "POST only (the staff's retention page's form)",
    "applications:retention_release": "POST only (the staff's retention page's button)",
    "healthz": "plain text for the monitoring",
    "public_figures:csv": "a CSV file (tests/figures/test_public.py reads it)",
    "public_figures:json": "a JSON file (tests/figures/test_public.py reads it)",
    "switch_language": "a redirect back to the page the visitor was on",
    "challenges:submit": "POST only (the recap's button)",
    "applications:submit": "POST only (the recap's button)",
    "challenges:membership_decide": "POST only (the administrations page's buttons)",
    "applications:cv": "a PDF file",
    "review:anonymised_cv": "a PDF file",
    "auditions:cv": "a PDF file",
    "auditions:declare": "POST only (the audition page's declaration form)",
    "auditions:score": "POST only (the audition page's scorecard form)",
    "account_set_password": "for accounts without a password; sign-up always sets one",
    "account_confirm_login_code": "login by e-mailed code is off",
    "mfa_download_recovery_codes": "a text file",
    "mfa_list_webauthn": "the security keys of an account: the sweep's accounts have none (a key needs a "
    "browser's authenticator: tests/e2e/test_security_key.py adds one)",
    "mfa_edit_webauthn": "a security key's page: the sweep's accounts have none",
    "mfa_remove_webauthn": "a security key's page: the sweep's accounts have none",
    "mfa_reauthenticate_webauthn": "asks a security key: the sweep's accounts have none",
    "openid_connect_login": "ProConnect's redirect to the identity provider (not configured in the sweep: "
    "tests/eig/test_proconnect.py)",
    "openid_connect_callback": "the identity provider's redirect back (tests/eig/test_proconnect.py)",
    "socialaccount_login_error": "allauth's error page answers 401 (opened by the ProConnect tests' failures)",
    "socialaccount_signup": "only after a provider's sign-in that needs a form: ProConnect's verified address "
    "never does (SOCIALACCOUNT_AUTO_SIGNUP)",
    "None": "allauth's unnamed aliases of its social-account pages (comptes/social/…), swept by their names",
    "auditions:candidate_audition_ics": "an ICS file",
    "auditions:schedule_propose": "POST only (the schedule's button)",
    "auditions:schedule_move": "POST only (each card's « Déplacer » form, or a card dropped on a slot)",
    "auditions:schedule_export": "a CSV, XLSX or ICS file",
    "auditions:unavailability_remove": "POST only (each period's « Retirer » button)",
    "auditions:candidate_answer": "POST only (the candidate's auditions page's buttons)",
    "auditions:convocations_send": "POST only (the staff schedule's button)",
    "auditions:juror_feed": "an ICS feed",
    "auditions:deliberation_close": "POST only (the deliberation page's button)",
    "auditions:deliberation_validate": "POST only (the validation page's button)",
    "auditions:export_scores": "a CSV or XLSX file",
    "auditions:export_lists": "a CSV or XLSX file",
    "fellowship:repository_remove": "POST only (the confirmation dialog of each repository's « Retirer »)",
    "fellowship:assignment_run_create": "POST only (the assignment page's « Lancer le calcul »)",
    "fellowship:assignment_choice_remove": "POST only (each pin or forbid's « Retirer » button)",
    "fellowship:offer_withdraw": "POST only (each open offer's « Retirer » form on the cohort's offers page)",
    "fellowship:waiting_list_pause": "POST only (each list's pause form on the cohort's offers page)",
    "fellowship:waiting_list_resume": "POST only (each paused list's button on the cohort's offers page)",
    "fellowship:fellow_visibility": "POST only (« Mon équipe »'s consent form)",
    "fellowship:hr_export": "a CSV or XLSX file",
    "audit:export": "a CSV or XLSX file",
    "figures:funnel_csv": "a CSV file (tests/figures/test_funnel.py reads it)",
    "fellowship:mentor_resend": "POST only (the cohort hub's « Renvoyer l'invitation » buttons)",
    "fellowship:my_sessions_ics": "an ICS file",
    "fellowship:session_feed": "an ICS feed",
}
