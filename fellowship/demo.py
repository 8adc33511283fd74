"""Demo data of the fellowship (docs/fellowship.md « Demo data »): in the cohort whose results are out
(EIG 8), the laureates and the directors' validated lists, a pin and a forbid, two assignment runs (the
second validated at the results, which sends the offers), the offers answered in every way (accepted,
declined, lapsed, withdrawn, still open, each closed one passed to the next on its list), the teams and
their mentors, the demo mentor joined, the consents to the public page, a repository and the cohort's
sessions with an attendance.

Everything goes through the services, at moments in the past (`now=`) so that the deadlines they check
hold. Idempotent: once the cohort has a run, the process is not played again (no e-mail is queued twice);
the sessions follow the cohort's calendar."""

import datetime as dt

from django.db.models import QuerySet

from applications.demo import application_seed
from applications.models import Application
from auditions.demo import held_auditions_seed
from auditions.models import Deliberation, DeliberationStatus, ListKind, ListVersion, ListVersionEntry
from challenges.demo import FELLOWSHIP_CHALLENGES
from challenges.models import Challenge, Contact, ContactKind, Position
from cohorts.models import Cohort
from cohorts.profiles import Profile
from eig.dates import PARIS
from eig.demo import person_seed
from eig.models import User
from fellowship.fellows import fellow_visibility_set, mentor_accept
from fellowship.models import (
    AssignmentRun,
    AttendanceStatus,
    Audience,
    ChoiceKind,
    Fellow,
    Licence,
    Mentor,
    Offer,
    OfferStatus,
    Session,
)
from fellowship.offers import offer_accept, offer_decline, offer_withdraw, offers_sweep
from fellowship.repositories import repository_declare
from fellowship.runs import choice_set, run_create, run_validate
from fellowship.sessions import attendance_record, session_save

FELLOW = "Andréa Entrepreneur"  # the demo fellow account (eig.demo.DEMO_ACCOUNTS)
# (first name, last name, profile, years of experience, the index of their list's challenge among
# FELLOWSHIP_CHALLENGES); each wishes that challenge first, then the next two.
LAUREATES = [
    ("Aurélien", "Roux", Profile.DEVELOPER, 3, 0),
    ("Bérénice", "Caron", Profile.DATA_SCIENTIST, 8, 0),
    ("Clément", "Dubois", Profile.DATA_SCIENTIST, 4, 0),
    ("Diane", "Morel", Profile.DEVELOPER, 9, 1),
    ("Étienne", "Blanc", Profile.DEVELOPER, 2, 1),
    ("Fatou", "Diallo", Profile.DATA_SCIENTIST, 5, 1),
    ("Héloïse", "Masson", Profile.DEVELOPER, 6, 2),
    ("Ibrahim", "Traoré", Profile.DEVELOPER, 3, 2),
    ("Juliette", "Renaud", Profile.DATA_SCIENTIST, 4, 2),
    ("Kévin", "Picard", Profile.DATA_SCIENTIST, 2, 2),
    ("Lina", "Haddou", Profile.DESIGNER, 5, 2),
    ("Maxime", "Colin", Profile.DEVELOPER, 7, 3),
    ("Noémie", "Lucas", Profile.DEVELOPER, 3, 3),
    ("Océane", "Gauthier", Profile.DATA_SCIENTIST, 4, 3),
]
FELLOW_YEARS = 4
# The validated lists: (challenge index, profile) -> (main list, waiting list), best first.
LISTS = {
    (0, Profile.DEVELOPER): ([FELLOW], ["Aurélien Roux"]),
    (0, Profile.DATA_SCIENTIST): (["Bérénice Caron"], ["Clément Dubois"]),
    (1, Profile.DEVELOPER): (["Diane Morel"], ["Étienne Blanc"]),
    (1, Profile.DATA_SCIENTIST): (["Fatou Diallo"], []),
    (2, Profile.DEVELOPER): (["Héloïse Masson"], ["Ibrahim Traoré"]),
    (2, Profile.DATA_SCIENTIST): (["Juliette Renaud"], ["Kévin Picard"]),
    (2, Profile.DESIGNER): (["Lina Haddou"], []),
    (3, Profile.DEVELOPER): (["Maxime Colin"], ["Noémie Lucas"]),
    (3, Profile.DATA_SCIENTIST): (["Océane Gauthier"], []),
}
# Staff's choices before the second run: (kind, person, (challenge index, profile), note). The forbid
# moves its person out, the next on that waiting list in: the comparison of the two runs shows it.
CHOICES = [
    (ChoiceKind.PIN, FELLOW, (0, Profile.DEVELOPER), "Premier vœu et premier rang : confirmé avec le défi."),
    (
        ChoiceKind.FORBID,
        "Bérénice Caron",
        (0, Profile.DATA_SCIENTIST),
        "Conflit d'intérêts : a conseillé cette direction sur le projet l'an dernier.",
    ),
]
# The answers, in days after the results: who accepted, who declined (and why), whose offer staff
# withdrew (and why), whose deadline passed.
ACCEPTED = [(FELLOW, 1), ("Clément Dubois", 2), ("Diane Morel", 2), ("Fatou Diallo", 3)]
DECLINED = ("Héloïse Masson", 2, "J'ai accepté un poste dans une autre administration.")
WITHDRAWN = ("Maxime Colin", 4, "Pièces justificatives non fournies : le diplôme et l'attestation de l'employeur.")
LAPSED = "Juliette Renaud"
# Consent to the public cohort page.
PUBLIC = {FELLOW: True, "Diane Morel": True, "Fatou Diallo": False}
REPOSITORY = {
    "name": "aide-juridictionnelle",
    "url": "https://github.com/entrepreneur-interet-general/aide-juridictionnelle",
    "licence": Licence.EUPL_12,
    "description": "Le formulaire en ligne de demande d'aide juridictionnelle et le suivi des dossiers.",
}
WELCOME_ATTENDANCE = {
    FELLOW: AttendanceStatus.PRESENT,
    "Clément Dubois": AttendanceStatus.PRESENT,
    "Diane Morel": AttendanceStatus.PRESENT,
    "Fatou Diallo": AttendanceStatus.EXCUSED,
}
WELCOME = "Journée d'accueil des lauréat·es"
BOOTCAMP = "Bootcamp de rentrée"
MENTORS_WORKSHOP = "Atelier des mentor·es : accompagner une équipe EIG"
PLACE = "20 avenue de Ségur, 75007 Paris"


