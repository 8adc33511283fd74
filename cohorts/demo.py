"""Demo data: a current cohort whose candidates call is open today, a past cohort, administrations
and challenges named after real EIG challenges, and one account per role. Idempotent."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from challenges.models import (
    Administration,
    AdministrationMembership,
    Challenge,
    ChallengeStatus,
    Contact,
    ContactKind,
    DataAccess,
    DerogationStatus,
    Position,
    TeamMember,
)
from cohorts.calendar import TYPICAL_OFFSETS_DAYS, typical_calendar
from cohorts.models import Cohort
from cohorts.profiles import Profile
from cohorts.services import scoring_grids_seed
from eig.models import User

PARIS = ZoneInfo("Europe/Paris")
DEMO_PASSWORD = "eig-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role_label: str
    flags: dict
    first_name: str
    last_name: str


DEMO_ACCOUNTS = [
    DemoAccount("candidat@demo.eig.localhost", "candidat·e", {"is_candidate": True}, "Camille", "Candidat"),
    DemoAccount("agent@demo.eig.localhost", "agent d'administration", {"is_agent": True}, "Dominique", "Agent"),
    DemoAccount(
        "equipe@demo.eig.localhost",
        "équipe du programme",
        {"is_staff": True, "is_superuser": True},
        "Sacha",
        "Équipe",
    ),
    DemoAccount("jure@demo.eig.localhost", "juré·e", {"is_juror": True}, "Alix", "Juré"),
]

ADMINISTRATIONS = {
    "DAM": ("Direction des affaires maritimes", "Ministère de la Transition écologique"),
    "DREES": (
        "Direction de la recherche, des études, de l'évaluation et des statistiques",
        "Ministère des Solidarités et de la Santé",
    ),
    "Mobilier national": ("Mobilier national et manufactures des Gobelins", "Ministère de la Culture"),
    "SDIS 91": ("Service départemental d'incendie et de secours de l'Essonne", "Ministère de l'Intérieur"),
    "DGE": ("Direction générale des entreprises", "Ministère de l'Économie, des Finances et de la Relance"),
    "DNRED": (
        "Direction nationale du renseignement et des enquêtes douanières",
        "Ministère de l'Action et des Comptes publics",
    ),
    "SIAF": ("Service interministériel des archives de France", "Ministère de la Culture"),
    "Gendarmerie": ("Gendarmerie nationale", "Ministère de l'Intérieur"),
    "SIES": (
        "Sous-direction des systèmes d'information et des études statistiques",
        "Ministère de l'Enseignement supérieur et de la Recherche",
    ),
}

# (name, administration acronym, two-line problem, status in its cohort)
PAST_CHALLENGES = [
    (
        "Signaux Faibles",
        "DGE",
        "Détecter tôt les entreprises en difficulté pour que l'État les accompagne avant qu'il ne soit trop tard.",
        ChallengeStatus.SELECTED,
    ),
    (
        "Hopkins",
        "DNRED",
        "Exploiter les données douanières pour mieux cibler les contrôles des marchandises.",
        ChallengeStatus.SELECTED,
    ),
    (
        "Brigade Numérique",
        "Gendarmerie",
        "Répondre en ligne, à toute heure, aux demandes des usagers de la gendarmerie.",
        ChallengeStatus.SELECTED,
    ),
    (
        "Gobelins",
        "Mobilier national",
        "Rendre visibles et réutilisables les collections du Mobilier national.",
        ChallengeStatus.SELECTED,
    ),
    (
        "Lab Santé",
        "DREES",
        "Ouvrir et croiser les données de santé pour éclairer les politiques publiques.",
        ChallengeStatus.SELECTED,
    ),
]
# The code the EIG 6 teams published, linked from the public archive.
PAST_SOURCE_CODE_URLS = {
    "Signaux Faibles": "https://github.com/signaux-faibles",
    "Hopkins": "https://github.com/entrepreneur-interet-general/hopkins",
    "Brigade Numérique": "https://github.com/entrepreneur-interet-general/brigade-numerique",
    "Gobelins": "https://github.com/entrepreneur-interet-general/gobelins",
    "Lab Santé": "https://github.com/entrepreneur-interet-general/lab-sante",
}
CURRENT_CHALLENGES = [
    (
        "PrédiSauvetage",
        "DAM",
        "Anticiper les interventions de sauvetage en mer à partir de l'historique des opérations.",
        ChallengeStatus.SUBMITTED,
    ),
    (
        "Prévisecours",
        "SDIS 91",
        "Prévoir l'activité opérationnelle des pompiers pour mieux répartir les moyens.",
        ChallengeStatus.DRAFT,
    ),
    (
        "b@liseNAV",
        "DAM",
        "Donner aux plaisanciers une information nautique fiable et à jour sur le balisage.",
        ChallengeStatus.SUBMITTED,
    ),
    (
        "ArchiFiltre",
        "SIAF",
        "Aider les agents à comprendre et trier de grandes arborescences de fichiers avant archivage.",
        ChallengeStatus.DRAFT,
    ),
    (
        "dataESR",
        "SIES",
        "Ouvrir les données de l'enseignement supérieur et de la recherche au plus grand nombre.",
        ChallengeStatus.SUBMITTED,
    ),
]


# Real challenges sometimes seek 1 or 4 profiles: one demo challenge asks for a derogation, which staff
# grant or refuse from the admin's list of challenges.
DEMO_DEROGATIONS = {
    "dataESR": (
        [Profile.DATA_ENGINEER, Profile.DIGITAL_LAW_JURIST],
        "Ouvrir ces données demande aussi une ingénieure des données et une juriste du numérique : "
        "quatre profils complémentaires.",
    ),
}


def _ask_derogation(challenge: Challenge, now: dt.datetime) -> None:
    """The demo challenge's derogation request and its extra positions (once)."""
    if challenge.name not in DEMO_DEROGATIONS or challenge.derogation_status:
        return
    profiles, reason = DEMO_DEROGATIONS[challenge.name]
    Position.objects.bulk_create(
        Position(challenge=challenge, profile=profile, mission="Rejoindre l'équipe sur ce volet.")
        for profile in profiles
    )
    challenge.derogation_positions = challenge.positions.count()
    challenge.derogation_reason = reason
    challenge.derogation_status = DerogationStatus.REQUESTED
    challenge.derogation_requested_at = now
    challenge.save()


