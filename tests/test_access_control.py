"""Who may open each page of the project, as every identity: the access-control table.

Every URL of our apps has one entry in ACCESS_RULES (a new view without its entry fails
`test_every_project_url_has_an_access_rule`): who may open it, and the arguments naming the objects it
shows (built for each test, owned by the identities below). Each URL is then opened as every identity,
and each one's outcome is derived from the entry: the page (`ok`), the login page with `?next=`
(anonymous visitors), the second factor's enrolment (staff and jurors without one, when the page
admits them), 403 (everyone else). Adding a page is one line here.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from auditions.calendars import juror_feed_renew
from auditions.declarations import audition_declare
from auditions.models import Audition, AuditionStatus, Deliberation
from challenges.services import challenge_invite
from eig.models import OutboxEmail
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, MembershipFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

# --- The identities every URL is opened as -------------------------------------------------------

ANONYMOUS = "anonymous"
CANDIDATE = "candidate"
OTHER_CANDIDATE = "another candidate"
OWNER = "agent owner"
OTHER_AGENT = "another agent"
JUROR = "juror of the cohort's challenge jury"
JUROR_WITHOUT_SECOND_FACTOR = "juror of the cohort's challenge jury, without second factor"
OTHER_JUROR = "juror of another cohort's challenge jury"
STAFF = "staff"
STAFF_WITHOUT_SECOND_FACTOR = "staff without second factor"
AUDITION_JUROR = "juror of the audition's jury"
AUDITION_JUROR_WITHOUT_SECOND_FACTOR = "juror of the audition's jury, without second factor"
OTHER_JURY_JUROR = "juror of another audition jury"
DIRECTOR = "programme director"
FELLOW = "fellow of the cohort"
MENTOR = "mentor of the fellow's team"

# Each signed-in identity's account. The owner and the other agent each belong to their own administration.
IDENTITIES = {
    CANDIDATE: {"candidate": True},
    OTHER_CANDIDATE: {"candidate": True},
    OWNER: {"agent": True},
    OTHER_AGENT: {"agent": True},
    JUROR: {"juror": True, "second_factor": True},
    JUROR_WITHOUT_SECOND_FACTOR: {"juror": True, "second_factor": False},
    OTHER_JUROR: {"juror": True, "second_factor": True},
    STAFF: {"staff": True, "second_factor": True},
    STAFF_WITHOUT_SECOND_FACTOR: {"staff": True, "second_factor": False},
    AUDITION_JUROR: {"juror": True, "second_factor": True},
    AUDITION_JUROR_WITHOUT_SECOND_FACTOR: {"juror": True, "second_factor": False},
    OTHER_JURY_JUROR: {"juror": True, "second_factor": True},
    DIRECTOR: {"director": True, "second_factor": True},
    FELLOW: {"fellow": True},
    MENTOR: {"mentor": True},
}
# Admitted by a role that needs a second factor, they are sent to set one up (eig.gate).
WITHOUT_SECOND_FACTOR = {
    JUROR_WITHOUT_SECOND_FACTOR,
    STAFF_WITHOUT_SECOND_FACTOR,
    AUDITION_JUROR_WITHOUT_SECOND_FACTOR,
}

People = dict  # identity -> User


def make_people() -> People:
    """One account per signed-in identity; the other juror sits on a past cohort's challenge jury."""
    people = {identity: UserFactory(**traits) for identity, traits in IDENTITIES.items()}
    for agent in (people[OWNER], people[OTHER_AGENT]):
        MembershipFactory(user=agent, administration=AdministrationFactory())
    CohortFactory(phase="finished").challenge_jurors.add(people[OTHER_JUROR])
    return people


# --- Who may open a page -------------------------------------------------------------------------

