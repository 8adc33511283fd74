"""The deployment's values on the pages every State site must have (legal notice, personal data,
accessibility statement, contact), read from settings (LEGAL, ACCESSIBILITY, CONTACT_EMAIL) on each
request, so that the footer and the pages always say the same."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The three statuses of the RGAA, as the footer and the statement name them.
ACCESSIBILITY_STATUS_LABELS = {
    "non": _("non conforme"),
    "partiellement": _("partiellement conforme"),
    "totalement": _("totalement conforme"),
}


def accessibility_status_label(status: str | None = None) -> str:
    """« non conforme », « partiellement conforme » or « totalement conforme »: the deployment's status."""
    return ACCESSIBILITY_STATUS_LABELS[status or settings.ACCESSIBILITY["status"]]


def legal_context() -> dict:
    """What the public pages show: `legal`, `accessibility` (with its `status_label`), `contact_email` and
    `site_url` (the address the accessibility statement applies to)."""
    accessibility = dict(settings.ACCESSIBILITY)
    accessibility["status_label"] = accessibility_status_label(accessibility["status"])
    return {
        "legal": settings.LEGAL,
        "accessibility": accessibility,
        "contact_email": settings.CONTACT_EMAIL,
        "site_url": settings.SITE_URL,
    }
