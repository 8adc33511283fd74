"""The assignment model's plain data: what goes in, what comes out, and the checked index of the inputs.

No Django here (the model is pure Python over plain data): frozen dataclasses in, frozen dataclasses
out. Ids are database primary keys or slugs; the ids of one kind must be comparable with each other
(all integers or all strings), because every input is sorted by id before anything else happens:
that is what makes the same inputs give the same result whatever order they come in.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

Id = int | str

# A candidate's preference over challenges, as a tier (lower is better): their wish rank for a
# challenge they wished, then every jury proposal (a list of a challenge they did not wish), all
# equal, then having no position at all.
PROPOSAL_TIER = 1_000
UNPLACED_TIER = 1_001


class InvalidProblem(ValueError):
    """The inputs contradict themselves: an unknown id, a duplicate, a minimum above the maximum…

    A programming error of the caller. Staff decisions that cannot all hold (pins) are not errors:
    they are reported in the result (`Result.pin_issues`)."""


def _as_tuple(instance, *names: str) -> None:
    for name in names:
        object.__setattr__(instance, name, tuple(getattr(instance, name)))


# --- Inputs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Challenge:
    """A challenge runs with no fellow at all or with `min_size` to `max_size` of them (2 to 3 usually;
    a derogation may allow 1, or more than 3)."""

    id: Id
    min_size: int = 2
    max_size: int = 3


@dataclass(frozen=True)
class Position:
    """A seat of a challenge for one profile; it takes at most one person, of that profile."""

    id: Id
    challenge_id: Id
    profile: Id


@dataclass(frozen=True)
class RankedList:
    """The validated list of one (challenge, profile), best first: the main list, then the waiting list.

    Being on it (on either part) means the jury accepts the candidate for that profile of that
    challenge; a candidate's rank counts on from the main list into the waiting list."""

    challenge_id: Id
    profile: Id
    main: tuple[Id, ...] = ()
    waiting: tuple[Id, ...] = ()

    def __post_init__(self):
        _as_tuple(self, "main", "waiting")

    @property
    def ranked(self) -> tuple[Id, ...]:
        return self.main + self.waiting


@dataclass(frozen=True)
class Candidate:
    """A candidate and their wishes: challenge ids, first wish first.

    A candidate may be on the list of a challenge they did not wish (a jury proposal): they prefer it
    to having no position, and any wished challenge to it."""

    id: Id
    wishes: tuple[Id, ...] = ()

    def __post_init__(self):
        _as_tuple(self, "wishes")


@dataclass(frozen=True)
class Weights:
    """The objective's weights, in whole points (set per cohort; the defaults are the programme's usual choice).

    A placement of candidate i on a position of challenge C for profile p scores
    `placement - list_rank * (rank of i on C's list for p - 1) - wish_rank * (i's wish rank for C - 1)`,
    or `- jury_proposal` instead of the wish term when i did not wish C; each challenge that runs adds
    `running_challenge`. The model maximises the total. With the defaults one more fellow placed
    (1,000 points) outweighs 100 steps down the lists or the wishes: the model first places as many
    fellows as the team rules allow, then respects the lists' order and the wishes, one rank on a
    list weighing as much as one rank in the wishes; a jury proposal counts as a sixth wish."""

    placement: int = 1_000
    list_rank: int = 10
    wish_rank: int = 10
    jury_proposal: int = 50
    running_challenge: int = 0

    def __post_init__(self):
        for name in ("placement", "list_rank", "wish_rank", "jury_proposal", "running_challenge"):
            value = getattr(self, name)
            if type(value) is not int or value < 0:
                raise InvalidProblem(f"Weights.{name} must be a non-negative integer, not {value!r}.")
        if self.placement == 0:
            raise InvalidProblem("Weights.placement must be positive: otherwise nobody is worth placing.")


@dataclass(frozen=True)
class Problem:
    """Everything one assignment run reads. Pins and forbids are (candidate id, position id) pairs
    decided by staff: a pin must hold, a forbidden pair never does."""

    challenges: tuple[Challenge, ...]
    positions: tuple[Position, ...]
    lists: tuple[RankedList, ...]
    candidates: tuple[Candidate, ...]
    pins: tuple[tuple[Id, Id], ...] = ()
    forbids: tuple[tuple[Id, Id], ...] = ()
    weights: Weights = field(default_factory=Weights)

    def __post_init__(self):
        _as_tuple(self, "challenges", "positions", "lists", "candidates")
        object.__setattr__(self, "pins", tuple(tuple(pair) for pair in self.pins))
        object.__setattr__(self, "forbids", tuple(tuple(pair) for pair in self.forbids))


# --- Outputs ------------------------------------------------------------------------------------


class Status(StrEnum):
    OPTIMAL = "optimal"
    # The time limit stopped the solver: the result is the best found, not proven optimal.
    TIME_LIMIT = "time_limit"
    # The time limit stopped the solver before it found any solution: nobody is placed.
    NO_SOLUTION = "no_solution"
    # Staff pins that cannot all hold (see Result.pin_issues): nobody is placed.
    INFEASIBLE_PINS = "infeasible_pins"