PUBLIC = "public"
# Any signed-in account (the pages of one's own account: eig.gate.SIGNED_IN).
SIGNED_IN = frozenset(IDENTITIES)
CANDIDATES = frozenset({CANDIDATE, OTHER_CANDIDATE})
APPLICANT = frozenset({CANDIDATE})
APPLICANT_OR_STAFF = frozenset({CANDIDATE, STAFF, STAFF_WITHOUT_SECOND_FACTOR, DIRECTOR})
PROGRAMME_STAFF = frozenset({STAFF, STAFF_WITHOUT_SECOND_FACTOR, DIRECTOR})
AGENTS = frozenset({OWNER, OTHER_AGENT})
CHALLENGE_OWNERS = frozenset({OWNER})
COHORT_CHALLENGE_JURY = frozenset({JUROR, JUROR_WITHOUT_SECOND_FACTOR, *PROGRAMME_STAFF})
CHALLENGE_READERS = frozenset({OWNER, *COHORT_CHALLENGE_JURY})
ANY_CHALLENGE_JURY = frozenset({OTHER_JUROR, *COHORT_CHALLENGE_JURY})
INVITED_ADDRESS = frozenset({OTHER_AGENT})
# The jurors of the audition's jury (auditions.permissions.AUDITION_JURY), and staff.
AUDITION_JURY = frozenset({AUDITION_JUROR, AUDITION_JUROR_WITHOUT_SECOND_FACTOR, *PROGRAMME_STAFF})
DIRECTORS = frozenset({DIRECTOR})
# Any juror of an audition jury of the cohort (their own pages: « Mes auditions »).
AUDITION_JURORS = frozenset({AUDITION_JUROR, AUDITION_JUROR_WITHOUT_SECOND_FACTOR, OTHER_JURY_JUROR})
# The candidate of a convened audition (their convocation's .ics and answer).
AUDITION_CANDIDATE = frozenset({CANDIDATE})
# The jurors of the audition's jury only (their declaration; once declared no link, their scorecard).
AUDITION_JURY_JURORS = frozenset({AUDITION_JUROR, AUDITION_JUROR_WITHOUT_SECOND_FACTOR})
# The candidate's file from an audition: staff, and the jurors of its jury who declared no link.
AUDITION_FILE = frozenset({*AUDITION_JURY_JURORS, *PROGRAMME_STAFF})
# The fellow of the fellowship world, and the mentor of their team (fellowship_world).
FELLOWS = frozenset({FELLOW})
MENTORS = frozenset({MENTOR})
# The approved members of the administration a request is made to (the owner's).
ADMINISTRATION_MEMBERS = frozenset({OWNER})

LOGIN = "login page"
SECOND_FACTOR = "second factor enrolment"
MISSING_PK = (999_999,)


@dataclass(frozen=True)
class Access:
    """One URL's rule. `args`: the URL's arguments, or a function of the people making them.
    `ok`: what those who may open it get with GET (405 for a POST-only action). `missing`: arguments
    naming no object, for the views that name one; `object_rule`: the rule depends on that object, so
    it is looked up (404) before anyone signed in is refused. `second_factor`: staff and jurors without
    one are sent to set it up (False for the pages of one's own account, `SIGNED_IN`)."""

    who: frozenset | str
    args: tuple | Callable[[People], tuple] = ()
    ok: int | str = 200
    missing: tuple | None = field(default=None)
    object_rule: bool = False
    second_factor: bool = True


def cohort_with_jury(people: People, *, phase: str):
    """A cohort whose challenge jury holds the juror and the juror without a second factor."""
    cohort = CohortFactory(phase=phase)
    cohort.challenge_jurors.add(people[JUROR], people[JUROR_WITHOUT_SECOND_FACTOR])
    return cohort


def submitted_challenge_args(people: People) -> tuple:
    """The owner's challenge, submitted to a cohort whose challenge jury holds the jurors."""
    cohort = cohort_with_jury(people, phase="challenge_selection")
    administration = people[OWNER].administrations.get()
    return (ChallengeFactory(cohort=cohort, administration=administration, owners=[people[OWNER]], submitted=True).pk,)


def draft_challenge(people: People):
    """The owner's complete draft, while the projects call is open."""
    cohort = cohort_with_jury(people, phase="projects_call")
    administration = people[OWNER].administrations.get()
    return ChallengeFactory(cohort=cohort, administration=administration, owners=[people[OWNER]], complete=True)


def draft_challenge_args(people: People) -> tuple:
    return (draft_challenge(people).pk,)


def draft_challenge_step_args(people: People) -> tuple:
    return (draft_challenge(people).pk, 1)


def invitation_args(people: People) -> tuple:
    """An invitation to co-own the owner's draft, sent to the other agent's address."""
    challenge = draft_challenge(people)
    return (challenge_invite(challenge=challenge, email=people[OTHER_AGENT].email, by=people[OWNER]).token,)


def membership_request_args(people: People) -> tuple:
    """A third agent's pending request to join the owner's administration."""
    administration = people[OWNER].administrations.get()
    return (MembershipFactory(administration=administration, pending=True).pk,)


