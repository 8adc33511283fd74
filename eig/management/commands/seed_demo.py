"""The one demo command of the project shell: each app seeds its own demo data (its `demo.py`), in
the order of the process."""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from applications.demo import preselected_seed, retention_seed
from auditions.demo import auditions_seed
from challenges.demo import challenges_seed
from cohorts.demo import auditions_cohort_seed, cohorts_seed, fellowship_cohort_seed
from eig.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, accounts_seed
from fellowship.demo import fellowship_seed


@transaction.atomic
def seed_demo(*, now: dt.datetime | None = None) -> dict:
    """Create or update the demo data of every app. Idempotent."""
    now = now or timezone.now()
    users = accounts_seed()
    juror = users["jure@demo.eig.localhost"]
    past, current = cohorts_seed(now=now, challenge_juror=juror)
    auditions = auditions_cohort_seed(now=now)
    fellowship = fellowship_cohort_seed(now=now)
    staff = users["equipe@demo.eig.localhost"]
    challenges_seed(
        now=now,
        past=past,
        current=current,
        agent=users["agent@demo.eig.localhost"],
        auditions=auditions,
        fellowship=fellowship,
    )
    preselected_seed(cohort=auditions)
    auditions_seed(now=now, cohort=auditions, juror=juror, staff=staff)
    retention_seed(cohort=fellowship, staff=staff, now=now)
    fellowship_seed(
        now=now,
        cohort=fellowship,
        staff=staff,
        director=users["direction@demo.eig.localhost"],
        fellow=users["eig@demo.eig.localhost"],
        mentor=users["mentor@demo.eig.localhost"],
    )
    return {
        "current": current,
        "past": past,
        "auditions": auditions,
        "fellowship": fellowship,
        "accounts": DEMO_ACCOUNTS,
        "password": DEMO_PASSWORD,
    }


class Command(BaseCommand):
    help = "Crée ou met à jour les données de démonstration (refusé quand DEBUG est désactivé)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo est réservé au développement : il crée des comptes au mot de passe connu. "
                "Activez DEBUG pour l'utiliser."
            )
        result = seed_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Données de démonstration prêtes : {result['current']}, {result['past']}, "
                f"{result['auditions']} (auditions en cours), {result['fellowship']} (offres en cours)."
            )
        )
        self.stdout.write(f"Comptes de démonstration (mot de passe : {result['password']}) :")
        for account in result["accounts"]:
            self.stdout.write(f"  {account.email:32} {account.role_label}")
