"""The assignment model's inputs and results as JSON, for `AssignmentRun.inputs` and `AssignmentRun.result`.

A run stores what the model read and what it gave, so that its page, its explanation and a comparison
with another run read the run itself, never the database as it is today. Every value round-trips exactly:
`result_from_json(result_to_json(result)) == result` (and the same for problems); tuples become JSON
lists and come back as tuples, the statuses come back as `Status`. No Django here.
"""

import dataclasses
from collections.abc import Mapping

from fellowship.assignment_data import (
    BlockingPair,
    Candidate,
    CandidateOutcome,
    Challenge,
    ChallengeOutcome,
    PinIssue,
    Placement,
    Position,
    Problem,
    RankedList,
    Reason,
    Result,
    Status,
    Weights,
    WhyNot,
)


def _plain(value):
    """Dataclasses as dicts, tuples as lists, enums as their values, recursively."""
    if dataclasses.is_dataclass(value):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Status):
        return value.value
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _tuples(value):
    """JSON lists back as tuples, recursively (the data of reasons and pin issues)."""
    if isinstance(value, list):
        return tuple(_tuples(item) for item in value)
    if isinstance(value, dict):
        return {key: _tuples(item) for key, item in value.items()}
    return value


# --- Problems ---------------------------------------------------------------------------------------------


def problem_to_json(problem: Problem) -> dict:
    return _plain(problem)


def problem_from_json(data: Mapping) -> Problem:
    return Problem(
        challenges=[Challenge(**item) for item in data["challenges"]],
        positions=[Position(**item) for item in data["positions"]],
        lists=[RankedList(**item) for item in data["lists"]],
        candidates=[Candidate(**item) for item in data["candidates"]],
        pins=data["pins"],
        forbids=data["forbids"],
        weights=Weights(**data["weights"]),
    )


# --- Results ----------------------------------------------------------------------------------------------


def result_to_json(result: Result) -> dict:
    return _plain(result)


def _reason(data: Mapping | None) -> Reason | None:
    return None if data is None else Reason(data["code"], _tuples(data["data"]))


def _placement(data: Mapping | None) -> Placement | None:
    return None if data is None else Placement(**data)


def result_from_json(data: Mapping) -> Result:
    return Result(
        status=Status(data["status"]),
        objective=data["objective"],
        placements=tuple(Placement(**item) for item in data["placements"]),
        challenges=tuple(
            ChallengeOutcome(
                challenge_id=item["challenge_id"],
                min_size=item["min_size"],
                max_size=item["max_size"],
                team=tuple(item["team"]),
                reason=_reason(item["reason"]),
            )
            for item in data["challenges"]
        ),
        candidates=tuple(
            CandidateOutcome(
                candidate_id=item["candidate_id"],
                placement=_placement(item["placement"]),
                reason=_reason(item["reason"]),
                better=tuple(
                    WhyNot(why["challenge_id"], why["wish_rank"], _reason(why["reason"])) for why in item["better"]
                ),
            )
            for item in data["candidates"]
        ),
        blocking_pairs=tuple(
            BlockingPair(**{**item, "cause": _reason(item["cause"])}) for item in data["blocking_pairs"]
        ),
        pin_issues=tuple(PinIssue(**{**item, "data": _tuples(item["data"])}) for item in data["pin_issues"]),
        build_seconds=data["build_seconds"],
        solve_seconds=data["solve_seconds"],
        explain_seconds=data["explain_seconds"],
    )
