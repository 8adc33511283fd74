"""Properties of the assignment model on hundreds of small random instances, checked against brute force."""

import dataclasses
import functools
import random
from collections import Counter

import pytest

from fellowship.assignment import Status, assign, blocking_pairs
from tests.fellowship.brute_force import Rules, random_problem, shuffled

SEEDS = range(400)


@functools.cache
def solved(seed: int):
    """A random problem and its result, solved once for the tests that read it."""
    problem = random_problem(seed)
    return problem, assign(problem)


@functools.cache
def solved_feasible(seed: int):
    """The same, without its pins when they cannot all hold (without pins, placing nobody is always feasible)."""
    problem, result = solved(seed)
    if result.status is Status.INFEASIBLE_PINS:
        problem = dataclasses.replace(problem, pins=())
        result = assign(problem)
    return problem, result


@pytest.mark.parametrize("seed", SEEDS)
def test_assign_random_instance_respects_every_rule(seed):
    problem, result = solved(seed)
    rules = Rules(problem)

    if result.status is Status.INFEASIBLE_PINS:
        assert result.pin_issues != ()
        assert result.placements == ()
        assert not any(rules.feasible(a) for a in rules.assignments())
        return
    assert result.status is Status.OPTIMAL
    assignment = result.assignment
    # Each person at most once, each position at most one person.
    assert len(assignment) == len(result.placements)
    assert len(set(assignment.values())) == len(assignment)
    # Only admissible pairs: on the list of the position's (challenge, profile), not forbidden.
    assert all(rules.admissible(person, position_id) for person, position_id in assignment.items())
    # Teams: 0 or between min and max, never below the minimum.
    sizes = Counter(rules.positions[position_id].challenge_id for position_id in assignment.values())
    for challenge in problem.challenges:
        assert sizes[challenge.id] == 0 or challenge.min_size <= sizes[challenge.id] <= challenge.max_size
    # Pins hold, forbids never.
    assert all(assignment.get(person) == position_id for person, position_id in problem.pins)
    assert not any(assignment.get(person) == position_id for person, position_id in problem.forbids)
    # The outcomes agree with the placements.
    teams = {outcome.challenge_id: outcome.team for outcome in result.challenges}
    for challenge in problem.challenges:
        expected = tuple(
            assignment_person
            for position_id in sorted(rules.positions)
            for assignment_person, held in assignment.items()
            if held == position_id and rules.positions[position_id].challenge_id == challenge.id
        )
        assert teams[challenge.id] == expected
    assert all((outcome.reason is None) == outcome.runs for outcome in result.challenges)
    placed = {outcome.candidate_id for outcome in result.candidates if outcome.placement is not None}
    assert placed == set(assignment)
    assert result.objective == rules.objective(assignment)


@pytest.mark.parametrize("seed", SEEDS)
def test_assign_blocking_pairs_are_exactly_those_of_the_result(seed):
    problem, result = solved_feasible(seed)
    assert result.status is Status.OPTIMAL
    rules = Rules(problem)

    expected = rules.blocking_pairs(result.assignment)

    assert {(pair.candidate_id, pair.challenge_id) for pair in result.blocking_pairs} == expected
    assert len(result.blocking_pairs) == len(expected)
    for pair in result.blocking_pairs:
        # Its witness position is one that makes the pair block.
        assert rules.positions[pair.position_id].challenge_id == pair.challenge_id
        assert rules.admissible(pair.candidate_id, pair.position_id)
        holder = {position_id: person for person, position_id in result.assignment.items()}.get(pair.position_id)
        assert holder == pair.displaced_id
        # An optimal result keeps a blocking pair only for a reason that holds.
        if pair.cause.code == "weights":
            assert pair.cause.data["points_got"] >= pair.cause.data["points_there"]
        elif pair.cause.code == "keeps_team_running":
            team = [p for p in result.placements if p.challenge_id == pair.cause.data["challenge_id"]]
            assert len(team) == pair.cause.data["min_size"]
            assert pair.candidate_id in {p.candidate_id for p in team}
    # Every "why not" that says "blocking" is one of them, and the other way round.
    said = {
        (outcome.candidate_id, why.challenge_id)
        for outcome in result.candidates
        for why in outcome.better
        if why.reason.code == "blocking"
    }
    assert said == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_blocking_pairs_of_any_assignment_match_brute_force(seed):
    """The definition holds for every assignment staff could look at, not only the optimal one."""
    problem, _ = solved_feasible(seed)
    rules = Rules(problem)
    assignment = random.Random(seed).choice([a for a in rules.assignments() if rules.feasible(a)])

    found = blocking_pairs(problem, assignment)

    assert {(pair.candidate_id, pair.challenge_id) for pair in found} == rules.blocking_pairs(assignment)


@pytest.mark.parametrize("seed", SEEDS)
def test_assign_is_optimal_against_brute_force(seed):
    problem, result = solved(seed)
    rules = Rules(problem)

    best = rules.best_objective()
    if best is None:
        assert result.status is Status.INFEASIBLE_PINS
    else:
        assert result.status is Status.OPTIMAL
        assert result.objective == best


@pytest.mark.parametrize("seed", range(150))
def test_assign_same_inputs_give_the_same_result_in_any_order(seed):
    problem = random_problem(seed, candidates=8, challenges=4)

    first = assign(problem)

    assert assign(problem) == first
    assert assign(shuffled(problem, seed)) == first
    assert assign(shuffled(problem, seed + 1)) == first
