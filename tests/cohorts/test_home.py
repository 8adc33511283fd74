import re

import pytest
from django.urls import reverse

from cohorts.calendar import Phase
from eig.templatetags.eig_tags import paris_datetime
from tests.cohorts.factories import CohortFactory

pytestmark = pytest.mark.django_db

# Moments of the typical calendar (CohortFactory's phases), the phase they fall in and the steps open
# then. The candidates call overlaps the projects call and the challenge selection.
INSTANTS = [
    ("upcoming", Phase.UPCOMING, []),
    ("projects_call", Phase.PROJECTS_CALL, ["Appel à projets"]),
    ("both_calls", Phase.CANDIDATES_CALL, ["Appel à projets", "Appel à candidatures"]),
    ("challenge_selection", Phase.CHALLENGE_SELECTION, ["Appel à candidatures", "Sélection des défis"]),
    ("candidates_call_end", Phase.CANDIDATES_CALL, ["Appel à candidatures"]),
    ("preselection", Phase.PRESELECTION, ["Présélection"]),
    ("before_wishes", Phase.BETWEEN_STEPS, []),
    ("wishes", Phase.WISHES, ["Vœux"]),
    ("auditions", Phase.AUDITIONS, ["Auditions"]),
    ("deliberation", Phase.DELIBERATION, ["Délibération"]),
    ("acceptance", Phase.ACCEPTANCE, ["Acceptation des offres"]),
    ("programme", Phase.PROGRAMME, ["Programme"]),
    ("finished", Phase.FINISHED, []),
]


def open_now_block(html: str) -> str:
    match = re.search(r'<div class="fr-callout[^"]*" id="open-now">(.*?)</div>', html, re.S)
    assert match, "the home page has no 'open now' block"
    return match.group(1)


def test_every_phase_has_an_instant():
    assert {phase for _, phase, _ in INSTANTS} == set(Phase)


@pytest.mark.parametrize(("moment", "phase", "open_labels"), INSTANTS)
def test_cohort_phase_derived_from_dates(moment, phase, open_labels):
    cohort = CohortFactory(phase=moment)

    assert cohort.phase() == phase
    assert [step.label for step in cohort.open_steps()] == open_labels


@pytest.mark.parametrize(("moment", "phase", "open_labels"), [row for row in INSTANTS if row[2]])
def test_home_says_what_is_open(client, moment, phase, open_labels):
    cohort = CohortFactory(phase=moment)

    response = client.get(reverse("home"))

    block = open_now_block(response.content.decode())
    open_items = re.findall(r"<li>\s*(.*?)\s*</li>", block, re.S)
    expected = [
        f"<strong>{step.label}</strong> : ouvert jusqu'au {paris_datetime(step.deadline)}."
        for step in cohort.open_steps()
    ]
    assert [" ".join(item.split()) for item in open_items] == expected
    assert [step.label for step in cohort.open_steps()] == open_labels


def test_home_before_the_cohort_starts_says_when(client):
    cohort = CohortFactory(phase="upcoming")

    response = client.get(reverse("home"))

    text = " ".join(open_now_block(response.content.decode()).split())
    assert (
        f"La promotion n'a pas encore commencé : l'appel à projets ouvrira le "
        f"{paris_datetime(cohort.projects_call_opens_at)}." in text
    )


def test_home_between_steps_gives_the_next_one(client):
    cohort = CohortFactory(phase="before_wishes")

    response = client.get(reverse("home"))

    text = " ".join(open_now_block(response.content.decode()).split())
    assert text.endswith(
        f"Aucune étape n'est ouverte. Prochaine étape : Vœux, le {paris_datetime(cohort.wishes_open_at)}. </p>"
    )


def test_home_after_the_programme_says_it_is_over(client):
    CohortFactory(phase="finished")

    response = client.get(reverse("home"))

    assert "Cette promotion est terminée." in open_now_block(response.content.decode())


def test_home_without_cohort(client):
    response = client.get(reverse("home"))

    assert "Aucune promotion n'est programmée pour le moment." in open_now_block(response.content.decode())


def test_home_calendar_lists_every_step_in_paris_time(client):
    cohort = CohortFactory(name="EIG 42")

    response = client.get(reverse("home"))

    html = response.content.decode()
    assert "Calendrier de la promotion EIG 42" in html
    rows = re.findall(r'<tr data-phase="([a-z_]+)">', html)
    assert rows == [step.phase for step in cohort.steps()]
    assert paris_datetime(cohort.candidates_call_closes_at) in html
    assert "(heure de Paris)" in paris_datetime(cohort.candidates_call_closes_at)


def test_home_shows_the_current_cohort_not_the_past_one(client):
    CohortFactory(name="Ancienne", phase="finished")
    CohortFactory(name="Actuelle", phase="both_calls")

    response = client.get(reverse("home"))

    html = response.content.decode()
    assert "Calendrier de la promotion Actuelle" in html
    assert "Ancienne" not in html


def test_home_query_count_is_constant(client, django_assert_num_queries):
    CohortFactory(phase="both_calls")

    with django_assert_num_queries(2):
        client.get(reverse("home"))