def projects_call_open_args(people: People) -> tuple:
    cohort_with_jury(people, phase="projects_call")
    return ()


def candidates_applications(people: People, *, phase: str, **traits) -> list:
    """Both candidates' own applications to the current cohort."""
    cohort = CohortFactory(phase=phase)
    return [ApplicationFactory(cohort=cohort, candidate=people[who], **traits) for who in (CANDIDATE, OTHER_CANDIDATE)]


def candidates_call_args(people: People) -> tuple:
    candidates_applications(people, phase="candidates_call", complete=True)
    return ()


def candidates_call_step_args(people: People) -> tuple:
    candidates_applications(people, phase="candidates_call", complete=True)
    return (1,)


def wishes_args(people: People) -> tuple:
    candidates_applications(people, phase="wishes", preselected=True)
    return ()


def candidate_cv_args(people: People) -> tuple:
    """The candidate's own CV (the other candidate, staff and the others ask for it too)."""
    return (ApplicationFactory(candidate=people[CANDIDATE], complete=True).pk, "cv")


def own_application_args(people: People) -> tuple:
    """The candidate's own application (its retention consent, and staff's hold and release)."""
    return (ApplicationFactory(candidate=people[CANDIDATE], not_preselected=True).pk,)


def reviewable_application_args(people: People) -> tuple:
    """The candidate's submitted application (with its anonymised CV), in a cohort in pre-selection, by its
    anonymous review code."""
    cohort = CohortFactory(phase="preselection")
    return (ApplicationFactory(submitted=True, cohort=cohort, candidate=people[CANDIDATE]).review_code,)


def missing_review_args() -> tuple:
    """Arguments naming no application on the review pages (a review code nobody has)."""
    return ("00000-00000",)


def public_challenge_args(people: People) -> tuple:
    """A challenge the public may see: selected, in a cohort whose wishes have opened. Any other
    challenge is not found, for every role (tests/challenges/test_catalogue_detail.py)."""
    cohort = CohortFactory(phase="wishes")
    return (ChallengeFactory(selected=True, cohort=cohort).pk,)


def audition_world(people: People):
    """A cohort in its auditions: a jury holding the two audition jurors, for a challenge, auditioning
    the candidate's pre-selected application at a booked slot; the other jury juror sits on another
    jury of the cohort. Returns the audition."""
    from tests.auditions.factories import AuditionFactory, JuryFactory, JuryMemberFactory, auditions_day

    jury = JuryFactory()
    for who in (AUDITION_JUROR, AUDITION_JUROR_WITHOUT_SECOND_FACTOR):
        JuryMemberFactory(jury=jury, user=people[who])
    JuryMemberFactory(jury=JuryFactory(cohort=jury.cohort), user=people[OTHER_JURY_JUROR])
    application = ApplicationFactory(cohort=jury.cohort, candidate=people[CANDIDATE], preselected=True)
    return AuditionFactory(jury=jury, application=application, at=auditions_day(jury.cohort, hour=10))


def fellowship_world(people: People):
    """A cohort in its programme: the fellow accepted an offer of its validated run for a challenge,
    whose operational mentor is the mentor. Returns the fellow (fellowship.Fellow)."""
    from tests.fellowship.factories import FellowFactory, MentorFactory, OfferFactory

    cohort = CohortFactory(phase="programme")
    application = ApplicationFactory(cohort=cohort, candidate=people[FELLOW], preselected=True)
    fellow = FellowFactory(offer=OfferFactory(application=application, status="accepted", answered_at=timezone.now()))
    mentor = MentorFactory(challenge=fellow.challenge, user=people[MENTOR], email=people[MENTOR].email)
    fellow.operational_mentor = mentor
    fellow.save(update_fields=["operational_mentor"])
    return fellow


def fellowship_world_args(people: People) -> tuple:
    fellowship_world(people)
    return ()


def team_repository_args(people: People) -> tuple:
    """A repository of the fellow's team."""
    from tests.fellowship.factories import RepositoryFactory

    return (RepositoryFactory(challenge=fellowship_world(people).challenge).pk,)


def public_cohort_args(people: People) -> tuple:
    """The fellowship world's cohort, whose results are out: its public page."""
    return (fellowship_world(people).cohort.number,)


