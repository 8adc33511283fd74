"""Independent scoring: each juror who declared no link scores the audition on the cohort's audition
grid (the scoring block, cohorts.scoring), a comment per criterion, an opinion, a « coup de cœur »; the
scorecard can be changed until the deliberation of (challenge, profile) is closed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from auditions.models import Audition, AuditionScorecard, Deliberation
from auditions.permissions import has_declared_no_link
from auditions.selectors import deliberation_is_open
from cohorts.scoring import scorecard_save


def scorecard_frozen(audition: Audition) -> str | None:
    """Why nobody may record or change a scorecard of the audition now (None while they may): it is
    cancelled, or the deliberation of its challenge and its candidate's profile is closed."""
    if not audition.is_active:
        return _("Cette audition est annulée : elle ne s'évalue pas.")
    if not deliberation_is_open(audition):
        return _("La délibération de ce défi pour ce profil est close : les évaluations ne sont plus modifiables.")
    return None


def scoring_refusal(audition: Audition, juror) -> str | None:
    """Why `juror` cannot record or change their scorecard of the audition now (None when they can)."""
    if not has_declared_no_link(juror, audition):
        return _("Déclarez d'abord n'avoir aucun lien avec la personne auditionnée.")
    return scorecard_frozen(audition)


@transaction.atomic
def audition_score(
    *, audition: Audition, juror, scores: dict[int, int], comments: dict[int, str], **values
) -> AuditionScorecard:
    """Record or revise `juror`'s scorecard of the audition (`values`: opinion, favourite, comment);
    refused with the French message of `scoring_refusal`. The deliberation's row, when there is one, is
    locked first: a save and the deliberation's closing at the same moment are taken one after the other."""
    list(
        Deliberation.objects.select_for_update(of=("self",)).filter(
            challenge_id=audition.challenge_id, profile=audition.application.profile
        )
    )
    refusal = scoring_refusal(audition, juror)
    if refusal:
        raise ValidationError(refusal)
    return scorecard_save(
        model=AuditionScorecard, subject=audition, scorer=juror, scores=scores, comments=comments, **values
    )
