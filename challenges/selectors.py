"""Reads that span models: what is missing before submission, evaluation summaries."""

from django.db.models import Avg, Count, DecimalField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from challenges.models import (
    MAX_PROJECT_LEADS,
    Challenge,
    ChallengeEvaluation,
    ChallengeScore,
    ContactKind,
)

MIN_POSITIONS, MAX_POSITIONS = 2, 3

# Fields required at submission, with the step of the form where they are filled.
REQUIRED_FIELDS = [
    "name",
    "summary",
    "context",
    "solution",
    "benefits",
    "existing_solutions",
    "obstacles",
    "legal_ethical_issues",
    "openness",
    "data_needed",
    "data_access",
    "work_address",
    "work_postcode",
    "work_city",
]


def challenge_missing_items(challenge: Challenge) -> list[str]:
    """What still prevents submission, in French, in the order of the form. Empty when complete.

    Reads positions, contacts and team members through `.all()`, so prefetch them for lists."""
    missing = []
    for field_name in REQUIRED_FIELDS:
        if not str(getattr(challenge, field_name) or "").strip():
            label = challenge._meta.get_field(field_name).verbose_name
            missing.append(_("Champ à remplir : %(label)s.") % {"label": str(label).capitalize()})
    positions = list(challenge.positions.all())
    if not MIN_POSITIONS <= len(positions) <= MAX_POSITIONS:
        missing.append(_("Le défi doit compter 2 ou 3 postes (il en compte %(count)s).") % {"count": len(positions)})
    if any(not position.mission.strip() for position in positions):
        missing.append(_("Chaque poste doit décrire sa mission."))
    contacts = list(challenge.contacts.all())
    kinds = [contact.kind for contact in contacts]
    for kind, message in [
        (ContactKind.SPONSOR, _("Il manque le ou la sponsor (mentor·e senior).")),
        (ContactKind.HR, _("Il manque le contact ressources humaines.")),
        (ContactKind.FINANCE, _("Il manque le contact financier.")),
    ]:
        if kind not in kinds:
            missing.append(message)
    leads = kinds.count(ContactKind.PROJECT_LEAD)
    if not 1 <= leads <= MAX_PROJECT_LEADS:
        missing.append(_("Le défi doit avoir un ou deux porteur·ses de projet."))
    if not list(challenge.team_members.all()):
        missing.append(_("Décrivez l'équipe projet (au moins une personne)."))
    return missing


def challenges_with_evaluation_summary(queryset: QuerySet[Challenge]) -> QuerySet[Challenge]:
    """Annotate each challenge with its evaluations: count, favourable count, coups de cœur and
    the mean of the evaluators' weighted means (each evaluation counts once)."""
    weighted = (
        ChallengeScore.objects.filter(evaluation=OuterRef("pk"))
        .values("evaluation")
        .annotate(
            value=ExpressionWrapper(
                Sum(F("score") * F("weight")) / Sum("weight"),
                output_field=DecimalField(max_digits=6, decimal_places=3),
            )
        )
        .values("value")
    )
    evaluation_means = (
        ChallengeEvaluation.objects.filter(challenge=OuterRef("pk"))
        .annotate(mean=Subquery(weighted))
        .values("challenge")
        .annotate(avg=Avg("mean"))
        .values("avg")
    )
    return queryset.annotate(
        evaluation_count=Count("evaluations", distinct=True),
        favourable_count=Count("evaluations", filter=Q(evaluations__favourable=True), distinct=True),
        favourite_count=Count("evaluations", filter=Q(evaluations__favourite=True), distinct=True),
        mean_score=Subquery(evaluation_means, output_field=DecimalField(max_digits=6, decimal_places=3)),
    )