def assignment_world(people: People):
    """A cohort whose lists are validated, with a run made by staff and a pin of its first laureate.
    Returns the run (fellowship.AssignmentRun)."""
    from fellowship.runs import choice_set, run_create
    from tests.fellowship.factories import laureates_world

    world = laureates_world(challenges=1, main=1, waiting=0)
    challenge = world.challenges[0]
    choice_set(
        cohort=world.cohort,
        application=world.lists[(challenge, "developer")][0],
        position=world.position(challenge),
        kind="pin",
        by=people[STAFF],
    )
    return run_create(cohort=world.cohort, by=people[STAFF])


def assignment_cohort_args(people: People) -> tuple:
    return (assignment_world(people).cohort_id,)


def assignment_run_args(people: People) -> tuple:
    return (assignment_world(people).pk,)


def assignment_choice_args(people: People) -> tuple:
    from fellowship.models import AssignmentChoice

    return (AssignmentChoice.objects.get(cohort=assignment_world(people).cohort).pk,)


def offers_world_for(people: People):
    """The candidate's open offer of a validated run (the other candidate on the list's waiting list)."""
    from tests.fellowship.factories import OfferFactory, validated_list

    offer = OfferFactory(application=ApplicationFactory(candidate=people[CANDIDATE], preselected=True))
    other = ApplicationFactory(cohort=offer.application.cohort, candidate=people[OTHER_CANDIDATE], preselected=True)
    validated_list(offer.position.challenge, offer.position.profile, main=[offer.application], waiting=[other])
    return offer


def offer_args(people: People) -> tuple:
    return (offers_world_for(people).pk,)


def offers_world_args(people: People) -> tuple:
    offers_world_for(people)
    return ()


def offers_cohort_args(people: People) -> tuple:
    return (offers_world_for(people).application.cohort_id,)


def waiting_list_args(people: People) -> tuple:
    position = offers_world_for(people).position
    return (position.challenge_id, position.profile)


def paused_waiting_list_args(people: People) -> tuple:
    from fellowship.models import WaitingListPause

    challenge_id, profile = waiting_list_args(people)
    WaitingListPause.objects.create(challenge_id=challenge_id, profile=profile, reason="Un motif")
    return (challenge_id, profile)


def fellow_args(people: People) -> tuple:
    """The fellow's own fellowship (their consent to the public page)."""
    return (fellowship_world(people).pk,)


def fellowship_cohort_args(people: People) -> tuple:
    return (fellowship_world(people).cohort_id,)


def hr_export_args(people: People) -> tuple:
    return (*fellowship_cohort_args(people), "xlsx")


def pending_mentor_args(people: People) -> tuple:
    """A senior mentor of the fellow's team who has not joined yet."""
    from tests.fellowship.factories import MentorFactory

    fellow = fellowship_world(people)
    return (MentorFactory(challenge=fellow.challenge, kind="senior", user=None, accepted_at=None).pk,)


def mentor_invitation_args(people: People) -> tuple:
    """An invitation to mentor the fellow's team, sent to the other agent's address."""
    from fellowship.fellows import mentor_invite
    from tests.fellowship.factories import MentorFactory

    fellow = fellowship_world(people)
    mentor = MentorFactory(
        challenge=fellow.challenge, kind="senior", email=people[OTHER_AGENT].email, user=None, accepted_at=None
    )
    mentor_invite(mentor=mentor)
    (email,) = OutboxEmail.objects.filter(to=[people[OTHER_AGENT].email])
    return (email.body.split("/mentorat/invitation/")[1].split("/")[0],)


def session_args(people: People) -> tuple:
    """A session of the fellowship world's cohort, for its fellows and mentors."""
    from tests.fellowship.factories import SessionFactory

    return (SessionFactory(cohort=fellowship_world(people).cohort, audience="both").pk,)


def session_feed_args(people: People) -> tuple:
    """The fellow's private sessions feed (a public URL opened by its token)."""
    from fellowship.sessions import session_feed_renew

    fellowship_world(people)
    return (session_feed_renew(people[FELLOW]),)


def audition_args(people: People) -> tuple:
    return (audition_world(people).pk,)


def convened_audition_args(people: People) -> tuple:
    """The candidate's audition, convened (a slot still being planned is not shown to them)."""
    audition = audition_world(people)
    Audition.objects.filter(pk=audition.pk).update(status=AuditionStatus.CONVENED, convened_at=timezone.now())
    return (audition.pk,)


