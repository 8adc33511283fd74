"""The multi-step draft form machinery (eig.multistep), through the two forms declared on it: the
declaration's checks, a step's neighbours and buttons, the way back, what is missing."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.urls import reverse

from applications.forms import APPLICATION_FORM, ProfileStepForm
from challenges.forms import CHALLENGE_FORM
from eig.multistep import MultiStepForm, Step
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory


def declare(steps) -> MultiStepForm:
    return MultiStepForm(namespace="test", steps=steps, heading_template="x.html", invalid_message="x")


@pytest.mark.parametrize(
    "steps",
    [
        (Step(1, "Profil", ProfileStepForm), Step(3, "Encore", ProfileStepForm)),
        (Step(1, "Profil", ProfileStepForm), Step(2, "Récapitulatif")),
    ],
    ids=["numbering", "a recap among the steps"],
)
def test_declaration_refuses_steps_out_of_order_or_filling_nothing_in(steps):
    with pytest.raises(ImproperlyConfigured):
        declare(steps)


@pytest.mark.parametrize("number", [0, 8])
def test_page_outside_the_steps_is_not_found(number):
    """Six steps declared, and the recap: seven."""
    with pytest.raises(Http404):
        APPLICATION_FORM.page(number, title="Ma candidature")


def test_page_knows_its_neighbours_and_their_urls():
    page = CHALLENGE_FORM.page(1, title="Lab Santé", pk=12)

    assert (page.previous, page.next.number, page.next_url, page.recap_url, page.submit_url) == (
        None,
        2,
        "/administrations/defis/12/etapes/2/",
        "/administrations/defis/12/etapes/7/",
        "/administrations/defis/12/deposer/",
    )


def test_buttons_of_a_form_whose_way_back_saves_and_of_one_whose_way_back_is_a_link():
    challenge_step = CHALLENGE_FORM.page(2, title="Lab Santé", pk=12)
    application_step = APPLICATION_FORM.page(2, title="Ma candidature")

    assert [button["action"] for button in challenge_step.buttons(has_preview=True)] == [
        "continue",
        "draft",
        "preview",
        "previous",
    ]
    assert [button["action"] for button in application_step.buttons(has_preview=False)] == ["continue", "draft"]


@pytest.mark.django_db
def test_application_way_back_posted_saves_and_stays_on_the_step(client):
    candidate = UserFactory(candidate=True)
    ApplicationFactory(candidate=candidate, cohort=CohortFactory(days_since_start=60))
    client.force_login(candidate)

    response = client.post(
        reverse("applications:edit", args=(3,)),
        {"motivation": "Servir", "achievements": "", "links": "", "action": "previous"},
    )

    assert (response.status_code, response["Location"]) == (302, reverse("applications:edit", args=(3,)))


@pytest.mark.django_db
def test_challenge_way_back_from_the_first_step_stays_on_it(client):
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent])
    client.force_login(agent)
    url = reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 1})

    response = client.post(url, {"name": challenge.name, "summary": "", "context": "", "action": "previous"})

    assert (response.status_code, response["Location"]) == (302, url)


def test_missing_items_link_to_their_step_in_each_forms_words():
    application_item = APPLICATION_FORM.missing_item("motivation", "Champ à remplir : Motivation.")
    challenge_item = CHALLENGE_FORM.missing_item("contacts", "Il manque le contact financier.", pk=12)

    assert (application_item.step.number, application_item.url, application_item.link) == (
        3,
        "/candidature/formulaire/3/",
        "Compléter l'étape 3",
    )
    assert (challenge_item.step.number, challenge_item.url, challenge_item.link) == (
        6,
        "/administrations/defis/12/etapes/6/",
        "Compléter l'étape 6 : Les contacts",
    )
