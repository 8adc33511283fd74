"""The ledger in the admin: list, filters, search, and the "Relancer" action (staff only)."""

import pytest
from django.urls import reverse

from eig.models import DeliveryStatus, ReminderDelivery
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:eig_reminderdelivery_changelist")


def delivery(cohort, email, status, rule="challenge_draft:7d", **fields) -> ReminderDelivery:
    owner = UserFactory(agent=True, email=email)
    challenge = ChallengeFactory(cohort=cohort, owners=[owner])
    return ReminderDelivery.objects.create(
        rule=rule,
        recipient=owner,
        scope_id=cohort.pk,
        object_type="challenges.challenge",
        object_id=challenge.pk,
        deadline=cohort.projects_call_closes_at,
        status=status,
        **fields,
    )


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(superuser=True))
    return client


def listed(response) -> list[str]:
    return sorted(row.recipient.email for row in response.context["cl"].result_list)


def test_admin_ledger_lists_filters_by_cohort_rule_and_status_and_searches_by_email(cohort, staff_client):
    other = CohortFactory(number=31, name="EIG 31")
    delivery(cohort, "alice@agent.gouv.fr", DeliveryStatus.SENT)
    delivery(cohort, "bruno@agent.gouv.fr", DeliveryStatus.FAILED, last_error="SMTPServerDisconnected: perdue")
    delivery(cohort, "carla@agent.gouv.fr", DeliveryStatus.PENDING, rule="challenge_draft:1d")
    delivery(other, "dora@agent.gouv.fr", DeliveryStatus.SENT)

    everything = staff_client.get(CHANGELIST)
    by_cohort = staff_client.get(CHANGELIST, {"scope": f"cohorts.cohort:{other.pk}"})
    by_rule = staff_client.get(CHANGELIST, {"rule": "challenge_draft:1d"})
    by_status = staff_client.get(CHANGELIST, {"status__exact": DeliveryStatus.FAILED})
    by_email = staff_client.get(CHANGELIST, {"q": "bruno@"})

    assert everything.status_code == 200
    assert listed(everything) == [
        "alice@agent.gouv.fr",
        "bruno@agent.gouv.fr",
        "carla@agent.gouv.fr",
        "dora@agent.gouv.fr",
    ]
    assert listed(by_cohort) == ["dora@agent.gouv.fr"]
    assert listed(by_rule) == ["carla@agent.gouv.fr"]
    assert listed(by_status) == ["bruno@agent.gouv.fr"]
    assert listed(by_email) == ["bruno@agent.gouv.fr"]
    assert everything.content.decode().count("SMTPServerDisconnected: perdue") == 1


def test_admin_ledger_shows_each_rows_cohort_and_filters_by_it(cohort, staff_client):
    other = CohortFactory(number=31, name="EIG 31")
    delivery(cohort, "alice@agent.gouv.fr", DeliveryStatus.SENT)
    delivery(other, "dora@agent.gouv.fr", DeliveryStatus.SENT)

    response = staff_client.get(CHANGELIST)

    page = response.content.decode()
    scopes = {row.recipient.email: str(row.scope) for row in response.context["cl"].result_list}
    assert scopes == {"alice@agent.gouv.fr": "EIG 30", "dora@agent.gouv.fr": "EIG 31"}
    assert page.count(f'href="?scope=cohorts.cohort%3A{other.pk}"') == 1


def test_admin_ledger_list_query_count_does_not_grow_with_rows(cohort, staff_client, django_assert_max_num_queries):
    for n in range(3):
        delivery(cohort, f"agent{n}@agent.gouv.fr", DeliveryStatus.SENT)
    with django_assert_max_num_queries(20) as few:
        staff_client.get(CHANGELIST)
    for n in range(3, 20):
        delivery(cohort, f"agent{n}@agent.gouv.fr", DeliveryStatus.SENT)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == 20


def test_admin_retry_action_puts_failed_and_cancelled_back_and_sends_them(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(days_since_start=50)  # the projects call closes in 3 days
    failed = delivery(cohort, "bruno@agent.gouv.fr", DeliveryStatus.FAILED, attempts=8, last_error="Refusé")
    cancelled = delivery(cohort, "carla@agent.gouv.fr", DeliveryStatus.CANCELLED, attempts=1)
    sent = delivery(cohort, "alice@agent.gouv.fr", DeliveryStatus.SENT, attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            CHANGELIST, {"action": "retry", "_selected_action": [failed.pk, cancelled.pk, sent.pk]}, follow=True
        )

    assert [str(message) for message in response.context["messages"]] == ["2 rappels remis en file d'envoi."]
    assert sorted(message.to[0] for message in mailoutbox) == ["bruno@agent.gouv.fr", "carla@agent.gouv.fr"]
    assert sorted(ReminderDelivery.objects.values_list("recipient__email", "status", "attempts")) == [
        ("alice@agent.gouv.fr", DeliveryStatus.SENT, 1),
        ("bruno@agent.gouv.fr", DeliveryStatus.SENT, 9),
        ("carla@agent.gouv.fr", DeliveryStatus.SENT, 2),
    ]


def test_admin_retry_action_refused_to_non_staff(cohort, client, mailoutbox):
    failed = delivery(cohort, "bruno@agent.gouv.fr", DeliveryStatus.FAILED, attempts=8)
    client.force_login(UserFactory(agent=True))

    response = client.post(CHANGELIST, {"action": "retry", "_selected_action": [failed.pk]}, follow=True)

    assert response.status_code == 403
    assert ReminderDelivery.objects.values_list("status", flat=True).get() == DeliveryStatus.FAILED
    assert mailoutbox == []


def test_admin_ledger_is_read_only(cohort, staff_client):
    row = delivery(cohort, "alice@agent.gouv.fr", DeliveryStatus.SENT)

    add = staff_client.get(reverse("admin:eig_reminderdelivery_add"))
    change = staff_client.get(reverse("admin:eig_reminderdelivery_change", args=[row.pk]))
    delete = staff_client.get(reverse("admin:eig_reminderdelivery_delete", args=[row.pk]))

    assert (add.status_code, change.status_code, delete.status_code) == (403, 200, 403)
    assert change.context["adminform"].form.fields == {}