def _at(moment: dt.datetime, days: int, hour: int, minute: int = 0) -> dt.datetime:
    """`days` after `moment`'s Paris date, at `hour`:`minute` Paris time."""
    day = moment.astimezone(PARIS).date() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def _challenges(cohort: Cohort) -> list[Challenge]:
    by_name = {challenge.name: challenge for challenge in Challenge.objects.filter(cohort=cohort)}
    return [by_name[name] for name, *_rest in FELLOWSHIP_CHALLENGES]


def _laureates_seed(cohort: Cohort, challenges: list[Challenge], fellow: User) -> dict[str, Application]:
    """The laureates' pre-selected applications, each wishing their list's challenge first: name -> it."""
    people = [(fellow, Profile.DEVELOPER, FELLOW_YEARS, 0)] + [
        (person_seed(first, last, is_candidate=True), profile, years, index)
        for first, last, profile, years, index in LAUREATES
    ]
    return {
        user.get_full_name(): application_seed(
            cohort=cohort,
            candidate=user,
            profile=profile,
            wishes=[challenges[(index + shift) % len(challenges)] for shift in range(3)],
            years_of_experience=years,
        )
        for user, profile, years, index in people
    }


def _lists_seed(cohort, challenges, applications, director) -> None:
    """Each (challenge, profile) list as the auditions leave it: its deliberation validated by the director
    a few days before the results, version 1 frozen with its main and waiting lists."""
    validated_at = cohort.results_at - dt.timedelta(days=3)
    for (index, profile), (main, waiting) in LISTS.items():
        deliberation, _ = Deliberation.objects.update_or_create(
            challenge=challenges[index],
            profile=profile,
            defaults={
                "status": DeliberationStatus.VALIDATED,
                "closed_at": validated_at - dt.timedelta(days=1),
                "validated_at": validated_at,
            },
        )
        version, created = ListVersion.objects.get_or_create(
            deliberation=deliberation, number=1, defaults={"validated_by": director}
        )
        if created:
            ListVersion.objects.filter(pk=version.pk).update(validated_at=validated_at)
            ListVersionEntry.objects.bulk_create(
                ListVersionEntry(version=version, application=applications[name], kind=kind, rank=rank)
                for kind, names in ((ListKind.MAIN, main), (ListKind.WAITING, waiting))
                for rank, name in enumerate(names, start=1)
            )


def _position(challenges, key) -> Position:
    index, profile = key
    return Position.objects.select_related("challenge").get(challenge=challenges[index], profile=profile)


def _offer_of(application: Application) -> Offer:
    return Offer.objects.get(application=application, status=OfferStatus.OPEN)


def _sent_at(offers: QuerySet, moment: dt.datetime) -> None:
    """The offers were made at `moment` (the services ran now, on behalf of that moment)."""
    offers.update(sent_at=moment)


