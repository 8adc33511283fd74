"""Administrations, the challenges ("défis") they propose to a cohort, and the selection jury's
evaluations. Status changes go through challenges.services only."""

import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cohorts.limits import MAX_PROJECT_LEADS as MAX_PROJECT_LEADS  # the limits live in cohorts.limits
from cohorts.limits import PROGRAMME_MAX_POSITIONS, PROGRAMME_MIN_POSITIONS, positions_text, range_text
from cohorts.models import GridStage
from cohorts.profiles import Profile
from cohorts.scoring import (
    CriterionScore,
    Scorecard,
    one_scorecard_per_scorer,
    score_constraints,
    scorecard_foreign_key,
)
from cohorts.windows import Step, window_opened_q
from eig.badges import status_badges
from eig.lifecycle import Lifecycle, Transition, transition_log


class Administration(models.Model):
    name = models.CharField(_("nom"), max_length=255, unique=True)
    acronym = models.CharField(_("sigle"), max_length=50, blank=True)
    parent_ministry = models.CharField(_("ministère de rattachement"), max_length=255, blank=True)
    website = models.URLField(_("site web"), blank=True)
    is_confirmed = models.BooleanField(
        _("confirmée par l'équipe"),
        default=True,
        help_text=_("Une administration proposée par un agent attend la confirmation de l'équipe du programme."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agents"),
        through="AdministrationMembership",
        through_fields=("administration", "user"),
        related_name="administrations",
        blank=True,
    )

    class Meta:
        verbose_name = _("administration")
        verbose_name_plural = _("administrations")
        ordering = ["name"]

    def __str__(self) -> str:
        """The name with its acronym, unless the name already carries it: « Direction (DiAir) », never
        « Direction (DiAir) (DIAIR) »."""
        acronym = self.acronym.strip().strip("()").strip()
        if not acronym or name_carries_acronym(self.name, acronym):
            return self.name
        return f"{self.name} ({acronym})"


def name_carries_acronym(name: str, acronym: str) -> bool:
    """Whether `acronym` appears in `name` as a word of its own, whatever the case, in parentheses or not."""
    return re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", name, re.IGNORECASE) is not None


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("En attente d'accord")
    APPROVED = "approved", _("Accepté")
    DECLINED = "declined", _("Refusé")


def _membership_answered(membership) -> str:
    return _("La demande de %(agent)s a déjà reçu une réponse : %(status)s.") % {
        "agent": membership.user,
        "status": membership.get_status_display().lower(),
    }


# A request to join an administration: its approved members or staff answer it once; an owner's invitation
# accepted by the agent approves it, even declined (the owner vouched for the agent).
MEMBERSHIP_LIFECYCLE = Lifecycle(
    MembershipStatus,
    Transition("approve", {"pending"}, "approved", stamps=("decided_at",), label=_("Accepter")),
    Transition("decline", {"pending"}, "declined", stamps=("decided_at",), label=_("Refuser")),
    Transition(
        "vouch", {"pending", "declined"}, "approved", stamps=("decided_at",), label=_("Accepter sur invitation")
    ),
    by_field="decided_by",
    refusal=_membership_answered,
)


status_badges(
    MembershipStatus,
    {MembershipStatus.PENDING: "info", MembershipStatus.APPROVED: "success", MembershipStatus.DECLINED: "error"},
)


class AdministrationMembershipQuerySet(models.QuerySet):
    def approved(self) -> "AdministrationMembershipQuerySet":
        return self.filter(status=MembershipStatus.APPROVED)

    def pending(self) -> "AdministrationMembershipQuerySet":
        return self.filter(status=MembershipStatus.PENDING)


class AdministrationMembership(models.Model):
    """An agent works for an administration. Joining a listed administration is a request: one of its
    approved members (or staff) approves it, and until then the agent cannot create a challenge in its
    name (challenges.services)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("agent"), on_delete=models.CASCADE)
    administration = models.ForeignKey(Administration, verbose_name=_("administration"), on_delete=models.CASCADE)
    status = models.CharField(
        _("état"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepté ou refusé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vide pour l'agent qui a proposé l'administration et pour les rattachements d'avant la règle."),
    )
    decided_at = models.DateTimeField(_("accepté ou refusé le"), null=True, blank=True)

    objects = AdministrationMembershipQuerySet.as_manager()
    lifecycle = MEMBERSHIP_LIFECYCLE

    class Meta:
        verbose_name = _("rattachement à une administration")
        verbose_name_plural = _("rattachements à une administration")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "administration"],
                name="administration_membership_unique",
                violation_error_message=_("Vous êtes déjà rattaché·e à cette administration."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=MembershipStatus.values),
                name="administration_membership_status_valid",
                violation_error_message=_("Un rattachement est en attente, accepté ou refusé."),
            ),
            models.CheckConstraint(
                condition=Q(status=MembershipStatus.PENDING, decided_at__isnull=True)
                | (~Q(status=MembershipStatus.PENDING) & Q(decided_at__isnull=False)),
                name="administration_membership_decided_at_with_decision",
                violation_error_message=_(
                    "Un rattachement accepté ou refusé porte la date de la décision ; "
                    "une demande en attente n'en a pas."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.administration}"


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposé")
    SELECTED = "selected", _("Sélectionné")
    NOT_SELECTED = "not_selected", _("Non retenu")
    WITHDRAWN = "withdrawn", _("Retiré")


# Each status's DSFR badge colour ({% status_badge %}; eig/badges.py).
status_badges(
    ChallengeStatus,
    {
        ChallengeStatus.DRAFT: "info",
        ChallengeStatus.SUBMITTED: "new",
        ChallengeStatus.SELECTED: "success",
        ChallengeStatus.NOT_SELECTED: "error",
        ChallengeStatus.WITHDRAWN: "",
    },
)


# The lifecycle, as data (eig.lifecycle). Agents submit and withdraw (before the selection); staff reopen a
# submitted challenge, decide (and may revise a decision), put a withdrawn one back as a draft, or withdraw
# a selected one.
CHALLENGE_LIFECYCLE = Lifecycle(
    ChallengeStatus,
    Transition("submit", {"draft"}, "submitted", stamps=("submitted_at",), label=_("Déposer")),
    Transition("withdraw", {"draft", "submitted"}, "withdrawn", label=_("Retirer")),
    Transition("reopen", {"submitted"}, "draft", label=_("Rouvrir pour modification")),
    Transition("select", {"submitted", "not_selected"}, "selected", label=_("Sélectionner")),
    Transition("turn_down", {"submitted", "selected"}, "not_selected", label=_("Ne pas retenir")),
    Transition("withdraw_selected", {"selected"}, "withdrawn", label=_("Retirer un défi sélectionné")),
    Transition("restore", {"withdrawn"}, "draft", label=_("Remettre en brouillon")),
    log="challenges.ChallengeTransition",
    refusal=_("Un défi « %(from)s » ne peut pas passer à « %(to)s »."),
)


class DataAccess(models.TextChoices):
    AVAILABLE = "available", _("Oui, les données sont accessibles")
    PARTIAL = "partial", _("En partie")
    TO_OBTAIN = "to_obtain", _("Non, elles restent à obtenir")
    NONE_NEEDED = "none_needed", _("Le défi ne nécessite pas de données")


class DerogationStatus(models.TextChoices):
    """A request to run the challenge with a number of positions outside the cohort's usual range."""

    REQUESTED = "requested", _("Demandée")
    GRANTED = "granted", _("Accordée")
    REFUSED = "refused", _("Refusée")


status_badges(
    DerogationStatus,
    {DerogationStatus.REQUESTED: "info", DerogationStatus.GRANTED: "success", DerogationStatus.REFUSED: "error"},
)


# A derogation the owners may still rely on: asked (staff have not decided yet) or granted.
ACTIVE_DEROGATION_STATUSES = (DerogationStatus.REQUESTED, DerogationStatus.GRANTED)


def _no_derogation(challenge) -> str:
    return _("Le défi « %(name)s » ne demande pas de dérogation.") % {"name": challenge.name}


# Staff decide a derogation asked by the owners, and may revise the decision (until the selection: the
# challenge's own status is checked by challenges.services). Asking for one is the owners' form step.
DEROGATION_LIFECYCLE = Lifecycle(
    DerogationStatus,
    Transition("grant", DerogationStatus.values, "granted", ("derogation_decided_at",), _("Accorder la dérogation")),
    Transition("refuse", DerogationStatus.values, "refused", ("derogation_decided_at",), _("Refuser la dérogation")),
    status_field="derogation_status",
    by_field="derogation_decided_by",
    note_field="derogation_note",
    refusal=_no_derogation,
)


@dataclass(frozen=True)
class TeamSize:
    """A range of numbers of positions (or fellows), bounds included."""

    minimum: int
    maximum: int

    def allows(self, count: int) -> bool:
        return self.minimum <= count <= self.maximum

    @property
    def text(self) -> str:
        """As a sentence says it: « 2 ou 3 », « de 1 à 3 »."""
        return range_text(self.minimum, self.maximum)


class ChallengeQuerySet(models.QuerySet):
    def for_cohort(self, cohort) -> "ChallengeQuerySet":
        return self.filter(cohort=cohort)

    def owned_by(self, user) -> "ChallengeQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(owners=user)

    def revealed(self, now) -> "ChallengeQuerySet":
        """Selected challenges whose cohort's wishes window has opened (the reveal): the public ones."""
        return self.filter(window_opened_q(Step.WISHES, now, prefix="cohort__"), status=ChallengeStatus.SELECTED)


# The challenge's long texts after its summary, in the order of the form: what the selection jury
# reads (challenges.views.selection) and what the admin shows together (challenges.admin).
CHALLENGE_TEXT_FIELDS = (
    "context",
    "solution",
    "benefits",
    "existing_solutions",
    "obstacles",
    "legal_ethical_issues",
    "openness",
    "data_needed",
)


class Challenge(models.Model):
    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="challenges"
    )
    administration = models.ForeignKey(
        Administration, verbose_name=_("administration"), on_delete=models.PROTECT, related_name="challenges"
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("porteur·ses sur la plateforme"), related_name="owned_challenges"
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.DRAFT
    )

    # The challenge form (DESIGN.md), every field optional until submission.
    name = models.CharField(_("nom du défi"), max_length=200)
    summary = models.TextField(
        _("le problème en deux lignes"), max_length=300, blank=True, help_text=_("300 caractères au plus.")
    )
    context = models.TextField(_("contexte et problème"), blank=True)
    solution = models.TextField(
        _("solution envisagée, par des cas d'usage"),
        blank=True,
        help_text=_("Décrivez ce que les usagers ou les agents pourront faire, cas par cas."),
    )
    benefits = models.TextField(_("bénéfices attendus pour la politique publique"), blank=True)
    existing_solutions = models.TextField(_("solutions déjà envisagées"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    legal_ethical_issues = models.TextField(_("enjeux juridiques et éthiques"), blank=True)
    openness = models.TextField(
        _("ouverture et suite du programme"),
        blank=True,
        help_text=_("Code source libre, données ouvertes, et ce que devient le projet après les dix mois."),
    )
    data_needed = models.TextField(_("données nécessaires"), blank=True)
    data_access = models.CharField(
        _("les données sont-elles accessibles ?"), max_length=20, choices=DataAccess.choices, blank=True
    )
    work_address = models.CharField(_("adresse du lieu de travail"), max_length=255, blank=True)
    work_postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    work_city = models.CharField(
        _("ville"),
        max_length=100,
        blank=True,
        help_text=_("La commune seule, sans « Cedex » ni arrondissement : « Paris », « Lyon », « Saint-Denis »."),
    )

    # A derogation to the cohort's usual number of positions: the owners ask for it on the positions step
    # with a reason; staff grant or refuse it in the admin (challenges.services). docs/challenges.md.
    derogation_positions = models.PositiveSmallIntegerField(
        _("nombre de postes demandé par dérogation"), null=True, blank=True
    )
    derogation_reason = models.TextField(_("motif de la demande de dérogation"), blank=True)
    derogation_status = models.CharField(_("dérogation"), max_length=20, choices=DerogationStatus.choices, blank=True)
    derogation_requested_at = models.DateTimeField(_("dérogation demandée le"), null=True, blank=True)
    derogation_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dérogation décidée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    derogation_decided_at = models.DateTimeField(_("dérogation décidée le"), null=True, blank=True)
    derogation_note = models.TextField(_("note de l'équipe sur la dérogation"), blank=True)

    source_code_url = models.URLField(
        _("code source publié"), blank=True, help_text=_("Le dépôt public du code produit pendant le programme.")
    )
    submitted_at = models.DateTimeField(_("déposé le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    # The catalogue's full-text vector (challenges.search), from the texts' plain text; written by
    # challenges.services.challenges_search_index in the transaction that changes them.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ChallengeQuerySet.as_manager()
    lifecycle = CHALLENGE_LIFECYCLE

    class Meta:
        verbose_name = _("défi")
        verbose_name_plural = _("défis")
        ordering = ["cohort", "name"]
        indexes = [GinIndex(fields=["search_vector"], name="challenge_search_vector")]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "name"],
                name="challenge_name_unique_per_cohort",
                violation_error_message=_("Un défi porte déjà ce nom dans cette promotion."),
            ),
            models.CheckConstraint(
                condition=Q(derogation_positions__isnull=True)
                | Q(
                    derogation_positions__gte=PROGRAMME_MIN_POSITIONS,
                    derogation_positions__lte=PROGRAMME_MAX_POSITIONS,
                ),
                name="challenge_derogation_positions_bounds",
                violation_error_message=format_lazy(
                    _("Une dérogation porte sur {low} à {high} postes."),
                    low=PROGRAMME_MIN_POSITIONS,
                    high=PROGRAMME_MAX_POSITIONS,
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    derogation_status="",
                    derogation_positions__isnull=True,
                    derogation_reason="",
                    derogation_requested_at__isnull=True,
                )
                | (
                    ~Q(derogation_status="")
                    & Q(derogation_positions__isnull=False, derogation_requested_at__isnull=False)
                    & ~Q(derogation_reason="")
                ),
                name="challenge_derogation_requested_with_reason",
                violation_error_message=_(
                    "Une demande de dérogation indique le nombre de postes demandé et son motif."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    derogation_status__in=[DerogationStatus.GRANTED, DerogationStatus.REFUSED],
                    derogation_decided_at__isnull=False,
                )
                | (
                    ~Q(derogation_status__in=[DerogationStatus.GRANTED, DerogationStatus.REFUSED])
                    & Q(derogation_decided_at__isnull=True)
                ),
                name="challenge_derogation_decision_dated",
                violation_error_message=_(
                    "Une dérogation accordée ou refusée porte la date de la décision ; une dérogation en attente "
                    "n'en a pas."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    # --- The number of positions (reads the cohort: select it with the challenge in lists) -----------

    @property
    def usual_positions(self) -> TeamSize:
        """The cohort's usual number of positions per challenge."""
        return TeamSize(self.cohort.usual_positions_min, self.cohort.usual_positions_max)

    @property
    def derogation_positions_text(self) -> str:
        """The number of positions the derogation asks for: « 1 poste », « 4 postes »."""
        return positions_text(self.derogation_positions) if self.derogation_positions else ""

    @property
    def has_active_derogation(self) -> bool:
        return self.derogation_status in ACTIVE_DEROGATION_STATUSES

    @property
    def allowed_team_size(self) -> TeamSize:
        """The challenge's allowed team size, which every later stage reads (auditions, assignment): the
        cohort's usual number of positions, widened to the derogation's number once staff granted it."""
        usual = self.usual_positions
        if self.derogation_status != DerogationStatus.GRANTED:
            return usual
        return TeamSize(min(usual.minimum, self.derogation_positions), max(usual.maximum, self.derogation_positions))

    def positions_count_allowed(self, count: int) -> bool:
        """Whether the challenge may be submitted with `count` positions: the usual number, or the number
        of a derogation asked (staff decide it before the selection) or granted."""
        return self.usual_positions.allows(count) or (
            self.has_active_derogation and count == self.derogation_positions
        )

    @property
    def positions_rows(self) -> int:
        """How many positions the form offers: the usual maximum, or the derogation's number while it is
        asked or granted."""
        rows = self.usual_positions.maximum
        if self.has_active_derogation:
            rows = max(rows, self.derogation_positions)
        return rows

    @property
    def derogation_choices(self) -> list[int]:
        """The numbers of positions a derogation may ask for: within the programme's bounds, outside the
        cohort's usual range."""
        usual = self.usual_positions
        return [
            count for count in range(PROGRAMME_MIN_POSITIONS, PROGRAMME_MAX_POSITIONS + 1) if not usual.allows(count)
        ]


class Position(models.Model):
    """A seat to fill: the challenge asks for a profile with a mission. As many per challenge as the
    cohort's usual number (2 or 3), or as a derogation granted by staff."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("défi"), on_delete=models.CASCADE, related_name="positions"
    )
    profile = models.CharField(_("profil"), max_length=30, choices=Profile.choices)
    mission = models.TextField(_("mission"), blank=True)

    class Meta:
        verbose_name = _("poste")
        verbose_name_plural = _("postes")
        ordering = ["challenge", "id"]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.get_profile_display()}"


class TeamMember(models.Model):
    """Someone of the host administration's project team, with the share of their time."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("défi"), on_delete=models.CASCADE, related_name="team_members"
    )
    name = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("rôle"), max_length=200)
    time_share = models.PositiveSmallIntegerField(_("part de son temps (%)"))

    class Meta:
        verbose_name = _("membre de l'équipe projet")
        verbose_name_plural = _("membres de l'équipe projet")
        ordering = ["challenge", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(time_share__gte=1, time_share__lte=100),
                name="team_member_time_share_range",
                violation_error_message=_("La part du temps est comprise entre 1 et 100 %%."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ContactKind(models.TextChoices):
    SPONSOR = "sponsor", _("Sponsor (mentor·e senior)")
    PROJECT_LEAD = "project_lead", _("Porteur·se de projet (mentor·e opérationnel·le)")
    HR = "hr", _("Contact ressources humaines")
    FINANCE = "finance", _("Contact financier")


# Kinds a challenge has at most one of; project leads may be one or two (MAX_PROJECT_LEADS).
SINGLE_CONTACT_KINDS = [ContactKind.SPONSOR, ContactKind.HR, ContactKind.FINANCE]


class Contact(models.Model):
    challenge = models.ForeignKey(Challenge, verbose_name=_("défi"), on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("rôle"), max_length=20, choices=ContactKind.choices)
    name = models.CharField(_("prénom et nom"), max_length=200)
    job_title = models.CharField(_("fonction"), max_length=200, blank=True)
    email = models.EmailField(_("adresse e-mail"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["challenge", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "kind"],
                condition=Q(kind__in=SINGLE_CONTACT_KINDS),
                name="contact_single_kind_per_challenge",
                violation_error_message=_("Ce défi a déjà un contact pour ce rôle."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class ChallengeTransition(
    transition_log(
        owner="challenges.Challenge", owner_field="challenge", owner_label=_("défi"), status_enum=ChallengeStatus
    )
):
    """The log of a challenge's lifecycle: who moved it from which status to which, when, why."""


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class ChallengeInvitation(models.Model):
    """A colleague invited by e-mail to co-own a challenge; works for people without an account yet."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("défi"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse e-mail"))
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invité·e par"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acceptée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "email"],
                condition=Q(accepted_at__isnull=True),
                name="challenge_invitation_one_pending_per_email",
                violation_error_message=_("Une invitation est déjà en attente pour cette adresse."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.challenge}"


class ChallengeEvaluation(Scorecard):
    """One evaluator's assessment of a challenge on the cohort's challenge grid (cohorts.scoring)."""

    grid_stage = GridStage.CHALLENGE_SELECTION
    subject_field = "challenge"
    scorer_field = "evaluator"

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("défi"), on_delete=models.CASCADE, related_name="evaluations"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("évaluateur·rice"),
        on_delete=models.PROTECT,
        related_name="challenge_evaluations",
    )
    favourable = models.BooleanField(_("avis favorable"))
    comment = models.TextField(_("commentaire"), blank=True)
    favourite = models.BooleanField(_("coup de cœur"), default=False)

    class Meta:
        verbose_name = _("évaluation d'un défi")
        verbose_name_plural = _("évaluations des défis")
        ordering = ["challenge", "created_at"]
        constraints = [
            one_scorecard_per_scorer(
                subject_field="challenge",
                scorer_field="evaluator",
                name="challenge_evaluation_one_per_evaluator",
                message=_("Vous avez déjà évalué ce défi."),
            ),
        ]


class ChallengeScore(CriterionScore):
    """A score of a challenge evaluation on one criterion (cohorts.scoring.CriterionScore)."""

    evaluation = scorecard_foreign_key(ChallengeEvaluation)

    class Meta(CriterionScore.Meta):
        constraints = score_constraints(scorecard_field="evaluation", prefix="challenge_score")
