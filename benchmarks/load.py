"""Benchmark: pages under load, served by gunicorn as in production (benchmarks/gunicorn.conf.py).

It builds a benchmark data set with `bulk_create` (`--cohorts` cohorts, each with `--challenges`
challenges and `--applications` applications at every stage: drafts, submitted, pre-selected or not,
withdrawn, auditioned, laureates of a validated list, fellows), collects the static files, starts
gunicorn on a free loopback port with DEBUG off, then requests each page of PAGES back to back,
`--concurrency` connections at a time (a thread pool, one http.client connection per thread) for
`--seconds` seconds each, and prints throughput, latency percentiles and errors as a Markdown table.
Staff pages are requested with the session cookie of a staff account with a second factor, created
directly in the session store (the login form has its own tests).

A page answering 404 (a page another branch adds, e.g. the public figures) is skipped with a note.
Issue 15 grows PAGES to every page of the site: each entry is data (name, path, who).

It needs a dedicated, throw-away PostgreSQL database and a Redis database:

    createdb -h 127.0.0.1 -U postgres eig_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eig_bench REDIS_URL=redis://127.0.0.1:6379/15 \\
        .venv/bin/python benchmarks/load.py

Options: `--cohorts 3 --challenges 200 --applications 3000` (the data set), `--reuse` (keep the data
of a previous run), `--concurrency 20`, `--seconds 20`, `--pages dashboard healthz` (a subset of
PAGES). Results go to docs/benchmarks.md by hand (« Tableau de bord et chiffres publics »).
"""

import argparse
import datetime as dt
import http.client
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
# gunicorn serves with DEBUG off, as in production; plain http on the loopback.
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "eig.settings",
    "DEBUG": "false",
    "SECRET_KEY": os.environ.get("SECRET_KEY") or "benchmark-only-" + secrets.token_hex(24),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
}
os.environ.update(SERVER_ENV)

BENCH_COHORT_NUMBER = 9100  # The benchmark cohorts are 9100, 9101, …
EMAIL_DOMAIN = "load.bench.invalid"
STAFF_EMAIL = f"equipe@{EMAIL_DOMAIN}"


@dataclass(frozen=True)
class Page:
    """A page of the benchmark: `path` may name `{cohort_pk}` and `{cohort_number}` (the last benchmark
    cohort); `staff`: requested with a staff session."""

    name: str
    path: str
    staff: bool = False


PAGES = [
    Page("healthz", "/healthz"),
    Page("catalogue", "/defis/"),
    Page("dashboard", "/tableau-de-bord/{cohort_pk}/", staff=True),
    Page("public_figures", "/chiffres/{cohort_number}/"),
]


