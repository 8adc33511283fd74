"""What the assignment's staff pages read: a cohort's pins, forbids and runs, a run's page (its teams, the
challenges that do not run, the candidates without a position, the blocking pairs, « Pourquoi ce
résultat »), and the names of the people and positions a run's inputs name. Each in a fixed number of
queries, whatever the number of runs, challenges or candidates."""

from dataclasses import dataclass

from django.db.models import Count

from applications.models import Application
from challenges.models import Challenge, Position
from fellowship.assignment import Placement, Problem, Result
from fellowship.assignment_text import ExplanationText, Labels, candidate_text, challenge_text, explanation_text
from fellowship.models import AssignmentChoice, AssignmentRun, RunStatus
from fellowship.runs import labels_of, run_inputs, run_result


def cohort_choices(cohort):
    """The cohort's pins and forbids, with their candidate, position and author (one query)."""
    return AssignmentChoice.objects.filter(cohort=cohort).select_related(
        "application__candidate", "position__challenge", "created_by"
    )


def cohort_runs(cohort):
    """The cohort's runs, latest first, with their author and their numbers of placements and of running
    challenges (one query)."""
    return (
        AssignmentRun.objects.filter(cohort=cohort)
        .select_related("created_by")
        .annotate(
            placed_count=Count("placements", distinct=True),
            running_count=Count("placements__position__challenge", distinct=True),
        )
        .order_by("-number")
    )


def labels_for(*problems: Problem) -> Labels:
    """The names of whatever these inputs name (three queries)."""
    candidate_ids = {candidate.id for problem in problems for candidate in problem.candidates}
    challenge_ids = {challenge.id for problem in problems for challenge in problem.challenges}
    position_ids = {position.id for problem in problems for position in problem.positions}
    return labels_of(
        Application.objects.filter(pk__in=candidate_ids).select_related("candidate"),
        Challenge.objects.filter(pk__in=challenge_ids),
        Position.objects.filter(pk__in=position_ids).select_related("challenge"),
    )


@dataclass(frozen=True)
class PlacementRow:
    placement: Placement
    candidate: str
    position: str


@dataclass(frozen=True)
class Team:
    challenge_id: int
    name: str
    rows: tuple[PlacementRow, ...]

    @property
    def table_id(self) -> str:
        return f"team-{self.challenge_id}"


@dataclass(frozen=True)
class RunPage:
    run: AssignmentRun
    problem: Problem
    result: Result
    labels: Labels
    text: ExplanationText
    teams: tuple[Team, ...]  # the challenges that run, with their placements
    not_running: tuple[str, ...]  # a sentence per challenge that does not run: why
    unplaced: tuple[tuple[str, ...], ...]  # per candidate without a position: why, then each preferred challenge
    validation: object | None  # the log row of the validation (who, when)

    @property
    def candidates(self) -> list[tuple[int, str]]:
        """Every candidate of the inputs, by name (the pin and forbid form's choices)."""
        return sorted(((c.id, self.labels.candidate(c.id)) for c in self.problem.candidates), key=lambda c: c[1])

    @property
    def positions(self) -> list[tuple[int, str]]:
        return sorted(((p.id, self.labels.position(p.id)) for p in self.problem.positions), key=lambda p: p[1])


def run_page(run: AssignmentRun) -> RunPage:
    problem, result = run_inputs(run), run_result(run)
    labels = labels_for(problem)
    by_challenge: dict[int, list[PlacementRow]] = {}
    for placement in result.placements:
        row = PlacementRow(placement, labels.candidate(placement.candidate_id), labels.position(placement.position_id))
        by_challenge.setdefault(placement.challenge_id, []).append(row)
    validation = None
    if run.status != RunStatus.PROPOSED:
        validation = run.transitions.filter(to_status=RunStatus.VALIDATED).select_related("by").first()
    return RunPage(
        run=run,
        problem=problem,
        result=result,
        labels=labels,
        text=explanation_text(result, labels),
        teams=tuple(
            Team(
                outcome.challenge_id, labels.challenge(outcome.challenge_id), tuple(by_challenge[outcome.challenge_id])
            )
            for outcome in result.challenges
            if outcome.runs
        ),
        not_running=tuple(challenge_text(outcome, labels) for outcome in result.challenges if not outcome.runs),
        unplaced=tuple(candidate_text(outcome, labels) for outcome in result.unplaced if outcome.reason is not None),
        validation=validation,
    )
