"""The deliberation: the list and the page of each (challenge, profile), the statistics of the
scorecards, the scores normalised per juror, the jury's decisions (ranks unique per list), the window,
and « Clore la délibération »."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from auditions.deliberation import (
    Decision,
    deliberation_close,
    deliberation_decide,
    deliberation_refusal,
    deliberations_open,
)
from auditions.models import Deliberation, DeliberationEntry, DeliberationStatus, Link, ListKind, Opinion
from auditions.selectors_deliberation import deliberation_table
from cohorts.profiles import Profile
from cohorts.scoring import score_rounded
from tests.applications.factories import ApplicationFactory
from tests.auditions.factories import (
    AuditionFactory,
    DeclarationFactory,
    JuryFactory,
    JuryMemberFactory,
    audition_scorecard,
    deliberation_decided,
    deliberation_world,
)
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

MAIN, WAITING, NOT_RETAINED = ListKind.MAIN, ListKind.WAITING, ListKind.NOT_RETAINED


@pytest.fixture
def staff():
    return UserFactory(staff=True, second_factor=True)


def refused(function, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as error:
        function(**kwargs)
    return error.value.messages


# --- Statistics and normalisation --------------------------------------------------------------------


def test_the_table_gives_mean_median_deviation_spread_opinions_and_coups_de_coeur_exactly():
    world = deliberation_world(candidates=1)
    (audition,) = world.auditions
    first, second, third = world.jurors
    audition_scorecard(audition=audition, juror=first, scores=2, opinion=Opinion.UNFAVOURABLE)
    audition_scorecard(audition=audition, juror=second, scores=3, opinion=Opinion.RESERVED)
    audition_scorecard(audition=audition, juror=third, scores=5, opinion=Opinion.FAVOURABLE, favourite=True)

    (row,) = deliberation_table(world.deliberation)

    stats = row.audition
    assert [score_rounded(value) for value in (stats.mean_score, stats.median, stats.stddev, stats.spread)] == [
        score_rounded(10 / 3),
        score_rounded(3),
        score_rounded(1.2472),
        score_rounded(3),
    ]
    assert (
        stats.scorecard_count,
        stats.favourable_count,
        stats.reserved_count,
        stats.unfavourable_count,
        stats.favourite_count,
    ) == (3, 1, 1, 1, 1)


def test_each_jurors_scores_are_normalised_over_every_audition_they_scored_in_the_cohort():
    world = deliberation_world(candidates=2)
    first_audition, second_audition = world.auditions
    lenient, single, constant = world.jurors
    # An audition of another challenge of the cohort counts in the juror's own average.
    other = AuditionFactory(jury=JuryFactory(cohort=world.cohort))
    JuryMemberFactory(jury=other.jury, user=lenient)
    audition_scorecard(audition=first_audition, juror=lenient, scores=1)
    audition_scorecard(audition=second_audition, juror=lenient, scores=3)
    audition_scorecard(audition=other, juror=lenient, scores=5)
    audition_scorecard(audition=first_audition, juror=single, scores=4)
    audition_scorecard(audition=first_audition, juror=constant, scores=2)
    audition_scorecard(audition=second_audition, juror=constant, scores=2)

    rows = {row.audition.pk: row for row in deliberation_table(world.deliberation)}

    def normalised(audition):
        return {
            score.juror: (score_rounded(score.mean), score.normalised and round(score.normalised, 4))
            for score in rows[audition.pk].juror_scores
        }

    # The lenient juror's means are 1, 3 and 5: average 3, standard deviation √(8/3).
    assert normalised(first_audition) == {
        lenient: (score_rounded(1), -1.2247),
        single: (score_rounded(4), None),
        constant: (score_rounded(2), None),
    }
    assert normalised(second_audition) == {lenient: (score_rounded(3), 0.0), constant: (score_rounded(2), None)}
    displays = [score.normalised_display for score in rows[first_audition.pk].juror_scores]
    assert sorted(displays) == sorted(["−1,22", "non normalisable", "non normalisable"])


def test_the_normalised_scores_are_never_what_the_table_is_ordered_by():
    world = deliberation_world(candidates=3)
    best, worst, unscored = world.auditions
    first, second, _third = world.jurors
    audition_scorecard(audition=best, juror=first, scores=5)
    audition_scorecard(audition=worst, juror=first, scores=4)
    audition_scorecard(audition=worst, juror=second, scores=1)

    # The second juror's only mean cannot be normalised, the first's are +1 and −1: the plain mean decides,
    # and a candidate nobody scored comes last.
    assert [row.audition.pk for row in deliberation_table(world.deliberation)] == [best.pk, worst.pk, unscored.pk]


# --- Decisions ---------------------------------------------------------------------------------------


def test_the_jury_records_a_main_list_a_waiting_list_and_those_not_retained():
    world = deliberation_world(candidates=3)

    deliberation_decided(world, (MAIN, 1), (WAITING, 1), (NOT_RETAINED, None))

    assert sorted(
        DeliberationEntry.objects.filter(deliberation=world.deliberation).values_list("application", "kind", "rank")
    ) == sorted(
        [
            (world.applications[0].pk, MAIN, 1),
            (world.applications[1].pk, WAITING, 1),
            (world.applications[2].pk, NOT_RETAINED, None),
        ]
    )


def test_two_candidates_at_the_same_rank_of_a_list_are_refused_in_french_and_nothing_changes():
    world = deliberation_world(candidates=2)
    deliberation_decided(world, (MAIN, 1), (MAIN, 2))

    messages = refused(
        deliberation_decide,
        deliberation=world.deliberation,
        decisions=[Decision(world.applications[0].pk, MAIN, 1), Decision(world.applications[1].pk, MAIN, 1)],
        by=world.jurors[0],
    )

    assert messages == ["Deux personnes ne peuvent pas avoir le même rang sur une liste."]
    assert sorted(DeliberationEntry.objects.values_list("rank", flat=True)) == [1, 2]


def test_the_same_rank_on_two_different_lists_is_fine():
    world = deliberation_world(candidates=2)

    deliberation_decided(world, (MAIN, 1), (WAITING, 1))

    assert DeliberationEntry.objects.count() == 2


def test_a_candidate_not_auditioned_for_this_challenge_and_profile_is_refused():
    world = deliberation_world(candidates=1)
    designer = AuditionFactory(
        jury=world.jury,
        application=ApplicationFactory(preselected=True, cohort=world.cohort, profile=Profile.DESIGNER),
    )

    assert refused(
        deliberation_decide,
        deliberation=world.deliberation,
        decisions=[Decision(designer.application.pk, MAIN, 1)],
        by=world.jurors[0],
    ) == ["Cette personne n'a pas été auditionnée pour ce défi et ce profil."]


def test_decisions_are_refused_to_jurors_during_the_auditions_and_allowed_to_staff(staff):
    world = deliberation_world(phase="auditions", candidates=1)

    (message,) = refused(
        deliberation_decide,
        deliberation=world.deliberation,
        decisions=[Decision(world.applications[0].pk, MAIN, 1)],
        by=world.jurors[0],
    )
    deliberation_decided(world, (MAIN, 1), by=staff)

    assert message.startswith("La délibération ouvre à la fin des auditions, le ")
    assert DeliberationEntry.objects.get().kind == MAIN


def test_decisions_are_refused_to_everyone_once_the_results_are_out(staff):
    world = deliberation_world(phase="acceptance", candidates=1)

    for user in (world.jurors[0], staff):
        (message,) = refused(
            deliberation_decide,
            deliberation=world.deliberation,
            decisions=[Decision(world.applications[0].pk, MAIN, 1)],
            by=user,
        )
        assert message.startswith("La délibération est close : les résultats ont été publiés le ")


# --- Closing -------------------------------------------------------------------------------------------


def test_closing_is_refused_while_a_candidate_has_no_decision():
    world = deliberation_world(candidates=3)
    deliberation_decide(
        deliberation=world.deliberation, decisions=[Decision(world.applications[0].pk, MAIN, 1)], by=world.jurors[0]
    )

    assert refused(deliberation_close, deliberation=world.deliberation, by=world.jurors[0]) == [
        "2 personnes auditionnées n'ont pas encore de décision : la délibération ne peut pas être close."
    ]
    world.deliberation.refresh_from_db()
    assert world.deliberation.status == DeliberationStatus.OPEN


def test_closing_with_every_decision_moves_to_closed_and_logs_who():
    world = deliberation_world(candidates=2)
    deliberation_decided(world, (MAIN, 1), (NOT_RETAINED, None))

    deliberation_close(deliberation=world.deliberation, by=world.jurors[1])

    world.deliberation.refresh_from_db()
    assert world.deliberation.status == DeliberationStatus.CLOSED
    assert world.deliberation.closed_at is not None
    assert list(world.deliberation.transitions.values_list("from_status", "to_status", "by")) == [
        ("open", "closed", world.jurors[1].pk)
    ]


def test_a_closed_deliberation_refuses_new_decisions():
    world = deliberation_world(candidates=1)
    deliberation_decided(world, (MAIN, 1))
    deliberation_close(deliberation=world.deliberation, by=world.jurors[0])

    assert refused(
        deliberation_decide,
        deliberation=world.deliberation,
        decisions=[Decision(world.applications[0].pk, WAITING, 1)],
        by=world.jurors[0],
    ) == ["Cette délibération est close : elle doit être rouverte pour changer une décision."]
    world.deliberation.refresh_from_db()
    assert deliberation_refusal(world.deliberation, world.jurors[0]) != ""


# --- Creation on demand and the list ---------------------------------------------------------------------


def test_deliberations_are_created_for_each_challenge_and_profile_with_an_active_audition():
    world = deliberation_world(candidates=1)
    Deliberation.objects.all().delete()
    AuditionFactory(
        jury=world.jury,
        application=ApplicationFactory(preselected=True, cohort=world.cohort, profile=Profile.DESIGNER),
    )
    cancelled = AuditionFactory(jury=JuryFactory(cohort=world.cohort), status="cancelled")

    deliberations_open(cohort=world.cohort)
    deliberations_open(cohort=world.cohort)

    challenge = world.deliberation.challenge
    assert sorted(Deliberation.objects.values_list("challenge", "profile")) == sorted(
        [(challenge.pk, Profile.DEVELOPER), (challenge.pk, Profile.DESIGNER)]
    )
    assert not Deliberation.objects.filter(challenge=cancelled.challenge).exists()


def test_the_list_shows_a_juror_their_juries_deliberations_and_staff_every_one(client, staff):
    world = deliberation_world(candidates=1)
    other = AuditionFactory(jury=JuryFactory(cohort=world.cohort))

    client.force_login(world.jurors[0])
    juror_page = client.get(reverse("auditions:deliberations"))
    client.force_login(staff)
    staff_page = client.get(reverse("auditions:deliberations"))

    assert [item.challenge for item in juror_page.context["deliberations"]] == [world.deliberation.challenge]
    assert {item.challenge for item in staff_page.context["deliberations"]} == {
        world.deliberation.challenge,
        other.challenge,
    }


# --- The page ------------------------------------------------------------------------------------------


def post_decisions(client, world, *kinds_and_ranks, note=""):
    """A juror posts the deliberation page's form: (kind, rank) per candidate, the same note for all."""
    data = {}
    for application, (kind, rank) in zip(world.applications, kinds_and_ranks, strict=True):
        prefix = f"c{application.pk}"
        data.update({f"{prefix}-kind": kind, f"{prefix}-rank": rank or "", f"{prefix}-note": note})
    client.force_login(world.jurors[0])
    return client.post(reverse("auditions:deliberation", args=[world.deliberation.pk]), data)


