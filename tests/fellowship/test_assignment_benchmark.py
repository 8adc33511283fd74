"""The assignment benchmark's instances and its section of docs/benchmarks.md (its timings are not asserted)."""

import argparse
import importlib.util
from collections import Counter
from pathlib import Path

from fellowship.assignment import Status, assign
from tests.fellowship.brute_force import shuffled

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("benchmark_assignment", ROOT / "benchmarks" / "assignment.py")
benchmark = importlib.util.module_from_spec(spec)
spec.loader.exec_module(benchmark)


def test_benchmark_instance_follows_the_programme_process():
    problem = benchmark.instance(100, 15, seed=12)

    listed = Counter(candidate_id for ranked in problem.lists for candidate_id in ranked.ranked)
    lists_per_candidate = Counter()
    for ranked in problem.lists:
        for candidate_id in ranked.ranked:
            lists_per_candidate[(candidate_id, ranked.challenge_id)] += 1
    challenges_per_candidate = Counter(candidate_id for candidate_id, _ in lists_per_candidate)
    assert (len(problem.candidates), len(problem.challenges), len(problem.positions)) == (100, 15, 40)
    assert set(listed) == {candidate.id for candidate in problem.candidates}
    assert set(challenges_per_candidate.values()) == {1, 2, 3}
    assert {len(candidate.wishes) for candidate in problem.candidates} == {3, 4, 5}
    assert {challenge.max_size for challenge in problem.challenges} == {2, 3}
    seats = Counter((position.challenge_id, position.profile) for position in problem.positions)
    assert all(
        len(ranked.main) == min(seats[(ranked.challenge_id, ranked.profile)], len(ranked.ranked))
        for ranked in problem.lists
    )
    assert benchmark.instance(100, 15, seed=12) == problem
    assert assign(problem).status is Status.OPTIMAL


def test_benchmark_real_size_instance_gives_the_same_result_in_any_order():
    problem = benchmark.instance(100, 15, seed=5)

    first = assign(problem)

    assert first.status is Status.OPTIMAL
    assert assign(shuffled(problem, 1)) == first
    assert assign(shuffled(problem, 2)) == first


def test_benchmark_textbook_model_reaches_the_same_optimum():
    problem = benchmark.instance(60, 10, seed=3)

    assert benchmark.textbook(problem, runs=1)["objective"] == assign(problem).objective


def test_benchmark_adds_its_section_then_replaces_it_and_keeps_the_others(tmp_path):
    path = tmp_path / "benchmarks.md"
    path.write_text("# Benchmarks\n\n## Reminder sweep\n\nkept\n")
    args = argparse.Namespace(runs=3, seed=12)

    benchmark.write("| first |", args, 0.5, path)
    added = path.read_text()
    path.write_text(added + "\n## Later section\n\nalso kept\n")
    benchmark.write("| second |", args, 0.7, path)

    assert added == "# Benchmarks\n\n## Reminder sweep\n\nkept\n\n" + benchmark.section("| first |", args, 0.5)
    assert path.read_text() == (
        "# Benchmarks\n\n## Reminder sweep\n\nkept\n\n"
        + benchmark.section("| second |", args, 0.7)
        + "\n## Later section\n\nalso kept\n"
    )


def test_benchmark_says_whether_each_goal_is_met():
    assert benchmark.goals_sentence({"real size": (0.02, 0.01), "large": (2.5, 0.4)}) == (
        "Goals — real size: met (goal under 0.1 s); large: missed on the wall clock, met in CPU time (goal under "
        "2 s; the machine was busy)."
    )
    assert benchmark.goals_sentence({"real size": (0.2, 0.15), "large": (1.0, 0.9)}) == (
        "Goals — real size: missed (goal under 0.1 s); large: met (goal under 2 s)."
    )
