"""The audition schedule proposal (issue 11): pure Python over plain data, no Django.

Inputs are frozen dataclasses (`Problem` holds `Audition`s, `Jury`s with their available `Interval`s,
`Candidate`s with their declared unavailability, `FixedSlot`s already booked); the output is a
`Schedule`: a `Placement` per audition placed, an `Unplaced` with a structured reason for the others.
They are defined in `auditions.scheduling_model` and importable from here.

Hard rules (`schedule_violations` checks every one of them):

- an audition lasts its own duration (30 minutes by default) and starts on the time grid: a whole
  number of `Problem.step` after `Problem.grid_origin` (the Unix epoch by default, so any step that
  divides an hour falls on the wall clock of Paris, summer and winter time alike);
- it lies inside one available interval of its jury and meets none of its candidate's unavailability;
- no jury, no candidate and no juror (a person sitting on several juries) is in two auditions at
  once: two slots of one party are at least `Problem.break_between` apart (0 by default: back to
  back is allowed, as with the database's `[)` ranges);
- a fixed slot (confirmed or pinned) stays where it is and occupies its jury, candidate and jurors.

What is optimised, in this order (soft: greedy choices then a bounded local search, not a proven
optimum):

1. place as many auditions as possible: most constrained first (fewest grid starts left free by the
   fixed slots, then by id), each at its best start below; then a repair pass that, for each one
   left out, moves aside one placed audition sharing a party with it (at most `REPAIR_TRIES`);
2. a candidate's auditions are at least `Problem.candidate_rest` (30 minutes) apart when the
   candidate has several and their free time allows it (else closer, never closer than the break);
3. the load of each jury is spread over its days: no day of a jury gets more than its fair share,
   ceil(its auditions / its days), while another of its days has room;
4. each jury's day is compact: the start that adds the least idle time to the jury's day — its
   available time left unused between its first and last audition of the day, beyond the break (a
   lunch break it is not available is not idle): filling a hole first, then right before or after;
5. the earliest such start.

Then an improvement pass takes each audition out in turn and puts it back at its best start if that
is better by the same order (2 to 5), until nothing moves (at most `IMPROVE_PASSES` passes); the
auditions still left out are tried once more.

Every input is sorted by id before use and every tie is broken by time then id, so the same inputs
give the same schedule whatever their order. Times are handled as whole seconds since the epoch;
the placements' times are aware datetimes in UTC.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Hashable

from auditions.scheduling_model import (
    DEFAULT_BLOCKS,
    DEFAULT_CANDIDATE_REST,
    DEFAULT_DURATION,
    DEFAULT_STEP,
    EPOCH,
    PARIS,
    WORKING_DAYS,
    Audition,
    Candidate,
    FixedSlot,
    Interval,
    Jury,
    Model,
    Placement,
    Problem,
    Reason,
    Schedule,
    Unplaced,
    daily_intervals,
    id_key,
    merge_intervals,
    subtract_intervals,
)

# The inputs and outputs live in auditions.scheduling_model; they are importable from here too.
__all__ = [
    "DEFAULT_BLOCKS",
    "DEFAULT_CANDIDATE_REST",
    "DEFAULT_DURATION",
    "DEFAULT_STEP",
    "EPOCH",
    "IMPROVE_PASSES",
    "PARIS",
    "REPAIR_TRIES",
    "WORKING_DAYS",
    "Audition",
    "Candidate",
    "FixedSlot",
    "Interval",
    "Jury",
    "Model",
    "Placement",
    "Problem",
    "Reason",
    "Schedule",
    "Unplaced",
    "daily_intervals",
    "id_key",
    "propose_schedule",
]

# Placed auditions the repair pass tries to move aside for one audition left out.
REPAIR_TRIES = 40
# Passes of the improvement search over every placed audition.
IMPROVE_PASSES = 4


# --- The scheduler ------------------------------------------------------------------------------


class _State:
    """Who is busy when: per party, its slots as sorted (start, end, audition) triples."""

    def __init__(self, model: Model):
        self.model = model
        self.timeline: list[list[tuple[int, int, int]]] = [[] for _ in model.party_kind]
        self.start: dict[int, int] = {}
        self.day_load: dict[tuple[Hashable, dt.date], int] = defaultdict(int)
        for i, t in sorted(model.fixed.items()):
            self.place(i, t)

    def place(self, i: int, t: int) -> None:
        slot = (t, t + self.model.duration[i], i)
        for p in self.model.parties[i]:
            bisect.insort(self.timeline[p], slot)
        self.start[i] = t
        self.day_load[self.model.jury[i], self.model.day(self.model.jury[i], t)] += 1

    def remove(self, i: int) -> int:
        t = self.start.pop(i)
        slot = (t, t + self.model.duration[i], i)
        for p in self.model.parties[i]:
            line = self.timeline[p]
            del line[bisect.bisect_left(line, slot)]
        self.day_load[self.model.jury[i], self.model.day(self.model.jury[i], t)] -= 1
        return t

    def busy(self, p: int, gap: int, skip: int = -1) -> list[tuple[int, int]]:
        return [(s - gap, e + gap) for s, e, j in self.timeline[p] if j != skip]

    def free(self, i: int, candidate_gap: int) -> list[tuple[int, int]]:
        """The time where audition i may lie: every slot of its parties widened by the break (by
        `candidate_gap` for its candidate's), taken out of its jury's time outside the unavailability."""
        model = self.model
        jury_party, candidate_party, *jurors = model.parties[i]
        free = subtract_intervals(model.base(i), self.busy(candidate_party, candidate_gap, skip=i))
        # A jury's slots are in each of its members' timelines too. Each timeline is sorted by start,
        # and so is it widened: no merge needed.
        for p in jurors or [jury_party]:
            if free:
                free = subtract_intervals(free, self.busy(p, model.brk, skip=i))
        return free

    def cost(self, i: int, t: int) -> tuple[int, int, int]:
        """Lowest wins: (auditions beyond the jury's fair share of that day, idle time added to the jury's
        day, start). Idle time is the jury's available time, beyond the break, left unused between its
        auditions of a day."""
        model = self.model
        jury, d = model.jury[i], model.duration[i]
        k = model.block(jury, t)
        load = self.day_load[jury, model.block_days[jury][k]]
        day_start, day_end = model.day_span[jury][k]
        line = self.timeline[model.parties[i][0]]
        lo, hi = bisect.bisect_left(line, (day_start,)), bisect.bisect_left(line, (day_end,))
        if lo == hi:
            idle = 0
        elif t >= line[hi - 1][1]:
            idle = max(0, model.available_between(jury, line[hi - 1][1], t) - model.brk)
        elif t + d <= line[lo][0]:
            idle = max(0, model.available_between(jury, t + d, line[lo][0]) - model.brk)
        else:
            idle = -d  # fills a hole in the jury's day
        return (max(0, load + 1 - model.day_share[jury]), idle, t)

    def best(self, i: int, candidate_gap: int) -> int | None:
        """The best grid start for audition i in its free time, or None. Within one free interval,
        the best start is its first or its last grid start (see `cost`)."""
        model, d, best = self.model, self.model.duration[i], None
        for a, b in self.free(i, candidate_gap):
            first, last = model.grid_up(a), model.grid_down(b - d)
            for t in (first, last) if first < last else (first,) if first == last else ():
                cost = self.cost(i, t)
                if best is None or cost < best:
                    best = cost
        return None if best is None else best[-1]

    def rested(self, i: int) -> bool:
        """Whether audition i is at least the candidate's rest away from the candidate's others."""
        t, d, rest = self.start[i], self.model.duration[i], self.model.rest
        return all(
            e + rest <= t or t + d + rest <= s for s, e, j in self.timeline[self.model.candidate_party[i]] if j != i
        )

    def place_best(self, i: int) -> bool:
        """Place audition i at its best start, rested for its candidate if possible."""
        model, t = self.model, None
        if model.rest > model.brk and len(self.timeline[model.candidate_party[i]]) > (i in self.start):
            t = self.best(i, model.rest)
        if t is None:
            t = self.best(i, model.brk)
        if t is not None:
            self.place(i, t)
        return t is not None


def propose_schedule(problem: Problem) -> Schedule:
    """The proposed schedule: see the module's docstring for the rules and what is optimised."""
    model = Model(problem)
    state = _State(model)
    movable = [i for i in range(len(model.ids)) if i not in model.fixed]
    alone = {i: state.free(i, model.brk) for i in movable}  # with the fixed slots only
    order = sorted(movable, key=lambda i: (model.starts(i, alone[i]), i))
    left = [i for i in order if not state.place_best(i)]
    left = [i for i in left if not _repair(state, i, alone[i])]
    _improve(state, movable)
    left = [i for i in left if not state.place_best(i)]  # the improvement may have made room
    return _schedule(model, state, [_why(model, state, i, alone[i]) for i in sorted(left)])


def _improve(state: _State, movable: list[int]) -> None:
    """Bounded local search: take each placed audition out and put it back at its best start, if that
    is better (a candidate's rest first, then the cost), until nothing moves or IMPROVE_PASSES."""
    model = state.model
    for _ in range(IMPROVE_PASSES):
        moved = False
        for i in movable:
            if i not in state.start:
                continue
            rested = state.rested(i)
            old = state.remove(i)
            over, idle, _ = state.cost(i, old)
            if rested and over == 0 and idle <= 0:  # nothing to gain but an earlier start
                state.place(i, old)
                continue
            new = state.best(i, model.rest)
            if rested:
                better = new is not None and state.cost(i, new) < state.cost(i, old)
            elif new is not None:
                better = True  # the candidate gets their rest
            else:
                new = state.best(i, model.brk)
                better = new is not None and state.cost(i, new) < state.cost(i, old)
            state.place(i, new if better else old)
            moved = moved or better
        if not moved:
            return


def _repair(state: _State, i: int, alone: list[tuple[int, int]]) -> bool:
    """Move one placed audition that shares a party with audition i and takes some of the time i
    could have alone, so that i fits and the moved one fits elsewhere."""
    model, d, brk = state.model, state.model.duration[i], state.model.brk
    windows = [(a, b) for a, b in alone if model.grid_up(a) <= model.grid_down(b - d)]
    neighbours = sorted(
        {
            j
            for p in model.parties[i]
            for s, e, j in state.timeline[p]
            if j not in model.fixed and any(s - brk < b and a < e + brk for a, b in windows)
        }
    )
    for j in neighbours[:REPAIR_TRIES]:
        old = state.remove(j)
        if state.place_best(i):
            if state.place_best(j):
                return True
            state.remove(i)
        state.place(j, old)
    return False


def _why(model: Model, state: _State, i: int, alone: list[tuple[int, int]]) -> Unplaced:
    audition_id = model.ids[i]
    if not model.starts(i, model.availability[model.jury[i]]):
        return Unplaced(audition_id, Reason.NO_JURY_TIME)
    base = model.base(i)
    if not model.starts(i, base):
        return Unplaced(audition_id, Reason.NO_COMMON_TIME)
    # Against the fixed slots alone (BOOKED) or the whole proposal (NO_CAPACITY): the parties whose
    # slots take grid starts the audition would otherwise have (a juror: through another jury).
    booked = not model.starts(i, alone)
    if booked:
        state = _State(model)
    reference = base if booked else alone
    possible = model.starts(i, reference)
    blocking = []
    for p in model.parties[i]:
        kind = model.party_kind[p]
        busy = merge_intervals(
            (s - model.brk, e + model.brk)
            for s, e, j in state.timeline[p]
            if j != i and (kind != "juror" or model.jury[j] != model.jury[i])
        )
        if model.starts(i, subtract_intervals(reference, busy)) < possible:
            blocking.append((kind, model.party_id[p]))
    reason = Reason.BOOKED if booked else Reason.NO_CAPACITY
    return Unplaced(audition_id, reason, tuple(sorted(blocking, key=_party_key)))


def _party_key(party: tuple[str, Hashable]) -> tuple:
    return (party[0], id_key(party[1]))


def _schedule(model: Model, state: _State, unplaced: list[Unplaced]) -> Schedule:
    placements = sorted((t, id_key(model.jury[i]), i) for i, t in state.start.items())
    return Schedule(
        placements=tuple(
            Placement(model.ids[i], model.datetime(t), model.datetime(t + model.duration[i]), i in model.fixed)
            for t, _, i in placements
        ),
        unplaced=tuple(unplaced),
    )
