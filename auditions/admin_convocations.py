"""The convocations in the admin, for `AuditionAdmin` (auditions/admin.py): the bulk decision « Envoyer la
convocation » (eig.admin_decisions: `actions = [*decision_actions(CONVOCATION_DECISIONS), …]`) and the list
filter of the candidates' answers (`list_filter = [AnswerFilter, …]`): staff find the requests for
another time there, and those who let the deadline pass."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext_lazy

from auditions.convocations import convocation_send
from auditions.models import AUDITION_LIFECYCLE, Audition, AuditionStatus
from eig.admin_decisions import Column, Decision, DecisionPage
from eig.dates import paris_datetime, passed_deadlines_cutoff


@transaction.atomic
def auditions_convene(*, auditions: list[Audition], by) -> list[Audition]:
    """Convene each audition (all or none: a refusal names its candidate)."""
    done = []
    for audition in auditions:
        try:
            done.append(convocation_send(audition=audition, by=by))
        except ValidationError as error:
            raise ValidationError(f"{audition.application.candidate} : {' '.join(error.messages)}") from error
    return done


def _candidate(audition: Audition) -> str:
    return str(audition.application.candidate)


CONVOCATION_PAGE = DecisionPage(
    intro=ngettext_lazy(
        "Cette audition passera au statut « %(status)s » :",
        "Ces %(count)s auditions passeront au statut « %(status)s » :",
        "count",
    ),
    left_out=gettext_lazy(
        "Seules les auditions à convoquer qui ont un créneau passent au statut « %(status)s » ; ignorées : %(names)s."
    ),
    describe=lambda audition: f"{_candidate(audition)} ({audition.get_status_display()})",
    notice=gettext_lazy(
        "Chaque candidat·e recevra la convocation par e-mail, avec le fichier .ics, et devra la confirmer."
    ),
    told=gettext_lazy("Chaque candidat·e en est informé·e par e-mail."),
    note_help=gettext_lazy("Gardée dans l'historique de chaque audition ; elle n'est pas envoyée au candidat."),
    table_id="auditions-to-convene",
    columns=(
        Column(gettext_lazy("Candidat·e"), _candidate),
        Column(gettext_lazy("Défi"), lambda audition: audition.challenge),
        Column(gettext_lazy("Jury"), lambda audition: audition.jury),
        Column(gettext_lazy("Créneau"), lambda audition: paris_datetime(audition.starts_at)),
    ),
    apply=lambda decision, auditions, by, data: auditions_convene(auditions=auditions, by=by),
    lifecycle=AUDITION_LIFECYCLE,
    condition=lambda audition: audition.status == AuditionStatus.PLANNED and audition.starts_at is not None,
)

CONVOCATION_DECISIONS = (
    Decision(
        "convene",
        (
            gettext_lazy("Envoyer la convocation"),
            gettext_lazy("Envoyer la convocation de ces auditions ?"),
            gettext_lazy("Oui, envoyer les convocations"),
        ),
        ngettext_lazy("%(count)s convocation envoyée.", "%(count)s convocations envoyées.", "count"),
        CONVOCATION_PAGE,
    ),
)


class AnswerFilter(admin.SimpleListFilter):
    """The candidates' answers to their convocation."""

    title = gettext_lazy("réponse à la convocation")
    parameter_name = "reponse"

    AWAITED, LATE, CONFIRMED, CHANGE = "attendue", "delai-passe", "confirmee", "autre-horaire"

    def lookups(self, request, model_admin):
        return [
            (self.AWAITED, gettext_lazy("Attendue")),
            (self.LATE, gettext_lazy("Délai passé sans réponse")),
            (self.CONFIRMED, gettext_lazy("Confirmée")),
            (self.CHANGE, gettext_lazy("Autre horaire demandé")),
        ]

    def queryset(self, request, queryset):
        # The minute rule (eig.dates): a deadline shown as 10:00 accepts answers until 10:00:59.
        cutoff = passed_deadlines_cutoff(timezone.now())
        conditions = {
            self.AWAITED: {"status": AuditionStatus.CONVENED, "answer_by__gte": cutoff},
            self.LATE: {"status": AuditionStatus.CONVENED, "answer_by__lt": cutoff},
            self.CONFIRMED: {"status": AuditionStatus.CONFIRMED},
            self.CHANGE: {"status": AuditionStatus.CHANGE_REQUESTED},
        }
        condition = conditions.get(self.value())
        return queryset.filter(**condition) if condition else queryset
