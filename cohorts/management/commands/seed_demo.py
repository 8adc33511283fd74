from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cohorts.demo import seed_demo


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
            self.style.SUCCESS(f"Données de démonstration prêtes : {result['current']}, {result['past']}.")
        )
        self.stdout.write(f"Comptes de démonstration (mot de passe : {result['password']}) :")
        for account in result["accounts"]:
            self.stdout.write(f"  {account.email:32} {account.role_label}")
