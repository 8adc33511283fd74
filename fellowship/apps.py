from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FellowshipConfig(AppConfig):
    name = "fellowship"
    verbose_name = _("Affectation et vie de la promotion")

    def ready(self):
        from fellowship.stages import register

        register()
        from fellowship.assignment_text import MESSAGES

        # « Pourquoi ce résultat » in the reader's language: the pure module's French templates (marked
        # for the catalogue with its gettext_noop) translated when rendered.
        for code, template in MESSAGES.items():
            if isinstance(template, str):
                MESSAGES[code] = _(template)
