"""Positions per challenge: the cohort's usual number, a derogation asked by the owners with a reason and
granted or refused by staff, what submission and selection accept, the allowed team size, and the limits
the services enforce whatever the form lets through."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from challenges import services
from challenges.models import Challenge, ChallengeStatus, ContactKind, DerogationStatus, TeamSize
from challenges.selectors import challenge_missing_items
from cohorts.profiles import Profile
from tests.challenges.factories import COMPLETE_FIELDS, ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

POSITION = {"profile": Profile.DEVELOPER, "mission": "Développer le service."}
REASON = "Le service ne demande qu'une développeuse : la donnée est déjà prête."


@pytest.fixture
def agent():
    return UserFactory(agent=True)


@pytest.fixture
def challenge(agent):
    return ChallengeFactory(owners=[agent], complete=True, with_parts=False)


def ask(challenge, agent, asked, reason=REASON, **kwargs):
    """Save the positions step with a derogation asked for `asked` positions (None: no derogation)."""
    return services.challenge_save_step(
        challenge=challenge, by=agent, derogation={"positions": asked, "reason": reason}, **kwargs
    )


def with_derogation(challenge, status, positions=1, **fields) -> Challenge:
    """Put a derogation on the challenge as the services leave it."""
    decided = status in (DerogationStatus.GRANTED, DerogationStatus.REFUSED)
    Challenge.objects.filter(pk=challenge.pk).update(
        derogation_positions=positions,
        derogation_reason=REASON,
        derogation_status=status,
        derogation_requested_at=timezone.now(),
        derogation_decided_at=timezone.now() if decided else None,
        **fields,
    )
    return Challenge.objects.select_related("cohort").get(pk=challenge.pk)


def constraint_violated(callable_) -> str:
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        callable_()
    return raised.value.__cause__.diag.constraint_name


# --- The database's rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "constraint", "message"),
    [
        (
            {"derogation_positions": 5, "derogation_reason": REASON, "derogation_status": "requested"},
            "challenge_derogation_positions_bounds",
            "Une dérogation porte sur 1 à 4 postes.",
        ),
        (
            {"derogation_positions": 1, "derogation_reason": "", "derogation_status": "requested"},
            "challenge_derogation_requested_with_reason",
            "Une demande de dérogation indique le nombre de postes demandé et son motif.",
        ),
        (
            {"derogation_positions": None, "derogation_reason": "", "derogation_status": "requested"},
            "challenge_derogation_requested_with_reason",
            "Une demande de dérogation indique le nombre de postes demandé et son motif.",
        ),
        (
            {"derogation_positions": 1, "derogation_reason": REASON, "derogation_status": "granted"},
            "challenge_derogation_decision_dated",
            "Une dérogation accordée ou refusée porte la date de la décision ; une dérogation en attente n'en a pas.",
        ),
    ],
)
def test_derogation_constraints_fire_with_their_french_message(challenge, fields, constraint, message):
    fields = {"derogation_requested_at": timezone.now(), **fields}
    for name, value in fields.items():
        setattr(challenge, name, value)

    with pytest.raises(ValidationError) as raised:
        challenge.validate_constraints()

    assert raised.value.messages == [message]
    assert constraint_violated(lambda: Challenge.objects.filter(pk=challenge.pk).update(**fields)) == constraint


# --- Asking on the positions step ------------------------------------------------------------------


def test_owner_asks_for_a_derogation_with_a_reason(challenge, agent):
    now = timezone.now()

    ask(challenge, agent, 1, now=now, positions=[POSITION])

    challenge.refresh_from_db()
    assert (
        challenge.derogation_positions,
        challenge.derogation_reason,
        challenge.derogation_status,
        challenge.derogation_requested_at,
    ) == (1, REASON, DerogationStatus.REQUESTED, now)
    assert challenge.positions.count() == 1


@pytest.mark.parametrize(
    ("asked", "reason", "message"),
    [
        (2, REASON, "Une dérogation porte sur un nombre de postes hors du nombre habituel (2 ou 3) : 1, 4."),
        (5, REASON, "Une dérogation porte sur un nombre de postes hors du nombre habituel (2 ou 3) : 1, 4."),
        (4, "  ", "Expliquez pourquoi le défi a besoin de 4 postes : l'équipe du programme en décidera."),
    ],
)
def test_a_derogation_inside_the_usual_range_or_without_reason_is_refused_and_nothing_saved(
    challenge, agent, asked, reason, message
):
    with pytest.raises(ValidationError) as raised:
        ask(challenge, agent, asked, reason, fields={"summary": "Changé"}, positions=[POSITION])

    assert raised.value.messages == [message]
    challenge.refresh_from_db()
    assert (challenge.derogation_status, challenge.summary, challenge.positions.count()) == (
        "",
        COMPLETE_FIELDS["summary"],
        0,
    )


def test_a_new_number_or_reason_is_a_new_request_the_same_one_keeps_the_decision(challenge, agent):
    challenge = with_derogation(challenge, DerogationStatus.GRANTED, positions=4, derogation_note="D'accord.")

    ask(challenge, agent, 4)
    challenge.refresh_from_db()
    unchanged = (challenge.derogation_status, challenge.derogation_note)
    ask(challenge, agent, 4, reason="Un quatrième profil, juriste.")
    challenge.refresh_from_db()

    assert unchanged == (DerogationStatus.GRANTED, "D'accord.")
    assert (challenge.derogation_status, challenge.derogation_decided_at, challenge.derogation_note) == (
        DerogationStatus.REQUESTED,
        None,
        "",
    )


def test_owner_withdraws_the_derogation(challenge, agent):
    challenge = with_derogation(challenge, DerogationStatus.REFUSED)

    ask(challenge, agent, None, "")

    challenge.refresh_from_db()
    assert (challenge.derogation_positions, challenge.derogation_reason, challenge.derogation_status) == (None, "", "")


def test_rows_allowed_follow_the_derogation(challenge):
    assert challenge.positions_rows == 3
    assert with_derogation(challenge, DerogationStatus.REQUESTED, positions=4).positions_rows == 4
    assert with_derogation(challenge, DerogationStatus.REQUESTED, positions=1).positions_rows == 3
    assert with_derogation(challenge, DerogationStatus.REFUSED, positions=4).positions_rows == 3


# --- The limits, enforced by the service ----------------------------------------------------------


def test_more_positions_than_allowed_are_refused_by_the_service(challenge, agent):
    with pytest.raises(ValidationError) as raised:
        services.challenge_save_step(challenge=challenge, by=agent, positions=[POSITION] * 4)

    assert raised.value.messages == ["Le défi compte au plus 3 postes : videz les lignes en trop."]
    assert challenge.positions.count() == 0


def test_four_positions_with_the_derogation_asked_in_the_same_save(challenge, agent):
    ask(challenge, agent, 4, positions=[POSITION] * 4)

    assert challenge.positions.count() == 4


def test_withdrawing_the_derogation_with_four_positions_is_refused(challenge, agent):
    challenge = with_derogation(challenge, DerogationStatus.GRANTED, positions=4)

    with pytest.raises(ValidationError) as raised:
        ask(challenge, agent, None, "", positions=[POSITION] * 4)

    assert raised.value.messages == ["Le défi compte au plus 3 postes : videz les lignes en trop."]
    challenge.refresh_from_db()
    assert challenge.derogation_status == DerogationStatus.GRANTED


def test_more_than_ten_team_members_are_refused_by_the_service(challenge, agent):
    member = {"name": "Camille", "role": "Cheffe", "time_share": 10}

    with pytest.raises(ValidationError) as raised:
        services.challenge_save_step(challenge=challenge, by=agent, team_members=[member] * 11)

    assert raised.value.messages == ["L'équipe projet compte au plus 10 personnes."]
    assert challenge.team_members.count() == 0


def test_more_than_two_project_leads_are_refused_by_the_service(challenge, agent):
    lead = {"kind": ContactKind.PROJECT_LEAD, "name": "Lou", "job_title": "", "email": "l@a.fr", "phone": ""}

    with pytest.raises(ValidationError) as raised:
        services.challenge_save_step(challenge=challenge, by=agent, contacts=[lead] * 3)

    assert raised.value.messages == ["Le défi a au plus 2 porteur·ses de projet."]
    assert challenge.contacts.count() == 0


# --- Submission ------------------------------------------------------------------------------------


def positions_message(challenge) -> list[str]:
    return [message for message in challenge_missing_items(challenge) if "postes" in message]


@pytest.mark.parametrize(
    ("status", "asked", "count", "message"),
    [
        (
            "",
            None,
            1,
            "Le défi doit compter 2 ou 3 postes (il en compte 1) ; pour un autre nombre, demandez une dérogation.",
        ),
        ("requested", 1, 1, None),
        ("granted", 1, 1, None),
        ("granted", 4, 4, None),
        ("requested", 4, 3, None),
        ("requested", 1, 4, "Le défi doit compter 2 ou 3 postes, ou 1 comme la dérogation demandée (il en compte 4)."),
        ("refused", 1, 1, "Le défi doit compter 2 ou 3 postes (il en compte 1) : la dérogation a été refusée."),
    ],
)
def test_submission_accepts_the_usual_number_or_the_derogation_asked(challenge, status, asked, count, message):
    if status:
        challenge = with_derogation(challenge, status, positions=asked)
    PositionFactory.create_batch(count, challenge=challenge)

    assert positions_message(challenge) == ([message] if message else [])


def test_a_cohort_with_another_usual_range_is_read_everywhere(agent):
    cohort = CohortFactory(phase="projects_call", usual_positions_min=1, usual_positions_max=2)
    challenge = ChallengeFactory(cohort=cohort, owners=[agent], complete=True, with_parts=False)
    PositionFactory.create_batch(3, challenge=challenge)

    assert (challenge.positions_rows, challenge.derogation_choices) == (2, [3, 4])
    assert positions_message(challenge) == [
        "Le défi doit compter 1 ou 2 postes (il en compte 3) ; pour un autre nombre, demandez une dérogation."
    ]


# --- Staff decide --------------------------------------------------------------------------------


def test_staff_grant_a_derogation_and_the_owners_are_told(
    challenge, agent, django_capture_on_commit_callbacks, mailoutbox
):
    challenge = with_derogation(challenge, DerogationStatus.REQUESTED, positions=4)
    staff = UserFactory(staff=True)
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        services.challenges_derogation_decide(
            challenges=[challenge], granted=True, by=staff, note="  Quatre profils, c'est justifié.  ", now=now
        )

    challenge.refresh_from_db()
    assert (
        challenge.derogation_status,
        challenge.derogation_decided_by,
        challenge.derogation_decided_at,
        challenge.derogation_note,
    ) == (DerogationStatus.GRANTED, staff, now, "Quatre profils, c'est justifié.")
    [message] = mailoutbox
    assert (message.to, message.subject) == (
        [agent.email],
        f"[EIG] Dérogation accordée pour le défi « {challenge.name} »",
    )
    assert message.body.splitlines()[2:5] == [
        f"L'équipe du programme accorde la dérogation demandée pour le défi « {challenge.name} » : il peut compter "
        "4 postes.",
        "",
        "Message de l'équipe : Quatre profils, c'est justifié.",
    ]


def test_staff_refuse_a_derogation_and_the_owners_are_told(
    challenge, agent, django_capture_on_commit_callbacks, mailoutbox
):
    challenge = with_derogation(challenge, DerogationStatus.REQUESTED, positions=1)

    with django_capture_on_commit_callbacks(execute=True):
        services.challenges_derogation_decide(challenges=[challenge], granted=False, by=UserFactory(staff=True))

    challenge.refresh_from_db()
    assert challenge.derogation_status == DerogationStatus.REFUSED
    [message] = mailoutbox
    assert message.subject == f"[EIG] Dérogation refusée pour le défi « {challenge.name} »"
    assert message.body.splitlines()[2] == (
        f"L'équipe du programme refuse la dérogation demandée pour le défi « {challenge.name} » (1 poste) : il doit "
        "compter 2 ou 3 postes, le nombre habituel de la promotion."
    )


@pytest.mark.parametrize(
    ("status", "derogation", "message"),
    [
        (ChallengeStatus.SUBMITTED, "", "Le défi « {name} » ne demande pas de dérogation."),
        (
            ChallengeStatus.SELECTED,
            "requested",
            "Le défi « {name} » est « Sélectionné » : sa dérogation ne se décide plus.",
        ),
    ],
)
def test_a_derogation_is_decided_only_when_asked_and_before_the_selection(challenge, status, derogation, message):
    if derogation:
        challenge = with_derogation(challenge, derogation)
    Challenge.objects.filter(pk=challenge.pk).update(status=status)

    with pytest.raises(ValidationError) as raised:
        services.challenges_derogation_decide(challenges=[challenge], granted=True, by=UserFactory(staff=True))

    assert raised.value.messages == [message.format(name=challenge.name)]


# --- Selection and the allowed team size ----------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "asked", "expected"),
    [
        ("", None, TeamSize(2, 3)),
        ("requested", 1, TeamSize(2, 3)),
        ("refused", 1, TeamSize(2, 3)),
        ("granted", 1, TeamSize(1, 3)),
        ("granted", 4, TeamSize(2, 4)),
    ],
)
def test_allowed_team_size(challenge, status, asked, expected):
    if status:
        challenge = with_derogation(challenge, status, positions=asked)

    assert challenge.allowed_team_size == expected


def selection_cohort():
    """A cohort whose challenge selection is open (the projects call has closed)."""
    return CohortFactory(phase="challenge_selection")


@pytest.mark.parametrize(
    ("status", "count", "message"),
    [
        (
            "requested",
            1,
            "Le défi « {name} » demande une dérogation (1 poste) : accordez-la ou refusez-la avant de le "
            "sélectionner.",
        ),
        (
            "refused",
            1,
            "Le défi « {name} » compte 1 poste sans dérogation accordée (le nombre habituel est 2 ou 3) : rouvrez-le "
            "pour que ses porteur·ses le corrigent.",
        ),
    ],
)
def test_selecting_a_challenge_whose_derogation_is_not_granted_is_refused(status, count, message):
    challenge = ChallengeFactory(cohort=selection_cohort(), submitted=True, with_parts=False)
    challenge = with_derogation(challenge, status, positions=1)
    PositionFactory.create_batch(count, challenge=challenge)

    with pytest.raises(ValidationError) as raised:
        services.challenges_decide(
            challenges=[challenge], selected=True, by=UserFactory(staff=True), without_evaluation_confirmed=True
        )

    assert raised.value.messages == [message.format(name=challenge.name)]
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.SUBMITTED


def test_selecting_a_challenge_with_its_granted_derogation(django_capture_on_commit_callbacks):
    challenge = ChallengeFactory(cohort=selection_cohort(), submitted=True, with_parts=False)
    challenge = with_derogation(challenge, DerogationStatus.GRANTED, positions=4)
    PositionFactory.create_batch(4, challenge=challenge)

    services.challenges_decide(
        challenges=[challenge], selected=True, by=UserFactory(staff=True), without_evaluation_confirmed=True
    )

    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.SELECTED


def test_turning_down_a_challenge_whose_derogation_is_pending_is_allowed():
    challenge = ChallengeFactory(cohort=selection_cohort(), submitted=True, with_parts=False)
    challenge = with_derogation(challenge, DerogationStatus.REQUESTED, positions=1)

    services.challenges_decide(
        challenges=[challenge], selected=False, by=UserFactory(staff=True), without_evaluation_confirmed=True
    )

    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.NOT_SELECTED


def test_derogation_requested_at_is_a_real_instant(challenge, agent):
    before = timezone.now()
    ask(challenge, agent, 4)
    challenge.refresh_from_db()

    assert before <= challenge.derogation_requested_at <= timezone.now() + dt.timedelta(seconds=1)
