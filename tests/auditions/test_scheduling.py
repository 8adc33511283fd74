"""The audition schedule proposal (auditions.scheduling) and its checker (auditions.scheduling_checks):
hand-made cases with exact starts, each rule alone, the reasons given for what cannot be placed,
then properties over hundreds of random instances. Pure Python: no database."""

import datetime as dt
import random
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from auditions.scheduling import (
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
    propose_schedule,
)
from auditions.scheduling_checks import (
    Rule,
    ScheduleStats,
    Violation,
    move_violations,
    schedule_stats,
    schedule_violations,
)

ROOT = Path(__file__).resolve().parents[2]
PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC
MINUTES = dt.timedelta(minutes=1)


def at(day: int, hour: int, minute: int = 0, *, month: int = 6) -> dt.datetime:
    """A time in Paris in 2026 (8 June 2026 is a Monday)."""
    return dt.datetime(2026, month, day, hour, minute, tzinfo=PARIS)


def span(day: int, opens: tuple[int, int], closes: tuple[int, int], *, month: int = 6) -> Interval:
    return Interval(at(day, *opens, month=month), at(day, *closes, month=month))


def starts(schedule: Schedule) -> dict:
    return {p.audition_id: p.start for p in schedule.placements}


def jury(jury_id="J", members=("m1", "m2"), *available: Interval) -> Jury:
    return Jury(jury_id, frozenset(members), available or (span(8, (9, 0), (12, 30)),))


def proposal(problem: Problem) -> Schedule:
    """The proposal, after checking that it breaks no rule."""
    schedule = propose_schedule(problem)
    assert schedule_violations(problem, schedule) == ()
    return schedule


# --- Hand-made cases -------------------------------------------------------------------------------


def test_proposal_places_a_jury_back_to_back_from_its_first_hour():
    problem = Problem([Audition(f"a{n}", f"c{n}", "J") for n in range(3)], [jury()])

    schedule = proposal(problem)

    assert schedule.placements == (
        Placement("a0", at(8, 9, 0), at(8, 9, 30)),
        Placement("a1", at(8, 9, 30), at(8, 10, 0)),
        Placement("a2", at(8, 10, 0), at(8, 10, 30)),
    )
    assert schedule.unplaced == ()


def test_proposal_spreads_a_jury_over_its_days_in_fair_shares_each_day_compact():
    week = daily_intervals(at(8, 0), at(10, 0))  # Monday and Tuesday, mornings and afternoons
    problem = Problem([Audition(f"a{n}", f"c{n}", "J") for n in range(5)], [jury("J", ("m1",), *week)])

    # A fair share is ceil(5 / 2) = 3 auditions a day.
    assert starts(proposal(problem)) == {
        "a0": at(8, 9, 0),
        "a1": at(8, 9, 30),
        "a2": at(8, 10, 0),
        "a3": at(9, 9, 0),
        "a4": at(9, 9, 30),
    }


def test_proposal_keeps_the_break_between_two_slots_of_a_jury():
    problem = Problem(
        [Audition(f"a{n}", f"c{n}", "J") for n in range(3)], [jury()], break_between=dt.timedelta(minutes=10)
    )

    assert starts(proposal(problem)) == {"a0": at(8, 9, 0), "a1": at(8, 9, 40), "a2": at(8, 10, 20)}


def test_proposal_gives_each_audition_its_own_duration():
    problem = Problem(
        [Audition("a0", "c0", "J", dt.timedelta(minutes=45)), Audition("a1", "c1", "J", dt.timedelta(minutes=20))],
        [jury()],
    )

    assert proposal(problem).placements == (
        Placement("a0", at(8, 9, 0), at(8, 9, 45)),
        Placement("a1", at(8, 9, 45), at(8, 10, 5)),
    )


def test_proposal_never_puts_a_juror_in_two_juries_at_once():
    morning = span(8, (9, 0), (11, 0))
    auditions = [Audition("a0", "c0", "J1"), Audition("a1", "c1", "J1"), Audition("a2", "c2", "J2")]
    shared = Problem(auditions, [jury("J1", ("m", "x"), morning), jury("J2", ("m", "y"), morning)])
    apart = Problem(auditions, [jury("J1", ("m", "x"), morning), jury("J2", ("n", "y"), morning)])

    assert starts(proposal(shared)) == {"a0": at(8, 9, 0), "a1": at(8, 9, 30), "a2": at(8, 10, 0)}
    assert starts(proposal(apart)) == {"a0": at(8, 9, 0), "a1": at(8, 9, 30), "a2": at(8, 9, 0)}