def _complete(challenge: Challenge) -> None:
    """Fill a demo challenge's form, positions, team and contacts (once)."""
    for field, value in {
        "context": f"{challenge.summary} Aujourd'hui, les équipes travaillent avec des outils épars.",
        "solution": "Un premier service numérique, construit avec les agents de terrain, cas d'usage par cas d'usage.",
        "benefits": "Des décisions plus rapides et mieux informées, au bénéfice direct des usagers.",
        "existing_solutions": "Des tableurs et un prototype interne jamais mis en production.",
        "obstacles": "Des données réparties entre plusieurs systèmes et services.",
        "legal_ethical_issues": "Une analyse d'impact relative à la protection des données sera menée.",
        "openness": "Le code sera publié sous licence libre ; les données non personnelles seront ouvertes.",
        "data_needed": "Les données opérationnelles des cinq dernières années.",
        "data_access": DataAccess.PARTIAL,
        "work_address": "20 avenue de Ségur",
        "work_postcode": "75007",
        "work_city": "Paris",
    }.items():
        if not getattr(challenge, field):
            setattr(challenge, field, value)
    challenge.save()
    if not challenge.positions.exists():
        Position.objects.bulk_create(
            [
                Position(
                    challenge=challenge, profile=Profile.DEVELOPER, mission="Construire le service avec l'équipe."
                ),
                Position(
                    challenge=challenge, profile=Profile.DATA_SCIENTIST, mission="Explorer et modéliser les données."
                ),
            ]
        )
    if not challenge.team_members.exists():
        TeamMember.objects.create(challenge=challenge, name="Camille Durand", role="Cheffe de projet", time_share=50)
    if not challenge.contacts.exists():
        slug = "".join(ch for ch in challenge.name.lower() if ch.isalnum())
        Contact.objects.bulk_create(
            Contact(
                challenge=challenge, kind=kind, name=name, job_title=title, email=f"{kind}.{slug}@demo.eig.localhost"
            )
            for kind, name, title in [
                (ContactKind.SPONSOR, "Dominique Martin", "Directrice"),
                (ContactKind.PROJECT_LEAD, "Camille Durand", "Cheffe de projet"),
                (ContactKind.HR, "Sacha Bernard", "Responsable RH"),
                (ContactKind.FINANCE, "Alex Petit", "Responsable financier"),
            ]
        )


