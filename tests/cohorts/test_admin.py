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
from tests.html_parsing import Page

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
        "usual_positions_min": "2",
        "usual_positions_max": "3",
        "retention_not_retained_months": "6",
        "retention_consent_months": "24",
        "retention_drafts_days": "30",
        "retention_contract_years": "5",
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
    CohortFactory(name="EIG 20", phase="wishes")
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


# --- Date-times typed in Paris time (eig/forms_datetime.py) -------------------------------------------

CALENDAR_FIELDS = [
    "projects_call_opens_at",
    "projects_call_closes_at",
    "challenges_selected_at",
    "candidates_call_opens_at",
    "candidates_call_closes_at",
    "preselection_results_at",
    "wishes_open_at",
    "wishes_close_at",
    "auditions_start_at",
    "auditions_end_at",
    "results_at",
    "programme_starts_at",
    "programme_ends_at",
]


def post_cohort(client, **times) -> "Page":
    """Post the add form with some fields' (date, time) halves typed as given."""
    client.force_login(UserFactory(superuser=True))
    data = admin_form_data()
    for field, (date, time) in times.items():
        data[f"{field}_0"], data[f"{field}_1"] = date, time
    return client.post(reverse("admin:cohorts_cohort_add"), data)


def test_cohort_admin_labels_the_date_and_the_paris_time_of_every_date(client):
    client.force_login(UserFactory(superuser=True))

    response = client.get(reverse("admin:cohorts_cohort_add"))

    page = Page(response.content.decode())
    for field in CALENDAR_FIELDS:
        label = str(Cohort._meta.get_field(field).verbose_name).capitalize()
        [date_label] = page.find_all("label", for_=f"id_{field}_0")
        [time_label] = page.find_all("label", for_=f"id_{field}_1")
        assert (date_label.text, time_label.text) == (
            f"{label} : Date (jj/mm/aaaa)",
            f"{label} : Heure de Paris (hh:mm)",
        )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("23h59", dt.datetime(2027, 5, 23, 23, 59, tzinfo=PARIS)),
        ("23 h 59", dt.datetime(2027, 5, 23, 23, 59, tzinfo=PARIS)),
        ("23H", dt.datetime(2027, 5, 23, 23, 0, tzinfo=PARIS)),
        ("23:59", dt.datetime(2027, 5, 23, 23, 59, tzinfo=PARIS)),
        # The admin stores whole minutes: the seconds (from the "Maintenant" button of old) are dropped.
        ("23:59:42", dt.datetime(2027, 5, 23, 23, 59, tzinfo=PARIS)),
    ],
)
def test_cohort_admin_understands_french_times(client, typed, stored):
    response = post_cohort(client, wishes_close_at=("23/05/2027", typed))

    assert response.status_code == 302
    assert Cohort.objects.get().wishes_close_at == stored


def test_cohort_admin_refuses_a_time_skipped_by_the_spring_change_of_clocks(client):
    response = post_cohort(client, wishes_close_at=("28/03/2027", "02:30"))

    form = response.context["adminform"].form
    assert form.errors == {
        "wishes_close_at": [
            "À Paris, 02:30 n'existe pas le 28 mars 2027 (passage à l'heure d'été) : saisissez 01:59 ou 03:00."
        ]
    }
    assert (form.data["wishes_close_at_0"], form.data["wishes_close_at_1"]) == ("28/03/2027", "02:30")
    assert Cohort.objects.count() == 0


def test_cohort_admin_refuses_a_time_lived_twice_in_autumn_and_says_how_to_choose(client):
    response = post_cohort(client, programme_starts_at=("31/10/2027", "02:30"))

    assert response.context["adminform"].form.errors == {
        "programme_starts_at": [
            "À Paris, 02:30 existe deux fois le 31 octobre 2027 (retour à l'heure d'hiver) : d'abord à l'heure "
            "d'été (UTC+2), puis une heure plus tard à l'heure d'hiver (UTC+1). Saisissez « 02:30 été » pour la "
            "première ou « 02:30 hiver » pour la seconde."
        ]
    }
    assert Cohort.objects.count() == 0


@pytest.mark.parametrize(("typed", "utc"), [("02:30 été", dt.time(0, 30)), ("02:30 hiver", dt.time(1, 30))])
def test_cohort_admin_takes_the_reading_chosen_in_autumn_and_shows_it_again(client, typed, utc):
    response = post_cohort(client, programme_starts_at=("31/10/2027", typed))

    assert response.status_code == 302
    cohort = Cohort.objects.get()
    assert cohort.programme_starts_at.astimezone(dt.UTC).time() == utc
    page = Page(client.get(reverse("admin:cohorts_cohort_change", args=[cohort.pk])).content.decode())
    [time_input] = page.find_all("input", name="programme_starts_at_1")
    assert time_input.attrs["value"] == typed


def test_cohort_admin_refuses_a_time_that_is_no_time(client):
    response = post_cohort(client, wishes_close_at=("23/05/2027", "25h"))

    assert response.context["adminform"].form.errors == {
        "wishes_close_at": ["Saisissez une heure valide (heure de Paris), par exemple 23:59 ou 23h59."]
    }


def test_cohort_admin_list_shows_dates_in_paris_time(client):
    CohortFactory(name="EIG 21", **typical_calendar(dt.datetime(2027, 1, 25, 9, 0, tzinfo=PARIS)))
    client.force_login(UserFactory(superuser=True))

    response = client.get(reverse("admin:cohorts_cohort_changelist"))

    page = Page(response.content.decode())
    assert page.texts("td", css_class="field-projects_call_opens_at") == ["25 janvier 2027 à 09:00 (heure de Paris)"]


def test_cohort_admin_shows_a_wrong_usual_number_of_positions_on_its_maximum(client):
    client.force_login(UserFactory(superuser=True))
    data = {**admin_form_data(), "usual_positions_min": "3", "usual_positions_max": "2"}

    response = client.post(reverse("admin:cohorts_cohort_add"), data)

    assert response.context["adminform"].form.errors == {
        "usual_positions_max": [
            "Le nombre habituel de postes par défi est compris entre 1 et 4, et son minimum ne dépasse pas son "
            "maximum."
        ]
    }
    assert Cohort.objects.count() == 0
