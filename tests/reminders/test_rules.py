"""Time travel through each rule's calendar: sent at each offset, to exactly those who still have to
act; not before the offset, not after the deadline, not to those who have acted."""

import pytest

from applications.models import ApplicationStatus, PreselectionReview, Wish
from challenges.models import Challenge, ChallengeStatus
from eig.models import DeliveryStatus, ReminderDelivery
from eig.templatetags.eig_tags import paris_datetime
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.reminders.conftest import DAY, MINUTE

pytestmark = pytest.mark.django_db


def ledger() -> list[tuple[str, str, str]]:
    return sorted(ReminderDelivery.objects.values_list("rule", "recipient__email", "status"))


def test_challenge_draft_reminded_7_days_and_1_day_before_projects_call_closes(cohort, sweep_at):
    alice = UserFactory(agent=True, email="alice@agent.gouv.fr")
    bruno = UserFactory(agent=True, email="bruno@agent.gouv.fr")
    dora = UserFactory(agent=True, email="dora@agent.gouv.fr")
    ChallengeFactory(cohort=cohort, name="Signaux Faibles", owners=[alice, bruno])
    hopkins = ChallengeFactory(cohort=cohort, name="Hopkins", owners=[dora])
    ChallengeFactory(cohort=cohort, name="Déjà déposé", submitted=True, owners=[UserFactory(agent=True)])
    ChallengeFactory(name="Autre promotion", owners=[UserFactory(agent=True)])  # its call closes another day
    closes_at = cohort.projects_call_closes_at
    signaux = "[EIG] Rappel : votre défi « Signaux Faibles » n'est pas encore déposé"
    hopkins_subject = "[EIG] Rappel : votre défi « Hopkins » n'est pas encore déposé"

    before_7d = sweep_at(closes_at - 7 * DAY - MINUTE)
    at_7d = sweep_at(closes_at - 7 * DAY)
    later_same_day = sweep_at(closes_at - 7 * DAY + 6 * 60 * MINUTE)
    Challenge.objects.filter(pk=hopkins.pk).update(status=ChallengeStatus.SUBMITTED)
    before_1d = sweep_at(closes_at - DAY - MINUTE)
    at_1d = sweep_at(closes_at - DAY)
    ChallengeFactory(cohort=cohort, name="Trop tard", owners=[UserFactory(agent=True)])
    after_close = sweep_at(closes_at + MINUTE)

    assert before_7d == []
    assert at_7d == [
        (["alice@agent.gouv.fr"], signaux),
        (["bruno@agent.gouv.fr"], signaux),
        (["dora@agent.gouv.fr"], hopkins_subject),
    ]
    assert later_same_day == []
    assert before_1d == []
    assert at_1d == [(["alice@agent.gouv.fr"], signaux), (["bruno@agent.gouv.fr"], signaux)]
    assert after_close == []
    assert ledger() == [
        ("challenge_draft:1d", "alice@agent.gouv.fr", DeliveryStatus.SENT),
        ("challenge_draft:1d", "bruno@agent.gouv.fr", DeliveryStatus.SENT),
        ("challenge_draft:7d", "alice@agent.gouv.fr", DeliveryStatus.SENT),
        ("challenge_draft:7d", "bruno@agent.gouv.fr", DeliveryStatus.SENT),
        ("challenge_draft:7d", "dora@agent.gouv.fr", DeliveryStatus.SENT),
    ]


def test_challenge_draft_created_late_gets_only_the_latest_reminder(cohort, sweep_at):
    ChallengeFactory(cohort=cohort, name="Sur le fil", owners=[UserFactory(agent=True, email="emile@agent.gouv.fr")])

    sent = sweep_at(cohort.projects_call_closes_at - DAY + MINUTE)

    assert sent == [(["emile@agent.gouv.fr"], "[EIG] Rappel : votre défi « Sur le fil » n'est pas encore déposé")]
    assert ledger() == [("challenge_draft:1d", "emile@agent.gouv.fr", DeliveryStatus.SENT)]


