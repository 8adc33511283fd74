"""The challenge form in steps: drafts saved at every step with nothing required, lists of rows
without JavaScript, and nothing lost when saving is refused after the deadline."""

import pytest
from django.urls import reverse

from challenges.forms import step_for_part
from challenges.models import Challenge, ChallengeStatus, ContactKind
from challenges.selectors import challenge_missing_parts
from cohorts.profiles import Profile
from eig.templatetags.eig_tags import paris_datetime
from tests.challenges.factories import COMPLETE_FIELDS, ChallengeFactory, ContactFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

CLOSED_MESSAGE = (
    "L'appel à projets est clos : sa date limite était le {date}. Le défi ne peut plus être modifié ni déposé."
)


@pytest.fixture
def agent():
    return UserFactory(agent=True)


@pytest.fixture
def challenge(agent):
    return ChallengeFactory(name="Lab Santé", owners=[agent])


def step_url(challenge, step: int) -> str:
    return reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": step})


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


EMPTY_CONTACTS = {
    f"{prefix}-{field}": ""
    for prefix in ("sponsor", "project_lead_1", "project_lead_2", "hr", "finance")
    for field in ("name", "job_title", "email", "phone")
}


def test_step_one_shows_stepper_fields_and_deadline(client, agent, challenge):
    client.force_login(agent)

    response = client.get(step_url(challenge, 1))

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("h1") == ["Lab Santé"]
    assert page.texts("h2", css_class="fr-stepper__title") == ["Étape 1 sur 7 Le défi"]
    assert page.texts("p", css_class="fr-stepper__details") == ["Étape suivante : La solution"]
    assert [
        element.attrs["name"]
        for element in page.find_all(inside=page.find_all("form", id="step-form")[0])
        if element.tag in {"input", "textarea", "select"} and element.attrs.get("type") != "hidden"
    ] == [
        "name",
        "summary",
        "context",
    ]
    assert page.texts("div", id="deadline") == [
        f"Date limite de dépôt : {paris_datetime(challenge.cohort.projects_call_closes_at)}."
    ]
    assert [button.text for button in page.find_all("button", type_="submit", inside=page.main)] == [
        "Enregistrer et continuer",
        "Enregistrer le brouillon",
        "Enregistrer et voir l'aperçu",
    ]


def test_step_fields_are_not_marked_optional_nor_required_in_the_browser(client, agent, challenge):
    client.force_login(agent)

    response = client.get(step_url(challenge, 2))

    page = Page(response.content.decode())
    assert page.texts("label", css_class="fr-label", inside=page.main) == [
        "Solution envisagée, par des cas d'usage "
        "Décrivez ce que les usagers ou les agents pourront faire, cas par cas.",
        "Bénéfices attendus pour la politique publique",
        "Solutions déjà envisagées",
        "Obstacles",
    ]
    assert [element.attrs.get("required") for element in page.find_all("textarea")] == [None, None, None, None]


def test_step_saves_an_incomplete_draft_and_stays(client, agent, challenge):
    client.force_login(agent)

    response = client.post(
        step_url(challenge, 1), {"name": "Lab Santé", "summary": "Un problème", "context": "", "action": "draft"}
    )

    challenge.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == step_url(challenge, 1)
    assert (challenge.name, challenge.summary, challenge.context) == ("Lab Santé", "Un problème", "")
    assert [str(message) for message in response.wsgi_request._messages] == ["Brouillon enregistré."]


@pytest.mark.parametrize(("action", "next_step"), [("continue", 3), ("previous", 1), ("draft", 2)])
def test_step_buttons_save_then_move(client, agent, challenge, action, next_step):
    client.force_login(agent)

    response = client.post(
        step_url(challenge, 2),
        {"solution": "Un cas d'usage", "benefits": "", "existing_solutions": "", "obstacles": "", "action": action},
    )

    challenge.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, step_url(challenge, next_step))
    assert challenge.solution == "Un cas d'usage"


def test_step_one_refuses_an_empty_name_and_keeps_what_was_typed(client, agent, challenge):
    client.force_login(agent)

    response = client.post(step_url(challenge, 1), {"name": "", "summary": "Gardé", "context": "", "action": "draft"})

    page = Page(response.content.decode())
    challenge.refresh_from_db()
    assert response.status_code == 200
    assert page.texts("div", id="save-errors") == [
        "Le brouillon n'est pas enregistré Corrigez les champs signalés ci-dessous : rien n'a été perdu."
    ]
    assert page.texts("div", id="id_name-desc-error") == ["Ce champ est obligatoire."]
    assert page.texts("textarea", name="summary") == ["Gardé"]
    assert (challenge.name, challenge.summary) == ("Lab Santé", "")


