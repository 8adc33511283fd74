"""The retention periods of personal data (docs/personal-data.md) in templates:
`{% load cohort_retention %}{% retention_periods as retention %}` then `{{ retention.rows }}` — the
current cohort's values, or the defaults (those of the CNIL's recruitment guidance) when there is none."""

from django import template
from django.utils.translation import gettext as _

from cohorts.models import RETENTION_FIELDS, Cohort
from cohorts.selectors import cohort_current

register = template.Library()


@register.simple_tag
def retention_periods() -> dict:
    """{"cohort": the current cohort or None, "rows": [(data class, period, counted from)]}."""
    cohort = cohort_current()
    values = {
        field: getattr(cohort, field) if cohort else Cohort._meta.get_field(field).default
        for field in RETENTION_FIELDS
    }
    rows = [
        (
            _("Candidatures non retenues : CV, textes, appréciations et notes"),
            _("%(count)s mois") % {"count": values["retention_not_retained_months"]},
            _("après le dernier contact (résultats de la sélection, dernière connexion ou modification)"),
        ),
        (
            _("Candidatures non retenues, avec votre accord"),
            _("%(count)s mois") % {"count": values["retention_consent_months"]},
            _("après le dernier contact ; l'accord se donne et se retire depuis « Mes données »"),
        ),
        (
            _("Brouillons de candidature jamais déposés"),
            _("%(count)s jours") % {"count": values["retention_drafts_days"]},
            _("après la clôture de l'appel à candidatures"),
        ),
        (
            _("Données de contrat des entrepreneur·es d'intérêt général"),
            _("%(count)s ans") % {"count": values["retention_contract_years"]},
            _("après la fin du contrat"),
        ),
        (
            _("Compte"),
            _("jusqu'à sa suppression"),
            _("ou dès que plus aucun dossier ne le retient, pour un compte de candidat·e"),
        ),
    ]
    return {"cohort": cohort, "rows": rows}
