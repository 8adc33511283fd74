"""`manage.py recheck_cvs`: the CVs stored before uploads were parsed and rewritten (eig.pdf), checked and
rewritten in place; refused and missing files are listed for staff to follow up with the candidates."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils.translation import gettext as _

from applications.models import Application
from applications.selectors import CV_FIELDS
from applications.services import CvMissing, application_cv_recheck


class Command(BaseCommand):
    help = (
        "Vérifie les CV déjà enregistrés comme un dépôt l'est aujourd'hui et remplace chacun par sa copie "
        "réécrite (sans métadonnées) ; liste ceux qui sont refusés ou introuvables, qui restent en place."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Vérifie sans rien réécrire : dit ce qui serait fait."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        counts = {"checked": 0, "rewritten": 0, "clean": 0, "refused": 0, "missing": 0}
        applications = (
            Application.objects.exclude(Q(cv="") & Q(anonymised_cv="")).select_related("cohort").order_by("pk")
        )
        for application in applications.iterator(chunk_size=500):
            for field_name in CV_FIELDS:
                if not getattr(application, field_name):
                    continue
                counts["checked"] += 1
                label = Application._meta.get_field(field_name).verbose_name
                where = f"{application.reference}, {label}"
                try:
                    rewritten = application_cv_recheck(application=application, field_name=field_name, dry_run=dry_run)
                except ValidationError as refusal:
                    counts["refused"] += 1
                    self.stdout.write(
                        self.style.WARNING(
                            _("%(where)s : refusé — %(reason)s")
                            % {"where": where, "reason": " ".join(refusal.messages)}
                        )
                    )
                    continue
                except CvMissing:
                    counts["missing"] += 1
                    self.stdout.write(self.style.WARNING(_("%(where)s : fichier introuvable.") % {"where": where}))
                    continue
                counts["rewritten" if rewritten else "clean"] += 1
                if rewritten and options["verbosity"] >= 2:
                    self.stdout.write(
                        (_("%(where)s : serait réécrit.") if dry_run else _("%(where)s : réécrit.")) % {"where": where}
                    )
        summary = (
            _(
                "%(checked)s fichiers vérifiés : %(rewritten)s à réécrire, %(clean)s déjà conformes, "
                "%(refused)s refusés, %(missing)s introuvables (rien n'a été modifié)."
            )
            if dry_run
            else _(
                "%(checked)s fichiers vérifiés : %(rewritten)s réécrits, %(clean)s déjà conformes, "
                "%(refused)s refusés, %(missing)s introuvables."
            )
        )
        self.stdout.write(self.style.SUCCESS(summary % counts))
