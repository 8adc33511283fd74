from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

import eig.checks  # noqa: F401  (registers our deployment checks)


class EigConfig(AppConfig):
    name = "eig"
    verbose_name = _("Comptes et plateforme")
