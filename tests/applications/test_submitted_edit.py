"""A submitted application cannot be emptied: a save that would make it incomplete is refused, by the
service whoever calls it and on the form with everything typed kept; a complete edit is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications import services
from applications.models import Application, ApplicationStatus
from tests.applications.factories import COMPLETE_FIELDS, ApplicationFactory
from tests.cohorts.factories import CohortFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

REFUSED = "Votre candidature est déposée : elle doit rester complète. Rien n'a été enregistré, car il manquerait :"
MOTIVATION_MISSING = "Champ à remplir : Motivation et sens de l'intérêt général."
ACHIEVEMENTS_MISSING = "Champ à remplir : Réalisations."


def edit_url(step: int) -> str:
    return reverse("applications:edit", args=(step,))


@pytest.fixture
def submitted():
    return ApplicationFactory(submitted=True, cohort=CohortFactory(phase="candidates_call"))


@pytest.fixture
def candidate_client(client, submitted):
    client.force_login(submitted.candidate)
    return client


def stored(application) -> dict:
    application.refresh_from_db()
    return {field: getattr(application, field) for field in [*COMPLETE_FIELDS, "status"]}


def test_service_refuses_to_empty_a_submitted_application(submitted):
    before = stored(submitted)

    with pytest.raises(ValidationError) as raised:
        services.application_save(application=submitted, data={"motivation": "  ", "achievements": ""})

    assert raised.value.messages == [REFUSED, MOTIVATION_MISSING, ACHIEVEMENTS_MISSING]
    assert submitted.motivation == COMPLETE_FIELDS["motivation"]
    assert stored(submitted) == before


@pytest.mark.parametrize(
    ("data", "missing"),
    [
        ({"years_of_experience": None}, "Indiquez vos années d'expérience professionnelle."),
        ({"cv": ""}, "Déposez votre CV (PDF)."),
        (
            {"data_consent": False},
            "Attestation à cocher : « J'accepte le traitement de mes données pour la sélection ».",
        ),
        ({"profile": ""}, "Champ à remplir : Profil principal."),
    ],
    ids=["years", "cv", "statement", "profile"],
)
def test_service_refuses_every_kind_of_missing_item_on_a_submitted_application(submitted, data, missing):
    with pytest.raises(ValidationError) as raised:
        services.application_save(application=submitted, data=data)

    assert raised.value.messages == [REFUSED, missing]
    assert stored(submitted)["status"] == ApplicationStatus.SUBMITTED


def test_service_saves_a_complete_edit_of_a_submitted_application(submitted):
    services.application_save(application=submitted, data={"motivation": "Mieux dit", "links": ""})

    assert (stored(submitted)["motivation"], stored(submitted)["links"], submitted.status) == (
        "Mieux dit",
        "",
        ApplicationStatus.SUBMITTED,
    )


def test_service_lets_a_submitted_application_already_incomplete_be_completed_step_by_step(submitted):
    Application.objects.filter(pk=submitted.pk).update(motivation="", achievements="")
    submitted.refresh_from_db()

    services.application_save(application=submitted, data={"motivation": "Complétée"})

    assert (stored(submitted)["motivation"], stored(submitted)["achievements"]) == ("Complétée", "")


def test_service_still_lets_a_draft_be_emptied():
    draft = ApplicationFactory(complete=True, cohort=CohortFactory(phase="candidates_call"))

    services.application_save(application=draft, data={"motivation": ""})

    assert (stored(draft)["motivation"], stored(draft)["status"]) == ("", ApplicationStatus.DRAFT)


def test_draft_action_on_a_submitted_application_cannot_blank_it_and_keeps_what_was_typed(candidate_client, submitted):
    before = stored(submitted)

    response = candidate_client.post(
        edit_url(3), {"motivation": "", "achievements": "Tapé, pas enregistré", "links": "", "action": "draft"}
    )

    assert response.status_code == 200
    page = Page(response.content.decode())
    [alert] = page.find_all("div", id="save-errors")
    assert page.texts("p", inside=alert) == [REFUSED, MOTIVATION_MISSING]
    assert page.texts("textarea", name="achievements") == ["Tapé, pas enregistré"]
    assert page.texts("textarea", name="motivation") == [""]
    assert stored(submitted) == before


def test_unticking_a_statement_of_a_submitted_application_is_refused(candidate_client, submitted):
    response = candidate_client.post(
        edit_url(6),
        {"not_civil_servant": "on", "not_juror_or_expert": "on", "not_current_fellow": "on", "action": "continue"},
    )

    page = Page(response.content.decode())
    [alert] = page.find_all("div", id="save-errors")
    assert page.texts("p", inside=alert) == [
        REFUSED,
        "Attestation à cocher : « J'accepte le traitement de mes données pour la sélection ».",
    ]
    assert stored(submitted)["data_consent"] is True


def test_complete_edit_of_a_submitted_application_is_saved_and_says_so(candidate_client, submitted):
    response = candidate_client.post(
        edit_url(3),
        {"motivation": "Mieux dit", "achievements": "Un service", "links": "", "action": "draft"},
        follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Modifications enregistrées : votre candidature déposée reste complète."
    ]
    assert (stored(submitted)["motivation"], stored(submitted)["status"]) == ("Mieux dit", ApplicationStatus.SUBMITTED)
