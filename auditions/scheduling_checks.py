"""Checks of an audition schedule against its `Problem`: every broken hard rule, and quality figures.

`schedule_violations(problem, schedule)` lists every broken rule of `auditions.scheduling`'s module
docstring; the tests and the benchmark check each proposal with it, and the Django side will check a
slot moved by hand before saving it: `move_violations(problem, schedule, audition_id, start)` answers
"is this one move allowed?" by checking only the rules that involve the moved audition.
`schedule_stats` measures what the proposal optimises (holes in days, days, spread, candidates' rest).
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from auditions.scheduling_model import Model, Placement, Problem, Schedule, id_key, to_seconds


class Rule(enum.StrEnum):
    UNKNOWN_AUDITION = "unknown_audition"  # a placement for an audition the problem does not hold
    PLACED_TWICE = "placed_twice"
    DURATION = "duration"  # end − start is not the audition's duration
    OFF_GRID = "off_grid"  # a start off the time grid (fixed slots are exempt: placed by hand)
    FIXED_MOVED = "fixed_moved"  # a fixed slot elsewhere than booked, or missing
    OUTSIDE_AVAILABILITY = "outside_availability"  # not inside one available interval of its jury
    CANDIDATE_UNAVAILABLE = "candidate_unavailable"  # meets the candidate's declared unavailability
    JURY_OVERLAP = "jury_overlap"  # two auditions of one jury closer than the break
    CANDIDATE_OVERLAP = "candidate_overlap"  # two auditions of one candidate closer than the break
    JUROR_OVERLAP = "juror_overlap"  # a juror's auditions in two juries closer than the break


_OVERLAP = {"jury": Rule.JURY_OVERLAP, "candidate": Rule.CANDIDATE_OVERLAP, "juror": Rule.JUROR_OVERLAP}


@dataclass(frozen=True)
class Violation:
    rule: Rule
    audition_ids: tuple[Hashable, ...]  # one, or the two that clash (sorted)
    party: tuple[str, Hashable] | None = None  # for an overlap: ("jury" | "candidate" | "juror", id)


def schedule_violations(
    problem: Problem | Model, schedule: Schedule | Iterable[Placement], *, only: Iterable[Hashable] | None = None
) -> tuple[Violation, ...]:
    """Every broken rule, sorted by audition(s) then rule. With `only` (audition ids), only the violations
    that involve one of them. `problem` may be a `Model` already compiled from it, to check many moves fast."""
    model = problem if isinstance(problem, Model) else Model(problem)
    placements = schedule.placements if isinstance(schedule, Schedule) else tuple(schedule)
    only = None if only is None else set(only)
    focus = None if only is None else {model.index[a] for a in only if a in model.index}
    # With a focus, only the auditions sharing a party with it matter.
    relevant = (
        None if focus is None else {j for i in focus for p in model.parties[i] for j in model.party_auditions[p]}
    )
    found: list[Violation] = []
    slots: dict[int, tuple[int, int]] = {}
    for placement in placements:
        i = model.index.get(placement.audition_id)
        if i is None:
            if only is None or placement.audition_id in only:
                found.append(Violation(Rule.UNKNOWN_AUDITION, (placement.audition_id,)))
        elif relevant is not None and i not in relevant:
            continue
        elif i in slots:
            if focus is None or i in focus:
                found.append(Violation(Rule.PLACED_TWICE, (placement.audition_id,)))
        else:
            slots[i] = (to_seconds(placement.start), to_seconds(placement.end))
    for i in sorted(slots if focus is None else focus & slots.keys()):
        found += (Violation(rule, (model.ids[i],)) for rule in _slot_rules(model, i, *slots[i]))
    for i in sorted(model.fixed.keys() - slots.keys()):
        if focus is None or i in focus:
            found.append(Violation(Rule.FIXED_MOVED, (model.ids[i],)))
    found += _overlaps(model, slots, focus)
    return tuple(sorted(found, key=_violation_key))


def move_violations(
    problem: Problem | Model, schedule: Schedule | Iterable[Placement], audition_id: Hashable, start: dt.datetime
) -> tuple[Violation, ...]:
    """What moving (or placing) one audition to `start`, for its duration, would break; () if allowed.
    A fixed audition being moved by hand must not be given as fixed in the problem."""
    model = problem if isinstance(problem, Model) else Model(problem)
    placements = schedule.placements if isinstance(schedule, Schedule) else tuple(schedule)
    end = start + dt.timedelta(seconds=model.duration[model.index[audition_id]])
    moved = Placement(audition_id, start, end)
    others = [p for p in placements if p.audition_id != audition_id]
    return schedule_violations(model, [*others, moved], only=[audition_id])


def _slot_rules(model: Model, i: int, start: int, end: int) -> Iterable[Rule]:
    if end - start != model.duration[i]:
        yield Rule.DURATION
    if i in model.fixed:
        if model.fixed[i] != start:
            yield Rule.FIXED_MOVED
    elif (start - model.origin) % model.step:
        yield Rule.OFF_GRID
    jury = model.jury[i]
    k = model.block(jury, start)
    if k < 0 or end > model.availability[jury][k][1] or end <= start:
        yield Rule.OUTSIDE_AVAILABILITY
    unavailability = model.unavailability[i]
    k = bisect.bisect_right(unavailability, (start, float("inf"))) - 1
    if (k >= 0 and unavailability[k][1] > start) or (k + 1 < len(unavailability) and unavailability[k + 1][0] < end):
        yield Rule.CANDIDATE_UNAVAILABLE


def _overlaps(model: Model, slots: dict[int, tuple[int, int]], focus: set[int] | None) -> list[Violation]:
    """Per party, a sweep over its slots by start: each pair closer than the break, once."""
    by_party: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    wanted = None if focus is None else {p for i in focus for p in model.parties[i]}
    for i, (start, end) in slots.items():
        for p in model.parties[i]:
            if wanted is None or p in wanted:
                by_party[p].append((start, end, i))
    found = []
    for p, line in by_party.items():
        kind = model.party_kind[p]
        active: list[tuple[int, int, int]] = []
        for start, end, i in sorted(line):
            active = [slot for slot in active if slot[1] + model.brk > start]
            for _, _, j in active:
                # Two auditions of one jury clash as a jury overlap, not once more for each member.
                if kind == "juror" and model.jury[i] == model.jury[j]:
                    continue
                if focus is None or i in focus or j in focus:
                    ids = tuple(sorted((model.ids[i], model.ids[j]), key=id_key))
                    found.append(Violation(_OVERLAP[kind], ids, (kind, model.party_id[p])))
            active.append((start, end, i))
    return found


_RULES = list(Rule)


def _violation_key(violation: Violation) -> tuple:
    """By audition(s), then rule in the order of `Rule`, then party."""
    party = () if violation.party is None else (violation.party[0], id_key(violation.party[1]))
    return ([id_key(a) for a in violation.audition_ids], _RULES.index(violation.rule), party)


@dataclass(frozen=True)
class ScheduleStats:
    placed: int
    unplaced: int
    jury_days: int  # (jury, day) pairs with at least one audition
    # Holes: between two consecutive auditions of a jury on one day, unused available time that could
    # hold one more of its shortest auditions on the grid, with the breaks: the day could be shorter.
    holes: int
    # The jury's available time unused between its consecutive auditions of a day, beyond the break
    # (holes and leftovers too short to hold an audition; a lunch break it is not available is not idle).
    idle_minutes: int
    day_spread: int  # over the juries, the sum of (most − fewest auditions on a day the jury is available)
    candidate_close_pairs: int  # pairs of a candidate's auditions closer than the candidate's rest


def schedule_stats(problem: Problem, schedule: Schedule) -> ScheduleStats:
    model = Model(problem)
    by_day: dict[tuple[Hashable, dt.date], list[tuple[int, int]]] = defaultdict(list)
    per_day: dict[Hashable, dict[dt.date, int]] = {
        jury: dict.fromkeys(days, 0) for jury, days in model.block_days.items()
    }
    by_candidate: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for placement in schedule.placements:
        i = model.index[placement.audition_id]
        start, end = to_seconds(placement.start), to_seconds(placement.end)
        jury = model.jury[i]
        day = model.day(jury, start)
        by_day[jury, day].append((start, end))
        per_day[jury][day] = per_day[jury].get(day, 0) + 1
        by_candidate[model.candidate_party[i]].append((start, end))
    shortest = {}
    for i, jury in enumerate(model.jury):
        shortest[jury] = min(shortest.get(jury, model.duration[i]), model.duration[i])
    idle, holes = 0, 0
    for (jury, _), line in by_day.items():
        line.sort()
        for a, b in zip(line, line[1:], strict=False):
            idle += max(0, model.available_between(jury, a[1], b[0]) - model.brk)
            holes += _holds(model, jury, a[1], b[0], shortest[jury])
    close = sum(
        1
        for line in by_candidate.values()
        for n, a in enumerate(sorted(line))
        for b in sorted(line)[n + 1 :]
        if b[0] < a[1] + model.rest
    )
    return ScheduleStats(
        placed=len(schedule.placements),
        unplaced=len(schedule.unplaced),
        jury_days=sum(1 for days in per_day.values() for n in days.values() if n),
        holes=holes,
        idle_minutes=idle // 60,
        day_spread=sum(max(days.values()) - min(days.values()) for days in per_day.values() if days),
        candidate_close_pairs=close,
    )


def _holds(model: Model, jury: Hashable, after: int, before: int, duration: int) -> bool:
    """Whether the jury's available time between two of its auditions (ending at `after`, starting at
    `before`) holds one more audition of `duration` on the grid, with the break next to each of them."""
    for start, end in model.availability[jury]:
        low = after + model.brk if start <= after else start
        high = before - model.brk if end >= before else end
        if max(start, after) < min(end, before) and model.grid_up(low) + duration <= high:
            return True
    return False