def test_step_one_refuses_a_summary_longer_than_300_characters(client, agent, challenge):
    client.force_login(agent)

    response = client.post(step_url(challenge, 1), {"name": "Lab Santé", "summary": "x" * 301, "action": "draft"})

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("div", id="id_summary-desc-error") == [
        "Assurez-vous que cette valeur comporte au plus 300 caractères (actuellement 301)."
    ]
    # Everything typed comes back, in a field the browser would not cut (no `maxlength`).
    [summary] = page.find_all("textarea", name="summary")
    assert (summary.text, "maxlength" in summary.attrs, summary.attrs["data-length-limit"]) == (
        "x" * 301,
        False,
        "300",
    )


def test_limited_fields_carry_the_counter_instead_of_the_browsers_maxlength(client, agent, challenge):
    client.force_login(agent)

    page = Page(client.get(step_url(challenge, 1)).content.decode())

    limited = {
        element.attrs["name"]: (
            element.attrs.get("maxlength"),
            element.attrs.get("data-length-limit"),
            element.attrs.get("data-length-remaining-many"),
            element.attrs.get("data-length-over-many"),
        )
        for element in page.find_all(inside=page.main)
        if element.tag in {"input", "textarea"} and "data-length-limit" in element.attrs
    }
    assert limited == {
        "name": (
            None,
            "200",
            "Il reste {count} caractères sur 200.",
            "{count} caractères de trop : la limite est de 200 caractères.",
        ),
        "summary": (
            None,
            "300",
            "Il reste {count} caractères sur 300.",
            "{count} caractères de trop : la limite est de 300 caractères.",
        ),
    }
    assert [element for element in page.find_all(inside=page.main) if "maxlength" in element.attrs] == []


def test_step_one_refuses_the_name_of_another_challenge_of_the_cohort(client, agent, challenge):
    ChallengeFactory(cohort=challenge.cohort, name="Déjà pris")
    client.force_login(agent)

    response = client.post(step_url(challenge, 1), {"name": "Déjà pris", "action": "draft"})

    page = Page(response.content.decode())
    challenge.refresh_from_db()
    assert page.texts("div", id="save-errors") == [
        "Le brouillon n'est pas enregistré Un défi porte déjà ce nom dans cette promotion."
    ]
    assert challenge.name == "Lab Santé"


def test_step_three_offers_data_access_choices(client, agent, challenge):
    client.force_login(agent)

    response = client.get(step_url(challenge, 3))

    page = Page(response.content.decode())
    assert page.texts("option") == [
        "Sélectionner une réponse",
        "Oui, les données sont accessibles",
        "En partie",
        "Non, elles restent à obtenir",
        "Le défi ne nécessite pas de données",
    ]


def test_positions_step_shows_three_rows_filled_from_the_positions(client, agent, challenge):
    PositionFactory(challenge=challenge, profile=Profile.DESIGNER, mission="Concevoir")
    client.force_login(agent)

    response = client.get(step_url(challenge, 4))

    page = Page(response.content.decode())
    assert page.texts("legend", inside=page.main)[:3] == ["Poste 1", "Poste 2", "Poste 3 (facultatif)"]
    selected = [option.attrs["value"] for option in page.find_all("option") if "selected" in option.attrs]
    assert selected == ["designer", "", "", ""]  # and no derogation
    assert page.texts("textarea") == ["Concevoir", "", "", ""]


def test_positions_step_saves_the_rows_filled_and_drops_the_empty_ones(client, agent, challenge):
    PositionFactory(challenge=challenge, profile=Profile.DESIGNER, mission="Concevoir")
    client.force_login(agent)
    data = {
        **management("positions", 3, initial=1),
        "positions-0-profile": "developer",
        "positions-0-mission": "Développer",
        "positions-1-profile": "data_scientist",
        "positions-1-mission": "",
        "positions-2-profile": "",
        "positions-2-mission": "",
        "action": "continue",
    }

    response = client.post(step_url(challenge, 4), data)

    assert (response.status_code, response["Location"]) == (302, step_url(challenge, 5))
    assert list(challenge.positions.values_list("profile", "mission")) == [
        ("developer", "Développer"),
        ("data_scientist", ""),
    ]


