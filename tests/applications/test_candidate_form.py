"""The application form in steps: drafts at every step, nothing required until submission, refusals after
the call closes with everything typed kept, the recap, submission (again) and withdrawal."""

import pytest
from django.urls import reverse

from applications.models import Application, ApplicationTransition
from cohorts.profiles import Profile
from eig.models import User
from eig.templatetags.eig_tags import paris_datetime
from tests.applications.factories import COMPLETE_FIELDS, ApplicationFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db


def edit_url(step: int) -> str:
    return reverse("applications:edit", args=(step,))


@pytest.fixture
def candidate_client(client):
    candidate = UserFactory(candidate=True)
    client.force_login(candidate)
    client.candidate = candidate
    return client


def test_edit_first_step_shows_the_stepper_and_both_buttons(candidate_client):
    CohortFactory(phase="candidates_call")

    response = candidate_client.get(edit_url(1))

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.texts("h2", css_class="fr-stepper__title") == ["Étape 1 sur 7 Profil"]
    assert page.texts("button", type_="submit") == [
        "Enregistrer et continuer",
        "Enregistrer le brouillon",
        "Enregistrer et voir l'aperçu",
    ]
    assert [tag.text for tag in page.find_all("a", css_class="fr-tag")] == [
        "1. Profil",
        "2. Expérience",
        "3. Motivation",
        "4. Disponibilité",
        "5. CV",
        "6. Attestations",
        "7. Récapitulatif et dépôt",
    ]
    assert Application.objects.count() == 0


def test_edit_first_save_of_an_empty_step_starts_a_draft(candidate_client):
    cohort = CohortFactory(phase="candidates_call")

    response = candidate_client.post(edit_url(1), {"action": "draft"})

    assert response.status_code == 302
    assert response["Location"] == edit_url(1)
    application = Application.objects.get()
    assert (application.cohort, application.candidate, application.status) == (
        cohort,
        candidate_client.candidate,
        "draft",
    )


def test_edit_save_and_continue_stores_the_step_and_goes_to_the_next(candidate_client):
    CohortFactory(phase="candidates_call")

    response = candidate_client.post(
        edit_url(1),
        {
            "profile": Profile.DESIGNER,
            "secondary_profiles": [Profile.DEVELOPER, Profile.DATA_SCIENTIST],
            "skills": "Recherche utilisateur",
            "action": "continue",
        },
    )

    assert response["Location"] == edit_url(2)
    application = Application.objects.get()
    assert (application.profile, application.secondary_profiles, application.skills) == (
        "designer",
        ["developer", "data_scientist"],
        "Recherche utilisateur",
    )


def test_edit_save_draft_stays_on_the_step_with_a_message(candidate_client):
    ApplicationFactory(candidate=candidate_client.candidate, cohort=CohortFactory(phase="candidates_call"))

    response = candidate_client.post(
        edit_url(3), {"motivation": "Servir", "achievements": "", "links": "", "action": "draft"}, follow=True
    )

    assert response.redirect_chain == [(edit_url(3), 302)]
    assert [str(message) for message in response.context["messages"]] == ["Brouillon enregistré."]
    assert Application.objects.get().motivation == "Servir"


def test_edit_fields_needed_for_submission_are_not_marked_optional(candidate_client):
    CohortFactory(phase="candidates_call")

    response = candidate_client.get(edit_url(3))

    page = Page(response.content.decode())
    [form] = page.find_all("form", id="step-form")
    assert page.texts("label", css_class="fr-label", inside=form) == [
        "Motivation et sens de l'intérêt général Pourquoi ce programme, et ce que l'intérêt général représente "
        "pour vous.",
        "Réalisations Ce que vous avez construit, seul·e ou en équipe, et son effet.",
        "Liens (Optionnel) Code, portfolio, publications… une adresse par ligne.",
    ]
    assert [field.attrs.get("required") for field in page.find_all("textarea")] == [None, None, None]


def test_edit_experience_step_shows_the_salary_bands_and_the_saved_band(candidate_client):
    cohort = CohortFactory(phase="candidates_call")
    ApplicationFactory(candidate=candidate_client.candidate, cohort=cohort, years_of_experience=7)

    response = candidate_client.get(edit_url(2))

    page = Page(response.content.decode())
    assert page.texts("p", css_class="fr-callout__text") == [
        "Contrat de dix mois : 3 500 € net par mois jusqu'à 5 ans d'expérience, 4 000 € net par mois au-delà.",
        "Avec 7 ans d'expérience, vous relevez de la tranche senior (plus de 5 ans) : 4 000 € net par mois.",
    ]


