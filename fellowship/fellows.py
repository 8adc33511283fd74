"""Fellows and mentors (docs/fellowship.md, « Fellows and mentors »): an accepted offer makes its laureate
a fellow of the cohort in the challenge's team, with two mentors taken from the challenge's contacts — the
sponsor as senior mentor, a project lead as operational mentor (two project leads share the team) —
invited to the platform by e-mail; the fellow's consent to appear on the public cohort page; the export
of the contracts for the host administrations' HR.

A mentor's invitation link carries a token whose SHA-256 digest only is stored (`Mentor.token_digest`):
sending it again makes a new token and kills the old link. Accepting goes through the shared invitation
flow (eig/invitations.py): the invited address only, once."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from auditions.models import token_digest
from challenges.models import Challenge, Contact, ContactKind
from cohorts.models import Cohort
from eig.audit.models import AuditAction
from eig.audit.services import in_site_language, object_label, record
from eig.constraints import refused_by_constraints
from eig.dates import PARIS
from eig.emails import email_queue
from eig.invitations import invitation_check
from fellowship.models import (
    AssignmentRun,
    Fellow,
    Mentor,
    MentorKind,
    Offer,
    OfferStatus,
    RunStatus,
    Session,
)

# The audit trail's summaries (eig.audit): ids only.
MENTOR_JOINED = gettext_lazy("%(mentor)s : invitation acceptée par le compte n°%(user)s")
FELLOW_MADE = gettext_lazy("%(fellow)s : compte n°%(user)s, d'après l'offre n°%(offer)s acceptée")

# --- Mentors -----------------------------------------------------------------------------------------------


def _mentor_from_contact(contact: Contact, kind: str) -> tuple[Mentor, bool]:
    """The challenge's mentor for this contact, made on first need (True: just made). A contact whose address
    is already a mentor's of the challenge (the sponsor also a project lead) is that mentor."""
    mentor = Mentor.objects.filter(contact=contact).first() or (
        Mentor.objects.filter(challenge_id=contact.challenge_id, email__iexact=contact.email).first()
    )
    if mentor is not None:
        return mentor, False
    mentor = Mentor.objects.create(
        challenge_id=contact.challenge_id, kind=kind, contact=contact, name=contact.name, email=contact.email.lower()
    )
    return mentor, True


def _operational_contact(challenge: Challenge, project_leads: list[Contact]) -> Contact | None:
    """The project lead with the fewest fellows of the challenge so far, the first listed on a tie: two
    project leads share the team, in the same way whatever the order the laureates accept in."""
    if not project_leads:
        return None
    counts = dict(
        Fellow.objects.filter(challenge=challenge, operational_mentor__contact__in=project_leads)
        .values_list("operational_mentor__contact")
        .annotate(count=Count("pk"))
    )
    return min(project_leads, key=lambda contact: (counts.get(contact.pk, 0), contact.pk))


def _challenge_mentors(challenge: Challenge) -> tuple[Mentor | None, Mentor | None, list[Mentor]]:
    """(operational, senior, the mentors just made) for the next fellow of the challenge."""
    contacts = list(challenge.contacts.filter(kind__in=[ContactKind.SPONSOR, ContactKind.PROJECT_LEAD]))
    sponsor = next((contact for contact in contacts if contact.kind == ContactKind.SPONSOR), None)
    lead = _operational_contact(
        challenge, [contact for contact in contacts if contact.kind == ContactKind.PROJECT_LEAD]
    )
    made, chosen = [], []
    for contact, kind in ((lead, MentorKind.OPERATIONAL), (sponsor, MentorKind.SENIOR)):
        mentor = None
        if contact is not None:
            mentor, created = _mentor_from_contact(contact, kind)
            if created:
                made.append(mentor)
        chosen.append(mentor)
    return chosen[0], chosen[1], made


def mentor_invitation_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('fellowship:mentor_invitation', args=[token])}"