def test_proposal_respects_a_candidate_s_unavailability_on_the_grid():
    busy = Candidate("c0", (Interval(at(8, 8, 0), at(8, 10, 15)),))
    problem = Problem([Audition("a0", "c0", "J"), Audition("a1", "c1", "J")], [jury()], [busy])

    assert starts(proposal(problem)) == {"a0": at(8, 10, 15), "a1": at(8, 9, 45)}
    assert starts(proposal(replace(problem, step=dt.timedelta(minutes=30)))) == {
        "a0": at(8, 10, 30),
        "a1": at(8, 10, 0),
    }


def test_proposal_keeps_fixed_slots_and_works_around_them():
    problem = Problem(
        [Audition("a0", "c0", "J"), Audition("a1", "c1", "J"), Audition("a2", "c2", "J")],
        [jury()],
        fixed=[FixedSlot("a0", at(8, 9, 30))],
    )

    assert proposal(problem).placements == (
        Placement("a1", at(8, 9, 0), at(8, 9, 30)),
        Placement("a0", at(8, 9, 30), at(8, 10, 0), fixed=True),
        Placement("a2", at(8, 10, 0), at(8, 10, 30)),
    )


def test_a_fixed_slot_occupies_its_jurors_in_their_other_juries():
    morning = span(8, (9, 0), (10, 30))
    problem = Problem(
        [Audition("booked", "c0", "J1"), Audition("a1", "c1", "J2")],
        [jury("J1", ("m",), morning), jury("J2", ("m", "y"), morning)],
        fixed=[FixedSlot("booked", at(8, 9, 0))],
    )

    assert starts(proposal(problem)) == {"booked": at(8, 9, 0), "a1": at(8, 9, 30)}


def test_proposal_keeps_a_candidate_s_auditions_apart_when_their_time_allows():
    auditions = [Audition("a0", "c0", "J1"), Audition("a1", "c0", "J2")]
    roomy = Problem(
        auditions, [jury("J1", ("x",), span(8, (9, 0), (10, 30))), jury("J2", ("y",), span(8, (9, 0), (10, 30)))]
    )
    tight = Problem(
        auditions, [jury("J1", ("x",), span(8, (9, 0), (10, 0))), jury("J2", ("y",), span(8, (9, 0), (10, 0)))]
    )

    assert starts(proposal(roomy)) == {"a0": at(8, 9, 0), "a1": at(8, 10, 0)}
    assert starts(proposal(tight)) == {"a0": at(8, 9, 0), "a1": at(8, 9, 30)}


def test_proposal_fills_the_jury_s_morning_before_opening_its_afternoon():
    day = (span(8, (9, 0), (12, 30)), span(8, (14, 0), (18, 0)))
    # c0 cannot come before 11:30: the jury's day is 11:00-12:00, not 9:00 then 11:30 or 14:00.
    problem = Problem(
        [Audition("a0", "c0", "J"), Audition("a1", "c1", "J")],
        [jury("J", ("m",), *day)],
        [Candidate("c0", (Interval(at(8, 0), at(8, 11, 30)),))],
    )

    assert starts(proposal(problem)) == {"a0": at(8, 11, 30), "a1": at(8, 11, 0)}


def test_repair_moves_a_placed_audition_aside_for_one_left_out():
    # c (one start: 14:00) goes first, then a (two starts) takes 9:00, which leaves b (9:00 or 14:00 in
    # J2, whose juror m sits in J1 too) nowhere: the repair moves a to 10:00 and b takes 9:00.
    problem = Problem(
        [Audition("a", "ca", "J1"), Audition("b", "cb", "J2"), Audition("c", "cc", "J2")],
        [
            jury("J1", ("m",), span(8, (9, 0), (10, 30))),
            jury("J2", ("m",), span(8, (9, 0), (9, 30)), span(8, (14, 0), (14, 30))),
        ],
        [
            Candidate("ca", (Interval(at(8, 9, 30), at(8, 10, 0)),)),
            Candidate("cc", (Interval(at(8, 8, 0), at(8, 14, 0)),)),
        ],
        step=dt.timedelta(minutes=30),
    )

    assert starts(proposal(problem)) == {"a": at(8, 10, 0), "b": at(8, 9, 0), "c": at(8, 14, 0)}


