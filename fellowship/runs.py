"""The assignment runs' services: the model's inputs read from the database, a run solved and stored, the
staff's pins and forbids, the validation of a run (which replaces the one validated before), and two runs
compared (docs/assignment.md, « In the platform »).

A run is refused before any list is validated and once the programme has started; its inputs and its
result are stored as JSON (`fellowship.run_codec`), with its placements as rows, and never change. A
validated run sends its offers (`fellowship.offers.offers_send`) in the same transaction."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from applications.models import Application, Wish
from challenges.models import Challenge as ChallengeModel
from challenges.models import ChallengeStatus
from challenges.models import Position as PositionModel
from cohorts.models import Cohort
from cohorts.profiles import Profile
from cohorts.windows import Step
from eig.audit.models import AuditAction
from eig.audit.services import in_site_language, object_label, record, site_text
from eig.constraints import refused_by_constraints
from eig.lifecycle import apply
from fellowship.assignment import (
    Candidate,
    Challenge,
    Position,
    Problem,
    RankedList,
    Result,
    Status,
    Weights,
    assign,
    compare,
)
from fellowship.assignment_text import Labels
from fellowship.lists import validated_lists
from fellowship.models import (
    AssignmentChoice,
    AssignmentRun,
    ChoiceKind,
    Offer,
    OfferStatus,
    RunPlacement,
    RunStatus,
)
from fellowship.offers import REPLACED_NOTE, offers_send
from fellowship.run_codec import problem_from_json, problem_to_json, result_from_json, result_to_json

# The solver statuses of a run that may be validated: a result with placements.
VALIDATABLE_STATUSES = frozenset({Status.OPTIMAL, Status.TIME_LIMIT})
# A run's solver stops after this many seconds (its status then says so): 100 times the real size's time.
TIME_LIMIT_SECONDS = 60.0
# The audit trail's summaries (eig.audit): ids, numbers and statuses only.
RUN_CREATED = ngettext_lazy(
    "%(run)s : calcul n°%(number)s de la promotion n°%(cohort)s (%(status)s), %(count)s placement",
    "%(run)s : calcul n°%(number)s de la promotion n°%(cohort)s (%(status)s), %(count)s placements",
    "count",
)
WEIGHTS_SET = gettext_lazy("%(cohort)s : poids de l'affectation modifiés")
CHOICE_SET = gettext_lazy("Candidature n°%(application)s sur le poste n°%(position)s : %(kind)s")
CHOICE_REMOVED = gettext_lazy("Candidature n°%(application)s sur le poste n°%(position)s : %(kind)s retiré")


def cohort_weights(cohort: Cohort) -> Weights:
    """The cohort's objective weights (its five `assignment_*_weight` fields)."""
    return Weights(
        placement=cohort.assignment_placement_weight,
        list_rank=cohort.assignment_list_rank_weight,
        wish_rank=cohort.assignment_wish_rank_weight,
        jury_proposal=cohort.assignment_jury_proposal_weight,
        running_challenge=cohort.assignment_running_challenge_weight,
    )


def position_labels(positions) -> dict[int, str]:
    """Positions as « Défi — Profil » (with their challenge loaded); when a challenge has several positions
    of one profile, each gets its number among them, by id: « Défi — Profil (poste 2) »."""
    positions = sorted(positions, key=lambda position: position.pk)
    of_kind = Counter((position.challenge_id, position.profile) for position in positions)
    seen: Counter = Counter()
    labels = {}
    for position in positions:
        key = (position.challenge_id, position.profile)
        seen[key] += 1
        labels[position.pk] = str(position)
        if of_kind[key] > 1:
            labels[position.pk] += " " + _("(poste %(number)s)") % {"number": seen[key]}
    return labels


def labels_of(applications, challenges, positions) -> Labels:
    """Display names: the candidates' full names, the challenges' names, the positions (`position_labels`),
    the profiles' labels."""
    return Labels(
        candidates={application.pk: str(application.candidate) for application in applications},
        challenges={challenge.pk: challenge.name for challenge in challenges},
        positions=position_labels(positions),
        profiles={value: str(label) for value, label in Profile.choices},
    )


