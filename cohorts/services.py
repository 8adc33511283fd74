from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cohorts.grids import DEFAULT_GRIDS
from cohorts.models import RETENTION_FIELDS, Cohort, ScoringCriterion
from eig.audit.models import AuditAction
from eig.audit.services import in_site_language, object_label, record, site_text

# The audit trail's summary (eig.audit).
RETENTION_CHANGED = _("%(cohort)s : durées de conservation modifiées (%(fields)s)")


@transaction.atomic
def scoring_grids_seed(*, cohort: Cohort) -> int:
    """Give a cohort the real programme's grids for every stage that has none yet. Idempotent."""
    created = 0
    with translation.override("fr"):
        for stage, (min_score, max_score, criteria) in DEFAULT_GRIDS.items():
            if ScoringCriterion.objects.filter(cohort=cohort, stage=stage).exists():
                continue
            ScoringCriterion.objects.bulk_create(
                ScoringCriterion(
                    cohort=cohort,
                    stage=stage,
                    position=position,
                    label=str(label),
                    description=str(description),
                    min_score=min_score,
                    max_score=max_score,
                )
                for position, (label, description) in enumerate(criteria, start=1)
            )
            created += len(criteria)
    return created


def cohort_retention(cohort: Cohort) -> dict[str, int]:
    """The cohort's retention periods as they are in the database, by field (docs/personal-data.md)."""
    return Cohort.objects.values(*RETENTION_FIELDS).get(pk=cohort.pk)


def cohort_retention_changed(*, cohort: Cohort, before: dict[str, int]) -> None:
    """After staff saved the cohort (its admin): one audit row with each retention period changed, before
    and after, if any changed."""
    after = cohort_retention(cohort)
    changed = {
        field: {"before": before[field], "after": after[field]}
        for field in RETENTION_FIELDS
        if before[field] != after[field]
    }
    if not changed:
        return
    record(
        AuditAction.SETTING,
        summary=in_site_language(
            RETENTION_CHANGED,
            cohort=object_label(cohort),
            fields=", ".join(site_text(Cohort._meta.get_field(field).verbose_name) for field in changed),
        ),
        target=cohort,
        data={"retention": changed},
    )