@transaction.atomic
def mentor_invite(*, mentor: Mentor, by=None) -> Mentor:
    """E-mail the mentor their invitation to join the platform (or send it again, with a new link: the
    previous one no longer opens). Refused once accepted. `by`: staff sending it again, or None when an
    accepted offer made the mentor."""
    mentor = Mentor.objects.select_for_update(of=("self",)).select_related("challenge__cohort").get(pk=mentor.pk)
    if mentor.accepted_at is not None:
        raise ValidationError(
            _("%(email)s a déjà rejoint la plateforme : l'invitation ne peut plus être envoyée.")
            % {"email": mentor.email}
        )
    token = secrets.token_urlsafe(32)
    mentor.token_digest, mentor.invited_at = token_digest(token), timezone.now()
    mentor.save(update_fields=["token_digest", "invited_at"])
    challenge = mentor.challenge
    email_queue(
        to=[mentor.email],
        template="emails/fellowship/mentor_invitation",
        context={
            "mentor": mentor,
            "kind": mentor.get_kind_display(),
            "challenge": challenge,
            "cohort": challenge.cohort,
            "url": mentor_invitation_url(token),
        },
        language=mentor.user.language if mentor.user_id else settings.LANGUAGE_CODE,
    )
    return mentor


def mentor_by_token(token: str) -> Mentor | None:
    """The mentor whose invitation link carries this token (its digest is looked up)."""
    return (
        Mentor.objects.select_related("challenge__cohort", "challenge__administration")
        .filter(token_digest=token_digest(token))
        .first()
    )


@transaction.atomic
def mentor_accept(*, mentor: Mentor, user) -> Mentor:
    """The invited mentor, signed in with the invited address, joins: the mentor names their account, which
    becomes a mentor's. Refused, nothing changed, once used or from another address (eig.invitations)."""
    mentor = Mentor.objects.select_for_update(of=("self",)).select_related("challenge").get(pk=mentor.pk)
    invitation_check(email=mentor.email, accepted_at=mentor.accepted_at, user=user)
    mentor.user, mentor.accepted_at = user, timezone.now()
    with refused_by_constraints():
        mentor.save(update_fields=["user", "accepted_at"])
    role_given = not user.is_mentor
    if role_given:
        user.is_mentor = True
        user.save(update_fields=["is_mentor"])
    record(
        AuditAction.ACCOUNT,
        summary=in_site_language(MENTOR_JOINED, mentor=object_label(mentor), user=user.pk),
        target=mentor,
        data={"user": user.pk, "challenge": mentor.challenge_id, "kind": mentor.kind, "role_given": role_given},
        actor=user,
    )
    return mentor


# --- Fellows -----------------------------------------------------------------------------------------------


@transaction.atomic
def fellow_from_offer(*, offer: Offer, by=None) -> Fellow:
    """The fellow an accepted offer makes (called by `offer_accept`, in its transaction): in the cohort and
    the team of the position's challenge, under contract for the cohort's programme dates (Paris dates), the
    account given the fellow's role, with an operational and a senior mentor from the challenge's contacts
    (each mentor made here is invited by e-mail). A second call returns the same fellow. The audit trail's
    row names `by` (the person accepting), else the signed-in user."""
    existing = Fellow.objects.filter(offer_id=offer.pk).first()
    if existing is not None:
        return existing
    offer = Offer.objects.select_related("application__candidate", "application__cohort", "position__challenge").get(
        pk=offer.pk
    )
    # The challenge locked: two offers of its team accepted at once share its project leads as one would.
    challenge = Challenge.objects.select_for_update(of=("self",)).get(pk=offer.position.challenge_id)
    application, cohort = offer.application, offer.application.cohort
    operational, senior, made = _challenge_mentors(challenge)
    with refused_by_constraints():
        fellow = Fellow.objects.create(
            cohort=cohort,
            user=application.candidate,
            application=application,
            offer=offer,
            position=offer.position,
            challenge=challenge,
            operational_mentor=operational,
            senior_mentor=senior,
            starts_on=cohort.programme_starts_at.astimezone(PARIS).date(),
            ends_on=cohort.programme_ends_at.astimezone(PARIS).date(),
        )
    user = application.candidate
    if not user.is_fellow:
        user.is_fellow = True
        user.save(update_fields=["is_fellow"])
    record(
        AuditAction.OFFER,
        summary=in_site_language(FELLOW_MADE, fellow=object_label(fellow), user=user.pk, offer=offer.pk),
        target=fellow,
        data={
            "offer": offer.pk,
            "user": user.pk,
            "application": application.pk,
            "position": offer.position_id,
            "challenge": challenge.pk,
            "operational_mentor": operational.pk if operational else None,
            "senior_mentor": senior.pk if senior else None,
            "mentors_made": [mentor.pk for mentor in made],
        },
        **({"actor": by} if by is not None else {}),
    )
    for mentor in made:
        mentor_invite(mentor=mentor)
    return fellow