def _process_seed(cohort, challenges, applications, *, staff, fellow, mentor, now) -> None:
    """The assignment and the offers, played once, at the moments of the process."""
    results = cohort.results_at
    first = run_create(cohort=cohort, by=staff, now=results - dt.timedelta(days=2))
    for kind, name, key, note in CHOICES:
        choice_set(
            cohort=cohort,
            application=applications[name],
            position=_position(challenges, key),
            kind=kind,
            by=staff,
            note=note,
            now=results - dt.timedelta(days=1),
        )
    second = run_create(cohort=cohort, by=staff, now=results - dt.timedelta(days=1))
    AssignmentRun.objects.filter(pk=first.pk).update(created_at=results - dt.timedelta(days=2))
    AssignmentRun.objects.filter(pk=second.pk).update(created_at=results - dt.timedelta(days=1))
    run_validate(run=second, by=staff, now=results)
    _sent_at(Offer.objects.filter(run=second), results)

    for name, days in ACCEPTED:
        offer_accept(offer=_offer_of(applications[name]), by=applications[name].candidate, now=_at(results, days, 10))
    name, days, reason = DECLINED
    moment = _at(results, days, 18)
    declined = offer_decline(
        offer=_offer_of(applications[name]), by=applications[name].candidate, reason=reason, now=moment
    )
    _sent_at(Offer.objects.filter(previous=declined), moment)
    name, days, reason = WITHDRAWN
    moment = _at(results, days, 11)
    withdrawn = offer_withdraw(offer=_offer_of(applications[name]), by=staff, reason=reason, now=moment)
    _sent_at(Offer.objects.filter(previous=withdrawn), moment)
    # Its deadline was yesterday evening: the sweep lapses it and offers the position to the next.
    Offer.objects.filter(pk=_offer_of(applications[LAPSED]).pk).update(
        answer_by=_at(now, -1, 23, 59).replace(second=59)
    )
    offers_sweep(now)

    mentor_accept(mentor=Mentor.objects.get(challenge=challenges[0], email=mentor.email), user=mentor)
    for name, public in PUBLIC.items():
        fellow_visibility_set(
            fellow=Fellow.objects.get(cohort=cohort, user=applications[name].candidate), public=public
        )
    repository_declare(challenge=challenges[0], by=fellow, **REPOSITORY)


def _sessions_seed(cohort: Cohort, staff: User, applications) -> list[Session]:
    """A welcome day a week after the results (with its attendance), the mandatory bootcamp at the
    programme's start for fellows and mentors, and a mentors' workshop by video in a week."""
    results, start = cohort.results_at, cohort.programme_starts_at
    planned = [
        {
            "title": WELCOME,
            "starts_at": _at(results, 7, 9, 30),
            "ends_at": _at(results, 7, 17),
            "place": PLACE,
            "video_link": "",
            "mandatory": False,
            "audience": Audience.FELLOWS,
            "description": "Rencontrer les autres lauréat·es et l'équipe du programme avant la rentrée.",
        },
        {
            "title": BOOTCAMP,
            "starts_at": _at(start, 0, 9),
            "ends_at": _at(start, 2, 18),
            "place": PLACE,
            "video_link": "",
            "mandatory": True,
            "audience": Audience.BOTH,
            "description": "Trois jours pour lancer les défis : méthodes, outils, rencontres avec les équipes.",
        },
        {
            "title": MENTORS_WORKSHOP,
            "starts_at": _at(results, 20, 14),
            "ends_at": _at(results, 20, 16),
            "place": "",
            "video_link": "https://webinaire.numerique.gouv.fr/meeting/signin/eig-mentorat",
            "mandatory": False,
            "audience": Audience.MENTORS,
            "description": "Le rôle des mentor·es, le rythme du programme et les questions des équipes.",
        },
    ]
    sessions = []
    for fields in planned:
        session = Session.objects.filter(cohort=cohort, title=fields["title"]).first() or Session(cohort=cohort)
        changed = [field for field, value in fields.items() if getattr(session, field) != value]
        for field, value in fields.items():
            setattr(session, field, value)
        if changed:
            session = session_save(session=session, changed=changed)
        sessions.append(session)
    attendance_record(
        session=sessions[0],
        statuses={applications[name].candidate_id: status for name, status in WELCOME_ATTENDANCE.items()},
        by=staff,
    )
    return sessions


def fellowship_seed(*, now: dt.datetime, cohort: Cohort, staff: User, director: User, fellow: User, mentor: User):
    """Create the fellowship's demo data of `cohort` (a cohort whose results are out, with the selected
    challenges of challenges.demo.FELLOWSHIP_CHALLENGES): the demo `fellow` is first on the main list of
    the first challenge's developer position, the demo `mentor` its project lead. Returns the cohort."""
    challenges = _challenges(cohort)
    # The demo mentor is the first challenge's project lead before any fellow is made (and its mentor).
    Contact.objects.filter(challenge=challenges[0], kind=ContactKind.PROJECT_LEAD).update(
        email=mentor.email, name=mentor.get_full_name()
    )
    applications = _laureates_seed(cohort, challenges, fellow)
    held_auditions_seed(
        cohort=cohort,
        auditioned=[
            (applications[name], challenges[index])
            for (index, _profile), (main, waiting) in LISTS.items()
            for name in [*main, *waiting]
        ],
        by=staff,
    )
    _lists_seed(cohort, challenges, applications, director)
    if not AssignmentRun.objects.filter(cohort=cohort).exists():
        _process_seed(cohort, challenges, applications, staff=staff, fellow=fellow, mentor=mentor, now=now)
    _sessions_seed(cohort, staff, applications)
    return cohort
