from django.apps import AppConfig
from django.db import models
from django.utils.translation import gettext_lazy as _

import eig.checks  # noqa: F401  (registers our deployment checks)


class EigConfig(AppConfig):
    name = "eig"
    verbose_name = _("Comptes et plateforme")

    def ready(self):
        # Every DateTimeField of every admin (ours and the libraries') is typed in Paris time, to the
        # minute, with a label on each half. The admin copies these defaults into each ModelAdmin when it
        # is registered, which happens after this app is ready (it comes first in INSTALLED_APPS). Imported
        # here, as Django's own apps do: the admin's modules need the app registry to be ready.
        from django.contrib.admin import options

        from eig.forms_datetime import ParisDateTimeField, ParisSplitDateTimeWidget

        options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateTimeField] = {
            "form_class": ParisDateTimeField,
            "widget": ParisSplitDateTimeWidget,
        }
        # Registers the tasks in every process (not only in workers), so that eig.enqueue finds them by
        # name: eager in tests, and with their own options everywhere.
        import eig.tasks  # noqa: F401
