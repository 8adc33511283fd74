"""Benchmark: the admin's CSV and XLSX exports of applications at 10,000 and 100,000 rows.

It shows that the exports stream: their peak memory does not grow with the number of rows. Each
measurement runs in a fresh Python process (so that one does not inherit another's peak), twice:
once for the time and the peak resident memory of the process (VmHWM, read from /proc/self/status:
unlike `resource.getrusage`, it starts again from zero in a new program), once under `tracemalloc`
for the peak of Python allocations (tracemalloc slows Python down, so its time is not reported).

It needs a dedicated, throw-away PostgreSQL database (it creates 100,000 candidates, their
applications and some reviews there, with `bulk_create`), named by DATABASE_URL:

    createdb -h 127.0.0.1 -U postgres eig_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eig_bench .venv/bin/python benchmarks/export_applications.py

Options: `--rows 10000 100000` (the sizes measured), `--reviewed 0.1` (the share of applications
with two reviews), `--reuse` (keep the data of a previous run when it has enough rows),
`--drop` (delete the benchmark data at the end). Results go to docs/benchmarks.md by hand.
"""

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eig.settings")
# A key for this process only: the benchmark serves no request.
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-never-used-to-sign-anything-0123456789")

BENCH_COHORT_NUMBER = 9000
EMAIL_DOMAIN = "bench.invalid"
BATCH = 10_000


