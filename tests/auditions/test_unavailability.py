"""The pre-selected candidate's unavailability (/auditions/mes-indisponibilites/): periods added and
removed inside the auditions window until the auditions start, refused on the server after, in French,
with what was typed kept."""

import pytest
from django.urls import reverse

from auditions.models import Unavailability
from tests.applications.factories import ApplicationFactory
from tests.auditions.factories import auditions_day
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

URL = "/auditions/mes-indisponibilites/"


@pytest.fixture
def candidate(client):
    user = UserFactory(candidate=True)
    client.force_login(user)
    return user


def application_in(phase, candidate, **traits):
    return ApplicationFactory(cohort=CohortFactory(phase=phase), candidate=candidate, **traits)


def period(cohort, day=0, starts="10:00", ends="12:00", note=""):
    return {"date": auditions_day(cohort, day).date().isoformat(), "starts": starts, "ends": ends, "note": note}


def test_the_url_is_the_one_the_candidate_space_links_to():
    assert reverse("auditions:unavailability") == URL


def test_a_preselected_candidate_adds_a_period_in_paris_time(client, candidate):
    application = application_in("after_wishes", candidate, preselected=True)
    cohort = application.cohort

    response = client.post(URL, period(cohort, note="Examen"), follow=True)

    assert [(u.starts_at, u.ends_at, u.note) for u in Unavailability.objects.filter(application=application)] == [
        (auditions_day(cohort, 0, 10), auditions_day(cohort, 0, 12), "Examen")
    ]
    page = Page(response.content.decode())
    assert page.texts("td", inside=page.find_all(id="periods")[0])[0] == "Examen"
    assert "Votre indisponibilité est enregistrée." in response.content.decode()


def test_a_period_outside_the_auditions_is_refused_and_what_was_typed_is_kept(client, candidate):
    application = application_in("after_wishes", candidate, preselected=True)
    outside = period(application.cohort, day=30, note="Vacances")

    response = client.post(URL, outside)

    page = Page(response.content.decode())
    (message,) = page.texts("p", inside=page.find_all(id="save-errors")[0])
    assert message.startswith("Indiquez une période pendant les auditions, du ")
    assert page.form_values(page.find_all("form", id="unavailability-form")[0])["note"] == ["Vacances"]
    assert Unavailability.objects.count() == 0


def test_an_end_before_the_start_and_a_garbled_time_are_explained(client, candidate):
    application = application_in("after_wishes", candidate, preselected=True)

    reversed_times = Page(client.post(URL, period(application.cohort, starts="12:00", ends="10:00")).content.decode())
    garbled = Page(client.post(URL, period(application.cohort, starts="midi")).content.decode())

    assert reversed_times.texts(css_class="fr-error-text") == ["L'heure de fin doit suivre l'heure de début."]
    assert garbled.texts(css_class="fr-error-text") == [
        "Saisissez une heure valide (heure de Paris), par exemple 09:30."
    ]
    assert Unavailability.objects.count() == 0


def test_once_the_auditions_have_started_nothing_changes(client, candidate):
    application = application_in("auditions", candidate, preselected=True)
    cohort = application.cohort
    kept = Unavailability.objects.create(
        application=application, starts_at=auditions_day(cohort, 4, 9), ends_at=auditions_day(cohort, 4, 10)
    )
    started = (
        f"Les auditions ont commencé le {cohort.window('auditions').opens_display} : "
        "vos indisponibilités ne peuvent plus changer."
    )

    page = Page(client.get(URL).content.decode())
    posted = Page(client.post(URL, period(cohort, day=4, starts="14:00", ends="15:00")).content.decode())
    removed = client.post(reverse("auditions:unavailability_remove", args=[kept.pk]), follow=True)

    assert page.texts("p", inside=page.find_all(id="unavailability-window")[0]) == [started]
    assert page.find_all("form", id="unavailability-form") == []
    assert posted.texts("p", inside=posted.find_all(id="save-errors")[0]) == [started]
    assert started in removed.content.decode()
    assert list(Unavailability.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_candidate_removes_their_own_period_and_not_another_candidates(client, candidate):
    application = application_in("after_wishes", candidate, preselected=True)
    cohort = application.cohort
    own = Unavailability.objects.create(
        application=application, starts_at=auditions_day(cohort, 1, 9), ends_at=auditions_day(cohort, 1, 10)
    )
    other = Unavailability.objects.create(
        application=ApplicationFactory(cohort=cohort, preselected=True),
        starts_at=auditions_day(cohort, 1, 9),
        ends_at=auditions_day(cohort, 1, 10),
    )

    refused = client.post(reverse("auditions:unavailability_remove", args=[other.pk]))
    removed = client.post(reverse("auditions:unavailability_remove", args=[own.pk]))

    assert (refused.status_code, removed.status_code, removed["Location"]) == (403, 302, URL)
    assert list(Unavailability.objects.values_list("pk", flat=True)) == [other.pk]


def test_a_candidate_not_preselected_is_sent_back_to_their_space(client, candidate):
    application_in("after_wishes", candidate, submitted=True)

    response = client.get(URL)

    assert response["Location"] == reverse("applications:space")


def test_the_candidate_space_links_to_the_page_once_preselected(client, candidate):
    application_in("after_wishes", candidate, preselected=True)

    page = Page(client.get(reverse("applications:space")).content.decode())

    assert [a.text for a in page.find_all("a", href=URL)] == ["Mes indisponibilités pour les auditions"]