def deliberation_args(people: People) -> tuple:
    """The deliberation of the audition world's challenge and the candidate's profile."""
    audition = audition_world(people)
    deliberation, _created = Deliberation.objects.get_or_create(
        challenge=audition.challenge, profile=audition.application.profile
    )
    return (deliberation.pk,)


def audition_world_args(people: People) -> tuple:
    """The audition world (the jurors' seats, the candidate's audition); the pages take no argument."""
    audition_world(people)
    return ()


def audition_cohort_args(people: People) -> tuple:
    return (audition_world(people).cohort.pk,)


def juror_feed_args(people: People) -> tuple:
    """The audition juror's private feed address (a public URL opened by its token)."""
    audition_world(people)
    return (juror_feed_renew(juror=people[AUDITION_JUROR]),)


def declared_audition_args(people: People) -> tuple:
    """The audition, once both jurors of its jury declared no link with the candidate."""
    audition = audition_world(people)
    for who in (AUDITION_JUROR, AUDITION_JUROR_WITHOUT_SECOND_FACTOR):
        audition_declare(audition=audition, juror=people[who], link="none")
    return (audition.pk,)


def jury_invitation_args(people: People) -> tuple:
    """An invitation to sit on the audition's jury, sent to the other agent's address."""
    from auditions.services import jury_member_invite
    from tests.auditions.factories import JuryMemberFactory

    audition = audition_world(people)
    member = JuryMemberFactory(jury=audition.jury, user=None, email=people[OTHER_AGENT].email, accepted_at=None)
    return (jury_member_invite(member=member, by=people[STAFF]).token,)


def schedule_args(people: People) -> tuple:
    return (audition_world(people).jury.cohort_id,)


def schedule_move_args(people: People) -> tuple:
    audition = audition_world(people)
    return (audition.jury.cohort_id, audition.pk)


def schedule_export_args(people: People) -> tuple:
    return (*schedule_args(people), "csv")