def test_edit_experience_band_is_recomputed_after_save(candidate_client):
    cohort = CohortFactory(phase="candidates_call")
    ApplicationFactory(candidate=candidate_client.candidate, cohort=cohort, years_of_experience=7)

    response = candidate_client.post(
        edit_url(2), {"years_of_experience": "1", "career_path": "", "action": "draft"}, follow=True
    )

    page = Page(response.content.decode())
    assert page.texts("p", id="salary-band-result") == [
        "Avec 1 an d'expérience, vous relevez de la tranche junior (jusqu'à 5 ans) : 3 500 € net par mois."
    ]


def test_edit_experience_refuses_more_than_60_years_on_the_field(candidate_client):
    CohortFactory(phase="candidates_call")

    response = candidate_client.post(
        edit_url(2), {"years_of_experience": "61", "career_path": "Un long parcours", "action": "draft"}
    )

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.texts("li", css_class="fr-error-text") == [
        "Assurez-vous que cette valeur est inférieure ou égale à 60."
    ]
    assert page.texts("textarea", name="career_path") == ["Un long parcours"]
    assert Application.objects.count() == 0


def test_edit_after_the_call_closes_is_refused_and_keeps_what_was_typed(candidate_client):
    application = ApplicationFactory(
        candidate=candidate_client.candidate,
        cohort=CohortFactory(phase="preselection"),
        motivation="Version enregistrée",
    )

    response = candidate_client.post(
        edit_url(3),
        {"motivation": "Version tapée après la clôture", "achievements": "", "links": "", "action": "draft"},
    )

    assert response.status_code == 200
    page = Page(response.content.decode())
    [alert] = page.find_all("div", id="save-errors")
    assert alert.text.startswith(
        "Cette étape n'est pas enregistrée L'appel à candidatures est clos : sa date limite était le "
    ) and alert.text.endswith(". La candidature ne peut plus être modifiée.")
    assert page.texts("textarea", name="motivation") == ["Version tapée après la clôture"]
    application.refresh_from_db()
    assert application.motivation == "Version enregistrée"


def test_edit_first_save_after_the_call_closes_is_refused_and_keeps_what_was_typed(candidate_client):
    CohortFactory(phase="preselection")

    response = candidate_client.post(edit_url(1), {"skills": "Python", "action": "continue"})

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.texts("textarea", name="skills") == ["Python"]
    assert page.texts("div", id="save-errors")[0].startswith(
        "Cette étape n'est pas enregistrée L'appel à candidatures est clos : sa date limite était le "
    )
    assert Application.objects.count() == 0