def answered_pairs(cohort: Cohort, position_ids) -> tuple[set, set]:
    """What the offers already decided, which every later run keeps (one query): an accepted offer's
    (person, position) is pinned — a fellow keeps their position; a declined or lapsed offer's, or one
    withdrawn by staff, is forbidden — the same position is never offered twice to one person, as the
    waiting lists' cascade never does. Offers withdrawn because a new run replaced theirs decide nothing."""
    with translation.override(settings.LANGUAGE_CODE):
        replaced = str(REPLACED_NOTE)
    offers = (
        Offer.objects.filter(application__cohort=cohort, position_id__in=position_ids)
        .exclude(status=OfferStatus.OPEN)
        .exclude(
            status=OfferStatus.WITHDRAWN, transitions__to_status=OfferStatus.WITHDRAWN, transitions__note=replaced
        )
        .values_list("application_id", "position_id", "status")
    )
    pins, forbids = set(), set()
    for application_id, position_id, status in offers:
        (pins if status == OfferStatus.ACCEPTED else forbids).add((application_id, position_id))
    return pins, forbids


def run_problem(cohort: Cohort) -> tuple[Problem, Labels]:
    """The model's inputs from the database (a constant number of queries): the cohort's selected
    challenges with their allowed team size (the usual range, or as a granted derogation widens it) and
    their positions; the last validated list of each (challenge, profile), main then waiting list; the
    wishes of the candidates on them (application ids), in rank order; the pins and forbids on the
    challenges' positions, and those the offers' answers make (`answered_pairs`); the cohort's weights."""
    challenges = list(ChallengeModel.objects.filter(cohort=cohort, status=ChallengeStatus.SELECTED).order_by("pk"))
    for challenge in challenges:
        challenge.cohort = cohort
    challenge_ids = {challenge.pk for challenge in challenges}
    positions = list(PositionModel.objects.filter(challenge_id__in=challenge_ids).select_related("challenge"))
    position_ids = {position.pk for position in positions}
    lists = [
        RankedList(
            challenge_id,
            profile,
            main=[entry.application_id for entry in entries if entry.kind == "main"],
            waiting=[entry.application_id for entry in entries if entry.kind != "main"],
        )
        for (challenge_id, profile), entries in sorted(validated_lists(cohort.pk).items())
        if challenge_id in challenge_ids
    ]
    choices = [
        choice
        for choice in AssignmentChoice.objects.filter(cohort=cohort).order_by("pk")
        if choice.position_id in position_ids
    ]
    answered_pins, answered_forbids = answered_pairs(cohort, position_ids)
    # Whoever a choice or an answer names is a candidate too: a pin on someone no longer listed is then
    # reported.
    named = {choice.application_id for choice in choices} | {pk for pk, _ in answered_pins | answered_forbids}
    candidate_ids = {pk for ranked in lists for pk in ranked.ranked} | named
    applications = list(Application.objects.filter(pk__in=candidate_ids).select_related("candidate"))
    wishes: dict[int, list[int]] = {pk: [] for pk in candidate_ids}
    for wish in Wish.objects.filter(application_id__in=candidate_ids, challenge_id__in=challenge_ids).order_by(
        "application_id", "rank"
    ):
        wishes[wish.application_id].append(wish.challenge_id)
    pins = [(c.application_id, c.position_id) for c in choices if c.kind == ChoiceKind.PIN]
    forbids = [(c.application_id, c.position_id) for c in choices if c.kind == ChoiceKind.FORBID]
    problem = Problem(
        challenges=[Challenge(c.pk, c.allowed_team_size.minimum, c.allowed_team_size.maximum) for c in challenges],
        positions=[Position(p.pk, p.challenge_id, p.profile) for p in positions],
        lists=lists,
        candidates=[Candidate(pk, wishes=wishes[pk]) for pk in sorted(candidate_ids)],
        pins=sorted(set(pins) | answered_pins),
        forbids=sorted(set(forbids) | answered_forbids),
        weights=cohort_weights(cohort),
    )
    return problem, labels_of(applications, challenges, positions)


def _check_before_programme(cohort: Cohort, now) -> None:
    if cohort.window(Step.PROGRAMME).has_opened(now):
        raise ValidationError(
            _("Le programme de cette promotion a commencé : l'affectation ne peut plus changer."),
            code="programme_started",
        )


def _lock_cohort(cohort: Cohort) -> Cohort:
    """The cohort's row locked: runs are numbered, and validated, one at a time per cohort."""
    return Cohort.objects.select_for_update(of=("self",)).get(pk=cohort.pk)