def _setup_django() -> None:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL doit désigner une base PostgreSQL dédiée au benchmark (voir l'en-tête du script).")
    import django

    django.setup()


def populate(*, cohorts: int, challenges: int, applications: int, reuse: bool) -> None:
    """The benchmark cohorts, each in its acceptance phase (auditions over, lists validated)."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from applications.models import Application, ApplicationStatus
    from auditions.models import (
        Audition,
        AuditionStatus,
        Deliberation,
        DeliberationStatus,
        Jury,
        ListKind,
        ListVersion,
        ListVersionEntry,
    )
    from challenges.models import Administration, Challenge, ChallengeStatus, Position
    from cohorts.calendar import TYPICAL_OFFSETS_DAYS, typical_calendar
    from cohorts.models import Cohort
    from cohorts.profiles import Profile
    from eig.models import User
    from fellowship.models import AssignmentRun, Fellow, Offer, RunStatus

    call_command("migrate", verbosity=0)
    existing = Cohort.objects.filter(number__gte=BENCH_COHORT_NUMBER).count()
    if reuse and existing >= cohorts:
        print(f"Données existantes réutilisées ({existing} promotions).")
        return
    started = time.perf_counter()
    now = timezone.now()
    # Results out 5 days ago: every stage has its rows.
    start = now - dt.timedelta(days=TYPICAL_OFFSETS_DAYS["results_at"] + 5)
    profiles = [Profile.DEVELOPER, Profile.DATA_SCIENTIST, Profile.DATA_ENGINEER, Profile.DESIGNER]
    with transaction.atomic():
        for cohort in Cohort.objects.filter(number__gte=BENCH_COHORT_NUMBER):
            Fellow.objects.filter(cohort=cohort).delete()
            Offer.objects.filter(run__cohort=cohort).delete()
            AssignmentRun.objects.filter(cohort=cohort).delete()
            ListVersionEntry.objects.filter(version__deliberation__challenge__cohort=cohort).delete()
            ListVersion.objects.filter(deliberation__challenge__cohort=cohort).delete()
            Deliberation.objects.filter(challenge__cohort=cohort).delete()
            Audition.objects.filter(jury__cohort=cohort).delete()
            Jury.objects.filter(cohort=cohort).delete()
            Application.objects.filter(cohort=cohort).delete()
            Position.objects.filter(challenge__cohort=cohort).delete()
            Challenge.objects.filter(cohort=cohort).delete()
            cohort.delete()
        User.objects.filter(email__endswith=EMAIL_DOMAIN).delete()
        administrations = Administration.objects.bulk_create(
            Administration(name=f"Administration de charge {i}") for i in range(20)
        )
        staff = User.objects.create(email=STAFF_EMAIL, is_staff=True, is_superuser=True, first_name="Équipe")
        from allauth.mfa.totp.internal.auth import TOTP

        TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        for c in range(cohorts):
            number = BENCH_COHORT_NUMBER + c
            cohort = Cohort.objects.create(number=number, name=f"EIG {number}", **typical_calendar(start))
            statuses = [ChallengeStatus.SELECTED] * (challenges // 2) + [
                ChallengeStatus.SUBMITTED,
                ChallengeStatus.NOT_SELECTED,
                ChallengeStatus.DRAFT,
            ] * (challenges // 6)
            made = Challenge.objects.bulk_create(
                Challenge(
                    cohort=cohort,
                    administration=administrations[i % len(administrations)],
                    name=f"Défi de charge {number}-{i}",
                    status=status,
                )
                for i, status in enumerate(statuses)
            )
            selected = [challenge for challenge in made if challenge.status == ChallengeStatus.SELECTED]
            positions = Position.objects.bulk_create(
                Position(challenge=challenge, profile=profiles[(i + k) % 2], mission="Mission")
                for i, challenge in enumerate(selected)
                for k in range(2)
            )
            users = User.objects.bulk_create(
                User(email=f"c{number}-{i}@{EMAIL_DOMAIN}", password="!", is_candidate=True)
                for i in range(applications)
            )
            # A tenth each: drafts, submitted, not pre-selected, withdrawn; the rest pre-selected.
            shares = [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.NOT_PRESELECTED]
            shares += [ApplicationStatus.WITHDRAWN] + [ApplicationStatus.PRESELECTED] * 6
            apps = Application.objects.bulk_create(
                Application(
                    cohort=cohort,
                    candidate=user,
                    status=shares[i % len(shares)],
                    profile=profiles[i % len(profiles)] if i % 10 else "",
                    years_of_experience=(i % 12) if i % 7 else None,
                )
                for i, user in enumerate(users)
            )
            preselected = [a for a in apps if a.status == ApplicationStatus.PRESELECTED]
            juries = Jury.objects.bulk_create(Jury(cohort=cohort, name=f"Jury {j}") for j in range(10))
            # Two thirds of the pre-selected were auditioned, each for a selected challenge, a jury's
            # auditions an hour apart (the exclusion constraints hold).
            from psycopg.types.range import Range

            auditioned = preselected[: len(preselected) * 2 // 3]
            Audition.objects.bulk_create(
                Audition(
                    jury=juries[i % len(juries)],
                    application=application,
                    challenge=selected[i % len(selected)],
                    status=AuditionStatus.CONFIRMED,
                    starts_at=cohort.auditions_start_at + dt.timedelta(hours=i // len(juries)),
                    ends_at=cohort.auditions_start_at + dt.timedelta(hours=i // len(juries), minutes=45),
                    busy=Range(
                        cohort.auditions_start_at + dt.timedelta(hours=i // len(juries)),
                        cohort.auditions_start_at + dt.timedelta(hours=i // len(juries), minutes=45),
                    ),
                    uid=f"{secrets.token_hex(16)}@eig",
                )
                for i, application in enumerate(auditioned)
            )
            # A validated list per position: its first auditioned candidates on the main list.
            versions = ListVersion.objects.bulk_create(
                ListVersion(
                    deliberation=Deliberation.objects.create(
                        challenge=position.challenge,
                        profile=position.profile,
                        status=DeliberationStatus.VALIDATED,
                        closed_at=now,
                        validated_at=now,
                    ),
                    number=1,
                    validated_by=staff,
                )
                for position in positions
            )
            laureates = auditioned[: len(positions)]
            ListVersionEntry.objects.bulk_create(
                ListVersionEntry(version=version, application=application, kind=ListKind.MAIN, rank=1)
                for version, application in zip(versions, laureates, strict=False)
            )
            run = AssignmentRun.objects.create(
                cohort=cohort,
                number=1,
                status=RunStatus.VALIDATED,
                inputs={},
                result={},
                solver_status="optimal",
                validated_at=now,
            )
            # Half the laureates accepted their offer.
            accepted = list(zip(laureates, positions, strict=False))[: len(laureates) // 2]
            offers = Offer.objects.bulk_create(
                Offer(
                    run=run,
                    position=position,
                    application=application,
                    monthly_salary=3500,
                    senior=False,
                    answer_by=now,
                    status="accepted",
                    answered_at=now,
                )
                for application, position in accepted
            )
            Fellow.objects.bulk_create(
                Fellow(
                    cohort=cohort,
                    user=offer.application.candidate,
                    application=offer.application,
                    offer=offer,
                    position=offer.position,
                    challenge=offer.position.challenge,
                    starts_on=cohort.programme_starts_at.date(),
                    ends_on=cohort.programme_ends_at.date(),
                )
                for offer in offers
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Données créées en {time.perf_counter() - started:.1f} s.")


def staff_cookie() -> str:
    """The session cookie of the benchmark's staff account (it has a TOTP authenticator)."""
    from django.conf import settings
    from django.test import Client

    from eig.models import User

    client = Client()
    client.force_login(User.objects.get(email=STAFF_EMAIL))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(port: int) -> subprocess.Popen:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE_DIR, check=True, env=os.environ
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            str(BASE_DIR / "benchmarks" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "eig.wsgi",
        ],
        cwd=BASE_DIR,
        env=os.environ,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn n'a pas démarré.")


def measure(port: int, path: str, cookie: str, *, concurrency: int, seconds: float) -> dict:
    """Request `path` back to back from `concurrency` threads for `seconds`: throughput and latencies."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    headers = {"Cookie": cookie, "Host": "127.0.0.1", "Accept-Language": "fr"} if cookie else {"Host": "127.0.0.1"}

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1
        connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for _ in range(concurrency):
            pool.submit(worker)
    duration = time.perf_counter() - started
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    return {
        "requests": len(latencies),
        "throughput": len(latencies) / duration,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
        "p99": quantiles[98] * 1000,
        "errors": errors[0],
    }


def status_of(port: int, path: str, cookie: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"} if cookie else {})
    status = connection.getresponse().status
    connection.close()
    return status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cohorts", type=int, default=3)
    parser.add_argument("--challenges", type=int, default=200)
    parser.add_argument("--applications", type=int, default=3000)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--pages", nargs="*", default=[page.name for page in PAGES])
    args = parser.parse_args()
    _setup_django()
    populate(cohorts=args.cohorts, challenges=args.challenges, applications=args.applications, reuse=args.reuse)
    from cohorts.models import Cohort

    cohort = Cohort.objects.filter(number__gte=BENCH_COHORT_NUMBER).order_by("-number").first()
    cookie = staff_cookie()
    port = free_port()
    server = serve(port)
    rows, notes = [], []
    try:
        for page in (page for page in PAGES if page.name in args.pages):
            path = page.path.format(cohort_pk=cohort.pk, cohort_number=cohort.number)
            page_cookie = cookie if page.staff else ""
            status = status_of(port, path, page_cookie)
            if status == 404:
                notes.append(f"`{path}` ({page.name}) : 404, page absente de cette branche, non mesurée.")
                continue
            if status != 200:
                notes.append(f"`{path}` ({page.name}) : réponse {status}, non mesurée.")
                continue
            status_of(port, path, page_cookie)  # Warm both workers' caches a little.
            result = measure(port, path, page_cookie, concurrency=args.concurrency, seconds=args.seconds)
            rows.append((page, path, result))
            print(f"{page.name}: {result}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print()
    print(
        f"Machine : {platform.processor() or platform.machine()}, {os.cpu_count()} cœurs, "
        f"Python {platform.python_version()}"
    )
    print(
        f"{args.cohorts} promotions × {args.challenges} défis × {args.applications} candidatures ; "
        f"{args.concurrency} connexions simultanées, {args.seconds:.0f} s par page."
    )
    print()
    print("| page | path | requests | req/s | p50 | p95 | p99 | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for page, path, r in rows:
        print(
            f"| {page.name} | `{path}` | {r['requests']} | {r['throughput']:.1f} | {r['p50']:.0f} ms "
            f"| {r['p95']:.0f} ms | {r['p99']:.0f} ms | {r['errors']} |"
        )
    for note in notes:
        print(f"\n{note}")


if __name__ == "__main__":
    main()