def test_the_page_saves_the_jurys_decisions(client):
    world = deliberation_world(candidates=2)

    response = post_decisions(client, world, (MAIN, 1), (WAITING, 1), note="Très convaincant·e")

    assert response.status_code == 302
    assert sorted(DeliberationEntry.objects.values_list("kind", "rank", "note")) == [
        (MAIN, 1, "Très convaincant·e"),
        (WAITING, 1, "Très convaincant·e"),
    ]


def test_the_page_shows_a_duplicated_rank_in_french_and_keeps_what_was_typed(client):
    world = deliberation_world(candidates=2)

    response = post_decisions(client, world, (MAIN, 1), (MAIN, 1), note="Note gardée")

    assert response.status_code == 200
    assert response.context["errors"] == ["Deux personnes ne peuvent pas avoir le même rang sur une liste."]
    assert [row.form["note"].value() for row in response.context["rows"]] == ["Note gardée", "Note gardée"]
    assert DeliberationEntry.objects.count() == 0


def test_the_page_asks_for_a_rank_on_a_list(client):
    world = deliberation_world(candidates=1)

    response = post_decisions(client, world, (WAITING, None))

    (row,) = response.context["rows"]
    assert row.form.errors == {"rank": ["Donnez le rang de cette personne sur la liste choisie."]}
    assert DeliberationEntry.objects.count() == 0


