from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FellowshipConfig(AppConfig):
    name = "fellowship"
    verbose_name = _("Affectation et vie de la promotion")
