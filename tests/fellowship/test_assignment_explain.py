"""Why the assignment came out as it did: every reason code and blocking-pair cause, on hand-made instances."""

import pytest

from fellowship.assignment import (
    BlockingPair,
    CandidateOutcome,
    ChallengeOutcome,
    Reason,
    Weights,
    WhyNot,
    assign,
    blocking_pairs,
)
from tests.fellowship.instances import make, two_teams


def outcome_of(result, candidate_id) -> CandidateOutcome:
    return next(outcome for outcome in result.candidates if outcome.candidate_id == candidate_id)


def keeps_team_running():
    """x would rather join A (a free design position), but without x, B falls below its minimum."""
    return make(
        {"A": (2, 3), "B": (2, 2)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("A", "design"), 4: ("B", "design"), 5: ("B", "data")},
        {
            ("A", "dev"): ["a"],
            ("A", "data"): ["b"],
            ("A", "design"): ["x"],
            ("B", "design"): ["x"],
            ("B", "data"): ["u"],
        },
        {"a": ["A"], "b": ["A"], "x": ["A", "B"], "u": ["B"]},
    )


def weighed():
    """x would rather join A (a free design position, second on its list) than stay on B, but list ranks
    weigh 100 points and wishes 1: B scores x 999 points, A 900."""
    return make(
        {"A": (2, 3), "B": (2, 3), "C": (1, 1)},
        {
            1: ("A", "dev"),
            2: ("A", "data"),
            3: ("A", "design"),
            4: ("B", "design"),
            5: ("B", "data"),
            6: ("C", "design"),
            7: ("B", "dev"),
        },
        {
            ("A", "dev"): ["a"],
            ("A", "data"): ["b"],
            ("A", "design"): ["p", "x"],
            ("B", "design"): ["x"],
            ("B", "data"): ["u"],
            ("B", "dev"): ["v"],
            ("C", "design"): ["p"],
        },
        {"a": ["A"], "b": ["A"], "p": ["C", "A"], "x": ["A", "B"], "u": ["B"], "v": ["B"]},
        weights=Weights(list_rank=100, wish_rank=1),
    )


# --- Challenges that do not run -------------------------------------------------------------


def test_explain_a_challenge_with_fewer_positions_than_its_minimum():
    problem = make({"A": (3, 3)}, {1: ("A", "dev"), 2: ("A", "data")}, {("A", "dev"): ["x"]}, {"x": ["A"]})

    result = assign(problem)

    assert result.challenges == (
        ChallengeOutcome("A", 3, 3, (), Reason("too_few_positions", {"positions": 2, "min_size": 3})),
    )


def test_explain_a_challenge_whose_lists_name_one_person_for_two_profiles():
    # x is on both lists: the lists can make a team of one, not two.
    problem = make(
        {"A": (2, 2)}, {1: ("A", "dev"), 2: ("A", "data")}, {("A", "dev"): ["x"], ("A", "data"): ["x"]}, {"x": ["A"]}
    )

    result = assign(problem)

    assert result.challenges[0].reason == Reason("too_few_listed", {"possible": 1, "min_size": 2})
    assert outcome_of(result, "x").better == (
        WhyNot("A", 1, Reason("not_running", {"challenge_reason": "too_few_listed"})),
    )


def test_explain_a_challenge_stopped_by_a_forbid():
    problem = make(
        {"A": (2, 2)},
        {1: ("A", "dev"), 2: ("A", "data")},
        {("A", "dev"): ["x"], ("A", "data"): ["y"]},
        {"x": ["A"], "y": ["A"]},
        forbids=[("y", 2)],
    )

    result = assign(problem)

    assert result.challenges[0].reason == Reason("forbidden", {"possible": 1, "without_forbids": 2, "min_size": 2})
    assert outcome_of(result, "y") == CandidateOutcome(
        "y", None, Reason("all_forbidden"), (WhyNot("A", 1, Reason("forbidden")),)
    )


def test_explain_a_challenge_whose_candidates_went_elsewhere_as_they_wished():
    # B needs all three of x, y and w; A's waiting list (z, q) has developers only.
    problem = make(
        {"A": (2, 2), "B": (3, 3)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("B", "dev"), 4: ("B", "data"), 5: ("B", "design")},
        {
            ("A", "dev"): (["x"], ["z", "q"]),
            ("A", "data"): ["y"],
            ("B", "dev"): ["x"],
            ("B", "data"): ["y"],
            ("B", "design"): ["w"],
        },
        {"x": ["B", "A"], "y": ["B"], "w": ["B"], "z": ["A"], "q": ["A"]},
    )

    result = assign(problem)

    assert result.assignment == {"x": 3, "y": 4, "w": 5}
    assert outcome_of(result, "z").better == (
        WhyNot("A", 1, Reason("not_running", {"challenge_reason": "taken_elsewhere"})),
    )
    assert result.challenges[0].reason == Reason(
        "taken_elsewhere",
        {
            "possible": 1,
            "min_size": 2,
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
                {
                    "candidate_id": "y",
                    "challenge_id": "B",
                    "wish_rank_there": 1,
                    "list_rank_there": 1,
                    "wish_rank_here": None,
                    "list_rank_here": 1,
                    "pinned": False,
                },
            ),
        },
    )


