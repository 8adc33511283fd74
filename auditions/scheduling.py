"""The audition schedule proposal (issue 11): pure Python over plain data, no Django.

Inputs are frozen dataclasses (`Problem` holds `Audition`s, `Jury`s with their available `Interval`s,
`Candidate`s with their declared unavailability, `FixedSlot`s already booked); the output is a
`Schedule`: a `Placement` per audition placed, an `Unplaced` with a structured reason for the others.

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
import enum
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

PARIS = "Europe/Paris"
DEFAULT_DURATION = dt.timedelta(minutes=30)
DEFAULT_STEP = dt.timedelta(minutes=5)
DEFAULT_CANDIDATE_REST = dt.timedelta(minutes=30)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# The usual audition day: a morning and an afternoon block, on working days (Monday = 0).
DEFAULT_BLOCKS = ((dt.time(9), dt.time(12, 30)), (dt.time(14), dt.time(18)))
WORKING_DAYS = frozenset(range(5))
# Placed auditions the repair pass tries to move aside for one audition left out.
REPAIR_TRIES = 40
# Passes of the improvement search over every placed audition.
IMPROVE_PASSES = 4
_SECOND = dt.timedelta(seconds=1)


@dataclass(frozen=True)
class Interval:
    """[start, end) between two aware datetimes."""

    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Audition:
    id: Hashable
    candidate_id: Hashable
    jury_id: Hashable
    duration: dt.timedelta = DEFAULT_DURATION


@dataclass(frozen=True)
class Jury:
    id: Hashable
    member_ids: frozenset = frozenset()
    availability: tuple[Interval, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "member_ids", frozenset(self.member_ids))
        object.__setattr__(self, "availability", tuple(self.availability))


@dataclass(frozen=True)
class Candidate:
    """A candidate's declared unavailability (a candidate without any needs no entry)."""

    id: Hashable
    unavailability: tuple[Interval, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "unavailability", tuple(self.unavailability))


@dataclass(frozen=True)
class FixedSlot:
    """An audition already booked (confirmed or pinned): it stays at `start` for its duration."""

    audition_id: Hashable
    start: dt.datetime


@dataclass(frozen=True)
class Problem:
    auditions: tuple[Audition, ...]
    juries: tuple[Jury, ...]
    candidates: tuple[Candidate, ...] = ()
    fixed: tuple[FixedSlot, ...] = ()
    break_between: dt.timedelta = dt.timedelta(0)
    step: dt.timedelta = DEFAULT_STEP
    candidate_rest: dt.timedelta = DEFAULT_CANDIDATE_REST
    grid_origin: dt.datetime = EPOCH
    timezone: str = PARIS

    def __post_init__(self):
        for name in ("auditions", "juries", "candidates", "fixed"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


@dataclass(frozen=True)
class Placement:
    audition_id: Hashable
    start: dt.datetime
    end: dt.datetime
    fixed: bool = False


class Reason(enum.StrEnum):
    """Why an audition was left out; the first that applies, checked in this order."""

    NO_JURY_TIME = "no_jury_time"  # its jury has no available interval that holds it on the grid
    NO_COMMON_TIME = "no_common_time"  # none of the jury's time is outside the candidate's unavailability
    BOOKED = "booked"  # the fixed slots of its jury, candidate or jurors take all their common time
    NO_CAPACITY = "no_capacity"  # it fitted alone, but other auditions took the time left (see `blocking`)


@dataclass(frozen=True)
class Unplaced:
    audition_id: Hashable
    reason: Reason
    # The parties whose other auditions take some of the time it needed, as (kind, id) with kind
    # "jury", "juror" or "candidate", sorted (for BOOKED and NO_CAPACITY).
    blocking: tuple[tuple[str, Hashable], ...] = ()


@dataclass(frozen=True)
class Schedule:
    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...] = ()

    def placement(self, audition_id: Hashable) -> Placement | None:
        return next((p for p in self.placements if p.audition_id == audition_id), None)


def id_key(value: Hashable) -> tuple[str, Hashable]:
    """Sort key for ids of any one orderable type (mixed ints and strings sort by type name first)."""
    return (type(value).__name__, value)