@dataclass(frozen=True)
class Reason:
    """A structured reason: a code (see the module docstrings and docs/assignment.md) and its data
    (ids, ranks, counts), which `fellowship.assignment_text` renders in French."""

    code: str
    data: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Placement:
    candidate_id: Id
    position_id: Id
    challenge_id: Id
    profile: Id
    list_rank: int  # 1 = first on the (challenge, profile) list
    on_waiting_list: bool
    wish_rank: int | None  # None: a jury proposal (the candidate did not wish this challenge)
    pinned: bool


@dataclass(frozen=True)
class ChallengeOutcome:
    challenge_id: Id
    min_size: int
    max_size: int
    team: tuple[Id, ...]  # candidate ids, in the order of their positions' ids
    reason: Reason | None  # why it does not run; None when it runs

    @property
    def runs(self) -> bool:
        return bool(self.team)


@dataclass(frozen=True)
class WhyNot:
    """Why a candidate did not get a challenge they prefer to what they got."""

    challenge_id: Id
    wish_rank: int | None  # None: a jury proposal
    reason: Reason


@dataclass(frozen=True)
class CandidateOutcome:
    candidate_id: Id
    placement: Placement | None
    reason: Reason | None  # why they have no position; None when placed
    better: tuple[WhyNot, ...]  # every challenge they prefer to what they got, best first, and why not


@dataclass(frozen=True)
class BlockingPair:
    """A candidate and a challenge who would both prefer each other to what they got (see
    `fellowship.assignment_explain.blocking_pairs` for the exact definition); `position_id` is a
    position of the challenge the candidate could take, `displaced_id` its holder (None: it is free)."""

    candidate_id: Id
    challenge_id: Id
    position_id: Id
    profile: Id
    list_rank: int
    wish_rank: int | None
    displaced_id: Id | None
    displaced_rank: int | None
    cause: Reason  # why the model kept the result all the same


@dataclass(frozen=True)
class PinIssue:
    code: str
    candidate_id: Id | None
    position_id: Id | None
    challenge_id: Id | None
    data: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Move:
    """A candidate whose position differs between two runs (None: no position)."""

    candidate_id: Id
    before: Id | None
    after: Id | None


@dataclass(frozen=True)
class Result:
    """One run's outcome. Two results compare equal when everything but the timings is the same."""

    status: Status
    objective: int | None  # the objective's value (see Weights); None when nobody could be placed
    placements: tuple[Placement, ...]  # sorted by challenge id, then position id
    challenges: tuple[ChallengeOutcome, ...]  # sorted by id
    candidates: tuple[CandidateOutcome, ...]  # sorted by id
    blocking_pairs: tuple[BlockingPair, ...]  # by candidate id, then in their order of preference
    pin_issues: tuple[PinIssue, ...] = ()
    build_seconds: float = field(default=0.0, compare=False)
    solve_seconds: float = field(default=0.0, compare=False)
    explain_seconds: float = field(default=0.0, compare=False)

    @property
    def unplaced(self) -> tuple[CandidateOutcome, ...]:
        return tuple(outcome for outcome in self.candidates if outcome.placement is None)

    @property
    def assignment(self) -> dict[Id, Id]:
        """candidate id -> position id."""
        return {placement.candidate_id: placement.position_id for placement in self.placements}


# --- The checked index of the inputs ------------------------------------------------------------


def _sorted(values, what: str) -> list:
    try:
        return sorted(values)
    except TypeError as error:
        raise InvalidProblem(f"The {what} ids must be comparable with each other (all int or all str).") from error


def _unique(ids: list, what: str) -> list:
    for previous, current in zip(ids, ids[1:], strict=False):
        if previous == current:
            raise InvalidProblem(f"Two {what}s have the id {current!r}.")
    return ids


