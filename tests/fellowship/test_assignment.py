"""The assignment model's rules on hand-made instances with exact expected placements."""

import numpy as np
import pytest

from fellowship.assignment import (
    Candidate,
    Challenge,
    InvalidProblem,
    Move,
    PinIssue,
    Placement,
    Position,
    Problem,
    RankedList,
    Reason,
    Result,
    Status,
    Weights,
    _Model,
    assign,
    compare,
)
from fellowship.assignment_data import Index
from tests.fellowship.instances import make, two_teams


def test_assign_places_by_list_rank_and_wish():
    problem = make(
        {"A": (2, 3), "B": (2, 3)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("B", "dev"), 4: ("B", "design")},
        {("A", "dev"): ["x", "y"], ("A", "data"): ["z"], ("B", "dev"): (["y"], ["x"]), ("B", "design"): ["w"]},
        {"x": ["A", "B"], "y": ["A", "B"], "z": ["A"], "w": ["B"]},
    )

    result = assign(problem)

    assert result.status is Status.OPTIMAL
    assert result.assignment == {"x": 1, "z": 2, "y": 3, "w": 4}
    # 4 placements of 1,000 points; y is on their second wish (-10).
    assert result.objective == 3_990
    assert result.placements[0] == Placement(
        candidate_id="x",
        position_id=1,
        challenge_id="A",
        profile="dev",
        list_rank=1,
        on_waiting_list=False,
        wish_rank=1,
        pinned=False,
    )
    assert [outcome.team for outcome in result.challenges] == [("x", "z"), ("y", "w")]
    assert result.unplaced == ()
    assert result.blocking_pairs == ()


def test_assign_never_runs_a_challenge_with_one_person_where_two_is_the_minimum():
    # A plain stable matching would put x alone on A, their first wish.
    problem = make(
        {"A": (2, 2), "B": (2, 2)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("B", "dev"), 4: ("B", "data")},
        {("A", "dev"): ["x"], ("B", "dev"): ["x"], ("B", "data"): ["v"]},
        {"x": ["A", "B"], "v": ["B"]},
    )

    result = assign(problem)

    assert result.assignment == {"x": 3, "v": 4}
    assert [(outcome.challenge_id, outcome.team) for outcome in result.challenges] == [("A", ()), ("B", ("x", "v"))]
    assert result.challenges[0].reason == Reason("too_few_listed", {"possible": 1, "min_size": 2})


def test_assign_runs_a_challenge_of_one_by_derogation():
    problem = make({"A": (1, 1)}, {1: ("A", "dev")}, {("A", "dev"): ["x"]}, {"x": ["A"]})

    result = assign(problem)

    assert result.assignment == {"x": 1}
    assert result.challenges[0].team == ("x",)


def test_assign_keeps_a_team_within_its_maximum():
    # Four positions but a team of three at most: the one on their second wish is left out.
    problem = make(
        {"A": (2, 3), "B": (2, 3)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("A", "design"), 4: ("A", "law")},
        {("A", "dev"): ["a"], ("A", "data"): ["b"], ("A", "design"): ["c"], ("A", "law"): ["d"]},
        {"a": ["A"], "b": ["A"], "c": ["A"], "d": ["B", "A"]},
    )

    result = assign(problem)

    assert result.assignment == {"a": 1, "b": 2, "c": 3}
    assert [outcome.candidate_id for outcome in result.unplaced] == ["d"]


def test_assign_places_each_person_at_most_once():
    problem = make(
        {"A": (1, 1), "B": (1, 1)},
        {1: ("A", "dev"), 2: ("B", "dev")},
        {("A", "dev"): ["x"], ("B", "dev"): ["x"]},
        {"x": ["B", "A"]},
    )

    result = assign(problem)

    assert result.assignment == {"x": 2}
    assert result.challenges[0].reason == Reason(
        "taken_elsewhere",
        {
            "possible": 0,
            "min_size": 1,
            "elsewhere": (
                {
                    "candidate_id": "x",
                    "challenge_id": "B",
                    "wish_rank_there": 1,
                    "list_rank_there": 1,
                    "wish_rank_here": 2,
                    "list_rank_here": 1,
                    "pinned": False,
                },
            ),
        },
    )


