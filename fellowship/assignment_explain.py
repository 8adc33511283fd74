"""Why the assignment came out as it did: blocking pairs and structured reasons. No Django here.

Every function reads an assignment (position id -> candidate id) against the checked inputs
(`Index`); the solver plays no part, so the explanation of a result, or of any assignment staff
would like to compare, is the same. Reason codes (their French sentences are in
`fellowship.assignment_text.MESSAGES`):

A challenge that does not run (`ChallengeOutcome.reason`), the first that applies:
- `too_few_positions`: it has fewer positions than its minimum team;
- `too_few_listed`: the people on its lists cannot fill its minimum team, even all for itself;
- `forbidden`: they could, but not without the pairs staff forbade;
- `taken_elsewhere`: too few of them are left once the others are placed (each with where they
  went, their wish rank there and here, and whether staff pinned them there);
- `not_chosen`: a team was possible with people left without a position, but the objective
  preferred not to (only with weights under which a placement is worth nothing, or a time limit).

A candidate without a position (`CandidateOutcome.reason`): `not_listed` (on no list),
`all_forbidden` (every position of their lists is forbidden to them) or `no_place`. For every
challenge a candidate prefers to what they got (`CandidateOutcome.better`), why not (`WhyNot`):
`not_on_list`, `forbidden`, `blocking` (a blocking pair: see below), `not_running` (with the
challenge's own reason), `team_full` (a position of their profile is free but the team is at its
maximum), `outranked` (every position they could take is held by someone ranked above them).

A blocking pair is defined once, in `blocking_pairs`; its `cause` says why the model kept the
result all the same: `candidate_pinned`, `holder_pinned`, `keeps_team_running` (without the
candidate their team would fall below its minimum), `displaces` (the model preferred keeping the
holder), `weights` (the objective scores the candidate's current place at least as high).
"""

from collections import defaultdict
from collections.abc import Mapping

from fellowship.assignment_data import (
    PROPOSAL_TIER,
    BlockingPair,
    CandidateOutcome,
    ChallengeOutcome,
    Id,
    Index,
    Move,
    Placement,
    Problem,
    Reason,
    Result,
    WhyNot,
)


class _Assignment:
    """An assignment read through the index: who holds what, each team's size, each person's challenge."""

    def __init__(self, index: Index, holder_of: Mapping[Id, Id]):
        self.index = index
        self.holder_of = dict(holder_of)
        self.position_of = {candidate_id: position_id for position_id, candidate_id in holder_of.items()}
        self.challenge_of = {
            candidate_id: index.positions[position_id].challenge_id
            for candidate_id, position_id in self.position_of.items()
        }
        self.team_size: dict[Id, int] = defaultdict(int)
        for challenge_id in self.challenge_of.values():
            self.team_size[challenge_id] += 1


def blocking_pairs(problem: Problem, assignment: Mapping[Id, Id]) -> tuple[BlockingPair, ...]:
    """The blocking pairs of any assignment (candidate id -> position id) of the problem, by candidate
    id, then in the candidate's order of preference.

    (Candidate i, challenge C) is a blocking pair when both hold:

    1. i strictly prefers C to what they got (`Index.tier`: a wish to a lower-ranked wish, any wish
       to a jury proposal, anything to no position);
    2. C has a position P of a profile p such that i is on C's list for p and (i, P) is not
       forbidden, and either
       a. P is free and C's team with i added stays within its sizes (min_size <= size + 1 <=
          max_size: C runs with room left, or C does not run and its minimum is 1), or
       b. P is held by someone ranked below i on C's list for p (`_witness`).

    One pair per (i, C), with the first witness position: a free one (lowest id) before an occupied
    one (the holder ranked lowest, then the lowest position id)."""
    index = Index(problem)
    state = _Assignment(index, {position_id: candidate_id for candidate_id, position_id in assignment.items()})
    return tuple(
        pair
        for candidate_id in index.candidate_ids
        for challenge_id in _preferred(state, candidate_id)
        if (pair := _blocking_pair(state, candidate_id, challenge_id)) is not None
    )


def _preferred(state: _Assignment, candidate_id: Id) -> list[Id]:
    """Every challenge the candidate wished or is listed for and strictly prefers to what they got, best
    first (jury proposals, all alike, by id)."""
    index = state.index
    got = index.tier(candidate_id, state.challenge_of.get(candidate_id))
    tiers = dict.fromkeys(index.listed_in[candidate_id], PROPOSAL_TIER)
    tiers.update(index.wish_rank[candidate_id])
    return [challenge_id for tier, challenge_id in sorted((t, c) for c, t in tiers.items() if t < got)]


def _admissible_positions(index: Index, candidate_id: Id, challenge_id: Id) -> list[tuple[Id, Id, int]]:
    """(position id, profile, rank) for each position of the challenge the candidate may take."""
    return [
        (position_id, profile, rank)
        for profile, rank in index.listed_in[candidate_id].get(challenge_id, ())
        for position_id in index.positions_of.get((challenge_id, profile), ())
        if (candidate_id, position_id) not in index.forbids
    ]