class Index:
    """The inputs checked and sorted once. Every later step reads this, never the raw inputs, so the
    order in which the inputs were given changes nothing."""

    def __init__(self, problem: Problem):
        self.weights = problem.weights
        challenges = {challenge.id: challenge for challenge in problem.challenges}
        self.challenge_ids = _unique(
            _sorted((challenge.id for challenge in problem.challenges), "challenge"), "challenge"
        )
        self.challenges = {challenge_id: challenges[challenge_id] for challenge_id in self.challenge_ids}
        for challenge in self.challenges.values():
            if not 1 <= challenge.min_size <= challenge.max_size:
                raise InvalidProblem(f"Challenge {challenge.id!r}: sizes must satisfy 1 <= min_size <= max_size.")

        positions = {position.id: position for position in problem.positions}
        self.position_ids = _unique(_sorted((position.id for position in problem.positions), "position"), "position")
        self.positions = {position_id: positions[position_id] for position_id in self.position_ids}
        self.positions_of: dict[tuple[Id, Id], list[Id]] = {}  # (challenge, profile) -> position ids
        self.positions_of_challenge: dict[Id, list[Id]] = {challenge_id: [] for challenge_id in self.challenge_ids}
        for position in self.positions.values():
            if position.challenge_id not in self.challenges:
                raise InvalidProblem(f"Position {position.id!r}: unknown challenge {position.challenge_id!r}.")
            self.positions_of.setdefault((position.challenge_id, position.profile), []).append(position.id)
            self.positions_of_challenge[position.challenge_id].append(position.id)

        _sorted({p.profile for p in problem.positions} | {ranked.profile for ranked in problem.lists}, "profile")
        candidates = {candidate.id: candidate for candidate in problem.candidates}
        self.candidate_ids = _unique(_sorted((c.id for c in problem.candidates), "candidate"), "candidate")
        self.wish_rank: dict[Id, dict[Id, int]] = {}
        for candidate_id in self.candidate_ids:
            wishes = candidates[candidate_id].wishes
            ranks = {challenge_id: rank for rank, challenge_id in enumerate(wishes, start=1)}
            if len(ranks) != len(wishes):
                raise InvalidProblem(f"Candidate {candidate_id!r} wishes the same challenge twice.")
            if unknown := [challenge_id for challenge_id in wishes if challenge_id not in self.challenges]:
                raise InvalidProblem(f"Candidate {candidate_id!r} wishes unknown challenges {unknown!r}.")
            self.wish_rank[candidate_id] = ranks

        self.list_rank: dict[tuple[Id, Id], dict[Id, int]] = {}  # (challenge, profile) -> candidate -> rank
        self.main_length: dict[tuple[Id, Id], int] = {}
        # candidate -> challenge -> [(profile, rank)]: the lists naming the candidate, by challenge.
        self.listed_in: dict[Id, dict[Id, list[tuple[Id, int]]]] = {
            candidate_id: {} for candidate_id in self.candidate_ids
        }
        lists = {(ranked.challenge_id, ranked.profile): ranked for ranked in problem.lists}
        if len(lists) != len(problem.lists):
            raise InvalidProblem("Two lists are given for the same (challenge, profile).")
        for key in _sorted(lists, "list (challenge, profile)"):
            ranked = lists[key]
            if ranked.challenge_id not in self.challenges:
                raise InvalidProblem(f"A list names the unknown challenge {ranked.challenge_id!r}.")
            ranks = {candidate_id: rank for rank, candidate_id in enumerate(ranked.ranked, start=1)}
            if len(ranks) != len(ranked.ranked):
                raise InvalidProblem(f"The list {key!r} names a candidate twice.")
            if unknown := [candidate_id for candidate_id in ranked.ranked if candidate_id not in candidates]:
                raise InvalidProblem(f"The list {key!r} names unknown candidates {unknown!r}.")
            self.list_rank[key] = ranks
            self.main_length[key] = len(ranked.main)
            for candidate_id, rank in ranks.items():
                self.listed_in[candidate_id].setdefault(key[0], []).append((key[1], rank))

        for what, pairs in (("pin", problem.pins), ("forbid", problem.forbids)):
            for candidate_id, position_id in pairs:
                if candidate_id not in candidates or position_id not in positions:
                    raise InvalidProblem(
                        f"A {what} names an unknown candidate or position: {(candidate_id, position_id)!r}."
                    )
        self.pins = _sorted(set(problem.pins), "pin (candidate, position)")
        self.pinned = frozenset(self.pins)
        self.forbids = frozenset(problem.forbids)

    def rank(self, candidate_id: Id, position_id: Id) -> int | None:
        """The candidate's rank on the list of the position's (challenge, profile); None: not on it."""
        position = self.positions[position_id]
        return self.list_rank.get((position.challenge_id, position.profile), {}).get(candidate_id)

    def admissible(self, candidate_id: Id, position_id: Id) -> bool:
        """On the list of the position's (challenge, profile), and not forbidden there."""
        return self.rank(candidate_id, position_id) is not None and (candidate_id, position_id) not in self.forbids

    def tier(self, candidate_id: Id, challenge_id: Id | None) -> int:
        """The candidate's preference for a challenge (None: no position), lower is better."""
        if challenge_id is None:
            return UNPLACED_TIER
        return self.wish_rank[candidate_id].get(challenge_id, PROPOSAL_TIER)

    def wish(self, candidate_id: Id, challenge_id: Id) -> int | None:
        return self.wish_rank[candidate_id].get(challenge_id)

    def score(self, candidate_id: Id, challenge_id: Id, profile: Id) -> int:
        """The objective's points for placing the candidate on a position of (challenge, profile)."""
        weights = self.weights
        wish = self.wish(candidate_id, challenge_id)
        wish_cost = weights.jury_proposal if wish is None else weights.wish_rank * (wish - 1)
        list_cost = weights.list_rank * (self.list_rank[(challenge_id, profile)][candidate_id] - 1)
        return weights.placement - list_cost - wish_cost
