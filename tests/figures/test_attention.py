"""What needs attention now (figures.attention): each item's exact count, matching and non-matching rows,
and the admin list each item links to listing exactly those rows; the dashboard shows the links; the
number of queries does not grow with the rows."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from auditions.models import Audition, AuditionStatus, Link
from auditions.services import busy_range
from eig.models import DeliveryStatus, OutboxEmail, ReminderDelivery
from eig.reminders.registry import all_rules
from fellowship.models import OfferStatus
from figures.attention import attention_items
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory
from tests.auditions.factories import (
    AuditionFactory,
    DeclarationFactory,
    JuryFactory,
    audition_scorecard,
)
from tests.challenges.factories import ChallengeEvaluationFactory, ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.fellowship.factories import OfferFactory, validated_run
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(superuser=True, second_factor=True, first_name="Zoé", last_name="Zola"))
    return client


def items_of(cohort, key: str, now=None) -> list:
    return [item for item in attention_items(cohort, now=now or timezone.now()) if item.key == key]


def listed(client, url: str) -> set[int]:
    """The ids of the rows the admin list at `url` shows (every row: the lists here fit on one page)."""
    response = client.get(url)
    assert response.status_code == 200
    assert "e" not in response.wsgi_request.GET  # not the admin's « incorrect lookup » redirect
    changelist = response.context["cl"]
    assert changelist.result_count == changelist.full_result_count or changelist.result_count < 100
    return {row.pk for row in changelist.result_list}


# --- 1. Applications left to review, per reviewer ----------------------------------------------------------


def test_applications_left_to_review_per_reviewer_and_their_admin_lists(staff_client):
    cohort, other = CohortFactory(phase="preselection"), CohortFactory(phase="preselection")
    alice = UserFactory(staff=True, first_name="Alice", last_name="Abadie")
    bruno = UserFactory(staff=True, first_name="Bruno", last_name="Bernard")
    # No longer staff, but reviewed an application of the cohort: still a reviewer of it.
    former = UserFactory(first_name="Chloé", last_name="Colin")
    UserFactory(staff=True, is_active=False, last_name="Inactif")
    first, second, third = (ApplicationFactory(cohort=cohort, submitted=True) for _ in range(3))
    ApplicationFactory(cohort=cohort)  # a draft
    ApplicationFactory(cohort=cohort, preselected=True)  # decided
    ApplicationFactory(cohort=other, submitted=True)  # another cohort
    PreselectionReviewFactory(application=first, reviewer=alice)
    PreselectionReviewFactory(application=second, reviewer=former)

    items = items_of(cohort, "reviews")

    # In the reviewers' order (by name); the signed-in staff member is one of them.
    assert [(item.label, item.count) for item in items] == [
        ("2 candidatures à relire par Alice Abadie", 2),
        ("3 candidatures à relire par Bruno Bernard", 3),
        ("2 candidatures à relire par Chloé Colin", 2),
        ("3 candidatures à relire par Zoé Zola", 3),
    ]
    urls = {item.label: item.url for item in items}
    assert urls["3 candidatures à relire par Bruno Bernard"] == (
        reverse("admin:applications_application_changelist")
        + f"?cohort__id__exact={cohort.pk}&not_reviewed_by={bruno.pk}"
    )
    assert listed(staff_client, urls["2 candidatures à relire par Alice Abadie"]) == {second.pk, third.pk}
    assert listed(staff_client, urls["3 candidatures à relire par Bruno Bernard"]) == {first.pk, second.pk, third.pk}
    assert listed(staff_client, urls["2 candidatures à relire par Chloé Colin"]) == {first.pk, third.pk}


def test_a_reviewer_with_nothing_left_has_no_item():
    cohort = CohortFactory(phase="preselection")
    alice = UserFactory(staff=True)
    application = ApplicationFactory(cohort=cohort, submitted=True)
    PreselectionReviewFactory(application=application, reviewer=alice)

    assert items_of(cohort, "reviews") == []


# --- 2. Challenges without an evaluation ---------------------------------------------------------------


def test_challenges_without_evaluation_and_their_admin_list(staff_client):
    cohort, other = CohortFactory(phase="challenge_selection"), CohortFactory(phase="challenge_selection")
    waiting = ChallengeFactory(cohort=cohort, submitted=True)
    evaluated = ChallengeFactory(cohort=cohort, submitted=True)
    ChallengeEvaluationFactory(challenge=evaluated)
    ChallengeFactory(cohort=cohort)  # a draft
    ChallengeFactory(cohort=cohort, selected=True)  # decided
    ChallengeFactory(cohort=other, submitted=True)  # another cohort

    [item] = items_of(cohort, "challenges")

    assert (item.label, item.count) == ("1 défi déposé sans évaluation", 1)
    assert (
        item.url
        == reverse("admin:challenges_challenge_changelist") + f"?cohort__id__exact={cohort.pk}&evaluation=none"
    )
    assert listed(staff_client, item.url) == {waiting.pk}


# --- 3. Auditions below quorum, auditions without a confirmed slot -----------------------------------------


def audition(cohort, *, jurors: int, status=AuditionStatus.PLANNED, at=None, length=dt.timedelta(minutes=30)):
    """An audition by a new jury of `jurors` accepted members; `at`: its start (set directly, as staff
    would have booked it)."""
    created = AuditionFactory(jury=JuryFactory(cohort=cohort, members=jurors))
    fields = {"status": status}
    if at is not None:
        fields |= {"starts_at": at, "ends_at": at + length, "busy": busy_range(cohort, at, at + length)}
    Audition.objects.filter(pk=created.pk).update(**fields)
    created.refresh_from_db()
    return created


def test_auditions_below_quorum_and_their_admin_list(staff_client):
    cohort = CohortFactory(phase="auditions", jury_quorum=2)
    other = CohortFactory(phase="auditions", jury_quorum=2)
    short = audition(cohort, jurors=1)
    recused = audition(cohort, jurors=2)
    DeclarationFactory(
        audition=recused,
        juror=recused.jury.members.first().user,
        link=Link.WORKED_TOGETHER,
        note="Même équipe en 2021.",
    )
    declared = audition(cohort, jurors=2)  # a declaration with no link keeps the juror seated
    DeclarationFactory(audition=declared, juror=declared.jury.members.first().user, link=Link.NONE)
    audition(cohort, jurors=3)
    audition(cohort, jurors=1, status=AuditionStatus.CANCELLED)
    audition(other, jurors=1)

    [item] = items_of(cohort, "quorum")

    assert (item.label, item.count) == ("2 auditions sous le quorum du jury", 2)
    assert listed(staff_client, item.url) == {short.pk, recused.pk}


def test_auditions_without_a_confirmed_slot_and_their_admin_list(staff_client):
    cohort, other = CohortFactory(phase="auditions"), CohortFactory(phase="auditions")
    later = timezone.now() + dt.timedelta(days=2)
    unset = audition(cohort, jurors=3)
    convened = audition(cohort, jurors=3, status=AuditionStatus.CONVENED, at=later)
    change = audition(cohort, jurors=3, status=AuditionStatus.CHANGE_REQUESTED, at=later)
    audition(cohort, jurors=3, status=AuditionStatus.CONFIRMED, at=later)
    audition(cohort, jurors=3, status=AuditionStatus.CANCELLED)
    audition(other, jurors=3)

    [item] = items_of(cohort, "slot")

    assert (item.label, item.count) == ("3 auditions sans créneau confirmé", 3)
    assert listed(staff_client, item.url) == {unset.pk, convened.pk, change.pk}


# --- 4. Scorecards missing after an audition -------------------------------------------------------------


def test_held_auditions_with_scorecards_missing_and_their_admin_list(staff_client):
    cohort, other = CohortFactory(phase="auditions"), CohortFactory(phase="auditions")
    now = timezone.now()
    held = now - dt.timedelta(hours=2)

    def jurors(audition):
        return [member.user for member in audition.jury.members.order_by("pk")]

    missing = audition(cohort, jurors=2, status=AuditionStatus.CONFIRMED, at=held)
    audition_scorecard(audition=missing, juror=jurors(missing)[0])
    complete = audition(cohort, jurors=2, status=AuditionStatus.CONFIRMED, at=held)
    for juror in jurors(complete):
        audition_scorecard(audition=complete, juror=juror)
    recused = audition(cohort, jurors=2, status=AuditionStatus.CONFIRMED, at=held)
    audition_scorecard(audition=recused, juror=jurors(recused)[0])
    DeclarationFactory(audition=recused, juror=jurors(recused)[1], link=Link.PERSONAL, note="Ma cousine.")
    audition(cohort, jurors=2, status=AuditionStatus.CONFIRMED, at=now + dt.timedelta(hours=2))  # not held yet
    audition(cohort, jurors=2, status=AuditionStatus.CANCELLED, at=held - dt.timedelta(hours=2))
    audition(other, jurors=2, status=AuditionStatus.CONFIRMED, at=held)

    [item] = items_of(cohort, "scorecards", now=now)

    assert (item.label, item.count) == ("1 audition passée dont des grilles manquent", 1)
    assert listed(staff_client, item.url) == {missing.pk}


# --- 5. Offers expiring in the next 3 days -----------------------------------------------------------------


def test_offers_expiring_within_three_days_and_their_admin_list(staff_client):
    cohort, other = CohortFactory(phase="acceptance"), CohortFactory(phase="acceptance")
    now = timezone.now()

    runs = {cohort: validated_run(cohort, []), other: validated_run(other, [])}

    def offer(cohort, answer_by, status=OfferStatus.OPEN):
        return OfferFactory(
            application=ApplicationFactory(cohort=cohort, preselected=True),
            run=runs[cohort],
            answer_by=answer_by,
            status=status,
        )

    soon = offer(cohort, now + dt.timedelta(days=1))
    last = offer(cohort, now + dt.timedelta(days=3) - dt.timedelta(minutes=5))
    offer(cohort, now + dt.timedelta(days=5))  # a far deadline
    offer(cohort, now - dt.timedelta(hours=1))  # passed
    offer(cohort, now + dt.timedelta(days=1), status=OfferStatus.ACCEPTED)
    offer(other, now + dt.timedelta(days=1))

    [item] = items_of(cohort, "offers", now=now)

    assert (item.label, item.count) == ("2 offres dont la réponse est attendue dans les 3 jours", 2)
    assert listed(staff_client, item.url) == {soon.pk, last.pk}


# --- 6. Reminders and e-mails that failed -------------------------------------------------------------------


def ledger_key(rule_key: str) -> str:
    return next(rule for rule in all_rules() if rule.key == rule_key).ledger_keys[0]


def reminder(*, scope_id: int, rule: str, status=DeliveryStatus.FAILED) -> ReminderDelivery:
    return ReminderDelivery.objects.create(
        rule=ledger_key(rule),
        recipient=UserFactory(),
        scope_id=scope_id,
        object_type="tests.object",
        object_id=scope_id,
        deadline=timezone.now() + dt.timedelta(days=3),
        status=status,
    )


def test_every_reminder_rule_says_how_its_scope_reaches_its_cohort():
    assert [rule.key for rule in all_rules() if not (rule.scope_type and rule.scope_cohort)] == []


def test_failed_reminders_of_the_cohort_and_failed_emails_and_their_admin_lists(staff_client):
    cohort, other = CohortFactory(phase="acceptance"), CohortFactory(phase="acceptance")
    offer = OfferFactory(application=ApplicationFactory(cohort=cohort, preselected=True))
    elsewhere = OfferFactory(application=ApplicationFactory(cohort=other, preselected=True))
    of_cohort = reminder(scope_id=cohort.pk, rule="challenge_draft")
    of_offer = reminder(scope_id=offer.pk, rule="offer_unanswered")
    reminder(scope_id=cohort.pk, rule="challenge_draft", status=DeliveryStatus.SENT)
    reminder(scope_id=other.pk, rule="challenge_draft")
    reminder(scope_id=elsewhere.pk, rule="offer_unanswered")
    failed = OutboxEmail.objects.create(to=["a@example.org"], subject="Échec", status=DeliveryStatus.FAILED)
    OutboxEmail.objects.create(to=["b@example.org"], subject="Parti", status=DeliveryStatus.SENT)

    [reminders] = items_of(cohort, "reminders")
    [emails] = items_of(cohort, "emails")

    assert (reminders.label, reminders.count) == ("2 rappels en échec", 2)
    assert listed(staff_client, reminders.url) == {of_cohort.pk, of_offer.pk}
    assert (emails.label, emails.count) == ("1 e-mail en échec (toutes promotions confondues)", 1)
    assert listed(staff_client, emails.url) == {failed.pk}


# --- The dashboard, and the number of queries ---------------------------------------------------------------


def test_the_dashboard_shows_each_item_as_a_link_to_its_list(staff_client):
    cohort = CohortFactory(phase="challenge_selection")
    ChallengeFactory(cohort=cohort, submitted=True)
    OutboxEmail.objects.create(to=["a@example.org"], subject="Échec", status=DeliveryStatus.FAILED)
    expected = [(item.url, item.label) for item in attention_items(cohort, now=timezone.now())]

    response = staff_client.get(reverse("figures:dashboard", args=[cohort.pk]))

    page = Page(response.content.decode())
    [listing] = page.find_all("ul", id="a-traiter-liste")
    links = [(link.attrs["href"], link.text) for link in page.find_all("a", inside=listing)]
    assert expected == [
        (
            reverse("admin:challenges_challenge_changelist") + f"?cohort__id__exact={cohort.pk}&evaluation=none",
            "1 défi déposé sans évaluation",
        ),
        (
            reverse("admin:eig_outboxemail_changelist") + "?status__exact=failed",
            "1 e-mail en échec (toutes promotions confondues)",
        ),
    ]
    assert links == expected


def test_the_dashboard_says_when_nothing_needs_attention(staff_client):
    cohort = CohortFactory(phase="projects_call")

    response = staff_client.get(reverse("figures:dashboard", args=[cohort.pk]))

    page = Page(response.content.decode())
    assert page.find_all("ul", id="a-traiter-liste") == []
    assert "Rien à traiter pour le moment." in page.texts("p")


@pytest.mark.parametrize("rows", [1, 3])
def test_attention_items_query_count_does_not_grow(django_assert_num_queries, rows):
    cohort = CohortFactory(phase="auditions", jury_quorum=2)
    now = timezone.now()
    run = validated_run(cohort, [])
    for index in range(rows):
        UserFactory(staff=True)
        ApplicationFactory(cohort=cohort, submitted=True)
        ChallengeFactory(cohort=cohort, submitted=True)
        audition(cohort, jurors=1, at=now - dt.timedelta(hours=2 + index))
        OfferFactory(
            application=ApplicationFactory(cohort=cohort, preselected=True),
            run=run,
            answer_by=now + dt.timedelta(days=1),
        )
        reminder(scope_id=cohort.pk, rule="challenge_draft")
        OutboxEmail.objects.create(to=["a@example.org"], subject="Échec", status=DeliveryStatus.FAILED)

    with django_assert_num_queries(8):
        items = attention_items(cohort, now=now)

    counts = {}
    for item in items:
        counts[item.key] = counts.get(item.key, 0) + item.count
    assert counts == {
        "reviews": rows * rows,
        "challenges": rows,
        "quorum": rows,
        "slot": rows,
        "scorecards": rows,
        "offers": rows,
        "reminders": rows,
        "emails": rows,
    }