def _witness(state: _Assignment, admissible: list[tuple[Id, Id, int]], challenge_id: Id):
    """Condition 2 of the definition: (position id, profile, rank, holder, holder's rank), or None."""
    index = state.index
    challenge = index.challenges[challenge_id]
    room = challenge.min_size <= state.team_size[challenge_id] + 1 <= challenge.max_size
    free, occupied = [], []
    for position_id, profile, rank in admissible:
        holder = state.holder_of.get(position_id)
        if holder is None:
            if room:
                free.append((position_id, profile, rank, None, None))
        else:
            holder_rank = index.list_rank[(challenge_id, profile)].get(holder)
            if holder_rank is None or holder_rank > rank:  # a holder off the list ranks below everyone
                occupied.append((-(holder_rank or 0), position_id, (position_id, profile, rank, holder, holder_rank)))
    if free:
        return min(free)
    return min(occupied)[2] if occupied else None


def _blocking_pair(state: _Assignment, candidate_id: Id, challenge_id: Id, admissible=None) -> BlockingPair | None:
    """The pair (candidate, challenge), the candidate preferring the challenge, if it blocks."""
    if admissible is None:
        admissible = _admissible_positions(state.index, candidate_id, challenge_id)
    witness = _witness(state, admissible, challenge_id)
    if witness is None:
        return None
    position_id, profile, rank, holder, holder_rank = witness
    return BlockingPair(
        candidate_id=candidate_id,
        challenge_id=challenge_id,
        position_id=position_id,
        profile=profile,
        list_rank=rank,
        wish_rank=state.index.wish(candidate_id, challenge_id),
        displaced_id=holder,
        displaced_rank=holder_rank,
        cause=_cause(state, candidate_id, challenge_id, profile, holder, position_id),
    )


def _cause(state: _Assignment, candidate_id, challenge_id, profile, holder, position_id) -> Reason:
    index = state.index
    current = state.challenge_of.get(candidate_id)
    if (candidate_id, state.position_of.get(candidate_id)) in index.pinned:
        return Reason("candidate_pinned")
    if holder is not None and (holder, position_id) in index.pinned:
        return Reason("holder_pinned")
    if current is not None and state.team_size[current] == index.challenges[current].min_size:
        return Reason("keeps_team_running", {"challenge_id": current, "min_size": index.challenges[current].min_size})
    if holder is not None:
        return Reason("displaces")
    got = 0
    if current is not None:
        got = index.score(candidate_id, current, index.positions[state.position_of[candidate_id]].profile)
    return Reason("weights", {"points_there": index.score(candidate_id, challenge_id, profile), "points_got": got})


def explain(index: Index, holder_of: Mapping[Id, Id]):
    """Placements, challenge outcomes, candidate outcomes and blocking pairs of an assignment."""
    state = _Assignment(index, holder_of)
    placements = {}
    for challenge_id in index.challenge_ids:
        for position_id in index.positions_of_challenge[challenge_id]:
            candidate_id = state.holder_of.get(position_id)
            if candidate_id is None:
                continue
            profile = index.positions[position_id].profile
            rank = index.list_rank[(challenge_id, profile)][candidate_id]
            placements[candidate_id] = Placement(
                candidate_id=candidate_id,
                position_id=position_id,
                challenge_id=challenge_id,
                profile=profile,
                list_rank=rank,
                on_waiting_list=rank > index.main_length[(challenge_id, profile)],
                wish_rank=index.wish(candidate_id, challenge_id),
                pinned=(candidate_id, position_id) in index.pinned,
            )
    challenges, challenge_reasons = [], {}
    for challenge_id in index.challenge_ids:
        challenge = index.challenges[challenge_id]
        team = tuple(state.holder_of[p] for p in index.positions_of_challenge[challenge_id] if p in state.holder_of)
        reason = challenge_reasons[challenge_id] = None if team else _not_running(state, challenge_id)
        challenges.append(ChallengeOutcome(challenge_id, challenge.min_size, challenge.max_size, team, reason))
    pairs, candidates = [], []
    for candidate_id in index.candidate_ids:
        better = []
        listed = index.listed_in[candidate_id]
        for challenge_id in _preferred(state, candidate_id):
            if challenge_id not in listed:  # a wish the jury did not list them for: no pair to check
                better.append(WhyNot(challenge_id, index.wish(candidate_id, challenge_id), Reason("not_on_list")))
                continue
            admissible = _admissible_positions(index, candidate_id, challenge_id)
            pair = _blocking_pair(state, candidate_id, challenge_id, admissible) if admissible else None
            if pair is not None:
                pairs.append(pair)
            better.append(_why_not(state, candidate_id, challenge_id, admissible, pair, challenge_reasons))
        placement = placements.get(candidate_id)
        reason = None
        if placement is None:
            if not index.listed_in[candidate_id]:
                reason = Reason("not_listed")
            elif not any(_admissible_positions(index, candidate_id, c) for c in index.listed_in[candidate_id]):
                reason = Reason("all_forbidden")
            else:
                reason = Reason("no_place")
        candidates.append(CandidateOutcome(candidate_id, placement, reason, tuple(better)))
    return tuple(placements.values()), tuple(challenges), tuple(candidates), tuple(pairs)


