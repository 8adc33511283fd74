"""A compact way to write hand-made assignment instances in tests."""

from fellowship.assignment import Candidate, Challenge, Position, Problem, RankedList, Weights


def make(challenges, positions, lists, wishes, *, pins=(), forbids=(), weights=None) -> Problem:
    """challenges: {id: (min, max)}; positions: {id: (challenge, profile)};
    lists: {(challenge, profile): main list, or (main list, waiting list)}; wishes: {candidate: [challenges]}."""
    ranked = []
    for (challenge_id, profile), entries in lists.items():
        main, waiting = entries if isinstance(entries, tuple) else (entries, [])
        ranked.append(RankedList(challenge_id, profile, main, waiting))
    return Problem(
        challenges=[Challenge(challenge_id, *sizes) for challenge_id, sizes in challenges.items()],
        positions=[Position(position_id, *where) for position_id, where in positions.items()],
        lists=ranked,
        candidates=[Candidate(candidate_id, choices) for candidate_id, choices in wishes.items()],
        pins=pins,
        forbids=forbids,
        weights=weights or Weights(),
    )


def two_teams(**staff) -> Problem:
    """A (2-2: dev 1, data 2) lists x then h for dev, d for data; B (2-3: dev 3, data 4, design 5)
    lists x, e, f. x wishes A then B, h and d wish A, e and f wish B.

    x on A would leave h without a position: the model keeps h on A and x on B (5 placed, not 4), and
    (x, A) is a blocking pair in which x would displace h."""
    return make(
        {"A": (2, 2), "B": (2, 3)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("B", "dev"), 4: ("B", "data"), 5: ("B", "design")},
        {
            ("A", "dev"): ["x", "h"],
            ("A", "data"): ["d"],
            ("B", "dev"): ["x"],
            ("B", "data"): ["e"],
            ("B", "design"): ["f"],
        },
        {"x": ["A", "B"], "h": ["A"], "d": ["A"], "e": ["B"], "f": ["B"]},
        **staff,
    )