def test_positions_step_asks_the_profile_of_a_row_begun(client, agent, challenge):
    client.force_login(agent)
    data = {
        **management("positions", 3),
        "positions-0-profile": "",
        "positions-0-mission": "Une mission sans profil",
        "action": "draft",
    }

    response = client.post(step_url(challenge, 4), data)

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("div", id="id_positions-0-profile-desc-error") == [
        "Choisissez le profil de ce poste (ou videz sa mission)."
    ]
    assert page.texts("textarea", name="positions-0-mission") == ["Une mission sans profil"]
    assert challenge.positions.count() == 0


def test_positions_step_refuses_a_fourth_row(client, agent, challenge):
    client.force_login(agent)
    data = {**management("positions", 4), "action": "draft"}
    for index in range(4):
        data |= {f"positions-{index}-profile": "developer", f"positions-{index}-mission": "Développer"}

    response = client.post(step_url(challenge, 4), data)

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("div", css_class="fr-alert--error", inside=page.main) == [
        "Le brouillon n'est pas enregistré Corrigez les champs signalés ci-dessous : rien n'a été perdu.",
        "Le défi compte au plus 3 postes : videz les lignes en trop.",
    ]
    assert challenge.positions.count() == 0


def test_team_step_saves_members_and_work_place(client, agent, challenge):
    client.force_login(agent)
    data = {
        **management("team", 2),
        "team-0-name": "Camille Martin",
        "team-0-role": "Cheffe de projet",
        "team-0-time_share": "40",
        "work_address": "20 avenue de Ségur",
        "work_postcode": "75007",
        "work_city": "",
        "action": "draft",
    }

    response = client.post(step_url(challenge, 5), data)

    challenge.refresh_from_db()
    assert response.status_code == 302
    assert list(challenge.team_members.values_list("name", "role", "time_share")) == [
        ("Camille Martin", "Cheffe de projet", 40)
    ]
    assert (challenge.work_address, challenge.work_postcode, challenge.work_city) == (
        "20 avenue de Ségur",
        "75007",
        "",
    )


def test_team_step_shows_two_empty_rows_after_the_members(client, agent, challenge):
    challenge.team_members.create(name="Camille Martin", role="Cheffe de projet", time_share=40)
    client.force_login(agent)

    response = client.get(step_url(challenge, 5))

    page = Page(response.content.decode())
    assert page.texts("legend", inside=page.main) == [
        "Équipe projet : personne 1",
        "Équipe projet : personne 2",
        "Équipe projet : personne 3",
        "Le lieu de travail",
    ]


def test_team_step_refuses_a_row_without_time_share(client, agent, challenge):
    client.force_login(agent)
    data = {**management("team", 2), "team-0-name": "Camille Martin", "team-0-role": "Cheffe", "action": "draft"}

    response = client.post(step_url(challenge, 5), data)

    page = Page(response.content.decode())
    assert page.texts("div", id="id_team-0-time_share-desc-error") == [
        "Indiquez le nom, le rôle et la part du temps de cette personne (ou videz la ligne)."
    ]
    assert challenge.team_members.count() == 0


def test_contacts_step_saves_one_contact_per_role(client, agent, challenge):
    client.force_login(agent)
    data = {
        **EMPTY_CONTACTS,
        "sponsor-name": "Claire Dupont",
        "sponsor-job_title": "Directrice",
        "sponsor-email": "claire.dupont@sante.gouv.fr",
        "project_lead_1-name": "Paul Durand",
        "project_lead_1-email": "paul.durand@sante.gouv.fr",
        "project_lead_2-name": "Inès Bernard",
        "project_lead_2-email": "ines.bernard@sante.gouv.fr",
        "action": "draft",
    }

    response = client.post(step_url(challenge, 6), data)

    assert response.status_code == 302
    assert list(challenge.contacts.order_by("kind", "id").values_list("kind", "name", "email")) == [
        ("project_lead", "Paul Durand", "paul.durand@sante.gouv.fr"),
        ("project_lead", "Inès Bernard", "ines.bernard@sante.gouv.fr"),
        ("sponsor", "Claire Dupont", "claire.dupont@sante.gouv.fr"),
    ]


