"""The staff's exports of the auditions (CSV or XLSX, eig.exports): the scores, one row per scorecard
(candidate, challenge, juror, each criterion of the audition grid, the weighted mean, the opinion, the
coup de cœur), and the validated lists, the last version of each deliberation. A fixed number of
queries, whatever the number of rows."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from auditions.models import AuditionScorecard, ListKind, ListVersion, ListVersionEntry, Opinion
from cohorts.models import GridStage, ScoringCriterion
from cohorts.profiles import Profile
from cohorts.scoring import score_rounded
from eig.dates import PARIS

FILE_NAMES = {"scores": "auditions-notes", "lists": "auditions-listes"}


def export_filename(what: str, extension: str) -> str:
    return f"{FILE_NAMES[what]}-{timezone.localdate().isoformat()}.{extension}"


def _yes_no(value: bool) -> str:
    return _("Oui") if value else _("Non")


def scores_table(cohorts) -> tuple[list[str], list[list], str]:
    """One row per scorecard of the cohorts' auditions: header, rows, the sheet's title."""
    labels = list(
        dict.fromkeys(
            ScoringCriterion.objects.filter(stage=GridStage.AUDITION, cohort__in=cohorts)
            .order_by("position", "label")
            .values_list("label", flat=True)
        )
    )
    scorecards = (
        AuditionScorecard.objects.filter(audition__application__cohort__in=cohorts)
        .with_weighted_mean()
        .select_related("audition__application__candidate", "audition__application__cohort", "audition__challenge")
        .select_related("juror")
        .prefetch_related("scores__criterion")
        .order_by("audition__challenge__name", "audition__application__candidate__last_name", "audition", "juror")
    )
    header = [
        _("Promotion"),
        _("Référence"),
        _("Candidat·e"),
        _("Profil"),
        _("Défi"),
        _("Juré·e"),
        *labels,
        _("Moyenne pondérée"),
        _("Avis"),
        _("Coup de cœur"),
    ]
    rows = []
    for scorecard in scorecards:
        application = scorecard.audition.application
        scores = {score.criterion.label: score.score for score in scorecard.scores.all()}
        rows.append(
            [
                application.cohort.name,
                application.reference,
                application.candidate.get_full_name(),
                str(Profile(application.profile).label) if application.profile else "",
                scorecard.audition.challenge.name,
                scorecard.juror.get_full_name() or scorecard.juror.email,
                *(scores.get(label) for label in labels),
                score_rounded(scorecard.weighted_mean),
                str(Opinion(scorecard.opinion).label),
                _yes_no(scorecard.favourite),
            ]
        )
    return header, rows, _("Notes des auditions")


def lists_table(cohorts) -> tuple[list[str], list[list], str]:
    """The last validated version of each deliberation of the cohorts, one row per candidate."""
    last_version = (
        ListVersion.objects.filter(deliberation=OuterRef("version__deliberation")).order_by("-number").values("pk")[:1]
    )
    entries = (
        ListVersionEntry.objects.filter(
            version__deliberation__challenge__cohort__in=cohorts, version=Subquery(last_version)
        )
        .select_related(
            "version__deliberation__challenge__cohort",
            "version__validated_by",
            "application__candidate",
            "application__cohort",
        )
        .order_by("version__deliberation__challenge__name", "version__deliberation__profile", "kind", "rank", "pk")
    )
    header = [
        _("Promotion"),
        _("Défi"),
        _("Profil"),
        _("Version"),
        _("Validée le (heure de Paris)"),
        _("Validée par"),
        _("Motif du changement"),
        _("Liste"),
        _("Rang"),
        _("Référence"),
        _("Candidat·e"),
        _("Adresse e-mail"),
        _("Motif de la décision"),
    ]
    rows = []
    for entry in entries:
        version, deliberation = entry.version, entry.version.deliberation
        rows.append(
            [
                deliberation.challenge.cohort.name,
                deliberation.challenge.name,
                str(deliberation.get_profile_display()),
                version.number,
                version.validated_at.astimezone(PARIS).replace(tzinfo=None),
                version.validated_by.get_full_name() or version.validated_by.email,
                version.reason,
                str(ListKind(entry.kind).label),
                entry.rank,
                entry.application.reference,
                entry.application.candidate.get_full_name(),
                entry.application.candidate.email,
                entry.note,
            ]
        )
    return header, rows, _("Listes validées")
