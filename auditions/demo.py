"""Demo data of the auditions (docs/auditions.md « Demo data »): in the cohort in its auditions, three
juries with a member of every role (the demo juror sits on two of them), one audition per pre-selected
candidate for their first wish, booked through `audition_book` over several days (held, to come,
convened, confirmed, another time asked, still to convene), the jurors' declarations (one recusal),
some scorecards through the scoring block, and a deliberation in progress. Idempotent: run again, the
slots follow the cohort's calendar (moved in an order in which they never clash)."""

import datetime as dt

from applications.models import Application
from auditions.models import (
    Audition,
    AuditionScorecard,
    AuditionStatus,
    Declaration,
    Deliberation,
    DeliberationEntry,
    Jury,
    JuryMember,
    JuryRole,
    Link,
    ListKind,
    Opinion,
)
from auditions.services import audition_book, audition_transition
from challenges.models import Challenge, ChallengeStatus
from cohorts.models import Cohort
from cohorts.profiles import Profile
from cohorts.scoring import scorecard_save
from eig.dates import PARIS
from eig.demo import person_seed
from eig.models import User

# (name, indexes of its challenges among the cohort's selected ones by name, its members other than
# the demo juror as (role, first name, last name), the demo juror's role on it or None)
JURIES = [
    (
        "Jury Archives Augmentées",
        (0,),
        [
            (JuryRole.PRESIDENT, "Françoise", "Delmas"),
            (JuryRole.PROJECT_LEAD, "Olivier", "Marchand"),
            (JuryRole.STAFF, "Nadia", "Perrin"),
            (JuryRole.ALUMNUS, "Karim", "Haddad"),
        ],
        JuryRole.OUTSIDE,
    ),
    (
        "Jury Cap Littoral",
        (1,),
        [
            (JuryRole.PRESIDENT, "Bernard", "Le Goff"),
            (JuryRole.PROJECT_LEAD, "Maëlle", "Kerjean"),
            (JuryRole.STAFF, "Thomas", "Nguyen"),
            (JuryRole.OUTSIDE, "Agnès", "Vidal"),
        ],
        JuryRole.ALUMNUS,
    ),
    (
        "Jury Santé et Entreprises",
        (2, 3),
        [
            (JuryRole.PRESIDENT, "Hélène", "Mercier"),
            (JuryRole.PROJECT_LEAD, "Rachid", "Amrani"),
            (JuryRole.PROJECT_LEAD, "Sophie", "Carpentier"),
            (JuryRole.STAFF, "Julien", "Faure"),
            (JuryRole.OUTSIDE, "Élise", "Barbier"),
            (JuryRole.ALUMNUS, "Pierre", "Lemaire"),
        ],
        None,
    ),
]
# A jury's k-th audition: its day, counted from today (the auditions began 3 days ago and end in 3
# days), and what has happened to it. Each jury has its own time of day, so that the demo juror, who
# sits on two juries, is never booked twice at once.
SLOT_DAYS = [-2, 1, -1, 3]
JURY_HOURS = [(9, 30), (11, 0), (14, 30)]
# The transitions of the auditions to come, by (jury, k); the past ones were confirmed and held.
FUTURE_TRANSITIONS = {
    (0, 1): ("convene", "request_change"),
    (1, 1): (),
    (2, 1): ("convene", "confirm"),
    (2, 3): ("convene",),
}
CHANGE_REASON = "J'ai un oral de certification ce matin-là : serait-il possible de passer l'après-midi ?"
# The recusal: the alumnus of the third jury worked with its first candidate.
RECUSAL = (2, 0, JuryRole.ALUMNUS, "Nous avons travaillé dans la même équipe en 2021.")
# How many of the jurors (in seat order) scored each audition held: not all of them.
SCORERS_PER_AUDITION = 3
# The demo juror scored the first audition of the first jury, and none of the others held.
DEMO_JUROR_SCORED = (0, 0)


def _slot(cohort: Cohort, now: dt.datetime, jury_index: int, k: int) -> dt.datetime:
    day = now.astimezone(PARIS).date() + dt.timedelta(days=SLOT_DAYS[k])
    hour, minute = JURY_HOURS[jury_index]
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def _seat(jury: Jury, role: JuryRole, user: User) -> None:
    """`user` sits on `jury` as `role`, invited when the wishes closed and accepted the next day."""
    invited_at = jury.cohort.wishes_close_at
    JuryMember.objects.update_or_create(
        jury=jury,
        email=user.email,
        defaults={
            "role": role,
            "user": user,
            "invited_at": invited_at,
            "accepted_at": invited_at + dt.timedelta(days=1),
        },
    )