def test_a_grid_origin_sets_where_slots_of_an_odd_step_start():
    problem = Problem(
        [Audition("a0", "c0", "J", dt.timedelta(minutes=40)), Audition("a1", "c1", "J", dt.timedelta(minutes=40))],
        [jury("J", ("m",), span(8, (9, 0), (11, 0)))],
        step=dt.timedelta(minutes=45),
        grid_origin=at(1, 9, 0),
    )

    assert starts(proposal(problem)) == {"a0": at(8, 9, 0), "a1": at(8, 9, 45)}


def test_a_fixed_slot_is_kept_as_booked_even_where_the_rules_now_refuse_it():
    # Booked by hand before the jury's time changed: kept, occupying its parties, and reported.
    problem = Problem(
        [Audition("booked", "c0", "J"), Audition("a1", "c1", "J")],
        [jury("J", ("m",), span(8, (9, 0), (10, 0)))],
        fixed=[FixedSlot("booked", at(8, 8, 45))],
    )

    schedule = propose_schedule(problem)

    assert schedule.placements == (
        Placement("booked", at(8, 8, 45), at(8, 9, 15), fixed=True),
        Placement("a1", at(8, 9, 15), at(8, 9, 45)),
    )
    assert schedule_violations(problem, schedule) == (Violation(Rule.OUTSIDE_AVAILABILITY, ("booked",)),)


# --- Daylight saving time in Europe/Paris ----------------------------------------------------------


def test_proposal_on_the_spring_forward_night_counts_real_time():
    # 29 March 2026, 01:00-04:00 in Paris lasts two hours: 02:00 becomes 03:00.
    night = Interval(at(29, 1, 0, month=3), at(29, 4, 0, month=3))
    problem = Problem([Audition(f"a{n}", f"c{n}", "J") for n in range(5)], [jury("J", ("m",), night)])

    schedule = proposal(problem)

    assert [p.start for p in schedule.placements] == [
        dt.datetime(2026, 3, 29, 0, 0, tzinfo=UTC),
        dt.datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
        dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
        dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
    ]
    assert [p.start.astimezone(PARIS).strftime("%H:%M %Z") for p in schedule.placements] == [
        "01:00 CET",
        "01:30 CET",
        "03:00 CEST",
        "03:30 CEST",
    ]
    assert schedule.unplaced == (Unplaced("a4", Reason.NO_CAPACITY, (("jury", "J"),)),)


def test_proposal_on_the_fall_back_night_counts_real_time():
    # 25 October 2026, 01:00-04:00 in Paris lasts four hours: 02:00-03:00 happens twice.
    night = Interval(at(25, 1, 0, month=10), at(25, 4, 0, month=10))
    problem = Problem([Audition(f"a{n}", f"c{n}", "J") for n in range(9)], [jury("J", ("m",), night)])

    schedule = proposal(problem)

    first = dt.datetime(2026, 10, 24, 23, 0, tzinfo=UTC)
    assert [p.start for p in schedule.placements] == [first + n * 30 * MINUTES for n in range(8)]
    assert [p.start.astimezone(PARIS).strftime("%H:%M") for p in schedule.placements] == [
        "01:00", "01:30", "02:00", "02:30", "02:00", "02:30", "03:00", "03:30",
    ]  # fmt: skip
    assert [u.audition_id for u in schedule.unplaced] == ["a8"]


def test_daily_intervals_follow_the_paris_wall_clock_across_the_change_of_time():
    weekend = daily_intervals(
        at(28, 0, month=3), at(30, 0, month=3), blocks=[(dt.time(9), dt.time(12))], weekdays=range(7)
    )

    assert [(i.start.astimezone(UTC), i.end.astimezone(UTC)) for i in weekend] == [
        (dt.datetime(2026, 3, 28, 8, 0, tzinfo=UTC), dt.datetime(2026, 3, 28, 11, 0, tzinfo=UTC)),
        (dt.datetime(2026, 3, 29, 7, 0, tzinfo=UTC), dt.datetime(2026, 3, 29, 10, 0, tzinfo=UTC)),
    ]


