from django.conf import settings
from django.utils.translation import gettext_lazy as _

from eig.legal import accessibility_status_label


def site(request):
    """What django-dsfr's base template reads as SITE_CONFIG, from code rather than a database row."""
    return {
        "SITE_CONFIG": {
            "site_title": _("Entrepreneurs d'intérêt général"),
            "site_tagline": _("Des talents du numérique au service de l'action publique"),
            "footer_description": _(
                "Le programme Entrepreneurs d'intérêt général fait travailler, pendant dix mois, des "
                "professionnel·les du numérique avec des administrations sur des défis d'intérêt général."
            ),
            # django-dsfr's word (« non », « partiellement », « totalement »), and our footer's label: the
            # deployment's status (settings.ACCESSIBILITY), as the accessibility statement gives it.
            "get_accessibility_status_display": settings.ACCESSIBILITY["status"],
            "accessibility_status_label": accessibility_status_label(),
        }
    }
