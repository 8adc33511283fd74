"""Reminders of the projects call, registered in the reminder engine (eig/reminders, docs/reminders.md):
agents whose challenge is still a draft, 7 days and 1 day before the call closes."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge, ChallengeStatus
from cohorts.reminders import CohortRule
from eig.reminders.registry import Before, register

Ownership = Challenge.owners.through


def draft_challenge_owners(cohort_ids, now):
    """Every active owner of a draft challenge of those cohorts: (user, challenge, cohort)."""
    return Ownership.objects.filter(
        challenge__cohort_id__in=cohort_ids, challenge__status=ChallengeStatus.DRAFT, user__is_active=True
    ).values_list("user_id", "challenge_id", "challenge__cohort_id")


def draft_challenge_still_owned(user_id, challenge_id, now):
    return Challenge.objects.filter(pk=challenge_id, status=ChallengeStatus.DRAFT, owners=user_id)


CHALLENGE_DRAFT = register(
    CohortRule(
        key="challenge_draft",
        deadline_field="projects_call_closes_at",
        send_points=(Before(days=7), Before(days=1)),
        object_type="challenges.challenge",
        recipients=draft_challenge_owners,
        still_to_act=draft_challenge_still_owned,
        template="challenge_draft",
        action_url=lambda challenge_id: reverse("challenges:dashboard"),
        reason=_(
            "Vous recevez ce message parce que vous portez sur la plateforme EIG un défi encore en brouillon, "
            "et que l'appel à projets va fermer."
        ),
    )
)
