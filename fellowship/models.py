"""The fellowship (layer 5): from the validated lists to a running cohort (docs/fellowship.md).

- **Assignment runs**: staff's pins and forbids on (candidate, position) pairs, and each run of the
  assignment model (`fellowship.assignment`) with its inputs, its result and its placements. A run is
  proposed, then validated by staff; a validated run never changes: validating another one replaces it,
  with a reason.
- **Offers**: a validated run offers each placed laureate their position, to accept or decline before
  a deadline; a declined, lapsed or withdrawn offer passes the position to the next person of that
  (challenge, profile) list unless staff paused it. PostgreSQL refuses two open offers for one position
  or one person, and two accepted offers for one position or one person.
- **Fellows and mentors**: an accepted offer makes the person a fellow of the cohort in the challenge's
  team; each fellow has an operational mentor (a project lead of the challenge) and a senior mentor
  (its sponsor), invited by e-mail.
- **Cohort life**: collective sessions with attendance, each person's private calendar feed, and the
  teams' repositories under a free licence.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cohorts.profiles import Profile
from eig.audit.models import AuditAction
from eig.badges import status_badges
from eig.lifecycle import Lifecycle, Transition, transition_log

# --- Assignment runs ----------------------------------------------------------------------------------


class ChoiceKind(models.TextChoices):
    PIN = "pin", _("Imposé")
    FORBID = "forbid", _("Exclu")


status_badges(ChoiceKind, {ChoiceKind.PIN: "success", ChoiceKind.FORBID: "error"})


class AssignmentChoice(models.Model):
    """A staff decision every later run of the cohort obeys: this candidate on this position (pin), or
    never there (forbid)."""

    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("promotion"), on_delete=models.CASCADE, related_name="assignment_choices"
    )
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("candidature"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.ForeignKey(
        "challenges.Position", verbose_name=_("poste"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("décision"), max_length=10, choices=ChoiceKind.choices)
    note = models.TextField(_("motif"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("choix imposé ou exclu")
        verbose_name_plural = _("choix imposés ou exclus")
        ordering = ["cohort", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"],
                name="assignment_choice_one_per_pair",
                violation_error_message=_("Ce couple (personne, poste) est déjà imposé ou exclu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} : {self.application} → {self.position}"


class RunStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposée")
    VALIDATED = "validated", _("Validée")
    REPLACED = "replaced", _("Remplacée")


status_badges(RunStatus, {RunStatus.PROPOSED: "info", RunStatus.VALIDATED: "success", RunStatus.REPLACED: ""})

RUN_LIFECYCLE = Lifecycle(
    RunStatus,
    Transition(
        "validate",
        {"proposed"},
        "validated",
        stamps=("validated_at",),
        label=_("Valider cette affectation"),
        audit_action=AuditAction.VALIDATION,
    ),
    Transition("replace", {"validated"}, "replaced", stamps=("replaced_at",), label=_("Remplacer cette affectation")),
    log="fellowship.AssignmentRunTransition",
    audit_action=AuditAction.ASSIGNMENT,
    refusal=_("Une affectation « %(from)s » ne peut pas passer à « %(to)s »."),
)


class AssignmentRun(models.Model):
    """One run of the assignment model on a cohort: the inputs it read (the validated lists, the wishes,
    the positions, the pins and forbids, the weights, as the model's plain data), its result (status,
    placements, reasons, blocking pairs) and its placements as rows. Never edited after it is made."""

    lifecycle = RUN_LIFECYCLE

    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="assignment_runs"
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    status = models.CharField(_("statut"), max_length=20, choices=RunStatus.choices, default=RunStatus.PROPOSED)
    inputs = models.JSONField(_("données d'entrée"))
    result = models.JSONField(_("résultat"))
    solver_status = models.CharField(_("statut du calcul"), max_length=30)
    objective = models.IntegerField(_("valeur de l'objectif"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lancée par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("lancée le"), auto_now_add=True)
    validated_at = models.DateTimeField(_("validée le"), null=True, blank=True)
    replaced_at = models.DateTimeField(_("remplacée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("affectation calculée")
        verbose_name_plural = _("affectations calculées")
        ordering = ["cohort", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "number"],
                name="assignment_run_unique_number",
                violation_error_message=_("Cette promotion a déjà une affectation de ce numéro."),
            ),
            models.UniqueConstraint(
                fields=["cohort"],
                condition=Q(status="validated"),
                name="assignment_run_one_validated",
                violation_error_message=_("Cette promotion a déjà une affectation validée."),
            ),
        ]

    def __str__(self) -> str:
        return _("Affectation n° %(number)s") % {"number": self.number}


class AssignmentRunTransition(
    transition_log(
        owner="fellowship.AssignmentRun",
        owner_field="run",
        owner_label=_("affectation"),
        status_enum=RunStatus,
    )
):
    """The log of a run: validated by staff, replaced by another with the reason."""


class RunPlacement(models.Model):
    """A placement of a run: this candidate on this position."""

    run = models.ForeignKey(
        AssignmentRun, verbose_name=_("affectation"), on_delete=models.CASCADE, related_name="placements"
    )
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("candidature"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.ForeignKey(
        "challenges.Position", verbose_name=_("poste"), on_delete=models.PROTECT, related_name="+"
    )
    pinned = models.BooleanField(_("imposé"), default=False)
    list_rank = models.PositiveSmallIntegerField(_("rang sur la liste"))
    on_waiting_list = models.BooleanField(_("depuis la liste complémentaire"), default=False)
    wish_rank = models.PositiveSmallIntegerField(_("rang du vœu"), null=True, blank=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "application"], name="run_placement_one_per_candidate"),
            models.UniqueConstraint(fields=["run", "position"], name="run_placement_one_per_position"),
        ]

    def __str__(self) -> str:
        return f"{self.application} → {self.position}"


# --- Offers --------------------------------------------------------------------------------------------


class OfferStatus(models.TextChoices):
    OPEN = "open", _("En attente de réponse")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Refusée")
    LAPSED = "lapsed", _("Expirée")
    WITHDRAWN = "withdrawn", _("Retirée")


status_badges(
    OfferStatus,
    {
        OfferStatus.OPEN: "new",
        OfferStatus.ACCEPTED: "success",
        OfferStatus.DECLINED: "error",
        OfferStatus.LAPSED: "warning",
        OfferStatus.WITHDRAWN: "",
    },
)

OFFER_LIFECYCLE = Lifecycle(
    OfferStatus,
    Transition("accept", {"open"}, "accepted", stamps=("answered_at",), label=_("Accepter l'offre")),
    Transition("decline", {"open"}, "declined", stamps=("answered_at",), label=_("Refuser l'offre")),
    Transition("lapse", {"open"}, "lapsed", stamps=("closed_at",), label=_("Expirer l'offre")),
    Transition("withdraw", {"open"}, "withdrawn", stamps=("closed_at",), label=_("Retirer l'offre")),
    log="fellowship.OfferTransition",
    audit_action=AuditAction.OFFER,
    refusal=_("Une offre « %(from)s » ne peut pas passer à « %(to)s »."),
)

OPEN_OFFERS = Q(status=OfferStatus.OPEN)


class Offer(models.Model):
    """A position offered to a laureate, to accept or decline before `answer_by` (Paris time). Made by a
    validated run (`run`), or by the waiting list after another offer of the position closed
    (`previous`: that offer)."""

    lifecycle = OFFER_LIFECYCLE

    run = models.ForeignKey(
        AssignmentRun, verbose_name=_("affectation"), on_delete=models.PROTECT, related_name="offers"
    )
    position = models.ForeignKey(
        "challenges.Position", verbose_name=_("poste"), on_delete=models.PROTECT, related_name="offers"
    )
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("candidature"), on_delete=models.PROTECT, related_name="offers"
    )
    previous = models.OneToOneField(
        "self",
        verbose_name=_("offre précédente du poste"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_offer",
    )
    status = models.CharField(_("statut"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    monthly_salary = models.PositiveIntegerField(_("salaire mensuel net (€)"))
    senior = models.BooleanField(_("profil senior"))
    sent_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    answer_by = models.DateTimeField(_("réponse attendue avant le"))
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)

    class Meta:
        verbose_name = _("offre")
        verbose_name_plural = _("offres")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["position"],
                condition=OPEN_OFFERS,
                name="offer_one_open_per_position",
                violation_error_message=_("Ce poste a déjà une offre en attente de réponse."),
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=OPEN_OFFERS,
                name="offer_one_open_per_person",
                violation_error_message=_("Cette personne a déjà une offre en attente de réponse."),
            ),
            models.UniqueConstraint(
                fields=["position"],
                condition=Q(status=OfferStatus.ACCEPTED),
                name="offer_one_accepted_per_position",
                violation_error_message=_("Ce poste est déjà pourvu."),
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status=OfferStatus.ACCEPTED),
                name="offer_one_accepted_per_person",
                violation_error_message=_("Cette personne a déjà accepté une offre."),
            ),
        ]
        indexes = [models.Index(fields=["status", "answer_by"], name="offer_status_answer_by")]

    def __str__(self) -> str:
        return f"{self.application} → {self.position}"


class OfferTransition(
    transition_log(owner="fellowship.Offer", owner_field="offer", owner_label=_("offre"), status_enum=OfferStatus)
):
    """The log of an offer: accepted or declined by the laureate, lapsed by the sweep, withdrawn by staff
    with the reason."""


class WaitingListPause(models.Model):
    """Staff paused the waiting list of this (challenge, profile): a closed offer does not pass its
    position to the next person until the pause is lifted (the row deleted)."""

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("défi"), on_delete=models.CASCADE, related_name="waiting_list_pauses"
    )
    profile = models.CharField(_("profil"), max_length=30, choices=Profile.choices)
    reason = models.TextField(_("motif"), blank=True)
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    paused_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("liste complémentaire en pause")
        verbose_name_plural = _("listes complémentaires en pause")
        ordering = ["challenge", "profile"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "profile"], name="waiting_list_pause_one_per_list"),
        ]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.get_profile_display()}"


# --- Fellows and mentors -------------------------------------------------------------------------------


class MentorKind(models.TextChoices):
    OPERATIONAL = "operational", _("Mentor·e opérationnel·le")
    SENIOR = "senior", _("Mentor·e senior")


class Mentor(models.Model):
    """A mentor of a challenge's team: a project lead of the challenge (operational) or its sponsor
    (senior), from the challenge's contacts, invited to the platform by e-mail."""

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("défi"), on_delete=models.CASCADE, related_name="mentors"
    )
    kind = models.CharField(_("rôle"), max_length=20, choices=MentorKind.choices)
    contact = models.OneToOneField(
        "challenges.Contact",
        verbose_name=_("contact du défi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor",
    )
    name = models.CharField(_("prénom et nom"), max_length=200)
    email = models.EmailField(_("adresse e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentorships",
    )
    token_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    invited_at = models.DateTimeField(_("invitation envoyée le"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("invitation acceptée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentor·e")
        verbose_name_plural = _("mentor·es")
        ordering = ["challenge", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "email"],
                name="mentor_unique_email",
                violation_error_message=_("Cette personne est déjà mentor·e de ce défi."),
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(user__isnull=False),
                name="mentor_accepted_has_user",
                violation_error_message=_("Une invitation acceptée désigne un compte."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Fellow(models.Model):
    """A laureate who accepted their offer: a fellow of the cohort, in the team of the position's
    challenge, with their two mentors. `public` says whether they agreed to appear on the public cohort
    page."""

    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="fellows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("compte"), on_delete=models.PROTECT, related_name="fellowships"
    )
    application = models.OneToOneField(
        "applications.Application", verbose_name=_("candidature"), on_delete=models.PROTECT, related_name="fellow"
    )
    offer = models.OneToOneField(
        Offer, verbose_name=_("offre acceptée"), on_delete=models.PROTECT, related_name="fellow"
    )
    position = models.OneToOneField(
        "challenges.Position", verbose_name=_("poste"), on_delete=models.PROTECT, related_name="fellow"
    )
    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("défi"), on_delete=models.PROTECT, related_name="fellows"
    )
    operational_mentor = models.ForeignKey(
        Mentor,
        verbose_name=_("mentor·e opérationnel·le"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="operational_fellows",
    )
    senior_mentor = models.ForeignKey(
        Mentor,
        verbose_name=_("mentor·e senior"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="senior_fellows",
    )
    public = models.BooleanField(
        _("apparaître sur la page publique de la promotion"),
        default=False,
        help_text=_("Votre nom et votre profil sont affichés avec votre équipe sur la page publique de la promotion."),
    )
    starts_on = models.DateField(_("début du contrat"))
    ends_on = models.DateField(_("fin du contrat"))
    created_at = models.DateTimeField(_("lauréat·e depuis le"), auto_now_add=True)

    class Meta:
        verbose_name = _("entrepreneur·e d'intérêt général")
        verbose_name_plural = _("entrepreneur·es d'intérêt général")
        ordering = ["cohort", "challenge", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="fellow_one_per_cohort"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="fellow_contract_dates_order",
                violation_error_message=_("La fin du contrat doit suivre son début."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


# --- Cohort life ---------------------------------------------------------------------------------------


class Audience(models.TextChoices):
    FELLOWS = "fellows", _("Les EIG")
    MENTORS = "mentors", _("Les mentor·es")
    BOTH = "both", _("Les EIG et les mentor·es")


class Session(models.Model):
    """A collective session of the cohort (a bootcamp, a workshop, a demo day), in a place or by video."""

    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    video_link = models.URLField(_("lien de visioconférence"), blank=True)
    mandatory = models.BooleanField(_("obligatoire"), default=False)
    audience = models.CharField(_("pour"), max_length=20, choices=Audience.choices, default=Audience.FELLOWS)
    sequence = models.PositiveIntegerField(_("version du calendrier"), default=0, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("session collective")
        verbose_name_plural = _("sessions collectives")
        ordering = ["cohort", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_dates_order",
                violation_error_message=_("La fin doit suivre le début."),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(video_link=""),
                name="session_has_place_or_link",
                violation_error_message=_("Indiquez un lieu ou un lien de visioconférence."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Présent·e")
    EXCUSED = "excused", _("Excusé·e")
    ABSENT = "absent", _("Absent·e")


status_badges(
    AttendanceStatus,
    {AttendanceStatus.PRESENT: "success", AttendanceStatus.EXCUSED: "info", AttendanceStatus.ABSENT: "error"},
)


class Attendance(models.Model):
    """Whether a person expected at a session came, recorded by staff."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("présence"), max_length=20, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("notée par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("notée le"), auto_now=True)

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        ordering = ["session", "user"]
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="attendance_one_per_person")]

    def __str__(self) -> str:
        return f"{self.user} — {self.session} : {self.get_status_display()}"


class SessionFeed(models.Model):
    """A person's private calendar feed of their sessions: the URL carries a token whose digest only is
    stored; renewing it makes a new token and kills the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="session_feed"
    )
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("créé le"), auto_now=True)

    class Meta:
        verbose_name = _("agenda privé des sessions")
        verbose_name_plural = _("agendas privés des sessions")

    def __str__(self) -> str:
        return str(self.user)


class Licence(models.TextChoices):
    """The free licences a public body may use for its source code (décret n° 2017-638, the list of
    licenses.etalab.gouv.fr), by SPDX identifier."""

    APACHE_2 = "Apache-2.0", "Apache 2.0"
    BSD_2 = "BSD-2-Clause", "BSD 2-Clause"
    BSD_3 = "BSD-3-Clause", "BSD 3-Clause"
    CECILL_B = "CECILL-B", "CeCILL-B"
    MIT = "MIT", "MIT"
    CECILL_21 = "CECILL-2.1", "CeCILL 2.1"
    CECILL_C = "CECILL-C", "CeCILL-C"
    GPL_3 = "GPL-3.0-or-later", "GNU GPL 3.0"
    AGPL_3 = "AGPL-3.0-or-later", "GNU AGPL 3.0"
    LGPL_3 = "LGPL-3.0-or-later", "GNU LGPL 3.0"
    MPL_2 = "MPL-2.0", "Mozilla Public License 2.0"
    EUPL_12 = "EUPL-1.2", "EUPL 1.2"


class Repository(models.Model):
    """A source code repository of a challenge's team, under a free licence."""

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("défi"), on_delete=models.CASCADE, related_name="repositories"
    )
    name = models.CharField(_("nom"), max_length=200)
    url = models.URLField(_("adresse du dépôt"))
    licence = models.CharField(_("licence libre"), max_length=30, choices=Licence.choices)
    description = models.TextField(_("description"), blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("déclaré par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("déclaré le"), auto_now_add=True)

    class Meta:
        verbose_name = _("dépôt de code")
        verbose_name_plural = _("dépôts de code")
        ordering = ["challenge", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "url"],
                name="repository_unique_url",
                violation_error_message=_("Ce dépôt est déjà déclaré pour ce défi."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
