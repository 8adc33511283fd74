"""The candidate's space: their application to the current cohort, its status, what is missing and the
next step with its date; the way in while the call is open; the header link."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from applications.selectors import application_next_step
from cohorts.calendar import typical_calendar
from tests.applications.factories import ApplicationFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

SPACE = reverse("applications:space")
# A fixed calendar, so that the dates shown can be compared exactly: the projects call opens on
# 24 January 2022 at 09:00 in Paris (08:00 UTC); the candidates call closes 85 days later.
START = dt.datetime(2022, 1, 24, 8, 0, tzinfo=dt.UTC)


def fixed_cohort(**kwargs):
    return CohortFactory(**typical_calendar(START), **kwargs)


def at(days: float):
    return time_machine.travel(START + dt.timedelta(days=days), tick=False)


def space_page(client, user) -> Page:
    client.force_login(user)
    response = client.get(SPACE)
    assert response.status_code == 200
    return Page(response.content.decode())


def test_space_without_application_while_the_call_is_open_offers_to_apply(client):
    with at(60):
        fixed_cohort(name="EIG 6")

        page = space_page(client, UserFactory(candidate=True))

    [apply] = page.find_all("div", id="apply")
    assert apply.text == (
        "L'appel à candidatures de la promotion EIG 6 est ouvert Déposez votre candidature jusqu'au 19 avril 2022 "
        "à 10:00 (heure de Paris). Vous pouvez l'enregistrer en brouillon à chaque étape et la reprendre plus tard. "
        "Candidater"
    )
    assert [link.attrs["href"] for link in page.find_all("a", inside=apply)] == [
        reverse("applications:edit", args=(1,))
    ]


def test_space_without_application_before_the_call(client):
    with at(10):
        fixed_cohort(name="EIG 6")

        page = space_page(client, UserFactory(candidate=True))

    assert page.texts(id="apply") == [
        "L'appel à candidatures de la promotion EIG 6 ouvrira le 7 mars 2022 à 09:00 (heure de Paris)."
    ]


def test_space_without_application_after_the_call(client):
    with at(90):
        fixed_cohort(name="EIG 6")

        page = space_page(client, UserFactory(candidate=True))

    assert page.texts(id="apply") == [
        "L'appel à candidatures de la promotion EIG 6 est clos : sa date limite était le 19 avril 2022 à 10:00 "
        "(heure de Paris)."
    ]


def test_space_without_cohort(client):
    page = space_page(client, UserFactory(candidate=True))

    assert page.texts(id="no-cohort") == ["Aucune promotion n'est annoncée pour le moment. Revenez bientôt !"]


def test_space_draft_shows_its_status_deadline_and_missing_items(client):
    with at(60):
        application = ApplicationFactory(cohort=fixed_cohort(name="EIG 6"), profile="developer")

        page = space_page(client, application.candidate)

    assert page.texts("p", css_class="fr-badge") == ["Brouillon"]
    assert page.find_all("p", id="application-status")[0].classes == ["fr-badge", "fr-badge--info"]
    assert page.texts(id="next-step") == [
        "Prochaine étape Complétez puis déposez votre candidature jusqu'au 19 avril 2022 à 10:00 (heure de Paris). "
        "Compléter ma candidature"
    ]
    [missing] = page.find_all("section", id="missing-items")
    assert page.texts("h2", inside=missing) == ["Avant le dépôt : 12 éléments à compléter"]


def test_space_submitted_shows_the_results_date(client):
    with at(60):
        application = ApplicationFactory(cohort=fixed_cohort(), submitted=True)

        page = space_page(client, application.candidate)

    assert page.texts("p", css_class="fr-badge") == ["Déposée"]
    assert page.texts(id="next-step") == [
        "Prochaine étape Résultats de la présélection le 4 mai 2022 à 10:00 (heure de Paris). Vous pouvez la "
        "modifier et la déposer à nouveau jusqu'au 19 avril 2022 à 10:00 (heure de Paris). Modifier ma candidature"
    ]
    assert page.find_all("section", id="missing-items") == []


def test_space_submitted_after_the_call_shows_only_the_results_date(client):
    with at(90):
        application = ApplicationFactory(cohort=fixed_cohort(), submitted=True)

        page = space_page(client, application.candidate)

    assert page.texts(id="next-step") == [
        "Prochaine étape Résultats de la présélection le 4 mai 2022 à 10:00 (heure de Paris)."
    ]


def test_space_preselected_before_the_wishes_shows_their_dates(client):
    with at(101):
        application = ApplicationFactory(cohort=fixed_cohort(), preselected=True)

        page = space_page(client, application.candidate)

    assert page.find_all("p", id="application-status")[0].classes == ["fr-badge", "fr-badge--success"]
    assert page.texts(id="next-step") == [
        "Prochaine étape Classez vos vœux du 9 mai 2022 à 10:00 (heure de Paris) au 15 mai 2022 à 10:00 "
        "(heure de Paris)."
    ]


def test_space_preselected_during_the_wishes_links_to_them(client):
    with at(108):
        application = ApplicationFactory(cohort=fixed_cohort(), preselected=True)

        page = space_page(client, application.candidate)

    assert page.texts(id="next-step") == [
        "Prochaine étape Classez de 3 à 5 défis jusqu'au 15 mai 2022 à 10:00 (heure de Paris). Classer mes vœux"
    ]
    assert [link.attrs["href"] for link in page.find_all("a", inside=page.find_all(id="next-step")[0])] == [
        reverse("applications:wishes")
    ]


def test_space_not_preselected_says_so(client):
    with at(101):
        application = ApplicationFactory(cohort=fixed_cohort(), not_preselected=True)

        page = space_page(client, application.candidate)

    assert page.find_all("p", id="application-status")[0].classes == ["fr-badge", "fr-badge--error"]
    assert page.texts(id="next-step") == [
        "Votre candidature n'a pas été retenue pour la suite de la sélection. Merci de l'intérêt que vous portez "
        "au programme."
    ]


def test_space_withdrawn_says_so(client):
    with at(60):
        application = ApplicationFactory(cohort=fixed_cohort(), status="withdrawn")

        page = space_page(client, application.candidate)

    assert page.texts("p", css_class="fr-badge") == ["Retirée"]
    assert page.texts(id="next-step") == ["Vous avez retiré votre candidature : elle ne sera pas étudiée."]
    assert page.find_all("a", href=reverse("applications:withdraw")) == []


def test_space_shows_only_the_candidates_own_application(client):
    cohort = CohortFactory(phase="candidates_call")
    ApplicationFactory(cohort=cohort, submitted=True)

    page = space_page(client, UserFactory(candidate=True))

    assert page.find_all("section", id="application") == []
    assert page.texts("a", href=reverse("applications:edit", args=(1,))) == ["Candidater"]


def test_application_next_step_after_the_wishes_gives_the_auditions():
    with at(115):
        application = ApplicationFactory(cohort=fixed_cohort(), preselected=True)

        next_step = application_next_step(application=application, now=START + dt.timedelta(days=115))

    assert (next_step.text, next_step.date, next_step.action) == (
        "Auditions du 7 juin 2022 à 10:00 (heure de Paris) au 13 juin 2022 à 10:00 (heure de Paris).",
        application.cohort.auditions_start_at,
        "",
    )


def test_header_links_candidates_to_their_space(client):
    CohortFactory()
    client.force_login(UserFactory(candidate=True))

    response = client.get(reverse("home"))

    page = Page(response.content.decode())
    assert page.texts("a", css_class="fr-nav__link", href=SPACE) == ["Ma candidature"]


@pytest.mark.parametrize("role", ["agent", "juror", "staff"])
def test_header_has_no_candidate_link_for_other_roles(client, role):
    CohortFactory()
    client.force_login(UserFactory(**{role: True}))

    response = client.get(reverse("home"))

    assert Page(response.content.decode()).find_all("a", href=SPACE) == []


def test_space_draft_completes_from_its_first_missing_step(client):
    with at(60):
        application = ApplicationFactory(cohort=fixed_cohort(name="EIG 6"), profile="developer")

        page = space_page(client, application.candidate)

    [next_step] = page.find_all(id="next-step")
    # The profile (step 1) is filled in: the first thing missing is the years of experience, on step 2.
    assert [link.attrs["href"] for link in page.find_all("a", inside=next_step)] == [
        reverse("applications:edit", args=(2,))
    ]


def test_space_draft_of_an_account_without_a_name_asks_for_it_first(client):
    with at(60):
        candidate = UserFactory(candidate=True, first_name="", last_name="")
        application = ApplicationFactory(cohort=fixed_cohort(name="EIG 6"), candidate=candidate, complete=True)

        page = space_page(client, application.candidate)

    identity = f"{reverse('identity')}?next=%2Fcandidature%2Fformulaire%2F7%2F"
    [missing] = page.find_all("section", id="missing-items")
    assert page.texts("li", inside=missing) == ["Indiquez votre nom. Indiquer mon nom"]
    assert [link.attrs["href"] for link in page.find_all("a", inside=missing)] == [identity]
    [next_step] = page.find_all(id="next-step")
    assert [link.attrs["href"] for link in page.find_all("a", inside=next_step)] == [identity]


def test_space_draft_after_the_call_says_it_is_closed_and_lists_nothing_to_complete(client):
    with at(90):
        application = ApplicationFactory(cohort=fixed_cohort(name="EIG 6"))

        page = space_page(client, application.candidate)

    assert page.texts(id="next-step") == [
        "Prochaine étape L'appel à candidatures est clos : sa date limite était le 19 avril 2022 à 10:00 "
        "(heure de Paris). Ce brouillon n'a pas été déposé."
    ]
    assert page.find_all("section", id="missing-items") == []