def test_assign_gives_a_position_to_the_best_ranked_on_the_list():
    problem = make({"A": (1, 1)}, {1: ("A", "dev")}, {("A", "dev"): ["a", "b"]}, {"a": ["A"], "b": ["A"]})

    result = assign(problem)

    assert result.assignment == {"a": 1}


def test_assign_gives_the_first_wish_when_both_lists_rank_the_candidate_first():
    problem = make(
        {"A": (1, 1), "B": (1, 1)},
        {1: ("A", "dev"), 2: ("B", "dev")},
        {("A", "dev"): ["x"], ("B", "dev"): ["x"]},
        {"x": ["A", "B"]},
    )

    assert assign(problem).assignment == {"x": 1}


def test_assign_prefers_any_wish_to_a_jury_proposal_and_a_proposal_to_nothing():
    problem = make(
        {"A": (1, 1), "B": (1, 1), "C": (1, 1)},
        {1: ("A", "dev"), 2: ("B", "dev"), 3: ("C", "dev")},
        {("A", "dev"): ["x"], ("B", "dev"): ["x", "y"]},
        {"x": ["C", "A"], "y": []},
    )

    result = assign(problem)

    # x: A (wish 2) rather than B (a proposal); y: B (a proposal) rather than nothing.
    assert result.assignment == {"x": 1, "y": 2}
    assert [p.wish_rank for p in result.placements] == [2, None]


def test_assign_uses_the_waiting_list_when_the_main_list_is_placed_elsewhere():
    problem = make(
        {"A": (1, 1), "B": (1, 1)},
        {1: ("A", "dev"), 2: ("B", "dev")},
        {("A", "dev"): (["x"], ["w"]), ("B", "dev"): ["x"]},
        {"x": ["B", "A"], "w": ["A"]},
    )

    result = assign(problem)

    assert result.assignment == {"x": 2, "w": 1}
    assert [(p.candidate_id, p.list_rank, p.on_waiting_list) for p in result.placements] == [
        ("w", 2, True),
        ("x", 1, False),
    ]


def test_assign_seats_people_of_one_profile_on_its_positions_by_rank_then_position_id():
    problem = make(
        {"A": (2, 3)},
        {5: ("A", "dev"), 2: ("A", "dev"), 9: ("A", "data")},
        {("A", "dev"): ["b", "a"], ("A", "data"): ["c"]},
        {"a": ["A"], "b": ["A"], "c": ["A"]},
    )

    assert assign(problem).assignment == {"b": 2, "a": 5, "c": 9}


def test_assign_respects_a_forbid_on_one_of_two_positions_of_a_profile():
    problem = make(
        {"A": (2, 3)},
        {5: ("A", "dev"), 2: ("A", "dev"), 9: ("A", "data")},
        {("A", "dev"): ["b", "a"], ("A", "data"): ["c"]},
        {"a": ["A"], "b": ["A"], "c": ["A"]},
        forbids=[("b", 2)],
    )

    assert assign(problem).assignment == {"b": 5, "a": 2, "c": 9}


def test_assign_respects_a_forbid_by_placing_the_next_on_the_list():
    problem = make(
        {"A": (1, 1)}, {1: ("A", "dev")}, {("A", "dev"): ["a", "b"]}, {"a": ["A"], "b": ["A"]}, forbids=[("a", 1)]
    )

    result = assign(problem)

    assert result.assignment == {"b": 1}
    assert result.candidates[0].reason == Reason("all_forbidden")


def test_assign_respects_a_pin_against_the_list_order():
    problem = make(
        {"A": (1, 1)}, {1: ("A", "dev")}, {("A", "dev"): ["a", "b"]}, {"a": ["A"], "b": ["A"]}, pins=[("b", 1)]
    )

    result = assign(problem)

    assert result.assignment == {"b": 1}
    assert result.placements[0].pinned is True
    assert [(pair.candidate_id, pair.displaced_id, pair.cause.code) for pair in result.blocking_pairs] == [
        ("a", "b", "holder_pinned")
    ]