def test_application_draft_reminded_7_days_and_2_days_before_candidates_call_closes(cohort, sweep_at):
    erin = ApplicationFactory(cohort=cohort, candidate=UserFactory(candidate=True, email="erin@example.org"))
    fred = ApplicationFactory(
        cohort=cohort, complete=True, candidate=UserFactory(candidate=True, email="fred@example.org")
    )
    ApplicationFactory(cohort=cohort, submitted=True, candidate=UserFactory(candidate=True, email="gaby@example.org"))
    ApplicationFactory(cohort=CohortFactory(), candidate=UserFactory(candidate=True, email="autre@example.org"))
    closes_at = cohort.candidates_call_closes_at
    subject = "[EIG] Rappel : votre candidature à la promotion EIG 30 n'est pas encore déposée"

    before_7d = sweep_at(closes_at - 7 * DAY - MINUTE)
    at_7d = sweep_at(closes_at - 7 * DAY)
    fred.status = ApplicationStatus.SUBMITTED
    fred.save(update_fields=["status"])
    before_2d = sweep_at(closes_at - 2 * DAY - MINUTE)
    at_2d = sweep_at(closes_at - 2 * DAY)
    after_close = sweep_at(closes_at + MINUTE)

    assert before_7d == []
    assert at_7d == [(["erin@example.org"], subject), (["fred@example.org"], subject)]
    assert before_2d == []
    assert at_2d == [(["erin@example.org"], subject)]
    assert after_close == []
    assert erin.status == ApplicationStatus.DRAFT
    assert ledger() == [
        ("application_draft:2d", "erin@example.org", DeliveryStatus.SENT),
        ("application_draft:7d", "erin@example.org", DeliveryStatus.SENT),
        ("application_draft:7d", "fred@example.org", DeliveryStatus.SENT),
    ]


def test_preselection_reviews_reminded_3_days_before_results_to_staff_with_unreviewed(cohort, sweep_at):
    gina = UserFactory(staff=True, email="gina@eig.gouv.fr")
    hugo = UserFactory(staff=True, email="hugo@eig.gouv.fr")
    UserFactory(staff=True, email="kim@eig.gouv.fr")
    UserFactory(staff=True, is_active=False, email="ivan@eig.gouv.fr")
    UserFactory(juror=True, email="jules@example.org")
    submitted = ApplicationFactory.create_batch(3, cohort=cohort, submitted=True)
    ApplicationFactory(cohort=cohort)  # a draft is nobody's to review
    for application in submitted:
        PreselectionReview.objects.create(application=application, reviewer=hugo, assessment="Solide.")
    PreselectionReview.objects.create(application=submitted[0], reviewer=gina, assessment="Convaincant.")
    results_at = cohort.preselection_results_at

    before_3d = sweep_at(results_at - 3 * DAY - MINUTE)
    at_3d = sweep_at(results_at - 3 * DAY)
    again = sweep_at(results_at - DAY)
    after_results = sweep_at(results_at + MINUTE)

    assert before_3d == []
    assert at_3d == [
        (["gina@eig.gouv.fr"], "[EIG] Rappel : 2 candidatures de la promotion EIG 30 attendent votre évaluation"),
        (["kim@eig.gouv.fr"], "[EIG] Rappel : 3 candidatures de la promotion EIG 30 attendent votre évaluation"),
    ]
    assert again == []
    assert after_results == []
    assert ledger() == [
        ("preselection_reviews:3d", "gina@eig.gouv.fr", DeliveryStatus.SENT),
        ("preselection_reviews:3d", "kim@eig.gouv.fr", DeliveryStatus.SENT),
    ]


def test_preselection_reviews_not_sent_to_reviewer_who_finished_before_delivery(cohort, sweep_at, mailoutbox):
    gina = UserFactory(staff=True, email="gina@eig.gouv.fr")
    application = ApplicationFactory(cohort=cohort, submitted=True)
    ReminderDelivery.objects.create(
        rule="preselection_reviews:3d",
        recipient=gina,
        scope_id=cohort.pk,
        object_type="cohorts.cohort",
        object_id=cohort.pk,
        deadline=cohort.preselection_results_at,
        status=DeliveryStatus.FAILED,
        attempts=1,
        next_attempt_at=cohort.preselection_results_at - 3 * DAY,
    )
    PreselectionReview.objects.create(application=application, reviewer=gina, assessment="Vu.")

    sent = sweep_at(cohort.preselection_results_at - 2 * DAY)

    assert sent == []
    assert ledger() == [("preselection_reviews:3d", "gina@eig.gouv.fr", DeliveryStatus.CANCELLED)]


