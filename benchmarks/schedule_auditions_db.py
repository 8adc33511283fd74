"""Benchmark: the proposed schedule of 1,000 auditions, 60 juries and 5 days, from PostgreSQL and booked in
it (auditions.schedule.schedule_propose: the problem read from the models, the proposal, and each of its
placements booked through audition_book, under the exclusion constraints, in one transaction).

The instance is the one of benchmarks/schedule_auditions.py (seed 2026, no break, 5-minute grid), written
into a cohort whose auditions run on 8-12 June 2026. It needs a dedicated, throw-away PostgreSQL database,
named by DATABASE_URL, migrated:

    createdb -h 127.0.0.1 -U postgres eig_bench_schedule
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eig_bench_schedule DEBUG=true .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eig_bench_schedule DEBUG=true \
        .venv/bin/python benchmarks/schedule_auditions_db.py [--write-docs]

It writes the data with the test factories (tests/), checks what was booked with `schedule_violations`,
prints the times, and with `--write-docs` replaces its section of docs/benchmarks.md. The data is
deleted at the end (the whole run is one transaction, rolled back).
"""

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eig.settings")

HEADING = "## Audition schedule booked in PostgreSQL: 1,000 auditions, 60 juries, 5 days"


class Rollback(Exception):
    """Raised at the end to roll the benchmark's data back."""


def populate(problem, paris):
    """The instance's juries, jurors, candidates, auditions and unavailability as rows; returns the cohort."""
    from auditions.models import Audition, AuditionStatus, JurorBooking, Unavailability
    from auditions.services import audition_book
    from cohorts.calendar import TYPICAL_OFFSETS_DAYS, typical_calendar
    from tests.applications.factories import ApplicationFactory
    from tests.auditions.factories import JuryFactory, JuryMemberFactory
    from tests.challenges.factories import ChallengeFactory
    from tests.cohorts.factories import CohortFactory
    from tests.eig.factories import UserFactory

    first_day = dt.datetime(2026, 6, 8, tzinfo=paris)
    calendar = typical_calendar(first_day - dt.timedelta(days=TYPICAL_OFFSETS_DAYS["auditions_start_at"]))
    cohort = CohortFactory(number=9100, name="EIG bench", **calendar)
    users = {juror: UserFactory(juror=True) for jury in problem.juries for juror in jury.member_ids}
    juries = {}
    for jury in problem.juries:
        juries[jury.id] = JuryFactory(
            cohort=cohort, name=jury.id, challenges=[ChallengeFactory(cohort=cohort, selected=True)]
        )
        for juror in sorted(jury.member_ids):
            JuryMemberFactory(jury=juries[jury.id], user=users[juror], email=users[juror].email)
    candidates = {a.candidate_id for a in problem.auditions}
    applications = {c: ApplicationFactory(cohort=cohort, status="preselected") for c in sorted(candidates)}
    challenge_of = {jury_id: jury.challenges.get() for jury_id, jury in juries.items()}
    auditions = Audition.objects.bulk_create(
        Audition(
            application=applications[a.candidate_id],
            challenge=challenge_of[a.jury_id],
            jury=juries[a.jury_id],
            uid=f"bench-{a.id}@eig",
        )
        for a in problem.auditions
    )
    by_id = {a.id: row for a, row in zip(problem.auditions, auditions, strict=True)}
    Unavailability.objects.bulk_create(
        Unavailability(application=applications[c.id], starts_at=i.start, ends_at=i.end)
        for c in problem.candidates
        for i in c.unavailability
    )
    for slot in problem.fixed:
        audition_book(audition=by_id[slot.audition_id], starts_at=slot.start)
    Audition.objects.filter(pk__in=[by_id[s.audition_id].pk for s in problem.fixed]).update(
        status=AuditionStatus.CONVENED
    )
    assert JurorBooking.objects.filter(audition__jury__cohort=cohort).exists()
    return cohort, first_day


def measure():
    from django.db import transaction

    from auditions.models import Audition
    from auditions.schedule import schedule_problem, schedule_propose
    from auditions.scheduling import Placement
    from auditions.scheduling_checks import schedule_violations
    from benchmarks.schedule_auditions import realistic_problem
    from eig.dates import PARIS

    problem = realistic_problem(2026, brk=dt.timedelta(0), step=dt.timedelta(minutes=5))
    result = {}
    try:
        with transaction.atomic():
            t0 = time.perf_counter()
            cohort, first_day = populate(problem, PARIS)
            result["populate"] = time.perf_counter() - t0
            now = first_day - dt.timedelta(days=7)
            t0 = time.perf_counter()
            built = schedule_problem(cohort, now=now)
            result["problem"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            proposal = schedule_propose(cohort=cohort, now=now)
            result["propose"] = time.perf_counter() - t0
            booked = Audition.objects.filter(application__cohort=cohort, starts_at__isnull=False)
            placements = [Placement(a.pk, a.starts_at, a.ends_at) for a in booked]
            result["booked"] = len(proposal.booked)
            result["fixed"] = len(built.fixed)
            result["unplaced"] = len(proposal.unplaced)
            result["violations"] = len(schedule_violations(built, placements))
            raise Rollback
    except Rollback:
        pass
    return result


def write_docs(result) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text()
    section = f"""{HEADING}

`benchmarks/schedule_auditions_db.py` writes the instance above (no break, 5-minute grid) into a
PostgreSQL cohort — 60 juries and their jurors, 400 pre-selected candidates, 1,000 auditions, the
unavailability and {result["fixed"]} slots already convened — then times `auditions.schedule`: building
the `Problem` from the models, and `schedule_propose`, which builds it again, proposes, and books each
placement through `audition_book` (a row lock, the slot, one `JurorBooking` per juror, the exclusion
constraints checking each) in one transaction. What was booked is checked with `schedule_violations`.
Measured on the development machine (2 cores, shared; Python {platform.python_version()}), load average
{os.getloadavg()[0]:.0f}:

| step | time |
|---|---:|
| building the `Problem` from the database | {result["problem"]:.2f} s |
| `schedule_propose`: problem, proposal and {result["booked"]:,} bookings | {result["propose"]:.2f} s |

{result["booked"]:,} auditions booked besides the {result["fixed"]} kept, {result["unplaced"]} left out,
{result["violations"]} rule broken in what PostgreSQL holds. (Writing the data with the test factories
took {result["populate"]:.0f} s; it is not part of the figure.)
"""
    from benchmarks.schedule_auditions import section_replaced

    path.write_text(section_replaced(text, HEADING, section))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL must name a throw-away PostgreSQL database (see the script's docstring).")
    import django

    django.setup()
    from django.conf import settings

    # The factories' accounts need no strong hashing (it would take minutes for 700 of them).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    result = measure()
    print(result)
    if result["violations"]:
        sys.exit(f"the booked schedule breaks {result['violations']} rules")
    if args.write_docs:
        write_docs(result)


if __name__ == "__main__":
    main()