def test_assign_respects_a_pin_that_lowers_the_objective():
    # Without the pin: h on A and x on B (5 placed). Pinned on A, x leaves h without a position.
    result = assign(two_teams(pins=[("x", 1)]))

    assert result.status is Status.OPTIMAL
    assert result.assignment == {"x": 1, "d": 2, "e": 4, "f": 5}
    assert [outcome.candidate_id for outcome in result.unplaced] == ["h"]


def test_assign_without_pins_keeps_everyone_placed_rather_than_a_first_wish():
    result = assign(two_teams())

    assert result.assignment == {"h": 1, "d": 2, "x": 3, "e": 4, "f": 5}
    assert result.objective == 5 * 1_000 - 10 - 10  # h second on A's list, x on their second wish


def test_compare_lists_who_moved_between_two_runs():
    before = assign(two_teams())
    after = assign(two_teams(pins=[("x", 1)]))

    assert compare(before, after) == (Move("h", 1, None), Move("x", 3, 1))
    assert compare(after, after) == ()


@pytest.mark.parametrize(
    ("pins", "forbids", "issues"),
    [
        pytest.param([("e", 1)], [], [PinIssue("pin_not_listed", "e", 1, "A", {"profile": "dev"})], id="not-listed"),
        pytest.param([("x", 1)], [("x", 1)], [PinIssue("pin_forbidden", "x", 1, "A")], id="forbidden"),
        pytest.param(
            [("x", 1), ("x", 3)],
            [],
            [PinIssue("pin_candidate_twice", "x", None, None, {"positions": (1, 3)})],
            id="candidate-twice",
        ),
        pytest.param(
            [("x", 1), ("h", 1)],
            [],
            [PinIssue("pin_position_twice", None, 1, "A", {"candidates": ("h", "x")})],
            id="position-twice",
        ),
    ],
)
def test_assign_reports_pins_that_contradict_the_inputs(pins, forbids, issues):
    result = assign(two_teams(pins=pins, forbids=forbids))

    assert result.status is Status.INFEASIBLE_PINS
    assert list(result.pin_issues) == issues
    assert (result.placements, result.challenges, result.candidates, result.objective) == ((), (), (), None)


def test_assign_reports_more_pins_on_a_challenge_than_its_maximum():
    problem = make(
        {"A": (1, 2)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("A", "design")},
        {("A", "dev"): ["a"], ("A", "data"): ["b"], ("A", "design"): ["c"]},
        {"a": [], "b": [], "c": []},
        pins=[("a", 1), ("b", 2), ("c", 3)],
    )

    result = assign(problem)

    assert result.pin_issues == (
        PinIssue("pin_team_too_large", None, None, "A", {"candidates": ("a", "b", "c"), "max_size": 2}),
    )


def test_assign_reports_a_pinned_challenge_that_cannot_reach_its_minimum():
    # x pinned on A (minimum 2): A's only other candidate, e, is pinned on B.
    problem = make(
        {"A": (2, 2), "B": (1, 2)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("B", "data")},
        {("A", "dev"): ["x"], ("A", "data"): ["e"], ("B", "data"): ["e"]},
        {"x": ["A"], "e": ["A", "B"]},
        pins=[("x", 1), ("e", 3)],
    )

    result = assign(problem)

    assert result.status is Status.INFEASIBLE_PINS
    assert result.pin_issues == (PinIssue("pin_team_too_small", None, None, "A", {"min_size": 2, "possible": 1}),)


def test_assign_reports_two_pinned_challenges_that_need_the_same_person():
    # A and B are pinned (x on A, y on B), each needs a second person and only z can be it.
    problem = make(
        {"A": (2, 2), "B": (2, 2)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("B", "dev"), 4: ("B", "data")},
        {("A", "dev"): ["x"], ("A", "data"): ["z"], ("B", "dev"): ["y"], ("B", "data"): ["z"]},
        {"x": ["A"], "y": ["B"], "z": ["A", "B"]},
        pins=[("x", 1), ("y", 3)],
    )

    result = assign(problem)

    assert result.status is Status.INFEASIBLE_PINS
    assert len(result.pin_issues) == 1
    assert result.pin_issues[0].code == "pin_team_too_small"
    assert result.pin_issues[0].data == {"min_size": 2, "possible": 1}
    assert result.pin_issues[0].challenge_id in {"A", "B"}