def test_explain_a_challenge_whose_candidate_is_pinned_elsewhere():
    problem = make(
        {"A": (1, 1), "B": (1, 1)},
        {1: ("A", "dev"), 2: ("B", "dev")},
        {("A", "dev"): ["x"], ("B", "dev"): ["x"]},
        {"x": ["A", "B"]},
        pins=[("x", 2)],
    )

    result = assign(problem)

    assert result.challenges[0].reason.data["elsewhere"][0]["pinned"] is True
    assert result.blocking_pairs == (BlockingPair("x", "A", 1, "dev", 1, 1, None, None, Reason("candidate_pinned")),)


def test_explain_a_challenge_the_weights_chose_not_to_run():
    # A jury proposal costs 50 points, more than the 10 a placement is worth here.
    problem = make(
        {"A": (2, 2)},
        {1: ("A", "dev"), 2: ("A", "data")},
        {("A", "dev"): ["a"], ("A", "data"): ["b"]},
        {"a": [], "b": []},
        weights=Weights(placement=10),
    )

    result = assign(problem)

    assert result.assignment == {}
    assert result.challenges[0].reason == Reason("not_chosen", {"possible": 2, "min_size": 2})


# --- Candidates -----------------------------------------------------------------------------


def test_explain_a_candidate_on_no_list():
    problem = make({"A": (1, 1), "B": (1, 1)}, {1: ("A", "dev")}, {("A", "dev"): ["a"]}, {"a": ["A"], "q": ["B", "A"]})

    result = assign(problem)

    assert outcome_of(result, "q") == CandidateOutcome(
        "q",
        None,
        Reason("not_listed"),
        (WhyNot("B", 1, Reason("not_on_list")), WhyNot("A", 2, Reason("not_on_list"))),
    )


def test_explain_a_candidate_outranked_on_their_only_list():
    problem = make({"A": (1, 1)}, {1: ("A", "dev")}, {("A", "dev"): ["a", "b"]}, {"a": ["A"], "b": ["A"]})

    result = assign(problem)

    assert outcome_of(result, "b") == CandidateOutcome(
        "b",
        None,
        Reason("no_place"),
        (WhyNot("A", 1, Reason("outranked", {"profile": "dev", "list_rank": 2, "holder_ranks": (1,)})),),
    )
    assert outcome_of(result, "a").better == ()


def test_explain_a_candidate_left_out_of_a_full_team():
    problem = make(
        {"A": (2, 3), "B": (2, 3)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("A", "design"), 4: ("A", "law")},
        {("A", "dev"): ["a"], ("A", "data"): ["b"], ("A", "design"): ["c"], ("A", "law"): ["d"]},
        {"a": ["A"], "b": ["A"], "c": ["A"], "d": ["B", "A"]},
    )

    result = assign(problem)

    assert outcome_of(result, "d") == CandidateOutcome(
        "d",
        None,
        Reason("no_place"),
        (WhyNot("B", 1, Reason("not_on_list")), WhyNot("A", 2, Reason("team_full", {"max_size": 3}))),
    )


def test_explain_a_placed_candidate_lists_only_the_challenges_they_prefer():
    # x is placed on a jury proposal (C): every wish is better, the other proposal (D) is not.
    problem = make(
        {"A": (1, 1), "B": (1, 1), "C": (1, 1), "D": (1, 1)},
        {1: ("A", "dev"), 2: ("B", "dev"), 3: ("C", "dev"), 4: ("D", "dev")},
        {("A", "dev"): ["a", "x"], ("C", "dev"): ["x"], ("D", "dev"): ["d", "x"]},
        {"x": ["B", "A"], "a": ["A"], "d": ["D"]},
        forbids=[("x", 2)],
    )

    result = assign(problem)

    assert result.assignment == {"a": 1, "x": 3, "d": 4}
    assert outcome_of(result, "x").better == (
        WhyNot("B", 1, Reason("not_on_list")),
        WhyNot("A", 2, Reason("outranked", {"profile": "dev", "list_rank": 2, "holder_ranks": (1,)})),
    )
    assert result.blocking_pairs == ()


# --- Blocking pairs and their causes -------------------------------------------------------


def test_blocking_pair_kept_because_the_holder_is_better_for_the_total():
    result = assign(two_teams())

    assert result.blocking_pairs == (BlockingPair("x", "A", 1, "dev", 1, 1, "h", 2, Reason("displaces")),)
    assert outcome_of(result, "x").better == (WhyNot("A", 1, Reason("blocking", {"cause": "displaces"})),)


@pytest.mark.parametrize(
    ("pin", "cause"), [(("x", 3), "candidate_pinned"), (("h", 1), "holder_pinned")], ids=["candidate", "holder"]
)
def test_blocking_pair_kept_because_of_a_pin(pin, cause):
    result = assign(two_teams(pins=[pin]))

    assert result.assignment == {"h": 1, "d": 2, "x": 3, "e": 4, "f": 5}
    assert result.blocking_pairs == (BlockingPair("x", "A", 1, "dev", 1, 1, "h", 2, Reason(cause)),)
    assert [p.pinned for p in result.placements] == [p.candidate_id == pin[0] for p in result.placements]


