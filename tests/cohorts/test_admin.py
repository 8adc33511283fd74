import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cohorts.calendar import typical_calendar
from cohorts.models import Cohort
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def admin_form_data(**overrides) -> dict:
    """The admin's add form as a browser posts it: each date-time split into a date and a time."""
    dates = typical_calendar(dt.datetime(2027, 1, 25, 9, 0, tzinfo=PARIS))
    dates.update(overrides)
    data = {
        "number": "11",
        "name": "EIG 11",
        "acceptance_days": "15",
        "junior_monthly_salary": "3500",
        "senior_monthly_salary": "4000",
        "seniority_threshold_years": "5",
        # The scoring grid inline, left empty (the real grids are seeded once the cohort is saved).
        "scoring_criteria-TOTAL_FORMS": "0",
        "scoring_criteria-INITIAL_FORMS": "0",
    }
    for field, value in dates.items():
        local = value.astimezone(PARIS)
        data[f"{field}_0"] = local.strftime("%d/%m/%Y")
        data[f"{field}_1"] = local.strftime("%H:%M:%S")
    return data


def test_cohort_admin_creates_a_cohort(client):
    client.force_login(UserFactory(superuser=True))

    response = client.post(reverse("admin:cohorts_cohort_add"), admin_form_data())

    assert response.status_code == 302
    cohort = Cohort.objects.get()
    assert (cohort.number, cohort.name) == (11, "EIG 11")
    assert cohort.projects_call_opens_at == dt.datetime(2027, 1, 25, 9, 0, tzinfo=PARIS)


def test_cohort_admin_wrong_order_shows_french_message_on_the_field(client):
    client.force_login(UserFactory(superuser=True))
    data = admin_form_data(wishes_close_at=dt.datetime(2027, 5, 1, 12, 0, tzinfo=PARIS))

    response = client.post(reverse("admin:cohorts_cohort_add"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == {"wishes_close_at": ["La saisie des vœux doit fermer après son ouverture."]}
    assert form.data["name"] == "EIG 11"
    assert Cohort.objects.count() == 0


def test_cohort_admin_list_shows_the_phase(client):
    CohortFactory(name="EIG 20", days_since_start=108)
    client.force_login(UserFactory(superuser=True))

    response = client.get(reverse("admin:cohorts_cohort_changelist"))

    assert response.status_code == 200
    assert [(c.name, c.phase().label) for c in response.context["cl"].result_list] == [("EIG 20", "Vœux")]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_cohort_admin_list_query_count_does_not_grow(client):
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:cohorts_cohort_changelist")
    CohortFactory()
    with_one = count_queries(client, url)
    CohortFactory.create_batch(2)

    with_three = count_queries(client, url)

    assert with_three == with_one