def test_a_half_hour_grid_stays_on_the_paris_wall_clock_after_the_change_of_time():
    sunday = daily_intervals(at(25, 0, month=10), at(26, 0, month=10), weekdays=[6])
    problem = Problem(
        [Audition("a0", "c0", "J"), Audition("a1", "c1", "J")],
        [jury("J", ("m",), *sunday)],
        step=dt.timedelta(minutes=30),
    )

    assert starts(proposal(problem)) == {
        "a0": dt.datetime(2026, 10, 25, 8, 0, tzinfo=UTC),  # 9:00 in Paris, winter time
        "a1": dt.datetime(2026, 10, 25, 8, 30, tzinfo=UTC),
    }


def test_daily_intervals_skip_weekends_and_cut_to_the_window():
    intervals = daily_intervals(at(5, 10, 0), at(8, 15, 0))  # Friday 10:00 to Monday 15:00

    assert intervals == (
        Interval(at(5, 10, 0), at(5, 12, 30)),
        Interval(at(5, 14, 0), at(5, 18, 0)),
        Interval(at(8, 9, 0), at(8, 12, 30)),
        Interval(at(8, 14, 0), at(8, 15, 0)),
    )


# --- What cannot be placed, and why ---------------------------------------------------------------


def test_an_audition_longer_than_every_jury_interval_has_no_jury_time():
    problem = Problem(
        [Audition("a0", "c0", "J"), Audition("a1", "c1", "K")],
        [jury("J", ("m",), span(8, (9, 0), (9, 25))), Jury("K", frozenset({"n"}))],
    )

    assert propose_schedule(problem) == Schedule(
        placements=(), unplaced=(Unplaced("a0", Reason.NO_JURY_TIME), Unplaced("a1", Reason.NO_JURY_TIME))
    )


def test_a_candidate_unavailable_whenever_the_jury_sits_has_no_common_time():
    problem = Problem(
        [Audition("a0", "c0", "J")],
        [jury()],
        [Candidate("c0", (Interval(at(8, 9, 0), at(8, 10, 0)), Interval(at(8, 10, 0), at(8, 12, 10))))],
    )

    assert propose_schedule(problem).unplaced == (Unplaced("a0", Reason.NO_COMMON_TIME),)


def test_time_taken_by_fixed_slots_is_reported_as_booked_with_who_holds_it():
    morning = span(8, (9, 0), (9, 30))
    problem = Problem(
        [Audition("booked", "c0", "K"), Audition("a1", "c1", "J")],
        [jury("J", ("m", "x"), morning), jury("K", ("m",), morning)],
        fixed=[FixedSlot("booked", at(8, 9, 0))],
    )

    assert propose_schedule(problem).unplaced == (Unplaced("a1", Reason.BOOKED, (("juror", "m"),)),)


def test_time_taken_by_other_auditions_is_reported_as_no_capacity_with_who_holds_it():
    morning = span(8, (9, 0), (10, 0))
    auditions = [Audition("a0", "c0", "J"), Audition("a1", "c1", "J"), Audition("a2", "c0", "K")]
    problem = Problem(
        [*auditions, Audition("a3", "c1", "K")], [jury("J", ("m",), morning), jury("K", ("n",), morning)]
    )
    assert starts(proposal(problem)) == {"a0": at(8, 9, 0), "a1": at(8, 9, 30), "a2": at(8, 9, 30), "a3": at(8, 9, 0)}

    # c1 sits in J at 9:30 and in K at 9:00; K is full.
    schedule = proposal(replace(problem, auditions=(*problem.auditions, Audition("a4", "c1", "K"))))

    assert schedule.unplaced == (Unplaced("a4", Reason.NO_CAPACITY, (("candidate", "c1"), ("jury", "K"))),)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"auditions": [Audition("a0", "c0", "J"), Audition("a0", "c1", "J")]}, "audition 'a0' appears twice"),
        ({"auditions": [Audition("a0", "c0", "nope")]}, "audition 'a0': unknown jury 'nope'"),
        ({"auditions": [Audition("a0", "c0", "J", dt.timedelta(0))]}, "audition 'a0': the duration must be positive"),
        ({"fixed": [FixedSlot("zz", at(8, 9))]}, "fixed slot for unknown audition 'zz'"),
        ({"fixed": [FixedSlot("a0", dt.datetime(2026, 6, 8, 9))]}, "naive datetime"),
        (
            {"juries": [jury("J", ("m",), Interval(at(8, 10), at(8, 9)))]},
            "an interval of jury 'J' ends before it starts",
        ),
        ({"candidates": [Candidate("c0"), Candidate("c0")]}, "candidate 'c0' appears twice"),
        ({"step": dt.timedelta(0)}, "the grid step must be positive"),
    ],
)
def test_inconsistent_inputs_are_refused_with_what_is_wrong(change, message):
    problem = replace(Problem([Audition("a0", "c0", "J")], [jury()]), **change)

    with pytest.raises(ValueError, match=message):
        propose_schedule(problem)


