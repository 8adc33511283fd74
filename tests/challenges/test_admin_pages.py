"""The admin pages around the selection: a challenge's page with its parts and history, administrations,
memberships, invitations, and the cohort's grids and challenge jury."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from challenges.models import Administration, ChallengeInvitation
from challenges.services import administration_propose, challenges_decide
from cohorts.models import Cohort, GridStage, ScoringCriterion
from tests.challenges.factories import AdministrationFactory, ChallengeEvaluationFactory, ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.cohorts.test_admin import admin_form_data
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(superuser=True, email="equipe@example.org")


def test_challenge_page_shows_parts_evaluations_with_scores_and_history(client, staff):
    # Decided during the challenge selection (after the projects call).
    challenge = ChallengeFactory(
        submitted=True, name="PrédiSauvetage", cohort=CohortFactory(phase="challenge_selection")
    )
    juror = UserFactory(juror=True, email="jure@example.org")
    ChallengeEvaluationFactory(
        challenge=challenge, evaluator=juror, scores=[4, 3, 2, 1, 4], comment="Très bien porté.", favourite=True
    )
    challenges_decide(challenges=[challenge], selected=True, by=staff, note="Jury du 8 avril")
    client.force_login(staff)

    response = client.get(reverse("admin:challenges_challenge_change", args=[challenge.pk]))

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert [inline.opts.model._meta.model_name for inline in response.context["inline_admin_formsets"]] == [
        "position",
        "teammember",
        "contact",
        "challengeevaluation",
        "challengetransition",
    ]
    scores = page.find_all("td", css_class="field-scores_display")[0]
    assert page.texts("div", inside=scores) == [
        "Pertinence du besoin et portage : 4/4",
        "Caractère entrepreneurial : 3/4",
        "Engagement de la structure d'accueil : 2/4",
        "Transformation numérique et éthique : 1/4",
        "Ouverture et mutualisation : 4/4",
    ]
    assert page.texts("td", css_class="field-weighted_mean") == ["2,80"]
    assert page.texts("td", css_class="field-note") == ["Jury du 8 avril"]
    assert page.texts("div", css_class="field-mean_score_display")[0].endswith("2,80")


def test_challenge_form_keeps_status_read_only(client, staff):
    challenge = ChallengeFactory(submitted=True)
    client.force_login(staff)

    change = client.get(reverse("admin:challenges_challenge_change", args=[challenge.pk]))
    add = client.get(reverse("admin:challenges_challenge_add"))

    assert "status" not in change.context["adminform"].form.fields
    assert "status" not in add.context["adminform"].form.fields
    assert "status" in change.context["adminform"].readonly_fields
    assert add.status_code == 200


def test_challenge_evaluation_and_transition_inlines_are_read_only(client, staff):
    challenge = ChallengeFactory(submitted=True)
    client.force_login(staff)

    response = client.get(reverse("admin:challenges_challenge_change", args=[challenge.pk]))

    permissions = {
        inline.opts.model._meta.model_name: (inline.has_add_permission, inline.has_change_permission)
        for inline in response.context["inline_admin_formsets"]
    }
    assert permissions == {
        "position": (True, True),
        "teammember": (True, True),
        "contact": (True, True),
        "challengeevaluation": (False, False),
        "challengetransition": (False, False),
    }


def test_administration_admin_confirms_proposed_administrations(client, staff):
    proposed = administration_propose(user=UserFactory(agent=True), name="Agence du numérique en santé")
    confirmed = AdministrationFactory(name="Direction des affaires maritimes")
    client.force_login(staff)

    waiting = client.get(reverse("admin:challenges_administration_changelist"), {"is_confirmed__exact": "0"})
    response = client.post(
        reverse("admin:challenges_administration_changelist"),
        {"action": "confirm_administrations", ACTION_CHECKBOX_NAME: [proposed.pk, confirmed.pk], "index": "0"},
        follow=True,
    )

    assert [a.name for a in waiting.context["cl"].result_list] == ["Agence du numérique en santé"]
    assert [str(m) for m in response.context["messages"]] == ["1 administration confirmée."]
    assert list(Administration.objects.order_by("name").values_list("name", "is_confirmed")) == [
        ("Agence du numérique en santé", True),
        ("Direction des affaires maritimes", True),
    ]


def test_administration_membership_admin_lists_memberships(client, staff):
    agent = UserFactory(agent=True, email="agent@sante.gouv.fr", first_name="Ada", last_name="Lovelace")
    administration_propose(user=agent, name="Agence du numérique")
    client.force_login(staff)

    response = client.get(reverse("admin:challenges_administrationmembership_changelist"))

    assert [str(m) for m in response.context["cl"].result_list] == [f"{agent} — Agence du numérique"]


def test_invitation_admin_is_read_only_and_hides_the_token(client, staff):
    invitation = ChallengeInvitation.objects.create(
        challenge=ChallengeFactory(), email="collegue@example.org", invited_by=UserFactory(agent=True)
    )
    client.force_login(staff)

    change = client.get(reverse("admin:challenges_challengeinvitation_change", args=[invitation.pk]))
    add = client.get(reverse("admin:challenges_challengeinvitation_add"))

    assert change.status_code == 200
    assert list(change.context["adminform"].form.fields) == []
    assert invitation.token not in change.content.decode()
    assert add.status_code == 403


# --- The cohort's grids and challenge jury ----------------------------------------------------------


def test_cohort_admin_seeds_the_real_grids_on_a_new_cohort(client, staff):
    client.force_login(staff)

    response = client.post(reverse("admin:cohorts_cohort_add"), admin_form_data())

    assert response.status_code == 302
    cohort = Cohort.objects.get()
    assert {stage: ScoringCriterion.objects.for_stage(cohort, stage).count() for stage in GridStage.values} == {
        "challenge_selection": 5,
        "preselection": 6,
        "audition": 6,
    }
    assert list(
        ScoringCriterion.objects.for_stage(cohort, GridStage.CHALLENGE_SELECTION).values_list(
            "label", "min_score", "max_score"
        )
    )[0] == ("Pertinence du besoin et portage", 1, 4)


def test_cohort_admin_keeps_a_grid_given_in_the_form(client, staff):
    client.force_login(staff)
    data = admin_form_data()
    data.update(
        {
            "scoring_criteria-TOTAL_FORMS": "1",
            "scoring_criteria-0-stage": "challenge_selection",
            "scoring_criteria-0-position": "1",
            "scoring_criteria-0-label": "Un seul critère",
            "scoring_criteria-0-description": "",
            "scoring_criteria-0-min_score": "0",
            "scoring_criteria-0-max_score": "10",
            "scoring_criteria-0-weight": "1",
        }
    )

    client.post(reverse("admin:cohorts_cohort_add"), data)

    cohort = Cohort.objects.get()
    assert list(
        ScoringCriterion.objects.for_stage(cohort, GridStage.CHALLENGE_SELECTION).values_list("label", flat=True)
    ) == ["Un seul critère"]
    assert ScoringCriterion.objects.for_stage(cohort, GridStage.AUDITION).count() == 6


def test_cohort_admin_challenge_jury_offers_jurors_only(client, staff):
    cohort = CohortFactory()
    UserFactory(juror=True, email="jure@example.org")
    UserFactory(agent=True, email="agent@example.org")
    client.force_login(staff)

    response = client.get(reverse("admin:cohorts_cohort_change", args=[cohort.pk]))

    field = response.context["adminform"].form.fields["challenge_jurors"]
    assert [user.email for user in field.queryset] == ["jure@example.org"]
    assert Page(response.content.decode()).find_all("select", name="challenge_jurors")[0].classes == ["selectfilter"]
    assert [inline.opts.model for inline in response.context["inline_admin_formsets"]] == [ScoringCriterion]