def test_garbage_input_gives_french_errors_not_a_server_error(client):
    world = deliberation_world(candidates=1)
    client.force_login(world.jurors[0])
    (application,) = world.applications

    response = client.post(
        reverse("auditions:deliberation", args=[world.deliberation.pk]),
        {f"c{application.pk}-kind": "podium", f"c{application.pk}-rank": "premier"},
    )

    (row,) = response.context["rows"]
    assert sorted(row.form.errors) == ["kind", "rank"]


def test_the_close_button_refuses_with_the_missing_decisions_and_closes_when_complete(client):
    world = deliberation_world(candidates=1)
    client.force_login(world.jurors[0])
    close_url = reverse("auditions:deliberation_close", args=[world.deliberation.pk])

    refused_response = client.post(close_url, follow=True)
    deliberation_decided(world, (MAIN, 1))
    client.post(close_url)

    assert [str(message) for message in refused_response.context["messages"]] == [
        "Une personne auditionnée n'a pas encore de décision : la délibération ne peut pas être close."
    ]
    world.deliberation.refresh_from_db()
    assert world.deliberation.status == DeliberationStatus.CLOSED


def test_a_juror_of_another_challenges_jury_cannot_open_the_page(client):
    world = deliberation_world(candidates=1)
    stranger = JuryMemberFactory(jury=JuryFactory(cohort=world.cohort)).user
    client.force_login(stranger)

    assert client.get(reverse("auditions:deliberation", args=[world.deliberation.pk])).status_code == 403