def test_contacts_step_replaces_the_sponsor_and_removes_an_emptied_contact(client, agent, challenge):
    sponsor = ContactFactory(challenge=challenge, kind=ContactKind.SPONSOR, name="Ancienne")
    ContactFactory(challenge=challenge, kind=ContactKind.HR, name="RH")
    client.force_login(agent)
    data = {**EMPTY_CONTACTS, "sponsor-name": "Nouvelle", "sponsor-email": "nouvelle@sante.gouv.fr", "action": "draft"}

    client.post(step_url(challenge, 6), data)

    assert list(challenge.contacts.values_list("pk", "kind", "name")) == [(sponsor.pk, "sponsor", "Nouvelle")]


def test_contacts_step_asks_the_email_of_a_contact_begun(client, agent, challenge):
    client.force_login(agent)

    response = client.post(step_url(challenge, 6), {**EMPTY_CONTACTS, "hr-name": "Léa Petit", "action": "draft"})

    page = Page(response.content.decode())
    assert page.texts("div", id="id_hr-email-desc-error") == [
        "Indiquez au moins le nom et l'adresse e-mail de ce contact (ou videz ses champs)."
    ]
    assert [element.attrs.get("value") for element in page.find_all("input", name="hr-name")] == ["Léa Petit"]
    assert challenge.contacts.count() == 0


def test_contacts_step_labels_optional_fields_only(client, agent, challenge):
    client.force_login(agent)

    response = client.get(step_url(challenge, 6))

    page = Page(response.content.decode())
    assert page.texts("legend", inside=page.main) == [
        "Sponsor (mentor·e senior)",
        "Porteur·se de projet (mentor·e opérationnel·le)",
        "Second·e porteur·se de projet (facultatif)",
        "Contact ressources humaines",
        "Contact financier",
    ]
    assert page.texts("label", css_class="fr-label", inside=page.main)[:4] == [
        "Prénom et nom",
        "Fonction (Optionnel)",
        "Adresse e-mail",
        "Téléphone (Optionnel)",
    ]


def test_step_after_the_deadline_refuses_to_save_and_keeps_what_was_typed(client, agent):
    cohort = CohortFactory(phase="challenge_selection")
    challenge = ChallengeFactory(cohort=cohort, owners=[agent], complete=True, name="Lab Santé")
    client.force_login(agent)

    response = client.post(
        step_url(challenge, 1), {"name": "Lab Santé", "summary": "Texte tapé trop tard", "action": "continue"}
    )

    page = Page(response.content.decode())
    challenge.refresh_from_db()
    closed = CLOSED_MESSAGE.format(date=paris_datetime(cohort.projects_call_closes_at))
    assert response.status_code == 200
    assert page.texts("div", id="save-errors") == [f"Le brouillon n'est pas enregistré {closed}"]
    assert page.texts("textarea", name="summary") == ["Texte tapé trop tard"]
    assert challenge.summary == COMPLETE_FIELDS["summary"]


def test_step_after_the_deadline_says_the_call_is_closed(client, agent):
    cohort = CohortFactory(phase="challenge_selection")
    challenge = ChallengeFactory(cohort=cohort, owners=[agent])
    client.force_login(agent)

    response = client.get(step_url(challenge, 1))

    page = Page(response.content.decode())
    assert page.texts("div", id="deadline") == [
        f"L'appel à projets de la promotion {cohort.name} est clos : sa date limite était le "
        f"{paris_datetime(cohort.projects_call_closes_at)}. Les défis ne peuvent plus être modifiés ni déposés."
    ]


@pytest.mark.parametrize("status", [ChallengeStatus.SUBMITTED, ChallengeStatus.SELECTED, ChallengeStatus.WITHDRAWN])
def test_step_of_a_challenge_no_longer_draft_sends_to_its_page(client, agent, status):
    challenge = ChallengeFactory(owners=[agent], complete=True, status=status)
    client.force_login(agent)

    response = client.post(step_url(challenge, 1), {"name": "Autre nom", "action": "draft"})

    challenge.refresh_from_db()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("challenges:detail", kwargs={"pk": challenge.pk}),
    )
    assert challenge.name != "Autre nom"


@pytest.mark.parametrize("step", [0, 8])
def test_step_out_of_range_is_not_found(client, agent, challenge, step):
    client.force_login(agent)

    response = client.get(step_url(challenge, step))

    assert response.status_code == 404