@transaction.atomic
def run_create(*, cohort: Cohort, by, now: dt.datetime | None = None) -> AssignmentRun:
    """« Lancer le calcul »: solve the cohort's inputs as they are now and store the run (its next number),
    its inputs, its result and its placements. Refused before any list is validated and once the programme
    has started."""
    cohort = _lock_cohort(cohort)
    _check_before_programme(cohort, now)
    problem, _labels = run_problem(cohort)
    if not problem.lists:
        raise ValidationError(
            _("Aucune liste validée pour cette promotion : le calcul attend la validation des listes des jurys."),
            code="no_validated_list",
        )
    result = assign(problem, time_limit=TIME_LIMIT_SECONDS)
    number = (AssignmentRun.objects.filter(cohort=cohort).aggregate(last=Max("number"))["last"] or 0) + 1
    with refused_by_constraints():
        run = AssignmentRun.objects.create(
            cohort=cohort,
            number=number,
            inputs=problem_to_json(problem),
            result=result_to_json(result),
            solver_status=result.status.value,
            objective=result.objective,
            created_by=by,
        )
        RunPlacement.objects.bulk_create(
            RunPlacement(
                run=run,
                application_id=placement.candidate_id,
                position_id=placement.position_id,
                pinned=placement.pinned,
                list_rank=placement.list_rank,
                on_waiting_list=placement.on_waiting_list,
                wish_rank=placement.wish_rank,
            )
            for placement in result.placements
        )
    record(
        AuditAction.ASSIGNMENT,
        summary=in_site_language(
            RUN_CREATED,
            run=object_label(run),
            number=run.number,
            cohort=cohort.pk,
            status=run.solver_status,
            count=len(result.placements),
        ),
        target=run,
        data={
            "cohort": cohort.pk,
            "number": run.number,
            "solver_status": run.solver_status,
            "objective": run.objective,
            "placements": [[placement.candidate_id, placement.position_id] for placement in result.placements],
        },
        actor=by,
    )
    return run


def run_result(run: AssignmentRun) -> Result:
    return result_from_json(run.result)


def run_inputs(run: AssignmentRun) -> Problem:
    return problem_from_json(run.inputs)


def cohort_weights_set(*, cohort: Cohort, by, weights: dict, now=None) -> Cohort:
    """Save the cohort's objective weights (`assignment_*_weight` fields) for its next runs; refused once
    the programme has started."""
    _check_before_programme(cohort, now)
    before = Cohort.objects.filter(pk=cohort.pk).values(*weights).get()
    with refused_by_constraints():
        Cohort.objects.filter(pk=cohort.pk).update(**weights)
    record(
        AuditAction.ASSIGNMENT,
        summary=in_site_language(WEIGHTS_SET, cohort=object_label(cohort)),
        target=cohort,
        data={name: {"before": before[name], "after": value} for name, value in weights.items()},
        actor=by,
    )
    return Cohort.objects.get(pk=cohort.pk)


# --- Pins and forbids ---------------------------------------------------------------------------------------


@transaction.atomic
def choice_set(
    *, cohort: Cohort, application: Application, position: PositionModel, kind: str, by, note: str = "", now=None
) -> AssignmentChoice:
    """Pin (`ChoiceKind.PIN`) or forbid (`ChoiceKind.FORBID`) the pair for every later run of the cohort;
    a choice of the other kind on the same pair is replaced. The candidate and the position must be of
    the cohort, before its programme starts."""
    _check_before_programme(cohort, now)
    if application.cohort_id != cohort.pk or position.challenge.cohort_id != cohort.pk:
        raise ValidationError(_("Cette personne et ce poste doivent appartenir à la promotion."), code="cohort")
    if kind not in ChoiceKind.values:
        raise ValidationError(_("Choisissez « Imposer » ou « Exclure »."), code="kind")
    with refused_by_constraints():
        choice, _created = AssignmentChoice.objects.update_or_create(
            application=application,
            position=position,
            defaults={"cohort": cohort, "kind": kind, "note": note.strip(), "created_by": by},
        )
    _record_choice(CHOICE_SET, choice, by=by)
    return choice


