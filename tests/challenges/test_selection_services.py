"""The services and selectors added for the selection: bulk reopening, confirming administrations,
and the challenges an evaluator is given."""

import pytest

from challenges.models import Administration, ChallengeStatus, ChallengeTransition
from challenges.selectors import challenges_to_evaluate
from challenges.services import (
    TransitionNotAllowed,
    administration_propose,
    administrations_confirm,
    challenges_reopen,
)
from tests.challenges.factories import AdministrationFactory, ChallengeEvaluationFactory, ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_challenges_reopen_gives_submitted_challenges_back_and_tells_owners(
    django_capture_on_commit_callbacks, mailoutbox
):
    staff = UserFactory(staff=True)
    first = ChallengeFactory(submitted=True, name="PrédiSauvetage", owners=[UserFactory(email="a@mer.gouv.fr")])
    second = ChallengeFactory(submitted=True, name="dataESR", owners=[UserFactory(email="b@esr.gouv.fr")])

    with django_capture_on_commit_callbacks(execute=True):
        reopened = challenges_reopen(challenges=[first, second], by=staff, note="À préciser")

    assert [(challenge.name, challenge.status) for challenge in reopened] == [
        ("PrédiSauvetage", ChallengeStatus.DRAFT),
        ("dataESR", ChallengeStatus.DRAFT),
    ]
    assert sorted(ChallengeTransition.objects.values_list("to_status", "note")) == [
        ("draft", "À préciser"),
        ("draft", "À préciser"),
    ]
    assert sorted((m.to, m.subject) for m in mailoutbox) == [
        (["a@mer.gouv.fr"], "[EIG] Votre défi « PrédiSauvetage » est de nouveau modifiable"),
        (["b@esr.gouv.fr"], "[EIG] Votre défi « dataESR » est de nouveau modifiable"),
    ]


def test_challenges_reopen_all_or_nothing(django_capture_on_commit_callbacks, mailoutbox):
    staff = UserFactory(staff=True)
    submitted = ChallengeFactory(submitted=True)
    selected = ChallengeFactory(selected=True)

    with pytest.raises(TransitionNotAllowed), django_capture_on_commit_callbacks(execute=True):
        challenges_reopen(challenges=[submitted, selected], by=staff)

    submitted.refresh_from_db()
    assert submitted.status == ChallengeStatus.SUBMITTED
    assert ChallengeTransition.objects.count() == 0
    assert mailoutbox == []


def test_administrations_confirm_confirms_the_waiting_ones(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposed = administration_propose(user=UserFactory(agent=True), name="Agence du numérique en santé")
    already = AdministrationFactory(name="Direction des affaires maritimes")

    count = administrations_confirm(administrations=Administration.objects.all())

    assert count == 1
    assert list(
        Administration.objects.filter(pk__in=[proposed.pk, already.pk]).values_list("is_confirmed", flat=True)
    ) == [
        True,
        True,
    ]


def test_challenges_to_evaluate_marks_the_evaluator_own_evaluations():
    cohort = CohortFactory(phase="challenge_selection")
    juror = UserFactory(juror=True)
    cohort.challenge_jurors.add(juror)
    evaluated = ChallengeFactory(cohort=cohort, submitted=True, name="A évalué")
    ChallengeFactory(cohort=cohort, submitted=True, name="B à évaluer")
    ChallengeEvaluationFactory(challenge=evaluated, evaluator=juror, scores=2, comment="")
    other_juror = UserFactory(juror=True)
    cohort.challenge_jurors.add(other_juror)

    mine = [(c.name, c.my_evaluation_at is not None) for c in challenges_to_evaluate(juror)]
    theirs = [(c.name, c.my_evaluation_at is not None) for c in challenges_to_evaluate(other_juror)]

    assert mine == [("A évalué", True), ("B à évaluer", False)]
    assert theirs == [("A évalué", False), ("B à évaluer", False)]


def test_challenges_to_evaluate_for_an_inactive_juror_is_empty():
    cohort = CohortFactory(phase="challenge_selection")
    juror = UserFactory(juror=True, is_active=False)
    cohort.challenge_jurors.add(juror)
    ChallengeFactory(cohort=cohort, submitted=True)

    assert list(challenges_to_evaluate(juror)) == []
