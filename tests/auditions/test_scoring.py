"""Independent scoring: a juror who declared no link scores the audition on the cohort's audition grid,
a comment per criterion; they see the other jurors' scores only once theirs is submitted (absent from
the page before, not just hidden); the scorecard can be changed until the deliberation of (challenge,
profile) is closed; staff see everything."""

import pytest
from django.urls import reverse

from auditions.declarations import audition_declare
from auditions.models import AuditionScorecard, Deliberation, DeliberationStatus, Link
from cohorts.forms import ScorecardForm
from cohorts.scoring import scorecard_save
from tests.auditions.factories import audition_scorecard
from tests.auditions.juror_kit import booked_audition, jurors_of, scorecard_data
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def audition():
    """Three jurors who declared no link; the second and the third have scored (with comments)."""
    audition = booked_audition()
    first, second, third = jurors_of(audition)
    for juror in (first, second, third):
        audition_declare(audition=audition, juror=juror, link=Link.NONE)
    audition_scorecard(audition=audition, juror=second, scores=2, comment="Réservé sur la technique")
    audition_scorecard(audition=audition, juror=third, scores=5, opinion="reserved", favourite=True)
    return audition


def audition_page(client, audition) -> Page:
    return Page(client.get(reverse("auditions:audition", args=[audition.pk])).content.decode())


def post_scorecard(client, audition, **data):
    return client.post(reverse("auditions:score", args=[audition.pk]), scorecard_data(audition, **data))


def test_the_scoring_block_keeps_a_comment_per_criterion_for_a_score_model_that_has_one(audition):
    first, *others = AuditionScorecard.grid_criteria(audition.cohort)
    juror = jurors_of(audition)[0]

    scorecard = scorecard_save(
        model=AuditionScorecard,
        subject=audition,
        scorer=juror,
        scores=dict.fromkeys([first.pk, *(criterion.pk for criterion in others)], 3),
        comments={first.pk: "Précis"},
        opinion="favourable",
    )

    assert [score.comment for score in scorecard.sorted_scores()] == ["Précis", "", "", "", "", ""]


def test_scoring_records_the_grid_a_comment_per_criterion_the_opinion_and_the_coup_de_coeur(client, audition):
    juror = jurors_of(audition)[0]
    client.force_login(juror)

    response = post_scorecard(
        client,
        audition,
        scores=3,
        comment_on_first="Très clair sur son parcours",
        opinion="favourable",
        favourite="on",
        comment="Une belle audition",
    )

    assert response.status_code == 302
    scorecard = AuditionScorecard.objects.get(audition=audition, juror=juror)
    assert (scorecard.opinion, scorecard.favourite, scorecard.comment) == ("favourable", True, "Une belle audition")
    assert [(score.score, score.comment) for score in scorecard.sorted_scores()] == [
        (3, "Très clair sur son parcours"),
        *[(3, "")] * 5,
    ]


def test_the_grid_shows_each_criterion_s_description_as_the_interview_guidance(client, audition):
    client.force_login(jurors_of(audition)[0])
    criteria = AuditionScorecard.grid_criteria(audition.cohort)

    page = audition_page(client, audition)

    assert len(criteria) == 6
    assert criteria[0].description == (
        "La personne reformule le problème avant d'y répondre. Question : « Par quoi commenceriez-vous les trois "
        "premières semaines ? »"
    )
    for criterion in criteria:
        assert criterion.description
        [legend] = page.find_all("legend", id=f"id_{ScorecardForm.criterion_field_name(criterion)}-legend")
        assert criterion.description in legend.text
        assert page.find_all("textarea", name=ScorecardForm.comment_field_name(criterion))


def test_the_others_scores_are_absent_before_submitting_and_present_after(client, audition):
    first, second, third = jurors_of(audition)
    client.force_login(first)

    before = client.get(reverse("auditions:audition", args=[audition.pk])).content.decode()

    assert 'id="jury-scores"' not in before
    assert second.get_full_name() not in before and third.get_full_name() not in before
    assert "Réservé sur la technique" not in before

    post_scorecard(client, audition, scores=4)
    after = audition_page(client, audition)

    [table] = after.find_all(id="scores-table")
    assert after.texts("th", scope="col", inside=table) == [
        "Critère",
        second.get_full_name(),
        third.get_full_name(),
        first.get_full_name(),
        "Moyenne",
    ]
    rows = after.find_all("tr", inside=table)
    assert [after.texts("td", inside=row) for row in rows[1:3]] == [["2", "5", "4", "3,67"], ["2", "5", "4", "3,67"]]
    assert after.texts("td", inside=rows[-3]) == ["2,00", "5,00", "4,00", "3,67"]
    assert after.texts("td", inside=rows[-2]) == ["Favorable", "Réservé", "Favorable", ""]
    assert after.texts("td", inside=rows[-1]) == ["Non", "Oui", "Non", ""]
    assert "Réservé sur la technique" in after.main.text


def test_the_others_scores_are_never_in_a_page_for_a_juror_who_has_not_scored(client, audition):
    client.force_login(jurors_of(audition)[0])

    page = audition_page(client, audition)

    assert page.find_all(id="jury-scores") == []
    assert "Les évaluations des autres juré·es s'affichent une fois la vôtre enregistrée." in page.main.text