def _juries_seed(cohort: Cohort, challenges: list[Challenge], juror: User) -> list[Jury]:
    juries = []
    for name, indexes, members, juror_role in JURIES:
        jury, _ = Jury.objects.get_or_create(cohort=cohort, name=name)
        jury.challenges.set([challenges[index] for index in indexes])
        seats = [(role, person_seed(first, last, is_juror=True)) for role, first, last in members]
        if juror_role is not None:
            seats.append((juror_role, juror))
        for role, user in seats:
            _seat(jury, role, user)
        juries.append(jury)
    return juries


def _book(planned: list[tuple[Audition, dt.datetime]]) -> None:
    """Book each audition at its slot. When the calendar moved (the demo run another day), every slot
    moves by the same delay: moving the latest first (or the earliest first, backwards) never puts
    one on a time another still holds."""
    moving = [(audition, slot) for audition, slot in planned if audition.starts_at != slot]
    later = bool(moving) and (moving[0][0].starts_at is None or moving[0][1] > moving[0][0].starts_at)
    moving.sort(key=lambda pair: pair[0].starts_at or pair[1], reverse=later)
    for audition, slot in moving:
        audition_book(audition=audition, starts_at=slot)


def _auditions_seed(cohort, now, juries, by) -> list[tuple[int, int, Audition]]:
    """One audition per pre-selected candidate, for their first wish, with its jury: (jury index, k,
    audition) in the order of the jury's slots."""
    jury_of = {challenge.pk: index for index, jury in enumerate(juries) for challenge in jury.challenges.all()}
    applications = (
        Application.objects.filter(cohort=cohort, wishes__rank=1)
        .order_by("created_at", "pk")
        .values_list("pk", "wishes__challenge_id")
    )
    auditions, counts = [], [0] * len(juries)
    for application_id, challenge_id in applications:
        index = jury_of[challenge_id]
        audition = Audition.objects.filter(application_id=application_id, challenge_id=challenge_id).exclude(
            status=AuditionStatus.CANCELLED
        ).first() or Audition.objects.create(
            application_id=application_id, challenge_id=challenge_id, jury=juries[index]
        )
        auditions.append((index, counts[index], audition))
        counts[index] += 1
    _book([(audition, _slot(cohort, now, index, k)) for index, k, audition in auditions])
    answer_delay = dt.timedelta(hours=cohort.audition_answer_hours)
    for index, k, audition in auditions:
        audition.refresh_from_db()
        if audition.status == AuditionStatus.PLANNED:
            held = SLOT_DAYS[k] < 0
            for name in ("convene", "confirm") if held else FUTURE_TRANSITIONS[(index, k)]:
                audition_transition(audition, name, by=by)
        if audition.status == AuditionStatus.CHANGE_REQUESTED and not audition.change_reason:
            audition.change_reason = CHANGE_REASON
        if audition.status != AuditionStatus.PLANNED:
            audition.answer_by = audition.starts_at - answer_delay
        audition.save(update_fields=["change_reason", "answer_by"])
    return auditions


def _scores(cohort: Cohort, seed: int) -> dict[int, int]:
    criteria = AuditionScorecard.grid_criteria(cohort)
    return {
        criterion.pk: max(criterion.min_score, min(criterion.max_score, 2 + (seed + position) % 3))
        for position, criterion in enumerate(criteria)
    }


def _declarations_and_scores_seed(cohort, auditions, juror) -> None:
    """Before the auditions held, every juror declared (one recusal) and some scored; for those to come,
    the presidents declared, the demo juror not yet. The demo juror scored their first audition only."""
    for index, k, audition in auditions:
        held = SLOT_DAYS[k] < 0
        members = JuryMember.objects.filter(jury=audition.jury).select_related("user").order_by("pk")
        scorers = 0
        for position, member in enumerate(members):
            if not held and member.role != JuryRole.PRESIDENT:
                continue
            recused = RECUSAL[:3] == (index, k, member.role)
            Declaration.objects.get_or_create(
                audition=audition,
                juror=member.user,
                defaults={"link": Link.WORKED_TOGETHER, "note": RECUSAL[3]} if recused else {"link": Link.NONE},
            )
            if member.user == juror:
                scores = (index, k) == DEMO_JUROR_SCORED
            else:
                scores = scorers < SCORERS_PER_AUDITION
                scorers += scores
            if held and not recused and scores:
                scorecard_save(
                    model=AuditionScorecard,
                    subject=audition,
                    scorer=member.user,
                    scores=_scores(cohort, index + k + position),
                    opinion=Opinion.FAVOURABLE if (index + k + position) % 3 else Opinion.RESERVED,
                    favourite=(index, k, position) == (0, 0, 0),
                    comment="Un entretien clair, des exemples concrets tirés de son expérience.",
                )


