"""Auditions and deliberation (layer 4): juries and their members, the auditions decided for the
pre-selected candidates and their slots, conflict-of-interest declarations, the jurors' scorecards,
and per (challenge, profile) the deliberation and the versions of its validated ranked lists.

What PostgreSQL itself guarantees (docs/auditions.md):

- no jury, no candidate and no juror is booked twice at once: each booked audition holds a `busy`
  range, [start, end + the cohort's break), and exclusion constraints (btree_gist) refuse two
  overlapping ranges of one jury or one application among the auditions not cancelled; each juror of
  the jury gets a `JurorBooking` row with the same range and the same constraint per person, so a
  juror who sits on two juries is not booked in both at once. `[)` bounds: back to back is allowed;
- one declaration per juror per audition; one scorecard per juror per audition; one deliberation per
  (challenge, profile); one entry per candidate in a deliberation, each rank once per list.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cohorts.models import GridStage
from cohorts.profiles import Profile
from cohorts.scoring import (
    CriterionScore,
    Scorecard,
    one_scorecard_per_scorer,
    score_constraints,
    scorecard_foreign_key,
)
from eig.audit.models import AuditAction
from eig.badges import status_badges
from eig.feeds import token_digest  # noqa: F401 (the jurors' feed digest, known here by this name)
from eig.lifecycle import Lifecycle, Transition, transition_log

# --- Juries -------------------------------------------------------------------------------------------


class JuryRole(models.TextChoices):
    PRESIDENT = "president", _("Président·e du jury")
    PROJECT_LEAD = "project_lead", _("Porteur·se de projet de l'administration")
    STAFF = "staff", _("Équipe du programme")
    OUTSIDE = "outside", _("Personne extérieure")
    ALUMNUS = "alumnus", _("Ancien·ne EIG")


class Jury(models.Model):
    """A panel that auditions candidates for one challenge or several."""

    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="juries"
    )
    name = models.CharField(_("nom"), max_length=200)
    challenges = models.ManyToManyField(
        "challenges.Challenge",
        verbose_name=_("défis"),
        related_name="juries",
        blank=True,
        help_text=_("Les défis pour lesquels ce jury auditionne (un jury peut en partager plusieurs)."),
    )
    video_link = models.URLField(
        _("lien de visioconférence"),
        blank=True,
        help_text=_("Laissé vide, un lien est créé pour chaque audition à partir de l'adresse configurée."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("jury")
        verbose_name_plural = _("jurys")
        ordering = ["cohort", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "name"],
                name="jury_unique_name",
                violation_error_message=_("Un jury porte déjà ce nom dans cette promotion."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


def _token() -> str:
    return secrets.token_urlsafe(32)


class JuryMember(models.Model):
    """A seat on a jury: invited by e-mail (the person may have no account yet), then a juror once
    the invitation is accepted."""

    jury = models.ForeignKey(Jury, verbose_name=_("jury"), on_delete=models.CASCADE, related_name="members")
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(_("rôle"), max_length=20, choices=JuryRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jury_seats",
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invité·e par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invitation envoyée le"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("invitation acceptée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("membre du jury")
        verbose_name_plural = _("membres du jury")
        ordering = ["jury", "role", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["jury", "email"],
                name="jury_member_unique_email",
                violation_error_message=_("Cette personne est déjà membre de ce jury."),
            ),
            models.UniqueConstraint(
                fields=["jury", "user"],
                name="jury_member_unique_user",
                violation_error_message=_("Cette personne est déjà membre de ce jury."),
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(user__isnull=False),
                name="jury_member_accepted_has_user",
                violation_error_message=_("Une invitation acceptée désigne un compte."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.email} — {self.jury}"


class Period(models.Model):
    """A span of time, [starts_at, ends_at), that belongs to `owner_field` (a jury's availability, a
    candidate's unavailability); PostgreSQL refuses one that ends before it starts."""

    owner_field: str

    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{getattr(self, self.owner_field)} : {self.starts_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def order_constraint(name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=Q(ends_at__gt=F("starts_at")),
            name=name,
            violation_error_message=_("La fin doit suivre le début."),
        )


class JuryAvailability(Period):
    """A time the jury can audition. A jury without any is available every weekday of the auditions
    window, 9:00–12:30 and 14:00–18:00 in Paris time."""

    owner_field = "jury"

    jury = models.ForeignKey(Jury, verbose_name=_("jury"), on_delete=models.CASCADE, related_name="availabilities")

    class Meta:
        verbose_name = _("disponibilité du jury")
        verbose_name_plural = _("disponibilités du jury")
        ordering = ["jury", "starts_at"]
        constraints = [Period.order_constraint("jury_availability_order")]


class Unavailability(Period):
    """A time a pre-selected candidate declared they cannot be auditioned."""

    owner_field = "application"

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("candidature"),
        on_delete=models.CASCADE,
        related_name="unavailabilities",
    )
    note = models.CharField(_("précision"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("indisponibilité")
        verbose_name_plural = _("indisponibilités")
        ordering = ["application", "starts_at"]
        constraints = [Period.order_constraint("unavailability_order")]


# --- Auditions and their slots ---------------------------------------------------------------------------


class AuditionStatus(models.TextChoices):
    PLANNED = "planned", _("À convoquer")
    CONVENED = "convened", _("Convocation envoyée")
    CONFIRMED = "confirmed", _("Confirmée")
    CHANGE_REQUESTED = "change_requested", _("Autre horaire demandé")
    CANCELLED = "cancelled", _("Annulée")


status_badges(
    AuditionStatus,
    {
        AuditionStatus.PLANNED: "info",
        AuditionStatus.CONVENED: "new",
        AuditionStatus.CONFIRMED: "success",
        AuditionStatus.CHANGE_REQUESTED: "warning",
        AuditionStatus.CANCELLED: "",
    },
)


class AuditionOrigin(models.TextChoices):
    WISH = "wish", _("Vœu du candidat ou de la candidate")
    JURY = "jury", _("Proposition du jury")
    STAFF = "staff", _("Décision de l'équipe")


ACTIVE_AUDITIONS = ~Q(status=AuditionStatus.CANCELLED)

# Convening sends (or re-sends, after a move) the convocation; the candidate answers; staff or the
# candidate's change of plans cancel. Every move of the slot raises the ICS sequence (services).
AUDITION_LIFECYCLE = Lifecycle(
    AuditionStatus,
    Transition(
        "convene",
        {"planned", "convened", "confirmed", "change_requested"},
        "convened",
        stamps=("convened_at",),
        label=_("Envoyer la convocation"),
    ),
    Transition("confirm", {"convened"}, "confirmed", stamps=("answered_at",), label=_("Confirmer")),
    Transition(
        "request_change",
        {"convened"},
        "change_requested",
        stamps=("answered_at",),
        label=_("Demander un autre horaire"),
    ),
    Transition("reschedule", {"convened", "confirmed", "change_requested"}, "planned", label=_("Replanifier")),
    Transition(
        "cancel",
        {"planned", "convened", "confirmed", "change_requested"},
        "cancelled",
        stamps=("cancelled_at",),
        label=_("Annuler"),
    ),
    log="auditions.AuditionTransition",
    refusal=_("Une audition « %(from)s » ne peut pas passer à « %(to)s »."),
)


class Audition(models.Model):
    """One candidate auditioned by one jury for one challenge, and its slot once booked."""

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("candidature"), on_delete=models.PROTECT, related_name="auditions"
    )
    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("défi"), on_delete=models.PROTECT, related_name="auditions"
    )
    jury = models.ForeignKey(Jury, verbose_name=_("jury"), on_delete=models.PROTECT, related_name="auditions")
    origin = models.CharField(_("origine"), max_length=10, choices=AuditionOrigin.choices, default=AuditionOrigin.WISH)
    status = models.CharField(
        _("statut"), max_length=20, choices=AuditionStatus.choices, default=AuditionStatus.PLANNED
    )

    starts_at = models.DateTimeField(_("début"), null=True, blank=True)
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    # [starts_at, ends_at + the cohort's break): what the exclusion constraints compare.
    busy = DateTimeRangeField(_("plage réservée"), null=True, blank=True, editable=False)
    video_link = models.URLField(_("lien de visioconférence"), blank=True)
    # The convocation's ICS: its UID never changes, its SEQUENCE rises at every change sent.
    uid = models.CharField(max_length=100, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("version de la convocation"), default=0)

    # A jury's proposal of a challenge the candidate did not wish for: who proposed it, and why.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposal_reason = models.TextField(_("motif de la proposition"), blank=True)

    answer_by = models.DateTimeField(_("réponse attendue avant le"), null=True, blank=True)
    change_reason = models.TextField(_("motif de la demande de changement"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    convened_at = models.DateTimeField(_("convoquée le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("réponse le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("audition")
        verbose_name_plural = _("auditions")
        ordering = ["starts_at", "jury", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "challenge"],
                condition=ACTIVE_AUDITIONS,
                name="audition_one_per_challenge",
                violation_error_message=_("Ce candidat ou cette candidate est déjà auditionné·e pour ce défi."),
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True, ends_at__isnull=True, busy__isnull=True)
                | Q(starts_at__isnull=False, ends_at__gt=F("starts_at"), busy__isnull=False),
                name="audition_slot_complete",
                violation_error_message=_("Un créneau a un début et une fin qui suit le début."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["convened", "confirmed", "change_requested"]) | Q(starts_at__isnull=False),
                name="audition_convened_has_slot",
                violation_error_message=_("Une audition convoquée a un créneau."),
            ),
            ExclusionConstraint(
                name="audition_jury_not_twice",
                expressions=[("jury", RangeOperators.EQUAL), ("busy", RangeOperators.OVERLAPS)],
                condition=ACTIVE_AUDITIONS & Q(busy__isnull=False),
                violation_error_message=_("Ce jury a déjà une audition à cet horaire."),
            ),
            ExclusionConstraint(
                name="audition_candidate_not_twice",
                expressions=[("application", RangeOperators.EQUAL), ("busy", RangeOperators.OVERLAPS)],
                condition=ACTIVE_AUDITIONS & Q(busy__isnull=False),
                violation_error_message=_("Ce candidat ou cette candidate a déjà une audition à cet horaire."),
            ),
        ]
        indexes = [models.Index(fields=["jury", "starts_at"], name="audition_jury_start_idx")]

    def __str__(self) -> str:
        return f"{self.application} — {self.challenge}"

    def save(self, *args, **kwargs):
        if not self.uid:
            self.uid = f"{secrets.token_hex(16)}@eig"
        super().save(*args, **kwargs)

    @property
    def cohort(self):
        return self.application.cohort

    @property
    def duration(self) -> dt.timedelta | None:
        return self.ends_at - self.starts_at if self.starts_at else None

    @property
    def is_active(self) -> bool:
        return self.status != AuditionStatus.CANCELLED


class AuditionTransition(
    transition_log(
        owner="auditions.Audition", owner_field="audition", owner_label=_("audition"), status_enum=AuditionStatus
    )
):
    """The log of an audition's lifecycle: convocations, answers, moves, cancellation."""


class JurorBooking(models.Model):
    """A juror's time held by an audition of their jury: one row per juror per booked audition, so that
    PostgreSQL refuses a juror sitting on two juries in two auditions at once."""

    audition = models.ForeignKey(
        Audition, verbose_name=_("audition"), on_delete=models.CASCADE, related_name="juror_bookings"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("juré·e"), on_delete=models.CASCADE, related_name="+"
    )
    busy = DateTimeRangeField(_("plage réservée"))

    class Meta:
        verbose_name = _("réservation d'un·e juré·e")
        verbose_name_plural = _("réservations des juré·es")
        constraints = [
            models.UniqueConstraint(fields=["audition", "juror"], name="juror_booking_unique"),
            ExclusionConstraint(
                name="audition_juror_not_twice",
                expressions=[("juror", RangeOperators.EQUAL), ("busy", RangeOperators.OVERLAPS)],
                violation_error_message=_("Un·e juré·e de ce jury siège déjà dans une autre audition à cet horaire."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror} — {self.audition}"


# --- Conflicts of interest ---------------------------------------------------------------------------------


class Link(models.TextChoices):
    NONE = "none", _("Aucun lien")
    WORKED_TOGETHER = "worked_together", _("Nous avons travaillé ensemble")
    PERSONAL = "personal", _("Lien familial ou personnel")
    SAME_ORGANISATION = "same_organisation", _("Même organisation")
    SUPERVISED = "supervised", _("Je l'ai formé·e ou encadré·e")
    OTHER = "other", _("Autre lien")


class Declaration(models.Model):
    """A juror's declaration for one audition, made before its file opens; any link is a recusal
    (déport): the juror neither sees nor scores the file. Kept as made: it cannot be changed."""

    audition = models.ForeignKey(
        Audition, verbose_name=_("audition"), on_delete=models.CASCADE, related_name="declarations"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("juré·e"), on_delete=models.PROTECT, related_name="declarations"
    )
    link = models.CharField(_("lien avec la personne auditionnée"), max_length=20, choices=Link.choices)
    note = models.TextField(_("précision"), blank=True)
    created_at = models.DateTimeField(_("déclarée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("déclaration d'intérêts")
        verbose_name_plural = _("déclarations d'intérêts")
        ordering = ["audition", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["audition", "juror"],
                name="declaration_one_per_juror",
                violation_error_message=_("Vous avez déjà fait votre déclaration pour cette audition."),
            ),
            models.CheckConstraint(
                condition=Q(link="none") | ~Q(note=""),
                name="declaration_link_has_note",
                violation_error_message=_("Précisez le lien en quelques mots."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror} — {self.audition} : {self.get_link_display()}"

    @property
    def is_recusal(self) -> bool:
        return self.link != Link.NONE


# --- Scorecards -------------------------------------------------------------------------------------------


class Opinion(models.TextChoices):
    FAVOURABLE = "favourable", _("Favorable")
    RESERVED = "reserved", _("Réservé")
    UNFAVOURABLE = "unfavourable", _("Défavorable")


status_badges(
    Opinion,
    {Opinion.FAVOURABLE: "success", Opinion.RESERVED: "warning", Opinion.UNFAVOURABLE: "error"},
)


class AuditionScorecard(Scorecard):
    """One juror's scorecard of one audition on the cohort's audition grid (cohorts.scoring)."""

    grid_stage = GridStage.AUDITION
    subject_field = "audition"
    scorer_field = "juror"

    audition = models.ForeignKey(
        Audition, verbose_name=_("audition"), on_delete=models.CASCADE, related_name="scorecards"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("juré·e"),
        on_delete=models.PROTECT,
        related_name="audition_scorecards",
    )
    opinion = models.CharField(_("avis"), max_length=20, choices=Opinion.choices)
    favourite = models.BooleanField(_("coup de cœur"), default=False)
    comment = models.TextField(_("commentaire général"), blank=True)

    class Meta:
        verbose_name = _("évaluation d'une audition")
        verbose_name_plural = _("évaluations des auditions")
        ordering = ["audition", "created_at"]
        constraints = [
            one_scorecard_per_scorer(
                subject_field="audition",
                scorer_field="juror",
                name="audition_scorecard_one_per_juror",
                message=_("Vous avez déjà évalué cette audition."),
            ),
        ]


class AuditionScore(CriterionScore):
    scorecard = scorecard_foreign_key(AuditionScorecard)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta(CriterionScore.Meta):
        constraints = score_constraints(scorecard_field="scorecard", prefix="audition_score")


# --- Deliberation and ranked lists --------------------------------------------------------------------------


class DeliberationStatus(models.TextChoices):
    OPEN = "open", _("En cours")
    CLOSED = "closed", _("Close par le jury")
    VALIDATED = "validated", _("Validée par la direction")


status_badges(
    DeliberationStatus,
    {DeliberationStatus.OPEN: "info", DeliberationStatus.CLOSED: "new", DeliberationStatus.VALIDATED: "success"},
)

DELIBERATION_LIFECYCLE = Lifecycle(
    DeliberationStatus,
    Transition("close", {"open"}, "closed", stamps=("closed_at",), label=_("Clore la délibération")),
    Transition("reopen", {"closed", "validated"}, "open", label=_("Rouvrir la délibération")),
    Transition(
        "validate",
        {"closed"},
        "validated",
        stamps=("validated_at",),
        label=_("Valider les listes"),
        audit_action=AuditAction.VALIDATION,
    ),
    log="auditions.DeliberationTransition",
    audit_action=AuditAction.LIST,
    refusal=_("Une délibération « %(from)s » ne peut pas passer à « %(to)s »."),
)


class Deliberation(models.Model):
    """The jury's ranking of the candidates auditioned for one challenge and one profile."""

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("défi"), on_delete=models.PROTECT, related_name="deliberations"
    )
    profile = models.CharField(_("profil"), max_length=30, choices=Profile.choices)
    status = models.CharField(
        _("statut"), max_length=20, choices=DeliberationStatus.choices, default=DeliberationStatus.OPEN
    )
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    validated_at = models.DateTimeField(_("validée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("délibération")
        verbose_name_plural = _("délibérations")
        ordering = ["challenge", "profile"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "profile"],
                name="deliberation_one_per_challenge_profile",
                violation_error_message=_("Ce défi a déjà une délibération pour ce profil."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.get_profile_display()}"

    @property
    def cohort(self):
        return self.challenge.cohort


class DeliberationTransition(
    transition_log(
        owner="auditions.Deliberation",
        owner_field="deliberation",
        owner_label=_("délibération"),
        status_enum=DeliberationStatus,
    )
):
    """The log of a deliberation: closed by the jury, validated by the director, reopened with a reason."""


class ListKind(models.TextChoices):
    MAIN = "main", _("Liste principale")
    WAITING = "waiting", _("Liste complémentaire")
    NOT_RETAINED = "not_retained", _("Non retenu·e")


status_badges(
    ListKind,
    {ListKind.MAIN: "success", ListKind.WAITING: "info", ListKind.NOT_RETAINED: ""},
)

RANKED_KINDS = Q(kind__in=[ListKind.MAIN, ListKind.WAITING])


class ListPlace(models.Model):
    """A candidate's place in a deliberation's lists: on the main list or the waiting list at a rank, or
    not retained, with a note (the jury's decision, and its frozen copy in a validated version)."""

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("candidature"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("décision"), max_length=20, choices=ListKind.choices)
    rank = models.PositiveSmallIntegerField(_("rang"), null=True, blank=True)
    note = models.TextField(_("motif"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.application} : {self.get_kind_display()} {self.rank or ''}".strip()


class DeliberationEntry(ListPlace):
    """The jury's decision on one auditioned candidate: on the main list or the waiting list at a rank,
    or not retained, with a note."""

    deliberation = models.ForeignKey(
        Deliberation, verbose_name=_("délibération"), on_delete=models.CASCADE, related_name="entries"
    )

    class Meta:
        verbose_name = _("décision du jury")
        verbose_name_plural = _("décisions du jury")
        ordering = ["deliberation", "kind", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["deliberation", "application"],
                name="deliberation_entry_one_per_candidate",
                violation_error_message=_(
                    "Ce candidat ou cette candidate a déjà une décision dans cette délibération."
                ),
            ),
            models.UniqueConstraint(
                fields=["deliberation", "kind", "rank"],
                condition=RANKED_KINDS,
                name="deliberation_entry_unique_rank",
                violation_error_message=_("Deux personnes ne peuvent pas avoir le même rang sur une liste."),
            ),
            models.CheckConstraint(
                condition=(RANKED_KINDS & Q(rank__gte=1)) | (Q(kind=ListKind.NOT_RETAINED) & Q(rank__isnull=True)),
                name="deliberation_entry_rank_on_lists",
                violation_error_message=_("Un rang est donné sur une liste, et seulement sur une liste."),
            ),
        ]


class ListVersion(models.Model):
    """A validated version of a deliberation's lists, frozen: its entries are copied and never change.
    A change after validation reopens the deliberation and makes a new version, with its reason."""

    deliberation = models.ForeignKey(
        Deliberation, verbose_name=_("délibération"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("validée par"), on_delete=models.PROTECT, related_name="+"
    )
    validated_at = models.DateTimeField(_("validée le"), auto_now_add=True)
    reason = models.TextField(_("motif du changement"), blank=True)

    class Meta:
        verbose_name = _("version validée des listes")
        verbose_name_plural = _("versions validées des listes")
        ordering = ["deliberation", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["deliberation", "number"],
                name="list_version_unique_number",
                violation_error_message=_("Cette version existe déjà."),
            ),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(reason=""),
                name="list_version_change_has_reason",
                violation_error_message=_("Une nouvelle version des listes indique le motif du changement."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deliberation} — v{self.number}"


class ListVersionEntry(ListPlace):
    version = models.ForeignKey(
        ListVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="entries"
    )

    class Meta:
        verbose_name = _("décision validée")
        verbose_name_plural = _("décisions validées")
        ordering = ["version", "kind", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["version", "application"], name="list_version_entry_one_per_candidate"),
            models.UniqueConstraint(
                fields=["version", "kind", "rank"], condition=RANKED_KINDS, name="list_version_entry_unique_rank"
            ),
        ]


class JurorFeed(models.Model):
    """A juror's private calendar feed of their auditions: the URL carries a token whose digest only is
    stored; rotating it makes a new token and kills the old address."""

    juror = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("juré·e"), on_delete=models.CASCADE, related_name="audition_feed"
    )
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("créé le"), auto_now=True)

    class Meta:
        verbose_name = _("agenda privé d'un·e juré·e")
        verbose_name_plural = _("agendas privés des juré·es")

    def __str__(self) -> str:
        return str(self.juror)
