"""The auditions' reads shared by services, views and the admin."""

from auditions.models import ACTIVE_AUDITIONS, Audition, Jury
from challenges.models import Challenge, ChallengeStatus


def challenge_juries(cohort) -> dict[int, int]:
    """Each challenge of the cohort that has a jury → the jury that auditions for it (the first created,
    when several share it). One query."""
    juries = {}
    for challenge_id, jury_id in (
        Jury.challenges.through.objects.filter(jury__cohort=cohort)
        .order_by("jury_id")
        .values_list("challenge_id", "jury_id")
    ):
        juries.setdefault(challenge_id, jury_id)
    return juries


def proposable_challenges(audition: Audition):
    """The challenges a jury may propose for the audition's candidate: the cohort's selected challenges
    that have a jury, but those the candidate is already auditioned for."""
    return (
        Challenge.objects.filter(
            cohort_id=audition.application.cohort_id, status=ChallengeStatus.SELECTED, juries__isnull=False
        )
        .exclude(auditions__in=Audition.objects.filter(ACTIVE_AUDITIONS, application_id=audition.application_id))
        .distinct()
        .order_by("name")
    )