def unavailability_args(people: People) -> tuple:
    """The candidates' pre-selected applications before the auditions, one period of the candidate's."""
    from auditions.models import Unavailability  # as audition_world: the auditions' test data

    application, _ = candidates_applications(people, phase="after_wishes", preselected=True)
    start = application.cohort.auditions_start_at + dt.timedelta(days=1)
    unavailability = Unavailability.objects.create(
        application=application, starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    return (unavailability.pk,)


def unavailability_page_args(people: People) -> tuple:
    unavailability_args(people)
    return ()


def selection_args(people: People) -> tuple:
    submitted_challenge_args(people)
    return ()


# url name, with its namespace -> who may open it, and how
ACCESS_RULES = {
    "home": Access(PUBLIC),
    "healthz": Access(PUBLIC),
    "switch_language": Access(PUBLIC, ("en",), ok="302 /"),
    "footer-accessibility-status": Access(PUBLIC),
    "footer-legal-notice": Access(PUBLIC),
    "footer-personal-data": Access(PUBLIC),
    "footer-sitemap": Access(PUBLIC),
    "contact": Access(PUBLIC),
    "catalogue:list": Access(PUBLIC),
    "catalogue:archive": Access(PUBLIC),
    "catalogue:detail": Access(PUBLIC, public_challenge_args),
    "selection:challenge_list": Access(ANY_CHALLENGE_JURY, selection_args),
    "selection:challenge_evaluation": Access(
        COHORT_CHALLENGE_JURY, submitted_challenge_args, missing=MISSING_PK, object_rule=True
    ),
    "challenges:dashboard": Access(AGENTS),
    "challenges:administration": Access(AGENTS),
    "challenges:create": Access(AGENTS, projects_call_open_args),
    "challenges:membership_decide": Access(
        ADMINISTRATION_MEMBERS, membership_request_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "challenges:detail": Access(CHALLENGE_READERS, submitted_challenge_args, missing=MISSING_PK, object_rule=True),
    "challenges:edit": Access(CHALLENGE_OWNERS, draft_challenge_step_args, missing=(*MISSING_PK, 1), object_rule=True),
    "challenges:submit": Access(CHALLENGE_OWNERS, draft_challenge_args, ok=405, missing=MISSING_PK, object_rule=True),
    "challenges:withdraw": Access(CHALLENGE_OWNERS, draft_challenge_args, missing=MISSING_PK, object_rule=True),
    "challenges:invite": Access(CHALLENGE_OWNERS, draft_challenge_args, missing=MISSING_PK, object_rule=True),
    "challenges:invitation_accept": Access(INVITED_ADDRESS, invitation_args),
    "applications:space": Access(CANDIDATES, candidates_call_args),
    "applications:edit": Access(CANDIDATES, candidates_call_step_args),
    "applications:submit": Access(CANDIDATES, candidates_call_args, ok=405),
    "applications:withdraw": Access(CANDIDATES, candidates_call_args),
    "applications:wishes": Access(CANDIDATES, wishes_args),
    "applications:cv": Access(APPLICANT_OR_STAFF, candidate_cv_args, missing=(*MISSING_PK, "cv"), object_rule=True),
    "review:queue": Access(PROGRAMME_STAFF),
    "review:ranking": Access(PROGRAMME_STAFF),
    "review:application": Access(PROGRAMME_STAFF, reviewable_application_args, missing=missing_review_args()),
    "review:anonymised_cv": Access(PROGRAMME_STAFF, reviewable_application_args, missing=missing_review_args()),
    "auditions:staff_hub": Access(PROGRAMME_STAFF, audition_world_args),
    "auditions:my_auditions": Access(AUDITION_JURORS, audition_world_args),
    "auditions:audition": Access(AUDITION_JURY, audition_args, missing=MISSING_PK, object_rule=True),
    "auditions:declare": Access(AUDITION_JURY_JURORS, audition_args, ok=405, missing=MISSING_PK, object_rule=True),
    "auditions:score": Access(
        AUDITION_JURY_JURORS, declared_audition_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "auditions:cv": Access(AUDITION_FILE, declared_audition_args, missing=MISSING_PK, object_rule=True),
    "auditions:declarations": Access(PROGRAMME_STAFF, audition_cohort_args, missing=MISSING_PK, object_rule=True),
    "identity": Access(SIGNED_IN, second_factor=False),
    "my_data": Access(SIGNED_IN, second_factor=False),
    "my_data_download": Access(SIGNED_IN, second_factor=False),
    "account_delete": Access(SIGNED_IN, second_factor=False),
    "applications:retention_consent": Access(
        APPLICANT, own_application_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "applications:retention_due": Access(PROGRAMME_STAFF),
    "applications:retention_hold": Access(
        PROGRAMME_STAFF, own_application_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "applications:retention_release": Access(
        PROGRAMME_STAFF, own_application_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "auditions:candidate_auditions": Access(CANDIDATES),
    "auditions:candidate_audition_ics": Access(
        AUDITION_CANDIDATE, convened_audition_args, missing=MISSING_PK, object_rule=True
    ),
    "auditions:candidate_answer": Access(
        AUDITION_CANDIDATE, convened_audition_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "auditions:convocations_send": Access(
        PROGRAMME_STAFF, audition_cohort_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "auditions:juror_agenda": Access(AUDITION_JURORS, audition_world_args),
    "auditions:juror_feed": Access(PUBLIC, juror_feed_args),
    "auditions:deliberations": Access(AUDITION_JURORS | PROGRAMME_STAFF, audition_world_args),
    "auditions:deliberation": Access(AUDITION_JURY, deliberation_args, missing=MISSING_PK, object_rule=True),
    "auditions:deliberation_close": Access(
        AUDITION_JURY, deliberation_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "auditions:validation": Access(DIRECTORS, audition_world_args),
    "auditions:deliberation_validate": Access(
        DIRECTORS, deliberation_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "auditions:deliberation_reopen": Access(DIRECTORS, deliberation_args, missing=MISSING_PK, object_rule=True),
    "auditions:my_results": Access(CANDIDATES, audition_world_args),
    "auditions:export_scores": Access(PROGRAMME_STAFF, ("csv",)),
    "auditions:export_lists": Access(PROGRAMME_STAFF, ("xlsx",)),
    "auditions:invitation_accept": Access(INVITED_ADDRESS, jury_invitation_args),
    "auditions:challenge_propose": Access(AUDITION_JURY, audition_args, missing=MISSING_PK, object_rule=True),
    "auditions:schedule": Access(PROGRAMME_STAFF, schedule_args, missing=MISSING_PK, object_rule=True),
    "auditions:schedule_propose": Access(PROGRAMME_STAFF, schedule_args, ok=405, missing=MISSING_PK, object_rule=True),
    "auditions:schedule_move": Access(
        PROGRAMME_STAFF, schedule_move_args, ok=405, missing=(*MISSING_PK, *MISSING_PK), object_rule=True
    ),
    "auditions:schedule_export": Access(
        PROGRAMME_STAFF, schedule_export_args, missing=(*MISSING_PK, "csv"), object_rule=True
    ),
    "auditions:unavailability": Access(CANDIDATES, unavailability_page_args),
    "fellowship:repositories": Access(FELLOWS, fellowship_world_args),
    "fellowship:repository_remove": Access(
        FELLOWS, team_repository_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "fellowship:public_archive": Access(PUBLIC),
    "fellowship:cohort_public": Access(PUBLIC, public_cohort_args, missing=MISSING_PK),
    "fellowship:my_sessions": Access(FELLOWS | MENTORS, fellowship_world_args),
    "fellowship:my_sessions_ics": Access(FELLOWS | MENTORS, fellowship_world_args),
    "fellowship:session_feed": Access(PUBLIC, session_feed_args),
    "fellowship:staff_sessions": Access(PROGRAMME_STAFF, fellowship_cohort_args, missing=MISSING_PK, object_rule=True),
    "fellowship:session_attendance": Access(PROGRAMME_STAFF, session_args, missing=MISSING_PK, object_rule=True),
    "auditions:unavailability_remove": Access(
        frozenset({CANDIDATE}), unavailability_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "fellowship:assignment": Access(PROGRAMME_STAFF, assignment_cohort_args, missing=MISSING_PK, object_rule=True),
    "fellowship:assignment_run_create": Access(
        PROGRAMME_STAFF, assignment_cohort_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "fellowship:assignment_compare": Access(
        PROGRAMME_STAFF, assignment_cohort_args, missing=MISSING_PK, object_rule=True
    ),
    "fellowship:assignment_run": Access(PROGRAMME_STAFF, assignment_run_args, missing=MISSING_PK, object_rule=True),
    "fellowship:assignment_run_validate": Access(
        PROGRAMME_STAFF, assignment_run_args, missing=MISSING_PK, object_rule=True
    ),
    "fellowship:assignment_choice_remove": Access(
        PROGRAMME_STAFF, assignment_choice_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
    "fellowship:my_offers": Access(CANDIDATES, offers_world_args),
    "fellowship:offer_accept": Access(frozenset({CANDIDATE}), offer_args, missing=MISSING_PK, object_rule=True),
    "fellowship:offer_decline": Access(frozenset({CANDIDATE}), offer_args, missing=MISSING_PK, object_rule=True),
    "fellowship:offer_withdraw": Access(PROGRAMME_STAFF, offer_args, ok=405, missing=MISSING_PK, object_rule=True),
    "fellowship:cohort_offers": Access(PROGRAMME_STAFF, offers_cohort_args, missing=MISSING_PK, object_rule=True),
    "fellowship:waiting_list_pause": Access(
        PROGRAMME_STAFF, waiting_list_args, ok=405, missing=(*MISSING_PK, "developer"), object_rule=True
    ),
    "fellowship:waiting_list_resume": Access(
        PROGRAMME_STAFF, paused_waiting_list_args, ok=405, missing=(*MISSING_PK, "developer"), object_rule=True
    ),
    "fellowship:my_team": Access(FELLOWS, fellowship_world_args),
    "fellowship:fellow_visibility": Access(FELLOWS, fellow_args, ok=405, missing=MISSING_PK, object_rule=True),
    "fellowship:mentoring": Access(MENTORS, fellowship_world_args),
    "fellowship:mentor_invitation": Access(INVITED_ADDRESS, mentor_invitation_args),
    "fellowship:staff_cohorts": Access(PROGRAMME_STAFF, fellowship_world_args),
    "figures:dashboard_home": Access(PROGRAMME_STAFF),
    "figures:dashboard": Access(PROGRAMME_STAFF, fellowship_cohort_args, missing=MISSING_PK, object_rule=True),
    "figures:funnel_csv": Access(PROGRAMME_STAFF, fellowship_cohort_args, missing=MISSING_PK, object_rule=True),
    "public_figures:list": Access(PUBLIC),
    "public_figures:detail": Access(PUBLIC, public_cohort_args, missing=MISSING_PK),
    "public_figures:csv": Access(PUBLIC, public_cohort_args, missing=MISSING_PK),
    "public_figures:json": Access(PUBLIC, public_cohort_args, missing=MISSING_PK),
    "audit:journal": Access(PROGRAMME_STAFF),
    "audit:export": Access(PROGRAMME_STAFF, ("csv",)),
    "fellowship:cohort_hub": Access(PROGRAMME_STAFF, fellowship_cohort_args, missing=MISSING_PK, object_rule=True),
    "fellowship:hr_export": Access(PROGRAMME_STAFF, hr_export_args, missing=(*MISSING_PK, "xlsx"), object_rule=True),
    "fellowship:mentor_resend": Access(
        PROGRAMME_STAFF, pending_mentor_args, ok=405, missing=MISSING_PK, object_rule=True
    ),
}

# Mounted third-party URL sets, tested on their own (admin: tests/eig/test_admin_access.py;
# allauth: tests/eig/test_account_pages.py).
THIRD_PARTY_PREFIXES = ("admin/", "comptes/")
# Pages reached by a link rather than a role: they check the link themselves, not through eig.gate.
LINK_PAGES = {"challenges:invitation_accept", "auditions:invitation_accept", "fellowship:mentor_invitation"}


def project_url_names(patterns=None, prefix: str = "", namespace: str = "") -> set[str]:
    """Every project URL name, with its namespace (`challenges:detail`), as `reverse` takes it."""
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(THIRD_PARTY_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= project_url_names(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and not route.startswith("static/"):
            names.add(f"{namespace}{pattern.name}")
    return names


def url_for(url_name: str, people: People) -> str:
    """The URL of `url_name` on the objects its entry builds for these people."""
    args = ACCESS_RULES[url_name].args
    return reverse(url_name, args=args(people) if callable(args) else args)


def outcome(response, url: str) -> int | str:
    """What a visitor got: the login page (with `?next=` back here), the second factor's enrolment,
    another redirect (with its target) or a status code."""
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location == f"{reverse('account_login')}?next={url}":
        return LOGIN
    if location == reverse("mfa_index"):
        return SECOND_FACTOR
    return f"302 {location}"


def expected_outcome(access: Access, identity: str, *, missing: bool = False) -> int | str:
    """The outcome the rule gives this identity (on the entry's objects, or on a missing one)."""
    ok = 404 if missing else access.ok
    if access.who == PUBLIC:
        return ok
    if identity == ANONYMOUS:
        return LOGIN
    if missing and access.object_rule:
        return 404
    if identity not in access.who:
        return 403
    if identity in WITHOUT_SECOND_FACTOR and access.second_factor:
        return SECOND_FACTOR
    return ok


def outcomes(client, people: People, url: str) -> dict[str, int | str]:
    """The outcome of a GET on `url` for every identity."""
    result = {}
    for identity in [ANONYMOUS, *IDENTITIES]:
        client.logout()
        if identity != ANONYMOUS:
            client.force_login(people[identity])
        result[identity] = outcome(client.get(url), url)
    return result


def test_every_project_url_has_an_access_rule():
    assert project_url_names() == set(ACCESS_RULES)


@pytest.mark.parametrize("url_name", sorted(set(ACCESS_RULES) - LINK_PAGES))
def test_every_page_but_public_ones_goes_through_the_gate(url_name):
    """The page's view carries the gate's rule (eig.gate), so that nothing reaches it without the
    sign-in, role and second-factor checks."""
    people = make_people()
    view = resolve(url_for(url_name, people)).func

    assert hasattr(view, "gate_rule") == (ACCESS_RULES[url_name].who != PUBLIC)


@pytest.mark.parametrize("url_name", ACCESS_RULES)
def test_page_outcome_for_every_identity(client, url_name):
    people = make_people()
    access = ACCESS_RULES[url_name]
    url = url_for(url_name, people)

    assert outcomes(client, people, url) == {
        identity: expected_outcome(access, identity) for identity in [ANONYMOUS, *IDENTITIES]
    }


@pytest.mark.parametrize("url_name", [name for name, access in ACCESS_RULES.items() if access.missing])
def test_page_of_a_missing_object_for_every_identity(client, url_name):
    """Nobody learns whether an object exists before signing in; signed in, a missing one is not found
    (once the role is checked, when the rule does not depend on the object)."""
    people = make_people()
    access = ACCESS_RULES[url_name]
    url = reverse(url_name, args=access.missing)

    assert outcomes(client, people, url) == {
        identity: expected_outcome(access, identity, missing=True) for identity in [ANONYMOUS, *IDENTITIES]
    }
