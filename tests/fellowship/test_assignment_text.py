"""« Pourquoi ce résultat » : the French sentences of an assignment's explanation."""

from fellowship import assignment_text
from fellowship.assignment import PinIssue, Result, Status, Weights, assign
from fellowship.assignment_text import MESSAGES, ExplanationText, Labels, explanation_text
from tests.fellowship.brute_force import random_problem
from tests.fellowship.instances import make, two_teams
from tests.fellowship.test_assignment_explain import keeps_team_running, weighed

LABELS = Labels(
    candidates={
        "x": "Camille Martin",
        "h": "Dominique Petit",
        "d": "Sacha Leroy",
        "e": "Noa Bernard",
        "f": "Lou Roux",
    },
    challenges={"A": "Signaux Faibles", "B": "Hopkins"},
    positions={1: "Développeur A", 2: "Data A", 3: "Développeur H", 4: "Data H", 5: "Design H"},
    profiles={"dev": "développement", "data": "data science", "design": "design"},
)


def test_explanation_text_of_a_result_with_a_blocking_pair():
    text = explanation_text(assign(two_teams()), LABELS)

    assert text == ExplanationText(
        summary="Résultat optimal. Personnes placées : 5 ; défis qui partent : 2 sur 2.",
        placements=(
            "Dominique Petit : défi « Signaux Faibles », poste « Développeur A » (rang 2 de la liste "
            "« développement » ; vœu n° 1).",
            "Sacha Leroy : défi « Signaux Faibles », poste « Data A » (rang 1 de la liste « data science » ; "
            "vœu n° 1).",
            "Camille Martin : défi « Hopkins », poste « Développeur H » (rang 1 de la liste « développement » ; "
            "vœu n° 2).",
            "Noa Bernard : défi « Hopkins », poste « Data H » (rang 1 de la liste « data science » ; vœu n° 1).",
            "Lou Roux : défi « Hopkins », poste « Design H » (rang 1 de la liste « design » ; vœu n° 1).",
        ),
        challenges=(
            "Le défi « Signaux Faibles » part avec une équipe de 2 : Dominique Petit, Sacha Leroy.",
            "Le défi « Hopkins » part avec une équipe de 3 : Camille Martin, Noa Bernard, Lou Roux.",
        ),
        candidates=(
            (
                "Camille Martin a obtenu « Hopkins » (vœu n° 2). Ses choix préférés, et pourquoi ils n'ont pas été "
                "retenus :",
                "« Signaux Faibles » (vœu n° 1) : ce défi et cette personne se préfèrent l'un l'autre à leur "
                "résultat : paire bloquante, voir plus bas.",
            ),
        ),
        blocking_pairs=(
            "Camille Martin et le défi « Signaux Faibles » se préféreraient l'un l'autre à leur résultat : Camille "
            "Martin classe ce défi mieux (vœu n° 1 ; obtenu : « Hopkins », vœu n° 2) et la liste « développement » "
            "lui donne le rang 1, devant Dominique Petit (rang 2), qui occupe le poste « Développeur A ». Le résultat "
            "est gardé : garder Dominique Petit à ce poste donne un meilleur total au barème de la promotion.",
        ),
        pin_issues=(),
    )


def test_explanation_text_of_a_pinned_placement_and_a_team_kept_running():
    pinned = explanation_text(assign(two_teams(pins=[("h", 1)])), LABELS)
    running_labels = Labels(
        candidates={"x": "Camille Martin"},
        challenges={"A": "Signaux Faibles", "B": "Hopkins"},
        positions={3: "Design A"},
    )
    running = explanation_text(assign(keeps_team_running()), running_labels)

    assert pinned.placements[0] == (
        "Dominique Petit : défi « Signaux Faibles », poste « Développeur A » (rang 2 de la liste « développement » ; "
        "vœu n° 1) — placement épinglé."
    )
    assert pinned.blocking_pairs[0].endswith("Le résultat est gardé : le placement de Dominique Petit est épinglé.")
    assert running.blocking_pairs == (
        "Camille Martin et le défi « Signaux Faibles » se préféreraient l'un l'autre à leur résultat : Camille Martin "
        "classe ce défi mieux (vœu n° 1 ; obtenu : « Hopkins », vœu n° 2), la liste « design » lui donne le rang 1 et "
        "le poste « Design A » est libre. Le résultat est gardé : sans Camille Martin, le défi « Hopkins » tomberait "
        "sous son équipe minimale (2) et ne partirait pas.",
    )


def test_explanation_text_of_the_weights_cause():
    text = explanation_text(assign(weighed()))

    assert text.blocking_pairs[0].endswith(
        "Le résultat est gardé : le barème de la promotion donne au moins autant de points au placement obtenu "
        "(999 points contre 900)."
    )