def fellow_visibility_set(*, fellow: Fellow, public: bool) -> Fellow:
    """The fellow agrees (or no longer agrees) to appear with their team on the public cohort page."""
    fellow.public = public
    fellow.save(update_fields=["public"])
    return fellow


# --- The HR export -----------------------------------------------------------------------------------------

HR_FILE_NAME = "promotion-contrats"


def hr_export_filename(cohort, extension: str) -> str:
    return f"{HR_FILE_NAME}-{cohort.number}-{timezone.localdate().isoformat()}.{extension}"


def seniority_band(fellow: Fellow) -> str:
    """Junior up to the cohort's threshold of years of experience, senior above (the offer's band)."""
    years = fellow.cohort.seniority_threshold_years
    if fellow.offer.senior:
        return _("Senior (plus de %(years)s ans d'expérience)") % {"years": years}
    return _("Junior (jusqu'à %(years)s ans d'expérience)") % {"years": years}


def _mentor_cell(mentor: Mentor | None) -> str:
    return f"{mentor.name} <{mentor.email}>" if mentor else ""


def hr_export_header() -> list[str]:
    return [
        _("Administration d'accueil"),
        _("Nom"),
        _("Prénom"),
        _("Adresse e-mail"),
        _("Profil"),
        _("Ancienneté"),
        _("Salaire net mensuel (€)"),
        _("Défi"),
        _("Poste"),
        _("Début du contrat"),
        _("Fin du contrat"),
        _("Mentor·e opérationnel·le"),
        _("Mentor·e senior"),
    ]


def cohort_fellows(cohort):
    """The cohort's fellows by host administration, challenge and name, with what their rows show (a fixed
    number of queries)."""
    return (
        Fellow.objects.filter(cohort=cohort)
        .select_related("user", "offer", "position", "challenge__administration", "cohort")
        .select_related("operational_mentor", "senior_mentor")
        .order_by("challenge__administration__name", "challenge__name", "user__last_name", "user__first_name", "pk")
    )


def hr_export_rows(cohort) -> list[list]:
    """One row per fellow of the cohort, grouped by host administration: the contract's data for its HR."""
    rows = []
    for fellow in cohort_fellows(cohort):
        rows.append(
            [
                fellow.challenge.administration.name,
                fellow.user.last_name,
                fellow.user.first_name,
                fellow.user.email,
                str(fellow.position.get_profile_display()),
                seniority_band(fellow),
                fellow.offer.monthly_salary,
                fellow.challenge.name,
                fellow.position.mission,
                fellow.starts_on.isoformat(),
                fellow.ends_on.isoformat(),
                _mentor_cell(fellow.operational_mentor),
                _mentor_cell(fellow.senior_mentor),
            ]
        )
    return rows


def hr_export_table(cohort) -> tuple[list[str], list[list], str]:
    """Header, rows and the sheet's title, for eig.exports."""
    return hr_export_header(), hr_export_rows(cohort), _("Contrats %(cohort)s") % {"cohort": cohort.name}


def challenge_teams(cohort):
    """The cohort's challenges that have a team or mentors, by name, each with its fellows (account and
    position) and its mentors (a fixed number of queries)."""
    fellows = Fellow.objects.select_related("user", "position", "operational_mentor", "senior_mentor").order_by(
        "user__last_name", "user__first_name", "pk"
    )
    return (
        Challenge.objects.filter(cohort=cohort, fellows__isnull=False)
        .select_related("administration")
        .prefetch_related(
            Prefetch("fellows", queryset=fellows), Prefetch("mentors", Mentor.objects.order_by("kind", "name"))
        )
        .distinct()
        .order_by("name", "pk")
    )


def _count(queryset, field: str = "cohort"):
    """The number of rows of `queryset` of each cohort, as a subquery (0 when none)."""
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def cohorts_overview():
    """Every cohort, newest first, with its runs, the number of its validated run, its open offers, its
    fellows and its sessions counted (one query whatever the number of cohorts)."""
    validated = AssignmentRun.objects.filter(cohort=OuterRef("pk"), status=RunStatus.VALIDATED).values("number")
    return Cohort.objects.annotate(
        run_count=_count(AssignmentRun.objects.all()),
        validated_run=Subquery(validated[:1]),
        open_offer_count=_count(Offer.objects.filter(status=OfferStatus.OPEN), "run__cohort"),
        fellow_count=_count(Fellow.objects.all()),
        session_count=_count(Session.objects.all()),
    ).order_by("-number")