# --- The checker: each rule alone -------------------------------------------------------------------


def checked_problem(**changes) -> Problem:
    """Juries J and K share the juror "m", L does not; each sits 9:00-12:30 on Monday; c0 is away
    11:00-12:00 and has an audition in each jury."""
    problem = Problem(
        [
            Audition("a0", "c0", "J"),
            Audition("a1", "c1", "J"),
            Audition("a2", "c0", "K"),
            Audition("b0", "c2", "K"),
            Audition("l0", "c0", "L"),
        ],
        [jury("J", ("m", "x")), jury("K", ("m", "y")), jury("L", ("z",))],
        [Candidate("c0", (Interval(at(8, 11, 0), at(8, 12, 0)),))],
    )
    return replace(problem, **changes)


def slot(audition_id, hour, minute=0, length=30, day=8) -> Placement:
    return Placement(audition_id, at(day, hour, minute), at(day, hour, minute) + length * MINUTES)


def test_checker_accepts_back_to_back_slots_of_one_jury_without_a_break():
    assert schedule_violations(checked_problem(), [slot("a0", 9), slot("a1", 9, 30), slot("b0", 10)]) == ()


@pytest.mark.parametrize(
    ("placements", "expected"),
    [
        ([slot("zz", 9)], [Violation(Rule.UNKNOWN_AUDITION, ("zz",))]),
        ([slot("a0", 9), slot("a0", 10)], [Violation(Rule.PLACED_TWICE, ("a0",))]),
        ([slot("a0", 9, length=25)], [Violation(Rule.DURATION, ("a0",))]),
        ([slot("a0", 9, 2)], [Violation(Rule.OFF_GRID, ("a0",))]),
        ([slot("a0", 12, 15)], [Violation(Rule.OUTSIDE_AVAILABILITY, ("a0",))]),
        ([slot("a0", 8, 45)], [Violation(Rule.OUTSIDE_AVAILABILITY, ("a0",))]),
        ([slot("a0", 9, day=9)], [Violation(Rule.OUTSIDE_AVAILABILITY, ("a0",))]),
        ([slot("a0", 10, 35)], [Violation(Rule.CANDIDATE_UNAVAILABLE, ("a0",))]),
        ([slot("a0", 11, 55)], [Violation(Rule.CANDIDATE_UNAVAILABLE, ("a0",))]),
        ([slot("a0", 9), slot("a1", 9, 20)], [Violation(Rule.JURY_OVERLAP, ("a0", "a1"), ("jury", "J"))]),
        ([slot("a0", 9), slot("l0", 9, 25)], [Violation(Rule.CANDIDATE_OVERLAP, ("a0", "l0"), ("candidate", "c0"))]),
        ([slot("a1", 9), slot("b0", 9, 10)], [Violation(Rule.JUROR_OVERLAP, ("a1", "b0"), ("juror", "m"))]),
    ],
)
def test_checker_finds_each_broken_rule_alone(placements, expected):
    assert schedule_violations(checked_problem(), placements) == tuple(expected)


def test_checker_applies_the_break_to_juries_candidates_and_jurors():
    problem = checked_problem(break_between=dt.timedelta(minutes=10))

    assert (
        schedule_violations(problem, [slot("a0", 9), slot("a1", 9, 40), slot("l0", 9, 40), slot("b0", 10, 20)]) == ()
    )
    assert schedule_violations(problem, [slot("a0", 9), slot("a1", 9, 35), slot("l0", 9, 35), slot("b0", 9, 45)]) == (
        Violation(Rule.JURY_OVERLAP, ("a0", "a1"), ("jury", "J")),
        Violation(Rule.CANDIDATE_OVERLAP, ("a0", "l0"), ("candidate", "c0")),
        Violation(Rule.JUROR_OVERLAP, ("a1", "b0"), ("juror", "m")),
    )