def _paris(year, month, day, hour=0, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


# EIG 6, 2022: the real calendar of the programme's public documents.
PAST_COHORT = {
    "number": 6,
    "name": "EIG 6",
    "projects_call_opens_at": _paris(2022, 1, 24, 9),
    "projects_call_closes_at": _paris(2022, 3, 18, 23, 59),
    "challenges_selected_at": _paris(2022, 4, 8, 12),
    "candidates_call_opens_at": _paris(2022, 3, 7, 9),
    "candidates_call_closes_at": _paris(2022, 4, 19, 23, 59),
    "preselection_results_at": _paris(2022, 5, 4, 12),
    "wishes_open_at": _paris(2022, 5, 9, 9),
    "wishes_close_at": _paris(2022, 5, 15, 23, 59),
    "auditions_start_at": _paris(2022, 6, 7, 9),
    "auditions_end_at": _paris(2022, 6, 13, 19),
    "results_at": _paris(2022, 6, 28, 12),
    "programme_starts_at": _paris(2022, 9, 12, 9),
    "programme_ends_at": _paris(2023, 7, 11, 18),
}


def current_cohort_calendar(now: dt.datetime) -> dict[str, dt.datetime]:
    """A calendar in which the candidates call opened ten days ago: it is open today."""
    today = now.astimezone(PARIS).replace(hour=9, minute=0, second=0, microsecond=0)
    days = TYPICAL_OFFSETS_DAYS["candidates_call_opens_at"] + 10
    dates = typical_calendar(today - dt.timedelta(days=days))
    # Calls close at 23:59 Paris time, as the real ones do.
    for field in ("projects_call_closes_at", "candidates_call_closes_at", "wishes_close_at"):
        dates[field] = dates[field].astimezone(PARIS).replace(hour=23, minute=59)
    return dates


@transaction.atomic
def seed_demo(*, now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    past, _ = Cohort.objects.update_or_create(number=PAST_COHORT["number"], defaults=PAST_COHORT)
    current, _ = Cohort.objects.update_or_create(
        number=10, defaults={"name": "EIG 10", **current_cohort_calendar(now)}
    )
    administrations = {}
    for acronym, (name, ministry) in ADMINISTRATIONS.items():
        administrations[acronym], _ = Administration.objects.update_or_create(
            name=name, defaults={"acronym": acronym, "parent_ministry": ministry}
        )
    users = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first() or User(email=account.email)
        for field, value in account.flags.items():
            setattr(user, field, value)
        user.first_name, user.last_name = account.first_name, account.last_name
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"primary": True, "verified": True}
        )
        users[account.email] = user
    agent = users["agent@demo.eig.localhost"]
    for cohort, challenges in ((past, PAST_CHALLENGES), (current, CURRENT_CHALLENGES)):
        scoring_grids_seed(cohort=cohort)
        cohort.challenge_jurors.add(users["jure@demo.eig.localhost"])
        for name, acronym, summary, status in challenges:
            challenge, _ = Challenge.objects.update_or_create(
                cohort=cohort,
                name=name,
                defaults={
                    "administration": administrations[acronym],
                    "summary": summary,
                    "status": status,
                    "source_code_url": PAST_SOURCE_CODE_URLS.get(name, ""),
                },
            )
            if cohort == current:
                challenge.owners.add(agent)
                AdministrationMembership.objects.get_or_create(user=agent, administration=administrations[acronym])
            if status != ChallengeStatus.DRAFT:
                _complete(challenge)
                _ask_derogation(challenge, now)
    return {"current": current, "past": past, "accounts": DEMO_ACCOUNTS, "password": DEMO_PASSWORD}
