"""Small random instances and brute-force checkers of the assignment model, written from the rules
themselves (docs/assignment.md), without any of the module's own code."""

import random
from collections import Counter

from fellowship.assignment import Candidate, Challenge, Position, Problem, RankedList, Weights

PROFILES = ("dev", "data", "design")


def shuffled(problem: Problem, seed: int) -> Problem:
    """The same problem with every unordered input given in another order (lists and wishes keep theirs)."""
    rng = random.Random(seed)

    def mixed(items):
        items = list(items)
        rng.shuffle(items)
        return items

    return Problem(
        challenges=mixed(problem.challenges),
        positions=mixed(problem.positions),
        lists=mixed(problem.lists),
        candidates=mixed(problem.candidates),
        pins=mixed(problem.pins),
        forbids=mixed(problem.forbids),
        weights=problem.weights,
    )


def random_problem(seed: int, *, candidates: int = 5, challenges: int = 3, staff: bool = True) -> Problem:
    """2 to `challenges` challenges of 1 to 3 positions, 2 to `candidates` candidates with 0 to 3
    wishes, random lists (main and waiting), and with `staff` up to two pins and two forbids."""
    rng = random.Random(seed)
    challenge_list, positions = [], []
    for number in range(rng.randint(2, challenges)):
        seats = rng.randint(1, 3)
        minimum = rng.choice((1, 2, 2))
        maximum = rng.randint(minimum, max(minimum, seats + rng.choice((0, 0, 1))))
        challenge_list.append(Challenge(f"C{number}", minimum, maximum))
        for _ in range(seats):
            positions.append(Position(10 + len(positions), f"C{number}", rng.choice(PROFILES)))
    people = [f"p{number}" for number in range(rng.randint(2, candidates))]
    challenge_ids = [challenge.id for challenge in challenge_list]
    candidate_list = [
        Candidate(person, rng.sample(challenge_ids, rng.randint(0, min(3, len(challenge_ids))))) for person in people
    ]
    lists = []
    for key in sorted({(position.challenge_id, position.profile) for position in positions}):
        listed = rng.sample(people, rng.randint(0, len(people)))
        cut = rng.randint(0, len(listed))
        lists.append(RankedList(key[0], key[1], listed[:cut], listed[cut:]))
    pins, forbids = [], []
    if staff:
        pairs = [(person, position.id) for person in people for position in positions]
        listed_pairs = [
            (person, position.id)
            for position in positions
            for ranked in lists
            if (ranked.challenge_id, ranked.profile) == (position.challenge_id, position.profile)
            for person in ranked.ranked
        ]
        if listed_pairs and rng.random() < 0.5:
            pins = rng.sample(listed_pairs, min(len(listed_pairs), rng.choice((1, 1, 2))))
        if rng.random() < 0.5:
            forbids = rng.sample(pairs, rng.choice((1, 2)))
    weights = Weights(running_challenge=rng.choice((0, 0, 300)), list_rank=rng.choice((10, 25)))
    return Problem(challenge_list, positions, lists, candidate_list, pins, forbids, weights)


class Rules:
    """The problem's rules and preferences, read directly from its fields."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.challenges = {challenge.id: challenge for challenge in problem.challenges}
        self.positions = {position.id: position for position in problem.positions}
        self.wishes = {candidate.id: list(candidate.wishes) for candidate in problem.candidates}
        self.ranked = {(ranked.challenge_id, ranked.profile): list(ranked.ranked) for ranked in problem.lists}
        self.forbids = set(problem.forbids)
        self.pins = set(problem.pins)

    def on_list(self, person, position_id) -> list:
        position = self.positions[position_id]
        return self.ranked.get((position.challenge_id, position.profile), [])

    def admissible(self, person, position_id) -> bool:
        return person in self.on_list(person, position_id) and (person, position_id) not in self.forbids

    def preference(self, person, challenge_id) -> int:
        """Lower is better: the wish's index, then any challenge not wished, then nothing."""
        if challenge_id is None:
            return 10**9
        wishes = self.wishes[person]
        return wishes.index(challenge_id) if challenge_id in wishes else 10**6

    def feasible(self, assignment: dict) -> bool:
        if len(set(assignment.values())) != len(assignment):
            return False
        if not all(self.admissible(person, position_id) for person, position_id in assignment.items()):
            return False
        sizes = Counter(self.positions[position_id].challenge_id for position_id in assignment.values())
        for challenge_id, challenge in self.challenges.items():
            if sizes[challenge_id] and not challenge.min_size <= sizes[challenge_id] <= challenge.max_size:
                return False
        return all(assignment.get(person) == position_id for person, position_id in self.pins)

    def objective(self, assignment: dict) -> int:
        weights = self.problem.weights
        total = 0
        for person, position_id in assignment.items():
            position = self.positions[position_id]
            rank = self.on_list(person, position_id).index(person)
            wishes = self.wishes[person]
            wish_cost = (
                weights.wish_rank * wishes.index(position.challenge_id)
                if position.challenge_id in wishes
                else weights.jury_proposal
            )
            total += weights.placement - weights.list_rank * rank - wish_cost
        running = {self.positions[position_id].challenge_id for position_id in assignment.values()}
        return total + weights.running_challenge * len(running)

    def assignments(self):
        """Every assignment (person -> position) respecting "each person at most once, each position
        at most one person, only admissible pairs"; team sizes and pins are left to `feasible`."""
        people = sorted(self.wishes)
        options = {
            person: [position_id for position_id in self.positions if self.admissible(person, position_id)]
            for person in people
        }

        def extend(number, assignment, used):
            if number == len(people):
                yield dict(assignment)
                return
            person = people[number]
            yield from extend(number + 1, assignment, used)
            for position_id in options[person]:
                if position_id not in used:
                    assignment[person] = position_id
                    used.add(position_id)
                    yield from extend(number + 1, assignment, used)
                    used.discard(position_id)
                    del assignment[person]

        yield from extend(0, {}, set())

    def best_objective(self) -> int | None:
        """The optimum over every feasible assignment; None when none is feasible."""
        values = [self.objective(a) for a in self.assignments() if self.feasible(a)]
        return max(values) if values else None

    def blocking_pairs(self, assignment: dict) -> set:
        """(person, challenge) pairs who would both prefer each other to what they got: the person is on
        the challenge's list for the profile of one of its positions and not forbidden there, prefers
        that challenge to their own, and the position is free with room in the team (which then stays
        within its sizes) or is held by someone ranked below them on that list."""
        holder = {position_id: person for person, position_id in assignment.items()}
        sizes = Counter(self.positions[position_id].challenge_id for position_id in assignment.values())
        pairs = set()
        for person in self.wishes:
            current = self.positions[assignment[person]].challenge_id if person in assignment else None
            for position_id, position in self.positions.items():
                challenge_id = position.challenge_id
                if not self.admissible(person, position_id):
                    continue
                if not self.preference(person, challenge_id) < self.preference(person, current):
                    continue
                ranked = self.on_list(person, position_id)
                other = holder.get(position_id)
                if other is None:
                    challenge = self.challenges[challenge_id]
                    works = challenge.min_size <= sizes[challenge_id] + 1 <= challenge.max_size
                else:
                    works = ranked.index(other) > ranked.index(person)
                if works:
                    pairs.add((person, challenge_id))
        return pairs
