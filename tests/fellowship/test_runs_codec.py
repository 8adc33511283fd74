"""The runs' JSON codec (fellowship.run_codec): inputs and results round-trip exactly, through PostgreSQL's
jsonb too, on hand-made and random instances that reach every reason and pin issue."""

import json

import pytest

from fellowship.assignment import assign
from fellowship.models import AssignmentRun
from fellowship.run_codec import problem_from_json, problem_to_json, result_from_json, result_to_json
from tests.cohorts.factories import CohortFactory
from tests.fellowship.brute_force import random_problem


def round_trip(data: dict) -> dict:
    return json.loads(json.dumps(data))


@pytest.mark.parametrize("seed", range(80))
def test_problems_and_results_round_trip_exactly(seed):
    problem = random_problem(seed)
    result = assign(problem)

    assert problem_from_json(round_trip(problem_to_json(problem))) == problem
    decoded = result_from_json(round_trip(result_to_json(result)))
    assert decoded == result
    assert (decoded.build_seconds, decoded.solve_seconds) == (result.build_seconds, result.solve_seconds)


def test_the_random_instances_reach_reasons_with_nested_data_and_pin_issues():
    results = [assign(random_problem(seed)) for seed in range(80)]

    codes = {o.reason.code for r in results for o in r.challenges if o.reason}
    assert "taken_elsewhere" in codes
    assert any(r.pin_issues for r in results)
    assert any(why.reason.code == "outranked" for r in results for o in r.candidates for why in o.better)


@pytest.mark.django_db
def test_a_result_round_trips_through_the_database():
    problem = random_problem(3)
    result = assign(problem)
    run = AssignmentRun.objects.create(
        cohort=CohortFactory(),
        number=1,
        inputs=problem_to_json(problem),
        result=result_to_json(result),
        solver_status=result.status.value,
    )

    run.refresh_from_db()
    assert (problem_from_json(run.inputs), result_from_json(run.result)) == (problem, result)
