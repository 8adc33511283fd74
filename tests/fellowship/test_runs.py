"""The assignment runs' services: the model's inputs read from the database exactly, a run stored with its
placements, pins and forbids obeyed, the same inputs giving the same result, validation and replacement."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications.models import Wish
from challenges.models import Challenge as ChallengeModel
from challenges.models import DerogationStatus
from cohorts.profiles import Profile
from eig.lifecycle import TransitionNotAllowed, apply
from fellowship.assignment import Candidate, Challenge, Position, Problem, RankedList, Weights
from fellowship.models import (
    OFFER_LIFECYCLE,
    AssignmentChoice,
    AssignmentRun,
    AssignmentRunTransition,
    ChoiceKind,
    Offer,
    RunStatus,
)
from fellowship.offers import REPLACED_NOTE, offer_accept, offer_decline, offer_withdraw
from fellowship.runs import (
    choice_remove,
    choice_set,
    run_create,
    run_problem,
    run_result,
    run_validate,
    runs_compare,
)
from tests.cohorts.factories import cohort_move_to
from tests.eig.factories import UserFactory
from tests.fellowship.factories import laureates_world

pytestmark = pytest.mark.django_db

DEV, DATA = Profile.DEVELOPER, Profile.DATA_SCIENTIST


def grant_derogation(challenge, positions: int) -> None:
    ChallengeModel.objects.filter(pk=challenge.pk).update(
        derogation_positions=positions,
        derogation_reason="Une petite équipe suffit.",
        derogation_status=DerogationStatus.GRANTED,
        derogation_requested_at=timezone.now(),
        derogation_decided_at=timezone.now(),
    )


@pytest.fixture
def world():
    return laureates_world(challenges=2, main=1, waiting=1)


@pytest.fixture
def staff():
    return UserFactory(staff=True)


def test_run_problem_reads_the_challenges_lists_wishes_choices_and_weights(world, django_assert_num_queries):
    first, second = world.challenges
    grant_derogation(second, 1)
    dev_a, dev_b = world.lists[(first, DEV)]
    Wish.objects.create(application=dev_b, challenge=second, rank=2)
    AssignmentChoice.objects.create(
        cohort=world.cohort, application=dev_a, position=world.position(first), kind=ChoiceKind.PIN
    )
    AssignmentChoice.objects.create(
        cohort=world.cohort, application=dev_b, position=world.position(second, DATA), kind=ChoiceKind.FORBID
    )
    type(world.cohort).objects.filter(pk=world.cohort.pk).update(assignment_running_challenge_weight=7)
    world.cohort.refresh_from_db()
    people = {key: [a.pk for a in apps] for key, apps in world.lists.items()}
    positions = {(c, p): world.position(c, p).pk for c in (first, second) for p in (DEV, DATA)}

    with django_assert_num_queries(7):
        problem, labels = run_problem(world.cohort)

    assert problem == Problem(
        challenges=[Challenge(first.pk, 2, 3), Challenge(second.pk, 1, 3)],
        positions=[Position(positions[(c, p)], c.pk, p) for c in (first, second) for p in (DEV, DATA)],
        lists=sorted(
            (
                RankedList(c.pk, p, main=[people[(c, p)][0]], waiting=[people[(c, p)][1]])
                for c in (first, second)
                for p in (DEV, DATA)
            ),
            key=lambda ranked: (ranked.challenge_id, ranked.profile),
        ),
        candidates=sorted(
            (
                Candidate(pk, wishes=[c.pk, second.pk] if pk == dev_b.pk else [c.pk])
                for (c, _p), pks in people.items()
                for pk in pks
            ),
            key=lambda candidate: candidate.id,
        ),
        pins=[(dev_a.pk, positions[(first, DEV)])],
        forbids=[(dev_b.pk, positions[(second, DATA)])],
        weights=Weights(placement=1000, list_rank=10, wish_rank=10, jury_proposal=50, running_challenge=7),
    )
    assert labels.candidate(dev_a.pk) == dev_a.candidate.get_full_name()
    assert labels.challenge(first.pk) == first.name
    assert labels.position(positions[(first, DEV)]) == f"{first.name} — Développeur·se"


def test_run_create_stores_inputs_result_and_placements_equal_to_the_result(world, staff):
    run = run_create(cohort=world.cohort, by=staff)

    result = run_result(run)
    assert (run.number, run.status, run.solver_status, run.objective) == (1, "proposed", "optimal", 4000)
    assert sorted(run.placements.values_list("application_id", "position_id", "list_rank", "wish_rank", "pinned")) == (
        sorted((p.candidate_id, p.position_id, p.list_rank, p.wish_rank, p.pinned) for p in result.placements)
    )
    first, second = world.challenges
    assert result.assignment == {
        world.lists[(c, p)][0].pk: world.position(c, p).pk for c in (first, second) for p in (DEV, DATA)
    }
    assert run_create(cohort=world.cohort, by=staff).number == 2


def test_the_same_inputs_give_the_same_result(world, staff):
    one, two = run_create(cohort=world.cohort, by=staff), run_create(cohort=world.cohort, by=staff)

    assert run_result(one) == run_result(two)
    assert list(one.placements.values_list("application_id", "position_id")) == list(
        two.placements.values_list("application_id", "position_id")
    )
    assert one.inputs == two.inputs


def test_pins_and_forbids_are_obeyed_by_the_next_run(world, staff):
    first, _second = world.challenges
    main, waiting = world.lists[(first, DEV)]
    position = world.position(first)
    choice_set(cohort=world.cohort, application=waiting, position=position, kind=ChoiceKind.PIN, by=staff)
    choice_set(
        cohort=world.cohort,
        application=world.lists[(first, DATA)][0],
        position=world.position(first, DATA),
        kind=ChoiceKind.FORBID,
        by=staff,
        note="  Conflit d'intérêts  ",
    )

    result = run_result(run_create(cohort=world.cohort, by=staff))

    assert result.assignment[waiting.pk] == position.pk
    assert main.pk not in result.assignment
    assert result.assignment[world.lists[(first, DATA)][1].pk] == world.position(first, DATA).pk
    assert world.lists[(first, DATA)][0].pk not in result.assignment
    assert AssignmentChoice.objects.get(kind=ChoiceKind.FORBID).note == "Conflit d'intérêts"


def test_a_choice_replaces_the_other_kind_on_the_same_pair_and_is_removed(world, staff):
    application, position = world.lists[(world.challenges[0], DEV)][0], world.position(world.challenges[0])
    choice_set(cohort=world.cohort, application=application, position=position, kind=ChoiceKind.PIN, by=staff)

    choice = choice_set(
        cohort=world.cohort, application=application, position=position, kind=ChoiceKind.FORBID, by=staff
    )

    assert list(AssignmentChoice.objects.values_list("kind", flat=True)) == ["forbid"]
    choice_remove(choice=choice, by=staff)
    assert AssignmentChoice.objects.count() == 0


def test_a_choice_outside_the_cohort_is_refused(world, staff):
    other = laureates_world(challenges=1, main=1, waiting=0)
    application = other.lists[(other.challenges[0], DEV)][0]

    with pytest.raises(ValidationError) as refused:
        choice_set(
            cohort=world.cohort,
            application=application,
            position=world.position(world.challenges[0]),
            kind=ChoiceKind.PIN,
            by=staff,
        )

    assert refused.value.messages == ["Cette personne et ce poste doivent appartenir à la promotion."]


def test_a_run_is_refused_without_any_validated_list(staff):
    world = laureates_world(challenges=0)

    with pytest.raises(ValidationError) as refused:
        run_create(cohort=world.cohort, by=staff)

    assert refused.value.messages == [
        "Aucune liste validée pour cette promotion : le calcul attend la validation des listes des jurys."
    ]


def test_a_run_is_refused_once_the_programme_has_started(world, staff):
    cohort_move_to(world.cohort, phase="programme")

    with pytest.raises(ValidationError) as refused:
        run_create(cohort=world.cohort, by=staff)

    assert refused.value.messages == [
        "Le programme de cette promotion a commencé : l'affectation ne peut plus changer."
    ]
    assert AssignmentRun.objects.count() == 0


def test_validating_a_run_then_another_replaces_the_first_with_the_reason(world, staff):
    first, second = run_create(cohort=world.cohort, by=staff), run_create(cohort=world.cohort, by=staff)
    run_validate(run=first, by=staff)

    with pytest.raises(ValidationError) as refused:
        run_validate(run=second, by=staff, reason="  ")
    assert refused.value.messages == [
        "L'affectation n° 1 est déjà validée : indiquez le motif de son remplacement, il est conservé avec elle."
    ]

    run_validate(run=second, by=staff, reason="Une candidate s'est désistée")

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (RunStatus.REPLACED, RunStatus.VALIDATED)
    assert list(AssignmentRunTransition.objects.order_by("pk").values_list("run__number", "to_status", "note")) == [
        (1, "validated", ""),
        (1, "replaced", "Une candidate s'est désistée"),
        (2, "validated", "Une candidate s'est désistée"),
    ]


def test_a_validated_run_never_goes_back(world, staff):
    run = run_validate(run=run_create(cohort=world.cohort, by=staff), by=staff)

    with pytest.raises(TransitionNotAllowed):
        apply(run, "validate", by=staff)
    with pytest.raises(ValidationError) as refused:
        run_validate(run=run, by=staff, reason="Encore")
    assert refused.value.messages == ["Cette affectation est déjà validée ou remplacée : elle ne peut plus changer."]
    replaced = apply(run, "replace", by=staff)
    for name in ("validate", "replace"):
        with pytest.raises(TransitionNotAllowed):
            apply(replaced, name, by=staff)


def test_a_run_with_infeasible_pins_cannot_be_validated(world, staff):
    first, second = world.challenges
    application = world.lists[(first, DEV)][0]
    for challenge in (first, second):
        choice_set(
            cohort=world.cohort,
            application=application,
            position=world.position(challenge),
            kind=ChoiceKind.PIN,
            by=staff,
        )
    run = run_create(cohort=world.cohort, by=staff)

    with pytest.raises(ValidationError) as refused:
        run_validate(run=run, by=staff)

    assert run.solver_status == "infeasible_pins"
    assert refused.value.messages == [
        "Ce calcul n'a pas de résultat à valider (épinglages impossibles ou calcul interrompu) : "
        "corrigez les choix imposés, puis relancez le calcul."
    ]


def test_runs_compare_gives_each_candidate_in_both_runs_and_the_totals(world, staff):
    first, _second = world.challenges
    main, waiting = world.lists[(first, DEV)]
    before = run_create(cohort=world.cohort, by=staff)
    choice_set(cohort=world.cohort, application=waiting, position=world.position(first), kind="pin", by=staff)
    after = run_create(cohort=world.cohort, by=staff)

    comparison = runs_compare(before, after)

    moved = [(row.application_id, row.before, row.after) for row in comparison.rows if row.moved]
    assert moved == sorted([(main.pk, world.position(first).pk, None), (waiting.pk, None, world.position(first).pk)])
    assert comparison.moves == 2
    assert len(comparison.rows) == 8
    assert [(t.placed, t.running, t.challenges, t.objective) for t in comparison.totals] == [
        (4, 2, 2, 4000),
        (4, 2, 2, 3990),
    ]


def test_the_programme_start_also_stops_validation(world, staff):
    run = run_create(cohort=world.cohort, by=staff)
    cohort_move_to(world.cohort, phase="programme")

    with pytest.raises(ValidationError):
        run_validate(run=run, by=staff, now=timezone.now() + dt.timedelta(seconds=1))


def test_later_runs_keep_what_the_offers_answered(staff):
    """An accepted offer's pair is pinned (the fellow keeps their position); a declined, lapsed or staff
    withdrawn offer's pair is forbidden (never the same position twice); an offer withdrawn because a new
    run replaced it decides nothing."""
    world = laureates_world(challenges=2, main=1, waiting=2)
    first, second = world.challenges
    run = run_validate(run=run_create(cohort=world.cohort, by=staff), by=staff)
    offers = {offer.application_id: offer for offer in Offer.objects.filter(run=run)}
    dev_a, *_ = world.lists[(first, Profile.DEVELOPER)]
    data_a, *_ = world.lists[(first, Profile.DATA_SCIENTIST)]
    dev_b, *_ = world.lists[(second, Profile.DEVELOPER)]
    data_b, *_ = world.lists[(second, Profile.DATA_SCIENTIST)]
    offer_accept(offer=offers[dev_a.pk], by=dev_a.candidate)
    offer_decline(offer=offers[data_a.pk], by=data_a.candidate)
    offer_withdraw(offer=offers[dev_b.pk], by=staff, reason="Pièces manquantes")
    OFFER_LIFECYCLE.apply(offers[data_b.pk], "withdraw", by=staff, note=str(REPLACED_NOTE))

    problem, _labels = run_problem(world.cohort)

    assert problem.pins == ((dev_a.pk, world.position(first).pk),)
    assert set(problem.forbids) == {
        (data_a.pk, world.position(first, Profile.DATA_SCIENTIST).pk),
        (dev_b.pk, world.position(second).pk),
    }
    placed = {p.application_id: p.position_id for p in run_create(cohort=world.cohort, by=staff).placements.all()}
    assert placed[dev_a.pk] == world.position(first).pk
    assert data_a.pk not in placed and dev_b.pk not in placed