def test_checker_reports_a_fixed_slot_moved_or_missing_and_accepts_it_off_the_grid():
    problem = checked_problem(fixed=[FixedSlot("a0", at(8, 9, 2)), FixedSlot("a1", at(8, 10, 0))])

    assert schedule_violations(problem, [slot("a0", 9, 2), slot("a1", 10)]) == ()
    assert schedule_violations(problem, [slot("a0", 9, 30)]) == (
        Violation(Rule.FIXED_MOVED, ("a0",)),
        Violation(Rule.FIXED_MOVED, ("a1",)),
    )


def test_checker_lists_several_broken_rules_of_one_slot_sorted():
    placements = [slot("a0", 11, 55, length=45), slot("a2", 12)]

    assert schedule_violations(checked_problem(), placements) == (
        Violation(Rule.DURATION, ("a0",)),
        Violation(Rule.OUTSIDE_AVAILABILITY, ("a0",)),
        Violation(Rule.CANDIDATE_UNAVAILABLE, ("a0",)),
        Violation(Rule.CANDIDATE_OVERLAP, ("a0", "a2"), ("candidate", "c0")),
        Violation(Rule.JUROR_OVERLAP, ("a0", "a2"), ("juror", "m")),
    )


def test_checker_keeps_to_the_auditions_it_is_asked_about():
    placements = [slot("a0", 9), slot("a1", 9), slot("a2", 10), slot("b0", 10)]

    assert schedule_violations(checked_problem(), placements, only=["b0"]) == (
        Violation(Rule.JURY_OVERLAP, ("a2", "b0"), ("jury", "K")),
    )
    assert schedule_violations(checked_problem(), placements, only=["a0"]) == (
        Violation(Rule.JURY_OVERLAP, ("a0", "a1"), ("jury", "J")),
    )


def test_move_violations_answers_whether_one_move_is_allowed():
    problem = checked_problem(break_between=dt.timedelta(minutes=5))
    model = Model(problem)
    schedule = Schedule((slot("a0", 9), slot("a1", 9, 35), slot("a2", 10, 10), slot("b0", 10, 45), slot("l0", 9, 35)))
    assert schedule_violations(problem, schedule) == ()

    assert move_violations(model, schedule, "b0", at(8, 10, 50)) == ()
    assert move_violations(model, schedule, "b0", at(8, 10, 30)) == (
        Violation(Rule.JURY_OVERLAP, ("a2", "b0"), ("jury", "K")),
    )
    assert move_violations(problem, schedule, "b0", at(8, 9, 40)) == (
        Violation(Rule.JUROR_OVERLAP, ("a1", "b0"), ("juror", "m")),
        Violation(Rule.JURY_OVERLAP, ("a2", "b0"), ("jury", "K")),
    )
    assert move_violations(model, schedule, "a0", at(8, 11, 30)) == (Violation(Rule.CANDIDATE_UNAVAILABLE, ("a0",)),)


def test_schedule_stats_measure_holes_days_spread_and_close_auditions():
    week = (span(8, (9, 0), (12, 30)), span(8, (14, 0), (18, 0)), span(9, (9, 0), (12, 30)))
    problem = Problem(
        [Audition("a0", "c0", "J"), Audition("a1", "c1", "J"), Audition("a2", "c2", "J"), Audition("a3", "c0", "K")],
        [jury("J", ("m",), *week), jury("K", ("n",), *week)],
        break_between=dt.timedelta(minutes=5),
    )
    # J: 9:00, 10:10 (a hole: 9:35-10:05 holds one more, 35 minutes idle beyond the break), 14:00 (a hole,
    # 105 minutes idle 10:45-12:30: 12:30-14:00 is not available); nothing on Tuesday. K: c0 at 9:40, 10
    # minutes after a0. 9:00 then 10:05 would leave 25 minutes: idle, not a hole.
    schedule = Schedule((slot("a0", 9), slot("a1", 10, 10), slot("a2", 14), slot("a3", 9, 40)))

    assert schedule_stats(problem, schedule) == ScheduleStats(
        placed=4, unplaced=0, jury_days=2, holes=2, idle_minutes=35 + 105, day_spread=3 + 1, candidate_close_pairs=1
    )


