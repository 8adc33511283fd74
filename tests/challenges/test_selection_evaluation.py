"""The challenge jury evaluates submitted challenges in the browser: the list and the evaluation page."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from challenges.models import ChallengeEvaluation, ChallengeScore
from cohorts.models import GridStage, ScoringCriterion
from cohorts.profiles import Profile
from eig.templatetags.eig_tags import paris_datetime
from tests.challenges.factories import ChallengeEvaluationFactory, ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

GRID_LABELS = [
    "Pertinence du besoin et portage",
    "Caractère entrepreneurial",
    "Engagement de la structure d'accueil",
    "Transformation numérique et éthique",
    "Ouverture et mutualisation",
]


@pytest.fixture
def cohort():
    """A cohort whose challenge selection is under way."""
    return CohortFactory(phase="challenge_selection", name="EIG 12")


@pytest.fixture
def juror(cohort):
    user = UserFactory(juror=True, second_factor=True, email="jure@example.org")
    cohort.challenge_jurors.add(user)
    return user


def criteria_of(cohort) -> list[ScoringCriterion]:
    return list(ScoringCriterion.objects.for_stage(cohort, GridStage.CHALLENGE_SELECTION))


def evaluation_data(cohort, scores: list[int], **overrides) -> dict:
    data = {
        f"criterion_{criterion.pk}": str(score) for criterion, score in zip(criteria_of(cohort), scores, strict=True)
    }
    data.update({"favourable": "favourable", "comment": "Un besoin réel, bien porté.", "favourite": "on"})
    data.update(overrides)
    return data


# --- The evaluation page ---------------------------------------------------------------------------


def test_evaluation_page_shows_the_challenge_and_the_grid_as_dsfr_radios(client, cohort, juror):
    challenge = ChallengeFactory(cohort=cohort, submitted=True, name="PrédiSauvetage")
    client.force_login(juror)

    response = client.get(reverse("selection:challenge_evaluation", args=[challenge.pk]))

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.texts("h1") == ["Évaluer le défi « PrédiSauvetage »"]
    assert "Un agent instructeur retrouve le dossier complet en un clic." in page.texts("p")
    criteria = criteria_of(cohort)
    legends = [
        page.find_all("legend", id=f"id_criterion_{criterion.pk}-legend")[0].text.split(" De 1")[0]
        for criterion in criteria
    ]
    assert legends == [
        f"{label} {criterion.description}" for label, criterion in zip(GRID_LABELS, criteria, strict=True)
    ]
    for criterion in criteria:
        fieldset = page.find_all("fieldset", id=f"radio-id_criterion_{criterion.pk}")[0]
        radios = page.find_all("input", type_="radio", name=f"criterion_{criterion.pk}", inside=fieldset)
        assert [radio.attrs["value"] for radio in radios] == ["1", "2", "3", "4"]
        assert fieldset.classes == ["fr-fieldset"]
    assert [radio.attrs["value"] for radio in page.find_all("input", name="favourable")] == [
        "favourable",
        "unfavourable",
    ]
    assert len(page.find_all("textarea", name="comment")) == 1
    assert len(page.find_all("input", type_="checkbox", name="favourite")) == 1
    assert page.texts("button", type_="submit") == ["Enregistrer mon évaluation"]


def test_evaluation_page_post_records_the_evaluation(client, cohort, juror):
    challenge = ChallengeFactory(cohort=cohort, submitted=True, name="PrédiSauvetage")
    client.force_login(juror)

    response = client.post(
        reverse("selection:challenge_evaluation", args=[challenge.pk]),
        evaluation_data(cohort, [4, 3, 2, 1, 4]),
        follow=True,
    )

    assert response.redirect_chain == [(reverse("selection:challenge_list"), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Votre évaluation du défi « PrédiSauvetage » est enregistrée."
    ]
    evaluation = ChallengeEvaluation.objects.get()
    assert (evaluation.challenge, evaluation.evaluator) == (challenge, juror)
    assert (evaluation.favourable, evaluation.favourite, evaluation.comment) == (
        True,
        True,
        "Un besoin réel, bien porté.",
    )
    assert list(evaluation.scores.order_by("criterion__position").values_list("criterion__label", "score")) == list(
        zip(GRID_LABELS, [4, 3, 2, 1, 4], strict=True)
    )


def test_evaluation_page_revisited_shows_and_edits_the_own_evaluation(client, cohort, juror):
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    ChallengeEvaluationFactory(
        challenge=challenge,
        evaluator=juror,
        scores=[1, 2, 3, 4, 1],
        favourable=False,
        comment="Trop flou.",
        favourite=False,
    )
    client.force_login(juror)
    url = reverse("selection:challenge_evaluation", args=[challenge.pk])

    page = Page(client.get(url).content.decode())
    client.post(url, evaluation_data(cohort, [3, 3, 3, 3, 3], favourite=""))

    checked = {
        radio.attrs["name"]: radio.attrs["value"] for radio in page.find_all("input") if "checked" in radio.attrs
    }
    criteria = criteria_of(cohort)
    assert checked == {
        **{
            f"criterion_{criterion.pk}": str(score) for criterion, score in zip(criteria, [1, 2, 3, 4, 1], strict=True)
        },
        "favourable": "unfavourable",
    }
    assert page.texts("textarea", name="comment") == ["Trop flou."]
    evaluation = ChallengeEvaluation.objects.get()
    assert (evaluation.favourable, evaluation.favourite, evaluation.comment) == (
        True,
        False,
        "Un besoin réel, bien porté.",
    )
    assert sorted(evaluation.scores.values_list("score", flat=True)) == [3, 3, 3, 3, 3]


def test_evaluation_page_score_outside_the_scale_refused(client, cohort, juror):
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    client.force_login(juror)
    first = criteria_of(cohort)[0]

    response = client.post(
        reverse("selection:challenge_evaluation", args=[challenge.pk]), evaluation_data(cohort, [5, 3, 3, 3, 3])
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"criterion_{first.pk}": ["Sélectionnez un choix valide. 5 n’en fait pas partie."]
    }
    assert ChallengeEvaluation.objects.count() == 0


def test_evaluation_page_requires_every_score_and_an_opinion(client, cohort, juror):
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    client.force_login(juror)
    data = evaluation_data(cohort, [3, 3, 3, 3, 3], favourable="")
    last = criteria_of(cohort)[-1]
    del data[f"criterion_{last.pk}"]

    response = client.post(reverse("selection:challenge_evaluation", args=[challenge.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"criterion_{last.pk}": ["Ce champ est obligatoire."],
        "favourable": ["Ce champ est obligatoire."],
    }
    assert ChallengeEvaluation.objects.count() == 0


def test_evaluation_page_hides_other_evaluators_scores_and_comments(client, cohort, juror):
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    colleague = UserFactory(juror=True)
    cohort.challenge_jurors.add(colleague)
    ChallengeEvaluationFactory(
        challenge=challenge,
        evaluator=colleague,
        scores=[4, 4, 4, 4, 4],
        comment="Avis confidentiel de ma collègue.",
        favourite=True,
    )
    client.force_login(juror)

    response = client.get(reverse("selection:challenge_evaluation", args=[challenge.pk]))

    html = response.content.decode()
    page = Page(html)
    assert "Avis confidentiel de ma collègue." not in html
    assert colleague.email not in html
    assert [radio.attrs["name"] for radio in page.find_all("input") if "checked" in radio.attrs] == []
    assert response.context["evaluation"] is None


# --- Database constraints behind the page ---------------------------------------------------------


def test_challenge_evaluation_one_per_evaluator_enforced_by_database(cohort, juror):
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    ChallengeEvaluationFactory(challenge=challenge, evaluator=juror)

    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        ChallengeEvaluation.objects.create(challenge=challenge, evaluator=juror, favourable=False)

    assert raised.value.__cause__.diag.constraint_name == "challenge_evaluation_one_per_evaluator"


def test_challenge_score_outside_scale_refused_by_database_on_direct_insert(cohort, juror):
    evaluation = ChallengeEvaluationFactory(challenge=ChallengeFactory(cohort=cohort, submitted=True), evaluator=juror)
    criterion = criteria_of(cohort)[0]

    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        ChallengeScore.objects.create(
            evaluation=evaluation, criterion=criterion, score=5, min_score=1, max_score=4, weight=1
        )

    assert raised.value.__cause__.diag.constraint_name == "challenge_score_within_scale"


# --- The list of challenges to evaluate -----------------------------------------------------------


def test_challenge_list_shows_own_cohort_submitted_challenges_and_what_is_evaluated(client, cohort, juror):
    evaluated = ChallengeFactory(cohort=cohort, submitted=True, name="b@liseNAV")
    ChallengeFactory(cohort=cohort, submitted=True, name="dataESR")
    ChallengeFactory(cohort=cohort, name="Brouillon en cours")
    ChallengeFactory(cohort=cohort, selected=True, name="Déjà sélectionné")
    ChallengeFactory(cohort=CohortFactory(phase="challenge_selection"), submitted=True, name="Autre promotion")
    ChallengeFactory(cohort=cohort, submitted=True, name="Le mien", owners=[juror])
    ChallengeEvaluationFactory(challenge=evaluated, evaluator=juror, scores=[3, 3, 3, 3, 3])
    client.force_login(juror)

    response = client.get(reverse("selection:challenge_list"))

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("h2", inside=page.main) == ["Promotion EIG 12"]
    rows = page.find_all("tr", inside=page.find_all("tbody")[0])
    assert [(row.text.split(" ")[0], page.texts("p", css_class="fr-badge", inside=row)) for row in rows] == [
        ("b@liseNAV", ["Évalué"]),
        ("dataESR", ["À évaluer"]),
    ]
    announced = paris_datetime(cohort.challenges_selected_at)
    assert page.texts("p", inside=page.main)[1] == (
        f"Vous avez évalué 1 défi sur 2. Annonce des défis sélectionnés : {announced}."
    )


def test_challenge_list_for_staff_spans_every_cohort(client):
    ChallengeFactory(
        cohort=CohortFactory(number=31, name="EIG 31", phase="challenge_selection"), submitted=True, name="Un"
    )
    ChallengeFactory(
        cohort=CohortFactory(number=32, name="EIG 32", phase="challenge_selection"), submitted=True, name="Deux"
    )
    client.force_login(UserFactory(staff=True))

    page = Page(client.get(reverse("selection:challenge_list")).content.decode())

    assert page.texts("h2", inside=page.main) == ["Promotion EIG 32", "Promotion EIG 31"]


def test_challenge_list_empty_says_so(client, cohort, juror):
    client.force_login(juror)

    page = Page(client.get(reverse("selection:challenge_list")).content.decode())

    assert page.texts("p", css_class="fr-callout__text") == [
        "Aucun défi déposé n'attend votre évaluation pour le moment."
    ]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_evaluated_challenge(cohort, juror) -> None:
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    PositionFactory(challenge=challenge, profile=Profile.DESIGNER)
    ChallengeEvaluationFactory(challenge=challenge, evaluator=juror, scores=[2, 2, 2, 2, 2])


def test_challenge_list_query_count_does_not_grow(client, cohort, juror):
    client.force_login(juror)
    url = reverse("selection:challenge_list")
    add_evaluated_challenge(cohort, juror)
    with_one = count_queries(client, url)
    add_evaluated_challenge(cohort, juror)
    add_evaluated_challenge(cohort, juror)

    with_three = count_queries(client, url)

    assert with_three == with_one


# --- Two-factor authentication, as for staff ------------------------------------------------------


def test_selection_juror_without_second_factor_sent_to_set_it_up(client, cohort):
    juror = UserFactory(juror=True, second_factor=False)
    cohort.challenge_jurors.add(juror)
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    client.force_login(juror)

    for url in (reverse("selection:challenge_list"), reverse("selection:challenge_evaluation", args=[challenge.pk])):
        response = client.get(url, follow=True)

        assert response.redirect_chain[0] == (reverse("mfa_index"), 302)
        assert [str(m) for m in response.context["messages"]] == [
            "Activez l'authentification à deux facteurs pour évaluer les défis."
        ]


def test_selection_juror_without_second_factor_allowed_when_not_required(client, cohort, settings):
    settings.STAFF_MFA_REQUIRED = False
    juror = UserFactory(juror=True, second_factor=False)
    cohort.challenge_jurors.add(juror)
    client.force_login(juror)

    response = client.get(reverse("selection:challenge_list"))

    assert response.status_code == 200