def test_staff_see_every_score_without_scoring(client, audition):
    client.force_login(UserFactory(staff=True))

    page = audition_page(client, audition)

    assert page.find_all(id="scores-table")
    assert page.find_all("input", name="opinion") == []
    assert page.texts("h2", id="review-title") == ["Les évaluations"]
    assert len(page.find_all("li", inside=page.find_all(id="audition-declarations")[0])) == 3


def test_a_scorecard_can_be_changed_while_the_deliberation_is_open(client, audition):
    juror = jurors_of(audition)[0]
    client.force_login(juror)
    post_scorecard(client, audition, scores=1)
    Deliberation.objects.create(challenge=audition.challenge, profile=audition.application.profile)

    post_scorecard(client, audition, scores=5, opinion="unfavourable")

    scorecard = AuditionScorecard.objects.get(audition=audition, juror=juror)
    assert (scorecard.opinion, [score.score for score in scorecard.sorted_scores()]) == ("unfavourable", [5] * 6)


@pytest.mark.parametrize("status", [DeliberationStatus.CLOSED, DeliberationStatus.VALIDATED])
def test_a_change_is_refused_once_the_deliberation_is_closed(client, audition, status):
    juror = jurors_of(audition)[0]
    client.force_login(juror)
    client.post(reverse("auditions:score", args=[audition.pk]), scorecard_data(audition, scores=1), follow=True)
    Deliberation.objects.create(challenge=audition.challenge, profile=audition.application.profile, status=status)

    response = post_scorecard(client, audition, scores=5)

    refusal = "La délibération de ce défi pour ce profil est close : les évaluations ne sont plus modifiables."
    assert [str(message) for message in response.wsgi_request._messages] == [refusal]
    scorecard = AuditionScorecard.objects.get(audition=audition, juror=juror)
    assert [score.score for score in scorecard.sorted_scores()] == [1] * 6
    page = audition_page(client, audition)
    assert page.texts(id="scoring-refusal") == [refusal]
    assert page.find_all("input", name="opinion") == []


def test_another_profile_s_closed_deliberation_does_not_freeze_the_scorecard(client, audition):
    juror = jurors_of(audition)[0]
    client.force_login(juror)
    other = next(
        value
        for value, _label in Deliberation._meta.get_field("profile").choices
        if value != audition.application.profile
    )
    Deliberation.objects.create(challenge=audition.challenge, profile=other, status=DeliberationStatus.CLOSED)

    assert post_scorecard(client, audition, scores=2).status_code == 302
    assert AuditionScorecard.objects.filter(audition=audition, juror=juror).exists()


def test_an_incomplete_grid_is_refused_and_loses_nothing_typed(client, audition):
    client.force_login(jurors_of(audition)[0])
    criteria = AuditionScorecard.grid_criteria(audition.cohort)
    data = scorecard_data(audition, scores=4, comment_on_first="Mon commentaire", comment="Général")
    del data[ScorecardForm.criterion_field_name(criteria[-1])]

    response = client.post(reverse("auditions:score", args=[audition.pk]), data)

    assert response.status_code == 200
    page = Page(response.content.decode())
    [comment] = page.find_all("textarea", name=ScorecardForm.comment_field_name(criteria[0]))
    assert comment.text == "Mon commentaire"
    assert page.find_all("textarea", name="comment")[0].text == "Général"
    assert "Ce champ est obligatoire." in page.main.text
    assert not AuditionScorecard.objects.filter(audition=audition, juror=jurors_of(audition)[0]).exists()


def test_a_score_outside_the_scale_is_refused_in_french(client, audition):
    client.force_login(jurors_of(audition)[0])

    response = post_scorecard(client, audition, scores=9)

    assert response.status_code == 200
    assert "Sélectionnez un choix valide." in response.content.decode()
    assert not AuditionScorecard.objects.filter(audition=audition, juror=jurors_of(audition)[0]).exists()


def test_the_form_shows_the_juror_s_own_scorecard_for_revision(client, audition):
    juror = jurors_of(audition)[0]
    client.force_login(juror)
    post_scorecard(client, audition, scores=2, comment_on_first="À revoir")
    first = AuditionScorecard.grid_criteria(audition.cohort)[0]

    page = audition_page(client, audition)

    [comment] = page.find_all("textarea", name=ScorecardForm.comment_field_name(first))
    assert comment.text == "À revoir"
    checked = [
        e.attrs["value"]
        for e in page.find_all("input", name=ScorecardForm.criterion_field_name(first))
        if "checked" in e.attrs
    ]
    assert checked == ["2"]


@pytest.mark.parametrize("jurors", [1, 3])
def test_the_audition_page_makes_the_same_queries_for_1_and_3_scorecards(
    client, django_assert_num_queries, jurors, settings
):
    settings.STAFF_MFA_REQUIRED = True  # the second factor's query counts too
    audition = booked_audition(jurors=jurors)
    for juror in jurors_of(audition):
        audition_declare(audition=audition, juror=juror, link=Link.NONE)
        audition_scorecard(audition=audition, juror=juror, scores=3, comment="Bien")
    client.force_login(jurors_of(audition)[0])
    url = reverse("auditions:audition", args=[audition.pk])
    client.get(url)

    with django_assert_num_queries(QUERIES):
        assert len(Page(client.get(url).content.decode()).find_all("th", scope="col")) == jurors + 2


QUERIES = 18  # the header's « Mes auditions » entry included
