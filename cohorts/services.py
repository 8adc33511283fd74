from django.db import transaction
from django.utils import translation

from cohorts.grids import DEFAULT_GRIDS
from cohorts.models import Cohort, ScoringCriterion


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