def test_recap_lists_what_is_missing_with_a_link_to_its_step(client, agent):
    challenge = ChallengeFactory(owners=[agent], complete=True, with_parts=False, obstacles="")
    PositionFactory(challenge=challenge)
    client.force_login(agent)

    response = client.get(step_url(challenge, 7))

    page = Page(response.content.decode())
    section = page.find_all("section", id="missing-items")[0]
    items = page.find_all("li", inside=section)
    assert page.texts("h2", inside=section) == ["Avant le dépôt : 7 éléments à compléter"]
    assert [(item.text, page.find_all("a", inside=item)[0].attrs["href"]) for item in items] == [
        ("Champ à remplir : Obstacles. Compléter l'étape 2 : La solution", step_url(challenge, 2)),
        (
            "Le défi doit compter 2 ou 3 postes (il en compte 1) ; pour un autre nombre, demandez une dérogation. "
            "Compléter l'étape 4 : Les postes",
            step_url(challenge, 4),
        ),
        (
            "Décrivez l'équipe projet (au moins une personne). Compléter l'étape 5 : L'équipe et le lieu",
            step_url(challenge, 5),
        ),
        ("Il manque le ou la sponsor (mentor·e senior). Compléter l'étape 6 : Les contacts", step_url(challenge, 6)),
        (
            "Le défi doit avoir 1 ou 2 porteur·ses de projet. Compléter l'étape 6 : Les contacts",
            step_url(challenge, 6),
        ),
        ("Il manque le contact ressources humaines. Compléter l'étape 6 : Les contacts", step_url(challenge, 6)),
        ("Il manque le contact financier. Compléter l'étape 6 : Les contacts", step_url(challenge, 6)),
    ]


def test_missing_parts_of_an_empty_draft_follow_the_steps_and_each_page(agent):
    challenge = ChallengeFactory(owners=[agent], name="Vide")

    parts = [item.part for item in challenge_missing_parts(challenge)]

    # Each part where the form shows it: by step, then in the order of the step's page.
    def position(part):
        step = step_for_part(part)
        return (step.number, step.parts.index(part))

    assert parts == sorted(parts, key=position)
    assert [step_for_part(part).number for part in parts] == [1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 5, 5, 5, 5, 6, 6, 6, 6]


def test_recap_shows_everything_read_only_and_the_submit_button(client, agent):
    challenge = ChallengeFactory(owners=[agent], complete=True)
    client.force_login(agent)

    response = client.get(step_url(challenge, 7))

    page = Page(response.content.decode())
    assert page.texts("h2", css_class="fr-stepper__title") == ["Étape 7 sur 7 Récapitulatif et dépôt"]
    assert page.texts("div", id="missing-items") == ["Le défi est complet : relisez-le, puis déposez-le."]
    assert page.texts("h2", css_class="fr-h4") == [
        "Étape 1 : Le défi",
        "Étape 2 : La solution",
        "Étape 3 : Données, éthique et ouverture",
        "Étape 4 : Les postes",
        "Étape 5 : L'équipe et le lieu",
        "Étape 6 : Les contacts",
    ]
    assert COMPLETE_FIELDS["obstacles"] in page.main.text
    assert page.find_all("input", inside=page.main, type_="text") == []
    forms = page.find_all("form", action=reverse("challenges:submit", kwargs={"pk": challenge.pk}))
    assert [button.text for button in page.find_all("button", inside=forms[0])] == ["Déposer le défi"]


def test_challenge_created_in_the_view_keeps_its_values_across_steps(client, agent, challenge):
    client.force_login(agent)

    client.post(step_url(challenge, 3), {"data_needed": "Les dossiers", "data_access": "partial", "action": "draft"})
    response = client.get(step_url(challenge, 3))

    page = Page(response.content.decode())
    assert Challenge.objects.get(pk=challenge.pk).data_access == "partial"
    assert page.texts("textarea", name="data_needed") == ["Les dossiers"]
    assert [option.attrs["value"] for option in page.find_all("option") if "selected" in option.attrs] == ["partial"]


def test_recap_of_a_draft_after_the_deadline_says_the_call_is_closed_and_lists_nothing(client, agent):
    cohort = CohortFactory(phase="challenge_selection")
    challenge = ChallengeFactory(owners=[agent], cohort=cohort)
    client.force_login(agent)

    page = Page(client.get(step_url(challenge, 7)).content.decode())

    assert page.texts("div", id="deadline") == [
        f"L'appel à projets de la promotion {cohort.name} est clos : sa date limite était le "
        f"{paris_datetime(cohort.projects_call_closes_at)}. Les défis ne peuvent plus être modifiés ni déposés."
    ]
    assert page.find_all(id="missing-items") == []
    assert page.find_all("form", action=reverse("challenges:submit", kwargs={"pk": challenge.pk})) == []
