"""Reads that span models: what is missing before submission, evaluation summaries."""

import datetime as dt
from typing import NamedTuple

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import (
    Administration,
    AdministrationMembership,
    Challenge,
    ChallengeEvaluation,
    ChallengeStatus,
    Contact,
    ContactKind,
    DerogationStatus,
    Position,
)
from challenges.search import SEARCH_CONFIG
from cohorts.limits import MAX_PROJECT_LEADS, MAX_TEAM_MEMBERS, positions_text, range_text
from cohorts.models import Cohort
from cohorts.profiles import Profile
from cohorts.scoring import MEAN, scores_summary
from cohorts.windows import Step
from eig.cities import CityGroup, city_groups
from eig.forms_messages import field_to_fill_message
from eig.permissions import is_juror, is_programme_staff

# Fields required at submission, in the order of the form (steps 1 to 3, then the place on step 5).
TEXT_FIELDS = [
    "name",
    "summary",
    "context",
    "solution",
    "benefits",
    "existing_solutions",
    "obstacles",
    "data_needed",
    "data_access",
    "legal_ethical_issues",
    "openness",
]
PLACE_FIELDS = ["work_address", "work_postcode", "work_city"]
REQUIRED_FIELDS = [*TEXT_FIELDS, *PLACE_FIELDS]


class MissingItem(NamedTuple):
    """Something that still prevents submission: the part of the form concerned (a challenge field
    name, or "positions", "contacts", "team_members") and what to do, in French."""

    part: str
    message: str


def too_many_positions_message(maximum: int) -> str:
    return _("Le défi compte au plus %(positions)s : videz les lignes en trop.") % {
        "positions": positions_text(maximum)
    }


def too_many_team_members_message() -> str:
    return _("L'équipe projet compte au plus %(max)s personnes.") % {"max": MAX_TEAM_MEMBERS}


def too_many_project_leads_message() -> str:
    return _("Le défi a au plus %(max)s porteur·ses de projet.") % {"max": MAX_PROJECT_LEADS}


def positions_count_message(challenge: Challenge, count: int) -> str:
    """Why `count` positions do not make a challenge that can be submitted, in French."""
    values = {"range": challenge.usual_positions.text, "count": count, "asked": challenge.derogation_positions}
    if challenge.has_active_derogation:
        return (
            _(
                "Le défi doit compter %(range)s postes, ou %(asked)s comme la dérogation demandée "
                "(il en compte %(count)s)."
            )
            % values
        )
    if challenge.derogation_status == DerogationStatus.REFUSED:
        return (
            _("Le défi doit compter %(range)s postes (il en compte %(count)s) : la dérogation a été refusée.") % values
        )
    if not challenge.derogation_choices:
        return _("Le défi doit compter %(range)s postes (il en compte %(count)s).") % values
    return (
        _(
            "Le défi doit compter %(range)s postes (il en compte %(count)s) ; pour un autre nombre, "
            "demandez une dérogation."
        )
        % values
    )


def _missing_fields(challenge: Challenge, field_names: list[str]) -> list[MissingItem]:
    missing = []
    for field_name in field_names:
        if not str(getattr(challenge, field_name) or "").strip():
            label = challenge._meta.get_field(field_name).verbose_name
            missing.append(MissingItem(field_name, field_to_fill_message(label)))
    return missing


def _missing_positions(challenge: Challenge) -> list[MissingItem]:
    positions = list(challenge.positions.all())
    missing = []
    if not challenge.positions_count_allowed(len(positions)):
        missing.append(MissingItem("positions", positions_count_message(challenge, len(positions))))
    if any(not position.mission.strip() for position in positions):
        missing.append(MissingItem("positions", _("Chaque poste doit décrire sa mission.")))
    return missing


def _missing_contacts(challenge: Challenge) -> list[MissingItem]:
    """In the order of the contacts step: sponsor, project leads, HR, finance."""
    kinds = [contact.kind for contact in challenge.contacts.all()]
    missing = []
    if ContactKind.SPONSOR not in kinds:
        missing.append(MissingItem("contacts", _("Il manque le ou la sponsor (mentor·e senior).")))
    if not 1 <= kinds.count(ContactKind.PROJECT_LEAD) <= MAX_PROJECT_LEADS:
        missing.append(
            MissingItem(
                "contacts",
                _("Le défi doit avoir %(range)s porteur·ses de projet.") % {"range": range_text(1, MAX_PROJECT_LEADS)},
            )
        )
    if ContactKind.HR not in kinds:
        missing.append(MissingItem("contacts", _("Il manque le contact ressources humaines.")))
    if ContactKind.FINANCE not in kinds:
        missing.append(MissingItem("contacts", _("Il manque le contact financier.")))
    return missing