def _why_not(state: _Assignment, candidate_id, challenge_id, admissible, pair, challenge_reasons) -> WhyNot:
    index = state.index
    if challenge_id not in index.listed_in[candidate_id]:
        reason = Reason("not_on_list")
    elif not admissible:
        reason = Reason("forbidden")
    elif pair is not None:
        reason = Reason("blocking", {"cause": pair.cause.code})
    elif challenge_reasons[challenge_id] is not None:
        reason = Reason("not_running", {"challenge_reason": challenge_reasons[challenge_id].code})
    elif any(position_id not in state.holder_of for position_id, _, _ in admissible):
        reason = Reason("team_full", {"max_size": index.challenges[challenge_id].max_size})
    else:
        # Not blocking: every position they could take is held by someone ranked above them.
        _, profile, rank = min(admissible, key=lambda found: (found[2], found[0]))
        holders = sorted(
            index.list_rank[(challenge_id, profile)][state.holder_of[position_id]]
            for position_id, other_profile, _ in admissible
            if other_profile == profile
        )
        reason = Reason("outranked", {"profile": profile, "list_rank": rank, "holder_ranks": tuple(holders)})
    return WhyNot(challenge_id, index.wish(candidate_id, challenge_id), reason)


def _max_team(index: Index, challenge_id: Id, eligible) -> int:
    """The largest team the challenge could form alone from the candidates `eligible(candidate, position)`
    allows (a maximum bipartite matching by augmenting paths: a challenge has a handful of positions)."""
    options = {}
    for position_id in index.positions_of_challenge[challenge_id]:
        position = index.positions[position_id]
        ranks = index.list_rank.get((challenge_id, position.profile), {})
        options[position_id] = [candidate_id for candidate_id in ranks if eligible(candidate_id, position_id)]
    seat_of: dict[Id, Id] = {}  # candidate -> position

    def augment(position_id, seen) -> bool:
        for candidate_id in options[position_id]:
            if candidate_id in seen:
                continue
            seen.add(candidate_id)
            if candidate_id not in seat_of or augment(seat_of[candidate_id], seen):
                seat_of[candidate_id] = position_id
                return True
        return False

    matched = sum(1 for position_id in options if augment(position_id, set()))
    return min(matched, index.challenges[challenge_id].max_size)


def _not_running(state: _Assignment, challenge_id: Id) -> Reason:
    index = state.index
    minimum = index.challenges[challenge_id].min_size
    positions = len(index.positions_of_challenge[challenge_id])
    if positions < minimum:
        return Reason("too_few_positions", {"positions": positions, "min_size": minimum})
    listed = _max_team(index, challenge_id, lambda candidate_id, position_id: True)
    if listed < minimum:
        return Reason("too_few_listed", {"possible": listed, "min_size": minimum})
    admissible = _max_team(index, challenge_id, lambda c, p: (c, p) not in index.forbids)
    if admissible < minimum:
        return Reason("forbidden", {"possible": admissible, "without_forbids": listed, "min_size": minimum})
    available = _max_team(index, challenge_id, lambda c, p: (c, p) not in index.forbids and c not in state.position_of)
    if available >= minimum:
        return Reason("not_chosen", {"possible": available, "min_size": minimum})
    elsewhere = []
    for candidate_id, rank_here in sorted(_listed_elsewhere(state, challenge_id).items()):
        position_id = state.position_of[candidate_id]
        there = index.positions[position_id].challenge_id
        elsewhere.append(
            {
                "candidate_id": candidate_id,
                "challenge_id": there,
                "wish_rank_there": index.wish(candidate_id, there),
                "list_rank_there": index.rank(candidate_id, position_id),
                "wish_rank_here": index.wish(candidate_id, challenge_id),
                "list_rank_here": rank_here,
                "pinned": (candidate_id, position_id) in index.pinned,
            }
        )
    return Reason("taken_elsewhere", {"possible": available, "min_size": minimum, "elsewhere": tuple(elsewhere)})


def _listed_elsewhere(state: _Assignment, challenge_id: Id) -> dict[Id, int]:
    """The candidates who may take a position of the challenge but are placed on another one, with
    their best rank on the challenge's lists."""
    index = state.index
    found: dict[Id, int] = {}
    for position_id in index.positions_of_challenge[challenge_id]:
        position = index.positions[position_id]
        for candidate_id, rank in index.list_rank.get((challenge_id, position.profile), {}).items():
            if candidate_id in state.position_of and (candidate_id, position_id) not in index.forbids:
                found[candidate_id] = min(rank, found.get(candidate_id, rank))
    return found


def compare(before: Result, after: Result) -> tuple[Move, ...]:
    """Every candidate whose position differs between two runs (to show them side by side), by id."""
    was, now = before.assignment, after.assignment
    return tuple(
        Move(candidate_id, was.get(candidate_id), now.get(candidate_id))
        for candidate_id in sorted(was.keys() | now.keys())
        if was.get(candidate_id) != now.get(candidate_id)
    )
