"""The user model: the e-mail address is the login; roles are flags checked by eig.permissions."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CANDIDATE = "candidate", _("Candidat·e")
    AGENT = "agent", _("Agent d'une administration")
    STAFF = "staff", _("Équipe du programme")
    JUROR = "juror", _("Juré·e")
    DIRECTOR = "director", _("Direction du programme")
    FELLOW = "fellow", _("Entrepreneur·e d'intérêt général")
    MENTOR = "mentor", _("Mentor·e")


# The boolean field that carries each role. Programme staff is Django's own is_staff.
ROLE_FIELDS = {
    Role.CANDIDATE: "is_candidate",
    Role.AGENT: "is_agent",
    Role.STAFF: "is_staff",
    Role.JUROR: "is_juror",
    Role.DIRECTOR: "is_director",
    Role.FELLOW: "is_fellow",
    Role.MENTOR: "is_mentor",
}


class UserQuerySet(models.QuerySet):
    def with_role(self, role: Role) -> "UserQuerySet":
        return self.filter(is_active=True, **{ROLE_FIELDS[Role(role)]: True})


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if extra_fields.get("is_staff") is not True or extra_fields.get("is_superuser") is not True:
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    is_candidate = models.BooleanField(
        _("candidat·e"), default=False, help_text=_("Peut déposer une candidature au programme.")
    )
    is_agent = models.BooleanField(
        _("agent d'une administration"), default=False, help_text=_("Peut proposer des défis.")
    )
    is_juror = models.BooleanField(
        _("juré·e"), default=False, help_text=_("Peut évaluer les défis ou les auditions de son jury.")
    )
    is_director = models.BooleanField(
        _("direction du programme"),
        default=False,
        help_text=_("Valide les listes classées des jurys et l'affectation des lauréat·es."),
    )
    is_fellow = models.BooleanField(
        _("entrepreneur·e d'intérêt général"),
        default=False,
        help_text=_("A accepté une offre : membre d'une équipe de la promotion."),
    )
    is_mentor = models.BooleanField(
        _("mentor·e"), default=False, help_text=_("Accompagne une équipe d'entrepreneur·es d'intérêt général.")
    )
    # The last name used in daily life when it differs from the birth name (a spouse's name, for
    # instance), as French administrations mean « nom d'usage »: it replaces `last_name` wherever the
    # person is named. A first name in use needs no field of its own: `first_name` is the one the
    # person uses (the platform never asks for a civil-status first name).
    usual_name = models.CharField(
        _("nom d'usage"),
        max_length=150,
        blank=True,
        help_text=_("Si vous utilisez un autre nom que votre nom de naissance : c'est lui qui sera affiché."),
    )
    pronouns = models.CharField(
        _("pronoms"),
        max_length=50,
        blank=True,
        help_text=_("Par exemple : elle, il, iel."),
    )
    language = models.CharField(
        _("langue des e-mails"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    # The person asked to delete their account (eig.privacy_services): it is closed at once, and
    # anonymised (`erased_at`) as soon as nothing must be kept any longer (a fellow's contract data).
    erasure_requested_at = models.DateTimeField(_("suppression demandée le"), null=True, blank=True)
    erased_at = models.DateTimeField(_("compte anonymisé le"), null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur·rice")
        verbose_name_plural = _("utilisateur·rices")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_case_insensitive_unique",
                violation_error_message=_("Un compte existe déjà avec cette adresse e-mail."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        """« Prénom Nom », with the usual name in place of the last name when there is one."""
        return f"{self.first_name} {self.usual_name or self.last_name}".strip()

    @property
    def has_name(self) -> bool:
        """Whether the account carries a first and a last name (accounts created before sign-up asked
        for them may not)."""
        return bool(self.first_name.strip() and self.last_name.strip())

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)

    @property
    def roles(self) -> list[Role]:
        """The roles this account holds, in the order of Role."""
        return [role for role, field in ROLE_FIELDS.items() if getattr(self, field)]


def user_display(user) -> str:
    """How allauth's pages and e-mails name a person (ACCOUNT_USER_DISPLAY): « Prénom Nom », or the
    e-mail address for an account without a name."""
    return user.get_full_name() or user.email


# The audit trail, the outbox and the reminder ledger live in their own packages but belong to this app
# (and its migrations).
from eig.audit.models import AuditAction, AuditEntry  # noqa: E402, F401
from eig.outbox.models import OutboxEmail  # noqa: E402, F401
from eig.reminders.models import DeliveryStatus, ReminderDelivery  # noqa: E402, F401