def test_wishes_incomplete_reminded_when_wishes_open_then_3_days_and_1_day_before_close(cohort, sweep_at):
    challenges = ChallengeFactory.create_batch(3, cohort=cohort, selected=True)
    jane = ApplicationFactory(cohort=cohort, preselected=True, candidate=UserFactory(email="jane@example.org"))
    kim = ApplicationFactory(cohort=cohort, preselected=True, candidate=UserFactory(email="kim@example.org"))
    leo = ApplicationFactory(cohort=cohort, preselected=True, candidate=UserFactory(email="leo@example.org"))
    ApplicationFactory(cohort=cohort, not_preselected=True, candidate=UserFactory(email="max@example.org"))
    for rank, challenge in enumerate(challenges[:2], start=1):
        Wish.objects.create(application=kim, challenge=challenge, rank=rank)
    for rank, challenge in enumerate(challenges, start=1):
        Wish.objects.create(application=leo, challenge=challenge, rank=rank)
    subject = "[EIG] Rappel : classez au moins 3 défis dans vos vœux pour la promotion EIG 30"
    opens_at, closes_at = cohort.wishes_open_at, cohort.wishes_close_at

    before_open = sweep_at(opens_at - MINUTE)
    at_open = sweep_at(opens_at)
    before_3d = sweep_at(closes_at - 3 * DAY - MINUTE)
    at_3d = sweep_at(closes_at - 3 * DAY)
    Wish.objects.create(application=kim, challenge=challenges[2], rank=3)
    before_1d = sweep_at(closes_at - DAY - MINUTE)
    at_1d = sweep_at(closes_at - DAY)
    after_close = sweep_at(closes_at + MINUTE)

    assert before_open == []
    assert at_open == [(["jane@example.org"], subject), (["kim@example.org"], subject)]
    assert before_3d == []
    assert at_3d == [(["jane@example.org"], subject), (["kim@example.org"], subject)]
    assert before_1d == []
    assert at_1d == [(["jane@example.org"], subject)]
    assert after_close == []
    assert jane.wishes.count() == 0
    assert ledger() == [
        ("wishes_incomplete:1d", "jane@example.org", DeliveryStatus.SENT),
        ("wishes_incomplete:3d", "jane@example.org", DeliveryStatus.SENT),
        ("wishes_incomplete:3d", "kim@example.org", DeliveryStatus.SENT),
        ("wishes_incomplete:open", "jane@example.org", DeliveryStatus.SENT),
        ("wishes_incomplete:open", "kim@example.org", DeliveryStatus.SENT),
    ]


def test_wishes_incomplete_email_says_the_limits_and_the_deadline(cohort, sweep_at, mailoutbox):
    ChallengeFactory.create_batch(3, cohort=cohort, selected=True)
    ApplicationFactory(cohort=cohort, preselected=True, candidate=UserFactory(email="jane@example.org"))

    sweep_at(cohort.wishes_open_at)

    [message] = mailoutbox
    assert message.subject == "[EIG] Rappel : classez au moins 3 défis dans vos vœux pour la promotion EIG 30"
    assert message.body.splitlines()[2:5] == [
        "Votre candidature est présélectionnée : bravo ! Pour être auditionné·e, classez de 3 à 5 défis parmi ceux "
        "qui sont dévoilés. Vous en avez classé 0 pour l'instant.",
        "",
        f"Vous pouvez classer vos vœux jusqu'au {paris_datetime(cohort.wishes_close_at)}.",
    ]
    assert (
        "Vous recevez ce message parce que votre candidature est présélectionnée et que vous avez classé moins de "
        "3 défis dans vos vœux." in message.body.splitlines()
    )