def daily_intervals(
    window_start: dt.datetime,
    window_end: dt.datetime,
    *,
    blocks: Iterable[tuple[dt.time, dt.time]] = DEFAULT_BLOCKS,
    timezone: str = PARIS,
    weekdays: Iterable[int] = WORKING_DAYS,
) -> tuple[Interval, ...]:
    """The usual available intervals inside a window: each day's `blocks` (wall-clock times in `timezone`,
    9:00-12:30 and 14:00-18:00 by default) on the given `weekdays` (Monday to Friday), cut to the window."""
    tz = ZoneInfo(timezone)
    day, last = window_start.astimezone(tz).date(), window_end.astimezone(tz).date()
    weekdays, blocks = frozenset(weekdays), tuple(blocks)
    intervals = []
    while day <= last:
        if day.weekday() in weekdays:
            for opens, closes in blocks:
                start = max(dt.datetime.combine(day, opens, tzinfo=tz), window_start)
                end = min(dt.datetime.combine(day, closes, tzinfo=tz), window_end)
                if start < end:
                    intervals.append(Interval(start, end))
        day += dt.timedelta(days=1)
    return tuple(intervals)


# --- Compilation: ids sorted into indices, times into whole seconds ---------------------------------


def _seconds(value: dt.datetime) -> int:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: every time must be aware")
    return (value - EPOCH) // _SECOND


def _span(value: dt.timedelta) -> int:
    return value // _SECOND