@pytest.mark.parametrize("candidates", [1, 3])
def test_the_page_query_count_does_not_grow_with_candidates(client, settings, django_assert_num_queries, candidates):
    settings.STAFF_MFA_REQUIRED = True  # the gate asks for the second factor (one query), as in production
    world = deliberation_world(candidates=candidates)
    for audition in world.auditions:
        for juror in world.jurors:
            audition_scorecard(audition=audition, juror=juror, scores=3)
    deliberation_decided(world, *[(MAIN, rank) for rank in range(1, candidates + 1)])
    client.force_login(world.jurors[0])
    url = reverse("auditions:deliberation", args=[world.deliberation.pk])
    client.get(url)

    # 13: with the header's « Mes auditions » entry and the audition the juror has not scored yet.
    with django_assert_num_queries(13):
        response = client.get(url)

    assert response.status_code == 200


# --- Independence --------------------------------------------------------------------------------------


def test_a_juror_sees_the_jurys_scores_of_a_candidate_only_once_they_scored_that_audition(client, staff):
    world = deliberation_world(candidates=2)
    scored, unscored = world.auditions
    audition_scorecard(audition=scored, juror=world.jurors[0], scores=2)
    for audition in world.auditions:
        audition_scorecard(audition=audition, juror=world.jurors[1], scores=5)
    url = reverse("auditions:deliberation", args=[world.deliberation.pk])
    client.force_login(world.jurors[0])

    page = client.get(url)

    rows = {row.application: row for row in page.context["rows"]}
    assert (rows[scored.application].scores_hidden, rows[unscored.application].scores_hidden) == (False, True)
    content = page.content.decode()
    assert content.count("Les notes du jury s'affichent une fois votre propre évaluation") == 1
    assert reverse("auditions:audition", args=[unscored.pk]) in content
    # the only juror's line shown is on the audition they scored: theirs and the other juror's
    assert content.count(f"{world.jurors[1].get_full_name()} : 5,00") == 1

    audition_scorecard(audition=unscored, juror=world.jurors[0], scores=3)
    again = client.get(url).content.decode()
    assert "Les notes du jury s'affichent une fois votre propre évaluation" not in again
    assert again.count(f"{world.jurors[1].get_full_name()} : 5,00") == 2

    client.force_login(staff)
    assert not any(row.scores_hidden for row in client.get(url).context["rows"])