def test_blocking_pair_kept_because_the_candidate_keeps_their_team_running():
    result = assign(keeps_team_running())

    assert result.assignment == {"a": 1, "b": 2, "x": 4, "u": 5}
    assert result.blocking_pairs == (
        BlockingPair(
            "x", "A", 3, "design", 1, 1, None, None, Reason("keeps_team_running", {"challenge_id": "B", "min_size": 2})
        ),
    )


def test_blocking_pair_kept_because_of_the_weights():
    result = assign(weighed())

    assert result.assignment == {"a": 1, "b": 2, "x": 4, "u": 5, "p": 6, "v": 7}
    assert result.blocking_pairs == (
        BlockingPair(
            "x", "A", 3, "design", 2, 1, None, None, Reason("weights", {"points_there": 900, "points_got": 999})
        ),
    )


def test_blocking_pair_of_an_unplaced_candidate_the_weights_leave_out():
    problem = make(
        {"A": (1, 2)},
        {1: ("A", "dev"), 2: ("A", "dev")},
        {("A", "dev"): ["a", "b"]},
        {"a": ["A"], "b": ["A"]},
        weights=Weights(placement=10, list_rank=15),
    )

    result = assign(problem)

    assert result.blocking_pairs == (
        BlockingPair("b", "A", 2, "dev", 2, 1, None, None, Reason("weights", {"points_there": -5, "points_got": 0})),
    )


# --- The definition, on assignments given by hand ------------------------------------------


def one_profile(min_size, max_size):
    return make(
        {"A": (min_size, max_size), "B": (1, 1)},
        {1: ("A", "dev"), 2: ("A", "dev"), 3: ("A", "dev"), 4: ("B", "dev")},
        {("A", "dev"): ["x", "h", "k", "m"], ("B", "dev"): ["x"]},
        {"x": ["A", "B"], "h": ["A"], "k": ["A"], "m": ["A"]},
    )


def witnesses(pairs):
    return [(p.candidate_id, p.challenge_id, p.position_id, p.displaced_id, p.displaced_rank) for p in pairs]


def test_blocking_pairs_prefer_a_free_position_as_witness():
    pairs = blocking_pairs(one_profile(1, 3), {"h": 1, "k": 3})

    # x could also displace h or k, but position 2 is free; B (a team of one) is free too.
    assert witnesses(pairs) == [("m", "A", 2, None, None), ("x", "A", 2, None, None), ("x", "B", 4, None, None)]
    assert pairs[1].cause == Reason("weights", {"points_there": 1_000, "points_got": 0})


def test_blocking_pairs_displace_the_lowest_ranked_holder_of_a_full_team():
    pairs = blocking_pairs(one_profile(1, 3), {"h": 1, "m": 2, "k": 3})

    assert witnesses(pairs) == [("x", "A", 2, "m", 4), ("x", "B", 4, None, None)]
    assert pairs[0].cause == Reason("displaces")


def test_blocking_pairs_need_room_within_the_maximum():
    # Position 3 is free but A is at its maximum of 2: m, ranked below both holders, does not block.
    pairs = blocking_pairs(one_profile(1, 2), {"x": 4, "h": 1, "k": 2})

    assert witnesses(pairs) == [("x", "A", 2, "k", 3)]


def test_blocking_pairs_leave_out_a_challenge_that_cannot_run_with_one_more_person():
    assert blocking_pairs(one_profile(2, 3), {"x": 4}) == ()


def test_blocking_pairs_include_a_challenge_that_may_run_with_one_person():
    pairs = blocking_pairs(one_profile(1, 3), {"x": 4})

    assert witnesses(pairs) == [
        ("h", "A", 1, None, None),
        ("k", "A", 1, None, None),
        ("m", "A", 1, None, None),
        ("x", "A", 1, None, None),
    ]


def test_blocking_pairs_skip_a_forbidden_position():
    problem = make(
        {"A": (1, 2)},
        {1: ("A", "dev"), 2: ("A", "dev")},
        {("A", "dev"): ["x", "h"]},
        {"x": ["A"], "h": ["A"]},
        forbids=[("x", 2)],
    )

    assert witnesses(blocking_pairs(problem, {"h": 1})) == [("x", "A", 1, "h", 2)]
    assert blocking_pairs(problem, {"x": 1, "h": 2}) == ()


def test_blocking_pairs_ignore_a_challenge_the_candidate_likes_as_much():
    # Two jury proposals are worth the same to x: being on one, x does not block with the other.
    problem = make(
        {"A": (1, 1), "B": (1, 1)},
        {1: ("A", "dev"), 2: ("B", "dev")},
        {("A", "dev"): ["x"], ("B", "dev"): ["x"]},
        {"x": []},
    )

    assert blocking_pairs(problem, {"x": 1}) == ()
    assert witnesses(blocking_pairs(problem, {})) == [("x", "A", 1, None, None), ("x", "B", 2, None, None)]
