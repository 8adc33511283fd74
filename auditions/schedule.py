"""The proposed schedule, from the database: the cohort's auditions, juries and unavailability made into
a `Problem` for the pure scheduler (`auditions.scheduling.propose_schedule`), and its placements booked
through `auditions.services.audition_book`, in one transaction. docs/auditions.md, « The proposed
schedule and moves ».

Ids in the problem are the database's: an audition's pk, a jury's pk, a candidate's application pk, a
juror's user pk."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from auditions import scheduling as sch
from auditions.models import ACTIVE_AUDITIONS, Audition, AuditionStatus, Jury, JuryMember, Unavailability
from auditions.services import audition_book, audition_unbook
from cohorts.windows import Step
from eig.dates import PARIS

# Slots already sent to the candidate: a proposal never moves them.
SENT_STATUSES = (AuditionStatus.CONVENED, AuditionStatus.CONFIRMED, AuditionStatus.CHANGE_REQUESTED)


def cohort_auditions(cohort):
    """The cohort's active auditions, with what a page, an export and the proposal show of them."""
    return (
        Audition.objects.filter(ACTIVE_AUDITIONS, application__cohort=cohort)
        .select_related("application__candidate", "application__cohort", "challenge", "jury")
        .order_by("starts_at", "jury__name", "pk")
    )


def cohort_juries(cohort):
    """The cohort's juries, with their accepted jurors' seats and their availability."""
    return Jury.objects.filter(cohort=cohort).prefetch_related(
        Prefetch("members", JuryMember.objects.filter(user__isnull=False).select_related("user")),
        "availabilities",
    )


def jury_intervals(jury: Jury, cohort, *, after: dt.datetime | None = None) -> tuple[sch.Interval, ...]:
    """When the jury can audition: its own availability, or without any the usual days of the auditions
    window (weekdays, 9:00–12:30 and 14:00–18:00 in Paris); cut to the window, and to `after`."""
    window = cohort.window(Step.AUDITIONS)
    opens = max(window.opens_at, after) if after else window.opens_at
    own = [sch.Interval(a.starts_at, a.ends_at) for a in jury.availabilities.all()]
    intervals = own or sch.daily_intervals(window.opens_at, window.closes_at)
    return tuple(
        sch.Interval(max(i.start, opens), min(i.end, window.closes_at))
        for i in intervals
        if max(i.start, opens) < min(i.end, window.closes_at)
    )


def _is_fixed(audition: Audition, keep_planned: bool) -> bool:
    return audition.starts_at is not None and (audition.status in SENT_STATUSES or keep_planned)


def schedule_problem(cohort, *, keep_planned: bool = False, now: dt.datetime | None = None) -> sch.Problem:
    """The cohort's scheduling problem. Fixed: the slots already sent (convened, confirmed, another time
    asked), and, with `keep_planned`, the planned ones already booked; the others are placed, from now
    on, for the cohort's audition duration, with its break."""
    now = now or timezone.now()
    auditions = list(cohort_auditions(cohort))
    juries = list(cohort_juries(cohort))
    unavailable: dict[int, list[sch.Interval]] = {}
    for starts_at, ends_at, application_id in Unavailability.objects.filter(application__cohort=cohort).values_list(
        "starts_at", "ends_at", "application_id"
    ):
        unavailable.setdefault(application_id, []).append(sch.Interval(starts_at, ends_at))
    return sch.Problem(
        auditions=[
            sch.Audition(
                a.pk,
                a.application_id,
                a.jury_id,
                a.duration if _is_fixed(a, keep_planned) else cohort.audition_duration,
            )
            for a in auditions
        ],
        juries=[
            sch.Jury(jury.pk, {m.user_id for m in jury.members.all()}, jury_intervals(jury, cohort, after=now))
            for jury in juries
        ],
        candidates=[sch.Candidate(pk, tuple(intervals)) for pk, intervals in unavailable.items()],
        fixed=[sch.FixedSlot(a.pk, a.starts_at) for a in auditions if _is_fixed(a, keep_planned)],
        break_between=cohort.audition_break,
    )


@dataclass
class Proposal:
    """What a proposal booked, and what it left out, each with its reason in French."""

    booked: list[Audition] = field(default_factory=list)
    unplaced: list[tuple[Audition, str]] = field(default_factory=list)


REASONS = {
    sch.Reason.NO_JURY_TIME: lambda: _("Le jury n'a aucune disponibilité assez longue pendant les auditions."),
    sch.Reason.NO_COMMON_TIME: lambda: _(
        "Toutes les disponibilités du jury tombent pendant les indisponibilités du candidat ou de la candidate."
    ),
    sch.Reason.BOOKED: lambda: _("Les créneaux déjà envoyés prennent tout le temps commun."),
    sch.Reason.NO_CAPACITY: lambda: _("Les autres auditions prennent tout le temps restant."),
}


