"""The assignment proposal (issue 12): validated lists and wishes in, teams out. No Django here.

`assign(problem)` turns the validated ranked lists of every (challenge, profile), the candidates'
wishes, the challenges' positions and the staff's pins and forbids into placements, with the reasons
behind them and the blocking pairs left (`fellowship.assignment_explain`), rendered in French by
`fellowship.assignment_text`. The inputs and outputs are the plain dataclasses of
`fellowship.assignment_data`, re-exported here. Full description: docs/assignment.md.

Rules (hard constraints of a mixed-integer linear programme solved by HiGHS through
`scipy.optimize.milp`):

- a candidate takes a position only if they are on the list of its (challenge, profile) and the
  pair is not forbidden: the model has a variable for these admissible pairs only, never for the
  whole candidates x positions grid;
- each candidate takes at most one position, each position at most one person;
- a challenge runs (one binary variable each) with 0 fellows or with min_size to max_size of them:
  never one person alone where the rule is two;
- each pinned (candidate, position) holds; pins that cannot all hold are reported
  (`Status.INFEASIBLE_PINS` and `Result.pin_issues`), not raised.

Objective: maximise, over the placements, `placement - list_rank * (list rank - 1) - wish_rank *
(wish rank - 1)` (`- jury_proposal` instead of the wish term for a challenge the candidate did not
wish), plus `running_challenge` per challenge that runs; the weights are `Weights` (whole points,
set per cohort). Every coefficient is an integer and the optimum is proven (relative gap 0), so the
value is exact.

Determinism: the inputs are sorted by id before the model is built, so the same inputs, in any
order, give the same model and HiGHS (deterministic) the same solution. Positions of one
(challenge, profile) that no pin or forbid names are interchangeable: the model holds them as one
seat class of that capacity (fewer variables, no symmetric solutions), and the people placed in a
class take its positions in the order of their list rank, position ids ascending.

Speed: the sparse constraint matrix is built in one go with numpy; the column x_(i, K) of a
candidate i in a seat class K of challenge C enters `sum_i x_(i, K) <= capacity(K) * runs(C)`,
which ties the seats to the challenge's binary and keeps the linear relaxation tight; challenges
that cannot reach their minimum even alone are left out before solving. HiGHS solves the linear
relaxation first: when its optimal vertex is integral (the usual case on real instances), that
vertex, checked exactly, is the proven optimum and no branch-and-bound is needed.
"""

import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from fellowship.assignment_data import (
    BlockingPair,
    Candidate,
    CandidateOutcome,
    Challenge,
    ChallengeOutcome,
    Id,
    Index,
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
    WhyNot,
)
from fellowship.assignment_explain import blocking_pairs, compare, explain

__all__ = [
    "BlockingPair",
    "Candidate",
    "CandidateOutcome",
    "Challenge",
    "ChallengeOutcome",
    "InvalidProblem",
    "Move",
    "PinIssue",
    "Placement",
    "Position",
    "Problem",
    "RankedList",
    "Reason",
    "Result",
    "Status",
    "Weights",
    "WhyNot",
    "assign",
    "blocking_pairs",
    "compare",
]


def assign(problem: Problem, *, time_limit: float | None = None) -> Result:
    """Solve one assignment run. `time_limit` (seconds) stops the solver early: the result's status
    then says so (a result cut short by time may differ from one run to the next)."""
    started = time.perf_counter()
    index = Index(problem)
    issues = _pin_conflicts(index)
    if issues:
        return _without_placements(Status.INFEASIBLE_PINS, issues, build=time.perf_counter() - started)
    model = _Model(index)
    built = time.perf_counter()
    status, holder_of = model.solve(time_limit)
    solved = time.perf_counter()
    if status is None:
        issues = _pin_shortages(index, time_limit)
        solve = time.perf_counter() - built
        return _without_placements(Status.INFEASIBLE_PINS, issues, build=built - started, solve=solve)
    if status is Status.NO_SOLUTION:
        return _without_placements(status, (), build=built - started, solve=solved - built)
    placements, challenges, candidates, pairs = explain(index, holder_of)
    running = sum(1 for outcome in challenges if outcome.runs)
    objective = sum(index.score(p.candidate_id, p.challenge_id, p.profile) for p in placements)
    return Result(
        status=status,
        objective=objective + running * index.weights.running_challenge,
        placements=placements,
        challenges=challenges,
        candidates=candidates,
        blocking_pairs=pairs,
        build_seconds=built - started,
        solve_seconds=solved - built,
        explain_seconds=time.perf_counter() - solved,
    )