def challenge_missing_parts(challenge: Challenge) -> list[MissingItem]:
    """What still prevents submission, with the part of the form where each is fixed, in the order
    of the form's steps and of each page (tests/challenges/test_agent_steps.py holds it to
    challenges.forms.STEPS). Empty when complete.

    Reads the cohort, positions, contacts and team members: select and prefetch them for lists."""
    missing = _missing_fields(challenge, TEXT_FIELDS)
    missing += _missing_positions(challenge)
    if not list(challenge.team_members.all()):
        missing.append(MissingItem("team_members", _("Décrivez l'équipe projet (au moins une personne).")))
    missing += _missing_fields(challenge, PLACE_FIELDS)
    missing += _missing_contacts(challenge)
    return missing


def challenge_missing_items(challenge: Challenge) -> list[str]:
    """What still prevents submission, in French, in the order of the form. Empty when complete.

    Reads positions, contacts and team members through `.all()`, so prefetch them for lists."""
    return [item.message for item in challenge_missing_parts(challenge)]


def challenges_owned(user) -> QuerySet[Challenge]:
    """The challenges `user` owns, newest cohort first, with what their list and their missing items
    read (cohort, administration, positions, contacts, team members) loaded in a fixed number of queries."""
    return (
        Challenge.objects.owned_by(user)
        .select_related("cohort", "administration")
        .prefetch_related("positions", "contacts", "team_members")
        .order_by("-cohort__number", "name")
    )


def administrations_approved_for(user) -> QuerySet[Administration]:
    """The administrations the agent's approved memberships name: those a challenge may be created for."""
    return Administration.objects.filter(
        pk__in=AdministrationMembership.objects.approved().filter(user=user).values("administration")
    ).order_by("name")


def memberships_of(user) -> QuerySet[AdministrationMembership]:
    """The agent's memberships, whatever their state, with their administration, by its name."""
    return (
        AdministrationMembership.objects.filter(user=user)
        .select_related("administration", "decided_by")
        .order_by("administration__name")
    )


def membership_requests_for(user) -> QuerySet[AdministrationMembership]:
    """The pending requests to join the administrations the user is an approved member of (not their
    own), oldest first."""
    return (
        AdministrationMembership.objects.pending()
        .filter(administration__in=administrations_approved_for(user))
        .exclude(user=user)
        .select_related("user", "administration")
        .order_by("created_at", "pk")
    )


def cohort_with_open_projects_call(*, now: dt.datetime | None = None) -> Cohort | None:
    """The cohort whose projects call is open now (the latest to open, should two overlap), or None."""
    now = now or timezone.now()
    return Cohort.objects.with_window_open(Step.PROJECTS_CALL, now).order_by("-projects_call_opens_at").first()


def unevaluated() -> Q:
    """Submitted challenges nobody evaluated yet: the admin's « évaluations » filter and the staff
    dashboard's count read this one condition."""
    return Q(status=ChallengeStatus.SUBMITTED) & ~Q(
        Exists(ChallengeEvaluation.objects.filter(challenge=OuterRef("pk")))
    )


def challenges_without_evaluation(challenges) -> list[Challenge]:
    """Those of `challenges` (a list) that nobody evaluated, in the same order, in one query."""
    evaluated = set(
        ChallengeEvaluation.objects.filter(challenge__in=[challenge.pk for challenge in challenges]).values_list(
            "challenge_id", flat=True
        )
    )
    return [challenge for challenge in challenges if challenge.pk not in evaluated]


def challenges_with_evaluation_summary(queryset: QuerySet[Challenge]) -> QuerySet[Challenge]:
    """Annotate each challenge with its evaluations: count, favourable count, coups de cœur and
    the mean of the evaluators' weighted means (each evaluation counts once)."""
    return queryset.annotate(
        evaluation_count=Count("evaluations", distinct=True),
        favourable_count=Count("evaluations", filter=Q(evaluations__favourable=True), distinct=True),
        favourite_count=Count("evaluations", filter=Q(evaluations__favourite=True), distinct=True),
        **scores_summary(ChallengeEvaluation, mean_score=MEAN),
    )


# --- The public catalogue ------------------------------------------------------------------------
# Public means `Challenge.objects.revealed(now)`: selected, in a cohort whose wishes have opened.
# Every public read below starts from it, so nothing else can leak (not even a filter's choices).

# The contacts a candidate may know by name and role (never their e-mail or phone).
PUBLIC_CONTACT_KINDS = [ContactKind.SPONSOR, ContactKind.PROJECT_LEAD]


def challenges_public(*, now) -> QuerySet[Challenge]:
    """Every public challenge, ready for a list: administration and cohort joined, positions prefetched."""
    return Challenge.objects.revealed(now).select_related("administration", "cohort").prefetch_related("positions")