def _party_names(cohort, auditions: dict[int, Audition]) -> dict[tuple[str, int], str]:
    names: dict[tuple[str, int], str] = {}
    for audition in auditions.values():
        names["jury", audition.jury_id] = _("le jury « %(name)s »") % {"name": audition.jury.name}
        names["candidate", audition.application_id] = _("le candidat ou la candidate")
    for member in JuryMember.objects.filter(jury__cohort=cohort, user__isnull=False).select_related("user"):
        names["juror", member.user_id] = _("le ou la juré·e %(name)s") % {"name": member.user}
    return names


def unplaced_reason(unplaced: sch.Unplaced, names: dict[tuple[str, int], str]) -> str:
    """The French sentence for an audition the proposal left out, naming who is full."""
    reason = REASONS[unplaced.reason]()
    if unplaced.blocking:
        who = ", ".join(names.get(party, str(party[1])) for party in unplaced.blocking)
        reason = _("%(reason)s Complet : %(who)s.") % {"reason": reason, "who": who}
    return reason


@transaction.atomic
def schedule_propose(*, cohort, keep_planned: bool = False, now: dt.datetime | None = None) -> Proposal:
    """Propose the cohort's schedule and book it: the planned auditions not kept lose their slot, then every
    placement is booked through `audition_book` (PostgreSQL's exclusion constraints have the last word: a
    placement it refuses, e.g. a juror booked by another cohort's jury, is reported with its message)."""
    problem = schedule_problem(cohort, keep_planned=keep_planned, now=now)
    auditions = {a.pk: a for a in cohort_auditions(cohort)}
    fixed = {slot.audition_id for slot in problem.fixed}
    for pk, audition in auditions.items():
        if pk not in fixed and audition.starts_at is not None:
            audition_unbook(audition=audition)
    schedule = sch.propose_schedule(problem)
    names = _party_names(cohort, auditions)
    proposal = Proposal(unplaced=[(auditions[u.audition_id], unplaced_reason(u, names)) for u in schedule.unplaced])
    for placement in schedule.placements:
        if placement.fixed:
            continue
        try:
            booked = audition_book(
                audition=auditions[placement.audition_id], starts_at=placement.start, ends_at=placement.end
            )
        except ValidationError as error:
            proposal.unplaced.append((auditions[placement.audition_id], " ".join(error.messages)))
        else:
            proposal.booked.append(booked)
    return proposal


# --- The staff's board: one column per jury, per day -----------------------------------------------------


@dataclass
class BoardRow:
    """A time of a jury's day: the auditions starting then, or a free slot to drop one on."""

    starts_at: dt.datetime
    auditions: list[Audition] = field(default_factory=list)

    @property
    def local(self) -> dt.datetime:
        return self.starts_at.astimezone(PARIS)


@dataclass
class BoardColumn:
    jury: Jury
    rows: list[BoardRow]


@dataclass
class BoardDay:
    date: dt.date
    columns: list[BoardColumn]


@dataclass
class Board:
    days: list[BoardDay]
    unscheduled: list[Audition]
    auditions: list[Audition]


def _free_starts(intervals, step: dt.timedelta, duration: dt.timedelta):
    for interval in intervals:
        start = interval.start
        while start + duration <= interval.end:
            yield start
            start += step


def schedule_board(cohort) -> Board:
    """The cohort's schedule as staff see it: for each day (Paris time) with some available time or some
    audition, one column per jury listing its auditions and its free slots (at the cohort's duration and
    break), and the auditions without a slot. A fixed number of queries, whatever the number of rows."""
    auditions = list(cohort_auditions(cohort))
    juries = list(cohort_juries(cohort))
    booked: dict[tuple[int, dt.date], list[Audition]] = {}
    for audition in auditions:
        if audition.starts_at is not None:
            booked.setdefault((audition.jury_id, audition.starts_at.astimezone(PARIS).date()), []).append(audition)
    step = cohort.audition_duration + cohort.audition_break
    rows: dict[tuple[int, dt.date], dict[dt.datetime, BoardRow]] = {}
    for jury in juries:
        taken = [(a.busy.lower, a.busy.upper) for a in auditions if a.jury_id == jury.pk and a.busy is not None]
        for start in _free_starts(jury_intervals(jury, cohort), step, cohort.audition_duration):
            end = start + cohort.audition_duration + cohort.audition_break
            if not any(lower < end and start < upper for lower, upper in taken):
                day = rows.setdefault((jury.pk, start.astimezone(PARIS).date()), {})
                day[start] = BoardRow(start)
    for key, day_auditions in booked.items():
        day = rows.setdefault(key, {})
        for audition in day_auditions:
            day.setdefault(audition.starts_at, BoardRow(audition.starts_at)).auditions.append(audition)
    dates = sorted({date for _, date in rows})
    days = [
        BoardDay(
            date,
            [BoardColumn(jury, [row for _, row in sorted(rows.get((jury.pk, date), {}).items())]) for jury in juries],
        )
        for date in dates
    ]
    return Board(days=days, unscheduled=[a for a in auditions if a.starts_at is None], auditions=auditions)