def _record_choice(summary, choice: AssignmentChoice, *, by) -> None:
    record(
        AuditAction.ASSIGNMENT,
        summary=in_site_language(
            summary,
            application=choice.application_id,
            position=choice.position_id,
            kind=site_text(ChoiceKind(choice.kind).label).lower(),
        ),
        target=choice.cohort,
        data={"application": choice.application_id, "position": choice.position_id, "kind": choice.kind},
        actor=by,
    )


@transaction.atomic
def choice_remove(*, choice: AssignmentChoice, by, now=None) -> None:
    """Lift a pin or a forbid: later runs no longer obey it (the runs made with it keep it in their inputs)."""
    _check_before_programme(choice.cohort, now)
    AssignmentChoice.objects.filter(pk=choice.pk).delete()
    _record_choice(CHOICE_REMOVED, choice, by=by)


# --- Validation -------------------------------------------------------------------------------------------------


def run_validation_refusal(run: AssignmentRun) -> str:
    """Why the run cannot be validated whatever the reason given (an empty string when it can)."""
    if run.status != RunStatus.PROPOSED:
        return _("Cette affectation est déjà validée ou remplacée : elle ne peut plus changer.")
    if run.solver_status not in VALIDATABLE_STATUSES or run.result.get("pin_issues"):
        return _(
            "Ce calcul n'a pas de résultat à valider (épinglages impossibles ou calcul interrompu) : "
            "corrigez les choix imposés, puis relancez le calcul."
        )
    return ""


def validated_run_of(cohort: Cohort) -> AssignmentRun | None:
    return AssignmentRun.objects.filter(cohort=cohort, status=RunStatus.VALIDATED).first()


@transaction.atomic
def run_validate(*, run: AssignmentRun, by, reason: str = "", now: dt.datetime | None = None) -> AssignmentRun:
    """Validate the run: the run validated before, if any, is replaced first, with `reason` (then
    mandatory); the validated run's offers are sent in the same transaction. Refused for a run without a
    result to validate, and once the programme has started."""
    cohort = _lock_cohort(run.cohort)
    _check_before_programme(cohort, now)
    run = AssignmentRun.objects.select_for_update(of=("self",)).get(pk=run.pk)
    refusal = run_validation_refusal(run)
    if refusal:
        raise ValidationError(refusal, code="not_validatable")
    reason = reason.strip()
    previous = validated_run_of(cohort)
    if previous is not None:
        if not reason:
            raise ValidationError(
                _(
                    "L'affectation n° %(number)s est déjà validée : indiquez le motif de son remplacement, "
                    "il est conservé avec elle."
                )
                % {"number": previous.number},
                code="reason_required",
            )
        apply(previous, "replace", by=by, note=reason, now=now)
    with refused_by_constraints():
        run = apply(run, "validate", by=by, note=reason, now=now)
    offers_send(run=run, by=by, now=now)
    return run


# --- Comparison ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparedCandidate:
    application_id: int
    before: int | None  # position id in the first run (None: no position)
    after: int | None  # in the second run

    @property
    def moved(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class RunTotals:
    placed: int
    running: int  # challenges that run
    challenges: int
    objective: int | None


@dataclass(frozen=True)
class RunComparison:
    a: AssignmentRun
    b: AssignmentRun
    rows: tuple[ComparedCandidate, ...]  # every candidate of either run, by application id
    moves: int
    totals: tuple[RunTotals, RunTotals]


def run_totals(result: Result) -> RunTotals:
    return RunTotals(
        placed=len(result.placements),
        running=sum(1 for outcome in result.challenges if outcome.runs),
        challenges=len(result.challenges),
        objective=result.objective,
    )


def runs_compare(a: AssignmentRun, b: AssignmentRun) -> RunComparison:
    """Each candidate's position in run `a` and in run `b` (`fellowship.assignment.compare` says who moved),
    and the two runs' totals side by side."""
    result_a, result_b = run_result(a), run_result(b)
    moves = {move.candidate_id: move for move in compare(result_a, result_b)}
    was, now = result_a.assignment, result_b.assignment
    candidate_ids = {outcome.candidate_id for outcome in result_a.candidates + result_b.candidates}
    rows = tuple(
        ComparedCandidate(pk, moves[pk].before, moves[pk].after)
        if pk in moves
        else ComparedCandidate(pk, was.get(pk), now.get(pk))
        for pk in sorted(candidate_ids)
    )
    return RunComparison(a, b, rows, len(moves), (run_totals(result_a), run_totals(result_b)))