def _merge(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping, non-touching intervals covering the same time."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _subtract(base: list[tuple[int, int]], busy: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`base` minus `busy`: both sorted by start, `base` merged (`busy` may overlap)."""
    free, k = [], 0
    for start, end in base:
        while k < len(busy) and busy[k][1] <= start:
            k += 1
        cursor, j = start, k
        while j < len(busy) and busy[j][0] < end:
            if busy[j][0] > cursor:
                free.append((cursor, busy[j][0]))
            cursor = max(cursor, busy[j][1])
            j += 1
        if cursor < end:
            free.append((cursor, end))
    return free


def _intervals(values: Iterable[Interval], what: str) -> list[tuple[int, int]]:
    pairs = [(_seconds(i.start), _seconds(i.end)) for i in values]
    if any(start >= end for start, end in pairs):
        raise ValueError(f"an interval of {what} ends before it starts")
    return _merge(pairs)


def _unique(items, key, what: str) -> list:
    items = sorted(items, key=lambda item: id_key(key(item)))
    for previous, item in zip(items, items[1:], strict=False):
        if key(previous) == key(item):
            raise ValueError(f"{what} {key(item)!r} appears twice")
    return items


class Model:
    """A `Problem` compiled for the scheduler and the checker (indices and seconds)."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.tz = ZoneInfo(problem.timezone)
        self.step, self.brk = _span(problem.step), _span(problem.break_between)
        self.rest = max(self.brk, _span(problem.candidate_rest))
        self.origin = _seconds(problem.grid_origin)
        if self.step <= 0 or self.brk < 0:
            raise ValueError("the grid step must be positive and the break not negative")
        juries = _unique(problem.juries, lambda j: j.id, "jury")
        self.availability = {j.id: _intervals(j.availability, f"jury {j.id!r}") for j in juries}
        self.block_starts = {jid: [start for start, _ in blocks] for jid, blocks in self.availability.items()}
        self.block_days = {
            jid: [dt.datetime.fromtimestamp(start, self.tz).date() for start, _ in blocks]
            for jid, blocks in self.availability.items()
        }
        # Per jury: the available seconds before each interval, and each interval's day (the first
        # start and last end of the jury's intervals that start on the same local date).
        self.available_before: dict[Hashable, list[int]] = {}
        self.day_span: dict[Hashable, list[tuple[int, int]]] = {}
        for jid, blocks in self.availability.items():
            before, total, span = [], 0, {}
            for (start, end), day in zip(blocks, self.block_days[jid], strict=True):
                before.append(total)
                total += end - start
                span[day] = (span.get(day, (start, end))[0], end)
            self.available_before[jid] = before
            self.day_span[jid] = [span[day] for day in self.block_days[jid]]
        members = {j.id: sorted(j.member_ids, key=id_key) for j in juries}
        unavailability = {
            c.id: _intervals(c.unavailability, f"candidate {c.id!r}")
            for c in _unique(problem.candidates, lambda c: c.id, "candidate")
        }
        auditions = _unique(problem.auditions, lambda a: a.id, "audition")
        self.ids = [a.id for a in auditions]
        self.index = {a.id: i for i, a in enumerate(auditions)}
        self.jury = [a.jury_id for a in auditions]
        self.duration = [_span(a.duration) for a in auditions]
        self.unavailability = [unavailability.get(a.candidate_id, []) for a in auditions]
        # Parties: every jury, candidate and juror gets an index; an audition occupies its jury,
        # its candidate and each member of its jury.
        self.party_kind: list[str] = []
        self.party_id: list[Hashable] = []
        party_index: dict[tuple[str, Hashable], int] = {}

        def party(kind: str, pid: Hashable) -> int:
            if (kind, pid) not in party_index:
                party_index[kind, pid] = len(self.party_kind)
                self.party_kind.append(kind)
                self.party_id.append(pid)
            return party_index[kind, pid]

        self.parties: list[tuple[int, ...]] = []
        self.candidate_party: list[int] = []
        for a in auditions:
            if a.jury_id not in self.availability:
                raise ValueError(f"audition {a.id!r}: unknown jury {a.jury_id!r}")
            if self.duration[len(self.parties)] <= 0:
                raise ValueError(f"audition {a.id!r}: the duration must be positive")
            self.candidate_party.append(party("candidate", a.candidate_id))
            jurors = tuple(party("juror", m) for m in members[a.jury_id])
            self.parties.append((party("jury", a.jury_id), self.candidate_party[-1], *jurors))
        counts: dict[Hashable, int] = defaultdict(int)
        for jury_id in self.jury:
            counts[jury_id] += 1
        # A jury's fair share of auditions per day: ceil(its auditions / its days).
        self.day_share = {jid: -(-counts[jid] // max(1, len(set(days)))) for jid, days in self.block_days.items()}
        self.party_auditions: list[list[int]] = [[] for _ in self.party_kind]
        for i, parties in enumerate(self.parties):
            for p in parties:
                self.party_auditions[p].append(i)
        self.fixed: dict[int, int] = {}
        for slot in _unique(problem.fixed, lambda f: f.audition_id, "fixed slot for audition"):
            if slot.audition_id not in self.index:
                raise ValueError(f"fixed slot for unknown audition {slot.audition_id!r}")
            self.fixed[self.index[slot.audition_id]] = _seconds(slot.start)
        self._base: dict[tuple[Hashable, Hashable], list[tuple[int, int]]] = {}

    def grid_up(self, t: int) -> int:
        return t + (self.origin - t) % self.step

    def grid_down(self, t: int) -> int:
        return t - (t - self.origin) % self.step

    def starts(self, i: int, free: list[tuple[int, int]]) -> int:
        """How many grid starts of audition i the free intervals hold."""
        d = self.duration[i]
        return sum(max(0, (self.grid_down(b - d) - self.grid_up(a)) // self.step + 1) for a, b in free)

    def base(self, i: int) -> list[tuple[int, int]]:
        """The jury's available time outside the candidate's unavailability."""
        key = (self.jury[i], self.parties[i][1])
        if key not in self._base:
            self._base[key] = _subtract(self.availability[self.jury[i]], self.unavailability[i])
        return self._base[key]

    def block(self, jury_id: Hashable, t: int) -> int:
        """Index of the jury's available interval that contains t, or -1."""
        k = bisect.bisect_right(self.block_starts[jury_id], t) - 1
        return k if k >= 0 and t < self.availability[jury_id][k][1] else -1

    def available_upto(self, jury_id: Hashable, t: int) -> int:
        """The jury's available seconds before t."""
        k = bisect.bisect_right(self.block_starts[jury_id], t) - 1
        if k < 0:
            return 0
        start, end = self.availability[jury_id][k]
        return self.available_before[jury_id][k] + min(t, end) - start

    def available_between(self, jury_id: Hashable, start: int, end: int) -> int:
        return self.available_upto(jury_id, end) - self.available_upto(jury_id, start)

    def day(self, jury_id: Hashable, t: int) -> dt.date:
        k = self.block(jury_id, t)
        return self.block_days[jury_id][k] if k >= 0 else dt.datetime.fromtimestamp(t, self.tz).date()

    def datetime(self, t: int) -> dt.datetime:
        # In UTC: an aware datetime in Paris during the repeated hour of the autumn change never
        # compares equal to one in another zone (PEP 495), a UTC one always does.
        return dt.datetime.fromtimestamp(t, dt.UTC)


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
        free = _subtract(model.base(i), self.busy(candidate_party, candidate_gap, skip=i))
        # A jury's slots are in each of its members' timelines too. Each timeline is sorted by start,
        # and so is it widened: no merge needed.
        for p in jurors or [jury_party]:
            if free:
                free = _subtract(free, self.busy(p, model.brk, skip=i))
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
        busy = _merge(
            (s - model.brk, e + model.brk)
            for s, e, j in state.timeline[p]
            if j != i and (kind != "juror" or model.jury[j] != model.jury[i])
        )
        if model.starts(i, _subtract(reference, busy)) < possible:
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