def test_explanation_text_of_challenges_that_do_not_run_and_of_unplaced_candidates():
    problem = make(
        {"A": (2, 2), "B": (3, 3), "C": (3, 3)},
        {1: ("A", "dev"), 2: ("A", "data"), 3: ("B", "dev"), 4: ("B", "data"), 5: ("B", "design"), 6: ("C", "dev")},
        {
            ("A", "dev"): (["x"], ["z"]),
            ("A", "data"): ["y"],
            ("B", "dev"): ["x"],
            ("B", "data"): ["y"],
            ("B", "design"): ["w"],
        },
        {"x": ["B", "A"], "y": ["B"], "w": ["B"], "z": ["A"], "q": ["C"]},
    )

    text = explanation_text(assign(problem))

    assert text.challenges == (
        "Le défi « A » ne part pas : trop peu de personnes de ses listes restent disponibles (équipe minimale : 2 ; "
        "équipe possible avec les personnes disponibles : 1). Placées sur un autre défi : x sur « B » (vœu n° 1, "
        "rang 1 ; ce défi-ci : vœu n° 2, rang 1), y sur « B » (vœu n° 1, rang 1 ; ce défi-ci : proposition du jury, "
        "défi non demandé, rang 1).",
        "Le défi « B » part avec une équipe de 3 : x, y, w.",
        "Le défi « C » ne part pas : il n'a pas assez de postes (postes : 1 ; équipe minimale : 3).",
    )
    assert text.candidates == (
        (
            "q reste sans poste : ne figure sur aucune liste validée.",
            "« C » (vœu n° 1) : ne figure pas sur les listes de ce défi.",
        ),
        (
            "z reste sans poste. Ses choix, et pourquoi ils n'ont pas été retenus :",
            "« A » (vœu n° 1) : ce défi ne part pas.",
        ),
    )


def test_explanation_text_of_pins_that_cannot_hold():
    text = explanation_text(assign(two_teams(pins=[("e", 1), ("x", 1), ("x", 3)])), LABELS)

    assert text.summary == (
        "Aucun résultat : les épinglages ne peuvent pas tous être respectés. Corrigez-les, puis relancez le calcul."
    )
    assert text.pin_issues == (
        "Épinglage impossible : Noa Bernard ne figure pas sur la liste « développement » du défi « Signaux Faibles » "
        "(poste « Développeur A »).",
        "Épinglages contradictoires : Camille Martin a plusieurs épinglages (« Développeur A », « Développeur H »).",
        "Épinglages contradictoires : le poste « Développeur A » du défi « Signaux Faibles » est épinglé pour "
        "plusieurs personnes (Noa Bernard, Camille Martin).",
    )


def test_explanation_text_of_a_run_cut_short_by_the_time_limit():
    cut = Result(Status.TIME_LIMIT, 0, (), (), (), ())
    empty = Result(Status.NO_SOLUTION, None, (), (), (), ())

    assert explanation_text(cut).summary == (
        "Résultat provisoire : la limite de temps a arrêté le calcul avant qu'il prouve qu'il n'existe pas de "
        "meilleure solution. Personnes placées : 0 ; défis qui partent : 0 sur 0."
    )
    assert explanation_text(empty).summary == (
        "Aucun résultat : la limite de temps a arrêté le calcul avant qu'il trouve une solution."
    )


def test_explanation_text_shows_ids_without_labels():
    problem = make({7: (1, 1)}, {70: (7, "dev")}, {(7, "dev"): [3]}, {3: [7]})

    assert explanation_text(assign(problem)).placements == (
        "3 : défi « 7 », poste « 70 » (rang 1 de la liste « dev » ; vœu n° 1).",
    )


class Recording(dict):
    """MESSAGES, noting each template read."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)


def test_every_template_is_used_and_given_all_its_placeholders(monkeypatch):
    recording = Recording(MESSAGES)
    monkeypatch.setattr(assignment_text, "MESSAGES", recording)
    results = [assign(random_problem(seed)) for seed in range(120)]
    results += [
        assign(problem)
        for problem in (
            two_teams(),
            two_teams(pins=[("x", 3)]),
            two_teams(pins=[("h", 1)]),
            two_teams(pins=[("e", 1)]),
            keeps_team_running(),
            weighed(),
            make(
                {"A": (2, 2)},
                {1: ("A", "dev"), 2: ("A", "data")},
                {("A", "dev"): ["a"], ("A", "data"): ["b"]},
                {"a": [], "b": []},
                weights=Weights(placement=10),
            ),
            make(
                {"A": (2, 2)},
                {1: ("A", "dev"), 2: ("A", "data")},
                {("A", "dev"): ["x"], ("A", "data"): ["y"]},
                {"x": ["A"], "y": ["A"]},
                forbids=[("y", 2)],
            ),
            make(
                {"A": (1, 1), "B": (1, 1)},
                {1: ("A", "dev"), 2: ("B", "dev")},
                {("A", "dev"): ["x"], ("B", "dev"): ["x"]},
                {"x": ["A", "B"]},
                pins=[("x", 2)],
            ),
        )
    ]
    results += [
        Result(Status.TIME_LIMIT, 0, (), (), (), ()),
        Result(Status.NO_SOLUTION, None, (), (), (), ()),
        Result(Status.INFEASIBLE_PINS, None, (), (), (), (), (PinIssue("pins_infeasible", None, None, None),)),
    ]

    for result in results:
        explanation_text(result)

    assert recording.read == set(MESSAGES)