def _setup_django() -> None:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL doit désigner une base PostgreSQL dédiée au benchmark (voir l'en-tête du script).")
    import django

    django.setup()


def populate(total: int, reviewed_share: float, reuse: bool) -> None:
    """`total` candidates with a submitted application each in a benchmark cohort; `reviewed_share` of
    them with two reviews on the pre-selection grid."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from applications.models import (
        Application,
        ApplicationStatus,
        HeardFrom,
        PreselectionReview,
        Relocation,
        ReviewScore,
    )
    from cohorts.calendar import typical_calendar
    from cohorts.models import Cohort, GridStage, ScoringCriterion
    from cohorts.profiles import Profile
    from cohorts.services import scoring_grids_seed
    from eig.models import User

    call_command("migrate", verbosity=0)
    cohort = Cohort.objects.filter(number=BENCH_COHORT_NUMBER).first()
    if reuse and cohort is not None and Application.objects.filter(cohort=cohort).count() >= total:
        print(f"Données existantes réutilisées ({total} candidatures au moins).")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return
    started = time.perf_counter()
    with transaction.atomic():
        if cohort is not None:
            PreselectionReview.objects.filter(application__cohort=cohort).delete()
            Application.objects.filter(cohort=cohort).delete()
            cohort.delete()
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()
        now = timezone.now()
        cohort = Cohort.objects.create(
            number=BENCH_COHORT_NUMBER,
            name=f"EIG {BENCH_COHORT_NUMBER} (benchmark)",
            **typical_calendar(now - dt.timedelta(days=90)),
        )
        scoring_grids_seed(cohort=cohort)
        criteria = list(ScoringCriterion.objects.for_stage(cohort, GridStage.PRESELECTION))
        reviewers = User.objects.bulk_create(
            User(email=f"relecteur{n}@{EMAIL_DOMAIN}", password="!", is_staff=True) for n in range(2)
        )
        profiles, relocations, heard = Profile.values, Relocation.values, HeardFrom.values
        reviewed_every = round(1 / reviewed_share) if reviewed_share else 0
        for start in range(0, total, BATCH):
            numbers = range(start, min(start + BATCH, total))
            candidates = User.objects.bulk_create(
                User(
                    email=f"candidat{n}@{EMAIL_DOMAIN}",
                    first_name=f"Prénom{n}",
                    last_name=f"Nom{n}",
                    password="!",
                    is_candidate=True,
                )
                for n in numbers
            )
            applications = Application.objects.bulk_create(
                Application(
                    cohort=cohort,
                    candidate=candidate,
                    status=ApplicationStatus.SUBMITTED,
                    profile=profiles[n % len(profiles)],
                    years_of_experience=n % 15,
                    career_path="Parcours et expériences, quelques lignes.",
                    motivation="Motivation et sens de l'intérêt général.",
                    achievements="Réalisations.",
                    relocation=relocations[n % len(relocations)],
                    heard_from=heard[n % len(heard)],
                    submitted_at=now - dt.timedelta(minutes=n),
                )
                for n, candidate in zip(numbers, candidates, strict=True)
            )
            if reviewed_every:
                reviews = PreselectionReview.objects.bulk_create(
                    PreselectionReview(application=application, reviewer=reviewer, assessment="Appréciation.")
                    for n, application in zip(numbers, applications, strict=True)
                    if n % reviewed_every == 0
                    for reviewer in reviewers
                )
                ReviewScore.objects.bulk_create(
                    ReviewScore.on_criterion(criterion, (review.pk + criterion.position) % 6, review=review)
                    for review in reviews
                    for criterion in criteria
                )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{total} candidatures créées en {time.perf_counter() - started:.1f} s.")


def drop() -> None:
    from django.db import transaction

    from applications.models import Application, PreselectionReview
    from cohorts.models import Cohort
    from eig.models import User

    with transaction.atomic():
        PreselectionReview.objects.filter(application__cohort__number=BENCH_COHORT_NUMBER).delete()
        Application.objects.filter(cohort__number=BENCH_COHORT_NUMBER).delete()
        Cohort.objects.filter(number=BENCH_COHORT_NUMBER).delete()
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()


def _queryset(rows: int):
    """The first `rows` applications of the benchmark cohort, as the admin's change list gives them."""
    from applications.models import Application

    applications = Application.objects.filter(cohort__number=BENCH_COHORT_NUMBER).order_by("pk")
    last_pk = applications.values_list("pk", flat=True)[rows - 1]
    return applications.filter(pk__lte=last_pk)


def _peak_rss_mib() -> float:
    """The process's peak resident memory so far (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError("VmHWM introuvable : ce benchmark mesure la mémoire sous Linux.")


def measure(kind: str, rows: int, with_tracemalloc: bool) -> dict:
    """Export `rows` applications as `kind` (csv or xlsx), consuming the response as a client would."""
    from applications import exports

    queryset = _queryset(rows)
    rss_before = _peak_rss_mib()
    if with_tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    response = exports.csv_response(queryset) if kind == "csv" else exports.xlsx_response(queryset)
    size = 0
    lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n") if kind == "csv" else 0
    response.close()
    elapsed = time.perf_counter() - started
    result = {
        "kind": kind,
        "rows": rows,
        "seconds": round(elapsed, 2),
        "bytes": size,
        "rss_before_mib": rss_before,
        "rss_peak_mib": _peak_rss_mib(),
    }
    if kind == "csv":
        assert lines == rows + 1, (lines, rows)
    if with_tracemalloc:
        result["traced_peak_mib"] = round(tracemalloc.get_traced_memory()[1] / 1024 / 1024, 2)
        tracemalloc.stop()
    return result


def _measure_in_subprocess(kind: str, rows: int, with_tracemalloc: bool) -> dict:
    command = [sys.executable, __file__, "--measure", kind, str(rows)]
    if with_tracemalloc:
        command.append("--tracemalloc")
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--reviewed", type=float, default=0.1)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--drop", action="store_true")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "ROWS"), help=argparse.SUPPRESS)
    parser.add_argument("--tracemalloc", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    _setup_django()
    if arguments.measure:
        kind, rows = arguments.measure
        print(json.dumps(measure(kind, int(rows), arguments.tracemalloc)))
        return
    populate(max(arguments.rows), arguments.reviewed, arguments.reuse)
    print(
        "| export | lignes | durée (s) | taille | RSS avant l'export (Mio) | pic RSS (Mio) | pic tracemalloc (Mio) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind in ("csv", "xlsx"):
        for rows in arguments.rows:
            timed = _measure_in_subprocess(kind, rows, with_tracemalloc=False)
            traced = _measure_in_subprocess(kind, rows, with_tracemalloc=True)
            print(
                f"| {kind.upper()} | {rows:,} | {timed['seconds']} | {timed['bytes'] / 1024 / 1024:.1f} Mio "
                f"| {timed['rss_before_mib']} | {timed['rss_peak_mib']} | {traced['traced_peak_mib']} |",
                flush=True,
            )
    if arguments.drop:
        drop()


if __name__ == "__main__":
    main()
