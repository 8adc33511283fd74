"""« Pourquoi ce résultat » : an assignment result explained in plain French sentences. No Django here.

Every French template is in `MESSAGES`, keyed by code, with named placeholders, each marked with
`gettext_noop` for the translation catalogue; the Django layer (`fellowship.apps`) wraps them in
`gettext_lazy` (each is rendered with `str(template).format(...)`, so lazy strings work unchanged).
Sentences avoid plural and gender agreement (counts after a colon) so that one template fits every case.

Names come from `Labels` (id -> display name for candidates, challenges, positions and profiles);
an id without a name is shown as itself.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from fellowship.assignment_data import (
    BlockingPair,
    CandidateOutcome,
    ChallengeOutcome,
    Id,
    PinIssue,
    Placement,
    Result,
    WhyNot,
)


def gettext_noop(message: str) -> str:
    """Marks a template for the translation catalogue (Django's `makemessages` knows this name) and returns
    it unchanged: this module stays plain Python. The Django layer translates the templates
    (`fellowship.apps`: each becomes a `gettext_lazy` of itself)."""
    return message


MESSAGES = {
    # The run as a whole.
    "status.optimal": gettext_noop(
        "Résultat optimal. Personnes placées : {placed} ; défis qui partent : {running} sur {challenges}."
    ),
    "status.time_limit": gettext_noop(
        "Résultat provisoire : la limite de temps a arrêté le calcul avant qu'il prouve qu'il n'existe pas de "
        "meilleure solution. Personnes placées : {placed} ; défis qui partent : {running} sur {challenges}."
    ),
    "status.no_solution": gettext_noop(
        "Aucun résultat : la limite de temps a arrêté le calcul avant qu'il trouve une solution."
    ),
    "status.infeasible_pins": gettext_noop(
        "Aucun résultat : les épinglages ne peuvent pas tous être respectés. Corrigez-les, puis relancez le calcul."
    ),
    # Placements.
    "placement": gettext_noop("{candidate} : défi « {challenge} », poste « {position} » ({list_place} ; {wish})."),
    "placement.pinned": gettext_noop(
        "{candidate} : défi « {challenge} », poste « {position} » ({list_place} ; {wish}) — placement épinglé."
    ),
    "list.main": gettext_noop("rang {rank} de la liste « {profile} »"),
    "list.waiting": gettext_noop("rang {rank} de la liste « {profile} », liste complémentaire"),
    "wish.rank": gettext_noop("vœu n° {rank}"),
    "wish.proposal": gettext_noop("proposition du jury, défi non demandé"),
    "wish.none": gettext_noop("aucun poste"),
    # Challenges.
    "challenge.runs": gettext_noop("Le défi « {challenge} » part avec une équipe de {size} : {team}."),
    "challenge.too_few_positions": gettext_noop(
        "Le défi « {challenge} » ne part pas : il n'a pas assez de postes (postes : {positions} ; "
        "équipe minimale : {min_size})."
    ),
    "challenge.too_few_listed": gettext_noop(
        "Le défi « {challenge} » ne part pas : ses listes ne suffisent pas à former une équipe, même sans "
        "concurrence des autres défis (équipe minimale : {min_size} ; équipe possible au plus : {possible})."
    ),
    "challenge.forbidden": gettext_noop(
        "Le défi « {challenge} » ne part pas : les exclusions décidées par l'équipe du programme empêchent de "
        "former une équipe (équipe minimale : {min_size} ; équipe possible : {possible}, {without_forbids} "
        "sans les exclusions)."
    ),
    "challenge.taken_elsewhere": gettext_noop(
        "Le défi « {challenge} » ne part pas : trop peu de personnes de ses listes restent disponibles "
        "(équipe minimale : {min_size} ; équipe possible avec les personnes disponibles : {possible}). "
        "Placées sur un autre défi : {elsewhere}."
    ),
    "challenge.elsewhere": gettext_noop(
        "{candidate} sur « {other} » ({wish_there}, rang {list_rank_there} ; ce défi-ci : {wish_here}, "
        "rang {list_rank_here})"
    ),
    "challenge.elsewhere.pinned": gettext_noop(
        "{candidate} sur « {other} » ({wish_there}, rang {list_rank_there} ; ce défi-ci : {wish_here}, "
        "rang {list_rank_here} ; placement épinglé)"
    ),
    "challenge.not_chosen": gettext_noop(
        "Le défi « {challenge} » ne part pas : une équipe était possible avec des personnes restées sans poste "
        "(équipe possible : {possible}), mais le barème de la promotion ne lui donne pas assez de points, ou le "
        "calcul a été arrêté avant la fin."
    ),
    # Candidates.
    "candidate.not_listed": gettext_noop("{candidate} reste sans poste : ne figure sur aucune liste validée."),
    "candidate.all_forbidden": gettext_noop(
        "{candidate} reste sans poste : chaque poste de ses listes lui est exclu par l'équipe du programme."
    ),
    "candidate.no_place": gettext_noop(
        "{candidate} reste sans poste. Ses choix, et pourquoi ils n'ont pas été retenus :"
    ),
    "candidate.better": gettext_noop(
        "{candidate} a obtenu « {challenge} » ({wish}). Ses choix préférés, et pourquoi ils n'ont pas été retenus :"
    ),
    "why": gettext_noop("« {challenge} » ({wish}) : {reason}"),
    "why.not_on_list": gettext_noop("ne figure pas sur les listes de ce défi."),
    "why.forbidden": gettext_noop("chaque poste possible lui est exclu par l'équipe du programme."),
    "why.blocking": gettext_noop(
        "ce défi et cette personne se préfèrent l'un l'autre à leur résultat : paire bloquante, voir plus bas."
    ),
    "why.not_running": gettext_noop("ce défi ne part pas."),
    "why.team_full": gettext_noop("l'équipe est complète (équipe maximale : {max_size})."),
    "why.outranked": gettext_noop(
        "les postes « {profile} » sont pris par des personnes mieux classées sur la liste (son rang : {list_rank} ; "
        "rangs retenus : {holder_ranks})."
    ),
    # Blocking pairs.
    "blocking.free": gettext_noop(
        "{candidate} et le défi « {challenge} » se préféreraient l'un l'autre à leur résultat : {candidate} classe "
        "ce défi mieux ({wish} ; obtenu : {got}), la liste « {profile} » lui donne le rang {list_rank} et le poste "
        "« {position} » est libre. {cause}"
    ),
    "blocking.displaced": gettext_noop(
        "{candidate} et le défi « {challenge} » se préféreraient l'un l'autre à leur résultat : {candidate} classe "
        "ce défi mieux ({wish} ; obtenu : {got}) et la liste « {profile} » lui donne le rang {list_rank}, devant "
        "{displaced} (rang {displaced_rank}), qui occupe le poste « {position} ». {cause}"
    ),
    "cause.candidate_pinned": gettext_noop("Le résultat est gardé : le placement de {candidate} est épinglé."),
    "cause.holder_pinned": gettext_noop("Le résultat est gardé : le placement de {displaced} est épinglé."),
    "cause.keeps_team_running": gettext_noop(
        "Le résultat est gardé : sans {candidate}, le défi « {current} » tomberait sous son équipe minimale "
        "({min_size}) et ne partirait pas."
    ),
    "cause.displaces": gettext_noop(
        "Le résultat est gardé : garder {displaced} à ce poste donne un meilleur total au barème de la promotion."
    ),
    "cause.weights": gettext_noop(
        "Le résultat est gardé : le barème de la promotion donne au moins autant de points au placement obtenu "
        "({points_got} points contre {points_there})."
    ),
    # Pins.
    "pin.pin_not_listed": gettext_noop(
        "Épinglage impossible : {candidate} ne figure pas sur la liste « {profile} » du défi « {challenge} » "
        "(poste « {position} »)."
    ),
    "pin.pin_forbidden": gettext_noop(
        "Épinglage impossible : la paire {candidate} – poste « {position} » du défi « {challenge} » est à la fois "
        "épinglée et exclue."
    ),
    "pin.pin_candidate_twice": gettext_noop(
        "Épinglages contradictoires : {candidate} a plusieurs épinglages ({positions})."
    ),
    "pin.pin_position_twice": gettext_noop(
        "Épinglages contradictoires : le poste « {position} » du défi « {challenge} » est épinglé pour plusieurs "
        "personnes ({candidates})."
    ),
    "pin.pin_team_too_large": gettext_noop(
        "Épinglages contradictoires : le défi « {challenge} » a plus d'épinglages que son équipe maximale "
        "(épinglages : {count} ; équipe maximale : {max_size})."
    ),
    "pin.pin_team_too_small": gettext_noop(
        "Épinglages impossibles à tenir : le défi « {challenge} » est épinglé, il doit donc partir, mais ses listes "
        "ne suffisent pas à former son équipe avec les autres épinglages (équipe minimale : {min_size} ; équipe "
        "possible : {possible})."
    ),
    "pin.pins_infeasible": gettext_noop(
        "Les épinglages ne peuvent pas tous être respectés ; la limite de temps a arrêté le calcul avant qu'il "
        "trouve lesquels."
    ),
}


@dataclass(frozen=True)
class Labels:
    """Display names by id; an id without one is shown as itself."""

    candidates: Mapping[Id, str] = field(default_factory=dict)
    challenges: Mapping[Id, str] = field(default_factory=dict)
    positions: Mapping[Id, str] = field(default_factory=dict)
    profiles: Mapping[Id, str] = field(default_factory=dict)

    def candidate(self, candidate_id: Id) -> str:
        return str(self.candidates.get(candidate_id, candidate_id))

    def challenge(self, challenge_id: Id) -> str:
        return str(self.challenges.get(challenge_id, challenge_id))

    def position(self, position_id: Id) -> str:
        return str(self.positions.get(position_id, position_id))

    def profile(self, profile: Id) -> str:
        return str(self.profiles.get(profile, profile))


@dataclass(frozen=True)
class ExplanationText:
    summary: str
    placements: tuple[str, ...]
    challenges: tuple[str, ...]  # every challenge: its team, or why it does not run
    candidates: tuple[tuple[str, ...], ...]  # per candidate who did not get their first choice: headline, then why
    blocking_pairs: tuple[str, ...]
    pin_issues: tuple[str, ...]


def _say(code: str, **data) -> str:
    return str(MESSAGES[code]).format(**data)


def wish_text(wish_rank: int | None) -> str:
    return _say("wish.proposal") if wish_rank is None else _say("wish.rank", rank=wish_rank)


def explanation_text(result: Result, labels: Labels | None = None) -> ExplanationText:
    """The whole of « Pourquoi ce résultat » for a result."""
    labels = labels or Labels()
    placed_at = {placement.candidate_id: placement for placement in result.placements}
    return ExplanationText(
        summary=summary_text(result),
        placements=tuple(placement_text(placement, labels) for placement in result.placements),
        challenges=tuple(challenge_text(outcome, labels) for outcome in result.challenges),
        candidates=tuple(candidate_text(o, labels) for o in result.candidates if o.reason is not None or o.better),
        blocking_pairs=tuple(
            blocking_pair_text(pair, placed_at.get(pair.candidate_id), labels) for pair in result.blocking_pairs
        ),
        pin_issues=tuple(pin_issue_text(issue, labels) for issue in result.pin_issues),
    )


def summary_text(result: Result) -> str:
    running = sum(1 for outcome in result.challenges if outcome.runs)
    counts = {"placed": len(result.placements), "running": running, "challenges": len(result.challenges)}
    return _say(f"status.{result.status}", **counts)


def placement_text(placement: Placement, labels: Labels) -> str:
    place = "list.waiting" if placement.on_waiting_list else "list.main"
    return _say(
        "placement.pinned" if placement.pinned else "placement",
        candidate=labels.candidate(placement.candidate_id),
        challenge=labels.challenge(placement.challenge_id),
        position=labels.position(placement.position_id),
        list_place=_say(place, rank=placement.list_rank, profile=labels.profile(placement.profile)),
        wish=wish_text(placement.wish_rank),
    )


def challenge_text(outcome: ChallengeOutcome, labels: Labels) -> str:
    challenge = labels.challenge(outcome.challenge_id)
    if outcome.reason is None:
        team = ", ".join(labels.candidate(candidate_id) for candidate_id in outcome.team)
        return _say("challenge.runs", challenge=challenge, size=len(outcome.team), team=team)
    data = dict(outcome.reason.data)
    if outcome.reason.code == "taken_elsewhere":
        data["elsewhere"] = ", ".join(
            _say(
                "challenge.elsewhere.pinned" if item["pinned"] else "challenge.elsewhere",
                candidate=labels.candidate(item["candidate_id"]),
                other=labels.challenge(item["challenge_id"]),
                wish_there=wish_text(item["wish_rank_there"]),
                wish_here=wish_text(item["wish_rank_here"]),
                list_rank_there=item["list_rank_there"],
                list_rank_here=item["list_rank_here"],
            )
            for item in data["elsewhere"]
        )
    return _say(f"challenge.{outcome.reason.code}", challenge=challenge, **data)


def candidate_text(outcome: CandidateOutcome, labels: Labels) -> tuple[str, ...]:
    """A headline, then one line per preferred challenge and why it was not possible."""
    candidate = labels.candidate(outcome.candidate_id)
    if outcome.placement is not None:
        placement = outcome.placement
        challenge = labels.challenge(placement.challenge_id)
        headline = _say(
            "candidate.better", candidate=candidate, challenge=challenge, wish=wish_text(placement.wish_rank)
        )
    else:
        headline = _say(f"candidate.{outcome.reason.code}", candidate=candidate)
    return (headline, *(why_not_text(why, labels) for why in outcome.better))


def why_not_text(why: WhyNot, labels: Labels) -> str:
    data = dict(why.reason.data)
    if why.reason.code == "outranked":
        data["profile"] = labels.profile(data["profile"])
        data["holder_ranks"] = ", ".join(str(rank) for rank in data["holder_ranks"])
    reason = _say(f"why.{why.reason.code}", **data)
    return _say("why", challenge=labels.challenge(why.challenge_id), wish=wish_text(why.wish_rank), reason=reason)


def blocking_pair_text(pair: BlockingPair, placement: Placement | None, labels: Labels) -> str:
    """`placement`: what the pair's candidate got (None: no position)."""
    candidate = labels.candidate(pair.candidate_id)
    displaced = labels.candidate(pair.displaced_id) if pair.displaced_id is not None else ""
    got = _say("wish.none")
    if placement is not None:
        got = f"« {labels.challenge(placement.challenge_id)} », {wish_text(placement.wish_rank)}"
    cause_data = dict(pair.cause.data)
    if "challenge_id" in cause_data:
        cause_data["current"] = labels.challenge(cause_data.pop("challenge_id"))
    cause = _say(f"cause.{pair.cause.code}", candidate=candidate, displaced=displaced, **cause_data)
    return _say(
        "blocking.free" if pair.displaced_id is None else "blocking.displaced",
        candidate=candidate,
        challenge=labels.challenge(pair.challenge_id),
        wish=wish_text(pair.wish_rank),
        got=got,
        profile=labels.profile(pair.profile),
        list_rank=pair.list_rank,
        position=labels.position(pair.position_id),
        displaced=displaced,
        displaced_rank=pair.displaced_rank,
        cause=cause,
    )


def pin_issue_text(issue: PinIssue, labels: Labels) -> str:
    data = dict(issue.data)
    if "positions" in data:
        data["positions"] = ", ".join(f"« {labels.position(p)} »" for p in data["positions"])
    if "candidates" in data:
        data["count"] = len(data["candidates"])
        data["candidates"] = ", ".join(labels.candidate(c) for c in data["candidates"])
    return _say(
        f"pin.{issue.code}",
        candidate=labels.candidate(issue.candidate_id) if issue.candidate_id is not None else "",
        position=labels.position(issue.position_id) if issue.position_id is not None else "",
        challenge=labels.challenge(issue.challenge_id) if issue.challenge_id is not None else "",
        profile=labels.profile(data.pop("profile")) if "profile" in data else "",
        **data,
    )
