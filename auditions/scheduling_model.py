"""The data of the audition schedule proposal (`auditions.scheduling`): the frozen dataclasses in and
out, the usual availability, and `Model`, a `Problem` compiled into indices and whole seconds for the
scheduler and the checker (`auditions.scheduling_checks`). Pure Python, no Django."""

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


def to_seconds(value: dt.datetime) -> int:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: every time must be aware")
    return (value - EPOCH) // _SECOND


def _span(value: dt.timedelta) -> int:
    return value // _SECOND


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping, non-touching intervals covering the same time."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract_intervals(base: list[tuple[int, int]], busy: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
    pairs = [(to_seconds(i.start), to_seconds(i.end)) for i in values]
    if any(start >= end for start, end in pairs):
        raise ValueError(f"an interval of {what} ends before it starts")
    return merge_intervals(pairs)


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
        self.origin = to_seconds(problem.grid_origin)
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
            self.fixed[self.index[slot.audition_id]] = to_seconds(slot.start)
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
            self._base[key] = subtract_intervals(self.availability[self.jury[i]], self.unavailability[i])
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