def _without_placements(status: Status, issues, *, build: float, solve: float = 0.0) -> Result:
    return Result(
        status=status,
        objective=None,
        placements=(),
        challenges=(),
        candidates=(),
        blocking_pairs=(),
        pin_issues=tuple(issues),
        build_seconds=build,
        solve_seconds=solve,
    )


def _pin_conflicts(index: Index) -> list[PinIssue]:
    """Pins that contradict the lists, the forbids, each other or a team's maximum (checked before solving)."""
    issues = []
    by_candidate, by_position, by_challenge = defaultdict(list), defaultdict(list), defaultdict(list)
    for candidate_id, position_id in index.pins:
        challenge_id = index.positions[position_id].challenge_id
        if index.rank(candidate_id, position_id) is None:
            profile = index.positions[position_id].profile
            issues.append(PinIssue("pin_not_listed", candidate_id, position_id, challenge_id, {"profile": profile}))
        elif (candidate_id, position_id) in index.forbids:
            issues.append(PinIssue("pin_forbidden", candidate_id, position_id, challenge_id))
        by_candidate[candidate_id].append(position_id)
        by_position[position_id].append(candidate_id)
        by_challenge[challenge_id].append(candidate_id)
    for candidate_id, position_ids in by_candidate.items():
        if len(position_ids) > 1:
            issues.append(
                PinIssue("pin_candidate_twice", candidate_id, None, None, {"positions": tuple(position_ids)})
            )
    for position_id, candidate_ids in by_position.items():
        if len(candidate_ids) > 1:
            challenge_id = index.positions[position_id].challenge_id
            issues.append(
                PinIssue("pin_position_twice", None, position_id, challenge_id, {"candidates": tuple(candidate_ids)})
            )
    for challenge_id, candidate_ids in by_challenge.items():
        maximum = index.challenges[challenge_id].max_size
        if len(candidate_ids) > maximum:
            data = {"candidates": tuple(candidate_ids), "max_size": maximum}
            issues.append(PinIssue("pin_team_too_large", None, None, challenge_id, data))
    return issues


def _pin_shortages(index: Index, time_limit: float | None) -> list[PinIssue]:
    """The pins passed the checks but cannot all hold: some pinned challenge cannot reach its minimum.

    A second model lets each pinned challenge fall short of its minimum at a cost and minimises the
    total shortfall; the challenges still short at its optimum are the ones reported."""
    status, shortages = _Model(index, soft_minimum=True).solve_shortages(time_limit)
    if status is not Status.OPTIMAL or not shortages:
        return [PinIssue("pins_infeasible", None, None, None)]
    issues = []
    for challenge_id, shortage in shortages.items():
        minimum = index.challenges[challenge_id].min_size
        data = {"min_size": minimum, "possible": minimum - shortage}
        issues.append(PinIssue("pin_team_too_small", None, None, challenge_id, data))
    return issues


@dataclass(frozen=True)
class _SeatClass:
    challenge_id: Id
    profile: Id
    position_ids: tuple[Id, ...]  # interchangeable positions, ids ascending