def _deliberation_seed(auditions) -> Deliberation:
    """The first jury's deliberation for developers, in progress: its two candidates held, one on the
    main list, one on the waiting list."""
    held = [audition for index, k, audition in auditions if index == 0 and SLOT_DAYS[k] < 0]
    first = held[0]
    deliberation, _ = Deliberation.objects.get_or_create(challenge=first.challenge, profile=Profile.DEVELOPER)
    notes = [
        (ListKind.MAIN, "Très solide sur l'architecture, à l'écoute des agents."),
        (ListKind.WAITING, "Un beau parcours ; moins d'expérience des données d'archives."),
    ]
    for audition, (kind, note) in zip(held, notes, strict=False):
        DeliberationEntry.objects.update_or_create(
            deliberation=deliberation,
            application=audition.application,
            defaults={"kind": kind, "rank": 1, "note": note},
        )
    return deliberation


def auditions_seed(*, now: dt.datetime, cohort: Cohort, juror: User, staff: User) -> list[Audition]:
    """Create or update the demo juries, auditions, declarations, scorecards and deliberation of
    `cohort` (a cohort in its auditions, with pre-selected candidates and their wishes)."""
    challenges = list(Challenge.objects.filter(cohort=cohort, status=ChallengeStatus.SELECTED).order_by("name"))
    juries = _juries_seed(cohort, challenges, juror)
    auditions = _auditions_seed(cohort, now, juries, staff)
    _declarations_and_scores_seed(cohort, auditions, juror)
    _deliberation_seed(auditions)
    return [audition for _index, _k, audition in auditions]


# The jury of a cohort whose results are out (EIG 8): its members, all scoring every audition.
PAST_JURY = (
    "Jury de la promotion",
    [
        (JuryRole.PRESIDENT, "Gilles", "Fontaine"),
        (JuryRole.STAFF, "Yasmine", "Benali"),
        (JuryRole.OUTSIDE, "Mathieu", "Girard"),
    ],
)
PAST_AUDITIONS_PER_DAY = 8


def held_auditions_seed(*, cohort: Cohort, auditioned: list[tuple[Application, Challenge]], by: User) -> None:
    """The auditions of a cohort whose results are out: one jury for its challenges, each candidate of
    `auditioned` heard for their challenge during the cohort's auditions, the slot confirmed, every juror
    declared no link and scored. Idempotent: nothing is done once the jury has its auditions."""
    name, members = PAST_JURY
    jury, _ = Jury.objects.get_or_create(cohort=cohort, name=name)
    if jury.auditions.exists():
        return
    jury.challenges.set({challenge for _application, challenge in auditioned})
    jurors = [person_seed(first, last, is_juror=True) for _role, first, last in members]
    for (role, *_names), user in zip(members, jurors, strict=True):
        _seat(jury, role, user)
    first_day = cohort.auditions_start_at.astimezone(PARIS).date()
    step = cohort.audition_duration + cohort.audition_break
    for k, (application, challenge) in enumerate(auditioned):
        day = first_day + dt.timedelta(days=k // PAST_AUDITIONS_PER_DAY)
        starts_at = dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=PARIS) + step * (k % PAST_AUDITIONS_PER_DAY)
        audition = Audition.objects.create(application=application, challenge=challenge, jury=jury)
        audition_book(audition=audition, starts_at=starts_at, by=by)
        for transition in ("convene", "confirm"):
            audition_transition(audition, transition, by=by)
        for position, juror in enumerate(jurors):
            Declaration.objects.create(audition=audition, juror=juror, link=Link.NONE)
            scorecard_save(
                model=AuditionScorecard,
                subject=audition,
                scorer=juror,
                scores=_scores(cohort, k + position),
                opinion=Opinion.FAVOURABLE,
                comment="Un entretien clair, des exemples concrets tirés de son expérience.",
            )
