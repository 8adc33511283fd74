"""Demo data of the challenges: administrations and challenges named after real EIG challenges, the
past cohort's selected with a link to their code, the current cohort's owned by the demo agent, the
selected challenges of the cohorts in their auditions and in their offers. Idempotent."""

import datetime as dt
import unicodedata

from challenges.models import (
    DEROGATION_LIFECYCLE,
    Administration,
    AdministrationMembership,
    Challenge,
    ChallengeStatus,
    Contact,
    ContactKind,
    DataAccess,
    DerogationStatus,
    MembershipStatus,
    Position,
    TeamMember,
)
from challenges.services import challenges_search_index
from cohorts.models import Cohort
from cohorts.profiles import Profile
from eig.models import User

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
    "DSJ": ("Direction des services judiciaires", "Ministère de la Justice"),
    "ONF": ("Office national des forêts", "Ministère de l'Agriculture et de la Souveraineté alimentaire"),
    "ANCT": (
        "Agence nationale de la cohésion des territoires",
        "Ministère de l'Aménagement du territoire et de la Décentralisation",
    ),
    "DGFiP": (
        "Direction générale des Finances publiques",
        "Ministère de l'Économie, des Finances et de la Souveraineté industrielle et numérique",
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

# The cohort in its auditions: selected challenges, revealed, whose candidates are being auditioned.
AUDITIONS_CHALLENGES = [
    (
        "Archives Augmentées",
        "SIAF",
        "Retrouver en quelques secondes un document parmi des millions de pages d'archives numérisées.",
        ChallengeStatus.SELECTED,
    ),
    (
        "Cap Littoral",
        "DAM",
        "Suivre l'évolution du trait de côte pour anticiper l'érosion et protéger les usagers de la mer.",
        ChallengeStatus.SELECTED,
    ),
    (
        "Parcours de Soins",
        "DREES",
        "Comprendre les parcours des patients pour réduire les ruptures de soins.",
        ChallengeStatus.SELECTED,
    ),
    (
        "Radar Entreprises",
        "DGE",
        "Repérer les filières industrielles fragilisées à partir des données publiques des entreprises.",
        ChallengeStatus.SELECTED,
    ),
]

# The cohort whose results are out (EIG 8): selected challenges, whose laureates answer their offers. The
# first is the demo fellow's and the demo mentor's (fellowship/demo.py).
FELLOWSHIP_CHALLENGES = [
    (
        "Aide Juridictionnelle en Ligne",
        "DSJ",
        "Permettre à chacun de demander l'aide juridictionnelle en ligne et de suivre sa demande.",
        ChallengeStatus.SELECTED,
    ),
    (
        "Forêts Sentinelles",
        "ONF",
        "Repérer tôt le dépérissement des forêts publiques à partir des images satellites.",
        ChallengeStatus.SELECTED,
    ),
    (
        "Impôts Locaux Lisibles",
        "DGFiP",
        "Expliquer aux contribuables le calcul de leurs impôts locaux, commune par commune.",
        ChallengeStatus.SELECTED,
    ),
    (
        "France Services Connectées",
        "ANCT",
        "Aider les conseillers France Services à orienter chaque usager vers la bonne démarche.",
        ChallengeStatus.SELECTED,
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
    "Impôts Locaux Lisibles": (
        [Profile.DESIGNER],
        "Rendre ces calculs lisibles demande aussi un designer : trois profils, là où la promotion en prévoit deux.",
    ),
}
# The derogations staff granted, with their note.
DEMO_GRANTED_DEROGATIONS = {
    "Impôts Locaux Lisibles": "Accordée : le design est au cœur de ce défi.",
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
    if challenge.name in DEMO_GRANTED_DEROGATIONS:
        DEROGATION_LIFECYCLE.apply(challenge, "grant", by=None, note=DEMO_GRANTED_DEROGATIONS[challenge.name], now=now)


def _complete(challenge: Challenge) -> None:
    """Fill a demo challenge's form, positions, team and contacts (once)."""
    for field, value in {
        "context": f"{challenge.summary} Aujourd'hui, les équipes travaillent avec des outils épars.",
        # Markdown, as the programme's real pages are written.
        "solution": (
            "## Les cas d'usage\n\nUn premier service numérique, construit **avec les agents de terrain** :\n\n"
            "- retrouver un dossier en un clic ;\n- suivre ses démarches en ligne.\n\n"
            "Voir [le programme EIG](https://eig.etalab.gouv.fr)."
        ),
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
        # An ASCII address: « Prévisecours » gives « previsecours ».
        folded = unicodedata.normalize("NFKD", challenge.name.lower()).encode("ascii", "ignore").decode()
        slug = "".join(ch for ch in folded if ch.isalnum())
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


def challenges_seed(
    *,
    now: dt.datetime,
    past: Cohort,
    current: Cohort,
    agent: User,
    auditions: Cohort | None = None,
    fellowship: Cohort | None = None,
) -> None:
    """Create or update the demo administrations and challenges of the demo cohorts (`auditions`: the
    cohort in its auditions, `fellowship`: the cohort whose results are out, when there are)."""
    administrations = {}
    for acronym, (name, ministry) in ADMINISTRATIONS.items():
        administrations[acronym], _ = Administration.objects.update_or_create(
            name=name, defaults={"acronym": acronym, "parent_ministry": ministry}
        )
    seeded = [(past, PAST_CHALLENGES), (current, CURRENT_CHALLENGES)]
    if auditions is not None:
        seeded.append((auditions, AUDITIONS_CHALLENGES))
    if fellowship is not None:
        seeded.append((fellowship, FELLOWSHIP_CHALLENGES))
    for cohort, challenges in seeded:
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
                AdministrationMembership.objects.get_or_create(
                    user=agent,
                    administration=administrations[acronym],
                    defaults={"status": MembershipStatus.APPROVED, "decided_at": now},
                )
            if status != ChallengeStatus.DRAFT:
                _complete(challenge)
                _ask_derogation(challenge, now)
    challenges_search_index(
        challenges=Challenge.objects.filter(cohort__in=[cohort for cohort, _ in seeded]).select_related(
            "administration"
        )
    )