def test_assign_solves_the_integer_programme_when_the_relaxation_is_fractional():
    # A running challenge is worth 300 points: the relaxation runs C1 at one half with p1 alone.
    problem = make(
        {"C0": (1, 2), "C1": (2, 2)},
        {10: ("C0", "design"), 11: ("C0", "dev"), 12: ("C1", "dev"), 13: ("C1", "data")},
        {("C0", "design"): (["p0"], ["p1"]), ("C1", "data"): ["p0", "p1"], ("C1", "dev"): (["p1"], ["p0"])},
        {"p0": ["C0"], "p1": ["C1"]},
        weights=Weights(list_rank=25, running_challenge=300),
    )
    model = _Model(Index(problem))
    relaxed = model._milp(np.zeros(model.matrix.shape[1]), {})

    result = assign(problem)

    assert np.abs(relaxed.x - np.rint(relaxed.x)).max() > 0.1
    assert result.status is Status.OPTIMAL
    # p0 on C1 as a jury proposal (-50) makes C1 run: 1,000 + 950 + 300.
    assert result.assignment == {"p1": 12, "p0": 13}
    assert result.objective == 2_250


def crossed(weights: Weights) -> Problem:
    """x and y on both one-seat challenges: A ranks x first, B ranks y first; x prefers B, y prefers A."""
    return make(
        {"A": (1, 1), "B": (1, 1)},
        {1: ("A", "dev"), 2: ("B", "dev")},
        {("A", "dev"): ["x", "y"], ("B", "dev"): ["y", "x"]},
        {"x": ["B", "A"], "y": ["A", "B"]},
        weights=weights,
    )


def test_assign_follows_the_lists_when_list_ranks_weigh_more():
    assert assign(crossed(Weights(list_rank=20))).assignment == {"x": 1, "y": 2}


def test_assign_follows_the_wishes_when_wish_ranks_weigh_more():
    assert assign(crossed(Weights(wish_rank=20))).assignment == {"x": 2, "y": 1}


def four_for_two_challenges(weights: Weights) -> Problem:
    """a, b, c, d all fit on A (2-4); c and d could also make B (2-2), their second wish."""
    return make(
        {"A": (2, 4), "B": (2, 2)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("A", "design"), 4: ("A", "law"), 5: ("B", "design"), 6: ("B", "law")},
        {
            ("A", "dev"): ["a"],
            ("A", "data"): ["b"],
            ("A", "design"): ["c"],
            ("A", "law"): ["d"],
            ("B", "design"): ["c"],
            ("B", "law"): ["d"],
        },
        {"a": ["A"], "b": ["A"], "c": ["A", "B"], "d": ["A", "B"]},
        weights=weights,
    )


def test_assign_makes_one_team_of_four_without_a_reward_per_running_challenge():
    assert assign(four_for_two_challenges(Weights())).assignment == {"a": 1, "b": 2, "c": 3, "d": 4}


def test_assign_makes_two_teams_with_a_reward_per_running_challenge():
    result = assign(four_for_two_challenges(Weights(running_challenge=100)))

    assert result.assignment == {"a": 1, "b": 2, "c": 5, "d": 6}
    assert result.objective == 4 * 1_000 - 2 * 10 + 2 * 100


def test_assign_leaves_out_a_placement_worth_nothing():
    # With 10 points per placement and 15 per list rank, the second on the list is worth -5.
    problem = make(
        {"A": (1, 2)},
        {1: ("A", "dev"), 2: ("A", "dev")},
        {("A", "dev"): ["a", "b"]},
        {"a": ["A"], "b": ["A"]},
        weights=Weights(placement=10, list_rank=15),
    )

    result = assign(problem)

    assert result.assignment == {"a": 1}
    assert result.objective == 10