def challenge_public_get(*, pk: int, now) -> Challenge | None:
    """A public challenge with its mentors (sponsor first, then project leads) in `public_contacts`;
    None when it does not exist or is not public."""
    mentors = Contact.objects.filter(kind__in=PUBLIC_CONTACT_KINDS).order_by(
        Case(When(kind=ContactKind.SPONSOR, then=Value(0)), default=Value(1)), "id"
    )
    return (
        challenges_public(now=now)
        .prefetch_related(Prefetch("contacts", queryset=mentors, to_attr="public_contacts"))
        .filter(pk=pk)
        .first()
    )


def challenges_catalogue(
    *,
    cohort: Cohort | None,
    now,
    search: str = "",
    profile: str = "",
    city: CityGroup | None = None,
    administration: Administration | None = None,
) -> QuerySet[Challenge]:
    """The cohort's public challenges matching the filters, by name; by relevance when searching
    (web-search syntax: words, "a phrase", -excluded, or), on the stored vector (challenges.search).
    `city`, one of catalogue_cities' groups, matches every spelling of that commune."""
    if cohort is None:
        return Challenge.objects.none()
    challenges = challenges_public(now=now).for_cohort(cohort)
    if profile:
        challenges = challenges.filter(Exists(Position.objects.filter(challenge=OuterRef("pk"), profile=profile)))
    if city is not None:
        challenges = challenges.filter(work_city__in=city.variants)
    if administration is not None:
        challenges = challenges.filter(administration=administration)
    if not search.strip():
        return challenges.order_by("name")
    query = SearchQuery(search, search_type="websearch", config=SEARCH_CONFIG)
    return (
        challenges.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "name")
    )


def catalogue_cities(*, cohort: Cohort | None, now) -> list[CityGroup]:
    """The communes of the cohort's public challenges, each once whatever its spellings (case, accents,
    « Cedex », arrondissement, « St », a locality after it: see eig.cities), alphabetically."""
    if cohort is None:
        return []
    cities = (
        Challenge.objects.revealed(now)
        .for_cohort(cohort)
        .exclude(work_city="")
        .order_by("work_city")
        .values_list("work_city", flat=True)
        .distinct()
    )
    return city_groups(cities)


def catalogue_administrations(*, cohort: Cohort | None, now) -> QuerySet[Administration]:
    """The administrations hosting at least one of the cohort's public challenges."""
    if cohort is None:
        return Administration.objects.none()
    public = Challenge.objects.revealed(now).for_cohort(cohort).filter(administration=OuterRef("pk"))
    return Administration.objects.filter(Exists(public)).order_by("name")


def profiles_sought(challenge: Challenge) -> list[str]:
    """The profiles a challenge's positions ask for, each once, in the profiles' order (reads the
    prefetched positions)."""
    wanted = {position.profile for position in challenge.positions.all()}
    return [str(profile.label) for profile in Profile if profile in wanted]


def cohorts_in_archive(*, now, current: Cohort | None) -> QuerySet[Cohort]:
    """Cohorts other than the current one whose selected challenges are public, most recent first."""
    selected = Challenge.objects.filter(cohort=OuterRef("pk"), status=ChallengeStatus.SELECTED)
    cohorts = Cohort.objects.with_window_opened(Step.WISHES, now).filter(Exists(selected))
    if current is not None:
        cohorts = cohorts.exclude(pk=current.pk)
    return cohorts.order_by("-number")


def challenges_archive(*, now, current: Cohort | None, cohort: Cohort | None = None) -> QuerySet[Challenge]:
    """Past cohorts' public challenges (all of them, or one cohort's), most recent cohort first."""
    challenges = challenges_public(now=now)
    if current is not None:
        challenges = challenges.exclude(cohort=current)
    if cohort is not None:
        challenges = challenges.filter(cohort=cohort)
    return challenges.order_by("-cohort__number", "name")


def challenges_to_evaluate(user) -> QuerySet[Challenge]:
    """The submitted challenges `user` may evaluate (staff: every cohort's; jurors: those of the cohorts
    whose challenge jury they sit on), never their own, newest cohort first. Each carries
    `my_evaluation_at`: when the user last saved their evaluation of it, or None."""
    queryset = Challenge.objects.filter(status=ChallengeStatus.SUBMITTED)
    if not is_programme_staff(user):
        if not is_juror(user):
            return queryset.none()
        queryset = queryset.filter(cohort__challenge_jurors=user)
    mine = ChallengeEvaluation.objects.filter(challenge=OuterRef("pk"), evaluator=user).values("updated_at")
    return (
        queryset.exclude(owners=user)
        .annotate(my_evaluation_at=Subquery(mine[:1]))
        .select_related("cohort", "administration")
        .prefetch_related("positions")
        .order_by("-cohort__number", "name")
    )