class _Model:
    """The mixed-integer programme: one column per admissible (candidate, seat class), then one
    binary per challenge kept ("runs"), then (soft_minimum only) one shortfall per pinned challenge."""

    def __init__(self, index: Index, *, soft_minimum: bool = False):
        self.index = index
        pinned_position = {position_id: candidate_id for candidate_id, position_id in index.pins}
        pinned_candidates = {candidate_id for candidate_id, _ in index.pins}
        pinned_challenges = sorted({index.positions[position_id].challenge_id for position_id in pinned_position})
        named = pinned_position.keys() | {position_id for _, position_id in index.forbids}

        # Seat classes: the positions of a (challenge, profile) that no pin or forbid names form one
        # class; each named position is a class of its own.
        classes_of: dict[Id, list[_SeatClass]] = defaultdict(list)
        for (challenge_id, profile), position_ids in sorted(index.positions_of.items()):
            free = tuple(position_id for position_id in position_ids if position_id not in named)
            groups = [(position_id,) for position_id in position_ids if position_id in named]
            groups += [free] if free else []
            for group in sorted(groups):
                classes_of[challenge_id].append(_SeatClass(challenge_id, profile, group))

        # Columns, challenge by challenge; a challenge that cannot reach its minimum even with every
        # admissible candidate to itself is left out (it does not run), unless it is pinned.
        self.classes: list[_SeatClass] = []
        self.challenge_ids: list[Id] = []
        candidate_number = {candidate_id: number for number, candidate_id in enumerate(index.candidate_ids)}
        columns_candidate, columns_class, scores, fixed = [], [], [], []
        for challenge_id in index.challenge_ids:
            challenge = index.challenges[challenge_id]
            pairs = []
            for seat_class in classes_of.get(challenge_id, ()):
                ranks = index.list_rank.get((challenge_id, seat_class.profile), {})
                single = seat_class.position_ids[0] if len(seat_class.position_ids) == 1 else None
                for candidate_id in ranks:
                    if single is not None and (candidate_id, single) in index.forbids:
                        continue
                    if single in pinned_position and pinned_position[single] != candidate_id:
                        continue
                    is_pin = single is not None and pinned_position.get(single) == candidate_id
                    if candidate_id in pinned_candidates and not is_pin:
                        continue
                    pairs.append((seat_class, candidate_id, is_pin))
            seats = len(index.positions_of_challenge[challenge_id])
            people = len({candidate_id for _, candidate_id, _ in pairs})
            if min(seats, people) < challenge.min_size and challenge_id not in pinned_challenges:
                continue
            self.challenge_ids.append(challenge_id)
            first_class = len(self.classes)
            self.classes += classes_of[challenge_id]
            class_number = {id(seat_class): first_class + n for n, seat_class in enumerate(classes_of[challenge_id])}
            for seat_class, candidate_id, is_pin in pairs:
                columns_candidate.append(candidate_number[candidate_id])
                columns_class.append(class_number[id(seat_class)])
                scores.append(index.score(candidate_id, challenge_id, seat_class.profile))
                fixed.append(is_pin)

        self.column_candidate = np.asarray(columns_candidate, dtype=np.int64)
        self.column_class = np.asarray(columns_class, dtype=np.int64)
        self.soft_minimum = soft_minimum
        self.pinned_challenges = pinned_challenges
        self._build(np.asarray(scores, dtype=np.float64), np.asarray(fixed, dtype=bool))

    def _build(self, scores: np.ndarray, fixed: np.ndarray) -> None:
        index = self.index
        n_x, n_classes, n_challenges = len(self.column_candidate), len(self.classes), len(self.challenge_ids)
        challenge_number = {challenge_id: n for n, challenge_id in enumerate(self.challenge_ids)}
        class_challenge = np.asarray([challenge_number[c.challenge_id] for c in self.classes], dtype=np.int64)
        class_capacity = np.asarray([len(c.position_ids) for c in self.classes], dtype=np.float64)
        minimum = np.asarray([index.challenges[c].min_size for c in self.challenge_ids], dtype=np.float64)
        maximum = np.asarray([index.challenges[c].max_size for c in self.challenge_ids], dtype=np.float64)
        capacity = np.bincount(class_challenge, weights=class_capacity, minlength=n_challenges)
        column_challenge = class_challenge[self.column_class]
        x_columns = np.arange(n_x)
        y_columns = n_x + np.arange(n_challenges)
        soft = [challenge_number[c] for c in self.pinned_challenges] if self.soft_minimum else []
        n_columns = n_x + n_challenges + len(soft)

        rows, cols, vals, lower, upper = [], [], [], [], []

        def block(row, col, val):
            rows.append(row)
            cols.append(col)
            vals.append(np.broadcast_to(np.asarray(val, dtype=np.float64), np.shape(row)))

        # Each candidate at most once (only candidates with two columns or more need a row).
        counts = np.bincount(self.column_candidate, minlength=len(index.candidate_ids))
        several = counts >= 2
        candidate_row = np.cumsum(several) - 1
        mask = several[self.column_candidate]
        block(candidate_row[self.column_candidate[mask]], x_columns[mask], 1.0)
        n_rows = int(several.sum())
        lower.append(np.full(n_rows, -np.inf))
        upper.append(np.ones(n_rows))

        # Each seat class within its capacity, and only if its challenge runs.
        block(n_rows + self.column_class, x_columns, 1.0)
        block(n_rows + np.arange(n_classes), y_columns[class_challenge], -class_capacity)
        lower.append(np.full(n_classes, -np.inf))
        upper.append(np.zeros(n_classes))
        n_rows += n_classes

        # A team within its maximum (when its positions allow more people than that).
        capped = np.flatnonzero(capacity > maximum)
        capped_row = np.full(n_challenges, -1)
        capped_row[capped] = n_rows + np.arange(len(capped))
        mask = capped_row[column_challenge] >= 0
        block(capped_row[column_challenge[mask]], x_columns[mask], 1.0)
        block(capped_row[capped], y_columns[capped], -maximum[capped])
        lower.append(np.full(len(capped), -np.inf))
        upper.append(np.zeros(len(capped)))
        n_rows += len(capped)

        # A team of at least its minimum when it runs (less than that only as a priced shortfall).
        block(n_rows + column_challenge, x_columns, 1.0)
        block(n_rows + np.arange(n_challenges), y_columns, -minimum)
        soft = np.asarray(soft, dtype=np.int64)
        block(n_rows + soft, n_x + n_challenges + np.arange(len(soft)), 1.0)
        lower.append(np.zeros(n_challenges))
        upper.append(np.full(n_challenges, np.inf))
        n_rows += n_challenges

        self.matrix = coo_array(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n_rows, n_columns)
        ).tocsr()
        self.row_lower, self.row_upper = np.concatenate(lower), np.concatenate(upper)

        self.lower_bound = np.zeros(n_columns)
        self.upper_bound = np.ones(n_columns)
        self.lower_bound[:n_x][fixed] = 1.0
        pinned = [challenge_number[c] for c in self.pinned_challenges]
        self.lower_bound[n_x + np.asarray(pinned, dtype=np.int64)] = 1.0
        self.upper_bound[n_x + n_challenges :] = minimum[soft]
        self.cost = np.zeros(n_columns)
        if self.soft_minimum:
            self.cost[n_x + n_challenges :] = 1.0
        else:
            # milp minimises: the negated scores.
            self.cost[:n_x] = -scores
            self.cost[y_columns] = -float(index.weights.running_challenge)
        self.n_x, self.n_challenges = n_x, n_challenges

    def _run(self, time_limit: float | None):
        """Solve the linear relaxation first: when its optimal vertex is integral it is the integer optimum
        (no integer solution beats the relaxation) and HiGHS's branch-and-bound is not needed, which is the
        usual case here; otherwise solve the integer programme. Both through `milp`, with the same model."""
        n_columns = self.matrix.shape[1]
        if n_columns == 0:
            return Status.OPTIMAL, np.zeros(0)
        started = time.perf_counter()
        options = {"presolve": True}
        if time_limit is not None:
            options["time_limit"] = float(time_limit)
        relaxed = self._milp(np.zeros(n_columns), options)
        if relaxed.status == 2:  # infeasible: only pins can make it so
            return None, None
        if relaxed.status == 0:
            x = np.rint(relaxed.x)
            # The rounded vertex is checked exactly (integer data): feasible, and within half a point of
            # the relaxation's optimum, so (the objective being integral) optimal.
            if np.abs(relaxed.x - x).max() <= 1e-6 and self._feasible(x) and self.cost @ x <= relaxed.fun + 0.5:
                return Status.OPTIMAL, x
        if time_limit is not None:
            options["time_limit"] = max(0.0, time_limit - (time.perf_counter() - started))
        solution = self._milp(np.ones(n_columns), {**options, "mip_rel_gap": 0.0})
        if solution.status == 2:
            return None, None
        if solution.x is None:
            return Status.NO_SOLUTION, None
        return (Status.OPTIMAL if solution.status == 0 else Status.TIME_LIMIT), np.rint(solution.x)

    def _milp(self, integrality: np.ndarray, options: dict):
        return milp(
            self.cost,
            integrality=integrality,
            bounds=Bounds(self.lower_bound, self.upper_bound),
            constraints=LinearConstraint(self.matrix, self.row_lower, self.row_upper),
            options=options,
        )

    def _feasible(self, x: np.ndarray) -> bool:
        rows = self.matrix @ x
        return bool(np.all(rows >= self.row_lower) and np.all(rows <= self.row_upper))

    def solve(self, time_limit: float | None) -> tuple[Status | None, dict[Id, Id]]:
        """The status (None: the pins cannot all hold) and the holder of each filled position."""
        status, x = self._run(time_limit)
        if x is None:
            return status, {}
        chosen = np.flatnonzero(x[: self.n_x] > 0.5)
        seated = defaultdict(list)
        for column in chosen:
            seat_class = self.classes[self.column_class[column]]
            candidate_id = self.index.candidate_ids[self.column_candidate[column]]
            rank = self.index.list_rank[(seat_class.challenge_id, seat_class.profile)][candidate_id]
            seated[self.column_class[column]].append((rank, candidate_id))
        holder_of = {}
        for class_number, people in seated.items():
            for position_id, (_, candidate_id) in zip(
                self.classes[class_number].position_ids, sorted(people), strict=False
            ):
                holder_of[position_id] = candidate_id
        return status, holder_of

    def solve_shortages(self, time_limit: float | None) -> tuple[Status | None, dict[Id, int]]:
        status, x = self._run(time_limit)
        if x is None:
            return status, {}
        shortfalls = x[self.n_x + self.n_challenges :]
        return status, {c: int(s) for c, s in zip(self.pinned_challenges, shortfalls, strict=True) if s > 0.5}
