"""What the applications app holds about a person (eig.privacy, docs/personal-data.md): their applications
with their wishes, the pre-selection reviews of them (never who wrote them) and the lifecycle's history
(never who moved it), their CVs. Deleting the account withdraws an application still in the selection and
purges the rest, except a file under hold or one that an upper app keeps (a fellow's contract)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from applications.models import Application, ApplicationTransition, PreselectionReview, ReviewScore, Wish
from applications.retention import RetentionClass, applications_retention
from applications.services import application_leave, application_purge
from eig.dates import paris_date
from eig.privacy import PersonalData, json_value, register

# The application's own fields in the export, in the order of the form.
EXPORTED_FIELDS = (
    "status",
    "profile",
    "secondary_profiles",
    "skills",
    "years_of_experience",
    "career_path",
    "motivation",
    "achievements",
    "links",
    "relocation",
    "heard_from",
    "not_civil_servant",
    "not_juror_or_expert",
    "not_current_fellow",
    "data_consent",
    "submitted_at",
    "created_at",
    "updated_at",
    "retention_consent_at",
    "purged_at",
)


def _applications(user):
    return (
        Application.objects.filter(candidate=user)
        .select_related("cohort")
        .prefetch_related(
            Prefetch("wishes", queryset=Wish.objects.select_related("challenge").order_by("rank")),
            Prefetch(
                "reviews",
                queryset=PreselectionReview.objects.order_by("created_at", "pk").prefetch_related(
                    Prefetch("scores", queryset=ReviewScore.objects.select_related("criterion").order_by("pk"))
                ),
            ),
            Prefetch("transitions", queryset=ApplicationTransition.objects.order_by("at", "pk")),
        )
        .order_by("cohort__number", "pk")
    )


def _export(user) -> list[dict]:
    due = {retention.application.pk: retention for retention in applications_retention(_applications(user))}
    exported = []
    for application in _applications(user):
        retention = due.get(application.pk)
        exported.append(
            {
                "reference": application.reference,
                "cohort": application.cohort.name,
                **{field: json_value(getattr(application, field)) for field in EXPORTED_FIELDS},
                "cv": bool(application.cv),
                "anonymised_cv": bool(application.anonymised_cv),
                "erased_on": json_value(retention.due_at) if retention and not retention.held else None,
                "wishes": [{"rank": wish.rank, "challenge": wish.challenge.name} for wish in application.wishes.all()],
                "preselection_reviews": [
                    {
                        "assessment": review.assessment,
                        "scores": [
                            {"criterion": score.criterion.label, "score": score.score, "max_score": score.max_score}
                            for score in review.scores.all()
                        ],
                    }
                    for review in application.reviews.all()
                ],
                "history": [
                    {"from": transition.from_status, "to": transition.to_status, "at": json_value(transition.at)}
                    for transition in application.transitions.all()
                ],
            }
        )
    return exported


def _files(user) -> list:
    files = []
    for application in Application.objects.filter(candidate=user).select_related("cohort").order_by("pk"):
        files.append((f"cv-{application.reference}.pdf", application.cv))
        files.append((f"cv-anonymise-{application.reference}.pdf", application.anonymised_cv))
    return files


def _erase(user) -> None:
    """Withdraw what is still in the selection, then purge every file nothing keeps."""
    for application in Application.objects.filter(candidate=user, purged_at__isnull=True).select_related("cohort"):
        application_leave(application=application, by=user)
    for retention in applications_retention(Application.objects.filter(candidate=user)):
        if retention.held or retention.data_class == RetentionClass.CONTRACT:
            continue
        application_purge(application=retention.application, data_class="account_deleted")


def _keeps(user) -> str:
    """What outlives the account: a file under hold, a fellow's contract data."""
    kept = [
        retention
        for retention in applications_retention(Application.objects.filter(candidate=user))
        if retention.held or retention.data_class == RetentionClass.CONTRACT
    ]
    if not kept:
        return ""
    if any(retention.data_class == "contract" for retention in kept):
        until = max(retention.due_at for retention in kept if retention.data_class == "contract")
        return _(
            "Vos données de contrat d'entrepreneur·e d'intérêt général sont conservées jusqu'au %(date)s, "
            "durée légale, puis effacées."
        ) % {"date": paris_date(until)}
    return _("Un de vos dossiers de candidature doit être conservé pour l'instant ; il sera effacé ensuite.")


def _context(user) -> dict:
    return {
        "retentions": applications_retention(Application.objects.filter(candidate=user).order_by("cohort__number"))
    }


APPLICATIONS = register(
    PersonalData(
        key="applications",
        order=3,
        export=_export,
        files=_files,
        erase=_erase,
        keeps=_keeps,
        template="applications/privacy/_my_data.html",
        context=_context,
    )
)