# --- Properties over random instances ---------------------------------------------------------------


def random_problem(rng: random.Random, *, ample: bool = False) -> Problem:
    """A small random instance. `ample`: every jury sits two full days and hears at most 3 auditions,
    every candidate has at most 2; otherwise anything goes (short, odd intervals, tight juries)."""
    step = rng.choice((5, 10, 15, 30)) * MINUTES
    days = [8, 9] if ample else rng.sample([8, 9, 10], rng.randint(1, 2))
    jurors = [f"m{k}" for k in range(rng.randint(1, 5))]
    juries = []
    for j in range(rng.randint(1, 4)):
        members = rng.sample(jurors, rng.randint(0, min(3, len(jurors))))
        intervals = []
        for day in days:
            if ample:
                intervals += [span(day, (9, 0), (12, 30)), span(day, (14, 0), (18, 0))]
            for _ in range(0 if ample else rng.randint(0, 2)):
                start = at(day, rng.randint(8, 16), rng.choice((0, 5, 10, 15, 30, 45)))
                intervals.append(Interval(start, start + rng.randint(1, 16) * 15 * MINUTES))
        juries.append(Jury(f"J{j}", frozenset(members), intervals))
    candidates = [f"c{k}" for k in range(rng.randint(1, 8))]
    per_jury, per_candidate, auditions = {}, {}, []
    for n in range(rng.randint(1, 14)):
        jury_id, candidate_id = rng.choice(juries).id, rng.choice(candidates)
        if ample and (per_jury.get(jury_id, 0) == 3 or per_candidate.get(candidate_id, 0) == 2):
            continue
        per_jury[jury_id] = per_jury.get(jury_id, 0) + 1
        per_candidate[candidate_id] = per_candidate.get(candidate_id, 0) + 1
        auditions.append(Audition(f"a{n}", candidate_id, jury_id, rng.choice((20, 30, 30, 45)) * MINUTES))
    unavailable = []
    for candidate_id in candidates:
        if rng.random() < 0.3:
            periods = []
            for _ in range(rng.randint(1, 2)):
                start = at(rng.choice(days), rng.randint(8, 17), rng.choice((0, 15, 30)))
                periods.append(Interval(start, start + rng.randint(1, 8) * 30 * MINUTES))
            unavailable.append(Candidate(candidate_id, periods))
    problem = Problem(
        auditions,
        juries,
        unavailable,
        break_between=rng.choice((0, 0, 5, 10)) * MINUTES,
        step=step,
        candidate_rest=rng.choice((0, 30)) * MINUTES,
    )
    return replace(problem, fixed=random_bookings(rng, problem))


def random_bookings(rng: random.Random, problem: Problem) -> list[FixedSlot]:
    """Up to two auditions booked at a random valid start (the fixed slots of a real schedule are valid)."""
    model, booked = Model(problem), []
    for audition in rng.sample(problem.auditions, min(2, len(problem.auditions))):
        choices = fitting_alone(model, audition.id, booked)
        if choices and rng.random() < 0.5:
            start = rng.choice(choices)
            booked.append(Placement(audition.id, start, start + audition.duration))
    return [FixedSlot(p.audition_id, p.start) for p in booked]


def fitting_alone(model: Model, audition_id, placements, *, first: bool = False) -> list[dt.datetime]:
    """By brute force with the checker: every grid start where the audition breaks no rule beside
    `placements` (only the first one found, with `first`)."""
    i = model.index[audition_id]
    found = []
    for start, end in model.availability[model.jury[i]]:
        t = model.grid_up(start)
        while t + model.duration[i] <= end:
            moment = dt.datetime.fromtimestamp(t, UTC)
            if not move_violations(model, placements, audition_id, moment):
                found.append(moment)
                if first:
                    return found
            t += model.step
    return found


def fixed_placements(problem: Problem) -> list[Placement]:
    durations = {a.id: a.duration for a in problem.auditions}
    return [Placement(f.audition_id, f.start, f.start + durations[f.audition_id], fixed=True) for f in problem.fixed]


