from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EigConfig(AppConfig):
    name = "eig"
    verbose_name = _("Comptes et plateforme")
