import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the site for development with a Celery worker and beat running beside it."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        if not settings.DEBUG:
            raise CommandError("rundev est réservé au développement : activez DEBUG.")
        # runserver's autoreloader runs this command again in a child process (RUN_MAIN=true):
        # only the first one starts Celery.
        worker = None
        if os.environ.get("RUN_MAIN") != "true":
            broker = "Redis" if settings.REDIS_URL else "un dossier local (.data/celery), faute de REDIS_URL"
            self.stdout.write(f"Celery : worker et beat démarrés, file de tâches sur {broker}.")
            worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "--app",
                    "eig",
                    "worker",
                    "--beat",
                    "--schedule",
                    settings.CELERY_BEAT_SCHEDULE_FILENAME,
                    "--concurrency",
                    "2",
                    "--loglevel",
                    "INFO",
                ],
            )
            # Beat sweeps the reminders every 15 minutes; a first sweep now shows the ones already due
            # (e-mails printed below by the console backend).
            from eig.tasks import sweep_reminders

            sweep_reminders.delay()
            self.stdout.write("Rappels : un premier passage est lancé, puis toutes les 15 minutes.")
            self.stdout.write(self.style.SUCCESS(f"Le site est servi sur http://{addrport}/"))
        try:
            call_command("runserver", addrport)
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()