# --- Recusals ------------------------------------------------------------------------------------------


def test_a_juror_who_recused_does_not_decide_on_that_candidate():
    world = deliberation_world(candidates=2)
    recused_audition = world.auditions[0]
    DeclarationFactory(audition=recused_audition, juror=world.jurors[0], link=Link.WORKED_TOGETHER, note="Collègue")

    assert refused(
        deliberation_decide,
        deliberation=world.deliberation,
        decisions=[Decision(recused_audition.application_id, MAIN, 1)],
        by=world.jurors[0],
    ) == ["Vous vous êtes déporté·e pour une de ces personnes : vous ne délibérez pas sur son dossier."]


def test_the_page_hides_a_recused_candidate_from_that_juror_and_keeps_the_jurys_decision(client):
    world = deliberation_world(candidates=2)
    recused, other = world.applications
    DeclarationFactory(audition=world.auditions[0], juror=world.jurors[0], link=Link.PERSONAL, note="Famille")
    audition_scorecard(audition=world.auditions[0], juror=world.jurors[1], scores=4)
    deliberation_decided(world, (MAIN, 1), (WAITING, 1), by=world.jurors[1])
    client.force_login(world.jurors[0])
    url = reverse("auditions:deliberation", args=[world.deliberation.pk])

    page = client.get(url)
    client.post(url, {f"c{other.pk}-kind": NOT_RETAINED, f"c{other.pk}-rank": "", f"c{other.pk}-note": ""})

    rows = {row.application: row for row in page.context["rows"]}
    assert (rows[recused].recused, rows[recused].form) == (True, None)
    assert rows[other].form is not None
    assert "Vous vous êtes déporté·e pour cette personne" in page.content.decode()
    assert sorted(DeliberationEntry.objects.values_list("application", "kind", "rank")) == sorted(
        [(recused.pk, MAIN, 1), (other.pk, NOT_RETAINED, None)]
    )


def test_during_the_auditions_the_page_refuses_a_jurors_decisions_on_the_server(client):
    world = deliberation_world(phase="auditions", candidates=1)
    (application,) = world.applications
    client.force_login(world.jurors[0])
    url = reverse("auditions:deliberation", args=[world.deliberation.pk])

    page = client.get(url)
    response = client.post(url, {f"c{application.pk}-kind": MAIN, f"c{application.pk}-rank": "1"}, follow=True)

    assert page.context["refusal"].startswith("La délibération ouvre à la fin des auditions, le ")
    assert page.context["can_close"] is False
    assert [str(message) for message in response.context["messages"]] == [page.context["refusal"]]
    assert DeliberationEntry.objects.count() == 0