def test_edit_without_application_outside_the_call_goes_back_to_the_space(candidate_client):
    CohortFactory(phase="preselection")

    response = candidate_client.get(edit_url(1), follow=True)

    assert response.redirect_chain == [(reverse("applications:space"), 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "L'appel à candidatures n'est pas ouvert : aucune candidature ne peut être commencée."
    ]


def test_edit_of_a_decided_application_goes_back_to_the_space(candidate_client):
    ApplicationFactory(
        candidate=candidate_client.candidate, cohort=CohortFactory(phase="candidates_call"), preselected=True
    )

    response = candidate_client.get(edit_url(1), follow=True)

    assert response.redirect_chain == [(reverse("applications:space"), 302)]
    assert [str(message) for message in response.context["messages"]] == ["Cette candidature n'est plus modifiable."]


@pytest.mark.parametrize("step", [0, 8])
def test_edit_unknown_step_is_not_found(candidate_client, step):
    CohortFactory(phase="candidates_call")

    response = candidate_client.get(edit_url(step))

    assert response.status_code == 404


def test_edit_statements_step_saves_the_checkboxes(candidate_client):
    ApplicationFactory(candidate=candidate_client.candidate, cohort=CohortFactory(phase="candidates_call"))

    candidate_client.post(edit_url(6), {"not_civil_servant": "on", "data_consent": "on", "action": "continue"})

    application = Application.objects.get()
    assert (
        application.not_civil_servant,
        application.not_juror_or_expert,
        application.not_current_fellow,
        application.data_consent,
    ) == (True, False, False, True)


def test_recap_reads_each_answer_under_its_question_step_by_step(candidate_client):
    """A description list per step, not a table: on a phone a long answer wraps like a paragraph."""
    motivation = "Servir l'intérêt général. " * 800
    ApplicationFactory(
        candidate=candidate_client.candidate,
        cohort=CohortFactory(phase="candidates_call"),
        complete=True,
        motivation=motivation,
    )

    response = candidate_client.get(edit_url(7))

    page = Page(response.content.decode())
    [summary] = page.find_all("div", id="summary")
    assert page.find_all("table", inside=summary) == []
    assert page.texts("h2", inside=summary) == ["Récapitulatif de votre candidature"]
    assert page.texts("h3", inside=summary) == [
        "Profil",
        "Expérience",
        "Motivation",
        "Disponibilité",
        "CV",
        "Attestations",
    ]
    pairs = [
        (term.text, definition.text)
        for item in page.find_all("div", css_class="eig-summary__item", inside=summary)
        for term, definition in zip(page.find_all("dt", inside=item), page.find_all("dd", inside=item), strict=True)
    ]
    assert pairs[:6] == [
        ("Profil principal", "Développeur·se"),
        ("Compétences secondaires", "Data engineer"),
        ("Vos compétences en quelques mots", "Python, Django, PostgreSQL"),
        ("Années d'expérience professionnelle", "4"),
        ("Parcours et expériences", COMPLETE_FIELDS["career_path"]),
        ("Motivation et sens de l'intérêt général", motivation.strip()),
    ]
    assert [term for term, _ in pairs[6:]] == [
        "Réalisations",
        "Liens",
        "Prêt·e à déménager ?",
        "Comment avez-vous connu le programme ?",
        "CV (PDF)",
        "CV anonymisé (PDF)",
        "Attestations",
    ]


def test_recap_lists_missing_items_with_links_to_their_steps(candidate_client):
    ApplicationFactory(
        candidate=candidate_client.candidate,
        cohort=CohortFactory(phase="candidates_call"),
        **{**COMPLETE_FIELDS, "motivation": "", "data_consent": False},
    )

    response = candidate_client.get(edit_url(7))

    page = Page(response.content.decode())
    [section] = page.find_all("section", id="missing-items")
    assert page.texts("li", inside=section) == [
        "Champ à remplir : Motivation et sens de l'intérêt général. Compléter l'étape 3",
        "Déposez votre CV (PDF). Compléter l'étape 5",
        "Déposez votre CV anonymisé (PDF). Compléter l'étape 5",
        "Attestation à cocher : « J'accepte le traitement de mes données pour la sélection ». Compléter l'étape 6",
    ]
    assert [link.attrs["href"] for link in page.find_all("a", inside=section)] == [
        edit_url(3),
        edit_url(5),
        edit_url(5),
        edit_url(6),
    ]
    assert page.texts("div", id="deadline")[0].startswith("Date limite de dépôt : ")
    assert page.texts("button", type_="submit") == ["Déposer ma candidature"]


def test_submit_complete_application_sends_the_confirmation(
    candidate_client, django_capture_on_commit_callbacks, mailoutbox
):
    application = ApplicationFactory(
        candidate=candidate_client.candidate,
        cohort=CohortFactory(phase="candidates_call", name="EIG 12"),
        complete=True,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = candidate_client.post(reverse("applications:submit"), follow=True)

    assert response.redirect_chain == [(reverse("applications:space"), 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "Votre candidature est déposée. Un e-mail de confirmation avec son récapitulatif vous est envoyé."
    ]
    application.refresh_from_db()
    assert application.status == "submitted"
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([candidate_client.candidate.email], "[EIG] Votre candidature à la promotion EIG 12 est bien déposée")
    ]


def test_submit_again_after_an_edit_sends_a_new_confirmation(
    candidate_client, django_capture_on_commit_callbacks, mailoutbox
):
    application = ApplicationFactory(
        candidate=candidate_client.candidate, cohort=CohortFactory(phase="candidates_call"), submitted=True
    )
    candidate_client.post(edit_url(3), {"motivation": "Mieux dit", "achievements": "Un service", "action": "draft"})

    response = candidate_client.get(edit_url(7))
    with django_capture_on_commit_callbacks(execute=True):
        candidate_client.post(reverse("applications:submit"))

    assert Page(response.content.decode()).texts("button", type_="submit") == ["Déposer à nouveau ma candidature"]
    application.refresh_from_db()
    assert (application.status, application.motivation) == ("submitted", "Mieux dit")
    assert len(mailoutbox) == 1
    assert list(ApplicationTransition.objects.values_list("from_status", "to_status")) == []


def test_submit_incomplete_application_is_refused_back_on_the_recap(candidate_client, mailoutbox):
    application = ApplicationFactory(
        candidate=candidate_client.candidate,
        cohort=CohortFactory(phase="candidates_call"),
        complete=True,
        heard_from="",
    )

    response = candidate_client.post(reverse("applications:submit"), follow=True)

    # POST-redirect-GET: the browser ends on the recap's own address, which a reload only shows again.
    assert response.redirect_chain == [(edit_url(7), 302)]
    page = Page(response.content.decode())
    assert page.texts("div", id="submit-errors") == [
        "La candidature n'est pas déposée Champ à remplir : Comment avez-vous connu le programme ?"
    ]
    reloaded = Page(candidate_client.get(edit_url(7)).content.decode())
    assert reloaded.texts("div", id="submit-errors") == []
    assert reloaded.texts("section", id="missing-items") == [
        "Avant le dépôt : 1 élément à compléter Champ à remplir : Comment avez-vous connu le programme ? "
        "Compléter l'étape 4"
    ]
    application.refresh_from_db()
    assert application.status == "draft"
    assert mailoutbox == []


def test_submit_after_the_call_closes_is_refused_back_on_the_recap(candidate_client):
    application = ApplicationFactory(
        candidate=candidate_client.candidate, cohort=CohortFactory(phase="preselection"), complete=True
    )

    response = candidate_client.post(reverse("applications:submit"), follow=True)

    assert response.redirect_chain == [(edit_url(7), 302)]
    page = Page(response.content.decode())
    assert page.texts("div", id="submit-errors")[0].startswith(
        "La candidature n'est pas déposée L'appel à candidatures est clos : sa date limite était le "
    )
    application.refresh_from_db()
    assert application.status == "draft"


def test_recap_after_the_call_closes_has_no_submit_button(candidate_client):
    ApplicationFactory(
        candidate=candidate_client.candidate, cohort=CohortFactory(phase="preselection"), submitted=True
    )

    response = candidate_client.get(edit_url(7))

    page = Page(response.content.decode())
    assert page.find_all("form", action=reverse("applications:submit")) == []
    assert page.texts("div", id="deadline")[0].startswith("L'appel à candidatures est clos : sa date limite était le ")


def test_submit_only_by_post(candidate_client):
    ApplicationFactory(candidate=candidate_client.candidate, complete=True)

    response = candidate_client.get(reverse("applications:submit"))

    assert response.status_code == 405


def test_withdraw_asks_for_confirmation(candidate_client):
    ApplicationFactory(candidate=candidate_client.candidate, cohort=CohortFactory(phase="candidates_call"))

    response = candidate_client.get(reverse("applications:withdraw"))

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.texts("button", type_="submit") == ["Oui, retirer ma candidature"]
    assert Application.objects.get().status == "draft"


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_withdraw_before_a_decision(candidate_client, status):
    application = ApplicationFactory(
        candidate=candidate_client.candidate, cohort=CohortFactory(phase="preselection"), status=status
    )

    response = candidate_client.post(reverse("applications:withdraw"), follow=True)

    assert [str(message) for message in response.context["messages"]] == ["Votre candidature est retirée."]
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert list(ApplicationTransition.objects.values_list("from_status", "to_status", "by")) == [
        (status, "withdrawn", candidate_client.candidate.pk)
    ]


def test_withdraw_after_a_decision_is_refused(candidate_client):
    application = ApplicationFactory(
        candidate=candidate_client.candidate, cohort=CohortFactory(phase="preselection"), preselected=True
    )

    response = candidate_client.post(reverse("applications:withdraw"), follow=True)

    assert [str(message) for message in response.context["messages"]] == [
        "Cette candidature ne peut pas être retirée."
    ]
    application.refresh_from_db()
    assert application.status == "preselected"


def test_recap_of_a_draft_after_the_call_closes_says_so_and_lists_nothing_to_complete(candidate_client):
    cohort = CohortFactory(phase="preselection")
    ApplicationFactory(candidate=candidate_client.candidate, cohort=cohort)

    page = Page(candidate_client.get(edit_url(7)).content.decode())

    assert page.texts("div", id="deadline") == [
        "L'appel à candidatures est clos : sa date limite était le "
        f"{paris_datetime(cohort.candidates_call_closes_at)}. La candidature ne peut plus être modifiée."
    ]
    assert (page.find_all(id="missing-items"), page.find_all("form", action=reverse("applications:submit"))) == (
        [],
        [],
    )


def test_submit_by_an_account_without_a_name_is_refused_until_it_is_given(candidate_client, mailoutbox):
    candidate = candidate_client.candidate
    User.objects.filter(pk=candidate.pk).update(first_name="", last_name="")
    application = ApplicationFactory(candidate=candidate, cohort=CohortFactory(phase="candidates_call"), complete=True)

    refused = candidate_client.post(reverse("applications:submit"), follow=True)
    recap = Page(refused.content.decode())
    [link] = recap.find_all("a", inside=recap.find_all(id="missing-items")[0])
    named = candidate_client.post(
        link.attrs["href"],
        {"first_name": "Ada", "last_name": "Lovelace", "usual_name": "", "pronouns": "", "language": "fr"},
    )
    submitted = candidate_client.post(reverse("applications:submit"))

    application.refresh_from_db()
    assert recap.texts("div", id="submit-errors") == ["La candidature n'est pas déposée Indiquez votre nom."]
    assert (named["Location"], submitted["Location"]) == (edit_url(7), reverse("applications:space"))
    assert application.status == "submitted"