def test_proposals_on_random_instances_break_no_rule_and_explain_what_they_leave_out():
    for seed in range(400):
        problem = random_problem(random.Random(seed))
        model = Model(problem)

        schedule = propose_schedule(problem)

        assert schedule_violations(problem, schedule) == (), seed
        placed = [p.audition_id for p in schedule.placements]
        assert sorted(placed + [u.audition_id for u in schedule.unplaced]) == sorted(a.id for a in problem.auditions)
        assert [p for p in schedule.placements if p.fixed] == sorted(fixed_placements(problem), key=lambda p: p.start)
        booked = fixed_placements(problem)
        for unplaced in schedule.unplaced:
            fits = bool(fitting_alone(model, unplaced.audition_id, booked, first=True))
            assert (unplaced.reason == Reason.NO_CAPACITY) == fits, seed


def test_every_audition_that_fits_alone_is_placed_when_capacity_is_ample():
    for seed in range(300):
        problem = random_problem(random.Random(seed), ample=True)
        model = Model(problem)
        booked = fixed_placements(problem)

        schedule = propose_schedule(problem)

        fitting = sorted(a.id for a in problem.auditions if fitting_alone(model, a.id, booked, first=True))
        assert sorted(p.audition_id for p in schedule.placements) == fitting, seed


def test_a_single_jury_with_room_gets_compact_days_in_fair_shares():
    for seed in range(200):
        rng = random.Random(seed)
        step = rng.choice((5, 10, 15, 30)) * MINUTES
        days = rng.randint(1, 5)
        count = rng.randint(1, 8 * days)  # each half-day holds 4 auditions with a 30-minute break
        problem = Problem(
            [Audition(f"a{n}", f"c{n}", "J") for n in range(count)],
            [jury("J", ("m",), *daily_intervals(at(8, 0), at(8 + days, 0)))],
            break_between=rng.choice((dt.timedelta(0), step)),
            step=step,
        )

        schedule = proposal(problem)

        stats = schedule_stats(problem, schedule)
        per_day = Counter(p.start.astimezone(PARIS).date() for p in schedule.placements)
        assert (stats.placed, stats.holes, max(per_day.values()) <= -(-count // days)) == (count, 0, True), seed


def shuffled(rng: random.Random, problem: Problem) -> Problem:
    """The same problem with every list in another order (and its sets built in another order)."""

    def mixed(items):
        items = list(items)
        rng.shuffle(items)
        return items

    juries = [Jury(j.id, frozenset(mixed(j.member_ids)), mixed(j.availability)) for j in problem.juries]
    candidates = [Candidate(c.id, mixed(c.unavailability)) for c in problem.candidates]
    return replace(
        problem,
        auditions=mixed(problem.auditions),
        juries=mixed(juries),
        candidates=mixed(candidates),
        fixed=mixed(problem.fixed),
    )


def test_same_inputs_give_the_same_schedule_whatever_their_order():
    for seed in range(200):
        rng = random.Random(seed)
        problem = random_problem(rng, ample=seed % 2 == 0)

        schedule = propose_schedule(problem)

        assert propose_schedule(shuffled(rng, problem)) == schedule, seed
        assert propose_schedule(problem) == schedule, seed


def test_the_scheduling_modules_import_nothing_of_django():
    code = (
        "import sys, auditions.scheduling, auditions.scheduling_checks, auditions.scheduling_model; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)

    assert result.stdout == "[]\n"


def test_the_check_of_one_move_finds_exactly_what_the_full_check_says_about_it():
    for seed in range(300):
        rng = random.Random(seed)
        problem = random_problem(rng)
        schedule = propose_schedule(problem)
        audition = rng.choice(problem.auditions)
        start = at(rng.choice((8, 9, 10)), rng.randint(8, 17), rng.randrange(60))
        moved = [p for p in schedule.placements if p.audition_id != audition.id]
        moved.append(Placement(audition.id, start, start + audition.duration))

        full = schedule_violations(problem, moved)

        expected = tuple(v for v in full if audition.id in v.audition_ids)
        assert move_violations(problem, schedule, audition.id, start) == expected, seed


def test_a_candidate_s_auditions_are_kept_apart_when_time_is_ample():
    for seed in range(200):
        problem = replace(random_problem(random.Random(seed), ample=True), candidates=(), fixed=())
        problem = replace(problem, candidate_rest=30 * MINUTES)

        stats = schedule_stats(problem, proposal(problem))

        assert (stats.unplaced, stats.candidate_close_pairs) == (0, 0), seed
