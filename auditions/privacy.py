"""What the auditions app holds about a candidate (eig.privacy, docs/personal-data.md): their auditions,
the jurors' scorecards of them (scores, opinions and comments, never who wrote them), the juries' decisions
about them and the unavailabilities they declared. A purge empties the free texts about them; the scores,
opinions and ranks stay in the anonymous record. The jurors' declarations of interests are the jurors'
data, not the candidate's: neither exported nor erased here."""

from django.db.models import Prefetch

from applications.retention import register_purge_step
from auditions.models import (
    Audition,
    AuditionScore,
    AuditionScorecard,
    Declaration,
    DeliberationEntry,
    ListVersionEntry,
    Unavailability,
)
from eig.privacy import PersonalData, json_value, register


def _export(user) -> dict:
    auditions = (
        Audition.objects.filter(application__candidate=user)
        .select_related("challenge", "application__cohort")
        .prefetch_related(
            Prefetch(
                "scorecards",
                queryset=AuditionScorecard.objects.order_by("created_at", "pk").prefetch_related(
                    Prefetch("scores", queryset=AuditionScore.objects.select_related("criterion").order_by("pk"))
                ),
            )
        )
        .order_by("starts_at", "pk")
    )
    return {
        "auditions": [
            {
                "cohort": audition.application.cohort.name,
                "challenge": audition.challenge.name,
                "status": audition.status,
                "origin": audition.origin,
                "starts_at": json_value(audition.starts_at),
                "ends_at": json_value(audition.ends_at),
                "proposal_reason": audition.proposal_reason,
                "change_reason": audition.change_reason,
                "scorecards": [
                    {
                        "opinion": card.opinion,
                        "favourite": card.favourite,
                        "comment": card.comment,
                        "scores": [
                            {
                                "criterion": score.criterion.label,
                                "score": score.score,
                                "max_score": score.max_score,
                                "comment": score.comment,
                            }
                            for score in card.scores.all()
                        ],
                    }
                    for card in audition.scorecards.all()
                ],
            }
            for audition in auditions
        ],
        "decisions": [
            {
                "challenge": entry.deliberation.challenge.name,
                "profile": entry.deliberation.profile,
                "kind": entry.kind,
                "rank": entry.rank,
                "note": entry.note,
            }
            for entry in DeliberationEntry.objects.filter(application__candidate=user)
            .select_related("deliberation__challenge")
            .order_by("pk")
        ],
        "unavailabilities": [
            {"starts_at": json_value(period.starts_at), "ends_at": json_value(period.ends_at), "note": period.note}
            for period in Unavailability.objects.filter(application__candidate=user).order_by("starts_at", "pk")
        ],
    }


def purge_applications(application_ids: list[int]) -> None:
    """Empty the free texts about these applications: the jurors' comments, the juries' reasons, the
    candidate's notes (scores, opinions and ranks stay: the anonymous record)."""
    auditions = Audition.objects.filter(application_id__in=application_ids)
    auditions.update(proposal_reason="", change_reason="", video_link="")
    AuditionScorecard.objects.filter(audition__in=auditions).update(comment="")
    AuditionScore.objects.filter(scorecard__audition__in=auditions).update(comment="")
    Declaration.objects.filter(audition__in=auditions).update(note="")
    DeliberationEntry.objects.filter(application_id__in=application_ids).update(note="")
    ListVersionEntry.objects.filter(application_id__in=application_ids).update(note="")
    Unavailability.objects.filter(application_id__in=application_ids).update(note="")


register_purge_step(purge_applications)
AUDITIONS = register(PersonalData(key="auditions", order=4, export=_export))