def test_assign_of_nothing_is_an_empty_optimal_result():
    result = assign(Problem([], [], [], []))

    assert result == Result(Status.OPTIMAL, 0, (), (), (), ())


def test_assign_with_no_time_to_solve_reports_no_solution():
    result = assign(two_teams(), time_limit=0)

    assert result.status is Status.NO_SOLUTION
    assert (result.placements, result.pin_issues, result.objective) == ((), (), None)


def test_assign_accepts_any_iterables_and_integer_ids():
    problem = Problem(
        challenges=(Challenge(7, 1, 1),),
        positions=[Position(70, 7, 1)],
        lists=[RankedList(7, 1, main=iter([3]))],
        candidates=[Candidate(3, wishes=iter([7]))],
    )

    assert assign(problem).assignment == {3: 70}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"challenges": [Challenge("A"), Challenge("A")]}, "Two challenges have the id 'A'."),
        ({"challenges": [Challenge("A"), Challenge(1)]}, "The challenge ids must be comparable"),
        ({"challenges": [Challenge("A", 3, 2)]}, "Challenge 'A': sizes must satisfy 1 <= min_size <= max_size."),
        ({"challenges": [Challenge("A", 0, 2)]}, "Challenge 'A': sizes must satisfy 1 <= min_size <= max_size."),
        ({"positions": [Position(1, "Z", "dev")]}, "Position 1: unknown challenge 'Z'."),
        ({"positions": [Position(1, "A", "dev"), Position(1, "A", "data")]}, "Two positions have the id 1."),
        ({"positions": [Position(1, "A", "dev"), Position(2, "A", 3)]}, "The profile ids must be comparable"),
        ({"candidates": [Candidate("x"), Candidate("x")]}, "Two candidates have the id 'x'."),
        ({"candidates": [Candidate("x", ("A", "A"))]}, "Candidate 'x' wishes the same challenge twice."),
        ({"candidates": [Candidate("x", ("Z",))]}, "Candidate 'x' wishes unknown challenges ['Z']."),
        ({"lists": [RankedList("Z", "dev", ["x"])]}, "A list names the unknown challenge 'Z'."),
        (
            {"lists": [RankedList("A", "dev", ["x"]), RankedList("A", "dev", ["x"])]},
            "Two lists are given for the same",
        ),
        ({"lists": [RankedList("A", "dev", ["x"], ["x"])]}, "The list ('A', 'dev') names a candidate twice."),
        ({"lists": [RankedList("A", "dev", ["q"])]}, "The list ('A', 'dev') names unknown candidates ['q']."),
        ({"pins": [("q", 1)]}, "A pin names an unknown candidate or position: ('q', 1)."),
        ({"forbids": [("x", 9)]}, "A forbid names an unknown candidate or position: ('x', 9)."),
    ],
)
def test_assign_refuses_inputs_that_contradict_themselves(change, message):
    fields = {
        "challenges": [Challenge("A")],
        "positions": [Position(1, "A", "dev")],
        "lists": [RankedList("A", "dev", ["x"])],
        "candidates": [Candidate("x", ("A",))],
    }
    fields.update(change)

    with pytest.raises(InvalidProblem) as raised:
        assign(Problem(**fields))

    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"list_rank": -1}, "Weights.list_rank must be a non-negative integer, not -1."),
        ({"wish_rank": 1.5}, "Weights.wish_rank must be a non-negative integer, not 1.5."),
        ({"jury_proposal": True}, "Weights.jury_proposal must be a non-negative integer, not True."),
        ({"placement": 0}, "Weights.placement must be positive: otherwise nobody is worth placing."),
    ],
)
def test_weights_refuse_values_that_are_not_whole_points(weights, message):
    with pytest.raises(InvalidProblem) as raised:
        Weights(**weights)

    assert str(raised.value) == message


def test_weights_defaults_are_the_documented_ones():
    assert Weights() == Weights(placement=1_000, list_rank=10, wish_rank=10, jury_proposal=50, running_challenge=0)
