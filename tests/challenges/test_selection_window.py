"""Staff decide challenges during the challenge-selection window only (it opens when the projects call has
closed), a challenge no juror evaluated needs an explicit confirmation, and the owners' e-mail names the
jury only when the jury evaluated their challenge."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.urls import reverse

from challenges import services
from challenges.models import Challenge, ChallengeStatus, ChallengeTransition
from cohorts.windows import Step
from tests.challenges.factories import ChallengeEvaluationFactory, ChallengeFactory
from tests.cohorts.factories import EXACT_CALENDAR, CohortFactory, paris, window_instants
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

SELECTION = window_instants(paris(2026, 3, 21, 0, 0), paris(2026, 4, 10, 12, 0))
IDS = [label for label, _now, _open in SELECTION]
CHANGELIST = "admin:challenges_challenge_changelist"


@pytest.fixture
def staff():
    return UserFactory(superuser=True, email="equipe@example.org")


# --- The window, enforced by the service ----------------------------------------------------------


@pytest.mark.parametrize("selected", [True, False], ids=["select", "turn down"])
@pytest.mark.parametrize(("label", "now", "is_open"), SELECTION, ids=IDS)
def test_decisions_at_the_selection_instants(staff, selected, label, now, is_open):
    cohort = CohortFactory(grids=False, **EXACT_CALENDAR)
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    ChallengeEvaluationFactory(challenge=challenge)

    if is_open:
        services.challenges_decide(challenges=[challenge], selected=selected, by=staff, now=now)
    else:
        with pytest.raises(ValidationError) as raised:
            services.challenges_decide(challenges=[challenge], selected=selected, by=staff, now=now)
        assert raised.value.messages == [cohort.window(Step.CHALLENGE_SELECTION).refusal(now)]

    challenge.refresh_from_db()
    decided = ChallengeStatus.SELECTED if selected else ChallengeStatus.NOT_SELECTED
    assert challenge.status == (decided if is_open else ChallengeStatus.SUBMITTED)


def test_a_selection_while_the_projects_call_is_open_is_refused_in_french(staff):
    challenge = ChallengeFactory(submitted=True)  # its cohort's projects call is open
    ChallengeEvaluationFactory(challenge=challenge)
    window = challenge.cohort.window(Step.CHALLENGE_SELECTION)

    with pytest.raises(ValidationError) as raised:
        services.challenges_decide(challenges=[challenge], selected=True, by=staff)

    assert raised.value.messages == [
        f"La sélection des défis ouvre à la clôture de l'appel à projets, le {window.opens_display} : aucun défi "
        "ne peut être sélectionné ni écarté avant."
    ]
    assert ChallengeTransition.objects.count() == 0


def test_challenges_of_several_cohorts_say_which_cohort_is_refused(staff):
    open_one = ChallengeFactory(submitted=True, cohort=CohortFactory(phase="challenge_selection", name="EIG 12"))
    early = ChallengeFactory(submitted=True, cohort=CohortFactory(phase="projects_call", name="EIG 13"))

    with pytest.raises(ValidationError) as raised:
        services.challenges_decide(
            challenges=[open_one, early], selected=True, by=staff, without_evaluation_confirmed=True
        )

    assert raised.value.messages == [f"EIG 13 : {early.cohort.window(Step.CHALLENGE_SELECTION).refusal()}"]
    assert Challenge.objects.filter(status=ChallengeStatus.SELECTED).count() == 0


# --- Challenges nobody evaluated -------------------------------------------------------------------


@pytest.fixture
def cohort():
    return CohortFactory(phase="challenge_selection", name="EIG 12")


def test_deciding_challenges_nobody_evaluated_needs_an_explicit_confirmation(staff, cohort):
    evaluated = ChallengeFactory(cohort=cohort, submitted=True, name="Hopkins")
    ChallengeEvaluationFactory(challenge=evaluated)
    alone = [ChallengeFactory(cohort=cohort, submitted=True, name=name) for name in ("Gobelins", "Lab Santé")]

    with pytest.raises(ValidationError) as raised:
        services.challenges_decide(challenges=[evaluated, *alone], selected=True, by=staff)
    refused = Challenge.objects.filter(status=ChallengeStatus.SELECTED).count()
    services.challenges_decide(
        challenges=[evaluated, *alone], selected=True, by=staff, without_evaluation_confirmed=True
    )

    assert raised.value.messages == [
        "Les défis « Gobelins », « Lab Santé » n'ont reçu aucune évaluation du jury : confirmez explicitement la "
        "décision."
    ]
    assert refused == 0
    assert Challenge.objects.filter(status=ChallengeStatus.SELECTED).count() == 3


def test_deciding_evaluated_challenges_needs_no_confirmation(staff, cohort):
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    ChallengeEvaluationFactory(challenge=challenge)

    services.challenges_decide(challenges=[challenge], selected=False, by=staff)

    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.NOT_SELECTED


# --- The owners' e-mail ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selected", "evaluated", "line"),
    [
        (
            True,
            True,
            "Bonne nouvelle : après l'évaluation du jury de sélection, l'équipe du programme a sélectionné le défi "
            "« Hopkins » pour la promotion EIG 12.",
        ),
        (
            True,
            False,
            "Bonne nouvelle : l'équipe du programme a sélectionné le défi « Hopkins » pour la promotion EIG 12.",
        ),
        (
            False,
            True,
            "Après l'évaluation du jury de sélection, l'équipe du programme n'a pas retenu le défi « Hopkins » pour "
            "la promotion EIG 12. Merci pour le temps consacré à le préparer ; l'équipe du programme reste "
            "disponible pour en parler.",
        ),
        (
            False,
            False,
            "L'équipe du programme n'a pas retenu le défi « Hopkins » pour la promotion EIG 12. Merci pour le temps "
            "consacré à le préparer ; l'équipe du programme reste disponible pour en parler.",
        ),
    ],
)
def test_decision_email_names_the_jury_only_when_it_evaluated(
    staff, cohort, selected, evaluated, line, django_capture_on_commit_callbacks, mailoutbox
):
    challenge = ChallengeFactory(cohort=cohort, submitted=True, name="Hopkins")
    if evaluated:
        ChallengeEvaluationFactory(challenge=challenge)

    with django_capture_on_commit_callbacks(execute=True):
        services.challenges_decide(
            challenges=[challenge], selected=selected, by=staff, without_evaluation_confirmed=True
        )

    [message] = mailoutbox
    assert message.body.splitlines()[2] == line
    assert ("jury" in message.body) is evaluated


# --- The admin's confirmation page ------------------------------------------------------------------


def post_action(client, action, challenges, **data):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, ACTION_CHECKBOX_NAME: [challenge.pk for challenge in challenges], "index": "0", **data},
    )


def test_admin_refuses_to_decide_before_the_projects_call_closes_without_a_confirmation_page(client, staff):
    challenge = ChallengeFactory(submitted=True, name="Hopkins")
    ChallengeEvaluationFactory(challenge=challenge)
    client.force_login(staff)

    response = post_action(client, "select_challenges", [challenge])

    assert response.status_code == 302
    assert [str(message) for message in response.wsgi_request._messages] == [
        challenge.cohort.window(Step.CHALLENGE_SELECTION).refusal()
    ]
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.SUBMITTED


def test_admin_confirmation_lists_the_challenges_nobody_evaluated_and_requires_the_box(
    client, staff, cohort, django_capture_on_commit_callbacks, mailoutbox
):
    evaluated = ChallengeFactory(cohort=cohort, submitted=True, name="Hopkins")
    ChallengeEvaluationFactory(challenge=evaluated)
    alone = ChallengeFactory(cohort=cohort, submitted=True, name="Gobelins")
    client.force_login(staff)

    confirmation = post_action(client, "select_challenges", [evaluated, alone])
    without_box = post_action(client, "select_challenges", [evaluated, alone], post="yes", note="")
    with django_capture_on_commit_callbacks(execute=True):
        with_box = post_action(
            client, "select_challenges", [evaluated, alone], post="yes", note="", confirm_without_evaluation="on"
        )

    page = Page(confirmation.content.decode())
    assert page.texts("div", id="unevaluated") == [
        "Aucun·e juré·e n'a évalué ce défi : la décision sera celle de l'équipe du programme seule. Gobelins"
    ]
    [box] = page.find_all("input", name="confirm_without_evaluation")
    assert page.texts("label", for_=box.attrs["id"]) == [
        "Je confirme la décision pour ces défis, qu'aucun·e juré·e n'a évalués."
    ]
    refused = Page(without_box.content.decode())
    assert (without_box.status_code, refused.texts("ul", id="confirm-without-evaluation-errors")) == (
        200,
        ["Cochez cette case pour décider de défis que le jury n'a pas évalués."],
    )
    assert with_box.status_code == 302
    assert dict(Challenge.objects.values_list("name", "status")) == {"Hopkins": "selected", "Gobelins": "selected"}
    assert len(mailoutbox) == 2


def test_admin_confirmation_of_evaluated_challenges_has_no_box(client, staff, cohort):
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    ChallengeEvaluationFactory(challenge=challenge)
    client.force_login(staff)

    page = Page(post_action(client, "turn_down_challenges", [challenge]).content.decode())

    assert (page.find_all("div", id="unevaluated"), page.find_all("input", name="confirm_without_evaluation")) == (
        [],
        [],
    )
